import Foundation

/// Burt's structural-hole measures for every node: constraint, effective size, efficiency and
/// hierarchy.
///
/// With a_ij the trust of the tie i → j (0 when there is none), the mutual strength is
/// m_ij = a_ij + a_ji, the contacts N(i) are the nodes i has a tie with in either direction,
/// and p_ij = m_ij / Σ_{k∈N(i)} m_ik is the share of i's relations invested in j. Then
///
///     constraint      C_i = Σ_{j∈N(i)} c_ij,  c_ij = (p_ij + Σ_{q∈N(i), q≠j} p_iq p_qj)²
///     effective size  E_i = Σ_{j∈N(i)} (1 − Σ_{q∈N(i), q≠j} p_iq m_jq / max_k m_jk)
///     efficiency      E_i / |N(i)|
///     hierarchy       H_i = Σ_j r_j ln r_j / (N ln N),  r_j = c_ij / (C_i / N),  N = |N(i)|
///
/// (Burt 1992, ch. 2; the effective size as Borgatti 1997 unpacks it). On an undirected
/// network m_ij = 2a_ij, which leaves every ratio unchanged. With `weighted: false` every tie
/// counts 1. Self-loops are ignored and parallel ties merged first (see ``TieMerge``).
///
/// Undefined values are NaN: all four for a node without contacts (as networkx and igraph),
/// and hierarchy for a node with one contact (0/0).
///
/// Constraint equals igraph's `constraint` and networkx's `constraint`; effective size equals
/// networkx's `effective_size` (Burt's formula; for unweighted undirected graphs networkx uses
/// Borgatti's simplification n − 2t/n, which gives the same number). On a directed network a
/// node's contacts are those it sends ties to and those it receives them from, as igraph has
/// them: a node that only receives ties has all four measures here and in igraph, where
/// networkx 3.6.1 gives NaN (it skips nodes without successors).
///
/// - Complexity: O(Σ_i Σ_{q∈N(i)} |N(q)|) time, O(n + m) memory.
///
/// Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*. Harvard
/// University Press. [doi:10.4159/9780674029095](https://doi.org/10.4159/9780674029095)
/// Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy measures.
/// *Connections* 20(1), 35–38.
public struct StructuralHoles: Sendable, Equatable {
  /// Burt's constraint per node: c_i = Σ_{j≠i} (p_ij + Σ_{q≠i,j} p_iq p_qj)²; low is a broker.
  /// NaN for a node without contacts.
  public var constraint: [Double]
  /// Effective size per node: E_i = Σ_{j∈N(i)} (1 − Σ_{q∈N(i), q≠j} p_iq m_jq / max_k m_jk)
  /// (Borgatti's unpacking). NaN without contacts.
  public var effectiveSize: [Double]
  /// Efficiency per node: effective size divided by the number of contacts. NaN without contacts.
  public var efficiency: [Double]
  /// Burt's hierarchy per node: how much of the constraint comes from one contact,
  /// Σ_j (c_ij/(C/N)) ln(c_ij/(C/N)) / (N ln N). NaN below two contacts.
  public var hierarchy: [Double]
  /// The ids of the nodes, for ``subscript(id:)``; set by
  /// ``Network/structuralHoles(selection:weighted:)``, empty when computed on an ``Adjacency``.
  public var nodeIDs: [String] = []

  /// One node's four measures, read by name.
  public struct NodeMeasures: Sendable, Equatable, CustomStringConvertible {
    /// The node's id, when computed on a ``Network``.
    public var id: String?
    /// Burt's constraint (low: a broker).
    public var constraint: Double
    /// Effective size.
    public var effectiveSize: Double
    /// Efficiency: effective size over the contacts.
    public var efficiency: Double
    /// Hierarchy.
    public var hierarchy: Double

    /// `constraint 0.21, effective size 5.67, efficiency 0.94, hierarchy 0.02`, unrounded.
    public var description: String {
      (id.map { "\($0): " } ?? "")
        + "constraint \(formatNumber(constraint)), effective size \(formatNumber(effectiveSize)), "
        + "efficiency \(formatNumber(efficiency)), hierarchy \(formatNumber(hierarchy))"
    }
  }

  /// Node `v`'s measures (an index into the network's nodes).
  ///
  /// - Complexity: O(1).
  public subscript(_ v: Int) -> NodeMeasures {
    NodeMeasures(
      id: v < nodeIDs.count ? nodeIDs[v] : nil, constraint: constraint[v],
      effectiveSize: effectiveSize[v],
      efficiency: efficiency[v], hierarchy: hierarchy[v])
  }

  /// The measures of the node with this id, or `nil` when no node has it.
  ///
  /// - Complexity: O(n).
  public subscript(id id: String) -> NodeMeasures? {
    nodeIDs.firstIndex(of: id).map { self[$0] }
  }
}

extension Adjacency {
  /// Burt's constraint, effective size, efficiency and hierarchy of every node (see
  /// ``StructuralHoles`` for the formulas and the paper).
  ///
  /// - Parameter weighted: weigh ties by trust; otherwise every tie weighs 1.
  /// - Complexity: O(Σ_i Σ_{q∈N(i)} |N(q)|) time, O(n + m) memory.
  public func structuralHoles(weighted: Bool = true) -> StructuralHoles {
    // Mutual strengths on the undirected graph underneath: a_ij + a_ji.
    var g = isDirected ? undirected(merge: .sum) : self
    // Every measure here is a ratio of tie strengths, the same when all are scaled: strengths
    // whose sums could overflow (trusts near the largest Double) are scaled down first, so
    // that the ratios stay finite. Nothing is scaled otherwise, so no digit changes.
    if weighted, let largest = outTrust.max(), largest > 0,
      (largest * 2 * Double(Swift.max(1, g.outTargets.count))).isInfinite
    {
      let scaled = Adjacency(
        nodeCount: nodeCount, directed: isDirected, offsets: outOffsets, targets: outTargets,
        trust: outTrust.map { $0 / largest })
      g = isDirected ? scaled.undirected(merge: .sum) : scaled
    }
    let n = g.nodeCount
    let m: [Double] =
      weighted
      ? g.outTrust
      : g.outTargets.indices.map { k in
        // Unweighted: a mutual pair counts 2 and a one-way tie 1, as a_ij + a_ji with a = 1.
        if !isDirected { return 1 }
        let v = g.source(ofArc: k)
        let w = Int(g.outTargets[k])
        return (hasArc(from: v, to: w) ? 1 : 0) + (hasArc(from: w, to: v) ? 1 : 0)
      }
    var total = [Double](repeating: 0, count: n)
    var maximum = [Double](repeating: 0, count: n)
    for v in 0..<n {
      for k in g.outOffsets[v]..<g.outOffsets[v + 1] {
        total[v] += m[k]
        maximum[v] = Swift.max(maximum[v], m[k])
      }
    }
    var result = StructuralHoles(
      constraint: .init(repeating: .nan, count: n), effectiveSize: .init(repeating: .nan, count: n),
      efficiency: .init(repeating: .nan, count: n), hierarchy: .init(repeating: .nan, count: n))
    var p = [Double](repeating: 0, count: n)  // p_ij for j ∈ N(i)
    var mark = [Int](repeating: -1, count: n)  // mark[j] == i when j ∈ N(i)
    var indirect = [Double](repeating: 0, count: n)
    var redundancy = [Double](repeating: 0, count: n)
    for i in 0..<n {
      let range = g.outOffsets[i]..<g.outOffsets[i + 1]
      if range.isEmpty || total[i] == 0 { continue }
      for k in range {
        let j = Int(g.outTargets[k])
        mark[j] = i
        p[j] = m[k] / total[i]
        indirect[j] = 0
        redundancy[j] = 0
      }
      for kq in range {
        let q = Int(g.outTargets[kq])
        let piq = p[q]
        guard total[q] > 0 else { continue }
        for kj in g.outOffsets[q]..<g.outOffsets[q + 1] {
          let j = Int(g.outTargets[kj])
          guard j != i, mark[j] == i else { continue }
          indirect[j] += piq * m[kj] / total[q]
          if maximum[j] > 0 { redundancy[j] += piq * m[kj] / maximum[j] }
        }
      }
      var c = 0.0
      var es = 0.0
      for k in range {
        let j = Int(g.outTargets[k])
        let cij = (p[j] + indirect[j]) * (p[j] + indirect[j])
        c += cij
        es += 1 - redundancy[j]
      }
      let count = Double(range.count)
      result.constraint[i] = c
      result.effectiveSize[i] = es
      result.efficiency[i] = es / count
      if range.count > 1 && c > 0 {
        var h = 0.0
        for k in range {
          let j = Int(g.outTargets[k])
          let r = (p[j] + indirect[j]) * (p[j] + indirect[j]) / (c / count)
          if r > 0 { h += r * Foundation.log(r) }
        }
        result.hierarchy[i] = h / (count * Foundation.log(count))
      }
    }
    return result
  }

  /// The source node of the outgoing arc at index `k`.
  func source(ofArc k: Int) -> Int {
    var lo = 0
    var hi = nodeCount
    while lo < hi {
      let mid = (lo + hi) / 2
      if outOffsets[mid + 1] <= k { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }
}

extension Network {
  /// Burt's measures on the selected ties (see ``StructuralHoles``).
  public func structuralHoles(selection: TieSelection = .all, weighted: Bool = true) throws
    -> StructuralHoles
  {
    var holes = try adjacency(selection).structuralHoles(weighted: weighted)
    holes.nodeIDs = nodes.map(\.id)
    return holes
  }
}
