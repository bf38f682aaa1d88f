/// Finding a node by what a person types: its id, or a label that names exactly one node, with
/// the closest ids and labels suggested when nothing matches.
extension Network {
  /// The index of the node that `name` names: the node with that id; else the one node whose
  /// label is `name`. Spaces around `name` are ignored.
  ///
  /// - Throws: ``NetworkError/ambiguousLabel(_:ids:)`` when several nodes have that label, and
  ///   ``NetworkError/noNodeNamed(_:closest:)`` with up to three close ids or labels when none
  ///   matches.
  /// - Complexity: O(1) for an id; O(n) for a label; O(n · L²) to suggest, L the name's length.
  public func node(named name: String) throws(NetworkError) -> Int {
    if let i = index(of: name) { return i }
    let trimmed = trimmingWhitespace(name, newlines: true)
    if let i = index(of: trimmed) { return i }
    let byLabel = nodes.indices.filter { nodes[$0].label == trimmed }
    if byLabel.count == 1 { return byLabel[0] }
    if byLabel.count > 1 { throw .ambiguousLabel(trimmed, ids: byLabel.map { nodes[$0].id }) }
    var candidates: [String] = []
    for node in nodes {
      candidates.append(node.id)
      let label = node.label
      if label != node.id { candidates.append(label) }
    }
    throw .noNodeNamed(trimmed, closest: closestMatches(to: trimmed, among: candidates))
  }
}

/// Up to `limit` of `candidates` that are close to `word`: equal but for case, diacritics and
/// spacing first, then those that contain it or that it contains, then by edit distance with
/// transpositions (at most a third of the longer string, and at least 1), ties in the order
/// given. For "did you mean" messages. A word longer than `NameMatching.maximumSuggestedLength`
/// scalars after normalisation gets none, and the edit distance is computed only for
/// candidates no longer than that bound allows.
///
/// - Complexity: O(c · L²) for c candidates of length L ≤ 300.
package func closestMatches(to word: String, among candidates: [String], limit: Int = 3) -> [String]
{
  let w = NameMatching.normalise(word)
  guard !w.isEmpty, w.unicodeScalars.count <= NameMatching.maximumSuggestedLength else { return [] }
  var scored: [(score: Int, order: Int, text: String)] = []
  var seen = Set<String>()
  for (k, c) in candidates.enumerated() where seen.insert(c).inserted {
    let n = NameMatching.normalise(c)
    guard !n.isEmpty else { continue }
    let score: Int
    if n == w {
      score = 0
    } else if n.count >= 3 && w.count >= 3 && (n.contains(w) || w.contains(n)) {
      score = 1
    } else {
      // Cheap bound first: the distance is at least the difference in length.
      let allowed = max(1, max(n.count, w.count) / 3)
      if abs(n.count - w.count) > allowed { continue }
      let d = transpositionDistance(n, w)
      if d > allowed { continue }
      score = 1 + d
    }
    scored.append((score, k, c))
  }
  scored.sort { ($0.score, $0.order) < ($1.score, $1.order) }
  return scored.prefix(limit).map(\.text)
}

/// The optimal string alignment distance: Levenshtein's, with a swap of two neighbours counting
/// as one edit (`gruop` is one edit from `group`).
func transpositionDistance(_ a: String, _ b: String) -> Int {
  let x = Array(a.unicodeScalars)
  let y = Array(b.unicodeScalars)
  if x.isEmpty { return y.count }
  if y.isEmpty { return x.count }
  var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
  for i in 0...x.count { d[i][0] = i }
  for j in 0...y.count { d[0][j] = j }
  for i in 1...x.count {
    for j in 1...y.count {
      let cost = x[i - 1] == y[j - 1] ? 0 : 1
      d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
      if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
        d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
      }
    }
  }
  return d[x.count][y.count]
}
