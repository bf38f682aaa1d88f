import Foundation

extension XLSXFormat {
  /// A cell to write: typed, so that a spreadsheet sorts and sums numbers as numbers and keeps
  /// text as text (`012` stays `012`; no formula guard is needed, a string cell is never one).
  package enum Value: Sendable, Equatable {
    case text(String)
    case number(Double)
    case integer(Int)
    case boolean(Bool)
    /// No value: an empty cell.
    case empty
  }

  /// One sheet to write: a header row, then the rows.
  package struct Sheet: Sendable {
    package var name: String
    package var header: [String]
    package var rows: [[Value]]
    package init(name: String, header: [String], rows: [[Value]]) {
      self.name = name
      self.header = header
      self.rows = rows
    }
  }

  /// Text as XML holds it in an element: `&`, `<` and `>` as entities, and what XML 1.0 cannot
  /// hold (control characters other than tab and line feed, a carriage return, which an XML
  /// reader turns into a line feed, U+FFFE and U+FFFF) as Excel's `_xHHHH_`; an underscore that
  /// would start such an escape is itself escaped (`_x005F_`), so every text reads back as it was.
  static func escaped(_ s: String, attribute: Bool = false) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    let scalars = Array(s.unicodeScalars)
    for (i, u) in scalars.enumerated() {
      switch u {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"" where attribute: out += "&quot;"
      case "\t", "\n":
        if attribute { out += u == "\t" ? "&#9;" : "&#10;" } else { out.unicodeScalars.append(u) }
      case "_":
        // `_x` and four hexadecimal digits and `_` would read as an escape.
        if i + 6 < scalars.count, scalars[i + 1] == "x", scalars[i + 6] == "_",
          scalars[(i + 2)..<(i + 6)].allSatisfy({ $0.properties.isASCIIHexDigit })
        {
          out += "_x005F_"
        } else {
          out += "_"
        }
      default:
        if u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF {
          out += String(format: "_x%04X_", u.value)
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return out
  }

  /// A sheet name as Excel takes one: 1 to 31 characters, none of `[ ] : * ? / \`, unique in
  /// any case; others are shortened or given a number.
  static func sheetName(_ name: String, taken: Set<String>) -> String {
    var base = String(
      name.unicodeScalars.filter { !"[]:*?/\\".unicodeScalars.contains($0) && $0.value >= 0x20 }
        .map(Character.init))
    if base.isEmpty || base.hasPrefix("'") { base = "Sheet" + base }
    base = String(base.prefix(31))
    var candidate = base
    var k = 2
    while taken.contains(candidate.lowercased()) {
      let suffix = " (\(k))"
      candidate = String(base.prefix(31 - suffix.count)) + suffix
      k += 1
    }
    return candidate
  }

  /// A workbook of sheets, each with its header row in bold-free plain cells (Excel's default
  /// style), numbers as numbers, booleans as booleans and text as shared strings. NaN and
  /// infinite numbers are empty cells: a spreadsheet has no number for them.
  ///
  /// Sheet names are made valid for Excel (see `sheetName(_:taken:)`).
  ///
  /// - Complexity: O(n) in the cells.
  /// The workbook of ``workbook(_:)``, refused when Excel or this program's reader could not
  /// open it: more rows than Excel's 1,048,576 or columns than its 16,384, a text cell longer
  /// than its 32,767 characters, or a file larger than ``Limits/fileBytes`` (200 MiB).
  ///
  /// - Throws: ``FormatError`` naming the sheet and what is over the limit.
  package static func checkedWorkbook(_ sheets: [Sheet]) throws(FormatError) -> Data {
    for sheet in sheets {
      func refuse(_ what: String) -> FormatError {
        FormatError(
          file: "<output>", line: 0, column: 0,
          "the sheet '\(sheet.name)' \(what), so Excel could not open the workbook; write CSV instead"
        )
      }
      if sheet.rows.count + 1 > 1_048_576 {
        throw refuse("would have \(sheet.rows.count + 1) rows, more than Excel's 1,048,576")
      }
      if sheet.header.count > 16_384 {
        throw refuse("would have \(sheet.header.count) columns, more than Excel's 16,384")
      }
      for (r, row) in sheet.rows.enumerated() {
        for (c, cell) in row.enumerated() {
          if case .text(let t) = cell, t.count > 32_767 {
            throw refuse(
              "would hold \(t.count) characters in cell \(columnName(c + 1))\(r + 2), more than Excel's 32,767 in a cell"
            )
          }
        }
      }
    }
    let data = workbook(sheets)
    if data.count > Limits().fileBytes {
      throw FormatError(
        file: "<output>", line: 0, column: 0,
        "the workbook would be \(data.count) bytes, more than the \(Limits().fileBytes) this program reads back; write CSV instead"
      )
    }
    return data
  }

  package static func workbook(_ sheets: [Sheet]) -> Data {
    var zip = ZIPWriter()
    var strings: [String] = []
    var stringIndex: [String: Int] = [:]
    var references = 0
    func shared(_ s: String) -> Int {
      references += 1
      if let k = stringIndex[s] { return k }
      stringIndex[s] = strings.count
      strings.append(s)
      return strings.count - 1
    }
    var names: [String] = []
    var taken = Set<String>()
    for sheet in sheets {
      let n = sheetName(sheet.name, taken: taken)
      taken.insert(n.lowercased())
      names.append(n)
    }
    var sheetParts: [[UInt8]] = []
    for sheet in sheets {
      var x = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
      x +=
        #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
      let width = max(sheet.header.count, sheet.rows.map(\.count).max() ?? 0)
      let height = sheet.rows.count + 1
      x +=
        "<dimension ref=\"A1" + (width > 0 ? ":\(columnName(max(width, 1)))\(height)" : "") + "\"/>"
      x +=
        #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#
      x += "<sheetData>"
      func row(_ r: Int, _ cells: [Value]) {
        x += "<row r=\"\(r)\">"
        for (c, v) in cells.enumerated() {
          let ref = columnName(c + 1) + String(r)
          switch v {
          case .empty: continue
          case .text(let s): x += "<c r=\"\(ref)\" t=\"s\"><v>\(shared(s))</v></c>"
          case .integer(let i): x += "<c r=\"\(ref)\"><v>\(i)</v></c>"
          case .number(let d):
            guard d.isFinite else { continue }
            x += "<c r=\"\(ref)\"><v>\(formatNumber(d))</v></c>"
          case .boolean(let b): x += "<c r=\"\(ref)\" t=\"b\"><v>\(b ? 1 : 0)</v></c>"
          }
        }
        x += "</row>"
      }
      row(1, sheet.header.map(Value.text))
      for (k, cells) in sheet.rows.enumerated() { row(k + 2, cells) }
      x += "</sheetData></worksheet>"
      sheetParts.append(Array(x.utf8))
    }
    var types = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    types += #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
    types +=
      #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
    types += #"<Default Extension="xml" ContentType="application/xml"/>"#
    types +=
      #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
    for k in sheets.indices {
      types +=
        "<Override PartName=\"/xl/worksheets/sheet\(k + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
    }
    types +=
      #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
    types +=
      #"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#
    types += "</Types>"
    zip.add("[Content_Types].xml", Array(types.utf8))
    var rels = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    rels += #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
    rels +=
      #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
    rels += "</Relationships>"
    zip.add("_rels/.rels", Array(rels.utf8))
    var book = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    book +=
      #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#
    for (k, n) in names.enumerated() {
      book +=
        "<sheet name=\"\(escaped(n, attribute: true))\" sheetId=\"\(k + 1)\" r:id=\"rId\(k + 1)\"/>"
    }
    book += "</sheets></workbook>"
    zip.add("xl/workbook.xml", Array(book.utf8))
    var bookRels = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    bookRels +=
      #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
    for k in sheets.indices {
      bookRels +=
        "<Relationship Id=\"rId\(k + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(k + 1).xml\"/>"
    }
    let n = sheets.count
    bookRels +=
      "<Relationship Id=\"rId\(n + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
    bookRels +=
      "<Relationship Id=\"rId\(n + 2)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    bookRels += "</Relationships>"
    zip.add("xl/_rels/workbook.xml.rels", Array(bookRels.utf8))
    for (k, part) in sheetParts.enumerated() { zip.add("xl/worksheets/sheet\(k + 1).xml", part) }
    var styles = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    styles += #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
    styles += #"<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>"#
    styles +=
      #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
    styles +=
      #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
    styles +=
      #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
    styles +=
      #"<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>"#
    styles +=
      #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
    styles += "</styleSheet>"
    zip.add("xl/styles.xml", Array(styles.utf8))
    var sst = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    sst +=
      "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"\(references)\" uniqueCount=\"\(strings.count)\">"
    for s in strings {
      let e = escaped(s)
      let preserve =
        s.first?.isWhitespace == true || s.last?.isWhitespace == true || s.contains("\n")
      sst += preserve ? "<si><t xml:space=\"preserve\">\(e)</t></si>" : "<si><t>\(e)</t></si>"
    }
    sst += "</sst>"
    zip.add("xl/sharedStrings.xml", Array(sst.utf8))
    return zip.finished()
  }

  /// A network as a workbook: a sheet `ties` with the columns the CSV tie table has
  /// (`source`, `target`, `type`, trust, layer, the tie attributes) and a sheet `nodes` with
  /// those of the node table (`id`, the node attributes), cells typed by the attributes' types.
  /// It reads back with ``read(_:file:sheet:nodesSheet:directed:columns:limits:)``.
  ///
  /// - Throws: ``FormatError`` when a header would read back otherwise, as for CSV
  ///   (``CSVFormat/writeTies(_:delimiter:)``).
  /// - Complexity: O(n + m) in the nodes, ties and attributes.
  public static func write(_ network: Network) throws(FormatError) -> Data {
    // A sheet's ids are read back trimmed (as ids typed in a cell are): two ids that differ
    // only by spaces around them would come back as one.
    var trimmedIDs: [String: String] = [:]
    for node in network.nodes {
      let trimmed = trimmingWhitespace(node.id, newlines: false)
      if let other = trimmedIDs.updateValue(node.id, forKey: trimmed), other != node.id {
        throw FormatError(
          file: "<output>", line: 0, column: 0,
          "the ids '\(visibleText(other))' and '\(visibleText(node.id))' differ only by spaces around them, and a workbook's ids are read back trimmed, so they would be one node; write CSV or GraphML instead"
        )
      }
    }
    var tieHeader = ["source", "target", "type"]
    let type = network.isDirected ? "Directed" : "Undirected"
    let hasTrust = network.hasTrust
    let hasLayer = network.hasLayers
    if hasTrust { tieHeader.append(network.trustAttributeName) }
    if hasLayer { tieHeader.append("layer") }
    let fixed = tieHeader.count
    let tieAttrs = network.tieAttributes.filter { $0.type != .markup }.map(\.name)
    tieHeader += tieAttrs
    try CSVFormat.checkHeader(
      tieHeader, fixed: fixed, table: "tie", trustColumn: hasTrust ? 3 : nil)
    func value(_ v: AttributeValue?) -> Value {
      switch v {
      case nil: return .empty
      // Excel keeps 15 significant digits: a longer integer is written as text, digits kept.
      case .integer(let i):
        return i.magnitude < 1_000_000_000_000_000 ? .integer(i) : .text(String(i))
      case .double(let d): return d.isFinite ? .number(d) : .text(formatNumber(d))
      case .boolean(let b): return .boolean(b)
      case .some(let other): return .text(other.description)
      }
    }
    var tieRows: [[Value]] = []
    tieRows.reserveCapacity(network.tieCount)
    for tie in network.ties {
      var row: [Value] = [
        .text(network.nodes[tie.source].id), .text(network.nodes[tie.target].id), .text(type),
      ]
      // A trust of NaN or infinity as its text, as other attributes: an empty cell would read
      // back as no trust, which counts as 1.
      if hasTrust { row.append(tie.trust.map { value(.double($0)) } ?? .empty) }
      if hasLayer { row.append(tie.layer.map(Value.text) ?? .empty) }
      for a in tieAttrs { row.append(value(tie.attributes[a])) }
      tieRows.append(row)
    }
    var nodeNames = network.nodeAttributes.filter { $0.type != .markup }.map(\.name)
    let declared = Set(nodeNames)
    let extra = Set(network.nodes.flatMap { $0.attributes.keys }).subtracting(declared).sorted()
    nodeNames += extra.filter { n in
      network.nodes.contains {
        if case .markup = $0.attributes[n] { return false }
        return $0.attributes[n] != nil
      }
    }
    try CSVFormat.checkHeader(["id"] + nodeNames, fixed: 1, table: "node", trustColumn: nil)
    let nodeRows = network.nodes.map { node in
      [Value.text(node.id)] + nodeNames.map { value(node.attributes[$0]) }
    }
    return try checkedWorkbook([
      Sheet(name: "ties", header: tieHeader, rows: tieRows),
      Sheet(name: "nodes", header: ["id"] + nodeNames, rows: nodeRows),
    ])
  }
}
