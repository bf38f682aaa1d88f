import Foundation
import Testing

@testable import BrobyggareCommands

let municipality = packageRoot.appendingPathComponent("Datasets/municipality").path

/// The interview commands on the constructed dataset and on small files written here.
@Suite("Command line: interviews, reciprocity, two-mode, robustness, compare")
struct InterviewCommandTests {
  func build(_ dir: URL, _ extra: [String] = []) -> BrobyggareCommandLine.Outcome {
    BrobyggareCommandLine.run(
      [
        "interviews", "\(municipality)/nominations.csv", "--roster", "\(municipality)/roster.csv",
        "--scale", "1..5",
        "--wave", "1", "--aliases", "\(municipality)/aliases.csv", "--affiliations",
        "\(municipality)/affiliations.csv",
        "-o", dir.appendingPathComponent("net.graphml").path,
      ] + extra)
  }

  @Test func interviewsWritesTheNetworkTheReviewFileAndTheAccount() throws {
    let dir = try temporaryDirectory()
    let r = build(dir)
    #expect(r.status == 0, "\(r.stderr)")
    let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    #expect(files == ["net.account.md", "net.graphml", "net.review.csv"])
    let review = try String(
      contentsOf: dir.appendingPathComponent("net.review.csv"), encoding: .utf8)
    // The shared name stays undecided in aliases.csv: it must be listed, with both people.
    #expect(
      review.contains("Anna Karlsson,,ambiguous,alter,")
        && review.contains("p02 (Anna Karlsson); p03 (Anna Karlsson)"))
    let account = try String(
      contentsOf: dir.appendingPathComponent("net.account.md"), encoding: .utf8)
    #expect(
      account.contains("- symmetrize: none") && account.contains("- no rating: 1 (")
        && account.contains("- the respondent names themself: 1 ("))
    #expect(r.stderr.contains("46 respondents"))
    // The two added by the alias table are among the 41 nominated only: the counts overlap,
    // and say so (46 + 41 + 0 = 87 nodes; by hand from Datasets/municipality).
    #expect(
      r.stderr.contains(
        "87 nodes (46 respondents, 41 nominated only, 0 roster only; 2 not in the roster)"),
      "\(r.stderr)")
    #expect(
      account.contains(
        "- added, not in the roster: 2 (each also counted above, as a respondent or nominated only)"
      ))
    // The network reads back, with the status of every node.
    let net = run("info", dir.appendingPathComponent("net.graphml").path)
    #expect(net.status == 0 && net.stdout.contains("nodes: 87"))
  }

  /// A format without a place for all of the network says what it leaves out: an edge list
  /// has no nodes without ties (the roster's people nobody named) and no attributes.
  @Test func whatTheOutputCannotHoldIsSaid() throws {
    let dir = try temporaryDirectory()
    let r = BrobyggareCommandLine.run(
      [
        "interviews", "\(municipality)/nominations.csv", "--roster", "\(municipality)/roster.csv",
        "--scale", "1..5", "--wave", "1", "-o", dir.appendingPathComponent("net.txt").path,
      ])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.contains("net.txt: edge list cannot hold"), "\(r.stderr)")
  }

  /// The shipped network is what the command makes now (the dataset README gives the command).
  @Test func shippedNetworkIsUpToDate() throws {
    let dir = try temporaryDirectory()
    #expect(build(dir).status == 0)
    let made = try Data(contentsOf: dir.appendingPathComponent("net.graphml"))
    let shipped = try Data(contentsOf: URL(fileURLWithPath: "\(municipality)/municipality.graphml"))
    #expect(made == shipped)
  }

  @Test func interviewsRefusesBadInputAndWritesNothing() throws {
    let dir = try temporaryDirectory()
    let noms = dir.appendingPathComponent("n.csv")
    let roster = dir.appendingPathComponent("r.csv")
    try "respondent,alter,rating\na,b,4\na,b,9\n".write(to: noms, atomically: true, encoding: .utf8)
    try "id,label\na,A\nb,B\n".write(to: roster, atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("out.graphml").path
    let r = run("interviews", noms.path, "--roster", roster.path, "--scale", "1..5", "-o", out)
    #expect(r.status == 1)
    #expect(
      r.stderr
        == "\(noms.path):3:5: error: the rating 9 is outside the scale 1..5; if 9 stands for no answer, as surveys often code it, write NA or leave the cell empty (the row is then left out, and listed in the account)\n"
    )
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["n.csv", "r.csv"])
    let waves = BrobyggareCommandLine.run([
      "interviews", "\(municipality)/nominations.csv", "--roster", "\(municipality)/roster.csv",
      "--scale", "1..5", "-o", out,
    ])
    #expect(
      waves.status == 64 && waves.stderr.contains("several waves (1, 2); choose one with --wave"))
    #expect(
      run("interviews", noms.path, "--roster", roster.path, "--scale", "5..1", "-o", out).status
        == 64)
    #expect(
      run(
        "interviews", noms.path, "--roster", roster.path, "--scale", "1..9", "--symmetrize", "both",
        "-o", out
      ).stderr
        .contains("--symmetrize takes one of none, min, max, mean, confirmed, any, not 'both'"))
    #expect(
      run("interviews", noms.path, "--roster", roster.path, "--scale", "1..9", "-o", noms.path)
        .stderr.contains("Refusing to overwrite the input file"))
    // A scale below 0 holds distrust: -2 would be read as a tie of trust 0.2.
    let signed = run(
      "interviews", noms.path, "--roster", roster.path, "--scale", "-2..2", "-o", out)
    #expect(signed.status == 64)
    #expect(
      signed.stderr.contains(
        "--scale -2..2 runs below 0: its negative ratings are distrust, another relation"),
      "\(signed.stderr)")
    #expect(signed.stderr.contains("(-2 as 0.2)"))
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["n.csv", "r.csv"])
  }

  /// A wave's column of another name, read as what was said, merges the waves' rows: the note
  /// names it, and --wave-column reads it as the waves.
  @Test func theWavesColumnOfAnotherNameIsNamed() throws {
    let dir = try temporaryDirectory()
    let noms = dir.appendingPathComponent("n.csv")
    let roster = dir.appendingPathComponent("r.csv")
    try "Respondent,Namn,Förtroende,Våg\na,B,4,1\na,B,2,2\n".write(
      to: noms, atomically: true, encoding: .utf8)
    try "id,label\na,A\nb,B\n".write(to: roster, atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("net.graphml").path
    let args = [
      "interviews", noms.path, "--roster", roster.path, "--scale", "1..5", "--alter-column",
      "Namn", "--rating-column", "Förtroende", "-o", out,
    ]
    let merged = BrobyggareCommandLine.run(args)
    #expect(merged.status == 0, "\(merged.stderr)")
    #expect(
      merged.stderr.contains(
        "note: \(noms.path): 1 duplicate merged differs from the first report of the pair in 'Våg'"),
      "\(merged.stderr)")
    let wave2 = BrobyggareCommandLine.run(args + ["--wave-column", "Våg", "--wave", "2"])
    #expect(wave2.status == 0 && !wave2.stderr.contains("duplicate"), "\(wave2.stderr)")
    #expect(wave2.stderr.contains("1 ties from 1 reports"), "\(wave2.stderr)")
    // A roster with its columns in Swedish: the names and the interviewed mark are not read
    // as such, which is said.
    // (Said where a name went unresolved: a roster whose ids are the names needs no label.)
    let swedish = dir.appendingPathComponent("sv.csv")
    try "id,Namn,Intervjuad\na,Anna,ja\nb,Björn Berg,nej\n".write(
      to: swedish, atomically: true, encoding: .utf8)
    let svNoms = dir.appendingPathComponent("sv-n.csv")
    try "respondent,alter,rating\na,Björn Berg,4\n".write(
      to: svNoms, atomically: true, encoding: .utf8)
    let sv = BrobyggareCommandLine.run(
      [
        "interviews", svNoms.path, "--roster", swedish.path, "--scale", "1..5", "-o",
        dir.appendingPathComponent("sv.graphml").path,
      ])
    #expect(
      sv.stderr.contains(
        "\(swedish.path): no column 'label' (or 'name'), so the names given match the roster's ids and aliases only; its other columns are 'Namn', 'Intervjuad'"
      )
        && sv.stderr.contains(
          "no column 'interviewed', and 'Intervjuad' is read as an attribute"),
      "\(sv.stderr)")
    // Wave 2's rating 2 on 1..5, trust 0.4 (wave 1's 4 would give 0.8).
    let graph = try String(contentsOfFile: out, encoding: .utf8)
    #expect(graph.contains(">0.4</data>") && !graph.contains(">0.8</data>"), "\(graph)")
  }

  /// A survey app's export read from its files beside each other: an output is not written
  /// over the repeat's file, which was read as input; the review file lists a name's rows
  /// with `; ` between them, as a place may hold spaces (SurveyCTO's file names, sheets).
  @Test func theRepeatsFileIsAnInputAndTheReviewListsPlacesApart() throws {
    let dir = try temporaryDirectory()
    let main = dir.appendingPathComponent("Name generator.csv")
    let alters = dir.appendingPathComponent("Name generator-alters.csv")
    let roster = dir.appendingPathComponent("r.csv")
    try "SubmissionDate,resp_name,KEY\n2024,a,uuid:1\n2024,b,uuid:2\n".write(
      to: main, atomically: true, encoding: .utf8)
    let repeatText =
      "alter_name,tie_strength,PARENT_KEY,KEY\nNalle,4,uuid:1,uuid:1/alters[1]\nNalle,3,uuid:2,uuid:2/alters[1]\n"
    try repeatText.write(to: alters, atomically: true, encoding: .utf8)
    try "id,label\na,A\nb,B\n".write(to: roster, atomically: true, encoding: .utf8)
    let args = [
      "interviews", main.path, "--roster", roster.path, "--scale", "1..5",
      "--respondent-column", "resp_name", "--alter-column", "alter_name", "--rating-column",
      "tie_strength",
    ]
    let refused = BrobyggareCommandLine.run(args + ["-o", alters.path])
    #expect(refused.status != 0)
    #expect(
      refused.stderr.contains("Refusing to overwrite the input file '\(alters.path)'"),
      "\(refused.stderr)")
    #expect(try String(contentsOf: alters, encoding: .utf8) == repeatText)
    // An output named as a part of the export (its review file too) is no part of it: run
    // again, the run writes over its own files.
    let out = dir.appendingPathComponent("Name generator-net.graphml").path
    for _ in 0..<2 {
      let r = BrobyggareCommandLine.run(args + ["-o", out])
      #expect(r.status == 0, "\(r.stderr)")
    }
    let review = try String(
      contentsOf: dir.appendingPathComponent("Name generator-net.review.csv"), encoding: .utf8)
    #expect(
      review.contains("Nalle,,unmatched,alter,\(alters.path):2; \(alters.path):3,2,"),
      "\(review)")
  }

  /// Found by a probe: compare says when the waves were made with different settings, and
  /// when a respondent of both waves names no one in one (a wave sat out reads as ties lost).
  @Test func compareSaysWhatTheWavesWereMadeWithAndWhoFellSilent() throws {
    let dir = try temporaryDirectory()
    let noms = dir.appendingPathComponent("n.csv")
    let roster = dir.appendingPathComponent("r.csv")
    try
      "respondent,alter,rating,wave\nA,Bo,5,1\nB,Anna,4,1\nC,Anna,4,1\nC,Bo,4,1\nA,Bo,5,2\nB,Anna,4,2\n"
      .write(to: noms, atomically: true, encoding: .utf8)
    try "id,label,interviewed\nA,Anna,true\nB,Bo,true\nC,Cecilia,true\n".write(
      to: roster, atomically: true, encoding: .utf8)
    func wave(_ w: String, _ scale: String) -> String {
      let out = dir.appendingPathComponent("w\(w)-\(scale).graphml").path
      let r = run(
        "interviews", noms.path, "--roster", roster.path, "--scale", scale, "--wave", w, "-o",
        out)
      #expect(r.status == 0, "\(r.stderr)")
      return out
    }
    let (one, two, twoSeven) = (wave("1", "1..5"), wave("2", "1..5"), wave("2", "1..7"))
    let same = run("compare", one, two, "--ties")
    #expect(same.status == 0, "\(same.stderr)")
    #expect(
      same.stderr.contains(
        "note: a respondent of both waves names no one in one of them: 'C' (none in B, 2 ties lost)"
      ), "\(same.stderr)")
    #expect(!same.stderr.contains("different settings"), "\(same.stderr)")
    // Ties to organisations (a layer left out of the comparison) are not naming anyone.
    for (w, extra) in [("1", "C,Org,member\n"), ("2", "C,Org,member\n")] {
      let ties = dir.appendingPathComponent("aff\(w).csv")
      try ("source,target,layer\nA,B,trust\nB,A,trust\n" + (w == "1" ? "C,A,trust\n" : "") + extra)
        .write(to: ties, atomically: true, encoding: .utf8)
      try
        "id,kind,respondent\nA,person,true\nB,person,true\nC,person,true\nOrg,organisation,false\n"
        .write(
          to: dir.appendingPathComponent("aff\(w).nodes.csv"), atomically: true, encoding: .utf8)
    }
    let affiliated = run(
      "compare", dir.appendingPathComponent("aff1.csv").path,
      dir.appendingPathComponent("aff2.csv").path, "--ties")
    #expect(
      affiliated.stderr.contains("'C' (none in B, 1 tie lost)"), "\(affiliated.stderr)")
    let scales = run("compare", one, twoSeven, "--ties")
    #expect(
      scales.stderr.contains(
        "note: the waves were made from the interviews with different settings (scale: A 1..5, B 1..7)"
      ), "\(scales.stderr)")
  }

  @Test func reciprocityTwoModeRobustnessAndCompareRunOnTheDataset() throws {
    let dir = try temporaryDirectory()
    #expect(build(dir).status == 0)
    let net = dir.appendingPathComponent("net.graphml").path
    let rec = run("reciprocity", net, "--layer", "trust")
    #expect(rec.status == 0 && rec.stdout.hasPrefix("measure,value,definition\nmutual,"))
    let groups = run("reciprocity", net, "--layer", "trust", "--group", "sector")
    #expect(
      groups.stdout.hasPrefix(
        "group_a,group_b,ties_ab,ties_ba,mean_trust_ab,mean_trust_ba,difference,mutual_dyads,mean_paired_difference\n"
      ))

    let spanners = run("spanners", net, "--layer", "member of,works at")
    #expect(spanners.status == 0)
    #expect(
      spanners.stdout.split(separator: "\n")[1].hasPrefix("p01,Leila Haddad,8,"),
      "the coordinator spans most")
    let projected = dir.appendingPathComponent("orgs.graphml").path
    let p = run(
      "project", net, projected, "--onto", "organisations", "--layer", "member of,works at")
    #expect(p.status == 0 && FileManager.default.fileExists(atPath: projected))

    // --weight is the projection's rule here, not a tie attribute to read. Evelyn (W1) and
    // Laura (W2): 1.5626373626373626 in networkx 3.6.1's collaboration_weighted_projected_graph
    // of davis_southern_women_graph().
    let women = dir.appendingPathComponent("women.csv").path
    let newman = run("project", "davis", women, "--onto", "people", "--weight", "newman")
    #expect(newman.status == 0, "\(newman.stderr)")
    let w1w2 = try String(contentsOfFile: women, encoding: .utf8).split(separator: "\n").first {
      $0.hasPrefix("W1,W2,")
    }
    // source,target,type,weight,shared: the projection is undirected and its CSV says so.
    let fields = try #require(w1w2).split(separator: ",")
    #expect(fields.count == 5 && fields[2] == "Undirected" && fields[4] == "6")
    #expect(abs(Double(fields[3])! - 1.5626373626373626) < 1e-12)

    let rob = run(
      "robustness", net, "--layer", "trust,collaboration", "--runs", "50", "--summary", "--mode",
      "respondent", "--bootstrap", "--threads", "2")
    #expect(rob.status == 0)
    #expect(
      rob.stdout.split(separator: "\n").map { String($0.split(separator: ",")[0]) } == [
        "condition", "respondent dropout 0.1", "respondent dropout 0.2", "respondent dropout 0.3",
        "bootstrap over respondents",
      ])
    #expect(
      rob.stderr.contains("missing-data treatment: keep")
        && rob.stderr.contains("respondents: 46 (attribute respondent)"))
    let one = run("robustness", net, "--runs", "30", "--drop", "0.2", "--threads", "1")
    #expect(
      one.stdout == run("robustness", net, "--runs", "30", "--drop", "0.2", "--threads", "2").stdout
    )
    #expect(run("robustness", net, "--drop", "1.5").status == 64)

    let dir2 = try temporaryDirectory()
    #expect(
      BrobyggareCommandLine.run([
        "interviews", "\(municipality)/nominations.csv", "--roster", "\(municipality)/roster.csv",
        "--scale", "1..5",
        "--wave", "2", "--aliases", "\(municipality)/aliases.csv", "-o",
        dir2.appendingPathComponent("net.graphml").path,
      ]).status == 0)
    let cmp = run(
      "compare", net, dir2.appendingPathComponent("net.graphml").path, "--layer",
      "trust,collaboration")
    #expect(
      cmp.status == 0
        && cmp.stdout.hasPrefix(
          "id,label,in_a,in_b,betweenness_a,betweenness_b,change,rank_a,rank_b,rank_change\np01,Leila Haddad,true,true,"
        ))
    #expect(cmp.stderr.contains("ties gained: ") && cmp.stderr.contains("spearman: "))
  }
}
