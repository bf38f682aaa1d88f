import Foundation
import Testing

@testable import BrobyggareCommands

/// Found by a probe of the commands that compare waves and test rankings (compare,
/// robustness) and of a researcher's first analyses: a choice made from one wave only, an
/// option read by the measures and not by the tie table, a node without a value ranked last,
/// and ratings of one layer read as another's without a word. Each test failed on the
/// behaviour before the fix; the expected numbers are worked by hand.
@Suite("Waves and rankings read both waves alike, and say their choices")
struct WavesProbeTests {
  static let peopleAndOrganisation = "id,kind\np1,person\np2,person\np3,person\norg,organisation\n"

  /// Wave A with memberships (every 'member of' tie joins a person and an organisation) and
  /// wave C without: `compare A C` left the memberships out and `compare C A` counted them
  /// (2 ties gained, Spearman 0.5774). Both orders now read the layers alike.
  @Test func theAffiliationLayersAreTheSameBothWays() throws {
    let dir = try temporaryDirectory()
    let a = try tables(
      dir, "A",
      ties: "source,target,layer\np1,p2,trust\np2,p3,trust\np1,org,member of\np3,org,member of\n",
      nodes: Self.peopleAndOrganisation)
    let c = try tables(
      dir, "C", ties: "source,target,layer\np1,p2,trust\np2,p3,trust\n",
      nodes: Self.peopleAndOrganisation)
    let forward = run("compare", a, c)
    let backward = run("compare", c, a)
    #expect(forward.status == 0 && backward.status == 0, "\(backward.stderr)")
    for r in [forward, backward] {
      #expect(r.stderr.contains("ties gained: 0; ties lost: 0"), "\(r.stderr)")
      #expect(r.stderr.contains("spearman: 1"), "\(r.stderr)")
      #expect(r.stderr.contains("layers: trust (affiliation layers member of left out)"))
    }
    #expect(
      backward.stderr.contains(
        "\(a): left out the person-to-organisation layer 'member of' in both waves"),
      "\(backward.stderr)")
  }

  /// `compare --ties` kept the largest of parallel ties whatever --merge said: wave B's tie
  /// c -> d twice (0.2 and 0.9) against A's 0.4 was "up" under min. By hand: min 0.2 (down),
  /// mean 0.55 (up), sum 1.1 (up), max 0.9 (up).
  @Test func tieChangesMergeAsTheMeasuresDo() throws {
    let dir = try temporaryDirectory()
    let a = try tables(dir, "a", ties: "source,target,trust\na,b,1\nc,d,0.4\n")
    let b = try tables(dir, "b", ties: "source,target,trust\na,b,1\nc,d,0.2\nc,d,0.9\n")
    for (rule, row) in [
      ("min", "c,d,,0.4,0.2,down"), ("mean", "c,d,,0.4,0.55,up"), ("sum", "c,d,,0.4,1.1,up"),
      ("max", "c,d,,0.4,0.9,up"),
    ] {
      let r = run("compare", a, b, "--ties", "--merge", rule)
      #expect(r.status == 0 && r.stdout.contains(row + "\n"), "\(rule): \(r.stdout)")
    }
  }

  /// A node without a value (the constraint of a node without ties: NaN, as networkx 3.6.1
  /// gives for an isolate) ranked last in compare and robustness (85 of 85, a fall of 3
  /// places); it has no rank, as in sweep.
  @Test func aNodeWithoutAValueHasNoRank() throws {
    let dir = try temporaryDirectory()
    let nodes = "id\na\nb\nc\nd\n"
    let a = try tables(dir, "a", ties: "source,target\na,b\nb,c\nc,a\nd,a\n", nodes: nodes)
    let b = try tables(dir, "b", ties: "source,target\na,b\nb,c\nc,a\n", nodes: nodes)
    let r = run("compare", a, b, "--measure", "constraint", "--undirected")
    #expect(r.status == 0, "\(r.stderr)")
    let d = r.stdout.split(separator: "\n").first { $0.hasPrefix("d,") }.map(String.init) ?? ""
    // d: in both; constraint 1 in A (one tie), NaN in B. A's constraints by hand: a 0.611,
    // d 1, b and c 1.125 each, the lowest first: d ranks 2 in A, and has no rank in B.
    #expect(d == "d,d,true,true,1,NaN,NaN,2,NaN,NaN", "\(r.stdout)")
    let robust = run(
      "robustness", b, "--measure", "constraint", "--undirected", "--runs", "20", "--drop", "0.25")
    #expect(robust.status == 0, "\(robust.stderr)")
    // d's rank was 4 (last); a, b and c share ranks 1 to 3 (mean 2).
    #expect(
      robust.stdout.contains("\nnode dropout 0.25,d,d,NaN,NaN,0,NaN,NaN,NaN,NaN\n"),
      "\(robust.stdout)")
    #expect(robust.stdout.contains("\nnode dropout 0.25,a,a,1.125,2,"), "\(robust.stdout)")
    // The nodes without a rank come last.
    let ids = robust.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[1] }
    #expect(ids.last == "d", "\(ids)")
  }

  /// Options that were taken and changed nothing, or removed no one or everyone.
  @Test func ratesAndOptionsThatCannotWorkAreRefused() throws {
    let dir = try temporaryDirectory()
    let net = try tables(
      dir, "ten", ties: "source,target\n" + (0..<10).map { "n\($0),n\(($0 + 1) % 10)\n" }.joined())
    for (args, message) in [
      (["robustness", net, "--drop", "0.95"], "rounds to all 10 removed per run"),
      (
        ["robustness", "municipality", "--respondent", "respondent"],
        "--respondent marks who answered, for --mode respondent or --bootstrap"
      ),
      (
        ["compare", net, net, "--ties", "--top", "3"], "--ties lists every tie instead of the nodes"
      ),
    ] {
      let r = BrobyggareCommandLine.run(args)
      #expect(r.status != 0 && r.stderr.contains(message), "\(args): \(r.stderr)")
    }
  }

  /// Ratings of two questions (work and trust) stored as one trust in two layers: a pair tied
  /// in both has the larger rating wherever the trust is read (a path's trust 0.8 from work
  /// where trust said 0.6), which only the settings line hinted at.
  @Test func ratingsOfOneLayerStandingForAnothersAreSaid() throws {
    let dir = try temporaryDirectory()
    let net = try tables(
      dir, "w",
      ties: "source,target,layer,trust\na,b,work,0.8\na,b,trust,0.6\nb,c,trust,0.5\nb,c,work,0.5\n")
    let r = run("path", net, "a", "c")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr.contains(
        "1 pair is tied in more than one of the layers read with a different trust in each (the first: 'a' -> 'b', 0.8 in 'work' and 0.6 in 'trust')"
      ), "\(r.stderr)")
    let one = run("path", net, "a", "c", "--layer", "trust")
    #expect(one.status == 0 && !one.stderr.contains("tied in more than one"), "\(one.stderr)")
  }

  /// A path from someone who did not answer failed with "no path runs", read as a finding;
  /// in a directed network their ties out are the answer that is missing, which is now said.
  @Test func noPathFromSomeoneWhoDidNotAnswerSaysSo() throws {
    let dir = try temporaryDirectory()
    let net = try tables(
      dir, "r", ties: "source,target\na,b\nb,c\n",
      nodes: "id,respondent\na,true\nb,true\nc,false\n")
    let r = run("path", net, "c", "a")
    #expect(r.status != 0)
    #expect(
      r.stderr.contains(
        "no path runs from 'c' to 'a' along the selected ties ('c' did not answer, so no tie of theirs runs out)"
      ), "\(r.stderr)")
    let answered = run("path", net, "b", "a")
    #expect(answered.status != 0 && !answered.stderr.contains("did not answer, so"))
  }

  /// A cut-off above every trust kept no tie without a word; an empty network was said to
  /// have no trust. A label changed between waves was not said.
  @Test func emptyCutOffsAndRelabelledNodesAreSaid() throws {
    let dir = try temporaryDirectory()
    let net = try tables(dir, "s", ties: "source,target,trust\na,b,0.5\nb,c,0.9\nc,a,0.7\n")
    let r = run("sweep", net, "--thresholds", "0.5,2")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr.contains(
        "the cut-off 2 keeps no tie (every trust read is below it): its column measures a network without ties"
      ), "\(r.stderr)")
    let empty = try tables(dir, "e", ties: "source,target,trust\n")
    let e = run("sweep", empty)
    #expect(e.status != 0 && e.stderr.contains("the network has no ties"), "\(e.stderr)")
    let a = try tables(dir, "la", ties: "source,target\nx,y\n", nodes: "id,label\nx,Alice\ny,Bo\n")
    let b = try tables(dir, "lb", ties: "source,target\nx,y\n", nodes: "id,label\nx,Alicia\ny,Bo\n")
    let c = run("compare", a, b)
    #expect(
      c.stderr.contains(
        "1 node in both waves has another label in B (the first: 'x', 'Alice' in A and 'Alicia' in B)"
      ), "\(c.stderr)")
  }

  /// A trust of 0 in a tie table is a tie, as networkx 3.6.1 and igraph 1.0.0 read an edge of
  /// weight 0, and no tie in UCINET or sna; which it is here was not said.
  @Test func aTrustOfZeroIsSaid() throws {
    let dir = try temporaryDirectory()
    let net = try tables(dir, "z", ties: "source,target,trust\na,b,0\nb,c,3\nc,a,0\n")
    let r = run("metrics", net)
    #expect(
      r.stderr.contains(
        "2 ties have the trust 0 (the first: 'a' -> 'b'): they count as ties wherever ties are counted"
      ), "\(r.stderr)")
  }

  /// On a sparse network some random graphs have no two-path: transitivity is NaN there and
  /// left out, where R's sna 2.7.1 (cug.test with gtrans) scores them 1 (its mean 0.315 against
  /// 0.022 here on this network, a probe found), which the note did not say.
  @Test func transitivityWithoutATwoPathSaysWhatSnaDoes() throws {
    let dir = try temporaryDirectory()
    let net = try tables(
      dir, "sp", ties: "source,target\na,b\nb,c\nd,e\nf,g\n",
      nodes: "id\na\nb\nc\nd\ne\nf\ng\nh\ni\nj\n")
    let r = run("test", net, "--cug", "transitivity", "--permutations", "200")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr.contains(
        "(sna's cug.test with gtrans scores such a graph 1, which moves its mean and p-values toward 1)"
      ), "\(r.stderr)")
  }
}
