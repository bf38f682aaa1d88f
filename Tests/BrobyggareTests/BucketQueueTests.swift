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

  /// Dependencies summed over every source with buckets that hold each node once, as the
  /// weighted kernel runs them.
  func nodeBucketDependencies(_ adj: Adjacency, _ lengths: [Double]) throws -> [Double] {
    let layout = try #require(BucketQueue.layout(lengths: lengths, nodeCount: adj.nodeCount))
    var queue = NodeBucketQueue(layout, nodeCount: adj.nodeCount)
    defer { queue.deallocate() }
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
  /// exactly), against the radix heap. The values are the same up to the order of additions;
  /// buckets that hold each node once give the bits of buckets that push nodes again.
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
        let moved = try nodeBucketDependencies(adj, arcLengths)
        for v in 0..<n {
          #expect(
            close(got[v], want[v], 1e-12),
            "n=\(n) lengths \(lengths) node \(v): \(got[v]) vs \(want[v])")
          // Buckets that move nodes settle them in the order of buckets that push again.
          #expect(
            moved[v] == got[v],
            "n=\(n) lengths \(lengths) node \(v), nodes moved: \(moved[v]) vs \(got[v])")
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
    let moved = try nodeBucketDependencies(adj, arcLengths)
    // Each unordered pair is counted from both ends.
    for i in 0..<n {
      #expect(got[i] == Double(2 * i * (n - 1 - i)), "node \(i): \(got[i])")
      #expect(moved[i] == Double(2 * i * (n - 1 - i)), "node \(i), nodes moved: \(moved[i])")
    }
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

  /// Buckets that hold each node once: a node placed again with a smaller key leaves its old
  /// bucket (from its front, middle or end, or the bucket's only place, which leaves a bucket
  /// with its bit set and no node, passed over by the next pop); each node comes out once, in
  /// the order of its last key's bucket, the last placed first within a bucket; the hint is the
  /// next pop's node; and the queue serves a second search after the first has emptied it.
  @Test func nodeBucketsMoveNodesAndPopEachOnce() throws {
    // Width 0.5: key k falls in bucket ⌊2k⌋; the ring has 64 slots. Keys placed may run up to
    // the longest length, 4, past the last key popped.
    let layout = try #require(BucketQueue.layout(lengths: [1, 4], nodeCount: 10))
    var queue = NodeBucketQueue(layout, nodeCount: 10)
    defer { queue.deallocate() }
    #expect(queue.isEmpty)
    #expect(queue.likelyNext() == -1)
    queue.place(0, key: 0, isNew: true)
    #expect(queue.likelyNext() == 0)
    #expect(queue.popNode() == 0)
    #expect(queue.isEmpty)
    // Bucket 4 holds 3, 2, 1 (front to end); bucket 5 holds 4 alone; buckets 2 and 6 hold 5 and 6.
    queue.place(1, key: 2, isNew: true)
    queue.place(2, key: 2.1, isNew: true)
    queue.place(3, key: 2.2, isNew: true)
    queue.place(4, key: 2.5, isNew: true)
    queue.place(5, key: 1, isNew: true)
    queue.place(6, key: 3, isNew: true)
    // 2 moves from the middle of bucket 4 to bucket 3; 4 leaves bucket 5 empty for bucket 3;
    // 3 moves within bucket 4 (to its front, where it was).
    queue.place(2, key: 1.5, isNew: false)
    queue.place(4, key: 1.6, isNew: false)
    queue.place(3, key: 2.05, isNew: false)
    #expect(queue.likelyNext() == -1)
    #expect(queue.popNode() == 5)
    #expect(queue.likelyNext() == -1)
    #expect(queue.popNode() == 4)
    #expect(queue.likelyNext() == 2)
    #expect(queue.popNode() == 2)
    #expect(queue.popNode() == 3)
    #expect(queue.popNode() == 1)
    // Bucket 5, emptied by the move of 4, is passed over on the way to 6.
    #expect(queue.popNode() == 6)
    #expect(queue.isEmpty)
    // A second search, its keys from 0 again.
    queue.removeAll()
    queue.place(7, key: 0, isNew: true)
    queue.place(8, key: 0.9, isNew: true)
    queue.place(9, key: 0.8, isNew: true)
    queue.place(8, key: 0.2, isNew: false)
    #expect(queue.popNode() == 8)
    #expect(queue.popNode() == 7)
    #expect(queue.popNode() == 9)
    #expect(queue.isEmpty)
  }

  /// Keys that go round a ring of two bitmap words several times, each node placed ahead and
  /// then moved back (across the end of the ring, and across the words, on the way), and two
  /// nodes moved within their bucket, each from behind the other to the front: every node comes
  /// out once, the one placed last in a bucket first, and the hint names the next.
  @Test func nodeBucketsGoRoundTheRingWithMoves() throws {
    // Width 0.5 and 128 slots (two 64-bit words): the ring spans 64 units of key.
    let layout = try #require(BucketQueue.layout(lengths: [1, 40], nodeCount: 400))
    #expect(layout.slots == 128)
    var queue = NodeBucketQueue(layout, nodeCount: 400)
    defer { queue.deallocate() }
    queue.place(0, key: 0, isNew: true)
    #expect(queue.popNode() == 0)
    var last = 0.0
    for i in 1..<300 {
      // Bucket b = i + i / 2 (one or two on from the last), the key 0.1 into it: 225 units of
      // key in all, three and a half turns of the ring.
      let key = 0.5 * Double(i + i / 2) + 0.1
      // Placed far ahead, then moved to its key.
      queue.place(Int32(i), key: last + 39, isNew: true)
      queue.place(Int32(i), key: key, isNew: false)
      if i % 3 == 0 {
        // A second node in the same bucket, in front; i moved to the front; the second node
        // moved to the front again.
        let other = Int32(300 + i / 3)
        queue.place(other, key: key + 0.2, isNew: true)
        queue.place(Int32(i), key: key, isNew: false)
        queue.place(other, key: key + 0.1, isNew: false)
        #expect(queue.popNode() == other, "step \(i): the node placed last comes out first")
        #expect(queue.likelyNext() == Int32(i), "step \(i)")
      }
      #expect(queue.popNode() == Int32(i), "step \(i)")
      #expect(queue.isEmpty, "step \(i)")
      last = key
    }
  }
}
