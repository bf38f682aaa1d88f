import Brobyggare
import Foundation
import Testing

@testable import BrobyggareCommands

/// `--sign` on the command line: a signed network (the constructed signed karate club of
/// Tests/BrobyggareTests/Fixtures/signed, written by igraph as Pajek) read one sign at a time,
/// with a note of what was left out; without it, an error at the negative weight that says how.
@Suite("--sign")
struct SignOptionTests {
  static let pajek = packageRoot.appendingPathComponent(
    "Tests/BrobyggareTests/Fixtures/signed/karate_signed.net"
  ).path

  @Test func withoutASignTheErrorSaysWhereAndHow() {
    let r = run("metrics", Self.pajek)
    #expect(r.status == 1 && r.stdout.isEmpty)
    // The first negative weight: `1 32 -2` on line 52 of igraph's file, the third number.
    #expect(
      r.stderr.contains("karate_signed.net:52:6: error: the weight -2 is negative"), "\(r.stderr)")
    #expect(r.stderr.contains("--sign positive reads the ties of trust ≥ 0"))
  }

  @Test func eachSignIsReadAndSaid() {
    let positive = run("info", Self.pajek, "--sign", "positive")
    #expect(positive.status == 0, "\(positive.stderr)")
    // 78 ties in the club, 11 of them between the two clubs (networkx 3.6.1's karate_club_graph, as reference.json counts them).
    #expect(positive.stdout.contains("ties: 67 "), "\(positive.stdout)")
    #expect(
      positive.stderr.contains(
        "11 of 78 ties have a negative trust and are left out (--sign positive); the other 67 are read"
      ),
      "\(positive.stderr)")
    let negative = run("info", Self.pajek, "--sign", " Negative")
    #expect(negative.status == 0 && negative.stdout.contains("ties: 11 "), "\(negative.stdout)")
    #expect(negative.stderr.contains("the 11 of 78 ties that have a negative trust are read"))
  }

  @Test func aSignIsOneOfTwoAndNotForDatasets() {
    let both = run("info", Self.pajek, "--sign", "both")
    #expect(
      both.status == 64 && both.stderr.contains("--sign takes positive or negative, not 'both'"))
    let dataset = run("info", "padgett", "--sign", "positive")
    #expect(dataset.status == 64 && dataset.stderr.contains("has none"), "\(dataset.stderr)")
  }
}
