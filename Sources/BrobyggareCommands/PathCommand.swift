import Brobyggare
import Foundation

let pathSpec = CommandSpec(
  name: "path",
  abstract:
    "The most-trusted path between two people, and whom each person reaches with enough trust.",
  positionals: [
    netArgument, ("FROM", "The id or label of the first person (optional with --threshold)."),
    ("TO", "The id or label of the second person."),
  ],
  options: inputOptions + selectionOptions + [
    OptionSpec(
      name: "threshold", valueName: "trust",
      help:
        "List whom FROM reaches with at least this trust (in (0, 1]); without FROM, count it for everyone."
    )
  ] + outputOptions + [threadsOption, helpOption],
  discussion: """
    Trust multiplies along a chain: if a trusts b at 0.8 and b trusts c at 0.5, trust reaches c
    at 0.4. The most-trusted path has the largest product of trust (the shortest path under
    -ln(trust)); trust must lie in (0, 1]. Paths follow tie direction on directed networks.
    With FROM and TO: one row per step. With FROM and --threshold: one row per person FROM
    reaches with at least that trust, best first. With --threshold alone: each person's trust
    reach, the number of others reached with at least that trust.
    """,
  optionalPositionals: 2)

extension BrobyggareCommandLine {
  static func path(_ p: ParsedArguments, _ out: inout Outcome) throws {
    // NET comes first; FROM and TO after it.
    guard let path = p.positionals.first else {
      throw UsageError(message: "Missing expected argument '<net>'", command: pathSpec)
    }
    let ends = Array(p.positionals.dropFirst())
    var threshold: Double?
    if let t = p.value("threshold") {
      guard let v = parseDouble(t), v > 0, v <= 1 else {
        throw UsageError(message: "--threshold takes a trust in (0, 1], not '\(t)'")
      }
      threshold = v
    }
    if ends.isEmpty && threshold == nil {
      throw UsageError(message: "Give FROM and TO, or --threshold <trust>", command: pathSpec)
    }
    if ends.count == 2 && threshold != nil {
      throw UsageError(message: "Give FROM TO, or FROM with --threshold, not both")
    }
    _ = try tableFormat(p)
    let net = try readNetwork(path, p)
    let selection = try tieSelection(p, network: net)
    let adj = try net.adjacency(selection)
    noteNonRespondents(
      net,
      effect:
        "a path through them runs only along the ties others named, and their own trust in others is unknown"
    )
    // Without trust every tie is trust 1: the most trusted path is one of the fewest steps,
    // and every path's trust is 1.
    if selection.weightAttribute == nil && !net.hasTrust {
      note(
        "\(path): no tie has a trust, so every tie counts as trust 1: the path found is one of the fewest steps, every path's trust is 1\(threshold == nil ? "" : ", and every node reached passes any threshold")"
      )
    }
    let index = try ends.map { try nodeIndex($0, in: net) }
    let ids = net.nodes.map(\.id)
    var settings = [
      ("network", path), ("nodes", String(net.nodeCount)),
      ("directed", net.isDirected ? "yes" : "no"),
    ]
    settings += selectionSettings(selection, network: net)
    settings.append(("path trust", "product of tie trust along the path (length -ln trust)"))
    do {
      if index.count == 2 {
        guard let route = try adj.trustTree(from: index[0], nodeIDs: ids).path(to: index[1]) else {
          // A respondent who did not answer named no one: in a directed network no path
          // starts there, which is the missing answer, not a finding.
          let silent =
            net.isDirected && net.nodes[index[0]].answered == false
            ? " ('\(ends[0])' did not answer, so no tie of theirs runs out)" : ""
          throw DataError(
            file: path,
            message:
              "no path runs from '\(ends[0])' to '\(ends[1])' along the selected ties\(silent)")
        }
        var cumulative = 1.0
        let rows: [[Cell]] = route.nodes.enumerated().map { k, v in
          if k > 0 { cumulative *= route.steps[k - 1] }
          return [
            .integer(k), .text(ids[v]), .text(net.nodes[v].label),
            k == 0 ? .text("") : .number(route.steps[k - 1]), .number(cumulative),
          ]
        }
        settings.append(("from", ends[0]))
        settings.append(("to", ends[1]))
        settings.append(("trust", human(route.trust)))
        try emit(
          ResultTable(
            columns: ["step", "id", "label", "tie_trust", "path_trust"], rows: rows,
            settings: settings), p, inputs: [path], &out)
      } else if index.count == 1 {
        let tree = try adj.trustTree(from: index[0], threshold: threshold!, nodeIDs: ids)
        let reached = (0..<net.nodeCount).filter { tree.parent[$0] >= 0 }
          .sorted { (tree.trust[$1], ids[$0]) < (tree.trust[$0], ids[$1]) }
        let rows: [[Cell]] = reached.map { v in
          let route = tree.path(to: v)!
          return [
            .text(ids[v]), .text(net.nodes[v].label), .number(tree.trust[v]),
            .integer(route.nodes.count - 1),
            .text(route.nodes.map { ids[$0] }.joined(separator: " > ")),
          ]
        }
        settings.append(("from", ends[0]))
        settings.append(("threshold", formatNumber(threshold!)))
        try emit(
          ResultTable(
            columns: ["id", "label", "trust", "steps", "path"], rows: rows, settings: settings), p,
          inputs: [path], &out)
      } else {
        let reach = try adj.trustReach(
          threshold: threshold!, nodeIDs: ids, threads: try threadCount(p))
        let rows: [[Cell]] = net.nodes.indices.map {
          [.text(ids[$0]), .text(net.nodes[$0].label), .integer(reach[$0])]
        }
        settings.append(("threshold", formatNumber(threshold!)))
        try emit(
          ResultTable(columns: ["id", "label", "trust_reach"], rows: rows, settings: settings), p,
          inputs: [path], &out)
      }
    } catch let e as DistanceError {
      throw distanceDataError(e, file: path, network: net, selection: selection)
    }
  }
}
