extension Adjacency {
  /// Betweenness between groups: betweenness counting only the pairs (s, t) whose groups differ,
  /// and its breakdown by group pair.
  ///
  ///     b_between(v) = Σ_{s≠v≠t, g(s)≠g(t)} σ_st(v) / σ_st
  ///
  /// On undirected networks each unordered pair counts once, as in ``Network/betweenness(selection:distance:threads:)``.
  /// The breakdown gives, for a pair of groups (A, B), the share of all shortest paths from A to
  /// B that pass through v: Σ_{s∈A, t∈B} σ_st(v)/σ_st divided by the number of pairs |A|·|B|
  /// (v itself excluded from the pairs it would end). Pairs with no path count in the
  /// denominator, so shares are comparable across group pairs.
  ///
  /// A node without a group (group < 0) ends no counted pair but may lie between them.
  ///
  /// The accumulation is Brandes' with a target indicator: δ_s(v) = Σ_w σ_sv/σ_sw (c_w + δ_s(w))
  /// over successors w on shortest paths, c_w = 1 when w is a counted target (Brandes 2008). It
  /// runs in the kernels of exact betweenness (sixteen breadth-first searches at a time on
  /// hops, the indicator per lane; Dijkstra's searches on lengths), and sources without a group
  /// are not searched from (on hops they take no lane).
  ///
  /// - Parameters:
  ///   - groups: the group of each node, from 0; negative for none.
  ///   - lengths: the arc lengths (``ArcLengths``) the shortest paths follow.
  ///   - threads: how many threads share the sources; the result is the same for any number.
  /// - Returns: betweenness between groups, indexed like the nodes.
  /// - Complexity: O(n m) (hops) for the total; O(G n m) for the breakdown
  ///   (``intergroupBreakdown(groups:groupCount:lengths:threads:)``) over G groups.
  ///
  /// Brandes, U. (2008). On variants of shortest-path betweenness centrality and their generic
  /// computation. *Social Networks* 30(2), 136–145.
  /// [doi:10.1016/j.socnet.2007.11.001](https://doi.org/10.1016/j.socnet.2007.11.001)
  public func intergroupBetweenness(
    groups: [Int], lengths: ArcLengths, threads: Int = Threads.available
  ) -> [Double] {
    brandesBetweenness(lengths: lengths.lengths, threads: threads, groups: groups)
  }

  /// For each ordered pair of groups (a, b), a ≠ b: per node, the share of shortest paths from
  /// a to b through it. `result[a][b][v]`; for undirected networks `result[a][b] == result[b][a]`.
  public func intergroupBreakdown(
    groups: [Int], groupCount: Int, lengths: ArcLengths, threads: Int = Threads.available
  ) -> [[[Double]]] {
    let n = nodeCount
    var sizes = [Int](repeating: 0, count: groupCount)
    for g in groups where g >= 0 { sizes[g] += 1 }
    var out = [[[Double]]](
      repeating: [[Double]](repeating: [], count: groupCount), count: groupCount)
    for a in 0..<groupCount {
      for b in 0..<groupCount where a != b {
        let raw = accumulate(
          lengths: lengths, halveUndirected: false, sources: { groups[$0] == a }, threads: threads
        ) { _, w in groups[w] == b }
        let pairs = Double(sizes[a] * sizes[b])
        out[a][b] = (0..<n).map { v in
          // v cannot be an intermediary of the pairs it ends.
          let own = Double(groups[v] == a ? sizes[b] : groups[v] == b ? sizes[a] : 0)
          let denom = pairs - own
          return denom > 0 ? raw[v] / denom : .nan
        }
      }
    }
    return out
  }

  /// Brandes' accumulation counting only targets for which `counted(source, target)`.
  func accumulate(
    lengths: ArcLengths, halveUndirected: Bool = true,
    sources: @Sendable (Int) -> Bool = { _ in true },
    threads: Int = Threads.available, counted: @Sendable (Int, Int) -> Bool
  ) -> [Double] {
    let n = nodeCount
    // Sources split into chunks fixed by n; each chunk sums into its own row, and the rows
    // are added in chunk order, so the result does not depend on the number of threads.
    let chunks = sourceChunkCount(n)
    let partial = SharedBuffer<Double>(repeating: 0, count: chunks * n)
    let adjacency = self
    forEachChunk(chunks, threads: threads) { c in
      let centrality = partial.pointer + c * n
      var search = ShortestPathSearch(adjacency, lengths: lengths)
      var delta = [Double](repeating: 0, count: n)
      for s in (c * n / chunks)..<((c + 1) * n / chunks) where sources(s) {
        search.run(from: s)
        var i = search.order.count - 1
        while i >= 0 {
          let v = Int(search.order[i])
          var dv = 0.0
          let sv = search.sigma[v]
          for k in adjacency.outOffsets[v]..<adjacency.outOffsets[v + 1] {
            let w = Int(adjacency.outTargets[k])
            if search.isShortestArc(k, from: v, to: w) {
              dv += sv / search.sigma[w] * ((counted(s, w) ? 1 : 0) + delta[w])
            }
          }
          delta[v] = dv
          if v != s { centrality[v] += dv }
          i -= 1
        }
        for v in search.order { delta[Int(v)] = 0 }
      }
    }
    var centrality = [Double](repeating: 0, count: n)
    for c in 0..<chunks { for v in 0..<n { centrality[v] += partial.pointer[c * n + v] } }
    if !isDirected && halveUndirected {
      for v in 0..<n { centrality[v] /= 2 }
    }
    return centrality
  }
}

extension Network {
  /// Betweenness between groups by a node attribute: for each node, the share of shortest
  /// paths through it between two nodes of different groups (see
  /// ``Adjacency/intergroupBetweenness(groups:lengths:threads:)``).
  ///
  ///     b_between(v) = Σ_{s≠v≠t, g(s)≠g(t)} σ_st(v) / σ_st
  ///
  /// - Parameters:
  ///   - attribute: the node attribute whose values are the groups; nodes without one are
  ///     neither sources nor targets.
  ///   - selection: the layers and weight to use.
  ///   - distance: how trust becomes length.
  ///   - threads: how many threads share the sources; the result is the same for any number.
  /// - Returns: betweenness between groups, indexed like `nodes`.
  /// - Throws: ``NetworkError`` for an unknown attribute or layer, ``DistanceError`` for a
  ///   trust that has no length under `distance`.
  /// - Complexity: O(n m) for `hops`, O(n m + n² log n) otherwise.
  ///
  /// Brandes, U. (2008). On variants of shortest-path betweenness centrality and their generic
  /// computation. *Social Networks* 30(2), 136–145.
  /// [doi:10.1016/j.socnet.2007.11.001](https://doi.org/10.1016/j.socnet.2007.11.001)
  public func intergroupBetweenness(
    by attribute: String, selection: TieSelection = .all,
    distance: DistanceTransform = .hops,
    threads: Int = Threads.available
  ) throws -> [Double] {
    let (g, _) = try groups(by: attribute)
    let adj = try adjacency(selection)
    return adj.intergroupBetweenness(
      groups: g, lengths: try ArcLengths(adj, transform: distance, nodeIDs: nodes.map(\.id)),
      threads: threads)
  }
}
