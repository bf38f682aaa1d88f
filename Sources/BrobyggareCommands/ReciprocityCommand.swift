import Brobyggare
import Foundation

let reciprocitySpec = CommandSpec(
  name: "reciprocity",
  abstract: "Dyad census and reciprocity; with --group, trust asymmetry between groups.",
  positionals: [netArgument],
  options: inputOptions + selectionOptions + [
    OptionSpec(
      name: "group", valueName: "attribute",
      help:
        "A node attribute defining groups: one row per pair of different groups with the trust each way (pairs within a group have no direction between groups and get no row)."
    )
  ] + outputOptions + [oneThreadOption, helpOption],
  discussion: """
    Without --group, one row per measure: the dyad census (mutual, asymmetric, null; sna's
    dyad.census) and reciprocity as dyadic, dyadic_nonnull, edgewise and edgewise_lrr (sna's
    grecip measures; edgewise is networkx's overall_reciprocity). With --group, one row per
    pair of groups (a, b): ties and mean trust each way, their difference, and over mutual
    dyads the mean of trust(a to b) minus trust(b to a).
    """)

extension BrobyggareCommandLine {
  static func reciprocity(_ p: ParsedArguments, _ out: inout Outcome) throws {
    let path = p.positionals[0]
    _ = try tableFormat(p)
    let net = try readNetwork(path, p)
    // With reconstructed ties, noteReconstructedPairs says what they do to reciprocity.
    noteNonRespondents(
      net,
      effect: hasReconstructedTies(net)
        ? nonRespondentEffectOnMeasures : nonRespondentEffectOnReciprocity)
    let selection = try tieSelection(p, network: net)
    let adj = try net.adjacency(selection)
    let census = adj.dyadCensus
    noteUndirectedReciprocity(net, path)
    noteReconstructedPairs(net, path)
    var settings = [
      ("network", path), ("nodes", String(net.nodeCount)),
      ("directed", net.isDirected ? "yes" : "no"),
    ]
    // The dyad census counts ties; only the trust asymmetry (--group) reads the trust.
    settings +=
      p.value("group") != nil
      ? selectionSettings(selection, network: net)
      : selectionSettings(
        selection, network: net,
        weightNotRead: "the dyad census counts ties; --group compares trust")
    let table: ResultTable
    if let attribute = p.value("group") {
      let (g, names) = try groupsOrUsageError(net, attribute, selection: selection)
      let asym = adj.trustAsymmetry(groups: g, names: names)
      settings += [
        ("group", attribute), ("mutual", String(census.mutual)),
        ("asymmetric", String(census.asymmetric)),
        ("null", String(census.null)), ("edgewise reciprocity", human(census.edgewise)),
      ]
      table = ResultTable(
        columns: [
          "group_a", "group_b", "ties_ab", "ties_ba", "mean_trust_ab", "mean_trust_ba",
          "difference", "mutual_dyads", "mean_paired_difference",
        ],
        rows: asym.pairs.map { x in
          [
            .text(names[x.a]), .text(names[x.b]), .integer(x.tiesAB), .integer(x.tiesBA),
            .number(x.meanTrustAB), .number(x.meanTrustBA),
            .number(x.difference), .integer(x.mutualDyads), .number(x.meanPairedDifference),
          ]
        }, settings: settings)
    } else {
      let rows: [[Cell]] = [
        [
          .text("mutual"), .number(Double(census.mutual)),
          .text("dyads with ties both ways (sna dyad.census Mut)"),
        ],
        [
          .text("asymmetric"), .number(Double(census.asymmetric)),
          .text("dyads with a tie one way (sna dyad.census Asym)"),
        ],
        [
          .text("null"), .number(Double(census.null)),
          .text("dyads without a tie (sna dyad.census Null)"),
        ],
        [
          .text("dyadic"), .number(census.dyadic),
          .text("(M + N) / (M + A + N): sna grecip, measure dyadic"),
        ],
        [
          .text("dyadic_nonnull"), .number(census.dyadicNonNull),
          .text("M / (M + A): sna grecip, measure dyadic.nonnull"),
        ],
        [
          .text("edgewise"), .number(census.edgewise),
          .text("2M / (2M + A): sna grecip edgewise; networkx overall_reciprocity"),
        ],
        [
          .text("edgewise_lrr"), .number(census.edgewiseLogRatio),
          .text("log(edgewise / density): sna grecip, measure edgewise.lrr"),
        ],
      ]
      table = ResultTable(
        columns: ["measure", "value", "definition"], rows: rows, settings: settings)
    }
    try emit(table, p, inputs: [path], &out)
  }
}

/// On an undirected network every tie counts both ways: reciprocity is 1 and asymmetry 0 by
/// definition (igraph gives 1, networkx refuses), which says nothing about who named whom.
func noteUndirectedReciprocity(_ net: Network, _ path: String) {
  guard !net.isDirected, net.tieCount > 0 else { return }
  note(
    "\(path) is undirected: every tie counts both ways, so reciprocity is 1 and no tie is one-way by definition (igraph gives 1; networkx refuses undirected graphs); if the ties are who named whom, the file must say it is directed"
  )
}

/// Ties reconstructed for those who did not answer (`interviews --non-respondents
/// reconstruct`) return the tie they were made from: reciprocity counts those pairs as mutual,
/// which no one reported. Said wherever a reciprocity is printed.
func noteReconstructedPairs(_ net: Network, _ path: String) {
  guard net.isDirected, hasReconstructedTies(net) else { return }
  // Whether each arc (source · n + target, the layers merged) holds a reconstructed tie.
  let n = net.nodeCount
  var arcs: [Int: Bool] = [:]
  for t in net.ties where t.source != t.target {
    var made = false
    if case .boolean(true)? = t.attributes["reconstructed"] { made = true }
    arcs[t.source * n + t.target, default: false] =
      arcs[t.source * n + t.target, default: false] || made
  }
  var mutual = 0
  var made = 0
  for (arc, m) in arcs where arc / n < arc % n {
    guard let back = arcs[(arc % n) * n + arc / n] else { continue }
    mutual += 1
    if m || back { made += 1 }
  }
  guard made > 0 else { return }
  note(
    "\(path): \(made) of the \(mutual) mutual pairs are mutual by reconstruction (a tie marked reconstructed returns the one it was made from, for someone who did not answer): reciprocity counts them, though no one reported both directions"
  )
}
