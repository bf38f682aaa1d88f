import Foundation

/// Escapes text for XML content and attribute values (SVG, XHTML): `& < > "` as
/// entities, a carriage return as `&#13;` so that it survives attribute normalisation.
package func escapeXML(_ s: String) -> String {
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
  /// Whether XML 1.0 can hold a character at all (its `Char` production): tab, line feed,
  /// carriage return, and everything from U+0020 except U+FFFE and U+FFFF. The other C0
  /// controls cannot be written even as character references (`&#27;` is not well-formed).
  static func isXMLCharacter(_ u: Unicode.Scalar) -> Bool {
    u.value >= 0x20 ? u.value != 0xFFFE && u.value != 0xFFFF : u == "\t" || u == "\n" || u == "\r"
  }

  /// Text escaped for XML: `& < > "` as entities and a carriage return as `&#13;` (a parser
  /// reads a raw one as a line feed); in an attribute value also the line feed and tab, as
  /// `&#10;` and `&#9;`, which a parser would otherwise read as spaces.
  ///
  /// - Throws: ``FormatError`` naming the place and the character when the text holds one that
  ///   XML 1.0 cannot (``isXMLCharacter(_:)``).
  static func escape(
    _ s: String, attribute: Bool = false, format: String = "GraphML",
    at place: @autoclosure () -> TextPlace
  ) throws(FormatError) -> String {
    // Most text has nothing to escape: its bytes say so without decoding it. 0xEF leads the
    // encodings of U+FFFE and U+FFFF.
    if !s.utf8.contains(where: {
      $0 < 0x20 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0xEF
    }) {
      return s
    }
    var out = ""
    out.reserveCapacity(s.utf8.count + 16)
    for u in s.unicodeScalars {
      switch u {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "\r": out += "&#13;"
      case "\n": out += attribute ? "&#10;" : "\n"
      case "\t": out += attribute ? "&#9;" : "\t"
      default:
        guard isXMLCharacter(u) else { throw unwritableInXML(u, at: place(), format: format) }
        out.unicodeScalars.append(u)
      }
    }
    return out
  }

  /// Markup kept from the input (yEd's graphics), written as it is once checked for
  /// characters XML cannot hold.
  static func checkMarkup(_ s: String, at place: @autoclosure () -> TextPlace) throws(FormatError)
    -> String
  {
    if let u = s.unicodeScalars.first(where: { !isXMLCharacter($0) }) {
      throw unwritableInXML(u, at: place())
    }
    return s
  }

  /// Whether markup is XML that GraphML can hold as it is (another tool's graphics, read from
  /// GraphML); a DOT HTML-like label (`<<b>bold</b>>`, its brackets kept) is not, and is
  /// written as text (``markupWrittenAsText(_:)`` says so).
  static func isXMLContent(_ markup: String) -> Bool {
    guard var reader = try? XMLReader.open(bytes: Array("<r>\(markup)</r>".utf8), file: "")
    else { return false }
    do {
      while try reader.next() != nil {}
      return true
    } catch {
      return false
    }
  }

  /// One sentence per kind of element whose markup attributes are not XML and so are written
  /// as text (DOT's HTML-like labels): read back, they are text, not markup.
  static func markupWrittenAsText(_ network: Network) -> [String] {
    func names(_ values: [[String: AttributeValue]]) -> [String] {
      var found = Set<String>()
      for attributes in values {
        for (name, value) in attributes where !found.contains(name) {
          if case .markup(let m) = value, !isXMLContent(m) { found.insert(name) }
        }
      }
      return found.sorted()
    }
    var sentences: [String] = []
    for (what, found) in [
      ("node", names(network.nodes.map(\.attributes))),
      ("tie", names(network.ties.map(\.attributes))), ("network", names([network.attributes])),
    ] where !found.isEmpty {
      let list = found.map { "'\(visibleText($0))'" }.joined(separator: ", ")
      sentences.append(
        "the \(what) attribute\(found.count == 1 ? "" : "s") \(list) \(found.count == 1 ? "holds" : "hold") markup that is not XML (DOT's HTML-like labels, say), which GraphML holds as text: read back, \(found.count == 1 ? "it is" : "they are") text"
      )
    }
    return sentences
  }

  static func unwritableInXML(_ u: Unicode.Scalar, at place: TextPlace, format: String = "GraphML")
    -> FormatError
  {
    unwritable(
      u, at: place, format: format,
      why: u.value < 0x20
        ? "a control character that XML 1.0 cannot hold, not even as a character reference"
        : "a noncharacter that XML 1.0 cannot hold",
      instead: "remove it, or write JSON, which holds every character")
  }

  /// The declarations with each type widened to hold every value given under its name (an
  /// attribute declared integer that also holds 0.5 is written as double, else as string), so
  /// that no value is written under a key whose type it does not read back as. See
  /// ``retypedWhenWritten(_:)`` for the note.
  static func holdingEveryValue<S: Sequence>(_ decls: [AttributeDeclaration], _ values: S)
    -> [AttributeDeclaration]
  where S.Element == [String: AttributeValue] {
    var types: [String: AttributeType] = [:]
    for d in decls where d.type != .markup { types[d.name] = d.type }
    if types.isEmpty { return decls }
    for attributes in values {
      for (n, v) in attributes {
        if let t = types[n], t != v.type { types[n] = t.widened(with: v.type) }
      }
    }
    return decls.map { d in
      guard let t = types[d.name], t != d.type, d.type != .markup else { return d }
      var w = d
      w.type = t
      w.graphMLType = nil
      return w
    }
  }

  /// What `holdingEveryValue(_:_:)` retypes, one sentence each.
  public static func retypedWhenWritten(_ network: Network) -> [String] {
    var out: [String] = []
    for (domain, decls, values) in [
      ("node", network.nodeAttributes, Array(network.nodes.lazy.map(\.attributes))),
      ("tie", network.tieAttributes, Array(network.ties.lazy.map(\.attributes))),
    ] {
      for (d, w) in zip(decls, holdingEveryValue(decls, values)) where d.type != w.type {
        out.append(
          "the \(domain) attribute '\(d.name)' is declared \(d.type.rawValue) but holds other values: written as \(w.type == .double ? "double" : "string"), its type that holds them all"
        )
      }
    }
    return out
  }

  /// The GraphML type the trust key is written with: the one it was read with
  /// (``Network/trustGraphMLType``) when every trust is a value of that type, else `long`
  /// when the trust is written in integers (``Network/trustType``) and `double` when not. A
  /// key read as `int` whose trusts are no longer all whole numbers within 32 bits is
  /// written as `double` (or `long`), not as an `int` that readers would refuse.
  static func trustGraphMLType(_ network: Network, integers: Bool) -> String? {
    switch network.trustGraphMLType {
    case "int"?:
      guard integers else { return nil }
      let fits = network.ties.allSatisfy { tie in
        tie.trust.map { (Double(Int32.min)...Double(Int32.max)).contains($0) } ?? true
      }
      return fits ? "int" : nil
    case "long"?, "integer"?: return integers ? network.trustGraphMLType : nil
    default: return network.trustGraphMLType
    }
  }

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
  /// GraphML type for the key. Line feeds, carriage returns and tabs in ids (XML attributes)
  /// are written as character references, and carriage returns in data as well, so that an XML
  /// parser reads them back as they were rather than as spaces or line feeds.
  ///
  /// - Throws: ``FormatError`` naming the text (an id, an attribute's value or name) and the
  ///   character when it holds one XML 1.0 cannot: a C0 control other than tab, line feed and
  ///   carriage return (U+0000 to U+001F), U+FFFE or U+FFFF.
  public static func write(_ network: Network) throws(FormatError) -> String {
    var whole = ""
    try write(network) { whole += $0 }
    return whole
  }

  /// Writes GraphML as ``write(_:)`` does, handing the text to `emit` in pieces of about
  /// 64 KiB as it goes, so that the whole document is never held in memory (see
  /// ``Network/writeGraphML(toFile:)``). The pieces joined are the bytes of ``write(_:)``.
  ///
  /// - Complexity: O(n + m) time; O(n) memory besides the network (the escaped ids).
  public static func write(_ network: Network, emit: (String) -> Void) throws(FormatError) {
    let piece = 1 << 16
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out += "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\""
    out += " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
    for (prefix, uri) in network.graphMLNamespaces.sorted(by: { $0.key < $1.key }) {
      out +=
        " xmlns:\(prefix)=\"\(try escape(uri, attribute: true, at: TextPlace { "the namespace '\(prefix)'" }))\""
    }
    out +=
      " xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"

    var keyCount = 0
    func key(_ d: AttributeDeclaration, domain: String) throws(FormatError) -> String {
      let id = "d\(keyCount)"
      keyCount += 1
      let what = domain == "edge" ? "tie" : domain == "node" ? "node" : "network"
      var line = "  <key id=\"\(id)\" for=\"\(domain)\""
      let isYFiles = d.graphMLKeyExtras["yfiles.type"] != nil && d.name.hasPrefix("yfiles.")
      if !isYFiles || d.graphMLType != nil {
        line +=
          " attr.name=\"\(try escape(d.name, attribute: true, at: .attributeName(d.name, of: what)))\" attr.type=\"\(graphMLType(d))\""
      }
      for (k, v) in d.graphMLKeyExtras.sorted(by: { $0.key < $1.key }) where k != "for" {
        line +=
          " \(k)=\"\(try escape(v, attribute: true, at: TextPlace { "the key attribute '\(k)' of the \(what) attribute '\(visibleText(d.name))'" }))\""
      }
      if let def = d.defaultValue {
        let place = TextPlace { "the default of the \(what) attribute '\(visibleText(d.name))'" }
        let text =
          def.type == .markup && isXMLContent(def.description)
          ? try checkMarkup(def.description, at: place) : try escape(def.description, at: place)
        line += ">\n    <default>\(text)</default>\n  </key>\n"
      } else {
        line += "/>\n"
      }
      out += line
      return id
    }
    func data(
      _ id: String, _ v: AttributeValue, indent: String, at place: @autoclosure () -> TextPlace
    ) throws(FormatError) -> String {
      switch v {
      case .markup(let m) where isXMLContent(m):
        return "\(indent)<data key=\"\(id)\">\(try checkMarkup(m, at: place()))</data>\n"
      case .markup(let m):
        return "\(indent)<data key=\"\(id)\">\(try escape(m, at: place()))</data>\n"
      case .string(let s):
        return "\(indent)<data key=\"\(id)\">\(try escape(s, at: place()))</data>\n"
      // −0.0 keeps its sign (formatNumber writes 0, as the tables do).
      case .double(let d) where d == 0 && d.sign == .minus:
        return "\(indent)<data key=\"\(id)\">-0.0</data>\n"
      default: return "\(indent)<data key=\"\(id)\">\(v.description)</data>\n"
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
        if let t = undeclared[n] {
          undeclared[n] = t.widened(with: v.type)
        } else {
          undeclared[n] = v.type
        }
      }
    }
    for n in undeclared.keys.sorted() {
      nodeDecls.append(AttributeDeclaration(name: n, type: undeclared[n]!))
    }
    nodeDecls = holdingEveryValue(nodeDecls, network.nodes.lazy.map(\.attributes))
    var tieDecls: [AttributeDeclaration] = []
    let integerTrust = network.writesTrustAsIntegers
    if network.hasTrust {
      tieDecls.append(
        AttributeDeclaration(
          name: network.trustAttributeName, type: integerTrust ? .integer : .double,
          graphMLType: trustGraphMLType(network, integers: integerTrust)))
    }
    if network.hasLayers { tieDecls.append(AttributeDeclaration(name: "layer", type: .string)) }
    let fixedTieKeys = tieDecls.count
    tieDecls += holdingEveryValue(network.tieAttributes, network.ties.lazy.map(\.attributes))

    var rootIDs: [String] = []
    var graphIDs: [String] = []
    var nodeIDs: [String] = []
    var tieIDs: [String] = []
    for d in rootDecls { rootIDs.append(try key(d, domain: "graphml")) }
    for d in graphDecls { graphIDs.append(try key(d, domain: "graph")) }
    for d in nodeDecls { nodeIDs.append(try key(d, domain: "node")) }
    for d in tieDecls { tieIDs.append(try key(d, domain: "edge")) }

    out += "  <graph"
    if let id = network.graphID {
      out += " id=\"\(try escape(id, attribute: true, at: .networkName))\""
    }
    out += " edgedefault=\"\(network.isDirected ? "directed" : "undirected")\">\n"
    for (d, id) in zip(graphDecls, graphIDs) {
      if let v = network.attributes[d.name] {
        out += try data(id, v, indent: "    ", at: .networkAttribute(d.name))
      }
    }
    // The ids, escaped once: each is written again for every tie at it.
    var escapedIDs: [String] = []
    escapedIDs.reserveCapacity(network.nodeCount)
    for node in network.nodes {
      if out.utf8.count >= piece {
        emit(out)
        out.removeAll(keepingCapacity: true)
      }
      let nodeID = try escape(node.id, attribute: true, at: .nodeID(node.id))
      escapedIDs.append(nodeID)
      let present = zip(nodeDecls, nodeIDs).filter { node.attributes[$0.0.name] != nil }
      if present.isEmpty {
        out += "    <node id=\"\(nodeID)\"/>\n"
        continue
      }
      out += "    <node id=\"\(nodeID)\">\n"
      for (d, id) in present {
        out += try data(
          id, node.attributes[d.name]!, indent: "      ", at: .nodeAttribute(d.name, of: node.id))
      }
      out += "    </node>\n"
    }
    for (t, tie) in network.ties.enumerated() {
      if out.utf8.count >= piece {
        emit(out)
        out.removeAll(keepingCapacity: true)
      }
      var lines = ""
      for (k, (d, id)) in zip(tieDecls, tieIDs).enumerated() {
        let v: AttributeValue?
        if k < fixedTieKeys && d.name == network.trustAttributeName && network.hasTrust {
          v = tie.trust.map { Network.writtenTrust($0, integers: integerTrust) }
        } else if k < fixedTieKeys && d.name == "layer" {
          v = tie.layer.map(AttributeValue.string)
        } else {
          v = tie.attributes[d.name]
        }
        if let v {
          lines += try data(id, v, indent: "      ", at: .tieAttribute(d.name, tie: t, in: network))
        }
      }
      out += "    <edge"
      if let id = tie.id {
        out +=
          " id=\"\(try escape(id, attribute: true, at: .tieAttribute("id", tie: t, in: network)))\""
      }
      out += " source=\"\(escapedIDs[tie.source])\" target=\"\(escapedIDs[tie.target])\""
      out += lines.isEmpty ? "/>\n" : ">\n\(lines)    </edge>\n"
    }
    out += "  </graph>\n"
    for (d, id) in zip(rootDecls, rootIDs) {
      if let v = network.attributes[d.name] {
        out += try data(id, v, indent: "  ", at: .networkAttribute(d.name))
      }
    }
    out += "</graphml>\n"
    emit(out)
  }
}

extension Network {
  /// Writes the network as GraphML to a file (``GraphMLFormat/write(_:)``), streamed through a
  /// temporary file that is renamed into place only when every byte was written
  /// (`writeFileAtomically(_:streaming:)`): the document is never held in memory whole, and a
  /// failure leaves no file half-written. Trust under a name of its own is written as `trust`,
  /// as ``serialized(as:path:)`` does.
  ///
  /// - Throws: ``FormatError`` (naming `path`) for a character XML cannot hold, or
  ///   ``WriteError``; the file is then neither created nor changed.
  /// - Complexity: O(n + m) time; O(n) memory besides the network.
  public func writeGraphML(toFile path: String) throws {
    let network = trustNamedForWriting
    try writeFileAtomically(path) { sink in
      do throws(FormatError) { try GraphMLFormat.write(network) { sink.write($0) } } catch {
        var e = error
        if e.file == "<output>" { e.file = path }
        throw e
      }
    }
  }
}
