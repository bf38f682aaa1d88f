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
  public var epsilon: Double
  public var delta: Double
}

extension Adjacency {
  public func approximateBetweenness(epsilon: Double, delta: Double = 0.1, lengths: ArcLengths, seed: UInt64 = 1,
                                     threads: Int = Threads.available) -> ApproximateBetweenness {
    precondition(epsilon > 0 && epsilon < 1 && delta > 0 && delta < 1, "epsilon and delta lie in (0, 1)")
    let n = nodeCount
    let vd = vertexDiameterBound(weighted: lengths.lengths != nil)
    let r = vd <= 2 ? 0 : Int((0.5 / (epsilon * epsilon) * (Double(Int(log2(Double(vd - 2)))) + 1 + log(1 / delta))).rounded(.up))
    guard n > 2, r > 0 else {
      return ApproximateBetweenness(betweenness: [Double](repeating: 0, count: n), samples: r, vertexDiameterBound: vd,
                                    epsilon: epsilon, delta: delta)
    }
    let chunks = 32
    let partial = SharedBuffer<Double>(repeating: 0, count: chunks * n)
    let adjacency = self
    forEachChunk(chunks, threads: threads) { c in
      var rng = SeededGenerator(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(c))
      var search = ShortestPathSearch(adjacency, lengths: lengths)
      let acc = partial.pointer + c * n
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
            guard search.dist[w].isFinite, search.isShortestArc(adjacency.arcIndex(from: w, to: current)!, from: w, to: current) else { continue }
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
    return ApproximateBetweenness(betweenness: estimate.map { $0 * scale }, samples: r, vertexDiameterBound: vd,
                                  epsilon: epsilon, delta: delta)
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
