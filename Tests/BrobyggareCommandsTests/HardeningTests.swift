import Brobyggare
import Foundation
import Testing

@testable import BrobyggareCommands

/// Arguments, outputs and faults: each test reproduces a crash, a silent change of data or an
/// unclear message that a probe found past the readers.
@Suite("Hardening: arguments, outputs, faults")
struct HardeningTests {
  /// Counts that size work have stated upper bounds, checked before any work: a usage error
  /// (64) that names a feasible value, never an overflow trap or a huge buffer.
  /// Each length finite but their sum along a path infinite (three ties of trust 1e-308 under
  /// reciprocal, lengths 1e308): the search trapped converting an infinite key. Refused, naming
  /// the tie; a subnormal raw length (no finite inverse for the bucket width) is searched.
  @Test func pathLengthsThatOverflowAreRefused() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let tiny = dir.appendingPathComponent("tiny.csv").path
    try
      "source,target,trust,type\na,b,1e-308,undirected\nb,c,1e-308,undirected\nc,d,1e-308,undirected\n"
      .write(toFile: tiny, atomically: true, encoding: .utf8)
    for command in [
      ["metrics", tiny, "--distance", "reciprocal"],
      ["metrics", tiny, "--distance", "reciprocal", "--measures", "closeness"],
    ] {
      let r = BrobyggareCommandLine.run(command)
      #expect(
        r.status == 1 && r.stderr.contains("add up along a path without overflowing"),
        "\(command): \(r.stderr)")
    }
    let subnormal = dir.appendingPathComponent("subnormal.csv").path
    try "source,target,trust,type\na,b,1e-310,undirected\nb,c,1e-310,undirected\n".write(
      toFile: subnormal, atomically: true, encoding: .utf8)
    let r = run("metrics", subnormal, "--distance", "raw", "--measures", "betweenness")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("b,b,1"), "\(r.stdout)")
  }

  /// robustness measured the network conditions × runs times without a bound: Lazega's 71
  /// lawyers, their three layers merged into 1,417 arcs (71 · 1,488 = 105,648 steps a run), over
  /// 3 rates and 1,000,000 runs is 3.2e11 steps, over 1e11; ⌊1e11 / (3 · 105,648)⌋ = 315,513
  /// runs fit. 101 rates are more conditions than taken.
  @Test func robustnessBoundsItsRuns() {
    let r = run("robustness", "lazega", "--runs", "1000000")
    #expect(
      r.status == 64
        && r.stderr.contains(
          "on 71 nodes and 1417 arcs is up to 3.2e+11 steps (conditions × runs × n × (n + arcs)), over the limit of 1e+11; at most --runs 315513 fits"
        ), "\(r.stderr)")
    let rates = (1...101).map { String(format: "0.%03d", $0) }.joined(separator: ",")
    let many = run("robustness", "padgett", "--drop", rates, "--runs", "1")
    #expect(
      many.status == 64
        && many.stderr.contains("--drop names 101 conditions; robustness takes at most 100"),
      "\(many.stderr)")
  }

  /// `convert NET -` wrote a file named '-' and exited 0: refused, saying why.
  @Test func convertRefusesDashAsOutput() {
    let r = run("convert", "padgett", "-", "--output-format", "graphml")
    #expect(r.status == 64 && r.stderr.contains("'-' would be a file named '-'"), "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: "-"))
    // CSV is two files: not to a device, whose node table would be made beside it in /dev.
    let dev = run("convert", "padgett", "/dev/null", "--output-format", "csv")
    #expect(
      dev.status == 64 && dev.stderr.contains("'/dev/null' is not a regular file"), "\(dev.stderr)")
    #expect(!FileManager.default.fileExists(atPath: "/dev/null.nodes.csv"))
    // Without an extension the node table is still named as a CSV file.
    #expect(Network.companionNodeTable(for: "/tmp/out") == "/tmp/out.nodes.csv")
    #expect(Network.companionNodeTable(for: "net.csv") == "net.nodes.csv")
    let m = run("metrics", "padgett", "-o", "-")
    #expect(m.status == 64 && m.stderr.contains("-o - would write a file named '-'"), "\(m.stderr)")
    #expect(!FileManager.default.fileExists(atPath: "-"))
  }

  @Test func countOptionsHaveBounds() {
    let perms = run(
      "brokers", padgett, "--group", "wealth", "--permutations", "9223372036854775807")
    #expect(perms.status == 64)
    #expect(perms.stderr.contains("--permutations takes a whole number from 1 to 1000000"))
    let runs = run("robustness", padgett, "--runs", "9223372036854775807")
    #expect(runs.status == 64)
    #expect(runs.stderr.contains("--runs takes a whole number from 1 to 1000000"))
    let threads = run("metrics", padgett, "--threads", "100000")
    #expect(threads.status == 64)
    #expect(threads.stderr.contains("--threads takes a whole number from 1 to 1024"))
    #expect(run("whatif", padgett, "--key-players", "99").stderr.contains("from 1 to 15"))
  }

  /// A memory check before the robustness runs start: a rank per node and run, 8 bytes, and 24
  /// bytes a run. A million runs on 6,000 nodes would take 45.8 GB; 4 GiB / (6,000 · 8 + 24)
  /// = 89,433 runs fit.
  @Test func robustnessChecksMemoryFirst() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ties = dir.appendingPathComponent("big.csv").path
    var text = "source,target\n"
    for v in 0..<6000 { text += "n\(v),n\((v + 1) % 6000)\n" }
    try text.write(toFile: ties, atomically: true, encoding: .utf8)
    let r = run("robustness", ties, "--runs", "1000000")
    #expect(r.status == 64)
    #expect(r.stderr.contains("at most 89433 runs fit in 4 GiB"))
  }

  /// Approximate betweenness never does more work than the exact computation: on 16 nodes
  /// `--epsilon 0.0001` asks for millions of samples, so betweenness is exact and says so.
  @Test func approximationFallsBackToExact() {
    let approx = run("metrics", padgett, "--measures", "betweenness", "--epsilon", "0.0001")
    let exact = run("metrics", padgett, "--measures", "betweenness")
    #expect(approx.status == 0)
    #expect(approx.stdout == exact.stdout)
    #expect(approx.stderr.contains("betweenness is exact"))
    let tiny = run("metrics", padgett, "--measures", "betweenness", "--epsilon", "1e-10")
    #expect(tiny.status == 0)
    #expect(tiny.stdout == exact.stdout)
  }

  /// Every file a command read is protected from its output, the node table included; a
  /// rewritten output keeps its mode; a read-only target is refused; no temporary file is left.
  @Test func outputsProtectInputsAndKeepModes() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ties = dir.appendingPathComponent("p.csv").path
    let nodes = dir.appendingPathComponent("p.nodes.csv").path
    try "source,target\na,b\nb,c\n".write(toFile: ties, atomically: true, encoding: .utf8)
    try "id,sector\na,x\nb,y\nc,x\n".write(toFile: nodes, atomically: true, encoding: .utf8)
    let before = try String(contentsOfFile: nodes, encoding: .utf8)
    let companion = run("metrics", ties, "-o", nodes)
    #expect(companion.status == 64)
    #expect(companion.stderr.contains("Refusing to overwrite the input file"))
    let other = dir.appendingPathComponent("n.csv").path
    try "id,sector\na,x\nb,y\nc,x\n".write(toFile: other, atomically: true, encoding: .utf8)
    #expect(run("metrics", ties, "--nodes", other, "-o", other).status == 64)
    #expect(try String(contentsOfFile: nodes, encoding: .utf8) == before)

    let out = dir.appendingPathComponent("m.csv").path
    try "old\n".write(toFile: out, atomically: true, encoding: .utf8)
    chmod(out, 0o600)
    #expect(run("metrics", ties, "-o", out).status == 0)
    #expect(
      (try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int) == 0o600)
    let readOnly = dir.appendingPathComponent("ro.csv").path
    try "old\n".write(toFile: readOnly, atomically: true, encoding: .utf8)
    chmod(readOnly, 0o444)
    let refused = run("metrics", ties, "-o", readOnly)
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("the file is read-only"))
    #expect(try String(contentsOfFile: readOnly, encoding: .utf8) == "old\n")
    let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    #expect(left == ["m.csv", "n.csv", "p.csv", "p.nodes.csv", "ro.csv"])
  }

  /// Markdown escapes HTML, so a label `<img onerror=...>` cannot run where the Markdown is
  /// rendered; messages and summaries show control characters instead of sending them.
  @Test func markdownAndTerminalsAreSafe() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ties = dir.appendingPathComponent("h.csv").path
    try "source,target\n\"<img src=x onerror=alert(1)>\",b\n".write(
      toFile: ties, atomically: true, encoding: .utf8)
    let md = run("metrics", ties, "--measures", "degree", "--format", "markdown")
    #expect(md.stdout.contains("&lt;img src=x onerror=alert(1)&gt;"))
    #expect(!md.stdout.contains("<img"))
    let esc = run("whatif", ties, "--remove", "\u{1B}]0;title\u{07}")
    #expect(esc.status == 64)
    #expect(!esc.stderr.unicodeScalars.contains("\u{1B}"))
    #expect(esc.stderr.contains("\\u{1B}]0;title\\u{7}"))
    #expect(visibleControls("a\u{9B}b\nc\td") == "a\\u{9B}b\nc\td")
    // Ids that differ by a carriage return or a tab do not look alike in Markdown; a line
    // break in a label is a space.
    #expect(markdownText("a\rb") == "a\\u{D}b")
    #expect(markdownText("a\tb") == "a\\u{9}b")
    #expect(markdownText("a\nb") == "a b")
    #expect(markdownText("a\r\nb") == "a b")
  }

  /// `report -o FILE` on a file says so (it was a Foundation error dump); a re-run removes the
  /// report files the earlier run wrote and this one did not, so no old figures stay.
  @Test func reportFolder() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("afile").path
    try "x".write(toFile: file, atomically: true, encoding: .utf8)
    let onFile = run("report", padgett, "--group", "wealth", "-o", file)
    #expect(onFile.status == 64)
    #expect(onFile.stderr.contains("is a file; --output names the folder"))
    let folder = dir.appendingPathComponent("r").path
    #expect(
      run(
        "report", padgett, "--group", "wealth", "--layer", "marriage", "-o", folder, "--robustness",
        "5"
      ).status == 0)
    #expect(FileManager.default.fileExists(atPath: folder + "/robustness.csv"))
    let again = run("report", padgett, "--group", "wealth", "--layer", "marriage", "-o", folder)
    #expect(again.status == 0)
    #expect(!FileManager.default.fileExists(atPath: folder + "/robustness.csv"))
    #expect(again.stderr.contains("robustness.csv, left by an earlier report"))
    // A report that fails leaves none of the folders it made: here the last name is longer
    // than a file name may be (255 bytes), so making it fails after its parents were made.
    let deep = dir.appendingPathComponent("new1/new2/" + String(repeating: "n", count: 300)).path
    let failed = run("report", padgett, "--group", "wealth", "-o", deep)
    #expect(failed.status != 0)
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("new1").path))
  }

  /// Standard output that cannot be written is an error with its reason and exit 1, not a
  /// trap (the built program, writing to /dev/full).
  @Test(.enabled(if: builtBinary() != nil && FileManager.default.fileExists(atPath: "/dev/full")))
  func standardOutputThatCannotBeWritten() throws {
    let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
    let r = try runTool(builtBinary()!, ["metrics", padgett], stdout: .file(full))
    #expect(r.reason == .exit)
    #expect(r.status == 1)
    #expect(r.err.contains("cannot write standard output: No space left on device"))
  }

  /// `convert NET /dev/stdout | head -c 100`: the output named is a pipe whose reader goes
  /// away; quiet with 141, as for standard output (it said "cannot write /dev/stdout: Broken
  /// pipe" with exit 1).
  @Test(.enabled(if: builtBinary() != nil && FileManager.default.fileExists(atPath: "/dev/stdout")))
  func aClosedPipeNamedAsTheOutputIsQuiet() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ties = dir.appendingPathComponent("big.csv").path
    // 30,000 ties: about 1 MB of DOT, far more than a pipe holds.
    try ("source,target\n" + (0..<30_000).map { "n\($0),n\(($0 * 7 + 1) % 30_000)\n" }.joined())
      .write(toFile: ties, atomically: true, encoding: .utf8)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: builtBinary()!)
    p.arguments = ["convert", ties, "/dev/stdout", "--output-format", "dot"]
    let out = Pipe()
    let errors = Pipe()
    p.standardOutput = out
    p.standardError = errors
    try ChildProcesses.start(p)
    let start = try out.fileHandleForReading.read(upToCount: 100) ?? Data()
    try out.fileHandleForReading.close()
    let text = String(
      decoding: ChildProcesses.readToEnd(errors.fileHandleForReading.fileDescriptor), as: UTF8.self)
    p.waitUntilExit()
    #expect(String(decoding: start, as: UTF8.self).hasPrefix("digraph"))
    #expect(p.terminationStatus == 141)
    #expect(!text.contains("error"))
  }

  /// What the second probe found on the command line: an output named for another table
  /// format, a line break in a value forging a line of its own on standard error, a bad
  /// weight named without its file, an undirected network without ties written to CSV.
  @Test func secondProbeOnTheCommandLine() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let mismatch = run(
      "metrics", padgett, "-o", dir.appendingPathComponent("m.xlsx").path, "--format", "csv")
    #expect(mismatch.status == 64)
    #expect(mismatch.stderr.contains("--format csv writes CSV, but"))
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("m.xlsx").path))
    let ties = dir.appendingPathComponent("nl.csv").path
    try "source,target\na,b\nb,c\n".write(toFile: ties, atomically: true, encoding: .utf8)
    try "id,sector\na,\"s1\nerror: forged\"\nb,s2\nc,s2\n".write(
      toFile: dir.appendingPathComponent("nl.nodes.csv").path, atomically: true, encoding: .utf8)
    let forged = run("metrics", ties, "--group", "sector", "--measures", "ei_index")
    #expect(forged.status == 0)
    #expect(!forged.stderr.split(separator: "\n").contains { $0.hasPrefix("error: forged") })
    let gexf = dir.appendingPathComponent("e.gexf").path
    try """
    <?xml version="1.0" encoding="UTF-8"?><gexf xmlns="http://gexf.net/1.3" version="1.3"><graph defaultedgetype="directed"><nodes><node id="a"/><node id="b"/></nodes><edges><edge source="a" target="b" weight="NaN"/></edges></graph></gexf>
    """.write(toFile: gexf, atomically: true, encoding: .utf8)
    let weight = run("metrics", gexf, "--measures", "betweenness")
    #expect(weight.status == 1)
    #expect(
      weight.stderr.hasPrefix("\(gexf): error: tie 1 ('a' -> 'b'): weight 'NaN' cannot be a trust"))
    // Nine groups and eight colours: said, not left to the reader to find.
    let nine = dir.appendingPathComponent("g9.csv").path
    try ("source,target\n" + (1...9).map { "g\($0),g\($0 % 9 + 1)\n" }.joined()).write(
      toFile: nine, atomically: true, encoding: .utf8)
    try ("id,grp\n" + (1...9).map { "g\($0),group \($0)\n" }.joined()).write(
      toFile: dir.appendingPathComponent("g9.nodes.csv").path, atomically: true, encoding: .utf8)
    let colours = run("dot", nine, "--group", "grp")
    #expect(colours.status == 0)
    #expect(colours.stderr.contains("'grp' has 9 groups and the palette 8 colours"))
    let dot = dir.appendingPathComponent("u.dot").path
    try "graph { a; b }\n".write(toFile: dot, atomically: true, encoding: .utf8)
    let csv = run("convert", dot, dir.appendingPathComponent("u.csv").path)
    #expect(csv.status == 0)
    #expect(
      csv.stderr.contains(
        "the network is undirected, which the ties' type column says, but it has no ties to say it on"
      ))
    // egor tables: an alter whose strength is empty or NaN is left out of mean_strength, and
    // the note counts them (it was silent); two strengths of 1.7e308 have the mean 1.7e308.
    let egor = dir.appendingPathComponent("egor")
    try FileManager.default.createDirectory(at: egor, withIntermediateDirectories: true)
    try ".altID,.egoID,closeness\n1,E1,\n2,E1,1\n1,E2,NaN\n2,E2,1\n1,E3,1.7e308\n2,E3,1.7e308\n"
      .write(to: egor.appendingPathComponent("alters.csv"), atomically: true, encoding: .utf8)
    try ".egoID\nE1\nE2\nE3\n".write(
      to: egor.appendingPathComponent("egos.csv"), atomically: true, encoding: .utf8)
    try ".egoID,.srcID,.tgtID\nE1,1,2\n".write(
      to: egor.appendingPathComponent("aaties.csv"), atomically: true, encoding: .utf8)
    let egos = run("egos", egor.path, "--strength", "closeness", "--measures", "mean_strength")
    #expect(egos.status == 0)
    #expect(
      egos.stderr.contains(
        "note: 2 of 6 alters have no number for 'closeness' (empty, NA or NaN) and are left out of mean_strength"
      ))
    #expect(egos.stdout.contains("E3,1.7e+308") || egos.stdout.contains("E3,1.7e308"))
  }

  /// A Graphviz that crashes (here a stand-in `dot` that ends itself with SIGSEGV) is reported
  /// as ended by that signal, not as an exit status, and no picture is written.
  @Test(.enabled(if: builtBinary() != nil && FileManager.default.fileExists(atPath: "/bin/sh")))
  func graphvizEndedBySignal() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let fake = dir.appendingPathComponent("dot").path
    try "#!/bin/sh\ncat >/dev/null\nkill -SEGV $$\n".write(
      toFile: fake, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake)
    let picture = dir.appendingPathComponent("out.svg").path
    let r = try runTool(
      builtBinary()!, ["render", padgett, "-o", picture],
      environment: ["PATH": dir.path + ":/bin:/usr/bin"])
    #expect(r.status == 1)
    #expect(r.err.contains("Graphviz was ended by signal \(SIGSEGV) (SIGSEGV, a crash)"))
    #expect(!FileManager.default.fileExists(atPath: picture))
  }
}

/// The format registry: one list behind the README's matrix, the messages and the options.
@Suite("Formats registry")
struct FormatRegistryTests {
  @Test func theReadmeShowsTheMatrixTheProgramPrints() throws {
    let readme = try String(
      contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
    let printed = run("formats").stdout
    #expect(!printed.isEmpty)
    #expect(readme.contains(printed))
    for f in NetworkFormat.allCases { #expect(printed.contains("`\(f.rawValue)`")) }
  }

  /// An unknown extension lists every extension the registry knows; a GraphML file saved as
  /// .txt is read as GraphML, with a note; a pipe reads as a file does.
  @Test func extensionsContentAndPipes() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let unknown = run("info", dir.appendingPathComponent("x.abc").path)
    #expect(unknown.status == 1)
    #expect(unknown.stderr.contains(NetworkFormat.extensionList))
    let txt = dir.appendingPathComponent("padgett.txt").path
    try FileManager.default.copyItem(atPath: padgett, toPath: txt)
    let sniffed = run("info", txt)
    #expect(sniffed.status == 0)
    #expect(
      sniffed.stderr.contains(
        "the content is GraphML, not edge list as the extension says; read as GraphML"))
    // The same 16 families as the GraphML file itself.
    #expect(sniffed.stdout.contains("nodes: 16"))
    let json = dir.appendingPathComponent("p.json").path
    #expect(run("convert", padgett, json).status == 0)
    let fifo = dir.appendingPathComponent("pipe").path
    #expect(mkfifo(fifo, 0o600) == 0)
    let writer = Thread {
      if let h = FileHandle(forWritingAtPath: fifo) {
        h.write(FileManager.default.contents(atPath: json)!)
        try? h.close()
      }
    }
    writer.start()
    let piped = run("info", fifo, "--input-format", "json")
    #expect(piped.status == 0)
    #expect(piped.stdout.contains("nodes: 16"))
  }

  /// Writing a format that cannot hold part of the network says what was not written.
  @Test func writersSayWhatTheyDrop() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = run("convert", padgett, dir.appendingPathComponent("p.edgelist").path)
    #expect(r.status == 0)
    #expect(
      r.stderr.contains("edge list cannot hold the layers ('business', 'marriage'); not written"))
    #expect(r.stderr.contains("edge list cannot hold 1 node without ties"))
    let g = run("convert", padgett, dir.appendingPathComponent("p.graphml").path)
    #expect(!g.stderr.contains("cannot hold"))
  }
}

/// Formula injection (OWASP's CSV injection): the CSV files meant for spreadsheets (the
/// report's tables, the interview review file, --excel) write a text cell that would start a
/// formula behind a ', and the review file reads back without it; metrics' plain CSV, for
/// machines, stays exact.
@Suite("Formula injection")
struct FormulaInjectionTests {
  @Test func spreadsheetFilesGuardFormulas() throws {
    #expect(guardingFormula("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")")
    #expect(guardingFormula("-3 is text") == "'-3 is text")
    #expect(guardingFormula("Åsa") == "Åsa")
    for s in ["=1+2", "+46", "-x", "@SUM(A1)", "\tx", "\rx", "plain", "'quoted"] {
      #expect(unguardingFormula(guardingFormula(s)) == s)
    }
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ties = dir.appendingPathComponent("f.csv").path
    try "source,target\n=cmd|' /C calc'!A0,b\nb,c\nc,a\n".write(
      toFile: ties, atomically: true, encoding: .utf8)
    try "id,sector\n=cmd|' /C calc'!A0,x\nb,y\nc,x\na,y\n".write(
      toFile: dir.appendingPathComponent("f.nodes.csv").path, atomically: true, encoding: .utf8)
    let report = dir.appendingPathComponent("r").path
    #expect(run("report", ties, "--group", "sector", "-o", report).status == 0)
    let builders = try String(contentsOfFile: report + "/bridge-builders.csv", encoding: .utf8)
    #expect(builders.contains("'=cmd|' /C calc'!A0"))
    #expect(!builders.contains(",=cmd"))
    // metrics' CSV is for machines: the id exactly as it is.
    let plain = run("metrics", ties, "--measures", "degree").stdout
    #expect(plain.contains("=cmd|' /C calc'!A0"))
    #expect(!plain.contains("'=cmd"))
    // The review file's names come back without the guard.
    let rows = try InterviewFiles.aliases(Data("name,id\n'=1+2,new\n".utf8), file: "review.csv")
    #expect(rows.first?.name == "=1+2")
  }
}
