import Foundation

/// Krackhardt's four dimensions of informal hierarchy: connectedness, hierarchy, efficiency
/// and least upper boundedness (LUBness). Each is 1 when the network is an out-tree (one
/// boss, each person with one superior) and falls as the network departs from one; they
/// follow R's sna 2.7 (`connectedness`, `hierarchy(measure = "krackhardt")`, `efficiency`,
/// `lubness`), on the simple graph of the selected ties, ignoring trust.
///
/// - connectedness: the share of ordered pairs joined by a semipath (the weak components):
///   Σ nᵢ(nᵢ−1) / (n(n−1)); 1 below two nodes, as sna gives it.
/// - hierarchy: 1 − (pairs that reach each other) / (pairs where at least one reaches the
///   other), on the reachability of directed paths; NaN when no one reaches anyone. On an
///   undirected network every reachable pair reaches both ways, so it is 0.
/// - efficiency: 1 − (arcs − Σ (nᵢ−1)) / Σ (nᵢ(nᵢ−1) − (nᵢ−1)) over the weak components: the
///   share of ties beyond those each component needs to hold together, out of all it could
///   have. An undirected tie counts as two arcs, as sna counts the symmetric matrix. NaN when
///   every component is one or two nodes.
/// - LUBness: the share of pairs in a weak component that have a least upper bound, as sna's
///   `lubness_con_R` decides it: among the bounds of i and j (those who reach both), one that
///   reaches every other bound. Pairs without one are summed over the components of three or
///   more nodes and divided by Σ (nᵢ−1)(nᵢ−2)/2. NaN when no component has three nodes.
///
/// - Complexity: O(n m) for reachability; LUBness is O(Σ nᵢ³ · nᵢ/64) over the components,
///   refused (NaN, with ``lubnessRefused``) beyond ``maximumLUBnessWork``.
///
/// Krackhardt, D. (1994). Graph theoretical dimensions of informal organizations. In K. M.
/// Carley & M. J. Prietula (Eds.), *Computational Organization Theory* (pp. 89–111). Erlbaum.
public struct KrackhardtHierarchy: Sendable, Equatable {
  /// The share of pairs joined by a path, ignoring direction.
  public var connectedness: Double
  /// The share of reachable ordered pairs that are not reachable back.
  public var hierarchy: Double
  /// 1 − (ties beyond the n − 1 needed) over the most there could be, by component.
  public var efficiency: Double
  /// The share of pairs that have a least upper bound (a common superior).
  public var lubness: Double
  /// Whether LUBness was left NaN because its work would pass ``maximumLUBnessWork``.
  public var lubnessRefused: Bool

  /// The most word operations LUBness may take (about a minute on one core): components of
  /// up to about 1,500 nodes.
  public static let maximumLUBnessWork = 60_000_000_000
}

extension Adjacency {
  /// Krackhardt's four dimensions (see ``KrackhardtHierarchy``).
  public var krackhardtHierarchy: KrackhardtHierarchy { krackhardtHierarchy(lubness: true) }

  /// The same, LUBness left NaN (not refused) when `lubness` is false: the CUG tests ask for
  /// the cheaper three alone, without its O(n⁴/64) work on every draw.
  func krackhardtHierarchy(lubness wanted: Bool) -> KrackhardtHierarchy {
    let n = nodeCount
    let weak = weakComponents
    let sizes = weak.sizes.map(Double.init)
    let connectedness =
      n <= 1 ? 1 : sizes.reduce(0) { $0 + $1 * ($1 - 1) } / (Double(n) * Double(n - 1))

    // Efficiency: arcs as sna sums the matrix (an undirected tie both ways).
    let arcs = Double(arcCount)
    let needed = sizes.reduce(0) { $0 + ($1 - 1) }
    let room = sizes.reduce(0) { $0 + $1 * ($1 - 1) - ($1 - 1) }
    let efficiency = room > 0 ? 1 - (arcs - needed) / room : .nan

    // LUBness and hierarchy need who reaches whom: a bit set per node, by breadth-first search.
    let lubWork = weak.sizes.reduce(0.0) { s, c in c > 2 ? s + pow(Double(c), 4) / 64 : s }
    let words = (n + 63) / 64
    let needsMatrix = Double(n) * Double(words) * 8 <= 2e9
    var hierarchy = Double.nan
    var lubness = Double.nan
    var refused = false
    if !isDirected {
      hierarchy = weak.sizes.contains { $0 > 1 } ? 0 : .nan
    }
    if needsMatrix
      && (isDirected || (wanted && lubWork <= Double(KrackhardtHierarchy.maximumLUBnessWork)))
    {
      let reach = reachability()
      func reaches(_ a: Int, _ b: Int) -> Bool {
        reach[a * words + b >> 6] >> UInt64(b & 63) & 1 == 1
      }
      if isDirected {
        var mutual = 0
        var some = 0
        for i in 0..<n {
          for j in (i + 1)..<max(i + 1, n) {
            let ij = reaches(i, j)
            let ji = reaches(j, i)
            if ij || ji { some += 1 }
            if ij && ji { mutual += 1 }
          }
        }
        hierarchy = some > 0 ? 1 - Double(mutual) / Double(some) : .nan
      }
      if !wanted {
      } else if lubWork <= Double(KrackhardtHierarchy.maximumLUBnessWork) {
        lubness = lubnessScore(reach: reach, words: words, components: weak)
      } else {
        refused = true
      }
    } else {
      refused = wanted && weak.sizes.contains { $0 > 2 }
    }
    return KrackhardtHierarchy(
      connectedness: connectedness, hierarchy: hierarchy, efficiency: efficiency,
      lubness: lubness, lubnessRefused: refused)
  }

  /// Who reaches whom along the ties' direction, each node reaching itself (as sna's
  /// `reachability`): row i, bit j set when i reaches j.
  func reachability() -> [UInt64] {
    let n = nodeCount
    let words = (n + 63) / 64
    var bits = [UInt64](repeating: 0, count: n * words)
    var seen = [Bool](repeating: false, count: n)
    var queue = [Int32](repeating: 0, count: n)
    for s in 0..<n {
      for k in 0..<n { seen[k] = false }
      seen[s] = true
      queue[0] = Int32(s)
      var head = 0
      var tail = 1
      while head < tail {
        let v = Int(queue[head])
        head += 1
        bits[s * words + v >> 6] |= 1 << UInt64(v & 63)
        for w in successors(of: v) where !seen[Int(w)] {
          seen[Int(w)] = true
          queue[tail] = w
          tail += 1
        }
      }
    }
    return bits
  }

  /// 1 − violations / Σ (nᵢ−1)(nᵢ−2)/2 over the weak components of three or more nodes.
  func lubnessScore(reach: [UInt64], words: Int, components: Components) -> Double {
    var violations = 0.0
    var most = 0.0
    var members = [[Int]](repeating: [], count: components.count)
    for v in 0..<nodeCount { members[components.membership[v]].append(v) }
    for vs in members where vs.count > 2 {
      let c = vs.count
      most += Double(c - 1) * Double(c - 2) / 2
      // Within the component: reach as bits over its own members, and who reaches each one.
      let cw = (c + 63) / 64
      var down = [UInt64](repeating: 0, count: c * cw)  // row a: whom a reaches
      var up = [UInt64](repeating: 0, count: c * cw)  // row a: who reaches a
      for (a, u) in vs.enumerated() {
        for (b, w) in vs.enumerated() where reach[u * words + w >> 6] >> UInt64(w & 63) & 1 == 1 {
          down[a * cw + b >> 6] |= 1 << UInt64(b & 63)
          up[b * cw + a >> 6] |= 1 << UInt64(a & 63)
        }
      }
      var bounds = [UInt64](repeating: 0, count: cw)
      for i in 0..<c {
        for j in (i + 1)..<c {
          // The upper bounds of i and j: those who reach both.
          var any = false
          for k in 0..<cw {
            bounds[k] = up[i * cw + k] & up[j * cw + k]
            if bounds[k] != 0 { any = true }
          }
          var least = false
          if any {
            // A bound that reaches every bound.
            search: for k in 0..<cw {
              var word = bounds[k]
              while word != 0 {
                let b = k * 64 + word.trailingZeroBitCount
                word &= word - 1
                var all = true
                for x in 0..<cw where bounds[x] & ~down[b * cw + x] != 0 {
                  all = false
                  break
                }
                if all {
                  least = true
                  break search
                }
              }
            }
          }
          if !least { violations += 1 }
        }
      }
    }
    return most > 0 ? 1 - violations / most : .nan
  }
}

extension Network {
  /// Krackhardt's four dimensions on the selected ties (see ``KrackhardtHierarchy``).
  public func krackhardtHierarchy(selection: TieSelection = .all) throws -> KrackhardtHierarchy {
    try adjacency(selection).krackhardtHierarchy
  }
}
