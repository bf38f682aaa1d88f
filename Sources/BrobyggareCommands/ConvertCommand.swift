import Brobyggare
import Foundation

let convertSpec = CommandSpec(
  name: "convert", abstract: "Convert a network between formats (see 'brobyggare formats').",
  positionals: [
    ("IN", "The network to read."), ("OUT", "The file to write; its extension picks the format."),
  ],
  options: inputOptions + [
    OptionSpec(
      name: "output-format", valueName: "format",
      help: "The output's format when its extension does not say."),
    OptionSpec(
      name: "json-dialect", valueName: "dialect",
      help:
        "For JSON: nodelink (networkx's node_link_data, the default) or cytoscape (Cytoscape and cytoscape.js elements)."
    ),
    helpOption,
  ],
  discussion:
    "Writing CSV writes two files: OUT (the ties) and OUT's .nodes.csv companion (the nodes).")

let drawingOptions: [OptionSpec] = [
  OptionSpec(
    name: "layer", valueName: "layers",
    help:
      "Draw these layers only (comma-separated; a layer whose name has a comma, by its whole name); default: all."
  ),
  OptionSpec(
    name: "group", valueName: "attribute",
    help:
      "Colour the nodes by this attribute (a colour-blind-safe palette; the same group, the same colour)."
  ),
  OptionSpec(
    name: "size-by", valueName: "measure",
    help:
      "Node size: \(DiagramStyle.Size.allCases.map(\.rawValue).joined(separator: ", ")) (default: betweenness; constraint is drawn inverted)."
  ),
  OptionSpec(
    name: "top", valueName: "k",
    help: "Highlight and always label the top k by the size measure (default: 5)."),
  OptionSpec(
    name: "labels", valueName: "which",
    help: "auto (all up to 60 nodes, else the top k), all, top or none (default: auto)."),
  OptionSpec(name: "clusters", help: "One cluster per group (with --group)."),
  OptionSpec(name: "no-legend", help: "Leave out the legend."),
  OptionSpec(name: "hide-isolates", help: "Leave out the nodes without a tie in the layers drawn."),
  OptionSpec(name: "greyscale", help: "Greys instead of colours, for print."),
  OptionSpec(name: "title", valueName: "text", help: "A title above the drawing."),
  OptionSpec(
    name: "layout", valueName: "engine",
    help: "Graphviz layout: \(DiagramStyle.layouts.joined(separator: ", ")) (default: by size)."),
  OptionSpec(
    name: "ego", valueName: "id", help: "Draw only this node, its contacts and the ties among them."
  ),
  OptionSpec(name: "plain", help: "Plain DOT: nodes, labels, ties, trust and layers, no styling."),
  OptionSpec(
    name: "threads", valueName: "n",
    help:
      "Threads for sizing by betweenness (default: every core). The drawing does not depend on it."),
]

let dotSpec = CommandSpec(
  name: "dot", abstract: "Write the network as Graphviz DOT, styled for reading.",
  positionals: [netArgument],
  options: inputOptions + drawingOptions + [
    OptionSpec(
      name: "output", short: "o", valueName: "file",
      help: "Write to this file instead of standard output."), helpOption,
  ],
  discussion: """
    Shape by kind (ellipse: person, box: organisation, diamond: other), colour by --group,
    size by a measure, line width by trust, a line style per layer; on directed networks mutual
    ties are drawn once with two arrowheads and unreciprocated ties grey with an open arrow.
    The layout engine is set in the file: neato up to 200 nodes, sfdp above, fdp with
    clusters, twopi for an ego network.
    """)

let renderSpec = CommandSpec(
  name: "render", abstract: "Draw the network to SVG, PNG or PDF with Graphviz.",
  positionals: [netArgument],
  options: inputOptions + drawingOptions + [
    OptionSpec(
      name: "dpi", valueName: "n",
      help:
        "Resolution of a PNG, 36 to 1200 (default: Graphviz's 96; 300 for a journal). Pixels grow with its square."
    ),
    OptionSpec(
      name: "output", short: "o", valueName: "file",
      help: "The picture to write: .svg, .png or .pdf. Required."), helpOption,
  ],
  discussion: """
    The same drawing as 'brobyggare dot', rendered by Graphviz's dot program (which must be
    installed). The same input gives the same bytes: the creation date cairo writes into a PDF
    is set to SOURCE_DATE_EPOCH, or to 1970-01-01 when that is not set.
    """)

extension BrobyggareCommandLine {
  static func convert(_ p: ParsedArguments, _ out: inout Outcome) throws {
    let (input, output) = (p.positionals[0], p.positionals[1])
    // '-' reads as standard output to a Unix user; written as a file named '-' it would vanish.
    if output == "-" {
      throw UsageError(
        message:
          "convert writes its output to a file: '-' would be a file named '-', not standard output; name a file (or /dev/stdout with --output-format)"
      )
    }
    var format: NetworkFormat
    if let f = p.value("output-format") {
      guard let fmt = NetworkFormat(rawValue: f) else {
        throw UsageError(
          message:
            "Unknown format '\(f)'; expected one of \(NetworkFormat.allCases.map(\.rawValue).joined(separator: ", "))\(didYouMean(closestMatches(to: f, among: NetworkFormat.allCases.map(\.rawValue))))"
        )
      }
      format = fmt
    } else {
      guard let fmt = NetworkFormat(path: output) else {
        throw UsageError(
          message:
            "Cannot tell the output format from '\(output)'; expected \(NetworkFormat.extensionList), or name it with --output-format"
        )
      }
      format = fmt
    }
    // CSV is two files, the ties and the nodes beside them: a device or a pipe holds one, and
    // the node table would be made beside it (/dev/stdout.nodes.csv).
    var status = stat()
    if format == .csv, stat(output, &status) == 0, (status.st_mode & S_IFMT) != S_IFREG {
      throw UsageError(
        message:
          "'\(output)' is not a regular file, and CSV is written as two files (the ties, and the nodes beside them): name a file, or write one-file formats such as GraphML or JSON there"
      )
    }
    let dialect = p.value("json-dialect") ?? "nodelink"
    guard ["nodelink", "cytoscape"].contains(dialect) else {
      throw UsageError(
        message:
          "--json-dialect takes nodelink or cytoscape, not '\(dialect)'\(didYouMean(closestMatches(to: dialect, among: ["nodelink", "cytoscape"])))"
      )
    }
    if p.value("json-dialect") != nil && format != .json {
      throw UsageError(
        message: "--json-dialect is for JSON output; '\(output)' is written as \(format.rawValue)")
    }
    let net = try readNetwork(input, p)
    var inputs = [input]
    if let n = p.value("nodes") { inputs.append(n) }
    if format == .csv { inputs.append(Network.companionNodeTable(for: input)) }
    var written = [output]
    if format == .graphml {
      // Streamed to the file: a large network's document is never held in memory whole.
      let inputPaths = Set(inputs.map(canonicalPath)).union(Notes.current?.inputs ?? [])
      if inputPaths.contains(canonicalPath(output)) {
        throw UsageError(
          message: "Refusing to overwrite the input file '\(output)'; write to another file")
      }
      try net.writeGraphML(toFile: output)
    } else {
      let files =
        dialect == "cytoscape"
        ? [(path: output, data: Data(NodeLinkFormat.writeCytoscape(net).utf8))]
        : try net.serializedData(as: format, path: output)
      try writeOutput(files, inputs: inputs)
      written = files.map(\.path)
    }
    if format == .edgelist, !net.isDirected {
      note(
        "\(output): an edge list cannot say that the network is undirected; read it back with --undirected"
      )
    }
    for lost in net.lostWhenWritten(as: format) { note("\(output): \(lost)") }
    if dialect == "cytoscape" {
      func nonFinite(_ a: [String: AttributeValue]) -> Int {
        a.values.filter { if case .double(let d) = $0 { !d.isFinite } else { false } }.count
      }
      let count =
        net.nodes.reduce(0) { $0 + nonFinite($1.attributes) }
        + net.ties.reduce(0) {
          $0 + nonFinite($1.attributes) + ($1.trust.map { $0.isFinite ? 0 : 1 } ?? 0)
        }
      if count > 0 {
        note(
          "\(output): \(count) \(count == 1 ? "value is" : "values are") NaN or infinite, which strict JSON (as Cytoscape reads it) has no number for: written as text (\"NaN\", \"inf\"), so \(count == 1 ? "it reads" : "they read") back as text"
        )
      }
    }
    out.stderr +=
      "wrote \(written.joined(separator: " and ")): \(net.nodeCount) nodes, \(net.tieCount) ties\n"
  }

  static func diagramStyle(_ p: ParsedArguments, _ net: Network) throws -> DiagramStyle {
    var style = DiagramStyle()
    style.group = p.value("group")
    style.size = try choice(p, "size-by", default: .betweenness)
    style.labels = try choice(p, "labels", default: .auto)
    if let k = try wholeNumber(p, "top", minimum: 0) { style.top = k }
    style.clusters = p.flag("clusters")
    if style.clusters && style.group == nil {
      throw UsageError(message: "--clusters needs --group")
    }
    style.legend = !p.flag("no-legend")
    style.hideIsolates = p.flag("hide-isolates")
    style.greyscale = p.flag("greyscale")
    if let d = p.value("dpi") {
      guard let k = Int(d), (36...1200).contains(k) else {
        throw UsageError(message: "--dpi takes a whole number from 36 to 1200, not '\(d)'")
      }
      style.dpi = k
    }
    style.title = p.value("title")
    style.layout = p.value("layout")
    style.ego = try p.value("ego").map { net.nodes[try nodeIndex($0, in: net)].id }
    style.selection = try tieSelection(p, network: net)
    style.threads = try threadCount(p)
    if let g = style.group, let groups = try? net.groupAssignment(by: g) {
      let colours = style.greyscale ? DiagramStyle.greys.count : DiagramStyle.palette.count
      if groups.names.count > colours {
        note(
          "'\(g)' has \(groups.names.count) groups and the palette \(colours) \(style.greyscale ? "greys" : "colours"): groups \(colours + 1) and on take the same ones again, in the sorted order of their names (the legend lists which)"
        )
      }
    }
    return style
  }

  static func diagramText(_ p: ParsedArguments, _ net: Network) throws -> String {
    if p.flag("plain") {
      // The input's own attributes go to Graphviz: those through which it reads files or
      // writes links and stylesheets are left out (convert keeps them; it does not draw).
      let (text, leftOut) = try DOTFormat.writeForDrawing(net)
      if !leftOut.isEmpty {
        note(
          "left out the attributes through which Graphviz reads files or writes links and stylesheets (\(leftOut.description)); 'brobyggare convert' to .dot keeps them"
        )
      }
      return text
    }
    do { return try net.diagram(diagramStyle(p, net)) } catch let e as DiagramError {
      throw UsageError(message: e.description)
    } catch let e as NetworkError {
      throw UsageError(message: e.description)
    }
  }

  static func dot(_ p: ParsedArguments, _ out: inout Outcome) throws {
    let path = p.positionals[0]
    let net = try readNetwork(path, p)
    let text = try diagramText(p, net)
    if let o = p.value("output") {
      try writeOutput([(o, text)], inputs: [path])
    } else {
      out.stdout = text
    }
  }

  static func render(_ p: ParsedArguments, _ out: inout Outcome) throws {
    let path = p.positionals[0]
    guard let o = p.value("output") else {
      throw UsageError(message: "Missing expected option '--output <file>'", command: renderSpec)
    }
    let format = (o as NSString).pathExtension.lowercased()
    guard Graphviz.formats.contains(format) else {
      throw UsageError(message: "Cannot render '\(o)'; expected a .svg, .png or .pdf file")
    }
    if p.value("dpi") != nil && format != "png" {
      throw UsageError(
        message:
          "--dpi sets the resolution of a PNG; '\(o)' is \(format.uppercased()), drawn in lines that scale to any size"
      )
    }
    let net = try readNetwork(path, p)
    let text = try diagramText(p, net)
    let data = try Graphviz.render(text, format: format)
    try writeOutput([(path: o, data: data)], inputs: [path])
    out.stderr += "wrote \(o) (\(data.count) bytes)\n"
  }
}
