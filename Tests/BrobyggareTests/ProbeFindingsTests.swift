import Foundation
import Testing

@testable import Brobyggare

/// What a hostile probe of the readers and writers found after the first round of hardening:
/// numbers in other notations read as decimals, values silently kept twice or once, digits
/// lost from long integer ids, a character that did not read back, and strings Graphviz
/// refuses. Each test failed on the old behaviour.
///
/// Expected values are the inputs themselves (a value reads back as written) or the refusal;
/// Graphviz's limit of 16,384 bytes in a quoted string is the message of its own scanner
/// ("longer than 16384?"), which `dot` 2.43 and later print.
@Suite("Probe findings")
struct ProbeFindingsTests {
  // MARK: Numbers are decimal

  /// The mean of two trusts of 1e308 is 1e308 (their sum overflowed to inf), for parallel ties
  /// and for the two directions of a mutual pair made undirected.
  @Test func meanOfLargeTrustsDoesNotOverflow() throws {
    var net = Network(directed: true)
    net.addTie(from: "a", to: "b", trust: 1e308)
    net.addTie(from: "a", to: "b", trust: 1e308)
    net.addTie(from: "b", to: "a", trust: 1e308)
    var selection = TieSelection()
    selection.merge = .mean
    let adj = try net.adjacency(selection)
    #expect(adj.outTrust == [1e308, 1e308])
    #expect(adj.undirected(merge: .mean).outTrust == [1e308, 1e308])
  }

  /// The sum of two parallel trusts of 1e308 is more than the largest Double: refused, naming
  /// the first of the ties (an infinite trust made modularity NaN with no message).
  @Test func sumOfLargeTrustsIsRefused() throws {
    var net = Network(directed: false)
    net.addTie(from: "x", to: "y", trust: 1)
    net.addTie(from: "a", to: "b", trust: 1e308, layer: "work")
    net.addTie(from: "b", to: "a", trust: 1e308, layer: "trust")
    var selection = TieSelection()
    selection.merge = .sum
    #expect(throws: NetworkError.self) { try net.adjacency(selection) }
    do {
      _ = try net.adjacency(selection)
    } catch {
      #expect(
        error.description.hasPrefix(
          "tie 2 ('a' -- 'b' in layer 'work'): with 1 parallel tie, sums to more than the largest number"
        ))
    }
    // One layer alone, or a mean, stays finite.
    selection.layers = ["work"]
    #expect(try net.adjacency(selection).outTrust.allSatisfy(\.isFinite))
  }

  @Test func hexadecimalIsNotANumber() {
    // Swift's Double("0x10") is 16 and Double("0x1p3") is 8: no file or option means that.
    #expect(decimalDouble("0x10") == nil)
    #expect(decimalDouble("0x1p3") == nil)
    #expect(decimalDouble("nan(0x7)") == nil)
    #expect(parseDouble("0x10") == nil)
    #expect(parseDouble("1e-3") == 0.001)
    #expect(parseDouble("-2.5") == -2.5)
    #expect(parseDouble("NaN")?.isNaN == true)
    #expect(parseDouble("inf") == .infinity)
    #expect(parseDouble("0,8", decimalComma: true) == 0.8)
  }

  @Test func hexadecimalTrustIsRefusedInEveryTable() throws {
    #expect(throws: FormatError.self) { try csvNetwork("source,target,trust\na,b,0x10\n") }
    #expect(throws: FormatError.self) {
      try UCINETFormat.read(
        Data("dl n=2 format=edgelist1\nlabels embedded\ndata:\na b 0x10\n".utf8), file: "t.dl",
        directed: nil)
    }
  }

  // MARK: Numbers beyond a double are refused with their own text

  @Test func hugeNumbersAreQuotedAsWritten() throws {
    do {
      _ = try GMLFormat.read(
        Data("graph [ node [ id 1 ] node [ id 2 ] edge [ source 1 target 2 weight 1e400 ] ]".utf8),
        file: "t.gml")
      Issue.record("1e400 was read")
    } catch {
      #expect(error.message.contains("'1e400'"))
      #expect(!error.message.contains("inf"))
    }
    do {
      _ = try NodeLinkFormat.read(
        Data(
          #"{"nodes":[{"id":"a"},{"id":"b"}],"links":[{"source":"a","target":"b","weight":1e400}]}"#
            .utf8), file: "t.json")
      Issue.record("1e400 was read")
    } catch {
      #expect(error.message.contains("'1e400'"))
    }
  }

  // MARK: Integer ids keep every digit

  @Test func longIntegerIdsKeepTheirDigits() throws {
    // 100000000000000000000001 is beyond 64 bits; as a double it would be 1e+23, and the two
    // ids below would be one.
    let gml = try GMLFormat.read(
      Data(
        "graph [ node [ id 100000000000000000000001 ] node [ id 100000000000000000000002 ] edge [ source 100000000000000000000001 target 100000000000000000000002 ] ]"
          .utf8), file: "t.gml")
    #expect(gml.nodes.map(\.id) == ["100000000000000000000001", "100000000000000000000002"])
    #expect(gml.tieCount == 1)
    let json = try NodeLinkFormat.read(
      Data(
        #"{"nodes":[{"id":100000000000000000000001},{"id":100000000000000000000002}],"links":[{"source":100000000000000000000001,"target":100000000000000000000002}]}"#
          .utf8), file: "t.json")
    #expect(json.nodes.map(\.id) == ["100000000000000000000001", "100000000000000000000002"])
    #expect(json.tieCount == 1)
  }

  // MARK: JSON says when a value would be lost

  @Test func repeatedJSONMembersAreRefused() {
    do {
      _ = try NodeLinkFormat.read(
        Data(#"{"nodes":[{"id":"a","id":"b"}],"links":[]}"#.utf8), file: "t.json")
      Issue.record("a repeated member was read")
    } catch {
      #expect(error.message.contains("'id' appears twice"))
      #expect(error.line == 1 && error.column == 21)
    }
    // An object of many members checks through a set: the 20th member repeats the 3rd.
    let members = (0..<19).map { "\"k\($0)\":\($0)" } + ["\"k2\":0"]
    #expect(throws: FormatError.self) {
      try NodeLinkFormat.read(
        Data(
          ("{\"nodes\":[{\"id\":\"a\"," + members.joined(separator: ",") + "}],\"links\":[]}").utf8),
        file: "t.json")
    }
  }

  @Test func linksAndEdgesTogetherAreRefused() {
    do {
      _ = try NodeLinkFormat.read(
        Data(
          #"{"nodes":[{"id":"a"},{"id":"b"}],"links":[{"source":"a","target":"b"}],"edges":[]}"#
            .utf8), file: "t.json")
      Issue.record("both were read")
    } catch {
      #expect(error.message.contains("both 'links' and 'edges'"))
    }
  }

  // MARK: GraphML keeps every value or says why not

  func graphML(_ keys: String, _ body: String) -> Data {
    Data(
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
      \(keys)
      <graph edgedefault="directed">
      \(body)
      </graph>
      </graphml>
      """.utf8)
  }

  @Test func twoDataForOneKeyOnOneElementAreRefused() {
    let keys =
      #"<key id="d0" for="node" attr.name="sector" attr.type="string"/><key id="d1" for="edge" attr.name="trust" attr.type="double"/>"#
    do {
      _ = try GraphMLFormat.read(
        graphML(
          keys, #"<node id="a"><data key="d0">police</data><data key="d0">housing</data></node>"#),
        file: "t.graphml")
      Issue.record("two values were read as one")
    } catch {
      #expect(error.message.contains("second <data> for the key 'd0'"))
      #expect(error.line == 5)
    }
    do {
      _ = try GraphMLFormat.read(
        graphML(
          keys,
          #"<node id="a"/><node id="b"/><edge source="a" target="b"><data key="d1">1</data><data key="d1">2</data></edge>"#
        ), file: "t.graphml")
      Issue.record("two trusts were read as one")
    } catch {
      #expect(error.message.contains("second <data> for the key 'd1'"))
    }
    // One value per key on each of two edges is fine.
    #expect(throws: Never.self) {
      try GraphMLFormat.read(
        graphML(
          keys,
          #"<node id="a"/><node id="b"/><edge source="a" target="b"><data key="d1">1</data></edge><edge source="b" target="a"><data key="d1">2</data></edge>"#
        ), file: "t.graphml")
    }
  }

  @Test func twoKeysWithOneNameAreRefused() {
    let keys =
      #"<key id="d0" for="node" attr.name="sector" attr.type="string"/><key id="d1" for="node" attr.name="sector" attr.type="string"/>"#
    do {
      _ = try GraphMLFormat.read(
        graphML(
          keys, #"<node id="a"><data key="d0">police</data><data key="d1">housing</data></node>"#),
        file: "t.graphml")
      Issue.record("two keys of one name were read")
    } catch {
      #expect(error.message.contains("both have attr.name 'sector'"))
    }
    // One name for nodes and for edges is two attributes, as yEd and networkx write them.
    let both =
      #"<key id="d0" for="node" attr.name="note" attr.type="string"/><key id="d1" for="edge" attr.name="note" attr.type="string"/>"#
    #expect(throws: Never.self) {
      try GraphMLFormat.read(
        graphML(
          both,
          #"<node id="a"><data key="d0">x</data></node><node id="b"/><edge source="a" target="b"><data key="d1">y</data></edge>"#
        ), file: "t.graphml")
    }
  }

  /// Found by fuzzing: a key without attr.name is named by its yfiles.type, so a yFiles key
  /// whose id equals another key's attr.name is no clash (the writer wrote such a file).
  @Test func aYFilesKeyIsNamedByItsType() throws {
    let keys =
      #"<key id="d2" for="node" attr.name="d4" attr.type="string"/><key id="d4" for="node" yfiles.type="nodegraphics"/>"#
    let net = try GraphMLFormat.read(
      graphML(keys, #"<node id="a"><data key="d2">x</data></node>"#), file: "t.graphml")
    #expect(net.nodes[0].attributes["d4"] == .string("x"))
    // As the fuzzer had it: a key whose attr.name is misspelt (Attr.name) is named by its id,
    // d4; written back, the keys are renumbered and the yFiles key gets the id d4.
    let misspelt =
      #"<key id="d4" for="node" Attr.name="url" attr.type="string"/><key id="d6" for="node" yfiles.type="nodegraphics"/>"#
    let first = try GraphMLFormat.read(
      graphML(
        misspelt,
        #"<node id="a"><data key="d4">x</data><data key="d6"><y:ShapeNode xmlns:y="http://www.yworks.com/xml/graphml"/></data></node>"#
      ), file: "t.graphml")
    let written = try GraphMLFormat.write(first)
    let back = try GraphMLFormat.read(Data(written.utf8), file: "back.graphml")
    #expect(back.nodes[0].attributes["d4"] == .string("x"))
  }

  // MARK: GML reads back U+0000

  @Test func gmlReadsBackNUL() throws {
    var net = Network(directed: false)
    _ = net.addTie(from: "a\u{0}b", to: "c")
    let text = GMLFormat.write(net).text
    #expect(text.contains("&#0;"))
    let back = try GMLFormat.read(Data(text.utf8), file: "t.gml")
    #expect(back.nodes.map(\.id).sorted() == ["a\u{0}b", "c"])
  }

  // MARK: DOT strings longer than Graphviz's scanner takes

  @Test func longDOTStringsAreWrittenInPieces() throws {
    var net = Network(directed: true)
    let long = String(repeating: "x", count: 20_000) + "\"" + String(repeating: "é", count: 9_000)
    _ = net.addTie(from: "a", to: long)
    net.setNodeAttribute("label", .string(long), at: 1)
    let text = try DOTFormat.write(net)
    // No quoted string is longer than 16,000 bytes: scanned as Graphviz scans them, a
    // backslash taking the byte after it.
    #expect(longestQuoted(text) <= 16_000)
    #expect(longestQuoted(text) > 15_000)
    let back = try DOTFormat.read(Data(text.utf8), file: "t.dot")
    #expect(back.nodes.map(\.id) == ["a", long])
    #expect(back.nodes[1].attributes["label"] == .string(long))
    // The display quoting of the drawings is cut the same way.
    let shown = DOTFormat.quote(long)
    #expect(longestQuoted(shown) <= 16_000)
    #expect(shown.components(separatedBy: "\" + \"").count == 3)
  }

  /// The length in bytes of the longest quoted string in DOT text.
  func longestQuoted(_ text: String) -> Int {
    var longest = 0
    var length = 0
    var inside = false
    var escaped = false
    for b in text.utf8 {
      if !inside {
        if b == UInt8(ascii: "\"") {
          inside = true
          length = 0
        }
        continue
      }
      if escaped {
        escaped = false
        length += 1
        continue
      }
      if b == UInt8(ascii: "\\") {
        escaped = true
        length += 1
        continue
      }
      if b == UInt8(ascii: "\"") {
        inside = false
        longest = max(longest, length)
        continue
      }
      length += 1
    }
    return longest
  }

  // MARK: The second probe: writers that changed or lost data without a word

  @Test func numbersBeyondADoubleStayText() throws {
    #expect(decimalDouble("1e400") == nil)
    #expect(decimalDouble("1e-400") == nil)
    #expect(decimalDouble("0e5") == 0)
    #expect(decimalDouble("5e-324") == 5e-324)
    // A GraphML double of 1e400 was read as infinity, 1e-400 as 0: now refused at its line.
    let keys = #"<key id="d0" for="node" attr.name="x" attr.type="double"/>"#
    #expect(throws: FormatError.self) {
      try GraphMLFormat.read(
        graphML(keys, #"<node id="a"><data key="d0">1e400</data></node>"#), file: "t.graphml")
    }
    // In a CSV column the text is kept.
    let net = try csvNetwork("source,target\na,b\n", nodes: "id,x\na,1e400\nb,1e-400\n")
    #expect(net.nodes[0].attributes["x"] == .string("1e400"))
    #expect(net.nodes[1].attributes["x"] == .string("1e-400"))
  }

  @Test func mixedIntegersAndRealsAreDeclaredDouble() throws {
    // JSON 7 and 0.5 under one name: declared double, so the GraphML written reads back (it
    // was declared long, and its own reader refused 0.5).
    let json = try NodeLinkFormat.read(
      Data(#"{"directed":true,"nodes":[{"id":"a","m":7},{"id":"b","m":0.5}],"links":[]}"#.utf8),
      file: "t.json")
    #expect(json.nodeAttributes.first { $0.name == "m" }?.type == .double)
    let back = try GraphMLFormat.read(Data(try GraphMLFormat.write(json).utf8), file: "t.graphml")
    #expect(back.nodes[1].attributes["m"] == .double(0.5))
    // A network built in code with a declaration its values do not fit is written widened,
    // and convert says so.
    var net = Network(directed: true)
    net.declareNodeAttribute(AttributeDeclaration(name: "m", type: .integer))
    _ = try net.addNode(Node(id: "a", attributes: ["m": .integer(7)]))
    _ = try net.addNode(Node(id: "b", attributes: ["m": .string("x")]))
    let text = try GraphMLFormat.write(net)
    #expect(text.contains(#"attr.name="m" attr.type="string""#))
    #expect(
      net.lostWhenWritten(as: .graphml).contains {
        $0.contains("'m' is declared integer but holds other values: written as string")
      })
  }

  @Test func dlLabelListsMustFitTheHeader() {
    do {
      _ = try UCINETFormat.read(
        Data(
          "dl n=2 nm=2\nformat = edgelist1\nlabels:\na,b,c\nmatrix labels:\nx,y\ndata:\n1 2 0.5\n!\n1 2 0.7\n"
            .utf8), file: "t.dl")
      Issue.record("three labels for two nodes were read")
    } catch {
      #expect(
        error.line == 3 && error.message.contains("has 3 labels, but the header says 2 nodes"))
    }
    #expect(throws: FormatError.self) {
      try UCINETFormat.read(
        Data(
          "dl n=2 nm=2\nformat = edgelist1\nlabels:\na,b\nmatrix labels:\nx,y,z\ndata:\n1 2 0.5\n!\n1 2 0.7\n"
            .utf8), file: "t.dl")
    }
  }

  @Test func dlAndPajekSayWhatTheyChangeInLayers() throws {
    var net = Network(directed: true)
    for layer in ["n\nl", "work", "x"] { _ = net.addTie(from: "a", to: "b", layer: layer) }
    let dl = try UCINETFormat.write(net)
    #expect(
      dl.dropped.contains { $0.contains("the layer 'n\\u{A}l' is written with ' and spaces") })
    let back = try UCINETFormat.read(Data(dl.text.utf8), file: "t.dl")
    #expect(Set(back.ties.compactMap(\.layer)) == ["n l", "work", "x"])
    // Pajek: a NUL in an id is written as a space (said), never raw.
    var p = Network(directed: true)
    _ = p.addTie(from: "a\u{0}b", to: "c", layer: "q\"x")
    _ = p.addTie(from: "c", to: "a\u{0}b", layer: "")
    let pajek = PajekFormat.write(p)
    #expect(!pajek.text.utf8.contains(0))
    #expect(pajek.dropped.contains { $0.contains("the node id 'a\\u{0}b'") })
    #expect(pajek.dropped.contains { $0.contains("the layer 'q\"x'") })
    #expect(pajek.dropped.contains { $0.contains("a layer without a name") })
  }

  @Test func csvSaysTextWillComeBackTyped() throws {
    let net = try NodeLinkFormat.read(
      Data(
        #"{"directed":true,"nodes":[{"id":"a","s":"1","b":"true","t":"x"},{"id":"b","s":"2","b":"false","t":"1"}],"links":[]}"#
          .utf8), file: "t.json")
    let said = net.lostWhenWritten(as: .csv)
    #expect(
      said.contains {
        $0.contains("'s' is text whose every value reads as a number")
          && $0.contains("reads back as integer")
      })
    #expect(said.contains { $0.contains("'b' is text whose every value reads as true or false") })
    #expect(!said.contains { $0.contains("'t'") })
  }

  @Test func idsEqualInUnicodeAreOneNodeAndSaid() throws {
    // U+00E9 and U+0065 U+0301 are canonically equivalent: Swift's strings are equal.
    let net = try csvNetwork("source,target\n\u{E9},b\ne\u{301},c\n")
    #expect(net.nodeCount == 3)
    #expect(net.readNotes.contains { $0.contains("U+00E9 and as U+0065 U+0301") })
  }

  // MARK: The third probe: workbooks, archives and roster studies

  @Test func workbooksOverExcelsLimitsAreRefused() throws {
    // Excel holds at most 32,767 characters in a cell.
    let long = XLSXFormat.Sheet(
      name: "t", header: ["a"], rows: [[.text(String(repeating: "x", count: 40_000))]])
    #expect(throws: FormatError.self) { try XLSXFormat.checkedWorkbook([long]) }
    // An integer of more than 15 digits (Excel keeps 15) is written as text, digits kept, and
    // reads back as the same integer (it was 9007199254740992.0).
    var net = Network(directed: true)
    _ = try net.addNode(Node(id: "a", attributes: ["big": .integer(9_007_199_254_740_993)]))
    let back = try XLSXFormat.read(try XLSXFormat.write(net), file: "t.xlsx")
    #expect(back.nodes[0].attributes["big"] == .integer(9_007_199_254_740_993))
  }

  @Test func anArchiveWithTwoEntriesOfOneNameIsRefused() {
    var zip = ZIPWriter()
    zip.add("a.csv", Array("x".utf8))
    zip.add("a.csv", Array("y".utf8))
    #expect(throws: FormatError.self) { try ZIPArchive(data: zip.finished(), file: "t.zip") }
  }

  @Test func aRosterValueTwiceInOneSessionIsRefused() throws {
    // The constructed roster study, with the first session's second alter given the first
    // alter's rosterID: two people would become one.
    let source = packageRoot.appendingPathComponent("Datasets/egos-constructed/roster/csv")
    var files: [NetworkCanvasFormat.InputFile] = try NetworkCanvasFormat.files(at: source.path)
    let k = try #require(files.firstIndex { $0.name.contains("attributeList") })
    var lines = String(decoding: files[k].data, as: UTF8.self).components(separatedBy: "\r\n")
    let header = lines[0].components(separatedBy: ",")
    let c = try #require(header.firstIndex(of: "rosterID"))
    var second = lines[2].components(separatedBy: ",")
    second[c] = lines[1].components(separatedBy: ",")[c]
    lines[2] = second.joined(separator: ",")
    files[k].data = Data(lines.joined(separator: "\r\n").utf8)
    var options = NetworkCanvasFormat.Options()
    options.studyProtocol = .roster(variable: "rosterID")
    do {
      _ = try NetworkCanvasFormat.read(files: files, options: options)
      Issue.record("a roster value named twice in one session was read")
    } catch {
      #expect(error.message.contains("names two alters"))
    }
  }

  @Test func egorTiesToSelfAndRepeatedAreSaid() throws {
    // Alters 1 and 2 of ego E1: the tie 1-1 ties an alter to itself, and 1-2 comes three
    // times (once as 2-1, undirected as egor reads it): one self-tie, two repeats.
    let study = try EgorTables.read(
      egos: .csv(Data(".egoID,sector\nE1,a\n".utf8), file: "egos.csv"),
      alters: .csv(Data(".altID,.egoID\n1,E1\n2,E1\n".utf8), file: "alters.csv"),
      alterTies: .csv(
        Data(".egoID,.srcID,.tgtID\nE1,1,1\nE1,1,2\nE1,2,1\nE1,1,2\n".utf8), file: "aaties.csv"))
    #expect(study.readNotes.contains { $0.hasPrefix("1 alter-alter tie ties an alter to itself") })
    #expect(
      study.readNotes.contains { $0.hasPrefix("2 alter-alter ties repeat pairs already tied") })
  }
}
