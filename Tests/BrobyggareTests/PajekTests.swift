import Foundation
import Testing

@testable import Brobyggare

@Suite("Pajek")
struct PajekTests {
  func read(_ text: String, file: String = "t.net") throws -> Network {
    try PajekFormat.read(Data(text.utf8), file: file)
  }

  func error(_ text: String) -> FormatError? {
    formatError { try PajekFormat.read(Data(text.utf8), file: "t.net") }
  }

  @Test func readsTheFormat() throws {
    let net = try read(
      """
      % a comment
      *Network "advice and friendship"
      *Vertices 5
         1 "Ann Öst" 0.1 0.2 0.5 box ic Red x_fact 2 [1-3]
         2 Bo 0.5 0.75 ellipse
         3 "Cy" diamond
         5 "E" ic "Light Blue" bw 1.5
      *Arcs :1 "advice"
      1 2 0.5 c Blue l "a label"
      2 2 1
      *Arcs :2 "friendship"
      2 1
      *Arcs :3
      3 5 2
      *Arcslist :1
      5 1 2
      """)
    #expect(net.isDirected)
    #expect(net.attributes["name"] == .string("advice and friendship"))
    #expect(net.nodes.map(\.id) == ["Ann Öst", "Bo", "Cy", "4", "E"])
    let ann = net.nodes[0].attributes
    #expect(ann["x"] == .double(0.1) && ann["y"] == .double(0.2) && ann["z"] == .double(0.5))
    #expect(
      ann["shape"] == .string("box") && ann["ic"] == .string("Red") && ann["x_fact"] == .integer(2))
    #expect(ann["activity"] == .string("[1-3]"))
    #expect(net.nodes[2].attributes == ["shape": .string("diamond")])
    #expect(net.nodes[3].attributes.isEmpty)
    #expect(net.nodes[4].attributes == ["ic": .string("Light Blue"), "bw": .double(1.5)])
    #expect(
      net.nodeAttributes.map(\.name) == ["x", "y", "z", "shape", "activity", "ic", "x_fact", "bw"])
    #expect(net.trustAttributeName == "weight")
    #expect(
      net.ties.map { "\(net.nodes[$0.source].id)>\(net.nodes[$0.target].id)" } == [
        "Ann Öst>Bo", "Bo>Bo", "Bo>Ann Öst", "Cy>E", "E>Ann Öst", "E>Bo",
      ])
    #expect(net.ties.map(\.trust) == [0.5, 1, nil, 2, nil, nil])
    #expect(net.ties.map(\.layer) == ["advice", "advice", "friendship", "3", "advice", "advice"])
    #expect(net.ties[0].attributes == ["c": .string("Blue"), "l": .string("a label")])
    #expect(net.readNotes.isEmpty)
  }

  @Test func arcsAndEdgesTogether() throws {
    let net = try read("*Vertices 3\n1 a\n2 b\n3 c\n*Arcs\n1 2 1\n*Edges\n2 3 2\n3 3\n")
    #expect(net.isDirected)
    #expect(net.ties.map { [$0.source, $0.target] } == [[0, 1], [1, 2], [2, 1], [2, 2]])
    #expect(net.ties.map(\.trust) == [1, 2, 2, nil])
    #expect(
      net.readNotes == [
        "the file has both arcs and edges: read as directed, each edge as two arcs, one each way (igraph reads such a file as undirected; networkx keeps each edge one way)"
      ])
    let edges = try read("*Vertices 2\n*Edges\n1 2\n*Edgeslist\n2 1\n")
    #expect(!edges.isDirected && edges.tieCount == 2 && edges.nodes.map(\.id) == ["1", "2"])
  }

  @Test func sharedLabelsMakeTheNumbersIDs() throws {
    let net = try read("*Vertices 3\n1 \"Anna\"\n2 \"Anna\"\n*Edges\n1 2\n")
    #expect(net.nodes.map(\.id) == ["1", "2", "3"])
    #expect(net.nodes.map(\.label) == ["Anna", "Anna", "3"])
    #expect(
      net.readNotes == [
        "two vertices (1 and 2) have the id or label 'Anna': the node ids are the vertex numbers, and the labels the attribute 'label'"
      ])
    // A label that is another vertex's number clashes the same way.
    let clash = try read("*Vertices 2\n1 \"2\"\n")
    #expect(clash.nodes.map(\.id) == ["1", "2"] && clash.nodes[0].label == "2")
  }

  @Test func matrices() throws {
    let one = try read("*Vertices 3\n*Matrix\n0 1 0\n0 0 2.5\n1 0 0\n")
    #expect(
      one.isDirected && one.ties.map { [$0.source, $0.target] } == [[0, 1], [1, 2], [2, 0]])
    #expect(one.ties.map(\.trust) == [1, 2.5, 1])
    let two = try read("*Vertices 5 2\n*Matrix :1 \"attends\"\n1 0 1\n0 1 0\n")
    #expect(
      !two.isDirected && two.ties.map { [$0.source, $0.target] } == [[0, 2], [0, 4], [1, 3]])
    #expect(two.ties.allSatisfy { $0.layer == "attends" })
    #expect(
      two.nodes.map { $0.attributes["mode"] } == [1, 1, 2, 2, 2].map { AttributeValue.integer($0) })
    #expect(
      two.readNotes == [
        "a two-mode network: vertices 1 to 2 are the first mode and 3 to 5 the second (the node attribute 'mode', 1 or 2)"
      ])
  }

  @Test func projectFiles() throws {
    let net = try read(
      """
      *Network first
      *Vertices 3
      1 "a"
      2 "b"
      3 "c"
      *Edges
      1 2
      *Partition department
      *Vertices 3
      1
      2
      1
      *Vector centrality
      *Vertices 3
      0.5
      0.25
      1
      *Permutation sorted
      *Vertices 3
      3
      1
      2
      """, file: "p.paj")
    #expect(
      net.nodes.map { $0.attributes["department"] } == [.integer(1), .integer(2), .integer(1)])
    #expect(
      net.nodes.map { $0.attributes["centrality"] } == [.double(0.5), .double(0.25), .double(1)])
    #expect(net.readNotes == ["skipped what Brobyggare does not read: *Permutation"])
    let second = error("*Network a\n*Vertices 1\n*Network b\n*Vertices 1\n")
    #expect(second?.line == 3 && second?.message.contains("a second network") == true)
  }

  /// Every error says where and what was expected.
  @Test(arguments: [
    ("1 2\n", 1, 1, "expected '*Vertices n'"),
    ("*Vertices x\n", 1, 11, "expected the number of vertices"),
    ("*Vertices 3 4\n", 1, 13, "first mode, from 0 to 3"),
    ("*Vertices 2\n3 \"c\"\n", 2, 1, "there is no vertex 3; expected a vertex number from 1 to 2"),
    ("*Vertices 2\n1 \"a\"\n1 \"b\"\n", 3, 1, "vertex 1 is described twice (first on line 2)"),
    ("*Vertices 2\n1 \"a\" 0.1 0.2 box ic\n", 2, 21, "the drawing parameter 'ic' has no value"),
    ("*Vertices 2\n1 \"a b\n", 2, 3, "a quoted text is never closed"),
    (
      "*Vertices 2\n*Arcs\n1 x\n", 3, 3, "'x' is not a vertex number; expected a number from 1 to 2"
    ),
    ("*Vertices 2\n*Arcs\n1 2 -0.5\n", 3, 5, "the weight -0.5 is negative"),
    ("*Vertices 2\n*Arcs\n1 2 inf\n", 3, 5, "is infinite"),
    ("*Vertices 2\n*Arcs\n1\n", 3, 2, "a tie needs two vertices"),
    ("*Vertices 2\n*Arcs\n1 2 1 c\n", 3, 8, "the drawing parameter 'c' has no value"),
    ("*Vertices 2\n*Arcs :x\n", 2, 1, "expected a relation number after ':'"),
    ("*Vertices 2\n*Arcs extra\n", 2, 1, "'extra' after *Arcs"),
    ("*Edges\n1 2\n", 1, 1, "ties come before the vertices"),
    ("*Vertices 2\n*Vertices 2\n", 2, 1, "a second *Vertices line"),
    ("*Vertices 2\n*Foo\n", 2, 1, "'*Foo' is not a Pajek section"),
    ("*Vertices 2\n*Matrix\n0 1\n1\n", 4, 2, "row 2 of the matrix has 1 values; expected 2"),
    ("*Vertices 2\n*Matrix\n0 1\n1 0\n0 0\n", 5, 1, "more than 2 rows"),
    ("*Vertices 2\n*Matrix\n0 1\n*Edges\n", 4, 1, "the matrix has 1 rows; expected 2"),
    ("*Vertices 2\n*Matrix\n0 -1\n1 0\n", 3, 3, "negative"),
    ("*Vertices 2\n*Matrix\n0 a\n1 0\n", 3, 3, "'a' is not a number"),
    ("*Vertices 2\n*Partition p\n1\n", 3, 1, "expected '*Vertices n' after the *Partition"),
    ("*Vertices 2\n*Partition p\n*Vertices 3\n", 3, 11, "for 3 vertices, and the network has 2"),
    ("*Vertices 2\n*Partition p\n*Vertices 2\n1\n", 2, 1, "holds 1 values; expected 2"),
    ("*Vertices 2\n*Partition p\n*Vertices 2\n1\nx\n", 2, 1, "'x', is not a whole number"),
    ("*Vertices 99999999999\n", 1, 11, "more than a file of this size describes"),
  ])
  func brokenInput(_ text: String, _ line: Int, _ column: Int, _ message: String) {
    let e = error(text)
    #expect(e?.message.contains(message) == true, "\(String(describing: e))")
    #expect(e?.line == line && e?.column == column, "\(String(describing: e))")
  }

  /// Every prefix of a file, cut at any byte, reads or fails with a FormatError; never a crash.
  @Test func everyPrefixReadsOrFails() throws {
    let text = Array(
      """
      *Network x
      *Vertices 3 1
      1 "Å b" 0.1 0.2 box ic Red
      2 c
      *Arcs :1 "r"
      1 2 0.5 c Blue
      *Edgeslist
      2 3 1
      *Matrix
      1 0
      """.utf8)
    for n in 0...text.count {
      do { _ = try PajekFormat.read(Data(text[..<n]), file: "p.net") } catch {}
    }
  }

  @Test func encodings() throws {
    var cp1252 = Data("*Vertices 1\n1 \"".utf8)
    cp1252.append(contentsOf: [0xC5, 0x73, 0x61, 0x80])  // Åsa€ in Windows-1252
    cp1252.append(contentsOf: Array("\"\n".utf8))
    let net = try PajekFormat.read(cp1252, file: "w.net")
    #expect(net.nodes[0].id == "Åsa€")
    #expect(net.readNotes.first?.contains("Windows-1252") == true)
  }

  @Test func sniffing() {
    func sniff(_ s: String) -> Bool { PajekFormat.sniff(Data(s.utf8)) }
    #expect(sniff("*Vertices 3\n"))
    #expect(sniff("\u{FEFF}*vertices 10\r\n"))
    #expect(sniff("% Example\r\n\r\n*Network TRALALA\r\n"))
    #expect(sniff("  *VERTICES 2"))
    #expect(!sniff("*Arcs\n1 2"))
    #expect(!sniff("graph [ ]"))
    #expect(!sniff("1 2\n"))
    #expect(!sniff(""))
  }

  // MARK: Partitions and vectors

  @Test func partitionsAndVectors() throws {
    var net = try read("*Vertices 3\n*Edges\n1 2\n")
    try PajekFormat.readNodeValues(
      Data("*Vertices 3\n% classes\n1\n2\n1\n".utf8), file: "dept.clu", into: &net,
      name: "department")
    #expect(
      net.nodes.map { $0.attributes["department"] } == [.integer(1), .integer(2), .integer(1)])
    #expect(net.nodeAttributes.last == AttributeDeclaration(name: "department", type: .integer))
    try PajekFormat.readNodeValues(
      Data("0.5\r\n1e-3\r\n2\r\n".utf8), file: "c.vec", into: &net, name: "department")
    #expect(
      net.nodes.map { $0.attributes["department"] } == [.double(0.5), .double(0.001), .double(2)])
    #expect(net.nodeAttributes.last == AttributeDeclaration(name: "department", type: .double))
    #expect(net.readNotes == ["the node attribute 'department' is replaced by the values in c.vec"])
    try PajekFormat.readNodeValues(Data("3 4 5".utf8), file: "values.txt", into: &net, name: "n")
    #expect(net.nodes.map { $0.attributes["n"] } == [.integer(3), .integer(4), .integer(5)])

    func fails(_ text: String, _ file: String) -> FormatError? {
      formatError {
        try PajekFormat.readNodeValues(Data(text.utf8), file: file, into: &net, name: "x")
      }
    }
    #expect(fails("*Vertices 4\n1\n2\n3\n4\n", "a.clu").map { [$0.line, $0.column] } == [1, 11])
    #expect(
      fails("*Vertices 3\n1\n2.5\n3\n", "a.clu")?.message.contains("'2.5' is not a whole number")
        == true)
    #expect(
      fails("1\n2\n", "a.vec")?.message.contains("holds 2 values, and the network has 3 nodes")
        == true)
    #expect(fails("1\n2\n3\n4\n", "a.vec").map { [$0.line, $0.column] } == [4, 1])
    #expect(fails("1\nabc\n3\n", "a.vec").map { [$0.line, $0.column] } == [2, 1])
    #expect(fails("*Partition x\n1\n", "a.clu")?.message.contains("expected '*Vertices n'") == true)
  }

  // MARK: Files other tools wrote

  /// igraph's links.net: `*Network`, a `%` comment, CRLF, drawing parameters and loops, and
  /// two negative weights, which Brobyggare refuses at their place unless a sign is chosen
  /// (igraph and networkx read them as -1). With the minus signs taken out, the rest is compared with networkx, which
  /// keeps Pajek's parameter names (as text), and with igraph for coordinates and weights
  /// (igraph renames the parameters: c → color, w → edgewidth).
  @Test(readsInteropFiles("PajekTests.linksNet"))
  func linksNet() throws {
    let data = try interopData("realworld/pajek/igraph_links.net")
    let e = formatError { try PajekFormat.read(data, file: "links.net") }
    #expect(
      e?.line == 13 && e?.column == 5 && e?.message.contains("the weight -1 is negative") == true,
      "\(String(describing: e))")
    let key = "interop:realworld/pajek/igraph_links.net"
    let igraph = try #require(PeerReadings.reading(PeerReadings.pajek, key, "igraph"))
    #expect(
      (igraph["ties"] as! [[Any]]).map {
        (($0[2] as! [String: Any])["weight"] as! NSNumber).doubleValue
      } == [1, 1, 1, -1, 1, 1, -1])
    // Read one sign at a time (--sign), the ties are igraph's ties of that sign, in order, the
    // negative ones with their weight's size.
    let igraphTies = (igraph["ties"] as! [[Any]]).map {
      "\($0[0]) \($0[1]) \((($0[2] as! [String: Any])["weight"] as! NSNumber).doubleValue)"
    }
    for sign in TieSign.allCases {
      var options = Network.ReadOptions()
      options.sign = sign
      let signed = try Network(
        contentsOf: interopPath("realworld/pajek/igraph_links.net"), options: options)
      let ours = signed.ties.map {
        "\(signed.nodes[$0.source].id) \(signed.nodes[$0.target].id) \(sign == .negative ? -$0.trust! : $0.trust!)"
      }
      #expect(ours == igraphTies.filter { $0.hasSuffix(" -1.0") == (sign == .negative) }, "\(sign)")
    }

    let positive = String(decoding: data, as: UTF8.self).replacingOccurrences(
      of: " -1  h", with: "  1  h")
    let net = try PajekFormat.read(Data(positive.utf8), file: "links.net")
    #expect(net.attributes["name"] == .string("TRALALA"))
    func positiveWeights(_ reading: [String: Any]) -> [String: Any] {
      var r = reading
      r["ties"] = (reading["ties"] as! [[Any]]).map { t -> [Any] in
        var a = t[2] as! [String: Any]
        if let w = a["weight"] as? NSNumber { a["weight"] = abs(w.doubleValue) }
        return [t[0], t[1], a]
      }
      return r
    }
    PeerReadings.expectSame(
      net, positiveWeights(try #require(PeerReadings.reading(PeerReadings.pajek, key, "networkx"))),
      skip: ["id"], "links.net (networkx)")
    PeerReadings.expectSame(
      net, positiveWeights(igraph), skip: Self.igraphNames, allOfOurs: false, "links.net (igraph)")
    #expect(
      net.ties[0].attributes["l"] == .string("Bezier loop")
        && net.ties[0].attributes["k1"] == .double(0.6))
    try expectStableRoundTrip(net, "links.net", dropped: [])
  }

  /// The names igraph gives Pajek's drawing parameters (and its vertex names), left out of the
  /// comparison of attributes.
  static let igraphNames: Set<String> = [
    "name", "xfact", "yfact", "color", "framecolor", "labelcolor", "hook1", "hook2", "edgewidth",
    "arrowsize", "angle1",
    "angle2", "velocity1", "velocity2", "arrowpos", "label", "fontsize", "labelangle", "labelpos",
    "labeldegree",
    "labelangle2", "linepattern", "type",
  ]

  /// igraph's UTF-8 file with a byte-order mark, labels in five scripts and parameters Pajek
  /// has not (`foo bar`, and `x -1`, which igraph and Brobyggare name `x_`). networkx cannot read
  /// it (it does not see `*Vertices` behind the byte-order mark).
  @Test(readsInteropFiles("PajekTests.utf8WithBOM"))
  func utf8WithBOM() throws {
    let net = try PajekFormat.read(
      interopData("realworld/pajek/igraph_utf8_bom.net"), file: "utf8_with_bom.net")
    let key = "interop:realworld/pajek/igraph_utf8_bom.net"
    PeerReadings.expectSame(
      net, try #require(PeerReadings.reading(PeerReadings.pajek, key, "igraph")),
      skip: Self.igraphNames,
      allOfOurs: false, "utf8_with_bom.net (igraph)")
    #expect(PeerReadings.error(PeerReadings.pajek, key, "networkx") != nil)
    #expect(net.nodes.map(\.id).contains("Žnidaršič"))
    #expect(
      net.nodes[8].attributes["x_"] == .integer(-1)
        && net.nodes[4].attributes["foo"] == .string("a b c"))
    #expect(net.ties[0].attributes["l"] == .string("焹焓燝牕犫獨"))  // igraph's label
    try expectStableRoundTrip(net, "utf8_with_bom.net", dropped: ["foo", "x_", "y_"])
  }

  /// igraph's two-mode file: `*Vertices 15 10` and a 10 × 5 `*Matrix`; networkx cannot read
  /// the two-mode header. igraph's `type` (false, true) is our `mode` (1, 2).
  @Test(readsInteropFiles("PajekTests.twoMode"))
  func twoMode() throws {
    let net = try PajekFormat.read(
      interopData("realworld/pajek/igraph_pajek_bipartite.net"), file: "pajek_bip.net")
    let key = "interop:realworld/pajek/igraph_pajek_bipartite.net"
    let igraph = try #require(PeerReadings.reading(PeerReadings.pajek, key, "igraph"))
    PeerReadings.expectSame(net, igraph, skip: Self.igraphNames, "pajek_bip.net (igraph)")
    let types = (igraph["nodes"] as! [[String: Any]]).map {
      ($0["attributes"] as! [String: Any])["type"] as! Bool
    }
    #expect(net.nodes.map { $0.attributes["mode"] == .integer(2) } == types)
    #expect(PeerReadings.error(PeerReadings.pajek, key, "networkx") != nil)
    try expectStableRoundTrip(net, "pajek_bip.net", dropped: [])
  }

  /// networkx's write_pajek and igraph's write_pajek (Scripts/make_gml_pajek_fixtures.py).
  @Test func peersFilesAgreeWithThePeers() throws {
    for name in ["networkx_drawing.net", "igraph_drawing.net"] {
      let net = try PajekFormat.read(fixtureData("pajek/\(name)"), file: name)
      let key = "fixture:pajek/\(name)"
      PeerReadings.expectSame(
        net, try #require(PeerReadings.reading(PeerReadings.pajek, key, "igraph")),
        skip: Self.igraphNames,
        allOfOurs: false, "\(name) (igraph)")
      try expectStableRoundTrip(net, name, dropped: [])
    }
    // networkx reads coordinates only before a shape, and parameters as text.
    let nxNet = try PajekFormat.read(
      fixtureData("pajek/networkx_drawing.net"), file: "networkx_drawing.net")
    PeerReadings.expectSame(
      nxNet,
      try #require(
        PeerReadings.reading(PeerReadings.pajek, "fixture:pajek/networkx_drawing.net", "networkx")),
      skip: ["id"], "networkx_drawing.net (networkx)")
    let igNet = try PajekFormat.read(
      fixtureData("pajek/igraph_drawing.net"), file: "igraph_drawing.net")
    #expect(
      igNet.nodes.map { $0.attributes["ic"] }
        == ["Red", "Blue", "Green"].map { AttributeValue.string($0) })
  }

  /// Read → write → read gives the same network (but the attributes Pajek cannot hold, named
  /// in `dropped`), and writing it again the same text.
  func expectStableRoundTrip(
    _ net: Network, _ what: String, dropped: [String],
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let (text, written) = PajekFormat.write(net)
    // Notes on how other tools read what is written (drawing parameters, coordinates) are
    // not losses.
    let said = written.filter {
      !$0.contains("which igraph reads renamed") && !$0.contains("drawing parameters after")
        && !$0.contains("written as the coordinates")
    }
    #expect(
      said.count == dropped.count
        && zip(said.sorted(), dropped.sorted()).allSatisfy { $0.contains("'\($1)'") },
      "\(what): \(said)", sourceLocation: sourceLocation)
    let back = try PajekFormat.read(Data(text.utf8), file: what)
    var expected = net
    for k in expected.nodes.indices {
      for name in dropped { expected.setNodeAttribute(name, nil, at: k) }
    }
    #expect(back.isDirected == net.isDirected, sourceLocation: sourceLocation)
    #expect(back.nodes == expected.nodes, "\(what)", sourceLocation: sourceLocation)
    #expect(back.ties == net.ties, "\(what)", sourceLocation: sourceLocation)
    #expect(back.attributes == net.attributes, sourceLocation: sourceLocation)
    #expect(PajekFormat.write(back).text == text, sourceLocation: sourceLocation)
  }

  // MARK: Writing

  @Test func writesWhatNetworkxAndIgraphRead() throws {
    for directed in [true, false] {
      var net = Network(directed: directed)
      try net.addNode(
        Node(id: "Kommunen i Örebro", attributes: ["x": .double(0.25), "y": .double(0.5)]))
      try net.addNode(Node(id: "Åsa", attributes: ["x": .double(0.75), "y": .integer(1)]))
      try net.addNode(Node(id: "3"))
      try net.addNode(Node(id: "alone"))
      net.addTie(from: "Kommunen i Örebro", to: "Åsa", trust: 0.75)
      net.addTie(from: "Åsa", to: "Kommunen i Örebro", trust: 2)
      net.addTie(from: "3", to: "3", trust: 0)
      net.addTie(from: "Åsa", to: "3", trust: 1e-7)
      let (text, dropped) = PajekFormat.write(net)
      // networkx 3.6.1 reads coordinates only before a shape: without one it leaves them out.
      #expect(
        dropped == [
          "the node attributes 'x' and 'y' are written as the coordinates of 2 vertex lines without a shape, which igraph reads as x and y, and networkx (3.6) only before a shape (without one it leaves them out): for networkx, write GraphML"
        ], "\(dropped)")
      #expect(text.hasPrefix("*Vertices 4\n1 \"Kommunen i Örebro\" 0.25 0.5\n"))
      #expect(text.contains(directed ? "*Arcs\n1 2 0.75\n" : "*Edges\n1 2 0.75\n"))
      try checkWithPeers("pajek", text: text, net: net, attributes: ["x", "y"])
    }
  }

  @Test func relationsTwoModesAndWhatIsDropped() throws {
    var net = Network(directed: true)
    net.attributes["name"] = .string("town \"hall\"")
    net.attributes["year"] = .integer(2024)
    try net.addNode(
      Node(
        id: "a \"b\"", label: "A",
        attributes: [
          "mode": .integer(1), "ic": .string("Red"), "kind": .string("person"),
          "shape": .string("box"),
        ]))
    try net.addNode(
      Node(
        id: "c", label: "c",
        attributes: ["mode": .integer(2), "x": .double(0.5), "fos": .integer(12), "bw": .double(2)])
    )
    net.addTie(
      Tie(
        source: 0, target: 1, trust: 0.5, layer: "works at", id: "t1",
        attributes: ["c": .string("Blue"), "since": .integer(2019)]))
    net.addTie(Tie(source: 0, target: 1, layer: "member of"))
    net.addTie(Tie(source: 1, target: 0, trust: 2))
    let (text, dropped) = PajekFormat.write(net)
    #expect(
      text == """
        *Network town 'hall'
        *Vertices 2 1
        1 "a 'b'" box ic "Red"
        2 "c" bw 2.0 fos 12
        *Arcs
        2 1 2
        *Arcs :1 "member of"
        1 2
        *Arcs :2 "works at"
        1 2 0.5 c "Blue"

        """)
    #expect(
      dropped == [
        "the network attribute 'year' is not written: Pajek has no place for it",
        "1 node has an x, y or z but not both x and y: their coordinates are not written",
        "the node attributes 'bw', 'fos', 'ic' are written as Pajek's vertex drawing parameters of that name, which igraph reads renamed (bw as 'framewidth', fos as 'fontsize', ic as 'color')",
        "the node id 'a \"b\"' holds a double quote, a line break or another control character, which a Pajek label cannot: written with ' and spaces in their place",
        "the node attribute 'kind' (1 node) is not written: Pajek keeps such values in separate .clu and .vec files",
        "the node attribute 'label' (1 node) is not written: a Pajek vertex's label is the node's id",
        "the 2 layers are written as Pajek relations (*Arcs :1 \"name\"), which Pajek reads and igraph and networkx do not: igraph refuses the file and networkx reads each relation's header as a tie; for those, write GraphML",
        "the ids of 1 tie are not written: Pajek ties have none",
        "the tie attribute 'c' is written as Pajek's tie drawing parameter of that name, which igraph reads renamed (c as 'color') and networkx as text",
        "the tie attribute 'since' (1 tie) is not written: Pajek has no place for it",
      ], "\(dropped)")
    let back = try PajekFormat.read(Data(text.utf8), file: "w.net")
    #expect(back.nodes.map(\.id) == ["a 'b'", "c"])
    #expect(back.nodes.map { $0.attributes["mode"] } == [.integer(1), .integer(2)])
    #expect(
      back.nodes[1].attributes["bw"] == .double(2)
        && back.nodes[1].attributes["fos"] == .integer(12))
    #expect(back.ties.map(\.layer) == [nil, "member of", "works at"])
    #expect(back.ties.map(\.trust) == [2, nil, 0.5])

    var one = Network(directed: false)
    one.addTie(from: "a", to: "b", layer: "trust")
    #expect(
      PajekFormat.write(one).dropped.first?.contains("the layer 'trust' is not written") == true)
    #expect(PajekFormat.write(Network(directed: false)).text == "*Vertices 0\n*Edges\n")
  }

  /// The random networks of the round-trip tests come back with the same ids (a double quote
  /// or line break in one replaced), ties, trust and layers (three, so written as relations);
  /// their attributes are dropped, and said so.
  @Test(arguments: 1...20)
  func randomNetworksComeBack(_ seed: Int) throws {
    let net = try LosslessRoundTripTests.network(seed: UInt64(seed))
    let (text, dropped) = PajekFormat.write(net)
    #expect(dropped.contains { $0.contains("'sector'") })
    let back = try PajekFormat.read(Data(text.utf8), file: "r.net")
    #expect(back.isDirected == net.isDirected)
    #expect(back.nodes.map(\.id) == net.nodes.map { PajekFormat.clean($0.id) })
    // One layer is not written as a relation.
    let layered = net.layers.count >= 2
    func ties(_ n: Network) -> [String] {
      n.ties.map {
        "\($0.source) \($0.target) \($0.trust.map { "\($0)" } ?? "-") \(layered ? $0.layer ?? "-" : "")"
      }.sorted()
    }
    #expect(ties(back) == ties(net), "seed \(seed)")
    #expect(PajekFormat.write(back).text == text, "seed \(seed)")
  }
}
