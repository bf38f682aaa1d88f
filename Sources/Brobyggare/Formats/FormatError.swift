import Foundation

/// Bad data in an input file: where it is (file, line, column, all counted from 1) and what
/// was expected. Its description is `FILE:LINE:COLUMN: error: MESSAGE`, the form compilers use,
/// so editors can jump to the place.
public struct FormatError: Error, Equatable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int
  public var message: String

  public init(file: String = "<input>", line: Int, column: Int, _ message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
  }

  public var description: String { "\(file):\(line):\(column): error: \(message)" }
}

/// Decodes input bytes to text: UTF-8 with or without a byte-order mark, UTF-16 with one, or
/// a single-byte encoding a caller names (ISO-8859-1, Windows-1252; see ``TextEncoding``). Invalid UTF-8 is an error
/// at the first bad byte, not a silent replacement.
func decodeText(_ data: Data, file: String, fallbackEncoding: String? = nil, xml: Bool = false) throws(FormatError) -> String {
  let bytes = [UInt8](data)
  if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
    return try decodeUTF8(bytes[3...], file: file, xml: xml)
  }
  if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
    return String(decoding: try TextEncoding.utf16.decode(bytes, file: file), as: UTF8.self)
  }
  if let enc = fallbackEncoding?.lowercased() {
    switch enc {
    case "iso-8859-1", "latin-1", "latin1", "iso8859-1", "iso_8859-1":
      return String(decoding: try TextEncoding.latin1.decode(bytes, file: file), as: UTF8.self)
    case "windows-1252", "cp1252":
      return String(decoding: try TextEncoding.windows1252.decode(bytes, file: file), as: UTF8.self)
    case "utf-8", "utf8", "us-ascii", "ascii": break
    default:
      throw FormatError(file: file, line: 1, column: 1, "the encoding '\(fallbackEncoding!)' is not supported; expected UTF-8, UTF-16, ISO-8859-1 or Windows-1252")
    }
  }
  return try decodeUTF8(bytes[...], file: file, xml: xml)
}

private func decodeUTF8(_ bytes: ArraySlice<UInt8>, file: String, xml: Bool) throws(FormatError) -> String {
  if let s = String(validating: bytes, as: UTF8.self) {
    if let nul = s.utf8.firstIndex(of: 0) {
      let (l, c) = lineColumn(in: s, utf8Offset: s.utf8.distance(from: s.utf8.startIndex, to: nul))
      // Text in UTF-16 without a byte-order mark has a NUL in every other byte.
      let head = Array(bytes.prefix(64))
      let odd = stride(from: 1, to: head.count, by: 2).filter { head[$0] == 0 }.count
      let even = stride(from: 0, to: head.count, by: 2).filter { head[$0] == 0 }.count
      if head.count >= 4, max(odd, even) * 2 >= head.count - 1, min(odd, even) == 0 {
        throw FormatError(file: file, line: 1, column: 1, "the file looks like UTF-16 without a byte-order mark; save it as UTF-8 (or as UTF-16 with a byte-order mark)")
      }
      throw FormatError(file: file, line: l, column: c, "the file contains a NUL byte; expected text")
    }
    return s
  }
  // Say where the first invalid byte is.
  let at = firstInvalidUTF8(bytes) ?? bytes.endIndex
  var line = 1, column = 1
  for b in bytes[bytes.startIndex..<at] {
    if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
  }
  guard at < bytes.endIndex else { throw FormatError(file: file, line: line, column: column, "the file is not valid UTF-8") }
  throw FormatError(file: file, line: line, column: column, invalidUTF8Message(bytes[at], xml: xml))
}

/// The length of the UTF-8 sequence a byte starts: 1 to 4, or 0 for a byte that starts none.
func utf8SequenceLength(_ b: UInt8) -> Int {
  b < 0x80 ? 1 : b >> 5 == 0b110 ? 2 : b >> 4 == 0b1110 ? 3 : b >> 3 == 0b11110 ? 4 : 0
}

/// The index of the first byte that is not part of valid UTF-8, or `nil` when all are.
func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
  var i = bytes.startIndex
  while i < bytes.endIndex {
    let len = utf8SequenceLength(bytes[i])
    if len == 0 || i + len > bytes.endIndex || String(validating: bytes[i..<(i + len)], as: UTF8.self) == nil { return i }
    i += len
  }
  return nil
}

/// What to say of an invalid UTF-8 byte: how to declare the encoding in XML; for the tables and
/// edge lists, which take `--encoding`, that Windows-1252 is the likely one (Excel on Windows
/// saves "CSV" in it, "CSV (semicolon)" on Swedish Windows among them).
func invalidUTF8Message(_ b: UInt8, xml: Bool, encodingOption: Bool = false) -> String {
  String(format: "byte 0x%02X is not valid UTF-8; ", b) + (xml
    ? "save the file as UTF-8 or declare its encoding (<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>)"
    : encodingOption
    ? "a file saved by Excel on Windows is likely in Windows-1252: read it with --encoding windows-1252 (or save it as UTF-8)"
    : "save the file as UTF-8")
}

/// Line and column (1-based, columns in characters) of a UTF-8 offset.
func lineColumn(in s: String, utf8Offset: Int) -> (Int, Int) {
  var line = 1, col = 1
  var seen = 0
  for ch in s.unicodeScalars {
    if seen >= utf8Offset { break }
    seen += String(ch).utf8.count
    if ch == "\n" { line += 1; col = 1 } else { col += 1 }
  }
  return (line, col)
}

/// Infers the narrowest type that fits every non-empty value of a column: integer, then
/// double, then boolean (`true`/`false` only), else string.
func inferType(_ values: [String?], decimalComma: Bool) -> AttributeType {
  var sawAny = false
  var isInt = true, isDouble = true, isBool = true
  for case let v? in values where !v.isEmpty {
    sawAny = true
    let t = trimmingWhitespace(v, newlines: false)
    // Only canonical integers: "007" or "+3" stay text so that writing them back loses nothing.
    if isInt && (Int(t).map { String($0) != t } ?? true) { isInt = false }
    if isDouble && !isInt && parseDouble(t, decimalComma: decimalComma) == nil { isDouble = false }
    if isBool {
      let l = t.lowercased()
      if l != "true" && l != "false" { isBool = false }
    }
    if !isInt && !isDouble && !isBool { break }
  }
  if !sawAny { return .string }
  if isInt { return .integer }
  if isDouble { return .double }
  if isBool { return .boolean }
  return .string
}
