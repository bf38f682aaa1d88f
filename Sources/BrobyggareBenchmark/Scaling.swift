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

/// Times ``Adjacency/betweennessPartials(lengths:block:threads:)`` on whole source chunks of
/// BA(n, 5): k = max(1, round(1000 / (n / C))) of the C fixed chunks, chunk
/// ⌊(j + ½) · C / k⌋ for j < k, so that about 1,000 sources are timed, taken evenly from the
/// order the kernel takes its sources in (breadth-first from the largest hub), not only its
/// head. Each chunk is its own block, so the library relabels the graph and orders its sources
/// once per chunk, as a shard would (O(n + m) steps inside the timing). The peak memory is the process's (VmHWM): generator,
/// network, adjacency and the kernel together.
func scalingSample(n: Int, threads: Int) throws -> ScalingSample {
  let g = BenchmarkGraph.barabasiAlbert(n: n, m: 5, seed: 1)
  let adj = try g.network().adjacency()
  let lengths = try ArcLengths(adj, transform: .hops)
  let chunkCount = adj.sourceChunks
  let perChunk = Double(n) / Double(chunkCount)
  let k = min(chunkCount, max(1, Int((1000 / perChunk).rounded())))
  let picked = (0..<k).map { j in Int((Double(j) + 0.5) * Double(chunkCount) / Double(k)) }
  var sources = 0
  var sink = 0.0
  let t0 = now()
  for c in picked {
    let block = SourceBlock(index: c, of: chunkCount)
    let parts = adj.betweennessPartials(lengths: lengths, block: block, threads: threads)
    for part in parts { sink += part[0] }
    sources += (c + 1) * n / chunkCount - c * n / chunkCount
  }
  let seconds = now() - t0
  precondition(sink.isFinite)
  return ScalingSample(
    nodes: adj.nodeCount, ties: g.edges.count, arcs: adj.arcCount, chunks: chunkCount,
    chunksTimed: k, sources: sources, seconds: seconds, peakMiB: peakMiB())
}
