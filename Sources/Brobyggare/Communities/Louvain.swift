/// Communities found by the Louvain method, with their modularity.
public struct Communities: Sendable, Equatable {
  /// The community of each node, numbered 0, 1, … in order of each community's first node.
  public var membership: [Int]
  /// The number of communities.
  public var count: Int
  /// The modularity of `membership` at the resolution used.
  public var modularity: Double
  /// The resolution γ used.
  public var resolution: Double
}

extension Adjacency {
  /// Louvain community detection (Blondel et al. 2008) on the undirected, weighted view of a
  /// network: each node, in an order shuffled by the seed, moves to the neighbouring community
  /// that raises modularity most; when no move helps, communities become nodes and the moves
  /// repeat, until a level raises modularity by less than `threshold`. Ties between equally good
  /// moves go to the community with the lowest number, so the result is fixed by the seed.
  ///
  /// Modularity, with resolution γ (Newman and Girvan 2004; Reichardt and Bornholdt 2006), on the
  /// symmetric weights A (1 per tie, or with `weighted` the tie's trust; direction dropped, and
  /// where ties run both ways the larger trust kept):
  ///
  ///     Q = 1/(2W) Σ_ij [A_ij − γ k_i k_j / (2W)] δ(c_i, c_j),   k_i = Σ_j A_ij, 2W = Σ_i k_i
  ///
  /// the definition of networkx's `modularity` and igraph's `modularity` on undirected graphs.
  /// A network without ties has modularity NaN (0/0) and every node alone.
  ///
  /// - Parameters:
  ///   - weighted: weigh each tie by its trust instead of 1.
  ///   - resolution: γ; above 1 favours smaller communities, below 1 larger ones.
  ///   - seed: fixes the order nodes are visited in, hence the result.
  ///   - threshold: the least rise in modularity for another level.
  /// - Complexity: about O(m) per pass of moves, a few passes per level, a few levels
  ///   (the paper's observation; no bound is proved).
  ///
  /// Blondel, V. D., Guillaume, J.-L., Lambiotte, R. & Lefebvre, E. (2008). Fast unfolding of
  /// communities in large networks. *J. Stat. Mech.* P10008.
  /// [doi:10.1088/1742-5468/2008/10/P10008](https://doi.org/10.1088/1742-5468/2008/10/P10008)
  public func louvain(
    weighted: Bool = false, resolution: Double = 1, seed: UInt64 = 1, threshold: Double = 1e-7
  ) -> Communities {
    let base = undirected()
    let n = nodeCount
    var level = WeightedGraph(base, weighted: weighted)
    var membership = Array(0..<n)
    var rng = SeededGenerator(seed: seed)
    var q = base.modularity(membership, weighted: weighted, resolution: resolution)
    while true {
      let local = level.moveNodes(resolution: resolution, rng: &rng)
      let moved = local.count < level.count
      let next = (0..<n).map { local.membership[membership[$0]] }
      let nq = base.modularity(next, weighted: weighted, resolution: resolution)
      if !moved || !(nq - q > threshold) { break }
      membership = next
      q = nq
      level = level.aggregated(by: local.membership, count: local.count)
    }
    let numbered = renumberByFirstNode(membership)
    return Communities(
      membership: numbered.labels, count: numbered.count,
      modularity: base.modularity(numbered.labels, weighted: weighted, resolution: resolution),
      resolution: resolution)
  }

  /// Modularity of a partition (see ``louvain(weighted:resolution:seed:threshold:)``), on the
  /// undirected view; each tie weighs its trust when `weighted`, 1 otherwise.
  public func modularity(_ membership: [Int], weighted: Bool = false, resolution: Double = 1)
    -> Double
  {
    let g = undirected()
    let communities = (membership.max() ?? -1) + 1
    var inside = [Double](repeating: 0, count: communities)
    var degree = [Double](repeating: 0, count: communities)
    var total = 0.0
    for v in 0..<g.nodeCount {
      for k in g.outOffsets[v]..<g.outOffsets[v + 1] {
        let w = weighted ? g.outTrust[k] : 1
        total += w
        degree[membership[v]] += w
        if membership[Int(g.outTargets[k])] == membership[v] { inside[membership[v]] += w }
      }
    }
    var q = 0.0
    for c in 0..<communities {
      q += inside[c] / total - resolution * (degree[c] / total) * (degree[c] / total)
    }
    return q
  }
}

/// Labels renumbered 0, 1, … in order of first appearance.
func renumberByFirstNode(_ labels: [Int]) -> (labels: [Int], count: Int) {
  var map: [Int: Int] = [:]
  let out = labels.map { l in
    if let m = map[l] { return m }
    let m = map.count
    map[l] = m
    return m
  }
  return (out, map.count)
}

/// A symmetric weighted graph for the Louvain levels; `loops[i]` is A_ii (twice the weight
/// inside an aggregated node), so that k_i = loops[i] + Σ_j≠i A_ij.
struct WeightedGraph {
  var offsets: [Int]
  var targets: [Int]
  var weights: [Double]
  var loops: [Double]
  var count: Int { loops.count }

  init(_ a: Adjacency, weighted: Bool) {
    offsets = a.outOffsets
    targets = a.outTargets.map(Int.init)
    weights = weighted ? a.outTrust : [Double](repeating: 1, count: a.arcCount)
    loops = [Double](repeating: 0, count: a.nodeCount)
  }

  init(offsets: [Int], targets: [Int], weights: [Double], loops: [Double]) {
    self.offsets = offsets
    self.targets = targets
    self.weights = weights
    self.loops = loops
  }

  /// One level of local moves; returns the community of each node, renumbered.
  func moveNodes(resolution: Double, rng: inout SeededGenerator) -> (membership: [Int], count: Int)
  {
    let n = count
    var degree = loops
    for v in 0..<n { for k in offsets[v]..<offsets[v + 1] { degree[v] += weights[k] } }
    let twoW = degree.reduce(0, +)
    var community = Array(0..<n)
    guard twoW > 0 else { return (community, n) }
    var total = degree  // Σ k over each community
    var order = Array(0..<n)
    for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
    var linkTo = [Double](repeating: 0, count: n)
    var touched: [Int] = []
    var improved = true
    while improved {
      improved = false
      for v in order {
        let own = community[v]
        touched.removeAll(keepingCapacity: true)
        for k in offsets[v]..<offsets[v + 1] {
          let c = community[targets[k]]
          if linkTo[c] == 0 { touched.append(c) }
          linkTo[c] += weights[k]
        }
        total[own] -= degree[v]
        // Gain of joining c, up to the common factor 1/W: k_i,in(c) − γ tot(c) k_i / 2W.
        let kv = degree[v] / twoW * resolution
        var best = own
        var bestGain = linkTo[own] - total[own] * kv
        for c in touched {
          let gain = linkTo[c] - total[c] * kv
          if gain > bestGain + 1e-12 * Swift.max(1, abs(bestGain))
            || (abs(gain - bestGain) <= 1e-12 * Swift.max(1, abs(bestGain)) && c < best
              && best != own)
          {
            best = c
            bestGain = gain
          }
        }
        total[best] += degree[v]
        if best != own {
          community[v] = best
          improved = true
        }
        for c in touched { linkTo[c] = 0 }
        linkTo[own] = 0
      }
    }
    let r = renumberByFirstNode(community)
    return (r.labels, r.count)
  }

  /// The graph of communities: A'_CD = Σ_{i∈C, j∈D} A_ij.
  func aggregated(by membership: [Int], count m: Int) -> WeightedGraph {
    var loops = [Double](repeating: 0, count: m)
    var rows = [[Int: Double]](repeating: [:], count: m)
    for v in 0..<count {
      let cv = membership[v]
      loops[cv] += self.loops[v]
      for k in offsets[v]..<offsets[v + 1] {
        let cw = membership[targets[k]]
        if cw == cv { loops[cv] += weights[k] } else { rows[cv][cw, default: 0] += weights[k] }
      }
    }
    var offsets = [0]
    var targets: [Int] = []
    var weights: [Double] = []
    for r in rows {
      for (t, w) in r.sorted(by: { $0.key < $1.key }) {
        targets.append(t)
        weights.append(w)
      }
      offsets.append(targets.count)
    }
    return WeightedGraph(offsets: offsets, targets: targets, weights: weights, loops: loops)
  }
}

extension Network {
  /// Louvain communities of the selected ties (see ``Adjacency/louvain(weighted:resolution:seed:threshold:)``).
  public func louvain(
    selection: TieSelection = .all, weighted: Bool = false, resolution: Double = 1, seed: UInt64 = 1
  ) throws -> Communities {
    try adjacency(selection).louvain(weighted: weighted, resolution: resolution, seed: seed)
  }
}
