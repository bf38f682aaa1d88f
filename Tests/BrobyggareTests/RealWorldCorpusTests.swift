import Foundation
import Testing

@testable import Brobyggare

/// The 79 files real tools wrote (../shared/interop/realworld, with PROVENANCE.tsv saying who
/// wrote each and what is tricky): every one loads by its extension, or is refused with a
/// message that says where and what. The content of the loaded files is compared with what
/// networkx, igraph or Graphviz read in each format's own tests (DOTGraphvizTests, GEXFTests,
/// GMLTests, PajekTests, UCINETTests, JSONDialectTests, GraphMLTests, CSVInputTests).
@Suite("Files real tools wrote")
struct RealWorldCorpusTests {
  /// The refusals, each with what its message must say; every other file loads.
  static let refused: [String: String] = [
    // A Gephi dynamic weight (`<[1.0, 2, 1]; [2, 3, 2]>`) is a timeline, not a trust.
    "csv/gephi_import_dynamic_weights.csv": "the trust '<[1.0, 2, 1]; [2, 3, 2]>' is not a number",
    // Spaces between columns: an edge list with a header; the message says how to read it.
    "csv/gephi_import_space_delimited_timeset.csv": "looks space-delimited",
    // Control characters XML does not allow (U+0013 in a key's name, line 5, where expat, as
    // networkx 3.6.1 reads with, stops too), and a NUL byte further on.
    "graphml/apoc_unicode_undeclared_keys.graphml":
      "the file contains the control character U+0013, which XML does not allow",
    // Data under a key declared for the graph, on a node (igraph drops it with a warning).
    "graphml/javagraphml_primer_defaults.graphml":
      "is on <node>, but the key 'd3' is declared for=\"graph\"",
    // Negative weights: trust is a strength here.
    "pajek/igraph_links.net": "the weight -1 is negative",
  ]

  @Test(readsInteropFiles("the real-world corpus"))
  func everyFileLoadsOrSaysWhereAndWhat() throws {
    let root = interopPath("realworld")
    let provenance = try String(contentsOfFile: root + "/PROVENANCE.tsv", encoding: .utf8)
    let files = provenance.split(separator: "\n").dropFirst().map {
      String($0.split(separator: "\t")[0])
    }
    #expect(files.count == 79)
    var loaded = 0
    for file in files {
      do {
        let net = try Network(contentsOf: root + "/" + file)
        loaded += 1
        #expect(
          Self.refused[file] == nil,
          "\(file) loaded (\(net.nodeCount) nodes) but was expected to be refused")
      } catch {
        let expected = Self.refused[file]
        #expect(expected != nil, "\(file) was refused: \(error)")
        #expect(error.message.contains(expected ?? "\u{0}"), "\(file): \(error.message)")
        #expect(error.line >= 1 && error.column >= 1)
      }
    }
    #expect(loaded == 74)
  }
}

/// What the probe of the corpus found read without a word, each compared with what a peer
/// reads from the same file.
extension RealWorldCorpusTests {
  /// yEd's edge labels (`<y:EdgeLabel>`) were left inside the graphics markup, which a CSV
  /// leaves out: now the tie's label, as the node labels are. networkx 3.6.1's read_graphml
  /// gives 7 of pandora's 20 edges a label, among them 'Sample'; 2 of mlio's 6 ('bit stream').
  @Test(readsInteropFiles("yEd's edge labels"))
  func yEdEdgeLabelsAreTheTiesLabels() throws {
    let root = interopPath("realworld")
    for (file, labelled, example) in [
      ("graphml/yed3.14_pandora_architecture_group.graphml", 7, "Sample"),
      ("graphml/yed3.17_mlio_architecture.graphml", 2, "bit stream"),
    ] {
      let net = try Network(contentsOf: root + "/" + file)
      let labels = net.ties.compactMap { $0.attributes["label"]?.description }
      #expect(labels.count == labelled, "\(file): \(labels)")
      #expect(labels.contains(example), "\(file): \(labels)")
      #expect(
        net.readNotes.contains {
          $0.hasPrefix("the labels of \(labelled) edges read from yEd's edge graphics")
        }, "\(file): \(net.readNotes)")
    }
  }

  /// A SNAP edge list says its direction on its first line; it was read as directed with the
  /// note "the file does not say" (right for Wiki-Vote by chance, wrong for an undirected
  /// SNAP file, whose reciprocity and betweenness change).
  @Test func snapHeadersSayTheDirection() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "snap-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let undirected = dir.appendingPathComponent("ca.txt").path
    try "# Undirected graph: ca-GrQc.txt\n# Nodes: 3 Edges: 2\n# FromNodeId\tToNodeId\n1\t2\n2\t3\n"
      .write(toFile: undirected, atomically: true, encoding: .utf8)
    let u = try Network(contentsOf: undirected)
    #expect(!u.isDirected)
    #expect(
      u.readNotes.contains(
        "read as undirected, as the SNAP header '# Undirected graph: ca-GrQc.txt' says"),
      "\(u.readNotes)")
    let directed = dir.appendingPathComponent("wiki.txt").path
    try "# Directed graph (each unordered pair of nodes is saved once): Wiki-Vote.txt\n1\t2\n"
      .write(toFile: directed, atomically: true, encoding: .utf8)
    let d = try Network(contentsOf: directed)
    #expect(d.isDirected)
    #expect(!d.readNotes.contains { $0.contains("does not say") }, "\(d.readNotes)")
    // A comment that only starts with the words is no header ("directed graphs below").
    let comment = dir.appendingPathComponent("c.txt").path
    try "# directed graphs below\n1 2\n".write(toFile: comment, atomically: true, encoding: .utf8)
    let c = try Network(contentsOf: comment)
    #expect(c.readNotes.contains { $0.contains("does not say") }, "\(c.readNotes)")
    // --undirected against the header is refused, as for KONECT's.
    var options = Network.ReadOptions()
    options.directed = false
    #expect(throws: FormatError.self) { _ = try Network(contentsOf: directed, options: options) }
  }

  /// Gephi's tie table gives each edge its kind (Gephi 0.10's multigraph export); the two 1 → 2
  /// edges of different kind were merged as "a pair tied again in one layer". Now the Kind
  /// is the layer, as GEXF's kind is.
  @Test(readsInteropFiles("Gephi's edge kinds in CSV"))
  func gephiKindIsTheLayer() throws {
    let net = try Network(
      contentsOf: interopPath("realworld") + "/csv/gephi_export_multigraph_kind.csv")
    #expect(net.ties.prefix(2).map(\.layer) == [nil, "1"], "\(net.ties.map(\.layer))")
    #expect(
      net.readNotes.contains(
        "the column 'Kind' read as the layer (Gephi's edge kind, as GEXF's kind is read); --layer-column names another"
      ), "\(net.readNotes)")
  }
}
