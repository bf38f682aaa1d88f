import Foundation
import Testing

@testable import Brobyggare

/// QAP correlation and MRQAP regression against R's sna 2.7.1 (gcor, qaptest, netlm,
/// netlogit) on Padgett's and Krackhardt's networks and on seeded random networks (directed
/// and undirected) with attribute-derived predictors. Fixtures: Scripts/qap_reference_with_sna.R.
///
/// Estimates, statistics, R², deviance, AIC and BIC are deterministic and compared within
/// 1e-9. The p-values are shares of 5,000 permutations on both sides, drawn from different
/// generators, so they are compared within Monte Carlo error: each is an estimate of the same p
/// with variance p(1 − p)/5000, their difference has standard deviation √(2p(1 − p)/5000), and
/// the tolerance is 4.5 of those (two-sided 7e-6 per comparison, about 0.1 % over the ~250
/// comparisons here) plus 0.002 of slack for p-values at 0 or 1 and for permutations whose
/// statistic equals the observed one up to rounding (counted as equal here, by chance in sna).
@Suite("QAP and MRQAP")
struct QAPTests {
  /// case → quantity → term → value.
  static let expected: [String: [String: [String: Double]]] = {
    var out: [String: [String: [String: Double]]] = [:]
    guard
      let text = try? String(contentsOfFile: fixturePath("reference/qap_sna.csv"), encoding: .utf8)
    else { return out }
    for line in text.split(separator: "\n").dropFirst() {
      let f = line.split(separator: ",", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
      }
      out[f[0], default: [:]][f[1], default: [:]][f[2]] = Double(f[3])!
    }
    return out
  }()

  static let permutations = 5000

  /// A network with its node table, as the script reads it (nodes in the table's order).
  static func network(_ path: String) throws -> Network {
    let net = try Network(contentsOf: path)
    let table = try String(contentsOfFile: Network.companionNodeTable(for: path), encoding: .utf8)
    let ids = table.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) }
    #expect(net.nodes.map(\.id) == ids, "the nodes are in the node table's order, as R's matrices")
    return net
  }

  static func dataset(_ name: String) throws -> Network {
    try network(packageRoot.appendingPathComponent("Datasets/\(name)/\(name).csv").path)
  }

  static func random(_ kind: String) throws -> Network {
    try network(fixturePath("reference/qap_random_\(kind).csv"))
  }

  static func layer(_ name: String, _ value: TieValue = .presence) -> DyadicTerm {
    .ties(TieSelection(layers: [name]), value)
  }

  /// Whether a permutation p-value agrees with sna's within Monte Carlo error (see the suite's
  /// comment).
  static func agrees(_ p: Double, _ sna: Double) -> Bool {
    let sd = (2 * sna * (1 - sna) / Double(permutations)).squareRoot()
    return abs(p - sna) <= 4.5 * sd + 0.002
  }

  static let correlationCases: [(String, String, DyadicTerm, DyadicTerm)] = [
    ("gcor padgett marriage business", "padgett", layer("marriage"), layer("business")),
    ("gcor krackhardt advice friendship", "krackhardt", layer("advice"), layer("friendship")),
    (
      "gcor krackhardt friendship same:department", "krackhardt", layer("friendship"),
      .sameAttribute("department")
    ),
    ("gcor random directed a b", "directed", layer("a"), layer("b")),
    ("gcor random undirected a b", "undirected", layer("a"), layer("b")),
  ]

  @Test(arguments: correlationCases.indices)
  func correlationMatchesSna(_ k: Int) throws {
    let (name, source, a, b) = Self.correlationCases[k]
    let net =
      try ["padgett", "krackhardt"].contains(source) ? Self.dataset(source) : Self.random(source)
    let e = try #require(Self.expected[name], "fixture case \(name)")
    let result = try net.qapCorrelation(a, b, permutations: Self.permutations, seed: 7, threads: 2)
    #expect(close(result.correlation, e["correlation"]![""]!, 1e-12), "\(name): r")
    #expect(
      Self.agrees(result.pGreater, e["p_greater"]![""]!),
      "\(name): P(r* ≥ r) \(result.pGreater) vs sna \(e["p_greater"]![""]!)")
    #expect(
      Self.agrees(result.pLess, e["p_less"]![""]!),
      "\(name): P(r* ≤ r) \(result.pLess) vs sna \(e["p_less"]![""]!)")
    #expect(
      Self.agrees(result.pTwoSided, e["p_two_sided"]![""]!),
      "\(name): P(|r*| ≥ |r|) \(result.pTwoSided) vs sna \(e["p_two_sided"]![""]!)")
  }

  static let regressionCases: [(String, String, DyadicTerm, [(String, DyadicTerm)], MRQAP.Model)] =
    {
      let krack: [(String, DyadicTerm)] = [
        ("advice", layer("advice")), ("same:department", .sameAttribute("department")),
        ("diff:age", .attributeDifference("age")),
      ]
      let random: [(String, DyadicTerm)] = [
        ("b", layer("b")), ("same:group", .sameAttribute("group")),
        ("diff:age", .attributeDifference("age")),
      ]
      var cases: [(String, String, DyadicTerm, [(String, DyadicTerm)], MRQAP.Model)] = [
        ("netlm krackhardt friendship", "krackhardt", layer("friendship"), krack, .linear),
        ("netlogit krackhardt friendship", "krackhardt", layer("friendship"), krack, .logistic),
      ]
      for kind in ["directed", "undirected"] {
        cases.append(("netlm random \(kind) a", kind, layer("a"), random, .linear))
        cases.append(("netlm random \(kind) trust:a", kind, layer("a", .trust), random, .linear))
        cases.append(("netlogit random \(kind) a", kind, layer("a"), random, .logistic))
      }
      return cases
    }()

  @Test(arguments: regressionCases.indices, MRQAP.NullHypothesis.allCases)
  func regressionMatchesSna(_ k: Int, _ null: MRQAP.NullHypothesis) throws {
    let (base, source, dependent, predictors, model) = Self.regressionCases[k]
    let name = "\(base) \(null.rawValue)"
    let net = try source == "krackhardt" ? Self.dataset(source) : Self.random(source)
    let e = try #require(Self.expected[name], "fixture case \(name)")
    let fit = try net.qapRegression(
      dependent, on: predictors.map { (name: $0.0, term: $0.1) }, model: model, null: null,
      permutations: Self.permutations, seed: 7, threads: 2)
    #expect(fit.cells == Int(e["cells"]![""]!))
    #expect(fit.coefficients.map(\.name) == ["(intercept)"] + predictors.map(\.0))
    for c in fit.coefficients {
      #expect(
        close(c.estimate, e["estimate"]![c.name]!, 1e-9),
        "\(name) \(c.name): b \(c.estimate) vs sna \(e["estimate"]![c.name]!)")
      #expect(
        close(c.statistic, e["statistic"]![c.name]!, 1e-9),
        "\(name) \(c.name): t \(c.statistic) vs sna \(e["statistic"]![c.name]!)")
      for (label, p, q) in [
        ("p_two_sided", c.pTwoSided, "P(|t*| ≥ |t|)"), ("p_greater", c.pGreater, "P(t* ≥ t)"),
        ("p_less", c.pLess, "P(t* ≤ t)"),
      ] {
        let sna = e[label]![c.name]!
        #expect(Self.agrees(p, sna), "\(name) \(c.name): \(q) \(p) vs sna \(sna)")
      }
    }
    if model == .linear {
      #expect(close(fit.rSquared, e["r_squared"]![""]!, 1e-9))
    } else {
      #expect(close(fit.deviance, e["deviance"]![""]!, 1e-9))
      #expect(close(fit.aic, e["aic"]![""]!, 1e-9))
      #expect(close(fit.bic, e["bic"]![""]!, 1e-9))
    }
  }

  @Test func sameResultOnAnyNumberOfThreads() throws {
    let net = try Self.dataset("krackhardt")
    let predictors: [(name: String, term: DyadicTerm)] = [
      ("advice", Self.layer("advice")), ("same:department", .sameAttribute("department")),
    ]
    for null in MRQAP.NullHypothesis.allCases {
      for model in MRQAP.Model.allCases {
        let one = try net.qapRegression(
          Self.layer("friendship"), on: predictors, model: model, null: null, permutations: 300,
          seed: 3, threads: 1)
        let four = try net.qapRegression(
          Self.layer("friendship"), on: predictors, model: model, null: null, permutations: 300,
          seed: 3, threads: 4)
        // Compared as text: the fields a model does not have are NaN, which is not equal to itself.
        #expect("\(one)" == "\(four)")
      }
    }
    let c1 = try net.qapCorrelation(
      Self.layer("advice"), Self.layer("friendship"), permutations: 500, seed: 9, threads: 1)
    let c3 = try net.qapCorrelation(
      Self.layer("advice"), Self.layer("friendship"), permutations: 500, seed: 9, threads: 3)
    #expect(c1 == c3)
    let other = try net.qapCorrelation(
      Self.layer("advice"), Self.layer("friendship"), permutations: 500, seed: 10, threads: 1)
    #expect(
      other.pGreater != c1.pGreater || other.pLess != c1.pLess,
      "another seed draws other permutations")
  }

  /// A worked example by hand: three nodes, directed, y = x on every cell but one.
  ///
  /// Cells (0→1, 0→2, 1→0, 1→2, 2→0, 2→1): x = 1 0 1 0 0 1, y = 1 0 1 0 1 1.
  /// x̄ = 1/2, ȳ = 2/3; Σ(x − x̄)(y − ȳ) = 3·(1/2)(1/3) + 2·(−1/2)(−2/3) + (−1/2)(1/3) = 1;
  /// Σ(x − x̄)² = 6/4 = 3/2; Σ(y − ȳ)² = 4·(1/3)² + 2·(2/3)² = 4/3; r = 1/√(3/2 · 4/3) = 1/√2.
  /// OLS y = a + b x: b = Sxy/Sxx = 2/3, a = ȳ − b x̄ = 1/3.
  @Test func handWorkedExample() throws {
    var x = DyadicMatrix(nodeCount: 3, values: [.nan, 1, 0, 1, .nan, 0, 0, 1, .nan])
    let y = DyadicMatrix(nodeCount: 3, values: [.nan, 1, 0, 1, .nan, 0, 1, 1, .nan])
    #expect(close(QAP.correlation(x, y, mode: .directed), 1 / 2.0.squareRoot(), 1e-15))
    let fit = try MRQAP.regression(
      dependent: y, predictors: [("x", x)], mode: .directed, permutations: 10, seed: 1, threads: 1)
    #expect(close(fit.coefficients[0].estimate, 1 / 3, 1e-14))
    #expect(close(fit.coefficients[1].estimate, 2 / 3, 1e-14))
    #expect(close(fit.rSquared, 0.5, 1e-14), "R² = r² for one predictor")
    // A missing x leaves its cell out: without 2→0 (the cell where they differ), y = x exactly.
    x[2, 0] = .nan
    #expect(close(QAP.correlation(x, y, mode: .directed), 1, 1e-15))
  }

  /// Cells with a missing predictor are left out of the fit: the count says how many, and the
  /// estimates are those of the complete cells alone (a cell made missing in the dependent
  /// instead leaves the same fit). Under both null hypotheses and both models the permutations
  /// still give p-values in [0, 1], the same on any number of threads.
  @Test func missingCellsAreLeftOut() throws {
    let net = try Self.dataset("krackhardt")
    let y = try net.dyadicMatrix(Self.layer("friendship"))
    var age = try net.dyadicMatrix(.attributeDifference("age"))
    let advice = try net.dyadicMatrix(Self.layer("advice"))
    // Node 0's age unknown: its 40 pairs (20 out, 20 in) are missing.
    for j in 1..<21 {
      age[0, j] = .nan
      age[j, 0] = .nan
    }
    var yMissing = y
    for j in 1..<21 {
      yMissing[0, j] = .nan
      yMissing[j, 0] = .nan
    }
    let full = try MRQAP.regression(
      dependent: yMissing,
      predictors: [
        ("advice", advice), ("diff:age", try net.dyadicMatrix(.attributeDifference("age"))),
      ],
      mode: .directed, permutations: 10, seed: 1, threads: 1)
    for model in MRQAP.Model.allCases {
      for null in MRQAP.NullHypothesis.allCases {
        let fit = try MRQAP.regression(
          dependent: y, predictors: [("advice", advice), ("diff:age", age)], mode: .directed,
          model: model,
          null: null, permutations: 200, seed: 4, threads: 1)
        #expect(fit.cells == 380 && fit.missingCells == 40)
        for c in fit.coefficients {
          #expect(
            [c.pTwoSided, c.pGreater, c.pLess].allSatisfy { $0 >= 0 && $0 <= 1 },
            "\(model) \(null) \(c.name)")
        }
        let two = try MRQAP.regression(
          dependent: y, predictors: [("advice", advice), ("diff:age", age)], mode: .directed,
          model: model,
          null: null, permutations: 200, seed: 4, threads: 2)
        #expect("\(fit)" == "\(two)")
        if model == .linear {
          for (a, b) in zip(fit.coefficients, full.coefficients) {
            #expect(close(a.estimate, b.estimate, 1e-12))
          }
        }
      }
    }
  }

  @Test func sameAndDifferenceMatrices() throws {
    var net = Network(directed: false)
    for (id, sector, age) in [("a", "police", "30"), ("b", "police", ""), ("c", "school", "45")] {
      var attributes: [String: AttributeValue] = ["sector": .string(sector)]
      if !age.isEmpty { attributes["age"] = .integer(Int(age)!) }
      try net.addNode(Node(id: id, attributes: attributes))
    }
    let same = try net.dyadicMatrix(.sameAttribute("sector"))
    #expect(same[0, 1] == 1 && same[1, 0] == 1 && same[0, 2] == 0 && same[0, 0].isNaN)
    let diff = try net.dyadicMatrix(.attributeDifference("age"))
    #expect(
      diff[0, 2] == 15 && diff[2, 0] == 15 && diff[0, 1].isNaN && diff[1, 2].isNaN,
      "a missing age makes its pairs missing")
    #expect(throws: NetworkError.unknownNodeAttribute("rank")) {
      try net.dyadicMatrix(.sameAttribute("rank"))
    }
    #expect(throws: QAPError.self) { try net.dyadicMatrix(.attributeDifference("sector")) }
  }

  @Test func collinearAndConstantPredictorsAreRefused() throws {
    let net = try Self.dataset("krackhardt")
    let advice = Self.layer("advice")
    #expect {
      try net.qapRegression(
        Self.layer("friendship"), on: [("advice", advice), ("again", advice)], permutations: 10)
    } throws: {
      ($0 as? QAPError)?.message.contains(
        "'again' is a linear combination of '(intercept)', 'advice'") == true
    }
    let ones = DyadicMatrix(nodeCount: 21, values: [Double](repeating: 1, count: 441))
    #expect {
      try MRQAP.regression(
        dependent: net.dyadicMatrix(Self.layer("friendship")), predictors: [("constant", ones)],
        mode: .directed, permutations: 10)
    } throws: { ($0 as? QAPError)?.message.contains("'constant' is constant") == true }
    // A valued dependent is refused by the logistic model.
    let trust = DyadicMatrix(nodeCount: 21, values: (0..<441).map { Double($0 % 3) })
    #expect {
      try MRQAP.regression(
        dependent: trust, predictors: [("advice", net.dyadicMatrix(advice))], mode: .directed,
        model: .logistic, permutations: 10)
    } throws: { ($0 as? QAPError)?.message.contains("0/1 dependent") == true }
  }

  @Test func constantMatrixHasNoCorrelation() throws {
    let net = try Self.dataset("krackhardt")
    let ones = DyadicMatrix(nodeCount: 21, values: [Double](repeating: 1, count: 441))
    let r = QAP.correlationTest(
      try net.dyadicMatrix(Self.layer("advice")), ones, mode: .directed, permutations: 10, seed: 1)
    #expect(r.correlation.isNaN && r.pGreater.isNaN && r.pTwoSided.isNaN)
  }
}
