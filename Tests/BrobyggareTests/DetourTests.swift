import Testing

@testable import Brobyggare

/// Arcs on no shortest path (detours) are left out of Dijkstra's searches with buckets
/// (`Adjacency.withoutDetours`). Which arcs are detours follows from the definition on the small
/// cases; on random networks the claim is that leaving them out changes no bit, so the
/// expected values are the same kernels run on every arc (`keepingDetours`).
@Suite("Detours left out of the weighted searches")
struct DetourTests {
  /// The graph renumbered by degree, as the kernels run on it, with raw trust as length.
  func kernelInput(_ net: Network) throws -> (Adjacency, [Double], BucketQueue.Layout) {
    let adj = try net.adjacency()
    let lengths = try ArcLengths(adj, transform: .raw).lengths!
    let (permuted, permutedLengths, _) = adj.relabelledByDegree(lengths: lengths)
    let layout = try #require(
      BucketQueue.layout(lengths: permutedLengths!, nodeCount: adj.nodeCount))
    return (permuted, permutedLengths!, layout)
  }

  /// The arcs of a graph as (tail, head, length) triples, by tail then row order.
  func arcs(_ adj: Adjacency, _ lengths: [Double]) -> [String] {
    (0..<adj.nodeCount).flatMap { v in
      (adj.outOffsets[v]..<adj.outOffsets[v + 1]).map {
        "\(v)>\(adj.outTargets[$0]):\(lengths[$0])"
      }
    }
  }

  /// A square a–b–c–d–a of unit ties with a diagonal a–c: of length 3 the diagonal is a detour
  /// (a–b–c is 2), of length 2 it ties with a–b–c and stays, and of length 2 + 10⁻¹³ it ties
  /// within the searches' tolerance and stays too.
  @Test(arguments: [(3.0, true), (2.0, false), (2.0 + 1e-13, false), (1.5, false)])
  func aDiagonalIsADetourOnlyWhenClearlyLonger(_ diagonal: Double, _ isDetour: Bool) throws {
    var net = Network(directed: false)
    for id in ["a", "b", "c", "d"] { try net.addNode(Node(id: id)) }
    for (u, v) in [("a", "b"), ("b", "c"), ("c", "d"), ("d", "a")] {
      net.addTie(from: u, to: v, trust: 1)
    }
    net.addTie(from: "a", to: "c", trust: diagonal)
    let (adj, lengths, layout) = try kernelInput(net)
    let pruned = adj.withoutDetours(lengths: lengths, layout: layout)
    if isDetour {
      let (kept, keptLengths) = try #require(pruned)
      // Both arcs of the diagonal go, every other arc stays in its row order.
      let expected = arcs(adj, lengths).filter { !$0.hasSuffix(":3.0") }
      #expect(expected.count == 8)
      #expect(arcs(kept, keptLengths) == expected)
    } else {
      #expect(pruned == nil)
    }
  }

  /// The margin is applied as stated: a diagonal longer than the path round the square by half
  /// the margin of its head stays, by twice the margin it goes.
  @Test func theMarginDecides() throws {
    // In the square with the diagonal, c has three arcs in (from b, d and a).
    let margin = Adjacency.margin(longest: 2.1, shortest: 1, nodeCount: 4, inDegree: 3)
    #expect(margin > 0 && margin < 1e-6)
    for (excess, isDetour) in [(0.5, false), (2.0, true)] {
      var net = Network(directed: false)
      for id in ["a", "b", "c", "d"] { try net.addNode(Node(id: id)) }
      for (u, v) in [("a", "b"), ("b", "c"), ("c", "d"), ("d", "a")] {
        net.addTie(from: u, to: v, trust: 1)
      }
      // The longest length is 2.1, so the margin is the one above.
      net.addTie(from: "b", to: "d", trust: 2.1)
      net.addTie(from: "a", to: "c", trust: 2 + excess * margin)
      let (adj, lengths, layout) = try kernelInput(net)
      let kept = adj.withoutDetours(lengths: lengths, layout: layout)?.0.arcCount ?? adj.arcCount
      // b–d (2.1 against 2) goes in both; a–c only when clearly longer.
      #expect(kept == (isDetour ? 8 : 10), "excess \(excess) × margin")
    }
  }

  /// Landmarks in one component prove nothing about another: there the detour stays, and the
  /// unreachable distances (+∞) leave every arc in place rather than a NaN deciding.
  @Test func anotherComponentKeepsItsArcs() throws {
    var net = Network(directed: false)
    // A wheel of 12 (every rim node has degree 3, the hub 12) with a detour hub–r0 of length 9.
    for i in 0..<12 { net.addTie(from: "r\(i)", to: "r\((i + 1) % 12)", trust: 1) }
    for i in 1..<12 { net.addTie(from: "hub", to: "r\(i)", trust: 1) }
    net.addTie(from: "hub", to: "r0", trust: 9)
    // A triangle whose long side is a detour no landmark reaches.
    net.addTie(from: "t0", to: "t1", trust: 1)
    net.addTie(from: "t1", to: "t2", trust: 1)
    net.addTie(from: "t0", to: "t2", trust: 3)
    let (adj, lengths, layout) = try kernelInput(net)
    let (kept, keptLengths) = try #require(adj.withoutDetours(lengths: lengths, layout: layout))
    // Only the two arcs of hub–r0 go; the triangle keeps its 6.
    #expect(kept.arcCount == adj.arcCount - 2)
    #expect(keptLengths.filter { $0 == 9 }.isEmpty)
    #expect(keptLengths.filter { $0 == 3 }.count == 2)
  }

  /// A directed detour: x → y of length 5 beside x → z → y of length 2, with an arc y → x of
  /// length 1 that nothing bypasses. Only x → y goes.
  @Test func aDirectedDetour() throws {
    var net = Network(directed: true)
    for id in ["x", "y", "z"] { try net.addNode(Node(id: id)) }
    net.addTie(from: "x", to: "y", trust: 5)
    net.addTie(from: "x", to: "z", trust: 1)
    net.addTie(from: "z", to: "y", trust: 1)
    net.addTie(from: "y", to: "x", trust: 1)
    let kept = try expectOnlyTheDetourGoes(net)
    #expect(kept.arcCount == 3)
  }

  /// The detour pass on `net` (raw trust as length) leaves out the arc x → y of length 5 and
  /// keeps every other arc in its row order; the network without it.
  @discardableResult
  func expectOnlyTheDetourGoes(
    _ net: Network, sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> Adjacency {
    let adj = try net.adjacency()
    let lengths = try ArcLengths(adj, transform: .raw).lengths!
    let layout = try #require(
      BucketQueue.layout(lengths: lengths, nodeCount: adj.nodeCount),
      sourceLocation: sourceLocation)
    let (kept, keptLengths) = try #require(
      adj.withoutDetours(lengths: lengths, layout: layout), sourceLocation: sourceLocation)
    let (x, y) = (net.index(of: "x")!, net.index(of: "y")!)
    #expect(
      arcs(kept, keptLengths) == arcs(adj, lengths).filter { $0 != "\(x)>\(y):5.0" },
      sourceLocation: sourceLocation)
    return kept
  }

  /// On a directed network the landmarks are the nodes of most arcs out and in: nine
  /// broadcasters with three arcs out each and none in (a path can pass through none of them)
  /// beside a hub h with two arcs in and two out, x → h → y, and a detour x → y of length 5.
  /// Chosen by arcs out alone, the eight landmarks would all be broadcasters and the detour
  /// would stay; through h it goes.
  @Test func directedLandmarksNeedArcsInAsWellAsOut() throws {
    var net = Network(directed: true)
    for id in ["x", "y", "h", "t0", "t1", "t2"] { try net.addNode(Node(id: id)) }
    for b in 0..<9 {
      try net.addNode(Node(id: "b\(b)"))
      for t in 0..<3 { net.addTie(from: "b\(b)", to: "t\(t)", trust: 1) }
    }
    net.addTie(from: "x", to: "h", trust: 1)
    net.addTie(from: "h", to: "y", trust: 1)
    net.addTie(from: "t0", to: "h", trust: 1)
    net.addTie(from: "h", to: "t1", trust: 1)
    net.addTie(from: "x", to: "y", trust: 5)
    try expectOnlyTheDetourGoes(net)
  }

  /// Random networks of 60 to 400 nodes, lengths drawn from a few values whose sums tie
  /// exactly or only within the tolerance (0.1 + 0.2 against 0.3), or from a continuum:
  /// betweenness chunk by chunk, and closeness and harmonic closeness, are the same bits with
  /// and without the detours, and the networks do have detours to leave out.
  @Test(arguments: [false, true])
  func leavingDetoursOutChangesNoBit(_ directed: Bool) throws {
    var rng = SeededGenerator(seed: directed ? 71 : 72)
    let tied = [0.1, 0.2, 0.3, 0.5, 1.0, 2.0]
    for (n, continuous) in [(60, false), (150, true), (400, false), (400, true)] {
      var net = Network(directed: directed)
      for i in 0..<n { try net.addNode(Node(id: "n\(i)")) }
      // A few hubs and many small nodes, as in the networks the kernels are fast for.
      for i in 1..<n {
        for _ in 0..<3 {
          let j = Int(rng.next() % UInt64(i)) / (Int(rng.next() % 3) + 1)
          let t =
            continuous
            ? 0.001 * Double(1 + rng.next() % 1000) : tied[Int(rng.next() % UInt64(tied.count))]
          // Directed: one way, or both ways with two lengths.
          let way = rng.next() % 3
          if way != 1 { net.addTie(from: "n\(i)", to: "n\(j)", trust: t) }
          if way != 0 { net.addTie(from: "n\(j)", to: "n\(i)", trust: way == 2 ? 2 * t : t) }
        }
      }
      let (adj, lengths, layout) = try kernelInput(net)
      let (kept, keptLengths) = try #require(adj.withoutDetours(lengths: lengths, layout: layout))
      // At least one arc in twenty is a detour.
      #expect(kept.arcCount * 100 < adj.arcCount * 95, "n=\(n): too few detours to test")

      let chunks = sourceChunkCount(n)
      let fast = adj.brandesPartials(lengths: lengths, chunks: 0..<chunks, of: chunks, threads: 2)
      let every = adj.brandesPartials(
        lengths: lengths, chunks: 0..<chunks, of: chunks, threads: 1, keepingDetours: true)
      let differing = (0..<(chunks * n)).filter {
        fast.pointer[$0].bitPattern != every.pointer[$0].bitPattern
      }
      #expect(differing.isEmpty, "n=\(n) continuous=\(continuous): \(differing.prefix(5))")

      var results: [[Double]] = []
      for graph in [(adj, lengths), (kept, keptLengths)] {
        let closeness = SharedBuffer<Double>(repeating: 0, count: n)
        let harmonic = SharedBuffer<Double>(repeating: 0, count: n)
        graph.0.dijkstraCloseness(
          sources: 0..<n, lengths: graph.1, buckets: layout, closeness: closeness.pointer,
          harmonic: harmonic.pointer)
        results.append(closeness.array + harmonic.array)
      }
      #expect(
        results[0].map(\.bitPattern) == results[1].map(\.bitPattern),
        "n=\(n) continuous=\(continuous): closeness")
    }
  }
}
