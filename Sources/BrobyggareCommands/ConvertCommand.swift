import Brobyggare
import Foundation

let convertSpec = CommandSpec(
  name: "convert", abstract: "Convert a network between formats (see 'brobyggare formats').",
  positionals: [
    ("IN", "The network to read."),
    ("OUT", "The file to write; its extension picks the format (or give it with -o)."),
  ],
  options: inputOptions + [
    outputFileOption,
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
    "Writing CSV writes two files: OUT (the ties) and OUT's .nodes.csv companion (the nodes).",
  optionalPositionals: 1)

let drawingOptions: [OptionSpec] = [
  OptionSpec(
    name: "layer", valueName: "layers",
    help:
      "Draw these layers only (comma-separated; a layer whose name has a comma, by its whole name); default: all but affiliation layers (person to organisation), which 'all' adds."
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
    help:
      "auto (all up to 60 nodes, else the top k), all, top, none, or a threshold: top:K labels the K highest by the size measure (K from 0; above the nodes drawn, all), top:K:MEASURE by \(DiagramStyle.Size.allCases.filter { $0 != .none }.map(\.rawValue).joined(separator: ", ")) (default: auto). Nodes with the value 0 are not ranked."
  ),
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
    clusters, twopi for an ego network. Every label is centred on its node, one too long for
    it running past it, kept apart from the others (labels longer than 40 characters are cut,
    the tooltip keeps them whole); overlap removal (prism), spacing and tie
    routing (splines true up to 100 nodes, straight above; ortho for the dot engine up to
    100) are chosen by size; a cluster's title is a text node inside it, so
    ties go around it.
    """)

let renderSpec = CommandSpec(
  name: "render", abstract: "Draw the network to SVG, PNG or PDF with Graphviz.",
  positionals: [
    (
      "NET",
      netArgument.help
        + " With --panels waves, one network per wave (two or more, the same people under the same ids)."
    )
  ],
  options: inputOptions + drawingOptions + [
    OptionSpec(
      name: "dpi", valueName: "n",
      help:
        "Resolution of a PNG, 36 to 1200 (default: Graphviz's 96; 300 for a journal). Pixels grow with its square."
    ),
    OptionSpec(
      name: "panels", valueName: "kind",
      help:
        "Small multiples on one layout: layers (a panel per layer drawn) or waves (a panel per network given). At most \(maximumPanels) panels."
    ),
    OptionSpec(
      name: "output", short: "o", valueName: "file",
      help: "The picture to write: .svg, .png or .pdf. Required.", required: true), helpOption,
  ],
  discussion: """
    The same drawing as 'brobyggare dot', rendered by Graphviz's dot program (which must be
    installed). The same input gives the same bytes: the creation date cairo writes into a PDF
    is set to SOURCE_DATE_EPOCH, or to 1970-01-01 when that is not set.

    With --panels, Graphviz lays out every panel's nodes and ties together once, and each
    panel is drawn with those positions pinned (neato -n2), so a node sits at the same place
    in every panel; sizes and labels come from each panel's own ties. A node absent from a
    wave is drawn there as a dotted grey outline without a label. Each panel is written
    beside OUT, named after it (fig.layer-trust.svg, fig.wave-wave1.png); for SVG, OUT holds
    every panel side by side, each titled. Not with --ego, --clusters or --plain.
    """,
  repeatsLastPositional: true)

extension BrobyggareCommandLine {
  static func convert(_ p: ParsedArguments, _ out: inout Outcome) throws {
    let (input, output) = (p.positionals[0], try outputFile(p, convertSpec))
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
      // A program that opens the file by its extension would misread it: said, not refused,
      // since a name is the user's to choose.
      if let named = NetworkFormat(path: output), named != fmt {
        note(
          "\(output): written as \(fmt.rawValue) (--output-format), though its extension names \(named.rawValue): programs that go by the extension will misread it"
        )
      }
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
    var net = try readNetwork(input, p)
    // The ties of one sign, negative ones with their size as trust: the file says which, so
    // that a trust of 2 written from -2 is not read later as trust.
    if let sign = net.tieSign {
      net.attributes["tie_sign"] = .string(sign.rawValue)
      if !net.networkAttributes.contains(where: { $0.name == "tie_sign" }) {
        net.networkAttributes.append(AttributeDeclaration(name: "tie_sign", type: .string))
      }
    }
    var inputs = [input]
    if let n = p.value("nodes") { inputs.append(n) }
    // The input's node table, where there is one: a CSV written beside it must not replace it
    // (a dataset opened by name has none in this folder, so padgett.csv may be written here).
    let companion = Network.companionNodeTable(for: input)
    if format == .csv && FileManager.default.fileExists(atPath: companion) {
      inputs.append(companion)
    }
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
    // networkx's read_gml names nodes by 'label' unless told (and fails without one); the ids
    // are in the key that nodeIDKey names, or are the GML ids.
    if format == .gml {
      let key = GMLFormat.nodeIDKey(of: net) ?? "id"
      let igraph =
        key == "id"
        ? "keeps them as the vertex attribute 'id'"
        : key == "name"
          ? "reads them as its vertex names"
          : "keeps them as the vertex attribute '\(key)', and takes the nodes' own 'name' attribute for its vertex names"
      note(
        "\(output): networkx names GML nodes by their 'label' unless told: read_gml(path, label=\"\(key)\") names them by these ids (igraph \(igraph))"
      )
      // GML text is ASCII, other characters written as `&#246;`, as networkx needs: igraph
      // (python-igraph 1.0, R igraph 1.3) keeps them as written.
      func outsideASCII(_ s: String) -> Bool { s.unicodeScalars.contains { !$0.isASCII } }
      func textOutsideASCII(_ a: [String: AttributeValue]) -> Bool {
        a.contains { k, v in
          if outsideASCII(k) { return true }
          if case .string(let s) = v { return outsideASCII(s) }
          return false
        }
      }
      let entities =
        net.nodes.filter { outsideASCII($0.id) || textOutsideASCII($0.attributes) }.count
        + net.ties.filter {
          ($0.layer.map(outsideASCII) ?? false) || textOutsideASCII($0.attributes)
        }
        .count
      if entities > 0 {
        note(
          "\(output): GML text is ASCII: the letters outside it (å, ö, ...) that \(entities) \(entities == 1 ? "node or tie has" : "nodes and ties have") are written as character references such as &#246;, which networkx decodes and igraph keeps as written (G&#246;ran); for igraph, write GraphML"
        )
      }
    }
    if dialect == "cytoscape" {
      let renames = NodeLinkFormat.cytoscapeRenames(net)
      for (domain, map) in [("node", renames.nodes), ("tie", renames.ties)] {
        for name in map.keys.sorted() {
          note(
            "\(output): the \(domain) attribute \(quotedName(name)) is written as \(quotedName(map[name]!)): Cytoscape JSON gives '\(name)' to its own field\(domain == "node" && name == "name" ? " (the label)" : domain == "node" && name == "value" ? " (the id again)" : "")"
          )
        }
      }
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
    // What the file holds: an edge list has no place for nodes without ties, a DL file none
    // for a tie of trust 0 or for a second tie between the same pair (the notes above say so).
    let held =
      dialect == "cytoscape" ? (net.nodeCount, net.tieCount) : net.writtenCounts(as: format)
    func part(_ held: Int, _ all: Int, _ noun: String) -> String {
      held == all ? counted(all, noun) : "\(held) of the \(counted(all, noun))"
    }
    out.stderr +=
      "wrote \(written.joined(separator: " and ")): \(part(held.0, net.nodeCount, "node")), \(part(held.1, net.tieCount, "tie"))\n"
  }

  /// `file` names the network in the notes on its ties (several networks are drawn).
  static func diagramStyle(_ p: ParsedArguments, _ net: Network, file: String? = nil) throws
    -> DiagramStyle
  {
    var style = DiagramStyle()
    style.group = p.value("group")
    style.size = try choice(p, "size-by", default: .betweenness)
    if let l = p.value("labels"), l.hasPrefix("top:") {
      let parts = l.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
      guard parts.count == 2 || parts.count == 3, let k = Int(parts[1]), k >= 0 else {
        throw UsageError(
          message:
            "--labels top:K takes a whole number K of 0 or more, as in top:10 or top:10:degree, not '\(l)'"
        )
      }
      style.labelCount = k
      if parts.count == 3 {
        let measures = DiagramStyle.Size.allCases.filter { $0 != .none }.map(\.rawValue)
        guard let m = DiagramStyle.Size(rawValue: parts[2]), m != .none else {
          throw UsageError(
            message:
              "--labels top:K:MEASURE ranks by one of \(measures.joined(separator: ", ")), not '\(parts[2])'\(didYouMean(closestMatches(to: parts[2], among: measures)))"
          )
        }
        style.labelMeasure = m
      }
    } else {
      do { style.labels = try choice(p, "labels", default: .auto) } catch let e as UsageError {
        throw UsageError(message: e.message + "; or top:K, top:K:MEASURE (as in top:10:degree)")
      }
    }
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
    style.selection = try tieSelection(p, network: net, file: file, measured: false)
    style.threads = try threadCount(p)
    if let g = style.group, let groups = try? net.groupAssignment(by: g) {
      // The colours are the groups: what made them is said as the group measures say it.
      noteGroupValues(
        groups, nodeCount: net.nodeCount, leftOutOf: "the colours",
        ungroupedAre: (
          "it is drawn white with a dashed outline, as '(no group)' in the legend",
          "they are drawn white with a dashed outline, as '(no group)' in the legend"
        ))
      noteSimilarGroups(groups.similarNames, attribute: g)
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
      // Plain DOT is the network as it is: an option that styles or selects would be passed
      // over (every layer drawn under --layer trust), so it is refused.
      let styling = drawingOptions.map(\.name).filter {
        $0 != "plain" && $0 != "threads" && (p.value($0) != nil || p.flag($0))
      }
      if !styling.isEmpty {
        throw UsageError(
          message:
            "--plain writes the network as it is, every node and tie, without styling; \(styling.map { "--\($0)" }.joined(separator: ", ")) \(styling.count == 1 ? "styles or selects" : "style or select") the drawing: leave out --plain, or \(styling.count == 1 ? "it" : "them")"
        )
      }
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
    do {
      let style = try diagramStyle(p, net)
      let drawing = try net.drawing(style)
      noteLabels(style, drawing, net)
      // Seen with Graphviz 2.43: fdp places the nodes of the same file differently from one
      // run to the next (with clusters, or with the legend's table), whatever its seed.
      if drawing.layout == "fdp" {
        note(
          "the layout is fdp\(style.clusters ? " (for the clusters)" : ""): the DOT is the same every time, but Graphviz's fdp can place its nodes differently from one run to the next (seen with Graphviz 2.43, whatever the seed); neato (--layout neato, without --clusters) draws the same picture every time"
        )
      }
      if style.hideIsolates && style.ego == nil && drawing.drawnCount < net.nodeCount {
        let hidden = net.nodeCount - drawing.drawnCount
        note(
          "--hide-isolates: \(hidden) of the \(net.nodeCount) nodes \(hidden == 1 ? "has" : "have") no tie in the layers drawn and \(hidden == 1 ? "is" : "are") not drawn"
        )
      }
      return drawing.dot
    } catch let e as DiagramError {
      throw UsageError(message: e.description)
    } catch let e as NetworkError {
      throw UsageError(message: e.description)
    }
  }

  /// Says which nodes a label threshold labelled, and by what.
  static func noteLabels(_ style: DiagramStyle, _ drawing: DiagramDrawing, _ net: Network) {
    guard let k = style.labelCount, let m = drawing.labelMeasure else { return }
    let measure = m == .constraint ? "low constraint" : m.rawValue
    let names = drawing.labelled.prefix(20).map { net.nodes[$0].label }.joined(separator: ", ")
    let more = drawing.labelled.count > 20 ? ", and \(drawing.labelled.count - 20) more" : ""
    var line =
      "labels: the \(drawing.labelled.count) highest by \(measure)"
      + (drawing.labelled.isEmpty ? "" : " (\(names)\(more))")
    if drawing.ranked < k {
      line +=
        "; \(k) asked for, and \(drawing.ranked) of the \(drawing.drawnCount) nodes drawn have a \(measure) above 0"
    }
    note(line)
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
    if p.value("panels") != nil || p.positionals.count > 1 {
      return try renderPanels(p, &out)
    }
    let (o, format) = try renderTarget(p)
    let net = try readNetwork(path, p)
    let text = try diagramText(p, net)
    let data = rendered(try Graphviz.render(text, as: format), format, p)
    try writeOutput([(path: o, data: data)], inputs: [path])
    out.stderr += "wrote \(o) (\(data.count) bytes)\n"
  }
}

extension BrobyggareCommandLine {
  /// The file `render` writes and its format, from `-o`; `--dpi` only with a PNG.
  static func renderTarget(_ p: ParsedArguments) throws -> (String, Graphviz.RenderFormat) {
    guard let o = p.value("output") else {
      throw UsageError(message: "Missing expected option '--output <file>'", command: renderSpec)
    }
    guard let format = Graphviz.RenderFormat(path: o) else {
      throw UsageError(message: "Cannot render '\(o)'; expected a .svg, .png or .pdf file")
    }
    if p.value("dpi") != nil && format != .png {
      throw UsageError(
        message:
          "--dpi sets the resolution of a PNG; '\(o)' is \(format.rawValue.uppercased()), drawn in lines that scale to any size"
      )
    }
    return (o, format)
  }

  /// What Graphviz drew; a PNG with its resolution recorded (`pHYs`), which Graphviz leaves
  /// out, so that a word processor places a 300 dpi figure at its size, not at 96 dpi
  /// (Graphviz's own resolution when `--dpi` is not given).
  static func rendered(_ data: Data, _ format: Graphviz.RenderFormat, _ p: ParsedArguments)
    -> Data
  {
    format == .png ? pngWithResolution(data, dpi: Int(p.value("dpi") ?? "") ?? 96) : data
  }
}

extension BrobyggareCommandLine {
  /// `render --panels layers|waves`: small multiples on one pinned layout.
  static func renderPanels(_ p: ParsedArguments, _ out: inout Outcome) throws {
    let paths = p.positionals
    guard let kind = p.value("panels") else {
      throw UsageError(
        message:
          "render draws one network, and \(paths.count) were given; to draw waves side by side on one layout, add --panels waves"
      )
    }
    guard kind == "layers" || kind == "waves" else {
      throw UsageError(
        message:
          "--panels takes layers or waves, not '\(kind)'\(didYouMean(closestMatches(to: kind, among: ["layers", "waves"])))"
      )
    }
    if kind == "layers" && paths.count != 1 {
      throw UsageError(
        message:
          "--panels layers draws the layers of one network, and \(paths.count) were given (--panels waves draws one panel per network)"
      )
    }
    if kind == "waves" && paths.count < 2 {
      throw UsageError(
        message: "--panels waves draws one panel per wave: give two or more networks")
    }
    if paths.count > maximumPanels {
      throw UsageError(
        message:
          "--panels draws at most \(maximumPanels) panels, and \(paths.count) networks were given")
    }
    for flag in ["ego", "clusters", "plain"] where p.value(flag) != nil || p.flag(flag) {
      throw UsageError(
        message:
          "--panels draws every panel on one pinned layout, which --\(flag) cannot share; leave out --\(flag)"
      )
    }
    if kind == "waves" && p.value("nodes") != nil {
      throw UsageError(
        message:
          "--nodes names one node table, and --panels waves reads several networks: give each wave its node table beside it (WAVE.nodes.csv)"
      )
    }
    let (o, format) = try renderTarget(p)
    let networks = try paths.map { try readNetwork($0, p) }
    var style: DiagramStyle
    var panels: [DiagramPanel] = []
    do {
      style = try diagramStyle(p, networks[0], file: kind == "waves" ? paths[0] : nil)
      if kind == "layers" {
        let net = networks[0]
        let layers = net.layers.filter { style.selection.includes(layer: $0) }
        if layers.isEmpty {
          throw UsageError(
            message:
              "'\(paths[0])' has no layers to draw as panels (its ties carry no layer); --panels waves draws one panel per network"
          )
        }
        if layers.count > maximumPanels {
          throw UsageError(
            message:
              "--panels draws at most \(maximumPanels) panels, and '\(paths[0])' has \(layers.count) layers; choose some with --layer"
          )
        }
        for layer in layers {
          var s = style.selection
          s.layers = [layer]
          panels.append(
            DiagramPanel(name: layer, network: net, selection: s, title: "layer: \(layer)"))
        }
      } else {
        for (i, (path, net)) in zip(paths, networks).enumerated() {
          let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
          // The first wave's selection is the style's, its notes said once.
          panels.append(
            DiagramPanel(
              name: name, network: net,
              selection: i == 0
                ? style.selection
                : try tieSelection(p, network: net, file: path, measured: false)))
        }
      }
    } catch let e as NetworkError {
      throw UsageError(message: e.description)
    }
    let dots: [String]
    do { dots = try smallMultiples(panels, style: style) } catch let e as DiagramError {
      throw UsageError(message: e.description)
    } catch let e as NetworkError {
      throw UsageError(message: e.description)
    } catch let e as SmallMultiplesError {
      throw UsageError(message: e.description)
    }
    let names = panelFileNames(
      panels.map(\.name), output: o, kind: kind == "layers" ? "layer" : "wave")
    var files: [(path: String, data: Data)] = []
    for (dot, name) in zip(dots, names) {
      files.append((name, rendered(try Graphviz.renderPinned(dot, as: format), format, p)))
    }
    if format == .svg {
      files.append((o, svgSideBySide(files.map(\.data))))
    } else {
      note(
        "\(o) itself is not written: a \(format.rawValue.uppercased()) holds one panel, written one per file (SVG also puts them side by side in one)"
      )
    }
    if style.labelCount != nil {
      note("labels: in each panel, the \(style.labelCount!) highest there")
    }
    try writeOutput(files, inputs: paths)
    out.stderr +=
      "wrote \(files.count) files, \(panels.count) panels on one layout: \(files.map(\.path).joined(separator: ", "))\n"
  }

  /// The file of each panel beside `output`: `fig.layer-NAME.svg`, the name kept to letters,
  /// digits, `-` and `_` (others become `_`), a number added where two would be the same file
  /// on a case-insensitive file system (or the same as `output`).
  static func panelFileNames(_ names: [String], output: String, kind: String) -> [String] {
    let ext = (output as NSString).pathExtension
    let stem = (output as NSString).deletingPathExtension
    var taken: Set<String> = [output.lowercased()]
    return names.map { name in
      var safe = String(
        name.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "_" }
      )
      if safe.isEmpty { safe = "_" }
      var path = "\(stem).\(kind)-\(safe).\(ext)"
      var k = 2
      while taken.contains(path.lowercased()) {
        path = "\(stem).\(kind)-\(safe)-\(k).\(ext)"
        k += 1
      }
      taken.insert(path.lowercased())
      return path
    }
  }
}
