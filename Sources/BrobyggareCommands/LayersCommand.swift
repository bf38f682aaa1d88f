import Brobyggare
import Foundation

let layersSpec = CommandSpec(
  name: "layers",
  abstract:
    "Layers against each other: per node, degree in each layer, multiplexity and exclusive relevance; with --pairs, overlap per pair of layers.",
  positionals: [netArgument],
  options: inputOptions + [
    OptionSpec(
      name: "layer", valueName: "layers",
      help:
        "Compare these layers only (comma-separated; a layer whose name has a comma, by its whole name); default: every layer but the affiliation layers ('all' takes those too)."
    ),
    OptionSpec(
      name: "pairs",
      help:
        "One row per pair of layers (ties in each, in both, Jaccard, graph correlation and its QAP test) instead of one row per node."
    ),
    OptionSpec(
      name: "permutations", valueName: "n",
      help:
        "With --pairs: permutations of the QAP test of each correlation, 0 to 1,000,000 (default: 1000; 0 leaves the p-values out)."
    ),
    OptionSpec(
      name: "seed", valueName: "n",
      help:
        "With --pairs: seed of the permutations (default: 1); the same seed gives the same output for any --threads."
    ),
  ] + outputOptions + [threadsOption, helpOption],
  discussion: """
    Each layer is read as a simple graph: self-loops dropped, parallel ties in a layer one tie,
    weights not read; ties without a layer are in no layer and are left out.

    Per node (the default): degree_<layer> is the number of neighbours in that layer (either
    direction on directed networks, as multinet's mode "all"); neighbours the distinct
    neighbours over the layers compared; multiplexity the share of them reached in two or more
    layers; exclusive_<layer> the share reached through that layer only (exclusive relevance,
    Berlingerio et al. 2011, multinet's xrelevance_ml): the contacts the node would lose
    without that layer. Multiplexity and the exclusive shares add up to 1; all are empty (NaN)
    for a node with no neighbour.

    With --pairs, per pair of layers A, B: ties in each, in both, in either; Jaccard
    |A and B| / |A or B|; and the graph correlation of the two 0/1 matrices off the diagonal
    (R's sna::gcor, mode digraph on directed networks, graph on undirected ones, over every
    node). A directed tie is an ordered pair; an undirected one is counted once. The QAP test
    of the correlation (Hubert 1987; Krackhardt 1988; sna's qaptest) relabels the second
    layer's nodes at random --permutations times: p_two_sided is the share of permutations
    with |r*| >= |r|, p_greater r* >= r, p_less r* <= r. The test holds the dyadic matrices
    (n² numbers per layer): at most 3,000 nodes, and n² × permutations × pairs at most
    10,000,000,000; past that the p-values are left out with a note (or, when --permutations
    is given, refused naming what fits). At most 50,000 pairs of layers (about 316 layers),
    and nodes × layers at most 20,000,000 for the per-node table.
    """)

extension BrobyggareCommandLine {
  static func layers(_ p: ParsedArguments, _ out: inout Outcome) throws {
    let path = p.positionals[0]
    _ = try tableFormat(p)
    for o in ["permutations", "seed"] where p.value(o) != nil && !p.flag("pairs") {
      throw UsageError(
        message:
          "--\(o) is for the QAP tests of --pairs; without --pairs nothing is permuted: add --pairs, or leave it out"
      )
    }
    let net = try readNetwork(path, p)
    noteNonRespondents(net, effect: nonRespondentEffectOnMeasures)
    let selection = try layerComparisonSelection(p, network: net)
    let compared = net.layers.filter { selection.includes(layer: $0) }
    if compared.isEmpty {
      throw DataError(
        file: path,
        message:
          "no tie has a layer; 'layers' compares the kinds of tie (give the ties a layer column, or --layer-column for a CSV table)"
      )
    }
    let unlayered = net.ties.filter { $0.layer == nil && !$0.isSelfLoop }.count
    if unlayered > 0 {
      note("\(unlayered) of \(net.tieCount) ties have no layer and are left out of the comparison")
    }
    var settings = [
      ("network", path), ("nodes", String(net.nodeCount)),
      (
        "directed",
        net.isDirected
          ? "yes (a tie is an ordered pair; neighbours count in either direction)" : "no"
      ),
    ]
    var layerSetting = compared.map(settingName).joined(separator: ",")
    if !selection.excludedLayers.isEmpty {
      layerSetting +=
        " (affiliation layers \(selection.excludedLayers.sorted().map(settingName).joined(separator: ",")) left out)"
    }
    settings.append(("layers", layerSetting))
    settings += signSetting(net)
    settings.append(
      (
        "ties",
        "each layer as a simple graph (self-loops dropped, parallel ties one); weights not read"
      ))
    // The tables grow with the layers: a row per pair, or a column pair per layer and node.
    let maximumLayerPairs = 50_000
    let maximumNodeLayerCells = 20_000_000
    if p.flag("pairs") && compared.count * (compared.count - 1) / 2 > maximumLayerPairs {
      throw UsageError(
        message:
          "--pairs on \(compared.count) layers makes \(compared.count * (compared.count - 1) / 2) pairs; layers compares at most \(maximumLayerPairs) pairs (about 316 layers): pick them with --layer"
      )
    }
    if !p.flag("pairs") && net.nodeCount * compared.count > maximumNodeLayerCells {
      throw UsageError(
        message:
          "\(net.nodeCount) nodes × \(compared.count) layers is over the \(maximumNodeLayerCells) cells the per-node table takes: pick layers with --layer"
      )
    }
    let table: ResultTable
    if p.flag("pairs") {
      guard compared.count >= 2 else {
        throw UsageError(
          message:
            "--pairs compares two or more layers; \(compared.count == 1 ? "only \(quotedName(compared[0])) is" : "none is") compared (the layers are: \(quotedNames(net.layers)); --layer picks them, 'all' takes every one)"
        )
      }
      let overlap = try net.layerOverlap(selection)
      var (permutations, seed) = try permutationOptions(p, default: 1000, minimum: 0)
      let threads = try threadCount(p)
      let n = Double(net.nodeCount)
      let work = n * n * Double(permutations) * Double(overlap.pairs.count)
      if permutations > 0 && (net.nodeCount > maximumTestNodes || work > maximumTestWork) {
        let fit =
          net.nodeCount > maximumTestNodes
          ? 0 : Int(maximumTestWork / (n * n * Double(overlap.pairs.count)))
        let why =
          net.nodeCount > maximumTestNodes
          ? "the QAP test holds n² numbers per layer and takes at most \(maximumTestNodes) nodes; this network has \(net.nodeCount)"
          : "n² × permutations × pairs would be \(String(format: "%.2g", work)), over the limit of \(String(format: "%.2g", maximumTestWork)); --permutations \(fit) fits"
        if p.value("permutations") != nil {
          throw UsageError(message: "--permutations \(permutations): \(why)")
        }
        note("the QAP p-values are left out: \(why)")
        permutations = 0
      }
      var tests: [QAPCorrelation?] = overlap.pairs.map { _ in nil }
      if permutations > 0 {
        var matrices: [String: DyadicMatrix] = [:]
        for layer in overlap.layers {
          matrices[layer] = try net.dyadicMatrix(.ties(TieSelection(layers: [layer]), .presence))
        }
        let mode: DyadMode = net.isDirected ? .directed : .undirected
        for (k, x) in overlap.pairs.enumerated() {
          tests[k] = QAP.correlationTest(
            matrices[x.first]!, matrices[x.second]!, mode: mode, permutations: permutations,
            seed: seed,
            threads: threads)
        }
        settings.append(
          (
            "qap",
            "\(permutations) permutations of the second layer's nodes, seed \(seed), each pair drawn with the same seed"
          ))
      } else {
        settings.append(("qap", "not run (--permutations 0 or over the limit): p-values empty"))
      }
      settings.append(
        (
          "correlation",
          "graph correlation of the 0/1 matrices off the diagonal over all \(net.nodeCount) nodes (sna::gcor, mode \(net.isDirected ? "digraph" : "graph"))"
        ))
      table = ResultTable(
        columns: [
          "layer_a", "layer_b", "ties_a", "ties_b", "ties_both", "ties_either", "jaccard",
          "correlation", "p_two_sided", "p_greater", "p_less",
        ],
        rows: zip(overlap.pairs, tests).map { x, t in
          [
            .text(x.first), .text(x.second), .integer(x.firstTies), .integer(x.secondTies),
            .integer(x.sharedTies),
            .integer(x.unionTies), .number(x.jaccard), .number(x.correlation),
          ]
            + (t.map { [.number($0.pTwoSided), .number($0.pGreater), .number($0.pLess)] } ?? [
              .text(""), .text(""), .text(""),
            ])
        }, settings: settings)
      table.noteZeroPValues(of: permutations, "permutations")
    } else {
      let m = try net.multiplexity(selection)
      let multiplexity = m.multiplexity
      let exclusive = m.layers.map { m.exclusiveRelevance(ofLayer: $0)! }
      var columns = ["id", "label", "neighbours", "multiplexity"]
      columns += m.layers.map { "degree_\($0)" }
      columns += m.layers.map { "exclusive_\($0)" }
      let rows: [[Cell]] = net.nodes.indices.map { v in
        var row: [Cell] = [
          .text(net.nodes[v].id), .text(net.nodes[v].label), .integer(m.neighbours[v]),
          .number(multiplexity[v]),
        ]
        row += m.layerDegree.map { Cell.integer($0[v]) }
        row += exclusive.map { Cell.number($0[v]) }
        return row
      }
      settings.append(
        (
          "exclusive_<layer>",
          "share of the node's neighbours reached through that layer only (Berlingerio et al. 2011; multinet xrelevance_ml); NaN without neighbours"
        ))
      table = ResultTable(columns: columns, rows: rows, settings: settings)
    }
    try emit(table, p, inputs: [path], &out)
  }
}

/// The layers a comparison of layers reads: those `--layer` names, else every layer but the
/// affiliation layers (person to organisation) when there are others, with a note; `--layer
/// all` takes every layer. Weights and merging are not read.
func layerComparisonSelection(_ p: ParsedArguments, network: Network) throws -> TieSelection {
  var s = TieSelection()
  s.layers = try selectedLayers(p, network: network)
  if p.value("layer") == nil {
    let affiliation = network.affiliationLayers
    let all = network.layers
    if !affiliation.layers.isEmpty && affiliation.layers.count < all.count {
      s.excludedLayers = Set(affiliation.layers)
      note(
        "left out the \(affiliation.declared ? "affiliation layers" : "person-to-organisation layers") \(affiliation.layers.map { "'\($0)'" }.joined(separator: ", ")) (\(affiliation.declared ? "person to organisation" : "every tie joins a person and an organisation, found from the nodes' kinds: memberships, or people's ties to organisations such as their trust in them")); --layer all compares every layer"
      )
    }
  }
  return s
}
