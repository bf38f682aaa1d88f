import Foundation

/// One process's share of an all-pairs computation (`metrics NET --shard i/K -o part-i.bbs`):
/// the betweenness sums of its block's chunks (and those of betweenness between groups) and
/// the closeness rows of its block's sources,
/// with what is needed to check and merge the parts (`brobyggare merge part-*.bbs`) into the
/// single run's table, bit for bit (see ``SourceBlock``).
///
/// The layout, little-endian, arrays on 8-byte boundaries:
///
///     "BROBYBBS"  u32 version  u32 flags (bit 0 directed, 1 betweenness, 2 closeness rows,
///                                          3 betweenness between groups)
///     u64 network hash  u64 n  u64 chunks  u64 K  u64 i  u64 first chunk  u64 end chunk
///     u64 part hash (FNV1a64 of every byte of the file but its own eight)
///     u64 k, k settings as (name, value) strings; u64 j, j measure names; padded
///     ids, labels: (n + 1) × u64 offsets into UTF-8 bytes each, padded
///     betweenness: (end − first) × n × f64, one array per chunk (when bit 1)
///     rows: u64 r, r × u64 node, r × f64 closeness, r × f64 harmonic (when bit 2)
///     between groups: u64 groups hash, (end − first) × n × f64 (when bit 3)
///
/// Reading checks every count against the file's size, the chunk count against the one n
/// gives, the block's chunks against its number, and the part hash.
public struct ShardPart: Sendable {
  /// The extension of a shard part, `bbs`.
  public static let fileExtension = "bbs"
  /// The version of the layout this library writes and reads. Version 2: betweenness on hops
  /// takes each chunk's sources in a breadth-first order of the network, so a version 1 part's
  /// chunks hold other sources and must not be merged with version 2 parts. Version 3: the
  /// network and part hashes mix every bit (see `FNV1a64`), and the part hash covers the
  /// header.
  public static let formatVersion: UInt32 = 3
  static let magic = Array("BROBYBBS".utf8)

  /// The content hash of the network (``PackedNetwork/contentHash(of:ids:labels:)``).
  public var networkHash: UInt64
  /// The number of nodes of the network.
  public var nodeCount: Int
  /// Whether the network's ties are directed.
  public var isDirected: Bool
  /// The number of source chunks (``Adjacency/sourceChunks``).
  public var chunkCount: Int
  /// Which block of the sources this part holds.
  public var block: SourceBlock
  /// The settings of the run, in the order the table echoes them.
  public var settings: [(name: String, value: String)]
  /// The measures asked for, in the order of the table's columns.
  public var measures: [String]
  /// The node ids, in the network's order (the table's rows).
  public var ids: [String]
  /// The node labels, in the same order.
  public var labels: [String]
  /// One array of n sums per chunk of the block (empty when betweenness was not asked for).
  public var betweennessChunks: [[Double]]
  /// Whether the part holds betweenness sums (betweenness was asked for).
  public var hasBetweenness: Bool
  /// The block's sources and their closeness and harmonic closeness (when asked for).
  public var rows: (nodes: [Int], closeness: [Double], harmonic: [Double])?
  /// One array of n sums of betweenness between groups per chunk of the block (empty when it
  /// was not asked for; see ``Adjacency/betweennessPartials(lengths:block:threads:groups:)``).
  public var intergroupChunks: [[Double]]
  /// Whether the part holds sums of betweenness between groups.
  public var hasIntergroup: Bool
  /// A hash of the groups those sums count pairs between (``groupsHash(groups:names:)``), so
  /// that parts computed with other groups are not merged; 0 without them.
  public var groupsHash: UInt64

  /// A part from its fields, as `metrics --shard` makes it; `betweennessChunks` is `nil`
  /// when betweenness was not asked for, `intergroupChunks` when betweenness between groups
  /// was not.
  public init(
    networkHash: UInt64, nodeCount: Int, isDirected: Bool, chunkCount: Int, block: SourceBlock,
    settings: [(name: String, value: String)], measures: [String], ids: [String], labels: [String],
    betweennessChunks: [[Double]]?, rows: (nodes: [Int], closeness: [Double], harmonic: [Double])?,
    intergroupChunks: [[Double]]? = nil, groupsHash: UInt64 = 0
  ) {
    self.networkHash = networkHash
    self.nodeCount = nodeCount
    self.isDirected = isDirected
    self.chunkCount = chunkCount
    self.block = block
    self.settings = settings
    self.measures = measures
    self.ids = ids
    self.labels = labels
    self.betweennessChunks = betweennessChunks ?? []
    hasBetweenness = betweennessChunks != nil
    self.rows = rows
    self.intergroupChunks = intergroupChunks ?? []
    hasIntergroup = intergroupChunks != nil
    self.groupsHash = intergroupChunks == nil ? 0 : groupsHash
  }

  /// A hash of a group assignment: each node's group (an index into `names`, negative for
  /// none) and the groups' names, in order (FNV-1a 64).
  public static func groupsHash(groups: [Int], names: [String]) -> UInt64 {
    var w = PackedWriter()
    w.int(groups.count)
    for g in groups { w.u64(UInt64(bitPattern: Int64(g))) }
    w.int(names.count)
    for name in names { w.string(name) }
    var h = FNV1a64()
    h.add(w.data)
    return h.value
  }

  /// The chunks this part holds.
  public var chunks: Range<Int> { block.chunks(of: chunkCount) }

  /// The bytes of the `.bbs` file.
  ///
  /// - Complexity: O(chunks × n + n).
  public func data() -> Data {
    var body = PackedWriter()
    body.int(settings.count)
    for s in settings {
      body.string(s.name)
      body.string(s.value)
    }
    body.int(measures.count)
    for m in measures { body.string(m) }
    body.pad()
    body.stringTable(ids)
    body.stringTable(labels)
    if hasBetweenness { for c in betweennessChunks { body.words(c) { $0.bitPattern } } }
    if let rows {
      body.int(rows.nodes.count)
      body.words(rows.nodes) { UInt64($0) }
      body.words(rows.closeness) { $0.bitPattern }
      body.words(rows.harmonic) { $0.bitPattern }
    }
    if hasIntergroup {
      body.u64(groupsHash)
      for c in intergroupChunks { body.words(c) { $0.bitPattern } }
    }
    var w = PackedWriter()
    w.data.append(contentsOf: ShardPart.magic)
    w.u32(ShardPart.formatVersion)
    w.u32(
      (isDirected ? 1 : 0) | (hasBetweenness ? 2 : 0) | (rows != nil ? 4 : 0)
        | (hasIntergroup ? 8 : 0))
    w.u64(networkHash)
    for x in [
      nodeCount, chunkCount, block.count, block.index, chunks.lowerBound, chunks.upperBound,
    ] { w.int(x) }
    // The header too: a damaged network hash is damage, not "another network".
    var h = FNV1a64()
    h.add(w.data)
    h.add(body.data)
    w.u64(h.value)
    w.data.append(body.data)
    return w.data
  }

  /// Reads a `.bbs` file, checking every count and the part hash.
  ///
  /// - Throws: ``FormatError`` naming the file and what is wrong with it.
  public init(contentsOf path: String) throws(FormatError) {
    try self.init(data: readWholeFile(path), file: path)
  }

  /// Reads the bytes of a `.bbs` file (see ``init(contentsOf:)``).
  public init(data: Data, file: String) throws(FormatError) {
    var r = PackedReader(data, file: file, kind: "shard part")
    try r.start(
      magic: ShardPart.magic, version: ShardPart.formatVersion,
      remake: "compute it with 'brobyggare metrics NET --shard i/K -o part-i.bbs'")
    let flags = try r.u32("the flags")
    guard flags <= 15 else { throw r.error("unknown flags \(flags)") }
    networkHash = try r.u64("the network hash")
    // Each node takes at least 16 bytes (its id and label offsets).
    nodeCount = try r.int("the node count", atMost: r.remaining / 16)
    let n = nodeCount
    chunkCount = try r.int("the chunk count", atMost: Int(UInt32.max))
    guard chunkCount == Brobyggare.sourceChunkCount(n) else {
      throw r.error(
        "it says \(chunkCount) chunks of sources, but \(n) nodes make \(Brobyggare.sourceChunkCount(n))"
      )
    }
    let k = try r.int("the number of shards", atMost: Int(UInt32.max))
    let i = try r.int("the shard number", atMost: Int(UInt32.max))
    guard k >= 1, i < k else { throw r.error("it says shard \(i) of \(k)") }
    block = SourceBlock(index: i, of: k)
    let first = try r.int("the first chunk", atMost: chunkCount)
    let end = try r.int("the end chunk", atMost: chunkCount)
    guard first..<max(first, end) == block.chunks(of: chunkCount), end >= first else {
      throw r.error(
        "it holds chunks \(first)..<\(end), but shard \(i)/\(k) is chunks \(block.chunks(of: chunkCount))"
      )
    }
    let stored = try r.u64("the part hash")
    var h = FNV1a64()
    data.withUnsafeBytes {
      h.add(UnsafeRawBufferPointer(rebasing: $0[..<(r.position - 8)]))
      h.add(UnsafeRawBufferPointer(rebasing: $0[r.position...]))
    }
    guard h.value == stored else {
      throw FormatError(
        file: file, line: 1, column: 1,
        "this shard part is damaged: its content hash is \(hex(h.value)), but its header says \(hex(stored)); compute it again"
      )
    }
    isDirected = flags & 1 != 0
    hasBetweenness = flags & 2 != 0
    let settingCount = try r.int("the number of settings", atMost: r.remaining / 16)
    settings = []
    for s in 0..<settingCount {
      settings.append((try r.string("setting \(s)'s name"), try r.string("setting \(s)'s value")))
    }
    let measureCount = try r.int("the number of measures", atMost: r.remaining / 8)
    measures = []
    for m in 0..<measureCount { measures.append(try r.string("measure \(m)'s name")) }
    try r.pad()
    ids = try r.stringTable(n, "node ids")
    labels = try r.stringTable(n, "node labels")
    betweennessChunks = []
    if hasBetweenness {
      for c in first..<end {
        betweennessChunks.append(try r.doubles(n, "the betweenness of chunk \(c)"))
      }
    }
    rows = nil
    if flags & 4 != 0 {
      let count = try r.int("the number of rows", atMost: r.remaining / 24)
      let sources = block.chunks(of: chunkCount)
      let expected = sources.upperBound * n / chunkCount - sources.lowerBound * n / chunkCount
      guard count == expected else {
        throw r.error("it has \(count) closeness rows, but its block has \(expected) sources")
      }
      let nodes = try r.u64s(count, "the rows' nodes")
      for v in nodes where v >= UInt64(n) {
        throw r.error("a row names node \(v), not one of the \(n) nodes")
      }
      rows = (
        nodes.map { Int($0) }, try r.doubles(count, "the closeness rows"),
        try r.doubles(count, "the harmonic rows")
      )
    }
    hasIntergroup = flags & 8 != 0
    intergroupChunks = []
    groupsHash = 0
    if hasIntergroup {
      groupsHash = try r.u64("the groups hash")
      for c in first..<end {
        intergroupChunks.append(try r.doubles(n, "the betweenness between groups of chunk \(c)"))
      }
    }
    try r.end()
  }
}
