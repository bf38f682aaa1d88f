import Foundation

/// A ZIP archive in memory (PKWARE's APPNOTE 6.3), as Excel workbooks and Network Canvas
/// exports are: its entries listed from the central directory, one extracted by name.
///
/// Implementation goals, in order of priority:
/// 1. Bounded work and memory on hostile input: every size is checked against the archive's
///    length and against ``Limits`` before anything is allocated; an entry inflates to at most
///    the size its directory entry declares, so a zip bomb stops at the limit with an error
///    rather than filling memory. No force-unwrap, index or arithmetic on input can trap.
/// 2. Errors that say what: the entry, the offset, the limit.
/// 3. Enough of ZIP for the files people have: stored and deflated entries (methods 0 and 8),
///    one disk, no encryption, no ZIP64 (which only archives over 4 GB or 65,535 entries need).
///    Each entry's CRC-32 is checked.
final class ZIPArchive {
  /// The most an archive may hold and inflate to.
  struct Limits: Sendable {
    /// The most entries in the central directory.
    var entries = 10_000
    /// The most bytes one entry inflates to.
    var entryBytes = 200 << 20
    /// The most bytes all entries extracted from one archive inflate to, together.
    var totalBytes = 500 << 20
    /// The most bytes out per byte in for an entry of more than a mebibyte (a zip bomb
    /// inflates a thousand times and more; a spreadsheet's XML some tens of times).
    var ratio = 500
  }

  /// One entry of the central directory.
  struct Entry: Sendable {
    var name: String
    /// 0 stored, 8 deflated.
    var method: Int
    var flags: Int
    var crc32: UInt32
    var compressedSize: Int
    var uncompressedSize: Int
    var localHeaderOffset: Int
    var isDirectory: Bool { name.hasSuffix("/") }
  }

  let file: String
  let limits: Limits
  private let bytes: [UInt8]
  /// The entries in the order of the central directory.
  private(set) var entries: [Entry] = []
  private var byName: [String: Int] = [:]
  /// Where the central directory starts: no entry's data may reach into it.
  private var directoryStart = 0
  /// Bytes inflated so far, against ``Limits/totalBytes``.
  private var extracted = 0

  /// Whether data starts as a ZIP archive does (a local file header, or the end record of an
  /// empty archive).
  static func looksLike(_ data: Data) -> Bool {
    data.starts(with: [0x50, 0x4B, 0x03, 0x04]) || data.starts(with: [0x50, 0x4B, 0x05, 0x06])
  }

  /// Reads the central directory.
  ///
  /// - Throws: ``FormatError`` naming `file` when the data is not a ZIP archive, is cut short,
  ///   spans disks, is ZIP64, or lists more entries than ``Limits/entries``.
  /// - Complexity: O(n) in the size of the central directory.
  init(data: Data, file: String, limits: Limits = Limits()) throws(FormatError) {
    self.file = file
    self.limits = limits
    bytes = [UInt8](data)
    try readDirectory()
  }

  private func fail(_ message: String) -> FormatError {
    FormatError(file: file, line: 1, column: 1, message)
  }

  private func u16(_ at: Int) -> Int {
    guard at >= 0, at + 2 <= bytes.count else { return 0 }
    return Int(bytes[at]) | Int(bytes[at + 1]) << 8
  }

  private func u32(_ at: Int) -> Int {
    guard at >= 0, at + 4 <= bytes.count else { return 0 }
    return u16(at) | u16(at + 2) << 16
  }

  private func readDirectory() throws(FormatError) {
    // The end-of-central-directory record: 22 bytes and a comment of up to 65,535, at the end.
    let notZIP =
      "the file is not a ZIP archive (an .xlsx workbook is one); it may be an old .xls workbook, or another format with this extension"
    guard bytes.count >= 22 else {
      throw fail(
        ZIPArchive.looksLike(Data(bytes.prefix(4)))
          ? "the ZIP archive is cut short (\(bytes.count) bytes)" : notZIP)
    }
    var end: Int?
    var at = bytes.count - 22
    let lowest = max(0, bytes.count - 22 - 65_535)
    while at >= lowest {
      if bytes[at] == 0x50, bytes[at + 1] == 0x4B, bytes[at + 2] == 0x05, bytes[at + 3] == 0x06,
        at + 22 + u16(at + 20) <= bytes.count
      {
        end = at
        break
      }
      at -= 1
    }
    guard let end else {
      throw fail(
        ZIPArchive.looksLike(Data(bytes.prefix(4)))
          ? "the ZIP archive has no end record: it was cut short (saved or downloaded only in part)"
          : notZIP
      )
    }
    if end >= 20, u32(end - 20) == 0x0706_4B50 {
      throw fail(
        "the archive is ZIP64, which is not read (it is for archives over 4 GB or 65,535 entries); save the workbook smaller"
      )
    }
    let disk = u16(end + 4)
    let directoryDisk = u16(end + 6)
    let count = u16(end + 10)
    let total = u16(end + 8)
    let size = u32(end + 12)
    let offset = u32(end + 16)
    guard disk == 0, directoryDisk == 0, count == total else {
      throw fail("the archive spans several disks, which is not read; join it into one file")
    }
    if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
      throw fail(
        "the archive is ZIP64, which is not read (it is for archives over 4 GB or 65,535 entries); save the workbook smaller"
      )
    }
    guard count <= limits.entries else {
      throw fail("the archive lists \(count) entries; at most \(limits.entries) are read")
    }
    guard offset + size <= end else {
      throw fail(
        "the archive's central directory (\(size) bytes at offset \(offset)) does not fit before its end record at offset \(end): the file is damaged or cut short"
      )
    }
    directoryStart = offset
    var p = offset
    entries.reserveCapacity(count)
    for k in 0..<count {
      guard p + 46 <= end, u32(p) == 0x0201_4B50 else {
        throw fail("entry \(k + 1) of the central directory is damaged (no header at offset \(p))")
      }
      let nameLength = u16(p + 28)
      let extraLength = u16(p + 30)
      let commentLength = u16(p + 32)
      guard p + 46 + nameLength + extraLength + commentLength <= end else {
        throw fail("entry \(k + 1) of the central directory runs past its end: the file is damaged")
      }
      let name = String(decoding: bytes[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
      let entry = Entry(
        name: name, method: u16(p + 10), flags: u16(p + 8),
        crc32: UInt32(truncatingIfNeeded: u32(p + 16)),
        compressedSize: u32(p + 20), uncompressedSize: u32(p + 24), localHeaderOffset: u32(p + 42))
      if entry.compressedSize == 0xFFFF_FFFF || entry.uncompressedSize == 0xFFFF_FFFF
        || entry.localHeaderOffset == 0xFFFF_FFFF
      {
        throw fail("the entry '\(FormatError.excerpt(name))' is ZIP64, which is not read")
      }
      if u16(p + 34) != 0 {
        throw fail("the archive spans several disks, which is not read; join it into one file")
      }
      // Two entries of one name: readers disagree on which is meant (Python's zipfile takes
      // the last), so the archive is refused rather than read one way.
      if byName[name] != nil {
        throw fail(
          "the archive has two entries named '\(FormatError.excerpt(name))'; which one is meant is unclear"
        )
      }
      byName[name] = entries.count
      entries.append(entry)
      p += 46 + nameLength + extraLength + commentLength
    }
  }

  /// The entry of a name (the first, when a damaged archive names one twice).
  func entry(named name: String) -> Entry? {
    byName[name].map { entries[$0] }
  }

  /// An entry's bytes, inflated and checked against its CRC-32; `nil` when there is no entry of
  /// that name.
  ///
  /// - Throws: ``FormatError`` when the entry is encrypted, compressed other than stored or
  ///   deflated, damaged, larger than it declares, over a limit of ``Limits``, or when its
  ///   CRC-32 does not match.
  /// - Complexity: O(n) in the entry's size.
  func extract(_ name: String) throws(FormatError) -> Data? {
    try extractBytes(name).map { Data($0) }
  }

  /// The bytes of the entry of a name, as ``extract(_:)`` reads them, without a copy into `Data`
  /// (a sheet may be some hundred megabytes).
  func extractBytes(_ name: String) throws(FormatError) -> [UInt8]? {
    guard let e = entry(named: name) else { return nil }
    let what = "the entry '\(FormatError.excerpt(name))'"
    if e.flags & 1 != 0 || e.flags & 0x40 != 0 {
      throw fail("\(what) is encrypted; save the workbook without a password")
    }
    guard e.method == 0 || e.method == 8 else {
      throw fail(
        "\(what) is compressed with method \(e.method); only stored (0) and deflated (8) entries are read"
      )
    }
    guard e.uncompressedSize <= limits.entryBytes else {
      throw fail(
        "\(what) declares \(e.uncompressedSize) bytes; at most \(limits.entryBytes) bytes are read from one entry"
      )
    }
    guard extracted + e.uncompressedSize <= limits.totalBytes else {
      throw fail(
        "\(what) would bring what is read from the archive to more than \(limits.totalBytes) bytes, the limit"
      )
    }
    if e.uncompressedSize > 1 << 20, e.uncompressedSize / max(1, e.compressedSize) > limits.ratio {
      throw fail(
        "\(what) declares \(e.uncompressedSize) bytes from \(e.compressedSize) compressed, more than \(limits.ratio) times its size: a zip bomb, which is refused"
      )
    }
    let h = e.localHeaderOffset
    guard h + 30 <= directoryStart, u32(h) == 0x0403_4B50 else {
      throw fail("\(what) has no local header at offset \(h): the archive is damaged")
    }
    let start = h + 30 + u16(h + 26) + u16(h + 28)
    guard start + e.compressedSize <= directoryStart else {
      throw fail(
        "\(what) declares \(e.compressedSize) compressed bytes at offset \(start), past the end of the entries: the archive is damaged or cut short"
      )
    }
    let input = bytes[start..<(start + e.compressedSize)]
    let out: [UInt8]
    if e.method == 0 {
      guard e.compressedSize == e.uncompressedSize else {
        throw fail(
          "\(what) is stored, but declares \(e.compressedSize) bytes stored and \(e.uncompressedSize) bytes in all: the archive is damaged"
        )
      }
      out = Array(input)
    } else {
      do {
        out = try Inflate.inflate(input, limit: e.uncompressedSize)
      } catch {
        throw fail("\(what) cannot be inflated: \(error.reason)")
      }
      guard out.count == e.uncompressedSize else {
        throw fail(
          "\(what) inflates to \(out.count) bytes, but declares \(e.uncompressedSize): the archive is damaged"
        )
      }
    }
    guard CRC32.checksum(out) == e.crc32 else {
      throw fail("\(what) fails its CRC-32 check: the archive is damaged")
    }
    extracted += out.count
    return out
  }
}

/// CRC-32 as ZIP, gzip and PNG compute it (the reflected polynomial 0xEDB88320).
package enum CRC32 {
  static let table: [UInt32] = (0..<256).map { n -> UInt32 in
    var c = UInt32(n)
    for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    return c
  }

  /// Eight tables for slicing-by-8 (Kounavis & Berry 2005): `tables[k * 256 + b]` is the CRC
  /// of byte b followed by k zero bytes, so eight input bytes take eight lookups and no loop
  /// over bits; a byte at a time was a tenth of the time to read a large workbook.
  static let tables: [UInt32] = {
    var t = [UInt32](repeating: 0, count: 8 * 256)
    for n in 0..<256 { t[n] = table[n] }
    for k in 1..<8 {
      for n in 0..<256 {
        let prev = t[(k - 1) * 256 + n]
        t[k * 256 + n] = table[Int(prev & 0xFF)] ^ (prev >> 8)
      }
    }
    return t
  }()

  /// - Complexity: O(n).
  package static func checksum<C: Collection>(_ data: C) -> UInt32 where C.Element == UInt8 {
    if let c = data.withContiguousStorageIfAvailable({ checksum(buffer: $0) }) { return c }
    return Array(data).withUnsafeBufferPointer { checksum(buffer: $0) }
  }

  private static func checksum(buffer: UnsafeBufferPointer<UInt8>) -> UInt32 {
    var c: UInt32 = 0xFFFF_FFFF
    tables.withUnsafeBufferPointer { t in
      var i = 0
      let n = buffer.count
      while i + 8 <= n {
        let lo =
          c
          ^ (UInt32(buffer[i]) | UInt32(buffer[i + 1]) << 8 | UInt32(buffer[i + 2]) << 16
            | UInt32(buffer[i + 3]) << 24)
        let hi =
          UInt32(buffer[i + 4]) | UInt32(buffer[i + 5]) << 8 | UInt32(buffer[i + 6]) << 16
          | UInt32(buffer[i + 7]) << 24
        c =
          t[7 * 256 + Int(lo & 0xFF)] ^ t[6 * 256 + Int(lo >> 8 & 0xFF)]
          ^ t[5 * 256 + Int(lo >> 16 & 0xFF)] ^ t[4 * 256 + Int(lo >> 24)]
          ^ t[3 * 256 + Int(hi & 0xFF)] ^ t[2 * 256 + Int(hi >> 8 & 0xFF)]
          ^ t[256 + Int(hi >> 16 & 0xFF)] ^ t[Int(hi >> 24)]
        i += 8
      }
      while i < n {
        c = t[Int((c ^ UInt32(buffer[i])) & 0xFF)] ^ (c >> 8)
        i += 1
      }
    }
    return c ^ 0xFFFF_FFFF
  }
}

/// DEFLATE decompression (RFC 1951): stored, fixed and dynamic Huffman blocks.
///
/// Implementation goals, in order of priority: never more output than `limit`, never a read
/// past the input, never a trap on any input; then speed enough for spreadsheets of some
/// megabytes (a table lookup per Huffman code, not a bit at a time).
enum Inflate {
  struct Failure: Error { var reason: String }

  /// A canonical Huffman code as a table indexed by the next `bits` bits of input (least
  /// significant bit first): each entry is `symbol << 4 | length`, or 0 where no code fits.
  struct Code {
    var table: [UInt32]
    var bits: Int

    /// - Throws: when the lengths are over-subscribed (more codes than lengths allow).
    init(lengths: ArraySlice<UInt8>) throws(Failure) {
      var count = [Int](repeating: 0, count: 16)
      for l in lengths { count[Int(l)] += 1 }
      count[0] = 0
      var left = 1
      for len in 1...15 {
        left = left * 2 - count[len]
        if left < 0 { throw Failure(reason: "a Huffman code is over-subscribed") }
      }
      bits = max(1, (1...15).last { count[$0] > 0 } ?? 1)
      table = [UInt32](repeating: 0, count: 1 << bits)
      // The first code of each length, as RFC 1951 3.2.2 computes it.
      var first = [Int](repeating: 0, count: 16)
      var code = 0
      for len in 1...15 {
        code = (code + count[len - 1]) << 1
        first[len] = code
      }
      for (symbol, l) in lengths.enumerated() where l > 0 {
        let len = Int(l)
        let code = first[len]
        first[len] += 1
        // Reverse the code's bits: the input holds Huffman codes most significant bit first.
        var r = 0
        for b in 0..<len where code & (1 << b) != 0 { r |= 1 << (len - 1 - b) }
        let entry = UInt32(symbol) << 4 | UInt32(len)
        var k = r
        while k < table.count {
          table[k] = entry
          k += 1 << len
        }
      }
    }
  }

  private static let lengthBase: [Int] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
  ]
  private static let lengthExtra: [Int] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
  ]
  private static let distanceBase: [Int] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049,
    3073, 4097, 6145, 8193, 12289, 16385, 24577,
  ]
  private static let distanceExtra: [Int] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
  ]
  private static let codeLengthOrder: [Int] = [
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
  ]

  private static let fixed: (Code, Code) = {
    var l = [UInt8](repeating: 8, count: 288)
    for i in 144..<256 { l[i] = 9 }
    for i in 256..<280 { l[i] = 7 }
    // Fixed lengths are complete codes: building them cannot fail.
    let lit = (try? Code(lengths: l[...])) ?? Code.empty
    let dist = (try? Code(lengths: [UInt8](repeating: 5, count: 30)[...])) ?? Code.empty
    return (lit, dist)
  }()

  /// The bits of the input, least significant first.
  struct Bits {
    let input: ArraySlice<UInt8>
    var position: Int
    var buffer: UInt64 = 0
    var count = 0
    /// Zero bits added past the end of the input, so that a peek near the end can look ahead;
    /// consuming any of them means the input was cut short.
    var padding = 0

    init(_ input: ArraySlice<UInt8>) {
      self.input = input
      position = input.startIndex
    }

    mutating func fill(_ n: Int) {
      while count < n {
        if position < input.endIndex {
          buffer |= UInt64(input[position]) << UInt64(count)
          position += 1
        } else {
          padding += 8
        }
        count += 8
      }
    }

    mutating func drop(_ n: Int) throws(Failure) {
      buffer >>= UInt64(n)
      count -= n
      if count < padding {
        throw Failure(
          reason: "the compressed data ends early (the archive is cut short or damaged)")
      }
    }

    mutating func take(_ n: Int) throws(Failure) -> Int {
      guard n > 0 else { return 0 }
      fill(n)
      let v = Int(buffer & ((1 << UInt64(n)) - 1))
      try drop(n)
      return v
    }

    mutating func decode(_ code: Code) throws(Failure) -> Int {
      fill(code.bits)
      let entry = code.table[Int(buffer & ((1 << UInt64(code.bits)) - 1))]
      guard entry != 0 else {
        throw Failure(reason: "a Huffman code that the block's table does not hold")
      }
      try drop(Int(entry & 15))
      return Int(entry >> 4)
    }
  }

  /// Inflates raw DEFLATE data to at most `limit` bytes.
  ///
  /// - Throws: ``Failure`` when the data is damaged, cut short, or inflates past `limit`.
  /// - Complexity: O(n) in the output.
  static func inflate(_ input: ArraySlice<UInt8>, limit: Int) throws(Failure) -> [UInt8] {
    var out: [UInt8] = []
    // The declared size, within the archive's limits: a large sheet grows no copy at a time.
    out.reserveCapacity(min(limit, 256 << 20))
    var bits = Bits(input)
    func over() -> Failure {
      Failure(reason: "it inflates to more than the \(limit) bytes it declares")
    }
    var last = false
    while !last {
      last = try bits.take(1) == 1
      switch try bits.take(2) {
      case 0:
        // A stored block: from the next byte boundary, LEN and its complement, then LEN bytes.
        try bits.drop(bits.count % 8)
        let len = try bits.take(16)
        let nlen = try bits.take(16)
        guard len == ~nlen & 0xFFFF else {
          throw Failure(reason: "a stored block's length is damaged")
        }
        // Whole bytes still in the buffer come first.
        var n = len
        while n > 0, bits.count >= 8 {
          guard out.count < limit else { throw over() }
          out.append(UInt8(try bits.take(8)))
          n -= 1
        }
        guard bits.position + n <= input.endIndex else {
          throw Failure(reason: "a stored block runs past the end of the data")
        }
        guard out.count + n <= limit else { throw over() }
        out.append(contentsOf: input[bits.position..<(bits.position + n)])
        bits.position += n
      case 1:
        try inflateBlock(&bits, &out, fixed.0, fixed.1, limit: limit)
      case 2:
        let hlit = try bits.take(5) + 257
        let hdist = try bits.take(5) + 1
        let hclen = try bits.take(4) + 4
        guard hlit <= 286, hdist <= 30 else {
          throw Failure(reason: "a block declares too many codes")
        }
        var lengths = [UInt8](repeating: 0, count: 19)
        for k in 0..<hclen { lengths[codeLengthOrder[k]] = UInt8(try bits.take(3)) }
        let lengthCode = try Code(lengths: lengths[...])
        var all = [UInt8](repeating: 0, count: hlit + hdist)
        var k = 0
        while k < hlit + hdist {
          let sym = try bits.decode(lengthCode)
          var repeatValue: UInt8 = 0
          var times = 1
          switch sym {
          case 0...15: repeatValue = UInt8(sym)
          case 16:
            guard k > 0 else {
              throw Failure(reason: "a repeated code length has nothing to repeat")
            }
            repeatValue = all[k - 1]
            times = 3 + (try bits.take(2))
          case 17: times = 3 + (try bits.take(3))
          default: times = 11 + (try bits.take(7))
          }
          guard k + times <= hlit + hdist else {
            throw Failure(reason: "code lengths run past the codes declared")
          }
          for _ in 0..<times {
            all[k] = repeatValue
            k += 1
          }
        }
        guard all[256] != 0 else { throw Failure(reason: "a block has no end-of-block code") }
        let lit = try Code(lengths: all[0..<hlit])
        let dist = try Code(lengths: all[hlit...])
        try inflateBlock(&bits, &out, lit, dist, limit: limit)
      default:
        throw Failure(reason: "a block of the reserved type 3")
      }
    }
    return out
  }

  private static func inflateBlock(
    _ bits: inout Bits, _ out: inout [UInt8], _ lit: Code, _ dist: Code, limit: Int
  ) throws(Failure) {
    while true {
      let sym = try bits.decode(lit)
      if sym < 256 {
        guard out.count < limit else {
          throw Failure(reason: "it inflates to more than the \(limit) bytes it declares")
        }
        out.append(UInt8(sym))
        continue
      }
      if sym == 256 { return }
      let li = sym - 257
      guard li < lengthBase.count else { throw Failure(reason: "an invalid length code") }
      let length = lengthBase[li] + (try bits.take(lengthExtra[li]))
      let di = try bits.decode(dist)
      guard di < distanceBase.count else { throw Failure(reason: "an invalid distance code") }
      let distance = distanceBase[di] + (try bits.take(distanceExtra[di]))
      guard distance <= out.count else {
        throw Failure(reason: "a back-reference reaches before the start of the data")
      }
      guard out.count + length <= limit else {
        throw Failure(reason: "it inflates to more than the \(limit) bytes it declares")
      }
      var from = out.count - distance
      for _ in 0..<length {
        out.append(out[from])
        from += 1
      }
    }
  }
}

extension Inflate.Code {
  static let empty = Inflate.Code(table: [0, 0], bits: 1)
  private init(table: [UInt32], bits: Int) {
    self.table = table
    self.bits = bits
  }
}

/// A ZIP archive written with stored (uncompressed) entries, each with its CRC-32: what an
/// .xlsx workbook needs, and what every reader takes.
struct ZIPWriter {
  private var data: [UInt8] = []
  private var directory: [UInt8] = []
  private var count = 0

  private static func le16(_ v: Int, _ out: inout [UInt8]) {
    out.append(UInt8(v & 0xFF))
    out.append(UInt8((v >> 8) & 0xFF))
  }
  private static func le32(_ v: Int, _ out: inout [UInt8]) {
    for s in stride(from: 0, to: 32, by: 8) { out.append(UInt8((v >> s) & 0xFF)) }
  }

  /// Adds an entry. Names are UTF-8 (flag 11 set); the time is 1980-01-01 00:00, so that the
  /// same content makes the same file.
  ///
  /// - Precondition: the entry and the archive stay under 4 GB (no ZIP64).
  mutating func add(_ name: String, _ content: [UInt8]) {
    precondition(
      content.count < 0xFFFF_FFFF && data.count < 0xFFFF_FFFF,
      "a ZIP entry or archive over 4 GB needs ZIP64")
    let nameBytes = Array(name.utf8)
    let crc = Int(CRC32.checksum(content))
    let offset = data.count
    func header(_ out: inout [UInt8], central: Bool) {
      ZIPWriter.le32(central ? 0x0201_4B50 : 0x0403_4B50, &out)
      if central { ZIPWriter.le16(20, &out) }  // made by: version 2.0
      ZIPWriter.le16(20, &out)  // needed to extract: 2.0
      ZIPWriter.le16(0x0800, &out)  // UTF-8 names
      ZIPWriter.le16(0, &out)  // stored
      ZIPWriter.le16(0, &out)  // time 00:00
      ZIPWriter.le16(0x21, &out)  // date 1980-01-01
      ZIPWriter.le32(crc, &out)
      ZIPWriter.le32(content.count, &out)
      ZIPWriter.le32(content.count, &out)
      ZIPWriter.le16(nameBytes.count, &out)
      ZIPWriter.le16(0, &out)  // extra
      if central {
        ZIPWriter.le16(0, &out)  // comment
        ZIPWriter.le16(0, &out)  // disk
        ZIPWriter.le16(0, &out)  // internal attributes
        ZIPWriter.le32(0, &out)  // external attributes
        ZIPWriter.le32(offset, &out)
      }
      out += nameBytes
    }
    header(&data, central: false)
    data += content
    header(&directory, central: true)
    count += 1
  }

  /// The archive: the entries, the central directory and the end record.
  func finished() -> Data {
    var out = data
    let start = out.count
    out += directory
    ZIPWriter.le32(0x0605_4B50, &out)
    ZIPWriter.le16(0, &out)
    ZIPWriter.le16(0, &out)
    ZIPWriter.le16(count, &out)
    ZIPWriter.le16(count, &out)
    ZIPWriter.le32(directory.count, &out)
    ZIPWriter.le32(start, &out)
    ZIPWriter.le16(0, &out)
    return Data(out)
  }
}
