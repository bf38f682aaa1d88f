import Testing

@testable import Brobyggare

/// Hop closeness runs 64 breadth-first searches at once in the bits of a word. These tests
/// check it against the one-source search, bit for bit, where the searches differ most: many
/// levels, sources in different components, sinks of directed networks, self-loops, and
/// batches that are not full; and against closed forms on a path.
@Suite("Closeness kernel: 64 sources at a time")
struct ClosenessKernelTests {
  func adjacency(directed: Bool, nodes: Int, ties: [(Int, Int)]) throws -> Adjacency {
    try numberedNetwork(directed: directed, nodes: nodes, ties: ties).adjacency()
  }

  /// Both searches over every source, split into `pieces` ranges (so batches start at other
  /// nodes than 0 and are not all full), the batched one on the arcs in the narrowest integers
  /// and in the widest.
  func expectBatchedEqualsOneSource(_ adj: Adjacency, pieces: Int) {
    let n = adj.nodeCount
    let (c1, h1) = (
      SharedBuffer<Double>(repeating: -1, count: n), SharedBuffer<Double>(repeating: -1, count: n)
    )
    for p in 0..<pieces {
      adj.hopCloseness(
        sources: (p * n / pieces)..<((p + 1) * n / pieces), closeness: c1.pointer,
        harmonic: h1.pointer)
    }
    for (width, arcs) in [
      ("narrowest", CompactArcs(adj)), ("widest", CompactArcs(adj, widest: true)),
    ] {
      let (c2, h2) = (
        SharedBuffer<Double>(repeating: -2, count: n), SharedBuffer<Double>(repeating: -2, count: n)
      )
      for p in 0..<pieces {
        arcs.hopCloseness(
          sources: (p * n / pieces)..<((p + 1) * n / pieces), closeness: c2.pointer,
          harmonic: h2.pointer)
      }
      #expect(c1.array == c2.array, "closeness, n=\(n), \(pieces) pieces, \(width) arcs")
      #expect(h1.array == h2.array, "harmonic, n=\(n), \(pieces) pieces, \(width) arcs")
    }
  }

  @Test(arguments: [false, true])
  func agreesWithOneSourceAtATime(_ directed: Bool) throws {
    var rng = SeededGenerator(seed: directed ? 51 : 52)
    for n in Array(1...24) + [63, 64, 65, 127, 128, 129, 300] {
      var ties: [(Int, Int)] = []
      // Sparse, so that many pairs are unreachable, plus one denser block; the random
      // pairs include self-loops.
      for _ in 0..<(n + n / 2) {
        ties.append((Int(rng.next() % UInt64(n)), Int(rng.next() % UInt64(n))))
      }
      let block = Swift.min(n, 12)
      for _ in 0..<(block * 3) {
        ties.append((Int(rng.next() % UInt64(block)), Int(rng.next() % UInt64(block))))
      }
      let adj = try adjacency(directed: directed, nodes: n, ties: ties)
      for pieces in [1, 3] { expectBatchedEqualsOneSource(adj, pieces: pieces) }
      let lengths = try ArcLengths(adj, transform: .hops)
      let one = adj.closenessAndHarmonic(lengths: lengths, threads: 1)
      let two = adj.closenessAndHarmonic(lengths: lengths, threads: 2)
      #expect(one.closeness == two.closeness && one.harmonic == two.harmonic, "threads, n=\(n)")
    }
  }

  /// Weighted closeness runs Dijkstra's searches with Dial's buckets or a radix heap. Both
  /// against the general shortest-path search the group measures use, on lengths that are
  /// multiples of 1/2 (sums exact, so paths of equal length tie exactly and distances agree
  /// to the last bit); with lengths of 0 among them the buckets do not apply and the radix heap
  /// alone is checked. The sums may add the same distances in another order, hence 1e-12.
  @Test(arguments: [false, true])
  func weightedSearchesAgreeWithTheGeneralSearch(_ directed: Bool) throws {
    var rng = SeededGenerator(seed: directed ? 71 : 72)
    for n in [1, 2, 3, 5, 17, 64, 150] {
      var ties: [(Int, Int)] = []
      for _ in 0..<(2 * n) {
        ties.append((Int(rng.next() % UInt64(n)), Int(rng.next() % UInt64(n))))
      }
      let adj = try adjacency(directed: directed, nodes: n, ties: ties)
      for choices in [[0.5, 1, 1.5, 2, 3], [0, 0.5, 1, 2]] {
        let lengths = (0..<adj.arcCount).map { _ in choices[Int(rng.next() % UInt64(choices.count))]
        }
        var search = ShortestPathSearch(adj, lengths: ArcLengths(transform: .raw, lengths: lengths))
        var (wantC, wantH) = ([Double](repeating: 0, count: n), [Double](repeating: 0, count: n))
        for s in 0..<n {
          search.run(from: s)
          let reached = search.dist.filter(\.isFinite)
          let total = reached.reduce(0, +)
          let r = Double(reached.count - 1)
          wantC[s] = total > 0 && n > 1 ? r / total * (r / Double(n - 1)) : 0
          wantH[s] = reached.filter { $0 > 0 }.reduce(0) { $0 + 1 / $1 }
        }
        let layout = BucketQueue.layout(lengths: lengths, nodeCount: n)
        #expect(
          (layout != nil) == (!lengths.isEmpty && !lengths.contains(0)),
          "n=\(n): buckets apply when no length is 0")
        for queue in layout == nil ? [nil] : [layout, nil] {
          let (c, h) = (
            SharedBuffer<Double>(repeating: -1, count: n),
            SharedBuffer<Double>(repeating: -1, count: n)
          )
          adj.dijkstraCloseness(
            sources: 0..<n, lengths: lengths, buckets: queue, closeness: c.pointer,
            harmonic: h.pointer)
          let name = queue == nil ? "radix heap" : "buckets"
          for i in 0..<n {
            #expect(
              close(c.array[i], wantC[i], 1e-12),
              "\(name) n=\(n) closeness \(i): \(c.array[i]) vs \(wantC[i])")
            #expect(
              close(h.array[i], wantH[i], 1e-12),
              "\(name) n=\(n) harmonic \(i): \(h.array[i]) vs \(wantH[i])")
          }
        }
      }
    }
  }

  /// On a path of n nodes, node i is at distances 1…i on one side and 1…(n − 1 − i) on the
  /// other: the distance sum is i(i + 1)/2 + (n−1−i)(n−i)/2, closeness (n − 1) over it, and
  /// harmonic H(i) + H(n − 1 − i) with H the harmonic numbers. 700 nodes give 699 levels.
  @Test func longPath() throws {
    let n = 700
    let adj = try adjacency(directed: false, nodes: n, ties: (0..<(n - 1)).map { ($0, $0 + 1) })
    let (c, h) = adj.closenessAndHarmonic(
      lengths: try ArcLengths(adj, transform: .hops), threads: 2)
    func harmonicNumber(_ k: Int) -> Double {
      k == 0 ? 0 : (1...k).reduce(0.0) { $0 + 1 / Double($1) }
    }
    for i in 0..<n {
      let sum = i * (i + 1) / 2 + (n - 1 - i) * (n - i) / 2
      #expect(close(c[i], Double(n - 1) / Double(sum), 1e-15), "node \(i): \(c[i])")
      #expect(
        close(h[i], harmonicNumber(i) + harmonicNumber(n - 1 - i), 1e-12), "node \(i): \(h[i])")
    }
  }
}
