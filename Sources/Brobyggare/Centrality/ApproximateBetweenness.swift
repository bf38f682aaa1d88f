import Foundation

/// Betweenness estimated from sampled shortest paths, with a guarantee (Riondato and
/// Kornaropoulos 2016): r node pairs (u, v) are drawn uniformly, one shortest u–v path is drawn
/// uniformly among all of them, and each of its inner nodes gains 1/r. With
///
///     r = ⌈(c / ε²) (⌊log₂(VD − 2)⌋ + 1 + ln(1/δ))⌉,   c = 0.5,
///
/// where VD bounds the number of nodes on any shortest path, with probability at least 1 − δ
/// every node's estimate is within ε of its betweenness divided by the number of ordered pairs
/// n(n − 1). VD is bounded by 1 + the two largest breadth-first distances from one node of each
/// component on undirected, unweighted networks (a path between any two nodes runs through that
/// node), and by the size of the largest weak component otherwise.
///
/// The estimates are returned on the scale of ``Network/betweenness(selection:distance:threads:)``
/// (undirected pairs once). Samples are split into fixed chunks, each with its own generator
/// seeded from `seed` and the chunk, so the result is the same for every `threads`.
///
/// Sampling never does more work than the exact computation: when r is at least n (each
/// sample costs about one of the n searches of Brandes' algorithm), the exact betweenness is
/// returned instead, with ``isExact`` set.
///
/// Riondato, M. & Kornaropoulos, E. M. (2016). Fast approximation of betweenness centrality
/// through sampling. *Data Mining and Knowledge Discovery* 30(2), 438–475.
/// [doi:10.1007/s10618-015-0423-0](https://doi.org/10.1007/s10618-015-0423-0)
public struct ApproximateBetweenness: Sendable {
  /// Estimated betweenness, on the raw scale.
  public var betweenness: [Double]
  /// The number of sampled pairs.
  public var samples: Int
  /// The bound on the vertex diameter used.
  public var vertexDiameterBound: Int
  /// The largest error allowed, as a share of the n(n − 1) ordered pairs.
  public var epsilon: Double
  /// The probability with which the error may be larger.
  public var delta: Double
  /// Whether the exact betweenness was computed because sampling would have cost more.
  public var isExact = false
  /// Whether sampling stopped adaptively (KADABRA, ``Adjacency/adaptiveBetweenness(epsilon:delta:seed:threads:)``).
  public var isAdaptive = false
  /// The most paths the method would draw: ω for the adaptive estimate, which may stop
  /// before it; the fixed sample size r otherwise (0 where no sampling was needed).
  public var sampleBound = 0
}

extension Adjacency {
  /// Betweenness estimated from sampled shortest paths: with probability at least 1 − `delta`,
  /// every estimate divided by n(n − 1) is within `epsilon` of the betweenness divided by
  /// n(n − 1) (see ``ApproximateBetweenness`` for the sample size and the paper). The same
  /// `seed` gives the same estimate on any number of `threads`.
  public func approximateBetweenness(
    epsilon: Double, delta: Double = 0.1, lengths: ArcLengths, seed: UInt64 = 1,
    threads: Int = Threads.available
  ) -> ApproximateBetweenness {
    precondition(
      epsilon > 0 && epsilon < 1 && delta > 0 && delta < 1, "epsilon and delta lie in (0, 1)")
    let n = nodeCount
    let vd = vertexDiameterBound(weighted: lengths.lengths != nil)
    let wanted =
      vd <= 2
      ? 0
      : (0.5 / (epsilon * epsilon) * (Double(Int(log2(Double(vd - 2)))) + 1 + log(1 / delta)))
        .rounded(.up)
    if wanted >= Double(n) && n > 2 {
      var exact = ApproximateBetweenness(
        betweenness: betweenness(lengths: lengths, threads: threads),
        samples: wanted < 1e15 ? Int(wanted) : Int(1e15), vertexDiameterBound: vd,
        epsilon: epsilon, delta: delta)
      exact.isExact = true
      exact.sampleBound = exact.samples
      return exact
    }
    let r = Int(wanted)
    guard n > 2, r > 0 else {
      return ApproximateBetweenness(
        betweenness: [Double](repeating: 0, count: n), samples: r, vertexDiameterBound: vd,
        epsilon: epsilon, delta: delta)
    }
    let chunks = 32
    let partial = SharedBuffer<Double>(repeating: 0, count: chunks * n)
    let adjacency = self
    let unweighted = lengths.lengths == nil
    forEachChunk(chunks, threads: threads) { c in
      var rng = SeededGenerator(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(c))
      let acc = partial.pointer + c * n
      if unweighted {
        var sampler = BidirectionalPathSampler(adjacency)
        for _ in (c * r / chunks)..<((c + 1) * r / chunks) {
          let u = Int(rng.next() % UInt64(n))
          var v = Int(rng.next() % UInt64(n - 1))
          if v >= u { v += 1 }
          sampler.sample(from: u, to: v, rng: &rng) { acc[$0] += 1 }
        }
        return
      }
      var search = ShortestPathSearch(adjacency, lengths: lengths)
      for _ in (c * r / chunks)..<((c + 1) * r / chunks) {
        let u = Int(rng.next() % UInt64(n))
        var v = Int(rng.next() % UInt64(n - 1))
        if v >= u { v += 1 }
        search.run(from: u)
        guard search.dist[v].isFinite else { continue }
        // Walk back from v, choosing each predecessor w with probability σ(w) / σ(current).
        var current = v
        while true {
          let target = Double(rng.next() >> 11) / Double(1 << 53) * search.sigma[current]
          var running = 0.0
          var chosen = -1
          for k in adjacency.inOffsets[current]..<adjacency.inOffsets[current + 1] {
            let w = Int(adjacency.inTargets[k])
            guard search.dist[w].isFinite,
              search.isShortestArc(adjacency.arcIndex(from: w, to: current)!, from: w, to: current)
            else { continue }
            running += search.sigma[w]
            chosen = w
            if running > target { break }
          }
          if chosen == u { break }
          acc[chosen] += 1
          current = chosen
        }
      }
    }
    var estimate = [Double](repeating: 0, count: n)
    for c in 0..<chunks { for v in 0..<n { estimate[v] += partial.pointer[c * n + v] } }
    // Share of sampled pairs → betweenness: × n(n−1) ordered pairs, halved when undirected.
    let scale = Double(n) * Double(n - 1) / Double(r) / (isDirected ? 1 : 2)
    var result = ApproximateBetweenness(
      betweenness: estimate.map { $0 * scale }, samples: r, vertexDiameterBound: vd,
      epsilon: epsilon, delta: delta)
    result.sampleBound = r
    return result
  }

  /// An upper bound on the number of nodes of any shortest path (see ``approximateBetweenness``).
  func vertexDiameterBound(weighted: Bool) -> Int {
    let comps = weakComponents
    if isDirected || weighted { return comps.sizes.max() ?? 0 }
    var bound = 0
    var seen = [Bool](repeating: false, count: nodeCount)
    var dist = [Int](repeating: -1, count: nodeCount)
    for s in 0..<nodeCount where !seen[s] {
      var queue = [s]
      dist[s] = 0
      seen[s] = true
      var head = 0
      while head < queue.count {
        let v = queue[head]
        head += 1
        for w in successors(of: v) where dist[Int(w)] < 0 {
          dist[Int(w)] = dist[v] + 1
          seen[Int(w)] = true
          queue.append(Int(w))
        }
      }
      let far = queue.map { dist[$0] }.sorted(by: >)
      bound = Swift.max(bound, 1 + far[0] + (far.count > 1 ? far[1] : 0))
    }
    return bound
  }
}

/// Draws one shortest path uniformly among all shortest u–v paths of an unweighted network by
/// a balanced bidirectional breadth-first search: levels grow from u (forward) and from v
/// (backward), each time on the side whose frontier has fewer arcs, until an arc joins them.
/// Every shortest path crosses exactly one such arc, so a joining arc (x, y) is drawn with
/// probability σ_u(x) σ_v(y) / σ_uv and the path is completed by walking back to each end,
/// choosing each predecessor in proportion to its count of shortest paths. On small-world
/// networks the two searches meet after exploring a small part of the network (as in KADABRA,
/// Borassi and Natale 2019), where a one-sided search would explore most of it.
struct BidirectionalPathSampler {
  let adjacency: Adjacency
  /// Distance from u (side 0) or to v (side 1); -1 when not reached. Indexed [side * n + node].
  var dist: [Int32]
  var sigma: [Double]
  var visited: [Int32] = []
  var frontier: [[Int32]] = [[], []]
  var next: [Int32] = []
  var joins: [(Int32, Int32, Double)] = []

  init(_ adjacency: Adjacency) {
    self.adjacency = adjacency
    dist = [Int32](repeating: -1, count: 2 * adjacency.nodeCount)
    sigma = [Double](repeating: 0, count: 2 * adjacency.nodeCount)
  }

  /// Calls `inner(w)` for each inner node of the drawn path; nothing when v is unreachable.
  mutating func sample(from u: Int, to v: Int, rng: inout SeededGenerator, inner: (Int) -> Void) {
    let n = adjacency.nodeCount
    defer {
      for w in visited {
        dist[Int(w)] = -1
        sigma[Int(w)] = 0
      }
      visited.removeAll(keepingCapacity: true)
    }
    dist[u] = 0
    sigma[u] = 1
    visited.append(Int32(u))
    dist[n + v] = 0
    sigma[n + v] = 1
    visited.append(Int32(n + v))
    frontier[0] = [Int32(u)]
    frontier[1] = [Int32(v)]
    var level = [0, 0]
    joins.removeAll(keepingCapacity: true)
    while joins.isEmpty {
      // The side whose frontier has fewer arcs to follow.
      var work = [0, 0]
      for side in 0..<2 {
        for x in frontier[side] {
          work[side] +=
            side == 0
            ? adjacency.outOffsets[Int(x) + 1] - adjacency.outOffsets[Int(x)]
            : adjacency.inOffsets[Int(x) + 1] - adjacency.inOffsets[Int(x)]
        }
      }
      if frontier[0].isEmpty || frontier[1].isEmpty { return }
      let side = work[0] <= work[1] ? 0 : 1
      let other = 1 - side
      let base = side * n
      let otherBase = other * n
      let d = Int32(level[side] + 1)
      var best = Int32.max
      next.removeAll(keepingCapacity: true)
      let (offsets, targets) =
        side == 0
        ? (adjacency.outOffsets, adjacency.outTargets) : (adjacency.inOffsets, adjacency.inTargets)
      for x in frontier[side] {
        let xi = Int(x)
        for k in offsets[xi]..<offsets[xi + 1] {
          let y = Int(targets[k])
          if dist[otherBase + y] >= 0 {
            // An arc joining the two searches: a path of length d + dist_other(y).
            let length = d + dist[otherBase + y]
            if length < best {
              best = length
              joins.removeAll(keepingCapacity: true)
            }
            if length == best {
              let weight = sigma[base + xi] * sigma[otherBase + y]
              joins.append(side == 0 ? (x, Int32(y), weight) : (Int32(y), x, weight))
            }
            continue
          }
          if dist[base + y] < 0 {
            dist[base + y] = d
            visited.append(Int32(base + y))
            next.append(Int32(y))
          }
          if dist[base + y] == d { sigma[base + y] += sigma[base + xi] }
        }
      }
      level[side] += 1
      swap(&frontier[side], &next)
    }
    // Draw the joining arc (x, y): x on u's side, y on v's.
    var total = 0.0
    for j in joins { total += j.2 }
    var target = Double(rng.next() >> 11) / Double(1 << 53) * total
    var pick = joins[joins.count - 1]
    for j in joins {
      target -= j.2
      if target < 0 {
        pick = j
        break
      }
    }
    walk(from: Int(pick.0), side: 0, end: u, rng: &rng, inner: inner)
    walk(from: Int(pick.1), side: 1, end: v, rng: &rng, inner: inner)
  }

  /// From a node back to its search's start, each step to a predecessor drawn in proportion to
  /// its σ; reports every node but the start.
  private func walk(
    from start: Int, side: Int, end: Int, rng: inout SeededGenerator, inner: (Int) -> Void
  ) {
    let n = adjacency.nodeCount
    let base = side * n
    var current = start
    while current != end {
      inner(current)
      let (offsets, targets) =
        side == 0
        ? (adjacency.inOffsets, adjacency.inTargets) : (adjacency.outOffsets, adjacency.outTargets)
      let want = dist[base + current] - 1
      var target = Double(rng.next() >> 11) / Double(1 << 53) * sigma[base + current]
      var chosen = -1
      for k in offsets[current]..<offsets[current + 1] {
        let w = Int(targets[k])
        guard dist[base + w] == want else { continue }
        chosen = w
        target -= sigma[base + w]
        if target < 0 { break }
      }
      current = chosen
    }
  }
}

extension Network {
  /// Betweenness estimated from sampled shortest paths, within `epsilon` of the normalised
  /// value for every node with probability at least 1 − `delta` (see
  /// ``ApproximateBetweenness``).
  ///
  /// - Parameters:
  ///   - epsilon: the largest error of the normalised estimate, in (0, 1).
  ///   - delta: the chance that some node's estimate misses by more, in (0, 1).
  ///   - selection: the layers and weight to use.
  ///   - distance: how trust becomes length.
  ///   - seed: the samples' seed; the same seed gives the same estimate on any `threads`.
  ///   - threads: how many threads share the work; the result is the same for any number.
  /// - Complexity: O(r (m + n log n)) for r samples, r = (c/ε²)(⌊log₂(VD − 2)⌋ + 1 + ln(1/δ)).
  ///
  /// Riondato, M. & Kornaropoulos, E. M. (2016). Fast approximation of betweenness centrality
  /// through sampling. *Data Mining and Knowledge Discovery* 30(2), 438–475.
  /// [doi:10.1007/s10618-015-0423-0](https://doi.org/10.1007/s10618-015-0423-0)
  public func approximateBetweenness(
    epsilon: Double, delta: Double = 0.1, selection: TieSelection = .all,
    distance: DistanceTransform = .hops, seed: UInt64 = 1,
    threads: Int = Threads.available
  ) throws -> ApproximateBetweenness {
    let adj = try adjacency(selection)
    return adj.approximateBetweenness(
      epsilon: epsilon, delta: delta,
      lengths: try ArcLengths(adj, transform: distance, nodeIDs: nodes.map(\.id)),
      seed: seed, threads: threads)
  }
}
