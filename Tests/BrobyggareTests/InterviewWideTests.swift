import Foundation
import Testing

@testable import Brobyggare

/// Nominations in the wide layout survey tools export (one row per respondent, numbered name
/// and rating columns): read as the same nominations the long table gives, or refused where
/// the numbers do not pair up. Before, the table was refused with a hint (--alter-column) that
/// read only the first name of each row.
@Suite("Interviews: wide nomination tables")
struct InterviewWideTests {
  /// InterviewTests.nominationsCSV, one row per respondent; `age` is about the respondent.
  static let wideCSV = """
    respondent,alter 1,rating 1,alter_sector 1,alter 2,rating 2,alter_sector 2,alter 3,rating 3,alter_sector 3,age
    a,Björn Berg,5,,cecilia ek,4,,Bjorn Berg,2,,40
    b,Åsa Öberg,3,,Nalle,5,,,,,31
    c,Dan Ek,2,,Ek,3,residents,Police,,,55
    ,,,,,,,,,,

    """

  static func nominations(_ text: String, columns: InterviewFiles.NominationColumns = .init())
    throws(FormatError) -> ([Nomination], [String])
  {
    var notes: [String] = []
    let n = try InterviewFiles.nominations(
      Data(text.utf8), file: "w.csv", columns: columns, notes: &notes)
    return (n, notes)
  }

  static func said(_ n: [Nomination]) -> [String] {
    n.map {
      "\($0.respondent)>\($0.alter):\($0.rating.map(formatNumber) ?? "-"):\($0.reported["alter_sector"]?.description ?? "")"
    }.sorted()
  }

  @Test func theWideTableGivesTheLongTablesNominationsAndNetwork() throws {
    let (wide, notes) = try Self.nominations(Self.wideCSV)
    let long = try InterviewFiles.nominations(
      Data(InterviewTests.nominationsCSV.utf8), file: "n.csv")
    #expect(Self.said(wide) == Self.said(long))
    #expect(wide.count == 8)
    // Where each came from: c's third name, 'Police', is on line 4 at the 28th character.
    let police = try #require(wide.first { $0.alter == "Police" })
    #expect(police.line == 4 && police.alterColumn == 28 && police.respondentColumn == 1)
    #expect(
      notes == [
        "w.csv: read as a wide table, one row per respondent: 3 numbered names ('alter 1' to 'alter 3'), each with its rating ('rating 1' to 'rating 3'); 8 nominations; what was said of each: 'alter_sector'; not read, as it is not numbered like the names (about the respondent, not one of those named; a roster column holds that): 'age'"
      ], "\(notes)")
    for rule in [Symmetrization.none, .max, .confirmed] {
      let o = InterviewOptions(scale: RatingScale(lower: 1, upper: 5)!, symmetrize: rule)
      let fromWide = try InterviewNetwork(
        InterviewNetwork.Inputs(
          nominations: wide, nominationsFile: "w.csv", roster: try InterviewTests.roster()),
        options: o)
      let fromLong = try InterviewTests.build(rule)
      #expect(
        InterviewTests.ties(fromWide.network).sorted()
          == InterviewTests.ties(fromLong.network).sorted(), "\(rule)")
      // The account counts the rows and the nominations in them, and places each by its
      // line and the name's column: a's third name, 'Bjorn Berg', a second naming of
      // Björn Berg, starts at the 31st character of line 2.
      let account = fromWide.account.markdown
      #expect(
        account.contains("- rows read: 3, with 8 nominations (several to a row"), "\(account)")
      #expect(account.contains("(w.csv line 2:31)"), "\(account)")
      #expect(fromLong.account.markdown.contains("- rows read: 8\n"))
    }
  }

  @Test func numberedColumnsAreFoundAsSpreadsheetsWriteThem() throws {
    for (names, ratings) in [
      ("alter1", "rating1"), ("Alter (1)", "Rating (1)"), ("name [1]", "trust [1]"),
      ("Nominee_1", "Rating-1"), ("alter #1", "rating #1"),
    ] {
      let second = names.replacingOccurrences(of: "1", with: "2")
      let secondRating = ratings.replacingOccurrences(of: "1", with: "2")
      let (n, _) = try Self.nominations(
        "respondent,\(names),\(ratings),\(second),\(secondRating)\na,b,3,c,4\n")
      #expect(Self.said(n) == ["a>b:3:", "a>c:4:"], "\(names)")
    }
    // Columns named as the researcher wrote them, without their numbers.
    let (n, _) = try Self.nominations(
      "Respondent;Nominerad 1;Betyg 1;Nominerad 2;Betyg 2\nAnna;Bo;4,5;Cilla;3\n",
      columns: .init(alter: "Nominerad", rating: "Betyg"))
    #expect(Self.said(n) == ["Anna>Bo:4.5:", "Anna>Cilla:3:"])
  }

  /// Refused at the header cell (its field number, as the CSV reader places header errors).
  @Test func numbersThatDoNotPairUpAreRefused() {
    func message(_ text: String) -> String? {
      do {
        _ = try Self.nominations(text)
        return nil
      } catch { return "\(error.line):\(error.column): \(error.message)" }
    }
    #expect(
      message("respondent,alter 1,rating 1,alter 2\na,b,3,c\n")
        == "1:4: 'alter 2' names someone, but no column holds their rating (the ratings are 'rating 1')"
    )
    #expect(
      message("respondent,alter 1,rating 1,rating 2\na,b,3,4\n")
        == "1:4: 'rating 2' is a rating, but no column names whom it rates (the names are 'alter 1')"
    )
    #expect(
      message("respondent,alter 1,alter 2\na,b,c\n")?.contains(
        "1:2: the nominations table is wide (one row per respondent, with numbered names such as 'alter 1'), but has no numbered ratings such as 'rating 1'"
      ) == true)
    #expect(
      message("respondent,alter 1,alter_1,rating 1\na,b,c,3\n")
        == "1:3: the columns 'alter 1' and 'alter_1' are both name 1")
    // A rating with no one named beside it, on line 2 at the empty name.
    #expect(
      message("respondent,alter 1,rating 1,alter 2,rating 2\na,b,3,,4\n")
        == "2:7: 'rating 2' has a rating, but 'alter 2' names no one")
    #expect(message("respondent,alter 1,rating 1\n,b,3\n") == "2:1: the respondent is empty")
  }

  /// A long table is read as before, numbered columns beside it or not.
  @Test func aTableWithAPlainAlterColumnIsLong() throws {
    let (n, notes) = try Self.nominations("respondent,alter,rating,alter 2\na,b,3,x\n")
    #expect(n.count == 1 && n[0].reported["alter 2"] == .string("x") && notes.isEmpty)
  }

  /// What a survey researcher found (each a run that gave a wrong network without a word).
  @Test func numberingFromZeroAndNamedByItsFirstColumn() throws {
    let (zero, _) = try Self.nominations(
      "respondent,alter_0,rating_0,alter_1,rating_1\na,b,3,c,4\n")
    #expect(Self.said(zero) == ["a>b:3:", "a>c:4:"])
    // `--alter-column "alter 1"` (as the error's hint led one to write) stands for all numbers.
    let (first, notes) = try Self.nominations(
      "respondent,alter 1,rating 1,alter 2,rating 2\na,b,3,c,4\n",
      columns: .init(alter: "alter 1", rating: "rating 1"))
    #expect(Self.said(first) == ["a>b:3:", "a>c:4:"] && notes.first?.contains("wide") == true)
    // LimeSurvey's subquestion codes; a question's mark after the number.
    let (lime, _) = try Self.nominations(
      "respondent,alter[SQ001],rating[SQ001],alter[SQ002],rating[SQ002]\na,b,3,c,4\n")
    #expect(Self.said(lime) == ["a>b:3:", "a>c:4:"])
    let (asked, _) = try Self.nominations(
      "respondent,Person 1?,How much? 1,Person 2?,How much? 2\na,b,3,c,4\n",
      columns: .init(alter: "Person", rating: "How much?"))
    #expect(Self.said(asked) == ["a>b:3:", "a>c:4:"])
  }

  @Test func aPlainNameColumnBesideNumberedOnes() throws {
    // The respondent's own `name` beside numbered names, no plain rating: wide, `name` unread.
    let (n, notes) = try Self.nominations("respondent,name,alter 1,rating 1\na,Eva,b,3\n")
    #expect(Self.said(n) == ["a>b:3:"] && notes.first?.contains("'name'") == true)
    // Plain name and rating columns and numbered ones: which are the nominations is not clear.
    #expect(throws: FormatError.self) {
      try Self.nominations("respondent,name,trust,alter 1,rating 1\na,Eva,2,b,3\n")
    }
  }

  @Test func emptySlotsAndRespondentsWhoNamedNoOne() throws {
    let (n, notes) = try Self.nominations(
      "respondent,alter 1,rating 1,alter 2,rating 2\na,b,3,NA,NA\nc,n/a,,,\na,d,2,,\n")
    #expect(Self.said(n) == ["a>b:3:", "a>d:2:", "c>:-:"])
    #expect(notes.contains { $0.contains("1 respondent names no one ('c')") }, "\(notes)")
    #expect(
      notes.contains { $0.hasPrefix("w.csv: 'a' has 2 rows (lines 2, 4)") }, "\(notes)")
    // c is a respondent in the network, with no tie.
    let net = try InterviewNetwork(
      InterviewNetwork.Inputs(
        nominations: n, nominationsFile: "w.csv", roster: try InterviewTests.roster()),
      options: InterviewOptions(scale: RatingScale(lower: 1, upper: 5)!))
    let c = try #require(net.network.index(of: "c"))
    #expect(net.network.nodes[c].attributes["respondent"] == .boolean(true))
    #expect(net.account.namedNoOne.map(\.line) == [3])
    #expect(net.account.markdown.contains("respondents who named no one"))
    // What is said of no one is refused, not lost.
    #expect(throws: FormatError.self) {
      try Self.nominations("respondent,alter 1,rating 1,sector 1\na,,,school\n")
    }
  }

  @Test func numberedQuestionsLayersAndWaves() throws {
    // Qualtrics: Q2 (the respondent's department) is no question about those named.
    let (q, qNotes) = try Self.nominations(
      "Q1,Q2,Q3_1,Q4_1,Q3_2,Q4_2\na,Police,b,3,c,4\n",
      columns: .init(respondent: "Q1", alter: "Q3", rating: "Q4"))
    #expect(Self.said(q) == ["a>b:3:", "a>c:4:"] && q.allSatisfy { $0.reported.isEmpty })
    #expect(qNotes.first?.contains("'Q2'") == true, "\(qNotes)")
    // A numbered layer is each nomination's own.
    let (l, _) = try Self.nominations(
      "respondent,alter 1,rating 1,layer 1,alter 2,rating 2,layer 2\na,b,3,advice,c,4,trust\n")
    #expect(l.map { $0.layer ?? "-" } == ["advice", "trust"])
    #expect(throws: FormatError.self) {
      try Self.nominations("respondent,alter 1,rating 1,sector 1,Sector_1\na,b,3,x,y\n")
    }
  }
  /// Qualtrics's export: two more header rows (the questions, their import ids) and metadata.
  @Test func aQualtricsExportSkipsItsSecondAndThirdHeaderRows() throws {
    let csv = """
      StartDate,ResponseId,Q1,Q3_1,Q4_1,Q3_2,Q4_2
      Start Date,Response ID,Your name,Whom do you trust? - 1,How much? - 1,Whom do you trust? - 2,How much? - 2
      "{""ImportId"":""startDate"",""timeZone"":""Europe/Stockholm""}","{""ImportId"":""_recordId""}","{""ImportId"":""QID1_TEXT""}","{""ImportId"":""QID3_1""}","{""ImportId"":""QID4_1""}","{""ImportId"":""QID3_2""}","{""ImportId"":""QID4_2""}"
      2026-11-02 10:00:00,R_1,a,b,3,c,4

      """
    let (n, notes) = try Self.nominations(
      csv, columns: .init(respondent: "Q1", alter: "Q3", rating: "Q4"))
    #expect(Self.said(n) == ["a>b:3:", "a>c:4:"])
    #expect(n.first?.line == 4)
    #expect(notes.first?.contains("read as a Qualtrics export") == true, "\(notes)")
    #expect(notes.contains { $0.contains("'StartDate', 'ResponseId'") }, "\(notes)")
  }
  /// The number inside a column's name (ODK and Ona's `alters[1]/alter_name`, Google Forms'
  /// `Person 1 you trust`), named by its first column: every number is read (only the first was).
  @Test func numbersInsideTheColumnsName() throws {
    let (ona, _) = try Self.nominations(
      "respondent,alters[1]/alter_name,alters[1]/trust,alters[2]/alter_name,alters[2]/trust\na,b,3,c,4\n",
      columns: .init(alter: "alters[1]/alter_name", rating: "alters[1]/trust"))
    #expect(Self.said(ona) == ["a>b:3:", "a>c:4:"])
    // What was said of each, with the number inside too: `alters[1]/alter_sector` is
    // alter_sector, as `alter_sector 1` is; a column with one number among two people
    // (`group[1]/note`) is about the respondent.
    let (said, saidNotes) = try Self.nominations(
      "respondent,alters[1]/alter_name,alters[1]/trust,alters[1]/alter_sector,alters[2]/alter_name,alters[2]/trust,alters[2]/alter_sector,group[1]/note\na,b,3,police,c,4,school,x\n",
      columns: .init(alter: "alters[1]/alter_name", rating: "alters[1]/trust"))
    #expect(Self.said(said) == ["a>b:3:police", "a>c:4:school"])
    // Numbered inside another group (`household[1]/alter_sector`): not said of those named.
    let (household, householdNotes) = try Self.nominations(
      "respondent,alters[1]/alter_name,alters[1]/trust,alters[2]/alter_name,alters[2]/trust,household[1]/alter_sector,household[2]/alter_sector\na,b,3,c,4,x,y\n",
      columns: .init(alter: "alters[1]/alter_name", rating: "alters[1]/trust"))
    #expect(Self.said(household) == ["a>b:3:", "a>c:4:"])
    #expect(
      householdNotes.first?.contains("'household[1]/alter_sector', 'household[2]/alter_sector'")
        == true, "\(householdNotes)")
    #expect(
      saidNotes.first?.contains(
        "what was said of each: 'alter_sector'; not read, as it is not numbered like the names (about the respondent, not one of those named; a roster column holds that): 'group[1]/note'"
      ) == true, "\(saidNotes)")
    let (forms, _) = try Self.nominations(
      "Your name,Person 1 you trust,How much do you trust person 1?,Person 2 you trust,How much do you trust person 2?\na,b,3,,\nc,a,5,b,2\n",
      columns: .init(
        respondent: "Your name", alter: "Person 1 you trust",
        rating: "How much do you trust person 1?"))
    #expect(Self.said(forms) == ["a>b:3:", "c>a:5:", "c>b:2:"])
  }
  /// Found by a second probe: repeats by layer, repeats spelled apart, an empty row beside a
  /// full one, a plain name column beside numbered ones.
  @Test func repeatsEmptyRowsAndPlainColumns() throws {
    // Rows of different layers are not repeats; rows spelled apart are.
    let (_, byLayer) = try Self.nominations(
      "respondent,layer,alter 1,rating 1\na,trust,b,3\na,advice,b,2\n")
    #expect(!byLayer.contains { $0.contains("rows (lines") }, "\(byLayer)")
    let (_, spelled) = try Self.nominations(
      "respondent,alter 1,rating 1\nJonas Berg,b,3\njonas  berg,c,2\n")
    #expect(spelled.contains { $0.contains("'Jonas Berg' has 2 rows (lines 2, 3)") }, "\(spelled)")
    // An empty row beside a full one: she named someone.
    let (n, notes) = try Self.nominations("respondent,alter 1,rating 1\na,b,3\na,,\n")
    #expect(Self.said(n) == ["a>b:3:"] && !notes.contains { $0.contains("names no one") })
    // A plain 'alter' beside 'alter 1': refused at the plain column.
    #expect(throws: FormatError.self) {
      try Self.nominations("respondent,alter,alter 1,rating 1\na,b,c,5\n")
    }
  }
}
