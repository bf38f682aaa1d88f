import Foundation

/// The type of an attribute, as declared for a node, tie or network.
///
/// `markup` holds XML that another tool wrote inside a GraphML `<data>` element (yEd's
/// graphics, say). The measures never read it; it is kept so that a read-then-write loses nothing.
public enum AttributeType: String, Hashable, Sendable, CaseIterable {
  /// Text.
  case string
  /// A whole number.
  case integer
  /// A floating-point number.
  case double
  /// True or false.
  case boolean
  /// XML another tool wrote inside a GraphML `<data>` element, kept as it was.
  case markup

  /// The type that holds values of both types: itself when they agree, `double` for integers
  /// and doubles (every such integer reads back from a double), else `string`.
  public func widened(with other: AttributeType) -> AttributeType {
    if self == other { return self }
    if (self == .integer && other == .double) || (self == .double && other == .integer) {
      return .double
    }
    return .string
  }
}

/// A typed attribute value. A missing value is `nil` where a value is expected.
public enum AttributeValue: Hashable, Sendable, CustomStringConvertible {
  /// Text.
  case string(String)
  /// A whole number.
  case integer(Int)
  /// A floating-point number (NaN stands for a missing number).
  case double(Double)
  /// True or false.
  case boolean(Bool)
  /// XML another tool wrote inside a GraphML `<data>` element, kept as it was.
  case markup(String)

  /// The value's type.
  public var type: AttributeType {
    switch self {
    case .string: .string
    case .integer: .integer
    case .double: .double
    case .boolean: .boolean
    case .markup: .markup
    }
  }

  /// The value as a number, when it is one (integers widen to `Double`).
  public var number: Double? {
    switch self {
    case .integer(let i): Double(i)
    case .double(let d): d
    default: nil
    }
  }

  /// The value as text, the way every writer spells it: integers in decimal, doubles in the
  /// shortest form that reads back to the same bits, booleans as `true`/`false`.
  public var description: String {
    switch self {
    case .string(let s), .markup(let s): s
    case .integer(let i): String(i)
    case .double(let d): formatNumber(d)
    case .boolean(let b): b ? "true" : "false"
    }
  }
}

/// Formats a double the same way in every output: the shortest decimal that reads back to the
/// same value; integral values keep no fraction (`2`, not `2.0`); `NaN`, `inf`, `-inf`.
@inlinable
package func formatNumber(_ d: Double) -> String {
  if d.isNaN { return "NaN" }
  if d.isInfinite { return d > 0 ? "inf" : "-inf" }
  if d == d.rounded(), abs(d) < 1e15 {
    return d == 0 ? "0" : String(Int(d))
  }
  return "\(d)"
}

/// The declaration of one attribute: its name, type and default, and what a GraphML file said
/// of it beyond that (kept so that writing it back loses nothing).
public struct AttributeDeclaration: Hashable, Sendable {
  /// The attribute's name, as files spell it.
  public var name: String
  /// The type its values have.
  public var type: AttributeType
  /// The value an element has when it gives none (GraphML `<default>`).
  public var defaultValue: AttributeValue?
  /// GraphML's own spelling of the type (`int`, `long`, `float`, `double`, ...), when read from
  /// GraphML; the writer keeps it.
  public var graphMLType: String?
  /// Attributes of the GraphML `<key>` other than id, for, attr.name and attr.type
  /// (`yfiles.type`, say), kept for the writer.
  public var graphMLKeyExtras: [String: String]

  /// A declaration; the GraphML details are kept from a GraphML input and default to none.
  public init(
    name: String, type: AttributeType, defaultValue: AttributeValue? = nil,
    graphMLType: String? = nil, graphMLKeyExtras: [String: String] = [:]
  ) {
    self.name = name
    self.type = type
    self.defaultValue = defaultValue
    self.graphMLType = graphMLType
    self.graphMLKeyExtras = graphMLKeyExtras
  }
}

extension AttributeValue {
  /// Parses text as a value of the given type; `nil` when the text is not of that type.
  /// Booleans accept `true/false`, `1/0`, `yes/no` in any case (yEd writes `FALSE`, networkx
  /// `True`).
  public static func parse(_ text: String, as type: AttributeType, decimalComma: Bool = false)
    -> AttributeValue?
  {
    switch type {
    case .string: return .string(text)
    case .markup: return .markup(text)
    case .integer:
      let t = trimmingWhitespace(text, newlines: true)
      if let i = Int(t) { return .integer(i) }
      // GraphML writers such as igraph spell integral numbers as "3.0" even for int keys.
      if let d = parseDouble(t, decimalComma: decimalComma), d == d.rounded(), abs(d) < 9e15 {
        return .integer(Int(d))
      }
      return nil
    case .double:
      return parseDouble(trimmingWhitespace(text, newlines: true), decimalComma: decimalComma).map(
        AttributeValue.double)
    case .boolean:
      switch trimmingWhitespace(text, newlines: true).lowercased() {
      case "true", "1", "yes", "t": return .boolean(true)
      case "false", "0", "no", "f": return .boolean(false)
      default: return nil
      }
    }
  }
}

/// `text` without white space at either end: Unicode's `.whitespaces` (spaces and tabs), or
/// `.whitespacesAndNewlines` when `newlines`. Most values have none: when both ends are ASCII
/// and not white space, the text is returned as it is, without the trip through Foundation.
func trimmingWhitespace(_ text: String, newlines: Bool) -> String {
  let u = text.utf8
  guard let f = u.first, let l = u.last else { return text }
  func plain(_ b: UInt8) -> Bool {
    b < 0x80 && b != 0x20 && b != 0x09 && !(newlines && b >= 0x0A && b <= 0x0D)
  }
  if plain(f) && plain(l) { return text }
  return text.trimmingCharacters(in: newlines ? .whitespacesAndNewlines : .whitespaces)
}

/// Parses a decimal number as written by spreadsheets and graph tools: `1.5`, `1e-3`, `NaN`,
/// `inf`; with `decimalComma`, `0,8` as well.
package func parseDouble(_ text: String, decimalComma: Bool = false) -> Double? {
  if text.isEmpty { return nil }
  if let d = decimalDouble(text) { return d }
  let lower = text.lowercased()
  switch lower {
  case "nan": return .nan
  case "inf", "+inf", "infinity", "+infinity": return .infinity
  case "-inf", "-infinity": return -.infinity
  default: break
  }
  if decimalComma, text.contains(","), !text.contains(".") {
    return decimalDouble(text.replacingOccurrences(of: ",", with: "."))
  }
  return nil
}

/// A number written in decimal (`12`, `-0.5`, `1e-3`), or `nil`. Swift's `Double(_:)` also
/// reads hexadecimal (`0x10` is 16, `0x1p3` is 8) and `nan(…)`, which no file or option here
/// means, and rounds numbers beyond a double's range to infinity or 0 (`1e400`, `1e-400`),
/// which would change the value; every reader and option parses numbers through this.
package func decimalDouble<S: StringProtocol>(_ text: S) -> Double? {
  for u in text.utf8 {
    switch u {
    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "+"),
      UInt8(ascii: "-"),
      UInt8(ascii: "e"), UInt8(ascii: "E"):
      continue
    default: return nil
    }
  }
  guard let d = Double(text) else { return nil }
  // Beyond a double's range the text would change: 1e400 is not infinity, 1e-400 not 0.
  if d.isInfinite { return nil }
  if d == 0,
    text.utf8.prefix(while: { $0 != UInt8(ascii: "e") && $0 != UInt8(ascii: "E") }).contains(
      where: { $0 >= UInt8(ascii: "1") && $0 <= UInt8(ascii: "9") })
  {
    return nil
  }
  return d
}
