import Brobyggare
import Foundation

let groupsSpec = CommandSpec(
  name: "groups",
  abstract: "The boundaries between groups: E-I indices and group-by-group tie matrices.",
  positionals: [netArgument],
  options: inputOptions + selectionOptions + [
    OptionSpec(
      name: "group", valueName: "attribute",
      help: "The node attribute that defines the groups. Required.", required: true),
    OptionSpec(
      name: "permutations", valueName: "n",
      help: "Permutation test of the network E-I index with n shuffles (default: 1000)."),
    OptionSpec(name: "seed", valueName: "n", help: "Seed for the permutations (default: 1)."),
  ] + outputOptions + [threadsOption, helpOption],
  discussion: """
    One row per ordered pair of groups (from, to): ties, density, mean trust and reciprocity,
    then each group's E-I index and the value its size would give at random
    (Krackhardt and Stern 1988). The network's E-I index, its expected value and permutation
    p-values go with the settings (stderr, or JSON metadata). from_ei_index is the from
    group's (E - I) / (E + I) over every tie that touches it, sent and received, each arc once;
    from_ei_expected is the same over the pairs that touch it: n_g(n_g - 1) ordered pairs
    within and 2 n_g (N - n_g) across on a directed network (half of each on an undirected
    one). The permutation p-values are (1 + k) / (1 + shuffles): never 0.
    """)

extension BrobyggareCommandLine {
  static func groups(_ p: ParsedArguments, _ out: inout Outcome) throws {
    let path = p.positionals[0]
    guard let attribute = p.value("group") else {
      throw UsageError(
        message: "Missing expected option '--group <attribute>'", command: groupsSpec)
    }
    let (permutations, seed) = try permutationOptions(p, default: 1000, minimum: 0)
    _ = try tableFormat(p)
    let net = try readNetwork(path, p)
    noteNonRespondents(net, effect: nonRespondentEffectOnGroups)
    let selection = try tieSelection(p, network: net)
    let (g, names) = try groupsOrUsageError(net, attribute, selection: selection)
    let adj = try net.adjacency(selection)
    let m = adj.groupMatrices(groups: g, names: names)
    noteUndirectedReciprocity(net, path)
    noteReconstructedPairs(net, path)
    let ei = adj.eiIndex(
      groups: g, groupCount: names.count, permutations: permutations, seed: seed,
      threads: try threadCount(p))
    var rows: [[Cell]] = []
    for a in names.indices {
      for b in names.indices {
        rows.append([
          .text(names[a]), .text(names[b]), .integer(m.sizes[a]), .integer(m.sizes[b]),
          .integer(m.ties[a][b]),
          .number(m.density[a][b]), .number(m.meanTrust[a][b]), .number(m.reciprocity[a][b]),
          .number(ei.groups[a]), .number(ei.groupsExpected[a]),
        ])
      }
    }
    var settings = [
      ("network", path), ("nodes", String(net.nodeCount)),
      ("directed", net.isDirected ? "yes" : "no"), ("group", attribute),
    ]
    settings += selectionSettings(selection, network: net)
    settings.append(("network E-I", human(ei.network)))
    settings.append(("expected E-I", human(ei.networkExpected)))
    if let pg = ei.pGreater, let pl = ei.pLess {
      settings += [
        ("p(E-I >= observed)", human(pg)), ("p(E-I <= observed)", human(pl)),
        (
          "p-values",
          "(1 + the shuffles at least, or at most, the observed) / (1 + \(permutations)): the observed groups count as one shuffle, so the smallest p is \(human(1 / Double(permutations + 1)))"
        ),
        ("permutations", String(permutations)), ("seed", String(seed)),
      ]
    }
    let table = ResultTable(
      columns: [
        "from_group", "to_group", "from_size", "to_size", "ties", "density", "mean_trust",
        "reciprocity", "from_ei_index", "from_ei_expected",
      ],
      rows: rows, settings: settings)
    try emit(table, p, inputs: [path], &out)
  }
}
