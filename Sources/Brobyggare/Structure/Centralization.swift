/// Freeman's centralization: how far a network is from a star, for degree, betweenness and
/// closeness.
///
/// C = Σᵢ (max c − cᵢ) / max over graphs of n nodes of the same sum, so that a star scores 1
/// and a network where every node scores the same scores 0 (Freeman 1979; R's sna
/// `centralization(g, FUN)` with its default `normalize = TRUE`). The measures, on the simple
/// graph of the selected ties, ignoring trust, as sna computes them by default:
/// - degree: in-degree plus out-degree on a directed network (sna's `cmode = "freeman"`), the
///   number of neighbours on an undirected one; the maximum is (n−1)(2(n−1)−2) directed,
///   (n−1)(n−2) undirected.
/// - betweenness: Brandes' raw betweenness (each unordered pair once on an undirected
///   network); the maximum is (n−1)²(n−2) directed, (n−1)²(n−2)/2 undirected.
/// - closeness: Freeman's (n−1)/Σⱼ d(i, j) over directed paths on a directed network, 0 for a
///   node that does not reach everyone (as sna gives it); the maximum is (n−1)(1−1/n) directed,
///   (n−1)(n−2)/(2n−3) undirected. This is not the closeness of `metrics` (Wasserman and
///   Faust's, which networkx uses), which differs where the network is not connected.
///
/// NaN below three nodes, where the maximum is 0.
///
/// - Complexity: O(n + m) for degree, O(n m) for betweenness and closeness.
///
/// Freeman, L. C. (1979). Centrality in social networks: conceptual clarification. *Social
/// Networks* 1(3), 215–239. [doi:10.1016/0378-8733(78)90021-7](https://doi.org/10.1016/0378-8733(78)90021-7)
public struct Centralization: Sendable, Equatable {
  /// Freeman's degree centralization: Σ (max − d_i) over its largest possible value.
  public var degree: Double
  /// Freeman's betweenness centralization: Σ (max − b_i) over its largest possible value.
  public var betweenness: Double
  /// Freeman's closeness centralization: Σ (max − c_i) over its largest possible value.
  public var closeness: Double
}

extension Adjacency {
  /// Freeman's centralization of degree, betweenness and closeness (see ``Centralization``).
  public func centralization(threads: Int = Threads.available) -> Centralization {
    centralization(threads: threads, totals: breadthFirstTotals())
  }

  /// The same from breadth-first totals already found (as `summary` finds them once for
  /// closeness and the distances).
  public func centralization(threads: Int, totals: BreadthFirstTotals) -> Centralization {
    let n = nodeCount
    guard n > 2 else { return Centralization(degree: .nan, betweenness: .nan, closeness: .nan) }
    let d = Double(n)
    func spread(_ values: [Double]) -> Double {
      let top = values.max() ?? 0
      return values.reduce(0) { $0 + (top - $1) }
    }
    let degree = degrees.degree.map(Double.init)
    let degreeMax = isDirected ? (d - 1) * (2 * (d - 1) - 2) : (d - 1) * (d - 2)
    let between = betweenness(lengths: ArcLengths(transform: .hops, lengths: nil), threads: threads)
    let betweenMax = isDirected ? (d - 1) * (d - 1) * (d - 2) : (d - 1) * (d - 1) * (d - 2) / 2
    let close = freemanCloseness(totals)
    let closeMax = isDirected ? (d - 1) * (1 - 1 / d) : (d - 1) * (d - 2) / (2 * d - 3)
    return Centralization(
      degree: spread(degree) / degreeMax, betweenness: spread(between) / betweenMax,
      closeness: spread(close) / closeMax)
  }

  /// Freeman's closeness (n−1)/Σⱼ d(i, j) along the ties' direction; 0 for a node that does
  /// not reach every other node, as sna's `closeness` gives it.
  func freemanCloseness(_ t: BreadthFirstTotals) -> [Double] {
    let n = nodeCount
    return (0..<n).map { s in
      t.reached[s] == n && t.total[s] > 0 ? Double(n - 1) / Double(t.total[s]) : 0
    }
  }

  /// For each source, by breadth-first search along the ties' direction: the nodes it reaches
  /// (itself included), the sum of their distances and the longest. Closeness and the mean
  /// distance and diameter (``distanceSummary``) are read from one such pass.
  ///
  /// - Complexity: O(n m).
  public func breadthFirstTotals() -> BreadthFirstTotals {
    let n = nodeCount
    var totals = BreadthFirstTotals(
      reached: [Int](repeating: 0, count: n), total: [Int](repeating: 0, count: n),
      longest: [Int](repeating: 0, count: n))
    var dist = [Int32](repeating: -1, count: n)
    var queue = [Int32](repeating: 0, count: n)
    for s in 0..<n {
      for k in 0..<n { dist[k] = -1 }
      dist[s] = 0
      queue[0] = Int32(s)
      var head = 0
      var tail = 1
      var total = 0
      var longest = 0
      while head < tail {
        let v = Int(queue[head])
        head += 1
        for w in successors(of: v) where dist[Int(w)] < 0 {
          let d = dist[v] + 1
          dist[Int(w)] = d
          total += Int(d)
          longest = max(longest, Int(d))
          queue[tail] = w
          tail += 1
        }
      }
      totals.reached[s] = tail
      totals.total[s] = total
      totals.longest[s] = longest
    }
    return totals
  }
}

/// What ``Adjacency/breadthFirstTotals()`` finds from each source: the nodes it reaches
/// (itself included), the sum of their distances in steps, and the longest.
public struct BreadthFirstTotals: Sendable {
  /// Per source: the nodes it reaches, itself included.
  public var reached: [Int]
  /// Per source: the sum of the distances (hops) to the nodes it reaches.
  public var total: [Int]
  /// Per source: the longest of those distances.
  public var longest: [Int]
}

extension Network {
  /// Freeman's centralization of degree, betweenness and closeness on the selected ties (see
  /// ``Centralization``).
  public func centralization(selection: TieSelection = .all, threads: Int = Threads.available)
    throws -> Centralization
  {
    try adjacency(selection).centralization(threads: threads)
  }
}
