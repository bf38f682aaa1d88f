import Foundation
import Testing

@testable import Brobyggare

/// The label threshold, labels beside small nodes, and the spacing and routing attributes a
/// drawing takes by size; Graphviz 2.43 must take every attribute without a warning.
@Suite("Diagram labels and spacing")
struct DiagramLabelTests {
  /// By hand: the path a – b – c – d – e with f hung on c (undirected).
  /// Degrees: a 1, b 2, c 3, d 2, e 1, f 1.
  /// Betweenness (pairs whose shortest path passes the node, unnormalised): b separates a from
  /// {c, d, e, f}: 4; c separates {a, b} from {d, e, f} (6) and d, e from f (2): 8; d separates
  /// e from {a, b, c, f}: 4; a, e and f: 0.
  static func spur() -> Network {
    var net = Network(directed: false)
    for (s, t) in [("a", "b"), ("b", "c"), ("c", "d"), ("d", "e"), ("c", "f")] {
      net.addTie(from: s, to: t)
    }
    return net
  }

  /// The ids whose node line carries a non-empty label or xlabel.
  static func labelled(_ dot: String) -> Set<String> {
    var ids = Set<String>()
    for line in dot.split(separator: "\n") where line.hasPrefix("  \"") && !line.contains(" -- ") {
      let id = line.dropFirst(3).prefix { $0 != "\"" }
      if line.contains("shape=\"plain\"") { continue }
      if line.contains(" label=\"\(id)\"") || line.contains("xlabel=\"\(id)\"") {
        ids.insert(String(id))
      }
    }
    return ids
  }

  @Test func topKByTheSizeMeasureAndByANamedOne() throws {
    let net = Self.spur()
    var style = DiagramStyle()
    style.labelCount = 1
    // Betweenness (the size): c, 8, alone at the top.
    var d = try net.drawing(style)
    #expect(Self.labelled(d.dot) == ["c"])
    #expect(d.labelled == [net.index(of: "c")!] && d.labelMeasure == .betweenness && d.ranked == 3)
    // Three: c 8, then b and d at 4.
    style.labelCount = 3
    #expect(Self.labelled(try net.diagram(style)) == ["b", "c", "d"])
    // Ten asked, three above 0: a, e and f (betweenness 0) are not ranked.
    style.labelCount = 10
    d = try net.drawing(style)
    #expect(Self.labelled(d.dot) == ["b", "c", "d"] && d.ranked == 3)
    // By degree: c 3, then b and d at 2, equal values in the order of the nodes (b first).
    style.labelCount = 2
    style.labelMeasure = .degree
    #expect(Self.labelled(try net.diagram(style)) == ["b", "c"])
    // Zero labels none; the highlighted top keep their thick border.
    style.labelCount = 0
    let none = try net.diagram(style)
    #expect(Self.labelled(none).isEmpty && none.contains("penwidth=\"3\""))
    #expect(none.contains("labels: top 0 by degree"))
    // The choice among auto, all, top and none is untouched without a count.
    style.labelCount = nil
    style.labels = .none
    #expect(Self.labelled(try net.diagram(style)).isEmpty)
    style.labels = .auto
    #expect(Self.labelled(try net.diagram(style)) == ["a", "b", "c", "d", "e", "f"])
  }

  /// Measures computed once and passed in (``Network/drawingMeasures(_:except:)``, and the
  /// betweenness the report's table computes on the same ties with hops) give the drawing the
  /// drawing gives alone, byte for byte; and they are used, not computed again: values passed
  /// in that differ change the drawing.
  @Test func measuresPassedInDrawTheSame() throws {
    let net = Self.spur()
    var style = DiagramStyle()
    style.labelCount = 2
    style.labelMeasure = .degree
    let alone = try net.drawing(style).dot
    #expect(try net.drawing(style, measured: net.drawingMeasures(style)).dot == alone)
    let adj = try net.adjacency(style.selection)
    let table = adj.betweenness(lengths: try ArcLengths(adj, transform: .hops))
    var measured: [DiagramStyle.Size: [Double]] = [.betweenness: table]
    let rest = try net.drawingMeasures(style, except: [.betweenness])
    #expect(Set(rest.keys) == [.degree])
    for (size, values) in rest { measured[size] = values }
    #expect(try net.drawing(style, measured: measured).dot == alone)
    // f as the top bridge-builder instead of c: another drawing.
    var other = table
    other[net.index(of: "f")!] = 100
    measured[.betweenness] = other
    #expect(try net.drawing(style, measured: measured).dot != alone)
  }

  @Test func aThresholdNeedsAMeasureAndACountFromZero() throws {
    let net = Self.spur()
    var style = DiagramStyle()
    style.labelCount = 2
    style.size = .none
    #expect(throws: DiagramError.labelsNeedAMeasure) { try net.diagram(style) }
    style.size = .degree
    style.labelMeasure = DiagramStyle.Size.none
    #expect(throws: DiagramError.labelsNeedAMeasure) { try net.diagram(style) }
    style.labelMeasure = .brokerage
    #expect(throws: DiagramError.brokerageNeedsGroup) { try net.diagram(style) }
    style.labelMeasure = nil
    style.labelCount = -1
    #expect(throws: DiagramError.negativeLabelCount(-1)) { try net.diagram(style) }
  }

  /// Same size nodes (width 0.6 in = 43.2 pt): 0.55 × 10 pt × 8 characters = 44 pt passes it,
  /// 7 characters (38.5 pt) do not. A label too long for its node stays centred on it (a
  /// Graphviz xlabel placed beside the node often sat nearer another node: a probe measured
  /// "Manager 10" 78 pt from its node and 48 pt from node 11 in Krackhardt's managers), and is
  /// drawn dark where the group's fill is dark, since it runs past the node.
  @Test func labelsTooLongForTheirNodeStayCentredOnIt() throws {
    var net = Network(directed: false)
    try net.addNode(Node(id: "s", label: "abcdefg"))
    try net.addNode(Node(id: "l", label: "abcdefgh"))
    net.addTie(from: "s", to: "l")
    var style = DiagramStyle()
    style.size = .none
    let dot = try net.diagram(style)
    #expect(dot.contains("\"s\" [") && dot.contains("label=\"abcdefg\""))
    #expect(dot.contains("label=\"abcdefgh\""))
    #expect(!dot.contains("xlabel=") && !dot.contains("forcelabels"))
    // A label longer than 40 characters is cut, the tooltip keeping it whole.
    let long = String(repeating: "Lindqvist-", count: 15)
    var named = Network(directed: false)
    try named.addNode(Node(id: "x", label: long))
    try named.addNode(Node(id: "y"))
    named.addTie(from: "x", to: "y")
    let cut = try named.diagram(style)
    #expect(cut.contains("label=\"\(long.prefix(39))…\""))
    #expect(cut.contains("tooltip=\"\(long)\""))
  }

  /// The rule in DiagramStyle.spacingAttributes, at the edges of its ranges.
  @Test func spacingAndRoutingBySize() {
    func attrs(_ layout: String, _ n: Int, clusters: Bool = false) -> [String] {
      DiagramStyle.spacingAttributes(
        layout: layout, nodes: n, clusters: clusters, pinned: false)
    }
    #expect(
      attrs("neato", 100) == ["overlap=\"prism\"", "sep=\"+8\"", "esep=\"+4\"", "splines=\"true\""])
    #expect(
      attrs("neato", 101)
        == ["overlap=\"prism\"", "sep=\"+4\"", "esep=\"+2\"", "splines=\"line\""])
    #expect(
      attrs("sfdp", 501) == ["overlap=\"prism\"", "sep=\"+2\"", "esep=\"+1\"", "splines=\"line\""])
    #expect(attrs("dot", 100) == ["splines=\"ortho\""])
    #expect(attrs("dot", 101) == ["splines=\"true\""])
    #expect(attrs("fdp", 300, clusters: true).last == "splines=\"true\"")
    #expect(
      DiagramStyle.spacingAttributes(
        layout: "neato", nodes: 10, clusters: false, pinned: true)
        == ["overlap=\"true\"", "splines=\"true\""])
  }

  /// Graphviz's stderr and exit status on a drawing (`dot -Tsvg`), or nil without Graphviz.
  static func graphvizComplaints(_ dot: String) throws -> (Int32, String)? {
    guard let exe = Graphviz.executable else { return nil }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "brobyggare-labels-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let input = dir.appendingPathComponent("d.dot")
    try dot.write(to: input, atomically: true, encoding: .utf8)
    let r = try runTool(
      exe, ["-Tsvg", "-o", dir.appendingPathComponent("d.svg").path, input.path], stdout: .inherit)
    return (r.status, r.err)
  }

  /// Every range of the rule, clusters with their titles, and the dot engine's ortho routing:
  /// Graphviz (2.43 here) exits 0 and writes nothing on stderr.
  @Test func graphvizTakesTheAttributesWithoutAWarning() throws {
    // A ring with chords of n nodes, in two groups, some with long labels.
    func ring(_ n: Int) -> Network {
      var net = Network(directed: false)
      for k in 0..<n {
        try! net.addNode(
          Node(
            id: "n\(k)", label: k % 7 == 0 ? "a rather long name \(k)" : "n\(k)",
            attributes: ["g": .string(k % 2 == 0 ? "even" : "odd")]))
      }
      for k in 0..<n {
        net.addTie(from: "n\(k)", to: "n\((k + 1) % n)")
        if k % 5 == 0 { net.addTie(from: "n\(k)", to: "n\((k + n / 3) % n)") }
      }
      return net
    }
    var cases: [(String, String)] = []
    for n in [30, 150, 450] {
      var style = DiagramStyle()
      style.group = "g"
      style.size = .degree
      style.labels = .all
      cases.append(("ring \(n)", try ring(n).diagram(style)))
    }
    var clustered = DiagramStyle()
    clustered.group = "g"
    clustered.clusters = true
    clustered.size = .degree
    cases.append(("clusters", try ring(40).diagram(clustered)))
    var hierarchical = DiagramStyle()
    hierarchical.layout = "dot"
    hierarchical.size = .degree
    cases.append(("dot ortho", try ring(30).diagram(hierarchical)))
    for (name, dot) in cases {
      guard let (status, stderr) = try Self.graphvizComplaints(dot) else {
        print("notice: Graphviz is not installed; the drawing attributes were not checked")
        return
      }
      #expect(status == 0 && stderr.isEmpty, "\(name): \(status) \(stderr)")
    }
    #expect(cases[0].1.contains("splines=\"true\"") && cases[1].1.contains("splines=\"line\""))
    #expect(cases[2].1.contains("splines=\"line\"") && cases[4].1.contains("splines=\"ortho\""))
    // Cluster titles are text nodes, not cluster labels that ties would cross.
    #expect(
      cases[3].1.contains("\"cluster_0_title\" [shape=\"plaintext\"")
        && !cases[3].1.contains("label=\"even\";"))
  }
}
