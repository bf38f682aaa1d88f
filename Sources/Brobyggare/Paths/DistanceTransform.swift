import Foundation

/// How trust, a strength, becomes a length for the path measures.
///
/// Trust is a strength: larger means closer. Shortest-path measures need a length, so every
/// path measure takes one of these, and every output names the one it used.
public enum DistanceTransform: String, Sendable, CaseIterable {
  /// Every tie has length 1; weights are ignored. The default.
  case hops
  /// Length 1/trust: strong trust is short. Trust must be positive and finite.
  case reciprocal
  /// Length −ln(trust): the shortest path is the one with the largest product of trust, the
  /// most-trusted chain. Trust must lie in (0, 1]; trust 1 gives length 0.
  case negativeLog
  /// The weight is already a length, as networkx's `weight=` and igraph's `weights=` read it.
  /// It must be positive and finite.
  case raw

  /// Whether the transform reads the weights at all.
  public var isWeighted: Bool { self != .hops }

  /// The length of a tie with trust `w`, or `nil` (with the reason) when `w` has no length
  /// under this transform.
  public func length(ofTrust w: Double) -> Result<Double, DistanceError> {
    switch self {
    case .hops: return .success(1)
    case .reciprocal:
      guard w.isFinite, w > 0 else {
        return .failure(.init(trust: w, transform: self, expected: "a positive, finite trust"))
      }
      return .success(1 / w)
    case .negativeLog:
      guard w.isFinite, w > 0, w <= 1 else {
        return .failure(
          .init(
            trust: w, transform: self,
            expected:
              "a trust in (0, 1] (and below 1 for measures that count shortest paths, where trust 1 is length 0)"
          ))
      }
      return .success(-Foundation.log(w))
    case .raw:
      guard w.isFinite, w > 0 else {
        return .failure(.init(trust: w, transform: self, expected: "a positive, finite length"))
      }
      return .success(w)
    }
  }
}

/// A weight that has no length under the transform asked for.
public struct DistanceError: Error, Equatable, CustomStringConvertible {
  /// The weight that has no length.
  public var trust: Double
  /// The transform asked for.
  public var transform: DistanceTransform
  /// What the transform needs (`a trust in (0, 1]`, say).
  public var expected: String
  /// The id of the tie's source, when known.
  public var source: String?
  /// The id of the tie's target, when known.
  public var target: String?
  /// Whether the tie is directed (written `->`, else `--`).
  public var directed = true
  /// How many other ties' weights have no length either (each undirected tie once).
  public var others = 0
  /// The tie's place in the file it was read from, from 1, when known.
  public var tieNumber: Int?

  public var description: String {
    let at =
      source.map { s in
        " on the tie \(s) \(directed ? "->" : "--") \(target ?? "?")"
          + (tieNumber.map { " (tie \($0) in the file)" } ?? "")
      } ?? ""
    let more =
      others > 0
      ? " (and \(others) other \(others == 1 ? "tie's weight has" : "ties' weights have") none)"
      : ""
    return
      "the weight \(formatNumber(trust))\(at) cannot be a distance under '\(transform.rawValue)': expected \(expected)\(more)"
  }
}

/// Arc lengths aligned with an ``Adjacency``'s outgoing rows.
public struct ArcLengths: Sendable {
  /// The transform the lengths come from.
  public let transform: DistanceTransform
  /// `nil` for `hops`; otherwise one length per outgoing arc.
  public let lengths: [Double]?

  /// Lengths given directly, one per outgoing arc (`nil` for hops).
  init(transform: DistanceTransform, lengths: [Double]?) {
    self.transform = transform
    self.lengths = lengths
  }

  /// Computes the lengths, or throws on the first weight that has none, naming its tie.
  ///
  /// A length must be finite (a trust so small that 1/trust overflows is refused, so that
  /// closeness and betweenness agree that the tie exists) and, unless `allowZeroLengths`, more
  /// than 0: with ties of length 0 (trust 1 under ``DistanceTransform/negativeLog``) the number
  /// of shortest paths, and so betweenness, would depend on the order of the ties, and harmonic
  /// closeness would divide by 0. igraph refuses such weights too. The most-trusted path alone
  /// (``Adjacency/trustTree(from:threshold:nodeIDs:)``) is well defined with them.
  public init(
    _ adjacency: Adjacency, transform: DistanceTransform, nodeIDs: [String]? = nil,
    allowZeroLengths: Bool = false
  ) throws(DistanceError) {
    self.transform = transform
    guard transform.isWeighted else {
      lengths = nil
      return
    }
    var out = [Double](repeating: 0, count: adjacency.arcCount)
    var failure: DistanceError?
    for v in 0..<adjacency.nodeCount {
      for k in adjacency.outOffsets[v]..<adjacency.outOffsets[v + 1] {
        let trust = adjacency.outTrust[k]
        var result = transform.length(ofTrust: trust)
        if case .success(let d) = result {
          if !d.isFinite {
            result = .failure(
              .init(
                trust: trust, transform: transform,
                expected: "a trust whose length is finite (1/\(formatNumber(trust)) overflows)"))
          } else if d == 0 && !allowZeroLengths {
            let fix =
              transform == .negativeLog
              ? "; trust 1 is length 0 under negativeLog: use --distance reciprocal, or rescale trust to lie below 1"
              : ""
            result = .failure(
              .init(
                trust: trust, transform: transform,
                expected:
                  "a length above 0 (with ties of length 0 the shortest paths, and betweenness, are not well defined)\(fix)"
              ))
          }
        }
        switch result {
        case .success(let d): out[k] = d
        case .failure(var e):
          // The first is named; the others are counted (an undirected tie once, from its
          // smaller end), so that a message does not read as the only one.
          let w = Int(adjacency.outTargets[k])
          if var first = failure {
            if adjacency.isDirected || v < w { first.others += 1 }
            failure = first
          } else {
            e.source = nodeIDs?[v]
            e.target = nodeIDs?[w]
            e.directed = adjacency.isDirected
            failure = e
          }
        }
      }
    }
    if let failure { throw failure }
    // A path is at most every arc once, so when all lengths add up to a finite sum no path's
    // length overflows to infinity (three ties of trust 1e-308 under reciprocal would: the
    // searches then have nothing to order by).
    var total = 0.0
    var longest = 0
    for k in out.indices {
      total += out[k]
      if out[k] > out[longest] { longest = k }
    }
    if !(total <= 1e300) {
      var e = DistanceError(
        trust: adjacency.outTrust[longest], transform: transform,
        expected:
          "lengths that add up along a path without overflowing (the lengths of all ties add up to more than 1e300; this tie's is \(formatNumber(out[longest]))): rescale the weights"
      )
      var v = 0
      while adjacency.outOffsets[v + 1] <= longest { v += 1 }
      e.source = nodeIDs?[v]
      e.target = nodeIDs?[Int(adjacency.outTargets[longest])]
      e.directed = adjacency.isDirected
      throw e
    }
    lengths = out
  }
}

/// Two path lengths count as equal when they differ by no more than this, relative to the
/// larger (igraph compares with the same relative epsilon), so that ties in length split the
/// credit even after rounding.
public let pathLengthTolerance = 1e-10

@inline(__always)
func lengthsEqual(_ a: Double, _ b: Double) -> Bool {
  abs(a - b) <= pathLengthTolerance * Swift.max(abs(a), abs(b))
}
