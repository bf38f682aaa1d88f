import Testing

@testable import Brobyggare

/// Weighted betweenness searches with Dial's buckets where the arc lengths allow it. These
/// tests check when the buckets are chosen, and that Brandes' accumulation over them gives the
/// radix heap's values, where ties, several shortest paths and many turns of the ring occur.
@Suite("Bucket queue under Brandes' searches")
struct BucketQueueTests {
  /// A network of the given ties; the tests give each arc its length.
  func adjacency(directed: Bool, nodes: Int, ties: [(Int, Int)]) -> Adjacency {
    var sorted = ties.map { (Int32($0.0), Int32($0.1), 1.0) }
    if !directed { sorted += sorted.map { ($0.1, $0.0, $0.2) } }
    sorted.sort { ($0.0, $0.1) < ($1.0, $1.1) }
    return Adjacency(nodeCount: nodes, directed: directed, sortedArcs: sorted)
  }

  /// Dependencies summed over every source with the given queue.
  func dependencies<Q: DijkstraQueue>(_ adj: Adjacency, _ lengths: [Double], _ queue: inout Q)
    -> [Double]
  {
    var acc = [Double](repeating: 0, count: adj.nodeCount)
    acc.withUnsafeMutableBufferPointer { p in
      adj.dijkstraDependencies(
        sources: 0..<adj.nodeCount, lengths: lengths, queue: &queue, into: p.baseAddress!)
    }
    return acc
  }

  @Test func choosesBucketsOnlyWhereTheyAreExact() {
    #expect(BucketQueue(lengths: [1, 2, 3], nodeCount: 10, pushes: 10) != nil)
    // Trust on a 1-5 scale read as 1/trust, and raw trust to three decimals.
    #expect(BucketQueue(lengths: [0.2, 0.25, 1.0 / 3, 0.5, 1], nodeCount: 1000, pushes: 10) != nil)
    #expect(BucketQueue(lengths: [0.001, 1], nodeCount: 10_000, pushes: 10) != nil)
    // A zero length (trust 1 under -log) or lengths too far apart: the radix heap.
    #expect(BucketQueue(lengths: [0, 1], nodeCount: 10, pushes: 10) == nil)
    #expect(BucketQueue(lengths: [1, 10_000], nodeCount: 10, pushes: 10) == nil)
    #expect(BucketQueue(lengths: [], nodeCount: 10, pushes: 10) == nil)
    // So many nodes that the tolerance of a tie over the longest path nears the bucket width.
    #expect(BucketQueue(lengths: [1, 1000], nodeCount: 10_000_000, pushes: 10) == nil)
  }

  /// Random networks, lengths from a few values whose sums tie (within the tolerance or
  /// exactly), against the radix heap. The values are the same up to the order of additions.
  @Test(arguments: [false, true])
  func agreesWithTheRadixHeap(_ directed: Bool) throws {
    var rng = SeededGenerator(seed: directed ? 51 : 52)
    let scales: [[Double]] = [
      [0.1, 0.2, 0.3, 0.5, 1.0], [1, 2, 3], [0.2, 0.25, 1.0 / 3, 0.5, 1], [0.001, 0.7, 1],
    ]
    for n in [2, 3, 8, 30, 120] {
      for lengths in scales {
        let ties = (0..<(3 * n)).map { _ in
          (Int(rng.next() % UInt64(n)), Int(rng.next() % UInt64(n)))
        }
        .filter { $0.0 != $0.1 }
        if ties.isEmpty { continue }
        let adj = adjacency(directed: directed, nodes: n, ties: ties)
        let arcLengths = (0..<adj.arcCount).map { _ in
          lengths[Int(rng.next() % UInt64(lengths.count))]
        }
        var buckets = try #require(
          BucketQueue(lengths: arcLengths, nodeCount: n, pushes: adj.arcCount + 1))
        defer { buckets.deallocate() }
        var heap = RadixHeap()
        defer { heap.deallocate() }
        let got = dependencies(adj, arcLengths, &buckets)
        let want = dependencies(adj, arcLengths, &heap)
        for v in 0..<n {
          #expect(
            close(got[v], want[v], 1e-12),
            "n=\(n) lengths \(lengths) node \(v): \(got[v]) vs \(want[v])")
        }
      }
    }
  }

  /// A path of 1,500 nodes whose arcs alternate 1 and 7,000: the longest arc spans most of the
  /// ring, and the distances go round it hundreds of times. Closed form as for the unweighted
  /// path: node i lies between i nodes on one side and n − 1 − i on the other.
  @Test func goesRoundTheRingManyTimes() throws {
    let n = 1500
    let adj = adjacency(directed: false, nodes: n, ties: (0..<(n - 1)).map { ($0, $0 + 1) })
    let arcLengths = (0..<adj.arcCount).map { k -> Double in
      // Arc k runs between nodes min and max of its ends; the length depends on the pair only.
      let u = adj.outOffsets.lastIndex { $0 <= k }!
      let w = Int(adj.outTargets[k])
      return Swift.min(u, w) % 2 == 0 ? 1 : 7000
    }
    var buckets = try #require(
      BucketQueue(lengths: arcLengths, nodeCount: n, pushes: adj.arcCount + 1))
    defer { buckets.deallocate() }
    let got = dependencies(adj, arcLengths, &buckets)
    // Each unordered pair is counted from both ends.
    for i in 0..<n { #expect(got[i] == Double(2 * i * (n - 1 - i)), "node \(i): \(got[i])") }
  }

  /// The hint the searches fetch arcs by: the node at the head of the current bucket, which the
  /// next pop returns when no push comes between; -1 when that bucket is empty (the next pop
  /// moves on to a later bucket); the radix heap gives no hint.
  @Test func likelyNextIsTheNextPopWithinTheBucket() throws {
    var queue = try #require(BucketQueue(lengths: [1, 2], nodeCount: 10, pushes: 8))
    defer { queue.deallocate() }
    #expect(queue.likelyNext() == -1)
    queue.push(0, 4)
    queue.push(0, 5)
    queue.push(3, 6)
    #expect(queue.likelyNext() == 5)
    #expect(queue.popNode() == 5)
    #expect(queue.likelyNext() == 4)
    #expect(queue.popNode() == 4)
    #expect(queue.likelyNext() == -1)
    #expect(queue.popNode() == 6)
    var heap = RadixHeap()
    defer { heap.deallocate() }
    heap.push(0, 3)
    #expect(heap.likelyNext() == -1)
  }
}
