/// Transitivity, mean distance and diameter: the network-level figures of `summary`.
///
/// - transitivity: on an undirected network, 3 × triangles / connected triples (networkx's
///   `transitivity`, igraph's `transitivity_undirected`); on a directed one, the share of
///   two-paths i → j → k (i ≠ k) whose shortcut i → k is a tie (R's sna
///   `gtrans(measure = "weak")`). NaN without two-paths.
/// - mean distance: the mean number of steps over the ordered pairs where one reaches the
///   other (igraph's `mean_distance(unconnected = TRUE)`); NaN when no one reaches anyone.
/// - diameter: the longest of those shortest paths, in steps (igraph's `diameter` with
///   `unconnected = TRUE`); 0 without ties.
///
/// On the simple graph of the selected ties, ignoring trust.
///
/// - Complexity: transitivity O(m · d_max) with a marker array; distances O(n m).
public struct DistanceSummary: Sendable, Equatable {
  /// The mean shortest-path length in hops over the ordered pairs that reach each other;
  /// NaN when none does.
  public var meanDistance: Double
  /// The longest of those shortest paths, in hops (0 when no pair reaches another).
  public var diameter: Int
}

extension Adjacency {
  /// Transitivity (see ``DistanceSummary``).
  public var transitivity: Double {
    let n = nodeCount
    var mark = [Int32](repeating: -1, count: n)
    var closed = 0
    var paths = 0
    if isDirected {
      // Two-paths i -> j -> k, i != k, and whether i -> k.
      for i in 0..<n {
        for k in successors(of: i) { mark[Int(k)] = Int32(i) }
        for j in successors(of: i) {
          for k in successors(of: Int(j)) where Int(k) != i {
            paths += 1
            if mark[Int(k)] == Int32(i) { closed += 1 }
          }
        }
      }
    } else {
      // Each triple centred on j counted once: pairs of j's neighbours, and those tied.
      for j in 0..<n {
        let d = outOffsets[j + 1] - outOffsets[j]
        paths += d * (d - 1) / 2
        for a in successors(of: j) { mark[Int(a)] = Int32(j) }
        for a in successors(of: j) {
          for b in successors(of: Int(a)) where Int(b) > Int(a) && mark[Int(b)] == Int32(j) {
            closed += 1
          }
        }
      }
    }
    return paths > 0 ? Double(closed) / Double(paths) : .nan
  }

  /// Mean distance and diameter (see ``DistanceSummary``).
  public var distanceSummary: DistanceSummary { distanceSummary(breadthFirstTotals()) }

  /// Mean distance and diameter from breadth-first totals already found.
  public func distanceSummary(_ t: BreadthFirstTotals) -> DistanceSummary {
    let pairs = t.reached.reduce(0) { $0 + $1 - 1 }
    let total = t.total.reduce(0, +)
    return DistanceSummary(
      meanDistance: pairs > 0 ? Double(total) / Double(pairs) : .nan, diameter: t.longest.max() ?? 0
    )
  }
}

extension Network {
  /// Transitivity on the selected ties (see ``DistanceSummary``).
  public func transitivity(selection: TieSelection = .all) throws -> Double {
    try adjacency(selection).transitivity
  }

  /// Mean distance and diameter on the selected ties (see ``DistanceSummary``).
  public func distanceSummary(selection: TieSelection = .all) throws -> DistanceSummary {
    try adjacency(selection).distanceSummary
  }
}
