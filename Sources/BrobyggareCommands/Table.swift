import Brobyggare
import Foundation

/// A cell of a result table.
enum Cell {
  case text(String)
  case integer(Int)
  case number(Double)
  case boolean(Bool)

  var plain: String {
    switch self {
    case .text(let s): s
    case .integer(let i): String(i)
    case .number(let d): formatNumber(d)
    case .boolean(let b): b ? "true" : "false"
    }
  }

  var json: String {
    switch self {
    case .text(let s): jsonString(s)
    case .integer(let i): String(i)
    case .number(let d): d.isFinite ? formatNumber(d) : "null"
    case .boolean(let b): b ? "true" : "false"
    }
  }
}

enum TableFormat: String, CaseIterable {
  case csv, tsv, json, markdown
}

/// One row per node; columns named as the issue tracker and the notebooks use them.
struct ResultTable {
  var columns: [String]
  var rows: [[Cell]]
  /// Settings echoed with the result: in JSON as metadata, on stderr for the tables.
  var settings: [(String, String)]

  func render(_ format: TableFormat) -> String {
    switch format {
    case .csv, .tsv:
      let d: Character = format == .csv ? "," : "\t"
      func q(_ s: String) -> String { CSVFormat.quote(s, delimiter: d) }
      var out = columns.map(q).joined(separator: String(d)) + "\n"
      for r in rows { out += r.map { q($0.plain) }.joined(separator: String(d)) + "\n" }
      return out
    case .markdown:
      func esc(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
      var out = "| " + columns.map(esc).joined(separator: " | ") + " |\n"
      out += "|" + columns.indices.map { i in
        if case .text = rows.first?[i] ?? .text("") { return " --- |" }
        if case .boolean = rows.first?[i] ?? .text("") { return " --- |" }
        return " ---: |"
      }.joined() + "\n"
      for r in rows { out += "| " + r.map { esc($0.plain) }.joined(separator: " | ") + " |\n" }
      return out
    case .json:
      var out = "{\n  \"settings\": {"
      out += settings.map { "\(jsonString($0.0)): \(jsonString($0.1))" }.joined(separator: ", ")
      out += "},\n  \"nodes\": [\n"
      out += rows.map { r in
        "    {" + zip(columns, r).map { "\(jsonString($0)): \($1.json)" }.joined(separator: ", ") + "}"
      }.joined(separator: ",\n")
      out += "\n  ]\n}\n"
      return out
    }
  }

  var settingsLine: String {
    "# " + settings.map { "\($0.0): \($0.1)" }.joined(separator: "; ") + "\n"
  }
}
