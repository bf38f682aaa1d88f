import Foundation

/// The files of Network Canvas's CSV export, told apart by name.
enum CSVBundleFile: Equatable {
  case ego
  case attributeList(type: String)
  case edgeList(type: String)

  /// What a file is from its name: `…_ego.csv`, `…_attributeList_<Type>.csv`,
  /// `…_edgeList_<Type>.csv`; `nil` for anything else (the adjacency matrix among them).
  static func kind(of baseName: String) -> CSVBundleFile? {
    guard baseName.lowercased().hasSuffix(".csv") else { return nil }
    let stem = String(baseName.dropLast(4))
    if stem.hasSuffix("_ego") || stem == "ego" { return .ego }
    if let r = stem.range(of: "_attributeList_", options: .backwards) {
      return .attributeList(type: String(stem[r.upperBound...]))
    }
    if let r = stem.range(of: "_edgeList_", options: .backwards) {
      return .edgeList(type: String(stem[r.upperBound...]))
    }
    return nil
  }
}

extension NetworkCanvasFormat.Reading {
  /// A parsed table with its values made plain (see ``plain(_:variable:)``).
  struct PlainTable {
    var file: String
    var header: [String]
    var rows: [[String?]]
    var table: CSVFormat.Table

    func column(_ name: String) -> Int? { header.firstIndex(of: name) }
    func line(_ r: Int) -> Int { table.rowLines[r] }
    func where_(_ r: Int, _ k: Int) -> (Int, Int) {
      (table.rowLines[r], table.column(row: r, field: k))
    }
  }

  /// The columns of one kind of table (egos, one node type, one edge type) across every
  /// session: their names in first-seen order, types, and the categoricals among them.
  struct ColumnPlan {
    var names: [String] = []
    var types: [String: AttributeType] = [:]
    var groups: [(variable: String, columns: [Int], options: [String])] = []
    var grouped: [String: (variable: String, option: String)] = [:]
  }

  static let egoColumns: Set<String> = ["networkCanvasEgoUUID"]
  static let nodeColumns: Set<String> = ["nodeID", "networkCanvasEgoUUID", "networkCanvasUUID"]
  static let edgeColumns: Set<String> = [
    "edgeID", "from", "to", "networkCanvasEgoUUID", "networkCanvasUUID", "networkCanvasSourceUUID",
    "networkCanvasTargetUUID",
  ]

  /// Parses a file and makes its values plain; the built-in columns are kept as written.
  mutating func plainTable(_ f: NetworkCanvasFormat.InputFile, builtIn: Set<String>)
    throws(FormatError) -> PlainTable
  {
    let text = try decodeText(f.data, file: f.name)
    let table = try CSVFormat.parse(text, file: f.name)
    var rows: [[String?]] = []
    rows.reserveCapacity(table.rows.count)
    for r in table.rows {
      var out: [String?] = []
      out.reserveCapacity(r.count)
      for (k, v) in r.enumerated() {
        let name = k < table.header.count ? table.header[k] : ""
        out.append(builtIn.contains(name) ? (v.isEmpty ? nil : v) : plain(v, variable: name))
      }
      rows.append(out)
    }
    // The export guards column names as it guards values (a variable named `=total` has the
    // header `'=total`).
    let header = table.header.map { plain($0, variable: "", keepsEncrypted: true) ?? $0 }
    return PlainTable(file: f.name, header: header, rows: rows, table: table)
  }

  /// Column types and categorical groups for tables of one kind.
  func plan(_ tables: [PlainTable], builtIn: Set<String>) throws(FormatError) -> ColumnPlan {
    var plan = ColumnPlan()
    var values: [String: [String?]] = [:]
    for t in tables {
      for (k, name) in t.header.enumerated() where !builtIn.contains(name) {
        if values[name] == nil {
          plan.names.append(name)
          values[name] = []
        }
        for r in t.rows { values[name]!.append(r[k]) }
      }
    }
    let isBoolean = plan.names.map { n in
      let v = values[n]!.compactMap { $0 }
      return !v.isEmpty && v.allSatisfy { $0 == "true" || $0 == "false" }
    }
    let names = plan.names
    plan.groups = try categoricalGroups(names, isBoolean: isBoolean) { i in
      // The header of the first file with the column: line 1, after the fields before it.
      guard let t = tables.first(where: { $0.header.contains(names[i]) }),
        let k = t.header.firstIndex(of: names[i])
      else { return (tables.first?.file ?? "<input>", 1, 1) }
      return (t.file, 1, 1 + t.table.header[..<k].reduce(0) { $0 + $1.count + 1 })
    }
    for g in plan.groups {
      for (c, o) in zip(g.columns, g.options) { plan.grouped[plan.names[c]] = (g.variable, o) }
    }
    for n in plan.names { plan.types[n] = inferType(values[n]!, decimalComma: false) }
    return plan
  }

  /// The attributes of one row under a plan: typed values, categoricals folded.
  mutating func attributes(_ t: PlainTable, row r: Int, plan: ColumnPlan, kind: String) -> [String:
    AttributeValue]
  {
    var out: [String: AttributeValue] = [:]
    var byName: [String: String?] = [:]
    for (k, name) in t.header.enumerated() { byName[name] = t.rows[r][k] }
    for name in plan.names where plan.grouped[name] == nil {
      guard let v = byName[name] ?? nil else { continue }
      out[name] = AttributeValue.parse(v, as: plan.types[name] ?? .string) ?? .string(v)
    }
    for g in plan.groups {
      let vals: [Bool?] = g.columns.map { c in
        guard let v = byName[plan.names[c]] ?? nil else { return nil }
        return v == "true"
      }
      if vals.allSatisfy({ $0 == nil }) { continue }
      if let v = foldedValue(g.options, vals) { out[g.variable] = v }
    }
    return out
  }

  /// Declarations for the attributes a plan makes, in header order.
  func declarations(_ plan: ColumnPlan) -> [AttributeDeclaration] {
    var out: [AttributeDeclaration] = []
    var done = Set<String>()
    for n in plan.names {
      if let g = plan.grouped[n] {
        if done.insert(g.variable).inserted {
          out.append(AttributeDeclaration(name: g.variable, type: .string))
        }
      } else if done.insert(n).inserted {
        out.append(AttributeDeclaration(name: n, type: plan.types[n] ?? .string))
      }
    }
    return out
  }

  /// Reads the CSV bundle: ego files first (one session per row), then the attribute lists and
  /// edge lists, joined to the sessions on `networkCanvasEgoUUID`.
  mutating func readCSVBundle(_ files: [NetworkCanvasFormat.InputFile]) throws(FormatError) {
    var egoTables: [PlainTable] = []
    var nodeTables: [(type: String, table: PlainTable)] = []
    var edgeTables: [(type: String, table: PlainTable)] = []
    for f in files {
      let kind = CSVBundleFile.kind(of: (f.name as NSString).lastPathComponent)
      // An attribute or edge list with nothing in it, not even its header, has no rows to add.
      if kind != .ego, f.data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
        continue
      }
      switch kind {
      case .ego: egoTables.append(try plainTable(f, builtIn: Self.egoColumns))
      case .attributeList(let type):
        nodeTables.append((type, try plainTable(f, builtIn: Self.nodeColumns)))
      case .edgeList(let type):
        edgeTables.append((type, try plainTable(f, builtIn: Self.edgeColumns)))
      case nil: break
      }
    }
    guard !egoTables.isEmpty else {
      let f = files.first?.name ?? "<input>"
      throw FormatError(
        file: f, line: 1, column: 1,
        "no …_ego.csv file is here, so the alters cannot be joined to their egos; export the ego files too"
      )
    }
    // Egos.
    let egoPlan = try plan(egoTables, builtIn: Self.egoColumns)
    for (_, g) in egoPlan.groups.enumerated() {
      recordFold(g.variable, g.options, in: "ego", fromCSV: true)
    }
    for t in egoTables {
      guard let u = t.column("networkCanvasEgoUUID") else {
        throw FormatError(
          file: t.file, line: 1, column: 1,
          "the ego file has no networkCanvasEgoUUID column; the header is: \(FormatError.list(t.header))"
        )
      }
      if t.rows.isEmpty {
        throw FormatError(
          file: t.file, line: 2, column: 1, "the ego file has no row; expected one row, the ego")
      }
      for r in t.rows.indices {
        guard let uuid = t.rows[r][u] else {
          let (l, c) = t.where_(r, u)
          throw FormatError(file: t.file, line: l, column: c, "the ego has no networkCanvasEgoUUID")
        }
        var attrs = attributes(t, row: r, plan: egoPlan, kind: "ego")
        attrs["networkCanvasEgoUUID"] = .string(uuid)
        let caseID = attrs["networkCanvasCaseID"]?.description
        let sessionID = attrs["networkCanvasSessionID"]?.description
        var alters = Network(directed: false)
        alters.readNotes = []
        try addSession(
          NetworkCanvasFormat.Session(
            egoUUID: uuid, caseID: caseID, sessionID: sessionID, egoAttributes: attrs, file: t.file,
            line: t.line(r), alters: alters), otherFile: nil)
      }
    }
    // Alters, by node type.
    var nodeIDs: [String: [String: String]] = [:]  // ego UUID → nodeID → networkCanvasUUID
    for type in orderedTypes(nodeTables.map(\.type)) {
      let tables = nodeTables.filter { $0.type == type }.map(\.table)
      let plan = try plan(tables, builtIn: Self.nodeColumns)
      for g in plan.groups { recordFold(g.variable, g.options, in: "\(type) nodes", fromCSV: true) }
      let decls = declarations(plan)
      let hasName = decls.contains { $0.name == "name" } && !decls.contains { $0.name == "label" }
      for t in tables {
        guard let e = t.column("networkCanvasEgoUUID"), let u = t.column("networkCanvasUUID") else {
          throw FormatError(
            file: t.file, line: 1, column: 1,
            "the attribute list has no \(t.column("networkCanvasEgoUUID") == nil ? "networkCanvasEgoUUID" : "networkCanvasUUID") column; the header is: \(FormatError.list(t.header))"
          )
        }
        let idColumn = t.column("nodeID")
        for r in t.rows.indices {
          let s = try session(t, row: r, column: e)
          guard let uuid = t.rows[r][u] else {
            let (l, c) = t.where_(r, u)
            throw FormatError(
              file: t.file, line: l, column: c, "the alter has no networkCanvasUUID")
          }
          var attrs = attributes(t, row: r, plan: plan, kind: type)
          attrs["networkCanvasType"] = .string(type)
          if hasName, let n = attrs["name"] { attrs["label"] = n }
          sessions[s].alters.declareNodeAttribute(
            AttributeDeclaration(name: "networkCanvasType", type: .string))
          if hasName {
            sessions[s].alters.declareNodeAttribute(
              AttributeDeclaration(name: "label", type: .string))
          }
          for d in decls { sessions[s].alters.declareNodeAttribute(d) }
          do { try sessions[s].alters.addNode(Node(id: uuid, attributes: attrs)) } catch {
            let (l, c) = t.where_(r, u)
            throw FormatError(
              file: t.file, line: l, column: c,
              "the alter '\(FormatError.excerpt(uuid))' is listed twice in the session of ego '\(FormatError.excerpt(sessions[s].egoUUID))'"
            )
          }
          if let idColumn, let id = t.rows[r][idColumn] {
            nodeIDs[sessions[s].egoUUID, default: [:]][id] = uuid
          }
        }
      }
    }
    // Alter-alter ties, by edge type.
    for type in orderedTypes(edgeTables.map(\.type)) {
      let tables = edgeTables.filter { $0.type == type }.map(\.table)
      let plan = try plan(tables, builtIn: Self.edgeColumns)
      for g in plan.groups { recordFold(g.variable, g.options, in: "\(type) edges", fromCSV: true) }
      let decls = declarations(plan)
      for t in tables {
        guard let e = t.column("networkCanvasEgoUUID") else {
          if t.rows.isEmpty { continue }
          throw FormatError(
            file: t.file, line: 1, column: 1,
            "the edge list has no networkCanvasEgoUUID column; the header is: \(FormatError.list(t.header))"
          )
        }
        let idColumn = t.column("networkCanvasUUID")
        for r in t.rows.indices {
          let s = try session(t, row: r, column: e)
          let ends = try endpoints(
            t, row: r, session: s, nodeIDs: nodeIDs[sessions[s].egoUUID] ?? [:])
          for d in decls { sessions[s].alters.declareTieAttribute(d) }
          let attrs = attributes(t, row: r, plan: plan, kind: type)
          sessions[s].alters.addTie(
            Tie(
              source: ends.0, target: ends.1, layer: type, id: idColumn.flatMap { t.rows[r][$0] },
              attributes: attrs))
        }
      }
    }
  }

  /// The session a row names in its `networkCanvasEgoUUID`, or an error saying where.
  func session(_ t: PlainTable, row r: Int, column e: Int) throws(FormatError) -> Int {
    guard let egoUUID = t.rows[r][e] else {
      let (l, c) = t.where_(r, e)
      throw FormatError(
        file: t.file, line: l, column: c,
        "the row has no networkCanvasEgoUUID, so it cannot be joined to a session")
    }
    guard let s = sessionByEgo[egoUUID] else {
      let (l, c) = t.where_(r, e)
      throw FormatError(
        file: t.file, line: l, column: c,
        "the ego UUID '\(FormatError.excerpt(egoUUID))' is in no ego file; export the session's …_ego.csv with it"
      )
    }
    return s
  }

  /// The alters an edge row joins: by `networkCanvasSourceUUID` and `networkCanvasTargetUUID`,
  /// or, when the export has no such columns, by `from` and `to` through the `nodeID`s of the
  /// same export.
  func endpoints(_ t: PlainTable, row r: Int, session s: Int, nodeIDs: [String: String])
    throws(FormatError) -> (Int, Int)
  {
    let net = sessions[s].alters
    let ego = sessions[s].egoUUID
    var result: [Int] = []
    for (uuidColumn, idColumn) in [
      ("networkCanvasSourceUUID", "from"), ("networkCanvasTargetUUID", "to"),
    ] {
      if let k = t.column(uuidColumn), let uuid = t.rows[r][k] {
        guard let i = net.index(of: uuid) else {
          let (l, c) = t.where_(r, k)
          throw FormatError(
            file: t.file, line: l, column: c,
            "\(uuidColumn) '\(FormatError.excerpt(uuid))' is no alter in the attribute lists of the session of ego '\(FormatError.excerpt(ego))'"
          )
        }
        result.append(i)
        continue
      }
      guard let k = t.column(idColumn), let id = t.rows[r][k] else {
        throw FormatError(
          file: t.file, line: t.line(r), column: 1,
          "the edge has neither \(uuidColumn) nor '\(idColumn)'")
      }
      guard let uuid = nodeIDs[id], let i = net.index(of: uuid) else {
        let (l, c) = t.where_(r, k)
        throw FormatError(
          file: t.file, line: l, column: c,
          "'\(idColumn)' names the nodeID '\(FormatError.excerpt(id))', which no attribute list of the session of ego '\(FormatError.excerpt(ego))' has (and the row has no \(uuidColumn) to join on)"
        )
      }
      result.append(i)
    }
    return (result[0], result[1])
  }

  func orderedTypes(_ types: [String]) -> [String] {
    var seen = Set<String>()
    return types.filter { seen.insert($0).inserted }
  }
}
