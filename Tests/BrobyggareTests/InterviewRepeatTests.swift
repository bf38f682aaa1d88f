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
    "odk-central-folder.zip", "kobo-hxl.xlsx",
    "odk-central/NameGen.csv", "odk-central/NameGen-alters.csv", "surveycto/Name generator.csv",
    "surveycto/Name generator-alters.csv",
  ])
  func eachAppsExportGivesTheLongTablesNominations(_ name: String) throws {
    let (n, notes) = try Self.read(name)
    let long = try InterviewFiles.nominations(
      Data(InterviewTests.nominationsCSV.utf8), file: "n.csv")
    #expect(Self.said(n) == (Self.said(long) + ["e>:-:"]).sorted(), "\(name)")
    #expect(notes.contains { $0.contains("read as a survey app's export") }, "\(notes)")
    if name == "kobo-hxl.xlsx" {
      // The tag rows of both sheets are skipped (a workbook's were a crash).
      #expect(notes.filter { $0.contains("HXL tags") }.count == 2, "\(notes)")
    }
    #expect(notes.contains { $0.contains("1 submission has no row in the repeat ('e')") })
    // The app's own columns are not what was said.
    #expect(n.allSatisfy { $0.reported.keys.allSatisfy { $0 == "alter_sector" } }, "\(name)")
    // Each row is placed in its own sheet or file: the repeat's, or the submissions' for e.
    let e = try #require(n.first { $0.respondent == "e" })
    let police = try #require(n.first { $0.alter == "Police" })
    #expect(e.file != nil && police.file != nil && e.file != police.file, "\(name)")
    // (The tag rows are lines 2.)
    let shift = name == "kobo-hxl.xlsx" ? 1 : 0
    #expect(
      e.line == 5 + shift && police.line == 9 + shift, "\(name): \(e.line), \(police.line)")
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
      "\(e)".contains("no repeat has a column 'alter'; the questions of")
        && "\(e)".contains("kobo.xlsx[alters] are 'alter_name', 'tie_strength'")
        && "\(e)".contains("did you mean 'alter_name' or 'alter_sector'?")
    }
    #expect {
      try Self.read("ona.xlsx", columns: .init(alter: "alter_name", rating: "tie_strength"))
    } throws: { e in
      "\(e)".contains("ona.xlsx[name_gen]:1:1: error: no 'respondent' column")
        && "\(e)".contains("--respondent-column")
    }
    let main = "SubmissionDate,resp_name,KEY\n2024,a,uuid:1\n2024,,uuid:2\n"
    let (missing, missingPaths) = try Self.export([
      "F.csv": main,
      "F-alters.csv":
        "alter_name,tie_strength,PARENT_KEY,KEY\nb,4,uuid:1,uuid:1/alters[1]\nc,3,uuid:9,uuid:9/alters[1]\n",
    ])
    defer { try? FileManager.default.removeItem(at: missing) }
    #expect {
      try Self.read(path: missingPaths["F-alters.csv"]!)
    } throws: { e in
      "\(e)".contains("F-alters.csv:3:")
        && "\(e)".contains("this row belongs to the row whose KEY is 'uuid:9', and no table")
    }
    let (empty, emptyPaths) = try Self.export([
      "F.csv": main,
      "F-alters.csv": "alter_name,tie_strength,PARENT_KEY,KEY\nb,4,uuid:2,uuid:2/alters[1]\n",
    ])
    defer { try? FileManager.default.removeItem(at: empty) }
    #expect {
      try Self.read(path: emptyPaths["F-alters.csv"]!)
    } throws: { e in
      "\(e)".contains("F.csv:3:") && "\(e)".contains("the respondent is empty, and")
    }
  }
  /// Files of one export in a folder of their own; the path of each.
  static func export(_ files: [String: String]) throws -> (URL, [String: String]) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "export-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    var paths: [String: String] = [:]
    for (name, text) in files {
      let url = dir.appendingPathComponent(name)
      try text.write(to: url, atomically: true, encoding: .utf8)
      paths[name] = url.path
    }
    return (dir, paths)
  }

  static func read(path: String, columns: InterviewFiles.NominationColumns = columns)
    throws(FormatError) -> ([Nomination], [String])
  {
    var notes: [String] = []
    let n = try InterviewFiles.nominations(
      InterviewFiles.load(path), file: path, columns: columns, notes: &notes)
    return (n, notes)
  }

  /// Found by a probe as a new user: what would join a row to the wrong respondent, read
  /// another table than the one given, or lose rows without a word.
  @Test func whatAProbeFound() throws {
    let main = "SubmissionDate,intro-resp_name,KEY\n2024,a,uuid:1\n2024,b,uuid:2\n2024,a,uuid:3\n"
    let alters =
      "network-alters-alter_name,network-alters-tie_strength,PARENT_KEY,KEY\nc,4,uuid:1,uuid:1/a[1]\nd,3,uuid:3,uuid:3/a[1]\n"
    // ODK's group paths (`-`) are left out as Kobo's are; a respondent with two submissions is
    // said, and b, with none in the repeat, named no one.
    let (dir, paths) = try Self.export(["F.csv": main, "F-alters.csv": alters])
    defer { try? FileManager.default.removeItem(at: dir) }
    let (n, notes) = try Self.read(path: paths["F.csv"]!)
    #expect(Self.said(n) == ["a>c:4:", "a>d:3:", "b>:-:"], "\(n)")
    #expect(
      notes.contains { $0.contains("'a' has 2 submissions (\(paths["F.csv"]!) lines 2, 4)") },
      "\(notes)")
    // Two submissions with one KEY: a repeat row would belong to either.
    let (dup, dupPaths) = try Self.export([
      "F.csv": "intro-resp_name,KEY\na,uuid:1\nb,uuid:1\n", "F-alters.csv": alters,
    ])
    defer { try? FileManager.default.removeItem(at: dup) }
    #expect {
      try Self.read(path: dupPaths["F.csv"]!)
    } throws: { e in
      "\(e)".contains("F.csv:3:")
        && "\(e)".contains("two rows have the KEY 'uuid:1' (lines 2 and 3)")
    }
    // A file beside another form's: its repeat belongs to other submissions.
    let (other, otherPaths) = try Self.export([
      "name.csv": "intro-resp_name,KEY\nzz,uuid:9\n", "name-gen.csv": main,
      "name-gen-alters.csv": alters,
    ])
    defer { try? FileManager.default.removeItem(at: other) }
    #expect {
      try Self.read(path: otherPaths["name.csv"]!)
    } throws: { e in "\(e)".contains("belong to other submissions than those in") }
    // Names in the submissions' table and in a repeat: which holds the nominations is unclear.
    let (both, bothPaths) = try Self.export([
      "F.csv": "intro-resp_name,alter_name,tie_strength,KEY\na,x,2,uuid:1\n",
      "F-alters.csv": alters,
    ])
    defer { try? FileManager.default.removeItem(at: both) }
    #expect {
      try Self.read(path: bothPaths["F.csv"]!)
    } throws: { e in "\(e)".contains("which holds the nominations is not clear") }
    // The respondent's column named as the names' own.
    #expect {
      try Self.read(
        path: paths["F.csv"]!,
        columns: .init(respondent: "alter_name", alter: "alter_name", rating: "tie_strength"))
    } throws: { e in "\(e)".contains("--respondent-column names 'network-alters-alter_name'") }
  }

  /// Kobo's and Ona's ids (`_index`, `_parent_index`, in Ona's zipped CSV export as in the
  /// workbooks): an HXL tag row, a repeat with no rows, a row that names no parent, two repeats
  /// with a name column told apart by the repeat's name, a label with a `/` in it.
  @Test func tagsEmptyRepeatsAndTwoRepeats() throws {
    let main = "resp_name,_index\n#contact+name,\na,1\nb,2\n"
    let alters =
      "Name/nickname of the person,tie_strength,_index,_parent_index\n#contact+alter,#rating,,\nc,4,1,1\n"
    let columns = InterviewFiles.NominationColumns(
      respondent: "resp_name", alter: "Name/nickname of the person", rating: "tie_strength")
    let (dir, paths) = try Self.export(["S.csv": main, "S-alters.csv": alters])
    defer { try? FileManager.default.removeItem(at: dir) }
    let (n, notes) = try Self.read(path: paths["S.csv"]!, columns: columns)
    #expect(Self.said(n) == ["a>c:4:", "b>:-:"], "\(n)")
    #expect(notes.contains { $0.contains("holds the questions' HXL tags (#...)") }, "\(notes)")
    // The label keeps its '/': it is no question's path.
    #expect(!notes.contains { $0.contains("read without their groups") }, "\(notes)")
    // A repeat with no rows: every respondent named no one.
    let (empty, emptyPaths) = try Self.export([
      "S.csv": main,
      "S-alters.csv": "alter_name,tie_strength,_index,_parent_index,_parent_table_name\n",
    ])
    defer { try? FileManager.default.removeItem(at: empty) }
    let (none, _) = try Self.read(path: emptyPaths["S.csv"]!)
    #expect(Self.said(none) == ["a>:-:", "b>:-:"], "\(none)")
    // A row that names no parent.
    let (orphan, orphanPaths) = try Self.export([
      "S.csv": main,
      "S-alters.csv": "alter_name,tie_strength,_index,_parent_index\nc,4,1,1\nd,2,2,\n",
    ])
    defer { try? FileManager.default.removeItem(at: orphan) }
    #expect {
      try Self.read(path: orphanPaths["S.csv"]!)
    } throws: { e in
      "\(e)".contains("S-alters.csv:3:") && "\(e)".contains("does not say which submission")
    }
    // Two repeats with a name column: the repeat's name tells them apart.
    let (two, twoPaths) = try Self.export([
      "S.csv": main, "S-alters.csv": "alter_name,tie_strength,_index,_parent_index\nc,4,1,1\n",
      "S-orgs.csv": "alter_name,tie_strength,_index,_parent_index\npolice,2,1,2\n",
    ])
    defer { try? FileManager.default.removeItem(at: two) }
    #expect {
      try Self.read(path: twoPaths["S.csv"]!)
    } throws: { e in "\(e)".contains("--alter-column 'alters/alter_name'") }
    let (orgs, orgNotes) = try Self.read(
      path: twoPaths["S.csv"]!,
      columns: .init(respondent: "resp_name", alter: "orgs/alter_name", rating: "tie_strength"))
    #expect(Self.said(orgs) == ["a>:-:", "b>police:2:"], "\(orgs)")
    #expect(orgNotes.contains { $0.contains("-alters.csv' is not read") }, "\(orgNotes)")
  }
  /// A rating written with its label (`5 - Completely`, as an export of the answers' labels
  /// writes it) is refused with the way out; a person added for a name whose row was left out
  /// (no rating) is nominated, not in the roster (it was "roster-only").
  @Test func labelledRatingsAndAddedNames() throws {
    #expect {
      try InterviewFiles.nominations(
        Data("respondent,alter,rating\na,b,5 - Completely\n".utf8), file: "l.csv")
    } throws: { e in
      "\(e)".contains(
        "l.csv:2:5: error: the rating '5 - Completely' is not a finite number; it starts with one")
        && "\(e)".contains("export the answers' values instead")
    }
    let n = try InterviewFiles.nominations(
      Data("respondent,alter,rating\na,Stranger,\na,Cecilia Ek,3\n".utf8), file: "s.csv")
    let net = try InterviewNetwork(
      InterviewNetwork.Inputs(
        nominations: n, nominationsFile: "s.csv", roster: try InterviewTests.roster()),
      options: InterviewOptions(scale: RatingScale(lower: 1, upper: 5)!, unresolved: .new))
    let stranger = try #require(
      net.network.nodes.first { $0.attributes["in_roster"] == .boolean(false) })
    #expect(stranger.attributes["status"] == .string("nominated-only"), "\(stranger)")
    // The roster's own: a (respondent), c (named); b, d, o, x1, x2 neither.
    #expect(net.account.rosterOnly == 5 && net.account.nominatedOnly == 2, "\(net.account)")
  }
  /// Found in review: a respondent whose repeat rows are all empty answered all the same; the
  /// HXL row is skipped where the first table holds the names too; a repeat given beside two
  /// tables of submissions joins the form's own, not the first in the folder.
  @Test func emptyRowsTagsAndTheFormsOwnTable() throws {
    let (dir, paths) = try Self.export([
      "S.csv": "resp_name,_index\na,1\nb,2\n",
      "S-alters.csv": "alter_name,tie_strength,_index,_parent_index\nc,4,1,1\n,,2,2\n",
      "S-old.csv": "resp_name,_index\nzz,1\nyy,2\n",
    ])
    defer { try? FileManager.default.removeItem(at: dir) }
    let (n, notes) = try Self.read(path: paths["S-alters.csv"]!)
    #expect(Self.said(n) == ["a>c:4:", "b>:-:"], "\(n)")
    #expect(notes.contains { $0.contains("1 row names no one and has no rating (line 3)") })
    let (tagged, taggedPaths) = try Self.export([
      "T.csv": "respondent,alter_name,tie_strength,_index\n#contact,#alter,#rating,\na,b,3,1\n"
    ])
    defer { try? FileManager.default.removeItem(at: tagged) }
    let (t, _) = try Self.read(
      path: taggedPaths["T.csv"]!, columns: .init(alter: "alter_name", rating: "tie_strength"))
    #expect(Self.said(t) == ["a>b:3:"], "\(t)")
  }
  /// Found by a second probe: a repeat pasted from another export, told by the table its rows
  /// name or by the submission's uuid Kobo copies onto them, is refused, not joined by its
  /// row numbers.
  @Test func aRepeatFromAnotherExportIsRefused() throws {
    let main = "resp_name,_uuid,_index\na,u1,1\nb,u2,2\n"
    let (dir, paths) = try Self.export([
      "K.csv": main,
      "K-alters.csv":
        "alter_name,tie_strength,_index,_parent_table_name,_parent_index\nc,4,1,Pilot study,1\n",
    ])
    defer { try? FileManager.default.removeItem(at: dir) }
    // Sheets saved as CSV files lose their names: the rows join the form's own table.
    let (k, _) = try Self.read(path: paths["K.csv"]!)
    #expect(Self.said(k) == ["a>c:4:", "b>:-:"], "\(k)")
    // In a workbook, a table the export does not have is refused.
    #expect {
      try Self.read("kobo-pasted-repeat.xlsx")
    } throws: { e in
      "\(e)".contains("kobo-pasted-repeat.xlsx[alters]:2:")
        && "\(e)".contains("belongs to the table 'Pilot study'")
    }
    let (other, otherPaths) = try Self.export([
      "K.csv": main,
      "K-alters.csv":
        "alter_name,tie_strength,_index,_parent_index,_submission__uuid\nc,4,1,1,u9\n",
    ])
    defer { try? FileManager.default.removeItem(at: other) }
    #expect {
      try Self.read(path: otherPaths["K.csv"]!)
    } throws: { e in "\(e)".contains("this row's _submission__uuid 'u9' is not that of") }
  }

  /// An archive holding the files of two forms (or two exports) is refused: read as one
  /// export, the second form's submissions were taken as the first's, its repeat read in place
  /// of the first's. The two-submission note places each line in its own table.
  @Test func anArchiveOfTwoFormsIsRefused() throws {
    let main = "SubmissionDate,resp_name,KEY\n2024,a,uuid:1\n2024,b,uuid:2\n"
    let alters = "alter_name,tie_strength,PARENT_KEY,KEY\nc,4,uuid:1,uuid:1/alters[1]\n"
    var zip = ZIPWriter()
    zip.add("NameGen-alters.csv", Array(alters.utf8))
    zip.add("NameGen.csv", Array(main.utf8))
    zip.add("Wave2.csv", Array(main.replacingOccurrences(of: "uuid:", with: "uuid:w").utf8))
    #expect {
      var notes: [String] = []
      _ = try InterviewFiles.nominations(
        zip.finished(), file: "two.zip", columns: Self.columns, notes: &notes)
    } throws: { e in
      "\(e)".contains("two.zip: error: the archive holds the files of more than one export:")
        && "\(e)".contains("'Wave2.csv', and 'NameGen-alters.csv', 'NameGen.csv', tables of")
    }
    // One form's files, the repeat first as ODK Central packs them, and a codebook beside
    // them: read, the codebook left alone.
    var one = ZIPWriter()
    one.add("NameGen-alters.csv", Array(alters.utf8))
    one.add("NameGen.csv", Array(main.utf8))
    one.add("codebook.csv", Array("question,meaning\nresp_name,who answered\n".utf8))
    var oneNotes: [String] = []
    let n = try InterviewFiles.nominations(
      one.finished(), file: "one.zip", columns: Self.columns, notes: &oneNotes)
    #expect(Self.said(n) == ["a>c:4:", "b>:-:"], "\(n)")
    // Two tables of submissions beside a repeat in a folder: a respondent in both is placed
    // in each.
    let (dir, paths) = try Self.export([
      "S.csv": "resp_name,_index\na,1\nb,2\n",
      "S-alters.csv":
        "alter_name,tie_strength,_index,_parent_index,_parent_table_name\nc,4,1,1,S\nd,2,2,1,S-b\n",
      "S-b.csv": "resp_name,_index\nzz,1\na,2\n",
    ])
    defer { try? FileManager.default.removeItem(at: dir) }
    let (both, notes) = try Self.read(path: paths["S.csv"]!)
    // (a's second submission, with no repeat row, adds no one.)
    #expect(Self.said(both) == ["a>:-:", "a>c:4:", "b>:-:", "zz>d:2:"], "\(both)")
    #expect(
      notes.contains {
        $0.contains(
          "'a' has 2 submissions (\(paths["S.csv"]!) line 2; \(paths["S-b.csv"]!) line 3)")
      }, "\(notes)")
  }

  /// A repeat's column of relations, named with --layer-column, is read as the layers (the
  /// columns named for the repeat's table kept them out before).
  @Test func aRepeatsLayerColumnIsRead() throws {
    let (dir, paths) = try Self.export([
      "F.csv": "resp_name,KEY\na,uuid:1\n",
      "F-alters.csv":
        "alter_name,tie_strength,relation,PARENT_KEY,KEY\nb,4,trust,uuid:1,uuid:1/a[1]\nb,2,work,uuid:1,uuid:1/a[2]\n",
    ])
    defer { try? FileManager.default.removeItem(at: dir) }
    let (n, _) = try Self.read(
      path: paths["F.csv"]!,
      columns: .init(
        respondent: "resp_name", alter: "alter_name", rating: "tie_strength", layer: "relation"))
    #expect(n.map(\.layer) == ["trust", "work"], "\(n)")
  }
}
