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
    var nodes = [target], steps: [Double] = []
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
  public func trustTree(from source: Int, threshold: Double = 0, nodeIDs: [String]? = nil) throws(DistanceError) -> TrustTree {
    let lengths = try ArcLengths(self, transform: .negativeLog, nodeIDs: nodeIDs, allowZeroLengths: true)
    return trustTree(from: source, lengths: lengths.lengths!, threshold: threshold)
  }

  func trustTree(from source: Int, lengths len: [Double], threshold: Double) -> TrustTree {
    let n = nodeCount
    let limit = threshold > 0 ? -Foundation.log(threshold) : .infinity
    var dist = [Double](repeating: .infinity, count: n)
    var hops = [Int](repeating: .max, count: n)
    var parent = [Int](repeating: -1, count: n)
    var step = [Double](repeating: .nan, count: n)
    var settled = [Bool](repeating: false, count: n)
    // Keyed by (length, hops, node): among equally trusted paths the shortest in steps wins,
    // and then the lowest node index, so the path is fixed by the input.
    var heap: [(Double, Int, Int)] = [(0, 0, source)]
    dist[source] = 0
    hops[source] = 0
    while let (d, h, v) = popMin(&heap) {
      if settled[v] || d > dist[v] || (d == dist[v] && h > hops[v]) { continue }
      settled[v] = true
      for k in outOffsets[v]..<outOffsets[v + 1] {
        let w = Int(outTargets[k])
        if settled[w] { continue }
        let alt = d + len[k]
        if alt > limit && !lengthsEqual(alt, limit) { continue }
        let better = dist[w] == .infinity || (alt < dist[w] && !lengthsEqual(alt, dist[w]))
          || (lengthsEqual(alt, dist[w]) && h + 1 < hops[w])
        if better {
          dist[w] = alt
          hops[w] = h + 1
          parent[w] = v
          step[w] = outTrust[k]
          pushMin(&heap, (alt, h + 1, w))
        }
      }
    }
    return TrustTree(source: source, trust: dist.map { $0.isFinite ? Foundation.exp(-$0) : 0 },
                     parent: parent, stepTrust: step)
  }

  /// Each node's trust reach: how many other nodes it reaches along a path whose product of
  /// trust is at least `threshold` (in (0, 1]).
  ///
  /// - Complexity: n searches, each cut off at the threshold.
  public func trustReach(threshold: Double, nodeIDs: [String]? = nil, threads: Int = Threads.available) throws(DistanceError) -> [Int] {
    let lengths = try ArcLengths(self, transform: .negativeLog, nodeIDs: nodeIDs, allowZeroLengths: true).lengths!
    let adjacency = self
    return parallelMap(nodeCount, threads: threads, default: 0) { s in
      adjacency.trustTree(from: s, lengths: lengths, threshold: threshold).parent.lazy.filter { $0 >= 0 }.count
    }
  }
}

extension Network {
  /// The most-trusted path from `source` to `target` (ids), or `nil` when none runs.
  public func mostTrustedPath(from source: String, to target: String, selection: TieSelection = .all) throws -> TrustPath? {
    guard let s = index(of: source) else { throw NetworkError.unknownNode(source) }
    guard let t = index(of: target) else { throw NetworkError.unknownNode(target) }
    return try adjacency(selection).trustTree(from: s, nodeIDs: nodes.map(\.id)).path(to: t)
  }
}

/// A binary min-heap over (length, hops, node), ordered by all three: written out for these
/// types, since the generic tuple comparison is not specialised in a debug build and made a
/// search several times slower there.
@inline(__always)
func precedes(_ x: (Double, Int, Int), _ y: (Double, Int, Int)) -> Bool {
  if x.0 != y.0 { return x.0 < y.0 }
  if x.1 != y.1 { return x.1 < y.1 }
  return x.2 < y.2
}

func pushMin(_ heap: inout [(Double, Int, Int)], _ item: (Double, Int, Int)) {
  heap.append(item)
  var i = heap.count - 1
  while i > 0 {
    let p = (i - 1) / 2
    if !precedes(heap[i], heap[p]) { break }
    heap.swapAt(i, p)
    i = p
  }
}

func popMin(_ heap: inout [(Double, Int, Int)]) -> (Double, Int, Int)? {
  guard !heap.isEmpty else { return nil }
  heap.swapAt(0, heap.count - 1)
  let top = heap.removeLast()
  var i = 0
  while true {
    let l = 2 * i + 1, r = l + 1
    var m = i
    if l < heap.count && precedes(heap[l], heap[m]) { m = l }
    if r < heap.count && precedes(heap[r], heap[m]) { m = r }
    if m == i { break }
    heap.swapAt(i, m)
    i = m
  }
  return top
}
