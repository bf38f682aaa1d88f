import Foundation
import Testing

@testable import Brobyggare

/// The network-level measures against R's sna 2.7.1 (Debian's r-cran-sna): Freeman's
/// centralization, Krackhardt's four dimensions, transitivity, mean distance and diameter, on
/// shipped datasets and on seeded random graphs. Fixtures: Scripts/summary_reference_with_sna.R.
@Suite("Network summary")
struct NetworkSummaryTests {
  /// The expected values by case and measure, from the fixture.
  static let expected: [String: [String: Double]] = {
    var out: [String: [String: Double]] = [:]
    guard
      let text = try? String(
        contentsOfFile: fixturePath("reference/network_summary_sna.csv"), encoding: .utf8)
    else { return out }
    for line in text.split(separator: "\n").dropFirst() {
      let f = line.split(separator: ",").map {
        $0.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
      }
      let value = f[2] == "NaN" ? Double.nan : f[2] == "Inf" ? .infinity : Double(f[2])!
      out[f[0], default: [:]][f[1]] = value
    }
    return out
  }()

  /// The seeded random graphs, rebuilt from their ties (nodes numbered 1...n, as in R).
  static func randomGraph(_ name: String) throws -> Network {
    try seededRandomGraph(name, in: "reference/network_summary_random.csv")
  }

  static let cases: [(String, String, String?)] =
    [
      ("krackhardt advice", "krackhardt", "advice"),
      ("krackhardt friendship", "krackhardt", "friendship"),
      ("krackhardt reports_to", "krackhardt", "reports_to"), ("lazega cowork", "lazega", "cowork"),
      ("padgett marriage", "padgett", "marriage"), ("padgett business", "padgett", "business"),
      ("zachary", "zachary", nil),
    ] + (1...6).map { ("random \($0)", "", nil) }

  @Test(arguments: cases)
  func agreesWithSna(_ name: String, _ dataset: String, _ layer: String?) throws {
    let want = try #require(Self.expected[name], "no fixture for \(name)")
    let net = dataset.isEmpty ? try Self.randomGraph(name) : try Network(dataset: dataset)
    let selection = TieSelection(layers: layer.map { [$0] })
    let adj = try net.adjacency(selection)
    let c = adj.centralization(threads: 2)
    let k = adj.krackhardtHierarchy
    let d = adj.distanceSummary
    let got: [String: Double] = [
      "density": adj.density,
      "centralization_degree": c.degree, "centralization_betweenness": c.betweenness,
      "centralization_closeness": c.closeness,
      "connectedness": k.connectedness, "hierarchy": k.hierarchy, "efficiency": k.efficiency,
      "lubness": k.lubness, "transitivity": adj.transitivity,
      "mean_distance": d.meanDistance, "diameter": Double(d.diameter),
    ]
    for (measure, w) in want {
      let g = try #require(got[measure], "\(measure) not computed")
      if w.isNaN {
        #expect(g.isNaN, "\(name) \(measure): sna gives NaN, got \(g)")
      } else {
        #expect(abs(g - w) <= 1e-9 * max(1, abs(w)), "\(name) \(measure): sna \(w), got \(g)")
      }
    }
  }

  /// An out-tree scores 1 on all four of Krackhardt's dimensions (his definition), and a
  /// star has centralization 1 (Freeman's).
  @Test func outTreeAndStar() throws {
    var tree = Network(directed: true)
    for (a, b) in [("0", "1"), ("0", "2"), ("1", "3"), ("1", "4"), ("2", "5")] {
      _ = tree.addTie(from: a, to: b)
    }
    let k = try tree.krackhardtHierarchy()
    #expect(k.connectedness == 1 && k.hierarchy == 1 && k.efficiency == 1 && k.lubness == 1)
    var star = Network(directed: false)
    for leaf in 1...6 { _ = star.addTie(from: "hub", to: String(leaf)) }
    let c = try star.centralization()
    #expect(
      abs(c.degree - 1) < 1e-12 && abs(c.betweenness - 1) < 1e-12 && abs(c.closeness - 1) < 1e-12)
    // Below three nodes the maximum is 0: NaN, as documented.
    var pair = Network(directed: false)
    _ = pair.addTie(from: "a", to: "b")
    #expect(try pair.centralization().degree.isNaN)
  }
}
