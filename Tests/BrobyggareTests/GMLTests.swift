import Foundation
import Testing

@testable import Brobyggare

/// How networkx and igraph read the GML and Pajek fixtures and the files in ../shared/interop:
/// Fixtures/gml/peers.json and Fixtures/pajek/peers.json, written by
/// Scripts/make_gml_pajek_fixtures.py (networkx 3.6.1, igraph 1.0.0; the versions are in the
/// files).
enum PeerReadings {
  static func load(_ folder: String) -> [String: [String: Any]] {
    let data = try! fixtureData("\(folder)/peers.json")
    let root = try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    return root["files"] as! [String: [String: Any]]
  }
  nonisolated(unsafe) static let gml = load("gml")
  nonisolated(unsafe) static let pajek = load("pajek")

  /// A peer's reading of a file, or `nil` when it refused the file (or peers.json has not the
  /// file: it is regenerated without the interop files when they are not there).
  static func reading(_ files: [String: [String: Any]], _ file: String, _ peer: String) -> [String:
    Any]?
  {
    guard let r = files[file]?[peer] as? [String: Any], r["error"] == nil else { return nil }
    return r
  }

  static func error(_ files: [String: [String: Any]], _ file: String, _ peer: String) -> String? {
    (files[file]?[peer] as? [String: Any])?["error"] as? String
  }

  /// Whether a value of ours is the value a peer read. A peer's missing value (igraph's NaN,
  /// written as null, or its empty text) matches a missing one; a peer's dictionary (networkx's
  /// reading of a nested GML list) matches our markup when every key has the same value; a
  /// peer's list matches our text in list notation.
  static func matches(_ ours: AttributeValue?, _ theirs: Any) -> Bool {
    switch theirs {
    case is NSNull: return ours == nil
    case let s as String:
      if ours == nil { return s.isEmpty }
      if case .double(let d)? = ours, d.isInfinite { return s == (d > 0 ? "inf" : "-inf") }
      return ours?.description == s
    case let n as NSNumber:
      return ours?.number.map { close($0, n.doubleValue, 1e-12) } ?? false
    case let dictionary as [String: Any]:
      guard case .markup(let m)? = ours else { return false }
      var parser = GMLFormat.Parser(text: "k " + m, file: "markup")
      guard let items = try? parser.parseDocument(), case .list(let list)? = items.first?.value
      else { return false }
      return same(list, dictionary)
    case let array as [Any]:
      guard case .string(let s)? = ours,
        let parsed = try? JSONSerialization.jsonObject(with: Data(s.utf8)) as? [Any],
        parsed.count == array.count
      else { return false }
      return zip(parsed, array).allSatisfy { "\($0)" == "\($1)" }
    default: return false
    }
  }

  static func same(_ list: [GMLFormat.Item], _ dictionary: [String: Any]) -> Bool {
    guard Set(list.map(\.key)) == Set(dictionary.keys), list.count == dictionary.count else {
      return false
    }
    return list.allSatisfy { item in matches(GMLFormat.scalar(item.value), dictionary[item.key]!) }
  }

  /// Compares a network with a peer's reading: direction, node ids in order, every attribute
  /// the peer holds (but `skip`), and the ties as a multiset of (source, target, trust,
  /// attributes), undirected ties with their ends in either order; with `allOfOurs`, a tie of
  /// ours may not have an attribute the peer's has not.
  static func expectSame(
    _ net: Network, _ peer: [String: Any], skip: Set<String> = [], trustName: String = "weight",
    allOfOurs: Bool = true, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(
      net.isDirected == (peer["directed"] as! Bool), "\(what): direction",
      sourceLocation: sourceLocation)
    let nodes = peer["nodes"] as! [[String: Any]]
    #expect(
      net.nodes.map(\.id) == nodes.map { $0["id"] as! String }, "\(what): node ids",
      sourceLocation: sourceLocation)
    for (node, theirs) in zip(net.nodes, nodes) {
      for (k, v) in theirs["attributes"] as! [String: Any] where !skip.contains(k) {
        #expect(
          matches(node.attributes[k], v),
          "\(what): node \(node.id) \(k): \(String(describing: node.attributes[k])) vs \(v)",
          sourceLocation: sourceLocation)
      }
    }
    func key(_ s: String, _ t: String) -> String {
      net.isDirected || s <= t ? "\(s) → \(t)" : "\(t) → \(s)"
    }
    // Each of the peer's ties is one of ours, with the same ends, trust, layer, id and
    // attributes; none of ours is left over.
    var unused = Array(net.ties.indices)
    for t in peer["ties"] as! [[Any]] {
      var attributes = (t[2] as! [String: Any]).filter { !skip.contains($0.key) }
      let weight = (attributes.removeValue(forKey: trustName) as? NSNumber)?.doubleValue
      let ends = key(t[0] as! String, t[1] as! String)
      let found = unused.firstIndex { i in
        let tie = net.ties[i]
        guard key(net.nodes[tie.source].id, net.nodes[tie.target].id) == ends, tie.trust == weight
        else { return false }
        var ours = tie.attributes
        if let l = tie.layer { ours["layer"] = .string(l) }
        if let id = tie.id { ours["id"] = .string(id) }
        return attributes.allSatisfy { matches(ours[$0.key], $0.value) }
          && (!allOfOurs || ours.keys.allSatisfy { attributes[$0] != nil || skip.contains($0) })
      }
      #expect(
        found != nil,
        "\(what): the peer's tie \(ends) \(weight.map(formatNumber) ?? "-") \(attributes) is not among ours",
        sourceLocation: sourceLocation)
      if let found { unused.remove(at: found) }
    }
    #expect(
      unused.isEmpty, "\(what): ties the peer has not: \(unused)", sourceLocation: sourceLocation)
  }
}

/// Writes a file and has networkx and igraph read it (Scripts/check_gml_pajek_with_peers.py),
/// comparing nodes, ties, weights, direction and the given attributes with `net`. Needs a
/// python with networkx and igraph: BROBYGGARE_PYTHON when set, else python3; without them the
/// test fails and says so.
func checkWithPeers(
  _ format: String, text: String, net: Network, networkxLabel: String = "id",
  trustName: String = "weight",
  attributes: Set<String>, sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
    "brobyggare-\(format)-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: dir) }
  let file = dir.appendingPathComponent(format == "gml" ? "net.gml" : "net.net")
  try text.write(to: file, atomically: true, encoding: .utf8)
  func json(_ v: AttributeValue) -> String {
    switch v {
    case .string(let s), .markup(let s): jsonString(s)
    case .integer(let i): String(i)
    case .double(let d): "\(d)"
    case .boolean(let b): b ? "true" : "false"
    }
  }
  var expected =
    "{\"directed\": \(net.isDirected), \"networkx_label\": \(jsonString(networkxLabel)), "
  expected += "\"trust_name\": \(jsonString(trustName)), \"nodes\": ["
  expected += net.nodes.map { node in
    "{\"id\": \(jsonString(node.id)), \"attributes\": {"
      + node.attributes.keys.filter(attributes.contains).sorted().map {
        "\(jsonString($0)): \(json(node.attributes[$0]!))"
      }.joined(separator: ", ")
      + "}}"
  }.joined(separator: ", ")
  expected += "], \"ties\": ["
  expected += net.ties.map { t in
    "[\(jsonString(net.nodes[t.source].id)), \(jsonString(net.nodes[t.target].id)), \(t.trust.map { "\($0)" } ?? "null"), {}]"
  }.joined(separator: ", ")
  expected += "]}"
  let expectedFile = dir.appendingPathComponent("expected.json")
  try expected.write(to: expectedFile, atomically: true, encoding: .utf8)
  let r = try runTool(
    "/usr/bin/env",
    [
      pythonForPeers(),
      packageRoot.appendingPathComponent("Scripts/check_gml_pajek_with_peers.py").path, format,
      file.path, expectedFile.path,
    ], stderr: .intoStandardOutput)
  let report = r.out
  #expect(r.status == 0, "\(report)\n\(text)", sourceLocation: sourceLocation)
  #expect(
    report.contains("networkx") && report.contains("igraph"), "\(report)",
    sourceLocation: sourceLocation)
}

@Suite("GML")
struct GMLTests {
  func read(_ text: String) throws -> Network { try GMLFormat.read(Data(text.utf8), file: "t.gml") }

  func error(_ text: String) -> FormatError? {
    formatError { try GMLFormat.read(Data(text.utf8), file: "t.gml") }
  }

  /// `directed` given twice, with different values or the same: refused at the second (line 3,
  /// column 3, counted by hand), not the last one taken silently.
  @Test func directedTwiceIsRefusedAtTheSecond() {
    for second in ["0", "1"] {
      let e = error("graph [\n  directed 1\n  directed \(second)\n  node [ id 1 ]\n]\n")
      #expect(e?.line == 3)
      #expect(e?.column == 3)
      #expect(
        e?.message.contains("'directed' is given a second time (first at line 2, column 3)") == true
      )
    }
  }

  @Test func readsTheDialects() throws {
    let net = try read(
      """
      Creator\t"yFiles"
      Version\t"2.10"
      # a comment
      graph [
      \tdirected\t1  # after a value
      \tlabel "Net &amp; work"
      \tnode [ id 1 label "&#197;sa &ouml;berg &quot;&#x41;&quot; &bogus; &#0;" age 34 score 0.5 big 99999999999999999999
      \t  graphics [ x 55.0 y -3 type "ellipse" Line [ point [ x 1 y 2 ] ] ] ]
      \tnode [ id 2 age 1.5 score "high" w NAN v -INF tags "a" tags "b" one "_networkx_list_start" one 7 ]
      \tnode [ id A ]
      \tedge [ source 1 target 2 weight 0.5 layer "trust" id "e1" key 0 since 2019 ]
      \tedge [ source 1 target 2 weight 2 layer 7 ]
      \tedge [ source A target A ]
      ]
      """)
    #expect(net.isDirected)
    #expect(net.attributes["label"] == .string("Net & work"))
    #expect(net.nodes.map(\.id) == ["1", "2", "A"])
    // `&#0;` is U+0000, as the writer spells it (networkx's html.unescape gives U+FFFD).
    #expect(net.nodes[0].label == "Åsa öberg \"A\" &bogus; \u{0}")
    // Integers and reals mixed in one attribute are reals; numbers and strings, strings.
    #expect(net.nodes[0].attributes["age"] == .double(34))
    #expect(net.nodes[1].attributes["age"] == .double(1.5))
    #expect(net.nodes[0].attributes["score"] == .string("0.5"))
    // An integer beyond 64 bits keeps its digits as text (igraph reads it as the real 1e20,
    // which writes back as 1e+20).
    #expect(net.nodes[0].attributes["big"] == .string("99999999999999999999"))
    #expect(
      net.nodes[0].attributes["graphics"]
        == .markup("[ x 55.0 y -3 type \"ellipse\" Line [ point [ x 1 y 2 ] ] ]"))
    #expect(net.nodes[1].attributes["w"]?.number?.isNaN == true)
    #expect(net.nodes[1].attributes["v"] == .double(-.infinity))
    #expect(net.nodes[1].attributes["tags"] == .string("[\"a\", \"b\"]"))
    #expect(net.nodes[1].attributes["one"] == .string("[7]"))
    #expect(
      net.readNotes == [
        "the key 'one' holds a list in 1 node (written as the key repeated, as networkx writes lists); each list is kept as one text in Python's notation, such as [1, 2]",
        "the key 'tags' holds a list in 1 node (written as the key repeated, as networkx writes lists); each list is kept as one text in Python's notation, such as [1, 2]",
      ])
    #expect(
      net.nodeAttributes.map(\.name) == [
        "label", "age", "score", "big", "graphics", "w", "v", "tags", "one",
      ])
    #expect(net.trustAttributeName == "weight")
    #expect(net.ties.map(\.trust) == [0.5, 2, nil])
    #expect(net.ties.map(\.layer) == ["trust", "7", nil])
    #expect(net.ties[0].id == "e1")
    #expect(net.ties[0].attributes == ["since": .integer(2019)])
    #expect(net.ties[2].isSelfLoop)
  }

  @Test func trustIsTheFirstOfTrustWeightValue() throws {
    let value = try read("graph [ node [ id 0 ] edge [ source 0 target 0 value 3 ] ]")
    #expect(value.ties[0].trust == 3 && value.trustAttributeName == "value")
    let both = try read("graph [ node [ id 0 ] edge [ source 0 target 0 value 3 weight 0.25 ] ]")
    #expect(both.ties[0].trust == 0.25 && both.ties[0].attributes["value"] == .integer(3))
  }

  /// Every error says where and what was expected, and nothing crashes.
  @Test(arguments: [
    ("graph [ node [ id 1 ] ", 1, 23, "ends inside the list opened at line 1, column 7"),
    ("graph [\n node [ label \"x\" ]\n]", 2, 2, "node 1 has no id"),
    (
      "graph [\n node [ id 1 ]\n node [ id 1 ]\n]", 3, 12,
      "the node id 1 is used twice (first at line 2, column 12)"
    ),
    (
      "graph [ node [ id 1 ] edge [ source 1 target 9 ] ]", 1, 46,
      "the target 9 is not the id of a node"
    ),
    ("graph [ node [ id 1 ] edge [ target 1 ] ]", 1, 23, "edge 1 has no source"),
    ("graph [ node [ id 1 ] edge [ source 1 target 1 weight -0.5 ] ]", 1, 55, "is negative"),
    ("graph [ node [ id 1 ] edge [ source 1 target 1 weight \"x\" ] ]", 1, 55, "not a number"),
    ("graph [ node [ id 1 ] edge [ source 1 target 1 weight +INF ] ]", 1, 55, "infinite"),
    ("graph [ directed \"yes\" ]", 1, 18, "'directed' must be 0 or 1"),
    ("graph [ label \"never closed ]", 1, 15, "a string is never closed"),
    ("graph [ x 12abc ]", 1, 11, "'12abc' is not a number"),
    ("graph [ x 1 ] ]", 1, 15, "']' closes no list"),
    ("graph [ x ]", 1, 11, "the key 'x' has no value"),
    ("graph [ 5 6 ]", 1, 9, "expected a key"),
    ("graph [ a { ]", 1, 11, "unexpected character '{'"),
    ("Creator \"x\"\nVersion 1", 1, 1, "holds no 'graph [ ... ]'"),
    ("graph [ ]\ngraph [ ]", 2, 1, "a second graph"),
    ("graph 5", 1, 7, "expected a list"),
    ("graph [ node 5 ]", 1, 14, "expected a list"),
    ("graph [ node [ id [ ] ] ]", 1, 19, "the node id is a list"),
    ("nodeIDKey \"name\" graph [ node [ id 0 ] ]", 1, 26, "has no 'name'"),
    ("1 2\n2 3", 1, 1, "expected a key"),
    ("{\"nodes\": []}", 1, 1, "unexpected character '{'"),
  ])
  func brokenInput(_ text: String, _ line: Int, _ column: Int, _ message: String) {
    let e = error(text)
    #expect(e?.message.contains(message) == true, "\(String(describing: e))")
    #expect(e?.line == line && e?.column == column, "\(String(describing: e))")
  }

  @Test func nestingIsBounded() {
    let deep =
      "graph [ " + String(repeating: "a [ ", count: 600) + String(repeating: "] ", count: 600) + "]"
    let e = error(deep)
    #expect(e?.message.contains("nested more than 512") == true)
    let fine =
      "graph [ " + String(repeating: "a [ ", count: 500) + String(repeating: "] ", count: 500) + "]"
    #expect(error(fine) == nil)
  }

  /// Every prefix of a file, cut at any byte, reads or fails with a FormatError; never a crash.
  @Test func everyPrefixReadsOrFails() throws {
    let text = Array(
      """
      Creator "x"
      graph [ directed 1 node [ id 1 label "Å &amp; ö" graphics [ x 1.5e3 y -.5 ] ]
      node [ id 2 ] edge [ source 1 target 2 weight 0.5 ] ]
      """.utf8)
    for n in 0...text.count {
      do { _ = try GMLFormat.read(Data(text[..<n]), file: "p.gml") } catch {}
    }
  }

  @Test func graphMLSavedAsGMLIsNamed() {
    let e = error(
      "\n  <?xml version=\"1.0\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"><graph/></graphml>"
    )
    #expect(e?.message.contains("this is a GraphML document") == true)
    #expect(e?.line == 2 && e?.column == 3)
    let gexf = error("<?xml version=\"1.0\"?><gexf/>")
    #expect(gexf?.message.contains("this is an XML document") == true)
  }

  @Test func encodings() throws {
    var latin1 = Data("graph [ node [ id 1 label \"".utf8)
    latin1.append(contentsOf: [0xC5, 0x73, 0x61])  // Åsa in ISO-8859-1
    latin1.append(contentsOf: Array("\" ] ]".utf8))
    let net = try GMLFormat.read(latin1, file: "l.gml")
    #expect(net.nodes[0].label == "Åsa")
    #expect(net.readNotes.first?.contains("ISO-8859-1") == true)
    let bom = try GMLFormat.read(
      Data([0xEF, 0xBB, 0xBF] + Array("graph [ node [ id 1 label \"Åsa\" ] ]".utf8)), file: "b.gml")
    #expect(bom.nodes[0].label == "Åsa" && bom.readNotes.isEmpty)
  }

  @Test func sniffing() {
    func sniff(_ s: String) -> Bool { GMLFormat.sniff(Data(s.utf8)) }
    #expect(sniff("graph [ node [ id 1 ] ]"))
    #expect(sniff("\u{FEFF}Creator \"yFiles\"\nVersion \"2.10\"\ngraph\n[\n"))
    #expect(sniff("# comment\nCreator \"x\"\n  graph\t["))
    #expect(!sniff("graph: x"))
    #expect(!sniff("*Vertices 3"))
    #expect(!sniff("<?xml version=\"1.0\"?><graphml>"))
    #expect(!sniff("digraph { a -> b }"))
    #expect(!sniff("1 2\n2 3"))
    #expect(!sniff("Creator \"cut here"))
  }

  // MARK: Files other tools wrote

  /// Newman's karate club (via igraph), yFiles' arrows (Cytoscape's test file) and Gephi's
  /// label test, compared with every peer that reads them (peers.json): igraph and networkx's
  /// read_gml(label="id") read Newman's file as we do (networkx's default refuses it, having no
  /// labels); igraph refuses Gephi's unquoted `id A`, which networkx reads as we do; igraph skips
  /// yFiles' graphics lists, which networkx reads as dictionaries and we keep as markup.
  @Test(
    readsInteropFiles("GMLTests.realFilesAgreeWithThePeers"),
    arguments: [
      ("igraph_karate_newman.gml", 34, 78, ["igraph", "networkx"]),
      ("cytoscape_yed_arrows.gml", 4, 4, ["igraph", "networkx"]),
      ("gephi_label.gml", 3, 2, ["networkx"]),
    ])
  func realFilesAgreeWithThePeers(_ name: String, _ nodes: Int, _ ties: Int, _ peers: [String])
    throws
  {
    let net = try GMLFormat.read(interopData("realworld/gml/\(name)"), file: name)
    #expect(net.nodeCount == nodes && net.tieCount == ties)
    let key = "interop:realworld/gml/\(name)"
    for peer in ["igraph", "networkx"] {
      guard let reading = PeerReadings.reading(PeerReadings.gml, key, peer) else {
        // A peer that does not read the file must have refused it (not be missing from peers.json).
        let refusal = PeerReadings.error(PeerReadings.gml, key, peer)
        #expect(
          !peers.contains(peer) && refusal != nil,
          "\(peer) on \(name): \(refusal ?? "not in peers.json")")
        continue
      }
      #expect(peers.contains(peer))
      PeerReadings.expectSame(
        net, reading, skip: peer == "igraph" ? ["id", "graphics", "LabelGraphics"] : [],
        "\(name) (\(peer))")
    }
    try expectStableRoundTrip(net, name)
  }

  @Test(readsInteropFiles("GMLTests.yFilesGraphicsAreKept"))
  func yFilesGraphicsAreKept() throws {
    let net = try GMLFormat.read(
      interopData("realworld/gml/cytoscape_yed_arrows.gml"), file: "y.gml")
    #expect(net.isDirected)
    #expect(net.nodes.map(\.label) == ["n1", "n2", "n3", "n4"])
    #expect(net.attributes == ["hierarchic": .integer(1), "label": .string("")])
    #expect(
      net.nodes[0].attributes["graphics"]
        == .markup(
          "[ x 55.0 y 53.0 w 30.0 h 30.0 type \"ellipse\" fill \"#FFCC00\" outline \"#000000\" ]"))
    #expect(net.ties[3].attributes["LabelGraphics"] == .markup("[ ]"))
    let (text, dropped) = GMLFormat.write(net)
    #expect(dropped.isEmpty)
    #expect(
      text.contains(
        "    graphics [ x 55.0 y 53.0 w 30.0 h 30.0 type \"ellipse\" fill \"#FFCC00\" outline \"#000000\" ]\n"
      ))
  }

  @Test(readsInteropFiles("GMLTests.graphMLWithAGMLName"))
  func graphMLWithAGMLName() throws {
    let data = try interopData("realworld/graphml/igraph_graphml_named_dot_gml.gml")
    let e = formatError { try GMLFormat.read(data, file: "star-undirected.gml") }
    #expect(
      e?.message.contains("GraphML") == true && e?.line == 1 && e?.column == 1,
      "\(String(describing: e))")
    #expect(!GMLFormat.sniff(data))
    // Both peers refuse it too.
    let key = "interop:realworld/graphml/igraph_graphml_named_dot_gml.gml"
    #expect(
      PeerReadings.error(PeerReadings.gml, key, "igraph") != nil
        && PeerReadings.error(PeerReadings.gml, key, "networkx") != nil)
  }

  /// networkx's write_gml (a multigraph with text ids, entities, lists and a dictionary) and
  /// igraph's write_gml (names, labels in UTF-8, integers), from Scripts/make_gml_pajek_fixtures.py.
  @Test func peersFilesAgreeWithThePeers() throws {
    let nxNet = try GMLFormat.read(
      fixtureData("gml/networkx_multidigraph.gml"), file: "networkx_multidigraph.gml")
    let nxReading = try #require(
      PeerReadings.reading(
        PeerReadings.gml, "fixture:gml/networkx_multidigraph.gml", "networkx"))
    PeerReadings.expectSame(nxNet, nxReading, "networkx_multidigraph.gml (networkx)")
    #expect(nxNet.nodes.map(\.label) == ["Åsa Öberg", "Albizzi & \"Co\"", "plain"])
    #expect(nxNet.ties.map(\.layer) == ["trust", "collaboration", nil])
    #expect(nxNet.attributes["name"] == .string("demo"))
    try expectStableRoundTrip(nxNet, "networkx_multidigraph.gml")

    let igNet = try GMLFormat.read(fixtureData("gml/igraph_named.gml"), file: "igraph_named.gml")
    let igReading = try #require(
      PeerReadings.reading(
        PeerReadings.gml, "fixture:gml/igraph_named.gml", "igraph"))
    PeerReadings.expectSame(igNet, igReading, skip: ["id"], "igraph_named.gml (igraph)")
    #expect(igNet.nodes.map(\.label) == ["Ann Öst", "Bo & Co", "Cy"])
    // networkx reads ASCII only, and igraph writes UTF-8.
    #expect(
      PeerReadings.error(PeerReadings.gml, "fixture:gml/igraph_named.gml", "networkx")?.contains(
        "ASCII") == true)
    try expectStableRoundTrip(igNet, "igraph_named.gml")
  }

  /// Read → write → read gives the same network, and writing it again the same text.
  func expectStableRoundTrip(
    _ net: Network, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let (text, dropped) = GMLFormat.write(net)
    #expect(dropped.isEmpty, "\(what): \(dropped)", sourceLocation: sourceLocation)
    let back = try GMLFormat.read(Data(text.utf8), file: what)
    #expect(back.isDirected == net.isDirected, sourceLocation: sourceLocation)
    #expect(back.nodes == net.nodes, "\(what)", sourceLocation: sourceLocation)
    #expect(back.ties == net.ties, "\(what)", sourceLocation: sourceLocation)
    #expect(back.attributes == net.attributes, sourceLocation: sourceLocation)
    #expect(GMLFormat.write(back).text == text, sourceLocation: sourceLocation)
  }

  // MARK: Writing

  @Test func writesWhatNetworkxAndIgraphRead() throws {
    var net = Network(directed: false)
    net.declareNodeAttribute(AttributeDeclaration(name: "label", type: .string))
    try net.addNode(
      Node(
        id: "kommun", label: "Kommunen i Örebro & \"co\"",
        attributes: ["level": .integer(1), "budget": .double(2.5)]))
    try net.addNode(
      Node(
        id: "Åsa Öberg",
        attributes: [
          "level": .integer(3), "budget": .double(1e-5), "note": .string("tab\there\nline"),
        ]))
    try net.addNode(Node(id: "3", label: "three"))
    net.addTie(from: "kommun", to: "Åsa Öberg", trust: 0.75)
    net.addTie(from: "Åsa Öberg", to: "kommun", trust: 1)  // parallel in an undirected network
    net.addTie(from: "3", to: "3", trust: 0)
    let (text, dropped) = GMLFormat.write(net)
    #expect(dropped.isEmpty)
    #expect(text.hasPrefix("Creator \"Brobyggare\"\n# GML ids are integers"))
    #expect(text.contains("nodeIDKey \"name\"\n"))
    #expect(text.contains("  multigraph 1\n"))
    #expect(text.contains("    name \"&#197;sa &#214;berg\"\n"))
    #expect(text.contains("    label \"Kommunen i &#214;rebro &amp; &quot;co&quot;\"\n"))
    #expect(text.contains("    budget 1.0e-05\n") && text.contains("    trust 1.0\n"))
    #expect(text.allSatisfy { $0.isASCII })
    let back = try GMLFormat.read(Data(text.utf8), file: "w.gml")
    #expect(back.nodes == net.nodes && back.ties == net.ties)
    try checkWithPeers(
      "gml", text: text, net: net, networkxLabel: "name", trustName: "trust",
      attributes: ["label", "level", "budget", "note"])

    // Ids that are integers are the GML ids, and networkx reads them with label="id".
    var numbered = Network(directed: true)
    numbered.trustAttributeName = "weight"
    for id in ["17", "-3", "0"] {
      try numbered.addNode(Node(id: id, attributes: ["group": .string("g\(id)")]))
    }
    numbered.addTie(from: "17", to: "-3", trust: 2)
    numbered.addTie(from: "-3", to: "0")
    let (plain, _) = GMLFormat.write(numbered)
    #expect(
      !plain.contains("nodeIDKey") && plain.contains("    id -3\n") && !plain.contains("multigraph")
    )
    try checkWithPeers("gml", text: plain, net: numbered, attributes: ["group"])
  }

  @Test func saysWhatItCannotHold() throws {
    var net = Network(directed: true)
    try net.addNode(
      Node(
        id: "007",
        attributes: [
          "name": .string("Bond"), "id": .integer(7), "first name": .string("James"),
          "2019": .integer(1),
          "active": .boolean(true), "svg": .markup("<y:Shape/>"), "graphics": .markup("[ x 1.0 ]"),
        ]))
    try net.addNode(Node(id: "8"))
    net.addTie(
      Tie(
        source: 0, target: 1, trust: 0.5, layer: "trust", id: "t1",
        attributes: ["weight": .double(3), "source": .string("survey")]))
    net.trustAttributeName = "strength"
    net.attributes["directed"] = .string("yes")
    let (text, dropped) = GMLFormat.write(net)
    let expected = [
      "the node attribute 'id' is written as 'id_2', since GML gives the key 'id' another meaning there",
      "the node attribute '2019' is written as 'attr_2019', since GML keys are ASCII letters, digits and _, starting with a letter",
      "the node attribute 'first name' is written as 'first_name', since GML keys are ASCII letters, digits and _, starting with a letter",
      "the trust, named 'strength' in the input, is written as 'weight', the key GML readers take for a tie's weight",
      "the tie attribute 'source' is written as 'source_2', since GML gives the key 'source' another meaning there",
      "the tie attribute 'weight' is written as 'weight_2', since GML gives the key 'weight' another meaning there",
      "the network attribute 'directed' is written as 'directed_2', since GML gives the key 'directed' another meaning there",
      "the node attribute 'active' is true or false, which GML has no type for: written as 1 and 0",
      "the node attribute 'svg' holds markup that is not GML (XML from GraphML, say): not written",
    ]
    #expect(Set(dropped) == Set(expected), "\(dropped)")
    // The name attribute is taken, so the ids go to nodeid.
    #expect(
      text.contains("nodeIDKey \"nodeid\"") && text.contains("    nodeid \"007\"\n")
        && text.contains("    name \"Bond\"\n"))
    let back = try GMLFormat.read(Data(text.utf8), file: "d.gml")
    #expect(back.nodes.map(\.id) == ["007", "8"])
    #expect(
      back.nodes[0].attributes["id_2"] == .integer(7)
        && back.nodes[0].attributes["active"] == .integer(1))
    #expect(back.nodes[0].attributes["graphics"] == .markup("[ x 1.0 ]"))
    #expect(back.ties[0].trust == 0.5 && back.ties[0].layer == "trust" && back.ties[0].id == "t1")
    #expect(back.ties[0].attributes == ["weight_2": .double(3), "source_2": .string("survey")])
  }

  /// The random networks of the round-trip tests (awkward ids, Unicode, every attribute type,
  /// parallel ties and loops) come back the same, booleans as 1 and 0.
  @Test(arguments: 1...20)
  func randomNetworksComeBack(_ seed: Int) throws {
    let net = try LosslessRoundTripTests.network(seed: UInt64(seed))
    let (text, dropped) = GMLFormat.write(net)
    #expect(dropped.allSatisfy { $0.contains("true or false") })
    let back = try GMLFormat.read(Data(text.utf8), file: "r.gml")
    var expected = net
    for k in expected.nodes.indices {
      if case .boolean(let b)? = expected.nodes[k].attributes["interviewed"] {
        expected.setNodeAttribute("interviewed", .integer(b ? 1 : 0), at: k)
      }
    }
    #expect(
      LosslessRoundTripTests.content(back) == LosslessRoundTripTests.content(expected),
      "seed \(seed)")
    #expect(GMLFormat.write(back).text == text, "seed \(seed)")
  }

  @Test func realsAlwaysHaveADecimalPoint() {
    #expect(
      [2.0, 0.5, 1e-5, -1.5e20, 1e300, .nan, .infinity, -.infinity].map(GMLFormat.real)
        == ["2.0", "0.5", "1.0e-05", "-1.5e+20", "1.0e+300", "NAN", "+INF", "-INF"])
  }
}
