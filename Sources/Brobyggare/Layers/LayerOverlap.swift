/// Layers against each other, pair by pair: how many ties each has, how many they share, the
/// Jaccard overlap of their tie sets and the graph correlation of their 0/1 matrices.
///
/// Each layer is read as a simple graph on all the network's nodes: self-loops are dropped and
/// parallel ties in one layer are one tie; weights are not read. On a directed network a tie is
/// an ordered pair (a → b and b → a are two ties); on an undirected one an unordered pair,
/// counted once. For layers A and B with |A|, |B| ties and |A ∩ B| pairs tied in both:
///
///     Jaccard(A, B) = |A ∩ B| / |A ∪ B| = |A ∩ B| / (|A| + |B| − |A ∩ B|)
///
/// NaN when neither layer has a tie. The graph correlation is Pearson's correlation of the two
/// adjacency matrices over the N off-diagonal cells, N = n(n − 1) on a directed network and
/// n(n − 1)/2 (the cells above the diagonal) on an undirected one, as R's `sna::gcor` computes
/// it with `mode = "digraph"` or `"graph"` and `diag = FALSE`. For 0/1 matrices it is
///
///     r = (N |A ∩ B| − |A| |B|) / √(|A| (N − |A|) |B| (N − |B|))
///
/// NaN when a matrix is constant (a layer with no tie, or with every possible tie), where
/// `gcor` gives NA. Nodes tied in neither layer count among the n: the correlation is of the
/// two layers on the whole node set, not on the nodes each layer touches.
///
/// Butts, C. T. (2008). Social network analysis with sna. *Journal of Statistical Software*
/// 24(6). [doi:10.18637/jss.v024.i06](https://doi.org/10.18637/jss.v024.i06)
public struct LayerPairOverlap: Sendable, Equatable {
  /// The first layer's name (the earlier in ``LayerOverlap/layers``).
  public var first: String
  /// The second layer's name.
  public var second: String
  /// Ties in the first layer, |A|.
  public var firstTies: Int
  /// Ties in the second layer, |B|.
  public var secondTies: Int
  /// Pairs tied in both layers, |A ∩ B|.
  public var sharedTies: Int
  /// The off-diagonal cells the correlation runs over, N.
  public var cells: Int

  /// The overlap of two layers from their tie counts and the cells compared.
  public init(
    first: String, second: String, firstTies: Int, secondTies: Int, sharedTies: Int, cells: Int
  ) {
    self.first = first
    self.second = second
    self.firstTies = firstTies
    self.secondTies = secondTies
    self.sharedTies = sharedTies
    self.cells = cells
  }

  /// Pairs tied in either layer, |A ∪ B|.
  public var unionTies: Int { firstTies + secondTies - sharedTies }

  /// |A ∩ B| / |A ∪ B|; NaN when neither layer has a tie.
  public var jaccard: Double {
    unionTies == 0 ? .nan : Double(sharedTies) / Double(unionTies)
  }

  /// Pearson's correlation of the two 0/1 matrices off the diagonal (`sna::gcor`); NaN when
  /// either is constant.
  public var correlation: Double {
    let n = Double(cells)
    let a = Double(firstTies)
    let b = Double(secondTies)
    let c = Double(sharedTies)
    let variance = a * (n - a) * b * (n - b)
    guard variance > 0 else { return .nan }
    return (n * c - a * b) / variance.squareRoot()
  }
}

/// Every pair of the layers compared (see ``LayerPairOverlap``).
public struct LayerOverlap: Sendable, Equatable {
  /// The layers compared, sorted.
  public var layers: [String]
  /// Whether ties are ordered pairs.
  public var isDirected: Bool
  /// Ties in each layer's simple graph, indexed like ``layers``.
  public var ties: [Int]
  /// One entry per pair of layers i < j, in the order (0,1), (0,2), ..., (1,2), ...
  public var pairs: [LayerPairOverlap]

  /// The pair of these two layers (in either order), or `nil` when one is not compared.
  public func pair(_ a: String, _ b: String) -> LayerPairOverlap? {
    pairs.first { ($0.first == a && $0.second == b) || ($0.first == b && $0.second == a) }
  }
}

extension Network {
  /// Each pair of layers compared: ties in each, ties in both, Jaccard overlap and graph
  /// correlation (see ``LayerPairOverlap``).
  ///
  /// - Parameter selection: which layers to compare: those it includes (its ``TieSelection/layers``
  ///   less its ``TieSelection/excludedLayers``); every layer by default. Ties without a layer
  ///   are in no layer and are not compared. Weights and the merge rule are not read.
  /// - Throws: ``NetworkError/unknownLayer(_:available:)`` when the selection names a layer no
  ///   tie is in.
  /// - Complexity: O(n + L·m) time and O(L·m) memory for L layers and m ties.
  public func layerOverlap(_ selection: TieSelection = .all) throws(NetworkError) -> LayerOverlap {
    let sets = try layerTieSets(selection)
    let n = nodes.count
    let cells = isDirected ? n * (n - 1) : n * (n - 1) / 2
    var pairs: [LayerPairOverlap] = []
    for i in sets.layers.indices {
      for j in sets.layers.indices where j > i {
        let (small, large) =
          sets.ties[i].count <= sets.ties[j].count
          ? (sets.ties[i], sets.ties[j]) : (sets.ties[j], sets.ties[i])
        let shared = small.reduce(0) { $0 + (large.contains($1) ? 1 : 0) }
        pairs.append(
          LayerPairOverlap(
            first: sets.layers[i], second: sets.layers[j], firstTies: sets.ties[i].count,
            secondTies: sets.ties[j].count, sharedTies: shared, cells: max(cells, 0)))
      }
    }
    return LayerOverlap(
      layers: sets.layers, isDirected: isDirected, ties: sets.ties.map(\.count), pairs: pairs)
  }

  /// The layers a selection includes, sorted, each with its ties as a set of node pairs
  /// (ordered on a directed network; smaller index first on an undirected one), self-loops
  /// dropped.
  func layerTieSets(_ selection: TieSelection) throws(NetworkError) -> (
    layers: [String], ties: [Set<UInt64>]
  ) {
    let layers = try selectedLayerNames(selection)
    var position: [String: Int] = [:]
    for (k, l) in layers.enumerated() { position[l] = k }
    var sets = [Set<UInt64>](repeating: [], count: layers.count)
    for tie in ties where !tie.isSelfLoop {
      guard let l = tie.layer, let k = position[l] else { continue }
      var (s, t) = (tie.source, tie.target)
      if !isDirected && s > t { swap(&s, &t) }
      sets[k].insert(UInt64(s) << 32 | UInt64(t))
    }
    return (layers, sets)
  }

  /// The layers present that `selection` includes, sorted.
  ///
  /// - Throws: ``NetworkError/unknownLayer(_:available:)`` for a named layer no tie is in.
  func selectedLayerNames(_ selection: TieSelection) throws(NetworkError) -> [String] {
    let present = layers
    if let named = selection.layers {
      let set = Set(present)
      for l in named.sorted() where !set.contains(l) { throw .unknownLayer(l, available: present) }
    }
    return present.filter { selection.includes(layer: $0) }
  }
}
