/// How parallel ties between the same two nodes (from several layers, say) become one.
public enum TieMerge: String, Sendable, CaseIterable {
  /// The largest trust.
  case max
  /// The smallest trust.
  case min
  /// The mean trust.
  case mean
  /// The sum of trust.
  case sum
}

/// Which ties an analysis runs on.
public struct TieSelection: Sendable, Hashable {
  /// The layers to keep; `nil` keeps every tie, with or without a layer.
  public var layers: Set<String>?
  /// Layers left out (affiliation layers in an analysis of people, say), applied after
  /// ``layers``.
  public var excludedLayers: Set<String> = []
  /// The tie attribute read as trust; `nil` reads the tie's trust (1 where it has none).
  public var weightAttribute: String?
  /// How parallel ties merge.
  public var merge: TieMerge

  /// A selection of layers (`nil`: every layer), a tie attribute to read as the weight in
  /// place of trust (`nil`: trust), and how parallel ties merge (the largest by default).
  public init(layers: Set<String>? = nil, weightAttribute: String? = nil, merge: TieMerge = .max) {
    self.layers = layers
    self.weightAttribute = weightAttribute
    self.merge = merge
  }

  /// Every tie, trust as given, parallel ties merged by their largest trust.
  public static let all = TieSelection()

  /// Whether a tie in `layer` (`nil`: no layer) is selected.
  public func includes(layer: String?) -> Bool {
    if let layers, !layers.contains(layer ?? "") { return false }
    if let layer, excludedLayers.contains(layer) { return false }
    return true
  }
}

/// A compact adjacency in compressed sparse rows, built once per analysis.
///
/// Self-loops are dropped and parallel ties merged (see ``TieMerge``), so that every measure
/// sees a simple graph. For an undirected network each tie appears in both rows and the
/// incoming rows are the outgoing ones.
///
/// Design goals, in order: the neighbours of a node are one contiguous slice; the layout is
/// identical for identical input (rows sorted by target); building costs two counting sorts of
/// the ties.
public struct Adjacency: Sendable {
  /// The number of nodes, as in the network it was built from.
  public let nodeCount: Int
  /// Whether arcs run one way; an undirected tie is two arcs.
  public let isDirected: Bool
  /// `outOffsets[v]..<outOffsets[v+1]` indexes `outTargets` and `outTrust`.
  public let outOffsets: [Int]
  /// The targets of each node's outgoing arcs, sorted within each node's row.
  public let outTargets: [Int32]
  /// The trust of each outgoing arc (1 where the tie has none), aligned with `outTargets`.
  public let outTrust: [Double]
  /// `inOffsets[v]..<inOffsets[v+1]` indexes `inTargets` and `inTrust`.
  public let inOffsets: [Int]
  /// The sources of each node's incoming arcs, sorted within each node's row.
  public let inTargets: [Int32]
  /// The trust of each incoming arc, aligned with `inTargets`.
  public let inTrust: [Double]

  /// The number of arcs (each undirected tie counts twice).
  public var arcCount: Int { outTargets.count }
  /// The number of ties after merging (undirected ties count once).
  public var tieCount: Int { isDirected ? outTargets.count : outTargets.count / 2 }

  /// Builds an adjacency from arcs that are already deduplicated, sorted by (source, target).
  init(nodeCount n: Int, directed: Bool, sortedArcs: [(Int32, Int32, Double)]) {
    nodeCount = n
    isDirected = directed
    var offs = [Int](repeating: 0, count: n + 1)
    for a in sortedArcs { offs[Int(a.0) + 1] += 1 }
    for i in 0..<n { offs[i + 1] += offs[i] }
    outOffsets = offs
    outTargets = sortedArcs.map(\.1)
    outTrust = sortedArcs.map(\.2)
    if directed {
      var inOffs = [Int](repeating: 0, count: n + 1)
      for a in sortedArcs { inOffs[Int(a.1) + 1] += 1 }
      for i in 0..<n { inOffs[i + 1] += inOffs[i] }
      var cursor = inOffs
      var t = [Int32](repeating: 0, count: sortedArcs.count)
      var w = [Double](repeating: 0, count: sortedArcs.count)
      // Visiting arcs sorted by source fills each incoming row sorted by source.
      for a in sortedArcs {
        let slot = cursor[Int(a.1)]
        t[slot] = a.0
        w[slot] = a.2
        cursor[Int(a.1)] += 1
      }
      inOffsets = inOffs
      inTargets = t
      inTrust = w
    } else {
      inOffsets = outOffsets
      inTargets = outTargets
      inTrust = outTrust
    }
  }

  /// An adjacency from outgoing rows only: when directed, the incoming rows are not built (for
  /// the computing kernels that search forward alone); when undirected, they are the outgoing.
  init(nodeCount n: Int, directed: Bool, offsets: [Int], targets: [Int32], trust: [Double]) {
    nodeCount = n
    isDirected = directed
    outOffsets = offsets
    outTargets = targets
    outTrust = trust
    inOffsets = directed ? [] : offsets
    inTargets = directed ? [] : targets
    inTrust = directed ? [] : trust
  }

  /// No nodes, no arcs.
  public static let empty = Adjacency(nodeCount: 0, directed: true, sortedArcs: [])

  /// The out-neighbours of `v` (all neighbours when undirected).
  @inlinable
  public func successors(of v: Int) -> ArraySlice<Int32> {
    outTargets[outOffsets[v]..<outOffsets[v + 1]]
  }
  /// The position of the arc v → w in `outTargets` and `outTrust`, or `nil` (rows are sorted,
  /// so a binary search).
  public func arcIndex(from v: Int, to w: Int) -> Int? {
    var lo = outOffsets[v]
    var hi = outOffsets[v + 1]
    let t = Int32(w)
    while lo < hi {
      let mid = (lo + hi) / 2
      if outTargets[mid] < t { lo = mid + 1 } else { hi = mid }
    }
    return lo < outOffsets[v + 1] && outTargets[lo] == t ? lo : nil
  }

  /// Whether there is an arc v → w.
  public func hasArc(from v: Int, to w: Int) -> Bool { arcIndex(from: v, to: w) != nil }

  /// The in-neighbours of `v` (all neighbours when undirected).
  @inlinable
  public func predecessors(of v: Int) -> ArraySlice<Int32> {
    inTargets[inOffsets[v]..<inOffsets[v + 1]]
  }

  /// The same graph with every arc reversed.
  public var reversed: Adjacency {
    if !isDirected { return self }
    var arcs: [(Int32, Int32, Double)] = []
    arcs.reserveCapacity(arcCount)
    for v in 0..<nodeCount {
      for k in inOffsets[v]..<inOffsets[v + 1] { arcs.append((Int32(v), inTargets[k], inTrust[k])) }
    }
    return Adjacency(nodeCount: nodeCount, directed: true, sortedArcs: arcs)
  }

  /// The undirected graph underneath: an edge wherever an arc runs either way; the trust of a
  /// mutual pair merged by `merge`.
  ///
  /// - Complexity: O(n + m): row v is the sorted outgoing and incoming rows of v merged.
  public func undirected(merge: TieMerge = .max) -> Adjacency {
    if !isDirected { return self }
    let n = nodeCount
    if inOffsets.count != n + 1 {
      // Built from outgoing rows only: sort the arcs instead.
      var arcs: [(Int32, Int32, Double)] = []
      arcs.reserveCapacity(arcCount)
      for v in 0..<n {
        for k in outOffsets[v]..<outOffsets[v + 1] {
          let (a, b) = (Int32(v), outTargets[k])
          arcs.append((Swift.min(a, b), Swift.max(a, b), outTrust[k]))
        }
      }
      return Adjacency.build(nodeCount: n, directed: false, arcs: arcs, merge: merge)
    }
    var offsets = [Int](repeating: 0, count: n + 1)
    var targets: [Int32] = []
    var trust: [Double] = []
    targets.reserveCapacity(2 * arcCount)
    trust.reserveCapacity(2 * arcCount)
    for v in 0..<n {
      var i = outOffsets[v]
      var j = inOffsets[v]
      let iEnd = outOffsets[v + 1]
      let jEnd = inOffsets[v + 1]
      while i < iEnd || j < jEnd {
        let a = i < iEnd ? outTargets[i] : Int32.max
        let b = j < jEnd ? inTargets[j] : Int32.max
        if a < b {
          targets.append(a)
          trust.append(outTrust[i])
          i += 1
        } else if b < a {
          targets.append(b)
          trust.append(inTrust[j])
          j += 1
        } else {
          // A mutual pair: two trusts, merged as Adjacency.build merges them.
          let (x, y) = (outTrust[i], inTrust[j])
          let merged =
            switch merge {
            case .max: Swift.max(x, y)
            case .min: Swift.min(x, y)
            case .sum: x + y
            // Halved before adding where the sum overflows (two trusts near the largest Double).
            case .mean: (x + y).isFinite ? (x + y) / 2 : x / 2 + y / 2
            }
          targets.append(a)
          trust.append(merged)
          i += 1
          j += 1
        }
      }
      offsets[v + 1] = targets.count
    }
    return Adjacency(
      nodeCount: n, directed: false, offsets: offsets, targets: targets, trust: trust)
  }

  /// Builds from arcs in any order, with duplicates; undirected arcs are given once.
  static func build(
    nodeCount n: Int, directed: Bool, arcs input: [(Int32, Int32, Double)],
    merge: TieMerge
  ) -> Adjacency {
    var both = input
    if !directed {
      both.reserveCapacity(input.count * 2)
      for a in input { both.append((a.1, a.0, a.2)) }
    }
    let arcs = sortedBySourceAndTarget(both, nodeCount: n)
    var merged: [(Int32, Int32, Double)] = []
    merged.reserveCapacity(arcs.count)
    var i = 0
    while i < arcs.count {
      var j = i + 1
      var acc = arcs[i].2
      while j < arcs.count && arcs[j].0 == arcs[i].0 && arcs[j].1 == arcs[i].1 {
        switch merge {
        case .max: acc = Swift.max(acc, arcs[j].2)
        case .min: acc = Swift.min(acc, arcs[j].2)
        case .mean, .sum: acc += arcs[j].2
        }
        j += 1
      }
      if merge == .mean {
        // The sum of large trusts can overflow where their mean does not: divided first then.
        acc =
          acc.isFinite ? acc / Double(j - i) : arcs[i..<j].reduce(0) { $0 + $1.2 / Double(j - i) }
      }
      merged.append((arcs[i].0, arcs[i].1, acc))
      i = j
    }
    return Adjacency(nodeCount: n, directed: directed, sortedArcs: merged)
  }

  /// The arcs sorted by (source, target), equal pairs in their given order: two stable
  /// counting sorts, by target and then by source, so O(n + m) where a comparison sort is
  /// O(m log m).
  static func sortedBySourceAndTarget(_ arcs: [(Int32, Int32, Double)], nodeCount n: Int) -> [(
    Int32, Int32, Double
  )] {
    if arcs.count < 2 { return arcs }
    var start = [Int](repeating: 0, count: n + 1)
    func place(_ from: [(Int32, Int32, Double)], key: ((Int32, Int32, Double)) -> Int32) -> [(
      Int32, Int32, Double
    )] {
      for i in 0...n { start[i] = 0 }
      for a in from { start[Int(key(a)) + 1] += 1 }
      for i in 0..<n { start[i + 1] += start[i] }
      return [(Int32, Int32, Double)](unsafeUninitializedCapacity: from.count) { out, count in
        for a in from {
          let k = Int(key(a))
          out.baseAddress!.advanced(by: start[k]).initialize(to: a)
          start[k] += 1
        }
        count = from.count
      }
    }
    return place(place(arcs) { $0.1 }) { $0.0 }
  }
}

extension Network {
  /// The compact adjacency of the ties selected.
  ///
  /// Self-loops are dropped; parallel ties (in several layers, or repeated) merge by
  /// `selection.merge`. A tie without trust counts as trust 1.
  ///
  /// - Throws: ``NetworkError`` when a named layer has no tie, or when the weight attribute is
  ///   missing or not a number on a selected tie.
  /// - Complexity: O(n + m) for n nodes and m ties.
  public func adjacency(_ selection: TieSelection = .all) throws(NetworkError) -> Adjacency {
    if let layers = selection.layers {
      let present = Set(self.layers)
      for l in layers.sorted() where !present.contains(l) {
        throw .unknownLayer(l, available: self.layers)
      }
    }
    if let w = selection.weightAttribute, w != trustAttributeName,
      !tieAttributes.contains(where: { $0.name == w })
    {
      throw .unknownAttribute(w)
    }
    var arcs: [(Int32, Int32, Double)] = []
    arcs.reserveCapacity(ties.count)
    for (k, tie) in ties.enumerated() where !tie.isSelfLoop {
      if selection.layers != nil || !selection.excludedLayers.isEmpty {
        guard selection.includes(layer: tie.layer) else { continue }
      }
      let w = try weight(of: tie, number: k, selection)
      var (s, t) = (Int32(tie.source), Int32(tie.target))
      if !isDirected && s > t { swap(&s, &t) }
      arcs.append((s, t, w))
    }
    let adjacency = Adjacency.build(
      nodeCount: nodes.count, directed: isDirected, arcs: arcs, merge: selection.merge)
    if selection.merge == .sum, let k = adjacency.outTrust.firstIndex(where: { !$0.isFinite }) {
      try refuseOverflowingSum(adjacency, arc: k, selection)
    }
    return adjacency
  }

  /// Throws for the parallel ties whose sum (`--merge sum`) at arc `k` of `adjacency` overflows
  /// the largest number: an infinite trust would make every measure on it NaN or infinite.
  private func refuseOverflowingSum(_ adjacency: Adjacency, arc k: Int, _ selection: TieSelection)
    throws(NetworkError)
  {
    var source = 0
    while adjacency.outOffsets[source + 1] <= k { source += 1 }
    let target = Int(adjacency.outTargets[k])
    let parallel = ties.indices.filter { i in
      let tie = ties[i]
      guard !tie.isSelfLoop, selection.includes(layer: tie.layer) else { return false }
      return (tie.source == source && tie.target == target)
        || (!isDirected && tie.source == target && tie.target == source)
    }
    let first = parallel.first ?? 0
    throw .invalidWeight(
      tie: fileTieIndex(first), ends: tieEnds(ties[first]),
      value: nil,
      reason:
        "with \(parallel.count - 1) parallel \(parallel.count == 2 ? "tie" : "ties"), sums to more than the largest number (parallel ties merged by their sum); merge by max or mean, or rescale the trusts"
    )
  }

  /// A tie's weight as `selection` reads it: the named attribute (text read as a number), or
  /// the trust, 1 when there is none; always a trust (finite, ≥ 0).
  ///
  /// - Throws: ``NetworkError/invalidWeight(tie:ends:value:reason:)`` naming the tie by its place
  ///   in the file (`k` from 0, where no tie was left out when reading) and its ends.
  func weight(of tie: Tie, number k: Int, _ selection: TieSelection) throws(NetworkError) -> Double
  {
    let w: Double
    if let name = selection.weightAttribute, name != trustAttributeName {
      guard
        let value = tie.attributes[name]
          ?? tieAttributes.first(where: { $0.name == name })?.defaultValue
      else {
        throw .invalidWeight(
          tie: fileTieIndex(k), ends: tieEnds(tie), value: nil, reason: "has no '\(name)'")
      }
      // A column of text is read as numbers when named as the weight: one value that does
      // not read back as the same number (`007`) makes a whole column text.
      guard
        let number = value.number
          ?? parseDouble(trimmingWhitespace(value.description, newlines: true))
      else {
        throw .invalidWeight(
          tie: fileTieIndex(k), ends: tieEnds(tie), value: value.description,
          reason: "is not a number (read from '\(name)')")
      }
      w = number
    } else {
      w = tie.trust ?? 1
    }
    // A weight read from a file (networkx and igraph allow any) is a trust only when it is
    // finite and not negative.
    guard w.isFinite, w >= 0 else {
      throw .invalidWeight(
        tie: fileTieIndex(k), ends: tieEnds(tie), value: formatNumber(w),
        reason:
          "cannot be a trust, which is a finite number ≥ 0 (read from '\(selection.weightAttribute ?? trustAttributeName)')"
          + (w < 0 && (selection.weightAttribute ?? trustAttributeName) == trustAttributeName
            ? "; \(TieSign.hint)" : "")
      )
    }
    return w
  }

  /// A tie's ends by id, `a -> b` (directed) or `a -- b`, with its layer, for messages.
  func tieEnds(_ tie: Tie) -> String {
    "'\(nodes[tie.source].id)' \(isDirected ? "->" : "--") '\(nodes[tie.target].id)'"
      + (tie.layer.map { " in layer '\($0)'" } ?? "")
  }
}
