/// Each node's contacts across layers: its degree in each layer, its distinct neighbours over
/// all of them, the share of those reached in two or more layers (multiplexity), and for each
/// layer the share reached through that layer only (exclusive relevance).
///
/// A neighbour of v in layer ℓ is a node tied to v by a tie of layer ℓ, in either direction on a
/// directed network (multinet's `mode = "all"`); self-loops are dropped and a neighbour is
/// counted once however many ties join them. With N(v) the neighbours of v over the layers
/// analysed and N_ℓ(v) those in layer ℓ:
///
///     degree_ℓ(v)               = |N_ℓ(v)|
///     multiplexity(v)           = |{u ∈ N(v) : u is in N_ℓ(v) for two or more ℓ}| / |N(v)|
///     exclusive relevance_ℓ(v)  = |N_ℓ(v) \ ∪_{k≠ℓ} N_k(v)| / |N(v)|
///
/// Exclusive relevance is Berlingerio et al.'s, as multinet's `xrelevance_ml` computes it for
/// one layer: the share of v's neighbours that v would lose if layer ℓ were gone. Relevance
/// (`relevance_ml`), |N_ℓ(v)| / |N(v)|, is ``relevance(ofLayer:)``. For each node the
/// exclusive relevances and the multiplexity add up to 1. All three are NaN for a node with
/// no neighbour in the layers analysed (multinet returns 0 there "by definition"; here the
/// share is undefined and said so).
///
/// - Complexity: O(n·L + m log m) for n nodes, L layers and m ties.
///
/// Berlingerio, M., Coscia, M., Giannotti, F., Monreale, A. & Pedreschi, D. (2011). Foundations
/// of multidimensional network analysis. *ASONAM 2011*, 485–489.
/// [doi:10.1109/ASONAM.2011.103](https://doi.org/10.1109/ASONAM.2011.103)
public struct Multiplexity: Sendable, Equatable {
  /// The layers analysed, sorted; the rows of ``layerDegree`` and ``exclusiveNeighbours``.
  public var layers: [String]
  /// Whether the network is directed (neighbours are then counted in either direction).
  public var isDirected: Bool
  /// |N(v)|, distinct neighbours over all the layers analysed, indexed by node.
  public var neighbours: [Int]
  /// Neighbours reached in two or more layers, indexed by node.
  public var multiplexNeighbours: [Int]
  /// `layerDegree[ℓ][v]` = |N_ℓ(v)|, ℓ indexing ``layers``.
  public var layerDegree: [[Int]]
  /// `exclusiveNeighbours[ℓ][v]`: neighbours of v reached in layer ℓ and in no other.
  public var exclusiveNeighbours: [[Int]]

  /// Multiplexity from its per-node counts.
  public init(
    layers: [String], isDirected: Bool, neighbours: [Int], multiplexNeighbours: [Int],
    layerDegree: [[Int]], exclusiveNeighbours: [[Int]]
  ) {
    self.layers = layers
    self.isDirected = isDirected
    self.neighbours = neighbours
    self.multiplexNeighbours = multiplexNeighbours
    self.layerDegree = layerDegree
    self.exclusiveNeighbours = exclusiveNeighbours
  }

  /// The share of each node's neighbours reached in two or more layers; NaN for a node
  /// without neighbours.
  public var multiplexity: [Double] { zip(multiplexNeighbours, neighbours).map(Multiplexity.share) }

  /// The position of a layer in ``layers``, or `nil`.
  public func index(ofLayer name: String) -> Int? { layers.firstIndex(of: name) }

  /// Each node's degree in a layer, or `nil` for a layer not analysed.
  public func degree(inLayer name: String) -> [Int]? {
    index(ofLayer: name).map { layerDegree[$0] }
  }

  /// Exclusive relevance of a layer (multinet's `xrelevance_ml`): for each node, the share of
  /// its neighbours reached through that layer only; NaN for a node without neighbours; `nil`
  /// for a layer not analysed.
  public func exclusiveRelevance(ofLayer name: String) -> [Double]? {
    index(ofLayer: name).map { zip(exclusiveNeighbours[$0], neighbours).map(Multiplexity.share) }
  }

  /// Relevance of a layer (multinet's `relevance_ml`): for each node, the share of its
  /// neighbours it reaches in that layer; NaN for a node without neighbours; `nil` for a layer
  /// not analysed.
  public func relevance(ofLayer name: String) -> [Double]? {
    index(ofLayer: name).map { zip(layerDegree[$0], neighbours).map(Multiplexity.share) }
  }

  static func share(_ part: Int, _ whole: Int) -> Double {
    whole == 0 ? .nan : Double(part) / Double(whole)
  }
}

extension Network {
  /// Each node's degree per layer, distinct neighbours, multiplexity and exclusive relevance
  /// (see ``Multiplexity``).
  ///
  /// - Parameter selection: which layers to analyse: those it includes (its
  ///   ``TieSelection/layers`` less its ``TieSelection/excludedLayers``); every layer by
  ///   default. Ties without a layer are in no layer and are not counted. Weights and the
  ///   merge rule are not read.
  /// - Throws: ``NetworkError/unknownLayer(_:available:)`` when the selection names a layer no
  ///   tie is in.
  /// - Complexity: O(n·L + m log m) for n nodes, L layers and m ties.
  public func multiplexity(_ selection: TieSelection = .all) throws(NetworkError) -> Multiplexity {
    let layers = try selectedLayerNames(selection)
    var position: [String: Int32] = [:]
    for (k, l) in layers.enumerated() { position[l] = Int32(k) }
    let n = nodes.count
    // Each tie as (neighbour, layer) in the rows of both its ends, by a counting sort on the node.
    var count = [Int](repeating: 0, count: n + 1)
    for tie in ties where !tie.isSelfLoop {
      guard let l = tie.layer, position[l] != nil else { continue }
      count[tie.source + 1] += 1
      count[tie.target + 1] += 1
    }
    for v in 0..<n { count[v + 1] += count[v] }
    var cursor = count
    var entries = [(neighbour: Int32, layer: Int32)](repeating: (0, 0), count: count[n])
    for tie in ties where !tie.isSelfLoop {
      guard let l = tie.layer, let k = position[l] else { continue }
      entries[cursor[tie.source]] = (Int32(tie.target), k)
      cursor[tie.source] += 1
      entries[cursor[tie.target]] = (Int32(tie.source), k)
      cursor[tie.target] += 1
    }
    var neighbours = [Int](repeating: 0, count: n)
    var multiplex = [Int](repeating: 0, count: n)
    var degree = [[Int]](repeating: [Int](repeating: 0, count: n), count: layers.count)
    var exclusive = degree
    var row: [(neighbour: Int32, layer: Int32)] = []
    for v in 0..<n where count[v] < count[v + 1] {
      row.removeAll(keepingCapacity: true)
      row.append(contentsOf: entries[count[v]..<count[v + 1]])
      row.sort { ($0.neighbour, $0.layer) < ($1.neighbour, $1.layer) }
      var i = 0
      while i < row.count {
        // One neighbour: its distinct layers are a run of the sorted row.
        let u = row[i].neighbour
        let start = i
        var distinct = 0
        var only: Int32 = -1
        while i < row.count && row[i].neighbour == u {
          let l = row[i].layer
          if i == start || row[i - 1].layer != l {
            distinct += 1
            degree[Int(l)][v] += 1
            only = l
          }
          i += 1
        }
        neighbours[v] += 1
        if distinct >= 2 { multiplex[v] += 1 } else { exclusive[Int(only)][v] += 1 }
      }
    }
    return Multiplexity(
      layers: layers, isDirected: isDirected, neighbours: neighbours,
      multiplexNeighbours: multiplex,
      layerDegree: degree, exclusiveNeighbours: exclusive)
  }
}
