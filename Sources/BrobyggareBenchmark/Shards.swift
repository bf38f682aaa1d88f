import Brobyggare
import Foundation

/// Case 20: exact betweenness of a million nodes split over two processes of the command line
/// (`metrics NET.bbn --shard i/2`, one thread each, run at once), then `merge`, and the single
/// run for the bytes to compare with. The graph is 1,000 Barabási–Albert components of 1,000
/// nodes (m = 5; seeds 1,000 to 1,999): a million sources whose searches each reach 1,000
/// nodes, so that the case takes seconds here and its time per source is the measure; one
/// connected million-node graph takes each source about 100 times longer (the projection in
/// the README). Also times reading the graph as an edge list and as the packed `.bbn`.
/// Not in the default set (it runs other processes); name it with `--cases 20`.
func shardedBetweennessCase(graphDirectory: String) throws {
  let name = "ba_components_1000x1000_5"
  let bbn = "\(graphDirectory)/\(name).bbn"
  let text = "\(graphDirectory)/\(name).txt"
  // Written again when missing, or written by a build with another layout.
  if !FileManager.default.fileExists(atPath: bbn)
    || (try? PackedNetwork.settings(contentsOf: bbn)) == nil
  {
    var g = BenchmarkGraph(
      name: name, nodeCount: 1_000_000, directed: false, edges: [], weights: nil)
    for c in 0..<1000 {
      let part = BenchmarkGraph.barabasiAlbert(n: 1000, m: 5, seed: 1000 + UInt64(c))
      g.edges += part.edges.map { ($0.0 + Int32(1000 * c), $0.1 + Int32(1000 * c)) }
    }
    try g.edgeListText().write(toFile: text, atomically: true, encoding: .utf8)
    let adj = try g.network().adjacency()
    let ids = (0..<adj.nodeCount).map(String.init)
    try PackedNetwork(
      adjacency: adj, ids: ids, labels: ids,
      settings: [
        ("layers", "all"), ("weight", "none (every tie 1)"), ("merge", "max"), ("distance", "hops"),
      ]
    )
    .data().write(to: URL(fileURLWithPath: bbn))
  }
  var t0 = now()
  let net = try Network(
    contentsOf: text, options: Network.ReadOptions(directed: false, format: .edgelist))
  let textTime = now() - t0
  t0 = now()
  let packed = try PackedNetwork(contentsOf: bbn)
  let packedTime = now() - t0
  precondition(packed.adjacency.nodeCount == net.nodeCount)
  say(
    String(
      format: "20  read edge list, %d nodes, %d ties          %9.3f s", net.nodeCount, net.tieCount,
      textTime))
  say(String(format: "20  read packed .bbn (checked, hashed)               %9.3f s", packedTime))
  // The command line built beside this benchmark.
  let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    .appendingPathComponent("brobyggare").path
  guard FileManager.default.isExecutableFile(atPath: binary) else {
    say("20  skipped: no brobyggare beside the benchmark (swift build -c release builds both)")
    return
  }
  func start(_ args: [String]) throws -> Process {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: binary)
    p.arguments = args
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    return p
  }
  let parts = (0..<2).map { "\(graphDirectory)/\(name).part-\($0).bbs" }
  t0 = now()
  let shards = try (0..<2).map { i in
    try start([
      "metrics", bbn, "--measures", "betweenness", "--shard", "\(i)/2", "--threads", "1", "-o",
      parts[i],
    ])
  }
  var shardTimes = [0.0, 0.0]
  // Both run at once; each one's time is from the common start to its own end.
  var running = Set(0..<2)
  while !running.isEmpty {
    for i in running where !shards[i].isRunning {
      shardTimes[i] = now() - t0
      running.remove(i)
      precondition(shards[i].terminationStatus == 0, "shard \(i) failed")
    }
    Thread.sleep(forTimeInterval: 0.01)
  }
  for i in 0..<2 {
    say(
      String(
        format: "20  betweenness shard %d/2, one process, 1 thread   %9.3f s", i, shardTimes[i]))
  }
  let merged = "\(graphDirectory)/\(name).merged.csv"
  let single = "\(graphDirectory)/\(name).single.csv"
  t0 = now()
  let m = try start(["merge"] + parts + ["-o", merged])
  m.waitUntilExit()
  say(String(format: "20  merge of the 2 parts, table written              %9.3f s", now() - t0))
  t0 = now()
  let s = try start(["metrics", bbn, "--measures", "betweenness", "--threads", "2", "-o", single])
  s.waitUntilExit()
  say(String(format: "20  single run, one process, 2 threads               %9.3f s", now() - t0))
  let same = FileManager.default.contentsEqual(atPath: merged, andPath: single)
  say("20  merged table equals the single run's, byte for byte: \(same ? "yes" : "NO")")
}
