import Brobyggare
import Foundation

let whatifSpec = CommandSpec(
  name: "whatif",
  abstract:
    "What happens if people leave: components, fragmentation, reach lost, group pairs cut off.",
  positionals: [netArgument],
  options: inputOptions + selectionOptions + [
    OptionSpec(
      name: "remove", valueName: "ids",
      help:
        "Comma-separated ids or labels of the nodes that leave; each node once, so at most as many as the network has nodes (work linear in the list)."
    ),
    OptionSpec(
      name: "key-players", valueName: "k",
      help: "Instead of --remove: find k nodes whose leaving fragments the network most (greedy)."),
    OptionSpec(
      name: "distance-weighted",
      help: "With --key-players: maximise distance-weighted fragmentation."),
    OptionSpec(
      name: "group", valueName: "attribute",
      help: "Also list the pairs of groups that lose all contact."),
    OptionSpec(
      name: "drop-layer", valueName: "layer",
      help:
        "Instead of removing nodes: every node's betweenness with all the layers analysed and without this one, largest loss first."
    ),
    OptionSpec(
      name: "distance", valueName: "transform",
      help:
        "With --drop-layer: trust to length for betweenness, as in metrics: hops, reciprocal, negativeLog, raw (default: hops)."
    ),
  ] + outputOptions + [threadsOption, helpOption],
  discussion: """
    Before is the whole network (the same whoever leaves); after is measured on the nodes
    that remain: components (weak ones on a directed network), the largest one, fragmentation and distance-weighted
    fragmentation (Borgatti 2006). Also the ordered pairs of remaining nodes that can no
    longer reach each other, and with --group the group pairs that lose every path.
    --remove takes ids or labels (a label that names exactly one node). Also the group betweenness of the removed set (Everett and Borgatti 1999):
    over pairs of remaining nodes, the share of their shortest paths that ran through the set. Reachability follows tie direction on directed networks.

    With --drop-layer LAYER, a table instead: each node's betweenness (Brandes; as metrics
    computes it, with the same --layer, --merge, --weight and --distance) on all the layers
    analysed and on them without LAYER; change = without - with (negative: bridging lost);
    rank_with and rank_without (1 = highest; equal values share the better rank) and
    rank_change = rank_without - rank_with (positive: the node falls); exclusive_share, the
    share of the node's neighbours reached through LAYER only (exclusive relevance, see
    'brobyggare layers'). Rows run from the largest loss, then by id: whose bridging rests on
    that kind of tie alone. --format, --excel and -o are for this table.
    """)

extension BrobyggareCommandLine {
  static func whatif(_ p: ParsedArguments, _ out: inout Outcome) throws {
    let path = p.positionals[0]
    if p.value("drop-layer") != nil { return try whatifDropLayer(p, &out) }
    for name in ["distance", "format", "output"] where p.value(name) != nil {
      throw UsageError(
        message:
          "--\(name) goes with --drop-layer (the summary of --remove and --key-players is text)")
    }
    if p.flag("excel") {
      throw UsageError(
        message:
          "--excel goes with --drop-layer (the summary of --remove and --key-players is text)")
    }
    if p.flag("distance-weighted") && p.value("key-players") == nil {
      throw UsageError(
        message:
          "--distance-weighted goes with --key-players (it chooses whom to remove); the summary of --remove gives distance-weighted fragmentation anyway"
      )
    }
    let net = try readNetwork(path, p)
    let selection = try tieSelection(p, network: net)
    let adj = try net.adjacency(selection)
    var removed: [Int]
    if let k = p.value("key-players") {
      guard p.value("remove") == nil else {
        throw UsageError(message: "Give --remove or --key-players, not both")
      }
      guard net.nodeCount >= 2 else {
        throw UsageError(
          message:
            "--key-players needs a network of at least 2 nodes; this one has \(net.nodeCount)")
      }
      guard let count = Int(k), count > 0, count < net.nodeCount else {
        throw UsageError(
          message: "--key-players takes a whole number from 1 to \(net.nodeCount - 1), not '\(k)'")
      }
      // Every step scores every candidate by a search from every node: check the work first.
      let work = adj.keyPlayerWork(count: count)
      if work > Adjacency.keyPlayerWorkLimit {
        let perStep = adj.keyPlayerWork(count: 1)
        let feasibleK = Int(Adjacency.keyPlayerWorkLimit / perStep)
        // Nodes at this density for which one step fits: n² (n + n·arcs/n) within the limit.
        let density = 1 + Double(adj.arcCount) / Double(net.nodeCount)
        let feasibleN = Int(Foundation.cbrt(Adjacency.keyPlayerWorkLimit / density))
        let advice =
          feasibleK >= 1
          ? "at most --key-players \(feasibleK) fits"
          : "even --key-players 1 does not fit; at this density about \(feasibleN) nodes would"
        throw UsageError(
          message:
            "--key-players \(count) on \(net.nodeCount) nodes and \(adj.arcCount) arcs needs up to \(scientific(work)) steps of breadth-first search (k × n candidates × n searches × (n + arcs)), over the limit of \(scientific(Adjacency.keyPlayerWorkLimit)); \(advice)"
        )
      }
      removed = adj.greedyKeyPlayers(
        count: count, distanceWeighted: p.flag("distance-weighted"), threads: try threadCount(p))
    } else {
      guard let ids = p.value("remove") else {
        throw UsageError(
          message: "Missing expected option '--remove <ids>' (or --key-players <k>)",
          command: whatifSpec)
      }
      removed = try removedNodes(ids, in: net)
    }
    var groups: (groups: [Int], names: [String])?
    if let g = p.value("group") { groups = try groupsOrUsageError(net, g, selection: selection) }
    let e = adj.removalEffect(of: removed, groups: groups?.groups)
    if net.isDirected && !hasReconstructedTies(net) {
      // Those who did not answer named no one, unless the file says otherwise: the note says
      // what this file holds.
      var named = [Bool](repeating: false, count: net.nodeCount)
      for tie in net.ties where selection.includes(layer: tie.layer) { named[tie.source] = true }
      let silent = net.nodes.indices.filter { net.nodes[$0].answered == false }
      let mute = silent.filter { !named[$0] }.count
      noteNonRespondents(
        net,
        effect: mute == silent.count
          ? "no path leads out of them, so much of the fragmentation may be their silence, not pairs out of reach"
          : mute == 0
            ? "their ties out are in the file, but the ties they would have named are unknown, so pairs may be out of reach for want of an answer"
            : "\(mute) of them \(mute == 1 ? "has" : "have") no tie out, so no path leads out of \(mute == 1 ? "that one" : "those"), and much of the fragmentation may be their silence, not pairs out of reach"
      )
    }
    var lines: [String] = []
    lines.append("network: \(path)")
    lines.append("analysed: \(describe(selection, network: net))")
    lines.append(
      "removed: \(removed.map { net.nodes[$0].id }.joined(separator: ", "))\(p.value("key-players") != nil ? " (greedy key players, \(p.flag("distance-weighted") ? "distance-weighted fragmentation" : "fragmentation"))" : "")"
    )
    lines.append(
      "before: the whole network (\(e.nodesBefore) nodes); after: the \(e.remainingNodes) who remain"
    )
    lines.append(
      "\(net.isDirected ? "weak components" : "components"): \(e.componentsBefore) -> \(e.componentsAfter) (largest \(e.largestBefore) -> \(e.largestAfter))"
    )
    // On a directed network a pair is reached along the ties' direction: the share of ordered
    // pairs with no directed path, not the undirected share.
    let along = net.isDirected ? " (ordered pairs, along the ties' direction)" : ""
    lines.append(
      "fragmentation\(along): \(human(e.fragmentationBefore)) -> \(human(e.fragmentationAfter))")
    lines.append(
      "distance-weighted fragmentation\(along): \(human(e.distanceFragmentationBefore)) -> \(human(e.distanceFragmentationAfter))"
    )
    lines.append("ordered pairs that lose reach: \(e.reachLost)")
    let gb = adj.groupBetweenness(of: removed, lengths: try ArcLengths(adj, transform: .hops))
    lines.append(
      "group betweenness of the removed (Everett-Borgatti, hops): \(human(gb.raw)) (\(human(gb.share)) of the pairs of remaining nodes)"
    )
    if let groups {
      let cut = e.groupPairsCut.map {
        "\(groups.names[$0.0]) \(net.isDirected ? "->" : "--") \(groups.names[$0.1])"
      }
      lines.append(
        "group pairs that lose all contact: \(cut.isEmpty ? "none" : cut.joined(separator: "; "))")
      // A group whose members all leave has no one left to be cut off, so it is in no pair
      // above; its contact with every other group is gone all the same.
      var left = [Int](repeating: 0, count: groups.names.count)
      var members = left
      let isRemoved = Set(removed)
      for (v, g) in groups.groups.enumerated() where g >= 0 {
        members[g] += 1
        if isRemoved.contains(v) { left[g] += 1 }
      }
      let gone = groups.names.indices.filter { members[$0] > 0 && left[$0] == members[$0] }
      if !gone.isEmpty {
        lines.append(
          "groups everyone of whom leaves (no contact with any group after): \(gone.map { groups.names[$0] }.joined(separator: "; "))"
        )
      }
    }
    // A summary people read: controls from the data are shown, not sent (the table of
    // --drop-layer is for machines and keeps them).
    out.stdout = visibleControls(lines.joined(separator: "\n") + "\n")
  }
}

/// The nodes `--remove` names, in the order named: a whole value that names one node (an id
/// with a comma in it, say) is that node, else each comma-separated piece is an id or a label
/// (see `Network.node(named:)`). A node named twice is refused (as with --drop's rates, it is
/// likely a slip), so the list holds at most n nodes.
///
/// - Complexity: O(n + L) for a value of length L: ids by hash, labels from an index built
///   once, the first time a piece is not an id.
func removedNodes(_ value: String, in net: Network) throws -> [Int] {
  let names = net.index(of: value) != nil ? [value] : value.split(separator: ",").map(String.init)
  var seen = [Bool](repeating: false, count: net.nodeCount)
  var removed: [Int] = []
  var byLabel: [String: [Int]]?
  for name in names where !trimmingSpaces(name).isEmpty {
    var found = net.index(of: name) ?? net.index(of: trimmingSpaces(name))
    if found == nil {
      if byLabel == nil {
        var labels: [String: [Int]] = [:]
        for (v, node) in net.nodes.enumerated() { labels[node.label, default: []].append(v) }
        byLabel = labels
      }
      if let matches = byLabel?[trimmingSpaces(name)], matches.count == 1 { found = matches[0] }
    }
    // Anything else (a label of several nodes, a typo) takes the slower path, which says why.
    let i = try found ?? nodeIndex(name, in: net)
    if seen[i] {
      throw UsageError(message: "--remove names the node \(quotedName(net.nodes[i].id)) twice")
    }
    seen[i] = true
    removed.append(i)
  }
  if removed.isEmpty { throw UsageError(message: "--remove names no node") }
  return removed
}

extension BrobyggareCommandLine {
  /// `whatif --drop-layer LAYER`: betweenness with and without a layer, largest loss first.
  static func whatifDropLayer(_ p: ParsedArguments, _ out: inout Outcome) throws {
    let path = p.positionals[0]
    let layer = p.value("drop-layer")!
    for name in ["remove", "key-players", "group"] where p.value(name) != nil {
      throw UsageError(
        message:
          "--drop-layer compares betweenness with and without a layer; it does not take --\(name)")
    }
    if p.flag("distance-weighted") {
      throw UsageError(message: "--distance-weighted goes with --key-players, not --drop-layer")
    }
    let distance = try distanceOption(p)
    _ = try tableFormat(p)
    let threads = try threadCount(p)
    let net = try readNetwork(path, p)
    let present = net.layers
    guard present.contains(layer) else {
      throw UsageError(
        message:
          "--drop-layer: no tie is in layer \(quotedName(layer)) (the layers are: \(quotedNames(present)))\(didYouMean(closestMatches(to: layer, among: present)))"
      )
    }
    let selection = try tieSelection(p, network: net)
    let analysed = present.filter { selection.includes(layer: $0) }
    guard analysed.contains(layer) else {
      throw UsageError(
        message:
          "--drop-layer: the layer \(quotedName(layer)) is not among those analysed (\(quotedNames(analysed))); add it with --layer"
      )
    }
    var without = selection
    without.excludedLayers.insert(layer)
    let ids = net.nodes.map(\.id)
    func betweenness(_ s: TieSelection) throws -> [Double] {
      let adj = try net.adjacency(s)
      do {
        return adj.betweenness(
          lengths: try ArcLengths(adj, transform: distance, nodeIDs: ids), threads: threads)
      } catch {
        throw distanceDataError(error, file: path, network: net, selection: s)
      }
    }
    let before = try betweenness(selection)
    let after = try betweenness(without)
    let rankBefore = competitionRanks(before)
    let rankAfter = competitionRanks(after)
    let exclusive = try net.multiplexity(TieSelection(layers: Set(analysed))).exclusiveRelevance(
      ofLayer: layer)!
    let change = zip(after, before).map { $0 - $1 }
    let order = lossOrder(change, ids: ids)
    let rows: [[Cell]] = order.map { v in
      [
        .text(ids[v]), .text(net.nodes[v].label), .number(before[v]), .number(after[v]),
        .number(change[v]),
        .integer(rankBefore[v]), .integer(rankAfter[v]), .integer(rankAfter[v] - rankBefore[v]),
        .number(exclusive[v]),
      ]
    }
    var settings = [
      ("network", path), ("nodes", String(net.nodeCount)),
      ("directed", net.isDirected ? "yes" : "no"),
    ]
    settings += selectionSettings(selection, network: net)
    settings.append(("dropped layer", settingName(layer)))
    settings.append(("distance", distance.rawValue))
    settings.append(
      (
        "betweenness",
        "raw (Brandes), as metrics computes it\(net.isDirected ? "" : "; each unordered pair once")"
      ))
    settings.append(("ranked by", "change, largest loss first; ties (within 1e-9, relative) by id"))
    let table = ResultTable(
      columns: [
        "id", "label", "betweenness_with", "betweenness_without", "change", "rank_with",
        "rank_without", "rank_change", "exclusive_share",
      ],
      rows: rows, settings: settings)
    try emit(table, p, inputs: [path], &out)
  }
}

/// The rows of `whatif`: the largest loss (the most negative change) first. Changes within
/// rounding of each other (``RankCorrelation/withRoundingTies(_:)``, 1e-9 relative) are ties,
/// in id order, as `metrics --sort` and the report order them: a change is a difference of two
/// sums, and its last bits follow the order the terms were added in, not the network.
func lossOrder(_ change: [Double], ids: [String]) -> [Int] {
  let key = RankCorrelation.withRoundingTies(change).map { $0.isNaN ? Double.infinity : $0 }
  return change.indices.sorted { (key[$0], ids[$0]) < (key[$1], ids[$1]) }
}

/// Ranks from the highest value: 1 + the number of values higher by more than a rounding
/// error (``RankCorrelation/withRoundingTies(_:)``, 1e-9 relative, the rule of `metrics
/// --sort` and the report), so equal values share the better rank (1, 2, 2, 4). NaN ranks last.
func competitionRanks(_ values: [Double]) -> [Int] {
  let key = RankCorrelation.withRoundingTies(values).map { $0.isNaN ? -Double.infinity : $0 }
  let descending = key.sorted(by: >)
  return key.map { k in
    // 1 + how many keys are higher: the first place in the descending keys not above k.
    var (low, high) = (0, descending.count)
    while low < high {
      let mid = (low + high) / 2
      if descending[mid] > k { low = mid + 1 } else { high = mid }
    }
    return low + 1
  }
}

/// A large count for a message: 1.3e9 style, two significant digits.
private func scientific(_ x: Double) -> String {
  let e = Int(Foundation.floor(Foundation.log10(x)))
  let m = (x / Foundation.pow(10, Double(e)) * 10).rounded() / 10
  return "\(m)e\(e)"
}
