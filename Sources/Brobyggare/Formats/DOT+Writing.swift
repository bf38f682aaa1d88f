import Foundation

/// Graphviz DOT (https://graphviz.org/doc/info/lang.html).
///
/// Every id and label is written as a quoted string, so keywords (`node`, `Edge`, `strict`),
/// ids that start with a digit, colons (which would otherwise read as ports), spaces and any
/// Unicode need nothing more. Inside quotes a double quote becomes `\"`, a backslash `\\`
/// and a line break `\n`, so the label Graphviz draws is the label in the data.
public enum DOTFormat {
  /// A quoted DOT string.
  public static func quote(_ s: String) -> String {
    var out = "\""
    for ch in s.unicodeScalars {
      switch ch {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": break
      default: out.unicodeScalars.append(ch)
      }
    }
    return out + "\""
  }

  /// Writes the network as DOT: nodes in input order with their label, ties in input order
  /// with their trust as `weight` and their layer. Attributes other than the label are not
  /// written (DOT is for drawing; use GraphML to share data).
  public static func write(_ network: Network, name: String? = nil) -> String {
    let arrow = network.isDirected ? "->" : "--"
    var out = "\(network.isDirected ? "digraph" : "graph") \(quote(name ?? network.graphID ?? "network")) {\n"
    for node in network.nodes {
      out += "  \(quote(node.id)) [label=\(quote(node.label))];\n"
    }
    for tie in network.ties {
      var attrs: [String] = []
      if let t = tie.trust { attrs.append("weight=\(quote(formatNumber(t)))") }
      if let l = tie.layer { attrs.append("layer=\(quote(l))") }
      out += "  \(quote(network.nodes[tie.source].id)) \(arrow) \(quote(network.nodes[tie.target].id))"
      out += attrs.isEmpty ? ";\n" : " [\(attrs.joined(separator: ", "))];\n"
    }
    return out + "}\n"
  }
}
