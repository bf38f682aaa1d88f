import Foundation

/// A network of people and organisations: nodes with stable string ids, directed or undirected
/// ties with trust weights and layers, and typed attributes on nodes, ties and the network.
///
/// `Network` is a value type. Node lookup by id is O(1). The measures do not walk this
/// structure; they run on an ``Adjacency`` built from it once per analysis.
public struct Network: Sendable {
  /// Whether ties run from source to target (`true`) or both ways.
  public var isDirected: Bool
  /// The nodes, in input order. Their position is their index everywhere in results.
  public private(set) var nodes: [Node] = []
  /// The ties, in input order; parallel ties and self-loops are kept.
  public private(set) var ties: [Tie] = []
  private var indexByID: [String: Int] = [:]

  /// The network's own attributes (GraphML `<data>` on the graph, JSON `graph`).
  public var attributes: [String: AttributeValue] = [:]
  /// The graph's id in the input (GraphML `<graph id>`), kept for writing back.
  public var graphID: String?
  /// The type the input gave the node ids, kept for writing back: ``Node/id`` is text either
  /// way (`"0"`).
  ///
  /// The JSON reader sets `.integer` when every node id in the file is a JSON integer
  /// (`{"id": 0}`, as networkx writes integer nodes); every other reader, and a JSON file whose
  /// ids are text or mix integers and text, leaves `.string`. The JSON writers
  /// (``NodeLinkFormat/write(_:)`` and ``NodeLinkFormat/writeCytoscape(_:)``) read it: with
  /// `.integer`, and every id an integer written as Swift's `String(Int)` writes it (`7`, not
  /// `07` or `+7`), they write the ids and the ties' ends as JSON integers, so that networkx
  /// reads back the nodes it wrote (`0`, not `"0"`); otherwise as text, and
  /// ``lostWhenWritten(as:)`` names the first id that is not an integer. Other values are
  /// written as `.string` is. Networks made from this one with the same ids (ego networks,
  /// projections) keep it; a packed network (``PackedNetwork``) does not hold it.
  public var nodeIDType: AttributeType = .string

  /// The type the input gave the trust values, kept for writing back: ``Tie/trust`` is a
  /// `Double` either way (`4.0`).
  ///
  /// The readers of formats that write a number's type set `.integer` when every trust in the
  /// file is an integer: JSON (`"weight": 4`, as networkx writes a Python integer), GML
  /// (`weight 4`) and GraphML (a key of `attr.type` `int` or `long`); so does the CSV reader
  /// (spreadsheets included) when every trust is written in digits alone (`4`, not `4.0`), and
  /// a packed network (``PackedNetwork``) when every packed trust is a whole number. Every
  /// other reader leaves `.double`. The JSON, GML and GraphML writers read it: with
  /// `.integer`, and every trust a whole number of at most 2^53, they write each trust as an
  /// integer (`4`, GraphML's `long`), so that networkx and igraph read back the integers they
  /// wrote; otherwise as a double (`4.0`), whatever this says. Other values are written as
  /// `.double` is.
  public var trustType: AttributeType = .double

  /// Declared node attributes, in declaration order (label and kind among them when present).
  public var nodeAttributes: [AttributeDeclaration] = [] {
    didSet { nodeAttributeIndex.isCurrent = false }
  }
  /// Declared tie attributes other than trust and layer, in declaration order.
  public var tieAttributes: [AttributeDeclaration] = [] {
    didSet { tieAttributeIndex.isCurrent = false }
  }
  // Positions of the declarations by name, so that declaring is O(1). The arrays are public
  // and may be changed directly; a change marks the index out of date (the observers do not
  // read the old value, so the arrays are still changed in place) and the next declaration
  // builds it again.
  private var nodeAttributeIndex = DeclarationIndex()
  private var tieAttributeIndex = DeclarationIndex()
  /// Declared network attributes, in declaration order.
  public var networkAttributes: [AttributeDeclaration] = []
  /// The name the input gave the trust weight (`trust`, or `weight` as networkx and igraph
  /// write it). Writers use it again.
  public var trustAttributeName: String = "trust"
  /// GraphML's spelling of the trust key's type, when read from GraphML.
  public var trustGraphMLType: String?
  /// Namespace declarations of a GraphML root other than GraphML's own (`y` for yEd, say),
  /// by prefix, kept so that foreign markup in attributes stays valid when written back.
  public var graphMLNamespaces: [String: String] = [:]
  /// What reading the input changed or assumed that the user should know (ids trimmed of
  /// spaces, a direction taken from a column, say), one sentence each, in the order found.
  /// Readers append; the command line prints them on standard error.
  public var readNotes: [String] = []
  /// Whether two ids equal in Unicode but not in their bytes were read as one node (said once).
  private var sawEquivalentIDs = false
  /// Subgraphs and clusters as a DOT file declared them (see ``Subgraph``); empty otherwise.
  public var subgraphs: [Subgraph] = []
  /// The sign of the ties read from a signed network (``Network/ReadOptions/sign``): `.negative`
  /// when the ties are the negative ones, their trust the size of what was written; `nil` when
  /// the reading chose no sign.
  public internal(set) var tieSign: TieSign?
  /// Each tie's place (from 0) among the ties the file holds, when ``keepTies(ofSign:)`` left
  /// some out; `nil` when tie k is the file's tie k. Messages name a tie by it
  /// (``fileTieIndex(_:)``), so that "tie 7" is the seventh tie in the file.
  private var fileTieIndices: [Int]?
  /// The place a tie added after ``keepTies(ofSign:)`` takes: after every tie of the file.
  private var nextFileTieIndex = 0

  /// An empty network, directed or not.
  public init(directed: Bool) {
    self.isDirected = directed
  }

  /// Whether the writers write every trust as an integer: ``trustType`` is `.integer` and
  /// every trust is a whole number of at most 2^53 (an integer a double holds exactly).
  var writesTrustAsIntegers: Bool {
    trustType == .integer && ties.allSatisfy { $0.trust.map(Network.isWholeTrust) ?? true }
  }

  /// Whether a trust is a whole number of at most 2^53, which a writer may write as an integer.
  static func isWholeTrust(_ w: Double) -> Bool {
    w == w.rounded(.towardZero) && abs(w) <= 9_007_199_254_740_992
  }

  /// A tie's trust as the writers write it (see ``trustType``): an integer when `integers`
  /// (``writesTrustAsIntegers``), else a double.
  static func writtenTrust(_ w: Double, integers: Bool) -> AttributeValue {
    integers ? .integer(Int(w)) : .double(w)
  }

  /// The number of nodes.
  public var nodeCount: Int { nodes.count }
  /// The number of ties, parallel ties and self-loops included.
  public var tieCount: Int { ties.count }

  /// The index of the node with this id, or `nil`.
  ///
  /// - Complexity: O(1) on average.
  public func index(of id: String) -> Int? { indexByID[id] }

  /// The node with this id, or `nil`.
  public subscript(id id: String) -> Node? { indexByID[id].map { nodes[$0] } }

  /// Adds a node and returns its index. Throws when the id is taken.
  @discardableResult
  public mutating func addNode(_ node: Node) throws(NetworkError) -> Int {
    if indexByID[node.id] != nil { throw .duplicateNode(node.id) }
    let i = nodes.count
    nodes.append(node)
    indexByID[node.id] = i
    return i
  }

  /// Returns the index of the node with this id, adding a bare node first when there is none.
  @discardableResult
  public mutating func node(withID id: String) -> Int {
    if let i = indexByID[id] {
      // Swift's strings compare by Unicode's canonical equivalence: `é` as one scalar and as
      // `e` with a combining accent are one id. Said once, with the first such pair.
      if !sawEquivalentIDs, !Network.sameBytes(nodes[i].id, id) {
        sawEquivalentIDs = true
        func scalars(_ s: String) -> String {
          s.unicodeScalars.prefix(12).map { scalarCode($0) }.joined(separator: " ")
        }
        readNotes.append(
          "ids that differ only in how Unicode composes their characters are read as one node, as Unicode says they are the same text (the first: '\(visibleText(nodes[i].id))' written as \(scalars(nodes[i].id)) and as \(scalars(id)))"
        )
      }
      return i
    }
    let i = nodes.count
    nodes.append(Node(id: id))
    indexByID[id] = i
    return i
  }

  /// Whether two strings have the same UTF-8 bytes (Swift's `==` compares canonical
  /// equivalence); a memory comparison, not a walk of the scalars. Static: as a method it was
  /// called on a copy of the whole network (a retain of every field) for every id looked up.
  private static func sameBytes(_ a: String, _ b: String) -> Bool {
    var a = a
    var b = b
    return a.withUTF8 { x in
      b.withUTF8 { y in
        x.count == y.count && (x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0)
      }
    }
  }

  /// Adds a tie between two existing nodes (by index) and returns its index.
  @discardableResult
  public mutating func addTie(_ tie: Tie) -> Int {
    precondition(
      tie.source >= 0 && tie.source < nodes.count, "tie source \(tie.source) is not a node index")
    precondition(
      tie.target >= 0 && tie.target < nodes.count, "tie target \(tie.target) is not a node index")
    if fileTieIndices != nil {
      fileTieIndices!.append(nextFileTieIndex)
      nextFileTieIndex += 1
    }
    ties.append(tie)
    return ties.count - 1
  }

  /// The place (from 0) of tie `k` among the ties of the file it was read from: `k` itself,
  /// unless ties of the other sign were left out when reading (``keepTies(ofSign:)``). A message
  /// that names a tie by its number uses this one plus 1.
  package func fileTieIndex(_ k: Int) -> Int {
    guard let indices = fileTieIndices, k >= 0, k < indices.count else { return k }
    return indices[k]
  }

  /// Keeps the ties of one sign, in their order (see ``TieSign``): the positive ones, or the
  /// negative ones with their trust's size as the trust. The nodes stay.
  mutating func keepTies(ofSign sign: TieSign) {
    let negative = { (tie: Tie) in (tie.trust ?? 0) < 0 }
    let kept = ties.indices.filter { negative(ties[$0]) == (sign == .negative) }
    if fileTieIndices == nil { nextFileTieIndex = ties.count }
    fileTieIndices = kept.map { fileTieIndex($0) }
    ties = kept.map { ties[$0] }
    if sign == .negative {
      for k in ties.indices { ties[k].trust = -ties[k].trust! }
    }
  }

  /// Renames tie attributes (old name to new), in their declarations and on every tie.
  package mutating func renameTieAttributes(_ renames: [String: String]) {
    guard !renames.isEmpty else { return }
    tieAttributes = tieAttributes.map { d in
      var d = d
      if let new = renames[d.name] { d.name = new }
      return d
    }
    for k in ties.indices {
      for (old, new) in renames {
        if let v = ties[k].attributes.removeValue(forKey: old) { ties[k].attributes[new] = v }
      }
    }
  }

  /// Keeps the ties in `layers`, in their order; the nodes stay.
  package mutating func keepTies(inLayers layers: Set<String>) {
    let kept = ties.indices.filter { ties[$0].layer.map(layers.contains) ?? false }
    if fileTieIndices == nil { nextFileTieIndex = ties.count }
    fileTieIndices = kept.map { fileTieIndex($0) }
    ties = kept.map { ties[$0] }
  }

  /// Adds a tie between the nodes with these ids, creating bare nodes for unknown ids.
  @discardableResult
  public mutating func addTie(
    from source: String, to target: String, trust: Double? = nil,
    layer: String? = nil, attributes: [String: AttributeValue] = [:]
  ) -> Int {
    let s = node(withID: source)
    let t = node(withID: target)
    return addTie(Tie(source: s, target: t, trust: trust, layer: layer, attributes: attributes))
  }

  /// Adds a tie between two nodes that must exist already, checking its trust: the strict
  /// counterpart of ``addTie(from:to:trust:layer:attributes:)``, which creates a bare node for
  /// an id it does not know (so that `"Bo"` for the id `"bo"` makes a second person).
  ///
  /// - Parameters:
  ///   - source: the id of the tie's source.
  ///   - target: the id of the tie's target.
  ///   - trust: the tie's trust, a finite number ≥ 0, within `scale` when one is given;
  ///     `nil` for none.
  ///   - scale: the range a trust must lie in (a rating scale's 1...5, say), or `nil`.
  ///   - layer: the tie's layer, or `nil`.
  ///   - attributes: the tie's other attributes.
  /// - Returns: the index of the new tie.
  /// - Throws: ``NetworkError/unknownNodeID(_:differingInCase:)`` for an id no node has, naming
  ///   the ids that differ from it only in case; ``NetworkError/invalidTrust(_:expected:)``
  ///   for a trust that is negative, not finite, or off the scale. Nothing is added then.
  /// - Complexity: O(1) on average; O(n) to name the ids that differ in case, on error.
  @discardableResult
  public mutating func addTie(
    fromExisting source: String, to target: String, trust: Double? = nil,
    scale: ClosedRange<Double>? = nil, layer: String? = nil,
    attributes: [String: AttributeValue] = [:]
  ) throws(NetworkError) -> Int {
    func existing(_ id: String) throws(NetworkError) -> Int {
      if let i = indexByID[id] { return i }
      let folded = id.lowercased()
      throw .unknownNodeID(
        id,
        differingInCase: nodes.lazy.map(\.id).filter { $0.lowercased() == folded }.prefix(5).map {
          $0
        })
    }
    let s = try existing(source)
    let t = try existing(target)
    if let trust {
      guard trust.isFinite, trust >= 0 else {
        throw .invalidTrust(trust, expected: "a trust, which is a finite number ≥ 0")
      }
      if let scale, !scale.contains(trust) {
        throw .invalidTrust(
          trust,
          expected:
            "on the scale \(formatNumber(scale.lowerBound))–\(formatNumber(scale.upperBound))")
      }
    }
    return addTie(Tie(source: s, target: t, trust: trust, layer: layer, attributes: attributes))
  }

  /// Replaces the attributes of the node at `index`.
  public mutating func setNodeAttributes(_ attributes: [String: AttributeValue], at index: Int) {
    nodes[index].attributes = attributes
  }

  /// Sets one attribute of the node at `index`; `nil` removes it.
  public mutating func setNodeAttribute(_ name: String, _ value: AttributeValue?, at index: Int) {
    nodes[index].attributes[name] = value
  }

  /// Reserves room for this many more nodes and ties.
  public mutating func reserveCapacity(nodes n: Int, ties m: Int) {
    nodes.reserveCapacity(nodes.count + n)
    ties.reserveCapacity(ties.count + m)
    indexByID.reserveCapacity(indexByID.count + n)
  }

  /// The layers present, sorted; ties without a layer are not listed.
  public var layers: [String] {
    Set(ties.compactMap(\.layer)).sorted()
  }

  /// Declares a node attribute unless one of that name is declared already.
  ///
  /// - Complexity: O(1) on average; O(*a*) in the number of declarations the first time after
  ///   ``nodeAttributes`` was changed directly.
  public mutating func declareNodeAttribute(_ d: AttributeDeclaration) {
    if !nodeAttributeIndex.isCurrent { nodeAttributeIndex.rebuild(nodeAttributes) }
    guard nodeAttributeIndex.positions[d.name] == nil else { return }
    nodeAttributes.append(d)
    nodeAttributeIndex.positions[d.name] = nodeAttributes.count - 1
    nodeAttributeIndex.isCurrent = true
  }

  /// Declares a tie attribute unless one of that name is declared already.
  ///
  /// - Complexity: O(1) on average; O(*a*) in the number of declarations the first time after
  ///   ``tieAttributes`` was changed directly.
  public mutating func declareTieAttribute(_ d: AttributeDeclaration) {
    if !tieAttributeIndex.isCurrent { tieAttributeIndex.rebuild(tieAttributes) }
    guard tieAttributeIndex.positions[d.name] == nil else { return }
    tieAttributes.append(d)
    tieAttributeIndex.positions[d.name] = tieAttributes.count - 1
    tieAttributeIndex.isCurrent = true
  }

  /// The position of each declared name (the first, when a name was appended twice directly).
  private struct DeclarationIndex: Sendable {
    var positions: [String: Int] = [:]
    var isCurrent = true

    mutating func rebuild(_ declarations: [AttributeDeclaration]) {
      positions.removeAll(keepingCapacity: true)
      for (i, d) in declarations.enumerated() where positions[d.name] == nil {
        positions[d.name] = i
      }
      isCurrent = true
    }
  }

  /// Whether any tie carries an explicit trust value.
  public var hasTrust: Bool { ties.contains { $0.trust != nil } }
  /// Whether any tie carries a layer.
  public var hasLayers: Bool { ties.contains { $0.layer != nil } }
}

/// Misuse of the network model that depends on data (a duplicate id, say).
public enum NetworkError: Error, Equatable, CustomStringConvertible {
  /// A node id used twice.
  case duplicateNode(String)
  /// An id no node has.
  case unknownNode(String)
  /// A layer no tie is in, with the layers there are.
  case unknownLayer(String, available: [String])
  /// A tie attribute no tie has (as the weight of a selection, say).
  case unknownAttribute(String)
  /// A node attribute no node has.
  case unknownNodeAttribute(String)
  /// A tie (its place in the file it was read from, from 0, and its ends as text) whose weight
  /// is missing (`value` nil), not a number, or not a trust. The place is the tie's index in
  /// ``Network/ties`` unless a sign left ties out when reading (``Network/ReadOptions/sign``).
  case invalidWeight(tie: Int, ends: String, value: String?, reason: String)
  /// A name that is neither an id nor a node's label, with the closest ids and labels.
  case noNodeNamed(String, closest: [String])
  /// A label that several nodes have, with their ids.
  case ambiguousLabel(String, ids: [String])
  /// A group attribute no node has, with the node attributes there are.
  case unknownGroupAttribute(String, available: [String])
  /// A node attribute's value that is not of the kind expected (`expected`: "true or false").
  case invalidNodeAttribute(node: String, attribute: String, value: String, expected: String)
  /// An id no node has, given to ``Network/addTie(fromExisting:to:trust:scale:layer:attributes:)``,
  /// with the ids that differ from it only in case.
  case unknownNodeID(String, differingInCase: [String])
  /// A trust that is not a finite number ≥ 0, or lies outside the scale given.
  case invalidTrust(Double, expected: String)

  public var description: String {
    switch self {
    case .duplicateNode(let id): "node id '\(id)' is used twice"
    case .unknownNode(let id): "no node has the id '\(id)'"
    case .unknownLayer(let l, let available):
      "no tie is in layer '\(l)'; layers: \(available.isEmpty ? "(none)" : available.joined(separator: ", "))"
    case .unknownAttribute(let a): "no tie attribute is named '\(a)'"
    case .unknownNodeAttribute(let a): "no node attribute is named '\(a)'"
    case .invalidWeight(let tie, let ends, let value, let reason):
      "tie \(tie + 1) (\(ends)): " + (value.map { "weight '\($0)' \(reason)" } ?? reason)
    case .noNodeNamed(let name, let closest):
      "no node has the id or label '\(name)'" + didYouMean(closest)
    case .ambiguousLabel(let label, let ids):
      "\(ids.count) nodes have the label '\(label)' (ids \(ids.prefix(10).map { "'\($0)'" }.joined(separator: ", "))\(ids.count > 10 ? ", ..." : "")); name one by its id"
    case .unknownGroupAttribute(let a, let available):
      "no node attribute is named '\(a)'; node attributes: \(available.isEmpty ? "(none)" : FormatError.list(available, quoted: true))"
    case .invalidNodeAttribute(let node, let attribute, let value, let expected):
      "node '\(node)': '\(attribute)' is '\(value)'; expected \(expected)"
    case .unknownNodeID(let id, let differing):
      "no node has the id '\(id)'"
        + (differing.isEmpty
          ? "" : "; ids that differ only in case: " + FormatError.list(differing, quoted: true))
    case .invalidTrust(let trust, let expected):
      "trust \(formatNumber(trust)) is not \(expected)"
    }
  }
}

/// "; did you mean 'a' or 'b'?" for a message, or nothing when there is no suggestion.
package func didYouMean(_ suggestions: [String]) -> String {
  guard !suggestions.isEmpty else { return "" }
  let quoted = suggestions.map { "'\($0)'" }
  let list =
    quoted.count == 1
    ? quoted[0] : quoted.dropLast().joined(separator: ", ") + " or " + quoted.last!
  return "; did you mean \(list)?"
}
