import Brobyggare
import Foundation
import Testing

@testable import BrobyggareCommands

/// `--sign` on the command line: a signed network (the constructed signed karate club of
/// Tests/BrobyggareTests/Fixtures/signed, written by igraph as Pajek) read one sign at a time,
/// with a note of what was left out; without it, an error at the negative weight that says how.
@Suite("--sign")
struct SignOptionTests {
  static let pajek = packageRoot.appendingPathComponent(
    "Tests/BrobyggareTests/Fixtures/signed/karate_signed.net"
  ).path

  @Test func withoutASignTheErrorSaysWhereAndHow() {
    let r = run("metrics", Self.pajek)
    #expect(r.status == 1 && r.stdout.isEmpty)
    // The first negative weight: `1 32 -2` on line 52 of igraph's file, the third number.
    #expect(
      r.stderr.contains("karate_signed.net:52:6: error: the weight -2 is negative"), "\(r.stderr)")
    #expect(r.stderr.contains("--sign positive reads the ties of trust ≥ 0"))
  }

  @Test func eachSignIsReadAndSaid() {
    let positive = run("info", Self.pajek, "--sign", "positive")
    #expect(positive.status == 0, "\(positive.stderr)")
    // 78 ties in the club, 11 of them between the two clubs (networkx 3.6.1's karate_club_graph, as reference.json counts them).
    #expect(positive.stdout.contains("ties: 67 "), "\(positive.stdout)")
    #expect(
      positive.stderr.contains(
        "11 of 78 ties have a negative trust and are left out (--sign positive); the other 67 are read"
      ),
      "\(positive.stderr)")
    let negative = run("info", Self.pajek, "--sign", " Negative")
    #expect(negative.status == 0 && negative.stdout.contains("ties: 11 "), "\(negative.stdout)")
    #expect(
      negative.stderr.contains(
        "11 of 78 ties have a negative trust and are read, with the trust's size as their trust (-2 as 2); the other 67 are left out (--sign negative)"
      ), "\(negative.stderr)")
  }

  /// A layer whose ties are all of the other sign is gone after --sign: the error says why.
  @Test func aLayerEmptiedByTheSignIsSaidSo() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let csv = dir.appendingPathComponent("l.csv").path
    try "source,target,trust,layer\na,b,-1,trust\nb,c,2,advice\n".write(
      toFile: csv, atomically: true, encoding: .utf8)
    let r = run("metrics", csv, "--sign", "negative", "--layer", "advice")
    #expect(
      r.status == 64
        && r.stderr.contains("these are the layers of the ties --sign negative kept"), "\(r.stderr)"
    )
  }

  @Test func aSignIsOneOfTwoAndNotForDatasets() {
    let both = run("info", Self.pajek, "--sign", "both")
    #expect(
      both.status == 64 && both.stderr.contains("--sign takes positive or negative, not 'both'"))
    let dataset = run("info", "padgett", "--sign", "positive")
    #expect(dataset.status == 64 && dataset.stderr.contains("has none"), "\(dataset.stderr)")
  }
  /// The sign chosen is in the settings every analysis prints, and in a packed network's,
  /// which refuses another.
  @Test func theSignIsInTheSettingsAndThePackedFile() throws {
    let r = run("metrics", Self.pajek, "--sign", "negative")
    #expect(
      r.status == 0
        && r.stderr.contains("sign: negative (the ties of negative trust, each its size)"),
      "\(r.stderr)")
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let bbn = dir.appendingPathComponent("neg.bbn").path
    #expect(run("pack", Self.pajek, "--sign", "negative", "-o", bbn).status == 0)
    let packed = run("metrics", bbn)
    #expect(packed.status == 0 && packed.stderr.contains("sign: negative"), "\(packed.stderr)")
    let again = run("metrics", bbn, "--sign", "positive")
    #expect(again.status == 64 && again.stderr.contains("its ties chosen when it was packed"))
    // Every command's settings read the sign from the packed file.
    for command in [["info"], ["whatif", "--remove", "m0"], ["layers"]] {
      let r = BrobyggareCommandLine.run([command[0], bbn] + command.dropFirst())
      #expect(
        r.stdout.contains("sign: negative") || r.stderr.contains("sign: negative"), "\(command)")
    }
    // --weight names another attribute than the trust the sign was read by: refused.
    let valence = dir.appendingPathComponent("v.csv").path
    try "source,target,trust,valence\na,b,1,-1\nb,c,2,1\n".write(
      toFile: valence, atomically: true, encoding: .utf8)
    let w = run("metrics", valence, "--sign", "positive", "--weight", "valence")
    #expect(w.status == 64 && w.stderr.contains("--trust-column 'valence'"), "\(w.stderr)")
  }

  /// A negative weight networkx wrote in GraphML is read as it is (so that the file converts),
  /// and refused by every analysis, naming the tie, unless a sign is chosen.
  @Test func aNegativeWeightIsAnalysedOnlyWithASign() throws {
    let graphml = packageRoot.appendingPathComponent(
      "Tests/BrobyggareTests/Fixtures/signed/karate_signed.graphml"
    ).path
    for command in ["metrics", "info", "layers"] {
      let r = run(command, graphml)
      #expect(r.status == 1, "\(command)")
      // networkx writes the ties in its order: the 16th, m0 -- m31, is the first negative.
      #expect(
        r.stderr.contains(
          "error: tie 16 ('m0' -- 'm31'): the weight -2 is negative, and trust is a strength; a signed network is read one sign at a time"
        ), "\(command): \(r.stderr)")
    }
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let gexf = dir.appendingPathComponent("k.gexf").path
    #expect(run("convert", graphml, gexf).status == 0)
    #expect(run("metrics", gexf, "--sign", "positive", "--weight", "weight").status == 0)
  }

  /// Whole trusts stay whole: `-2` read under --sign negative is written back as `2`.
  @Test func wholeTrustsStayWhole() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let csv = dir.appendingPathComponent("s.csv").path
    try "source,target,trust\na,b,-2\nb,c,1\n".write(toFile: csv, atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("n.csv").path
    #expect(run("convert", csv, "--sign", "negative", out).status == 0)
    let text = try String(contentsOfFile: out, encoding: .utf8)
    #expect(text.contains("a,b,Directed,2\n"), "\(text)")
  }
  /// A tie named in an error after --sign is named by its place in the file: the two ties of
  /// c -- d are the file's third and fourth, the first kept by --sign positive.
  @Test func aTieInAnErrorHasItsNumberInTheFile() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let csv = dir.appendingPathComponent("s.csv").path
    try "source,target,trust\na,b,-1\nb,c,-2\nc,d,1e308\nc,d,1e308\n".write(
      toFile: csv, atomically: true, encoding: .utf8)
    let r = run("metrics", csv, "--sign", "positive", "--merge", "sum")
    #expect(r.status != 0 && r.stdout.isEmpty, "\(r.stdout)")
    #expect(
      r.stderr.contains("tie 3 ('c' -> 'd'): with 1 parallel tie, sums to more than the largest"),
      "\(r.stderr)")
  }

  /// A file written by convert with a sign says which sign its ties are, in the network's
  /// own attributes.
  @Test func convertWritesTheSignItKept() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let csv = dir.appendingPathComponent("s.csv").path
    try "source,target,trust\na,b,-2\nb,c,1\n".write(toFile: csv, atomically: true, encoding: .utf8)
    for sign in ["negative", "positive"] {
      let out = dir.appendingPathComponent("\(sign).graphml").path
      let r = run("convert", csv, "--sign", sign, out)
      #expect(r.status == 0, "\(r.stderr)")
      let text = try String(contentsOfFile: out, encoding: .utf8)
      #expect(
        text.contains(">\(sign)</data>") && text.contains("attr.name=\"tie_sign\""), "\(text)")
      let back = try Network(contentsOf: out)
      #expect(back.attributes["tie_sign"] == .string(sign))
      // Read back, the file says which sign its ties are, and a sign asked of it is refused.
      #expect(back.tieSign == TieSign(rawValue: sign))
      let info = run("metrics", out)
      #expect(info.status == 0 && info.stderr.contains("sign: \(sign)"), "\(info.stderr)")
      let again = run("info", out, "--sign", "positive")
      #expect(
        again.status != 0 && again.stderr.contains("its attribute tie_sign is \(sign)"),
        "\(again.stderr)")
    }
  }
  /// The note gives the file's own first negative trust as its example, and counts one tie
  /// as one.
  @Test func theNoteGivesTheFilesOwnExample() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let csv = dir.appendingPathComponent("s.csv").path
    try "source,target,trust\na,b,-0.7\nb,c,1\n".write(
      toFile: csv, atomically: true, encoding: .utf8)
    let r = run("info", csv, "--sign", "negative")
    #expect(
      r.stderr.contains(
        "1 of 2 ties has a negative trust and is read, with the trust's size as its trust (-0.7 as 0.7); the other tie is left out (--sign negative)"
      ), "\(r.stderr)")
  }
}
