import Foundation
import Testing

@testable import Brobyggare

/// egor (R) cannot be installed here (Debian has no r-cran-egor and CRAN is not reachable), so
/// the values egor defines (ego_density, comp_ei, alts_diversity_count, ego_constraint) are
/// worked by hand from egor 1.24.2's definitions on small cases below, and cross-checked with
/// networkx 3.6.1 on named graphs (Fixtures/reference/personal_networks.json, written by
/// Scripts/personal_network_reference.py).
@Suite("Personal networks")
struct PersonalNetworkTests {
  /// Ego (group w) named four alters: 1 and 2 (w), 3 and 4 (m), with closeness 5, 3, 4, 1;
  /// the alters 1–2 and 3–4 know each other.
  static func fourAlters() throws -> PersonalNetwork {
    var alters = Network(directed: false)
    for (id, sex, closeness) in [("1", "w", 5), ("2", "w", 3), ("3", "m", 4), ("4", "m", 1)] {
      try alters.addNode(
        Node(id: id, attributes: ["sex": .string(sex), "closeness": .integer(closeness)]))
    }
    alters.addTie(from: "1", to: "2")
    alters.addTie(from: "3", to: "4")
    return PersonalNetwork(ego: "e", egoAttributes: ["sex": .string("w")], alters: alters)
  }

  @Test func handWorkedFourAlters() throws {
    let m = try Self.fourAlters().measures(
      PersonalNetworkOptions(group: "sex", strength: "closeness"))
    #expect(m.size == 4 && m.ties == 2)
    #expect(close(m.density, 2.0 / 6))  // 2 ties of 4·3/2 = 6 pairs (egor's ego_density)
    #expect(m.components == 2 && m.isolates == 0)  // {1,2} and {3,4}
    // Effective size n − 2t/n = 4 − 2·2/4 = 3 (Borgatti 1997); efficiency 3/4.
    #expect(close(m.effectiveSize, 3) && close(m.efficiency, 0.75))
    // Constraint: p_ej = 1/4 for each alter; alter 2's contacts are ego and 1, so p_21 = 1/2;
    // c_e1 = (1/4 + 1/4 · 1/2)² = 9/64, the same for each alter: C = 4 · 9/64 = 0.5625.
    #expect(close(m.constraint, 0.5625))
    // Blau 1 − (½² + ½²) = 0.5; K = 2 categories here, IQV = 0.5 / (1 − ½) = 1.
    #expect(close(m.blau, 0.5) && close(m.iqv, 1) && m.groupsPresent == 2)
    // Ego is w: I = 2 (alters 1, 2), E = 2 (3, 4): (2 − 2)/4 = 0 (egor's comp_ei).
    #expect(m.egoGroup == "w" && close(m.egoAlterEI, 0))
    // Pairs: 1–2 and 3–4 same and tied (a = 2); the 4 cross pairs different and untied (d = 4);
    // b = c = 0: Q = (2·4 − 0)/(2·4 + 0) = 1.
    #expect(close(m.yulesQ, 1))
    #expect(close(m.meanStrength, (5 + 3 + 4 + 1) / 4.0) && m.strengthCount == 4)
    // Ego brokers the 4 untied pairs, each w (ego w) → m: one end shares ego's group, so on an
    // undirected network half representative, half gatekeeper: 2 and 2.
    #expect(m.brokerage(.representative) == 2 && m.brokerage(.gatekeeper) == 2)
    #expect(
      m.brokerage(.coordinator) == 0 && m.brokerage(.itinerant) == 0 && m.brokerage(.liaison) == 0)
    #expect(m.brokerageTotal == 4)
  }

  /// IQV with K from the study: 3 categories, these alters in 2 of them evenly: 0.5 / (1 − 1/3) = 0.75.
  @Test func iqvDividesByTheStudysCategories() throws {
    let m = try Self.fourAlters().measures(PersonalNetworkOptions(group: "sex", categories: 3))
    #expect(close(m.iqv, 0.75))
  }

  /// A multiple-choice group (Network Canvas categorical, several options joined with `|`):
  /// alters police, police|school, school, social. The categories are the three single options;
  /// the alter with two counts ½ in each. Shares: police 1.5/4, school 1.5/4, social 1/4;
  /// Blau = 1 − (0.375² + 0.375² + 0.25²) = 1 − 0.34375 = 0.65625; K = 3,
  /// IQV = 0.65625 / (1 − 1/3) = 0.984375 (by hand). Counting `police|school` as a fourth
  /// category gave Blau 0.75, K 4 and IQV 1.
  @Test func multipleChoiceGroupsCountInEachOption() throws {
    var alters = Network(directed: false)
    for (id, g) in [("1", "police"), ("2", "police|school"), ("3", "school"), ("4", "social")] {
      try alters.addNode(Node(id: id, attributes: ["agency": .string(g)]))
    }
    var study = PersonalNetworks([PersonalNetwork(ego: "e", alters: alters)])
    study.multipleChoiceAttributes = ["agency"]
    #expect(study.categories(of: "agency") == ["police", "school", "social"])
    let m = try study.measures(PersonalNetworkOptions(group: "agency"))[0]
    #expect(m.groupsPresent == 3 && m.groupedAlters == 4)
    #expect(close(m.blau, 0.65625))
    #expect(close(m.iqv, 0.984375))
    // Not a multiple-choice attribute: the answer is one category, as before.
    study.multipleChoiceAttributes = []
    let plain = try study.measures(PersonalNetworkOptions(group: "agency"))[0]
    #expect(plain.groupsPresent == 4 && close(plain.iqv, 1))
  }

  /// Ego's group under another name than the alters' (egor's comp_ei(object, alt.attr, ego.attr)):
  /// ego m by `ego_sex`: I = 2 (alters 3, 4), E = 2: E-I 0; brokering w → m pairs, ego in the
  /// target's group: again half representative, half gatekeeper on an undirected network.
  @Test func egoGroupNamedApart() throws {
    var p = try Self.fourAlters()
    p.egoAttributes = ["ego_sex": .string("m")]
    let m = try p.measures(PersonalNetworkOptions(group: "sex", egoGroup: "ego_sex"))
    #expect(m.egoGroup == "m" && close(m.egoAlterEI, 0) && m.brokerageTotal == 4)
    let none = try p.measures(PersonalNetworkOptions(group: "sex"))  // ego has no 'sex'
    #expect(none.egoGroup == nil && none.egoAlterEI.isNaN && none.brokerageTotal.isNaN)
  }

  /// Relabelling and reordering the alters changes no measure.
  @Test func alterOrderChangesNothing() throws {
    let p = try Self.fourAlters()
    var reordered = Network(directed: false)
    for (old, new) in [("4", "d"), ("2", "b"), ("3", "c"), ("1", "a")] {
      try reordered.addNode(Node(id: new, attributes: p.alters[id: old]!.attributes))
    }
    reordered.addTie(from: "d", to: "c")
    reordered.addTie(from: "b", to: "a")
    let options = PersonalNetworkOptions(group: "sex", strength: "closeness")
    let (x, y) = (
      try p.measures(options),
      try PersonalNetwork(ego: "e", egoAttributes: p.egoAttributes, alters: reordered).measures(
        options)
    )
    for measure in PersonalNetworkMeasure.allCases {
      #expect(close(measure.value(in: x), measure.value(in: y)), "\(measure.rawValue)")
    }
  }

  @Test func noAltersAndOneAlter() throws {
    let none = try PersonalNetwork(
      ego: "e", egoAttributes: ["g": .string("x")], alters: Network(directed: false)
    )
    .measures(PersonalNetworkOptions(group: "g", strength: "s"))
    #expect(none.size == 0 && none.components == 0 && none.isolates == 0)
    // 0/0 pairs, no contacts, no grouped alters: NaN; a count of nothing brokered is 0.
    for x in [
      none.density, none.effectiveSize, none.efficiency, none.constraint, none.blau, none.iqv,
      none.egoAlterEI, none.yulesQ, none.meanStrength,
    ] {
      #expect(x.isNaN)
    }
    #expect(none.brokerageTotal == 0)

    var one = Network(directed: false)
    try one.addNode(Node(id: "a", attributes: ["g": .string("y"), "s": .double(2.5)]))
    let m = try PersonalNetwork(ego: "e", egoAttributes: ["g": .string("x")], alters: one).measures(
      PersonalNetworkOptions(group: "g", strength: "s"))
    #expect(m.density.isNaN)  // one alter: no pair
    #expect(m.components == 1 && m.isolates == 1)
    // p = 1 and nothing indirect: effective size 1, efficiency 1, constraint 1² = 1.
    #expect(m.effectiveSize == 1 && m.efficiency == 1 && m.constraint == 1)
    #expect(m.blau == 0)  // one group: 1 − 1²
    #expect(m.iqv.isNaN)  // K = 1 category: 0/0
    #expect(m.egoAlterEI == 1)  // E = 1, I = 0
    #expect(m.yulesQ.isNaN)  // no pairs
    #expect(m.meanStrength == 2.5)
    #expect(m.brokerageTotal == 0)
  }

  /// Alters whose group is missing, blank or `NA` are left out and counted; an ego without a
  /// group has no E-I index and no roles (NaN).
  @Test func missingGroups() throws {
    var alters = Network(directed: false)
    let values: [AttributeValue?] = [.string("a"), .string("NA"), nil, .string(" "), .string("b")]
    for (i, v) in values.enumerated() {
      try alters.addNode(Node(id: "\(i)", attributes: v.map { ["g": $0] } ?? [:]))
    }
    let p = PersonalNetwork(ego: "e", egoAttributes: ["g": .string("a")], alters: alters)
    let m = try p.measures(PersonalNetworkOptions(group: "g"))
    #expect(m.groupedAlters == 2 && m.ungroupedAlters == 3)
    #expect(close(m.blau, 0.5))  // a and b: 1 − (½² + ½²)
    #expect(close(m.egoAlterEI, 0))  // I = 1 (a), E = 1 (b)
    // The one pair of grouped alters (a, b) is untied and of different groups: d = 1, Q = 0/0.
    #expect(m.yulesQ.isNaN)
    // Ego brokers the pair (a, b) only: a a b, half representative, half gatekeeper.
    #expect(m.brokerageTotal == 1 && m.brokerage(.representative) == 0.5)

    let noEgoGroup = try PersonalNetwork(
      ego: "e", egoAttributes: ["g": .string("NA")], alters: alters
    ).measures(PersonalNetworkOptions(group: "g"))
    #expect(
      noEgoGroup.egoGroup == nil && noEgoGroup.egoAlterEI.isNaN && noEgoGroup.brokerageTotal.isNaN)
    #expect(close(noEgoGroup.blau, 0.5))  // the alters' composition does not need ego's group
  }

  /// Directed alter ties: density over n(n−1) ordered pairs; Yule's Q over ordered pairs; ego
  /// tied both ways brokers each ordered pair (a, c) without a → c.
  @Test func directedAlters() throws {
    var alters = Network(directed: true)
    for (id, g) in [("1", "x"), ("2", "x"), ("3", "y")] {
      try alters.addNode(Node(id: id, attributes: ["g": .string(g)]))
    }
    alters.addTie(from: "1", to: "2")
    let m = try PersonalNetwork(ego: "e", egoAttributes: ["g": .string("x")], alters: alters)
      .measures(PersonalNetworkOptions(group: "g"))
    #expect(close(m.density, 1.0 / 6))  // 1 arc of 3·2
    #expect(m.components == 2 && m.isolates == 1)
    // Ordered pairs: 1→2 same, tied (a = 1); 2→1 same, untied (c = 1); the four pairs with 3
    // different, untied (d = 4); b = 0: Q = (1·4 − 0)/(4 + 0) = 1.
    #expect(close(m.yulesQ, 1))
    // Ego (x) brokers the 5 ordered pairs without an arc: 2→1 (x x x coordinator), 1→3 and
    // 2→3 (x x y representative), 3→1 and 3→2 (y x x gatekeeper).
    #expect(
      m.brokerage(.coordinator) == 1 && m.brokerage(.representative) == 2
        && m.brokerage(.gatekeeper) == 2)
    #expect(m.brokerageTotal == 5)
  }

  // MARK: Against networkx 3.6.1

  struct Fixture {
    var name: String
    var network: Network
    var groups: Set<String>
    var measures: [String: [String: Double]]
  }

  static func fixtures() throws -> [Fixture] {
    let json =
      try JSONSerialization.jsonObject(with: fixtureData("reference/personal_networks.json"))
      as! [String: Any]
    #expect(json["networkx"] as? String == "3.6.1")
    return (json["networks"] as! [[String: Any]]).map { entry in
      var net = Network(directed: entry["directed"] as! Bool)
      let groups = entry["groups"] as? [String: String]
      for id in entry["nodes"] as! [String] {
        try! net.addNode(
          Node(id: id, attributes: groups.map { ["group": .string($0[id]!)] } ?? [:]))
      }
      for pair in entry["ties"] as! [[String]] { net.addTie(from: pair[0], to: pair[1]) }
      let measures = (entry["measures"] as! [String: [String: Any]]).mapValues { row in
        row.mapValues { ($0 as? NSNumber)?.doubleValue ?? .nan }
      }
      return Fixture(
        name: entry["name"] as! String, network: net, groups: Set(groups?.values ?? [:].values),
        measures: measures)
    }
  }

  /// Each ego network keeps the whole network's trust type, so that integer trust (read from
  /// networkx's JSON, say) is written back as integers from an ego network too.
  @Test func egoNetworksKeepTheTrustType() throws {
    for type in [AttributeType.integer, .double] {
      var net = Network(directed: false)
      net.addTie(from: "a", to: "b", trust: 2)
      net.addTie(from: "b", to: "c", trust: 3)
      net.addTie(from: "a", to: "c", trust: 1)
      net.trustType = type
      let egos = try net.egoNetworks().egos
      #expect(egos.count == 3)
      #expect(egos.allSatisfy { $0.alters.trustType == type })
      #expect(egos.allSatisfy { $0.alters.tieCount == 1 })
    }
  }

  @Test func egoNetworksAgreeWithNetworkx() throws {
    for f in try Self.fixtures() {
      let study = try f.network.egoNetworks()
      let grouped = !f.groups.isEmpty
      let options = PersonalNetworkOptions(
        group: grouped ? "group" : nil, categories: grouped ? f.groups.count : nil)
      let reach = try f.network.twoStepReach()
      for (i, e) in study.egos.enumerated() {
        let m = try e.measures(options)
        let x = f.measures[e.ego]!
        let place = "\(f.name) ego \(e.ego)"
        #expect(Double(m.size) == x["size"]!, "\(place) size")
        #expect(Double(m.ties) == x["ties"]!, "\(place) ties")
        #expect(
          close(m.density, x["density"]!), "\(place) density \(m.density) vs \(x["density"]!)")
        #expect(Double(m.components) == x["components"]!, "\(place) components")
        #expect(Double(m.isolates) == x["isolates"]!, "\(place) isolates")
        #expect(
          close(m.effectiveSize, x["effective_size"]!),
          "\(place) effective size \(m.effectiveSize) vs \(x["effective_size"]!)")
        #expect(
          close(m.constraint, x["constraint"]!),
          "\(place) constraint \(m.constraint) vs \(x["constraint"]!)")
        #expect(Double(reach[i]) == x["two_step_reach"]!, "\(place) two-step reach")
        if grouped {
          for (name, value) in [
            ("blau", m.blau), ("iqv", m.iqv), ("ei_ego_alter", m.egoAlterEI), ("yules_q", m.yulesQ),
          ] {
            #expect(close(value, x[name]!), "\(place) \(name) \(value) vs \(x[name]!)")
          }
        }
      }
    }
  }

  // MARK: Against this package's whole-network measures on the ego network

  /// Per-ego measures equal the package's whole-network measures on the network with ego as a
  /// node (Burt's, Gould–Fernandez's roles by Network.brokerageRoles(by:)) or on the alters
  /// alone (density, components), for every ego network of the fixtures.
  @Test func perEgoEqualsWholeNetworkOnTheEgoNetwork() throws {
    for f in try Self.fixtures() where !f.groups.isEmpty {
      for e in try f.network.egoNetworks().egos {
        let m = try e.measures(PersonalNetworkOptions(group: "group"))
        let withEgo = e.withEgoAsNode()
        let ego = e.alters.nodeCount
        #expect(withEgo.nodes[ego].id == e.ego)
        let holes = try withEgo.structuralHoles(weighted: false)
        #expect(
          close(m.constraint, holes.constraint[ego])
            && close(m.effectiveSize, holes.effectiveSize[ego])
            && close(m.efficiency, holes.efficiency[ego]))
        let alters = try e.alters.adjacency()
        #expect(close(m.density, alters.density))
        #expect(m.components == alters.weakComponents.count)
        let roles = try withEgo.brokerageRoles(by: "group")
        for role in BrokerageRole.allCases {
          #expect(
            close(m.brokerage(role), roles.raw[role.rawValue][ego]),
            "\(f.name) ego \(e.ego) \(role.name)")
        }
      }
    }
  }

  /// Burt's redundancy reads ego's contacts only, so on an unweighted undirected network the
  /// effective size in the whole network equals that in the ego network (Borgatti 1997).
  @Test func effectiveSizeIsTheSameInTheWholeNetwork() throws {
    for f in try Self.fixtures() where !f.network.isDirected {
      let whole = try f.network.structuralHoles(weighted: false)
      for (i, e) in try f.network.egoNetworks().egos.enumerated() {
        #expect(close(try e.measures().effectiveSize, whole.effectiveSize[i]), "\(f.name) \(e.ego)")
      }
    }
  }

  /// Ego networks along out-ties only: the alters are the successors.
  @Test func neighbourhoodDirection() throws {
    let net = try numberedNetwork(directed: true, nodes: 4, ties: [(0, 1), (2, 0), (1, 3)])
    #expect(try net.egoNetworks(neighbourhood: .outgoing).egos[0].alters.nodes.map(\.id) == ["n1"])
    #expect(try net.egoNetworks(neighbourhood: .incoming).egos[0].alters.nodes.map(\.id) == ["n2"])
    #expect(try net.egoNetworks().egos[0].alters.nodes.map(\.id) == ["n1", "n2"])
    // n0 reaches n1 and, through it, n3 along out-ties; either way it also has n2.
    #expect(try net.twoStepReach(neighbourhood: .outgoing)[0] == 2)
    #expect(try net.twoStepReach()[0] == 3)
  }

  // MARK: Summaries

  /// Mean and sample sd of 1, 2, NaN, 3 (NaN left out): mean 2, sd √((1 + 0 + 1)/2) = 1, n 3.
  @Test func summaryLeavesOutNaN() {
    let s = MeasureSummary([1, 2, .nan, 3])
    #expect(s.n == 3 && s.mean == 2 && s.standardDeviation == 1)
    #expect(MeasureSummary([4]).standardDeviation.isNaN && MeasureSummary([]).mean.isNaN)
    let by = PersonalNetworks.summaries([1, 2, 3, 5], by: ["x", "y", "x", nil])
    #expect(by.map(\.group) == [nil, "x", "y"])
    #expect(by[0].summary.n == 4 && close(by[0].summary.mean, 2.75))  // every ego, grouped or not
    #expect(by[1].summary.mean == 2 && by[2].summary.n == 1)  // x: 1 and 3
  }

  // MARK: egor's three tables

  static func table(_ text: String, _ file: String) throws -> EgorTables.Table {
    try EgorTables.Table.csv(Data(text.utf8), file: file)
  }

  @Test func readsEgorTables() throws {
    let study = try EgorTables.read(
      egos: Self.table(".egoID,sex,age\n1,w,30\n2,m,40\n3,w,\n", "egos.csv"),
      alters: Self.table(
        ".altID,.egoID,sex,closeness\n1,1,w,5\n2,1,w,3\n3,1,m,4\n4,1,m,1\n1,2,m,2\n", "alters.csv"),
      alterTies: Self.table(".egoID,.srcID,.tgtID,weight\n1,1,2,0.5\n1,3,4,\n", "aaties.csv"))
    #expect(study.egos.map(\.ego) == ["1", "2", "3"])
    #expect(study.egos[0].egoAttributes["age"] == .integer(30))
    #expect(study.egos[2].egoAttributes["age"] == nil)
    #expect(
      study.egos[0].alters.nodeCount == 4 && study.egos[1].alters.nodeCount == 1
        && study.egos[2].alters.nodeCount == 0)
    #expect(study.egos[0].alters.nodes[0].attributes["closeness"] == .integer(5))
    #expect(study.egos[0].alters.ties.map(\.trust) == [0.5, nil])
    #expect(!study.egos[0].alters.isDirected)
    // Alter ids repeat across egos: alter 1 of ego 2 is another person than alter 1 of ego 1.
    #expect(study.egos[1].alters.nodes[0].attributes["sex"] == .string("m"))
    // Ego 1 is the hand-worked case above (its trust is not read): the same numbers.
    let m = try study.measures(PersonalNetworkOptions(group: "sex"))[0]
    let hand = try Self.fourAlters().measures(PersonalNetworkOptions(group: "sex", categories: 2))
    #expect(
      m.density == hand.density && m.constraint == hand.constraint
        && m.effectiveSize == hand.effectiveSize)
    #expect(
      m.blau == hand.blau && m.iqv == hand.iqv && m.egoAlterEI == hand.egoAlterEI
        && m.yulesQ == hand.yulesQ)
    #expect(m.brokerageCounts == hand.brokerageCounts && m.components == hand.components)
  }

  @Test func egorTableErrorsSayWhere() throws {
    let egos = try Self.table("egoID,x\n1,a\n2,b\n", "egos.csv")
    let alters = try Self.table("altID,egoID\n1,1\n2,1\n", "alters.csv")
    func error(_ e: EgorTables.Table, _ a: EgorTables.Table, _ t: EgorTables.Table) -> FormatError?
    {
      formatError { try EgorTables.read(egos: e, alters: a, alterTies: t) }
    }
    let unknownAlter = error(
      egos, alters, try Self.table("egoID,srcID,tgtID\n1,1,2\n1,1,9\n", "aaties.csv"))
    #expect(
      unknownAlter?.file == "aaties.csv" && unknownAlter?.line == 3 && unknownAlter?.column == 5)
    #expect(unknownAlter?.message.contains("no alter '9'") == true)
    let unknownEgo = error(
      egos, try Self.table("altID,egoID\n1,7\n", "alters.csv"),
      try Self.table("egoID,srcID,tgtID\n", "aaties.csv"))
    #expect(
      unknownEgo?.line == 2 && unknownEgo?.column == 3
        && unknownEgo?.message.contains("not in the egos table") == true)
    let twice = error(
      try Self.table("egoID\n1\n1\n", "egos.csv"), alters,
      try Self.table("egoID,srcID,tgtID\n", "aaties.csv"))
    #expect(twice?.line == 3 && twice?.message.contains("used twice (first on line 2)") == true)
    let noColumn = error(
      egos, try Self.table("id,egoID\n1,1\n", "alters.csv"),
      try Self.table("egoID,srcID,tgtID\n", "aaties.csv"))
    #expect(
      noColumn?.file == "alters.csv" && noColumn?.line == 1
        && noColumn?.message.contains("'.altid'") == true)
    let badWeight = error(
      egos, alters, try Self.table("egoID,srcID,tgtID,weight\n1,1,2,much\n", "aaties.csv"))
    #expect(
      badWeight?.line == 2 && badWeight?.column == 7
        && badWeight?.message.contains("not a number") == true)
    let alterTwice = error(
      egos, try Self.table("altID,egoID\n1,1\n1,1\n", "alters.csv"),
      try Self.table("egoID,srcID,tgtID\n", "aaties.csv"))
    #expect(alterTwice?.line == 3 && alterTwice?.message.contains("twice") == true)
  }
}
