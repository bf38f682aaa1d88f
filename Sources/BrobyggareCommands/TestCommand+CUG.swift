import Brobyggare
import Foundation

extension BrobyggareCommandLine {
  /// The options of `test --cug` alone.
  static let cugOptions: [OptionSpec] = [
    OptionSpec(
      name: "cug", valueName: "statistics",
      help:
        "Conditional uniform graph tests of these statistics (comma-separated, or 'all'): \(CUGStatistic.names.joined(separator: ", ")). 'ei' needs --group, 'betweenness_rank' --node; reciprocity is edgewise (the share of ties returned; sna's grecip gives the dyadic by default)."
    ),
    OptionSpec(
      name: "condition", valueName: "condition",
      help:
        "What the random graphs keep: size (the nodes; each tie with probability 1/2), ties (the number of ties) or dyads (the dyad census; on an undirected network the same as ties). Default: ties."
    ),
    OptionSpec(
      name: "node", valueName: "id",
      help: "The node (id or label) whose betweenness rank 'betweenness_rank' tests."),
  ]

  /// Options `test --cug` shares with the other tests of `test` (each command lists them once).
  static let cugSharedOptions: [OptionSpec] = [
    OptionSpec(
      name: "permutations", valueName: "n",
      help:
        "Random graphs drawn (default: 1000; up to 1,000,000, and no more than the work limit allows: the message names the most that fit)."
    ),
    OptionSpec(
      name: "seed", valueName: "n",
      help:
        "Seed for the random graphs (default: 1). The same seed gives the same output for any --threads."
    ),
    OptionSpec(
      name: "group", valueName: "attribute",
      help:
        "A node attribute defining groups, for the E-I index ('ei'); the groups stay on their nodes."
    ),
  ]

  static let cugDiscussion = """
    With --cug: conditional uniform graph tests (Anderson, Butts and Carley 1999; R's sna
    cug.test). Each statistic, on the simple graph of the selected ties (trust is not used), is
    compared with its values on random graphs with the same nodes and direction, drawn
    uniformly among those with the same size, number of ties, or dyad census (--condition).
    One row per statistic: observed, the draws' mean and standard deviation, z = (observed -
    mean) / sd (NaN when every draw gives the same value), and the shares of draws at least
    and at most the observed value (sna's pgteobs and plteobs). All statistics share the same
    draws; draw k is seeded from --seed and k alone. Work is --permutations times the cost of
    the statistics on one graph (n² under size, n·(n + m) for betweenness and closeness),
    refused beyond 2e10 steps.
    """

  /// `test NET --cug ...`: one row per statistic.
  static func testCUG(_ p: ParsedArguments, _ out: inout Outcome) throws {
    _ = try tableFormat(p)
    guard let list = p.value("cug") else {
      throw UsageError(
        message:
          "Missing expected option '--cug <statistics>' (\(CUGStatistic.names.joined(separator: ", ")), or 'all')"
      )
    }
    let condition = try cugCondition(p.value("condition"), option: "condition") ?? .ties
    let (draws, seed) = try permutationOptions(p, default: 1000, minimum: 1)
    let threads = try threadCount(p)
    let path = p.positionals[0]
    let net = try readNetwork(path, p)
    let selection = try tieSelection(p, network: net, readsTrust: false)
    noteNonRespondents(
      net,
      effect:
        "the random graphs draw every node's ties alike, so the network is compared with graphs that have no such gaps\(net.isDirected ? " (reciprocity and out-degree most of all)" : "")"
    )

    var names = list.split(separator: ",", omittingEmptySubsequences: false).map {
      trimmingSpaces(String($0))
    }
    if names == ["all"] {
      names = CUGStatistic.names.filter {
        ($0 != "ei" || p.value("group") != nil)
          && ($0 != "betweenness_rank" || p.value("node") != nil)
      }
      let skipped =
        (p.value("group") == nil ? ["ei (needs --group)"] : [])
        + (p.value("node") == nil ? ["betweenness_rank (needs --node)"] : [])
      if !skipped.isEmpty { note("--cug all leaves out \(skipped.joined(separator: " and "))") }
    }
    var statistics: [CUGStatistic] = []
    for name in names {
      if name.isEmpty {
        throw UsageError(
          message:
            "--cug has an empty name in '\(list)'; give statistics separated by commas: \(CUGStatistic.names.joined(separator: ", "))"
        )
      }
      if statistics.contains(where: { $0.name == name }) {
        throw UsageError(message: "--cug names '\(name)' twice")
      }
      if let s = CUGStatistic(name: name) {
        statistics.append(s)
      } else if name == "ei" {
        guard let group = p.value("group") else {
          throw UsageError(
            message:
              "--cug ei needs --group <attribute>, the node attribute whose groups the E-I index compares"
          )
        }
        let (g, groupNames) = try groupsOrUsageError(net, group)
        statistics.append(.eiIndex(groups: g, groupCount: groupNames.count))
      } else if name == "betweenness_rank" {
        guard let node = p.value("node") else {
          throw UsageError(
            message: "--cug betweenness_rank needs --node <id>, the node whose rank is tested")
        }
        statistics.append(.betweennessRank(node: try nodeIndex(node, in: net)))
      } else {
        throw UsageError(
          message:
            "Unknown statistic \(quotedName(name)) in --cug; expected \(CUGStatistic.names.joined(separator: ", ")) or 'all'\(didYouMean(closestMatches(to: name, among: CUGStatistic.names)))"
        )
      }
    }
    if p.value("node") != nil && !statistics.contains(where: { $0.name == "betweenness_rank" }) {
      throw UsageError(
        message: "--node names the node for 'betweenness_rank'; add it to --cug or leave out --node"
      )
    }
    if p.value("group") != nil && !statistics.contains(where: { $0.name == "ei" }) {
      throw UsageError(
        message: "--group defines the groups for 'ei'; add it to --cug or leave out --group")
    }

    // Random graphs tie any two nodes: on ties between two kinds of node (people to the
    // organisations or events they belong to) they are not the network's kind of graph.
    if net.nodes.contains(where: { $0.attributes["kind"] != nil }) {
      let crossing = net.ties.lazy.filter { selection.includes(layer: $0.layer) }.filter { t in
        // Kinds as written: events (Davis's women and events) are not a NodeKind.
        guard let a = net.nodes[t.source].attributes["kind"]?.description.lowercased(),
          let b = net.nodes[t.target].attributes["kind"]?.description.lowercased()
        else { return false }
        return a != b && (a == "person" || b == "person")
      }.count
      if crossing > 0 {
        note(
          "\(crossing) of the ties tested join a person to an organisation or event (two kinds of node), but the random graphs tie any two nodes: statistics such as transitivity are then compared with graphs of another kind (project the network first: 'brobyggare project')"
        )
      }
    }
    let adj = try net.adjacency(selection)
    if condition == .dyads && !adj.isDirected {
      note(
        "on an undirected network every tie is a mutual dyad: conditioning on the dyad census is conditioning on the number of ties"
      )
    }
    // sna's closeness is 0 for a node that does not reach every other: when none does, the
    // centralization is 0, which is no sign of equal closeness (as summary says).
    if statistics.contains(.centralizationCloseness) && adj.nodeCount > 1
      && !adj.breadthFirstTotals().reached.contains(adj.nodeCount)
    {
      note(
        "centralization_closeness is 0 here because no node reaches every other \(adj.isDirected ? "along the ties' direction " : "")(sna's closeness is 0 for such a node), not because closeness is equal; so is it in every random graph where no node does, and the test compares those zeros"
      )
    }
    let tests: [CUGTest]
    switch cugTests(
      adj, statistics, condition: condition, draws: draws, seed: seed, threads: threads)
    {
    case .success(let t): tests = t
    case .failure(let e):
      if e.arcsPerDraw > CUGWorkError.maximumArcsPerDraw {
        throw UsageError(message: "--condition \(condition.rawValue): \(e)")
      }
      throw UsageError(
        message: "--permutations \(draws): \(e)"
          + (e.feasibleDraws > 0 ? " (--permutations \(e.feasibleDraws))" : ""))
    }
    for t in tests where t.undefinedDraws > 0 && !t.observed.isNaN {
      note(
        "\(t.statistic) is undefined on \(t.undefinedDraws) of \(t.draws) random graphs (NaN there: no two-paths, say); its mean, sd and p-values are over the other \(t.draws - t.undefinedDraws)\(t.statistic == "transitivity" ? " (sna's cug.test with gtrans scores such a graph 1, which moves its mean and p-values toward 1)" : "")"
      )
    }
    for t in tests where fixedByCondition(t.statistic, condition, directed: adj.isDirected) {
      note(
        "\(t.statistic) is the same in every random graph that keeps \(conditionPhrase(condition)): z is NaN and both p-values are 1"
      )
    }
    let rows: [[Cell]] = tests.map {
      [
        .text($0.statistic), .number($0.observed), .number($0.mean), .number($0.standardDeviation),
        .number($0.z),
        .number($0.pGreaterEqual), .number($0.pLessEqual),
      ]
    }
    var settings = [
      ("network", path), ("nodes", String(net.nodeCount)), ("ties", String(adj.tieCount)),
      ("directed", net.isDirected ? "yes" : "no"),
    ]
    settings += selectionSettings(selection, network: net).filter {
      $0.0 == "layers" || $0.0 == "sign"
    }
    settings += [
      ("test", "conditional uniform graph (sna's cug.test)"),
      (
        "condition",
        "\(condition.rawValue): random graphs that keep \(conditionPhrase(condition)) (sna's cmode \"\(condition.snaName)\")"
      ),
      ("permutations", "\(draws) random graphs"), ("seed", String(seed)),
      ("ties counted", "each counts 1; trust and weights are not used"),
      (
        "p-values",
        "shares of the random graphs at least (p_greater_equal) and at most (p_less_equal) the observed value"
      ),
    ]
    if tests.contains(where: { $0.statistic == "reciprocity" }) {
      settings.append(("reciprocity", reciprocityMeaning))
    }
    if let g = p.value("group") { settings.append(("group", g)) }
    if let v = p.value("node") {
      settings.append(
        (
          "node",
          "\(v) (betweenness_rank: 1 is the highest betweenness; a small p_less_equal says the node ranks higher than in the random graphs)"
        ))
    }
    let table = ResultTable(
      columns: ["statistic", "observed", "mean", "sd", "z", "p_greater_equal", "p_less_equal"],
      rows: rows, settings: settings)
    // The p-values are over the draws where the statistic is defined: the fewest of them
    // bounds every p of 0 (p < 1/k holds for each).
    table.noteZeroPValues(
      of: tests.map { $0.draws - $0.undefinedDraws }.min() ?? draws, "random graphs")
    try emit(table, p, inputs: [path], &out)
  }

  /// The tests, or the work error before any work.
  static func cugTests(
    _ adj: Adjacency, _ statistics: [CUGStatistic], condition: CUGCondition, draws: Int,
    seed: UInt64,
    threads: Int
  ) -> Result<[CUGTest], CUGWorkError> {
    do {
      return .success(
        try adj.cugTest(
          statistics, condition: condition, draws: draws, seed: seed, threads: threads))
    } catch {
      return .failure(error)
    }
  }

  /// A condition as --condition (or --cug-condition) names it; sna's names are taken too.
  static func cugCondition(_ value: String?, option: String) throws -> CUGCondition? {
    guard let value else { return nil }
    switch trimmingSpaces(value).lowercased() {
    case "size": return .size
    case "ties", "edges": return .ties
    case "dyads", "dyad.census", "dyad_census": return .dyads
    default:
      throw UsageError(message: "--\(option) takes size, ties or dyads, not \(quotedName(value))")
    }
  }

  /// What random graphs under a condition keep, for the settings and notes.
  static func conditionPhrase(_ c: CUGCondition) -> String {
    switch c {
    case .size: "the number of nodes (each tie present with probability 1/2)"
    case .ties: "the number of nodes and ties"
    case .dyads: "the number of nodes and the dyad census (mutual, asymmetric and null dyads)"
    }
  }

  /// Whether every random graph under `condition` has the observed value of a statistic:
  /// density when the ties are kept, reciprocity when the dyad census is, or on an undirected
  /// network.
  static func fixedByCondition(_ statistic: String, _ condition: CUGCondition, directed: Bool)
    -> Bool
  {
    switch statistic {
    case "density": condition != .size
    case "reciprocity": condition == .dyads || !directed
    default: false
    }
  }
}
