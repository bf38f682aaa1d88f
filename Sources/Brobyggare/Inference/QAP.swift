import Foundation

// Quadratic assignment procedure (QAP): the dyads of two networks on the same nodes are
// compared, and the comparison is judged against the same comparison after the nodes of one
// network are relabelled at random (rows and columns permuted together), which keeps each
// network's structure (its degrees, its reciprocity, its clustering) and breaks only the link
// between the two.
//
// Implementation goals, in order: the numbers of R's sna 2.7 (`gcor`, `qaptest`, `netlm`,
// `netlogit`: the same cells, the same estimates, the same test statistic, p-values as the
// share of permutations); results identical for any number of threads (trial k draws its
// permutation from its own generator); work O(cells) per permutation where the algebra allows.

/// A value for every ordered pair of nodes (a dyad): a network's ties as 0/1 or as their
/// trust, or a relation derived from node attributes (same sector, difference in age).
/// NaN marks a missing value; the diagonal is never read.
///
/// Stored densely, row by row: `values[i * nodeCount + j]` is the pair i → j.
public struct DyadicMatrix: Sendable {
  /// The number of nodes (rows and columns).
  public let nodeCount: Int
  /// The values, row-major; NaN where missing.
  public var values: [Double]

  /// A matrix of `nodeCount × nodeCount` values, row-major.
  public init(nodeCount: Int, values: [Double]) {
    precondition(
      values.count == nodeCount * nodeCount,
      "a dyadic matrix on \(nodeCount) nodes holds \(nodeCount * nodeCount) values, not \(values.count)"
    )
    self.nodeCount = nodeCount
    self.values = values
  }

  /// The value of the pair i → j.
  public subscript(i: Int, j: Int) -> Double {
    get { values[i * nodeCount + j] }
    set { values[i * nodeCount + j] = newValue }
  }
}

/// Which dyads an analysis reads, as sna's `mode` with `diag = FALSE`.
public enum DyadMode: String, Sendable, CaseIterable {
  /// Every ordered pair i → j with i ≠ j: n(n − 1) cells (sna's `"digraph"`).
  case directed
  /// Every unordered pair once, as the cells i > j below the diagonal: n(n − 1)/2 cells
  /// (sna's `"graph"`, which reads the lower triangle).
  case undirected

  /// The flat indexes (`i * n + j`) of the cells read, in row order.
  ///
  /// - Complexity: O(n²).
  public func cells(nodeCount n: Int) -> [Int] {
    var out: [Int] = []
    out.reserveCapacity(self == .directed ? n * max(0, n - 1) : n * max(0, n - 1) / 2)
    for i in 0..<n {
      for j in 0..<n where j != i && (self == .directed || i > j) { out.append(i * n + j) }
    }
    return out
  }
}

/// What a network's ties put in a dyadic matrix.
public enum TieValue: String, Sendable, CaseIterable {
  /// 1 where there is a tie, 0 where there is none.
  case presence
  /// The tie's trust (or the selection's weight attribute), 0 where there is no tie.
  case trust
}

/// A dyadic variable taken from a network: its ties, or a relation of its node attributes.
public enum DyadicTerm: Hashable, Sendable {
  /// The ties a selection picks (a layer, say), as presence or as trust. Parallel ties merge
  /// by the selection's rule; self-loops are dropped.
  case ties(TieSelection, TieValue)
  /// 1 where both nodes have the same value of the attribute, 0 where they differ; missing
  /// where either node has no value. Values are read as ``GroupAssignment`` reads groups:
  /// trimmed, and an empty value or one written as missing (`NA`, `#N/A`, NaN) counts as none.
  case sameAttribute(String)
  /// |a_i − a_j| for a numeric attribute; missing where either node has no value.
  case attributeDifference(String)
}

/// Bad input to a QAP test or regression: a constant or collinear predictor, a dependent that
/// is not 0/1 for the logistic model, an attribute that is not a number, too few cells.
public struct QAPError: Error, CustomStringConvertible, Equatable {
  /// What is wrong, for people.
  public var message: String
  /// An error with this message.
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

extension Network {
  /// The dyadic matrix of a term read from another network (another wave of the same study,
  /// say) on this network's nodes, matched by id: the value of the pair in `other` where
  /// both of its nodes are there, missing (NaN) where one is not. Nodes of `other` that this
  /// network lacks are left out.
  ///
  /// - Throws: ``QAPError`` when `other` is directed and this network is not, or the other
  ///   way round (a tie's direction would be read in one and not in the other); errors of
  ///   ``dyadicMatrix(_:)`` on `other`.
  /// - Complexity: O(n² + n' + m'), n' and m' the nodes and ties of `other`.
  public func dyadicMatrix(_ term: DyadicTerm, from other: Network) throws -> DyadicMatrix {
    guard other.isDirected == isDirected else {
      throw QAPError(
        "the other network is \(other.isDirected ? "directed" : "undirected") and this one \(isDirected ? "directed" : "undirected"): read both the same way"
      )
    }
    let n = nodeCount
    // Each node of `other` by its place here (-1: not here).
    var here = [Int](repeating: -1, count: other.nodeCount)
    var there = [Bool](repeating: false, count: n)
    for (i, node) in nodes.enumerated() {
      if let a = other.index(of: node.id) {
        here[a] = i
        there[i] = true
      }
    }
    // Missing where a node is not in `other`, else 0 but for the term's values.
    var m = DyadicMatrix(nodeCount: n, values: [Double](repeating: 0, count: n * n))
    for i in 0..<n {
      for j in 0..<n where j != i && !(there[i] && there[j]) { m[i, j] = .nan }
    }
    switch term {
    case .ties(let selection, let value):
      // From the other network's ties, not its n'² matrix: it may be far larger.
      let adj = try other.adjacency(selection)
      for a in 0..<other.nodeCount where here[a] >= 0 {
        for k in adj.outOffsets[a]..<adj.outOffsets[a + 1] {
          let b = here[Int(adj.outTargets[k])]
          if b >= 0 && b != here[a] { m[here[a], b] = value == .presence ? 1 : adj.outTrust[k] }
        }
      }
    case .sameAttribute, .attributeDifference:
      // The attributes of the nodes here, as the other network gives them.
      var shared = Network(directed: isDirected)
      shared.nodeAttributes = other.nodeAttributes
      for a in 0..<other.nodeCount where here[a] >= 0 { _ = try? shared.addNode(other.nodes[a]) }
      let theirs = try shared.dyadicMatrix(term)
      let place = nodes.map { shared.index(of: $0.id) }
      for i in 0..<n {
        guard let a = place[i] else { continue }
        for j in 0..<n where j != i { if let b = place[j] { m[i, j] = theirs[a, b] } }
      }
    }
    return m
  }

  /// The dyadic matrix of a term on this network's nodes (see ``DyadicTerm``).
  ///
  /// - Throws: ``NetworkError`` for an unknown layer or attribute, or a weight that is not a
  ///   trust; ``QAPError`` for a difference of an attribute that is not a number.
  /// - Complexity: O(n² + m).
  public func dyadicMatrix(_ term: DyadicTerm) throws -> DyadicMatrix {
    let n = nodeCount
    var m = DyadicMatrix(nodeCount: n, values: [Double](repeating: 0, count: n * n))
    switch term {
    case .ties(let selection, let value):
      let adj = try adjacency(selection)
      for v in 0..<n {
        for k in adj.outOffsets[v]..<adj.outOffsets[v + 1] {
          m[v, Int(adj.outTargets[k])] = value == .presence ? 1 : adj.outTrust[k]
        }
      }
    case .sameAttribute(let name), .attributeDifference(let name):
      guard
        nodeAttributes.contains(where: { $0.name == name })
          || nodes.contains(where: { $0.attributes[name] != nil })
      else {
        throw NetworkError.unknownNodeAttribute(name)
      }
      // Read as the groups are (``GroupAssignment``): trimmed, and a value written as missing
      // (`NA`, `#N/A`, NaN) or blank is missing, its pairs left out.
      let raw: [AttributeValue?] = nodes.map { node in
        guard let a = node.attributes[name] else { return nil }
        if case .double(let d) = a, d.isNaN { return nil }
        let text = trimmingWhitespace(a.description, newlines: true)
        if text.isEmpty || GroupAssignment.missingSpellings.contains(text) { return nil }
        if case .string = a { return .string(text) }
        return a
      }
      if case .sameAttribute = term {
        // Compared as written, so 3 and 3.0 read from two formats are one value.
        let keys = raw.map {
          $0.map { a in a.number.map { "#" + formatNumber($0) } ?? "s" + a.description }
        }
        for i in 0..<n {
          for j in 0..<n where j != i {
            guard let a = keys[i], let b = keys[j] else {
              m[i, j] = .nan
              continue
            }
            m[i, j] = a == b ? 1 : 0
          }
        }
      } else {
        let numbers = try raw.enumerated().map { i, a -> Double? in
          guard let a else { return nil }
          if let x = a.number
            ?? parseDouble(a.description.trimmingCharacters(in: .whitespacesAndNewlines)),
            x.isFinite
          {
            return x
          }
          throw QAPError(
            "node '\(nodes[i].id)' (\(i + 1)): '\(name)' is '\(a.description)', not a number; diff:\(name) needs numbers (use same:\(name) for categories)"
          )
        }
        for i in 0..<n {
          for j in 0..<n where j != i {
            guard let a = numbers[i], let b = numbers[j] else {
              m[i, j] = .nan
              continue
            }
            m[i, j] = abs(a - b)
          }
        }
      }
    }
    for i in 0..<n { m[i, i] = .nan }
    return m
  }

  /// The QAP correlation between two dyadic terms on this network (Hubert 1987; Krackhardt
  /// 1988), with its permutation test. See ``QAP/correlationTest(_:_:mode:permutations:seed:threads:)``.
  ///
  /// The cells are every ordered pair for a directed network, every unordered pair (below the
  /// diagonal) for an undirected one.
  ///
  /// - Complexity: O(n² · (1 + permutations)).
  public func qapCorrelation(
    _ a: DyadicTerm, _ b: DyadicTerm, permutations: Int = 1000, seed: UInt64 = 1,
    threads: Int = Threads.available
  ) throws -> QAPCorrelation {
    QAP.correlationTest(
      try dyadicMatrix(a), try dyadicMatrix(b), mode: isDirected ? .directed : .undirected,
      permutations: permutations, seed: seed, threads: threads)
  }
}

/// The graph correlation of two dyadic matrices and its QAP test.
public struct QAPCorrelation: Sendable, Equatable {
  /// Pearson's r over the cells where both values are present (sna's `gcor`); NaN when either
  /// is constant there or fewer than two cells remain.
  public var correlation: Double
  /// The cells the observed correlation reads.
  public var cells: Int
  /// The number of permutations drawn, and their seed.
  public var permutations: Int
  /// Their seed; the same seed gives the same p-values on any number of threads.
  public var seed: UInt64
  /// P(|r*| ≥ |r|), P(r* ≥ r) and P(r* ≤ r): shares of the permutations (sna's `qaptest`
  /// gives the last two). NaN when r is.
  public var pTwoSided: Double
  /// P(r* ≥ r).
  public var pGreater: Double
  /// P(r* ≤ r).
  public var pLess: Double
}

/// QAP correlation (Hubert 1987; Krackhardt 1988).
///
/// Hubert, L. J. (1987). *Assignment Methods in Combinatorial Data Analysis*. Marcel Dekker.
///
/// Krackhardt, D. (1988). Predicting with networks: nonparametric multiple regression analysis
/// of dyadic data. *Social Networks* 10(4), 359–381.
/// [doi:10.1016/0378-8733(88)90004-4](https://doi.org/10.1016/0378-8733(88)90004-4)
public enum QAP {
  /// Pearson's correlation of two dyadic matrices over the cells of `mode` where both are
  /// present, as sna's `gcor(x, y, mode:, diag = FALSE)`:
  /// r = Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² Σ(y − ȳ)²). NaN when either is constant.
  ///
  /// - Complexity: O(n²).
  public static func correlation(_ x: DyadicMatrix, _ y: DyadicMatrix, mode: DyadMode) -> Double {
    precondition(
      x.nodeCount == y.nodeCount, "the two matrices have \(x.nodeCount) and \(y.nodeCount) nodes")
    let cells = mode.cells(nodeCount: x.nodeCount)
    let xs = cells.map { x.values[$0] }
    let ys = cells.map { y.values[$0] }
    return pearson(xs, ys).r
  }

  /// The QAP test of a graph correlation: `y`'s nodes are relabelled by a random permutation
  /// π (y*[i, j] = y[π(i), π(j)], sna's `rmperm`) `permutations` times, and the p-values are
  /// the shares of permutations whose correlation is at least as far out as the observed one:
  /// P(|r*| ≥ |r|), P(r* ≥ r), P(r* ≤ r), comparisons within 1e-10 · max(1, |r|) so that a
  /// permutation giving the same r up to rounding counts as equal. Permutation k draws from
  /// its own generator (seeded from `seed` and k), so the result is the same on any number
  /// of threads.
  ///
  /// - Complexity: O(n² · (1 + permutations)).
  public static func correlationTest(
    _ x: DyadicMatrix, _ y: DyadicMatrix, mode: DyadMode, permutations: Int,
    seed: UInt64, threads: Int = Threads.available
  ) -> QAPCorrelation {
    precondition(
      x.nodeCount == y.nodeCount, "the two matrices have \(x.nodeCount) and \(y.nodeCount) nodes")
    precondition(permutations >= 1, "permutations must be at least 1")
    let n = x.nodeCount
    let cells = mode.cells(nodeCount: n)
    let xs = cells.map { x.values[$0] }
    let observed = pearson(xs, cells.map { y.values[$0] })
    var result = QAPCorrelation(
      correlation: observed.r, cells: observed.count, permutations: permutations, seed: seed,
      pTwoSided: .nan, pGreater: .nan, pLess: .nan)
    guard observed.r.isFinite else { return result }
    let r = observed.r
    let tol = 1e-10 * max(1, abs(r))
    let yValues = y.values
    let counts = countTrials(permutations, slots: 3, threads: threads, seed: seed) { rng, counter in
      let pi = randomPermutation(n, &rng)
      var ys = [Double](repeating: 0, count: cells.count)
      for (c, flat) in cells.enumerated() {
        let (i, j) = flat.quotientAndRemainder(dividingBy: n)
        ys[c] = yValues[pi[i] * n + pi[j]]
      }
      let rStar = pearson(xs, ys).r
      guard rStar.isFinite else { return }
      if abs(rStar) >= abs(r) - tol { counter[0] += 1 }
      if rStar >= r - tol { counter[1] += 1 }
      if rStar <= r + tol { counter[2] += 1 }
    }
    result.pTwoSided = Double(counts[0]) / Double(permutations)
    result.pGreater = Double(counts[1]) / Double(permutations)
    result.pLess = Double(counts[2]) / Double(permutations)
    return result
  }

  /// Pearson's r over the pairs where both are present (R's `cor(use = "complete.obs")`),
  /// two passes (means first) as R computes it.
  static func pearson(_ x: [Double], _ y: [Double]) -> (r: Double, count: Int) {
    var sx = 0.0
    var sy = 0.0
    var k = 0
    for c in x.indices where x[c].isFinite && y[c].isFinite {
      sx += x[c]
      sy += y[c]
      k += 1
    }
    guard k >= 2 else { return (.nan, k) }
    let mx = sx / Double(k)
    let my = sy / Double(k)
    var sxx = 0.0
    var syy = 0.0
    var sxy = 0.0
    for c in x.indices where x[c].isFinite && y[c].isFinite {
      let dx = x[c] - mx
      let dy = y[c] - my
      sxx += dx * dx
      syy += dy * dy
      sxy += dx * dy
    }
    guard sxx > 0, syy > 0 else { return (.nan, k) }
    return (max(-1, min(1, sxy / (sxx * syy).squareRoot())), k)
  }
}

/// A uniformly random permutation of 0..<n (Fisher–Yates, drawing as ``shuffledGroups(_:_:)``
/// does), fixed by the generator's state.
func randomPermutation(_ n: Int, _ rng: inout SeededGenerator) -> [Int] {
  var p = Array(0..<n)
  if n > 1 {
    for i in stride(from: n - 1, to: 0, by: -1) { p.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
  }
  return p
}
