import Foundation
import Testing

@testable import Brobyggare

@Suite("DOT")
struct DOTTests {
  static let awkwardIDs = [
    "node", "Edge", "strict", "subgraph", "a:b", "1abc", "-5", "two words", "quote\"inside",
    "back\\slash", "new\nline", "Åsa Öberg", "東京", "", "{x}", "a->b", "--", "#hash", "<html>",
  ]

  @Test(arguments: [true, false])
  func graphvizAcceptsEveryAwkwardID(_ directed: Bool) throws {
    var net = Network(directed: directed)
    for id in Self.awkwardIDs { try net.addNode(Node(id: id, label: "label of " + id)) }
    for k in 1..<Self.awkwardIDs.count {
      net.addTie(
        from: Self.awkwardIDs[k - 1], to: Self.awkwardIDs[k], trust: 0.5, layer: "trust \"x\"")
    }
    let text = try DOTFormat.write(net)
    // Graphviz must draw it (.ci/run installs Graphviz; a missing one fails here, on purpose).
    let svg = try Graphviz.render(text, format: "svg")
    #expect(svg.count > 100)
    // And the reader gets the same ids, labels and ties back.
    let back = try DOTFormat.read(Data(text.utf8), file: "x.dot")
    #expect(back.nodes.map(\.id) == net.nodes.map(\.id))
    #expect(back.nodes.map(\.label) == net.nodes.map(\.label))
    #expect(back.ties.map(\.source) == net.ties.map(\.source))
    #expect(back.ties.map(\.trust) == net.ties.map(\.trust))
    #expect(back.ties.map(\.layer) == net.ties.map(\.layer))
    #expect(try DOTFormat.write(back) == text)
  }

  /// Groups of nodes multiply ties: the bound holds for the whole chain of a statement (12
  /// groups of 400 make 11 × 160,000 = 1,760,000 ties, over 1,000,000 at the 7th step, though
  /// each step alone is under it) and for all such statements of a file (six statements of
  /// 1,000,000 pass 5,000,000 at the 6th).
  @Test func tiesFromGroupsAreBoundedPerStatementAndPerFile() throws {
    func group(_ prefix: String, _ n: Int) -> String {
      "{" + (0..<n).map { "\(prefix)\($0)" }.joined(separator: " ") + "}"
    }
    let chain =
      "digraph {\n" + (0..<12).map { group("g\($0)_", 400) }.joined(separator: " -> ") + "\n}\n"
    #expect {
      try DOTFormat.read(Data(chain.utf8), file: "chain.dot")
    } throws: {
      ($0 as? FormatError).map {
        "\($0)".contains("more than 1000000 ties (400 nodes to 400 at its 7. step)")
      } ?? false
    }
    let many =
      "digraph {\n"
      + (0..<6).map { k in group("a\(k)_", 1000) + " -> " + group("b\(k)_", 1000) }.joined(
        separator: "\n") + "\n}\n"
    #expect {
      try DOTFormat.read(Data(many.utf8), file: "many.dot")
    } throws: {
      ($0 as? FormatError).map {
        "\($0)".contains("more than 5000000 ties in all") && "\($0)".contains("many.dot:7:")
      } ?? false
    }
  }

  /// Graphviz's name escapes as labels: `\N` is the node's name (the default label, which
  /// gv_heawood_comments.gv writes out), `\G` the graph's, `\T`, `\H` and `\E` an edge's ends
  /// and itself, as `dot -Tplain` draws them (Graphviz 2.43). Among other text (`AD\Nils`)
  /// they are kept as written, as the DOT writer writes backslashes, so that a label reads
  /// back the same.
  @Test func labelNameEscapesAreExpandedAsGraphvizDrawsThem() throws {
    let text = #"""
      digraph G {
        node [label="\N"];
        a; b [label="\G"]; c [label="x\\N\ny"];
        a -> b [label="\E"]; b -> c [label="\T"]; a -> c [label="AD\Nils"];
      }
      """#
    let net = try DOTFormat.read(Data(text.utf8), file: "g.dot")
    #expect(net.nodes.map(\.label) == ["a", "G", #"x\\N\ny"#], "\(net.nodes)")
    #expect(
      net.ties.map { $0.attributes["label"]?.description } == ["a->b", "b", #"AD\Nils"#],
      "\(net.ties)")
    // Written and read again, the same labels.
    let again = try DOTFormat.read(Data(try DOTFormat.write(net).utf8), file: "again.dot")
    #expect(again.nodes.map(\.label) == net.nodes.map(\.label))
    #expect(again.ties.map(\.attributes) == net.ties.map(\.attributes))
  }

  @Test func readsTheCommonSubset() throws {
    let text = """
      /* a comment */
      strict digraph "G" {
        graph [rankdir=LR];
        node [shape=box, sector=police];
        a -> b -> c [weight=2];
        // line comment
        subgraph cluster_x { label="x"; d; e }
        edge [layer=trust]
        c -> { d e } ;
        f [label="Fia \\"F\\"", sector=housing]
        a:n -> f
        size = "4,4"
      }
      """
    let net = try DOTFormat.read(Data(text.utf8), file: "g.dot")
    #expect(net.isDirected)
    #expect(net.nodes.map(\.id) == ["a", "b", "c", "d", "e", "f"])
    #expect(net.tieCount == 5)
    #expect(net.ties[0].trust == 2 && net.ties[1].trust == 2)
    #expect(net.ties[2].layer == "trust")
    #expect(net.nodes[0].attributes["sector"] == .string("police"))
    #expect(net.nodes[5].attributes["sector"] == .string("housing"))
    #expect(net.nodes[5].label == "Fia \"F\"")
  }

  /// DOT files other tools wrote, read in place from ../shared/interop/dot.
  @Test(readsInteropFiles("DOTTests.interopFiles"))
  func interopFiles() throws {
    let tel = try DOTFormat.read(interopData("dot/boost_telephone_network.dot"), file: "tel.dot")
    #expect(tel.nodeCount > 0)
    #expect(!tel.isDirected)
    let ig = try DOTFormat.read(
      interopData("dot/generated_locally/igraph_demo.dot"), file: "igraph_demo.dot")
    #expect(ig.nodeCount == 3)
    let legacy = formatError {
      try DOTFormat.read(
        interopData("dot/boost_graphviz_test_subgraph_refs.dot"), file: "legacy.dot")
    }
    #expect(legacy?.line == 14)
    #expect(legacy?.message.contains("without a body") == true)
  }

  @Test func errorsSayWhere() {
    let e = formatError { try DOTFormat.read(Data("digraph {\n a -- b\n}".utf8), file: "x.dot") }
    #expect(e?.line == 2)
    #expect(e?.column == 4)
    let open = formatError { try DOTFormat.read(Data("graph {\n a -- \"b\n}".utf8), file: "x.dot") }
    #expect(open?.line == 2)
    #expect(formatError { try DOTFormat.read(Data("graph { a -- b".utf8), file: "x.dot") } != nil)
  }

  /// A file saved on Windows: CRLF line endings end `//` comments and `#` lines and count as
  /// one line each in error positions; a backslash before CRLF continues a quoted string; ids
  /// with non-ASCII letters and combining marks read whole; columns count Unicode scalars.
  @Test func windowsLineEndingsAndUnicode() throws {
    let text =
      "# made by hand\r\ngraph g {\r\n  // who works with whom\r\n  \"Åsa\" -- Örjan;\r\n"
      + "  Örjan -- \"Polisen \\\r\nNorr\" [layer=trust]; /* c */\r\n  Zoe\u{0301} -- Åsa\r\n}\r\n"
    let net = try DOTFormat.read(Data(text.utf8), file: "w.dot")
    #expect(net.nodes.map(\.id) == ["Åsa", "Örjan", "Polisen Norr", "Zoe\u{0301}"])
    #expect(net.tieCount == 3)
    #expect(net.ties[1].layer == "trust")
    let e = formatError {
      try DOTFormat.read(
        Data("graph {\r\n  // c\r\n  Zoe\u{0301} -- ;\r\n}\r\n".utf8), file: "w.dot")
    }
    #expect(e?.line == 3)
    #expect(e?.column == 11)
  }
}

@Suite("JSON node-link")
struct NodeLinkTests {
  @Test func roundTripKeepsTypesAndParallelTies() throws {
    var net = Network(directed: true)
    try net.addNode(
      Node(
        id: "a", label: "Åsa", kind: .person,
        attributes: ["age": .integer(40), "score": .double(1), "on": .boolean(true)]))
    try net.addNode(Node(id: "b"))
    net.addTie(from: "a", to: "b", trust: 0.5, layer: "trust")
    net.addTie(
      from: "a", to: "b", trust: 1, layer: "collaboration",
      attributes: ["note": .string("\"quoted\"\n")])
    let text = try NodeLinkFormat.write(net)
    #expect(text.contains("\"multigraph\": true"))
    let back = try NodeLinkFormat.read(Data(text.utf8), file: "x.json")
    #expect(back.nodes == net.nodes)
    #expect(back.ties.map(\.trust) == net.ties.map(\.trust))
    #expect(back.ties.map(\.layer) == net.ties.map(\.layer))
    #expect(back.ties[1].attributes["note"] == .string("\"quoted\"\n"))
    #expect(try NodeLinkFormat.write(back) == text)
  }

  @Test func readsNetworkxOutput() throws {
    // As networkx 3.6.1 writes json.dumps(node_link_data(G)) for a small graph with int ids.
    let text =
      #"{"directed": false, "multigraph": false, "graph": {"name": "x"}, "nodes": [{"club": "Mr. Hi", "id": 0}, {"club": "Officer", "id": 1}], "edges": [{"weight": 4, "source": 0, "target": 1}]}"#
    let net = try NodeLinkFormat.read(Data(text.utf8), file: "k.json")
    #expect(net.nodes.map(\.id) == ["0", "1"])
    #expect(net.ties[0].trust == 4)
    #expect(net.attributes["name"] == .string("x"))
  }

  @Test func errors() {
    let e = formatError {
      try NodeLinkFormat.read(Data("{\n \"nodes\": [\n  {\"id\": 1,}\n ]}".utf8), file: "x.json")
    }
    #expect(e?.line == 3)
    #expect(
      formatError {
        try NodeLinkFormat.read(
          Data(#"{"nodes": [{"id": "a"}], "edges": [{"source": "a", "target": "z"}]}"#.utf8),
          file: "x.json")
      }?.message.contains("'z'") == true)
  }
}

@Suite("Round trips across formats")
struct RoundTripTests {
  @Test func csvToGraphMLToCSVLosesNothing() throws {
    let dir = packageRoot.appendingPathComponent("Datasets/padgett")
    let net = try Network(
      contentsOf: dir.appendingPathComponent("padgett.csv").path, options: .init(directed: false))
    #expect(net.nodeCount == 16)
    let graphml = try GraphMLFormat.write(net)
    let back = try GraphMLFormat.read(Data(graphml.utf8), file: "p.graphml")
    #expect(try CSVFormat.writeTies(back) == CSVFormat.writeTies(net))
    #expect(try CSVFormat.writeNodes(back) == CSVFormat.writeNodes(net))
    let shipped = try String(
      contentsOf: dir.appendingPathComponent("padgett.graphml"), encoding: .utf8)
    #expect(graphml == shipped)
  }

  /// Strings as Graphviz reads them: only \" and a continuation are escapes, so Graphviz's
  /// label escapes (\n, \l, \N among other text, \\) are kept as written and written back the
  /// same; a backslash
  /// at the end of a string, or before a line break, is refused with its place (Graphviz would
  /// read the first as an escaped closing quote, the second as a continuation).
  @Test func backslashesAsGraphvizReadsThem() throws {
    let text = #"digraph { a [label="left\l centre\n \N \\ \"q\""]; a -> b [label="x\ry"] }"#
    let net = try DOTFormat.read(Data(text.utf8), file: "e.dot")
    #expect(net.nodes[0].attributes["label"]?.description == #"left\l centre\n \N \\ "q""#)
    let again = try DOTFormat.read(Data(try DOTFormat.write(net).utf8), file: "again.dot")
    #expect(again.nodes[0].attributes == net.nodes[0].attributes)
    #expect(again.ties[0].attributes == net.ties[0].attributes)
    var trailing = Network(directed: true)
    try trailing.addNode(Node(id: "trailing\\"))
    let e = formatError { _ = try DOTFormat.write(trailing) }
    #expect(e?.message.contains("a backslash at the end") == true)
    var continued = Network(directed: true)
    try continued.addNode(Node(id: "x", label: "one\\\ntwo"))
    #expect(
      formatError { _ = try DOTFormat.write(continued) }?.message.contains(
        "a backslash before a line break") == true)
  }

  /// Backslashes are read in pairs, as Graphviz 2.43 reads them (`dot -Tjson` of the same text
  /// gives the names `a\\`, `b\\"c`, `d\\` + line break + `e` and `f\\\\`): the second of a
  /// pair escapes nothing, so `"a\\"` ends after its two backslashes (it was read as never
  /// closed). An odd run before a quote, at the end or before a line break is refused when
  /// written; an even one reads back the same.
  @Test func backslashesAreReadInPairs() throws {
    let text = "digraph { \"a\\\\\" -> \"b\\\\\\\"c\"; \"d\\\\\ne\" -> \"f\\\\\\\\\" }"
    let net = try DOTFormat.read(Data(text.utf8), file: "p.dot")
    #expect(net.nodes.map(\.id) == ["a\\\\", "b\\\\\"c", "d\\\\\ne", "f\\\\\\\\"])
    let again = try DOTFormat.read(Data(try DOTFormat.write(net).utf8), file: "again.dot")
    #expect(again.nodes.map(\.id) == net.nodes.map(\.id))
    var odd = Network(directed: true)
    try odd.addNode(Node(id: "say \\\"hi"))
    #expect(
      formatError { _ = try DOTFormat.write(odd) }?.message.contains("a backslash before a quote")
        == true)
    var three = Network(directed: true)
    try three.addNode(Node(id: "x\\\\\\"))
    #expect(
      formatError { _ = try DOTFormat.write(three) }?.message.contains("a backslash at the end")
        == true)
  }

  /// HTML-like labels are kept as HTML (markup) and written back as HTML, not quoted text.
  @Test func htmlLabels() throws {
    let text = "digraph { a [label=<<b>bold</b> &amp; <i>more</i>>]; b [label=\"<b>plain</b>\"] }"
    let net = try DOTFormat.read(Data(text.utf8), file: "h.dot")
    #expect(net.nodes[0].attributes["label"] == .markup("<<b>bold</b> &amp; <i>more</i>>"))
    #expect(net.nodes[1].attributes["label"] == .string("<b>plain</b>"))
    let written = try DOTFormat.write(net)
    #expect(written.contains("label=<<b>bold</b> &amp; <i>more</i>>"))
    #expect(written.contains(#"label="<b>plain</b>""#))
  }

  /// Found by fuzzing: the word "charset=latin1" in a comment or an id made the text read as
  /// Latin-1; UTF-8 text is read as UTF-8 unless the root graph itself says charset=latin1.
  @Test func charsetOnlyFromTheGraph() throws {
    let text = "digraph { /* charset=latin1 */ \"Åsa\" -> b }"
    let net = try DOTFormat.read(Data(text.utf8), file: "c.dot")
    #expect(net.nodes[0].id == "Åsa")
    let latin = try DOTFormat.read(Data("digraph { charset=latin1; a -> b }".utf8), file: "l.dot")
    #expect(latin.nodeCount == 2)
  }
}
