import Brobyggare
import Foundation

/// One point of the size-scaling run (`--scaling-n N`, driven by `benchmark_peers.py
/// --scaling-n`): exact unweighted betweenness from a sample of the sources of BA(N, m = 5,
/// seed 1), so that the time per source can be compared across N at a bounded cost.
struct ScalingSample {
  var nodes: Int
  var ties: Int
  var arcs: Int
  var chunks: Int
  var chunksTimed: Int
  var sources: Int
  var seconds: Double
  var peakMiB: Double

  var json: String {
    "{\"nodes\": \(nodes), \"ties\": \(ties), \"arcs\": \(arcs), \"chunks\": \(chunks), \"chunks_timed\": \(chunksTimed), \"sources\": \(sources), \"seconds\": \(seconds), \"peak_mib\": \(peakMiB)}"
  }
}

/// Times ``Adjacency/betweennessPartials(lengths:block:threads:groups:)`` on one block of whole
/// source chunks of BA(n, 5): with C fixed chunks and k = max(1, round(1000 / (n / C))), the
/// middle one of K = round(C / k) blocks of consecutive chunks in the order the kernel takes its
/// sources in (breadth-first from the largest hub), about 1,000 sources (666 to 2,439 from
/// 1,000 to 100,000 nodes, all of them below; the JSON gives the count) timed in one call. The
/// library relabels the graph, orders its sources, renumbers the arcs and allocates its
/// workspace in that call, once (O(n + m) steps inside the timing). Until 2026-12-01 each of
/// the k chunks was its own call, spread over the order, which timed that set-up k times (13
/// at 10,000 nodes, once from 60,000 nodes on).
/// The peak memory is the process's (VmHWM): generator, network, adjacency and
/// the kernel together. `edgeList`, when given, is a path to write the graph to in gapbs's .el
/// format (`u v` a line), so that `benchmark_peers.py --scaling-n --gapbs` times gapbs's `bc`
/// on the same graph.
func scalingSample(n: Int, threads: Int, edgeList: String? = nil) throws -> ScalingSample {
  let g = BenchmarkGraph.barabasiAlbert(n: n, m: 5, seed: 1)
  if let edgeList {
    let text = g.edges.map { "\($0.0) \($0.1)\n" }.joined()
    try text.write(toFile: edgeList, atomically: true, encoding: .utf8)
  }
  let adj = try g.network().adjacency()
  let lengths = try ArcLengths(adj, transform: .hops)
  let chunkCount = adj.sourceChunks
  let perChunk = Double(n) / Double(chunkCount)
  let k = min(chunkCount, max(1, Int((1000 / perChunk).rounded())))
  // Block i of K holds chunks i·C/K ..< (i + 1)·C/K: K = C / k blocks of about k chunks, the
  // middle one.
  let blockCount = max(1, Int((Double(chunkCount) / Double(k)).rounded()))
  let block = SourceBlock(index: blockCount / 2, of: blockCount)
  let chunks = block.chunks(of: chunkCount)
  let sources = chunks.reduce(0) { $0 + ($1 + 1) * n / chunkCount - $1 * n / chunkCount }
  var sink = 0.0
  let t0 = now()
  let parts = adj.betweennessPartials(lengths: lengths, block: block, threads: threads)
  for part in parts { sink += part[0] }
  let seconds = now() - t0
  precondition(sink.isFinite)
  return ScalingSample(
    nodes: adj.nodeCount, ties: g.edges.count, arcs: adj.arcCount, chunks: chunkCount,
    chunksTimed: chunks.count, sources: sources, seconds: seconds, peakMiB: peakMiB())
}
