import Foundation
import Testing

@testable import Brobyggare

/// Survey apps' exports with the names given in a repeat group: KoboToolbox and Ona workbooks
/// (`_index`, `_parent_index`), ODK Central's ZIP of CSV files and its files unpacked, and
/// SurveyCTO's long format (`KEY`, `PARENT_KEY`). The files are constructed in each app's
/// layout by Scripts/make_survey_app_fixtures.py (openpyxl 3.1.5), with the nominations of
/// InterviewTests.nominationsCSV and a fourth respondent, e, who named no one. Before, such a
/// file was refused: the first sheet or file has no name column.
@Suite("Interviews: survey apps' repeat groups")
struct InterviewRepeatTests {
  static let folder = packageRoot.appendingPathComponent(
    "Tests/BrobyggareTests/Fixtures/survey-apps")
  static let columns = InterviewFiles.NominationColumns(
    respondent: "resp_name", alter: "alter_name", rating: "tie_strength")

  static func read(_ name: String, columns: InterviewFiles.NominationColumns = columns)
    throws -> ([Nomination], [String])
  {
    let path = folder.appendingPathComponent(name).path
    var notes: [String] = []
    let n = try InterviewFiles.nominations(
      InterviewFiles.load(path), file: path, columns: columns, notes: &notes)
    return (n, notes)
  }

  /// The long table's nominations in InterviewWideTests.said's form, `alter_sector` as
  /// `sector`, since the apps name the question so.
  static func said(_ n: [Nomination]) -> [String] {
    n.map {
      "\($0.respondent)>\($0.alter):\($0.rating.map(formatNumber) ?? "-"):\($0.reported["alter_sector"]?.description ?? "")"
    }.sorted()
  }

  @Test(arguments: [
    "kobo.xlsx", "kobo-groups-long-title.xlsx", "ona.xlsx", "odk-central.csv.zip",
    "odk-central/NameGen.csv", "odk-central/NameGen-alters.csv", "surveycto/Name generator.csv",
    "surveycto/Name generator-alters.csv",
  ])
  func eachAppsExportGivesTheLongTablesNominations(_ name: String) throws {
    let (n, notes) = try Self.read(name)
    let long = try InterviewFiles.nominations(
      Data(InterviewTests.nominationsCSV.utf8), file: "n.csv")
    #expect(Self.said(n) == (Self.said(long) + ["e>:-:"]).sorted(), "\(name)")
    #expect(notes.first?.contains("read as a survey app's export") == true, "\(notes)")
    #expect(notes.contains { $0.contains("1 submission has no row in the repeat ('e')") })
    // The app's own columns are not what was said.
    #expect(n.allSatisfy { $0.reported.keys.allSatisfy { $0 == "alter_sector" } }, "\(name)")
    // Each row is placed in its own sheet or file: the repeat's, or the submissions' for e.
    let e = try #require(n.first { $0.respondent == "e" })
    let police = try #require(n.first { $0.alter == "Police" })
    #expect(e.file != nil && police.file != nil && e.file != police.file, "\(name)")
    #expect(e.line == 5 && police.line == 9, "\(name): \(e.line), \(police.line)")
  }

  /// A network from a Kobo export equals the one from the long table, e apart (a respondent
  /// with no ties), and the account places e in the submissions' sheet.
  @Test func theNetworkIsTheLongTablesAndTheAccountSaysWhere() throws {
    let (n, _) = try Self.read("kobo.xlsx")
    var roster = try InterviewTests.roster()
    roster = try Roster(roster.entries + [RosterEntry(id: "e", label: "Eva", kind: .person)])
    for rule in [Symmetrization.none, .max] {
      let o = InterviewOptions(scale: RatingScale(lower: 1, upper: 5)!, symmetrize: rule)
      let fromApp = try InterviewNetwork(
        InterviewNetwork.Inputs(nominations: n, nominationsFile: "kobo.xlsx", roster: roster),
        options: o)
      let fromLong = try InterviewTests.build(rule)
      #expect(
        InterviewTests.ties(fromApp.network).sorted()
          == InterviewTests.ties(fromLong.network).sorted(), "\(rule)")
      let e = try #require(fromApp.network.index(of: "e"))
      #expect(fromApp.network.nodes[e].attributes["respondent"] == .boolean(true))
      let account = fromApp.account.markdown
      #expect(
        account.contains("respondents who named no one (counted as respondents, with no ties): 1 (")
          && account.contains("kobo.xlsx[Name generator study] line 5)"), "\(account)")
      #expect(account.contains("no rating: 1 ("), "\(account)")
      #expect(account.contains("kobo.xlsx[alters] line 9)"), "\(account)")
    }
  }

  @Test func groupsInTheHeadersAndTheCutSheetName() throws {
    let (_, notes) = try Self.read("kobo-groups-long-title.xlsx")
    #expect(
      notes.contains {
        $0.contains(
          "the questions are read without their groups: 'network/alters/alter_name' as 'alter_name'"
        )
      }, "\(notes)")
    // The submissions' sheet is 'Trust and safety in Rinkeby,...', which the rows' uncut
    // _parent_table_name names.
    #expect(notes.first?.contains("[Trust and safety in Rinkeby,...]'") == true, "\(notes)")
    // The whole header names a column too.
    let (n, _) = try Self.read(
      "kobo-groups-long-title.xlsx",
      columns: .init(
        respondent: "intro/resp_name", alter: "network/alters/alter_name",
        rating: "network/alters/tie_strength"))
    #expect(n.count == 9)
  }

  /// Refused, with the place: no column of the names given (the usual names are not the
  /// app's), no respondent column, a row whose parent is not there, an empty respondent.
  @Test func refusals() throws {
    #expect {
      try Self.read("kobo.xlsx", columns: .init(respondent: "resp_name"))
    } throws: { e in
      "\(e)".contains("no repeat has a column 'alter'; the columns of")
        && "\(e)".contains("kobo.xlsx[alters] are alter_name, tie_strength")
    }
    #expect {
      try Self.read("ona.xlsx", columns: .init(alter: "alter_name", rating: "tie_strength"))
    } throws: { e in
      "\(e)".contains("ona.xlsx[name_gen]:1:1: error: no 'respondent' column")
        && "\(e)".contains("--respondent-column")
    }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "repeat-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try "SubmissionDate,resp_name,KEY\n2024,a,uuid:1\n2024,,uuid:2\n".write(
      to: dir.appendingPathComponent("F.csv"), atomically: true, encoding: .utf8)
    let alters = dir.appendingPathComponent("F-alters.csv")
    try
      "alter_name,tie_strength,PARENT_KEY,KEY\nb,4,uuid:1,uuid:1/alters[1]\nc,3,uuid:9,uuid:9/alters[1]\n"
      .write(to: alters, atomically: true, encoding: .utf8)
    var notes: [String] = []
    #expect {
      try InterviewFiles.nominations(
        InterviewFiles.load(alters.path), file: alters.path, columns: Self.columns, notes: &notes)
    } throws: { e in
      "\(e)".contains("F-alters.csv:3:")
        && "\(e)".contains("this row belongs to the row whose KEY is 'uuid:9', and no table")
    }
    try "alter_name,tie_strength,PARENT_KEY,KEY\nb,4,uuid:2,uuid:2/alters[1]\n".write(
      to: alters, atomically: true, encoding: .utf8)
    #expect {
      try InterviewFiles.nominations(
        InterviewFiles.load(alters.path), file: alters.path, columns: Self.columns, notes: &notes)
    } throws: { e in
      "\(e)".contains("F.csv:3:") && "\(e)".contains("the respondent is empty, and")
    }
  }
}
