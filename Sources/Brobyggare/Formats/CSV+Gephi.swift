import Foundation

/// The two other CSV layouts Gephi's spreadsheet import reads, besides the tie table:
///
/// - an adjacency matrix: a header of node names after an empty first cell (` ,A,B,C`), then
///   one row per node, its name first; a non-zero cell is a tie from the row to the column,
///   its value the trust when any value is other than 1;
/// - an adjacency list: no header, one node per line followed by those it ties to
///   (`b;c;d` is b → c and b → d), rows of any length, a node alone on a line.
///
/// Both are directed, as Gephi reads them; names are trimmed of spaces, as Gephi trims them.
extension CSVFormat {
  /// The fields of every non-blank line, split on `delimiter` outside quotes, with line numbers.
  static func rawRows(_ text: String, delimiter: Character) -> [(line: Int, fields: [String])] {
    var rows: [(Int, [String])] = []
    for (k, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let l = line.hasSuffix("\r") ? line.dropLast() : line
      if l.trimmingCharacters(in: .whitespaces).isEmpty { continue }
      var fields: [String] = []
      var current = ""
      var quoted = false
      var chars = Array(l)
      var i = 0
      while i < chars.count {
        let c = chars[i]
        if c == "\"" {
          if quoted && i + 1 < chars.count && chars[i + 1] == "\"" {
            current.append("\"")
            i += 2
            continue
          }
          quoted.toggle()
        } else if c == delimiter && !quoted {
          fields.append(current)
          current = ""
        } else {
          current.append(c)
        }
        i += 1
      }
      fields.append(current)
      chars.removeAll()
      rows.append((k + 1, fields.map { $0.trimmingCharacters(in: .whitespaces) }))
    }
    return rows
  }

  /// The delimiter of a layout without a tie-table header: the most frequent of `,` `;` and tab
  /// on the first line.
  static func layoutDelimiter(_ text: String) -> Character {
    let first = text.prefix { $0 != "\n" }
    return [",", ";", "\t"].max { a, b in
      first.filter { $0 == a }.count < first.filter { $0 == b }.count
    } ?? ","
  }

  /// An adjacency matrix, when the header's first cell is empty and the other header cells
  /// name the rows' nodes; else `nil`.
  static func adjacencyMatrix(_ text: String, file: String) throws(FormatError) -> Network? {
    let delimiter = layoutDelimiter(text)
    let rows = rawRows(text, delimiter: delimiter)
    guard let header = rows.first, header.fields.count >= 2, header.fields[0].isEmpty,
      !header.fields.dropFirst().contains(where: \.isEmpty)
    else { return nil }
    let columns = Array(header.fields.dropFirst())
    let rowNames = rows.dropFirst().map { $0.fields.first ?? "" }
    guard Set(rowNames).isSubset(of: Set(columns)) || Set(columns).isSubset(of: Set(rowNames))
    else { return nil }
    var network = Network(directed: true)
    for name in columns { _ = network.node(withID: name) }
    var ties: [(Int, Int, Double)] = []
    for row in rows.dropFirst() {
      guard row.fields.count == columns.count + 1 else {
        throw FormatError(
          file: file, line: row.line, column: 1,
          "this row of the adjacency matrix has \(row.fields.count - 1) values; the header names \(columns.count) nodes"
        )
      }
      let from = network.node(withID: row.fields[0])
      for (k, cell) in row.fields.dropFirst().enumerated() {
        guard let v = parseDouble(cell, decimalComma: delimiter == ";"), v.isFinite else {
          throw FormatError(
            file: file, line: row.line, column: k + 2,
            "the value '\(cell)' in the adjacency matrix is not a number")
        }
        guard SignedReading.admits(v) else {
          throw FormatError(
            file: file, line: row.line, column: k + 2,
            "the value \(cell) is negative; trust must be ≥ 0 (\(TieSign.hint))")
        }
        if v != 0 { ties.append((from, network.node(withID: columns[k]), v)) }
      }
    }
    let weighted = ties.contains { $0.2 != 1 }
    for (a, b, v) in ties { network.addTie(Tie(source: a, target: b, trust: weighted ? v : nil)) }
    if weighted { network.trustAttributeName = "weight" }
    network.readNotes.append(
      "read as an adjacency matrix (the header's first cell is empty), directed, as Gephi reads one"
    )
    return network
  }

  /// An adjacency list: no header naming source and target, and rows of different lengths;
  /// else `nil`.
  static func adjacencyList(_ text: String, file: String) -> Network? {
    let delimiter = layoutDelimiter(text)
    let rows = rawRows(text, delimiter: delimiter)
    guard rows.count >= 2, Set(rows.map(\.fields.count)).count > 1 else { return nil }
    let header = rows[0].fields.map { $0.lowercased() }
    if header.contains(where: { ["source", "target", "from", "to", "id"].contains($0) }) {
      return nil
    }
    guard rows.allSatisfy({ !$0.fields.contains(where: \.isEmpty) }) else { return nil }
    var network = Network(directed: true)
    for row in rows {
      let from = network.node(withID: row.fields[0])
      for name in row.fields.dropFirst() {
        network.addTie(Tie(source: from, target: network.node(withID: name)))
      }
    }
    network.readNotes.append(
      "read as an adjacency list (no header, rows of different lengths: each node, then those it ties to), directed, as Gephi reads one"
    )
    return network
  }
}

/// Text for a spreadsheet: a cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage
/// return would run as a formula (OWASP's CSV injection), so it is written behind a `'`, as
/// Network Canvas writes its exports. ``unguardingFormula(_:)`` takes it off again.
package func guardingFormula(_ text: String) -> String {
  guard let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first)
  else { return text }
  return "'" + text
}

/// Text read from a spreadsheet file this program (or Network Canvas) wrote: a `'` before a
/// character that would start a formula is the guard, not part of the text.
package func unguardingFormula(_ text: String) -> String {
  let s = text.unicodeScalars
  guard s.count >= 2, s.first == "'",
    ["=", "+", "-", "@", "\t", "\r"].contains(s[s.index(after: s.startIndex)])
  else { return text }
  return String(text.dropFirst())
}
