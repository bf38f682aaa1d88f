import Brobyggare
import Foundation
import Testing

@testable import BrobyggareCommands

/// What a new user found, each as it was found: a lost file, a number quietly other than the
/// researcher meant, or a choice not said. Each test failed before its fix.
@Suite("Found by a new user")
struct NewUserFindingsTests {
  /// `report -o .` removed the researcher's own robustness.csv (here its input) as "left by an
  /// earlier report". Only files an earlier report of this program says it wrote may go.
  @Test func reportRemovesOnlyItsOwnEarlierFiles() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let data = packageRoot.appendingPathComponent("Datasets/padgett")
    let ties = dir.appendingPathComponent("robustness.csv").path
    try FileManager.default.copyItem(
      atPath: data.appendingPathComponent("padgett.csv").path, toPath: ties)
    try FileManager.default.copyItem(
      atPath: data.appendingPathComponent("padgett.nodes.csv").path,
      toPath: dir.appendingPathComponent("robustness.nodes.csv").path)
    let r = run("report", ties, "--group", "wealth", "--layer", "marriage", "-o", dir.path)
    #expect(r.status == 0)
    #expect(FileManager.default.fileExists(atPath: ties))
    #expect(!r.stderr.contains("removed"))
  }

  /// `-o` through a symbolic link writes the file it points to, and `-o` on a device writes to
  /// the device: neither is replaced by a regular file.
  @Test func outputThroughLinksAndDevices() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let target = dir.appendingPathComponent("run1.csv").path
    let link = dir.appendingPathComponent("latest.csv").path
    try "old\n".write(toFile: target, atomically: true, encoding: .utf8)
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
    #expect(run("metrics", padgett, "--measures", "degree", "-o", link).status == 0)
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
    #expect(try String(contentsOfFile: target, encoding: .utf8).hasPrefix("id,label,degree\n"))
    #expect(run("metrics", padgett, "--measures", "degree", "-o", "/dev/null").status == 0)
    var st = stat()
    #expect(stat("/dev/null", &st) == 0 && (st.st_mode & S_IFMT) == S_IFCHR)
  }

  /// A tie without a trust counts as trust 1: said when other ties have one.
  @Test func tiesWithoutTrustAreSaid() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ties = dir.appendingPathComponent("g.csv").path
    try "source,target,trust\na,b,0.5\nb,c,\nc,a,0.25\n".write(
      toFile: ties, atomically: true, encoding: .utf8)
    let r = run("metrics", ties, "--measures", "strength")
    #expect(
      r.stderr.contains("\(ties): 1 of 3 ties analysed has no trust value and counts as trust 1"))
    // And a table that does not say its direction says that it is read as directed.
    #expect(r.stderr.contains("read as directed, since the file does not say"))
    // compare says it of each wave, naming the wave.
    let other = dir.appendingPathComponent("h.csv").path
    try "source,target,trust\na,b,0.5\nb,c,\nc,a,\n".write(
      toFile: other, atomically: true, encoding: .utf8)
    let c = run("compare", ties, other)
    #expect(c.status == 0)
    #expect(c.stderr.contains("\(ties): 1 of 3 ties analysed has no trust value"))
    #expect(c.stderr.contains("\(other): 2 of 3 ties analysed have no trust value and count as"))
  }

  /// Above 1, trust 1 is not the top of the scale: the note says how high the others go.
  @Test func tiesWithoutTrustSayTheScale() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ties = dir.appendingPathComponent("g.csv").path
    try "source,target,trust\na,b,3\nb,c,\nc,a,2\n".write(
      toFile: ties, atomically: true, encoding: .utf8)
    let r = run("metrics", ties, "--measures", "strength")
    #expect(r.status == 0)
    #expect(r.stderr.contains("counts as trust 1 (the others' trust goes up to 3)"))
    #expect(!r.stderr.contains("the top of the scale"))
  }

  /// A weight under another name than trust or weight (d3's `value`, a count) is not read
  /// unless named with --weight: said, where `weight: none (every tie 1)` alone gave no hint.
  @Test func numericTieAttributesNotReadAsTrustAreSaid() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ties = dir.appendingPathComponent("g.csv").path
    try "source,target,count,note\na,b,3,x\nb,c,1,y\n".write(
      toFile: ties, atomically: true, encoding: .utf8)
    let r = run("metrics", ties, "--measures", "strength")
    #expect(r.status == 0)
    #expect(
      r.stderr.contains(
        "\(ties): no tie has a trust (a column or key named trust or weight), so every tie counts 1; the numeric tie attribute 'count' is not read as trust (--weight count reads it)"
      ))
    let named = run("metrics", ties, "--measures", "strength", "--weight", "count")
    #expect(named.status == 0)
    #expect(!named.stderr.contains("no tie has a trust"))
  }

  /// --undirected is for files that may not say their direction: on a GraphML file that says
  /// directed it was passed over without a word.
  @Test func undirectedPassedOverIsSaid() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("g.graphml").path
    try """
    <?xml version="1.0" encoding="UTF-8"?>
    <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
      <graph edgedefault="directed">
        <node id="a"/><node id="b"/><node id="c"/>
        <edge source="a" target="b"/><edge source="b" target="c"/>
      </graph>
    </graphml>
    """.write(toFile: file, atomically: true, encoding: .utf8)
    let r = run("metrics", file, "--undirected", "--measures", "degree")
    #expect(r.status == 0)
    #expect(
      r.stderr.contains(
        "\(file): the file says its ties are directed, and they are read so: --undirected is for CSV tables"
      ))
    #expect(!run("metrics", file, "--measures", "degree").stderr.contains("--undirected is for"))
  }

  /// Converting a study with affiliation layers to DL or Pajek loses what marks them, and so
  /// changes what analyses of people read: said (a round trip through DL changed degrees).
  @Test func affiliationLayersLostInConvertAreSaid() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    for ext in ["dl", "net"] {
      let out = dir.appendingPathComponent("m.\(ext)").path
      let r = run("convert", "municipality", out)
      #expect(r.status == 0)
      #expect(
        r.stderr.contains(
          "the affiliation layers 'member of', 'works at' are known here by the network attribute 'affiliation_layers', which \(ext == "dl" ? "DL" : "Pajek") has no place for"
        ), "\(ext)")
    }
  }

  /// networkx's read_gml(path) fails on the GML written here (no 'label'), or names the nodes
  /// by their labels: convert says how networkx reads the ids.
  @Test func gmlSaysHowNetworkxReadsIt() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let text = dir.appendingPathComponent("t.csv").path
    try "source,target\nA,B\nB,C\n".write(toFile: text, atomically: true, encoding: .utf8)
    let numbers = dir.appendingPathComponent("n.csv").path
    try "source,target\n1,2\n2,3\n".write(toFile: numbers, atomically: true, encoding: .utf8)
    for (input, key) in [(text, "name"), (numbers, "id")] {
      let out = input + ".gml"
      let r = run("convert", input, out)
      #expect(r.status == 0)
      #expect(
        r.stderr.contains(
          "\(out): networkx names GML nodes by their 'label' unless told: read_gml(path, label=\"\(key)\") names them by these ids"
        ), "\(key)")
    }
  }

  /// negativeLog takes trust in (0, 1], and below 1 where shortest paths are counted: the
  /// first message said (0, 1] alone, and trust 1 was then refused.
  @Test func negativeLogSaysBothBounds() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ties = dir.appendingPathComponent("g.csv").path
    try "source,target,trust\na,b,3\nb,c,0.5\n".write(
      toFile: ties, atomically: true, encoding: .utf8)
    let r = run("metrics", ties, "--distance", "negativeLog", "--measures", "betweenness")
    #expect(r.status != 0)
    #expect(
      r.stderr.contains(
        "a trust in (0, 1] (and below 1 for measures that count shortest paths, where trust 1 is length 0)"
      ))
  }

  /// Ids and layers that differ only in case or spaces stay apart, and a note lists them:
  /// `"Carl "` (quoted, so not trimmed), `Carl` and `bo`, `Bo` were four people without a
  /// word, and `--layer advice` read one of three advice ties.
  @Test func idsAndLayersAlikeAreSaid() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ties = dir.appendingPathComponent("g.csv").path
    try
      "source,target,layer\n\"Carl \",Dan,advice\nCarl,Eve,Advice\nBo,Dan,\"advice \"\nbo,Eve,friend\n"
      .write(toFile: ties, atomically: true, encoding: .utf8)
    let r = run("info", ties)
    #expect(r.status == 0)
    #expect(r.stdout.contains("nodes: 6"))
    #expect(
      r.stderr.contains(
        "\(ties): 2 sets of ids differ only in case or spaces, and are separate nodes: 'Carl', 'Carl '; 'Bo', 'bo'"
      ))
    #expect(
      r.stderr.contains(
        "\(ties): these layers differ only in case or spaces, and are separate layers: 'Advice', 'advice', 'advice '"
      ))
    // Ids alike in one file only are not said of another.
    let plain = dir.appendingPathComponent("h.csv").path
    try "source,target\nB,C\nA,C\n".write(toFile: plain, atomically: true, encoding: .utf8)
    #expect(!run("info", plain).stderr.contains("differ only in case"))
    // Across waves: B in one and b in the other are compared as two people, which is said.
    let other = dir.appendingPathComponent("w2.csv").path
    try "source,target\nb,C\nA,C\n".write(toFile: other, atomically: true, encoding: .utf8)
    let c = run("compare", plain, other, "--undirected")
    #expect(c.status == 0)
    #expect(
      c.stderr.contains(
        "an id of A differs from an id of B only in case or spaces, and is compared as another node: 'B' and 'b'"
      ))
  }

  /// The note on decimal commas quotes the file's own first one, with its line and the number
  /// read (it quoted a fixed '1,33').
  @Test func decimalCommaNoteQuotesTheFile() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ties = dir.appendingPathComponent("g.csv").path
    try "source,target,trust\nA,B,1\nB,C,\"2,75\"\nC,D,\"0,5\"\n".write(
      toFile: ties, atomically: true, encoding: .utf8)
    let r = run("metrics", ties, "--measures", "strength")
    #expect(r.status == 0)
    #expect(
      r.stderr.contains(
        "2 trust values were written with a decimal comma, as spreadsheets and Gephi write them in some locales, and read as decimal numbers (the first: '2,75' on line 3 as 2.75)"
      ))
    #expect(!r.stderr.contains("1,33"))
    // With ';' between fields, a point and a comma in one trust column are both read as
    // decimal marks, which is said: in some locales 1.000 is a thousand.
    let semi = dir.appendingPathComponent("s.csv").path
    try "source;target;trust\nA;B;1.000\nB;C;2,5\nC;D;2\n".write(
      toFile: semi, atomically: true, encoding: .utf8)
    let s = run("metrics", semi, "--measures", "strength")
    #expect(s.status == 0)
    #expect(
      s.stderr.contains(
        "the trust is written with a decimal point ('1.000' on line 2) and with a decimal comma ('2,5' on line 3): both are read as decimal marks, so '1.000' is 1; where a point groups thousands, correct the file"
      ))
    let plain = dir.appendingPathComponent("p.csv").path
    try "source;target;trust\nA;B;1,5\nB;C;2,5\n".write(
      toFile: plain, atomically: true, encoding: .utf8)
    #expect(!run("metrics", plain, "--measures", "strength").stderr.contains("decimal point"))
  }

  /// A file that is missing or a folder has no line to point at: the message names the file
  /// alone.
  @Test func missingFileNamesNoLine() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let missing = dir.appendingPathComponent("no-such.graphml").path
    let r = run("info", missing)
    #expect(r.status != 0)
    #expect(r.stderr.contains("\(missing): error: no such file"))
    let folder = dir.appendingPathComponent("wave.csv").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let f = run("info", folder)
    #expect(f.status != 0)
    #expect(f.stderr.contains("\(folder): error: this is a folder"))
  }

  /// `spanners` and `project` read the affiliation layers, not collaboration nominations of
  /// organisations: by default the same as naming the two affiliation layers.
  @Test func twoModeCommandsReadTheAffiliationLayers() {
    let byDefault = run("spanners", "municipality", "--spanners-only")
    let named = run("spanners", "municipality", "--spanners-only", "--layer", "works at,member of")
    #expect(byDefault.status == 0)
    #expect(byDefault.stdout == named.stdout)
    #expect(byDefault.stderr.contains("read the affiliation layers 'member of', 'works at' only"))
    #expect(
      byDefault.stdout
        != run("spanners", "municipality", "--spanners-only", "--layer", "all").stdout)
  }

  /// A trust column with a name of its own (`tillit`) stays the trust through GraphML, DOT and
  /// CSV: it is written as `trust`, and convert says so.
  @Test func aTrustOfItsOwnNameSurvivesWriting() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ties = dir.appendingPathComponent("s.csv").path
    try "källa;mål;tillit\nÅsa;Björn;0,8\nBjörn;Cecilia;0,25\n".write(
      toFile: ties, atomically: true, encoding: .utf8)
    let base = ["--source-column", "källa", "--target-column", "mål", "--trust-column", "tillit"]
    let original = BrobyggareCommandLine.run(["metrics", ties, "--measures", "strength"] + base)
    for ext in ["graphml", "dot", "csv", "json", "gexf"] {
      let out = dir.appendingPathComponent("s2.\(ext)").path
      let c = BrobyggareCommandLine.run(["convert", ties, out] + base)
      #expect(c.status == 0, "\(ext)")
      // GEXF writes the trust as its own `weight`; the formats that name the column say so.
      #expect(
        c.stderr.contains("the trust's own name 'tillit' (written as 'trust'") == (ext != "gexf"),
        "\(ext)")
      #expect(run("metrics", out, "--measures", "strength").stdout == original.stdout, "\(ext)")
    }
  }

  /// `NA` and its kin in a group column are no group, said in a note.
  @Test func missingValueSpellingsAreNoGroup() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ties = dir.appendingPathComponent("g.csv").path
    try "source,target\na,b\nb,c\nc,a\n".write(toFile: ties, atomically: true, encoding: .utf8)
    try "id,sector\na,x\nb,NA\nc,y\n".write(
      toFile: dir.appendingPathComponent("g.nodes.csv").path, atomically: true, encoding: .utf8)
    let r = run("brokers", ties, "--group", "sector", "--counts-only")
    #expect(r.stderr.contains("the values 'NA' of 'sector' are read as missing"))
    #expect(!r.stdout.contains("\nb,"))
  }

  /// `convert` of a spreadsheet's one tie of trust 4 said "2 nodes, 1 ties" and wrote the
  /// trust to JSON as 4.0, a double to networkx: now "1 tie", and 4.
  @Test func oneTieOfIntegerTrust() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ties = dir.appendingPathComponent("g.csv").path
    try "source,target,trust\na,b,4\n".write(toFile: ties, atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("g.json").path
    let r = run("convert", ties, out)
    #expect(r.status == 0)
    #expect(r.stderr.contains("wrote \(out): 2 nodes, 1 tie\n"))
    #expect(try String(contentsOfFile: out, encoding: .utf8).contains("\"trust\": 4}"))
  }

  /// `convert` of a network without ties to an edge list wrote an empty file and exited 0;
  /// `info` on it then said "the file is empty". Refused, and nothing written.
  @Test func anEdgeListWithoutTiesIsNotWritten() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let graph = dir.appendingPathComponent("g.graphml").path
    try """
    <?xml version="1.0" encoding="UTF-8"?>
    <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
      <graph edgedefault="undirected"><node id="a"/><node id="b"/></graph>
    </graphml>
    """.write(toFile: graph, atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("g.edgelist").path
    let r = run("convert", graph, out)
    #expect(r.status != 0)
    #expect(r.stderr.contains("the file would be empty"))
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  /// `metrics --group G --measures degree` echoed `group: G` in its settings though no measure
  /// used the groups (and never read them). Now a note says so, and the settings leave it out.
  @Test func aGroupThatNoMeasureUsesIsSaid() {
    let r = run("metrics", padgett, "--group", "wealth", "--measures", "degree")
    #expect(r.status == 0)
    // The settings are the CSV's comment line, on standard error.
    #expect(!(r.stdout + r.stderr).contains("group: wealth"))
    #expect(r.stderr.contains("--group wealth: none of the measures asked for uses groups"))
    let used = run("metrics", padgett, "--group", "wealth", "--measures", "degree,ei_index")
    #expect(used.status == 0)
    #expect(used.stderr.contains("; group: wealth"))
    #expect(!used.stderr.contains("none of the measures"))
  }

  /// `convert IN -o OUT` (and `project`) was refused as an unknown option, though every other
  /// command that writes a file takes -o.
  @Test func convertAndProjectTakeDashO() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("p.json").path
    let r = run("convert", padgett, "-o", out)
    #expect(r.status == 0)
    #expect(FileManager.default.fileExists(atPath: out))
    let two = run("convert", padgett, out, "-o", dir.appendingPathComponent("q.json").path)
    #expect(two.status == 64)
    #expect(two.stderr.contains("Two files to write"))
    let none = run("convert", padgett)
    #expect(none.status == 64)
    #expect(none.stderr.contains("Missing expected argument '<out>' (or -o <file>)"))
    let ties = dir.appendingPathComponent("a.csv").path
    try "source,target,layer\nann,club,member\nbo,club,member\n".write(
      toFile: ties, atomically: true, encoding: .utf8)
    let nodes = dir.appendingPathComponent("a.nodes.csv").path
    try "id,kind\nann,person\nbo,person\nclub,organisation\n".write(
      toFile: nodes, atomically: true, encoding: .utf8)
    let projected = dir.appendingPathComponent("people.json").path
    let p = run("project", ties, "--undirected", "-o", projected)
    #expect(p.status == 0)
    #expect(try String(contentsOfFile: projected, encoding: .utf8).contains("\"shared\": 1"))
  }

  /// A packed network converted back wrote `weight 1.0` on every tie of a network that had no
  /// trust, and `2.0` for a trust read as the integer 2.
  @Test func packedTrustComesBackAsItWasRead() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    for (name, table, expected) in [
      ("none", "source,target\na,b\nb,c\n", nil),
      ("whole", "source,target,trust\na,b,2\nb,c,3\n", "attr.type=\"long\""),
      ("half", "source,target,trust\na,b,2.5\nb,c,3\n", "attr.type=\"double\""),
    ] as [(String, String, String?)] {
      let csv = dir.appendingPathComponent("\(name).csv").path
      try table.write(toFile: csv, atomically: true, encoding: .utf8)
      let bbn = dir.appendingPathComponent("\(name).bbn").path
      #expect(run("pack", csv, "-o", bbn).status == 0)
      let graphml = dir.appendingPathComponent("\(name).graphml").path
      #expect(run("convert", bbn, graphml).status == 0)
      let text = try String(contentsOfFile: graphml, encoding: .utf8)
      if let expected {
        #expect(text.contains(expected))
      } else {
        #expect(!text.contains("<data"))
      }
    }
  }

  /// `compare` of two waves whose layers differ only in case ('Trust', 'trust'), and whose
  /// trust is on 1-5 in one and 0-1 in the other, said "3 ties lost, 3 gained" and, per tie,
  /// "down" everywhere, with no note; ids that match no id of the other wave (r1 against Ann),
  /// every node lost and gained, in silence too.
  @Test func comparingWavesSaysWhatDoesNotMatch() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    func file(_ name: String, _ text: String) throws -> String {
      let path = dir.appendingPathComponent(name).path
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      return path
    }
    let one = try file("w1.csv", "source,target,trust,layer\nAnn,Bo,5,Trust\nBo,Cy,4,Trust\n")
    let two = try file("w2.csv", "source,target,trust,layer\nAnn,Bo,0.9,trust\nBo,Cy,0.8,trust\n")
    let r = run("compare", one, two)
    #expect(r.status == 0)
    #expect(
      r.stderr.contains(
        "the waves' layers differ: A's ties in 'Trust' count as lost and B's in 'trust' as gained, even where the same two are tied in both waves ('Trust' and 'trust' differ only in case or spaces)"
      ))
    #expect(r.stderr.contains("A's trust runs from 4 to 5 and B's from 0.8 to 0.9"))
    #expect(r.stderr.contains("measure: betweenness (distance: hops; trust is not a length here)"))
    // Same layers, one scale: neither note.
    let three = try file("w3.csv", "source,target,trust,layer\nAnn,Bo,4,Trust\nBo,Cy,2,Trust\n")
    let same = run("compare", one, three)
    #expect(same.status == 0)
    #expect(!same.stderr.contains("layers differ") && !same.stderr.contains("trust runs from"))
    let ids = try file("w4.csv", "source,target,trust,layer\nr1,r2,5,Trust\n")
    _ = try file("w4.nodes.csv", "id,label\nr1,Ann\nr2,Bo\n")
    let none = run("compare", one, ids)
    #expect(none.status == 0)
    #expect(
      none.stderr.contains(
        "no node of A has the id of a node of B, so every node is lost and every node gained; 2 of B's labels are ids of A: give B the same ids"
      ))
  }

  /// `--undirected` on a shipped dataset (directed, as its GraphML says) was passed over in
  /// silence, where on the dataset's GraphML file a note said so.
  @Test func undirectedOnADirectedDatasetIsSaid() {
    let r = run("info", "krackhardt", "--undirected")
    #expect(r.status == 0)
    #expect(r.stdout.contains("directed: yes"))
    #expect(r.stderr.contains("krackhardt: the dataset's ties are directed, and they are read so"))
  }

  /// `egos --group` kept 'Residents' and 'residents' as two groups without the note that
  /// `groups` and `brokers` give.
  @Test func egosSayGroupsThatDifferOnlyInCase() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try ".egoID,sector\n1,Residents\n".write(
      to: dir.appendingPathComponent("egos.csv"), atomically: true, encoding: .utf8)
    try ".altID,.egoID,sector\n1,1,Residents\n2,1,residents\n3,1,police\n".write(
      to: dir.appendingPathComponent("alters.csv"), atomically: true, encoding: .utf8)
    try ".egoID,.srcID,.tgtID\n1,1,2\n".write(
      to: dir.appendingPathComponent("aaties.csv"), atomically: true, encoding: .utf8)
    let r = run("egos", dir.path, "--group", "sector")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr.contains(
        "the groups 'Residents', 'residents' of 'sector' differ only in case, spacing, punctuation, diacritics or how a number is written"
      ))
  }

  /// The report ranked bridge-builders on the municipality, where 41 of 87 never answered,
  /// without a word of it; `test --cug` compared it with graphs where everyone answered.
  @Test func nonRespondentsAreSaidInReportAndCUG() throws {
    let cug = run("test", "municipality", "--cug", "reciprocity", "--permutations", "10")
    #expect(cug.status == 0)
    // 41 nodes of Datasets/municipality/municipality.nodes.csv have respondent = false: 14 of
    // its 60 nodes of kind person and 27 others (counted by hand from the file).
    #expect(
      cug.stderr.contains(
        "41 of 87 nodes did not answer (respondent = false, 14 of the 60 nodes of kind person and 27 others (organisations, and nodes of no kind))"
      ))
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let folder = dir.appendingPathComponent("report").path
    let r = run("report", "municipality", "--group", "sector", "-o", folder)
    #expect(r.status == 0, "\(r.stderr)")
    let md = try String(contentsOfFile: folder + "/report.md", encoding: .utf8)
    #expect(md.contains("- non-respondents: 41 (respondent = false; see the notes)"))
    #expect(md.contains("41 of 87 nodes did not answer"))
    // metrics ranks the same nodes, and says the same.
    let metrics = run("metrics", "municipality", "--top", "3")
    #expect(
      metrics.status == 0
        && metrics.stderr.contains(
          "41 of 87 nodes did not answer (respondent = false, 14 of the 60 nodes of kind person and 27 others (organisations, and nodes of no kind)): the ties they would have named are missing (their outgoing ties); every measure here reads them as absent"
        ), "\(metrics.stderr)")
  }

  /// `report -o FILE` computed everything for half a minute before it said that FILE is a
  /// file; now it says so first.
  @Test func reportRefusesAFileAsItsFolderFirst() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("afile").path
    try "x".write(toFile: file, atomically: true, encoding: .utf8)
    let r = run("report", padgett, "--group", "nosuchattribute", "-o", file)
    // The folder is checked before the network is read (the group would be refused after).
    #expect(r.status == 64)
    #expect(r.stderr.contains("'\(file)' is a file; --output names the folder"))
    let inside = run("report", padgett, "--group", "nosuchattribute", "-o", file + "/r")
    #expect(inside.status == 64)
    #expect(inside.stderr.contains("'\(file)' is a file, so the report's folder cannot be made"))
  }

  /// Permutation p-values print as 0 when no permutation was as far out (as sna's qaptest and
  /// cug.test give them), which a reader writes down as p = 0; a note says p < 1/N.
  @Test func aPValueOfZeroIsSaidAsBelowOneOverN() {
    // Padgett's business and marriage layers: none of 100 permutations correlates as highly.
    // r = 0.37186787208054739 is R sna 2.7.1's gcor (Fixtures/reference/qap_sna.csv).
    let r = run("layers", padgett, "--pairs", "--permutations", "100")
    #expect(r.status == 0)
    #expect(r.stdout.contains(",0.3718678720805473,0,0,1\n"))
    #expect(
      r.stderr.contains(
        "a p-value of 0 means that none of the 100 permutations gave a value as far out as the observed one: report it as p < 0.01, not p = 0"
      ))
    let q = run(
      "test", "krackhardt", "--dependent", "friendship", "--predictors", "advice", "--correlations",
      "--permutations", "200")
    #expect(q.status == 0)
    // r as sna 2.7.1's gcor gives it, 0.1545854520484726 (Fixtures/reference/qap_sna.csv),
    // and p-values above 0.
    #expect(q.stdout.contains("advice,0.154585452048"))
    #expect(!q.stderr.contains("a p-value of 0"))
  }

  /// `interviews` refused a rating written "4,5" (quoted) in a comma-separated table, which
  /// every network reader takes as a decimal comma with a note; and a person the roster marks
  /// not interviewed who answered all the same was made a respondent in silence.
  @Test func interviewsReadDecimalCommasAndSayRosterContradictions() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let roster = dir.appendingPathComponent("roster.csv").path
    try "id,label,interviewed\nr1,Anna Svensson,true\nr2,Bo Ek,false\nr3,Cy Lund,true\n".write(
      toFile: roster, atomically: true, encoding: .utf8)
    let noms = dir.appendingPathComponent("noms.csv").path
    try
      "respondent,alter,rating\nr1,Bo Ek,\"4,5\"\nr2,Cy Lund,3\nr3,Anna Svensson,\"2,5\"\nr3,Bo Ek,N/A\n"
      .write(
        toFile: noms, atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("net.csv").path
    let r = run("interviews", noms, "--roster", roster, "--scale", "1..5", "-o", out)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr.contains(
        "2 ratings were written with a decimal comma and read as decimal numbers (the first: '4,5' on line 2 as 4.5)"
      ))
    // 4.5 on the scale 1..5 is trust 4.5 / 5 = 0.9.
    #expect(
      try String(contentsOfFile: out, encoding: .utf8).contains(
        "r1,r2,Directed,0.9,trust,false,4.5"))
    #expect(
      r.stderr.contains(
        "marks one person not interviewed who is a respondent in \(noms): 'r2'; counted as a respondent"
      ))
    let account = try String(
      contentsOfFile: dir.appendingPathComponent("net.account.md").path, encoding: .utf8)
    #expect(account.contains("but respondents in the nominations (counted as respondents): 1 (r2)"))
    // N/A, as Excel writes no answer, is no rating, as an empty cell: the row is left out.
    #expect(
      r.stderr.contains(
        "1 rating is 'N/A', read as no rating, as an empty cell is: its row is left out (the account lists it)"
      ))
    #expect(account.contains("- no rating: 1 (\(noms) line 5)"))
  }

  /// A nominations table with a Swedish header (`Respondent;Nominerad;Betyg`) could not be read:
  /// `interviews` had no options to name its columns, as the network readers have.
  @Test func interviewsTakeColumnNames() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let roster = dir.appendingPathComponent("roster.csv").path
    try "id,label\nr1,Anna Svensson\nr2,Bo Ek\nr3,Cy Lund\n".write(
      toFile: roster, atomically: true, encoding: .utf8)
    let noms = dir.appendingPathComponent("sv.csv").path
    try "Respondent;Nominerad;Betyg\nr1;Bo Ek;4,5\nr2;Cy Lund;3\n".write(
      toFile: noms, atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("net.csv").path
    let refused = run("interviews", noms, "--roster", roster, "--scale", "1..5", "-o", out)
    #expect(refused.status == 1)
    #expect(
      refused.stderr.contains(
        "has no 'alter' column; its columns are Respondent, Nominerad, Betyg; name it with --alter-column"
      ))
    #expect(!FileManager.default.fileExists(atPath: out))
    let r = run(
      "interviews", noms, "--roster", roster, "--scale", "1..5", "-o", out, "--alter-column",
      "nominerad", "--rating-column", "Betyg")
    #expect(r.status == 0, "\(r.stderr)")
    // 4,5 (a decimal comma in a ';' table) on the scale 1..5: trust 0.9; 3: 0.6.
    let ties = try String(contentsOfFile: out, encoding: .utf8)
    #expect(ties.contains("r1,r2,Directed,0.9,") && ties.contains("r2,r3,Directed,0.6,"))
    let typo = run(
      "interviews", noms, "--roster", roster, "--scale", "1..5", "-o", out, "--alter-column",
      "nominerd", "--rating-column", "betyg")
    #expect(typo.status == 1)
    #expect(typo.stderr.contains("there is no column 'nominerd' (named by --alter-column)"))
    #expect(typo.stderr.contains("did you mean 'Nominerad'?"))
  }

  /// `robustness --drop 0.9 --summary` on 16 nodes printed NaN for every correlation with no
  /// reason, and at lower rates took the quantiles over the runs that had one in silence.
  @Test func undefinedRankCorrelationsAreCounted() {
    let r = run("robustness", padgett, "--drop", "0.9", "--runs", "20", "--summary")
    #expect(r.status == 0)
    // At 0.9 about 2 of the 16 families stay: no run has two nodes with different scores.
    #expect(r.stdout.contains("node dropout 0.9,20,NaN,NaN,NaN,NaN,NaN,NaN,"))
    #expect(
      r.stderr.contains(
        "node dropout 0.9: the rank correlations are undefined in 20 of 20 runs (fewer than two nodes left, or all their scores equal); so every quantile is NaN"
      ))
    let low = run("robustness", padgett, "--drop", "0.1", "--runs", "20", "--summary")
    #expect(low.status == 0)
    #expect(!low.stderr.contains("undefined"))
  }

  /// `summary` printed centralization_closeness 0 for Padgett (the Pucci have no tie) with no
  /// word that it is 0 because no node reaches every other (sna's closeness), not equality.
  @Test func closenessCentralizationOfZeroIsExplained() {
    let r = run("summary", padgett, "krackhardt", "--cug-draws", "0")
    #expect(r.status == 0)
    #expect(
      r.stderr.contains(
        "\(padgett): centralization_closeness is 0 because no node reaches every other (sna's closeness is 0 for such a node)"
      ))
    // Krackhardt's advice and friendship merged: some manager reaches every other.
    #expect(!r.stderr.contains("krackhardt: centralization_closeness"))
  }

  /// `report -o a/b/c` from a folder where `a` did not exist crashed (NSString's
  /// deletingLastPathComponent on Linux, on a relative path it had shortened itself). Run as
  /// the real binary, in a folder of its own.
  @Test func reportIntoNewRelativeFolders() throws {
    let binary = try #require(builtBinary())
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try runTool(
      binary, ["report", padgett, "--group", "wealth", "-o", "a/b/c"], currentDirectory: dir)
    #expect(r.status == 0, "\(r.err)")
    #expect(
      FileManager.default.fileExists(atPath: dir.appendingPathComponent("a/b/c/report.md").path))
    // A failed report leaves no folder behind, relative path or not.
    let bad = try runTool(
      binary, ["report", padgett, "--group", "nosuch", "-o", "x/y/z"], currentDirectory: dir)
    #expect(bad.status == 64)
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("x").path))
    #expect(parentFolder(of: "a/b/c") == "a/b" && parentFolder(of: "a") == "")
    #expect(parentFolder(of: "/a") == "/" && parentFolder(of: "a/b/") == "a")
  }

  /// Review of the notes above: a weight named `none_w` was taken for "packed without trust"
  /// and its values dropped; `convert IN OUT -o ./OUT` was refused as two files.
  @Test func reviewFindings() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let csv = dir.appendingPathComponent("w.csv").path
    try "source,target,none_w\na,b,2\nb,c,3\n".write(toFile: csv, atomically: true, encoding: .utf8)
    let bbn = dir.appendingPathComponent("w.bbn").path
    #expect(run("pack", csv, "--weight", "none_w", "-o", bbn).status == 0)
    let graphml = dir.appendingPathComponent("w.graphml").path
    #expect(run("convert", bbn, graphml).status == 0)
    let text = try String(contentsOfFile: graphml, encoding: .utf8)
    #expect(text.contains(">2</data>") && text.contains(">3</data>"))
    let out = dir.appendingPathComponent("p.json").path
    let same = run(
      "convert", padgett, out, "-o", dir.appendingPathComponent(".").path + "/p.json")
    #expect(same.status == 0, "\(same.stderr)")
  }

  /// The trust-scale note of `compare` fires on 1-5 against 0-1 and 1-5 against 1-100, not on
  /// counts whose top moves from 1 to 3, nor on waves whose every tie has one value.
  @Test func compareTrustScaleNoteHasNoFalseAlarms() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    func wave(_ name: String, _ a: String, _ b: String) throws -> String {
      let path = dir.appendingPathComponent(name).path
      try "source,target,trust\nAnn,Bo,\(a)\nBo,Cy,\(b)\n".write(
        toFile: path, atomically: true, encoding: .utf8)
      return path
    }
    let note = "trust runs from"
    let counts = run("compare", try wave("c1.csv", "1", "1"), try wave("c2.csv", "1", "3"))
    #expect(counts.status == 0 && !counts.stderr.contains(note))
    let uniform = run("compare", try wave("u1.csv", "5", "5"), try wave("u2.csv", "4", "4"))
    #expect(uniform.status == 0 && !uniform.stderr.contains(note))
    let unit = run("compare", try wave("s1.csv", "1", "5"), try wave("s2.csv", "0.2", "1"))
    #expect(unit.stderr.contains("A's trust runs from 1 to 5 and B's from 0.2 to 1"))
    let hundred = run("compare", try wave("h1.csv", "1", "5"), try wave("h2.csv", "1", "100"))
    #expect(hundred.stderr.contains("A's trust runs from 1 to 5 and B's from 1 to 100"))
    // A wave without ties: no note that the layers differ.
    let empty = dir.appendingPathComponent("e.csv").path
    try "source,target,trust\n".write(toFile: empty, atomically: true, encoding: .utf8)
    let none = run("compare", try wave("n1.csv", "1", "2"), empty)
    // Bo lies on the one path Ann -> Bo -> Cy: betweenness 1 (by hand; networkx 3.6.1's
    // betweenness_centrality(normalized=False) gives 1.0 on this path), absent from B.
    #expect(none.status == 0 && none.stdout.contains("Bo,Bo,true,false,1,NaN,"))
    #expect(!none.stderr.contains("layers differ"))
  }
  /// A survey tool's export, one row per respondent (`Respondent, Name 1, Trust 1, Name 2,
  /// Trust 2`), was refused with a hint (--alter-column) that would have read only the first
  /// name of each row. It is read as wide, every name a nomination, with a note that says so.
  @Test func aWideSurveyExportGivesEveryNomination() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let noms = dir.appendingPathComponent("survey.csv").path
    try "Respondent,Name 1,Trust 1,Name 2,Trust 2,Age\nAnna,Bo,4,Cilla,5,40\nBo,Anna,3,,,31\n"
      .write(toFile: noms, atomically: true, encoding: .utf8)
    let roster = dir.appendingPathComponent("roster.csv").path
    try "id,label,interviewed\nanna,Anna,true\nbo,Bo,true\ncilla,Cilla,false\n".write(
      toFile: roster, atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("net.csv").path
    let r = run("interviews", noms, "--roster", roster, "--scale", "1..5", "-o", out)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr.contains(
        "read as a wide table, one row per respondent: 2 numbered names ('Name 1' to 'Name 2'), each with its rating ('Trust 1' to 'Trust 2'); 3 nominations"
      ), "\(r.stderr)")
    #expect(r.stderr.contains("not read, as it is not numbered like the names"))
    let ties = try String(contentsOfFile: out, encoding: .utf8)
    // Trust on 1..5: (r - 1 + 1) / 5, so 4 → 0.8, 5 → 1, 3 → 0.6.
    #expect(ties.contains("anna,bo,") && ties.contains("anna,cilla,") && ties.contains("bo,anna,"))
    #expect(ties.split(separator: "\n").count == 4, "\(ties)")
  }
  /// A survey export saved by Excel on Windows (Windows-1252) beside a roster written in UTF-8:
  /// one --encoding for both garbled the roster's names (`Ã…sa`) without a word, and with a
  /// byte-order mark refused it. Each table that is UTF-8 is read so, with a note.
  @Test func oneEncodingDoesNotGarbleAUTF8Roster() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let noms = dir.appendingPathComponent("noms.csv")
    try Data(
      "respondent,alter,rating\n\u{C5}sa \u{D6}berg,Bo,4\n".unicodeScalars.map { UInt8($0.value) }
    )
    .write(to: noms)
    let roster = dir.appendingPathComponent("roster.csv")
    try Data(([0xEF, 0xBB, 0xBF] as [UInt8]) + Array("id,label\nasa,Åsa Öberg\nbo,Bo\n".utf8))
      .write(to: roster)
    let out = dir.appendingPathComponent("net.csv").path
    let r = run(
      "interviews", noms.path, "--roster", roster.path, "--scale", "1..5", "--encoding",
      "windows-1252", "-o", out)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.contains("roster.csv: the table is UTF-8"), "\(r.stderr)")
    let nodes = try String(
      contentsOfFile: dir.appendingPathComponent("net.nodes.csv").path, encoding: .utf8)
    #expect(nodes.contains("Åsa Öberg") && !nodes.contains("Ã"), "\(nodes)")
    #expect(try String(contentsOfFile: out, encoding: .utf8).contains("asa,bo,"))
  }
}
