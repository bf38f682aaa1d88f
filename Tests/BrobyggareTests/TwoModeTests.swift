import Foundation
import Testing

@testable import Brobyggare

/// Reference values: Fixtures/generate_interviews.py (networkx 3.6.1 bipartite projections of
/// its copy of Davis's Southern Women).
@Suite("Two-mode: projections and boundary spanners")
struct TwoModeTests {
  static func davis() throws -> (Network, [String: Any]) {
    let d = InterviewReference.json["davis"] as! [String: Any]
    var net = Network(directed: false)
    for w in d["women"] as! [String] { try net.addNode(Node(id: w, kind: .person)) }
    for e in d["events"] as! [String] {
      try net.addNode(Node(id: e, attributes: ["kind": .string("event")]))
    }
    for e in d["edges"] as! [[String]] { net.addTie(from: e[0], to: e[1], layer: "attended") }
    return (net, d)
  }

  static func edges(_ n: Network) -> [String: Double] {
    var out: [String: Double] = [:]
    for t in n.ties {
      let (a, b) = (n.nodes[t.source].id, n.nodes[t.target].id)
      out[a < b ? "\(a)|\(b)" : "\(b)|\(a)"] = t.trust
    }
    return out
  }

  static func want(_ rows: Any) -> [String: Double] {
    var out: [String: Double] = [:]
    for r in rows as! [[Any]] {
      out["\(r[0] as! String)|\(r[1] as! String)"] = (r[2] as! NSNumber).doubleValue
    }
    return out
  }

  @Test func davisProjectionsMatchNetworkx() throws {
    let (net, d) = try Self.davis()
    let women = try net.projection(onto: .people)
    #expect(women.network.nodeCount == 18 && women.sameModeTies == 0)
    #expect(Self.edges(women.network) == Self.want(d["women_shared_events"]!))
    let events = try net.projection(onto: .organisations)
    #expect(events.network.nodeCount == 14)
    #expect(Self.edges(events.network) == Self.want(d["events_shared_women"]!))
    let newman = Self.edges(try net.projection(onto: .people, weight: .newman).network)
    let wantNewman = Self.want(d["women_newman"]!)
    #expect(Set(newman.keys) == Set(wantNewman.keys))
    for (k, v) in wantNewman { #expect(close(newman[k]!, v), "\(k)") }
    // The count is kept beside the Newman weight.
    let tie = try net.projection(onto: .people, weight: .newman).network.ties[0]
    #expect(tie.attributes["shared"] != nil)
    // Shared counts are whole numbers, written as integers (networkx's
    // weighted_projected_graph gives Python ints); Newman's weights are not.
    #expect(women.network.trustType == .integer)
    #expect(try net.projection(onto: .people, weight: .newman).network.trustType == .double)
    let written = try GraphMLFormat.write(women.network)
    #expect(written.contains(#"attr.name="weight" attr.type="long""#))
  }

  /// By hand: ann works at the council (municipality) and is a member of the club (civil
  /// society): a spanner. bo is in two civil-society groups: not one. cy knows ann (a tie
  /// within a mode: not an affiliation).
  @Test func boundarySpannersByHand() throws {
    var net = Network(directed: true)
    for p in ["ann", "bo", "cy"] { try net.addNode(Node(id: p, kind: .person)) }
    for (o, s) in [
      ("council", "municipality"), ("club", "civil society"), ("choir", "civil society"),
    ] {
      try net.addNode(Node(id: o, kind: .organisation, attributes: ["sector": .string(s)]))
    }
    for (a, b) in [
      ("ann", "council"), ("ann", "club"), ("bo", "club"), ("bo", "choir"), ("cy", "ann"),
    ] { net.addTie(from: a, to: b) }
    let s = try net.boundarySpanning()
    #expect(s.map(\.affiliations) == [2, 2, 0])
    #expect(s.map(\.sectors) == [["civil society", "municipality"], ["civil society"], []])
    #expect(s.map(\.isBoundarySpanner) == [true, false, false])
    let p = try net.projection(onto: .organisations)
    #expect(Self.edges(p.network) == ["club|council": 1, "choir|club": 1] && p.sameModeTies == 1)
    #expect(throws: NetworkError.unknownNodeAttribute("region")) {
      try net.boundarySpanning(sector: "region")
    }
  }
}
