import Foundation
import Testing

@testable import Brobyggare
@testable import BrobyggareCommands

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Styled DOT: Graphviz (installed by .ci/run) must draw every file, the SVG must parse, and
/// the DOT of the shipped datasets must equal the snapshots in Snapshots/ (regenerate with
/// BROBYGGARE_REGENERATE_SNAPSHOTS=1 swift test --filter DiagramTests, then read the diff).
@Suite("Diagrams: styled DOT and rendering")
struct DiagramTests {
  static let cases: [(name: String, args: [String])] = [
    (
      "padgett-marriage",
      ["dot", padgett, "--layer", "marriage", "--title", "Florentine marriages"]
    ),
    ("padgett-both-layers", ["dot", padgett, "--size-by", "degree", "--labels", "all"]),
    (
      "municipality-sector",
      [
        "dot", "\(municipality)/municipality.graphml", "--layer", "trust,collaboration", "--group",
        "sector",
      ]
    ),
    (
      "municipality-brokerage-clusters",
      [
        "dot", "\(municipality)/municipality.graphml", "--layer", "trust,collaboration", "--group",
        "sector",
        "--size-by", "brokerage", "--clusters", "--top", "3",
      ]
    ),
    (
      "municipality-ego",
      [
        "dot", "\(municipality)/municipality.graphml", "--layer", "trust,collaboration", "--group",
        "sector", "--ego", "p01",
      ]
    ),
    (
      "municipality-constraint-affiliations",
      [
        "dot", "\(municipality)/municipality.graphml", "--layer", "member of,works at", "--group",
        "sector",
        "--size-by", "constraint", "--no-legend", "--labels", "none",
      ]
    ),
  ]

  @Test(arguments: cases.map(\.name))
  func graphvizDrawsItAndItMatchesTheSnapshot(_ name: String) throws {
    let args = Self.cases.first { $0.name == name }!.args
    let r = BrobyggareCommandLine.run(args)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(BrobyggareCommandLine.run(args).stdout == r.stdout, "deterministic")
    let svg = try Graphviz.render(r.stdout, format: "svg")
    let doc = try XMLDocument(data: svg)
    #expect(doc.rootElement()?.name == "svg")
    let snapshot = packageRoot.appendingPathComponent(
      "Tests/BrobyggareCommandsTests/Snapshots/\(name).dot")
    if ProcessInfo.processInfo.environment["BROBYGGARE_REGENERATE_SNAPSHOTS"] != nil {
      try r.stdout.write(to: snapshot, atomically: true, encoding: .utf8)
    }
    #expect(
      r.stdout == (try String(contentsOf: snapshot, encoding: .utf8)),
      "\(name): the DOT differs from its snapshot")
  }

  /// By hand: a ↔ b mutual (trust 1 and 0.5), a → c one way; groups x (a, c) and y (b).
  /// A person called "legend" stays a person: the legend takes another id.
  @Test func aNodeCalledLegendIsNotTheLegend() throws {
    var net = Network(directed: false)
    net.addTie(from: "legend", to: "b", trust: 1)
    net.addTie(from: "b", to: "c", trust: 1)
    let dot = try net.diagram()
    #expect(dot.contains("\"legend_1\" [shape=\"plain\""), "\(dot)")
    #expect(dot.components(separatedBy: "\n").filter { $0.hasPrefix("  \"legend\" [") }.count == 1)
  }

  @Test func mutualAndUnreciprocatedTiesColoursAndSizes() throws {
    var net = Network(directed: true)
    try net.addNode(Node(id: "a", kind: .person, attributes: ["g": .string("x")]))
    try net.addNode(Node(id: "b", kind: .organisation, attributes: ["g": .string("y")]))
    try net.addNode(Node(id: "c", kind: .person, attributes: ["g": .string("x")]))
    net.addTie(from: "a", to: "b", trust: 1)
    net.addTie(from: "b", to: "a", trust: 0.5)
    net.addTie(from: "a", to: "c", trust: 1)
    var style = DiagramStyle()
    style.group = "g"
    style.size = .degree
    let dot = try net.diagram(style)
    // The mutual pair once, both ways, width 0.6 + 2.4 × mean trust 0.75, each way's trust in
    // its tooltip; the one-way tie grey with an open arrow.
    #expect(
      dot.contains(
        "\"a\" -> \"b\" [penwidth=\"2.4\", tooltip=\"a → b: 1; b → a: 0.5\", dir=\"both\"];"))
    #expect(!dot.contains("\"b\" -> \"a\""))
    #expect(
      dot.contains("\"a\" -> \"c\" [penwidth=\"3\", color=\"#999999\", arrowhead=\"empty\"];"))
    // Okabe–Ito in sorted group order: x orange, y sky blue; b is a box; a has degree 2 (largest, width 1.35).
    #expect(
      dot.contains("\"a\" [shape=\"ellipse\", width=\"1.35\"")
        && dot.contains("fillcolor=\"#E69F00\""))
    #expect(dot.contains("\"b\" [shape=\"box\"") && dot.contains("fillcolor=\"#56B4E9\""))
    #expect(dot.contains("layout=\"neato\""))
    // An ego drawing keeps the colours of the whole network.
    style.ego = "b"
    let ego = try net.diagram(style)
    #expect(
      !ego.contains("\"c\" [") && ego.contains("fillcolor=\"#56B4E9\"")
        && ego.contains("layout=\"twopi\"") && ego.contains("root=\"b\""))
    style.ego = "zz"
    #expect(throws: DiagramError.unknownEgo("zz")) { try net.diagram(style) }
    style.ego = nil
    style.group = nil
    style.size = .brokerage
    #expect(throws: DiagramError.brokerageNeedsGroup) { try net.diagram(style) }
  }

  @Test func renderWritesPicturesAndRefusesWhatItCannotDo() throws {
    let dir = try temporaryDirectory()
    for ext in ["svg", "png", "pdf"] {
      let out = dir.appendingPathComponent("medici.\(ext)").path
      let r = run("render", padgett, "--layer", "marriage", "-o", out)
      #expect(r.status == 0, "\(r.stderr)")
      #expect((try Data(contentsOf: URL(fileURLWithPath: out))).count > 100)
    }
    #expect(run("render", padgett, "-o", dir.appendingPathComponent("x.gif").path).status == 64)
    #expect(run("render", padgett).status == 64)
    #expect(run("dot", padgett, "--layout", "spring").stderr.contains("unknown layout 'spring'"))
    #expect(run("dot", padgett, "--clusters").stderr.contains("--clusters needs --group"))
    #expect(throws: Graphviz.RenderError.unknownFormat("gif")) {
      try Graphviz.render("graph {}", format: "gif")
    }
    // Graphviz's own complaint is passed on.
    #expect(throws: Graphviz.RenderError.self) {
      try Graphviz.render("graph { a -- }", format: "svg")
    }
    #expect(
      Set(try FileManager.default.contentsOfDirectory(atPath: dir.path)) == [
        "medici.svg", "medici.png", "medici.pdf",
      ])
  }
}

@Suite("Report")
struct ReportTests {
  @Test func reportOnTheConstructedStudy() throws {
    let dir = try temporaryDirectory().appendingPathComponent("report")
    let r = run(
      "report", "\(municipality)/municipality.graphml", "--layer", "trust,collaboration", "--group",
      "sector",
      "--robustness", "20", "-o", dir.path)
    #expect(r.status == 0, "\(r.stderr)")
    let files = Set(try FileManager.default.contentsOfDirectory(atPath: dir.path))
    #expect(
      files == [
        "index.html", "report.md", "network.dot", "network.graphml", "network.gexf", "network.svg",
        "density.svg", "trust.svg", "figures", "bridge-builders.csv",
        "group-matrix.csv", "ei.csv", "whatif.csv", "robustness.csv", "tables.xlsx",
      ])
    // The HTML is well-formed (it parses as XML), and so is every SVG in it and beside it.
    let html = try XMLDocument(data: Data(contentsOf: dir.appendingPathComponent("index.html")))
    #expect(try html.nodes(forXPath: "//*[local-name()='svg']").count == 3)
    for svg in ["network.svg", "density.svg", "trust.svg"] {
      #expect(
        try XMLDocument(data: Data(contentsOf: dir.appendingPathComponent(svg))).rootElement()?.name
          == "svg")
    }
    let text = try String(contentsOf: dir.appendingPathComponent("index.html"), encoding: .utf8)
    // The coordinator leads, Swedish names come through as written; two people share a
    // label in this study, so the id stands beside it.
    #expect(
      text.contains("<td class=\"n\">1</td><td>p01</td><td>Leila Haddad</td><td>civil society</td>")
    )
    #expect(text.contains("Åsa Lindqvist"))
    let csv = try String(
      contentsOf: dir.appendingPathComponent("bridge-builders.csv"), encoding: .utf8
    ).split(separator: "\n")
    #expect(csv.count == 88 && csv[1].hasPrefix("1,p01,Leila Haddad,civil society,"))
    #expect(run("report", padgett, "-o", dir.path).status == 64)
  }
}
