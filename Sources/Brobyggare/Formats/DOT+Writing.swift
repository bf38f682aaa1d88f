import Foundation

/// Graphviz DOT (https://graphviz.org/doc/info/lang.html).
///
/// Strings hold what Graphviz's own strings hold: in a quoted string backslashes are read in
/// pairs (`\\` stays as two), and only `\"` (a quote) and a backslash before a line break (a
/// continuation) are escapes; every other backslash stays, so `\n`, `\l`, `\N` and `\\` are kept
/// as written and draw as Graphviz draws them. Every id and value is written quoted, with `"` as
/// `\"` and nothing else changed, so keywords, ids that start with a digit, colons, spaces and
/// any Unicode need nothing more, and what is written reads back the same here and in Graphviz.
/// What no DOT string can hold is refused: a NUL, and an odd run of backslashes at the end,
/// before a quote or before a line break. HTML-like labels
/// (`label=<...>`) are kept as markup and written back as HTML.
public enum DOTFormat {
  /// A quoted DOT string for display: a quote as `\"`, a backslash as `\\`, a line feed as `\n`
  /// and `&` as `&amp;` (Graphviz reads entities in labels: `R&amp;D` would be drawn `R&D`), so
  /// that Graphviz draws the text as it is (the styled drawings use it). Control characters and
  /// the noncharacters U+FFFE and U+FFFF, which no SVG can hold, are drawn as `\u{7}`, ....
  package static func quote(_ s: String) -> String {
    var out = QuotedPieces()
    for ch in s.unicodeScalars {
      if let e = displayEscape(ch) { out.append(e) } else { out.append(ch) }
    }
    return out.text
  }

  /// How ``quote(_:)`` writes `ch`, or `nil` when it writes it as it is.
  static func displayEscape(_ ch: Unicode.Scalar) -> String? {
    switch ch {
    case "\"": return "\\\""
    case "\\": return "\\\\"
    case "\n": return "\\n"
    case "&": return "&amp;"
    default:
      if (ch.value < 0x20 && ch != "\t") || (0x7F..<0xA0).contains(ch.value) || ch.value == 0xFFFE
        || ch.value == 0xFFFF
      {
        return "\\\\u{\(String(ch.value, radix: 16, uppercase: true))}"
      }
      return nil
    }
  }

  /// Whether Graphviz draws `label`, written as this project's DOT writer writes it (as it
  /// is), as other text: a backslash before a character is an escape (`\n` a line break, `\N`
  /// the node's name, `\\` one backslash, `\x` x), and a character entity (`&amp;`, `&#233;`)
  /// is drawn as its character. A name escape alone is written so that it is drawn as it is.
  package static func graphvizDrawsOtherwise(_ label: String) -> Bool {
    let c = Array(label.unicodeScalars)
    if c.count == 2, c[0] == "\\", Parser.nameEscapes.contains(Character(c[1])) { return false }
    for i in c.indices {
      if c[i] == "\\" && i + 1 < c.count { return true }
      guard c[i] == "&" else { continue }
      // &name; or &#digits; or &#xhex;
      var j = i + 1
      if j < c.count && c[j] == "#" {
        j += 1
        let hex = j < c.count && (c[j] == "x" || c[j] == "X")
        if hex { j += 1 }
        let start = j
        while j < c.count
          && (hex ? c[j].properties.isASCIIHexDigit : ("0"..."9").contains(c[j]))
        {
          j += 1
        }
        if j > start && j < c.count && c[j] == ";" { return true }
      } else {
        let start = j
        // A letter first, then letters and digits.
        while j < c.count && c[j].isASCII
          && (c[j].properties.isAlphabetic || (j > start && ("0"..."9").contains(c[j])))
        {
          j += 1
        }
        if j > start && j < c.count && c[j] == ";" { return true }
      }
    }
    return false
  }

  /// The name Graphviz gives a node written as ``quote(_:)`` quotes `id`, as its `-Tjson`
  /// output reports it: Graphviz reads `\"` as a quote and keeps every other character of the
  /// quoted string, so the name is the quoted text with its quotes unescaped (`A&B` is named
  /// `A&amp;B`, `c\d` is named `c\\d`).
  package static func graphvizName(ofQuoted id: String) -> String {
    var out = ""
    for ch in id.unicodeScalars {
      if ch != "\"", let e = displayEscape(ch) { out += e } else { out.unicodeScalars.append(ch) }
    }
    return out
  }

  /// A quoted string in pieces of at most 16,000 bytes joined by `+`: Graphviz's scanner
  /// refuses a quoted string longer than 16,384 bytes, and DOT reads `"ab" + "cd"` as `"abcd"`
  /// (so does this project's reader). An escape (`\"`) is never split.
  struct QuotedPieces {
    static let limit = 16_000
    private var out = "\""
    private var piece = 0

    mutating func append(_ escape: String) {
      let c = escape.utf8.count
      if piece + c > Self.limit {
        out += "\" + \""
        piece = 0
      }
      out += escape
      piece += c
    }

    mutating func append(_ ch: Unicode.Scalar) {
      let c = UTF8.width(ch)
      if piece + c > Self.limit {
        out += "\" + \""
        piece = 0
      }
      out.unicodeScalars.append(ch)
      piece += c
    }

    var text: String { out + "\"" }
  }

  /// A quoted DOT string that reads back as `s` (only `"` escaped), refusing what no DOT string
  /// can hold, with the place of the text.
  static func quoted(_ s: String, at place: @autoclosure () -> TextPlace) throws(FormatError)
    -> String
  {
    if s.utf8.contains(0) {
      throw unwritable(
        "\0", at: place(), format: "DOT", why: "a NUL, which no DOT reader takes",
        instead: "remove it, or write JSON, which holds it")
    }
    let scalars = Array(s.unicodeScalars)
    // Graphviz reads backslashes in pairs (`\\` stays as two), then `\"` as a quote and a
    // backslash before a line break as a continuation: a run of backslashes of odd length
    // before a quote, a line break or the end cannot be written so that it reads back.
    var k = 0
    while k < scalars.count {
      guard scalars[k] == "\\" else {
        k += 1
        continue
      }
      var end = k
      while end < scalars.count && scalars[end] == "\\" { end += 1 }
      let next = end < scalars.count ? scalars[end] : nil
      let lineBreak =
        next == "\n" || (next == "\r" && end + 1 < scalars.count && scalars[end + 1] == "\n")
      if (end - k) % 2 == 1 && (next == nil || next == "\"" || lineBreak) {
        throw unwritable(
          "\\", at: place(), format: "DOT",
          why: next == nil
            ? "a backslash at the end, which would escape the closing quote"
            : next == "\""
              ? "a backslash before a quote, which DOT reads as an escaped quote"
              : "a backslash before a line break, which DOT reads as a continuation",
          instead: "write GraphML or JSON, which hold it")
      }
      k = end
    }
    var out = QuotedPieces()
    k = 0
    while k < scalars.count {
      let ch = scalars[k]
      if ch == "\"" {
        out.append("\\\"")
      } else if ch == "\\", k + 1 < scalars.count {
        // Backslashes go out in the pairs Graphviz reads them in, an odd one with what follows
        // it, so that no piece of a long string ends in one.
        var pair = String(ch)
        pair.unicodeScalars.append(scalars[k + 1])
        out.append(pair)
        k += 1
      } else {
        out.append(ch)
      }
      k += 1
    }
    return out.text
  }

  /// An attribute's name: bare when it is a plain DOT id (letters, digits and `_`, not starting
  /// with a digit, not a keyword), else quoted.
  static func attributeName(_ name: String, of domain: String) throws(FormatError) -> String {
    let plain =
      name.unicodeScalars.first.map { !("0"..."9").contains($0) } == true
      && name.unicodeScalars.allSatisfy {
        ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
          || $0 == "_"
      }
      && !["node", "edge", "graph", "digraph", "subgraph", "strict"].contains(name.lowercased())
    return plain ? name : try quoted(name, at: .attributeName(name, of: domain))
  }

  /// An attribute value: an HTML-like label (markup that is `<...>`) as HTML, else quoted. A
  /// label that is one of Graphviz's name escapes alone (`\N`, which Graphviz would draw as the
  /// node's name) is written `\\N`, which Graphviz draws as `\N` and the reader reads so.
  static func value(
    _ v: AttributeValue, named name: String? = nil, at place: @autoclosure () -> TextPlace
  ) throws(FormatError) -> String {
    if case .markup(let m) = v, m.hasPrefix("<"), m.hasSuffix(">") { return m }
    if let name, Parser.labelAttributes.contains(name), case .string(let s) = v, s.count == 2,
      s.first == "\\", Parser.nameEscapes.contains(s.last!)
    {
      return try quoted("\\" + s, at: place())
    }
    return try quoted(v.description, at: place())
  }

  /// Writes the network as DOT: the network's attributes as `graph [...]`, nodes in input
  /// order with every attribute, the subgraphs and clusters a DOT file declared (with their
  /// attributes, defaults and members), then the ties in input order with their trust (under
  /// the name the input gave it), layer and every attribute; `tailport` and `headport` are the
  /// ports. Read back, the network is the same, and Graphviz draws the same.
  ///
  /// - Throws: ``FormatError`` naming the text and the character when a string holds what DOT
  ///   cannot (a NUL, a backslash at the end or before a line break).
  public static func write(_ network: Network, name: String? = nil) throws(FormatError) -> String {
    var unused = ActiveAttributes()
    return try write(network, name: name, leavingOutActive: false, dropped: &unused)
  }

  /// Writes the network as DOT for Graphviz to draw: as ``write(_:name:)``, but without the
  /// attributes through which Graphviz reads files or writes links and stylesheets (see
  /// ``GraphvizActiveAttributes``), so that a network from elsewhere cannot make a drawing
  /// embed a local file or carry a `javascript:` link. What was left out is returned, to be
  /// said.
  public static func writeForDrawing(_ network: Network, name: String? = nil) throws(FormatError)
    -> (text: String, leftOut: ActiveAttributes)
  {
    var dropped = ActiveAttributes()
    let text = try write(network, name: name, leavingOutActive: true, dropped: &dropped)
    return (text, dropped)
  }

  static func write(
    _ network: Network, name: String?, leavingOutActive: Bool, dropped: inout ActiveAttributes
  )
    throws(FormatError) -> String
  {
    // Whether to write an attribute; one left out is recorded under its owner.
    func keep(_ name: String, _ value: AttributeValue, on owner: ActiveAttributes.Owner) -> Bool {
      guard leavingOutActive, GraphvizActiveAttributes.isActive(name, value) else { return true }
      dropped.insert(name, on: owner)
      return false
    }
    let arrow = network.isDirected ? "->" : "--"
    let graphName = try quoted(name ?? network.graphID ?? "network", at: .networkName)
    var out = "\(network.isDirected ? "digraph" : "graph") \(graphName) {\n"
    func list(_ attrs: [(String, String)]) -> String {
      attrs.map { "\($0.0)=\($0.1)" }.joined(separator: ", ")
    }
    // The file is written in UTF-8, Graphviz's default: a charset the input declared goes.
    let graphAttrs = try network.attributes.keys.sorted().filter {
      $0.lowercased() != "charset" && keep($0, network.attributes[$0]!, on: .network)
    }.map { k throws(FormatError) in
      (
        try attributeName(k, of: "network"),
        try value(network.attributes[k]!, at: .networkAttribute(k))
      )
    }
    if !graphAttrs.isEmpty { out += "  graph [\(list(graphAttrs))];\n" }
    let declared = network.nodeAttributes.map(\.name)
    for node in network.nodes {
      let id = try quoted(node.id, at: .nodeID(node.id))
      let names =
        (declared.filter { node.attributes[$0] != nil }
        + node.attributes.keys.filter { !declared.contains($0) }.sorted())
        .filter { keep($0, node.attributes[$0]!, on: .node) }
      let attrs = try names.map { k throws(FormatError) in
        (
          try attributeName(k, of: "node"),
          try value(
            node.attributes[k]!, named: k,
            at: k == "label" ? .nodeLabel(of: node.id) : .nodeAttribute(k, of: node.id))
        )
      }
      out += attrs.isEmpty ? "  \(id);\n" : "  \(id) [\(list(attrs))];\n"
    }
    // Subgraphs nested as they were, each with its own attributes, defaults and members.
    func subgraph(_ k: Int, indent: String) throws(FormatError) -> String {
      let g = network.subgraphs[k]
      var text = indent + (g.id.map { "subgraph \(quote($0)) {\n" } ?? "{\n")
      let inner = indent + "  "
      for key in g.attributes.keys.sorted() where keep(key, g.attributes[key]!, on: .network) {
        text +=
          "\(inner)\(try attributeName(key, of: "subgraph"))=\(try value(g.attributes[key]!, at: .networkAttribute(key)));\n"
      }
      for (word, defaults) in [("node", g.nodeDefaults), ("edge", g.edgeDefaults)]
      where !defaults.isEmpty {
        let attrs = try defaults.keys.sorted().filter {
          keep($0, defaults[$0]!, on: word == "node" ? .node : .tie)
        }.map { key throws(FormatError) in
          (try attributeName(key, of: word), try value(defaults[key]!, at: .networkAttribute(key)))
        }
        text += "\(inner)\(word) [\(list(attrs))];\n"
      }
      for m in g.members {
        text += "\(inner)\(try quoted(network.nodes[m].id, at: .nodeID(network.nodes[m].id)));\n"
      }
      for c in network.subgraphs.indices where network.subgraphs[c].parent == k {
        text += try subgraph(c, indent: inner)
      }
      return text + indent + "}\n"
    }
    for k in network.subgraphs.indices where network.subgraphs[k].parent == nil {
      out += try subgraph(k, indent: "  ")
    }
    let tieDeclared = network.tieAttributes.map(\.name)
    for (k, tie) in network.ties.enumerated() {
      var attrs: [(String, String)] = []
      if let t = tie.trust, keep(network.trustAttributeName, .double(t), on: .tie) {
        attrs.append(
          (try attributeName(network.trustAttributeName, of: "tie"), quote(formatNumber(t))))
      }
      if let l = tie.layer {
        attrs.append(("layer", try quoted(l, at: .tieAttribute("layer", tie: k, in: network))))
      }
      let names =
        (tieDeclared.filter { tie.attributes[$0] != nil }
        + tie.attributes.keys.filter { !tieDeclared.contains($0) }.sorted())
        .filter { keep($0, tie.attributes[$0]!, on: .tie) }
      for a in names {
        attrs.append(
          (
            try attributeName(a, of: "tie"),
            try value(tie.attributes[a]!, named: a, at: .tieAttribute(a, tie: k, in: network))
          ))
      }
      out +=
        "  \(try quoted(network.nodes[tie.source].id, at: .nodeID(network.nodes[tie.source].id))) \(arrow) \(try quoted(network.nodes[tie.target].id, at: .nodeID(network.nodes[tie.target].id)))"
      out += attrs.isEmpty ? ";\n" : " [\(list(attrs))];\n"
    }
    return out + "}\n"
  }
}
