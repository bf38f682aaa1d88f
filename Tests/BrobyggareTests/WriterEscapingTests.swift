import Foundation
import Testing

@testable import Brobyggare

/// Every writer escapes or refuses every character: nothing is merged, changed or lost on the
/// way out. Each Unicode scalar value goes through every format and this package's reader, in
/// an id, a label and string attributes; what a format cannot hold is refused with the
/// character and its place named.
@Suite("Writers escape or refuse every character")
struct WriterEscapingTests {
  /// Every Unicode scalar value, U+0000 to U+10FFFF; the surrogates are not scalars (a Swift
  /// string cannot hold them).
  static let allScalars: [Unicode.Scalar] = (0...0x10FFFF as ClosedRange<UInt32>).compactMap(
    Unicode.Scalar.init)

  /// What a format can write and read back, and which characters it cannot hold.
  struct Format: CustomStringConvertible, Sendable {
    var format: NetworkFormat
    /// The characters the writer must refuse. Where this comes from:
    /// - GraphML: the `Char` production of XML 1.0 (fifth edition, section 2.2,
    ///   https://www.w3.org/TR/xml/#charsets): `#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD]
    ///   | [#x10000-#x10FFFF]`; a character outside it cannot be written even as a character
    ///   reference (section 4.1, "Well-formedness constraint: Legal Character").
    /// - DOT and CSV: only NUL; this package reads both as text files, and a text file with a
    ///   NUL byte is refused by its readers (`decodeText`); Graphviz 2.43's `dot` stops at one
    ///   inside a quoted string with a syntax error (tried by hand). Neither format has an
    ///   escape for it.
    /// - JSON: none; RFC 8259 section 7 lets a string hold any scalar, escaped as `\uXXXX`.
    var refuses: @Sendable (Unicode.Scalar) -> Bool
    /// Whether the format keeps node attributes other than the label, tie attributes other than
    /// the layer, and tie ids.
    var keepsAttributes: Bool
    var keepsTieIDs: Bool
    var description: String { format.rawValue }

    /// The files the network is written to.
    func write(_ net: Network) throws -> [String] {
      switch format {
      case .dot: return [try DOTFormat.write(net)]
      case .graphml: return [try GraphMLFormat.write(net)]
      case .gexf: return [try GEXFFormat.write(net).text]
      case .json: return [try NodeLinkFormat.write(net)]
      case .csv: return [try CSVFormat.writeTies(net), try CSVFormat.writeNodes(net)]
      case .edgelist, .ucinet, .gml, .pajek, .xlsx:
        fatalError(
          "edge lists, DL, GML, Pajek files and workbooks have round-trip tests of their own")
      }
    }

    func read(_ files: [String]) throws -> Network {
      switch format {
      case .dot: return try DOTFormat.read(Data(files[0].utf8), file: "x.dot")
      case .graphml: return try GraphMLFormat.read(Data(files[0].utf8), file: "x.graphml")
      case .gexf: return try GEXFFormat.read(Data(files[0].utf8), file: "x.gexf")
      case .json: return try NodeLinkFormat.read(Data(files[0].utf8), file: "x.json")
      case .csv:
        return try CSVFormat.read(
          ties: Data(files[0].utf8), file: "x.csv", nodes: Data(files[1].utf8),
          nodesFile: "x.nodes.csv")
      case .edgelist, .ucinet, .gml, .pajek, .xlsx:
        fatalError(
          "edge lists, DL, GML, Pajek files and workbooks have round-trip tests of their own")
      }
    }
  }

  static let formats: [Format] = [
    Format(format: .dot, refuses: { $0.value == 0 }, keepsAttributes: false, keepsTieIDs: false),
    Format(
      format: .graphml,
      refuses: { u in
        !(u.value == 0x9 || u.value == 0xA || u.value == 0xD
          || (u.value >= 0x20 && u.value != 0xFFFE && u.value != 0xFFFF))
      }, keepsAttributes: true, keepsTieIDs: true),
    Format(format: .json, refuses: { _ in false }, keepsAttributes: true, keepsTieIDs: true),
    Format(
      format: .gexf,
      refuses: { u in
        !(u.value == 0x9 || u.value == 0xA || u.value == 0xD
          || (u.value >= 0x20 && u.value != 0xFFFE && u.value != 0xFFFF))
      }, keepsAttributes: true, keepsTieIDs: true),
    Format(format: .csv, refuses: { $0.value == 0 }, keepsAttributes: true, keepsTieIDs: false),
  ]

  /// The texts a scalar `u` is written in: at the start, inside and at the end of an id (made
  /// unique by the scalar's number, so that no two are canonically equivalent), inside a label,
  /// at both ends of a node attribute, inside a tie's layer and id, at both ends of a tie
  /// attribute.
  struct Texts {
    var id, label, note, layer, tieNote, tieID: String
    init(_ u: String, number: UInt32) {
      id = u + "a" + u + "b" + String(number, radix: 16) + u
      label = "a" + u + "b"
      note = u + "n" + u
      layer = "a" + u + "b"
      tieNote = u + "t" + u
      tieID = "e" + u + String(number, radix: 16)
    }
  }

  /// A network with one node per scalar, each tied to the next.
  static func network(_ scalars: ArraySlice<Unicode.Scalar>) throws -> Network {
    var net = Network(directed: true)
    net.declareNodeAttribute(AttributeDeclaration(name: "label", type: .string))
    net.declareNodeAttribute(AttributeDeclaration(name: "note", type: .string))
    net.declareTieAttribute(AttributeDeclaration(name: "note", type: .string))
    net.reserveCapacity(nodes: scalars.count, ties: scalars.count)
    let texts = scalars.map { Texts(String($0), number: $0.value) }
    for t in texts {
      try net.addNode(
        Node(id: t.id, attributes: ["label": .string(t.label), "note": .string(t.note)]))
    }
    for (k, t) in texts.enumerated() where k + 1 < texts.count {
      var tie = Tie(
        source: k, target: k + 1, trust: 0.5, layer: t.layer,
        attributes: ["note": .string(t.tieNote)])
      tie.id = t.tieID
      net.addTie(tie)
    }
    return net
  }

  /// A network of runs of consecutive scalars, one run per node, in its id, label and
  /// attribute (no ties: the Basic Multilingual Plane's networks have them).
  static func packedNetwork(_ runs: [[Unicode.Scalar]]) throws -> Network {
    var net = Network(directed: true)
    net.declareNodeAttribute(AttributeDeclaration(name: "label", type: .string))
    net.declareNodeAttribute(AttributeDeclaration(name: "note", type: .string))
    for run in runs {
      var u = ""
      u.unicodeScalars.append(contentsOf: run)
      try net.addNode(
        Node(
          id: u + String(run[0].value, radix: 16),
          attributes: ["label": .string("a" + u + "b"), "note": .string(u)]))
    }
    return net
  }

  /// Whether two texts are the same scalars. Swift's `==` on strings is canonical equivalence
  /// (U+212B ANGSTROM SIGN equals U+00C5), which would hide a writer that normalises.
  static func same(_ a: String?, _ b: String?) -> Bool {
    guard var a, var b else { return a == nil && b == nil }
    return a.withUTF8 { x in
      b.withUTF8 { y in
        x.count == y.count && (x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0)
      }
    }
  }

  /// Checks that `back` holds every text of `net` that the format keeps; returns the first
  /// difference, said in words.
  static func difference(_ net: Network, _ back: Network, _ f: Format) -> String? {
    guard back.nodeCount == net.nodeCount else {
      return "\(back.nodeCount) nodes came back of \(net.nodeCount)"
    }
    guard back.tieCount == net.tieCount else {
      return "\(back.tieCount) ties came back of \(net.tieCount)"
    }
    func show(_ s: String?) -> String {
      s.map { $0.unicodeScalars.map { scalarCode($0) }.joined(separator: " ") } ?? "nil"
    }
    for (a, b) in zip(net.nodes, back.nodes) {
      if !same(a.id, b.id) { return "id \(show(a.id)) came back as \(show(b.id))" }
      for name in f.keepsAttributes ? ["label", "note"] : ["label"] {
        let x = a.attributes[name]?.description
        let y = b.attributes[name]?.description
        if !same(x, y) {
          return "the \(name) \(show(x)) of node \(show(a.id)) came back as \(show(y))"
        }
      }
    }
    for (k, (a, b)) in zip(net.ties, back.ties).enumerated() {
      if a.source != b.source || a.target != b.target { return "tie \(k) has other ends" }
      if !same(a.layer, b.layer) {
        return "the layer \(show(a.layer)) of tie \(k) came back as \(show(b.layer))"
      }
      if f.keepsAttributes {
        let x = a.attributes["note"]?.description
        let y = b.attributes["note"]?.description
        if !same(x, y) { return "the note \(show(x)) of tie \(k) came back as \(show(y))" }
      }
      if f.keepsTieIDs && !same(a.id, b.id) {
        return "the id \(show(a.id)) of tie \(k) came back as \(show(b.id))"
      }
    }
    return nil
  }

  /// Every scalar a format can hold comes back identical from its writer and this package's
  /// reader. The Basic Multilingual Plane goes one scalar per node, at the ends of texts and
  /// inside them, in ids, labels and attributes of nodes and ties, layers and tie ids (every
  /// control, format and space character is there); the other planes, where no format refuses
  /// anything, nothing is white space and every scalar is four bytes of UTF-8, go 256
  /// consecutive scalars per node, in its id, label and attribute, so that the test runs in
  /// seconds.
  @Test(arguments: formats)
  func everyScalarRoundTrips(_ f: Format) throws {
    // A backslash at the end of a DOT string would escape its closing quote: it is refused
    // there (DOTTests), and round-trips inside a string; these texts end with the scalar.
    let plane0 = Self.allScalars.prefix { $0.value < 0x10000 }.filter {
      !f.refuses($0) && !(f.format == .dot && $0 == "\\")
    }
    let others = Self.allScalars.drop { $0.value < 0x10000 }
    #expect(others.allSatisfy { !f.refuses($0) })
    var networks: [() throws -> Network] = []
    // The Basic Multilingual Plane in networks of 8,192 nodes.
    for start in stride(from: 0, to: plane0.count, by: 8192) {
      networks.append { try Self.network(plane0[start..<min(start + 8192, plane0.count)]) }
    }
    // The other planes in runs of 256: 4,096 runs, in one network.
    let runs = stride(from: others.startIndex, to: others.endIndex, by: 256).map {
      Array(others[$0..<min($0 + 256, others.endIndex)])
    }
    for start in stride(from: 0, to: runs.count, by: 4096) {
      networks.append { try Self.packedNetwork(Array(runs[start..<min(start + 4096, runs.count)])) }
    }
    for make in networks {
      let net = try make()
      let back = try f.read(try f.write(net))
      let d = Self.difference(net, back, f)
      #expect(d == nil, "\(f): \(d ?? "")")
      if d != nil { break }
    }
  }

  /// Every scalar a format cannot hold is refused wherever it is, with the character and the
  /// place named, rather than written into a file that reads back different or not at all.
  @Test(arguments: formats)
  func everyUnwritableScalarIsRefused(_ f: Format) throws {
    let refused = Self.allScalars.filter(f.refuses)
    switch f.format {
    // U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+FFFE, U+FFFF
    case .graphml, .gexf: #expect(refused.count == 31)
    case .json: #expect(refused.isEmpty)
    default: #expect(refused == ["\0"])
    }
    for u in refused {
      let code = scalarCode(u)
      let bad = "a" + String(u) + "b"
      let shown = "a\\u{\(String(u.value, radix: 16, uppercase: true))}b"
      // In an id.
      var net = Network(directed: true)
      try net.addNode(Node(id: bad))
      var e = formatError { try f.write(net) }
      #expect(
        e?.message.contains(code) == true
          && e?.message.contains("the id of node '\(shown)'") == true,
        "\(f) \(code): \(e?.message ?? "nothing refused")")
      // In a label.
      net = Network(directed: true)
      try net.addNode(Node(id: "x", label: bad))
      e = formatError { try f.write(net) }
      let label =
        f.format == .dot || f.format == .gexf
        ? "the label of node 'x'" : "the attribute 'label' of node 'x'"
      #expect(
        e?.message.contains(code) == true && e?.message.contains(label) == true,
        "\(f) \(code): \(e?.message ?? "nothing refused")")
      // In a layer, and in a tie attribute where the format writes them.
      net = Network(directed: true)
      net.addTie(from: "x", to: "y", layer: bad)
      e = formatError { try f.write(net) }
      #expect(
        e?.message.contains(code) == true
          && e?.message.contains("the layer of tie 1 ('x' -> 'y')") == true,
        "\(f) \(code): \(e?.message ?? "nothing refused")")
      if f.keepsAttributes {
        net = Network(directed: false)
        net.addTie(from: "x", to: "y", attributes: ["note": .string(bad)])
        net.declareTieAttribute(AttributeDeclaration(name: "note", type: .string))
        e = formatError { try f.write(net) }
        #expect(
          e?.message.contains(code) == true
            && e?.message.contains("the attribute 'note' of tie 1 ('x' -- 'y')") == true,
          "\(f) \(code): \(e?.message ?? "nothing refused")")
      }
    }
  }

  /// The second finding: GraphML was written with a raw ESC, which networkx and igraph refuse
  /// to read. Writing to a file refuses it, naming the file, the node, the attribute and the
  /// character; a node table's refusal names the node table.
  /// A writer's refusal has no line and column (the output has no place yet).
  @Test func refusalsNameTheFileAndThePlace() throws {
    var net = Network(directed: true)
    try net.addNode(Node(id: "Åsa", attributes: ["note": .string("colour \u{1B}[31m")]))
    let graphml = formatError { try net.serialized(as: .graphml, path: "out/net.graphml") }
    #expect(
      graphml?.description
        == "out/net.graphml: error: the attribute 'note' of node 'Åsa' holds the character U+001B, a control character that XML 1.0 cannot hold, not even as a character reference, so it cannot be written as GraphML; remove it, or write JSON, which holds every character"
    )
    net.setNodeAttribute("note", .string("nul \u{0}"), at: 0)
    let csv = formatError { try net.serialized(as: .csv, path: "out/net.csv") }
    #expect(csv?.file == "out/net.nodes.csv")
    #expect(
      csv?.message.hasPrefix("the attribute 'note' of node 'Åsa' holds the character U+0000, a NUL")
        == true)
    #expect(
      try net.serialized(as: .json, path: "out/net.json")[0].contents.contains(
        #""note": "nul \u0000""#))
  }

  /// The first finding: a carriage return was dropped from DOT, so `a\rb` and `ab` became one
  /// node. Written as it is, it reads back, and Graphviz still draws the file.
  @Test func dotKeepsCarriageReturns() throws {
    var net = Network(directed: false)
    try net.addNode(Node(id: "a\rb", label: "one\r\ntwo"))
    try net.addNode(Node(id: "ab", label: "a\\rb \\N \\l"))
    net.addTie(from: "a\rb", to: "ab", layer: "x\ry")
    let text = try DOTFormat.write(net)
    let back = try DOTFormat.read(Data(text.utf8), file: "cr.dot")
    #expect(back.nodes.map(\.id) == ["a\rb", "ab"])
    // Graphviz's label escapes are written with their backslash escaped, so they stay text.
    #expect(back.nodes.map(\.label) == ["one\r\ntwo", "a\\rb \\N \\l"])
    #expect(back.ties.first?.layer == "x\ry")
    let svg = try Graphviz.render(text, format: "svg")
    #expect(String(decoding: svg, as: UTF8.self).contains("<svg"))
  }

  /// The third finding: a field holding ';' or a tab was not quoted when the delimiter was ',',
  /// so a header such as `source,target,type,a;b;c` read back with ';' as the delimiter. Every
  /// field holding any delimiter is quoted now, whatever the delimiter written.
  @Test(arguments: [",", "\t"] as [Character])
  func csvQuotesEveryDelimiter(_ delimiter: Character) throws {
    var net = Network(directed: true)
    net.declareNodeAttribute(AttributeDeclaration(name: "x;y;z", type: .string))
    net.declareTieAttribute(AttributeDeclaration(name: "a;b;c", type: .string))
    net.declareTieAttribute(AttributeDeclaration(name: "d\te\tf", type: .string))
    try net.addNode(Node(id: "semi;colon", attributes: ["x;y;z": .string("1;2;3")]))
    try net.addNode(Node(id: "tab\there", attributes: ["x;y;z": .string(" lead, trail\t")]))
    net.addTie(
      from: "semi;colon", to: "tab\there",
      attributes: ["a;b;c": .string("p;q"), "d\te\tf": .string("r\ts")])
    let ties = try CSVFormat.writeTies(net, delimiter: delimiter)
    let nodes = try CSVFormat.writeNodes(net, delimiter: delimiter)
    let back = try CSVFormat.read(ties: Data(ties.utf8), file: "t.csv", nodes: Data(nodes.utf8))
    #expect(back.nodes == net.nodes)
    #expect(back.nodeAttributes.map(\.name) == ["x;y;z"])
    #expect(back.tieAttributes.map(\.name) == ["a;b;c", "d\te\tf"])
    #expect(back.ties == net.ties)
    #expect(CSVFormat.quoteField("plain") == "plain")
    #expect(CSVFormat.quoteField("\u{3000}ideographic space") == "\"\u{3000}ideographic space\"")
  }

  /// Names a CSV header cannot hold as they are, or that the reader would take for another
  /// column, are refused, naming the attribute.
  @Test func csvRefusesHeadersThatReadBackOtherwise() throws {
    func refusal(_ build: (inout Network) -> Void) -> String? {
      var net = Network(directed: true)
      net.addTie(from: "a", to: "b", trust: 1)
      build(&net)
      return formatError { try CSVFormat.writeTies(net) + CSVFormat.writeNodes(net) }?.message
    }
    #expect(
      refusal { $0.declareTieAttribute(AttributeDeclaration(name: "Layer", type: .string)) }?
        .contains("'Layer' would be read back from CSV as the layer") == true)
    #expect(
      refusal { $0.declareTieAttribute(AttributeDeclaration(name: "Source", type: .string)) }?
        .contains("the tie attribute 'Source' has the name of the column 'source'") == true)
    #expect(
      refusal { $0.declareNodeAttribute(AttributeDeclaration(name: "ID", type: .string)) }?
        .contains("the node attribute 'ID'") == true)
    #expect(
      refusal { $0.declareTieAttribute(AttributeDeclaration(name: " x", type: .string)) }?.contains(
        "white space at either end") == true)
    // The trust is named weight (as networkx names it) and an attribute trust: the reader would
    // take the attribute for the trust.
    #expect(
      refusal {
        $0.trustAttributeName = "weight"
        $0.declareTieAttribute(AttributeDeclaration(name: "trust", type: .string))
      }?
      .contains("'trust' would be read back from CSV as the trust, in place of 'weight'") == true)
    #expect(refusal { $0.trustAttributeName = "Trust" } == nil)
  }

  /// The fourth finding: infinite and NaN values were written as `null` and lost. They are
  /// written as Python's json module writes them, and read back as the same doubles.
  @Test func jsonKeepsInfinityAndNaN() throws {
    var net = Network(directed: true)
    net.declareNodeAttribute(AttributeDeclaration(name: "score", type: .double))
    try net.addNode(Node(id: "a", attributes: ["score": .double(.infinity)]))
    try net.addNode(Node(id: "b", attributes: ["score": .double(-.infinity)]))
    try net.addNode(Node(id: "c", attributes: ["score": .double(.nan)]))
    net.attributes["limit"] = .double(.infinity)
    net.addTie(from: "a", to: "b", trust: 0.5, attributes: ["gap": .double(.nan)])
    let text = try NodeLinkFormat.write(net)
    #expect(
      text.contains(#""score": Infinity"#) && text.contains(#""score": -Infinity"#)
        && text.contains(#""score": NaN"#))
    let back = try NodeLinkFormat.read(Data(text.utf8), file: "x.json")
    #expect(back.nodes[0].attributes["score"] == .double(.infinity))
    #expect(back.nodes[1].attributes["score"] == .double(-.infinity))
    #expect(back.nodes[2].attributes["score"]?.number?.isNaN == true)
    #expect(back.attributes["limit"] == .double(.infinity))
    #expect(back.ties[0].attributes["gap"]?.number?.isNaN == true)
  }

  /// networkx 3.6.1 reads the infinities and NaN we write as floats, and what it writes back
  /// (Python's json module: `Infinity`, `-Infinity`, `NaN`) reads back here as the same values.
  @Test func networkxReadsInfinityAndNaN() throws {
    var net = Network(directed: true)
    try net.addNode(Node(id: "a", attributes: ["score": .double(.infinity)]))
    try net.addNode(Node(id: "b", attributes: ["score": .double(-.infinity)]))
    try net.addNode(Node(id: "c", attributes: ["score": .double(.nan)]))
    net.addTie(from: "a", to: "c", trust: 2, attributes: ["gap": .double(-.infinity)])
    let dir = try peerDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("net.json")
    let again = dir.appendingPathComponent("again.json")
    try NodeLinkFormat.write(net).write(to: file, atomically: true, encoding: .utf8)
    let peers = try Self.readWithPeers("json", file.path, again.path)
    // Python's json.dumps writes float('inf') as Infinity, float('-inf') as -Infinity and
    // float('nan') as NaN: what networkx holds, printed back.
    let nodes = peers["networkx"]?["nodes"]
    #expect(
      Self.sameStrings(
        nodes,
        .array([
          .array([.string("a"), .object([("score", .number(.infinity))])]),
          .array([.string("b"), .object([("score", .number(-.infinity))])]),
          .array([.string("c"), .object([("score", .number(.nan))])]),
        ])), "\(String(describing: nodes))")
    let back = try NodeLinkFormat.read(Data(contentsOf: again), file: again.path)
    #expect(
      back.nodes.map { $0.attributes["score"]?.number?.description ?? "" } == [
        "inf", "-inf", "nan",
      ])
    #expect(back.ties[0].trust == 2)
    #expect(back.ties[0].attributes["gap"] == .double(-.infinity))
  }

  /// The fifth finding: a `Trust` (or `Weight`) column is the trust in CSV, but came back from
  /// JSON as an ordinary attribute. The JSON reader takes the trust key in any case, as the CSV
  /// reader does, and the name is kept.
  @Test(arguments: ["Trust", "Weight", "TRUST", "weight"])
  func trustNameSurvivesJSON(_ name: String) throws {
    let csv = try csvNetwork("source,target,\(name),since\na,b,0.25,1990\nb,c,1,2001\n")
    #expect(csv.ties.map(\.trust) == [0.25, 1])
    let back = try NodeLinkFormat.read(Data(try NodeLinkFormat.write(csv).utf8), file: "x.json")
    #expect(back.trustAttributeName == name)
    #expect(back.ties.map(\.trust) == [0.25, 1])
    #expect(back.tieAttributes.map(\.name) == ["since"])
  }

  /// A trust named by a column option (`tillit`) would read back from JSON as an attribute: it
  /// is written as `trust`. Attribute names the JSON reader takes for something else are
  /// refused, naming the attribute.
  @Test func jsonTrustAndReservedNames() throws {
    let sv = try CSVFormat.read(
      ties: Data("källa;mål;tillit\na;b;0,5\n".utf8), file: "sv.csv",
      columns: CSVFormat.Columns(source: "källa", target: "mål", trust: "tillit"))
    let text = try NodeLinkFormat.write(sv)
    #expect(text.contains(#""trust": 0.5"#))
    #expect(try NodeLinkFormat.read(Data(text.utf8), file: "x.json").ties.map(\.trust) == [0.5])

    var net = Network(directed: true)
    net.addTie(from: "a", to: "b", trust: 1, attributes: ["key": .integer(3)])
    #expect(
      formatError { try NodeLinkFormat.write(net) }?.message.contains("the tie attribute 'key'")
        == true)
    net = Network(directed: true)
    try net.addNode(Node(id: "a", attributes: ["id": .string("other")]))
    #expect(
      formatError { try NodeLinkFormat.write(net) }?.message.contains("the node attribute 'id'")
        == true)
    net = Network(directed: true)
    net.trustAttributeName = "weight"
    net.addTie(from: "a", to: "b", trust: 1, attributes: ["Trust": .double(2)])
    #expect(
      formatError { try NodeLinkFormat.write(net) }?.message.contains(
        "'Trust' would be read back from JSON as the trust, in place of 'weight'") == true)
  }

  /// The second finding, seen from the peers: line feeds, tabs and carriage returns in ids (XML
  /// attributes) and in data reach networkx 3.6.1 and igraph 1.0.0 as the exact strings, with
  /// spaces at the ends and inside kept.
  @Test func networkxAndIgraphReadLineBreaksAndTabsExactly() throws {
    let texts = [
      "line\nfeed", "tab\there", "carriage\rreturn", "crlf\r\nend", "\n lead and trail \t",
      "  two  spaces  ",
      "all\r\n\t\r\n\tmixed", "quote \" and <tag> & amp",
    ]
    var net = Network(directed: true)
    net.declareNodeAttribute(AttributeDeclaration(name: "label", type: .string))
    net.declareNodeAttribute(AttributeDeclaration(name: "note", type: .string))
    net.declareTieAttribute(AttributeDeclaration(name: "note", type: .string))
    // igraph 1.0.0 returns an '&' in a node id as '&#38;' (see check_graphml_with_peers.py), so
    // the ids leave out the last text.
    let ids = texts.dropLast().map { "id " + $0 }
    for (k, id) in ids.enumerated() {
      try net.addNode(
        Node(
          id: id,
          attributes: ["label": .string(texts[k]), "note": .string(texts[texts.count - 1 - k])]))
    }
    for k in 0..<(ids.count - 1) {
      net.addTie(
        from: ids[k], to: ids[k + 1], trust: 1, layer: texts[k + 1],
        attributes: ["note": .string(texts[k])])
    }
    let dir = try peerDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("net.graphml")
    try GraphMLFormat.write(net).write(to: file, atomically: true, encoding: .utf8)
    let peers = try Self.readWithPeers("graphml", file.path)
    for peer in ["networkx", "igraph"] {
      // What each peer should hold: exactly the strings of the network (the expected values are
      // the inputs themselves; a peer that read XML by the standard returns them unchanged).
      var nodes: [JSONValue] = []
      for node in net.nodes {
        nodes.append(
          .array([
            .string(node.id),
            .object([
              ("label", .string(node.attributes["label"]!.description)),
              ("note", .string(node.attributes["note"]!.description)),
            ]),
          ]))
      }
      var edges: [JSONValue] = []
      for tie in net.ties {
        edges.append(
          .array([
            .string(net.nodes[tie.source].id), .string(net.nodes[tie.target].id),
            .object([
              ("trust", .number(1)), ("layer", .string(tie.layer!)),
              ("note", .string(tie.attributes["note"]!.description)),
            ]),
          ]))
      }
      guard let got = peers[peer] else {
        Issue.record("\(peer) printed nothing")
        continue
      }
      #expect(
        Self.sameStrings(got["nodes"], .array(nodes)),
        "\(peer) nodes: \(String(describing: got["nodes"]))")
      #expect(
        Self.sameStrings(got["edges"], .array(edges)),
        "\(peer) edges: \(String(describing: got["edges"]))")
    }
  }

  /// Equal JSON values, with strings compared scalar for scalar, object members in any order,
  /// integers equal to the same doubles, and NaN equal to NaN.
  static func sameStrings(_ a: JSONValue?, _ b: JSONValue?) -> Bool {
    switch (a, b) {
    case (.string(let x)?, .string(let y)?): return same(x, y)
    case (.array(let x)?, .array(let y)?):
      return x.count == y.count && zip(x, y).allSatisfy { sameStrings($0, $1) }
    case (.object(let x)?, .object(let y)?):
      return x.count == y.count
        && x.allSatisfy { m in y.contains { $0.0 == m.0 && sameStrings($0.1, m.1) } }
    case (.integer(let x)?, .number(let y)?), (.number(let y)?, .integer(let x)?):
      return Double(x) == y
    case (.number(let x)?, .number(let y)?): return x == y || (x.isNaN && y.isNaN)
    default: return a == b
    }
  }

  /// Runs Scripts/read_with_peers.py with the python the project names
  /// (`BROBYGGARE_PYTHON`, else python3) and parses what it prints.
  static func readWithPeers(_ arguments: String...) throws -> JSONValue {
    let python = ProcessInfo.processInfo.environment["BROBYGGARE_PYTHON"] ?? "python3"
    let r = try runTool(
      "/usr/bin/env",
      [python, packageRoot.appendingPathComponent("Scripts/read_with_peers.py").path] + arguments)
    try #require(
      r.status == 0,
      "read_with_peers.py failed (python3 with networkx and igraph is needed): \(r.err)")
    var parser = JSONParser(r.out, file: "read_with_peers.py")
    return try parser.parseDocument()
  }

  func peerDirectory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "brobyggare-escaping-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }
}
