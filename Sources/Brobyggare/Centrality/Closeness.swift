extension Network {
  /// Closeness centrality along outgoing paths.
  ///
  /// Closeness of u, with r(u) the number of nodes u reaches (itself included) and n the number
  /// of nodes, is the Wasserman–Faust form that networkx uses:
  ///
  ///     C(u) = (r−1) / Σ_v d(u, v) · (r−1) / (n−1)
  ///
  /// which equals the classic 1/mean distance when every node is reachable and shrinks with the
  /// share reached otherwise. A node that reaches nobody has closeness 0.
  ///
  /// Where the peers differ: networkx's `closeness_centrality` uses *incoming* distances on a
  /// directed graph (call it on `G.reverse()` to match this); igraph's `closeness` uses outgoing
  /// distances but only over the nodes reached, without the (r−1)/(n−1) factor, so the two agree
  /// exactly when every node is reachable.
  ///
  /// - Parameters:
  ///   - selection: the layers and weight to use.
  ///   - distance: how trust becomes length. `hops` ignores the weights.
  /// - Returns: closeness, indexed like `nodes`.
  /// - Complexity: O(n m) for `hops`, O(n m log n) otherwise.
  ///
  /// Wasserman, S. & Faust, K. (1994). *Social Network Analysis*, §5.3. Cambridge University Press.
  /// [doi:10.1017/CBO9780511815478](https://doi.org/10.1017/CBO9780511815478)
  public func closeness(selection: TieSelection = .all, distance: DistanceTransform = .hops)
    throws -> [Double]
  {
    let adj = try adjacency(selection)
    return try adj.closenessAndHarmonic(
      lengths: ArcLengths(adj, transform: distance, nodeIDs: nodes.map(\.id))
    ).closeness
  }

  /// Harmonic centrality along outgoing paths.
  ///
  ///     H(u) = Σ_{v≠u} 1/d(u, v)
  ///
  /// unreachable nodes adding 0 (Marchiori and Latora 2000), so it stays defined on networks
  /// that are not connected. networkx's `harmonic_centrality` sums *incoming* distances on a
  /// directed graph (call it on `G.reverse()` to match this).
  ///
  /// - Parameters:
  ///   - selection: the layers and weight to use.
  ///   - distance: how trust becomes length. `hops` ignores the weights.
  /// - Returns: harmonic centrality, indexed like `nodes`.
  /// - Complexity: O(n m) for `hops`, O(n m log n) otherwise.
  ///
  /// Marchiori, M. & Latora, V. (2000). Harmony in the small-world. *Physica A* 285, 539–546.
  /// [doi:10.1016/S0378-4371(00)00311-3](https://doi.org/10.1016/S0378-4371(00)00311-3)
  public func harmonic(selection: TieSelection = .all, distance: DistanceTransform = .hops)
    throws -> [Double]
  {
    let adj = try adjacency(selection)
    return try adj.closenessAndHarmonic(
      lengths: ArcLengths(adj, transform: distance, nodeIDs: nodes.map(\.id))
    ).harmonic
  }
}

extension Adjacency {
  /// Closeness and harmonic centrality in one pass of single-source searches, the sources
  /// spread over `threads` threads (each node's values come from its own search, so the
  /// result does not depend on the thread count).
  public func closenessAndHarmonic(lengths: ArcLengths, threads: Int = Threads.available) -> (
    closeness: [Double], harmonic: [Double]
  ) {
    let n = nodeCount
    let closeness = SharedBuffer<Double>(repeating: 0, count: n)
    let harmonic = SharedBuffer<Double>(repeating: 0, count: n)
    // Each source's values are its own (nothing is summed across sources), so the chunks can be
    // small: the threads then finish within a small chunk of each other.
    let chunks = Swift.max(1, Swift.min(n, 256))
    if lengths.lengths == nil {
      // Breadth-first on the graph renumbered by degree (see the betweenness kernel), 64
      // sources at a time; at most 64 sources per chunk on small networks, so that the
      // threads still get many chunks.
      let (permuted, _, newID) = relabelledByDegree(lengths: nil)
      let arcs = CompactArcs(permuted)
      let chunks = Swift.max(1, Swift.min((n + 63) / 64, 256))
      forEachChunk(chunks, threads: threads) { c in
        arcs.hopCloseness(
          sources: (c * n / chunks)..<((c + 1) * n / chunks), closeness: closeness.pointer,
          harmonic: harmonic.pointer)
      }
      let (cl, h) = (closeness.array, harmonic.array)
      return ((0..<n).map { cl[newID[$0]] }, (0..<n).map { h[newID[$0]] })
    }
    // Dijkstra's searches on the graph renumbered by degree, with Dial's buckets where the
    // lengths allow them (as weighted betweenness), a radix heap otherwise.
    let (permuted, permutedLengths, newID) = relabelledByDegree(lengths: lengths.lengths)
    let arcLengths = permutedLengths!
    let layout = BucketQueue.layout(lengths: arcLengths, nodeCount: n)
    // Arcs on no shortest path are left out where the searches use buckets (the distances,
    // and the order nodes settle in, are the same without them: see `withoutDetours`).
    let (searched, searchedLengths) =
      layout.flatMap { permuted.withoutDetours(lengths: arcLengths, layout: $0) }
      ?? (permuted, arcLengths)
    forEachChunk(chunks, threads: threads) { c in
      searched.dijkstraCloseness(
        sources: (c * n / chunks)..<((c + 1) * n / chunks), lengths: searchedLengths,
        buckets: layout, closeness: closeness.pointer, harmonic: harmonic.pointer)
    }
    let (cl, h) = (closeness.array, harmonic.array)
    return ((0..<n).map { cl[newID[$0]] }, (0..<n).map { h[newID[$0]] })
  }

  /// Closeness and harmonic centrality of `sources` by Dijkstra's search on `lengths`, with
  /// Dial's buckets when `layout` is given, a radix heap otherwise.
  func dijkstraCloseness(
    sources: Range<Int>, lengths: [Double], buckets layout: BucketQueue.Layout?,
    closeness: UnsafeMutablePointer<Double>, harmonic: UnsafeMutablePointer<Double>
  ) {
    if let layout {
      var buckets = NodeBucketQueue(layout, nodeCount: nodeCount)
      defer { buckets.deallocate() }
      dijkstraCloseness(
        sources: sources, lengths: lengths, queue: &buckets, closeness: closeness,
        harmonic: harmonic)
    } else {
      var heap = RadixHeap()
      defer { heap.deallocate() }
      dijkstraCloseness(
        sources: sources, lengths: lengths, queue: &heap, closeness: closeness, harmonic: harmonic)
    }
  }

  /// A node's distance is the least over the arcs into it (no tolerance: closeness needs the
  /// distance, not which paths tie), so it does not depend on the order the queue settles
  /// nodes in. A settled node's distance becomes −∞, which rejects both stale queue entries and
  /// arcs back into the settled part with the one comparison.
  func dijkstraCloseness<Queue: DijkstraQueue>(
    sources: Range<Int>, lengths: [Double], queue: inout Queue,
    closeness: UnsafeMutablePointer<Double>, harmonic: UnsafeMutablePointer<Double>
  ) {
    let n = nodeCount
    let distance = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(1, n))
    distance.initialize(repeating: .infinity, count: n)
    let settled = UnsafeMutablePointer<Int32>.allocate(capacity: Swift.max(1, n))
    defer {
      distance.deallocate()
      settled.deallocate()
    }
    outOffsets.withUnsafeBufferPointer { offsets in
      outTargets.withUnsafeBufferPointer { targets in
        lengths.withUnsafeBufferPointer { len in
          for s in sources {
            distance[s] = 0
            queue.removeAll()
            queue.place(Int32(s), key: 0, isNew: true)
            var count = 0
            var total = 0.0
            var h = 0.0
            while !queue.isEmpty {
              let v32 = queue.popNode()
              let v = Int(v32)
              let d = distance[v]
              // Settled already (−∞): a stale entry (none from buckets that hold each node once).
              if !Queue.holdsEachNodeOnce && d < 0 { continue }
              distance[v] = -.infinity
              settled[count] = v32
              count &+= 1
              total += d
              if d > 0 { h += 1 / d }
              prefetchArcs(of: queue.likelyNext(), offsets: offsets, targets: targets, lengths: len)
              for k in offsets[v]..<offsets[v &+ 1] {
                let w = Int(targets[k])
                let alt = d + len[k]
                let dw = distance[w]
                if alt < dw {
                  distance[w] = alt
                  queue.place(Int32(truncatingIfNeeded: w), key: alt, isNew: dw == .infinity)
                }
              }
            }
            let reached = Double(count - 1)
            closeness[s] = total > 0 && n > 1 ? reached / total * (reached / Double(n - 1)) : 0
            harmonic[s] = h
            for j in 0..<count { distance[Int(settled[j])] = .infinity }
          }
        }
      }
    }
  }
}

extension CompactArcs {
  /// See ``hopCloseness(offsets:targets:nodeCount:sources:closeness:harmonic:)``.
  func hopCloseness(
    sources: Range<Int>, closeness: UnsafeMutablePointer<Double>,
    harmonic: UnsafeMutablePointer<Double>
  ) {
    struct Closeness: ArcScan {
      let nodeCount: Int, sources: Range<Int>, closeness: UnsafeMutablePointer<Double>,
        harmonic: UnsafeMutablePointer<Double>
      func run<Offset: FixedWidthInteger, Target: FixedWidthInteger>(
        offsets: UnsafeBufferPointer<Offset>, targets: UnsafeBufferPointer<Target>
      ) {
        CompactArcs.hopCloseness(
          offsets: offsets, targets: targets, nodeCount: nodeCount, sources: sources,
          closeness: closeness, harmonic: harmonic)
      }
    }
    scan(
      Closeness(nodeCount: nodeCount, sources: sources, closeness: closeness, harmonic: harmonic))
  }

  /// Closeness and harmonic centrality of `sources` by breadth-first search, 64 sources at a
  /// time in the bits of a word (Then et al. 2014, multi-source BFS): a node reached at the
  /// same level in several searches reads its arcs once for all of them, and an arc that
  /// brings its head no new search costs one load and one test. The number found at each
  /// level is counted per search and summed level by level exactly as the one-source
  /// ``Adjacency/hopCloseness(sources:closeness:harmonic:)`` does, so the values are the same
  /// bit for bit.
  ///
  /// Then, M., Kaufmann, M., Chirigati, F., Hoang-Vu, T.-A., Pham, K., Kemper, A., Neumann, T.,
  /// Vo, H. T. (2014). The more the merrier: efficient multi-source graph traversal.
  /// *Proceedings of the VLDB Endowment* 8(4), 449–460.
  static func hopCloseness<Offset: FixedWidthInteger, Target: FixedWidthInteger>(
    offsets: UnsafeBufferPointer<Offset>, targets: UnsafeBufferPointer<Target>, nodeCount n: Int,
    sources: Range<Int>,
    closeness: UnsafeMutablePointer<Double>, harmonic: UnsafeMutablePointer<Double>
  ) {
    // Per node: the searches that have reached it, and those that reach it at the next level.
    let seen = UnsafeMutablePointer<UInt64>.allocate(capacity: max(1, n))
    seen.initialize(repeating: 0, count: n)
    let next = UnsafeMutablePointer<UInt64>.allocate(capacity: max(1, n))
    next.initialize(repeating: 0, count: n)
    // The frontier as a list of nodes, each with the searches that have it in their frontier
    // (read in order, where a per-node array would be read at random); the nodes some search
    // reaches next; every node reached. Node numbers are held in the heads' own width.
    // One more than n: an arc into a node already touched writes one past the end unused
    // (and the two lists trade places at each level).
    var active = UnsafeMutablePointer<Target>.allocate(capacity: n + 1)
    let activeSearches = UnsafeMutablePointer<UInt64>.allocate(capacity: max(1, n))
    var touched = UnsafeMutablePointer<Target>.allocate(capacity: n + 1)
    let visited = UnsafeMutablePointer<Target>.allocate(capacity: max(1, n))
    // Per search: nodes found at this level, their distance sum, Σ 1/d, nodes found.
    let found = UnsafeMutablePointer<Int>.allocate(capacity: 64)
    let total = UnsafeMutablePointer<Int>.allocate(capacity: 64)
    let reached = UnsafeMutablePointer<Int>.allocate(capacity: 64)
    let h = UnsafeMutablePointer<Double>.allocate(capacity: 64)
    // Counts of up to 2^64 per lane, bit-sliced: plane j holds bit j of every lane's count.
    let planes = UnsafeMutablePointer<UInt64>.allocate(capacity: 64)
    planes.initialize(repeating: 0, count: 64)
    var usedPlanes = 0
    defer {
      planes.deallocate()
      seen.deallocate()
      next.deallocate()
      active.deallocate()
      activeSearches.deallocate()
      touched.deallocate()
      visited.deallocate()
      found.deallocate()
      total.deallocate()
      reached.deallocate()
      h.deallocate()
    }
    var first = sources.lowerBound
    while first < sources.upperBound {
      let lanes = Swift.min(64, sources.upperBound - first)
      for lane in 0..<lanes {
        let s = first + lane
        seen[s] = 1 << UInt64(lane)
        active[lane] = Target(truncatingIfNeeded: s)
        activeSearches[lane] = 1 << UInt64(lane)
        visited[lane] = Target(truncatingIfNeeded: s)
        found[lane] = 0
        total[lane] = 0
        reached[lane] = 0
        h[lane] = 0
      }
      var activeCount = lanes
      var visitedCount = lanes
      var level = 0
      while activeCount > 0 {
        level += 1
        var touchedCount = 0
        for i in 0..<activeCount {
          let v = Int(active[i])
          let f = activeSearches[i]
          for k in Int(offsets[v])..<Int(offsets[v &+ 1]) {
            let w = Int(targets[k])
            let add = f & ~seen[w]
            if add == 0 { continue }
            let was = next[w]
            touched[touchedCount] = Target(truncatingIfNeeded: w)
            touchedCount &+= was == 0 ? 1 : 0
            next[w] = was | add
          }
        }
        // The nodes touched are the next frontier.
        swap(&active, &touched)
        for i in 0..<touchedCount {
          let w = Int(active[i])
          let new = next[w]
          next[w] = 0
          let before = seen[w]
          if before == 0 {
            visited[visitedCount] = Target(truncatingIfNeeded: w)
            visitedCount &+= 1
          }
          seen[w] = before | new
          activeSearches[i] = new
          // Add one in each lane of `new` to the bit-sliced counters: plane j holds
          // bit j of every lane's count.
          var carry = new
          var j = 0
          while carry != 0 {
            let p = planes[j]
            planes[j] = p ^ carry
            carry &= p
            j &+= 1
          }
          usedPlanes = Swift.max(usedPlanes, j)
        }
        activeCount = touchedCount
        for j in 0..<usedPlanes {
          var bits = planes[j]
          while bits != 0 {
            found[bits.trailingZeroBitCount] &+= 1 << j
            bits &= bits &- 1
          }
          planes[j] = 0
        }
        usedPlanes = 0
        for lane in 0..<lanes where found[lane] > 0 {
          total[lane] &+= found[lane] &* level
          reached[lane] &+= found[lane]
          h[lane] += Double(found[lane]) / Double(level)
          found[lane] = 0
        }
      }
      for lane in 0..<lanes {
        let s = first + lane
        let r = Double(reached[lane])
        closeness[s] = total[lane] > 0 && n > 1 ? r / Double(total[lane]) * (r / Double(n - 1)) : 0
        harmonic[s] = h[lane]
      }
      for i in 0..<visitedCount { seen[Int(visited[i])] = 0 }
      first += lanes
    }
  }
}

extension Adjacency {
  /// Closeness and harmonic centrality of `sources` by breadth-first search, one source at a
  /// time: the distance sum and Σ 1/d come from the number of nodes found at each distance.
  /// The reference the batched search is tested against.
  func hopCloseness(
    sources: Range<Int>, closeness: UnsafeMutablePointer<Double>,
    harmonic: UnsafeMutablePointer<Double>
  ) {
    let n = nodeCount
    let dist = UnsafeMutablePointer<Int32>.allocate(capacity: n)
    dist.initialize(repeating: -1, count: n)
    let queue = UnsafeMutablePointer<Int32>.allocate(capacity: n)
    defer {
      dist.deallocate()
      queue.deallocate()
    }
    outOffsets.withUnsafeBufferPointer { offsets in
      outTargets.withUnsafeBufferPointer { targets in
        for s in sources {
          dist[s] = 0
          queue[0] = Int32(s)
          var head = 0
          var tail = 1
          var total = 0
          var h = 0.0
          var level: Int32 = 0
          var atLevel = 0
          while head < tail {
            let v = Int(queue[head])
            head &+= 1
            let dv = dist[v]
            if dv != level {
              if level > 0 { h += Double(atLevel) / Double(level) }
              level = dv
              atLevel = 0
            }
            atLevel &+= 1
            total &+= Int(dv)
            let next = dv &+ 1
            for k in offsets[v]..<offsets[v &+ 1] {
              let w = Int(targets[k])
              if dist[w] < 0 {
                dist[w] = next
                queue[tail] = Int32(w)
                tail &+= 1
              }
            }
          }
          if level > 0 { h += Double(atLevel) / Double(level) }
          let reached = Double(tail - 1)
          closeness[s] =
            total > 0 && n > 1 ? reached / Double(total) * (reached / Double(n - 1)) : 0
          harmonic[s] = h
          for j in 0..<tail { dist[Int(queue[j])] = -1 }
        }
      }
    }
  }
}
