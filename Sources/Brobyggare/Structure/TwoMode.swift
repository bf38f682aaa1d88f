/// Two-mode (affiliation) networks: people by organisations, or people by events.
///
/// The first mode is the people: nodes whose `kind` is `person` (unless a predicate says
/// otherwise); every other node is in the second mode (organisations, events). Only ties
/// between the two modes are read; ties within a mode are left out and counted.
public enum TwoMode {
  /// Which side a projection keeps.
  public enum Side: String, Sendable, CaseIterable {
    /// Keep the people (nodes of kind person).
    case people
    /// Keep the organisations.
    case organisations
  }

  /// How a projected tie is weighted.
  public enum Weight: String, Sendable, CaseIterable {
    /// The number of shared affiliations (networkx `weighted_projected_graph`, igraph
    /// `bipartite_projection` multiplicity).
    case shared
    /// Newman's collaboration weight: the sum over shared affiliations k of 1/(d_k − 1), d_k
    /// the number of members of k (networkx `collaboration_weighted_projected_graph`;
    /// Newman 2001, doi:10.1103/PhysRevE.64.016132).
    case newman
  }

  /// A projection, with what it left out.
  public struct Projection: Sendable {
    /// Undirected; the kept side's nodes with their attributes; trust is the weight and every
    /// tie also has `shared` (the count).
    public var network: Network
    /// Selected ties whose two ends are in the same mode, not used.
    public var sameModeTies: Int
  }

  /// The most pairs of co-members a projection builds ties for: each pair takes a tie of about
  /// 300 bytes (3,000 people in one organisation, 4,498,500 ties, took 1.37 GB), so this
  /// keeps a projection near 3 GB.
  public static let maximumProjectedPairs = 10_000_000

  /// A projection would have more pairs of co-members than `maximumProjectedPairs`.
  public struct ProjectionTooLarge: Error, Equatable, CustomStringConvertible, Sendable {
    /// Σ d_k (d_k − 1) / 2 over the other side's nodes k: an upper bound on the projected ties.
    public var pairs: Int
    /// The limit, ``TwoMode/maximumProjectedPairs``.
    public var limit: Int
    /// The other side's node with the most members, and their number.
    public var largest: String
    /// The members of that node.
    public var largestMembers: Int

    public var description: String {
      "the projection would tie \(pairs) pairs of co-members, over the limit of \(limit) "
        + "(about 300 bytes a tie); the largest, '\(largest)', has \(largestMembers) members "
        + "(\(largestMembers * (largestMembers - 1) / 2) pairs); at most \(maximumMembers(limit)) members "
        + "in one node fit: leave out the largest, or project a smaller selection"
    }

    func maximumMembers(_ limit: Int) -> Int {
      var d = Int((2 * Double(limit)).squareRoot()) + 1
      while d * (d - 1) / 2 > limit { d -= 1 }
      return d
    }
  }

  /// Boundary spanning: how many affiliations a person has and in how many sectors.
  public struct Spanning: Hashable, Sendable {
    /// The person (a node index).
    public var node: Int
    /// The organisations they are affiliated with.
    public var affiliations: Int
    /// The distinct sectors of their organisations, sorted; organisations without a sector
    /// are not among them (``unknownSectors`` counts them).
    public var sectors: [String]
    /// Their organisations that have no sector (no value, a blank one, or one written as
    /// missing: `NA`, `#N/A`), as ``GroupAssignment`` reads groups.
    public var unknownSectors: Int = 0
    /// Affiliated with organisations in two or more sectors.
    public var isBoundarySpanner: Bool { sectors.count >= 2 }
  }
}

extension Network {
  /// The affiliations: for each node, its distinct neighbours in the other mode (both
  /// directions of a tie count), and the number of selected ties within a mode.
  func affiliationLists(selection: TieSelection, isPerson: (Node) -> Bool) -> (
    lists: [[Int]], sameMode: Int
  ) {
    let person = nodes.map(isPerson)
    var lists = [[Int]](repeating: [], count: nodeCount)
    var sameMode = 0
    var seen = Set<[Int]>()
    for tie in ties where !tie.isSelfLoop {
      if let layers = selection.layers, !layers.contains(tie.layer ?? "") { continue }
      if person[tie.source] == person[tie.target] {
        sameMode += 1
        continue
      }
      let (p, o) = person[tie.source] ? (tie.source, tie.target) : (tie.target, tie.source)
      if seen.insert([p, o]).inserted {
        lists[p].append(o)
        lists[o].append(p)
      }
    }
    for i in lists.indices { lists[i].sort() }
    return (lists, sameMode)
  }

  /// The one-mode projection onto people (linked by shared organisations) or onto
  /// organisations (linked by shared people).
  ///
  /// The pairs of co-members, Σ_k d_k (d_k − 1) / 2, an upper bound on the projected ties,
  /// are counted first: over `maximumPairs` it throws `TwoMode.ProjectionTooLarge` before
  /// building anything.
  ///
  /// - Complexity: O(Σ_k d_k²) over the nodes k of the other side.
  public func projection(
    onto side: TwoMode.Side, weight: TwoMode.Weight = .shared, selection: TieSelection = .all,
    maximumPairs: Int = TwoMode.maximumProjectedPairs,
    isPerson: (Node) -> Bool = { $0.kind == .person }
  ) throws -> TwoMode.Projection {
    let (lists, sameMode) = affiliationLists(selection: selection, isPerson: isPerson)
    let keepPeople = side == .people
    var pairs = 0
    var largest = -1
    for (k, node) in nodes.enumerated() where isPerson(node) != keepPeople {
      let d = lists[k].count
      pairs += d * (d - 1) / 2
      if largest < 0 || d > lists[largest].count { largest = k }
    }
    if pairs > maximumPairs {
      throw TwoMode.ProjectionTooLarge(
        pairs: pairs, limit: maximumPairs, largest: nodes[largest].id,
        largestMembers: lists[largest].count)
    }
    var result = Network(directed: false)
    result.nodeAttributes = nodeAttributes
    result.declareTieAttribute(AttributeDeclaration(name: "shared", type: .integer))
    result.attributes = attributes
    result.networkAttributes = networkAttributes
    result.nodeIDType = nodeIDType
    var newIndex = [Int](repeating: -1, count: nodeCount)
    for (i, node) in nodes.enumerated() where isPerson(node) == keepPeople {
      newIndex[i] = try result.addNode(node)
    }
    // Each kept node's co-members with a higher index, accumulated in dense scratch arrays:
    // ties come out ordered by (u, v), and each pair's Newman weight sums its shared nodes in
    // index order.
    var count = [Int](repeating: 0, count: nodeCount)
    var newman = [Double](repeating: 0, count: nodeCount)
    var touched: [Int] = []
    for u in nodes.indices where newIndex[u] >= 0 {
      for k in lists[u] {
        let members = lists[k]
        guard members.count >= 2 else { continue }
        let w = 1 / Double(members.count - 1)
        for v in members where v > u {
          if count[v] == 0 { touched.append(v) }
          count[v] += 1
          newman[v] += w
        }
      }
      touched.sort()
      for v in touched {
        result.addTie(
          Tie(
            source: newIndex[u], target: newIndex[v],
            trust: weight == .shared ? Double(count[v]) : newman[v],
            attributes: ["shared": .integer(count[v])]))
        count[v] = 0
        newman[v] = 0
      }
      touched.removeAll(keepingCapacity: true)
    }
    result.trustAttributeName = "weight"
    // Shared counts are whole numbers, and written as such (GraphML long, CSV 2 not 2.0).
    result.trustType = weight == .shared ? .integer : .double
    return TwoMode.Projection(network: result, sameModeTies: sameMode)
  }

  /// For each person: their affiliations and the sectors of those organisations (by the node
  /// attribute `sector`). People tied to organisations in two or more sectors are boundary
  /// spanners.
  public func boundarySpanning(
    sector attribute: String = "sector", selection: TieSelection = .all,
    isPerson: (Node) -> Bool = { $0.kind == .person }
  ) throws -> [TwoMode.Spanning] {
    guard
      nodeAttributes.contains(where: { $0.name == attribute })
        || nodes.contains(where: { $0.attributes[attribute] != nil })
    else {
      throw NetworkError.unknownNodeAttribute(attribute)
    }
    let (lists, _) = affiliationLists(selection: selection, isPerson: isPerson)
    // Sectors read as groups are: trimmed, and a missing value is no sector.
    let assignment = try groupAssignment(by: attribute)
    return nodes.indices.filter { isPerson(nodes[$0]) }.map { p in
      let groups = lists[p].map { assignment.groups[$0] }
      let sectors = Set(groups.filter { $0 >= 0 }.map { assignment.names[$0] }).sorted()
      return TwoMode.Spanning(
        node: p, affiliations: lists[p].count, sectors: sectors,
        unknownSectors: groups.filter { $0 < 0 }.count)
    }
  }
}
