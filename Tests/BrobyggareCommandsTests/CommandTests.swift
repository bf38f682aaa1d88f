import Foundation
import Testing

@testable import BrobyggareCommands

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent()
  .deletingLastPathComponent()
let padgett = packageRoot.appendingPathComponent("Datasets/padgett/padgett.graphml").path

func run(_ args: String...) -> BrobyggareCommandLine.Outcome { BrobyggareCommandLine.run(args) }

/// Writes the tie table `name.csv` and, when given, its node table `name.nodes.csv` in `dir`;
/// the tie table's path.
func tables(_ dir: URL, _ name: String, ties: String, nodes: String? = nil) throws -> String {
  let path = dir.appendingPathComponent("\(name).csv").path
  try ties.write(toFile: path, atomically: true, encoding: .utf8)
  if let nodes {
    try nodes.write(
      toFile: dir.appendingPathComponent("\(name).nodes.csv").path, atomically: true,
      encoding: .utf8)
  }
  return path
}

/// The command-line program the test run built (debug), if it is there.
func builtBinary() -> String? {
  [
    ".build/debug/brobyggare", ".build/x86_64-unknown-linux-gnu/debug/brobyggare",
    ".build/aarch64-unknown-linux-gnu/debug/brobyggare",
    ".build/arm64-apple-macosx/debug/brobyggare",
  ]
  .map { packageRoot.appendingPathComponent($0).path }
  .first { FileManager.default.isExecutableFile(atPath: $0) }
}

func temporaryDirectory() throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent(
    "brobyggare-tests-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

@Suite("Command line")
struct CommandTests {
  @Test func metricsTableHasTheAgreedColumns() {
    let r = run("metrics", padgett, "--layer", "marriage")
    #expect(r.status == 0)
    let lines = r.stdout.split(separator: "\n")
    #expect(
      lines[0]
        == "id,label,degree,in_degree,out_degree,strength,betweenness,betweenness_normalized,closeness,harmonic,articulation_point,constraint,effective_size,efficiency,hierarchy"
    )
    #expect(lines.count == 17)
    let medici = lines.first { $0.hasPrefix("Medici,") }!.split(separator: ",")
    #expect(medici[2] == "6")
    // networkx 3.6.1 betweenness_centrality(normalized=False) on the marriage ties
    #expect(medici[6] == "47.5")
    #expect(medici[10] == "true")
    #expect(r.stderr.contains("layers: marriage"))
    #expect(r.stderr.contains("distance: hops"))
  }

  @Test func measuresFormatsAndSettingsEcho() {
    let json = run(
      "metrics", padgett, "--measures", "betweenness,degree", "--format", "json", "--distance",
      "hops")
    #expect(json.status == 0)
    #expect(json.stdout.contains("\"settings\": {"))
    #expect(json.stdout.contains("\"distance\": \"hops\""))
    #expect(json.stdout.contains("{\"id\": \"Medici\", \"label\": \"Medici\", \"betweenness\":"))
    let md = run("metrics", padgett, "--measures", "degree", "--format", "markdown")
    #expect(md.stdout.hasPrefix("| id | label | degree |\n| --- | --- | ---: |\n"))
    let tsv = run("metrics", padgett, "--measures", "degree", "--format", "tsv")
    #expect(tsv.stdout.hasPrefix("id\tlabel\tdegree\n"))
  }

  /// Tables quote a field as the CSV writer does (RFC 4180): with the delimiter, a quote, or a
  /// space at either end; and they read back to the same labels.
  @Test func tableFieldsAreQuotedAsTheCSVWriterQuotes() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let nodes = dir.appendingPathComponent("nodes.csv")
    let ties = dir.appendingPathComponent("ties.csv")
    try "id,label\na,\" padded \"\nb,\"Berg, \"\"the elder\"\"\"\nc,plain\n".write(
      to: nodes, atomically: true, encoding: .utf8)
    try "source,target\na,b\nb,c\n".write(to: ties, atomically: true, encoding: .utf8)
    let csv = run("metrics", ties.path, "--nodes", nodes.path, "--measures", "degree")
    #expect(csv.status == 0, "\(csv.stderr)")
    #expect(
      csv.stdout
        == "id,label,degree\na,\" padded \",1\nb,\"Berg, \"\"the elder\"\"\",2\nc,plain,1\n")
    let tsv = run(
      "metrics", ties.path, "--nodes", nodes.path, "--measures", "degree", "--format", "tsv")
    #expect(
      tsv.stdout
        == "id\tlabel\tdegree\na\t\" padded \"\t1\nb\t\"Berg, \"\"the elder\"\"\"\t2\nc\tplain\t1\n"
    )
  }

  @Test func usageErrorsExit64() {
    #expect(run().status == 64)
    #expect(run("frobnicate").status == 64)
    #expect(run("metrics").status == 64)
    #expect(run("metrics", padgett, "--measures", "nonsense").status == 64)
    #expect(run("metrics", padgett, "--distance", "miles").status == 64)
    #expect(run("metrics", padgett, "--bogus").status == 64)
    let layer = run("metrics", padgett, "--layer", "friendship")
    #expect(layer.status == 64)
    #expect(layer.stderr.contains("'business', 'marriage'"))
    #expect(run("metrics", padgett, "--format", "xlsx").status == 64)
  }

  @Test func badDataExits1WithFileLineColumn() throws {
    let dir = try temporaryDirectory()
    let bad = dir.appendingPathComponent("bad.csv")
    try "source,target,trust\na,b,0.5\nb,c,lots\n".write(to: bad, atomically: true, encoding: .utf8)
    let r = run("metrics", bad.path)
    #expect(r.status == 1)
    #expect(r.stderr == "\(bad.path):3:5: error: the trust 'lots' is not a number\n")
    #expect(r.stdout.isEmpty)
    let zero = dir.appendingPathComponent("zero.csv")
    try "source,target,trust\na,b,0\n".write(to: zero, atomically: true, encoding: .utf8)
    let z = run("metrics", zero.path, "--distance", "reciprocal")
    #expect(z.status == 1)
    #expect(z.stderr.contains("a -> b"))
    #expect(run("info", dir.appendingPathComponent("missing.graphml").path).status == 1)
  }

  @Test func helpAndVersion() {
    #expect(run("--version").stdout == BrobyggareCommandLine.version + "\n")
    for c in ["info", "metrics", "convert", "dot"] {
      let h = run(c, "--help")
      #expect(h.status == 0)
      #expect(h.stdout.hasPrefix("OVERVIEW: "))
      #expect(h.stdout.contains("USAGE: brobyggare \(c)"))
    }
    #expect(run("--help").stdout.contains("SUBCOMMANDS:"))
    // An option a command cannot run without is shown without brackets.
    let report = run("report", "--help").stdout
    #expect(
      report.contains(" --group <attribute> ") && !report.contains("[--group <attribute>]")
        && report.contains(" --output <dir> ") && report.contains("[--top <k>]"))
    #expect(run("interviews", "--help").stdout.contains(" --roster <file> "))
  }

  @Test func infoSummarises() {
    let r = run("info", padgett)
    #expect(r.status == 0)
    #expect(r.stdout.contains("nodes: 16"))
    #expect(r.stdout.contains("ties: 35"))
    #expect(r.stdout.contains("layers: 'business' (15), 'marriage' (20)"))
    #expect(r.stdout.contains("\ncomponents: 2 (largest 15)"))
    // Undirected: no weak or strong components, no reciprocity (every tie runs both ways).
    #expect(!r.stdout.contains("weak") && !r.stdout.contains("reciprocity"))
  }

  @Test func convertWritesAtomicallyAndRefusesToOverwriteItsInput() throws {
    let dir = try temporaryDirectory()
    let csv = dir.appendingPathComponent("p.csv").path
    let r = run("convert", padgett, csv)
    #expect(r.status == 0)
    #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("p.nodes.csv").path))
    let back = dir.appendingPathComponent("p.graphml").path
    #expect(run("convert", csv, back, "--undirected").status == 0)
    #expect(
      try String(contentsOfFile: back, encoding: .utf8)
        == String(contentsOfFile: padgett, encoding: .utf8))
    let same = run("convert", back, back)
    #expect(same.status == 64)
    #expect(same.stderr.contains("Refusing to overwrite"))
    // A failed conversion writes nothing.
    var net = "source,target\n"
    net += "has space,b\n"
    let spaced = dir.appendingPathComponent("s.csv")
    try net.write(to: spaced, atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("s.edgelist").path
    #expect(run("convert", spaced.path, out).status == 1)
    #expect(!FileManager.default.fileExists(atPath: out))
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter {
      $0.hasSuffix(".tmp")
    }
    #expect(leftovers.isEmpty)
  }

  @Test func sameInputGivesTheSameBytes() {
    let a = run("metrics", padgett, "--format", "json")
    let b = run("metrics", padgett, "--format", "json")
    #expect(a.stdout == b.stdout)
    #expect(run("dot", padgett).stdout == run("dot", padgett).stdout)
  }

  /// The built executable, run as a user would: exit status and streams.
  @Test func theRealBinary() throws {
    let binary = try #require(builtBinary())
    let good = try runTool(
      binary, ["metrics", padgett, "--measures", "betweenness", "--layer", "marriage"])
    #expect(good.status == 0)
    #expect(good.out.contains("Medici,Medici,47.5\n"))
    #expect(good.err.hasPrefix("# network: "))
    let bad = try runTool(binary, ["metrics"], stdout: .inherit)
    #expect(bad.status == 64)
  }

  /// Ctrl-C during a long computation: exit 130, a message, and the output file that existed
  /// before is unchanged (no temporary file is left beside it).
  @Test func anInterruptLeavesEveryFileAsItWas() throws {
    let binary = try #require(builtBinary())
    let folder = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    // 40,000 nodes and 200,000 ties: all-pairs betweenness takes minutes in a debug build.
    var text = ""
    var x: UInt64 = 3
    for _ in 0..<200_000 {
      x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      text += "\((x >> 33) % 40_000) \((x >> 13) % 40_000)\n"
    }
    let input = folder.appendingPathComponent("big.edgelist").path
    try text.write(toFile: input, atomically: true, encoding: .utf8)
    let output = folder.appendingPathComponent("out.csv").path
    try "before\n".write(toFile: output, atomically: true, encoding: .utf8)
    let tool = try startTool(
      binary, ["metrics", input, "--measures", "betweenness", "-o", output, "--threads", "1"])
    Thread.sleep(forTimeInterval: 2)
    #expect(tool.process.isRunning)
    tool.process.interrupt()
    let r = tool.finish()
    #expect(r.status == 130)
    #expect(r.err.contains("interrupted; no file was written or changed"))
    #expect(try String(contentsOfFile: output, encoding: .utf8) == "before\n")
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [
        "big.edgelist", "out.csv",
      ])
  }
}

@Suite("brokers command")
struct BrokersCommandTests {
  @Test func columnsRankingAndSettings() {
    let r = run("brokers", padgett, "--group", "wealth", "--layer", "marriage")
    #expect(r.status == 0)
    let lines = r.stdout.split(separator: "\n")
    #expect(
      lines[0]
        == "id,label,group,coordinator,itinerant,representative,gatekeeper,liaison,total,coordinator_expected,coordinator_z,itinerant_expected,itinerant_z,representative_expected,representative_z,gatekeeper_expected,gatekeeper_z,liaison_expected,liaison_z,total_expected,total_z"
    )
    #expect(lines[1].hasPrefix("Medici,Medici,103,"))
    let totals = lines.dropFirst().map { Double($0.split(separator: ",")[8])! }
    #expect(totals == totals.sorted(by: >))
    #expect(r.stderr.contains("group: wealth"))
  }

  @Test func permutationsAreSeededAndDeterministic() {
    let a = run("brokers", padgett, "--group", "wealth", "--permutations", "50", "--seed", "7")
    let b = run("brokers", padgett, "--group", "wealth", "--permutations", "50", "--seed", "7")
    #expect(a.status == 0)
    #expect(a.stdout == b.stdout)
    let header = a.stdout.split(separator: "\n")[0].split(separator: ",")
    #expect(
      a.stdout.split(separator: "\n")[0].hasSuffix(
        "liaison_expected,liaison_z,liaison_p,total_expected,total_z"))
    let column = header.firstIndex(of: "liaison_p")!
    let ps = a.stdout.split(separator: "\n").dropFirst().map {
      Double($0.split(separator: ",")[column])!
    }
    #expect(ps.allSatisfy { $0 > 0 && $0 <= 1 })
  }

  @Test func usage() {
    #expect(run("brokers", padgett).status == 64)
    let unknown = run("brokers", padgett, "--group", "sector")
    #expect(unknown.status == 64)
    #expect(unknown.stderr.contains("wealth"))
    #expect(run("brokers", padgett, "--group", "wealth", "--permutations", "0").status == 64)
  }
}

@Suite("groups command and group columns")
struct GroupCommandTests {
  func sample() throws -> String {
    let dir = try temporaryDirectory()
    try
      "source,target,trust\nkommun,förening,0.8\nförening,kommun,0.6\nkommun,polis,0.9\npolis,boende,0.3\nboende,förening,0.7\nförening,förening2,1\n"
      .write(to: dir.appendingPathComponent("g.csv"), atomically: true, encoding: .utf8)
    try
      "id,sector\nkommun,municipality\npolis,police\nförening,civil\nförening2,civil\nboende,residents\n"
      .write(to: dir.appendingPathComponent("g.nodes.csv"), atomically: true, encoding: .utf8)
    return dir.appendingPathComponent("g.csv").path
  }

  /// Hand-worked from the six ties: civil → municipality is one tie (förening → kommun) of two
  /// possible pairs, trust 0.6, reciprocated; civil's E-I counts 3 external and 1 internal tie:
  /// (3 − 1)/4 = 0.5, against (2·3 − 1)/(2·3 + 1) = 5/7 expected from its size.
  @Test func matricesAndEI() throws {
    let r = run("groups", try sample(), "--group", "sector", "--permutations", "99")
    #expect(r.status == 0)
    let lines = r.stdout.split(separator: "\n")
    #expect(
      lines[0]
        == "from_group,to_group,from_size,to_size,ties,density,mean_trust,reciprocity,from_ei_index,from_ei_expected"
    )
    #expect(lines.contains("civil,municipality,2,1,1,0.5,0.6,1,0.5,0.7142857142857143"))
    #expect(lines.count == 17)
    // Network: 5 external, 1 internal tie: (5 − 1)/6, shown to 4 significant digits.
    #expect(r.stderr.contains("network E-I: 0.6667;"))
    #expect(r.stderr.contains("permutations: 99"))
  }

  @Test func metricsGroupColumns() throws {
    let r = run(
      "metrics", try sample(), "--group", "sector", "--measures",
      "betweenness,betweenness_intergroup,ei_index")
    #expect(r.status == 0)
    #expect(r.stdout.hasPrefix("id,label,betweenness,betweenness_intergroup,ei_index\n"))
    #expect(r.stdout.contains("förening2,förening2,0,0,-1\n"))
    #expect(run("metrics", try sample(), "--measures", "ei_index").status == 64)
  }
}

@Suite("whatif command")
struct WhatIfCommandTests {
  @Test func mediciLeaves() {
    let r = run("whatif", padgett, "--layer", "marriage", "--remove", "Medici")
    #expect(r.status == 0)
    #expect(r.stdout.contains("\ncomponents: 2 -> 4 (largest 15 -> 11)"))
    #expect(r.stdout.contains("ordered pairs that lose reach: 70"))
    #expect(run("whatif", padgett, "--remove", "Nobody").status == 64)
    #expect(run("whatif", padgett).status == 64)
    let k = run("whatif", padgett, "--layer", "marriage", "--key-players", "1")
    #expect(k.stdout.contains("removed: Medici (greedy key players, fragmentation)"))
  }
}

@Suite("communities, bridges and path commands")
struct BoundaryCommandTests {
  /// networkx 3.6.1: local_bridges(florentine_families_graph(), with_span=True) gives 12, five
  /// of them bridges (span inf), then Bischeri–Guadagni, Castellani–Barbadori and
  /// Medici–Barbadori with span 4.
  @Test func localBridgesOfTheMarriages() {
    let r = run("bridges", padgett, "--layer", "marriage")
    #expect(r.status == 0)
    let lines = r.stdout.split(separator: "\n")
    #expect(lines[0] == "source,target,source_label,target_label,span,bridge")
    #expect(lines.count == 13)
    #expect(lines[1] == "Acciaiuoli,Medici,Acciaiuoli,Medici,inf,true")
    #expect(lines.filter { $0.hasSuffix(",inf,true") }.count == 5)
    #expect(lines.contains("Barbadori,Castellani,Barbadori,Castellani,4,false"))
    #expect(r.stderr.contains("local bridges: 12"))
  }

  /// The seeded Louvain on the marriages: its modularity is echoed and equals the modularity
  /// of its own partition (networkx 3.6.1 louvain_communities(seed=1) also finds 0.3975 here).
  @Test func communitiesOfTheMarriages() {
    let r = run("communities", padgett, "--layer", "marriage")
    #expect(r.status == 0)
    #expect(r.stdout.hasPrefix("id,label,community,participation,within_module_z,role\n"))
    #expect(r.stderr.contains("modularity: 0.3975;"))
    let again = run("communities", padgett, "--layer", "marriage")
    #expect(r.stdout == again.stdout && r.stderr == again.stderr)
    // Pucci, an isolate: participation undefined, no role.
    #expect(r.stdout.contains("Pucci,Pucci,"))
    #expect(
      r.stdout.split(separator: "\n").first { $0.hasPrefix("Pucci,") }!.hasSuffix(",NaN,NaN,"))
    let g = run("communities", padgett, "--layer", "marriage", "--group", "priorates")
    #expect(g.status == 0)
    #expect(g.stdout.hasPrefix("id,label,group,participation,within_module_z,role\n"))
    #expect(g.stderr.contains("modules: groups of 'priorates'"))
    #expect(run("communities", padgett, "--resolution", "0").status == 64)
    // Swift reads 0x10 as 16; an option takes decimal numbers only.
    #expect(run("communities", padgett, "--resolution", "0x10").status == 64)
    #expect(run("robustness", padgett, "--drop", "0x0.1p0").status == 64)
  }

  /// The chain of TrustPathTests, worked by hand: a -> b -> c -> d multiplies to
  /// 0.9 * 0.9 * 0.5 = 0.405, beating a -> c (0.8) -> d; at threshold 0.8 a reaches b and c.
  @Test func mostTrustedPath() throws {
    let dir = try temporaryDirectory()
    let file = dir.appendingPathComponent("trust.csv").path
    try "source,target,trust\na,b,0.9\nb,c,0.9\na,c,0.8\nc,d,0.5\n".write(
      toFile: file, atomically: true, encoding: .utf8)
    let r = run("path", file, "a", "d")
    #expect(r.status == 0)
    #expect(
      r.stdout
        == "step,id,label,tie_trust,path_trust\n0,a,a,,1\n1,b,b,0.9,0.9\n2,c,c,0.9,0.81\n3,d,d,0.5,0.405\n"
    )
    let reach = run("path", file, "a", "--threshold", "0.8")
    #expect(reach.stdout == "id,label,trust,steps,path\nb,b,0.9,1,a > b\nc,c,0.81,2,a > b > c\n")
    let all = run("path", file, "--threshold", "0.8")
    #expect(all.stdout == "id,label,trust_reach\na,a,2\nb,b,1\nc,c,0\nd,d,0\n")
    #expect(run("path", file, "d", "a").status == 1)
    #expect(run("path", file, "a", "zz").status == 64)
    #expect(run("path", file).status == 64)
    #expect(run("path", file, "a", "--threshold", "1.5").status == 64)
    // Fewest steps among equally trusted paths: on the marriages (no trust) a shortest path.
    let m = run("path", padgett, "Medici", "Strozzi", "--layer", "marriage")
    #expect(m.stdout.split(separator: "\n").count == 4)
  }

  /// One open two-path a -> v -> c in one sector with trusts 0.4 and 0.9: coordinator
  /// sqrt(0.4 * 0.9) = 0.6 with the geometric mean, 0.4 with the minimum.
  @Test func trustWeightedBrokers() throws {
    let dir = try temporaryDirectory()
    let ties = dir.appendingPathComponent("t.csv").path
    try "source,target,trust\na,v,0.4\nv,c,0.9\n".write(
      toFile: ties, atomically: true, encoding: .utf8)
    try "id,sector\na,x\nv,x\nc,x\n".write(
      toFile: dir.appendingPathComponent("t.nodes.csv").path, atomically: true, encoding: .utf8)
    let r = run("brokers", ties, "--group", "sector", "--trust-weighted", "gm")
    #expect(r.status == 0)
    let row = r.stdout.split(separator: "\n")[1].split(separator: ",")
    #expect(row[0] == "v" && row[4...7] == ["0", "0", "0", "0"])
    #expect(abs(Double(row[3])! - 0.6) < 1e-12 && abs(Double(row[8])! - 0.6) < 1e-12)
    #expect(r.stderr.contains("two-path value: trust, gm of the two ties"))
    let m = run("brokers", ties, "--group", "sector", "--trust-weighted", "min")
    #expect(m.stdout.split(separator: "\n")[1].hasPrefix("v,v,x,0.4,0,0,0,0,0.4,"))
    #expect(run("brokers", ties, "--group", "sector", "--trust-weighted", "median").status == 64)
  }

  @Test func bridgingColumnsOnRequest() {
    let r = run(
      "metrics", padgett, "--layer", "marriage", "--measures",
      "betweenness,bridging_coefficient,bridging_centrality")
    #expect(r.status == 0)
    // Hand-worked for Medici: betweenness 47.5; degree 6; its neighbours' degrees are
    // Acciaiuoli 1, Albizzi 3, Barbadori 2, Ridolfi 3, Salviati 2, Tornabuoni 3, so the
    // bridging coefficient is (1/6) / (1 + 1/3 + 1/2 + 1/3 + 1/2 + 1/3) = 1/18.
    let medici = r.stdout.split(separator: "\n").first { $0.hasPrefix("Medici,") }!.split(
      separator: ",")
    #expect(medici[2] == "47.5")
    #expect(abs(Double(medici[3])! - 1.0 / 18) < 1e-12)
    #expect(abs(Double(medici[4])! - 47.5 / 18) < 1e-12)
  }
}

@Suite("threads")
struct ThreadOptionTests {
  /// The all-pairs measures split sources into fixed chunks summed in order: one thread and
  /// two give byte-identical tables.
  @Test func sameOutputForEveryThreadCount() throws {
    // 600 nodes, so the sources split into several chunks (Padgett's 16 make one).
    var text = "source,target,trust\n"
    var x: UInt64 = 42
    for _ in 0..<3000 {
      x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      text += "n\((x >> 33) % 600),n\((x >> 13) % 600),0.\((x >> 50) % 9 + 1)\n"
    }
    let file = try temporaryDirectory().appendingPathComponent("large.csv").path
    try text.write(toFile: file, atomically: true, encoding: .utf8)
    for distance in ["hops", "reciprocal"] {
      let one = run(
        "metrics", file, "--threads", "1", "--distance", distance, "--measures",
        "betweenness,closeness,harmonic")
      let two = run(
        "metrics", file, "--threads", "2", "--distance", distance, "--measures",
        "betweenness,closeness,harmonic")
      #expect(one.status == 0)
      #expect(one.stdout.split(separator: "\n").count > 500)
      #expect(one.stdout == two.stdout)
    }
    #expect(run("metrics", padgett, "--threads", "0").status == 64)
    #expect(run("metrics", padgett, "--threads", "x").status == 64)
  }

  /// Every command that computes takes --threads, and its output (printed and written) is byte
  /// for byte the same with 1, 2 and 3 threads: sums over sources are added in a fixed chunk
  /// order, each permutation or resampling run draws from its own seeded generator, and
  /// candidates are scored apart and chosen in index order.
  @Test func everyCommandGivesTheSameBytesOnAnyThreadCount() throws {
    let folder = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    // 600 nodes in three sectors, so the sources split into several chunks.
    var ties = "source,target,trust\n"
    var nodes = "id,sector\n"
    var x: UInt64 = 7
    for v in 0..<600 { nodes += "n\(v),\(["municipality", "police", "housing"][v % 3])\n" }
    for _ in 0..<2400 {
      x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      ties += "n\((x >> 33) % 600),n\((x >> 13) % 600),0.\((x >> 50) % 9 + 1)\n"
    }
    let large = folder.appendingPathComponent("large.csv").path
    try ties.write(toFile: large, atomically: true, encoding: .utf8)
    try nodes.write(
      toFile: folder.appendingPathComponent("large.nodes.csv").path, atomically: true,
      encoding: .utf8)
    let invocations: [[String]] = [
      [
        "metrics", large, "--group", "sector", "--measures",
        "betweenness,closeness,harmonic,betweenness_intergroup,ei_index",
      ],
      ["metrics", large, "--distance", "reciprocal", "--measures", "betweenness,closeness"],
      ["metrics", large, "--epsilon", "0.05", "--seed", "3", "--measures", "betweenness"],
      ["brokers", large, "--group", "sector", "--permutations", "40"],
      ["groups", large, "--group", "sector", "--permutations", "40"],
      ["path", large, "--threshold", "0.3"],
      ["whatif", "municipality", "--layer", "trust", "--key-players", "2", "--group", "sector"],
      [
        "robustness", "municipality", "--layer", "trust", "--runs", "40", "--drop", "0.2",
        "--summary",
      ],
      ["compare", "municipality", "municipality-wave2", "--layer", "trust"],
      ["communities", large], ["bridges", large], ["reciprocity", large], ["info", large],
      ["spanners", "municipality", "--layer", "works at,member of"],
      ["project", "davis", "OUT/davis-women.graphml", "--onto", "people"],
      [
        "report", "municipality", "--layer", "trust", "--group", "sector", "--robustness", "20",
        "-o", "OUT/report",
      ],
      ["dot", large, "--group", "sector", "--top", "8"],
    ]
    for args in invocations {
      var outputs: [String] = []
      for threads in ["1", "2", "3"] {
        let out = folder.appendingPathComponent("t\(threads)")
        try? FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let r = BrobyggareCommandLine.run(
          args.map { $0.replacingOccurrences(of: "OUT/", with: out.path + "/") } + [
            "--threads", threads,
          ])
        #expect(r.status == 0, "\(args): \(r.stderr)")
        // What it printed (with the output folder's name taken out) and every file it wrote.
        var all =
          r.stdout.replacingOccurrences(of: out.path, with: "OUT")
          + r.stderr.replacingOccurrences(of: out.path, with: "OUT")
        let files =
          (FileManager.default.enumerator(atPath: out.path)?.allObjects as? [String] ?? []).sorted()
        for f in files {
          var isDir: ObjCBool = false
          if FileManager.default.fileExists(atPath: out.path + "/" + f, isDirectory: &isDir),
            !isDir.boolValue
          {
            all +=
              "\n== \(f)\n"
              + ((try? String(contentsOfFile: out.path + "/" + f, encoding: .utf8)) ?? "")
          }
        }
        outputs.append(all)
        try? FileManager.default.removeItem(at: out)
      }
      #expect(!outputs[0].isEmpty)
      #expect(outputs[1] == outputs[0], "\(args[0]): 2 threads differ from 1")
      #expect(outputs[2] == outputs[0], "\(args[0]): 3 threads differ from 1")
    }
  }
}

/// `summary`: one row per network with the same columns; values as the library gives them
/// (checked against R's sna in NetworkSummaryTests).
@Suite("Summary command")
struct SummaryCommandTests {
  @Test func oneRowPerNetwork() throws {
    let r = run("summary", "krackhardt", "lazega", "--layer", "advice")
    #expect(r.status == 0)
    let lines = r.stdout.split(separator: "\n")
    #expect(lines.count == 3)
    // Then the CUG z-scores: by default 200 draws conditioned on the ties, which fix the
    // density (so it has no z-score).
    #expect(
      lines[0]
        == "network,nodes,ties,direction,density,reciprocity,transitivity,mean_distance,diameter,components,centralization_degree,centralization_betweenness,centralization_closeness,connectedness,hierarchy,efficiency,lubness,non_respondents,z_reciprocity,z_transitivity,z_centralization_degree,z_centralization_betweenness,z_centralization_closeness,z_connectedness,z_hierarchy,z_efficiency,z_lubness"
    )
    // The advice layers: 190 ties among Krackhardt's 21 managers, 892 among Lazega's 71
    // lawyers (the rows of the shipped tables; Datasets/*/README.md).
    #expect(lines[1].hasPrefix("krackhardt,21,190,directed,"))
    #expect(lines[2].hasPrefix("lazega,71,892,directed,"))
    #expect(r.stderr.contains("each counts 1; trust and weights are not used"))
    // The interview study counts those who did not answer: 41 of 87 nodes in the constructed
    // municipality (46 rows of its node table say respondent=true).
    let m = run("summary", "municipality", "--group", "sector")
    #expect(m.status == 0)
    #expect(
      m.stdout.split(separator: "\n")[0].hasSuffix(
        ",non_respondents,ei,ei_expected,z_reciprocity,z_transitivity,z_centralization_degree,z_centralization_betweenness,z_centralization_closeness,z_connectedness,z_hierarchy,z_efficiency,z_lubness,z_ei"
      ))
    #expect(m.stdout.split(separator: "\n")[1].split(separator: ",")[17] == "41")
    #expect(run("summary").status == 64)
  }

  /// The z-scores are those of `test --cug` on the same draws; --cug-draws 0 leaves them out,
  /// --cug-condition size adds z_density; the output is the same for any --threads.
  @Test func cugZScores() throws {
    let base = ["summary", "krackhardt", "--layer", "advice", "--seed", "3"]
    let one = BrobyggareCommandLine.run(base + ["--threads", "1"])
    let two = BrobyggareCommandLine.run(base + ["--threads", "2"])
    #expect(one.status == 0, "\(one.stderr)")
    #expect(one.stdout == two.stdout)
    #expect(
      one.stderr.contains("200 random graphs per network that keep the number of nodes and ties"))
    #expect(one.stderr.contains("density is the same in every such graph and has no z-score"))
    let header = one.stdout.split(separator: "\n")[0].split(separator: ",").map(String.init)
    let row = one.stdout.split(separator: "\n")[1].split(
      separator: ",", omittingEmptySubsequences: false
    ).map(String.init)
    let test = BrobyggareCommandLine.run(
      cugCommand + [
        "krackhardt", "--layer", "advice", "--cug", "transitivity,lubness", "--permutations", "200",
        "--seed", "3",
      ])
    let zTransitivity = test.stdout.split(separator: "\n")[1].split(
      separator: ",", omittingEmptySubsequences: false)[4]
    #expect(row[header.firstIndex(of: "z_transitivity")!] == zTransitivity)
    // Every draw's LUBness is 1, as the observed (sna's 5000 draws in CUGTests agree): NaN.
    #expect(row[header.firstIndex(of: "z_lubness")!] == "NaN")
    let off = run("summary", "krackhardt", "--cug-draws", "0")
    #expect(!off.stdout.contains("z_") && off.stderr.contains("no z-scores (--cug-draws 0)"))
    let size = run("summary", "krackhardt", "--cug-condition", "size", "--cug-draws", "20")
    #expect(
      size.stdout.split(separator: "\n")[0].hasSuffix(
        ",non_respondents,z_density,z_reciprocity,z_transitivity,z_centralization_degree,z_centralization_betweenness,z_centralization_closeness,z_connectedness,z_hierarchy,z_efficiency,z_lubness"
      ))
    #expect(
      run("summary", "krackhardt", "--cug-condition", "dyads", "--cug-draws", "20").stdout.contains(
        ",non_respondents,z_transitivity,"))
    #expect(run("summary", "krackhardt", "--cug-condition", "random").status == 64)
    #expect(run("summary", "krackhardt", "--cug-draws", "-1").status == 64)
    // Asked for, too many draws are refused, naming what fits: 10⁶ draws on Lazega's 71
    // lawyers pass the limit.
    let big = run("summary", "lazega", "--layer", "advice", "--cug-draws", "1000000")
    #expect(big.status == 64 && big.stderr.contains("(--cug-draws "))
  }
}

/// `sweep`: columns per cut-off, the settings that say what was kept, and refusals.
@Suite("Sweep command")
struct SweepCommandTests {
  @Test func columnsSettingsAndRefusals() throws {
    let r = run("sweep", "municipality", "--layer", "trust", "--thresholds", "0.25,1", "--top", "2")
    #expect(r.status == 0)
    let lines = r.stdout.split(separator: "\n")
    #expect(lines.first == "id,label,betweenness@0.25,rank@0.25,betweenness@1,rank@1")
    #expect(lines.count == 3)
    // Leila Haddad (p01) is the trust layer's first bridge-builder at every cut-off (the
    // library's betweenness; see Notebooks-md/02).
    #expect(lines[1].hasPrefix("p01,Leila Haddad,"))
    #expect(r.stderr.contains("ties kept: trust at or above each cut-off"))
    #expect(r.stderr.contains("rank correlation with the first cut-off (Spearman)"))
    #expect(run("sweep", "padgett").status == 1)  // no trust to cut
    #expect(run("sweep", "municipality", "--thresholds", "0.5,0x1").status == 64)
    #expect(run("sweep", "municipality", "--thresholds", "0.5,0.5").status == 64)
    #expect(
      run("sweep", "municipality", "--measure", "betweeness").stderr.contains(
        "did you mean 'betweenness'"))
  }
}
