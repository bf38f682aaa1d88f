import Brobyggare
import Foundation

// The benchmark: numbered, named cases on graphs generated from fixed seeds. Each case times
// only its work (not building the graph), `--runs` times, and reports the median.
//
//   swift run -c release brobyggare-benchmark [--cases 1,2] [--runs 3] [--threads N]
//                                             [--graphs DIR] [--json]
//   swift run -c release brobyggare-benchmark --scaling-n N [--threads N] [--write-el PATH]
//
// Scripts/benchmark_peers.py runs the same cases in igraph, NetworKit and networkx on the
// graphs this writes to --graphs, and prints the table with ratios.

struct Case {
  var number: Int
  var name: String
  var graph: String
  var work: (Network, Adjacency, Int) throws -> Void
}

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.contains("--help") || arguments.contains("-h") {
  print(
    """
    USAGE: brobyggare-benchmark [--cases 1,2] [--runs 3] [--threads N] [--graphs DIR] [--json]
           brobyggare-benchmark --scaling-n N [--threads N] [--write-el PATH]

    Runs the numbered cases (default: all but 12, which writes and reads a 1 GiB file, 18, a
    check of the machine, and 20, a million nodes' betweenness in two shard processes; name them
    with --cases to run them) and prints each median time.
    --runs 0 only writes the graphs.
    --scaling-n N times exact betweenness from a sample of the sources of a Barabási–Albert
    graph of N nodes (m = 5, seed 1; 128 ≤ N ≤ 100,000) and prints one JSON line: about
    1,000 sources, one block of whole chunks of the library's fixed source chunks from the
    middle of the order the kernel takes its sources in (at most 2,500 breadth-first searches
    of the graph). --write-el PATH also writes the graph there, `u v` a line (gapbs's .el).
    Scripts/benchmark_peers.py runs the same cases in igraph, NetworKit and networkx.
    """)
  exit(0)
}
func option(_ name: String, in arguments: [String] = Array(CommandLine.arguments.dropFirst()))
  -> String?
{
  guard let i = arguments.firstIndex(of: "--" + name), i + 1 < arguments.count else { return nil }
  return arguments[i + 1]
}
let runs = Int(option("runs") ?? "3") ?? 3
let threads = Int(option("threads") ?? "1") ?? 1
if let text = option("scaling-n") {
  guard let n = Int(text), (128...100_000).contains(n), threads >= 1 else {
    FileHandle.standardError.write(
      Data(
        "brobyggare-benchmark: --scaling-n takes a whole number from 128 to 100000 (got '\(text)'), --threads at least 1\n"
          .utf8))
    exit(64)
  }
  say(try scalingSample(n: n, threads: threads, edgeList: option("write-el")).json)
  exit(0)
}
let graphDirectory = option("graphs") ?? ".build/benchmark-graphs"
let json = arguments.contains("--json")
let selected = option("cases").map { Set($0.split(separator: ",").compactMap { Int($0) }) }

/// The streaming case's file: 68 million ties among 4 million nodes, a little over 1 GiB.
let largeGraph = "random_4000000_68000000_directed"
let largeEdges = 68_000_000

let graphs: [String: () -> BenchmarkGraph] = [
  "ba_10000_5": { .barabasiAlbert(n: 10_000, m: 5, seed: 1) },
  "ba_10000_5_weighted": { .barabasiAlbert(n: 10_000, m: 5, seed: 1, weighted: true) },
  "er_10000_10": { .erdosRenyi(n: 10_000, meanDegree: 10, directed: false, seed: 2) },
  "er_10000_10_directed": { .erdosRenyi(n: 10_000, meanDegree: 10, directed: true, seed: 3) },
  "ba_100000_5": { .barabasiAlbert(n: 100_000, m: 5, seed: 4) },
  "er_100000_10_directed": { .erdosRenyi(n: 100_000, meanDegree: 10, directed: true, seed: 5) },
  "ba_1000_3": { .barabasiAlbert(n: 1_000, m: 3, seed: 7) },
]

let cases: [Case] = [
  Case(number: 1, name: "betweenness, exact, unweighted", graph: "ba_10000_5") { _, a, t in
    _ = a.betweenness(lengths: try ArcLengths(a, transform: .hops), threads: t)
  },
  Case(number: 2, name: "betweenness, exact, unweighted", graph: "er_10000_10") { _, a, t in
    _ = a.betweenness(lengths: try ArcLengths(a, transform: .hops), threads: t)
  },
  Case(number: 3, name: "betweenness, exact, weighted", graph: "ba_10000_5_weighted") { _, a, t in
    _ = a.betweenness(lengths: try ArcLengths(a, transform: .raw), threads: t)
  },
  Case(number: 4, name: "betweenness, exact, directed", graph: "er_10000_10_directed") { _, a, t in
    _ = a.betweenness(lengths: try ArcLengths(a, transform: .hops), threads: t)
  },
  Case(number: 5, name: "closeness and harmonic", graph: "ba_10000_5") { _, a, t in
    _ = a.closenessAndHarmonic(lengths: try ArcLengths(a, transform: .hops), threads: t)
  },
  Case(number: 6, name: "Burt's constraint", graph: "ba_10000_5") { _, a, _ in
    _ = a.structuralHoles(weighted: false)
  },
  Case(number: 7, name: "brokerage roles (3 groups)", graph: "ba_10000_5") { _, a, _ in
    _ = a.brokerageRoles(groups: (0..<a.nodeCount).map { $0 % 3 }, groupNames: ["a", "b", "c"])
  },
  Case(number: 8, name: "components and articulation points", graph: "er_100000_10_directed") {
    _, a, _ in
    _ = a.weakComponents
    _ = a.strongComponents
    _ = a.cutStructure
  },
  Case(number: 9, name: "PageRank", graph: "er_100000_10_directed") { _, a, _ in
    _ = a.pageRank(tolerance: 1e-10)
  },
  Case(number: 10, name: "load edge list (1M edges)", graph: "er_100000_10_directed") { _, _, _ in
    _ = try Network(
      contentsOf: "\(graphDirectory)/er_100000_10_directed.txt",
      options: Network.ReadOptions(directed: true, format: .edgelist))
  },
  Case(number: 11, name: "load GraphML", graph: "ba_10000_5") { _, _, _ in
    _ = try Network(contentsOf: "\(graphDirectory)/ba_10000_5.graphml")
  },
  Case(number: 12, name: "load edge list (1 GiB, streamed)", graph: largeGraph) { _, _, _ in
    let net = try Network(
      contentsOf: "\(graphDirectory)/\(largeGraph).txt",
      options: Network.ReadOptions(directed: true, format: .edgelist))
    precondition(net.tieCount == largeEdges)
  },
  Case(number: 13, name: "betweenness, approximate, eps 0.01", graph: "ba_100000_5") { _, a, t in
    _ = a.approximateBetweenness(
      epsilon: 0.01, delta: 0.1, lengths: try ArcLengths(a, transform: .hops), seed: 1, threads: t)
  },
  Case(number: 14, name: "robustness, node dropout, 3 x 50 runs", graph: "ba_1000_3") { _, a, t in
    var options = Robustness.Options()
    options.runs = 50
    options.threads = t
    _ = a.robustness(options)
  },
  Case(number: 15, name: "load CSV tie table", graph: "ba_10000_5_weighted") { _, _, _ in
    _ = try Network(contentsOf: "\(graphDirectory)/ba_10000_5_weighted.csv")
  },
  Case(number: 16, name: "load DOT", graph: "ba_10000_5_weighted") { _, _, _ in
    _ = try Network(contentsOf: "\(graphDirectory)/ba_10000_5_weighted.dot")
  },
  Case(number: 17, name: "load JSON node-link", graph: "ba_10000_5_weighted") { _, _, _ in
    _ = try Network(contentsOf: "\(graphDirectory)/ba_10000_5_weighted.json")
  },
  Case(number: 18, name: "machine check (no library code)", graph: "ba_10000_5") { _, a, t in
    _ = machineCheck(a, threads: t)
  },
  Case(number: 19, name: "closeness and harmonic, weighted", graph: "ba_10000_5_weighted") {
    _, a, t in
    _ = a.closenessAndHarmonic(lengths: try ArcLengths(a, transform: .raw), threads: t)
  },
  Case(number: 21, name: "betweenness, adaptive (KADABRA), eps 0.01", graph: "ba_100000_5") {
    _, a, t in
    _ = a.adaptiveBetweenness(epsilon: 0.01, delta: 0.1, seed: 1, threads: t)
  },
]

/// What two threads can gain on this machine on work shaped like the breadth-first kernels
/// but with nothing shared that either thread writes: each of 157 chunks sweeps the BA graph's
/// arc heads three times in order, updating the thread's own three words per node at the heads.
/// Chunks are handed out as the library hands them out. Not a measure of Brobyggare: a
/// yardstick for the two-thread column, since the threads of a virtual machine share more
/// than their cores' names say.
func machineCheck(_ a: Adjacency, threads: Int) -> UInt64 {
  final class Chunks: @unchecked Sendable {
    let lock = NSLock()
    var next = 0
    var results: [UInt64]
    init(_ count: Int) { results = Array(repeating: 0, count: count) }
    func take() -> Int {
      lock.withLock {
        defer { next += 1 }
        return next
      }
    }
    func put(_ c: Int, _ x: UInt64) { lock.withLock { results[c] = x } }
  }
  let n = a.nodeCount
  let chunks = (n + 63) / 64
  let shared = Chunks(chunks)
  let arcHeads = a.outTargets
  DispatchQueue.concurrentPerform(iterations: max(1, min(threads, chunks))) { _ in
    let words = UnsafeMutablePointer<UInt64>.allocate(capacity: 3 * n)
    defer { words.deallocate() }
    arcHeads.withUnsafeBufferPointer { heads in
      while true {
        let c = shared.take()
        if c >= chunks { break }
        words.initialize(repeating: 0, count: 3 * n)
        var x = UInt64(c)
        for sweep in 0..<3 {
          for k in heads.indices {
            let w = Int(heads[k])
            let add = (x | UInt64(sweep)) & ~words[w]
            if add & 3 == 0 {
              x &+= 1
              continue
            }
            words[n + w] |= add
            words[2 * n + w] &+= add
            x = x &* 31 &+ UInt64(k)
            if k & 7 == 0 { words[w] ^= x }
          }
        }
        shared.put(c, x)
      }
    }
  }
  return shared.results.reduce(0, ^)
}

func median(_ xs: [Double]) -> Double {
  let s = xs.sorted()
  return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

/// Printed at once, so that a long run shows each case as it ends.
func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

/// The file a loading case reads when it is not the edge list: its path and format, written
/// from the case's graph.
func writtenFile(_ c: Case) -> (path: String, format: NetworkFormat)? {
  let formats: [(String, String, NetworkFormat)] = [
    ("GraphML", "graphml", .graphml), ("CSV", "csv", .csv), ("DOT", "dot", .dot),
    ("JSON", "json", .json),
  ]
  guard
    let (_, ext, format) = formats.first(where: {
      c.name.hasPrefix("load") && c.name.contains($0.0)
    })
  else { return nil }
  return ("\(graphDirectory)/\(c.graph).\(ext)", format)
}

try FileManager.default.createDirectory(atPath: graphDirectory, withIntermediateDirectories: true)
var loaded: [String: (Network, Adjacency)] = [:]
var results: [(Case, Double, [Double])] = []
/// Each computing case's graph size, for the relaxation rate n · arcs / time.
var sizes: [Int: (nodes: Int, arcs: Int)] = [:]
for c in cases where selected?.contains(c.number) ?? (c.number != 12 && c.number != 18) {
  let loading = c.name.hasPrefix("load")
  if c.number == 12
    && !FileManager.default.fileExists(atPath: "\(graphDirectory)/\(largeGraph).txt")
  {
    try writeLargeEdgeList(
      path: "\(graphDirectory)/\(largeGraph).txt", n: 4_000_000, edges: largeEdges, seed: 6)
  }
  let written = writtenFile(c)
  if loading && FileManager.default.fileExists(atPath: "\(graphDirectory)/\(c.graph).txt")
    && (written.map { FileManager.default.fileExists(atPath: $0.path) } ?? true)
  {
    // Loading cases read the files alone, so their peak memory is the reader's.
    if runs < 1 { continue }
    var times: [Double] = []
    for _ in 0..<runs {
      let t0 = now()
      try c.work(Network(directed: true), Adjacency.empty, threads)
      times.append(now() - t0)
    }
    results.append((c, median(times), times))
    if !json {
      say(
        String(
          format: "%2d  %-38@ %-22@ %9.3f s", c.number, c.name as NSString, c.graph as NSString,
          median(times)))
    }
    continue
  }
  if loaded[c.graph] == nil {
    var g = graphs[c.graph]!()
    g.name = c.graph
    let path = "\(graphDirectory)/\(g.fileName)"
    if !FileManager.default.fileExists(atPath: path) {
      try g.edgeListText().write(toFile: path, atomically: true, encoding: .utf8)
    }
    let net = g.network()
    loaded[c.graph] = (net, try net.adjacency())
  }
  if let (path, format) = written, !FileManager.default.fileExists(atPath: path) {
    // The CSV case reads the tie table alone, as the peers do: its node table is not written.
    try writeFilesAtomically(
      Array(try loaded[c.graph]!.0.serialized(as: format, path: path).prefix(1)))
  }
  let (net, adj) = loaded[c.graph]!
  if runs < 1 { continue }  // --runs 0 only writes the graphs
  var times: [Double] = []
  for _ in 0..<runs {
    let t0 = now()
    try c.work(net, adj, threads)
    times.append(now() - t0)
  }
  results.append((c, median(times), times))
  sizes[c.number] = (adj.nodeCount, adj.arcCount)
  if !json {
    say(
      String(
        format: "%2d  %-38@ %-22@ %9.3f s  (n=%d, arcs=%d, threads=%d)", c.number,
        c.name as NSString,
        c.graph as NSString, median(times), adj.nodeCount, adj.arcCount, threads))
  }
}
/// This process's peak resident memory in MiB (VmHWM), or -1 where /proc does not tell. Read
/// here rather than from the parent's rusage, which on Linux also counts the parent's memory
/// at the time it forked.
func peakMiB() -> Double {
  guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
    let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
    let kB = Double(
      line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
  else { return -1 }
  return kB / 1024
}

if selected?.contains(20) == true && runs > 0 {
  try shardedBetweennessCase(graphDirectory: graphDirectory)
}

if json {
  let peak = peakMiB()
  let rows = results.map { c, m, ts in
    // Computing cases also give the graph's nodes and arcs (each undirected tie twice).
    let size = sizes[c.number].map { ", \"nodes\": \($0.nodes), \"arcs\": \($0.arcs)" } ?? ""
    return
      "{\"case\": \(c.number), \"name\": \"\(c.name)\", \"graph\": \"\(c.graph)\", \"median_seconds\": \(m), \"runs\": [\(ts.map { String($0) }.joined(separator: ", "))], \"threads\": \(threads), \"peak_mib\": \(peak)\(size)}"
  }
  say("[\n  " + rows.joined(separator: ",\n  ") + "\n]")
}
