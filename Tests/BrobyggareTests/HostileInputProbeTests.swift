import Foundation
import Testing

@testable import Brobyggare

/// Found by a probe of hostile and odd files: a Pajek file with CR line breaks whose ties were
/// all lost, numbers in a workbook that no other reader accepts, a few bytes that declare a
/// million nodes, a row of millions of fields, and a column given as a field's place. Each
/// test failed before the fix; the expected values are worked by hand from the files.
@Suite("Hostile and odd files: read in full or refused, saying where")
struct HostileInputProbeTests {
  /// Lines ended by CR alone (classic Mac OS, some Windows tools): the whole file was one line,
  /// read as `*Vertices 3` with a two-mode count, and the two ties were lost with exit 0.
  @Test func pajekLinesEndedByCarriageReturnsKeepTheirTies() throws {
    for eol in ["\r", "\n", "\r\n"] {
      let text = ["*Vertices 3", "1 \"a\"", "2 \"b\"", "3 \"c\"", "*Edges", "1 2", "2 3", ""]
        .joined(separator: eol)
      let net = try PajekFormat.read(Data(text.utf8), file: "cr.net")
      #expect(net.nodes.map(\.label) == ["a", "b", "c"], "\(eol.debugDescription)")
      #expect(net.ties.map { [$0.source, $0.target] } == [[0, 1], [1, 2]])
    }
    // Line numbers count CR breaks too: the bad value is on line 7.
    let bad = "*Vertices 3\r1 \"a\"\r2 \"b\"\r3 \"c\"\r*Edges\r1 2\r2 x\r"
    let e = formatError { try PajekFormat.read(Data(bad.utf8), file: "cr.net") }
    #expect(e?.line == 7, "\(String(describing: e))")
  }

  /// Swift's `Double` reads hexadecimal (`0x10` is 16, `0x1p-3` 0.125) and rounds `1e-400` to
  /// 0; a workbook's number cell was read so, where every other reader refuses them.
  @Test func workbookNumbersAreDecimal() throws {
    let header =
      #"<row r="1"><c r="A1" t="inlineStr"><is><t>source</t></is></c><c r="B1" t="inlineStr"><is><t>target</t></is></c><c r="C1" t="inlineStr"><is><t>trust</t></is></c></row>"#
    func sheet(_ value: String) -> String {
      header
        + #"<row r="2"><c r="A2" t="inlineStr"><is><t>a</t></is></c><c r="B2" t="inlineStr"><is><t>b</t></is></c><c r="C2"><v>"#
        + value + "</v></c></row>"
    }
    for value in ["0x10", "0x1p-3", "1e-400", "1e400"] {
      let e = formatError {
        try XLSXFormat.read(XLSXTests.workbook(sheet: sheet(value)), file: "w.xlsx")
      }
      #expect(
        e?.message == "cell C2 is a number, but holds '\(value)'", "\(String(describing: e))")
    }
    let net = try XLSXFormat.read(XLSXTests.workbook(sheet: sheet("0.25")), file: "w.xlsx")
    #expect(net.ties.map(\.trust) == [0.25])
  }

  /// `dl n=1000000` in 45 bytes made a million nodes (238 MB, and a 52 MB table from
  /// metrics); as for Pajek's `*Vertices`, a file describes at most max(100,000, 16 per byte).
  @Test func aFewBytesDeclareNoMillionNodes() throws {
    let text = "dl n=1000000\nformat=edgelist1\ndata:\n1 2\n"
    let e = formatError { try UCINETFormat.read(Data(text.utf8), file: "u.dl") }
    #expect(
      e?.description
        == "u.dl:1:6: error: 'n=1000000' declares more nodes than a file of this size describes (at most 100000); expected the number of nodes"
    )
    // The same for the rows and columns of a two-mode matrix.
    let twoMode = "dl nr=2 nc=200000\nformat=edgelist2\ndata:\n1 1\n"
    #expect(formatError { try UCINETFormat.read(Data(twoMode.utf8), file: "u.dl") } != nil)
    // Isolates declared within the bound are read.
    let isolates = try UCINETFormat.read(
      Data("dl n=5000\nformat=edgelist1\ndata:\n1 2\n".utf8), file: "u.dl")
    #expect(isolates.nodeCount == 5000 && isolates.ties.count == 1)
  }

  /// One line of commas took some 35 bytes of memory per byte before its width was checked
  /// (2.2 GB at 64 MB); a row is refused at 1,000,000 fields, where it passes the limit.
  @Test func aRowOfMillionsOfFieldsIsRefusedAsItIsRead() throws {
    let text = "source,target\na,b" + String(repeating: ",", count: 1_200_000) + "\n"
    let e = formatError { try CSVFormat.read(ties: Data(text.utf8), file: "wide.csv") }
    // Field 1,000,001 starts after "a," and 999,999 more commas: column 1,000,003 of line 2.
    #expect(
      e?.description
        == "wide.csv:2:1000003: error: this row has more than 1000000 fields; a table has at most that many columns"
    )
  }

  /// The header's second 'weight' was said to be in column 5 (its place among the fields);
  /// it begins at character 24.
  @Test func aHeaderNamedTwiceSaysTheCharacterColumn() throws {
    let text = "source,target,weight,x,weight\na,b,1,2,3\n"
    let e = formatError { try CSVFormat.read(ties: Data(text.utf8), file: "dup.csv") }
    #expect(e?.description == "dup.csv:1:24: error: the header names 'weight' twice")
    // After blank lines and a quoted field, the line and column are still the header's own.
    // (The delimiter was chosen from the first line even when blank: a tab, and the quoted
    // header was refused at its first comma.)
    let quoted = "\n\n\"source\",target,\"source\"\na,b,c\n"
    let q = formatError { try CSVFormat.read(ties: Data(quoted.utf8), file: "q.csv") }
    #expect(q?.description == "q.csv:3:17: error: the header names 'source' twice")
  }

  /// A Pajek or GML file with UTF-8 letters and one stray byte that is not UTF-8 was read
  /// whole as Windows-1252 (Pajek) or ISO-8859-1 (GML): 'Björk' became 'BjÃ¶rk' with a note
  /// that said no place. Refused at the stray byte now; a file in Windows-1252 alone is read.
  @Test func aFileOfUTF8WithAStrayByteIsNotReadAsWindows1252() throws {
    let mixed: [UInt8] =
      Array("*Vertices 2\n1 \"Bj".utf8) + [0xC3, 0xB6] + Array("rk\"\n2 \"Caf".utf8) + [0xFF]
      + Array("\"\n*Edges\n1 2\n".utf8)
    let e = formatError { try PajekFormat.read(Data(mixed), file: "mix.net") }
    #expect(
      e?.description
        == "mix.net:3:7: error: byte 0xFF is not valid UTF-8, but the file's 'ö' (line 2, column 6) is UTF-8: read as Windows-1252 or ISO-8859-1, every UTF-8 letter would turn into two; save the file as UTF-8 (the byte here is likely a slip)"
    )
    let gml: [UInt8] =
      Array("graph [ node [ id 1 label \"Bj".utf8) + [0xC3, 0xB6]
      + Array("rk\" ] node [ id 2 label \"x".utf8)
      + [0xE9] + Array("\" ] ]\n".utf8)
    #expect(formatError { try GMLFormat.read(Data(gml), file: "mix.gml") }?.line == 1)
    // Windows-1252 alone ('ö' as F6): read as before.
    let cp1252: [UInt8] =
      Array("*Vertices 1\n1 \"Bj".utf8) + [0xF6] + Array("rk\"\n".utf8)
    #expect(try PajekFormat.read(Data(cp1252), file: "w.net").nodes.map(\.label) == ["Björk"])
  }

  /// Gephi's edge table has an id column (`id,source,target,weight`): it was read as a tie
  /// attribute 'id', which JSON refused to write ("the tie attribute 'id' cannot be written as
  /// JSON"), while GraphML's edge ids went to JSON as ids. It is the tie's own id now, and a
  /// CSV writes the ids back (it said it could not).
  @Test func aTieTablesIdColumnIsTheTiesOwnId() throws {
    let text = "id,source,target,weight\na,1,2,1\nb,3,4,2\n,1,3,1\n"
    let net = try CSVFormat.read(ties: Data(text.utf8), file: "e.csv")
    #expect(net.ties.map(\.id) == ["a", "b", nil])
    #expect(net.tieAttributes.map(\.name) == [])
    let json = try NodeLinkFormat.write(net)
    #expect(json.contains(#"{"source": "1", "target": "2", "id": "a", "weight": 1}"#), "\(json)")
    let csv = try CSVFormat.writeTies(net)
    #expect(
      csv == "source,target,type,weight,id\n1,2,Directed,1,a\n3,4,Directed,2,b\n1,3,Directed,1,\n")
    let back = try CSVFormat.read(ties: Data(csv.utf8), file: "back.csv")
    #expect(back.ties.map(\.id) == ["a", "b", nil])
    #expect(net.lostWhenWritten(as: .csv).allSatisfy { !$0.contains("ids") })
  }

  /// `Polisé` written with é as one code point and as e with a combining accent compare equal
  /// in Swift, so they were one group without a word; said now.
  @Test func aGroupInTwoUnicodeFormsIsSaid() throws {
    var net = Network(directed: false)
    for (id, sector) in [("a", "Polis\u{E9}"), ("b", "Polise\u{301}"), ("c", "Skola")] {
      _ = try net.addNode(Node(id: id, attributes: ["sector": .string(sector)]))
    }
    let a = try net.groupAssignment(by: "sector")
    #expect(a.names.count == 2)
    #expect(a.groups[0] == a.groups[1])
    #expect(a.unicodeForms.count == 1 && a.unicodeForms[0] == "Polis\u{E9}")
  }
}

/// Found by a probe of the cluster workflow: the content hash that keeps parts of different
/// networks apart changed only its top bits when a word's top bits changed (a trust's
/// exponent), and two packs whose trusts differed in 3 places shared it after some 200 tries,
/// so merge added their parts into a table neither gives.
@Suite("The content hash of packed networks and shard parts")
struct ContentHashTests {
  /// Every single-bit change of an 80-byte input, in every word and in the bytes left over,
  /// moves at least 16 of the hash's 64 bits (by hand: the fold and splitmix64's finaliser
  /// spread it; without them a change in the last word's top bit moved the top bit alone).
  @Test func everyBitOfTheInputMovesManyBitsOfTheHash() {
    var base = [UInt8](repeating: 0, count: 83)
    for i in base.indices { base[i] = UInt8(truncatingIfNeeded: i &* 37 &+ 11) }
    func hash(_ b: [UInt8]) -> UInt64 {
      var h = FNV1a64()
      b.withUnsafeBytes { h.add($0) }
      return h.value
    }
    let h0 = hash(base)
    var fewest = 64
    for byte in base.indices {
      for bit in 0..<8 {
        var b = base
        b[byte] ^= 1 << bit
        fewest = min(fewest, (hash(b) ^ h0).nonzeroBitCount)
      }
    }
    #expect(fewest >= 16, "a single-bit change moved only \(fewest) bits")
  }

  /// 2,000 networks of the same four ties whose trusts differ (random whole numbers 1-5, as
  /// the probe drew them): as many hashes as distinct networks.
  @Test func networksThatDifferInTheirTrustsHashApart() throws {
    var seen: [[Double]: UInt64] = [:]
    var rng = SeededGenerator(seed: 7)
    for _ in 0..<2000 {
      let trusts = (0..<4).map { _ in Double(1 + rng.next() % 5) }
      if seen[trusts] != nil { continue }
      var net = Network(directed: true)
      for (k, w) in trusts.enumerated() {
        net.addTie(from: "n\(k)", to: "n\(k + 1)", trust: w)
      }
      let adj = try net.adjacency(TieSelection())
      seen[trusts] = PackedNetwork.contentHash(
        of: adj, ids: net.nodes.map(\.id), labels: net.nodes.map(\.label))
    }
    #expect(Set(seen.values).count == seen.count, "\(seen.count) networks")
  }
}
