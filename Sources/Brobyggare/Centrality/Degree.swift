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
  /// Distinct contacts: in + out on a directed network, neighbours on an undirected one.
  public var degree: [Int]
  /// Distinct nodes with a tie to the node (its degree on an undirected network).
  public var inDegree: [Int]
  /// Distinct nodes the node has a tie to (its degree on an undirected network).
  public var outDegree: [Int]
  /// The sum of trust over the node's ties, in and out (Barrat et al. 2004).
  public var strength: [Double]
  /// The sum of trust over the ties to the node.
  public var inStrength: [Double]
  /// The sum of trust over the ties from the node.
  public var outStrength: [Double]
}

extension Adjacency {
  /// Degree and strength of every node (see ``DegreeCounts``).
  ///
  /// - Complexity: O(n + m).
  public var degrees: DegreeCounts {
    let n = nodeCount
    var out = [Int](repeating: 0, count: n)
    var inn = out
    var outS = [Double](repeating: 0, count: n)
    var inS = outS
    for v in 0..<n {
      out[v] = outOffsets[v + 1] - outOffsets[v]
      inn[v] = inOffsets[v + 1] - inOffsets[v]
      for k in outOffsets[v]..<outOffsets[v + 1] { outS[v] += outTrust[k] }
      for k in inOffsets[v]..<inOffsets[v + 1] { inS[v] += inTrust[k] }
    }
    if isDirected {
      return DegreeCounts(
        degree: zip(out, inn).map(+), inDegree: inn, outDegree: out,
        strength: zip(outS, inS).map(+), inStrength: inS, outStrength: outS)
    }
    return DegreeCounts(
      degree: out, inDegree: out, outDegree: out, strength: outS,
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
