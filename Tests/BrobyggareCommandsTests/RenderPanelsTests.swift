import Foundation
import Testing

@testable import Brobyggare
@testable import BrobyggareCommands

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `--labels top:K[:MEASURE]` on the command line, and `render --panels`: small multiples on
/// one pinned layout.
@Suite("Render panels and label thresholds")
struct RenderPanelsTests {
  static let municipalityDir = packageRoot.appendingPathComponent("Datasets/municipality").path

  /// Each node's centre in a Graphviz SVG, by its title (the node id): the ellipse's cx, cy, or
  /// the mean of a polygon's points (boxes and diamonds, whose first point repeats last).
  static func centres(_ svg: Data) throws -> [String: String] {
    let doc = try XMLDocument(data: svg)
    var result: [String: String] = [:]
    for case let g as XMLElement in try doc.nodes(forXPath: "//*[local-name()='g'][@class='node']")
    {
      guard
        let title = (try g.nodes(forXPath: "./*[local-name()='title']")).first?.stringValue
      else { continue }
      func value(_ e: XMLElement, _ name: String) -> String {
        e.attribute(forName: name)?.stringValue ?? "?"
      }
      if let e = (try g.nodes(forXPath: ".//*[local-name()='ellipse']")).first as? XMLElement {
        result[title] = "\(value(e, "cx")),\(value(e, "cy"))"
      } else if let p = (try g.nodes(forXPath: ".//*[local-name()='polygon']")).first
        as? XMLElement
      {
        result[title] = value(p, "points")
      }
    }
    return result
  }

  /// The pinned positions (`pos="x,y!"`) in a panel's DOT, by node id.
  static func pins(_ dot: String) -> [String: String] {
    var result: [String: String] = [:]
    for line in dot.split(separator: "\n") where line.hasPrefix("  \"") {
      guard let r = line.range(of: "pos=\"") else { continue }
      let id = line.dropFirst(3).prefix { $0 != "\"" }
      result[String(id)] = String(line[r.upperBound...].prefix { $0 != "\"" })
    }
    return result
  }

  /// By hand: the path a – b – c – d – e with f hung on c. Degree: c 3, b and d 2, the rest 1.
  @Test func labelThresholdOnTheCommandLine() throws {
    let dir = try temporaryDirectory()
    let csv = dir.appendingPathComponent("spur.csv").path
    try "source,target\na,b\nb,c\nc,d\nd,e\nc,f\n".write(
      toFile: csv, atomically: true, encoding: .utf8)
    let r = run("dot", csv, "--undirected", "--labels", "top:2:degree")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.contains("labels: the 2 highest by degree (b, c)"), "\(r.stderr)")
    // Betweenness (the size) is 0 for a, e and f: ten asked, three ranked.
    let ten = run("dot", csv, "--undirected", "--labels", "top:10")
    #expect(
      ten.stderr.contains(
        "labels: the 3 highest by betweenness (b, c, d); 10 asked for, and 3 of the 6 nodes drawn have a betweenness above 0"
      ), "\(ten.stderr)")
    for bad in ["top:x", "top:-1", "top:", "top:2:closeness", "top:2:none", "top:1:2:3", "tops"] {
      let e = run("dot", csv, "--labels", bad)
      #expect(e.status == 64, "\(bad): \(e.status) \(e.stderr)")
      #expect(e.stderr.contains("top:"), "\(bad): \(e.stderr)")
    }
    #expect(run("dot", csv, "--labels", "top:2:degre").stderr.contains("degree"))
    #expect(run("dot", csv, "--labels", "top:2", "--size-by", "none").status == 64)
  }

  /// Padgett's families have two layers, business and marriage (Datasets/padgett/README.md):
  /// two panels and the combined picture; every family at the same place in both.
  @Test func layerPanelsShareOnePinnedLayout() throws {
    guard Graphviz.executable != nil else {
      print("notice: Graphviz is not installed; panels not checked")
      return
    }
    let dir = try temporaryDirectory()
    let out = dir.appendingPathComponent("fig.svg").path
    let r = run("render", padgett, "--panels", "layers", "-o", out)
    #expect(r.status == 0, "\(r.stderr)")
    let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    #expect(files == ["fig.layer-business.svg", "fig.layer-marriage.svg", "fig.svg"])
    let business = try Self.centres(Data(contentsOf: dir.appendingPathComponent(files[0])))
    let marriage = try Self.centres(Data(contentsOf: dir.appendingPathComponent(files[1])))
    // 16 families (the dataset's README) and the legend (whose table differs by layer).
    #expect(business.count == 17)
    #expect(!business.filter { $0.key != "legend" }.values.contains("?"))
    #expect(business.filter { $0.key != "legend" } == marriage.filter { $0.key != "legend" })
    // The combined picture holds both panels, titled, with ids kept apart.
    let combined = try String(contentsOfFile: out, encoding: .utf8)
    #expect(try XMLDocument(data: Data(combined.utf8)).rootElement()?.name == "svg")
    #expect(
      combined.contains(">layer: business</text>") && combined.contains(">layer: marriage</text>"))
    #expect(combined.contains("id=\"p0_graph0\"") && combined.contains("id=\"p1_graph0\""))
    // The same input, the same bytes.
    let again = dir.appendingPathComponent("again.svg").path
    #expect(run("render", padgett, "--panels", "layers", "-o", again).status == 0)
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: again))
        == Data(contentsOf: URL(fileURLWithPath: out)))
    #expect(
      try Data(contentsOf: dir.appendingPathComponent("again.layer-marriage.svg"))
        == Data(contentsOf: dir.appendingPathComponent(files[1])))
  }

  /// Ids that Graphviz names otherwise in its layout (`&` written `&amp;`, a backslash
  /// doubled) are found there: every panel draws all four people (before, two vanished from
  /// both panels without a word).
  @Test func idsGraphvizNamesOtherwiseAreDrawn() throws {
    guard Graphviz.executable != nil else {
      print("notice: Graphviz is not installed; panels not checked")
      return
    }
    let dir = try temporaryDirectory()
    let ties = dir.appendingPathComponent("t.csv").path
    try
      "source,target,layer\nSvensson & Co,Anna,trust\nAnna,c\\d,trust\nc\\d,Bo,advice\nBo,Svensson & Co,advice\n"
      .write(toFile: ties, atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("fig.svg").path
    let r = run("render", ties, "--undirected", "--panels", "layers", "-o", out)
    #expect(r.status == 0, "\(r.stderr)")
    for layer in ["advice", "trust"] {
      let panel = try Self.centres(
        Data(contentsOf: dir.appendingPathComponent("fig.layer-\(layer).svg")))
      // Four people and the legend.
      #expect(panel.count == 5, "\(layer): \(panel.keys.sorted())")
    }
  }

  /// By hand: wave 1 has a – b – c, wave 2 has b – c – d. The layout holds a, b, c and d; a is
  /// absent from wave 2 and d from wave 1, each drawn there as a dotted outline at its place.
  @Test func wavePanelsDrawAbsentNodesFaded() throws {
    let dir = try temporaryDirectory()
    let w1 = dir.appendingPathComponent("w1.csv").path
    let w2 = dir.appendingPathComponent("w2.csv").path
    try "source,target\na,b\nb,c\n".write(toFile: w1, atomically: true, encoding: .utf8)
    try "source,target\nb,c\nc,d\n".write(toFile: w2, atomically: true, encoding: .utf8)
    let n1 = try Network(contentsOf: w1)
    let n2 = try Network(contentsOf: w2)
    let panels = [
      DiagramPanel(name: "w1", network: n1, selection: .all),
      DiagramPanel(name: "w2", network: n2, selection: .all),
    ]
    var style = DiagramStyle()
    style.size = .degree
    guard Graphviz.executable != nil else {
      print("notice: Graphviz is not installed; panels not checked")
      return
    }
    let dots = try smallMultiples(panels, style: style)
    #expect(dots.count == 2)
    let p1 = Self.pins(dots[0])
    let p2 = Self.pins(dots[1])
    #expect(Set(p1.keys) == ["a", "b", "c", "d", "legend"] && p1 == p2)
    #expect(
      dots[0].contains(
        "\"d\" [shape=\"ellipse\", width=\"0.35\", height=\"0.263\", style=\"dotted\""))
    #expect(
      dots[1].contains(
        "\"a\" [shape=\"ellipse\", width=\"0.35\", height=\"0.263\", style=\"dotted\""))
    #expect(
      !dots[0].contains(
        "\"a\" [shape=\"ellipse\", width=\"0.35\", height=\"0.263\", style=\"dotted\""))
    #expect(dots[0].contains("dotted outline: absent here"))
    // On the command line: the files are named after the waves.
    let out = dir.appendingPathComponent("fig.svg").path
    let r = run("render", w1, w2, "--panels", "waves", "-o", out)
    #expect(r.status == 0, "\(r.stderr)")
    let svg1 = try Self.centres(Data(contentsOf: dir.appendingPathComponent("fig.wave-w1.svg")))
    let svg2 = try Self.centres(Data(contentsOf: dir.appendingPathComponent("fig.wave-w2.svg")))
    // a, b, c, d and the legend; the legends' tables differ (wave 1's names the faded node).
    #expect(svg1.count == 5 && !svg1.filter { $0.key != "legend" }.values.contains("?"))
    #expect(svg1.filter { $0.key != "legend" } == svg2.filter { $0.key != "legend" })
  }

  /// The two waves of the constructed municipality study (Datasets/municipality/README.md),
  /// at 300 dpi as PNG: one PNG per wave, the legend naming the group attribute and the layer.
  @Test func municipalityWavesAt300DPI() throws {
    guard Graphviz.executable != nil else {
      print("notice: Graphviz is not installed; panels not checked")
      return
    }
    let dir = try temporaryDirectory()
    let waves = [
      "\(Self.municipalityDir)/municipality.graphml",
      "\(Self.municipalityDir)/municipality-wave2.graphml",
    ]
    let out = dir.appendingPathComponent("waves.png").path
    let r = run(
      "render", waves[0], waves[1], "--panels", "waves", "--layer", "trust", "--group", "sector",
      "--dpi", "300", "-o", out)
    #expect(r.status == 0, "\(r.stderr)")
    let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    #expect(files == ["waves.wave-municipality-wave2.png", "waves.wave-municipality.png"])
    #expect(r.stderr.contains("waves.png itself is not written"))
    for f in files {
      let (w, h) = FigureOptionTests.pngSize(try Data(contentsOf: dir.appendingPathComponent(f)))
      // Over 2000 pixels each way: at 96 dpi the same drawing is under a third of that.
      #expect(w > 2000 && h > 2000, "\(f): \(w)×\(h)")
      // 300 dpi recorded in the file: round(300 / 0.0254) = 11811 pixels per metre.
      let png = try Data(contentsOf: dir.appendingPathComponent(f))
      #expect(pngPixelsPerMetre(png).map { [$0.x, $0.y] } == [11811, 11811], "\(f)")
    }
    // The panels' DOT: the legend names the attribute and the layer (its line style by its
    // place among the network's layers, drawn or not: collaboration, member of, trust, works
    // at, so the third style, dotted), the resolution is set.
    let nets = try waves.map { try Network(contentsOf: $0) }
    var style = DiagramStyle()
    style.group = "sector"
    style.dpi = 300
    var selection = TieSelection()
    selection.layers = ["trust"]
    style.selection = selection
    let dots = try smallMultiples(
      zip(["1", "2"], nets).map { DiagramPanel(name: $0, network: $1, selection: selection) },
      style: style)
    for dot in dots {
      #expect(
        dot.contains("<I>colour: sector</I>") && dot.contains("dotted line: trust")
          && dot.contains("dpi=\"300\""))
    }
    #expect(Self.pins(dots[0]) == Self.pins(dots[1]))
  }

  @Test func badPanelSpecsAreUsageErrorsAndWriteNothing() throws {
    let dir = try temporaryDirectory()
    let out = dir.appendingPathComponent("fig.svg").path
    let muni = "\(Self.municipalityDir)/municipality.graphml"
    let cases: [([String], String)] = [
      (["render", padgett, "--panels", "layer", "-o", out], "--panels takes layers or waves"),
      (["render", padgett, "--panels", "waves", "-o", out], "give two or more networks"),
      (["render", padgett, padgett, "-o", out], "add --panels waves"),
      (["render", padgett, muni, "--panels", "layers", "-o", out], "--panels layers draws"),
      (
        ["render", padgett, "--panels", "layers", "--clusters", "--group", "x", "-o", out],
        "leave out --clusters"
      ),
      (["render", padgett, "--panels", "layers", "--ego", "Medici", "-o", out], "leave out --ego"),
      (
        ["render", padgett, "--panels", "layers", "-o", dir.appendingPathComponent("f.gif").path],
        "Cannot render"
      ),
      (["render", padgett, "--panels", "layers", "--dpi", "300", "-o", out], "--dpi sets"),
      (["render", padgett, "--panels", "layers"], "--output"),
    ]
    for (args, message) in cases {
      let r = BrobyggareCommandLine.run(args)
      #expect(r.status == 64, "\(args): \(r.status) \(r.stderr)")
      #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
    }
    // A network without layers has no layer panels.
    let plain = dir.appendingPathComponent("plain.csv").path
    try "source,target\na,b\n".write(toFile: plain, atomically: true, encoding: .utf8)
    let none = run("render", plain, "--panels", "layers", "-o", out)
    #expect(none.status == 64 && none.stderr.contains("has no layers"), "\(none.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["plain.csv"])
  }

  /// The rule in panelFileNames: letters, digits, - and _ kept, others _, a number added on a
  /// clash (case folded), an empty name _.
  @Test func panelFileNamesAreSafeAndDistinct() {
    #expect(
      BrobyggareCommandLine.panelFileNames(
        ["a b", "a_b", "A_B", "", "../x", "fig"], output: "out/fig.svg", kind: "layer")
        == [
          "out/fig.layer-a_b.svg", "out/fig.layer-a_b-2.svg", "out/fig.layer-A_B-3.svg",
          "out/fig.layer-_.svg", "out/fig.layer-___x.svg", "out/fig.layer-fig.svg",
        ])
  }
}
