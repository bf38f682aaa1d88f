import Foundation

/// The encoding of a text input (CSV tables, edge lists, interview tables), for files that are
/// not in UTF-8: a spreadsheet on Windows saves "CSV" in Windows-1252 (Excel's "CSV (semicolon)"
/// on Swedish Windows, say), and "Unicode text" in UTF-16.
///
/// A byte-order mark is always read: UTF-8 and UTF-16 files that start with one are recognised
/// whatever the encoding says, except that a mark in a file said to be Windows-1252 or
/// ISO-8859-1 is an error, since the two cannot both be right.
public enum TextEncoding: String, Sendable, CaseIterable {
  /// UTF-8, with or without a byte-order mark (and UTF-16 when the file starts with its mark).
  case utf8 = "utf-8"
  /// Windows-1252 (Windows' "ANSI" code page for western European languages): ISO-8859-1
  /// except in 0x80–0x9F, which hold `€`, curly quotes, dashes, `Š`, `Ÿ` and others.
  case windows1252 = "windows-1252"
  /// ISO-8859-1: every byte is the Unicode character of the same number.
  case latin1
  /// UTF-16, little- or big-endian as the byte-order mark says; without one, as the NUL bytes
  /// of ASCII characters show (little-endian, as Windows writes it, when they do not).
  case utf16 = "utf-16"

  /// The encoding a name spells, case-insensitively, with the usual aliases (`utf8`, `cp1252`,
  /// `iso-8859-1`, `latin-1`, `utf16`); `nil` for any other name.
  public init?(name: String) {
    switch name.lowercased() {
    case "utf-8", "utf8": self = .utf8
    case "windows-1252", "cp1252", "windows1252": self = .windows1252
    case "latin1", "latin-1", "iso-8859-1", "iso8859-1", "iso_8859-1": self = .latin1
    case "utf-16", "utf16": self = .utf16
    default: return nil
    }
  }

  /// Decodes a whole file in a single-byte encoding or UTF-16 to UTF-8 bytes.
  ///
  /// - Throws: ``FormatError`` at the line and column of a byte Windows-1252 does not define
  ///   (0x81, 0x8D, 0x8F, 0x90, 0x9D), of a broken UTF-16 surrogate pair or odd last byte, or
  ///   of a NUL character.
  /// - Complexity: O(n) in the size of the file.
  func decode(_ bytes: [UInt8], file: String) throws(FormatError) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + bytes.count / 8)
    var line = 1
    var column = 1
    func append(_ scalar: Unicode.Scalar) {
      out.append(contentsOf: UTF8.encode(scalar)!)
      if scalar == "\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    func nul() -> FormatError {
      FormatError(
        file: file, line: line, column: column, "the file contains a NUL character; expected text")
    }
    switch self {
    case .utf8:
      return bytes
    case .latin1, .windows1252:
      for b in bytes {
        if b == 0 { throw nul() }
        if self == .windows1252, b >= 0x80, b <= 0x9F {
          let v = windows1252High[Int(b - 0x80)]
          guard v != 0 else {
            throw FormatError(
              file: file, line: line, column: column,
              String(
                format:
                  "byte 0x%02X is not a character in Windows-1252; the file may be in another encoding",
                b))
          }
          append(Unicode.Scalar(v)!)
        } else {
          append(Unicode.Scalar(b))
        }
      }
    case .utf16:
      var start = 0
      var bigEndian = false
      if bytes.starts(with: [0xFF, 0xFE]) {
        start = 2
      } else if bytes.starts(with: [0xFE, 0xFF]) {
        start = 2
        bigEndian = true
      } else {
        // No mark: ASCII characters have their NUL byte first in big-endian text.
        let head = bytes.prefix(256)
        let even = stride(from: 0, to: head.count, by: 2).filter { head[$0] == 0 }.count
        let odd = stride(from: 1, to: head.count, by: 2).filter { head[$0] == 0 }.count
        bigEndian = even > odd
      }
      var i = start
      func unit(_ k: Int) -> UInt16 {
        bigEndian
          ? UInt16(bytes[k]) << 8 | UInt16(bytes[k + 1])
          : UInt16(bytes[k + 1]) << 8 | UInt16(bytes[k])
      }
      while i < bytes.count {
        guard i + 1 < bytes.count else {
          throw FormatError(
            file: file, line: line, column: column,
            "the file ends in the middle of a UTF-16 character (an odd number of bytes); the file may be in another encoding"
          )
        }
        let u = unit(i)
        i += 2
        if u == 0 { throw nul() }
        if UTF16.isLeadSurrogate(u) {
          guard i + 1 < bytes.count, UTF16.isTrailSurrogate(unit(i)) else {
            throw FormatError(
              file: file, line: line, column: column,
              String(
                format:
                  "the UTF-16 unit 0x%04X starts a surrogate pair that is not completed; the file may be in another encoding",
                u))
          }
          let v = 0x10000 + (UInt32(u - 0xD800) << 10) + UInt32(unit(i) - 0xDC00)
          i += 2
          append(Unicode.Scalar(v)!)
        } else if UTF16.isTrailSurrogate(u) {
          throw FormatError(
            file: file, line: line, column: column,
            String(
              format:
                "the UTF-16 unit 0x%04X ends a surrogate pair that was not started; the file may be in another encoding",
              u))
        } else {
          append(Unicode.Scalar(u)!)
        }
      }
    }
    return out
  }
}

/// Windows-1252's characters for bytes 0x80–0x9F (0 where the code page defines none), from
/// the Unicode Consortium's mapping table (MAPPINGS/VENDORS/MICSFT/WINDOWS/CP1252.TXT).
private let windows1252High: [UInt32] = [
  0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
  0, 0x017D, 0,
  0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153,
  0, 0x017E, 0x0178,
]
