import Foundation
import Testing

@testable import Brobyggare

/// Integer node ids in JSON (``Network/nodeIDType``): networkx writes a graph's integer nodes as
/// JSON integers (`{"id": 0}`, `"source": 0`), and reads back whatever type it is given, so an
/// id written back as `"0"` is another node to it. The fixtures in `Fixtures/json` were written
/// by networkx 3.6.1 (`Scripts/make_json_fixtures.py`): integer nodes 10, 3, 0, -2 and 7, out of
/// order and one negative, so that no id is its position.
@Suite("JSON integer node ids")
struct JSONNodeIDTests {
  func fixture(_ name: String) throws -> Network {
    try NodeLinkFormat.read(fixtureData("json/\(name)"), file: name)
  }

  /// A document parsed by Foundation, independently of Brobyggare's parser.
  func parsed(_ text: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
  }

  /// The value as an integer when JSON wrote it as a number without a fraction, else `nil`:
  /// `"0"` (a string) is not one. (Foundation's numbers also cast to `Bool`, 0 and 1 among
  /// them, so booleans are not told apart here; no id is written as one.)
  func integer(_ v: Any?) -> Int? {
    guard let v, !(v is String), let n = v as? NSNumber else { return nil }
    return n.doubleValue == n.doubleValue.rounded() ? n.intValue : nil
  }

  /// The value as a string when JSON wrote it as a string, else `nil`.
  func text(_ v: Any?) -> String? { v as? String }

  static let fixtureIDs = [10, 3, 0, -2, 7]

  /// Each tie's ends as integers, in order; an end that is not a JSON integer is left out (so
  /// that the pair no longer matches).
  func integerEnds(_ ties: [[String: Any]]) -> [[Int]] {
    ties.map { [integer($0["source"]), integer($0["target"])].compactMap { $0 } }
  }

  /// The node-link file's ties as integer pairs, from the fixture itself.
  func fixtureTies() throws -> [[Int]] {
    let doc =
      try JSONSerialization.jsonObject(
        with: fixtureData("json/networkx_integer_ids.json")) as! [String: Any]
    return integerEnds(doc["edges"] as! [[String: Any]])
  }

  /// networkx's integer nodes are read as integer ids and written back as JSON integers: every
  /// node's `id` and every tie's `source` and `target`, the same ties as the file networkx
  /// wrote, and no note.
  @Test func networkxIntegerIDsAreWrittenBackAsIntegers() throws {
    let net = try fixture("networkx_integer_ids.json")
    #expect(net.nodeIDType == .integer)
    #expect(net.nodes.map(\.id) == Self.fixtureIDs.map(String.init))
    let doc = try parsed(try NodeLinkFormat.write(net))
    let nodes = doc["nodes"] as! [[String: Any]]
    #expect(nodes.compactMap { integer($0["id"]) } == Self.fixtureIDs)
    #expect(nodes.allSatisfy { text($0["id"]) == nil })
    let edges = doc["edges"] as! [[String: Any]]
    #expect(edges.allSatisfy { text($0["source"]) == nil && text($0["target"]) == nil })
    #expect(integerEnds(edges) == (try fixtureTies()))
    #expect(net.lostWhenWritten(as: .json).isEmpty)
    // Read back, the type holds, and writing again gives the same bytes.
    let written = try NodeLinkFormat.write(net)
    let back = try NodeLinkFormat.read(Data(written.utf8), file: "back.json")
    #expect(back.nodeIDType == .integer)
    #expect(try NodeLinkFormat.write(back) == written)
  }

  /// networkx's Cytoscape JSON of integer nodes gives each node's id as text and the node
  /// itself as `value`, with the ties' ends as integers: read as the same integer ids (no
  /// `value` attribute), and written so again.
  @Test func networkxCytoscapeIntegerNodes() throws {
    let net = try fixture("networkx_integer_ids_cytoscape.json")
    #expect(net.nodeIDType == .integer)
    #expect(net.nodes.map(\.id) == Self.fixtureIDs.map(String.init))
    #expect(net.nodes.allSatisfy { $0.attributes["value"] == nil && $0.attributes["name"] == nil })
    for source in [net, try fixture("networkx_integer_ids.json")] {
      let doc = try parsed(NodeLinkFormat.writeCytoscape(source))
      let elements = doc["elements"] as! [String: Any]
      let nodes = (elements["nodes"] as! [[String: Any]]).map { $0["data"] as! [String: Any] }
      #expect(nodes.map { text($0["id"]) } == Self.fixtureIDs.map(String.init))
      #expect(nodes.compactMap { integer($0["value"]) } == Self.fixtureIDs)
      let edges = (elements["edges"] as! [[String: Any]]).map { $0["data"] as! [String: Any] }
      #expect(integerEnds(edges) == (try fixtureTies()))
    }
  }

  /// networkx reads what was written as the graph it wrote: the same integer nodes and edges,
  /// from node-link JSON and from Cytoscape JSON (networkx from PyPI, run with the peers'
  /// python).
  @Test func networkxReadsTheSameIntegerNodes() throws {
    let net = try fixture("networkx_integer_ids.json")
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "ids-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let nodeLink = dir.appendingPathComponent("g.json")
    let cytoscape = dir.appendingPathComponent("c.json")
    try NodeLinkFormat.write(net).write(to: nodeLink, atomically: true, encoding: .utf8)
    try NodeLinkFormat.writeCytoscape(net).write(to: cytoscape, atomically: true, encoding: .utf8)
    let out = try runTool(
      "/usr/bin/env",
      [
        pythonForPeers(), "-c",
        """
        import json, sys, networkx as nx
        G = nx.node_link_graph(json.load(open(sys.argv[1])), edges="edges")
        for path, read in [(sys.argv[2], lambda d: nx.node_link_graph(d, edges="edges")),
                           (sys.argv[3], nx.cytoscape_graph)]:
            H = read(json.load(open(path)))
            same = list(H.nodes) == list(G.nodes) and nx.utils.edges_equal(H.edges, G.edges)
            print(same, all(type(n) is int for n in H), H.nodes[0].get("age"))
        """, fixturePath("json/networkx_integer_ids.json"), nodeLink.path, cytoscape.path,
      ], stderr: .inherit
    ).out
    // Node 0's age is 28 in the fixture.
    #expect(out == "True True 28\nTrue True 28\n")
  }

  /// Ids that are JSON strings stay strings, digits or not.
  @Test func stringIDsStayStrings() throws {
    let net = try NodeLinkFormat.read(
      Data(
        #"{"nodes": [{"id": "0"}, {"id": "1"}, {"id": "a"}], "edges": [{"source": "0", "target": "1"}]}"#
          .utf8), file: "s.json")
    #expect(net.nodeIDType == .string)
    let doc = try parsed(try NodeLinkFormat.write(net))
    #expect((doc["nodes"] as! [[String: Any]]).map { text($0["id"]) } == ["0", "1", "a"])
    let edge = (doc["edges"] as! [[String: Any]])[0]
    #expect(text(edge["source"]) == "0" && text(edge["target"]) == "1")
    let digitsOnly = try NodeLinkFormat.read(
      Data(#"{"nodes": [{"id": "0"}, {"id": "1"}], "edges": []}"#.utf8), file: "d.json")
    #expect(digitsOnly.nodeIDType == .string)
    #expect(digitsOnly.lostWhenWritten(as: .json).isEmpty)
    // Through GML, which writes ids that look like integers as GML integers, they stay text.
    let viaGML = try GMLFormat.read(Data(GMLFormat.write(digitsOnly).text.utf8), file: "d.gml")
    #expect(viaGML.nodeIDType == .string)
    let again = try parsed(try NodeLinkFormat.write(viaGML))
    #expect((again["nodes"] as! [[String: Any]]).map { text($0["id"]) } == ["0", "1"])
  }

  /// networkx's file with integer nodes and one "x" mixes JSON integers and text: the ids are
  /// text, read and written, and no note is given (nothing is changed on the way out).
  @Test func mixedIDsAreText() throws {
    let net = try fixture("networkx_mixed_ids.json")
    #expect(net.nodeIDType == .string)
    #expect(net.nodes.map(\.id) == Self.fixtureIDs.map(String.init) + ["x"])
    let doc = try parsed(try NodeLinkFormat.write(net))
    #expect(
      (doc["nodes"] as! [[String: Any]]).map { text($0["id"]) }
        == Self.fixtureIDs.map(String.init) + ["x"])
    #expect(
      (doc["edges"] as! [[String: Any]]).allSatisfy {
        text($0["source"]) != nil && text($0["target"]) != nil
      })
    #expect(net.lostWhenWritten(as: .json).isEmpty)
  }

  /// Integer ids with a node added since whose id is not an integer as `String(Int)` writes it:
  /// every id and end is written as text, and the note names that id.
  @Test(arguments: ["x", "07", "+7", "-0", " 8", "99999999999999999999"])
  func anIDThatIsNotAnIntegerWritesEveryIDAsText(_ added: String) throws {
    var net = try fixture("networkx_integer_ids.json")
    net.addTie(from: "10", to: added)
    #expect(net.nodeIDType == .integer)
    for text in [try NodeLinkFormat.write(net), NodeLinkFormat.writeCytoscape(net)] {
      let doc = try parsed(text)
      if let elements = doc["elements"] as? [String: Any] {
        let nodes = (elements["nodes"] as! [[String: Any]]).map { $0["data"] as! [String: Any] }
        #expect(nodes.allSatisfy { self.text($0["value"]) != nil })
        let edges = (elements["edges"] as! [[String: Any]]).map { $0["data"] as! [String: Any] }
        #expect(
          edges.allSatisfy { self.text($0["source"]) != nil && self.text($0["target"]) != nil })
      } else {
        let nodes = doc["nodes"] as! [[String: Any]]
        #expect(nodes.map { self.text($0["id"]) } == net.nodes.map(\.id))
        #expect(
          (doc["edges"] as! [[String: Any]]).allSatisfy {
            self.text($0["source"]) != nil && self.text($0["target"]) != nil
          })
      }
    }
    let notes = net.lostWhenWritten(as: .json)
    #expect(notes.count == 1)
    #expect(notes.first?.contains("the id '\(added)' is not one") == true, "\(notes)")
  }

  /// Ids given by position are not integer ids: nodes without ids take their position (or
  /// their `name`) as a text id. networkx 1.x wrote each node's own id and links by position:
  /// integer ids there are integer ids.
  @Test func positionsAreNotIntegerIDs() throws {
    for text in [
      #"{"nodes": [{}, {}], "links": [{"source": 0, "target": 1}]}"#,
      #"{"nodes": [{"name": "a"}, {"name": "b"}], "links": [{"source": 0, "target": 1}]}"#,
    ] {
      let net = try NodeLinkFormat.read(Data(text.utf8), file: "p.json")
      #expect(net.nodeIDType == .string, "\(text)")
      #expect(net.tieCount == 1)
    }
    let old = try NodeLinkFormat.read(
      Data(#"{"nodes": [{"id": 5}, {"id": 9}], "links": [{"source": 0, "target": 1}]}"#.utf8),
      file: "p.json")
    #expect(old.nodes.map(\.id) == ["5", "9"])
    #expect(old.nodeIDType == .integer)
    let doc = try parsed(try NodeLinkFormat.write(old))
    let edge = (doc["edges"] as! [[String: Any]])[0]
    #expect(integer(edge["source"]) == 5 && integer(edge["target"]) == 9)
  }

  /// Networks made from one with integer ids, keeping the ids, keep the type: ego networks, a
  /// selection of layers, a one-mode projection, a copy with ego as a node.
  @Test func derivedNetworksKeepTheType() throws {
    let net = try fixture("networkx_integer_ids.json")
    let egos = try net.egoNetworks()
    #expect(egos.egos.allSatisfy { $0.alters.nodeIDType == .integer })
    #expect(egos.egos[0].withEgoAsNode().nodeIDType == .integer)
    var layered = net
    layered.addTie(from: "3", to: "7", layer: "work")
    #expect(layered.keepingTies(TieSelection(layers: ["work"])).nodeIDType == .integer)
    let projection = try net.projection(onto: .people, isPerson: { ["10", "0"].contains($0.id) })
    #expect(projection.network.nodes.map(\.id) == ["10", "0"])
    #expect(projection.network.nodeIDType == .integer)
    #expect(Network(directed: false).nodeIDType == .string)
  }
}
