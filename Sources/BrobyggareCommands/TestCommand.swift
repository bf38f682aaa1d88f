import Brobyggare
import Foundation

/// The options of `test`'s QAP correlation and MRQAP regression.
let qapOptions: [OptionSpec] =
  [
    OptionSpec(
      name: "dependent", valueName: "layer",
      help: "The dependent network: a layer (or 'all' for every tie)."),
    OptionSpec(
      name: "predictors", valueName: "list",
      help:
        "Comma-separated: LAYER (tie 0/1), trust:LAYER (the tie's trust, 0 without a tie), same:ATTR (1 where both nodes share the value), diff:ATTR (|a_i - a_j| of a number), file:PATH (tie 0/1 in another network, another wave say, its nodes matched by id; file:PATH:LAYER for one layer of it), trust:file:PATH[:LAYER] (its trust)."
    ),
    OptionSpec(
      name: "values", valueName: "what",
      help:
        "The dependent's cells: ties (1 where there is a tie, else 0) or trust (the tie's trust, else 0) (default: ties)."
    ),
    OptionSpec(
      name: "non-respondents", valueName: "rule",
      help:
        "On a directed network whose nodes say who answered (a boolean 'respondent' attribute, as 'interviews' writes it): missing (the answers of those who did not answer, their row of the dependent, are missing, not 'no tie') or zero (read as no tie) (default: missing)."
    ),
    OptionSpec(
      name: "logistic",
      help:
        "Logistic regression (sna's netlogit) of a 0/1 dependent, instead of least squares (netlm)."
    ),
    OptionSpec(
      name: "null", valueName: "what",
      help:
        "What is permuted: semi-partial (each predictor's residual on the others, Dekker et al. 2007; sna's default) or y (the dependent) (default: semi-partial)."
    ),
    OptionSpec(
      name: "correlations",
      help:
        "Instead of the regression: the QAP correlation of the dependent with each predictor (sna's gcor and qaptest)."
    ),
    OptionSpec(
      name: "permutations", valueName: "n",
      help:
        "Permutations, or random graphs drawn with --cug, 1 to 1,000,000 (default: 1000); the work is bounded (see below) and a larger request is refused naming the most that fit."
    ),
    OptionSpec(
      name: "seed", valueName: "n",
      help: "Seed (default: 1). The same seed gives the same output for any --threads."),
    // The terms name their layers themselves: the shared --merge and --weight, not --layer.
  ] + selectionOptions.filter { $0.name != "layer" }

let testSpec = CommandSpec(
  name: "test",
  abstract:
    "Is it more than chance? QAP correlation, MRQAP regression and conditional uniform graph tests (sna's gcor, netlm, netlogit, cug.test).",
  positionals: [netArgument],
  options: inputOptions + qapOptions + BrobyggareCommandLine.cugOptions + [
    cugLayerOption, cugGroupOption,
  ] + outputOptions + [threadsOption, helpOption],
  discussion: """
    Regresses a dependent network (who trusts whom) on predictor networks and node-attribute
    relations over the pairs of nodes: every ordered pair of a directed network, every
    unordered pair once of an undirected one. A pair where a predictor is missing (a node
    without the attribute) is left out, as are the answers of non-respondents on a directed
    network whose nodes say who answered (--non-respondents). One row per term, the intercept first: the estimate,
    its standard error, the statistic (t-value, or z-value for --logistic) and the share of
    permutations with a statistic at least as far out: p_two_sided P(|t*| >= |t|), p_greater
    P(t* >= t), p_less P(t* <= t). Estimates equal R's sna 2.7 (netlm, netlogit); p-values
    agree with sna's within Monte Carlo error. Krackhardt 1988; Dekker, Krackhardt and
    Snijders 2007.
    Work: at most 3,000 nodes, and cells × permutations × terms (× 10 × terms for
    --logistic) at most 10,000,000,000; a larger request is refused with the permutations
    that fit. Permutations are seeded one by one: the same seed gives the same result on any
    number of threads.

    """ + BrobyggareCommandLine.cugDiscussion)

/// `--layer` and `--group` belong to the CUG tests: the regression names its layers and
/// attributes in --dependent and --predictors.
let cugLayerOption = OptionSpec(
  name: "layer", valueName: "layers",
  help:
    "With --cug: test on these layers only (comma-separated); default: all layers merged but affiliation layers (person to organisation), which 'all' adds. The regression names its layers in --dependent and --predictors."
)
let cugGroupOption = BrobyggareCommandLine.cugSharedOptions.first { $0.name == "group" }!

/// The most nodes `test` takes: each dyadic matrix holds n² numbers (72 MB at 3,000).
let maximumTestNodes = 3000
/// The most work `test` takes: cells × permutations × terms, a logistic refit counted as
/// 10 × terms least-squares passes (IRLS iterations on p × p cross-products).
let maximumTestWork = 10_000_000_000.0

extension BrobyggareCommandLine {
  static func test(_ p: ParsedArguments, _ out: inout Outcome) throws {
    let qapOnly =
      ["dependent", "predictors", "values", "null", "merge", "weight", "non-respondents"].filter {
        p.value($0) != nil
      } + ["logistic", "correlations"].filter { p.flag($0) }
    let cugOnly = ["cug", "condition", "node", "layer", "group"].filter { p.value($0) != nil }
    if p.value("cug") != nil {
      // An option of the other test would be ignored without a word: refuse it.
      if let o = qapOnly.first {
        throw UsageError(
          message:
            "--\(o) is for the regression and correlations (--dependent, --predictors), not for --cug"
        )
      }
      try testCUG(p, &out)
    } else {
      if let o = cugOnly.first {
        throw UsageError(
          message:
            "--\(o) is for the conditional uniform graph tests: add --cug <statistics>, or leave it out"
        )
      }
      try qapTest(p, &out)
    }
  }

  /// QAP correlation (`--correlations`) or MRQAP regression.
  static func qapTest(_ p: ParsedArguments, _ out: inout Outcome) throws {
    let path = p.positionals[0]
    _ = try tableFormat(p)
    let threads = try threadCount(p)
    let (permutations, seed) = try permutationOptions(p, default: 1000, minimum: 1)
    guard let dependentName = p.value("dependent") else {
      throw UsageError(
        message: "Name the dependent network with --dependent LAYER (a layer, or 'all')",
        command: testSpec)
    }
    guard let list = p.value("predictors") else {
      throw UsageError(
        message:
          "Name the predictors with --predictors (LAYER, trust:LAYER, same:ATTR, diff:ATTR, file:PATH, trust:file:PATH, comma-separated)",
        command: testSpec)
    }
    let values = p.value("values") ?? "ties"
    guard ["ties", "trust"].contains(values) else {
      throw UsageError(message: "--values takes ties or trust, not '\(values)'")
    }
    let model: MRQAP.Model = p.flag("logistic") ? .logistic : .linear
    let null: MRQAP.NullHypothesis = try choice(p, "null", default: .semiPartialling)
    if p.flag("correlations") {
      if p.flag("logistic") {
        throw UsageError(
          message: "--correlations gives correlations, not a model: leave out --logistic")
      }
      if p.value("null") != nil {
        throw UsageError(
          message: "--correlations permutes the dependent; --null is for the regression")
      }
    }
    if model == .logistic && values == "trust" {
      throw UsageError(
        message:
          "--logistic models whether there is a tie (0/1); --values trust is for the linear model")
    }
    var merge = TieMerge.max
    if let m = p.value("merge") {
      guard let rule = TieMerge(rawValue: m) else {
        throw UsageError(message: "Unknown merge rule '\(m)'; expected max, min, mean or sum")
      }
      merge = rule
    }

    let net = try readNetwork(path, p)
    if net.nodeCount > maximumTestNodes {
      throw UsageError(
        message:
          "'\(path)' has \(net.nodeCount) nodes; test takes at most \(maximumTestNodes) (each dyadic matrix holds n² numbers)"
      )
    }
    if net.nodeCount < 3 {
      throw DataError(
        file: path,
        message:
          "\(net.nodeCount) node\(net.nodeCount == 1 ? "" : "s"); a permutation test needs at least 3"
      )
    }
    var weight: String?
    if let w = p.value("weight") {
      let isTrust = w == net.trustAttributeName && net.hasTrust
      if !isTrust && !net.tieAttributes.contains(where: { $0.name == w }) {
        let names =
          [net.hasTrust ? net.trustAttributeName : nil].compactMap { $0 }
          + net.tieAttributes.map(\.name)
        throw UsageError(
          message:
            "No tie attribute is named \(quotedName(w)) (the tie attributes are: \(quotedNames(names)))\(didYouMean(closestMatches(to: w, among: names)))"
        )
      }
      weight = w
    }
    let attributes = Set(net.nodeAttributes.map(\.name) + net.nodes.flatMap { $0.attributes.keys })
      .sorted()

    func layerSelection(_ name: String, option: String) throws -> TieSelection {
      if net.layers.contains(name) {
        return TieSelection(layers: [name], weightAttribute: weight, merge: merge)
      }
      if name == "all" {
        // Other commands leave person-to-organisation layers out unless told; 'all' takes them.
        let affiliation = net.affiliationLayers
        if !affiliation.layers.isEmpty && affiliation.layers.count < net.layers.count {
          note(
            "\(option) all merges every layer, the \(affiliation.declared ? "affiliation layers" : "person-to-organisation layers") \(quotedNames(affiliation.layers)) included (ties of people to organisations); other commands leave them out unless told; name one of the other layers (\(quotedNames(net.layers.filter { !affiliation.layers.contains($0) }))) to take only its ties"
          )
        }
        return TieSelection(weightAttribute: weight, merge: merge)
      }
      let layers =
        net.layers.isEmpty
        ? "the network has no layers; 'all' names every tie"
        : "the layers are: \(quotedNames(net.layers)), or 'all'"
      throw UsageError(
        message:
          "\(option): no tie is in layer \(quotedName(name)) (\(layers))\(didYouMean(closestMatches(to: name, among: net.layers)))"
      )
    }
    func attribute(_ name: String, _ piece: String) throws -> String {
      guard attributes.contains(name) else {
        throw UsageError(
          message:
            "--predictors: \(quotedName(piece)) names no node attribute (the node attributes are: \(quotedNames(attributes)))\(didYouMean(closestMatches(to: name, among: attributes)))"
        )
      }
      return name
    }
    let dependent = DyadicTerm.ties(
      try layerSelection(dependentName, option: "--dependent"),
      values == "trust" ? .trust : .presence)
    // A tie without a trust value counts as trust 1 where trust is read: said, as elsewhere.
    // Counted over the layers whose trust is read (the affiliations a model leaves out
    // have none, and are not counted).
    if values == "trust" || list.contains("trust:") {
      var read: [TieSelection] = []
      if values == "trust", case .ties(let s, _) = dependent { read.append(s) }
      for raw in list.split(separator: ",") {
        let piece = trimmingSpaces(String(raw))
        if piece.hasPrefix("trust:"),
          let s = try? layerSelection(String(piece.dropFirst(6)), option: "--predictors")
        {
          read.append(s)
        }
      }
      var layers: Set<String>? = []
      for s in read { layers = s.layers.flatMap { l in layers.map { $0.union(l) } } }
      noteTiesWithoutTrust(
        TieSelection(layers: read.isEmpty ? nil : layers, weightAttribute: weight, merge: merge),
        network: net, file: path)
    }
    var predictors: [(name: String, term: DyadicTerm)] = []
    // Predictors read from other files (another wave), by their name in --predictors.
    var otherNetworks: [String: (path: String, network: Network)] = [:]
    for raw in list.split(separator: ",", omittingEmptySubsequences: false) {
      let piece = trimmingSpaces(String(raw))
      if piece.isEmpty { throw UsageError(message: "--predictors has an empty name in '\(list)'") }
      let term: DyadicTerm
      let fileValue: TieValue? =
        piece.hasPrefix("file:") ? .presence : piece.hasPrefix("trust:file:") ? .trust : nil
      if let fileValue, !net.layers.contains(piece) {
        // file:PATH, or file:PATH:LAYER for one layer of it (PATH itself when that is a file).
        var other = String(piece.dropFirst(fileValue == .presence ? 5 : 11))
        var otherLayer: String?
        if !FileManager.default.fileExists(atPath: other), Dataset.named(other) == nil,
          let colon = other.lastIndex(of: ":")
        {
          otherLayer = String(other[other.index(after: colon)...])
          other = String(other[..<colon])
        }
        if other.isEmpty {
          throw UsageError(message: "--predictors: \(quotedName(piece)) names no file")
        }
        // A shipped dataset is named by its name (safety-hagalid-wave1).
        if !FileManager.default.fileExists(atPath: other), Dataset.named(other) == nil {
          throw UsageError(
            message:
              "--predictors: \(quotedName(piece)) names the file '\(other)', and there is no such file, nor a shipped dataset of that name\(other.contains("/") ? "" : didYouMean(closestMatches(to: other, among: Dataset.all.map(\.name))))"
          )
        }
        if canonicalPath(other) == canonicalPath(path) {
          throw UsageError(
            message:
              "--predictors: \(quotedName(piece)) is the network itself; name a layer of it, or another wave's file"
          )
        }
        // Read as the network is, but with its own node table (its companion, other.nodes.csv).
        var otherArguments = p
        otherArguments.optionValues["nodes"] = nil
        let read = try readNetwork(other, otherArguments)
        guard read.isDirected == net.isDirected else {
          throw DataError(
            file: other,
            message:
              "this predictor's network (--predictors \(quotedName(piece))) is \(read.isDirected ? "directed" : "undirected") and the network '\(path)' is \(net.isDirected ? "directed" : "undirected"): a tie's direction would count in one and not in the other; the two must be read alike (write both as the same kind, or read both with --undirected where neither file says)"
          )
        }
        if let l = otherLayer, !read.layers.contains(l) {
          throw UsageError(
            message:
              "--predictors: \(quotedName(piece)): no tie of '\(other)' is in layer \(quotedName(l)) (\(read.layers.isEmpty ? "it has no layers; file:\(other) names every tie" : "its layers are: \(quotedNames(read.layers))"))\(didYouMean(closestMatches(to: l, among: read.layers)))"
          )
        }
        otherNetworks[piece] = (other, read)
        term = .ties(
          TieSelection(layers: otherLayer.map { [$0] }, weightAttribute: weight, merge: merge),
          fileValue)
      } else if net.layers.contains(piece) {
        term = .ties(try layerSelection(piece, option: "--predictors"), .presence)
      } else if piece.hasPrefix("same:") {
        term = .sameAttribute(try attribute(String(piece.dropFirst(5)), piece))
        noteAttributeValues(net, String(piece.dropFirst(5)), predictor: piece)
      } else if piece.hasPrefix("diff:") {
        term = .attributeDifference(try attribute(String(piece.dropFirst(5)), piece))
        noteAttributeValues(net, String(piece.dropFirst(5)), predictor: piece)
      } else if piece.hasPrefix("trust:") {
        term = .ties(try layerSelection(String(piece.dropFirst(6)), option: "--predictors"), .trust)
      } else {
        term = .ties(try layerSelection(piece, option: "--predictors"), .presence)
      }
      if predictors.contains(where: { $0.name == piece }) {
        throw UsageError(message: "--predictors names \(quotedName(piece)) twice")
      }
      if term == dependent && otherNetworks[piece] == nil {
        throw UsageError(message: "--predictors: \(quotedName(piece)) is the dependent itself")
      }
      predictors.append((piece, term))
    }

    // The work: cells × permutations × passes per permutation.
    let n = net.nodeCount
    let cells = Double(net.isDirected ? n * (n - 1) : n * (n - 1) / 2)
    let terms = Double(predictors.count + 1)
    let perPermutation =
      p.flag("correlations") ? terms - 1 : model == .linear ? terms : terms * terms * 10
    let work = cells * Double(permutations) * perPermutation
    if work > maximumTestWork {
      let feasible = Int(maximumTestWork / (cells * perPermutation))
      throw UsageError(
        message:
          "--permutations \(permutations) on \(Int(cells)) cells with \(Int(terms)) terms\(model == .logistic ? " (logistic)" : "") is beyond the work test takes (cells × permutations × terms\(model == .logistic && !p.flag("correlations") ? " × 10 × terms" : "") ≤ 10^10); at most \(max(1, feasible)) permutations fit"
      )
    }

    var settings: [(String, String)] = [
      ("network", path), ("nodes", String(n)), ("directed", net.isDirected ? "yes" : "no"),
      ("cells", net.isDirected ? "ordered pairs i -> j, i != j" : "unordered pairs, each once"),
    ]
    settings += signSetting(net)
    settings += [
      (
        "dependent",
        settingName(dependentName)
          + (values == "trust" ? " (trust; 0 without a tie)" : " (tie 0/1)")
      ),
      (
        "weight",
        values == "trust"
          || predictors.contains { if case .ties(_, .trust) = $0.term { true } else { false } }
          ? (weight.map(settingName)
            ?? (net.hasTrust ? settingName(net.trustAttributeName) : "none (every tie 1)"))
          : "not read"
      ),
      ("merge", merge.rawValue),
      ("predictors", predictors.map { settingName($0.name) }.joined(separator: ",")),
    ]
    let rule = p.value("non-respondents") ?? "missing"
    guard ["missing", "zero"].contains(rule) else {
      throw UsageError(message: "--non-respondents takes missing or zero, not '\(rule)'")
    }
    // The nodes here that did not answer in each other file: their rows there are missing.
    var silentThere: [String: [Int]] = [:]
    for (name, other) in otherNetworks {
      silentThere[name] = net.nodes.indices.filter { i in
        other.network.index(of: net.nodes[i].id).map {
          other.network.nodes[$0].answered == false
        } ?? false
      }
    }
    // Each predictor read from another file: which nodes it has, and whose answers it lacks.
    for (name, _) in predictors {
      guard let (otherPath, other) = otherNetworks[name] else { continue }
      let shared = net.nodes.filter { other.index(of: $0.id) != nil }.count
      let extra = other.nodeCount - shared
      let silentCount = silentThere[name]!.count
      // Ids that match only when case and spaces are folded are most likely one person
      // written two ways: said, as they are not matched.
      let lacking = net.nodes.filter { other.index(of: $0.id) == nil }.map(\.id)
      let theirs = other.nodes.filter { net.index(of: $0.id) == nil }.map(\.id)
      let folded = Dictionary(
        theirs.map { (Network.foldedName($0), $0) }, uniquingKeysWith: { a, _ in a })
      let alike = lacking.compactMap { id in
        let key = Network.foldedName(id)
        return key.isEmpty ? nil : folded[key].map { (id, $0) }
      }
      if !alike.isEmpty {
        note(
          "\(otherPath): \(alike.count) \(alike.count == 1 ? "id differs" : "ids differ") from the network's only in case or spacing, and \(alike.count == 1 ? "is" : "are") not matched: \(alike.prefix(5).map { "'\($0.1)' there, '\($0.0)' here" }.joined(separator: "; "))\(alike.count > 5 ? "; ..." : ""); write the ids alike in both files"
        )
      }
      if !lacking.isEmpty || !theirs.isEmpty {
        note(
          "\(otherPath): not in it: \(lacking.isEmpty ? "none" : FormatError.list(lacking, quoted: true)) (their pairs are missing); in it and not in '\(path)': \(theirs.isEmpty ? "none" : FormatError.list(theirs, quoted: true)) (left out)"
        )
      }
      if net.isDirected, net.nodes.contains(where: { $0.answered != nil }),
        !other.nodes.contains(where: { $0.answered != nil })
      {
        note(
          "\(otherPath): no node says whether it answered (a 'respondent' attribute, true or false, in its node table): its zeros are read as no tie, for those who did not answer there too"
        )
      }
      var text =
        "\(otherPath): \(shared) of the \(n) nodes, matched by id\(shared < n ? " (pairs with a node it lacks are missing)" : "")"
        + (extra > 0
          ? "; \(extra) of its nodes \(extra == 1 ? "is" : "are") not in \(path), and left out"
          : "")
      if silentCount > 0 && net.isDirected {
        text +=
          rule == "missing"
          ? "; \(silentCount) did not answer there (respondent = false): their rows are missing"
          : "; \(silentCount) did not answer there (respondent = false): their rows read as no tie"
      }
      settings.append((settingName(name), text))
    }
    var dependentMatrix: DyadicMatrix
    let predictorMatrices: [(name: String, matrix: DyadicMatrix)]
    do {
      dependentMatrix = try net.dyadicMatrix(dependent)
      predictorMatrices = try predictors.map { (name, term) in
        guard let other = otherNetworks[name] else { return (name, try net.dyadicMatrix(term)) }
        do {
          var m = try net.dyadicMatrix(term, from: other.network)
          // The other wave's non-respondents named nobody there: their rows are no answer.
          if net.isDirected, rule == "missing" {
            for i in silentThere[name]! {
              for j in 0..<net.nodeCount where j != i { m[i, j] = .nan }
            }
          }
          return (name, m)
        } catch let e as NetworkError {
          throw DataError(file: other.path, message: e.description)
        }
      }
    } catch let e as NetworkError {
      throw DataError(file: path, message: e.description)
    } catch let e as QAPError {
      throw DataError(file: path, message: e.message)
    }
    let mode: DyadMode = net.isDirected ? .directed : .undirected
    // Values so large that their squares overflow would turn every sum into inf or NaN.
    for (name, m) in [(settingName(dependentName), dependentMatrix)]
      + predictorMatrices.map({ ($0.name, $0.matrix) })
    {
      for i in 0..<n {
        for j in 0..<n where j != i && abs(m[i, j]) > 1e100 && m[i, j].isFinite {
          throw DataError(
            file: otherNetworks[name]?.path ?? path,
            message:
              "\(name): the value of \(quotedName(net.nodes[i].id)) -> \(quotedName(net.nodes[j].id)) is \(human(m[i, j])); test takes values up to 1e100 in size (their squares must add up without overflowing)"
          )
        }
      }
    }
    // A predictor whose ties include the dependent's own explains it by itself.
    if case .ties(let ds, _) = dependent, let dl = ds.layers {
      for (name, term) in predictors where otherNetworks[name] == nil {
        if case .ties(let ps, _) = term, ps.layers == nil || !ps.layers!.isDisjoint(with: dl) {
          note(
            "--predictors \(quotedName(name)) includes the ties of the dependent \(quotedName(dependentName)) itself: its effect is partly the dependent explaining itself"
          )
        }
      }
    }
    // A non-respondent named nobody: the 0s in their row are no answer, not "no tie". Read as
    // zeros they would be taken as evidence that trust is absent where nobody was asked.
    let silent = net.nodes.indices.filter {
      net.nodes[$0].answered == false
    }
    // Non-respondents of another wave read as predictors count too (their rows there).
    let silentElsewhere = silentThere.values.contains { !$0.isEmpty }
    if silent.isEmpty {
      // No node says who answered: every row is read as an answer, which is said.
      if net.isDirected && !net.nodes.contains(where: { $0.answered != nil }) && !silentElsewhere {
        settings.append(
          (
            "non-respondents",
            "none known (no node has a 'respondent' attribute, true or false): every row of the dependent counts as answered"
          ))
      }
      if p.value("non-respondents") != nil && !(silentElsewhere && net.isDirected) {
        throw UsageError(
          message:
            "--non-respondents: no node has respondent = false (a boolean 'respondent' attribute says who answered)"
        )
      }
    } else if !net.isDirected {
      settings.append(
        (
          "non-respondents",
          "\(silent.count) (respondent = false); an undirected network has no rows of answers: their ties are kept as they are"
        ))
    } else if rule == "missing" {
      for i in silent { for j in 0..<n where j != i { dependentMatrix[i, j] = .nan } }
      settings.append(
        (
          "non-respondents",
          "\(silent.count) (respondent = false): their answers (their row of the dependent) are missing, not 0; --non-respondents zero reads them as no tie"
        ))
    } else {
      settings.append(
        (
          "non-respondents",
          "\(silent.count) (respondent = false): their rows of the dependent read as no tie (--non-respondents zero)"
        ))
    }

    // A constant dependent (or, for a correlation, predictor) has nothing to explain or to
    // correlate: refused, as a constant predictor of the regression is.
    func isConstant(_ m: DyadicMatrix) -> Bool {
      var first: Double?
      for c in mode.cells(nodeCount: n) where m.values[c].isFinite {
        if let f = first { if m.values[c] != f { return false } } else { first = m.values[c] }
      }
      return true
    }
    if isConstant(dependentMatrix) {
      throw DataError(
        file: path,
        message:
          "the dependent \(quotedName(dependentName)) has the same value in every cell used: there is nothing to explain or correlate"
      )
    }
    if p.flag("correlations"),
      let constant = predictorMatrices.first(where: { isConstant($0.matrix) })
    {
      throw DataError(
        file: path,
        message:
          "the predictor \(quotedName(constant.name)) has the same value in every cell used: its correlation is undefined"
      )
    }

    if p.flag("correlations") {
      let rows = predictorMatrices.map { x -> [Cell] in
        let r = QAP.correlationTest(
          x.matrix, dependentMatrix, mode: mode, permutations: permutations, seed: seed,
          threads: threads)
        return [
          .text(x.name), .number(r.correlation), .integer(r.cells), .number(r.pTwoSided),
          .number(r.pGreater), .number(r.pLess),
        ]
      }
      settings += [
        (
          "test",
          "QAP correlation (Pearson's r over the cells, as sna's gcor), the dependent's nodes permuted"
        ),
        ("permutations", String(permutations)), ("seed", String(seed)),
        ("p-values", "shares of the permutations: P(|r*| >= |r|), P(r* >= r), P(r* <= r)"),
        ("reference", "Hubert 1987; Krackhardt 1988, doi:10.1016/0378-8733(88)90004-4"),
      ]
      let table = ResultTable(
        columns: ["term", "correlation", "cells", "p_two_sided", "p_greater", "p_less"],
        rows: rows, settings: settings)
      table.noteZeroPValues(of: permutations, "permutations")
      try emit(table, p, inputs: [path] + Set(otherNetworks.values.map(\.path)).sorted(), &out)
      return
    }

    let fit: MRQAP.Result
    do {
      fit = try MRQAP.regression(
        dependent: dependentMatrix, predictors: predictorMatrices, mode: mode, model: model,
        null: null,
        permutations: permutations, seed: seed, threads: threads)
    } catch let e as QAPError {
      throw DataError(file: path, message: e.message)
    }
    if model == .linear && !(fit.rSquared < 1 - 1e-12) {
      throw DataError(
        file: path,
        message:
          "the predictors fit the dependent exactly (R² = 1: a predictor, or a sum of them, is the dependent): the statistics are infinite and no permutation test is possible"
      )
    }
    if model == .logistic && fit.fittedAtBoundary
      && !fit.coefficients.contains(where: {
        abs($0.estimate) > 10 && $0.standardError > 100 * abs($0.estimate)
      })
    {
      note(
        "some cells are fitted with a probability of numerically 0 or 1 (R's glm warns so): a predictor, or a combination, splits some ties from non-ties perfectly; look at the estimates and standard errors before trusting them"
      )
    }
    if model == .logistic
      && fit.coefficients.contains(where: {
        abs($0.estimate) > 10 && $0.standardError > 100 * abs($0.estimate)
      })
    {
      note(
        "the logistic fit looks separated: an estimate beyond ±10 with a standard error over 100 times its size means some predictor (almost) perfectly splits ties from non-ties; its estimate and p-values are not to be trusted (R's glm warns: fitted probabilities numerically 0 or 1)"
      )
    }
    // Permutations whose refit failed are not counted either way: said, with how many.
    let failed = fit.coefficients.filter { $0.failedPermutations > 0 }
    if !failed.isEmpty {
      note(
        "the statistic could not be computed in some permutations (a refit on a singular design, or one whose weights vanished), and the p-values are shares of the others: \(failed.map { "\(quotedName($0.name)) \($0.failedPermutations) of \(permutations)" }.joined(separator: ", "))"
      )
    }
    settings += [
      (
        "model",
        model == .linear ? "linear (least squares, sna's netlm)" : "logistic (IRLS, sna's netlogit)"
      ),
      (
        "null hypothesis",
        null == .semiPartialling
          ? "semi-partialling (Dekker, Krackhardt and Snijders 2007)"
          : "Y-permutation (the dependent's nodes permuted)"
      ),
      ("statistic", model == .linear ? "t-value" : "z-value"),
      ("permutations", String(permutations) + (null == .semiPartialling ? " per term" : "")),
      ("seed", String(seed)),
      ("cells used", String(fit.cells)),
      ("cells left out (missing values)", String(fit.missingCells)),
    ]
    if model == .linear {
      settings += [
        ("R2", human(fit.rSquared)), ("adjusted R2", human(fit.adjustedRSquared)),
        ("residual standard error", human(fit.residualStandardError)),
      ]
    } else {
      settings += [
        ("deviance", human(fit.deviance)),
        ("null deviance (intercept only)", human(fit.nullDeviance)),
        ("AIC", human(fit.aic)), ("BIC", human(fit.bic)), ("iterations", String(fit.iterations)),
      ]
    }
    let s = model == .linear ? "t" : "z"
    settings += [
      (
        "p-values",
        "shares of the permutations: P(|\(s)*| >= |\(s)|), P(\(s)* >= \(s)), P(\(s)* <= \(s))"
      ),
      (
        "reference",
        "Krackhardt 1988, doi:10.1016/0378-8733(88)90004-4; Dekker, Krackhardt and Snijders 2007, doi:10.1007/s11336-007-9016-1"
      ),
    ]
    let rows = fit.coefficients.map { c -> [Cell] in
      [
        .text(c.name), .number(c.estimate), .number(c.standardError), .number(c.statistic),
        .number(c.pTwoSided), .number(c.pGreater), .number(c.pLess),
      ]
    }
    let table = ResultTable(
      columns: [
        "term", "estimate", "std_error", "statistic", "p_two_sided", "p_greater", "p_less",
      ], rows: rows, settings: settings)
    // The shares are of the permutations whose statistic could be computed: the bound of the
    // terms with a p-value of 0 is the loosest of theirs.
    let zeroTerms = fit.coefficients.filter { [$0.pTwoSided, $0.pGreater, $0.pLess].contains(0) }
    let usable = zeroTerms.map { permutations - $0.failedPermutations }.min() ?? permutations
    table.noteZeroPValues(
      of: usable,
      usable < permutations ? "permutations whose statistic could be computed" : "permutations")
    try emit(table, p, inputs: [path] + Set(otherNetworks.values.map(\.path)).sorted(), &out)
  }
}

/// What a `same:` or `diff:` predictor made of its attribute's values, as the group measures
/// say it: values written as missing, values trimmed, nodes without a value (their pairs are
/// left out), and values that differ only in case or spacing (kept apart).
func noteAttributeValues(_ net: Network, _ attribute: String, predictor: String) {
  guard let a = try? net.groupAssignment(by: attribute) else { return }
  noteGroupValues(
    a, nodeCount: net.nodeCount, leftOutOf: "the pairs compared", prefix: "\(predictor): ")
  if predictor.hasPrefix("same:") {
    // Numbers compare as numbers (1 and 1.0 typed so are one value): only text is said.
    noteSimilarGroups(
      a.similarNames.filter { set in !set.allSatisfy { Double($0) != nil } },
      attribute: attribute)
  }
}
