import Foundation
import Testing

@testable import Brobyggare

/// The trust sweep, worked by hand on a chain a - b - c - d with trust 0.9, 0.3, 0.9.
@Suite("Threshold sweep")
struct ThresholdSweepTests {
  func chain() -> Network {
    var net = Network(directed: false)
    _ = net.addTie(from: "a", to: "b", trust: 0.9)
    _ = net.addTie(from: "b", to: "c", trust: 0.3)
    _ = net.addTie(from: "c", to: "d", trust: 0.9)
    return net
  }

  @Test func chainByHand() throws {
    let s = try chain().thresholdSweep(.betweenness, thresholds: [0.2, 0.5, 0.9, 1])
    // At 0.2 all three ties stay: b and c each lie on two of the six pairs' paths (a-c, a-d
    // for b; a-d, b-d for c). At 0.5 and 0.9 the middle tie goes and no one is between. At 1
    // (nothing at or above it) no tie is left.
    #expect(s.ties == [3, 2, 2, 0])
    #expect(s.values[0] == [0, 2, 2, 0])
    #expect(s.values[1] == [0, 0, 0, 0])
    // Ranks as R's rank(-x, ties.method = "average"): b and c share 1 and 2, a and d 3 and 4.
    #expect(s.ranks[0] == [3.5, 1.5, 1.5, 3.5])
    #expect(s.ranks[1] == [2.5, 2.5, 2.5, 2.5])
    #expect(s.correlationWithFirst[0] == 1)
    // Constant ranks have no correlation.
    #expect(s.correlationWithFirst[1].isNaN)
    #expect(s.correlationWithPrevious[0].isNaN)
    let d = try chain().thresholdSweep(.degree, thresholds: [0.2, 0.5])
    #expect(d.values == [[1, 2, 2, 1], [1, 1, 1, 1]])
    // Constraint ranks the least constrained first: at 0.2, b and c (constraint 0.5 each: two
    // contacts of equal weight who are not tied, Burt's (1/2)² × 2) before a and d (1).
    let c = try chain().thresholdSweep(.constraint, thresholds: [0.2])
    #expect(c.values[0] == [1, 0.5, 0.5, 1])
    #expect(c.ranks[0] == [3.5, 1.5, 1.5, 3.5])
  }

  @Test func aTieWithoutTrustCountsOne() throws {
    var net = chain()
    _ = net.addTie(from: "d", to: "e")
    let s = try net.thresholdSweep(.degree, thresholds: [1])
    // Only the tie without a trust (counted as 1) is at or above 1.
    #expect(s.ties == [1])
    #expect(s.values[0] == [0, 0, 0, 1, 1])
  }

  /// Constraint is undefined for a node left without ties: it has no rank there, and the rank
  /// correlation is over the nodes ranked at both cut-offs. By hand, on the chain a - b - c -
  /// d - e with trust 0.9, 0.9, 0.3, 0.3 (unweighted constraint: 1 for one contact, 0.5 for two
  /// contacts not tied to each other). At 0.2: a 1, b c d 0.5, e 1, so b, c and d share ranks
  /// 1-3 (2) and a and e 4-5 (4.5). At 0.5 d and e have no tie: a 1, b 0.5, c 1, ranks 2.5, 1,
  /// 2.5. Over a, b and c the ranks are (3, 1.5, 1.5) and (2.5, 1, 2.5): Pearson's r 0.75 /
  /// 1.5 = 0.5. Ranking d and e last together, as before, gave 2.5 / √67.5 ≈ 0.304.
  @Test func nodesWithoutAValueHaveNoRank() throws {
    var net = Network(directed: false)
    _ = net.addTie(from: "a", to: "b", trust: 0.9)
    _ = net.addTie(from: "b", to: "c", trust: 0.9)
    _ = net.addTie(from: "c", to: "d", trust: 0.3)
    _ = net.addTie(from: "d", to: "e", trust: 0.3)
    let s = try net.thresholdSweep(.constraint, thresholds: [0.2, 0.5])
    #expect(s.values[0] == [1, 0.5, 0.5, 0.5, 1])
    #expect(s.values[1][0...2] == [1, 0.5, 1] && s.values[1][3...].allSatisfy(\.isNaN))
    #expect(s.ranks[0] == [4.5, 2, 2, 2, 4.5])
    #expect(s.ranks[1][0...2] == [2.5, 1, 2.5] && s.ranks[1][3...].allSatisfy(\.isNaN))
    #expect(abs(s.correlationWithFirst[1] - 0.5) < 1e-12)
    #expect(abs(s.correlationWithPrevious[1] - 0.5) < 1e-12)
  }
}
