import Foundation

// Multiple regression QAP (MRQAP): a dyadic dependent (who trusts whom) regressed on dyadic
// predictors (who works with whom, same sector, difference in age) over the cells of the
// network, with p-values from permutations instead of the classical ones, which assume
// independent cells that network data never are.
//
// Implementation goals, in order: sna 2.7's `netlm` and `netlogit` numbers (the same cells,
// estimates, t- or z-values and permutation schemes); results identical for any number of
// threads; linear permutations in O(cells · terms) each, by keeping the sums of squares and
// cross-products that a permutation does not change.

/// Multiple regression QAP: ordinary least squares (sna's `netlm`) or logistic regression by
/// iteratively reweighted least squares (sna's `netlogit`) on the cells of a network, with
/// permutation p-values.
///
/// The cells are every ordered pair i ≠ j (``DyadMode/directed``) or every unordered pair once
/// (``DyadMode/undirected``, the cells below the diagonal, as sna reads them); a cell where the
/// dependent or any predictor is missing (NaN) is left out. An intercept is always fitted.
///
/// Null hypotheses (sna's `nullhyp`):
/// - ``NullHypothesis/semiPartialling`` (sna's default `"qap"`, also `"qapspp"`): for each
///   term k, the term is regressed on the other terms, and its residual matrix E_k has its
///   nodes permuted; the model is refitted with E_k* in place of the term and the statistic of
///   E_k* kept (Dekker, Krackhardt & Snijders 2007). Robust to collinear predictors and skewed
///   data.
/// - ``NullHypothesis/y`` (sna's `"qapy"`): the dependent's nodes are permuted and every term's
///   statistic kept from the one refit.
///
/// The statistic is sna's default: the t-value b/se(b) for the linear model, the z-value
/// b/se(b) for the logistic one. The p-values are shares of the permutations, as sna's, of
/// those whose statistic could be computed (``Coefficient/failedPermutations`` counts the others):
/// P(|s*| ≥ |s|), P(s* ≥ s), P(s* ≤ s) (`pgreqabs`, `pgreq`, `pleeq`), each comparison within
/// 1e-10 · max(1, |s|) so that a permutation giving the same statistic up to rounding counts as
/// equal. Permutation k draws its permutation from its own generator, seeded from the seed and
/// k (every term's test in the semi-partialling scheme uses permutation k for its k-th draw), so
/// the result does not depend on the number of threads.
///
/// Dekker, D., Krackhardt, D. & Snijders, T. A. B. (2007). Sensitivity of MRQAP tests to
/// collinearity and autocorrelation conditions. *Psychometrika* 72(4), 563–581.
/// [doi:10.1007/s11336-007-9016-1](https://doi.org/10.1007/s11336-007-9016-1)
///
/// Krackhardt, D. (1988). Predicting with networks: nonparametric multiple regression analysis
/// of dyadic data. *Social Networks* 10(4), 359–381.
/// [doi:10.1016/0378-8733(88)90004-4](https://doi.org/10.1016/0378-8733(88)90004-4)
public enum MRQAP {
  /// The regression model.
  public enum Model: String, Sendable, CaseIterable {
    /// Ordinary least squares (sna's `netlm`).
    case linear
    /// Logistic regression of a 0/1 dependent (sna's `netlogit`), fitted as R's `glm.fit`
    /// fits it: IRLS from μ = (y + ½)/2 until the deviance changes by less than
    /// 1e-8 · (|D| + 0.1), at most 25 iterations.
    case logistic
  }

  /// What is permuted.
  public enum NullHypothesis: String, Sendable, CaseIterable {
    /// Dekker, Krackhardt and Snijders' semi-partialling (sna's `"qap"` / `"qapspp"`).
    case semiPartialling = "semi-partial"
    /// The dependent alone (sna's `"qapy"`).
    case y
  }

  /// One term of a fitted model.
  public struct Coefficient: Sendable, Equatable {
    /// `(intercept)` or the predictor's name.
    public var name: String
    /// The estimate b.
    public var estimate: Double
    /// Its standard error: √(σ̂² (XᵀX)⁻¹ₖₖ) (linear) or √((XᵀWX)⁻¹ₖₖ) (logistic).
    public var standardError: Double
    /// The statistic b / se(b): sna's t-value (linear) or z-value (logistic).
    public var statistic: Double
    /// P(|s*| ≥ |s|) over the permutations whose statistic could be computed.
    public var pTwoSided: Double
    /// P(s* ≥ s) over the permutations whose statistic could be computed.
    public var pGreater: Double
    /// P(s* ≤ s) over the permutations whose statistic could be computed.
    public var pLess: Double
    /// The permutations whose statistic could not be computed (a refit on a singular design,
    /// or a logistic refit whose weights vanished): the p-values are shares of the others.
    public var failedPermutations: Int = 0
  }

  /// A fitted model and its permutation test.
  public struct Result: Sendable, Equatable {
    /// Linear (sna's `netlm`) or logistic (`netlogit`).
    public var model: Model
    /// What the permutations shuffle.
    public var nullHypothesis: NullHypothesis
    /// The intercept first, then the predictors in the order given.
    public var coefficients: [Coefficient]
    /// The cells fitted (present in the dependent and every predictor).
    public var cells: Int
    /// The cells of the mode left out because a value was missing.
    public var missingCells: Int
    /// The permutations drawn.
    public var permutations: Int
    /// Their seed; the same seed gives the same p-values on any number of threads.
    public var seed: UInt64
    /// Linear: R² = MSS / (MSS + RSS), with MSS the sum of squares of the fitted values about
    /// their mean (as sna's `summary.netlm`); NaN for the logistic model.
    public var rSquared: Double
    /// Linear: 1 − (1 − R²)(N − 1)/(N − p); NaN for the logistic model.
    public var adjustedRSquared: Double
    /// Linear: √(RSS / (N − p)); NaN for the logistic model.
    public var residualStandardError: Double
    /// Logistic: the deviance −2 log L; NaN for the linear model.
    public var deviance: Double
    /// Logistic: the deviance of the intercept-only model, −2 Σ [y log ȳ + (1 − y) log(1 − ȳ)].
    /// (sna's `null.deviance` is 2N log 2, the deviance of p = ½ everywhere, as it fits without
    /// `glm.fit`'s intercept flag.) NaN for the linear model.
    public var nullDeviance: Double
    /// Logistic: deviance + 2p (sna's `aic`) and deviance + p log N (sna's `bic`).
    public var aic: Double
    /// Logistic: deviance + p log N (sna's `bic`); NaN for the linear model.
    public var bic: Double
    /// Logistic: the IRLS iterations of the observed fit; 0 for the linear model.
    public var iterations: Int
    /// Logistic: whether some cells are fitted with a probability of numerically 0 or 1 (R's
    /// `glm` warns "fitted probabilities numerically 0 or 1 occurred"): a predictor separates
    /// ties from non-ties almost perfectly, and its estimate and standard error are not to be
    /// trusted. `false` for the linear model.
    public var fittedAtBoundary: Bool = false
  }

  /// Fits the model and runs its permutation test.
  ///
  /// - Parameters:
  ///   - dependent: The dependent matrix; 0/1 for the logistic model.
  ///   - predictors: The predictors with their names, at least one.
  ///   - mode: Which cells are read.
  ///   - model: Linear (least squares) or logistic.
  ///   - null: How the permutation test permutes: semi-partialling (Dekker et al.) or
  ///     Y-permutation.
  ///   - permutations: The number of permutations (for each term under semi-partialling).
  ///   - seed: The permutations' seed; the same seed gives the same result on any number of
  ///     threads.
  ///   - threads: How many threads share the permutations; only the speed depends on it.
  /// - Throws: ``QAPError`` when a predictor is constant or a linear combination of the others
  ///   (sna's QR, tolerance 1e-7, would drop it), when there are no more cells than terms, when
  ///   the logistic dependent is not 0/1 or constant, or when the logistic fit does not converge
  ///   (a predictor separating ties from non-ties).
  /// - Complexity: linear: O(N p²) for the fit and O(N p²) per permutation (semi-partialling,
  ///   every term) or O(N p) (Y-permutation), N cells and p terms; logistic: O(I N p²) per refit,
  ///   I ≤ 25 iterations, p refits per permutation under semi-partialling. Missing cells make a
  ///   linear refit O(N p²) per term.
  public static func regression(
    dependent: DyadicMatrix, predictors: [(name: String, matrix: DyadicMatrix)],
    mode: DyadMode, model: Model = .linear, null: NullHypothesis = .semiPartialling,
    permutations: Int = 1000, seed: UInt64 = 1,
    threads: Int = Threads.available
  ) throws -> Result {
    precondition(!predictors.isEmpty, "a regression needs at least one predictor")
    precondition(permutations >= 1, "permutations must be at least 1")
    let n = dependent.nodeCount
    for p in predictors {
      precondition(
        p.matrix.nodeCount == n,
        "predictor '\(p.name)' has \(p.matrix.nodeCount) nodes, the dependent \(n)")
    }
    let cells = mode.cells(nodeCount: n)
    var ones = DyadicMatrix(nodeCount: n, values: [Double](repeating: 1, count: n * n))
    for i in 0..<n { ones[i, i] = .nan }
    let names = ["(intercept)"] + predictors.map(\.name)
    let matrices = [ones] + predictors.map(\.matrix)
    let p = matrices.count
    let columns = matrices.map { m in cells.map { m.values[$0] } }
    let y = cells.map { dependent.values[$0] }
    let xComplete = cells.indices.map { c in columns.allSatisfy { $0[c].isFinite } }
    let mask = cells.indices.map { xComplete[$0] && y[$0].isFinite }
    let used = mask.filter { $0 }.count
    if used <= p {
      throw QAPError(
        "\(used) cell\(used == 1 ? "" : "s") have the dependent and every predictor present; a model of \(p) terms needs more than \(p)"
      )
    }
    // A constant or collinear predictor, as sna's QR (tolerance 1e-7) would find it.
    try checkRank(columns, mask: mask, names: names)
    if model == .logistic {
      for c in cells.indices where mask[c] && y[c] != 0 && y[c] != 1 {
        let (i, j) = cells[c].quotientAndRemainder(dividingBy: n)
        throw QAPError(
          "the logistic model needs a 0/1 dependent; the pair \(i + 1) → \(j + 1) has \(formatNumber(y[c])) (use the linear model, or tie presence)"
        )
      }
      if Set(cells.indices.filter { mask[$0] }.map { y[$0] }).count < 2 {
        throw QAPError(
          "the dependent is \(formatNumber(y[mask.firstIndex(of: true)!])) in every cell fitted; a logistic model needs both ties and non-ties"
        )
      }
    }

    // The observed fit.
    let design = columns.map { col in cells.indices.filter { mask[$0] }.map { col[$0] } }
    let yUsed = cells.indices.filter { mask[$0] }.map { y[$0] }
    var result = Result(
      model: model, nullHypothesis: null, coefficients: [], cells: used,
      missingCells: cells.count - used,
      permutations: permutations, seed: seed, rSquared: .nan, adjustedRSquared: .nan,
      residualStandardError: .nan, deviance: .nan, nullDeviance: .nan, aic: .nan, bic: .nan,
      iterations: 0)
    let estimate: [Double]
    let se: [Double]
    switch model {
    case .linear:
      let fit = leastSquares(design, yUsed)
      estimate = fit.coefficients
      let rss = fit.residuals.reduce(0) { $0 + $1 * $1 }
      let sigma2 = rss / Double(used - p)
      se = fit.inverseGramDiagonal.map { ($0 * sigma2).squareRoot() }
      let fitted = zip(yUsed, fit.residuals).map { $0 - $1 }
      let meanFitted = fitted.reduce(0, +) / Double(used)
      let mss = fitted.reduce(0) { $0 + ($1 - meanFitted) * ($1 - meanFitted) }
      result.rSquared = mss / (mss + rss)
      result.adjustedRSquared = 1 - (1 - result.rSquared) * Double(used - 1) / Double(used - p)
      result.residualStandardError = sigma2.squareRoot()
    case .logistic:
      let fit = logisticFit(design, yUsed)
      guard fit.converged, fit.coefficients.allSatisfy(\.isFinite) else {
        throw QAPError(
          "the logistic fit does not converge in 25 iterations: some combination of the predictors separates ties from non-ties (almost) perfectly, so the estimates run off to infinity"
        )
      }
      estimate = fit.coefficients
      se = fit.standardErrors
      result.deviance = fit.deviance
      let ybar = yUsed.reduce(0, +) / Double(used)
      result.nullDeviance = -2 * Double(used) * (ybar * log(ybar) + (1 - ybar) * log(1 - ybar))
      result.aic = fit.deviance + 2 * Double(p)
      result.bic = fit.deviance + Double(p) * log(Double(used))
      result.iterations = fit.iterations
      result.fittedAtBoundary = fit.atBoundary
    }
    let statistic = zip(estimate, se).map { $0 / $1 }

    // The permutations.
    let tolerance = statistic.map { 1e-10 * max(1, abs($0)) }
    let noMissing = !mask.contains(false)
    // Three counts per term, then each term's failed permutations.
    let slots = 4 * p
    @Sendable func tally(_ k: Int, _ s: Double, _ counter: UnsafeMutableBufferPointer<Int>) {
      // NaN: the refit failed. An infinite statistic is as far out as any, and counts.
      guard !s.isNaN else {
        counter[3 * p + k] += 1
        return
      }
      let t = statistic[k]
      let tol = tolerance[k]
      if abs(s) >= abs(t) - tol { counter[3 * k] += 1 }
      if s >= t - tol { counter[3 * k + 1] += 1 }
      if s <= t + tol { counter[3 * k + 2] += 1 }
    }
    let counts: [Int]
    switch null {
    case .y:
      let yMatrix = dependent.values
      // Linear without missing cells: XᵀX and yᵀy do not change under the permutation.
      let fixedGram = model == .linear && noMissing ? gram(columns, mask: nil) : nil
      let yy = y.reduce(0) { $0 + $1 * $1 }
      counts = countTrials(permutations, slots: slots, threads: threads, seed: seed) {
        rng, counter in
        let pi = randomPermutation(n, &rng)
        let yStar = permuted(yMatrix, n: n, cells: cells, by: pi)
        let s: [Double]
        if let fixedGram {
          var xy = [Double](repeating: 0, count: p)
          for k in 0..<p { xy[k] = dot(columns[k], yStar) }
          s = tValues(gram: fixedGram, xy: xy, yy: yy, count: cells.count, all: true)
        } else {
          let m = cells.indices.map { xComplete[$0] && yStar[$0].isFinite }
          s = refit(columns, yStar, mask: m, model: model, all: true)
        }
        for k in 0..<p { tally(k, s[k], counter) }
      }
    case .semiPartialling:
      // E_k: term k's residual on the other terms over the cells fitted, missing elsewhere, the
      // same for i → j and j → i when undirected (sna's xres).
      let residualMatrices = (0..<p).map { k -> [Double] in
        let others = (0..<p).filter { $0 != k }.map { design[$0] }
        let fit = leastSquares(others, design[k])
        var e = [Double](repeating: .nan, count: n * n)
        var r = 0
        for c in cells.indices where mask[c] {
          let (i, j) = cells[c].quotientAndRemainder(dividingBy: n)
          e[i * n + j] = fit.residuals[r]
          if mode == .undirected { e[j * n + i] = fit.residuals[r] }
          r += 1
        }
        return e
      }
      // Linear without missing cells: only the cross-products with E_k* change.
      let otherColumns = (0..<p).map { k in (0..<p).filter { $0 != k }.map { columns[$0] } }
      let fixed: [(gram: [[Double]], xy: [Double], ee: Double)]? =
        model == .linear && noMissing
        ? (0..<p).map { k in
          let zs = otherColumns[k]
          let ee = cells.indices.reduce(0.0) { s, c in
            let v = residualMatrices[k][cells[c]]
            return s + v * v
          }
          return (gram(zs, mask: nil), zs.map { dot($0, y) }, ee)
        }
        : nil
      let yy = y.reduce(0) { $0 + $1 * $1 }
      counts = countTrials(permutations, slots: slots, threads: threads, seed: seed) {
        rng, counter in
        let pi = randomPermutation(n, &rng)
        for k in 0..<p {
          let eStar = permuted(residualMatrices[k], n: n, cells: cells, by: pi)
          let s: Double
          if let f = fixed?[k] {
            var g = f.gram
            let ze = otherColumns[k].map { dot($0, eStar) }
            for a in 0..<(p - 1) { g[a].append(ze[a]) }
            g.append(ze + [f.ee])
            s = tValues(gram: g, xy: f.xy + [dot(eStar, y)], yy: yy, count: cells.count, all: false)
              .last!
          } else {
            let m =
              noMissing
              ? [Bool](repeating: true, count: cells.count)
              : cells.indices.map { c in
                otherColumns[k].allSatisfy { $0[c].isFinite } && eStar[c].isFinite && y[c].isFinite
              }
            s = refit(otherColumns[k] + [eStar], y, mask: m, model: model, all: false).last!
          }
          tally(k, s, counter)
        }
      }
    }
    result.coefficients = (0..<p).map { k in
      // Shares of the permutations whose statistic could be computed.
      let failed = counts[3 * p + k]
      let drawn = Double(permutations - failed)
      let ok = statistic[k].isFinite && drawn > 0
      return Coefficient(
        name: names[k], estimate: estimate[k], standardError: se[k], statistic: statistic[k],
        pTwoSided: ok ? Double(counts[3 * k]) / drawn : .nan,
        pGreater: ok ? Double(counts[3 * k + 1]) / drawn : .nan,
        pLess: ok ? Double(counts[3 * k + 2]) / drawn : .nan,
        failedPermutations: failed)
    }
    return result
  }

  /// Throws when a column is a linear combination of those before it (the intercept first) on
  /// the cells fitted, as the pivoting of R's `qr` (LINPACK's dqrdc2, tolerance 1e-7) finds it.
  static func checkRank(_ columns: [[Double]], mask: [Bool], names: [String]) throws {
    let x = columns.map { col in col.indices.filter { mask[$0] }.map { col[$0] } }
    var kept: [[Double]] = []  // orthonormal basis of the columns accepted so far
    for (k, col) in x.enumerated() {
      let norm = dot(col, col).squareRoot()
      var r = col
      // Twice, for numerical orthogonality (Gram–Schmidt with reorthogonalisation).
      for _ in 0..<2 {
        for q in kept {
          let a = dot(q, r)
          for c in r.indices { r[c] -= a * q[c] }
        }
      }
      let rest = dot(r, r).squareRoot()
      if norm == 0 || rest <= 1e-7 * norm {
        let why =
          isConstant(col)
          ? "is constant on the cells fitted, so it cannot be told apart from the intercept"
          : "is a linear combination of \(names[0..<k].map { "'\($0)'" }.joined(separator: ", "))"
        throw QAPError("the predictor '\(names[k])' \(why); it cannot be estimated: leave it out")
      }
      kept.append(r.map { $0 / rest })
    }
  }

  static func isConstant(_ xs: [Double]) -> Bool { xs.allSatisfy { $0 == xs.first } }

  /// The statistics of a refit on the cells of `mask`: every term's (`all`) or the last's.
  static func refit(_ columns: [[Double]], _ y: [Double], mask: [Bool], model: Model, all: Bool)
    -> [Double]
  {
    let p = columns.count
    let idx = mask.indices.filter { mask[$0] }
    if idx.count <= p { return [Double](repeating: .nan, count: p) }
    if model == .logistic && idx.count == y.count {
      let fit = logisticFit(columns, y)
      return zip(fit.coefficients, fit.standardErrors).map { $0 / $1 }
    }
    switch model {
    case .linear:
      let g = gram(columns, mask: mask)
      let xy = columns.map { col in idx.reduce(0.0) { $0 + col[$1] * y[$1] } }
      let yy = idx.reduce(0.0) { $0 + y[$1] * y[$1] }
      return tValues(gram: g, xy: xy, yy: yy, count: idx.count, all: all)
    case .logistic:
      let fit = logisticFit(columns.map { col in idx.map { col[$0] } }, idx.map { y[$0] })
      return zip(fit.coefficients, fit.standardErrors).map { $0 / $1 }
    }
  }

  /// t-values from the normal equations: b = G⁻¹ Xᵀy, RSS = yᵀy − bᵀXᵀy, t = b / √(RSS/(N − p) · G⁻¹ₖₖ).
  /// NaN when G is singular (a permuted residual that is all zero, say).
  static func tValues(gram g: [[Double]], xy: [Double], yy: Double, count: Int, all: Bool)
    -> [Double]
  {
    let p = xy.count
    guard let l = cholesky(g) else { return [Double](repeating: .nan, count: p) }
    let b = choleskySolve(l, xy)
    var rss = yy
    for k in 0..<p { rss -= b[k] * xy[k] }
    let sigma2 = max(0, rss) / Double(count - p)
    if !all {
      // (G⁻¹)ₚₚ = 1 / Lₚₚ² for the last term.
      let v = 1 / (l[p - 1][p - 1] * l[p - 1][p - 1])
      var out = [Double](repeating: .nan, count: p)
      out[p - 1] = b[p - 1] / (sigma2 * v).squareRoot()
      return out
    }
    return (0..<p).map { k in
      var e = [Double](repeating: 0, count: p)
      e[k] = 1
      let v = choleskySolve(l, e)[k]
      return b[k] / (sigma2 * v).squareRoot()
    }
  }

  /// XᵀX over the cells of `mask` (every cell when `nil`).
  static func gram(_ columns: [[Double]], mask: [Bool]?) -> [[Double]] {
    let p = columns.count
    var g = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
    for a in 0..<p {
      for b in a..<p {
        var s = 0.0
        let x = columns[a]
        let z = columns[b]
        if let mask {
          for c in x.indices where mask[c] { s += x[c] * z[c] }
        } else {
          for c in x.indices { s += x[c] * z[c] }
        }
        g[a][b] = s
        g[b][a] = s
      }
    }
    return g
  }

  /// Least squares by Householder QR (as R's `qr.coef`): coefficients, residuals and the
  /// diagonal of (XᵀX)⁻¹ = (RᵀR)⁻¹. The columns are assumed of full rank (see `checkRank`).
  static func leastSquares(_ columns: [[Double]], _ y: [Double]) -> (
    coefficients: [Double], residuals: [Double], inverseGramDiagonal: [Double]
  ) {
    let p = columns.count
    let m = y.count
    var a = columns  // column-major working copy
    var qty = y
    var rdiag = [Double](repeating: 0, count: p)
    for k in 0..<p {
      var norm = 0.0
      for i in k..<m { norm += a[k][i] * a[k][i] }
      norm = norm.squareRoot()
      let alpha = a[k][k] > 0 ? -norm : norm
      // v = x − alpha e_k, stored in a[k][k...]
      var v = Array(a[k][k..<m])
      v[0] -= alpha
      let vv = v.reduce(0) { $0 + $1 * $1 }
      rdiag[k] = alpha
      if vv > 0 {
        for j in (k + 1)..<max(k + 1, p) {
          var s = 0.0
          for i in k..<m { s += v[i - k] * a[j][i] }
          let f = 2 * s / vv
          for i in k..<m { a[j][i] -= f * v[i - k] }
        }
        var s = 0.0
        for i in k..<m { s += v[i - k] * qty[i] }
        let f = 2 * s / vv
        for i in k..<m { qty[i] -= f * v[i - k] }
      }
      a[k][k] = alpha
    }
    // R: upper triangle, r[i][j] = a[j][i] for i < j, rdiag on the diagonal.
    var b = [Double](repeating: 0, count: p)
    for i in stride(from: p - 1, through: 0, by: -1) {
      var s = qty[i]
      for j in (i + 1)..<max(i + 1, p) { s -= a[j][i] * b[j] }
      b[i] = s / rdiag[i]
    }
    var residuals = y
    for c in 0..<m {
      var f = 0.0
      for k in 0..<p { f += columns[k][c] * b[k] }
      residuals[c] = y[c] - f
    }
    // (RᵀR)⁻¹ diagonal: R⁻¹ by back substitution, then row norms.
    var rinv = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
    for j in 0..<p {
      rinv[j][j] = 1 / rdiag[j]
      for i in stride(from: j - 1, through: 0, by: -1) {
        var s = 0.0
        for l in (i + 1)...j { s += a[l][i] * rinv[l][j] }
        rinv[i][j] = -s / rdiag[i]
      }
    }
    let diag = (0..<p).map { i in (i..<p).reduce(0.0) { $0 + rinv[i][$1] * rinv[i][$1] } }
    return (b, residuals, diag)
  }

  /// Logistic regression by IRLS, step for step as R's `glm.fit(family = binomial())` with its
  /// default control (start μ = (y + ½)/2; stop when |D − D_old| / (|D| + 0.1) < 1e-8; at most
  /// 25 iterations; μ kept within [ε, 1 − ε]); the standard errors from the weights of the last
  /// iteration, as sna's `chol2inv(fit$qr$qr)`.
  static func logisticFit(_ columns: [[Double]], _ y: [Double]) -> (
    coefficients: [Double], standardErrors: [Double], deviance: Double, iterations: Int,
    converged: Bool, atBoundary: Bool
  ) {
    let p = columns.count
    let m = y.count
    // The design row by row, contiguous: each IRLS pass reads a row's p values together.
    var flat = [Double](repeating: 0, count: m * p)
    for k in 0..<p { for c in 0..<m { flat[c * p + k] = columns[k][c] } }
    let eps = Double.ulpOfOne
    let thresh = -log(eps)
    var mu = y.map { ($0 + 0.5) / 2 }
    var eta = mu.map { log($0 / (1 - $0)) }
    var b = [Double](repeating: 0, count: p)
    var lastL: [[Double]]? = nil
    var converged = false
    var iterations = 0
    var dev = 0.0
    flat.withUnsafeBufferPointer { x in
      y.withUnsafeBufferPointer { y in
        mu.withUnsafeMutableBufferPointer { mu in
          eta.withUnsafeMutableBufferPointer { eta in
            func deviance() -> Double {
              var d = 0.0
              for c in 0..<m {
                let yc = y[c]
                let mc = mu[c]
                if yc == 1 {
                  d -= 2 * log(mc)
                } else if yc == 0 {
                  d -= 2 * log(1 - mc)
                } else {
                  d += 2 * (yc * log(yc / mc) + (1 - yc) * log((1 - yc) / (1 - mc)))
                }
              }
              return d
            }
            var devOld = deviance()
            dev = devOld
            var g = [Double](repeating: 0, count: p * p)
            var xz = [Double](repeating: 0, count: p)
            for iter in 1...25 {
              iterations = iter
              for k in 0..<(p * p) { g[k] = 0 }
              for k in 0..<p { xz[k] = 0 }
              for c in 0..<m {
                // R's binomial()$mu.eta: exp(η)/(1 + exp(η))², never below ε.
                let o = exp(-abs(eta[c]))
                let me = max(o / ((1 + o) * (1 + o)), eps)
                let v = mu[c] * (1 - mu[c])
                let z = eta[c] + (y[c] - mu[c]) / me
                let w = me * me / v
                let row = c * p
                for a in 0..<p {
                  let xa = x[row + a] * w
                  xz[a] += xa * z
                  for bb in a..<p { g[a * p + bb] += xa * x[row + bb] }
                }
              }
              let gram = (0..<p).map { a in
                (0..<p).map { bb in a <= bb ? g[a * p + bb] : g[bb * p + a] }
              }
              guard let l = cholesky(gram) else { break }
              lastL = l
              b = choleskySolve(l, xz)
              for c in 0..<m {
                var e = 0.0
                let row = c * p
                for k in 0..<p { e += x[row + k] * b[k] }
                eta[c] = e
                // R's binomial()$linkinv, with η clamped to ±(−log ε).
                let ex = e < -thresh ? eps : e > thresh ? 1 / eps : exp(e)
                mu[c] = ex / (1 + ex)
              }
              dev = deviance()
              if abs(dev - devOld) / (abs(dev) + 0.1) < 1e-8 {
                converged = true
                break
              }
              devOld = dev
            }
          }
        }
      }
    }
    guard let l = lastL else {
      return (
        [Double](repeating: .nan, count: p), [Double](repeating: .nan, count: p), .nan, iterations,
        false, false
      )
    }
    let se = (0..<p).map { k -> Double in
      var e = [Double](repeating: 0, count: p)
      e[k] = 1
      return choleskySolve(l, e)[k].squareRoot()
    }
    // R's glm.fit: "fitted probabilities numerically 0 or 1 occurred" (eps = 10 ε).
    let boundary = mu.contains { $0 > 1 - 10 * eps || $0 < 10 * eps }
    return (b, se, dev, iterations, converged, boundary)
  }

  /// The lower Cholesky factor of a symmetric positive definite matrix, or `nil`.
  static func cholesky(_ a: [[Double]]) -> [[Double]]? {
    let p = a.count
    var l = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
    for j in 0..<p {
      var d = a[j][j]
      for k in 0..<j { d -= l[j][k] * l[j][k] }
      guard d > 1e-12 * max(1, abs(a[j][j])), d.isFinite else { return nil }
      l[j][j] = d.squareRoot()
      for i in (j + 1)..<max(j + 1, p) {
        var s = a[i][j]
        for k in 0..<j { s -= l[i][k] * l[j][k] }
        l[i][j] = s / l[j][j]
      }
    }
    return l
  }

  /// Solves L Lᵀ x = b.
  static func choleskySolve(_ l: [[Double]], _ b: [Double]) -> [Double] {
    let p = b.count
    var z = b
    for i in 0..<p {
      for k in 0..<i { z[i] -= l[i][k] * z[k] }
      z[i] /= l[i][i]
    }
    for i in stride(from: p - 1, through: 0, by: -1) {
      for k in (i + 1)..<max(i + 1, p) { z[i] -= l[k][i] * z[k] }
      z[i] /= l[i][i]
    }
    return z
  }
}

/// Σ aᵢbᵢ.
func dot(_ a: [Double], _ b: [Double]) -> Double {
  var s = 0.0
  for i in a.indices { s += a[i] * b[i] }
  return s
}

/// A matrix's values at the cells after its nodes are relabelled by π: m[π(i), π(j)].
func permuted(_ m: [Double], n: Int, cells: [Int], by pi: [Int]) -> [Double] {
  cells.map { flat in
    let (i, j) = flat.quotientAndRemainder(dividingBy: n)
    return m[pi[i] * n + pi[j]]
  }
}

extension Network {
  /// Multiple regression QAP of one dyadic term on others (see ``MRQAP``): sna's `netlm`
  /// (linear) or `netlogit` (logistic) on this network's cells, every ordered pair when the
  /// network is directed, every unordered pair once when undirected.
  ///
  /// ```swift
  /// let fit = try network.qapRegression(
  ///   .ties(TieSelection(layers: ["trust"]), .presence),
  ///   on: [("collaboration", .ties(TieSelection(layers: ["collaboration"]), .presence)),
  ///        ("same sector", .sameAttribute("sector"))],
  ///   model: .logistic, permutations: 5000, seed: 1)
  /// ```
  ///
  /// - Complexity: see ``MRQAP/regression(dependent:predictors:mode:model:null:permutations:seed:threads:)``.
  public func qapRegression(
    _ dependent: DyadicTerm, on predictors: [(name: String, term: DyadicTerm)],
    model: MRQAP.Model = .linear, null: MRQAP.NullHypothesis = .semiPartialling,
    permutations: Int = 1000, seed: UInt64 = 1,
    threads: Int = Threads.available
  ) throws -> MRQAP.Result {
    try MRQAP.regression(
      dependent: try dyadicMatrix(dependent),
      predictors: try predictors.map { ($0.name, try dyadicMatrix($0.term)) },
      mode: isDirected ? .directed : .undirected, model: model, null: null,
      permutations: permutations, seed: seed, threads: threads)
  }
}
