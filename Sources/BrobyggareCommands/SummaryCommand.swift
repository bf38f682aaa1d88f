import Brobyggare
import Foundation

let summarySpec = CommandSpec(
  name: "summary",
  abstract:
    "Many networks side by side, one row each: size, density, centralization, Krackhardt's hierarchy and more.",
  positionals: [
    (
      "NET",
      "Network files or shipped datasets (areas, waves), each one row; see 'brobyggare formats'."
    )
  ],
  options: inputOptions + selectionOptions + [
    OptionSpec(
      name: "group", valueName: "attribute",
      help:
        "A node attribute defining groups: adds the E-I index and its expected value under random mixing."
    ),
    OptionSpec(
      name: "cug-draws", valueName: "n",
      help:
        "Random graphs per network for the CUG z-scores (default: 200; 0 leaves the z-scores out). Work grows with n times the cost of the measures on one graph, bounded: the message names the most draws that fit."
    ),
    OptionSpec(
      name: "cug-condition", valueName: "condition",
      help:
        "What the random graphs keep: size (the nodes; each tie with probability 1/2), ties (the number of ties) or dyads (the dyad census). Default: ties."
    ),
    OptionSpec(
      name: "seed", valueName: "n",
      help:
        "Seed for the random graphs (default: 1). The same seed gives the same output for any --threads."
    ),
  ] + outputOptions + [threadsOption, helpOption],
  discussion: """
    One row per network, the same columns for each, on the simple graph of the selected ties
    (trust is not used): nodes, ties, direction, density, reciprocity (edgewise: the share of
    ties returned, sna's grecip(measure = "edgewise"); sna's default is dyadic), transitivity (networkx's
    transitivity undirected; sna's gtrans weak directed; NaN without a two-path, as igraph
    gives it, where gtrans gives 1 and networkx 0), mean distance and diameter over the
    pairs that reach each other (igraph's mean_distance and diameter, unconnected = TRUE), weak
    components, Freeman's centralization of degree, betweenness and closeness (sna's
    centralization, with sna's closeness: 0 for a node that does not reach everyone), and
    Krackhardt's connectedness, hierarchy, efficiency and LUBness (sna's connectedness,
    hierarchy(measure = "krackhardt"), efficiency and lubness). Where a node table says who
    answered (a boolean 'respondent' attribute, as 'interviews' writes it), the number who did
    not is counted. With --group, the E-I index and its expected value.

    Then each statistic's CUG z-score (z_transitivity, ...): (observed - mean) / sd over
    random graphs on the same nodes with the same number of ties (--cug-condition), as R's sna
    cug.test draws them (Anderson, Butts and Carley 1999), so that networks of different
    sizes and densities can be compared. Density is the same in every random graph with the
    same ties, so z_density is given under --cug-condition size only; reciprocity is fixed by
    the dyad census, so z_reciprocity is left out under dyads. A z-score where every
    draw gives the same value is NaN. 'brobyggare test NET --cug ...' gives the p-values.
    """, repeatsLastPositional: true)

extension BrobyggareCommandLine {
  static func summary(_ p: ParsedArguments, _ out: inout Outcome) throws {
    _ = try tableFormat(p)
    let threads = try threadCount(p)
    let group = p.value("group")
    let condition = try cugCondition(p.value("cug-condition"), option: "cug-condition") ?? .ties
    let (draws, seed) = try permutationOptions(p, default: 200, minimum: 0, name: "cug-draws")
    let drawsGiven = p.value("cug-draws") != nil
    if draws == 0 {
      for o in ["cug-condition", "seed"] where p.value(o) != nil {
        throw UsageError(
          message:
            "--\(o) is for the CUG z-scores, which --cug-draws 0 leaves out: give draws, or leave --\(o) out"
        )
      }
    }
    // Every tie counts 1: a weight or a merging rule changes no column.
    for o in ["weight", "merge"] where p.value(o) != nil {
      throw UsageError(
        message:
          "--\(o) changes nothing here: summary counts each tie 1 (trust and weights are not used); leave it out"
      )
    }
    var plain: [CUGStatistic] = [
      .density, .reciprocity, .transitivity, .centralizationDegree, .centralizationBetweenness,
      .centralizationCloseness, .connectedness, .hierarchy, .efficiency, .lubness,
    ]
    if condition != .size { plain.removeAll { $0 == .density } }
    if condition == .dyads { plain.removeAll { $0 == .reciprocity } }
    if draws == 0 { plain = [] }
    var tooLarge: [(path: String, message: String)] = []
    var rows: [[Cell]] = []
    var selections: [String] = []
    var refusedLUB: [String] = []
    // Networks where some did not answer: one note for one network, one line for several.
    var silentIn: [(path: String, net: Network)] = []
    for path in p.positionals {
      let net = try readNetwork(path, p)
      // The columns count the simple graph: a file's self-loops and parallel ties (a mail
      // archive's repeated messages, say) are not ties here, which tieSelection's note says.
      let selection = try tieSelection(p, network: net, file: path, readsTrust: false)
      // Only the layers matter here: weights and merging do not enter a count of ties.
      selections.append(
        describe(selection, network: net).components(separatedBy: "; ").filter {
          !$0.hasPrefix("weight") && !$0.hasPrefix("merge")
        }.joined(separator: "; "))
      let adj = try net.adjacency(selection)
      // One breadth-first pass from every node gives both closeness and the distances.
      let totals = adj.breadthFirstTotals()
      let c = adj.centralization(threads: threads, totals: totals)
      let k = adj.krackhardtHierarchy
      if k.lubnessRefused { refusedLUB.append(path) }
      let d = adj.distanceSummary(totals)
      // sna's closeness is 0 for a node that does not reach every other: when none does, every
      // closeness is 0 and so is its centralization, which is then no sign of equality.
      if adj.nodeCount > 1 && !totals.reached.contains(adj.nodeCount) {
        note(
          "\(path): centralization_closeness is 0 because no node reaches every other \(net.isDirected ? "along the ties' direction " : "")(sna's closeness is 0 for such a node), not because closeness is equal; harmonic closeness ('metrics --measures harmonic') is defined there"
        )
      }
      let answered = net.nodes.compactMap { n -> Bool? in
        if let b = n.answered { return b }
        return nil
      }
      if nonRespondents(net) > 0 { silentIn.append((path, net)) }
      noteUndirectedReciprocity(net, path)
      noteReconstructedPairs(net, path)
      var row: [Cell] = [
        .text(path), .integer(net.nodeCount), .integer(adj.tieCount),
        .text(net.isDirected ? "directed" : "undirected"),
        .number(adj.density), .number(adj.reciprocity), .number(adj.transitivity),
        .number(d.meanDistance), .integer(d.diameter),
        .integer(adj.weakComponents.count), .number(c.degree), .number(c.betweenness),
        .number(c.closeness),
        .number(k.connectedness), .number(k.hierarchy), .number(k.efficiency), .number(k.lubness),
        answered.isEmpty ? .text("") : .integer(answered.filter { !$0 }.count),
      ]
      var statistics = plain
      if let group {
        let (g, names): ([Int], [String])
        do {
          (g, names) = try groupsOrUsageError(
            net, group, file: p.positionals.count > 1 ? path : nil)
        } catch let e as UsageError {
          // Several networks: say which one lacks the attribute.
          throw UsageError(message: "\(path): " + e.message)
        }
        let ei = adj.eiIndex(groups: g, groupCount: names.count, threads: threads)
        row += [.number(ei.network), .number(ei.networkExpected)]
        if draws > 0 { statistics.append(.eiIndex(groups: g, groupCount: names.count)) }
      }
      // LUBness left empty for a large component has no z-score either: its draws are not run.
      let lubAt = k.lubnessRefused ? statistics.firstIndex(of: .lubness) : nil
      if let lubAt { statistics.remove(at: lubAt) }
      let zStart = row.count
      if !statistics.isEmpty {
        switch cugTests(
          adj, statistics, condition: condition, draws: draws, seed: seed, threads: threads)
        {
        case .success(let tests):
          row += tests.map { .number($0.z) }
        case .failure(let e):
          // Asked for, the draws are refused. By default a network too large for them keeps
          // the rest of its row: first without LUBness (O(n⁴/64) a draw), then without any.
          let tooDense = e.arcsPerDraw > CUGWorkError.maximumArcsPerDraw
          if drawsGiven || tooDense && p.value("cug-condition") != nil {
            throw UsageError(
              message: tooDense
                ? "--cug-condition \(condition.rawValue) on \(path): \(e)"
                : "--cug-draws \(draws) on \(path): \(e)"
                  + (e.feasibleDraws > 0
                    ? " (--cug-draws \(e.feasibleDraws), or 0 to leave the z-scores out)"
                    : " (--cug-draws 0 leaves the z-scores out)"))
          }
          let cheaper = statistics.filter { $0 != .lubness }
          if case .success(let tests) = cugTests(
            adj, cheaper, condition: condition, draws: draws, seed: seed, threads: threads)
          {
            var z = tests.map { Cell.number($0.z) }
            if let at = statistics.firstIndex(of: .lubness) { z.insert(.text(""), at: at) }
            row += z
            tooLarge.append(
              (
                path,
                "z_lubness is left empty: \(draws) random graphs would pass the work limit (LUBness costs O(n⁴/64) a graph); \(e.feasibleDraws > 0 ? "--cug-draws \(e.feasibleDraws) fits every z-score" : "not even one draw fits every z-score")"
              ))
          } else {
            row += statistics.map { _ in .text("") }
            tooLarge.append(
              (
                path,
                "the CUG z-scores are left empty: \(tooDense ? "\(e)" : "\(draws) random graphs would pass the work limit; " + (e.feasibleDraws > 0 ? "--cug-draws \(e.feasibleDraws) fits" : "not even one draw fits"))"
              ))
          }
        }
      }
      if let lubAt { row.insert(.text(""), at: zStart + lubAt) }
      rows.append(row)
    }
    var columns = [
      "network", "nodes", "ties", "direction", "density", "reciprocity", "transitivity",
      "mean_distance", "diameter",
      "components", "centralization_degree", "centralization_betweenness",
      "centralization_closeness",
      "connectedness", "hierarchy", "efficiency", "lubness", "non_respondents",
    ]
    if group != nil { columns += ["ei", "ei_expected"] }
    if draws > 0 { columns += plain.map { "z_" + $0.name } + (group != nil ? ["z_ei"] : []) }
    // Each network's own selection, said once when they agree.
    let analysed =
      Set(selections).count == 1
      ? selections[0]
      : zip(p.positionals, selections).map { "\($0): \($1)" }.joined(separator: "; ")
    var settings: [(String, String)] = [
      ("networks", String(p.positionals.count)), ("analysed", analysed),
      ("ties", "each counts 1; trust and weights are not used"),
      ("reciprocity", reciprocityMeaning),
    ]
    if let group { settings.append(("group", group)) }
    if draws > 0 {
      let fixed =
        condition == .size
        ? ""
        : condition == .ties
          ? "; density is the same in every such graph and has no z-score"
          : "; density and reciprocity are the same in every such graph and have no z-score"
      settings.append(
        (
          "cug",
          "z = (observed - mean) / sd over \(draws) random graphs per network that keep \(conditionPhrase(condition)) (sna's cug.test, cmode \"\(condition.snaName)\"), seed \(seed)\(fixed)"
            + (tooLarge.isEmpty
              ? ""
              : "; not drawn for \(tooLarge.map(\.path).joined(separator: ", ")), whose z-scores are left empty where the notes say")
        ))
    } else {
      settings.append(("cug", "no z-scores (--cug-draws 0)"))
    }
    if silentIn.count == 1 {
      noteNonRespondents(
        silentIn[0].net, effect: nonRespondentEffectOnSummary, file: silentIn[0].path)
    } else if !silentIn.isEmpty {
      let counts = silentIn.map { "\($0.path) \(nonRespondents($0.net)) of \($0.net.nodeCount)" }
      note(
        "in \(silentIn.count) of \(p.positionals.count) networks some nodes did not answer (respondent = false; the non_respondents column: \(counts.joined(separator: ", "))): the ties they would have named are missing unless reconstructed; \(nonRespondentEffectOnSummary)"
      )
    }
    for (path, message) in tooLarge { note("\(path): \(message)") }
    if !refusedLUB.isEmpty {
      note(
        "LUBness is left empty for \(refusedLUB.joined(separator: ", ")): a component is too large for its O(n⁴/64) work (more than about 1,500 nodes)"
      )
    }
    try emit(
      ResultTable(columns: columns, rows: rows, settings: settings), p, inputs: p.positionals, &out)
  }
}
