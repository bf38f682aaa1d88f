/// Group-by-group summaries of the ties: for each ordered pair of groups (a, b), the ties from
/// a to b, their density (ties over possible pairs: n_a·n_b, or n_a(n_a−1) within a group),
/// their mean trust, and the share reciprocated (the tie b-member → a-member also present).
/// On undirected networks the matrices are symmetric and every tie is reciprocated.
/// Cells without possible pairs or without ties are NaN where a ratio is undefined.
public struct GroupMatrices: Sendable {
  /// The group names, in order; rows and columns follow it.
  public var names: [String]
  /// The members of each group.
  public var sizes: [Int]
  /// `ties[a][b]`: the ties from a member of group a to a member of group b.
  public var ties: [[Int]]
  /// `density[a][b]`: ties over possible pairs, n_a·n_b (n_a(n_a−1) within a group); NaN
  /// without possible pairs.
  public var density: [[Double]]
  /// `meanTrust[a][b]`: the mean trust of those ties; NaN without ties.
  public var meanTrust: [[Double]]
  /// `reciprocity[a][b]`: the share of those ties returned (b-member → a-member); NaN
  /// without ties.
  public var reciprocity: [[Double]]
}

extension Adjacency {
  /// - Complexity: O(m log d + G²).
  public func groupMatrices(groups: [Int], names: [String]) -> GroupMatrices {
    let g = names.count
    var sizes = [Int](repeating: 0, count: g)
    for x in groups where x >= 0 { sizes[x] += 1 }
    var ties = [[Int]](repeating: [Int](repeating: 0, count: g), count: g)
    var trust = [[Double]](repeating: [Double](repeating: 0, count: g), count: g)
    var mutual = ties
    for v in 0..<nodeCount {
      for k in outOffsets[v]..<outOffsets[v + 1] {
        let w = Int(outTargets[k])
        let (a, b) = (groups[v], groups[w])
        if a < 0 || b < 0 { continue }  // a node without a group is left out
        ties[a][b] += 1
        trust[a][b] += outTrust[k]
        if hasArc(from: w, to: v) { mutual[a][b] += 1 }
      }
    }
    var density = [[Double]](repeating: [Double](repeating: .nan, count: g), count: g)
    var mean = density
    var recip = density
    for a in 0..<g {
      for b in 0..<g {
        let possible = a == b ? sizes[a] * (sizes[a] - 1) : sizes[a] * sizes[b]
        if possible > 0 { density[a][b] = Double(ties[a][b]) / Double(possible) }
        if ties[a][b] > 0 {
          mean[a][b] = trust[a][b] / Double(ties[a][b])
          recip[a][b] = Double(mutual[a][b]) / Double(ties[a][b])
        }
      }
    }
    // Undirected: each tie was seen from both ends; within a group that counted it twice.
    if !isDirected { for a in 0..<g { ties[a][a] /= 2 } }
    return GroupMatrices(
      names: names, sizes: sizes, ties: ties, density: density, meanTrust: mean, reciprocity: recip)
  }
}

extension Network {
  /// The group-by-group tie counts, densities and trust of a node attribute's groups (see
  /// ``GroupMatrices``).
  ///
  /// - Complexity: O(n + m + G²) for G groups.
  public func groupMatrices(by attribute: String, selection: TieSelection = .all) throws
    -> GroupMatrices
  {
    let (g, names) = try groups(by: attribute)
    return try adjacency(selection).groupMatrices(groups: g, names: names)
  }
}
