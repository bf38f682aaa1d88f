import Foundation
import Testing

@testable import Brobyggare

/// Integer trust (``Network/trustType``): interviews ask for trust on a scale of 1 to 5, and
/// networkx writes such weights as integers (`"weight": 4`, `weight 4`, GraphML's `long`). They
/// are written back as integers, not as `4.0`, which networkx would read back as another type.
/// The fixtures in `Fixtures/trust` were written by networkx 3.6.1
/// (`Scripts/make_json_fixtures.py`): five directed ties of weights 4, 5, 3, 1 and 2.
@Suite("Integer trust")
struct TrustTypeTests {
  static let weights: [Double] = [4, 5, 3, 1, 2]

  func fixture(_ name: String) throws -> Network {
    let data = try fixtureData("trust/\(name)")
    switch (name as NSString).pathExtension {
    case "json": return try NodeLinkFormat.read(data, file: name)
    case "gml": return try GMLFormat.read(data, file: name)
    default: return try GraphMLFormat.read(data, file: name)
    }
  }

  /// The trusts of the ties of a network written in each format and read back, with the
  /// written texts.
  func written(_ net: Network) throws -> [String: String] {
    [
      "json": try NodeLinkFormat.write(net),
      "cytoscape": NodeLinkFormat.writeCytoscape(net),
      "gml": GMLFormat.write(net).text,
      "graphml": try GraphMLFormat.write(net),
    ]
  }

  /// Each written text read back by its own reader.
  func readBack(_ texts: [String: String]) throws -> [Network] {
    [
      try NodeLinkFormat.read(Data(texts["json"]!.utf8), file: "back.json"),
      try NodeLinkFormat.read(Data(texts["cytoscape"]!.utf8), file: "back.cyjs"),
      try GMLFormat.read(Data(texts["gml"]!.utf8), file: "back.gml"),
      try GraphMLFormat.read(Data(texts["graphml"]!.utf8), file: "back.graphml"),
    ]
  }

  /// A JSON node-link network of two ties, a to b and b to a, with these weights as written.
  func twoTies(_ ab: String, _ ba: String, file: String) throws -> Network {
    let json = """
      {"directed": true, "nodes": [{"id": "a"}, {"id": "b"}],
       "edges": [{"source": "a", "target": "b", "weight": \(ab)},
                 {"source": "b", "target": "a", "weight": \(ba)}]}
      """
    return try NodeLinkFormat.read(Data(json.utf8), file: file)
  }

  /// networkx's integer weights, from each of its three formats, are read as integer trust and
  /// written as integers in every format that says a number's type; each writer's file reads
  /// back with the same trusts and the same type.
  @Test(arguments: [
    "networkx_integer_weights.json", "networkx_integer_weights.gml",
    "networkx_integer_weights.graphml",
  ])
  func integerWeightsAreWrittenBackAsIntegers(_ name: String) throws {
    let net = try fixture(name)
    #expect(net.trustType == .integer)
    #expect(net.ties.map(\.trust) == Self.weights)
    let texts = try written(net)
    for w in ["4", "5", "3", "1", "2"] {
      #expect(texts["json"]!.contains("\"weight\": \(w)}"))
      #expect(texts["cytoscape"]!.contains("\"weight\": \(w)}"))
      #expect(texts["gml"]!.contains("    weight \(w)\n"))
      #expect(texts["graphml"]!.contains(">\(w)</data>"))
    }
    for text in texts.values { #expect(!text.contains("4.0")) }
    #expect(texts["graphml"]!.contains("attr.name=\"weight\" attr.type=\"long\""))
    for b in try readBack(texts) {
      #expect(b.trustType == .integer)
      #expect(b.ties.map(\.trust) == Self.weights)
    }
  }

  /// Weights that are doubles stay doubles, whole or not: networkx's 2.0 and 1.0 among 0.5 and
  /// 0.25 (`Fixtures/json`) are written with their point.
  @Test func doubleWeightsStayDoubles() throws {
    let net = try NodeLinkFormat.read(
      fixtureData("json/networkx_integer_ids.json"), file: "networkx_integer_ids.json")
    #expect(net.trustType == .double)
    let texts = try written(net)
    #expect(texts["json"]!.contains("\"weight\": 2.0}"))
    #expect(texts["gml"]!.contains("    weight 2.0\n"))
    #expect(texts["graphml"]!.contains("attr.type=\"double\""))
  }

  /// One trust written as a double among integers makes them all doubles: JSON's `4.0`, GML's
  /// `4.0`, and a CSV's `4.0` or `2.5`.
  @Test func oneDoubleAmongIntegersMakesThemAllDoubles() throws {
    let fromJSON = try twoTies("4", "3.0", file: "mixed.json")
    #expect(fromJSON.trustType == .double)
    #expect(try NodeLinkFormat.write(fromJSON).contains("\"weight\": 4.0}"))
    let gml =
      "graph [ directed 1 node [ id 0 ] node [ id 1 ]\n"
      + "edge [ source 0 target 1 weight 4 ] edge [ source 1 target 0 weight 3.0 ] ]\n"
    #expect(try GMLFormat.read(Data(gml.utf8), file: "mixed.gml").trustType == .double)
    for last in ["4.0", "2.5", "1e1", "+4"] {
      let csv = "source,target,trust\na,b,4\nb,a,\(last)\n"
      let net = try CSVFormat.read(ties: Data(csv.utf8), file: "mixed.csv")
      #expect(net.trustType == .double, "trust \(last)")
    }
  }

  /// A spreadsheet's trust in digits alone (a CSV, a blank cell among them) is integer trust:
  /// JSON and GML write `4`, GraphML declares `long`. A CSV without trust has none to type.
  @Test func csvDigitsAreIntegerTrust() throws {
    let csv = "source,target,trust\na,b,4\nb,c,\nc,a,05\n"
    let net = try CSVFormat.read(ties: Data(csv.utf8), file: "t.csv")
    #expect(net.trustType == .integer)
    #expect(net.ties.map(\.trust) == [4, nil, 5])
    let texts = try written(net)
    #expect(texts["json"]!.contains("\"trust\": 4}") && texts["json"]!.contains("\"trust\": 5}"))
    #expect(texts["gml"]!.contains("    trust 4\n"))
    #expect(texts["graphml"]!.contains("attr.name=\"trust\" attr.type=\"long\""))
    let bare = try CSVFormat.read(ties: Data("source,target\na,b\n".utf8), file: "bare.csv")
    #expect(bare.trustType == .double)
  }

  /// Integer trust that no longer holds only whole numbers (a network built in code, say) is
  /// written as doubles, whatever `trustType` says; a GraphML `int` key whose trusts outgrow
  /// 32 bits is written as `long`.
  @Test func trustThatIsNotWholeIsWrittenAsDoubles() throws {
    var net = Network(directed: true)
    net.addTie(from: "a", to: "b", trust: 4)
    net.addTie(from: "b", to: "a", trust: 0.5)
    net.trustType = .integer
    #expect(!net.writesTrustAsIntegers)
    let texts = try written(net)
    #expect(texts["json"]!.contains("\"trust\": 4.0}"))
    #expect(texts["gml"]!.contains("    trust 4.0\n"))
    #expect(texts["graphml"]!.contains("attr.type=\"double\""))
    net.trustGraphMLType = "int"
    #expect(try GraphMLFormat.write(net).contains("attr.type=\"double\""))

    var large = Network(directed: true)
    large.addTie(from: "a", to: "b", trust: 3_000_000_000)
    large.trustType = .integer
    large.trustGraphMLType = "int"
    let text = try GraphMLFormat.write(large)
    #expect(text.contains("attr.type=\"long\"") && text.contains(">3000000000</data>"))
  }

  /// networkx reads the integers back as Python integers from JSON, GML and GraphML (networkx
  /// from PyPI, run with the peers' python).
  @Test func networkxReadsIntegerWeights() throws {
    let net = try fixture("networkx_integer_weights.json")
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "trust-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let texts = try written(net)
    var paths: [String] = []
    for format in ["json", "gml", "graphml"] {
      let url = dir.appendingPathComponent("g.\(format)")
      try texts[format]!.write(to: url, atomically: true, encoding: .utf8)
      paths.append(url.path)
    }
    let out = try runTool(
      "/usr/bin/env",
      [
        pythonForPeers(), "-c",
        """
        import json, sys, networkx as nx
        graphs = [nx.node_link_graph(json.load(open(sys.argv[1])), edges="edges"),
                  nx.read_gml(sys.argv[2], label="name"), nx.read_graphml(sys.argv[3])]
        for G in graphs:
            ws = [d["weight"] for _, _, d in G.edges(data=True)]
            print(sorted(ws), all(type(w) is int for w in ws))
        """,
      ] + paths, stderr: .inherit
    ).out
    #expect(out == String(repeating: "[1, 2, 3, 4, 5] True\n", count: 3))
  }

  /// A CSV keeps the type too: integer trust is written in digits and reads back as integers;
  /// double trust that is whole is written with a point (`2.0`), where it was written `2` and
  /// read back as integers (GraphML's `double` came back as `long`).
  @Test func csvKeepsTheTrustType() throws {
    let doubles = try NodeLinkFormat.read(
      fixtureData("json/networkx_integer_ids.json"), file: "networkx_integer_ids.json")
    let text = try CSVFormat.writeTies(doubles)
    #expect(text.contains(",2.0\n") && text.contains(",0.5\n"))
    let back = try CSVFormat.read(ties: Data(text.utf8), file: "d.csv")
    #expect(back.trustType == .double)
    #expect(back.ties.map(\.trust) == doubles.ties.map(\.trust))
    let integers = try fixture("networkx_integer_weights.json")
    let integerText = try CSVFormat.writeTies(integers)
    #expect(integerText.contains(",4\n") && !integerText.contains(".0"))
    #expect(try CSVFormat.read(ties: Data(integerText.utf8), file: "i.csv").trustType == .integer)
  }

  /// Double trust whose every value is whole (JSON's `2.0` and `1.0`) stays double in every
  /// writer: JSON, Cytoscape JSON and GML write the point, GraphML declares `double`, and each
  /// reads back as double trust. (The fixture above also holds 0.5, which alone makes the
  /// writers write doubles.)
  @Test func wholeDoublesStayDoubles() throws {
    let net = try twoTies("2.0", "1.0", file: "whole.json")
    #expect(net.trustType == .double)
    let texts = try written(net)
    #expect(texts["json"]!.contains("\"weight\": 2.0}"))
    #expect(texts["cytoscape"]!.contains("\"weight\": 2.0}"))
    #expect(texts["gml"]!.contains("    weight 2.0\n"))
    #expect(texts["graphml"]!.contains("attr.name=\"weight\" attr.type=\"double\""))
    for b in try readBack(texts) { #expect(b.trustType == .double) }
  }
}
