/// The inner loops of exact betweenness (Brandes 2001), written for speed.
///
/// Design, in order of what it buys: unweighted searches run sixteen sources at a time, in the
/// lanes of SIMD vectors, so that one read of a node's arcs serves every search that reaches
/// the node at the same level, and an arc that changes nothing is passed over after one byte is
/// read; nodes renumbered by degree so that the nodes most searches touch share cache lines;
/// arcs read in the narrowest integers that hold them (``CompactArcs``) and lane values on
/// cache-line boundaries, so that a thread's working set stays in its core's cache; the
/// dependency recursion in the form δ(v) = σ(v) · Σ_w (c + δ(w)) / σ(w) (c = 1, or between
/// groups Brandes' target indicator), so each arc costs
/// one load and one add; scratch space allocated once per chunk and reset only where a search
/// touched it; no bounds checks in the loops over arcs; the sources of a batch taken in
/// breadth-first order, so they lie close together and their searches share levels, on the
/// nodes renumbered in that order (``walkedArcs(order:)``); lane values fetched ahead of use
/// (``prefetchLanes(_:)``), on large networks with the forward pass split in two so that σ's
/// heads can be fetched ahead too (``BatchedBFSWorkspace/splitsForwardPass``); Dial's buckets or a radix heap for
/// Dijkstra, the buckets holding each node once (``NodeBucketQueue``: a node reached by a
/// shorter path is moved, not pushed again, so no pop is stale and a first reach and a shorter
/// path take the same branch-free steps), with the arcs of the node the buckets will likely pop
/// next fetched ahead (``prefetchArcs(of:offsets:targets:lengths:)``). Sources
/// split into a fixed number of chunks, each summed on its own and the chunks added in order,
/// so the result is the same bit for bit whatever the number of threads.
extension Adjacency {
  /// Exact betweenness: raw, undirected pairs once. `threads` only changes the speed.
  ///
  /// With `groups` (each node's group from 0, negative for none), betweenness between groups:
  /// only the pairs of a source and a target that both have a group, and different ones, count
  /// (Brandes 2008's target indicator, δ_s(v) = Σ_w σ_sv/σ_sw (c_sw + δ_s(w)) with c_sw = 1 for
  /// such pairs and 0 otherwise), and sources without a group are not searched from.
  func brandesBetweenness(lengths: [Double]?, threads: Int, groups: [Int]? = nil) -> [Double] {
    let n = nodeCount
    guard n > 0 else { return [] }
    // Numbered by degree, largest first, the nodes most searches touch share cache lines.
    let (permuted, permutedLengths, newID) = relabelledByDegree(lengths: lengths)
    let inner = permuted.brandesKernel(
      lengths: permutedLengths, threads: threads,
      groups: groups.map { kernelGroups($0, newID: newID) })
    return (0..<n).map { inner[newID[$0]] }
  }

  /// Each node's group as the kernels take it: at the node's new number `newID[v]`, numbered
  /// 0, 1, … in order of first appearance, so any Int ids fit in 32 bits (only equality
  /// matters), and -1 for no group (a negative id).
  func kernelGroups(_ groups: [Int], newID: [Int]) -> [Int32] {
    var dense: [Int: Int32] = [:]
    var g = [Int32](repeating: -1, count: nodeCount)
    for v in 0..<nodeCount where groups[v] >= 0 {
      let next = Int32(truncatingIfNeeded: dense.count)
      g[newID[v]] = dense[groups[v], default: next]
      if dense[groups[v]] == nil { dense[groups[v]] = next }
    }
    return g
  }

  /// The same graph with node i renumbered `newID[i]`, by degree descending (ties by old id),
  /// each node's arcs in order of their new heads (parallel arcs in their old order). Both
  /// orders come from counting sorts, so this costs O(n + m) and allocates no per-node arrays:
  /// it runs before the threads start, so whatever it takes is time the threads cannot share.
  func relabelledByDegree(lengths: [Double]?) -> (Adjacency, [Double]?, [Int]) {
    let n = nodeCount
    let m = arcCount
    var maxDegree = 0
    for v in 0..<n { maxDegree = Swift.max(maxDegree, outOffsets[v + 1] - outOffsets[v]) }
    // Ranks by degree, largest first; a stable counting sort keeps ties in old-id order.
    var slot = [Int](repeating: 0, count: maxDegree + 2)
    for v in 0..<n { slot[maxDegree - (outOffsets[v + 1] - outOffsets[v]) + 1] += 1 }
    for d in 0...maxDegree { slot[d + 1] += slot[d] }
    var newID = [Int](repeating: 0, count: n)
    var byDegree = [Int](repeating: 0, count: n)
    for v in 0..<n {
      let d = maxDegree - (outOffsets[v + 1] - outOffsets[v])
      newID[v] = slot[d]
      byDegree[slot[d]] = v
      slot[d] += 1
    }
    var offsets = [Int](repeating: 0, count: n + 1)
    for (rank, v) in byDegree.enumerated() {
      offsets[rank + 1] = offsets[rank] + (outOffsets[v + 1] - outOffsets[v])
    }
    // The arcs ordered by new head (stable), their tails and values carried along so that
    // each array is read in order; then dealt to their tails' rows in that order, so each row
    // comes out sorted by head.
    var headEnd = [Int](repeating: 0, count: n + 1)
    for k in 0..<m { headEnd[newID[Int(outTargets[k])] + 1] += 1 }
    for v in 0..<n { headEnd[v + 1] += headEnd[v] }
    var stagedTail = [Int32](repeating: 0, count: m)
    var stagedTrust = [Double](repeating: 0, count: m)
    var stagedLength: [Double] = lengths == nil ? [] : [Double](repeating: 0, count: m)
    for v in 0..<n {
      let t = Int32(truncatingIfNeeded: newID[v])
      for k in outOffsets[v]..<outOffsets[v + 1] {
        let h = newID[Int(outTargets[k])]
        let at = headEnd[h]
        headEnd[h] = at + 1
        stagedTail[at] = t
        stagedTrust[at] = outTrust[k]
        if let lengths { stagedLength[at] = lengths[k] }
      }
    }
    var targets = [Int32](repeating: 0, count: m)
    var trust = [Double](repeating: 0, count: m)
    var len = [Double](repeating: 0, count: lengths == nil ? 0 : m)
    var cursor = offsets
    var from = 0
    for h in 0..<n {
      for i in from..<headEnd[h] {
        let t = Int(stagedTail[i])
        let at = cursor[t]
        cursor[t] = at + 1
        targets[at] = Int32(truncatingIfNeeded: h)
        trust[at] = stagedTrust[i]
        if lengths != nil { len[at] = stagedLength[i] }
      }
      from = headEnd[h]
    }
    let a = Adjacency(
      nodeCount: n, directed: isDirected, offsets: offsets, targets: targets, trust: trust)
    return (a, lengths == nil ? nil : len, newID)
  }

  func brandesKernel(lengths: [Double]?, threads: Int, groups: [Int32]? = nil) -> [Double] {
    let n = nodeCount
    let chunks = sourceChunkCount(n)
    let partial = brandesPartials(
      lengths: lengths, chunks: 0..<chunks, of: chunks, threads: threads, groups: groups)
    var result = [Double](repeating: 0, count: n)
    for c in 0..<chunks {
      let p = partial.pointer + c * n
      for v in 0..<n { result[v] += p[v] }
    }
    if !isDirected { for v in 0..<n { result[v] /= 2 } }
    return result
  }

  /// The dependency sums of the source chunks `range` of `chunkCount` (chunk c holds the sources
  /// c·n/chunkCount ..< (c + 1)·n/chunkCount), each on its own, chunk `range.lowerBound + i`
  /// at `i · n`: what ``brandesKernel(lengths:threads:groups:)`` adds up, in the same bits, so that a
  /// shard of the chunks computed in one process adds up to the same total in another.
  ///
  /// Dijkstra's searches with buckets leave out the arcs on no shortest path
  /// (``withoutDetours(lengths:layout:)``), which changes no bit of the result;
  /// `keepingDetours` searches every arc, for the tests that check this. `groups` (a group per
  /// node, negative for none) counts only pairs in different groups (see
  /// ``brandesBetweenness(lengths:threads:groups:)``).
  func brandesPartials(
    lengths: [Double]?, chunks range: Range<Int>, of chunkCount: Int, threads: Int,
    keepingDetours: Bool = false, groups: [Int32]? = nil
  ) -> SharedBuffer<Double> {
    let n = nodeCount
    // Each node's group for the searches, at the node's number in the arcs they run on:
    // Dijkstra's on this numbering, the breadth-first ones on the walked one (below).
    func groupBuffer(_ g: [Int32], node: (Int) -> Int) -> SharedBuffer<Int32> {
      let buffer = SharedBuffer<Int32>(repeating: -1, count: n)
      for i in 0..<n { buffer.pointer[i] = g[node(i)] }
      return buffer
    }
    let groupOf = lengths == nil ? nil : groups.map { groupBuffer($0) { $0 } }
    let partial = SharedBuffer<Double>(repeating: 0, count: range.count * n)
    // Whether Dijkstra's searches can use buckets depends on the lengths alone: decided once.
    let buckets = lengths.flatMap { BucketQueue.layout(lengths: $0, nodeCount: n) }
    let pruned =
      keepingDetours
      ? nil
      : lengths.flatMap { lengths in
        buckets.flatMap { withoutDetours(lengths: lengths, layout: $0) }
      }
    let adjacency = pruned?.0 ?? self
    let lengths = pruned?.1 ?? lengths
    // Breadth-first searches take their sources in breadth-first order (``batchOrder()``),
    // on the nodes renumbered in that order (``walkedArcs(order:)``), with arcs in the
    // narrowest integers that hold them: walked node i is node order[i], and chunk c's sources
    // are walked nodes c·n/chunkCount ..< (c + 1)·n/chunkCount, the same sources as before.
    let order = lengths == nil ? batchOrder() : []
    let walked = lengths == nil ? walkedArcs(order: order) : nil
    let walkedGroups = walked == nil ? nil : groups.map { groupBuffer($0) { Int(order[$0]) } }
    let walkedSources = walked == nil ? [] : (0..<Int32(n)).map { $0 }
    // One workspace per worker, kept from chunk to chunk: each search leaves it as it found it.
    let workspaces = WorkerScratch(workers: Swift.min(threads, range.count)) {
      BatchedBFSWorkspace(nodeCount: n, arcCount: adjacency.arcCount)
    }
    forEachChunkByWorker(range.count, threads: threads) { worker, i in
      let c = range.lowerBound + i
      let from = c * n / chunkCount
      let to = (c + 1) * n / chunkCount
      let acc = partial.pointer + i * n
      if let lengths {
        adjacency.dijkstraDependencies(
          sources: from..<to, lengths: lengths, buckets: buckets,
          groups: groupOf.map { UnsafePointer($0.pointer) }, into: acc)
      } else if let walked {
        let workspace = workspaces.scratch(worker)
        let sums = workspace.walkedSums
        walkedSources.withUnsafeBufferPointer { sources in
          let chunk = UnsafeBufferPointer(rebasing: sources[from..<to])
          if let walkedGroups {
            // Between groups: a source without a group ends no counted pair, and takes no lane.
            let grouped = chunk.filter { walkedGroups.pointer[Int($0)] >= 0 }
            grouped.withUnsafeBufferPointer { grouped in
              walked.bfsDependencies(
                sources: grouped, groups: UnsafePointer(walkedGroups.pointer),
                workspace: workspace, into: sums)
            }
          } else {
            walked.bfsDependencies(sources: chunk, workspace: workspace, into: sums)
          }
        }
        // Back to the caller's numbering; the workspace's sums left at zero for the next chunk.
        for i in 0..<n {
          acc[Int(order[i])] = sums[i]
          sums[i] = 0
        }
      }
    }
    return partial
  }

  /// The arcs with the nodes renumbered along `order` (walked node i is node `order[i]`),
  /// each node's arcs kept in their order rather than sorted by their new heads, in the
  /// narrowest integers that hold them (``CompactArcs``). A breadth-first search from walked
  /// node i is then the search from order[i] step for step, the same entries and DAG arcs in
  /// the same order, so the sums are the same bit for bit; only the memory it touches is laid
  /// out along the breadth-first walk, where a node's neighbours lie close together, rather
  /// than by degree. On BA graphs (m = 5) the batched kernel took 0.97 of the time at 10,000
  /// nodes (the benchmark's case 1), 0.99 and 0.98 on its ER graphs (cases 2 and 4) and 0.94
  /// at 80,000 nodes (`--scaling-n`), in alternating processes. The renumbered arcs are a
  /// second copy of the arcs (about 4 bytes an arc and 4 a node, in the narrowest integers),
  /// held while the kernel runs.
  func walkedArcs(order: [Int32]) -> CompactArcs {
    let n = nodeCount
    var rank = [Int32](repeating: 0, count: n)
    for (i, v) in order.enumerated() { rank[Int(v)] = Int32(i) }
    var offsets = [Int](repeating: 0, count: n + 1)
    var targets = [Int32]()
    targets.reserveCapacity(arcCount)
    for i in 0..<n {
      let v = Int(order[i])
      for k in outOffsets[v]..<outOffsets[v + 1] { targets.append(rank[Int(outTargets[k])]) }
      offsets[i + 1] = targets.count
    }
    // An adjacency only in passing: its rows are not sorted and it has no trusts, which only
    // ``CompactArcs`` reads it for.
    return CompactArcs(
      Adjacency(nodeCount: n, directed: isDirected, offsets: offsets, targets: targets, trust: []))
  }

  /// The order in which the breadth-first kernel takes its sources: breadth-first from node 0
  /// (the node of largest degree), each node's arcs in order, then from the first node not yet
  /// reached, and so on. Sixteen consecutive sources in this order lie close together (a node's
  /// neighbours come one after another), so their searches reach a node at fewer distinct
  /// levels, and the batch records fewer entries and DAG arcs, each serving more lanes: on the
  /// benchmark's BA graph 0.78 of the DAG arcs of sources taken in degree order, on its ER
  /// graphs 0.98 (undirected) and 1.02 (directed) (`Scripts/batch_order_dag_arcs.py`). Each
  /// source's dependencies are the same in any order; the order is fixed by the graph alone, so
  /// the sums are the same bit for bit for any number of threads or shards.
  func batchOrder() -> [Int32] {
    let n = nodeCount
    var order = [Int32](repeating: 0, count: n)
    var reached = [Bool](repeating: false, count: n)
    var tail = 0
    var head = 0
    for root in 0..<n where !reached[root] {
      reached[root] = true
      order[tail] = Int32(truncatingIfNeeded: root)
      tail += 1
      while head < tail {
        let v = Int(order[head])
        head += 1
        for k in outOffsets[v]..<outOffsets[v + 1] {
          let w = Int(outTargets[k])
          if reached[w] { continue }
          reached[w] = true
          order[tail] = Int32(truncatingIfNeeded: w)
          tail += 1
        }
      }
    }
    return order
  }

  /// Adds, for each source in `sources`, its dependencies δ_s(v) to `acc[v]`, with Dijkstra's
  /// searches on arc lengths; lengths within ``pathLengthTolerance`` tie. Each node keeps a
  /// list of its DAG predecessors, started afresh when a shorter path to it is found; the
  /// backward pass pushes (c + δ(w)) / σ(w) along those lists (c = 1, or between groups the
  /// target indicator).
  ///
  /// A settled node's distance is set to −∞, so the test that rejects a longer path also
  /// rejects arcs back into the settled part (−∞ is never within tolerance), with no separate
  /// array to read and no extra branch per arc. Nothing needs a settled node's distance again:
  /// the backward pass uses the settling order alone.
  ///
  /// The queue is Dial's buckets of the given layout (``BucketQueue/layout(lengths:nodeCount:)``,
  /// nil where the lengths do not allow them), each node held once (``NodeBucketQueue``), else a
  /// radix heap. On the benchmark's weighted BA graph (case 3) the buckets that hold each node
  /// once took 0.89 of the time of buckets that push a node again at each shorter path (five
  /// pairs; 0.96 for no stale pops, then 0.96 for the branch-free placing, three pairs each).
  /// A search there reaches its 9,999 other nodes and, by the count of an idealised search, about
  /// 5,400 of them again by a shorter path, so about a third of the pops of a queue that pushes
  /// again were stale (`Scripts/weighted_search_counts.py`). The nodes come out in the same order
  /// as from ``BucketQueue``, so the sums are the same bit for bit.
  func dijkstraDependencies(
    sources: Range<Int>, lengths: [Double], buckets layout: BucketQueue.Layout?,
    groups: UnsafePointer<Int32>? = nil, into acc: UnsafeMutablePointer<Double>
  ) {
    if let layout {
      var buckets = NodeBucketQueue(layout, nodeCount: nodeCount)
      defer { buckets.deallocate() }
      dijkstraDependencies(
        sources: sources, lengths: lengths, queue: &buckets, groups: groups, into: acc)
    } else {
      var heap = RadixHeap()
      defer { heap.deallocate() }
      dijkstraDependencies(
        sources: sources, lengths: lengths, queue: &heap, groups: groups, into: acc)
    }
  }

  /// An offer above `dw · clearlyLonger` exceeds dw by more than 10⁻⁹ of itself, ten times
  /// ``pathLengthTolerance``, so the tolerance test turns it down whatever the rounding.
  static let clearlyLonger = 1 + 1e-9

  func dijkstraDependencies<Queue: DijkstraQueue>(
    sources: Range<Int>, lengths: [Double], queue heap: inout Queue,
    groups: UnsafePointer<Int32>? = nil, into acc: UnsafeMutablePointer<Double>
  ) {
    let n = nodeCount
    let m = arcCount
    let clearlyLonger = Adjacency.clearlyLonger
    let distance = UnsafeMutablePointer<Double>.allocate(capacity: n)
    distance.initialize(repeating: .infinity, count: n)
    let sigma = UnsafeMutablePointer<Double>.allocate(capacity: n)
    sigma.initialize(repeating: 0, count: n)
    let sum = UnsafeMutablePointer<Double>.allocate(capacity: n)
    sum.initialize(repeating: 0, count: n)
    let order = UnsafeMutablePointer<Int32>.allocate(capacity: n)
    let predHead = UnsafeMutablePointer<Int32>.allocate(capacity: n)
    predHead.initialize(repeating: -1, count: n)
    // Predecessor list cells: (node, next cell). At most one cell per arc relaxed.
    let pred = UnsafeMutablePointer<ListCell>.allocate(capacity: max(1, m))
    defer {
      distance.deallocate()
      sigma.deallocate()
      sum.deallocate()
      order.deallocate()
      predHead.deallocate()
      pred.deallocate()
    }
    outOffsets.withUnsafeBufferPointer { offsets in
      outTargets.withUnsafeBufferPointer { targets in
        lengths.withUnsafeBufferPointer { len in
          for s in sources {
            // Between groups: a source without a group ends no counted pair.
            let sourceGroup = groups?[s] ?? 0
            if sourceGroup < 0 { continue }
            distance[s] = 0
            sigma[s] = 1
            heap.removeAll()
            heap.place(Int32(s), key: 0, isNew: true)
            var count = 0
            var cells: Int32 = 0
            while !heap.isEmpty {
              let v32 = heap.popNode()
              let v = Int(v32)
              let d = distance[v]
              // Settled already (−∞): a stale entry (see DijkstraQueue; buckets that hold each
              // node once make none, and the test is left out for them).
              if !Queue.holdsEachNodeOnce && d < 0 { continue }
              distance[v] = -.infinity
              order[count] = v32
              count &+= 1
              prefetchArcs(of: heap.likelyNext(), offsets: offsets, targets: targets, lengths: len)
              let sv = sigma[v]
              for k in offsets[v]..<offsets[v &+ 1] {
                let w = Int(targets[k])
                let alt = d + len[k]
                let dw = distance[w]
                // Most arcs fail here: an offer more than 10⁻⁹ above dw (or any offer into a
                // settled node, dw = −∞) fails the tolerance test below too, by a wide margin,
                // and one product tells.
                if alt > dw * clearlyLonger { continue }
                // lengthsEqual's tolerance for non-negative lengths.
                let tolerance = pathLengthTolerance * Swift.max(alt, dw)
                if alt - dw > tolerance { continue }
                if dw == .infinity || dw - alt > tolerance {
                  distance[w] = alt
                  sigma[w] = sv
                  pred[Int(cells)] = ListCell(node: v32, next: -1)
                  predHead[w] = cells
                  cells &+= 1
                  // A first reach and a shorter path alike: buckets that hold each node once
                  // move it, with no branch between the two; other queues push it again.
                  heap.place(Int32(truncatingIfNeeded: w), key: alt, isNew: dw == .infinity)
                } else {
                  sigma[w] += sv
                  pred[Int(cells)] = ListCell(node: v32, next: predHead[w])
                  predHead[w] = cells
                  cells &+= 1
                }
              }
            }
            var i = count - 1
            while i >= 0 {
              let w = Int(order[i])
              let delta = sigma[w] * sum[w]
              if w != s { acc[w] += delta }
              // 1 for every target, or between groups only for targets of another group.
              var target = 1.0
              if let groups {
                let g = groups[w]
                target = g >= 0 && g != sourceGroup ? 1 : 0
              }
              let coefficient = (target + delta) / sigma[w]
              var c = predHead[w]
              while c >= 0 {
                let cell = pred[Int(c)]
                sum[Int(cell.node)] += coefficient
                c = cell.next
              }
              i -= 1
            }
            for j in 0..<count {
              let v = Int(order[j])
              distance[v] = .infinity
              sum[v] = 0
              predHead[v] = -1
            }
          }
        }
      }
    }
  }
}

/// LLVM's prefetch: asks the processor to bring the cache line at `address` into its caches.
/// A hint only: it never faults (any address may be given) and changes no value. `rw` (0 read,
/// 1 write), `locality` (3: keep in every level) and `cache` (1: data) must be constants.
@_silgen_name("llvm.prefetch.p0")
func llvmPrefetch(_ address: UnsafeRawPointer, _ rw: Int32, _ locality: Int32, _ cache: Int32)

/// Fetches a node's 128-byte lane values (two cache lines) ahead of their use, so that the
/// wait for memory overlaps the work on the nodes before it: the kernel reads these values at
/// nodes it jumps to, which the processor cannot foresee by itself.
@inline(__always)
func prefetchLanes(_ values: UnsafeMutablePointer<LaneValues>) {
  let address = UnsafeRawPointer(values)
  llvmPrefetch(address, 0, 3, 1)
  llvmPrefetch(address + 64, 0, 3, 1)
}

/// Fetches the first heads and lengths of `node`'s arcs (a node a Dijkstra queue is likely to
/// pop next, ``DijkstraQueue/likelyNext()``) while the arcs of the node popped now are relaxed:
/// each node's arcs lie somewhere else in memory, and the search jumps between them in an
/// order the processor cannot foresee. Nothing when `node` is -1.
@inline(__always)
func prefetchArcs(
  of node: Int32, offsets: UnsafeBufferPointer<Int>, targets: UnsafeBufferPointer<Int32>,
  lengths: UnsafeBufferPointer<Double>
) {
  guard node >= 0, let t = targets.baseAddress, let l = lengths.baseAddress else { return }
  let first = offsets[Int(node)]
  llvmPrefetch(t + first, 0, 3, 1)
  llvmPrefetch(l + first, 0, 3, 1)
}

/// How many DAG arcs ahead the backward pass (and the split forward pass) fetches the values
/// of heads. 8, 16 and 32 measured the same on the benchmark's graphs of 10,000 nodes; on BA
/// graphs of 80,000 nodes, whose lane values outgrow the second-level cache, 32 took 0.95 of
/// the time of 16. Without it the passes wait on memory. Large networks (where the forward
/// pass is split, ``BatchedBFSWorkspace/splitsForwardPass``) fetch farther ahead:
/// ``largePrefetchDistance``.
let prefetchDistance = 32

/// How many DAG arcs ahead the passes fetch heads' values on large networks
/// (``BatchedBFSWorkspace/splitsForwardPass``), where most of them come from the third-level
/// cache or memory; the entries' own values are fetched ``largeEntryPrefetchDistance`` entries
/// ahead there, four elsewhere. With both, on BA graphs (m = 5) in alternating processes of
/// one build: 0.95 of the time of 32 and 4 at 80,000 nodes (eight pairs), 0.98 at 60,000 (six
/// pairs); 128 and 16 measured the same as 64 and 8 at 80,000, and fetching rows of arcs eight
/// entries ahead in place of four changed nothing.
let largePrefetchDistance = 64
/// See ``largePrefetchDistance``.
let largeEntryPrefetchDistance = 8

/// From how many nodes the forward pass is split in two (``BatchedBFSWorkspace/splitsForwardPass``):
/// above 6 MiB of lane values. On BA graphs (m = 5), in alternating processes of one
/// build, the split pass took 1.06 of the time of the single one at 10,000 nodes, 1.01 at
/// 20,000, 1.00 at 40,000 and 0.85 at 80,000.
let splitForwardPassNodes = 49_152

/// Sixteen lanes, one source each: the searches of a batch share every read of the adjacency.
typealias LaneValues = SIMD16<Double>
typealias LaneBits = SIMD16<UInt64>
/// One bit per lane.
typealias LaneSet = UInt16
/// Sources per batch of the unweighted kernel.
let batchWidth = 16

/// The sums of lanes 0 to 7 and of lanes 8 to 15 of `x`, each added from zero in lane order.
@inline(__always)
func laneSums(_ x: LaneValues) -> (low: Double, high: Double) {
  (laneSum(x.lowHalf), laneSum(x.highHalf))
}

/// The lanes of `x` added from zero in lane order.
@inline(__always)
func laneSum(_ x: SIMD8<Double>) -> Double {
  var sum = 0.0
  for lane in 0..<8 { sum += x[lane] }
  return sum
}

/// `x` in the lanes where `bits` is all ones, zero where it is all zeros: a bitwise and,
/// which keeps infinities and NaNs out of the lanes it clears.
@inline(__always)
func masked(_ x: LaneValues, _ bits: LaneBits) -> LaneValues {
  unsafeBitCast(unsafeBitCast(x, to: LaneBits.self) & bits, to: LaneValues.self)
}

/// Scratch space of the batched unweighted kernel, allocated once per worker and kept from
/// one chunk of sources to the next.
final class BatchedBFSWorkspace {
  /// σ per lane during the forward search; (c + δ) / σ per lane once the backward pass has
  /// passed that node in that lane.
  let value: UnsafeMutablePointer<LaneValues>
  /// Lanes that have reached the node (before the current level), lanes that reach it at the
  /// next level.
  let seen, next: UnsafeMutablePointer<LaneSet>
  /// Search entries (node, lanes at that level), level by level; a node has at most one entry
  /// per level and at most one level per lane, so sixteen per node at most.
  let entryNode: UnsafeMutablePointer<Int32>
  let entryLanes: UnsafeMutablePointer<LaneSet>
  /// Each entry's dependency summed over lanes 8 to 15, added to the total after lanes 0 to 7.
  let entryHigh: UnsafeMutablePointer<Double>
  /// Where each entry's arcs of the search DAG start in `arcHead` and `arcLanes`: entry e's
  /// are `entryArcs[e] ..< entryArcs[e + 1]`.
  let entryArcs: UnsafeMutablePointer<Int>
  /// The arcs of the search DAG in the order the forward pass found them: the head, and the
  /// lanes in which the arc lies on a shortest path (its tail at one level, its head at the
  /// next). Grown as a batch needs; a batch rarely needs more than twice the arc count.
  var arcHead: UnsafeMutablePointer<Int32>
  var arcLanes: UnsafeMutablePointer<LaneSet>
  var arcCapacity: Int
  /// The mask of eight lanes for each byte value: lane i is set when bit i is.
  let laneMask: UnsafeMutablePointer<SIMD8<UInt64>>
  var levelStart: [Int] = []
  /// Whether the forward pass handles a level in two steps: first it finds the level's DAG
  /// arcs, reading only the heads' two-byte lane sets, then it pushes σ along those arcs with
  /// the heads' values fetched ahead, as the backward pass does. On large networks, where the
  /// values no longer fit in the second-level cache, the single pass waits on each head's
  /// value; on small ones the second walk over the DAG arcs costs more than it saves. Set from
  /// ``splitForwardPassNodes``; both give the same bits (σ is a count, exact in any order, and
  /// it is added in the same order either way).
  var splitsForwardPass: Bool
  /// A chunk's dependency sums in the walked numbering (``Adjacency/walkedArcs(order:)``),
  /// zero between chunks.
  let walkedSums: UnsafeMutablePointer<Double>

  init(nodeCount n: Int, arcCount: Int) {
    splitsForwardPass = n > splitForwardPassNodes
    walkedSums = .allocate(capacity: max(1, n))
    walkedSums.initialize(repeating: 0, count: max(1, n))
    // On cache-line boundaries: malloc aligns to 16 bytes, and a node's 128-byte value would
    // then straddle three lines, adding to the cache traffic of every access.
    value = UnsafeMutableRawPointer.allocate(
      byteCount: MemoryLayout<LaneValues>.stride * max(1, n), alignment: 64
    )
    .bindMemory(to: LaneValues.self, capacity: max(1, n))
    value.initialize(repeating: .zero, count: n)
    seen = .allocate(capacity: max(1, n))
    seen.initialize(repeating: 0, count: n)
    next = .allocate(capacity: max(1, n))
    next.initialize(repeating: 0, count: n)
    entryNode = .allocate(capacity: batchWidth * n + 1)
    entryLanes = .allocate(capacity: batchWidth * n + 1)
    entryHigh = .allocate(capacity: batchWidth * n + 1)
    entryArcs = .allocate(capacity: batchWidth * n + 2)
    arcCapacity = 2 * arcCount + 64
    arcHead = .allocate(capacity: arcCapacity)
    arcLanes = .allocate(capacity: arcCapacity)
    laneMask = UnsafeMutableRawPointer.allocate(byteCount: 64 * 256, alignment: 64)
      .bindMemory(to: SIMD8<UInt64>.self, capacity: 256)
    for bits in 0..<256 {
      var mask = SIMD8<UInt64>()
      for lane in 0..<8 where bits & (1 << lane) != 0 { mask[lane] = ~0 }
      (laneMask + bits).initialize(to: mask)
    }
  }

  /// The lane mask of a lane set: all ones in the lanes it holds.
  @inline(__always)
  func mask(_ lanes: LaneSet) -> LaneBits {
    LaneBits(lowHalf: laneMask[Int(lanes & 0xFF)], highHalf: laneMask[Int(lanes &>> 8)])
  }

  /// Makes room for at least `needed` DAG arcs, keeping the first `used`.
  func reserveArcs(_ needed: Int, keeping used: Int) {
    if needed <= arcCapacity { return }
    let capacity = Swift.max(needed, 2 * arcCapacity)
    let head = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
    head.update(from: arcHead, count: used)
    arcHead.deallocate()
    arcHead = head
    let lanes = UnsafeMutablePointer<LaneSet>.allocate(capacity: capacity)
    lanes.update(from: arcLanes, count: used)
    arcLanes.deallocate()
    arcLanes = lanes
    arcCapacity = capacity
  }

  deinit {
    walkedSums.deallocate()
    value.deallocate()
    seen.deallocate()
    next.deallocate()
    entryNode.deallocate()
    entryLanes.deallocate()
    entryHigh.deallocate()
    entryArcs.deallocate()
    arcHead.deallocate()
    arcLanes.deallocate()
    laneMask.deallocate()
  }
}

extension CompactArcs {
  /// See ``bfsDependencies(offsets:targets:sources:groups:workspace:into:)``.
  func bfsDependencies(
    sources: UnsafeBufferPointer<Int32>, groups: UnsafePointer<Int32>? = nil,
    workspace: BatchedBFSWorkspace, into acc: UnsafeMutablePointer<Double>
  ) {
    struct Dependencies: ArcScan {
      let sources: UnsafeBufferPointer<Int32>, groups: UnsafePointer<Int32>?,
        workspace: BatchedBFSWorkspace, acc: UnsafeMutablePointer<Double>
      func run<Offset: FixedWidthInteger, Target: FixedWidthInteger>(
        offsets: UnsafeBufferPointer<Offset>, targets: UnsafeBufferPointer<Target>
      ) {
        CompactArcs.bfsDependencies(
          offsets: offsets, targets: targets, sources: sources, groups: groups,
          workspace: workspace, into: acc)
      }
    }
    scan(Dependencies(sources: sources, groups: groups, workspace: workspace, acc: acc))
  }

  /// Adds, for each source in `sources`, its dependencies δ_s(v) to `acc[v]` (unweighted),
  /// sixteen sources at a time.
  ///
  /// The sixteen breadth-first searches of a batch advance level by level together (Then et al.
  /// 2014, multi-source BFS): a node in the frontier of several lanes at the same level reads
  /// its arcs once for all of them, and σ is added for all lanes at once, masked to the lanes
  /// that reach the head first at this level. An arc is passed over after two bytes are read
  /// when it brings its head no new lane, so the head's 128-byte value is not touched; the
  /// masked arithmetic needs no other branch. The arcs that do bring new lanes are the arcs of
  /// the search DAG: the forward pass writes each down (head and lanes) as it finds it, in the
  /// order of its tail's arcs. The backward pass goes level by level down and pulls, for each
  /// entry, (c + δ(w)) / σ(w) (c = 1, or between groups 1 in the lanes of a source of another
  /// group) from the heads w of the entry's DAG arcs only: it reads no arc
  /// that lies on no shortest path (about half of those it would scan on the benchmark's BA
  /// graph), and an entry without DAG arcs costs nothing. The terms are the same and are added
  /// in the same order as a scan of all the tail's arcs would add them. The number of levels is
  /// not limited.
  ///
  /// Both passes jump from node to node, which the processor cannot foresee, so they fetch
  /// ahead what they will read: the forward pass the values and first arcs of the entry four
  /// ahead, the backward pass the values of the entry four ahead and of the head
  /// ``prefetchDistance`` DAG arcs ahead (eight entries and ``largePrefetchDistance`` arcs on
  /// large networks; the DAG arcs are stored in the order the pass reads
  /// them). On the benchmark's ER graph this took 0.87 of the time; fetching the head of every
  /// arc ahead in the forward pass (most bring no new lane) took 1.08 of it, and was left out.
  /// On large networks the forward pass instead finds a level's DAG arcs first and then
  /// pushes σ along them with the heads fetched ahead
  /// (``BatchedBFSWorkspace/splitsForwardPass``).
  ///
  /// `sources` are node numbers of these arcs, taken sixteen at a time in the order given:
  /// ``Adjacency/brandesPartials(lengths:chunks:of:threads:keepingDetours:groups:)`` passes
  /// the arcs renumbered along ``Adjacency/batchOrder()`` (``Adjacency/walkedArcs(order:)``)
  /// and the sources 0, 1, 2, … of that numbering.
  ///
  /// Sixteen lanes read fewer arcs per source than eight (on the benchmark's BA graph, sources in
  /// degree order, each
  /// source's share of the arcs scanned per pass falls from 0.28 to 0.16 of the arcs), and give
  /// the same bits: σ is a count, exact in any order, each lane's δ is formed as in a batch of
  /// eight, and the dependencies of lanes 8 to 15 are added to `acc` after those of lanes 0 to 7,
  /// each group summed from zero in lane order, as two batches of eight would add them.
  ///
  /// Then, M., Kaufmann, M., Chirigati, F., Hoang-Vu, T.-A., Pham, K., Kemper, A., Neumann, T.,
  /// Vo, H. T. (2014). The more the merrier: efficient multi-source graph traversal.
  /// *Proceedings of the VLDB Endowment* 8(4), 449–460.
  static func bfsDependencies<Offset: FixedWidthInteger, Target: FixedWidthInteger>(
    offsets: UnsafeBufferPointer<Offset>, targets: UnsafeBufferPointer<Target>,
    sources: UnsafeBufferPointer<Int32>, groups: UnsafePointer<Int32>? = nil,
    workspace ws: BatchedBFSWorkspace, into acc: UnsafeMutablePointer<Double>
  ) {
    let value = ws.value
    let seen = ws.seen
    let next = ws.next
    let entryNode = ws.entryNode
    let entryLanes = ws.entryLanes
    let entryHigh = ws.entryHigh
    let entryArcs = ws.entryArcs
    let targetBase = targets.baseAddress
    let splitForward = ws.splitsForwardPass
    let nodeCount = offsets.count - 1
    // How far ahead the passes fetch values: farther on large networks, whose values come
    // from farther away (see largePrefetchDistance).
    let arcsAhead = splitForward ? largePrefetchDistance : prefetchDistance
    let entriesAhead = splitForward ? largeEntryPrefetchDistance : 4
    var first = 0
    while first < sources.count {
      let lanes = Swift.min(batchWidth, sources.count - first)
      ws.levelStart.removeAll(keepingCapacity: true)
      ws.levelStart.append(0)
      var count = 0
      // Between groups: each lane's source group (-1 for none, and for lanes not in use).
      var laneGroup = LaneValues(repeating: -1)
      if let groups {
        for lane in 0..<lanes { laneGroup[lane] = Double(groups[Int(sources[first + lane])]) }
      }
      for lane in 0..<lanes {
        let s = Int(sources[first + lane])
        entryNode[count] = Int32(truncatingIfNeeded: s)
        entryLanes[count] = LaneSet(1) &<< lane
        count += 1
        seen[s] = LaneSet(1) &<< lane
        value[s][lane] = 1
      }
      // Forward: level by level, all lanes together.
      var low = 0
      var high = count
      var arcs = 0
      // One scan finds a level's DAG arcs. The single pass adds σ to each head as it finds
      // the arc; the split pass (large networks) leaves the heads' values alone here and adds
      // σ along the level's DAG arcs afterwards, with the heads fetched ahead.
      @inline(__always) func scanLevel(pushingSigma: Bool) {
        for e in low..<high {
          let v = Int(entryNode[e])
          // The values and first arcs of the entry four ahead, fetched while this one works.
          let soon = Int(entryNode[Swift.min(e &+ 4, high &- 1)])
          if pushingSigma { prefetchLanes(value + soon) }
          if let targetBase { llvmPrefetch(targetBase + Int(offsets[soon]), 0, 3, 1) }
          let front = entryLanes[e]
          let sv = pushingSigma ? masked(value[v], ws.mask(front)) : LaneValues.zero
          let arcStart = Int(offsets[v])
          let arcEnd = Int(offsets[v &+ 1])
          entryArcs[e] = arcs
          if arcs &+ (arcEnd &- arcStart) > ws.arcCapacity {
            ws.reserveArcs(arcs + (arcEnd - arcStart), keeping: arcs)
          }
          let arcHead = ws.arcHead
          let arcLanes = ws.arcLanes
          for k in arcStart..<arcEnd {
            let w = Int(targets[k])
            let fresh = front & ~seen[w]
            if fresh == 0 { continue }
            if pushingSigma { value[w] += masked(sv, ws.mask(fresh)) }
            arcHead[arcs] = Int32(truncatingIfNeeded: w)
            arcLanes[arcs] = fresh
            arcs &+= 1
            let was = next[w]
            entryNode[count] = Int32(truncatingIfNeeded: w)
            count &+= was == 0 ? 1 : 0
            next[w] = was | fresh
          }
        }
      }
      while low < high {
        ws.levelStart.append(high)
        // Called with a constant, so that each pass is compiled without the test in its loop.
        if splitForward { scanLevel(pushingSigma: false) } else { scanLevel(pushingSigma: true) }
        if splitForward {
          // The level's last entry's arcs end where the next level's first entry's begin.
          entryArcs[high] = arcs
          let arcHead = ws.arcHead
          let arcLanes = ws.arcLanes
          let levelLast = arcs &- 1
          for e in low..<high {
            prefetchLanes(value + Int(entryNode[Swift.min(e &+ entriesAhead, high &- 1)]))
            let v = Int(entryNode[e])
            let sv = masked(value[v], ws.mask(entryLanes[e]))
            for a in entryArcs[e]..<entryArcs[e &+ 1] {
              prefetchLanes(value + Int(arcHead[Swift.min(a &+ arcsAhead, levelLast)]))
              let w = Int(arcHead[a])
              value[w] += masked(sv, ws.mask(arcLanes[a]))
            }
          }
        }
        for e in high..<count {
          let w = Int(entryNode[e])
          let lanesHere = next[w]
          entryLanes[e] = lanesHere
          seen[w] |= lanesHere
          next[w] = 0
        }
        low = high
        high = count
      }
      entryArcs[count] = arcs
      // levelStart[d]..<levelStart[d + 1] are the entries at level d.
      ws.levelStart.append(count)
      let levels = ws.levelStart.count - 1
      let arcHead = ws.arcHead
      let arcLanes = ws.arcLanes
      let lastArc = arcs &- 1
      var d = levels - 1
      while d >= 1 {
        let lo = ws.levelStart[d]
        let hi = ws.levelStart[d + 1]
        for e in lo..<hi {
          prefetchLanes(value + Int(entryNode[Swift.min(e &+ entriesAhead, hi &- 1)]))
          let v = Int(entryNode[e])
          var sum = LaneValues.zero
          for a in entryArcs[e]..<entryArcs[e &+ 1] {
            prefetchLanes(value + Int(arcHead[Swift.min(a &+ arcsAhead, lastArc)]))
            sum += masked(value[Int(arcHead[a])], ws.mask(arcLanes[a]))
          }
          let sigma = value[v]
          let delta = sigma * sum
          // Lanes 0 to 7 are added now and lanes 8 to 15 after the whole pass, each eight
          // summed from zero in lane order: the additions to acc[v] come in the order, and
          // with the values, of two batches of eight (bit for bit as eight lanes would give).
          // Lanes not here hold +0 and leave the sums as they are (x + 0 is x for x ≥ 0), so
          // every lane is added, with no branch on which lanes are here.
          let here = entryLanes[e]
          let hereMask = ws.mask(here)
          let (low, high) = laneSums(masked(delta, hereMask))
          acc[v] += low
          entryHigh[e] = high
          // 1 for every target, or between groups 1 in the lanes whose source has a group and
          // v another one.
          var target = LaneValues(repeating: 1)
          if let groups {
            let g = Double(groups[v])
            target = LaneValues.zero.replacing(
              with: 1, where: (laneGroup .>= 0) .& (laneGroup .!= g) .& (g >= 0))
          }
          value[v] = masked((target + delta) / sigma, hereMask) + masked(sigma, ~hereMask)
        }
        d -= 1
      }
      // The second eight lanes' dependencies, in the order the backward pass found them.
      if lanes > 8 {
        d = levels - 1
        while d >= 1 {
          for e in ws.levelStart[d]..<ws.levelStart[d + 1] where entryLanes[e] &>> 8 != 0 {
            acc[Int(entryNode[e])] += entryHigh[e]
          }
          d -= 1
        }
      }
      // On large networks a batch whose entries outnumber the nodes (every batch of a
      // connected network) clears every value in one sweep through memory, where clearing the
      // entries' nodes would jump about it once more. Nodes no entry reached hold zeros.
      if splitForward && count >= nodeCount {
        value.update(repeating: .zero, count: nodeCount)
        seen.update(repeating: 0, count: nodeCount)
      } else {
        for e in 0..<count {
          let v = Int(entryNode[e])
          value[v] = .zero
          seen[v] = 0
        }
      }
      first += lanes
    }
  }
}
