import Brobyggare
import Foundation
import Testing

@testable import BrobyggareCommands

/// Traps in the commands that say how sure a result is: each ran, said nothing, and gave a
/// number that meant something other than it seemed; each test failed on the behaviour before
/// the fix.
@Suite("No silent traps in robustness and inference")
struct InferenceTrapTests {
  let krackhardt = "krackhardt"
  let municipality = "municipality"

  // MARK: robustness

  /// A dropout rate is a share of whole people: 0.01 of Krackhardt's 21 managers is 0.21, which
  /// rounds to no one, and every run was the whole network (perfect stability, reported as a
  /// finding). Refused with the smallest rate that removes one: 0.5 / 21 = 0.0238..., up to
  /// 0.0239 (by hand), which removes one.
  @Test func aRateThatRemovesNoOneIsRefused() {
    let r = run(
      "robustness", krackhardt, "--drop", "0.01", "--runs", "2", "--summary")
    #expect(r.status != 0)
    #expect(r.stdout.isEmpty)
    #expect(
      r.stderr.contains(
        "--drop 0.01: 0.01 of the 21 nodes is 0.21, which rounds to no one removed per run, so every run would be the whole network; the smallest rate that removes one is 0.0239"
      ), "\(r.stderr)")
    let smallest = run(
      "robustness", krackhardt, "--drop", "0.0239", "--runs", "2", "--summary")
    #expect(smallest.status == 0)
    #expect(
      smallest.stderr.contains("removed per run: 0.0239: 1 of 21 nodes"), "\(smallest.stderr)")
    // A rate of 0 is a control, removing no one on purpose: taken, and said.
    let control = run("robustness", krackhardt, "--drop", "0", "--runs", "2", "--summary")
    #expect(control.status == 0)
    #expect(control.stderr.contains("removed per run: 0: 0 of 21 nodes"))
  }

  /// 0.1 and 0.11 of 21 are 2.1 and 2.31: both remove 2 (by hand), one experiment twice.
  @Test func ratesThatRoundAlikeAreSaid() {
    let r = run(
      "robustness", krackhardt, "--drop", "0.1,0.11,0.3", "--runs", "2", "--summary")
    #expect(r.status == 0)
    #expect(
      r.stderr.contains(
        "note: --drop 0.1, 0.11 each remove 2 of the 21 nodes per run (the rate times their number, rounded): the same experiment, drawn again with other seeds"
      ), "\(r.stderr)")
    // 0.3 of 21 is 6.3: 6.
    #expect(
      r.stderr.contains(
        "removed per run: 0.1: 2 of 21 nodes, 0.11: 2 of 21 nodes, 0.3: 6 of 21 nodes (the rate times their number, rounded)"
      ))
  }

  /// Respondent dropout counts respondents: 46 of the municipality's 87 nodes answered, and
  /// 0.2 of 46 is 9.2, so 9 (by hand).
  @Test func respondentDropoutCountsRespondents() {
    let r = run(
      "robustness", municipality, "--mode", "respondent", "--drop", "0.2", "--runs", "2",
      "--summary")
    #expect(r.status == 0)
    #expect(r.stderr.contains("removed per run: 0.2: 9 of 46 respondents"), "\(r.stderr)")
  }

  /// `--treatment` decides the ties of respondents treated as missing; with `--mode node` or
  /// `tie` it decided nothing and was ignored without a word.
  @Test func aTreatmentWithNothingToDecideIsRefused() {
    for mode in ["node", "tie"] {
      let r = run(
        "robustness", krackhardt, "--mode", mode, "--treatment", "drop", "--runs", "2",
        "--summary")
      #expect(r.status != 0 && r.stdout.isEmpty)
      #expect(
        r.stderr.contains(
          "--treatment decides the ties of respondents treated as missing, with --mode respondent or --bootstrap"
        ), "\(r.stderr)")
    }
    let withBootstrap = run(
      "robustness", municipality, "--treatment", "drop", "--bootstrap", "--drop", "0.1",
      "--runs", "2", "--summary")
    #expect(withBootstrap.status == 0, "\(withBootstrap.stderr)")
  }

  /// The report's robustness section takes 10, 20 and 30 % of the nodes: on a network of 4,
  /// 0.4, 0.8 and 1.2 round to 0, 1 and 1 (by hand). The first agreed perfectly, saying
  /// nothing, and the other two were one experiment; both are now in the report's notes.
  @Test func theReportSaysWhenARateRemovesNoOne() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("t.csv").path
    try "source,target\na,b\nb,c\nc,d\nd,a\n".write(
      toFile: path, atomically: true, encoding: .utf8)
    try "id,g\na,x\nb,x\nc,y\nd,y\n".write(
      toFile: dir.appendingPathComponent("t.nodes.csv").path, atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("report").path
    let r = run("report", path, "--group", "g", "--robustness", "2", "-o", out)
    #expect(r.status == 0, "\(r.stderr)")
    let page = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
    for text in [
      "robustness: node dropout 0.1 removes no one of the 4 nodes (the rate times their number rounds to 0)",
      "robustness: the rates remove 0, 1, 1 of the 4 nodes per run",
    ] {
      #expect(r.stderr.contains(text), "\(r.stderr)")
      #expect(page.contains(text))
    }
  }

  // MARK: sweep

  /// Constraint is undefined for a node left without ties. Such nodes ranked last together,
  /// and their shared last rank counted in the correlation. Now they have no rank, the note
  /// says how many, and the correlation is over the nodes ranked at both cut-offs (worked by
  /// hand on the same chain in the library's ThresholdSweepTests: 0.5, where it was 0.304).
  @Test func nodesWithoutConstraintHaveNoRank() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("chain.csv").path
    try "source,target,trust\na,b,0.9\nb,c,0.9\nc,d,0.3\nd,e,0.3\n".write(
      toFile: path, atomically: true, encoding: .utf8)
    let r = run(
      "sweep", path, "--undirected", "--measure", "constraint", "--thresholds", "0.2,0.5")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr.contains(
        "note: constraint is undefined for a node without ties (NaN), which has no rank there: 2 nodes at 0.5; the rank correlations are over the nodes ranked at both cut-offs"
      ), "\(r.stderr)")
    #expect(
      r.stderr.contains("rank correlation with the first cut-off (Spearman): 0.2: 1, 0.5: 0.5"))
    // b first at the first cut-off (tied with c and d), d and e without a rank at 0.5.
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first == "id,label,constraint@0.2,rank@0.2,constraint@0.5,rank@0.5")
    #expect(lines.contains("d,d,0.5,2,NaN,NaN"), "\(r.stdout)")
    #expect(lines.contains("e,e,1,4.5,NaN,NaN"), "\(r.stdout)")
  }

  // MARK: test

  /// `--dependent all` merges every layer, the person-to-organisation ones included, where
  /// every other command leaves them out unless told: said.
  @Test func aDependentOfAllLayersSaysItTakesTheAffiliations() {
    let r = run(
      "test", municipality, "--dependent", "all", "--predictors", "collaboration",
      "--permutations", "10")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr.contains(
        "note: --dependent all merges every layer, the affiliation layers 'member of', 'works at' included (ties of people to organisations)"
      ), "\(r.stderr)")
    let one = run(
      "test", municipality, "--dependent", "trust", "--predictors", "collaboration",
      "--permutations", "10")
    #expect(one.status == 0)
    #expect(!one.stderr.contains("merges every layer"))
  }

  /// A closeness centralization of 0 where no node reaches every other is no sign of equal
  /// closeness; `summary` said so and the CUG test did not. The municipality's directed ties
  /// leave every node short of someone; Zachary's club is connected.
  @Test func cugSaysWhyClosenessCentralizationIsZero() {
    let r = run(
      "test", municipality, "--cug", "centralization_closeness", "--permutations", "10")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr.contains(
        "note: centralization_closeness is 0 here because no node reaches every other along the ties' direction"
      ), "\(r.stderr)")
    let connected = run(
      "test", "zachary", "--cug", "centralization_closeness", "--permutations", "10")
    #expect(connected.status == 0)
    #expect(!connected.stderr.contains("no node reaches every other"))
  }

  /// Which way a rank runs, and how the permutation p-values count, are in the settings.
  /// With 20 shuffles the smallest p is 1 / 21 = 0.04762 (by hand).
  @Test func rankDirectionAndPValueConventionAreStated() {
    let cug = run(
      "test", municipality, "--cug", "betweenness_rank", "--node", "p01", "--permutations",
      "10")
    #expect(cug.status == 0)
    #expect(
      cug.stderr.contains("node: p01 (betweenness_rank: 1 is the highest betweenness"),
      "\(cug.stderr)")
    let brokers = run("brokers", municipality, "--group", "sector", "--permutations", "20")
    #expect(brokers.status == 0)
    #expect(
      brokers.stderr.contains(
        "p-values: (1 + the shuffles with a count at least the observed) / (1 + 20): the observed groups count as one shuffle, so the smallest p is 0.04762"
      ), "\(brokers.stderr)")
    let groups = run("groups", municipality, "--group", "sector", "--permutations", "20")
    #expect(groups.status == 0)
    #expect(
      groups.stderr.contains(
        "p-values: (1 + the shuffles at least, or at most, the observed) / (1 + 20)"),
      "\(groups.stderr)")
  }
}
