import Foundation
import Testing

@testable import Brobyggare

@Suite("Betweenness between groups")
struct IntergroupTests {
  func groups(_ ref: Reference) -> [Int] {
    let g = ref.expected["groups"] as! [String: String]
    let names = Array(Set(g.values)).sorted()
    return ref.nodes.map { names.firstIndex(of: g[$0]!)! }
  }

  /// networkx 3.6.1 betweenness_centrality_subset summed over group pairs (Fixtures/generate.py).
  @Test(arguments: Reference.names)
  func agreesWithNetworkxSubsets(_ name: String) throws {
    let ref = try Reference(name)
    let adj = try ref.network.adjacency()
    let got = adj.intergroupBetweenness(
      groups: groups(ref), lengths: try ArcLengths(adj, transform: .hops))
    let want = ref.values("betweenness_intergroup_hops")
    for i in got.indices {
      #expect(close(got[i], want[i]), "\(name) \(ref.nodes[i]): \(got[i]) vs \(want[i])")
    }
  }

  /// The breakdown, multiplied back by the number of pairs, adds up to the total; with one
  /// group per node it is the ordinary betweenness.
  @Test(arguments: ["gnp_directed_40", "florentine_marriage"])
  func breakdownAddsUp(_ name: String) throws {
    let ref = try Reference(name)
    let adj = try ref.network.adjacency()
    let g = groups(ref)
    let lengths = try ArcLengths(adj, transform: .hops)
    let total = adj.intergroupBetweenness(groups: g, lengths: lengths)
    let parts = adj.intergroupBreakdown(groups: g, groupCount: 3, lengths: lengths)
    let sizes = (0..<3).map { k in g.filter { $0 == k }.count }
    for v in 0..<adj.nodeCount {
      var sum = 0.0
      for a in 0..<3 {
        for b in 0..<3 where a != b {
          let own = g[v] == a ? sizes[b] : g[v] == b ? sizes[a] : 0
          sum += parts[a][b][v] * Double(sizes[a] * sizes[b] - own)
        }
      }
      if !adj.isDirected { sum /= 2 }
      #expect(close(sum, total[v]))
    }
    let singletons = adj.intergroupBetweenness(groups: Array(0..<adj.nodeCount), lengths: lengths)
    let plain = adj.betweenness(lengths: lengths)
    for v in 0..<adj.nodeCount { #expect(close(singletons[v], plain[v])) }
  }

  /// Betweenness between groups runs in the betweenness kernels (sixteen breadth-first searches
  /// at a time on hops; Dijkstra's with buckets, or a radix heap where the lengths spread too
  /// far for buckets), with a target indicator per lane or source. It must give Brandes' generic
  /// accumulation with that indicator (``Adjacency/accumulate``, one search at a time over
  /// every arc), to rounding, on random networks with nodes of no group, batches of sixteen
  /// sources full and part-full, and several chunks; and the same
  /// bits for any number of threads.
  /// (With buckets, the kernel leaves out arcs its landmarks prove to be detours, which assumes
  /// what every undirected network has: a tie's length the same both ways.)
  @Test(arguments: [false, true])
  func kernelsMatchTheGenericAccumulation(_ directed: Bool) throws {
    var rng = SeededGenerator(seed: directed ? 81 : 82)
    // One chunk of sources below 128 nodes, 130 two chunks, 300 four. On hops the sources with
    // a group fill the batches (the others take no lane): about four in five of the chunk's, so
    // the part-full batches vary in size.
    for n in [2, 5, 17, 29, 40, 130, 300] {
      var pairs = Set<[Int32]>()
      for _ in 0..<(3 * n) {
        let u = Int32(rng.next() % UInt64(n))
        let v = Int32(rng.next() % UInt64(n))
        if u == v { continue }
        pairs.insert([u, v])
        if !directed { pairs.insert([v, u]) }
      }
      let arcs = pairs.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }.map { ($0[0], $0[1], 1.0) }
      let adj = Adjacency(nodeCount: n, directed: directed, sortedArcs: arcs)
      // Groups 0 to 2, and -1 (none) for about one node in five.
      let groups = (0..<n).map { _ in Int(rng.next() % 5) - 1 }.map { $0 > 2 ? 0 : $0 }
      var choices: [[Double]?] = [nil, [0.5, 1, 1.5, 2], [1, 10_000]]
      if adj.arcCount == 0 { choices = [nil] }
      for values in choices {
        var lengths = try ArcLengths(adj, transform: .hops)
        if let values {
          // A length per pair of nodes, the same both ways on undirected networks (as a tie's
          // length is).
          let salt = Int(rng.next() % 1000)
          var perArc = [Double](repeating: 0, count: adj.arcCount)
          for u in 0..<n {
            for k in adj.outOffsets[u]..<adj.outOffsets[u + 1] {
              let w = Int(adj.outTargets[k])
              let (a, b) = directed ? (u, w) : (Swift.min(u, w), Swift.max(u, w))
              perArc[k] = values[(a * 31 + b * 17 + salt) % values.count]
            }
          }
          lengths = ArcLengths(transform: .raw, lengths: perArc)
        }
        let want = adj.accumulate(lengths: lengths, threads: 1) { s, w in
          groups[w] != groups[s] && groups[w] >= 0 && groups[s] >= 0
        }
        let got = adj.intergroupBetweenness(groups: groups, lengths: lengths, threads: 1)
        let threaded = adj.intergroupBetweenness(groups: groups, lengths: lengths, threads: 3)
        for v in 0..<n {
          #expect(
            close(got[v], want[v], 1e-12),
            "n=\(n) lengths \(values ?? []) node \(v): \(got[v]) vs \(want[v])")
          #expect(got[v].bitPattern == threaded[v].bitPattern, "n=\(n) node \(v): threads")
        }
      }
    }
  }

  /// Trust 1 under -log is a tie of length 0. With such ties the number of shortest paths, and
  /// so betweenness, depended on the order of the ties (120 against 195 for one network
  /// shuffled), and harmonic closeness divides by 0: they are refused, naming the tie, as igraph
  /// refuses weights that are not positive. The most-trusted path alone is well defined.
  @Test(arguments: [false, true])
  func zeroLengthTiesAreRefused(_ directed: Bool) throws {
    var net = Network(directed: directed)
    for id in ["a", "b", "c", "d"] { try net.addNode(Node(id: id)) }
    for (u, v, t) in [("a", "b", 1.0), ("b", "c", 0.5), ("c", "d", 1.0)] {
      net.addTie(from: u, to: v, trust: t)
      if directed { net.addTie(from: v, to: u, trust: t) }
    }
    let adj = try net.adjacency()
    #expect(throws: DistanceError.self) {
      try ArcLengths(adj, transform: .negativeLog, nodeIDs: ["a", "b", "c", "d"])
    }
    do {
      _ = try ArcLengths(adj, transform: .negativeLog, nodeIDs: ["a", "b", "c", "d"])
    } catch {
      // Named by its ends, the arrow as the network's direction, and the others counted:
      // c–d too, and undirected each tie once; directed, b -> a, c -> d, d -> c (by hand).
      #expect(error.description.contains("on the tie a \(directed ? "->" : "--") b"))
      #expect(error.description.contains("use --distance reciprocal"))
      #expect(
        error.description.hasSuffix(
          directed ? "(and 3 other ties' weights have none)" : "(and 1 other tie's weight has none)"
        ), "\(error)")
    }
    // The most-trusted path a to d: 1 · 0.5 · 1.
    let tree = try adj.trustTree(from: 0, nodeIDs: ["a", "b", "c", "d"])
    #expect(tree.path(to: 3)?.trust == 0.5)
    // A trust so small that 1/trust overflows has no length either.
    var tiny = Network(directed: false)
    tiny.addTie(from: "a", to: "b", trust: 5e-324)
    #expect(throws: DistanceError.self) {
      try ArcLengths(try tiny.adjacency(), transform: .reciprocal)
    }
  }
}

@Suite("E-I index")
struct EIIndexTests {
  /// Hand-worked: groups A = {a1, a2}, B = {b1, b2, lone}; ties a1–a2 (internal), a1–b1, a2–b2
  /// (external). Network E-I = (2 − 1)/3 = 1/3; expected from sizes: 6 pairs across, 1 + 3
  /// within: (6 − 4)/10. Group A: E 2, I 1 → 1/3; group B: E 2, I 0 → 1. Node a1: E 1, I 1 → 0;
  /// b1: only external → 1; lone has no tie → NaN; expected for a node of A: (3 − 1)/4.
  @Test func byHand() throws {
    var net = Network(directed: false)
    for (id, g) in [("a1", "A"), ("a2", "A"), ("b1", "B"), ("b2", "B"), ("lone", "B")] {
      try net.addNode(Node(id: id, attributes: ["sector": .string(g)]))
    }
    net.addTie(from: "a1", to: "a2")
    net.addTie(from: "a1", to: "b1")
    net.addTie(from: "a2", to: "b2")
    let (g, names) = try net.groups(by: "sector")
    #expect(names == ["A", "B"])
    let ei = try net.adjacency().eiIndex(groups: g, groupCount: 2, permutations: 99, seed: 3)
    #expect(close(ei.network, 1.0 / 3))
    // 5 nodes: |A| = 2, |B| = 3: 6 pairs across, 1 + 3 within.
    #expect(close(ei.networkExpected, (6.0 - 4) / 10))
    #expect(close(ei.groups[0], 1.0 / 3))
    #expect(close(ei.groups[1], 1))
    #expect(ei.nodes[0] == 0)
    #expect(ei.nodes[2] == 1)
    #expect(ei.nodes[4].isNaN)
    #expect(close(ei.nodesExpected[0], (3.0 - 1) / 4))
    let p = try #require(ei.pGreater)
    #expect(p > 0 && p <= 1)
    let again = try net.adjacency().eiIndex(groups: g, groupCount: 2, permutations: 99, seed: 3)
    #expect(again.pGreater == ei.pGreater && again.pLess == ei.pLess)
    // No tie between grouped nodes: the index is NaN, and so are its p-values (a probe found
    // 0.000999 both ways, as every comparison with NaN is false).
    var apart = Network(directed: false)
    for (id, g) in [("a", "A"), ("b", ""), ("c", "B"), ("d", "")] {
      try apart.addNode(Node(id: id, attributes: g.isEmpty ? [:] : ["sector": .string(g)]))
    }
    apart.addTie(from: "a", to: "b")
    apart.addTie(from: "b", to: "c")
    apart.addTie(from: "c", to: "d")
    let (h, _) = try apart.groups(by: "sector")
    let none = try apart.adjacency().eiIndex(groups: h, groupCount: 2, permutations: 99, seed: 3)
    #expect(none.network.isNaN && none.pGreater?.isNaN == true && none.pLess?.isNaN == true)
    // One number written two ways: two groups, listed as similar.
    var codes = Network(directed: false)
    for (id, g) in [("a", "1"), ("b", "1.0"), ("c", "2")] {
      try codes.addNode(Node(id: id, attributes: ["sector": .string(g)]))
    }
    let assignment = try codes.groupAssignment(by: "sector")
    #expect(assignment.names == ["1", "1.0", "2"] && assignment.similarNames == [["1", "1.0"]])
  }
}
