import Brobyggare
import Foundation

let bridgesSpec = CommandSpec(
  name: "bridges", abstract: "Local bridges: ties whose ends share no contact, with their span.",
  positionals: [netArgument],
  options: inputOptions + selectionOptions + outputOptions + [oneThreadOption, helpOption],
  discussion: """
    A local bridge (Granovetter 1973) is a tie whose two ends have no contact in common: the
    short cut between two parts of the network. Its span is the number of steps between its
    ends once the tie is gone; "inf" marks a bridge, whose loss disconnects them. As networkx's
    local_bridges(with_span=True), on the undirected view (direction ignored). Rows are ranked
    by span, widest first.
    """)

extension BrobyggareCommandLine {
  static func bridges(_ p: ParsedArguments, _ out: inout Outcome) throws {
    let path = p.positionals[0]
    _ = try tableFormat(p)
    let net = try readNetwork(path, p)
    noteNonRespondents(net, effect: nonRespondentEffectOnBridges)
    let selection = try tieSelection(p, network: net)
    let ids = net.nodes.map(\.id)
    let list = try net.adjacency(selection).localBridges().sorted {
      ($1.span, ids[$0.source], ids[$0.target]) < ($0.span, ids[$1.source], ids[$1.target])
    }
    let rows: [[Cell]] = list.map { b in
      [
        .text(ids[b.source]), .text(ids[b.target]), .text(net.nodes[b.source].label),
        .text(net.nodes[b.target].label),
        b.span.isFinite ? .integer(Int(b.span)) : .text("inf"), .boolean(!b.span.isFinite),
      ]
    }
    var settings = [
      ("network", path), ("nodes", String(net.nodeCount)),
      ("directed", net.isDirected ? "yes" : "no"),
    ]
    // Local bridges and their span count ties, on the undirected view (networkx's
    // local_bridges takes undirected graphs): the trust is not read.
    settings += selectionSettings(
      selection, network: net, weightNotRead: "local bridges and their span count ties")
    if net.isDirected {
      settings.append(("view", "undirected: a pair tied either way or both is one tie"))
    }
    settings.append(("local bridges", String(list.count)))
    try emit(
      ResultTable(
        columns: ["source", "target", "source_label", "target_label", "span", "bridge"], rows: rows,
        settings: settings),
      p, inputs: [path], &out)
  }
}
