import Brobyggare
import Foundation

// What the report writes beside its page: the affiliation ties drawn into the network (not
// analysed), the figures for print (figures/: SVG, and PNG at 300 dpi with its resolution in
// the file), and the network with every measure for Gephi and yEd (GraphML and GEXF).

/// The resolution of the report's bitmap figures, as journals ask for line art with halftones.
let reportFigureDPI = 300

/// The figures for print, in the order the page lists them: (file, what it shows).
let reportFigureFiles: [(file: String, what: String)] = [
  ("figures/network.svg", "the network (SVG, scales to any size)"),
  ("figures/network.png", "the network (PNG, 300 dpi)"),
  ("figures/density.svg", "tie density between groups (SVG)"),
  ("figures/trust.svg", "mean trust between groups (SVG)"),
]

/// Why the heat maps have no PNG: they are drawn by this program, not by Graphviz.
let reportHeatMapBitmapNote =
  "The heat maps are SVG only: this program draws them itself, and Graphviz, which makes the network's PNG, does not draw them. For a bitmap, export them from Inkscape (inkscape --export-dpi=300 figures/density.svg -o density.png)."

/// A drawing with the affiliation ties of `layers` added as light grey lines without arrows,
/// and a line in the legend saying they are drawn, not analysed.
///
/// The drawing (``Network/diagram(_:)``) measures and draws the ties of its selection only;
/// affiliation layers are left out of the analysis of people, so their ties are added here,
/// after the ties analysed: the layout places people near their organisations, and nothing
/// they measure changes. With `elementIDs`, each tie gets the id the page's script reads,
/// `e-`*source*`-`*target*`-`*layer*, its layer numbered after the `firstLayerIndex` layers
/// analysed. One line per pair and layer, in the order of the ties; self-loops are left out.
///
/// - Complexity: O(m + length of the drawing) for m ties.
func drawingAffiliations(
  _ dot: String, network: Network, layers: [String], firstLayerIndex: Int, elementIDs: Bool
) -> String {
  guard !layers.isEmpty, dot.hasSuffix("}\n") else { return dot }
  let q = DOTFormat.quote
  let arrow = network.isDirected ? "->" : "--"
  var seen = Set<[Int]>()
  var lines = ""
  for t in network.ties where !t.isSelfLoop {
    guard let layer = t.layer, let k = layers.firstIndex(of: layer) else { continue }
    let l = firstLayerIndex + k
    let key = [min(t.source, t.target), max(t.source, t.target), l]
    if !seen.insert(key).inserted { continue }
    var a = ["color=\"#B0B0B0\"", "penwidth=\"0.8\"", "dir=\"none\""]
    if elementIDs { a.append("id=\"e-\(t.source)-\(t.target)-\(l)\"") }
    lines +=
      "  \(q(network.nodes[t.source].id)) \(arrow) \(q(network.nodes[t.target].id)) [\(a.joined(separator: ", "))];\n"
  }
  var out = String(dot.dropLast(2)) + lines + "}\n"
  // The legend is an HTML-like table; its last row goes before its end.
  if let end = out.range(of: "</TABLE>>];", options: .backwards) {
    let row =
      "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">light grey line: \(escapeXML(layers.joined(separator: ", "))) (affiliation, drawn, not analysed)</TD></TR>"
    out.replaceSubrange(end.lowerBound..<end.lowerBound, with: row)
  }
  return out
}

/// The "Figures for print" section of the page: a link to each figure written.
func reportFiguresHTML(_ written: [String]) -> String {
  var out =
    "<h2 id=\"figures\">Figures for print</h2>\n<p>For an article or a slide; the page does not need them. The drawing's legend names the groups' attribute and the layers.</p>\n<ul class=\"figures\">\n"
  for f in reportFigureFiles where written.contains(f.file) {
    out +=
      "<li><a href=\"\(escapeXML(f.file))\">\(escapeXML(f.file))</a>: \(escapeXML(f.what))</li>\n"
  }
  return out + "</ul>\n<p>\(escapeXML(reportHeatMapBitmapNote))</p>\n"
}

/// The same section in Markdown.
func reportFiguresMarkdown(_ written: [String]) -> String {
  "## Figures for print\n\n"
    + reportFigureFiles.filter { written.contains($0.file) }.map {
      "- [\($0.file)](\($0.file)): \(markdownText($0.what))"
    }.joined(separator: "\n") + "\n\n" + markdownText(reportHeatMapBitmapNote) + "\n\n"
}

/// The network with the report's measures as node attributes (`rank`, `betweenness`, ...,
/// `ei_index`, `main_role`), for GraphML and GEXF: a node attribute of the input with one of
/// those names is replaced, and a note says so. NaN is left out (a missing value).
///
/// - Complexity: O(n × c) for n nodes and c columns.
func reportMeasuresNetwork(
  _ network: Network, columns: [String], rows: [[Cell]], mainRoles: [String]
) -> Network {
  var net = network
  // The id, label and group columns are the node's own already.
  let measureColumns = columns.indices.filter { !["id", "label", "group"].contains(columns[$0]) }
  let names = measureColumns.map { columns[$0] } + ["main_role"]
  let replaced = names.filter { m in
    net.nodeAttributes.contains { $0.name == m } || net.nodes.contains { $0.attributes[m] != nil }
  }
  if !replaced.isEmpty {
    note(
      "network.graphml and network.gexf: replaced the node attributes \(replaced.map { "'\($0)'" }.joined(separator: ", ")) of the input with the values the report computed"
    )
  }
  func declare(_ name: String, _ type: AttributeType) {
    if let k = net.nodeAttributes.firstIndex(where: { $0.name == name }) {
      net.nodeAttributes[k] = AttributeDeclaration(name: name, type: type)
    } else {
      net.declareNodeAttribute(AttributeDeclaration(name: name, type: type))
    }
  }
  // Each row is a node in ranked order: the id column says which.
  let idColumn = columns.firstIndex(of: "id")!
  for c in measureColumns {
    declare(columns[c], columns[c] == "rank" ? .integer : .double)
    for r in rows {
      guard case .text(let id) = r[idColumn], let v = net.index(of: id) else { continue }
      let value: AttributeValue? =
        switch r[c] {
        case .integer(let i): .integer(i)
        case .number(let d): d.isNaN ? nil : .double(d)
        case .text(let s): .string(s)
        case .boolean(let b): .boolean(b)
        }
      net.setNodeAttribute(columns[c], value, at: v)
    }
  }
  declare("main_role", .string)
  for v in net.nodes.indices {
    net.setNodeAttribute("main_role", mainRoles[v].isEmpty ? nil : .string(mainRoles[v]), at: v)
  }
  return net
}

/// The network with the report's measures as GraphML (for yEd and Gephi).
func reportGraphML(_ net: Network) throws -> String {
  do { return try GraphMLFormat.write(net) } catch {
    throw DataError(file: "network.graphml", message: "\(error)")
  }
}

/// The network with the report's measures as GEXF 1.3 (for Gephi); what GEXF cannot hold
/// (network attributes other than its own, say) is said in a note.
func reportGEXF(_ net: Network) throws -> String {
  do {
    let (text, dropped) = try GEXFFormat.write(net)
    for d in dropped { note("network.gexf: \(d)") }
    return text
  } catch {
    throw DataError(file: "network.gexf", message: "\(error)")
  }
}
