/// Does one group trust another more than it is trusted back? For each pair of groups (a, b),
/// the ties each way and their mean trust, and, over the mutual dyads between them (a member
/// of a and a member of b who named each other), the mean of trust(a→b) − trust(b→a): a
/// paired comparison that the mix of who named whom cannot drive.
public struct TrustAsymmetry: Sendable {
  /// Two groups, a < b, and the trust between them each way.
  public struct Pair: Hashable, Sendable {
    /// The first group (an index into ``TrustAsymmetry/names``).
    public var a: Int
    /// The second group, after a.
    public var b: Int
    /// Ties from members of a to members of b.
    public var tiesAB: Int
    /// Ties from members of b to members of a.
    public var tiesBA: Int
    /// Mean trust of the ties from a to b; NaN without ties.
    public var meanTrustAB: Double
    /// Mean trust of the ties from b to a; NaN without ties.
    public var meanTrustBA: Double
    /// meanTrustAB − meanTrustBA.
    public var difference: Double
    /// Pairs of an a-member and a b-member who named each other.
    public var mutualDyads: Int
    /// Mean over mutual dyads of trust(a-member → b-member) − trust(b-member → a-member); NaN
    /// without mutual dyads.
    public var meanPairedDifference: Double
  }

  /// The group names, in order.
  public var names: [String]
  /// One entry per unordered pair of distinct groups, a < b, in group order.
  public var pairs: [Pair]
}

extension Adjacency {
  /// - Complexity: O(m log d + G²).
  public func trustAsymmetry(groups: [Int], names: [String]) -> TrustAsymmetry {
    let g = names.count
    var ties = [[Int]](repeating: [Int](repeating: 0, count: g), count: g)
    var trust = [[Double]](repeating: [Double](repeating: 0, count: g), count: g)
    var mutual = ties
    var paired = trust
    for v in 0..<nodeCount {
      for k in outOffsets[v]..<outOffsets[v + 1] {
        let w = Int(outTargets[k])
        let (a, b) = (groups[v], groups[w])
        guard a != b, a >= 0, b >= 0 else { continue }
        ties[a][b] += 1
        trust[a][b] += outTrust[k]
        if a < b, let back = arcIndex(from: w, to: v) {
          mutual[a][b] += 1
          paired[a][b] += outTrust[k] - outTrust[back]
        }
      }
    }
    var pairs: [TrustAsymmetry.Pair] = []
    for a in 0..<g {
      for b in (a + 1)..<max(g, a + 1) {
        let ab = ties[a][b] > 0 ? trust[a][b] / Double(ties[a][b]) : .nan
        let ba = ties[b][a] > 0 ? trust[b][a] / Double(ties[b][a]) : .nan
        pairs.append(
          .init(
            a: a, b: b, tiesAB: ties[a][b], tiesBA: ties[b][a], meanTrustAB: ab, meanTrustBA: ba,
            difference: ab - ba, mutualDyads: mutual[a][b],
            meanPairedDifference: mutual[a][b] > 0 ? paired[a][b] / Double(mutual[a][b]) : .nan))
      }
    }
    return TrustAsymmetry(names: names, pairs: pairs)
  }
}

extension Network {
  /// How trust given and trust received differ within and between a node attribute's groups
  /// (see ``TrustAsymmetry``).
  ///
  /// - Complexity: O(n + m + G²) for G groups.
  public func trustAsymmetry(by attribute: String, selection: TieSelection = .all) throws
    -> TrustAsymmetry
  {
    let (g, names) = try groups(by: attribute)
    return try adjacency(selection).trustAsymmetry(groups: g, names: names)
  }
}
