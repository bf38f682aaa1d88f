import Foundation
import Testing

@testable import Brobyggare
@testable import BrobyggareCommands

/// The review loop as the README tells it: run `interviews`, fill in part of NET.review.csv,
/// run again with the roster's alias table and the filled review file both as --aliases, and
/// get the decisions applied and kept in the new review file, with nothing else changed.
@Suite("Command line: the interview review loop")
struct ReviewLoopTests {
  /// The municipality study's wave 1, with `aliases` as the alias tables (in order) and the
  /// network written to `output`.
  static func interviews(aliases: [String], output: String) -> BrobyggareCommandLine.Outcome {
    BrobyggareCommandLine.run(
      [
        "interviews", "\(municipality)/nominations.csv", "--roster", "\(municipality)/roster.csv",
        "--scale", "1..5",
        "--wave", "1", "--affiliations", "\(municipality)/affiliations.csv", "-o", output,
      ]
        + aliases.flatMap { ["--aliases", $0] })
  }

  static func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

  /// The researcher's decisions: a misspelling, the name two people share, and someone the
  /// roster does not have. A note goes on one decided and one undecided name.
  static let decisions = [
    "Pre Åberg": "p10", "Anna Karlsson": "p02", "the priest at St Michael's": "new",
  ]
  static let notes = ["Anna Karlsson": "checked with the interviewer", "Omra Lund": "ask again"]

  /// The review file as the researcher saves it: ids filled in for some names, and a `note`
  /// column added. Rows start with the name, unquoted in this dataset, then the empty id.
  static func fillIn(_ review: String) -> String {
    var lines = review.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    lines[0] += ",note"
    for i in 1..<lines.count {
      let name = String(lines[i].prefix { $0 != "," })
      if let id = decisions[name] {
        lines[i] = name + "," + id + lines[i].dropFirst(name.count + 1)
      }
      lines[i] += "," + (notes[name] ?? "")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func ties(_ net: Network) -> Set<String> {
    Set(
      net.ties.map {
        "\(net.nodes[$0.source].id)>\(net.nodes[$0.target].id) \($0.layer ?? "") \($0.trust.map { "\($0)" } ?? "")"
      })
  }

  @Test func theLoopAppliesAndKeepsEveryDecision() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    // The roster's own alias table: the first ten decisions of the shipped one, so that the
    // other misspellings are left to review.
    let rosterAliases = dir.appendingPathComponent("roster-aliases.csv")
    let shipped = try Self.text(URL(fileURLWithPath: "\(municipality)/aliases.csv"))
    try (shipped.split(separator: "\n").prefix(11).joined(separator: "\n") + "\n").write(
      to: rosterAliases, atomically: true, encoding: .utf8)
    let rosterAliasBytes = try Data(contentsOf: rosterAliases)
    let net = dir.appendingPathComponent("net.graphml")
    let review = dir.appendingPathComponent("net.review.csv")
    let account = dir.appendingPathComponent("net.account.md")

    // 1. The first run: names to review, none decided.
    let first = Self.interviews(aliases: [rosterAliases.path], output: net.path)
    #expect(first.status == 0, "\(first.stderr)")
    let review1 = try Self.text(review)
    let rows1 = review1.split(separator: "\n").dropFirst()
    #expect(rows1.count == 15)
    for name in Self.decisions.keys.sorted() + Self.notes.keys.sorted() {
      #expect(rows1.contains { $0.hasPrefix(name + ",,") }, "\(name) is to review")
    }
    let network1 = try Network(contentsOf: net.path)

    // 2. The researcher fills in three ids and adds notes, in the review file itself.
    let filled = Self.fillIn(review1)
    #expect(filled != review1)
    try filled.write(to: review, atomically: true, encoding: .utf8)

    // 3. Run again with both alias tables; the review file is read, then rewritten.
    let second = Self.interviews(aliases: [rosterAliases.path, review.path], output: net.path)
    #expect(second.status == 0, "\(second.stderr)")
    #expect(
      second.stderr.hasPrefix(
        "note: \(review.path) was read as --aliases, then rewritten; the 3 decisions filled in there are kept in it\n"
      ))
    #expect(second.stderr.contains("12 names to review"))

    // Every decision and note is kept, every row stays in its place, and nothing else in the
    // review file changed: it is exactly what the researcher saved.
    let review2 = try Self.text(review)
    #expect(review2 == filled)

    // The decisions are applied: the network is the one a single alias table with the same
    // decisions makes, and the account too.
    let reference = dir.appendingPathComponent("reference")
    try FileManager.default.createDirectory(at: reference, withIntermediateDirectories: true)
    let combined = reference.appendingPathComponent("combined.csv")
    let decided = Self.decisions.keys.sorted().map { "\"\($0)\",\(Self.decisions[$0]!)," }.joined(
      separator: "\n")
    try (String(decoding: rosterAliasBytes, as: UTF8.self) + decided + "\n").write(
      to: combined, atomically: true, encoding: .utf8)
    let referenceNet = reference.appendingPathComponent("net.graphml")
    #expect(Self.interviews(aliases: [combined.path], output: referenceNet.path).status == 0)
    #expect(try Data(contentsOf: net) == Data(contentsOf: referenceNet))
    #expect(try Self.text(account) == Self.text(reference.appendingPathComponent("net.account.md")))

    // Against the first run: the same nodes plus the new one, the same ties plus those the
    // decided names bring, each to a decided node.
    let network2 = try Network(contentsOf: net.path)
    #expect(network2.nodes.map(\.id) == network1.nodes.map(\.id) + ["the priest at St Michael's"])
    let ties1 = Self.ties(network1)
    let ties2 = Self.ties(network2)
    #expect(ties1.isSubset(of: ties2))
    let gained = ties2.subtracting(ties1)
    #expect(!gained.isEmpty)
    for t in gained {
      #expect(
        ["p10", "p02", "the priest at St Michael's"].contains { t.contains(">\($0) ") }, "\(t)")
    }
    let anna = network2.ties.filter { network2.nodes[$0.target].id == "p02" }.count
    // Of the 8 rows naming Anna Karlsson, p02's own (line 30) now names themself and is left out.
    #expect(anna == network1.ties.filter { network1.nodes[$0.target].id == "p02" }.count + 7)

    // The inputs are untouched, and only the three outputs were written beside them.
    #expect(try Data(contentsOf: rosterAliases) == rosterAliasBytes)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        == ["net.account.md", "net.graphml", "net.review.csv", "reference", "roster-aliases.csv"])

    // 4. Running again with the same files changes nothing.
    let graph2 = try Data(contentsOf: net)
    let account2 = try Self.text(account)
    let third = Self.interviews(aliases: [rosterAliases.path, review.path], output: net.path)
    #expect(third.status == 0 && third.stderr == second.stderr)
    #expect(
      try Self.text(review) == review2 && Data(contentsOf: net) == graph2
        && Self.text(account) == account2)
  }

  /// A decision the roster's alias table later makes too stays in the review file; and one for
  /// a name no longer used (another wave, a corrected nomination) is kept, after the rest.
  @Test func decisionsAreKeptWhenTheirNamesAreDecidedElsewhereOrGone() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let net = dir.appendingPathComponent("net.graphml")
    let review = dir.appendingPathComponent("net.review.csv")
    #expect(Self.interviews(aliases: ["\(municipality)/aliases.csv"], output: net.path).status == 0)
    let review1 = try Self.text(review)
    #expect(review1.split(separator: "\n").count == 2, "only Anna Karlsson is left to review")
    // Decide Anna, and keep two decisions already in the shipped table, one as written there
    // and one for a name nobody in wave 1 used.
    let filled =
      review1.replacingOccurrences(of: "\nAnna Karlsson,,", with: "\nAnna Karlsson,p03,")
      + "Pre Åberg,p10,,,,,,\nSomeone Else,new,,,,,,\n"
    try filled.write(to: review, atomically: true, encoding: .utf8)
    let again = Self.interviews(
      aliases: ["\(municipality)/aliases.csv", review.path], output: net.path)
    #expect(again.status == 0, "\(again.stderr)")
    let rows = try Self.text(review).split(separator: "\n").map(String.init)
    #expect(rows.count == 4)
    // In order of first use (lines 15 and 30), then the name not used.
    #expect(
      rows[1].hasPrefix("Pre Åberg,p10,unmatched,alter,\(municipality)/nominations.csv:15,1,"))
    #expect(rows[2].hasPrefix("Anna Karlsson,p03,ambiguous,alter,"))
    #expect(rows[3] == "Someone Else,new,unmatched,,,0,,")
  }

  /// Two alias tables may agree on a name but not differ: the error names both files and lines,
  /// and nothing is written.
  @Test func tablesThatDisagreeAreRefusedNamingBoth() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let net = dir.appendingPathComponent("net.graphml")
    let review = dir.appendingPathComponent("net.review.csv")
    try "name,id\nAnna Karlsson,p02\npre åberg,p29\n".write(
      to: review, atomically: true, encoding: .utf8)
    let r = Self.interviews(
      aliases: ["\(municipality)/aliases.csv", review.path], output: net.path)
    #expect(r.status == 1)
    #expect(
      r.stderr
        == "\(review.path):3:11: error: the name 'pre åberg' is decided as 'p29' in \(review.path) line 3 but as 'p10' in \(municipality)/aliases.csv line 27 (written 'Pre Åberg'); decide it once, or the same in both\n"
    )
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["net.review.csv"])
    #expect(try Self.text(review) == "name,id\nAnna Karlsson,p02\npre åberg,p29\n")
    // The same table twice agrees with itself.
    #expect(
      Self.interviews(
        aliases: ["\(municipality)/aliases.csv", "\(municipality)/aliases.csv"], output: net.path
      ).status == 0)
  }

  /// The network and account are inputs nothing may overwrite, even as --aliases; only the
  /// review file is read and rewritten.
  @Test func onlyTheReviewFileMayBeReadAndRewritten() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let net = dir.appendingPathComponent("net.csv")
    try "name,id\n".write(
      to: dir.appendingPathComponent("net.account.md"), atomically: true, encoding: .utf8)
    let account = Self.interviews(
      aliases: [dir.appendingPathComponent("net.account.md").path], output: net.path)
    #expect(account.status == 64 && account.stderr.contains("Refusing to overwrite the input file"))
  }

  /// --aliases may be repeated and keeps its values in order; other options may not be.
  @Test func repeatableOptions() throws {
    let p = try interviewsSpec.parse([
      "n.csv", "--aliases", "a.csv", "--roster", "r.csv", "--aliases=b.csv",
    ])
    #expect(p.values("aliases") == ["a.csv", "b.csv"])
    #expect(
      p.value("aliases") == "a.csv" && p.values("roster") == ["r.csv"] && p.values("wave") == [])
    #expect(throws: UsageError.self) {
      try interviewsSpec.parse(["n.csv", "--roster", "r.csv", "--roster", "s.csv"])
    }
    let twice = BrobyggareCommandLine.run([
      "interviews", "n.csv", "--roster", "r.csv", "--roster", "s.csv",
    ])
    #expect(
      twice.status == 64 && twice.stderr.hasPrefix("Error: The option '--roster' is given twice\n"))
    #expect(interviewsSpec.usage.contains("[--aliases <file>] ..."))
  }
}
