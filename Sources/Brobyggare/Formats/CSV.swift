import Foundation

/// Tie and node tables in CSV (RFC 4180).
///
/// - The tie table has a header with `source` and `target` (or `from` and `to`); optionally
///   `trust` (or `weight`), `layer` and `type`; every further column becomes a tie attribute.
///   Other names for these columns can be given (``Columns``).
/// - `type` says the direction, `Directed` or `Undirected` on every row, as Gephi's spreadsheet
///   import reads it; the writer always writes it, so a network keeps its direction through CSV.
/// - The node table has `id`; optionally `label` and `kind`; every further column becomes a
///   node attribute.
/// - Ids are trimmed of spaces around them (a note says how many were), unless they are quoted
///   with them (`" Medici"`), as the writer quotes them.
/// - The delimiter (`,` `;` or tab) is read from the header line. With `;` a decimal comma is
///   accepted in numbers (`0,8`), as Swedish spreadsheets export.
/// - Quoting as RFC 4180; UTF-8 with or without a byte-order mark, or the ``TextEncoding`` the
///   caller names; CRLF or LF.
/// - Column types are inferred: integer, double, boolean, else string; an empty cell is a
///   missing value. A column is of a type only when every value reads back unchanged from it
///   (`01234`, `+46 70…`, `1e3` and `0.50` stay text; see `inferType`); labels and ids are
///   always text.
public enum CSVFormat {
  /// The most fields a row may have (Excel's sheets have 16,384 columns): a row of more
  /// would take some 35 bytes of memory per byte before its width is checked.
  static let maximumFields = 1_000_000
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
    /// Quoted fields with spaces at either end (row, field), whose spaces are meant: the writer
    /// quotes such fields so that they survive, and ids in them are not trimmed.
    var quotedWithSpaces: Set<[Int]> = []
    /// For a sheet of a workbook: the sheet's column number of each field, which positions in
    /// messages give in place of a column in the text (`rowLines` are then the sheet's rows).
    var sheetColumns: [Int]? = nil
    /// For a sheet: the row of its header, where messages about the header point.
    var headerLine = 1
    /// Columns at the end of a text table with no name and no value, left out.
    var spacerColumns = 0
    /// For a sheet: the fields with a text cell below the header (a shared or inline string,
    /// or a formula's text), which are text whatever they look like: `99340` typed as text
    /// is not the number 99340, as pandas and openpyxl read it.
    var textFields: Set<Int> = []

    /// The table without its first `k` rows (header rows a tool writes below the header).
    func droppingFirstRows(_ k: Int) -> Table {
      var t = self
      t.rows.removeFirst(k)
      t.rowLines.removeFirst(k)
      t.rowStarts.removeFirst(min(k, t.rowStarts.count))
      t.quotedWithSpaces = Set(
        quotedWithSpaces.compactMap { $0[0] >= k ? [$0[0] - k, $0[1]] : nil })
      return t
    }

    /// Whether field `k` of row `r` was quoted with spaces at either end.
    func keepsSpaces(row r: Int, field k: Int) -> Bool {
      !quotedWithSpaces.isEmpty && quotedWithSpaces.contains([r, k])
    }

    /// The column (in characters, from 1) where field `k` of row `r` starts.
    func column(row r: Int, field k: Int) -> Int {
      if let sheetColumns { return k < sheetColumns.count ? sheetColumns[k] : k + 1 }
      var at = rowStarts[r]
      var col = 1
      var field = 0
      var inQuotes = false
      while field < k {
        let chunk = input.text(from: at, count: 1 << 16)
        if chunk.isEmpty { break }
        for b in chunk {
          if field >= k { break }
          if b == UInt8(ascii: "\"") {
            inQuotes.toggle()
          } else if !inQuotes && b == delimiter {
            field += 1
          } else if !inQuotes && (b == 0x0A || b == 0x0D) {
            return col
          }
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
    var started = false  // blank lines before the header are passed over, as the rows are
    for b in bytes {
      if !started && (b == 0x0A || b == 0x0D) { continue }
      started = true
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
    var quotedWithSpaces: Set<[Int]> = []
    // Where each field of the header begins (byte column on its line), for messages.
    var fieldColumn = 1
    var headerColumns: [Int] = []
    func finishField() throws(FormatError) {
      // A row of millions of fields (one line of commas) would take tens of bytes of memory
      // per byte of input before its width is checked: refused at the limit.
      guard row.count < CSVFormat.maximumFields else {
        throw FormatError(
          file: file, line: rowLine, column: fieldColumn,
          "this row has more than \(CSVFormat.maximumFields) fields; a table has at most that many columns"
        )
      }
      if rows.isEmpty { headerColumns.append(fieldColumn) }
      let text = String(decoding: field, as: UTF8.self)
      if fieldQuoted, !text.isEmpty,
        trimmingWhitespace(text, newlines: false).utf8.count != field.count
      {
        quotedWithSpaces.insert([rows.count - 1, row.count])  // rows[0] is the header
      }
      row.append(text)
      field.removeAll(keepingCapacity: true)
      fieldQuoted = false
    }
    while try ready() {
      if i >= n { continue }
      let b = bytes[i]
      if b == UInt8(ascii: "\"") && field.isEmpty && !fieldQuoted {
        // Quoted field.
        fieldQuoted = true
        let qLine = line
        let qCol = base + i - lineStart + 1
        i += 1
        var closed = false
        while try ready() {
          if i >= n { continue }
          let c = bytes[i]
          if c == UInt8(ascii: "\"") {
            if i + 1 >= n { _ = try fill() }
            if i + 1 < n && bytes[i + 1] == UInt8(ascii: "\"") {
              field.append(c)
              i += 2
              continue
            }
            i += 1
            closed = true
            break
          }
          if c == 0x0A {
            line += 1
            lineStart = base + i + 1
          }
          field.append(c)
          i += 1
        }
        if !closed {
          throw FormatError(
            file: file, line: qLine, column: qCol,
            "a quoted field is never closed; expected a closing '\"'")
        }
        if i >= n { _ = try fill() }
        if i < n, bytes[i] != delimiter, bytes[i] != 0x0A, bytes[i] != 0x0D {
          throw FormatError(
            file: file, line: line, column: base + i - lineStart + 1,
            "unexpected character after a closing quote; expected the delimiter or the end of the line"
          )
        }
        continue
      }
      if b == delimiter {
        try finishField()
        i += 1
        fieldColumn = base + i - lineStart + 1
        continue
      }
      if b == 0x0D || b == 0x0A {
        try finishField()
        let blank = row.count == 1 && row[0].isEmpty
        if !blank {
          rows.append(row)
          rowLines.append(rowLine)
        } else if rows.isEmpty {
          headerColumns.removeAll()
        }
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
        fieldColumn = 1
        continue
      }
      field.append(b)
      i += 1
    }
    if !field.isEmpty || !row.isEmpty || fieldQuoted {
      try finishField()
      if !(row.count == 1 && row[0].isEmpty) {
        rows.append(row)
        rowLines.append(rowLine)
      }
    }
    guard !rows.isEmpty else {
      throw FormatError(file: file, line: 1, column: 1, "the file is empty; expected a header line")
    }
    let headerLine = rowLines[0]
    var header = rows.removeFirst().map { $0.trimmingCharacters(in: .whitespaces) }
    rowLines.removeFirst()
    rowStarts.removeFirst()
    // Columns at the end without a name and without a value in any row are left out: Excel
    // writes `a;b;;;` for a sheet whose empty columns to the right were ever formatted.
    let written = header.count
    var spacers = 0
    while header.count > 1, header.last!.isEmpty {
      let k = header.count - 1
      guard
        rows.allSatisfy({
          $0.count == k || ($0.count > k && $0[k].trimmingCharacters(in: .whitespaces).isEmpty)
        })
      else { break }
      header.removeLast()
      spacers += 1
    }
    if spacers > 0 {
      for r in rows.indices where rows[r].count > header.count && rows[r].count <= written {
        rows[r].removeLast(rows[r].count - header.count)
      }
    }
    var seen = Set<String>()
    for (k, h) in header.enumerated() {
      if h.isEmpty {
        throw FormatError(file: file, line: 1, column: k + 1, "header column \(k + 1) has no name")
      }
      if !seen.insert(h.lowercased()).inserted {
        throw FormatError(
          file: file, line: headerLine, column: k < headerColumns.count ? headerColumns[k] : 1,
          "the header names '\(FormatError.excerpt(h))' twice")
      }
    }
    for (r, fields) in rows.enumerated() where fields.count != header.count {
      throw FormatError(
        file: file, line: rowLines[r], column: 1,
        "this row has \(fields.count) field\(fields.count == 1 ? "" : "s"); the header has \(header.count)"
      )
    }
    var table = Table(
      header: header, rows: rows, rowLines: rowLines, delimiter: delimiter, rowStarts: rowStarts,
      input: input,
      quotedWithSpaces: quotedWithSpaces)
    table.spacerColumns = spacers
    return table
  }

  /// Column names a table uses in place of the usual ones, as the researcher wrote them: a tie
  /// table headed `källa;mål;tillit` reads with `source: "källa", target: "mål", trust: "tillit"`.
  /// `nil` keeps the usual names. Names match the header case-insensitively; a name that is not
  /// in the header is an error listing the columns there are.
  public struct Columns: Sendable, Hashable {
    /// The tie table's source column (usually `source` or `from`).
    public var source: String?
    /// The tie table's target column (usually `target` or `to`).
    public var target: String?
    /// The tie table's trust column (usually `trust` or `weight`); its name is kept as
    /// ``Network/trustAttributeName``.
    public var trust: String?
    /// The tie table's layer column (usually `layer`).
    public var layer: String?
    /// The node table's id column (usually `id`).
    public var id: String?
    /// The node table's label column (usually `label`); read as the `label` attribute.
    public var label: String?

    /// Column names in place of the usual ones; `nil` keeps the usual name.
    public init(
      source: String? = nil, target: String? = nil, trust: String? = nil, layer: String? = nil,
      id: String? = nil, label: String? = nil
    ) {
      self.source = source
      self.target = target
      self.trust = trust
      self.layer = layer
      self.id = id
      self.label = label
    }
  }

  /// Reads a network from a tie table and, optionally, a node table.
  ///
  /// With a node table, every tie must name nodes it declares; without one, nodes are created in
  /// the order they first appear. Ids (source, target and the node table's id) are trimmed of
  /// spaces around them, with a note in ``Network/readNotes`` saying how many were.
  ///
  /// - Parameters:
  ///   - ties: the tie table's bytes.
  ///   - file: the tie table's name, for messages.
  ///   - nodes: the node table's bytes, if there is one.
  ///   - nodesFile: the node table's name, for messages.
  ///   - directed: the direction; `nil` takes it from a `type` column (`Directed` or
  ///     `Undirected` on every row, as Gephi's spreadsheet import reads it) and reads a table
  ///     without one as directed. A `type` column that says otherwise than `directed` is an error.
  ///   - encoding: the encoding of both tables.
  ///   - columns: column names in place of the usual ones.
  /// - Complexity: O(n) in the size of the tables.
  public static func read(
    ties: Data, file: String, nodes: Data? = nil, nodesFile: String = "<nodes>",
    directed: Bool? = nil, encoding: TextEncoding = .utf8,
    columns: Columns = Columns()
  ) throws(FormatError) -> Network {
    try read(
      ties: TextInput(data: ties, file: file, encoding: encoding),
      nodes: nodes.map { n throws(FormatError) in
        try TextInput(data: n, file: nodesFile, encoding: encoding)
      },
      directed: directed, columns: columns)
  }

  /// Reads a tie table (and a node table) from files a block at a time: memory holds the
  /// parsed rows, not the file's bytes. The parameters are those of
  /// ``read(ties:file:nodes:nodesFile:directed:encoding:columns:)``.
  public static func read(
    contentsOf path: String, nodeTable: String? = nil, directed: Bool? = nil,
    encoding: TextEncoding = .utf8, columns: Columns = Columns()
  ) throws(FormatError) -> Network {
    try read(
      ties: TextInput(path: path, encoding: encoding),
      nodes: nodeTable.map { n throws(FormatError) in try TextInput(path: n, encoding: encoding) },
      directed: directed, columns: columns)
  }

  static func read(
    ties: TextInput, nodes: TextInput?, directed: Bool?, columns: Columns = Columns()
  ) throws(FormatError) -> Network {
    var network = Network(directed: directed ?? true)
    var trimmed = TrimmedIDs()
    var spacers: [(file: String, table: Table)] = []
    if let nodes {
      let table = try parse(nodes)
      if table.spacerColumns > 0 { spacers.append((nodes.file, table)) }
      try readNodes(table, file: nodes.file, columns: columns, into: &network, trimmed: &trimmed)
    }
    let tieTable = try parse(ties)
    if tieTable.spacerColumns > 0 { spacers.insert((ties.file, tieTable), at: 0) }
    try readTies(
      tieTable, file: ties.file, columns: columns, directed: directed, into: &network,
      closedNodeSet: nodes != nil, trimmed: &trimmed)
    for (file, table) in spacers {
      let k = table.spacerColumns
      network.readNotes.append(
        "left out \(k == 1 ? "the last column" : "the last \(k) columns") of \(file) (\(k == 1 ? "column \(table.header.count + 1)" : "columns \(table.header.count + 1) to \(table.header.count + k)")): \(k == 1 ? "it has" : "they have") no name and no value, as a spreadsheet writes the empty columns beside a table"
      )
    }
    if let first = trimmed.first {
      let n = trimmed.count
      network.readNotes.append(
        "\(n) id\(n == 1 ? " had spaces around it and was" : "s had spaces around them and were") trimmed (the first: '\(FormatError.excerpt(first.id))' on line \(first.line) of \(first.file))"
      )
    }
    return network
  }

  /// How many ids were trimmed of spaces, and the first one, for the note that says so.
  struct TrimmedIDs {
    var count = 0
    var first: (id: String, file: String, line: Int)?

    /// The id without spaces around it, counting it when it had any; as it is when it was
    /// quoted with its spaces (`" Medici"`), which says they are meant.
    mutating func trim(_ table: Table, row r: Int, field k: Int, file: String) -> String {
      let raw = table.rows[r][k]
      if table.keepsSpaces(row: r, field: k) { return raw }
      let line = table.rowLines[r]
      let id = trimmingWhitespace(raw, newlines: false)
      if id.utf8.count != raw.utf8.count, !id.isEmpty {
        count += 1
        if first == nil { first = (raw, file, line) }
      }
      return id
    }
  }

  /// A number written with a decimal comma in a comma-separated file (`"1,33"`, quoted, as
  /// Gephi and spreadsheets write it in Swedish or German): one comma, among digits and a
  /// minus sign; `nil` for any other text. The bytes are looked at first: most values have no
  /// comma, and walking the characters of every one cost more than parsing it.
  package static func quotedDecimalComma(_ raw: String) -> Double? {
    guard raw.utf8.contains(UInt8(ascii: ",")), raw.filter({ $0 == "," }).count == 1,
      raw.allSatisfy({ $0.isNumber || $0 == "," || $0 == "-" })
    else { return nil }
    return parseDouble(trimmingWhitespace(raw, newlines: false), decimalComma: true)
  }

  static func column(_ header: [String], _ names: String...) -> Int? {
    for name in names {
      if let i = header.firstIndex(where: { $0.lowercased() == name }) { return i }
    }
    return nil
  }

  /// The column a caller named, else the first of the usual names; `nil` when the usual names
  /// are all missing.
  ///
  /// - Throws: when the named column is not in the header: the error lists the columns there
  ///   are, and the closest by edit distance when one is close.
  static func column(
    _ table: Table, file: String, named: String?, option: String,
    usual: String...
  ) throws(FormatError) -> Int? {
    let header = table.header
    guard let named else {
      for name in usual {
        if let i = header.firstIndex(where: { $0.lowercased() == name }) { return i }
      }
      return nil
    }
    let wanted = named.trimmingCharacters(in: .whitespaces).lowercased()
    if let i = header.firstIndex(where: { $0.lowercased() == wanted }) { return i }
    if looksSpaceDelimited(table) {
      throw spaceDelimited(
        table, file: file, ties: option != "id-column" && option != "label-column")
    }
    var message =
      "there is no column '\(FormatError.excerpt(named))' (named by --\(option)); the columns are \(FormatError.list(header))"
    // Only names whose length is within the bound can be close; the others are not compared
    // (a huge header name would make the comparison huge).
    let length = wanted.unicodeScalars.count
    let bound = max(1, length / 3)
    let closest = header.lazy.filter { abs($0.unicodeScalars.count - length) <= bound }
      .map { ($0, NameMatching.editDistance($0.lowercased(), wanted)) }.min { $0.1 < $1.1 }
    if let (name, d) = closest, d <= bound { message += "; did you mean '\(name)'?" }
    throw FormatError(file: file, line: 1, column: 1, message)
  }

  /// Whether the header is one column whose name has spaces inside: a table separated by spaces,
  /// which CSV is not.
  static func looksSpaceDelimited(_ table: Table) -> Bool {
    table.header.count == 1 && table.header[0].split(whereSeparator: { $0 == " " }).count >= 2
  }

  /// The error for a table separated by spaces: a tie table is an edge list, a node table needs
  /// a delimiter.
  static func spaceDelimited(_ table: Table, file: String, ties: Bool) -> FormatError {
    let h = FormatError.excerpt(table.header[0])
    // An edge list holds a source, a target and a weight: a header of more columns (Gephi's
    // timeset, a type) or quoted values (which may hold spaces) it cannot read.
    let names = table.header[0].split(whereSeparator: \.isWhitespace)
    let quoted = table.rows.prefix(100).contains { $0.contains { $0.contains("\"") } }
    let edgeList =
      names.count > 3 || quoted
      ? "; an edge list (ties separated by spaces) holds a source, a target and a weight only, and this table has \(names.count > 3 ? "\(names.count) columns" : "quoted values"): save it with ',', ';' or a tab between the columns (Gephi's spreadsheet export writes ',')"
      : "; a file of ties separated by spaces is an edge list: read it with --input-format edgelist, its header line made a comment ('# \(h)')"
    return FormatError(
      file: file, line: 1, column: 1,
      ties
        ? "the header '\(h)' looks space-delimited, and CSV needs ',', ';' or a tab between columns\(edgeList)"
        : "the header '\(h)' looks space-delimited, and CSV needs ',', ';' or a tab between columns; save the node table with one of them"
    )
  }

  /// A named column that stands for a usual one (`--layer-column lager`) while a column of the
  /// usual name is also there: both would be read under one name, so this is refused.
  static func refuseSecond(_ table: Table, file: String, named: Int?, usual: String, option: String)
    throws(FormatError)
  {
    guard let named, let other = column(table.header, usual), other != named else { return }
    throw FormatError(
      file: file, line: 1, column: 1,
      "the column '\(FormatError.excerpt(table.header[named]))' (named by --\(option)) is read as '\(usual)', but the table also has a column '\(FormatError.excerpt(table.header[other]))'; rename one of them"
    )
  }

  /// Whether a column holds names (`label` or `id`, in any case), which are text even when
  /// they look like numbers.
  static func isNameColumn(_ name: String) -> Bool {
    let n = name.lowercased()
    return n == "label" || n == "id"
  }

  /// Typed columns for the given header positions: a column's type is the narrowest that every
  /// value reads back from unchanged (see `inferType`), and text for labels and ids.
  static func typedColumns(_ table: Table, columns: [Int], names: [Int: String] = [:])
    -> [(name: String, type: AttributeType, values: [AttributeValue?])]
  {
    let decimalComma = table.delimiter == UInt8(ascii: ";")
    return columns.map { c in
      let name = names[c] ?? table.header[c]
      let raw = table.rows.map { $0[c].isEmpty ? nil : $0[c] }
      // Labels and ids are names, never numbers, whatever they look like.
      let type =
        isNameColumn(name) || table.textFields.contains(c)
        ? .string : inferType(raw, decimalComma: decimalComma)
      let values = raw.map {
        $0.flatMap { AttributeValue.parse($0, as: type, decimalComma: decimalComma) }
      }
      return (name, type, values)
    }
  }

  static func readNodes(
    _ table: Table, file: String, columns: Columns = Columns(), into network: inout Network,
    trimmed: inout TrimmedIDs
  ) throws(FormatError) {
    guard
      let idCol = try column(table, file: file, named: columns.id, option: "id-column", usual: "id")
    else {
      if looksSpaceDelimited(table) { throw spaceDelimited(table, file: file, ties: false) }
      throw FormatError(
        file: file, line: 1, column: 1,
        "the node table has no 'id' column; its columns are \(FormatError.list(table.header)) (name another with --id-column)"
      )
    }
    var names: [Int: String] = [:]
    if let label = try column(table, file: file, named: columns.label, option: "label-column"),
      label != idCol
    {
      try refuseSecond(table, file: file, named: label, usual: "label", option: "label-column")
      names[label] = "label"
    }
    let rest = table.header.indices.filter { $0 != idCol }
    let cols = typedColumns(table, columns: rest, names: names)
    for c in cols { network.declareNodeAttribute(AttributeDeclaration(name: c.name, type: c.type)) }
    for r in table.rows.indices {
      let id = trimmed.trim(table, row: r, field: idCol, file: file)
      if id.isEmpty {
        throw FormatError(
          file: file, line: table.rowLines[r], column: table.column(row: r, field: idCol),
          "the node id is empty")
      }
      var attrs: [String: AttributeValue] = [:]
      for c in cols { if let v = c.values[r] { attrs[c.name] = v } }
      do {
        try network.addNode(Node(id: id, attributes: attrs))
      } catch {
        // The first row with the id, and whether it is written with other code points (a
        // name typed on a Mac, NFD, and on Windows, NFC: one name as Unicode reads it).
        let earlier = table.rows.indices.first {
          $0 < r && table.rows[$0][idCol].trimmingCharacters(in: .whitespaces) == id
        }
        let raw = { (row: Int) in
          Array(table.rows[row][idCol].trimmingCharacters(in: .whitespaces).utf8)
        }
        let other = earlier.map { raw($0) != raw(r) }
        throw FormatError(
          file: file, line: table.rowLines[r], column: table.column(row: r, field: idCol),
          "the node id '\(FormatError.excerpt(id))' appears twice"
            + (earlier.map { " (first on line \(table.rowLines[$0])" } ?? "")
            + (other == true
              ? ", written there with other Unicode code points for the same letters, as one system composes 'Å' and another writes 'A' and a ring: one name)"
              : earlier == nil ? "" : ")"))
      }
    }
  }

  /// The direction a `type` column gives (`Directed` or `Undirected`, any case, on every row),
  /// checked against the one the caller asked for; `nil` when the table has no rows.
  static func direction(_ table: Table, file: String, typeColumn c: Int, asked: Bool?)
    throws(FormatError) -> Bool?
  {
    try directions(table, file: file, typeColumn: c, asked: asked).directed
  }

  /// The direction a `type` column gives, and when it mixes Directed and Undirected rows (a
  /// mixed graph, as Gephi holds one), the Undirected rows: the network is then directed and
  /// each of those ties is read both ways, as Gephi draws them.
  static func directions(_ table: Table, file: String, typeColumn c: Int, asked: Bool?)
    throws(FormatError) -> (directed: Bool?, undirectedRows: Set<Int>)
  {
    // One pass over the column; Gephi's spelling is matched before trimming and case folding.
    // The Undirected rows are gathered only when the table turns out to be mixed (rare): a
    // set of every row of an undirected table was built and thrown away.
    var anyUndirected = false
    var anyDirected = false
    for r in table.rows.indices {
      switch typeOf(table.rows[r][c]) {
      case false?: anyUndirected = true
      case true?: anyDirected = true
      case nil: break
      }
      if anyUndirected && anyDirected { break }
    }
    if anyUndirected && anyDirected && asked != false {
      return (true, Set(table.rows.indices.lazy.filter { typeOf(table.rows[$0][c]) == false }))
    }
    return (try singleDirection(table, file: file, typeColumn: c, asked: asked), [])
  }

  /// What a type cell says: `true` Directed, `false` Undirected (in any case, with spaces
  /// around), `nil` anything else.
  static func typeOf(_ cell: String) -> Bool? {
    if cell == "Undirected" { return false }
    if cell == "Directed" { return true }
    switch trimmingWhitespace(cell, newlines: false).lowercased() {
    case "directed": return true
    case "undirected": return false
    default: return nil
    }
  }

  static func singleDirection(_ table: Table, file: String, typeColumn c: Int, asked: Bool?)
    throws(FormatError) -> Bool?
  {
    var first: (directed: Bool, row: Int)?
    func spelled(_ d: Bool) -> String { d ? "Directed" : "Undirected" }
    for (r, fields) in table.rows.enumerated() {
      let directed: Bool
      switch typeOf(fields[c]) {
      case true?: directed = true
      case false?: directed = false
      case nil:
        throw FormatError(
          file: file, line: table.rowLines[r], column: table.column(row: r, field: c),
          "the type '\(FormatError.excerpt(fields[c]))' is neither Directed nor Undirected; the type column says the direction of the ties, as Gephi reads it (rename the column if it means something else)"
        )
      }
      guard let f = first else {
        first = (directed, r)
        continue
      }
      if f.directed != directed {
        throw FormatError(
          file: file, line: table.rowLines[r], column: table.column(row: r, field: c),
          "this tie is \(spelled(directed)) but the one on line \(table.rowLines[f.row]) is \(spelled(f.directed)); with --undirected every tie must be Undirected (without it, a mixed table is read as directed, its Undirected ties each way)"
        )
      }
    }
    guard let f = first else { return nil }
    if let asked, asked != f.directed {
      throw FormatError(
        file: file, line: table.rowLines[f.row], column: table.column(row: f.row, field: c),
        asked
          ? "the type column says Undirected, but the network was to be read as directed; make the column say Directed, or read the network as undirected"
          : "the type column says Directed, but --undirected asks for an undirected network; leave out --undirected, or make the column say Undirected"
      )
    }
    return f.directed
  }

  static func readTies(
    _ table: Table, file: String, columns: Columns = Columns(), directed: Bool?,
    into network: inout Network, closedNodeSet: Bool, trimmed: inout TrimmedIDs
  ) throws(FormatError) {
    let source = try column(
      table, file: file, named: columns.source, option: "source-column", usual: "source", "from")
    let target = try column(
      table, file: file, named: columns.target, option: "target-column", usual: "target", "to")
    guard let s = source, let t = target else {
      if looksSpaceDelimited(table) { throw spaceDelimited(table, file: file, ties: true) }
      throw FormatError(
        file: file, line: 1, column: 1,
        "the tie table needs 'source' and 'target' columns; its columns are \(FormatError.list(table.header)) (name others with --source-column and --target-column)"
      )
    }
    let trustCol = try column(
      table, file: file, named: columns.trust, option: "trust-column", usual: "trust", "weight")
    if let trustCol { network.trustAttributeName = table.header[trustCol] }
    var layerCol = try column(
      table, file: file, named: columns.layer, option: "layer-column", usual: "layer")
    try refuseSecond(
      table, file: file, named: columns.layer == nil ? nil : layerCol, usual: "layer",
      option: "layer-column")
    let typeCol = column(table.header, "type").flatMap {
      [s, t, trustCol, layerCol].contains($0) ? nil : $0
    }
    var undirectedRows = Set<Int>()
    if let typeCol {
      let found = try directions(table, file: file, typeColumn: typeCol, asked: directed)
      if let d = found.directed {
        network.isDirected = d
        undirectedRows = found.undirectedRows
        if undirectedRows.isEmpty {
          network.readNotes.append(
            "read as \(d ? "directed" : "undirected"), as the tie table's type column says")
        } else {
          network.readNotes.append(
            "the type column mixes Directed and Undirected ties (a mixed graph): read as directed, \(undirectedRows.count == 1 ? "the Undirected tie" : "each of the \(undirectedRows.count) Undirected ties") as a tie each way"
          )
        }
      }
    }
    // Gephi's tie table (a type column of Directed and Undirected) gives each edge its kind in
    // a Kind column: read as the layer, as GEXF's kind is, so that ties of two kinds between
    // one pair are not merged as one.
    if layerCol == nil, columns.layer == nil, typeCol != nil,
      let kind = column(table.header, "kind"), ![s, t, trustCol, typeCol].contains(kind),
      table.rows.contains(where: { !trimmingWhitespace($0[kind], newlines: true).isEmpty })
    {
      layerCol = kind
      network.readNotes.append(
        "the column '\(table.header[kind])' read as the layer (Gephi's edge kind, as GEXF's kind is read); --layer-column names another"
      )
    }
    // A column 'id' (Gephi's edge table writes 'Id') is the tie's own id, as GraphML's edge id
    // is: kept for writing back, and no attribute (JSON has its place for it).
    let idCol = column(table.header, "id").flatMap {
      [s, t, trustCol, layerCol, typeCol].contains($0) ? nil : $0
    }
    let rest = table.header.indices.filter {
      ![s, t, trustCol, layerCol, typeCol, idCol].contains($0)
    }
    let cols = typedColumns(table, columns: rest)
    for c in cols { network.declareTieAttribute(AttributeDeclaration(name: c.name, type: c.type)) }
    let decimalComma = table.delimiter == UInt8(ascii: ";")
    network.reserveCapacity(nodes: 0, ties: table.rows.count)
    // Ties to nodes the node table lacks: every id, with its lines, for one error at the end.
    var missing: [String: (lines: [Int], field: Int, row: Int)] = [:]
    var missingOrder: [String] = []
    var commaTrust = 0
    // The first trust written with a decimal comma, its line and its value, for the note.
    var firstCommaTrust: (raw: String, line: Int, value: Double)?
    // In a table with ';' between fields, trusts written with a point and with a comma: both
    // are read as decimal marks, though in some locales a point groups thousands (1.000).
    var pointAndComma: (point: (raw: String, line: Int)?, comma: (raw: String, line: Int)?)
    defer {
      if let p = pointAndComma.point, let c = pointAndComma.comma {
        network.readNotes.append(
          "the trust is written with a decimal point ('\(p.raw)' on line \(p.line)) and with a decimal comma ('\(c.raw)' on line \(c.line)): both are read as decimal marks, so '\(p.raw)' is \(formatNumber(parseDouble(trimmingWhitespace(p.raw, newlines: false)) ?? .nan)); where a point groups thousands, correct the file"
        )
      }
      if commaTrust > 0, let f = firstCommaTrust {
        network.readNotes.append(
          "\(commaTrust) trust value\(commaTrust == 1 ? " was" : "s were") written with a decimal comma, as spreadsheets and Gephi write them in some locales, and read as decimal numbers (\(commaTrust == 1 ? "" : "the first: ")'\(f.raw)' on line \(f.line) as \(formatNumber(f.value)))"
        )
      }
    }
    // Whether every trust so far is written in digits alone (`4`, not `4.0`), for trustType.
    var integerTrust = true
    var anyTrust = false
    for (r, fields) in table.rows.enumerated() {
      let line = table.rowLines[r]
      let a = trimmed.trim(table, row: r, field: s, file: file)
      let b = trimmed.trim(table, row: r, field: t, file: file)
      let col = { (k: Int) in table.column(row: r, field: k) }
      if a.isEmpty {
        throw FormatError(file: file, line: line, column: col(s), "the source is empty")
      }
      if b.isEmpty {
        throw FormatError(file: file, line: line, column: col(t), "the target is empty")
      }
      if closedNodeSet {
        var known = true
        for (id, k) in [(a, s), (b, t)] where network.index(of: id) == nil {
          known = false
          if missing[id] == nil {
            missingOrder.append(id)
            missing[id] = ([], k, r)
          }
          if missing[id]!.lines.last != line { missing[id]!.lines.append(line) }
        }
        if !known { continue }
      }
      var trust: Double?
      if let trustCol, !fields[trustCol].isEmpty {
        let raw = fields[trustCol]
        anyTrust = true
        if integerTrust {
          // A signed network's `-2` is a whole number too (read as its size, 2).
          let t = trimmingWhitespace(raw, newlines: false)
          integerTrust =
            isDigits(t)
            || (SignedReading.acceptsNegativeTrust && t.hasPrefix("-")
              && isDigits(String(t.dropFirst())))
        }
        // Gephi in a Swedish or German locale writes "1,33" in a comma-separated file: one
        // comma between digits, quoted, is a decimal comma (said in a note).
        if !decimalComma, let w = CSVFormat.quotedDecimalComma(raw) {
          trust = try parseTrust(
            formatNumber(w), decimalComma: false, file: file, line: line, column: col(trustCol))
          commaTrust += 1
          if firstCommaTrust == nil { firstCommaTrust = (raw, line, w) }
        } else {
          trust = try parseTrust(
            raw, decimalComma: decimalComma, file: file, line: line, column: col(trustCol))
          if decimalComma {
            if pointAndComma.point == nil, raw.utf8.contains(UInt8(ascii: ".")) {
              pointAndComma.point = (raw, line)
            }
            if pointAndComma.comma == nil, raw.utf8.contains(UInt8(ascii: ",")) {
              pointAndComma.comma = (raw, line)
            }
          }
        }
      }
      var attrs: [String: AttributeValue] = [:]
      for c in cols { if let v = c.values[r] { attrs[c.name] = v } }
      let layer = layerCol.flatMap { fields[$0].isEmpty ? nil : fields[$0] }
      let tieID = idCol.flatMap { fields[$0].isEmpty ? nil : fields[$0] }
      network.addTie(
        Tie(
          source: network.node(withID: a), target: network.node(withID: b), trust: trust,
          layer: layer, id: tieID, attributes: attrs))
      if undirectedRows.contains(r) && a != b {
        network.addTie(from: b, to: a, trust: trust, layer: layer, attributes: attrs)
      }
    }
    if let first = missingOrder.first, let m = missing[first] {
      // An id the node table has in another case or spacing is named beside the one missing.
      var folded: [String: String] = [:]
      for node in network.nodes {
        let key = trimmingWhitespace(node.id, newlines: true).lowercased()
        if folded[key] == nil { folded[key] = node.id }
      }
      throw FormatError(
        file: file, line: m.lines[0], column: table.column(row: m.row, field: m.field),
        missingNodesMessage(
          missingOrder, missing.mapValues(\.lines), firstIsSource: m.field == s,
          near: { folded[trimmingWhitespace($0, newlines: true).lowercased()] }))
    }
    if anyTrust && integerTrust { network.trustType = .integer }
  }

  /// Whether `text` is an integer in digits alone (`4`, `12`; not `4.0`, `+4` or `1e3`), of at
  /// most 15 digits, so that the double it reads as is that integer exactly.
  static func isDigits(_ text: String) -> Bool {
    let bytes = text.utf8
    return !bytes.isEmpty && bytes.count <= 15
      && bytes.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
  }

  /// What to say of ties to nodes the node table lacks: one id as before (`the target 'zz' is
  /// not in the node table`), several as a list of up to 20 with their lines.
  static func missingNodesMessage(
    _ ids: [String], _ lines: [String: [Int]], firstIsSource: Bool,
    near: (String) -> String? = { _ in nil }
  ) -> String {
    func alike(_ id: String) -> String {
      near(id).map { "the node table has '\(FormatError.excerpt($0))'" } ?? ""
    }
    func where_(_ l: [Int]) -> String {
      l.count == 1
        ? "line \(l[0])"
        : l.count <= 5
          ? "lines " + l.map(String.init).joined(separator: ", ")
          : "lines " + l.prefix(4).map(String.init).joined(separator: ", ")
            + " and \(l.count - 4) more"
    }
    if ids.count == 1 {
      let l = lines[ids[0]]!
      let details = [l.count > 1 ? where_(l) : "", alike(ids[0])].filter { !$0.isEmpty }
      return
        "the \(firstIsSource ? "source" : "target") '\(FormatError.excerpt(ids[0]))' is not in the node table"
        + (details.isEmpty ? "" : " (\(details.joined(separator: "; ")))")
    }
    let shown = ids.prefix(20).map {
      "'\(FormatError.excerpt($0))' (\([where_(lines[$0]!), alike($0)].filter { !$0.isEmpty }.joined(separator: "; ")))"
    }
    return "\(ids.count) ids in the ties are not in the node table: "
      + shown.joined(separator: ", ")
      + (ids.count > 20 ? ", and \(ids.count - 20) more" : "")
  }

  /// Parses a trust value; NaN, infinite and negative trust are refused (negative trust is
  /// taken while a signed network is read, see ``TieSign``). The column is worked
  /// out only for an error (finding it reads the row again).
  static func parseTrust(
    _ text: String, decimalComma: Bool, file: String, line: Int,
    column: @autoclosure () -> Int
  ) throws(FormatError) -> Double {
    guard let w = parseDouble(trimmingWhitespace(text, newlines: false), decimalComma: decimalComma)
    else {
      throw FormatError(
        file: file, line: line, column: column(),
        "the trust '\(FormatError.excerpt(text))' is not a number")
    }
    guard SignedReading.admits(w) else {
      throw FormatError(
        file: file, line: line, column: column(),
        "the trust '\(FormatError.excerpt(text))' must be a finite number ≥ 0"
          + (w < 0 ? "; \(TieSign.hint)" : ""))
    }
    return w
  }

  // MARK: Writing

  /// A field as RFC 4180 writes it: in double quotes (inner quotes doubled) when it holds the
  /// delimiter, a quote or a line break, or starts or ends with a space (which a spreadsheet
  /// would otherwise trim); else as it is. For tables meant for people and spreadsheets; the
  /// network's tables quote with `quoteField(_:)`.
  package static func quote(_ s: String, delimiter: Character) -> String {
    if s.contains(delimiter) || s.contains("\"") || s.contains("\n") || s.contains("\r")
      || s.first == " " || s.last == " "
    {
      return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return s
  }

  /// A field of a network's table: in double quotes (inner quotes doubled) when it holds any of
  /// the delimiters the reader may pick (`,` `;` tab), a quote, a carriage return or line feed,
  /// or starts or ends with white space (which the reader trims from an unquoted id); else as
  /// it is. The reader picks the delimiter from the header line by counting them outside
  /// quotes, so a name holding another delimiter must be quoted too.
  package static func quoteField(_ s: String) -> String {
    let special = s.utf8.contains {
      $0 == 0x2C || $0 == 0x3B || $0 == 0x09 || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D
    }
    // White space as the reader trims it (Foundation's, which counts U+200B ZERO WIDTH SPACE).
    if special || trimmingWhitespace(s, newlines: true).utf8.count != s.utf8.count {
      return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return s
  }

  /// A field's text, refusing a NUL, which no CSV reader takes (this one refuses the file).
  static func field(_ s: String, at place: @autoclosure () -> TextPlace) throws(FormatError)
    -> String
  {
    if s.utf8.contains(0) {
      throw unwritable(
        "\0", at: place(), format: "CSV", why: "a NUL, which a CSV reader does not take",
        instead: "remove it, or write JSON, which holds it")
    }
    return quoteField(s)
  }

  /// Refuses a header the reader would read back otherwise: a name that is empty, has white
  /// space at either end (the reader trims names), or repeats another in any case (the reader
  /// refuses that); a tie attribute the reader would take for the trust, layer or direction.
  static func checkHeader(_ header: [String], fixed: Int, table: String, trustColumn: Int?)
    throws(FormatError)
  {
    func refuse(_ m: String) -> FormatError { FormatError(file: "<output>", line: 0, column: 0, m) }
    let lower = header.map { $0.lowercased() }
    var seen: [String: String] = [:]
    for (k, name) in header.enumerated() {
      let what = k < fixed ? "column '\(visibleText(name))'" : "attribute '\(visibleText(name))'"
      if name.isEmpty {
        throw refuse(
          "a \(table) attribute has an empty name, which a CSV header cannot hold; name it")
      }
      if name.utf8.contains(0) {
        throw unwritable(
          "\0", at: .attributeName(name, of: table), format: "CSV",
          why: "a NUL, which a CSV reader does not take",
          instead: "rename the attribute")
      }
      if trimmingWhitespace(name, newlines: false).utf8.count != name.utf8.count {
        throw refuse(
          "the \(table) \(what) has white space at either end, which the CSV reader trims from a column's name; rename the attribute"
        )
      }
      if table == "tie", k >= fixed, lower[k] == "layer" || lower[k] == "type" {
        throw refuse(
          "the tie attribute '\(visibleText(name))' would be read back from CSV as the \(lower[k] == "type" ? "direction of the ties" : "layer"); rename the attribute"
        )
      }
      if let other = seen[lower[k]] {
        throw refuse(
          "the \(table) \(what) has the name of the column '\(visibleText(other))' (in some case), and a CSV header names a column once in any case; rename the attribute"
        )
      }
      seen[lower[k]] = name
    }
    guard table == "tie" else { return }
    // The reader takes the first column named trust, else weight, in any case, as the trust.
    let read = lower.firstIndex(of: "trust") ?? lower.firstIndex(of: "weight")
    if let read, read != trustColumn,
      trustColumn == nil || ["trust", "weight"].contains(lower[trustColumn!])
    {
      throw refuse(
        "the tie attribute '\(visibleText(header[read]))' would be read back from CSV as the trust\(trustColumn.map { ", in place of '\(visibleText(header[$0]))'" } ?? ""); rename the attribute"
      )
    }
  }

  /// The tie table: `source,target,type` (`type` is `Directed` or `Undirected` on every row),
  /// then trust, layer and id when any tie has them, then the declared tie attributes in
  /// declaration order. Fields are quoted as `quoteField(_:)` says, whatever the delimiter.
  /// Trust is written so that its type reads back (``Network/trustType``): integer trust in
  /// digits (`4`), other trust with a point when it is a whole number (`4.0`).
  ///
  /// - Throws: ``FormatError`` naming the tie, the text and the character when a field holds a
  ///   NUL; naming the attribute when the header would read back otherwise
  ///   (`checkHeader(_:fixed:table:trustColumn:)`): a tie attribute named `type`, say, which
  ///   would give the header that name twice.
  public static func writeTies(_ network: Network, delimiter: Character = ",") throws(FormatError)
    -> String
  {
    var header = ["source", "target", "type"]
    let type = network.isDirected ? "Directed" : "Undirected"
    let hasTrust = network.hasTrust
    let hasLayer = network.hasLayers
    if hasTrust { header.append(network.trustAttributeName) }
    if hasLayer { header.append("layer") }
    // The ties' own ids (GraphML's edge ids, Gephi's Id), which the reader takes back as such.
    let hasIDs = network.ties.contains { $0.id != nil }
    if hasIDs { header.append("id") }
    let fixed = header.count
    let attrs = network.tieAttributes.filter { $0.type != .markup }.map(\.name)
    header += attrs
    try checkHeader(header, fixed: fixed, table: "tie", trustColumn: hasTrust ? 3 : nil)
    let d = String(delimiter)
    // Trust as its type reads back (Network.trustType): integer trust in digits (4), double
    // trust with a point when whole (4.0), so that the reader does not take it for integers.
    let integerTrust = network.writesTrustAsIntegers
    func trustText(_ w: Double) -> String {
      if integerTrust { return String(Int(w)) }
      let text = formatNumber(w)
      return isDigits(text) ? text + ".0" : text
    }
    var out = header.map(quoteField).joined(separator: d) + "\n"
    // The ids, quoted once: each is written again for every tie at it.
    var ids: [String] = []
    ids.reserveCapacity(network.nodeCount)
    for node in network.nodes { ids.append(try field(node.id, at: .nodeID(node.id))) }
    for (k, tie) in network.ties.enumerated() {
      out += ids[tie.source] + d + ids[tie.target] + d + type
      if hasTrust { out += d + (tie.trust.map(trustText) ?? "") }
      if hasLayer {
        out += d + (try field(tie.layer ?? "", at: .tieAttribute("layer", tie: k, in: network)))
      }
      if hasIDs {
        out += d + (try field(tie.id ?? "", at: .tieAttribute("id", tie: k, in: network)))
      }
      for a in attrs {
        out +=
          d
          + (try field(
            tie.attributes[a]?.description ?? "", at: .tieAttribute(a, tie: k, in: network)))
      }
      out += "\n"
    }
    return out
  }

  /// The node table: `id`, then the declared node attributes in declaration order. Fields are
  /// quoted as `quoteField(_:)` says, whatever the delimiter.
  ///
  /// - Throws: ``FormatError`` naming the node, the text and the character when a field holds
  ///   a NUL, or naming the attribute when the header would read back otherwise.
  public static func writeNodes(_ network: Network, delimiter: Character = ",") throws(FormatError)
    -> String
  {
    var names = network.nodeAttributes.filter { $0.type != .markup }.map(\.name)
    // Attributes present on nodes but never declared still get a column.
    let declared = Set(names)
    let extra = Set(network.nodes.flatMap { $0.attributes.keys }).subtracting(declared).sorted()
    names += extra.filter { n in
      network.nodes.contains {
        if case .markup = $0.attributes[n] { return false }
        return $0.attributes[n] != nil
      }
    }
    try checkHeader(["id"] + names, fixed: 1, table: "node", trustColumn: nil)
    let d = String(delimiter)
    var out = (["id"] + names).map(quoteField).joined(separator: d) + "\n"
    for node in network.nodes {
      out += try field(node.id, at: .nodeID(node.id))
      for n in names {
        out +=
          d + (try field(node.attributes[n]?.description ?? "", at: .nodeAttribute(n, of: node.id)))
      }
      out += "\n"
    }
    return out
  }
}
