import Testing

@testable import Brobyggare

/// The linear-time kernels under components, cut structure and the undirected view, checked
/// against plain definitions on seeded random graphs (sparse and dense, with mutual pairs,
/// parallel ties and self-loops).
@Suite("Components, cut structure and the undirected view against their definitions")
struct ComponentTests {
  static func randomNetwork(seed: UInt64, n: Int, ties: Int, directed: Bool) -> Network {
    var rng = SeededGenerator(seed: seed)
    var net = Network(directed: directed)
    for i in 0..<n { try! net.addNode(Node(id: "n\(i)")) }
    for _ in 0..<ties {
      let u = Int.random(in: 0..<n, using: &rng)
      let v = Int.random(in: 0..<n, using: &rng)
      net.addTie(from: "n\(u)", to: "n\(v)", trust: Double(Int.random(in: 1...5, using: &rng)))
    }
    return net
  }

  static let cases: [(UInt64, Int, Int)] = [
    (1, 30, 20), (2, 30, 45), (3, 40, 120), (4, 25, 300), (5, 60, 70),
  ]

  /// Who reaches whom along arcs (breadth-first from every node).
  static func reach(_ a: Adjacency) -> [[Bool]] {
    (0..<a.nodeCount).map { s in
      var seen = [Bool](repeating: false, count: a.nodeCount)
      seen[s] = true
      var queue = [s]
      while let v = queue.popLast() {
        for w in a.successors(of: v) where !seen[Int(w)] {
          seen[Int(w)] = true
          queue.append(Int(w))
        }
      }
      return seen
    }
  }

  /// The same partition: u and v share a component in one exactly when they do in the other.
  static func samePartition(_ membership: [Int], _ together: (Int, Int) -> Bool) -> Bool {
    let n = membership.count
    for u in 0..<n {
      for v in 0..<n where (membership[u] == membership[v]) != together(u, v) { return false }
    }
    return true
  }

  @Test(arguments: cases)
  func strongComponentsAreMutualReach(_ c: (UInt64, Int, Int)) throws {
    let adj = try Self.randomNetwork(seed: c.0, n: c.1, ties: c.2, directed: true).adjacency()
    let r = Self.reach(adj)
    let strong = adj.strongComponents
    #expect(Self.samePartition(strong.membership) { r[$0][$1] && r[$1][$0] })
    #expect(strong.sizes.reduce(0, +) == c.1)
    // Numbered in order of first node.
    var firstSeen: [Int] = []
    for m in strong.membership where !firstSeen.contains(m) { firstSeen.append(m) }
    #expect(firstSeen == Array(0..<strong.count))
  }

  @Test(arguments: cases)
  func weakComponentsAreReachInTheUndirectedView(_ c: (UInt64, Int, Int)) throws {
    let net = Self.randomNetwork(seed: c.0, n: c.1, ties: c.2, directed: true)
    let adj = try net.adjacency()
    let r = Self.reach(adj.undirected())
    #expect(Self.samePartition(adj.weakComponents.membership) { r[$0][$1] })
  }

  /// The undirected view equals the one built by sorting every arc as an undirected tie, for
  /// every merge rule, row by row and trust by trust.
  @Test(arguments: cases)
  func undirectedViewEqualsTheSortedBuild(_ c: (UInt64, Int, Int)) throws {
    let net = Self.randomNetwork(seed: c.0, n: c.1, ties: c.2, directed: true)
    for merge in TieMerge.allCases {
      let adj = try net.adjacency(TieSelection(merge: merge))
      var arcs: [(Int32, Int32, Double)] = []
      for v in 0..<adj.nodeCount {
        for k in adj.outOffsets[v]..<adj.outOffsets[v + 1] {
          let (a, b) = (Int32(v), adj.outTargets[k])
          arcs.append((min(a, b), max(a, b), adj.outTrust[k]))
        }
      }
      let expected = Adjacency.build(
        nodeCount: adj.nodeCount, directed: false, arcs: arcs, merge: merge)
      let view = adj.undirected(merge: merge)
      #expect(!view.isDirected)
      #expect(view.outOffsets == expected.outOffsets)
      #expect(view.outTargets == expected.outTargets)
      #expect(view.outTrust == expected.outTrust)
      #expect(view.inOffsets == expected.inOffsets && view.inTargets == expected.inTargets)
    }
  }

  /// A node is an articulation point when removing it leaves more components among the rest;
  /// an edge is a bridge when removing it does.
  @Test(arguments: cases)
  func cutStructureMatchesRemoval(_ c: (UInt64, Int, Int)) throws {
    let net = Self.randomNetwork(seed: c.0, n: c.1, ties: c.2, directed: true)
    let g = try net.adjacency().undirected()
    let n = g.nodeCount
    func componentCount(skipNode x: Int?, skipEdge e: (Int, Int)?) -> Int {
      var seen = [Bool](repeating: false, count: n)
      var count = 0
      for s in 0..<n where s != x && !seen[s] {
        count += 1
        seen[s] = true
        var stack = [s]
        while let v = stack.popLast() {
          for w32 in g.successors(of: v) {
            let w = Int(w32)
            if w == x || seen[w] { continue }
            if let e, (v, w) == e || (w, v) == e { continue }
            seen[w] = true
            stack.append(w)
          }
        }
      }
      return count
    }
    let whole = componentCount(skipNode: nil, skipEdge: nil)
    let cut = g.cutStructure
    var points = 0
    for v in 0..<n {
      // Removing a leaf keeps the count and an isolated node lowers it; a cut point raises it.
      #expect(cut.isArticulationPoint[v] == (componentCount(skipNode: v, skipEdge: nil) > whole))
      if cut.isArticulationPoint[v] { points += 1 }
    }
    // The sparse cases have cut points (checked, so that the comparison is not vacuous).
    if c.2 < 2 * c.1 { #expect(points > 0) }
    var expectedBridges: [(Int, Int)] = []
    for v in 0..<n {
      for w32 in g.successors(of: v) where v < Int(w32) {
        if componentCount(skipNode: nil, skipEdge: (v, Int(w32))) > whole {
          expectedBridges.append((v, Int(w32)))
        }
      }
    }
    #expect(cut.bridges.elementsEqual(expectedBridges, by: ==))
    if c.2 < 2 * c.1 { #expect(!expectedBridges.isEmpty) }
  }
}
