/// A small, fast, seeded random number generator (SplitMix64), so that every result that
/// draws random numbers is the same for the same seed on every platform.
///
/// Steele, G. L., Lea, D. & Flood, C. H. (2014). Fast splittable pseudorandom number
/// generators. *OOPSLA '14*. [doi:10.1145/2660193.2660195](https://doi.org/10.1145/2660193.2660195)
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var state: UInt64
  /// A generator that starts from `seed`: the same seed gives the same numbers (SplitMix64).
  public init(seed: UInt64) { state = seed }
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

extension Adjacency {
  /// Empirical p-values for brokerage roles: group labels are shuffled among the nodes
  /// (keeping group sizes), the roles recounted, and for each node and column the p-value is
  /// (1 + the number of shuffles with a count at least the observed one) / (1 + shuffles).
  /// The normal z-score is unreliable on small networks; this test is not.
  ///
  /// - Returns: `p[c][v]` for the five roles and the total.
  /// - Complexity: `permutations` times the cost of ``brokerageCounts(groups:credit:trust:)``.
  public func brokeragePermutationPValues(
    groups: [Int], observed: [[Double]], permutations: Int, seed: UInt64,
    credit: BrokerageRoles.PartialCredit = .none,
    trust: TwoPathValue? = nil, threads: Int = Threads.available
  ) -> [[Double]] {
    precondition(permutations > 0, "permutations must be positive")
    let n = nodeCount
    let columns = BrokerageRoles.columns
    let atLeast = countTrials(permutations, slots: columns * n, threads: threads, seed: seed) {
      rng, counter in
      let shuffled = shuffledGroups(groups, &rng)
      let counts = self.brokerageCounts(groups: shuffled, credit: credit, trust: trust)
      for v in 0..<n {
        var total = 0.0
        for c in 0..<5 {
          total += counts[c][v]
          if counts[c][v] >= observed[c][v] - 1e-12 { counter[c * n + v] += 1 }
        }
        if total >= observed[5][v] - 1e-12 { counter[5 * n + v] += 1 }
      }
    }
    return (0..<columns).map { c in
      (0..<n).map { v in
        groups[v] < 0 ? .nan : Double(atLeast[c * n + v] + 1) / Double(permutations + 1)
      }
    }
  }
}

/// The groups shuffled among the nodes that have one (Fisher–Yates with the trial's own
/// generator, so each shuffle is fixed by the seed); nodes without a group (< 0) stay without.
/// With every node in a group this is the plain shuffle of the whole array.
func shuffledGroups(_ groups: [Int], _ rng: inout SeededGenerator) -> [Int] {
  var shuffled = groups
  let slots = groups.indices.filter { groups[$0] >= 0 }
  if slots.count == groups.count {
    for i in stride(from: groups.count - 1, to: 0, by: -1) {
      shuffled.swapAt(i, Int(rng.next() % UInt64(i + 1)))
    }
  } else {
    for i in stride(from: slots.count - 1, to: 0, by: -1) {
      shuffled.swapAt(slots[i], slots[Int(rng.next() % UInt64(i + 1))])
    }
  }
  return shuffled
}
