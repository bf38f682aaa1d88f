import Foundation
import Testing

@testable import Brobyggare

@Suite("CSV")
struct CSVTests {
  @Test func commaTableWithAttributesAndLayers() throws {
    let net = try csvNetwork(
      """
      source,target,trust,layer,since
      Åsa,Örjan,0.8,trust,2019
      Örjan,Ärla,0.5,collaboration,2021
      Åsa,Örjan,0.6,collaboration,
      """)
    #expect(net.nodeCount == 3)
    #expect(net.tieCount == 3)
    #expect(net.nodes.map(\.id) == ["Åsa", "Örjan", "Ärla"])
    #expect(net.ties[0].trust == 0.8)
    #expect(net.ties[1].layer == "collaboration")
    #expect(net.ties[0].attributes["since"] == .integer(2019))
    #expect(net.ties[2].attributes["since"] == nil)
    #expect(net.layers == ["collaboration", "trust"])
  }

  @Test func semicolonWithDecimalCommaBOMAndCRLF() throws {
    let text =
      "\u{FEFF}source;target;trust\r\nkommun;förening;0,75\r\n\"Polisen; Norr\";kommun;1\r\n"
    let net = try CSVFormat.read(ties: Data(text.utf8), file: "t.csv", directed: true)
    #expect(net.ties[0].trust == 0.75)
    #expect(net.nodes.map(\.id) == ["kommun", "förening", "Polisen; Norr"])
  }

  @Test func tabDelimitedAndQuotedFields() throws {
    let net = try csvNetwork("source\ttarget\tnote\na\t\"b \"\"the\"\" c\"\t\"two\nlines\"\n")
    #expect(net.nodes[1].id == "b \"the\" c")
    #expect(net.ties[0].attributes["note"] == .string("two\nlines"))
  }

  @Test func nodeTableWithKindsAndTypes() throws {
    let net = try csvNetwork(
      "source,target\np1,org1\n",
      nodes:
        "id,label,kind,sector,level,active,score\np1,Pia Ödman,person,municipality,2,true,0.5\norg1,Föreningen,organisation,civil society,1,false,1.25\n"
    )
    #expect(net.nodes[0].kind == .person)
    #expect(net.nodes[1].kind == .organisation)
    #expect(net.nodes[0].label == "Pia Ödman")
    #expect(net.nodes[0].attributes["level"] == .integer(2))
    #expect(net.nodes[1].attributes["active"] == .boolean(false))
    #expect(net.nodes[1].attributes["score"] == .double(1.25))
    #expect(
      net.nodeAttributes.map(\.name) == ["label", "kind", "sector", "level", "active", "score"])
  }

  /// Trust with spaces, tabs or no-break spaces around it reads as the number; the fast path
  /// for fields with no space at either end returns them untouched.
  @Test func trustAroundSpaces() throws {
    let net = try csvNetwork(
      "source,target,trust\na,b, 0.5\na,c,0.25\t\nb,c,\u{00A0}0.75\u{00A0}\nc,d,1\n")
    #expect(net.ties.map(\.trust) == [0.5, 0.25, 0.75, 1])
    #expect(trimmingWhitespace("0.5", newlines: false) == "0.5")
    #expect(trimmingWhitespace(" \t0.5 ", newlines: false) == "0.5")
    #expect(trimmingWhitespace("\u{2007}é\u{3000}", newlines: false) == "é")
    #expect(trimmingWhitespace("", newlines: false) == "")
    #expect(trimmingWhitespace("\n3\r\n", newlines: true) == "3")
    #expect(trimmingWhitespace("\n3", newlines: false) == "\n3")  // a line break is not a space
  }

  @Test func errorsSayWhere() {
    let ragged = formatError { try csvNetwork("source,target\na,b\nc,d,e\n") }
    #expect(ragged?.line == 3)
    #expect(ragged?.message.contains("3 fields") == true)
    let header = formatError { try csvNetwork("from_id,to_id\na,b\n") }
    #expect(header?.message.contains("'source' and 'target'") == true)
    let trust = formatError { try csvNetwork("source,target,trust\na,b,0.5\na,c,high\n") }
    #expect(trust?.line == 3)
    #expect(trust?.column == 5)
    let negative = formatError { try csvNetwork("source,target,trust\na,b,-1\n") }
    #expect(negative?.message.contains("≥ 0") == true)
    let nan = formatError { try csvNetwork("source,target,trust\na,b,NaN\n") }
    #expect(nan?.line == 2)
    let unknown = formatError { try csvNetwork("source,target\na,zed\n", nodes: "id\na\n") }
    #expect(unknown?.message.contains("'zed' is not in the node table") == true)
    #expect(unknown?.column == 3)
    let dup = formatError { try csvNetwork("source,target\na,a\n", nodes: "id\na\na\n") }
    #expect(dup?.line == 3)
    let quote = formatError { try csvNetwork("source,target\n\"a,b\n") }
    #expect(quote?.line == 2)
    let empty = formatError { try csvNetwork("") }
    #expect(empty?.message.contains("empty") == true)
    let dupHeader = formatError { try csvNetwork("source,target,Source\n") }
    #expect(dupHeader?.column == 15)  // the character where the second name begins
    let badUTF8 = formatError {
      try CSVFormat.read(
        ties: Data([0x73, 0x2C, 0x74, 0x0A, 0x61, 0x2C, 0xE5, 0x0A]), file: "latin.csv",
        directed: true)
    }
    #expect(badUTF8?.line == 2)
    #expect(badUTF8?.column == 3)
    #expect(badUTF8?.description.hasPrefix("latin.csv:2:3: error:") == true)
  }

  @Test func writesAndReadsBackTheSame() throws {
    let original = try csvNetwork(
      "source,target,trust,layer,note\nÅsa,\"Ö, Örjan\",0.8,trust,\"says \"\"hi\"\"\"\nÖ\\x,Åsa,1,collaboration,\n",
      nodes:
        "id,label,kind,sector\nÅsa,Åsa Ek,person,kommun\n\"Ö, Örjan\",Örjan,person,polis\nÖ\\x,,organisation,\nlonely,Ensam,person,boende\n"
    )
    let ties = try CSVFormat.writeTies(original)
    let nodes = try CSVFormat.writeNodes(original)
    let back = try csvNetwork(ties, nodes: nodes)
    #expect(back.nodes == original.nodes)
    #expect(back.ties == original.ties)
    #expect(try CSVFormat.writeTies(back) == ties)
    #expect(try CSVFormat.writeNodes(back) == nodes)
  }
}

@Suite("Edge lists")
struct EdgeListTests {
  @Test func readsWeightsAndComments() throws {
    let text = "# a comment\na b 2.5\n\nb\tc   # trailing\nc a 1\n"
    let net = try EdgeListFormat.read(Data(text.utf8), file: "x.edgelist", directed: false)
    #expect(net.tieCount == 3)
    #expect(net.ties[0].trust == 2.5)
    #expect(net.ties[1].trust == nil)
    #expect(!net.isDirected)
  }

  @Test func errors() {
    let e = formatError {
      try EdgeListFormat.read(Data("a b\na b c d\n".utf8), file: "x.txt", directed: true)
    }
    #expect(e?.line == 2)
    #expect(e?.column == 7)
    let w = formatError {
      try EdgeListFormat.read(Data("a b x\n".utf8), file: "x.txt", directed: true)
    }
    #expect(w?.column == 5)
    var net = Network(directed: true)
    net.addTie(from: "has space", to: "b")
    #expect(throws: FormatError.self) { try EdgeListFormat.write(net) }
  }
}
