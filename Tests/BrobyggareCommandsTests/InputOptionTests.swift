import Foundation
import Testing

@testable import BrobyggareCommands

/// The reading options on the command line: direction through CSV and edge lists, --encoding,
/// the column-name options, and the messages that replace silent guesses.
@Suite("Input options")
struct InputOptionTests {
  /// Medici's marriage-layer betweenness from `metrics` output.
  static func mediciBetweenness(_ outcome: BrobyggareCommandLine.Outcome) -> String? {
    let lines = outcome.stdout.split(separator: "\n")
    guard let header = lines.first?.split(separator: ","),
      let b = header.firstIndex(of: "betweenness")
    else { return nil }
    return lines.first { $0.hasPrefix("Medici,") }.map { String($0.split(separator: ",")[b]) }
  }

  /// Padgett converted to CSV and read back: the marriage-layer betweenness of the Medici is
  /// 47.5 as from the GraphML (networkx 3.6.1 betweenness_centrality(normalized=False) on the
  /// undirected florentine_families_graph()), not the 10.5 of the same ties read as directed
  /// (networkx 3.6.1 on a DiGraph of them), with no --undirected needed.
  @Test func convertToCSVKeepsTheDirection() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let csv = dir.appendingPathComponent("p.csv").path
    #expect(run("convert", padgett, csv).status == 0)
    #expect(
      try String(contentsOfFile: csv, encoding: .utf8).hasPrefix(
        "source,target,type,layer\nAcciaiuoli,Medici,Undirected,marriage\n"))
    let back = run("metrics", csv, "--layer", "marriage", "--measures", "betweenness")
    #expect(back.status == 0, "\(back.stderr)")
    #expect(Self.mediciBetweenness(back) == "47.5")
    #expect(
      back.stderr.contains("note: \(csv): read as undirected, as the tie table's type column says"))
    #expect(
      Self.mediciBetweenness(
        run("metrics", padgett, "--layer", "marriage", "--measures", "betweenness")) == "47.5")
    // The shipped CSV reads the same.
    let shipped = packageRoot.appendingPathComponent("Datasets/padgett/padgett.csv").path
    #expect(
      Self.mediciBetweenness(
        run("metrics", shipped, "--layer", "marriage", "--measures", "betweenness")) == "47.5")
  }

  /// --undirected against a column that says Directed is an error naming both; a column that
  /// mixes the two is an error at the first row that differs.
  @Test func undirectedAgainstTheTypeColumn() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let directed = dir.appendingPathComponent("d.csv")
    try "source,target,type\na,b,Directed\nb,c,Directed\n".write(
      to: directed, atomically: true, encoding: .utf8)
    let r = run("info", directed.path, "--undirected")
    #expect(r.status == 1)
    #expect(
      r.stderr.hasPrefix(
        "\(directed.path):2:5: error: the type column says Directed, but --undirected asks for an undirected network"
      ))
    #expect(run("info", directed.path).status == 0)
    let mixed = dir.appendingPathComponent("m.csv")
    try "source,target,type\na,b,Directed\nb,c,Undirected\n".write(
      to: mixed, atomically: true, encoding: .utf8)
    // A mixed table (Gephi's mixed graph) reads as directed, its Undirected ties each way,
    // and says so; with --undirected its Directed ties cannot be read: an error at the row.
    let m = run("info", mixed.path)
    #expect(m.status == 0)
    #expect(
      m.stderr.contains(
        "the type column mixes Directed and Undirected ties (a mixed graph): read as directed"))
    #expect(m.stdout.contains("ties: 3"))
    let mu = run("info", mixed.path, "--undirected")
    #expect(mu.status == 1)
    #expect(
      mu.stderr.hasPrefix(
        "\(mixed.path):3:5: error: this tie is Undirected but the one on line 2 is Directed"))
  }

  /// An edge list cannot hold direction: convert says so and how to read it back, and read
  /// back so, the Medici's betweenness is again 47.5 (networkx 3.6.1, as above).
  @Test func convertToAnEdgeListSaysHowToReadItBack() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let edges = dir.appendingPathComponent("p.edgelist").path
    let r = run("convert", padgett, edges)
    #expect(r.status == 0)
    #expect(
      r.stderr.contains(
        "note: \(edges): an edge list cannot say that the network is undirected; read it back with --undirected"
      ))
    // The marriage layer alone (an edge list has no layers), read back as the note says.
    let marriage = dir.appendingPathComponent("m.edgelist").path
    // marriage ties come first
    let ties = try String(contentsOfFile: edges, encoding: .utf8).split(separator: "\n").prefix(20)
    try (ties.joined(separator: "\n") + "\n").write(
      toFile: marriage, atomically: true, encoding: .utf8)
    #expect(
      Self.mediciBetweenness(run("metrics", marriage, "--undirected", "--measures", "betweenness"))
        == "47.5")
    // A directed network gets no note on direction (only on what else an edge list drops).
    let krack = run("convert", "krackhardt", dir.appendingPathComponent("k.edgelist").path)
    #expect(
      krack.status == 0 && !krack.stderr.contains("cannot say that the network is undirected"))
    #expect(krack.stderr.contains("edge list cannot hold the layers"))
  }

  /// A Swedish "CSV (semicolon)" from Excel on Windows: Windows-1252 bytes, the researcher's
  /// column names, a decimal comma. k=6B ä=E4 l=6C a=61 ;=3B m=6D å=E5 t=74 i=69; Å=C5, Ö=D6.
  static let swedish: [UInt8] =
    [
      0x6B, 0xE4, 0x6C, 0x6C, 0x61, 0x3B, 0x6D, 0xE5, 0x6C, 0x3B, 0x74, 0x69, 0x6C, 0x6C, 0x69,
      0x74, 0x0A,
    ]  // källa;mål;tillit
    // Åsa;Örjan;0,8
    + [0xC5, 0x73, 0x61, 0x3B, 0xD6, 0x72, 0x6A, 0x61, 0x6E, 0x3B, 0x30, 0x2C, 0x38, 0x0A]
    + [0xD6, 0x72, 0x6A, 0x61, 0x6E, 0x3B, 0x42, 0x6F, 0x3B, 0x31, 0x0A]  // Örjan;Bo;1

  @Test func windows1252AndTheResearchersColumnNames() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("sv.csv").path
    #expect(FileManager.default.createFile(atPath: file, contents: Data(Self.swedish)))
    // As UTF-8: the place of the first byte that is not, and the likely fix.
    let plain = run("info", file)
    #expect(plain.status == 1)
    #expect(
      plain.stderr
        == "\(file):1:2: error: byte 0xE4 is not valid UTF-8; a file saved by Excel on Windows is likely in Windows-1252: read it with --encoding windows-1252 (or save it as UTF-8)\n"
    )
    // Decoded, the header has no source column: the error names the option to use.
    let decoded = run("info", file, "--encoding", "windows-1252")
    #expect(decoded.status == 1)
    #expect(
      decoded.stderr.contains(
        "its columns are källa, mål, tillit (name others with --source-column and --target-column)")
    )
    let r = run(
      "metrics", file, "--encoding", "windows-1252", "--source-column", "källa", "--target-column",
      "mål",
      "--trust-column", "tillit", "--measures", "strength")
    #expect(r.status == 0, "\(r.stderr)")
    // Strength is the sum of the trust of a node's ties, counted by hand: Örjan 0.8 + 1.
    #expect(r.stdout == "id,label,strength\nÅsa,Åsa,0.8\nÖrjan,Örjan,1.8\nBo,Bo,1\n")
    #expect(r.stderr.contains("weight: tillit"))
    // A column name that is not there: the columns there are, and the closest.
    let typo = run(
      "info", file, "--encoding", "cp1252", "--source-column", "kalla", "--target-column", "mål")
    #expect(typo.status == 1)
    #expect(
      typo.stderr
        == "\(file):1:1: error: there is no column 'kalla' (named by --source-column); the columns are källa, mål, tillit; did you mean 'källa'?\n"
    )
  }

  @Test func optionsTheInputCannotUseAreUsageErrors() {
    let bad = run("info", padgett, "--encoding", "ebcdic")
    #expect(bad.status == 64)
    #expect(
      bad.stderr.contains(
        "--encoding takes one of utf-8, windows-1252, latin1, utf-16, not 'ebcdic'"))
    let columns = run("info", padgett, "--source-column", "from")
    #expect(columns.status == 64)
    #expect(columns.stderr.contains("--source-column is for CSV tables"))
    let encoding = run("info", "padgett", "--encoding", "latin1")
    #expect(encoding.status == 64)
    #expect(
      encoding.stderr.contains(
        "--encoding is for CSV tables and edge lists; the dataset 'padgett' is read as graphml"))
    let help = run("metrics", "--help").stdout
    for option in [
      "--encoding", "--source-column", "--target-column", "--trust-column", "--layer-column",
      "--id-column", "--label-column",
    ] {
      #expect(help.contains(option), "\(option)")
    }
  }

  /// A node table with its own id and label columns; ids with spaces around them are trimmed,
  /// with one note; ties to nodes the table lacks are listed in one error.
  @Test func nodeTableColumnsTrimmingAndMissingNodes() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ties = dir.appendingPathComponent("t.csv")
    let nodes = dir.appendingPathComponent("n.csv")
    try "source,target\n k1,k2\nk2 ,k3\n".write(to: ties, atomically: true, encoding: .utf8)
    try "nr,namn\nk1,Kommunen\nk2,Polisen\nk3 ,Föreningen\n".write(
      to: nodes, atomically: true, encoding: .utf8)
    let r = run(
      "metrics", ties.path, "--nodes", nodes.path, "--id-column", "nr", "--label-column", "namn",
      "--measures", "degree")
    #expect(r.status == 0, "\(r.stderr)")
    // The ties k1→k2 and k2→k3: degrees 1, 2, 1, counted by hand.
    #expect(r.stdout == "id,label,degree\nk1,Kommunen,1\nk2,Polisen,2\nk3,Föreningen,1\n")
    #expect(
      r.stderr.contains(
        "note: \(ties.path): 3 ids had spaces around them and were trimmed (the first: 'k3 ' on line 4 of \(nodes.path))"
      ))
    try "source,target\nk1,k9\nk8,k2\nk9,k1\n".write(to: ties, atomically: true, encoding: .utf8)
    let missing = run("info", ties.path, "--nodes", nodes.path, "--id-column", "nr")
    #expect(missing.status == 1)
    #expect(
      missing.stderr
        == "\(ties.path):2:4: error: 2 ids in the ties are not in the node table: 'k9' (lines 2, 4), 'k8' (line 3)\n"
    )
  }

  /// A table separated by spaces is pointed to the edge-list format.
  @Test func spaceDelimitedCSV() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("s.csv")
    try "source target weight\na b 1\nb c 2\n".write(to: file, atomically: true, encoding: .utf8)
    let r = run("info", file.path)
    #expect(r.status == 1)
    #expect(r.stderr.contains("looks space-delimited"))
    #expect(r.stderr.contains("--input-format edgelist"))
    try "# source target weight\na b 1\nb c 2\n".write(to: file, atomically: true, encoding: .utf8)
    #expect(run("info", file.path, "--input-format", "edgelist").status == 0)
  }

  /// `interviews --encoding` reads a roster and nominations saved in Windows-1252.
  @Test func interviewsTakeTheEncoding() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let roster = dir.appendingPathComponent("roster.csv").path
    let nominations = dir.appendingPathComponent("nominations.csv").path
    // "Göran Öberg" and "Åsa Ek" in Windows-1252: ö=F6, Ö=D6, Å=C5.
    let goran: [UInt8] = [0x47, 0xF6, 0x72, 0x61, 0x6E, 0x20, 0xD6, 0x62, 0x65, 0x72, 0x67]
    let asa: [UInt8] = [0xC5, 0x73, 0x61, 0x20, 0x45, 0x6B]
    #expect(
      FileManager.default.createFile(
        atPath: roster,
        contents: Data(
          Array("id,label,interviewed\np1,".utf8) + goran + Array(",true\np2,".utf8) + asa
            + Array(",true\n".utf8))))
    #expect(
      FileManager.default.createFile(
        atPath: nominations,
        contents: Data(
          Array("respondent,alter,rating\np1,".utf8) + asa + Array(",4\np2,".utf8) + goran
            + Array(",5\n".utf8))))
    let out = dir.appendingPathComponent("net.graphml").path
    let plain = run("interviews", nominations, "--roster", roster, "--scale", "1..5", "-o", out)
    #expect(plain.status == 1)
    #expect(plain.stderr.contains("--encoding windows-1252"))
    let r = run(
      "interviews", nominations, "--roster", roster, "--scale", "1..5", "-o", out, "--encoding",
      "windows-1252")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.contains("2 nodes (2 respondents"))
    #expect(r.stderr.contains("2 ties from 2 reports"))
    #expect(try String(contentsOfFile: out, encoding: .utf8).contains("Göran Öberg"))
  }
}
