import Foundation

/// Conditional uniform graph (CUG) tests: is a network statistic larger or smaller than in
/// graphs drawn uniformly at random on the same nodes, given the network's size, its number of
/// ties, or its dyad census? (Anderson, Butts & Carley 1999; R's sna `cug.test`.)
///
/// For an observed value x and draws y₁ … y_D of the statistic on the random graphs:
/// - mean ȳ and standard deviation s = √(Σ (yₖ − ȳ)² / (D − 1));
/// - z = (x − ȳ) / s, a distance in standard deviations that can be compared between networks
///   of different sizes; NaN when s = 0 (every draw gives the same value, as density does
///   when the ties are fixed), or s is below 10⁻¹⁰ · max(1, |ȳ|), rounding and not spread;
/// - P(y ≥ x) and P(y ≤ x), the shares of draws at least and at most the observed value (sna's
///   `pgteobs` and `plteobs`, which do not add one to numerator and denominator). A draw within
///   10⁻¹⁰ · max(1, |x|) of x counts as equal, so that rounding in a sum does not decide; sna
///   compares exactly.
///
/// A draw on which the statistic is undefined (NaN: transitivity of a graph without
/// two-paths, say) is left out of the mean, the deviation and the shares, and counted in
/// ``undefinedDraws`` (sna's mean would be NA). An undefined observed value makes every figure
/// NaN.
///
/// Draw k is made by its own generator, seeded from the seed and k alone
/// (SplitMix64), and the draws are summed in fixed chunks combined in order, so the result is
/// the same bit for bit for any number of threads.
///
/// Anderson, B. S., Butts, C. & Carley, K. (1999). The interaction of size and density with
/// graph-level indices. *Social Networks* 21(3), 239–267.
/// [doi:10.1016/S0378-8733(99)00019-2](https://doi.org/10.1016/S0378-8733(99)00019-2)
public struct CUGTest: Sendable, Equatable {
  /// The statistic's name (``CUGStatistic/name``).
  public var statistic: String
  /// What the random graphs keep of the observed one.
  public var condition: CUGCondition
  /// The statistic on the observed network.
  public var observed: Double
  /// The mean over the draws where the statistic is defined.
  public var mean: Double
  /// The sample standard deviation (denominator D − 1) over those draws.
  public var standardDeviation: Double
  /// (observed − mean) / standard deviation; NaN when the deviation is 0.
  public var z: Double
  /// The share of draws with a value ≥ the observed one (sna's `pgteobs`).
  public var pGreaterEqual: Double
  /// The share of draws with a value ≤ the observed one (sna's `plteobs`).
  public var pLessEqual: Double
  /// The number of random graphs drawn.
  public var draws: Int
  /// Draws on which the statistic was undefined (NaN), left out of the figures above.
  public var undefinedDraws: Int
  /// The seed of the draws; the same seed gives the same test on any number of threads.
  public var seed: UInt64
}

/// What the random graphs of a ``CUGTest`` keep of the observed network. Every graph with the
/// same nodes that keeps it is equally likely. Direction is kept; self-loops never occur.
public enum CUGCondition: String, Sendable, CaseIterable {
  /// The number of nodes alone: each possible tie present with probability 1/2, so every graph
  /// on the n nodes is equally likely (sna's `cmode = "size"`, `rgraph(n, tprob = 0.5)`).
  case size
  /// The number of ties: m ties placed uniformly among the n(n−1) ordered pairs (directed) or
  /// n(n−1)/2 unordered pairs (undirected), Erdős–Rényi's G(n, m) (sna's `cmode = "edges"`,
  /// `rgnm`).
  case ties
  /// The dyad census of a directed network: exactly M mutual, A asymmetric and N null dyads,
  /// which dyads are which uniform, each asymmetric one pointing either way with probability
  /// 1/2 (sna's `cmode = "dyad.census"`, `rguman(method = "exact")`). On an undirected network
  /// every tie is a mutual dyad, so this is the same as ``ties``.
  case dyads

  /// sna's name for the condition (`cmode`).
  public var snaName: String {
    switch self {
    case .size: "size"
    case .ties: "edges"
    case .dyads: "dyad.census"
    }
  }
}

/// A statistic a ``CUGTest`` can test by name, each computed as elsewhere in the library on
/// the simple graph, ignoring trust.
public enum CUGStatistic: Sendable, Hashable {
  /// ``Adjacency/density``.
  case density
  /// ``Adjacency/reciprocity``: the share of arcs reciprocated (sna's `grecip(measure =
  /// "edgewise")`); 1 on an undirected network.
  case reciprocity
  /// ``Adjacency/transitivity`` (sna's `gtrans(measure = "weak")`).
  case transitivity
  /// Freeman's centralization (``Centralization``), as sna's `centralization`.
  case centralizationDegree, centralizationBetweenness, centralizationCloseness
  /// Krackhardt's dimensions (``KrackhardtHierarchy``).
  case connectedness, hierarchy, efficiency, lubness
  /// The network's E-I index (``EIIndex/network``) with the groups kept on their nodes while
  /// the ties are drawn; `groups[v] < 0` leaves node v out.
  case eiIndex(groups: [Int], groupCount: Int)
  /// A node's rank by betweenness (hops): 1 + the number of nodes whose betweenness is larger
  /// by more than 10⁻⁹ · max(1, its own), so the most central ranks 1 and equals share a rank.
  /// A small p(rank ≤ observed) says the node is more central than its place in a random
  /// graph of the same kind would make it.
  case betweennessRank(node: Int)

  /// The name `brobyggare test --cug` takes and the tables write.
  public var name: String {
    switch self {
    case .density: "density"
    case .reciprocity: "reciprocity"
    case .transitivity: "transitivity"
    case .centralizationDegree: "centralization_degree"
    case .centralizationBetweenness: "centralization_betweenness"
    case .centralizationCloseness: "centralization_closeness"
    case .connectedness: "connectedness"
    case .hierarchy: "hierarchy"
    case .efficiency: "efficiency"
    case .lubness: "lubness"
    case .eiIndex: "ei"
    case .betweennessRank: "betweenness_rank"
    }
  }

  /// Every name, in the order of the summary's columns.
  public static let names = [
    "density", "reciprocity", "transitivity", "centralization_degree", "centralization_betweenness",
    "centralization_closeness", "connectedness", "hierarchy", "efficiency", "lubness", "ei",
    "betweenness_rank",
  ]

  /// The statistic of a name that needs nothing more (all but `ei` and `betweenness_rank`).
  public init?(name: String) {
    let plain: [CUGStatistic] = [
      .density, .reciprocity, .transitivity, .centralizationDegree, .centralizationBetweenness,
      .centralizationCloseness, .connectedness, .hierarchy, .efficiency, .lubness,
    ]
    guard let s = plain.first(where: { $0.name == name }) else { return nil }
    self = s
  }

  /// Steps of work on one graph of n nodes and a arcs (each undirected tie counted twice): a
  /// breadth-first search from every node is n(n + a); transitivity a(a/n + 1), the two-paths
  /// of a graph with even degrees; LUBness n⁴/64, as if one component; the E-I index 10(n + a),
  /// as it fills four arrays a node.
  func cost(nodes n: Double, arcs a: Double) -> Double {
    switch self {
    case .density: 1
    case .reciprocity: a * log2(max(2, a / max(1, n)))
    case .transitivity: a * (a / max(1, n) + 1)
    case .eiIndex: 10 * (n + a)
    case .connectedness, .efficiency: n + a
    case .hierarchy: n * (n + a) + n * n / 2
    case .lubness: n * (n + a) + n * n * n * n / 64
    case .centralizationDegree, .centralizationBetweenness, .centralizationCloseness,
      .betweennessRank:
      2 * n * (n + a)
    }
  }
}

/// A CUG test asked for more work than its limit allows (see ``Adjacency/cugWorkLimit``), or
/// for random graphs too large to hold (see ``maximumArcsPerDraw``).
public struct CUGWorkError: Error, Equatable, CustomStringConvertible, Sendable {
  /// The statistics asked for.
  public var statistics: [String]
  /// What the random graphs keep of the observed one.
  public var condition: CUGCondition
  /// The random graphs asked for.
  public var draws: Int
  /// Steps of work for one draw and all the statistics.
  public var workPerDraw: Double
  /// The most steps of work allowed.
  public var limit: Double
  /// The most draws that fit within the limit (0 when not even one does).
  public var feasibleDraws: Int
  /// The arcs of one random graph (each undirected tie twice): expected under
  /// ``CUGCondition/size``, the observed otherwise.
  public var arcsPerDraw: Double = 0

  /// The most arcs a random graph may have (each thread holds one, at about 36 bytes an arc
  /// while it is built): under ``CUGCondition/size``, half the pairs of about 4,500 nodes,
  /// directed or not.
  public static let maximumArcsPerDraw = 1e7

  public var description: String {
    if arcsPerDraw > Self.maximumArcsPerDraw {
      let what =
        condition == .size
        ? "random graphs on these nodes with each tie present with probability 1/2 have about"
        : "random graphs with the observed ties have"
      let advice =
        condition == .size
        ? "condition on the ties or the dyad census, or analyse fewer nodes" : "analyse fewer ties"
      return "\(what) \(String(format: "%.2g", arcsPerDraw)) arcs each, more than the "
        + "\(String(format: "%.2g", Self.maximumArcsPerDraw)) a draw may hold; \(advice)"
    }
    let advice =
      feasibleDraws > 0
      ? "at most \(feasibleDraws) draws fit"
      : "not even one draw fits; test cheaper statistics or a smaller network"
    return
      "\(draws) random graphs (conditioned on \(condition.rawValue)) for \(statistics.joined(separator: ", ")) "
      + "need about \(String(format: "%.2g", Double(draws) * workPerDraw)) steps, over the limit of "
      + "\(String(format: "%.2g", limit)); \(advice)"
  }
}

extension Adjacency {
  /// The most work a test of named statistics starts on, in the steps of
  /// ``cugWork(_:condition:draws:)``: 1,000 draws of betweenness centralization on about 1,000
  /// nodes and 5,000 ties. A step of breadth-first search took about 70 ns in a debug build on
  /// a shared core (200 draws of betweenness centralization on Lazega's advice network, 2.8e7
  /// steps, in 2.1 s), so the limit is some 25 minutes of one core there; an optimised build
  /// takes a fraction of that.
  public static let cugWorkLimit = 2e10

  /// Steps of work for `draws` random graphs and the statistics on each (O(1) to compute):
  /// drawing (3n² under
  /// ``CUGCondition/size``, 10(n + a) otherwise: hashing the sample and building the rows cost
  /// about ten steps of search a tie) plus each statistic's cost on a graph with the draws'
  /// number of arcs a.
  public func cugWork(_ statistics: [CUGStatistic], condition: CUGCondition, draws: Int) -> Double {
    cugWorkPerDraw(statistics, condition: condition) * Double(draws)
  }

  func cugWorkPerDraw(_ statistics: [CUGStatistic], condition: CUGCondition) -> Double {
    let n = Double(nodeCount)
    // Under size, each pair is a tie with probability ½: n(n − 1)/2 arcs expected, directed
    // (n(n − 1) ordered pairs, one arc each) or not (half as many pairs, two arcs each).
    let arcs = condition == .size ? n * (n - 1) / 2 : Double(arcCount)
    var work = condition == .size ? 3 * n * n : 10 * (n + arcs)
    // Statistics that share a computation (the three centralizations, the Krackhardt
    // dimensions) are counted each: an upper bound.
    for s in statistics { work += s.cost(nodes: n, arcs: arcs) }
    return max(1, work)
  }

  /// Conditional uniform graph tests of several statistics on the same draws (see ``CUGTest``):
  /// each statistic's test is sna's `cug.test(dat, FUN, mode, cmode, reps = draws)`, the
  /// statistics sharing the random graphs.
  ///
  /// - Parameters:
  ///   - statistics: what to test; a ``CUGStatistic/betweennessRank(node:)`` names a node of
  ///     this graph, and ``CUGStatistic/eiIndex(groups:groupCount:)`` gives a group (or −1)
  ///     for each node.
  ///   - condition: what the random graphs keep.
  ///   - draws: the number of random graphs, at least 1.
  ///   - seed: the random graphs' seed; the same seed gives the same result on any number of
  ///     threads.
  ///   - threads: how many threads share the draws; only the speed depends on it.
  ///   - workLimit: the most steps (``cugWork(_:condition:draws:)``) to start on.
  /// - Throws: ``CUGWorkError`` when the work would pass `workLimit`, or a random graph would
  /// have more than ``CUGWorkError/maximumArcsPerDraw`` arcs, before any work is done.
  /// - Complexity: `draws` × (drawing a graph + each statistic on it); see
  ///   ``cugWork(_:condition:draws:)``.
  public func cugTest(
    _ statistics: [CUGStatistic], condition: CUGCondition, draws: Int, seed: UInt64 = 1,
    threads: Int = Threads.available, workLimit: Double = Adjacency.cugWorkLimit
  ) throws(CUGWorkError) -> [CUGTest] {
    precondition(draws > 0, "a CUG test needs at least one draw")
    for s in statistics {
      switch s {
      case .betweennessRank(let v):
        precondition(
          v >= 0 && v < nodeCount, "betweenness rank of node \(v), not in 0..<\(nodeCount)")
      case .eiIndex(let g, let k):
        precondition(
          g.count == nodeCount && g.allSatisfy { $0 < k }, "one group below \(k) per node")
      default: break
      }
    }
    let perDraw = cugWorkPerDraw(statistics, condition: condition)
    let n = Double(nodeCount)
    // As cugWorkPerDraw counts them: half of every pair's arcs, directed or not.
    let arcs = condition == .size ? n * (n - 1) / 2 : Double(arcCount)
    if arcs > CUGWorkError.maximumArcsPerDraw {
      throw CUGWorkError(
        statistics: statistics.map(\.name), condition: condition, draws: draws,
        workPerDraw: perDraw,
        limit: workLimit, feasibleDraws: 0, arcsPerDraw: arcs)
    }
    if perDraw * Double(draws) > workLimit {
      throw CUGWorkError(
        statistics: statistics.map(\.name), condition: condition, draws: draws,
        workPerDraw: perDraw,
        limit: workLimit, feasibleDraws: Int(workLimit / perDraw))
    }
    return cugRun(
      names: statistics.map(\.name), condition: condition, draws: draws, seed: seed,
      threads: threads
    ) {
      $0.cugValues(statistics)
    }
  }

  /// A conditional uniform graph test of any statistic (see ``CUGTest``): `statistic` on this
  /// graph, and on `draws` random graphs that keep what `condition` names.
  ///
  /// The random graphs have the same number of nodes and direction, no self-loops, and trust 1
  /// on every tie. The caller bounds the work.
  ///
  /// - Complexity: `draws` × (the cost of `statistic` + O(n + m) to draw a graph, O(n²) under
  ///   ``CUGCondition/size``).
  public func cugTest(
    named name: String = "statistic", condition: CUGCondition, draws: Int, seed: UInt64 = 1,
    threads: Int = Threads.available, statistic: @escaping @Sendable (Adjacency) -> Double
  ) -> CUGTest {
    precondition(draws > 0, "a CUG test needs at least one draw")
    return cugRun(names: [name], condition: condition, draws: draws, seed: seed, threads: threads) {
      [statistic($0)]
    }[0]
  }

  /// One random graph of the kind `condition` names, drawn with `rng` (see ``CUGCondition``).
  ///
  /// - Complexity: O(n²) under ``CUGCondition/size``; otherwise O(n + m) expected.
  public func uniformDraw(_ condition: CUGCondition, rng: inout SeededGenerator) -> Adjacency {
    UniformGraphModel(self, condition).draw(&rng)
  }

  /// The statistics on this graph, computing what several share once (the centralizations,
  /// Krackhardt's dimensions); one thread, as the draws run in parallel.
  func cugValues(_ statistics: [CUGStatistic]) -> [Double] {
    var central: Centralization?
    var krackhardt: KrackhardtHierarchy?
    var between: [Double]?
    let wantsLUB = statistics.contains(.lubness)
    return statistics.map { s -> Double in
      switch s {
      case .density: return density
      case .reciprocity: return reciprocity
      case .transitivity: return transitivity
      case .centralizationDegree, .centralizationBetweenness, .centralizationCloseness:
        if central == nil { central = centralization(threads: 1) }
        return s == .centralizationDegree
          ? central!.degree
          : s == .centralizationBetweenness ? central!.betweenness : central!.closeness
      case .connectedness, .hierarchy, .efficiency, .lubness:
        if krackhardt == nil { krackhardt = krackhardtHierarchy(lubness: wantsLUB) }
        switch s {
        case .connectedness: return krackhardt!.connectedness
        case .hierarchy: return krackhardt!.hierarchy
        case .efficiency: return krackhardt!.efficiency
        default: return krackhardt!.lubness
        }
      case .eiIndex(let groups, let count):
        return eiIndex(groups: groups, groupCount: count, threads: 1).network
      case .betweennessRank(let v):
        if between == nil {
          between = betweenness(lengths: ArcLengths(transform: .hops, lengths: nil), threads: 1)
        }
        let b = between!
        let own = b[v]
        var above = 0
        for w in b.indices where w != v && b[w] - own > 1e-9 * max(1, abs(own)) { above += 1 }
        return Double(1 + above)
      }
    }
  }

  /// Draws the graphs in fixed chunks (draw k from the generator seeded by `trialSeed(seed,
  /// k)`), each chunk keeping per statistic Welford's running mean and squared deviations and
  /// its counts; the chunks combine in order (Chan et al.'s pairwise update), so the result
  /// does not depend on the threads.
  func cugRun(
    names: [String], condition: CUGCondition, draws: Int, seed: UInt64, threads: Int,
    values: @escaping @Sendable (Adjacency) -> [Double]
  ) -> [CUGTest] {
    let k = names.count
    let observed = values(self)
    let model = UniformGraphModel(self, condition)
    let chunks = max(1, min(draws, 64))
    // Per chunk and statistic: defined draws, mean, squared deviations, ≥ and ≤ counts.
    let slots = 5
    let acc = SharedBuffer(repeating: 0.0, count: chunks * k * slots)
    forEachChunk(chunks, threads: threads) { c in
      let base = acc.pointer + c * k * slots
      for d in (c * draws / chunks)..<((c + 1) * draws / chunks) {
        var rng = SeededGenerator(seed: trialSeed(seed, d))
        let y = values(model.draw(&rng))
        for s in 0..<k where !y[s].isNaN {
          let a = base + s * slots
          a[0] += 1
          let delta = y[s] - a[1]
          a[1] += delta / a[0]
          a[2] += delta * (y[s] - a[1])
          let x = observed[s]
          let tolerance = 1e-10 * max(1, abs(x))
          if y[s] >= x - tolerance { a[3] += 1 }
          if y[s] <= x + tolerance { a[4] += 1 }
        }
      }
    }
    return (0..<k).map { s in
      var count = 0.0
      var mean = 0.0
      var m2 = 0.0
      var ge = 0.0
      var le = 0.0
      for c in 0..<chunks {
        let a = acc.pointer + (c * k + s) * slots
        guard a[0] > 0 else { continue }
        let total = count + a[0]
        let delta = a[1] - mean
        mean += delta * a[0] / total
        m2 += a[2] + delta * delta * count * a[0] / total
        count = total
        ge += a[3]
        le += a[4]
      }
      let x = observed[s]
      let defined = Int(count)
      var sd = defined > 1 ? (m2 / (count - 1)).squareRoot() : Double.nan
      if sd < 1e-10 * max(1, abs(mean)) { sd = 0 }
      if x.isNaN || defined == 0 {
        return CUGTest(
          statistic: names[s], condition: condition, observed: x, mean: defined > 0 ? mean : .nan,
          standardDeviation: sd, z: .nan, pGreaterEqual: .nan, pLessEqual: .nan, draws: draws,
          undefinedDraws: draws - defined, seed: seed)
      }
      return CUGTest(
        statistic: names[s], condition: condition, observed: x, mean: mean, standardDeviation: sd,
        z: sd > 0 ? (x - mean) / sd : .nan, pGreaterEqual: ge / count, pLessEqual: le / count,
        draws: draws, undefinedDraws: draws - defined, seed: seed)
    }
  }
}

/// What the random graphs keep of an observed graph, found once: its nodes, direction, ties
/// and dyad census.
struct UniformGraphModel: Sendable {
  let nodes: Int
  let directed: Bool
  let condition: CUGCondition
  /// Ties (arcs when directed, edges when not).
  let ties: Int
  let mutual: Int
  let asymmetric: Int

  init(_ adj: Adjacency, _ condition: CUGCondition) {
    nodes = adj.nodeCount
    directed = adj.isDirected
    // Undirected, the dyad census is the ties (every tie a mutual dyad).
    self.condition = !adj.isDirected && condition == .dyads ? .ties : condition
    ties = adj.tieCount
    if adj.isDirected && condition == .dyads {
      let census = adj.dyadCensus
      (mutual, asymmetric) = (census.mutual, census.asymmetric)
    } else {
      (mutual, asymmetric) = (0, 0)
    }
  }

  func draw(_ rng: inout SeededGenerator) -> Adjacency {
    let n = nodes
    guard n > 1 else {
      return Adjacency.build(nodeCount: n, directed: directed, arcs: [], merge: .max)
    }
    switch condition {
    case .size:
      // Each pair from one random bit, 64 bits to a draw of the generator.
      var arcs: [(Int32, Int32, Double)] = []
      arcs.reserveCapacity(n * (n - 1) / (directed ? 2 : 4) + 64)
      var word: UInt64 = 0
      var left = 0
      for i in 0..<n {
        for j in (directed ? 0 : i + 1)..<n where j != i {
          if left == 0 {
            word = rng.next()
            left = 64
          }
          if word & 1 == 1 { arcs.append((Int32(i), Int32(j), 1)) }
          word >>= 1
          left -= 1
        }
      }
      // Directed, the arcs come sorted by (source, target) already.
      return directed
        ? Adjacency(nodeCount: n, directed: true, sortedArcs: arcs)
        : Adjacency.build(nodeCount: n, directed: false, arcs: arcs, merge: .max)
    case .ties:
      let pairs = directed ? n * (n - 1) : n * (n - 1) / 2
      let chosen = distinctSample(ties, of: pairs, &rng)
      let arcs = chosen.map { k -> (Int32, Int32, Double) in
        if directed {
          let i = k / (n - 1)
          let r = k % (n - 1)
          return (Int32(i), Int32(r < i ? r : r + 1), 1)
        }
        let (i, j) = unorderedPair(k)
        return (Int32(i), Int32(j), 1)
      }
      return Adjacency.build(nodeCount: n, directed: directed, arcs: arcs, merge: .max)
    case .dyads:
      // Which dyads are not null, then (shuffled) the first M mutual and the rest asymmetric.
      var chosen = distinctSample(mutual + asymmetric, of: n * (n - 1) / 2, &rng)
      for i in stride(from: chosen.count - 1, to: 0, by: -1) {
        chosen.swapAt(i, uniformBelow(i + 1, &rng))
      }
      var arcs: [(Int32, Int32, Double)] = []
      arcs.reserveCapacity(2 * mutual + asymmetric)
      for (rank, k) in chosen.enumerated() {
        let (i, j) = unorderedPair(k)
        if rank < mutual {
          arcs.append((Int32(i), Int32(j), 1))
          arcs.append((Int32(j), Int32(i), 1))
        } else if rng.next() >> 63 == 0 {
          arcs.append((Int32(i), Int32(j), 1))
        } else {
          arcs.append((Int32(j), Int32(i), 1))
        }
      }
      return Adjacency.build(nodeCount: n, directed: true, arcs: arcs, merge: .max)
    }
  }
}

/// The unordered pair (i, j), i < j, numbered k in the order (0,1), (0,2), (1,2), (0,3), …:
/// j is the largest with j(j−1)/2 ≤ k.
func unorderedPair(_ k: Int) -> (Int, Int) {
  var j = Int((1 + (1 + 8 * Double(k)).squareRoot()) / 2)
  while j * (j - 1) / 2 > k { j -= 1 }
  while (j + 1) * j / 2 <= k { j += 1 }
  return (k - j * (j - 1) / 2, j)
}

/// `count` distinct numbers from 0..<total, every set equally likely, in an order fixed by the
/// generator: Floyd's algorithm (Bentley & Floyd 1987) when `count` is at most half of
/// `total`, O(count) expected; otherwise the numbers not in such a sample of the rest, O(total).
func distinctSample(_ count: Int, of total: Int, _ rng: inout SeededGenerator) -> [Int] {
  precondition(count >= 0 && count <= total, "cannot choose \(count) of \(total)")
  if count == 0 { return [] }
  if 2 * count <= total {
    var taken = Set<Int>(minimumCapacity: count)
    var order: [Int] = []
    order.reserveCapacity(count)
    for j in (total - count)..<total {
      let t = uniformBelow(j + 1, &rng)
      let pick = taken.contains(t) ? j : t
      taken.insert(pick)
      order.append(pick)
    }
    return order
  }
  var keep = [Bool](repeating: true, count: total)
  for x in distinctSample(total - count, of: total, &rng) { keep[x] = false }
  return (0..<total).filter { keep[$0] }
}

/// A whole number uniform in 0..<bound, without the bias of a remainder (Lemire's
/// multiply-and-reject).
func uniformBelow(_ bound: Int, _ rng: inout SeededGenerator) -> Int {
  let b = UInt64(bound)
  var m = rng.next().multipliedFullWidth(by: b)
  if m.low < b {
    let threshold = (0 &- b) % b
    while m.low < threshold { m = rng.next().multipliedFullWidth(by: b) }
  }
  return Int(m.high)
}

extension Network {
  /// Conditional uniform graph tests of named statistics on the selected ties (see
  /// ``CUGTest`` and ``Adjacency/cugTest(_:condition:draws:seed:threads:workLimit:)``).
  ///
  /// - Complexity: O(n + m) to select the ties, then as
  ///   ``Adjacency/cugTest(_:condition:draws:seed:threads:workLimit:)``.
  ///
  /// ```swift
  /// let advice = try Network(dataset: "krackhardt")
  /// let tests = try advice.cugTest([.transitivity, .centralizationBetweenness], condition: .ties,
  ///                                draws: 1000, selection: TieSelection(layers: ["advice"]))
  /// ```
  public func cugTest(
    _ statistics: [CUGStatistic], condition: CUGCondition = .ties, draws: Int = 1000,
    seed: UInt64 = 1, selection: TieSelection = .all,
    threads: Int = Threads.available
  ) throws -> [CUGTest] {
    try adjacency(selection).cugTest(
      statistics, condition: condition, draws: draws, seed: seed, threads: threads)
  }

  /// A conditional uniform graph test of any statistic of the selected ties (see
  /// ``Adjacency/cugTest(named:condition:draws:seed:threads:statistic:)``).
  ///
  /// - Complexity: O(n + m) to select the ties, then `draws` × (the statistic + drawing).
  public func cugTest(
    named name: String = "statistic", condition: CUGCondition = .ties, draws: Int = 1000,
    seed: UInt64 = 1, selection: TieSelection = .all, threads: Int = Threads.available,
    statistic: @escaping @Sendable (Adjacency) -> Double
  ) throws -> CUGTest {
    try adjacency(selection).cugTest(
      named: name, condition: condition, draws: draws, seed: seed, threads: threads,
      statistic: statistic)
  }
}
