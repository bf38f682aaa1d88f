@testable import Brobyggare
import Foundation
import Testing

@testable import BrobyggareCommands

/// Found by a probe of the statistics commands as a researcher (test, summary, spanners,
/// project, egos, path, layers, whatif): a number read otherwise than the other commands read
/// it, or a choice made without a word. Each test failed on the behaviour before the fix.
@Suite("Statistics commands read values as the others do, and say their choices")
struct StatisticsProbeTests {
  static let sevenTies = "source,target\na,b\nb,c\nc,a\nd,e\ne,f\nf,d\ng,a\na,d\n"

  /// `same:team` compared `x ` with `x` as two values and `NA` with `NA` as one, where the
  /// group measures trim values and read `NA` as missing. Now it reads them as those do: the
  /// untrimmed table gives the trimmed one's regression, and the NA nodes' pairs are left out
  /// (7 nodes, 2 without a value: 5 · 4 = 20 ordered pairs used, 42 − 20 = 22 left out, by
  /// hand).
  @Test func sameAttributeReadsValuesAsTheGroupsDo() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let untrimmed = try tables(
      dir, "u", ties: Self.sevenTies, nodes: "id,team\na,x\nb,x \nc,X\nd,y\ne,y\nf,y\ng,z\n")
    let trimmed = try tables(
      dir, "t", ties: Self.sevenTies, nodes: "id,team\na,x\nb,x\nc,X\nd,y\ne,y\nf,y\ng,z\n")
    let u = run("test", untrimmed, "--dependent", "all", "--predictors", "same:team")
    let t = run("test", trimmed, "--dependent", "all", "--predictors", "same:team")
    #expect(u.status == 0 && t.status == 0, "\(u.stderr)\(t.stderr)")
    #expect(u.stdout == t.stdout, "\(u.stdout)\n\(t.stdout)")
    #expect(
      u.stderr.contains(
        "same:team: 1 value of 'team' had spaces, tabs or line breaks around it, trimmed to make the groups (' x' and 'x' are one group)"
      ), "\(u.stderr)")
    #expect(u.stderr.contains("the groups 'X', 'x' of 'team' differ only in case"), "\(u.stderr)")

    let na = try tables(
      dir, "na", ties: Self.sevenTies, nodes: "id,team\na,x\nb,x\nc,y\nd,NA\ne,y\nf,NA\ng,z\n")
    let r = run("test", na, "--dependent", "all", "--predictors", "same:team")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr.contains("cells used: 20; cells left out (missing values): 22"), "\(r.stderr)")
    for text in [
      "same:team: the values 'NA' of 'team' are read as missing (no group), as R and spreadsheets write them",
      "same:team: 2 of 7 nodes have no value for 'team' and are left out of the pairs compared",
    ] {
      #expect(r.stderr.contains(text), "\(r.stderr)")
    }
    // A difference reads NA as missing too (it stopped: 'NA' is not a number).
    let numbers = try tables(
      dir, "num", ties: Self.sevenTies, nodes: "id,age\na,30\nb,41\nc,NA\nd,25\ne,60\nf,33\ng,\n")
    let d = run("test", numbers, "--dependent", "all", "--predictors", "diff:age")
    #expect(d.status == 0, "\(d.stderr)")
    #expect(d.stderr.contains("cells used: 20; cells left out (missing values): 22"), "\(d.stderr)")
  }

  /// summary read the silence of those who did not answer as no tie without a word (reciprocity,
  /// groups and test said it); and its reciprocity, info's and the CUG test's are edgewise, where
  /// sna's grecip gives the dyadic by default (Krackhardt's managers: edgewise 0.6293 in info's
  /// four digits, sna 2.7.1's grecip(measure = "edgewise") 0.6293; dyadic 0.5905).
  @Test func summarySaysWhoDidNotAnswerAndWhichReciprocity() throws {
    let s = run("summary", "municipality", "--cug-draws", "0")
    #expect(s.status == 0, "\(s.stderr)")
    #expect(
      s.stderr.contains(
        "municipality: 41 of 87 nodes did not answer (respondent = false, 14 of the 60 nodes of kind person and 27 others"
      ), "\(s.stderr)")
    #expect(s.stderr.contains("reciprocity: edgewise: the share of ties returned"), "\(s.stderr)")
    let info = run("info", "krackhardt")
    #expect(info.stdout.contains("reciprocity: 0.6293 (edgewise: the share of ties returned"))
    let cug = run("test", "krackhardt", "--cug", "reciprocity", "--permutations", "10")
    #expect(cug.status == 0, "\(cug.stderr)")
    #expect(cug.stderr.contains("reciprocity: edgewise"), "\(cug.stderr)")
  }

  /// A respondent flag left blank on one node, given on the others, made that node a
  /// respondent without a word.
  @Test func aBlankRespondentValueIsSaid() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try tables(
      dir, "rs", ties: Self.sevenTies,
      nodes: "id,respondent\na,TRUE\nb,FALSE\nc,TRUE\nd,FALSE\ne,TRUE\nf,TRUE\ng,\n")
    let r = run("info", path)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr.contains(
        "1 of 7 nodes has no respondent value where 6 have one (the first: 'g'): it counts as having answered wherever those who did not answer are set apart"
      ), "\(r.stderr)")
  }

  /// spanners counted an organisation without a sector as a sector of its own ("(missing)"):
  /// p2, tied to police and to an organisation of no sector, had 2 sectors. By hand: p1 spans
  /// police and school; p2 and p3 have police only.
  @Test func anOrganisationWithoutASectorIsNoSector() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try tables(
      dir, "sp",
      ties:
        "source,target,layer\np1,o1,member\no2,p1,member\np2,o1,member\np2,o3,member\np3,o3,member\np3,o1,member\n",
      nodes:
        "id,kind,sector\np1,person,\np2,person,\np3,person,\no1,organisation,police\no2,organisation,school\no3,organisation,NA\n"
    )
    let r = run("spanners", path)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stdout.hasPrefix(
        "id,label,affiliations,sectors,sector_list,boundary_spanner\np1,p1,2,2,police; school,true\np2,p2,2,1,police,false\np3,p3,2,1,police,false"
      ), "\(r.stdout)")
    #expect(
      r.stderr.contains(
        "1 organisation has no 'sector' ('o3'): 2 people are affiliated with one, and their sectors count only the organisations that have a sector"
      ), "\(r.stderr)")
  }

  /// project and spanners read a node of no kind as an organisation: with --layer all, a
  /// nominated person without a kind became an organisation in the projection. Said.
  @Test func nodesOfNoKindReadAsTheOtherModeAreSaid() throws {
    let r = run(
      "project", "municipality", try temporaryDirectory().appendingPathComponent("o.csv").path,
      "--onto", "organisations", "--layer", "all")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr.contains(
        "2 nodes have no kind and are tied to people in the layers read ('the priest at St Michael's', 'Ahmed from the kiosk'): read as the other mode (organisations, events), not as people; give them a kind"
      ), "\(r.stderr)")
  }

  /// Davis's women and events (every tie joins a person and an event) were measured as one
  /// network of 32 nodes without a word; now said, by commands that measure and not by those
  /// that draw. Networks with a tie between two nodes of one kind, or with kindless nodes, are
  /// one-mode and say nothing.
  @Test func aTwoModeNetworkMeasuredAsOneIsSaid() throws {
    let said =
      "every tie read joins two kinds of node (18 of kind 'person', 14 of kind 'event'): a two-mode network, measured here as one network of 32 nodes"
    for command in ["metrics", "info", "bridges"] {
      let r = run(command, "davis")
      #expect(r.status == 0 && r.stderr.contains(said), "\(command): \(r.stderr)")
    }
    let dot = run("dot", "davis")
    #expect(dot.status == 0 && !dot.stderr.contains("two-mode"), "\(dot.stderr)")
    let dir = try temporaryDirectory()
    let ties = try tables(
      dir, "m", ties: "source,target\na,x\nb,x\nb,y\na,b\n",
      nodes: "id,kind\na,person\nb,person\nx,event\ny,event\n")
    let oneMode = run("metrics", ties)
    #expect(oneMode.status == 0 && !oneMode.stderr.contains("two-mode"), "\(oneMode.stderr)")
    let ties2 = try tables(
      dir, "k", ties: "source,target\na,x\nb,x\nb,y\n",
      nodes: "id,kind\na,person\nb,person\nx,event\ny,\n")
    let kindless = run("metrics", ties2)
    #expect(kindless.status == 0 && !kindless.stderr.contains("two-mode"), "\(kindless.stderr)")
    let ties3 = try tables(
      dir, "o", ties: "source,target\na,x\nb,x\nb,y\n",
      nodes: "id,kind\na,person\nb,person\nx,organisation\ny,org\n")
    let organisations = run("metrics", ties3)
    #expect(
      organisations.stderr.contains(
        "every tie read joins two kinds of node (2 of kind 'person', 2 of kind 'organisation'): a two-mode network, measured here as one network of 4 nodes"
      ), "\(organisations.stderr)")
  }

  /// Options that were taken and changed nothing are refused.
  @Test func optionsThatChangeNothingAreRefused() throws {
    for (args, message) in [
      (
        ["layers", "krackhardt", "--seed", "5"],
        "--seed is for the QAP tests of --pairs; without --pairs nothing is permuted"
      ),
      (
        ["layers", "krackhardt", "--permutations", "10"],
        "--permutations is for the QAP tests of --pairs"
      ),
      (
        ["whatif", "padgett", "--remove", "Medici", "--distance-weighted"],
        "--distance-weighted goes with --key-players"
      ),
      (
        ["summary", "padgett", "--cug-draws", "0", "--seed", "4"],
        "--seed is for the CUG z-scores, which --cug-draws 0 leaves out"
      ),
      (
        ["summary", "padgett", "--cug-draws", "0", "--cug-condition", "dyads"],
        "--cug-condition is for the CUG z-scores"
      ),
      (["summary", "padgett", "--merge", "sum"], "--merge changes nothing here"),
      (["summary", "padgett", "--weight", "trust"], "--weight changes nothing here"),
      (
        ["communities", "padgett", "--group", "wealth", "--seed", "3"],
        "--group takes the groups as the modules without running Louvain, so the seed would change nothing"
      ),
    ] {
      let r = BrobyggareCommandLine.run(args)
      #expect(r.status != 0 && r.stderr.contains(message), "\(args): \(r.stderr)")
    }
  }

  /// A path over ties without trust is a path of fewest steps, every trust 1: said. egos'
  /// constraint is within the ego network (networkx 3.6.1: Albizzi 0.611 on the ego graph,
  /// 0.449 on the whole of Padgett's marriages and business), which on an undirected
  /// network was not said.
  @Test func pathWithoutTrustAndEgoConstraintAreSaid() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try tables(dir, "g", ties: Self.sevenTies)
    let r = run("path", path, "g", "e")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr.contains(
        "no tie has a trust, so every tie counts as trust 1: the path found is one of the fewest steps, every path's trust is 1"
      ), "\(r.stderr)")
    let e = run("egos", "padgett", "--ego-networks")
    #expect(e.status == 0, "\(e.stderr)")
    #expect(
      e.stderr.contains("padgett: constraint here is within each ego network"), "\(e.stderr)")
  }

  /// test --values trust counted the affiliation ties, which its model does not read, as ties
  /// without trust (77 of municipality's 349). Only the dependent's layers count now: the
  /// trust layer has a trust on every tie, so there is no note.
  @Test func tiesWithoutTrustAreCountedWhereTrustIsRead() throws {
    let r = run(
      "test", "municipality", "--dependent", "trust", "--values", "trust", "--predictors",
      "collaboration", "--permutations", "10")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(!r.stderr.contains("have no trust value"), "\(r.stderr)")
  }

  /// "." and "-" (Stata's and SPSS's missing values) were groups: node e in group "." was
  /// credited a liaison role between d and f. By hand: with both missing, a, b and c are the
  /// only grouped nodes left besides f and g.
  @Test func stataMissingValuesAreNoGroup() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try tables(
      dir, "st", ties: Self.sevenTies, nodes: "id,team\na,x\nb,x\nc,y\nd,-\ne,.\nf,y\ng,z\n")
    let r = run("groups", path, "--group", "team")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr.contains(
        "the values '-', '.' of 'team' are read as missing (no group), as R and spreadsheets write them"
      ), "\(r.stderr)")
    #expect(
      r.stderr.contains("2 of 7 nodes have no value for 'team' and are left out"), "\(r.stderr)")
  }

  /// bridges, compare and robustness said nothing of who did not answer (a probe found a
  /// non-respondent at one end of 72 of municipality's 100 local bridges).
  @Test func bridgesCompareAndRobustnessSayWhoDidNotAnswer() throws {
    for args in [
      ["bridges", "municipality"], ["compare", "municipality", "municipality-wave2"],
      ["robustness", "municipality", "--runs", "5"],
    ] {
      let r = BrobyggareCommandLine.run(args)
      #expect(r.status == 0, "\(args): \(r.stderr)")
      #expect(r.stderr.contains("41 of 87 nodes did not answer"), "\(args): \(r.stderr)")
    }
  }

  /// sweep's default cut-offs (0.2 to 0.8) on a trust rated 1 to 7 kept every tie at every
  /// cut-off, and the identical columns read as a stable ranking. Said.
  @Test func sweepCutOffsThatKeepTheSameTiesAreSaid() throws {
    let r = run("sweep", "zachary", "--weight", "contexts")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr.contains(
        "every cut-off keeps the same 78 ties: the columns are one network measured 4 times"),
      "\(r.stderr)")
    let spread = run("sweep", "zachary", "--weight", "contexts", "--thresholds", "1,3,5")
    #expect(spread.status == 0, "\(spread.stderr)")
    #expect(!spread.stderr.contains("every cut-off keeps the same"), "\(spread.stderr)")
  }
}
