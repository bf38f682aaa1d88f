import Foundation

/// Reading a study of personal networks laid out as R's egor lays it out: three tables.
///
/// - The egos: one row per ego, its id in `.egoID` (or `egoID`, `ego_id`, `ego`), every other
///   column an attribute of ego.
/// - The alters: one row per alter of an ego, `.altID` (or `altID`, `alter_id`, `alter`) and
///   `.egoID`; every other column a node attribute of the alter, which holds what ego said of
///   the alter (closeness, how often they meet) and what ego said the alter is.
/// - The alter-alter ties: `.egoID`, `.srcID` (or `srcID`, `source`, `from`) and `.tgtID` (or
///   `tgtID`, `target`, `to`); every other column a tie attribute, and a `weight` or `trust`
///   column also the tie's trust.
///
/// Column names are matched without regard to case. Attribute columns are typed as the
/// package's CSV reader types them (integer, double, boolean or text: the narrowest that every
/// value reads back from unchanged), each column over its whole table. Alter ids are unique
/// within an ego, not across the study. Ties are undirected unless `directed` (egor's
/// alter-alter ties are undirected by default). An ego with no alter row is a personal network
/// of size 0.
///
/// Errors name the file, line and column: a missing id column, an empty id, an ego id twice,
/// an alter twice for one ego, an alter of an ego not in the egos table, a tie naming an alter
/// its ego does not have, a weight that is not a number.
///
/// Each table is an ``EgorTables/Table`` of text fields, so a reader of another format (a
/// spreadsheet's sheets) feeds the same reading.
public enum EgorTables {
  /// A table of text fields as read from a file, with where each field is.
  public struct Table {
    /// The file (or `file[sheet]`) errors name.
    public var file: String
    /// The column names, in order.
    public var header: [String]
    /// The rows of fields, in order.
    public var rows: [[String]]
    /// The line (or spreadsheet row) of each row.
    public var lines: [Int]
    /// Whether numbers are written with a decimal comma (CSV separated by semicolons).
    public var decimalComma: Bool
    /// The column (from 1) of field `k` of row `r`: in characters for CSV, the spreadsheet
    /// column for a sheet.
    public var column: (_ row: Int, _ field: Int) -> Int

    /// A table; by default numbers use a decimal point and field k is in column k + 1.
    public init(
      file: String, header: [String], rows: [[String]], lines: [Int], decimalComma: Bool = false,
      column: @escaping (_ row: Int, _ field: Int) -> Int = { _, k in k + 1 }
    ) {
      precondition(rows.count == lines.count, "one line per row")
      self.file = file
      self.header = header
      self.rows = rows
      self.lines = lines
      self.decimalComma = decimalComma
      self.column = column
    }

    /// A CSV table (comma, semicolon or tab; the dialect ``CSVFormat`` reads).
    public static func csv(_ data: Data, file: String, encoding: TextEncoding = .utf8)
      throws(FormatError) -> Table
    {
      let t = try CSVFormat.parse(TextInput(data: data, file: file, encoding: encoding))
      return Table(
        file: file, header: t.header, rows: t.rows, lines: t.rowLines,
        decimalComma: t.delimiter == UInt8(ascii: ";"),
        column: { r, k in t.column(row: r, field: k) })
    }

    /// The first column with one of these names (compared without case), or `nil`.
    func index(_ names: [String]) -> Int? {
      for name in names {
        if let i = header.firstIndex(where: { $0.lowercased() == name }) { return i }
      }
      return nil
    }

    func required(_ names: [String], _ what: String) throws(FormatError) -> Int {
      guard let i = index(names) else {
        throw FormatError(
          file: file, line: 1, column: 1,
          "the \(what) table has no '\(names[0])' column (or \(names.dropFirst().map { "'\($0)'" }.joined(separator: ", "))); its columns are \(FormatError.list(header))"
        )
      }
      return i
    }

    func id(_ r: Int, _ k: Int, _ what: String) throws(FormatError) -> String {
      let v = trimmingWhitespace(rows[r][k], newlines: true)
      if v.isEmpty { throw error(r, k, "the \(what) is empty") }
      return v
    }

    func error(_ r: Int, _ k: Int, _ message: String) -> FormatError {
      FormatError(file: file, line: lines[r], column: column(r, k), message)
    }

    /// The typed columns other than `used`, as the CSV reader types them.
    func attributes(except used: [Int]) -> [(
      name: String, type: AttributeType, values: [AttributeValue?]
    )] {
      header.indices.filter { !used.contains($0) }.map { c in
        let raw = rows.map { $0[c].isEmpty ? nil : $0[c] }
        let type =
          CSVFormat.isNameColumn(header[c]) ? .string : inferType(raw, decimalComma: decimalComma)
        return (
          header[c], type,
          raw.map { $0.flatMap { AttributeValue.parse($0, as: type, decimalComma: decimalComma) } }
        )
      }
    }
  }

  static let egoColumn = [".egoid", "egoid", "ego_id", "ego"]
  static let alterColumn = [".altid", "altid", "alter_id", "alter"]
  static let sourceColumn = [".srcid", "srcid", "source", "from"]
  static let targetColumn = [".tgtid", "tgtid", "target", "to"]

  /// Reads the three tables (see ``EgorTables``).
  ///
  /// - Complexity: O(r) in the rows of the three tables.
  public static func read(egos: Table, alters: Table, alterTies: Table, directed: Bool = false)
    throws(FormatError) -> PersonalNetworks
  {
    // Egos.
    let egoID = try egos.required(egoColumn, "egos")
    let egoAttributes = egos.attributes(except: [egoID])
    var position: [String: Int] = [:]
    var study: [PersonalNetwork] = []
    for r in egos.rows.indices {
      let id = try egos.id(r, egoID, "ego id")
      if let first = position[id] {
        throw egos.error(
          r, egoID,
          "the ego id '\(FormatError.excerpt(id))' is used twice (first on line \(egos.lines[first]))"
        )
      }
      position[id] = r
      var attributes: [String: AttributeValue] = [:]
      for c in egoAttributes { if let v = c.values[r] { attributes[c.name] = v } }
      study.append(
        PersonalNetwork(ego: id, egoAttributes: attributes, alters: Network(directed: directed)))
    }

    // Alters.
    let alterID = try alters.required(alterColumn, "alters")
    let alterEgo = try alters.required(egoColumn, "alters")
    let alterAttributes = alters.attributes(except: [alterID, alterEgo])
    let declarations = alterAttributes.map { AttributeDeclaration(name: $0.name, type: $0.type) }
    for i in study.indices { for d in declarations { study[i].alters.declareNodeAttribute(d) } }
    for r in alters.rows.indices {
      let e = try alters.id(r, alterEgo, "ego id")
      let a = try alters.id(r, alterID, "alter id")
      guard let i = position[e] else {
        throw alters.error(
          r, alterEgo, "the ego '\(FormatError.excerpt(e))' is not in the egos table (\(egos.file))"
        )
      }
      var attributes: [String: AttributeValue] = [:]
      for c in alterAttributes { if let v = c.values[r] { attributes[c.name] = v } }
      do { try study[i].alters.addNode(Node(id: a, attributes: attributes)) } catch {
        throw alters.error(
          r, alterID,
          "ego '\(FormatError.excerpt(e))' has the alter '\(FormatError.excerpt(a))' twice")
      }
    }

    // Alter-alter ties.
    let tieEgo = try alterTies.required(egoColumn, "alter-alter ties")
    let source = try alterTies.required(sourceColumn, "alter-alter ties")
    let target = try alterTies.required(targetColumn, "alter-alter ties")
    let trust = alterTies.index(["weight", "trust"])
    let tieAttributes = alterTies.attributes(except: [tieEgo, source, target])
    let tieDeclarations = tieAttributes.map { AttributeDeclaration(name: $0.name, type: $0.type) }
    for i in study.indices { for d in tieDeclarations { study[i].alters.declareTieAttribute(d) } }
    var selfTies = 0
    var repeated = 0
    var pairs = Set<[Int]>()
    for r in alterTies.rows.indices {
      let e = try alterTies.id(r, tieEgo, "ego id")
      guard let i = position[e] else {
        throw alterTies.error(
          r, tieEgo, "the ego '\(FormatError.excerpt(e))' is not in the egos table (\(egos.file))")
      }
      var ends: [Int] = []
      for k in [source, target] {
        let a = try alterTies.id(r, k, k == source ? "source alter" : "target alter")
        guard let v = study[i].alters.index(of: a) else {
          throw alterTies.error(
            r, k,
            "ego '\(FormatError.excerpt(e))' has no alter '\(FormatError.excerpt(a))' in the alters table (\(alters.file))"
          )
        }
        ends.append(v)
      }
      var weight: Double?
      if let t = trust {
        let text = trimmingWhitespace(alterTies.rows[r][t], newlines: true)
        if !text.isEmpty && !GroupAssignment.missingSpellings.contains(text) {
          guard let w = parseDouble(text, decimalComma: alterTies.decimalComma), w.isFinite, w >= 0
          else {
            throw alterTies.error(
              r, t, "the weight '\(FormatError.excerpt(text))' is not a number ≥ 0")
          }
          weight = w
        }
      }
      var attributes: [String: AttributeValue] = [:]
      for c in tieAttributes { if let v = c.values[r] { attributes[c.name] = v } }
      // The measures see each pair of alters once and no alter tied to itself: say so.
      if ends[0] == ends[1] {
        selfTies += 1
      } else {
        let pair =
          directed ? [i, ends[0], ends[1]] : [i, min(ends[0], ends[1]), max(ends[0], ends[1])]
        if !pairs.insert(pair).inserted { repeated += 1 }
      }
      study[i].alters.addTie(
        Tie(source: ends[0], target: ends[1], trust: weight, attributes: attributes))
    }
    var result = PersonalNetworks(study)
    // Answers with several options joined by '|' (as Brobyggare folds Network Canvas's
    // categoricals, and as its study's tables are written): multiple-choice attributes.
    var joined: [String: Int] = [:]
    for p in study {
      for node in p.alters.nodes {
        for (name, value) in node.attributes {
          if case .string(let s) = value, s.contains("|"), multipleChoiceOptions(s).count > 1 {
            joined[name, default: 0] += 1
          }
        }
      }
    }
    for (name, n) in joined.sorted(by: { $0.key < $1.key }) {
      result.multipleChoiceAttributes.insert(name)
      result.readNotes.append(
        "\(n) alter\(n == 1 ? " has" : "s have") several options of '\(name)' joined by '|' (\(alters.file)), read as a multiple-choice answer: the composition measures (groups, Blau, IQV) count such an alter in each option it chose, a 1/m share in each of m"
      )
    }
    if selfTies > 0 {
      result.readNotes.append(
        "\(selfTies) alter-alter tie\(selfTies == 1 ? " ties an alter" : "s tie alters") to \(selfTies == 1 ? "itself" : "themselves") (\(alterTies.file)); the measures leave \(selfTies == 1 ? "it" : "them") out"
      )
    }
    if repeated > 0 {
      result.readNotes.append(
        "\(repeated) alter-alter tie\(repeated == 1 ? " repeats a pair" : "s repeat pairs") already tied (\(alterTies.file)); the measures count each pair once"
      )
    }
    return result
  }

  /// Reads the three tables from CSV files.
  public static func read(
    egos: String, alters: String, alterTies: String, directed: Bool = false,
    encoding: TextEncoding = .utf8
  ) throws(FormatError) -> PersonalNetworks {
    try read(
      egos: Table.csv(Network.load(egos), file: egos, encoding: encoding),
      alters: Table.csv(Network.load(alters), file: alters, encoding: encoding),
      alterTies: Table.csv(Network.load(alterTies), file: alterTies, encoding: encoding),
      directed: directed)
  }

  /// The names the three files of a study folder may have, in the order looked for.
  public static let fileNames = (
    egos: ["egos.csv", "ego.csv"], alters: ["alters.csv", "alteri.csv"],
    alterTies: ["aaties.csv", "alter_ties.csv", "alter-ties.csv", "edges.csv"]
  )

  /// The three files of a study folder (see ``fileNames``); `nil` for a file not there.
  public static func files(inFolder folder: String) -> (
    egos: String?, alters: String?, alterTies: String?
  ) {
    func find(_ names: [String]) -> String? {
      names.map { (folder as NSString).appendingPathComponent($0) }.first {
        FileManager.default.fileExists(atPath: $0)
      }
    }
    return (find(fileNames.egos), find(fileNames.alters), find(fileNames.alterTies))
  }
}
