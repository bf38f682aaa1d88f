import Foundation

/// What the measures of a personal network read: the group attribute, the strength attribute,
/// the ties, and the number of categories the IQV divides by.
public struct PersonalNetworkOptions: Sendable, Hashable {
  /// The alter attribute that makes the groups; `nil` leaves the composition measures and
  /// brokerage roles out (NaN).
  public var group: String?
  /// The ego attribute that gives ego's group, for the ego-alter E-I index and ego's brokerage
  /// roles (egor's `comp_ei` names the two apart); `nil` reads ego's attribute named ``group``.
  public var egoGroup: String?
  /// The alter attribute that says how strong ego's tie to the alter is (closeness, how often
  /// they meet); `nil` leaves the mean tie strength out (NaN).
  public var strength: String?
  /// The alter-alter ties read (layers); trust is not read by any measure here.
  public var selection: TieSelection
  /// K, the number of categories the IQV divides by; `nil` takes the categories present among
  /// this ego's alters. ``PersonalNetworks/measures(_:)`` sets it to the categories present
  /// among all the study's alters.
  public var categories: Int?
  /// Whether the group attribute is a multiple-choice answer whose chosen options are joined
  /// with `|` (`police|school`): the categories are then the single options, and an alter that
  /// chose m of them counts 1/m in each for ``PersonalNetworkMeasures/groupsPresent``,
  /// ``PersonalNetworkMeasures/blau`` and ``PersonalNetworkMeasures/iqv`` (so every alter
  /// weighs 1 and the IQV stays within 0…1). ``PersonalNetworks/measures(_:)`` sets it for the
  /// attributes read as Network Canvas categoricals.
  public var multipleChoice: Bool

  /// Options; everything left out is off (no group, no strength, every layer).
  public init(
    group: String? = nil, egoGroup: String? = nil, strength: String? = nil,
    selection: TieSelection = .all,
    categories: Int? = nil, multipleChoice: Bool = false
  ) {
    self.group = group
    self.egoGroup = egoGroup
    self.strength = strength
    self.selection = selection
    self.categories = categories
    self.multipleChoice = multipleChoice
  }
}

/// The measures of one personal network (ego network).
///
/// Structure, among the alters (ego not a node):
/// - ``size``: the number of alters, n.
/// - ``ties``: alter-alter ties on the simple graph (undirected ties once, directed ties each).
/// - ``density``: ties / possible pairs, n(n−1)/2 undirected or n(n−1) directed (egor's
///   `ego_density`); NaN below two alters.
/// - ``components``: weak components among the alters; ``isolates``: alters tied to no other
///   alter (Crossley et al. 2015, ch. 6). Both 0 without alters.
///
/// Structural holes, with ego as a node tied to every alter (``PersonalNetwork/withEgoAsNode(tieAttributes:)``)
/// and every tie counting 1 (egor's `ego_constraint` default): ego's ``effectiveSize``,
/// ``efficiency`` and ``constraint`` as ``StructuralHoles`` defines them (Burt 1992). NaN
/// without alters; one alter gives effective size 1, efficiency 1, constraint 1.
///
/// Composition by the group attribute, over the alters with a group (``groupedAlters`` = N;
/// alters without one are left out and counted in ``ungroupedAlters``, as
/// ``GroupAssignment`` reads missing values):
/// - ``groupsPresent``: the categories among them (egor's `alts_diversity_count`).
/// - ``blau``: Blau's heterogeneity 1 − Σ_k p_k², p_k the share of the N alters in group k
///   (Blau 1977). 0 when all share a group; NaN when N = 0.
/// - ``iqv``: the index of qualitative variation, Blau / (1 − 1/K), with K from
///   ``PersonalNetworkOptions/categories`` (for a study: the categories present among all its
///   alters, as is common practice, Agresti & Agresti 1978). 1 when the N alters are spread
///   evenly over all K categories; NaN when N = 0 or K ≤ 1.
///   For a multiple-choice group (``PersonalNetworkOptions/multipleChoice``, as Network Canvas
///   exports a categorical with several options chosen: `police|school`) the categories are
///   the single options and an alter that chose m of them counts 1/m in each, in
///   ``groupsPresent``, ``blau`` and the IQV; the E-I index, Yule's Q and the brokerage roles
///   compare the answers whole.
/// - ``egoAlterEI``: (E − I) / (E + I), E the alters whose group differs from ego's and I those
///   in ego's group (egor's `comp_ei`, Krackhardt & Stern 1988). −1 when every alter shares
///   ego's group; NaN when ego has no group or N = 0.
/// - ``yulesQ``: Yule's Q for homophily among the alters, from the 2×2 table of the pairs of
///   grouped alters (ordered pairs on a directed network): a = same group and tied,
///   b = different groups and tied, c = same group and not tied, d = different groups and not
///   tied; Q = (ad − bc) / (ad + bc) (Borgatti, Everett & Johnson 2013, ch. 15, the per-node
///   form of their `yules_q`). +1 when alters tie only within groups; NaN when ad + bc = 0
///   (no pairs, or a row or column of the table empty). egor has no Yule's Q.
///
/// ``meanStrength``: the mean of the strength attribute over the alters with a numeric value
/// (``strengthCount`` of them); NaN when none has one.
///
/// Brokerage: ego's Gould–Fernandez roles among its alters, counted as ``BrokerageRoles``
/// counts them on the network with ego as a node (groups from the group attribute; ego's from
/// ego's attribute). Every pair of alters not tied to each other (a → c absent, on a
/// directed network) is a two-path ego brokers; a pair of which an alter has no group is left
/// out. On an undirected network a pair whose one end shares ego's group counts half
/// representative, half gatekeeper. NaN when ego has no group or there is no group
/// attribute; 0 when there is nothing to broker.
///
/// Blau, P. M. (1977). *Inequality and Heterogeneity*. Free Press.
/// Agresti, A. & Agresti, B. F. (1978). Statistical analysis of qualitative variation.
/// *Sociological Methodology* 9, 204–237. [doi:10.2307/270810](https://doi.org/10.2307/270810)
/// Borgatti, S. P., Everett, M. G. & Johnson, J. C. (2013). *Analyzing Social Networks*. SAGE.
/// Crossley, N. et al. (2015). *Social Network Analysis for Ego-Nets*. SAGE.
/// [doi:10.4135/9781473911871](https://doi.org/10.4135/9781473911871)
/// Krenz, T. et al. egor: Import and Analyse Ego-Centered Network Data, R package 1.24.2.
public struct PersonalNetworkMeasures: Sendable, Equatable {
  /// The number of alters.
  public var size: Int
  /// Ties among the alters.
  public var ties: Int
  /// Ties among the alters over the possible pairs; NaN below two alters.
  public var density: Double
  /// Components among the alters (weak on a directed network).
  public var components: Int
  /// Alters tied to no other alter.
  public var isolates: Int
  /// Burt's effective size with ego as a node, unweighted.
  public var effectiveSize: Double
  /// Effective size over the number of alters.
  public var efficiency: Double
  /// Burt's constraint on ego, unweighted.
  public var constraint: Double
  /// N: alters with a group.
  public var groupedAlters: Int
  /// Alters without a group, left out of the composition measures.
  public var ungroupedAlters: Int
  /// Ego's group, `nil` when ego has none (or no group attribute was given).
  public var egoGroup: String?
  /// The groups among the N alters.
  public var groupsPresent: Int
  /// Blau's heterogeneity 1 − Σ_k p_k².
  public var blau: Double
  /// The index of qualitative variation, Blau / (1 − 1/K).
  public var iqv: Double
  /// The ego-alter E-I index (E − I) / (E + I).
  public var egoAlterEI: Double
  /// Yule's Q (ad − bc) / (ad + bc) of the alter pairs, same group × tied.
  public var yulesQ: Double
  /// The mean of the strength attribute over the alters that have one.
  public var meanStrength: Double
  /// The alters with a numeric strength.
  public var strengthCount: Int
  /// Ego's counts in the five roles, in ``BrokerageRole`` order (see ``brokerage(_:)``).
  public var brokerageCounts: [Double]

  /// Ego's count in one Gould–Fernandez role.
  public func brokerage(_ role: BrokerageRole) -> Double { brokerageCounts[role.rawValue] }
  /// The pairs of alters ego brokers, all roles together.
  public var brokerageTotal: Double { brokerageCounts.reduce(0, +) }
}

extension PersonalNetwork {
  /// The measures of this personal network (see ``PersonalNetworkMeasures``).
  ///
  /// - Throws: ``NetworkError/invalidWeight(tie:ends:value:reason:)`` for a tie whose trust is not
  ///   a weight. A layer or attribute that no alter has gives no ties or missing values, not an
  ///   error: one ego's network may lack what another's has.
  /// - Complexity: O(n² + n·m) for n alters and m alter-alter ties (the pairs of alters are
  ///   read once for Yule's Q; Burt's measures and the roles read two-paths).
  public func measures(_ options: PersonalNetworkOptions = .init()) throws(NetworkError)
    -> PersonalNetworkMeasures
  {
    let chosen = alters.keepingTies(options.selection)
    let adjacency = try chosen.adjacency()
    let n = alters.nodeCount
    var result = PersonalNetworkMeasures(
      size: n, ties: adjacency.tieCount, density: adjacency.density, components: 0, isolates: 0,
      effectiveSize: .nan, efficiency: .nan, constraint: .nan, groupedAlters: 0, ungroupedAlters: n,
      egoGroup: nil,
      groupsPresent: 0, blau: .nan, iqv: .nan, egoAlterEI: .nan, yulesQ: .nan, meanStrength: .nan,
      strengthCount: 0,
      brokerageCounts: [Double](repeating: .nan, count: 5))

    let components = adjacency.weakComponents
    result.components = components.count
    result.isolates =
      (0..<n).filter { v in
        adjacency.successors(of: v).isEmpty && adjacency.predecessors(of: v).isEmpty
      }.count

    let withEgo = PersonalNetwork(ego: ego, egoAttributes: egoAttributes, alters: chosen)
      .withEgoAsNode()
    let egoAdjacency = try withEgo.adjacency()
    let holes = egoAdjacency.structuralHoles(weighted: false)
    result.effectiveSize = holes.effectiveSize[n]
    result.efficiency = holes.efficiency[n]
    result.constraint = holes.constraint[n]

    if let attribute = options.strength {
      var sum = 0.0
      for node in alters.nodes {
        if let x = strengthValue(node.attributes[attribute]) {
          sum += x
          result.strengthCount += 1
        }
      }
      if result.strengthCount > 0 {
        let count = Double(result.strengthCount)
        // The sum of large strengths can overflow where their mean does not: divided first then.
        result.meanStrength =
          sum.isFinite
          ? sum / count
          : alters.nodes.reduce(0) {
            $0 + (strengthValue($1.attributes[attribute]).map { $0 / count } ?? 0)
          }
      }
    }

    guard let attribute = options.group else { return result }
    var labels = groupLabels(of: withEgo, attribute)
    if let egoAttribute = options.egoGroup, egoAttribute != attribute {
      labels[n] = egoGroup(by: egoAttribute)
    }
    let alterLabels = labels.prefix(n)
    result.egoGroup = labels[n]
    let grouped = alterLabels.compactMap { $0 }
    result.groupedAlters = grouped.count
    result.ungroupedAlters = n - grouped.count
    // Each alter's share of its group: 1, or 1/m in each of m options chosen.
    var counts: [String: Double] = [:]
    for g in grouped {
      let chosen = options.multipleChoice ? multipleChoiceOptions(g) : [g]
      for o in chosen { counts[o, default: 0] += 1 / Double(chosen.count) }
    }
    result.groupsPresent = counts.count
    if !grouped.isEmpty {
      let total = Double(grouped.count)
      result.blau = 1 - counts.values.sorted().reduce(0) { $0 + ($1 / total) * ($1 / total) }
      let k = options.categories ?? counts.count
      result.iqv = k > 1 ? result.blau / (1 - 1 / Double(k)) : .nan
    }
    if let mine = result.egoGroup, !grouped.isEmpty {
      let inside = grouped.filter { $0 == mine }.count
      let outside = grouped.count - inside
      result.egoAlterEI = Double(outside - inside) / Double(outside + inside)
    }
    result.yulesQ = yulesQ(adjacency, labels: Array(alterLabels))

    if result.egoGroup != nil {
      // Group indices for the network with ego: one per distinct label, −1 for none.
      let names = Array(Set(labels.compactMap { $0 })).sorted()
      let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
      let groups = labels.map { $0.map { index[$0]! } ?? -1 }
      let roles = egoAdjacency.brokerageCounts(groups: groups)
      result.brokerageCounts = roles.map { $0[n] }
    }
    return result
  }

  /// Ego's group by one of ego's attributes, read as ``Network/groupAssignment(by:)`` reads a
  /// group (trimmed; blank and `NA` are none).
  ///
  /// - Complexity: O(a) in ego's attributes.
  public func egoGroup(by attribute: String) -> String? {
    var one = Network(directed: false)
    _ = try? one.addNode(Node(id: "ego", attributes: egoAttributes))
    return groupLabels(of: one, attribute)[0]
  }

  /// Yule's Q over the pairs of alters that both have a group (see ``PersonalNetworkMeasures``).
  func yulesQ(_ adjacency: Adjacency, labels: [String?]) -> Double {
    var a = 0.0
    var b = 0.0
    var c = 0.0
    var d = 0.0
    let n = adjacency.nodeCount
    for i in 0..<n {
      guard let gi = labels[i] else { continue }
      for j in (adjacency.isDirected ? 0 : i + 1)..<n where j != i {
        guard let gj = labels[j] else { continue }
        let tied = adjacency.hasArc(from: i, to: j)
        switch (gi == gj, tied) {
        case (true, true): a += 1
        case (false, true): b += 1
        case (true, false): c += 1
        case (false, false): d += 1
        }
      }
    }
    let den = a * d + b * c
    return den > 0 ? (a * d - b * c) / den : .nan
  }
}

/// The options of a multiple-choice answer (`police|school`), each trimmed, empty ones left out;
/// the answer itself when it has no other.
func multipleChoiceOptions(_ answer: String) -> [String] {
  let parts = answer.split(separator: "|").map { trimmingWhitespace(String($0), newlines: true) }
    .filter { !$0.isEmpty }
  return parts.isEmpty ? [answer] : Array(Set(parts)).sorted()
}

/// A strength value as a number: integers and doubles, and text that reads as a finite number;
/// `nil` for a missing value or one written as missing (`NA`).
func strengthValue(_ value: AttributeValue?) -> Double? {
  switch value {
  case .integer(let i)?: return Double(i)
  case .double(let d)?: return d.isFinite ? d : nil
  case .string(let s)?:
    let t = trimmingWhitespace(s, newlines: true)
    if t.isEmpty || GroupAssignment.missingSpellings.contains(t) { return nil }
    return parseDouble(t).flatMap { $0.isFinite ? $0 : nil }
  default: return nil
  }
}

/// Each node's group label as ``Network/groupAssignment(by:)`` reads it; all `nil` when no node
/// has the attribute.
func groupLabels(of network: Network, _ attribute: String) -> [String?] {
  guard let a = try? network.groupAssignment(by: attribute) else {
    return [String?](repeating: nil, count: network.nodeCount)
  }
  return a.groups.map { $0 < 0 ? nil : a.names[$0] }
}

extension Network {
  /// The network with only the ties the selection's layers keep (all nodes kept, trust and
  /// attributes as they were).
  func keepingTies(_ selection: TieSelection) -> Network {
    if selection.layers == nil && selection.excludedLayers.isEmpty { return self }
    var net = Network(directed: isDirected)
    net.nodeAttributes = nodeAttributes
    net.tieAttributes = tieAttributes
    net.attributes = attributes
    net.nodeIDType = nodeIDType
    for node in nodes { _ = try? net.addNode(node) }
    for tie in ties where selection.includes(layer: tie.layer) { net.addTie(tie) }
    return net
  }
}
