import Foundation

extension EgorTables {
  /// The sheet names a study workbook's three tables may have, in the order looked for (any
  /// case): the CSV files' names without `.csv`.
  public static let sheetNames = (
    egos: fileNames.egos.map { ($0 as NSString).deletingPathExtension },
    alters: fileNames.alters.map { ($0 as NSString).deletingPathExtension },
    alterTies: fileNames.alterTies.map { ($0 as NSString).deletingPathExtension }
  )

  /// Reads the three tables from the sheets of one Excel workbook (`egos`, `alters`, `aaties`,
  /// as ``sheetNames`` lists them), each read as ``XLSXFormat`` reads a sheet: messages name
  /// the sheet, row and column (`study.xlsx[alters]:7:3`).
  ///
  /// - Throws: ``FormatError`` for a sheet that is not there (naming those that are), and every
  ///   error of ``read(egos:alters:alterTies:directed:)``.
  public static func read(workbook path: String, directed: Bool = false) throws(FormatError)
    -> PersonalNetworks
  {
    let book = try XLSXFormat.Workbook.open(path: path)
    var notes: [String] = []
    func sheet(_ names: [String], _ what: String) throws(FormatError) -> Table {
      guard let k = names.lazy.compactMap({ book.sheetIndex(named: $0) }).first else {
        throw FormatError(
          file: path, line: 1, column: 1,
          "the workbook has no sheet of \(what) (named \(names.map { "'\($0)'" }.joined(separator: " or "))); its sheets are \(FormatError.list(book.sheets.map(\.name), quoted: true))"
        )
      }
      let (t, n) = try book.table(sheet: k)
      notes += n
      return Table(
        file: book.place(k), header: t.header, rows: t.rows, lines: t.rowLines,
        column: { r, f in t.column(row: r, field: f) })
    }
    var study = try read(
      egos: sheet(sheetNames.egos, "egos"), alters: sheet(sheetNames.alters, "alters"),
      alterTies: sheet(sheetNames.alterTies, "alter-alter ties"), directed: directed)
    study.readNotes = notes + study.readNotes
    return study
  }
}
