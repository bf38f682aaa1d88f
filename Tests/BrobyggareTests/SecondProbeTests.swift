import Foundation
import Testing

@testable import Brobyggare

/// What a second hostile probe, past the first round of hardening, found silently changed:
/// each test failed on the old behaviour. Expected values are the inputs themselves (an id or
/// a trust reads back as written) or the refusal.
@Suite("Second probe: readers and writers")
struct SecondProbeTests {
  /// A CSV column `Weight` (capitalised) is the trust; written to DOT under that name, it was
  /// read back as an ordinary attribute, so every strength became a count of ties. The DOT
  /// reader takes `trust` or `weight` in any case, as the GraphML, JSON and CSV readers do.
  @Test func dotReadsACapitalisedWeightAsTrust() throws {
    let net = try CSVFormat.read(
      ties: Data("Source,Target,Weight\na,b,0.2\nb,c,0.9\n".utf8), file: "w.csv")
    #expect(net.ties.map(\.trust) == [0.2, 0.9])
    let back = try DOTFormat.read(Data(try DOTFormat.write(net).utf8), file: "w.dot")
    #expect(back.ties.map(\.trust) == [0.2, 0.9])
    #expect(back.trustAttributeName == "Weight")
  }

  /// Numbers in a sheet with more digits than a double holds (ids written by a program) keep
  /// them: 1234567890123456789 and 1234567890123456790 were one node, 1.2345678901234568e+18.
  @Test func workbookKeepsTheDigitsOfLongWholeNumbers() throws {
    let sheet = """
      <row r="1"><c r="A1" t="inlineStr"><is><t>source</t></is></c><c r="B1" t="inlineStr"><is><t>target</t></is></c></row>
      <row r="2"><c r="A2"><v>1234567890123456789</v></c><c r="B2"><v>5</v></c></row>
      <row r="3"><c r="A3"><v>1234567890123456790</v></c><c r="B3"><v>6</v></c></row>
      <row r="4"><c r="A4"><v>-12345678901234567</v></c><c r="B4"><v>2.50</v></c></row>
      """
    let net = try XLSXFormat.read(XLSXTests.workbook(sheet: sheet), file: "long.xlsx")
    #expect(
      net.nodes.map(\.id) == [
        "1234567890123456789", "5", "1234567890123456790", "6", "-12345678901234567", "2.5",
      ])
  }

  /// Ids that differ only by spaces around them are one id once a workbook is read back
  /// (cells are trimmed): the writer refuses them instead of writing a file that does not read.
  @Test func workbookRefusesIdsThatDifferOnlyBySpaces() throws {
    var net = Network(directed: true)
    net.addTie(from: " lead", to: "b")
    net.addTie(from: "lead", to: "b")
    let error = formatError { try XLSXFormat.write(net) }
    #expect(
      error?.message.hasPrefix("the ids ' lead' and 'lead' differ only by spaces around them")
        == true)
    #expect(error?.line == 0)
  }

  /// A DL file declaring two matrices with no '!' between them put every tie in the first,
  /// and a '!' beyond the declared matrices put the rest in the last: both refused.
  @Test func dlMatrixCountIsChecked() throws {
    let missing = "dl n=3 nm=2\nformat=edgelist1\nmatrix labels:\nA,B\ndata:\n1 2\n2 3\n"
    let e1 = formatError { try UCINETFormat.read(Data(missing.utf8), file: "d.dl") }
    #expect(
      e1?.message.hasPrefix("the header declares 2 matrices (nm=2), but the data hold 1") == true)
    let extra = "dl n=3 nm=1\nformat=edgelist1\ndata:\n1 2\n!\n2 3\n"
    let e2 = formatError { try UCINETFormat.read(Data(extra.utf8), file: "d.dl") }
    #expect(e2?.line == 5)
    #expect(e2?.message.hasPrefix("a '!' starts matrix 2, but the header declares 1") == true)
    let both = "dl n=3 nm=2\nformat=edgelist1\nmatrix labels:\nA,B\ndata:\n1 2\n!\n2 3\n"
    let net = try UCINETFormat.read(Data(both.utf8), file: "d.dl")
    #expect(net.ties.map(\.layer) == ["A", "B"])
  }

  /// Group values are trimmed (` x` and `x` are one group), now counted for a note; a kind
  /// is trimmed the same way (` person` was not a person, and was left out of projections).
  @Test func trimmedGroupValuesAreCountedAndKindsTrimmed() throws {
    var net = Network(directed: false)
    for (id, v) in [("a", "x"), ("b", " x"), ("c", "x\t"), ("d", "y")] {
      try net.addNode(Node(id: id, attributes: ["v": .string(v)]))
    }
    let a = try net.groupAssignment(by: "v")
    #expect(a.names == ["x", "y"])
    #expect(a.trimmedValues == 2)
    #expect(NodeKind(spelling: " person") == .person)
    #expect(NodeKind(spelling: "Organisation\n") == .organisation)
  }

  /// Labels drawn by Graphviz: `&` is written `&amp;` (Graphviz decodes entities in labels, so
  /// `R&amp;D` was drawn `R&D`), and control characters, which no SVG holds, are shown.
  @Test func drawingLabelsEscapeEntitiesAndControls() {
    #expect(DOTFormat.quote("R&amp;D") == "\"R&amp;amp;D\"")
    #expect(DOTFormat.quote("bell\u{7}") == "\"bell\\\\u{7}\"")
    #expect(DOTFormat.quote("a\tb\nc") == "\"a\tb\\nc\"")
  }

  /// A trust written in quotes in JSON ("0.5") is text: the message says so (it said the trust
  /// 0.5 must be a finite number ≥ 0).
  @Test func jsonTrustInQuotesIsNamedAsText() {
    let text =
      #"{"directed":true,"nodes":[{"id":"a"},{"id":"b"}],"links":[{"source":"a","target":"b","weight":"0.5"}]}"#
    let error = formatError { try NodeLinkFormat.read(Data(text.utf8), file: "j.json") }
    #expect(
      error?.message
        == "links[0]: the weight is the text \"0.5\"; a trust is a JSON number (write it without quotes)"
    )
  }

  /// Cytoscape JSON keeps a whole double a double (1.0 came back as the integer 1); GraphML
  /// keeps the sign of −0.0 (it wrote 0).
  @Test func doublesKeepTheirTypeAndSign() throws {
    var net = Network(directed: true)
    try net.addNode(Node(id: "a", attributes: ["x": .double(1.0), "z": .double(-0.0)]))
    try net.addNode(Node(id: "b", attributes: ["x": .double(2.5), "z": .double(1)]))
    net.addTie(from: "a", to: "b")
    let cytoscape = try NodeLinkFormat.read(
      Data(NodeLinkFormat.writeCytoscape(net).utf8), file: "c.json")
    #expect(cytoscape.nodes[0].attributes["x"] == .double(1.0))
    let graphml = try GraphMLFormat.read(Data(try GraphMLFormat.write(net).utf8), file: "g.graphml")
    guard case .double(let z)? = graphml.nodes[0].attributes["z"] else {
      Issue.record("z is not a double")
      return
    }
    #expect(z == 0 && z.sign == .minus)
  }

  /// Burt's measures are ratios of tie strengths: trusts near the largest Double, whose sums
  /// overflowed, gave NaN; scaled, they give what trust 1 gives on the same ties.
  @Test func structuralHolesOfHugeTrusts() throws {
    var huge = Network(directed: true)
    var unit = Network(directed: true)
    for (a, b) in [("a", "b"), ("b", "a"), ("a", "c"), ("c", "b"), ("c", "d")] {
      huge.addTie(from: a, to: b, trust: 1.5e308)
      unit.addTie(from: a, to: b, trust: 1)
    }
    let h = try huge.adjacency().structuralHoles()
    let u = try unit.adjacency().structuralHoles()
    #expect(h.constraint.allSatisfy { !$0.isNaN })
    for (x, y) in zip(h.constraint, u.constraint) { #expect(abs(x - y) < 1e-12) }
    for (x, y) in zip(h.effectiveSize, u.effectiveSize) { #expect(abs(x - y) < 1e-12) }
  }
}
