import Foundation

/// JSON node-link data, as networkx's `node_link_data` writes and d3 reads:
///
///     {"directed": true, "multigraph": false, "graph": {...},
///      "nodes": [{"id": "a", ...}], "edges": [{"source": "a", "target": "b", ...}]}
///
/// The reader also takes `links` for `edges` (networkx before 3.4, d3) and numeric ids (kept as
/// their decimal text). When every node id is a JSON integer (networkx's integer nodes,
/// `{"id": 0}`), ``Network/nodeIDType`` is `.integer` and the writer writes the ids and the
/// ties' ends as integers again; ids that mix integers and text (`0` and `"x"`), other numbers
/// (`1.5`) and integers beyond 64 bits are text, and are written back as text (`"0"`), which
/// networkx reads as strings. Attribute types follow JSON: integers, numbers, booleans and
/// strings; `null` is a missing value. Nested objects and arrays are refused with their place.
/// NaN and the infinities are written and read as Python's `json` module (and so networkx)
/// writes and reads them: `NaN`, `Infinity`, `-Infinity`. A tie's `trust` (else `weight`), in
/// any case (`Trust`, as a CSV header may have it), is its trust.
///
/// Every character of an id or a value can be written: JSON escapes the control characters
/// (`\u0000` among them).
public enum NodeLinkFormat {
  /// The edge key read as the trust among the keys of the edges: a name that is `trust` in
  /// any case, else one that is `weight` in any case, as the CSV reader takes its columns;
  /// the all-lowercase spelling first when several differ only in case, else the first in
  /// sorted order.
  static func trustKey(among names: Set<String>) -> String? {
    for wanted in ["trust", "weight"] {
      if names.contains(wanted) { return wanted }
      if let k = names.filter({ $0.lowercased() == wanted }).min() { return k }
    }
    return nil
  }

  /// Reads JSON node-link data (networkx, d3, Cytoscape, graphology); `directed` overrides
  /// what the file says.
  ///
  /// - Throws: ``FormatError`` naming `file`, line and column.
  /// - Complexity: O(size of the data).
  public static func read(_ data: Data, file: String, directed: Bool? = nil) throws(FormatError)
    -> Network
  {
    let text = try decodeText(data, file: file)
    var parser = JSONParser(text, file: file)
    let document = try parser.parseDocument()
    // Every dialect (links by position, Cytoscape, graphology) is read as node-link.
    let root: JSONValue
    let dialectNotes: [String]
    do { (root, _, dialectNotes) = try normalise(document, directed: directed) } catch {
      throw parser.error(error.message, at: error.key.map { parser.offset($0, error.element) } ?? 0)
    }
    guard case .object = root else {
      throw parser.error("expected a JSON object with 'nodes' and 'edges'", at: 0)
    }
    func bool(_ k: String) throws(FormatError) -> Bool? {
      switch root[k] {
      case nil, .null?: return nil
      case .bool(let b)?: return b
      default: throw parser.error("'\(k)' must be true or false", at: parser.offset(k))
      }
    }
    var network = Network(directed: try bool("directed") ?? false)
    func scalar(_ v: JSONValue, what: String, at offset: Int) throws(FormatError) -> AttributeValue?
    {
      switch v {
      case .null: return nil
      case .bool(let b): return .boolean(b)
      case .integer(let i): return .integer(i)
      case .number(let d): return .double(d)
      case .string(let s): return .string(s)
      case .array, .object:
        throw parser.error(
          "\(what) is an array or object; only numbers, strings and booleans are read", at: offset)
      }
    }
    func idText(_ v: JSONValue?, what: String, at offset: Int) throws(FormatError) -> String {
      switch v {
      case .string(let s)?: return s
      case .integer(let i)?: return String(i)
      case .number(let d)?: return formatNumber(d)
      default: throw parser.error("\(what) needs an 'id' that is a string or a number", at: offset)
      }
    }
    if case .object(let g)? = root["graph"] {
      for (k, v) in g {
        // networkx gives every graph it read from GraphML `node_default` and `edge_default`
        // objects, most often empty; the network's attributes are single values.
        switch v {
        case .object(let o) where o.isEmpty: continue
        case .array(let a) where a.isEmpty: continue
        case .object, .array:
          network.readNotes.append(
            "the graph attribute '\(k)' holds a list or an object, and is not read (a network's attributes are numbers, text or booleans)"
          )
          continue
        default: break
        }
        if let a = try scalar(v, what: "graph attribute '\(k)'", at: parser.offset("graph")) {
          network.attributes[k] = a
          network.networkAttributes.append(AttributeDeclaration(name: k, type: a.type))
        }
      }
    }
    guard case .array(let nodes)? = root["nodes"] else {
      throw parser.error("expected a 'nodes' array", at: parser.offset("nodes"))
    }
    var nodeTypes: [String: AttributeType] = [:]
    var tieTypes: [String: AttributeType] = [:]
    // Whether every id so far is a JSON integer (networkx's integer nodes), for nodeIDType.
    var integerIDs = !nodes.isEmpty
    for (n, node) in nodes.enumerated() {
      guard case .object(let members) = node else {
        throw parser.error("nodes[\(n)] is not an object", at: parser.offset("nodes", n))
      }
      if integerIDs { integerIDs = if case .integer? = node["id"] { true } else { false } }
      let id = try idText(node["id"], what: "nodes[\(n)]", at: parser.offset("nodes", n))
      var attrs: [String: AttributeValue] = [:]
      for (k, v) in members where k != "id" {
        if let a = try scalar(v, what: "nodes[\(n)].\(k)", at: parser.offset("nodes", n)) {
          attrs[k] = a
          // One declaration per name, of a type that holds every value (7 and 0.5: double).
          if let t = nodeTypes[k] {
            nodeTypes[k] = t.widened(with: a.type)
          } else {
            nodeTypes[k] = a.type
            network.declareNodeAttribute(AttributeDeclaration(name: k, type: a.type))
          }
        }
      }
      do { try network.addNode(Node(id: id, attributes: attrs)) } catch {
        throw parser.error("nodes[\(n)] repeats the id '\(id)'", at: parser.offset("nodes", n))
      }
    }
    if integerIDs { network.nodeIDType = .integer }
    let edgeKey = root["edges"] != nil ? "edges" : "links"
    guard case .array(let edges)? = root[edgeKey] else {
      throw parser.error("expected an 'edges' (or 'links') array", at: parser.offset(edgeKey))
    }
    let names = Set(
      edges.flatMap { e -> [String] in
        if case .object(let m) = e { return m.map(\.0) }
        return []
      })
    let trustName = trustKey(among: names)
    if let trustName { network.trustAttributeName = trustName }
    // Whether every trust so far is a JSON integer, for trustType.
    var integerTrust = true
    var anyTrust = false
    for (n, edge) in edges.enumerated() {
      guard case .object(let members) = edge else {
        throw parser.error("\(edgeKey)[\(n)] is not an object", at: parser.offset(edgeKey, n))
      }
      let s = try idText(
        edge["source"], what: "\(edgeKey)[\(n)] source", at: parser.offset(edgeKey, n))
      let t = try idText(
        edge["target"], what: "\(edgeKey)[\(n)] target", at: parser.offset(edgeKey, n))
      guard let si = network.index(of: s) else {
        throw parser.error(
          "\(edgeKey)[\(n)]: the source '\(s)' is not among the nodes",
          at: parser.offset(edgeKey, n))
      }
      guard let ti = network.index(of: t) else {
        throw parser.error(
          "\(edgeKey)[\(n)]: the target '\(t)' is not among the nodes",
          at: parser.offset(edgeKey, n))
      }
      var tie = Tie(source: si, target: ti)
      for (k, v) in members where k != "source" && k != "target" {
        guard let a = try scalar(v, what: "\(edgeKey)[\(n)].\(k)", at: parser.offset(edgeKey, n))
        else { continue }
        if k == trustName {
          guard let w = a.number else {
            // A number in quotes ("0.5") is text in JSON, and a trust is a number.
            let isText = if case .string = a { true } else { false }
            throw parser.error(
              "\(edgeKey)[\(n)]: the \(k) \(isText ? "is the text \"\(FormatError.excerpt(a.description))\"" : "'\(FormatError.excerpt(a.description))' is not a number"); a trust is a JSON number (write it without quotes)",
              at: parser.offset(edgeKey, n))
          }
          guard k.lowercased() != "trust" || SignedReading.admits(w) else {
            throw parser.error(
              "\(edgeKey)[\(n)]: the trust \(a) must be a finite number ≥ 0"
                + (w < 0 ? "; \(TieSign.hint)" : ""),
              at: parser.offset(edgeKey, n))
          }
          tie.trust = w
          anyTrust = true
          if case .integer = a {} else { integerTrust = false }
        } else if k == "layer" {
          tie.layer = a.description
        } else if k == "id" {
          tie.id = a.description
        } else if k == "key" {
          continue  // networkx's multigraph key: an index among parallel edges, rebuilt on writing
        } else {
          tie.attributes[k] = a
          if let t = tieTypes[k] {
            tieTypes[k] = t.widened(with: a.type)
          } else {
            tieTypes[k] = a.type
            network.declareTieAttribute(AttributeDeclaration(name: k, type: a.type))
          }
        }
      }
      network.addTie(tie)
    }
    if anyTrust && integerTrust { network.trustType = .integer }
    for i in network.nodeAttributes.indices {
      if let t = nodeTypes[network.nodeAttributes[i].name] { network.nodeAttributes[i].type = t }
    }
    for i in network.tieAttributes.indices {
      if let t = tieTypes[network.tieAttributes[i].name] { network.tieAttributes[i].type = t }
    }
    network.readNotes += dialectNotes
    return network
  }

  /// The key the trust is written under: its own name when the reader takes that for the
  /// trust (`trust` or `weight` in any case), else `trust`: a name given by a CSV column option
  /// (`tillit`) would read back as an ordinary attribute, and the trust is the tie's strength.
  static func trustKeyName(_ name: String) -> String {
    let l = name.lowercased()
    return l == "trust" || l == "weight" ? name : "trust"
  }

  /// Edge keys the reader takes for something other than an attribute.
  static let reservedTieKeys: Set<String> = ["source", "target", "key", "id", "layer"]

  /// Writes node-link JSON that networkx's `node_link_graph(data, edges="edges")` reads back.
  /// Keys are written in a fixed order, so the same network gives the same bytes. NaN and the
  /// infinities are written `NaN`, `Infinity` and `-Infinity`, as Python's `json` module
  /// writes and reads them. The trust is written under `trustKeyName(_:)`. The node ids and
  /// the ties' ends are JSON integers when ``Network/nodeIDType`` is `.integer` and every id is
  /// an integer's text (`7`), else strings (``Network/lostWhenWritten(as:)`` says why).
  ///
  /// - Throws: ``FormatError`` when an attribute's name would be read as something else: a
  ///   node attribute `id`; a tie attribute `source`, `target`, `key`, `id` or `layer`; a tie
  ///   attribute that the reader would take for the trust (`trustKey(among:)`) in place of
  ///   the trust's own name.
  public static func write(_ network: Network) throws(FormatError) -> String {
    func refuse(_ m: String) -> FormatError { FormatError(file: "<output>", line: 0, column: 0, m) }
    let nodeOrder = network.nodeAttributes.map(\.name)
    if nodeOrder.contains("id") || network.nodes.contains(where: { $0.attributes["id"] != nil }) {
      throw refuse(
        "the node attribute 'id' cannot be written as JSON, where 'id' is the node's id; rename the attribute"
      )
    }
    let tieOrder = network.tieAttributes.map(\.name)
    var tieNames = Set(tieOrder)
    for tie in network.ties { tieNames.formUnion(tie.attributes.keys) }
    if let clash = tieNames.intersection(reservedTieKeys).min() {
      throw refuse(
        "the tie attribute '\(clash)' cannot be written as JSON, where '\(clash)' is the tie's \(clash == "key" ? "key among parallel ties" : clash); rename the attribute"
      )
    }
    let trustName = network.hasTrust ? trustKeyName(network.trustAttributeName) : nil
    if let trustName, tieNames.contains(trustName) {
      throw refuse(
        "the tie attribute '\(visibleText(trustName))' has the name the trust is written under in JSON; rename the attribute"
      )
    }
    if let read = trustKey(among: tieNames.union(trustName.map { [$0] } ?? [])), read != trustName {
      throw refuse(
        trustName.map {
          "the tie attribute '\(visibleText(read))' would be read back from JSON as the trust, in place of '\(visibleText($0))'; rename the attribute"
        }
          ?? "the tie attribute '\(visibleText(read))' would be read back from JSON as the trust, which the network has not; rename the attribute"
      )
    }
    var seen = Set<[Int]>()
    var multigraph = false
    for t in network.ties {
      let key =
        network.isDirected
        ? [t.source, t.target] : [min(t.source, t.target), max(t.source, t.target)]
      if !seen.insert(key).inserted {
        multigraph = true
        break
      }
    }
    func value(_ v: AttributeValue) -> String {
      switch v {
      case .string(let s), .markup(let s): return jsonString(s)
      case .integer(let i): return String(i)
      case .double(let d):
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d > 0 ? "Infinity" : "-Infinity" }
        if d == 0 && d.sign == .minus { return jsonFinite(d) }
        return d == d.rounded() && abs(d) < 1e15 ? "\(formatNumber(d)).0" : formatNumber(d)
      case .boolean(let b): return b ? "true" : "false"
      }
    }
    let nodeID = idWriter(network)
    let integerTrust = network.writesTrustAsIntegers
    var out =
      "{\n  \"directed\": \(network.isDirected),\n  \"multigraph\": \(multigraph),\n  \"graph\": {"
    out += network.attributes.keys.sorted().map {
      "\(jsonString($0)): \(value(network.attributes[$0]!))"
    }.joined(separator: ", ")
    out += "},\n  \"nodes\": [\n"
    out += network.nodes.map { node in
      var fields = ["\"id\": \(nodeID(node.id))"]
      let extra = node.attributes.keys.filter { !nodeOrder.contains($0) }.sorted()
      for k in nodeOrder + extra {
        if let v = node.attributes[k] { fields.append("\(jsonString(k)): \(value(v))") }
      }
      return "    {" + fields.joined(separator: ", ") + "}"
    }.joined(separator: ",\n")
    out += "\n  ],\n  \"edges\": [\n"
    var keys: [[Int]: Int] = [:]
    out += network.ties.map { tie in
      var fields = [
        "\"source\": \(nodeID(network.nodes[tie.source].id))",
        "\"target\": \(nodeID(network.nodes[tie.target].id))",
      ]
      if multigraph {
        let pair =
          network.isDirected
          ? [tie.source, tie.target] : [min(tie.source, tie.target), max(tie.source, tie.target)]
        fields.append("\"key\": \(keys[pair, default: 0])")
        keys[pair, default: 0] += 1
      }
      if let id = tie.id { fields.append("\"id\": \(jsonString(id))") }
      if let t = tie.trust, let trustName {
        fields.append(
          "\(jsonString(trustName)): \(value(Network.writtenTrust(t, integers: integerTrust)))")
      }
      if let l = tie.layer { fields.append("\"layer\": \(jsonString(l))") }
      let extra = tie.attributes.keys.filter { !tieOrder.contains($0) }.sorted()
      for k in tieOrder + extra {
        if let v = tie.attributes[k] { fields.append("\(jsonString(k)): \(value(v))") }
      }
      return "    {" + fields.joined(separator: ", ") + "}"
    }.joined(separator: ",\n")
    out += "\n  ]\n}\n"
    return out
  }

  /// The first id that is not an integer as `String(Int)` writes it (`x`, `07`, `+7`), or
  /// `nil` when every id is one.
  ///
  /// - Complexity: O(n).
  static func firstNonIntegerID(_ network: Network) -> String? {
    network.nodes.first { Int($0.id).map(String.init) != $0.id }?.id
  }

  /// How the JSON writers write a node id: as a JSON integer (`0`) when the input gave the
  /// ids as integers (``Network/nodeIDType``) and every id is still one, so that networkx
  /// reads back the nodes it wrote; else as a JSON string (`"0"`).
  ///
  /// - Complexity: O(n) to choose, then O(1) an id.
  static func idWriter(_ network: Network) -> (String) -> String {
    if network.nodeIDType == .integer && firstNonIntegerID(network) == nil { return { $0 } }
    return { jsonString($0) }
  }

  /// The sentence for ``Network/lostWhenWritten(as:)`` when the input gave the node ids as JSON
  /// integers but an id is not one (a node added later): every id is written as text, which
  /// networkx reads back as strings. Empty otherwise.
  static func integerIDsWrittenAsText(_ network: Network) -> [String] {
    guard network.nodeIDType == .integer, let id = firstNonIntegerID(network) else { return [] }
    return [
      "the node ids were integers in the input, but the id '\(visibleText(id))' is not one: every id is written as text, so networkx reads them back as strings (\"0\", not 0)"
    ]
  }
}
