import Brobyggare
import Foundation

let infoSpec = CommandSpec(
  name: "info",
  abstract: "Counts, layers, attributes, density, components and (directed) reciprocity.",
  positionals: [netArgument],
  options: inputOptions + selectionOptions + [digitsOption, oneThreadOption, helpOption])

extension BrobyggareCommandLine {
  static func info(_ p: ParsedArguments, _ out: inout Outcome) throws {
    let path = p.positionals[0]
    let net = try readNetwork(path, p)
    let selection = try tieSelection(p, network: net)
    let adj = try net.adjacency(selection)
    var kinds: [NodeKind: Int] = [:]
    for n in net.nodes { kinds[n.kind, default: 0] += 1 }
    let selfLoops = net.ties.filter(\.isSelfLoop).count
    var lines: [String] = []
    lines.append("network: \(path)")
    lines.append("directed: \(net.isDirected ? "yes" : "no")")
    lines.append(
      "nodes: \(net.nodeCount) (person \(kinds[.person] ?? 0), organisation \(kinds[.organisation] ?? 0), other \(kinds[.other] ?? 0))"
    )
    lines.append(
      "ties: \(net.tieCount) (self-loops \(selfLoops); in the layers analysed, after merging parallel ties: \(adj.tieCount))"
    )
    var perLayer: [String: Int] = [:]
    var noLayer = 0
    for t in net.ties { if let l = t.layer { perLayer[l, default: 0] += 1 } else { noLayer += 1 } }
    let layerText =
      perLayer.keys.sorted().map { "\(quotedName($0)) (\(perLayer[$0]!))" }
      + (noLayer > 0 && !perLayer.isEmpty ? ["no layer (\(noLayer))"] : [])
    lines.append("layers: \(layerText.isEmpty ? "(none)" : layerText.joined(separator: ", "))")
    lines.append(
      "node attributes: \(net.nodeAttributes.isEmpty ? "(none)" : net.nodeAttributes.map { "\($0.name) (\($0.type.rawValue))" }.joined(separator: ", "))"
    )
    var tieAttrs = net.tieAttributes.map { "\($0.name) (\($0.type.rawValue))" }
    if net.hasTrust { tieAttrs.insert("\(net.trustAttributeName) (trust)", at: 0) }
    lines.append(
      "tie attributes: \(tieAttrs.isEmpty ? "(none)" : tieAttrs.joined(separator: ", "))")
    lines.append("analysed: \(describe(selection, network: net))")
    lines.append("density: \(human(adj.density))")
    let weak = adj.weakComponents
    if net.isDirected {
      lines.append("weak components: \(weak.count) (largest \(weak.largest))")
      let strong = adj.strongComponents
      lines.append("strong components: \(strong.count) (largest \(strong.largest))")
      lines.append("reciprocity: \(human(adj.reciprocity)) (\(reciprocityMeaning))")
      noteReconstructedPairs(net, path)
    } else {
      // Weak, strong and reciprocity are words for directed ties: an undirected network has
      // components, and every tie runs both ways.
      lines.append("components: \(weak.count) (largest \(weak.largest))")
    }
    out.stdout = lines.joined(separator: "\n") + "\n"
  }
}
