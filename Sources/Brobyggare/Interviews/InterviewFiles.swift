import Foundation

/// One row of a nominations table: a respondent named someone and rated them.
public struct Nomination: Hashable, Sendable {
  /// The respondent as the table gives them (an id or a name).
  public var respondent: String
  /// The person or organisation named, as said or written; empty for a respondent who named
  /// no one (a row of a wide table without names), who answered all the same.
  public var alter: String
  /// The rating as given; `nil` when the cell is empty.
  public var rating: Double?
  /// The kind of tie (trust, collaboration...); `nil` when the table has no layer or the cell is empty.
  public var layer: String?
  /// The wave (round of interviews); `nil` when the table has none.
  public var wave: String?
  /// What the respondent said about the alter (organisation, sector, kind...), by column name.
  public var reported: [String: AttributeValue]
  /// Where the row is: its line, and the columns of the alter and the rating (from 1).
  public var line: Int
  /// The column of the alter (from 1; 0 when unknown).
  public var alterColumn: Int
  /// The column of the rating (from 1; 0 when unknown).
  public var ratingColumn: Int
  /// The column of the respondent (from 1; 0 when unknown).
  public var respondentColumn: Int
  /// The file (or a workbook's sheet, `survey.xlsx[alters]`) the row is in, where it is not
  /// the nominations file itself: a survey app's export keeps the names in a sheet or file of
  /// their own, and the respondents in another. `nil`: the nominations file.
  public var file: String? = nil

  /// A nomination; the positions default to 0 (unknown).
  public init(
    respondent: String, alter: String, rating: Double?, layer: String? = nil, wave: String? = nil,
    reported: [String: AttributeValue] = [:], line: Int = 0, alterColumn: Int = 0,
    ratingColumn: Int = 0,
    respondentColumn: Int = 0
  ) {
    self.respondent = respondent
    self.alter = alter
    self.rating = rating
    self.layer = layer
    self.wave = wave
    self.reported = reported
    self.line = line
    self.alterColumn = alterColumn
    self.ratingColumn = ratingColumn
    self.respondentColumn = respondentColumn
  }
}

/// A person's tie to an organisation (works at, member of), or any two-mode tie.
public struct Affiliation: Hashable, Sendable {
  /// The person (or member) as the table gives them.
  public var member: String
  /// The organisation as the table gives it.
  public var organisation: String
  /// The layer it goes in (`affiliation` unless the table says).
  public var layer: String
  /// The row's line in its file, from 1.
  public var line: Int
  /// The column of the member (from 1).
  public var memberColumn: Int
  /// The column of the organisation (from 1).
  public var organisationColumn: Int
}

/// A researcher's decision for a name: map it to a roster id, or make it a new node.
public struct AliasRow: Hashable, Sendable {
  /// The name as respondents said or wrote it.
  public var name: String
  /// A roster id, `new`, or empty (not decided yet).
  public var id: String
  /// The alias table the row is in (empty: ``InterviewNetwork/Inputs/aliasesFile``).
  public var file: String = ""
  /// The row's line in its file, from 1.
  public var line: Int
  /// The column of the id (from 1).
  public var idColumn: Int
  /// The row's cells in columns other than `name`, `id` and those the review file writes
  /// itself (a researcher's `note`, say), in file order; the review file keeps them.
  public var notes: [AliasNote] = []
}

/// A cell a researcher added to an alias table or review file: its column and text.
public struct AliasNote: Hashable, Sendable {
  /// The column's name.
  public var column: String
  /// The cell's text.
  public var text: String
}

extension InterviewFiles {
  /// A table of an interview study: CSV, or the first sheet of an Excel workbook (the data
  /// start as a ZIP archive), whose positions name the sheet (`roster.xlsx[Blad1]`). A sheet
  /// with error cells (`#N/A`) is refused, naming the first: an interview table has no
  /// missing values to read them as.
  static func table(_ data: Data, file: String, encoding: TextEncoding) throws(FormatError) -> (
    CSVFormat.Table, String
  ) {
    let (table, place, _) = try self.table(data, file: file, encoding: encoding, sheet: nil)
    return (table, place)
  }

  /// The table as ``table(_:file:encoding:)`` reads it, or the sheet `sheet` of a workbook,
  /// with a note where a workbook has other sheets the table is not read from.
  static func table(_ data: Data, file: String, encoding: TextEncoding, sheet: String?)
    throws(FormatError) -> (CSVFormat.Table, String, note: String?)
  {
    guard ZIPArchive.looksLike(data) else {
      if sheet != nil {
        throw FormatError(
          file: file, line: 0, column: 0,
          "--sheet names a sheet of an Excel workbook, and this is a text table; leave it out")
      }
      return (
        try CSVFormat.parse(TextInput(data: data, file: file, encoding: encoding)), file, nil
      )
    }
    // A ZIP archive of CSV files (ODK Central's export): the shortest name is the form's own
    // table, the others its repeats (`Form-alters.csv`).
    let archive = try ZIPArchive(data: data, file: file)
    if archive.entry(named: "xl/workbook.xml") == nil {
      let csv = try csvEntries(archive, file: file)
      guard let main = csv.first else {
        throw FormatError(
          file: file, line: 0, column: 0,
          "a ZIP archive, but neither an Excel workbook nor an export of CSV files: it holds \(FormatError.list(archive.entries.prefix(10).map(\.name), quoted: true))"
        )
      }
      if sheet != nil {
        throw FormatError(
          file: file, line: 0, column: 0,
          "--sheet names a sheet of an Excel workbook, and this is a ZIP archive of CSV files; leave it out"
        )
      }
      let place = "\(file)[\(main.name)]"
      return (
        try CSVFormat.parse(
          TextInput(data: try archive.extract(main.name) ?? Data(), file: place, encoding: encoding)
        ),
        place, nil
      )
    }
    let book = try XLSXFormat.Workbook(data: data, file: file)
    guard !book.sheets.isEmpty else {
      throw FormatError(file: file, line: 1, column: 1, "the workbook has no sheets")
    }
    let names = { (ks: [Int]) in FormatError.list(ks.map { book.sheets[$0].name }, quoted: true) }
    let k: Int
    var note: String?
    if let sheet {
      guard let named = book.sheetIndex(named: sheet) else {
        throw FormatError(
          file: file, line: 1, column: 1,
          "the workbook has no sheet '\(FormatError.excerpt(sheet))' (named by --sheet); its sheets are \(names(Array(book.sheets.indices)))"
        )
      }
      k = named
    } else {
      // The first sheet not hidden (a hidden sheet is read only when named).
      k = book.sheets.indices.first { !book.isHidden($0) } ?? 0
      let others = book.sheets.indices.filter { $0 != k }
      if !others.isEmpty {
        let hidden = others.filter(book.isHidden)
        let shown = others.filter { !book.isHidden($0) }
        note =
          "the sheet '\(book.sheets[k].name)' is read, the first \(hidden.isEmpty ? "" : "not hidden ")of \(book.sheets.count); "
          + [
            shown.isEmpty ? nil : "\(names(shown)) \(shown.count == 1 ? "is" : "are") not read",
            hidden.isEmpty
              ? nil
              : "\(names(hidden)), hidden, \(hidden.count == 1 ? "is" : "are") not read",
          ].compactMap { $0 }.joined(separator: "; ") + "; name the sheet with --sheet"
      }
    }
    let (table, notes) = try book.table(sheet: k)
    if let note = notes.first(where: { $0.contains("read as missing") }) {
      throw FormatError(
        file: book.place(k), line: 1, column: 1,
        note.replacingOccurrences(of: "read as missing", with: "refused"))
    }
    return (table, book.place(k), note)
  }

  /// The CSV files of a ZIP archive, the form's own table first: those at its top, or, where
  /// it has none there, those of its one folder (an export unpacked and packed again); none in
  /// macOS's `__MACOSX`. The shortest name is the form's table (`Form.csv`), and the others
  /// must be its repeats (`Form-alters.csv`).
  ///
  /// - Throws: when the archive holds the files of more than one form (`Form.csv` and
  ///   `Wave2.csv`), which would be read as one export.
  static func csvEntries(_ archive: ZIPArchive, file: String) throws(FormatError) -> [ZIPArchive
    .Entry]
  {
    let csv = archive.entries.filter {
      !$0.isDirectory && $0.name.lowercased().hasSuffix(".csv") && !$0.name.hasPrefix("__MACOSX/")
    }
    var entries = csv.filter { !$0.name.contains("/") }
    if entries.isEmpty {
      let folders = Set(csv.map { ($0.name as NSString).deletingLastPathComponent })
      guard folders.count == 1, let folder = folders.first else { return [] }
      entries = csv.filter { ($0.name as NSString).deletingLastPathComponent == folder }
    }
    func stem(_ e: ZIPArchive.Entry) -> String {
      String((e.name as NSString).lastPathComponent.dropLast(4))
    }
    // The form's table is the shortest name among the tables with a survey app's ids (a
    // codebook beside them may have a shorter one).
    let hasIDs = entries.map { e -> Bool in
      let data: Data? = try? archive.extract(e.name)
      return headerHasExportIDs(data ?? Data())
    }
    let candidates =
      hasIDs.contains(true) ? entries.indices.filter { hasIDs[$0] } : entries.indices.map { $0 }
    guard let main = candidates.min(by: { entries[$0].name.count < entries[$1].name.count })
    else { return [] }
    let form = stem(entries[main])
    let inForm = { (e: ZIPArchive.Entry) in stem(e) == form || stem(e).hasPrefix(form + "-") }
    // Another file with a survey app's ids is another export's table; any other (a codebook,
    // say) is not part of the export, and is left alone.
    let others = entries.indices.filter { !inForm(entries[$0]) && hasIDs[$0] }.map {
      entries[$0]
    }
    if !others.isEmpty {
      let repeats = entries.filter { inForm($0) && stem($0) != form }.count
      throw FormatError(
        file: file, line: 0, column: 0,
        "the archive holds the files of more than one export: '\(entries[main].name)'\(repeats > 0 ? " and its repeats (\(form)-...csv)" : ""), and \(FormatError.list(others.prefix(10).map(\.name), quoted: true)), tables of a survey app (KEY or _index); read as one export, another's rows would join these; pack one form's files, or unpack the archive and give the form's file"
      )
    }
    return [entries[main]]
      + entries.indices.filter { $0 != main && inForm(entries[$0]) }.map { entries[$0] }
  }

  /// The bytes of an interview table: a workbook (`.xlsx`) or a ZIP archive of CSV files
  /// (ODK Central's export, `.zip`) as it is, other files as text
  /// (``Network/load(_:)``, which refuses a binary file).
  public static func load(_ path: String) throws(FormatError) -> Data {
    guard ["xlsx", "zip"].contains((path as NSString).pathExtension.lowercased()) else {
      return try Network.load(path)
    }
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue else {
      throw FormatError(
        file: path, line: 0, column: 0,
        isDir.boolValue ? "this is a folder; expected a file" : "no such file")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw FormatError(file: path, line: 0, column: 0, "the file cannot be read")
    }
    return data
  }
}

/// Reading the interview tables: nominations, roster, affiliations and the alias table (CSV,
/// with the same dialect rules as ``CSVFormat``), each in UTF-8 or the ``TextEncoding`` named,
/// or the first sheet of an Excel workbook (read its bytes with ``load(_:)``).
public enum InterviewFiles {
  /// Reads a nominations table: `respondent`, `alter` and `rating` columns (also spelled `ego`,
  /// `name`/`nominee`, `trust`); optional `layer` and `wave`; every other column is what the
  /// respondent said about the alter. A table without an alter column but with numbered ones
  /// (`alter 1`, `rating 1`, `alter 2`, ...; the wide layout survey tools export, one row per
  /// respondent) gives a nomination for each number a row fills in; numbered columns of another
  /// name (`sector 1`) are what was said of that person, and columns without a number are not
  /// read (the notes name them); a respondent's row that names no one gives a nomination whose
  /// `alter` is empty (they answered). A rating written with a decimal comma in a
  /// comma-separated table (`"4,5"`, quoted) is read as a decimal number, and one written as
  /// missing (`NA`, `N/A`) as no rating; ``nominations(_:file:encoding:columns:notes:)`` says
  /// so in its notes. A survey app's export with the names in a repeat group (a KoboToolbox or
  /// Ona workbook, ODK Central's ZIP archive of CSV files or one of those files, SurveyCTO's
  /// long format, with its files beside it) gives a nomination for each row of the repeat,
  /// its respondent the answer on its submission's row (``Nomination/file`` says which sheet or
  /// file the row is in), and one without a name for each submission with no row there.
  public static func nominations(_ data: Data, file: String, encoding: TextEncoding = .utf8)
    throws(FormatError) -> [Nomination]
  {
    var notes: [String] = []
    return try nominations(data, file: file, encoding: encoding, notes: &notes)
  }

  /// The columns of a nominations table, by name (any case), where they are not named as
  /// ``nominations(_:file:encoding:)`` expects them; `nil` looks for the usual names.
  public struct NominationColumns: Sendable, Hashable {
    /// The respondent's column (usually `respondent` or `ego`).
    public var respondent: String?
    /// The column of the name given (usually `alter`, `nominee` or `name`).
    public var alter: String?
    /// The rating's column (usually `rating` or `trust`).
    public var rating: String?
    /// The column of the relation each row reports (usually `layer`).
    public var layer: String?
    /// The column of the wave each row belongs to (usually `wave`).
    public var wave: String?
    /// The sheet of a workbook that holds the nominations (`nil`: the first sheet not hidden).
    public var sheet: String?

    /// Columns by these names (`nil`: the usual names), on the sheet `sheet` of a workbook.
    public init(
      respondent: String? = nil, alter: String? = nil, rating: String? = nil,
      layer: String? = nil, wave: String? = nil, sheet: String? = nil
    ) {
      self.respondent = respondent
      self.alter = alter
      self.rating = rating
      self.layer = layer
      self.wave = wave
      self.sheet = sheet
    }
  }

  /// Reads a nominations table as ``nominations(_:file:encoding:)`` does, with its columns
  /// named by `columns`, and adds to `notes` what a reader of the numbers should know: ratings
  /// written with a decimal comma in a comma-separated file (`"4,5"`, quoted, as spreadsheets
  /// write them in Swedish or German), read as decimal numbers as the network tables read
  /// them, and ratings written as missing (`NA`, `N/A`, as R and Excel write them), read as no
  /// rating, as an empty cell is.
  ///
  /// - Throws: ``FormatError`` as ``nominations(_:file:encoding:)``, and when a column named
  ///   in `columns` is not in the header (the message lists those there are).
  public static func nominations(
    _ data: Data, file: String, encoding: TextEncoding = .utf8,
    columns: NominationColumns = NominationColumns(), notes: inout [String]
  ) throws(FormatError) -> [Nomination] {
    var otherSheets: (place: String, note: String)?
    do {
      return try readNominations(
        data, file: file, encoding: encoding, columns: columns, notes: &notes,
        otherSheets: &otherSheets)
    } catch {
      // A workbook whose first sheet is not the nominations (a sheet of notes before them):
      // the error there says which other sheets there are.
      guard let (place, note) = otherSheets, error.file == place else { throw error }
      throw FormatError(
        file: error.file, line: error.line, column: error.column,
        error.message + " (\(note))")
    }
  }

  static func readNominations(
    _ data: Data, file: String, encoding: TextEncoding, columns: NominationColumns,
    notes: inout [String], otherSheets: inout (place: String, note: String)?
  ) throws(FormatError) -> [Nomination] {
    let path = file
    var (table, file, sheetNote) = try table(
      data, file: file, encoding: encoding, sheet: columns.sheet)
    if let sheetNote { otherSheets = (file, sheetNote) }
    // KoboToolbox writes the questions' HXL tags (`#contact+name`) in a row below the header.
    if let row = table.rows.first, isHXLTagRow(row) {
      let line = table.rowLines[0]
      table = table.droppingFirstRows(1)
      notes.append(
        "\(file): the row below the header (line \(line)) holds the questions' HXL tags (#...), not answers, and is skipped"
      )
    }
    notes.append(contentsOf: flaggedSubmissions(table, file: file))
    // A survey app's export with the names in a repeat group (Kobo, Ona, ODK, SurveyCTO): the
    // repeat's rows are the nominations, each with its submission's respondent.
    var repeatGroup: RepeatGroup?
    if ["_index", "_parent_index"].contains(where: { CSVFormat.column(table.header, $0) != nil })
      || table.header.contains("KEY") || table.header.contains("PARENT_KEY")
    {
      let (parts, first, unreadable) = try exportParts(
        data, file: path, encoding: encoding, first: table, firstPlace: file, notes: &notes)
      // Without the rows exportParts skipped (KoboToolbox's HXL tags).
      table = parts[first].table
      if let group = try Self.repeatGroup(
        parts, first: first, columns: columns, file: path, unreadable: unreadable)
      {
        repeatGroup = group
        table = group.part.table
        file = group.part.place
        // Each row's respondent, as a column of its own at the end.
        table.header.append("respondent")
        for i in table.rows.indices { table.rows[i].append(group.respondents[i]) }
        notes.append(contentsOf: group.notes)
        // A survey app's workbook is read whole.
        sheetNote = nil
      }
    }
    if let sheetNote { notes.append("\(path): \(sheetNote)") }
    let columns =
      repeatGroup.map {
        NominationColumns(
          alter: $0.alter, rating: $0.rating, layer: columns.layer, wave: columns.wave)
      } ?? columns
    // The app's own columns (`_index`, `KEY`) are neither nominations nor what was said.
    let system = repeatGroup?.system ?? []
    // Qualtrics writes two more header rows below the header: the questions' text, and their
    // import ids (`{"ImportId":"QID3_1"}`).
    if table.rows.count >= 2, table.rows[1].contains(where: { !$0.isEmpty }),
      table.rows[1].allSatisfy({ $0.isEmpty || $0.hasPrefix("{\"ImportId\"") })
    {
      table = table.droppingFirstRows(2)
      notes.append(
        "\(file): read as a Qualtrics export: the two rows below the header (lines 2 and 3: the questions' text and their import ids) are headers, not answers, and are skipped"
      )
    }
    let h = table.header
    // A column named by the caller must be there (CSVFormat.column's message lists those
    // there are); otherwise the usual names are looked for, and one not found is refused here.
    func required(_ role: String, _ found: Int?) throws(FormatError) -> Int {
      guard let found else {
        throw FormatError(
          file: file, line: 1, column: 1,
          "the nominations table has no '\(role)' column; its columns are \(h.joined(separator: ", ")); name it with --\(role)-column"
            + (role == "respondent" || !h.contains(where: { WideLayout.numbered($0) != nil })
              ? ""
              : " (in a table of one row per respondent, with numbered columns such as 'Person 1', 'Person 2', name them without the number, which must end the name: --\(role)-column Person)")
        )
      }
      return found
    }
    let r =
      repeatGroup != nil
      ? h.count - 1
      : try required(
        "respondent",
        CSVFormat.column(
          table, file: file, named: columns.respondent, option: "respondent-column",
          usual: "respondent", "ego"))
    let layerCol = try CSVFormat.column(
      table, file: file, named: columns.layer, option: "layer-column", usual: "layer")
    let waveCol = try CSVFormat.column(
      table, file: file, named: columns.wave, option: "wave-column", usual: "wave")
    // A wide table (one row per respondent, as survey tools export it: 'alter 1', 'rating 1',
    // 'alter 2', ...) has numbered name and rating columns, and not both plain ones. A numbered
    // column named with an option ('--alter-column "alter 1"') stands for all of its numbers.
    func names(_ given: String?, usual: [String]) -> [String] {
      guard let given else { return usual }
      // `Q3` for Qualtrics's `Q3_1`, `Q3_2`: the columns numbered after it.
      if h.contains(where: { WideLayout.numbered($0).map { sameName($0.base, given) } ?? false }) {
        return [given]
      }
      if let (base, k) = WideLayout.numbered(given),
        h.contains(where: {
          WideLayout.numbered($0).map { sameName($0.base, base) && $0.number != k } ?? false
        })
      {
        return [base]
      }
      // A number inside the name (`alters[1]/alter_name`, `Person 1 you trust`), with columns
      // alike but for it.
      if let (pattern, k) = WideLayout.skeleton(given),
        h.contains(where: {
          WideLayout.skeleton($0).map { sameName($0.pattern, pattern) && $0.number != k } ?? false
        })
      {
        return [pattern]
      }
      return [given]
    }
    let alterNames = names(columns.alter, usual: ["alter", "nominee", "name"])
    let ratingNames = names(columns.rating, usual: ["rating", "trust"])
    let plainAlter = alterNames.contains { n in h.contains { sameName($0, n) } }
    let plainRating = ratingNames.contains { n in h.contains { sameName($0, n) } }
    let wide: WideLayout? =
      plainAlter && plainRating
      ? nil
      : try WideLayout(
        table, file: file, alterNames: alterNames, ratingNames: ratingNames,
        fixed: [r, layerCol, waveCol].compactMap { $0 } + system.sorted())
    // Each row holds one nomination in a long table (a slot), and one per number in a wide one.
    var slots: [WideLayout.Slot]
    var reportedColumns: [(name: String, type: AttributeType, values: [AttributeValue?])]
    if let wide {
      slots = wide.slots
      reportedColumns = []
    } else {
      let a = try required(
        "alter",
        CSVFormat.column(
          table, file: file, named: columns.alter, option: "alter-column",
          usual: "alter", "nominee", "name"))
      let ratingCol = try required(
        "rating",
        CSVFormat.column(
          table, file: file, named: columns.rating, option: "rating-column",
          usual: "rating", "trust"))
      if Set([r, a, ratingCol]).count < 3 {
        throw FormatError(
          file: file, line: 1, column: 1,
          "the respondent, alter and rating must be three columns; '\(h[r])', '\(h[a])' and '\(h[ratingCol])' are not"
        )
      }
      let rest = h.indices.filter {
        ![r, a, ratingCol, layerCol, waveCol].contains($0) && !system.contains($0)
      }
      // Numbered names and ratings beside plain ones: which are the nominations is not clear.
      if let numbered = try? WideLayout(
        table, file: file, alterNames: alterNames, ratingNames: ratingNames,
        fixed: [r, a, ratingCol, layerCol, waveCol].compactMap { $0 } + system.sorted()),
        let first = numbered.slots.first
      {
        throw FormatError(
          file: file, line: 1, column: 1,
          "the table has both plain name and rating columns ('\(h[a])', '\(h[ratingCol])') and numbered ones ('\(h[first.alter])', '\(h[first.rating])', ...); a table is one row per nomination or one row per respondent: rename or remove the columns that are not the nominations"
        )
      }
      slots = [WideLayout.Slot(alter: a, rating: ratingCol)]
      reportedColumns = CSVFormat.typedColumns(table, columns: rest)
    }
    /// Whether a column has a value in some row (a layer or wave column left all empty says
    /// nothing, and is not asked of each row).
    var columnSays: [Int: Bool] = [:]
    func saysSome(_ c: Int) -> Bool {
      if let known = columnSays[c] { return known }
      let says = table.rows.contains { !$0[c].trimmingCharacters(in: .whitespaces).isEmpty }
      columnSays[c] = says
      return says
    }
    let decimalComma = table.delimiter == UInt8(ascii: ";")
    // The values of a wide table's numbered columns of what was said ('organisation 1', ...),
    // typed as one column per name.
    var wideReported: [String: [[AttributeValue?]]] = [:]
    if let wide {
      for name in wide.reportedNames {
        // Each slot's column of this name, if it has one, and its cells.
        let columns = slots.map { slot in slot.reported.first { $0.name == name }?.column }
        let cells = columns.map { c in
          table.rows.map { row in c.flatMap { row[$0].isEmpty ? nil : row[$0] } }
        }
        // Typed as the long table types a column: names are text, and so is a workbook
        // column with a cell stored as text.
        let type =
          CSVFormat.isNameColumn(name)
            || columns.contains { $0.map(table.textFields.contains) ?? false }
          ? .string : inferType(cells.flatMap { $0 }, decimalComma: decimalComma)
        wideReported[name] = cells.map { column in
          column.map {
            $0.flatMap { AttributeValue.parse($0, as: type, decimalComma: decimalComma) }
          }
        }
      }
    }
    var out: [Nomination] = []
    out.reserveCapacity(table.rows.count * slots.count)
    var commaRatings = 0
    // The respondent of each empty repeat row and its line: one whose rows are all empty
    // named no one, and is a respondent all the same.
    var emptyRowsOf: [(respondent: String, line: Int)] = []
    var missingRatings: [String] = []
    var firstComma: (raw: String, line: Int, value: Double)?
    // A wide table's respondents: their rows, and those who named no one.
    var rowsOf: [String: (name: String, lines: [Int])] = [:]
    var respondentOrder: [String] = []
    /// A rating as written: `nil` for an empty cell or one written as missing.
    func rating(_ raw: String, line: Int, column: @autoclosure () -> Int) throws(FormatError)
      -> Double?
    {
      if GroupAssignment.missingSpellings.contains(raw) {
        // What R, Excel and databases write for no answer: no rating, as an empty cell.
        missingRatings.append(raw)
        return nil
      }
      if raw.isEmpty { return nil }
      // One comma between digits in a comma-separated file was a quoted decimal comma.
      if !decimalComma, let v = CSVFormat.quotedDecimalComma(raw), v.isFinite {
        if firstComma == nil { firstComma = (raw, line, v) }
        commaRatings += 1
        return v
      }
      guard let v = parseDouble(raw, decimalComma: decimalComma), v.isFinite else {
        // A number and its label (`5 - Completely`, `4 (often)`): a survey app's export of the
        // answers' labels.
        let digits = raw.prefix { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }
        let labelled =
          !digits.isEmpty && digits.count < raw.count && parseDouble(String(digits)) != nil
        throw FormatError(
          file: file, line: line, column: column(),
          "the rating '\(raw)' is not a finite number"
            + (labelled
              ? "; it starts with one and goes on with its label, as a survey app writes the answers' labels: export the answers' values instead (KoboToolbox: 'XML values and headers'), or keep the number alone"
              : ""))
      }
      return v
    }
    for (i, f) in table.rows.enumerated() {
      let line = table.rowLines[i]
      let respondent = f[r].trimmingCharacters(in: .whitespaces)
      // A row of a wide table with nothing in it (a spreadsheet's empty rows) holds no answer.
      if wide != nil, f.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
        continue
      }
      if respondent.isEmpty {
        throw FormatError(
          file: file, line: line, column: table.column(row: i, field: r), "the respondent is empty")
      }
      let before = out.count
      /// A cell of this row, trimmed; `nil` when there is no such column or it is empty.
      func cell(_ column: Int?) -> String? {
        guard let column else { return nil }
        let t = f[column].trimmingCharacters(in: .whitespaces)
        return t.isEmpty ? nil : t
      }
      for (k, slot) in slots.enumerated() {
        var alter = f[slot.alter].trimmingCharacters(in: .whitespaces)
        let rawRating = f[slot.rating].trimmingCharacters(in: .whitespaces)
        // Survey tools write n/a (ODK, Ona) or NA in the slots of names not given.
        if wide != nil, GroupAssignment.missingSpellings.contains(alter) { alter = "" }
        if alter.isEmpty {
          // A wide table's row has as many names as the respondent gave; the rest are empty.
          // What is written of no one is refused, as it would be lost.
          let orphan =
            ([slot.rating] + slot.reported.map(\.column)
            + [slot.layer, slot.wave].compactMap { $0 })
            .first { c in
              let t = f[c].trimmingCharacters(in: .whitespaces)
              return !t.isEmpty && !GroupAssignment.missingSpellings.contains(t)
            }
          // A repeat's row with nothing in it: an entry begun and left empty in the app.
          if repeatGroup != nil && orphan == nil {
            emptyRowsOf.append((respondent, line))
            continue
          }
          guard wide == nil || orphan != nil else { continue }
          throw FormatError(
            file: file, line: line, column: table.column(row: i, field: slot.alter),
            wide != nil
              ? "'\(h[orphan!])' \(orphan == slot.rating ? "has a rating" : "says something"), but '\(h[slot.alter])' names no one"
              : "the alter (the name given) is empty")
        }
        let value = try rating(
          rawRating, line: line, column: table.column(row: i, field: slot.rating))
        // A row of a table that says each row's relation or wave must say this row's: left
        // empty, it would be read as another relation (the default layer) or in every wave.
        for (role, columns) in [
          ("layer", [slot.layer, layerCol]), ("wave", [slot.wave, waveCol]),
        ]
        where columns.contains(where: { $0.map(saysSome) ?? false })
          && columns.allSatisfy({ cell($0) == nil })
        {
          let c = columns.compactMap { $0 }.last!
          throw FormatError(
            file: file, line: line, column: table.column(row: i, field: c),
            "the \(role) ('\(h[c])') is empty, where the other rows say theirs; fill it in, or delete the row"
          )
        }
        var reported: [String: AttributeValue] = [:]
        for c in reportedColumns { if let v = c.values[i] { reported[c.name] = v } }
        for (name, perSlot) in wideReported { if let v = perSlot[k][i] { reported[name] = v } }
        out.append(
          Nomination(
            respondent: respondent, alter: alter, rating: value,
            layer: cell(slot.layer) ?? cell(layerCol), wave: cell(slot.wave) ?? cell(waveCol),
            reported: reported, line: line, alterColumn: table.column(row: i, field: slot.alter),
            ratingColumn: table.column(row: i, field: slot.rating),
            respondentColumn: table.column(row: i, field: r)))
      }
      if wide != nil {
        // A respondent's rows, by the name as matching folds it, and by the layer and wave the
        // row's own columns give (rows of other layers or waves are not repeats).
        let key =
          NameMatching.normalise(respondent) + "\u{0}" + (cell(layerCol) ?? "") + "\u{0}"
          + (cell(waveCol) ?? "")
        if rowsOf[key] == nil { respondentOrder.append(key) }
        rowsOf[key, default: (respondent, [])].lines.append(line)
        if out.count == before {
          // A respondent who named no one answered all the same: a nomination without a name.
          out.append(
            Nomination(
              respondent: respondent, alter: "", rating: nil, layer: cell(layerCol),
              wave: cell(waveCol), line: line, respondentColumn: table.column(row: i, field: r)))
        }
      }
    }
    if let wide {
      // Those who named no one in any row (an empty row beside a full one names someone).
      let naming = Set(
        out.filter { !$0.alter.isEmpty }.map { NameMatching.normalise($0.respondent) })
      out.removeAll { $0.alter.isEmpty && naming.contains(NameMatching.normalise($0.respondent)) }
      var namedNoOne: [String] = []
      for n in out where n.alter.isEmpty && !namedNoOne.contains(n.respondent) {
        namedNoOne.append(n.respondent)
      }
      let empty = out.filter { $0.alter.isEmpty }.count
      notes.append(wide.note(file: file, nominations: out.count - empty, header: h))
      if !namedNoOne.isEmpty {
        notes.append(
          "\(file): \(namedNoOne.count) \(namedNoOne.count == 1 ? "respondent names" : "respondents name") no one (\(namedNoOne.prefix(5).map { "'\($0)'" }.joined(separator: ", "))\(namedNoOne.count > 5 ? ", ..." : "")): \(namedNoOne.count == 1 ? "a respondent" : "respondents") with no ties, once the name is found in the roster"
        )
      }
      for key in respondentOrder where rowsOf[key]!.lines.count > 1 {
        let (name, lines) = rowsOf[key]!
        notes.append(
          "\(file): '\(name)' has \(lines.count) rows (lines \(lines.map(String.init).joined(separator: ", "))) in a table of one row per respondent: their nominations are merged, a name given twice keeping the higher rating; delete a row that a later one replaces"
        )
      }
    }
    if repeatGroup == nil && file != path {
      // A workbook's rows are placed in their sheet (`noms.xlsx[Wave 2]`).
      for k in out.indices { out[k].file = file }
    }
    if let group = repeatGroup {
      // The rows' place is the repeat's table; the respondent's cell is in another.
      for k in out.indices {
        out[k].respondentColumn = 0
        out[k].file = file
      }
      out += group.namedNoOne
      // Respondents whose every repeat row is empty: a nomination without a name each.
      let naming = Set(out.map { NameMatching.normalise($0.respondent) })
      var added = Set<String>()
      for (respondent, line) in emptyRowsOf {
        let key = NameMatching.normalise(respondent)
        guard !naming.contains(key), added.insert(key).inserted else { continue }
        var n = Nomination(respondent: respondent, alter: "", rating: nil, line: line)
        n.file = file
        out.append(n)
      }
      let emptyRepeatRows = emptyRowsOf.map(\.line)
      if !emptyRepeatRows.isEmpty {
        notes.append(
          "\(file): \(emptyRepeatRows.count) \(emptyRepeatRows.count == 1 ? "row names" : "rows name") no one and \(emptyRepeatRows.count == 1 ? "has" : "have") no rating (line\(emptyRepeatRows.count == 1 ? "" : "s") \(emptyRepeatRows.prefix(10).map(String.init).joined(separator: ", "))\(emptyRepeatRows.count > 10 ? ", ..." : "")): entries begun in the app and left empty, not read"
        )
      }
    }
    if !missingRatings.isEmpty {
      let spellings = Array(Set(missingRatings)).sorted().map { "'\($0)'" }
      notes.append(
        "\(file): \(missingRatings.count) rating\(missingRatings.count == 1 ? " is" : "s are") \(spellings.joined(separator: ", ")), read as no rating, as an empty cell is: \(missingRatings.count == 1 ? "its row is left out (the account lists it)" : "their rows are left out (the account lists them)")"
      )
    }
    if let f = firstComma {
      notes.append(
        "\(file): \(commaRatings) rating\(commaRatings == 1 ? " was" : "s were") written with a decimal comma and read as \(commaRatings == 1 ? "a decimal number" : "decimal numbers") (\(commaRatings == 1 ? "" : "the first: ")'\(f.raw)' on line \(f.line) as \(formatNumber(f.value)))"
      )
    }
    return out
  }

  /// Notes on submissions a survey app marks as not real answers, which are read as answers:
  /// Qualtrics' previews, tests and spam (`Status`) and unfinished responses (`Finished`),
  /// ODK Central's rejected submissions (`ReviewState`), KoboToolbox's not approved ones
  /// (`_validation_status`). A preview merged with the respondent's real row made a tie no one
  /// reported; the note names the lines, to be left out of the export.
  ///
  /// - Complexity: O(rows).
  static func flaggedSubmissions(_ table: CSVFormat.Table, file: String) -> [String] {
    let checks: [(column: String, flagged: (String) -> Bool, what: String, app: String)] = [
      (
        "Status",
        {
          ["survey preview", "survey test", "spam", "1", "2", "8"].contains($0.lowercased())
        }, "a preview, test or spam", "Qualtrics"
      ),
      ("Finished", { ["false", "0"].contains($0.lowercased()) }, "unfinished", "Qualtrics"),
      ("ReviewState", { $0.lowercased() == "rejected" }, "rejected", "ODK Central"),
      (
        "_validation_status",
        { $0.lowercased() == "validation_status_not_approved" }, "not approved",
        "KoboToolbox"
      ),
    ]
    var notes: [String] = []
    for check in checks {
      guard let c = table.header.firstIndex(of: check.column) else { continue }
      let lines = table.rows.indices.filter { r in
        c < table.rows[r].count
          && check.flagged(table.rows[r][c].trimmingCharacters(in: .whitespaces))
      }.map { table.rowLines[$0] }
      guard let first = lines.first else { continue }
      let shown = lines.prefix(5).map(String.init).joined(separator: ", ")
      notes.append(
        "\(file): \(lines.count == 1 ? "line \(first) is a submission" : "lines \(shown)\(lines.count > 5 ? " and \(lines.count - 5) more" : "") are submissions") that \(check.app) marks as \(check.what) ('\(check.column)'), read as answers like the others; leave \(lines.count == 1 ? "it" : "them") out of the export if \(lines.count == 1 ? "it is not a real answer" : "they are not real answers")"
      )
    }
    return notes
  }

  /// Reads a roster: `id` (required), `label`, `kind`, `aliases` (names separated by `|`),
  /// `interviewed` (a boolean), and further attributes.
  public static func roster(_ data: Data, file: String, encoding: TextEncoding = .utf8)
    throws(FormatError) -> Roster
  {
    let (table, file) = try table(data, file: file, encoding: encoding)
    let h = table.header
    guard let idCol = CSVFormat.column(h, "id") else {
      throw FormatError(
        file: file, line: 1, column: 1,
        "the roster has no 'id' column; its columns are \(h.joined(separator: ", "))")
    }
    let labelCol = CSVFormat.column(h, "label", "name")
    let kindCol = CSVFormat.column(h, "kind")
    let aliasCol = CSVFormat.column(h, "aliases", "alias")
    let interviewedCol = CSVFormat.column(h, "interviewed")
    let rest = h.indices.filter {
      ![idCol, labelCol, kindCol, aliasCol, interviewedCol].contains($0)
    }
    let cols = CSVFormat.typedColumns(table, columns: rest)
    var roster = Roster()
    roster.attributes = cols.map { AttributeDeclaration(name: $0.name, type: $0.type) }
    for (i, f) in table.rows.enumerated() {
      let line = table.rowLines[i]
      let id = f[idCol].trimmingCharacters(in: .whitespaces)
      if id.isEmpty {
        throw FormatError(
          file: file, line: line, column: table.column(row: i, field: idCol), "the id is empty")
      }
      var interviewed: Bool?
      if let c = interviewedCol, !f[c].trimmingCharacters(in: .whitespaces).isEmpty {
        guard case .boolean(let b)? = AttributeValue.parse(f[c], as: .boolean) else {
          throw FormatError(
            file: file, line: line, column: table.column(row: i, field: c),
            "'interviewed' must be true or false (or yes/no, 1/0), not '\(f[c])'")
        }
        interviewed = b
      }
      var attrs: [String: AttributeValue] = [:]
      for c in cols { if let v = c.values[i] { attrs[c.name] = v } }
      let label = labelCol.map { f[$0].trimmingCharacters(in: .whitespaces) } ?? ""
      let aliases =
        aliasCol.map {
          f[$0].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
          }
        } ?? []
      let entry = RosterEntry(
        id: id, label: label.isEmpty ? id : label,
        kind: kindCol.map { NodeKind(spelling: f[$0].trimmingCharacters(in: .whitespaces)) }
          ?? .other,
        attributes: attrs, aliases: aliases, interviewed: interviewed)
      do { try roster.add(entry) } catch {
        throw FormatError(
          file: file, line: line, column: table.column(row: i, field: idCol),
          "the id '\(id)' appears twice in the roster")
      }
    }
    return roster
  }

  /// Reads an affiliation table: `person` (or `member`, `source`) and `organisation` (or
  /// `organization`, `group`, `event`, `target`); optional `layer` (default `affiliation`).
  public static func affiliations(_ data: Data, file: String, encoding: TextEncoding = .utf8)
    throws(FormatError) -> [Affiliation]
  {
    let (table, file) = try table(data, file: file, encoding: encoding)
    let h = table.header
    guard let m = CSVFormat.column(h, "person", "member", "source"),
      let o = CSVFormat.column(h, "organisation", "organization", "group", "event", "target")
    else {
      throw FormatError(
        file: file, line: 1, column: 1,
        "the affiliation table needs 'person' and 'organisation' columns; its columns are \(h.joined(separator: ", "))"
      )
    }
    let layerCol = CSVFormat.column(h, "layer")
    var out: [Affiliation] = []
    for (i, f) in table.rows.enumerated() {
      let line = table.rowLines[i]
      let member = f[m].trimmingCharacters(in: .whitespaces)
      let org = f[o].trimmingCharacters(in: .whitespaces)
      if member.isEmpty {
        throw FormatError(
          file: file, line: line, column: table.column(row: i, field: m), "the person is empty")
      }
      if org.isEmpty {
        throw FormatError(
          file: file, line: line, column: table.column(row: i, field: o),
          "the organisation is empty")
      }
      let layer = layerCol.map { f[$0].trimmingCharacters(in: .whitespaces) } ?? ""
      out.append(
        Affiliation(
          member: member, organisation: org, layer: layer.isEmpty ? "affiliation" : layer,
          line: line,
          memberColumn: table.column(row: i, field: m),
          organisationColumn: table.column(row: i, field: o)))
    }
    return out
  }

  /// Reads an alias table: `name` and `id` columns (the review file, once filled in, is one).
  /// `id` is a roster id, `new`, or empty (undecided). Other columns, except those the review
  /// file writes itself, are kept as the row's notes.
  public static func aliases(_ data: Data, file: String, encoding: TextEncoding = .utf8)
    throws(FormatError) -> [AliasRow]
  {
    let (table, file) = try table(data, file: file, encoding: encoding)
    guard let n = CSVFormat.column(table.header, "name"),
      let idCol = CSVFormat.column(table.header, "id")
    else {
      throw FormatError(
        file: file, line: 1, column: 1,
        "the alias table needs 'name' and 'id' columns; its columns are \(table.header.joined(separator: ", "))"
      )
    }
    let generated = Set(InterviewNetwork.reviewColumns.map { $0.lowercased() })
    let noteColumns = table.header.indices.filter {
      $0 != n && $0 != idCol && !generated.contains(table.header[$0].lowercased())
    }
    var out: [AliasRow] = []
    for (i, f) in table.rows.enumerated() {
      let name = unguardingFormula(f[n].trimmingCharacters(in: .whitespaces))
      if name.isEmpty {
        throw FormatError(
          file: file, line: table.rowLines[i], column: table.column(row: i, field: n),
          "the name is empty")
      }
      out.append(
        AliasRow(
          name: name, id: f[idCol].trimmingCharacters(in: .whitespaces), file: file,
          line: table.rowLines[i],
          idColumn: table.column(row: i, field: idCol),
          notes: noteColumns.map { AliasNote(column: table.header[$0], text: f[$0]) }))
    }
    return out
  }
}
