import Foundation
import Testing

@testable import Brobyggare

/// Reference values: Fixtures/generate_interviews.py (R 4.2.2 with sna 2.7.1; networkx 3.6.1).
struct InterviewReference {
  static var json: [String: Any] {
    try! JSONSerialization.jsonObject(with: fixtureData("reference/interviews.json"))
      as! [String: Any]
  }
  static var dyads: [String: [String: Any]] { json["dyads"] as! [String: [String: Any]] }
}

@Suite("Dyad census, reciprocity and trust asymmetry")
struct DyadCensusTests {
  @Test(arguments: ["gnp_directed_40", "gnp_directed_60", "random_directed_mutual_30"])
  func matchesSnaAndNetworkx(_ name: String) throws {
    let want = InterviewReference.dyads[name]!
    let adj = try Reference(name).network.adjacency()
    let c = adj.dyadCensus
    func n(_ k: String) -> Double { (want[k] as! NSNumber).doubleValue }
    #expect(
      Double(c.mutual) == n("mutual") && Double(c.asymmetric) == n("asymmetric")
        && Double(c.null) == n("null"))
    #expect(close(c.dyadic, n("dyadic")) && close(c.dyadicNonNull, n("dyadic_nonnull")))
    #expect(close(c.edgewise, n("edgewise")) && close(c.edgewiseLogRatio, n("edgewise_lrr")))
    #expect(
      close(c.edgewise, n("networkx_overall_reciprocity")) && close(adj.reciprocity, c.edgewise))
    let perNode = (want["networkx_node_reciprocity"] as! [Any]).map {
      ($0 as? NSNumber)?.doubleValue ?? .nan
    }
    for i in perNode.indices { #expect(close(c.nodes[i], perNode[i]), "\(name) node \(i)") }
  }

  /// Worked by hand: m1 and m2 (municipality), c1 and c2 (civil society).
  /// m1→c1 0.8, c1→m1 0.4 (mutual: difference 0.4); m2→c2 0.6, c2→m2 1.0 (mutual: −0.4);
  /// m1→c2 1.0 (one way); c1→c2 0.5 (within a group: not counted).
  @Test func trustAsymmetryByHand() throws {
    var net = Network(directed: true)
    for (id, g) in [("m1", "mun"), ("m2", "mun"), ("c1", "civ"), ("c2", "civ")] {
      try net.addNode(Node(id: id, attributes: ["sector": .string(g)]))
    }
    for (a, b, t) in [
      ("m1", "c1", 0.8), ("c1", "m1", 0.4), ("m2", "c2", 0.6), ("c2", "m2", 1.0), ("m1", "c2", 1.0),
      ("c1", "c2", 0.5),
    ] {
      net.addTie(from: a, to: b, trust: t)
    }
    let (g, names) = try net.groups(by: "sector")
    let asym = try net.adjacency().trustAsymmetry(groups: g, names: names)
    #expect(names == ["civ", "mun"])
    let p = try #require(asym.pairs.first)
    // a = civ, b = mun: civ→mun ties 0.4 and 1.0; mun→civ 0.8, 0.6, 1.0.
    #expect(p.tiesAB == 2 && p.tiesBA == 3 && p.mutualDyads == 2)
    #expect(close(p.meanTrustAB, 0.7) && close(p.meanTrustBA, 0.8) && close(p.difference, -0.1))
    // Paired, civ minus mun: (0.4 − 0.8) and (1.0 − 0.6): mean 0.
    #expect(abs(p.meanPairedDifference) < 1e-12)
    #expect(asym.pairs.count == 1)
  }
}
