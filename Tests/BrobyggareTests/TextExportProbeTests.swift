import Foundation
import Testing

@testable import Brobyggare

/// Found by a probe of files as European researchers' tools write them: Excel's "Text
/// (tab-delimited)" export read as a space-separated edge list (names with spaces split, a
/// '#' cutting a name), and networkx's GraphML with a key per type of one weight refused.
/// Each test failed on the behaviour before the fix.
@Suite("Tab-separated text and networkx's typed keys")
struct TextExportProbeTests {
  func edges(_ text: String) throws -> Network {
    try EdgeListFormat.read(Data(text.utf8), file: "t.txt", directed: true)
  }

  /// `Klass 3` and `Klass 4` were one node `Klass` with weights 3 and 4; tab by tab they are
  /// two names, as networkx 3.6.1 reads them with `read_edgelist(delimiter="\t")` (4 nodes,
  /// 3 edges, no weights).
  @Test func tabSeparatedNamesKeepTheirSpaces() throws {
    let net = try edges("source\ttarget\r\nÅsa\tKlass 3\r\nBjörn\tKlass 4\r\nÅsa\tBjörn\r\n")
    #expect(net.nodes.map(\.id) == ["Åsa", "Klass 3", "Björn", "Klass 4"])
    #expect(net.tieCount == 3)
    #expect(net.ties.allSatisfy { $0.trust == nil })
    #expect(
      net.readNotes.contains {
        $0.hasPrefix(
          "the fields are separated by tabs, so a name runs from tab to tab with its spaces (2 names such as 'Klass 3')"
        )
      }, "\(net.readNotes)")
    // Without a header, and with a weight and Excel's tabs for empty columns at the end.
    let weighted = try edges("Åsa\tKlass 3\t2\t\t\nBjörn\t Klass 4 \t3.5\n")
    #expect(weighted.nodes.map(\.id) == ["Åsa", "Klass 3", "Björn", "Klass 4"])
    #expect(weighted.ties.map(\.trust) == [2, 3.5])
  }

  /// `Grupp #2` and `Grupp #3` were one node `Grupp`. In a tab-separated file a '#' inside a
  /// name is part of it, said in a note; a '#' at the start of a line or field is a comment.
  @Test func aHashInsideATabSeparatedNameIsPartOfIt() throws {
    let net = try edges("# a comment\nÅsa\tGrupp #2\nBjörn\tGrupp #3\t# the last\n")
    #expect(net.nodes.map(\.id) == ["Åsa", "Grupp #2", "Björn", "Grupp #3"])
    #expect(
      net.readNotes.contains {
        $0.hasPrefix("a '#' inside a name is part of the name in a file separated by tabs (2 names")
      }, "\(net.readNotes)")
    // Space-separated files read as before: '#' starts a comment anywhere.
    let spaced = try edges("a b # c\nb c\n")
    #expect(spaced.nodes.map(\.id) == ["a", "b", "c"])
    #expect(spaced.readNotes.isEmpty)
  }

  /// Two tabs in a row leave a field empty, which is refused where it is.
  @Test func anEmptyFieldBetweenTabsIsRefused() {
    #expect {
      try edges("a\tb\nc\t\t2\n")
    } throws: { error in
      let e = error as! FormatError
      return e.line == 2 && e.column == 3
        && e.message.contains("field 2 is empty (two tabs in a row)")
    }
  }

  /// A CSV table saved as .txt was refused with "found 1 field" and no word of CSV.
  @Test func aCommaTableAsTextSaysCSV() {
    #expect {
      try edges("source,target\na,b\n")
    } throws: { error in
      (error as! FormatError).message.contains(
        "the line is separated by ',': if the file is a CSV table, read it with --input-format csv")
    }
  }

  /// A UTF-8 table read with `--encoding windows-1252` turned 'Åsa' into 'Ã…sa' without a
  /// word; valid UTF-8 with characters beyond ASCII is refused in a single-byte encoding.
  @Test func utf8SaidToBeWindows1252IsRefused() {
    // 'Å' is C3 85 in UTF-8: 0x85 is '…' in Windows-1252 and the control U+0085 in Latin-1.
    for (encoding, misread) in [(TextEncoding.windows1252, "Ã…"), (.latin1, "Ã\u{85}")] {
      #expect {
        try CSVFormat.read(
          ties: Data("source,target\nAnna,Åsa Öberg\n".utf8), file: "sv.csv", encoding: encoding)
      } throws: { error in
        let e = error as! FormatError
        return e.line == 2 && e.column == 6
          && e.message.contains(
            "the file reads as UTF-8 ('Å' here, which \(encoding.rawValue) would read as '\(misread)')"
          )
      }
    }
    // ASCII alone reads the same in all three.
    #expect(throws: Never.self) {
      try CSVFormat.read(
        ties: Data("source,target\na,b\n".utf8), file: "a.csv", encoding: .windows1252)
    }
  }

  /// A workbook whose first sheet is a title ('Studie Hagalid 2024' in A1) was refused as a
  /// header "separated by spaces", with advice to read it as an edge list; it is a title, and
  /// the message names the other sheets.
  @Test func aTitleSheetIsNotASpaceSeparatedHeader() {
    let book = XLSXFormat.workbook([
      .init(name: "Info", header: ["Studie Hagalid 2024"], rows: []),
      .init(name: "Relationer", header: ["source", "target"], rows: [[.text("a"), .text("b")]]),
    ])
    #expect {
      try XLSXFormat.read(book, file: "s.xlsx")
    } throws: { error in
      let m = (error as! FormatError).message
      return m.contains(
        "the first row has one cell, 'Studie Hagalid 2024', where the ties need 'source' and 'target' columns; this is the sheet 'Info', and --sheet names another of 'Info', 'Relationer'"
      ) && !m.contains("edgelist")
    }
  }

  /// Ids of the ties missing from the node table name the id it has in another case: 'M1'
  /// was refused without a word of 'm1'.
  @Test func aMissingIdNamesItsOtherCase() {
    let nodes = Data("id\nm1\na1\np1\n".utf8)
    #expect {
      try CSVFormat.read(ties: Data("source,target\np1,M1\n".utf8), file: "t.csv", nodes: nodes)
    } throws: { error in
      (error as! FormatError).message
        == "the target 'M1' is not in the node table (the node table has 'm1')"
    }
    #expect {
      try CSVFormat.read(
        ties: Data("source,target\np1,M1\nA1,p1\nq,p1\n".utf8), file: "t.csv", nodes: nodes)
    } throws: { error in
      (error as! FormatError).message
        == "3 ids in the ties are not in the node table: 'M1' (line 2; the node table has 'm1'), 'A1' (line 3; the node table has 'a1'), 'q' (line 4)"
    }
  }

  /// What networkx 3.6.1's write_graphml writes for a graph with weight 2.5 on one edge and 1
  /// on another: a double key and a long key, both 'weight' (networkx reads it back as 2.5 and
  /// 1). It was refused as two attributes of one name; it is one attribute of numbers.
  @Test func networkxTypedKeysOfOneWeightAreOne() throws {
    let text = """
      <?xml version='1.0' encoding='utf-8'?>
      <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
        <key id="d1" for="edge" attr.name="weight" attr.type="long" />
        <key id="d0" for="edge" attr.name="weight" attr.type="double" />
        <graph edgedefault="undirected">
          <node id="a" />
          <node id="b" />
          <node id="c" />
          <edge source="a" target="b">
            <data key="d0">2.5</data>
          </edge>
          <edge source="b" target="c">
            <data key="d1">1</data>
          </edge>
        </graph>
      </graphml>
      """
    let net = try GraphMLFormat.read(Data(text.utf8), file: "nx.graphml")
    #expect(net.ties.map(\.trust) == [2.5, 1])
    #expect(net.trustAttributeName == "weight")
    #expect(
      net.readNotes.contains {
        $0.hasPrefix(
          "the keys 'd1' and 'd0' are both the edge attribute 'weight', one long and one double")
      }, "\(net.readNotes)")
    // Both keys on one edge would lose a value; text keys of one name stay refused
    // (ProbeFindingsTests), and so do numeric ones with a default.
    let both = text.replacingOccurrences(
      of: #"<data key="d0">2.5</data>"#, with: #"<data key="d0">2.5</data><data key="d1">3</data>"#)
    #expect(throws: FormatError.self) {
      try GraphMLFormat.read(Data(both.utf8), file: "nx.graphml")
    }
    let defaulted = text.replacingOccurrences(
      of: #"attr.type="long" />"#, with: #"attr.type="long"><default>1</default></key>"#)
    #expect {
      try GraphMLFormat.read(Data(defaulted.utf8), file: "nx.graphml")
    } throws: { error in
      (error as! FormatError).message.contains("and one has a default")
    }
  }

  /// Excel's "CSV (semicolon)" of a sheet whose empty columns to the right were formatted
  /// writes `source;target;trust;;;`: refused as "header column 4 has no name", where a
  /// workbook's spacer columns are left out with a note. Columns with a value stay refused.
  @Test func emptyColumnsAtTheEndOfACSVAreLeftOut() throws {
    let net = try CSVFormat.read(
      ties: Data("source;target;trust;;;\r\nÅsa;Björn;3,5;;;\r\nBjörn;Cai;2;;;\r\n".utf8),
      file: "sv.csv")
    #expect(net.tieCount == 2 && net.ties.map(\.trust) == [3.5, 2])
    #expect(
      net.readNotes.contains(
        "left out the last 3 columns of sv.csv (columns 4 to 6): they have no name and no value, as a spreadsheet writes the empty columns beside a table"
      ), "\(net.readNotes)")
    #expect {
      try CSVFormat.read(ties: Data("source;target;\na;b;x\n".utf8), file: "v.csv")
    } throws: { error in
      (error as! FormatError).message == "header column 3 has no name"
    }
  }

  /// 'Åsa' typed on a Mac (A and a combining ring, NFD) and on Windows (Å, NFC) is one name in
  /// Swift and Unicode, and a node table with both was refused as "the node id 'Åsa' appears
  /// twice", which did not say why two spellings that look alike were one. The message says.
  @Test func aDuplicateIdInTwoUnicodeFormsSaysSo() {
    let nodes = Data("id\nÅsa\nA\u{30A}sa\n".utf8)
    #expect {
      try CSVFormat.read(ties: Data("source,target\nÅsa,Åsa\n".utf8), file: "t.csv", nodes: nodes)
    } throws: { error in
      (error as! FormatError).message.contains(
        "appears twice (first on line 2, written there with other Unicode code points for the same letters"
      )
    }
  }

  /// A Network Canvas variable 'trust' on edges is a tie attribute, not the trust: writing it
  /// to CSV was refused ("would be read back from CSV as the trust; rename the attribute"). It
  /// is written as 'trust_2', as 'type' and 'layer' are, with a note, and reads back as an
  /// attribute.
  @Test func aTieAttributeNamedTrustIsWrittenUnderAnotherName() throws {
    var net = Network(directed: false)
    net.declareTieAttribute(AttributeDeclaration(name: "trust", type: .integer))
    net.addTie(from: "a", to: "b", attributes: ["trust": .integer(4)])
    let files = try net.serialized(as: .csv, path: "nc.csv")
    let ties = files.first { $0.path == "nc.csv" }!.contents
    #expect(ties.hasPrefix("source,target,type,trust_2\n") || ties.contains(",trust_2"), "\(ties)")
    #expect(
      net.lostWhenWritten(as: .csv).contains {
        $0.contains("the tie attribute 'trust' is written as 'trust_2'")
      }, "\(net.lostWhenWritten(as: .csv))")
    let back = try CSVFormat.read(ties: Data(ties.utf8), file: "nc.csv")
    #expect(!back.hasTrust && back.ties[0].attributes["trust_2"] == .integer(4))
  }
}
