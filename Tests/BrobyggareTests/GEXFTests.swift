import Foundation
import Testing

@testable import Brobyggare

@Suite("GEXF")
struct GEXFTests {
  // MARK: networkx's reading, for comparison

  /// An edge as networkx reads it: its ends (in order for a directed graph, sorted for an
  /// undirected one) and its data.
  struct PeerEdge: Hashable {
    var a: String
    var b: String
    var attributes: [String: AttributeValue]
  }

  /// What Scripts/gexf_reference.py prints: networkx's `read_gexf` of a file.
  struct PeerReading {
    var version: String
    var renamedNamespace: Bool
    var directed: Bool
    var nodeIDs: [String]
    var nodes: [String: [String: AttributeValue]]
    var edges: [PeerEdge: Int]
  }

  /// The attributes of an element that hold times, which networkx reads as numbers or text as
  /// the graph's timeformat says and Brobyggare keeps as text.
  static let timeKeys: Set<String> = [
    "start", "end", "startopen", "endopen", "timestamp", "timestamps", "intervals",
  ]

  /// Runs Scripts/gexf_reference.py on a file.
  func networkxReading(of path: String) throws -> PeerReading {
    let r = try runTool(
      "/usr/bin/env",
      [
        pythonForPeers(), packageRoot.appendingPathComponent("Scripts/gexf_reference.py").path,
        path,
      ])
    #expect(r.status == 0, "\(r.err)")
    var parser = JSONParser(r.out, file: "networkx.json")
    let json = try parser.parseDocument()

    func value(_ pair: JSONValue?) -> AttributeValue {
      guard case .array(let p)? = pair, p.count == 2, case .string(let type) = p[0],
        case .string(let text) = p[1]
      else {
        Issue.record("not a [type, text] pair: \(String(describing: pair))")
        return .string("")
      }
      switch type {
      case "int": return .integer(Int(text)!)
      case "float": return .double(parseDouble(text)!)
      case "bool": return .boolean(text == "true")
      case "list": return .markup(text)  // compared by presence only
      default: return .string(text)
      }
    }
    func dictionary(_ j: JSONValue?) -> [String: AttributeValue] {
      guard case .object(let members)? = j else { return [:] }
      var d: [String: AttributeValue] = [:]
      for (k, v) in members { d[k] = value(v) }
      return d
    }
    guard case .bool(let directed)? = json["directed"],
      case .string(let version)? = json["networkx"],
      case .bool(let renamed)? = json["renamed_namespace"],
      case .array(let nodes)? = json["nodes"], case .array(let edges)? = json["edges"]
    else { throw FormatError(line: 1, column: 1, "unexpected output from gexf_reference.py") }
    let nodeDefault = dictionary(json["node_default"])
    let edgeDefault = dictionary(json["edge_default"])
    var reading = PeerReading(
      version: version, renamedNamespace: renamed, directed: directed, nodeIDs: [], nodes: [:],
      edges: [:])
    for n in nodes {
      guard case .array(let pair) = n, case .string(let id) = pair[0] else { continue }
      var attrs = dictionary(pair[1])
      // networkx keeps defaults aside; Gephi (and Brobyggare) give them to every node without a value.
      for (k, v) in nodeDefault where attrs[k] == nil { attrs[k] = v }
      reading.nodeIDs.append(id)
      reading.nodes[id] = attrs
    }
    for e in edges {
      guard case .array(let triple) = e, case .string(let s) = triple[0],
        case .string(let t) = triple[1]
      else { continue }
      var attrs = dictionary(triple[2])
      for (k, v) in edgeDefault where attrs[k] == nil { attrs[k] = v }
      let (a, b) = directed || s <= t ? (s, t) : (t, s)
      reading.edges[PeerEdge(a: a, b: b, attributes: attrs), default: 0] += 1
    }
    return reading
  }

  /// Both sides with the differences that are networkx's way of reading, not content, taken out:
  /// the colour's alpha 1 and the position's z 0 that networkx supplies when the file gives
  /// none; times as text; lists (spells, dynamic values) by presence only.
  func normalised(_ ours: [String: AttributeValue], _ theirs: [String: AttributeValue])
    -> ([String: AttributeValue], [String: AttributeValue])
  {
    var o = ours
    var t = theirs
    if o["viz_a"] == nil, t["viz_a"] == .double(1) { t["viz_a"] = nil }
    if o["viz_z"] == nil, t["viz_z"] == .double(0) { t["viz_z"] = nil }
    for k in GEXFTests.timeKeys {
      if let v = o[k] { o[k] = .string(v.description) }
      if let v = t[k] { t[k] = .string(v.description) }
    }
    for (k, v) in t where v.type == .markup {
      #expect(o[k] != nil, "networkx has the list '\(k)'")
      o[k] = nil
      t[k] = nil
    }
    return (o, t)
  }

  /// Expects Brobyggare's network to hold what networkx read: the direction, the node ids, every
  /// node's attributes, and the edges with their data (trust as `weight`, the tie id as `id`,
  /// the layer as `layer`), as multisets. networkx reads no viz data on edges and no `kind`.
  func expectSame(_ net: Network, _ peer: PeerReading, _ what: String) {
    #expect(net.isDirected == peer.directed, "\(what): direction")
    #expect(Set(net.nodes.map(\.id)) == Set(peer.nodeIDs), "\(what): node ids")
    #expect(net.nodeCount == peer.nodeIDs.count, "\(what): node count")
    var differing = 0
    for node in net.nodes {
      let (o, t) = normalised(node.attributes, peer.nodes[node.id] ?? [:])
      if o != t {
        differing += 1
        if differing <= 3 {
          Issue.record("\(what): node '\(node.id)': Brobyggare \(o), networkx \(t)")
        }
      }
    }
    #expect(differing == 0, "\(what): \(differing) nodes differ")
    var ours: [PeerEdge: Int] = [:]
    for tie in net.ties {
      var attrs = tie.attributes.filter { !$0.key.hasPrefix("viz_") }
      if let w = tie.trust { attrs["weight"] = .double(w) }
      if let id = tie.id { attrs["id"] = .string(id) }
      if let l = tie.layer { attrs["layer"] = .string(l) }
      let s = net.nodes[tie.source].id
      let t = net.nodes[tie.target].id
      let (a, b) = net.isDirected || s <= t ? (s, t) : (t, s)
      ours[PeerEdge(a: a, b: b, attributes: attrs), default: 0] += 1
    }
    var theirs: [PeerEdge: Int] = [:]
    for (e, n) in peer.edges {
      let (_, t) = normalised(
        ours.keys.first { $0.a == e.a && $0.b == e.b }?.attributes ?? [:], e.attributes)
      theirs[PeerEdge(a: e.a, b: e.b, attributes: t), default: 0] += n
    }
    var oursNormalised: [PeerEdge: Int] = [:]
    for (e, n) in ours {
      let (o, _) = normalised(e.attributes, [:])
      oursNormalised[PeerEdge(a: e.a, b: e.b, attributes: o), default: 0] += n
    }
    #expect(oursNormalised.values.reduce(0, +) == theirs.values.reduce(0, +), "\(what): edge count")
    let missing = theirs.filter { oursNormalised[$0.key] != $0.value }
    #expect(
      missing.isEmpty,
      "\(what): \(missing.count) edges differ, e.g. networkx \(missing.first.map { "\($0.key)" } ?? "")"
    )
  }

  /// Brobyggare's own read → write → read gives the same network, and the write drops nothing.
  func expectRoundTrip(_ net: Network, _ what: String) throws -> String {
    let (text, dropped) = try GEXFFormat.write(net)
    #expect(dropped.isEmpty, "\(what): \(dropped)")
    let again = try GEXFFormat.read(Data(text.utf8), file: "again.gexf")
    #expect(again.isDirected == net.isDirected, "\(what)")
    #expect(again.nodes == net.nodes, "\(what): nodes")
    #expect(again.ties == net.ties, "\(what): ties")
    #expect(again.attributes == net.attributes, "\(what): network attributes")
    #expect(again.trustAttributeName == "weight")
    #expect(
      try GEXFFormat.write(again).text == text, "\(what): the same network gives the same bytes")
    return text
  }

  /// Writes text to a new temporary file and returns its path.
  func temporaryFile(_ text: String, name: String = "net.gexf") throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "brobyggare-gexf-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let file = dir.appendingPathComponent(name)
    try Data(text.utf8).write(to: file)
    return file.path
  }

  // MARK: Files other tools wrote

  /// The three GEXF files from ../shared/interop/realworld/gexf (provenance in its
  /// PROVENANCE.tsv): Gephi's importer test (1.2draft, declared attributes with a default),
  /// Gephi 0.7's Java sample (1.3 in Gephi's namespace, viz data) and NetworKit's test input
  /// (1.1draft, undirected, parallel edges). Each reads as networkx 3.6.1 reads it (the version
  /// the script reports is printed), reads back the same after Brobyggare writes it, and what
  /// Brobyggare writes reads in networkx as the original does.
  @Test(
    readsInteropFiles("GEXFTests.interopFileReadsAsNetworkxReadsIt"),
    arguments: [
      ("gephi_import_data.gexf", 1, 1, true),
      ("gephi_sample_java.gexf", 1538, 8032, true),
      ("networkit_staticTest.gexf", 306, 2345, false),
    ])
  func interopFileReadsAsNetworkxReadsIt(
    _ name: String, _ nodes: Int, _ ties: Int, _ directed: Bool
  ) throws {
    let path = interopPath("realworld/gexf/\(name)")
    let net = try GEXFFormat.read(Data(contentsOf: URL(fileURLWithPath: path)), file: name)
    #expect(net.nodeCount == nodes)
    #expect(net.tieCount == ties)
    #expect(net.isDirected == directed)
    #expect(net.readNotes.isEmpty, "\(net.readNotes)")
    let peer = try networkxReading(of: path)
    print(
      "\(name): compared with networkx \(peer.version)\(peer.renamedNamespace ? " (Gephi's 1.3 namespace renamed for networkx)" : "")"
    )
    expectSame(net, peer, name)
    let text = try expectRoundTrip(net, name)
    expectSame(net, try networkxReading(of: temporaryFile(text)), "\(name) written by Brobyggare")
  }

  @Test(readsInteropFiles("GEXFTests.gephiFilesInDetail"))
  func gephiFilesInDetail() throws {
    let data = try GEXFFormat.read(
      interopData("realworld/gexf/gephi_import_data.gexf"), file: "data.gexf")
    #expect(data.nodes[0].id == "0")
    #expect(data.nodes[0].label == "Node1")
    #expect(data.nodes[0].attributes["url"] == .string("http://gephi.org"))
    #expect(data.nodes[0].attributes["indegree"] == .double(1))
    #expect(data.nodes[0].attributes["valid"] == .boolean(true))  // its <default>
    #expect(data.nodeAttributes.map(\.name) == ["label", "url", "indegree", "valid"])
    #expect(data.nodeAttributes.last?.defaultValue == .boolean(true))
    #expect(data.ties[0].isSelfLoop)
    #expect(data.ties[0].id == "0")
    #expect(data.trustAttributeName == "weight")

    let java = try GEXFFormat.read(
      interopData("realworld/gexf/gephi_sample_java.gexf"), file: "Java.gexf")
    let applet = java[id: "1"]!
    #expect(applet.label == "java.applet.AppletContext")
    #expect(applet.attributes["viz_size"] == .double(4.225155))
    #expect(applet.attributes["viz_r"] == .integer(254))
    #expect(applet.attributes["viz_b"] == .integer(2))
    #expect(applet.attributes["viz_x"] == .double(203.91348))
    #expect(applet.attributes["viz_z"] == .double(0))
    #expect(java.attributes["creator"] == .string("Gephi 0.7"))
    #expect(java.attributes["lastmodifieddate"] == .string("2010-04-01+00:34"))
    // Read a block at a time, any block size gives the same network.
    for blockSize in [7, 4096] {
      let path = interopPath("realworld/gexf/gephi_sample_java.gexf")
      let streamed = try GEXFFormat.read(
        XMLReader(input: TextInput(path: path, xml: true, blockSize: blockSize)))
      #expect(streamed.nodes == java.nodes && streamed.ties == java.ties)
    }
    // Written back as viz data, not as attributes.
    let (text, _) = try GEXFFormat.write(java)
    #expect(text.contains("<viz:color r=\"254\" g=\"110\" b=\"2\"/>"))
    #expect(text.contains("<viz:position x=\"203.91348\" y=\"-335.2617\" z=\"0\"/>"))
    #expect(!text.contains("title=\"viz_"))
  }

  /// Files networkx 3.6.1 wrote (Scripts/make_gexf_fixtures.py): 1.2draft with a multigraph,
  /// 1.3 undirected, and a dynamic graph.
  @Test(arguments: [
    "networkx_multidigraph_1.2draft.gexf", "networkx_undirected_1.3.gexf",
    "networkx_dynamic_1.2draft.gexf",
  ])
  func networkxFileReadsAsNetworkxReadsIt(_ name: String) throws {
    let path = fixturePath("gexf/\(name)")
    let net = try GEXFFormat.read(Data(contentsOf: URL(fileURLWithPath: path)), file: name)
    expectSame(net, try networkxReading(of: path), name)
    let text = try expectRoundTrip(net, name)
    expectSame(net, try networkxReading(of: temporaryFile(text)), "\(name) written by Brobyggare")
  }

  @Test func networkxFilesInDetail() throws {
    let multi = try GEXFFormat.read(
      fixtureData("gexf/networkx_multidigraph_1.2draft.gexf"), file: "multi.gexf")
    #expect(multi.isDirected)
    #expect(multi.tieCount == 4)
    #expect(multi.ties[0].layer == "trust" && multi.ties[1].layer == "collaboration")
    #expect(
      multi.ties[0].trust == 0.75 && multi.ties[0].attributes["label"] == .string("förtroende"))
    #expect(multi.ties[3].isSelfLoop)
    #expect(multi.ties[0].attributes["networkx_key"] == nil)  // networkx's own bookkeeping
    #expect(!multi.tieAttributes.contains { $0.name == "networkx_key" || $0.name == "layer" })
    #expect(multi[id: "åsa"]?.label == "Åsa \"A\" <&>")
    #expect(multi[id: "bo"]?.label == "Bo\tTab\nNewline")
    #expect(multi[id: "kommun"]?.attributes["budget"] == .double(1.5e9))
    #expect(multi[id: "kommun"]?.attributes["staff"] == .integer(420))
    #expect(multi[id: "kommun"]?.attributes["viz_a"] == .double(0.5))
    #expect(multi[id: "kommun"]?.kind == .organisation)

    let dynamic = try GEXFFormat.read(
      fixtureData("gexf/networkx_dynamic_1.2draft.gexf"), file: "dynamic.gexf")
    let a = dynamic[id: "a"]!
    #expect(a.attributes["start"] == .string("2000"))
    #expect(a.attributes["end"] == .string("2010"))
    #expect(a.attributes["spells"] == .string("<[2000, 2004]; [2006, 2010]>"))
    #expect(a.attributes["role"] == .string("<[2000, 2005, member]; [2005, 2010, chair]>"))
    #expect(dynamic.ties[0].attributes["start"] == .string("2002"))
    #expect(dynamic.attributes["timeformat"] == .string("long"))
    #expect(dynamic.readNotes.contains { $0.contains("dynamic") })
  }

  // MARK: Reading

  func read(_ text: String) throws -> Network {
    try GEXFFormat.read(Data(text.utf8), file: "t.gexf")
  }

  /// A GEXF 1.3 document around a graph's content.
  func gexf(_ content: String, _ graph: String = "defaultedgetype=\"directed\"") -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">
      <graph \(graph)>
    \(content)
      </graph>
    </gexf>
    """
  }

  @Test func direction() throws {
    let nodes = "<nodes><node id=\"a\"/><node id=\"b\"/></nodes>"
    #expect(try read(gexf(nodes + "<edges><edge source=\"a\" target=\"b\"/></edges>")).isDirected)
    #expect(try !read(gexf(nodes, "defaultedgetype=\"undirected\"")).isDirected)
    #expect(try !read(gexf(nodes, "")).isDirected)  // the schema's default
    let mutualDefault = try read(
      gexf(nodes + "<edges><edge source=\"a\" target=\"b\"/></edges>", "defaultedgetype=\"mutual\"")
    )
    #expect(!mutualDefault.isDirected && mutualDefault.tieCount == 1)
    // An edge may repeat the default.
    #expect(
      try read(gexf(nodes + "<edges><edge source=\"a\" target=\"b\" type=\"directed\"/></edges>"))
        .tieCount == 1)
  }

  @Test func mixedGraphIsRefusedAtTheFirstEdgeThatDiffers() throws {
    let text = gexf(
      """
          <nodes><node id="a"/><node id="b"/></nodes>
          <edges>
            <edge source="a" target="b" type="directed"/>
            <edge source="b" target="a" type="undirected"/>
          </edges>
      """)
    let e = formatError { try read(text) }
    #expect(e?.line == 7)
    #expect(e?.column == 7)
    #expect(
      e?.message.contains("this edge is undirected in a directed graph") == true,
      "\(String(describing: e))")
    #expect(e?.message.contains("mixed graphs") == true)
    let gephiMixed = gexf(
      """
          <nodes><node id="a"/><node id="b"/></nodes>
          <edges><edge source="a" target="b" type="directed"/></edges>
      """, "mode=\"static\"")
    #expect(
      formatError { try read(gephiMixed) }?.message.contains("directed in an undirected graph")
        == true)
    #expect(
      formatError {
        try read(gexf("<edges><edge source=\"a\" target=\"b\" type=\"both\"/></edges>"))
      }?
      .message.contains("expected directed, undirected or mutual") == true)
  }

  @Test func mutualEdgesInADirectedGraphAreTwoArcsWithANote() throws {
    let net = try read(
      gexf(
        """
            <nodes><node id="a"/><node id="b"/></nodes>
            <edges><edge id="e" source="a" target="b" type="mutual" weight="2"/></edges>
        """))
    #expect(net.tieCount == 2)
    #expect(net.ties[0].source == 0 && net.ties[0].target == 1 && net.ties[0].id == "e")
    #expect(net.ties[1].source == 1 && net.ties[1].target == 0 && net.ties[1].id == nil)
    #expect(net.ties.allSatisfy { $0.trust == 2 })
    #expect(
      net.readNotes == [
        "1 mutual edge was read as two ties, one each way, as the graph is directed"
      ])
    let undirected = try read(
      gexf(
        """
            <nodes><node id="a"/><node id="b"/></nodes>
            <edges><edge source="a" target="b" type="mutual"/></edges>
        """, "defaultedgetype=\"undirected\""))
    #expect(undirected.tieCount == 1 && undirected.readNotes.isEmpty)
  }

  @Test func attributeTypesAndDefaults() throws {
    let net = try read(
      gexf(
        """
            <attributes class="node" mode="static">
              <attribute id="0" title="i" type="integer"/>
              <attribute id="1" title="l" type="long"/>
              <attribute id="2" title="f" type="float"/>
              <attribute id="3" title="d" type="double"><default>2.5</default></attribute>
              <attribute id="4" title="b" type="boolean"/>
              <attribute id="5" title="s" type="string"><default>none</default></attribute>
              <attribute id="6" title="ls" type="liststring"/>
              <attribute id="7" title="u" type="anyURI"/>
              <attribute id="8" title="when" type="date"/>
              <attribute id="9" title="odd" type="colour"/>
              <attribute id="10" title="li" type="listinteger"/>
              <attribute id="11" title="big" type="bigdecimal"/>
            </attributes>
            <nodes>
              <node id="a">
                <attvalues>
                  <attvalue for="0" value="7"/><attvalue for="1" value="-9000000000"/>
                  <attvalue for="2" value="0.1"/><attvalue for="4" value="false"/>
                  <attvalue for="5" value=""/><attvalue for="6" value="x|y|z"/>
                  <attvalue for="7" value="http://example.org/?a=1&amp;b=2"/>
                  <attvalue for="8" value="2024-05-01"/><attvalue for="9" value="red"/>
                  <attvalue for="10" value="[1, 2]"/><attvalue for="11" value="1.25"/>
                </attvalues>
              </node>
              <node id="b"/>
            </nodes>
        """))
    let a = net.nodes[0].attributes
    let b = net.nodes[1].attributes
    #expect(a["i"] == .integer(7))
    #expect(a["l"] == .integer(-9_000_000_000))
    #expect(a["f"] == .double(0.1))
    #expect(a["d"] == .double(2.5))  // the default
    #expect(a["b"] == .boolean(false))
    #expect(a["s"] == .string(""))  // an empty string is a value
    #expect(a["ls"] == .string("x|y|z"))
    #expect(a["u"] == .string("http://example.org/?a=1&b=2"))
    #expect(a["when"] == .string("2024-05-01"))
    #expect(a["odd"] == .string("red"))
    #expect(a["li"] == .string("[1, 2]"))
    #expect(a["big"] == .double(1.25))
    #expect(b == ["d": .double(2.5), "s": .string("none")])
    #expect(
      net.nodeAttributes.map(\.type) == [
        .integer, .integer, .double, .double, .boolean, .string, .string, .string, .string, .string,
        .string, .double,
      ])
    #expect(
      net.readNotes == [
        "the attribute 'odd' has the type 'colour', which GEXF does not define; its values are read as text"
      ])
  }

  @Test func undeclaredAttributeIsAnErrorAtItsLine() throws {
    let text = gexf(
      """
          <attributes class="node"><attribute id="0" title="x" type="string"/></attributes>
          <attributes class="edge"><attribute id="1" title="y" type="string"/></attributes>
          <nodes>
            <node id="a"><attvalues><attvalue for="1" value="v"/></attvalues></node>
          </nodes>
      """)
    let e = formatError { try read(text) }
    #expect(e?.line == 7, "\(String(describing: e))")
    #expect(e?.column == 31)
    #expect(e?.message == "<attvalue for=\"1\">: no node <attribute> has the id '1'")
  }

  @Test func valueOfTheWrongTypeIsAnError() throws {
    let text = gexf(
      """
          <attributes class="node"><attribute id="0" title="n" type="integer"/></attributes>
          <nodes>
            <node id="a"><attvalues><attvalue for="0" value="many"/></attvalues></node>
          </nodes>
      """)
    let e = formatError { try read(text) }
    #expect(e?.line == 6)
    #expect(e?.message == "'many' is not a valid integer for the attribute 'n'")
    let badDefault = gexf(
      "<attributes class=\"node\"><attribute id=\"0\" title=\"n\" type=\"boolean\"><default>maybe</default></attribute></attributes>"
    )
    #expect(
      formatError { try read(badDefault) }?.message.contains(
        "the default 'maybe' of the attribute 'n' is not a valid boolean") == true)
    let badWeight = gexf(
      "<nodes><node id=\"a\"/></nodes><edges><edge source=\"a\" target=\"a\" weight=\"heavy\"/></edges>"
    )
    #expect(
      formatError { try read(badWeight) }?.message == "the edge weight 'heavy' is not a number")
    let badViz = gexf("<nodes><node id=\"a\"><viz:color r=\"red\" g=\"0\" b=\"0\"/></node></nodes>")
    #expect(formatError { try read(badViz) }?.message.contains("expected an integer") == true)
  }

  @Test func nodesAfterEdgesAndEdgesToUndeclaredNodes() throws {
    let late = try read(
      gexf(
        """
            <edges><edge source="b" target="a"/><edge source="b" target="a"/><edge source="a" target="a"/></edges>
            <nodes><node id="a"/><node id="b"/></nodes>
        """))
    #expect(late.nodes.map(\.id) == ["a", "b"])
    #expect(late.tieCount == 3)  // parallel ties and the self-loop are kept
    #expect(late.ties[2].isSelfLoop)
    let text = gexf(
      """
          <nodes><node id="a"/></nodes>
          <edges>
            <edge source="a" target="a"/>
            <edge source="a" target="ghost"/>
          </edges>
      """)
    let e = formatError { try read(text) }
    #expect(e?.line == 7)
    #expect(e?.column == 7)
    #expect(
      e?.message.hasPrefix("the edge's target 'ghost' is not a <node> in this file") == true,
      "\(String(describing: e))")
    let twice = formatError { try read(gexf("<nodes><node id=\"a\"/>\n<node id=\"a\"/></nodes>")) }
    #expect(twice?.message == "the node id 'a' is declared twice")
    #expect(twice?.line == 5)
  }

  @Test func weightKindLabelAndID() throws {
    let net = try read(
      gexf(
        """
            <attributes class="edge"><attribute id="0" title="since" type="integer"/></attributes>
            <nodes><node id="a" label="A"/><node id="b"/></nodes>
            <edges>
              <edge id="e1" source="a" target="b" weight="0.5" kind="trust" label="close">
                <attvalues><attvalue for="0" value="2019"/></attvalues>
              </edge>
              <edge source="b" target="a"/>
            </edges>
        """))
    #expect(net.trustAttributeName == "weight")
    let t = net.ties[0]
    #expect(t.trust == 0.5 && t.layer == "trust" && t.id == "e1")
    #expect(t.attributes == ["label": .string("close"), "since": .integer(2019)])
    #expect(net.ties[1].trust == nil && net.ties[1].layer == nil && net.ties[1].id == nil)
    #expect(net.tieAttributes.map(\.name) == ["label", "since"])
    #expect(net.nodes[0].label == "A" && net.nodes[1].attributes["label"] == nil)
    // A layer given twice must agree.
    let clash = gexf(
      """
          <attributes class="edge"><attribute id="0" title="layer" type="string"/></attributes>
          <nodes><node id="a"/></nodes>
          <edges><edge source="a" target="a" kind="trust"><attvalues><attvalue for="0" value="money"/></attvalues></edge></edges>
      """)
    #expect(
      formatError { try read(clash) }?.message.contains(
        "kind 'trust' and its attribute 'layer' ('money') differ") == true)
    // Gephi 0.7 wrote weights as values of an undeclared 'weight'.
    let old = try read(
      gexf(
        """
            <nodes><node id="a"/></nodes>
            <edges><edge source="a" target="a"><attvalues><attvalue for="weight" value="3"/></attvalues></edge></edges>
        """))
    #expect(old.ties[0].trust == 3)
    // A label and an attribute titled label must agree.
    let labels = gexf(
      """
          <attributes class="node"><attribute id="0" title="label" type="string"/></attributes>
          <nodes><node id="a" label="A"><attvalues><attvalue for="0" value="B"/></attvalues></node></nodes>
      """)
    #expect(
      formatError { try read(labels) }?.message
        == "node 'a' has both a label ('A') and an attribute titled 'label' ('B')")
  }

  @Test func vizIsKeptAndWrittenBack() throws {
    let net = try read(
      gexf(
        """
            <nodes>
              <node id="a" label="A">
                <viz:color r="239" g="173" b="66" a="0.6"/>
                <viz:position x="15.78" y="-40.1" z="0.0"/>
                <viz:size value="2.0375757"/>
                <viz:shape value="image" uri="http://example.org/a.png"/>
              </node>
              <node id="b"><viz:color hex="#ff0000"/></node>
            </nodes>
            <edges>
              <edge source="a" target="b"><viz:color r="1" g="2" b="3"/><viz:thickness value="4"/><viz:shape value="dashed"/></edge>
            </edges>
        """))
    let a = net.nodes[0].attributes
    #expect(
      a["viz_r"] == .integer(239) && a["viz_g"] == .integer(173) && a["viz_b"] == .integer(66))
    #expect(a["viz_a"] == .double(0.6))
    #expect(
      a["viz_x"] == .double(15.78) && a["viz_y"] == .double(-40.1) && a["viz_z"] == .double(0))
    #expect(a["viz_size"] == .double(2.0375757))
    #expect(
      a["viz_shape"] == .string("image") && a["viz_uri"] == .string("http://example.org/a.png"))
    #expect(net.nodes[1].attributes["viz_hex"] == .string("#ff0000"))
    #expect(
      net.ties[0].attributes == [
        "viz_r": .integer(1), "viz_g": .integer(2), "viz_b": .integer(3),
        "viz_thickness": .double(4), "viz_shape": .string("dashed"),
      ])
    let text = try expectRoundTrip(net, "viz")
    #expect(
      text.contains(
        """
                <viz:color r="239" g="173" b="66" a="0.6"/>
                <viz:position x="15.78" y="-40.1" z="0"/>
                <viz:size value="2.0375757"/>
                <viz:shape value="image" uri="http://example.org/a.png"/>
        """))
    #expect(text.contains("<viz:thickness value=\"4\"/>"))
    // A viz attribute whose values are not of the viz type is an ordinary attribute.
    var odd = Network(directed: false)
    try odd.addNode(Node(id: "n", attributes: ["viz_x": .string("left")]))
    let (oddText, _) = try GEXFFormat.write(odd)
    #expect(oddText.contains("title=\"viz_x\" type=\"string\""))
    #expect(try read(oddText).nodes == odd.nodes)
  }

  @Test func timesAreKeptAsText() throws {
    let net = try read(
      gexf(
        """
            <attributes class="node" mode="dynamic"><attribute id="0" title="score" type="float"/></attributes>
            <attributes class="edge" mode="static"><attribute id="1" title="note" type="string"/></attributes>
            <nodes>
              <node id="a" start="2000-01-01" endopen="2010-01-01">
                <spells><spell start="2000" end="2001"/><spell start="2005"/><spell timestamp="2007"/></spells>
                <attvalues>
                  <attvalue for="0" value="1.5" start="2000" end="2001"/>
                  <attvalue for="0" value="2" timestamp="2003"/>
                </attvalues>
              </node>
              <node id="b" timestamps="&lt;[2000, 2001]&gt;"/>
            </nodes>
            <edges><edge source="a" target="b" start="1999">
              <attvalues><attvalue for="1" value="one, two" start="1" end="2"/></attvalues>
            </edge></edges>
        """, "defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\"date\""))
    let a = net.nodes[0].attributes
    #expect(a["start"] == .string("2000-01-01"))
    #expect(a["endopen"] == .string("2010-01-01"))
    #expect(a["spells"] == .string("<[2000, 2001]; [2005, inf]; [2007]>"))
    #expect(a["score"] == .string("<[2000, 2001, 1.5]; [2003, 2]>"))
    #expect(net.nodes[1].attributes["timestamps"] == .string("<[2000, 2001]>"))
    #expect(net.ties[0].attributes["start"] == .string("1999"))
    // A static attribute whose values carry times is read as dynamic; values are quoted when needed.
    #expect(net.ties[0].attributes["note"] == .string("<[1, 2, \"one, two\"]>"))
    #expect(net.attributes["timeformat"] == .string("date"))
    #expect(net.readNotes.count == 3, "\(net.readNotes)")
    _ = try expectRoundTrip(net, "times")
  }

  @Test func olderVersionsAndNamespaces() throws {
    let v11 = try read(
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <gexf xmlns="http://www.gexf.net/1.1draft" xmlns:viz="http://www.gexf.net/1.1draft/viz" version="1.1">
        <graph mode="static" defaultedgetype="undirected">
          <nodes>
            <node id="0" label="one"><slices><slice start="1" end="2"/></slices><viz:size value="3"/></node>
            <node id="1" label="two"/>
          </nodes>
          <edges><edge id="4" source="0" target="1"/></edges>
        </graph>
      </gexf>
      """)
    #expect(!v11.isDirected)
    #expect(
      v11.nodes[0].attributes == [
        "label": .string("one"), "slices": .string("<[1, 2]>"), "viz_size": .double(3),
      ])
    // Gephi's spelling of the 1.3 namespaces, and a viz prefix of another name.
    let gephi = try read(
      """
      <gexf xmlns="http://www.gexf.net/1.3" xmlns:v="http://www.gexf.net/1.3/viz" version="1.3">
        <graph defaultedgetype="directed"><nodes><node id="a"><v:size value="5"/></node></nodes></graph>
      </gexf>
      """)
    #expect(gephi.nodes[0].attributes["viz_size"] == .double(5))
    // GEXF 1.0 named attvalues with 'id' and attribute modes with 'type'.
    let v10 = try read(
      """
      <gexf xmlns="http://www.gexf.net/1.0draft" version="1.0"><graph type="static">
        <attributes class="node" type="static"><attribute id="0" title="x" type="integer"/></attributes>
        <nodes><node id="a"><attvalues><attvalue id="0" value="1"/></attvalues></node></nodes>
      </graph></gexf>
      """)
    #expect(v10.nodes[0].attributes["x"] == .integer(1))
    // Elements of other namespaces and elements GEXF does not define are skipped, with a note.
    let foreign = try read(
      """
      <gexf xmlns="http://gexf.net/1.3" xmlns:x="urn:other" version="1.3"><graph>
        <x:extra><node id="not-read"/></x:extra>
        <nodes><node id="a"><color r="1"/></node></nodes>
      </graph></gexf>
      """)
    #expect(foreign.nodes.map(\.id) == ["a"])
    #expect(foreign.readNotes.count == 2, "\(foreign.readNotes)")
  }

  @Test func skippedElementsAreNamedOnceAndTheNotesAreBounded() throws {
    let unknown = (0..<15).map { "<unknown\($0)/><unknown\($0)/>" }.joined()
    let net = try read(gexf("<nodes><node id=\"a\"/></nodes>" + unknown))
    #expect(net.readNotes.count == 11)
    #expect(net.readNotes.first == "<unknown0> is not read here (first on line 4)")
    #expect(
      net.readNotes.last == "other elements are skipped too (only the first ten names are listed)")
  }

  /// A file laid out as Gephi Lite (graphology-gexf) writes GEXF 1.3: attribute ids that are
  /// names, a colour in hex, a list in 1.3's notation, the layer as kind, no edge ids.
  @Test func gephiLiteLayout() throws {
    let net = try read(
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <gexf version="1.3" xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd">
        <meta lastmodifieddate="2024-06-01">
          <creator>Gephi Lite</creator>
          <title>Bridges</title>
        </meta>
        <graph defaultedgetype="directed">
          <attributes class="node">
            <attribute id="tags" title="tags" type="liststring"/>
            <attribute id="age" title="age" type="integer"/>
          </attributes>
          <nodes>
            <node id="ada" label="Ada">
              <attvalues>
                <attvalue for="tags" value="[board, 'chair, acting', &quot;x&quot;]"/>
                <attvalue for="age" value="41"/>
              </attvalues>
              <viz:color hex="#ff8800"/>
              <viz:size value="10"/>
              <viz:position x="1" y="2"/>
            </node>
            <node id="bo"/>
          </nodes>
          <edges>
            <edge source="ada" target="bo" weight="2" kind="partnership"/>
          </edges>
        </graph>
      </gexf>
      """)
    #expect(
      net.attributes == [
        "lastmodifieddate": .string("2024-06-01"), "creator": .string("Gephi Lite"),
        "title": .string("Bridges"),
      ])
    #expect(net.nodes[0].attributes["tags"] == .string("[board, 'chair, acting', \"x\"]"))
    #expect(net.nodes[0].attributes["age"] == .integer(41))
    #expect(net.nodes[0].attributes["viz_hex"] == .string("#ff8800"))
    #expect(net.ties[0].layer == "partnership" && net.ties[0].trust == 2 && net.ties[0].id == nil)
    // GEXF has no place for a meta <title>: the write says so.
    let (_, dropped) = try GEXFFormat.write(net)
    #expect(
      dropped == [
        "the network attribute 'title' is not written: GEXF holds only a graph's creator, description, keywords, last modified date, name and time format"
      ])
  }

  @Test func hierarchiesAreFlattenedWithTheParentID() throws {
    let net = try read(
      gexf(
        """
            <nodes>
              <node id="org" label="Organisation">
                <nodes><node id="dept" label="Department"><nodes><node id="p"/></nodes></node></nodes>
              </node>
              <node id="x" pid="org"><parents><parent for="org"/><parent for="dept"/></parents></node>
            </nodes>
            <edges><edge source="p" target="x"/></edges>
        """))
    #expect(net.nodes.map(\.id) == ["org", "dept", "p", "x"])
    #expect(net.nodes[0].attributes["pid"] == nil)
    #expect(net.nodes[1].attributes["pid"] == .string("org"))
    #expect(net.nodes[2].attributes["pid"] == .string("dept"))
    #expect(net.nodes[3].attributes["pid"] == .string("org"))
    #expect(net.nodes[3].attributes["parents"] == .string("org|dept"))
    #expect(net.readNotes.contains { $0.contains("nested nodes") })
  }

  @Test func refusals() throws {
    let dtd = formatError {
      try read(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE gexf [<!ENTITY x \"y\">]>\n<gexf><graph/></gexf>")
    }
    #expect(dtd?.message.contains("document type declarations") == true)
    #expect(dtd?.line == 2)
    let graphml = formatError { try read("<graphml><graph/></graphml>") }
    #expect(
      graphml?.message == "the root element is <graphml>, not <gexf>; this is not a GEXF file")
    #expect(
      formatError { try read("<gexf version=\"1.3\"><meta/></gexf>") }?.message
        == "the file has no <graph>")
    let two = formatError { try read("<gexf>\n<graph/>\n<graph/></gexf>") }
    #expect(two?.message.contains("more than one <graph>") == true)
    #expect(two?.line == 3)
    #expect(
      formatError { try read(gexf("<attributes class=\"graph\"/>")) }?.message
        == "<attributes class=\"graph\">: expected class node or edge")
    #expect(
      formatError { try read(gexf("<edges><edge source=\"a\"/></edges>")) }?.message
        == "<edge> needs both source and target")
    #expect(
      formatError { try read(gexf("<nodes><node label=\"x\"/></nodes>")) }?.message
        == "<node> has no id")
    #expect(
      formatError { try read(gexf("", "defaultedgetype=\"sideways\"")) }?.message.contains(
        "expected directed, undirected or mutual") == true)
    let titles = gexf(
      "<attributes class=\"node\"><attribute id=\"0\" title=\"x\" type=\"string\"/><attribute id=\"1\" title=\"x\" type=\"string\"/></attributes>"
    )
    #expect(
      formatError { try read(titles) }?.message.contains("two node attributes have the title 'x'")
        == true)
    let twice = gexf(
      """
          <attributes class="node"><attribute id="0" title="x" type="string"/></attributes>
          <nodes><node id="a"><attvalues><attvalue for="0" value="1"/><attvalue for="0" value="2"/></attvalues></node></nodes>
      """)
    #expect(
      formatError { try read(twice) }?.message == "a second value for the attribute 'x' of node 'a'"
    )
  }

  @Test func metaAndGraphAttributes() throws {
    let net = try read(
      """
      <gexf xmlns="http://gexf.net/1.3" version="1.3">
        <meta lastmodifieddate="2009-03-20">
          <creator>Gexf.net</creator>
          <description>A hello world! file</description>
          <keywords>demo, hello</keywords>
        </meta>
        <graph name="Hello" defaultedgetype="directed" idtype="string"/>
      </gexf>
      """)
    #expect(
      net.attributes == [
        "lastmodifieddate": .string("2009-03-20"), "creator": .string("Gexf.net"),
        "description": .string("A hello world! file"), "keywords": .string("demo, hello"),
        "name": .string("Hello"),
      ])
    let text = try expectRoundTrip(net, "meta")
    #expect(
      text.contains("<meta lastmodifieddate=\"2009-03-20\">\n    <creator>Gexf.net</creator>"))
  }

  // MARK: Writing

  /// A network with what writing must keep: text that needs escaping (quotes, <&>, line feeds,
  /// tabs, carriage returns, non-Latin letters and emoji) in ids, labels and values; integers,
  /// doubles and booleans; trust, layers, tie ids and labels; parallel ties and a self-loop; a
  /// node without a label; viz data; network attributes GEXF has a place for.
  func trickyNetwork() throws -> Network {
    var net = Network(directed: true)
    try net.addNode(
      Node(
        id: "kommun", label: "Kommun & <Co> \"AB\" 'x'", kind: .organisation,
        attributes: [
          "staff": .integer(420), "budget": .double(1.5e9), "public": .boolean(true),
          "viz_r": .integer(10), "viz_g": .integer(20), "viz_b": .integer(30),
          "viz_a": .double(0.5), "viz_x": .double(1.25), "viz_y": .double(-3), "viz_z": .double(0),
          "viz_size": .double(12.5),
        ]))
    try net.addNode(
      Node(
        id: "1:Åsa \"A\" <&>", label: "Åsa\nNy rad\tTab\r\nCRLF", kind: .person,
        attributes: [
          "staff": .integer(-3), "budget": .double(0.1), "public": .boolean(false),
          "note": .string("  spaces kept  "),
        ]))
    try net.addNode(Node(id: "bo", attributes: ["public": .boolean(false)]))
    try net.addNode(
      Node(
        id: "bro 🌉", label: "Brobyggare 🌉 Ωμέγα 漢字",
        attributes: ["budget": .double(1e-7), "public": .boolean(true)]))
    net.declareNodeAttribute(AttributeDeclaration(name: "label", type: .string))
    net.declareNodeAttribute(AttributeDeclaration(name: "kind", type: .string))
    net.declareNodeAttribute(AttributeDeclaration(name: "staff", type: .integer))
    net.declareNodeAttribute(AttributeDeclaration(name: "budget", type: .double))
    net.declareNodeAttribute(
      AttributeDeclaration(name: "public", type: .boolean, defaultValue: .boolean(false)))
    net.addTie(
      Tie(
        source: 0, target: 1, trust: 0.75, layer: "trust", id: "e1",
        attributes: ["label": .string("förtroende"), "since": .integer(2019)]))
    net.addTie(
      Tie(
        source: 0, target: 1, trust: 2, layer: "collaboration", id: "e2",
        attributes: ["since": .integer(2021)]))
    net.addTie(Tie(source: 2, target: 2, trust: 0.5, layer: "trust", id: "e3"))
    net.addTie(
      Tie(
        source: 1, target: 3, trust: 3, layer: "trust \"quoted\" & <tagged>", id: "e 4",
        attributes: ["since": .integer(2020)]))
    net.declareTieAttribute(AttributeDeclaration(name: "since", type: .integer))
    net.attributes = [
      "creator": .string("Brobyggare tests"),
      "description": .string("Bridges & <brokers>\nline two"),
      "name": .string("tricky"),
    ]
    net.trustAttributeName = "weight"
    return net
  }

  @Test func writtenGEXFReadsBackTheSame() throws {
    let net = try trickyNetwork()
    let (text, dropped) = try GEXFFormat.write(net)
    #expect(dropped.isEmpty, "\(dropped)")
    let again = try GEXFFormat.read(Data(text.utf8), file: "again.gexf")
    #expect(again.nodes == net.nodes)
    #expect(again.ties == net.ties)
    #expect(again.attributes == net.attributes)
    #expect(again.isDirected)
    #expect(again.nodeAttributes.first { $0.name == "public" }?.defaultValue == .boolean(false))
    #expect(try GEXFFormat.write(net).text == text)  // the same network gives the same bytes
    #expect(text.contains("version=\"1.3\""))
    #expect(
      text.contains(
        "<edge id=\"e1\" source=\"kommun\" target=\"1:Åsa &quot;A&quot; &lt;&amp;&gt;\" label=\"förtroende\" kind=\"trust\" weight=\"0.75\">"
      ))
    #expect(text.contains("label=\"Åsa&#10;Ny rad&#9;Tab&#13;&#10;CRLF\""))
    #expect(text.contains("<attribute id=\"0\" title=\"kind\" type=\"string\"/>"))
    #expect(text.contains("title=\"staff\" type=\"long\""))
    #expect(text.contains("title=\"budget\" type=\"double\""))
    #expect(text.contains("<default>false</default>"))
    // The undirected network reads back undirected.
    var undirected = net
    undirected.isDirected = false
    let u = try GEXFFormat.read(Data(GEXFFormat.write(undirected).text.utf8), file: "u.gexf")
    #expect(!u.isDirected && u.ties == net.ties)
  }

  /// What Brobyggare writes, networkx (`read_gexf`) reads with the same nodes, ties, trust (as
  /// `weight`), layers (from the attribute `layer`, as networkx reads no `kind`), labels,
  /// direction and attribute values of the same types.
  @Test func writtenGEXFLoadsInNetworkxWithTheSameContent() throws {
    for directed in [true, false] {
      var net = try trickyNetwork()
      net.isDirected = directed
      let (text, _) = try GEXFFormat.write(net)
      let peer = try networkxReading(of: temporaryFile(text))
      expectSame(net, peer, directed ? "directed" : "undirected")
    }
  }

  @Test func charactersXMLCannotHoldAreRefusedNamingTheNodeAndCharacter() throws {
    var net = Network(directed: true)
    try net.addNode(Node(id: "a\u{1B}b"))
    let id = formatError { try GEXFFormat.write(net) }
    #expect(
      id?.message
        == "the id of node 'a\\u{1B}b' holds the character U+001B, a control character that XML 1.0 cannot hold, not even as a character reference, so it cannot be written as GEXF; remove it, or write JSON, which holds every character"
    )

    var value = Network(directed: true)
    try value.addNode(Node(id: "åsa", attributes: ["note": .string("bell\u{07}")]))
    #expect(
      formatError { try GEXFFormat.write(value) }?.message.hasPrefix(
        "the attribute 'note' of node 'åsa' holds the character U+0007") == true)

    var label = Network(directed: true)
    try label.addNode(Node(id: "n", label: "x\u{FFFF}"))
    #expect(
      formatError { try GEXFFormat.write(label) }?.message.hasPrefix(
        "the label of node 'n' holds the character U+FFFF, a noncharacter") == true)

    var layer = Network(directed: true)
    layer.addTie(from: "a", to: "b", layer: "t\u{0}")
    #expect(
      formatError { try GEXFFormat.write(layer) }?.message.hasPrefix(
        "the layer of tie 1 ('a' -> 'b') holds the character U+0000") == true)

    var name = Network(directed: true)
    try name.addNode(Node(id: "n", attributes: ["bad\u{1}name": .integer(1)]))
    #expect(
      formatError { try GEXFFormat.write(name) }?.message.hasPrefix(
        "the name of the node attribute 'bad\\u{1}name' holds the character U+0001") == true)

    // Tab, line feed and carriage return are XML characters: they are kept.
    var kept = Network(directed: true)
    try kept.addNode(Node(id: "t\tn\nr\r"))
    #expect(try read(GEXFFormat.write(kept).text).nodes == kept.nodes)
  }

  @Test func droppedSaysWhatGEXFCannotHold() throws {
    var net = Network(directed: false)
    try net.addNode(
      Node(id: "a", attributes: ["mixed": .integer(1), "graphics": .markup("<y:Shape/>")]))
    try net.addNode(Node(id: "b", attributes: ["mixed": .string("one"), "flag": .boolean(false)]))
    net.declareNodeAttribute(
      AttributeDeclaration(name: "flag", type: .boolean, defaultValue: .boolean(true)))
    net.attributes = ["density": .double(0.5), "name": .integer(7)]
    let (text, dropped) = try GEXFFormat.write(net)
    #expect(
      dropped == [
        "1 node has no value for the node attribute 'flag', whose default is true; GEXF gives it the default",
        "the node attribute 'graphics' holds XML markup (another tool's graphics, say), which is written as text",
        "the node attribute 'mixed' holds values of several types (integer and text); GEXF declares one type per attribute, so it is written as text",
        "the network attribute 'density' is not written: GEXF holds only a graph's creator, description, keywords, last modified date, name and time format",
        "the network attribute 'name' is a number; GEXF holds it as text",
      ])
    let again = try read(text)
    #expect(again.nodes[0].attributes["mixed"] == .string("1"))
    #expect(again.nodes[0].attributes["graphics"] == .string("<y:Shape/>"))
  }

  @Test func specialNumbers() throws {
    var net = Network(directed: true)
    try net.addNode(
      Node(
        id: "a",
        attributes: [
          "x": .double(.infinity), "y": .double(-.infinity), "z": .double(1e300),
          "big": .integer(Int.max),
        ]))
    net.addTie(Tie(source: 0, target: 0, trust: 1e-300))
    let (text, _) = try GEXFFormat.write(net)
    #expect(text.contains("value=\"Infinity\"") && text.contains("value=\"-Infinity\""))
    let again = try read(text)
    #expect(again.nodes == net.nodes)
    #expect(again.ties == net.ties)
  }

  @Test func sniff() {
    #expect(GEXFFormat.sniff(Data("<gexf version=\"1.3\">".utf8)))
    #expect(
      GEXFFormat.sniff(
        Data(
          "\u{FEFF}<?xml version=\"1.0\"?>\n<!-- made by hand -->\n<gexf\nxmlns=\"http://gexf.net/1.3\">"
            .utf8)))
    #expect(GEXFFormat.sniff(Data([0xFF, 0xFE] + "<gexf>".utf8.flatMap { [$0, 0] })))
    #expect(!GEXFFormat.sniff(Data("<graphml>".utf8)))
    #expect(!GEXFFormat.sniff(Data("<gexfx>".utf8)))
    #expect(!GEXFFormat.sniff(Data("source,target\n".utf8)))
    #expect(!GEXFFormat.sniff(Data()))
    #expect(GEXFFormat.sniff(Data("<?xml version=\"1.0\"?><gexf".utf8)))  // cut off after the name
  }
}
