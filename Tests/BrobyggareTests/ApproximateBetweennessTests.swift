import Foundation
import Testing

@testable import Brobyggare

@Suite("Approximate betweenness")
struct ApproximateBetweennessTests {
  /// The Riondato–Kornaropoulos guarantee, checked against exact values: every node's estimate
  /// lies within ε of its betweenness over n(n−1) ordered pairs. The seed is fixed, so this is
  /// one draw of an event of probability ≥ 1 − δ, not a flaky test.
  @Test(arguments: ["ba_undirected_80", "gnp_directed_60", "karate_weighted", "gnp_undirected_50"])
  func guaranteeHoldsAgainstExactValues(_ name: String) throws {
    let ref = try Reference(name)
    let adj = try ref.network.adjacency()
    let n = Double(adj.nodeCount)
    let pairs = n * (n - 1) / (adj.isDirected ? 1 : 2)
    for t in [DistanceTransform.hops] + (ref.weighted ? [.raw] : []) {
      let lengths = try ArcLengths(adj, transform: t)
      let exact = adj.betweenness(lengths: lengths)
      for epsilon in [0.05, 0.02, 0.01] {
        let approx = adj.approximateBetweenness(epsilon: epsilon, delta: 0.1, lengths: lengths, seed: 1)
        #expect(approx.samples > 0)
        // Undirected betweenness counts unordered pairs: over n(n-1)/2 it is the ordered share.
        let worst = zip(approx.betweenness, exact).map { abs($0 - $1) / pairs }.max()!
        #expect(worst <= epsilon, "\(name) \(t) ε=\(epsilon): largest error \(worst)")
      }
    }
  }

  @Test func sameForEveryThreadCount() throws {
    let ref = try Reference("ba_undirected_80")
    let adj = try ref.network.adjacency()
    let lengths = try ArcLengths(adj, transform: .hops)
    let one = adj.approximateBetweenness(epsilon: 0.05, lengths: lengths, seed: 3, threads: 1)
    let two = adj.approximateBetweenness(epsilon: 0.05, lengths: lengths, seed: 3, threads: 2)
    #expect(one.betweenness == two.betweenness)
    // r = ⌈(0.5 / ε²)(⌊log₂(VD − 2)⌋ + 1 + ln(1/δ))⌉ with ε = 0.05, δ = 0.1.
    let floorLog: Double = log2(Double(one.vertexDiameterBound - 2)).rounded(.down)
    let r: Double = (200 * (floorLog + 1 + log(10.0))).rounded(.up)
    #expect(one.samples == Int(r))
  }

  /// On a path of 5 nodes the vertex diameter is 5, and the bound from the middle is exact.
  @Test func vertexDiameterBoundOnAPath() throws {
    var net = Network(directed: false)
    for (u, v) in [("a", "b"), ("b", "c"), ("c", "d"), ("d", "e")] { net.addTie(from: u, to: v) }
    let adj = try net.adjacency()
    #expect(adj.vertexDiameterBound(weighted: false) >= 5)
    #expect(adj.vertexDiameterBound(weighted: false) <= 9)
  }
}
