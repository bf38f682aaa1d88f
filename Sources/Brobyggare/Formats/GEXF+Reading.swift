import Foundation

/// GEXF (https://gexf.net), Gephi's own format: versions 1.1draft (NetworKit), 1.2draft
/// (networkx's default) and 1.3 (Gephi 0.9 and later, Gephi Lite), read and written.
///
/// What is read, and where it goes:
/// - `<graph defaultedgetype>`: `directed` gives a directed network; `undirected`, `mutual` or
///   none (the schema's default) an undirected one. An edge's own `type` may repeat the default;
///   `mutual` in a directed graph is read as two arcs, one each way, with a note. An edge of the
///   other direction (a mixed graph, as Gephi writes one without `defaultedgetype`) is refused
///   at that edge: a network here has one direction.
/// - `<attributes class="node|edge" mode="static|dynamic">` and their `<attribute id title
///   type>` with `<default>`: attributes named by their title. `integer`, `long`, `short`,
///   `byte` and `biginteger` are integers; `float`, `double` and `bigdecimal` doubles; `boolean`
///   booleans; `string`, `anyURI`, `date`, `char`, the list types (`liststring`, ...) and any
///   other type text, kept as written (an unknown type with a note). Defaults fill the elements
///   that give no value, as Gephi does. An `<attvalue>` for an id no `<attribute>` of its class
///   declares is an error at its line; so is a value that is not of its type.
/// - A node's `label` is the `label` attribute; its `pid` (or the node it is nested in) the
///   `pid` attribute, as networkx reads it.
/// - An edge's `weight` is the trust (``Network/trustAttributeName`` is `weight`); its `kind`
///   (GEXF 1.3) the layer, as is an edge attribute titled `layer`; its `id` the tie's
///   ``Tie/id``; its `label` the tie attribute `label`. An edge attribute titled
///   `networkx_key` (the key networkx gives parallel edges, which it reads back as the key and
///   not as data) is left out, as networkx leaves it out.
/// - `viz:` data as attributes of their own, written back as `viz:` data: `viz_r`, `viz_g`,
///   `viz_b` (integers), `viz_a` (double) and `viz_hex` (text) for the colour; `viz_x`, `viz_y`,
///   `viz_z` for the position; `viz_size`, `viz_thickness` (doubles); `viz_shape` and `viz_uri`.
/// - Times, kept as text: an element's `start`, `end`, `startopen`, `endopen`, `timestamp`,
///   `timestamps` and `intervals` under those names; its `<spells>` (`<slices>` in 1.1) as
///   `spells` (`slices`) in Gephi's interval notation, `<[2000, 2005]; [2009, inf]>`; the values
///   of a dynamic attribute as `<[start, end, value]; ...>` (`[timestamp, value]` for
///   timestamps). The graph's `timeformat`, `timerepresentation`, `timezone`, `start` and `end`,
///   and its `name`, become network attributes; so do `<meta>`'s `lastmodifieddate` and the text
///   of its children (`creator`, `description`, `keywords`), trimmed of white space at the ends.
/// - Parallel edges and self-loops are kept; nodes may be declared after the edges that name
///   them.
///
/// What is refused, with the line and column: a root that is not `<gexf>`, a second `<graph>`,
/// a mixed graph, an edge to a node the file never declares (Gephi would add a bare node; here a
/// mistyped id must not become a new person), a duplicate node id, an attribute of a class other
/// than node and edge, an undeclared attribute id, a value not of its type, an element that has
/// both a property and an attribute of the same name with different values (a `label` and an
/// attribute titled `label`), and any DTD (so no external entity is ever resolved). Elements GEXF
/// does not define are skipped with a note.
public enum GEXFFormat {
  /// An `<attribute>` as declared.
  struct Declaration {
    var id: String
    var title: String
    var gexfType: String
    var type: AttributeType
    var dynamic: Bool
    var defaultText: String?
    var offset: Int
  }

  /// An `<attvalue>` as written, resolved once every declaration and node is known.
  struct RawValue {
    var owner: Int
    var key: String
    var value: String
    var start: String?
    var end: String?
    var startOpen: Bool
    var endOpen: Bool
    var timestamp: String?
    var offset: Int
    var hasTime: Bool { start != nil || end != nil || timestamp != nil }
  }

  /// Reads a GEXF 1.1, 1.2 or 1.3 document.
  ///
  /// - Throws: ``FormatError`` with the file, line and column of the first problem.
  /// - Complexity: O(n + m + a) for n nodes, m edges and a attribute values.
  public static func read(_ data: Data, file: String) throws(FormatError) -> Network {
    try read(XMLReader.open(data, file: file))
  }

  /// Reads a file a block at a time.
  static func read(contentsOf path: String, file: String? = nil) throws(FormatError) -> Network {
    try read(XMLReader.open(path: path, file: file))
  }

  /// The model's type for a GEXF attribute type, and whether GEXF defines that type.
  static func modelType(_ gexfType: String) -> (AttributeType, known: Bool) {
    switch gexfType.lowercased() {
    case "integer", "int", "long", "short", "byte", "biginteger": return (.integer, true)
    case "float", "double", "bigdecimal": return (.double, true)
    case "boolean", "bool": return (.boolean, true)
    case "string", "anyuri", "date", "datetime", "char", "character", "timestamp":
      return (.string, true)
    case let t where t.hasPrefix("list"): return (.string, true)
    default: return (.string, false)
    }
  }

  /// The attributes of elements that are kept as text attributes of the same name.
  static let timeProperties = [
    "start", "end", "startopen", "endopen", "timestamp", "timestamps", "intervals",
  ]

  /// The `viz:` data: element, XML attribute, the attribute it becomes, and its type.
  static let vizProperties:
    [(element: String, attribute: String, name: String, type: AttributeType)] = [
      ("color", "r", "viz_r", .integer), ("color", "g", "viz_g", .integer),
      ("color", "b", "viz_b", .integer),
      ("color", "a", "viz_a", .double), ("color", "hex", "viz_hex", .string),
      ("position", "x", "viz_x", .double), ("position", "y", "viz_y", .double),
      ("position", "z", "viz_z", .double),
      ("size", "value", "viz_size", .double), ("thickness", "value", "viz_thickness", .double),
      ("shape", "value", "viz_shape", .string), ("shape", "uri", "viz_uri", .string),
    ]

  static func read(_ xmlReader: XMLReader) throws(FormatError) -> Network {
    var reader = xmlReader
    let file = reader.file
    let input = reader.input
    func failure(_ message: String, at offset: Int) -> FormatError {
      let (l, c) = input.location(of: offset)
      return FormatError(file: file, line: l, column: c, message)
    }

    var network = Network(directed: false)
    network.trustAttributeName = "weight"
    var notes: [String] = []
    var noted: Set<String> = []
    func note(_ key: String, _ text: @autoclosure () -> String) {
      if noted.insert(key).inserted { notes.append(text()) }
    }
    // Skipped elements are named once per name, the first ten names only: a file cannot make
    // the notes grow without bound.
    var skippedNames = 0
    func noteSkipped(_ key: String, _ text: @autoclosure () -> String) {
      guard !noted.contains(key), skippedNames <= 10 else { return }
      skippedNames += 1
      note(
        key,
        skippedNames <= 10
          ? text() : "other elements are skipped too (only the first ten names are listed)")
    }

    // Where the reader is: a stack of the elements it is inside.
    enum Place: Equatable {
      case root, meta, metaChild(String), graph, attributes, attribute, defaultValue, options
      case nodes, node(Int), edges, edge(Int), attvalues, spells, parents, skipped
    }
    var stack: [Place] = []
    var sawRoot = false
    var sawGraph = false
    var vizPrefixes: Set<String> = ["viz"]
    var gexfPrefixes: Set<String> = []
    var text = ""

    // Declarations.
    var nodeDecls: [Declaration] = []
    var edgeDecls: [Declaration] = []
    var attributesClass = "node"
    var attributesDynamic = false
    var currentDecl: Declaration?

    // Nodes go into the network as they come; the names of properties read from their XML
    // (label, viz, times) are declared in the order first seen.
    var nodeValues: [RawValue] = []
    var nodeExtras: [(String, AttributeType)] = []
    var nodeExtraNames: Set<String> = []
    var nodeStack: [Int] = []  // nested nodes (GEXF hierarchies), innermost last

    // Edges in file order, in parallel arrays: their ends are found once every node is known.
    var edgeSources: [String] = []
    var edgeTargets: [String] = []
    var edgeOffsets: [Int] = []
    var edgeIDs: [String?] = []
    var edgeMutual: [Bool] = []
    var edgeWeights: [Double?] = []
    var edgeKinds: [String?] = []
    var edgeAttributes: [[String: AttributeValue]] = []
    var edgeValues: [RawValue] = []
    var edgeExtras: [(String, AttributeType)] = []
    var edgeExtraNames: Set<String> = []
    var directed = false
    var mutualInDirected = 0

    var spellParts: [String] = []
    var spellsName = "spells"
    var parentIDs: [String] = []

    /// Sets a property read from an element's XML (a label, viz data, a time) on the node or
    /// edge being read.
    func setProperty(_ name: String, _ value: AttributeValue, owner: Place) {
      switch owner {
      case .node(let i):
        network.setNodeAttribute(name, value, at: i)
        if nodeExtraNames.insert(name).inserted { nodeExtras.append((name, value.type)) }
      case .edge(let e):
        edgeAttributes[e][name] = value
        if edgeExtraNames.insert(name).inserted { edgeExtras.append((name, value.type)) }
      default: break
      }
    }

    /// The element that owns what is read now: the innermost node or edge.
    func owner() -> Place? {
      for p in stack.reversed() {
        switch p {
        case .node, .edge: return p
        case .nodes, .edges, .graph: return nil
        default: continue
        }
      }
      return nil
    }

    /// The interval the element at hand gives: `start` and `end`, or `startopen` and `endopen`
    /// for an end that is not in it.
    func interval() -> (start: String?, end: String?, startOpen: Bool, endOpen: Bool) {
      let so = reader.attribute("startopen")
      let eo = reader.attribute("endopen")
      return (so ?? reader.attribute("start"), eo ?? reader.attribute("end"), so != nil, eo != nil)
    }

    func timeText(_ start: String?, _ end: String?, startOpen: Bool, endOpen: Bool) -> String {
      (startOpen ? "(" : "[") + (start ?? "-inf") + ", " + (end ?? "inf") + (endOpen ? ")" : "]")
    }

    /// The name of an element without the prefix of GEXF's own namespace, or with `viz:` for
    /// viz data whatever its prefix; `nil` for an element of a foreign namespace.
    func localName(_ name: String, hasColon: Bool) -> String? {
      guard hasColon, let colon = name.firstIndex(of: ":") else { return name }
      let prefix = String(name[..<colon])
      let local = String(name[name.index(after: colon)...])
      if vizPrefixes.contains(prefix) { return "viz:" + local }
      if gexfPrefixes.contains(prefix) { return local }
      return nil
    }

    while true {
      reader.wantsText =
        stack.last == .defaultValue
        || {
          if case .metaChild = stack.last { return true }
          return false
        }()
      guard let event = try reader.next() else { break }
      switch event {
      case .start:
        let offset = reader.eventOffset
        if stack.last == .skipped || stack.last == .options {
          stack.append(.skipped)
          continue
        }
        if !sawRoot {
          sawRoot = true
          let local = reader.name.split(separator: ":").last.map(String.init) ?? reader.name
          guard local == "gexf" else {
            throw failure(
              "the root element is <\(reader.name)>, not <gexf>; this is not a GEXF file",
              at: offset)
          }
          for (n, v) in reader.attributes where n.hasPrefix("xmlns:") {
            let prefix = String(n.dropFirst(6))
            if v.hasSuffix("/viz") {
              vizPrefixes.insert(prefix)
            } else if v.contains("gexf.net") {
              gexfPrefixes.insert(prefix)
            }
          }
          if reader.nameHasColon, let colon = reader.name.firstIndex(of: ":") {
            gexfPrefixes.insert(String(reader.name[..<colon]))
          }
          stack.append(.root)
          continue
        }
        guard let name = localName(reader.name, hasColon: reader.nameHasColon) else {
          noteSkipped(
            "foreign:\(reader.name)",
            "elements of other namespaces (<\(reader.name)>, first on line \(input.location(of: offset).line)) are skipped"
          )
          stack.append(.skipped)
          continue
        }
        let place = stack.last ?? .root
        switch (place, name) {
        case (.root, "meta"):
          if let d = reader.attribute("lastmodifieddate") {
            network.attributes["lastmodifieddate"] = .string(d)
          }
          stack.append(.meta)
        case (.meta, _):
          text = ""
          stack.append(.metaChild(name))
        case (.root, "graph"):
          guard !sawGraph else {
            throw failure(
              "the file holds more than one <graph>; Brobyggare reads one graph per file (split the file)",
              at: offset)
          }
          sawGraph = true
          switch reader.attribute("defaultedgetype") {
          case "directed": directed = true
          case "undirected", "mutual", nil: directed = false
          case let d?:
            throw failure(
              "defaultedgetype is '\(d)'; expected directed, undirected or mutual", at: offset)
          }
          network.isDirected = directed
          if let n = reader.attribute("name"), !n.isEmpty {
            network.attributes["name"] = .string(n)
          }
          for key in ["timeformat", "timerepresentation", "timezone", "start", "end"] {
            if let v = reader.attribute(key) { network.attributes[key] = .string(v) }
          }
          if reader.attribute("mode") == "dynamic" || reader.attribute("mode") == "slice" {
            note(
              "dynamic",
              "the graph is dynamic: its times are kept as text attributes (start, end, spells, ...) and the measures see every node and tie at once"
            )
          }
          stack.append(.graph)
        case (.graph, "attributes"):
          let cls = reader.attribute("class") ?? "node"
          guard cls == "node" || cls == "edge" else {
            throw failure("<attributes class=\"\(cls)\">: expected class node or edge", at: offset)
          }
          attributesClass = cls
          // GEXF 1.0 called the mode 'type'.
          let mode = reader.attribute("mode") ?? reader.attribute("type") ?? "static"
          guard mode == "static" || mode == "dynamic" else {
            throw failure("<attributes mode=\"\(mode)\">: expected static or dynamic", at: offset)
          }
          attributesDynamic = mode == "dynamic"
          stack.append(.attributes)
        case (.attributes, "attribute"):
          guard let id = reader.attribute("id") else {
            throw failure("<attribute> has no id", at: offset)
          }
          let title = reader.attribute("title").flatMap { $0.isEmpty ? nil : $0 } ?? id
          let gexfType = reader.attribute("type") ?? "string"
          let (type, known) = modelType(gexfType)
          if !known {
            note(
              "type:\(gexfType)",
              "the attribute '\(title)' has the type '\(gexfType)', which GEXF does not define; its values are read as text"
            )
          }
          let decls = attributesClass == "node" ? nodeDecls : edgeDecls
          if decls.contains(where: { $0.id == id }) {
            throw failure(
              "the \(attributesClass) attribute id '\(id)' is declared twice", at: offset)
          }
          if let other = decls.first(where: { $0.title == title }) {
            throw failure(
              "two \(attributesClass) attributes have the title '\(title)' (ids '\(other.id)' and '\(id)'); titles name attributes here, so they must differ",
              at: offset)
          }
          currentDecl = Declaration(
            id: id, title: title, gexfType: gexfType, type: attributesDynamic ? .string : type,
            dynamic: attributesDynamic, defaultText: nil, offset: offset)
          stack.append(.attribute)
        case (.attribute, "default"):
          text = ""
          stack.append(.defaultValue)
        case (.attribute, "options"):
          stack.append(.options)  // GEXF 1.3's allowed values of a list type: not data
        case (.graph, "nodes"), (.node, "nodes"):
          stack.append(.nodes)
        case (.nodes, "node"):
          guard let id = reader.attribute("id") else {
            throw failure("<node> has no id", at: offset)
          }
          let i: Int
          do { i = try network.addNode(Node(id: id)) } catch {
            throw failure("the node id '\(id)' is declared twice", at: offset)
          }
          stack.append(.node(i))
          if let label = reader.attribute("label") {
            setProperty("label", .string(label), owner: .node(i))
          }
          if let pid = reader.attribute("pid") ?? nodeStack.last.map({ network.nodes[$0].id }) {
            setProperty("pid", .string(pid), owner: .node(i))
          }
          if nodeStack.last != nil {
            note(
              "hierarchy",
              "nested nodes (a GEXF hierarchy) are read as nodes of their own, each with its parent's id in the attribute 'pid'"
            )
          }
          for key in timeProperties {
            if let v = reader.attribute(key) { setProperty(key, .string(v), owner: .node(i)) }
          }
          nodeStack.append(i)
        case (.graph, "edges"), (.node, "edges"):
          stack.append(.edges)
        case (.edges, "edge"):
          guard let s = reader.attribute("source"), let t = reader.attribute("target") else {
            throw failure("<edge> needs both source and target", at: offset)
          }
          var mutual = false
          if let type = reader.attribute("type") {
            switch type {
            case "directed", "undirected":
              if (type == "directed") != directed {
                throw failure(
                  "this edge is \(type) in \(directed ? "a directed" : "an undirected") graph; a network here has one direction, so mixed graphs (as Gephi writes them, with each edge's type) are not read (make every edge one kind)",
                  at: offset)
              }
            case "mutual":
              mutual = directed
              if directed { mutualInDirected += 1 }
            default:
              throw failure(
                "the edge type is '\(type)'; expected directed, undirected or mutual", at: offset)
            }
          }
          var weight: Double?
          if let w = reader.attribute("weight") {
            guard let d = parseDouble(trimmingWhitespace(w, newlines: true)) else {
              throw failure("the edge weight '\(w)' is not a number", at: offset)
            }
            weight = d
          }
          let e = edgeSources.count
          edgeSources.append(s)
          edgeTargets.append(t)
          edgeOffsets.append(offset)
          edgeIDs.append(reader.attribute("id"))
          edgeMutual.append(mutual)
          edgeWeights.append(weight)
          // as Gephi reads it
          edgeKinds.append(reader.attribute("kind").flatMap { $0.isEmpty ? nil : $0 })
          edgeAttributes.append([:])
          stack.append(.edge(e))
          if let label = reader.attribute("label") {
            setProperty("label", .string(label), owner: .edge(e))
          }
          for key in timeProperties {
            if let v = reader.attribute(key) { setProperty(key, .string(v), owner: .edge(e)) }
          }
        case (.node, "attvalues"), (.edge, "attvalues"):
          stack.append(.attvalues)
        case (.attvalues, "attvalue"):
          // GEXF 1.0 named the attribute with 'id'.
          guard let key = reader.attribute("for") ?? reader.attribute("id") else {
            throw failure("<attvalue> has no 'for'; expected the id of an <attribute>", at: offset)
          }
          guard let value = reader.attribute("value") else {
            throw failure("<attvalue for=\"\(key)\"> has no value", at: offset)
          }
          let (start, end, startOpen, endOpen) = interval()
          let raw = RawValue(
            owner: 0, key: key, value: value, start: start, end: end, startOpen: startOpen,
            endOpen: endOpen, timestamp: reader.attribute("timestamp"), offset: offset)
          switch owner() {
          case .node(let i)?:
            var r = raw
            r.owner = i
            nodeValues.append(r)
          case .edge(let e)?:
            var r = raw
            r.owner = e
            edgeValues.append(r)
          default: break
          }
          stack.append(.skipped)
        case (.node, "spells"), (.edge, "spells"), (.node, "slices"), (.edge, "slices"):
          spellParts = []
          spellsName = name
          stack.append(.spells)
        case (.spells, "spell"), (.spells, "slice"):
          if let t = reader.attribute("timestamp") {
            spellParts.append("[\(t)]")
          } else {
            let (start, end, startOpen, endOpen) = interval()
            spellParts.append(timeText(start, end, startOpen: startOpen, endOpen: endOpen))
          }
          stack.append(.skipped)
        case (.node, "parents"):
          parentIDs = []
          stack.append(.parents)
        case (.parents, "parent"):
          if let p = reader.attribute("for") { parentIDs.append(p) }
          stack.append(.skipped)
        case (.node, _) where name.hasPrefix("viz:"), (.edge, _) where name.hasPrefix("viz:"):
          let element = String(name.dropFirst(4))
          let props = vizProperties.filter { $0.element == element }
          if props.isEmpty {
            noteSkipped(
              "viz:\(element)",
              "viz data <\(reader.name)> is not read (first on line \(input.location(of: offset).line))"
            )
          }
          for p in props {
            guard let v = reader.attribute(p.attribute) else { continue }
            guard let value = AttributeValue.parse(v, as: p.type) else {
              throw failure(
                "<\(reader.name) \(p.attribute)=\"\(v)\">: expected \(p.type == .integer ? "an integer" : "a number")",
                at: offset)
            }
            setProperty(p.name, value, owner: stack.last!)
          }
          stack.append(.skipped)
        default:
          noteSkipped(
            "element:\(name)",
            "<\(reader.name)> is not read here (first on line \(input.location(of: offset).line))")
          stack.append(.skipped)
        }
      case .text:
        switch stack.last {
        case .defaultValue?, .metaChild?: text += reader.text
        default: break
        }
      case .end:
        guard let place = stack.popLast() else { break }
        switch place {
        case .metaChild(let name):
          let t = trimmingWhitespace(text, newlines: true)
          if !t.isEmpty { network.attributes[name] = .string(t) }
        case .defaultValue:
          currentDecl?.defaultText = text
        case .attribute:
          if var d = currentDecl {
            if let t = d.defaultText, !d.dynamic {
              let trimmed = d.type == .string ? t : trimmingWhitespace(t, newlines: true)
              if trimmed.isEmpty && d.type != .string {
                d.defaultText = nil
              } else if AttributeValue.parse(trimmed, as: d.type) == nil {
                throw failure(
                  "the default '\(t)' of the attribute '\(d.title)' is not a valid \(d.gexfType)",
                  at: d.offset)
              }
            }
            if attributesClass == "node" { nodeDecls.append(d) } else { edgeDecls.append(d) }
          }
          currentDecl = nil
        case .node:
          nodeStack.removeLast()
        case .spells:
          if let o = owner() {
            setProperty(
              spellsName, .string("<" + spellParts.joined(separator: "; ") + ">"), owner: o)
          }
        case .parents:
          if let o = owner() {
            setProperty("parents", .string(parentIDs.joined(separator: "|")), owner: o)
          }
        default: break
        }
      }
    }
    guard sawGraph else {
      throw FormatError(file: file, line: 1, column: 1, "the file has no <graph>")
    }

    // Attribute values, now that every declaration is known.
    func typed(_ raw: RawValue, _ d: Declaration) throws(FormatError) -> AttributeValue? {
      if d.type == .string { return .string(raw.value) }
      let t = trimmingWhitespace(raw.value, newlines: true)
      if t.isEmpty { return nil }  // Gephi skips empty values too
      guard let v = AttributeValue.parse(t, as: d.type) else {
        throw failure(
          "'\(raw.value)' is not a valid \(d.gexfType) for the attribute '\(d.title)'",
          at: raw.offset)
      }
      return v
    }
    /// The values of each element's dynamic attributes, as parts of Gephi's notation.
    func dynamicPart(_ raw: RawValue) -> String {
      let v = quotedForIntervals(raw.value)
      if let t = raw.timestamp { return "[\(t), \(v)]" }
      if raw.start == nil && raw.end == nil { return "[-inf, inf, \(v)]" }
      let bounds = timeText(raw.start, raw.end, startOpen: raw.startOpen, endOpen: raw.endOpen)
      return String(bounds.dropLast()) + ", " + v + String(bounds.last!)
    }
    /// Attributes whose values carry times though their class says static are read as dynamic.
    func promoted(_ decls: [Declaration], _ values: [RawValue]) -> [Declaration] {
      let timed = Set(values.lazy.filter(\.hasTime).map(\.key))
      return decls.map { d in
        guard !d.dynamic, timed.contains(d.id) else { return d }
        var p = d
        p.dynamic = true
        p.type = .string
        return p
      }
    }
    nodeDecls = promoted(nodeDecls, nodeValues)
    edgeDecls = promoted(edgeDecls, edgeValues)
    // networkx writes the key of each parallel edge as 'networkx_key' and reads it back as the
    // key, not as data; it is bookkeeping, not content, and is left out as networkx leaves it.
    let networkxKey = edgeDecls.first { $0.title == "networkx_key" }?.id
    edgeDecls.removeAll { $0.id == networkxKey }
    for d in nodeDecls + edgeDecls where d.dynamic {
      note(
        "dynamic:\(d.title)",
        "the dynamic attribute '\(d.title)' is read as text in Gephi's notation, <[start, end, value]; ...>"
      )
    }

    let nodeDeclByID = Dictionary(nodeDecls.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let edgeDeclByID = Dictionary(edgeDecls.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var dynamicNodeParts: [Int: [String: [String]]] = [:]
    var setByValue: [Int: Set<String>] = [:]
    for raw in nodeValues {
      guard let d = nodeDeclByID[raw.key] else {
        throw failure(
          "<attvalue for=\"\(raw.key)\">: no node <attribute> has the id '\(raw.key)'",
          at: raw.offset)
      }
      if d.dynamic {
        dynamicNodeParts[raw.owner, default: [:]][d.title, default: []].append(dynamicPart(raw))
        continue
      }
      guard let v = try typed(raw, d) else { continue }
      if !setByValue[raw.owner, default: []].insert(d.title).inserted {
        throw failure(
          "a second value for the attribute '\(d.title)' of node '\(network.nodes[raw.owner].id)'",
          at: raw.offset)
      }
      if let old = network.nodes[raw.owner].attributes[d.title], old != v {
        throw failure(
          "node '\(network.nodes[raw.owner].id)' has both a \(d.title) ('\(old)') and an attribute titled '\(d.title)' ('\(v)')",
          at: raw.offset)
      }
      network.setNodeAttribute(d.title, v, at: raw.owner)
    }
    for (i, byTitle) in dynamicNodeParts {
      for (title, parts) in byTitle {
        network.setNodeAttribute(title, .string("<" + parts.joined(separator: "; ") + ">"), at: i)
      }
    }

    var undeclaredWeights: [Int: (String, Int)] = [:]
    var dynamicEdgeParts: [Int: [String: [String]]] = [:]
    var edgeSet: [Int: Set<String>] = [:]
    for raw in edgeValues {
      if raw.key == networkxKey { continue }
      guard let d = edgeDeclByID[raw.key] else {
        // Gephi 0.7 wrote weights as values of an undeclared 'weight'; networkx reads them so.
        if raw.key == "weight" {
          undeclaredWeights[raw.owner] = (raw.value, raw.offset)
          note(
            "weight07",
            "edge values for the undeclared attribute 'weight' (as Gephi 0.7 wrote them) are read as the trust"
          )
          continue
        }
        throw failure(
          "<attvalue for=\"\(raw.key)\">: no edge <attribute> has the id '\(raw.key)'",
          at: raw.offset)
      }
      if d.dynamic {
        dynamicEdgeParts[raw.owner, default: [:]][d.title, default: []].append(dynamicPart(raw))
        continue
      }
      guard let v = try typed(raw, d) else { continue }
      if !edgeSet[raw.owner, default: []].insert(d.title).inserted {
        throw failure("a second value for the attribute '\(d.title)' of this edge", at: raw.offset)
      }
      if let old = edgeAttributes[raw.owner][d.title], old != v {
        throw failure(
          "the edge has both a \(d.title) ('\(old)') and an attribute titled '\(d.title)' ('\(v)')",
          at: raw.offset)
      }
      edgeAttributes[raw.owner][d.title] = v
    }
    for (e, byTitle) in dynamicEdgeParts {
      for (title, parts) in byTitle {
        edgeAttributes[e][title] = .string("<" + parts.joined(separator: "; ") + ">")
      }
    }

    // Declarations: the label first, then the file's attributes, then the other properties.
    func declaration(_ d: Declaration) -> AttributeDeclaration {
      AttributeDeclaration(
        name: d.title, type: d.type,
        defaultValue: d.defaultText.flatMap { t in
          d.type == .string
            ? .string(t) : AttributeValue.parse(trimmingWhitespace(t, newlines: true), as: d.type)
        })
    }
    if nodeExtraNames.contains("label") {
      network.declareNodeAttribute(AttributeDeclaration(name: "label", type: .string))
    }
    for d in nodeDecls { network.declareNodeAttribute(declaration(d)) }
    for (n, t) in nodeExtras {
      network.declareNodeAttribute(AttributeDeclaration(name: n, type: t))
    }
    let nodeDefaults = nodeDecls.compactMap { d in declaration(d).defaultValue.map { (d.title, $0) }
    }
    if !nodeDefaults.isEmpty {
      for i in 0..<network.nodeCount {
        var attrs = network.nodes[i].attributes
        for (n, v) in nodeDefaults where attrs[n] == nil { attrs[n] = v }
        network.setNodeAttributes(attrs, at: i)
      }
    }

    // The layer: an edge's kind, or an edge attribute titled 'layer' that holds text.
    let layerTitle = edgeDecls.first { $0.title == "layer" && $0.type == .string && !$0.dynamic }?
      .title
    if edgeExtraNames.contains("label") {
      network.declareTieAttribute(AttributeDeclaration(name: "label", type: .string))
    }
    for d in edgeDecls where d.title != layerTitle { network.declareTieAttribute(declaration(d)) }
    for (n, t) in edgeExtras { network.declareTieAttribute(AttributeDeclaration(name: n, type: t)) }
    let edgeDefaults = edgeDecls.compactMap { d in declaration(d).defaultValue.map { (d.title, $0) }
    }

    network.reserveCapacity(nodes: 0, ties: edgeSources.count + mutualInDirected)
    for e in edgeSources.indices {
      guard let s = network.index(of: edgeSources[e]) else {
        throw failure(
          "the edge's source '\(edgeSources[e])' is not a <node> in this file (Gephi would add it as a bare node; declare it in <nodes>)",
          at: edgeOffsets[e])
      }
      guard let t = network.index(of: edgeTargets[e]) else {
        throw failure(
          "the edge's target '\(edgeTargets[e])' is not a <node> in this file (Gephi would add it as a bare node; declare it in <nodes>)",
          at: edgeOffsets[e])
      }
      var attrs = edgeAttributes[e]
      for (n, v) in edgeDefaults where attrs[n] == nil { attrs[n] = v }
      var layer = edgeKinds[e]
      if let lt = layerTitle, let v = attrs.removeValue(forKey: lt) {
        if let k = layer, k != v.description {
          throw failure(
            "the edge's kind '\(k)' and its attribute 'layer' ('\(v)') differ; a tie has one layer",
            at: edgeOffsets[e])
        }
        layer = v.description
      }
      var trust = edgeWeights[e]
      if let (w, offset) = undeclaredWeights[e] {
        guard let d = parseDouble(trimmingWhitespace(w, newlines: true)) else {
          throw failure("the weight '\(w)' is not a number", at: offset)
        }
        if let x = trust, x != d {
          throw failure(
            "the edge's weight \(formatNumber(x)) and its value for 'weight' (\(w)) differ",
            at: offset)
        }
        trust = d
      }
      let tie = Tie(
        source: s, target: t, trust: trust, layer: layer, id: edgeIDs[e], attributes: attrs)
      network.addTie(tie)
      if edgeMutual[e] {
        // The arc back has no id: ids name one edge, and Gephi keeps only the first of two.
        network.addTie(Tie(source: t, target: s, trust: trust, layer: layer, attributes: attrs))
      }
    }
    if mutualInDirected > 0 {
      notes.append(
        "\(mutualInDirected) mutual edge\(mutualInDirected == 1 ? " was" : "s were") read as two ties, one each way, as the graph is directed"
      )
    }
    network.readNotes += notes
    return network
  }

  /// A value as Gephi's interval notation quotes it: as written when it holds nothing that
  /// notation reads, else in double quotes with `"` and `\` escaped.
  static func quotedForIntervals(_ v: String) -> String {
    let special: Set<Character> = [",", ";", "[", "]", "(", ")", "<", ">", "\"", "'", "\\"]
    if !v.isEmpty, !v.contains(where: { special.contains($0) }), v.first != " ", v.last != " " {
      return v
    }
    return "\""
      + v.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
      + "\""
  }

  /// Whether these first bytes look like a GEXF document: a `<gexf` root, after an optional
  /// byte-order mark, XML declaration, comments and white space. UTF-16 with a byte-order mark
  /// is looked at too.
  static func sniff(_ prefix: Data) -> Bool {
    var bytes = [UInt8](prefix.prefix(4096))
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
      let little = bytes[0] == 0xFF
      var ascii: [UInt8] = []
      var i = 2
      while i + 1 < bytes.count {
        let (lo, hi) = little ? (bytes[i], bytes[i + 1]) : (bytes[i + 1], bytes[i])
        ascii.append(hi == 0 && lo < 0x80 ? lo : 0x3F)
        i += 2
      }
      bytes = ascii
    } else if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      bytes.removeFirst(3)
    }
    var i = 0
    func at(_ s: String) -> Bool { bytes[i...].starts(with: Array(s.utf8)) }
    func skip(past s: String) -> Bool {
      let pattern = Array(s.utf8)
      while i < bytes.count {
        if bytes[i...].starts(with: pattern) {
          i += pattern.count
          return true
        }
        i += 1
      }
      return false
    }
    while i < bytes.count {
      let b = bytes[i]
      if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
        i += 1
        continue
      }
      guard b == UInt8(ascii: "<") else { return false }
      if at("<?") {
        guard skip(past: "?>") else { return false }
        continue
      }
      if at("<!--") {
        guard skip(past: "-->") else { return false }
        continue
      }
      guard at("<gexf") else { return false }
      guard i + 5 < bytes.count else { return true }
      let next = bytes[i + 5]
      return next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D
        || next == UInt8(ascii: ">") || next == UInt8(ascii: "/")
    }
    return false
  }
}
