import Foundation
import Testing

@testable import Brobyggare

@Suite("Key players and what-if")
struct KeyPlayerTests {
  func marriage() throws -> Network {
    let path = packageRoot.appendingPathComponent("Datasets/padgett/padgett.graphml").path
    var net = try Network(contentsOf: path)
    // Keep the 16 families, marriage ties only.
    var m = Network(directed: false)
    for node in net.nodes { try m.addNode(node) }
    for t in net.ties where t.layer == "marriage" { m.addTie(t) }
    net = m
    return net
  }

  /// Hand-worked on Padgett's marriages: without the Medici the 15 other families split into
  /// components of 11, 2 (Pazzi–Salviati), 1 (Acciaiuoli) and 1 (Pucci), so fragmentation is
  /// 1 − (11·10 + 2·1)/(15·14) = 0.4667. Before is the whole network of 16, where only Pucci is
  /// cut off: 1 − 15·14/(16·15) = 0.125. Among the 15 who remain, 14·13 = 182 ordered pairs
  /// were in reach before and 112 after.
  @Test func mediciLeaves() throws {
    let net = try marriage()
    let e = try net.adjacency().removalEffect(of: [net.index(of: "Medici")!])
    #expect(e.nodesBefore == 16)
    #expect(e.remainingNodes == 15)
    #expect(e.componentsAfter == 4)
    #expect(e.largestAfter == 11)
    #expect(close(e.fragmentationAfter, 1 - 112.0 / 210))
    #expect(close(e.fragmentationBefore, 1 - 210.0 / 240))
    #expect(e.reachLost == 182 - 112)
  }

  /// "Before" is the whole network whoever leaves: the same fragmentation and distance-weighted
  /// fragmentation for every removed set (it once changed with who was removed).
  @Test func beforeDoesNotDependOnWhoLeaves() throws {
    let net = try marriage()
    let adj = try net.adjacency()
    let whole = adj.removalEffect(of: [])
    for removed in [[0], [3], [5, 9], [1, 2, 4]] {
      let e = adj.removalEffect(of: removed)
      #expect(e.fragmentationBefore == whole.fragmentationBefore)
      #expect(e.distanceFragmentationBefore == whole.distanceFragmentationBefore)
      #expect(e.componentsBefore == whole.componentsBefore)
    }
  }

  /// Borgatti's fragmentation on an undirected network equals 1 − Σ s(s−1)/(n(n−1)) over the
  /// components, checked on a seeded random graph against that formula.
  @Test func fragmentationMatchesComponentFormula() throws {
    let ref = try Reference("gnp_undirected_50")
    let adj = try ref.network.adjacency()
    let e = adj.removalEffect(of: [])
    let n = Double(adj.nodeCount)
    let formula =
      1 - adj.weakComponents.sizes.reduce(0.0) { $0 + Double($1 * ($1 - 1)) } / (n * (n - 1))
    #expect(close(e.fragmentationBefore, formula))
    #expect(e.fragmentationAfter == e.fragmentationBefore)
  }

  /// A path a–b–c–d–e: the greedy key player is the centre c (fragmentation 1 − 4/12), and
  /// removing it cuts the two halves' groups apart.
  @Test func greedyKeyPlayerOnAPath() throws {
    var net = Network(directed: false)
    for (u, v) in [("a", "b"), ("b", "c"), ("c", "d"), ("d", "e")] { net.addTie(from: u, to: v) }
    let adj = try net.adjacency()
    #expect(adj.greedyKeyPlayers(count: 1, distanceWeighted: false) == [2])
    #expect(adj.greedyKeyPlayers(count: 1, distanceWeighted: true) == [2])
    let e = adj.removalEffect(of: [2], groups: [0, 0, 1, 1, 1])
    #expect(close(e.fragmentationAfter, 1 - 4.0 / 12))
    #expect(e.groupPairsCut.count == 1)
    #expect(e.groupPairsCut[0] == (0, 1))
  }
}
