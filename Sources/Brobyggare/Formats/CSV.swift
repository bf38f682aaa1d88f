import Foundation

/// Tie and node tables in CSV (RFC 4180).
///
/// - The tie table has a header with `source` and `target` (or `from` and `to`); optionally
///   `trust` (or `weight`) and `layer`; every further column becomes a tie attribute.
/// - The node table has `id`; optionally `label` and `kind`; every further column becomes a
///   node attribute.
/// - The delimiter (`,` `;` or tab) is read from the header line. With `;` a decimal comma is
///   accepted in numbers (`0,8`), as Swedish spreadsheets export.
/// - Quoting as RFC 4180; UTF-8 with or without a byte-order mark; CRLF or LF.
/// - Column types are inferred: integer, double, boolean, else string; an empty cell is a
///   missing value.
public enum CSVFormat {
  /// One parsed table: the header and rows of fields, with the line each row starts on.
  struct Table {
    var header: [String]
    var rows: [[String]]
    var rowLines: [Int]
    var delimiter: UInt8
    /// Offset in the text where each row starts (after the header), to say in which column a
    /// field is.
    var rowStarts: [Int]
    var input: TextInput

    /// The column (in characters, from 1) where field `k` of row `r` starts.
    func column(row r: Int, field k: Int) -> Int {
      var at = rowStarts[r]
      var col = 1
      var field = 0
      var inQuotes = false
      while field < k {
        let chunk = input.text(from: at, count: 1 << 16)
        if chunk.isEmpty { break }
        for b in chunk {
          if field >= k { break }
          if b == UInt8(ascii: "\"") { inQuotes.toggle() }
          else if !inQuotes && b == delimiter { field += 1 }
          else if !inQuotes && (b == 0x0A || b == 0x0D) { return col }
          if b == 0x0A { col = 1 } else if b & 0xC0 != 0x80 { col += 1 }
        }
        at += chunk.count
      }
      return col
    }
  }

  /// Splits CSV text into fields. Rows whose field count differs from the header are an error.
  static func parse(_ text: String, file: String) throws(FormatError) -> Table {
    try parse(TextInput(data: Data(text.utf8), file: file))
  }

  /// Splits CSV text into fields, reading it a block at a time.
  static func parse(_ input: TextInput) throws(FormatError) -> Table {
    let file = input.file
    var bytes: [UInt8] = []
    var more = try input.append(to: &bytes)
    // Pick the delimiter from the header line, outside quotes.
    var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, UInt8(ascii: "\t"): 0]
    var inQuotes = false
    for b in bytes {
      if b == UInt8(ascii: "\"") { inQuotes.toggle() }
      if !inQuotes && (b == 0x0A || b == 0x0D) { break }
      if !inQuotes, counts[b] != nil { counts[b]! += 1 }
    }
    let delimiter = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")]
      .max { counts[$0]! < counts[$1]! || (counts[$0]! == counts[$1]! && $0 > $1) }!

    var rows: [[String]] = []
    var rowLines: [Int] = []
    var rowStarts: [Int] = [0]
    var row: [String] = []
    var field: [UInt8] = []
    var n = bytes.count
    var i = 0
    var base = 0  // offset in the text of bytes[0]
    var line = 1
    var lineStart = 0  // offset in the text
    var rowLine = 1
    var fieldQuoted = false
    /// Makes bytes beyond `i` available: false at the end of the text. Bytes before `i` are
    /// dropped once a block's worth has been read, so the window stays about a block long.
    func fill() throws(FormatError) -> Bool {
      guard more else { return false }
      if i >= input.blockSize {
        bytes.removeFirst(i)
        base += i
        i = 0
      }
      more = try input.append(to: &bytes)
      n = bytes.count
      return true
    }
    func ready() throws(FormatError) -> Bool { i < n ? true : try fill() }
    func finishField() { row.append(String(decoding: field, as: UTF8.self)); field.removeAll(keepingCapacity: true); fieldQuoted = false }
    while try ready() {
      if i >= n { continue }
      let b = bytes[i]
      if b == UInt8(ascii: "\"") && field.isEmpty && !fieldQuoted {
        // Quoted field.
        fieldQuoted = true
        let qLine = line, qCol = base + i - lineStart + 1
        i += 1
        var closed = false
        while try ready() {
          if i >= n { continue }
          let c = bytes[i]
          if c == UInt8(ascii: "\"") {
            if i + 1 >= n { _ = try fill() }
            if i + 1 < n && bytes[i + 1] == UInt8(ascii: "\"") { field.append(c); i += 2; continue }
            i += 1; closed = true; break
          }
          if c == 0x0A { line += 1; lineStart = base + i + 1 }
          field.append(c)
          i += 1
        }
        if !closed {
          throw FormatError(file: file, line: qLine, column: qCol, "a quoted field is never closed; expected a closing '\"'")
        }
        if i >= n { _ = try fill() }
        if i < n, bytes[i] != delimiter, bytes[i] != 0x0A, bytes[i] != 0x0D {
          throw FormatError(file: file, line: line, column: base + i - lineStart + 1,
                            "unexpected character after a closing quote; expected the delimiter or the end of the line")
        }
        continue
      }
      if b == delimiter {
        finishField()
        i += 1
        continue
      }
      if b == 0x0D || b == 0x0A {
        finishField()
        let blank = row.count == 1 && row[0].isEmpty
        if !blank { rows.append(row); rowLines.append(rowLine) }
        row.removeAll(keepingCapacity: true)
        if b == 0x0D {
          if i + 1 >= n { _ = try fill() }
          if i + 1 < n && bytes[i + 1] == 0x0A { i += 1 }
        }
        i += 1
        if blank { rowStarts[rowStarts.count - 1] = base + i } else { rowStarts.append(base + i) }
        line += 1
        lineStart = base + i
        rowLine = line
        continue
      }
      field.append(b)
      i += 1
    }
    if !field.isEmpty || !row.isEmpty || fieldQuoted {
      finishField()
      if !(row.count == 1 && row[0].isEmpty) { rows.append(row); rowLines.append(rowLine) }
    }
    guard !rows.isEmpty else {
      throw FormatError(file: file, line: 1, column: 1, "the file is empty; expected a header line")
    }
    let header = rows.removeFirst().map { $0.trimmingCharacters(in: .whitespaces) }
    rowLines.removeFirst()
    rowStarts.removeFirst()
    var seen = Set<String>()
    for (k, h) in header.enumerated() {
      if h.isEmpty {
        throw FormatError(file: file, line: 1, column: k + 1, "header column \(k + 1) has no name")
      }
      if !seen.insert(h.lowercased()).inserted {
        throw FormatError(file: file, line: 1, column: k + 1, "the header names '\(h)' twice")
      }
    }
    for (r, fields) in rows.enumerated() where fields.count != header.count {
      throw FormatError(file: file, line: rowLines[r], column: 1,
                        "this row has \(fields.count) field\(fields.count == 1 ? "" : "s"); the header has \(header.count)")
    }
    return Table(header: header, rows: rows, rowLines: rowLines, delimiter: delimiter, rowStarts: rowStarts, input: input)
  }

  /// Reads a network from a tie table and, optionally, a node table.
  ///
  /// With a node table, every tie must name nodes it declares; without one, nodes are created in
  /// the order they first appear.
  public static func read(ties: Data, file: String, nodes: Data? = nil, nodesFile: String = "<nodes>",
                          directed: Bool) throws(FormatError) -> Network {
    try read(ties: TextInput(data: ties, file: file), nodes: nodes.map { n throws(FormatError) in try TextInput(data: n, file: nodesFile) },
             directed: directed)
  }

  /// Reads a tie table (and a node table) from files a block at a time: memory holds the
  /// parsed rows, not the file's bytes.
  public static func read(contentsOf path: String, nodeTable: String? = nil, directed: Bool) throws(FormatError) -> Network {
    try read(ties: TextInput(path: path), nodes: nodeTable.map { n throws(FormatError) in try TextInput(path: n) }, directed: directed)
  }

  static func read(ties: TextInput, nodes: TextInput?, directed: Bool) throws(FormatError) -> Network {
    var network = Network(directed: directed)
    if let nodes {
      try readNodes(parse(nodes), file: nodes.file, into: &network)
    }
    try readTies(parse(ties), file: ties.file, into: &network, closedNodeSet: nodes != nil)
    return network
  }

  static func column(_ header: [String], _ names: String...) -> Int? {
    for name in names { if let i = header.firstIndex(where: { $0.lowercased() == name }) { return i } }
    return nil
  }

  /// Typed columns for the given header positions, with the file positions of bad values.
  static func typedColumns(_ table: Table, columns: [Int])
    -> [(name: String, type: AttributeType, values: [AttributeValue?])]
  {
    let decimalComma = table.delimiter == UInt8(ascii: ";")
    return columns.map { c in
      let raw = table.rows.map { $0[c].isEmpty ? nil : $0[c] }
      let type = inferType(raw, decimalComma: decimalComma)
      let values = raw.map { $0.flatMap { AttributeValue.parse($0, as: type, decimalComma: decimalComma) } }
      return (table.header[c], type, values)
    }
  }

  static func readNodes(_ table: Table, file: String, into network: inout Network) throws(FormatError) {
    guard let idCol = column(table.header, "id") else {
      throw FormatError(file: file, line: 1, column: 1, "the node table has no 'id' column; its columns are \(table.header.joined(separator: ", "))")
    }
    let rest = table.header.indices.filter { $0 != idCol }
    let cols = typedColumns(table, columns: rest)
    for c in cols { network.declareNodeAttribute(AttributeDeclaration(name: c.name, type: c.type)) }
    for (r, fields) in table.rows.enumerated() {
      let id = fields[idCol]
      if id.isEmpty {
        throw FormatError(file: file, line: table.rowLines[r], column: table.column(row: r, field: idCol), "the node id is empty")
      }
      var attrs: [String: AttributeValue] = [:]
      for c in cols { if let v = c.values[r] { attrs[c.name] = v } }
      do {
        try network.addNode(Node(id: id, attributes: attrs))
      } catch {
        throw FormatError(file: file, line: table.rowLines[r], column: table.column(row: r, field: idCol), "the node id '\(id)' appears twice")
      }
    }
  }

  static func readTies(_ table: Table, file: String, into network: inout Network, closedNodeSet: Bool) throws(FormatError) {
    guard let s = column(table.header, "source", "from"), let t = column(table.header, "target", "to") else {
      throw FormatError(file: file, line: 1, column: 1, "the tie table needs 'source' and 'target' columns; its columns are \(table.header.joined(separator: ", "))")
    }
    let trustCol = column(table.header, "trust", "weight")
    if let trustCol { network.trustAttributeName = table.header[trustCol] }
    let layerCol = column(table.header, "layer")
    let rest = table.header.indices.filter { ![s, t, trustCol, layerCol].contains($0) }
    let cols = typedColumns(table, columns: rest)
    for c in cols { network.declareTieAttribute(AttributeDeclaration(name: c.name, type: c.type)) }
    let decimalComma = table.delimiter == UInt8(ascii: ";")
    network.reserveCapacity(nodes: 0, ties: table.rows.count)
    for (r, fields) in table.rows.enumerated() {
      let line = table.rowLines[r]
      let a = fields[s], b = fields[t]
      let col = { (k: Int) in table.column(row: r, field: k) }
      if a.isEmpty { throw FormatError(file: file, line: line, column: col(s), "the source is empty") }
      if b.isEmpty { throw FormatError(file: file, line: line, column: col(t), "the target is empty") }
      if closedNodeSet {
        if network.index(of: a) == nil { throw FormatError(file: file, line: line, column: col(s), "the source '\(a)' is not in the node table") }
        if network.index(of: b) == nil { throw FormatError(file: file, line: line, column: col(t), "the target '\(b)' is not in the node table") }
      }
      var trust: Double?
      if let trustCol, !fields[trustCol].isEmpty {
        trust = try parseTrust(fields[trustCol], decimalComma: decimalComma, file: file, line: line, column: col(trustCol))
      }
      var attrs: [String: AttributeValue] = [:]
      for c in cols { if let v = c.values[r] { attrs[c.name] = v } }
      let layer = layerCol.flatMap { fields[$0].isEmpty ? nil : fields[$0] }
      network.addTie(from: a, to: b, trust: trust, layer: layer, attributes: attrs)
    }
  }

  /// Parses a trust value; NaN, infinite and negative trust are refused. The column is worked
  /// out only for an error (finding it reads the row again).
  static func parseTrust(_ text: String, decimalComma: Bool, file: String, line: Int,
                         column: @autoclosure () -> Int) throws(FormatError) -> Double {
    guard let w = parseDouble(trimmingWhitespace(text, newlines: false), decimalComma: decimalComma) else {
      throw FormatError(file: file, line: line, column: column(), "the trust '\(text)' is not a number")
    }
    guard w.isFinite, w >= 0 else {
      throw FormatError(file: file, line: line, column: column(), "the trust '\(text)' must be a finite number ≥ 0")
    }
    return w
  }

  // MARK: Writing

  /// A field as RFC 4180 writes it: in double quotes (inner quotes doubled) when it holds the
  /// delimiter, a quote or a line break, or starts or ends with a space (which a spreadsheet
  /// would otherwise trim); else as it is.
  public static func quote(_ s: String, delimiter: Character) -> String {
    if s.contains(delimiter) || s.contains("\"") || s.contains("\n") || s.contains("\r")
      || s.first == " " || s.last == " " {
      return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return s
  }

  /// The tie table: `source,target`, then trust and layer when any tie has them, then the
  /// declared tie attributes in declaration order.
  public static func writeTies(_ network: Network, delimiter: Character = ",") -> String {
    var header = ["source", "target"]
    let hasTrust = network.hasTrust, hasLayer = network.hasLayers
    if hasTrust { header.append(network.trustAttributeName) }
    if hasLayer { header.append("layer") }
    let attrs = network.tieAttributes.filter { $0.type != .markup }.map(\.name)
    header += attrs
    var out = header.map { quote($0, delimiter: delimiter) }.joined(separator: String(delimiter)) + "\n"
    for tie in network.ties {
      var f = [network.nodes[tie.source].id, network.nodes[tie.target].id]
      if hasTrust { f.append(tie.trust.map(formatNumber) ?? "") }
      if hasLayer { f.append(tie.layer ?? "") }
      for a in attrs { f.append(tie.attributes[a]?.description ?? "") }
      out += f.map { quote($0, delimiter: delimiter) }.joined(separator: String(delimiter)) + "\n"
    }
    return out
  }

  /// The node table: `id`, then the declared node attributes in declaration order.
  public static func writeNodes(_ network: Network, delimiter: Character = ",") -> String {
    var names = network.nodeAttributes.filter { $0.type != .markup }.map(\.name)
    // Attributes present on nodes but never declared still get a column.
    let declared = Set(names)
    let extra = Set(network.nodes.flatMap { $0.attributes.keys }).subtracting(declared).sorted()
    names += extra.filter { n in network.nodes.contains { if case .markup = $0.attributes[n] { return false }; return $0.attributes[n] != nil } }
    var out = (["id"] + names).map { quote($0, delimiter: delimiter) }.joined(separator: String(delimiter)) + "\n"
    for node in network.nodes {
      let f = [node.id] + names.map { node.attributes[$0]?.description ?? "" }
      out += f.map { quote($0, delimiter: delimiter) }.joined(separator: String(delimiter)) + "\n"
    }
    return out
  }
}
