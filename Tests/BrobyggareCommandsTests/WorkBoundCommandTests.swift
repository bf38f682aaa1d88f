import Brobyggare
import Foundation
import Testing

@testable import BrobyggareCommands

/// Small inputs that asked for very large work meet a stated limit, checked before the work
/// starts, with a message that names a feasible value. Expected numbers are worked out in the
/// comment beside each.
@Suite("Work bounds on the command line")
struct WorkBoundCommandTests {
  static func write(_ name: String, _ text: String, in dir: URL) throws -> String {
    let path = dir.appendingPathComponent(name).path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  /// A star of 150,000 leaves, undirected: the hub has 150,000² = 2.25e10 two-paths, over the
  /// limit of 2e10 for --partial-credit, which goes through each; the plain counts, from a
  /// formula, are not refused.
  @Test func brokerageThroughEveryTwoPathIsBounded() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var text = "source,target,type\n"
    text.reserveCapacity(150_000 * 24)
    for v in 0..<150_000 { text += "hub,n\(v),Undirected\n" }
    var nodes = "id,group\nhub,a\n"
    for v in 0..<150_000 { nodes += "n\(v),\(v % 2 == 0 ? "a" : "b")\n" }
    let ties = try Self.write("star.csv", text, in: dir)
    _ = try Self.write("star.nodes.csv", nodes, in: dir)
    let r = run(
      "brokers", ties, "--group", "group", "--partial-credit", "--counts-only", "--top", "1")
    #expect(r.status == 64 && r.stderr.contains("--partial-credit on"), "\(r.stderr)")
    #expect(
      r.stderr.contains("2.25e+10 two-paths") && r.stderr.contains("over the limit of 2e+10"),
      "\(r.stderr)")
    let plain = run("brokers", ties, "--group", "group", "--counts-only", "--top", "1")
    #expect(plain.status == 0, "\(plain.stderr)")
  }

  /// 600 nodes, each tied to the next five round a circle: 3,000 directed ties. One greedy
  /// step scores 600 candidates by a search from each of 600 nodes over 600 + 3,000 entries:
  /// 600 · 600 · 3,600 = 1.296e9 steps; two steps, 2.592e9, pass the limit of 2e9, one fits.
  @Test func keyPlayersStateTheirWorkFirst() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var text = "source,target\n"
    for v in 0..<600 { for d in 1...5 { text += "n\(v),n\((v + d) % 600)\n" } }
    let ties = try Self.write("k.csv", text, in: dir)
    let r = run("whatif", ties, "--key-players", "2")
    #expect(r.status == 64)
    #expect(r.stderr.contains("--key-players 2 on 600 nodes and 3000 arcs needs up to 2.6e9 steps"))
    #expect(r.stderr.contains("at most --key-players 1 fits"))
  }

  /// 2,000 nodes in a directed circle: one step is 2,000 · 2,000 · 4,000 = 1.6e10 steps, over
  /// the limit; at one arc a node, n³ · 2 ≤ 2e9 gives n = 1,000 (cbrt of 1e9, rounded down).
  @Test func keyPlayersNameAFeasibleNetworkSize() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var text = "source,target\n"
    for v in 0..<2000 { text += "n\(v),n\((v + 1) % 2000)\n" }
    let ties = try Self.write("ring.csv", text, in: dir)
    let r = run("whatif", ties, "--key-players", "1")
    #expect(r.status == 64)
    #expect(r.stderr.contains("needs up to 1.6e10 steps"))
    #expect(r.stderr.contains("even --key-players 1 does not fit; at this density about"))
  }

  /// One organisation with 5,000 people: 12,497,500 pairs (5,000 · 4,999 / 2), over the limit
  /// of ten million; an error, and no file written.
  @Test func projectRefusesTooManyTiesBeforeBuilding() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var ties = "source,target\n"
    var nodes = "id,kind\norg,organisation\n"
    for p in 0..<5000 {
      ties += "p\(p),org\n"
      nodes += "p\(p),person\n"
    }
    let input = try Self.write("two.csv", ties, in: dir)
    _ = try Self.write("two.nodes.csv", nodes, in: dir)
    let out = dir.appendingPathComponent("p.edgelist").path
    let r = run("project", input, out)
    #expect(r.status == 1)
    #expect(
      r.stderr.contains(
        "the projection would tie 12497500 pairs of co-members, over the limit of 10000000"))
    #expect(r.stderr.contains("the largest, 'org', has 5000 members"))
    #expect(!FileManager.default.fileExists(atPath: out))
  }
}
