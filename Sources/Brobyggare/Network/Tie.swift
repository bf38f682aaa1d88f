/// A tie from one node to another: directed or not as the network declares, with a trust
/// weight, a layer, and typed attributes.
///
/// Stored in 24 bytes, so that a network of millions of ties fits where the peers' do: the
/// ends as 32-bit indices, a missing trust as a NaN with a payload of its own, and the layer,
/// id and attributes (which plain edge lists never have) behind one reference that is `nil`
/// when all three are empty.
public struct Tie: Hashable, Sendable {
  private var sourceIndex: Int32
  private var targetIndex: Int32
  private var storedTrust: Double
  private var extra: Extra?

  /// The layer, id and attributes of a tie that has any. Immutable: a change makes a new one,
  /// so copies of a tie never share a change.
  private final class Extra: Sendable {
    let layer: String?
    let id: String?
    let attributes: [String: AttributeValue]
    init(layer: String?, id: String?, attributes: [String: AttributeValue]) {
      self.layer = layer
      self.id = id
      self.attributes = attributes
    }
    static func make(layer: String?, id: String?, attributes: [String: AttributeValue]) -> Extra? {
      layer == nil && id == nil && attributes.isEmpty
        ? nil : Extra(layer: layer, id: id, attributes: attributes)
    }
  }

  /// The stored value of a missing trust: a quiet NaN whose payload no arithmetic makes, so a
  /// NaN a caller stores is still read back as NaN.
  private static let missingTrust = Double(bitPattern: 0x7FF8_0000_0000_B0B0)

  /// Index of the source node in `Network.nodes`.
  public var source: Int {
    get { Int(sourceIndex) }
    set { sourceIndex = Tie.index(newValue) }
  }
  /// Index of the target node in `Network.nodes`.
  public var target: Int {
    get { Int(targetIndex) }
    set { targetIndex = Tie.index(newValue) }
  }
  /// Trust as a strength: larger means more trust. `nil` when the input gave none; the
  /// measures then use 1.
  public var trust: Double? {
    get { storedTrust.bitPattern == Tie.missingTrust.bitPattern ? nil : storedTrust }
    set { storedTrust = newValue ?? Tie.missingTrust }
  }
  /// The kind of tie (`trust`, `collaboration`, `partnership`, `membership`, ...); `nil` when the
  /// input gave none.
  public var layer: String? {
    get { extra?.layer }
    set { extra = Extra.make(layer: newValue, id: id, attributes: attributes) }
  }
  /// The tie's id in the input (GraphML and node-link JSON have them), kept for writing back.
  public var id: String? {
    get { extra?.id }
    set { extra = Extra.make(layer: layer, id: newValue, attributes: attributes) }
  }
  /// Further attribute values by name.
  public var attributes: [String: AttributeValue] {
    get { extra?.attributes ?? [:] }
    set { extra = Extra.make(layer: layer, id: id, attributes: newValue) }
  }

  /// A tie between two nodes by index, with its trust (`nil` for none), layer, id and
  /// attributes.
  ///
  /// - Precondition: both indices lie in 0...Int32.max.
  public init(
    source: Int, target: Int, trust: Double? = nil, layer: String? = nil,
    id: String? = nil, attributes: [String: AttributeValue] = [:]
  ) {
    sourceIndex = Tie.index(source)
    targetIndex = Tie.index(target)
    storedTrust = trust ?? Tie.missingTrust
    extra = Extra.make(layer: layer, id: id, attributes: attributes)
  }

  private static func index(_ i: Int) -> Int32 {
    precondition(i >= 0 && i <= Int(Int32.max), "a node index must lie in 0...\(Int32.max)")
    return Int32(truncatingIfNeeded: i)
  }

  /// True for a tie from a node to itself. Self-loops are kept in the data and ignored by
  /// every measure.
  public var isSelfLoop: Bool { sourceIndex == targetIndex }

  public static func == (a: Tie, b: Tie) -> Bool {
    a.sourceIndex == b.sourceIndex && a.targetIndex == b.targetIndex && a.trust == b.trust
      && a.layer == b.layer && a.id == b.id && a.attributes == b.attributes
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(sourceIndex)
    hasher.combine(targetIndex)
    hasher.combine(trust)
    hasher.combine(layer)
    hasher.combine(id)
    hasher.combine(attributes)
  }
}
