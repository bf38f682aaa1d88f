import Foundation
import Testing

@testable import Brobyggare

/// Small inputs that used to make very large work now run in linear time or meet a stated limit
/// before the work starts. Speed is checked without clocks: by counting the work, or at a size
/// where the old behaviour would take many minutes and the new one well under a second.
/// Expected values are worked out in the comment beside each, or come from the old algorithm,
/// kept here as the reference.
@Suite("Work bounds")
struct WorkBoundTests {
  static func undirected(_ n: Int, _ ties: [(Int, Int)]) -> Adjacency {
    Adjacency.build(
      nodeCount: n, directed: false, arcs: ties.map { (Int32($0.0), Int32($0.1), 1) }, merge: .max)
  }

  /// The local bridges as they were found before: a breadth-first search for every one.
  static func referenceLocalBridges(_ adj: Adjacency) -> [LocalBridge] {
    let g = adj.undirected()
    var result: [LocalBridge] = []
    for u in 0..<g.nodeCount {
      for v32 in g.successors(of: u) where Int(v32) > u {
        let v = Int(v32)
        if Set(g.successors(of: u)).isDisjoint(with: g.successors(of: v)) == false { continue }
        var hop = [Int](repeating: -1, count: g.nodeCount)
        hop[u] = 0
        var queue = [u]
        var head = 0
        while head < queue.count {
          let x = queue[head]
          head += 1
          for y32 in g.successors(of: x) where hop[Int(y32)] < 0 && !(x == u && Int(y32) == v) {
            hop[Int(y32)] = hop[x] + 1
            queue.append(Int(y32))
          }
        }
        result.append(
          LocalBridge(source: u, target: v, span: hop[v] < 0 ? .infinity : Double(hop[v])))
      }
    }
    return result
  }

  // MARK: Local bridges

  /// A chain of 200,000 nodes: its 199,999 ties are all local bridges and all bridges, so no
  /// span needs a search. The old code searched the whole chain from each: about 2·10¹⁰ steps.
  @Test func bridgesOfAChainNeedNoSearch() throws {
    let n = 200_000
    let adj = Self.undirected(n, (0..<(n - 1)).map { ($0, $0 + 1) })
    let (list, steps) = try adj.localBridgesCountingSteps(searchBudget: Adjacency.spanSearchBudget)
    #expect(list.count == n - 1)
    #expect(list.allSatisfy { $0.span == .infinity })
    #expect(steps == 0)
  }

  /// A hub with 10,000 leaves: each tie is checked for a shared contact from the leaf's side
  /// (one lookup in the hub's row), and each is a bridge.
  @Test func bridgesOfAStarNeedNoSearch() throws {
    let adj = Self.undirected(10_001, (1...10_000).map { (0, $0) })
    let (list, steps) = try adj.localBridgesCountingSteps(searchBudget: Adjacency.spanSearchBudget)
    #expect(list.count == 10_000)
    #expect(list.allSatisfy { $0.span == .infinity })
    #expect(steps == 0)
  }

  /// A cycle of 2,000 nodes: every tie is a local bridge of span 1,999 and none is a bridge.
  /// Each search pops the start and the 1,998 nodes before the far end, scanning 2 entries at
  /// each: 3,998 steps, 7,996,000 for the 2,000 ties. Under a budget of a million it refuses.
  @Test func spansOfACycleAreCountedAndBounded() throws {
    let n = 2000
    let adj = Self.undirected(n, (0..<n).map { ($0, ($0 + 1) % n) })
    let (list, steps) = try adj.localBridgesCountingSteps(searchBudget: Adjacency.spanSearchBudget)
    #expect(list.count == n)
    #expect(list.allSatisfy { $0.span == Double(n - 1) })
    #expect(steps == 7_996_000)
    #expect(throws: SpanSearchError(searches: 2000, budget: 1_000_000)) {
      try adj.localBridges(searchBudget: 1_000_000)
    }
  }

  /// Random sparse networks, some with several components, trees hanging off cycles and
  /// self-loops: the same local bridges and spans as the search for every one.
  @Test func localBridgesMatchTheSearchForEveryOne() throws {
    var rng = SplitMix(seed: 2026)
    for trial in 0..<200 {
      let n = 2 + trial % 40
      let m = Int(rng.next() % UInt64(2 * n))
      var ties: [(Int, Int)] = []
      for _ in 0..<m { ties.append((Int(rng.next() % UInt64(n)), Int(rng.next() % UInt64(n)))) }
      let adj = Self.undirected(n, ties)
      #expect(try adj.localBridges() == Self.referenceLocalBridges(adj), "trial \(trial)")
    }
  }

  // MARK: Two-mode projection

  static func oneOrganisation(people: Int) throws -> Network {
    var net = Network(directed: false)
    try net.addNode(Node(id: "org", attributes: ["kind": .string("organisation")]))
    for p in 0..<people {
      try net.addNode(Node(id: "p\(p)", kind: .person))
      net.addTie(from: "p\(p)", to: "org")
    }
    return net
  }

  /// 5,000 people in one organisation: 5,000 · 4,999 / 2 = 12,497,500 pairs, over the limit of
  /// ten million, refused before any tie is built. Three people make 3 pairs, within a limit of
  /// 3; four make 6, over it.
  @Test func projectionCountsItsPairsFirst() throws {
    #expect(
      throws: TwoMode.ProjectionTooLarge(
        pairs: 12_497_500, limit: 10_000_000, largest: "org", largestMembers: 5000)
    ) {
      try Self.oneOrganisation(people: 5000).projection(onto: .people)
    }
    #expect(
      try Self.oneOrganisation(people: 3).projection(onto: .people, maximumPairs: 3).network
        .tieCount == 3)
    #expect(throws: TwoMode.ProjectionTooLarge.self) {
      try Self.oneOrganisation(people: 4).projection(onto: .people, maximumPairs: 3)
    }
  }

  /// The largest organisation that fits ten million pairs: 4,472 · 4,471 / 2 = 9,997,156 pairs;
  /// 4,473 would make 10,001,628.
  @Test func projectionLimitNamesTheMembersThatFit() {
    let e = TwoMode.ProjectionTooLarge(
      pairs: 12_497_500, limit: 10_000_000, largest: "org", largestMembers: 5000)
    #expect(e.description.contains("at most 4472 members in one node fit"))
  }

  // MARK: Name suggestions

  static func letters(_ count: Int, _ rng: inout SplitMix) -> String {
    String(
      String.UnicodeScalarView((0..<count).map { _ in Unicode.Scalar(UInt8(97 + rng.next() % 26)) })
    )
  }

  /// 20 names of 3,000 letters against a roster of 20 such names: each pair was a table of up
  /// to 3,000 × 2,001 cells (bound 1,000), 31 s in all; now no table is filled. A name of 200
  /// letters, the longest suggested for, one letter from a roster name, still finds it.
  @Test func longNamesGetNoSuggestionsAndCostNothing() throws {
    var rng = SplitMix(seed: 31)
    let roster = try Roster(
      (0..<20).map { RosterEntry(id: "p\($0)", label: Self.letters(3000, &rng)) }
        + [RosterEntry(id: "q", label: String(repeating: "ab", count: 100))])
    let resolver = NameResolver(roster: roster)
    var cells = 0
    for _ in 0..<20 {
      #expect(resolver.suggestions(for: Self.letters(3000, &rng), limit: 3, cells: &cells).isEmpty)
    }
    #expect(cells == 0)
    let near = "c" + String(repeating: "ab", count: 100).dropFirst()
    #expect(resolver.suggestions(for: near).map(\.distance) == [1])
    #expect(
      closestMatches(to: Self.letters(3000, &rng), among: roster.entries.map(\.label)).isEmpty)
  }

  // MARK: Brokerage

  /// With every trust 1, the trust-weighted count with the minimum of the two trusts is the
  /// loop over every two-path, each counting 1: the reference for the counts by group, on
  /// random networks directed and undirected, with self-loops, ties both ways and nodes
  /// without a group.
  @Test func brokerageCountsByGroupMatchTheLoopOverTwoPaths() {
    var rng = SplitMix(seed: 1989)
    for trial in 0..<200 {
      let n = 2 + trial % 30
      let directed = trial % 2 == 0
      let m = Int(rng.next() % UInt64(3 * n))
      let arcs = (0..<m).map { _ in
        (Int32(rng.next() % UInt64(n)), Int32(rng.next() % UInt64(n)), 1.0)
      }
      let adj = Adjacency.build(nodeCount: n, directed: directed, arcs: arcs, merge: .max)
      let groups = (0..<n).map { _ in Int(rng.next() % 4) - 1 }
      #expect(
        adj.brokerageCounts(groups: groups) == adj.brokerageCounts(groups: groups, trust: .minimum),
        "trial \(trial)")
    }
  }

  /// A hub with 10,000 leaves, undirected, the leaves in two groups alternately and the hub in
  /// a third: the hub brokers all 10,000 · 9,999 / 2 = 49,995,000 pairs of leaves, none closed.
  /// 5,000 · 4,999 / 2 = 12,497,500 pairs within each leaf group are itinerant (24,995,000),
  /// 5,000 · 5,000 = 25,000,000 across them liaison. The pair loop took 25 s on this.
  @Test func brokerageOfAStarIsCountedByGroup() {
    let adj = Self.undirected(10_001, (1...10_000).map { (0, $0) })
    let groups = [2] + (1...10_000).map { $0 % 2 }
    let raw = adj.brokerageCounts(groups: groups)
    #expect(raw[BrokerageRole.itinerant.rawValue][0] == 24_995_000)
    #expect(raw[BrokerageRole.liaison.rawValue][0] == 25_000_000)
    #expect(raw.allSatisfy { $0.dropFirst().allSatisfy { $0 == 0 } })
  }
}

/// Steele, Lea and Flood's SplitMix64, for seeded test networks.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
