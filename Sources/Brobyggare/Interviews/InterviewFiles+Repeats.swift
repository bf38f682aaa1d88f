import Foundation

/// Nominations a survey app keeps in a repeat group: one row per person named, in a sheet or
/// file of its own, each row pointing to the submission it belongs to, whose row holds the
/// respondent's answers.
///
/// - KoboToolbox and Ona (`.xlsx`): the submissions on the first sheet, each repeat on a sheet
///   named after it; a repeat row's `_parent_index` is its parent row's `_index`, on the sheet
///   `_parent_table_name` names (Kobo keeps the name uncut where Excel's 31 characters cut the
///   sheet's name to `...`).
/// - ODK Central, ODK Briefcase and SurveyCTO (CSV, or ODK Central's `.zip` of them): the
///   submissions in `Form.csv`, each repeat in `Form-repeat.csv`; a repeat row's `PARENT_KEY`
///   is its parent row's `KEY`.
///
/// Headers may carry the questions' groups (`network/alters/alter_name`): a column is found by
/// its whole header or by its last part.
extension InterviewFiles {
  /// One table of an export: a workbook's sheet, or a CSV file.
  struct ExportPart {
    var table: CSVFormat.Table
    /// The sheet's name, or the file's name without its folder and extension.
    var name: String
    /// Where messages place it: `survey.xlsx[alters]`, or the file's path.
    var place: String
    /// Whether it is a sheet of a workbook, whose names `_parent_table_name` gives.
    var inWorkbook = false

    /// How a row names itself and its parent: Kobo's and Ona's `_index` and `_parent_index`,
    /// ODK's and SurveyCTO's `KEY` and `PARENT_KEY`. Found once, in the header as read (the
    /// rows are read per row, and the app's columns keep their names).
    let id: Int?
    let parent: Int?
    let parentName: Int?
    /// Whether the ids are the app's keys, unique across the export (ODK), not row numbers
    /// unique within a sheet (Kobo, Ona).
    let keyed: Bool
    /// Whether the header has `PARENT_KEY`.
    private let parentKey: Bool

    init(table: CSVFormat.Table, name: String, place: String, inWorkbook: Bool = false) {
      self.table = table
      self.name = name
      self.place = place
      self.inWorkbook = inWorkbook
      let h = table.header
      let index = CSVFormat.column(h, "_index")
      let key = h.firstIndex { $0 == "KEY" }
      let parentKey = h.firstIndex { $0 == "PARENT_KEY" }
      id = index ?? key
      parent = CSVFormat.column(h, "_parent_index") ?? parentKey
      parentName = CSVFormat.column(h, "_parent_table_name")
      keyed = key != nil && index == nil
      self.parentKey = parentKey != nil
    }

    /// A row's parent, as written; `nil` for a submission's own row (Ona writes -1 there).
    func parentValue(_ row: Int) -> String? {
      guard let c = parent else { return nil }
      let v = table.rows[row][c].trimmingCharacters(in: .whitespaces)
      return v.isEmpty || v == "-1" ? nil : InterviewFiles.rowID(v)
    }

    /// Whether the rows belong to rows of another table: some row names its parent, or the
    /// table is a repeat with no rows (its header names the parent's table or key).
    var isRepeat: Bool {
      guard parent != nil else { return false }
      return table.rows.isEmpty
        ? parentName != nil || parentKey
        : table.rows.indices.contains { parentValue($0) != nil }
    }

    /// The app's own columns: Kobo's and Ona's start with `_`; ODK's and SurveyCTO's keys.
    func isSystemColumn(_ c: Int) -> Bool {
      let h = table.header[c]
      return h.hasPrefix("_") || h == "KEY" || h == "PARENT_KEY" || h.hasPrefix("SET-OF-")
    }
  }

  /// Whether a row is the HXL tags KoboToolbox writes below the header (`#contact+name`,
  /// `#indicator +age`): every cell empty or a hashtag, `#` and a letter, and one at least.
  static func isHXLTagRow(_ row: [String]) -> Bool {
    var tags = 0
    for cell in row {
      let t = cell.trimmingCharacters(in: .whitespaces)
      if t.isEmpty { continue }
      guard t.hasPrefix("#"), let c = t.dropFirst().first, c.isASCII, c.isLetter else {
        return false
      }
      tags += 1
    }
    return tags > 0
  }

  /// An id as written: `_index` may be written `3` or `3.0`.
  static func rowID(_ v: String) -> String {
    if let d = Double(v), d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
    return v
  }

  /// A column by its header, in any case, or by the header's last part after a `/` (Kobo's
  /// and Ona's groups) or a `-` (ODK's): the question without its groups; `nil` when neither,
  /// or two headers end alike.
  static func exportColumn(_ header: [String], _ names: [String]) -> Int? {
    for name in names {
      let wanted = name.trimmingCharacters(in: .whitespaces).lowercased()
      if let c = header.firstIndex(where: {
        $0.trimmingCharacters(in: .whitespaces).lowercased() == wanted
      }) {
        return c
      }
      for separator in ["/", "-"] as [Character] {
        let ending = header.indices.filter {
          header[$0].contains(separator)
            && header[$0].split(separator: separator).last.map {
              $0.trimmingCharacters(in: .whitespaces).lowercased() == wanted
            } ?? false
        }
        if ending.count == 1 { return ending[0] }
      }
    }
    return nil
  }

  /// A header that is a question's path (`network/alters/alter_name`, ODK's
  /// `network-alters-alter_name`): parts joined by `separator`, none with a space (a label
  /// such as `Name/nickname of the person` is not one).
  static func isQuestionPath(_ header: String, _ separator: Character) -> Bool {
    header.contains(separator) && !header.contains { $0 == " " || $0 == "\t" }
  }

  /// The nominations of a repeat group, with each row's respondent.
  struct RepeatGroup {
    /// The repeat's table, its headers without their groups where that leaves them apart.
    var part: ExportPart
    /// Each row's respondent, as the submission's row gives it.
    var respondents: [String]
    /// The headers of the name and the rating, as `part` has them.
    var alter: String
    var rating: String
    /// The app's columns in the repeat's table, which are not what was said.
    var system: Set<Int>
    /// Submissions whose respondent named no one (no row in the repeat).
    var namedNoOne: [Nomination]
    /// What the reading did, for the notes.
    var notes: [String]
  }

  /// The parts of an export whose first table is `first`: every sheet of a workbook, every CSV
  /// file of a ZIP archive, or a CSV file with the files beside it that share its name's
  /// start (`Form.csv` and `Form-alters.csv`).
  static func exportParts(
    _ data: Data, file: String, encoding: TextEncoding, first: CSVFormat.Table, firstPlace: String,
    notes: inout [String]
  ) throws(FormatError) -> (parts: [ExportPart], first: Int, unreadable: [String]) {
    var utf8: [String] = []
    var unreadable: [String] = []
    var (parts, firstIndex) = try unreadExportParts(
      data, file: file, encoding: encoding, first: first, firstPlace: firstPlace, utf8: &utf8,
      unreadable: &unreadable)
    // A file beside it of the same name that is not a table is not part of the export; said,
    // since it may be the repeat that was meant (in another encoding, say).
    if !unreadable.isEmpty {
      notes.append(
        "\(file): beside it, not read as part of the export: \(unreadable.joined(separator: "; "))"
      )
    }
    if !utf8.isEmpty {
      notes.append(
        "\(file): \(utf8.map { "'\($0)'" }.joined(separator: ", ")) \(utf8.count == 1 ? "is" : "are") UTF-8 and \(utf8.count == 1 ? "is" : "are") read as UTF-8, not \(encoding.rawValue)"
      )
    }
    // KoboToolbox writes the questions' HXL tags (`#contact+name`) in a row below the header.
    // (The first table's was skipped as it was read.)
    var tagged: [String] = []
    for k in parts.indices where k != firstIndex {
      guard let row = parts[k].table.rows.first, isHXLTagRow(row) else { continue }
      parts[k].table = parts[k].table.droppingFirstRows(1)
      tagged.append(parts[k].place)
    }
    if !tagged.isEmpty {
      notes.append(
        "\(file): the row below the header of \(tagged.map { "'\($0)'" }.joined(separator: ", ")) holds the questions' HXL tags (#...), not answers, and is skipped"
      )
    }
    return (parts, firstIndex, unreadable)
  }

  static func unreadExportParts(
    _ data: Data, file: String, encoding: TextEncoding, first: CSVFormat.Table, firstPlace: String,
    utf8: inout [String], unreadable: inout [String]
  ) throws(FormatError) -> (parts: [ExportPart], first: Int) {
    /// A table's encoding: UTF-8 where its bytes are UTF-8 with some beyond ASCII (each file
    /// of an export may come from another tool), else the one asked for.
    func encodingOf(_ bytes: Data, _ place: String) -> TextEncoding {
      guard encoding != .utf8, bytes.contains(where: { $0 >= 0x80 }),
        String(data: bytes, encoding: .utf8) != nil
      else { return encoding }
      utf8.append(place)
      return .utf8
    }
    if ZIPArchive.looksLike(data) {
      let archive = try ZIPArchive(data: data, file: file)
      if archive.entry(named: "xl/workbook.xml") != nil {
        let book = try XLSXFormat.Workbook(data: data, file: file)
        var parts: [ExportPart] = []
        var firstIndex = 0
        for k in book.sheets.indices {
          if book.place(k) == firstPlace {
            firstIndex = parts.count
            parts.append(
              ExportPart(
                table: first, name: book.sheets[k].name, place: firstPlace, inWorkbook: true))
            continue
          }
          let (table, _) = try book.table(sheet: k)
          parts.append(
            ExportPart(
              table: table, name: book.sheets[k].name, place: book.place(k), inWorkbook: true))
        }
        return (parts, firstIndex)
      }
      var parts: [ExportPart] = []
      for e in try csvEntries(archive, file: file) {
        let place = "\(file)[\(e.name)]"
        var table = first
        if place != firstPlace {
          let bytes = try archive.extract(e.name) ?? Data()
          table = try CSVFormat.parse(
            TextInput(data: bytes, file: place, encoding: encodingOf(bytes, place)))
        }
        parts.append(
          ExportPart(
            table: table, name: String((e.name as NSString).lastPathComponent.dropLast(4)),
            place: place))
      }
      return (parts, parts.firstIndex { $0.place == firstPlace } ?? 0)
    }
    // A CSV file: the files beside it of the same form, whose names start as its own does up
    // to a '-' (`Form.csv`, `Form-alters.csv`, `Form-contacts.csv`). A file that is not a
    // table is not part of it. Paths as the file's own is written (relative stays relative).
    let stem = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
    var parts = [ExportPart(table: first, name: stem, place: file)]
    for path in exportSiblings(of: file) {
      let other = String((path as NSString).lastPathComponent.dropLast(4))
      let table: CSVFormat.Table
      do {
        let bytes = try Network.load(path)
        table = try CSVFormat.parse(
          TextInput(data: bytes, file: path, encoding: encodingOf(bytes, path)))
      } catch {
        unreadable.append("\(path) (\(error.message))")
        continue
      }
      parts.append(ExportPart(table: table, name: other, place: path))
    }
    return (parts, 0)
  }

  /// The CSV files beside `file` that may be parts of its export: those whose names start as
  /// its own does up to a '-' (`Form.csv`, `Form-alters.csv`, `Form-contacts.csv`), in the
  /// order of their names, written as `file` is (relative stays relative). An output must not
  /// overwrite one of them.
  package static func exportSiblings(of file: String) -> [String] {
    let folder = (file as NSString).deletingLastPathComponent
    let stem = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
    guard
      let names = try? FileManager.default.contentsOfDirectory(
        atPath: folder.isEmpty ? "." : folder)
    else { return [] }
    let form = String(stem.prefix { $0 != "-" })
    return names.sorted().compactMap { name in
      guard name.lowercased().hasSuffix(".csv") else { return nil }
      let other = String(name.dropLast(4))
      guard other != stem, other == form || other.hasPrefix(form + "-") else { return nil }
      return folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
    }
  }

  /// The files of ``exportSiblings(of:)`` whose header has a survey app's ids (`KEY`,
  /// `PARENT_KEY`, `_index`, `_parent_index`): the parts of the export, which an output must
  /// not overwrite (this program's own outputs beside them have no such column).
  package static func exportPartFiles(besides file: String) -> [String] {
    exportSiblings(of: file).filter { path in
      guard let handle = FileHandle(forReadingAtPath: path) else { return false }
      defer { try? handle.close() }
      return headerHasExportIDs((try? handle.read(upToCount: 65_536)) ?? Data())
    }
  }

  /// Whether the first line of `head` (a CSV file's start) names a survey app's ids: `KEY`,
  /// `PARENT_KEY`, `_index` or `_parent_index`.
  static func headerHasExportIDs(_ head: Data) -> Bool {
    let line = head.prefix { $0 != 0x0A && $0 != 0x0D }
    let names = String(decoding: line, as: UTF8.self).split(separator: ",").map {
      $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"\u{FEFF} \t"))
    }
    return names.contains { ["KEY", "PARENT_KEY"].contains($0) }
      || names.contains { ["_index", "_parent_index"].contains($0.lowercased()) }
  }

  /// The repeat group of an export that holds the names given, or `nil` when the export has
  /// no repeat, or its first table holds the names itself.
  ///
  /// - Throws: when the names are in no repeat or in several, or in the first table and a
  ///   repeat both; the rating or the respondent has no column; a row's parent is not written
  ///   or not there; two rows of a table have one id; the repeat belongs to submissions other
  ///   than the file given.
  static func repeatGroup(
    _ parts: [ExportPart], first: Int, columns: NominationColumns, file: String,
    unreadable: [String] = []
  ) throws(FormatError) -> RepeatGroup? {
    let notRead =
      unreadable.isEmpty ? "" : "; beside it, not read: \(unreadable.joined(separator: "; "))"
    let repeats = parts.indices.filter { parts[$0].isRepeat }
    let alterNames = columns.alter.map { [$0] } ?? ["alter", "nominee", "name"]
    let ratingNames = columns.rating.map { [$0] } ?? ["rating", "trust"]
    let respondentNames = columns.respondent.map { [$0] } ?? ["respondent", "ego"]
    let unnamed = columns.alter == nil && columns.rating == nil && columns.respondent == nil
    let nameThem =
      unnamed
      ? "name the app's questions with --respondent-column (on the submissions' table), --alter-column and --rating-column (on the repeat's)"
      : "name the column of the names given with --alter-column"
    /// A part's columns as messages list them: the questions, not the app's own.
    func questions(_ q: Int) -> [String] {
      parts[q].table.header.indices.filter { !parts[q].isSystemColumn($0) }.map {
        parts[q].table.header[$0]
      }
    }
    /// The column of the names in part `q`: its header or last part, or a numbered column
    /// (a wide table); `alters/alter_name` also names the column `alter_name` of the repeat
    /// `alters` (a sheet, or a file `Form-alters.csv`).
    func nameColumn(_ q: Int) -> Int? {
      let h = parts[q].table.header
      if let c = exportColumn(h, alterNames) { return c }
      if let given = columns.alter, let slash = given.lastIndex(of: "/") {
        let repeatName = given[..<slash].lowercased()
        let name = parts[q].name.lowercased()
        if name == repeatName || name.hasSuffix("-" + repeatName) {
          return exportColumn(h, [String(given[given.index(after: slash)...])])
        }
      }
      return nil
    }
    func holdsNames(_ q: Int) -> Bool {
      nameColumn(q) != nil
        || parts[q].table.header.contains { head in
          WideLayout.numbered(head).map { n in alterNames.contains { sameName(n.base, $0) } }
            ?? false
        }
    }
    func listed(_ ps: [Int]) -> String { ps.map { "'\(parts[$0].place)'" }.joined(separator: ", ") }
    let firstHolds = !parts[first].isRepeat && holdsNames(first)
    guard !repeats.isEmpty else {
      // A table of submissions (its rows have the app's ids) without the names: the repeat
      // that holds them was not found beside it.
      if !firstHolds, parts[first].id != nil, !holdsNames(first) {
        throw FormatError(
          file: file, line: 1, column: 1,
          "a survey app's table of submissions (it has '\(parts[first].table.header[parts[first].id!])'), without a column '\(alterNames[0])': the names given are in a repeat group, which is not here (read: \(listed(Array(parts.indices)))\(notRead)); give the workbook with the repeat's sheet, ODK Central's .zip, or the repeat's file (Form-repeat.csv) beside this one; or, if this table holds the names, \(nameThem)"
        )
      }
      return nil
    }
    // Parent rows, found by their id: within the sheet `_parent_table_name` names (Kobo, Ona),
    // or among all the tables (ODK's keys). Two rows with one id are refused: a repeat row
    // would belong to either.
    var byID: [Int: [String: Int]] = [:]
    func row(_ id: String, in q: Int) throws(FormatError) -> Int? {
      if byID[q] == nil, let c = parts[q].id {
        var index: [String: Int] = [:]
        let t = parts[q].table
        for (i, f) in t.rows.enumerated() {
          let id = rowID(f[c].trimmingCharacters(in: .whitespaces))
          if id.isEmpty { continue }
          if let other = index[id] {
            throw FormatError(
              file: parts[q].place, line: t.rowLines[i], column: t.column(row: i, field: c),
              "two rows have the \(t.header[c]) '\(id)' (lines \(t.rowLines[other]) and \(t.rowLines[i])), and the repeat's rows that point to it would belong to either; an export pasted from two must keep each row's own id"
            )
          }
          index[id] = i
        }
        byID[q] = index
      }
      return byID[q]?[id]
    }
    let tops = parts.indices.filter { !parts[$0].isRepeat && parts[$0].id != nil }
    /// The tables of submissions a repeat row without its table's name may belong to: the one
    /// table, or the one named as the form (`S.csv` for `S-alters.csv`); several are refused,
    /// as row numbers repeat from table to table.
    func submissionTables(for q: Int) throws(FormatError) -> [Int] {
      guard tops.count > 1 else { return tops }
      let form = parts[q].name.split(separator: "-").first.map(String.init) ?? ""
      if let t = tops.first(where: { parts[$0].name == form }) { return [t] }
      throw FormatError(
        file: parts[q].place, line: parts[q].table.headerLine, column: 1,
        "the rows of this repeat say which row they belong to (_parent_index) but not in which table, and \(listed(tops)) are all tables of submissions; give the workbook or the files of one export, or keep _parent_table_name"
      )
    }
    func parentTables(of q: Int, row i: Int) throws(FormatError) -> [Int] {
      let part = parts[q]
      if part.keyed { return parts.indices.filter { parts[$0].keyed } }
      if let c = part.parentName {
        let name = part.table.rows[i][c].trimmingCharacters(in: .whitespaces)
        if let exact = parts.indices.first(where: { parts[$0].name == name }) { return [exact] }
        // Excel cuts a sheet's name to 31 characters; Kobo writes `...` where it cut.
        if let cut = parts.indices.first(where: {
          parts[$0].name.hasSuffix("...") && name.hasPrefix(String(parts[$0].name.dropLast(3)))
        }) {
          return [cut]
        }
        // A row of another export (pasted in): its _index would join it to a row of this one.
        // (Sheets saved as CSV files lose their names: there the form's table is taken.)
        if !name.isEmpty && part.inWorkbook {
          throw FormatError(
            file: part.place, line: part.table.rowLines[i],
            column: part.table.column(row: i, field: c),
            "this row belongs to the table '\(name)', which the export does not have (its tables: \(parts.map { "'\($0.name)'" }.joined(separator: ", "))); a repeat pasted from another export belongs to other submissions"
          )
        }
      }
      return try submissionTables(for: q)
    }
    /// Whether the first row of repeat `q` leads to a row of `target` (true where it cannot
    /// be told here: the walk of every row says what is wrong).
    func leadsTo(_ q: Int, _ target: Int) -> Bool {
      var (t, j) = (q, 0)
      guard !parts[q].table.rows.isEmpty else { return true }
      for _ in 0...parts.count {
        if t == target { return true }
        guard let id = parts[t].parentValue(j) else { return t == target }
        guard let tables = try? parentTables(of: t, row: j),
          let next = tables.lazy.compactMap({ u in
            (try? row(id, in: u)).flatMap { $0 }.map { (u, $0) }
          }).first
        else { return true }
        (t, j) = next
      }
      return true
    }
    var holding = repeats.filter(holdsNames)
    if parts[first].isRepeat && holdsNames(first) {
      holding = [first]
    } else if !parts[first].isRepeat {
      // Only the repeats of the submissions given (not another form's beside them).
      let theirs = holding.filter { leadsTo($0, first) }
      if theirs.isEmpty && !holding.isEmpty && !firstHolds {
        throw FormatError(
          file: file, line: 1, column: 1,
          "the names given in \(listed(holding)) belong to other submissions than those in '\(parts[first].place)'; give the submissions' own file, or the repeat's file"
        )
      }
      holding = theirs
    }
    if firstHolds {
      guard !holding.isEmpty else { return nil }
      throw FormatError(
        file: file, line: 1, column: 1,
        "both '\(parts[first].place)' and the repeat \(listed(holding)) have a column '\(alterNames[0])', and which holds the nominations is not clear; name the repeat's column with its repeat (--alter-column '\(parts[holding[0]].name.split(separator: "-").last ?? "")/\(alterNames[0])'), or remove the column from the submissions' table"
      )
    }
    guard let p = holding.first else {
      let all = repeats.flatMap(questions)
      throw FormatError(
        file: file, line: 1, column: 1,
        "a survey app's export, with the names given in a repeat group (\(listed(repeats))), but no repeat has a column '\(alterNames[0])'; the questions of \(parts[repeats[0]].place) are \(FormatError.list(questions(repeats[0]), quoted: true)); \(nameThem)\(didYouMean(closestMatches(to: alterNames[0], among: all)))"
      )
    }
    guard holding.count == 1 else {
      throw FormatError(
        file: file, line: 1, column: 1,
        "the repeat groups \(listed(holding)) each have a column '\(alterNames[0])', and one of them holds the nominations; name it with its repeat: --alter-column '\(parts[holding[0]].name.split(separator: "-").last ?? "")/\(alterNames[0])'"
          + (parts[holding[0]].keyed ? ", or give that repeat's file" : "")
      )
    }
    var part = parts[p]
    let h = part.table.header
    func missing(_ role: String, in q: Int) -> FormatError {
      let wanted = (role == "rating" ? ratingNames : respondentNames)[0]
      return FormatError(
        file: parts[q].place, line: parts[q].table.headerLine, column: 1,
        "no '\(wanted)' column; the questions are \(FormatError.list(questions(q), quoted: true)); name the one that holds the \(role == "rating" ? "rating" : "respondent's name or id") with --\(role)-column\(didYouMean(closestMatches(to: wanted, among: questions(q))))"
      )
    }
    guard let a = nameColumn(p) else { return nil }
    guard let r = exportColumn(h, ratingNames) else { throw missing("rating", in: p) }
    let respondentColumn = parts.map { exportColumn($0.table.header, respondentNames) }
    if let c = respondentColumn[p], c == a || c == r {
      throw FormatError(
        file: part.place, line: part.table.headerLine, column: 1,
        "--respondent-column names '\(h[c])', the \(c == a ? "name" : "rating") of each person named in the repeat; name the submissions' column that holds the respondent"
      )
    }

    var respondents: [String] = []
    respondents.reserveCapacity(part.table.rows.count)
    var reached = Set<[Int]>()
    var answeredIn = Set<Int>()
    var passedThrough = Set<Int>([p])
    for i in part.table.rows.indices {
      var (q, j) = (p, i)
      var steps = 0
      while respondentColumn[q] == nil {
        let c = parts[q].parent
        guard let id = parts[q].parentValue(j) else {
          guard parts[q].isRepeat, let c else { throw missing("respondent", in: q) }
          throw FormatError(
            file: parts[q].place, line: parts[q].table.rowLines[j],
            column: parts[q].table.column(row: j, field: c),
            "this row of the repeat does not say which submission it belongs to (its \(parts[q].table.header[c]) is empty)"
          )
        }
        var found: (Int, Int)?
        for t in try parentTables(of: q, row: j) {
          if let k = try row(id, in: t) {
            found = (t, k)
            break
          }
        }
        if steps > parts.count {
          throw FormatError(
            file: parts[q].place, line: parts[q].table.rowLines[j],
            column: parts[q].table.column(row: j, field: c!),
            "the rows this one belongs to lead back to it, round in a circle: their \(parts[q].keyed ? "PARENT_KEY and KEY" : "_parent_index and _index") do not lead to a submission"
          )
        }
        // Kobo copies the submission's uuid onto each repeat row: where both are written,
        // they must agree (the row numbers alone would join a pasted repeat to this export).
        if let (q2, j2) = found, let u = exportColumn(parts[q].table.header, ["_submission__uuid"]),
          let v = CSVFormat.column(parts[q2].table.header, "_uuid")
        {
          let mine = parts[q].table.rows[j][u].trimmingCharacters(in: .whitespaces)
          let theirs = parts[q2].table.rows[j2][v].trimmingCharacters(in: .whitespaces)
          if !mine.isEmpty && !theirs.isEmpty && mine != theirs {
            throw FormatError(
              file: parts[q].place, line: parts[q].table.rowLines[j],
              column: parts[q].table.column(row: j, field: u),
              "this row's _submission__uuid '\(mine)' is not that of the submission its _parent_index points to ('\(theirs)', \(parts[q2].place) line \(parts[q2].table.rowLines[j2])): the repeat is from another export, or its rows were sorted apart from their ids"
            )
          }
        }
        guard let (q2, j2) = found else {
          throw FormatError(
            file: parts[q].place, line: parts[q].table.rowLines[j],
            column: parts[q].table.column(row: j, field: c!),
            "this row belongs to the row whose \(parts[q].keyed ? "KEY" : "_index") is '\(id)', and no table of the export has it (read: \(listed(Array(parts.indices)))\(notRead))"
              + (parts[q].keyed
                ? "; the submissions' file (Form.csv) belongs beside the repeat's, or give ODK Central's .zip"
                : ""))
        }
        (q, j) = (q2, j2)
        passedThrough.insert(q)
        steps += 1
      }
      let c = respondentColumn[q]!
      let name = parts[q].table.rows[j][c].trimmingCharacters(in: .whitespaces)
      if name.isEmpty {
        throw FormatError(
          file: parts[q].place, line: parts[q].table.rowLines[j],
          column: parts[q].table.column(row: j, field: c),
          "the respondent is empty, and \(part.place) line \(part.table.rowLines[i]) names someone for them; fill it in, or delete that submission and its rows"
        )
      }
      respondents.append(name)
      reached.insert([q, j])
      answeredIn.insert(q)
    }
    // The respondents are the given file's: a repeat found beside it that belongs to other
    // submissions is not this study's.
    if !parts[first].isRepeat, !answeredIn.isEmpty, !answeredIn.contains(first),
      !answeredIn.contains(p)
    {
      throw FormatError(
        file: file, line: 1, column: 1,
        "the names given in \(part.place) belong to the submissions in \(listed(answeredIn.sorted())), not to '\(parts[first].place)'; give one of those, or the repeat's own file"
      )
    }
    // With no repeat row, the respondents are the submissions of the file given (or of the
    // table the repeat's header names).
    if part.table.rows.isEmpty, respondentColumn[first] != nil, !parts[first].isRepeat {
      answeredIn.insert(first)
    } else if part.table.rows.isEmpty, let t = tops.first(where: { respondentColumn[$0] != nil }) {
      answeredIn.insert(t)
    }
    // The submissions whose respondent named no one: rows of the tables respondents came from
    // that no repeat row reached. One respondent with several submissions is said.
    var namedNoOne: [Nomination] = []
    var emptySubmissions: [Int] = []
    var submissionsOf: [String: (name: String, lines: [(place: String, line: Int)])] = [:]
    var order: [String] = []
    for q in answeredIn.sorted() where !parts[q].isRepeat {
      let c = respondentColumn[q]!
      for (j, f) in parts[q].table.rows.enumerated() {
        let name = f[c].trimmingCharacters(in: .whitespaces)
        if name.isEmpty {
          if f.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            emptySubmissions.append(parts[q].table.rowLines[j])
          }
          continue
        }
        let key = NameMatching.normalise(name)
        if submissionsOf[key] == nil { order.append(key) }
        submissionsOf[key, default: (name, [])].lines.append(
          (parts[q].place, parts[q].table.rowLines[j]))
        if reached.contains([q, j]) { continue }
        var n = Nomination(
          respondent: name, alter: "", rating: nil, line: parts[q].table.rowLines[j],
          respondentColumn: parts[q].table.column(row: j, field: c))
        n.file = parts[q].place
        namedNoOne.append(n)
      }
    }
    // The questions without their groups, where that leaves the headers apart.
    var renamed: [(String, String)] = []
    var header = h
    // Kobo and Ona join the groups with `/`, ODK and SurveyCTO with `-`.
    let separator: Character = part.keyed ? "-" : "/"
    for c in h.indices where !part.isSystemColumn(c) && isQuestionPath(h[c], separator) {
      let last = String(h[c].split(separator: separator).last ?? "")
      guard !last.isEmpty,
        !h.indices.contains(where: {
          $0 != c
            && (sameName(h[$0], last)
              || h[$0].split(separator: separator).last.map { sameName(String($0), last) }
                ?? false)
        })
      else { continue }
      header[c] = last
      renamed.append((h[c], last))
    }
    part.table.header = header
    let system = Set(h.indices.filter(part.isSystemColumn))
    let top = answeredIn.sorted().map { "'\(parts[$0].place)'" }.joined(separator: ", ")
    let rows = part.table.rows.count
    var notes = [
      "\(file): read as a survey app's export with the names given in a repeat group: each row of '\(part.place)' is one nomination (\(rows) \(rows == 1 ? "row" : "rows")), its respondent the answer '\(answeredIn.sorted().map { parts[$0].table.header[respondentColumn[$0]!] }.first ?? "")' on the submission's row in \(top), joined by \(part.keyed ? "PARENT_KEY to KEY" : "_parent_index to _index"); the app's own columns (\(system.sorted().prefix(4).map { "'\(h[$0])'" }.joined(separator: ", "))\(system.count > 4 ? ", ..." : "")) are not read"
    ]
    if !renamed.isEmpty {
      notes.append(
        "\(file): the questions are read without their groups: \(renamed.prefix(5).map { "'\($0.0)' as '\($0.1)'" }.joined(separator: ", "))\(renamed.count > 5 ? ", ..." : "")"
      )
    }
    let others = repeats.filter { !passedThrough.contains($0) }
    if !others.isEmpty {
      notes.append(
        "\(file): \(others.count == 1 ? "the repeat" : "the repeats") \(listed(others)) \(others.count == 1 ? "is" : "are") not read: the names given are in '\(part.place)'"
      )
    }
    if !namedNoOne.isEmpty {
      notes.append(
        "\(file): \(namedNoOne.count) \(namedNoOne.count == 1 ? "submission has" : "submissions have") no row in the repeat (\(namedNoOne.prefix(5).map { "'\($0.respondent)'" }.joined(separator: ", "))\(namedNoOne.count > 5 ? ", ..." : "")): \(namedNoOne.count == 1 ? "a respondent" : "respondents") who named no one, with no ties, once the name is found in the roster"
      )
    }
    for key in order where submissionsOf[key]!.lines.count > 1 {
      let (name, lines) = submissionsOf[key]!
      // The lines by table, in the order the tables were read.
      var places: [String] = []
      for l in lines where !places.contains(l.place) { places.append(l.place) }
      let at = places.map { p in
        let here = lines.filter { $0.place == p }.map { String($0.line) }
        return "\(p) line\(here.count == 1 ? "" : "s") \(here.joined(separator: ", "))"
      }
      notes.append(
        "\(file): '\(name)' has \(lines.count) submissions (\(at.joined(separator: "; "))): their nominations are merged, a name given twice keeping the higher rating; delete a submission that a later one replaces"
      )
    }
    if !emptySubmissions.isEmpty {
      let n = emptySubmissions.count
      notes.append(
        "\(file): \(n) \(n == 1 ? "submission has" : "submissions have") no respondent and no row in the repeat (\(top) line\(n == 1 ? "" : "s") \(emptySubmissions.prefix(10).map(String.init).joined(separator: ", "))\(n > 10 ? ", ..." : "")), and \(n == 1 ? "is" : "are") left out"
      )
    }
    return RepeatGroup(
      part: part, respondents: respondents, alter: header[a], rating: header[r], system: system,
      namedNoOne: namedNoOne, notes: notes)
  }
}
