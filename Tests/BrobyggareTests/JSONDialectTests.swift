import Foundation
import Testing

@testable import Brobyggare

/// JSON in the dialects people have (../shared/interop/realworld/json): each file's nodes and
/// ties are counted here independently with Foundation's JSONSerialization and compared with
/// what Brobyggare reads; the two miserables files (one by position, one by id) must give the
/// same network.
@Suite("JSON dialects")
struct JSONDialectTests {
  func read(_ name: String, directed: Bool? = nil) throws -> Network {
    try NodeLinkFormat.read(interopData("realworld/json/\(name)"), file: name, directed: directed)
  }

  func foundation(_ name: String) throws -> Any {
    try JSONSerialization.jsonObject(with: interopData("realworld/json/\(name)"))
  }

  /// −0.0 as an attribute value reads as −0.0 and is written back as `-0.0` by the node-link
  /// and Cytoscape writers (it was written `0.0` and `0`, losing the sign; Python's json writes
  /// `json.dumps(-0.0) == '-0.0'`).
  @Test func negativeZeroReadsAndWritesBack() throws {
    let text =
      #"{"directed": false, "nodes": [{"id": "a", "x": -0.0}, {"id": "b", "x": 1.5}], "links": [{"source": "a", "target": "b", "w": -0.0}]}"#
    let net = try NodeLinkFormat.read(Data(text.utf8), file: "z.json")
    func isNegativeZero(_ v: AttributeValue?) -> Bool {
      if case .double(let d)? = v { return d == 0 && d.sign == .minus }
      return false
    }
    #expect(isNegativeZero(net.nodes[0].attributes["x"]))
    #expect(isNegativeZero(net.ties[0].attributes["w"]))
    let written = try NodeLinkFormat.write(net)
    #expect(written.contains(#""x": -0.0"#))
    let back = try NodeLinkFormat.read(Data(written.utf8), file: "back.json")
    #expect(isNegativeZero(back.nodes[0].attributes["x"]))
    #expect(isNegativeZero(back.ties[0].attributes["w"]))
    #expect(NodeLinkFormat.writeCytoscape(net).contains(#""x": -0.0"#))
    #expect(jsonText(.number(-0.0)) == "-0.0")
  }

  /// Cytoscape desktop exports and cytoscape.js elements: nodes and edges as the file holds
  /// them, every data field an attribute, read as directed with a note (the file does not say).
  @Test(readsInteropFiles("the Cytoscape JSON files"))
  func cytoscape() throws {
    for name in ["cytoscape3.1_genemania_export.json", "cytoscape3.1_tokyo_railways.json"] {
      let doc = try foundation(name) as! [String: Any]
      let elements = doc["elements"] as! [String: Any]
      let nodes = elements["nodes"] as! [[String: Any]]
      let edges = elements["edges"] as! [[String: Any]]
      let net = try read(name)
      #expect(net.nodeCount == nodes.count, "\(name)")
      #expect(net.tieCount == edges.count, "\(name)")
      #expect(net.isDirected)
      #expect(net.readNotes.contains { $0.contains("does not say whether ties are directed") })
      // Every node's id and name as the file gives them.
      for (k, node) in nodes.enumerated() {
        let data = node["data"] as! [String: Any]
        #expect(net.nodes[k].id == "\(data["id"]!)")
        if let n = data["name"] as? String {
          #expect(net.nodes[k].attributes["name"] == .string(n))
        }
      }
    }
    let flat = try foundation("cytoscapejs_flat_elements_array.json") as! [[String: Any]]
    let isEdge = { (e: [String: Any]) in (e["data"] as! [String: Any])["source"] != nil }
    let net = try read("cytoscapejs_flat_elements_array.json")
    #expect(net.nodeCount == flat.filter { !isEdge($0) }.count)
    #expect(net.tieCount == flat.filter(isEdge).count)
    let compound = try read("cytoscapejs_compound_parent.json")
    #expect(compound.nodes.contains { $0.attributes["parent"] != nil })
    #expect(compound.nodes.allSatisfy { $0.attributes["x"] != nil && $0.attributes["y"] != nil })
    let wrapped = try read("cytoscapejs_nodes_edges_data.json")
    #expect(wrapped.hasTrust)  // data.weight
    #expect(try read("cytoscapejs_nodes_edges_data.json", directed: false).isDirected == false)
  }

  /// graphology (Gephi's JSON export): `key` ids, nested attributes, parallel edges kept; a
  /// mixed graph's undirected tie is a tie each way, with a note.
  @Test(readsInteropFiles("the graphology JSON files"))
  func graphology() throws {
    let multi = try read("gephi_json_export_multi.json")
    #expect(multi.isDirected)
    #expect(multi.tieCount == 2)
    #expect(Set(multi.ties.compactMap(\.id)).count == 2)
    let mixedDoc = try foundation("gephi_json_export_mixed.json") as! [String: Any]
    let edges = mixedDoc["edges"] as! [[String: Any]]
    let undirected = edges.filter { $0["undirected"] as? Bool == true }.count
    let mixed = try read("gephi_json_export_mixed.json")
    #expect(mixed.isDirected)
    #expect(mixed.tieCount == edges.count + undirected)
    #expect(mixed.readNotes.contains { $0.contains("mixed graph: \(undirected) undirected tie") })
  }

  /// d3 v3 and networkx 1.x: links by position. The classic miserables.json read by position
  /// gives the same ties as the d3 v4 file that names them by id.
  @Test(readsInteropFiles("the miserables JSON files"))
  func linksByPosition() throws {
    let byPosition = try read("vega_miserables_index_links.json")
    let byID = try read("forcegraph_miserables_ids.json")
    #expect(
      byPosition.readNotes.contains {
        $0.contains("read by position, with each node's 'name' as its id")
      })
    #expect(Set(byPosition.nodes.map(\.id)) == Set(byID.nodes.map(\.id)))
    let pairs = { (n: Network) in
      n.ties.map { [n.nodes[$0.source].id, n.nodes[$0.target].id].sorted().joined(separator: "|") }
        .sorted()
    }
    #expect(pairs(byPosition) == pairs(byID))
    let old = try read("networkx1_force_index_links.json")
    let doc = try foundation("networkx1_force_index_links.json") as! [String: Any]
    #expect(old.nodeCount == (doc["nodes"] as! [Any]).count)
    #expect(old.tieCount == (doc["links"] as! [Any]).count)
  }

  /// Every one of the corpus's JSON files loads.
  @Test(readsInteropFiles("every real JSON file"))
  func everyFileLoads() throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: interopPath("realworld/json"))
      .sorted()
    #expect(names.count == 11)
    for name in names { #expect(throws: Never.self, "\(name)") { _ = try read(name) } }
  }
}

/// Found by fuzzing: a link whose `target` is given twice, the earlier one out of range,
/// trapped (index out of range). A member given twice is now refused where it repeats.
@Suite("JSON links by position, hostile")
struct JSONPositionTests {
  @Test func aRepeatedEndOutOfRangeIsAnError() throws {
    let text =
      #"{"nodes":[{"name":"a"},{"name":"b"}],"links":[{"source":0,"target":99,"target":1}]}"#
    let e = #expect(throws: FormatError.self) {
      try NodeLinkFormat.read(Data(text.utf8), file: "l.json")
    }
    #expect(e?.message.contains("the member 'target' appears twice") == true)
  }
}

/// Cytoscape JSON written by Brobyggare: networkx's cytoscape_graph (networkx from PyPI, run
/// with the peers' python) reads the same nodes, ties and direction, and Brobyggare reads it
/// back with the same ties and attributes.
@Suite("Cytoscape JSON written")
struct CytoscapeWritingTests {
  @Test func networkxAndBrobyggareReadItBack() throws {
    let net = try Network(
      contentsOf: packageRoot.appendingPathComponent("Datasets/padgett/padgett.graphml").path)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "cy-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("p.json")
    try NodeLinkFormat.writeCytoscape(net).write(to: file, atomically: true, encoding: .utf8)
    let back = try NodeLinkFormat.read(Data(contentsOf: file), file: "p.json")
    #expect(back.isDirected == net.isDirected)
    #expect(back.nodes.map(\.id) == net.nodes.map(\.id))
    #expect(back.nodes.map(\.attributes) == net.nodes.map(\.attributes))
    #expect(back.ties.map { [$0.source, $0.target] } == net.ties.map { [$0.source, $0.target] })
    #expect(back.ties.map(\.layer) == net.ties.map(\.layer))
    let text = try runTool(
      "/usr/bin/env",
      [
        pythonForPeers(), "-c",
        """
        import json, sys, networkx as nx
        g = nx.cytoscape_graph(json.load(open(sys.argv[1])))
        print(g.number_of_nodes(), g.number_of_edges(), g.is_directed(), g.nodes['Medici']['wealth'])
        """, file.path,
      ], stderr: .inherit
    ).out
    // 16 families, 35 ties (20 marriage, 15 business: Padgett and Ansell 1993), undirected;
    // the Medici's wealth 103 (the dataset's own value).
    #expect(text == "16 35 False 103\n")
  }
}
