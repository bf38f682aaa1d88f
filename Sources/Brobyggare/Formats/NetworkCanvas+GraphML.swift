import Foundation

extension NetworkCanvasFormat.Reading {
  /// A `<key>` of Network Canvas's GraphML.
  struct CanvasKey {
    var id: String
    var domain: String
    var name: String
    var type: AttributeType
    /// Where the `<key>` is, for messages.
    var offset: Int
  }

  /// What one `<node>` or `<edge>` held while its `<graph>` is read.
  struct Element {
    var id: String
    var source: String?
    var target: String?
    var data: [(key: String, text: String)] = []
    var offset: Int
  }

  /// The `nc:` attributes of `<graph>`, by the ego-file column that holds the same.
  static let sessionAttributes: [(graphAttribute: String, column: String)] = [
    ("nc:caseId", "networkCanvasCaseID"), ("nc:sessionUUID", "networkCanvasSessionID"),
    ("nc:protocolName", "networkCanvasProtocolName"), ("nc:sessionStartTime", "sessionStart"),
    ("nc:sessionFinishTime", "sessionFinish"), ("nc:sessionExportTime", "sessionExported"),
    ("nc:protocolUID", "networkCanvasProtocolUID"),
    ("nc:codebookHash", "networkCanvasCodebookHash"),
  ]

  /// Reads a GraphML file of Network Canvas's: one session per top-level `<graph>`.
  mutating func readGraphML(_ f: NetworkCanvasFormat.InputFile) throws(FormatError) {
    var reader = try XMLReader.open(f.data, file: f.name)
    let input = reader.input
    func failure(_ message: String, at offset: Int) -> FormatError {
      let (l, c) = input.location(of: offset)
      return FormatError(file: f.name, line: l, column: c, message)
    }
    var keys: [CanvasKey] = []
    var keyIndex: [String: Int] = [:]
    var plan: KeyPlan?
    var graphs = 0
    // The open graph: its attributes, data, nodes and edges.
    var graphAttributes: [String: String] = [:]
    var graphOffset = 0
    var graphData: [(key: String, text: String)] = []
    var nodes: [Element] = []
    var edges: [Element] = []
    var current: Element?
    var currentIsEdge = false
    var inGraph = false
    var dataKey: String?
    var dataText = ""
    var inKey = false
    var inDesc = false
    var descText = ""
    // Each session's line, counted on from the last session's (graphs come in order of their
    // offsets), so that the file is read once to place them all, not once per session.
    var lines = LineCounter()
    var linesAt = 0
    func line(of offset: Int) -> Int {
      while linesAt < offset {
        let chunk = input.text(from: linesAt, count: Swift.min(1 << 20, offset - linesAt))
        if chunk.isEmpty { break }
        for b in chunk { lines.advance(b) }
        linesAt += chunk.count
      }
      return lines.line
    }
    defer { locatedBytes += linesAt }
    while let event = try reader.next() {
      switch event {
      case .start:
        let name = reader.name
        switch name {
        case "key":
          guard let id = reader.attribute("id") else {
            throw failure("a <key> has no id", at: reader.eventOffset)
          }
          let domain = reader.attribute("for") ?? "all"
          let attrName = reader.attribute("attr.name") ?? id
          let type: AttributeType
          switch (reader.attribute("attr.type") ?? "string").lowercased() {
          case "boolean": type = .boolean
          case "int", "long": type = .integer
          case "float", "double": type = .double
          default: type = .string
          }
          keyIndex[id] = keys.count
          keys.append(
            CanvasKey(
              id: id, domain: domain, name: attrName, type: type, offset: reader.eventOffset))
          inKey = !reader.selfClosing
        case "desc":
          if inKey {
            inDesc = true
            descText = ""
          }
        case "graph":
          if inGraph {
            throw failure(
              "a <graph> inside a <graph>; Network Canvas writes one flat <graph> per session",
              at: reader.eventOffset)
          }
          inGraph = true
          graphs += 1
          graphOffset = reader.eventOffset
          graphAttributes = [:]
          for (k, v) in reader.attributes { graphAttributes[k] = v }
          graphData = []
          nodes = []
          edges = []
          if plan == nil {
            plan = try keyPlan(keys, file: f.name) { input.location(of: $0) }
          }
        case "node", "edge":
          guard inGraph else {
            throw failure("<\(name)> outside a <graph>", at: reader.eventOffset)
          }
          guard current == nil else {
            throw failure(
              "<\(name)> inside a <node> or <edge>; Network Canvas writes flat sessions",
              at: reader.eventOffset)
          }
          guard let id = reader.attribute("id") else {
            throw failure("<\(name)> has no id", at: reader.eventOffset)
          }
          currentIsEdge = name == "edge"
          current = Element(
            id: id, source: reader.attribute("source"), target: reader.attribute("target"),
            offset: reader.eventOffset)
          if currentIsEdge && (current!.source == nil || current!.target == nil) {
            throw failure(
              "<edge id=\"\(FormatError.excerpt(id))\"> has no source or no target",
              at: reader.eventOffset)
          }
        case "data":
          guard let key = reader.attribute("key") else {
            throw failure("<data> has no key", at: reader.eventOffset)
          }
          guard keyIndex[key] != nil else {
            throw failure(
              "<data> names the key '\(FormatError.excerpt(key))', which no <key> declares",
              at: reader.eventOffset)
          }
          dataKey = key
          dataText = ""
        default:
          break
        }
      case .text:
        if dataKey != nil { dataText += reader.text } else if inDesc { descText += reader.text }
      case .end:
        let name = reader.name
        switch name {
        case "data":
          if let k = dataKey {
            if current != nil {
              current!.data.append((k, dataText))
            } else if inGraph {
              graphData.append((k, dataText))
            }
          }
          dataKey = nil
        case "key":
          inKey = false
        case "desc":
          // The variable's name as written, where attr.name has characters GraphML does not
          // allow replaced with `_`: the name the CSV export uses.
          if inDesc, !descText.isEmpty { keys[keys.count - 1].name = descText }
          inDesc = false
        case "node", "edge":
          if let c = current { if currentIsEdge { edges.append(c) } else { nodes.append(c) } }
          current = nil
        case "graph":
          inGraph = false
          try finishGraph(
            file: f.name, offset: graphOffset, line: line(of: graphOffset),
            attributes: graphAttributes, data: graphData,
            nodes: nodes, edges: edges, keys: keys, keyIndex: keyIndex, plan: plan!,
            failure: failure)
        default: break
        }
      }
    }
    if graphs == 0 {
      throw FormatError(
        file: f.name, line: 1, column: 1, "the file has no <graph>; expected one per session")
    }
  }

  /// How a file's keys become attributes: each key's attribute name, and the categorical
  /// groups among them.
  struct KeyPlan {
    /// The categorical a key is an option of: (variable, option).
    var option: [String: (variable: String, option: String)] = [:]
    /// The options of each folded variable, in key order, by domain and variable.
    var groups: [(domain: String, variable: String, keys: [String], options: [String])] = []
    /// The attribute name of every other key (layout keys renamed).
    var name: [String: String] = [:]
  }

  mutating func keyPlan(
    _ keys: [CanvasKey], file: String, locate: (Int) -> (line: Int, column: Int)
  )
    throws(FormatError) -> KeyPlan
  {
    var plan = KeyPlan()
    for domain in ["graph", "node", "edge", "all"] {
      let ks = keys.filter { $0.domain == domain }
      var grouped = Set<String>()
      if options.categoricals == nil {
        // Network Canvas's own keys: `<variableUUID>_<SHA-1 of the option>`, one per option.
        var byVariable: [(String, [CanvasKey])] = []
        for k in ks where k.type == .boolean {
          guard let u = k.id.lastIndex(of: "_") else { continue }
          let hash = k.id[k.id.index(after: u)...]
          guard hash.count == 40, hash.allSatisfy(\.isHexDigit) else { continue }
          let variableID = String(k.id[..<u])
          if let i = byVariable.firstIndex(where: { $0.0 == variableID }) {
            byVariable[i].1.append(k)
          } else {
            byVariable.append((variableID, [k]))
          }
        }
        for (_, members) in byVariable {
          // The variable's name: the attr.name before the `_<option>` whose SHA-1 the id ends with.
          var variable: String?
          var opts: [String] = []
          for k in members {
            let hash = String(k.id[k.id.index(after: k.id.lastIndex(of: "_")!)...]).lowercased()
            var found: (String, String)?
            var i = k.name.startIndex
            while let u = k.name[i...].firstIndex(of: "_") {
              let option = String(k.name[k.name.index(after: u)...])
              if SHA1.hex(option) == hash {
                found = (String(k.name[..<u]), option)
                break
              }
              i = k.name.index(after: u)
            }
            guard let (v, o) = found, variable == nil || variable == v else {
              variable = nil
              opts = []
              break
            }
            variable = v
            opts.append(o)
          }
          guard let variable else { continue }
          plan.groups.append((domain, variable, members.map(\.id), opts))
          for (k, o) in zip(members, opts) {
            plan.option[k.id] = (variable, o)
            grouped.insert(k.id)
          }
        }
      }
      // Other boolean keys: by name, as the CSV's columns are; but a key whose id is a codebook
      // UUID of its own is a true/false variable of its own (an option's id is the variable's
      // UUID and the option's SHA-1), however its name begins: `met_work` and `met_online`
      // asked as two questions stay two.
      let rest = ks.filter { !grouped.contains($0.id) && !isCodebookUUID($0.id) }
      let groups = try categoricalGroups(
        rest.map(\.name), isBoolean: rest.map { $0.type == .boolean }
      ) { i in
        let (l, c) = locate(rest[i].offset)
        return (file, l, c)
      }
      for g in groups {
        let ids = g.columns.map { rest[$0].id }
        plan.groups.append((domain, g.variable, ids, g.options))
        for (id, o) in zip(ids, g.options) { plan.option[id] = (g.variable, o) }
      }
      for g in plan.groups where g.domain == domain {
        recordFold(g.variable, g.options, in: domain == "graph" ? "ego" : domain + "s")
      }
      // Layout variables: `<var>_X` and `<var>_Y` doubles, named `_x` and `_y` as in the CSV.
      let names = Set(ks.map(\.name))
      for k in ks {
        var name = k.name
        if k.type == .double, name.hasSuffix("_X") || name.hasSuffix("_Y") {
          let stem = String(name.dropLast(2))
          if names.contains(stem + "_X"), names.contains(stem + "_Y") {
            name = stem + (k.name.hasSuffix("_X") ? "_x" : "_y")
            layoutRenamed.insert(stem)
          }
        }
        plan.name[k.id] = name
      }
    }
    return plan
  }

  /// The attributes of one element's `<data>`, typed by their keys, categoricals folded.
  mutating func canvasAttributes(
    _ data: [(key: String, text: String)], keys: [CanvasKey], keyIndex: [String: Int],
    plan: KeyPlan,
    skip: Set<String>, domain: String, failure: (String, Int) -> FormatError, offset: Int
  ) throws(FormatError) -> [String: AttributeValue] {
    var out: [String: AttributeValue] = [:]
    var optionValues: [String: Bool?] = [:]
    for (id, text) in data where !skip.contains(id) {
      let key = keys[keyIndex[id]!]
      guard let v = plain(text, variable: key.name, guarded: false) else {
        if plan.option[id] != nil { optionValues[id] = .some(nil) }
        continue
      }
      guard let value = AttributeValue.parse(v, as: key.type) else {
        throw failure(
          "'\(FormatError.excerpt(v))' is not a valid \(key.type.rawValue) for the key '\(FormatError.excerpt(key.name))'",
          offset)
      }
      if plan.option[id] != nil {
        if case .boolean(let b) = value { optionValues[id] = b }
        continue
      }
      out[plan.name[id] ?? key.name] = value
    }
    for g in plan.groups where g.domain == domain || g.domain == "all" {
      let values: [Bool?] = g.keys.map { optionValues[$0] ?? nil }
      if values.allSatisfy({ $0 == nil }) { continue }
      if let v = foldedValue(g.options, values) { out[g.variable] = v }
    }
    return out
  }

  mutating func finishGraph(
    file: String, offset: Int, line: Int, attributes graphAttributes: [String: String],
    data: [(key: String, text: String)],
    nodes: [Element], edges: [Element], keys: [CanvasKey], keyIndex: [String: Int], plan: KeyPlan,
    failure: (String, Int) -> FormatError
  ) throws(FormatError) {
    // The ego.
    var egoUUID = data.first(where: { $0.key == "networkCanvasUUID" })?.text
    var ego = try canvasAttributes(
      data, keys: keys, keyIndex: keyIndex, plan: plan,
      skip: ["networkCanvasUUID", "label", "networkCanvasType"], domain: "graph", failure: failure,
      offset: offset)
    for (a, column) in Self.sessionAttributes {
      if let v = graphAttributes[a], !v.isEmpty { ego[column] = .string(v) }
    }
    if egoUUID == nil || egoUUID!.isEmpty {
      // A file written without the ego's UUID: the session's, which is as unique.
      guard let s = graphAttributes["nc:sessionUUID"], !s.isEmpty else {
        throw failure(
          "the <graph> has neither the ego's networkCanvasUUID nor an nc:sessionUUID, so its session cannot be told from another",
          offset)
      }
      egoUUID = s
    }
    ego["networkCanvasEgoUUID"] = .string(egoUUID!)
    let directed = graphAttributes["edgedefault"] == "directed"
    var alters = Network(directed: directed)
    // Declarations: the node keys in order, categoricals once.
    alters.declareNodeAttribute(AttributeDeclaration(name: "networkCanvasType", type: .string))
    alters.declareNodeAttribute(AttributeDeclaration(name: "label", type: .string))
    for k in keys
    where (k.domain == "node" || k.domain == "all")
      && !["networkCanvasUUID", "networkCanvasType", "label"].contains(k.id)
    {
      if let o = plan.option[k.id] {
        alters.declareNodeAttribute(AttributeDeclaration(name: o.variable, type: .string))
      } else {
        alters.declareNodeAttribute(
          AttributeDeclaration(name: plan.name[k.id] ?? k.name, type: k.type))
      }
    }
    var byElementID: [String: Int] = [:]
    for n in nodes {
      guard let uuid = n.data.first(where: { $0.key == "networkCanvasUUID" })?.text, !uuid.isEmpty
      else {
        throw failure(
          "<node id=\"\(FormatError.excerpt(n.id))\"> has no networkCanvasUUID", n.offset)
      }
      var attrs = try canvasAttributes(
        n.data, keys: keys, keyIndex: keyIndex, plan: plan, skip: ["networkCanvasUUID"],
        domain: "node", failure: failure, offset: n.offset)
      if attrs["networkCanvasType"] == nil { attrs["networkCanvasType"] = .string("node") }
      do { byElementID[n.id] = try alters.addNode(Node(id: uuid, attributes: attrs)) } catch {
        throw failure(
          "the alter '\(FormatError.excerpt(uuid))' is listed twice in this <graph>", n.offset)
      }
    }
    for k in keys
    where (k.domain == "edge" || k.domain == "all")
      && ![
        "networkCanvasUUID", "networkCanvasType", "label", "networkCanvasSourceUUID",
        "networkCanvasTargetUUID",
      ].contains(k.id)
    {
      if let o = plan.option[k.id] {
        alters.declareTieAttribute(AttributeDeclaration(name: o.variable, type: .string))
      } else {
        alters.declareTieAttribute(
          AttributeDeclaration(name: plan.name[k.id] ?? k.name, type: k.type))
      }
    }
    for e in edges {
      var ends: [Int] = []
      for (uuidKey, end) in [
        ("networkCanvasSourceUUID", e.source!), ("networkCanvasTargetUUID", e.target!),
      ] {
        if let uuid = e.data.first(where: { $0.key == uuidKey })?.text, !uuid.isEmpty {
          guard let i = alters.index(of: uuid) else {
            throw failure(
              "<edge id=\"\(FormatError.excerpt(e.id))\">: \(uuidKey) '\(FormatError.excerpt(uuid))' is no <node> of this <graph>",
              e.offset)
          }
          ends.append(i)
        } else {
          guard let i = byElementID[end] else {
            throw failure(
              "<edge id=\"\(FormatError.excerpt(e.id))\"> joins the node '\(FormatError.excerpt(end))', which this <graph> does not declare",
              e.offset)
          }
          ends.append(i)
        }
      }
      let layer = e.data.first(where: { $0.key == "networkCanvasType" })?.text
      let attrs = try canvasAttributes(
        e.data, keys: keys, keyIndex: keyIndex, plan: plan,
        skip: [
          "networkCanvasUUID", "networkCanvasType", "networkCanvasSourceUUID",
          "networkCanvasTargetUUID", "label",
        ], domain: "edge", failure: failure, offset: e.offset)
      alters.addTie(
        Tie(
          source: ends[0], target: ends[1], layer: layer,
          id: e.data.first(where: { $0.key == "networkCanvasUUID" })?.text, attributes: attrs))
    }
    try addSession(
      NetworkCanvasFormat.Session(
        egoUUID: egoUUID!, caseID: graphAttributes["nc:caseId"],
        sessionID: graphAttributes["nc:sessionUUID"],
        egoAttributes: ego, file: file, line: line, alters: alters), otherFile: nil)
  }
}

/// SHA-1 (FIPS 180-4), only to match Network Canvas's GraphML key ids, which end with the SHA-1
/// of a categorical option's value. Not for anything that needs a secure hash.
enum SHA1 {
  static func hex(_ text: String) -> String {
    var message = Array(text.utf8)
    let bitLength = UInt64(message.count) * 8
    message.append(0x80)
    while message.count % 64 != 56 { message.append(0) }
    for i in (0..<8).reversed() {
      message.append(UInt8(truncatingIfNeeded: bitLength >> (UInt64(i) * 8)))
    }
    var h: [UInt32] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0]
    var w = [UInt32](repeating: 0, count: 80)
    for chunk in stride(from: 0, to: message.count, by: 64) {
      for i in 0..<16 {
        w[i] =
          UInt32(message[chunk + 4 * i]) << 24 | UInt32(message[chunk + 4 * i + 1]) << 16
          | UInt32(message[chunk + 4 * i + 2]) << 8 | UInt32(message[chunk + 4 * i + 3])
      }
      for i in 16..<80 {
        let x = w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]
        w[i] = x << 1 | x >> 31
      }
      var (a, b, c, d, e) = (h[0], h[1], h[2], h[3], h[4])
      for i in 0..<80 {
        let (f, k): (UInt32, UInt32) =
          i < 20
          ? ((b & c) | (~b & d), 0x5A82_7999)
          : i < 40
            ? (b ^ c ^ d, 0x6ED9_EBA1)
            : i < 60
              ? ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC)
              : (b ^ c ^ d, 0xCA62_C1D6)
        let t = (a << 5 | a >> 27) &+ f &+ e &+ k &+ w[i]
        (e, d, c, b, a) = (d, c, b << 30 | b >> 2, a, t)
      }
      h[0] = h[0] &+ a
      h[1] = h[1] &+ b
      h[2] = h[2] &+ c
      h[3] = h[3] &+ d
      h[4] = h[4] &+ e
    }
    return h.map { String(format: "%08x", $0) }.joined()
  }
}

/// Whether a key id is a codebook UUID (8-4-4-4-12 hexadecimal digits), as Network Canvas names
/// the key of a variable of its own.
func isCodebookUUID(_ id: String) -> Bool {
  let parts = id.split(separator: "-", omittingEmptySubsequences: false)
  return parts.map(\.count) == [8, 4, 4, 4, 12] && parts.allSatisfy { $0.allSatisfy(\.isHexDigit) }
}
