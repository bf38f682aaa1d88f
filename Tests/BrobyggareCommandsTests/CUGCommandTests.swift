import Foundation
import Testing

@testable import BrobyggareCommands

/// The command that runs the CUG tests: `test` once it exists (then `["test"]`).
let cugCommand = ["test"]

/// `test --cug`: one row per statistic, the settings that say what was drawn, refusals. The
/// figures themselves are checked against R's sna in CUGTests.
@Suite("CUG command")
struct CUGCommandTests {
  func cug(_ args: String...) -> BrobyggareCommandLine.Outcome {
    BrobyggareCommandLine.run(cugCommand + args)
  }

  /// What the command chose for the user is said: statistics 'all' left out, and random graphs
  /// that do not keep a two-mode network's two kinds of node (Davis's women and events).
  @Test func choicesAreSaid() {
    let all = cug("padgett", "--cug", "all", "--permutations", "20")
    #expect(
      all.status == 0
        && all.stderr.contains(
          "--cug all leaves out ei (needs --group) and betweenness_rank (needs --node)"),
      "\(all.stderr)")
    let davis = cug("davis", "--cug", "transitivity", "--permutations", "20")
    #expect(
      davis.status == 0
        && davis.stderr.contains("89 of the ties tested join a person to an organisation or event"),
      "\(davis.stderr)")
    // Several networks: the one without the attribute is named.
    let summary = run("summary", "padgett", "krackhardt", "--group", "level", "--cug-draws", "0")
    #expect(
      summary.status == 64
        && summary.stderr.contains("padgett: No node attribute is named 'level'"),
      "\(summary.stderr)")
  }

  @Test func oneRowPerStatistic() throws {
    let r = cug(
      "krackhardt", "--layer", "advice", "--cug", "density,transitivity,centralization_betweenness",
      "--permutations", "200")
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 4)
    #expect(lines[0] == "statistic,observed,mean,sd,z,p_greater_equal,p_less_equal")
    // Density with the ties fixed: every draw is the observed 190 / 420 (sna's gden), so the
    // deviation is 0, z NaN and both shares 1.
    #expect(lines[1] == "density,0.4523809523809524,0.4523809523809524,0,NaN,1,1")
    // Transitivity 0.66397849462365588 (sna 2.7.1 gtrans(measure = "weak"), in the fixture of
    // NetworkSummaryTests), far above random graphs with 190 arcs: no draw reaches it.
    let t = lines[2].split(separator: ",", omittingEmptySubsequences: false)
    #expect(t[0] == "transitivity" && t[1].hasPrefix("0.663978494623"))
    #expect(Double(t[4])! > 3 && t[5] == "0" && t[6] == "1")
    #expect(
      r.stderr.contains(
        "condition: ties: random graphs that keep the number of nodes and ties (sna's cmode \"edges\")"
      ))
    #expect(r.stderr.contains("permutations: 200 random graphs"))
    #expect(r.stderr.contains("seed: 1"))
    #expect(r.stderr.contains("note: density is the same in every random graph"))
  }

  @Test func sameOutputForAnyThreadCount() {
    let args = [
      "padgett", "--layer", "marriage", "--cug", "all", "--node", "Medici", "--condition", "size",
      "--permutations", "300", "--seed", "4",
    ]
    let one = BrobyggareCommandLine.run(cugCommand + args + ["--threads", "1"])
    let three = BrobyggareCommandLine.run(cugCommand + args + ["--threads", "3"])
    #expect(one.status == 0, "\(one.stderr)")
    #expect(one.stdout == three.stdout)
    // 'all' without --group leaves out ei; with --node it takes betweenness_rank.
    #expect(one.stdout.split(separator: "\n").count == 1 + 11)
    #expect(one.stdout.contains("\nbetweenness_rank,1,"))
  }

  @Test func groupsAndDyads() {
    let r = cug(
      "krackhardt", "--layer", "friendship", "--cug", "ei,reciprocity", "--group", "department",
      "--condition", "dyads", "--permutations", "100")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("\nei,"))
    #expect(r.stderr.contains("note: reciprocity is the same in every random graph"))
    let u = cug(
      "padgett", "--layer", "marriage", "--cug", "transitivity", "--condition", "dyads",
      "--permutations", "50")
    #expect(u.status == 0)
    #expect(
      u.stderr.contains("conditioning on the dyad census is conditioning on the number of ties"))
  }

  @Test func refusals() {
    let unknown = cug("padgett", "--cug", "transitivty")
    #expect(unknown.status == 64)
    #expect(
      unknown.stderr.contains("Unknown statistic 'transitivty'")
        && unknown.stderr.contains("transitivity"))
    #expect(cug("padgett", "--cug", "ei").stderr.contains("needs --group"))
    #expect(cug("padgett", "--cug", "betweenness_rank").stderr.contains("needs --node"))
    #expect(cug("padgett", "--cug", "density", "--node", "Medici").status == 64)
    #expect(cug("padgett", "--cug", "density,density").status == 64)
    #expect(cug("padgett", "--cug", "density", "--condition", "uniform").status == 64)
    #expect(cug("padgett", "--cug", "density", "--permutations", "0").status == 64)
    #expect(cug("padgett").status == 64)
    // 10⁶ draws of betweenness centralization on Lazega's 71 lawyers and 892 advice arcs:
    // 10·(71 + 892) = 9,630 steps to draw and 2·71·(71 + 892) = 136,746 for betweenness and
    // closeness, 146,376 a draw, 1.5e11 in all, over the limit of 2e10; ⌊2e10 / 146,376⌋ =
    // 136,634 draws fit. Refused before any work, naming what fits.
    let big = cug(
      "lazega", "--layer", "advice", "--cug", "centralization_betweenness", "--permutations",
      "1000000")
    #expect(big.status == 64)
    #expect(
      big.stderr.contains("over the limit of 2e+10")
        && big.stderr.contains("(--permutations 136634)"))
  }
}
