import Foundation
import Testing

@testable import Brobyggare

/// Brokerage roles against R's sna 2.7.1 `brokerage` (Fixtures/generate_brokerage.py).
struct BrokerageReference {
  let directed: Bool
  let nodes: [String]
  let groups: [String]
  let edges: [(String, String)]
  let raw, exp, sd, z: [[Double]]  // [node][column]
  let gli: [[Double]]  // rows raw, exp, sd, z; [column]

  static let names = [
    "gnp_directed_40", "gnp_directed_60", "gnp_directed_25_dense", "florentine_undirected",
    "krackhardt_advice_by_department", "lazega_advice_by_office",
  ]

  init(_ name: String) throws {
    let json =
      try JSONSerialization.jsonObject(with: fixtureData("reference/brokerage_\(name).json"))
      as! [String: Any]
    directed = json["directed"] as! Bool
    nodes = json["nodes"] as! [String]
    groups = json["groups"] as! [String]
    edges = (json["edges"] as! [[String]]).map { ($0[0], $0[1]) }
    func matrix(_ k: String) -> [[Double]] {
      (json[k] as! [[Any]]).map { row in
        row.map { v in
          if let n = v as? NSNumber { return n.doubleValue }
          if let s = v as? String { return s == "inf" ? .infinity : -.infinity }
          return .nan  // null: sna's NaN
        }
      }
    }
    raw = matrix("raw")
    exp = matrix("exp")
    sd = matrix("sd")
    z = matrix("z")
    gli = matrix("gli")
  }

  var network: Network {
    var net = Network(directed: directed)
    for (id, g) in zip(nodes, groups) {
      try! net.addNode(Node(id: id, attributes: ["sector": .string(g)]))
    }
    for (u, v) in edges { net.addTie(from: u, to: v) }
    return net
  }
}

func same(_ a: Double, _ b: Double) -> Bool {
  if a.isInfinite || b.isInfinite { return a == b }
  return close(a, b, 1e-9)
}

@Suite("Gould-Fernandez brokerage")
struct BrokerageTests {
  @Test(arguments: BrokerageReference.names)
  func equalsSna(_ name: String) throws {
    let ref = try BrokerageReference(name)
    let b = try ref.network.brokerageRoles(by: "sector")
    // Undirected: every count, expectation and sd is half of sna's on the symmetric digraph.
    let k = ref.directed ? 1.0 : 0.5
    for v in ref.nodes.indices {
      for c in 0..<BrokerageRoles.columns {
        #expect(
          same(b.raw[c][v], k * ref.raw[v][c]),
          "\(name) raw \(ref.nodes[v]) col \(c): \(b.raw[c][v]) vs \(ref.raw[v][c])")
        #expect(same(b.expected[c][v], k * ref.exp[v][c]), "\(name) exp \(ref.nodes[v]) col \(c)")
        #expect(
          same(b.standardDeviation[c][v], k * ref.sd[v][c]), "\(name) sd \(ref.nodes[v]) col \(c)")
        #expect(
          same(b.z[c][v], ref.z[v][c]),
          "\(name) z \(ref.nodes[v]) col \(c): \(b.z[c][v]) vs \(ref.z[v][c])")
      }
    }
    for c in 0..<BrokerageRoles.columns {
      #expect(same(b.networkRaw[c], k * ref.gli[0][c]))
      #expect(same(b.networkExpected[c], k * ref.gli[1][c]), "\(name) network exp col \(c)")
      #expect(
        same(b.networkStandardDeviation[c], k * ref.gli[2][c]),
        "\(name) network sd col \(c): \(b.networkStandardDeviation[c]) vs \(ref.gli[2][c])")
      #expect(same(b.networkZ[c], ref.gli[3][c]))
    }
  }

  /// The five roles add up to the open two-paths through each node, counted directly.
  @Test(arguments: BrokerageReference.names)
  func rolesAddUpToOpenTwoPaths(_ name: String) throws {
    let ref = try BrokerageReference(name)
    let net = ref.network
    let adj = try net.adjacency()
    let b = try net.brokerageRoles(by: "sector")
    for v in 0..<net.nodeCount {
      var open = 0
      for a in adj.predecessors(of: v) {
        for c in adj.successors(of: v) where c != a && !adj.hasArc(from: Int(a), to: Int(c)) {
          open += 1
        }
      }
      if !ref.directed { open /= 2 }
      let sum = (0..<5).reduce(0.0) { $0 + b.raw[$1][v] }
      #expect(sum == Double(open))
      #expect(b.raw[5][v] == Double(open))
    }
  }

  /// Hand-worked: kommun → förening → boende with each in its own sector is one liaison;
  /// adding a second broker between the same pair halves each broker's credit with 1/k.
  @Test func rolesAndPartialCredit() throws {
    var net = Network(directed: true)
    for (id, s) in [
      ("kommun", "municipality"), ("förening", "civil"), ("boende", "residents"),
      ("polis", "police"), ("kommun2", "municipality"),
    ] {
      try net.addNode(Node(id: id, attributes: ["sector": .string(s)]))
    }
    net.addTie(from: "kommun", to: "förening")
    net.addTie(from: "förening", to: "boende")
    net.addTie(from: "kommun", to: "polis")
    net.addTie(from: "polis", to: "boende")
    net.addTie(from: "förening", to: "kommun2")
    let full = try net.brokerageRoles(by: "sector")
    let f = net.index(of: "förening")!
    let p = net.index(of: "polis")!
    #expect(full.raw[BrokerageRole.liaison.rawValue][f] == 1)
    #expect(full.raw[BrokerageRole.itinerant.rawValue][f] == 1)  // kommun → förening → kommun2
    #expect(full.raw[BrokerageRole.liaison.rawValue][p] == 1)
    let shared = try net.brokerageRoles(by: "sector", credit: .shared)
    #expect(shared.raw[BrokerageRole.liaison.rawValue][f] == 0.5)
    #expect(shared.raw[BrokerageRole.liaison.rawValue][p] == 0.5)
    #expect(shared.raw[BrokerageRole.itinerant.rawValue][f] == 1)
    #expect(shared.expected[0][f].isNaN)
    #expect(BrokerageRole.of(source: 0, broker: 0, target: 1) == .representative)
    #expect(BrokerageRole.of(source: 0, broker: 1, target: 1) == .gatekeeper)
  }
}
