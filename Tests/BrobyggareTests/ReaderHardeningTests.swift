import Foundation
import Testing

@testable import Brobyggare

/// The readers and the network model neither change data silently nor do unbounded work: what a
/// file holds reads back as it was written, misplaced or repeated GraphML keys are refused or
/// noted, and the work and the messages grow with the input at most linearly.
///
/// Expected values are the input itself (a value must read back as written), or, where a count
/// is checked, worked out in the comment beside it. Speed is checked without clocks: by counting
/// work, or at a size where the old quadratic behaviour would take many minutes and the linear
/// one well under a second.
@Suite("Reader hardening")
struct ReaderHardeningTests {
  // MARK: 1. Type guessing keeps the text

  @Test func numbersThatWouldNotReadBackStayText() throws {
    // Each column holds values that a number would write back differently: a zip code with a
    // leading zero, phone numbers with + and 00, a label 007, 1e3, a 20-digit number, 0.50.
    let nodes = """
      id,zip,phone,label,code,big,share
      a,01234,+46701234567,007,1e3,12345678901234567890,0.50
      b,12345,0046701234567,42,7,1,0.25
      """
    let net = try csvNetwork("source,target\na,b\n", nodes: nodes)
    func value(_ node: Int, _ name: String) -> AttributeValue? { net.nodes[node].attributes[name] }
    #expect(value(0, "zip") == .string("01234"))
    #expect(value(1, "zip") == .string("12345"))
    #expect(value(0, "phone") == .string("+46701234567"))
    #expect(value(1, "phone") == .string("0046701234567"))
    #expect(value(0, "phone") != value(1, "phone"))
    #expect(value(0, "label") == .string("007"))
    #expect(value(1, "label") == .string("42"))  // labels are text even when all are numbers
    #expect(value(0, "code") == .string("1e3"))
    #expect(value(0, "big") == .string("12345678901234567890"))
    #expect(value(0, "share") == .string("0.50"))
    for d in net.nodeAttributes { #expect(d.type == .string, "\(d.name)") }
    // Written and read again, every value is the text it was.
    let again = try csvNetwork(CSVFormat.writeTies(net), nodes: CSVFormat.writeNodes(net))
    #expect(again.nodes == net.nodes)
  }

  @Test func numbersThatReadBackAreStillNumbers() throws {
    let nodes = """
      id,count,share,flag,Label,mixed
      a,3,0.5,true,7,12345678901234567
      b,-4,2,false,8,2.5
      """
    let net = try csvNetwork("source,target\na,b\n", nodes: nodes)
    #expect(net.nodes[0].attributes["count"] == .integer(3))
    #expect(net.nodes[1].attributes["count"] == .integer(-4))
    #expect(net.nodes[0].attributes["share"] == .double(0.5))
    #expect(net.nodes[1].attributes["share"] == .double(2))
    #expect(net.nodes[0].attributes["flag"] == .boolean(true))
    // A label column in another case is a label all the same.
    #expect(net.nodes[0].attributes["Label"] == .string("7"))
    // A 17-digit integer is an Int but would not read back from a double, so with 2.5 in the
    // same column the column is text.
    #expect(net.nodes[0].attributes["mixed"] == .string("12345678901234567"))
  }

  @Test func decimalCommaStillReadsWithSemicolons() throws {
    // As Swedish spreadsheets export: ';' between fields and a decimal comma.
    let net = try csvNetwork("source;target;w;z\na;b;0,8;0,80\n")
    #expect(net.ties[0].attributes["w"] == .double(0.8))
    #expect(net.ties[0].attributes["z"] == .string("0,80"))
  }

  @Test func booleansAndIdsInOtherSpellingsStayText() throws {
    // yEd writes FALSE, Python True: writing them back as true/false would change the text.
    let net = try csvNetwork("source,target,ok,Id\na,b,True,1\nb,a,FALSE,2\n")
    #expect(net.ties[0].attributes["ok"] == .string("True"))
    #expect(net.ties[1].attributes["ok"] == .string("FALSE"))
    // Gephi's edge table has an Id column: the tie's own id, a name, never a number.
    #expect(net.ties[0].id == "1" && net.ties[0].attributes["Id"] == nil)
  }

  @Test func dotLabelsKeepTheirText() throws {
    let net = try DOTFormat.read(
      Data("digraph { a [label=\"007\"]; b [label=\"1e3\"]; a -> b }".utf8), file: "g.dot")
    #expect(net.nodes[0].attributes["label"] == .string("007"))
    #expect(net.nodes[1].attributes["label"] == .string("1e3"))
  }

  @Test func graphMLStringsStayStringsThroughCSV() throws {
    let graphml = """
      <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
        <key id="z" for="node" attr.name="zip" attr.type="string"/>
        <graph edgedefault="directed">
          <node id="a"><data key="z">01234</data></node>
          <node id="b"><data key="z">1e3</data></node>
          <edge source="a" target="b"/>
        </graph>
      </graphml>
      """
    let net = try GraphMLFormat.read(Data(graphml.utf8), file: "g.graphml")
    #expect(net.nodes[0].attributes["zip"] == .string("01234"))
    #expect(net.nodes[1].attributes["zip"] == .string("1e3"))
    let again = try csvNetwork(CSVFormat.writeTies(net), nodes: CSVFormat.writeNodes(net))
    #expect(again.nodes[0].attributes["zip"] == .string("01234"))
    #expect(again.nodes[1].attributes["zip"] == .string("1e3"))
  }

  // MARK: 2. GraphML keys on the wrong element, repeated or undeclared

  static let graphMLHead = "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"

  @Test func aNodeKeyOnAnEdgeIsAnErrorAtItsLine() {
    let text =
      Self.graphMLHead + """
        <key id="w" for="node" attr.name="wealth" attr.type="int"/>
        <graph edgedefault="directed">
        <node id="a"/><node id="b"/>
        <edge source="a" target="b"><data key="w">3</data></edge>
        </graph></graphml>
        """
    let e = formatError { try GraphMLFormat.read(Data(text.utf8), file: "g.graphml") }
    #expect(e?.line == 5)  // the <edge> line: line 1 is <graphml>
    #expect(
      e?.message.contains("is on <edge>, but the key 'w' is declared for=\"node\"") == true,
      "\(String(describing: e))")
  }

  @Test func aKeyForAllFitsNodesAndEdges() throws {
    let text =
      Self.graphMLHead + """
        <key id="n" for="all" attr.name="note" attr.type="string"/>
        <graph edgedefault="directed">
        <node id="a"><data key="n">x</data></node><node id="b"/>
        <edge source="a" target="b"><data key="n">y</data></edge>
        </graph></graphml>
        """
    let net = try GraphMLFormat.read(Data(text.utf8), file: "g.graphml")
    #expect(net.nodes[0].attributes["note"] == .string("x"))
    #expect(net.ties[0].attributes["note"] == .string("y"))
  }

  @Test func aRepeatedKeyIDIsAnErrorNamingIt() {
    let text =
      Self.graphMLHead + """
        <key id="d0" for="node" attr.name="a" attr.type="int"/>
        <key id="d0" for="node" attr.name="b" attr.type="string"/>
        <graph edgedefault="directed"><node id="a"><data key="d0">1</data></node></graph></graphml>
        """
    let e = formatError { try GraphMLFormat.read(Data(text.utf8), file: "g.graphml") }
    #expect(e?.line == 3)
    #expect(
      e?.message.contains("the key id 'd0' is declared twice (first on line 2)") == true,
      "\(String(describing: e))")
    // For all and then for nodes overlaps just as much.
    let all = text.replacingOccurrences(
      of: "<key id=\"d0\" for=\"node\" attr.name=\"a\"",
      with: "<key id=\"d0\" for=\"all\" attr.name=\"a\"")
    #expect(formatError { try GraphMLFormat.read(Data(all.utf8), file: "g.graphml") }?.line == 3)
  }

  @Test func anUndeclaredKeyIsReadAsTextWithANote() throws {
    let text =
      Self.graphMLHead + """
        <graph edgedefault="directed">
        <node id="a"><data key="zip">01234</data></node>
        <node id="b"><data key="zip">5</data></node>
        <edge source="a" target="b"><data key="kind">road</data></edge>
        </graph></graphml>
        """
    let net = try GraphMLFormat.read(Data(text.utf8), file: "g.graphml")
    #expect(net.nodes[0].attributes["zip"] == .string("01234"))
    #expect(net.nodes[1].attributes["zip"] == .string("5"))
    #expect(net.ties[0].attributes["kind"] == .string("road"))
    #expect(net.nodeAttributes.contains(AttributeDeclaration(name: "zip", type: .string)))
    #expect(net.tieAttributes.contains(AttributeDeclaration(name: "kind", type: .string)))
    #expect(
      net.readNotes == [
        "<data> names 2 keys that no <key> declares, whose values were read as text: 'zip' (line 3), 'kind' (line 5)"
      ])
    // What was read can be written and read back.
    let again = try GraphMLFormat.read(Data(GraphMLFormat.write(net).utf8), file: "again.graphml")
    #expect(again.nodes == net.nodes && again.ties == net.ties && again.readNotes.isEmpty)
  }

  /// Cytoscape declares its keys after the graph, all for nodes, and uses some on edges
  /// (../shared/interop/realworld/graphml/cytoscape_exptest_undeclared_keys.graphml). On nodes
  /// the values take the declared type; on edges they stay text, and the note says that the
  /// key is declared for nodes only, not that no key declares it, for a key used on both too.
  @Test func aLateNodeKeyUsedOnEdgesStaysTextAndIsNamed() throws {
    let text =
      Self.graphMLHead + """
        <graph edgedefault="directed">
        <node id="a"><data key="w">1.5</data><data key="name">A</data></node>
        <node id="b"/>
        <edge source="a" target="b"><data key="w">2.5</data><data key="name">a-b</data></edge>
        </graph>
        <key id="w" for="node" attr.name="w" attr.type="double"/>
        <key id="name" for="node" attr.name="name" attr.type="string"/>
        </graphml>
        """
    let net = try GraphMLFormat.read(Data(text.utf8), file: "g.graphml")
    #expect(net.nodes[0].attributes["w"] == .double(1.5))
    #expect(net.ties[0].attributes["w"] == .string("2.5"))
    #expect(net.ties[0].attributes["name"] == .string("a-b"))
    #expect(
      net.readNotes.contains(
        "<data> on <edge> uses 2 keys declared after the graph and only for=\"node\", whose values on <edge> were read as text: 'w' (line 5), 'name' (line 5)"
      ), "\(net.readNotes)")
    #expect(!net.readNotes.contains { $0.contains("no <key> declares") }, "\(net.readNotes)")
    // A weight so declared would be the trust as text: an error that says how it is declared.
    let weighted = text.replacingOccurrences(of: "\"w\"", with: "\"weight\"")
    let e = formatError { try GraphMLFormat.read(Data(weighted.utf8), file: "g.graphml") }
    #expect(
      e?.message.hasPrefix(
        "<data> names the key 'weight', which is declared only for=\"node\" (after the graph), so its values on edges would be text"
      ) == true, "\(String(describing: e))")
  }

  /// An empty file is a failed export more often than a network of no one: Pajek and edge
  /// lists refuse it, as every other reader does, saying what they found; `*Vertices 0` is
  /// still the empty network.
  @Test func emptyPajekAndEdgeListsAreRefused() throws {
    func pajekError(_ text: String) -> String? {
      do {
        _ = try PajekFormat.read(Data(text.utf8), file: "p.net")
        return nil
      } catch { return "\(error.line):\(error.column): \(error.message)" }
    }
    func edgeListError(_ text: String) -> String? {
      do {
        _ = try EdgeListFormat.read(Data(text.utf8), file: "e.edgelist", directed: false)
        return nil
      } catch { return "\(error.line):\(error.column): \(error.message)" }
    }
    #expect(pajekError("") == "1:1: the file is empty; expected '*Vertices n' and a Pajek network")
    #expect(pajekError(" \n\r\n") == pajekError(""))
    #expect(
      pajekError("% written by hand\n")
        == "1:1: the file has no '*Vertices n' line, only comments; expected a Pajek network")
    #expect(try PajekFormat.read(Data("*Vertices 0\n".utf8), file: "p.net").nodeCount == 0)
    #expect(
      pajekError("*Network Florence\n")
        == "1:1: the file has no '*Vertices n' line; expected a Pajek network")
    #expect(edgeListError("") == "1:1: the file is empty; expected 'source target [weight]' lines")
    #expect(edgeListError("\n\n") == edgeListError(""))
    #expect(
      edgeListError("# a KONECT header\n% and another\n")
        == "1:1: the file has no tie, only comments or blank lines; expected 'source target [weight]' lines"
    )
    #expect(
      edgeListError("source target\n")
        == "1:1: the file has a header line and no tie; expected 'source target [weight]' lines")
    #expect(edgeListError("a b\n") == nil)
  }

  /// A file refused by its extension's reader whose start looks like another format: the
  /// message names that format and the --input-format that reads it; nothing is read as the
  /// other format unasked, and a file named on purpose keeps the plain message.
  @Test func aRefusalNamesTheFormatTheContentLooksLike() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "content-hint-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let gml = "graph [\n  node [ id 1 ]\n  node [ id 2 ]\n  edge [ source 1 target 2 ]\n]\n"
    let cases: [(name: String, text: String, hint: String)] = [
      ("k.graphml", gml, "looks like GML, not GraphML as the extension says: --input-format gml"),
      ("k.json", gml, "looks like GML, not JSON"),
      ("m.graphml", "{\"nodes\": [], \"links\": []}\n", "looks like JSON"),
      ("p.txt", "*Vertices 2\n1 \"a\"\n2 \"b\"\n*Edges\n1 2\n", "--input-format pajek"),
      ("d.txt", "graph {\n  a -- b\n}\n", "--input-format dot"),
    ]
    for c in cases {
      let path = dir.appendingPathComponent(c.name).path
      try c.text.write(toFile: path, atomically: true, encoding: .utf8)
      do {
        _ = try Network(contentsOf: path)
        Issue.record("\(c.name) was read")
      } catch {
        #expect(error.message.contains(c.hint), "\(c.name): \(error.message)")
      }
      // Named on purpose: the reader's own message alone.
      var options = Network.ReadOptions()
      options.format = NetworkFormat(path: path)
      do {
        _ = try Network(contentsOf: path, options: options)
      } catch {
        #expect(!error.message.contains("looks like"), "\(c.name): \(error.message)")
      }
    }
    // No hint where the start only resembles another format: an edge list whose first node
    // is called "graph", a CSV header in brackets.
    for (name, text) in [
      ("g.txt", "graph theory\ntheory graph 3 4\n"), ("b.csv", "[Source],[Target]\na\n"),
    ] {
      let path = dir.appendingPathComponent(name).path
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      do {
        _ = try Network(contentsOf: path)
        Issue.record("\(name) was read")
      } catch {
        #expect(!error.message.contains("looks like"), "\(name): \(error.message)")
      }
    }
    // And what reads by its extension is read so, with nothing said.
    let path = dir.appendingPathComponent("k.gml").path
    try gml.write(toFile: path, atomically: true, encoding: .utf8)
    #expect(try Network(contentsOf: path).tieCount == 1)
  }

  @Test func dataOfANestedGraphIsLeftOutWithANote() throws {
    // yEd's groups are nodes holding a <graph>; that graph's own <data> has no place to go.
    let text =
      Self.graphMLHead + """
        <key id="d" for="graph" attr.name="description" attr.type="string"/>
        <graph edgedefault="directed"><data key="d">top</data>
        <node id="g"><graph edgedefault="directed">
        <data key="d">inner</data><node id="a"/></graph></node>
        </graph></graphml>
        """
    let net = try GraphMLFormat.read(Data(text.utf8), file: "g.graphml")
    #expect(net.nodes.map(\.id) == ["g", "a"])
    #expect(net.attributes["description"] == .string("top"))
    #expect(net.readNotes.count == 1)
    #expect(
      net.readNotes.first?.hasPrefix(
        "1 <data> of nested <graph>s was left out (the first on line 5)") == true)
  }

  @Test func anUndeclaredWeightKeyIsAnErrorAtItsFirstUse() {
    // Read as text it could not be the trust it names; an error says how to declare it.
    let text =
      Self.graphMLHead + """
        <graph edgedefault="directed"><node id="a"/><node id="b"/>
        <edge source="a" target="b"><data key="Weight">2</data></edge></graph></graphml>
        """
    let e = formatError { try GraphMLFormat.read(Data(text.utf8), file: "g.graphml") }
    #expect(e?.line == 3)
    #expect(
      e?.message.contains(
        "declare it: <key id=\"Weight\" for=\"edge\" attr.name=\"Weight\" attr.type=\"double\"/>")
        == true, "\(String(describing: e))")
  }

  // MARK: 3. Trust and Weight in any case

  @Test func trustAndWeightKeysInAnyCase() throws {
    func graphML(_ name: String, _ value: String) -> String {
      Self.graphMLHead + """
        <key id="t" for="edge" attr.name="\(name)" attr.type="double"/>
        <graph edgedefault="directed"><node id="a"/><node id="b"/>
        <edge source="a" target="b"><data key="t">\(value)</data></edge></graph></graphml>
        """
    }
    for name in ["trust", "Trust", "TRUST", "weight", "Weight"] {
      let net = try GraphMLFormat.read(Data(graphML(name, "0.5").utf8), file: "g.graphml")
      #expect(net.ties[0].trust == 0.5, "\(name)")
      #expect(net.trustAttributeName == name)
      #expect(net.tieAttributes.isEmpty)
      // The CSV reader reads a column of that name the same way.
      let csv = try csvNetwork("source,target,\(name)\na,b,0.5\n")
      #expect(csv.ties[0].trust == 0.5 && csv.trustAttributeName == name)
    }
    // A negative weight, as networkx and igraph may write, is read; a negative trust is not.
    #expect(
      try GraphMLFormat.read(Data(graphML("Weight", "-1").utf8), file: "g.graphml").ties[0].trust
        == -1)
    #expect(
      formatError { try GraphMLFormat.read(Data(graphML("Trust", "-1").utf8), file: "g.graphml") }?
        .message.contains("must be a finite number ≥ 0") == true)
  }

  @Test func twoTrustKeysDifferingInCaseAreRefused() {
    let text =
      Self.graphMLHead + """
        <key id="t1" for="edge" attr.name="trust" attr.type="double"/>
        <key id="t2" for="edge" attr.name="Trust" attr.type="double"/>
        <graph edgedefault="directed"><node id="a"/><node id="b"/><edge source="a" target="b"/></graph></graphml>
        """
    let e = formatError { try GraphMLFormat.read(Data(text.utf8), file: "g.graphml") }
    #expect(
      e?.message.contains("'trust', 'Trust' differ only in case") == true,
      "\(String(describing: e))")
    #expect(e?.line == 3)
  }

  // MARK: 4. Declaring attributes is O(1)

  @Test func declaringManyAttributesIsLinear() {
    // 300,000 declarations: a scan per declaration would compare 300,000² / 2 = 4.5e10 names,
    // many minutes; with the index it is 300,000 hash look-ups.
    var net = Network(directed: true)
    let n = 300_000
    for i in 0..<n { net.declareNodeAttribute(AttributeDeclaration(name: "a\(i)", type: .integer)) }
    for i in 0..<n { net.declareNodeAttribute(AttributeDeclaration(name: "a\(i)", type: .string)) }
    #expect(net.nodeAttributes.count == n)
    #expect(net.nodeAttributes[17] == AttributeDeclaration(name: "a17", type: .integer))
  }

  @Test func theIndexFollowsDirectChangesToTheArrays() {
    var net = Network(directed: true)
    net.declareTieAttribute(AttributeDeclaration(name: "x", type: .string))
    net.tieAttributes.append(AttributeDeclaration(name: "y", type: .integer))
    net.declareTieAttribute(AttributeDeclaration(name: "y", type: .string))
    #expect(net.tieAttributes.map(\.name) == ["x", "y"])
    #expect(net.tieAttributes[1].type == .integer)
    net.tieAttributes.removeAll { $0.name == "x" }
    net.declareTieAttribute(AttributeDeclaration(name: "x", type: .boolean))
    #expect(net.tieAttributes.map(\.name) == ["y", "x"])
    net.tieAttributes = []
    net.declareTieAttribute(AttributeDeclaration(name: "y", type: .double))
    #expect(net.tieAttributes == [AttributeDeclaration(name: "y", type: .double)])
    net.nodeAttributes = [AttributeDeclaration(name: "label", type: .string)]
    net.declareNodeAttribute(AttributeDeclaration(name: "label", type: .integer))
    net.declareNodeAttribute(AttributeDeclaration(name: "kind", type: .string))
    #expect(
      net.nodeAttributes.map(\.name) == ["label", "kind"] && net.nodeAttributes[0].type == .string)
  }

  @Test func manyColumnsAndKeysReadInLinearTime() throws {
    // 100,000 CSV columns and 100,000 GraphML keys: a scan per column or per key would make
    // 100,000² / 2 = 5e9 comparisons each, minutes in a debug build (a probe found 100,000
    // columns taking 21 s in a release build); hashing them takes a fraction of a second.
    let n = 100_000
    let names = (0..<n).map { "c\($0)" }
    let csv =
      "source,target," + names.joined(separator: ",") + "\na,b,"
      + names.indices.map(String.init).joined(separator: ",") + "\n"
    let net = try csvNetwork(csv)
    #expect(net.tieAttributes.count == n)
    #expect(net.ties[0].attributes["c99999"] == .integer(99_999))

    var xml = Self.graphMLHead
    for i in 0..<n {
      xml += "<key id=\"k\(i)\" for=\"node\" attr.name=\"n\(i)\" attr.type=\"int\"/>\n"
    }
    xml += "<graph edgedefault=\"directed\"><node id=\"a\">"
    for i in stride(from: 0, to: n, by: 1_000) { xml += "<data key=\"k\(i)\">\(i)</data>" }
    xml += "</node></graph></graphml>"
    let g = try GraphMLFormat.read(Data(xml.utf8), file: "g.graphml")
    #expect(g.nodeAttributes.count == n)
    #expect(g.nodes[0].attributes["n99000"] == .integer(99_000))
  }

  // MARK: 5. Edge lists: one long line, and CR line ends

  @Test func aLongLineWithoutANewlineIsReadInLinearTime() throws {
    // One line of 4 MiB read 16 bytes at a time: searching the whole window again for every
    // block would scan 4 MiB × 262,144 blocks / 2 = 5.5e11 bytes; read once, 4 MiB.
    let line = "a" + String(repeating: " ", count: 1 << 22) + "b"
    let input = try TextInput(data: Data(line.utf8), file: "long.edgelist", blockSize: 16)
    let net = try EdgeListFormat.read(input, directed: true)
    #expect(net.nodes.map(\.id) == ["a", "b"] && net.tieCount == 1)
  }

  @Test func carriageReturnsEndLines() throws {
    for blockSize in [1, 2, 3, 5, TextInput.blockSize] {
      // Classic Mac OS line ends; CRLF; and both in one file.
      for text in ["a b\rb c 0.5\rc a\r", "a b\r\nb c 0.5\r\nc a", "a b\rb c 0.5\r\nc a\n"] {
        let input = try TextInput(data: Data(text.utf8), file: "mac.edgelist", blockSize: blockSize)
        let net = try EdgeListFormat.read(input, directed: true)
        #expect(net.tieCount == 3, "\(text.debugDescription) at \(blockSize)")
        #expect(net.ties.map(\.trust) == [nil, 0.5, nil])
      }
      // Lines are counted at CR, and a CRLF is one line end.
      for text in ["a b\r\rc\r", "a b\r\n\r\nc\r\n"] {
        let input = try TextInput(data: Data(text.utf8), file: "mac.edgelist", blockSize: blockSize)
        let e = formatError { try EdgeListFormat.read(input, directed: true) }
        #expect(e?.line == 3, "\(text.debugDescription) at \(blockSize)")
      }
    }
    // The place of a bad byte, found by reading the text again, counts lines the same way.
    let bad = formatError {
      try EdgeListFormat.read(
        Data([0x61, 0x20, 0x62, 0x0D, 0x63, 0x20, 0xFF]), file: "e.edgelist", directed: true)
    }
    #expect(bad?.line == 2 && bad?.column == 3)
    // And so does GraphML's: XML reads a lone CR as a line end.
    let xml = "<graphml>\r<graph edgedefault=\"directed\">\r<node/>\r</graph></graphml>"
    let e = formatError { try GraphMLFormat.read(Data(xml.utf8), file: "mac.graphml") }
    #expect(e?.line == 3 && e?.message == "<node> has no id")
  }

  // MARK: 6. Name suggestions

  /// Suggestions as they were first written: every roster name normalised and compared in
  /// full, for each name asked about. The reference the indexed version must agree with.
  static func referenceSuggestions(_ roster: Roster, _ name: String, limit: Int = 3)
    -> [NameSuggestion]
  {
    let key = NameMatching.normalise(name)
    var best: [Int: NameSuggestion] = [:]
    for (i, e) in roster.entries.enumerated() {
      for candidate in [e.label] + e.aliases {
        let n = NameMatching.normalise(candidate)
        let d = NameMatching.editDistance(key, n)
        guard d <= max(1, max(key.unicodeScalars.count, n.unicodeScalars.count) / 3) else {
          continue
        }
        if let b = best[i], b.distance <= d { continue }
        best[i] = NameSuggestion(entry: i, name: candidate, distance: d)
      }
    }
    var out = best.values.sorted { ($0.distance, $0.entry) < ($1.distance, $1.entry) }.prefix(
      limit
    ).map { $0 }
    // Then, in roster order, each entry's first name of two words or more with the same words
    // in another order, or with the one word asked among its own.
    let words = key.split(separator: " ").map(String.init)
    for (i, e) in roster.entries.enumerated() where out.count < limit {
      guard !out.contains(where: { $0.entry == i }) else { continue }
      let match = ([e.label] + e.aliases).first { candidate in
        let theirs = NameMatching.normalise(candidate).split(separator: " ").map(String.init)
        guard theirs.count >= 2 else { return false }
        return words.count >= 2
          ? theirs.sorted() == words.sorted() : words.count == 1 && theirs.contains(words[0])
      }
      if let match {
        out.append(
          NameSuggestion(
            entry: i, name: match,
            distance: NameMatching.editDistance(key, NameMatching.normalise(match))))
      }
    }
    return out
  }

  /// A deterministic pseudo-random generator (SplitMix64), so that failures repeat.
  struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E4B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  static let firstNames = [
    "Anna", "Åsa", "Björn", "Per", "Lars", "Karin", "Eva", "Maria", "Erik", "Nils", "Sven", "Ulla",
    "Bo", "Ida", "Olof", "Kerstin", "Göran", "Lena", "Mats", "Jan",
  ]
  static let surnames = [
    "Andersson", "Berg", "Ek", "Lind", "Öberg", "Svensson", "Nilsson", "Karlsson", "Holm",
    "Sjöberg", "Lundqvist", "Persson", "Wik", "Strand", "Dahl",
  ]

  /// A name from the lists, with one letter changed, dropped or doubled now and then.
  static func name(_ rng: inout SplitMix, misspelt: Bool) -> String {
    var s = Array(
      firstNames.randomElement(using: &rng)! + " " + surnames.randomElement(using: &rng)!)
    if misspelt {
      let k = Int.random(in: 0..<s.count, using: &rng)
      switch Int.random(in: 0..<3, using: &rng) {
      case 0: s[k] = "x"
      case 1: s.remove(at: k)
      default: s.insert(s[k], at: k)
      }
    }
    return String(s)
  }

  @Test func suggestionsAgreeWithComparingEveryName() throws {
    var rng = SplitMix(state: 7)
    var entries: [RosterEntry] = []
    for i in 0..<300 {
      let aliases = (0..<Int.random(in: 0...2, using: &rng)).map { _ in
        Self.name(&rng, misspelt: true)
      }
      entries.append(
        RosterEntry(id: "p\(i)", label: Self.name(&rng, misspelt: false), aliases: aliases))
    }
    // Short names and an empty one, where the bound of 1 and the length filter meet.
    entries += [
      RosterEntry(id: "s1", label: "Bo"), RosterEntry(id: "s2", label: "B"),
      RosterEntry(id: "s3", label: "!!"),
    ]
    let roster = try Roster(entries)
    let resolver = NameResolver(roster: roster)
    var asked = ["Bo", "Bö", "O", "", "Bob", "!!", "Anna Anderssson"]
    for _ in 0..<200 { asked.append(Self.name(&rng, misspelt: Bool.random(using: &rng))) }
    for name in asked {
      let reference = Self.referenceSuggestions(roster, name, limit: 50)
      #expect(resolver.suggestions(for: name, limit: 50) == reference, "\(name)")
      #expect(resolver.suggestions(for: name) == Array(reference.prefix(3)), "\(name)")
    }
  }

  @Test func suggestionsForHundredsOfNamesDoBoundedWork() throws {
    // 500 names asked about against a roster of 2,000 (a probe found 2,000 against 2,000 taking
    // 30 s). The work is counted in cells of edit-distance tables: comparing every pair in
    // full, as before, fills about 500 × 2,000 × 13 × 13 = 1.7e8 cells (names of about 13
    // letters), besides normalising each roster name 500 times.
    var rng = SplitMix(state: 11)
    let roster = try Roster(
      (0..<2_000).map {
        RosterEntry(id: "p\($0)", label: Self.name(&rng, misspelt: Bool.random(using: &rng)))
      })
    let resolver = NameResolver(roster: roster)
    var cells = 0
    var suggested = 0
    for _ in 0..<500 {
      suggested +=
        resolver.suggestions(for: Self.name(&rng, misspelt: true), limit: 3, cells: &cells).count
    }
    #expect(suggested > 500)  // misspelt names have close roster names
    #expect(cells < 170_000_000 / 10, "\(cells)")
  }

  // MARK: 7. Messages quote a bounded part of the input

  @Test func aHugeHeaderIsQuotedInPart() {
    // A header of one 1 MiB column name with spaces: the space-delimited message quotes it.
    let header = String(repeating: "word ", count: 1 << 18)
    let e = formatError { try csvNetwork(header + "\na b\n") }
    let message = e?.message ?? ""
    // 5 × 2^18, less the space trimmed at the end
    #expect(message.contains("… (1310719 characters)"))
    #expect(message.count < 1_000)
  }

  @Test func longListsShowTheFirstTwenty() {
    // A tie table without source and target, of 100,000 columns: the message lists 20.
    let header = (0..<100_000).map { "c\($0)" }.joined(separator: ",")
    let e = formatError {
      try csvNetwork(header + "\n" + String(repeating: "1,", count: 99_999) + "1\n")
    }
    let message = e?.message ?? ""
    #expect(message.contains("c0, c1, c2"))
    #expect(message.contains("c19, and 99980 more"))
    #expect(!message.contains("c20,"))
    #expect(message.count < 1_000)
  }

  @Test func quotedValuesAreCutInGraphMLAndEdgeLists() {
    let long = String(repeating: "x", count: 100_000)
    let graphml =
      Self.graphMLHead + """
        <key id="w" for="node" attr.name="wealth" attr.type="int"/>
        <graph edgedefault="directed"><node id="a"><data key="w">\(long)</data></node></graph></graphml>
        """
    let g = formatError { try GraphMLFormat.read(Data(graphml.utf8), file: "g.graphml") }
    #expect(
      g?.message.hasPrefix(
        "'" + String(repeating: "x", count: 200) + "… (100000 characters)' is not a valid int")
        == true)
    // An edge list whose first line looks like a header quotes it, in part.
    let e = formatError {
      try EdgeListFormat.read(Data("a b \(long)\n".utf8), file: "e.edgelist", directed: true)
    }
    #expect((e?.message.count ?? .max) < 1_000)
    #expect(e?.message.contains("… (100004 characters)") == true)  // "a b " and the 100,000
  }

  @Test func excerptsListsAndTheLastGuard() {
    #expect(FormatError.excerpt("short") == "short")
    let exactly = String(repeating: "é", count: 200)  // 400 bytes, 200 characters: whole
    #expect(FormatError.excerpt(exactly) == exactly)
    #expect(FormatError.excerpt(exactly + "z") == exactly + "… (201 characters)")
    #expect(FormatError.list(["a", "b"], quoted: true) == "'a', 'b'")
    #expect(
      FormatError.list((1...25).map(String.init)) == (1...20).map(String.init).joined(
        separator: ", ") + ", and 5 more")
    // A message built elsewhere without excerpts is still bounded, keeping its end.
    let e = FormatError(
      line: 1, column: 1,
      "the value '" + String(repeating: "y", count: 1_000_000) + "' is wrong; do this")
    #expect(e.message.count < FormatError.messageLimit + 100)
    #expect(e.message.hasSuffix("' is wrong; do this"))
    #expect(e.message.contains("characters left out"))
  }
}
