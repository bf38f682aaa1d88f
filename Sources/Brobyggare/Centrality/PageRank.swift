extension Adjacency {
  /// PageRank (Brin and Page 1998): the stationary distribution of a random walk that follows an
  /// outgoing tie with probability α (chosen in proportion to trust when `weighted`) and jumps to
  /// a node chosen uniformly otherwise; a node without outgoing ties jumps uniformly.
  ///
  ///     x(v) = (1 − α)/n + α · [Σ_{u → v} x(u) w_uv / W_u + Σ_{u dangling} x(u) / n]
  ///
  /// Iterated from the uniform vector until the L1 change is below `tolerance` (at most
  /// `maxIterations` times). This is networkx's `pagerank` (default α 0.85, dangling nodes
  /// uniform) and igraph's PRPACK solution; on undirected networks each tie runs both ways.
  /// Scores sum to 1. Self-loops are dropped and parallel ties merged, as everywhere.
  ///
  /// - Parameters:
  ///   - alpha: the damping factor α, the probability of following a tie.
  ///   - weighted: follow ties in proportion to their trust instead of uniformly.
  ///   - tolerance: stop when the L1 change of an iteration is below this.
  ///   - maxIterations: stop after this many iterations in any case.
  /// - Returns: PageRank, indexed like the nodes; empty for an empty network.
  /// - Complexity: O(k (n + m)) for k iterations.
  ///
  /// Brin, S. & Page, L. (1998). The anatomy of a large-scale hypertextual web search engine.
  /// *Computer Networks and ISDN Systems* 30, 107–117.
  /// [doi:10.1016/S0169-7552(98)00110-X](https://doi.org/10.1016/S0169-7552(98)00110-X)
  public func pageRank(
    damping alpha: Double = 0.85, weighted: Bool = false, tolerance: Double = 1e-13,
    maxIterations: Int = 10_000
  ) -> [Double] {
    let n = nodeCount
    guard n > 0 else { return [] }
    var outWeight = [Double](repeating: 0, count: n)
    for v in 0..<n {
      if weighted {
        for k in outOffsets[v]..<outOffsets[v + 1] { outWeight[v] += outTrust[k] }
      } else {
        outWeight[v] = Double(outOffsets[v + 1] - outOffsets[v])
      }
    }
    let dangling = (0..<n).filter { outWeight[$0] == 0 }
    var x = [Double](repeating: 1 / Double(n), count: n)
    var next = [Double](repeating: 0, count: n)
    // Pull form over incoming rows: each node sums its in-neighbours' shares.
    var share = [Double](repeating: 0, count: n)
    for _ in 0..<maxIterations {
      var danglingMass = 0.0
      for v in dangling { danglingMass += x[v] }
      for u in 0..<n { share[u] = outWeight[u] > 0 ? x[u] / outWeight[u] : 0 }
      let base = (1 - alpha) / Double(n) + alpha * danglingMass / Double(n)
      var change = 0.0
      for v in 0..<n {
        var sum = 0.0
        if weighted {
          for k in inOffsets[v]..<inOffsets[v + 1] { sum += share[Int(inTargets[k])] * inTrust[k] }
        } else {
          for k in inOffsets[v]..<inOffsets[v + 1] { sum += share[Int(inTargets[k])] }
        }
        next[v] = base + alpha * sum
        change += abs(next[v] - x[v])
      }
      swap(&x, &next)
      if change < tolerance { break }
    }
    return x
  }
}

extension Network {
  /// PageRank of the selected ties (see ``Adjacency/pageRank(damping:weighted:tolerance:maxIterations:)``).
  public func pageRank(
    selection: TieSelection = .all, damping: Double = 0.85, weighted: Bool = false
  ) throws -> [Double] {
    try adjacency(selection).pageRank(damping: damping, weighted: weighted)
  }
}
