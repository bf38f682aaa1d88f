import Foundation
import Testing

@testable import Brobyggare

@Suite("Trust along paths and trust-weighted brokerage")
struct TrustPathTests {
  /// a trusts b 0.9 and b trusts c 0.9 (0.81 along the chain), a trusts c 0.8 directly; c
  /// trusts d 0.5. Hand-worked: the most-trusted path a → c runs through b (0.81 > 0.8), and a
  /// reaches d at 0.405.
  func chain() -> Network {
    var net = Network(directed: true)
    net.addTie(from: "a", to: "b", trust: 0.9)
    net.addTie(from: "b", to: "c", trust: 0.9)
    net.addTie(from: "a", to: "c", trust: 0.8)
    net.addTie(from: "c", to: "d", trust: 0.5)
    return net
  }

  @Test func mostTrustedPathByHand() throws {
    let net = chain()
    let p = try #require(try net.mostTrustedPath(from: "a", to: "d"))
    #expect(p.nodes.map { net.nodes[$0].id } == ["a", "b", "c", "d"])
    #expect(p.steps == [0.9, 0.9, 0.5])
    #expect(close(p.trust, 0.405))
    #expect(try net.mostTrustedPath(from: "d", to: "a") == nil)
    #expect(try net.mostTrustedPath(from: "a", to: "a")?.trust == 1)
  }

  @Test func trustReachByHand() throws {
    let adj = try chain().adjacency()
    // Threshold 0.8: a reaches b (0.9), c (0.81); b reaches c (0.9); c reaches nobody (0.5).
    #expect(try adj.trustReach(threshold: 0.8) == [2, 1, 0, 0])
    #expect(try adj.trustReach(threshold: 0.81) == [2, 1, 0, 0])
    #expect(try adj.trustReach(threshold: 0.4) == [3, 2, 1, 0])
  }

  /// On a seeded random network the best trust equals exp(−d) for the shortest distance under
  /// −ln(trust), and each path's steps multiply to its trust.
  @Test func agreesWithNegativeLogDistances() throws {
    var rng = SeededGenerator(seed: 7)
    var net = Network(directed: true)
    for i in 0..<30 { try net.addNode(Node(id: "n\(i)")) }
    for i in 0..<30 {
      for j in 0..<30 where i != j && rng.next() % 100 < 12 {
        net.addTie(from: "n\(i)", to: "n\(j)", trust: Double(rng.next() % 1000 + 1) / 1000)
      }
    }
    let adj = try net.adjacency()
    for s in [0, 5, 17] {
      let d = try net.distances(from: "n\(s)", distance: .negativeLog)
      let tree = try adj.trustTree(from: s)
      for t in 0..<30 {
        #expect(close(tree.trust[t], d[t].isFinite ? exp(-d[t]) : 0))
        if let p = tree.path(to: t) { #expect(close(p.steps.reduce(1, *), p.trust)) }
      }
    }
  }

  @Test func trustAboveOneIsRefused() throws {
    var net = Network(directed: true)
    net.addTie(from: "a", to: "b", trust: 3)
    #expect(throws: DistanceError.self) { try net.mostTrustedPath(from: "a", to: "b") }
  }

  /// One open two-path a → v → c with trusts 0.4 and 0.9, all in one group: the coordinator
  /// score is √(0.4·0.9) = 0.6 (geometric mean), 0.65 (arithmetic), 0.4 (min), 0.9 (max).
  @Test func trustWeightedBrokerageByHand() throws {
    var net = Network(directed: true)
    net.addTie(from: "a", to: "v", trust: 0.4)
    net.addTie(from: "v", to: "c", trust: 0.9)
    let adj = try net.adjacency()
    let want: [TwoPathValue: Double] = [
      .geometricMean: 0.6, .arithmeticMean: 0.65, .minimum: 0.4, .maximum: 0.9,
    ]
    for (value, w) in want {
      let r = adj.brokerageRoles(groups: [0, 0, 0], groupNames: ["g"], trust: value)
      #expect(close(r.raw[BrokerageRole.coordinator.rawValue][1], w))
      #expect(r.expected[0][1].isNaN && r.z[0][1].isNaN)
    }
  }

  /// With every trust 1 the trust-weighted counts are the plain counts, for every role.
  @Test func trustOneGivesCounts() throws {
    let ref = try Reference("gnp_directed_40")
    var net = Network(directed: true)
    for id in ref.nodes { try net.addNode(Node(id: id)) }
    for (u, v, _) in ref.edges { net.addTie(from: u, to: v, trust: 1) }
    let adj = try net.adjacency()
    let groups = ref.nodes.indices.map { $0 % 3 }
    for value in TwoPathValue.allCases {
      #expect(
        adj.brokerageCounts(groups: groups, trust: value) == adj.brokerageCounts(groups: groups))
      #expect(
        adj.brokerageCounts(groups: groups, credit: .shared, trust: value)
          == adj.brokerageCounts(groups: groups, credit: .shared))
    }
  }
}
