extension Adjacency {
  /// Density: the share of possible ties present on the simple graph of the selection.
  ///
  ///     m / (n(n−1)) directed,   2m / (n(n−1)) undirected
  ///
  /// NaN below two nodes.
  ///
  /// - Complexity: O(1).
  public var density: Double {
    let n = Double(nodeCount)
    guard nodeCount > 1 else { return .nan }
    return isDirected ? Double(arcCount) / (n * (n - 1)) : Double(tieCount) * 2 / (n * (n - 1))
  }

  /// Reciprocity: the share of directed ties whose reverse is also present (networkx's
  /// `reciprocity`; igraph's default `mode="default"` gives the same); 1 on an undirected
  /// network, NaN without ties.
  ///
  /// - Complexity: O(m log d) for m arcs and largest degree d.
  public var reciprocity: Double {
    guard arcCount > 0 else { return .nan }
    if !isDirected { return 1 }
    var mutual = 0
    for v in 0..<nodeCount {
      for w in successors(of: v) where hasArc(from: Int(w), to: v) { mutual += 1 }
    }
    return Double(mutual) / Double(arcCount)
  }
}
