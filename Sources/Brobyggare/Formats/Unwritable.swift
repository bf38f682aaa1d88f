import Foundation

/// What the writers say when a format cannot hold a character: where the text is, which
/// character, and why, rather than a file that reads back different or not at all.

/// A scalar as messages name it: `U+001B`.
func scalarCode(_ s: Unicode.Scalar) -> String {
  String(format: "U+%04X", s.value)
}

/// Text as a message quotes it: control characters, line and paragraph separators and other
/// invisible format characters as `\u{1B}`, so that the message stays on one line, shows them
/// and sends no control sequence to a terminal.
func visibleText(_ s: String) -> String {
  var out = ""
  for u in s.unicodeScalars {
    switch u.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned,
      .privateUse:
      out += "\\u{" + String(u.value, radix: 16, uppercase: true) + "}"
    default:
      out.unicodeScalars.append(u)
    }
  }
  return out
}

/// Where a writer found text: `the id of node 'a'`, `the attribute 'note' of tie 3 (a -> b)`.
/// Built only when a character is refused.
struct TextPlace {
  let describe: () -> String

  static func nodeID(_ id: String) -> TextPlace {
    TextPlace { "the id of node '\(visibleText(id))'" }
  }
  static func nodeAttribute(_ name: String, of id: String) -> TextPlace {
    TextPlace { "the attribute '\(visibleText(name))' of node '\(visibleText(id))'" }
  }
  static func tieAttribute(_ name: String, tie k: Int, in network: Network) -> TextPlace {
    TextPlace {
      "the \(name == "id" || name == "layer" ? name : "attribute '\(visibleText(name))'") of \(tieName(k, in: network))"
    }
  }
  static func nodeLabel(of id: String) -> TextPlace {
    TextPlace { "the label of node '\(visibleText(id))'" }
  }
  static func networkAttribute(_ name: String) -> TextPlace {
    TextPlace { "the network attribute '\(visibleText(name))'" }
  }
  static func attributeName(_ name: String, of domain: String) -> TextPlace {
    TextPlace { "the name of the \(domain) attribute '\(visibleText(name))'" }
  }
  static var networkName: TextPlace { TextPlace { "the network's name" } }

  /// A tie as messages name it: its number from 1, its ends, and its id when it has one.
  static func tieName(_ k: Int, in network: Network) -> String {
    let tie = network.ties[k]
    let arrow = network.isDirected ? "->" : "--"
    let ends =
      "'\(visibleText(network.nodes[tie.source].id))' \(arrow) '\(visibleText(network.nodes[tie.target].id))'"
    return
      "tie \(network.fileTieIndex(k) + 1) (\(ends)\(tie.id.map { ", id '\(visibleText($0))'" } ?? ""))"
  }
}

/// The error for text a format cannot hold: the place, the character and the reason.
///
/// - Parameters:
///   - why: why the format cannot hold it, ending the sentence (`which XML 1.0 cannot hold`).
///   - instead: what to do about it.
func unwritable(
  _ scalar: Unicode.Scalar, at place: TextPlace, format: String, why: String,
  instead: String
) -> FormatError {
  FormatError(
    file: "<output>", line: 0, column: 0,
    "\(place.describe()) holds the character \(scalarCode(scalar)), \(why), so it cannot be written as \(format); \(instead)"
  )
}
