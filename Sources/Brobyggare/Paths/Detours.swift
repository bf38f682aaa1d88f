/// Arcs that lie on no shortest path, found before the all-pairs searches start and left out of
/// them.
///
/// An arc x → y of length ℓ is a *detour* when some other path from x to y is shorter than ℓ:
/// a subpath of a shortest path is a shortest path, so no shortest path from any source uses
/// it, and it adds nothing to any distance, path count or dependency. Yet every search that
/// settles x reads it. On networks with varied lengths many arcs are detours (38 % of the ties
/// of the benchmark's weighted Barabási–Albert graph), and each one left out is an arc fewer
/// for each of the n searches.
///
/// The proofs come from a few landmarks, the nodes of highest degree: one search from each
/// landmark L (and one to it, on a directed network) gives the length of a path x → L → y for
/// every arc, and when that is shorter than ℓ by more than ``margin(longest:shortest:nodeCount:inDegree:)``
/// the arc is a detour. On the benchmark graph eight landmarks find 92 % of the detours there
/// are, at the cost of 8 searches beside the 10,000 of betweenness (16 on a directed network).
///
/// The searches that follow give the same bits with or without the detours, when their queue
/// is Dial's buckets (``NodeBucketQueue``, which settles nodes in the order ``BucketQueue``
/// would, a move standing for a push; the radix heap's order among equal keys can depend on
/// stale entries, so searches with it keep every arc):
/// - A detour's relaxation offers y a distance at least the margin above the distance y
///   settles at: along the landmark path, each arc's relaxation leaves its head within one
///   rounding and one tie tolerance of the tail's distance plus the length (a head settled
///   earlier in the same bucket is less than the bucket width, half the shortest length, past
///   the tail).
/// - So the detour's offer is turned down once y holds a distance near its final one, and an
///   offer it made before that is overturned by the offer y settles at, which resets y's
///   distance, path count and predecessors. Ties and resets that the detour's offer set off in
///   between drift from it by at most one tie tolerance per arc into y, which the margin
///   covers.
/// - Every other offer comes in the same order with and without the detours (rows keep their
///   order), and the buckets give up the nodes in the same order, since a node's last push,
///   the one it settles by, is the same push (for ``NodeBucketQueue``, the same move); the
///   stale entries a detour would leave behind in ``BucketQueue`` are skipped as stale entries
///   are, and ``NodeBucketQueue`` has none.
/// - The detours can be left out one at a time, and each time the argument holds: a detour is
///   longer than the exact distance between its ends, so the network without it has the same
///   exact distances, and the arc's shortest path there has at most longest / shortest arcs
///   and no detour on it, which is what the margin allows for.
extension Adjacency {
  /// The most landmarks: the proofs of the benchmark graph's detours level off by eight.
  static let detourLandmarks = 8

  /// This network without the detours that the landmarks prove, with the lengths of the arcs
  /// kept; the rows keep their order. Nil when no arc is dropped.
  ///
  /// The result has outgoing rows only (an undirected tie may lose one of its two arcs), for
  /// the forward searches of the all-pairs kernels.
  ///
  /// - Complexity: O(L · (m + n log n)) for L landmarks; O(n + m) memory.
  func withoutDetours(lengths: [Double], layout: BucketQueue.Layout) -> (Adjacency, [Double])? {
    let n = nodeCount
    let m = arcCount
    guard n > 2, m > 0, let longest = lengths.max(), let shortest = lengths.min(), shortest > 0
    else { return nil }
    // The arcs into each node: the outgoing rows when undirected, else the reverse graph.
    let reverse = isDirected ? reversedArcs(lengths: lengths) : nil
    let inOffsets = reverse?.offsets ?? outOffsets
    // No arc can be left out when even a head without other arcs in needs more than the longest.
    let least = Adjacency.margin(longest: longest, shortest: shortest, nodeCount: n, inDegree: 1)
    guard least.isFinite, least < longest else { return nil }

    // The shortest landmark path x → L → y found for each arc.
    var best = [Double](repeating: .infinity, count: m)
    var from = [Double](repeating: .infinity, count: n)
    var to = [Double](repeating: .infinity, count: n)
    var queue = BucketQueue(layout, pushes: m + 1)
    defer { queue.deallocate() }
    let chosen = landmarks(count: Swift.min(Adjacency.detourLandmarks, n), inOffsets: inOffsets)
    for landmark in chosen {
      searchDistances(
        from: landmark, offsets: outOffsets, targets: outTargets, lengths: lengths,
        queue: &queue, into: &from)
      if let reverse {
        searchDistances(
          from: landmark, offsets: reverse.offsets, targets: reverse.targets,
          lengths: reverse.lengths, queue: &queue, into: &to)
      }
      let toLandmark = reverse == nil ? from : to
      best.withUnsafeMutableBufferPointer { best in
        for x in 0..<n where toLandmark[x] < .infinity {
          let a = toLandmark[x]
          for k in outOffsets[x]..<outOffsets[x + 1] {
            let through = a + from[Int(outTargets[k])]
            if through < best[k] { best[k] = through }
          }
        }
      }
    }

    var keep = [Bool](repeating: true, count: m)
    var dropped = 0
    for x in 0..<n {
      for k in outOffsets[x]..<outOffsets[x + 1] {
        let y = Int(outTargets[k])
        let margin = Adjacency.margin(
          longest: longest, shortest: shortest, nodeCount: n,
          inDegree: inOffsets[y + 1] - inOffsets[y])
        if lengths[k] - best[k] > margin {
          keep[k] = false
          dropped += 1
        }
      }
    }
    guard dropped > 0 else { return nil }
    var offsets = [Int](repeating: 0, count: n + 1)
    var targets = [Int32]()
    var trust = [Double]()
    var kept = [Double]()
    targets.reserveCapacity(m - dropped)
    trust.reserveCapacity(m - dropped)
    kept.reserveCapacity(m - dropped)
    for v in 0..<n {
      for k in outOffsets[v]..<outOffsets[v + 1] where keep[k] {
        targets.append(outTargets[k])
        trust.append(outTrust[k])
        kept.append(lengths[k])
      }
      offsets[v + 1] = targets.count
    }
    let pruned = Adjacency(
      nodeCount: n, directed: true, offsets: offsets, targets: targets, trust: trust)
    return (pruned, kept)
  }

  /// How much shorter than an arc a landmark path must be for the arc to be left out: twice
  /// the most the searches' rounding and tie tolerance can move a distance, over the longest
  /// distance there can be ((n − 1) times the longest length), along a path shorter than the
  /// arc (at most longest / shortest arcs) and through the offers into the arc's head (at most
  /// its in-degree).
  static func margin(longest: Double, shortest: Double, nodeCount n: Int, inDegree: Int)
    -> Double
  {
    let farthest = Double(Swift.max(1, n - 1)) * longest
    let steps = (longest / shortest).rounded(.up) + 2
    let perStep = Double.ulpOfOne + pathLengthTolerance
    return 2 * farthest * (steps * perStep + Double(2 * inDegree + 8) * pathLengthTolerance)
  }

  /// The `count` nodes of most arcs, out and in (`inOffsets` are the rows of the arcs into
  /// each node), ties to the lower index. A landmark proves detours on paths through it, and
  /// on a directed network a path through it needs arcs in as well as out: a node with many
  /// arcs out and none in proves nothing. When undirected, in and out are the same rows.
  func landmarks(count: Int, inOffsets: [Int]) -> [Int] {
    var chosen: [(degree: Int, node: Int)] = []
    for v in 0..<nodeCount {
      let d = outOffsets[v + 1] - outOffsets[v] + inOffsets[v + 1] - inOffsets[v]
      if chosen.count == count, let last = chosen.last, last.degree >= d { continue }
      let at = chosen.firstIndex { $0.degree < d } ?? chosen.count
      chosen.insert((d, v), at: at)
      if chosen.count > count { chosen.removeLast() }
    }
    return chosen.map(\.node)
  }

  /// The arcs turned around (y → x for each x → y), rows sorted by head, with their lengths.
  func reversedArcs(lengths: [Double]) -> (offsets: [Int], targets: [Int32], lengths: [Double]) {
    let n = nodeCount
    var offsets = [Int](repeating: 0, count: n + 1)
    for t in outTargets { offsets[Int(t) + 1] += 1 }
    for v in 0..<n { offsets[v + 1] += offsets[v] }
    var cursor = offsets
    var targets = [Int32](repeating: 0, count: arcCount)
    var reversedLengths = [Double](repeating: 0, count: arcCount)
    for x in 0..<n {
      for k in outOffsets[x]..<outOffsets[x + 1] {
        let y = Int(outTargets[k])
        targets[cursor[y]] = Int32(truncatingIfNeeded: x)
        reversedLengths[cursor[y]] = lengths[k]
        cursor[y] += 1
      }
    }
    return (offsets, targets, reversedLengths)
  }

  /// The distances from `source` over the given rows, by Dijkstra's search (the least offer
  /// wins, with no tolerance); unreached nodes are +∞. `distance` is overwritten.
  func searchDistances(
    from source: Int, offsets: [Int], targets: [Int32], lengths: [Double],
    queue: inout BucketQueue, into distance: inout [Double]
  ) {
    let n = nodeCount
    var settled = [Bool](repeating: false, count: n)
    for v in 0..<n { distance[v] = .infinity }
    distance[source] = 0
    queue.removeAll()
    queue.push(0, Int32(source))
    while !queue.isEmpty {
      let v = Int(queue.popNode())
      if settled[v] { continue }
      settled[v] = true
      let d = distance[v]
      for k in offsets[v]..<offsets[v + 1] {
        let w = Int(targets[k])
        let alt = d + lengths[k]
        if !settled[w], alt < distance[w] {
          distance[w] = alt
          queue.push(alt, Int32(w))
        }
      }
    }
  }
}
