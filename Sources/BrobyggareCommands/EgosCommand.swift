import Brobyggare
import Foundation

let egosSpec = CommandSpec(
  name: "egos", abstract: "Measures of personal (ego) networks, one row per ego, or their summary.",
  positionals: [
    (
      "STUDY",
      "A Network Canvas export (its folder, zip or GraphML; a personal network per session); a folder of egor's three tables (egos.csv, alters.csv, aaties.csv), or a workbook with them as sheets (egos, alters, aaties); or the egos table, with --alters and --alter-ties; or, with --ego-networks, a network file or shipped dataset."
    )
  ],
  options: [
    OptionSpec(
      name: "alters", valueName: "file",
      help: "The alters table (CSV: .altID, .egoID, attributes) when STUDY is the egos table."),
    OptionSpec(
      name: "alter-ties", valueName: "file",
      help: "The alter-alter ties table (CSV: .egoID, .srcID, .tgtID) when STUDY is the egos table."
    ),
    OptionSpec(
      name: "directed-alter-ties",
      help: "Read the alter-alter ties as directed (egor reads them as undirected)."),
    OptionSpec(
      name: "ego-networks",
      help:
        "STUDY is a whole network: each node's ego network (its neighbours and the ties among them), with two_step_reach."
    ),
    OptionSpec(
      name: "neighbourhood", valueName: "ties",
      help:
        "With --ego-networks: whose ties make a node's alters: either (sent or received), out or in (default: either)."
    ),
    OptionSpec(
      name: "group", valueName: "attribute",
      help:
        "The alter attribute (and ego attribute of the same name) that makes the groups: adds the composition measures and ego's brokerage roles."
    ),
    OptionSpec(
      name: "ego-group", valueName: "attribute",
      help:
        "The ego attribute that gives ego's group, when it is named apart from the alters' (default: the --group name)."
    ),
    OptionSpec(
      name: "strength", valueName: "attribute",
      help:
        "The alter attribute that says how strong ego's tie to the alter is (closeness, say): adds mean_strength. With --ego-networks the default is ego_trust, the trust of the alter's tie with ego along the neighbourhood's ties, when the network has trust: with --neighbourhood either, either way (the larger where they are tied both ways: an alter's trust in ego counts too, all of it for an alter who names ego and is not named); with out, ego's tie to the alter; with in, the alter's tie to ego."
    ),
    OptionSpec(
      name: "measures", valueName: "list",
      help:
        "Comma-separated columns (default: every one the options allow): \(PersonalNetworkMeasure.allCases.map(\.rawValue).joined(separator: ", ")); with --ego-networks also two_step_reach."
    ),
    OptionSpec(
      name: "by", valueName: "attribute",
      help: "An ego attribute: a column of its value, and with --summary one summary per value."),
    OptionSpec(
      name: "summary",
      help:
        "Instead of one row per ego, one row per measure (and per value of --by): n, mean and standard deviation over the egos."
    ),
    encodingOption,
  ] + inputOptions.filter { $0.name != "encoding" } + selectionOptions + outputOptions + [
    helpOption
  ],
  discussion: """
    Among the alters (ego not a node): size, ties, density (ties / possible pairs, as egor's
    ego_density), components and isolates. With ego as a node tied to every alter, every tie
    counting 1: Burt's effective size, efficiency and constraint (egor's ego_constraint). By
    --group, over the alters that have one: groups present, Blau's heterogeneity 1 - sum p^2,
    the IQV (Blau / (1 - 1/K), K the categories present among all the study's alters), the
    ego-alter E-I index (E - I)/(E + I) (egor's comp_ei), Yule's Q of the alter pairs (same
    group x tied), and ego's Gould-Fernandez brokerage roles among its alters. Undefined
    values (density of fewer than two alters, say) are NaN in CSV and null in JSON.
    Alters and egos without a group are left out of the group measures, and a note counts
    them. Ties among alters are egor's .aaties; other columns of the three tables become
    attributes.
    """)

extension BrobyggareCommandLine {
  static func egos(_ p: ParsedArguments, _ out: inout Outcome) throws {
    let path = p.positionals[0]
    _ = try tableFormat(p)
    let egoNetworks = p.flag("ego-networks")
    var settings: [(String, String)] = []
    var inputs: [String] = []
    var study: PersonalNetworks
    var reach: [Int]?
    var directed: Bool
    var whole: Network?
    if egoNetworks {
      for o in ["alters", "alter-ties", "directed-alter-ties"] where p.value(o) != nil || p.flag(o)
      {
        throw UsageError(
          message: "--\(o) is for egor's tables; with --ego-networks STUDY is one network")
      }
      let neighbourhood: EgoNeighbourhood = try choice(p, "neighbourhood", default: .either)
      let net = try readNetwork(path, p)
      whole = net
      let selection = try tieSelection(p, network: net)
      study = try net.egoNetworks(selection: selection, neighbourhood: neighbourhood)
      reach = try net.twoStepReach(selection: selection, neighbourhood: neighbourhood)
      directed = net.isDirected
      if directed {
        note(
          "\(path): ego is tied to every alter both ways here, as in a personal network, so effective_size, efficiency and constraint differ from metrics', which follow the network's ties as they run"
        )
      }
      note(
        "\(path): constraint here is within each ego network (egor's ego_constraint; networkx's constraint on the ego graph): an alter's ties to nodes outside it do not count, so it differs from metrics' constraint (networkx's constraint on the whole network)"
      )
      inputs = inputFiles(path, p)
      settings = [
        ("network", path), ("egos", "every node (\(net.nodeCount))"),
        ("directed", directed ? "yes" : "no"),
      ]
      settings += selectionSettings(selection, network: net)
      settings.append(
        (
          "alters",
          directed
            ? "\(neighbourhoodText(neighbourhood)); two-step reach along the same ties"
            : "neighbours; two-step reach: nodes within two steps"
        ))
    } else {
      // A Network Canvas export's edge types are layers: --layer picks among them.
      let isCanvas = NetworkCanvasFormat.isExport(path: path)
      let networkOnly =
        (inputOptions + selectionOptions).map(\.name).filter {
          $0 != "encoding" && !(isCanvas && $0 == "layer")
        } + ["neighbourhood"]
      if let o = networkOnly.first(where: { p.value($0) != nil || p.flag($0) }),
        ["roster", "ego-as-node"].contains(o)
      {
        throw UsageError(
          message:
            "--\(o) reads a Network Canvas export as one network for the other commands; egos reads it as a personal network per session (ego not a node), or give --ego-networks to cut each node's ego network out of the whole"
        )
      }
      if let o = networkOnly.first(where: { p.value($0) != nil || p.flag($0) }) {
        throw UsageError(
          message:
            "--\(o) is for a whole network, read with --ego-networks; STUDY '\(path)' is read as \(isCanvas ? "a Network Canvas export, a personal network per session" : "egor's three tables")"
        )
      }
      directed = p.flag("directed-alter-ties")
      if NetworkCanvasFormat.isExport(path: path) {
        // A Network Canvas export (a folder, its zip, or its GraphML): one personal network
        // per session, ego not a node.
        for o in ["alters", "alter-ties", "directed-alter-ties"]
        where p.value(o) != nil || p.flag(o) {
          throw UsageError(
            message: "--\(o) is for egor's tables; '\(path)' is a Network Canvas export")
        }
        study = try PersonalNetworks(networkCanvas: path)
        directed = study.egos.first?.alters.isDirected ?? false
        inputs = [path]
        Notes.current?.recordInput(path)
        for n in study.readNotes { note("\(path): \(n)") }
        // The edge types (knows, conflict, ...) are layers of the alters' ties: all of them are
        // read as one unless --layer picks, and the settings say which.
        var tiesByType: [String: Int] = [:]
        for e in study.egos {
          for t in e.alters.ties { tiesByType[t.layer ?? "", default: 0] += 1 }
        }
        let types = tiesByType.keys.sorted()
        var layerSetting = types.isEmpty ? "(no alter ties)" : types.joined(separator: ",")
        if let given = p.value("layer") {
          let wanted = given.split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
          }
          for w in wanted where tiesByType[w] == nil {
            throw UsageError(
              message:
                "No alter tie of '\(path)' is of the edge type '\(w)'; its edge types are: \(quotedNames(types))\(didYouMean(closestMatches(to: w, among: types)))"
            )
          }
          for k in study.egos.indices { study.egos[k].alters.keepTies(inLayers: Set(wanted)) }
          layerSetting = wanted.joined(separator: ",")
        } else if types.count > 1 {
          note(
            "\(path): the alter ties of every edge type are read as one: \(types.map { "'\($0)' (\(tiesByType[$0]!))" }.joined(separator: ", ")); --layer picks the edge types to read (a conflict tie is no tie of acquaintance)"
          )
        }
        settings = [
          ("study", path), ("read as", "a Network Canvas export, a personal network per session"),
          ("egos read", String(study.count)), ("alter ties directed", directed ? "yes" : "no"),
          ("edge types", layerSetting),
        ]
      } else if (path as NSString).pathExtension.lowercased() == "xlsx" {
        for o in ["alters", "alter-ties"] where p.value(o) != nil {
          throw UsageError(
            message:
              "--\(o) names a CSV table; the workbook '\(path)' holds all three tables as sheets (egos, alters, aaties)"
          )
        }
        study = try EgorTables.read(workbook: path, directed: directed)
        inputs = [path]
        Notes.current?.recordInput(path)
        for n in study.readNotes { note("\(path): \(n)") }
        settings = [
          ("study", path), ("read as", "egor's three tables, a sheet each"),
          ("egos read", String(study.count)),
          ("alter ties directed", directed ? "yes" : "no (as egor reads them)"),
        ]
      } else {
        let (egosFile, altersFile, tiesFile) = try studyFiles(path, p)
        for f in [altersFile, tiesFile] where (f as NSString).pathExtension.lowercased() == "xlsx" {
          throw UsageError(
            message:
              "'\(f)' is a workbook; give a workbook holding all three tables (sheets egos, alters, aaties) as STUDY, or CSV tables with --alters and --alter-ties"
          )
        }
        study = try EgorTables.read(
          egos: egosFile, alters: altersFile, alterTies: tiesFile, directed: directed,
          encoding: textEncoding(p))
        inputs = [egosFile, altersFile, tiesFile]
        for f in inputs { Notes.current?.recordInput(f) }
        for n in study.readNotes { note(n) }
        settings = [
          ("egos", egosFile), ("alters", altersFile), ("alter ties", tiesFile),
          ("egos read", String(study.count)),
          ("alter ties directed", directed ? "yes" : "no (as egor reads them)"),
        ]
      }
    }

    // The attributes named must be there.
    let alterAttributes = Set(
      study.egos.flatMap { e in
        e.alters.nodes.flatMap { $0.attributes.keys } + e.alters.nodeAttributes.map(\.name)
      })
    let egoAttributes = Set(study.egos.flatMap { $0.egoAttributes.keys })
    func requireAlterAttribute(_ name: String, _ option: String) throws {
      guard alterAttributes.contains(name) else {
        let names = alterAttributes.sorted()
        throw UsageError(
          message:
            "No alter has the attribute '\(name)' (named by --\(option)); the alter attributes are: \(names.isEmpty ? "(none)" : names.joined(separator: ", "))\(didYouMean(closestMatches(to: name, among: names)))"
        )
      }
    }
    func requireEgoAttribute(_ name: String, _ option: String) throws {
      guard egoAttributes.contains(name) else {
        let names = egoAttributes.sorted()
        throw UsageError(
          message:
            "No ego has the attribute '\(name)' (named by --\(option)); the ego attributes are: \(names.isEmpty ? "(none)" : names.joined(separator: ", "))\(didYouMean(closestMatches(to: name, among: names)))"
        )
      }
    }
    let group = p.value("group")
    if let group { try requireAlterAttribute(group, "group") }
    let egoGroupAttribute = p.value("ego-group") ?? group
    if let e = p.value("ego-group") {
      guard group != nil else {
        throw UsageError(
          message:
            "--ego-group names ego's group among the alters' groups: give --group <attribute> too")
      }
      try requireEgoAttribute(e, "ego-group")
    }
    var strength = p.value("strength")
    if let strength { try requireAlterAttribute(strength, "strength") }
    if let whole, strength == nil, whole.hasTrust || p.value("weight") != nil {
      strength = Network.egoTieTrustAttribute
    }
    let by = p.value("by")
    if let by { try requireEgoAttribute(by, "by") }

    // The measures asked for.
    let known =
      PersonalNetworkMeasure.allCases.map(\.rawValue) + (egoNetworks ? ["two_step_reach"] : [])
    var wanted: [String]
    if let list = p.value("measures") {
      wanted = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
        !$0.isEmpty
      }
      if wanted.isEmpty {
        throw UsageError(
          message: "--measures names no measure; expected some of \(known.joined(separator: ", "))")
      }
      for name in wanted where !known.contains(name) {
        if name == "two_step_reach" {
          throw UsageError(message: "two_step_reach needs the whole network: give --ego-networks")
        }
        throw UsageError(
          message:
            "Unknown measure '\(name)'; expected some of \(known.joined(separator: ", "))\(didYouMean(closestMatches(to: name, among: known)))"
        )
      }
      if group == nil,
        let m = wanted.first(where: { PersonalNetworkMeasure(rawValue: $0)?.needsGroup ?? false })
      {
        throw UsageError(message: "\(m) needs groups: give --group <attribute>")
      }
      if strength == nil, wanted.contains("mean_strength") {
        throw UsageError(
          message: "mean_strength needs the strength of ego's ties: give --strength <attribute>")
      }
      var seen = Set<String>()
      wanted = wanted.filter { seen.insert($0).inserted }
    } else {
      wanted = PersonalNetworkMeasure.allCases.filter {
        (group != nil || !$0.needsGroup) && (strength != nil || $0 != .meanStrength)
      }.map(\.rawValue)
      if egoNetworks { wanted.append("two_step_reach") }
    }

    // Strength values that are text and not numbers are an error in the data, not a gap.
    if let strength {
      for e in study.egos {
        for node in e.alters.nodes {
          guard case .string(let s)? = node.attributes[strength] else { continue }
          let t = s.trimmingCharacters(in: .whitespaces)
          if t.isEmpty || GroupAssignment.missingSpellings.contains(t) || parseDouble(t) != nil {
            continue
          }
          throw DataError(
            file: inputs.count > 1 ? inputs[1] : path,
            message:
              "ego '\(e.ego)', alter '\(node.id)': the strength '\(strength)' is '\(t)', not a number"
          )
        }
      }
    }

    let options = PersonalNetworkOptions(
      group: group, egoGroup: egoGroupAttribute, strength: strength)
    let results = try study.measures(options)
    let egoGroups = group.flatMap { _ in egoGroupAttribute.map { study.egoGroups(by: $0) } }
    if let strength, wanted.contains("mean_strength") {
      let alters = results.reduce(0) { $0 + $1.size }
      let without = alters - results.reduce(0) { $0 + $1.strengthCount }
      if without > 0 {
        note(
          "\(without) of \(alters) alters have no number for '\(strength)' (empty, NA or NaN) and are left out of mean_strength"
        )
      }
    }
    if let group, let egoGroups {
      let alters = results.reduce(0) { $0 + $1.size }
      let ungrouped = results.reduce(0) { $0 + $1.ungroupedAlters }
      if ungrouped > 0 {
        note(
          "\(ungrouped) of \(alters) alters have no value for '\(group)' and are left out of the group measures"
        )
      }
      // An ego's value no alter of the study has (`Police` against `police`, `2` against
      // `2.0`): every alter is of another group, and E-I is 1 by the spelling.
      var alterValues = Set<String>()
      for e in study.egos {
        for n in e.alters.nodes {
          guard let v = n.attributes[group]?.description else { continue }
          for part in v.split(separator: "|") { alterValues.insert(String(part)) }
        }
      }
      // An ego without alters has no E-I (NaN), whatever its value.
      let unmatched = study.egos.indices.filter { i in
        !study.egos[i].alters.nodes.isEmpty
          && (egoGroups[i].map { !alterValues.contains($0) } ?? false)
      }
      if !unmatched.isEmpty && !alterValues.isEmpty {
        let listed = unmatched.prefix(5).map { "'\(study.egos[$0].ego)' ('\(egoGroups[$0]!)')" }
        note(
          "\(unmatched.count) of \(study.count) egos have a value of '\(egoGroupAttribute ?? group)' that no alter has for '\(group)' (\(listed.joined(separator: ", "))\(unmatched.count > 5 ? ", ..." : "")): all their alters count as another group (ei_ego_alter 1); the alters' values are \(FormatError.list(alterValues.sorted().prefix(10).map { $0 }, quoted: true))\(alterValues.count > 10 ? ", ..." : ""); where one group is spelled two ways, write it alike"
        )
      }
      // A multiple-choice value (`municipality|association`) is split for the composition
      // measures, but is a group of its own for E-I and the roles.
      let several =
        alterValues.isEmpty
        ? 0
        : study.egos.reduce(0) { n, e in
          n
            + e.alters.nodes.filter { $0.attributes[group]?.description.contains("|") ?? false }
            .count
        }
      if several > 0
        && (wanted.contains("ei_ego_alter")
          || wanted.contains { BrokerageRole(name: $0) != nil || $0 == "brokerage_total" })
      {
        note(
          "\(several) \(several == 1 ? "alter has" : "alters have") several options of '\(group)' (joined by '|'): the composition measures count \(several == 1 ? "it" : "each") in each option, but ei_ego_alter and the brokerage roles take the joined value as a group of its own, of ego's group only where ego chose the same options"
        )
      }
      let egosWithout = egoGroups.filter { $0 == nil }.count
      if egosWithout > 0
        && (wanted.contains("ei_ego_alter")
          || wanted.contains { BrokerageRole(name: $0) != nil || $0 == "brokerage_total" })
      {
        note(
          "\(egosWithout) of \(study.count) egos have no value for '\(egoGroupAttribute ?? group)': their ei_ego_alter and brokerage roles are NaN"
        )
      }
    }
    let byGroups = by.map { study.egoGroups(by: $0) }
    // Egos without a value of --by are in no group's summary, only in the whole's.
    if let by, let byGroups, p.flag("summary") {
      let without = study.egos.indices.filter { byGroups[$0] == nil }.map { study.egos[$0].ego }
      if !without.isEmpty {
        note(
          "\(without.count) of \(study.count) egos \(without.count == 1 ? "has" : "have") no value for '\(by)' (\(FormatError.list(without.prefix(10).map { $0 }, quoted: true))): counted in (all), in no row of a value"
        )
      }
    }

    let categories = group.map { study.categories(of: $0) }
    let k = categories?.count
    // As groups and brokers say it: 'Residents' and 'residents' are two groups here.
    if let group, let categories {
      noteSimilarGroups(GroupAssignment.similarGroupNames(categories), attribute: group)
    }
    settings.append(("group", group ?? "none"))
    if let e = p.value("ego-group") { settings.append(("ego's group", e)) }
    if let k { settings.append(("IQV categories", "\(k) (present among all alters)")) }
    settings.append(
      (
        "strength",
        strength == Network.egoTieTrustAttribute
          ? "ego_trust (the trust of each alter's tie with ego along the neighbourhood's ties: either way, the larger where both, with --neighbourhood either; ego's tie to the alter with out; the alter's tie to ego with in)"
          : strength ?? "none"
      ))
    settings.append(
      (
        "ego",
        "not a node for density, components and composition; a node tied to every alter for effective size, efficiency, constraint and brokerage (every tie counts 1)"
      ))
    if let by { settings.append(("by", by)) }

    func value(_ name: String, _ i: Int) -> Double {
      if name == "two_step_reach" { return Double(reach![i]) }
      return PersonalNetworkMeasure(rawValue: name)!.value(in: results[i])
    }
    func isCount(_ name: String) -> Bool {
      name == "two_step_reach" || (PersonalNetworkMeasure(rawValue: name)?.isCount ?? false)
    }

    let table: ResultTable
    if p.flag("summary") {
      var rows: [[Cell]] = []
      for name in wanted {
        let values = study.egos.indices.map { value(name, $0) }
        for (g, s) in PersonalNetworks.summaries(values, by: byGroups) {
          var row: [Cell] = [.text(name)]
          if by != nil { row.append(.text(g ?? "(all)")) }
          row += [.integer(s.n), .number(s.mean), .number(s.standardDeviation)]
          rows.append(row)
        }
      }
      table = ResultTable(
        columns: ["measure"] + (by.map { [$0] } ?? []) + ["n", "mean", "sd"], rows: rows,
        settings: settings + [
          ("summary", "n: egos with a defined value; sd: sample standard deviation (n - 1)")
        ])
    } else {
      var columns = ["ego"]
      if egoNetworks { columns.append("label") }
      if let by { columns.append(by) }
      if group != nil { columns.append("ego_group") }
      columns += wanted
      let rows: [[Cell]] = study.egos.indices.map { i in
        var row: [Cell] = [.text(study.egos[i].ego)]
        if egoNetworks {
          row.append(
            .text(Node(id: study.egos[i].ego, attributes: study.egos[i].egoAttributes).label))
        }
        if let byGroups { row.append(.text(byGroups[i] ?? "")) }
        if let egoGroups { row.append(.text(egoGroups[i] ?? "")) }
        for name in wanted {
          let v = value(name, i)
          row.append(isCount(name) ? .integer(Int(v)) : .number(v))
        }
        return row
      }
      table = ResultTable(columns: columns, rows: rows, settings: settings)
    }
    try emit(table, p, inputs: inputs, &out)
  }

  /// The three egor files: in a folder, or the egos file with --alters and --alter-ties.
  static func studyFiles(_ path: String, _ p: ParsedArguments) throws -> (String, String, String) {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
      let found = EgorTables.files(inFolder: path)
      let alters = p.value("alters") ?? found.alters
      let ties = p.value("alter-ties") ?? found.alterTies
      guard let egos = found.egos, let alters, let ties else {
        let names = EgorTables.fileNames
        var missing: [String] = []
        if found.egos == nil { missing.append(names.egos.joined(separator: " or ")) }
        if alters == nil { missing.append(names.alters.joined(separator: " or ")) }
        if ties == nil { missing.append(names.alterTies.joined(separator: " or ")) }
        throw UsageError(
          message:
            "The folder '\(path)' has no \(missing.joined(separator: ", no ")); a study folder holds egor's three tables (or give --alters and --alter-ties with the egos table as STUDY; a whole network needs --ego-networks)"
        )
      }
      return (egos, alters, ties)
    }
    guard let alters = p.value("alters"), let ties = p.value("alter-ties") else {
      throw UsageError(
        message:
          "STUDY '\(path)' is not a folder: give the alters and alter-alter ties tables with --alters <file> and --alter-ties <file> (or read a whole network's ego networks with --ego-networks)",
        command: egosSpec)
    }
    return (path, alters, ties)
  }

  static func neighbourhoodText(_ n: EgoNeighbourhood) -> String {
    switch n {
    case .either: "everyone a node sends a tie to or receives one from"
    case .outgoing: "those a node sends a tie to"
    case .incoming: "those who send a node a tie"
    }
  }
}

extension BrokerageRole {
  /// The role of this name, or `nil`.
  init?(name: String) {
    guard let r = BrokerageRole.allCases.first(where: { $0.name == name }) else { return nil }
    self = r
  }
}
