/// All-pairs measures split across processes or machines: exact betweenness is a sum over
/// sources, closeness and harmonic closeness one row per source, so each of K processes can
/// take a fixed block of the sources and the parts add up to the single run's result without
/// approximation.
///
/// The blocks are made of the chunks the threads already use (``Adjacency/sourceChunks``,
/// fixed by n alone), and a part keeps each chunk's sum apart: adding every chunk in chunk
/// order (``BetweennessSum``) repeats the single run's additions one by one, so the result is
/// the same bit for bit for any K and any thread count.

/// One of `count` fixed blocks of the source chunks: block i holds the chunks
/// i·C/K ..< (i + 1)·C/K of the C chunks (empty when K > C and i falls between two).
public struct SourceBlock: Sendable, Hashable {
  /// Which block, from 0 (a Slurm array task's `SLURM_ARRAY_TASK_ID`).
  public let index: Int
  /// How many blocks the sources split into.
  public let count: Int

  /// Block `index` of `count`; `0 ≤ index < count`.
  public init(index: Int, of count: Int) {
    precondition(count >= 1 && index >= 0 && index < count, "block \(index) of \(count)")
    self.index = index
    self.count = count
  }

  /// The whole of the sources as one block.
  public static let all = SourceBlock(index: 0, of: 1)

  /// The chunks of this block among `chunkCount`.
  public func chunks(of chunkCount: Int) -> Range<Int> {
    (index * chunkCount / count)..<((index + 1) * chunkCount / count)
  }
}

extension Adjacency {
  /// The number of chunks the sources of an all-pairs measure split into: fixed by the number
  /// of nodes alone, never by the thread count (at most 128).
  public var sourceChunks: Int { sourceChunkCount(nodeCount) }

  /// The betweenness contributions of the sources in `block`: one array per chunk of
  /// ``SourceBlock/chunks(of:)``, indexed by node, each the sum over the chunk's sources s of
  /// the dependencies δ_s(v) (Brandes 2001), not yet halved on undirected networks. Add them
  /// with every other block's, in chunk order, with ``BetweennessSum``.
  ///
  /// With `groups` (each node's group, negative for none), the contributions to betweenness
  /// between groups instead (``intergroupBetweenness(groups:lengths:threads:)``): only pairs
  /// whose ends both have a group, and different ones, count. Added up the same way they give
  /// that function's result bit for bit.
  ///
  /// - Complexity: the block's share of ``betweenness(lengths:threads:)``'s time; memory
  ///   chunks × n.
  public func betweennessPartials(
    lengths: ArcLengths, block: SourceBlock, threads: Int = Threads.available,
    groups: [Int]? = nil
  ) -> [[Double]] {
    let n = nodeCount
    let range = block.chunks(of: sourceChunks)
    guard n > 0 else { return range.map { _ in [] } }
    // The sources are chunked as a single run chunks them (in the degree order the kernel
    // numbers them in; the unweighted kernel takes them in its breadth-first batch order).
    let (permuted, permutedLengths, newID) = relabelledByDegree(lengths: lengths.lengths)
    let partial = permuted.brandesPartials(
      lengths: permutedLengths, chunks: range, of: sourceChunks, threads: threads,
      groups: groups.map { kernelGroups($0, newID: newID) })
    return (0..<range.count).map { i in
      let p = partial.pointer + i * n
      return (0..<n).map { p[newID[$0]] }
    }
  }

  /// Closeness and harmonic closeness of the sources in `block` (see
  /// ``closenessAndHarmonic(lengths:threads:)``): each source's values come from its own
  /// search, so they are the single run's values bit for bit.
  ///
  /// - Returns: the sources (node indices) and their values, in the same order.
  /// - Complexity: the block's share of the single run's time; O(n + m) memory.
  public func closenessAndHarmonic(
    lengths: ArcLengths, block: SourceBlock, threads: Int = Threads.available
  )
    -> (nodes: [Int], closeness: [Double], harmonic: [Double])
  {
    let n = nodeCount
    let chunkCount = sourceChunks
    let range = block.chunks(of: chunkCount)
    guard n > 0 else { return ([], [], []) }
    let from = range.lowerBound * n / chunkCount
    let to = range.upperBound * n / chunkCount
    let (permuted, permutedLengths, newID) = relabelledByDegree(lengths: lengths.lengths)
    var oldID = [Int](repeating: 0, count: n)
    for v in 0..<n { oldID[newID[v]] = v }
    let closeness = SharedBuffer<Double>(repeating: 0, count: n)
    let harmonic = SharedBuffer<Double>(repeating: 0, count: n)
    // Pieces of at most 64 sources, one batch of the breadth-first kernel each.
    let pieces = (to - from + 63) / 64
    if let arcLengths = permutedLengths {
      let layout = BucketQueue.layout(lengths: arcLengths, nodeCount: n)
      // As the single run: arcs on no shortest path left out where the searches use buckets.
      let (searched, searchedLengths) =
        layout.flatMap { permuted.withoutDetours(lengths: arcLengths, layout: $0) }
        ?? (permuted, arcLengths)
      forEachChunk(pieces, threads: threads) { c in
        searched.dijkstraCloseness(
          sources: (from + 64 * c)..<Swift.min(to, from + 64 * (c + 1)), lengths: searchedLengths,
          buckets: layout,
          closeness: closeness.pointer, harmonic: harmonic.pointer)
      }
    } else {
      let arcs = CompactArcs(permuted)
      forEachChunk(pieces, threads: threads) { c in
        arcs.hopCloseness(
          sources: (from + 64 * c)..<Swift.min(to, from + 64 * (c + 1)),
          closeness: closeness.pointer,
          harmonic: harmonic.pointer)
      }
    }
    return (
      (from..<to).map { oldID[$0] }, (from..<to).map { closeness.pointer[$0] },
      (from..<to).map { harmonic.pointer[$0] }
    )
  }
}

/// Exact betweenness added up from the chunk sums of every block (see
/// ``Adjacency/betweennessPartials(lengths:block:threads:groups:)``), chunk by chunk in chunk order:
/// the same additions as the single run, so the same bits.
public struct BetweennessSum: Sendable {
  private var total: [Double]
  private let isDirected: Bool
  /// The chunks added so far.
  public private(set) var chunksAdded = 0

  /// An empty sum for a network of `nodeCount` nodes, directed or not.
  public init(nodeCount: Int, directed: Bool) {
    total = [Double](repeating: 0, count: nodeCount)
    isDirected = directed
  }

  /// Adds the next chunk's sums (chunks must come in chunk order).
  ///
  /// - Complexity: O(n).
  public mutating func add(_ chunk: [Double]) {
    precondition(chunk.count == total.count, "a chunk has one sum per node")
    for v in total.indices { total[v] += chunk[v] }
    chunksAdded += 1
  }

  /// Raw betweenness (undirected pairs once), as ``Adjacency/betweenness(lengths:threads:)``.
  public var betweenness: [Double] { isDirected ? total : total.map { $0 / 2 } }
}
