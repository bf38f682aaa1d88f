import Foundation
import Testing

@testable import Brobyggare

/// Reference values: Scripts/layers_reference.py (networkx 3.6.1 for the neighbourhoods, R's
/// sna 2.7.1 `gcor` for the correlations), in Fixtures/reference/layers.json.
private struct LayerReference {
  static var networks: [[String: Any]] {
    let json =
      try! JSONSerialization.jsonObject(with: fixtureData("reference/layers.json"))
      as! [String: Any]
    return json["networks"] as! [[String: Any]]
  }
  static func network(_ name: String) -> [String: Any] {
    networks.first { $0["name"] as! String == name }!
  }
}

/// A number from the fixture: JSON null is NaN.
private func number(_ x: Any?) -> Double { (x as? NSNumber)?.doubleValue ?? .nan }

@Suite("Layers against each other")
struct LayerTests {
  /// The hand-worked network: directed, six nodes a–f, three layers.
  ///
  ///     collaboration  a→b  b→c  c→d  a→c
  ///     trust          a→b  b→a  c→d  d→e  f→f (self-loop: dropped)
  ///     partnership    b→c  c→e  a→b  a→b (parallel: one tie)  e→e (self-loop: dropped)
  ///     no layer       a→d (in no layer: left out)
  ///
  /// Tie sets (ordered pairs): C = {ab, bc, cd, ac}, T = {ab, ba, cd, de}, P = {bc, ce, ab};
  /// |C| = 4, |T| = 4, |P| = 3. Cells off the diagonal: N = 6·5 = 30.
  ///
  ///     C,P: both {ab, bc} = 2, either 5, Jaccard 2/5 = 0.4
  ///          r = (30·2 − 4·3) / √(4·26·3·27) = 48/√8424 = 0.522976...
  ///     C,T: both {ab, cd} = 2, either 6, Jaccard 1/3
  ///          r = (30·2 − 4·4) / √(4·26·4·26) = 44/104 = 0.423077...
  ///     P,T: both {ab} = 1, either 6, Jaccard 1/6
  ///          r = (30·1 − 3·4) / √8424 = 18/√8424 = 0.196116...
  ///
  /// Neighbours in either direction, per layer (C, P, T), and the shares:
  ///
  ///     a: C {b,c} P {b} T {b}        N {b,c}      b in 3 layers, c in C only
  ///        degree 2,1,1; multiplexity 1/2; exclusive C 1/2, P 0, T 0
  ///     b: C {a,c} P {a,c} T {a}      N {a,c}      both in ≥ 2 layers
  ///        degree 2,2,1; multiplexity 1; exclusive 0, 0, 0
  ///     c: C {a,b,d} P {b,e} T {d}    N {a,b,d,e}  b (C,P) and d (C,T) multiplex; a C only; e P only
  ///        degree 3,2,1; multiplexity 2/4; exclusive C 1/4, P 1/4, T 0
  ///     d: C {c} P {} T {c,e}         N {c,e}      c (C,T); e T only
  ///        degree 1,0,2; multiplexity 1/2; exclusive 0, 0, 1/2
  ///     e: C {} P {c} T {d}           N {c,d}      each in one layer
  ///        degree 0,1,1; multiplexity 0; exclusive 0, 1/2, 1/2
  ///     f: no neighbour (only a self-loop): degree 0,0,0; the shares NaN
  ///
  /// The same values from networkx and sna are in the fixture (network "hand").
  static func hand() -> Network {
    var net = Network(directed: true)
    for id in ["a", "b", "c", "d", "e", "f"] { net.node(withID: id) }
    for (s, t, l) in [
      ("a", "b", "collaboration"), ("b", "c", "collaboration"), ("c", "d", "collaboration"),
      ("a", "c", "collaboration"), ("a", "b", "trust"), ("b", "a", "trust"), ("c", "d", "trust"),
      ("d", "e", "trust"), ("f", "f", "trust"), ("b", "c", "partnership"),
      ("c", "e", "partnership"),
      ("a", "b", "partnership"), ("a", "b", "partnership"), ("e", "e", "partnership"),
    ] {
      net.addTie(from: s, to: t, layer: l)
    }
    net.addTie(from: "a", to: "d")
    return net
  }

  @Test func overlapByHand() throws {
    let o = try Self.hand().layerOverlap()
    #expect(o.layers == ["collaboration", "partnership", "trust"])
    #expect(o.ties == [4, 3, 4])
    #expect(o.pairs.map(\.first) == ["collaboration", "collaboration", "partnership"])
    #expect(o.pairs.map(\.second) == ["partnership", "trust", "trust"])
    let cp = o.pair("partnership", "collaboration")!
    #expect(cp.sharedTies == 2 && cp.unionTies == 5 && cp.cells == 30)
    #expect(close(cp.jaccard, 0.4))
    #expect(close(cp.correlation, 48 / 8424.0.squareRoot()))
    let ct = o.pair("collaboration", "trust")!
    #expect(ct.sharedTies == 2 && close(ct.jaccard, 1.0 / 3) && close(ct.correlation, 44.0 / 104))
    let pt = o.pair("partnership", "trust")!
    #expect(
      pt.sharedTies == 1 && close(pt.jaccard, 1.0 / 6)
        && close(pt.correlation, 18 / 8424.0.squareRoot()))
  }

  @Test func multiplexityByHand() throws {
    let m = try Self.hand().multiplexity()
    #expect(m.layers == ["collaboration", "partnership", "trust"])
    #expect(m.neighbours == [2, 2, 4, 2, 2, 0])
    #expect(m.degree(inLayer: "collaboration") == [2, 2, 3, 1, 0, 0])
    #expect(m.degree(inLayer: "partnership") == [1, 2, 2, 0, 1, 0])
    #expect(m.degree(inLayer: "trust") == [1, 1, 1, 2, 1, 0])
    #expect(m.multiplexNeighbours == [1, 2, 2, 1, 0, 0])
    let expectedMultiplexity = [0.5, 1, 0.5, 0.5, 0, .nan]
    for v in 0..<6 { #expect(close(m.multiplexity[v], expectedMultiplexity[v]), "node \(v)") }
    let exclusive: [String: [Double]] = [
      "collaboration": [0.5, 0, 0.25, 0, 0, .nan],
      "partnership": [0, 0, 0.25, 0, 0.5, .nan],
      "trust": [0, 0, 0, 0.5, 0.5, .nan],
    ]
    for (layer, want) in exclusive {
      let got = m.exclusiveRelevance(ofLayer: layer)!
      for v in 0..<6 { #expect(close(got[v], want[v]), "\(layer) node \(v)") }
    }
    // Relevance (multinet's relevance_ml) of collaboration for c: 3 of 4 neighbours.
    #expect(close(m.relevance(ofLayer: "collaboration")![2], 0.75))
    #expect(m.exclusiveRelevance(ofLayer: "advice") == nil)
    // For every node with neighbours, multiplexity and the exclusive shares add up to 1.
    for v in 0..<5 {
      let sum =
        m.multiplexity[v] + m.layers.map { m.exclusiveRelevance(ofLayer: $0)![v] }.reduce(0, +)
      #expect(close(sum, 1), "node \(v)")
    }
  }

  /// Picking layers: the third layer out changes the neighbourhoods; an unknown layer throws.
  @Test func selectionOfLayers() throws {
    let net = Self.hand()
    var s = TieSelection(layers: ["collaboration", "trust"])
    let m = try net.multiplexity(s)
    #expect(m.layers == ["collaboration", "trust"])
    // c: C {a,b,d}, T {d}: d multiplex, a and b collaboration only.
    #expect(m.neighbours[2] == 3 && m.multiplexNeighbours[2] == 1)
    #expect(try net.layerOverlap(s).pairs.count == 1)
    s.excludedLayers = ["trust"]
    #expect(try net.layerOverlap(s).pairs.isEmpty)
    #expect(
      throws: NetworkError.unknownLayer(
        "advice", available: ["collaboration", "partnership", "trust"])
    ) {
      try net.multiplexity(TieSelection(layers: ["advice"]))
    }
  }

  /// Constant matrices: a layer with every possible tie, or the correlation over no cells.
  @Test func undefinedValuesAreNaN() throws {
    var net = Network(directed: false)
    net.addTie(from: "x", to: "y", layer: "a")
    net.addTie(from: "x", to: "y", layer: "b")
    let pair = try net.layerOverlap().pairs[0]
    // One cell (n = 2, undirected), tied in both layers: Jaccard 1, no variance, r NaN (gcor: NA).
    #expect(pair.cells == 1 && close(pair.jaccard, 1) && pair.correlation.isNaN)
    #expect(
      LayerPairOverlap(
        first: "a", second: "b", firstTies: 0, secondTies: 0, sharedTies: 0, cells: 10
      ).jaccard.isNaN)
    #expect(try Network(directed: true).multiplexity().neighbours.isEmpty)
  }

  /// Relabelling the nodes (reversing their order) permutes the per-node results and leaves
  /// the pairs as they were.
  @Test func relabellingChangesNothing() throws {
    let net = Self.hand()
    var reversed = Network(directed: true)
    for v in net.nodes.reversed() { reversed.node(withID: v.id) }
    for t in net.ties {
      reversed.addTie(from: net.nodes[t.source].id, to: net.nodes[t.target].id, layer: t.layer)
    }
    #expect(try net.layerOverlap() == reversed.layerOverlap())
    let a = try net.multiplexity()
    let b = try reversed.multiplexity()
    #expect(a.neighbours == b.neighbours.reversed())
    #expect(a.layerDegree == b.layerDegree.map { $0.reversed() })
    #expect(a.exclusiveNeighbours == b.exclusiveNeighbours.map { $0.reversed() })
  }

  /// The hand network, Padgett's families (undirected) and the municipality's two
  /// person-to-person layers (directed) against networkx and sna.
  @Test(arguments: ["hand", "padgett", "municipality"])
  func matchesNetworkxAndSna(_ name: String) throws {
    let want = LayerReference.network(name)
    let net: Network = name == "hand" ? Self.hand() : try Network(dataset: name)
    let layers = want["layers"] as! [String]
    let ids = want["nodes"] as! [String]
    #expect(net.nodeCount == ids.count)
    let selection = TieSelection(layers: Set(layers))
    let o = try net.layerOverlap(selection)
    for p in want["pairs"] as! [[String: Any]] {
      let got = o.pair(p["first"] as! String, p["second"] as! String)!
      #expect(
        got.firstTies == p["first_ties"] as! Int && got.secondTies == p["second_ties"] as! Int)
      #expect(got.sharedTies == p["shared"] as! Int)
      #expect(close(got.jaccard, number(p["jaccard"])))
      #expect(
        close(got.correlation, number(p["correlation"]), 1e-12),
        "\(name) \(got.first)-\(got.second)")
    }
    let m = try net.multiplexity(selection)
    for row in want["per_node"] as! [[String: Any]] {
      let v = net.index(of: row["id"] as! String)!
      #expect(m.neighbours[v] == row["neighbours"] as! Int, "\(name) \(row["id"]!)")
      #expect(close(m.multiplexity[v], number(row["multiplexity"])))
      let degree = row["degree"] as! [String: Int]
      let exclusive = row["exclusive"] as! [String: Any]
      for l in layers {
        #expect(m.degree(inLayer: l)![v] == degree[l]!, "\(name) \(row["id"]!) \(l)")
        #expect(
          close(m.exclusiveRelevance(ofLayer: l)![v], number(exclusive[l])),
          "\(name) \(row["id"]!) \(l)")
      }
    }
  }
}
