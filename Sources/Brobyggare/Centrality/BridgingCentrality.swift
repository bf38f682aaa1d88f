/// Bridging centrality (Hwang et al. 2006): betweenness times the bridging coefficient, high
/// for a node that lies on many shortest paths and sits between densely connected
/// neighbours rather than among them.
///
///     BC(v) = (1 / d(v)) / Σ_{u ∈ N(v)} 1 / d(u)
///     bridging(v) = betweenness(v) · BC(v)
///
/// d is the degree on the undirected view (a neighbour counts once whichever way the ties
/// run); betweenness is the raw betweenness of ``Network/betweenness(selection:distance:threads:)``,
/// directed on directed networks. An isolate has BC NaN (0/0).
///
/// Hwang, W., Cho, Y., Zhang, A. & Ramanathan, M. (2006). Bridging centrality: identifying
/// bridging nodes in scale-free networks. Technical report 2006-05, University at Buffalo;
/// published as Hwang, W., Kim, T., Ramanathan, M. & Zhang, A. (2008). Bridging centrality:
/// graph mining from element level to group level. *KDD '08*, 336–344.
/// [doi:10.1145/1401890.1401934](https://doi.org/10.1145/1401890.1401934)
public struct BridgingCentrality: Sendable {
  /// The bridging coefficient BCoef(v) = (1/d(v)) / Σ_{w∈N(v)} 1/d(w); NaN for an isolate.
  public var coefficient: [Double]
  /// Bridging centrality BC(v) = betweenness(v) · BCoef(v); NaN for an isolate.
  public var centrality: [Double]
}

extension Adjacency {
  /// Bridging coefficient and centrality from a betweenness already computed on this adjacency.
  public func bridgingCentrality(betweenness: [Double]) -> BridgingCentrality {
    let g = undirected()
    let n = nodeCount
    let degree = (0..<n).map { Double(g.outOffsets[$0 + 1] - g.outOffsets[$0]) }
    var coefficient = [Double](repeating: .nan, count: n)
    for v in 0..<n where degree[v] > 0 {
      var sum = 0.0
      for u in g.successors(of: v) { sum += 1 / degree[Int(u)] }
      coefficient[v] = (1 / degree[v]) / sum
    }
    return BridgingCentrality(
      coefficient: coefficient, centrality: (0..<n).map { betweenness[$0] * coefficient[$0] })
  }
}

extension Network {
  /// Hwang et al.'s bridging coefficient and bridging centrality (see ``BridgingCentrality``):
  /// BC(v) = betweenness(v) · BCoef(v), with BCoef(v) = (1/d(v)) / Σ_{w∈N(v)} 1/d(w).
  ///
  /// - Parameters:
  ///   - selection: the layers and weight to use.
  ///   - distance: how trust becomes length for the betweenness.
  ///   - threads: how many threads share the work; the result is the same for any number.
  /// - Complexity: that of ``betweenness(selection:distance:threads:)``, plus O(n + m).
  ///
  /// Hwang, W., Kim, T., Ramanathan, M. & Zhang, A. (2008). Bridging centrality: graph mining
  /// from element level to group level. *KDD '08*, 336–344.
  /// [doi:10.1145/1401890.1401934](https://doi.org/10.1145/1401890.1401934)
  public func bridgingCentrality(
    selection: TieSelection = .all, distance: DistanceTransform = .hops,
    threads: Int = Threads.available
  ) throws -> BridgingCentrality {
    let adj = try adjacency(selection)
    let b = adj.betweenness(
      lengths: try ArcLengths(adj, transform: distance, nodeIDs: nodes.map(\.id)), threads: threads)
    return adj.bridgingCentrality(betweenness: b)
  }
}
