import Foundation
import Testing

import Brobyggare
@testable import BrobyggareCommands

/// Found by probes of the group measures and of the README read as a new user: organisations
/// counted as members of the groups of a network of people, a sector spelled two ways making
/// boundary spanners without a word, a group that leaves whole missing from what is cut off,
/// notes that contradict each other or the output, and a totals line that names the wrong
/// unit. Each test failed on the behaviour before the fix.
@Suite("Groups say what they count")
struct GroupsProbeTests {
  /// People p1-p4 tied in 'trust', organisations o1-o3 only in the affiliation layer
  /// 'member', which is left out: the organisations were isolates of the network analysed and
  /// still members of its groups (Police of size 4, density 1/12; brokerage z-scores from 7
  /// nodes).
  static let ties =
    "source,target,layer\np1,p2,trust\np2,p3,trust\np3,p4,trust\np4,p1,trust\np1,p3,trust\np1,o1,member\np2,o2,member\np3,o3,member\np4,o3,member\n"
  static let nodes =
    "id,kind,sector\np1,person,Police\np2,person,Police\np3,person,School\np4,person,School\no1,organisation,Police\no2,organisation,Police\no3,organisation,School\n"

  @Test func organisationsOutsideTheLayersAnalysedAreNotInTheGroups() throws {
    let dir = try temporaryDirectory()
    let net = try tables(dir, "m", ties: Self.ties, nodes: Self.nodes)
    let b = run("brokers", net, "--group", "sector")
    #expect(b.status == 0, "\(b.stderr)")
    #expect(
      b.stderr.contains(
        "3 organisations (kind organisation, the first: 'o1') are tied only in the affiliation layers left out"
      ), "\(b.stderr)")
    // R sna 2.7.1, brokerage() on the four people alone (cl = 1 1 2 2): p1's itinerant (w_O)
    // z 1.869086787691938, p3's gatekeeper (b_OI) z 3.915367986218354.
    let rows = b.stdout.split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false)
    }
    let header = rows[0]
    func value(_ id: String, _ column: String) -> Double? {
      guard let r = rows.first(where: { $0.first == Substring(id) }),
        let k = header.firstIndex(of: Substring(column))
      else { return nil }
      return Double(r[k])
    }
    #expect(abs(value("p1", "itinerant_z")! - 1.869086787691938) < 1e-12)
    #expect(abs(value("p3", "gatekeeper_z")! - 3.915367986218354) < 1e-12)
    #expect(!b.stdout.contains("\no1,"))
    // groups: Police has the 2 people, one tie p1 -> p2 of 2 ordered pairs (by hand).
    let g = run("groups", net, "--group", "sector", "--permutations", "0")
    #expect(g.stdout.contains("\nPolice,Police,2,2,1,0.5,"), "\(g.stdout)")
    // With every layer the organisations are in the network, and in their groups.
    let all = run("groups", net, "--group", "sector", "--permutations", "0", "--layer", "all")
    #expect(all.stdout.contains("\nPolice,Police,4,4,"), "\(all.stdout)")
    #expect(!all.stderr.contains("are tied only in the affiliation layers left out"))
  }

  /// Organisations' sectors 'Police', 'police' and ' Police': each person was a boundary
  /// spanner by the spelling alone, and spanners said nothing of it (the group commands did).
  @Test func spannersSayASectorSpelledTwoWays() throws {
    let dir = try temporaryDirectory()
    let net = try tables(
      dir, "s",
      ties: "source,target,layer\np1,o1,member\np1,o2,member\np2,o2,member\np2,o3,member\n",
      nodes:
        "id,kind,sector\np1,person,\np2,person,\no1,organisation,Police\no2,organisation,police\no3,organisation, Police\n"
    )
    let r = run("spanners", net)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr.contains(
        "the groups 'Police', 'police' of 'sector' differ only in case, spacing, punctuation, diacritics or how a number is written; they are kept apart"
      ), "\(r.stderr)")
    #expect(r.stderr.contains("1 value of 'sector' had spaces, tabs or line breaks around it"))
  }

  /// Removing c, the only member of S, cuts a-b (P) from d (T): the pair P -- T loses contact,
  /// and S has no one left, so it was in no pair and not said at all.
  @Test func aGroupThatLeavesWholeIsSaid() throws {
    let dir = try temporaryDirectory()
    let net = try tables(
      dir, "w", ties: "source,target\na,b\nb,c\nc,d\nx,y\n",
      nodes: "id,sector\na,P\nb,P\nc,S\nd,T\nx,U\ny,U\nz,V\n")
    let r = run("whatif", net, "--undirected", "--remove", "c", "--group", "sector")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("group pairs that lose all contact: P -- T\n"), "\(r.stdout)")
    #expect(
      r.stdout.contains("groups everyone of whom leaves (no contact with any group after): S\n"))
    let kept = run("whatif", net, "--undirected", "--remove", "b", "--group", "sector")
    #expect(!kept.stdout.contains("everyone of whom leaves"), "\(kept.stdout)")
  }

  /// Eight nodes of eight ages: E-I 1 for every tie, with no word, where twelve nodes got the
  /// note 'most nodes are a group of their own'.
  @Test func aGroupPerNodeIsSaidAtAnySize() throws {
    let dir = try temporaryDirectory()
    let net = try tables(
      dir, "c", ties: "source,target\na,b\nb,c\nc,d\nd,e\ne,f\nf,g\ng,h\n",
      nodes: "id,age\na,20\nb,21\nc,22\nd,23\ne,24\nf,25\ng,26\nh,27\n")
    let r = run("groups", net, "--group", "age", "--permutations", "0")
    #expect(
      r.stderr.contains(
        "'age' has 8 groups for 8 nodes: every node is a group of its own, so nearly every tie crosses a boundary"
      ), "\(r.stderr)")
    // Groups of two and three are no such case.
    let paired = try tables(
      dir, "p", ties: "source,target\na,b\nb,c\nc,d\n", nodes: "id,g\na,x\nb,x\nc,y\nd,y\n")
    #expect(!run("groups", paired, "--group", "g").stderr.contains("a group of its own"))
  }

  /// communities --group said both that the nodes without a value are left out of the group
  /// measures and that they form a module; with no value at all, every node was
  /// 'ultra-peripheral' in one made-up module.
  @Test func communitiesSayOnceWhatNodesWithoutAGroupBecome() throws {
    let dir = try temporaryDirectory()
    let chain = "source,target\na,b\nb,c\nc,d\n"
    let one = try tables(dir, "one", ties: chain, nodes: "id,g\na,x\nb,\nc,y\nd,y\n")
    let r = run("communities", one, "--group", "g", "--undirected")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr.contains(
        "1 of 4 nodes has no value for 'g': it is a module of its own, '(no group)', for modularity and participation"
      ), "\(r.stderr)")
    #expect(!r.stderr.contains("left out of the group measures"))
    let none = try tables(dir, "none", ties: chain, nodes: "id,g\na,\nb,\nc,\nd,\n")
    let n = run("communities", none, "--group", "g", "--undirected")
    #expect(n.status == 64)
    #expect(
      n.stderr.contains(
        "No node has a value for 'g', so there are no groups to take as modules; leave out --group to find communities"
      ), "\(n.stderr)")
  }

  /// With 1/k credit each brokered pair counts 1 in all, so the total counts pairs: it was
  /// called '191 open two-paths' where the run without the option gave 500.
  @Test func thePartialCreditTotalCountsBrokeredPairs() throws {
    let plain = run("brokers", "krackhardt", "--layer", "advice", "--group", "department")
    let shared = run(
      "brokers", "krackhardt", "--layer", "advice", "--group", "department", "--partial-credit")
    #expect(
      plain.stderr.contains("network total: 500 open two-paths;"), "\(plain.stderr)")
    #expect(
      shared.stderr.contains(
        "network total: 191 brokered pairs (each pair's credit of 1 shared among its brokers);"),
      "\(shared.stderr)")
  }

  /// An ego without alters in the layer (Pucci in Padgett's marriages) has no E-I; the note
  /// said its alters all count as another group (ei_ego_alter 1).
  @Test func anEgoWithoutAltersIsNotSaidToHaveAnEI() {
    let r = run("egos", "padgett", "--ego-networks", "--layer", "marriage", "--group", "wealth")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(!r.stderr.contains("that no alter has"), "\(r.stderr)")
  }

  /// `convert padgett padgett.csv` in a folder without a padgett.nodes.csv was refused as
  /// overwriting 'the input file padgett.nodes.csv': the dataset's name was taken for a CSV
  /// file in this folder.
  @Test func aDatasetConvertsToACSVOfItsNameHere() throws {
    guard let binary = builtBinary() else {
      print("skipped: no built brobyggare binary")
      return
    }
    let dir = try temporaryDirectory()
    let r = try runTool(binary, ["convert", "padgett", "padgett.csv"], currentDirectory: dir)
    #expect(r.status == 0, "\(r.err)")
    #expect(
      FileManager.default.fileExists(atPath: dir.appendingPathComponent("padgett.nodes.csv").path))
    // A CSV's own node table is still never overwritten.
    let again = try runTool(
      binary, ["convert", "padgett.csv", "padgett.csv", "--input-format", "csv"],
      currentDirectory: dir)
    #expect(again.status == 64, "\(again.err)")
  }

  /// `dot --group` coloured 'Police' and 'police' apart and drew a node without a value as
  /// '(no group)' without a word, where the group commands said both.
  @Test func drawingsSayWhatMadeTheirColours() throws {
    let dir = try temporaryDirectory()
    let net = try tables(
      dir, "d", ties: "source,target\na,b\nb,c\nc,d\n",
      nodes: "id,sector\na,Police\nb,police\nc, Police\nd,\n")
    let r = run("dot", net, "--group", "sector")
    #expect(r.status == 0, "\(r.stderr)")
    for expected in [
      "the groups 'Police', 'police' of 'sector' differ only in case",
      "1 of 4 nodes has no value for 'sector': it is drawn white with a dashed outline, as '(no group)' in the legend",
      "1 value of 'sector' had spaces, tabs or line breaks around it",
    ] {
      #expect(r.stderr.contains(expected), "\(expected): \(r.stderr)")
    }
  }

  /// Found by a probe of what saved files record: a Markdown file held the table alone (the
  /// settings went to the terminal), brokers' settings named a trust and merge rule that
  /// counting two-paths never reads, whatif said the silent named no one when the file held
  /// their ties out, and path said nothing of them at all.
  @Test func savedFilesAndNotesSayWhatWasDone() throws {
    let dir = try temporaryDirectory()
    let net = try tables(
      dir, "n", ties: "source,target,trust\na,b,0.5\nb,c,0.9\nc,a,0.4\nc,d,0.7\n",
      nodes: "id,respondent,g\na,true,x\nb,true,x\nc,false,y\nd,false,y\n")
    let md = dir.appendingPathComponent("m.md").path
    #expect(run("metrics", net, "--measures", "degree", "-o", md).status == 0)
    let text = try String(contentsOfFile: md, encoding: .utf8)
    #expect(
      text.hasPrefix("Settings: network: \(net); nodes: 4; directed: yes; layers: all"), "\(text)")
    let b = run("brokers", net, "--group", "g", "--merge", "min")
    #expect(
      b.stderr.contains(
        "weight: trust, not used (two-paths are counted; --trust-weighted reads the trust)"),
      "\(b.stderr)")
    // c named a (c -> a) and d named no one: one of the two silent has no tie out.
    let w = run("whatif", net, "--remove", "b")
    #expect(
      w.stderr.contains(
        "1 of them has no tie out, so no path leads out of that one"), "\(w.stderr)")
    // metrics recorded a distance and a trust that the measures asked for never read.
    let degree = run("metrics", net, "--measures", "degree", "--distance", "reciprocal")
    #expect(
      degree.stderr.contains(
        "weight: trust, not used (no measure asked for reads it); merge: max; distance: reciprocal, not used (no path measure asked for)"
      ), "\(degree.stderr)")
    let path = run("path", net, "a", "d")
    #expect(
      path.stderr.contains("2 of 4 nodes did not answer (respondent = false)"), "\(path.stderr)")
  }

  /// Found by a probe of the cluster workflow: a shard ran to the end and then found its
  /// output folder missing (hours lost per task on a cluster), and merge's workbook named its
  /// sheet 'merge' where the single run's says 'metrics', so the bytes differed.
  @Test func shardsCheckTheirFolderFirstAndMergeWritesTheSingleRunsWorkbook() throws {
    let dir = try temporaryDirectory()
    let missing = run(
      "metrics", "lazega", "--measures", "betweenness", "--shard", "0/1", "-o",
      dir.appendingPathComponent("nodir/part-0.bbs").path)
    #expect(missing.status == 1)
    #expect(
      missing.stderr.contains(
        "cannot write \(dir.appendingPathComponent("nodir/part-0.bbs").path): the folder"),
      "\(missing.stderr)")
    let parts = (0..<2).map { dir.appendingPathComponent("p\($0).bbs").path }
    for (i, part) in parts.enumerated() {
      let r = run("metrics", "lazega", "--measures", "betweenness", "--shard", "\(i)/2", "-o", part)
      #expect(r.status == 0, "\(r.stderr)")
    }
    let single = dir.appendingPathComponent("single.xlsx").path
    let merged = dir.appendingPathComponent("merged.xlsx").path
    #expect(run("metrics", "lazega", "--measures", "betweenness", "-o", single).status == 0)
    let m = run("merge", parts[0], parts[1], "-o", merged)
    #expect(m.status == 0, "\(m.stderr)")
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: merged))
        == Data(contentsOf: URL(fileURLWithPath: single)))
    // A packed network's settings are those it was packed with, in every command (bridges,
    // communities and reciprocity said 'layers: all; weight: trust').
    let net = try tables(
      dir, "tc", ties: "source,target,strength,layer\na,b,2,friend\nb,c,3,friend\nc,a,1,work\n")
    let packed = dir.appendingPathComponent("tc.bbn").path
    let pk = run(
      "pack", net, "--trust-column", "strength", "--layer", "friend", "--undirected", "-o", packed)
    #expect(pk.status == 0, "\(pk.stderr)")
    for command in ["bridges", "communities", "reciprocity", "metrics"] {
      let r = run(command, packed)
      #expect(r.stderr.contains("layers: friend; weight: strength"), "\(command): \(r.stderr)")
    }
    // A flipped byte in a part's header (its network hash) is damage, not "another network";
    // an empty part is said to be empty.
    var bytes = try Data(contentsOf: URL(fileURLWithPath: parts[1]))
    bytes[16] ^= 0x01
    let flipped = dir.appendingPathComponent("flipped.bbs").path
    try bytes.write(to: URL(fileURLWithPath: flipped))
    let damaged = run("merge", parts[0], flipped, "-o", dir.appendingPathComponent("d.csv").path)
    #expect(damaged.status == 1)
    #expect(
      damaged.stderr.contains("\(flipped):1:1: error: this shard part is damaged"),
      "\(damaged.stderr)")
    let empty = dir.appendingPathComponent("empty.bbs").path
    try Data().write(to: URL(fileURLWithPath: empty))
    let e = run("merge", parts[0], empty, "-o", dir.appendingPathComponent("e.csv").path)
    #expect(
      e.stderr.contains("\(empty):1:1: error: the file is empty; expected a shard part"),
      "\(e.stderr)")
    // Groups asked of a packed network: the reason, not only the attributes there are.
    let g = run("metrics", packed, "--group", "team")
    #expect(g.status == 64)
    #expect(g.stderr.contains("a packed network (.bbn) holds the node ids and labels alone"))
    // merge -o result.pdf wrote CSV into it.
    let pdf = run("merge", parts[0], parts[1], "-o", dir.appendingPathComponent("r.pdf").path)
    #expect(
      pdf.status == 64 && pdf.stderr.contains("names a .pdf file, and this command writes a table"))
  }

  /// A projection's file said neither its weight rule nor its side, and its weights are read
  /// as the trust by every command: the network now records them (GraphML's graph data).
  @Test func aProjectionRecordsHowItWasMade() throws {
    let dir = try temporaryDirectory()
    let out = dir.appendingPathComponent("p.graphml").path
    let r = run("project", "davis", out, "--weight", "newman", "--onto", "people")
    #expect(r.status == 0, "\(r.stderr)")
    let back = try Network(contentsOf: out)
    #expect(back.attributes["projection_weight"] == .string("newman"))
    #expect(back.attributes["projection_onto"] == .string("people"))
    #expect(back.attributes["projection_of"] == .string("davis"))
  }

  /// A pair tied in two layers with a different trust in each was said of wave A only.
  @Test func compareSaysTrustAcrossLayersOfBothWaves() throws {
    let dir = try temporaryDirectory()
    let a = try tables(dir, "a", ties: "source,target,layer,trust\na,b,work,1\nb,c,trust,0.5\n")
    let b = try tables(
      dir, "b", ties: "source,target,layer,trust\na,b,work,1\na,b,trust,0.2\nb,c,trust,0.5\n")
    let r = run("compare", a, b)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr.contains("\(b): 1 pair is tied in more than one of the layers"), "\(r.stderr)")
  }
}
