import Foundation

/// Network Canvas exports (https://networkcanvas.com), read into a study of personal networks.
///
/// Network Canvas (Architect designs a protocol, Interviewer or Fresco runs it) exports every
/// interview session in two forms, and both are read:
///
/// - **The CSV bundle**: per session `<caseID>_<sessionUUID>_ego.csv` (one row, the ego),
///   `…_attributeList_<NodeType>.csv` (one row per alter) and `…_edgeList_<EdgeType>.csv`
///   (one row per alter-alter tie). Rows are joined to their session on the
///   `networkCanvasEgoUUID` column and to each other on `networkCanvasUUID`,
///   `networkCanvasSourceUUID` and `networkCanvasTargetUUID`; never on `nodeID`, which the
///   exporter numbers again at every export (only an edge list without the UUID columns, from
///   an old exporter, is resolved through `from`/`to` and the `nodeID`s of the same export).
/// - **GraphML**: the `nc` namespace, the session's identity in `nc:` attributes of `<graph>`,
///   the ego's answers as graph-level `<data>` (the ego is not a node), variable keys whose ids
///   are codebook UUIDs (read by `attr.name`), and one or several `<graph>` elements per file
///   (one per session).
///
/// What the exporter does to values is undone: a categorical variable exported as one
/// true/false column (or boolean key) per option, `<var>_<option>`, is folded back into one
/// attribute `<var>` (the option chosen; several chosen are joined with `|`; none chosen is a
/// missing value); the text `ENCRYPTED` (an encrypted variable) is a missing value, counted;
/// the `'` the CSV export puts before text starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return (a guard against spreadsheet formulas) is taken off; GraphML's layout keys
/// `<var>_X`/`<var>_Y` are named `<var>_x`/`<var>_y` as in the CSV. Every such decision is
/// said in ``PersonalNetworks/readNotes``.
///
/// Ego-to-alter answers (how close ego is to this person) are on the alter's row, and stay
/// node attributes of the alter. Ties are undirected, as Network Canvas's edges are.
///
/// A study is either personal networks (every session's alters are its own) or roster based
/// (alters are chosen from a roster shared by every session, a roster variable names them, and
/// egos are on the roster too): ``Options/studyProtocol`` says which, or the reader decides from the
/// data when that is unambiguous, and a note says which was used.
///
/// The reader takes a list of named files (``read(files:options:)``), so a folder, a GraphML
/// file and a zip archive all feed the same code.
public enum NetworkCanvasFormat {
  /// The namespace Network Canvas's GraphML declares for its `nc:` attributes.
  public static let namespace = "http://schema.networkcanvas.com/xmlns"

  /// What kind of protocol the sessions come from.
  public enum StudyProtocol: Sendable, Equatable {
    /// Decide from the data: roster based when exactly one variable names roster members (see
    /// ``NetworkCanvasFormat``), else personal networks.
    case detect
    /// Personal networks: each session's alters are its own.
    case personal
    /// Roster based: the alter (and ego) variable that names a roster member.
    case roster(variable: String)
  }

  /// How to read an export.
  public struct Options: Sendable {
    /// Which of the two ways of using Network Canvas the export follows (`detect` tells it).
    public var studyProtocol: StudyProtocol
    /// The categorical variables whose `<var>_<option>` columns to fold; `nil` finds them (runs
    /// of true/false columns that share a prefix). Given, only these are folded.
    public var categoricals: [String]?

    /// Options; by default the protocol is detected and the categoricals found.
    public init(studyProtocol: StudyProtocol = .detect, categoricals: [String]? = nil) {
      self.studyProtocol = studyProtocol
      self.categoricals = categoricals
    }
  }

  /// One input file: its name (a path, or a path inside an archive) and its bytes.
  public typealias InputFile = (name: String, data: Data)

  /// Reads a Network Canvas export: a folder of CSV bundles or GraphML files (searched with its
  /// subfolders), or one GraphML file.
  ///
  /// - Throws: ``FormatError`` naming the file, line and column of the first problem.
  /// - Complexity: O(*s*) in the size of the files.
  public static func read(path: String, options: Options = Options()) throws(FormatError)
    -> PersonalNetworks
  {
    try read(files: files(at: path), options: options)
  }

  /// The files of an export at `path`: the file itself, or every file under a folder (hidden
  /// files and `__MACOSX` left out), sorted by name.
  ///
  /// A zip archive (Interviewer's export) gives the same list: its entries, each as its path
  /// inside the archive and its bytes.
  public static func files(at path: String) throws(FormatError) -> [InputFile] {
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
      throw FormatError(file: path, line: 0, column: 0, "no such file or folder")
    }
    guard isDir.boolValue else {
      guard ZIPArchive.looksLike(Network.head(of: path) ?? Data()) else {
        return [(path, try Network.load(path))]
      }
      let data = try archiveBytes(path)
      // Interviewer's export: a zip archive of the same files, each named by its path inside
      // the archive (`archive.zip/…_ego.csv`), read through the project's ZIP reader and its
      // limits.
      let archive = try ZIPArchive(data: data, file: path)
      var files: [InputFile] = []
      for entry in archive.entries where !entry.isDirectory {
        let parts = entry.name.split(separator: "/")
        if parts.contains(where: { $0.hasPrefix(".") || $0 == "__MACOSX" }) { continue }
        let ext = (entry.name as NSString).pathExtension.lowercased()
        let name = (path as NSString).appendingPathComponent(entry.name)
        guard ext == "csv" || ext == "graphml" || ext == "xml" else {
          files.append((name, Data()))
          continue
        }
        files.append((name, try archive.extract(entry.name) ?? Data()))
      }
      if files.isEmpty {
        throw FormatError(
          file: path, line: 1, column: 1,
          "the zip archive holds no files; expected a Network Canvas export (…_ego.csv, …_attributeList_<Type>.csv, …_edgeList_<Type>.csv, or .graphml)"
        )
      }
      return files.sorted { $0.name < $1.name }
    }
    var names: [String] = []
    if let walker = FileManager.default.enumerator(atPath: path) {
      while let next = walker.nextObject() as? String {
        let parts = next.split(separator: "/")
        if parts.contains(where: { $0.hasPrefix(".") || $0 == "__MACOSX" }) { continue }
        let full = (path as NSString).appendingPathComponent(next)
        var sub: ObjCBool = false
        if FileManager.default.fileExists(atPath: full, isDirectory: &sub), !sub.boolValue {
          names.append(full)
        }
      }
    }
    var files: [InputFile] = []
    for name in names.sorted() {
      let ext = (name as NSString).pathExtension.lowercased()
      guard ext == "csv" || ext == "graphml" || ext == "xml" else {
        files.append((name, Data()))
        continue
      }
      files.append((name, try Network.load(name)))
    }
    if files.isEmpty {
      throw FormatError(
        file: path, line: 1, column: 1,
        "the folder holds no files; expected a Network Canvas export (…_ego.csv, …_attributeList_<Type>.csv, …_edgeList_<Type>.csv, or .graphml)"
      )
    }
    return files
  }

  /// The bytes of a zip archive, up to the most an export may be (500 MiB, as a workbook's
  /// entries may inflate to in all).
  static func archiveBytes(_ path: String) throws(FormatError) -> Data {
    let most = ZIPArchive.Limits().totalBytes
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw FormatError(file: path, line: 0, column: 0, "the file cannot be read")
    }
    defer { try? handle.close() }
    guard let data = try? handle.read(upToCount: most + 1) else {
      throw FormatError(file: path, line: 0, column: 0, "the file cannot be read")
    }
    guard data.count <= most else {
      throw FormatError(
        file: path, line: 1, column: 1, "the archive is larger than \(most) bytes, the most read")
    }
    return data
  }

  /// Whether `path` is a Network Canvas export: a folder holding an `…_ego.csv` file or a
  /// GraphML file in the `nc` namespace (in it or a subfolder), or such a GraphML file.
  public static func isExport(path: String) -> Bool {
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { return false }
    if !isDir.boolValue {
      let head = Network.head(of: path) ?? Data()
      if ZIPArchive.looksLike(head), path.lowercased().hasSuffix(".zip"),
        let data = try? archiveBytes(path), let archive = try? ZIPArchive(data: data, file: path)
      {
        return archive.entries.contains { e in
          let lower = e.name.lowercased()
          return lower.hasSuffix("_ego.csv")
            || (lower.hasSuffix(".graphml")
              && (try? archive.extract(e.name)).flatMap { $0 }.map(isNetworkCanvasGraphML) == true)
        }
      }
      return isNetworkCanvasGraphML(head)
    }
    guard let walker = FileManager.default.enumerator(atPath: path) else { return false }
    var seen = 0
    while let next = walker.nextObject() as? String, seen < 10_000 {
      seen += 1
      let lower = next.lowercased()
      if lower.hasSuffix("_ego.csv") { return true }
      if lower.hasSuffix(".graphml"),
        isNetworkCanvasGraphML(
          Network.head(of: (path as NSString).appendingPathComponent(next)) ?? Data())
      {
        return true
      }
    }
    return false
  }

  /// Whether the first bytes of a GraphML file declare Network Canvas's namespace.
  static func isNetworkCanvasGraphML(_ head: Data) -> Bool {
    let text = String(decoding: head.prefix(4096), as: UTF8.self)
    return text.contains("<graphml") && text.contains(namespace)
  }

  /// Reads a Network Canvas export from its files: the CSV bundle's files and GraphML files, by
  /// name (other files are left out, with a note). When both forms are present (the exporter
  /// writes both when asked), the CSV is read and the GraphML files are left out, with a note.
  ///
  /// This is where a zip archive's entries come in: pass each entry's path and bytes.
  ///
  /// - Throws: ``FormatError`` naming the file, line and column of the first problem.
  public static func read(files: [InputFile], options: Options = Options()) throws(FormatError)
    -> PersonalNetworks
  {
    var reading = Reading(options: options)
    var csvFiles: [InputFile] = []
    var graphMLFiles: [InputFile] = []
    var others: [String] = []
    for f in files {
      let base = (f.name as NSString).lastPathComponent
      let lower = base.lowercased()
      if lower.hasSuffix(".csv"), CSVBundleFile.kind(of: base) != nil {
        csvFiles.append(f)
      }
      // In a folder, only GraphML in Network Canvas's namespace is a session; a file named
      // on its own is read as one whatever it declares.
      else if (lower.hasSuffix(".graphml") || lower.hasSuffix(".xml"))
        && (files.count == 1 || isNetworkCanvasGraphML(f.data))
      {
        graphMLFiles.append(f)
      } else {
        others.append(base)
      }
    }
    if csvFiles.isEmpty && graphMLFiles.isEmpty {
      throw FormatError(
        file: files.first?.name ?? "<input>", line: 1, column: 1,
        "no Network Canvas files here; expected …_ego.csv, …_attributeList_<Type>.csv and …_edgeList_<Type>.csv files, or GraphML"
      )
    }
    if !csvFiles.isEmpty {
      try reading.readCSVBundle(csvFiles)
      if !graphMLFiles.isEmpty {
        reading.notes.append(
          "read the CSV files; left out \(graphMLFiles.count) GraphML file\(graphMLFiles.count == 1 ? "" : "s") beside them (\(FormatError.list(graphMLFiles.map { ($0.name as NSString).lastPathComponent }))), which the export writes with the same sessions"
        )
      }
    } else {
      for f in graphMLFiles { try reading.readGraphML(f) }
    }
    if !others.isEmpty {
      reading.notes.append(
        "left out \(others.count) file\(others.count == 1 ? "" : "s") that \(others.count == 1 ? "is" : "are") not part of a Network Canvas export: \(FormatError.list(others))"
      )
    }
    return try reading.finish()
  }
}

// MARK: Reading

extension NetworkCanvasFormat {
  /// One session as read, before the study is put together.
  struct Session {
    var egoUUID: String
    var caseID: String?
    var sessionID: String?
    var egoAttributes: [String: AttributeValue]
    /// Where the session was read, for messages.
    var file: String
    var line: Int
    var alters: Network
  }

  /// The state of one reading: the sessions, the counts the notes report.
  struct Reading {
    var options: Options
    var sessions: [Session] = []
    var sessionByEgo: [String: Int] = [:]
    var notes: [String] = []
    var encrypted = 0
    var encryptedVariables = Set<String>()
    var guards = 0
    var folded: [String: [String]] = [:]  // variable → options, in the order first seen
    var foldedWhere: [String] = []
    var unanswered = 0
    // Whether a fold was read from CSV column names, which cannot tell options from questions.
    var foldedFromCSV = false
    var several = 0
    var layoutRenamed = Set<String>()
    /// Bytes read to find the lines of sessions in GraphML files: at most the files' sizes
    /// (a test holds it to that; it was once the size times the sessions).
    var locatedBytes = 0

    init(options: Options) { self.options = options }

    /// A value as the export wrote it, made plain: `ENCRYPTED` is missing (counted), the
    /// formula guard is taken off (counted), the empty text is missing.
    mutating func plain(
      _ text: String, variable: String, guarded: Bool = true, keepsEncrypted: Bool = false
    ) -> String? {
      if text.isEmpty { return nil }
      if text == "ENCRYPTED", !keepsEncrypted {
        encrypted += 1
        encryptedVariables.insert(variable)
        return nil
      }
      if guarded, text.hasPrefix("'"), let second = text.dropFirst().first,
        "=+-@\t\r".contains(second)
      {
        guards += 1
        return String(text.dropFirst())
      }
      return text
    }

    mutating func addSession(_ s: Session, otherFile: String?) throws(FormatError) {
      if let i = sessionByEgo[s.egoUUID] {
        let first = sessions[i]
        throw FormatError(
          file: s.file, line: s.line, column: 1,
          "the ego UUID '\(FormatError.excerpt(s.egoUUID))' is also the ego of \(first.file) (line \(first.line)); every session's ego has its own networkCanvasEgoUUID, so the same session was exported twice or two exports were mixed"
        )
      }
      sessionByEgo[s.egoUUID] = sessions.count
      sessions.append(s)
    }

    /// Folds the options of categorical variables, in a table's header order: the groups of
    /// columns (`names`, with their boolean values in `values`) that are one variable each.
    /// `isBoolean` says which columns hold only true/false; `place` says where a column is
    /// declared, for messages.
    func categoricalGroups(
      _ names: [String], isBoolean: [Bool], place: (Int) -> (file: String, line: Int, column: Int)
    ) throws(FormatError)
      -> [(variable: String, columns: [Int], options: [String])]
    {
      var groups: [(String, [Int], [String])] = []
      let present = Set(names)
      if let asked = options.categoricals {
        for v in asked {
          let cols = names.indices.filter {
            names[$0].hasPrefix(v + "_") && names[$0].count > v.count + 1
          }
          if cols.isEmpty { continue }
          if let bad = cols.first(where: { !isBoolean[$0] }) {
            let at = place(bad)
            throw FormatError(
              file: at.file, line: at.line, column: at.column,
              "the categorical variable '\(FormatError.excerpt(v))' was named, but its column '\(FormatError.excerpt(names[bad]))' holds values other than true and false"
            )
          }
          groups.append((v, cols, cols.map { String(names[$0].dropFirst(v.count + 1)) }))
        }
        return groups
      }
      var k = 0
      while k < names.count {
        guard isBoolean[k] else {
          k += 1
          continue
        }
        let name = names[k]
        // Each prefix ending before an underscore, shortest first, with the run of boolean
        // columns from k that share it.
        var candidates: [(prefix: String, count: Int)] = []
        var index = name.startIndex
        while let u = name[index...].firstIndex(of: "_") {
          let prefix = String(name[..<u])
          if !prefix.isEmpty, name.index(after: u) < name.endIndex {
            var m = 0
            while k + m < names.count, isBoolean[k + m], names[k + m].hasPrefix(prefix + "_"),
              names[k + m].count > prefix.count + 1
            { m += 1 }
            if m >= 2 { candidates.append((prefix, m)) }
          }
          index = name.index(after: u)
        }
        guard let first = candidates.first else {
          k += 1
          continue
        }
        if let other = candidates.first(where: { $0.count != first.count }) {
          let a = names[k..<(k + first.count)]
          let b = names[k..<(k + other.count)]
          let at = place(k)
          throw FormatError(
            file: at.file, line: at.line, column: at.column,
            "the true/false columns \(FormatError.list(a, quoted: true)) can be read as the options of a categorical '\(FormatError.excerpt(first.prefix))', or \(FormatError.list(b, quoted: true)) as those of '\(FormatError.excerpt(other.prefix))'; name the categorical variables (the categoricals option) to say which"
          )
        }
        if present.contains(first.prefix) {
          let at = place(k)
          throw FormatError(
            file: at.file, line: at.line, column: at.column,
            "the true/false columns \(FormatError.list(names[k..<(k + first.count)], quoted: true)) look like the options of a categorical '\(FormatError.excerpt(first.prefix))', but a column '\(FormatError.excerpt(first.prefix))' exists too; name the categorical variables (the categoricals option) to say which columns are options"
          )
        }
        let cols = Array(k..<(k + first.count))
        groups.append(
          (first.prefix, cols, cols.map { String(names[$0].dropFirst(first.prefix.count + 1)) }))
        k += first.count
      }
      return groups
    }

    /// The value of a folded categorical from its options' true/false values (nil: missing).
    mutating func foldedValue(_ options: [String], _ values: [Bool?]) -> AttributeValue? {
      let chosen = zip(options, values).filter { $0.1 == true }.map(\.0)
      if chosen.isEmpty {
        if values.contains(where: { $0 != nil }) { unanswered += 1 }
        return nil
      }
      if chosen.count > 1 { several += 1 }
      return .string(chosen.joined(separator: "|"))
    }

    mutating func recordFold(
      _ variable: String, _ opts: [String], in kind: String, fromCSV: Bool = false
    ) {
      if fromCSV { foldedFromCSV = true }
      if folded[variable] == nil {
        folded[variable] = opts
        foldedWhere.append("'\(variable)' (\(kind): \(FormatError.list(opts)))")
      } else {
        for o in opts where !folded[variable]!.contains(o) { folded[variable]!.append(o) }
      }
    }

    /// The study: the sessions with their ego ids, the protocol decided, and the notes.
    mutating func finish() throws(FormatError) -> PersonalNetworks {
      guard !sessions.isEmpty else {
        throw FormatError(
          file: "<input>", line: 1, column: 1,
          "no session was found; expected an …_ego.csv file or a <graph> per session")
      }
      // Ego ids: the case ids when they are unique, else the session (ego) UUIDs.
      let cases = sessions.map { $0.caseID ?? "" }
      let unique = !cases.contains("") && Set(cases).count == cases.count
      if !unique {
        notes.append(
          "the case ids are not unique (or some are missing), so each ego is named by its networkCanvasEgoUUID"
        )
      }
      var study = PersonalNetworks(
        sessions.map { s in
          PersonalNetwork(
            ego: unique ? s.caseID! : s.egoUUID, egoAttributes: s.egoAttributes, alters: s.alters)
        })
      study.multipleChoiceAttributes = Set(folded.keys)
      let alterCount = sessions.reduce(0) { $0 + $1.alters.nodeCount }
      let tieCount = sessions.reduce(0) { $0 + $1.alters.tieCount }
      notes.insert(
        "read \(sessions.count) session\(sessions.count == 1 ? "" : "s") (one ego each) with \(alterCount) alter\(alterCount == 1 ? "" : "s") and \(tieCount) alter-alter tie\(tieCount == 1 ? "" : "s"); sessions joined on networkCanvasEgoUUID and alters on networkCanvasUUID, never on nodeID",
        at: 0)
      if !foldedWhere.isEmpty {
        notes.append(
          "folded \(foldedWhere.count) categorical variable\(foldedWhere.count == 1 ? "" : "s") exported as one true/false column per option back into one attribute each: \(foldedWhere.joined(separator: "; "))"
            + (unanswered > 0
              ? "; \(unanswered) value\(unanswered == 1 ? "" : "s") with no option chosen \(unanswered == 1 ? "is" : "are") missing"
              : "")
            + (foldedFromCSV
              ? "; the CSV export cannot tell a categorical's options from true/false questions whose names share a prefix: if these were asked as separate questions, read the GraphML export, whose keys tell them apart"
              : "")
            + (several > 0
              ? "; \(several) with several options chosen \(several == 1 ? "has" : "have") them joined by '|', and the composition measures (groups, Blau, IQV) count such an alter in each option it chose, a 1/m share in each of m"
              : ""))
      }
      // Sessions of several protocols are one study here: what one protocol's measures would
      // be is not what the pooled ones are (categories counted across both, say).
      var protocols: [String] = []
      var sessionsOf: [String: Int] = [:]
      for s in sessions {
        guard let name = s.egoAttributes["networkCanvasProtocolName"]?.description else {
          continue
        }
        if sessionsOf[name] == nil { protocols.append(name) }
        sessionsOf[name, default: 0] += 1
      }
      if protocols.count > 1 {
        notes.append(
          "the sessions come from \(protocols.count) protocols (\(protocols.map { "'\($0)': \(sessionsOf[$0]!) session\(sessionsOf[$0]! == 1 ? "" : "s")" }.joined(separator: ", "))), read together as one study: their variables are pooled, an option is one category across them (and IQV counts the categories of all), so give one protocol's files for the measures of one"
        )
      }
      if encrypted > 0 {
        notes.append(
          "\(encrypted) value\(encrypted == 1 ? "" : "s") exported as ENCRYPTED (\(FormatError.list(encryptedVariables.sorted()))) \(encrypted == 1 ? "is" : "are") kept as missing"
        )
      }
      if guards > 0 {
        notes.append(
          "took the spreadsheet-formula guard (a leading ') off \(guards) value\(guards == 1 ? "" : "s") that begin with =, +, -, @, a tab or a carriage return"
        )
      }
      if !layoutRenamed.isEmpty {
        notes.append(
          "named the layout keys \(FormatError.list(layoutRenamed.sorted().flatMap { [$0 + "_X", $0 + "_Y"] })) with lower-case _x and _y, as the CSV export names them"
        )
      }
      // The protocol.
      switch options.studyProtocol {
      case .personal:
        notes.append("read as personal networks, as asked")
      case .roster(let v):
        let missing = study.egos.reduce(0) {
          $0 + $1.alters.nodes.filter { $0.attributes[v] == nil }.count
        }
        if !study.egos.contains(where: { $0.alters.nodeAttributes.contains { $0.name == v } }) {
          throw FormatError(
            file: sessions[0].file, line: 1, column: 1,
            "no alter has the roster variable '\(FormatError.excerpt(v))'; the alters' variables are: \(FormatError.list(Set(study.egos.flatMap { $0.alters.nodeAttributes.map(\.name) }).sorted()))"
          )
        }
        // One person is named once in a session: a roster value on two alters of one session
        // would make them one node and lose what was said of each.
        for (k, p) in study.egos.enumerated() {
          var seen: [String: String] = [:]
          for n in p.alters.nodes {
            guard let value = n.attributes[v]?.description else { continue }
            if let first = seen[value] {
              throw FormatError(
                file: k < sessions.count ? sessions[k].file : sessions[0].file, line: 1, column: 1,
                "in the session of ego '\(FormatError.excerpt(p.ego))', the roster value '\(FormatError.excerpt(value))' of '\(FormatError.excerpt(v))' names two alters ('\(FormatError.excerpt(first))' and '\(FormatError.excerpt(n.label))'); a roster member is named once in a session, so these would be one person"
              )
            }
            seen[value] = n.label
          }
        }
        study.rosterVariable = v
        notes.append(
          "read as a roster-based protocol, as asked: the variable '\(v)' names the same person in every session"
            + (missing > 0
              ? "; \(missing) alter\(missing == 1 ? " has" : "s have") no '\(v)' and \(missing == 1 ? "is its" : "are their") own node\(missing == 1 ? "" : "s")"
              : ""))
      case .detect:
        let found = Self.rosterCandidates(study)
        if found.count == 1 {
          study.rosterVariable = found[0]
          notes.append(
            "read as a roster-based protocol, found from the data: the variable '\(found[0])' is on every alter and every ego, and names people in several sessions (--roster none reads them as personal networks)"
          )
        } else if found.count > 1 {
          notes.append(
            "read as personal networks: the variables \(FormatError.list(found, quoted: true)) could each name roster members, so none was taken (--roster VARIABLE names one, to read the study as one roster-based network)"
          )
        } else {
          notes.append(
            "read as personal networks: no variable names the same people across sessions, as a roster-based protocol's would (--roster VARIABLE names one)"
          )
        }
      }
      study.readNotes = notes
      return study
    }

    /// Variables that name roster members: on every alter and every ego, distinct within a
    /// session and among egos, with some ego named by another, and either each value named in
    /// two sessions on average, or at least half the egos named by others and at least half
    /// the values named in two sessions or more (a roster with people not interviewed).
    static func rosterCandidates(_ study: PersonalNetworks) -> [String] {
      guard study.count > 1,
        let firstWithAlters = study.egos.first(where: { $0.alters.nodeCount > 0 })
      else { return [] }
      var found: [String] = []
      for decl in firstWithAlters.alters.nodeAttributes
      where !["label", "networkCanvasType", "networkCanvasUUID"].contains(decl.name) {
        let v = decl.name
        var ok = true
        var sessionsNaming: [String: Int] = [:]
        var egoValues = Set<String>()
        for p in study.egos {
          guard let e = p.egoAttributes[v]?.description, egoValues.insert(e).inserted else {
            ok = false
            break
          }
          var inSession = Set<String>()
          for n in p.alters.nodes {
            guard let a = n.attributes[v]?.description, inSession.insert(a).inserted else {
              ok = false
              break
            }
            sessionsNaming[a, default: 0] += 1
          }
          if !ok { break }
        }
        // A roster's members are named again and again (on average at least twice); names in
        // personal networks mostly once. A sparse roster with people not interviewed (named
        // once or twice each) shows itself otherwise: most egos are named in other sessions,
        // and most of those named are named in more than one.
        let rows = sessionsNaming.values.reduce(0, +)
        let egosNamed = egoValues.filter { sessionsNaming[$0] != nil }.count
        let namedAgain = sessionsNaming.values.filter { $0 >= 2 }.count
        guard ok, egosNamed > 0,
          sessionsNaming.count * 2 <= rows
            || (egosNamed * 2 >= egoValues.count && namedAgain * 2 >= sessionsNaming.count)
        else { continue }
        found.append(v)
      }
      return found
    }
  }
}

extension PersonalNetworks {
  /// Reads a Network Canvas export: a folder of CSV bundles or GraphML files, or a GraphML file
  /// with one `<graph>` per session (see ``NetworkCanvasFormat``).
  ///
  /// - Throws: ``FormatError`` naming the file, line and column of the first problem.
  public init(
    networkCanvas path: String, options: NetworkCanvasFormat.Options = NetworkCanvasFormat.Options()
  ) throws(FormatError) {
    self = try NetworkCanvasFormat.read(path: path, options: options)
  }
}
