import Foundation
import Testing

@testable import Brobyggare

/// DOT read as Graphviz reads it: every real DOT file (../shared/interop/realworld/dot, written
/// by Graphviz's own gallery and tests, Gephi's importer tests and Doxygen) gives the nodes and
/// ties that Graphviz's gvpr lists (Graphviz 2.43 from Debian's packages here), in the same
/// direction, with the same ports.
@Suite("DOT as Graphviz reads it")
struct DOTGraphvizTests {
  static var gvpr: String? {
    ["/usr/bin/gvpr", "/usr/local/bin/gvpr", "/opt/homebrew/bin/gvpr"].first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }

  /// What gvpr lists of a file's first graph: node names, and ties with their ports.
  func graphviz(_ path: String) throws -> (nodes: Set<String>, ties: [String], directed: Bool) {
    let data = try runTool(
      Self.gvpr!,
      [
        #"BEG_G{printf("D\t%d\n", isDirect($G))} N{printf("N\t%s\n", $.name)} E{printf("E\t%s\t%s\t%s\t%s\n", $.tail.name, $.head.name, aget($, "tailport"), aget($, "headport"))} END_G{exit(0)}"#,
        path,
      ], stderr: .discard
    ).stdout
    var nodes = Set<String>()
    var ties: [String] = []
    var directed = false
    // gvpr writes names in the file's own charset: decode as the reader would.
    let text =
      DOTFormat.declaredCharset(try Data(contentsOf: URL(fileURLWithPath: path))) == nil
      ? String(decoding: data, as: UTF8.self) : String(data.map { Character(Unicode.Scalar($0)) })
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      switch f.first {
      case "D": directed = f[1] == "1"
      case "N": nodes.insert(f[1])
      case "E": ties.append(f[1...].joined(separator: "\t"))
      default: break
      }
    }
    return (nodes, ties.sorted(), directed)
  }

  @Test(readsInteropFiles("the real DOT files"), .enabled(if: gvpr != nil, "needs Graphviz's gvpr"))
  func everyRealFileReadsAsGraphvizReadsIt() throws {
    let folder = interopPath("realworld/dot")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    #expect(files.count == 19)
    for name in files {
      let path = folder + "/" + name
      let net = try DOTFormat.read(Data(contentsOf: URL(fileURLWithPath: path)), file: name)
      let gv = try graphviz(path)
      #expect(net.isDirected == gv.directed, "\(name)")
      #expect(Set(net.nodes.map(\.id)) == gv.nodes, "\(name)")
      let ours = net.ties.map { t -> String in
        let port = { (k: String) in t.attributes[k]?.description ?? "" }
        return [net.nodes[t.source].id, net.nodes[t.target].id, port("tailport"), port("headport")]
          .joined(separator: "\t")
      }.sorted()
      #expect(ours == gv.ties, "\(name)")
    }
  }

  /// gv_heawood_comments.gv writes `label="\N"` on every node, Graphviz's default: each node
  /// is labelled with its name (`dot -Tplain` draws 0 to 13, Graphviz 2.43).
  @Test(readsInteropFiles("the labels of gv_heawood_comments.gv"))
  func theNodeNameEscapeIsTheNodesName() throws {
    let net = try DOTFormat.read(
      interopData("realworld/dot/gv_heawood_comments.gv"), file: "gv_heawood_comments.gv")
    #expect(net.nodeCount == 14)
    #expect(net.nodes.allSatisfy { $0.label == $0.id }, "\(net.nodes.map(\.label))")
  }

  /// A cluster's label, colour and style, and `rank=same`, belong to their subgraph: they do
  /// not reach the root graph, and the subgraph keeps them with its members.
  @Test(readsInteropFiles("the clusters of gv_clust4.gv"))
  func clusterAttributesStayInTheirCluster() throws {
    let net = try DOTFormat.read(interopData("realworld/dot/gv_clust4.gv"), file: "gv_clust4.gv")
    #expect(net.attributes["label"] == nil)
    let c0 = try #require(net.subgraphs.first { $0.id == "cluster_0" })
    #expect(c0.attributes["label"] == .string("process #1"))
    #expect(c0.isCluster)
    #expect(Set(c0.members.map { net.nodes[$0].id }) == ["a0", "a1", "a2", "a3"])
    let world = try DOTFormat.read(
      interopData("realworld/dot/gv_world_rank_subgraphs.gv"), file: "world.gv")
    #expect(world.attributes["rank"] == nil)
    #expect(world.subgraphs.contains { $0.attributes["rank"] == .string("same") })
  }

  /// `strict` merges repeated ties as Graphviz does (36 of the 42 written, gvpr's count);
  /// several graphs in one file: the first is read, and the note says how to pick another.
  @Test(readsInteropFiles("gv_inet_strict.dot and gv_multi_two_graphs.gv"))
  func strictAndSeveralGraphs() throws {
    let inet = try DOTFormat.read(interopData("realworld/dot/gv_inet_strict.dot"), file: "inet.dot")
    #expect(inet.tieCount == 36)
    #expect(inet.readNotes.contains { $0.contains("strict graph: 6 repeated ties merged") })
    let two = try interopData("realworld/dot/gv_multi_two_graphs.gv")
    let first = try DOTFormat.read(two, file: "two.gv")
    #expect(
      first.readNotes.contains {
        $0.contains("the file holds 2 graphs; read graph 1") && $0.contains("--graph K")
      })
    let second = try DOTFormat.read(two, file: "two.gv", graph: 2)
    #expect(second.graphID != first.graphID)
    #expect(throws: FormatError.self) { try DOTFormat.read(two, file: "two.gv", graph: 3) }
  }

  /// `charset=latin1`: the ISO-8859-1 bytes of a label decode as Graphviz decodes them.
  @Test(readsInteropFiles("gv_latin1_charset.gv"))
  func latin1Charset() throws {
    let data = try interopData("realworld/dot/gv_latin1_charset.gv")
    #expect(DOTFormat.declaredCharset(data) == "iso-8859-1")
    let net = try DOTFormat.read(data, file: "latin1.gv")
    let label = net.nodes[0].attributes["label"]?.description ?? ""
    // The file's bytes above 0x7F, each one scalar of the same value.
    let high = data.filter { $0 >= 0x80 }.map { Unicode.Scalar($0) }
    #expect(!high.isEmpty)
    #expect(high.allSatisfy { label.unicodeScalars.contains($0) })
  }

  /// Every attribute Graphviz resolves for the graph, each node and each edge
  /// (Scripts/dot_attributes.g, through gvpr), sorted; the charset is left out, since a file
  /// written here is always UTF-8.
  func resolvedAttributes(_ path: String, latin1: Bool) throws -> [String] {
    let data = try runTool(
      Self.gvpr!,
      ["-f", packageRoot.appendingPathComponent("Scripts/dot_attributes.g").path, path],
      stderr: .discard
    ).stdout
    let text =
      latin1
      ? String(data.map { Character(Unicode.Scalar($0)) }) : String(decoding: data, as: UTF8.self)
    return text.split(separator: "\n").map(String.init).sorted()
  }

  /// A line of Scripts/dot_attributes.g with the names in a label expanded as Graphviz draws
  /// them: `N name label=\N` as `N name label=name`, and an edge's `\T`, `\H` and `\E`.
  static func expandingLabelNames(_ line: String, _ net: Network) -> String {
    let graph = net.graphID ?? ""
    // `N name key=value` (a node's line, split in three) or `E tail head key=value` (four).
    let node = line.split(separator: " ", maxSplits: 2).map(String.init)
    if node.count == 3, node[0] == "N", let eq = node[2].firstIndex(of: "=") {
      let key = String(node[2][..<eq])
      guard DOTFormat.Parser.labelAttributes.contains(key) else { return line }
      let value = String(node[2][node[2].index(after: eq)...])
      return "N \(node[1]) \(key)="
        + DOTFormat.Parser.expandingNames(value, ["N": node[1], "G": graph])
    }
    let parts = line.split(separator: " ", maxSplits: 3).map(String.init)
    if parts.count == 4, parts[0] == "E", let eq = parts[3].firstIndex(of: "=") {
      let key = String(parts[3][..<eq])
      guard DOTFormat.Parser.labelAttributes.contains(key) else { return line }
      let value = String(parts[3][parts[3].index(after: eq)...])
      let edge = "\(parts[1])\(net.isDirected ? "->" : "--")\(parts[2])"
      return "E \(parts[1]) \(parts[2]) \(key)="
        + DOTFormat.Parser.expandingNames(
          value, ["T": parts[1], "H": parts[2], "E": edge, "G": graph])
    }
    return line
  }

  /// DOT to DOT keeps every node, edge and graph attribute as Graphviz resolves them, so the
  /// drawing Graphviz makes from the converted file is the same drawing.
  @Test(
    readsInteropFiles("the real DOT files written back"),
    .enabled(if: gvpr != nil, "needs Graphviz's gvpr"))
  func dotWrittenBackDrawsTheSame() throws {
    let folder = interopPath("realworld/dot")
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "dot-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() {
      let path = folder + "/" + name
      let data = try Data(contentsOf: URL(fileURLWithPath: path))
      let net = try DOTFormat.read(data, file: name)
      let out = dir.appendingPathComponent(name).path
      try DOTFormat.write(net).write(toFile: out, atomically: true, encoding: .utf8)
      // A label's name escapes (`\N`) are read as the names they stand for, which Graphviz
      // draws the same: the original's are expanded here as Graphviz expands them to draw.
      let original = try resolvedAttributes(path, latin1: DOTFormat.declaredCharset(data) != nil)
        .map { Self.expandingLabelNames($0, net) }
      let written = try resolvedAttributes(out, latin1: false).map {
        Self.expandingLabelNames($0, net)
      }
      let differ = Set(original).symmetricDifference(written).sorted()
      #expect(
        differ.isEmpty && original.count == written.count,
        "\(name): \(differ.count) lines differ, such as \(differ.prefix(4))")
    }
  }
}
