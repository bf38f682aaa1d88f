import Testing

@testable import Brobyggare

/// The unweighted kernel runs sixteen breadth-first searches at once in SIMD lanes. These tests
/// check it where lanes differ most: long paths (hundreds of levels), sources in different
/// components, sinks of directed networks, and batches with fewer than sixteen sources. Expected
/// values are closed forms (stated with each test) or the generic one-source accumulation that
/// group betweenness uses.
@Suite("Betweenness kernel: sixteen sources at a time")
struct BetweennessKernelTests {
  func network(directed: Bool, nodes: Int, ties: [(Int, Int)]) throws -> Network {
    try numberedNetwork(directed: directed, nodes: nodes, ties: ties)
  }

  /// The kernel on two threads against the generic accumulation, and bit for bit against
  /// itself on one thread.
  func expectAgreesWithOneSourceAtATime(_ adj: Adjacency, _ lengths: ArcLengths) {
    let fast = adj.betweenness(lengths: lengths, threads: 2)
    let generic = adj.accumulate(lengths: lengths) { _, _ in true }
    for i in 0..<adj.nodeCount {
      #expect(
        close(fast[i], generic[i], 1e-12),
        "n=\(adj.nodeCount) node \(i): \(fast[i]) vs \(generic[i])")
    }
    #expect(fast == adj.betweenness(lengths: lengths, threads: 1))
  }

  /// The renumbering the kernels run on, against its definition written out plainly: nodes
  /// ranked by degree, largest first, ties by old number; each node's arcs ordered by new head,
  /// parallel arcs in their old order. Trust and lengths differ on every arc, so an arc moved
  /// without its values shows; the networks have parallel arcs, self-loops and isolated nodes.
  @Test(arguments: [false, true])
  func renumberingByDegree(_ directed: Bool) {
    var rng = SeededGenerator(seed: directed ? 61 : 62)
    for n in [1, 2, 5, 17, 64, 200] {
      var arcs: [(Int32, Int32, Double)] = []
      for _ in 0..<(n * 3) {
        let (u, v) = (
          Int32(Int.random(in: 0..<n, using: &rng)), Int32(Int.random(in: 0..<n, using: &rng))
        )
        let t = Double(arcs.count) + 0.5
        arcs.append((u, v, t))
        if !directed && u != v { arcs.append((v, u, t + 0.25)) }
        if Int.random(in: 0..<5, using: &rng) == 0 { arcs.append((u, v, -t)) }  // a parallel arc
      }
      arcs.sort { $0.0 < $1.0 }  // by tail; heads stay in the order drawn
      let adj = Adjacency(nodeCount: n, directed: directed, sortedArcs: arcs)
      let lengths = (0..<adj.arcCount).map { Double($0) * 3 + 1 }
      let (renumbered, newLengths, newID) = adj.relabelledByDegree(lengths: lengths)

      let degree = { (v: Int) in adj.outOffsets[v + 1] - adj.outOffsets[v] }
      let byDegree = (0..<n).sorted { degree($0) != degree($1) ? degree($0) > degree($1) : $0 < $1 }
      #expect(byDegree.map { newID[$0] } == Array(0..<n), "n=\(n)")
      var offsets = [0]
      var targets: [Int32] = []
      var trust: [Double] = []
      var expectedLengths: [Double] = []
      for v in byDegree {
        let row = (adj.outOffsets[v]..<adj.outOffsets[v + 1]).map {
          (newID[Int(adj.outTargets[$0])], $0)
        }
        .sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        targets += row.map { Int32($0.0) }
        trust += row.map { adj.outTrust[$0.1] }
        expectedLengths += row.map { lengths[$0.1] }
        offsets.append(targets.count)
      }
      #expect(renumbered.outOffsets == offsets, "n=\(n)")
      #expect(renumbered.outTargets == targets, "n=\(n)")
      #expect(renumbered.outTrust == trust, "n=\(n)")
      #expect(newLengths == expectedLengths, "n=\(n)")
      #expect(renumbered.isDirected == directed)
    }
  }

  /// The order the unweighted kernel takes its sources in, against breadth-first search written
  /// out plainly (a queue of node numbers, each node's arcs in order, a new root at the first
  /// node not yet reached): every node once, including isolated nodes, the nodes of other
  /// components, and (directed) nodes no arc reaches, which start searches of their own.
  @Test(arguments: [false, true])
  func batchOrderIsBreadthFirst(_ directed: Bool) throws {
    var rng = SeededGenerator(seed: directed ? 71 : 72)
    for n in [1, 2, 17, 40, 300] {
      var ties: [(Int, Int)] = []
      for _ in 0..<n {
        ties.append((Int(rng.next() % UInt64(n)), Int(rng.next() % UInt64(n))))
      }
      let adj = try network(directed: directed, nodes: n, ties: ties).adjacency()
      var expected: [Int] = []
      var reached = Set<Int>()
      for root in 0..<n where !reached.contains(root) {
        reached.insert(root)
        var queue = [root]
        var at = 0
        while at < queue.count {
          let v = queue[at]
          at += 1
          expected.append(v)
          for k in adj.outOffsets[v]..<adj.outOffsets[v + 1] {
            let w = Int(adj.outTargets[k])
            if reached.insert(w).inserted { queue.append(w) }
          }
        }
      }
      let order = adj.batchOrder().map { Int($0) }
      #expect(order == expected, "n=\(n)")
      #expect(Set(order).count == n, "n=\(n)")
    }
  }

  /// On a path of n nodes the i-th node (from 0) lies between the i nodes on one side and the
  /// n − 1 − i on the other: b(i) = i (n − 1 − i). 700 nodes give 699 levels.
  @Test func longPath() throws {
    let n = 700
    let net = try network(directed: false, nodes: n, ties: (0..<(n - 1)).map { ($0, $0 + 1) })
    let b = try net.betweenness(threads: 2)
    for i in 0..<n { #expect(b[i] == Double(i * (n - 1 - i)), "node \(i): \(b[i])") }
  }

  /// On a directed cycle of n nodes every node lies on the one path of (n − 1)(n − 2)/2
  /// ordered pairs.
  @Test func directedCycle() throws {
    let n = 300
    let net = try network(directed: true, nodes: n, ties: (0..<n).map { ($0, ($0 + 1) % n) })
    let b = try net.betweenness(threads: 1)
    for i in 0..<n { #expect(b[i] == Double((n - 1) * (n - 2) / 2), "node \(i): \(b[i])") }
  }

  /// A star's centre lies on the one path between each pair of its k leaves: C(k, 2).
  @Test(arguments: [1, 2, 7, 8, 9, 20])
  func star(_ leaves: Int) throws {
    let net = try network(directed: false, nodes: leaves + 1, ties: (1...leaves).map { (0, $0) })
    let b = try net.betweenness(threads: 1)
    #expect(b[0] == Double(leaves * (leaves - 1) / 2))
    for i in 1...leaves { #expect(b[i] == 0) }
  }

  /// Random networks of every size from 1 to 24 nodes and some larger ones, with isolated
  /// nodes, several components and (when directed) sinks and sources, against the generic
  /// accumulation, which searches one source at a time.
  @Test(arguments: [false, true])
  func agreesWithOneSourceAtATime(_ directed: Bool) throws {
    var rng = SeededGenerator(seed: directed ? 31 : 32)
    for n in Array(1...24) + [63, 64, 65, 130, 257] {
      var ties: [(Int, Int)] = []
      // Sparse, so that many pairs are unreachable, plus one denser block.
      for _ in 0..<(n + n / 2) {
        ties.append((Int(rng.next() % UInt64(n)), Int(rng.next() % UInt64(n))))
      }
      let block = Swift.min(n, 12)
      for _ in 0..<(block * 3) {
        ties.append((Int(rng.next() % UInt64(block)), Int(rng.next() % UInt64(block))))
      }
      let net = try network(directed: directed, nodes: n, ties: ties)
      let adj = try net.adjacency()
      let lengths = try ArcLengths(adj, transform: .hops)
      expectAgreesWithOneSourceAtATime(adj, lengths)
    }
  }

  /// The arcs in 16-bit heads and 32-bit offsets (up to 65,536 nodes), 32-bit heads (more
  /// nodes) and 64-bit offsets give the same sums bit for bit: the same searches, only the
  /// widths of the integers read differ. 70,000 nodes take the 32-bit heads (and the split
  /// forward pass); there a few sources stand for all (every source's search is the same
  /// code). The widest arcs run with a workspace sized for no arcs, so that the store of DAG
  /// arcs grows while searches run, and must still give the same sums.
  @Test func everyArcWidthGivesTheSameSums() throws {
    var rng = SeededGenerator(seed: 61)
    for (n, sourceCount) in [(40, 40), (300, 300), (70_000, 20)] {
      var ties: [(Int, Int)] = []
      for _ in 0..<(2 * n) {
        ties.append((Int(rng.next() % UInt64(n)), Int(rng.next() % UInt64(n))))
      }
      let adj = try network(directed: true, nodes: n, ties: ties).adjacency()
      func sums(_ arcs: CompactArcs, arcsFirstReserved: Int) -> [Double] {
        let ws = BatchedBFSWorkspace(nodeCount: n, arcCount: arcsFirstReserved)
        var acc = [Double](repeating: 0, count: n)
        let sources = (0..<sourceCount).map { Int32($0) }
        acc.withUnsafeMutableBufferPointer { acc in
          sources.withUnsafeBufferPointer {
            arcs.bfsDependencies(sources: $0, workspace: ws, into: acc.baseAddress!)
          }
        }
        return acc
      }
      let compact = CompactArcs(adj)
      let widest = CompactArcs(adj, widest: true)
      switch (compact.storage, widest.storage) {
      case (.narrow, .wide): #expect(n <= 65_536)
      case (.medium, .wide): #expect(n > 65_536)
      default: Issue.record("n=\(n): unexpected widths")
      }
      let a = sums(compact, arcsFirstReserved: adj.arcCount)
      let b = sums(widest, arcsFirstReserved: 0)
      #expect(a == b, "n=\(n)")
      #expect(a.contains { $0 > 0 }, "n=\(n): no node lies between others")
    }
  }

  /// The forward pass split in two (DAG arcs found first, then σ pushed along them), which
  /// large networks take, gives the same sums bit for bit as the single pass, directed and
  /// not, on sparse random networks with several components; the split run starts with room
  /// for no DAG arcs, so that the store grows between its two steps. (Large networks also
  /// clear a batch's values in one sweep when its entries outnumber the nodes, as the batches
  /// in the giant components here do, and node by node otherwise, as in the small ones.)
  @Test(arguments: [false, true])
  func splitForwardPassGivesTheSameSums(_ directed: Bool) throws {
    #expect(!BatchedBFSWorkspace(nodeCount: splitForwardPassNodes, arcCount: 0).splitsForwardPass)
    #expect(
      BatchedBFSWorkspace(nodeCount: splitForwardPassNodes + 1, arcCount: 0).splitsForwardPass)
    var rng = SeededGenerator(seed: directed ? 71 : 72)
    for n in [5, 40, 300, 2_000] {
      var ties: [(Int, Int)] = []
      for _ in 0..<(3 * n / 2 + 2) {
        ties.append((Int(rng.next() % UInt64(n)), Int(rng.next() % UInt64(n))))
      }
      let adj = try network(directed: directed, nodes: n, ties: ties).adjacency()
      let arcs = CompactArcs(adj)
      func sums(split: Bool, arcsFirstReserved: Int) -> [Double] {
        let ws = BatchedBFSWorkspace(nodeCount: n, arcCount: arcsFirstReserved)
        ws.splitsForwardPass = split
        var acc = [Double](repeating: 0, count: n)
        let sources = adj.batchOrder()
        acc.withUnsafeMutableBufferPointer { acc in
          sources.withUnsafeBufferPointer {
            arcs.bfsDependencies(sources: $0, workspace: ws, into: acc.baseAddress!)
          }
        }
        return acc
      }
      let single = sums(split: false, arcsFirstReserved: adj.arcCount)
      let split = sums(split: true, arcsFirstReserved: 0)
      #expect(single.map(\.bitPattern) == split.map(\.bitPattern), "n=\(n)")
      #expect(n < 40 || single.contains { $0 > 0 }, "n=\(n): no node lies between others")
    }
  }

  /// The kernel on the arcs renumbered along the batch order, as ``Adjacency/brandesPartials(
  /// lengths:chunks:of:threads:keepingDetours:groups:)`` runs it, gives every chunk the same
  /// sums bit for bit as the arcs in their own numbering with the chunk's sources taken in
  /// that order: directed and not, with and without groups (a quarter of the nodes in none),
  /// on networks of 4 and 15 chunks, on one thread and two.
  @Test(arguments: [false, true])
  func walkedNumberingGivesTheSameSums(_ directed: Bool) throws {
    var rng = SeededGenerator(seed: directed ? 81 : 82)
    for n in [300, 1_000] {
      var ties: [(Int, Int)] = []
      for _ in 0..<(2 * n) {
        ties.append((Int(rng.next() % UInt64(n)), Int(rng.next() % UInt64(n))))
      }
      let adj = try network(directed: directed, nodes: n, ties: ties).adjacency()
      let groups = (0..<n).map { _ in Int32(truncatingIfNeeded: rng.next() % 4) - 1 }
      let chunkCount = sourceChunkCount(n)
      #expect(chunkCount > 1, "n=\(n)")
      let order = adj.batchOrder()
      let arcs = CompactArcs(adj)
      for grouped in [false, true] {
        var expected = [Double](repeating: 0, count: chunkCount * n)
        let ws = BatchedBFSWorkspace(nodeCount: n, arcCount: adj.arcCount)
        for c in 0..<chunkCount {
          var sources = Array(order[(c * n / chunkCount)..<((c + 1) * n / chunkCount)])
          if grouped { sources = sources.filter { groups[Int($0)] >= 0 } }
          expected.withUnsafeMutableBufferPointer { e in
            groups.withUnsafeBufferPointer { g in
              sources.withUnsafeBufferPointer { s in
                arcs.bfsDependencies(
                  sources: s, groups: grouped ? g.baseAddress : nil, workspace: ws,
                  into: e.baseAddress! + c * n)
              }
            }
          }
        }
        #expect(expected.contains { $0 > 0 }, "n=\(n): no node lies between others")
        for threads in [1, 2] {
          let partial = adj.brandesPartials(
            lengths: nil, chunks: 0..<chunkCount, of: chunkCount, threads: threads,
            groups: grouped ? groups : nil)
          let got = (0..<(chunkCount * n)).map { partial.pointer[$0].bitPattern }
          let same = got == expected.map(\.bitPattern)
          #expect(same, "n=\(n), groups: \(grouped), threads: \(threads)")
        }
      }
    }
  }

  /// Dijkstra's kernel on trusts from a few values whose sums tie only within the tolerance
  /// (0.1 + 0.2 against 0.3, 0.5 + 0.5 against 1), so many nodes have several shortest paths,
  /// against the generic accumulation. Raw trust is the arc length here.
  @Test(arguments: [false, true])
  func weightedTiesAgreeWithOneSourceAtATime(_ directed: Bool) throws {
    var rng = SeededGenerator(seed: directed ? 41 : 42)
    let trusts = [0.1, 0.2, 0.3, 0.5, 1.0]
    for n in [2, 5, 9, 17, 40, 90] {
      var net = Network(directed: directed)
      for i in 0..<n { try net.addNode(Node(id: "n\(i)")) }
      for _ in 0..<(3 * n) {
        let (u, v) = (Int(rng.next() % UInt64(n)), Int(rng.next() % UInt64(n)))
        net.addTie(
          from: "n\(u)", to: "n\(v)", trust: trusts[Int(rng.next() % UInt64(trusts.count))])
      }
      let adj = try net.adjacency()
      let lengths = try ArcLengths(adj, transform: .raw)
      expectAgreesWithOneSourceAtATime(adj, lengths)
    }
  }
}
