import Foundation

/// How sure a ranking is when some people are missing: the network is perturbed many times
/// and the measure recomputed each time, after Borgatti, Carley and Krackhardt (2006), "On the
/// robustness of centrality measures under conditions of imperfect data", *Social Networks*
/// 28(2), 124–136, doi:10.1016/j.socnet.2005.05.001.
public enum Robustness {
  /// The measures whose ranking can be tested.
  public enum Measure: String, Sendable, CaseIterable {
    /// Raw betweenness, in hops.
    case betweenness
    /// Distinct contacts.
    case degree
    /// Distinct nodes with a tie to the node.
    case inDegree = "in_degree"
    /// Closeness along outgoing ties, in hops.
    case closeness
    /// Harmonic centrality along outgoing ties, in hops.
    case harmonic
    /// Burt's constraint; the lowest ranks first.
    case constraint
    /// Burt's effective size.
    case effectiveSize = "effective_size"
    /// PageRank with damping 0.85.
    case pagerank

    /// Constraint ranks the lowest first (the least constrained is the broker); every other
    /// measure ranks the highest first.
    public var higherRanksFirst: Bool { self != .constraint }

    /// The measure's values on an adjacency.
    public func scores(_ adj: Adjacency, threads: Int = 1) -> [Double] {
      switch self {
      case .betweenness:
        return adj.betweenness(
          lengths: ArcLengths(transform: .hops, lengths: nil), threads: threads)
      case .degree: return adj.degrees.degree.map(Double.init)
      case .inDegree: return adj.degrees.inDegree.map(Double.init)
      case .closeness:
        return adj.closenessAndHarmonic(
          lengths: ArcLengths(transform: .hops, lengths: nil), threads: threads
        ).closeness
      case .harmonic:
        return adj.closenessAndHarmonic(
          lengths: ArcLengths(transform: .hops, lengths: nil), threads: threads
        ).harmonic
      case .constraint: return adj.structuralHoles().constraint
      case .effectiveSize: return adj.structuralHoles().effectiveSize
      case .pagerank: return adj.pageRank()
      }
    }
  }

  /// One way of losing data.
  public enum Perturbation: Hashable, Sendable, CustomStringConvertible {
    /// A share of the nodes, drawn at random, is removed with their ties (BCK 2006).
    case nodeDropout(Double)
    /// A share of the ties, drawn at random, is removed.
    case tieDropout(Double)
    /// A share of the respondents, drawn at random, is treated as never interviewed: their own
    /// reports are lost, and the non-respondent treatment decides the rest.
    case respondentDropout(Double)
    /// The respondents are drawn with replacement, as many as there are; those never drawn
    /// (about 37 %) are treated as never interviewed.
    case bootstrap

    public var description: String {
      switch self {
      case .nodeDropout(let p): "node dropout \(formatNumber(p))"
      case .tieDropout(let p): "tie dropout \(formatNumber(p))"
      case .respondentDropout(let p): "respondent dropout \(formatNumber(p))"
      case .bootstrap: "bootstrap over respondents"
      }
    }

    /// How many of `count` nodes, ties or respondents one run removes: the rate times the
    /// count, rounded to the nearest whole number (halves up), so rates that round alike are
    /// the same experiment and a small rate may remove no one. `nil` for the bootstrap, where
    /// the number left out varies from run to run.
    public func removedPerRun(of count: Int) -> Int? {
      switch self {
      case .nodeDropout(let rate), .tieDropout(let rate), .respondentDropout(let rate):
        Int((rate * Double(count)).rounded())
      case .bootstrap: nil
      }
    }
  }

  /// What to perturb, how often and with which seed.
  public struct Options: Sendable {
    /// The measure whose ranking is tested.
    public var measure: Measure = .betweenness
    /// The ways of losing data, each tested on its own.
    public var perturbations: [Perturbation] = [
      .nodeDropout(0.1), .nodeDropout(0.2), .nodeDropout(0.3),
    ]
    /// Perturbed networks per perturbation.
    public var runs = 1000
    /// The seed: each run draws from a generator seeded by (seed, perturbation, run).
    public var seed: UInt64 = 1
    /// How many of the top nodes the top-k overlap and shares follow.
    public var topK = 5
    /// For respondent dropout and the bootstrap: what happens to the ties of people treated as
    /// not interviewed. `keep`: ties others reported to them stay, their own reports go;
    /// `reconstruct`: their ties are rebuilt from what others reported (the reverse ties);
    /// `drop`: they are removed with all their ties.
    public var treatment: NonRespondentTreatment = .keep
    /// Threads that share the runs; the result is the same for any number.
    public var threads = Threads.available
    /// The defaults: betweenness, node dropout of 10, 20 and 30 %, 1000 runs, seed 1, top 5.
    public init() {}
  }

  /// What a node's rank did over the runs of one perturbation.
  public struct NodeRanks: Hashable, Sendable {
    /// The node's rank in the full network (1 is first; ties share the mean rank, and scores
    /// within 10⁻⁹ of each other, relative, are ties: they differ only by rounding); NaN for
    /// a node without a value (constraint without ties), which has no rank.
    public var fullRank: Double
    /// Runs in which the node was present with a value.
    public var present: Int
    /// The median of its rank over the runs it was present in.
    public var medianRank: Double
    /// The 5 % and 95 % quantiles of its rank (R's type 7): a 90 % interval.
    public var rankLow: Double
    /// The 95 % quantile of its rank.
    public var rankHigh: Double
    /// The share of the runs it was present in where it ranked in the top k.
    public var topKShare: Double
  }

  /// The result for one perturbation.
  public struct Condition: Sendable {
    /// The perturbation.
    public var perturbation: Perturbation
    /// Per node, indexed like the network's nodes.
    public var nodes: [NodeRanks]
    /// Per run: Spearman's rho, Kendall's tau-b (full scores against the run's, over the nodes
    /// present) and the top-k overlap (|full top k ∩ run top k| / k).
    public var spearman: [Double]
    /// Per run: Kendall's tau-b.
    public var kendall: [Double]
    /// Per run: the top-k overlap.
    public var topKOverlap: [Double]
    /// The nodes, ties (undirected ties once) or respondents the rate is a share of: for the
    /// bootstrap, the respondents drawn from.
    public var population: Int
    /// How many of them each run removes (``Perturbation/removedPerRun(of:)``); `nil` for the
    /// bootstrap.
    public var removedPerRun: Int?
  }

  /// The result of a robustness test: the full network's scores and, per perturbation, the
  /// ranks and agreement over the runs.
  public struct Result: Sendable {
    /// The options the test ran with.
    public var options: Options
    /// The measure on the full network, indexed like the nodes.
    public var fullScores: [Double]
    /// The ranks of those scores (1 is first; ties share the mean rank, and scores within 10⁻⁹
    /// of each other, relative, are ties: they differ only by rounding).
    public var fullRanks: [Double]
    /// The full network's top k (node indices, best first).
    public var topK: [Int]
    /// One result per perturbation, in the order given.
    public var conditions: [Condition]
    /// The number of nodes counted as respondents (all nodes when none is marked).
    public var respondents: Int
  }
}

extension Adjacency {
  /// The induced sub-adjacency after perturbation: arcs kept, as (source, target, trust)
  /// with undirected ties once.
  func arcList() -> [(Int32, Int32, Double)] {
    var arcs: [(Int32, Int32, Double)] = []
    arcs.reserveCapacity(isDirected ? arcCount : arcCount / 2)
    for v in 0..<nodeCount {
      for k in outOffsets[v]..<outOffsets[v + 1] where isDirected || Int(outTargets[k]) > v {
        arcs.append((Int32(v), outTargets[k], outTrust[k]))
      }
    }
    return arcs
  }

  /// Tests how sure the ranking by a measure is (see ``Robustness``).
  ///
  /// - Parameters:
  ///   - options: the measure, perturbations, runs, seed and threads.
  ///   - respondents: which nodes were interviewed (the `respondent` attribute); `nil` counts
  ///     every node as a respondent.
  /// - Returns: for each perturbation, per-node rank summaries and per-run agreement.
  /// - Complexity: runs × perturbations × the measure's cost. Runs are split over threads; each
  ///   run draws from its own generator seeded by (seed, perturbation, run), so the result is
  ///   the same for every thread count.
  public func robustness(_ options: Robustness.Options, respondents: [Bool]? = nil)
    -> Robustness.Result
  {
    let n = nodeCount
    let measure = options.measure
    let fullScores = measure.scores(self, threads: options.threads)
    // Scores within rounding of each other rank as ties (RankCorrelation.withRoundingTies).
    let full = RankCorrelation.withRoundingTies(fullScores)
    // A node without a value (constraint without ties) has no rank, as in sweep and compare.
    let higherFirst = measure.higherRanksFirst
    @Sendable func ranked(_ scores: [Double]) -> [Double] {
      RankCorrelation.ranksOfValues(scores, descending: higherFirst)
    }
    /// A rank as a sort key: no rank after every rank.
    @Sendable func key(_ rank: Double) -> Double { rank.isNaN ? .infinity : rank }
    let fullRanks = ranked(full)
    let k = Swift.min(options.topK, n)
    let topK = Array(
      n == 0 ? [] : (0..<n).sorted { (key(fullRanks[$0]), $0) < (key(fullRanks[$1]), $1) }.prefix(k)
    )
    let isRespondent = respondents ?? [Bool](repeating: true, count: n)
    let respondentList = (0..<n).filter { isRespondent[$0] }
    let arcs = arcList()
    let runs = options.runs
    var conditions: [Robustness.Condition] = []

    for (ci, perturbation) in options.perturbations.enumerated() {
      // ranks[r * n + v]: NaN when v was absent in run r.
      let ranks = SharedBuffer<Double>(repeating: .nan, count: runs * n)
      let agreement = SharedBuffer<Double>(repeating: .nan, count: runs * 3)
      let chunks = Swift.min(runs, 64)
      forEachChunk(chunks, threads: options.threads) { c in
        for r in (c * runs / chunks)..<((c + 1) * runs / chunks) {
          var rng = SeededGenerator(
            seed: options.seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(ci) &* 1_000_003 &+ UInt64(r))
          let (sub, present) = self.perturbed(
            perturbation, arcs: arcs, respondents: respondentList, isRespondent: isRespondent,
            treatment: options.treatment, rng: &rng)
          let scores = measure.scores(sub, threads: 1)
          // Back to the full network's nodes.
          var kept: [Int] = []
          for v in 0..<n where present[v] >= 0 { kept.append(v) }
          let runScores = RankCorrelation.withRoundingTies(kept.map { scores[present[$0]] })
          let runRanks = ranked(runScores)
          for (i, v) in kept.enumerated() { ranks.pointer[r * n + v] = runRanks[i] }
          let fullSubset = kept.map { full[$0] }
          let (a, b) =
            measure.higherRanksFirst
            ? (fullSubset, runScores) : (fullSubset.map { -$0 }, runScores.map { -$0 })
          let finite = a.indices.filter { a[$0].isFinite && b[$0].isFinite }
          agreement.pointer[r * 3] = RankCorrelation.spearman(
            finite.map { a[$0] }, finite.map { b[$0] })
          agreement.pointer[r * 3 + 1] = RankCorrelation.kendallTauB(
            finite.map { a[$0] }, finite.map { b[$0] })
          let runTop = Set(
            kept.indices.sorted { (key(runRanks[$0]), kept[$0]) < (key(runRanks[$1]), kept[$1]) }
              .prefix(k)
              .map { kept[$0] })
          agreement.pointer[r * 3 + 2] =
            k > 0 ? Double(topK.filter(runTop.contains).count) / Double(k) : .nan
        }
      }
      var nodes: [Robustness.NodeRanks] = []
      for v in 0..<n {
        var rs: [Double] = []
        for r in 0..<runs where !ranks.pointer[r * n + v].isNaN {
          rs.append(ranks.pointer[r * n + v])
        }
        rs.sort()
        let inTop = rs.filter { $0 <= Double(k) }.count
        nodes.append(
          .init(
            fullRank: fullRanks[v], present: rs.count,
            medianRank: RankCorrelation.quantile(rs, 0.5),
            rankLow: RankCorrelation.quantile(rs, 0.05),
            rankHigh: RankCorrelation.quantile(rs, 0.95),
            topKShare: rs.isEmpty ? .nan : Double(inTop) / Double(rs.count)))
      }
      let ag = agreement.array
      let population = robustnessPopulation(
        perturbation, respondents: respondentList.count, ties: arcs.count)
      conditions.append(
        .init(
          perturbation: perturbation, nodes: nodes,
          spearman: (0..<runs).map { ag[$0 * 3] }, kendall: (0..<runs).map { ag[$0 * 3 + 1] },
          topKOverlap: (0..<runs).map { ag[$0 * 3 + 2] },
          population: population, removedPerRun: perturbation.removedPerRun(of: population)))
    }
    return Robustness.Result(
      options: options, fullScores: fullScores, fullRanks: fullRanks, topK: topK,
      conditions: conditions,
      respondents: respondentList.count)
  }

  /// One perturbed copy: the sub-adjacency, and for each original node its index there (−1
  /// when removed).
  func perturbed(
    _ p: Robustness.Perturbation, arcs: [(Int32, Int32, Double)], respondents: [Int],
    isRespondent: [Bool],
    treatment: NonRespondentTreatment, rng: inout SeededGenerator
  ) -> (Adjacency, [Int]) {
    let n = nodeCount
    var keepNode = [Bool](repeating: true, count: n)
    var kept = arcs
    /// `count` distinct items of `items`, by a partial Fisher–Yates shuffle.
    func sample(_ items: [Int], _ count: Int) -> [Int] {
      var a = items
      let c = Swift.min(count, a.count)
      for i in 0..<c { a.swapAt(i, i + Int(rng.next(upperBound: UInt64(a.count - i)))) }
      return Array(a.prefix(c))
    }
    func share(of count: Int) -> Int { p.removedPerRun(of: count) ?? 0 }
    var missing = [Bool](repeating: false, count: n)
    switch p {
    case .nodeDropout:
      for v in sample(Array(0..<n), share(of: n)) { keepNode[v] = false }
    case .tieDropout:
      let drop = Set(sample(Array(arcs.indices), share(of: arcs.count)))
      kept = arcs.indices.filter { !drop.contains($0) }.map { arcs[$0] }
    case .respondentDropout:
      for v in sample(respondents, share(of: respondents.count)) { missing[v] = true }
    case .bootstrap:
      var drawn = [Bool](repeating: false, count: n)
      for _ in respondents.indices {
        drawn[respondents[Int(rng.next(upperBound: UInt64(respondents.count)))]] = true
      }
      for v in respondents where !drawn[v] { missing[v] = true }
    }
    switch p {
    case .nodeDropout, .tieDropout: return subAdjacency(keepNode, kept)
    case .respondentDropout, .bootstrap: break
    }
    // Missing respondents join the people never interviewed.
    let silent = (0..<n).map { missing[$0] || !isRespondent[$0] }
    switch treatment {
    case .drop:
      for v in 0..<n where missing[v] { keepNode[v] = false }
    case .keep, .reconstruct:
      if isDirected {
        // A silent node's own reports are gone; with reconstruct, ties others reported to it
        // come back reversed (unless its target is silent too and reported nothing).
        var out: [(Int32, Int32, Double)] = []
        for a in arcs {
          if !missing[Int(a.0)] { out.append(a) }
        }
        if treatment == .reconstruct {
          var present = Set(out.map { Int($0.0) * n + Int($0.1) })
          for a in out where missing[Int(a.1)] && present.insert(Int(a.1) * n + Int(a.0)).inserted {
            out.append((a.1, a.0, a.2))
          }
        }
        kept = out
      } else {
        // Undirected: a tie is lost only when neither end could report it.
        kept = arcs.filter {
          !(silent[Int($0.0)] && silent[Int($0.1)] && (missing[Int($0.0)] || missing[Int($0.1)]))
        }
      }
    }
    return subAdjacency(keepNode, kept)
  }

  /// The number a perturbation's rate is a share of.
  func robustnessPopulation(_ p: Robustness.Perturbation, respondents: Int, ties: Int) -> Int {
    switch p {
    case .nodeDropout: nodeCount
    case .tieDropout: ties
    case .respondentDropout, .bootstrap: respondents
    }
  }

  /// The number a perturbation's rate is a share of, before any run: the nodes, the ties
  /// (undirected ties once) or the respondents (every node when `respondents` is `nil`).
  package func robustnessPopulation(_ p: Robustness.Perturbation, respondents: [Bool]?) -> Int {
    robustnessPopulation(
      p, respondents: respondents.map { $0.filter { $0 }.count } ?? nodeCount,
      ties: tieCount)
  }

  func subAdjacency(_ keepNode: [Bool], _ arcs: [(Int32, Int32, Double)]) -> (Adjacency, [Int]) {
    var index = [Int](repeating: -1, count: nodeCount)
    var m = 0
    for v in 0..<nodeCount where keepNode[v] {
      index[v] = m
      m += 1
    }
    let sub = arcs.compactMap { a -> (Int32, Int32, Double)? in
      let (s, t) = (index[Int(a.0)], index[Int(a.1)])
      return s >= 0 && t >= 0 ? (Int32(s), Int32(t), a.2) : nil
    }
    return (Adjacency.build(nodeCount: m, directed: isDirected, arcs: sub, merge: .max), index)
  }
}

extension Network {
  /// How sure the ranking by a measure is when data go missing (see ``Robustness``), on the
  /// ties `selection` picks.
  ///
  /// - Parameters:
  ///   - options: the measure, perturbations, runs, seed and threads.
  ///   - selection: the layers and weight to use.
  ///   - attribute: the boolean node attribute that marks who was interviewed; `nil` counts
  ///     every node as a respondent. A node without the attribute is not a respondent.
  /// - Complexity: runs × perturbations × the measure's cost; the same result for any number
  ///   of threads.
  ///
  /// Borgatti, S. P., Carley, K. M. & Krackhardt, D. (2006). On the robustness of centrality
  /// measures under conditions of imperfect data. *Social Networks* 28(2), 124–136.
  /// [doi:10.1016/j.socnet.2005.05.001](https://doi.org/10.1016/j.socnet.2005.05.001)
  public func robustness(
    _ options: Robustness.Options = Robustness.Options(), selection: TieSelection = .all,
    respondents attribute: String? = nil
  ) throws -> Robustness.Result {
    var respondents: [Bool]?
    if let attribute {
      guard nodes.contains(where: { $0.attributes[attribute] != nil }) else {
        throw NetworkError.unknownNodeAttribute(attribute)
      }
      respondents = try nodes.map { node throws(NetworkError) in
        guard let value = node.attributes[attribute] else { return false }
        guard case .boolean(let b)? = AttributeValue.parse(value.description, as: .boolean) else {
          throw .invalidNodeAttribute(
            node: node.id, attribute: attribute, value: value.description, expected: "true or false"
          )
        }
        return b
      }
    }
    return try adjacency(selection).robustness(options, respondents: respondents)
  }
}
