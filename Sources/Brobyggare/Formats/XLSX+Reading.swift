import Foundation

/// Excel workbooks (.xlsx: Office Open XML SpreadsheetML, ECMA-376) as tie and node tables.
///
/// A sheet is read as a CSV table is (see ``CSVFormat``): its first row with a value is the
/// header, every later row with a value a row of the table, so every CSV option (column names,
/// layers, trust, the `type` column, groups) works on it the same way. Cells become text as a
/// person sees them in Excel and are typed as CSV columns are:
///
/// - shared strings (rich-text runs joined, phonetic runs left out) and inline strings as they
///   are, with Excel's `_xHHHH_` escapes of control characters decoded;
/// - numbers as the shortest text that reads back as the same double (`12`, not `12.0`);
/// - booleans as `true` and `false`;
/// - numbers in a date or time format (built-in formats 14–22, 27–36, 45, 47, 50–58, and custom
///   formats with `y`, `d`, `h` or `s`, or `m` alone) as ISO 8601 text: `2024-03-01`,
///   `2024-03-01T12:30:00` or `12:30:00`, in the workbook's 1900 system (with Excel's
///   fictitious 29 February 1900, serial 60, kept as `1900-02-29`) or 1904 system; elapsed
///   times (`[h]:mm:ss`, built-in 46) stay numbers of days;
/// - ISO dates (`t="d"`) as they are;
/// - empty cells as missing values; error cells (`#N/A`, `#DIV/0!`) as missing, with a note
///   that counts them and names the first.
///
/// Merged cells in the header row are refused, naming the range: a merged header names one
/// column and leaves the others without a name. Positions in messages are the sheet's: the
/// file is written `net.xlsx[Ties]`, the line is the row and the column the column's number
/// (C is 3), and the message names the cell (`C7`).
public enum XLSXFormat {
  /// How much of a sheet is read.
  public struct Limits: Sendable {
    /// The most rows and columns of a sheet (Excel's own: 1,048,576 rows, 16,384 columns).
    public var rows = 1_048_576
    /// The most columns of a sheet (Excel's own: 16,384).
    public var columns = 16_384
    /// The most cells of the table read from a sheet: its rows times its columns, from the
    /// header to the last row and column with a value.
    public var cells = 10_000_000
    /// The most bytes of text (UTF-8) in the cells of a sheet, together: a shared string is
    /// stored once and may be used by every cell, so this, not the file's size, bounds the work.
    public var textBytes = 256 << 20
    /// The most bytes of a workbook file.
    public var fileBytes = 200 << 20
    /// Excel's own limits and those above.
    public init() {}
  }

  /// One opened workbook: its sheets and what every sheet shares (strings, number formats).
  struct Workbook {
    let file: String
    let archive: ZIPArchive
    /// The sheets in the workbook's order, with the archive entry of each and its state:
    /// `visible`, `hidden` (Unhide shows it) or `veryHidden` (only a macro shows it).
    var sheets: [(name: String, part: String, state: String)] = []
    var date1904 = false
    var sharedStrings: [String] = []
    /// Whether the cell style of each index (`s="3"`) shows a date or time, and which.
    var styleKinds: [DateKind?] = []
    let limits: Limits

    enum DateKind { case date, time, dateTime }

    /// Opens a workbook from a file.
    ///
    /// - Throws: ``FormatError`` when the file is missing, not a ZIP archive, not a workbook,
    ///   or over a limit.
    static func open(path: String, limits: Limits = Limits()) throws(FormatError) -> Workbook {
      var isDir: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
        throw FormatError(file: path, line: 0, column: 0, "no such file")
      }
      guard !isDir.boolValue else {
        throw FormatError(file: path, line: 0, column: 0, "this is a folder; expected a file")
      }
      guard let handle = FileHandle(forReadingAtPath: path) else {
        throw FormatError(file: path, line: 0, column: 0, "the file cannot be read")
      }
      defer { try? handle.close() }
      let data: Data
      do { data = try handle.read(upToCount: limits.fileBytes + 1) ?? Data() } catch {
        throw FormatError(file: path, line: 0, column: 0, "the file cannot be read")
      }
      guard data.count <= limits.fileBytes else {
        throw FormatError(
          file: path, line: 1, column: 1,
          "the workbook is larger than \(limits.fileBytes) bytes, the most read")
      }
      return try Workbook(data: data, file: path, limits: limits)
    }

    init(data: Data, file: String, limits: Limits = Limits()) throws(FormatError) {
      self.file = file
      self.limits = limits
      archive = try ZIPArchive(data: data, file: file)
      // The workbook part: where the package's relationships say, else where Excel puts it.
      var workbookPart = "xl/workbook.xml"
      if let rels = try archive.extract("_rels/.rels") {
        for r in try Workbook.relationships(rels, file: "\(file) (_rels/.rels)", base: "")
        where r.type.hasSuffix("/officeDocument") {
          workbookPart = r.target
          break
        }
      }
      guard let workbookXML = try archive.extract(workbookPart) else {
        throw FormatError(
          file: file, line: 1, column: 1,
          "the ZIP archive holds no \(workbookPart): it is not an Excel workbook (.xlsx)")
      }
      // By the text: NSString's deletingLastPathComponent on Linux crashes on a one-letter
      // name ("a"), which a damaged workbook may give its part.
      let folder = workbookPart.lastIndex(of: "/").map { String(workbookPart[..<$0]) } ?? ""
      let relsPart =
        (folder.isEmpty ? "" : folder + "/") + "_rels/"
        + (workbookPart as NSString).lastPathComponent + ".rels"
      var targets: [String: String] = [:]
      var sharedPart: String?
      var stylesPart: String?
      if let rels = try archive.extract(relsPart) {
        for r in try Workbook.relationships(rels, file: "\(file) (\(relsPart))", base: folder) {
          targets[r.id] = r.target
          if r.type.hasSuffix("/sharedStrings") { sharedPart = r.target }
          if r.type.hasSuffix("/styles") { stylesPart = r.target }
        }
      }
      var reader = try XMLReader.open(workbookXML, file: "\(file) (\(workbookPart))")
      var index = 0
      while let event = try reader.next() {
        guard event == .start else { continue }
        switch Workbook.local(reader.name) {
        case "workbookPr":
          let v = reader.attribute("date1904")?.lowercased()
          date1904 = v == "1" || v == "true"
        case "sheet":
          index += 1
          guard let name = reader.attribute("name") else {
            throw reader.error("a <sheet> has no name")
          }
          let rid = reader.attributes.first { Workbook.local($0.0) == "id" && $0.0 != "sheetId" }?.1
          // Without relationships, Excel's own layout: sheetN.xml in order.
          guard
            let part = rid.flatMap({ targets[$0] })
              ?? (targets.isEmpty
                ? "\(folder.isEmpty ? "" : folder + "/")worksheets/sheet\(index).xml" : nil)
          else {
            throw reader.error(
              "the sheet '\(FormatError.excerpt(name))' names no part of the workbook")
          }
          let state = reader.attribute("state") ?? "visible"
          sheets.append(
            (name, part, state == "hidden" || state == "veryHidden" ? state : "visible"))
        default: break
        }
      }
      if let shared = try archive.extractBytes(
        sharedPart ?? "\(folder.isEmpty ? "" : folder + "/")sharedStrings.xml")
      {
        sharedStrings = try Workbook.sharedStrings(
          shared, file: "\(file) (\(sharedPart ?? "sharedStrings.xml"))")
      }
      if let styles = try archive.extract(
        stylesPart ?? "\(folder.isEmpty ? "" : folder + "/")styles.xml")
      {
        styleKinds = try Workbook.styleKinds(
          styles, file: "\(file) (\(stylesPart ?? "styles.xml"))")
      }
    }

    /// An element's name without its namespace prefix (`x:row` is `row`).
    /// Looks at bytes, not characters: it runs for every element of a sheet.
    static func local(_ name: String) -> String {
      let utf8 = name.utf8
      guard let colon = utf8.lastIndex(of: UInt8(ascii: ":")) else { return name }
      return String(Substring(utf8[utf8.index(after: colon)...]))
    }

    /// A part's relationships, targets resolved against `base` (the folder of the part).
    static func relationships(_ data: Data, file: String, base: String) throws(FormatError) -> [(
      id: String, type: String, target: String
    )] {
      var reader = try XMLReader.open(data, file: file)
      var out: [(String, String, String)] = []
      while let event = try reader.next() {
        guard event == .start, local(reader.name) == "Relationship" else { continue }
        guard let id = reader.attribute("Id"), let target = reader.attribute("Target") else {
          continue
        }
        if reader.attribute("TargetMode") == "External" { continue }
        out.append((id, reader.attribute("Type") ?? "", resolve(target, base: base)))
      }
      return out
    }

    /// A relationship's target as an entry name: absolute (`/xl/...`) or relative to `base`,
    /// with `..` and `.` resolved.
    static func resolve(_ target: String, base: String) -> String {
      var parts: [Substring] = target.hasPrefix("/") ? [] : base.split(separator: "/")
      for p in target.split(separator: "/") {
        if p == ".." { _ = parts.popLast() } else if p != "." { parts.append(p) }
      }
      return parts.joined(separator: "/")
    }

    /// The shared strings table: each `<si>`'s text, its runs joined, phonetic runs left out.
    static func sharedStrings(_ data: [UInt8], file: String) throws(FormatError) -> [String] {
      var reader = try XMLReader.open(bytes: data, file: file)
      var strings: [String] = []
      var current = ""
      var inT = false
      var phonetic = 0
      var inSI = false
      while let event = try reader.next() {
        switch event {
        case .start:
          switch local(reader.name) {
          case "si":
            inSI = true
            current = ""
          case "t": inT = !reader.selfClosing
          case "rPh": phonetic += 1
          default: break
          }
        case .end:
          switch local(reader.name) {
          case "si":
            inSI = false
            strings.append(decodeEscapes(current))
          case "t": inT = false
          case "rPh": phonetic -= 1
          default: break
          }
        case .text:
          if inSI, inT, phonetic == 0 { current += reader.text }
        }
      }
      return strings
    }

    /// Which cell styles show dates and times: `cellXfs`'s `numFmtId`s, looked up among the
    /// built-in formats and the workbook's own `numFmts`.
    static func styleKinds(_ data: Data, file: String) throws(FormatError) -> [DateKind?] {
      var reader = try XMLReader.open(data, file: file)
      var custom: [Int: String] = [:]
      var ids: [Int] = []
      var inCellXfs = false
      while let event = try reader.next() {
        switch event {
        case .start:
          switch local(reader.name) {
          case "numFmt":
            if let id = reader.attribute("numFmtId").flatMap({ Int($0) }),
              let code = reader.attribute("formatCode")
            {
              custom[id] = code
            }
          case "cellXfs": inCellXfs = true
          case "xf" where inCellXfs:
            ids.append(reader.attribute("numFmtId").flatMap { Int($0) } ?? 0)
          default: break
          }
        case .end: if local(reader.name) == "cellXfs" { inCellXfs = false }
        case .text: break
        }
      }
      return ids.map { id in
        if let code = custom[id] { return dateKind(ofFormat: code) }
        switch id {
        case 14...17, 27...36, 50...58: return .date
        case 18...21, 45, 47: return .time
        case 22: return .dateTime
        default: return nil
        }
      }
    }

    /// Whether a number format shows a date, a time or both: its letters outside quoted text,
    /// escapes and brackets (`[Red]`, `[$-41D]`); `m` is minutes beside `h` or `s`, else months.
    static func dateKind(ofFormat code: String) -> DateKind? {
      var letters = Set<Character>()
      var inQuote = false
      var inBracket = false
      var bracket = ""
      var escaped = false
      for ch in code.lowercased() {
        if escaped {
          escaped = false
          continue
        }
        if inQuote {
          if ch == "\"" { inQuote = false }
          continue
        }
        if inBracket {
          if ch == "]" {
            inBracket = false
            // `[h]`, `[mm]`, `[ss]`: elapsed time, a duration in days rather than a moment.
            if !bracket.isEmpty, bracket.allSatisfy({ $0 == "h" || $0 == "m" || $0 == "s" }) {
              return nil
            }
          } else {
            bracket.append(ch)
          }
          continue
        }
        switch ch {
        case "\"": inQuote = true
        case "[":
          inBracket = true
          bracket = ""
        case "\\", "_", "*": escaped = true
        default: letters.insert(ch)
        }
      }
      let time = letters.contains("h") || letters.contains("s")
      let date = letters.contains("y") || letters.contains("d") || (letters.contains("m") && !time)
      return date && time ? .dateTime : date ? .date : time ? .time : nil
    }

    /// The sheet of a name: exactly, else in any case.
    func sheetIndex(named name: String) -> Int? {
      sheets.firstIndex { $0.name == name }
        ?? sheets.firstIndex { $0.name.lowercased() == name.lowercased() }
    }

    /// Whether the workbook hides the sheet (hidden or very hidden).
    func isHidden(_ sheet: Int) -> Bool { sheets[sheet].state != "visible" }

    /// The file name messages give a sheet: `net.xlsx[Ties]`.
    func place(_ sheet: Int) -> String { "\(file)[\(sheets[sheet].name)]" }

    /// A sheet as a table, as the CSV reader parses one, with notes on what was read as missing.
    /// With `headerRow`, the table's header is that row and the rows above it are left out (as
    /// NodeXL's sheets hold their column groups above the header).
    func table(sheet k: Int, headerRow givenHeader: Int? = nil) throws(FormatError) -> (
      table: CSVFormat.Table, notes: [String]
    ) {
      let (name, part, _) = sheets[k]
      let where_ = place(k)
      guard let data = try archive.extractBytes(part) else {
        throw FormatError(
          file: file, line: 1, column: 1,
          "the sheet '\(FormatError.excerpt(name))' has no part \(part) in the workbook: it is damaged"
        )
      }
      // XML errors name the sheet and the part that holds it, and the XML's line and column.
      var reader = try XMLReader.open(bytes: data, file: "\(where_) (\(part))")
      var cells: [(row: Int, column: Int, value: String)] = []
      // Where the cells of type text are (shared and inline strings, a formula's text).
      var textCells: [(row: Int, column: Int)] = []
      var merges: [(String, (Int, Int), (Int, Int))] = []
      var errors: [(ref: String, value: String)] = []
      var row = 0
      var col = 0
      // The cell being read.
      var type = "n"
      var style = 0
      var value = ""
      var inline = ""
      var inV = false
      var inIS = false
      var inT = false
      var phonetic = 0
      // The cell's formula, when it has one (`<f>`), for a message.
      var formula: String?
      var inF = false
      // The cell's reference (`C7`), made only for a message; its place names the sheet.
      var cellRef: String { columnName(col) + String(row) }
      var textBytes = 0
      func fail(_ m: String) -> FormatError {
        FormatError(file: where_, line: max(row, 1), column: max(col, 1), m)
      }
      while let event = try reader.next() {
        switch event {
        case .start:
          switch SheetElement(reader.name) {
          case .row:
            if let r = reader.attribute("r") {
              guard let n = Int(r), n >= 1, n <= limits.rows else {
                throw fail(
                  "the row number '\(FormatError.excerpt(r))' is not one from 1 to \(limits.rows)")
              }
              row = n
            } else {
              row += 1
            }
            col = 0
          case .c:
            if let r = reader.attribute("r") {
              guard let (c, rr) = cellReference(r) else {
                throw fail(
                  "the cell reference '\(FormatError.excerpt(r))' is not one (expected a column of letters and a row number, as C7)"
                )
              }
              guard c <= limits.columns, rr <= limits.rows else {
                throw fail(
                  "the cell \(FormatError.excerpt(r)) is beyond the \(limits.rows) rows and \(limits.columns) columns read"
                )
              }
              col = c
              row = rr
            } else {
              col += 1
              guard col <= limits.columns else {
                throw fail("a row has more than \(limits.columns) columns, the most read")
              }
            }
            if row == 0 { row = 1 }
            type = reader.attribute("t") ?? "n"
            style = reader.attribute("s").flatMap { Int($0) } ?? 0
            value = ""
            inline = ""
            formula = nil
          case .f:
            formula = ""
            inF = !reader.selfClosing
          case .v: inV = true
          case .is: inIS = true
          case .t: inT = !reader.selfClosing
          case .rPh: phonetic += 1
          case .mergeCell:
            if let ref = reader.attribute("ref") {
              let ends = ref.split(separator: ":").map { cellReference(String($0)) }
              if ends.count == 2, let a = ends[0], let b = ends[1] { merges.append((ref, a, b)) }
            }
          default: break
          }
        case .end:
          switch SheetElement(reader.name) {
          case .v: inV = false
          case .f: inF = false
          case .is: inIS = false
          case .t: inT = false
          case .rPh: phonetic -= 1
          case .c:
            // A formula's value is the one cached when the file was last calculated; a file
            // written by a program that does not calculate (openpyxl, many generators) has none.
            // An empty cached string (`t="str"`) is a formula whose result is empty text.
            if let f = formula, value.isEmpty, type != "str", type != "inlineStr" {
              throw fail(
                "cell \(sheetRef(name, col, row)) holds a formula\(f.isEmpty ? "" : " (=\(FormatError.excerpt(f)))") with no calculated value: the workbook was written by a program that does not calculate formulas; open it in Excel or LibreOffice and save it, which calculates them"
              )
            }
            let text: String?
            switch type {
            case "s":
              if value.isEmpty {
                text = nil
                break
              }
              guard let i = Int(value) ?? Int(trimmingWhitespace(value, newlines: true)), i >= 0,
                i < sharedStrings.count
              else {
                throw fail(
                  "cell \(cellRef) refers to shared string \(FormatError.excerpt(value)), but the workbook has \(sharedStrings.count)"
                )
              }
              text = sharedStrings[i]
            case "inlineStr": text = decodeEscapes(inline)
            case "str": text = decodeEscapes(value)
            case "b":
              switch trimmingWhitespace(value, newlines: true) {
              case "1", "true": text = "true"
              case "0", "false": text = "false"
              case "": text = nil
              default:
                throw fail(
                  "cell \(cellRef) is a boolean, but holds '\(FormatError.excerpt(value))'; expected 1 or 0"
                )
              }
            case "e":
              if !value.isEmpty { errors.append((cellRef, value)) }
              text = nil
            case "d": text = trimmingWhitespace(value, newlines: true)
            case "n":
              let t = trimmingWhitespace(value, newlines: true)
              if t.isEmpty {
                text = nil
                break
              }
              guard let d = decimalDouble(t), d.isFinite else {
                throw fail("cell \(cellRef) is a number, but holds '\(FormatError.excerpt(value))'")
              }
              let kind = style >= 0 && style < styleKinds.count ? styleKinds[style] : nil
              // A whole number with more digits than a double holds (a long id written by a
              // program, not by Excel) keeps its digits: as a double, 1234567890123456789 and
              // ...790 would be one id.
              let digits = t.hasPrefix("-") ? t.utf8.dropFirst() : t.utf8[...]
              let longWhole =
                digits.count > 15 && digits.first != UInt8(ascii: "0")
                && digits.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
              text =
                kind.flatMap { isoText(serial: d, kind: $0, date1904: date1904) }
                ?? (longWhole ? t : formatNumber(d))
            default:
              throw fail(
                "cell \(cellRef) has the type '\(FormatError.excerpt(type))'; expected s, str, inlineStr, b, e, d or n"
              )
            }
            if let text, !text.isEmpty {
              guard cells.count < limits.cells else {
                throw fail(
                  "the sheet has more than \(limits.cells) cells with values, the most read")
              }
              textBytes += text.utf8.count
              guard textBytes <= limits.textBytes else {
                throw fail(
                  "the sheet's cells hold more than \(limits.textBytes) bytes of text, the most read (a long shared string in many cells, say)"
                )
              }
              cells.append((row, col, text))
              if type == "s" || type == "inlineStr" || type == "str", XLSXFormat.isPlainText(text) {
                textCells.append((row, col))
              }
            }
          default: break
          }
        case .text:
          if inV {
            value += reader.text
          } else if inF {
            formula? += reader.text
          } else if inIS, inT, phonetic == 0 {
            inline += reader.text
          }
        }
      }
      var notes: [String] = []
      if let first = errors.first {
        notes.append(
          "\(errors.count) cell\(errors.count == 1 ? " holds an error value and was" : "s hold error values and were") read as missing in sheet '\(name)' (the first: \(first.ref), \(FormatError.excerpt(first.value)))"
        )
      }
      guard !cells.isEmpty else {
        throw FormatError(
          file: where_, line: 1, column: 1,
          "the sheet '\(FormatError.excerpt(name))' is empty; expected a header row")
      }
      // Cells in order of row, then column, as a sheet need not list them.
      let inOrder = {
        (a: (row: Int, column: Int, value: String), b: (row: Int, column: Int, value: String)) in
        a.row != b.row ? a.row < b.row : a.column < b.column
      }
      if !zip(cells, cells.dropFirst()).allSatisfy({ inOrder($0, $1) }) { cells.sort(by: inOrder) }
      if let givenHeader {
        cells.removeAll { $0.row < givenHeader }
        guard cells.first?.row == givenHeader else {
          throw FormatError(
            file: where_, line: givenHeader, column: 1,
            "row \(givenHeader) of the sheet '\(FormatError.excerpt(name))' is empty; expected its header row there"
          )
        }
      }
      for k in 1..<cells.count
      where cells[k].row == cells[k - 1].row && cells[k].column == cells[k - 1].column {
        throw FormatError(
          file: where_, line: cells[k].row, column: cells[k].column,
          "the cell \(columnName(cells[k].column))\(cells[k].row) appears twice in the sheet")
      }
      let headerRow = cells[0].row
      let first = cells.lazy.map(\.column).min() ?? 1
      let last = cells.lazy.map(\.column).max() ?? 1
      let width = last - first + 1
      var rowNumbers: [Int] = []
      for c in cells where c.row != headerRow && rowNumbers.last != c.row {
        rowNumbers.append(c.row)
      }
      let (total, overflow) = (rowNumbers.count + 1).multipliedReportingOverflow(by: width)
      guard !overflow, total <= limits.cells else {
        throw FormatError(
          file: where_, line: headerRow, column: first,
          "the sheet's table is \(rowNumbers.count + 1) rows by \(width) columns (\(columnName(first))\(headerRow):\(columnName(last))\(cells[cells.count - 1].row)), more than the \(limits.cells) cells read"
        )
      }
      for (ref, a, b) in merges where a.1 <= headerRow && headerRow <= b.1 && a.0 != b.0 {
        throw FormatError(
          file: where_, line: headerRow, column: a.0,
          "the header row has merged cells (\(FormatError.excerpt(ref))): a merged header names one column and leaves the others without a name; unmerge them and name each column (a title merged above the table: delete its row, so that the column names come first)"
        )
      }
      // Which columns hold anything: a column with no header and no value is a spacer,
      // left out with a note; one with values but no header is refused.
      var header = [String](repeating: "", count: width)
      var firstValueRow = [Int](repeating: 0, count: width)
      for c in cells {
        if c.row == headerRow {
          header[c.column - first] = trimmingWhitespace(c.value, newlines: false)
        } else if firstValueRow[c.column - first] == 0 {
          firstValueRow[c.column - first] = c.row
        }
      }
      var kept: [Int] = []
      var spacers: [Int] = []
      var seen = Set<String>()
      for k in 0..<width {
        let h = header[k]
        if h.isEmpty {
          guard firstValueRow[k] == 0 else {
            let letters = columnName(first + k)
            // One cell in the first row, with columns of values below: a title above the table.
            // (The next row must read as a header: text in two cells or more, no numbers.)
            let named = header.indices.filter { !header[$0].isEmpty }
            let nextRow = cells.lazy.filter { $0.row > headerRow }.map(\.row).min()
            let next = cells.filter { $0.row == nextRow }
            let looksLikeHeader =
              next.count >= 2
              && next.allSatisfy {
                let v = trimmingWhitespace($0.value, newlines: false)
                return !v.isEmpty && Double(v) == nil
              }
            if named.count == 1 && looksLikeHeader {
              throw FormatError(
                file: where_, line: headerRow, column: first + named[0],
                "row \(headerRow) holds one cell ('\(FormatError.excerpt(header[named[0]]))' in \(sheetRef(name, first + named[0], headerRow))) above columns of values, and the column \(letters) has values (from \(sheetRef(name, first + k, firstValueRow[k]))) but no name there: if the cell is a title above the table, delete its row so that the column names come first; if the row is the header, name the column \(letters) in it"
              )
            }
            throw FormatError(
              file: where_, line: headerRow, column: first + k,
              "the column \(letters) has values (the first in \(sheetRef(name, first + k, firstValueRow[k]))) but no name: its header cell \(sheetRef(name, first + k, headerRow)) is empty; name the column there, or delete the column"
            )
          }
          spacers.append(first + k)
          continue
        }
        if !seen.insert(h.lowercased()).inserted {
          throw FormatError(
            file: where_, line: headerRow, column: first + k,
            "the header names '\(FormatError.excerpt(h))' twice (the second in \(sheetRef(name, first + k, headerRow)))"
          )
        }
        kept.append(k)
      }
      if !spacers.isEmpty {
        notes.append(
          "left out \(spacers.count == 1 ? "the column" : "the columns") \(FormatError.list(spacers.map { columnName($0) })) of the sheet '\(name)': \(spacers.count == 1 ? "it has" : "they have") no header and no values (\(spacers.count == 1 ? "a spacer column" : "spacer columns"))"
        )
      }
      // Each sheet column's field in the table, −1 for a spacer.
      var field = [Int](repeating: -1, count: width)
      for (f, k) in kept.enumerated() { field[k] = f }
      var rows = [[String]](
        repeating: [String](repeating: "", count: kept.count), count: rowNumbers.count)
      var r = -1
      var previous = headerRow
      for c in cells where c.row != headerRow {
        if c.row != previous {
          r += 1
          previous = c.row
        }
        rows[r][field[c.column - first]] = c.value
      }
      var table = CSVFormat.Table(
        header: kept.map { header[$0] }, rows: rows, rowLines: rowNumbers,
        delimiter: UInt8(ascii: ","), rowStarts: [],
        input: try TextInput(data: Data(), file: where_), sheetColumns: kept.map { first + $0 },
        headerLine: headerRow)
      for (row, column) in textCells where row != headerRow && field[column - first] >= 0 {
        table.textFields.insert(field[column - first])
      }
      return (table, notes)
    }
  }

  /// The elements of a sheet the reader acts on, told apart by their bytes (namespace prefix
  /// left out): the sheet's loop meets one per cell, value and row, so no string is compared.
  enum SheetElement {
    case row, c, v, f, `is`, t, rPh, mergeCell, other

    init(_ name: String) {
      var name = name
      self = name.withUTF8 { all -> SheetElement in
        var start = 0
        for (i, b) in all.enumerated() where b == UInt8(ascii: ":") { start = i + 1 }
        let n = UnsafeBufferPointer(rebasing: all[start...])
        switch n.count {
        case 1:
          switch n[0] {
          case UInt8(ascii: "c"): return .c
          case UInt8(ascii: "v"): return .v
          case UInt8(ascii: "f"): return .f
          case UInt8(ascii: "t"): return .t
          default: return .other
          }
        case 2: return n[0] == UInt8(ascii: "i") && n[1] == UInt8(ascii: "s") ? .is : .other
        case 3:
          if n[0] == UInt8(ascii: "r"), n[1] == UInt8(ascii: "o"), n[2] == UInt8(ascii: "w") {
            return .row
          }
          if n[0] == UInt8(ascii: "r"), n[1] == UInt8(ascii: "P"), n[2] == UInt8(ascii: "h") {
            return .rPh
          }
          return .other
        case 9: return n.elementsEqual("mergeCell".utf8) ? .mergeCell : .other
        default: return .other
        }
      }
    }
  }

  /// Whether a text cell's text makes its column text: every text but what a cell cannot hold
  /// as a number, which the writer (``XLSXFormat/write(_:)``) writes as text: an infinity or
  /// NaN (`inf`), and an integer of more than 15 digits.
  static func isPlainText(_ text: String) -> Bool {
    let t = trimmingWhitespace(text, newlines: false)
    if let d = parseDouble(t), !d.isFinite { return false }
    if Int(t) != nil, t.utf8.count > 15 { return false }
    return true
  }

  /// A cell reference's column and row, from 1: `C7` is (3, 7); `nil` when it is not one.
  static func cellReference(_ ref: String) -> (Int, Int)? {
    var col = 0
    var row = 0
    var letters = 0
    var digits = 0
    for b in ref.utf8 {
      switch b {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
        guard digits == 0, letters < 3 else { return nil }
        col = col * 26 + Int((b | 0x20) - UInt8(ascii: "a")) + 1
        letters += 1
      case UInt8(ascii: "$"): continue
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        guard letters > 0, digits < 7 else { return nil }
        row = row * 10 + Int(b - UInt8(ascii: "0"))
        digits += 1
      default: return nil
      }
    }
    guard letters > 0, digits > 0, row > 0 else { return nil }
    return (col, row)
  }

  /// A cell as Excel names it in a formula, with its sheet: `Ties!D3`, `'Band 2'!D3`.
  static func sheetRef(_ sheet: String, _ column: Int, _ row: Int) -> String {
    let plain =
      !sheet.isEmpty
      && sheet.unicodeScalars.allSatisfy {
        $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0)
      }
    let shown = FormatError.excerpt(sheet)
    return (plain ? shown : "'" + shown.replacingOccurrences(of: "'", with: "''") + "'") + "!"
      + columnName(column) + String(row)
  }

  /// A column's letters: 3 is `C`, 28 is `AB`.
  static func columnName(_ column: Int) -> String {
    var n = column
    var out: [Character] = []
    while n > 0 {
      let r = (n - 1) % 26
      out.append(Character(Unicode.Scalar(UInt8(65 + r))))
      n = (n - 1) / 26
    }
    return String(out.reversed())
  }

  /// Excel's escapes of characters XML cannot hold: `_x0007_` is U+0007, `_x005F_` an
  /// underscore (which keeps a literal `_x0041_` from being read as one).
  static func decodeEscapes(_ s: String) -> String {
    // Most text has no escape: look for `_x` in the bytes before anything else.
    var previous: UInt8 = 0
    var hasEscape = false
    for b in s.utf8 {
      if previous == UInt8(ascii: "_") && b == UInt8(ascii: "x") {
        hasEscape = true
        break
      }
      previous = b
    }
    guard hasEscape else { return s }
    var out = ""
    let u = Array(s.unicodeScalars)
    var i = 0
    while i < u.count {
      if u[i] == "_", i + 6 < u.count, u[i + 1] == "x", u[i + 6] == "_",
        let v = UInt32(String(String.UnicodeScalarView(u[(i + 2)..<(i + 6)])), radix: 16),
        let scalar = Unicode.Scalar(v)
      {
        out.unicodeScalars.append(scalar)
        i += 7
      } else {
        out.unicodeScalars.append(u[i])
        i += 1
      }
    }
    return out
  }

  /// A date serial as ISO 8601 text; `nil` when it is outside the years 1900 (1904) to 9999.
  static func isoText(serial: Double, kind: Workbook.DateKind, date1904: Bool) -> String? {
    guard serial >= 0, serial < 2_958_466 else { return nil }
    var days = Int(serial.rounded(.down))
    var seconds = Int(((serial - Double(days)) * 86_400).rounded())
    if seconds >= 86_400 {
      days += 1
      seconds -= 86_400
    }
    let time = String(format: "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
    if kind == .time && days == 0 { return time }
    let date: String
    if date1904 {
      date = civil(daysFrom1970: days + civilDays(1904, 1, 1))
    } else if days == 60 {
      date = "1900-02-29"  // Excel's fictitious day (Lotus 1-2-3 took 1900 for a leap year)
    } else if days == 0 {
      date = "1899-12-31"  // Excel shows 1900-01-00
    } else {
      date = civil(daysFrom1970: civilDays(1899, 12, days < 60 ? 31 : 30) + days)
    }
    return kind == .date && seconds == 0 ? date : date + "T" + time
  }

  /// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (Howard Hinnant's
  /// `days_from_civil`).
  static func civilDays(_ y0: Int, _ m: Int, _ d: Int) -> Int {
    let y = m <= 2 ? y0 - 1 : y0
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// The date `YYYY-MM-DD` of a day counted from 1970-01-01 (`civil_from_days`).
  static func civil(daysFrom1970 z0: Int) -> String {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
    return String(format: "%04d-%02d-%02d", y, m, d)
  }
}

extension XLSXFormat {
  /// Reads a network from a workbook: a tie sheet and, optionally, a node sheet, read as the
  /// CSV reader reads a tie table and a node table (``CSVFormat``), with the same options.
  ///
  /// Which sheets, when `sheet` and `nodesSheet` are `nil`:
  /// - a workbook laid out as Kumu exports one, with sheets `Elements` (ids in `Label`) and
  ///   `Connections` (`From`, `To`, the connection's `Type` read as the layer), reads those;
  /// - as Polinode lays one out, with sheets `Nodes` (ids in `Name`) and `Edges` (`Source`,
  ///   `Target`), reads those;
  /// - as NodeXL lays one out, with sheets `Vertices` (ids in `Vertex`) and `Edges` (`Vertex
  ///   1`, `Vertex 2`, the `Edge Weight` as the trust), their headers in row 2 below NodeXL's
  ///   column groups, reads those;
  /// - else the ties are the sheet named `ties` when there is one, else the first sheet; and a
  ///   sheet named `nodes` is the node table.
  /// A note says which sheets were read. Column names given in `columns` take precedence over
  /// those a layout implies.
  ///
  /// - Throws: ``FormatError``: the workbook's (see ``XLSXFormat``), a sheet that is not there
  ///   (listing those that are), and every error of the CSV reader, placed in the sheet.
  /// - Complexity: O(n) in the size of the workbook.
  public static func read(
    contentsOf path: String, sheet: String? = nil, nodesSheet: String? = nil, directed: Bool? = nil,
    columns: CSVFormat.Columns = CSVFormat.Columns(), limits: Limits = Limits()
  ) throws(FormatError) -> Network {
    try read(
      Workbook.open(path: path, limits: limits), sheet: sheet, nodesSheet: nodesSheet,
      directed: directed, columns: columns)
  }

  /// Reads a network from a workbook in memory; see ``read(contentsOf:sheet:nodesSheet:directed:columns:limits:)``.
  public static func read(
    _ data: Data, file: String, sheet: String? = nil, nodesSheet: String? = nil,
    directed: Bool? = nil,
    columns: CSVFormat.Columns = CSVFormat.Columns(), limits: Limits = Limits()
  ) throws(FormatError) -> Network {
    try read(
      Workbook(data: data, file: file, limits: limits), sheet: sheet, nodesSheet: nodesSheet,
      directed: directed, columns: columns)
  }

  static func read(
    _ book: Workbook, sheet: String?, nodesSheet: String?, directed: Bool?,
    columns: CSVFormat.Columns
  ) throws(FormatError) -> Network {
    func find(_ name: String, option: String) throws(FormatError) -> Int {
      guard let k = book.sheetIndex(named: name) else {
        throw FormatError(
          file: book.file, line: 1, column: 1,
          "the workbook has no sheet '\(FormatError.excerpt(name))' (named by --\(option)); its sheets are \(FormatError.list(book.sheets.map(\.name), quoted: true))"
        )
      }
      return k
    }
    guard !book.sheets.isEmpty else {
      throw FormatError(file: book.file, line: 1, column: 1, "the workbook has no sheets")
    }
    var tieSheet: Int
    var nodeSheet: Int?
    var columns = columns
    var layout: String?
    // A hidden sheet is read only when named: it holds what the workbook's author put out of
    // sight (lookup lists, old versions), not the data shown.
    let visible = book.sheets.indices.filter { !book.isHidden($0) }
    let hidden = book.sheets.indices.filter { book.isHidden($0) }
    let shown = { (k: Int) in
      "'\(FormatError.excerpt(book.sheets[k].name))'"
        + (book.sheets[k].state == "veryHidden" ? " (very hidden)" : "")
    }
    let named = { (n: String) in
      book.sheets.indices.first { !book.isHidden($0) && book.sheets[$0].name.lowercased() == n }
    }
    if sheet == nil, visible.isEmpty {
      throw FormatError(
        file: book.file, line: 1, column: 1,
        "every sheet of the workbook is hidden (\(FormatError.list(hidden.map(shown)))); a hidden sheet is read only when --sheet names it"
      )
    }
    if let sheet {
      tieSheet = try find(sheet, option: "sheet")
      nodeSheet = try nodesSheet.map { n throws(FormatError) in try find(n, option: "nodes-sheet") }
    } else if nodesSheet == nil, let e = named("elements"), let c = named("connections") {
      (tieSheet, nodeSheet, layout) = (c, e, "Kumu")
    } else if nodesSheet == nil, let n = named("nodes"), let e = named("edges") {
      (tieSheet, nodeSheet, layout) = (e, n, "Polinode")
    } else if nodesSheet == nil, let v = named("vertices"), let e = named("edges") {
      (tieSheet, nodeSheet, layout) = (e, v, "NodeXL")
    } else {
      let nodes =
        try nodesSheet.map { n throws(FormatError) in try find(n, option: "nodes-sheet") }
        ?? named("nodes")
      tieSheet = named("ties") ?? visible.first { $0 != nodes } ?? visible[0]
      nodeSheet = nodes == tieSheet ? nil : nodes
    }
    var notes: [String] = []
    /// NodeXL's sheets hold their column groups (Visual Properties, Labels, ...) in row 1
    /// and the header in row 2: read from row 2 when row 1 is not a header holding `key`.
    func nodeXLTable(_ k: Int, key: String) throws(FormatError) -> (
      table: CSVFormat.Table, notes: [String]
    ) {
      let plain: Result<(table: CSVFormat.Table, notes: [String]), FormatError>
      do { plain = .success(try book.table(sheet: k)) } catch { plain = .failure(error) }
      if case .success(let t) = plain, CSVFormat.column(t.table.header, key) != nil { return t }
      guard let second = try? book.table(sheet: k, headerRow: 2),
        CSVFormat.column(second.table.header, key) != nil, second.table.headerLine == 2
      else { return try plain.get() }
      return (
        second.table,
        second.notes + [
          "left out row 1 of the sheet '\(book.sheets[k].name)', NodeXL's column groups above its header (row 2)"
        ]
      )
    }
    let ties =
      layout == "NodeXL"
      ? try nodeXLTable(tieSheet, key: "vertex 1") : try book.table(sheet: tieSheet)
    let nodes = try nodeSheet.map { k throws(FormatError) in
      layout == "NodeXL" ? try nodeXLTable(k, key: "vertex") : try book.table(sheet: k)
    }
    if layout == "Kumu" {
      if columns.id == nil, nodes.flatMap({ CSVFormat.column($0.table.header, "id") }) == nil {
        columns.id = "label"
      }
      if columns.layer == nil, CSVFormat.column(ties.table.header, "layer") == nil,
        CSVFormat.column(ties.table.header, "type") != nil
      {
        columns.layer = "type"
      }
    } else if layout == "NodeXL" {
      // Vertex 1 and Vertex 2, the Vertex, and the Edge Weight as the trust (NodeXL's own
      // weight column, as its "merge duplicate edges" writes the count).
      let tieHeader = ties.table.header
      if columns.source == nil, CSVFormat.column(tieHeader, "source") == nil,
        CSVFormat.column(tieHeader, "vertex 1") != nil
      {
        columns.source = "vertex 1"
      }
      if columns.target == nil, CSVFormat.column(tieHeader, "target") == nil,
        CSVFormat.column(tieHeader, "vertex 2") != nil
      {
        columns.target = "vertex 2"
      }
      if columns.trust == nil, CSVFormat.column(tieHeader, "trust") == nil,
        CSVFormat.column(tieHeader, "weight") == nil,
        CSVFormat.column(tieHeader, "edge weight") != nil
      {
        columns.trust = "edge weight"
      }
      if columns.id == nil, let n = nodes, CSVFormat.column(n.table.header, "id") == nil,
        CSVFormat.column(n.table.header, "vertex") != nil
      {
        columns.id = "vertex"
      }
      // The Vertices' Label is the label shown (an empty cell leaves the id).
      if columns.label == nil, let n = nodes, let k = CSVFormat.column(n.table.header, "label") {
        columns.label = n.table.header[k]
      }
    } else if layout == "Polinode" {
      if columns.id == nil, let n = nodes, CSVFormat.column(n.table.header, "id") == nil,
        CSVFormat.column(n.table.header, "name") != nil
      {
        columns.id = "name"
      }
    }
    var network = Network(directed: directed ?? true)
    var trimmed = CSVFormat.TrimmedIDs()
    /// The CSV reader places what is wrong with a header at line 1, column 1 (a CSV file's
    /// header); in a sheet the header is the first row with a value, which need not be row 1.
    func atHeader(_ e: FormatError, _ t: CSVFormat.Table) -> FormatError {
      guard e.line == 1, e.column == 1 else { return e }
      var e = e
      e.line = t.headerLine
      e.column = t.sheetColumns?.first ?? 1
      return e
    }
    if let nodes {
      do {
        try CSVFormat.readNodes(
          nodes.table, file: book.place(nodeSheet ?? 0), columns: columns, into: &network,
          trimmed: &trimmed)
      } catch { throw atHeader(error, nodes.table) }
    }
    do {
      try CSVFormat.readTies(
        ties.table, file: book.place(tieSheet), columns: columns, directed: directed,
        into: &network,
        // NodeXL's Vertices sheet lists the vertices once the workbook is prepared (its
        // "Prepare Data"), and may lack some: those come from the edges, and a note says so.
        closedNodeSet: nodes != nil && layout != "NodeXL", trimmed: &trimmed)
    } catch {
      // The sheet was chosen, not named: say which it was, and how to name another.
      var e = atHeader(error, ties.table)
      // A workbook's cells are its columns: one cell with spaces in it is a title (a sheet
      // about the study, say), not a header separated by spaces.
      if e.message.contains("looks space-delimited"), let title = ties.table.header.first {
        e.message =
          "the first row has one cell, '\(FormatError.excerpt(title))', where the ties need 'source' and 'target' columns"
      }
      if sheet == nil, layout == nil, book.sheets.count > 1,
        e.message.contains("needs 'source' and 'target'")
          || e.message.contains("need 'source' and 'target'")
      {
        e.message +=
          "; this is the sheet '\(book.sheets[tieSheet].name)', and --sheet names another of \(FormatError.list(book.sheets.map(\.name), quoted: true))"
      }
      throw e
    }
    let which =
      "read the ties from the sheet '\(book.sheets[tieSheet].name)'"
      + (nodeSheet.map { " and the nodes from the sheet '\(book.sheets[$0].name)'" } ?? "")
    if let layout {
      notes.append(
        "laid out as \(layout) writes workbooks: \(which)"
          + (layout == "Kumu" && columns.layer == "type"
            ? ", each connection's Type as its layer" : "")
          + (layout == "NodeXL"
            ? "; NodeXL keeps whether the graph is directed outside the sheets"
              + (directed == nil
                ? ", so it is read as directed (--undirected reads it as undirected)" : "")
              + (columns.trust == "edge weight" ? "; the Edge Weight read as trust" : "")
            : ""))
    } else if book.sheets.count > 1 {
      notes.append(which + (sheet == nil ? " (--sheet and --nodes-sheet name others)" : ""))
    }
    if layout == "NodeXL", let nodes, network.nodeCount > nodes.table.rows.count {
      let extra = network.nodeCount - nodes.table.rows.count
      notes.append(
        "\(extra) of the \(network.nodeCount) vertices \(extra == 1 ? "is" : "are") in the sheet 'Edges' and not in 'Vertices' (NodeXL lists them there when the workbook is prepared): read without attributes"
      )
    }
    let read = [tieSheet] + (nodeSheet.map { [$0] } ?? [])
    for k in read where book.isHidden(k) {
      notes.append(
        "the sheet '\(book.sheets[k].name)' is \(book.sheets[k].state == "veryHidden" ? "very hidden" : "hidden") in the workbook; it was read because it was named"
      )
    }
    let skipped = hidden.filter { !read.contains($0) }
    if sheet == nil, !skipped.isEmpty {
      notes.append(
        "left out the hidden sheet\(skipped.count == 1 ? "" : "s") \(FormatError.list(skipped.map(shown))): a hidden sheet is read only when --sheet or --nodes-sheet names it"
      )
    }
    notes += ties.notes + (nodes?.notes ?? [])
    if let first = trimmed.first {
      let n = trimmed.count
      notes.append(
        "\(n) id\(n == 1 ? " had spaces around it and was" : "s had spaces around them and were") trimmed (the first: '\(FormatError.excerpt(first.id))' in row \(first.line) of \(first.file))"
      )
    }
    network.readNotes.insert(contentsOf: notes, at: 0)
    return network
  }
}
