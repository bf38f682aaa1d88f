/// A subgraph or cluster of a network as a DOT file declares it: its id, its own attributes
/// (a cluster's `label`, `color`, `style`, `rank=same`), the node and tie defaults declared in
/// it, and its members. Kept so that DOT written back draws the same.
public struct Subgraph: Sendable, Equatable {
  /// The id (`cluster_0`), or `nil` for an anonymous `{ ... }`.
  public var id: String?
  /// The enclosing subgraph's index in ``Network/subgraphs``, or `nil` for the root graph.
  public var parent: Int?
  /// The subgraph's own attributes, which apply inside it only (text, or markup for an
  /// HTML-like label).
  public var attributes: [String: AttributeValue]
  /// `node [...]` defaults declared in it.
  public var nodeDefaults: [String: AttributeValue]
  /// `edge [...]` defaults declared in it.
  public var edgeDefaults: [String: AttributeValue]
  /// The nodes in it, nested subgraphs' included, in the order they first appear there.
  public var members: [Int]

  /// A subgraph with its id (`nil` when anonymous), the subgraph it is nested in (`nil` at the
  /// top), its attributes, defaults and members.
  public init(
    id: String?, parent: Int?, attributes: [String: AttributeValue] = [:],
    nodeDefaults: [String: AttributeValue] = [:],
    edgeDefaults: [String: AttributeValue] = [:], members: [Int] = []
  ) {
    self.id = id
    self.parent = parent
    self.attributes = attributes
    self.nodeDefaults = nodeDefaults
    self.edgeDefaults = edgeDefaults
    self.members = members
  }

  /// Whether Graphviz draws it as a box: its id begins with `cluster`.
  public var isCluster: Bool { id?.hasPrefix("cluster") ?? false }
}
