import Brobyggare
import Foundation

let compareSpec = CommandSpec(
  name: "compare",
  abstract:
    "Compare two waves: ties gained and lost, trust up and down, change in a measure and its ranking.",
  positionals: [("A", "The earlier wave's network."), ("B", "The later wave's network.")],
  options: inputOptions + selectionOptions + [
    OptionSpec(
      name: "measure", valueName: "measure",
      help:
        "What to rank by: \(Robustness.Measure.allCases.map(\.rawValue).joined(separator: ", ")) (default: betweenness)."
    ),
    OptionSpec(
      name: "ties", help: "One row per tie (gained, lost, up, down, same) instead of one per node."),
    OptionSpec(
      name: "top", valueName: "k", help: "With one row per node: only the first k, ranked in B."),
  ] + outputOptions + [threadsOption, helpOption],
  discussion: """
    Nodes match by id, ties by their two ends and layer. Per node: the measure in each wave,
    its change (B - A), the rank in each wave and rank_change (rank A - rank B: positive means
    the node moved up). Nodes present in one wave only have NaN for the other. The counts of
    ties gained, lost, up, down and same and Spearman's rho between the waves (nodes in both)
    go with the settings.
    """)

extension BrobyggareCommandLine {
  static func compare(_ p: ParsedArguments, _ out: inout Outcome) throws {
    let (pathA, pathB) = (p.positionals[0], p.positionals[1])
    _ = try tableFormat(p)
    let measure: Robustness.Measure = try choice(p, "measure", default: .betweenness)
    let a = try readNetwork(pathA, p)
    let b = try readNetwork(pathB, p)
    noteNonRespondents(a, effect: nonRespondentEffectOnMeasures, file: pathA)
    noteNonRespondents(b, effect: nonRespondentEffectOnMeasures, file: pathB)
    guard a.isDirected == b.isDirected else {
      throw UsageError(
        message:
          "'\(pathA)' is \(a.isDirected ? "directed" : "undirected") and '\(pathB)' is not; compare waves made the same way"
      )
    }
    var selection = try tieSelection(p, network: a, file: pathA)
    if p.value("layer") == nil {
      alignAffiliationLayers(&selection, a, b, pathA: pathA, pathB: pathB)
    }
    if p.flag("ties") && p.value("top") != nil {
      throw UsageError(
        message:
          "--top keeps the first nodes of the ranking, and --ties lists every tie instead of the nodes; leave out --top"
      )
    }
    noteTiesWithoutTrust(selection, network: b, file: pathB)
    noteSimpleGraph(selection, network: b, file: pathB)
    noteTrustAcrossLayers(selection, network: b, file: pathB)
    if let layers = selection.layers {
      for l in layers.sorted() where !b.layers.contains(l) {
        throw UsageError(
          message:
            "No tie of '\(pathB)' is in layer '\(l)'; its layers are: \(quotedNames(b.layers))")
      }
    }
    if let w = selection.weightAttribute, !(w == b.trustAttributeName && b.hasTrust),
      !b.tieAttributes.contains(where: { $0.name == w })
    {
      throw UsageError(
        message: "No tie attribute of '\(pathB)' is named '\(w)'; name a weight both waves have")
    }
    // The weight each wave is read with: one wave with trust and the other without makes
    // every tie's trust change by the choice, not by the data.
    let weightA = weightSetting(selection, network: a)
    let weightB = weightSetting(selection, network: b)
    if weightA != weightB {
      note(
        "the waves are weighted differently (A: \(weightA); B: \(weightB)), so trust up and down compare different scales"
      )
    }
    noteSimilarIDsAcrossWaves(a, b)
    let top = try wholeNumber(p, "top") ?? Int.max
    let c = try WaveComparison(
      a, b, measure: measure, selection: selection, threads: threadCount(p))
    noteWavesMatchPoorly(
      c, a, b, weighted: weightA != unweightedSetting && weightB != unweightedSetting)
    noteWavesMadeDifferently(a, b)
    noteSilentRespondents(c, a, b)
    for (wave, net, file) in [("A", a, pathA), ("B", b, pathB)] where net.nodeCount == 0 {
      note(
        "\(file): wave \(wave) has no nodes, so every node of the other wave is \(wave == "A" ? "gained" : "lost") and no ranking is compared"
      )
    }
    // Labels are A's: a node relabelled in B (a name corrected, or another person given the
    // id) is said.
    let relabelled = a.nodes.compactMap { node -> (String, String, String)? in
      guard let j = b.index(of: node.id), b.nodes[j].label != node.label else { return nil }
      return (node.id, node.label, b.nodes[j].label)
    }
    if let (id, la, lb) = relabelled.first {
      note(
        "\(counted(relabelled.count, "node")) in both waves \(relabelled.count == 1 ? "has" : "have") another label in B (the first: '\(id)', '\(la)' in A and '\(lb)' in B); nodes are matched by id, and the table shows A's labels"
      )
    }
    var settings = [("A", pathA), ("B", pathB), ("directed", a.isDirected ? "yes" : "no")]
    for (name, value) in selectionSettings(selection, network: a) where name != "sign" {
      settings +=
        name == "weight" ? [("weight A", weightA), ("weight B", weightB)] : [(name, value)]
    }
    // Waves read with different signs (trust against distrust) are said, each its own.
    let (signA, signB) = (signSetting(a), signSetting(b))
    if signA.map(\.1) == signB.map(\.1) {
      settings += signA
    } else {
      settings += [("sign A", signA.first?.1 ?? "none"), ("sign B", signB.first?.1 ?? "none")]
      note(
        "the waves were read with different signs (A: \(a.tieSign?.rawValue ?? "none"); B: \(b.tieSign?.rawValue ?? "none")), so what changed is partly what was read"
      )
    }
    settings +=
      [("measure", measureSetting(measure))]
      + WaveComparison.Change.allCases.map { ("ties \($0.rawValue)", String(c.count($0))) }
    settings += [
      ("nodes in both", String(c.nodes.filter { $0.inA && $0.inB }.count)),
      ("spearman", human(c.spearman)),
    ]
    let table: ResultTable
    if p.flag("ties") {
      table = ResultTable(
        columns: ["source", "target", "layer", "trust_a", "trust_b", "change"],
        rows: c.ties.map { t in
          [
            .text(t.source), .text(t.target), .text(t.layer ?? ""), .number(t.trustA ?? .nan),
            .number(t.trustB ?? .nan), .text(t.change.rawValue),
          ]
        }, settings: settings)
    } else {
      let order = c.nodes.indices.sorted {
        let (x, y) = (c.nodes[$0], c.nodes[$1])
        let (kx, ky) = (
          x.rankB.isNaN ? Double.infinity : x.rankB, y.rankB.isNaN ? Double.infinity : y.rankB
        )
        return (kx, x.rankA.isNaN ? .infinity : x.rankA, $0) < (
          ky, y.rankA.isNaN ? .infinity : y.rankA, $1
        )
      }
      table = ResultTable(
        columns: [
          "id", "label", "in_a", "in_b", "\(measure.rawValue)_a", "\(measure.rawValue)_b", "change",
          "rank_a", "rank_b", "rank_change",
        ],
        rows: order.prefix(top).map { i in
          let n = c.nodes[i]
          return [
            .text(n.id), .text(n.label), .boolean(n.inA), .boolean(n.inB), .number(n.scoreA),
            .number(n.scoreB),
            .number(n.scoreB - n.scoreA), .number(n.rankA), .number(n.rankB),
            .number(n.rankA - n.rankB),
          ]
        }, settings: settings)
    }
    try emit(table, p, inputs: [pathA, pathB], &out)
  }
}

/// The layers both waves leave out by default: a layer is an affiliation (every tie joins a
/// person and an organisation) when it is one in each wave that has it, so that comparing A
/// with B reads the same ties as B with A. `tieSelection` judged wave A alone; what B changes
/// is said.
func alignAffiliationLayers(
  _ selection: inout TieSelection, _ a: Network, _ b: Network, pathA: String, pathB: String
) {
  let (affA, affB) = (Set(a.affiliationLayers.layers), Set(b.affiliationLayers.layers))
  let (la, lb) = (Set(a.layers), Set(b.layers))
  let all = la.union(lb)
  let both = all.filter {
    (!la.contains($0) || affA.contains($0)) && (!lb.contains($0) || affB.contains($0))
  }
  // Every layer an affiliation: nothing is left out, as for one network.
  let excluded = both.count < all.count ? both : []
  let added = excluded.subtracting(selection.excludedLayers).sorted()
  let kept = selection.excludedLayers.subtracting(excluded).sorted()
  selection.excludedLayers = excluded
  let names = { (l: [String]) in l.map { "'\($0)'" }.joined(separator: ", ") }
  if !added.isEmpty {
    note(
      "\(pathB): left out the person-to-organisation \(added.count == 1 ? "layer" : "layers") \(names(added)) in both waves (every tie \(added.count == 1 ? "in it" : "in them") joins a person and an organisation, as in '\(pathA)' where \(added.count == 1 ? "it is" : "they are") one or absent); --layer all merges every layer"
    )
  }
  if !kept.isEmpty {
    note(
      "\(names(kept)) \(kept.count == 1 ? "is" : "are") analysed in both waves after all: in '\(pathB)' \(kept.count == 1 ? "it holds" : "they hold") ties that do not join a person and an organisation\(both.count == all.count ? ", or every layer is person to organisation" : ""), and both waves are read with the same layers"
    )
  }
}

/// Nodes are matched across waves by their exact ids: an id in one wave only that differs
/// only in case or spaces from an id in the other wave only (`B`, `b`) makes a lost node and a
/// gained one, which is said.
func noteSimilarIDsAcrossWaves(_ a: Network, _ b: Network) {
  let onlyA = a.nodes.lazy.map(\.id).filter { b.index(of: $0) == nil }
  let onlyB = b.nodes.lazy.map(\.id).filter { a.index(of: $0) == nil }
  var formB: [String: String] = [:]
  for id in onlyB {
    let form = Network.foldedName(id)
    if formB[form] == nil { formB[form] = id }
  }
  let pairs = onlyA.compactMap { id in formB[Network.foldedName(id)].map { "'\(id)' and '\($0)'" } }
  guard !pairs.isEmpty else { return }
  note(
    "\(pairs.count == 1 ? "an id" : "\(pairs.count) ids") of A differ\(pairs.count == 1 ? "s" : "") from \(pairs.count == 1 ? "an id" : "ids") of B only in case or spaces, and \(pairs.count == 1 ? "is compared as another node" : "are compared as other nodes"): \(FormatError.list(pairs)) (correct the files where one person is meant)"
  )
}

/// What makes a comparison of waves count change that is not in the data, each said in a
/// note: layers that one wave has and the other not (ties match by their two ends and their
/// layer, so a tie in such a layer is lost and gained), trust on two scales (1 to 5 in one
/// wave, 0 to 1 in the other: every tie goes down), and no node id in common (every node lost
/// and gained), with the labels of one wave that are the ids of the other.
func noteWavesMatchPoorly(_ c: WaveComparison, _ a: Network, _ b: Network, weighted: Bool) {
  let name = { (layer: String?) in layer.map { "'\($0)'" } ?? "no layer" }
  let layersA = Set(c.ties.filter { $0.trustA != nil }.map(\.layer))
  let layersB = Set(c.ties.filter { $0.trustB != nil }.map(\.layer))
  let onlyA = layersA.subtracting(layersB).map(name).sorted()
  let onlyB = layersB.subtracting(layersA).map(name).sorted()
  // A wave without selected ties has no layers to differ: its every tie is lost or gained.
  if !layersA.isEmpty && !layersB.isEmpty && (!onlyA.isEmpty || !onlyB.isEmpty) {
    var parts: [String] = []
    if !onlyA.isEmpty { parts.append("A's ties in \(FormatError.list(onlyA)) count as lost") }
    if !onlyB.isEmpty {
      parts.append(
        onlyA.isEmpty
          ? "B's ties in \(FormatError.list(onlyB)) count as gained"
          : "B's in \(FormatError.list(onlyB)) as gained")
    }
    let fold = { (l: String?) in l.map(Network.foldedName) }
    let alike = layersA.subtracting(layersB).compactMap { x in
      layersB.subtracting(layersA).first { y in x != nil && y != nil && fold(x) == fold(y) }
        .map { "\(name(x)) and \(name($0))" }
    }.sorted()
    let both = layersA.intersection(layersB).compactMap { $0 }.sorted()
    let remedy =
      alike.isEmpty && !both.isEmpty
      ? "name the layers alike in both files, or compare the layers both have with --layer \(both.map(settingName).joined(separator: ","))"
      : "name the layers alike in both files"
    note(
      "ties match by their two ends and their layer, and the waves' layers differ: \(parts.joined(separator: " and ")), even where the same two are tied in both waves\(alike.isEmpty ? "" : " (\(FormatError.list(alike)) differ only in case or spaces)"); \(remedy)"
    )
  }
  if weighted {
    let trustA = c.ties.compactMap(\.trustA)
    let trustB = c.ties.compactMap(\.trustB)
    if let loA = trustA.min(), let hiA = trustA.max(), let loB = trustB.min(),
      let hiB = trustB.max()
    {
      // A 0-1 scale (a fraction among its values) against one that goes above 1; ranges that
      // do not meet, each with more than one value; or tops ten times apart (1-5, 1-100).
      let fraction = { (xs: [Double]) in xs.contains { $0 != $0.rounded() } }
      let unitAgainstMore =
        (hiA <= 1 && fraction(trustA) && hiB > 1) || (hiB <= 1 && fraction(trustB) && hiA > 1)
      let apart = (hiA < loB || hiB < loA) && loA < hiA && loB < hiB
      let tenfold = min(hiA, hiB) > 0 && max(hiA, hiB) >= 10 * min(hiA, hiB)
      if unitAgainstMore || apart || tenfold {
        note(
          "A's trust runs from \(formatNumber(loA)) to \(formatNumber(hiA)) and B's from \(formatNumber(loB)) to \(formatNumber(hiB)): if the waves used different scales, trust up and down compare the scales, not the ties; put both on one scale first"
        )
      }
    }
  }
  let common = c.nodes.filter { $0.inA && $0.inB }.count
  if common == 0 && a.nodeCount > 0 && b.nodeCount > 0 {
    let idsA = Set(a.nodes.map(\.id))
    let idsB = Set(b.nodes.map(\.id))
    let labelsBInA = b.nodes.filter { $0.label != $0.id && idsA.contains($0.label) }.count
    let labelsAInB = a.nodes.filter { $0.label != $0.id && idsB.contains($0.label) }.count
    let labelsA = Set(a.nodes.filter { $0.label != $0.id }.map(\.label))
    let sharedLabels = b.nodes.filter { $0.label != $0.id && labelsA.contains($0.label) }.count
    var hint = ""
    let are = { (k: Int) in k == 1 ? "1 of B's labels is" : "\(k) of B's labels are" }
    if labelsBInA > 0 {
      hint = "; \(are(labelsBInA)) \(labelsBInA == 1 ? "an id" : "ids") of A: give B the same ids"
    } else if labelsAInB > 0 {
      hint =
        "; \(labelsAInB == 1 ? "1 of A's labels is an id" : "\(labelsAInB) of A's labels are ids") of B: give A the same ids"
    } else if sharedLabels > 0 {
      hint =
        "; \(are(sharedLabels)) \(sharedLabels == 1 ? "a label" : "labels") of A: give the waves the same ids"
    }
    note(
      "no node of A has the id of a node of B, so every node is lost and every node gained\(hint)"
    )
  }
}

/// The settings `interviews` stores in a network: waves made with different ones (a scale of
/// 1..5 against 1..7, ties reconstructed in one wave only) change trust and ties by the
/// settings, which is said.
func noteWavesMadeDifferently(_ a: Network, _ b: Network) {
  let differing = ["scale", "symmetrize", "non_respondents", "unresolved_names"].compactMap {
    k -> String? in
    guard let x = a.attributes[k], let y = b.attributes[k], x != y else { return nil }
    return "\(k): A \(x), B \(y)"
  }
  guard !differing.isEmpty else { return }
  note(
    "the waves were made from the interviews with different settings (\(differing.joined(separator: "; "))), so trust and ties up, down, lost and gained are partly the settings' doing; make both waves with the same ones"
  )
}

/// A respondent in both waves (the `respondent` attribute) who names no one in one of them,
/// having named people in the other: its ties lost or gained may be a wave it sat out, not
/// ties that ended or began.
func noteSilentRespondents(_ c: WaveComparison, _ a: Network, _ b: Network) {
  guard a.isDirected else { return }
  // Who names anyone in a wave, in any layer but those of ties to organisations (every
  // member is the source of an affiliation); a respondent who named people in another layer
  // answered.
  func naming(_ n: Network) -> Set<String> {
    let affiliations = Set(n.affiliationLayers.layers)
    return Set(
      n.ties.filter { t in !(t.layer.map(affiliations.contains) ?? false) }.map {
        n.nodes[$0.source].id
      })
  }
  let (namingA, namingB) = (naming(a), naming(b))
  // Ties lost and ties gained, by their source, counted once.
  var lostFrom: [String: Int] = [:]
  var gainedFrom: [String: Int] = [:]
  for t in c.ties {
    if t.change == .lost { lostFrom[t.source, default: 0] += 1 }
    if t.change == .gained { gainedFrom[t.source, default: 0] += 1 }
  }
  // Who answered in one wave and not in the other: the ties they named lost or gained are
  // their answering, not change.
  var switched: [(id: String, answeredIn: String, count: Int)] = []
  for node in c.nodes where node.inA && node.inB {
    guard let i = a.index(of: node.id), let j = b.index(of: node.id),
      let x = a.nodes[i].answered, let y = b.nodes[j].answered, x != y
    else { continue }
    // Answered in A only: the ties named there and lost; in B only: those gained.
    switched.append(
      (node.id, x ? "A" : "B", x ? lostFrom[node.id, default: 0] : gainedFrom[node.id, default: 0]))
  }
  if !switched.isEmpty {
    let listed = switched.prefix(10).map {
      "'\($0.id)' (answered in \($0.answeredIn) only, \($0.count) of the ties named \($0.count == 1 ? "is" : "are") \($0.answeredIn == "A" ? "lost" : "gained"))"
    }
    note(
      "\(switched.count == 1 ? "a node" : "\(switched.count) nodes") answered in one wave and not in the other (respondent true in one, false in the other): \(listed.joined(separator: ", "))\(switched.count > 10 ? ", ..." : ""); the ties \(switched.count == 1 ? "it" : "they") named in one wave only are who answered, not change"
    )
  }
  var silent: [(id: String, wave: String, count: Int)] = []
  for node in c.nodes where node.inA && node.inB {
    guard let i = a.index(of: node.id), let j = b.index(of: node.id),
      a.nodes[i].answered == true, b.nodes[j].answered == true
    else { continue }
    let inA = namingA.contains(node.id)
    let inB = namingB.contains(node.id)
    if inA == inB { continue }
    // Naming no one in B: the ties named in A are lost; in A: those named in B are gained.
    silent.append(
      (
        node.id, inA ? "B" : "A",
        inA ? lostFrom[node.id, default: 0] : gainedFrom[node.id, default: 0]
      ))
  }
  guard !silent.isEmpty else { return }
  let listed = silent.prefix(10).map {
    "'\($0.id)' (none in \($0.wave), \($0.count) \($0.count == 1 ? "tie" : "ties") \($0.wave == "B" ? "lost" : "gained"))"
  }
  note(
    "\(silent.count == 1 ? "a respondent" : "\(silent.count) respondents") of both waves \(silent.count == 1 ? "names" : "name") no one in one of them: \(listed.joined(separator: ", "))\(silent.count > 10 ? ", ..." : ""); if \(silent.count == 1 ? "they were" : "some were") not interviewed in that wave, those ties are silence, not change"
  )
}
