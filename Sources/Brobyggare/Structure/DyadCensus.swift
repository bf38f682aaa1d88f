import Foundation

/// Holland and Leinhardt's dyad census and the reciprocity of a directed network, by the
/// definitions R's sna (`dyad.census`, `grecip`) and networkx (`overall_reciprocity`,
/// `reciprocity`) use.
///
/// Each unordered pair of distinct nodes is one dyad: mutual (ties both ways), asymmetric (one
/// way) or null. Parallel ties count once; self-loops are ignored. With M, A and N dyads:
///
/// | measure | formula | name in sna / networkx |
/// |---|---|---|
/// | `dyadic` | (M + N) / (M + A + N) | `grecip(measure = "dyadic")`, its default |
/// | `dyadicNonNull` | M / (M + A) | `grecip(measure = "dyadic.nonnull")` |
/// | `edgewise` | 2M / (2M + A) | `grecip(measure = "edgewise")`; networkx `overall_reciprocity` |
/// | `edgewiseLogRatio` | log(edgewise / density) | `grecip(measure = "edgewise.lrr")` |
///
/// On an undirected network every tie is mutual: A = 0 and edgewise reciprocity is 1.
public struct DyadCensus: Hashable, Sendable {
  /// M: dyads with ties both ways.
  public var mutual: Int
  /// A: dyads with a tie one way only.
  public var asymmetric: Int
  /// N: dyads without a tie.
  public var null: Int
  /// (M + N) / (M + A + N).
  public var dyadic: Double
  /// M / (M + A); NaN without ties.
  public var dyadicNonNull: Double
  /// 2M / (2M + A); NaN without ties.
  public var edgewise: Double
  /// log(edgewise / density).
  public var edgewiseLogRatio: Double
  /// Per node: the share of its ties in and out that are reciprocated,
  /// 2·|in ∩ out| / (|in| + |out|), as networkx `reciprocity(G, nodes)`; NaN for an isolate.
  public var nodes: [Double]
}

extension Adjacency {
  /// - Complexity: O(m log d).
  /// The dyad census and reciprocity by each definition (see ``DyadCensus``).
  public var dyadCensus: DyadCensus {
    let n = nodeCount
    var mutualArcs = 0
    var nodes = [Double](repeating: .nan, count: n)
    for v in 0..<n {
      var both = 0
      for k in outOffsets[v]..<outOffsets[v + 1] where hasArc(from: Int(outTargets[k]), to: v) {
        both += 1
      }
      mutualArcs += both
      let degree =
        (outOffsets[v + 1] - outOffsets[v])
        + (isDirected ? inOffsets[v + 1] - inOffsets[v] : outOffsets[v + 1] - outOffsets[v])
      if degree > 0 { nodes[v] = Double(2 * both) / Double(degree) }
    }
    let m = mutualArcs / 2
    let a = arcCount - mutualArcs
    let pairs = n * (n - 1) / 2
    let nullDyads = pairs - m - a
    let arcs = Double(2 * m + a)
    let edgewise = arcs > 0 ? Double(2 * m) / arcs : .nan
    let density = n > 1 ? arcs / Double(n * (n - 1)) : .nan
    return DyadCensus(
      mutual: m, asymmetric: a, null: nullDyads,
      dyadic: pairs > 0 ? Double(m + nullDyads) / Double(pairs) : .nan,
      dyadicNonNull: m + a > 0 ? Double(m) / Double(m + a) : .nan,
      edgewise: edgewise, edgewiseLogRatio: log(edgewise / density),
      nodes: nodes)
  }
}
