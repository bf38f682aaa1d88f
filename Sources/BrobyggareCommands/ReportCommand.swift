import Brobyggare
import Foundation

let reportSpec = CommandSpec(
  name: "report",
  abstract:
    "Write an analysis report (HTML and Markdown, tables as CSV) a researcher can open and send on.",
  positionals: [netArgument],
  options: inputOptions + selectionOptions + [
    OptionSpec(
      name: "group", valueName: "attribute",
      help: "The node attribute that defines the groups. Required.", required: true),
    digitsOption,
    OptionSpec(
      name: "top", valueName: "k",
      help:
        "Bridge-builders listed (default: 10); the drawing marks the first 5 of them, or k if fewer."
    ),
    OptionSpec(
      name: "robustness", valueName: "runs",
      help: "Add how sure the ranking is: node dropout 10, 20 and 30 % with this many runs."),
    OptionSpec(name: "seed", valueName: "n", help: "Seed for the robustness runs (default: 1)."),
    OptionSpec(
      name: "title", valueName: "text",
      help: "The report's title (default: Bridge-builders in NET)."),
    OptionSpec(
      name: "output", short: "o", valueName: "dir",
      help: "The folder to write (created if missing). Required.", required: true),
    threadsOption, helpOption,
  ],
  discussion: """
    Writes DIR/index.html, one self-contained page (the drawing, heat maps, data and script
    inline; no network access) to explore in a browser: pan and zoom, find a person, a card
    with each node's measures, the ego network on a click, filters by group and layer, labels
    on and off, the view saved as SVG, and tables sorted by any column. Beside it report.md,
    network.dot and, when Graphviz is installed, network.svg; the heat maps as SVG;
    network.graphml and network.gexf, the network with every measure as node attributes (for
    Gephi or yEd); figures/, the figures for print (the drawing as SVG and as PNG at 300 dpi,
    on the page drawing's layout, its legend naming the group attribute and the layers; the
    heat maps as SVG); and
    every table as CSV: bridge-builders.csv (every node), group-matrix.csv, ei.csv, whatif.csv
    (and robustness.csv), and all of them in tables.xlsx, a sheet each. Bridge-builders are
    ranked by betweenness (hops). Without --layer, the analysis runs on the person-to-person
    layers: affiliation layers (declared by the network, or every tie joining a person and an
    organisation) are drawn as light grey lines and not analysed; --layer all analyses every
    layer. Every report says what made it: program version, command
    line, date (SOURCE_DATE_EPOCH when set, so that the same input gives the same bytes),
    the input's name and SHA-256, layers, weights and distances (the output folder written
    DIR, so that a report is the same bytes wherever it is written).
    """)

extension BrobyggareCommandLine {
  static func report(_ p: ParsedArguments, _ out: inout Outcome) throws {
    let path = p.positionals[0]
    guard let attribute = p.value("group") else {
      throw UsageError(
        message: "Missing expected option '--group <attribute>'", command: reportSpec)
    }
    guard let dir = p.value("output") else {
      throw UsageError(message: "Missing expected option '--output <dir>'", command: reportSpec)
    }
    let top = try wholeNumber(p, "top") ?? 10
    var robustnessRuns: Int?
    if let r = p.value("robustness") {
      guard let k = Int(r), k >= 1, k <= 100_000 else {
        throw UsageError(
          message: "--robustness takes a whole number of runs from 1 to 100000, not '\(r)'")
      }
      robustnessRuns = k
    }
    let (_, seed) = try permutationOptions(p, default: 0, minimum: 0)
    let givenTitle = p.value("title")
    if let t = givenTitle, t.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      throw UsageError(message: "--title takes some text, not an empty title")
    }
    let threads = try threadCount(p)
    try checkReportFolder(dir)
    let net = try readNetwork(path, p)
    let selection = try tieSelection(p, network: net)
    noteNonRespondents(net, effect: nonRespondentEffectOnMeasures)
    let silent = nonRespondents(net)
    // Without --layer, the affiliation layers (people to organisations) are left out of the
    // analysis of people (tieSelection says so) and drawn as such, after the layers analysed.
    let analysedLayers = Array(Set(net.ties.compactMap(\.layer))).sorted().filter {
      selection.includes(layer: $0)
    }
    let affiliationLayers = selection.excludedLayers.sorted()
    let (g, names) = try groupsOrUsageError(net, attribute, selection: selection)
    let adj = try net.adjacency(selection)
    let lengths = try ArcLengths(adj, transform: .hops)
    let n = net.nodeCount
    let betweenness = adj.betweenness(lengths: lengths, threads: threads)
    let intergroup = adj.intergroupBetweenness(groups: g, lengths: lengths, threads: threads)
    let brokerage = adj.brokerageRoles(groups: g, groupNames: names)
    let constraint = adj.structuralHoles().constraint
    let ei = adj.eiIndex(groups: g, groupCount: names.count)
    let matrices = adj.groupMatrices(groups: g, names: names)
    noteUndirectedReciprocity(net, path)
    noteReconstructedPairs(net, path)
    // Ties (within rounding, RankCorrelation.withRoundingTies) in node order.
    let key = RankCorrelation.withRoundingTies(betweenness)
    let order = (0..<n).sorted { (key[$0], -$0) > (key[$1], -$1) }
    var rankOf = [Int](repeating: 0, count: n)
    for (r, v) in order.enumerated() { rankOf[v] = r + 1 }
    let topNodes = Array(order.prefix(top))
    let leaving = topNodes.first
    let effect = leaving.map { adj.removalEffect(of: [$0], groups: g) }

    // Tables.
    let roleNames = [
      "coordinator", "itinerant", "representative", "gatekeeper", "liaison", "total",
    ]
    let builderColumns =
      ["rank", "id", "label", "group", "betweenness", "betweenness_intergroup"]
      + roleNames.map { "brokerage_\($0)" } + ["constraint", "ei_index"]
    // An organisation left out of the groups (tied in the affiliation layers left out alone)
    // still shows its value in the table; it counts in no group measure.
    let shown = try? net.groupAssignment(by: attribute)
    let builderRows: [[Cell]] = order.enumerated().map { r, v in
      [
        .integer(r + 1), .text(net.nodes[v].id), .text(net.nodes[v].label),
        .text(shown.map { groupName($0.groups[v], $0.names) } ?? groupName(g[v], names)),
        .number(betweenness[v]), .number(intergroup[v]),
      ]
        // A node in no group brokers between no groups: its role counts are NaN (undefined,
        // as its E-I index is), not 0, which would say it brokers nothing; a number still, so
        // the columns stay numeric in the GraphML and GEXF the report writes.
        + (0..<6).map { .number(g[v] < 0 ? .nan : brokerage.raw[$0][v]) } + [
          .number(constraint[v]), .number(ei.nodes[v]),
        ]
    }
    let builders = ResultTable(columns: builderColumns, rows: builderRows, settings: [])
    // Every node on the page, without the five role counts (they are in the CSV).
    let pageColumns = [0, 1, 2, 3, 4, 5, 11, 12, 13]
    let everyNodeTable = ResultTable(
      columns: pageColumns.map { builderColumns[$0] },
      rows: builderRows.map { r in pageColumns.map { r[$0] } }, settings: [])
    var matrixRows: [[Cell]] = []
    for a in names.indices {
      for b in names.indices {
        matrixRows.append([
          .text(names[a]), .text(names[b]), .integer(matrices.ties[a][b]),
          .number(matrices.density[a][b]),
          .number(matrices.meanTrust[a][b]), .number(matrices.reciprocity[a][b]),
        ])
      }
    }
    let matrixTable = ResultTable(
      columns: ["from_group", "to_group", "ties", "density", "mean_trust", "reciprocity"],
      rows: matrixRows, settings: [])
    let eiTable = ResultTable(
      columns: ["group", "size", "ei_index", "ei_expected"],
      rows: names.indices.map {
        [
          .text(names[$0]), .integer(matrices.sizes[$0]), .number(ei.groups[$0]),
          .number(ei.groupsExpected[$0]),
        ]
      },
      settings: [])
    // The report shows 4 significant digits (or --digits); the CSV files keep every digit.
    func rounded(_ t: ResultTable) -> ResultTable {
      var r = t
      r.rows = t.rows.map {
        $0.map {
          if case .number(let x) = $0 { return .number(humanRounded(x)) } else { return $0 }
        }
      }
      return r
    }
    var whatifRows: [[Cell]] = []
    if let e = effect, let v = leaving {
      whatifRows = [
        [.text("who leaves"), .text("\(net.nodes[v].label) (\(net.nodes[v].id))"), .text("")],
        [
          .text(net.isDirected ? "weak components" : "components"),
          .text(String(e.componentsBefore)), .text(String(e.componentsAfter)),
        ],
        [
          .text(net.isDirected ? "largest weak component" : "largest component"),
          .text(String(e.largestBefore)), .text(String(e.largestAfter)),
        ],
        [
          .text(
            net.isDirected
              ? "fragmentation (ordered pairs, along the ties' direction)" : "fragmentation"),
          .number(e.fragmentationBefore),
          .number(e.fragmentationAfter),
        ],
        [
          .text(
            net.isDirected
              ? "distance-weighted fragmentation (along the ties' direction)"
              : "distance-weighted fragmentation"),
          .number(e.distanceFragmentationBefore),
          .number(e.distanceFragmentationAfter),
        ],
        [.text("ordered pairs that lose their path"), .text(""), .text(String(e.reachLost))],
        [
          .text("group pairs cut off"), .text(""),
          .text(
            e.groupPairsCut.isEmpty
              ? "none"
              : e.groupPairsCut.map { "\(names[$0.0]) → \(names[$0.1])" }.joined(separator: "; ")),
        ],
      ]
    }
    let whatifTable = ResultTable(
      columns: ["what", "before (whole network)", "after (those who remain)"], rows: whatifRows,
      settings: [])
    // The drawing marks the first five bridge-builders (or all of them when fewer are listed);
    // the robustness test counts the same top.
    let marked = min(5, top)
    let robustnessSentence =
      "Nodes left out at random (Borgatti, Carley and Krackhardt 2006): Spearman correlation with the full ranking and the share of the top \(marked) kept; the last column is the share of runs in which the top bridge-builder stays in the top \(marked) (not necessarily first)."
    var robustnessTable: ResultTable?
    if let runs = robustnessRuns {
      var o = Robustness.Options()
      o.runs = runs
      o.seed = seed
      o.topK = marked
      o.threads = threads
      let r = adj.robustness(o)
      // Each run removes the rate times the nodes, rounded: on a small network a rate can
      // remove no one (perfect agreement that says nothing) or as many as another rate.
      for c in r.conditions where c.removedPerRun == 0 {
        note(
          "robustness: \(c.perturbation.description) removes no one of the \(c.population) nodes (the rate times their number rounds to 0): its runs are the whole network, and its agreement says nothing"
        )
      }
      let removed = r.conditions.compactMap(\.removedPerRun)
      if Set(removed).count < removed.count {
        note(
          "robustness: the rates remove \(removed.map(String.init).joined(separator: ", ")) of the \(adj.nodeCount) nodes per run (the rate times their number, rounded): conditions that remove as many are the same experiment"
        )
      }
      func q(_ xs: [Double], _ p: Double) -> Double {
        RankCorrelation.quantile(xs.filter { !$0.isNaN }.sorted(), p)
      }
      robustnessTable = ResultTable(
        columns: [
          "condition", "runs", "spearman_median", "spearman_5", "spearman_95",
          "top_k_overlap_median", "first_stays_in_top_\(marked)",
        ],
        rows: r.conditions.map { c in
          [
            .text(c.perturbation.description), .integer(runs), .number(q(c.spearman, 0.5)),
            .number(q(c.spearman, 0.05)),
            .number(q(c.spearman, 0.95)), .number(q(c.topKOverlap, 0.5)),
            .number(r.topK.first.map { c.nodes[$0].topKShare } ?? .nan),
          ]
        }, settings: [])
    }

    // Pictures.
    var style = DiagramStyle()
    style.group = attribute
    style.top = marked
    style.selection = selection
    // Every node carries its label; the page shows the top ones until "all labels" is ticked.
    style.labels = .all
    style.elementIDs = true
    style.title =
      givenTitle ?? "\((path as NSString).lastPathComponent): bridge-builders by \(attribute)"
    func withAffiliations(_ dot: String, ids: Bool) -> String {
      drawingAffiliations(
        dot, network: net, layers: affiliationLayers, firstLayerIndex: analysedLayers.count,
        elementIDs: ids)
    }
    // The page's drawing and the figures size and label their nodes by the same measures on
    // the same ties: measured once for all of them. Betweenness is the table's, on the same
    // ties with the same hops (Network.betweenness(selection:) computes just that).
    let nodeSizes = try net.drawingMeasures(style, except: [.betweenness])
      .merging([.betweenness: betweenness]) { $1 }
    let pageDrawing = try net.drawing(style, measured: nodeSizes)
    // network.dot is left to Graphviz's layout, for a reader to lay it out anew.
    let dot = withAffiliations(pageDrawing.dot, ids: true)
    var networkSVG: String?
    var graphvizNote = ""
    var figures: [(path: String, data: Data)] = []
    /// The page's picture and the figures for print, drawn on `layout`, or each laid out by
    /// Graphviz when it is nil. The figures: labels as the size allows (all up to 60 nodes,
    /// else the top), no ids for a script; the bitmap at 300 dpi, its resolution written into
    /// the PNG.
    func pictures(_ layout: PinnedLayout?) throws -> (page: String, figures: [(String, Data)]) {
      func drawing(_ s: DiagramStyle, ids: Bool) throws -> String {
        var s = s
        s.pinned = layout
        return withAffiliations(try net.drawing(s, measured: nodeSizes).dot, ids: ids)
      }
      func render(_ text: String, _ format: Graphviz.RenderFormat) throws -> Data {
        layout == nil
          ? try Graphviz.render(text, as: format) : try Graphviz.renderPinned(text, as: format)
      }
      let page = String(decoding: try render(try drawing(style, ids: true), .svg), as: UTF8.self)
      var printStyle = style
      printStyle.labels = .auto
      printStyle.elementIDs = false
      let vector = try render(try drawing(printStyle, ids: false), .svg)
      printStyle.dpi = reportFigureDPI
      let bitmap = pngWithResolution(
        try render(try drawing(printStyle, ids: false), .png), dpi: reportFigureDPI)
      return (page, [("figures/network.svg", vector), ("figures/network.png", bitmap)])
    }
    do {
      // One layout for the page's drawing and both figures: Graphviz lays the page's drawing
      // out once, and each picture is drawn with those positions pinned, so every node is at
      // the same place on the page, in the SVG figure and in the PNG (laid out apart, the
      // figures' fewer labels gave another layout). Should that fail (a Graphviz without
      // -Tjson), each picture is laid out on its own, as said.
      var drawn: (page: String, figures: [(String, Data)])?
      if var layout = try? PinnedLayout(positions: Graphviz.positions(of: dot)) {
        layout.legendID = pageDrawing.legendID
        drawn = try? pictures(layout)
      }
      if drawn == nil, Graphviz.executable != nil {
        note(
          "the figures for print are laid out apart from the page's drawing (Graphviz could not draw them on one layout), so nodes may stand elsewhere in them"
        )
      }
      let (page, drawnFigures) = try drawn ?? pictures(nil)
      networkSVG = page
      figures = drawnFigures.map { (path: $0.0, data: $0.1) }
    } catch let e as Graphviz.RenderError {
      graphvizNote = e.description
    }
    let densitySVG = heatMapSVG(matrices.density, names: names, title: "Tie density between groups")
    let trustSVG = heatMapSVG(
      matrices.meanTrust, names: names, title: "Mean trust between groups", counts: matrices.ties)
    figures += [
      ("figures/density.svg", Data(densitySVG.utf8)), ("figures/trust.svg", Data(trustSVG.utf8)),
    ]

    // Markdown and HTML.
    let title = givenTitle ?? "Bridge-builders in \((path as NSString).lastPathComponent)"
    let settings =
      [
        ("network", path), ("nodes", String(n)), ("ties", String(adj.tieCount)),
        ("directed", net.isDirected ? "yes" : "no"),
        ("groups", "\(attribute): \(names.joined(separator: ", "))"),
      ]
      + (silent > 0 ? [("non-respondents", "\(silent) (respondent = false; see the notes)")] : [])
      + selectionSettings(selection, network: net)
      + (affiliationLayers.isEmpty
        ? []
        : [
          (
            "drawn as affiliations",
            "\(affiliationLayers.map(settingName).joined(separator: ",")): ties between people and organisations, drawn as light grey lines, not analysed (--layer all analyses every layer)"
          )
        ])
    /// The brokerage role a node plays most (the first of equals, in Gould and Fernandez's order).
    func mainRole(_ v: Int) -> String {
      let counts = (0..<5).map { brokerage.raw[$0][v] }
      guard let best = counts.max(), best > 0 else { return "none" }
      // Roles played equally often are all named (the first alone hid the others).
      return counts.indices.filter { counts[$0] == best }.map { roleNames[$0] }.joined(
        separator: "/")
    }
    // The id beside the label when two nodes share a label (two people called Anna Karlsson).
    let labelsRepeat = Set(net.nodes.map(\.label)).count < n
    let topTable = ResultTable(
      columns: ["rank"] + (labelsRepeat ? ["id"] : []) + [
        "label", "group", "betweenness", "betweenness_intergroup", "brokerage_total", "main_role",
        "constraint", "ei_index",
      ],
      rows: topNodes.enumerated().map { r, v in
        [.integer(r + 1)] + (labelsRepeat ? [.text(net.nodes[v].id)] : []) + [
          .text(net.nodes[v].label), .text(groupName(g[v], names)),
          .number(humanRounded(betweenness[v])), .number(humanRounded(intergroup[v])),
          g[v] < 0 ? .text("") : .number(humanRounded(brokerage.raw[5][v])),
          .text(g[v] < 0 ? "(no group)" : mainRole(v)), .number(humanRounded(constraint[v])),
          .number(humanRounded(ei.nodes[v])),
        ]
      }, settings: [])
    // What made the report, and the data the page's script reads.
    let reportSettings =
      settings + [
        (
          "distance",
          "hops: every tie 1, for betweenness and what-if; trust as a strength for constraint and mean trust"
        )
      ]
    let provenance = reportProvenance(
      commandLine: reportCommandLine(p, spec: reportSpec),
      inputs: reportInputs(path, nodes: p.value("nodes")), settings: reportSettings)
    let hasUngrouped = g.contains { $0 < 0 }
    let pageGroups = names + (hasUngrouped ? [DiagramStyle.noGroup] : [])
    let pageData = ReportData(
      attribute: attribute, groups: pageGroups,
      colours: names.indices.map { DiagramStyle.palette[$0 % DiagramStyle.palette.count] }
        + (hasUngrouped ? [DiagramStyle.noGroupColour] : []),
      layers: analysedLayers + affiliationLayers, affiliationLayers: affiliationLayers.count,
      measures: [
        "betweenness", "betweenness_intergroup", "brokerage_total", "constraint", "ei_index",
      ],
      nodes: (0..<n).map { v in
        ReportNode(
          id: net.nodes[v].id, label: net.nodes[v].label, group: groupName(g[v], names),
          groupIndex: g[v] >= 0 ? g[v] : names.count,
          rank: rankOf[v], top: rankOf[v] <= style.top,
          measures: [
            betweenness[v], intergroup[v], g[v] < 0 ? .nan : brokerage.raw[5][v], constraint[v],
            ei.nodes[v],
          ],
          role: g[v] < 0 ? "(no group)" : mainRole(v))
      })

    // The network with every measure as node attributes, for Gephi and yEd; made before the
    // page, so that the page shows their notes.
    let measured = reportMeasuresNetwork(
      net, columns: builderColumns, rows: builderRows,
      mainRoles: (0..<n).map { g[$0] < 0 ? "" : mainRole($0) })
    let graphml = try reportGraphML(measured)
    let gexf = try reportGEXF(measured)

    var md = "# \(markdownText(title))\n\n"
    md +=
      settings.map { "- \(markdownText($0.0)): \(markdownText($0.1))" }.joined(separator: "\n")
      + "\n\n"
    md +=
      "## The network\n\n"
      + (networkSVG != nil
        ? "![The network](network.svg)\n\n"
        : "Not drawn: \(graphvizNote). The drawing is in network.dot.\n\n")
    md +=
      "Every measure is a node attribute in network.graphml (for Gephi or yEd) and network.gexf (for Gephi).\n\n"
    md +=
      "## The bridge-builders\n\nRanked by betweenness; brokerage is Gould and Fernandez's total over the five roles, and the role each plays most (roles played equally often joined by /); lower constraint means more structural holes. Every node is in bridge-builders.csv.\n\n"
    md += topTable.render(.markdown) + "\n"
    md +=
      "## The measures\n\n"
      + reportMeasureExplanations.map { "- \(markdownText($0.name)): \(markdownText($0.sentence))" }
      .joined(separator: "\n")
      + "\n\n\(readmeMeasuresPointer).\n\n"
    md += "## Between the groups\n\n![Tie density](density.svg)\n\n![Mean trust](trust.svg)\n\n"
    md +=
      "E-I index (Krackhardt and Stern 1988): −1 all ties inside the group, +1 all outside; the network's is \(formatNumber(humanRounded(ei.network))) (expected from group sizes \(formatNumber(humanRounded(ei.networkExpected)))).\n\n"
    md += rounded(eiTable).render(.markdown) + "\n"
    if leaving != nil {
      md += "## If the top bridge-builder leaves\n\n" + whatifTable.render(.markdown) + "\n"
    }
    if let rt = robustnessTable {
      md +=
        "## How sure is the ranking\n\n\(robustnessSentence)\n\n"
        + rounded(rt).render(.markdown) + "\n"
    }

    var html =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>\(escapeXML(title))</title>\n"
    // What this report wrote, so that a later report in the same folder removes only those of
    // its files that it does not write again, and nothing else.
    html +=
      "<meta name=\"generator\" content=\"brobyggare report\"/>\n<meta name=\"brobyggare-files\" content=\"\(reportFileNames.filter { f in f == "network.svg" || f.hasPrefix("figures/network.") ? networkSVG != nil : f == "robustness.csv" ? robustnessRuns != nil : true }.joined(separator: " "))\"/>\n"
    // The page is also well-formed XML: style and script sit in CDATA sections.
    html += "<style>/*<![CDATA[*/\n\(reportStyle)/*]]>*/</style>\n</head>\n<body>\n"
    html += "<h1>\(escapeXML(title))</h1>\n"
    html +=
      "<p class=\"summary\">\(n) nodes, \(adj.tieCount) ties\(net.isDirected ? " (directed)" : ""); groups by \(escapeXML(attribute)); layers: \(escapeXML(settings.first { $0.0 == "layers" }?.1 ?? "all"))\(affiliationLayers.isEmpty ? "" : "; drawn as affiliations, not analysed: \(escapeXML(affiliationLayers.joined(separator: ", ")))"). <a href=\"#provenance\">How this report was made</a>.</p>\n"
    html += "<h2 id=\"network\">The network</h2>\n"
    if let svg = networkSVG {
      html +=
        "<p>Drag to move, the wheel or the buttons to zoom; point at a node (or tap it) for its measures, click it for its ego network, click the background to see everyone again. The network with every measure as node attributes: <a href=\"network.graphml\">network.graphml</a> (for Gephi or yEd) and <a href=\"network.gexf\">network.gexf</a> (for Gephi). <a href=\"#figures\">Figures for print</a>.</p>\n"
      html += reportToolbar(pageData)
      html +=
        "<div id=\"viewer\">\(inlineSVG(svg))<div id=\"card\" hidden=\"hidden\"></div></div>\n"
    } else {
      html += "<p>Not drawn: \(escapeXML(graphvizNote)). The drawing is in network.dot.</p>\n"
    }
    html +=
      "<h2 id=\"bridge-builders\">The bridge-builders</h2>\n<p>Ranked by betweenness; brokerage is Gould and Fernandez's total over the five roles, and the role each plays most (roles played equally often joined by /); lower constraint means more structural holes. Click a column's name to sort by it. Every node is in <a href=\"bridge-builders.csv\">bridge-builders.csv</a>, and below.</p>\n"
    html += htmlTable(topTable, sortable: true)
    html +=
      "<details>\n<summary>Every node (\(n))</summary>\n"
      + htmlTable(rounded(everyNodeTable), sortable: true, id: "every-node") + "</details>\n"
    html += "<h2 id=\"measures\">The measures</h2>\n" + reportMeasuresHTML()
    html +=
      "<h2 id=\"between-groups\">Between the groups</h2>\n<figure>\(inlineSVG(densitySVG))</figure>\n<figure>\(inlineSVG(trustSVG))</figure>\n"
    html +=
      "<p>E-I index (Krackhardt and Stern 1988): −1 all ties inside the group, +1 all outside; the network's is \(formatNumber(humanRounded(ei.network))) (expected from group sizes \(formatNumber(humanRounded(ei.networkExpected)))).</p>\n"
    html += htmlTable(rounded(eiTable), sortable: true)
    if leaving != nil {
      html += "<h2>If the top bridge-builder leaves</h2>\n" + htmlTable(whatifTable)
    }
    // What the run said on standard error belongs with the figures it is about.
    let runNotes = Notes.current?.lines ?? []
    if !runNotes.isEmpty {
      md +=
        "## Notes\n\n" + runNotes.map { "- " + markdownText($0) }.joined(separator: "\n") + "\n\n"
    }
    let figureNames = figures.map(\.path)
    md += reportFiguresMarkdown(figureNames)
    md += provenanceMarkdown(provenance)
    if let rt = robustnessTable {
      html +=
        "<h2>How sure is the ranking</h2>\n<p>\(escapeXML(robustnessSentence))</p>\n"
        + htmlTable(rounded(rt), sortable: true)
    }
    if !runNotes.isEmpty {
      html +=
        "<h2>Notes</h2>\n<ul>\n" + runNotes.map { "<li>\(escapeXML($0))</li>\n" }.joined()
        + "</ul>\n"
    }
    html += reportFiguresHTML(figureNames)
    html += provenanceHTML(provenance)
    html += "<script type=\"application/json\" id=\"report-data\">\(pageData.json)</script>\n"
    html += "<script>//<![CDATA[\n\(reportScript)//]]>\n</script>\n"
    html += "</body>\n</html>\n"

    var files: [(path: String, data: Data)] = [
      ("index.html", Data(html.utf8)), ("report.md", Data(md.utf8)),
      ("network.dot", Data(dot.utf8)), ("network.graphml", Data(graphml.utf8)),
      ("network.gexf", Data(gexf.utf8)),
      ("density.svg", Data(densitySVG.utf8)), ("trust.svg", Data(trustSVG.utf8)),
      ("bridge-builders.csv", Data(builders.renderForSpreadsheets().utf8)),
      ("group-matrix.csv", Data(matrixTable.renderForSpreadsheets().utf8)),
      ("ei.csv", Data(eiTable.renderForSpreadsheets().utf8)),
      ("whatif.csv", Data(whatifTable.renderForSpreadsheets().utf8)),
    ]
    if let s = networkSVG { files.append(("network.svg", Data(s.utf8))) }
    files += figures
    if let rt = robustnessTable {
      files.append(("robustness.csv", Data(rt.renderForSpreadsheets().utf8)))
    }
    // Every table again in one workbook, a sheet each, cells typed.
    var sheets = [
      builders.workbookSheet(named: "bridge-builders"),
      matrixTable.workbookSheet(named: "group-matrix"),
      eiTable.workbookSheet(named: "ei"), whatifTable.workbookSheet(named: "whatif"),
    ]
    if let rt = robustnessTable { sheets.append(rt.workbookSheet(named: "robustness")) }
    // The choices that made every table, as report.md's provenance gives them.
    if let s = settingsSheet([("every sheet", reportSettings)]) { sheets.append(s) }
    files.append(("tables.xlsx", try XLSXFormat.checkedWorkbook(sheets)))
    var isFolder: ObjCBool = false
    let existed = FileManager.default.fileExists(atPath: dir, isDirectory: &isFolder)
    let earlier = earlierReportFiles(in: dir)
    // A folder holding someone's own index.html or report.md is not this program's to replace.
    if existed && earlier.isEmpty {
      for name in ["index.html", "report.md"]
      where FileManager.default.fileExists(atPath: (dir as NSString).appendingPathComponent(name)) {
        throw UsageError(
          message:
            "'\(dir)' holds \(name), which no report of this program wrote; give the report a folder of its own"
        )
      }
    }
    if existed && !isFolder.boolValue {
      throw UsageError(
        message: "'\(dir)' is a file; --output names the folder the report is written to")
    }
    // figures/ in it holds the figures for print.
    let figuresDir = (dir as NSString).appendingPathComponent("figures")
    var figuresIsFolder: ObjCBool = false
    let figuresExisted = FileManager.default.fileExists(
      atPath: figuresDir, isDirectory: &figuresIsFolder)
    if figuresExisted && !figuresIsFolder.boolValue {
      throw UsageError(
        message:
          "'\(figuresDir)' is a file; the report writes its figures for print into a folder of that name"
      )
    }
    // The first folder on the way that does not exist yet: made by this run, and removed with
    // all it holds if the report fails, so that a failed run leaves no folders behind.
    // (Walked with parentFolder: NSString's deletingLastPathComponent on Linux crashed on a
    // relative path it had itself shortened, `a/b/c` to `a/b` to `a`.)
    var made = dir
    while case let parent = parentFolder(of: made), !parent.isEmpty,
      parent != made,
      !FileManager.default.fileExists(atPath: parent)
    {
      made = parent
    }
    if !existed {
      do {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
      } catch {
        try? FileManager.default.removeItem(atPath: made)
        throw DataError(
          file: dir,
          message:
            "the folder cannot be made; check that the folder it goes in exists and can be written")
      }
    }
    if !figuresExisted {
      do {
        try FileManager.default.createDirectory(
          atPath: figuresDir, withIntermediateDirectories: false)
      } catch {
        try? FileManager.default.removeItem(atPath: existed ? figuresDir : made)
        throw DataError(file: figuresDir, message: "the folder for the figures cannot be made")
      }
    }
    let targets = files.map {
      (path: (dir as NSString).appendingPathComponent($0.path), data: $0.data)
    }
    do {
      try writeOutput(targets, inputs: [path, p.value("nodes")].compactMap { $0 })
    } catch {
      // Nothing half-written: a folder made for this report goes again.
      if !existed {
        try? FileManager.default.removeItem(atPath: made)
      } else if !figuresExisted {
        try? FileManager.default.removeItem(atPath: figuresDir)
      }
      throw error
    }
    // A report file of an earlier run that this run did not write (network.svg without
    // Graphviz, robustness.csv without --robustness) would show the old figures: it goes.
    let written = Set(files.map(\.path))
    let inputs = Notes.current?.inputs ?? []
    for old in earlier where !written.contains(old) && reportFileNames.contains(old) {
      let stale = (dir as NSString).appendingPathComponent(old)
      if FileManager.default.fileExists(atPath: stale), !inputs.contains(canonicalPath(stale)) {
        try? FileManager.default.removeItem(atPath: stale)
        note("removed \(stale), left by an earlier report and not written by this one")
      }
    }
    out.stderr += "# " + settings.map { "\($0.0): \($0.1)" }.joined(separator: "; ") + "\n"
    out.stderr +=
      "wrote \((dir as NSString).appendingPathComponent("index.html")) and \(targets.count - 1) more files\n"
    if !graphvizNote.isEmpty { out.stderr += "note: the network is not drawn: \(graphvizNote)\n" }
  }
}

/// The files an earlier report in `dir` says it wrote (its index.html's `brobyggare-files`),
/// or none when there is no earlier report of this program there.
func earlierReportFiles(in dir: String) -> [String] {
  let index = (dir as NSString).appendingPathComponent("index.html")
  guard let data = FileManager.default.contents(atPath: index), data.count < 50_000_000 else {
    return []
  }
  let text = String(decoding: data, as: UTF8.self)
  guard text.contains("<meta name=\"generator\" content=\"brobyggare report\"/>"),
    let start = text.range(of: "<meta name=\"brobyggare-files\" content=\""),
    let end = text[start.upperBound...].firstIndex(of: "\"")
  else { return [] }
  return text[start.upperBound..<end].split(separator: " ").map(String.init)
}

/// Every file a report may write, so that a re-run removes those it did not write again.
let reportFileNames =
  [
    "index.html", "report.md", "network.dot", "network.graphml", "network.gexf", "network.svg",
    "density.svg", "trust.svg",
    "bridge-builders.csv", "group-matrix.csv", "ei.csv", "whatif.csv", "robustness.csv",
    "tables.xlsx",
  ] + reportFigureFiles.map(\.file)

/// An SVG document without its XML declaration and DOCTYPE, to sit inside HTML.
func inlineSVG(_ svg: String) -> String {
  guard let start = svg.range(of: "<svg") else { return "" }
  return String(svg[start.lowerBound...])
}

/// A table in HTML; `sortable` ones are sorted by a click on a column's name (the page's script).
func htmlTable(_ t: ResultTable, sortable: Bool = false, id: String? = nil) -> String {
  var out =
    "<table\(id.map { " id=\"\($0)\"" } ?? "")\(sortable ? " class=\"sortable\"" : "")>\n<tr>"
    + t.columns.map { "<th>\(escapeXML($0))</th>" }.joined() + "</tr>\n"
  for r in t.rows {
    out +=
      "<tr>"
      + r.map { c -> String in
        switch c {
        case .integer, .number: "<td class=\"n\">\(escapeXML(c.plain))</td>"
        default: "<td>\(escapeXML(c.plain))</td>"
        }
      }.joined() + "</tr>\n"
  }
  return out + "</table>\n"
}

/// Refuses, before any work, a report folder that is a file or that cannot be made where it
/// would go (the checks at writing time stay, for what changes in between).
func checkReportFolder(_ dir: String) throws {
  var isFolder: ObjCBool = false
  if FileManager.default.fileExists(atPath: dir, isDirectory: &isFolder) {
    if !isFolder.boolValue {
      throw UsageError(
        message: "'\(dir)' is a file; --output names the folder the report is written to")
    }
    return
  }
  // The nearest folder on the way that exists must be a folder this run can write in. The
  // path is walked up by its components as strings (relative to the working folder).
  let absolute = dir.hasPrefix("/") ? dir : FileManager.default.currentDirectoryPath + "/" + dir
  var parts = absolute.split(separator: "/").map(String.init)
  var parent = "/"
  while !parts.isEmpty {
    parts.removeLast()
    parent = "/" + parts.joined(separator: "/")
    if FileManager.default.fileExists(atPath: parent, isDirectory: &isFolder) { break }
  }
  if !isFolder.boolValue {
    throw UsageError(
      message: "--output \(dir): '\(parent)' is a file, so the report's folder cannot be made in it"
    )
  }
  if !FileManager.default.isWritableFile(atPath: parent) {
    throw DataError(
      file: dir,
      message: "the folder cannot be made: '\(parent)' cannot be written to")
  }
}

/// The folder a path is in, by its text alone: `a/b/c` → `a/b`, `a` → ``, `/a` → `/`, and
/// trailing slashes passed over (`a/b/` → `a`).
func parentFolder(of path: String) -> String {
  var p = Substring(path)
  while p.count > 1 && p.hasSuffix("/") { p = p.dropLast() }
  guard let slash = p.lastIndex(of: "/") else { return "" }
  if slash == p.startIndex { return "/" }
  var parent = p[..<slash]
  while parent.count > 1 && parent.hasSuffix("/") { parent = parent.dropLast() }
  return String(parent)
}
