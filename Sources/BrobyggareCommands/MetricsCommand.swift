import Brobyggare
import Foundation

let metricNames = [
  "degree", "in_degree", "out_degree", "strength", "betweenness", "betweenness_normalized",
  "closeness", "harmonic", "articulation_point", "constraint", "effective_size", "efficiency",
  "hierarchy",
]

let groupMetricNames = ["betweenness_intergroup", "ei_index"]

/// Columns given only when asked for with --measures.
let extraMetricNames = ["bridging_coefficient", "bridging_centrality"]

/// The trust-to-distance transform of `--distance` (default: hops, every tie length 1).
func distanceOption(_ p: ParsedArguments) throws -> DistanceTransform {
  guard let d = p.value("distance") else { return .hops }
  guard let t = DistanceTransform(rawValue: d) else {
    throw UsageError(
      message: "Unknown distance '\(d)'; expected hops, reciprocal, negativeLog or raw")
  }
  return t
}

/// One note for each set of groups whose names differ only in case, spacing, punctuation or
/// diacritics (``GroupAssignment/similarNames``): they are kept apart.
func noteSimilarGroups(_ sets: [[String]], attribute: String, prefix: String = "") {
  for set in sets {
    note(
      "\(prefix)the groups \(set.map { "'\($0)'" }.joined(separator: ", ")) of '\(attribute)' differ only in case, spacing, punctuation, diacritics or how a number is written; they are kept apart (correct the data if they are one group)"
    )
  }
}

/// Notes what reading an attribute's values as groups did (``GroupAssignment``): values
/// written as missing, values trimmed, and the nodes without a value, left out of `leftOutOf`
/// (or what `ungroupedAre` says of them; no note on them when both are `nil`, for a caller
/// that says it itself); `prefix` begins each note (a predictor's name, say).
func noteGroupValues(
  _ a: GroupAssignment, nodeCount: Int, leftOutOf: String?, prefix: String = "",
  ungroupedAre: (one: String, many: String)? = nil
) {
  let attribute = a.attribute
  if !a.missingSpellings.isEmpty {
    note(
      "\(prefix)the values \(a.missingSpellings.map { "'\($0)'" }.joined(separator: ", ")) of '\(attribute)' are read as missing (no group), as R and spreadsheets write them"
    )
  }
  if a.trimmedValues > 0 {
    note(
      "\(prefix)\(a.trimmedValues) \(a.trimmedValues == 1 ? "value" : "values") of '\(attribute)' had spaces, tabs or line breaks around \(a.trimmedValues == 1 ? "it" : "them"), trimmed to make the groups (' x' and 'x' are one group)"
    )
  }
  if !a.unicodeForms.isEmpty {
    note(
      "\(prefix)\(FormatError.list(a.unicodeForms, quoted: true)) of '\(attribute)' \(a.unicodeForms.count == 1 ? "is" : "are each") written in two Unicode forms (a letter with its accent as one character and as two, as different systems write it), which read alike: one group each"
    )
  }
  let missing = a.ungrouped
  if missing > 0, ungroupedAre != nil || leftOutOf != nil {
    let fate =
      ungroupedAre.map { ": \(missing == 1 ? $0.one : $0.many)" }
      ?? " and \(missing == 1 ? "is" : "are") left out of \(leftOutOf!)"
    note(
      "\(prefix)\(missing) of \(nodeCount) nodes \(missing == 1 ? "has" : "have") no value for '\(attribute)'\(fate)"
    )
  }
}

/// The groups of a node attribute, or a usage error that lists the attributes there are.
/// Nodes without a group get −1 and are left out of group measures; notes on standard error
/// say how many, which names differ only in case, spacing or diacritics, and when there is
/// only one group.
///
/// `ungroupedAre` says what becomes of the nodes without a value where they are not simply
/// left out (`communities` makes them a module of their own). With a `selection` that leaves
/// out affiliation layers, organisations tied in those layers alone are not in the network
/// analysed, and are left out of the groups too (their sizes, densities and expected values
/// count the people analysed), with a note.
func groupsOrUsageError(
  _ net: Network, _ attribute: String, file: String? = nil,
  ungroupedAre: (one: String, many: String)? = nil,
  selection: TieSelection? = nil
) throws -> (groups: [Int], names: [String]) {
  // Where several networks are read (summary), each note names its network.
  let prefix = file.map { "\($0): " } ?? ""
  do {
    var a = try net.groupAssignment(by: attribute)
    noteGroupValues(
      a, nodeCount: net.nodeCount, leftOutOf: "the group measures", prefix: prefix,
      ungroupedAre: ungroupedAre)
    noteSimilarGroups(a.similarNames, attribute: attribute, prefix: prefix)
    if let selection, !selection.excludedLayers.isEmpty {
      var inAnalysis = [Bool](repeating: false, count: net.nodeCount)
      for tie in net.ties where selection.includes(layer: tie.layer) {
        inAnalysis[tie.source] = true
        inAnalysis[tie.target] = true
      }
      let outside = net.nodes.indices.filter {
        !inAnalysis[$0] && a.groups[$0] >= 0 && net.nodes[$0].attributes["kind"] != nil
          && net.nodes[$0].kind == .organisation
      }
      if !outside.isEmpty {
        for v in outside { a.groups[v] = -1 }
        note(
          "\(prefix)\(outside.count) \(outside.count == 1 ? "organisation" : "organisations") (kind organisation, the first: '\(net.nodes[outside[0]].id)') \(outside.count == 1 ? "is" : "are") tied only in the affiliation layers left out, so \(outside.count == 1 ? "it is" : "they are") not in the network analysed and \(outside.count == 1 ? "is" : "are") left out of the groups of '\(attribute)' (group sizes count those analysed); --layer all keeps \(outside.count == 1 ? "it" : "them")"
        )
        // A group of organisations alone is no group of the network analysed.
        let kept = Set(a.groups.filter { $0 >= 0 })
        if kept.count < a.names.count {
          let order = a.names.indices.filter { kept.contains($0) }
          var renumber = [Int](repeating: -1, count: a.names.count)
          for (i, g) in order.enumerated() { renumber[g] = i }
          a.names = order.map { a.names[$0] }
          a.groups = a.groups.map { $0 >= 0 ? renumber[$0] : -1 }
          a.similarNames = a.similarNames.map { $0.filter(a.names.contains) }.filter {
            $0.count > 1
          }
        }
      }
    }
    // Group measures compare pairs of groups: as many groups as nodes (an id given as the
    // group) makes that work grow with their square or cube and says nothing.
    if a.names.count > maximumGroups {
      throw UsageError(
        message:
          "'\(attribute)' has \(a.names.count) groups; group measures compare groups pair by pair, and take at most \(maximumGroups) (is '\(attribute)' an id?)"
      )
    }
    // Most nodes alone in their group (an age or an id read as groups): every tie crosses a
    // boundary, and E-I near 1 is the spelling, not a finding. Said at any size.
    let grouped = net.nodeCount - a.ungrouped
    let alone = a.sizes.filter { $0 == 1 }.count
    if grouped >= 3 && alone * 2 > grouped {
      note(
        "\(prefix)'\(attribute)' has \(a.names.count) groups for \(grouped) nodes: \(alone == grouped ? "every node is" : "\(alone) of the \(grouped) nodes are") a group of \(alone == grouped ? "its" : "their") own, so nearly every tie crosses a boundary"
      )
    }
    if a.names.count == 1 {
      note(
        "\(prefix)'\(attribute)' has one group ('\(a.names[0])'): there is nothing between groups to measure"
      )
    } else if a.names.isEmpty {
      note("\(prefix)no node has a value for '\(attribute)': there are no groups")
    }
    return (a.groups, a.names)
  } catch is NetworkError {
    // A packed network holds ids and labels alone: the groups are in the original file.
    if Notes.current?.packedSelection != nil {
      throw UsageError(
        message:
          "No node attribute is named '\(attribute)': a packed network (.bbn) holds the node ids and labels alone, no other attributes; read the original file (with --nodes if the groups are in a node table)"
      )
    }
    let names = Set(net.nodeAttributes.map(\.name) + net.nodes.flatMap { $0.attributes.keys })
      .sorted()
    throw UsageError(
      message:
        "No node attribute is named '\(attribute)' (the node attributes are: \(quotedNames(names)))\(didYouMean(closestMatches(to: attribute, among: names)))"
    )
  }
}

/// The most groups a group measure takes: 1,000 groups are a million group pairs.
let maximumGroups = 1000

/// The name of group `g`, or "" for a node without a group.
func groupName(_ g: Int, _ names: [String]) -> String { g >= 0 ? names[g] : "" }

let digitsOption = OptionSpec(
  name: "digits", valueName: "n",
  help:
    "Show numbers to n significant digits (default: every digit in csv, tsv and json; 4 in markdown and summaries)."
)

let outputOptions: [OptionSpec] = [
  OptionSpec(
    name: "format", valueName: "format",
    help:
      "csv, tsv, json, markdown or xlsx (default: csv, or what -o FILE's extension says: .tsv, .json, .md, .xlsx; xlsx needs -o)."
  ),
  OptionSpec(
    name: "excel",
    help:
      "For Excel with Swedish settings: semicolons, decimal commas, a byte-order mark; text that would start a formula behind a '."
  ),
  digitsOption,
  OptionSpec(
    name: "output", short: "o", valueName: "file",
    help: "Write to this file instead of standard output."),
]

let metricsSpec = CommandSpec(
  name: "metrics",
  abstract:
    "Degree, strength, betweenness, closeness, harmonic closeness and cut points, one row per node.",
  positionals: [netArgument],
  options: inputOptions + selectionOptions + [
    OptionSpec(
      name: "measures", valueName: "list",
      help:
        "Comma-separated columns (default: all): \(metricNames.joined(separator: ", ")); also \(extraMetricNames.joined(separator: ", "))."
    ),
    OptionSpec(
      name: "distance", valueName: "transform",
      help: "Trust to length for path measures: hops, reciprocal, negativeLog, raw (default: hops)."
    ),
    OptionSpec(
      name: "group", valueName: "attribute",
      help: "A node attribute defining groups; adds betweenness_intergroup and ei_index."),
    OptionSpec(
      name: "epsilon", valueName: "e",
      help:
        "Estimate betweenness from sampled paths to within e, for large networks: KADABRA's adaptive sampling (Borassi-Natale) on hops, Riondato-Kornaropoulos's fixed sample size on weighted distances."
    ),
    OptionSpec(
      name: "delta", valueName: "d",
      help: "With --epsilon: the guarantee holds with probability 1 - d (default: 0.1)."),
    OptionSpec(
      name: "seed", valueName: "n", help: "With --epsilon: the seed for the samples (default: 1)."),
    OptionSpec(
      name: "sort", valueName: "measure",
      help:
        "Rank the rows by this measure, highest first (lowest first for constraint and hierarchy); values within 1e-9 of each other (relative) tie, and ties go by id."
    ),
    OptionSpec(
      name: "top", valueName: "k",
      help:
        "Only the k highest rows by --sort; without --sort, by the first measure asked for (degree by default)."
    ),
    OptionSpec(
      name: "into", valueName: "file",
      help:
        "Write the network with every measure as a typed node attribute (for Gephi, yEd, Cytoscape): .graphml, .json, .dot or .csv. The table is then written only with -o."
    ),
    OptionSpec(
      name: "shard", valueName: "i/K",
      help:
        "Compute only the i-th (from 0) of K fixed blocks of sources, for \(shardMeasures.joined(separator: ", ")) (this one with --group, from the network file: a .bbn holds no node attributes), into -o part-i.bbs; 'brobyggare merge' adds the parts into this command's table. K at most \(maximumShards)."
    ),
  ] + outputOptions + [threadsOption, helpOption],
  discussion: """
    Betweenness counts each unordered pair once on undirected networks (as igraph and R's sna);
    betweenness_normalized divides by (n-1)(n-2) (directed) or (n-1)(n-2)/2 (undirected).
    Closeness runs along outgoing ties with the Wasserman-Faust correction for unreachable
    nodes (networkx's closeness_centrality on the reversed graph). Burt's constraint, effective
    size, efficiency and hierarchy read trust as a strength (p_ij from a_ij + a_ji); NaN for
    nodes without contacts (a node that only receives ties has contacts, as in igraph;
    networkx gives it NaN). Bridging centrality (Hwang et al. 2008) is betweenness times the
    bridging coefficient (1/d(v)) / sum of 1/d(u) over neighbours u, on request with --measures.
    Self-loops are ignored and parallel ties merged (--merge). With --group, ei_index is
    (E - I) / (E + I) over a node's ties to other groups (E) and its own (I), on a directed
    network sent and received, each arc once (a pair tied both ways counts twice).
    """)

func tableFormat(_ p: ParsedArguments) throws -> TableFormat {
  if p.flag("excel") {
    if let f = p.value("format") {
      throw UsageError(
        message: "--excel is a format of its own; give it or --format \(f), not both")
    }
    if let o = p.value("output"), (o as NSString).pathExtension.lowercased() == "xlsx" {
      throw UsageError(
        message:
          "--excel writes CSV text for Excel, and '\(o)' names a workbook; leave out --excel to write an Excel workbook"
      )
    }
    return .excel
  }
  guard let f = p.value("format") else {
    if let o = p.value("output") {
      switch (o as NSString).pathExtension.lowercased() {
      case "json": return .json
      case "tsv": return .tsv
      case "md": return .markdown
      case "xlsx": return .xlsx
      case let e
      where [
        "pdf", "svg", "png", "html", "graphml", "gexf", "gml", "dot", "net", "bbn", "bbs", "xls",
        "ods",
      ].contains(e):
        // A table is text or a workbook: CSV in results.pdf is a file its name belies.
        throw UsageError(
          message:
            "'\(o)' names a .\(e) file, and this command writes a table: name it .csv, .tsv, .json, .md or .xlsx (or give --format)"
        )
      default: return .csv
      }
    }
    return .csv
  }
  guard let t = TableFormat(rawValue: f) else {
    throw UsageError(message: "Unknown format '\(f)'; expected csv, tsv, json, markdown or xlsx")
  }
  // An output whose extension names another table format would hold text its name belies
  // (CSV in m.xlsx, which Excel then refuses).
  if let o = p.value("output") {
    let named: [String: TableFormat] = [
      "csv": .csv, "tsv": .tsv, "json": .json, "md": .markdown, "xlsx": .xlsx,
    ]
    if let e = named[(o as NSString).pathExtension.lowercased()], e != t {
      throw UsageError(
        message:
          "--format \(f) writes \(f == "xlsx" ? "a workbook" : f.uppercased() == "MARKDOWN" ? "Markdown" : f.uppercased()), but '\(o)' names \(e == .xlsx ? "a workbook" : "a .\((o as NSString).pathExtension) file"); leave out --format (the extension chooses) or name the file .\(f == "markdown" ? "md" : f)"
      )
    }
  }
  return t
}

func emit(
  _ table: ResultTable, _ p: ParsedArguments, inputs: [String],
  _ out: inout BrobyggareCommandLine.Outcome
) throws {
  let format = try tableFormat(p)
  if format == .xlsx {
    try emitWorkbook([(workbookSheetName(p), table)], p, inputs: inputs, &out)
    return
  }
  var text = table.render(format)
  if format != .json { out.stderr += table.settingsLine }
  // A Markdown file says its settings above the table (a CSV has no place for them; JSON and
  // workbooks hold them too).
  if format == .markdown && p.value("output") != nil && !table.settings.isEmpty {
    text = table.settingsParagraph + text
  }
  if format == .excel {
    note(
      "--excel: semicolons, decimal commas and a byte-order mark; text cells that begin with =, +, -, @, a tab or a carriage return are written behind a ' so that Excel does not run them as formulas"
    )
  }
  if let o = p.value("output") {
    try writeOutput([(o, text)], inputs: inputs)
  } else {
    out.stdout += text
  }
}

/// The sheet a command's table is written to: the command's name (`metrics`, `brokers`);
/// `merge` writes the table a single `metrics` run writes, byte for byte, so its sheet too.
func workbookSheetName(_ p: ParsedArguments) -> String {
  p.command == "merge" ? "metrics" : p.command
}

/// Writes tables as one workbook (`-o results.xlsx`), a sheet each, and a sheet `settings`
/// of the choices that made them; the settings are echoed on standard error as for the other
/// formats.
func emitWorkbook(
  _ tables: [(name: String, table: ResultTable)], _ p: ParsedArguments, inputs: [String],
  _ out: inout BrobyggareCommandLine.Outcome
) throws {
  guard let o = p.value("output") else {
    throw UsageError(
      message: "An Excel workbook is not text for a terminal; write it to a file with -o FILE.xlsx")
  }
  for (_, t) in tables { out.stderr += t.settingsLine }
  if tables.contains(where: { $0.table.hasUndefinedNumbers }) {
    note(
      "\(o): undefined (NaN) and infinite values are written as empty cells, which a spreadsheet has for no number"
    )
  }
  try writeOutput(
    [
      (
        path: o,
        data: try XLSXFormat.checkedWorkbook(
          tables.map { $0.table.workbookSheet(named: $0.name) }
            + [settingsSheet(tables.map { ($0.name, $0.table.settings) })].compactMap { $0 })
      )
    ], inputs: inputs)
}

/// The files a command read: NET and its node table.
func inputFiles(_ path: String, _ p: ParsedArguments) -> [String] {
  [path, p.value("nodes") ?? Network.companionNodeTable(for: path)]
}

/// `--into`: the network written back with each measure as a typed node attribute (integers,
/// doubles, booleans); an undefined value (NaN) is left missing rather than written as NaN.
func writeMeasures(
  into path: String, network: Network, measures: [String], columns: [String: [Cell]],
  inputs: [String],
  _ out: inout BrobyggareCommandLine.Outcome
) throws {
  guard let format = NetworkFormat(path: path) else {
    throw UsageError(
      message:
        "Cannot tell the format of '\(path)' from its extension; --into takes .graphml, .json, .dot or .csv"
    )
  }
  guard format != .edgelist else {
    throw UsageError(
      message: "An edge list holds no node attributes; --into takes .graphml, .json, .dot or .csv")
  }
  var net = network
  let replaced = measures.filter { m in
    net.nodeAttributes.contains { $0.name == m } || net.nodes.contains { $0.attributes[m] != nil }
  }
  if !replaced.isEmpty {
    note(
      "--into: replaced the node attributes \(replaced.map { "'\($0)'" }.joined(separator: ", ")) that the network had with the values computed now"
    )
  }
  for m in measures {
    let cells = columns[m]!
    let type: AttributeType =
      switch cells.first {
      case .integer: .integer
      case .boolean: .boolean
      case .text: .string
      default: .double
      }
    if let k = net.nodeAttributes.firstIndex(where: { $0.name == m }) {
      net.nodeAttributes[k] = AttributeDeclaration(name: m, type: type)
    } else {
      net.declareNodeAttribute(AttributeDeclaration(name: m, type: type))
    }
    for v in net.nodes.indices {
      let value: AttributeValue? =
        switch cells[v] {
        case .integer(let i): .integer(i)
        case .boolean(let b): .boolean(b)
        case .text(let s): .string(s)
        case .number(let d): d.isNaN ? nil : .double(d)
        }
      net.setNodeAttribute(m, value, at: v)
    }
  }
  let files = try net.serializedData(as: format, path: path)
  try writeOutput(files, inputs: inputs)
  for lost in net.lostWhenWritten(as: format) { note("\(path): \(lost)") }
  out.stderr +=
    "wrote \(files.map(\.path).joined(separator: " and ")): \(counted(net.nodeCount, "node")) with the node attributes \(measures.joined(separator: ", "))\n"
}

extension BrobyggareCommandLine {
  static func metrics(_ p: ParsedArguments, _ out: inout Outcome) throws {
    let path = p.positionals[0]
    let groupAttribute = p.value("group")
    let known = metricNames + groupMetricNames + extraMetricNames
    var measures = metricNames + (groupAttribute == nil ? [] : groupMetricNames)
    if let m = p.value("measures") {
      measures = m.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
        !$0.isEmpty
      }
      if measures.isEmpty {
        throw UsageError(
          message: "--measures names no measure; expected some of \(known.joined(separator: ", "))")
      }
      for name in measures where !known.contains(name) {
        throw UsageError(
          message:
            "Unknown measure '\(name)'; expected some of \(known.joined(separator: ", "))\(didYouMean(closestMatches(to: name, among: known)))"
        )
      }
      for name in measures where groupMetricNames.contains(name) && groupAttribute == nil {
        throw UsageError(message: "The measure '\(name)' needs groups: add --group <attribute>")
      }
    }
    let packed = try packedNetworkSettings(path, p)
    if let shard = p.value("shard") {
      try metricsShard(p, shard: shard, measures: measures, packed: packed, &out)
      return
    }
    var distance = try distanceOption(p)
    // A packed network's own transform, unless another is asked for.
    if p.value("distance") == nil, let d = packed?.distance { distance = d }
    _ = try tableFormat(p)
    let threads = try threadCount(p)
    var sortKey = p.value("sort")
    if let k = sortKey, !measures.contains(k) {
      throw UsageError(
        message:
          "--sort takes one of the measures asked for (\(measures.joined(separator: ", "))), not '\(k)'\(didYouMean(closestMatches(to: k, among: measures)))"
      )
    }
    let topGiven = try wholeNumber(p, "top")
    let top = topGiven ?? Int.max
    // The first k rows in input order would be an arbitrary choice: --top ranks.
    if topGiven != nil && sortKey == nil { sortKey = measures.first }
    var approximation: (epsilon: Double, delta: Double, seed: UInt64)?
    if let e = p.value("epsilon") {
      guard let eps = parseDouble(e), eps > 0, eps < 1 else {
        throw UsageError(message: "--epsilon takes a number in (0, 1), not '\(e)'")
      }
      var delta = 0.1
      if let d = p.value("delta") {
        guard let v = parseDouble(d), v > 0, v < 1 else {
          throw UsageError(message: "--delta takes a number in (0, 1), not '\(d)'")
        }
        delta = v
      }
      approximation = (eps, delta, try permutationOptions(p, default: 0, minimum: 0).seed)
    } else if p.value("delta") != nil || p.value("seed") != nil {
      throw UsageError(message: "--delta and --seed go with --epsilon")
    }
    // --epsilon estimates betweenness: without it among the measures it would do nothing,
    // and the settings would still describe an estimate.
    // (Bridging centrality is betweenness times the bridging coefficient: estimated too.)
    if approximation != nil,
      !measures.contains(where: {
        ["betweenness", "betweenness_normalized", "bridging_centrality"].contains($0)
      })
    {
      throw UsageError(
        message:
          "--epsilon estimates betweenness, and the measures asked for (\(measures.joined(separator: ", "))) do not use it: add betweenness (or bridging_centrality) to --measures, or leave out --epsilon"
      )
    }
    // --into writes every node into the network; --top picks rows of the table, which is
    // then written only with -o.
    if topGiven != nil, p.value("into") != nil, p.value("output") == nil {
      throw UsageError(
        message:
          "--top picks rows of the table, and --into writes every node into the network (the table is written only with -o): add -o for the table's top rows, or leave out --top"
      )
    }
    var approximateSamples = 0
    var approximateBound = 0
    var approximateWasExact = false
    var approximateWasAdaptive = false
    let net = try readNetwork(path, p)
    noteNonRespondents(net, effect: nonRespondentEffectOnMeasures)
    let selection = try tieSelection(p, network: net)
    let adj = try net.adjacency(selection)
    let needsPaths = measures.contains {
      [
        "betweenness", "betweenness_normalized", "closeness", "harmonic", "betweenness_intergroup",
        "bridging_centrality",
      ].contains($0)
    }
    var lengths: ArcLengths?
    if needsPaths {
      do {
        lengths = try ArcLengths(adj, transform: distance, nodeIDs: net.nodes.map(\.id))
      } catch {
        throw distanceDataError(error, file: path, network: net, selection: selection)
      }
    }
    var columns: [String: [Cell]] = [:]
    let wanted = Set(measures)
    if !wanted.isDisjoint(with: ["degree", "in_degree", "out_degree", "strength"]) {
      let d = adj.degrees
      columns["degree"] = d.degree.map(Cell.integer)
      columns["in_degree"] = d.inDegree.map(Cell.integer)
      columns["out_degree"] = d.outDegree.map(Cell.integer)
      columns["strength"] = d.strength.map(Cell.number)
    }
    if !wanted.isDisjoint(with: [
      "betweenness", "betweenness_normalized", "bridging_coefficient", "bridging_centrality",
    ]) {
      var b = [Double](repeating: .nan, count: adj.nodeCount)
      if let lengths, let a = approximation {
        // Unweighted: KADABRA's adaptive stopping; weighted: the fixed sample size.
        let estimate =
          lengths.lengths == nil
          ? adj.adaptiveBetweenness(
            epsilon: a.epsilon, delta: a.delta, seed: a.seed, threads: threads)
          : adj.approximateBetweenness(
            epsilon: a.epsilon, delta: a.delta, lengths: lengths, seed: a.seed, threads: threads)
        b = estimate.betweenness
        approximateSamples = estimate.samples
        approximateBound = estimate.sampleBound
        approximateWasExact = estimate.isExact
        approximateWasAdaptive = estimate.isAdaptive
      } else if let lengths {
        b = adj.betweenness(lengths: lengths, threads: threads)
      }
      columns["betweenness"] = b.map(Cell.number)
      columns["betweenness_normalized"] = normalizedBetweenness(b, directed: adj.isDirected).map(
        Cell.number)
      let bridging = adj.bridgingCentrality(betweenness: b)
      columns["bridging_coefficient"] = bridging.coefficient.map(Cell.number)
      columns["bridging_centrality"] = bridging.centrality.map(Cell.number)
    }
    if wanted.contains("closeness") || wanted.contains("harmonic") {
      let c = adj.closenessAndHarmonic(lengths: lengths!, threads: threads)
      columns["closeness"] = c.closeness.map(Cell.number)
      columns["harmonic"] = c.harmonic.map(Cell.number)
    }
    if !wanted.isDisjoint(with: ["constraint", "effective_size", "efficiency", "hierarchy"]) {
      let h = adj.structuralHoles(weighted: true)
      columns["constraint"] = h.constraint.map(Cell.number)
      columns["effective_size"] = h.effectiveSize.map(Cell.number)
      columns["efficiency"] = h.efficiency.map(Cell.number)
      columns["hierarchy"] = h.hierarchy.map(Cell.number)
    }
    if let groupAttribute, !wanted.isDisjoint(with: groupMetricNames) {
      let (g, names) = try groupsOrUsageError(net, groupAttribute, selection: selection)
      if wanted.contains("betweenness_intergroup") {
        columns["betweenness_intergroup"] = adj.intergroupBetweenness(
          groups: g, lengths: lengths!, threads: threads
        ).map(Cell.number)
      }
      if wanted.contains("ei_index") {
        columns["ei_index"] = adj.eiIndex(groups: g, groupCount: names.count).nodes.map(Cell.number)
      }
    }
    if wanted.contains("articulation_point") {
      columns["articulation_point"] = adj.cutStructure.isArticulationPoint.map(Cell.boolean)
    }
    var order = Array(net.nodes.indices)
    if let key = sortKey {
      // Lower is more of a broker for constraint and hierarchy; NaN and missing values go last.
      let lowFirst = key == "constraint" || key == "hierarchy"
      let value: [Double] = columns[key]!.map { c in
        let x: Double? =
          switch c {
          case .number(let d): d
          case .integer(let i): Double(i)
          case .boolean(let b): b ? 1 : 0
          case .text: nil
          }
        guard let x, !x.isNaN else { return -.infinity }
        return lowFirst ? -x : x
      }
      // Values within rounding of each other (RankCorrelation.withRoundingTies) tie, and ties
      // come in id order, so rounding noise in a sum does not decide the order.
      let key = RankCorrelation.withRoundingTies(value)
      order.sort { (key[$0], net.nodes[$1].id) > (key[$1], net.nodes[$0].id) }
    }
    let rows = order.prefix(top).map { i in
      [Cell.text(net.nodes[i].id), .text(net.nodes[i].label)] + measures.map { columns[$0]![i] }
    }
    var settings = [
      ("network", path), ("nodes", String(net.nodeCount)),
      ("directed", net.isDirected ? "yes" : "no"),
    ]
    settings += measureSettings(
      selectionSettings(selection, network: net), measures: measures, distance: distance)
    if let a = approximation, approximateWasExact {
      settings.append(
        (
          "betweenness",
          "exact (--epsilon \(formatNumber(a.epsilon)) would sample \(approximateSamples) paths, more work than the exact computation on \(net.nodeCount) nodes)"
        ))
      note(
        "--epsilon \(formatNumber(a.epsilon)): sampling would take \(approximateSamples) paths, more than the \(net.nodeCount) searches of the exact computation; betweenness is exact"
      )
    } else if let a = approximation {
      settings.append(
        (
          "betweenness",
          approximateWasAdaptive
            ? "estimated from \(approximateSamples) sampled paths (KADABRA's adaptive sampling, Borassi-Natale: at most \(approximateBound); epsilon \(formatNumber(a.epsilon)), delta \(formatNumber(a.delta)), seed \(a.seed))"
            : "estimated from \(approximateSamples) sampled paths (Riondato-Kornaropoulos; epsilon \(formatNumber(a.epsilon)), delta \(formatNumber(a.delta)), seed \(a.seed))"
        ))
    }
    if let groupAttribute {
      if measures.contains(where: groupMetricNames.contains) {
        settings.append(("group", groupAttribute))
      } else {
        note(
          "--group \(groupAttribute): none of the measures asked for uses groups (\(groupMetricNames.joined(separator: ", ")) do); the groups were not read"
        )
      }
    }
    if let sortKey {
      let lowFirst = sortKey == "constraint" || sortKey == "hierarchy"
      settings.append(
        (
          "ranked by",
          "\(sortKey), \(lowFirst ? "lowest" : "highest") first\(p.value("sort") == nil ? " (the first measure; --sort picks another)" : "")"
        ))
    }
    if let topGiven { settings.append(("rows", "top \(topGiven) of \(net.nodeCount)")) }
    let table = ResultTable(columns: ["id", "label"] + measures, rows: rows, settings: settings)
    if let into = p.value("into") {
      // The network and the table would be one file, or the table the network's node table.
      if let o = p.value("output"),
        [into, Network.companionNodeTable(for: into)].map(canonicalPath).contains(canonicalPath(o))
      {
        throw UsageError(
          message: "--into \(into) and -o \(o) would write the same file; give them different names"
        )
      }
      try writeMeasures(
        into: into, network: net, measures: measures, columns: columns, inputs: inputFiles(path, p),
        &out)
      if p.value("output") == nil { return }
    }
    try emit(table, p, inputs: [path], &out)
  }
}

/// The selection's settings and the distance, as `metrics` gives them: what the measures
/// asked for do not read is said (a distance only the path measures read; the trust only
/// strength, Burt's measures and paths on lengths). A shard's parts give the same, so that
/// `merge` writes the single run's bytes.
func measureSettings(
  _ chosen: [(String, String)], measures: [String], distance: DistanceTransform
) -> [(String, String)] {
  let pathMeasures: Set<String> = [
    "betweenness", "betweenness_normalized", "closeness", "harmonic", "betweenness_intergroup",
    "bridging_centrality",
  ]
  let readsPaths = measures.contains(where: pathMeasures.contains)
  let trustMeasures: Set<String> = [
    "strength", "constraint", "effective_size", "efficiency", "hierarchy",
  ]
  let readsTrust =
    measures.contains(where: trustMeasures.contains) || (readsPaths && distance != .hops)
  return chosen.map { name, value in
    name == "weight" && value != unweightedSetting && !readsTrust
      ? (name, "\(value), not used (no measure asked for reads it)") : (name, value)
  } + [
    (
      "distance",
      readsPaths || distance == .hops
        ? distance.rawValue : "\(distance.rawValue), not used (no path measure asked for)"
    )
  ]
}

/// The measures `metrics --shard` computes: sums or rows over sources.
let shardMeasures = [
  "betweenness", "betweenness_normalized", "closeness", "harmonic", "betweenness_intergroup",
]

/// The most shards `--shard i/K` takes (blocks beyond the number of source chunks are empty).
let maximumShards = 65_536

/// `--shard i/K`: block i of K, from 0.
func shardBlock(_ text: String) throws -> SourceBlock {
  let parts = text.split(separator: "/", omittingEmptySubsequences: false).map {
    $0.trimmingCharacters(in: .whitespaces)
  }
  guard parts.count == 2, let i = Int(parts[0]), let k = Int(parts[1]), k >= 1, k <= maximumShards,
    i >= 0, i < k
  else {
    throw UsageError(
      message:
        "--shard takes i/K, the i-th of K blocks of sources counted from 0 (as Slurm's SLURM_ARRAY_TASK_ID with --array=0-K-1), 0 ≤ i < K ≤ \(maximumShards); not '\(text)'"
    )
  }
  return SourceBlock(index: i, of: k)
}

extension BrobyggareCommandLine {
  /// `metrics NET --shard i/K -o part-i.bbs`: the block's share of the path measures, for
  /// `merge` to add up. A packed network is read straight into its rows, without building the
  /// network's nodes and ties.
  static func metricsShard(
    _ p: ParsedArguments, shard: String, measures: [String],
    packed: (selection: [(name: String, value: String)], distance: DistanceTransform?)?,
    _ out: inout Outcome
  ) throws {
    let path = p.positionals[0]
    let block = try shardBlock(shard)
    guard p.value("measures") != nil else {
      throw UsageError(
        message:
          "--shard computes sums over sources: name them with --measures, from \(shardMeasures.joined(separator: ", "))"
      )
    }
    for m in measures where !shardMeasures.contains(m) {
      throw UsageError(
        message:
          "--shard computes \(shardMeasures.joined(separator: ", ")), the sums and rows over sources; '\(m)' is not one (compute it without --shard)"
      )
    }
    let groupAttribute = p.value("group")
    if groupAttribute != nil && !measures.contains("betweenness_intergroup") {
      throw UsageError(
        message:
          "--group goes with --shard for betweenness_intergroup alone: add it to --measures, or leave out --group"
      )
    }
    if groupAttribute != nil && packed != nil {
      throw UsageError(
        message:
          "--group: \(path) is a packed network, which holds no node attributes; shard the original file (with --nodes if the groups are in a node table)"
      )
    }
    for name in ["epsilon", "delta", "seed", "sort", "top", "into", "format", "digits"]
    where p.value(name) != nil {
      throw UsageError(
        message:
          "--\(name) does not go with --shard: \(["format", "digits"].contains(name) ? "give it to 'brobyggare merge', which writes the table" : "a shard computes exact sums over its sources")"
      )
    }
    if p.flag("excel") {
      throw UsageError(
        message:
          "--excel does not go with --shard: give it to 'brobyggare merge', which writes the table")
    }
    guard let o = p.value("output") else {
      throw UsageError(
        message:
          "--shard writes a part for 'brobyggare merge': give -o part-\(block.index).\(ShardPart.fileExtension)"
      )
    }
    guard (o as NSString).pathExtension.lowercased() == ShardPart.fileExtension else {
      throw UsageError(
        message:
          "-o \(o): a shard part is written as a .\(ShardPart.fileExtension) file (-o part-\(block.index).\(ShardPart.fileExtension))"
      )
    }
    var distance = try distanceOption(p)
    if p.value("distance") == nil, let d = packed?.distance { distance = d }
    let threads = try threadCount(p)
    let adj: Adjacency
    let ids: [String]
    let labels: [String]
    let hash: UInt64
    var settings: [(name: String, value: String)]
    let chosen: [(String, String)]
    var groups: (groups: [Int], names: [String])? = nil
    if packed != nil {
      let file = try PackedNetwork(contentsOf: path)
      if p.flag("undirected") && file.adjacency.isDirected {
        throw DataError(
          file: path,
          message:
            "this network was packed as directed; pack it again from the original file with --undirected"
        )
      }
      Notes.current?.recordInput(path)
      (adj, ids, labels, hash) = (file.adjacency, file.ids, file.labels, file.contentHash)
      settings = [
        ("network", path), ("nodes", String(adj.nodeCount)),
        ("directed", adj.isDirected ? "yes" : "no"),
      ]
      chosen = file.settings.filter { $0.name != "distance" }.map { ($0.name, $0.value) }
    } else {
      let net = try readNetwork(path, p)
      let selection = try tieSelection(p, network: net)
      adj = try net.adjacency(selection)
      (ids, labels) = (net.nodes.map(\.id), net.nodes.map(\.label))
      hash = PackedNetwork.contentHash(of: adj, ids: ids, labels: labels)
      settings = [
        ("network", path), ("nodes", String(net.nodeCount)),
        ("directed", net.isDirected ? "yes" : "no"),
      ]
      chosen = selectionSettings(selection, network: net)
      if let groupAttribute {
        groups = try groupsOrUsageError(net, groupAttribute, selection: selection)
      }
    }
    // As the single run says them, so that merge writes its bytes.
    settings += measureSettings(chosen, measures: measures, distance: distance).map {
      (name: $0.0, value: $0.1)
    }
    if let groupAttribute { settings.append(("group", groupAttribute)) }
    let lengths: ArcLengths
    do {
      lengths = try ArcLengths(adj, transform: distance, nodeIDs: ids)
    } catch {
      throw DataError(file: path, message: "\(error)")
    }
    let wanted = Set(measures)
    let chunks =
      !wanted.isDisjoint(with: ["betweenness", "betweenness_normalized"])
      ? adj.betweennessPartials(lengths: lengths, block: block, threads: threads) : nil
    let rows =
      !wanted.isDisjoint(with: ["closeness", "harmonic"])
      ? adj.closenessAndHarmonic(lengths: lengths, block: block, threads: threads) : nil
    let intergroup = groups.map {
      adj.betweennessPartials(lengths: lengths, block: block, threads: threads, groups: $0.groups)
    }
    let part = ShardPart(
      networkHash: hash, nodeCount: adj.nodeCount, isDirected: adj.isDirected,
      chunkCount: adj.sourceChunks,
      block: block, settings: settings, measures: measures, ids: ids, labels: labels,
      betweennessChunks: chunks, rows: rows, intergroupChunks: intergroup,
      groupsHash: groups.map { ShardPart.groupsHash(groups: $0.groups, names: $0.names) } ?? 0)
    let range = part.chunks
    let n = adj.nodeCount
    let c = adj.sourceChunks
    if range.isEmpty {
      note(
        "shard \(block.index)/\(block.count) holds no sources: the \(n) sources split into \(c) chunk\(c == 1 ? "" : "s"), fewer than \(block.count) shards; its part is empty (at most \(c) shard\(c == 1 ? "" : "s") keep\(c == 1 ? "s" : "") every task busy)"
      )
    }
    try writeOutput([(path: o, data: part.data())], inputs: inputFiles(path, p))
    out.stderr +=
      "wrote \(o): shard \(block.index)/\(block.count), chunks \(range.lowerBound)..<\(range.upperBound) of \(c) (\(range.upperBound * n / c - range.lowerBound * n / c) of the \(n) sources); merge every part with 'brobyggare merge'\n"
  }
}
