import Foundation

/// Escapes text for XML content and attribute values (GraphML, SVG, XHTML): `& < > "` as
/// entities, a carriage return as `&#13;` so that it survives attribute normalisation.
public func escapeXML(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for ch in s.unicodeScalars {
      switch ch {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "\r": out += "&#13;"
      default: out.unicodeScalars.append(ch)
      }
    }
  return out
}

extension GraphMLFormat {
  static func escape(_ s: String) -> String { escapeXML(s) }

  static func graphMLType(_ d: AttributeDeclaration) -> String {
    if let t = d.graphMLType { return t }
    switch d.type {
    case .string, .markup: return "string"
    case .integer: return "long"
    case .double: return "double"
    case .boolean: return "boolean"
    }
  }

  /// Writes GraphML that networkx (`read_graphml`) and igraph (`Graph.Read_GraphML`) load with
  /// every attribute and type intact.
  ///
  /// Keys get ids `d0`, `d1`, ... in the order graph, node, edge; elements follow input order;
  /// each element's data follows key order. The same network always gives the same bytes.
  /// Integers are written as `long`, doubles as `double`, unless the input named another
  /// GraphML type for the key.
  public static func write(_ network: Network) -> String {
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out += "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\""
    out += " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
    for (prefix, uri) in network.graphMLNamespaces.sorted(by: { $0.key < $1.key }) {
      out += " xmlns:\(prefix)=\"\(escape(uri))\""
    }
    out += " xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"

    var keyCount = 0
    func key(_ d: AttributeDeclaration, domain: String) -> String {
      let id = "d\(keyCount)"
      keyCount += 1
      var line = "  <key id=\"\(id)\" for=\"\(domain)\""
      let isYFiles = d.graphMLKeyExtras["yfiles.type"] != nil && d.name.hasPrefix("yfiles.")
      if !isYFiles || d.graphMLType != nil {
        line += " attr.name=\"\(escape(d.name))\" attr.type=\"\(graphMLType(d))\""
      }
      for (k, v) in d.graphMLKeyExtras.sorted(by: { $0.key < $1.key }) where k != "for" {
        line += " \(k)=\"\(escape(v))\""
      }
      if let def = d.defaultValue {
        let text = def.type == .markup ? def.description : escape(def.description)
        line += ">\n    <default>\(text)</default>\n  </key>\n"
      } else {
        line += "/>\n"
      }
      out += line
      return id
    }
    func data(_ id: String, _ v: AttributeValue, indent: String) -> String {
      switch v {
      case .markup(let m): return "\(indent)<data key=\"\(id)\">\(m)</data>\n"
      default: return "\(indent)<data key=\"\(id)\">\(escape(v.description))</data>\n"
      }
    }

    let rootDecls = network.networkAttributes.filter { $0.graphMLKeyExtras["for"] == "graphml" }
    var graphDecls = network.networkAttributes.filter { $0.graphMLKeyExtras["for"] != "graphml" }
    // Attributes set without a declaration still get a key, typed by their value.
    for name in network.attributes.keys.sorted()
    where !network.networkAttributes.contains(where: { $0.name == name }) {
      graphDecls.append(AttributeDeclaration(name: name, type: network.attributes[name]!.type))
    }
    var nodeDecls = network.nodeAttributes
    let declaredNode = Set(nodeDecls.map(\.name))
    var undeclared: [String: AttributeType] = [:]
    for node in network.nodes {
      for (n, v) in node.attributes where !declaredNode.contains(n) {
        if let t = undeclared[n], t != v.type { undeclared[n] = .string } else if undeclared[n] == nil { undeclared[n] = v.type }
      }
    }
    for n in undeclared.keys.sorted() { nodeDecls.append(AttributeDeclaration(name: n, type: undeclared[n]!)) }
    var tieDecls: [AttributeDeclaration] = []
    if network.hasTrust {
      tieDecls.append(AttributeDeclaration(name: network.trustAttributeName, type: .double, graphMLType: network.trustGraphMLType))
    }
    if network.hasLayers { tieDecls.append(AttributeDeclaration(name: "layer", type: .string)) }
    let fixedTieKeys = tieDecls.count
    tieDecls += network.tieAttributes

    let rootIDs = rootDecls.map { key($0, domain: "graphml") }
    let graphIDs = graphDecls.map { key($0, domain: "graph") }
    let nodeIDs = nodeDecls.map { key($0, domain: "node") }
    let tieIDs = tieDecls.map { key($0, domain: "edge") }

    out += "  <graph"
    if let id = network.graphID { out += " id=\"\(escape(id))\"" }
    out += " edgedefault=\"\(network.isDirected ? "directed" : "undirected")\">\n"
    for (d, id) in zip(graphDecls, graphIDs) {
      if let v = network.attributes[d.name] { out += data(id, v, indent: "    ") }
    }
    for node in network.nodes {
      let present = zip(nodeDecls, nodeIDs).filter { node.attributes[$0.0.name] != nil }
      if present.isEmpty {
        out += "    <node id=\"\(escape(node.id))\"/>\n"
        continue
      }
      out += "    <node id=\"\(escape(node.id))\">\n"
      for (d, id) in present { out += data(id, node.attributes[d.name]!, indent: "      ") }
      out += "    </node>\n"
    }
    for tie in network.ties {
      var lines = ""
      for (k, (d, id)) in zip(tieDecls, tieIDs).enumerated() {
        let v: AttributeValue?
        if k < fixedTieKeys && d.name == network.trustAttributeName && network.hasTrust {
          v = tie.trust.map(AttributeValue.double)
        } else if k < fixedTieKeys && d.name == "layer" {
          v = tie.layer.map(AttributeValue.string)
        } else {
          v = tie.attributes[d.name]
        }
        if let v { lines += data(id, v, indent: "      ") }
      }
      out += "    <edge"
      if let id = tie.id { out += " id=\"\(escape(id))\"" }
      out += " source=\"\(escape(network.nodes[tie.source].id))\" target=\"\(escape(network.nodes[tie.target].id))\""
      out += lines.isEmpty ? "/>\n" : ">\n\(lines)    </edge>\n"
    }
    out += "  </graph>\n"
    for (d, id) in zip(rootDecls, rootIDs) {
      if let v = network.attributes[d.name] { out += data(id, v, indent: "  ") }
    }
    out += "</graphml>\n"
    return out
  }
}

