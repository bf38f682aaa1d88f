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

    /// How a row names itself and its parent: Kobo's and Ona's `_index` and `_parent_index`,
    /// ODK's and SurveyCTO's `KEY` and `PARENT_KEY`.
    var id: Int? { CSVFormat.column(table.header, "_index") ?? exact("KEY") }
    var parent: Int? { CSVFormat.column(table.header, "_parent_index") ?? exact("PARENT_KEY") }
    var parentName: Int? { CSVFormat.column(table.header, "_parent_table_name") }
    /// Whether the ids are the app's keys, unique across the export (ODK), not row numbers
    /// unique within a sheet (Kobo, Ona).
    var keyed: Bool { exact("KEY") != nil && CSVFormat.column(table.header, "_index") == nil }

    func exact(_ name: String) -> Int? { table.header.firstIndex { $0 == name } }

    /// A row's parent, as written; `nil` for a submission's own row (Ona writes -1 there).
    func parentValue(_ row: Int) -> String? {
      guard let c = parent else { return nil }
      let v = table.rows[row][c].trimmingCharacters(in: .whitespaces)
      return v.isEmpty || v == "-1" ? nil : InterviewFiles.rowID(v)
    }

    /// Whether some row belongs to a row of another table.
    var isRepeat: Bool { parent != nil && table.rows.indices.contains { parentValue($0) != nil } }

    /// The app's own columns: Kobo's and Ona's start with `_`; ODK's and SurveyCTO's keys.
    func isSystemColumn(_ c: Int) -> Bool {
      let h = table.header[c]
      return h.hasPrefix("_") || h == "KEY" || h == "PARENT_KEY" || h.hasPrefix("SET-OF-")
    }
  }

  /// An id as written: `_index` may be written `3` or `3.0`.
  static func rowID(_ v: String) -> String {
    if let d = Double(v), d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
    return v
  }

  /// A column by its header, in any case, or by the header's last part after a `/` (the
  /// question without its groups); `nil` when neither, or two headers end alike.
  static func exportColumn(_ header: [String], _ names: [String]) -> Int? {
    for name in names {
      let wanted = name.trimmingCharacters(in: .whitespaces).lowercased()
      if let c = header.firstIndex(where: {
        $0.trimmingCharacters(in: .whitespaces).lowercased() == wanted
      }) {
        return c
      }
      let ending = header.indices.filter {
        header[$0].split(separator: "/").last.map { $0.lowercased() == wanted } ?? false
      }
      if ending.count == 1 { return ending[0] }
    }
    return nil
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
    _ data: Data, file: String, encoding: TextEncoding, first: CSVFormat.Table, firstPlace: String
  ) throws(FormatError) -> (parts: [ExportPart], first: Int) {
    if ZIPArchive.looksLike(data) {
      let archive = try ZIPArchive(data: data, file: file)
      if archive.entry(named: "xl/workbook.xml") != nil {
        let book = try XLSXFormat.Workbook(data: data, file: file)
        var parts: [ExportPart] = []
        var firstIndex = 0
        for k in book.sheets.indices {
          if book.place(k) == firstPlace {
            firstIndex = parts.count
            parts.append(ExportPart(table: first, name: book.sheets[k].name, place: firstPlace))
            continue
          }
          let (table, _) = try book.table(sheet: k)
          parts.append(ExportPart(table: table, name: book.sheets[k].name, place: book.place(k)))
        }
        return (parts, firstIndex)
      }
      var parts: [ExportPart] = []
      for e in archive.entries
      where !e.isDirectory && e.name.lowercased().hasSuffix(".csv") && !e.name.contains("/") {
        let place = "\(file)[\(e.name)]"
        let table =
          place == firstPlace
          ? first
          : try CSVFormat.parse(
            TextInput(data: try archive.extract(e.name) ?? Data(), file: place, encoding: encoding))
        parts.append(
          ExportPart(table: table, name: String(e.name.dropLast(4)), place: place))
      }
      return (parts, parts.firstIndex { $0.place == firstPlace } ?? 0)
    }
    // A CSV file: the files beside it whose names start as its own does, up to a '-'.
    // Paths as the file's own is written (relative stays relative).
    let folder = (file as NSString).deletingLastPathComponent
    let stem = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
    var parts = [ExportPart(table: first, name: stem, place: file)]
    guard
      let names = try? FileManager.default.contentsOfDirectory(
        atPath: folder.isEmpty ? "." : folder)
    else { return (parts, 0) }
    let pieces = stem.split(separator: "-", omittingEmptySubsequences: false)
    let prefixes = Set((1..<max(pieces.count, 1)).map { pieces.prefix($0).joined(separator: "-") })
    for name in names.sorted() where name.lowercased().hasSuffix(".csv") {
      let other = String(name.dropLast(4))
      guard other != stem, prefixes.contains(other) || other.hasPrefix(stem + "-") else { continue }
      let path = folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
      let table = try CSVFormat.parse(TextInput(path: path, encoding: encoding))
      parts.append(ExportPart(table: table, name: other, place: path))
    }
    return (parts, 0)
  }

  /// The repeat group of an export that holds the names given, or `nil` when the export has
  /// no repeat, or its first table holds the names itself.
  ///
  /// - Throws: when the names are in no repeat or in several, the rating or the respondent
  ///   has no column, or a row's parent is not there.
  static func repeatGroup(
    _ parts: [ExportPart], first: Int, columns: NominationColumns, file: String
  ) throws(FormatError) -> RepeatGroup? {
    let repeats = parts.indices.filter { parts[$0].isRepeat }
    guard !repeats.isEmpty else { return nil }
    let alterNames = columns.alter.map { [$0] } ?? ["alter", "nominee", "name"]
    let ratingNames = columns.rating.map { [$0] } ?? ["rating", "trust"]
    let respondentNames = columns.respondent.map { [$0] } ?? ["respondent", "ego"]
    func holdsNames(_ p: Int) -> Bool {
      let h = parts[p].table.header
      return exportColumn(h, alterNames) != nil
        || h.contains { head in
          WideLayout.numbered(head).map { n in alterNames.contains { sameName(n.base, $0) } }
            ?? false
        }
    }
    // The first table names people itself (a long or wide table that happens to have an
    // `_index`): read as it is.
    if !parts[first].isRepeat && holdsNames(first) { return nil }
    let holding = parts[first].isRepeat && holdsNames(first) ? [first] : repeats.filter(holdsNames)
    func listed(_ ps: [Int]) -> String { ps.map { "'\(parts[$0].place)'" }.joined(separator: ", ") }
    guard let p = holding.first else {
      throw FormatError(
        file: file, line: 1, column: 1,
        "a survey app's export, with the names given in a repeat group (\(listed(repeats))), but no repeat has a column '\(alterNames[0])'; the columns of \(parts[repeats[0]].place) are \(parts[repeats[0]].table.header.joined(separator: ", ")); name the column of the names given with --alter-column"
      )
    }
    guard holding.count == 1 else {
      throw FormatError(
        file: file, line: 1, column: 1,
        "the repeat groups \(listed(holding)) each have a column '\(alterNames[0])', and one of them holds the nominations; name its column with --alter-column by a header the others do not have, or export the one repeat"
      )
    }
    var part = parts[p]
    let h = part.table.header
    func missing(_ role: String, in q: ExportPart) -> FormatError {
      FormatError(
        file: q.place, line: q.table.headerLine, column: 1,
        "no '\((role == "rating" ? ratingNames : respondentNames)[0])' column; the columns are \(q.table.header.joined(separator: ", ")); name the one that holds the \(role == "rating" ? "rating" : "respondent's name or id") with --\(role)-column"
      )
    }
    guard let a = exportColumn(h, alterNames) else { return nil }
    guard let r = exportColumn(h, ratingNames) else { throw missing("rating", in: part) }

    // Parent rows, found by their id: within the sheet `_parent_table_name` names (Kobo, Ona),
    // or among all the tables (ODK's keys).
    var byID: [Int: [String: Int]] = [:]
    func row(_ id: String, in q: Int) -> Int? {
      if byID[q] == nil, let c = parts[q].id {
        var index: [String: Int] = [:]
        for (i, f) in parts[q].table.rows.enumerated() {
          let id = rowID(f[c].trimmingCharacters(in: .whitespaces))
          if index[id] == nil { index[id] = i }
        }
        byID[q] = index
      }
      return byID[q]?[id]
    }
    let tops = parts.indices.filter { !parts[$0].isRepeat && parts[$0].id != nil }
    func parentTable(of q: Int, row i: Int) -> [Int] {
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
      }
      return tops
    }
    let respondentColumn = parts.map { exportColumn($0.table.header, respondentNames) }
    var respondents: [String] = []
    respondents.reserveCapacity(part.table.rows.count)
    var reached = Set<[Int]>()
    var answeredIn = Set<Int>()
    for i in part.table.rows.indices {
      var (q, j) = (p, i)
      var steps = 0
      while respondentColumn[q] == nil {
        guard let id = parts[q].parentValue(j) else { throw missing("respondent", in: parts[q]) }
        let c = parts[q].parent!
        guard steps <= parts.count,
          let (q2, j2) = parentTable(of: q, row: j).lazy.compactMap({ t in
            row(id, in: t).map { (t, $0) }
          }).first
        else {
          throw FormatError(
            file: parts[q].place, line: parts[q].table.rowLines[j],
            column: parts[q].table.column(row: j, field: c),
            "this row belongs to the row whose \(parts[q].keyed ? "KEY" : "_index") is '\(id)', and no table of the export has it"
          )
        }
        (q, j) = (q2, j2)
        steps += 1
      }
      let c = respondentColumn[q]!
      let name = parts[q].table.rows[j][c].trimmingCharacters(in: .whitespaces)
      if name.isEmpty {
        throw FormatError(
          file: parts[q].place, line: parts[q].table.rowLines[j],
          column: parts[q].table.column(row: j, field: c),
          "the respondent is empty, and \(part.place) line \(part.table.rowLines[i]) names someone for them"
        )
      }
      respondents.append(name)
      reached.insert([q, j])
      answeredIn.insert(q)
    }
    // The submissions whose respondent named no one: rows of the tables respondents came from
    // that no repeat row reached.
    var namedNoOne: [Nomination] = []
    var emptySubmissions = 0
    for q in answeredIn.sorted() where !parts[q].isRepeat {
      let c = respondentColumn[q]!
      for (j, f) in parts[q].table.rows.enumerated() where !reached.contains([q, j]) {
        let name = f[c].trimmingCharacters(in: .whitespaces)
        if name.isEmpty {
          if f.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            emptySubmissions += 1
          }
          continue
        }
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
    for c in h.indices where !part.isSystemColumn(c) && h[c].contains("/") {
      let last = String(h[c].split(separator: "/").last ?? "")
      guard !last.isEmpty,
        !h.indices.contains(where: {
          $0 != c
            && (sameName(h[$0], last)
              || h[$0].split(separator: "/").last.map { sameName(String($0), last) } ?? false)
        })
      else { continue }
      header[c] = last
      renamed.append((h[c], last))
    }
    part.table.header = header
    let system = Set(h.indices.filter(part.isSystemColumn))
    let top = answeredIn.sorted().map { "'\(parts[$0].place)'" }.joined(separator: ", ")
    var notes = [
      "\(file): read as a survey app's export with the names given in a repeat group: each row of '\(part.place)' is one nomination (\(part.table.rows.count) \(part.table.rows.count == 1 ? "row" : "rows")), its respondent the answer '\(answeredIn.sorted().map { parts[$0].table.header[respondentColumn[$0]!] }.first ?? "")' on the submission's row in \(top), joined by \(part.keyed ? "PARENT_KEY to KEY" : "_parent_index to _index"); the app's own columns (\(system.sorted().prefix(4).map { "'\(h[$0])'" }.joined(separator: ", "))\(system.count > 4 ? ", ..." : "")) are not read"
    ]
    if !renamed.isEmpty {
      notes.append(
        "\(file): the questions are read without their groups: \(renamed.prefix(5).map { "'\($0.0)' as '\($0.1)'" }.joined(separator: ", "))\(renamed.count > 5 ? ", ..." : "")"
      )
    }
    if !namedNoOne.isEmpty {
      notes.append(
        "\(file): \(namedNoOne.count) \(namedNoOne.count == 1 ? "submission has" : "submissions have") no row in the repeat (\(namedNoOne.prefix(5).map { "'\($0.respondent)'" }.joined(separator: ", "))\(namedNoOne.count > 5 ? ", ..." : "")): \(namedNoOne.count == 1 ? "a respondent" : "respondents") who named no one, with no ties, once the name is found in the roster"
      )
    }
    if emptySubmissions > 0 {
      notes.append(
        "\(file): \(emptySubmissions) \(emptySubmissions == 1 ? "submission has" : "submissions have") no respondent and no row in the repeat, and \(emptySubmissions == 1 ? "is" : "are") left out"
      )
    }
    return RepeatGroup(
      part: part, respondents: respondents, alter: header[a], rating: header[r], system: system,
      namedNoOne: namedNoOne, notes: notes)
  }
}
