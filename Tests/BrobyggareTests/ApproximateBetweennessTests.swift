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
        let approx = adj.approximateBetweenness(
          epsilon: epsilon, delta: 0.1, lengths: lengths, seed: 1)
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

  /// A preferential-attachment network (each new node ties to `m` earlier ones, each chosen as
  /// the end of a uniformly drawn earlier tie or, at random, uniformly), fixed by its seed.
  static func preferentialAttachment(nodes: Int, m: Int, seed: UInt64) -> Network {
    var rng = SeededGenerator(seed: seed)
    var net = Network(directed: false)
    var ends: [Int] = []
    for v in 1..<nodes {
      var chosen = Set<Int>()
      while chosen.count < min(m, v) {
        let u =
          ends.isEmpty || rng.next() % 4 == 0
          ? Int(rng.next() % UInt64(v)) : ends[Int(rng.next() % UInt64(ends.count))]
        chosen.insert(u)
      }
      for u in chosen.sorted() {
        net.addTie(from: "n\(v)", to: "n\(u)")
        ends += [u, v]
      }
    }
    return net
  }

  /// KADABRA's adaptive stopping keeps the guarantee, checked against exact betweenness (this
  /// package's Brandes, which agrees with networkx and igraph in ReferenceTests): every
  /// estimate over n(n−1) ordered pairs within ε, on networks large enough that sampling is
  /// cheaper than the exact computation, and the same estimate on 1 and 2 threads. At ε = 0.05
  /// on these networks the bounds f and g are not met before ω, so the run ends at ω.
  @Test func adaptiveSamplingKeepsTheGuarantee() throws {
    var directed = Network(directed: true)
    var rng = SeededGenerator(seed: 11)
    for _ in 0..<15_000 {
      directed.addTie(from: "d\(rng.next() % 5_000)", to: "d\(rng.next() % 5_000)")
    }
    for net in [Self.preferentialAttachment(nodes: 4_000, m: 3, seed: 5), directed] {
      try Self.checkAdaptive(net, epsilon: 0.05, stopsEarly: false)
    }
  }

  /// Where the network allows, sampling stops well before ω: 1,000 separate groups of 50 people
  /// (no path between groups, so every share is below 1/1,000), at ε = 0.01, undirected and
  /// directed, with the guarantee checked against the exact values.
  @Test func adaptiveSamplingStopsEarly() throws {
    var rng = SeededGenerator(seed: 7)
    var undirected = Network(directed: false)
    var directed = Network(directed: true)
    for g in 0..<1_000 {
      for v in 1..<50 {
        undirected.addTie(from: "g\(g)n\(v)", to: "g\(g)n\(Int(rng.next() % UInt64(v)))")
        for _ in 0..<2 { directed.addTie(from: "g\(g)n\(v)", to: "g\(g)n\(Int(rng.next() % 50))") }
      }
    }
    for net in [undirected, directed] {
      try Self.checkAdaptive(net, epsilon: 0.01, stopsEarly: true)
    }
  }

  static func checkAdaptive(_ net: Network, epsilon: Double, stopsEarly: Bool) throws {
    let adj = try net.adjacency()
    let n = Double(adj.nodeCount)
    let pairs = n * (n - 1) / (adj.isDirected ? 1 : 2)
    let exact = adj.betweenness(lengths: try ArcLengths(adj, transform: .hops))
    let one = adj.adaptiveBetweenness(epsilon: epsilon, delta: 0.1, seed: 1, threads: 1)
    #expect(one.isAdaptive && !one.isExact)
    #expect(one.samples > 0 && one.samples <= one.sampleBound)
    if stopsEarly {
      #expect(
        Double(one.samples) < 0.6 * Double(one.sampleBound), "\(one.samples) of \(one.sampleBound)")
    }
    let worst = zip(one.betweenness, exact).map { abs($0 - $1) / pairs }.max()!
    #expect(worst <= epsilon, "directed \(adj.isDirected) ε=\(epsilon): largest error \(worst)")
    let two = adj.adaptiveBetweenness(epsilon: epsilon, delta: 0.1, seed: 1, threads: 2)
    #expect(two.betweenness == one.betweenness && two.samples == one.samples)
  }

  /// Where ω is at least n, the exact betweenness is given, as with the fixed sample size.
  @Test func adaptiveFallsBackToExactOnSmallNetworks() throws {
    let adj = try Reference("ba_undirected_80").network.adjacency()
    let estimate = adj.adaptiveBetweenness(epsilon: 0.05)
    #expect(estimate.isExact && !estimate.isAdaptive)
    #expect(estimate.betweenness == adj.betweenness(lengths: try ArcLengths(adj, transform: .hops)))
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
