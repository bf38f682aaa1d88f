import Foundation

/// Bad data in an input file: where it is (file, line, column, all counted from 1) and what
/// was expected; or data a writer refuses (line and column 0: the output has no place yet). Its description is `FILE:LINE:COLUMN: error: MESSAGE`, the form compilers use,
/// so editors can jump to the place.
public struct FormatError: Error, Equatable, CustomStringConvertible {
  /// The file, as given (`<input>` when there is none).
  public var file: String
  /// The line of the problem, from 1.
  public var line: Int
  /// The column of the problem, from 1, counted in characters.
  public var column: Int
  /// What is wrong there and what was expected.
  public var message: String

  /// A message longer than `messageLimit` characters keeps its start and its end (where the
  /// advice is) with what was left out counted between them; readers quote input through
  /// `excerpt(_:)` and `list(_:quoted:)`, so this is only a last guard.
  public init(file: String = "<input>", line: Int, column: Int, _ message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.message = Self.bounded(message)
  }

  /// `FILE:LINE:COLUMN: error: MESSAGE`, or `FILE: error: MESSAGE` when the error has no place
  /// in the file (line 0: a file that is missing, a folder or unreadable, or a writer refusing
  /// what the format cannot hold).
  public var description: String {
    line > 0 ? "\(file):\(line):\(column): error: \(message)" : "\(file): error: \(message)"
  }

  /// The most characters of one piece of input a message quotes.
  package static let quoteLimit = 200
  /// The most items of a list a message shows.
  package static let listLimit = 20
  /// The most characters a message keeps (see ``init(file:line:column:_:)``).
  package static let messageLimit = 8_000

  /// A piece of input as a message quotes it: as it is when it has at most ``quoteLimit``
  /// characters, else its first ``quoteLimit`` characters, an ellipsis and its full length
  /// (`Lorem ipsum… (209715200 characters)`), so a huge header or id cannot flood the terminal.
  ///
  /// - Complexity: O(1) for short text; O(n) in the length of long text, to count it.
  package static func excerpt(_ text: some StringProtocol) -> String {
    if text.utf8.count <= quoteLimit { return String(text) }
    let head = text.prefix(quoteLimit)
    if head.endIndex == text.endIndex { return String(text) }
    return String(head) + "… (\(text.count) characters)"
  }

  /// Items as a message lists them: the first ``listLimit``, each through `excerpt(_:)` (and
  /// in single quotes when `quoted`), joined by `separator`, then `and N more`.
  ///
  /// - Complexity: O(k) in the length of the items shown, and O(1) in the number left out.
  package static func list<Items: Collection>(
    _ items: Items, quoted: Bool = false, separator: String = ", "
  )
    -> String where Items.Element: StringProtocol
  {
    var shown = items.prefix(listLimit).map { quoted ? "'\(excerpt($0))'" : excerpt($0) }
    if items.count > listLimit { shown.append("and \(items.count - listLimit) more") }
    return shown.joined(separator: separator)
  }

  /// `message` with its middle left out when it is longer than `messageLimit` characters.
  static func bounded(_ message: String) -> String {
    guard message.utf8.count > messageLimit else { return message }
    let total = message.count
    guard total > messageLimit else { return message }
    let head = message.prefix(messageLimit * 5 / 8)
    let tail = message.suffix(messageLimit / 4)
    return String(head) + " … (\(total - head.count - tail.count) characters left out) … "
      + String(tail)
  }
}

/// Decodes input bytes to text: UTF-8 with or without a byte-order mark, UTF-16 with one, or
/// a single-byte encoding a caller names (ISO-8859-1, Windows-1252; see ``TextEncoding``). Invalid UTF-8 is an error
/// at the first bad byte, not a silent replacement.
func decodeText(_ data: Data, file: String, fallbackEncoding: String? = nil, xml: Bool = false)
  throws(FormatError) -> String
{
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
      throw FormatError(
        file: file, line: 1, column: 1,
        "the encoding '\(fallbackEncoding!)' is not supported; expected UTF-8, UTF-16, ISO-8859-1 or Windows-1252"
      )
    }
  }
  return try decodeUTF8(bytes[...], file: file, xml: xml)
}

private func decodeUTF8(_ bytes: ArraySlice<UInt8>, file: String, xml: Bool) throws(FormatError)
  -> String
{
  if let s = String(validating: bytes, as: UTF8.self) {
    if let nul = s.utf8.firstIndex(of: 0) {
      let (l, c) = lineColumn(in: s, utf8Offset: s.utf8.distance(from: s.utf8.startIndex, to: nul))
      // Text in UTF-16 without a byte-order mark has a NUL in every other byte.
      let head = Array(bytes.prefix(64))
      let odd = stride(from: 1, to: head.count, by: 2).filter { head[$0] == 0 }.count
      let even = stride(from: 0, to: head.count, by: 2).filter { head[$0] == 0 }.count
      if head.count >= 4, max(odd, even) * 2 >= head.count - 1, min(odd, even) == 0 {
        throw FormatError(
          file: file, line: 1, column: 1,
          "the file looks like UTF-16 without a byte-order mark; save it as UTF-8 (or as UTF-16 with a byte-order mark)"
        )
      }
      throw FormatError(
        file: file, line: l, column: c, "the file contains a NUL byte; expected text")
    }
    return s
  }
  // Say where the first invalid byte is.
  let at = firstInvalidUTF8(bytes) ?? bytes.endIndex
  var counter = LineCounter()
  for b in bytes[bytes.startIndex..<at] { counter.advance(b) }
  let (line, column) = (counter.line, counter.column)
  guard at < bytes.endIndex else {
    throw FormatError(file: file, line: line, column: column, "the file is not valid UTF-8")
  }
  throw FormatError(file: file, line: line, column: column, invalidUTF8Message(bytes[at], xml: xml))
}

/// Refuses text that is UTF-8 in places and not in others: a file whose accented letters are
/// valid UTF-8 (`ö` as C3 B6) and which also holds a byte that is not, read whole as a
/// single-byte encoding, would turn every UTF-8 letter into two (`Björk` into `BjÃ¶rk`). Text
/// in Windows-1252 or ISO-8859-1 almost never holds a valid UTF-8 sequence of two bytes or
/// more, so a reader that falls back to one calls this first.
func refuseMixedUTF8(_ bytes: ArraySlice<UInt8>, file: String) throws(FormatError) {
  guard let bad = firstInvalidUTF8(bytes) else { return }
  var i = bytes.startIndex
  var firstValid: Int?
  while i < bytes.endIndex {
    let len = utf8SequenceLength(bytes[i])
    if len >= 2, i + len <= bytes.endIndex,
      String(validating: bytes[i..<(i + len)], as: UTF8.self) != nil
    {
      firstValid = i
      break
    }
    i += max(len, 1)
  }
  guard let valid = firstValid else { return }
  func place(_ k: Int) -> (Int, Int) {
    var counter = LineCounter()
    for b in bytes[bytes.startIndex..<k] { counter.advance(b) }
    return (counter.line, counter.column)
  }
  let (vl, vc) = place(valid)
  let (bl, bc) = place(bad)
  let letter = String(
    decoding: bytes[valid..<(valid + utf8SequenceLength(bytes[valid]))], as: UTF8.self)
  throw FormatError(
    file: file, line: bl, column: bc,
    String(format: "byte 0x%02X is not valid UTF-8, ", bytes[bad])
      + "but the file's '\(letter)' (line \(vl), column \(vc)) is UTF-8: read as Windows-1252 or ISO-8859-1, every UTF-8 letter would turn into two; save the file as UTF-8 (the byte here is likely a slip)"
  )
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
    if len == 0 || i + len > bytes.endIndex
      || String(validating: bytes[i..<(i + len)], as: UTF8.self) == nil
    {
      return i
    }
    i += len
  }
  return nil
}

/// What to say of an invalid UTF-8 byte: how to declare the encoding in XML; for the tables and
/// edge lists, which take `--encoding`, that Windows-1252 is the likely one (Excel on Windows
/// saves "CSV" in it, "CSV (semicolon)" on Swedish Windows among them).
func invalidUTF8Message(_ b: UInt8, xml: Bool, encodingOption: Bool = false) -> String {
  String(format: "byte 0x%02X is not valid UTF-8; ", b)
    + (xml
      ? "save the file as UTF-8 or declare its encoding (<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>)"
      : encodingOption
        ? "a file saved by Excel on Windows is likely in Windows-1252: read it with --encoding windows-1252 (or save it as UTF-8)"
        : "save the file as UTF-8")
}

/// Line and column (1-based, columns in characters) of a UTF-8 offset; lines end at LF, CR or
/// CRLF.
func lineColumn(in s: String, utf8Offset: Int) -> (Int, Int) {
  var counter = LineCounter()
  for b in s.utf8.prefix(utf8Offset) { counter.advance(b) }
  return (counter.line, counter.column)
}

/// Infers the narrowest type that fits every non-empty value of a column, where fitting means
/// the value reads back as it was written: integer (`12`, not `012` or `+12`), then double (the
/// text is what ``formatNumber(_:)`` writes for its number: `0.5`, not `0.50`, `1e3` or a
/// 20-digit number; with `decimalComma`, `0,5` too), then boolean (`true`/`false` as written),
/// else string. A zip code `01234`, a phone number `+4670…` or a label `007` stays text.
///
/// With `exactText` (text whose spelling may matter: a zip code `01234`, a label `007`) a value
/// is a number only when it reads back unchanged; without it (fields a format defines as
/// numbers, such as Pajek's drawing parameters) any number is one.
func inferType(_ values: [String?], decimalComma: Bool, exactText: Bool = true) -> AttributeType {
  var sawAny = false
  var isInt = true
  var isDouble = true
  var isBool = true
  for case let v? in values where !v.isEmpty {
    sawAny = true
    let t = trimmingWhitespace(v, newlines: false)
    if isInt && (Int(t).map { exactText && String($0) != t } ?? true) { isInt = false }
    if isDouble
      && !(exactText
        ? readsBackAsDouble(t, decimalComma: decimalComma)
        : parseDouble(t, decimalComma: decimalComma) != nil)
    {
      isDouble = false
    }
    if isBool && t != "true" && t != "false" { isBool = false }
    if !isInt && !isDouble && !isBool { break }
  }
  if !sawAny { return .string }
  if isInt { return .integer }
  if isDouble { return .double }
  if isBool { return .boolean }
  return .string
}

/// Whether `text` is a number written the way ``formatNumber(_:)`` writes it back (with a
/// decimal comma in place of the point when `decimalComma`), so reading it as a double loses
/// nothing of the text.
func readsBackAsDouble(_ text: String, decimalComma: Bool) -> Bool {
  guard let d = parseDouble(text, decimalComma: decimalComma) else { return false }
  let written = formatNumber(d)
  if written == text { return true }
  return decimalComma && written.contains(".")
    && written.replacingOccurrences(of: ".", with: ",") == text
}
