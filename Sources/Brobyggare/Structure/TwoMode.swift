/// Two-mode (affiliation) networks: people by organisations, or people by events.
///
/// The first mode is the people: nodes whose `kind` is `person` (unless a predicate says
/// otherwise); every other node is in the second mode (organisations, events). Only ties
/// between the two modes are read; ties within a mode are left out and counted.
public enum TwoMode {
  /// Which side a projection keeps.
  public enum Side: String, Sendable, CaseIterable {
    case people, organisations
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

  /// Boundary spanning: how many affiliations a person has and in how many sectors.
  public struct Spanning: Hashable, Sendable {
    public var node: Int
    public var affiliations: Int
    /// The distinct sectors of their organisations, sorted; a missing sector is `(missing)`.
    public var sectors: [String]
    /// Affiliated with organisations in two or more sectors.
    public var isBoundarySpanner: Bool { sectors.filter { $0 != "(missing)" }.count >= 2 }
  }
}

extension Network {
  /// The affiliations: for each node, its distinct neighbours in the other mode (both
  /// directions of a tie count), and the number of selected ties within a mode.
  func affiliationLists(selection: TieSelection, isPerson: (Node) -> Bool) -> (lists: [[Int]], sameMode: Int) {
    let person = nodes.map(isPerson)
    var lists = [[Int]](repeating: [], count: nodeCount)
    var sameMode = 0
    var seen = Set<[Int]>()
    for tie in ties where !tie.isSelfLoop {
      if let layers = selection.layers, !layers.contains(tie.layer ?? "") { continue }
      if person[tie.source] == person[tie.target] { sameMode += 1; continue }
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
  /// - Complexity: O(Σ_k d_k²) over the nodes k of the other side.
  public func projection(onto side: TwoMode.Side, weight: TwoMode.Weight = .shared, selection: TieSelection = .all,
                         isPerson: (Node) -> Bool = { $0.kind == .person }) throws -> TwoMode.Projection {
    let (lists, sameMode) = affiliationLists(selection: selection, isPerson: isPerson)
    let keepPeople = side == .people
    var result = Network(directed: false)
    result.nodeAttributes = nodeAttributes
    result.declareTieAttribute(AttributeDeclaration(name: "shared", type: .integer))
    result.attributes = attributes
    result.networkAttributes = networkAttributes
    var newIndex = [Int](repeating: -1, count: nodeCount)
    for (i, node) in nodes.enumerated() where isPerson(node) == keepPeople {
      newIndex[i] = try result.addNode(node)
    }
    var shared: [Int: (count: Int, newman: Double)] = [:]  // key u * n + v, u < v (old indices)
    let n = nodeCount
    for (k, node) in nodes.enumerated() where isPerson(node) != keepPeople {
      let members = lists[k]
      guard members.count >= 2 else { continue }
      let w = 1 / Double(members.count - 1)
      for x in 0..<members.count {
        for y in (x + 1)..<members.count {
          let key = members[x] * n + members[y]
          let old = shared[key] ?? (0, 0)
          shared[key] = (old.count + 1, old.newman + w)
        }
      }
    }
    for key in shared.keys.sorted() {
      let (u, v) = (key / n, key % n)
      let s = shared[key]!
      result.addTie(Tie(source: newIndex[u], target: newIndex[v], trust: weight == .shared ? Double(s.count) : s.newman,
                        attributes: ["shared": .integer(s.count)]))
    }
    result.trustAttributeName = "weight"
    return TwoMode.Projection(network: result, sameModeTies: sameMode)
  }

  /// For each person: their affiliations and the sectors of those organisations (by the node
  /// attribute `sector`). People tied to organisations in two or more sectors are boundary
  /// spanners.
  public func boundarySpanning(sector attribute: String = "sector", selection: TieSelection = .all,
                               isPerson: (Node) -> Bool = { $0.kind == .person }) throws -> [TwoMode.Spanning] {
    guard nodeAttributes.contains(where: { $0.name == attribute }) || nodes.contains(where: { $0.attributes[attribute] != nil }) else {
      throw NetworkError.unknownNodeAttribute(attribute)
    }
    let (lists, _) = affiliationLists(selection: selection, isPerson: isPerson)
    return nodes.indices.filter { isPerson(nodes[$0]) }.map { p in
      let sectors = Set(lists[p].map { nodes[$0].attributes[attribute]?.description ?? "(missing)" }).sorted()
      return TwoMode.Spanning(node: p, affiliations: lists[p].count, sectors: sectors)
    }
  }
}
