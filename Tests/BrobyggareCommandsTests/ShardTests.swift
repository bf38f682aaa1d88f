import Foundation
import Testing

@testable import BrobyggareCommands

/// `pack`, `metrics --shard i/K` and `merge`: K shards run as separate processes of the built
/// program, merged, give the single run's bytes. The expected output is the single run's own
/// (the property under test is that splitting changes nothing); the single run's values are
/// checked against networkx elsewhere (CommandTests, BetweennessTests).
@Suite("Shards")
struct ShardTests {
  /// A random network of `n` nodes and `m` ties as an edge list, from a fixed LCG (so the same
  /// on every run): integer trusts 1 to 4 when weighted, so that many paths tie in length.
  func randomEdgeList(n: Int, m: Int, weighted: Bool, seed: UInt64) -> String {
    var x = seed
    var text = ""
    for _ in 0..<m {
      x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let a = (x >> 33) % UInt64(n)
      x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let b = (x >> 33) % UInt64(n)
      text += "v\(a) v\(b)" + (weighted ? " \((x >> 20) % 4 + 1)" : "") + "\n"
    }
    return text
  }

  /// Starts the built program with `args`; `finish` waits for its exit status and standard
  /// error.
  func launch(_ binary: String, _ args: [String]) throws -> RunningTool {
    try startTool(binary, args, stdout: .discard)
  }

  func finish(_ tool: RunningTool) -> (status: Int32, stderr: String) {
    let r = tool.finish()
    return (r.status, r.err)
  }

  /// Runs `metrics ARGS --shard i/K` for every i as processes at once (threads 1 and 2 in
  /// turn), then `merge` on the parts given in reverse order (merge puts them in shard order);
  /// returns the merged table's bytes and merge's standard error.
  func shardAndMerge(
    _ binary: String, _ args: [String], k: Int, in dir: URL
  ) throws -> (table: Data, stderr: String) {
    let parts = (0..<k).map { dir.appendingPathComponent("part-\(k)-\($0).bbs").path }
    let tasks = try (0..<k).map { i in
      try launch(
        binary,
        ["metrics"] + args + ["--shard", "\(i)/\(k)", "-o", parts[i], "--threads", "\(1 + i % 2)"])
    }
    for t in tasks {
      let r = finish(t)
      #expect(r.status == 0, "\(r.stderr)")
    }
    let merged = dir.appendingPathComponent("merged-\(k).csv").path
    let m = finish(try launch(binary, ["merge"] + parts.reversed() + ["-o", merged]))
    #expect(m.status == 0, "\(m.stderr)")
    return (try Data(contentsOf: URL(fileURLWithPath: merged)), m.stderr)
  }

  @Test(
    .enabled(if: builtBinary() != nil),
    arguments: [(false, false), (true, false), (false, true), (true, true)])
  func shardsMergeToTheSingleRunsBytes(directed: Bool, weighted: Bool) throws {
    let binary = try #require(builtBinary())
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    // 700 nodes split into 10 chunks of sources (n / 64), so 7 shards hold 1 or 2 chunks each.
    let net = dir.appendingPathComponent("net.edgelist").path
    try randomEdgeList(n: 700, m: 2100, weighted: weighted, seed: directed ? 11 : 12).write(
      toFile: net, atomically: true, encoding: .utf8)
    let input = (directed ? [] : ["--undirected"]) + (weighted ? ["--distance", "reciprocal"] : [])
    let measures = ["--measures", "betweenness,closeness,betweenness_normalized,harmonic"]
    let single = dir.appendingPathComponent("single.csv").path
    let s = finish(
      try launch(binary, ["metrics", net] + input + measures + ["-o", single, "--threads", "2"]))
    #expect(s.status == 0, "\(s.stderr)")
    let packed = dir.appendingPathComponent("net.bbn").path
    let pk = finish(try launch(binary, ["pack", net, "-o", packed] + input))
    #expect(pk.status == 0, "\(pk.stderr)")
    let expected = try Data(contentsOf: URL(fileURLWithPath: single))
    for k in [1, 2, 3, 7] {
      // The packed file for some K, the text for others: the parts carry one content hash.
      let source =
        k % 2 == 1 ? [packed] : [net] + input.filter { $0 != "--distance" && $0 != "reciprocal" }
      let distance = weighted && k % 2 == 0 ? ["--distance", "reciprocal"] : []
      let (got, stderr) = try shardAndMerge(binary, source + distance + measures, k: k, in: dir)
      #expect(got == expected, "K = \(k), directed \(directed), weighted \(weighted)")
      #expect(stderr.contains("distance: \(weighted ? "reciprocal" : "hops")"))
    }
  }

  /// Betweenness between groups in shards: a CSV tie table with its node table (a ninth of
  /// the nodes in no group), K shards as separate processes, merged, give the single run's
  /// bytes, directed on lengths and undirected on hops. A part computed with other groups
  /// (another node table) is refused by merge, and --group with a packed file by metrics.
  @Test(.enabled(if: builtBinary() != nil), arguments: [(false, false), (true, true)])
  func intergroupShardsMergeToTheSingleRunsBytes(directed: Bool, weighted: Bool) throws {
    let binary = try #require(builtBinary())
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    // 700 nodes split into 10 chunks of sources (n / 64), so 7 shards hold 1 or 2 chunks each.
    let ties = dir.appendingPathComponent("ties.csv").path
    let edges = randomEdgeList(n: 700, m: 2100, weighted: true, seed: directed ? 21 : 22)
    try
      ("source,target,trust\n"
      + edges.split(separator: "\n").map { $0.split(separator: " ").joined(separator: ",") }
      .joined(separator: "\n") + "\n").write(toFile: ties, atomically: true, encoding: .utf8)
    func nodeTable(_ name: String, teams: Int) throws -> String {
      let path = dir.appendingPathComponent(name).path
      try
        ("id,team\n"
        + (0..<700).map { "v\($0),\($0 % 9 == 0 ? "" : "t\($0 % teams)")" }.joined(
          separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
      return path
    }
    let nodes = try nodeTable("nodes.csv", teams: 4)
    let input =
      [ties, "--nodes", nodes, "--group", "team"] + (directed ? [] : ["--undirected"])
      + (weighted ? ["--distance", "reciprocal"] : [])
    let measures = ["--measures", "betweenness,betweenness_intergroup"]
    let single = dir.appendingPathComponent("single.csv").path
    let s = finish(
      try launch(binary, ["metrics"] + input + measures + ["-o", single, "--threads", "2"]))
    #expect(s.status == 0, "\(s.stderr)")
    let expected = try Data(contentsOf: URL(fileURLWithPath: single))
    #expect(
      String(decoding: expected, as: UTF8.self).hasPrefix(
        "id,label,betweenness,betweenness_intergroup"))
    for k in [1, 3, 7] {
      let (got, stderr) = try shardAndMerge(binary, input + measures, k: k, in: dir)
      #expect(got == expected, "K = \(k), directed \(directed), weighted \(weighted)")
      #expect(stderr.contains("group: team"), "\(stderr)")
    }
    // The same attribute with other values (five teams, not four): the part of shard 1 from
    // another node table.
    let otherNodes = try nodeTable("other.csv", teams: 5)
    let own = dir.appendingPathComponent("own-0.bbs").path
    let other = dir.appendingPathComponent("other-1.bbs").path
    for (table, shard, path) in [(nodes, 0, own), (otherNodes, 1, other)] {
      let r = run(
        ["metrics"] + input.map { $0 == nodes ? table : $0 } + measures + [
          "--shard", "\(shard)/2", "-o", path,
        ])
      #expect(r.status == 0, "\(r.stderr)")
    }
    let mixed = run("merge", own, other)
    #expect(mixed.status == 1)
    #expect(mixed.stderr.contains("other groups"), "\(mixed.stderr)")
    let packed = dir.appendingPathComponent("net.bbn").path
    #expect(run(["pack", ties, "-o", packed] + (directed ? [] : ["--undirected"])).status == 0)
    let fromPacked = run(
      ["metrics", packed, "--group", "team"] + measures + [
        "--shard", "0/2", "-o", dir.appendingPathComponent("p.bbs").path,
      ])
    #expect(fromPacked.status == 64)
    #expect(fromPacked.stderr.contains("holds no node attributes"), "\(fromPacked.stderr)")
  }

  /// The packed file reads back as the network it was packed from: the same table from both.
  @Test func aPackedNetworkReadsAsItsOriginal() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let bbn = dir.appendingPathComponent("p.bbn").path
    #expect(run("pack", padgett, "--layer", "marriage", "-o", bbn).status == 0)
    let a = run("metrics", padgett, "--layer", "marriage")
    let b = run("metrics", bbn)
    #expect(b.status == 0, "\(b.stderr)")
    #expect(a.stdout == b.stdout)
    // networkx 3.6.1 betweenness_centrality(normalized=False) on the marriage ties.
    #expect(
      b.stdout.split(separator: "\n").contains {
        $0.hasPrefix("Medici,Medici,6,") && $0.contains(",47.5,")
      })
    #expect(b.stderr.contains("layers: marriage"))
    let info = run("info", bbn)
    #expect(info.status == 0, "\(info.stderr)")
    // The ties were chosen when packing.
    let layer = run("metrics", bbn, "--layer", "business")
    #expect(layer.status == 64)
    #expect(layer.stderr.contains("packed network"))
    #expect(run("metrics", bbn, "--encoding", "latin1").status == 64)
    // Packed as undirected: --undirected agrees with it.
    #expect(
      run(
        "metrics", bbn, "--measures", "betweenness", "--shard", "0/1", "-o",
        dir.appendingPathComponent("x.bbs").path, "--undirected"
      ).status == 0)
  }

  /// Integer node ids (networkx's, from JSON) are packed as text, and pack says so; text ids
  /// get no such note.
  @Test func packingIntegerIDsSaysTheyBecomeText() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let bbn = dir.appendingPathComponent("p.bbn").path
    for (ids, noted) in [(["0", "1", "2"], true), (["\"a\"", "\"b\"", "\"c\""], false)] {
      let json = dir.appendingPathComponent("g.json")
      let text =
        "{\"directed\": false, \"nodes\": [{\"id\": \(ids[0])}, {\"id\": \(ids[1])}, {\"id\": \(ids[2])}], "
        + "\"links\": [{\"source\": \(ids[0]), \"target\": \(ids[1])}, {\"source\": \(ids[1]), \"target\": \(ids[2])}]}"
      try text.write(to: json, atomically: true, encoding: .utf8)
      let r = run("pack", json.path, "-o", bbn)
      #expect(r.status == 0, "\(r.stderr)")
      #expect(r.stderr.contains("the packed file holds them as text") == noted, "\(r.stderr)")
    }
  }

  @Test func damagedPackedFilesAreRefusedWithAMessage() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let bbn = dir.appendingPathComponent("p.bbn").path
    #expect(run("pack", padgett, "--layer", "marriage", "-o", bbn).status == 0)
    let whole = try Data(contentsOf: URL(fileURLWithPath: bbn))
    func check(_ bytes: Data, _ phrase: String, sourceLocation: SourceLocation = #_sourceLocation)
      throws
    {
      let bad = dir.appendingPathComponent("bad.bbn").path
      try bytes.write(to: URL(fileURLWithPath: bad))
      let r = run("metrics", bad, "--measures", "betweenness")
      #expect(r.status == 1, sourceLocation: sourceLocation)
      #expect(r.stderr.contains(phrase), "\(r.stderr)", sourceLocation: sourceLocation)
    }
    // Cut anywhere: a clear message, never a crash.
    for cut in [0, 4, 12, 30, 47, 60, whole.count / 2, whole.count - 1] {
      try check(
        whole.prefix(cut),
        cut == 0 ? "the file is empty" : cut < 8 ? "not a packed network" : "damaged")
    }
    var flipped = whole
    flipped[whole.count - 20] ^= 0x01
    try check(flipped, "content hash")
    // A node count of 2^60: refused before anything is allocated.
    var huge = whole
    huge.replaceSubrange(
      16..<24, with: withUnsafeBytes(of: (UInt64(1) << 60).littleEndian) { Data($0) })
    try check(huge, "damaged")
    var version = whole
    version[8] = 9
    try check(version, "format version 9")
    try check(Data("source,target\na,b\n".utf8), "not a packed network")
  }

  @Test func damagedAndMismatchedPartsAreRefused() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    func part(_ name: String, _ args: String...) throws -> String {
      let path = dir.appendingPathComponent(name).path
      let r = BrobyggareCommandLine.run(
        ["metrics", padgett, "--measures", "betweenness", "-o", path] + args)
      #expect(r.status == 0, "\(r.stderr)")
      return path
    }
    let p0 = try part("a0.bbs", "--layer", "marriage", "--shard", "0/2")
    let p1 = try part("a1.bbs", "--layer", "marriage", "--shard", "1/2")
    #expect(run("merge", p0, p1).status == 0)
    let missing = run("merge", p0)
    #expect(missing.status == 1)
    #expect(missing.stderr.contains("shard 1/2 is missing"))
    let twice = run("merge", p0, p1, p0)
    #expect(twice.status == 1)
    #expect(twice.stderr.contains("shard 0/2 is given twice"))
    let other = try part("b1.bbs", "--layer", "business", "--shard", "1/2")
    let network = run("merge", p0, other)
    #expect(network.status == 1)
    #expect(network.stderr.contains("another network"))
    let distance = try part(
      "c1.bbs", "--layer", "marriage", "--shard", "1/2", "--distance", "reciprocal")
    let settings = run("merge", p0, distance)
    #expect(settings.status == 1)
    #expect(settings.stderr.contains("distance: reciprocal, where"))
    let split = try part("d1.bbs", "--layer", "marriage", "--shard", "1/3")
    #expect(run("merge", p0, split).stderr.contains("one of 2 shards"))
    let whole = try Data(contentsOf: URL(fileURLWithPath: p1))
    let bad = dir.appendingPathComponent("bad.bbs").path
    for cut in [3, 40, whole.count - 8] {
      try whole.prefix(cut).write(to: URL(fileURLWithPath: bad))
      let r = run("merge", p0, bad)
      #expect(r.status == 1)
      #expect(r.stderr.contains(cut < 8 ? "not a shard part" : "damaged"), "\(r.stderr)")
    }
    var flipped = whole
    flipped[whole.count - 3] ^= 0x40
    try flipped.write(to: URL(fileURLWithPath: bad))
    #expect(run("merge", p0, bad).stderr.contains("content hash"))
  }

  @Test func shardUsageErrors() {
    let out = ["-o", "/tmp/never-written.bbs"]
    #expect(
      run("metrics", padgett, "--measures", "betweenness", "--shard", "2/2", "-o", "x.bbs").status
        == 64)
    #expect(
      run("metrics", padgett, "--measures", "betweenness", "--shard", "a/b", "-o", "x.bbs").status
        == 64)
    #expect(run("metrics", padgett, "--shard", "0/2", "-o", "x.bbs").stderr.contains("--measures"))
    #expect(
      run("metrics", padgett, "--measures", "degree", "--shard", "0/2", "-o", "x.bbs").status == 64)
    #expect(
      run("metrics", padgett, "--measures", "betweenness", "--shard", "0/2").stderr.contains(
        "-o part-0.bbs"))
    #expect(
      run("metrics", padgett, "--measures", "betweenness", "--shard", "0/2", "-o", "x.csv").status
        == 64)
    #expect(
      run(["metrics", padgett, "--measures", "betweenness", "--shard", "0/2", "--top", "3"] + out)
        .status == 64)
    let grouped = run(
      ["metrics", padgett, "--measures", "betweenness", "--group", "gender", "--shard", "0/2"]
        + out)
    #expect(grouped.status == 64)
    #expect(grouped.stderr.contains("betweenness_intergroup alone"), "\(grouped.stderr)")
    #expect(run("pack", padgett).status == 64)
    #expect(run("pack", padgett, "-o", "x.csv").status == 64)
    #expect(!FileManager.default.fileExists(atPath: "/tmp/never-written.bbs"))
  }

  func run(_ args: [String]) -> BrobyggareCommandLine.Outcome { BrobyggareCommandLine.run(args) }
  func run(_ args: String...) -> BrobyggareCommandLine.Outcome { BrobyggareCommandLine.run(args) }
}
