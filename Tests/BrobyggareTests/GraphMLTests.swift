import Foundation
import Testing

@testable import Brobyggare

@Suite("GraphML")
struct GraphMLTests {
  /// A GraphML file other tools wrote, read in place from ../shared/interop/graphml.
  func read(_ name: String) throws -> Network {
    try GraphMLFormat.read(interopData("graphml/\(name)"), file: name)
  }

  /// Every GraphML file from ../shared/interop either loads or is refused with a message that
  /// names the feature (see ../shared/interop/graphml/PROVENANCE.txt for what each holds).
  @Test(
    readsInteropFiles("GraphMLTests.interopFileLoadsOrIsRefused"),
    arguments: [
      ("boost_graphml_test.xml", "9 nodes"),
      ("four_neuron_cpg_defaults.graphml", "4 nodes"),
      ("gephi_export_miserables.graphml", "77 nodes"),
      ("got_graph_no_ns.graphml", "mixed graphs are not supported"),
      (
        "graphinout_all_types_defaults.graphml",
        "is on <node>, but the key 'id--key-edge-string' is declared for=\"edge\""
      ),
      ("graphinout_multi_graph_nested.graphml", "more than one top-level <graph>"),
      ("graphinout_nested_ports.graphml", "2 nodes"),
      ("graphinout_no_ns_mixed_directed.graphml", "mixed graphs are not supported"),
      ("graphology_missing_nodes.graphml", "is not a <node> in this file"),
      ("graphology_mixed_multigraph.graphml", "mixed graphs are not supported"),
      ("greek2_latin1_uppercase_bool.graphml", "14 nodes"),
      ("generated_locally/igraph_demo.graphml", "3 nodes"),
      ("igraph_lesmis.graphml", "77 nodes"),
      ("igraph_old_duplicate_key_ids_miserables.GraphML", "77 nodes"),
      ("generated_locally/networkx_demo.graphml", "2 nodes"),
      ("generated_locally/networkx_multidigraph.graphml", "2 nodes"),
      ("primer_attributes_default.graphml", "6 nodes"),
      ("tinkerpop_graph_types_bad.xml", "attr.type 'nothing-supported-and-goes-to-string'"),
      ("tinkerpop_grateful_dead.xml", "808 nodes"),
      ("tinkerpop_modern_oneline.xml", "6 nodes"),
      ("yed3.12_graph1.graphml", "20 nodes"),
      ("yed3.23_empty_graph.graphml", "0 nodes"),
      ("yed3.23_nested_groups.graphml", "7 nodes"),
      ("yfiles-java2.8_classements.graphml", "20 nodes"),
    ])
  func interopFileLoadsOrIsRefused(_ file: String, _ outcome: String) throws {
    do {
      let net = try read(file)
      #expect("\(net.nodeCount) nodes" == outcome)
      // What was read is written and read back unchanged.
      let again = try GraphMLFormat.read(Data(GraphMLFormat.write(net).utf8), file: "again.graphml")
      #expect(again.nodes == net.nodes)
      #expect(again.ties == net.ties)
      #expect(again.isDirected == net.isDirected)
      #expect(try GraphMLFormat.write(again) == GraphMLFormat.write(net))
    } catch let e as FormatError {
      #expect(e.message.contains(outcome), "\(e)")
      #expect(e.line > 1, "\(e)")
    }
  }

  @Test(readsInteropFiles("GraphMLTests.typesDefaultsAndLabels"))
  func typesDefaultsAndLabels() throws {
    let nx = try read("generated_locally/networkx_demo.graphml")
    #expect(nx.nodes[0].attributes["wealth"] == .integer(10))
    #expect(nx.nodes[0].attributes["elite"] == .boolean(true))
    #expect(nx.nodes[1].label == "Albizzi & <Co>")
    #expect(nx.ties[0].trust == 2.5)
    #expect(nx.trustAttributeName == "weight")
    #expect(nx.ties[0].attributes["kind"] == .string("marriage"))
    #expect(nx.attributes["name"] == .string("demo"))

    let primer = try read("primer_attributes_default.graphml")
    #expect(primer.nodes[1].attributes["color"] == .string("yellow"))  // n1 takes the default

    let greek = try read("greek2_latin1_uppercase_bool.graphml")
    #expect(greek.ties.allSatisfy { $0.attributes["line 0"] != nil })  // FALSE default, upper case

    let boost = try read("boost_graphml_test.xml")
    #expect(boost.index(of: "not a canonical node") != nil)
    #expect(boost.nodes[boost.index(of: "n4")!].attributes["name"] == .string("foo<"))
    #expect(boost.nodes[0].attributes["foo"] == .integer(42))

    let yed = try read("yed3.12_graph1.graphml")
    #expect(yed.nodes[0].label == "1")
    #expect(yed.nodes.allSatisfy { $0.label != $0.id })

    let igraph = try read("generated_locally/igraph_demo.graphml")
    #expect(igraph.nodes[0].label == "A")  // igraph's name attribute
  }

  /// yFiles for HTML (yEd Live) keeps a node's labels in the key NodeLabels, each text in a
  /// `<y:Label.Text>`, some as rich text; the first is the label, as yEd's y:NodeLabel is (the
  /// labels below are the file's own).
  @Test(readsInteropFiles("GraphMLTests.yFilesForHTMLLabels"))
  func yFilesForHTMLLabels() throws {
    let net = try GraphMLFormat.read(
      interopData("realworld/graphml/yfiles_html2.6_demo.graphml"),
      file: "yfiles_html2.6_demo.graphml")
    #expect(
      net.nodes.map(\.label) == [
        "Top left rounded rectangle", "Star", "őð中", "regular bold italic newline",
      ], "\(net.nodes.map(\.label))")
  }

  @Test(readsInteropFiles("GraphMLTests.yEdGraphicsSurviveARoundTrip"))
  func yEdGraphicsSurviveARoundTrip() throws {
    let yed = try read("yed3.12_graph1.graphml")
    let written = try GraphMLFormat.write(yed)
    #expect(written.contains("xmlns:y=\"http://www.yworks.com/xml/graphml\""))
    #expect(written.contains("yfiles.type=\"nodegraphics\""))
    #expect(written.contains("<y:ShapeNode>"))
    #expect(written.contains("<y:PolyLineEdge>"))
  }

  /// The encoding named in an XML declaration, as the XML 1.0 grammar writes it
  /// (`EncodingDecl ::= S 'encoding' Eq ('"' EncName '"' | "'" EncName "'")`).
  @Test func encodingDeclarations() {
    func enc(_ s: String) -> String? { declaredEncoding(Array(s.utf8)) }
    #expect(enc("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>") == "ISO-8859-1")
    #expect(enc("<?xml version='1.0' encoding = 'utf-16' ?>\n<a/>") == "utf-16")
    #expect(enc("\n<?xml version=\"1.0\" encoding=\"windows-1252\"?>") == "windows-1252")
    #expect(enc("<?xml version=\"1.0\"?><a encoding=\"latin1\"/>") == nil)
    #expect(enc("<?xml version=\"1.0\" encoding=\"\"?>") == nil)
    #expect(enc("<?xml version=\"1.0\" encoding=\"utf-8") == nil)
    #expect(enc("<a/>") == nil)
  }

  /// A `<desc>` (GraphML's free-text description of a node, edge or graph) was left out
  /// without a word; now a note counts them (networkx 3.6.1 and python-igraph 1.0.0 leave
  /// them out too). A key's own `<desc>` describes the key and is not counted.
  @Test func descriptionsLeftOutAreCounted() throws {
    let text = """
      <?xml version="1.0"?>
      <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
        <key id="d0" for="node" attr.name="group" attr.type="string"><desc>the group</desc></key>
        <graph edgedefault="undirected">
          <desc>Wave 1</desc>
          <node id="a"><desc>Ann</desc><data key="d0">x</data></node>
          <node id="b"><desc>Bo</desc></node>
          <node id="c"/>
          <edge source="a" target="b"><desc>met twice</desc></edge>
        </graph>
      </graphml>
      """
    let net = try GraphMLFormat.read(Data(text.utf8), file: "d.graphml")
    #expect(net.nodeCount == 3 && net.tieCount == 1)
    #expect(
      net.readNotes.contains(
        "left out the <desc> (free-text description) of 2 nodes, 1 edge and 1 graph (the first on line 5): GraphML gives it no key, and networkx and igraph leave it out too"
      ), "\(net.readNotes)")
  }

  /// A weight key declared as text whose every value is a number (networkx 3.6.1 and
  /// python-igraph 1.0.0 read such values as text, which their weighted measures refuse) is
  /// read as the trust, with a note; one value that is not a number is refused at the key.
  @Test func weightDeclaredAsTextWithNumbers() throws {
    func xml(_ second: String) -> String {
      """
      <?xml version="1.0"?>
      <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
      <key id="w" for="edge" attr.name="weight" attr.type="string"/>
      <graph edgedefault="undirected">
      <node id="a"/><node id="b"/><node id="c"/>
      <edge source="a" target="b"><data key="w">2.5</data></edge>
      <edge source="b" target="c"><data key="w">\(second)</data></edge>
      </graph>
      </graphml>
      """
    }
    let net = try GraphMLFormat.read(Data(xml(" 3 ").utf8), file: "w.graphml")
    #expect(net.ties.map(\.trust) == [2.5, 3])
    #expect(net.trustAttributeName == "weight")
    #expect(net.tieAttributes.isEmpty)
    #expect(
      net.readNotes.contains {
        $0.contains("is declared attr.type=\"string\", but every value of it is a number")
      })
    // Written back, the trust is a number.
    #expect(try GraphMLFormat.write(net).contains(#"attr.name="weight" attr.type="double""#))
    let bad = formatError { try GraphMLFormat.read(Data(xml("high").utf8), file: "w.graphml") }
    #expect(bad?.line == 3)
    #expect(bad?.message.contains("trust must be a number") == true)
  }

  @Test func hostileAndBrokenXML() {
    func err(_ xml: String) -> FormatError? {
      formatError { try GraphMLFormat.read(Data(xml.utf8), file: "bad.graphml") }
    }
    let head = "<?xml version=\"1.0\"?>\n<graphml>\n<graph edgedefault=\"directed\">\n"
    let xxe = err(
      "<?xml version=\"1.0\"?>\n<!DOCTYPE g [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<graphml/>"
    )
    #expect(xxe?.line == 2)
    #expect(xxe?.message.contains("not accepted") == true)
    #expect(
      err(head + "<node id=\"a\">&x;</node></graph></graphml>")?.message.contains("not defined")
        == true)
    let truncated = err(head + "<node id=\"a\"/>\n<node id=\"b\"")
    #expect(truncated?.line == 5)
    #expect(
      err(head + "<node id=\"a\"/><node id=\"a\"/></graph></graphml>")?.message.contains(
        "declared twice") == true)
    #expect(
      err(head + "<edge source=\"a\" target=\"b\"/></graph></graphml>")?.message.contains(
        "not a <node>") == true)
    // An undeclared key is read as text, with a note (see ReaderHardeningTests).
    #expect(err(head + "<node id=\"a\"><data key=\"k\">1</data></node></graph></graphml>") == nil)
    let badInt = err(
      "<graphml><key id=\"k\" for=\"node\" attr.name=\"n\" attr.type=\"int\"/><graph><node id=\"a\"><data key=\"k\">x1</data></node></graph></graphml>"
    )
    #expect(badInt?.message.contains("not a valid int") == true)
    #expect(err(head + "</graphml>")?.message.contains("does not match") == true)
    let deep = String(repeating: "<a>", count: 600)
    #expect(
      err("<graphml><key id=\"d\" for=\"node\"/><graph><node id=\"n\"><data key=\"d\">" + deep)?
        .message.contains("nested more than") == true)
    #expect(err(head + "<hyperedge/></graph></graphml>")?.message.contains("hyperedges") == true)
    // An edge in a nested graph follows that graph's edgedefault: undirected inside a directed file.
    let nested = err(
      head
        + "<node id=\"g\"><graph edgedefault=\"undirected\"><node id=\"a\"/><node id=\"b\"/>\n<edge source=\"a\" target=\"b\"/></graph></node></graph></graphml>"
    )
    #expect(nested?.line == 5)
    #expect(nested?.message.contains("mixed graphs") == true)
  }

  @Test func writtenFileDeclaresTypedKeysDeterministically() throws {
    var net = Network(directed: true)
    try net.addNode(
      Node(id: "kommun", label: "Kommunen", kind: .organisation, attributes: ["level": .integer(1)])
    )
    try net.addNode(
      Node(
        id: "1:a \"b\"", label: "Åsa <&>", kind: .person,
        attributes: ["score": .double(0.25), "active": .boolean(true)]))
    net.declareNodeAttribute(AttributeDeclaration(name: "label", type: .string))
    net.declareNodeAttribute(AttributeDeclaration(name: "kind", type: .string))
    net.declareNodeAttribute(AttributeDeclaration(name: "level", type: .integer))
    net.addTie(from: "kommun", to: "1:a \"b\"", trust: 0.9, layer: "trust")
    let xml = try GraphMLFormat.write(net)
    #expect(xml.contains("attr.name=\"level\" attr.type=\"long\""))
    #expect(xml.contains("attr.name=\"score\" attr.type=\"double\""))
    #expect(xml.contains("attr.name=\"active\" attr.type=\"boolean\""))
    #expect(xml.contains("attr.name=\"trust\" attr.type=\"double\""))
    #expect(xml.contains("id=\"1:a &quot;b&quot;\""))
    let back = try GraphMLFormat.read(Data(xml.utf8), file: "x.graphml")
    #expect(back.nodes == net.nodes)
    #expect(back.ties == net.ties)
    #expect(try GraphMLFormat.write(back) == xml)
  }
}

@Suite("GraphML read by the peers")
struct GraphMLPeerTests {
  /// Writes a network with every attribute type, Unicode and awkward ids, then has networkx
  /// and igraph read it (Scripts/check_graphml_with_peers.py). Needs a python with networkx and
  /// igraph: BROBYGGARE_PYTHON when set (.ci/run sets it to the virtual environment it makes,
  /// .build/venv/bin/python3), else python3; without them the test fails and says so.
  @Test func networkxAndIgraphReadWhatWeWrite() throws {
    var net = Network(directed: true)
    try net.addNode(
      Node(
        id: "kommun", label: "Kommunen i Örebro", kind: .organisation,
        attributes: [
          "level": .integer(1), "budget": .double(2.5), "public": .boolean(true),
          "sector": .string("municipality"),
        ]))
    try net.addNode(
      Node(
        id: "1:Åsa \"A\" <&>", label: "Åsa Öberg", kind: .person,
        attributes: [
          "level": .integer(3), "budget": .double(-0.125), "public": .boolean(false),
          "sector": .string("civil society & faith <x>"),
        ]))
    for n in ["label", "kind", "level", "budget", "public", "sector"] {
      net.declareNodeAttribute(
        AttributeDeclaration(name: n, type: net.nodes[0].attributes[n]!.type))
    }
    net.addTie(from: "kommun", to: "1:Åsa \"A\" <&>", trust: 0.75, layer: "trust")
    net.addTie(from: "1:Åsa \"A\" <&>", to: "kommun", trust: 1, layer: "collaboration")
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "brobyggare-peer-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let file = dir.appendingPathComponent("net.graphml")
    try GraphMLFormat.write(net).write(to: file, atomically: true, encoding: .utf8)
    var expected = "{\"ties\": 2, \"nodes\": {"
    expected += net.nodes.map { node in
      "\(jsonString(node.id)): {"
        + node.attributes.keys.sorted().map { k in
          let v = node.attributes[k]!
          let text: String
          switch v {
          case .string(let s): text = jsonString(s)
          case .integer(let i): text = String(i)
          case .double(let d): text = "\(d)"
          case .boolean(let b): text = b ? "true" : "false"
          case .markup(let s): text = jsonString(s)
          }
          return "\(jsonString(k)): \(text)"
        }.joined(separator: ", ") + "}"
    }.joined(separator: ", ")
    expected += "}}"
    let exp = dir.appendingPathComponent("expected.json")
    try expected.write(to: exp, atomically: true, encoding: .utf8)
    let r = try runTool(
      "/usr/bin/env",
      [
        pythonForPeers(),
        packageRoot.appendingPathComponent("Scripts/check_graphml_with_peers.py").path, file.path,
        exp.path,
      ], stderr: .intoStandardOutput)
    let text = r.out
    #expect(r.status == 0, "\(text)")
    #expect(text.contains("networkx") && text.contains("igraph"), "\(text)")
  }
}

extension GraphMLTests {
  /// A character reference to a control character (`&#19;`) was read into a label, while
  /// expat (networkx 3.6.1's and igraph's parser) refuses it.
  @Test func aReferenceToAControlCharacterIsRefused() {
    let text = """
      <?xml version="1.0"?>
      <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
        <key id="l" for="node" attr.name="label" attr.type="string"/>
        <graph edgedefault="undirected"><node id="a"><data key="l">A&#19;B</data></node></graph>
      </graphml>
      """
    #expect {
      _ = try GraphMLFormat.read(Data(text.utf8), file: "c.graphml")
    } throws: { e in
      guard let e = e as? FormatError else { return false }
      return e.line == 4 && e.message.contains("'&#19;' is not a character XML allows")
    }
  }
}
