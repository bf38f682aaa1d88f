/// What happens if people leave: fragmentation after removing nodes, and greedy key-player sets.
///
/// Fragmentation (Borgatti 2006) is the share of ordered pairs of the remaining nodes that
/// cannot reach each other: F = 1 − Σ_{i≠j} r_ij / (n(n−1)), r_ij = 1 when j is reachable from
/// i. Distance-weighted fragmentation replaces r_ij with 1/d_ij: DF = 1 − Σ_{i≠j} (1/d_ij) / (n(n−1)).
/// On undirected networks this is 1 − Σ_k s_k(s_k−1)/(n(n−1)) over component sizes s_k, Borgatti's
/// formula; on directed networks reachability follows tie direction. Distances are in hops.
/// Below two nodes both are NaN.
///
/// - Complexity: O(n (n + m)) per evaluation.
///
/// Borgatti, S. P. (2006). Identifying sets of key players in a social network. *Computational
/// and Mathematical Organization Theory* 12, 21–34.
/// [doi:10.1007/s10588-006-7084-x](https://doi.org/10.1007/s10588-006-7084-x)
///
/// "Before" is always the whole network, the same whoever is removed; "after" is measured on
/// the nodes that remain. Reach lost and the group pairs cut off count pairs of remaining nodes.
public struct RemovalEffect: Sendable, Equatable {
  /// The nodes removed (indices into the network's nodes).
  public var removed: [Int]
  /// Nodes in the whole network, before anyone leaves.
  public var nodesBefore: Int
  /// Nodes that remain after the removal.
  public var remainingNodes: Int
  /// Weak components of the whole network (strong reach on directed networks is in the
  /// fragmentation).
  public var componentsBefore: Int
  /// Weak components of the nodes that remain.
  public var componentsAfter: Int
  /// Nodes in the largest component of the whole network.
  public var largestBefore: Int
  /// Nodes in the largest component of the nodes that remain.
  public var largestAfter: Int
  /// Fragmentation F = 1 − Σ_{i≠j} r_ij / (n(n−1)) of the whole network.
  public var fragmentationBefore: Double
  /// Fragmentation of the nodes that remain.
  public var fragmentationAfter: Double
  /// Distance-weighted fragmentation DF = 1 − Σ_{i≠j} (1/d_ij) / (n(n−1)) of the whole network.
  public var distanceFragmentationBefore: Double
  /// Distance-weighted fragmentation of the nodes that remain.
  public var distanceFragmentationAfter: Double
  /// Ordered pairs of remaining nodes that could reach each other before and cannot after.
  public var reachLost: Int
  /// Pairs of groups (a, b) whose remaining members had a path from a to b before and none
  /// after (empty without groups).
  public var groupPairsCut: [(Int, Int)]

  public static func == (a: RemovalEffect, b: RemovalEffect) -> Bool {
    a.removed == b.removed && a.reachLost == b.reachLost && a.componentsAfter == b.componentsAfter
      && a.groupPairsCut.elementsEqual(b.groupPairsCut, by: ==)
  }
}

extension Adjacency {
  /// Reachability and inverse-distance sums over ordered pairs of nodes not removed, and the
  /// group pairs that stay in reach when `groups` are given. With `relay`, removed nodes still
  /// pass paths on (the network before they leave); without, paths avoid them.
  func reachSummary(removed: [Bool], relay: Bool, groups: [Int]?) -> (
    reach: Int, inverse: Double, pairs: Set<[Int]>
  ) {
    let n = nodeCount
    var dist = [Int](repeating: -1, count: n)
    var queue: [Int] = []
    var reach = 0
    var inverse = 0.0
    var pairs = Set<[Int]>()
    for s in 0..<n where !removed[s] {
      queue.removeAll(keepingCapacity: true)
      queue.append(s)
      dist[s] = 0
      var head = 0
      while head < queue.count {
        let v = queue[head]
        head += 1
        for w32 in successors(of: v) {
          let w = Int(w32)
          if dist[w] >= 0 || (removed[w] && !relay) { continue }
          dist[w] = dist[v] + 1
          queue.append(w)
        }
      }
      for v in queue where v != s && !removed[v] {
        reach += 1
        inverse += 1 / Double(dist[v])
        if let groups, groups[s] != groups[v], groups[s] >= 0, groups[v] >= 0 {
          pairs.insert([groups[s], groups[v]])
        }
      }
      for v in queue { dist[v] = -1 }
    }
    return (reach, inverse, pairs)
  }

  /// The effect of removing `nodes`: components, fragmentation and distance-weighted
  /// fragmentation of the whole network before, and of the nodes that remain after; the
  /// ordered pairs of remaining nodes that lose reach, and the group pairs cut off.
  ///
  /// - Complexity: O(n (n + m)).
  public func removalEffect(of nodes: [Int], groups: [Int]? = nil) -> RemovalEffect {
    let n = nodeCount
    var removed = [Bool](repeating: false, count: n)
    for v in nodes { removed[v] = true }
    let keep = n - Set(nodes).count
    let pairsTotal = Double(keep) * Double(keep - 1)
    let pairsWhole = Double(n) * Double(n - 1)
    // Pairs of remaining nodes in reach while everyone is present, for the reach lost.
    let before = reachSummary(removed: removed, relay: true, groups: groups)
    let after = reachSummary(removed: removed, relay: false, groups: groups)
    let whole = reachSummary(removed: [Bool](repeating: false, count: n), relay: true, groups: nil)
    let weakBefore = weakComponents
    let weakAfter = subgraphComponents(removed: removed)
    var cut: [(Int, Int)] = []
    for p in before.pairs.subtracting(after.pairs).sorted(by: { $0.lexicographicallyPrecedes($1) })
    {
      if !isDirected && p[0] > p[1] { continue }
      cut.append((p[0], p[1]))
    }
    let f = { (r: Double, pairs: Double, count: Int) in count > 1 ? 1 - r / pairs : .nan }
    return RemovalEffect(
      removed: nodes.sorted(), nodesBefore: n, remainingNodes: keep,
      componentsBefore: weakBefore.count, componentsAfter: weakAfter.count,
      largestBefore: weakBefore.largest, largestAfter: weakAfter.largest,
      fragmentationBefore: f(Double(whole.reach), pairsWhole, n),
      fragmentationAfter: f(Double(after.reach), pairsTotal, keep),
      distanceFragmentationBefore: f(whole.inverse, pairsWhole, n),
      distanceFragmentationAfter: f(after.inverse, pairsTotal, keep),
      reachLost: before.reach - after.reach, groupPairsCut: cut)
  }

  /// Weak components of the nodes not removed.
  func subgraphComponents(removed: [Bool]) -> Components {
    let label = weakComponentLabels(removed: removed)
    return Components(rawLabels: (0..<nodeCount).filter { !removed[$0] }.map { label[$0] })
  }

  /// Breadth-first search steps that `greedyKeyPlayers(count:)` may take at most, for the
  /// command line's limit: each of k steps scores every candidate by a search from every node,
  /// k · n · n · (n + arcs), counted as an upper bound.
  public func keyPlayerWork(count k: Int) -> Double {
    Double(k) * Double(nodeCount) * Double(nodeCount) * Double(nodeCount + arcCount)
  }

  /// The most work, in `keyPlayerWork(count:)` steps, that the command line starts on: the
  /// order of a minute in a release build on two cores.
  public static let keyPlayerWorkLimit = 2e9

  /// A key-player set of size `k` found greedily: each step removes the node that most raises
  /// fragmentation (or distance-weighted fragmentation) of the rest; ties go to the lower
  /// index. Greedy, so not always the best set (Borgatti 2006 improves it by swaps).
  ///
  /// - Complexity: O(k n · n (n + m)).
  public func greedyKeyPlayers(
    count k: Int, distanceWeighted: Bool, threads: Int = Threads.available
  ) -> [Int] {
    precondition(k >= 0 && k <= nodeCount, "k must lie in 0...nodeCount")
    var chosen: [Int] = []
    var removed = [Bool](repeating: false, count: nodeCount)
    let adjacency = self
    for _ in 0..<k {
      // Every candidate is scored on its own thread; the choice then goes through the scores
      // in index order, so it does not depend on the number of threads.
      let keep = Double(nodeCount - chosen.count - 1)
      let current = removed
      let scores = parallelMap(nodeCount, threads: threads, default: -Double.infinity) { v in
        guard !current[v] else { return -Double.infinity }
        var without = current
        without[v] = true
        let s = adjacency.reachSummary(removed: without, relay: false, groups: nil)
        return keep > 1
          ? 1 - (distanceWeighted ? s.inverse : Double(s.reach)) / (keep * (keep - 1)) : 1
      }
      var best = -1
      var bestScore = -Double.infinity
      for v in 0..<nodeCount where !removed[v] {
        if scores[v] > bestScore + 1e-12 {
          bestScore = scores[v]
          best = v
        }
      }
      chosen.append(best)
      removed[best] = true
    }
    return chosen
  }
}

extension Network {
  /// The effect of removing the nodes with these ids (see ``RemovalEffect``), with the group
  /// pairs cut off when `attribute` names a group attribute.
  ///
  /// - Throws: ``NetworkError/unknownNode(_:)`` for an id no node has.
  /// - Complexity: O(n (n + m)).
  ///
  /// Borgatti, S. P. (2006). Identifying sets of key players in a social network.
  /// *Computational and Mathematical Organization Theory* 12(1), 21–34.
  /// [doi:10.1007/s10588-006-7084-x](https://doi.org/10.1007/s10588-006-7084-x)
  public func removalEffect(
    of ids: [String], groupedBy attribute: String? = nil,
    selection: TieSelection = .all
  ) throws -> RemovalEffect {
    let removed = try ids.map { id throws(NetworkError) in
      guard let v = index(of: id) else { throw .unknownNode(id) }
      return v
    }
    let g = try attribute.map { try groups(by: $0).groups }
    return try adjacency(selection).removalEffect(of: removed, groups: g)
  }

  /// A key-player set of `count` nodes found greedily (see
  /// ``Adjacency/greedyKeyPlayers(count:distanceWeighted:threads:)``), as node indices in the
  /// order chosen.
  ///
  /// - Complexity: O(k n · n (n + m)) for k = `count`.
  ///
  /// Borgatti, S. P. (2006). Identifying sets of key players in a social network.
  /// *Computational and Mathematical Organization Theory* 12(1), 21–34.
  /// [doi:10.1007/s10588-006-7084-x](https://doi.org/10.1007/s10588-006-7084-x)
  public func keyPlayers(
    count: Int, distanceWeighted: Bool = false, selection: TieSelection = .all,
    threads: Int = Threads.available
  ) throws -> [Int] {
    try adjacency(selection).greedyKeyPlayers(
      count: count, distanceWeighted: distanceWeighted, threads: threads)
  }
}
