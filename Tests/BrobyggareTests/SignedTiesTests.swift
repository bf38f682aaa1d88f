import Foundation
import Testing

@testable import Brobyggare

/// Signed networks read one sign at a time (`ReadOptions.sign`, `--sign`): a constructed
/// signed karate club (Zachary's club as networkx 3.6.1 ships it, ties between the two clubs
/// made negative), written by networkx and igraph in seven formats
/// (Scripts/make_signed_fixtures.py). The ties of each sign and their betweenness are
/// compared with networkx's and igraph's (reference.json, which records the versions).
@Suite("Signed networks")
struct SignedTiesTests {
  static let files = [
    "karate_signed.graphml", "karate_signed.gexf", "karate_signed.gml", "karate_signed.json",
    "karate_signed.net", "karate_signed.csv", "karate_signed.dl",
  ]

  struct Reading: Decodable {
    var ties: [[Value]]
    var betweenness_networkx: [String: Double]
    var betweenness_igraph: [String: Double]
  }
  enum Value: Decodable {
    case id(String)
    case trust(Double)
    init(from decoder: Decoder) throws {
      let c = try decoder.singleValueContainer()
      if let s = try? c.decode(String.self) {
        self = .id(s)
      } else {
        self = .trust(try c.decode(Double.self))
      }
    }
  }
  struct Reference: Decodable {
    var positive: Reading
    var negative: Reading
  }

  static func reference() throws -> Reference {
    try JSONDecoder().decode(Reference.self, from: fixtureData("signed/reference.json"))
  }

  static func read(_ file: String, _ sign: TieSign?) throws(FormatError) -> Network {
    var options = Network.ReadOptions()
    options.sign = sign
    // CSV and DL do not say their direction; the club is undirected.
    if file.hasSuffix(".csv") || file.hasSuffix(".dl") { options.directed = false }
    return try Network(contentsOf: fixturePath("signed/" + file), options: options)
  }

  /// A member's name: the id, or in igraph's GML (whose ids are numbers) the `name`.
  static func name(_ node: Node) -> String {
    node.attributes["name"]?.description ?? node.id
  }

  /// The ties as sorted [a, b, trust] triples, as the reference lists them.
  static func ties(_ net: Network) -> [String] {
    net.ties.map { t in
      let ends = [name(net.nodes[t.source]), name(net.nodes[t.target])].sorted()
      return "\(ends[0]) \(ends[1]) \(t.trust ?? 1)"
    }.sorted()
  }

  static func ties(_ r: Reading) -> [String] {
    r.ties.map { row in
      row.map {
        switch $0 {
        case .id(let s): s
        case .trust(let w): "\(w)"
        }
      }.joined(separator: " ")
    }.sorted()
  }

  @Test(arguments: files)
  func withoutASignANegativeTrustIsRefusedWithTheWayToReadIt(_ file: String) throws {
    // Formats that check trust as they read say where; GraphML, GEXF and JSON weights (any
    // number, as networkx writes them) are refused when a measure reads them as trust.
    do {
      let net = try Self.read(file, nil)
      #expect(["graphml", "gexf", "json"].contains((file as NSString).pathExtension), "\(file)")
      let error = #expect(throws: NetworkError.self) { try net.adjacency(.all) }
      #expect(
        error.map { "\($0)".contains("--sign positive") } == true, "\(String(describing: error))")
    } catch {
      #expect(error.message.contains("--sign positive reads the ties of trust ≥ 0"), "\(error)")
      #expect(error.line >= 1 && error.column >= 1, "\(error)")
    }
  }

  @Test(arguments: files)
  func eachSignHasTheTiesAndBetweennessThePeersFind(_ file: String) throws {
    let reference = try Self.reference()
    for (sign, expected) in [
      (TieSign.positive, reference.positive), (.negative, reference.negative),
    ] {
      let net = try Self.read(file, sign)
      #expect(net.nodeCount == 34, "\(file) \(sign)")
      #expect(Self.ties(net) == Self.ties(expected), "\(file) \(sign)")
      let b = try net.betweenness(threads: 2)
      for (v, node) in net.nodes.enumerated() {
        let nx = try #require(expected.betweenness_networkx[Self.name(node)])
        let ig = try #require(expected.betweenness_igraph[Self.name(node)])
        #expect(abs(b[v] - nx) <= 1e-9 * max(1, nx), "\(file) \(sign) \(Self.name(node))")
        #expect(abs(nx - ig) <= 1e-9 * max(1, nx))
      }
      let counted = net.readNotes.contains {
        $0.contains(sign == .positive ? "are left out (--sign positive)" : "(--sign negative)")
      }
      #expect(counted, "\(file): \(net.readNotes)")
    }
  }

  @Test func aNetworkWithoutNegativeTrustIsAnErrorForTheNegativeSign() throws {
    var options = Network.ReadOptions()
    options.sign = .negative
    let error = #expect(throws: FormatError.self) {
      try Network(
        contentsOf: fixturePath("trust/networkx_integer_weights.graphml"), options: options)
    }
    #expect(error?.message.hasPrefix("no tie has a negative trust, so --sign negative") == true)
    options.sign = .positive
    let net = try Network(
      contentsOf: fixturePath("trust/networkx_integer_weights.graphml"), options: options)
    #expect(net.tieSign == .positive && net.tieCount > 0)
    #expect(net.readNotes.contains { $0.hasPrefix("no tie has a negative trust") })
  }

  /// The readers refuse a negative trust again once a signed reading is over.
  @Test func acceptingNegativeTrustEndsWithTheReading() throws {
    _ = try Self.read("karate_signed.net", .positive)
    #expect(throws: FormatError.self) { try Self.read("karate_signed.net", nil) }
    #expect(!SignedReading.acceptsNegativeTrust)
  }
}

/// networkx's node-link JSON of a graph it read from GraphML carries `node_default` and
/// `edge_default` objects among the graph's attributes (networkx 3.6.1); they were refused.
@Suite("Node-link JSON from networkx's GraphML reading")
struct NodeLinkGraphObjectsTests {
  @Test func emptyObjectsAreSkippedAndOthersNoted() throws {
    let json = """
      {"directed": false, "multigraph": false, "graph": {"node_default": {}, "edge_default": {}, "name": "g", "extra": {"a": 1}},
       "nodes": [{"id": "a"}, {"id": "b"}], "links": [{"source": "a", "target": "b"}]}
      """
    let net = try NodeLinkFormat.read(Data(json.utf8), file: "g.json")
    #expect(net.tieCount == 1 && net.attributes["name"] == .string("g"))
    #expect(net.attributes["node_default"] == nil)
    #expect(
      net.readNotes == [
        "the graph attribute 'extra' holds a list or an object, and is not read (a network's attributes are numbers, text or booleans)"
      ])
  }
}
