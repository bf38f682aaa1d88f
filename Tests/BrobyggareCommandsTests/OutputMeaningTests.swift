@testable import Brobyggare
import Foundation
import Testing

@testable import BrobyggareCommands

/// Outputs whose names or values said something other than what they held: each test failed
/// on the behaviour before the fix.
@Suite("Outputs mean what they say")
struct OutputMeaningTests {
  /// A five-node network in two groups and a node without one (e): a and c are the only
  /// brokers' ends across groups, by hand.
  func groupedNetwork(_ dir: URL) throws -> String {
    let ties = dir.appendingPathComponent("g.csv").path
    try "source,target\na,b\nb,c\nc,d\nd,e\ne,a\nb,e\n".write(
      toFile: ties, atomically: true, encoding: .utf8)
    try "id,sector\na,x\nb,y\nc,x\nd,y\ne,\n".write(
      toFile: dir.appendingPathComponent("g.nodes.csv").path, atomically: true,
      encoding: .utf8)
    return ties
  }

  /// A node in no group brokers between no groups: the report's table left its role counts 0,
  /// which reads as "brokers nothing"; now they are NaN, as its E-I index is (numbers still,
  /// so the network.graphml the report writes keeps the columns typed double).
  @Test func aNodeWithoutAGroupHasNoBrokerageCounts() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ties = try groupedNetwork(dir)
    let report = dir.appendingPathComponent("r").path
    let r = run("report", ties, "--group", "sector", "-o", report)
    #expect(r.status == 0, "\(r.stderr)")
    let rows = try String(contentsOfFile: report + "/bridge-builders.csv", encoding: .utf8)
      .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    let header = rows[0].map(String.init)
    let roles = header.indices.filter { header[$0].hasPrefix("brokerage_") }
    #expect(roles.count == 6, "\(header)")
    guard let id = header.firstIndex(of: "id"), let e = rows.first(where: { $0[id] == "e" })
    else {
      Issue.record("no row for e: \(rows)")
      return
    }
    #expect(roles.allSatisfy { e[$0] == "NaN" }, "\(e)")
    let graphml = try String(contentsOfFile: report + "/network.graphml", encoding: .utf8)
    #expect(
      graphml.contains("attr.name=\"brokerage_total\" attr.type=\"double\""),
      "\(graphml.prefix(3000))")
    // A grouped node's counts are there (b, in y, between a and c in x: a coordinator's or
    // representative's two-paths, so its total is not empty).
    let b = rows.first { $0[id] == "b" }
    #expect(b.map { !$0[roles[5]].isEmpty } == true, "\(String(describing: b))")
  }

  /// The report's last robustness column was named top1_stays_first and held the share of runs
  /// in which the first node stayed in the top five; with --top 3, the top three.
  @Test func theRobustnessColumnSaysWhatItCounts() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let report = dir.appendingPathComponent("r").path
    let r = run(
      "report", "municipality", "--group", "sector", "--robustness", "5", "--top", "3", "-o",
      report)
    #expect(r.status == 0, "\(r.stderr)")
    let table = try String(contentsOfFile: report + "/robustness.csv", encoding: .utf8)
    #expect(table.contains("top_k_overlap_median,first_stays_in_top_3"), "\(table)")
    #expect(!table.contains("top1_stays_first"))
    let page = try String(contentsOfFile: report + "/index.html", encoding: .utf8)
    #expect(page.contains("the share of the top 3 kept"))
    #expect(!page.contains("stays in the top 5"))
  }

  /// An undirected network's reciprocity is 1 by definition, which reads as "everyone named
  /// each other back" when the file only lost its direction.
  @Test func undirectedReciprocityIsSaidToBeByDefinition() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ties = dir.appendingPathComponent("u.graphml").path
    try """
    <?xml version="1.0"?>
    <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
    <graph edgedefault="undirected"><node id="a"/><node id="b"/><node id="c"/>
    <edge source="a" target="b"/><edge source="b" target="c"/></graph></graphml>
    """.write(toFile: ties, atomically: true, encoding: .utf8)
    let expected =
      "\(ties) is undirected: every tie counts both ways, so reciprocity is 1 and no tie is one-way by definition"
    for command in [["reciprocity"], ["summary", "--cug-draws", "0"]] {
      let r = BrobyggareCommandLine.run(command + [ties])
      #expect(r.status == 0, "\(command): \(r.stderr)")
      #expect(r.stderr.contains(expected), "\(command): \(r.stderr)")
    }
    // A directed network's reciprocity means something: no such note.
    let d = run("reciprocity", "krackhardt")
    #expect(d.status == 0)
    #expect(!d.stderr.contains("reciprocity is 1"), "\(d.stderr)")
  }
}

extension OutputMeaningTests {
  /// A weight without a length named its tie with `->` on an undirected network, without its
  /// place in the file, and as if it were the only one.
  @Test func aWeightWithoutALengthIsPlacedAndCounted() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ties = dir.appendingPathComponent("w.csv").path
    try "source,target,trust\na,b,1\nb,c,0\nc,d,0\nd,a,2\n".write(
      toFile: ties, atomically: true, encoding: .utf8)
    let r = run(
      "metrics", ties, "--undirected", "--measures", "betweenness", "--distance", "reciprocal")
    #expect(r.status == 1)
    #expect(r.stdout.isEmpty)
    #expect(
      r.stderr.contains(
        "\(ties): error: the weight 0 on the tie b -- c (tie 2 in the file) cannot be a distance under 'reciprocal': expected a positive, finite trust (and 1 other tie's weight has none)"
      ), "\(r.stderr)")
  }
}

// MARK: Drawings

extension OutputMeaningTests {
  /// Nodes without a group took a group's colour (the eighth of the palette, or a repeated
  /// one): now white with a dashed outline, in the drawing and its legend.
  @Test func aNodeWithoutAGroupIsNotDrawnInAGroupsColour() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ties = try groupedNetwork(dir)
    let r = run("dot", ties, "--group", "sector")
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n")
    let e = lines.first { $0.hasPrefix("  \"e\" [") }
    #expect(e?.contains("fillcolor=\"#FFFFFF\"") == true, "\(String(describing: e))")
    #expect(e?.contains("style=\"filled,dashed\"") == true, "\(String(describing: e))")
    for id in ["a", "b", "c", "d"] {
      let line = lines.first { $0.hasPrefix("  \"\(id)\" [") }
      #expect(line?.contains("#FFFFFF") == false, "\(String(describing: line))")
    }
    #expect(r.stdout.contains("<TD BGCOLOR=\"#FFFFFF\" WIDTH=\"16\" STYLE=\"DASHED\"> </TD>"))
  }

  /// Nine groups and eight colours: the legend says the colours repeat (only a note said it).
  @Test func theLegendSaysWhenColoursRepeat() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ties = dir.appendingPathComponent("n.csv").path
    let ids = (1...9).map { "v\($0)" }
    try ("source,target\n" + zip(ids, ids.dropFirst()).map { "\($0),\($1)\n" }.joined()).write(
      toFile: ties, atomically: true, encoding: .utf8)
    try ("id,team\n" + ids.map { "\($0),t\($0)\n" }.joined()).write(
      toFile: dir.appendingPathComponent("n.nodes.csv").path, atomically: true, encoding: .utf8)
    let r = run("dot", ties, "--group", "team")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("<I>9 groups, 8 colours: colours repeat</I>"), "\(r.stdout)")
  }

  /// A tie without a trust counts 1 in the measures; scaled apart from the others it was drawn
  /// 0.6 + 2.4 · 1/0.5 = 5.4 wide, wider than any. Now the scale's top is 1: the trustless
  /// tie 0.6 + 2.4 = 3, the tie of trust 0.5 0.6 + 1.2 = 1.8 (by hand).
  @Test func aTieWithoutTrustIsDrawnAsTheMeasuresReadIt() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ties = dir.appendingPathComponent("t.csv").path
    try "source,target,trust\na,b,0.5\nb,c,\n".write(
      toFile: ties, atomically: true, encoding: .utf8)
    let r = run("dot", ties, "--undirected")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("\"a\" -- \"b\" [penwidth=\"1.8\""), "\(r.stdout)")
    #expect(r.stdout.contains("\"b\" -- \"c\" [penwidth=\"3\""), "\(r.stdout)")
  }

  /// A mutual tie is one line at the mean trust: its tooltip now gives each way's trust, and
  /// the legend says the width is the mean. a → b 2, b → a 4, top 4: 0.6 + 2.4 · 3/4 = 2.4.
  @Test func aMutualTieSaysBothTrusts() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ties = dir.appendingPathComponent("m.csv").path
    try "source,target,trust\na,b,2\nb,a,4\n".write(
      toFile: ties, atomically: true, encoding: .utf8)
    let r = run("dot", ties)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stdout.contains(
        "\"a\" -> \"b\" [penwidth=\"2.4\", tooltip=\"a → b: 2; b → a: 4\", dir=\"both\"]"),
      "\(r.stdout)")
    #expect(r.stdout.contains("line width: trust (both ways: the mean)"))
  }

  /// Panels were scaled each on its own: wave 1's only tie (trust 1) was drawn as wide as wave
  /// 2's strongest (trust 4), and its nodes of degree 1 as large as wave 2's of degree 3. One
  /// scale now: 0.6 + 2.4 · 1/4 = 1.2 wide, and 0.35 + √(1/3) = 0.927 (by hand).
  @Test func panelsShareOneScale() throws {
    guard Graphviz.executable != nil else {
      print("notice: Graphviz is not installed; panels not checked")
      return
    }
    var w1 = Network(directed: false)
    w1.addTie(from: "a", to: "b", trust: 1)
    var w2 = Network(directed: false)
    for (u, v) in [("b", "c"), ("c", "d"), ("c", "a")] { w2.addTie(from: u, to: v, trust: 4) }
    var style = DiagramStyle()
    style.size = .degree
    let dots = try smallMultiples(
      [
        DiagramPanel(name: "w1", network: w1, selection: .all),
        DiagramPanel(name: "w2", network: w2, selection: .all),
      ], style: style)
    #expect(dots[0].contains("\"a\" -- \"b\" [penwidth=\"1.2\""), "\(dots[0])")
    #expect(dots[0].contains("\"a\" [shape=\"ellipse\", width=\"0.927\""), "\(dots[0])")
    #expect(dots[1].contains("\"b\" -- \"c\" [penwidth=\"3\""), "\(dots[1])")
  }
}

extension OutputMeaningTests {
  /// By default a z-score too costly to draw is left empty with a note, and the settings still
  /// said every z-score was over the 200 draws. 2,000 nodes, few ties: LUBness's draws would
  /// take 2000⁴/64 ≈ 2.5e11 steps each, past the 2e10 limit (Adjacency.cugWorkLimit).
  @Test func summarySettingsSayWhichNetworksWereNotDrawn() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ties = dir.appendingPathComponent("big.csv").path
    try "source,target\nv1,v2\nv2,v3\nv3,v1\n".write(
      toFile: ties, atomically: true, encoding: .utf8)
    try ("id\n" + (1...2000).map { "v\($0)\n" }.joined()).write(
      toFile: dir.appendingPathComponent("big.nodes.csv").path, atomically: true,
      encoding: .utf8)
    let r = run("summary", ties)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.contains("z_lubness is left empty"), "\(r.stderr)")
    #expect(
      r.stderr.contains(
        "; not drawn for \(ties), whose z-scores are left empty where the notes say"),
      "\(r.stderr)")
  }
}

// MARK: Options that ran and did not do what they said

extension OutputMeaningTests {
  /// `dot --plain --layer trust` wrote all 349 ties of every layer, and --group, --title and
  /// the rest made no difference: each is now refused with --plain.
  @Test func plainRefusesWhatItWouldPassOver() {
    let r = run("dot", "municipality", "--plain", "--layer", "trust", "--title", "T")
    #expect(r.status == 64)
    #expect(r.stdout.isEmpty)
    #expect(
      r.stderr.contains(
        "--plain writes the network as it is, every node and tie, without styling; --layer, --title style or select the drawing: leave out --plain, or them"
      ), "\(r.stderr)")
    #expect(run("dot", "municipality", "--plain").status == 0)
  }

  /// Options whose work was thrown away: shuffles under --counts-only (no p-value column),
  /// --epsilon without betweenness (the settings described an estimate), --top with --into
  /// and no table (every node written).
  @Test func optionsThatWouldDoNothingAreRefused() {
    let b = run(
      "brokers", "municipality", "--group", "sector", "--counts-only", "--permutations", "100")
    #expect(b.status == 64)
    #expect(
      b.stderr.contains("--counts-only leaves out the expected values, z-scores and p-values"))
    let e = run("metrics", "lazega", "--epsilon", "0.05", "--measures", "closeness,degree")
    #expect(e.status == 64)
    #expect(
      e.stderr.contains(
        "--epsilon estimates betweenness, and the measures asked for (closeness, degree) do not use it"
      ), "\(e.stderr)")
    // Bridging centrality is betweenness times the bridging coefficient: estimated with it.
    let bridging = run(
      "metrics", "lazega", "--epsilon", "0.05", "--measures", "bridging_centrality")
    #expect(bridging.status == 0, "\(bridging.stderr)")
    let into = FileManager.default.temporaryDirectory.appendingPathComponent(
      "never-written-\(UUID().uuidString).graphml"
    ).path
    let t = run("metrics", "padgett", "--top", "3", "--into", into)
    #expect(t.status == 64)
    #expect(t.stderr.contains("--top picks rows of the table, and --into writes every node"))
    #expect(!FileManager.default.fileExists(atPath: into))
  }

  /// Without trust, --merge sum makes a pair's parallel ties and layers its count: Krackhardt's
  /// manager 1 has strength 33 on degree 22 (the two layers summed), and the settings said
  /// "every tie 1".
  @Test func mergeSumWithoutTrustSaysTheCountIsTheWeight() {
    let r = run(
      "metrics", "krackhardt", "--merge", "sum", "--measures", "degree,strength", "--layer", "all")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr.contains(
        "weight: none: every tie 1, a pair's parallel ties and layers summed to their count (--merge sum)"
      ), "\(r.stderr)")
    let max = run("metrics", "krackhardt", "--measures", "degree", "--layer", "all")
    #expect(max.stderr.contains("weight: none (every tie 1)"), "\(max.stderr)")
  }

  /// Who did not answer was said by metrics, whatif, test and report only: reciprocity and
  /// brokers read their silence too (a tie to them cannot be returned; a directed broker's
  /// outgoing ties are missing). The count says how many are people (14 of the municipality's
  /// 60) and how many organisations or others (27), counted by hand from its node table.
  @Test func nonRespondentsAreSaidWhereTheyChangeTheNumbers() {
    let r = run("reciprocity", "municipality")
    #expect(
      r.stderr.contains(
        "41 of 87 nodes did not answer (respondent = false, 14 of the 60 nodes of kind person and 27 others (organisations, and nodes of no kind)): the ties they would have named are missing (their outgoing ties); a tie to one of them cannot be returned in the data"
      ), "\(r.stderr)")
    let b = run("brokers", "municipality", "--group", "sector", "--top", "1")
    #expect(
      b.stderr.contains("a broker needs outgoing ties, and theirs are missing"), "\(b.stderr)")
  }

  /// A person who answered in wave A and not in wave B: the ties they named in A were "lost"
  /// without a word (only a respondent of both waves naming no one was said).
  @Test func compareSaysWhoAnsweredInOneWaveOnly() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let a = dir.appendingPathComponent("a.csv").path
    let b = dir.appendingPathComponent("b.csv").path
    try "source,target\na,b\nc,a\nc,d\nb,a\n".write(toFile: a, atomically: true, encoding: .utf8)
    try "source,target\na,b\nb,a\nd,a\nc,b\n".write(toFile: b, atomically: true, encoding: .utf8)
    try "id,respondent\na,true\nb,true\nc,true\nd,false\n".write(
      toFile: dir.appendingPathComponent("a.nodes.csv").path, atomically: true, encoding: .utf8)
    try "id,respondent\na,true\nb,true\nc,false\nd,true\n".write(
      toFile: dir.appendingPathComponent("b.nodes.csv").path, atomically: true, encoding: .utf8)
    let r = run("compare", a, b, "--ties")
    #expect(r.status == 0, "\(r.stderr)")
    // c named a and d in A only (2 lost; its c → b in B, gained, is not among them), d named
    // a in B only (1 gained): by hand.
    #expect(
      r.stderr.contains(
        "2 nodes answered in one wave and not in the other (respondent true in one, false in the other): 'c' (answered in A only, 2 of the ties named are lost), 'd' (answered in B only, 1 of the ties named is gained)"
      ), "\(r.stderr)")
  }
}

extension OutputMeaningTests {
  /// communities said "weight: trust" and "tie weight: 1" on one line, and "directed: yes"
  /// while Louvain ran on the undirected view: the settings now say every tie counts 1 (what
  /// --weighted would read) and which view.
  @Test func communitiesSaysItsWeightAndView() {
    let r = run("communities", "municipality")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.contains("weight: none: every tie 1 (--weighted reads trust)"), "\(r.stderr)")
    #expect(!r.stderr.contains("tie weight"))
    #expect(
      r.stderr.contains(
        "view: undirected: a pair tied either way or both is one tie (networkx's modularity on the undirected graph"
      ), "\(r.stderr)")
    let w = run("communities", "municipality", "--weighted")
    #expect(w.stderr.contains("weight: trust;"), "\(w.stderr)")
    #expect(w.stderr.contains("one tie, the larger trust where both ways"), "\(w.stderr)")
  }
}

extension OutputMeaningTests {
  /// bridges printed "weight: trust" and "directed: yes", and counts ties on the undirected
  /// view: the settings now say so.
  @Test func bridgesSaysTrustIsNotRead() {
    let r = run("bridges", "municipality")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr.contains("weight: trust, not used (local bridges and their span count ties)"),
      "\(r.stderr)")
    #expect(r.stderr.contains("view: undirected: a pair tied either way or both is one tie"))
    let c = run("reciprocity", "municipality")
    #expect(
      c.stderr.contains(
        "weight: trust, not used (the dyad census counts ties; --group compares trust)"),
      "\(c.stderr)")
    let g = run("reciprocity", "municipality", "--group", "sector")
    #expect(g.stderr.contains("weight: trust;"), "\(g.stderr)")
  }
}

// MARK: Interviews and reports

extension OutputMeaningTests {
  /// A roster of three, a and b interviewed, c not (by hand): under --symmetrize min, a-b
  /// named both ways stays; a-c and b-c go, as c could not name back, and c is left without a
  /// tie. The account blamed "pairs named one way only"; it and a note now say why.
  @Test func symmetrizeMinSaysWhoCouldNotNameBack() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let noms = dir.appendingPathComponent("n.csv").path
    let roster = dir.appendingPathComponent("r.csv").path
    try "respondent,alter,rating\na,b,4\nb,a,3\na,c,5\nb,c,2\n".write(
      toFile: noms, atomically: true, encoding: .utf8)
    try "id,label,interviewed\na,A,true\nb,B,true\nc,C,false\n".write(
      toFile: roster, atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("net.graphml").path
    let r = run(
      "interviews", noms, "--roster", roster, "--scale", "1..5", "--symmetrize", "min", "-o", out)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr.contains(
        "--symmetrize min keeps a pair only when both named each other: 2 of the 2 pairs it left out are with someone not interviewed, who could not name back, and 1 of the 1 not interviewed has no tie; --non-respondents reconstruct, or --symmetrize max, keeps those ties"
      ), "\(r.stderr)")
    let account = try String(
      contentsOfFile: dir.appendingPathComponent("net.account.md").path, encoding: .utf8)
    #expect(
      account.contains(
        "- pairs named one way only, left out by the symmetrisation: 2 (2 of them with someone not interviewed, who could not name back: --non-respondents reconstruct keeps them)"
      ), "\(account)")
  }

  /// Reconstructed ties return the tie they were made from: `info` printed reciprocity 0.5
  /// (by hand: a-b named both ways, a→c reconstructed back as c→a, b→c only reported... see
  /// below) with no word that a pair is mutual by construction.
  @Test func reconstructedPairsAreSaidWhereReciprocityIsPrinted() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let noms = dir.appendingPathComponent("n.csv").path
    let roster = dir.appendingPathComponent("r.csv").path
    try "respondent,alter,rating\na,b,4\nb,a,3\na,c,5\n".write(
      toFile: noms, atomically: true, encoding: .utf8)
    try "id,label,interviewed\na,A,true\nb,B,true\nc,C,false\n".write(
      toFile: roster, atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("net.graphml").path
    let built = run(
      "interviews", noms, "--roster", roster, "--scale", "1..5", "--non-respondents",
      "reconstruct", "-o", out)
    #expect(built.status == 0, "\(built.stderr)")
    // Mutual pairs: a-b (both named) and a-c (c → a reconstructed): 1 of 2 by construction.
    for command in [["info"], ["summary", "--cug-draws", "0"]] {
      let r = BrobyggareCommandLine.run(command + [out])
      #expect(r.status == 0, "\(command): \(r.stderr)")
      #expect(
        r.stderr.contains(
          "\(out): 1 of the 2 mutual pairs are mutual by reconstruction"), "\(command): \(r.stderr)"
      )
    }
  }

  /// The report's main role named the first of equal roles: the municipality's p60 plays
  /// representative and gatekeeper equally (the counts in the report's own
  /// bridge-builders.csv), and both are named now.
  @Test func equalRolesAreAllNamed() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let report = dir.appendingPathComponent("r").path
    let r = run("report", "municipality", "--group", "sector", "-o", report)
    #expect(r.status == 0, "\(r.stderr)")
    let rows = try String(contentsOfFile: report + "/bridge-builders.csv", encoding: .utf8)
      .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    let header = rows[0].map(String.init)
    guard let id = header.firstIndex(of: "id"), let p60 = rows.first(where: { $0[id] == "p60" })
    else {
      Issue.record("no p60 in \(header)")
      return
    }
    let roles = ["coordinator", "itinerant", "representative", "gatekeeper", "liaison"]
    let counts = roles.map { Double(p60[header.firstIndex(of: "brokerage_\($0)")!]) ?? .nan }
    let best = counts.max()!
    let tied = roles.indices.filter { counts[$0] == best }.map { roles[$0] }
    #expect(tied == ["representative", "gatekeeper"], "\(counts)")
    let page = try String(contentsOfFile: report + "/index.html", encoding: .utf8)
    #expect(page.contains("representative/gatekeeper"))
  }
}

extension OutputMeaningTests {
  /// In greys the first group's fill was white, the fill of no group: groups now start at the
  /// second grey when some node has no group.
  @Test func inGreysNoGroupIsStillNoGroupsFill() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ties = try groupedNetwork(dir)
    let r = run("dot", ties, "--group", "sector", "--greyscale")
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n")
    for id in ["a", "b", "c", "d"] {
      let line = lines.first { $0.hasPrefix("  \"\(id)\" [") }
      #expect(line?.contains("#FFFFFF") == false, "\(String(describing: line))")
    }
    #expect(lines.first { $0.hasPrefix("  \"e\" [") }?.contains("#FFFFFF") == true)
  }

  /// Parallel ties were drawn at the first one's trust (2 of a–b's 2 and 9), while the notes
  /// said they merge by their largest: now 9, the top, so 0.6 + 2.4 = 3, and b–c's 3 of 9
  /// 0.6 + 2.4 · 3/9 = 1.4 (by hand).
  @Test func parallelTiesAreDrawnAsTheyMerge() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ties = dir.appendingPathComponent("p.csv").path
    try "source,target,trust\na,b,2\na,b,9\nb,c,3\n".write(
      toFile: ties, atomically: true, encoding: .utf8)
    let r = run("dot", ties, "--undirected")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("\"a\" -- \"b\" [penwidth=\"3\""), "\(r.stdout)")
    #expect(r.stdout.contains("\"b\" -- \"c\" [penwidth=\"1.4\""), "\(r.stdout)")
    #expect(r.stdout.components(separatedBy: "\"a\" -- \"b\"").count == 2)
  }

  /// Wave panels took line styles from each wave's own layers: 'trust' was dashed beside
  /// 'advice' in wave 1 and solid alone in wave 2. The union's layers now set them.
  @Test func aLayerKeepsItsStyleInEveryPanel() throws {
    guard Graphviz.executable != nil else {
      print("notice: Graphviz is not installed; panels not checked")
      return
    }
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let w1 = dir.appendingPathComponent("w1.csv").path
    let w2 = dir.appendingPathComponent("w2.csv").path
    try "source,target,layer\na,b,advice\nb,c,trust\n".write(
      toFile: w1, atomically: true, encoding: .utf8)
    try "source,target,layer\nb,c,trust\n".write(toFile: w2, atomically: true, encoding: .utf8)
    let dots = try smallMultiples(
      [w1, w2].map {
        DiagramPanel(name: $0, network: try Network(contentsOf: $0), selection: .all)
      }, style: DiagramStyle())
    for dot in dots {
      #expect(dot.contains("dashed line: trust"), "\(dot)")
    }
  }
}

extension OutputMeaningTests {
  /// A wave written 1.0 (a spreadsheet's number format) beside 1 was another wave: under
  /// --wave 1 its rows were left out as "other waves", and b, whose only row it was, counted
  /// as a respondent who named no one. Now it is the same wave, said in a note. By hand: the
  /// rows of waves 1 and 1.0 make 2 ties.
  @Test func aWaveWrittenAsAnotherNumberIsTheSameWave() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let noms = dir.appendingPathComponent("n.csv").path
    let roster = dir.appendingPathComponent("r.csv").path
    try "respondent,alter,rating,wave\na,b,4,1\nb,a,3,1.0\na,c,2,2\n".write(
      toFile: noms, atomically: true, encoding: .utf8)
    try "id,label\na,A\nb,B\nc,C\n".write(toFile: roster, atomically: true, encoding: .utf8)
    let r = run(
      "interviews", noms, "--roster", roster, "--scale", "1..5", "--wave", "1", "-o",
      dir.appendingPathComponent("net.graphml").path)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr.contains(
        "the wave '1.0' is the number of the wave chosen, '1', written otherwise: 1 row read as that wave"
      ), "\(r.stderr)")
    #expect(r.stderr.contains("2 ties from 2 reports"), "\(r.stderr)")
  }
}

extension OutputMeaningTests {
  /// egos said "strength: ego_trust" and its help "the tie's trust", while ego_trust is the
  /// larger of the two directions (an alter's trust in ego counts): the help and the settings
  /// say so.
  @Test func egoTrustSaysItReadsBothDirections() {
    let r = run("egos", "municipality", "--ego-networks", "--measures", "size,mean_strength")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr.contains(
        "strength: ego_trust (the trust of each alter's tie with ego along the neighbourhood's ties: either way, the larger where both, with --neighbourhood either; ego's tie to the alter with out; the alter's tie to ego with in)"
      ), "\(r.stderr)")
  }
}
