import Foundation

/// The five Gould–Fernandez brokerage roles. For an open two-path a → v → c (a ≠ c, no tie
/// a → c), v is the broker; the groups of (a, v, c) decide its role.
public enum BrokerageRole: Int, CaseIterable, Sendable {
  /// A A A: all three in one group (sna's w_I).
  case coordinator
  /// A B A: a and c share a group, v is outside it (sna's w_O).
  case itinerant
  /// A A B: v in the source's group, relaying out of it (sna's b_IO).
  case representative
  /// A B B: v in the target's group, controlling what enters it (sna's b_OI).
  case gatekeeper
  /// A B C: three different groups (sna's b_O).
  case liaison

  /// The role's name as the command line and sna write it (`coordinator`, ...).
  public var name: String {
    switch self {
    case .coordinator: "coordinator"
    case .itinerant: "itinerant"
    case .representative: "representative"
    case .gatekeeper: "gatekeeper"
    case .liaison: "liaison"
    }
  }

  /// The role of broker v on the two-path a → v → c, from the three groups.
  @inlinable
  public static func of(source a: Int, broker v: Int, target c: Int) -> BrokerageRole {
    if v == a { return v == c ? .coordinator : .representative }
    if v == c { return .gatekeeper }
    if a == c { return .itinerant }
    return .liaison
  }
}

/// Gould–Fernandez brokerage: per node, the open two-paths it brokers in each role, with the
/// values expected under a random graph of the same density and group sizes, and z-scores.
///
/// Columns are the five roles in ``BrokerageRole`` order and then the total. On directed
/// networks the raw counts, expected values, standard deviations and z-scores are those of
/// R's `sna::brokerage` (sna 2.7): expectations from Gould and Fernandez's formulas with
/// density d = m / (n(n−1)), for a node according to its own group's size; z = (raw − exp) / sd,
/// so a group too small for a role gives NaN (0/0) or ±inf, as sna does.
///
/// On undirected networks each brokered pair {a, c} counts once. Direction decides between
/// representative and gatekeeper, so there a pair whose broker shares a group with exactly one
/// end counts one half in each. Every column, expected value and standard deviation is then
/// exactly half of sna's on the symmetric directed graph, and z-scores are equal.
///
/// With ``PartialCredit/shared`` each open two-path a → v → c gives 1/k to each of the k
/// brokers between a and c (UCINET's option), so the roles of a pair add to one; expected
/// values and z-scores are then not defined and are NaN.
///
/// Self-loops are ignored and parallel ties merged. Trust is read only by the trust-weighted
/// variant (``TwoPathValue``): there each open two-path a → v → c counts the value of its two
/// trusts instead of 1, so a broker trusted on both sides scores more than one trusted on one;
/// partial credit then divides that value by k.
///
/// - Complexity: O(Σ_v indeg(v) · outdeg(v) · log d) time, O(n + g²) memory for g groups.
///
/// Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation: a formal approach to
/// brokerage in transaction networks. *Sociological Methodology* 19, 89–126.
/// [doi:10.2307/270949](https://doi.org/10.2307/270949)
///
/// Read a node's roles by name, by index or by id:
///
///     let roles = try network.brokerageRoles(by: "faction")
///     print(roles[id: "Medici"]!.liaison, roles[id: "Medici"]!.z.liaison)
///
/// The arrays below (``raw``, ``expected``, ...) hold the same numbers column by column, for
/// code that works on whole columns.
public struct BrokerageRoles: Sendable {
  /// The column count: five roles and the total.
  public static let columns = 6
  /// The group index of each node (into `groupNames`), −1 for a node without a group.
  public var groups: [Int]
  /// The group names, in order.
  public var groupNames: [String]
  /// `raw[c][v]`: the count for node v in column c (roles in ``BrokerageRole`` order, then
  /// the total). Prefer ``subscript(_:)``, which names the columns.
  public var raw: [[Double]]
  /// `expected[c][v]`: the count expected for node v in column c at random, given the
  /// density and the size of v's group; NaN with partial credit or trust weights.
  public var expected: [[Double]]
  /// `standardDeviation[c][v]`: the standard deviation of that count at random.
  public var standardDeviation: [[Double]]
  /// `z[c][v]` = (raw − expected) / standardDeviation.
  public var z: [[Double]]
  /// The whole network: per column the sum of the nodes' counts.
  public var networkRaw: [Double]
  /// The whole network: per column the sum expected at random.
  public var networkExpected: [Double]
  /// The whole network: per column the standard deviation of the sum at random.
  public var networkStandardDeviation: [Double]
  /// The whole network: per column (sum − expected) / standard deviation.
  public var networkZ: [Double]
  /// The ids of the nodes, for ``subscript(id:)``; set by
  /// ``Network/brokerageRoles(by:selection:credit:trust:permutations:seed:threads:)``, empty
  /// when computed on an ``Adjacency``.
  public var nodeIDs: [String] = []
  /// `permutationP[c][v]`: the permutation test's p-value for node v in role c (five roles;
  /// the total does not depend on the groups), when permutations were asked for.
  public var permutationP: [[Double]]? = nil

  /// Whether k brokers of one pair share it: `none` gives each a full count; `shared` gives
  /// each 1/k (UCINET's option).
  public enum PartialCredit: Sendable {
    /// Each broker of a pair counts it fully.
    case none
    /// The k brokers of a pair count 1/k each.
    case shared
  }

  /// The number of nodes.
  public var nodeCount: Int { groups.count }

  /// The roles of node `v` (an index into the network's nodes), read by name.
  ///
  /// - Complexity: O(1).
  public subscript(_ v: Int) -> BrokerageProfile {
    func column(_ m: [[Double]]) -> BrokerageColumns {
      BrokerageColumns(
        coordinator: m[0][v], itinerant: m[1][v], representative: m[2][v],
        gatekeeper: m[3][v], liaison: m[4][v], total: m[5][v])
    }
    let p = permutationP.map { m in
      BrokerageColumns(
        coordinator: m[0][v], itinerant: m[1][v], representative: m[2][v],
        gatekeeper: m[3][v], liaison: m[4][v], total: .nan)
    }
    return BrokerageProfile(
      node: v, id: v < nodeIDs.count ? nodeIDs[v] : nil,
      group: groups[v] >= 0 ? groupNames[groups[v]] : nil,
      counts: column(raw), expected: column(expected), standardDeviation: column(standardDeviation),
      z: column(z), permutationP: p)
  }

  /// The roles of the node with this id, or `nil` when no node has it.
  ///
  /// - Complexity: O(n): ids are searched in order; look up the index once with
  ///   ``Network/index(of:)`` and use ``subscript(_:)`` in a loop.
  public subscript(id id: String) -> BrokerageProfile? {
    nodeIDs.firstIndex(of: id).map { self[$0] }
  }

  /// Every node's roles, in node order.
  public var profiles: [BrokerageProfile] { (0..<nodeCount).map { self[$0] } }

  /// The whole network's counts per role, read by name (``networkRaw``).
  public var networkCounts: BrokerageColumns { Self.columns(networkRaw) }
  /// The whole network's expected counts per role (``networkExpected``).
  public var networkExpectedCounts: BrokerageColumns { Self.columns(networkExpected) }
  /// The whole network's z-scores per role (``networkZ``).
  public var networkZScores: BrokerageColumns { Self.columns(networkZ) }

  private static func columns(_ m: [Double]) -> BrokerageColumns {
    BrokerageColumns(
      coordinator: m[0], itinerant: m[1], representative: m[2], gatekeeper: m[3], liaison: m[4],
      total: m[5])
  }
}

/// One number for each of the five brokerage roles and for their total: a node's counts,
/// expected values, standard deviations or z-scores (see ``BrokerageRoles``).
public struct BrokerageColumns: Sendable, Equatable, CustomStringConvertible {
  /// A A A: brokering within one's own group (sna's w_I).
  public var coordinator: Double
  /// A B A: brokering between two members of another group (sna's w_O).
  public var itinerant: Double
  /// A A B: relaying from one's own group out of it (sna's b_IO).
  public var representative: Double
  /// A B B: controlling what enters one's own group (sna's b_OI).
  public var gatekeeper: Double
  /// A B C: brokering between two other groups (sna's b_O).
  public var liaison: Double
  /// The five roles together: the open two-paths brokered.
  public var total: Double

  /// Five roles and a total.
  public init(
    coordinator: Double, itinerant: Double, representative: Double, gatekeeper: Double,
    liaison: Double, total: Double
  ) {
    self.coordinator = coordinator
    self.itinerant = itinerant
    self.representative = representative
    self.gatekeeper = gatekeeper
    self.liaison = liaison
    self.total = total
  }

  /// The value for one role.
  public subscript(_ role: BrokerageRole) -> Double {
    switch role {
    case .coordinator: coordinator
    case .itinerant: itinerant
    case .representative: representative
    case .gatekeeper: gatekeeper
    case .liaison: liaison
    }
  }

  /// `coordinator 2, itinerant 0, representative 1, gatekeeper 0, liaison 3, total 6`.
  public var description: String {
    (BrokerageRole.allCases.map { "\($0.name) \(formatNumber(self[$0]))" } + [
      "total \(formatNumber(total))"
    ])
    .joined(separator: ", ")
  }
}

/// One node's Gould–Fernandez brokerage: its counts per role, what a random graph of the same
/// density and group sizes would give, and z-scores (see ``BrokerageRoles``).
public struct BrokerageProfile: Sendable, CustomStringConvertible {
  /// The node's index in the network.
  public var node: Int
  /// The node's id, when the roles were computed on a ``Network``.
  public var id: String?
  /// The node's group, or `nil` for a node without one (it brokers nothing).
  public var group: String?
  /// The open two-paths the node brokers in each role.
  public var counts: BrokerageColumns
  /// The counts expected at random (NaN with partial credit or trust weights).
  public var expected: BrokerageColumns
  /// The standard deviations of the counts at random.
  public var standardDeviation: BrokerageColumns
  /// (count − expected) / standard deviation, per role.
  public var z: BrokerageColumns
  /// The permutation test's p-values per role (total NaN), when permutations were asked for.
  public var permutationP: BrokerageColumns?

  /// Coordinator count (A A A).
  public var coordinator: Double { counts.coordinator }
  /// Itinerant count (A B A).
  public var itinerant: Double { counts.itinerant }
  /// Representative count (A A B).
  public var representative: Double { counts.representative }
  /// Gatekeeper count (A B B).
  public var gatekeeper: Double { counts.gatekeeper }
  /// Liaison count (A B C).
  public var liaison: Double { counts.liaison }
  /// All open two-paths brokered.
  public var total: Double { counts.total }

  /// The role with the largest count (the first in ``BrokerageRole`` order on a tie), or
  /// `nil` when the node brokers nothing.
  public var mainRole: BrokerageRole? {
    guard total > 0 else { return nil }
    return BrokerageRole.allCases.max { (counts[$0], $1.rawValue) < (counts[$1], $0.rawValue) }
  }

  /// `Medici (oligarch): coordinator 2, ..., total 6; z coordinator 1.2, ...`.
  public var description: String {
    let name = id ?? "node \(node)"
    var text = "\(name) (\(group ?? "no group")): \(counts)"
    if !expected.total.isNaN { text += "; z " + z.description }
    return text
  }
}

/// How the two trusts of a two-path a → v → c combine into its value, as for the triplets of
/// Opsahl and Panzarasa's weighted clustering coefficient: the arithmetic mean, the geometric
/// mean, the minimum or the maximum of w(a, v) and w(v, c). The geometric mean (the default)
/// is small when either tie is weak; the minimum is the weakest link of the chain.
///
/// Opsahl, T. & Panzarasa, P. (2009). Clustering in weighted networks. *Social Networks* 31(2),
/// 155–163. [doi:10.1016/j.socnet.2009.02.002](https://doi.org/10.1016/j.socnet.2009.02.002)
public enum TwoPathValue: String, Sendable, CaseIterable {
  /// (w(a, v) + w(v, c)) / 2.
  case arithmeticMean = "am"
  /// √(w(a, v) · w(v, c)), the default.
  case geometricMean = "gm"
  /// min(w(a, v), w(v, c)): the weakest link.
  case minimum = "min"
  /// max(w(a, v), w(v, c)).
  case maximum = "max"

  /// The value of a two-path whose ties have trust `x` and `y`.
  @inlinable
  public func value(_ x: Double, _ y: Double) -> Double {
    switch self {
    case .arithmeticMean: (x + y) / 2
    case .geometricMean: (x * y).squareRoot()
    case .minimum: Swift.min(x, y)
    case .maximum: Swift.max(x, y)
    }
  }
}

extension Adjacency {
  /// Counts the open two-paths each node brokers in each role (no expectations).
  ///
  /// - Parameters:
  ///   - groups: a group index per node.
  ///   - credit: whether k brokers of one pair share it (1/k each).
  ///   - trust: `nil` counts each open two-path as 1; otherwise a two-path a → v → c counts
  ///     the value of its two trusts (see ``TwoPathValue``).
  public func brokerageCounts(
    groups: [Int], credit: BrokerageRoles.PartialCredit = .none,
    trust: TwoPathValue? = nil
  ) -> [[Double]] {
    precondition(groups.count == nodeCount, "one group per node")
    if credit == .none && trust == nil { return brokerageCountsByGroup(groups: groups) }
    if credit == .shared { return brokerageCountsSharingCredit(groups: groups, trust: trust) }
    let n = nodeCount
    var raw = [[Double]](repeating: [Double](repeating: 0, count: n), count: 5)
    // A node without a group (group < 0) is left out: it neither brokers nor is brokered.
    for v in 0..<n where groups[v] >= 0 {
      let gv = groups[v]
      for ka in inOffsets[v]..<inOffsets[v + 1] {
        let a = Int(inTargets[ka])
        if groups[a] < 0 { continue }
        for kc in outOffsets[v]..<outOffsets[v + 1] {
          let c = Int(outTargets[kc])
          if c == a || groups[c] < 0 || hasArc(from: a, to: c) { continue }
          if !isDirected && a > c { continue }  // each unordered pair once
          let weight = trust.map { $0.value(inTrust[ka], outTrust[kc]) } ?? 1
          let role = BrokerageRole.of(source: groups[a], broker: gv, target: groups[c])
          if !isDirected && (role == .representative || role == .gatekeeper) {
            raw[BrokerageRole.representative.rawValue][v] += weight / 2
            raw[BrokerageRole.gatekeeper.rawValue][v] += weight / 2
          } else {
            raw[role.rawValue][v] += weight
          }
        }
      }
    }
    return raw
  }

  /// The plain counts without a loop over every two-path: for each broker v, the two-paths
  /// a → v → c by role follow from how many of v's in- and out-neighbours are in each group
  /// (a product per role), less those with a = c, less the closed ones (a → c), which are
  /// found from whichever of a's and v's rows is shorter. A hub of d leaves costs O(d), not d².
  /// On undirected networks every count is half the ordered one, as the pair loop gives.
  ///
  /// - Complexity: O(Σ_v Σ_{a → v} min(outdeg(a), outdeg(v)) · log d) time, O(n) memory.
  func brokerageCountsByGroup(groups: [Int]) -> [[Double]] {
    let n = nodeCount
    var raw = [[Double]](repeating: [Double](repeating: 0, count: n), count: 5)
    let groupCount = (groups.max() ?? -1) + 1
    var inByGroup = [Int](repeating: 0, count: groupCount)
    var outByGroup = [Int](repeating: 0, count: groupCount)
    var touched: [Int] = []
    var mark = [Int](repeating: -1, count: n)
    for v in 0..<n where groups[v] >= 0 {
      let gv = groups[v]
      var inTotal = 0
      var outTotal = 0
      for a32 in predecessors(of: v) {
        let a = Int(a32)
        let g = groups[a]
        if a == v || g < 0 { continue }
        if inByGroup[g] == 0 && outByGroup[g] == 0 { touched.append(g) }
        inByGroup[g] += 1
        inTotal += 1
      }
      for c32 in successors(of: v) {
        let c = Int(c32)
        let g = groups[c]
        if c == v || g < 0 { continue }
        if inByGroup[g] == 0 && outByGroup[g] == 0 { touched.append(g) }
        outByGroup[g] += 1
        outTotal += 1
        mark[c] = v
      }
      // Ordered pairs (a, c), a ≠ c allowed for now, by role.
      var count = [Int](repeating: 0, count: 5)
      let inOwn = inByGroup[gv]
      let outOwn = outByGroup[gv]
      count[BrokerageRole.coordinator.rawValue] = inOwn * outOwn
      count[BrokerageRole.representative.rawValue] = inOwn * (outTotal - outOwn)
      count[BrokerageRole.gatekeeper.rawValue] = (inTotal - inOwn) * outOwn
      var sameOther = 0
      for g in touched where g != gv { sameOther += inByGroup[g] * outByGroup[g] }
      count[BrokerageRole.itinerant.rawValue] = sameOther
      count[BrokerageRole.liaison.rawValue] = (inTotal - inOwn) * (outTotal - outOwn) - sameOther
      for g in touched {
        inByGroup[g] = 0
        outByGroup[g] = 0
      }
      touched.removeAll(keepingCapacity: true)
      // Less a = c (a tie both ways with v), and less the closed two-paths.
      let outDegree = outOffsets[v + 1] - outOffsets[v]
      for a32 in predecessors(of: v) {
        let a = Int(a32)
        let ga = groups[a]
        if a == v || ga < 0 { continue }
        if mark[a] == v {
          count[BrokerageRole.of(source: ga, broker: gv, target: ga).rawValue] -= 1
        }
        if outOffsets[a + 1] - outOffsets[a] <= outDegree {
          for c32 in successors(of: a) where mark[Int(c32)] == v && Int(c32) != a {
            count[BrokerageRole.of(source: ga, broker: gv, target: groups[Int(c32)]).rawValue] -= 1
          }
        } else {
          for c32 in successors(of: v) {
            let c = Int(c32)
            if c == v || c == a || groups[c] < 0 || !hasArc(from: a, to: c) { continue }
            count[BrokerageRole.of(source: ga, broker: gv, target: groups[c]).rawValue] -= 1
          }
        }
      }
      let scale = isDirected ? 1.0 : 0.5
      for r in 0..<5 { raw[r][v] = Double(count[r]) * scale }
    }
    return raw
  }

  /// The counts with partial credit: each open two-path a → v → c gives its value divided by
  /// k, the number of brokers of the pair (a, c). Counting k for every two-path anew (a scan of
  /// a's successors each time) multiplied the work by the out-degree of a; here the two-paths
  /// from each source a are walked twice, once to count every pair's brokers in a scratch array
  /// and once to share the credit, and a's successors are marked so that "no tie a → c" is one
  /// look-up.
  ///
  /// - Complexity: O(n + m + Σ_v indeg(v) · outdeg(v)) time (the two-paths, each seen twice),
  ///   O(n) memory besides the result.
  func brokerageCountsSharingCredit(groups: [Int], trust: TwoPathValue?) -> [[Double]] {
    let n = nodeCount
    var raw = [[Double]](repeating: [Double](repeating: 0, count: n), count: 5)
    var brokers = [Int](repeating: 0, count: n)
    var successorOf = [Int](repeating: -1, count: n)
    var touched: [Int] = []
    // A node without a group (group < 0) is left out: it neither brokers nor is brokered.
    for a in 0..<n where groups[a] >= 0 {
      for c in successors(of: a) { successorOf[Int(c)] = a }
      for pass in 0..<2 {
        for ka in outOffsets[a]..<outOffsets[a + 1] {
          let v = Int(outTargets[ka])
          if v == a || groups[v] < 0 { continue }
          let gv = groups[v]
          for kc in outOffsets[v]..<outOffsets[v + 1] {
            let c = Int(outTargets[kc])
            if c == a || c == v || groups[c] < 0 || successorOf[c] == a { continue }
            if !isDirected && a > c { continue }  // each unordered pair once
            if pass == 0 {
              if brokers[c] == 0 { touched.append(c) }
              brokers[c] += 1
              continue
            }
            let weight =
              (trust.map { $0.value(outTrust[ka], outTrust[kc]) } ?? 1) / Double(brokers[c])
            let role = BrokerageRole.of(source: groups[a], broker: gv, target: groups[c])
            if !isDirected && (role == .representative || role == .gatekeeper) {
              raw[BrokerageRole.representative.rawValue][v] += weight / 2
              raw[BrokerageRole.gatekeeper.rawValue][v] += weight / 2
            } else {
              raw[role.rawValue][v] += weight
            }
          }
        }
      }
      for c in touched { brokers[c] = 0 }
      touched.removeAll(keepingCapacity: true)
    }
    return raw
  }

  /// Brokerage roles with sna's expected values and z-scores (see ``BrokerageRoles``).
  ///
  /// With `trust` the counts are trust-weighted (see ``TwoPathValue``); expected values and
  /// z-scores, derived for counts, are then NaN.
  public func brokerageRoles(
    groups: [Int], groupNames: [String], credit: BrokerageRoles.PartialCredit = .none,
    trust: TwoPathValue? = nil
  ) -> BrokerageRoles {
    let n = nodeCount
    let roles = brokerageCounts(groups: groups, credit: credit, trust: trust)
    let counts = credit == .none && trust == nil
    var raw = roles
    raw.append((0..<n).map { v in roles.reduce(0) { $0 + $1[v] } })
    // Nodes without a group are left out: the null model is that of the network among the
    // others (sna::brokerage on the network without them).
    let grouped = groups.filter { $0 >= 0 }.count
    let N = Double(grouped)
    var arcsAmongGrouped = 0
    if grouped == n {
      arcsAmongGrouped = isDirected ? arcCount : 2 * tieCount
    } else {
      for v in 0..<n where groups[v] >= 0 {
        for w in successors(of: v) where groups[Int(w)] >= 0 && Int(w) != v {
          arcsAmongGrouped += 1
        }
      }
    }
    let d = grouped > 1 ? Double(arcsAmongGrouped) / (N * (N - 1)) : .nan
    let sizes = groupNames.indices.map { g in Double(groups.filter { $0 == g }.count) }
    let (eGroup, vGroup) = brokerageNodeExpectations(sizes: sizes, N: N, d: d)
    let (eNet, vNet) = brokerageNetworkExpectations(sizes: sizes, N: N, d: d)
    let scale = isDirected ? 1.0 : 0.5
    var result = BrokerageRoles(
      groups: groups, groupNames: groupNames, raw: raw,
      expected: [], standardDeviation: [], z: [],
      networkRaw: raw.map { $0.reduce(0, +) }, networkExpected: [], networkStandardDeviation: [],
      networkZ: [])
    for c in 0..<BrokerageRoles.columns {
      let e = (0..<n).map { counts && groups[$0] >= 0 ? eGroup[groups[$0]][c] * scale : .nan }
      let s = (0..<n).map {
        counts && groups[$0] >= 0 ? vGroup[groups[$0]][c].squareRoot() * scale : .nan
      }
      result.expected.append(e)
      result.standardDeviation.append(s)
      result.z.append((0..<n).map { (raw[c][$0] - e[$0]) / s[$0] })
      let ne = counts ? eNet[c] * scale : .nan
      let ns = counts ? vNet[c].squareRoot() * scale : .nan
      result.networkExpected.append(ne)
      result.networkStandardDeviation.append(ns)
      result.networkZ.append((result.networkRaw[c] - ne) / ns)
    }
    return result
  }
}

/// Gould and Fernandez's expected values and variances for a node whose group has size
/// `sizes[g]`, per group and column, exactly as R's sna 2.7 computes them.
func brokerageNodeExpectations(sizes n: [Double], N: Double, d: Double) -> ([[Double]], [[Double]])
{
  let q = d * d * (1 - d)
  let r = 2 * d * d * d * (1 - d) * (1 - d) * (1 - d)
  func choose2(_ x: Double) -> Double { x * (x - 1) / 2 }
  var e = [[Double]]()
  var v = [[Double]]()
  for i in n.indices {
    let ni = n[i]
    let others = n.indices.filter { $0 != i }.map { n[$0] }
    var ei = [Double](repeating: 0, count: 6)
    var vi = ei
    ei[0] = q * (ni - 1) * (ni - 2)
    vi[0] = ei[0] * (1 - q) + (ni - 1) * (ni - 2) * (ni - 3) * r
    ei[1] = q * others.reduce(0) { $0 + $1 * ($1 - 1) }
    vi[1] = ei[1] * (1 - q) + others.reduce(0) { $0 + $1 * ($1 - 1) * ($1 - 2) } * r
    ei[2] = q * (N - ni) * (ni - 1)
    vi[2] = ei[2] * (1 - q) + ((ni - 1) * choose2(N - ni) + (N - ni) * choose2(ni - 1)) * r
    ei[3] = ei[2]
    vi[3] = vi[2]
    let sumOuter = others.reduce(0) { $0 + $1 } * others.reduce(0) { $0 + $1 }
    ei[4] = q * (sumOuter - others.reduce(0) { $0 + $1 * $1 })
    vi[4] = ei[4] * (1 - q) + 2 * others.reduce(0) { $0 + $1 * choose2(N - $1 - ni) } * r
    ei[5] = q * (N - 1) * (N - 2)
    vi[5] = ei[5] * (1 - q) + (N - 1) * (N - 2) * (N - 3) * r
    e.append(ei)
    v.append(vi)
  }
  return (e, v)
}

/// The network-level expectations and variances of sna 2.7's `brokerage`.
func brokerageNetworkExpectations(sizes n: [Double], N: Double, d: Double) -> ([Double], [Double]) {
  let q = d * d * (1 - d)
  let d3 = d * d * d * (1 - d) * (1 - d) * (1 - d)
  let d4 = d * d * d * d * (1 - d) * (1 - d)
  let d5 = d * d * d * d * d * (1 - d)
  var e = [Double](repeating: 0, count: 6)
  var v = e
  e[0] = q * n.reduce(0) { $0 + $1 * ($1 - 1) * ($1 - 2) }
  v[0] =
    e[0] * (1 - q)
    + n.reduce(0) { acc, x in
      acc + x * (x - 1) * (x - 2) * ((4 * x - 10) * d3 - 4 * (x - 3) * d4 + (x - 3) * d5)
    }
  e[1] = q * n.reduce(0) { $0 + $1 * (N - $1) * ($1 - 1) }
  var outer = 0.0
  for x in n {
    for y in n { outer += x * y * (x - 1) * ((2 * x + 2 * y - 6) * d3 + (N - x - 1) * d5) }
  }
  v[1] =
    e[1] * (1 - q)
    + (outer
      - n.reduce(0) { acc, x in acc + x * x * (x - 1) * ((4 * x - 6) * d3 + (N - x - 1) * d5) })
  e[2] = q * n.reduce(0) { $0 + $1 * (N - $1) * ($1 - 1) }
  v[2] =
    e[2] * (1 - q)
    + n.reduce(0) { acc, x in acc + x * (N - x) * (x - 1) * ((N - 3) * d3 + (x - 2) * d5) }
  e[3] = e[2]
  v[3] = v[2]
  var outer5 = 0.0
  for x in n { for y in n { outer5 += x * y * (N - x - y) } }
  e[4] = q * (outer5 - n.reduce(0) { $0 + $1 * $1 * (N - 2 * $1) })
  v[4] = e[4] * (1 - q)
  for i in n.indices {
    for j in n.indices {
      for k in n.indices where i != j && j != k && i != k {
        v[4] +=
          n[i] * n[j] * n[k]
          * ((4 * (N - n[j]) - 2 * (n[i] + n[k] + 1)) * d3
            - (4 * (N - n[k]) - 2 * (n[i] + n[j] + 1)) * d4 + (N - (n[i] + n[k] + 1)) * d5)
      }
    }
  }
  e[5] = q * N * (N - 1) * (N - 2)
  v[5] =
    e[5] * (1 - q) + N * (N - 1) * (N - 2) * ((4 * N - 10) * d3 - 4 * (N - 3) * d4 + (N - 3) * d5)
  return (e, v)
}

extension Network {
  /// Gould–Fernandez brokerage roles by a group attribute (see ``BrokerageRoles``), read by
  /// node index or id.
  ///
  /// - Parameters:
  ///   - attribute: the node attribute whose values are the groups.
  ///   - selection: the layers (and weight, with `trust`) to use.
  ///   - credit: whether k brokers of one pair share it (1/k each).
  ///   - trust: `nil` counts each open two-path as 1; otherwise its value from its two trusts.
  ///   - permutations: when > 0, shuffles of the group labels for the permutation p-values
  ///     (``BrokerageRoles/permutationP``).
  ///   - seed: the shuffles' seed; the same p-values on any `threads`.
  ///   - threads: how many threads share the work; the result is the same for any number.
  /// - Complexity: O(Σ_v indeg(v) · outdeg(v) · log d), times 1 + `permutations`.
  ///
  /// Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation: a formal approach to
  /// brokerage in transaction networks. *Sociological Methodology* 19, 89–126.
  /// [doi:10.2307/270949](https://doi.org/10.2307/270949)
  public func brokerageRoles(
    by attribute: String, selection: TieSelection = .all,
    credit: BrokerageRoles.PartialCredit = .none, trust: TwoPathValue? = nil,
    permutations: Int = 0, seed: UInt64 = 1,
    threads: Int = Threads.available
  ) throws -> BrokerageRoles {
    let (g, names) = try groups(by: attribute)
    let adj = try adjacency(selection)
    var roles = adj.brokerageRoles(groups: g, groupNames: names, credit: credit, trust: trust)
    roles.nodeIDs = nodes.map(\.id)
    if permutations > 0 {
      roles.permutationP = adj.brokeragePermutationPValues(
        groups: g, observed: roles.raw, permutations: permutations,
        seed: seed, credit: credit, trust: trust, threads: threads)
    }
    return roles
  }
}
