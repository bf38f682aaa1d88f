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
  /// Which nodes carry their label (default: all up to 60 nodes, else the top k). Set
  /// ``labelCount`` to label a chosen number instead.
  public var labels: Labels = .auto
  /// Label exactly this many nodes (and an ego), the highest by ``labelMeasure``: a label
  /// threshold (`--labels top:K[:MEASURE]`). `nil` (the default) leaves the choice to
  /// ``labels``; a count above the nodes drawn labels them all. Nodes whose value is 0 or
  /// undefined are not ranked, so fewer may be labelled; equal values are taken in the order of the nodes. The highlighted top k keep their thick
  /// border, labelled or not.
  public var labelCount: Int?
  /// The measure ``labelCount`` ranks by; `nil` for ``size``. Must not be ``Size/none``.
  public var labelMeasure: Size?
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
  /// Positions fixed by an earlier layout run, for small multiples (``PinnedLayout``); `nil`
  /// lets Graphviz lay the drawing out.
  package var pinned: PinnedLayout?

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
  /// The name the legend gives nodes without a group.
  public static let noGroup = "(no group)"
  /// The fill of nodes without a group (drawn with a dashed outline): no group's colour.
  public static let noGroupColour = "#FFFFFF"
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
  /// A label threshold (``DiagramStyle/labelCount``) with no measure to rank by: the measure
  /// named, or the size when none is named, is ``DiagramStyle/Size/none``.
  case labelsNeedAMeasure
  /// A negative label count.
  case negativeLabelCount(Int)

  public var description: String {
    switch self {
    case .unknownEgo(let id): "no node has the id '\(id)'"
    case .brokerageNeedsGroup:
      "sizing or labelling by brokerage needs a group attribute (--group)"
    case .labelsNeedAMeasure:
      "a label threshold ranks the nodes by a measure, and none is chosen (the size is none); name one, as in top:10:degree"
    case .negativeLabelCount(let k): "the number of nodes to label must be 0 or more, not \(k)"
    case .unknownLayout(let l):
      "unknown layout '\(l)'; expected one of \(DiagramStyle.layouts.joined(separator: ", "))"
    case .dpiOutOfRange(let d): "the resolution must be from 36 to 1200 dpi, not \(d)"
    }
  }
}

/// Positions fixed by an earlier layout run, so that the panels of a small multiple put every
/// node at the same place: each node is drawn with `pos="x,y!"` (points), for Graphviz's
/// `neato -n2` to keep.
package struct PinnedLayout: Sendable {
  /// Each node's position in points, by id (with the legend's, under ``legendID``).
  package var positions: [String: (x: Double, y: Double)]
  /// Nodes of the layout that this panel's network lacks (absent from a wave), as id and
  /// label: drawn faded (a dotted grey outline without fill or label) at their place.
  package var absent: [(id: String, label: String)] = []
  /// Every group of every panel, in the order that gives them colours, so a group keeps its
  /// colour in every panel; `nil` for this network's own.
  package var groupNames: [String]?
  /// The legend's id in the layout run.
  package var legendID: String?
  /// The largest node value and trust over every panel, so that a node of the same size or a
  /// tie of the same trust is drawn the same in every panel; `nil` for this network's own.
  package var largestValue: Double?
  /// The largest trust over every panel's ties (see ``largestValue``).
  package var largestTrust: Double?
  /// Every layer of every panel, sorted, so that a layer keeps its line style in every panel;
  /// `nil` for this network's own.
  package var layerNames: [String]?

  package init(positions: [String: (x: Double, y: Double)]) { self.positions = positions }

  /// The position of the node with this id, found under the name Graphviz gave it (an id with
  /// `&`, a backslash or a line break is named otherwise: ``DOTFormat/graphvizName(ofQuoted:)``).
  package func position(of id: String) -> (x: Double, y: Double)? {
    positions[DOTFormat.graphvizName(ofQuoted: id)]
  }
}

/// A drawing and what was decided for it, for the command line's notes.
package struct DiagramDrawing: Sendable {
  /// The DOT text.
  package var dot: String
  /// The nodes that carry a label, in the order of the nodes.
  package var labelled: [Int]
  /// The measure a label threshold ranked by, when there was one.
  package var labelMeasure: DiagramStyle.Size?
  /// How many drawn nodes have a positive, finite value of that measure (those it can rank).
  package var ranked = 0
  /// The nodes drawn.
  package var drawnCount: Int
  /// The layout engine set in the file.
  package var layout: String
  /// The legend's node id, when there is a legend.
  package var legendID: String?
}

extension DiagramStyle {
  /// The Graphviz graph attributes that keep labels and nodes apart and route the ties,
  /// chosen by the number of nodes drawn `n`:
  ///
  /// - `overlap="prism"` (Gansner and Hu's proximity-stress overlap removal,
  ///   https://doi.org/10.7155/jgaa.00198) for every engine but `dot`, which does not overlap,
  ///   with `sep` (the margin kept around each node, in points: +8 up to 100 nodes, +4 up to
  ///   500, +2 above) and `esep` half of it (the room spline routing keeps around a node;
  ///   Graphviz needs it below `sep`).
  /// - `splines`: `ortho` for `dot` up to 100 nodes, else `true` for `dot`; for the
  ///   force-directed engines `true` (routed around nodes) up to 100 nodes and straight
  ///   lines above, where routing costs more than it gives (Graphviz 2.43 routes 150 nodes
  ///   in tens of seconds, and `curved` did not finish in half an hour); `true` with
  ///   clusters, so that ties go around the clusters' titles.
  ///
  /// A pinned drawing keeps its positions (`overlap="true"`, no `sep`).
  ///
  /// - Complexity: O(1).
  package static func spacingAttributes(
    layout: String, nodes n: Int, clusters: Bool, pinned: Bool
  ) -> [String] {
    var a: [String] = []
    if pinned {
      a.append("overlap=\"true\"")
    } else if layout != "dot" {
      let sep = n <= 100 ? 8 : n <= 500 ? 4 : 2
      a += ["overlap=\"prism\"", "sep=\"+\(sep)\"", "esep=\"+\(sep / 2)\""]
    }
    let splines: String
    if layout == "dot" {
      splines = n <= 100 ? "ortho" : "true"
    } else if clusters {
      splines = "true"
    } else {
      splines = n <= 100 ? "true" : "line"
    }
    a.append("splines=\"\(splines)\"")
    return a
  }

  /// Whether a label is too long for its node: when its estimated width (0.55 × font size
  /// per character, about Helvetica's mean advance) passes the node's width (in points, 72
  /// to the inch).
  package static func labelOverflows(_ label: String, fontSize: Double, nodeWidth: Double)
    -> Bool
  {
    0.55 * fontSize * Double(label.count) > nodeWidth * 72
  }

  /// The most characters of a label a drawing shows: a longer one (a whole sentence in a name
  /// column) is cut to this many with an ellipsis, and the tooltip keeps it whole.
  package static let longestLabelDrawn = 40

  /// A label as a drawing shows it (see ``longestLabelDrawn``).
  package static func drawnLabel(_ label: String) -> String {
    label.count <= longestLabelDrawn ? label : String(label.prefix(longestLabelDrawn - 1)) + "…"
  }

}

extension Network {
  /// The network as a styled DOT diagram (see ``DiagramStyle``). Deterministic: the same
  /// network and style give the same bytes.
  ///
  /// Every label is centred on its node, also one too long to fit inside it: the nodes are
  /// `fixedsize="shape"`, so that Graphviz keeps each label's box apart from the others when
  /// it removes overlaps, and a label cannot be read as another node's (labels placed beside
  /// their nodes after the layout, Graphviz's `xlabel`, often sat nearer another node). The
  /// spacing and routing attributes are chosen by the number of nodes drawn (see the style's
  /// documentation). With clusters, each cluster's title is a text node inside it, so that
  /// ties are routed around it rather than across it.
  ///
  /// - Throws: ``DiagramError`` for an unknown layout or ego, a resolution out of range, a
  ///   label threshold without a measure; a network error for a selection or group it lacks.
  /// - Complexity: that of the measure sizing the nodes (and ranking the labels), plus
  ///   O(n log n + m) for the drawing.
  public func diagram(_ style: DiagramStyle = DiagramStyle()) throws -> String {
    try drawing(style).dot
  }

  /// The measure's values on every node for a drawing, larger for the more prominent.
  private func drawingValues(
    _ size: DiagramStyle.Size, _ style: DiagramStyle, _ adj: Adjacency
  ) throws -> [Double] {
    switch size {
    case .none: return [Double](repeating: 0, count: nodeCount)
    case .betweenness: return try betweenness(selection: style.selection, threads: style.threads)
    case .degree: return adj.degrees.degree.map(Double.init)
    case .brokerage:
      guard let g = style.group else { throw DiagramError.brokerageNeedsGroup }
      return try brokerageRoles(by: g, selection: style.selection).raw[5]
    case .constraint:
      let c = adj.structuralHoles().constraint
      let maxC = c.filter { $0.isFinite }.max() ?? 0
      return c.map { $0.isFinite ? maxC - $0 : 0 }
    }
  }

  /// The node values a drawing in `style` sizes its nodes by and ranks its labels by, for
  /// ``drawing(_:measured:)`` when the network is drawn several times with the same measures
  /// and tie selection (a page's picture and its figures for print): each measure is then
  /// computed once, not once per drawing. Measures in `except` (those the caller has) are
  /// left out.
  ///
  /// - Complexity: that of the measures.
  package func drawingMeasures(
    _ style: DiagramStyle, except known: Set<DiagramStyle.Size> = []
  ) throws -> [DiagramStyle.Size: [Double]] {
    let wanted = Set([style.size, style.labelMeasure ?? style.size]).subtracting(known)
    if wanted.isEmpty { return [:] }
    let adj = try adjacency(style.selection)
    var measured: [DiagramStyle.Size: [Double]] = [:]
    for m in wanted { measured[m] = try drawingValues(m, style, adj) }
    return measured
  }

  /// The drawing with what was decided for it (the nodes labelled, the layout). `measured`
  /// holds node values already computed for this style's measures and tie selection
  /// (``drawingMeasures(_:except:)``); a measure not in it is computed here.
  package func drawing(
    _ style: DiagramStyle = DiagramStyle(), measured: [DiagramStyle.Size: [Double]] = [:]
  ) throws -> DiagramDrawing {
    if let l = style.layout, !DiagramStyle.layouts.contains(l) {
      throw DiagramError.unknownLayout(l)
    }
    if let d = style.dpi, !(36...1200).contains(d) { throw DiagramError.dpiOutOfRange(d) }
    if let k = style.labelCount {
      if k < 0 { throw DiagramError.negativeLabelCount(k) }
      if (style.labelMeasure ?? style.size) == .none { throw DiagramError.labelsNeedAMeasure }
    }
    let adj = try adjacency(style.selection)
    let n = nodeCount
    // Node values for size (on the whole network, also for an ego drawing).
    let value = try measured[style.size] ?? drawingValues(style.size, style, adj)
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
    if let p = style.pinned {
      // A node the layout run did not place (hidden there) is not drawn.
      for i in 0..<n where p.position(of: nodes[i].id) == nil { shown[i] = false }
    }
    let drawn = (0..<n).filter { shown[$0] }
    // The k largest, ties (within rounding, RankCorrelation.withRoundingTies) by node order.
    func highest(_ values: [Double], _ k: Int) -> [Int] {
      let v = RankCorrelation.withRoundingTies(values)
      return Array(
        drawn.filter { v[$0].isFinite && v[$0] > 0 }
          .sorted { (v[$0] > v[$1]) || (v[$0] == v[$1] && $0 < $1) }.prefix(k))
    }
    let topK = style.size == .none ? [] : highest(value, style.top)
    let isTop = Set(topK)
    let maxValue =
      style.pinned?.largestValue ?? drawn.map { value[$0] }.filter(\.isFinite).max() ?? 0

    // Which nodes carry a label.
    var labelled = Set<Int>()
    var labelMeasure: DiagramStyle.Size?
    var ranked = 0
    if let k = style.labelCount {
      let m = style.labelMeasure ?? style.size
      labelMeasure = m
      let v = m == style.size ? value : try measured[m] ?? drawingValues(m, style, adj)
      ranked = drawn.filter { v[$0].isFinite && v[$0] > 0 }.count
      labelled = Set(highest(v, k))
    } else {
      let labelAll: Bool
      switch style.labels {
      case .auto: labelAll = drawn.count <= 60
      case .all: labelAll = true
      case .top, .none: labelAll = false
      }
      if labelAll { labelled = Set(drawn) } else if style.labels != .none { labelled = isTop }
    }
    if let e = egoIndex { labelled.insert(e) }

    // Groups and colours.
    var groupName = [String](repeating: "", count: n)
    var groupNames: [String] = []
    if let g = style.group {
      // The groups as every group measure reads them (trimmed, numbers in numeric order);
      // nodes without a value are drawn as a group of their own, "(no group)", last.
      let a = try groupAssignment(by: g)
      groupName = a.groups.map { $0 >= 0 ? a.names[$0] : DiagramStyle.noGroup }
      // Colours come from every group in the network, so an ego drawing keeps them; a panel
      // takes them from every panel's groups.
      groupNames =
        style.pinned?.groupNames ?? (a.names + (a.ungrouped > 0 ? [DiagramStyle.noGroup] : []))
    }
    let drawnGroups = Set(drawn.map { groupName[$0] })
    let palette = style.greyscale ? DiagramStyle.greys : DiagramStyle.palette
    // Nodes without a group are white with a dashed outline: not a group's colour, which they
    // took before (the eighth of the palette, or a repeated one).
    let grouped = groupNames.filter { $0 != DiagramStyle.noGroup }
    // In greys the first is white, the fill of no group: groups then start at the second.
    let groupPalette =
      style.greyscale && grouped.count < groupNames.count
      ? Array(palette.filter { $0 != DiagramStyle.noGroupColour }) : palette
    var colourOf = Dictionary(
      uniqueKeysWithValues: grouped.enumerated().map {
        ($1, groupPalette[$0 % groupPalette.count])
      })
    if groupNames.contains(DiagramStyle.noGroup) {
      colourOf[DiagramStyle.noGroup] = DiagramStyle.noGroupColour
    }
    // Line styles by the network's layers in sorted order, drawn or not, so that a layer keeps
    // its style in every drawing of the network (by the layers drawn, 'trust' was solid alone
    // and dashed beside 'collaboration').
    let allLayers = style.pinned?.layerNames ?? Array(Set(ties.compactMap(\.layer))).sorted()
    let layerNames = allLayers.filter { style.selection.includes(layer: $0) }
    let layerStyle = Dictionary(
      uniqueKeysWithValues: allLayers.enumerated().map {
        ($1, DiagramStyle.layerStyles[$0 % DiagramStyle.layerStyles.count])
      })
    let pinned = style.pinned
    let clusters = style.clusters && style.group != nil && pinned == nil
    let layout =
      pinned != nil
      ? "neato"
      : style.layout
        ?? (egoIndex != nil
          ? "twopi" : clusters ? "fdp" : drawn.count <= 200 ? "neato" : "sfdp")

    // Node sizes, and the labels too long for their node (drawn dark: they run past it).
    func nodeWidth(_ i: Int) -> Double {
      let v = value[i].isFinite && maxValue > 0 ? value[i] / maxValue : 0
      return style.size == .none ? 0.6 : 0.35 + 1.0 * v.squareRoot()
    }
    let emphasised = { (i: Int) in isTop.contains(i) || i == egoIndex }
    let overflowing = labelled.filter {
      DiagramStyle.labelOverflows(
        DiagramStyle.drawnLabel(nodes[$0].label), fontSize: emphasised($0) ? 12 : 10,
        nodeWidth: nodeWidth($0))
    }
    let pastNode = Set(overflowing)

    // Ids of the drawing's own nodes (the legend, cluster titles) must be no person's (a node
    // called "legend" would otherwise be drawn as the legend, its ties attached).
    var taken = Set(nodes.map(\.id))
    if let p = pinned { taken.formUnion(p.absent.map(\.id)) }
    func freshID(_ base: String) -> String {
      var id = base
      var k = 1
      while taken.contains(id) {
        id = "\(base)_\(k)"
        k += 1
      }
      taken.insert(id)
      return id
    }
    let legendID = style.legend ? (pinned?.legendID ?? freshID("legend")) : nil

    // Shapes by kind only where the data says what kind each node is.
    let hasKinds = nodes.contains { $0.attributes["kind"] != nil }
    let q = DOTFormat.quote
    var out = "\(isDirected ? "digraph" : "graph") \(q(graphID ?? "network")) {\n"
    var graphAttrs = [
      "layout=\(q(layout))", "outputorder=\"edgesfirst\"", "fontname=\"Helvetica\"",
    ]
    graphAttrs += DiagramStyle.spacingAttributes(
      layout: layout, nodes: drawn.count, clusters: clusters, pinned: pinned != nil)
    if pinned == nil && (layout == "neato" || layout == "fdp") { graphAttrs.append("start=\"1\"") }
    if let e = egoIndex { graphAttrs.append("root=\(q(nodes[e].id))") }
    if let d = style.dpi { graphAttrs.append("dpi=\"\(d)\"") }
    if let t = style.title ?? style.ego.map({ "Ego network of \(nodes[index(of: $0)!].label)" }) {
      graphAttrs += ["label=\(q(t))", "labelloc=\"t\"", "fontsize=\"18\""]
    }
    out += "  graph [\(graphAttrs.joined(separator: ", "))];\n"
    out +=
      "  node [style=\"filled\", fontname=\"Helvetica\", fontsize=\"10\", color=\"#333333\", fixedsize=\"shape\"];\n"
    out += "  edge [color=\"#555555\", arrowsize=\"0.6\"];\n"

    func position(_ id: String) -> String? {
      guard let p = pinned?.position(of: id) else { return nil }
      return "pos=\(q("\(formatFixed(p.x)),\(formatFixed(p.y))!"))"
    }
    func nodeLine(_ i: Int) -> String {
      let node = nodes[i]
      let shape: String
      switch hasKinds ? node.kind : .person {
      case .person: shape = "ellipse"
      case .organisation: shape = "box"
      case .other: shape = "diamond"
      }
      let width = nodeWidth(i)
      var a = [
        "shape=\(q(shape))", "width=\(q(formatFixed(width)))",
        "height=\(q(formatFixed(shape == "box" ? width * 0.6 : width * 0.75)))",
        "fillcolor=\(q(style.group == nil ? "#DDDDDD" : colourOf[groupName[i]]!))",
        "tooltip=\(q(node.label))",
      ]
      if style.group != nil && DiagramStyle.darkGreys.contains(colourOf[groupName[i]]!)
        && !pastNode.contains(i)
      {
        a.append("fontcolor=\"#FFFFFF\"")
      }
      a.append("label=\(q(labelled.contains(i) ? DiagramStyle.drawnLabel(node.label) : ""))")
      if emphasised(i) {
        a += ["penwidth=\"3\"", "fontname=\"Helvetica-Bold\"", "fontsize=\"12\""]
      }
      if i == egoIndex { a.append("peripheries=\"2\"") }
      if style.group != nil && groupName[i] == DiagramStyle.noGroup {
        a.append("style=\"filled,dashed\"")
      }
      if style.elementIDs { a.append("id=\"n\(i)\"") }
      if let p = position(node.id) { a.append(p) }
      return "\(q(node.id)) [\(a.joined(separator: ", "))];\n"
    }
    if clusters {
      for (k, g) in groupNames.enumerated() where drawnGroups.contains(g) {
        // The title is a text node inside the cluster, not the cluster's label: Graphviz
        // routes ties around nodes, and would draw them across a label.
        out +=
          "  subgraph \(q("cluster_\(k)")) {\n    color=\(q(colourOf[g]!)); margin=\"12\";\n"
        out +=
          "    \(q(freshID("cluster_\(k)_title"))) [shape=\"plaintext\", style=\"\", fixedsize=\"false\", label=\(q(g)), fontname=\"Helvetica-Bold\", fontsize=\"14\", fontcolor=\"#333333\"];\n"
        for i in drawn where groupName[i] == g { out += "    " + nodeLine(i) }
        out += "  }\n"
      }
    } else {
      for i in drawn { out += "  " + nodeLine(i) }
    }
    for (id, label) in pinned?.absent ?? [] {
      guard let p = position(id) else { continue }
      out +=
        "  \(q(id)) [shape=\"ellipse\", width=\"0.35\", height=\"0.263\", style=\"dotted\", color=\"#AAAAAA\", label=\"\", tooltip=\(q("\(label) (absent)")), \(p)];\n"
    }

    // Ties: one line per pair and layer; trust as width; mutual directed ties once, both ways.
    // Each arc's trust (each undirected pair's, by its smaller end first) in each layer drawn,
    // parallel ties merged by the selection's rule as the measures merge them, a tie without a
    // trust as 1 (scaled apart, it was drawn wider than any other): one pass, so a mutual tie
    // finds its way back without a search. Width is scaled by the largest (in panels, every
    // panel's).
    let merged = Network.drawnTrusts(ties, style.selection, directed: isDirected)
    let maxTrust = style.pinned?.largestTrust ?? Network.largestTrust(of: merged) ?? 1
    let anyTrust = hasTrust
    func trustOf(_ u: Int, _ v: Int, _ layer: String?) -> Double? {
      merged[DrawnTie(u: u, v: v, layer: layer)]
    }
    var seen = Set<[Int]>()
    let arrow = isDirected ? "->" : "--"
    for t in ties where !t.isSelfLoop && shown[t.source] && shown[t.target] {
      if !style.selection.includes(layer: t.layer) { continue }
      let l = layerNames.firstIndex(of: t.layer ?? "") ?? -1
      let key =
        isDirected
        ? [t.source, t.target, l] : [min(t.source, t.target), max(t.source, t.target), l]
      if seen.contains(key) { continue }
      let backTrust = isDirected ? trustOf(t.target, t.source, t.layer) : nil
      let mutual = backTrust != nil
      if mutual { seen.insert([t.target, t.source, l]) }
      seen.insert(key)
      var trust =
        trustOf(isDirected ? t.source : key[0], isDirected ? t.target : key[1], t.layer) ?? 1
      var a: [String] = []
      if let backTrust {
        // One line both ways at the mean trust; the tooltip gives each way's.
        if anyTrust {
          a.append(
            "tooltip=\(q("\(nodes[t.source].label) → \(nodes[t.target].label): \(formatNumber(trust)); \(nodes[t.target].label) → \(nodes[t.source].label): \(formatNumber(backTrust))"))"
          )
        }
        trust = (trust + backTrust) / 2
      }
      let scaled = trust.isFinite ? min(1, max(0, trust) / max(maxTrust, 1e-12)) : 0
      a.insert("penwidth=\(q(formatFixed(0.6 + 2.4 * scaled)))", at: 0)
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

    if let legendID {
      let pos = position(legendID).map { ", " + $0 } ?? ""
      out +=
        "  \(q(legendID)) [shape=\"plain\", style=\"\", fixedsize=\"false\", label=<\(legendTable(groupNames.filter(drawnGroups.contains), colourOf, layerNames, layerStyle, style, drawn: drawn))>\(pos)];\n"
    }
    return DiagramDrawing(
      dot: out + "}\n", labelled: labelled.sorted(),
      labelMeasure: labelMeasure, ranked: ranked, drawnCount: drawn.count, layout: layout,
      legendID: legendID)
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
      let outline = g == DiagramStyle.noGroup ? " STYLE=\"DASHED\"" : ""
      rows +=
        "<TR><TD BGCOLOR=\"\(colour[g]!)\" WIDTH=\"16\"\(outline)> </TD><TD ALIGN=\"LEFT\">\(esc(g))</TD></TR>"
    }
    // Beyond the palette the colours repeat: the legend says so, not only a note.
    let coloured = groups.filter { $0 != DiagramStyle.noGroup }
    let distinct = Set(coloured.map { colour[$0]! }).count
    if distinct < coloured.count {
      rows +=
        "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><I>\(coloured.count) groups, \(distinct) \(style.greyscale ? "greys" : "colours"): colours repeat</I></TD></TR>"
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
    if hasTrust {
      rows +=
        "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">line width: trust\(isDirected ? " (both ways: the mean)" : "")</TD></TR>"
    }
    if isDirected {
      rows += "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">grey, open arrow: not reciprocated</TD></TR>"
    }
    if let absent = style.pinned?.absent, !absent.isEmpty {
      rows += "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">dotted outline: absent here</TD></TR>"
    }
    if let k = style.labelCount, let m = style.labelMeasure ?? Optional(style.size) {
      let name = m == .constraint ? "low constraint" : m.rawValue
      rows += "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">labels: top \(k) by \(esc(name))</TD></TR>"
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

extension Network {
  /// The largest trust a drawing scales its lines by: over the ties `selection` analyses
  /// (self-loops aside), a tie without a trust counting 1 as the measures read it; `nil` when
  /// no tie has a finite trust above 0.
  static func largestDrawnTrust(_ ties: [Tie], _ selection: TieSelection, directed: Bool)
    -> Double?
  {
    largestTrust(of: drawnTrusts(ties, selection, directed: directed))
  }

  /// The largest finite trust of a drawing's lines; `nil` when none is above 0.
  static func largestTrust(of lines: [DrawnTie: Double]) -> Double? {
    let top = lines.values.filter(\.isFinite).max() ?? 0
    return top > 0 ? top : nil
  }

  /// The trust each line of a drawing stands for: per arc (an undirected pair by its smaller
  /// end first) and layer of `selection`, its parallel ties merged by the selection's rule, a
  /// tie without a trust as 1.
  static func drawnTrusts(_ ties: [Tie], _ selection: TieSelection, directed: Bool) -> [DrawnTie:
    Double]
  {
    var acc: [DrawnTie: (sum: Double, count: Int, low: Double, high: Double)] = [:]
    for t in ties where !t.isSelfLoop && selection.includes(layer: t.layer) {
      let key =
        directed
        ? DrawnTie(u: t.source, v: t.target, layer: t.layer)
        : DrawnTie(u: min(t.source, t.target), v: max(t.source, t.target), layer: t.layer)
      let w = t.trust ?? 1
      if let m = acc[key] {
        acc[key] = (m.sum + w, m.count + 1, min(m.low, w), max(m.high, w))
      } else {
        acc[key] = (w, 1, w, w)
      }
    }
    return acc.mapValues { m in
      switch selection.merge {
      case .max: m.high
      case .min: m.low
      case .mean: m.sum / Double(m.count)
      case .sum: m.sum
      }
    }
  }
}

/// A line of a drawing: an arc, or an undirected pair by its smaller end first, in a layer.
struct DrawnTie: Hashable {
  var u: Int
  var v: Int
  var layer: String?
}
