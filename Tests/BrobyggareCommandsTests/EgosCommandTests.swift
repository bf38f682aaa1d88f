import Foundation
import Testing

@testable import BrobyggareCommands

@Suite("egos command")
struct EgosCommandTests {
  /// A study folder in egor's layout: ego 1 is the hand-worked case of PersonalNetworkTests
  /// (four alters, ties 1–2 and 3–4); ego 2 has two tied alters, one closeness NA; ego 3 one
  /// alter; ego 4 none.
  static func study() throws -> URL {
    let dir = try temporaryDirectory()
    try ".egoID,sex,age\n1,w,30\n2,m,40\n3,w,NA\n4,m,50\n".write(
      to: dir.appendingPathComponent("egos.csv"), atomically: true, encoding: .utf8)
    try
      ".altID,.egoID,sex,closeness\n1,1,w,5\n2,1,w,3\n3,1,m,4\n4,1,m,1\n1,2,m,2\n2,2,w,NA\n3,3,w,4\n"
      .write(to: dir.appendingPathComponent("alters.csv"), atomically: true, encoding: .utf8)
    try ".egoID,.srcID,.tgtID\n1,1,2\n1,3,4\n2,1,2\n".write(
      to: dir.appendingPathComponent("aaties.csv"), atomically: true, encoding: .utf8)
    return dir
  }

  static func rows(_ csv: String) -> [[String: String]] {
    let lines = csv.split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(lines[0], $0)) }
  }

  @Test func oneRowPerEgo() throws {
    let dir = try Self.study()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = run("egos", dir.path, "--group", "sex", "--strength", "closeness")
    #expect(r.status == 0, "\(r.stderr)")
    let rows = Self.rows(r.stdout)
    #expect(rows.map { $0["ego"]! } == ["1", "2", "3", "4"])
    // Ego 1, worked by hand in PersonalNetworkTests.handWorkedFourAlters.
    let one = rows[0]
    #expect(one["size"] == "4" && one["ties"] == "2" && one["components"] == "2")
    #expect(
      one["effective_size"] == "3" && one["constraint"] == "0.5625" && one["blau"] == "0.5"
        && one["iqv"] == "1")
    #expect(
      one["ei_ego_alter"] == "0" && one["yules_q"] == "1" && one["mean_strength"] == "3.25"
        && one["brokerage_total"] == "4")
    // Ego 2: closeness 2 and NA: the mean of the one value; one pair of different groups, tied:
    // Yule's Q 0/0.
    #expect(
      rows[1]["mean_strength"] == "2" && rows[1]["yules_q"] == "NaN" && rows[1]["density"] == "1")
    // Ego 4 named no one: density NaN, size 0.
    #expect(rows[3]["size"] == "0" && rows[3]["density"] == "NaN")
    #expect(
      r.stderr.contains("group: sex") && r.stderr.contains("strength: closeness")
        && r.stderr.contains("IQV categories: 2"))
    #expect(r.stderr.contains("ego: not a node for density"))
  }

  /// --summary --by: size over all egos 4, 2, 1, 0: mean 1.75, sd √(((2.25)² + 0.25² + 0.75² + 1.75²)/3)
  /// = √(8.75/3) = 1.7078; by sex: w (egos 1, 3) mean 2.5, m (2, 4) mean 1.
  @Test func summaryByAnEgoAttribute() throws {
    let dir = try Self.study()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = run("egos", dir.path, "--measures", "size,density", "--summary", "--by", "sex")
    #expect(r.status == 0, "\(r.stderr)")
    let rows = Self.rows(r.stdout)
    #expect(
      rows.map { "\($0["measure"]!) \($0["sex"]!) \($0["n"]!)" } == [
        "size (all) 4", "size m 2", "size w 2", "density (all) 2", "density m 1", "density w 1",
      ])
    #expect(
      abs(Double(rows[0]["sd"]!)! - (8.75 / 3).squareRoot()) < 1e-12 && rows[0]["mean"] == "1.75")
    #expect(rows[1]["mean"] == "1" && rows[2]["mean"] == "2.5")
    #expect(rows[3]["mean"] == "0.6666666666666666")  // densities 1/3 and 1; the others undefined
  }

  @Test func theThreeFilesNamed() throws {
    let dir = try Self.study()
    defer { try? FileManager.default.removeItem(at: dir) }
    let egos = dir.appendingPathComponent("egos.csv").path
    let r = run(
      "egos", egos, "--alters", dir.appendingPathComponent("alters.csv").path,
      "--alter-ties", dir.appendingPathComponent("aaties.csv").path, "--measures", "size",
      "--format", "json")
    #expect(r.status == 0)
    #expect(r.stdout.contains("{\"ego\": \"1\", \"size\": 4}"))
    let missing = run("egos", egos)
    #expect(
      missing.status == 64 && missing.stderr.contains("--alters <file> and --alter-ties <file>"))
  }

  @Test func usageErrors() throws {
    let dir = try Self.study()
    defer { try? FileManager.default.removeItem(at: dir) }
    let typo = run("egos", dir.path, "--measures", "dnsity")
    #expect(typo.status == 64 && typo.stderr.contains("did you mean 'density'?"))
    let needsGroup = run("egos", dir.path, "--measures", "blau")
    #expect(needsGroup.status == 64 && needsGroup.stderr.contains("blau needs groups"))
    let noAttribute = run("egos", dir.path, "--group", "sx")
    #expect(noAttribute.status == 64 && noAttribute.stderr.contains("did you mean 'sex'?"))
    let reach = run("egos", dir.path, "--measures", "two_step_reach")
    #expect(reach.status == 64 && reach.stderr.contains("--ego-networks"))
    let networkOption = run("egos", dir.path, "--layer", "x")
    #expect(
      networkOption.status == 64 && networkOption.stderr.contains("--layer is for a whole network"))
    let empty = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: empty) }
    let noFiles = run("egos", empty.path)
    #expect(noFiles.status == 64 && noFiles.stderr.contains("has no egos.csv or ego.csv"))
    #expect(run("help", "egos").stdout.contains("--ego-networks"))
  }

  /// --ego-group: ego 1 (w by sex) read by age instead has group "30", which no alter has:
  /// E = 4, I = 0, E-I 1 (hand-worked from egor's comp_ei).
  @Test func egoGroupNamedApart() throws {
    let dir = try Self.study()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = run(
      "egos", dir.path, "--group", "sex", "--ego-group", "age", "--measures", "ei_ego_alter")
    #expect(
      r.status == 0 && Self.rows(r.stdout)[0]["ei_ego_alter"] == "1"
        && Self.rows(r.stdout)[0]["ego_group"] == "30")
    #expect(r.stderr.contains("ego's group: age"))
    #expect(r.stderr.contains("1 of 4 egos have no value for 'age'"))  // ego 3: NA
    let typo = run("egos", dir.path, "--group", "sex", "--ego-group", "aeg")
    #expect(typo.status == 64 && typo.stderr.contains("did you mean 'age'?"))
  }

  @Test func badDataSaysWhere() throws {
    let dir = try Self.study()
    defer { try? FileManager.default.removeItem(at: dir) }
    try ".egoID,.srcID,.tgtID\n1,1,2\n1,3,5\n".write(
      to: dir.appendingPathComponent("aaties.csv"), atomically: true, encoding: .utf8)
    let r = run("egos", dir.path)
    #expect(r.status == 1 && r.stderr.contains("aaties.csv:3:5: error: ego '1' has no alter '5'"))
  }

  /// Missing groups are counted in a note: ego 3's alter and one of ego 1's have none.
  @Test func missingGroupsAreCounted() throws {
    let dir = try Self.study()
    defer { try? FileManager.default.removeItem(at: dir) }
    try ".altID,.egoID,sex\n1,1,w\n2,1,NA\n3,1,m\n4,1,\n1,2,m\n2,2,w\n3,3,\n"
      .write(to: dir.appendingPathComponent("alters.csv"), atomically: true, encoding: .utf8)
    let r = run(
      "egos", dir.path, "--group", "sex", "--measures", "grouped_alters,ungrouped_alters,blau")
    #expect(r.status == 0)
    #expect(r.stderr.contains("3 of 7 alters have no value for 'sex'"))
    let rows = Self.rows(r.stdout)
    #expect(
      rows[0]["grouped_alters"] == "2" && rows[0]["ungrouped_alters"] == "2"
        && rows[0]["blau"] == "0.5")
  }

  /// Padgett's marriage ties: the Medici's ego network. networkx 3.6.1 (ego_graph of the
  /// florentine_families_graph, the same 20 marriage ties): 6 alters (Acciaiuoli, Albizzi,
  /// Barbadori, Ridolfi, Salviati, Tornabuoni), ties among them Ridolfi–Tornabuoni only:
  /// density 1/15; effective size 6 − 2·1/6 = 5.667; two-step reach 11
  /// (Fixtures/reference/personal_networks.json, florentine, Medici).
  @Test func egoNetworksOfAWholeNetwork() {
    let r = run(
      "egos", padgett, "--ego-networks", "--layer", "marriage", "--measures",
      "size,ties,density,effective_size,two_step_reach")
    #expect(r.status == 0, "\(r.stderr)")
    let medici = Self.rows(r.stdout).first { $0["ego"] == "Medici" }!
    #expect(medici["size"] == "6" && medici["ties"] == "1" && medici["two_step_reach"] == "11")
    #expect(abs(Double(medici["density"]!)! - 1.0 / 15) < 1e-12)
    #expect(abs(Double(medici["effective_size"]!)! - (6 - 2.0 / 6)) < 1e-12)
    #expect(r.stderr.contains("layers: marriage") && r.stderr.contains("egos: every node (16)"))
  }

  /// A Network Canvas export's edge types are layers: all are read as one with a note, and
  /// --layer picks (a conflict tie counted as acquaintance raised density; a probe found no
  /// way to leave it out, and a message that called the export egor's tables). One session,
  /// alters a, b, c, d: knows a-b and b-c, conflict a-c; density 3/6 with both, 2/6 with
  /// knows alone (counted by hand).
  @Test func networkCanvasEdgeTypesAreLayers() throws {
    let dir = try temporaryDirectory()
    let ego = "11111111-1111-4111-8111-111111111111"
    let prefix = dir.appendingPathComponent("E1_22222222-2222-4222-8222-222222222222").path
    let ids = (1...4).map { "00000000-0000-4000-8000-00000000000\($0)" }
    func write(_ suffix: String, _ text: String) throws {
      try text.write(toFile: prefix + suffix, atomically: true, encoding: .utf8)
    }
    try write(
      "_ego.csv",
      "networkCanvasEgoUUID,networkCanvasCaseID,networkCanvasSessionID,networkCanvasProtocolName\n\(ego),E1,22222222-2222-4222-8222-222222222222,Trust\n"
    )
    try write(
      "_attributeList_Person.csv",
      "nodeID,networkCanvasEgoUUID,networkCanvasUUID,name\n"
        + zip(1...4, ["a", "b", "c", "d"]).map { "\($0),\(ego),\(ids[$0 - 1]),\($1)\n" }.joined())
    let edgeHeader =
      "edgeID,from,to,networkCanvasEgoUUID,networkCanvasUUID,networkCanvasSourceUUID,networkCanvasTargetUUID\n"
    try write(
      "_edgeList_knows.csv",
      edgeHeader + "1,1,2,\(ego),e1,\(ids[0]),\(ids[1])\n2,2,3,\(ego),e2,\(ids[1]),\(ids[2])\n")
    try write("_edgeList_conflict.csv", edgeHeader + "3,1,3,\(ego),e3,\(ids[0]),\(ids[2])\n")
    let all = run("egos", dir.path, "--measures", "size,ties,density")
    #expect(all.status == 0, "\(all.stderr)")
    #expect(all.stdout.contains("E1,4,3,0.5"), "\(all.stdout)")
    #expect(
      all.stderr.contains(
        "the alter ties of every edge type are read as one: 'conflict' (1), 'knows' (2); --layer picks"
      ), "\(all.stderr)")
    #expect(all.stderr.contains("edge types: conflict,knows"))
    let knows = run("egos", dir.path, "--measures", "size,ties,density", "--layer", "knows")
    #expect(knows.stdout.contains("E1,4,2,0.3333333333333333"), "\(knows.stdout)")
    #expect(knows.stderr.contains("edge types: knows") && !knows.stderr.contains("read as one"))
    let typo = run("egos", dir.path, "--layer", "know")
    #expect(typo.status == 64 && typo.stderr.contains("did you mean 'knows'?"), "\(typo.stderr)")
    // A session of another protocol: the study pools them, which is said.
    try
      "networkCanvasEgoUUID,networkCanvasCaseID,networkCanvasSessionID,networkCanvasProtocolName\n33333333-3333-4333-8333-333333333333,E2,44444444-4444-4444-8444-444444444444,Föreningsliv\n"
      .write(
        toFile: dir.appendingPathComponent("E2_44444444-4444-4444-8444-444444444444_ego.csv").path,
        atomically: true, encoding: .utf8)
    let two = run("egos", dir.path, "--measures", "size")
    #expect(
      two.stderr.contains(
        "the sessions come from 2 protocols ('Trust': 1 session, 'Föreningsliv': 1 session), read together as one study"
      ), "\(two.stderr)")
    let weight = run("egos", dir.path, "--weight", "x")
    #expect(
      weight.stderr.contains("is read as a Network Canvas export, a personal network per session"),
      "\(weight.stderr)")
  }

  /// Found by a probe: an ego's group spelled as no alter's (`Police` against `police`) makes
  /// every alter external, and an ego without a value of --by is in no summary row of a
  /// value; both are said.
  @Test func anEgosGroupNoAlterHasAndEgosWithoutByAreSaid() throws {
    let dir = try temporaryDirectory()
    func write(_ name: String, _ text: String) throws {
      try text.write(
        to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    try write("egos.csv", ".egoID,sector,region\n1,Police,north\n2,police,\n")
    try write("alters.csv", ".altID,.egoID,sector\n1,1,police\n2,1,resident\n3,2,police\n")
    try write("aaties.csv", ".egoID,.srcID,.tgtID\n1,1,2\n")
    let r = run("egos", dir.path, "--group", "sector", "--measures", "ei_ego_alter")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr.contains(
        "1 of 2 egos have a value of 'sector' that no alter has for 'sector' ('1' ('Police')): all their alters count as another group (ei_ego_alter 1); the alters' values are 'police', 'resident'"
      ), "\(r.stderr)")
    // An alter of several options: split for the composition measures, a group of its own
    // for E-I and the roles, which is said.
    try write(
      "alters.csv",
      ".altID,.egoID,sector\n1,1,police|resident\n2,1,resident\n3,2,police\n")
    let multi = run("egos", dir.path, "--group", "sector", "--measures", "blau,ei_ego_alter")
    #expect(
      multi.stderr.contains(
        "1 alter has several options of 'sector' (joined by '|'): the composition measures count it in each option, but ei_ego_alter and the brokerage roles take the joined value as a group of its own"
      ), "\(multi.stderr)")
    // Ego networks of a directed network tie ego to every alter both ways, unlike metrics.
    let directed = run("egos", "krackhardt", "--ego-networks", "--layer", "advice")
    #expect(
      directed.stderr.contains("ego is tied to every alter both ways here"),
      "\(directed.stderr)")
    let s = run(
      "egos", dir.path, "--summary", "--by", "region", "--measures", "size")
    #expect(
      s.stderr.contains(
        "1 of 2 egos has no value for 'region' ('2'): counted in (all), in no row of a value"),
      "\(s.stderr)")
  }
}
