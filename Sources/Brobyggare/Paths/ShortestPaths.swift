/// Single-source shortest paths with path counts: the engine under betweenness, closeness and
/// harmonic centrality.
///
/// Implementation goals, in order: exact counts of shortest paths (ties in length within
/// ``pathLengthTolerance`` count as equal); scratch space allocated once per call, not per
/// source; only the nodes a search touched are reset before the next source.
struct ShortestPathSearch {
  let adjacency: Adjacency
  let lengths: [Double]?
  /// Distance from the source; `.infinity` when not reached.
  var dist: [Double]
  /// Number of shortest paths from the source.
  var sigma: [Double]
  /// Nodes reached, in order of non-decreasing distance (the source first).
  var order: [Int32]
  private var hopDist: [Int32]
  private let heap = HeapBox()
  private var settled: [Bool]
  /// Weighted searches: each reached node's place in `order`. An arc lies on a shortest path
  /// only from a node settled earlier, which matters where a length is zero (trust 1 under
  /// `-log`): both ends of such an arc can have the same distance.
  private var rank: [Int32]

  init(_ adjacency: Adjacency, lengths: ArcLengths) {
    self.adjacency = adjacency
    self.lengths = lengths.lengths
    let n = adjacency.nodeCount
    dist = [Double](repeating: .infinity, count: n)
    sigma = [Double](repeating: 0, count: n)
    order = []
    order.reserveCapacity(n)
    hopDist = [Int32](repeating: -1, count: n)
    settled = [Bool](repeating: false, count: lengths.lengths == nil ? 0 : n)
    rank = [Int32](repeating: 0, count: lengths.lengths == nil ? 0 : n)
  }

  /// Runs from `s`, replacing the previous run's results.
  mutating func run(from s: Int) {
    for v in order {
      dist[Int(v)] = .infinity
      sigma[Int(v)] = 0
      if lengths == nil { hopDist[Int(v)] = -1 } else { settled[Int(v)] = false }
    }
    order.removeAll(keepingCapacity: true)
    if lengths == nil { bfs(from: s) } else { dijkstra(from: s) }
  }

  private mutating func bfs(from s: Int) {
    let offsets = adjacency.outOffsets
    let targets = adjacency.outTargets
    hopDist[s] = 0
    sigma[s] = 1
    order.append(Int32(s))
    var head = 0
    while head < order.count {
      let v = Int(order[head])
      head += 1
      let dv = hopDist[v]
      let sv = sigma[v]
      for k in offsets[v]..<offsets[v + 1] {
        let w = Int(targets[k])
        let dw = hopDist[w]
        if dw < 0 {
          hopDist[w] = dv + 1
          sigma[w] = sv
          order.append(Int32(w))
        } else if dw == dv + 1 {
          sigma[w] += sv
        }
      }
    }
    for v in order { dist[Int(v)] = Double(hopDist[Int(v)]) }
  }

  private mutating func dijkstra(from s: Int) {
    let offsets = adjacency.outOffsets
    let targets = adjacency.outTargets
    let len = lengths!
    dist[s] = 0
    sigma[s] = 1
    var queue = heap.queue
    defer { heap.queue = queue }
    queue.removeAll()
    queue.push(0, Int32(s))
    while !queue.isEmpty {
      let (d, v32) = queue.pop()
      let v = Int(v32)
      if settled[v] || d > dist[v] { continue }
      settled[v] = true
      rank[v] = Int32(order.count)
      order.append(v32)
      let sv = sigma[v]
      for k in offsets[v]..<offsets[v + 1] {
        let w = Int(targets[k])
        if settled[w] { continue }
        let alt = d + len[k]
        let dw = dist[w]
        if dw == .infinity {
          dist[w] = alt
          sigma[w] = sv
          queue.push(alt, Int32(w))
        } else if lengthsEqual(alt, dw) {
          sigma[w] += sv
        } else if alt < dw {
          dist[w] = alt
          sigma[w] = sv
          queue.push(alt, Int32(w))
        }
      }
    }
  }

  /// Whether the arc at index `k` (from `v`, to `w`) lies on a shortest path from the source.
  @inline(__always)
  func isShortestArc(_ k: Int, from v: Int, to w: Int) -> Bool {
    if let len = lengths {
      return dist[v].isFinite && dist[w].isFinite && rank[v] < rank[w]
        && lengthsEqual(dist[v] + len[k], dist[w])
    }
    return dist[w] == dist[v] + 1
  }
}

/// Owns a search's queue, so that the search can stay a value type and free the queue's memory
/// when it is done.
private final class HeapBox {
  var queue = RadixHeap()
  deinit { queue.deallocate() }
}

extension Network {
  /// Shortest-path lengths from the node with id `source` along outgoing ties; `.infinity`
  /// where a node cannot be reached.
  ///
  /// - Complexity: O(m) for `hops`, O(m log n) otherwise.
  public func distances(
    from source: String, selection: TieSelection = .all,
    distance: DistanceTransform = .hops
  ) throws -> [Double] {
    guard let s = index(of: source) else { throw NetworkError.unknownNode(source) }
    let adj = try adjacency(selection)
    var search = ShortestPathSearch(
      adj, lengths: try ArcLengths(adj, transform: distance, nodeIDs: nodes.map(\.id)))
    search.run(from: s)
    return search.dist
  }
}
