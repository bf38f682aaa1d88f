import Brobyggare
import Foundation

/// How many significant digits numbers are shown with: `--digits N` for one run, else full
/// precision (round-trip) in the tables machines read (csv, tsv, json) and 4 significant digits
/// in what people read (markdown, the report, the summaries of whatif, groups, info and the
/// settings lines).
enum NumberStyle {
  @TaskLocal static var digits: Int?
  /// Significant digits for people when --digits is not given.
  static let forPeople = 4
}

/// `d` rounded to `n` significant digits, as the nearest double to that decimal (so it prints
/// short: 1082.4999999999998 to 4 digits is 1082, 0.0940563838679102 is 0.09406).
func roundedSignificant(_ d: Double, _ n: Int) -> Double {
  guard d.isFinite, d != 0, n > 0, n < 17 else { return d }
  let e = Int((abs(d)).log10Floor)
  let k = n - 1 - e
  if k >= 0 {
    guard k <= 300 else { return d }
    let scale = pow(10.0, Double(k))
    let r = (d * scale).rounded() / scale
    return r.isFinite ? r : d
  }
  let step = pow(10.0, Double(-k))
  return (d / step).rounded() * step
}

extension Double {
  /// ⌊log10 |x|⌋ for finite non-zero x, exact at powers of ten.
  fileprivate var log10Floor: Double {
    var e = Foundation.log10(self).rounded(.down)
    if pow(10.0, e) > self { e -= 1 } else if pow(10.0, e + 1) <= self { e += 1 }
    return e
  }
}

/// A number for people to read: `--digits` significant digits, else 4.
func human(_ d: Double) -> String { formatNumber(humanRounded(d)) }

/// The value `human` shows, as a number (for tables that people read).
func humanRounded(_ d: Double) -> Double {
  roundedSignificant(d, NumberStyle.digits ?? NumberStyle.forPeople)
}

/// A number for machines: full precision unless `--digits` is given.
func machine(_ d: Double) -> String {
  NumberStyle.digits.map { formatNumber(roundedSignificant(d, $0)) } ?? formatNumber(d)
}

/// Text for Markdown that renders as the same text: `&`, `<` and `>` as entities (so a label
/// `<img onerror=...>` or a group `<script>` cannot run where the Markdown is turned into
/// HTML), backslash, backtick, `*`, `[` and `]` escaped, line breaks as spaces; a lone
/// carriage return, a tab and other control characters shown as `\u{D}`, `\u{9}`, ... (so ids
/// `a\rb` and `a b` do not look alike).
func markdownText(_ s: String) -> String {
  var out = ""
  for ch in s {
    switch ch {
    case "&": out += "&amp;"
    case "<": out += "&lt;"
    case ">": out += "&gt;"
    case "\\", "`", "*", "[", "]": out += "\\" + String(ch)
    case "\n", "\r\n": out += " "
    case "\r": out += "\\u{D}"
    case "\t": out += "\\u{9}"
    default:
      // Control characters would act on a terminal showing the Markdown: shown instead.
      if ch.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) })
      {
        out += visibleControls(String(ch)).replacingOccurrences(of: "\n", with: " ")
          .replacingOccurrences(of: "\t", with: "\\u{9}")
      } else {
        out.append(ch)
      }
    }
  }
  return out
}

/// A cell of a result table.
enum Cell {
  case text(String)
  case integer(Int)
  case number(Double)
  case boolean(Bool)

  var plain: String { shown(forPeople: false) }

  /// The cell as text: numbers in full for machines, or to 4 significant digits for people
  /// (`--digits` sets both).
  func shown(forPeople: Bool) -> String {
    switch self {
    case .text(let s): s
    case .integer(let i): String(i)
    case .number(let d): forPeople ? human(d) : machine(d)
    case .boolean(let b): b ? "true" : "false"
    }
  }

  var json: String {
    switch self {
    case .text(let s): jsonString(s)
    case .integer(let i): String(i)
    case .number(let d): d.isFinite ? machine(d) : "null"
    case .boolean(let b): b ? "true" : "false"
    }
  }

  /// The cell as Swedish Excel reads it: a decimal comma, and text that a spreadsheet would
  /// take for a formula (`=`, `+`, `-`, `@`, a tab or a carriage return first) behind a `'`.
  var excel: String {
    switch self {
    case .text(let s):
      return guardingFormula(s)
    case .number(let d): return machine(d).replacingOccurrences(of: ".", with: ",")
    default: return plain
    }
  }
}

enum TableFormat: String, CaseIterable {
  case csv, tsv, json, markdown
  /// Semicolons, decimal commas and a UTF-8 byte-order mark, as Swedish Excel opens a file by
  /// double-click (`--excel`).
  case excel
  /// An Excel workbook (`-o results.xlsx`): typed cells, a header row, a sheet per table.
  case xlsx
}

/// One row per node; columns named as the issue tracker and the notebooks use them.
struct ResultTable {
  var columns: [String]
  var rows: [[Cell]]
  /// Settings echoed with the result: in JSON as metadata, on stderr for the tables.
  var settings: [(String, String)]

  func render(_ format: TableFormat) -> String {
    switch format {
    case .xlsx:
      preconditionFailure("a workbook is bytes: write it with workbookSheet(named:)")
    case .csv, .tsv:
      let d: Character = format == .csv ? "," : "\t"
      func q(_ s: String) -> String { CSVFormat.quote(s, delimiter: d) }
      var out = columns.map(q).joined(separator: String(d)) + "\n"
      for r in rows { out += r.map { q($0.plain) }.joined(separator: String(d)) + "\n" }
      return out
    case .excel:
      func q(_ s: String) -> String { CSVFormat.quote(s, delimiter: ";") }
      var out = "\u{FEFF}" + columns.map { q(Cell.text($0).excel) }.joined(separator: ";") + "\r\n"
      for r in rows { out += r.map { q($0.excel) }.joined(separator: ";") + "\r\n" }
      return out
    case .markdown:
      func esc(_ s: String) -> String { markdownText(s).replacingOccurrences(of: "|", with: "\\|") }
      var out = "| " + columns.map(esc).joined(separator: " | ") + " |\n"
      out +=
        "|"
        + columns.indices.map { i in
          if case .text = rows.first?[i] ?? .text("") { return " --- |" }
          if case .boolean = rows.first?[i] ?? .text("") { return " --- |" }
          return " ---: |"
        }.joined() + "\n"
      for r in rows {
        out += "| " + r.map { esc($0.shown(forPeople: true)) }.joined(separator: " | ") + " |\n"
      }
      return out
    case .json:
      var out = "{\n  \"settings\": {"
      out += settings.map { "\(jsonString($0.0)): \(jsonString($0.1))" }.joined(separator: ", ")
      out += "},\n  \"nodes\": [\n"
      out += rows.map { r in
        "    {" + zip(columns, r).map { "\(jsonString($0)): \($1.json)" }.joined(separator: ", ")
          + "}"
      }.joined(separator: ",\n")
      out += "\n  ]\n}\n"
      return out
    }
  }

  /// CSV for a spreadsheet (the report's tables): as `.csv`, with text cells that would start a
  /// formula behind a `'`; numbers stay as they are.
  func renderForSpreadsheets() -> String {
    func q(_ s: String) -> String { CSVFormat.quote(s, delimiter: ",") }
    var out = columns.map { q(guardingFormula($0)) }.joined(separator: ",") + "\n"
    for r in rows {
      out +=
        r.map { c -> String in
          if case .text(let s) = c { return q(guardingFormula(s)) }
          return q(c.plain)
        }.joined(separator: ",") + "\n"
    }
    return out
  }

  /// The table as a sheet of a workbook: numbers as numbers (to `--digits` significant digits
  /// when given), booleans as booleans, text as text; NaN as an empty cell.
  func workbookSheet(named name: String) -> XLSXFormat.Sheet {
    XLSXFormat.Sheet(
      name: name, header: columns,
      rows: rows.map { r in
        r.map { c -> XLSXFormat.Value in
          switch c {
          case .text(let s): .text(s)
          case .integer(let i): .integer(i)
          case .number(let d): .number(NumberStyle.digits.map { roundedSignificant(d, $0) } ?? d)
          case .boolean(let b): .boolean(b)
          }
        }
      })
  }

  /// Whether a number cell is NaN or infinite, which a workbook holds as an empty cell.
  var hasUndefinedNumbers: Bool {
    rows.contains {
      $0.contains {
        if case .number(let d) = $0 { return !d.isFinite }
        return false
      }
    }
  }

  /// The settings as one line on standard error; a line break in a value (a group name from a
  /// file) is shown as `\u{A}`, so that it cannot start a line of its own.
  /// The settings as a Markdown paragraph to stand above the table in a saved file.
  var settingsParagraph: String {
    "Settings: " + oneLine(settings.map { "\($0.0): \($0.1)" }.joined(separator: "; ")) + "\n\n"
  }

  var settingsLine: String {
    oneLine("# " + settings.map { "\($0.0): \($0.1)" }.joined(separator: "; ")) + "\n"
  }

}

/// Text for one line of a message: carriage returns and line feeds shown as `\u{D}` and
/// `\u{A}`, so that a value from a file cannot forge a line of its own.
func oneLine(_ text: String) -> String {
  text.replacingOccurrences(of: "\r", with: "\\u{D}").replacingOccurrences(of: "\n", with: "\\u{A}")
}

extension ResultTable {
  /// A p-value of 0 in a column `p_…` is said: none of the `count` permutations (or random
  /// graphs) was as far out, which is p < 1/count, not p = 0 (sna's qaptest and cug.test give
  /// 0 too).
  func noteZeroPValues(of count: Int, _ what: String) {
    let columnsP = columns.indices.filter { columns[$0].hasPrefix("p_") }
    let zero = rows.contains { row in
      columnsP.contains { k in
        if k < row.count, case .number(let x) = row[k] { x == 0 } else { false }
      }
    }
    guard zero, count > 0 else { return }
    // 1/count, rounded up to two significant digits (1/533 as 0.0019): still a bound.
    let v = 1 / Double(count)
    let scale = pow(10, Double(1 - Int(floor(log10(v)))))
    // (Less a little, so that 1/200000 = 5e-06 is not rounded up by its last bit.)
    let bound = (v * scale * (1 - 1e-12)).rounded(.up) / scale
    note(
      "a p-value of 0 means that none of the \(count) \(what) gave a value as far out as the observed one: report it as p < \(formatNumber(bound)), not p = 0"
    )
  }
}

/// A workbook's sheet of the choices that made its tables (the network, layers, direction,
/// weight, merge rule, group, ...), one row each, named by the sheet they made: a workbook
/// sent on says them without the terminal's output. `nil` when no table has settings.
func settingsSheet(_ tables: [(name: String, settings: [(String, String)])]) -> XLSXFormat.Sheet? {
  let rows = tables.flatMap { t in
    t.settings.map { [XLSXFormat.Value.text(t.name), .text($0.0), .text($0.1)] }
  }
  guard !rows.isEmpty else { return nil }
  return XLSXFormat.Sheet(name: "settings", header: ["sheet", "setting", "value"], rows: rows)
}
