import Foundation
import Testing

@testable import Brobyggare

/// The library's front door: measures reached from `Network`, results read by name and id,
/// files by `NetworkFormat`, and the strict way to add ties. Expected values are worked by hand
/// in the comments, or are the lower-level calls the front door must agree with (those are
/// checked against R's sna, networkx and igraph in their own suites).
@Suite("The library's front door")
struct FrontDoorTests {
  /// a (A) → v (B) → c (B), no a → c: one open two-path; v shares the target's group, so it
  /// is a gatekeeper (A B B). b (A) → w (A) → c (B): w shares the source's group, a
  /// representative (A A B). Nothing else is an open two-path.
  func twoBrokers() throws -> Network {
    var net = Network(directed: true)
    for (id, group) in [("a", "A"), ("v", "B"), ("c", "B"), ("b", "A"), ("w", "A")] {
      try net.addNode(Node(id: id, attributes: ["group": .string(group)]))
    }
    for (s, t) in [("a", "v"), ("v", "c"), ("b", "w"), ("w", "c")] {
      try net.addTie(fromExisting: s, to: t)
    }
    return net
  }

  @Test func brokerageRolesReadByNameAndID() throws {
    let net = try twoBrokers()
    let roles = try net.brokerageRoles(by: "group")
    let v = try #require(roles[id: "v"])
    #expect(v.gatekeeper == 1 && v.total == 1)
    #expect(v.coordinator == 0 && v.itinerant == 0 && v.representative == 0 && v.liaison == 0)
    #expect(v.mainRole == .gatekeeper && v.group == "B" && v.id == "v")
    let w = try #require(roles[id: "w"])
    #expect(w.representative == 1 && w.total == 1 && w.mainRole == .representative)
    #expect(roles[id: "a"]?.mainRole == nil)
    #expect(roles[id: "nobody"] == nil)
    // The named fields are the columns of the arrays, role by role.
    for node in 0..<net.nodeCount {
      let p = roles[node]
      for role in BrokerageRole.allCases {
        #expect(p.counts[role] == roles.raw[role.rawValue][node])
        #expect(p.expected[role].isNaN == roles.expected[role.rawValue][node].isNaN)
        #expect(p.z[role].isNaN || p.z[role] == roles.z[role.rawValue][node])
      }
      #expect(p.total == roles.raw[5][node])
    }
    #expect(roles.networkCounts.total == 2)
    #expect(
      v.description.hasPrefix(
        "v (B): coordinator 0, itinerant 0, representative 0, gatekeeper 1, liaison 0, total 1"))
  }

  @Test func brokeragePermutationsThroughTheFrontDoor() throws {
    let net = try Network(dataset: "krackhardt")
    let selection = TieSelection(layers: ["advice"])
    let roles = try net.brokerageRoles(
      by: "department", selection: selection, permutations: 50, seed: 7, threads: 2)
    let (g, _) = try net.groups(by: "department")
    let adj = try net.adjacency(selection)
    let p = adj.brokeragePermutationPValues(
      groups: g, observed: roles.raw, permutations: 50, seed: 7, threads: 1)
    let v = try #require(net.index(of: "18"))
    #expect(roles[v].permutationP?.liaison == p[BrokerageRole.liaison.rawValue][v])
    #expect(roles[id: "18"]?.permutationP?.coordinator == p[0][v])
  }

  /// a (A) – b (A), a – c (B), undirected: one tie within (I = 1), one between (E = 1):
  /// network (E − I)/(E + I) = 0; a 0, b (only within) −1, c (only between) +1.
  @Test func eiIndexByAttribute() throws {
    var net = Network(directed: false)
    for (id, group) in [("a", "A"), ("b", "A"), ("c", "B")] {
      try net.addNode(Node(id: id, attributes: ["group": .string(group)]))
    }
    try net.addTie(fromExisting: "a", to: "b")
    try net.addTie(fromExisting: "a", to: "c")
    let ei = try net.eiIndex(by: "group")
    #expect(ei.network == 0)
    #expect(ei.nodes == [0, -1, 1])
  }

  @Test func measuresOnlyOnAdjacencyAreReachedFromNetwork() throws {
    let study = try Network(dataset: "municipality")
    let trust = TieSelection(layers: ["trust"])
    let adj = try study.adjacency(trust)
    let ids = study.nodes.map(\.id)
    let lengths = try ArcLengths(adj, transform: .hops, nodeIDs: ids)
    let (g, names) = try study.groups(by: "sector")
    #expect(
      try study.intergroupBetweenness(by: "sector", selection: trust)
        == adj.intergroupBetweenness(groups: g, lengths: lengths))
    let ei = try study.eiIndex(by: "sector", selection: trust)
    let eiAdjacency = adj.eiIndex(groups: g, groupCount: names.count)
    #expect(ei.network == eiAdjacency.network)
    #expect(zip(ei.nodes, eiAdjacency.nodes).allSatisfy { close($0, $1, 0) })
    let removed = [ids[3], ids[7]]
    #expect(
      try study.removalEffect(of: removed, groupedBy: "sector", selection: trust)
        == adj.removalEffect(of: [3, 7], groups: g))
    #expect(throws: NetworkError.unknownNode("nobody")) { try study.removalEffect(of: ["nobody"]) }
    #expect(
      try study.keyPlayers(count: 2, selection: trust)
        == adj.greedyKeyPlayers(count: 2, distanceWeighted: false))
    // NaN for isolates (0/0), so compared with NaN equal to NaN.
    let bridging = try study.bridgingCentrality(selection: trust).centrality
    let bridgingAdjacency = adj.bridgingCentrality(betweenness: adj.betweenness(lengths: lengths))
      .centrality
    #expect(
      bridging.count == bridgingAdjacency.count
        && zip(bridging, bridgingAdjacency).allSatisfy { close($0, $1, 0) })
    #expect(try study.localBridges(selection: trust) == adj.localBridges())
    var options = Robustness.Options()
    options.runs = 20
    options.perturbations = [.nodeDropout(0.2)]
    let viaNetwork = try study.robustness(options, selection: trust)
    let viaAdjacency = adj.robustness(options)
    #expect(viaNetwork.conditions[0].spearman == viaAdjacency.conditions[0].spearman)
  }

  /// Values 1, NaN, 3, 3 for ids d, c, b, a: largest first, equal values by id, NaN last.
  @Test func nodeValuesByIDAndRanked() throws {
    let values = NodeValues(ids: ["d", "c", "b", "a"], values: [1, .nan, 3, 3])
    #expect(values[id: "d"] == 1)
    #expect(values[id: "x"] == nil)
    #expect(values[2] == 3)
    let ranked = values.ranked()
    #expect(ranked.map(\.id) == ["a", "b", "d", "c"])
    #expect(values.ranked(descending: false).map(\.id) == ["d", "a", "b", "c"])
    #expect(values.description == "d\t1\nc\tNaN\nb\t3\na\t3")
    // Values equal but for rounding (0.1 + 0.2 and 0.3 differ in the last bit) are ties, in id
    // order; the values themselves come back as they are.
    let rounded = NodeValues(ids: ["c", "b", "a"], values: [1, 0.1 + 0.2, 0.3])
    #expect(rounded.ranked().map(\.id) == ["c", "a", "b"])
    #expect(rounded.ranked()[2].value == 0.1 + 0.2)
    #expect(rounded.ranked(descending: false).map(\.id) == ["a", "b", "c"])
  }

  @Test func strictAddTieRefusesUnknownIDsAndBadTrust() throws {
    var net = Network(directed: true)
    try net.addNode(Node(id: "anna"))
    try net.addNode(Node(id: "bo"))
    #expect(throws: NetworkError.unknownNodeID("Bo", differingInCase: ["bo"])) {
      try net.addTie(fromExisting: "anna", to: "Bo")
    }
    #expect(throws: NetworkError.unknownNodeID("carl", differingInCase: [])) {
      try net.addTie(fromExisting: "carl", to: "bo")
    }
    #expect(throws: NetworkError.self) { try net.addTie(fromExisting: "anna", to: "bo", trust: -1) }
    #expect(throws: NetworkError.self) {
      try net.addTie(fromExisting: "anna", to: "bo", trust: .nan)
    }
    #expect(throws: NetworkError.self) {
      try net.addTie(fromExisting: "anna", to: "bo", trust: 7, scale: 1...5)
    }
    #expect(net.tieCount == 0 && net.nodeCount == 2)
    let message = NetworkError.unknownNodeID("Bo", differingInCase: ["bo"]).description
    #expect(message == "no node has the id 'Bo'; ids that differ only in case: 'bo'")
    try net.addTie(fromExisting: "anna", to: "bo", trust: 4, scale: 1...5)
    #expect(net.tieCount == 1 && net.ties[0].trust == 4)
  }

  @Test func groupsErrorListsTheAttributes() throws {
    var net = Network(directed: false)
    try net.addNode(Node(id: "a", attributes: ["sector": .string("police"), "age": .integer(40)]))
    do {
      _ = try net.groups(by: "sectr")
      Issue.record("expected an error")
    } catch let e as NetworkError {
      #expect(e == .unknownGroupAttribute("sectr", available: ["age", "sector"]))
      #expect(
        e.description == "no node attribute is named 'sectr'; node attributes: 'age', 'sector'")
    }
  }

  @Test func writeAndReadByFormat() throws {
    var florence = try Network(dataset: "padgett")
    let b = try florence.betweenness()
    florence.setNodeAttribute("betweenness", values: b)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "brobyggare-frontdoor-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    // The format given wins over the extension.
    let path = dir.appendingPathComponent("florence.txt").path
    let lost = try florence.write(to: path, format: .graphml)
    #expect(lost.isEmpty)
    let back = try Network(contentsOf: path, format: .graphml)
    #expect(back.nodes.map { $0.attributes["betweenness"]?.number } == b.map { Optional($0) })
    #expect(throws: FormatError.self) {
      try florence.write(to: dir.appendingPathComponent("florence.unknown").path)
    }
    #expect(
      !FileManager.default.fileExists(atPath: dir.appendingPathComponent("florence.unknown").path))
  }

  @Test func renderFormats() {
    #expect(Graphviz.RenderFormat(path: "out/net.SVG") == .svg)
    #expect(Graphviz.RenderFormat(path: "net.pdf") == .pdf)
    #expect(Graphviz.RenderFormat(path: "net.jpg") == nil)
    #expect(Graphviz.formats == ["svg", "png", "pdf"])
  }

  /// The named fields and the id lookup read the arrays that StructuralHolesTests checks
  /// against igraph and networkx.
  @Test func structuralHolesByID() throws {
    let florence = try Network(dataset: "padgett")
    let holes = try florence.structuralHoles(selection: TieSelection(layers: ["marriage"]))
    let medici = try #require(florence.index(of: "Medici"))
    let byID = try #require(holes[id: "Medici"])
    #expect(byID == holes[medici])
    #expect(
      byID.constraint == holes.constraint[medici]
        && byID.effectiveSize == holes.effectiveSize[medici])
    #expect(
      byID.efficiency == holes.efficiency[medici] && byID.hierarchy == holes.hierarchy[medici])
    #expect(byID.description.hasPrefix("Medici: constraint "))
    #expect(holes[id: "nobody"] == nil)
  }
}
