import Foundation
import Testing

@testable import Brobyggare

@Suite("Robustness of rankings under missing data")
struct RobustnessTests {
  /// Reference: R 4.2.2 cor(method = "spearman" | "kendall") via Fixtures/generate_interviews.py.
  @Test func correlationsMatchR() {
    for c in InterviewReference.json["correlations"] as! [[String: Any]] {
      let x = (c["x"] as! [NSNumber]).map(\.doubleValue)
      let y = (c["y"] as! [NSNumber]).map(\.doubleValue)
      #expect(close(RankCorrelation.spearman(x, y), (c["spearman"] as! NSNumber).doubleValue))
      #expect(
        close(RankCorrelation.kendallTauB(x, y), (c["kendall_tau_b"] as! NSNumber).doubleValue))
    }
  }

  /// By hand: R's rank(-x, ties.method = "average") with NaN last; type 7 quantiles.
  /// Scores equal but for rounding rank as ties: 0.1 + 0.2 and 0.3 differ in the last bit
  /// (as two sums of the same terms in another order can), and share a rank once made equal;
  /// scores 10⁻⁸ apart (relative) stay apart, as do NaN and infinities.
  @Test func scoresWithinRoundingRankAsTies() {
    let sum = 0.1 + 0.2
    #expect(sum != 0.3)
    let values = [sum, 0.3, 1, .nan, 2, 2 * (1 + 1e-8), .infinity, 0]
    let tied = RankCorrelation.withRoundingTies(values)
    #expect(tied[0] == tied[1] && tied[0] == Swift.min(sum, 0.3))
    #expect(Array(tied[2...]).elementsEqual(values[2...]) { $0 == $1 || ($0.isNaN && $1.isNaN) })
    #expect(RankCorrelation.ranks(tied) == [5.5, 5.5, 4, 8, 3, 2, 1, 7])
    #expect(RankCorrelation.ranks(values) != RankCorrelation.ranks(tied))
  }

  @Test func ranksAndQuantiles() {
    #expect(RankCorrelation.ranks([3, 1, 3, .nan, 2]) == [1.5, 4, 1.5, 5, 3])
    #expect(RankCorrelation.ranks([3, 1, 3, 2], descending: false) == [3.5, 1, 3.5, 2])
    #expect(RankCorrelation.quantile([1, 2, 3, 4], 0.5) == 2.5)
    #expect(close(RankCorrelation.quantile([1, 2, 3, 4], 0.05), 1.15))
    #expect(RankCorrelation.quantile([], 0.5).isNaN)
    #expect(
      RankCorrelation.kendallTauB([1, 2, 3], [3, 2, 1]) == -1
        && RankCorrelation.spearman([1, 2, 3], [1, 1, 1]).isNaN)
  }

  /// 0 ↔ 1, 1 → 2, 2 → 3, trust 0.5 on 0 → 1 and 1 elsewhere; only node 1 counts as a
  /// respondent, and a dropout rate of 1 makes it missing in every run.
  static func small() throws -> Adjacency {
    var net = Network(directed: true)
    for i in 0..<4 { try net.addNode(Node(id: "n\(i)")) }
    net.addTie(from: "n0", to: "n1", trust: 0.5)
    net.addTie(from: "n1", to: "n0", trust: 1)
    net.addTie(from: "n1", to: "n2", trust: 1)
    net.addTie(from: "n2", to: "n3", trust: 1)
    return try net.adjacency()
  }

  static func arcs(_ a: Adjacency, _ index: [Int]) -> [String] {
    let back = Dictionary(
      uniqueKeysWithValues: index.enumerated().filter { $0.element >= 0 }.map {
        ($0.element, $0.offset)
      })
    return a.arcList().map { "\(back[Int($0.0)]!)>\(back[Int($0.1)]!):\(formatNumber($0.2))" }
      .sorted()
  }

  @Test(arguments: [
    (NonRespondentTreatment.keep, ["0>1:0.5", "2>3:1"]),
    // 1's reports are lost; the tie 0 reported to it comes back reversed with 0's trust.
    (.reconstruct, ["0>1:0.5", "1>0:0.5", "2>3:1"]),
    (.drop, ["2>3:1"]),
  ])
  func missingRespondentTreatments(_ treatment: NonRespondentTreatment, _ want: [String]) throws {
    let adj = try Self.small()
    var rng = SeededGenerator(seed: 1)
    let (sub, index) = adj.perturbed(
      .respondentDropout(1), arcs: adj.arcList(), respondents: [1],
      isRespondent: [false, true, false, false], treatment: treatment, rng: &rng)
    #expect(Self.arcs(sub, index) == want)
    #expect(index == (treatment == .drop ? [0, -1, 1, 2] : [0, 1, 2, 3]))
  }

  @Test func nodeAndTieDropoutRemoveTheStatedShare() throws {
    let adj = try Reference("gnp_directed_40").network.adjacency()
    var rng = SeededGenerator(seed: 3)
    let (a, ia) = adj.perturbed(
      .nodeDropout(0.25), arcs: adj.arcList(), respondents: [], isRespondent: [], treatment: .keep,
      rng: &rng)
    #expect(a.nodeCount == 30 && ia.filter { $0 < 0 }.count == 10)
    let (b, _) = adj.perturbed(
      .tieDropout(0.5), arcs: adj.arcList(), respondents: [], isRespondent: [], treatment: .keep,
      rng: &rng)
    #expect(b.arcCount == adj.arcCount - Int((0.5 * Double(adj.arcCount)).rounded()))
  }

  /// A rate is a share of whole items, rounded (by hand): 0.2 and 0.3 of 8 both remove 2 (1.6
  /// and 2.4), 0.05 of 8 removes none (0.4), 0.0625 of 8 one (0.5, halves up). Each condition
  /// says what it is a share of and how many each run removes.
  @Test func ratesAreSharesOfWholeItems() throws {
    #expect(Robustness.Perturbation.nodeDropout(0.2).removedPerRun(of: 8) == 2)
    #expect(Robustness.Perturbation.respondentDropout(0.3).removedPerRun(of: 8) == 2)
    #expect(Robustness.Perturbation.tieDropout(0.05).removedPerRun(of: 8) == 0)
    #expect(Robustness.Perturbation.nodeDropout(0.0625).removedPerRun(of: 8) == 1)
    #expect(Robustness.Perturbation.bootstrap.removedPerRun(of: 8) == nil)
    // The chain a - b - c - d: 4 nodes, 3 ties (undirected, once each), 2 respondents.
    var net = Network(directed: false)
    _ = net.addTie(from: "a", to: "b")
    _ = net.addTie(from: "b", to: "c")
    _ = net.addTie(from: "c", to: "d")
    let adj = try net.adjacency()
    var o = Robustness.Options()
    o.perturbations = [.nodeDropout(0.3), .tieDropout(0.5), .respondentDropout(0.5), .bootstrap]
    o.runs = 3
    let respondents = [true, false, true, false]
    let r = adj.robustness(o, respondents: respondents)
    #expect(r.conditions.map(\.population) == [4, 3, 2, 2])
    // 1.2 → 1, 1.5 → 2, 1 → 1.
    #expect(r.conditions.map(\.removedPerRun) == [1, 2, 1, nil])
    #expect(
      o.perturbations.map { adj.robustnessPopulation($0, respondents: respondents) }
        == [4, 3, 2, 2])
  }

  @Test func noLossGivesTheFullRanking() throws {
    let adj = try Reference("florentine_marriage").network.adjacency()
    var o = Robustness.Options()
    o.perturbations = [.nodeDropout(0), .bootstrap]
    o.runs = 5
    // One respondent: the bootstrap always draws it, so nothing is lost.
    let r = adj.robustness(o, respondents: (0..<adj.nodeCount).map { $0 == 0 })
    for c in r.conditions {
      #expect(
        c.spearman.allSatisfy { close($0, 1) } && c.kendall.allSatisfy { close($0, 1) }
          && c.topKOverlap.allSatisfy { $0 == 1 })
      for (v, x) in c.nodes.enumerated() {
        #expect(x.medianRank == r.fullRanks[v] && x.present == 5)
      }
    }
  }

  @Test func sameResultOnAnyNumberOfThreads() throws {
    let adj = try Reference("ba_undirected_80").network.adjacency()
    var o = Robustness.Options()
    o.perturbations = [.nodeDropout(0.2), .tieDropout(0.1), .respondentDropout(0.3)]
    o.runs = 70
    o.threads = 1
    let one = adj.robustness(o)
    o.threads = 3
    let three = adj.robustness(o)
    for (a, b) in zip(one.conditions, three.conditions) {
      #expect(a.nodes == b.nodes)
      #expect(
        a.spearman.map(\.bitPattern) == b.spearman.map(\.bitPattern)
          && a.topKOverlap == b.topKOverlap)
    }
    // Losing more loses more agreement (medians over 70 runs).
    let med = one.conditions.map { RankCorrelation.quantile($0.spearman.sorted(), 0.5) }
    #expect(med.allSatisfy { $0 > 0.3 && $0 < 1 })
  }
}
