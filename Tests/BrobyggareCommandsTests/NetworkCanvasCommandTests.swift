import Foundation
import Testing

@testable import BrobyggareCommands

/// A Network Canvas export as NET: the constructed study in Datasets/egos-constructed, whose
/// counts are from Scripts/make_network_canvas_study.py (seed 20261129, counts.json).
@Suite("Network Canvas input")
struct NetworkCanvasCommandTests {
  static let csv = packageRoot.appendingPathComponent("Datasets/egos-constructed/csv").path
  static let roster = packageRoot.appendingPathComponent("Datasets/egos-constructed/roster/csv")
    .path

  @Test func egoAsNodeIsAnOptionAndSaidInTheNotes() {
    // 276 alters and 311 ties; with egos, 30 more nodes and 276 more ties.
    let plain = run("info", Self.csv)
    #expect(plain.status == 0, "\(plain.stderr)")
    #expect(plain.stdout.contains("nodes: 276 "))
    #expect(plain.stderr.contains("note: \(Self.csv): egos are not nodes"))
    let egos = run("info", Self.csv, "--ego-as-node")
    #expect(egos.stdout.contains("nodes: 306 ") && egos.stdout.contains("ties: 587 "))
    #expect(egos.stderr.contains("note: \(Self.csv): egos are nodes (--ego-as-node)"))
  }

  @Test func rosterIsFoundOrNamed() {
    // 15 people; --roster none reads the 53 nominations as alters of their own.
    #expect(run("info", Self.roster).stdout.contains("nodes: 15 "))
    let personal = run("info", Self.roster, "--roster", "none")
    #expect(personal.stdout.contains("nodes: 53 "))
    #expect(personal.stderr.contains("read as personal networks, as asked"))
  }

  @Test func theOptionsAreRefusedForOtherInput() {
    for option in [["--ego-as-node"], ["--roster", "id"]] {
      let r = BrobyggareCommandLine.run(["info", padgett] + option)
      #expect(r.status == 64)
      #expect(r.stderr.contains("is for Network Canvas exports"))
    }
  }
}
