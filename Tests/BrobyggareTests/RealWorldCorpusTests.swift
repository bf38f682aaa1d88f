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
    // A NUL byte in the middle of the text.
    "graphml/apoc_unicode_undeclared_keys.graphml": "the file contains a NUL byte",
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
