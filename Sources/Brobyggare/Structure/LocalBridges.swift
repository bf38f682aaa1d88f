/// A local bridge (Granovetter 1973): a tie whose ends have no contact in common, so that it
/// is the shortest route between two parts of the network. Its span is the length of the
/// shortest path between its ends once the tie is removed; infinite when the tie is a bridge
/// (its removal disconnects them).
public struct LocalBridge: Sendable, Equatable {
  /// One end of the tie (a node index; the smaller on undirected networks).
  public var source: Int
  /// The other end.
  public var target: Int
  /// Hops between the ends without this tie; `.infinity` for a bridge.
  public var span: Double
}

/// The spans of the local bridges would take more breadth-first search than the budget allows.
public struct SpanSearchError: Error, Equatable, CustomStringConvertible, Sendable {
  /// Local bridges that are not bridges, each of which needs a search for its span.
  public var searches: Int
  /// Search steps (adjacency entries scanned) allowed over all the searches.
  public var budget: Int

  public var description: String {
    "the spans of \(searches) local bridges that are not bridges need more than \(budget) steps "
      + "of breadth-first search in all (one search each, up to every tie of the network); "
      + "analyse fewer ties (--layer, or a smaller network) to stay within the limit"
  }
}

extension Adjacency {
  /// Search steps (adjacency entries scanned) that `localBridges()` spends on spans at most:
  /// a cycle of 12,000 nodes (12,000 spans of 11,999, 2.9e8 steps) reaches it, after 30 s in a
  /// debug build on two shared cores; a cycle of 9,000 (1.6e8 steps) stays within it.
  public static let spanSearchBudget = 200_000_000

  /// The local bridges with their span, as networkx's `local_bridges(G, with_span=True)`, on
  /// the undirected view (a tie counts whichever way it runs; networkx refuses directed
  /// graphs). Listed by (source, target) with source < target.
  ///
  /// A local bridge that is also a bridge (its removal disconnects its ends, found by Tarjan's
  /// depth-first search in linear time) has span infinity without a search; each other one needs
  /// a breadth-first search from one end to the other. Those searches stop, and the call throws
  /// `SpanSearchError`, when together they scan more than `searchBudget` adjacency entries.
  ///
  /// - Complexity: O(m d) to test the ties, O(n + m) to find the bridges, plus at most
  ///   `searchBudget` steps for the other spans.
  ///
  /// Granovetter, M. S. (1973). The strength of weak ties. *American Journal of Sociology*
  /// 78(6), 1360–1380. [doi:10.1086/225469](https://doi.org/10.1086/225469)
  ///
  /// Tarjan, R. E. (1974). A note on finding the bridges of a graph. *Information Processing
  /// Letters* 2(6), 160–161. [doi:10.1016/0020-0190(74)90003-9](https://doi.org/10.1016/0020-0190(74)90003-9)
  public func localBridges(searchBudget: Int = Adjacency.spanSearchBudget) throws(SpanSearchError)
    -> [LocalBridge]
  {
    try localBridgesCountingSteps(searchBudget: searchBudget).bridges
  }

  /// `localBridges()` with the search steps it took, for the tests that keep the work bounded.
  func localBridgesCountingSteps(searchBudget: Int) throws(SpanSearchError) -> (
    bridges: [LocalBridge], steps: Int
  ) {
    let g = undirected()
    let n = nodeCount
    let (parent, bridgeToParent) = g.depthFirstBridges()
    var result: [LocalBridge] = []
    var pending: [(Int, Int)] = []
    for u in 0..<n {
      for v32 in g.successors(of: u) where Int(v32) > u {
        let v = Int(v32)
        if g.shareNeighbour(u, v) { continue }
        let isBridge =
          (parent[v] == Int32(u) && bridgeToParent[v])
          || (parent[u] == Int32(v) && bridgeToParent[u])
        if !isBridge { pending.append((u, v)) }
        result.append(LocalBridge(source: u, target: v, span: .infinity))
      }
    }
    guard !pending.isEmpty else { return (result, 0) }
    var spans: [Int: Double] = [:]
    spans.reserveCapacity(pending.count)
    var hop = [Int32](repeating: -1, count: n)
    var queue: [Int32] = []
    queue.reserveCapacity(n)
    var steps = 0
    for (u, v) in pending {
      // Breadth-first from u to v, not using the tie u–v. Not a bridge, so v is reached.
      queue.removeAll(keepingCapacity: true)
      queue.append(Int32(u))
      hop[u] = 0
      var head = 0
      var span = Double.infinity
      search: while head < queue.count {
        let x = Int(queue[head])
        head += 1
        steps += g.outOffsets[x + 1] - g.outOffsets[x]
        if steps > searchBudget {
          throw SpanSearchError(searches: pending.count, budget: searchBudget)
        }
        for y32 in g.successors(of: x) {
          let y = Int(y32)
          if hop[y] >= 0 || (x == u && y == v) { continue }
          hop[y] = hop[x] + 1
          if y == v {
            span = Double(hop[y])
            break search
          }
          queue.append(y32)
        }
      }
      for x in queue { hop[Int(x)] = -1 }
      hop[v] = -1
      spans[u * n + v] = span
    }
    for i in result.indices {
      if let s = spans[result[i].source * n + result[i].target] { result[i].span = s }
    }
    return (result, steps)
  }

  /// Tarjan's bridges by an iterative depth-first search on an undirected adjacency: each
  /// node's parent in the search forest (-1 for a root), and whether the tie to its parent is
  /// a bridge (no tie from the child's subtree reaches above the parent).
  func depthFirstBridges() -> (parent: [Int32], bridgeToParent: [Bool]) {
    let n = nodeCount
    var parent = [Int32](repeating: -1, count: n)
    var bridge = [Bool](repeating: false, count: n)
    var order = [Int32](repeating: -1, count: n)
    var low = [Int32](repeating: 0, count: n)
    var next = [Int](repeating: 0, count: n)
    var stack: [Int32] = []
    var clock: Int32 = 0
    for root in 0..<n where order[root] < 0 {
      order[root] = clock
      low[root] = clock
      clock += 1
      next[root] = outOffsets[root]
      stack.append(Int32(root))
      while let x32 = stack.last {
        let x = Int(x32)
        if next[x] < outOffsets[x + 1] {
          let y = Int(outTargets[next[x]])
          next[x] += 1
          if order[y] < 0 {
            parent[y] = x32
            order[y] = clock
            low[y] = clock
            clock += 1
            next[y] = outOffsets[y]
            stack.append(Int32(y))
          } else if Int32(y) != parent[x] {
            low[x] = Swift.min(low[x], order[y])
          }
        } else {
          stack.removeLast()
          let p = parent[x]
          if p >= 0 {
            low[Int(p)] = Swift.min(low[Int(p)], low[x])
            bridge[x] = low[x] > order[Int(p)]
          }
        }
      }
    }
    return (parent, bridge)
  }

  /// Whether u and v have a neighbour in common. Rows are sorted: each neighbour of the end
  /// with fewer is looked up by binary search in the other's row, O(min(d_u, d_v) log d), so a
  /// hub's ties cost little each.
  func shareNeighbour(_ u: Int, _ v: Int) -> Bool {
    let du = outOffsets[u + 1] - outOffsets[u]
    let dv = outOffsets[v + 1] - outOffsets[v]
    let (small, large) = du <= dv ? (u, v) : (v, u)
    let lo = outOffsets[large]
    let hi = outOffsets[large + 1]
    for k in outOffsets[small]..<outOffsets[small + 1] {
      let w = outTargets[k]
      var a = lo
      var b = hi
      while a < b {
        let mid = (a + b) / 2
        if outTargets[mid] < w { a = mid + 1 } else { b = mid }
      }
      if a < hi && outTargets[a] == w { return true }
    }
    return false
  }
}

extension Network {
  /// The local bridges of the ties `selection` picks: ties whose ends have no other path
  /// shorter than three steps, with their span (see ``LocalBridge``).
  ///
  /// - Throws: ``SpanSearchError`` when the search would take more than `searchBudget` steps;
  ///   ``NetworkError`` for an unknown layer.
  /// - Complexity: O(m · (n + m)) in the worst case, bounded by `searchBudget` steps.
  ///
  /// Granovetter, M. S. (1973). The strength of weak ties. *American Journal of Sociology*
  /// 78(6), 1360–1380. [doi:10.1086/225469](https://doi.org/10.1086/225469)
  public func localBridges(
    selection: TieSelection = .all,
    searchBudget: Int = Adjacency.spanSearchBudget
  ) throws -> [LocalBridge] {
    try adjacency(selection).localBridges(searchBudget: searchBudget)
  }
}
