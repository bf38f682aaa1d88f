import Brobyggare
import Foundation
import Testing

@testable import BrobyggareCommands

/// Each test reproduces a trap in which a command ran, said nothing, and gave a number other
/// than the one the researcher meant; each failed on the behaviour before the fix.
@Suite("No silent traps")
struct SilentTrapTests {
  /// The rows of a CSV table, split into fields (no quoted fields in these tables).
  func rows(_ text: String) -> [[String]] {
    text.split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
  }

  // MARK: Affiliation layers

  /// `interviews --affiliations` records which layers are person to organisation, and person
  /// analyses leave them out by default: the default equals naming the person layers, says so
  /// on stderr, and differs from `--layer all`, which merges them on purpose.
  @Test func affiliationLayersAreLeftOutOfPersonAnalysesByDefault() throws {
    let net = try Network(dataset: "municipality")
    #expect(Set(net.declaredAffiliationLayers) == ["member of", "works at"])
    let byDefault = run("brokers", "municipality", "--group", "sector", "--counts-only")
    let named = run(
      "brokers", "municipality", "--group", "sector", "--counts-only", "--layer",
      "collaboration,trust")
    let all = run("brokers", "municipality", "--group", "sector", "--counts-only", "--layer", "all")
    #expect(byDefault.status == 0 && named.status == 0 && all.status == 0)
    #expect(byDefault.stdout == named.stdout)
    #expect(byDefault.stdout != all.stdout)
    #expect(
      byDefault.stderr.contains(
        "note: municipality: left out the affiliation layers 'member of', 'works at'"))
    #expect(byDefault.stderr.contains("--layer all merges every layer"))
    #expect(byDefault.stderr.contains("affiliation layers member of,works at left out"))
    #expect(!all.stderr.contains("left out"))
    // Every person-level command makes the same choice and says so.
    for command in [
      ["metrics", "municipality"], ["info", "municipality"], ["bridges", "municipality"],
      ["reciprocity", "municipality"], ["dot", "municipality"],
    ] {
      let r = BrobyggareCommandLine.run(command)
      #expect(r.status == 0, "\(command)")
      #expect(r.stderr.contains("left out the affiliation layers"), "\(command)")
    }
    // The two-mode commands read the affiliation layers and leave nothing out.
    let spanners = run("spanners", "municipality", "--sector", "sector")
    #expect(spanners.status == 0)
    #expect(!spanners.stderr.contains("left out the affiliation layers"))
  }

  /// Without a declaration, a layer whose every tie joins a person and an organisation is
  /// found from the nodes' kinds (a CSV with a node table), and the note says it was found so.
  @Test func affiliationLayersAreFoundFromKindsWhenNotDeclared() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ties = dir.appendingPathComponent("t.csv").path
    try "source,target,layer\na,b,trust\nb,c,trust\na,org,member\nc,org,member\n".write(
      toFile: ties, atomically: true, encoding: .utf8)
    try "id,kind\na,person\nb,person\nc,person\norg,organisation\n"
      .write(
        toFile: dir.appendingPathComponent("t.nodes.csv").path, atomically: true, encoding: .utf8)
    let r = run("metrics", ties, "--measures", "degree", "--undirected")
    #expect(r.status == 0)
    #expect(
      r.stderr.contains(
        "left out the person-to-organisation layers 'member' (every tie joins a person and an organisation, found from the nodes' kinds: memberships, or people's ties to organisations such as their trust in them)"
      ), "\(r.stderr)")
    // Degrees on the trust layer alone: a 1, b 2, c 1, org 0 (counted by hand).
    #expect(rows(r.stdout).map { $0[2] } == ["degree", "1", "2", "1", "0"])
    let all = run("metrics", ties, "--measures", "degree", "--undirected", "--layer", "all")
    #expect(rows(all.stdout).map { $0[2] } == ["degree", "2", "2", "2", "2"])
  }

  // MARK: Messy group values

  /// A node table with messy group values: `kommun`, `Kommun` and `kommun ` (trailing space),
  /// a blank, and numbers that sort wrongly as text.
  func messyGroups(_ dir: URL, groups: [String]) throws -> String {
    let ties = dir.appendingPathComponent("g.csv").path
    try "source,target\na,b\nb,c\nc,d\nd,e\ne,a\na,c\nb,f\nf,g\ng,h\nh,a\n".write(
      toFile: ties, atomically: true, encoding: .utf8)
    var nodes = "id,sector\n"
    for (id, g) in zip(["a", "b", "c", "d", "e", "f", "g", "h"], groups) {
      nodes += "\(id),\"\(g)\"\n"
    }
    try nodes.write(
      toFile: dir.appendingPathComponent("g.nodes.csv").path, atomically: true, encoding: .utf8)
    return ties
  }

  @Test func groupValuesAreTrimmedAndNearDuplicatesNamed() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ties = try messyGroups(
      dir, groups: ["kommun", "Kommun", "kommun ", "polis", "polis", "polis", "kommun", "polis"])
    let r = run("groups", ties, "--group", "sector", "--undirected", "--permutations", "1")
    #expect(r.status == 0)
    // Two groups from the trimmed values, `Kommun` kept apart and named in a warning: the
    // rows are the ordered pairs of {Kommun, kommun, polis}, 9 of them.
    #expect(rows(r.stdout).count == 1 + 9)
    #expect(r.stderr.contains("the groups 'Kommun', 'kommun' of 'sector' differ only in case"))
    #expect(!r.stdout.contains("kommun "))
  }

  /// Nodes without a group are left out of group measures, counted on stderr: brokerage on a
  /// network where e has no group equals brokerage on the same network without e (counts,
  /// expected values and z-scores: sna::brokerage's null is then that of the others).
  @Test func nodesWithoutAGroupAreLeftOut() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ties = try messyGroups(dir, groups: ["x", "y", "x", "z", "", "y", "z", "x"])
    let r = run("brokers", ties, "--group", "sector")
    #expect(r.status == 0)
    #expect(
      r.stderr.contains(
        "note: 1 of 8 nodes has no value for 'sector' and is left out of the group measures"))
    #expect(!r.stdout.contains("(missing)"))
    #expect(!r.stdout.contains("\ne,"))
    let other = dir.appendingPathComponent("other")
    try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
    let without = other.appendingPathComponent("g.csv").path
    try "source,target\na,b\nb,c\nc,d\na,c\nb,f\nf,g\ng,h\nh,a\n".write(
      toFile: without, atomically: true, encoding: .utf8)
    try "id,sector\na,x\nb,y\nc,x\nd,z\nf,y\ng,z\nh,x\n".write(
      toFile: other.appendingPathComponent("g.nodes.csv").path, atomically: true, encoding: .utf8)
    let w = run("brokers", without, "--group", "sector")
    #expect(w.status == 0)
    #expect(r.stdout == w.stdout)
    // E-I of the node without a group is not defined; the others count only ties to nodes
    // with a group: d's ties go to c (x) and e (none), so d (z) has E = 1, I = 0: E-I 1.
    let m = run("metrics", ties, "--group", "sector", "--measures", "ei_index")
    let ei = Dictionary(uniqueKeysWithValues: rows(m.stdout).dropFirst().map { ($0[0], $0[2]) })
    #expect(ei["e"] == "NaN")
    #expect(ei["d"] == "1")
  }

  @Test func numericGroupsSortAsNumbersAndOneGroupIsNamed() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ties = try messyGroups(dir, groups: ["10", "103", "20", "9", "10", "103", "20", "9"])
    let r = run("groups", ties, "--group", "sector", "--permutations", "1")
    #expect(r.status == 0)
    let from = rows(r.stdout).dropFirst().map { $0[0] }
    #expect(from.first == "9")
    var order: [String] = []
    for f in from where !order.contains(f) { order.append(f) }
    #expect(order == ["9", "10", "20", "103"])
    let one = try messyGroups(dir, groups: Array(repeating: "kommun", count: 8))
    let single = run("brokers", one, "--group", "sector", "--counts-only")
    #expect(
      single.stderr.contains(
        "'sector' has one group ('kommun'): there is nothing between groups to measure"))
  }

  // MARK: Permutation p-values

  /// The total of a node's brokerage does not depend on the groups, so shuffling them cannot
  /// move it: no `total_p` column (it was 1 for everyone), but a p-value per role.
  @Test func brokersPrintsNoPValueThatCannotVary() {
    let r = run(
      "brokers", padgett, "--group", "wealth", "--permutations", "20", "--layer", "marriage")
    #expect(r.status == 0)
    let header = r.stdout.split(separator: "\n")[0].split(separator: ",").map(String.init)
    #expect(!header.contains("total_p"))
    for role in ["coordinator", "itinerant", "representative", "gatekeeper", "liaison"] {
      #expect(header.contains("\(role)_p"))
    }
    #expect(header.contains("total_z"))
    #expect(brokersSpec.help.contains("cannot move it"))
  }

  // MARK: --top without --sort

  /// `--top 3` without `--sort` ranks by the first measure asked for, not input order, and
  /// says so. Padgett's marriages: Medici 6 ties, then Guadagni and Strozzi 4 (networkx 3.6.1
  /// degree; ties by id).
  @Test func topWithoutSortRanksByTheFirstMeasure() {
    let r = run(
      "metrics", padgett, "--layer", "marriage", "--measures", "degree,betweenness", "--top", "3")
    #expect(r.status == 0)
    #expect(rows(r.stdout).dropFirst().map { $0[0] } == ["Medici", "Guadagni", "Strozzi"])
    #expect(r.stderr.contains("ranked by: degree, highest first (the first measure"))
    #expect(metricsSpec.help.contains("without --sort, by the first measure"))
  }

  // MARK: summary on the simple graph

  /// summary's ties are those of the simple graph: a file's self-loops and parallel ties are
  /// said with the counts (a probe found 7,346 ties of a Gephi file shown as 244, unsaid).
  @Test func summarySaysTheTiesAreTheSimpleGraphs() throws {
    let dir = try temporaryDirectory()
    let file = dir.appendingPathComponent("t.csv")
    try "source,target\na,b\na,b\nb,b\nb,c\n".write(to: file, atomically: true, encoding: .utf8)
    // A pair tied in two layers counts once too, which the note says so that it adds up.
    let layered = dir.appendingPathComponent("l.csv")
    try "source,target,layer\na,b,x\na,b,x\na,b,y\na,a,x\nb,c,x\n".write(
      to: layered, atomically: true, encoding: .utf8)
    let l = run("summary", layered.path, "--cug-draws", "0")
    #expect(l.stdout.contains("\(layered.path),3,2,directed"), "\(l.stdout)")
    #expect(
      l.stderr.contains(
        "of the 5 ties in the file, 1 self-loop is left out; 1 parallel tie (a pair tied again in one layer) is merged; 1 tie counts once with its pair's tie in another layer"
      ), "\(l.stderr)")
    // 3 nodes; the simple graph's ties a->b and b->c (counted by hand).
    let r = run("summary", file.path, "--cug-draws", "0")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("\(file.path),3,2,directed"), "\(r.stdout)")
    #expect(
      r.stderr.contains(
        "the measures read the simple graph: of the 4 ties in the file, 1 self-loop is left out; 1 parallel tie (a pair tied again) is merged"
      ), "\(r.stderr)")
    // Every command that measures says it, and with trust, by which rule the trust merged.
    let trusted = dir.appendingPathComponent("w.csv")
    try "source,target,trust\na,b,1\na,b,3\nb,c,2\n".write(
      to: trusted, atomically: true, encoding: .utf8)
    for command in [["metrics"], ["whatif", "--remove", "b"], ["bridges"]] {
      let m = BrobyggareCommandLine.run(command + [trusted.path])
      #expect(m.status == 0, "\(command): \(m.stderr)")
      #expect(
        m.stderr.contains(
          "\(trusted.path): the measures read the simple graph: of the 3 ties in the file, 1 parallel tie (a pair tied again) is merged (their trust: the largest, --merge max)"
        ), "\(command): \(m.stderr)")
    }
  }

  // MARK: whatif before

  /// Before is the whole network, whoever leaves: the fragmentation before is the same for
  /// every removal (it was 0.814, 0.820 or 0.825 depending on who was removed).
  @Test func whatifBeforeIsTheWholeNetwork() {
    func before(_ removed: String) -> String? {
      let r = run("whatif", "municipality", "--layer", "trust", "--remove", removed)
      let prefix = "fragmentation (ordered pairs, along the ties' direction): "
      return r.stdout.split(separator: "\n").first { $0.hasPrefix(prefix) }?.dropFirst(
        prefix.count
      ).split(separator: " ")[0].description
    }
    let values = Set(["p01", "p02", "p01,p05", "p28"].compactMap(before))
    #expect(values.count == 1)
    let r = run("whatif", "municipality", "--layer", "trust", "--remove", "p01")
    #expect(r.stdout.contains("before: the whole network (87 nodes); after: the 86 who remain"))
    // Fragmentation on a directed network is along the ties' direction, and the nodes that
    // did not answer, with no path out of them, are said.
    #expect(
      r.stderr.contains(
        "did not answer (respondent = false, 14 of the 60 nodes of kind person and 27 others (organisations, and nodes of no kind)): the ties they would have named are missing (their outgoing ties); no path leads out of them"
      ), "\(r.stderr)")
  }

  // MARK: Names

  /// People are named by label as well as id; a name that matches nothing gets the closest
  /// ids and labels; commands, options, layers, attributes and datasets get "did you mean".
  @Test func namesAndDidYouMean() {
    let byLabel = run("whatif", "municipality", "--layer", "trust", "--remove", "Leila Haddad")
    let byID = run("whatif", "municipality", "--layer", "trust", "--remove", "p01")
    #expect(byLabel.status == 0)
    #expect(byLabel.stdout == byID.stdout)
    let typo = run("whatif", "municipality", "--remove", "Leila Hadad")
    #expect(typo.status == 64)
    #expect(
      typo.stderr.contains("No node has the id or label 'Leila Hadad'; did you mean 'Leila Haddad'")
    )
    let path = run("path", "municipality", "Leila Haddad", "Per Warsame", "--layer", "trust")
    #expect(path.status == 0)
    let command = run("broker", "municipality")
    #expect(command.status == 64)
    #expect(command.stderr.contains("Unknown subcommand 'broker'; did you mean 'brokers'?"))
    let option = run("brokers", "municipality", "--gruop", "sector")
    #expect(option.stderr.contains("Unknown option '--gruop'; did you mean '--group'?"))
    let layer = run("metrics", padgett, "--layer", "mariage")
    #expect(layer.stderr.contains("did you mean 'marriage'?"))
    let attribute = run("brokers", padgett, "--group", "welth")
    #expect(attribute.stderr.contains("did you mean 'wealth'?"))
    let dataset = run("metrics", "municipalty")
    #expect(dataset.status == 64)
    #expect(
      dataset.stderr.contains(
        "No file and no shipped dataset is named 'municipalty'; did you mean 'municipality'?"))
  }

  // MARK: Numbers people can read

  /// People read 4 significant digits by default (markdown, whatif's summary); machines read
  /// every digit (csv); --digits sets both. The figures are those of the full-precision run.
  @Test func digitsForPeopleAndForMachines() {
    let full = run(
      "whatif", "municipality", "--layer", "trust", "--remove", "p01", "--digits", "17")
    let people = run("whatif", "municipality", "--layer", "trust", "--remove", "p01")
    #expect(full.status == 0 && people.status == 0)
    #expect(
      full.stdout.contains(
        "group betweenness of the removed (Everett-Borgatti, hops): 1082.4999999999998"))
    #expect(
      people.stdout.contains(
        "group betweenness of the removed (Everett-Borgatti, hops): 1082 (0.1481 of"))
    let md = run(
      "metrics", padgett, "--layer", "marriage", "--measures", "closeness", "--format", "markdown",
      "--sort", "closeness", "--top", "1")
    // Medici's closeness on the marriages is 0.5226666666666667 (networkx 3.6.1 closeness_centrality).
    #expect(md.stdout.contains("| Medici | Medici | 0.5227 |"))
    let csv = run(
      "metrics", padgett, "--layer", "marriage", "--measures", "closeness", "--sort", "closeness",
      "--top", "1")
    #expect(csv.stdout.contains("Medici,Medici,0.5226666666666667"))
    let three = run(
      "metrics", padgett, "--layer", "marriage", "--measures", "closeness", "--sort", "closeness",
      "--top", "1", "--digits", "3")
    #expect(three.stdout.contains("Medici,Medici,0.523"))
    #expect(run("metrics", padgett, "--digits", "0").status == 64)
    #expect(run("metrics", padgett, "--digits", "18").status == 64)
  }

  /// `--sort` takes values within rounding of each other as ties, in id order: b's strength
  /// 0.1 + 0.2 is 0.30000000000000004 in floating point, a's is 0.3, and a comes first, as for
  /// equal values; the values printed are as computed.
  @Test func sortTakesRoundingNoiseAsATie() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ties = dir.appendingPathComponent("ties.csv").path
    try "source,target,trust\nb,x,0.1\nb,y,0.2\na,z,0.3\n".write(
      toFile: ties, atomically: true, encoding: .utf8)
    let out = run(
      "metrics", ties, "--undirected", "--measures", "strength", "--sort", "strength", "--top",
      "2")
    #expect(out.status == 0)
    let rows = out.stdout.split(separator: "\n").filter { $0.hasPrefix("a,") || $0.hasPrefix("b,") }
    #expect(rows == ["a,a,0.3", "b,b,0.30000000000000004"], "\(out.stdout)")
  }

  /// `whatif` orders its rows and ranks its nodes with the same rule: changes and values within
  /// rounding of each other (1e-9 relative) tie, the rows in id order. -(0.1 + 0.2) and -0.3
  /// differ in the last bit, which put b's loss before a's; now a comes first. Ranks: equal
  /// within rounding share the better rank; below 1 the rule is relative too (it was absolute
  /// there, so 10⁻⁸ and 1.05 · 10⁻⁸ shared a rank); NaN ranks last.
  @Test func whatIfTakesRoundingNoiseAsATie() {
    let change = [-0.3, -(0.1 + 0.2), -1, 0]
    #expect(-(0.1 + 0.2) < -0.3)
    #expect(lossOrder(change, ids: ["a", "b", "c", "d"]) == [2, 0, 1, 3])
    #expect(competitionRanks([0.3, 0.1 + 0.2, 1, 0]) == [2, 2, 1, 4])
    #expect(competitionRanks([1e-8, 1.05e-8, 5, .nan]) == [3, 2, 1, 4])
    #expect(competitionRanks([]) == [])
  }

  /// --excel: a byte-order mark, semicolons, decimal commas, CRLF, and text that would start a
  /// formula behind a '.
  @Test func excelOutput() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ties = dir.appendingPathComponent("x.csv").path
    try "source,target\n=cmd,b\nb,c\n".write(toFile: ties, atomically: true, encoding: .utf8)
    let r = run("metrics", ties, "--measures", "closeness", "--excel", "--undirected")
    #expect(r.status == 0)
    #expect(r.stdout.hasPrefix("\u{FEFF}id;label;closeness\r\n"))
    // Closeness of b, the centre of a path of three: 2 / (1 + 1) = 1; of the ends 2 / 3.
    #expect(r.stdout.contains("'=cmd;'=cmd;0,6666666666666666\r\n"))
    #expect(r.stdout.contains("b;b;1\r\n"))
    #expect(run("metrics", ties, "--excel", "--format", "csv").status == 64)
  }

  /// --into writes the network back with each measure as a typed node attribute, which reads
  /// back with the same values.
  @Test func measuresGoBackIntoTheNetwork() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("p.graphml").path
    let r = run("metrics", padgett, "--layer", "marriage", "--into", out)
    #expect(r.status == 0)
    #expect(r.stdout.isEmpty)
    let net = try Network(contentsOf: out)
    let medici = net[id: "Medici"]!
    // networkx 3.6.1 betweenness_centrality(normalized=False) on the marriages: 47.5.
    #expect(medici.attributes["betweenness"] == .double(47.5))
    #expect(medici.attributes["degree"] == .integer(6))
    #expect(medici.attributes["articulation_point"] == .boolean(true))
    #expect(net.nodeAttributes.first { $0.name == "betweenness" }?.type == .double)
    #expect(
      run("metrics", padgett, "--into", dir.appendingPathComponent("p.edgelist").path).status == 64)
  }

  /// `convert`'s last line counts what the file holds: an edge list has no isolated nodes, and
  /// a DL file no tie of trust 0 and one value per pair. A format named against the
  /// extension, and a trust whose own name the format cannot keep, are said too.
  @Test func convertSaysWhatTheFileHolds() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ties = dir.appendingPathComponent("g.csv").path
    try "source,target,Weight\na,b,2\nb,c,0\na,b,3\n".write(
      toFile: ties, atomically: true, encoding: .utf8)
    try "id\na\nb\nc\nd\n".write(
      toFile: dir.appendingPathComponent("g.nodes.csv").path, atomically: true, encoding: .utf8)
    let el = dir.appendingPathComponent("g.edgelist").path
    let e = run("convert", ties, el)
    #expect(e.status == 0)
    // d has no tie: 3 of the 4 nodes are in the file, and every tie.
    #expect(e.stderr.contains("wrote \(el): 3 of the 4 nodes, 3 ties\n"))
    #expect(
      e.stderr.contains(
        "the trust, named 'Weight' here, is written as the ties' weights, and reads back named 'weight'"
      ))
    #expect(try Network(contentsOf: el).nodeCount == 3)
    let dl = dir.appendingPathComponent("g.dl").path
    let u = run("convert", ties, dl)
    #expect(u.status == 0)
    // b to c (trust 0) is left out; the two ties from a to b are one cell.
    #expect(u.stderr.contains("wrote \(dl): 4 nodes, 1 of the 3 ties\n"))
    #expect(try Network(contentsOf: dl).tieCount == 1)
    let gexf = dir.appendingPathComponent("g.gexf").path
    let g = run("convert", ties, gexf)
    #expect(g.stderr.contains("wrote \(gexf): 4 nodes, 3 ties\n"))
    #expect(
      g.stderr.contains("the trust, named 'Weight' here, is written as the ties' GEXF weight"))
    #expect(try Network(contentsOf: gexf).trustAttributeName == "weight")
    // JSON under a name that says GraphML.
    let named = dir.appendingPathComponent("g.graphml").path
    let j = run("convert", ties, named, "--output-format", "json")
    #expect(j.status == 0)
    #expect(
      j.stderr.contains(
        "\(named): written as json (--output-format), though its extension names graphml"))
    #expect(try String(contentsOfFile: named, encoding: .utf8).hasPrefix("{"))
    let plain = run("convert", ties, dir.appendingPathComponent("h.json").path)
    #expect(plain.status == 0)
    #expect(!plain.stderr.contains("--output-format"))
  }
}
