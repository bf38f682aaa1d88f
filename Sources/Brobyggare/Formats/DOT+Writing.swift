import Foundation

/// Graphviz DOT (https://graphviz.org/doc/info/lang.html).
///
/// Every id and label is written as a quoted string, so keywords (`node`, `Edge`, `strict`),
/// ids that start with a digit, colons (which would otherwise read as ports), spaces and any
/// Unicode need nothing more. Inside quotes a double quote becomes `\"`, a backslash `\\`
/// and a line feed `\n`, so the label Graphviz draws is the label in the data (Graphviz reads
/// `\\` and `\n` in a label as a backslash and a line break) and this package's reader gets
/// the text back. Every other character, a carriage return and the other control characters
/// among them, is written as it is: inside quotes Graphviz and the reader keep it. Only NUL,
/// which no DOT reader takes, cannot be written.
public enum DOTFormat {
  /// A quoted DOT string. A NUL is written as it is; ``write(_:name:)`` refuses it.
  public static func quote(_ s: String) -> String {
    var out = "\""
    for ch in s.unicodeScalars {
      switch ch {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      default: out.unicodeScalars.append(ch)
      }
    }
    return out + "\""
  }

  /// A quoted DOT string, refusing a NUL with the place of the text.
  static func quoted(_ s: String, at place: @autoclosure () -> TextPlace) throws(FormatError) -> String {
    if s.utf8.contains(0) {
      throw unwritable("\0", at: place(), format: "DOT", why: "a NUL, which no DOT reader takes",
                       instead: "remove it, or write JSON, which holds it")
    }
    return quote(s)
  }

  /// Writes the network as DOT: nodes in input order with their label (``Node/label``; none
  /// when that is the id and the node has no `label` attribute, or an empty one, so that none
  /// is read back), ties in input order with their trust as `weight` and their layer.
  /// Attributes other than the label are not written (DOT is for drawing; use GraphML to share
  /// data).
  ///
  /// - Throws: ``FormatError`` naming the text and the character when an id, label, layer or
  ///   the network's name holds a NUL.
  public static func write(_ network: Network, name: String? = nil) throws(FormatError) -> String {
    let arrow = network.isDirected ? "->" : "--"
    let graphName = try quoted(name ?? network.graphID ?? "network", at: .networkName)
    var out = "\(network.isDirected ? "digraph" : "graph") \(graphName) {\n"
    for node in network.nodes {
      let id = try quoted(node.id, at: .nodeID(node.id))
      // Graphviz draws the id where there is no label, as the reader reads it back.
      let label = node.label
      if (node.attributes["label"]?.description ?? "").isEmpty && label.utf8.elementsEqual(node.id.utf8) {
        out += "  \(id);\n"
      } else {
        out += "  \(id) [label=\(try quoted(label, at: .nodeLabel(of: node.id)))];\n"
      }
    }
    for (k, tie) in network.ties.enumerated() {
      var attrs: [String] = []
      if let t = tie.trust { attrs.append("weight=\(quote(formatNumber(t)))") }
      if let l = tie.layer { attrs.append("layer=\(try quoted(l, at: .tieAttribute("layer", tie: k, in: network)))") }
      out += "  \(quote(network.nodes[tie.source].id)) \(arrow) \(quote(network.nodes[tie.target].id))"
      out += attrs.isEmpty ? ";\n" : " [\(attrs.joined(separator: ", "))];\n"
    }
    return out + "}\n"
  }
}
