import Brobyggare
import Foundation

let summarySpec = CommandSpec(
  name: "summary", abstract: "Many networks side by side, one row each: size, density, centralization, Krackhardt's hierarchy and more.",
  positionals: [("NET", "Network files or shipped datasets (areas, waves), each one row; see 'brobyggare formats'.")],
  options: inputOptions + selectionOptions + [
    OptionSpec(name: "group", valueName: "attribute", help: "A node attribute defining groups: adds the E-I index and its expected value under random mixing."),
  ] + outputOptions + [threadsOption, helpOption],
  discussion: """
    One row per network, the same columns for each, on the simple graph of the selected ties
    (trust is not used): nodes, ties, direction, density, reciprocity, transitivity (networkx's
    transitivity undirected; sna's gtrans weak directed), mean distance and diameter over the
    pairs that reach each other (igraph's mean_distance and diameter, unconnected = TRUE), weak
    components, Freeman's centralization of degree, betweenness and closeness (sna's
    centralization, with sna's closeness: 0 for a node that does not reach everyone), and
    Krackhardt's connectedness, hierarchy, efficiency and LUBness (sna's connectedness,
    hierarchy(measure = "krackhardt"), efficiency and lubness). Where a node table says who
    answered (a boolean 'respondent' attribute, as 'interviews' writes it), the number who did
    not is counted. With --group, the E-I index and its expected value.
    """, repeatsLastPositional: true)

extension BrobyggareCommandLine {
  static func summary(_ p: ParsedArguments, _ out: inout Outcome) throws {
    _ = try tableFormat(p)
    let threads = try threadCount(p)
    let group = p.value("group")
    var rows: [[Cell]] = []
    var selections: [String] = []
    var refusedLUB: [String] = []
    for path in p.positionals {
      let net = try readNetwork(path, p)
      let selection = try tieSelection(p, network: net)
      // Only the layers matter here: weights and merging do not enter a count of ties.
      selections.append(describe(selection, network: net).components(separatedBy: "; ").filter { !$0.hasPrefix("weight") && !$0.hasPrefix("merge") }.joined(separator: "; "))
      let adj = try net.adjacency(selection)
      // One breadth-first pass from every node gives both closeness and the distances.
      let totals = adj.breadthFirstTotals()
      let c = adj.centralization(threads: threads, totals: totals)
      let k = adj.krackhardtHierarchy
      if k.lubnessRefused { refusedLUB.append(path) }
      let d = adj.distanceSummary(totals)
      let answered = net.nodes.compactMap { n -> Bool? in if case .boolean(let b)? = n.attributes["respondent"] { return b }; return nil }
      var row: [Cell] = [
        .text(path), .integer(net.nodeCount), .integer(adj.tieCount), .text(net.isDirected ? "directed" : "undirected"),
        .number(adj.density), .number(adj.reciprocity), .number(adj.transitivity), .number(d.meanDistance), .integer(d.diameter),
        .integer(adj.weakComponents.count), .number(c.degree), .number(c.betweenness), .number(c.closeness),
        .number(k.connectedness), .number(k.hierarchy), .number(k.efficiency), .number(k.lubness),
        answered.isEmpty ? .text("") : .integer(answered.filter { !$0 }.count),
      ]
      if let group {
        let (g, names) = try groupsOrUsageError(net, group)
        let ei = adj.eiIndex(groups: g, groupCount: names.count, threads: threads)
        row += [.number(ei.network), .number(ei.networkExpected)]
      }
      rows.append(row)
    }
    var columns = ["network", "nodes", "ties", "direction", "density", "reciprocity", "transitivity", "mean_distance", "diameter",
                   "components", "centralization_degree", "centralization_betweenness", "centralization_closeness",
                   "connectedness", "hierarchy", "efficiency", "lubness", "non_respondents"]
    if group != nil { columns += ["ei", "ei_expected"] }
    // Each network's own selection, said once when they agree.
    let analysed = Set(selections).count == 1 ? selections[0] : zip(p.positionals, selections).map { "\($0): \($1)" }.joined(separator: "; ")
    var settings: [(String, String)] = [("networks", String(p.positionals.count)), ("analysed", analysed), ("ties", "each counts 1; trust and weights are not used")]
    if let group { settings.append(("group", group)) }
    if !refusedLUB.isEmpty {
      note("LUBness is left empty for \(refusedLUB.joined(separator: ", ")): a component is too large for its O(n⁴/64) work (more than about 1,500 nodes)")
    }
    try emit(ResultTable(columns: columns, rows: rows, settings: settings), p, inputs: p.positionals, &out)
  }
}
