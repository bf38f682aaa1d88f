/// Ranks and rank correlations, as R's `rank(ties.method = "average")` and `cor(method =
/// "spearman" | "kendall")` compute them.
public enum RankCorrelation {
  /// Ranks as ``ranks(_:descending:)`` gives them, but NaN for a NaN value: a node without a
  /// value (constraint of a node without ties) has no rank, and the others' ranks are those
  /// among the nodes with values. Sweep, compare and robustness rank so.
  static func ranksOfValues(_ values: [Double], descending: Bool) -> [Double] {
    zip(values, ranks(values, descending: descending)).map { $0.isNaN ? .nan : $1 }
  }

  /// Ranks with 1 for the largest value (or the smallest with `descending: false`); tied
  /// values share the mean of their ranks; NaN values rank after every number.
  public static func ranks(_ values: [Double], descending: Bool = true) -> [Double] {
    let order = values.indices.sorted { a, b in
      let (x, y) = (values[a], values[b])
      if x.isNaN != y.isNaN { return !x.isNaN }
      if x.isNaN || x == y { return a < b }
      return descending ? x > y : x < y
    }
    var ranks = [Double](repeating: 0, count: values.count)
    var i = 0
    while i < order.count {
      var j = i + 1
      let v = values[order[i]]
      while j < order.count, values[order[j]] == v || (v.isNaN && values[order[j]].isNaN) { j += 1 }
      let r = Double(i + 1 + j) / 2  // mean of ranks i+1 ... j
      for k in i..<j { ranks[order[k]] = r }
      i = j
    }
    return ranks
  }

  /// Spearman's rho: Pearson's correlation of the average ranks. NaN when either side is
  /// constant or there are fewer than two pairs.
  public static func spearman(_ x: [Double], _ y: [Double]) -> Double {
    precondition(x.count == y.count)
    return pearson(ranks(x, descending: false), ranks(y, descending: false))
  }

  /// Pearson's r = Σ (x − x̄)(y − ȳ) / √(Σ (x − x̄)² Σ (y − ȳ)²); NaN when either is constant.
  ///
  /// - Complexity: O(n).
  public static func pearson(_ x: [Double], _ y: [Double]) -> Double {
    let n = Double(x.count)
    guard x.count >= 2 else { return .nan }
    let mx = x.reduce(0, +) / n
    let my = y.reduce(0, +) / n
    var sxy = 0.0
    var sxx = 0.0
    var syy = 0.0
    for i in x.indices {
      let (a, b) = (x[i] - mx, y[i] - my)
      sxy += a * b
      sxx += a * a
      syy += b * b
    }
    return sxx > 0 && syy > 0 ? sxy / (sxx * syy).squareRoot() : .nan
  }

  /// Kendall's tau-b, (concordant − discordant) / sqrt((n0 − n1)(n0 − n2)), with n1 and n2 the
  /// pairs tied in x and in y. Knight's O(n log n) algorithm (Knight 1966,
  /// doi:10.1080/01621459.1966.10480879). NaN when either side is constant.
  public static func kendallTauB(_ x: [Double], _ y: [Double]) -> Double {
    precondition(x.count == y.count)
    let n = x.count
    guard n >= 2 else { return .nan }
    var order = Array(0..<n)
    order.sort { (x[$0], y[$0]) < (x[$1], y[$1]) }
    func pairs(_ k: Int) -> Int { k * (k - 1) / 2 }
    // Ties in x, and joint ties in (x, y).
    var tiesX = 0
    var tiesXY = 0
    var i = 0
    while i < n {
      var j = i + 1
      while j < n, x[order[j]] == x[order[i]] { j += 1 }
      tiesX += pairs(j - i)
      var k = i
      while k < j {
        var l = k + 1
        while l < j, y[order[l]] == y[order[k]] { l += 1 }
        tiesXY += pairs(l - k)
        k = l
      }
      i = j
    }
    // Sort by y with a merge sort, counting swaps (discordant pairs).
    var ys = order.map { y[$0] }
    var buffer = ys
    var swaps = 0
    var width = 1
    while width < n {
      var lo = 0
      while lo < n {
        let mid = min(lo + width, n)
        let hi = min(lo + 2 * width, n)
        var (a, b, k) = (lo, mid, lo)
        while a < mid && b < hi {
          if ys[a] <= ys[b] {
            buffer[k] = ys[a]
            a += 1
          } else {
            buffer[k] = ys[b]
            b += 1
            swaps += mid - a
          }
          k += 1
        }
        while a < mid {
          buffer[k] = ys[a]
          a += 1
          k += 1
        }
        while b < hi {
          buffer[k] = ys[b]
          b += 1
          k += 1
        }
        lo = hi
      }
      swap(&ys, &buffer)
      width *= 2
    }
    var tiesY = 0
    i = 0
    while i < n {
      var j = i + 1
      while j < n, ys[j] == ys[i] { j += 1 }
      tiesY += pairs(j - i)
      i = j
    }
    let n0 = pairs(n)
    let concordantMinusDiscordant = n0 - tiesX - tiesY + tiesXY - 2 * swaps
    let denominator = (Double(n0 - tiesX) * Double(n0 - tiesY)).squareRoot()
    return denominator > 0 ? Double(concordantMinusDiscordant) / denominator : .nan
  }

  /// The sample quantile by R's default (type 7) rule: linear interpolation between order
  /// statistics at (n − 1)p. NaN for no values.
  public static func quantile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let h = Double(sorted.count - 1) * p
    let lo = Int(h.rounded(.down))
    let hi = min(lo + 1, sorted.count - 1)
    return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
  }
}

extension RankCorrelation {
  /// How close two scores must be, relative to the larger, to rank as a tie
  /// (``withRoundingTies(_:)``).
  static let roundingTolerance = 1e-9

  /// `values` with each run of values that lie within ``roundingTolerance`` of the run's
  /// smallest (relative to the larger of the two) set to that smallest value; NaN and
  /// infinities as they are.
  ///
  /// Ranks treat only equal values as ties, and measures are sums: betweenness adds a
  /// dependency per source, and two nodes whose sums are equal (two ends of a symmetric
  /// network, say) can come out a few units in the last place apart, as the same terms are
  /// added in another order. Ranked as they are, such a pair takes ranks 3 and 4 instead of 3.5
  /// each, and rank correlations and top-k overlaps then follow rounding noise (which changes
  /// with the order the nodes or the sources came in). The rounding error of a sum of n
  /// non-negative terms is at most about n · 10⁻¹⁶ of it, under 10⁻⁹ up to millions of
  /// sources, and scores that differ by less than that are the same score for every purpose
  /// ranks serve, so they are made equal before ranking.
  package static func withRoundingTies(_ values: [Double]) -> [Double] {
    let order = values.indices.filter { values[$0].isFinite }.sorted {
      (values[$0], $0) < (values[$1], $1)
    }
    var result = values
    var i = 0
    while i < order.count {
      let low = values[order[i]]
      var j = i + 1
      while j < order.count {
        let v = values[order[j]]
        if v - low > roundingTolerance * Swift.max(Swift.abs(low), Swift.abs(v)) { break }
        result[order[j]] = low
        j += 1
      }
      i = j
    }
    return result
  }
}
