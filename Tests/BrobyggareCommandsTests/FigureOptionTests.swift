import Foundation
import Testing

@testable import Brobyggare
@testable import BrobyggareCommands

/// Figures for a journal: `render --dpi`, `--hide-isolates`, `--greyscale`, and a legend that
/// names the group attribute.
@Suite("Figure options")
struct FigureOptionTests {
  /// A PNG's width and height from its IHDR chunk (PNG specification, section 11.2.2).
  static func pngSize(_ data: Data) -> (Int, Int) {
    let b = [UInt8](data)
    func be(_ i: Int) -> Int {
      Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3])
    }
    return (be(16), be(20))
  }

  /// Graphviz scales a bitmap by dpi/72 (its points are 1/72 inch): 300 dpi is 300/72 times the
  /// pixels of 72 dpi, up to a pixel of rounding on each side.
  @Test func dpiScalesThePNG() throws {
    guard Graphviz.executable != nil else {
      print("notice: Graphviz is not installed; --dpi not checked")
      return
    }
    let dir = try temporaryDirectory()
    var sizes: [Int: (Int, Int)] = [:]
    for dpi in [72, 300] {
      let file = dir.appendingPathComponent("p\(dpi).png").path
      let r = run("render", padgett, "--layer", "marriage", "--dpi", String(dpi), "-o", file)
      #expect(r.status == 0, "\(r.stderr)")
      let png = try Data(contentsOf: URL(fileURLWithPath: file))
      sizes[dpi] = Self.pngSize(png)
      // The resolution is recorded in the PNG (pHYs, pixels per metre): round(dpi / 0.0254),
      // 2835 for 72 dpi and 11811 for 300 (PNG specification, ISO/IEC 15948 §11.3.5.3).
      let perMetre = Int((Double(dpi) / 0.0254).rounded())
      #expect(pngPixelsPerMetre(png).map { [$0.x, $0.y] } == [perMetre, perMetre], "\(dpi) dpi")
    }
    let (w72, h72) = sizes[72]!
    let (w300, h300) = sizes[300]!
    #expect(abs(Double(w300) - Double(w72) * 300 / 72) <= 300 / 72 + 1, "\(sizes)")
    #expect(abs(Double(h300) - Double(h72) * 300 / 72) <= 300 / 72 + 1, "\(sizes)")
    #expect(
      run("render", padgett, "--dpi", "300", "-o", dir.appendingPathComponent("p.svg").path).stderr
        .contains("--dpi sets the resolution of a PNG"))
    #expect(
      run("render", padgett, "--dpi", "5000", "-o", dir.appendingPathComponent("p.png").path).status
        == 64)
    #expect(
      run("render", padgett, "--dpi", "x", "-o", dir.appendingPathComponent("p.png").path).status
        == 64)
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("p.png").path))
  }

  /// By hand: a – b tied, c alone; hidden, c is not drawn; an ego without ties stays.
  @Test func hideIsolates() throws {
    var net = Network(directed: false)
    net.addTie(from: "a", to: "b", trust: 1)
    try net.addNode(Node(id: "c"))
    var style = DiagramStyle()
    style.hideIsolates = true
    let dot = try net.diagram(style)
    #expect(dot.contains("\"a\" [") && dot.contains("\"b\" [") && !dot.contains("\"c\" ["))
    #expect(try net.diagram().contains("\"c\" ["))
    style.ego = "c"
    #expect(try net.diagram(style).contains("\"c\" ["))
  }

  @Test func greyscaleAndTheLegendNamesTheAttribute() throws {
    let colour = run("dot", "municipality", "--layer", "trust", "--group", "sector")
    let grey = run("dot", "municipality", "--layer", "trust", "--group", "sector", "--greyscale")
    #expect(colour.status == 0 && grey.status == 0)
    #expect(
      colour.stdout.contains("<I>colour: sector</I>")
        && grey.stdout.contains("<I>colour: sector</I>"))
    for c in DiagramStyle.palette where c != "#999999" {
      #expect(!grey.stdout.contains(c), "\(c) in the greyscale drawing")
    }
    #expect(
      grey.stdout.contains("fillcolor=\"#404040\"") && grey.stdout.contains("fontcolor=\"#FFFFFF\"")
    )
    #expect(colour.stdout.contains("fillcolor=\"#E69F00\""))
  }
}
