import Foundation
import Testing

@testable import Brobyggare

/// Reading tables as researchers save them: direction in a `type` column, encodings other than
/// UTF-8, column names of their own, ids with spaces around them, and errors that say all that
/// is wrong at once.
@Suite("CSV input as saved")
struct CSVInputTests {
  static let padgettGraphML = packageRoot.appendingPathComponent("Datasets/padgett/padgett.graphml")
    .path

  /// Medici's betweenness on the marriage layer.
  static func mediciMarriageBetweenness(_ net: Network) throws -> Double {
    try net.betweenness(selection: TieSelection(layers: ["marriage"]))[net.index(of: "Medici")!]
  }

  // MARK: Direction through CSV

  /// Padgett's undirected network written as CSV and read back stays undirected. Medici's
  /// marriage-layer betweenness is 47.5 undirected and 10.5 if the ties were read as directed
  /// (networkx 3.6.1: betweenness_centrality(normalized=False) on florentine_families_graph(),
  /// and on a DiGraph of the same 20 marriage ties as padgett.csv lists them).
  @Test func undirectedNetworkKeepsItsDirectionThroughCSV() throws {
    let original = try Network(contentsOf: Self.padgettGraphML)
    #expect(!original.isDirected)
    let ties = try CSVFormat.writeTies(original)
    let lines = ties.split(separator: "\n")
    #expect(lines[0] == "source,target,type,layer")
    #expect(lines.dropFirst().allSatisfy { $0.split(separator: ",")[2] == "Undirected" })
    let back = try CSVFormat.read(
      ties: Data(ties.utf8), file: "p.csv", nodes: Data(CSVFormat.writeNodes(original).utf8))
    #expect(!back.isDirected)
    #expect(back.readNotes.contains("read as undirected, as the tie table's type column says"))
    #expect(try Self.mediciMarriageBetweenness(back) == 47.5)
    // Without the column, as before, the ties are directed.
    let untyped = ties.replacingOccurrences(of: ",Undirected", with: "").replacingOccurrences(
      of: ",type", with: "")
    let directed = try CSVFormat.read(ties: Data(untyped.utf8), file: "p.csv")
    #expect(directed.isDirected)
    #expect(try Self.mediciMarriageBetweenness(directed) == 10.5)
  }

  /// The shipped padgett.csv carries its direction too: read with no option, it is undirected.
  @Test func shippedUndirectedTablesSayUndirected() throws {
    for name in ["padgett", "davis", "zachary"] {
      let path = packageRoot.appendingPathComponent("Datasets/\(name)/\(name).csv").path
      let net = try Network(contentsOf: path)
      #expect(!net.isDirected, "\(name)")
    }
    let padgett = try Network(
      contentsOf: packageRoot.appendingPathComponent("Datasets/padgett/padgett.csv").path)
    #expect(try Self.mediciMarriageBetweenness(padgett) == 47.5)
  }

  /// A directed network writes `Directed`; Gephi's capitalised `Type` header and any case of
  /// the values read.
  @Test func directedTypeAndGephiSpelling() throws {
    var net = Network(directed: true)
    net.addTie(from: "a", to: "b")
    #expect(try CSVFormat.writeTies(net) == "source,target,type\na,b,Directed\n")
    let gephi = try csvNetwork(
      "Source,Target,Type,Weight\na,b,UNDIRECTED,1\nb,c, undirected ,2\n", directed: nil)
    #expect(!gephi.isDirected)
    #expect(gephi.tieAttributes.isEmpty, "the type column is not kept as an attribute")
    let lower = try csvNetwork("source,target,type\na,b,directed\n", directed: nil)
    #expect(lower.isDirected)
  }

  /// A network has one direction. A mixed table reads as directed, each Undirected tie both
  /// ways (as Gephi draws a mixed graph): 3 Undirected rows and 1 Directed give 7 arcs. Read
  /// as undirected, the first Directed row is the error's place.
  @Test func mixedTypeColumn() throws {
    let text = "source,target,type\na,b,Undirected\nb,c,Undirected\nc,d,Directed\nd,e,Undirected\n"
    let net = try csvNetwork(text, directed: nil)
    #expect(net.isDirected)
    #expect(net.tieCount == 7)
    #expect(net.readNotes.contains { $0.contains("mixes Directed and Undirected") })
    let e = formatError { try csvNetwork(text, directed: false) }
    #expect(e?.line == 4)
    #expect(e?.column == 5)
    #expect(e?.message.contains("this tie is Directed but the one on line 2 is Undirected") == true)
  }

  /// An asked-for direction that the column contradicts is an error naming both.
  @Test func askedDirectionAgainstTheTypeColumnIsAnError() {
    let undirected = formatError {
      try csvNetwork("source,target,type\na,b,Directed\n", directed: false)
    }
    #expect(undirected?.line == 2)
    #expect(undirected?.message.contains("says Directed") == true)
    #expect(undirected?.message.contains("--undirected") == true)
    let directed = formatError {
      try csvNetwork("source,target,type\na,b,Undirected\n", directed: true)
    }
    #expect(directed?.message.contains("says Undirected") == true)
    #expect(directed?.message.contains("directed") == true)
    // Agreeing is fine.
    #expect(
      formatError { try csvNetwork("source,target,type\na,b,Undirected\n", directed: false) } == nil
    )
  }

  @Test func otherTypeValuesAreErrorsAtTheirPlace() {
    let e = formatError {
      try csvNetwork("source,target,type\na,b,Directed\nb,c,friend\n", directed: nil)
    }
    #expect(e?.line == 3)
    #expect(e?.column == 5)
    #expect(e?.message.contains("'friend' is neither Directed nor Undirected") == true)
    let empty = formatError { try csvNetwork("source,target,type\na,b,\n", directed: nil) }
    #expect(empty?.line == 2)
  }

  /// A tie attribute named `type` would clash with the direction column: CSV writes it under
  /// another name (and says so, in ``Network/lostWhenWritten(as:)``); the table writer alone
  /// refuses it.
  @Test func tieAttributeNamedTypeIsWrittenUnderAnotherNameToCSV() throws {
    var net = Network(directed: true)
    net.declareTieAttribute(AttributeDeclaration(name: "Type", type: .string))
    net.addTie(from: "a", to: "b", attributes: ["Type": .string("kin")])
    #expect(
      try net.serialized(as: .csv, path: "x.csv").first?.contents
        == "source,target,type,Type_2\na,b,Directed,kin\n")
    #expect(
      net.lostWhenWritten(as: .csv).contains(
        "the tie attribute 'Type' is written as 'Type_2': a tie table's type column says the direction of the ties (as Gephi reads it)"
      ))
    #expect(throws: FormatError.self) { try CSVFormat.writeTies(net) }
    #expect(try net.serialized(as: .graphml, path: "x.graphml").count == 1)
  }

  // MARK: Encodings

  /// "källa;mål;tillit" as Excel's "CSV (semicolon)" saves it on Swedish Windows: Windows-1252,
  /// with a decimal comma. Bytes: k=6B ä=E4 l=6C a=61 ;=3B m=6D å=E5 ...; € is 0x80 and the
  /// curly quotes 0x93 0x94 in Windows-1252 (U+0080, U+0093, U+0094 in ISO-8859-1).
  static let swedish1252: [UInt8] =
    [
      0x6B, 0xE4, 0x6C, 0x6C, 0x61, 0x3B, 0x6D, 0xE5, 0x6C, 0x3B, 0x74, 0x69, 0x6C, 0x6C, 0x69,
      0x74, 0x0A,
    ]  // källa;mål;tillit
    // Åsa;Örjan;0,8
    + [0xC5, 0x73, 0x61, 0x3B, 0xD6, 0x72, 0x6A, 0x61, 0x6E, 0x3B, 0x30, 0x2C, 0x38, 0x0A]
    + [
      0x80, 0x2D, 0x66, 0x6F, 0x6E, 0x64, 0x65, 0x6E, 0x3B, 0x93, 0x42, 0x6F, 0x94, 0x3B, 0x31,
      0x0A,
    ]  // €-fonden;“Bo”;1

  static let swedishColumns = CSVFormat.Columns(source: "källa", target: "mål", trust: "tillit")

  @Test func windows1252WithTheResearchersColumnNames() throws {
    let net = try CSVFormat.read(
      ties: Data(Self.swedish1252), file: "sv.csv", encoding: .windows1252,
      columns: Self.swedishColumns)
    #expect(net.nodes.map(\.id) == ["Åsa", "Örjan", "€-fonden", "\u{201C}Bo\u{201D}"])
    #expect(net.ties.map(\.trust) == [0.8, 1])
    #expect(net.trustAttributeName == "tillit")
    // ISO-8859-1 reads the same bytes as C1 control characters where Windows-1252 has € and quotes.
    let latin = try CSVFormat.read(
      ties: Data(Self.swedish1252), file: "sv.csv", encoding: .latin1, columns: Self.swedishColumns)
    #expect(latin.nodes.map(\.id) == ["Åsa", "Örjan", "\u{80}-fonden", "\u{93}Bo\u{94}"])
  }

  /// Without --encoding the first byte that is not UTF-8 is named at its place, with the likely
  /// fix.
  @Test func invalidUTF8NamesWindows1252AsTheLikelyFix() {
    let e = formatError { try CSVFormat.read(ties: Data(Self.swedish1252), file: "sv.csv") }
    #expect(e?.line == 1)
    #expect(e?.column == 2)
    #expect(e?.message.contains("byte 0xE4 is not valid UTF-8") == true)
    #expect(e?.message.contains("--encoding windows-1252") == true)
    let edges = formatError {
      try EdgeListFormat.read(
        Data([0x61, 0x20, 0x62, 0x0A, 0x63, 0x20, 0xF6, 0x0A]), file: "x.edgelist", directed: true)
    }
    #expect(edges?.line == 2)
    #expect(edges?.column == 3)
    #expect(edges?.message.contains("--encoding windows-1252") == true)
  }

  /// Windows-1252's 0x80–0x9F against Python 3.11's cp1252 codec (bytes([b]).decode("cp1252"));
  /// the five bytes it leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) are errors at their place.
  @Test func windows1252TableMatchesPython() throws {
    let python: [UInt32?] = [
      0x20AC, nil, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160, 0x2039,
      0x152, nil, 0x17D, nil,
      nil, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x2DC, 0x2122, 0x161, 0x203A,
      0x153, nil, 0x17E, 0x178,
    ]
    for (k, expected) in python.enumerated() {
      let byte = UInt8(0x80 + k)
      if let expected {
        let text = try TextEncoding.windows1252.decode([0x61, byte], file: "t")
        #expect(
          Array(String(decoding: text, as: UTF8.self).unicodeScalars.map(\.value)) == [
            0x61, expected,
          ], "byte \(byte)")
      } else {
        let e = formatError {
          try TextEncoding.windows1252.decode([0x61, 0x0A, 0x62, byte], file: "t")
        }
        #expect(e?.line == 2 && e?.column == 2, "byte \(byte)")
      }
    }
    // Every other byte is the character of the same number, as in ISO-8859-1.
    let rest = (UInt8(1)...0xFF).filter { $0 < 0x80 || $0 > 0x9F }
    #expect(
      try TextEncoding.windows1252.decode(rest, file: "t")
        == TextEncoding.latin1.decode(rest, file: "t"))
    #expect(
      String(decoding: try TextEncoding.latin1.decode([0xE4, 0xFF], file: "t"), as: UTF8.self)
        == "äÿ")
  }

  @Test func utf16WithAndWithoutMark() throws {
    let text = "source,target\nÅsa,Örjan\n"
    let le = Data(text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
    let be = Data([0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
    for data in [le, be, Data([0xFF, 0xFE]) + le] {
      let net = try CSVFormat.read(ties: data, file: "u.csv", encoding: .utf16)
      #expect(net.nodes.map(\.id) == ["Åsa", "Örjan"])
    }
    // Without a mark and without --encoding: named, with the fix.
    let e = formatError { try CSVFormat.read(ties: le, file: "u.csv") }
    #expect(e?.message.contains("--encoding utf-16") == true)
    // An odd number of bytes, and a lone surrogate, at their place.
    let odd = formatError {
      try CSVFormat.read(ties: le + Data([0x41]), file: "u.csv", encoding: .utf16)
    }
    #expect(odd?.line == 3)
    let lone = formatError {
      try CSVFormat.read(
        ties: Data([0x61, 0x00, 0x0A, 0x00, 0x00, 0xD8, 0x62, 0x00]), file: "u.csv",
        encoding: .utf16)
    }
    #expect(lone?.line == 2 && lone?.column == 1)
  }

  /// A byte-order mark that contradicts the encoding named is an error, not a guess.
  @Test func markAgainstTheNamedEncodingIsAnError() {
    let bom = Data([0xEF, 0xBB, 0xBF] + Array("source,target\na,b\n".utf8))
    let e = formatError { try CSVFormat.read(ties: bom, file: "b.csv", encoding: .windows1252) }
    #expect(e?.message.contains("UTF-8 byte-order mark") == true)
    #expect(e?.message.contains("windows-1252") == true)
    #expect(formatError { try CSVFormat.read(ties: bom, file: "b.csv", encoding: .utf8) } == nil)
  }

  @Test func edgeListsAndInterviewTablesTakeTheEncoding() throws {
    // "Åsa Örjan 2" in Windows-1252: Å=C5, Ö=D6.
    let edges = try EdgeListFormat.read(
      Data([0xC5, 0x73, 0x61, 0x20, 0xD6, 0x72, 0x6A, 0x61, 0x6E, 0x20, 0x32, 0x0A]),
      file: "x.edgelist", directed: true, encoding: .windows1252)
    #expect(edges.nodes.map(\.id) == ["Åsa", "Örjan"])
    // A roster and nominations with "Göran Öberg" (ö=F6, Ö=D6).
    let roster = try InterviewFiles.roster(
      Data(
        Array("id,label\np1,".utf8) + [
          0x47, 0xF6, 0x72, 0x61, 0x6E, 0x20, 0xD6, 0x62, 0x65, 0x72, 0x67, 0x0A,
        ]),
      file: "roster.csv", encoding: .windows1252)
    #expect(roster.entries.map(\.label) == ["Göran Öberg"])
    let nominations = try InterviewFiles.nominations(
      Data(
        Array("respondent,alter,rating\np2,".utf8) + [
          0x47, 0xF6, 0x72, 0x61, 0x6E, 0x2C, 0x34, 0x0A,
        ]),
      file: "nominations.csv", encoding: .latin1)
    #expect(nominations.map(\.alter) == ["Göran"])
    #expect(
      formatError {
        try InterviewFiles.nominations(
          Data(Array("respondent,alter,rating\np2,".utf8) + [0xF6, 0x2C, 0x34, 0x0A]), file: "n.csv"
        )
      }?
      .message.contains("--encoding windows-1252") == true)
  }

  @Test func encodingNames() {
    #expect(TextEncoding(name: "UTF-8") == .utf8)
    #expect(TextEncoding(name: "cp1252") == .windows1252)
    #expect(TextEncoding(name: "ISO-8859-1") == .latin1)
    #expect(TextEncoding(name: "utf16") == .utf16)
    #expect(TextEncoding(name: "ebcdic") == nil)
    #expect(TextEncoding.allCases.map(\.rawValue) == ["utf-8", "windows-1252", "latin1", "utf-16"])
  }

  // MARK: Column names

  @Test func namedColumnsForNodeTables() throws {
    let net = try CSVFormat.read(
      ties: Data("från;till;lager\nk1;k2;samarbete\n".utf8), file: "t.csv",
      nodes: Data("nr;namn;sektor\nk1;Kommunen;kommun\nk2;Polisen;polis\n".utf8),
      nodesFile: "n.csv",
      columns: CSVFormat.Columns(
        source: "Från", target: "TILL", layer: "lager", id: "nr", label: "namn"))
    #expect(net.nodes.map(\.label) == ["Kommunen", "Polisen"])
    #expect(net.nodeAttributes.map(\.name) == ["label", "sektor"])
    #expect(net.ties[0].layer == "samarbete")
  }

  /// A named column the header lacks lists the columns there are, and the closest when close.
  @Test func missingNamedColumnListsTheColumns() {
    let close = formatError {
      try CSVFormat.read(
        ties: Data("källa;mål;tillit\na;b;1\n".utf8), file: "sv.csv",
        columns: CSVFormat.Columns(source: "kalla"))
    }
    #expect(close?.line == 1)
    #expect(
      close?.message
        == "there is no column 'kalla' (named by --source-column); the columns are källa, mål, tillit; did you mean 'källa'?"
    )
    let far = formatError {
      try CSVFormat.read(
        ties: Data("källa;mål;tillit\na;b;1\n".utf8), file: "sv.csv",
        columns: CSVFormat.Columns(source: "källa", target: "mål", trust: "weight"))
    }
    #expect(
      far?.message
        == "there is no column 'weight' (named by --trust-column); the columns are källa, mål, tillit"
    )
    // A named layer column beside a column called layer would read two columns as one.
    let twice = formatError {
      try CSVFormat.read(
        ties: Data("source,target,lager,layer\na,b,x,y\n".utf8), file: "t.csv",
        columns: CSVFormat.Columns(layer: "lager"))
    }
    #expect(twice?.message.contains("also has a column 'layer'") == true)
  }

  /// Column names are for CSV; a GraphML file with them, or with an encoding, is refused.
  @Test func columnsAndEncodingAreRefusedForOtherFormats() {
    let columns = formatError {
      try Network(
        contentsOf: Self.padgettGraphML, options: .init(columns: CSVFormat.Columns(source: "from")))
    }
    #expect(columns?.message.contains("for CSV tables") == true)
    let encoding = formatError {
      try Network(contentsOf: Self.padgettGraphML, options: .init(encoding: .windows1252))
    }
    #expect(encoding?.message.contains("GraphML declares its own") == true)
  }

  /// A space-separated table gets pointed to the edge-list format, not told that its header is
  /// one column.
  @Test func spaceDelimitedTableIsPointedToEdgeLists() throws {
    let e = formatError { try csvNetwork("source target weight\na b 1\nb c 2\n") }
    #expect(e?.line == 1)
    #expect(e?.message.contains("looks space-delimited") == true)
    #expect(e?.message.contains("--input-format edgelist") == true)
    let nodes = formatError { try csvNetwork("source,target\na,b\n", nodes: "id label\na A\n") }
    #expect(nodes?.message.contains("looks space-delimited") == true)
    // As an edge list, with the header made a comment as the message says, the file reads.
    #expect(
      try EdgeListFormat.read(
        Data("# source target weight\na b 1\nb c 2\n".utf8), file: "x", directed: true
      ).tieCount == 2)
    // Gephi's table of four columns with a quoted timeset (the real-world corpus's
    // gephi_import_space_delimited_timeset.csv): an edge list cannot hold it, and the message
    // sent there, where the quoted value split at its space.
    let gephi = formatError {
      try csvNetwork(
        "Source Target Type timeset\nFred Alice Directed \"[2016-02-03, 2016-02-04]\"\n")
    }
    #expect(
      gephi?.message.contains(
        "an edge list (ties separated by spaces) holds a source, a target and a weight only, and this table has 4 columns: save it with ',', ';' or a tab between the columns"
      ) == true, "\(String(describing: gephi))")
    #expect(gephi?.message.contains("--input-format edgelist") == false)
    // A header of column names is read as one, with a note (it was once a tie between nodes
    // named 'source' and 'target'); another first line that is no tie still gets the hint.
    let headed = try EdgeListFormat.read(
      Data("source target weight\na b 1\n".utf8), file: "x", directed: true)
    #expect(headed.nodeCount == 2 && headed.tieCount == 1)
    #expect(headed.readNotes.contains { $0.contains("names the columns: read as a header") })
    let other = formatError {
      try EdgeListFormat.read(Data("alpha beta gamma\na b 1\n".utf8), file: "x", directed: true)
    }
    #expect(other?.message.contains("make it a comment: '# alpha beta gamma'") == true)
  }

  // MARK: Ids

  /// Spaces around ids are trimmed in source, target and the node table's id, with one note
  /// for all of them; an id quoted with its spaces keeps them, as the writer quotes such ids.
  @Test func idsAreTrimmedWithOneNote() throws {
    let net = try csvNetwork(
      "source,target\n Medici,Strozzi \nStrozzi,\" Pazzi \"\n",
      nodes: "id,label\nMedici ,M\nStrozzi,S\n\" Pazzi \",P\n")
    #expect(net.nodes.map(\.id) == ["Medici", "Strozzi", " Pazzi "])
    #expect(net.tieCount == 2)
    #expect(
      net.readNotes == [
        "3 ids had spaces around them and were trimmed (the first: 'Medici ' on line 2 of nodes.csv)"
      ])
    let one = try csvNetwork("source,target\na, b\n")
    #expect(
      one.readNotes == [
        "1 id had spaces around it and was trimmed (the first: ' b' on line 2 of ties.csv)"
      ])
    #expect(try csvNetwork("source,target\na,b\n").readNotes.isEmpty)
  }

  /// Ties to nodes missing from the node table: one error lists every id with its lines.
  @Test func missingNodesAreListedTogether() {
    let e = formatError {
      try csvNetwork("source,target\na,b\nzz,a\nb,yy\nzz,yy\na,b\n", nodes: "id\na\nb\n")
    }
    #expect(e?.line == 3)
    #expect(e?.column == 1)
    #expect(
      e?.message
        == "2 ids in the ties are not in the node table: 'zz' (lines 3, 5), 'yy' (lines 4, 5)")
    // One id on one line reads as before.
    let one = formatError { try csvNetwork("source,target\na,zz\n", nodes: "id\na\n") }
    #expect(one?.message == "the target 'zz' is not in the node table")
    #expect(one?.column == 3)
  }

  @Test func manyMissingNodesStopAtTwenty() {
    let ties = "source,target\n" + (1...25).map { "a,m\($0)\n" }.joined()
    let e = formatError { try csvNetwork(ties, nodes: "id\na\n") }
    #expect(e?.line == 2)
    #expect(
      e?.message.hasPrefix(
        "25 ids in the ties are not in the node table: 'm1' (line 2), 'm2' (line 3),") == true)
    #expect(e?.message.contains("'m20' (line 21), and 5 more") == true)
    #expect(e?.message.contains("'m21'") == false)
  }
}
