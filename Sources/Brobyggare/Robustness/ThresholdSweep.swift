/// Does a bridge-builder still stand when only strong trust counts? A measure computed on the
/// ties whose trust is at or above each of several cut-offs, each node's rank at each, and the
/// rank correlation between cut-offs.
///
/// A tie without a trust counts as trust 1 (the top of the scale), as everywhere here. The
/// measure at each cut-off is the one the library computes on the kept ties, unweighted
/// (hops) for the path measures, so that the cut-off, not the weights, is what changes. Ranks
/// are 1 for the largest value (for constraint, where less is more brokerage, 1 for the
/// smallest), ties sharing the mean rank, as R's `rank(ties.method = "average")`. A node
/// without a value at a cut-off (constraint is undefined for a node left without ties) has no
/// rank there (NaN), and the rank correlation is Spearman's over the nodes with a value at both
/// cut-offs (R's `cor(method = "spearman", use = "complete.obs")`).
///
/// - Complexity: k times the measure's own, for k cut-offs.
public struct ThresholdSweep: Sendable {
  /// The measures a sweep can follow.
  public enum Measure: String, Sendable, CaseIterable {
    /// Distinct contacts (``DegreeCounts/degree``).
    case degree
    /// Raw betweenness (``Network/betweenness(selection:distance:threads:)``).
    case betweenness
    /// Closeness along outgoing ties.
    case closeness
    /// Harmonic centrality along outgoing ties.
    case harmonic
    /// Burt's constraint (``StructuralHoles/constraint``); smaller ranks first.
    case constraint

    /// Whether a smaller value ranks first (constraint: less constraint, more brokerage).
    public var smallerFirst: Bool { self == .constraint }
  }

  /// The measure followed.
  public var measure: Measure
  /// The cut-offs, in the order given.
  public var thresholds: [Double]
  /// The ties kept at each cut-off (undirected ties once), after merging parallel ties.
  public var ties: [Int]
  /// `values[k][v]`: the measure of node v on the ties of cut-off k.
  public var values: [[Double]]
  /// `ranks[k][v]`: v's rank at cut-off k (scores within 10⁻⁹ of each other, relative, rank
  /// as ties: they differ only by rounding); NaN where v has no value there.
  public var ranks: [[Double]]
  /// Spearman's correlation of the ranks at each cut-off with those at the first, over the
  /// nodes ranked at both.
  public var correlationWithFirst: [Double]
  /// Spearman's correlation of the ranks at each cut-off with those at the one before (NaN for
  /// the first).
  public var correlationWithPrevious: [Double]
}

extension Adjacency {
  /// The arcs whose trust is at least `cutoff`.
  ///
  /// - Complexity: O(n + m).
  public func keepingTies(trustAtLeast cutoff: Double) -> Adjacency {
    var arcs: [(Int32, Int32, Double)] = []
    arcs.reserveCapacity(arcCount)
    for v in 0..<nodeCount {
      for k in outOffsets[v]..<outOffsets[v + 1] where outTrust[k] >= cutoff {
        arcs.append((Int32(v), outTargets[k], outTrust[k]))
      }
    }
    return Adjacency(nodeCount: nodeCount, directed: isDirected, sortedArcs: arcs)
  }

  /// The sweep (see ``ThresholdSweep``) on this adjacency.
  public func thresholdSweep(
    _ measure: ThresholdSweep.Measure, thresholds: [Double],
    threads: Int = Threads.available
  ) -> ThresholdSweep {
    var values: [[Double]] = []
    var ties: [Int] = []
    for c in thresholds {
      let kept = keepingTies(trustAtLeast: c)
      ties.append(kept.tieCount)
      let hops = ArcLengths(transform: .hops, lengths: nil)
      switch measure {
      case .degree: values.append(kept.degrees.degree.map(Double.init))
      case .betweenness: values.append(kept.betweenness(lengths: hops, threads: threads))
      case .closeness:
        values.append(kept.closenessAndHarmonic(lengths: hops, threads: threads).closeness)
      case .harmonic:
        values.append(kept.closenessAndHarmonic(lengths: hops, threads: threads).harmonic)
      case .constraint: values.append(kept.structuralHoles(weighted: false).constraint)
      }
    }
    // Scores within rounding of each other rank as ties (RankCorrelation.withRoundingTies).
    // A node without a value (constraint of a node left without ties) has no rank: NaN
    // sorts after every value, so the others' ranks are those among the nodes with values.
    let ranks = values.map {
      RankCorrelation.ranksOfValues(
        RankCorrelation.withRoundingTies($0), descending: !measure.smallerFirst)
    }
    /// Spearman's rho over the nodes ranked at both cut-offs (R's use = "complete.obs").
    func spearman(_ a: [Double], _ b: [Double]) -> Double {
      let both = a.indices.filter { !a[$0].isNaN && !b[$0].isNaN }
      return RankCorrelation.spearman(both.map { a[$0] }, both.map { b[$0] })
    }
    let first = ranks.first ?? []
    return ThresholdSweep(
      measure: measure, thresholds: thresholds, ties: ties, values: values, ranks: ranks,
      correlationWithFirst: ranks.map { spearman(first, $0) },
      correlationWithPrevious: ranks.indices.map {
        $0 == 0 ? .nan : spearman(ranks[$0 - 1], ranks[$0])
      })
  }
}

extension Network {
  /// The sweep (see ``ThresholdSweep``) on the selected ties; trust is the selection's (its
  /// weight attribute, or the tie's trust).
  public func thresholdSweep(
    _ measure: ThresholdSweep.Measure, thresholds: [Double],
    selection: TieSelection = .all, threads: Int = Threads.available
  ) throws -> ThresholdSweep {
    try adjacency(selection).thresholdSweep(measure, thresholds: thresholds, threads: threads)
  }
}
