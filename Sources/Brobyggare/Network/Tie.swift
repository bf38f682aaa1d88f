/// A tie from one node to another: directed or not as the network declares, with a trust
/// weight, a layer, and typed attributes.
public struct Tie: Hashable, Sendable {
  /// Index of the source node in `Network.nodes`.
  public var source: Int
  /// Index of the target node in `Network.nodes`.
  public var target: Int
  /// Trust as a strength: larger means more trust. `nil` when the input gave none; the
  /// measures then use 1.
  public var trust: Double?
  /// The kind of tie (`trust`, `collaboration`, `partnership`, `membership`, ...); `nil` when the
  /// input gave none.
  public var layer: String?
  /// The tie's id in the input (GraphML and node-link JSON have them), kept for writing back.
  public var id: String?
  /// Further attribute values by name.
  public var attributes: [String: AttributeValue]

  public init(source: Int, target: Int, trust: Double? = nil, layer: String? = nil,
              id: String? = nil, attributes: [String: AttributeValue] = [:]) {
    self.source = source
    self.target = target
    self.trust = trust
    self.layer = layer
    self.id = id
    self.attributes = attributes
  }

  /// True for a tie from a node to itself. Self-loops are kept in the data and ignored by
  /// every measure.
  public var isSelfLoop: Bool { source == target }
}
