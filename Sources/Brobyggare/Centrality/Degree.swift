/// Degree and strength.
///
/// On the simple graph of the selected ties (self-loops dropped, parallel ties merged): the
/// out-degree is the number of nodes a node sends ties to, the in-degree the number it
/// receives ties from, and the degree their sum on a directed network (as networkx and igraph
/// count it with `mode="all"`) or the number of neighbours on an undirected one. Strength is
/// the same sum over trust instead of counts (Barrat et al. 2004).
///
/// Where the peers differ: networkx and igraph count parallel edges and self-loops in a
/// multigraph's degree; here they are merged first, so the degree counts distinct contacts.
///
/// - Complexity: O(n + m).
///
/// Barrat, A., Barthélemy, M., Pastor-Satorras, R. & Vespignani, A. (2004). The architecture of
/// complex weighted networks. *PNAS* 101(11), 3747–3752.
/// [doi:10.1073/pnas.0400087101](https://doi.org/10.1073/pnas.0400087101)
public struct DegreeCounts: Sendable, Equatable {
  public var degree: [Int]
  public var inDegree: [Int]
  public var outDegree: [Int]
  public var strength: [Double]
  public var inStrength: [Double]
  public var outStrength: [Double]
}

extension Adjacency {
  /// Degree and strength of every node (see ``DegreeCounts``).
  ///
  /// - Complexity: O(n + m).
  public var degrees: DegreeCounts {
    let n = nodeCount
    var out = [Int](repeating: 0, count: n), inn = out
    var outS = [Double](repeating: 0, count: n), inS = outS
    for v in 0..<n {
      out[v] = outOffsets[v + 1] - outOffsets[v]
      inn[v] = inOffsets[v + 1] - inOffsets[v]
      for k in outOffsets[v]..<outOffsets[v + 1] { outS[v] += outTrust[k] }
      for k in inOffsets[v]..<inOffsets[v + 1] { inS[v] += inTrust[k] }
    }
    if isDirected {
      return DegreeCounts(degree: zip(out, inn).map(+), inDegree: inn, outDegree: out,
                          strength: zip(outS, inS).map(+), inStrength: inS, outStrength: outS)
    }
    return DegreeCounts(degree: out, inDegree: out, outDegree: out, strength: outS,
                        inStrength: outS, outStrength: outS)
  }
}

extension Network {
  /// Degree and strength of every node on the selected ties (see ``DegreeCounts``).
  ///
  /// - Complexity: O(n + m), besides building the adjacency.
  public func degrees(selection: TieSelection = .all) throws -> DegreeCounts {
    try adjacency(selection).degrees
  }
}
