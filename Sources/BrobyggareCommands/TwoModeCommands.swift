import Brobyggare
import Foundation

let projectSpec = CommandSpec(
  name: "project",
  abstract: "Project a two-mode network (people by organisations or events) onto one mode.",
  positionals: [
    netArgument,
    ("OUT", "The projection to write; its extension picks the format (or give it with -o)."),
  ],
  options: inputOptions + [
    outputFileOption,
    OptionSpec(
      name: "layer", valueName: "layers",
      help:
        "The affiliation layers (comma-separated; a layer whose name has a comma, by its whole name; 'all' for every layer); default: the affiliation layers the network records or its kinds show (person to organisation), else every tie between the two modes."
    ),
    OptionSpec(
      name: "onto", valueName: "side",
      help:
        "people (tied by shared organisations) or organisations (tied by shared people) (default: people)."
    ),
    OptionSpec(
      name: "weight", valueName: "rule",
      help: "shared (the number shared) or newman (sum of 1/(members - 1)) (default: shared)."),
    oneThreadOption, helpOption,
  ],
  discussion: """
    People are the nodes whose kind is person; every other node (organisation, event) is the
    other mode. Ties within a mode are left out and counted. The projection's ties carry the
    weight as 'weight' and the count as 'shared' (networkx's weighted_projected_graph and
    collaboration_weighted_projected_graph; igraph's bipartite_projection multiplicity).
    """,
  optionalPositionals: 1)

let spannersSpec = CommandSpec(
  name: "spanners",
  abstract: "People affiliated with organisations in different sectors: boundary spanners.",
  positionals: [netArgument],
  options: inputOptions + [
    OptionSpec(
      name: "layer", valueName: "layers",
      help:
        "The affiliation layers (comma-separated; a layer whose name has a comma, by its whole name; 'all' for every layer); default: the affiliation layers the network records or its kinds show (person to organisation), else every tie between the two modes."
    ),
    OptionSpec(
      name: "sector", valueName: "attribute",
      help: "The organisations' attribute that gives their sector (default: sector)."),
    OptionSpec(name: "spanners-only", help: "List only the boundary spanners."),
  ] + outputOptions + [oneThreadOption, helpOption],
  discussion:
    "One row per person, boundary spanners first (most sectors, then most affiliations), then by input order."
)

extension BrobyggareCommandLine {
  static func requirePeople(_ net: Network) throws {
    guard net.nodes.contains(where: { $0.kind == .person }) else {
      throw UsageError(
        message:
          "No node has kind 'person'; a two-mode network needs a 'kind' attribute with people marked 'person'"
      )
    }
  }

  /// Notes the nodes without a kind that the selected ties join to people: they are read as
  /// the other mode (organisations, events), which a nominated person without a kind is not.
  static func noteKindlessAsOtherMode(_ net: Network, layers: Set<String>?) {
    var kindless = Set<Int>()
    for tie in net.ties where !tie.isSelfLoop {
      if let layers, !layers.contains(tie.layer ?? "") { continue }
      for (a, b) in [(tie.source, tie.target), (tie.target, tie.source)]
      where net.nodes[a].kind == .person && net.nodes[b].attributes["kind"] == nil {
        kindless.insert(b)
      }
    }
    guard !kindless.isEmpty else { return }
    let ids = kindless.sorted().prefix(3).map { "'\(net.nodes[$0].id)'" }
    note(
      "\(kindless.count) \(kindless.count == 1 ? "node has" : "nodes have") no kind and \(kindless.count == 1 ? "is" : "are") tied to people in the layers read (\(ids.joined(separator: ", "))\(kindless.count > 3 ? ", ..." : "")): read as the other mode (organisations, events), not as people; give \(kindless.count == 1 ? "it" : "them") a kind"
    )
  }

  /// The layers a two-mode command reads: `--layer`, else the affiliation layers the network
  /// records or its kinds show (person-to-organisation collaboration ties are not
  /// affiliations), with a note; else every tie between the two modes.
  static func affiliationSelection(_ p: ParsedArguments, network: Network) throws -> Set<String>? {
    if p.value("layer") != nil { return try selectedLayers(p, network: network) }
    let affiliation = network.affiliationLayers
    guard !affiliation.layers.isEmpty, affiliation.layers.count < network.layers.count else {
      return nil
    }
    note(
      "read the affiliation layers \(affiliation.layers.map { "'\($0)'" }.joined(separator: ", ")) only\(affiliation.declared ? "" : " (found from the nodes' kinds)"); other person-to-organisation ties are not affiliations; --layer all reads every tie between the two modes"
    )
    return Set(affiliation.layers)
  }

  static func project(_ p: ParsedArguments, _ out: inout Outcome) throws {
    let (input, output) = (p.positionals[0], try outputFile(p, projectSpec))
    guard let format = NetworkFormat(path: output) else {
      throw UsageError(
        message:
          "Cannot tell the output format from '\(output)'; expected \(NetworkFormat.extensionList)")
    }
    let side: TwoMode.Side = try choice(p, "onto", default: .people)
    let weight: TwoMode.Weight = try choice(p, "weight", default: .shared)
    let net = try readNetwork(input, p)
    try requirePeople(net)
    // --weight here is the projection's rule, not a tie attribute: only --layer selects ties.
    let layers = try affiliationSelection(p, network: net)
    noteKindlessAsOtherMode(net, layers: layers)
    let projection = try net.projection(
      onto: side, weight: weight, selection: TieSelection(layers: layers))
    // The file says how it was made: its weights are the projection's (shared affiliations or
    // Newman's), read as the trust by every command, which a month later no one may recall.
    var projected = projection.network
    for (name, value) in [
      ("projection_of", input), ("projection_onto", side.rawValue),
      ("projection_weight", weight.rawValue),
      ("projection_layers", layers.map { $0.sorted().joined(separator: ",") } ?? "all"),
    ] {
      projected.attributes[name] = .string(value)
      projected.networkAttributes.append(AttributeDeclaration(name: name, type: .string))
    }
    let files = try projected.serializedData(as: format, path: output)
    var inputs = [input]
    if let n = p.value("nodes") { inputs.append(n) }
    try writeOutput(files, inputs: inputs)
    for lost in projected.lostWhenWritten(as: format) { note("\(output): \(lost)") }
    out.stderr +=
      "# network: \(input); onto: \(side.rawValue); weight: \(weight.rawValue); layers: \(layers.map { $0.sorted().joined(separator: ",") } ?? "all")\n"
    out.stderr +=
      "wrote \(files.map(\.path).joined(separator: " and ")): \(counted(projection.network.nodeCount, "node")), \(counted(projection.network.tieCount, "tie"))"
    out.stderr +=
      projection.sameModeTies > 0
      ? "; \(projection.sameModeTies) ties within a mode left out\n" : "\n"
  }

  static func spanners(_ p: ParsedArguments, _ out: inout Outcome) throws {
    let input = p.positionals[0]
    _ = try tableFormat(p)
    let net = try readNetwork(input, p)
    try requirePeople(net)
    let attribute = p.value("sector") ?? "sector"
    let rows: [TwoMode.Spanning]
    let layers = try affiliationSelection(p, network: net)
    noteKindlessAsOtherMode(net, layers: layers)
    do {
      rows = try net.boundarySpanning(sector: attribute, selection: TieSelection(layers: layers))
    } catch let e as NetworkError {
      throw UsageError(message: e.description)
    }
    // Sectors are read as groups are (trimmed, missing spellings no sector, names alike in all
    // but case kept apart): said as the group measures say it, since a sector spelled two ways
    // makes a boundary spanner of its own.
    let assignment = try? net.groupAssignment(by: attribute)
    if let a = assignment {
      // Organisations without a sector are said below, with whom they touch.
      noteGroupValues(a, nodeCount: net.nodeCount, leftOutOf: nil)
      noteSimilarGroups(a.similarNames, attribute: attribute)
    }
    // Organisations without a sector are no sector: said, with whom it touches.
    let touched = rows.filter { $0.unknownSectors > 0 }
    if !touched.isEmpty, let a = assignment {
      let person = Set(rows.map(\.node))
      let without = net.nodes.indices.filter { !person.contains($0) && a.groups[$0] < 0 }
      note(
        "\(without.count) \(without.count == 1 ? "organisation has" : "organisations have") no '\(attribute)' (\(without.prefix(3).map { "'\(net.nodes[$0].id)'" }.joined(separator: ", "))\(without.count > 3 ? ", ..." : "")): \(touched.count) \(touched.count == 1 ? "person is" : "people are") affiliated with one, and their sectors count only the organisations that have a sector"
      )
    }
    let ordered = rows.enumerated().sorted {
      (
        $1.element.isBoundarySpanner ? 1 : 0, $1.element.sectors.count, $1.element.affiliations,
        $0.offset
      )
        < (
          $0.element.isBoundarySpanner ? 1 : 0, $0.element.sectors.count, $0.element.affiliations,
          $1.offset
        )
    }.map(\.element).filter { !p.flag("spanners-only") || $0.isBoundarySpanner }
    let table = ResultTable(
      columns: ["id", "label", "affiliations", "sectors", "sector_list", "boundary_spanner"],
      rows: ordered.map { s in
        [
          .text(net.nodes[s.node].id), .text(net.nodes[s.node].label), .integer(s.affiliations),
          .integer(s.sectors.count),
          .text(s.sectors.joined(separator: "; ")), .boolean(s.isBoundarySpanner),
        ]
      },
      settings: [
        ("network", input), ("sector", attribute),
        ("layers", layers.map { $0.sorted().joined(separator: ",") } ?? "all"),
        ("boundary spanners", String(rows.filter(\.isBoundarySpanner).count)),
      ])
    try emit(table, p, inputs: [input], &out)
  }
}
