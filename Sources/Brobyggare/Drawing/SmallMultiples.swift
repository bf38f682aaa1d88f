import Foundation

// Small multiples: one panel per layer or per wave, every node at the same place in every
// panel, so that two panels can be compared by eye (Tufte's small multiples). Graphviz lays out
// the union of all panels' nodes and ties once (`-Tjson` gives each node's position); each
// panel is then drawn with those positions pinned (`pos="x,y!"`) by `neato -n2`, which routes
// the ties and places the labels but moves no node.

/// One panel of a small multiple: its name, the network drawn in it and the ties it draws.
package struct DiagramPanel: Sendable {
  /// The panel's name (a layer's, a wave's), shown in its title.
  package var name: String
  /// The network drawn: a wave's, or the one network every layer panel shares.
  package var network: Network
  /// The ties drawn in this panel (one layer, or a wave's selection).
  package var selection: TieSelection
  /// The panel's title ("layer: trust"); the name when `nil`.
  package var title: String?

  package init(name: String, network: Network, selection: TieSelection, title: String? = nil) {
    self.name = name
    self.network = network
    self.selection = selection
    self.title = title
  }
}

/// Why small multiples could not be drawn.
package enum SmallMultiplesError: Error, Equatable, CustomStringConvertible {
  /// Some panels' networks are directed and some are not.
  case mixedDirection
  /// No panel to draw.
  case noPanels

  package var description: String {
    switch self {
    case .mixedDirection:
      "the panels' networks must all be directed or all undirected (read them with --undirected)"
    case .noPanels: "there is no panel to draw"
    }
  }
}

/// The most panels a small multiple draws: each is one more Graphviz run, and a figure of
/// more than 24 cannot be read at a journal's page width.
package let maximumPanels = 24

/// The union of the panels' nodes (by id, in the order first met; a node's attributes from the
/// first panel that has it) and of the ties each panel draws; the ids' type is the panels'
/// when they agree.
///
/// - Complexity: O(total nodes + total ties of the panels).
package func unionNetwork(of panels: [DiagramPanel]) throws -> Network {
  guard let first = panels.first else { throw SmallMultiplesError.noPanels }
  guard panels.allSatisfy({ $0.network.isDirected == first.network.isDirected }) else {
    throw SmallMultiplesError.mixedDirection
  }
  var union = Network(directed: first.network.isDirected)
  if panels.allSatisfy({ $0.network.nodeIDType == first.network.nodeIDType }) {
    union.nodeIDType = first.network.nodeIDType
  }
  for p in panels {
    for node in p.network.nodes where union.index(of: node.id) == nil {
      _ = try union.addNode(node)
    }
  }
  for p in panels {
    for t in p.network.ties where p.selection.includes(layer: t.layer) {
      union.addTie(
        Tie(
          source: union.index(of: p.network.nodes[t.source].id)!,
          target: union.index(of: p.network.nodes[t.target].id)!, trust: t.trust,
          layer: t.layer, attributes: t.attributes))
    }
  }
  return union
}

/// The groups of every panel in the order that gives them colours (as
/// ``Network/groupAssignment(by:)`` orders one network's), with "(no group)" last when some
/// node of some panel has none: a group keeps its colour in every panel.
package func panelGroupNames(_ panels: [DiagramPanel], by attribute: String) throws -> [String] {
  var values: [String] = []
  var seen = Set<String>()
  var ungrouped = false
  for p in panels {
    let a = try p.network.groupAssignment(by: attribute)
    for name in a.names where seen.insert(name).inserted { values.append(name) }
    if a.ungrouped > 0 { ungrouped = true }
  }
  // One node per value, read back as a group attribute, gives the values in group order.
  var scratch = Network(directed: false)
  for (k, v) in values.enumerated() {
    _ = try scratch.addNode(Node(id: "\(k)", attributes: [attribute: .string(v)]))
  }
  let names = values.isEmpty ? [] : try scratch.groupAssignment(by: attribute).names
  return names + (ungrouped ? ["(no group)"] : [])
}

/// The DOT of each panel, drawn on one layout of all panels' nodes and ties (see the top of
/// this file). Each panel takes `style` with its own selection, its name in the title
/// (`title, panel title`, or the panel's title alone), the union's positions pinned, and the union's nodes
/// that its network lacks drawn faded. Clusters and ego networks are not drawn in panels.
///
/// - Throws: ``SmallMultiplesError``, ``DiagramError``, a network error, or Graphviz's
///   ``Graphviz/RenderError`` from the layout run.
/// - Complexity: one Graphviz layout of the union, plus each panel's drawing.
package func smallMultiples(_ panels: [DiagramPanel], style: DiagramStyle) throws -> [String] {
  let union = try unionNetwork(of: panels)
  var layoutStyle = style
  layoutStyle.clusters = false
  layoutStyle.ego = nil
  layoutStyle.selection = .all
  layoutStyle.dpi = nil
  // Size and labels from the union: the layout makes room for the largest node it will hold.
  if style.size == .brokerage && style.group == nil { throw DiagramError.brokerageNeedsGroup }
  let layoutDrawing = try union.drawing(layoutStyle)
  let positions = try Graphviz.positions(of: layoutDrawing.dot)
  let groups = try style.group.map { try panelGroupNames(panels, by: $0) }
  // One scale for every panel: the same trust is the same width and the same value the same
  // size in each (scaled panel by panel, a tie of trust 2 was drawn as wide as another's 5).
  var measured: [[DiagramStyle.Size: [Double]]] = []
  var largestValue = 0.0
  var largestTrust: Double?
  for panel in panels {
    var s = style
    s.ego = nil
    s.selection = panel.selection
    let m = try panel.network.drawingMeasures(s)
    measured.append(m)
    largestValue = max(largestValue, m[s.size]?.filter(\.isFinite).max() ?? 0)
    if let t = Network.largestDrawnTrust(
      panel.network.ties, panel.selection, directed: panel.network.isDirected)
    {
      largestTrust = max(largestTrust ?? t, t)
    }
  }
  return try zip(panels, measured).map { panel, measured in
    var s = style
    s.clusters = false
    s.ego = nil
    s.selection = panel.selection
    let title = panel.title ?? panel.name
    s.title = style.title.map { "\($0), \(title)" } ?? title
    var pinned = PinnedLayout(positions: positions)
    pinned.groupNames = groups
    pinned.legendID = layoutDrawing.legendID
    pinned.largestValue = largestValue
    pinned.largestTrust = largestTrust
    // Every layer of every panel's network, drawn or not, as one network's drawing takes them.
    pinned.layerNames = Set(panels.flatMap { $0.network.layers }).sorted()
    let placed = pinned
    pinned.absent = union.nodes.filter {
      panel.network.index(of: $0.id) == nil && placed.position(of: $0.id) != nil
    }.map { ($0.id, $0.label) }
    s.pinned = pinned
    return try panel.network.drawing(s, measured: measured).dot
  }
}

/// Panels' SVG pictures (as Graphviz writes them) in one SVG document, side by side (a grid
/// of ⌈√k⌉ columns above three panels), each nested as its own `<svg>` with its ids prefixed
/// by `p`*index*`_` so that they stay unique.
///
/// - Complexity: O(total size of the pictures).
package func svgSideBySide(_ pictures: [Data], gap: Double = 18) -> Data {
  struct Panel {
    var body: String
    var width: Double
    var height: Double
  }
  func points(_ attribute: String, in tag: Substring) -> Double {
    guard let r = tag.range(of: " \(attribute)=\"") else { return 0 }
    let rest = tag[r.upperBound...]
    let value = rest.prefix { $0 != "\"" }
    return Double(value.replacingOccurrences(of: "pt", with: "")) ?? 0
  }
  var panels: [Panel] = []
  for (k, data) in pictures.enumerated() {
    let text = String(decoding: data, as: UTF8.self)
    guard let start = text.range(of: "<svg") else { continue }
    let body = text[start.lowerBound...]
    let tagEnd = body.firstIndex(of: ">") ?? body.endIndex
    let tag = body[..<tagEnd]
    panels.append(
      Panel(
        body: body.replacingOccurrences(of: " id=\"", with: " id=\"p\(k)_"),
        width: points("width", in: tag), height: points("height", in: tag)))
  }
  let columns =
    panels.count <= 3 ? max(panels.count, 1) : Int(Double(panels.count).squareRoot().rounded(.up))
  let rows = (panels.count + columns - 1) / columns
  let cellW = panels.map(\.width).max() ?? 0
  let cellH = panels.map(\.height).max() ?? 0
  let totalW = Double(columns) * cellW + Double(columns - 1) * gap
  let totalH = Double(rows) * cellH + Double(max(rows - 1, 0)) * gap
  let f = formatFixed
  var out = """
    <?xml version="1.0" encoding="UTF-8" standalone="no"?>
    <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" \
    width="\(f(totalW))pt" height="\(f(totalH))pt" viewBox="0 0 \(f(totalW)) \(f(totalH))">
    <rect width="100%" height="100%" fill="white"/>

    """
  for (k, p) in panels.enumerated() {
    let x = Double(k % columns) * (cellW + gap)
    let y = Double(k / columns) * (cellH + gap)
    // The panel's own size in points, placed at its cell (user units are points here).
    var body = p.body
    if let r = body.range(of: "<svg") {
      body.replaceSubrange(r, with: "<svg x=\"\(f(x))\" y=\"\(f(y))\"")
    }
    body = body.replacingOccurrences(
      of: "width=\"\(widthText(p.body))\" height=\"\(heightText(p.body))\"",
      with: "width=\"\(f(p.width))\" height=\"\(f(p.height))\"")
    out += body.trimmingCharacters(in: .whitespacesAndNewlines) + "\n"
  }
  return Data((out + "</svg>\n").utf8)
}

/// The text of the root `<svg>`'s width and height attributes ("230pt").
private func widthText(_ svg: String) -> String { rootAttribute("width", svg) }
private func heightText(_ svg: String) -> String { rootAttribute("height", svg) }
private func rootAttribute(_ name: String, _ svg: String) -> String {
  guard let start = svg.range(of: "<svg") else { return "" }
  let tag = svg[start.upperBound...].prefix { $0 != ">" }
  guard let r = tag.range(of: " \(name)=\"") else { return "" }
  return String(tag[r.upperBound...].prefix { $0 != "\"" })
}
