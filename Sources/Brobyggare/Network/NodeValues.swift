/// A measure's values, one per node, read by node index or by id, and printed by name.
///
/// The measures return dense arrays indexed like ``Network/nodes``; wrap one with
/// ``Network/byNode(_:)`` to look values up by id or to list them by name:
///
///     let betweenness = network.byNode(try network.betweenness())
///     print(betweenness[id: "Medici"]!)
///     for (id, value) in betweenness.ranked().prefix(5) { print(id, value) }
public struct NodeValues<Value: Sendable>: RandomAccessCollection, Sendable {
  /// The node ids, in node order.
  public let ids: [String]
  /// The values, in node order.
  public let values: [Value]
  private let indexByID: [String: Int]

  /// Values paired with the nodes' ids, both in node order.
  ///
  /// - Precondition: `ids.count == values.count`.
  /// - Complexity: O(n).
  public init(ids: [String], values: [Value]) {
    precondition(
      ids.count == values.count, "one value per node: \(ids.count) ids, \(values.count) values")
    self.ids = ids
    self.values = values
    var index: [String: Int] = [:]
    index.reserveCapacity(ids.count)
    for (i, id) in ids.enumerated() where index[id] == nil { index[id] = i }
    self.indexByID = index
  }

  /// The first index, 0.
  public var startIndex: Int { 0 }
  /// The number of nodes.
  public var endIndex: Int { values.count }
  /// The value of node `v`.
  public subscript(position: Int) -> Value { values[position] }

  /// The value of the node with this id, or `nil` when no node has it.
  ///
  /// - Complexity: O(1) on average.
  public subscript(id id: String) -> Value? { indexByID[id].map { values[$0] } }

  /// The index of the node with this id, or `nil`.
  public func index(of id: String) -> Int? { indexByID[id] }
}

extension NodeValues where Value == Double {
  /// (id, value) pairs, largest first (smallest first when `descending` is false); ties in
  /// id order, where values within 10⁻⁹ of each other (relative) are ties, as they differ only
  /// by rounding; NaN values last, as they rank nowhere.
  ///
  /// - Complexity: O(n log n).
  public func ranked(descending: Bool = true) -> [(id: String, value: Double)] {
    let key = RankCorrelation.withRoundingTies(values)
    let order = values.indices.sorted { a, b in
      let x = key[a]
      let y = key[b]
      if x.isNaN != y.isNaN { return !x.isNaN }
      if x != y && !x.isNaN { return descending ? x > y : x < y }
      return ids[a] < ids[b]
    }
    return order.map { (ids[$0], values[$0]) }
  }
}

extension NodeValues: CustomStringConvertible {
  /// One line per node: its id, a tab and its value.
  public var description: String {
    zip(ids, values).map { id, value in
      if let d = value as? Double { return "\(id)\t\(formatNumber(d))" }
      return "\(id)\t\(value)"
    }.joined(separator: "\n")
  }
}

extension Network {
  /// A measure's values paired with the nodes' ids, to read by id or list by name (see
  /// ``NodeValues``).
  ///
  /// - Precondition: one value per node.
  /// - Complexity: O(n).
  public func byNode<Value>(_ values: [Value]) -> NodeValues<Value> {
    NodeValues(ids: nodes.map(\.id), values: values)
  }

  /// Stores a measure as a node attribute, one value per node (NaN and `nil` leave the node
  /// without it), and declares the attribute, so that writers (GraphML, GEXF, CSV, ...)
  /// write it as a column.
  ///
  /// - Precondition: one value per node.
  /// - Complexity: O(n).
  public mutating func setNodeAttribute(_ name: String, values: [Double]) {
    precondition(
      values.count == nodeCount, "one value per node: \(nodeCount) nodes, \(values.count) values")
    for (v, x) in values.enumerated() { setNodeAttribute(name, x.isNaN ? nil : .double(x), at: v) }
    declareNodeAttribute(AttributeDeclaration(name: name, type: .double))
  }
}
