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

  @Test func numbersThatDoNotPairUpAreRefused() {
    func message(_ text: String) -> String? {
      do {
        _ = try Self.nominations(text)
        return nil
      } catch { return "\(error.line):\(error.column): \(error.message)" }
    }
    #expect(
      message("respondent,alter 1,rating 1,alter 2\na,b,3,c\n")
        == "1:1: 'alter 2' names someone, but no column holds their rating (the ratings are 'rating 1')"
    )
    #expect(
      message("respondent,alter 1,rating 1,rating 2\na,b,3,4\n")
        == "1:1: 'rating 2' is a rating, but no column names whom it rates (the names are 'alter 1')"
    )
    #expect(
      message("respondent,alter 1,alter 2\na,b,c\n")?.contains(
        "1:1: the nominations table is wide (one row per respondent, with numbered names such as 'alter 1'), but has no numbered ratings such as 'rating 1'"
      ) == true)
    #expect(
      message("respondent,alter 1,alter_1,rating 1\na,b,c,3\n")
        == "1:1: the columns 'alter 1' and 'alter_1' are both name 1")
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
}
