/// Two waves of the same study compared: ties gained and lost, trust up and down, and the
/// change in a measure and in the ranking it gives. Nodes and ties are matched by id (ties by
/// their two ends and layer; undirected ties whichever way they are written).
public struct WaveComparison: Sendable {
  /// What happened to a tie from wave a to wave b.
  public enum Change: String, Sendable, CaseIterable {
    /// Absent in a, present in b.
    case gained
    /// Present in a, absent in b.
    case lost
    /// Present in both, with more trust in b.
    case up
    /// Present in both, with less trust in b.
    case down
    /// Present in both with the same trust.
    case same
  }

  /// A tie in either wave and what happened to it.
  public struct TieChange: Hashable, Sendable {
    /// The id of its source.
    public var source: String
    /// The id of its target.
    public var target: String
    /// Its layer, or `nil`.
    public var layer: String?
    /// Trust in each wave, or the weight the selection names (1 for a tie without trust); `nil`
    /// where the tie is absent.
    public var trustA: Double?
    /// Trust in wave b, as `trustA`.
    public var trustB: Double?
    /// What happened to it.
    public var change: Change
  }

  /// A node in either wave, with the measure and its rank in each (scores within 10⁻⁹ of each
  /// other, relative, rank as ties: they differ only by rounding).
  public struct NodeChange: Hashable, Sendable {
    /// The node's id.
    public var id: String
    /// The node's label.
    public var label: String
    /// Whether it is in wave a.
    public var inA: Bool
    /// Whether it is in wave b.
    public var inB: Bool
    /// The measure in each wave; NaN where the node is absent.
    public var scoreA: Double
    /// The measure in wave b; NaN where the node is absent.
    public var scoreB: Double
    /// Ranks among the nodes of each wave (1 is first; ties share the mean); NaN when absent
    /// or without a value there.
    public var rankA: Double
    /// Its rank in wave b; NaN when absent or without a value there.
    public var rankB: Double
  }

  /// Every tie of either wave, with its change.
  public var ties: [TieChange]
  /// Every node of either wave.
  public var nodes: [NodeChange]
  /// Spearman's rho between the two waves' values over the nodes present in both.
  public var spearman: Double

  /// The number of ties with this change.
  ///
  /// - Complexity: O(ties).
  public func count(_ c: Change) -> Int { ties.filter { $0.change == c }.count }

  /// Compares wave `a` with wave `b`.
  ///
  /// - Parameters:
  ///   - a: the earlier wave.
  ///   - b: the later wave.
  ///   - measure: what to rank by (on the selected ties of each wave).
  ///   - selection: the layers (and weight and merge rule) both waves are read with.
  ///   - threads: how many threads share the measure; the result is the same for any number.
  public init(
    _ a: Network, _ b: Network, measure: Robustness.Measure = .betweenness,
    selection: TieSelection = .all,
    threads: Int = Threads.available
  ) throws {
    func tieMap(_ net: Network) throws -> (
      keys: [String], values: [String: (String, String, String?, Double)]
    ) {
      var keys: [String] = []
      var values: [String: (String, String, String?, Double)] = [:]
      // Parallel ties of one pair and layer: how many, for the mean.
      var counts: [String: Int] = [:]
      for (k, t) in net.ties.enumerated() where !t.isSelfLoop {
        if !selection.includes(layer: t.layer) { continue }
        var (s, u) = (net.nodes[t.source].id, net.nodes[t.target].id)
        if !net.isDirected && s > u { swap(&s, &u) }
        let key = "\(s)\u{1}\(u)\u{1}\(t.layer ?? "")"
        // The weight the selection names (the trust by default), as the measures read it;
        // parallel ties merged by the selection's rule, as the measures merge them.
        let w = try net.weight(of: t, number: k, selection)
        if let old = values[key] {
          let merged: Double
          switch selection.merge {
          case .max: merged = Swift.max(old.3, w)
          case .min: merged = Swift.min(old.3, w)
          case .mean, .sum: merged = old.3 + w
          }
          values[key]!.3 = merged
          counts[key, default: 1] += 1
        } else {
          values[key] = (s, u, t.layer, w)
          keys.append(key)
        }
      }
      if selection.merge == .mean {
        for (key, n) in counts { values[key]!.3 /= Double(n) }
      }
      return (keys, values)
    }
    let (ka, va) = try tieMap(a)
    let (kb, vb) = try tieMap(b)
    var ties: [TieChange] = []
    for k in ka {
      let x = va[k]!
      let y = vb[k]?.3
      let change: Change = y == nil ? .lost : y! > x.3 ? .up : y! < x.3 ? .down : .same
      ties.append(
        TieChange(source: x.0, target: x.1, layer: x.2, trustA: x.3, trustB: y, change: change))
    }
    for k in kb where va[k] == nil {
      let y = vb[k]!
      ties.append(
        TieChange(source: y.0, target: y.1, layer: y.2, trustA: nil, trustB: y.3, change: .gained))
    }
    self.ties = ties

    let sa = measure.scores(try a.adjacency(selection), threads: threads)
    let sb = measure.scores(try b.adjacency(selection), threads: threads)
    // Scores within rounding of each other rank as ties (RankCorrelation.withRoundingTies).
    // A node without a value (constraint of a node without ties) has no rank, as in sweep.
    func ranks(_ scores: [Double]) -> [Double] {
      RankCorrelation.ranksOfValues(
        RankCorrelation.withRoundingTies(scores), descending: measure.higherRanksFirst)
    }
    let ra = ranks(sa)
    let rb = ranks(sb)
    var nodes: [NodeChange] = []
    for (i, node) in a.nodes.enumerated() {
      let j = b.index(of: node.id)
      nodes.append(
        NodeChange(
          id: node.id, label: node.label, inA: true, inB: j != nil, scoreA: sa[i],
          scoreB: j.map { sb[$0] } ?? .nan,
          rankA: ra[i], rankB: j.map { rb[$0] } ?? .nan))
    }
    for (j, node) in b.nodes.enumerated() where a.index(of: node.id) == nil {
      nodes.append(
        NodeChange(
          id: node.id, label: node.label, inA: false, inB: true, scoreA: .nan, scoreB: sb[j],
          rankA: .nan, rankB: rb[j]))
    }
    self.nodes = nodes
    let both = nodes.filter { $0.inA && $0.inB && $0.scoreA.isFinite && $0.scoreB.isFinite }
    spearman = RankCorrelation.spearman(
      RankCorrelation.withRoundingTies(both.map(\.scoreA)),
      RankCorrelation.withRoundingTies(both.map(\.scoreB)))
  }
}
