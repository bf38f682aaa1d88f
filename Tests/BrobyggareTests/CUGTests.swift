import Foundation
import Testing

@testable import Brobyggare

/// Conditional uniform graph tests against R's sna 2.7.1 `cug.test` (5000 draws, Debian's
/// r-cran-sna; fixtures from Scripts/cug_reference_with_sna.R), and the random graphs' own
/// properties.
@Suite("CUG tests")
struct CUGTests {
  struct Row {
    var observed, mean, sd, kurtosis, pGreater, pLess: Double
    var draws, undefined: Int
  }

  /// The expected rows by case, sna's condition name, and statistic.
  static let expected: [String: [String: [String: Row]]] = {
    var out: [String: [String: [String: Row]]] = [:]
    guard
      let text = try? String(contentsOfFile: fixturePath("reference/cug_sna.csv"), encoding: .utf8)
    else { return out }
    func number(_ s: String) -> Double {
      s == "NaN" || s == "NA"
        ? .nan : s == "Inf" ? .infinity : s == "-Inf" ? -.infinity : Double(s)!
    }
    for line in text.split(separator: "\n").dropFirst() {
      let f = line.split(separator: ",").map {
        $0.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
      }
      out[f[0], default: [:]][f[1], default: [:]][f[2]] = Row(
        observed: number(f[3]), mean: number(f[4]), sd: number(f[5]), kurtosis: number(f[6]),
        pGreater: number(f[7]),
        pLess: number(f[8]), draws: Int(f[9])!, undefined: Int(f[10])!)
    }
    return out
  }()

  /// The seeded random graphs, rebuilt from their ties (nodes numbered 1...n, as in R).
  static func randomGraph(_ name: String) throws -> Network {
    try seededRandomGraph(name, in: "reference/cug_random.csv")
  }

  /// (case, dataset, layer, group attribute, node for the betweenness rank); random graphs have
  /// no dataset, node i (from 1) in group (i − 1) mod 3, and rank node 1.
  static let cases: [(String, String, String?, String?, String)] = [
    ("padgett marriage", "padgett", "marriage", nil, "Medici"),
    ("krackhardt advice", "krackhardt", "advice", "department", "18"),
    ("krackhardt friendship", "krackhardt", "friendship", "department", "18"),
    ("random 1", "", nil, nil, "1"),
    ("random 2", "", nil, nil, "1"),
  ]

  static func condition(sna name: String) -> CUGCondition {
    switch name {
    case "size": .size
    case "edges": .ties
    default: .dyads
    }
  }

  /// The observed values agree with sna's within 1e-9; p-values, means, deviations and the
  /// share of undefined draws within Monte Carlo error. sna drew S = 5000 graphs and we draw
  /// D = 2000 (a debug build takes about 1–5 ms a draw), so for a true share p the difference
  /// of the two estimates has standard deviation √(p(1−p)(1/D + 1/S)); the tolerance is 4.5 of
  /// those (0.058 at p = 1/2; a false alarm about once in 150,000 comparisons), with p(1−p) at
  /// least 1/D so that a share near 0 or 1 is not held to exactly 0 or 1. Means: 4.5 · sd ·
  /// √(1/D + 1/S). Standard deviations: the relative error of a sample sd is about
  /// √((κ − 1)/D)/2 for kurtosis κ (from sna's draws, in the fixture), so two differ by
  /// 4.5 · √((κ − 1)(1/D + 1/S))/2 at most: 8% for a normal statistic, far more for one that
  /// is nearly constant with rare exceptions (connectedness of random graphs of 16 nodes with
  /// half the pairs tied, say). Where every one of sna's draws is the same, ours may see a
  /// rare exception too; the shares above still hold it to sna's.
  @Test(arguments: cases)
  func agreesWithSna(
    _ name: String, _ dataset: String, _ layer: String?, _ groupAttribute: String?,
    _ rankNode: String
  ) throws {
    let want = try #require(Self.expected[name], "no fixture for \(name)")
    let net = dataset.isEmpty ? try Self.randomGraph(name) : try Network(dataset: dataset)
    let adj = try net.adjacency(TieSelection(layers: layer.map { [$0] }))
    let groups: (groups: [Int], count: Int) =
      try groupAttribute.map { a in
        let g = try net.groupAssignment(by: a)
        return (g.groups, g.names.count)
      } ?? ((0..<net.nodeCount).map { $0 % 3 }, 3)
    let rankIndex = try net.node(named: rankNode)
    for (snaCondition, rows) in want.sorted(by: { $0.key < $1.key }) {
      let names = rows.keys.sorted()
      let statistics = names.map { n -> CUGStatistic in
        switch n {
        case "ei": .eiIndex(groups: groups.groups, groupCount: groups.count)
        case "betweenness_rank": .betweennessRank(node: rankIndex)
        default: CUGStatistic(name: n)!
        }
      }
      let draws = 2000
      let tests = try adj.cugTest(
        statistics, condition: Self.condition(sna: snaCondition), draws: draws, seed: 7, threads: 2)
      for (t, n) in zip(tests, names) {
        let w = rows[n]!
        let label = "\(name) \(snaCondition) \(n)"
        #expect(t.statistic == n)
        #expect(
          abs(t.observed - w.observed) <= 1e-9 * max(1, abs(w.observed)),
          "\(label): observed sna \(w.observed), got \(t.observed)")
        let d = Double(draws)
        func pTolerance(_ p: Double) -> Double {
          4.5 * (max(p * (1 - p), 1 / d) * (1 / d + 1 / Double(w.draws))).squareRoot()
        }
        #expect(
          abs(t.pGreaterEqual - w.pGreater) <= pTolerance(w.pGreater),
          "\(label): p(≥) sna \(w.pGreater), got \(t.pGreaterEqual)")
        #expect(
          abs(t.pLessEqual - w.pLess) <= pTolerance(w.pLess),
          "\(label): p(≤) sna \(w.pLess), got \(t.pLessEqual)")
        let undefinedShare = Double(w.undefined) / Double(w.draws)
        #expect(
          abs(Double(t.undefinedDraws) / d - undefinedShare) <= pTolerance(undefinedShare),
          "\(label): undefined sna \(w.undefined), got \(t.undefinedDraws)")
        if w.sd == 0 {
          if t.standardDeviation == 0 {
            #expect(
              abs(t.mean - w.mean) <= 1e-9 * max(1, abs(w.mean)),
              "\(label): mean sna \(w.mean), got \(t.mean)")
            #expect(t.z.isNaN, "\(label): z is undefined when every draw is the same")
          }
        } else {
          #expect(
            abs(t.mean - w.mean) <= 4.5 * w.sd * (1 / d + 1 / Double(w.draws)).squareRoot(),
            "\(label): mean sna \(w.mean), got \(t.mean)")
          let sdTolerance =
            4.5 * ((w.kurtosis - 1) * (1 / d + 1 / Double(w.draws))).squareRoot() / 2
          #expect(
            abs(t.standardDeviation / w.sd - 1) <= sdTolerance,
            "\(label): sd sna \(w.sd), got \(t.standardDeviation) (tolerance \(sdTolerance))")
          if t.standardDeviation > 0 {
            #expect(
              abs(t.z - (t.observed - t.mean) / t.standardDeviation) <= 1e-12 * max(1, abs(t.z)))
          }
        }
      }
    }
  }

  // MARK: The random graphs

  static let directed30: Adjacency = {
    var rng = SeededGenerator(seed: 3)
    var arcs: [(Int32, Int32, Double)] = []
    for i in 0..<30 {
      for j in 0..<30 where i != j && rng.next() % 100 < 12 { arcs.append((Int32(i), Int32(j), 1)) }
    }
    return Adjacency.build(nodeCount: 30, directed: true, arcs: arcs, merge: .max)
  }()

  static let undirected30: Adjacency = directed30.undirected()

  /// Conditioned on ties, every draw has exactly the observed number of ties, no self-loop,
  /// and (undirected) each tie in both rows.
  @Test func tieDrawsKeepTheTies() {
    for adj in [Self.directed30, Self.undirected30] {
      var rng = SeededGenerator(seed: 11)
      for _ in 0..<200 {
        let g = adj.uniformDraw(.ties, rng: &rng)
        #expect(
          g.tieCount == adj.tieCount && g.nodeCount == adj.nodeCount
            && g.isDirected == adj.isDirected)
        #expect((0..<g.nodeCount).allSatisfy { v in !g.successors(of: v).contains(Int32(v)) })
        if !g.isDirected { #expect(g.arcCount == 2 * g.tieCount) }
      }
    }
  }

  /// Conditioned on the dyad census, every draw has exactly the same mutual, asymmetric and
  /// null dyads; on an undirected network, the same ties.
  @Test func dyadDrawsKeepTheCensus() {
    let census = Self.directed30.dyadCensus
    #expect(census.mutual > 0 && census.asymmetric > 0)
    var rng = SeededGenerator(seed: 12)
    for _ in 0..<200 {
      let c = Self.directed30.uniformDraw(.dyads, rng: &rng).dyadCensus
      #expect(
        c.mutual == census.mutual && c.asymmetric == census.asymmetric && c.null == census.null)
      #expect(
        Self.undirected30.uniformDraw(.dyads, rng: &rng).tieCount == Self.undirected30.tieCount)
    }
  }

  /// Conditioned on size, each pair is a tie with probability 1/2: the mean density of D
  /// draws of P pairs has standard deviation √(1/4 / (P·D)), 0.00085 for 30 nodes directed
  /// (870 pairs) and 400 draws, 0.0012 undirected (435 pairs); the bound is 5 of those.
  @Test func sizeDrawsHaveDensityOneHalf() {
    for (adj, pairs) in [(Self.directed30, 870.0), (Self.undirected30, 435.0)] {
      var rng = SeededGenerator(seed: 13)
      var total = 0.0
      for _ in 0..<400 { total += adj.uniformDraw(.size, rng: &rng).density }
      #expect(
        abs(total / 400 - 0.5) <= 5 * (0.25 / (pairs * 400)).squareRoot(),
        "mean density \(total / 400)")
    }
  }

  /// Every pair is equally likely to be a tie: on 5 nodes directed (20 pairs) with 6 ties
  /// (Floyd's sample) and with 15 (its complement), each pair's share over 20,000 draws is
  /// within 5 standard deviations √(q(1−q)/20000) of q = m/20; the same for the 10 dyads of
  /// the census draw (M = 2, A = 3: a dyad is mutual with probability 0.2, asymmetric 0.3,
  /// each way 0.15).
  @Test func drawsAreUniformOverPairs() {
    func graph(_ arcs: [(Int, Int)]) -> Adjacency {
      Adjacency.build(
        nodeCount: 5, directed: true, arcs: arcs.map { (Int32($0.0), Int32($0.1), 1) }, merge: .max)
    }
    let pairs = (0..<5).flatMap { i in (0..<5).filter { $0 != i }.map { (i, $0) } }
    let sparse = graph(Array(pairs.prefix(6)))
    let dense = graph(Array(pairs.prefix(15)))
    let census = graph([(0, 1), (1, 0), (2, 3), (3, 2), (0, 2), (1, 3), (4, 0)])
    let draws = 20_000
    for (adj, condition, q) in [
      (sparse, CUGCondition.ties, 0.3), (dense, .ties, 0.75), (census, .dyads, 0.35),
    ] {
      var rng = SeededGenerator(seed: 14)
      var hits = [Int](repeating: 0, count: 25)
      for _ in 0..<draws {
        let g = adj.uniformDraw(condition, rng: &rng)
        for v in 0..<5 { for w in g.successors(of: v) { hits[v * 5 + Int(w)] += 1 } }
      }
      let bound = 5 * (q * (1 - q) / Double(draws)).squareRoot()
      for (i, j) in pairs {
        #expect(
          abs(Double(hits[i * 5 + j]) / Double(draws) - q) <= bound,
          "pair \(i)->\(j): \(hits[i * 5 + j])")
      }
    }
  }

  /// The numbering of unordered pairs covers each pair i < j once.
  @Test func unorderedPairsAreNumberedOnce() {
    let n = 60
    var seen = Set<Int>()
    for k in 0..<(n * (n - 1) / 2) {
      let (i, j) = unorderedPair(k)
      #expect(i >= 0 && i < j && j < n)
      seen.insert(i * n + j)
    }
    #expect(seen.count == n * (n - 1) / 2)
  }

  // MARK: The test

  /// The same seed gives the same figures, bit for bit, for any number of threads.
  @Test func sameResultForAnyThreadCount() throws {
    let statistics: [CUGStatistic] = [
      .transitivity, .centralizationBetweenness, .lubness, .betweennessRank(node: 3),
    ]
    func bits(_ tests: [CUGTest]) -> [[UInt64]] {
      tests.map {
        [$0.observed, $0.mean, $0.standardDeviation, $0.z, $0.pGreaterEqual, $0.pLessEqual].map(
          \.bitPattern)
      }
    }
    for condition in CUGCondition.allCases {
      let one = try Self.directed30.cugTest(
        statistics, condition: condition, draws: 130, seed: 5, threads: 1)
      for threads in [2, 5] {
        let many = try Self.directed30.cugTest(
          statistics, condition: condition, draws: 130, seed: 5, threads: threads)
        #expect(bits(many) == bits(one), "\(condition), \(threads) threads")
      }
      let other = try Self.directed30.cugTest(
        statistics, condition: condition, draws: 130, seed: 6, threads: 2)
      #expect(bits(other) != bits(one), "another seed, other draws")
    }
  }

  /// Density is fixed when the ties are: every draw equals the observed value, so sd = 0, z is
  /// NaN (documented) and both shares are 1 (as sna's pgteobs and plteobs).
  @Test func fixedStatisticHasNoZ() throws {
    let t = try Self.directed30.cugTest(
      [.density, .reciprocity], condition: .dyads, draws: 50, threads: 2)
    for r in t {
      #expect(
        r.standardDeviation == 0 && r.z.isNaN && r.pGreaterEqual == 1 && r.pLessEqual == 1
          && r.mean == r.observed)
    }
  }

  /// A statistic given as a closure: the same as the named one on the same draws; under size
  /// the density's mean is near 1/2 (within 5 sd of a mean of 400 draws of 870 pairs).
  @Test func closureStatistic() throws {
    let net = try Network(dataset: "krackhardt")
    let selection = TieSelection(layers: ["advice"])
    let named = try net.cugTest(
      [.transitivity], condition: .ties, draws: 200, seed: 9, selection: selection, threads: 2)[0]
    let closure = try net.cugTest(
      named: "t", condition: .ties, draws: 200, seed: 9, selection: selection, threads: 2
    ) { $0.transitivity }
    #expect(
      closure.mean == named.mean && closure.pGreaterEqual == named.pGreaterEqual
        && closure.statistic == "t")
    let size = Self.directed30.cugTest(
      named: "density", condition: .size, draws: 400, seed: 2, threads: 2
    ) { $0.density }
    #expect(abs(size.mean - 0.5) <= 5 * (0.25 / (870 * 400)).squareRoot())
  }

  /// Draws without two-paths leave transitivity undefined: they are counted and left out. On
  /// 10 nodes with 2 undirected ties: of the C(45, 2) = 990 pairs of pairs, 10 · C(9, 2) = 360
  /// share a node, so 630/990 = 0.636 of the draws have no two-path; within 5 sd over 2000
  /// draws (0.054). An observed network without two-paths gives NaN throughout.
  @Test func undefinedDraws() throws {
    let two = Adjacency.build(
      nodeCount: 10, directed: false, arcs: [(0, 1, 1), (2, 3, 1)], merge: .max)
    let t = try two.cugTest([.transitivity], condition: .ties, draws: 2000, threads: 2)[0]
    #expect(t.observed.isNaN && t.z.isNaN && t.pGreaterEqual.isNaN)
    #expect(
      abs(Double(t.undefinedDraws) / 2000 - 630.0 / 990) <= 5 * (0.636 * 0.364 / 2000).squareRoot())
    let path = Adjacency.build(
      nodeCount: 10, directed: false, arcs: [(0, 1, 1), (1, 2, 1)], merge: .max)
    let u = try path.cugTest([.transitivity], condition: .ties, draws: 2000, threads: 2)[0]
    // Every defined draw is an open two-path (transitivity 0), as is the observed one.
    #expect(u.observed == 0 && u.mean == 0 && u.pGreaterEqual == 1 && u.undefinedDraws > 0)
  }

  /// The work is checked before any is done, and the error names the draws that fit.
  @Test func workIsBounded() throws {
    let adj = Self.directed30
    let per = adj.cugWorkPerDraw([.centralizationBetweenness], condition: .ties)
    // One draw: 10 (n + a) to draw, 2 n (n + a) for betweenness (n = 30, a = arcs); under
    // size, 3 n² to draw and a = n(n − 1)/2 = 435.
    let a = Double(adj.arcCount)
    #expect(per == 10 * (30 + a) + 2 * 30 * (30 + a))
    #expect(
      adj.cugWorkPerDraw([.transitivity], condition: .size) == 3.0 * 900 + 435.0 * (435.0 / 30 + 1))
    #expect(
      throws: CUGWorkError(
        statistics: ["centralization_betweenness"], condition: .ties, draws: 1000, workPerDraw: per,
        limit: 100 * per + 1, feasibleDraws: 100)
    ) {
      try adj.cugTest(
        [.centralizationBetweenness], condition: .ties, draws: 1000, threads: 2,
        workLimit: 100 * per + 1)
    }
    let error = CUGWorkError(
      statistics: ["lubness"], condition: .size, draws: 10, workPerDraw: 1e12, limit: 2e10,
      feasibleDraws: 0)
    #expect(error.description.contains("not even one draw fits"))
    // Conditioned on size, 5,000 nodes directed make graphs of 5000 · 4999 / 2 ≈ 1.25e7 arcs:
    // refused before one is drawn, even for the cheapest statistic and one draw.
    let wide = Adjacency.build(nodeCount: 5000, directed: true, arcs: [(0, 1, 1)], merge: .max)
    #expect(throws: CUGWorkError.self) {
      try wide.cugTest([.density], condition: .size, draws: 1, threads: 1)
    }
    #expect(
      try wide.cugTest([.density], condition: .ties, draws: 1, threads: 1)[0].observed == 1.0
        / (5000 * 4999))
    // Undirected, the same n(n − 1)/2 arcs: half as many pairs, two arcs each (it counted
    // n(n − 1), every pair's two arcs, and refused networks of half the size that fits).
    let undirected = Adjacency.build(
      nodeCount: 5000, directed: false, arcs: [(0, 1, 1)], merge: .max)
    do {
      _ = try undirected.cugTest([.density], condition: .size, draws: 1, threads: 1)
      Issue.record("a size draw of 1.25e7 arcs was not refused")
    } catch {
      #expect(error.arcsPerDraw == 5000 * 4999 / 2)
    }
    let small = Adjacency.build(nodeCount: 30, directed: false, arcs: [(0, 1, 1)], merge: .max)
    #expect(
      small.cugWorkPerDraw([.transitivity], condition: .size)
        == 3.0 * 900 + 435.0 * (435.0 / 30 + 1))
  }
}
