import Foundation

/// A network packed for fast reading (`brobyggare pack NET -o NET.bbn`): the compressed sparse
/// rows of its selected ties, its node ids and labels, and the settings it was packed with, in
/// one binary file that a cluster task reads in one read (mapped into memory) instead of
/// parsing text.
///
/// The layout, little-endian, arrays on 8-byte boundaries:
///
///     "BROBYBBN"  u32 version  u32 flags (bit 0: directed)  u64 n  u64 m (arcs)  u64 hash
///     u64 settings hash (the same hash of the settings block that follows)
///     u64 k, then k settings as (name, value) strings (u64 length + UTF-8), padded
///     offsets: (n + 1) × u64          row v is arcs offsets[v] ..< offsets[v + 1]
///     heads:   m × u32, padded        each < n; an undirected tie is in both rows
///     trust:   m × f64                finite, ≥ 0 (after the tie selection's merge)
///     ids:     (n + 1) × u64 offsets into UTF-8 bytes, padded
///     labels:  the same
///
/// The hash (``contentHash``) is FNV-1a 64 by 64-bit words, mixed (see `FNV1a64`), over the
/// flags, n, m and everything after the settings: it names the network's content, whatever the file it was read from, and every
/// shard part (``ShardPart``) carries it so that parts of different networks are not merged.
///
/// Reading checks every count against the size of the file before it allocates anything, every
/// offset and head against its range, and the hash: a damaged or truncated file is a
/// ``FormatError`` that says so, never a crash.
public struct PackedNetwork: Sendable {
  /// The extension of a packed network, `bbn`.
  public static let fileExtension = "bbn"
  /// The version of the layout this library writes and reads.
  public static let formatVersion: UInt32 = 2
  static let magic = Array("BROBYBBN".utf8)
  /// The `weight` setting of a network packed without trust, as the commands write it.
  package static let unweightedSetting = "none (every tie 1)"

  /// The selected ties in compressed sparse rows (outgoing rows only).
  public let adjacency: Adjacency
  /// The node ids, indexed like the rows.
  public let ids: [String]
  /// The node labels (the id where a node has none).
  public let labels: [String]
  /// What the network was packed with, in order: the tie selection (`layers`, `weight`,
  /// `merge`) and the `distance` transform, as the commands echo them.
  public let settings: [(name: String, value: String)]
  /// The content hash (see the type's discussion).
  public let contentHash: UInt64

  /// Packs an adjacency with its nodes' ids and labels.
  ///
  /// - Complexity: O(n + m), with one pass of FNV-1a over the packed content.
  public init(
    adjacency: Adjacency, ids: [String], labels: [String], settings: [(name: String, value: String)]
  ) {
    precondition(
      ids.count == adjacency.nodeCount && labels.count == adjacency.nodeCount,
      "one id and one label per node")
    self.adjacency = Adjacency(
      nodeCount: adjacency.nodeCount, directed: adjacency.isDirected, offsets: adjacency.outOffsets,
      targets: adjacency.outTargets, trust: adjacency.outTrust)
    self.ids = ids
    self.labels = labels
    self.settings = settings
    contentHash = PackedNetwork.hash(
      prefix: PackedNetwork.hashPrefix(adjacency),
      content: PackedNetwork.content(adjacency, ids: ids, labels: labels))
  }

  /// The content hash a network of this adjacency, ids and labels packs with, without packing
  /// it (for shard parts computed from a network read from text).
  ///
  /// - Complexity: O(n + m).
  public static func contentHash(of adjacency: Adjacency, ids: [String], labels: [String]) -> UInt64
  {
    hash(prefix: hashPrefix(adjacency), content: content(adjacency, ids: ids, labels: labels))
  }

  static func hashPrefix(_ a: Adjacency) -> Data {
    var w = PackedWriter()
    w.u32(a.isDirected ? 1 : 0)
    w.int(a.nodeCount)
    w.int(a.arcCount)
    return w.data
  }

  static func content(_ a: Adjacency, ids: [String], labels: [String]) -> Data {
    var w = PackedWriter()
    w.data.reserveCapacity(8 * (a.nodeCount + 1) + 12 * a.arcCount + 16 * a.nodeCount)
    w.words(a.outOffsets) { UInt64($0) }
    w.int32s(a.outTargets)
    w.pad()
    w.words(a.outTrust) { $0.bitPattern }
    w.stringTable(ids)
    w.stringTable(labels)
    return w.data
  }

  static func hash(prefix: Data, content: Data) -> UInt64 {
    var h = FNV1a64()
    h.add(prefix)
    h.add(content)
    return h.value
  }

  /// The bytes of the `.bbn` file.
  ///
  /// - Complexity: O(n + m).
  public func data() -> Data {
    var w = PackedWriter()
    w.data.append(contentsOf: PackedNetwork.magic)
    w.u32(PackedNetwork.formatVersion)
    w.u32(adjacency.isDirected ? 1 : 0)
    w.int(adjacency.nodeCount)
    w.int(adjacency.arcCount)
    w.u64(contentHash)
    // The settings are not the network: they have a hash of their own.
    var block = PackedWriter()
    block.int(settings.count)
    for s in settings {
      block.string(s.name)
      block.string(s.value)
    }
    block.pad()
    var h = FNV1a64()
    h.add(block.data)
    w.u64(h.value)
    w.data.append(block.data)
    w.data.append(PackedNetwork.content(adjacency, ids: ids, labels: labels))
    return w.data
  }

  /// Whether a file is a packed network: its extension is `.bbn`, or it starts with the magic.
  public static func isPacked(path: String) -> Bool {
    if (path as NSString).pathExtension.lowercased() == fileExtension { return true }
    guard let head = Network.head(of: path) else { return false }
    return head.prefix(magic.count).elementsEqual(magic)
  }

  /// The settings a `.bbn` file was packed with, read from its header alone (the rest of the
  /// file is mapped, not read).
  ///
  /// - Throws: ``FormatError`` when the file is not a packed network or its header is damaged.
  public static func settings(contentsOf path: String) throws(FormatError) -> [(
    name: String, value: String
  )] {
    let data = try readWholeFile(path)
    var r = PackedReader(data, file: path, kind: "packed network")
    return try header(&r).settings
  }

  /// The header: direction, n, m, the stored hash and the settings; `r` left at the content.
  static func header(_ r: inout PackedReader) throws(FormatError)
    -> (directed: Bool, n: Int, m: Int, hash: UInt64, settings: [(name: String, value: String)])
  {
    let data = r.data
    let file = r.file
    try r.start(
      magic: PackedNetwork.magic, version: PackedNetwork.formatVersion,
      remake: "write one with 'brobyggare pack NET -o NET.bbn'")
    let flags = try r.u32("the flags")
    guard flags <= 1 else { throw r.error("unknown flags \(flags)") }
    // Each node takes at least 8 bytes (its offset) and each arc 12 (head and trust).
    let n = try r.int("the node count", atMost: r.remaining / 8)
    let m = try r.int("the arc count", atMost: r.remaining / 12)
    let stored = try r.u64("the content hash")
    let settingsHash = try r.u64("the settings hash")
    let start = r.position
    let k = try r.int("the number of settings", atMost: r.remaining / 16)
    var settings: [(name: String, value: String)] = []
    for i in 0..<k {
      settings.append((try r.string("setting \(i)'s name"), try r.string("setting \(i)'s value")))
    }
    try r.pad()
    var h = FNV1a64()
    let end = r.position
    data.withUnsafeBytes { h.add(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
    guard h.value == settingsHash else {
      throw FormatError(
        file: file, line: 1, column: 1,
        "this packed network is damaged: its settings hash is \(hex(h.value)), but its header says \(hex(settingsHash)); write it again"
      )
    }
    return (flags == 1, n, m, stored, settings)
  }

  /// Reads a `.bbn` file, checking every count, offset, head, trust and the hash.
  ///
  /// - Throws: ``FormatError`` naming the file and what is wrong with it.
  /// - Complexity: O(n + m) after one read of the file.
  public init(contentsOf path: String) throws(FormatError) {
    try self.init(data: readWholeFile(path), file: path)
  }

  /// Reads the bytes of a `.bbn` file (see ``init(contentsOf:)``).
  public init(data: Data, file: String) throws(FormatError) {
    var r = PackedReader(data, file: file, kind: "packed network")
    let (directed, n, m, stored, settings) = try PackedNetwork.header(&r)
    let contentStart = r.position
    let rawOffsets = try r.u64s(n + 1, "the row offsets")
    guard rawOffsets[0] == 0, rawOffsets[n] == UInt64(m) else {
      throw r.error(
        "the row offsets run from \(rawOffsets[0]) to \(rawOffsets[n]), not from 0 to the \(m) arcs"
      )
    }
    for v in 0..<n where rawOffsets[v] > rawOffsets[v + 1] {
      throw r.error("the row offsets go backwards at node \(v)")
    }
    let targets = try r.int32s(m, "the heads")
    for (k, t) in targets.enumerated() where t < 0 || Int(t) >= n {
      throw r.error("arc \(k) points to node \(t), not one of the \(n) nodes")
    }
    try r.pad()
    let trust = try r.doubles(m, "the trusts")
    for (k, w) in trust.enumerated() where !(w.isFinite && w >= 0) {
      throw r.error("arc \(k) has trust \(w), not a finite number ≥ 0")
    }
    let ids = try r.stringTable(n, "node ids")
    let labels = try r.stringTable(n, "node labels")
    try r.end()
    let offsets = rawOffsets.map { Int($0) }
    let adjacency = Adjacency(
      nodeCount: n, directed: directed, offsets: offsets, targets: targets, trust: trust)
    let computed = data.withUnsafeBytes { raw in
      var h = FNV1a64()
      h.add(PackedNetwork.hashPrefix(adjacency))
      h.add(UnsafeRawBufferPointer(rebasing: raw[contentStart...]))
      return h.value
    }
    guard computed == stored else {
      throw FormatError(
        file: file, line: 1, column: 1,
        "this packed network is damaged: its content hash is \(hex(computed)), but its header says \(hex(stored)); write it again"
      )
    }
    self.adjacency = adjacency
    self.ids = ids
    self.labels = labels
    self.settings = settings
    contentHash = stored
  }

  /// The network the file holds: its nodes with their ids and labels, and one tie per arc
  /// (undirected ties once) carrying the packed trust (none when it was packed without trust;
  /// ``Network/trustType`` `.integer` when every trust is a whole number). Layers, attributes
  /// and the type of the ids (``Network/nodeIDType``, `.string` here) are not packed: the ties
  /// are those the selection named in ``settings`` chose.
  ///
  /// - Throws: ``FormatError`` when two nodes have one id.
  public func network(file: String) throws(FormatError) -> Network {
    var net = Network(directed: adjacency.isDirected)
    for (id, label) in zip(ids, labels) {
      do {
        try net.addNode(Node(id: id, label: label == id ? nil : label))
      } catch {
        throw FormatError(
          file: file, line: 1, column: 1,
          "this packed network is damaged: the id '\(FormatError.excerpt(id))' names two nodes; write it again"
        )
      }
    }
    let a = adjacency
    // Packed without trust, every arc holds 1: the ties get none, as in the original file.
    let untrusted = settings.contains {
      $0.name == "weight" && $0.value == PackedNetwork.unweightedSetting
    }
    for v in 0..<a.nodeCount {
      for k in a.outOffsets[v]..<a.outOffsets[v + 1] {
        let w = Int(a.outTargets[k])
        if !a.isDirected && w <= v { continue }
        net.addTie(Tie(source: v, target: w, trust: untrusted ? nil : a.outTrust[k]))
      }
    }
    // The type of the trust is not packed: whole numbers (counts, a 1-5 scale) are written back
    // as integers, as they were read.
    if !untrusted && a.outTrust.allSatisfy(Network.isWholeTrust) {
      net.trustType = .integer
    }
    // The sign a signed network was packed with (`sign: negative (...)`).
    if let sign = settings.first(where: { $0.name == "sign" }) {
      net.tieSign = TieSign(rawValue: String(sign.value.prefix { $0 != " " }))
    }
    if !settings.isEmpty {
      net.readNotes.append(
        "a packed network, its ties selected when packed (\(settings.map { "\($0.name): \($0.value)" }.joined(separator: "; ")))"
      )
    }
    return net
  }
}

/// A 64-bit hash as 16 hex digits.
func hex(_ x: UInt64) -> String {
  let s = String(x, radix: 16)
  return String(repeating: "0", count: 16 - s.count) + s
}

extension Network {
  /// Reads a `.bbn` file as a network (see ``PackedNetwork/network(file:)``); a direction asked
  /// for that the file was not packed with is an error, as the ties were merged for it.
  static func readPacked(_ path: String, options: ReadOptions) throws(FormatError) -> Network {
    let packed = try PackedNetwork(contentsOf: path)
    if let asked = options.directed, asked != packed.adjacency.isDirected {
      throw FormatError(
        file: path, line: 1, column: 1,
        "this network was packed as \(packed.adjacency.isDirected ? "directed" : "undirected"); pack it again from the original file to read it as \(asked ? "directed" : "undirected")"
      )
    }
    if options.nodeTable != nil {
      throw FormatError(
        file: path, line: 1, column: 1,
        "a packed network holds its nodes; a node table is for a CSV tie table")
    }
    return try packed.network(file: path)
  }
}
