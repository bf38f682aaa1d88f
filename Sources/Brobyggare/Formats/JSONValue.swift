import Foundation

/// A parsed JSON value, with object keys in document order.
indirect enum JSONValue: Equatable {
  case null
  case bool(Bool)
  case integer(Int)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  static func == (a: JSONValue, b: JSONValue) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.integer(let x), .integer(let y)): return x == y
    case (.number(let x), .number(let y)): return x == y
    case (.string(let x), .string(let y)): return x == y
    case (.array(let x), .array(let y)): return x == y
    case (.object(let x), .object(let y)): return x.elementsEqual(y, by: ==)
    default: return false
    }
  }

  subscript(key: String) -> JSONValue? {
    if case .object(let members) = self { return members.last(where: { $0.0 == key })?.1 }
    return nil
  }
}

/// A strict JSON parser (RFC 8259) that says where it fails. Nesting is limited to 512 levels.
struct JSONParser {
  let bytes: [UInt8]
  let file: String
  var i = 0
  var depth = 0
  /// Where each member of the top-level object starts, and where each element of a top-level
  /// member's array starts (`nodes[3]`), so that messages about them can say where.
  var memberOffsets: [String: Int] = [:]
  var elementOffsets: [String: [Int]] = [:]
  private var rootKey: String?

  init(_ text: String, file: String) {
    bytes = Array(text.utf8)
    self.file = file
  }

  func error(_ m: String, at offset: Int? = nil) -> FormatError {
    let s = String(decoding: bytes, as: UTF8.self)
    let (l, c) = lineColumn(in: s, utf8Offset: offset ?? i)
    return FormatError(file: file, line: l, column: c, m)
  }

  /// Where the top-level member `key` starts, or element `n` of its array.
  func offset(_ key: String, _ n: Int? = nil) -> Int {
    if let n, let o = elementOffsets[key], n < o.count { return o[n] }
    return memberOffsets[key] ?? 0
  }

  mutating func parseDocument() throws(FormatError) -> JSONValue {
    let v = try value()
    skip()
    if i < bytes.count { throw error("unexpected text after the JSON value") }
    return v
  }

  mutating func skip() {
    while i < bytes.count,
      bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09
    { i += 1 }
  }

  mutating func literal(_ word: String, _ v: JSONValue) throws(FormatError) -> JSONValue {
    let w = Array(word.utf8)
    guard i + w.count <= bytes.count, Array(bytes[i..<(i + w.count)]) == w else {
      throw error("expected a JSON value")
    }
    i += w.count
    return v
  }

  mutating func value() throws(FormatError) -> JSONValue {
    skip()
    guard i < bytes.count else { throw error("the JSON ends early; expected a value") }
    switch bytes[i] {
    case UInt8(ascii: "{"):
      depth += 1
      if depth > 512 { throw error("JSON nested more than 512 levels deep") }
      i += 1
      var members: [(String, JSONValue)] = []
      var seen: Set<String> = []
      skip()
      if i < bytes.count && bytes[i] == UInt8(ascii: "}") {
        i += 1
        depth -= 1
        return .object(members)
      }
      while true {
        skip()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
          throw error("expected a quoted member name")
        }
        let keyStart = i
        let k = try string()
        // A repeated member would silently keep one of its values: JSON leaves it undefined.
        if members.count < 16 ? members.contains(where: { $0.0 == k }) : seen.contains(k) {
          throw error(
            "the member '\(FormatError.excerpt(k))' appears twice in this object; a JSON object names each member once",
            at: keyStart)
        }
        if members.count >= 15 {
          if seen.isEmpty { seen = Set(members.map(\.0)) }
          seen.insert(k)
        }
        skip()
        guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else {
          throw error("expected ':' after the member name")
        }
        i += 1
        if depth == 1 {
          skip()
          memberOffsets[k] = i
          rootKey = k
        }
        members.append((k, try value()))
        skip()
        guard i < bytes.count else { throw error("the JSON ends inside an object; expected '}'") }
        if bytes[i] == UInt8(ascii: ",") {
          i += 1
          continue
        }
        if bytes[i] == UInt8(ascii: "}") {
          i += 1
          break
        }
        throw error("expected ',' or '}'")
      }
      depth -= 1
      return .object(members)
    case UInt8(ascii: "["):
      depth += 1
      if depth > 512 { throw error("JSON nested more than 512 levels deep") }
      i += 1
      var items: [JSONValue] = []
      skip()
      if i < bytes.count && bytes[i] == UInt8(ascii: "]") {
        i += 1
        depth -= 1
        return .array(items)
      }
      while true {
        if depth == 2, let key = rootKey {
          skip()
          elementOffsets[key, default: []].append(i)
        }
        items.append(try value())
        skip()
        guard i < bytes.count else { throw error("the JSON ends inside an array; expected ']'") }
        if bytes[i] == UInt8(ascii: ",") {
          i += 1
          continue
        }
        if bytes[i] == UInt8(ascii: "]") {
          i += 1
          break
        }
        throw error("expected ',' or ']'")
      }
      depth -= 1
      return .array(items)
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): return try literal("true", .bool(true))
    case UInt8(ascii: "f"): return try literal("false", .bool(false))
    case UInt8(ascii: "n"): return try literal("null", .null)
    case UInt8(ascii: "N"): return try literal("NaN", .number(.nan))  // Python's json writes NaN
    case UInt8(ascii: "I"): return try literal("Infinity", .number(.infinity))
    default:
      let start = i
      if bytes[i] == UInt8(ascii: "-") && i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "I") {
        i += 1
        _ = try literal("Infinity", .null)
        return .number(-.infinity)
      }
      while i < bytes.count, let c = Optional(bytes[i]),
        (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "-") || c == UInt8(ascii: "+")
          || c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E")
      { i += 1 }
      let text = String(decoding: bytes[start..<i], as: UTF8.self)
      if text.isEmpty { throw error("expected a JSON value") }
      if let n = Int(text) { return .integer(n) }
      // An integer too large for 64 bits (an id of 25 digits) keeps its digits as text, as
      // Python's json keeps them exactly; as a double, 100000000000000000000001 would be 1e+23.
      if text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "-") }) {
        return .string(text)
      }
      if let d = Double(text) {
        // Beyond the largest double (1e400): refused with its text, not read as infinity.
        guard d.isFinite else {
          throw error(
            "the number '\(text)' is too large for a double (at most about 1.8e308)", at: start)
        }
        return .number(d)
      }
      throw error("'\(text)' is not a number", at: start)
    }
  }

  mutating func string() throws(FormatError) -> String {
    let start = i
    i += 1
    var out: [UInt8] = []
    while i < bytes.count {
      let b = bytes[i]
      if b == UInt8(ascii: "\"") {
        i += 1
        return String(decoding: out, as: UTF8.self)
      }
      if b < 0x20 { throw error("a control character inside a string; escape it") }
      if b == UInt8(ascii: "\\") {
        guard i + 1 < bytes.count else { break }
        let e = bytes[i + 1]
        i += 2
        switch e {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "/"): out.append(0x2F)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
          func hex4() throws(FormatError) -> UInt32 {
            guard i + 4 <= bytes.count,
              let v = UInt32(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16)
            else {
              throw error("expected four hex digits after \\u")
            }
            i += 4
            return v
          }
          var u = try hex4()
          if u >= 0xD800 && u < 0xDC00 {
            guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"),
              bytes[i + 1] == UInt8(ascii: "u")
            else { throw error("a lone UTF-16 surrogate") }
            i += 2
            let lo = try hex4()
            guard lo >= 0xDC00 && lo < 0xE000 else { throw error("a lone UTF-16 surrogate") }
            u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00)
          }
          // \u0000 is a character JSON holds (and Python's json reads); only a raw NUL is refused.
          guard let s = Unicode.Scalar(u) else {
            throw error("\\u escape is not a valid character")
          }
          out.append(contentsOf: Array(String(Character(s)).utf8))
        default: throw error("unknown escape '\\\(Character(UnicodeScalar(e)))'")
        }
        continue
      }
      out.append(b)
      i += 1
    }
    throw error("a string is never closed; expected '\"'", at: start)
  }
}

/// A JSON string literal (RFC 8259), control characters escaped.
package func jsonString(_ s: String) -> String {
  var out = "\""
  for ch in s.unicodeScalars {
    switch ch {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    default:
      if ch.value < 0x20 {
        out += String(format: "\\u%04x", ch.value)
      } else {
        out.unicodeScalars.append(ch)
      }
    }
  }
  return out + "\""
}

/// A JSON number; NaN and infinities, which JSON cannot hold, become null.
func jsonNumber(_ d: Double) -> String {
  d.isFinite ? jsonFinite(d) : "null"
}

/// A finite double as JSON text, −0.0 written `-0.0`: `0` would lose the sign (and read back
/// as an integer); Python's json and networkx write and read it as `-0.0` too.
func jsonFinite(_ d: Double) -> String {
  d == 0 && d.sign == .minus ? "-0.0" : formatNumber(d)
}
