import Brobyggare
import Foundation
import Testing

@testable import BrobyggareCommands

/// What a hostile probe found past the earlier hardening, each as it was found; each failed
/// before its fix.
@Suite("Found by a hostile probe")
struct HostileProbeTests {
  /// A DL file whose labels differ only in case trapped (exit 132): UCINET reads them as one
  /// label, so it is an error at the header; the writer refuses ids it would write so.
  @Test func dlLabelsEqualButForCase() throws {
    let e = #expect(throws: FormatError.self) {
      try UCINETFormat.read(
        Data("dl n=2\nformat = edgelist1\nlabels:\nA,a\ndata:\n1 2\n".utf8), file: "ca.dl")
    }
    #expect(e?.message.contains("the labels 'A' and 'a' are the same label to UCINET") == true)
    #expect(throws: FormatError.self) {
      try UCINETFormat.read(Data("dl n=2\nlabels:\na,a\ndata:\n0 1\n1 0\n".utf8), file: "m.dl")
    }
    var net = Network(directed: true)
    net.addTie(from: "A", to: "a")
    #expect(throws: FormatError.self) { try UCINETFormat.write(net) }
  }

  /// A link planted under the temporary file's name redirected the output, onto the input
  /// even: the temporary file is made new, never through a link.
  @Test func aPlantedLinkDoesNotRedirectTheOutput() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let victim = dir.appendingPathComponent("victim.txt").path
    try "keep\n".write(toFile: victim, atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("out.csv").path
    let temp = dir.appendingPathComponent(
      ".out.csv.\(ProcessInfo.processInfo.processIdentifier).tmp"
    ).path
    try FileManager.default.createSymbolicLink(atPath: temp, withDestinationPath: victim)
    #expect(run("metrics", padgett, "--measures", "degree", "-o", out).status == 0)
    #expect(try String(contentsOfFile: victim, encoding: .utf8) == "keep\n")
    #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("id,label,degree\n"))
    #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: out)) == nil)
  }

  /// A `weight` of -1, NaN or inf (which GraphML, GEXF and JSON readers take, as networkx does)
  /// gave strengths of -1, NaN, inf: an analysis refuses it, naming the tie.
  @Test func weightsThatCannotBeTrust() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    for value in ["-1", "NaN", "INF"] {
      let file = dir.appendingPathComponent("w.graphml").path
      try """
      <?xml version="1.0"?><graphml><key id="w" for="edge" attr.name="weight" attr.type="double"/>
      <graph edgedefault="directed"><node id="a"/><node id="b"/><edge source="a" target="b"><data key="w">\(value)</data></edge></graph></graphml>
      """.write(toFile: file, atomically: true, encoding: .utf8)
      let r = run("metrics", file, "--measures", "strength")
      #expect(r.status == 1, "\(value)")
      // A negative weight is a signed network's: the message says how to read it (--sign).
      #expect(
        r.stderr.contains(
          value == "-1"
            ? "tie 1 ('a' -> 'b'): the weight -1 is negative, and trust is a strength; a signed network is read one sign at a time"
            : "cannot be a trust, which is a finite number ≥ 0"), "\(value): \(r.stderr)")
    }
  }

  /// `--into` and `-o` naming one file wrote the table over the network and said it wrote the
  /// network.
  @Test func intoAndOutputAreDifferentFiles() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let same = dir.appendingPathComponent("same.graphml").path
    #expect(run("metrics", padgett, "--into", same, "-o", same).status == 64)
    #expect(!FileManager.default.fileExists(atPath: same))
  }

  /// Whole-file readers read /dev/zero to gigabytes: a NUL stops them at once.
  @Test func aNulStopsAWholeFileReader() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("z.json").path
    try (Data("{\n".utf8) + Data(count: 3 << 20)).write(to: URL(fileURLWithPath: file))
    let r = run("info", file)
    #expect(r.status == 1)
    #expect(r.stderr.contains("z.json:2:1: error: the file contains a NUL byte"))
  }

  /// A group per node made brokers cubic and groups quadratic in the groups: bounded, and said.
  @Test func tooManyGroups() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ties = dir.appendingPathComponent("g.csv").path
    var text = "source,target\n"
    for v in 0..<1200 { text += "n\(v),n\((v + 1) % 1200)\n" }
    try text.write(toFile: ties, atomically: true, encoding: .utf8)
    var nodes = "id,g\n"
    for v in 0..<1200 { nodes += "n\(v),g\(v)\n" }
    try nodes.write(
      toFile: dir.appendingPathComponent("g.nodes.csv").path, atomically: true, encoding: .utf8)
    let r = run("brokers", ties, "--group", "g")
    #expect(r.status == 64)
    #expect(
      r.stderr.contains(
        "'g' has 1200 groups; group measures compare groups pair by pair, and take at most 1000"))
  }

  /// Smaller ones: `help` of an unknown command; Markdown and messages with terminal controls
  /// and bidirectional overrides; a DOT id written as HTML; an edge-list id with CR LF.
  @Test func smallerFindings() throws {
    let help = run("help", "brokerz")
    #expect(help.status == 64 && help.stderr.contains("did you mean 'brokers'?"))
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ties = dir.appendingPathComponent("e.csv").path
    try "source,target\n\"a\u{1B}c\",b\n".write(toFile: ties, atomically: true, encoding: .utf8)
    let md = run("metrics", ties, "--measures", "degree", "--format", "markdown")
    #expect(!md.stdout.unicodeScalars.contains("\u{1B}"))
    let rlo = run("whatif", padgett, "--remove", "Medici\u{202E}")
    #expect(!rlo.stderr.unicodeScalars.contains("\u{202E}"))
    let html = try DOTFormat.read(Data("digraph { a -> <x> }".utf8), file: "h.dot")
    #expect(html.nodes.map(\.id) == ["a", "<x>"])
    var crlf = Network(directed: true)
    crlf.addTie(from: "a\r\nb", to: "c")
    #expect(throws: FormatError.self) { try EdgeListFormat.write(crlf) }
  }

  /// Options that were taken and then ignored, or echoed whole, now say so.
  @Test func optionsTakenAndIgnored() {
    #expect(
      run("info", padgett, "--graph", "2").stderr.contains(
        "--graph picks one of several graphs in a DOT file"))
    #expect(
      run("info", padgett, "--nodes", "x.csv").stderr.contains(
        "--nodes names a node table for a CSV tie table"))
    #expect(run("robustness", "padgett", "--drop", ",").status == 64)
    #expect(run("robustness", "padgett", "--drop", "0.1,0.1").stderr.contains("names a rate twice"))
    let long = run("metrics", padgett, "--measures", String(repeating: "x", count: 100_000))
    #expect(long.status == 64)
    #expect(long.stderr.count < 3000)
  }

  /// `report -o` into a folder with someone's own index.html replaced it: refused, unless an
  /// earlier report of this program wrote it.
  @Test func reportDoesNotReplaceOtherIndexFiles() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let index = dir.appendingPathComponent("index.html").path
    try "<html>mine</html>".write(toFile: index, atomically: true, encoding: .utf8)
    let r = run("report", padgett, "--group", "wealth", "-o", dir.path)
    #expect(r.status == 64)
    #expect(r.stderr.contains("holds index.html, which no report of this program wrote"))
    #expect(try String(contentsOfFile: index, encoding: .utf8) == "<html>mine</html>")
  }
}
