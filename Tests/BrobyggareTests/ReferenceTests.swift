import Foundation
import Testing

@testable import Brobyggare

/// Compares every core measure with the values networkx and igraph computed on the same graphs.
/// The fixtures, and which tool each number comes from, are written by
/// Fixtures/generate.py (networkx 3.6.1, igraph 1.0.0); each fixture's `sources` says more.
struct Reference {
  let name: String
  let directed: Bool
  let nodes: [String]
  let edges: [(String, String, Double)]
  let weighted: Bool
  let expected: [String: Any]

  static let names = [
    "florentine_marriage", "karate_weighted", "gnp_directed_40", "gnp_undirected_50",
    "gnp_directed_60", "ba_undirected_80", "random_directed_mutual_30",
  ]

  init(_ name: String) throws {
    let json =
      try JSONSerialization.jsonObject(with: fixtureData("reference/\(name).json"))
      as! [String: Any]
    self.name = name
    directed = json["directed"] as! Bool
    nodes = json["nodes"] as! [String]
    edges = (json["edges"] as! [[Any]]).map {
      ($0[0] as! String, $0[1] as! String, ($0[2] as! NSNumber).doubleValue)
    }
    weighted = json["weighted"] as! Bool
    expected = json["expected"] as! [String: Any]
  }

  var network: Network {
    var net = Network(directed: directed)
    for id in nodes { try! net.addNode(Node(id: id)) }
    for (u, v, w) in edges { net.addTie(from: u, to: v, trust: weighted ? w : nil) }
    return net
  }

  /// Values by node; JSON null stands for NaN.
  func values(_ key: String) -> [Double] {
    let d = expected[key] as! [String: Any]
    return nodes.map { (d[$0] as? NSNumber)?.doubleValue ?? .nan }
  }

  var transforms: [(String, DistanceTransform)] {
    weighted ? [("hops", .hops), ("raw", .raw), ("reciprocal", .reciprocal)] : [("hops", .hops)]
  }
}

@Suite("Agreement with networkx and igraph")
struct ReferenceTests {
  @Test(arguments: Reference.names)
  func betweenness(_ name: String) throws {
    let ref = try Reference(name)
    let net = ref.network
    for (label, t) in ref.transforms {
      let got = try net.betweenness(distance: t)
      let want = ref.values("betweenness_\(label)")
      for i in got.indices {
        #expect(close(got[i], want[i]), "\(name) \(label) \(ref.nodes[i]): \(got[i]) vs \(want[i])")
      }
      let norm = normalizedBetweenness(got, directed: ref.directed)
      let wantNorm = ref.values("betweenness_normalized_\(label)")
      for i in got.indices {
        #expect(close(norm[i], wantNorm[i]), "\(name) normalized \(label) \(ref.nodes[i])")
      }
    }
  }

  @Test(arguments: Reference.names)
  func closenessAndHarmonic(_ name: String) throws {
    let ref = try Reference(name)
    let net = ref.network
    for (label, t) in ref.transforms {
      let c = try net.closeness(distance: t)
      let h = try net.harmonic(distance: t)
      let wantC = ref.values("closeness_\(label)")
      let wantH = ref.values("harmonic_\(label)")
      for i in c.indices {
        #expect(
          close(c[i], wantC[i]),
          "\(name) closeness \(label) \(ref.nodes[i]): \(c[i]) vs \(wantC[i])")
        #expect(
          close(h[i], wantH[i]), "\(name) harmonic \(label) \(ref.nodes[i]): \(h[i]) vs \(wantH[i])"
        )
      }
    }
  }

  @Test(arguments: Reference.names)
  func degreesAndStructure(_ name: String) throws {
    let ref = try Reference(name)
    let net = ref.network
    let d = try net.degrees()
    #expect(d.degree.map(Double.init) == ref.values("degree"))
    #expect(d.inDegree.map(Double.init) == ref.values("in_degree"))
    #expect(d.outDegree.map(Double.init) == ref.values("out_degree"))
    let s = ref.values("strength")
    for i in s.indices { #expect(close(d.strength[i], s[i])) }

    let cut = try net.cutStructure()
    let points = net.nodes.indices.filter { cut.isArticulationPoint[$0] }.map { net.nodes[$0].id }
      .sorted()
    #expect(points == ref.expected["articulation_points"] as! [String])
    let bridges = cut.bridges.map { [net.nodes[$0.0].id, net.nodes[$0.1].id].sorted() }.sorted {
      $0.lexicographicallyPrecedes($1)
    }
    #expect(bridges == ref.expected["bridges"] as! [[String]])

    #expect(try net.weakComponents().count == ref.expected["weak_components"] as! Int)
    #expect(try net.strongComponents().count == ref.expected["strong_components"] as! Int)
    let adj = try net.adjacency()
    #expect(close(adj.density, (ref.expected["density"] as! NSNumber).doubleValue))
    #expect(close(adj.reciprocity, (ref.expected["reciprocity"] as! NSNumber).doubleValue))
  }

  /// Relabelling nodes (here: reversing their order) permutes the results and changes nothing
  /// else.
  @Test(arguments: ["gnp_directed_40", "ba_undirected_80"])
  func relabellingChangesNothing(_ name: String) throws {
    let ref = try Reference(name)
    var shuffled = Network(directed: ref.directed)
    for id in ref.nodes.reversed() { try shuffled.addNode(Node(id: "x" + id)) }
    for (u, v, w) in ref.edges.reversed() { shuffled.addTie(from: "x" + u, to: "x" + v, trust: w) }
    let a = try ref.network.betweenness(distance: .raw)
    let b = try shuffled.betweenness(distance: .raw)
    for (i, id) in ref.nodes.enumerated() {
      #expect(close(a[i], b[shuffled.index(of: "x" + id)!]))
    }
  }
}

@Suite("Published values")
struct PublishedValueTests {
  /// Wasserman and Faust (1994), Table 5.1 / §5.3: Padgett's marriage network of the 15
  /// families without the isolate Pucci. Medici: standardised betweenness .522, closeness .560.
  @Test func mediciAsBroker() throws {
    let path = packageRoot.appendingPathComponent("Datasets/padgett/padgett.csv").path
    // The tie table alone, marriage layer: nodes are the 15 families with a marriage tie.
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let marriage = text.split(separator: "\n").filter {
      $0.hasPrefix("source") || $0.hasSuffix(",marriage")
    }.joined(separator: "\n")
    let net = try csvNetwork(marriage, directed: false)
    #expect(net.nodeCount == 15)
    let m = net.index(of: "Medici")!
    let b = normalizedBetweenness(try net.betweenness(), directed: false)
    let c = try net.closeness()
    #expect(abs(b[m] - 0.522) < 0.0005)
    #expect(abs(c[m] - 0.560) < 0.0005)
  }
}

@Suite("Path measures: special cases")
struct PathSpecialCases {
  @Test func emptyAndTinyNetworks() throws {
    let empty = Network(directed: true)
    #expect(try empty.betweenness().isEmpty)
    var one = Network(directed: false)
    try one.addNode(Node(id: "a"))
    #expect(try one.closeness() == [0])
    #expect(normalizedBetweenness([0], directed: false)[0].isNaN)
    #expect(try one.adjacency().density.isNaN)
  }

  @Test func selfLoopsAndParallelTiesAreMerged() throws {
    var net = Network(directed: true)
    net.addTie(from: "a", to: "b", trust: 0.5, layer: "trust")
    net.addTie(from: "a", to: "b", trust: 0.9, layer: "collaboration")
    net.addTie(from: "b", to: "b", trust: 1)
    net.addTie(from: "b", to: "c", trust: 0.2, layer: "trust")
    let maxAdj = try net.adjacency(TieSelection(merge: .max))
    #expect(maxAdj.arcCount == 2)
    #expect(maxAdj.outTrust == [0.9, 0.2])
    #expect(try net.adjacency(TieSelection(merge: .min)).outTrust == [0.5, 0.2])
    #expect(try net.adjacency(TieSelection(merge: .sum)).outTrust == [1.4, 0.2])
    #expect(close(try net.adjacency(TieSelection(merge: .mean)).outTrust[0], 0.7))
    #expect(try net.adjacency(TieSelection(layers: ["trust"])).outTrust == [0.5, 0.2])
    #expect(try net.betweenness() == [0, 1, 0])
    #expect(throws: NetworkError.self) { try net.adjacency(TieSelection(layers: ["nope"])) }
  }

  @Test func invalidWeightsAreRefusedForDistances() throws {
    var net = Network(directed: false)
    net.addTie(from: "a", to: "b", trust: 0)
    net.addTie(from: "b", to: "c", trust: 1.5)
    #expect(throws: DistanceError.self) { try net.betweenness(distance: .reciprocal) }
    #expect(throws: DistanceError.self) { try net.betweenness(distance: .raw) }
    #expect(throws: DistanceError.self) { try net.betweenness(distance: .negativeLog) }
    #expect(try net.betweenness(distance: .hops) == [0, 1, 0])
    do {
      _ = try net.betweenness(distance: .reciprocal)
    } catch let e as DistanceError {
      #expect(e.description.contains("a -- b"))
    }
  }

  /// −ln trust makes the shortest path the most trusted chain: a–b–c (0.9 · 0.9 = 0.81) beats
  /// the direct a–c tie of trust 0.5.
  @Test func negativeLogPrefersTrustedChains() throws {
    var net = Network(directed: false)
    net.addTie(from: "a", to: "b", trust: 0.9)
    net.addTie(from: "b", to: "c", trust: 0.9)
    net.addTie(from: "a", to: "c", trust: 0.5)
    #expect(try net.betweenness(distance: .negativeLog) == [0, 1, 0])
    #expect(try net.betweenness(distance: .hops) == [0, 0, 0])
    let d = try net.distances(from: "a", distance: .negativeLog)
    #expect(close(d[2], -2 * log(0.9)))
  }

  /// Two routes whose lengths differ only by rounding (0.1 + 0.2 against 0.3) split the credit.
  @Test func lengthsEqualWithinToleranceTie() throws {
    var net = Network(directed: true)
    net.addTie(from: "s", to: "a", trust: 0.1)
    net.addTie(from: "a", to: "t", trust: 0.2)
    net.addTie(from: "s", to: "b", trust: 0.15)
    net.addTie(from: "b", to: "t", trust: 0.15)
    let b = try net.betweenness(distance: .raw)
    #expect(b[net.index(of: "a")!] == 0.5)
    #expect(b[net.index(of: "b")!] == 0.5)
  }
}

@Suite("PageRank and threads")
struct PageRankAndThreadTests {
  @Test(arguments: Reference.names)
  func pageRankMatchesNetworkxAndIgraph(_ name: String) throws {
    let ref = try Reference(name)
    let adj = try ref.network.adjacency()
    for (label, weighted) in [("binary", false)] + (ref.weighted ? [("weighted", true)] : []) {
      let got = adj.pageRank(weighted: weighted)
      let want = ref.values("pagerank_\(label)")
      for i in got.indices {
        #expect(
          abs(got[i] - want[i]) < 1e-10, "\(name) \(label) \(ref.nodes[i]): \(got[i]) vs \(want[i])"
        )
      }
    }
  }

  /// Sources are summed in fixed chunks, so one, two and three threads give the same bits.
  @Test(arguments: [true, false])
  func betweennessIsTheSameForEveryThreadCount(_ directed: Bool) throws {
    var rng = SeededGenerator(seed: directed ? 11 : 12)
    var net = Network(directed: directed)
    for i in 0..<400 { try net.addNode(Node(id: "n\(i)")) }
    for _ in 0..<2000 {
      let (u, v) = (Int(rng.next() % 400), Int(rng.next() % 400))
      net.addTie(from: "n\(u)", to: "n\(v)", trust: Double(rng.next() % 1000 + 1) / 1000)
    }
    let adj = try net.adjacency()
    for t in [DistanceTransform.hops, .reciprocal] {
      let lengths = try ArcLengths(adj, transform: t)
      let one = adj.betweenness(lengths: lengths, threads: 1)
      #expect(one == adj.betweenness(lengths: lengths, threads: 2))
      #expect(one == adj.betweenness(lengths: lengths, threads: 3))
      // And equal (within rounding) to the generic accumulation the group variants use.
      let generic = adj.accumulate(lengths: lengths) { _, _ in true }
      for i in one.indices { #expect(close(one[i], generic[i])) }
    }
  }
}
