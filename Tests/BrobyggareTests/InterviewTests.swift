import Foundation
import Testing

@testable import Brobyggare

/// Interviews to networks. Every expected value here is worked by hand from the small case in
/// `handCase` (its comments give the reports); no reference tool has these rules.
@Suite("Interviews: name resolution, rating scale, symmetrisation, non-respondents")
struct InterviewTests {
  @Test func normalisationFoldsCaseDiacriticsAndPunctuation() {
    #expect(NameMatching.normalise("  Åsa   Öberg-Lind ") == "asa oberg lind")
    #expect(NameMatching.normalise("Søren Kierkegaard") == "soren kierkegaard")
    #expect(NameMatching.normalise("Women's Network, Norr") == "women s network norr")
    #expect(NameMatching.normalise("ÆBLE straße") == "aeble strasse")
    #expect(NameMatching.normalise("Łukasz") == "lukasz")
    #expect(NameMatching.normalise("ＡＢＣ") == "abc")  // full-width letters (compatibility mapping)
    #expect(NameMatching.normalise("...") == "")
  }

  @Test func editDistance() {
    #expect(NameMatching.editDistance("kitten", "sitting") == 3)
    #expect(NameMatching.editDistance("", "abc") == 3)
    #expect(NameMatching.editDistance("flaw", "lawn") == 2)
    #expect(NameMatching.editDistance("åsa", "asa") == 1)
  }

  static func roster() throws -> Roster {
    try Roster([
      RosterEntry(id: "a", label: "Åsa Öberg", kind: .person, interviewed: true),
      RosterEntry(id: "b", label: "Björn Berg", kind: .person, aliases: ["Nalle"]),
      RosterEntry(id: "c", label: "Cecilia Ek", kind: .person),
      RosterEntry(id: "d", label: "Dan Ek", kind: .person, interviewed: false),
      RosterEntry(id: "o", label: "Police", kind: .organisation, aliases: ["polisen"]),
      RosterEntry(id: "x1", label: "Anna Svensson", kind: .person),
      RosterEntry(id: "x2", label: "Anna Svensson", kind: .person),
    ])
  }

  @Test func resolverByIDLabelAliasAndNeverBetweenTwoEntries() throws {
    var r = NameResolver(roster: try Self.roster())
    #expect(r.resolve("a") == .entry(0))
    #expect(r.resolve("asa OBERG") == .entry(0))
    #expect(r.resolve("nalle") == .entry(1))
    #expect(r.resolve("Polisen") == .entry(4))
    #expect(r.resolve("Anna Svensson") == .ambiguous([5, 6]))
    #expect(r.resolve("Bjrn Berg") == .unmatched)
    let s = r.suggestions(for: "Bjrn Berg")
    #expect(s.first == NameSuggestion(entry: 1, name: "Björn Berg", distance: 1))
    // A name said surname first, or by one word, is suggested by its words (a probe found no
    // suggestion for either; the distances are the edit distances as they are: "berg bjorn"
    // to "bjorn berg" is 6, by a Levenshtein computed in Python).
    #expect(
      r.suggestions(for: "Berg Björn") == [
        NameSuggestion(entry: 1, name: "Björn Berg", distance: 6)
      ]
    )
    #expect(r.suggestions(for: "Cecilia").map(\.entry) == [2])
    #expect(r.suggestions(for: "Ek").map(\.entry) == [2, 3])
    // A researcher's decision comes first.
    r.decide("Anna Svensson", .entry(6))
    r.decide("the kiosk man", .newNode)
    #expect(r.resolve("anna svensson") == .entry(6))
    #expect(r.resolve("The Kiosk-Man") == .newNode)
    // Two people whose names fold alike: a name written as one of them is theirs; folded, it
    // is either's (a probe found one decision in the review file given to both).
    let two = NameResolver(
      roster: try Roster([
        RosterEntry(id: "p1", label: "Åsa Lindqvist"),
        RosterEntry(id: "p3", label: "Asa Lindqvist", aliases: ["Åsa L"]),
        RosterEntry(id: "p4", label: "Åsa L"),
      ]))
    #expect(two.resolve(" Åsa Lindqvist") == .entry(0))
    #expect(two.resolve("Asa Lindqvist") == .entry(1))
    #expect(two.resolve("asa lindqvist") == .ambiguous([0, 1]))
    // Written exactly as one entry's alias and another's label: still either's.
    #expect(two.resolve("Åsa L") == .ambiguous([1, 2]))
  }

  @Test func ratingScaleMapsToTrust() throws {
    let s = try #require(RatingScale(parsing: "1..5"))
    #expect([1.0, 2, 3, 4, 5].map { s.trust($0)! } == [0.2, 0.4, 0.6, 0.8, 1.0])
    #expect(s.trust(0) == nil && s.trust(6) == nil)
    let t = try #require(RatingScale(parsing: "0..10"))
    #expect(t.trust(0) == 1.0 / 11 && t.trust(10) == 1)
    #expect(t.rule == "(r + 1) / 11" && s.rule == "r / 5")
    #expect(RatingScale(parsing: "5..1") == nil && RatingScale(parsing: "1-5") == nil)
  }

  /// Reports (scale 1..5): a→b 5 (1.0), b→a 3 (0.6), a→c 4 (0.8), c→d 2 (0.4); d was not
  /// interviewed. Left out: b naming its own alias (line 6), a second a→b with a lower rating
  /// (line 7, merged), an unmatched 'Ek' (line 8), the police without a rating (line 9).
  static let nominationsCSV = """
    respondent,alter,rating,alter_sector
    a,Björn Berg,5,
    b,Åsa Öberg,3,
    a,cecilia ek,4,
    c,Dan Ek,2,
    b,Nalle,5,
    a,Bjorn Berg,2,
    c,Ek,3,residents
    c,Police,,

    """

  static func build(
    _ symmetrize: Symmetrization, _ treatment: NonRespondentTreatment = .keep,
    unresolved: UnresolvedNameTreatment = .drop
  ) throws -> InterviewNetwork {
    let noms = try InterviewFiles.nominations(Data(nominationsCSV.utf8), file: "n.csv")
    let inputs = InterviewNetwork.Inputs(
      nominations: noms, nominationsFile: "n.csv", roster: try roster())
    var o = InterviewOptions(
      scale: RatingScale(lower: 1, upper: 5)!, symmetrize: symmetrize, nonRespondents: treatment)
    o.unresolved = unresolved
    return try InterviewNetwork(inputs, options: o)
  }

  /// The ties as "u-v:trust" with ids sorted within undirected pairs.
  static func ties(_ n: Network) -> [String] {
    n.ties.map { t in
      var (u, v) = (n.nodes[t.source].id, n.nodes[t.target].id)
      if !n.isDirected && u > v { swap(&u, &v) }
      return "\(u)\(n.isDirected ? ">" : "-")\(v):\(formatNumber(t.trust!))"
    }.sorted()
  }

  @Test func asReportedWithDuplicatesSelfNominationsAndMissingRatings() throws {
    let r = try Self.build(.none)
    #expect(r.network.isDirected)
    #expect(Self.ties(r.network) == ["a>b:1", "a>c:0.8", "b>a:0.6", "c>d:0.4"])
    #expect(r.account.duplicates == [SourceLine(file: "n.csv", line: 7)])
    #expect(
      r.account.dropped.map(\.reason) == [
        "the respondent names themself", "the name given is not resolved (see the review file)",
        "no rating",
      ])
    #expect(r.account.dropped.map { $0.rows.map(\.line) } == [[6], [8], [9]])
    let status = r.network.nodes.map { $0.attributes["status"]!.description }
    #expect(
      status == [
        "respondent", "respondent", "respondent", "nominated-only", "roster-only", "roster-only",
        "roster-only",
      ])
    #expect(r.account.respondents == 3 && r.account.nominatedOnly == 1 && r.account.rosterOnly == 3)
    let reciprocated = r.network.ties.map {
      "\(r.network.nodes[$0.source].id)>\(r.network.nodes[$0.target].id)=\($0.attributes["reciprocated"]!)"
    }
    #expect(reciprocated == ["a>b=true", "b>a=true", "a>c=false", "c>d=false"])
    #expect(r.unresolved.map(\.name) == ["Ek"])
    #expect(r.unresolved[0].said == ["alter_sector=residents"])
    // A surname alone is suggested by its word: both Eks, in roster order.
    #expect(
      r.reviewCSV.hasPrefix(
        "name,id,status,used_as,rows,count,suggestions,said\nEk,,unmatched,alter,n.csv:8,1,\"c (Cecilia Ek, distance 8); d (Dan Ek, distance 4)\",alter_sector=residents\n"
      ))
    #expect(r.network.attributes["symmetrize"] == .string("none"))
  }

  @Test(arguments: [
    (Symmetrization.max, ["a-b:1", "a-c:0.8", "c-d:0.4"], 0),
    (.min, ["a-b:0.6"], 2),
    (.confirmed, ["a-b:0.8"], 2),
    // c was interviewed and did not name a: that direction counts 0. d could not answer: left out.
    (.mean, ["a-b:0.8", "a-c:0.4", "c-d:0.4"], 0),
    (.any, ["a-b:0.8", "a-c:0.8", "c-d:0.4"], 0),
  ])
  func symmetrisationRules(_ rule: Symmetrization, _ want: [String], _ unconfirmed: Int) throws {
    let r = try Self.build(rule)
    #expect(!r.network.isDirected)
    #expect(Self.ties(r.network) == want)
    #expect(r.account.unconfirmedPairs == unconfirmed)
  }

  @Test func reconstructionFillsTheSilentSide() throws {
    let directed = try Self.build(.none, .reconstruct)
    #expect(Self.ties(directed.network) == ["a>b:1", "a>c:0.8", "b>a:0.6", "c>d:0.4", "d>c:0.4"])
    #expect(directed.account.reconstructedTies == 1)
    let dc = try #require(
      directed.network.ties.first { directed.network.nodes[$0.source].id == "d" })
    #expect(
      dc.attributes["reconstructed"] == .boolean(true)
        && dc.attributes["reciprocated"] == .boolean(false))
    // Under min, the reconstructed pair is now confirmed; a-c is still one-sided (c answered).
    #expect(Self.ties(try Self.build(.min, .reconstruct).network) == ["a-b:0.6", "c-d:0.4"])
  }

  @Test func droppingNonRespondents() throws {
    let r = try Self.build(.none, .drop)
    #expect(r.network.nodes.map(\.id) == ["a", "b", "c"])
    #expect(Self.ties(r.network) == ["a>b:1", "a>c:0.8", "b>a:0.6"])
    #expect(r.account.droppedNodes == 4 && r.account.tiesDroppedWithNodes == 1)
  }

  @Test func unresolvedNamesAsNewNodesTakeWhatWasSaid() throws {
    let r = try Self.build(.none, unresolved: .new)
    let ek = try #require(r.network[id: "Ek"])
    #expect(
      ek.attributes["sector"] == .string("residents")
        && ek.attributes["in_roster"] == .boolean(false))
    #expect(Self.ties(r.network).contains("c>Ek:0.6"))
    #expect(r.account.addedNodes == 1)
    #expect(r.unresolved.map(\.name) == ["Ek"], "a name made a node is still listed for review")
  }

  @Test func ratingOutsideTheScaleNamesTheCell() throws {
    let noms = try InterviewFiles.nominations(
      Data("respondent,alter,rating\na,b,3\na,c,7\n".utf8), file: "n.csv")
    let inputs = InterviewNetwork.Inputs(
      nominations: noms, nominationsFile: "n.csv", roster: try Self.roster())
    #expect(
      throws: FormatError(
        file: "n.csv", line: 3, column: 5, "the rating 7 is outside the scale 1..5")
    ) {
      try InterviewNetwork(
        inputs, options: InterviewOptions(scale: RatingScale(lower: 1, upper: 5)!))
    }
  }

  /// One run names every rating outside the scale (the first ten), not only the first; a
  /// survey's code for no answer gets the way to write it.
  @Test func ratingsOutsideTheScaleAreNamedTogether() throws {
    func message(_ csv: String) throws -> String? {
      let noms = try InterviewFiles.nominations(Data(csv.utf8), file: "n.csv")
      let inputs = InterviewNetwork.Inputs(
        nominations: noms, nominationsFile: "n.csv", roster: try Self.roster())
      do {
        _ = try InterviewNetwork(
          inputs, options: InterviewOptions(scale: RatingScale(lower: 1, upper: 5)!))
        return nil
      } catch let e as FormatError { return "\(e.line):\(e.column): \(e.message)" }
    }
    let rows = (0..<12).map { "a,c,\($0 % 2 == 0 ? 0 : 6)\n" }.joined()
    #expect(
      try message("respondent,alter,rating\na,b,3\n" + rows)
        == "3:5: the rating 0 is outside the scale 1..5; 11 more are: 6 on line 4, 0 on line 5, 6 on line 6, 0 on line 7, 6 on line 8, 0 on line 9, 6 on line 10, 0 on line 11, 6 on line 12, 0 on line 13, ..."
    )
    #expect(
      try message("respondent,alter,rating\na,b,0\nb,a,99\n")
        == "2:5: the rating 0 is outside the scale 1..5; 1 more is: 99 on line 3; if 0 and 99 stand for no answer, as surveys often code it, write NA or leave the cell empty (the row is then left out, and listed in the account)"
    )
    #expect(
      try message("respondent,alter,rating\na,b,0\nb,a,0\n")
        == "2:5: the rating 0 is outside the scale 1..5; 1 more is: 0 on line 3; if 0 stands for no answer, as surveys often code it, write NA or leave the cell empty (the row is then left out, and listed in the account)"
    )
  }

  @Test func severalWavesNeedAChoice() throws {
    let noms = try InterviewFiles.nominations(
      Data("respondent,alter,rating,wave\na,b,3,1\na,c,4,2\nb,a,2,2\n".utf8), file: "n.csv")
    let inputs = InterviewNetwork.Inputs(
      nominations: noms, nominationsFile: "n.csv", roster: try Self.roster())
    var o = InterviewOptions(scale: RatingScale(lower: 1, upper: 5)!)
    #expect(throws: InterviewError.severalWaves(["1", "2"])) {
      try InterviewNetwork(inputs, options: o)
    }
    o.wave = "2"
    let r = try InterviewNetwork(inputs, options: o)
    #expect(Self.ties(r.network) == ["a>c:0.8", "b>a:0.4"] && r.account.otherWaveRows == 1)
    o.wave = "3"
    #expect(throws: InterviewError.unknownWave("3", available: ["1", "2"])) {
      try InterviewNetwork(inputs, options: o)
    }
  }

  @Test func aliasTableDecisionsAndErrors() throws {
    let noms = try InterviewFiles.nominations(
      Data("respondent,alter,rating\na,Anna Svensson,3\na,kiosk man,4\n".utf8), file: "n.csv")
    var inputs = InterviewNetwork.Inputs(
      nominations: noms, nominationsFile: "n.csv", roster: try Self.roster())
    inputs.aliases = try InterviewFiles.aliases(
      Data("name,id\nanna svensson,x2\nKiosk Man,new\n".utf8), file: "al.csv")
    inputs.aliasesFile = "al.csv"
    let r = try InterviewNetwork(
      inputs, options: InterviewOptions(scale: RatingScale(lower: 1, upper: 5)!))
    #expect(Self.ties(r.network) == ["a>kiosk man:0.8", "a>x2:0.6"] && r.unresolved.isEmpty)
    inputs.aliases = try InterviewFiles.aliases(
      Data("name,id\nanna svensson,zz\n".utf8), file: "al.csv")
    #expect(
      throws: FormatError(
        file: "al.csv", line: 2, column: 15,
        "the id 'zz' is not in the roster; give a roster id, 'new', or leave it empty")
    ) {
      try InterviewNetwork(
        inputs, options: InterviewOptions(scale: RatingScale(lower: 1, upper: 5)!))
    }
  }

  /// Several alias tables: agreeing rows are fine, differing ones name both places; the review
  /// file that replaces one keeps its decisions (used or not) and the columns added to it.
  @Test func severalAliasTablesAndTheReviewFileThatReplacesOne() throws {
    let noms = try InterviewFiles.nominations(
      Data("respondent,alter,rating\na,Anna Svensson,3\na,kiosk man,4\na,Bjrn Berg,2\n".utf8),
      file: "n.csv")
    var inputs = InterviewNetwork.Inputs(
      nominations: noms, nominationsFile: "n.csv", roster: try Self.roster())
    let table = try InterviewFiles.aliases(Data("name,id\nNalle B,b\n".utf8), file: "table.csv")
    let review = try InterviewFiles.aliases(
      Data(
        "name,id,status,note\nAnna Svensson,x2,ambiguous,asked\nBjrn Berg,,unmatched,spelling?\nnalle b,b,,\nGone,new,,from an earlier draft\n"
          .utf8), file: "review.csv")
    #expect(
      review[0].file == "review.csv"
        && review[0].notes == [AliasNote(column: "note", text: "asked")])
    inputs.aliases = table + review
    let options = InterviewOptions(scale: RatingScale(lower: 1, upper: 5)!)
    let r = try InterviewNetwork(inputs, options: options)
    #expect(Self.ties(r.network) == ["a>x2:0.6"])
    #expect(
      r.unresolved.map(\.name) == ["kiosk man", "Bjrn Berg"]
        && r.decided.map(\.name) == ["Anna Svensson"])
    #expect(
      r.reviewCSV(keeping: review) == """
        name,id,status,used_as,rows,count,suggestions,said,note
        Anna Svensson,x2,ambiguous,alter,n.csv:2,1,x1 (Anna Svensson); x2 (Anna Svensson),,asked
        kiosk man,,unmatched,alter,n.csv:3,1,,,
        Bjrn Berg,,unmatched,alter,n.csv:4,1,"b (Björn Berg, distance 1)",,spelling?
        nalle b,b,unmatched,,,0,"b (Nalle, distance 2)",,
        Gone,new,unmatched,,,0,,,from an earlier draft

        """)
    // Without a review to keep, only the names left to review.
    #expect(
      r.reviewCSV
        == "name,id,status,used_as,rows,count,suggestions,said\nkiosk man,,unmatched,alter,n.csv:3,1,,\nBjrn Berg,,unmatched,alter,n.csv:4,1,\"b (Björn Berg, distance 1)\",\n"
    )

    inputs.aliases =
      table + (try InterviewFiles.aliases(Data("name,id\nNALLE-B,new\n".utf8), file: "review.csv"))
    #expect(
      throws: FormatError(
        file: "review.csv", line: 2, column: 9,
        "the name 'NALLE-B' is decided as 'new' in review.csv line 2 but as 'b' in table.csv line 2 (written 'Nalle B'); decide it once, or the same in both"
      )
    ) {
      try InterviewNetwork(inputs, options: options)
    }
  }

  @Test func rosterAndNominationFileErrors() {
    #expect(
      throws: FormatError(
        file: "r.csv", line: 3, column: 1, "the id 'a' appears twice in the roster")
    ) {
      try InterviewFiles.roster(Data("id,label\na,A\na,B\n".utf8), file: "r.csv")
    }
    #expect(
      throws: FormatError(
        file: "r.csv", line: 2, column: 3,
        "'interviewed' must be true or false (or yes/no, 1/0), not 'maybe'")
    ) {
      try InterviewFiles.roster(Data("id,interviewed\na,maybe\n".utf8), file: "r.csv")
    }
    #expect(
      throws: FormatError(
        file: "n.csv", line: 1, column: 1,
        "the nominations table has no 'rating' column; its columns are respondent, alter; name it with --rating-column"
      )
    ) {
      try InterviewFiles.nominations(Data("respondent,alter\na,b\n".utf8), file: "n.csv")
    }
    #expect(
      throws: FormatError(
        file: "n.csv", line: 2, column: 5, "the rating 'lots' is not a finite number")
    ) {
      try InterviewFiles.nominations(
        Data("respondent,alter,rating\na,b,lots\n".utf8), file: "n.csv")
    }
  }
}

/// Found by a probe as a researcher: columns of waves or relations under other names, an empty
/// layer, a name two roster entries share, and what respondents said of an added person in
/// different ways.
@Suite("Interviews: waves and relations under other names, shared names")
struct InterviewColumnProbeTests {
  static func build(
    _ csv: String, columns: InterviewFiles.NominationColumns = .init(),
    unresolved: UnresolvedNameTreatment = .drop, wave: String? = nil
  ) throws -> InterviewNetwork {
    var notes: [String] = []
    let noms = try InterviewFiles.nominations(
      Data(csv.utf8), file: "n.csv", columns: columns, notes: &notes)
    return try InterviewNetwork(
      InterviewNetwork.Inputs(
        nominations: noms, nominationsFile: "n.csv", roster: try InterviewTests.roster()),
      options: InterviewOptions(
        scale: RatingScale(lower: 1, upper: 5)!, unresolved: unresolved, wave: wave))
  }

  @Test func aWaveColumnOfAnotherNameIsNamedWhereItsRowsWouldMerge() throws {
    let csv = "respondent,alter,rating,Våg\na,b,4,1\na,c,5,1\na,b,2,2\na,c,5,2\nb,a,3,2\n"
    // Read as what was said: the waves' rows are duplicates, and the note names the column.
    let merged = try Self.build(csv)
    #expect(merged.account.duplicates.count == 2)
    #expect(
      merged.account.notes == [
        "2 duplicates merged differ from the first report of the pair in 'Våg' ('1' at n.csv:2, '2' at n.csv:4); if 'Våg' tells waves or relations apart, name it with --wave-column or --layer-column, as the rows are otherwise one report, the highest rating kept"
      ], "\(merged.account.notes)")
    #expect(merged.account.markdown.contains("## Notes\n\n- 2 duplicates merged differ"))
    // Named as the waves' column, it is one.
    #expect(throws: InterviewError.severalWaves(["1", "2"])) {
      try Self.build(csv, columns: .init(wave: "Våg"))
    }
    let second = try Self.build(csv, columns: .init(wave: "våg"), wave: "2")
    #expect(second.account.duplicates.isEmpty && second.account.notes.isEmpty)
    #expect(InterviewTests.ties(second.network).contains("a>b:0.4"), "\(second.network.ties)")
    // A relation's column likewise: two layers, no duplicate.
    let layers = try Self.build(
      "respondent,alter,rating,Relation\na,b,4,samarbete\na,b,2,förtroende\n",
      columns: .init(layer: "Relation"))
    #expect(
      Set(layers.network.layers) == ["samarbete", "förtroende"] && layers.account.notes.isEmpty)
    // A column named that is not there is refused with the columns there are.
    #expect {
      try Self.build(csv, columns: .init(layer: "Lager"))
    } throws: { e in "\(e)".contains("there is no column 'Lager' (named by --layer-column)") }
  }

  @Test func anEmptyLayerOrWaveIsRefusedWhereOtherRowsSayTheirs() throws {
    #expect {
      try Self.build("respondent,alter,rating,layer\na,b,4,samarbete\na,c,3,\n")
    } throws: { e in
      "\(e)"
        == "n.csv:3:7: error: the layer ('layer') is empty, where the other rows say theirs; fill it in, or delete the row"
    }
    #expect {
      try Self.build("respondent,alter,rating,wave\na,b,4,\na,c,3,2\n")
    } throws: { e in "\(e)".hasPrefix("n.csv:2:7: error: the wave ('wave') is empty") }
    // A column left empty throughout says nothing: the default layer, as without it.
    let r = try Self.build("respondent,alter,rating,layer\na,b,4,\n")
    #expect(r.network.layers == ["trust"])
  }

  @Test func aSharedNameIsNeverANewNodeAndAnAddedNodeKeepsWhatWasFirstSaid() throws {
    // 'Anna Svensson' is x1's and x2's label: with --unresolved new it stays for review, and
    // no third Anna Svensson is made.
    let r = try Self.build(
      "respondent,alter,rating,sector\na,Anna Svensson,4,\na,Stranger,4,police\nb,Stranger,3,municipality\n",
      unresolved: .new)
    #expect(r.network.nodes.filter { $0.label == "Anna Svensson" }.count == 2)
    #expect(r.unresolved.map(\.name).sorted() == ["Anna Svensson", "Stranger"])
    #expect(r.account.dropped.map(\.rows.count) == [1], "\(r.account.dropped)")
    // Said as often each way: the first said is kept, and the note says so.
    let stranger = try #require(r.network[id: "Stranger"])
    #expect(stranger.attributes["sector"] == .string("police"), "\(stranger)")
    #expect(
      r.account.notes == [
        "'Stranger' (added, not in the roster): 'sector' was said as 'police' 1 time, 'municipality' 1 time; 'police' is kept, the first of those said most often"
      ], "\(r.account.notes)")
  }

  /// A workbook of two sheets, one a wave each: the first is read, with a note naming the
  /// other, and `sheet` names the one to read; its rows are placed in their sheet.
  @Test func aWorkbooksOtherSheetsAreNamedAndOneMayBeChosen() throws {
    let header = ["respondent", "alter", "rating"]
    let book = XLSXFormat.workbook([
      .init(name: "Våg 1", header: header, rows: [[.text("a"), .text("b"), .integer(4)]]),
      .init(
        name: "Våg 2", header: header,
        rows: [[.text("a"), .text("b"), .integer(2)], [.text("a"), .text("Nobody"), .integer(3)]]),
    ])
    var notes: [String] = []
    let first = try InterviewFiles.nominations(book, file: "n.xlsx", notes: &notes)
    #expect(first.map(\.rating) == [4])
    #expect(
      notes == [
        "n.xlsx: the sheet 'Våg 1' is read, the first of 2; 'Våg 2' is not read; name the sheet with --sheet"
      ],
      "\(notes)")
    notes = []
    let second = try InterviewFiles.nominations(
      book, file: "n.xlsx", columns: .init(sheet: "våg 2"), notes: &notes)
    #expect(second.map(\.rating) == [2, 3] && notes.isEmpty, "\(notes)")
    #expect(second.allSatisfy { $0.file == "n.xlsx[Våg 2]" }, "\(second)")
    let r = try InterviewNetwork(
      InterviewNetwork.Inputs(
        nominations: second, nominationsFile: "n.xlsx", roster: try InterviewTests.roster()),
      options: InterviewOptions(scale: RatingScale(lower: 1, upper: 5)!))
    #expect(r.reviewCSV.contains("Nobody,,unmatched,alter,n.xlsx[Våg 2]:3,1,"), "\(r.reviewCSV)")
    // A first sheet that is not the table: its error names the other sheets.
    let notesFirst = XLSXFormat.workbook([
      .init(name: "Notes", header: ["x"], rows: [[.text("read me")]]),
      .init(name: "Wave 1", header: header, rows: [[.text("a"), .text("b"), .integer(4)]]),
    ])
    #expect {
      try InterviewFiles.nominations(notesFirst, file: "m.xlsx", notes: &notes)
    } throws: { e in
      "\(e)".contains("m.xlsx[Notes]:1:1: error: the nominations table has no 'respondent' column")
        && "\(e)".contains("'Wave 1' is not read; name the sheet with --sheet)")
    }
    #expect {
      try InterviewFiles.nominations(
        book, file: "n.xlsx", columns: .init(sheet: "Wave 3"), notes: &notes)
    } throws: { e in
      "\(e)".contains(
        "the workbook has no sheet 'Wave 3' (named by --sheet); its sheets are 'Våg 1', 'Våg 2'")
    }
    #expect {
      try InterviewFiles.nominations(
        Data("respondent,alter,rating\n".utf8), file: "n.csv", columns: .init(sheet: "x"),
        notes: &notes)
    } throws: { e in "\(e)".contains("--sheet names a sheet of an Excel workbook") }
  }

  /// A person the roster marks interviewed with no row in the wave's nominations is said: a
  /// comparison of waves would read their silence as ties lost.
  @Test func aRespondentWithoutRowsInTheWaveIsSaid() throws {
    let r = try Self.build(
      "respondent,alter,rating,wave\na,b,4,1\nd,b,3,1\nd,b,3,2\n", wave: "2")
    // The roster marks a interviewed (d is marked not, and answered all the same).
    #expect(
      r.account.notes == [
        "1 person the roster marks interviewed has no row in the nominations of wave 2 ('a'): counted as a respondent who named no one. If they were not interviewed in this wave, give the wave a roster that marks them interviewed false: as respondents, their silence reads as no ties, and a comparison of waves reads it as ties lost"
      ], "\(r.account.notes)")
    let one = try Self.build("respondent,alter,rating,wave\na,b,4,1\nd,b,3,1\n")
    #expect(one.account.notes.isEmpty, "\(one.account.notes)")
  }

  /// A name read by its exact spelling where another roster name folds alike is said: a name
  /// written without its diacritics would be read as the other person.
  @Test func aNameReadByItsExactSpellingAmongAlikeIsSaid() throws {
    let roster = try Roster([
      RosterEntry(id: "p1", label: "Åsa Lindqvist", interviewed: true),
      RosterEntry(id: "p2", label: "Mohammed Ali", interviewed: true),
      RosterEntry(id: "p3", label: "Asa Lindqvist"),
    ])
    var notes: [String] = []
    let noms = try InterviewFiles.nominations(
      Data("respondent,alter,rating\np2,Asa Lindqvist,5\np2,Åsa Lindqvist,3\np1,p2,4\n".utf8),
      file: "n.csv", notes: &notes)
    let r = try InterviewNetwork(
      InterviewNetwork.Inputs(nominations: noms, nominationsFile: "n.csv", roster: roster),
      options: InterviewOptions(scale: RatingScale(lower: 1, upper: 5)!))
    #expect(InterviewTests.ties(r.network).sorted() == ["p1>p2:0.8", "p2>p1:0.6", "p2>p3:1"])
    #expect(
      r.account.notes == [
        "'Asa Lindqvist' is read as 'p3', whose name it is as written (1 use), though it folds alike with 'Åsa Lindqvist' ('p1'); where a row means that person with the diacritics left out, write the name so in it",
        "'Åsa Lindqvist' is read as 'p1', whose name it is as written (1 use), though it folds alike with 'Asa Lindqvist' ('p3'); where a row means that person with the diacritics left out, write the name so in it",
      ], "\(r.account.notes)")
  }

  /// A name that is one entry's id and another entry's alias goes to the id (ids are matched
  /// first), and that is said: a row meaning the other entry would be read as this one.
  @Test func aNameThatIsAnIDAndAnotherEntrysAliasIsSaid() throws {
    let roster = try Roster([
      RosterEntry(id: "kim", label: "Kim Berg", interviewed: true),
      RosterEntry(id: "p2", label: "Joakim Ek", aliases: ["Kim"], interviewed: true),
      RosterEntry(id: "p3", label: "Lo Ek"),
    ])
    var notes: [String] = []
    let noms = try InterviewFiles.nominations(
      Data("respondent,alter,rating\np2,kim,5\np3,kim,3\nkim,p3,4\n".utf8), file: "n.csv",
      notes: &notes)
    let r = try InterviewNetwork(
      InterviewNetwork.Inputs(nominations: noms, nominationsFile: "n.csv", roster: roster),
      options: InterviewOptions(scale: RatingScale(lower: 1, upper: 5)!))
    // By hand: every 'kim', alter or respondent, goes to the id kim (5/5 = 1, 3/5 = 0.6).
    #expect(
      InterviewTests.ties(r.network).sorted() == ["kim>p3:0.8", "p2>kim:1", "p3>kim:0.6"])
    #expect(
      r.account.notes.contains(
        "'kim' is read as the roster id 'kim' (3 uses), though it is also a name of 'Joakim Ek' ('p2'); an id is matched before names, so where a row means that entry, decide the name in an alias table"
      ), "\(r.account.notes)")
  }

  /// Layers written in other case or spacing are other layers, and that is said.
  @Test func layersDifferingInCaseAreSaid() throws {
    let r = try Self.build(
      "respondent,alter,rating,layer\na,b,4,trust\nd,b,3,Trust\na,d,2,work\n")
    #expect(r.network.layers == ["Trust", "trust", "work"])
    #expect(
      r.account.notes.contains(
        "the layers 'Trust', 'trust' differ only in case or spacing and are kept as 2 layers; if they are one relation, write it one way in the layer column"
      ), "\(r.account.notes)")
  }

  /// On a scale from 0, ties rated 0 are kept as the least trust, and counted in a note: a
  /// survey's 0 often means no tie.
  @Test func tiesRatedZeroOnAScaleFromZeroAreSaid() throws {
    var notes: [String] = []
    let noms = try InterviewFiles.nominations(
      Data("respondent,alter,rating\na,b,0\na,c,4\nd,b,0\nd,b,2\n".utf8), file: "n.csv",
      notes: &notes)
    let r = try InterviewNetwork(
      InterviewNetwork.Inputs(
        nominations: noms, nominationsFile: "n.csv", roster: InterviewTests.roster()),
      options: InterviewOptions(scale: RatingScale(lower: 0, upper: 4)!))
    // By hand: a>b rated 0 (trust 1/5); d>b rated 0 and 2, merged to the higher (3/5).
    #expect(InterviewTests.ties(r.network).sorted() == ["a>b:0.2", "a>c:1", "d>b:0.6"])
    #expect(
      r.account.notes.contains(
        "1 tie is rated 0, the lowest rating of --scale 0..4, and kept as a tie of trust 0.2; if 0 means no tie or 'do not know', leave those ratings empty (rows without a rating are left out), or give the scale from 1"
      ), "\(r.account.notes)")
  }
}
