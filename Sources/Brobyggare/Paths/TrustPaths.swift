import Foundation

/// The most-trusted path between two nodes: the path whose product of trust is largest.
///
/// Trust along a chain of people multiplies: if a trusts b at 0.8 and b trusts c at 0.5, a's
/// trust reaches c at 0.4. The most-trusted path is the shortest path under the length
/// −ln(trust) (``DistanceTransform/negativeLog``), so trust must lie in (0, 1]. Among paths of
/// equal trust (within ``pathLengthTolerance``) the one with fewest steps is given, so that on a
/// network without trust (every tie 1) it is a shortest path.
public struct TrustPath: Sendable, Equatable {
  /// The nodes from source to target.
  public var nodes: [Int]
  /// The trust of each step (one fewer than `nodes`).
  public var steps: [Double]
  /// The product of `steps`; 1 for the empty path from a node to itself.
  public var trust: Double
}

/// The best trust from one source to every node, and the path to each.
public struct TrustTree: Sendable {
  /// The source node (an index).
  public var source: Int
  /// The largest product of trust from the source; 0 where no path runs.
  public var trust: [Double]
  /// The node before each on its most-trusted path; -1 for the source and unreached nodes.
  public var parent: [Int]
  /// The trust of the tie from `parent[v]` to v.
  public var stepTrust: [Double]

  /// The path to `target`, or `nil` when none runs.
  public func path(to target: Int) -> TrustPath? {
    if target == source { return TrustPath(nodes: [source], steps: [], trust: 1) }
    guard parent[target] >= 0 else { return nil }
    var nodes = [target]
    var steps: [Double] = []
    var v = target
    while v != source {
      steps.append(stepTrust[v])
      v = parent[v]
      nodes.append(v)
    }
    return TrustPath(nodes: nodes.reversed(), steps: steps.reversed(), trust: trust[target])
  }
}

extension Adjacency {
  /// Most-trusted paths from `source` (Dijkstra on −ln trust), following tie direction.
  /// With `threshold`, the search stops at paths whose trust falls below it.
  ///
  /// - Throws: ``DistanceError`` when a trust lies outside (0, 1].
  public func trustTree(from source: Int, threshold: Double = 0, nodeIDs: [String]? = nil)
    throws(DistanceError) -> TrustTree
  {
    let lengths = try ArcLengths(
      self, transform: .negativeLog, nodeIDs: nodeIDs, allowZeroLengths: true)
    return trustTree(from: source, lengths: lengths.lengths!, threshold: threshold)
  }

  func trustTree(from source: Int, lengths len: [Double], threshold: Double) -> TrustTree {
    let n = nodeCount
    var parent = [Int](repeating: -1, count: n)
    var step = [Double](repeating: .nan, count: n)
    var scratch = TrustSearchScratch(nodes: n, arcs: outTargets.count)
    defer { scratch.deallocate() }
    trustSearch(from: source, lengths: len, threshold: threshold, &scratch) { w, v, k, _ in
      parent[w] = v
      step[w] = outTrust[k]
    }
    let trust = (0..<n).map { v in scratch.dist[v].isFinite ? Foundation.exp(-scratch.dist[v]) : 0 }
    return TrustTree(source: source, trust: trust, parent: parent, stepTrust: step)
  }

  /// The one most-trusted-path search (Dijkstra on the lengths −ln trust, following tie
  /// direction), behind both ``trustTree(from:threshold:nodeIDs:)`` and ``trustReach(threshold:nodeIDs:threads:)``.
  ///
  /// Keyed by (length, hops, node): among equally trusted paths (within
  /// ``pathLengthTolerance``) the shortest in steps wins, and then the lowest node index, so
  /// the path is fixed by the input. With a `threshold` the search stops at paths whose trust
  /// falls below it. `improved(w, v, k, first)` is called each time node `w` gets a better
  /// path, through `v` by arc `k` (`first`: `w` was not reached before). The distances stay in
  /// `scratch.dist` until ``TrustSearchScratch/reset()``.
  @inline(__always)
  func trustSearch(
    from source: Int, lengths len: [Double], threshold: Double, _ scratch: inout TrustSearchScratch,
    improved: (_ node: Int, _ parent: Int, _ arc: Int, _ first: Bool) -> Void
  ) {
    let limit = threshold > 0 ? -Foundation.log(threshold) : .infinity
    let dist = scratch.dist
    let hops = scratch.hops
    let settled = scratch.settled
    scratch.push((0, 0, source))
    dist[source] = 0
    hops[source] = 0
    scratch.touched.append(source)
    while let (d, h, v) = scratch.pop() {
      if settled[v] || d > dist[v] || (d == dist[v] && h > hops[v]) { continue }
      settled[v] = true
      for k in outOffsets[v]..<outOffsets[v + 1] {
        let w = Int(outTargets[k])
        if settled[w] { continue }
        let alt = d + len[k]
        if alt > limit && !lengthsEqual(alt, limit) { continue }
        let old = dist[w]
        let better =
          old == .infinity || (alt < old && !lengthsEqual(alt, old))
          || (lengthsEqual(alt, old) && h + 1 < hops[w])
        if better {
          if old == .infinity { scratch.touched.append(w) }
          dist[w] = alt
          hops[w] = h + 1
          improved(w, v, k, old == .infinity)
          scratch.push((alt, h + 1, w))
        }
      }
    }
  }

  /// Each node's trust reach: how many other nodes it reaches along a path whose product of
  /// trust is at least `threshold` (in (0, 1]).
  ///
  /// Each search is that of ``trustTree(from:threshold:nodeIDs:)`` (the same order, the same
  /// ties broken the same way, so the same nodes reached) but only counts: its scratch space
  /// (`TrustSearchScratch`) is allocated once per chunk of sources and reset only where the
  /// search went, and no trust (an exponential per node) or path is built.
  ///
  /// - Complexity: n searches, each cut off at the threshold: O(n · (m + n) log n) time at
  ///   most; O(n + m) memory per thread.
  public func trustReach(
    threshold: Double, nodeIDs: [String]? = nil, threads: Int = Threads.available
  ) throws(DistanceError) -> [Int] {
    let lengths = try ArcLengths(
      self, transform: .negativeLog, nodeIDs: nodeIDs, allowZeroLengths: true
    ).lengths!
    let adjacency = self
    let n = nodeCount
    let out = SharedBuffer(repeating: 0, count: n)
    let chunks = max(1, min(n, 256))
    forEachChunk(chunks, threads: threads) { c in
      var scratch = TrustSearchScratch(nodes: n, arcs: adjacency.outTargets.count)
      defer { scratch.deallocate() }
      for s in (c * n / chunks)..<((c + 1) * n / chunks) {
        out.pointer[s] = adjacency.trustReachCount(
          from: s, lengths: lengths, threshold: threshold, &scratch)
      }
    }
    return out.array
  }

  /// The number of nodes ``trustTree(from:lengths:threshold:)`` reaches from `source` (those
  /// given a parent), found by the same search on reused scratch space.
  func trustReachCount(
    from source: Int, lengths len: [Double], threshold: Double, _ scratch: inout TrustSearchScratch
  ) -> Int {
    var reached = 0
    trustSearch(from: source, lengths: len, threshold: threshold, &scratch) { _, _, _, first in
      if first { reached += 1 }
    }
    scratch.reset()
    return reached
  }
}

/// The memory of one most-trusted-path search, kept between searches from different sources:
/// after each search only the nodes it reached (`touched`) are reset. The arrays and the heap
/// are raw buffers: with Swift arrays, the checks on every read and write of the heap made the
/// all-sources search several times slower than betweenness's. The heap holds at most one
/// entry per arc relaxed, so `arcCount + 1` never overflows. Call ``deallocate()`` when done.
struct TrustSearchScratch {
  let dist: UnsafeMutablePointer<Double>
  let hops: UnsafeMutablePointer<Int>
  let settled: UnsafeMutablePointer<Bool>
  /// A binary min-heap ordered by ``precedes(_:_:)``: the order of (length, hops, node) is
  /// total and no entry is pushed twice, so the pops come in the order of any such heap.
  let heap: UnsafeMutablePointer<(Double, Int, Int)>
  let capacity: Int
  var count = 0
  var touched: [Int] = []

  init(nodes n: Int, arcs: Int) {
    dist = .allocate(capacity: max(1, n))
    dist.initialize(repeating: .infinity, count: n)
    hops = .allocate(capacity: max(1, n))
    hops.initialize(repeating: .max, count: n)
    settled = .allocate(capacity: max(1, n))
    settled.initialize(repeating: false, count: n)
    capacity = arcs + 1
    heap = .allocate(capacity: capacity)
  }

  /// Makes the scratch space ready for the next search: only the nodes the last one reached.
  mutating func reset() {
    for v in touched {
      dist[v] = .infinity
      hops[v] = .max
      settled[v] = false
    }
    touched.removeAll(keepingCapacity: true)
    count = 0
  }

  func deallocate() {
    dist.deallocate()
    hops.deallocate()
    settled.deallocate()
    heap.deallocate()
  }

  @inline(__always)
  mutating func push(_ item: (Double, Int, Int)) {
    precondition(count < capacity, "more pushes than arcs")
    // Sift up with a hole: parents move down until the item's place is found.
    var i = count
    count += 1
    while i > 0 {
      let p = (i - 1) / 2
      if !precedes(item, heap[p]) { break }
      heap[i] = heap[p]
      i = p
    }
    heap[i] = item
  }

  @inline(__always)
  mutating func pop() -> (Double, Int, Int)? {
    guard count > 0 else { return nil }
    let top = heap[0]
    count -= 1
    if count == 0 { return top }
    let item = heap[count]
    // Sift down with a hole from the root.
    var i = 0
    while true {
      let l = 2 * i + 1
      if l >= count { break }
      let r = l + 1
      let m = r < count && precedes(heap[r], heap[l]) ? r : l
      if !precedes(heap[m], item) { break }
      heap[i] = heap[m]
      i = m
    }
    heap[i] = item
    return top
  }
}

extension Network {
  /// The most-trusted path from `source` to `target` (ids), or `nil` when none runs.
  public func mostTrustedPath(
    from source: String, to target: String, selection: TieSelection = .all
  ) throws -> TrustPath? {
    guard let s = index(of: source) else { throw NetworkError.unknownNode(source) }
    guard let t = index(of: target) else { throw NetworkError.unknownNode(target) }
    return try adjacency(selection).trustTree(from: s, nodeIDs: nodes.map(\.id)).path(to: t)
  }
}

/// The order of the search's heap over (length, hops, node), by all three: written out for
/// these types, since the generic tuple comparison is not specialised in a debug build and made
/// a search several times slower there.
@inline(__always)
func precedes(_ x: (Double, Int, Int), _ y: (Double, Int, Int)) -> Bool {
  if x.0 != y.0 { return x.0 < y.0 }
  if x.1 != y.1 { return x.1 < y.1 }
  return x.2 < y.2
}
