import Brobyggare
import Foundation

let communitiesSpec = CommandSpec(
  name: "communities",
  abstract:
    "Louvain communities with modularity; participation and within-module z with their roles.",
  positionals: [netArgument],
  options: inputOptions + selectionOptions + [
    OptionSpec(
      name: "group", valueName: "attribute",
      help: "Use this node attribute's groups as the modules instead of detecting communities."),
    OptionSpec(
      name: "resolution", valueName: "gamma",
      help: "Modularity resolution (default: 1; larger finds smaller communities)."),
    OptionSpec(
      name: "seed", valueName: "n", help: "Seed for the order Louvain visits nodes in (default: 1)."
    ),
    OptionSpec(
      name: "weighted",
      help: "Read trust as tie weight for modularity and participation (default: every tie 1)."),
  ] + outputOptions + [oneThreadOption, helpOption],
  discussion: """
    Louvain (Blondel et al. 2008) on the undirected view: nodes move to the neighbouring
    community that raises modularity most; communities then merge into nodes, until modularity
    stops rising. The same seed gives the same communities. Modularity (networkx's and
    igraph's definition) is echoed with the settings, also for the groups of --group.
    Participation P = 1 - sum over modules of (k_is / k_i)^2 and within-module degree z
    (Guimera and Amaral 2005) per node; roles: hubs have z >= 2.5; non-hubs are
    ultra-peripheral (P <= 0.05), peripheral (<= 0.62), connector (<= 0.80) or kinless; hubs
    are provincial (P <= 0.30), connector (<= 0.75) or kinless. NaN where undefined (an
    isolate's P; z in a module whose members all have the same inside degree).
    """)

extension BrobyggareCommandLine {
  static func communities(_ p: ParsedArguments, _ out: inout Outcome) throws {
    let path = p.positionals[0]
    var resolution = 1.0
    if let r = p.value("resolution") {
      guard let v = parseDouble(r), v.isFinite, v > 0 else {
        throw UsageError(message: "--resolution takes a positive number, not '\(r)'")
      }
      resolution = v
    }
    let (_, seed) = try permutationOptions(p, default: 0, minimum: 0)
    // The seed orders Louvain's visits; the groups of --group are the modules as they are.
    if p.value("group") != nil && p.value("seed") != nil {
      throw UsageError(
        message:
          "--seed orders the nodes Louvain visits, and --group takes the groups as the modules without running Louvain, so the seed would change nothing; leave out one of them"
      )
    }
    _ = try tableFormat(p)
    let net = try readNetwork(path, p)
    noteNonRespondents(net, effect: nonRespondentEffectOnMeasures)
    let selection = try tieSelection(p, network: net)
    let weighted = p.flag("weighted")
    let adj = try net.adjacency(selection)
    var modules: [Int]
    var names: [String]
    var settings = [
      ("network", path), ("nodes", String(net.nodeCount)),
      ("directed", net.isDirected ? "yes" : "no"),
    ]
    // The selection's weight is what --weighted would read; without it every tie counts 1,
    // said in place of the weight (two lines, "weight: trust" and "tie weight: 1", read as a
    // contradiction).
    settings += selectionSettings(selection, network: net).map { name, value in
      name == "weight" && !weighted
        ? (
          name,
          value == unweightedSetting ? value : "none: every tie 1 (--weighted reads \(value))"
        )
        : (name, value)
    }
    // Louvain and modularity run on the undirected view (igraph's multilevel takes only an
    // undirected graph; networkx's louvain on a directed one uses directed modularity).
    if net.isDirected {
      settings.append(
        (
          "view",
          "undirected: a pair tied either way or both is one tie\(weighted ? ", the larger trust where both ways" : "") (networkx's modularity on the undirected graph; on a directed one networkx uses directed modularity)"
        ))
    }
    if let g = p.value("group") {
      if let a = try? net.groupAssignment(by: g), a.names.isEmpty {
        throw UsageError(
          message:
            "No node has a value for '\(g)', so there are no groups to take as modules; leave out --group to find communities"
        )
      }
      // Modules partition every node: those without a group form one module of their own.
      let groups = try groupsOrUsageError(
        net, g,
        ungroupedAre: (
          "it is a module of its own, '(no group)', for modularity and participation",
          "they form one module, '(no group)', for modularity and participation"
        ))
      names = groups.names
      if groups.groups.contains(-1) { names.append("(no group)") }
      modules = groups.groups.map { $0 >= 0 ? $0 : names.count - 1 }
      settings.append(("modules", "groups of '\(g)'"))
      settings.append(
        ("modularity", human(adj.modularity(modules, weighted: weighted, resolution: resolution))))
    } else {
      let c = adj.louvain(weighted: weighted, resolution: resolution, seed: seed)
      modules = c.membership
      names = (0..<c.count).map { String($0 + 1) }
      settings.append(("modules", "Louvain communities (seed \(seed))"))
      settings.append(("communities", String(c.count)))
      settings.append(("modularity", human(c.modularity)))
    }
    settings.append(("resolution", formatNumber(resolution)))
    let part = adj.moduleParticipation(modules: modules, weighted: weighted)
    let rows: [[Cell]] = net.nodes.indices.map { v in
      [
        .text(net.nodes[v].id), .text(net.nodes[v].label), .text(names[modules[v]]),
        .number(part.participation[v]), .number(part.withinModuleZ[v]),
        .text(part.roles[v]?.rawValue ?? ""),
      ]
    }
    let column = p.value("group") == nil ? "community" : "group"
    try emit(
      ResultTable(
        columns: ["id", "label", column, "participation", "within_module_z", "role"], rows: rows,
        settings: settings),
      p, inputs: [path], &out)
  }
}
