import Foundation

/// GraphML (http://graphml.graphdrawing.org), read.
///
/// What is read: keys of all six types (`boolean`, `int`, `long`, `float`, `double`, `string`)
/// with their defaults, for nodes, edges, the graph and `all`; the graph's `edgedefault`;
/// parallel edges; labels from a `label` attribute (networkx, Gephi), igraph's `name`, or
/// yEd's `y:NodeLabel`. Markup another tool keeps inside `<data>` (yEd's graphics) is kept
/// verbatim and written back. yEd group nodes (a `<graph>` nested in a `<node>`) are flattened:
/// the group and its members all become nodes, as networkx reads them.
///
/// Trust is the edge key whose `attr.name` is `trust`, in any case, else `weight` (as networkx
/// and igraph write it), as the CSV reader takes its columns.
///
/// `<data>` under a key that no `<key>` declares is read as text, with a note in
/// ``Network/readNotes`` naming the key and the line. So is `<data>` on an element whose kind a
/// key declared only after the graph is not for (Cytoscape declares its keys at the end, for
/// nodes, and uses some on edges); the note names those keys and the kind they are declared for.
///
/// What is refused, with a message that names the feature and the place: several top-level
/// graphs in one file, hyperedges, ports, an edge whose `directed` contradicts the graph's
/// `edgedefault` (a mixed graph), a key id declared twice for one kind of element (old igraph
/// files give a graph key and a node key one id, which is read), `<data>` on an element its
/// key is not declared for (a `for="node"` key on an `<edge>`; `for="all"` fits any element),
/// an unknown `attr.type`, a value that is not of its key's type, an edge to a node the file
/// never declares, a duplicate node id, and any DTD (so no external entity is ever resolved).
public enum GraphMLFormat {
  /// A key id or attribute name together with the kind of element it is for.
  struct Scoped: Hashable {
    var domain: String
    var name: String
  }

  struct Key {
    var id: String
    var domain: String
    var name: String
    var type: AttributeType
    var graphMLType: String?
    var defaultText: String?
    var extras: [String: String]
  }

  /// Reads a GraphML document.
  ///
  /// - Throws: ``FormatError`` naming `file`, line and column.
  /// - Complexity: O(size of the data).
  public static func read(_ data: Data, file: String) throws(FormatError) -> Network {
    try read(XMLReader.open(data, file: file))
  }

  /// Reads a file a block at a time: memory holds the network and a window of the file.
  public static func read(contentsOf path: String, file: String? = nil) throws(FormatError)
    -> Network
  {
    try read(XMLReader.open(path: path, file: file))
  }

  static func read(_ xmlReader: XMLReader) throws(FormatError) -> Network {
    var reader = xmlReader
    let file = reader.file
    let input = reader.input
    // Errors are made from the input alone, so that no closure captures the reader (a captured
    // variable is checked for exclusive access at every use).
    func failure(_ message: String, at offset: Int) -> FormatError {
      let (l, c) = input.location(of: offset)
      return FormatError(file: file, line: l, column: c, message)
    }
    var keys: [Key] = []
    // Keys by id and by the element kind they are for, and where each was declared. GraphML
    // wants ids unique; old igraph files reuse one for a graph key and a node key, which is
    // still unambiguous, so only an id declared twice for the same kind (or once for all) is
    // refused.
    var keyByID: [Scoped: Int] = [:]
    var firstKeyWithID: [String: Int] = [:]
    var keyOffsets: [Int] = []
    // Keys made up for <data> that names no declared key: by element kind and id, each read as
    // text under its id; the first use of each, for the note.
    var undeclaredKeys: [Scoped: Int] = [:]
    var undeclaredUses: [(id: String, domain: String, offset: Int)] = []
    var lateKeys = 0
    var repeatedKeys = 0
    var undeclaredIDs = Set<String>()
    // The declared key of each attr.name, by the elements it is for.
    var keyWithName: [Scoped: Int] = [:]
    // Keys of one numeric attribute under two types (networkx's), read as one: the first key's
    // id, the second's, the name, the first's type and the first key's index.
    var mergedKeys: [(first: String, second: String, name: String, type: String, index: Int)] = []
    // Attribute names of the declared keys, by the element kind they are for.
    var declaredNames = Set<Scoped>()
    var currentKeyOffset = 0
    var nestedGraphData = (count: 0, first: 0)
    // <desc> of nodes, edges and graphs (free text GraphML gives no key): left out, counted.
    var descriptions = (nodes: 0, edges: 0, graphs: 0, first: 0)
    var network = Network(directed: true)
    var sawGraph = false
    var graphDepth = 0
    var rootDirected = true
    var graphDirected: [Bool] = []  // the edgedefault of each open <graph>
    // Edges in file order, in parallel arrays (their endpoints are found once every node is
    // known), and their <data> in the same order.
    var edgeSources: [String] = []
    var edgeTargets: [String] = []
    var edgeOffsets: [Int] = []
    var edgeIDs: [String?] = []
    var edgeData: [(edge: Int, key: Int, value: AttributeValue)] = []
    // Ports: the named connection points of a node (yFiles, yEd), kept as the node attribute
    // `ports`, and the ports an edge joins, kept as the tie attributes `sourceport` and
    // `targetport`.
    var nodePorts: [Int: [String]] = [:]
    var edgePorts: [Int: (String?, String?)] = [:]
    var nodeOffsets: [Int] = []
    // The element currently collecting <data>: node index, edge, graph or root.
    enum Owner { case node(Int), edge, graph, root, none }
    var ownerStack: [Owner] = []
    var currentKey: Key?
    var keyDefault: String?
    var inDefault = false
    var dataKey: Int?  // the index in `keys` of the open <data>'s key
    var dataStart = 0
    var dataText = ""
    var dataHasElements = false
    var dataDepth = 0
    var foreignDepth = 0  // depth inside elements GraphML does not define, outside <data>
    var rootSeen = false

    /// The key a `<data>` on an element of kind `domain` names: a declared key for that kind
    /// or for all, else one made up to read the data as text.
    func lookupKey(_ id: String, domain: String, element: String, offset: Int) throws(FormatError)
      -> Int
    {
      if let k = keyByID[Scoped(domain: domain, name: id)]
        ?? keyByID[Scoped(domain: "all", name: id)]
      {
        return k
      }
      if firstKeyWithID[id] != nil {
        let kinds = keys.filter {
          $0.id == id && keyByID[Scoped(domain: $0.domain, name: id)] != nil
        }
        .map { "for=\"\($0.domain)\"" }.joined(separator: " and ")
        throw failure(
          "<data key=\"\(FormatError.excerpt(id))\"> is on <\(element)>, but the key '\(FormatError.excerpt(id))' is declared \(kinds); declare it for=\"\(domain)\" or for=\"all\", or move the <data>",
          at: offset)
      }
      if let k = undeclaredKeys[Scoped(domain: domain, name: id)] { return k }
      if declaredNames.contains(Scoped(domain: domain, name: id))
        || declaredNames.contains(Scoped(domain: "all", name: id))
      {
        throw failure(
          "<data> names the key '\(FormatError.excerpt(id))', which no <key> declares, but a declared key has the attr.name '\(FormatError.excerpt(id))'; name that key's id in key=\"…\"",
          at: offset)
      }
      let k = keys.count
      keys.append(
        Key(
          id: id, domain: domain, name: id, type: .string, graphMLType: nil, defaultText: nil,
          extras: [:]))
      keyOffsets.append(offset)
      undeclaredKeys[Scoped(domain: domain, name: id)] = k
      undeclaredIDs.insert(id)
      undeclaredUses.append((id, domain, offset))
      return k
    }

    func typed(_ text: String, _ key: Key, offset: Int, isMarkup: Bool) throws(FormatError)
      -> AttributeValue
    {
      if isMarkup { return .markup(text) }
      guard let v = AttributeValue.parse(text, as: key.type) else {
        throw failure(
          "'\(FormatError.excerpt(text))' is not a valid \(key.graphMLType ?? key.type.rawValue) for the key '\(FormatError.excerpt(key.name))'",
          at: offset)
      }
      return v
    }

    while true {
      // Text matters only inside <data> and <default>.
      reader.wantsText = dataKey != nil || inDefault
      guard let event = try reader.next() else { break }
      switch event {
      case .start:
        let name = reader.name
        let offset = reader.eventOffset
        if dataKey != nil {
          dataHasElements = true
          dataDepth += 1
          continue
        }
        if foreignDepth > 0 || (rootSeen && reader.nameHasColon) {
          foreignDepth += 1
          continue
        }
        if inDefault {
          throw failure(
            "<\(FormatError.excerpt(name))> inside <default>; expected text", at: offset)
        }
        switch name {
        case "graphml":
          guard !rootSeen else { throw failure("<graphml> inside <graphml>", at: offset) }
          rootSeen = true
          ownerStack.append(.root)
          for (n, v) in reader.attributes where n.hasPrefix("xmlns:") && n != "xmlns:xsi" {
            network.graphMLNamespaces[String(n.dropFirst(6))] = v
          }
        case "key":
          guard let id = reader.attribute("id") else {
            throw failure("<key> has no id", at: offset)
          }
          let domain = reader.attribute("for") ?? "all"
          let known = ["node", "edge", "graph", "all", "graphml", "port", "endpoint", "hyperedge"]
          guard known.contains(domain) else {
            throw failure(
              "<key id=\"\(FormatError.excerpt(id))\"> is for '\(FormatError.excerpt(domain))'; expected one of \(known.joined(separator: ", "))",
              at: offset)
          }
          if let first = keyByID[Scoped(domain: domain, name: id)] ?? keyByID[
            Scoped(domain: "all", name: id)]
            ?? (domain == "all" ? firstKeyWithID[id] : nil)
          {
            // The same declaration again (Cytoscape repeats some) says nothing new: skipped.
            if keys[first].domain == domain,
              keys[first].name == (reader.attribute("attr.name") ?? id),
              keys[first].graphMLType == reader.attribute("attr.type")
            {
              repeatedKeys += 1
              foreignDepth += 1
              continue
            }
            let (l, _) = input.location(of: keyOffsets[first])
            throw failure(
              "the key id '\(FormatError.excerpt(id))' is declared twice (first on line \(l)); a key id must be unique, so that <data> names one key",
              at: offset)
          }
          // Two keys with one attr.name for the same elements would be one attribute, and
          // one key's values would overwrite the other's.
          // The name as the key is read below: yFiles' keys are named by their yfiles.type.
          let attrName =
            reader.attribute("attr.name") ?? reader.attribute("yfiles.type").map { "yfiles.\($0)" }
            ?? id
          let overlapping =
            domain == "all"
            ? ["all", "node", "edge", "graph"]
            : ["node", "edge", "graph"].contains(domain) ? [domain, "all"] : []
          // networkx writes a key for each type a value has: an edge weight 1 on one edge
          // and 2.5 on another gives a long key and a double key, both 'weight'. Numbers of
          // one attribute on the same elements, declared before any graph, are read as one
          // attribute of doubles (networkx reads each value as its key's type).
          let numeric = ["int", "long", "integer", "float", "double"]
          if !sawGraph, let other = keyWithName[Scoped(domain: domain, name: attrName)],
            keys[other].domain == domain, ["node", "edge"].contains(domain),
            numeric.contains(keys[other].graphMLType?.lowercased() ?? ""),
            numeric.contains(reader.attribute("attr.type")?.lowercased() ?? ""),
            reader.attribute("attr.type")?.lowercased() != keys[other].graphMLType?.lowercased()
          {
            keys[other].type = .double
            mergedKeys.append((keys[other].id, id, attrName, keys[other].graphMLType ?? "", other))
          } else if let other = overlapping.lazy.compactMap({
            keyWithName[Scoped(domain: $0, name: attrName)]
          }).first {
            let (l, _) = input.location(of: keyOffsets[other])
            throw failure(
              "the keys '\(FormatError.excerpt(keys[other].id))' (line \(l)) and '\(FormatError.excerpt(id))' both have attr.name '\(FormatError.excerpt(attrName))' for \(domain == "all" ? keys[other].domain : domain) elements, so their values would be one attribute and one would overwrite the other; give each key its own attr.name",
              at: offset)
          }
          let gtype = reader.attribute("attr.type")
          var type: AttributeType
          switch gtype?.lowercased() {
          case nil: type = reader.attribute("yfiles.type") != nil ? .markup : .string
          case "string": type = .string
          case "int", "long", "integer": type = .integer
          case "float", "double": type = .double
          case "boolean", "bool": type = .boolean
          default:
            throw failure(
              "<key id=\"\(FormatError.excerpt(id))\"> has attr.type '\(FormatError.excerpt(gtype!))'; expected boolean, int, long, float, double or string",
              at: offset)
          }
          if mergedKeys.last?.second == id { type = .double }
          var extras: [String: String] = [:]
          for (n, v) in reader.attributes
          where !["id", "for", "attr.name", "attr.type"].contains(n) { extras[n] = v }
          if domain == "graphml" { extras["for"] = "graphml" }
          let name =
            reader.attribute("attr.name") ?? reader.attribute("yfiles.type").map { "yfiles.\($0)" }
            ?? id
          currentKey = Key(
            id: id, domain: domain, name: name, type: type, graphMLType: gtype, defaultText: nil,
            extras: extras)
          currentKeyOffset = offset
          keyDefault = nil
        case "default":
          guard currentKey != nil else { throw failure("<default> outside <key>", at: offset) }
          inDefault = true
          keyDefault = ""
        case "graph":
          if sawGraph && graphDepth == 0 {
            throw failure(
              "the file holds more than one top-level <graph>; Brobyggare reads one graph per file (split the file)",
              at: offset)
          }
          let ed = reader.attribute("edgedefault")
          guard ed == nil || ed == "directed" || ed == "undirected" else {
            throw failure(
              "edgedefault is '\(FormatError.excerpt(ed!))'; expected 'directed' or 'undirected'",
              at: offset)
          }
          if graphDepth == 0 {
            sawGraph = true
            rootDirected = (ed ?? "directed") == "directed"
            network.isDirected = rootDirected
            network.graphID = reader.attribute("id")
            ownerStack.append(.graph)
          } else {
            ownerStack.append(.none)
          }
          // A nested graph's edges follow its own edgedefault (the enclosing one if it gives none).
          graphDirected.append(ed.map { $0 == "directed" } ?? graphDirected.last ?? rootDirected)
          graphDepth += 1
        case "node":
          guard graphDepth > 0 else { throw failure("<node> outside <graph>", at: offset) }
          guard let id = reader.attribute("id") else {
            throw failure("<node> has no id", at: offset)
          }
          do {
            let i = try network.addNode(Node(id: id))
            nodeOffsets.append(offset)
            ownerStack.append(.node(i))
          } catch {
            throw failure("the node id '\(FormatError.excerpt(id))' is declared twice", at: offset)
          }
        case "edge":
          guard graphDepth > 0 else { throw failure("<edge> outside <graph>", at: offset) }
          guard let s = reader.attribute("source"), let t = reader.attribute("target") else {
            throw failure("<edge> needs both source and target", at: offset)
          }
          var directed = graphDirected.last ?? rootDirected
          if let d = reader.attribute("directed") {
            guard d == "true" || d == "false" else {
              throw failure(
                "directed is '\(FormatError.excerpt(d))'; expected true or false", at: offset)
            }
            directed = d == "true"
          }
          if directed != rootDirected {
            throw failure(
              "this edge is \(directed ? "directed" : "undirected") in \(rootDirected ? "a directed" : "an undirected") graph; mixed graphs are not supported (make every edge one kind)",
              at: offset)
          }
          if reader.attribute("sourceport") != nil || reader.attribute("targetport") != nil {
            edgePorts[edgeSources.count] = (
              reader.attribute("sourceport"), reader.attribute("targetport")
            )
          }
          edgeSources.append(s)
          edgeTargets.append(t)
          edgeOffsets.append(offset)
          edgeIDs.append(reader.attribute("id"))
          ownerStack.append(.edge)
        case "data":
          guard let k = reader.attribute("key") else {
            throw failure("<data> has no key", at: offset)
          }
          let domain: String
          switch ownerStack.last ?? .none {
          case .node: domain = "node"
          case .edge: domain = "edge"
          case .graph, .none: domain = "graph"
          case .root: domain = "graphml"
          }
          dataKey = try lookupKey(k, domain: domain, element: domain, offset: offset)
          dataStart = reader.offset
          reader.keepFrom = dataStart
          dataText = ""
          dataHasElements = false
          dataDepth = 0
        case "hyperedge":
          throw failure(
            "hyperedges are not supported; Brobyggare reads ties between two nodes", at: offset)
        case "port":
          // Kept by name on its node; what is inside it (its own data, nested ports) is skipped.
          if case .node(let i)? = ownerStack.last, let name = reader.attribute("name") {
            nodePorts[i, default: []].append(name)
          }
          foreignDepth += 1
        case "desc", "locator":
          if name == "desc" && currentKey == nil {
            switch ownerStack.last ?? .none {
            case .node: descriptions.nodes += 1
            case .edge: descriptions.edges += 1
            case .graph, .none, .root: descriptions.graphs += 1
            }
            if descriptions.nodes + descriptions.edges + descriptions.graphs == 1 {
              descriptions.first = offset
            }
          }
          foreignDepth += 1
        default:
          throw failure("<\(FormatError.excerpt(name))> is not a GraphML element", at: offset)
        }
      case .text:
        if dataKey != nil {
          dataText += reader.text
        } else if inDefault {
          keyDefault! += reader.text
        }
      case .end:
        let name = reader.name
        let offset = reader.eventOffset
        if let keyIndex = dataKey {
          if dataDepth > 0 {
            dataDepth -= 1
            continue
          }
          let key = keys[keyIndex]
          let markup = dataHasElements
          let text = markup ? reader.slice(dataStart, offset) : dataText
          dataKey = nil
          reader.keepFrom = nil
          if !markup && text.isEmpty && key.type != .string { continue }  // <data key="d5"/>
          let value = try typed(text, key, offset: dataStart, isMarkup: markup)
          switch ownerStack.last ?? .none {
          case .node(let i):
            if network.nodes[i].attributes[key.name] != nil {
              throw failure(
                "this node has a second <data> for the key '\(FormatError.excerpt(key.id))'; one of the two values would be lost",
                at: dataStart)
            }
            network.setNodeAttribute(key.name, value, at: i)
          case .edge:
            let e = edgeSources.count - 1
            var j = edgeData.count - 1
            while j >= 0, edgeData[j].0 == e {
              if edgeData[j].1 == keyIndex
                || (keys[edgeData[j].1].name == key.name
                  && mergedKeys.contains { $0.name == key.name })
              {
                throw failure(
                  "this edge has a second <data> for the key '\(FormatError.excerpt(key.id))'; one of the two values would be lost",
                  at: dataStart)
              }
              j -= 1
            }
            edgeData.append((e, keyIndex, value))
          case .graph, .root:
            network.attributes[key.name] = value
          case .none:
            // A nested graph's own data has no place in the network: said in a note.
            if nestedGraphData.count == 0 { nestedGraphData.first = dataStart }
            nestedGraphData.count += 1
          }
          continue
        }
        if foreignDepth > 0 {
          foreignDepth -= 1
          continue
        }
        switch name {
        case "default":
          inDefault = false
          currentKey?.defaultText = keyDefault
        case "key":
          if let k = currentKey {
            if let d = k.defaultText, k.type != .markup {
              guard AttributeValue.parse(d, as: k.type) != nil else {
                throw failure(
                  "the default '\(FormatError.excerpt(d))' of the key '\(FormatError.excerpt(k.name))' is not a valid \(k.graphMLType ?? k.type.rawValue)",
                  at: offset)
              }
            }
            // A key declared after <data> used it (Cytoscape writes some at the end, and
            // networkx reads them): the values read so far as text take its name and type.
            if undeclaredIDs.contains(k.id) {
              let placeholders = keys.indices.filter { p in
                keys[p].id == k.id
                  && undeclaredKeys[Scoped(domain: keys[p].domain, name: k.id)] == p
                  && (k.domain == "all" || keys[p].domain == k.domain)
              }
              for p in placeholders {
                let domain = keys[p].domain
                func retyped(_ v: AttributeValue) throws(FormatError) -> AttributeValue {
                  if case .markup = v { return v }
                  if k.type == .markup { return .markup(v.description) }
                  guard let t = AttributeValue.parse(v.description, as: k.type) else {
                    throw failure(
                      "'\(FormatError.excerpt(v.description))', read before the key '\(FormatError.excerpt(k.id))' was declared, is not a valid \(k.graphMLType ?? k.type.rawValue)",
                      at: offset)
                  }
                  return t
                }
                switch domain {
                case "node":
                  for i in network.nodes.indices {
                    guard let v = network.nodes[i].attributes[k.id] else { continue }
                    network.setNodeAttribute(k.id, nil, at: i)
                    network.setNodeAttribute(k.name, try retyped(v), at: i)
                  }
                case "edge":
                  for e in edgeData.indices where edgeData[e].key == p {
                    edgeData[e].value = try retyped(edgeData[e].value)
                  }
                default:
                  if let v = network.attributes[k.id] {
                    network.attributes[k.id] = nil
                    network.attributes[k.name] = try retyped(v)
                  }
                }
                var upgraded = k
                upgraded.domain = domain
                keys[p] = upgraded
                undeclaredKeys[Scoped(domain: domain, name: k.id)] = nil
                keyByID[Scoped(domain: domain, name: k.id)] = p
              }
              if !placeholders.isEmpty {
                // Uses on other kinds of element than this key is for stay text, and noted.
                let upgraded = Set(placeholders.map { keys[$0].domain })
                undeclaredUses.removeAll { $0.id == k.id && upgraded.contains($0.domain) }
                if !undeclaredKeys.keys.contains(where: { $0.name == k.id }) {
                  undeclaredIDs.remove(k.id)
                }
                lateKeys += 1
                if k.domain != "all" && placeholders.count == 1 {
                  currentKey = nil
                  continue
                }
              }
            }
            // Data read as text under this name before the key was declared would mix with it.
            if undeclaredIDs.contains(k.name),
              undeclaredKeys[Scoped(domain: k.domain, name: k.name)] != nil
                || (k.domain == "all"
                  && keys.contains {
                    $0.name == k.name
                      && undeclaredKeys[Scoped(domain: $0.domain, name: $0.id)] != nil
                  })
            {
              throw failure(
                "the key '\(FormatError.excerpt(k.id))' is named '\(FormatError.excerpt(k.name))', which <data> before it used as a key id that no <key> declared; declare the keys before the graph",
                at: offset)
            }
            // A default on either of two merged keys would apply to elements that the other
            // key's value leaves without one: which is meant cannot be told.
            if let m = mergedKeys.last, m.second == k.id,
              k.defaultText != nil || keys[m.index].defaultText != nil
            {
              let (l, _) = input.location(of: keyOffsets[m.index])
              throw failure(
                "the keys '\(FormatError.excerpt(m.first))' (line \(l)) and '\(FormatError.excerpt(k.id))' both have attr.name '\(FormatError.excerpt(m.name))' for \(k.domain) elements, and one has a default, which would apply to elements with a value under the other; give each key its own attr.name",
                at: offset)
            }
            keyByID[Scoped(domain: k.domain, name: k.id)] = keys.count
            if firstKeyWithID[k.id] == nil { firstKeyWithID[k.id] = keys.count }
            keys.append(k)
            keyOffsets.append(currentKeyOffset)
            declaredNames.insert(Scoped(domain: k.domain, name: k.name))
            keyWithName[Scoped(domain: k.domain, name: k.name)] = keys.count - 1
          }
          currentKey = nil
        case "graph":
          graphDepth -= 1
          graphDirected.removeLast()
          ownerStack.removeLast()
        case "node", "edge":
          ownerStack.removeLast()
        case "graphml":
          ownerStack.removeLast()
        default: break
        }
      }
    }
    guard sawGraph else {
      throw FormatError(file: file, line: 1, column: 1, "the file has no <graph>")
    }
    if nestedGraphData.count > 0 {
      let n = nestedGraphData.count
      let line = input.location(of: nestedGraphData.first).line
      network.readNotes.append(
        "\(n) <data> of nested <graph>s \(n == 1 ? "was" : "were") left out (the first on line \(line)): the nodes of a nested graph are read, but a nested graph's own attributes have no place in the network"
      )
    }
    let described = descriptions.nodes + descriptions.edges + descriptions.graphs
    if described > 0 {
      let line = input.location(of: descriptions.first).line
      let parts = [
        (descriptions.nodes, "node"), (descriptions.edges, "edge"), (descriptions.graphs, "graph"),
      ].filter { $0.0 > 0 }.map { "\($0.0) \($0.1)\($0.0 == 1 ? "" : "s")" }
      network.readNotes.append(
        "left out the <desc> (free-text description) of \(parts.dropLast().joined(separator: ", "))\(parts.count > 1 ? " and " : "")\(parts.last!) (the first on line \(line)): GraphML gives it no key, and networkx and igraph leave it out too"
      )
    }
    if repeatedKeys > 0 {
      network.readNotes.append(
        "\(repeatedKeys) <key> declaration\(repeatedKeys == 1 ? " was" : "s were") repeated word for word; read once"
      )
    }
    if lateKeys > 0 {
      network.readNotes.append(
        "\(lateKeys) key\(lateKeys == 1 ? " was" : "s were") declared after <data> used \(lateKeys == 1 ? "it" : "them"); the values read before take the declared names and types"
      )
    }
    // Keys declared after <data> used them, but for another kind of element (Cytoscape
    // declares at the end, for nodes, keys its edges use): those uses stay text.
    let declaredFor = Dictionary(grouping: keyByID.keys, by: \.name).mapValues {
      $0.map(\.domain).sorted()
    }
    let misplaced = undeclaredUses.filter { declaredFor[$0.id] != nil }
    // One note for each kind of element used on and the kinds declared for, in file order.
    var groups: [(on: String, declared: [String], uses: [(id: String, offset: Int)])] = []
    for use in misplaced {
      let declared = declaredFor[use.id]!
      if let g = groups.firstIndex(where: { $0.on == use.domain && $0.declared == declared }) {
        groups[g].uses.append((use.id, use.offset))
      } else {
        groups.append((use.domain, declared, [(use.id, use.offset)]))
      }
    }
    for group in groups {
      let shown = group.uses.prefix(FormatError.listLimit)
      let lines = input.locations(of: shown.map(\.offset)).map(\.line)
      var uses = zip(shown, lines).map { "'\(FormatError.excerpt($0.id))' (line \($1))" }
      if group.uses.count > shown.count {
        uses.append("and \(group.uses.count - shown.count) more")
      }
      let kinds = group.declared.map { "for=\"\($0)\"" }.joined(separator: " and ")
      network.readNotes.append(
        group.uses.count == 1
          ? "<data> on <\(group.on)> uses the key \(uses[0]), declared after the graph and only \(kinds); its values on <\(group.on)> were read as text"
          : "<data> on <\(group.on)> uses \(group.uses.count) keys declared after the graph and only \(kinds), whose values on <\(group.on)> were read as text: \(uses.joined(separator: ", "))"
      )
    }
    // Keys no <key> declares at all: the first use of each id.
    var seenIDs = Set<String>()
    let undeclared = undeclaredUses.filter {
      declaredFor[$0.id] == nil && seenIDs.insert($0.id).inserted
    }
    if !undeclared.isEmpty {
      // The first few, with their lines found in one pass over the input.
      let shown = undeclared.prefix(FormatError.listLimit)
      let lines = input.locations(of: shown.map(\.offset)).map(\.line)
      var uses = zip(shown, lines).map { "'\(FormatError.excerpt($0.id))' (line \($1))" }
      if undeclared.count > shown.count {
        uses.append("and \(undeclared.count - shown.count) more")
      }
      network.readNotes.append(
        undeclared.count == 1
          ? "<data> names the key \(uses[0]), which no <key> declares; its values were read as text"
          : "<data> names \(undeclared.count) keys that no <key> declares, whose values were read as text: \(uses.joined(separator: ", "))"
      )
    }

    // Declarations, in key order.
    for m in mergedKeys {
      keys[m.index].graphMLType = "double"
      network.readNotes.append(
        "the keys '\(FormatError.excerpt(m.first))' and '\(FormatError.excerpt(m.second))' are both the \(keys[m.index].domain) attribute '\(FormatError.excerpt(m.name))', one \(m.type) and one \(keys.first { $0.id == m.second && $0.domain == keys[m.index].domain }?.graphMLType ?? "number") (networkx writes a key for each type of value): read as one attribute of numbers (double)"
      )
    }
    for k in keys {
      let decl = AttributeDeclaration(
        name: k.name, type: k.type,
        defaultValue: k.defaultText.flatMap {
          k.type == .markup ? .markup($0) : AttributeValue.parse($0, as: k.type)
        },
        graphMLType: k.graphMLType, graphMLKeyExtras: k.extras)
      switch k.domain {
      case "node": network.declareNodeAttribute(decl)
      case "edge": network.declareTieAttribute(decl)
      case "graph", "graphml": network.networkAttributes.append(decl)
      case "all":
        network.declareNodeAttribute(decl)
        network.declareTieAttribute(decl)
      default: break
      }
    }
    // Trust and layer come out of the edge attributes. Trust is named `trust`, else `weight`,
    // in any case, as the CSV reader finds its columns; two keys whose names differ only in
    // case would both be trust, so they are refused.
    var trustName: String?
    for usual in ["trust", "weight"] where trustName == nil {
      let named = network.tieAttributes.filter { $0.name.lowercased() == usual }.map(\.name)
      if named.count > 1 {
        let at = keys.firstIndex {
          $0.name == named[1] && ($0.domain == "edge" || $0.domain == "all")
        }.map { keyOffsets[$0] }
        throw failure(
          "the edge keys \(FormatError.list(named, quoted: true)) differ only in case, and each would be the \(usual); rename all but one",
          at: at ?? 0)
      }
      trustName = named.first
    }
    // Trust declared as text whose every value is a number (see below).
    var trustFromText = false
    if let trustName {
      network.trustAttributeName = trustName
      let decl = network.tieAttributes.first { $0.name == trustName }!
      if decl.type != .double && decl.type != .integer {
        let shown = FormatError.excerpt(trustName)
        if let k = undeclaredKeys[Scoped(domain: "edge", name: trustName)] {
          // Declared after the graph for other elements only (see the note), or not at all.
          let declared = declaredFor[trustName].map {
            "which is declared only for=\"\($0.joined(separator: "\" and for=\""))\" (after the graph)"
          }
          throw failure(
            "<data> names the key '\(shown)', \(declared ?? "which no <key> declares"), so its values on edges would be text, but an edge attribute named \(shown) is the trust; declare it: <key id=\"\(shown)\" for=\"edge\" attr.name=\"\(shown)\" attr.type=\"double\"/>",
            at: keyOffsets[k])
        }
        let at =
          keys.firstIndex { $0.name == trustName && ($0.domain == "edge" || $0.domain == "all") }
          .map { keyOffsets[$0] } ?? 0
        // A weight declared as text whose every value is a number, as some tools write it, is
        // read as those numbers, with a note (networkx and igraph would keep text, which their
        // weighted measures refuse).
        let texts = edgeData.lazy.filter { keys[$0.key].name == trustName }.map {
          $0.value.description
        }
        guard decl.type == .string, !texts.isEmpty,
          texts.allSatisfy({ parseDouble(trimmingWhitespace($0, newlines: true)) != nil })
        else {
          throw failure(
            "the edge key '\(shown)' is \(decl.graphMLType ?? "string"); trust must be a number",
            at: at)
        }
        trustFromText = true
        network.readNotes.append(
          "the edge key '\(shown)' is declared attr.type=\"\(decl.graphMLType ?? "string")\", but every value of it is a number: read as the trust (networkx and igraph would read text)"
        )
      }
      network.trustGraphMLType = trustFromText ? nil : decl.graphMLType
      if decl.type == .integer { network.trustType = .integer }
      network.tieAttributes.removeAll { $0.name == trustName }
    }
    let trustDefault = keys.last {
      $0.name == trustName && ($0.domain == "edge" || $0.domain == "all")
    }?.defaultText.flatMap { parseDouble($0) }
    let layerDecl = network.tieAttributes.first { $0.name == "layer" && $0.type == .string }
    if layerDecl != nil { network.tieAttributes.removeAll { $0.name == "layer" } }

    // Node defaults.
    let nodeDefaults = network.nodeAttributes.compactMap { d in d.defaultValue.map { (d.name, $0) }
    }
    if !nodeDefaults.isEmpty {
      for i in 0..<network.nodeCount {
        var attrs = network.nodes[i].attributes
        for (n, v) in nodeDefaults where attrs[n] == nil { attrs[n] = v }
        network.setNodeAttributes(attrs, at: i)
      }
    }
    // yEd labels: the text of the first y:NodeLabel, when no label attribute is given; in
    // yFiles for HTML's files (yEd Live), the first y:Label.Text of the key NodeLabels.
    let graphicsKeys = network.nodeAttributes.filter {
      $0.graphMLKeyExtras["yfiles.type"] == "nodegraphics"
        || ($0.graphMLKeyExtras["y:attr.uri"]?.hasSuffix("/NodeLabels") ?? false)
    }.map(\.name)
    if !graphicsKeys.isEmpty {
      var labelled = false
      for i in 0..<network.nodeCount where network.nodes[i].attributes["label"] == nil {
        for g in graphicsKeys {
          if case .markup(let m)? = network.nodes[i].attributes[g], let l = yEdLabel(m) {
            network.setNodeAttribute("label", .string(l), at: i)
            labelled = true
            break
          }
        }
      }
      if labelled {
        network.declareNodeAttribute(AttributeDeclaration(name: "label", type: .string))
      }
    }

    let edgeDefaults = network.tieAttributes.compactMap { d in d.defaultValue.map { (d.name, $0) } }
    network.reserveCapacity(nodes: 0, ties: edgeSources.count)
    if !nodePorts.isEmpty {
      network.declareNodeAttribute(AttributeDeclaration(name: "ports", type: .string))
      for (i, names) in nodePorts {
        network.setNodeAttribute("ports", .string(names.joined(separator: ",")), at: i)
      }
      network.readNotes.append(
        "\(nodePorts.values.map(\.count).reduce(0, +)) <port> elements kept by name in the node attribute 'ports' (what they hold for drawing is not read)"
      )
    }
    if !edgePorts.isEmpty {
      if edgePorts.values.contains(where: { $0.0 != nil }) {
        network.declareTieAttribute(AttributeDeclaration(name: "sourceport", type: .string))
      }
      if edgePorts.values.contains(where: { $0.1 != nil }) {
        network.declareTieAttribute(AttributeDeclaration(name: "targetport", type: .string))
      }
    }
    // yEd's edge labels (`<y:EdgeLabel>` in an edge's graphics) as the tie's label, as its
    // node labels are the nodes' (networkx reads both); the graphics stay as they were.
    let edgeGraphics = Set(
      keys.indices.filter {
        keys[$0].domain == "edge" && keys[$0].extras["yfiles.type"] == "edgegraphics"
      })
    let hasEdgeLabelKey = keys.contains { $0.domain == "edge" && $0.name == "label" }
    var edgeLabels = 0
    var nextData = 0
    for e in edgeSources.indices {
      guard let s = network.index(of: edgeSources[e]) else {
        throw failure(
          "the edge's source '\(FormatError.excerpt(edgeSources[e]))' is not a <node> in this file",
          at: edgeOffsets[e])
      }
      guard let t = network.index(of: edgeTargets[e]) else {
        throw failure(
          "the edge's target '\(FormatError.excerpt(edgeTargets[e]))' is not a <node> in this file",
          at: edgeOffsets[e])
      }
      var tie = Tie(
        source: s, target: t, trust: trustDefault, layer: layerDecl?.defaultValue?.description,
        id: edgeIDs[e])
      for (n, v) in edgeDefaults { tie.attributes[n] = v }
      if let (sp, tp) = edgePorts[e] {
        if let sp { tie.attributes["sourceport"] = .string(sp) }
        if let tp { tie.attributes["targetport"] = .string(tp) }
      }
      while nextData < edgeData.count && edgeData[nextData].edge == e {
        let (k, v) = (keys[edgeData[nextData].key], edgeData[nextData].value)
        nextData += 1
        if k.name == trustName {
          // A key named trust must hold trust; a weight (as other tools write it) may be any
          // number, and the path measures refuse what cannot be a length.
          let number =
            trustFromText
            ? parseDouble(trimmingWhitespace(v.description, newlines: true)) : v.number
          guard let w = number,
            trustName?.lowercased() != "trust" || SignedReading.admits(w)
          else {
            let negative = number.map { $0 < 0 } ?? false
            throw failure(
              "the trust '\(FormatError.excerpt(v.description))' must be a finite number ≥ 0"
                + (negative ? "; \(TieSign.hint)" : ""),
              at: edgeOffsets[e])
          }
          tie.trust = w
        } else if k.name == "layer" && layerDecl != nil {
          tie.layer = v.description
        } else {
          tie.attributes[k.name] = v
          if !hasEdgeLabelKey, edgeGraphics.contains(edgeData[nextData - 1].key),
            case .markup(let m) = v, let l = yEdLabel(m, element: "y:EdgeLabel")
          {
            tie.attributes["label"] = .string(l)
            edgeLabels += 1
          }
        }
      }
      network.addTie(tie)
    }
    if edgeLabels > 0 {
      network.declareTieAttribute(AttributeDeclaration(name: "label", type: .string))
      network.readNotes.append(
        "the labels of \(edgeLabels) \(edgeLabels == 1 ? "edge" : "edges") read from yEd's edge graphics (<y:EdgeLabel>) as the tie attribute 'label', as networkx reads them"
      )
    }
    return network
  }

  /// The text of the first `<y:NodeLabel>` in yEd's node graphics, or of the first
  /// `<y:Label.Text>` in yFiles for HTML's node labels, trimmed; `nil` when empty.
  static func yEdLabel(_ markup: String, element: String = "y:NodeLabel") -> String? {
    let gt: String.Index
    if let open = markup.range(of: "<" + element) {
      guard let end = markup[open.upperBound...].firstIndex(of: ">") else { return nil }
      if markup[markup.index(before: end)] == "/" { return nil }
      gt = end
    } else if let open = markup.range(of: "<y:Label.Text>") {
      gt = markup.index(before: open.upperBound)
    } else {
      return nil
    }
    let rest = markup[markup.index(after: gt)...]
    let end = rest.firstIndex(of: "<") ?? rest.endIndex
    var text = String(rest[..<end])
    if text.isEmpty, rest.hasPrefix("<![CDATA["), let close = rest.range(of: "]]>") {
      text = String(rest[rest.index(rest.startIndex, offsetBy: 9)..<close.lowerBound])
      // A rich-text label (yFiles' markup labels: `<p>regular <strong>bold</strong></p>`): its
      // text, the tags taken out, paragraphs and line breaks as spaces.
      if text.hasPrefix("<") {
        var plain = ""
        var inTag = false
        var tag = ""
        for c in text {
          if inTag {
            if c == ">" {
              inTag = false
              let name = tag.lowercased()
              if name.hasPrefix("/p") || name.hasPrefix("br") || name.hasPrefix("/div") {
                plain += " "
              }
            } else {
              tag.append(c)
            }
          } else if c == "<" {
            inTag = true
            tag = ""
          } else {
            plain.append(c)
          }
        }
        text = plain.split(whereSeparator: \.isWhitespace).joined(separator: " ")
      }
    }
    for (e, c) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'"), ("&amp;", "&")]
    {
      text = text.replacingOccurrences(of: e, with: c)
    }
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    return trimmed.isEmpty ? nil : trimmed
  }
}
