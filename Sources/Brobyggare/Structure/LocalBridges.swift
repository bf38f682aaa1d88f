/// A local bridge (Granovetter 1973): a tie whose ends have no contact in common, so that it
/// is the shortest route between two parts of the network. Its span is the length of the
/// shortest path between its ends once the tie is removed; infinite when the tie is a bridge
/// (its removal disconnects them).
public struct LocalBridge: Sendable, Equatable {
  public var source: Int
  public var target: Int
  /// Hops between the ends without this tie; `.infinity` for a bridge.
  public var span: Double
}

extension Adjacency {
  /// The local bridges with their span, as networkx's `local_bridges(G, with_span=True)`, on
  /// the undirected view (a tie counts whichever way it runs; networkx refuses directed
  /// graphs). Listed by (source, target) with source < target.
  ///
  /// - Complexity: O(m d) to test the ties, plus O(n + m) per local bridge for its span.
  ///
  /// Granovetter, M. S. (1973). The strength of weak ties. *American Journal of Sociology*
  /// 78(6), 1360–1380. [doi:10.1086/225469](https://doi.org/10.1086/225469)
  public func localBridges() -> [LocalBridge] {
    let g = undirected()
    let n = nodeCount
    var result: [LocalBridge] = []
    var hop = [Int32](repeating: -1, count: n)
    var queue: [Int32] = []
    queue.reserveCapacity(n)
    for u in 0..<n {
      for v32 in g.successors(of: u) where Int(v32) > u {
        let v = Int(v32)
        if g.shareNeighbour(u, v) { continue }
        // Breadth-first from u to v, not using the tie u–v.
        queue.removeAll(keepingCapacity: true)
        queue.append(Int32(u))
        hop[u] = 0
        var head = 0
        var span = Double.infinity
        search: while head < queue.count {
          let x = Int(queue[head])
          head += 1
          for y32 in g.successors(of: x) {
            let y = Int(y32)
            if hop[y] >= 0 || (x == u && y == v) { continue }
            hop[y] = hop[x] + 1
            if y == v { span = Double(hop[y]); break search }
            queue.append(y32)
          }
        }
        for x in queue { hop[Int(x)] = -1 }
        hop[v] = -1
        result.append(LocalBridge(source: u, target: v, span: span))
      }
    }
    return result
  }

  /// Whether u and v have a neighbour in common (rows are sorted).
  func shareNeighbour(_ u: Int, _ v: Int) -> Bool {
    var i = outOffsets[u], j = outOffsets[v]
    let iEnd = outOffsets[u + 1], jEnd = outOffsets[v + 1]
    while i < iEnd && j < jEnd {
      let a = outTargets[i], b = outTargets[j]
      if a == b { return true }
      if a < b { i += 1 } else { j += 1 }
    }
    return false
  }
}
