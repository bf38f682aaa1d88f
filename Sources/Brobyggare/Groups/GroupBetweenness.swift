/// Group betweenness of a set of nodes (Everett and Borgatti 1999): over the pairs (s, t) of
/// nodes outside the set, the share of shortest s–t paths that pass through at least one
/// member of it, summed:
///
///     GB(C) = Σ_{s,t ∉ C, s≠t} σ_st(C) / σ_st
///
/// where σ_st(C) counts the shortest paths with a member of C among their inner nodes. Pairs
/// with no path add nothing. On undirected networks each unordered pair counts once; on
/// directed ones each ordered pair. For a set of one node it is that node's betweenness.
/// It is not the sum of the members' betweenness: a path through two members counts once.
///
/// The share is GB(C) divided by the number of pairs outside C, (n−|C|)(n−|C|−1), halved when
/// undirected, as Everett and Borgatti normalise it; NaN when fewer than two nodes are outside.
///
/// Computed with one shortest-path search per source outside C: σ_st minus the shortest
/// paths that avoid C (counted forward along the shortest-path DAG with C's members blocked).
///
/// - Complexity: O(n m) for `hops`, O(n m log n) otherwise.
///
/// Everett, M. G. & Borgatti, S. P. (1999). The centrality of groups and classes. *Journal of
/// Mathematical Sociology* 23(3), 181–201.
/// [doi:10.1080/0022250X.1999.9990219](https://doi.org/10.1080/0022250X.1999.9990219)
public struct GroupBetweenness: Sendable, Equatable {
  /// GB(C), the sum over pairs.
  public var raw: Double
  /// GB(C) over the number of pairs outside C.
  public var share: Double
}

extension Adjacency {
  /// Everett and Borgatti's group betweenness of the nodes `members` (see ``GroupBetweenness``).
  ///
  /// - Complexity: O(n m) for `hops`, O(n m log n) otherwise.
  public func groupBetweenness(of members: [Int], lengths: ArcLengths) -> GroupBetweenness {
    let n = nodeCount
    var inSet = [Bool](repeating: false, count: n)
    for v in members { inSet[v] = true }
    let outside = inSet.lazy.filter { !$0 }.count
    var search = ShortestPathSearch(self, lengths: lengths)
    var avoiding = [Double](repeating: 0, count: n)
    var total = 0.0
    for s in 0..<n where !inSet[s] {
      search.run(from: s)
      avoiding[s] = 1
      for v32 in search.order {
        let v = Int(v32)
        if inSet[v] { continue }
        let av = avoiding[v]
        if av == 0 { continue }
        for k in outOffsets[v]..<outOffsets[v + 1] {
          let w = Int(outTargets[k])
          if search.isShortestArc(k, from: v, to: w) { avoiding[w] += av }
        }
      }
      for v32 in search.order {
        let t = Int(v32)
        if t != s && !inSet[t] { total += 1 - avoiding[t] / search.sigma[t] }
        avoiding[t] = 0
      }
    }
    if !isDirected { total /= 2 }
    let pairs = Double(outside) * Double(outside - 1) / (isDirected ? 1 : 2)
    return GroupBetweenness(raw: total, share: outside > 1 ? total / pairs : .nan)
  }
}

extension Network {
  /// Group betweenness of the nodes with the given ids (see ``GroupBetweenness``).
  public func groupBetweenness(
    of ids: [String], selection: TieSelection = .all,
    distance: DistanceTransform = .hops
  ) throws -> GroupBetweenness {
    let members = try ids.map { id in
      guard let i = index(of: id) else { throw NetworkError.unknownNode(id) }
      return i
    }
    let adj = try adjacency(selection)
    return adj.groupBetweenness(
      of: members, lengths: try ArcLengths(adj, transform: distance, nodeIDs: nodes.map(\.id)))
  }
}
