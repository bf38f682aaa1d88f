import Foundation

extension Adjacency {
  /// Betweenness estimated from sampled shortest paths with KADABRA's adaptive stopping
  /// (Borassi and Natale 2019), on an unweighted network: the same guarantee as
  /// ``approximateBetweenness(epsilon:delta:lengths:seed:threads:)`` (with probability at least
  /// 1 − `delta`, every estimate divided by n(n − 1) is within `epsilon` of the betweenness
  /// divided by n(n − 1)), but sampling stops as soon as the samples drawn already give it,
  /// which on most networks is long before the fixed sample size.
  ///
  /// The fixed size is the bound
  ///
  ///     ω = ⌈(c / ε²) (⌊log₂(VD − 2)⌋ + 1 + ln(2/δ))⌉,   c = 0.5,
  ///
  /// with VD as in ``ApproximateBetweenness``. First ⌈ω / 100⌉ paths give a rough estimate b̃₀
  /// of each node's share, from which each node gets its own failure probabilities
  /// δ_L(v) = δ_U(v) = exp(−C ε² / b̃₀(v)) + δ · 0.001 / (4n), with C the largest constant (found
  /// by bisection) for which they sum to less than δ/2. Then paths are drawn afresh, in rounds of
  /// ⌈ω / 100⌉, and after each round of τ paths in all, with b̃(v) the share of paths through v,
  /// sampling stops when for every node
  ///
  ///     f = (ln(1/δ_L) / τ) (−(ω/τ − 1/3) + √((ω/τ − 1/3)² + 2 b̃ ω / ln(1/δ_L))) < ε  and
  ///     g = (ln(1/δ_U) / τ) ( (ω/τ + 1/3) + √((ω/τ + 1/3)² + 2 b̃ ω / ln(1/δ_U))) < ε,
  ///
  /// or when τ reaches ω. Each path is drawn by the balanced bidirectional search of
  /// `BidirectionalPathSampler`, as KADABRA draws them.
  ///
  /// Each round's paths are split into 32 fixed chunks, each with a generator seeded from
  /// `seed`, the round and the chunk; the counts are whole numbers, so their sum, the rounds
  /// at which sampling stops and the estimate are the same for every `threads`. As with the
  /// fixed size, when ω is at least n the exact betweenness is returned instead.
  ///
  /// - Complexity: at most ω path samples (each a bidirectional breadth-first search that
  ///   usually meets after exploring a small part of the network) plus O(n) per round, at most
  ///   100 rounds; O(n + m) memory per thread.
  ///
  /// Borassi, M. & Natale, E. (2019). KADABRA is an ADaptive Algorithm for Betweenness via
  /// Random Approximation. *ACM Journal of Experimental Algorithmics* 24, 1.2:1–1.2:35.
  /// [doi:10.1145/3284359](https://doi.org/10.1145/3284359)
  public func adaptiveBetweenness(
    epsilon: Double, delta: Double = 0.1, seed: UInt64 = 1,
    threads: Int = Threads.available
  ) -> ApproximateBetweenness {
    precondition(
      epsilon > 0 && epsilon < 1 && delta > 0 && delta < 1, "epsilon and delta lie in (0, 1)")
    let n = nodeCount
    let vd = vertexDiameterBound(weighted: false)
    let wanted =
      vd <= 2
      ? 0
      : (0.5 / (epsilon * epsilon) * (Double(Int(log2(Double(vd - 2)))) + 1 + log(2 / delta)))
        .rounded(.up)
    var result = ApproximateBetweenness(
      betweenness: [Double](repeating: 0, count: n), samples: 0,
      vertexDiameterBound: vd, epsilon: epsilon, delta: delta)
    result.sampleBound = wanted < 1e15 ? Int(wanted) : Int(1e15)
    if wanted >= Double(n) && n > 2 {
      // Sampling could cost more than the n searches of the exact computation.
      result.betweenness = betweenness(
        lengths: ArcLengths(transform: .hops, lengths: nil), threads: threads)
      result.samples = result.sampleBound
      result.isExact = true
      return result
    }
    let omega = Int(wanted)
    guard n > 2, omega > 0 else { return result }
    let round = max(1, (omega + 99) / 100)
    let pool = SamplerPool(self)

    // A rough estimate for the nodes' failure probabilities, from paths of their own.
    let first = pool.counts(
      samples: round, seed: seed ^ 0x6B61_6461_6272_6131, round: 0, threads: threads)
    let rough = first.map { $0 / Double(round) }
    let (deltaL, deltaU) = Self.failureProbabilities(rough: rough, epsilon: epsilon, delta: delta)

    var counts = [Double](repeating: 0, count: n)
    var drawn = 0
    var r = 0
    while drawn < omega {
      let take = min(round, omega - drawn)
      let more = pool.counts(samples: take, seed: seed, round: r, threads: threads)
      for v in 0..<n { counts[v] += more[v] }
      drawn += take
      r += 1
      if drawn < omega
        && Self.boundsMet(
          counts: counts, samples: drawn, omega: Double(omega), epsilon: epsilon,
          deltaL: deltaL, deltaU: deltaU)
      {
        break
      }
    }
    // Share of sampled pairs → betweenness: × n(n−1) ordered pairs, halved when undirected.
    let scale = Double(n) * Double(n - 1) / Double(drawn) / (isDirected ? 1 : 2)
    result.betweenness = counts.map { $0 * scale }
    result.samples = drawn
    result.isAdaptive = true
    return result
  }

  /// Each node's failure probabilities δ_L(v) = δ_U(v) = exp(−C ε² / b̃₀(v)) + δ · 0.001 / (4n),
  /// with C the largest constant (to within ε/10, by bisection) for which their sum over the
  /// nodes, both sides, stays below δ/2 · (1 − 0.001), as KADABRA chooses them.
  static func failureProbabilities(rough: [Double], epsilon: Double, delta: Double) -> (
    [Double], [Double]
  ) {
    let n = Double(rough.count)
    let balancing = 0.001
    var a = 0.0
    var b = 1 / (epsilon * epsilon) * log(n * 4 * (1 - balancing) / delta)
    let e2 = epsilon * epsilon
    while b - a > epsilon / 10 {
      let c = (a + b) / 2
      var sum = 0.0
      for x in rough where x > 0 { sum += 2 * exp(-c * e2 / x) }
      if sum >= delta / 2 * (1 - balancing) { a = c } else { b = c }
    }
    let floor = delta * balancing / 4 / n
    let each = rough.map { x in (x > 0 ? exp(-b * e2 / x) : 0) + floor }
    return (each, each)
  }

  /// Whether, after `samples` paths, KADABRA's bounds f and g are below ε at every node.
  static func boundsMet(
    counts: [Double], samples: Int, omega: Double, epsilon: Double,
    deltaL: [Double], deltaU: [Double]
  ) -> Bool {
    let tau = Double(samples)
    for v in counts.indices {
      let share = counts[v] / tau
      let logL = log(1 / deltaL[v])
      let logU = log(1 / deltaU[v])
      let lower = omega / tau - 1.0 / 3
      let f = min(
        share, logL / tau * (-lower + (lower * lower + 2 * share * omega / logL).squareRoot()))
      if !(f < epsilon) { return false }
      let upper = omega / tau + 1.0 / 3
      let g = min(
        1 - share, logU / tau * (upper + (upper * upper + 2 * share * omega / logU).squareRoot()))
      if !(g < epsilon) { return false }
    }
    return true
  }
}

/// Path samplers kept for reuse between rounds (each holds O(n) scratch space), one per thread
/// at most; a round's chunks take one, draw their paths and give it back.
private final class SamplerPool: @unchecked Sendable {
  let adjacency: Adjacency
  private let lock = NSLock()
  private var free: [BidirectionalPathSampler] = []

  init(_ adjacency: Adjacency) { self.adjacency = adjacency }

  func take() -> BidirectionalPathSampler {
    lock.withLock { free.popLast() } ?? BidirectionalPathSampler(adjacency)
  }

  func give(_ sampler: BidirectionalPathSampler) { lock.withLock { free.append(sampler) } }

  /// How many of `samples` paths (uniform pairs, a uniform shortest path between them) each
  /// node lies inside of, drawn in 32 chunks seeded from `seed`, `round` and the chunk.
  func counts(samples: Int, seed: UInt64, round: Int, threads: Int) -> [Double] {
    let n = adjacency.nodeCount
    let chunks = 32
    let inner = (0..<chunks).map { _ in SharedList() }
    forEachChunk(chunks, threads: threads) { c in
      var rng = SeededGenerator(
        seed: (seed &+ UInt64(round) &* 0xD1B5_4A32_D192_ED03) &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(c)
      )
      var sampler = self.take()
      var list: [Int32] = []
      for _ in (c * samples / chunks)..<((c + 1) * samples / chunks) {
        let u = Int(rng.next() % UInt64(n))
        var v = Int(rng.next() % UInt64(n - 1))
        if v >= u { v += 1 }
        sampler.sample(from: u, to: v, rng: &rng) { list.append(Int32($0)) }
      }
      inner[c].items = list
      self.give(sampler)
    }
    var counts = [Double](repeating: 0, count: n)
    for c in 0..<chunks { for w in inner[c].items { counts[Int(w)] += 1 } }
    return counts
  }
}

/// One chunk's list of inner nodes, written by the thread that ran the chunk.
private final class SharedList: @unchecked Sendable {
  var items: [Int32] = []
}
