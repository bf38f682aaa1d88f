extension Network {
  /// Betweenness centrality (Brandes 2001).
  ///
  /// For each node v, the sum over ordered pairs (s, t), s ≠ v ≠ t, of the share of shortest
  /// s–t paths that pass through v:
  ///
  ///     b(v) = Σ_{s≠v≠t} σ_st(v) / σ_st
  ///
  /// On an undirected network each unordered pair counts once (the sum above halved), as igraph,
  /// R's sna and networkx do. Path lengths come from `distance`; lengths equal within
  /// ``pathLengthTolerance`` count as ties, so their paths share the credit. Self-loops and
  /// parallel ties do not change the result (the adjacency is simple).
  ///
  /// - Parameters:
  ///   - selection: the layers and weight to use.
  ///   - distance: how trust becomes length. `hops` ignores the weights.
  ///   - threads: how many threads share the sources; the result is the same bit for bit for
  ///     any number.
  /// - Returns: raw betweenness, indexed like `nodes`.
  /// - Complexity: O(n m) time for `hops`, O(n m + n² log n) otherwise; O(n + m) memory per
  ///   thread and 32 partial sums of n.
  ///
  /// Brandes, U. (2001). A faster algorithm for betweenness centrality. *Journal of Mathematical
  /// Sociology* 25(2), 163–177. [doi:10.1080/0022250X.2001.9990249](https://doi.org/10.1080/0022250X.2001.9990249)
  public func betweenness(
    selection: TieSelection = .all, distance: DistanceTransform = .hops,
    threads: Int = Threads.available
  ) throws -> [Double] {
    let adj = try adjacency(selection)
    return try adj.betweenness(
      lengths: ArcLengths(adj, transform: distance, nodeIDs: nodes.map(\.id)), threads: threads)
  }
}

extension Adjacency {
  /// Raw betweenness on this adjacency (see ``Network/betweenness(selection:distance:threads:)``).
  /// The result is the same bit for bit for every `threads`.
  public func betweenness(lengths: ArcLengths, threads: Int = Threads.available) -> [Double] {
    brandesBetweenness(lengths: lengths.lengths, threads: threads)
  }
}

/// Freeman's normalisation of betweenness: divided by the number of pairs that could route
/// through a node, (n−1)(n−2) for directed networks and (n−1)(n−2)/2 for undirected ones, so
/// that the centre of a star scores 1. Networks with fewer than three nodes give NaN
/// (networkx leaves the raw values unscaled there; the ratio is undefined).
///
/// Freeman, L. C. (1977). A set of measures of centrality based on betweenness. *Sociometry*
/// 40(1), 35–41. [doi:10.2307/3033543](https://doi.org/10.2307/3033543)
public func normalizedBetweenness(_ raw: [Double], directed: Bool) -> [Double] {
  let n = Double(raw.count)
  guard raw.count > 2 else { return raw.map { _ in .nan } }
  let pairs = directed ? (n - 1) * (n - 2) : (n - 1) * (n - 2) / 2
  return raw.map { $0 / pairs }
}
