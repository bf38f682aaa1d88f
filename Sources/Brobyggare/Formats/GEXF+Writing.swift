import Foundation

extension GEXFFormat {
  /// The namespace of the GEXF 1.3 schema, as gexf.net publishes it. Gephi writes
  /// `http://www.gexf.net/1.3` and reads elements whatever their namespace; networkx knows only
  /// this spelling of 1.3 (it cannot read Gephi's own), and Gephi Lite writes it too.
  static let namespace = "http://gexf.net/1.3"
  static let vizNamespace = "http://gexf.net/1.3/viz"

  /// Writes GEXF 1.3 that Gephi, Gephi Lite and networkx (`read_gexf`) load with the same
  /// nodes, ties and attribute values.
  ///
  /// - The direction is the graph's `defaultedgetype`; ties keep their order, parallel ties and
  ///   self-loops included.
  /// - A node's `label` attribute is its GEXF label; a tie's trust its `weight`, its layer its
  ///   `kind` (GEXF 1.3, which Gephi reads as the edge's type) and also the value of an edge
  ///   attribute titled `layer`, since networkx does not read `kind`; a tie's id its `id`, its
  ///   `label` attribute its label.
  /// - Other attributes are declared in `<attributes>` (ids `0`, `1`, ... as networkx writes
  ///   them, so no title can clash with Gephi's own columns) with their type: integers as
  ///   `long`, doubles as `double`, booleans as `boolean`, text as `string`; declared defaults as
  ///   `<default>`.
  /// - The `viz_` attributes the reader makes (`viz_r`, `viz_x`, `viz_size`, ...) are written
  ///   back as `viz:` data when their values are of the viz type, else as attributes.
  /// - The network's `creator`, `description` and `keywords` go to `<meta>` with its
  ///   `lastmodifieddate`; its `name`, `timeformat`, `timerepresentation`, `timezone`, `start`
  ///   and `end` to `<graph>`.
  ///
  /// networkx (3.6) cannot read a colour given only in hex (`<viz:color hex="#ff8800"/>`, as
  /// Gephi Lite writes one): such a colour is written back as it was read, for Gephi.
  ///
  /// Version 1.3 rather than 1.2draft: only 1.3 has the edge's `kind` (the layer) and colours in
  /// hex, Gephi has written 1.3 since 0.9, and networkx reads both.
  ///
  /// The same network always gives the same bytes. Numbers are written as they read back
  /// (`formatNumber`); infinities as `Infinity` and `-Infinity`, which Gephi (Java) and networkx
  /// (Python) both read.
  ///
  /// - Returns: the text, and what the network held that GEXF cannot, one sentence each (other
  ///   network attributes, attributes of several types written as text, markup written as text).
  /// - Throws: ``FormatError`` naming the text (an id, a label, an attribute's value or name) and
  ///   the character when it holds one XML 1.0 cannot: a C0 control other than tab, line feed
  ///   and carriage return (U+0000 to U+001F), U+FFFE or U+FFFF.
  /// - Complexity: O(n + m + a) for n nodes, m ties and a attribute values.
  public static func write(_ network: Network) throws(FormatError) -> (
    text: String, dropped: [String]
  ) {
    var dropped: [String] = []
    var nextID = 0

    /// How one attribute is written: as an XML property of the element (`label`, viz data) or
    /// as a declared column.
    struct Column {
      var name: String
      var id: String
      var gexfType: String
      var defaultValue: AttributeValue?
      /// The title written: the name, unless it would be taken for GEXF's own weight.
      var title: String? = nil
    }

    /// The columns of one class, and the names written as properties instead.
    func plan(
      _ declared: [AttributeDeclaration], values: [[String: AttributeValue]], domain: String,
      properties: [String: AttributeType], exclude: Set<String>
    ) -> (columns: [Column], asProperty: Set<String>) {
      var names = declared.map(\.name).filter { !exclude.contains($0) }
      let seen = Set(names)
      var undeclared: Set<String> = []
      var types: [String: Set<AttributeType>] = [:]
      for attrs in values {
        for (n, v) in attrs where !exclude.contains(n) {
          types[n, default: []].insert(v.type)
          if !seen.contains(n) { undeclared.insert(n) }
        }
      }
      names += undeclared.sorted()
      // GEXF's viz:color needs r, g and b together (networkx fails on one without the
      // others): where some element has only part of a colour, the channels are columns.
      var properties = properties
      let channels = ["viz_r", "viz_g", "viz_b"]
      let partial = values.lazy.filter { attrs in
        let k = channels.lazy.filter { attrs[$0] != nil }.count
        return k > 0 && k < 3
      }.count
      if partial > 0 {
        for c in channels + ["viz_a"] { properties[c] = nil }
        let element = domain == "node" ? "node" : "tie"
        dropped.append(
          "\(partial) \(element)\(partial == 1 ? " has" : "s have") only part of a colour (viz_r, viz_g, viz_b), which GEXF's viz:color needs together: the colour channels are written as \(domain) attributes, not as viz:color"
        )
      }
      var columns: [Column] = []
      var asProperty: Set<String> = []
      for name in names {
        let d = declared.first { $0.name == name }
        let present = types[name] ?? []
        var type =
          present.count == 1 ? present.first! : present.isEmpty ? (d?.type ?? .string) : .string
        if let p = properties[name], type == p, !present.isEmpty {
          asProperty.insert(name)
          continue
        }
        if present.count > 1 {
          let spelled = present.map { $0 == .string ? "text" : $0.rawValue }.sorted().joined(
            separator: " and ")
          dropped.append(
            "the \(domain) attribute '\(visible(name))' holds values of several types (\(spelled)); GEXF declares one type per attribute, so it is written as text"
          )
        } else if type == .markup {
          dropped.append(
            "the \(domain) attribute '\(visible(name))' holds XML markup (another tool's graphics, say), which is written as text"
          )
          type = .string
        }
        let gexfType: String
        switch type {
        case .string, .markup: gexfType = "string"
        case .integer: gexfType = "long"
        case .double: gexfType = "double"
        case .boolean: gexfType = "boolean"
        }
        let def = d?.defaultValue.flatMap { $0.type == type ? $0 : nil }
        if let def {
          let without = values.count - values.lazy.filter { $0[name] != nil }.count
          if without > 0 {
            let element = domain == "node" ? "node" : "tie"
            dropped.append(
              "\(without) \(element)\(without == 1 ? " has" : "s have") no value for the \(domain) attribute '\(visible(name))', whose default is \(valueText(def)); GEXF gives \(without == 1 ? "it" : "them") the default"
            )
          }
        }
        columns.append(
          Column(name: name, id: String(nextID), gexfType: gexfType, defaultValue: def))
        nextID += 1
      }
      return (columns, asProperty)
    }

    var properties: [String: AttributeType] = ["label": .string]
    for p in vizProperties { properties[p.name] = p.type }

    let nodePlan = plan(
      network.nodeAttributes, values: network.nodes.map(\.attributes), domain: "node",
      properties: properties, exclude: [])
    let hasTrust = network.hasTrust
    let hasLayers = network.hasLayers
    var tieDeclared = network.tieAttributes
    if hasLayers {
      if network.tieAttributes.contains(where: { $0.name == "layer" })
        || network.ties.contains(where: { $0.attributes["layer"] != nil })
      {
        dropped.append(
          "the tie attribute 'layer' is not written: GEXF holds the ties' layers under that name")
      }
      tieDeclared.insert(AttributeDeclaration(name: "layer", type: .string), at: 0)
    }
    var tieValues = network.ties.map(\.attributes)
    if hasLayers {
      for k in network.ties.indices {
        tieValues[k]["layer"] = network.ties[k].layer.map(AttributeValue.string)
      }
    }
    var tiePlan = plan(
      tieDeclared, values: tieValues, domain: "tie", properties: properties,
      exclude: [])
    // An edge's `weight` is the trust: a tie attribute titled `weight` beside it would be taken
    // for it (networkx keeps one of the two), so it is written under a name of its own.
    if hasTrust {
      let taken = Set(tiePlan.columns.map { $0.name.lowercased() })
      for i in tiePlan.columns.indices where tiePlan.columns[i].name.lowercased() == "weight" {
        let name = tiePlan.columns[i].name
        let title =
          (2...).lazy.map { "\(name)_\($0)" }.first { !taken.contains($0.lowercased()) }!
        tiePlan.columns[i].title = title
        dropped.append(
          "the tie attribute '\(visible(name))' is written titled '\(title)': an edge's GEXF weight holds the trust, and an attribute of that name beside it would be read as it"
        )
      }
    }

    // The network's attributes that GEXF has a place for.
    let metaNames = ["creator", "description", "keywords"]
    let graphNames = ["name", "timeformat", "timerepresentation", "timezone", "start", "end"]
    let placed = Set(metaNames + graphNames + ["lastmodifieddate"])
    let unplaced = network.attributes.keys.filter { !placed.contains($0) }.sorted()
    if !unplaced.isEmpty {
      let list = unplaced.map { "'\(visible($0))'" }.joined(separator: ", ")
      dropped.append(
        "the network attribute\(unplaced.count == 1 ? "" : "s") \(list) \(unplaced.count == 1 ? "is" : "are") not written: GEXF holds only a graph's creator, description, keywords, last modified date, name and time format"
      )
    }
    for name in network.attributes.keys.sorted() where placed.contains(name) {
      let v = network.attributes[name]!
      if v.type != .string {
        dropped.append(
          "the network attribute '\(name)' is \(v.type == .boolean ? "a boolean" : "a number"); GEXF holds it as text"
        )
      }
    }

    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out += "<gexf xmlns=\"\(namespace)\" xmlns:viz=\"\(vizNamespace)\""
    out += " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
    out += " xsi:schemaLocation=\"\(namespace) \(namespace)/gexf.xsd\" version=\"1.3\">\n"

    let metaPresent = metaNames.filter { network.attributes[$0] != nil }
    let lastModified = network.attributes["lastmodifieddate"]
    if !metaPresent.isEmpty || lastModified != nil {
      out += "  <meta"
      if let d = lastModified {
        out +=
          " lastmodifieddate=\"\(try escape(d.description, attribute: true, at: "the network attribute 'lastmodifieddate'"))\""
      }
      if metaPresent.isEmpty {
        out += "/>\n"
      } else {
        out += ">\n"
        for name in metaPresent {
          out +=
            "    <\(name)>\(try escape(network.attributes[name]!.description, attribute: false, at: "the network attribute '\(name)'"))</\(name)>\n"
        }
        out += "  </meta>\n"
      }
    }

    out +=
      "  <graph defaultedgetype=\"\(network.isDirected ? "directed" : "undirected")\" mode=\"static\""
    for name in graphNames {
      if let v = network.attributes[name] {
        out +=
          " \(name)=\"\(try escape(v.description, attribute: true, at: "the network attribute '\(name)'"))\""
      }
    }
    out += ">\n"

    func declare(_ columns: [Column], _ cls: String) throws(FormatError) {
      guard !columns.isEmpty else { return }
      out += "    <attributes class=\"\(cls)\" mode=\"static\">\n"
      for c in columns {
        let title = try escape(
          c.title ?? c.name, attribute: true,
          at: "the name of the \(cls == "edge" ? "tie" : cls) attribute '\(visible(c.name))'")
        out += "      <attribute id=\"\(c.id)\" title=\"\(title)\" type=\"\(c.gexfType)\""
        if let d = c.defaultValue {
          out +=
            ">\n        <default>\(try escape(valueText(d), attribute: false, at: "the default of the attribute '\(visible(c.name))'"))</default>\n      </attribute>\n"
        } else {
          out += "/>\n"
        }
      }
      out += "    </attributes>\n"
    }
    try declare(nodePlan.columns, "node")
    try declare(tiePlan.columns, "edge")

    /// The `<attvalues>` and `viz:` data of one element, indented for it.
    func content(
      _ attrs: [String: AttributeValue], columns: [Column], asProperty: Set<String>,
      place: (String) -> String
    ) throws(FormatError) -> String {
      var body = ""
      var values = ""
      for c in columns {
        guard let v = attrs[c.name] else { continue }
        values +=
          "          <attvalue for=\"\(c.id)\" value=\"\(try escape(valueText(v), attribute: true, at: place(c.name)))\"/>\n"
      }
      if !values.isEmpty { body += "        <attvalues>\n" + values + "        </attvalues>\n" }
      var element = ""
      var vizAttributes = ""
      func flush() {
        if !vizAttributes.isEmpty { body += "        <viz:\(element)\(vizAttributes)/>\n" }
        vizAttributes = ""
      }
      for p in vizProperties where asProperty.contains(p.name) {
        if p.element != element {
          flush()
          element = p.element
        }
        guard let v = attrs[p.name] else { continue }
        vizAttributes +=
          " \(p.attribute)=\"\(try escape(valueText(v), attribute: true, at: place(p.name)))\""
      }
      flush()
      return body
    }

    out += "    <nodes>\n"
    for node in network.nodes {
      let nodeName = "node '\(visible(node.id))'"
      out +=
        "      <node id=\"\(try escape(node.id, attribute: true, at: "the id of \(nodeName)"))\""
      if nodePlan.asProperty.contains("label"), let l = node.attributes["label"] {
        out +=
          " label=\"\(try escape(l.description, attribute: true, at: "the label of \(nodeName)"))\""
      }
      let body = try content(
        node.attributes, columns: nodePlan.columns, asProperty: nodePlan.asProperty
      ) { name in
        "the attribute '\(visible(name))' of \(nodeName)"
      }
      out += body.isEmpty ? "/>\n" : ">\n" + body + "      </node>\n"
    }
    out += "    </nodes>\n"

    out += "    <edges>\n"
    for (k, tie) in network.ties.enumerated() {
      let arrow = network.isDirected ? "->" : "--"
      func tieName() -> String {
        "tie \(network.fileTieIndex(k) + 1) ('\(visible(network.nodes[tie.source].id))' \(arrow) '\(visible(network.nodes[tie.target].id))')"
      }
      out += "      <edge"
      if let id = tie.id {
        out += " id=\"\(try escape(id, attribute: true, at: "the id of \(tieName())"))\""
      }
      // Node ids were checked when the nodes were written.
      out +=
        " source=\"\(escapeChecked(network.nodes[tie.source].id))\" target=\"\(escapeChecked(network.nodes[tie.target].id))\""
      if tiePlan.asProperty.contains("label"), let l = tie.attributes["label"] {
        out +=
          " label=\"\(try escape(l.description, attribute: true, at: "the label of \(tieName())"))\""
      }
      if let layer = tie.layer {
        out += " kind=\"\(try escape(layer, attribute: true, at: "the layer of \(tieName())"))\""
      }
      if hasTrust, let w = tie.trust { out += " weight=\"\(doubleText(w))\"" }
      var attrs = tie.attributes
      if hasLayers { attrs["layer"] = tie.layer.map(AttributeValue.string) }
      let body = try content(attrs, columns: tiePlan.columns, asProperty: tiePlan.asProperty) {
        name in
        "the \(name == "layer" && hasLayers ? "layer" : "attribute '\(visible(name))'") of \(tieName())"
      }
      out += body.isEmpty ? "/>\n" : ">\n" + body + "      </edge>\n"
    }
    out += "    </edges>\n"
    out += "  </graph>\n</gexf>\n"
    return (out, dropped)
  }

  /// A value as GEXF writes it.
  static func valueText(_ v: AttributeValue) -> String {
    if case .double(let d) = v { return doubleText(d) }
    return v.description
  }

  /// A double as both Gephi (Java's `Double.parseDouble`) and networkx (Python's `float`) read
  /// it: the shortest decimal that reads back the same; `NaN`, `Infinity`, `-Infinity`.
  static func doubleText(_ d: Double) -> String {
    if d.isInfinite { return d > 0 ? "Infinity" : "-Infinity" }
    return formatNumber(d)
  }

  /// Text escaped for XML as the GraphML writer escapes it (the same rules and refusals),
  /// naming GEXF and the place in a refusal.
  static func escape(_ s: String, attribute: Bool, at place: @autoclosure () -> String)
    throws(FormatError) -> String
  {
    try withoutActuallyEscaping(place) { p throws(FormatError) in
      try GraphMLFormat.escape(s, attribute: attribute, format: "GEXF", at: TextPlace(describe: p))
    }
  }

  /// Text already checked by ``escape(_:attribute:at:)``, escaped again.
  private static func escapeChecked(_ s: String) -> String {
    (try? escape(s, attribute: true, at: "")) ?? s
  }

  /// Text as a message quotes it (see ``visibleText(_:)``).
  static func visible(_ s: String) -> String { visibleText(s) }
}
