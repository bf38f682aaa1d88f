import Foundation
import Testing

@testable import Brobyggare

/// Property tests: seeded random networks with every attribute type, missing values, Unicode
/// and awkward ids survive GraphML, JSON node-link and CSV round trips.
@Suite("Lossless round trips of random networks")
struct LosslessRoundTripTests {
  /// SplitMix64, so the networks are the same on every platform.
  struct Generator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
  }

  static let awkward = [
    "a", "Åsa Öberg", "id with spaces", "quote\"inside", "apostrophe's", "a,b", "semi;colon",
    "<tag>&amp;",
    "tab\there", "back\\slash", "新しい", "emoji 🌉", "line\nbreak", "123", "-4.5", "true", " lead",
    "trail ", "#hash", "graph",
  ]

  static func network(seed: UInt64) throws -> Network {
    var g = Generator(state: seed)
    var net = Network(directed: g.int(2) == 0)
    for d in [
      AttributeDeclaration(name: "sector", type: .string),
      AttributeDeclaration(name: "age", type: .integer),
      AttributeDeclaration(name: "score", type: .double),
      AttributeDeclaration(name: "interviewed", type: .boolean),
    ] {
      net.declareNodeAttribute(d)
    }
    net.declareTieAttribute(AttributeDeclaration(name: "since", type: .integer))
    let n = 5 + g.int(20)
    var ids: [String] = []
    for k in 0..<n {
      let base = Self.awkward[g.int(Self.awkward.count)]
      let id = "\(base) \(k)"
      ids.append(id)
      var attrs: [String: AttributeValue] = [:]
      if g.int(4) > 0 {
        attrs["sector"] = .string(["municipality", "civil society", "Ås, \"väst\"", ""][g.int(4)])
      }
      if g.int(4) > 0 { attrs["age"] = .integer(g.int(90) - 5) }
      if g.int(4) > 0 {
        attrs["score"] = .double((g.unit() - 0.3) * pow(10, Double(g.int(12)) - 6))
      }
      if g.int(4) > 0 { attrs["interviewed"] = .boolean(g.int(2) == 0) }
      try net.addNode(
        Node(
          id: id, label: g.int(3) == 0 ? nil : "Label \(Self.awkward[g.int(Self.awkward.count)])",
          attributes: attrs))
    }
    let m = g.int(3 * n)
    for _ in 0..<m {
      let s = g.int(n)
      let t = g.int(n)
      var tie = Tie(
        source: s, target: t, trust: g.unit(),
        layer: ["trust", "collaboration", "member of"][g.int(3)])
      if g.int(2) == 0 { tie.attributes["since"] = .integer(1990 + g.int(35)) }
      net.addTie(tie)
    }
    return net
  }

  /// Everything the model holds, as comparable text: ids, direction, every node's attributes,
  /// every tie's ends, trust, layer and attributes, in order.
  static func content(_ net: Network, typed: Bool = true, emptyIsMissing: Bool = false) -> [String]
  {
    func v(_ a: AttributeValue?) -> String {
      guard let a else { return "∅" }
      return typed ? "\(a.type):\(a.description)" : a.description
    }
    var out = ["directed \(net.isDirected)"]
    for node in net.nodes {
      let keys = node.attributes.keys.filter {
        !(emptyIsMissing && node.attributes[$0] == .string(""))
      }
      out.append(
        "node \(node.id.debugDescription) "
          + keys.sorted().map { "\($0)=\(v(node.attributes[$0]))" }.joined(separator: " "))
    }
    for t in net.ties {
      out.append(
        "tie \(net.nodes[t.source].id.debugDescription) \(net.nodes[t.target].id.debugDescription) trust=\(t.trust.map { "\($0)" } ?? "∅") layer=\(t.layer ?? "∅") "
          + t.attributes.keys.sorted().map { "\($0)=\(v(t.attributes[$0]))" }.joined(separator: " ")
      )
    }
    return out
  }

  func roundTrip(_ net: Network, as format: NetworkFormat, name: String) throws -> (
    Network, [(path: String, contents: String)]
  ) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "roundtrip-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent(name).path
    let files = try net.serialized(as: format, path: path)
    try writeFilesAtomically(files)
    return (try Network(contentsOf: path, options: .init(directed: net.isDirected)), files)
  }

  @Test(arguments: 1...40)
  func graphMLAndJSONGiveBackTheSameNetwork(_ seed: Int) throws {
    let net = try Self.network(seed: UInt64(seed))
    for (format, name) in [(NetworkFormat.graphml, "n.graphml"), (.json, "n.json")] {
      let (back, files) = try roundTrip(net, as: format, name: name)
      #expect(Self.content(back) == Self.content(net), "seed \(seed), \(format)")
      // GraphML declares its keys, so writing what was read gives the same bytes. JSON
      // node-link has no declarations: attributes are declared in the order they first
      // appear, so a second writing may order a node's attributes differently.
      if format == .graphml {
        let again = try back.serialized(as: format, path: files[0].path)
        #expect(
          again.map(\.contents) == files.map(\.contents),
          "seed \(seed), \(format): writing it again differs")
      }
    }
  }

  /// CSV has no types: a column is read as the narrowest type all its values fit. And an empty
  /// cell is a missing value, so an empty string comes back missing. Otherwise values come back
  /// as the same text, and the second writing is byte for byte the first.
  @Test(arguments: 1...40)
  func csvGivesBackTheSameValues(_ seed: Int) throws {
    let net = try Self.network(seed: UInt64(seed))
    let (back, files) = try roundTrip(net, as: .csv, name: "n.csv")
    #expect(
      Self.content(back, typed: false, emptyIsMissing: true)
        == Self.content(net, typed: false, emptyIsMissing: true), "seed \(seed)")
    let again = try back.serialized(as: .csv, path: files[0].path)
    #expect(
      again.map(\.contents) == files.map(\.contents), "seed \(seed): writing it again differs")
  }
}
