import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The text of an input as UTF-8, delivered in blocks, so that a reader holds a window of the
/// file rather than the whole of it.
///
/// A file in UTF-8 (with or without a byte-order mark) is read from disk ``blockSize`` bytes at a
/// time and checked as it goes: an invalid byte or a NUL is an error at its line and column. A file
/// in another encoding (UTF-16 with a byte-order mark, ISO-8859-1 or Windows-1252 that a GraphML
/// file declares, or any ``TextEncoding`` the caller names) is decoded whole first, then delivered
/// the same way.
///
/// Offsets are counted in bytes of the UTF-8 text, from 0 at its first byte (after any byte-order
/// mark); ``location(of:)`` turns one into a line and column by reading the text again up to it,
/// which is done only to report an error.
final class TextInput {
  /// How much is read from the file at a time, by default.
  static let blockSize = 1 << 16
  /// How much this input reads at a time (small sizes are for tests of block boundaries).
  let blockSize: Int

  let file: String
  private let xml: Bool
  /// The encoding the caller named (UTF-8 unless said otherwise).
  let encoding: TextEncoding
  private var fd: Int32 = -1
  /// The raw bytes, when the input came from memory, and how far they have been read.
  private var rawData: [UInt8]?
  private var rawCursor = 0
  /// The whole text as UTF-8, when the input had to be decoded first.
  private var memory: [UInt8]?
  /// Raw bytes read but not yet delivered (the first block, or an incomplete UTF-8 sequence).
  private var pending: [UInt8] = []
  private var rawAtEnd = false
  /// Bytes of the byte-order mark at the start of the file.
  private var bomLength = 0
  /// Bytes of text delivered so far: the offset of the next byte.
  private(set) var delivered = 0
  /// The size of the input in bytes, when known before reading it.
  private(set) var size: Int?

  /// Opens a file; a missing file, a folder or an unreadable file is an error naming it.
  init(
    path: String, file: String? = nil, xml: Bool = false, encoding: TextEncoding = .utf8,
    blockSize: Int = TextInput.blockSize
  ) throws(FormatError) {
    self.file = file ?? path
    self.blockSize = blockSize
    self.xml = xml
    self.encoding = encoding
    var st = stat()
    guard stat(path, &st) == 0 else {
      throw FormatError(file: self.file, line: 0, column: 0, "no such file")
    }
    guard (st.st_mode & S_IFMT) != S_IFDIR else {
      throw FormatError(file: self.file, line: 0, column: 0, "this is a folder; expected a file")
    }
    size = Int(st.st_size)
    fd = open(path, O_RDONLY)
    guard fd >= 0 else {
      throw FormatError(file: self.file, line: 0, column: 0, "the file cannot be read")
    }
    try start()
  }

  /// Text already in memory, checked and delivered as a file's would be.
  init(
    data: Data, file: String, xml: Bool = false, encoding: TextEncoding = .utf8,
    blockSize: Int = TextInput.blockSize
  ) throws(FormatError) {
    self.file = file
    self.blockSize = blockSize
    self.xml = xml
    self.encoding = encoding
    rawData = [UInt8](data)
    size = data.count
    try start()
  }

  /// Text already in memory as bytes, taken as they are (no copy of the whole, as from `Data`).
  init(
    bytes: [UInt8], file: String, xml: Bool = false, encoding: TextEncoding = .utf8,
    blockSize: Int = TextInput.blockSize
  ) throws(FormatError) {
    self.file = file
    self.blockSize = blockSize
    self.xml = xml
    self.encoding = encoding
    rawData = bytes
    size = bytes.count
    try start()
  }

  deinit { if fd >= 0 { close(fd) } }

  /// Reads raw bytes into `pending`; false at the end of the input.
  private func readRaw(_ count: Int) throws(FormatError) -> Bool {
    guard !rawAtEnd else { return false }
    if let rawData {
      let n = Swift.min(count, rawData.count - rawCursor)
      pending.append(contentsOf: rawData[rawCursor..<(rawCursor + n)])
      rawCursor += n
      if rawCursor == rawData.count { rawAtEnd = true }
      return n > 0
    }
    let old = pending.count
    pending.append(contentsOf: repeatElement(0, count: count))
    var got = 0
    var failure: Int32 = 0
    pending.withUnsafeMutableBytes { buf in
      while got < count {
        let r = read(fd, buf.baseAddress! + old + got, count - got)
        if r < 0 {
          if errno == EINTR { continue }
          failure = errno
          return
        }
        if r == 0 { break }
        got += r
      }
    }
    pending.removeLast(count - got)
    if failure != 0 {
      throw FormatError(
        file: file, line: 1, column: 1,
        "the file cannot be read: \(String(cString: strerror(failure)))")
    }
    if got < count { rawAtEnd = true }
    return got > 0
  }

  /// Reads the start of the input: a byte-order mark, an XML encoding declaration, UTF-16
  /// without a mark, or the encoding the caller named.
  private func start() throws(FormatError) {
    // Enough of the start to see a byte-order mark and an XML declaration.
    while pending.count < 256, try readRaw(blockSize) {}
    let utf8Mark = pending.starts(with: [0xEF, 0xBB, 0xBF])
    let utf16Mark = pending.starts(with: [0xFF, 0xFE]) || pending.starts(with: [0xFE, 0xFF])
    if (utf8Mark && encoding != .utf8) || (utf16Mark && encoding != .utf8 && encoding != .utf16) {
      throw FormatError(
        file: file, line: 1, column: 1,
        "the file starts with a \(utf8Mark ? "UTF-8" : "UTF-16") byte-order mark, so it is not in \(encoding.rawValue) as was said; read it without naming an encoding (leave out --encoding)"
      )
    }
    if utf8Mark {
      bomLength = 3
      pending.removeFirst(3)
      return
    }
    if utf16Mark || encoding != .utf8 {
      // Another encoding: decode the whole file, then deliver its UTF-8.
      while try readRaw(blockSize) {}
      // Text that is valid UTF-8 with characters beyond ASCII is UTF-8: read as a single-byte
      // encoding, each such character would become two or three ('Å' as 'Ã…'), with no error.
      if !utf16Mark, encoding == .windows1252 || encoding == .latin1,
        let first = pending.firstIndex(where: { $0 >= 0x80 }),
        String(data: Data(pending), encoding: .utf8) != nil
      {
        let lineStart = pending[..<first].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let line = pending[..<first].lazy.filter { $0 == 0x0A }.count + 1
        var end = first + 1
        while end < pending.count && pending[end] & 0xC0 == 0x80 { end += 1 }
        let character = String(decoding: pending[first..<end], as: UTF8.self)
        let misread = (try? encoding.decode(Array(pending[first..<end]), file: file)).map {
          String(decoding: $0, as: UTF8.self)
        }
        throw FormatError(
          file: file, line: line,
          column: String(decoding: pending[lineStart..<first], as: UTF8.self).count + 1,
          "the file reads as UTF-8 ('\(character)' here\(misread.map { ", which \(encoding.rawValue) would read as '\($0)'" } ?? "")), so it is not in \(encoding.rawValue) as was said; read it without naming an encoding (leave out --encoding)"
        )
      }
      memory = try (utf16Mark ? .utf16 : encoding).decode(pending, file: file)
      pending = []
      return
    }
    guard xml, let declared = declaredEncoding(Array(pending.prefix(256))) else { return }
    if ["utf-8", "utf8", "us-ascii", "ascii"].contains(declared.lowercased()) { return }
    while try readRaw(blockSize) {}
    let text = try decodeText(Data(pending), file: file, fallbackEncoding: declared, xml: xml)
    pending = []
    memory = Array(text.utf8)
  }

  /// Appends the next block of text to `window`; false when the text has ended.
  func append(to window: inout [UInt8]) throws(FormatError) -> Bool {
    if let memory {
      guard delivered < memory.count else { return false }
      let n = Swift.min(blockSize, memory.count - delivered)
      window.append(contentsOf: memory[delivered..<(delivered + n)])
      delivered += n
      return true
    }
    if pending.count < blockSize { _ = try readRaw(blockSize) }
    guard !pending.isEmpty else { return false }
    // Deliver up to the end of the last complete character; an incomplete one waits for the
    // next block (or is an error at the end of the file).
    var complete = completePrefix()
    while complete == 0 && !rawAtEnd {
      _ = try readRaw(blockSize)
      complete = completePrefix()
    }
    let valid = pending.withUnsafeBufferPointer { buf in
      String(validating: UnsafeBufferPointer(rebasing: buf[0..<complete]), as: UTF8.self) != nil
    }
    let nul = pending[0..<complete].firstIndex(of: 0)
    if (!valid || nul != nil) && delivered == 0 {
      // Text in UTF-16 without a byte-order mark has a NUL in every other byte.
      let head = Array(pending.prefix(64))
      let odd = stride(from: 1, to: head.count, by: 2).filter { head[$0] == 0 }.count
      let even = stride(from: 0, to: head.count, by: 2).filter { head[$0] == 0 }.count
      if head.count >= 4, max(odd, even) * 2 >= head.count - 1, min(odd, even) == 0 {
        throw FormatError(
          file: file, line: 1, column: 1,
          xml
            ? "the file looks like UTF-16 without a byte-order mark; save it as UTF-8 (or as UTF-16 with a byte-order mark)"
            : "the file looks like UTF-16 without a byte-order mark; read it with --encoding utf-16 (or save it as UTF-8)"
        )
      }
    }
    if !valid { try reportInvalid(upTo: complete) }
    // XML allows no control character but tab, line feed and carriage return (XML 1.0's Char):
    // expat, and so networkx and igraph, refuse the file at the first; read, one would make
    // names no one typed (an attribute 'labels\u{13}').
    let control =
      xml
      ? pending[0..<complete].firstIndex { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
      : nil
    if let control, control < (nul ?? Int.max) {
      let (l, c) = location(of: delivered + control)
      throw FormatError(
        file: file, line: l, column: c,
        "the file contains the control character U+\(String(format: "%04X", pending[control])), which XML does not allow (XML 1.0; expat, which networkx and igraph read with, refuses the file); remove it, or write it as text"
      )
    }
    if let nul {
      let (l, c) = location(of: delivered + nul)
      throw FormatError(
        file: file, line: l, column: c, "the file contains a NUL byte; expected text")
    }
    window.append(contentsOf: pending[0..<complete])
    pending.removeFirst(complete)
    delivered += complete
    return true
  }

  /// How many bytes of `pending` end with a whole character (all of them at the end of the input).
  private func completePrefix() -> Int {
    guard !rawAtEnd else { return pending.count }
    var k = pending.count - 1
    while k >= 0 && pending.count - k <= 4 && pending[k] & 0xC0 == 0x80 { k -= 1 }
    guard k >= 0 else { return pending.count }
    return k + max(1, utf8SequenceLength(pending[k])) > pending.count ? k : pending.count
  }

  /// Throws at the first byte of `pending[0..<count]` that is not valid UTF-8.
  private func reportInvalid(upTo count: Int) throws(FormatError) {
    let at = firstInvalidUTF8(pending[0..<count]) ?? count
    let (l, c) = location(of: delivered + at)
    guard at < count else {
      throw FormatError(file: file, line: l, column: c, "the file is not valid UTF-8")
    }
    throw FormatError(
      file: file, line: l, column: c,
      invalidUTF8Message(pending[at], xml: xml, encodingOption: !xml))
  }

  /// Up to `count` bytes of the text from `offset`, read again (from the file or from memory).
  func text(from offset: Int, count: Int) -> [UInt8] {
    if let memory {
      let s = Swift.min(offset, memory.count)
      return Array(memory[s..<Swift.min(memory.count, s + count)])
    }
    if let rawData {
      let s = Swift.min(bomLength + offset, rawData.count)
      return Array(rawData[s..<Swift.min(rawData.count, s + count)])
    }
    var out = [UInt8](repeating: 0, count: count)
    var got = 0
    out.withUnsafeMutableBytes { buf in
      while got < count {
        let r = pread(fd, buf.baseAddress! + got, count - got, off_t(bomLength + offset + got))
        if r < 0 {
          if errno == EINTR { continue }
          break
        }
        if r == 0 { break }
        got += r
      }
    }
    out.removeLast(count - got)
    return out
  }

  /// Lines and columns of several offsets, in the order given, found in one pass over the text
  /// up to the last of them.
  func locations(of offsets: [Int]) -> [(line: Int, column: Int)] {
    let order = offsets.indices.sorted { offsets[$0] < offsets[$1] }
    var out = [(line: Int, column: Int)](repeating: (1, 1), count: offsets.count)
    var counter = LineCounter()
    var at = 0
    var next = 0  // in `order`
    while next < order.count {
      while next < order.count && offsets[order[next]] <= at {
        out[order[next]] = (counter.line, counter.column)
        next += 1
      }
      guard next < order.count else { break }
      let chunk = text(from: at, count: Swift.min(1 << 20, offsets[order[next]] - at))
      if chunk.isEmpty { break }
      for b in chunk { counter.advance(b) }
      at += chunk.count
    }
    while next < order.count {
      out[order[next]] = (counter.line, counter.column)
      next += 1
    }
    return out
  }

  /// Line and column (from 1; columns in characters) of an offset in the text.
  func location(of offset: Int) -> (line: Int, column: Int) {
    locations(of: [offset])[0]
  }
}

/// Counts lines and columns byte by byte: a line ends at LF, at CR (as classic Mac OS ended
/// them), or at CR and LF together; columns count characters (bytes that do not continue a
/// UTF-8 sequence).
struct LineCounter {
  var line = 1
  var column = 1
  private var afterCR = false

  mutating func advance(_ b: UInt8) {
    if b == 0x0A {
      if !afterCR {
        line += 1
        column = 1
      }
      afterCR = false
    } else if b == 0x0D {
      line += 1
      column = 1
      afterCR = true
    } else {
      afterCR = false
      if b & 0xC0 != 0x80 { column += 1 }
    }
  }
}

/// The encoding an XML declaration at the start of `head` names (`encoding="…"`, the name made
/// of letters, digits, '.', '_' and '-'), or nil. A declaration may follow one stray byte.
func declaredEncoding(_ head: [UInt8]) -> String? {
  let mark = Array("<?xml".utf8)
  guard
    let start = [0, 1].first(where: {
      head.count >= $0 + mark.count && Array(head[$0..<($0 + mark.count)]) == mark
    })
  else { return nil }
  var end = start + mark.count
  while end + 1 < head.count
    && !(head[end] == UInt8(ascii: "?") && head[end + 1] == UInt8(ascii: ">"))
  { end += 1 }
  guard end + 1 < head.count else { return nil }
  let decl = Array(head[start..<end])
  let word = Array("encoding".utf8)
  func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
  func isNameByte(_ b: UInt8) -> Bool {
    (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)
      || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
  }
  var i = 0
  while i + word.count <= decl.count {
    defer { i += 1 }
    guard Array(decl[i..<(i + word.count)]) == word else { continue }
    var j = i + word.count
    while j < decl.count && isSpace(decl[j]) { j += 1 }
    guard j < decl.count, decl[j] == UInt8(ascii: "=") else { continue }
    j += 1
    while j < decl.count && isSpace(decl[j]) { j += 1 }
    guard j < decl.count, decl[j] == UInt8(ascii: "\"") || decl[j] == UInt8(ascii: "'") else {
      continue
    }
    j += 1
    let nameStart = j
    while j < decl.count && isNameByte(decl[j]) { j += 1 }
    guard j > nameStart, j < decl.count,
      decl[j] == UInt8(ascii: "\"") || decl[j] == UInt8(ascii: "'")
    else { continue }
    return String(decoding: decl[nameStart..<j], as: UTF8.self)
  }
  return nil
}
