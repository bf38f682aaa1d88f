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
        "One row per pair of layers (ties in each, in both, Jaccard, graph correlation) instead of one row per node."
    ),
  ] + outputOptions + [oneThreadOption, helpOption],
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
    node). A directed tie is an ordered pair; an undirected one is counted once.
    """)

extension BrobyggareCommandLine {
  static func layers(_ p: ParsedArguments, _ out: inout Outcome) throws {
    let path = p.positionals[0]
    _ = try tableFormat(p)
    let net = try readNetwork(path, p)
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
    settings.append(
      (
        "ties",
        "each layer as a simple graph (self-loops dropped, parallel ties one); weights not read"
      ))
    let table: ResultTable
    if p.flag("pairs") {
      guard compared.count >= 2 else {
        throw UsageError(
          message:
            "--pairs compares two or more layers; \(compared.count == 1 ? "only \(quotedName(compared[0])) is" : "none is") compared (the layers are: \(quotedNames(net.layers)); --layer picks them, 'all' takes every one)"
        )
      }
      let overlap = try net.layerOverlap(selection)
      settings.append(
        (
          "correlation",
          "graph correlation of the 0/1 matrices off the diagonal over all \(net.nodeCount) nodes (sna::gcor, mode \(net.isDirected ? "digraph" : "graph"))"
        ))
      table = ResultTable(
        columns: [
          "layer_a", "layer_b", "ties_a", "ties_b", "ties_both", "ties_either", "jaccard",
          "correlation",
        ],
        rows: overlap.pairs.map { x in
          [
            .text(x.first), .text(x.second), .integer(x.firstTies), .integer(x.secondTies),
            .integer(x.sharedTies),
            .integer(x.unionTies), .number(x.jaccard), .number(x.correlation),
          ]
        }, settings: settings)
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
        "left out the affiliation layers \(affiliation.layers.map { "'\($0)'" }.joined(separator: ", ")) (person to organisation\(affiliation.declared ? "" : ", found from the nodes' kinds")); --layer all compares every layer"
      )
    }
  }
  return s
}
