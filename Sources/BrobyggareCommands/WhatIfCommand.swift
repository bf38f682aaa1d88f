import Brobyggare
import Foundation

let whatifSpec = CommandSpec(
  name: "whatif", abstract: "What happens if people leave: components, fragmentation, reach lost, group pairs cut off.",
  positionals: [netArgument],
  options: inputOptions + selectionOptions + [
    OptionSpec(name: "remove", valueName: "ids", help: "Comma-separated ids or labels of the nodes that leave."),
    OptionSpec(name: "key-players", valueName: "k", help: "Instead of --remove: find k nodes whose leaving fragments the network most (greedy)."),
    OptionSpec(name: "distance-weighted", help: "With --key-players: maximise distance-weighted fragmentation."),
    OptionSpec(name: "group", valueName: "attribute", help: "Also list the pairs of groups that lose all contact."),
    digitsOption, threadsOption, helpOption,
  ],
  discussion: """
    Before is the whole network (the same whoever leaves); after is measured on the nodes
    that remain: weak components, the largest one, fragmentation and distance-weighted
    fragmentation (Borgatti 2006). Also the ordered pairs of remaining nodes that can no
    longer reach each other, and with --group the group pairs that lose every path.
    --remove takes ids or labels (a label that names exactly one node). Also the group betweenness of the removed set (Everett and Borgatti 1999):
    over pairs of remaining nodes, the share of their shortest paths that ran through the set. Reachability follows tie direction on directed networks.
    """)

extension BrobyggareCommandLine {
  static func whatif(_ p: ParsedArguments, _ out: inout Outcome) throws {
    let path = p.positionals[0]
    let net = try readNetwork(path, p)
    let selection = try tieSelection(p, network: net)
    let adj = try net.adjacency(selection)
    var removed: [Int]
    if let k = p.value("key-players") {
      guard p.value("remove") == nil else { throw UsageError(message: "Give --remove or --key-players, not both") }
      guard net.nodeCount >= 2 else {
        throw UsageError(message: "--key-players needs a network of at least 2 nodes; this one has \(net.nodeCount)")
      }
      guard let count = Int(k), count > 0, count < net.nodeCount else {
        throw UsageError(message: "--key-players takes a whole number from 1 to \(net.nodeCount - 1), not '\(k)'")
      }
      // Every step scores every candidate by a search from every node: check the work first.
      let work = adj.keyPlayerWork(count: count)
      if work > Adjacency.keyPlayerWorkLimit {
        let perStep = adj.keyPlayerWork(count: 1)
        let feasibleK = Int(Adjacency.keyPlayerWorkLimit / perStep)
        // Nodes at this density for which one step fits: n² (n + n·arcs/n) within the limit.
        let density = 1 + Double(adj.arcCount) / Double(net.nodeCount)
        let feasibleN = Int(Foundation.cbrt(Adjacency.keyPlayerWorkLimit / density))
        let advice = feasibleK >= 1
          ? "at most --key-players \(feasibleK) fits"
          : "even --key-players 1 does not fit; at this density about \(feasibleN) nodes would"
        throw UsageError(message: "--key-players \(count) on \(net.nodeCount) nodes and \(adj.arcCount) arcs needs up to \(scientific(work)) steps of breadth-first search (k × n candidates × n searches × (n + arcs)), over the limit of \(scientific(Adjacency.keyPlayerWorkLimit)); \(advice)")
      }
      removed = adj.greedyKeyPlayers(count: count, distanceWeighted: p.flag("distance-weighted"), threads: try threadCount(p))
    } else {
      guard let ids = p.value("remove") else { throw UsageError(message: "Missing expected option '--remove <ids>' (or --key-players <k>)", command: whatifSpec) }
      removed = []
      // A whole value that names one node (an id with a comma in it, say) is that node.
      let names = net.index(of: ids) != nil ? [ids] : ids.split(separator: ",").map(String.init)
      for name in names where !trimmingSpaces(name).isEmpty {
        let i = try nodeIndex(name, in: net)
        // As with --drop's rates, a node named twice is refused: it is likely a slip.
        if removed.contains(i) {
          throw UsageError(message: "--remove names the node \(quotedName(net.nodes[i].id)) twice")
        }
        removed.append(i)
      }
      if removed.isEmpty { throw UsageError(message: "--remove names no node") }
    }
    var groups: (groups: [Int], names: [String])?
    if let g = p.value("group") { groups = try groupsOrUsageError(net, g) }
    let e = adj.removalEffect(of: removed, groups: groups?.groups)
    var lines: [String] = []
    lines.append("network: \(path)")
    lines.append("analysed: \(describe(selection, network: net))")
    lines.append("removed: \(removed.map { net.nodes[$0].id }.joined(separator: ", "))\(p.value("key-players") != nil ? " (greedy key players, \(p.flag("distance-weighted") ? "distance-weighted fragmentation" : "fragmentation"))" : "")")
    lines.append("before: the whole network (\(e.nodesBefore) nodes); after: the \(e.remainingNodes) who remain")
    lines.append("weak components: \(e.componentsBefore) -> \(e.componentsAfter) (largest \(e.largestBefore) -> \(e.largestAfter))")
    lines.append("fragmentation: \(human(e.fragmentationBefore)) -> \(human(e.fragmentationAfter))")
    lines.append("distance-weighted fragmentation: \(human(e.distanceFragmentationBefore)) -> \(human(e.distanceFragmentationAfter))")
    lines.append("ordered pairs that lose reach: \(e.reachLost)")
    let gb = adj.groupBetweenness(of: removed, lengths: try ArcLengths(adj, transform: .hops))
    lines.append("group betweenness of the removed (Everett-Borgatti, hops): \(human(gb.raw)) (\(human(gb.share)) of the pairs of remaining nodes)")
    if let groups {
      let cut = e.groupPairsCut.map { "\(groups.names[$0.0]) \(net.isDirected ? "->" : "--") \(groups.names[$0.1])" }
      lines.append("group pairs that lose all contact: \(cut.isEmpty ? "none" : cut.joined(separator: "; "))")
    }
    out.stdout = lines.joined(separator: "\n") + "\n"
  }
}

/// A large count for a message: 1.3e9 style, two significant digits.
private func scientific(_ x: Double) -> String {
  let e = Int(Foundation.floor(Foundation.log10(x)))
  let m = (x / Foundation.pow(10, Double(e)) * 10).rounded() / 10
  return "\(m)e\(e)"
}
