import Foundation
import Testing

@testable import Brobyggare

/// GraphML streamed to its file, trust reach on reused scratch space, and partial-credit
/// brokerage in time proportional to the two-paths. Expected values are worked out in the
/// comment beside each, or come from the earlier algorithm, kept here as the reference.
@Suite("Writer and work hardening")
struct WriterHardeningTests {
  static func temporaryFolder() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "writer-hardening-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }

  /// 20,000 nodes with a group and 40,000 ties with trust and a layer: about 4 MB of GraphML.
  static func largeNetwork() throws -> Network {
    var net = Network(directed: true)
    net.reserveCapacity(nodes: 20_000, ties: 40_000)
    for i in 0..<20_000 {
      try net.addNode(Node(id: "n\(i)", attributes: ["group": .string("g\(i % 7)")]))
    }
    for i in 0..<40_000 {
      net.addTie(
        Tie(
          source: i % 20_000, target: (i * 7919 + 1) % 20_000, trust: Double(i % 10 + 1) / 10,
          layer: i % 2 == 0 ? "work" : "kin"))
    }
    return net
  }

  // MARK: GraphML streamed

  /// The writer hands its text on in pieces of about 64 KiB (a piece ends at the first element
  /// after 64 KiB), and the pieces joined are the document ``GraphMLFormat/write(_:)`` gives.
  @Test func graphMLIsWrittenInBoundedPieces() throws {
    let net = try Self.largeNetwork()
    var pieces: [Int] = []
    var joined = ""
    try GraphMLFormat.write(net) {
      pieces.append($0.utf8.count)
      joined += $0
    }
    #expect(joined == (try GraphMLFormat.write(net)))
    #expect(joined.utf8.count > 3_000_000)
    #expect(pieces.count > 40)
    #expect(pieces.max()! < (1 << 16) + 1024)
  }

  /// The file has the bytes of the text written in memory (trust under its own name as
  /// `trust`, as convert writes it); a network that cannot be written leaves neither the file nor
  /// the temporary file, and an older file of that name as it was.
  @Test func graphMLFileIsStreamedAndNeverHalfWritten() throws {
    let dir = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    var net = try Self.largeNetwork()
    net.trustAttributeName = "tillit"
    let path = dir.appendingPathComponent("net.graphml").path
    try net.writeGraphML(toFile: path)
    let expected = try net.serialized(as: .graphml, path: path)[0].contents
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(expected.utf8))
    #expect(expected.contains("attr.name=\"trust\""))
    // The last node's id holds U+0001, which XML cannot hold: found after megabytes were written.
    try net.addNode(Node(id: "bad\u{1}id"))
    let old = dir.appendingPathComponent("old.graphml").path
    try Data("old".utf8).write(to: URL(fileURLWithPath: old))
    for target in [dir.appendingPathComponent("new.graphml").path, old] {
      #expect(throws: FormatError.self) { try net.writeGraphML(toFile: target) }
    }
    do { try net.writeGraphML(toFile: old) } catch let e as FormatError {
      #expect(e.file == old)
    }
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == [
        "net.graphml", "old.graphml",
      ])
    #expect(try String(contentsOfFile: old, encoding: .utf8) == "old")
    // A folder that is not there is a WriteError naming it, as for the other formats.
    #expect(throws: WriteError.self) {
      try Self.largeNetwork().writeGraphML(
        toFile: dir.appendingPathComponent("none/x.graphml").path)
    }
  }

  // MARK: Trust reach

  /// Trust reach as it was computed before: a whole most-trusted-path tree per source.
  static func referenceTrustReach(_ adj: Adjacency, threshold: Double) throws -> [Int] {
    (0..<adj.nodeCount).map { s in
      (try? adj.trustTree(from: s, threshold: threshold))!.parent.filter { $0 >= 0 }.count
    }
  }

  /// Random networks with trusts from a few values (so that paths of equal trust, and trust
  /// exactly at the threshold, are common), directed and undirected, at several thresholds and
  /// thread counts: the counting search reaches the nodes the tree search reaches.
  @Test func trustReachCountsWhatTheTreeReaches() throws {
    var rng = SplitMix(seed: 2024)
    for trial in 0..<120 {
      let n = 2 + trial % 40
      let m = Int(rng.next() % UInt64(4 * n))
      let trusts = [1.0, 0.5, 0.25, 0.8, 0.4]
      let arcs = (0..<m).map { _ in
        (Int32(rng.next() % UInt64(n)), Int32(rng.next() % UInt64(n)), trusts[Int(rng.next() % 5)])
      }
      let adj = Adjacency.build(nodeCount: n, directed: trial % 2 == 0, arcs: arcs, merge: .max)
      for threshold in [1.0, 0.5, 0.25, 0.2, 0.01] {
        let reference = try Self.referenceTrustReach(adj, threshold: threshold)
        for threads in [1, 3] {
          #expect(
            try adj.trustReach(threshold: threshold, threads: threads) == reference,
            "trial \(trial), threshold \(threshold)")
        }
      }
    }
  }

  /// 200,000 nodes in a ring of trust 0.5, threshold 0.3: each node reaches the next only (0.25
  /// for two steps is below 0.3), so every reach is 1. The tree per source filled and read five
  /// arrays of n (and took n exponentials) for each of the n sources: 2 · 10¹¹ steps, hours; the
  /// counting search touches two nodes per source.
  @Test func trustReachDoesWorkOnlyWhereTheSearchGoes() throws {
    let n = 200_000
    let adj = Adjacency.build(
      nodeCount: n, directed: true, arcs: (0..<n).map { (Int32($0), Int32(($0 + 1) % n), 0.5) },
      merge: .max)
    let reach = try adj.trustReach(threshold: 0.3, threads: 2)
    #expect(reach == [Int](repeating: 1, count: n))
  }

  // MARK: Partial credit

  /// Partial credit as it was computed before: for every open two-path a → v → c, the brokers
  /// of (a, c) counted again by a scan of a's successors.
  static func referenceSharedCredit(_ adj: Adjacency, groups: [Int], trust: TwoPathValue?)
    -> [[Double]]
  {
    let n = adj.nodeCount
    var raw = [[Double]](repeating: [Double](repeating: 0, count: n), count: 5)
    func brokers(_ a: Int, _ c: Int) -> Int {
      adj.successors(of: a).filter {
        Int($0) != c && groups[Int($0)] >= 0 && adj.hasArc(from: Int($0), to: c)
      }.count
    }
    for v in 0..<n where groups[v] >= 0 {
      for ka in adj.inOffsets[v]..<adj.inOffsets[v + 1] {
        let a = Int(adj.inTargets[ka])
        if groups[a] < 0 { continue }
        for kc in adj.outOffsets[v]..<adj.outOffsets[v + 1] {
          let c = Int(adj.outTargets[kc])
          if c == a || groups[c] < 0 || adj.hasArc(from: a, to: c) { continue }
          if !adj.isDirected && a > c { continue }
          let weight =
            (trust.map { $0.value(adj.inTrust[ka], adj.outTrust[kc]) } ?? 1) / Double(brokers(a, c))
          let role = BrokerageRole.of(source: groups[a], broker: groups[v], target: groups[c])
          if !adj.isDirected && (role == .representative || role == .gatekeeper) {
            raw[BrokerageRole.representative.rawValue][v] += weight / 2
            raw[BrokerageRole.gatekeeper.rawValue][v] += weight / 2
          } else {
            raw[role.rawValue][v] += weight
          }
        }
      }
    }
    return raw
  }

  /// Random networks directed and undirected, with self-loops, ties both ways, nodes without a
  /// group and trust: the same shares as the reference.
  @Test func sharedCreditMatchesTheLoopOverTwoPaths() {
    var rng = SplitMix(seed: 1989)
    for trial in 0..<200 {
      let n = 2 + trial % 30
      let m = Int(rng.next() % UInt64(4 * n))
      let arcs = (0..<m).map { _ in
        (
          Int32(rng.next() % UInt64(n)), Int32(rng.next() % UInt64(n)),
          Double(1 + rng.next() % 9) / 10
        )
      }
      let adj = Adjacency.build(nodeCount: n, directed: trial % 2 == 0, arcs: arcs, merge: .max)
      let groups = (0..<n).map { _ in Int(rng.next() % 4) - 1 }
      for trust in [nil, TwoPathValue.geometricMean] {
        let got = adj.brokerageCounts(groups: groups, credit: .shared, trust: trust)
        let expected = Self.referenceSharedCredit(adj, groups: groups, trust: trust)
        #expect(
          zip(got, expected).allSatisfy { zip($0, $1).allSatisfy { close($0, $1, 1e-12) } },
          "trial \(trial)")
      }
    }
  }

  /// 20 sources → 3,000 brokers → 20 targets, all one group: 1,200,000 open two-paths, every
  /// pair (a, c) with 3,000 brokers, so each broker gets 20 · 20 / 3,000 = 0.1333… as
  /// coordinator. Counting the brokers anew for each two-path scanned a's 3,000 successors
  /// each time (3.6 · 10⁹ look-ups, minutes in a debug build); counting them once per source
  /// walks the two-paths twice.
  @Test func sharedCreditIsLinearInTheTwoPaths() {
    let (s, k, t) = (20, 3_000, 20)
    var arcs: [(Int32, Int32, Double)] = []
    for a in 0..<s { for v in 0..<k { arcs.append((Int32(a), Int32(s + v), 1)) } }
    for v in 0..<k { for c in 0..<t { arcs.append((Int32(s + v), Int32(s + k + c), 1)) } }
    let adj = Adjacency.build(nodeCount: s + k + t, directed: true, arcs: arcs, merge: .max)
    let raw = adj.brokerageCounts(groups: [Int](repeating: 0, count: s + k + t), credit: .shared)
    let coordinator = raw[BrokerageRole.coordinator.rawValue]
    #expect((s..<(s + k)).allSatisfy { close(coordinator[$0], Double(s * t) / Double(k), 1e-12) })
    #expect(close(coordinator.reduce(0, +), Double(s * t), 1e-9))  // one per brokered pair
    #expect(raw.dropFirst().allSatisfy { $0.allSatisfy { $0 == 0 } })
  }

  /// Tie ids (GraphML's `<edge id>`, say) were left out of DOT, edge-list and DL files
  /// without a word: now said, and not for the formats that keep them (CSV and workbooks write
  /// an `id` column). The edge list's note names labels only when there are labels.
  @Test func tieIDsThatAFormatCannotHoldAreSaid() throws {
    var net = Network(directed: true)
    try net.addNode(Node(id: "a", attributes: ["x": .double(1.5)]))
    try net.addNode(Node(id: "b"))
    net.addTie(Tie(source: 0, target: 1, id: "e7"))
    net.addTie(Tie(source: 1, target: 0))
    let said =
      "cannot hold the ties' own ids (1 of the 2 ties has one; GraphML, GEXF, GML, JSON and CSV keep them); not written"
    for format in [NetworkFormat.dot, .edgelist, .ucinet] {
      #expect(
        net.lostWhenWritten(as: format).contains { $0.hasSuffix(said) }, "\(format.rawValue)")
    }
    for format in [NetworkFormat.graphml, .gexf, .gml, .json, .csv, .xlsx] {
      #expect(
        !net.lostWhenWritten(as: format).contains { $0.contains("ids") }, "\(format.rawValue)")
    }
    #expect(
      net.lostWhenWritten(as: .edgelist).contains {
        $0.hasSuffix("the node attributes 'x'; not written")
      })
  }

  /// An edge list of a network without ties was written as an empty file, which the edge-list
  /// reader then refused ("the file is empty"): refused when writing, saying what would be lost.
  @Test func anEdgeListWithoutTiesIsRefused() throws {
    var net = Network(directed: false)
    try net.addNode(Node(id: "only"))
    do {
      _ = try EdgeListFormat.write(net)
      Issue.record("an edge list without ties was written")
    } catch {
      #expect(error.message.contains("the file would be empty"))
      #expect(error.message.contains("its node would be lost"))
    }
  }
}
