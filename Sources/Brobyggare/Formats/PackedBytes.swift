import Foundation

/// Little-endian binary writing and bounds-checked reading for Brobyggare's own packed files
/// (`.bbn` networks, `.bbs` shard parts).
///
/// Implementation goals, in order: a corrupt or truncated file is a ``FormatError`` naming the
/// byte where it went wrong, never a crash and never an allocation larger than the file itself
/// (every count is checked against the bytes left before anything is allocated); numbers are
/// read with unaligned loads from one read of the file, so a task reads a large network in the
/// time its disk takes.
struct PackedWriter {
  var data = Data()

  mutating func u32(_ x: UInt32) {
    withUnsafeBytes(of: x.littleEndian) { data.append(contentsOf: $0) }
  }
  mutating func u64(_ x: UInt64) {
    withUnsafeBytes(of: x.littleEndian) { data.append(contentsOf: $0) }
  }
  mutating func int(_ x: Int) { u64(UInt64(x)) }
  mutating func double(_ x: Double) { u64(x.bitPattern) }

  /// Many 64-bit words at once (offsets, trusts), little-endian.
  mutating func words<C: Collection>(_ xs: C, _ word: (C.Element) -> UInt64) {
    var chunk = [UInt64]()
    chunk.reserveCapacity(Swift.min(xs.count, 1 << 16))
    for x in xs {
      chunk.append(word(x).littleEndian)
      if chunk.count == 1 << 16 {
        chunk.withUnsafeBytes { data.append(contentsOf: $0) }
        chunk.removeAll(keepingCapacity: true)
      }
    }
    chunk.withUnsafeBytes { data.append(contentsOf: $0) }
  }

  mutating func int32s(_ xs: [Int32]) {
    xs.map { UInt32(bitPattern: $0).littleEndian }.withUnsafeBytes { data.append(contentsOf: $0) }
  }

  /// Zero bytes up to the next multiple of 8, so that the arrays after stay aligned.
  mutating func pad() { while data.count % 8 != 0 { data.append(0) } }

  /// A string as its UTF-8 length and bytes.
  mutating func string(_ s: String) {
    int(s.utf8.count)
    data.append(contentsOf: Array(s.utf8))
  }

  /// Strings as n + 1 offsets into one block of UTF-8 bytes, then the block, padded.
  mutating func stringTable(_ strings: [String]) {
    var offset = 0
    var offsets = [UInt64](repeating: 0, count: strings.count + 1)
    for (i, s) in strings.enumerated() {
      offset += s.utf8.count
      offsets[i + 1] = UInt64(offset)
    }
    words(offsets) { $0 }
    for s in strings { data.append(contentsOf: Array(s.utf8)) }
    pad()
  }
}

/// Reads what ``PackedWriter`` wrote, every count checked against the bytes that are left.
struct PackedReader {
  let data: Data
  let file: String
  /// What the file is, for messages ("packed network", "shard part").
  let kind: String
  var position = 0

  init(_ data: Data, file: String, kind: String) {
    // A slice would index from its own start: the reader counts from 0.
    self.data = data.startIndex == 0 ? data : Data(data)
    self.file = file
    self.kind = kind
  }

  var remaining: Int { data.count - position }

  /// Reads the file's start, its `magic` and format version, refusing another kind of file or
  /// another version; `remake` says how to write one again (`pack it again with ...`).
  mutating func start(magic: [UInt8], version expected: UInt32, remake: String) throws(FormatError)
  {
    let name = String(decoding: magic, as: UTF8.self)
    // An empty file (a task that died before it wrote, a copy cut short) is said as such.
    guard !data.isEmpty else {
      throw FormatError(
        file: file, line: 1, column: 1, "the file is empty; expected a \(kind) (\(remake))")
    }
    guard data.count >= magic.count, data.prefix(magic.count).elementsEqual(magic) else {
      throw FormatError(
        file: file, line: 1, column: 1,
        "this is not a \(kind): it does not start with \(name) (\(remake))")
    }
    position = magic.count
    let version = try u32("the format version")
    guard version == expected else {
      throw FormatError(
        file: file, line: 1, column: 1,
        "this \(kind) has format version \(version), and this brobyggare reads version \(expected): write it again (\(remake))"
      )
    }
  }

  func error(_ message: String) -> FormatError {
    FormatError(
      file: file, line: 1, column: 1,
      "this \(kind) is damaged: \(message) (at byte \(position) of \(data.count)); write it again")
  }

  /// Checks that `count` items of `size` bytes are left (what is about to be allocated).
  func need(_ count: Int, of size: Int, _ what: String) throws(FormatError) {
    guard count >= 0, count <= remaining / size else {
      throw error(
        "\(what) says \(count) × \(size) bytes, but only \(remaining) bytes are left (truncated?)")
    }
  }

  mutating func bytes(_ count: Int, _ what: String) throws(FormatError) -> Data {
    try need(count, of: 1, what)
    defer { position += count }
    return data.subdata(in: position..<(position + count))
  }

  mutating func u32(_ what: String) throws(FormatError) -> UInt32 {
    try need(1, of: 4, what)
    defer { position += 4 }
    return UInt32(
      littleEndian: data.withUnsafeBytes {
        $0.loadUnaligned(fromByteOffset: position, as: UInt32.self)
      })
  }

  mutating func u64(_ what: String) throws(FormatError) -> UInt64 {
    try need(1, of: 8, what)
    defer { position += 8 }
    return UInt64(
      littleEndian: data.withUnsafeBytes {
        $0.loadUnaligned(fromByteOffset: position, as: UInt64.self)
      })
  }

  /// A count or index: at most `limit`.
  mutating func int(_ what: String, atMost limit: Int) throws(FormatError) -> Int {
    let x = try u64(what)
    guard x <= UInt64(limit) else {
      throw error("\(what) is \(x), more than \(limit) the file has room for")
    }
    return Int(x)
  }

  mutating func double(_ what: String) throws(FormatError) -> Double {
    Double(bitPattern: try u64(what))
  }

  /// `count` 64-bit words, after checking they are there.
  mutating func u64s(_ count: Int, _ what: String) throws(FormatError) -> [UInt64] {
    try need(count, of: 8, what)
    let start = position
    position += 8 * count
    return [UInt64](unsafeUninitializedCapacity: count) { out, initialized in
      data.withUnsafeBytes { raw in
        for i in 0..<count {
          out[i] = UInt64(
            littleEndian: raw.loadUnaligned(fromByteOffset: start + 8 * i, as: UInt64.self))
        }
      }
      initialized = count
    }
  }

  mutating func doubles(_ count: Int, _ what: String) throws(FormatError) -> [Double] {
    try need(count, of: 8, what)
    let start = position
    position += 8 * count
    return [Double](unsafeUninitializedCapacity: count) { out, initialized in
      data.withUnsafeBytes { raw in
        for i in 0..<count {
          out[i] = Double(
            bitPattern: UInt64(
              littleEndian: raw.loadUnaligned(fromByteOffset: start + 8 * i, as: UInt64.self)))
        }
      }
      initialized = count
    }
  }

  mutating func int32s(_ count: Int, _ what: String) throws(FormatError) -> [Int32] {
    try need(count, of: 4, what)
    let start = position
    position += 4 * count
    return [Int32](unsafeUninitializedCapacity: count) { out, initialized in
      data.withUnsafeBytes { raw in
        for i in 0..<count {
          out[i] = Int32(
            bitPattern: UInt32(
              littleEndian: raw.loadUnaligned(fromByteOffset: start + 4 * i, as: UInt32.self)))
        }
      }
      initialized = count
    }
  }

  /// Skips the zero bytes up to the next multiple of 8.
  mutating func pad() throws(FormatError) {
    let target = (position + 7) / 8 * 8
    guard target <= data.count else { throw error("the file ends inside padding (truncated?)") }
    for i in position..<target where data[i] != 0 {
      throw error("padding byte \(i) is \(data[i]), not 0")
    }
    position = target
  }

  mutating func string(_ what: String) throws(FormatError) -> String {
    let count = try int("the length of \(what)", atMost: remaining)
    guard let s = String(validating: try bytes(count, what), as: UTF8.self) else {
      throw error("\(what) is not UTF-8 text")
    }
    return s
  }

  /// `count` strings written by ``PackedWriter/stringTable(_:)``.
  mutating func stringTable(_ count: Int, _ what: String) throws(FormatError) -> [String] {
    let offsets = try u64s(count + 1, "the offsets of the \(what)")
    guard offsets.first == 0 else { throw error("the \(what) do not start at offset 0") }
    let total = offsets.last!
    guard total <= UInt64(remaining) else {
      throw error("the \(what) take \(total) bytes, but only \(remaining) are left (truncated?)")
    }
    let start = position
    var out: [String] = []
    out.reserveCapacity(count)
    var problem: String?
    data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
      for i in 0..<count {
        guard offsets[i] <= offsets[i + 1], offsets[i + 1] <= total else {
          problem = "the offsets of the \(what) go backwards at \(i)"
          return
        }
        let bytes = UnsafeRawBufferPointer(
          rebasing: raw[(start + Int(offsets[i]))..<(start + Int(offsets[i + 1]))])
        guard let s = String(validating: bytes.bindMemory(to: UInt8.self), as: UTF8.self) else {
          problem = "\(what) \(i) is not UTF-8 text"
          return
        }
        out.append(s)
      }
    }
    if let problem { throw error(problem) }
    position += Int(total)
    try pad()
    return out
  }

  /// Checks that nothing follows the last field.
  func end() throws(FormatError) {
    guard position == data.count else {
      throw error("\(data.count - position) bytes follow the end of the content")
    }
  }
}

/// FNV-1a, 64 bits (Fowler, Noll and Vo), taken a 64-bit little-endian word at a time (the
/// bytes left over one at a time): h = (h xor word) · 1099511628211 mod 2^64, from the
/// offset basis 14695981039346656037, with the high half of h folded into the low half after
/// each word and splitmix64's finaliser on the result. A stable hash of bytes, the same on
/// every machine and in every run (Swift's `Hasher` is seeded per process); a word per
/// multiplication hashes a large network in a tenth of the time a byte per multiplication
/// takes.
///
/// The fold and the finaliser are needed because a multiplication carries only upward: without
/// them, a change in a word's high bits (a trust's exponent, 5 to 1) changed only the hash's
/// top bits, and two packs whose trusts differed in 3 places shared a hash after some 200 tries
/// (format version 1 of packed networks and 2 of shard parts hashed so).
///
/// - Complexity: O(k) for k bytes.
struct FNV1a64 {
  private var state: UInt64 = 0xcbf2_9ce4_8422_2325
  static let prime: UInt64 = 0x0000_0100_0000_01b3

  /// The hash of the bytes added so far.
  var value: UInt64 {
    // splitmix64's finaliser (Steele, Lea and Flood 2014): every bit of the state moves every
    // bit of the hash.
    var z = state
    z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
    return z ^ (z >> 31)
  }

  mutating func add(_ bytes: UnsafeRawBufferPointer) {
    var h = state
    let words = bytes.count / 8
    if let base = bytes.baseAddress {
      for i in 0..<words {
        h =
          (h ^ UInt64(littleEndian: base.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)))
          &* FNV1a64.prime
        h ^= h >> 32
      }
    }
    for b in bytes[(8 * words)...] {
      h = (h ^ UInt64(b)) &* FNV1a64.prime
      h ^= h >> 32
    }
    state = h
  }

  mutating func add(_ data: Data) { data.withUnsafeBytes { add($0) } }
}

/// Reads a whole file in one read, mapped into memory where the system allows; a missing file or
/// a folder is a ``FormatError`` naming it.
func readWholeFile(_ path: String) throws(FormatError) -> Data {
  var isDir: ObjCBool = false
  guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
    throw FormatError(file: path, line: 0, column: 0, "no such file")
  }
  guard !isDir.boolValue else {
    throw FormatError(file: path, line: 0, column: 0, "this is a folder; expected a file")
  }
  do {
    return try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
  } catch {
    // A pipe cannot be mapped: read it as a stream.
    return try Network.load(path)
  }
}
