/// Krackhardt and Stern's E-I index: (E − I) / (E + I), with E the ties between groups and I
/// the ties within them. It runs from −1 (every tie inside a group) to +1 (every tie across).
///
/// - Network: over all ties of the simple graph (undirected ties once, directed ties each).
/// - Group: over the ties with at least one end in the group.
/// - Node: over the node's own ties (sent and received on directed networks).
///
/// Each comes with the value expected if ties fell at random among the possible pairs, given
/// the group sizes: for the network, (X − W)/(X + W) with X the pairs across groups and W the
/// pairs within; for a node of group g, ((N − n_g) − (n_g − 1)) / (N − 1); for a group, the same
/// over the pairs that touch it. A node or group without ties is NaN.
///
/// Nodes without a group (group < 0) are left out: ties to them count neither way, their own
/// index is NaN, and N counts the nodes with a group.
///
/// The permutation test shuffles group labels (group sizes kept) and gives the share of
/// shuffles whose network E-I is at least (`pGreater`) or at most (`pLess`) the observed one,
/// each as (1 + count) / (1 + shuffles).
///
/// Krackhardt, D. & Stern, R. N. (1988). Informal networks and organizational crises: an
/// experimental simulation. *Social Psychology Quarterly* 51(2), 123–140.
/// [doi:10.2307/2786835](https://doi.org/10.2307/2786835)
public struct EIIndex: Sendable, Equatable {
  /// The network's E-I index, (E − I) / (E + I) over its ties; NaN without ties between
  /// grouped nodes.
  public var network: Double
  /// The value expected at random: (X − W) / (X + W) for X pairs across groups and W within.
  public var networkExpected: Double
  /// Per group: (E − I) / (E + I) over the ties that touch it; NaN without ties.
  public var groups: [Double]
  /// Per group: the value expected at random, over the pairs that touch it.
  public var groupsExpected: [Double]
  /// Per node: (E − I) / (E + I) over its ties; NaN without ties or without a group.
  public var nodes: [Double]
  /// Per node of group g: ((N − n_g) − (n_g − 1)) / (N − 1).
  public var nodesExpected: [Double]
  /// The permutation test's share of shuffles with a network E-I ≥ the observed one,
  /// (1 + count) / (1 + shuffles); `nil` without permutations, NaN where the observed index is
  /// NaN (no tie between grouped nodes).
  public var pGreater: Double?
  /// The same for ≤; `nil` without permutations.
  public var pLess: Double?
}

extension Adjacency {
  /// Krackhardt and Stern's E-I index of the network, each group and each node, with the
  /// values expected at random and, when `permutations` > 0, the permutation test's p-values
  /// (see ``EIIndex``). The same `seed` gives the same p-values on any number of `threads`.
  public func eiIndex(
    groups: [Int], groupCount: Int, permutations: Int = 0, seed: UInt64 = 1,
    threads: Int = Threads.available
  ) -> EIIndex {
    let n = nodeCount
    var sizes = [Double](repeating: 0, count: groupCount)
    for g in groups where g >= 0 { sizes[g] += 1 }
    @Sendable func count(_ groups: [Int]) -> (
      e: Double, i: Double, ge: [Double], gi: [Double], ne: [Double], ni: [Double]
    ) {
      var e = 0.0
      var i = 0.0
      var ge = [Double](repeating: 0, count: groupCount)
      var gi = ge
      var ne = [Double](repeating: 0, count: n)
      var ni = ne
      for v in 0..<n {
        for w32 in successors(of: v) {
          let w = Int(w32)
          if !isDirected && w < v { continue }
          if groups[v] < 0 || groups[w] < 0 { continue }
          if groups[v] == groups[w] {
            i += 1
            gi[groups[v]] += 1
            ni[v] += 1
            ni[w] += 1
          } else {
            e += 1
            ge[groups[v]] += 1
            ge[groups[w]] += 1
            ne[v] += 1
            ne[w] += 1
          }
        }
      }
      return (e, i, ge, gi, ne, ni)
    }
    @Sendable func ei(_ e: Double, _ i: Double) -> Double { e + i > 0 ? (e - i) / (e + i) : .nan }
    let c = count(groups)
    let N = sizes.reduce(0, +)
    let across = (sizes.reduce(0, +) * sizes.reduce(0, +) - sizes.reduce(0) { $0 + $1 * $1 }) / 2
    let within = sizes.reduce(0) { $0 + $1 * ($1 - 1) / 2 }
    var result = EIIndex(
      network: ei(c.e, c.i), networkExpected: ei(across, within),
      groups: (0..<groupCount).map { ei(c.ge[$0], c.gi[$0]) },
      groupsExpected: sizes.map { ng in ei(ng * (N - ng), ng * (ng - 1) / 2) },
      nodes: (0..<n).map { groups[$0] < 0 ? .nan : ei(c.ne[$0], c.ni[$0]) },
      nodesExpected: groups.map { g in g < 0 ? .nan : ei(N - sizes[g], sizes[g] - 1) })
    if permutations > 0 && result.network.isNaN {
      // No tie between grouped nodes: nothing to test (each comparison with NaN is false,
      // which counted every shuffle as extreme neither way, a p of 1/(1 + shuffles)).
      result.pGreater = .nan
      result.pLess = .nan
    } else if permutations > 0 {
      let observed = result.network
      let hits = countTrials(permutations, slots: 2, threads: threads, seed: seed) { rng, counter in
        let p = count(shuffledGroups(groups, &rng))
        let value = ei(p.e, p.i)
        if value >= observed - 1e-12 { counter[0] += 1 }
        if value <= observed + 1e-12 { counter[1] += 1 }
      }
      let greater = hits[0]
      let less = hits[1]
      result.pGreater = Double(greater + 1) / Double(permutations + 1)
      result.pLess = Double(less + 1) / Double(permutations + 1)
    }
    return result
  }
}

extension Network {
  /// Krackhardt and Stern's E-I index by a node attribute, of the network, each group and
  /// each node, with the values expected at random and, when `permutations` > 0, the
  /// permutation test's p-values (see ``EIIndex``).
  ///
  ///     EI = (E − I) / (E + I)
  ///
  /// for E ties between groups and I within.
  ///
  /// - Parameters:
  ///   - attribute: the node attribute whose values are the groups.
  ///   - selection: the layers to use.
  ///   - permutations: how many shuffles of the group labels the test draws (0: no test).
  ///   - seed: the shuffles' seed; the same seed gives the same p-values on any `threads`.
  ///   - threads: how many threads share the work; the result is the same for any number.
  /// - Complexity: O(n + m) for the indices; O(permutations · (n + m)) for the test.
  ///
  /// Krackhardt, D. & Stern, R. N. (1988). Informal networks and organizational crises: an
  /// experimental simulation. *Social Psychology Quarterly* 51(2), 123–140.
  /// [doi:10.2307/2786835](https://doi.org/10.2307/2786835)
  public func eiIndex(
    by attribute: String, selection: TieSelection = .all, permutations: Int = 0,
    seed: UInt64 = 1, threads: Int = Threads.available
  ) throws -> EIIndex {
    let (g, names) = try groups(by: attribute)
    return try adjacency(selection).eiIndex(
      groups: g, groupCount: names.count, permutations: permutations,
      seed: seed, threads: threads)
  }
}
