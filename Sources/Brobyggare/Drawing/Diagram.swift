import Foundation

/// How a network is drawn: a Graphviz DOT file with colour by group, shape by kind, size by a
/// measure, edge width by trust, a style per layer, unreciprocated ties set apart, the top
/// bridge-builders highlighted, a legend and a title. The defaults suit 20 to 500 nodes.
public struct DiagramStyle: Sendable {
  /// What node size shows.
  public enum Size: String, Sendable, CaseIterable {
    /// Every node the same size.
    case none
    /// Betweenness (Brandes), on the tie selection: the bridge-builders are the largest.
    case betweenness
    /// Degree: the number of contacts.
    case degree
    /// Gould–Fernandez brokerage, all roles (needs a group attribute).
    case brokerage
    /// Burt's constraint inverted: the least constrained are the largest.
    case constraint
  }

  /// Which nodes carry their label.
  public enum Labels: String, Sendable, CaseIterable {
    /// All when there are at most 60 nodes, otherwise the top k only.
    case auto, all, top, none
  }

  /// The node attribute whose values colour the nodes (and make the clusters).
  public var group: String?
  /// What node size shows (default betweenness).
  public var size: Size = .betweenness
  /// How many bridge-builders (by `size`) to highlight and always label.
  public var top = 5
  /// Which nodes carry their label (default: all up to 60 nodes, else the top k).
  public var labels: Labels = .auto
  /// One Graphviz cluster per group.
  public var clusters = false
  /// Draw a legend naming the group attribute, its colours, the shapes and the layers' styles.
  public var legend = true
  /// A title above the drawing, or `nil` for none.
  public var title: String?
  /// The Graphviz layout engine; `nil` chooses by size: `neato` up to 200 nodes, `sfdp`
  /// above, `fdp` with clusters, `twopi` (ego at the centre) for ego networks.
  public var layout: String?
  /// Draw only this node, its contacts and the ties among them (Burt's ego network).
  public var ego: String?
  /// The ties drawn and measured (layers, weight, merge).
  public var selection: TieSelection = .all
  /// Leave out the nodes without a tie in the selection (an ego is always drawn).
  public var hideIsolates = false
  /// Greys instead of colours, for print: groups take ``greys`` (light to dark, labels in white
  /// on the darker ones), told apart by the legend.
  public var greyscale = false
  /// The resolution of a bitmap Graphviz makes from the drawing (its `dpi` graph attribute;
  /// PNG), or `nil` for Graphviz's 96. Between 36 and 1200.
  public var dpi: Int?
  /// Give every node and tie an id in the SVG Graphviz draws, for a page's script to find:
  /// node `n`*index*, tie `e-`*source*`-`*target*`-`*layer* (indices into the nodes and the
  /// sorted layer names of the selection; −1 without a layer).
  public var elementIDs = false
  /// Threads for sizing by betweenness (the drawing does not depend on it).
  public var threads = Threads.available

  /// The default style: colour by no group, size by betweenness, the top 5 highlighted,
  /// labels chosen by size, a legend, the layout chosen by size.
  public init() {}

  /// A colour-blind-safe palette (Okabe and Ito 2008, https://jfly.uni-koeln.de/color/):
  /// groups take colours in the sorted order of their names, so the same group gets the same
  /// colour in every drawing of the same network; beyond eight groups the colours repeat.
  public static let palette = [
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999",
  ]
  /// Greys for `greyscale`, from light to dark, each at least 12 % apart in lightness.
  public static let greys = [
    "#FFFFFF", "#D9D9D9", "#B3B3B3", "#8C8C8C", "#666666", "#404040", "#EDEDED", "#C6C6C6",
  ]
  /// The greys dark enough to take white labels.
  static let darkGreys: Set<String> = ["#666666", "#404040"]
  /// Line styles by layer, in the sorted order of the layer names.
  public static let layerStyles = ["solid", "dashed", "dotted", "bold"]
  /// The Graphviz layout engines a style may name.
  public static let layouts = ["dot", "neato", "fdp", "sfdp", "circo", "twopi"]
}

/// Problems drawing a network.
public enum DiagramError: Error, Equatable, CustomStringConvertible {
  /// The ego named for an ego network is not a node id.
  case unknownEgo(String)
  /// Size by brokerage was asked for without a group attribute.
  case brokerageNeedsGroup
  /// The layout is not one of ``DiagramStyle/layouts``.
  case unknownLayout(String)
  /// The resolution is outside 36 to 1200 dpi.
  case dpiOutOfRange(Int)

  public var description: String {
    switch self {
    case .unknownEgo(let id): "no node has the id '\(id)'"
    case .brokerageNeedsGroup: "sizing by brokerage needs a group attribute (--group)"
    case .unknownLayout(let l):
      "unknown layout '\(l)'; expected one of \(DiagramStyle.layouts.joined(separator: ", "))"
    case .dpiOutOfRange(let d): "the resolution must be from 36 to 1200 dpi, not \(d)"
    }
  }
}

extension Network {
  /// The network as a styled DOT diagram (see ``DiagramStyle``). Deterministic: the same
  /// network and style give the same bytes.
  public func diagram(_ style: DiagramStyle = DiagramStyle()) throws -> String {
    if let l = style.layout, !DiagramStyle.layouts.contains(l) {
      throw DiagramError.unknownLayout(l)
    }
    if let d = style.dpi, !(36...1200).contains(d) { throw DiagramError.dpiOutOfRange(d) }
    let adj = try adjacency(style.selection)
    let n = nodeCount
    // Node values for size (on the whole network, also for an ego drawing).
    var value = [Double](repeating: 0, count: n)
    switch style.size {
    case .none: break
    case .betweenness: value = try betweenness(selection: style.selection, threads: style.threads)
    case .degree: value = adj.degrees.degree.map(Double.init)
    case .brokerage:
      guard let g = style.group else { throw DiagramError.brokerageNeedsGroup }
      value = try brokerageRoles(by: g, selection: style.selection).raw[5]
    case .constraint:
      let c = adj.structuralHoles().constraint
      let maxC = c.filter { $0.isFinite }.max() ?? 0
      value = c.map { $0.isFinite ? maxC - $0 : 0 }
    }
    // Which nodes to draw.
    var shown = [Bool](repeating: true, count: n)
    var egoIndex: Int?
    if let e = style.ego {
      guard let i = index(of: e) else { throw DiagramError.unknownEgo(e) }
      egoIndex = i
      shown = [Bool](repeating: false, count: n)
      shown[i] = true
      for w in adj.successors(of: i) { shown[Int(w)] = true }
      for w in adj.predecessors(of: i) { shown[Int(w)] = true }
    }
    if style.hideIsolates {
      let degree = adj.degrees.degree
      for i in 0..<n where degree[i] == 0 && i != egoIndex { shown[i] = false }
    }
    let drawn = (0..<n).filter { shown[$0] }
    let topK =
      style.size == .none
      ? []
      : Array(
        drawn.sorted { (value[$0] > value[$1]) || (value[$0] == value[$1] && $0 < $1) }.prefix(
          style.top
        ).filter { value[$0] > 0 })
    let isTop = Set(topK)
    let maxValue = drawn.map { value[$0] }.filter(\.isFinite).max() ?? 0

    // Groups and colours.
    var groupName = [String](repeating: "", count: n)
    var groupNames: [String] = []
    if let g = style.group {
      // The groups as every group measure reads them (trimmed, numbers in numeric order);
      // nodes without a value are drawn as a group of their own, "(no group)", last.
      let a = try groupAssignment(by: g)
      groupName = a.groups.map { $0 >= 0 ? a.names[$0] : "(no group)" }
      // Colours come from every group in the network, so an ego drawing keeps them.
      groupNames = a.names + (a.ungrouped > 0 ? ["(no group)"] : [])
    }
    let drawnGroups = Set(drawn.map { groupName[$0] })
    let palette = style.greyscale ? DiagramStyle.greys : DiagramStyle.palette
    let colourOf = Dictionary(
      uniqueKeysWithValues: groupNames.enumerated().map { ($1, palette[$0 % palette.count]) })
    let layerNames = Array(Set(ties.compactMap(\.layer))).sorted().filter {
      style.selection.includes(layer: $0)
    }
    let layerStyle = Dictionary(
      uniqueKeysWithValues: layerNames.enumerated().map {
        ($1, DiagramStyle.layerStyles[$0 % DiagramStyle.layerStyles.count])
      })
    let labelAll: Bool
    switch style.labels {
    case .auto: labelAll = drawn.count <= 60
    case .all: labelAll = true
    case .top, .none: labelAll = false
    }
    let layout =
      style.layout
      ?? (egoIndex != nil
        ? "twopi" : style.clusters ? "fdp" : drawn.count <= 200 ? "neato" : "sfdp")

    // Shapes by kind only where the data says what kind each node is.
    let hasKinds = nodes.contains { $0.attributes["kind"] != nil }
    let q = DOTFormat.quote
    var out = "\(isDirected ? "digraph" : "graph") \(q(graphID ?? "network")) {\n"
    var graphAttrs = [
      "layout=\(q(layout))", "overlap=\"false\"", "outputorder=\"edgesfirst\"",
      "fontname=\"Helvetica\"",
    ]
    if layout == "neato" || layout == "fdp" { graphAttrs += ["start=\"1\"", "splines=\"true\""] }
    if let e = egoIndex { graphAttrs.append("root=\(q(nodes[e].id))") }
    if let d = style.dpi { graphAttrs.append("dpi=\"\(d)\"") }
    if let t = style.title ?? style.ego.map({ "Ego network of \(nodes[index(of: $0)!].label)" }) {
      graphAttrs += ["label=\(q(t))", "labelloc=\"t\"", "fontsize=\"18\""]
    }
    out += "  graph [\(graphAttrs.joined(separator: ", "))];\n"
    out +=
      "  node [style=\"filled\", fontname=\"Helvetica\", fontsize=\"10\", color=\"#333333\", fixedsize=\"shape\"];\n"
    out += "  edge [color=\"#555555\", arrowsize=\"0.6\"];\n"

    func nodeLine(_ i: Int) -> String {
      let node = nodes[i]
      let shape: String
      switch hasKinds ? node.kind : .person {
      case .person: shape = "ellipse"
      case .organisation: shape = "box"
      case .other: shape = "diamond"
      }
      let v = value[i].isFinite && maxValue > 0 ? value[i] / maxValue : 0
      let width = style.size == .none ? 0.6 : 0.35 + 1.0 * v.squareRoot()
      var a = [
        "shape=\(q(shape))", "width=\(q(formatFixed(width)))",
        "height=\(q(formatFixed(shape == "box" ? width * 0.6 : width * 0.75)))",
        "fillcolor=\(q(style.group == nil ? "#DDDDDD" : colourOf[groupName[i]]!))",
        "tooltip=\(q(node.label))",
      ]
      if style.group != nil && DiagramStyle.darkGreys.contains(colourOf[groupName[i]]!) {
        a.append("fontcolor=\"#FFFFFF\"")
      }
      let labelled = labelAll || (style.labels != .none && isTop.contains(i)) || i == egoIndex
      a.append("label=\(q(labelled ? node.label : ""))")
      if labelled && !isTop.contains(i) && i != egoIndex { a.append("xlabel=\"\"") }
      if isTop.contains(i) || i == egoIndex {
        a += ["penwidth=\"3\"", "fontname=\"Helvetica-Bold\"", "fontsize=\"12\""]
      }
      if i == egoIndex { a.append("peripheries=\"2\"") }
      if style.elementIDs { a.append("id=\"n\(i)\"") }
      return "\(q(node.id)) [\(a.joined(separator: ", "))];\n"
    }
    if style.clusters && style.group != nil {
      for (k, g) in groupNames.enumerated() where drawnGroups.contains(g) {
        out +=
          "  subgraph \(q("cluster_\(k)")) {\n    label=\(q(g)); color=\(q(colourOf[g]!)); fontname=\"Helvetica\";\n"
        for i in drawn where groupName[i] == g { out += "    " + nodeLine(i) }
        out += "  }\n"
      }
    } else {
      for i in drawn { out += "  " + nodeLine(i) }
    }

    // Ties: one line per pair and layer; trust as width; mutual directed ties once, both ways.
    let maxTrust = ties.compactMap(\.trust).filter(\.isFinite).max() ?? 1
    var seen = Set<[Int]>()
    var arcsPresent = Set<[Int]>()
    for t in ties where !t.isSelfLoop {
      arcsPresent.insert([t.source, t.target, layerNames.firstIndex(of: t.layer ?? "") ?? -1])
    }
    let arrow = isDirected ? "->" : "--"
    for t in ties where !t.isSelfLoop && shown[t.source] && shown[t.target] {
      if !style.selection.includes(layer: t.layer) { continue }
      let l = layerNames.firstIndex(of: t.layer ?? "") ?? -1
      let key =
        isDirected
        ? [t.source, t.target, l] : [min(t.source, t.target), max(t.source, t.target), l]
      if seen.contains(key) { continue }
      let mutual = isDirected && arcsPresent.contains([t.target, t.source, l])
      if mutual { seen.insert([t.target, t.source, l]) }
      seen.insert(key)
      var trust = t.trust ?? 1
      if mutual,
        let back = ties.first(where: {
          $0.source == t.target && $0.target == t.source && ($0.layer ?? "") == (t.layer ?? "")
        })?.trust
      {
        trust = (trust + back) / 2
      }
      var a = ["penwidth=\(q(formatFixed(0.6 + 2.4 * max(0, trust) / max(maxTrust, 1e-12))))"]
      if let layer = t.layer, let s = layerStyle[layer], s != "solid" { a.append("style=\(q(s))") }
      if style.elementIDs { a.append("id=\"e-\(t.source)-\(t.target)-\(l)\"") }
      if mutual {
        a.append("dir=\"both\"")
      } else if isDirected {
        a += ["color=\"#999999\"", "arrowhead=\"empty\""]
      }
      out +=
        "  \(q(nodes[t.source].id)) \(arrow) \(q(nodes[t.target].id)) [\(a.joined(separator: ", "))];\n"
    }

    if style.legend {
      // The legend is a node of the drawing: its id must be no person's (a node called
      // "legend" would otherwise be drawn as the legend, its ties attached).
      let ids = Set(nodes.map(\.id))
      var legendID = "legend"
      var k = 1
      while ids.contains(legendID) {
        legendID = "legend_\(k)"
        k += 1
      }
      out +=
        "  \(q(legendID)) [shape=\"plain\", style=\"\", fixedsize=\"false\", label=<\(legendTable(groupNames.filter(drawnGroups.contains), colourOf, layerNames, layerStyle, style, drawn: drawn))>];\n"
    }
    return out + "}\n"
  }

  private func legendTable(
    _ groups: [String], _ colour: [String: String], _ layers: [String],
    _ layerStyle: [String: String],
    _ style: DiagramStyle, drawn: [Int]
  ) -> String {
    let esc = escapeXML
    var rows = "<TR><TD COLSPAN=\"2\"><B>Legend</B></TD></TR>"
    // The groups under the attribute's name ("sector"), not under nothing.
    if let g = style.group, !groups.isEmpty {
      rows += "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><I>colour: \(esc(g))</I></TD></TR>"
    }
    for g in groups {
      rows +=
        "<TR><TD BGCOLOR=\"\(colour[g]!)\" WIDTH=\"16\"> </TD><TD ALIGN=\"LEFT\">\(esc(g))</TD></TR>"
    }
    let kinds =
      nodes.contains { $0.attributes["kind"] != nil } ? Set(drawn.map { nodes[$0].kind }) : []
    for (k, shape) in [
      (NodeKind.person, "ellipse: person"), (.organisation, "box: organisation"),
      (.other, "diamond: other"),
    ] where kinds.contains(k) {
      rows += "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">\(shape)</TD></TR>"
    }
    for l in layers {
      rows += "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">\(layerStyle[l]!) line: \(esc(l))</TD></TR>"
    }
    if hasTrust { rows += "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">line width: trust</TD></TR>" }
    if isDirected {
      rows += "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">grey, open arrow: not reciprocated</TD></TR>"
    }
    if style.size != .none {
      rows +=
        "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">size: \(style.size == .constraint ? "low constraint" : style.size.rawValue); thick border: top \(style.top)</TD></TR>"
    }
    return
      "<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"3\">\(rows)</TABLE>"
  }
}

/// A number with at most three decimals, for drawing sizes.
func formatFixed(_ x: Double) -> String {
  formatNumber((x * 1000).rounded() / 1000)
}
