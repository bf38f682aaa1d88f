import Foundation

/// The JSON dialects people have, each rewritten as networkx's node-link form before it is
/// read, so that one reader gives every dialect the same meaning:
///
/// - node-link (networkx, d3 v4+): `nodes` with `id`, `edges` or `links` by id;
/// - links by position (d3 v3, networkx 1.x, the classic miserables.json): nodes without `id`
///   (their `name` is the id), links whose `source` and `target` are positions in `nodes`;
/// - Cytoscape desktop's export and cytoscape.js `elements` (a flat array, or `nodes` and
///   `edges`), every field under `data`, compound nodes by `parent`, positions as `x` and `y`;
/// - graphology and Gephi's JSON export: `key`, nested `attributes`, `options.type`, and
///   `undirected` on an edge.
///
/// A nested value (an array or object inside a node's or tie's data) is kept as its JSON text.
enum JSONDialect: String {
  case nodeLink = "node-link"
  case linksByPosition = "node-link with links by position (d3 v3, networkx 1.x)"
  case cytoscape = "Cytoscape JSON (elements with data)"
  case graphology = "graphology (Gephi's JSON export)"
}

/// A problem in a dialect's structure: the message, and the top-level member (and element)
/// it is in, for the reader to place.
struct JSONDialectError: Error {
  var message: String
  var key: String?
  var element: Int?
}

extension NodeLinkFormat {
  /// The dialect of a parsed document, rewritten as node-link, with notes on the choices made.
  /// `directed` is the user's `--undirected` (false) or nothing; a document that says its
  /// direction keeps it.
  static func normalise(_ root: JSONValue, directed asked: Bool?) throws(JSONDialectError)
    -> (root: JSONValue, dialect: JSONDialect, notes: [String])
  {
    var notes: [String] = []
    var nested = 0
    /// Members with arrays and objects turned into their JSON text.
    func flat(_ members: [(String, JSONValue)]) -> [(String, JSONValue)] {
      members.map { k, v in
        switch v {
        case .array, .object:
          nested += 1
          return (k, .string(jsonText(v)))
        default: return (k, v)
        }
      }
    }
    func finish(
      _ dialect: JSONDialect, directed: Bool, graph: [(String, JSONValue)], nodes: [JSONValue],
      edges: [JSONValue]
    )
      -> (root: JSONValue, dialect: JSONDialect, notes: [String])
    {
      if nested > 0 {
        notes.append(
          "\(nested) nested value\(nested == 1 ? "" : "s") (arrays or objects) kept as JSON text")
      }
      let doc: JSONValue = .object([
        ("directed", .bool(directed)), ("graph", .object(flat(graph))),
        ("nodes", .array(nodes)), ("edges", .array(edges)),
      ])
      return (doc, dialect, notes)
    }

    // Cytoscape: a flat array of elements, or `elements`, or nodes and edges wrapped in `data`.
    var elements: [JSONValue]?
    if case .array(let a) = root { elements = a }
    if case .array(let a)? = root["elements"] { elements = a }
    if case .object? = root["elements"] {
      var all: [JSONValue] = []
      if case .array(let n)? = root["elements"]?["nodes"] { all += n.map { tagged($0, "nodes") } }
      if case .array(let e)? = root["elements"]?["edges"] { all += e.map { tagged($0, "edges") } }
      elements = all
    }
    if elements == nil, case .array(let n)? = root["nodes"], case .object? = n.first?["data"],
      n.first?["id"] == nil
    {
      var all = n.map { tagged($0, "nodes") }
      if case .array(let e)? = root["edges"] { all += e.map { tagged($0, "edges") } }
      elements = all
    }
    if let elements {
      var nodes: [JSONValue] = []
      var edges: [JSONValue] = []
      for (k, element) in elements.enumerated() {
        guard case .object(let data)? = element["data"] else {
          throw JSONDialectError(
            message:
              "element \(k) has no 'data' object; Cytoscape JSON keeps every field under 'data'",
            key: nil, element: nil)
        }
        let group: String
        if case .string(let g)? = element["group"] {
          group = g
        } else {
          group =
            element["data"]?["source"] != nil && element["data"]?["target"] != nil
            ? "edges" : "nodes"
        }
        if group == "edges" {
          var fields = flat(data.filter { $0.0 != "source" && $0.0 != "target" })
          fields.insert(
            contentsOf: [
              ("source", element["data"]?["source"] ?? .null),
              ("target", element["data"]?["target"] ?? .null),
            ], at: 0)
          edges.append(.object(fields))
        } else {
          guard var id = element["data"]?["id"] else {
            throw JSONDialectError(
              message: "node element \(k) has no data.id", key: nil, element: nil)
          }
          // networkx's cytoscape_data repeats the id as `value` and the label as `name`. Its
          // `value` is the node itself: an integer node is {"id": "0", "value": 0}, and its
          // ties' ends are 0, so the id is read as the integer (see Network.nodeIDType).
          let label = element["data"]?["label"] ?? id
          if case .integer(let i)? = element["data"]?["value"], id == .string(String(i)) {
            id = .integer(i)
          }
          var fields: [(String, JSONValue)] =
            [("id", id)]
            + flat(
              data.filter { k, v in
                k != "id" && !(k == "value" && v == id) && !(k == "name" && v == label)
              })
          if case .object(let position)? = element["position"] {
            for (axis, v) in position where axis == "x" || axis == "y" || axis == "z" {
              fields.append((axis, v))
            }
          }
          nodes.append(.object(fields))
        }
      }
      var graph: [(String, JSONValue)] = []
      if case .object(let g)? = root["data"] { graph = g }
      var directed = asked ?? true
      if case .bool(let d)? = root["directed"] {
        directed = asked ?? d
      } else if case .bool(let d)? = root["data"]?["directed"] {
        directed = asked ?? d
      } else if asked == nil {
        notes.append(
          "Cytoscape JSON does not say whether ties are directed; read as directed, as Cytoscape holds each tie from its source to its target (--undirected reads them as undirected)"
        )
      }
      return finish(
        .cytoscape, directed: directed, graph: graph.filter { $0.0 != "directed" }, nodes: nodes,
        edges: edges)
    }

    // graphology and Gephi's JSON export: `key` and nested `attributes`.
    if case .array(let n)? = root["nodes"], root["options"] != nil || n.first?["key"] != nil {
      var nodes: [JSONValue] = []
      for (k, node) in n.enumerated() {
        guard let key = node["key"] else {
          throw JSONDialectError(message: "nodes[\(k)] has no 'key'", key: "nodes", element: k)
        }
        var fields: [(String, JSONValue)] = [("id", key)]
        if case .object(let a)? = node["attributes"] { fields += flat(a.filter { $0.0 != "id" }) }
        nodes.append(.object(fields))
      }
      var raw: [(JSONValue, Bool)] = []
      if case .array(let e)? = root["edges"] {
        for (k, edge) in e.enumerated() {
          guard let s = edge["source"], let t = edge["target"] else {
            throw JSONDialectError(
              message: "edges[\(k)] needs 'source' and 'target'", key: "edges", element: k)
          }
          var fields: [(String, JSONValue)] = [("source", s), ("target", t)]
          if let key = edge["key"] { fields.append(("id", key)) }
          if case .object(let a)? = edge["attributes"] {
            fields += flat(a.filter { !["source", "target", "id"].contains($0.0) })
          }
          var undirected = false
          if case .bool(let u)? = edge["undirected"] { undirected = u }
          raw.append((.object(fields), undirected))
        }
      }
      var type = "mixed"
      if case .string(let t)? = root["options"]?["type"] { type = t }
      let anyUndirected = raw.contains { $0.1 } || type == "undirected"
      let anyDirected = raw.contains { !$0.1 } && type != "undirected"
      var directed = type == "directed" || (type == "mixed" && anyDirected)
      if let asked { directed = asked }
      var edges: [JSONValue] = []
      for (edge, undirected) in raw {
        edges.append(edge)
        // In a network read as directed, an undirected tie is a tie each way.
        if directed && (undirected || type == "undirected"), case .object(var f) = edge {
          f[0].0 = "target"
          f[1].0 = "source"
          f.swapAt(0, 1)
          edges.append(.object(f))
        }
      }
      if directed && anyUndirected {
        let count = raw.filter { $0.1 }.count
        notes.append(
          "a mixed graph: \(count) undirected tie\(count == 1 ? " is" : "s are") read as a tie each way, since a network here has one direction"
        )
      }
      var graph: [(String, JSONValue)] = []
      if case .object(let g)? = root["attributes"] { graph = g }
      return finish(.graphology, directed: directed, graph: graph, nodes: nodes, edges: edges)
    }

    // Node-link, by id or by position.
    guard case .object = root, case .array(let n)? = root["nodes"] else {
      return (root, .nodeLink, notes)
    }
    if root["edges"] != nil, root["links"] != nil {
      throw JSONDialectError(
        message:
          "the file has both 'links' and 'edges'; a node-link file has one of them (networkx writes 'links' or, with edges=\"edges\", 'edges'), so which ties are meant is unclear",
        key: "edges", element: nil)
    }
    let linkKey = root["edges"] != nil ? "edges" : "links"
    var links: [JSONValue] = []
    if case .array(let l)? = root[linkKey] { links = l }
    let withoutID = n.allSatisfy { $0["id"] == nil }
    let ids = Set(n.compactMap { idKey($0["id"]) })
    let positional =
      !links.isEmpty
      && links.allSatisfy { l in
        [l["source"], l["target"]].allSatisfy { v in
          if case .integer(let i)? = v { return i >= 0 && i < n.count }
          return false
        }
      }
      && (withoutID
        || links.contains { l in
          [l["source"], l["target"]].contains { !ids.contains(idKey($0) ?? "") }
        })
    guard withoutID || positional else { return (root, .nodeLink, notes) }
    // The ids: `id`, else a unique `name`, else the position.
    let names = n.map { idKey($0["name"]) }
    let useNames =
      withoutID && names.allSatisfy { $0 != nil } && Set(names.compactMap { $0 }).count == n.count
    let idOf: [JSONValue] = n.enumerated().map { k, node in
      if !withoutID, let id = node["id"] { return id }
      if useNames, let name = node["name"] { return name }
      return .string(String(k))
    }
    var nodes: [JSONValue] = []
    for (k, node) in n.enumerated() {
      guard case .object(let members) = node else {
        throw JSONDialectError(message: "nodes[\(k)] is not an object", key: "nodes", element: k)
      }
      nodes.append(
        .object(
          [("id", idOf[k])] + flat(members.filter { $0.0 != "id" && !(useNames && $0.0 == "name") })
        ))
    }
    var edges: [JSONValue] = []
    for (k, link) in links.enumerated() {
      guard case .object(let members) = link else {
        throw JSONDialectError(
          message: "\(linkKey)[\(k)] is not an object", key: linkKey, element: k)
      }
      var fields = flat(members)
      for (i, f) in fields.enumerated() where f.0 == "source" || f.0 == "target" {
        // Every end, a repeated member's too, must be a position in the nodes.
        if positional, case .integer(let p) = f.1 {
          guard p >= 0, p < idOf.count else {
            throw JSONDialectError(
              message:
                "\(linkKey)[\(k)]: the \(f.0) \(p) is not a position among the \(idOf.count) nodes",
              key: linkKey, element: k)
          }
          fields[i].1 = idOf[p]
        }
      }
      edges.append(.object(fields))
    }
    if positional {
      notes.append(
        "the \(linkKey) give node positions, not ids (d3 v3, networkx 1.x): read by position\(useNames ? ", with each node's 'name' as its id" : withoutID ? ", with each node's position as its id" : "")"
      )
    } else if withoutID {
      notes.append(
        useNames
          ? "the nodes have no 'id': each node's 'name' is its id"
          : "the nodes have no 'id': each node's position is its id")
    }
    var graph: [(String, JSONValue)] = []
    if case .object(let g)? = root["graph"] { graph = g }
    var directed = false
    if case .bool(let d)? = root["directed"] { directed = d }
    return finish(
      positional ? .linksByPosition : .nodeLink, directed: asked ?? directed, graph: graph,
      nodes: nodes, edges: edges)
  }

  /// An element of `elements.nodes` or `.edges`, marked with its group.
  private static func tagged(_ element: JSONValue, _ group: String) -> JSONValue {
    guard case .object(var m) = element else { return element }
    if element["group"] == nil { m.append(("group", .string(group))) }
    return .object(m)
  }

  /// An id as text, for comparing ids with link ends.
  private static func idKey(_ v: JSONValue?) -> String? {
    switch v {
    case .string(let s)?: s
    case .integer(let i)?: String(i)
    case .number(let d)?: formatNumber(d)
    default: nil
    }
  }
}

/// A JSON value written compactly, keys in their order, for nested values kept as text.
func jsonText(_ v: JSONValue) -> String {
  switch v {
  case .null: return "null"
  case .bool(let b): return b ? "true" : "false"
  case .integer(let i): return String(i)
  case .number(let d): return jsonNumber(d)
  case .string(let s): return jsonString(s)
  case .array(let a): return "[" + a.map(jsonText).joined(separator: ",") + "]"
  case .object(let m):
    return "{" + m.map { jsonString($0.0) + ":" + jsonText($0.1) }.joined(separator: ",") + "}"
  }
}

extension NodeLinkFormat {
  /// The network as Cytoscape JSON (`elements` with `nodes` and `edges`, every field under
  /// `data`), as cytoscape.js and Cytoscape desktop load it and networkx's `cytoscape_graph`
  /// reads it (each node's `value` is its id and `name` its label; `directed` and
  /// `multigraph` at the top, as networkx's `cytoscape_data` writes them). Keys in a fixed order.
  /// When ``Network/nodeIDType`` is `.integer` and every id is an integer's text, each node's
  /// `value` and each tie's `source` and `target` are JSON integers, as networkx writes
  /// integer nodes (the `id` stays text, as Cytoscape wants it); else they are text.
  ///
  /// Attributes under the names Cytoscape JSON gives its own fields (a node's `name` and
  /// `value`, a tie's `id`, `source`, `target` and `key`) are written under a name of their own
  /// (`name_2`), as ``cytoscapeRenames(_:)`` says.
  public static func writeCytoscape(_ network: Network) -> String {
    func value(_ v: AttributeValue) -> String {
      switch v {
      case .string(let s), .markup(let s): return jsonString(s)
      case .integer(let i): return String(i)
      // A whole double keeps its point (1.0), so that it reads back as a double, not an
      // integer; strict JSON has no NaN or infinity, which go as text ("NaN", "inf").
      case .double(let d):
        if !d.isFinite { return jsonString(formatNumber(d)) }
        if d == 0 && d.sign == .minus { return jsonFinite(d) }
        return d == d.rounded() && abs(d) < 1e15 ? "\(formatNumber(d)).0" : jsonFinite(d)
      case .boolean(let b): return b ? "true" : "false"
      }
    }
    var pairs = Set<[Int]>()
    let multigraph = network.ties.contains { t in
      !pairs.insert(
        network.isDirected
          ? [t.source, t.target] : [min(t.source, t.target), max(t.source, t.target)]
      ).inserted
    }
    let renames = cytoscapeRenames(network)
    let nodeID = idWriter(network)
    let integerTrust = network.writesTrustAsIntegers
    var out =
      "{\n  \"directed\": \(network.isDirected),\n  \"multigraph\": \(multigraph),\n  \"data\": {"
    out += network.attributes.keys.sorted().map {
      "\(jsonString($0)): \(value(network.attributes[$0]!))"
    }.joined(separator: ", ")
    out += "},\n  \"elements\": {\n    \"nodes\": [\n"
    out += network.nodes.map { node in
      var fields = [
        "\"id\": \(jsonString(node.id))", "\"value\": \(nodeID(node.id))",
        "\"name\": \(jsonString(node.label))",
      ]
      for k in node.attributes.keys.sorted() {
        fields.append("\(jsonString(renames.nodes[k] ?? k)): \(value(node.attributes[k]!))")
      }
      return "      {\"data\": {" + fields.joined(separator: ", ") + "}}"
    }.joined(separator: ",\n")
    out += "\n    ],\n    \"edges\": [\n"
    var keys: [[Int]: Int] = [:]
    out += network.ties.enumerated().map { k, tie in
      var fields = [
        "\"id\": \(jsonString(tie.id ?? "e\(k)"))",
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
      if let t = tie.trust {
        fields.append(
          "\(jsonString(network.trustAttributeName)): \(value(Network.writtenTrust(t, integers: integerTrust)))"
        )
      }
      if let l = tie.layer { fields.append("\"layer\": \(jsonString(l))") }
      for a in tie.attributes.keys.sorted() {
        fields.append("\(jsonString(renames.ties[a] ?? a)): \(value(tie.attributes[a]!))")
      }
      return "      {\"data\": {" + fields.joined(separator: ", ") + "}}"
    }.joined(separator: ",\n")
    out += "\n    ]\n  }\n}\n"
    return out
  }
}

extension NodeLinkFormat {
  /// The attributes ``writeCytoscape(_:)`` writes under another name, since Cytoscape JSON
  /// gives their names to its own fields: a node's `id`, `value` (the id again) and `name`
  /// (the label); a tie's `id`, `source`, `target`, `key`, and its trust and `layer` where ties have them. Each goes under
  /// the first of `NAME_2`, `NAME_3`, ... that no attribute of its kind has.
  public static func cytoscapeRenames(_ network: Network) -> (
    nodes: [String: String], ties: [String: String]
  ) {
    func renames(_ names: Set<String>, reserved: Set<String>) -> [String: String] {
      var taken = names.union(reserved)
      var out: [String: String] = [:]
      for name in names.sorted() where reserved.contains(name) {
        let new = (2...).lazy.map { "\(name)_\($0)" }.first { !taken.contains($0) }!
        taken.insert(new)
        out[name] = new
      }
      return out
    }
    let tieReserved = Set(["id", "source", "target", "key"]).union(
      (network.hasTrust ? [network.trustAttributeName] : [])
        + (network.hasLayers ? ["layer"] : []))
    return (
      renames(
        Set(network.nodes.flatMap { $0.attributes.keys }), reserved: ["id", "value", "name"]),
      renames(Set(network.ties.flatMap { $0.attributes.keys }), reserved: tieReserved)
    )
  }
}
