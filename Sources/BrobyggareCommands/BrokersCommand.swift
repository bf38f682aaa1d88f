import Brobyggare
import Foundation

let brokersSpec = CommandSpec(
  name: "brokers",
  abstract: "Gould-Fernandez brokerage roles by group, strongest bridge-builders first.",
  positionals: [netArgument],
  options: inputOptions + selectionOptions + [
    OptionSpec(
      name: "group", valueName: "attribute",
      help: "The node attribute that defines the groups (sector, say). Required.", required: true),
    OptionSpec(
      name: "partial-credit",
      help: "Share each brokered pair among its k brokers (1/k each), as UCINET offers."),
    OptionSpec(
      name: "trust-weighted", valueName: "value",
      help: "Weight each open two-path by its two trusts: gm (geometric mean), am, min or max."),
    OptionSpec(
      name: "permutations", valueName: "n",
      help:
        "Also give each role's permutation p-value (<role>_p) from n shuffles of the group labels."),
    OptionSpec(name: "seed", valueName: "n", help: "Seed for the permutations (default: 1)."),
    OptionSpec(
      name: "top", valueName: "k",
      help: "Only the k strongest bridge-builders (default: every node)."),
    OptionSpec(
      name: "counts-only", help: "Only the counts: id, label, group, the five roles and total."),
  ] + outputOptions + [threadsOption, helpOption],
  discussion: """
    For each node v, the open two-paths a -> v -> c (no tie a -> c) it brokers, by the groups of
    a, v and c: coordinator (A A A), itinerant (A B A), representative (A A B), gatekeeper
    (A B B), liaison (A B C). Raw counts, expected values and z-scores equal R's
    sna::brokerage on directed networks. On undirected networks each pair counts once and a
    pair whose broker shares a group with one end counts half representative, half gatekeeper.
    With --trust-weighted each two-path a -> v -> c counts the geometric mean (or arithmetic
    mean, minimum, maximum) of the trusts of a -> v and v -> c, as Opsahl and Panzarasa (2009)
    value triplets; expected values and z-scores are then not defined and are NaN.
    Rows are ranked by total, then by id.

    The two tests ask different questions. <role>_z compares the count with sna's analytic
    null (brokerage: ties placed at random with the observed density, groups fixed): is v
    a broker of this kind more than a random network of this density would make it? <role>_p
    (with --permutations) keeps the ties and shuffles the groups among the nodes (group sizes
    kept): is v's count of this role more than chance placement of the groups gives it? The
    total does not depend on the groups, so shuffling them cannot move it: it has a z-score
    but no permutation p-value.
    Work: the plain counts come from a formula; --partial-credit and --trust-weighted go
    through every open two-path (Σ in(v)·out(v), once more per permutation), at most 2e10
    steps, checked before the work starts.
    """)

/// The most two-path visits `brokers` makes: partial credit and trust weights go through every
/// two-path (once more per permutation).
let maximumBrokerageWork = 2e10

extension BrobyggareCommandLine {
  static func brokers(_ p: ParsedArguments, _ out: inout Outcome) throws {
    let path = p.positionals[0]
    guard let attribute = p.value("group") else {
      throw UsageError(
        message: "Missing expected option '--group <attribute>'", command: brokersSpec)
    }
    let (permutations, seed) = try permutationOptions(p, default: 0, minimum: 1)
    _ = try tableFormat(p)
    let top = try wholeNumber(p, "top") ?? Int.max
    let countsOnly = p.flag("counts-only")
    // The shuffles give p-values, which --counts-only leaves out with the expected values.
    if countsOnly && permutations > 0 {
      throw UsageError(
        message:
          "--counts-only leaves out the expected values, z-scores and p-values, and --permutations \(permutations) would shuffle the groups for p-values it leaves out: leave out one of them"
      )
    }
    let net = try readNetwork(path, p)
    noteNonRespondents(
      net,
      effect: net.isDirected && !hasReconstructedTies(net)
        ? nonRespondentEffectOnBrokerage : nonRespondentEffectOnMeasures)
    let selection = try tieSelection(p, network: net)
    let groups = try groupsOrUsageError(net, attribute, selection: selection)
    let adj = try net.adjacency(selection)
    let credit: BrokerageRoles.PartialCredit = p.flag("partial-credit") ? .shared : .none
    var trust: TwoPathValue?
    if let t = p.value("trust-weighted") {
      guard let v = TwoPathValue(rawValue: t) else {
        throw UsageError(message: "--trust-weighted takes gm, am, min or max, not '\(t)'")
      }
      trust = v
    }
    // Partial credit and trust weights go through every two-path a -> v -> c (once more per
    // permutation): Σ in(v)·out(v) of them, n² on a star. Checked before the work starts. (The
    // plain counts come from a formula.)
    if credit == .shared || trust != nil {
      var twoPaths = 0.0
      for v in 0..<adj.nodeCount {
        let inDegree =
          adj.isDirected
          ? adj.inOffsets[v + 1] - adj.inOffsets[v] : adj.outOffsets[v + 1] - adj.outOffsets[v]
        twoPaths += Double(inDegree) * Double(adj.outOffsets[v + 1] - adj.outOffsets[v])
      }
      let work = twoPaths * Double(1 + permutations)
      if work > maximumBrokerageWork {
        let fit = Int(maximumBrokerageWork / twoPaths) - 1
        let what =
          [credit == .shared ? "--partial-credit" : nil, trust != nil ? "--trust-weighted" : nil]
          .compactMap { $0 }.joined(separator: " and ")
          + (permutations > 0 ? " with --permutations \(permutations)" : "")
        throw UsageError(
          message:
            "\(what) on '\(path)' goes through its \(String(format: "%.3g", twoPaths)) two-paths\(permutations > 0 ? " once per permutation" : ""): \(String(format: "%.3g", work)) steps, over the limit of \(String(format: "%.0e", maximumBrokerageWork))\(permutations > 0 && fit >= 1 ? "; --permutations \(fit) fits" : "; without them the counts come from a formula, without going through the two-paths")"
        )
      }
    }
    let b = adj.brokerageRoles(
      groups: groups.groups, groupNames: groups.names, credit: credit, trust: trust)
    let pv =
      permutations > 0
      ? adj.brokeragePermutationPValues(
        groups: groups.groups, observed: b.raw, permutations: permutations, seed: seed,
        credit: credit, trust: trust,
        threads: try threadCount(p))
      : nil
    let roles = BrokerageRole.allCases.map(\.name)
    var columns = ["id", "label", "group"] + roles + ["total"]
    // The total is the same under every shuffle of the groups, so it gets no p-value.
    for r in roles + ["total"] where !countsOnly {
      columns += ["\(r)_expected", "\(r)_z"]
      if pv != nil && r != "total" { columns.append("\(r)_p") }
    }
    // Nodes without a group broker nothing here: they are left out of the table.
    let order = net.nodes.indices.filter { groups.groups[$0] >= 0 }.sorted {
      (b.raw[5][$0], net.nodes[$1].id) > (b.raw[5][$1], net.nodes[$0].id)
    }
    let rows: [[Cell]] = order.prefix(top).map { v in
      var row: [Cell] = [
        .text(net.nodes[v].id), .text(net.nodes[v].label),
        .text(groupName(groups.groups[v], groups.names)),
      ]
      row += (0..<6).map { Cell.number(b.raw[$0][v]) }
      for c in 0..<6 where !countsOnly {
        row += [.number(b.expected[c][v]), .number(b.z[c][v])]
        if let pv, c < 5 { row.append(.number(pv[c][v])) }
      }
      return row
    }
    var settings = [
      ("network", path), ("nodes", String(net.nodeCount)),
      ("directed", net.isDirected ? "yes" : "no"), ("group", attribute),
    ]
    // Without --trust-weighted the two-paths are counted: the trust, and so the merge rule of
    // parallel ties' trust, changes nothing, which the settings say.
    settings +=
      trust == nil
      ? selectionSettings(
        selection, network: net,
        weightNotRead: "two-paths are counted; --trust-weighted reads the trust")
      : selectionSettings(selection, network: net)
    settings.append(("partial credit", credit == .shared ? "1/k" : "none"))
    settings.append(
      (
        "two-path value",
        trust.map { "trust, \($0.rawValue) of the two ties (Opsahl and Panzarasa 2009)" } ?? "count"
      ))
    if permutations > 0 {
      settings += [
        (
          "permutations",
          "\(permutations) shuffles of the groups (p-values for the five roles; the total does not depend on the groups)"
        ),
        (
          "p-values",
          "(1 + the shuffles with a count at least the observed) / (1 + \(permutations)): the observed groups count as one shuffle, so the smallest p is \(human(1 / Double(permutations + 1)))"
        ), ("seed", String(seed)),
      ]
    }
    // With 1/k credit a brokered pair counts 1 in all, shared among its brokers, so the total
    // counts pairs, not two-paths; with trust it sums the two-paths' trust values.
    let totalCounted =
      switch (credit == .shared, trust != nil) {
      case (false, false): "open two-paths"
      case (true, false): "brokered pairs (each pair's credit of 1 shared among its brokers)"
      case (false, true): "trust over the open two-paths (each two-path's trust value)"
      case (true, true):
        "trust over the brokered pairs (each pair's credit shared among its brokers, times trust)"
      }
    settings.append(
      (
        "network total",
        "\(human(b.networkRaw[5])) \(totalCounted); expected \(human(b.networkExpected[5])); z \(human(b.networkZ[5]))"
      ))
    try emit(ResultTable(columns: columns, rows: rows, settings: settings), p, inputs: [path], &out)
  }
}
