import Foundation
import Testing

@testable import Brobyggare

/// The Network Canvas reader on the constructed study in Datasets/egos-constructed, which
/// Scripts/make_network_canvas_study.py writes with seed 20261129. Every expected count below is
/// from that script's counts.json (computed from what it wrote) unless it says it was counted by
/// hand.
@Suite struct NetworkCanvasTests {
  static let study = packageRoot.appendingPathComponent("Datasets/egos-constructed")
  static func path(_ relative: String) -> String { study.appendingPathComponent(relative).path }

  // counts.json, "personal".
  static let egos = 30, alters = 276, alterTies = 311, encrypted = 276, guarded = 4
  static let unanswered = 17, several = 1

  /// A scratch folder, removed at the end of the test.
  static func scratch() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "nc-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }

  /// Files of the CSV bundle, by name, as text.
  static func csvFiles() throws -> [(name: String, text: String)] {
    let dir = path("csv")
    return try FileManager.default.contentsOfDirectory(atPath: dir).sorted().map { name in
      (
        name,
        try String(contentsOfFile: (dir as NSString).appendingPathComponent(name), encoding: .utf8)
      )
    }
  }

  static func read(
    _ files: [(name: String, text: String)], options: NetworkCanvasFormat.Options = .init()
  ) throws(FormatError) -> PersonalNetworks {
    try NetworkCanvasFormat.read(
      files: files.map { (name: $0.name, data: Data($0.text.utf8)) }, options: options)
  }

  /// What a study holds, in a form two readings can be compared by: per ego, its variables and
  /// its alters' attributes and ties, by networkCanvasUUID.
  struct Summary: Equatable {
    var egos: [String: [String: AttributeValue]]
    var alters: [String: [String: [String: AttributeValue]]]
    var ties: [String: [String]]
  }

  static func summary(_ s: PersonalNetworks) -> Summary {
    var egos: [String: [String: AttributeValue]] = [:]
    var alters: [String: [String: [String: AttributeValue]]] = [:]
    var ties: [String: [String]] = [:]
    let common = [
      "sector", "area", "rosterID", "networkCanvasEgoUUID", "networkCanvasCaseID",
      "networkCanvasSessionID", "networkCanvasProtocolName", "sessionStart", "sessionFinish",
      "sessionExported",
    ]
    for p in s.egos {
      egos[p.ego] = p.egoAttributes.filter { common.contains($0.key) }
      var a: [String: [String: AttributeValue]] = [:]
      for n in p.alters.nodes { a[n.id] = n.attributes }
      alters[p.ego] = a
      ties[p.ego] = p.alters.ties.map { t in
        let ends = [p.alters.nodes[t.source].id, p.alters.nodes[t.target].id].sorted()
        return "\(ends[0])-\(ends[1]) \(t.layer ?? "") \(t.id ?? "")"
      }.sorted()
    }
    return Summary(egos: egos, alters: alters, ties: ties)
  }

  @Test func csvBundleReadsTheStudy() throws {
    let s = try PersonalNetworks(networkCanvas: Self.path("csv"))
    #expect(s.count == Self.egos)
    #expect(s.egos.reduce(0) { $0 + $1.alters.nodeCount } == Self.alters)
    #expect(s.egos.reduce(0) { $0 + $1.alters.tieCount } == Self.alterTies)
    #expect(s.rosterVariable == nil)
    // E01: 11 alters, 10 alter-alter ties (counts.json altersPerEgo, alterTiesPerEgo).
    let e01 = try #require(s.egos.first { $0.ego == "E01" })
    #expect(e01.alters.nodeCount == 11)
    #expect(e01.alters.tieCount == 10)
    #expect(!e01.alters.isDirected)
    #expect(e01.egoAttributes["sector"] == .string("municipality"))  // ego i gets SECTORS[i % 5]
    #expect(e01.egoAttributes["networkCanvasCaseID"] == .string("E01"))
    // Ego-alter answers stay on the alter; ordinal values are the option's value.
    for n in e01.alters.nodes {
      guard case .integer(let c)? = n.attributes["closeness"] else {
        Issue.record("closeness \(String(describing: n.attributes["closeness"]))")
        continue
      }
      #expect((1...4).contains(c))
      #expect(n.attributes["networkCanvasType"] == .string("Person"))
      #expect(n.attributes["label"] == n.attributes["name"])
    }
    // Every alter-alter tie is in the layer of its edge type; the empty conflict lists add none.
    #expect(s.egos.allSatisfy { $0.alters.ties.allSatisfy { $0.layer == "knows" } })
  }

  @Test func categoricalsAreFoldedEncryptedCountedGuardsStripped() throws {
    let s = try PersonalNetworks(networkCanvas: Self.path("csv"))
    let nodes = s.egos.flatMap(\.alters.nodes)
    let sectors = Set(["municipality", "civil_society", "police", "housing", "resident"])
    // No option column is left; one `sector` attribute instead.
    #expect(!nodes.contains { $0.attributes.keys.contains { $0.hasPrefix("sector_") } })
    #expect(
      s.egos.allSatisfy { !$0.alters.nodeAttributes.contains { $0.name.hasPrefix("sector_") } })
    let values = nodes.compactMap { $0.attributes["sector"]?.description }
    #expect(values.count == Self.alters - Self.unanswered)
    // the script sets it on E06's second alter
    #expect(values.filter { $0.contains("|") } == ["civil_society|resident"])
    #expect(
      values.allSatisfy { $0.split(separator: "|").allSatisfy { sectors.contains(String($0)) } })
    // ENCRYPTED: missing, counted.
    #expect(!nodes.contains { $0.attributes["notes"] != nil })
    #expect(
      s.readNotes.contains {
        $0.hasPrefix("\(Self.encrypted) values exported as ENCRYPTED (notes)")
      })
    // The formula guard: off, and counted.
    let names = Set(nodes.compactMap { $0.attributes["name"]?.description })
    #expect(names.isSuperset(of: ["=Kim", "-Lotta-", "+Bo", "@Sam"]))
    #expect(!names.contains { $0.hasPrefix("'") })
    #expect(s.readNotes.contains { $0.contains("guard (a leading ') off \(Self.guarded) values") })
    #expect(
      s.readNotes.contains {
        $0.contains("folded 1 categorical variable")
          && $0.contains("\(Self.unanswered) values with no option chosen")
          && $0.contains("1 with several options")
      })
  }

  @Test func graphMLFormsGiveTheSameStudyAsTheCSV() throws {
    let csv = Self.summary(try PersonalNetworks(networkCanvas: Self.path("csv")))
    let whole = try PersonalNetworks(networkCanvas: Self.path("graphml/study.graphml"))
    let perSession = try PersonalNetworks(networkCanvas: Self.path("graphml-sessions"))
    #expect(whole.count == Self.egos)
    #expect(perSession.count == Self.egos)
    let a = Self.summary(whole)
    let b = Self.summary(perSession)
    #expect(a.egos == csv.egos)
    #expect(a.ties == csv.ties)
    for (ego, alters) in csv.alters {
      #expect(a.alters[ego] == alters, "ego \(ego)")
    }
    #expect(a == b)
    #expect(whole.readNotes.contains { $0.contains("layout_X") })
    #expect(
      whole.readNotes.contains { $0.hasPrefix("\(Self.encrypted) values exported as ENCRYPTED") })
  }

  @Test func nodeIDsAreNeverJoinedOn() throws {
    let original = Self.summary(try Self.read(Self.csvFiles()))
    // Renumber every nodeID and edgeID as another export would (here: + 1000 in the attribute
    // lists, and from/to scrambled in the edge lists, whose UUID columns still say the ends).
    let renumbered = try Self.csvFiles().map { file -> (name: String, text: String) in
      var lines = file.text.components(separatedBy: "\r\n")
      guard lines.count > 1 else { return file }
      for i in 1..<lines.count where !lines[i].isEmpty {
        var fields = lines[i].components(separatedBy: ",")
        if file.name.contains("_attributeList_") { fields[0] = String(Int(fields[0])! + 1000) }
        if file.name.contains("_edgeList_") {
          fields[0] = String(Int(fields[0])! + 7)
          (fields[1], fields[2]) = ("999999", "888888")
        }
        lines[i] = fields.joined(separator: ",")
      }
      return (file.name, lines.joined(separator: "\r\n"))
    }
    #expect(Self.summary(try Self.read(renumbered)) == original)
    // Files renamed (their case and session part swapped between sessions) change nothing
    // either: rows are joined on networkCanvasEgoUUID.
    let files = try Self.csvFiles()
    let shuffled = files.enumerated().map { (i, f) in
      (
        name: "x\((i * 7) % files.count)_" + f.name.split(separator: "_", maxSplits: 2).last!,
        text: f.text
      )
    }
    #expect(Self.summary(try Self.read(shuffled)) == original)
  }

  @Test func edgeListWithoutUUIDsIsJoinedThroughNodeIDsOfTheSameExport() throws {
    let ego = "networkCanvasEgoUUID,networkCanvasCaseID\r\negoA,A\r\n"
    let nodes =
      "nodeID,networkCanvasEgoUUID,networkCanvasUUID,name\r\n5,egoA,u1,Ann\r\n6,egoA,u2,Bo\r\n"
    let edges = "edgeID,from,to,networkCanvasEgoUUID,networkCanvasUUID\r\n1,5,6,egoA,t1\r\n"
    let s = try Self.read([
      ("A_s_ego.csv", ego), ("A_s_attributeList_Person.csv", nodes),
      ("A_s_edgeList_knows.csv", edges),
    ])
    #expect(s.egos[0].alters.tieCount == 1)
    // A nodeID no attribute list has: an error naming the file, line and column.
    let bad = "edgeID,from,to,networkCanvasEgoUUID,networkCanvasUUID\r\n1,5,7,egoA,t1\r\n"
    #expect(
      throws: FormatError(
        file: "A_s_edgeList_knows.csv", line: 2, column: 5,
        "'to' names the nodeID '7', which no attribute list of the session of ego 'egoA' has (and the row has no networkCanvasTargetUUID to join on)"
      )
    ) {
      try Self.read([
        ("A_s_ego.csv", ego), ("A_s_attributeList_Person.csv", nodes),
        ("A_s_edgeList_knows.csv", bad),
      ])
    }
  }

  @Test func brokenBundlesAreErrorsThatSayWhere() throws {
    let ego = "networkCanvasEgoUUID,networkCanvasCaseID\r\negoA,A\r\n"
    let nodes =
      "nodeID,networkCanvasEgoUUID,networkCanvasUUID,name\r\n1,egoA,u1,Ann\r\n2,egoA,u2,Bo\r\n"
    // The same ego UUID in two ego files (counted by hand: line 2 of the second file).
    #expect(
      throws: FormatError(
        file: "B_t_ego.csv", line: 2, column: 1,
        "the ego UUID 'egoA' is also the ego of A_s_ego.csv (line 2); every session's ego has its own networkCanvasEgoUUID, so the same session was exported twice or two exports were mixed"
      )
    ) {
      try Self.read([
        ("A_s_ego.csv", ego),
        ("B_t_ego.csv", "networkCanvasEgoUUID,networkCanvasCaseID\r\negoA,B\r\n"),
      ])
    }
    // An alter row whose ego is in no ego file: line 3, column 3 (the second field starts there).
    #expect(
      throws: FormatError(
        file: "A_s_attributeList_Person.csv", line: 3, column: 3,
        "the ego UUID 'egoZ' is in no ego file; export the session's …_ego.csv with it")
    ) {
      try Self.read([
        ("A_s_ego.csv", ego),
        (
          "A_s_attributeList_Person.csv",
          "nodeID,networkCanvasEgoUUID,networkCanvasUUID\r\n1,egoA,u1\r\n2,egoZ,u2\r\n"
        ),
      ])
    }
    // An edge whose source UUID is no alter of its session.
    let edges =
      "edgeID,from,to,networkCanvasEgoUUID,networkCanvasUUID,networkCanvasSourceUUID,networkCanvasTargetUUID\r\n1,1,2,egoA,t1,u1,u9\r\n"
    #expect(
      throws: FormatError(
        file: "A_s_edgeList_knows.csv", line: 2, column: 18,
        "networkCanvasTargetUUID 'u9' is no alter in the attribute lists of the session of ego 'egoA'"
      )
    ) {
      try Self.read([
        ("A_s_ego.csv", ego), ("A_s_attributeList_Person.csv", nodes),
        ("A_s_edgeList_knows.csv", edges),
      ])
    }
    // An ambiguous categorical pattern: a_b_c, a_b_d, a_e are the options of 'a' or (two of
    // them) of 'a_b'. The error is at a_b_c in the header: column 47 (counted by hand: 7 + 21
    // + 18 characters before it).
    let ambiguous =
      "nodeID,networkCanvasEgoUUID,networkCanvasUUID,a_b_c,a_b_d,a_e\r\n1,egoA,u1,true,false,false\r\n"
    #expect {
      try Self.read([("A_s_ego.csv", ego), ("A_s_attributeList_Person.csv", ambiguous)])
    } throws: { e in
      let e = e as! FormatError
      return e.file == "A_s_attributeList_Person.csv" && e.line == 1 && e.column == 47
        && e.message.contains("'a_b_c', 'a_b_d', 'a_e'") && e.message.contains("'a_b'")
    }
    // Named, the same columns are read.
    let s = try Self.read(
      [("A_s_ego.csv", ego), ("A_s_attributeList_Person.csv", ambiguous)],
      options: .init(categoricals: ["a"]))
    #expect(s.egos[0].alters.nodes[0].attributes["a"] == .string("b_c"))
    // A broken row (a field too many) is the CSV reader's error, with the file and line.
    #expect { try Self.read([("A_s_ego.csv", ego + "egoB,B,extra\r\n")]) } throws: { e in
      (e as? FormatError)?.file == "A_s_ego.csv" && (e as? FormatError)?.line == 3
    }
    // No ego file at all.
    #expect(throws: FormatError.self) { try Self.read([("A_s_attributeList_Person.csv", nodes)]) }
  }

  @Test func brokenGraphMLIsAnErrorThatSaysWhere() throws {
    let head =
      #"<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:nc="http://schema.networkcanvas.com/xmlns">"#
      + "\n"
      + #"<key id="networkCanvasUUID" attr.name="networkCanvasUUID" attr.type="string" for="all"/>"#
      + "\n"
    let graph = { (ego: String) in
      #"<graph edgedefault="undirected" nc:caseId="c"><data key="networkCanvasUUID">\#(ego)</data>"#
        + "\n" + #"<node id="1"><data key="networkCanvasUUID">u1</data></node>"# + "\n"
    }
    // An edge to a node the graph does not have: line 6 (counted by hand).
    let text =
      head + graph("e1") + #"<node id="2"><data key="networkCanvasUUID">u2</data></node>"# + "\n"
      + #"<edge id="1" source="1" target="3"/>"# + "\n</graph></graphml>"
    #expect(
      throws: FormatError(
        file: "s.graphml", line: 6, column: 1,
        "<edge id=\"1\"> joins the node '3', which this <graph> does not declare")
    ) {
      try NetworkCanvasFormat.read(files: [(name: "s.graphml", data: Data(text.utf8))])
    }
    // Two graphs with one ego UUID.
    let twice = head + graph("e1") + "</graph>\n" + graph("e1") + "</graph></graphml>"
    #expect {
      try NetworkCanvasFormat.read(files: [(name: "s.graphml", data: Data(twice.utf8))])
    } throws: { e in
      (e as? FormatError).map {
        $0.line == 6 && $0.message.contains("also the ego of s.graphml (line 3)")
      } ?? false
    }
  }

  /// Each session's line was found by counting lines from the start of the file, so a file of
  /// n sessions was read n times (300 sessions took 34 s). The lines are now counted on from
  /// the last session's: the bytes read to place all sessions are at most the file's size.
  @Test func manySessionsAreReadInLinearWork() throws {
    var text =
      #"<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:nc="http://schema.networkcanvas.com/xmlns">"#
      + "\n"
      + #"<key id="networkCanvasUUID" attr.name="networkCanvasUUID" attr.type="string" for="all"/>"#
      + "\n"
    let sessions = 2_000
    for k in 0..<sessions {
      text +=
        #"<graph edgedefault="undirected" nc:caseId="c\#(k)"><data key="networkCanvasUUID">e\#(k)</data>"#
        + "\n" + #"<node id="1"><data key="networkCanvasUUID">a\#(k)</data></node>"#
        + #"<node id="2"><data key="networkCanvasUUID">b\#(k)</data></node>"#
        + #"<edge id="1" source="1" target="2"/>"# + "\n</graph>\n"
    }
    text += "</graphml>\n"
    let data = Data(text.utf8)
    var reading = NetworkCanvasFormat.Reading(options: .init())
    try reading.readGraphML((name: "s.graphml", data: data))
    #expect(reading.sessions.count == sessions)
    #expect(reading.locatedBytes <= data.count)
    // The last session starts on line 3 + 3 × 1,999 (three lines a session, counted by hand).
    #expect(reading.sessions.last?.line == 3 + 3 * (sessions - 1))
    let study = try reading.finish()
    #expect(study.count == sessions)
    #expect(study.egos.reduce(0) { $0 + $1.alters.tieCount } == sessions)
  }

  @Test func multiGraphGraphMLIsOneSessionPerGraph() throws {
    let s = try PersonalNetworks(networkCanvas: Self.path("graphml/study.graphml"))
    #expect(s.egos.map(\.ego) == (1...30).map { String(format: "E%02d", $0) })
    #expect(s.egos.reduce(0) { $0 + $1.alters.nodeCount } == Self.alters)
    // nc: attributes of <graph> are the session's.
    #expect(
      s.egos[0].egoAttributes["networkCanvasProtocolName"]
        == .string("Bridges in the district (constructed)"))
    // The ego is graph data, not a node.
    #expect(
      s.egos.allSatisfy { p in
        !p.alters.nodes.contains { $0.id == p.egoAttributes["networkCanvasEgoUUID"]?.description }
      })
  }

  @Test func egoAsNodeChangesNodesAndTiesAsExpected() throws {
    let s = try PersonalNetworks(networkCanvas: Self.path("csv"))
    let plain = s.network()
    #expect(plain.nodeCount == Self.alters)
    #expect(plain.tieCount == Self.alterTies)
    #expect(plain.readNotes.last!.hasPrefix("egos are not nodes"))
    let withEgos = s.network(egoAsNode: true, egoTieAttributes: ["closeness"])
    // One node per ego more, one tie per alter more.
    #expect(withEgos.nodeCount == Self.alters + Self.egos)
    #expect(withEgos.tieCount == Self.alterTies + Self.alters)
    #expect(withEgos.readNotes.last!.hasPrefix("egos are nodes (--ego-as-node)"))
    let egoTies = withEgos.ties.filter { $0.layer == PersonalNetworks.egoTieLayer }
    #expect(egoTies.count == Self.alters)
    #expect(egoTies.allSatisfy { $0.attributes["closeness"] != nil })
    #expect(
      !withEgos.nodes.contains {
        $0.attributes["isEgo"] == .boolean(false) && $0.attributes["closeness"] != nil
      })
    let e01 = try #require(withEgos.index(of: "E01"))
    #expect(withEgos.nodes[e01].attributes["sector"] == .string("municipality"))
    #expect(withEgos.ties.filter { $0.source == e01 }.count == 11)
  }

  @Test func rosterProtocolIsOneNetworkWithPeopleMerged() throws {
    // counts.json, "roster": 15 people, 15 sessions, 53 nominations, 21 reported alter-alter
    // ties on 18 pairs; everyone is named by someone.
    let s = try PersonalNetworks(networkCanvas: Self.path("roster/csv"))
    #expect(s.rosterVariable == "rosterID")
    #expect(s.readNotes.contains { $0.contains("roster-based protocol, found from the data") })
    let net = s.network()
    #expect(net.nodeCount == 15)
    #expect(net.tieCount == 21)
    #expect(
      Set(net.ties.map { [net.nodes[$0.source].id, net.nodes[$0.target].id].sorted() }).count == 18)
    #expect(net.ties.allSatisfy { $0.attributes["reportedBy"] != nil })
    let withEgos = s.network(egoAsNode: true)
    #expect(withEgos.nodeCount == 15)
    #expect(withEgos.tieCount == 21 + 53)
    #expect(withEgos.nodes.allSatisfy { $0.attributes["isEgo"] == .boolean(true) })
    // Nominations and reports on one pair merge to 63 pairs (counts.json tiePairsAll).
    #expect(
      Set(
        withEgos.ties.map { [withEgos.nodes[$0.source].id, withEgos.nodes[$0.target].id].sorted() }
      ).count == 63)
    // closeness differs between sessions for one person: ego's answer, on the nomination ties.
    #expect(
      withEgos.ties.filter { $0.layer == PersonalNetworks.egoTieLayer }.allSatisfy {
        $0.attributes["closeness"] != nil
      })
    #expect(!withEgos.nodes.contains { $0.attributes["closeness"] != nil })
    #expect(
      withEgos.readNotes.contains {
        $0.hasPrefix("the alter attribute 'closeness' differs between sessions")
      })
    // Said as personal networks, the same files are 53 alters side by side.
    let personal = try PersonalNetworks(
      networkCanvas: Self.path("roster/csv"), options: .init(studyProtocol: .personal))
    #expect(personal.rosterVariable == nil)
    #expect(personal.network().nodeCount == 53)
    // The personal study is not taken for a roster one.
    #expect(
      try PersonalNetworks(networkCanvas: Self.path("csv")).readNotes.contains {
        $0.hasPrefix("read as personal networks: no variable")
      })
  }

  @Test func sha1MatchesTheKnownDigests() {
    // FIPS 180 test vectors.
    #expect(SHA1.hex("abc") == "a9993e364706816aba3e25717850c26c9cd0d89d")
    #expect(SHA1.hex("") == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
    #expect(
      SHA1.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
        == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
  }
}

/// Network Canvas input through the front door every command uses.
@Suite struct NetworkCanvasFileTests {
  @Test func aNetworkCanvasGraphMLIsReadByItsOwnReader() throws {
    let dir = NetworkCanvasTests.path("graphml-sessions")
    let first = try #require(
      try FileManager.default.contentsOfDirectory(atPath: dir).sorted().first)
    #expect(first.hasPrefix("E01_"))
    let path = (dir as NSString).appendingPathComponent(first)
    // E01: 11 alters and 10 ties (counts.json); the ego is not a node, and not lost: with
    // egoAsNode it is one more node with a tie to each alter.
    let plain = try Network(contentsOf: path)
    #expect(plain.nodeCount == 11 && plain.tieCount == 10)
    var options = Network.ReadOptions()
    options.egoAsNode = true
    let withEgo = try Network(contentsOf: path, options: options)
    #expect(withEgo.nodeCount == 12 && withEgo.tieCount == 21)
    #expect(withEgo.readNotes.contains { $0.hasPrefix("egos are nodes (--ego-as-node)") })
    // A folder is read too.
    #expect(
      try Network(contentsOf: NetworkCanvasTests.path("csv")).nodeCount == NetworkCanvasTests.alters
    )
    #expect(NetworkCanvasFormat.isExport(path: NetworkCanvasTests.path("csv")))
    #expect(
      !NetworkCanvasFormat.isExport(
        path: packageRoot.appendingPathComponent("Datasets/padgett/padgett.graphml").path))
  }

  @Test func bothFormsInOneFolderReadTheCSVAndSaySo() throws {
    let dir = try NetworkCanvasTests.scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    for sub in ["csv", "graphml-sessions"] {
      let from = NetworkCanvasTests.path(sub)
      for name in try FileManager.default.contentsOfDirectory(atPath: from)
      where name.hasPrefix("E01_") || name.hasPrefix("E02_") {
        try FileManager.default.copyItem(
          atPath: (from as NSString).appendingPathComponent(name),
          toPath: dir.appendingPathComponent(name).path)
      }
    }
    try Data("a,b\n".utf8).write(to: dir.appendingPathComponent("notes.txt"))
    let s = try PersonalNetworks(networkCanvas: dir.path)
    #expect(s.count == 2)
    #expect(s.egos.map { $0.alters.nodeCount } == [11, 11])  // counts.json: E01 11, E02 11
    #expect(s.readNotes.contains { $0.hasPrefix("read the CSV files; left out 2 GraphML files") })
    #expect(s.readNotes.contains { $0.contains("not part of a Network Canvas export: notes.txt") })
  }

  @Test func aRosterVariableNamedIsUsedAndAWrongOneIsAnError() throws {
    let s = try PersonalNetworks(
      networkCanvas: NetworkCanvasTests.path("roster/csv"),
      options: .init(studyProtocol: .roster(variable: "rosterID")))
    #expect(s.readNotes.contains { $0.hasPrefix("read as a roster-based protocol, as asked") })
    #expect(s.network().nodeCount == 15)
    #expect(throws: FormatError.self) {
      try PersonalNetworks(
        networkCanvas: NetworkCanvasTests.path("roster/csv"),
        options: .init(studyProtocol: .roster(variable: "badge")))
    }
  }

  @Test func guardedHeadersAndGraphMLDescriptionsGiveTheNamesAsWritten() throws {
    // The CSV export guards headers as values: a variable named `=total` is the column `'=total`.
    let ego = "networkCanvasEgoUUID,networkCanvasCaseID,'=total\r\ne1,A,'-3 kr\r\n"
    let s = try NetworkCanvasTests.read([("A_s_ego.csv", ego)])
    #expect(s.egos[0].egoAttributes["=total"] == .string("-3 kr"))
    #expect(s.readNotes.contains { $0.contains("guard (a leading ') off 2 values") })
    // GraphML replaces a space in a name with `_` and keeps the name in <desc>.
    let text = """
      <?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:nc="http://schema.networkcanvas.com/xmlns">
      <key id="networkCanvasUUID" attr.name="networkCanvasUUID" attr.type="string" for="all"/>
      <key id="k1" attr.name="close_friend_" attr.type="string" for="node"><desc>close friend?</desc></key>
      <graph edgedefault="undirected" nc:caseId="c1"><data key="networkCanvasUUID">e1</data>
      <node id="1"><data key="networkCanvasUUID">u1</data><data key="k1">yes</data></node>
      </graph></graphml>
      """
    let g = try NetworkCanvasFormat.read(files: [(name: "x.graphml", data: Data(text.utf8))])
    #expect(g.egos[0].alters.nodes[0].attributes["close friend?"] == .string("yes"))
  }

  @Test func anAmbiguousCategoricalInGraphMLIsAtItsKey() throws {
    // Keys without Network Canvas's hashed ids are grouped by name, as CSV columns are: the
    // ambiguity is reported at the first key of the run, line 3 (counted by hand).
    let text = """
      <?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:nc="http://schema.networkcanvas.com/xmlns">
      <key id="networkCanvasUUID" attr.name="networkCanvasUUID" attr.type="string" for="all"/>
      <key id="k1" attr.name="a_b_c" attr.type="boolean" for="node"/>
      <key id="k2" attr.name="a_b_d" attr.type="boolean" for="node"/>
      <key id="k3" attr.name="a_e" attr.type="boolean" for="node"/>
      <graph edgedefault="undirected" nc:caseId="c1"><data key="networkCanvasUUID">e1</data></graph></graphml>
      """
    #expect {
      try NetworkCanvasFormat.read(files: [(name: "x.graphml", data: Data(text.utf8))])
    } throws: { e in
      (e as? FormatError).map { $0.file == "x.graphml" && $0.line == 3 && $0.column == 1 } ?? false
    }
  }

  @Test func namesSharedByChanceDoNotMakeARoster() throws {
    // Egos and alters both have a name; one alter name is in two sessions and one is an ego's
    // (counted by hand: 5 names on 6 alter rows, not at least two rows per name).
    let egos = "networkCanvasEgoUUID,networkCanvasCaseID,name\r\ne1,A,Ann\r\ne2,B,Bo\r\n"
    let nodes =
      "nodeID,networkCanvasEgoUUID,networkCanvasUUID,name\r\n1,e1,u1,Bo\r\n2,e1,u2,Cy\r\n3,e1,u3,Di\r\n4,e2,u4,Cy\r\n5,e2,u5,Ed\r\n6,e2,u6,Flo\r\n"
    let s = try NetworkCanvasTests.read([
      ("x_ego.csv", egos), ("x_attributeList_Person.csv", nodes),
    ])
    #expect(s.rosterVariable == nil)
    #expect(s.network().nodeCount == 6)
  }

  @Test func encryptedAndMissingValuesInGraphMLAreMissing() throws {
    // Counted by hand: one ENCRYPTED in a boolean option key, one in an int key; the second
    // node answers nothing, so its sector is missing without counting as unanswered.
    let text = """
      <?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:nc="http://schema.networkcanvas.com/xmlns">
      <key id="networkCanvasUUID" attr.name="networkCanvasUUID" attr.type="string" for="all"/>
      <key id="v_\(SHA1.hex("a"))" attr.name="q_a" attr.type="boolean" for="node"/>
      <key id="v_\(SHA1.hex("b"))" attr.name="q_b" attr.type="boolean" for="node"/>
      <key id="w" attr.name="n" attr.type="int" for="node"/>
      <graph edgedefault="undirected" nc:caseId="c1"><data key="networkCanvasUUID">e1</data>
      <node id="1"><data key="networkCanvasUUID">u1</data><data key="v_\(SHA1.hex("a"))">ENCRYPTED</data><data key="v_\(SHA1.hex("b"))">true</data><data key="w">ENCRYPTED</data></node>
      <node id="2"><data key="networkCanvasUUID">u2</data></node>
      </graph></graphml>
      """
    let s = try NetworkCanvasFormat.read(files: [(name: "x.graphml", data: Data(text.utf8))])
    let nodes = s.egos[0].alters.nodes
    #expect(nodes[0].attributes["q"] == .string("b"))
    #expect(nodes[0].attributes["n"] == nil)
    #expect(nodes[1].attributes["q"] == nil)
    #expect(s.readNotes.contains { $0.hasPrefix("2 values exported as ENCRYPTED (n, q_a)") })
    #expect(
      s.readNotes.contains { $0.contains("'q' (nodes: a, b)") && !$0.contains("no option chosen") })
  }
}
