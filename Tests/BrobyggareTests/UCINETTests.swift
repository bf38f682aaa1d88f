import Foundation
import Testing

@testable import Brobyggare

/// UCINET DL, compared with igraph's reading (Graph.Read_DL, igraph from PyPI, run by
/// Scripts/ucinet_with_igraph.py with the peers' python) on the real files and on what
/// Brobyggare writes.
@Suite("UCINET DL")
struct UCINETTests {
  struct IgraphReading: Decodable {
    struct File: Decodable {
      var directed: Bool
      var nodes: [String]
      var edges: [[JSONScalar]]
    }
    var igraph: String
    var files: [String: File]
  }

  enum JSONScalar: Decodable, Equatable {
    case text(String)
    case number(Double)
    case null
    init(from decoder: Decoder) throws {
      let c = try decoder.singleValueContainer()
      if c.decodeNil() {
        self = .null
      } else if let d = try? c.decode(Double.self) {
        self = .number(d)
      } else {
        self = .text(try c.decode(String.self))
      }
    }
  }

  func igraph(_ paths: [String]) throws -> IgraphReading {
    let r = try runTool(
      "/usr/bin/env",
      [pythonForPeers(), packageRoot.appendingPathComponent("Scripts/ucinet_with_igraph.py").path]
        + paths, stderr: .inherit)
    #expect(r.status == 0)
    return try JSONDecoder().decode(IgraphReading.self, from: r.stdout)
  }

  /// Our reading as igraph's: node names in order, and edges with their weights.
  func compare(_ net: Network, _ ref: IgraphReading.File, _ name: String) {
    #expect(net.isDirected == ref.directed, "\(name)")
    #expect(net.nodes.map(\.id) == ref.nodes, "\(name)")
    let ours = net.ties.map { t in
      [
        JSONScalar.text(net.nodes[t.source].id), .text(net.nodes[t.target].id),
        t.trust.map { .number($0) } ?? .null,
      ]
    }
    let sort = { (e: [[JSONScalar]]) in e.map { "\($0)" }.sorted() }
    #expect(sort(ours) == sort(ref.edges), "\(name)")
  }

  @Test(readsInteropFiles("the real UCINET files"))
  func realFilesReadAsIgraphReadsThem() throws {
    let files = [
      "realworld/ucinet/igraph_fullmatrix4.dl", "realworld/ucinet/igraph_edgelist1_input.dl",
    ].map(interopPath)
    let ref = try igraph(files)
    for path in files {
      let net = try UCINETFormat.read(Data(contentsOf: URL(fileURLWithPath: path)), file: path)
      compare(net, ref.files[path]!, path)
    }
    // Row labels differ in case from the column labels ("Larry", "larry"): one node each, spelt
    // as the columns are (igraph's choice).
    let four = try UCINETFormat.read(Data(contentsOf: URL(fileURLWithPath: files[0])), file: "4.dl")
    #expect(four.nodes.map(\.id) == ["larry", "david", "lin", "pat", "russ"])
  }

  /// What Brobyggare writes, igraph reads with the same nodes, ties and weights; and it reads
  /// back the same here, undirected with --undirected.
  @Test func writtenFilesReadTheSameInIgraph() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "dl-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    var net = Network(directed: true)
    // igraph reads labels without spaces only (a quoted "Åsa Öberg" is two labels to it).
    for (a, b, w) in [
      ("Åsa_Öberg", "b", 0.5), ("b", "c", 2.0), ("c", "Åsa_Öberg", 1.0), ("d", "b", 0.25),
    ] {
      net.addTie(from: a, to: b, trust: w)
    }
    _ = net.node(withID: "isolate")
    let file = dir.appendingPathComponent("w.dl").path
    try UCINETFormat.write(net).text.write(toFile: file, atomically: true, encoding: .utf8)
    let back = try UCINETFormat.read(Data(contentsOf: URL(fileURLWithPath: file)), file: file)
    compare(back, try igraph([file]).files[file]!, "written")
    #expect(back.nodes.map(\.id) == net.nodes.map(\.id))
    #expect(back.ties.map(\.trust) == net.ties.map(\.trust))
    // Undirected: written symmetric, read back undirected on request, each tie once.
    var u = Network(directed: false)
    u.addTie(from: "a", to: "b")
    u.addTie(from: "b", to: "c")
    let (text, dropped) = try UCINETFormat.write(u)
    #expect(
      dropped.contains {
        $0.contains("cannot say that the ties are undirected: read it back with --undirected")
      })
    let directed = try UCINETFormat.read(Data(text.utf8), file: "u.dl")
    #expect(directed.tieCount == 4)
    #expect(directed.readNotes.contains { $0.contains("the ties are symmetric") })
    let undirected = try UCINETFormat.read(Data(text.utf8), file: "u.dl", directed: false)
    #expect(!undirected.isDirected && undirected.tieCount == 2)
    // A label with a space or a comma is quoted, as UCINET reads it, and reads back whole.
    var spaced = Network(directed: true)
    spaced.addTie(from: "Åsa Öberg", to: "Berg, Per")
    let again = try UCINETFormat.read(Data(try UCINETFormat.write(spaced).text.utf8), file: "q.dl")
    #expect(again.nodes.map(\.id) == ["Åsa Öberg", "Berg, Per"])
  }

  /// Several matrices are layers; nodelist1; a two-mode matrix; errors at their place.
  @Test func layersNodelistsTwoModeAndErrors() throws {
    let two =
      "dl n=3 nm=2\nformat = fullmatrix\nlabels:\na,b,c\nmatrix labels:\ntrust,advice\ndata:\n0 1 0\n0 0 1\n0 0 0\n0 0 0\n1 0 0\n0 1 0\n"
    let net = try UCINETFormat.read(Data(two.utf8), file: "two.dl")
    #expect(net.layers == ["advice", "trust"])
    #expect(net.ties.filter { $0.layer == "trust" }.count == 2)
    let nodelist = try UCINETFormat.read(
      Data("dl n=4\nformat = nodelist1\nlabels embedded\ndata:\na b c\nd a\n".utf8), file: "n.dl")
    #expect(nodelist.tieCount == 3)
    let bipartite = try UCINETFormat.read(
      Data("dl nr=2 nc=3\nformat = fullmatrix\ndata:\n1 0 1\n0 1 1\n".utf8), file: "b.dl")
    #expect(bipartite.nodeCount == 5 && bipartite.tieCount == 4)
    #expect(Set(bipartite.nodes.map(\.id)) == ["r1", "r2", "c1", "c2", "c3"])
    #expect(bipartite.nodes.filter { $0.attributes["mode"] == .string("row") }.count == 2)
    let short = #expect(throws: FormatError.self) {
      try UCINETFormat.read(
        Data("dl n=3\nformat = fullmatrix\ndata:\n0 1 0\n1 0\n".utf8), file: "s.dl")
    }
    #expect(short?.line == 5)
    #expect(short?.message.contains("this row has 2 values; the matrix has 3 columns") == true)
    let negative = #expect(throws: FormatError.self) {
      try UCINETFormat.read(Data("dl n=2\ndata:\n0 -1\n0 0\n".utf8), file: "neg.dl")
    }
    #expect(negative?.message.contains("negative") == true)
    // A million nodes from 19 bytes: more than a file of this size describes.
    let huge = #expect(throws: FormatError.self) {
      try UCINETFormat.read(Data("dl n=1000000\ndata:\n".utf8), file: "h.dl")
    }
    #expect(huge?.message.contains("declares more nodes than a file of this size") == true)
    // A full matrix of more than 10^9 cells is refused before it is read, from any file size.
    let cells = #expect(throws: FormatError.self) {
      try UCINETFormat.read(
        Data(("dl n=40000\ndata:\n" + String(repeating: " ", count: 3_000)).utf8), file: "c.dl")
    }
    #expect(cells?.message.contains("more than the 10^9 read here") == true)
  }

  /// Found by fuzzing: labels that spell a keyword or its punctuation (`data`, `:`) are quoted,
  /// and read back as labels.
  @Test func labelsThatSpellKeywords() throws {
    var net = Network(directed: true)
    for (a, b) in [("data", ":"), ("labels", "n"), ("format", "="), ("'q", "x!")] {
      net.addTie(from: a, to: b)
    }
    let back = try UCINETFormat.read(Data(try UCINETFormat.write(net).text.utf8), file: "k.dl")
    #expect(back.nodes.map(\.id) == net.nodes.map(\.id))
    #expect(back.ties.map { [$0.source, $0.target] } == net.ties.map { [$0.source, $0.target] })
  }

  /// A tie of trust 0 is not written (a DL file reads a 0 as no tie), as the note says; it was
  /// written as `1 2 0` and dropped without a word on reading. A listed pair of value 0 in a
  /// DL file is no tie, said in a note.
  @Test func zeroTrustIsLeftOutAndSaid() throws {
    var net = Network(directed: true)
    net.addTie(from: "a", to: "b", trust: 0)
    net.addTie(from: "b", to: "c", trust: 2)
    net.addTie(from: "c", to: "a", trust: 0)
    let (text, dropped) = try UCINETFormat.write(net)
    #expect(text.hasSuffix("data:\n2 3 2\n"))
    #expect(
      dropped.contains(
        "UCINET DL cannot hold ties of trust 0 (a DL file reads 0 as no tie): 2 not written"))
    let listed = "dl n=3\nformat = edgelist1\nlabels:\na,b,c\ndata:\n1 2 0\n2 3 2\n"
    let back = try UCINETFormat.read(Data(listed.utf8), file: "z.dl")
    #expect(back.ties.map { [$0.source, $0.target] } == [[1, 2]])
    #expect(
      back.readNotes.contains(
        "1 listed pair has the value 0 and is read as no tie, as UCINET reads a 0 (igraph's DL reader keeps them as ties of weight 0)"
      ))
  }
}
