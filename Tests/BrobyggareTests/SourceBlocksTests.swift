import Foundation
import Testing

@testable import Brobyggare

/// Blocks of sources, their betweenness chunk sums and closeness rows, and the packed formats
/// that carry them between processes. The expected values are the single run's own (the
/// property under test is that splitting the sources changes no bit); the single run is
/// checked against networkx and igraph in BetweennessKernelTests and ClosenessKernelTests.
@Suite("Source blocks and packed files")
struct SourceBlocksTests {
  /// 900 nodes: 14 chunks of sources (n / 64).
  static func network(directed: Bool) -> Network {
    ComponentTests.randomNetwork(seed: directed ? 21 : 22, n: 900, ties: 2700, directed: directed)
  }

  @Test(arguments: [
    (false, DistanceTransform.hops), (true, .hops), (false, .reciprocal), (true, .reciprocal),
  ])
  func blocksAddUpToTheSingleRunBitForBit(directed: Bool, distance: DistanceTransform) throws {
    let a = try Self.network(directed: directed).adjacency()
    let lengths = try ArcLengths(a, transform: distance)
    #expect(a.sourceChunks == 14)
    let single = a.betweenness(lengths: lengths, threads: 2)
    let rows = a.closenessAndHarmonic(lengths: lengths, threads: 2)
    for k in [1, 2, 3, 7, 20] {
      var sum = BetweennessSum(nodeCount: a.nodeCount, directed: directed)
      var closeness = [Double](repeating: .nan, count: a.nodeCount)
      var harmonic = closeness
      for i in 0..<k {
        let block = SourceBlock(index: i, of: k)
        for chunk in a.betweennessPartials(lengths: lengths, block: block, threads: 1 + i % 2) {
          sum.add(chunk)
        }
        let r = a.closenessAndHarmonic(lengths: lengths, block: block, threads: 2)
        for (j, v) in r.nodes.enumerated() {
          #expect(closeness[v].isNaN)
          closeness[v] = r.closeness[j]
          harmonic[v] = r.harmonic[j]
        }
      }
      #expect(sum.chunksAdded == 14)
      #expect(sum.betweenness.map(\.bitPattern) == single.map(\.bitPattern), "K = \(k)")
      #expect(closeness.map(\.bitPattern) == rows.closeness.map(\.bitPattern), "K = \(k)")
      #expect(harmonic.map(\.bitPattern) == rows.harmonic.map(\.bitPattern), "K = \(k)")
    }
  }

  @Test func blocksCoverTheChunksOnce() {
    for chunks in [1, 8, 14, 128] {
      for k in [1, 2, 3, 7, 200] {
        let ranges = (0..<k).map { SourceBlock(index: $0, of: k).chunks(of: chunks) }
        #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == chunks)
        for (x, y) in zip(ranges, ranges.dropFirst()) { #expect(x.upperBound == y.lowerBound) }
      }
    }
  }

  @Test func packedNetworksAndPartsRoundTrip() throws {
    for directed in [false, true] {
      let net = Self.network(directed: directed)
      let a = try net.adjacency()
      let ids = net.nodes.map(\.id)
      let packed = PackedNetwork(
        adjacency: a, ids: ids, labels: ids, settings: [("merge", "max"), ("distance", "hops")])
      let back = try PackedNetwork(data: packed.data(), file: "x.bbn")
      #expect(back.contentHash == packed.contentHash)
      #expect(back.contentHash == PackedNetwork.contentHash(of: a, ids: ids, labels: ids))
      #expect(
        back.adjacency.outOffsets == a.outOffsets && back.adjacency.outTargets == a.outTargets
          && back.adjacency.outTrust == a.outTrust)
      #expect(back.settings.map(\.value) == ["max", "hops"])
      let reread = try back.network(file: "x.bbn").adjacency()
      #expect(
        reread.outTargets == a.outTargets && reread.outTrust == a.outTrust
          && reread.isDirected == directed)
      // Another network: another hash.
      var other = net
      other.addTie(from: "n0", to: "n899")
      let b = try other.adjacency()
      #expect(PackedNetwork.contentHash(of: b, ids: ids, labels: ids) != packed.contentHash)
      let part = ShardPart(
        networkHash: 7, nodeCount: a.nodeCount, isDirected: directed, chunkCount: a.sourceChunks,
        block: SourceBlock(index: 1, of: 3), settings: [("distance", "hops")],
        measures: ["betweenness"], ids: ids,
        labels: ids,
        betweennessChunks: a.betweennessPartials(
          lengths: try ArcLengths(a, transform: .hops), block: SourceBlock(index: 1, of: 3)),
        rows: nil)
      let p = try ShardPart(data: part.data(), file: "x.bbs")
      #expect(
        p.betweennessChunks == part.betweennessChunks && p.block == part.block && p.networkHash == 7
          && p.rows == nil)
      // Closeness rows and sums between groups in one part: written and read in order.
      let lengths = try ArcLengths(a, transform: .hops)
      let block = SourceBlock(index: 1, of: 3)
      let groups = (0..<a.nodeCount).map { $0 % 5 - 1 }
      let both = ShardPart(
        networkHash: 9, nodeCount: a.nodeCount, isDirected: directed, chunkCount: a.sourceChunks,
        block: block, settings: [("distance", "hops"), ("group", "g")],
        measures: ["closeness", "betweenness_intergroup"], ids: ids, labels: ids,
        betweennessChunks: nil, rows: a.closenessAndHarmonic(lengths: lengths, block: block),
        intergroupChunks: a.betweennessPartials(lengths: lengths, block: block, groups: groups),
        groupsHash: ShardPart.groupsHash(groups: groups, names: ["a", "b", "c", "d"]))
      let q = try ShardPart(data: both.data(), file: "y.bbs")
      #expect(
        q.hasIntergroup && !q.hasBetweenness && q.intergroupChunks == both.intergroupChunks
          && q.groupsHash == both.groupsHash && q.rows?.nodes == both.rows?.nodes
          && q.rows?.closeness == both.rows?.closeness && q.rows?.harmonic == both.rows?.harmonic)
      #expect(q.intergroupChunks.contains { $0.contains { $0 > 0 } })
      #expect(
        ShardPart.groupsHash(groups: groups, names: ["a", "b", "c", "d"])
          != ShardPart.groupsHash(groups: groups, names: ["a", "b", "c", "e"]))
    }
  }

  /// Every prefix of a packed file, and every single byte changed, is refused with a message.
  @Test func everyTruncationAndEveryFlippedByteIsRefused() throws {
    var net = Network(directed: false)
    net.addTie(from: "a", to: "b", trust: 2)
    net.addTie(from: "b", to: "c")
    let a = try net.adjacency()
    let data = PackedNetwork(
      adjacency: a, ids: ["a", "b", "c"], labels: ["a", "B", "c"], settings: [("distance", "hops")]
    ).data()
    for cut in 0..<data.count {
      #expect(throws: FormatError.self) { try PackedNetwork(data: data.prefix(cut), file: "x.bbn") }
    }
    for i in 0..<data.count {
      var bad = data
      bad[i] ^= 0x10
      #expect(throws: FormatError.self, "byte \(i)") { try PackedNetwork(data: bad, file: "x.bbn") }
    }
  }
}
