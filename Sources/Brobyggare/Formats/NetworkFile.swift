import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reading and writing networks by file name.
extension Network {
  /// Options for formats that do not say everything themselves.
  public struct ReadOptions: Sendable {
    /// Direction for CSV and edge lists. `nil` (the default): a CSV table's `type` column
    /// decides, and a table without one or an edge list is read as directed, as interview
    /// nominations are. `true` or `false` when a `type` column says otherwise is an error.
    public var directed: Bool?
    /// A node table to read with a CSV tie table. When `nil`, a file beside the tie table named
    /// like it with `.nodes.csv` (`net.csv` → `net.nodes.csv`) is read if it exists.
    public var nodeTable: String?
    /// The format; `nil` chooses by extension.
    public var format: NetworkFormat?
    /// Which graph of a file that holds several (DOT), from 1.
    public var graph: Int = 1
    /// The encoding of CSV tables and edge lists (GraphML declares its own; DOT and JSON are
    /// UTF-8). Default: UTF-8.
    public var encoding: TextEncoding
    /// Column names of CSV tables in place of the usual ones.
    public var columns: CSVFormat.Columns
    /// For a Network Canvas export: make each ego a node tied to its alters (see
    /// ``PersonalNetworks/network(egoAsNode:egoTieAttributes:)``). Default: egos are not nodes.
    public var egoAsNode = false
    /// For a Network Canvas export: how to read it (a roster variable, or personal networks).
    public var networkCanvas = NetworkCanvasFormat.Options()
    /// The sheet of an Excel workbook that holds the ties; `nil` chooses (see ``XLSXFormat``).
    public var sheet: String?
    /// The sheet of an Excel workbook that holds the nodes; `nil` chooses (see ``XLSXFormat``).
    public var nodesSheet: String?
    /// For a signed network (a negative trust is distrust): read the ties of this sign only
    /// (see ``TieSign``), with a note in ``Network/readNotes`` of how many were left out.
    /// `nil` (the default): a negative trust is an error.
    public var sign: TieSign?
    /// Options; every one left out takes its default.
    public init(
      directed: Bool? = nil, nodeTable: String? = nil, format: NetworkFormat? = nil,
      encoding: TextEncoding = .utf8, columns: CSVFormat.Columns = CSVFormat.Columns()
    ) {
      self.directed = directed
      self.nodeTable = nodeTable
      self.format = format
      self.encoding = encoding
      self.columns = columns
    }
  }

  /// The node table that goes with a CSV tie table: `net.csv` → `net.nodes.csv`.
  public static func companionNodeTable(for path: String) -> String {
    let ns = path as NSString
    // Without an extension the table is still a CSV file: `net` → `net.nodes.csv`.
    return ns.deletingPathExtension + ".nodes."
      + (ns.pathExtension.isEmpty ? "csv" : ns.pathExtension)
  }

  /// Reads a network from a file.
  ///
  /// The format comes from `options` or else the extension; a file whose content plainly says
  /// another format is read as what it is, with a note in ``readNotes``. A Network Canvas export
  /// (a folder, or GraphML in its namespace) is read as one network of its study.
  ///
  /// - Parameters:
  ///   - path: the file (or Network Canvas export folder).
  ///   - options: what the format does not say itself: direction, node table, encoding,
  ///     columns, sheets.
  /// - Throws: ``FormatError`` with the file, line and column of the first problem.
  public init(contentsOf path: String, options: ReadOptions = ReadOptions()) throws(FormatError) {
    if let sign = options.sign {
      self = try Network.readingSigned(path, sign: sign, options: options)
      return
    }
    // A Network Canvas export (a folder of its files, or GraphML in its namespace) is a study of
    // personal networks, read as one network: its reader keeps the ego out of the nodes (or
    // puts it in, as asked), where the GraphML reader would read one session's alters only.
    if options.format == nil || options.format == .graphml, NetworkCanvasFormat.isExport(path: path)
    {
      self = try PersonalNetworks(networkCanvas: path, options: options.networkCanvas).network(
        egoAsNode: options.egoAsNode)
      return
    }
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
      throw FormatError(
        file: path, line: 0, column: 0,
        "this is a folder, and not a Network Canvas export (it holds no …_ego.csv and no GraphML in Network Canvas's namespace); expected a network file"
      )
    }
    // A packed network (`brobyggare pack`) is told by its extension or its first bytes.
    if options.format == nil, PackedNetwork.isPacked(path: path) {
      self = try Network.readPacked(path, options: options)
      return
    }
    guard var format = options.format ?? NetworkFormat(path: path) else {
      let ext = (path as NSString).pathExtension
      if ["xls", "ods", "numbers"].contains(ext.lowercased()) {
        throw FormatError(
          file: path, line: 0, column: 0,
          "a .\(ext) spreadsheet is not read; save it as an Excel workbook (.xlsx) or as CSV")
      }
      throw FormatError(
        file: path, line: 0, column: 0,
        "cannot tell the format from \(ext.isEmpty ? "a name without an extension" : "the extension '.\(ext)'"); expected \(NetworkFormat.extensionList) (or name the format with --input-format)"
      )
    }
    // A file whose content plainly says another format (GraphML saved as .txt, say) is read as
    // what it is, with a note; a format named on purpose is taken as named.
    var notes: [String] = []
    if options.format == nil, let head = Network.head(of: path),
      let actual = NetworkFormat.sniff(head, claimed: format)
    {
      notes.append(
        "the content is \(actual.title), not \(format.title) as the extension says; read as \(actual.title)"
      )
      format = actual
    }
    // A Pajek partition or vector (`--nodes FILE.clu`) is a node attribute of its own.
    var options = options
    var values: String?
    if let n = options.nodeTable,
      ["clu", "vec"].contains((n as NSString).pathExtension.lowercased())
    {
      values = n
      options.nodeTable = nil
    }
    var network: Network
    do {
      network = try Network.read(path, as: format, options: options)
    } catch {
      // Refused by the extension's reader: when the start of the file looks like another
      // format, the message says which and how to read it so (nothing is read as another
      // format without being asked, but for the unmistakable ones above).
      throw options.format == nil
        ? Network.namingTheContent(error, path: path, claimed: format) : error
    }
    // Tables and edge lists do not always say their direction: when nothing did, say the default.
    if format == .csv || format == .edgelist || format == .xlsx, options.directed == nil,
      network.isDirected,
      !network.readNotes.contains(where: { $0.contains("directed") })
    {
      network.readNotes.append(
        "read as directed, since the file does not say (a type column would, as Gephi writes it); --undirected reads it as undirected"
      )
    }
    // Formats that say their direction keep it: --undirected (for tables, edge lists and DL)
    // asked for another, which is said rather than passed over.
    if options.directed == false, network.isDirected {
      network.readNotes.append(
        "the file says its ties are directed, and they are read so: --undirected is for CSV tables, workbooks, edge lists and DL files, which may not say"
      )
    }
    if let values {
      let name = ((values as NSString).lastPathComponent as NSString).deletingPathExtension
      try PajekFormat.readNodeValues(Network.load(values), file: values, into: &network, name: name)
    }
    network.readNotes.insert(contentsOf: notes, at: 0)
    // A file written with one sign of a signed network (`convert --sign`) says which.
    if case .string(let written)? = network.attributes["tie_sign"],
      let sign = TieSign(rawValue: written)
    {
      network.tieSign = sign
      network.readNotes.append(
        sign == .negative
          ? "the file holds the negative ties of a signed network (its attribute tie_sign is negative): each trust is the size of a distrust, and the measures read them as ties of that strength"
          : "the file holds the positive ties of a signed network (its attribute tie_sign is positive)"
      )
    }
    self = network
  }

  /// Reads a file in a format known to be its own.
  static func read(_ path: String, as format: NetworkFormat, options: ReadOptions)
    throws(FormatError) -> Network
  {
    if format != .csv, format != .xlsx, options.columns != CSVFormat.Columns() {
      throw FormatError(
        file: path, line: 1, column: 1,
        "column names were given, but this is read as \(format.rawValue), which has no columns; they are for CSV tables and Excel workbooks"
      )
    }
    if format != .xlsx, options.sheet != nil || options.nodesSheet != nil {
      throw FormatError(
        file: path, line: 1, column: 1,
        "a sheet was named, but this is read as \(format.rawValue), which has no sheets; --sheet and --nodes-sheet are for Excel workbooks"
      )
    }
    if format != .csv, format != .edgelist, options.encoding != .utf8 {
      throw FormatError(
        file: path, line: 1, column: 1,
        "an encoding (\(options.encoding.rawValue)) was given, but this is read as \(format.rawValue); the encoding is for CSV tables and edge lists (GraphML declares its own, DOT and JSON are UTF-8)"
      )
    }
    switch format {
    case .csv:
      var nodesPath = options.nodeTable
      let companion = Network.companionNodeTable(for: path)
      if nodesPath == nil, !path.hasSuffix(".nodes.csv"),
        FileManager.default.fileExists(atPath: companion)
      {
        nodesPath = companion
      }
      // Gephi's other CSV layouts: an adjacency matrix (the header's first cell empty), and an
      // adjacency list (no header, rows of different lengths).
      if nodesPath == nil, let head = Network.head(of: path),
        let line = String(decoding: head, as: UTF8.self).split(whereSeparator: \.isNewline).first,
        let first = line.first(where: { $0 == "," || $0 == ";" || $0 == "\t" || !$0.isWhitespace }),
        first == "," || first == ";" || first == "\t",
        let matrix = try CSVFormat.adjacencyMatrix(
          decodeText(Network.load(path), file: path), file: path)
      {
        return matrix
      }
      do {
        return try CSVFormat.read(
          contentsOf: path, nodeTable: nodesPath, directed: options.directed,
          encoding: options.encoding, columns: options.columns)
      } catch {
        if nodesPath == nil, error.message.contains("fields; the header has"),
          let list = try? CSVFormat.adjacencyList(
            decodeText(Network.load(path), file: path), file: path)
        {
          return list
        }
        throw error
      }
    case .edgelist:
      // KONECT's first line says the direction: `% sym` undirected, `% asym` or `% bip` directed;
      // SNAP's says `# Directed graph ...` or `# Undirected graph ...`.
      var directed = options.directed
      var note: String?
      if let head = Network.head(of: path),
        let first = String(decoding: head, as: UTF8.self).split(whereSeparator: \.isNewline).first,
        first.hasPrefix("%") || first.hasPrefix("#")
      {
        let konect = first.hasPrefix("%")
        let words = first.dropFirst().split(whereSeparator: \.isWhitespace).map { $0.lowercased() }
        let says: Bool?
        if konect {
          says =
            words.first == "sym"
            ? false : (words.first == "asym" || words.first == "bip") ? true : nil
        } else {
          says =
            words.count >= 2
              && (words[1] == "graph" || words[1].hasPrefix("graph:")
                || words[1].hasPrefix("graph("))
            ? (words[0] == "directed" ? true : words[0] == "undirected" ? false : nil) : nil
        }
        let header = trimmingWhitespace(String(first.prefix(80)), newlines: true)
        let tool = konect ? "KONECT" : "SNAP"
        if let says {
          if let asked = options.directed, asked != says {
            throw FormatError(
              file: path, line: 1, column: 1,
              "the \(tool) header '\(header)' says the ties are \(says ? "directed" : "undirected"), but --undirected asks for \(asked ? "directed" : "undirected") ties; leave it out"
            )
          }
          directed = says
          note =
            "read as \(says ? "directed" : "undirected"), as the \(tool) header '\(header)' says"
        }
      }
      var network = try EdgeListFormat.read(
        contentsOf: path, directed: directed ?? true, encoding: options.encoding)
      if let note { network.readNotes.append(note) }
      return network
    case .graphml: return try GraphMLFormat.read(contentsOf: path)
    case .dot: return try DOTFormat.read(Network.load(path), file: path, graph: options.graph)
    case .json:
      return try NodeLinkFormat.read(
        Network.load(path), file: path, directed: options.directed == false ? false : nil)
    case .ucinet:
      return try UCINETFormat.read(Network.load(path), file: path, directed: options.directed)
    case .gexf: return try GEXFFormat.read(contentsOf: path)
    case .gml: return try GMLFormat.read(Network.load(path), file: path)
    case .pajek: return try PajekFormat.read(Network.load(path), file: path)
    case .xlsx:
      return try XLSXFormat.read(
        contentsOf: path, sheet: options.sheet, nodesSheet: options.nodesSheet,
        directed: options.directed,
        columns: options.columns)
    }
  }

  /// `error` with a hint added when the start of the file at `path` looks like a format other
  /// than `claimed` (GML saved as `.graphml`, Pajek as `.txt`): that format's name and the
  /// `--input-format` that reads it.
  static func namingTheContent(_ error: FormatError, path: String, claimed: NetworkFormat)
    -> FormatError
  {
    // An error in another file (a node table) says nothing of this one's content.
    guard error.file == path, let data = head(of: path) else { return error }
    let text = String(decoding: data.prefix(1024), as: UTF8.self)
    if claimed.looksLike(text) == true { return error }
    // GML before DOT: both may begin with the word "graph".
    let candidates: [NetworkFormat] = [.graphml, .gexf, .json, .gml, .pajek, .ucinet, .dot]
    guard
      let other = candidates.first(where: {
        $0 != claimed && $0.looksLike(text) == true && plainly($0, text)
      })
    else { return error }
    var hinted = error
    hinted.message +=
      "; the start of the file looks like \(other.title), not \(claimed.title) as the extension says: --input-format \(other.rawValue) reads it as \(other.title)"
    return hinted
  }

  /// Whether `text` opens as `format` beyond doubt, for a hint: JSON an object with a member
  /// or an array of values (not a CSV header such as `[Source],[Target]`), DOT a graph whose
  /// body opens before the first tie (not an edge list starting with the word `graph`).
  static func plainly(_ format: NetworkFormat, _ text: String) -> Bool {
    let t = Substring(text).drop { $0.isWhitespace || $0 == "\u{FEFF}" }
    switch format {
    case .json:
      guard let open = t.first else { return false }
      let next = t.dropFirst().drop(while: \.isWhitespace).first
      return open == "{"
        ? next == "\"" || next == "}" : next.map { "{[\"]".contains($0) } ?? false
    case .dot:
      return t.prefixMatch(
        of: #/(?i)(strict\s+)?(di)?graph(\s+("[^"]*"|[A-Za-z_0-9.]+))?\s*\{/#) != nil
    default:
      return true
    }
  }

  /// The first kilobyte of a file, to tell its format by its content; `nil` when it cannot be read.
  static func head(of path: String) -> Data? {
    // Only a regular file: reading the start of a pipe would take it from the reader.
    var st = stat()
    guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    return try? handle.read(upToCount: 1024)
  }

  /// The bytes of an input file; a missing file, a folder or an unreadable file is a
  /// ``FormatError`` naming it.
  public static func load(_ path: String) throws(FormatError) -> Data {
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
      throw FormatError(file: path, line: 0, column: 0, "no such file")
    }
    guard !isDir.boolValue else {
      throw FormatError(file: path, line: 0, column: 0, "this is a folder; expected a file")
    }
    // Read through a handle, so that a pipe (`<(...)`, /dev/stdin) reads as a file does.
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw FormatError(file: path, line: 0, column: 0, "the file cannot be read")
    }
    defer { try? handle.close() }
    // A block at a time, stopping at a NUL: a binary file (or /dev/zero) is refused at once
    // rather than read whole.
    var data = Data()
    while true {
      let block: Data
      do { block = try handle.read(upToCount: 1 << 20) ?? Data() } catch {
        throw FormatError(file: path, line: 0, column: 0, "the file cannot be read")
      }
      if block.isEmpty { return data }
      if let nul = block.firstIndex(of: 0) {
        let before = data + block[block.startIndex..<nul]
        let line = before.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let column = before.count - (before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) + 1
        // UTF-16 text has NULs in it (every other byte for ASCII, with a byte-order mark or not):
        // the reader decodes it, or says how to.
        let head = Array((data.isEmpty ? block : data).prefix(64))
        let evenNULs = stride(from: 0, to: head.count, by: 2).filter { head[$0] == 0 }.count
        let oddNULs = stride(from: 1, to: head.count, by: 2).filter { head[$0] == 0 }.count
        let utf16 =
          head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF])
          || (evenNULs * 4 >= head.count && oddNULs == 0)
          || (oddNULs * 4 >= head.count && evenNULs == 0)
        if !utf16 {
          throw FormatError(
            file: path, line: line, column: column, "the file contains a NUL byte; expected text")
        }
      }
      data.append(block)
    }
  }

  /// The network written in a format, as files: one for most formats; for CSV the tie table
  /// and, beside it, the node table (`net.csv` and `net.nodes.csv`).
  ///
  /// - Throws: ``FormatError`` naming `path` when the format cannot hold something in the
  ///   network (a character, an attribute's name), saying what and where in the network.
  public func serialized(as format: NetworkFormat, path: String) throws(FormatError) -> [(
    path: String, contents: String
  )] {
    do {
      return try trustNamedForWriting.unnamedSerialized(as: format, path: path)
    } catch {
      var e = error
      if e.file == "<output>" { e.file = path }
      throw e
    }
  }

  /// The network written in a format, as files of bytes: as ``serialized(as:path:)`` for the
  /// text formats, and an Excel workbook with a ties sheet and a nodes sheet for `.xlsx`.
  ///
  /// - Throws: ``FormatError`` as ``serialized(as:path:)``.
  public func serializedData(as format: NetworkFormat, path: String) throws(FormatError) -> [(
    path: String, data: Data
  )] {
    guard format == .xlsx else {
      return try serialized(as: format, path: path).map { ($0.path, Data($0.contents.utf8)) }
    }
    do {
      return [(path, try XLSXFormat.write(trustNamedForWriting.tableNamedForWriting))]
    } catch {
      var e = error
      if e.file == "<output>" { e.file = path }
      throw e
    }
  }

  /// The network with its trust named `trust` when the input gave it a name of its own
  /// (`tillit`, from `--trust-column`), which no reader would take as the trust again.
  var trustNamedForWriting: Network {
    guard hasTrust, !["trust", "weight"].contains(trustAttributeName.lowercased()),
      !tieAttributes.contains(where: { $0.name.lowercased() == "trust" })
    else { return self }
    var copy = self
    copy.trustAttributeName = "trust"
    return copy
  }

  /// The tie attributes a tie table writes under another name: `type` (in any case) says
  /// the direction of the ties there, as Gephi reads it, `layer` the layer, and `trust` or
  /// `weight` the trust (which is never a tie attribute: one so named is another number). Each
  /// goes under
  /// the first of `NAME_2`, `NAME_3`, ... that no tie attribute has.
  var tableRenames: [String: String] {
    let names = Set(tieAttributes.map(\.name)).union(ties.flatMap { $0.attributes.keys })
    var taken = Set(names.map { $0.lowercased() })
    var out: [String: String] = [:]
    // The trust is not among the tie attributes: one named trust or weight is another
    // number (a Network Canvas variable 'trust' on edges), which a table would read back as
    // the trust.
    for name in names.sorted()
    where ["type", "layer", "trust", "weight"].contains(name.lowercased()) {
      let new = (2...).lazy.map { "\(name)_\($0)" }.first { !taken.contains($0.lowercased()) }!
      taken.insert(new.lowercased())
      out[name] = new
    }
    return out
  }

  /// The network with its tie attributes named as ``tableRenames`` says, for a tie table.
  var tableNamedForWriting: Network {
    let renames = tableRenames
    guard !renames.isEmpty else { return self }
    var copy = self
    copy.renameTieAttributes(renames)
    return copy
  }

  private func unnamedSerialized(as format: NetworkFormat, path: String) throws(FormatError) -> [(
    path: String, contents: String
  )] {
    switch format {
    case .csv:
      let table = tableNamedForWriting
      let delimiter: Character = path.lowercased().hasSuffix(".tsv") ? "\t" : ","
      let ties = try CSVFormat.writeTies(table, delimiter: delimiter)
      let nodesPath = Network.companionNodeTable(for: path)
      do {
        return [(path, ties), (nodesPath, try CSVFormat.writeNodes(table, delimiter: delimiter))]
      } catch {
        var e = error
        e.file = nodesPath
        throw e
      }
    case .edgelist: return [(path, try EdgeListFormat.write(self))]
    case .graphml: return [(path, try GraphMLFormat.write(self))]
    case .dot: return [(path, try DOTFormat.write(self))]
    case .json: return [(path, try NodeLinkFormat.write(self))]
    case .ucinet: return [(path, try UCINETFormat.write(self).text)]
    case .gexf: return [(path, try GEXFFormat.write(self).text)]
    case .gml: return [(path, GMLFormat.write(self).text)]
    case .pajek:
      // A label cannot hold a double quote or line break (written as ' and a space): two ids
      // that would be one label are one node to networkx, which keys nodes by their labels.
      var seen: [String: String] = [:]
      for node in nodes {
        let label = PajekFormat.clean(node.id)
        if let first = seen[label] {
          throw FormatError(
            file: path, line: 0, column: 0,
            "the ids '\(visibleText(first))' and '\(visibleText(node.id))' would be one label in a Pajek file (its labels hold no double quotes or line breaks, written as ' and spaces); write GraphML or CSV instead"
          )
        }
        seen[label] = node.id
      }
      return [(path, PajekFormat.write(self).text)]
    case .xlsx:
      throw FormatError(
        file: path, line: 0, column: 0,
        "an Excel workbook is not text; write it with serializedData(as:path:)")
    }
  }
}

/// Writes files so that a failure leaves nothing half-written: each goes to a temporary file
/// in the same folder and is renamed into place only when every one was written.
package func writeFilesAtomically(_ files: [(path: String, contents: String)]) throws(WriteError) {
  try writeFilesAtomically(files.map { (path: $0.path, data: Data($0.contents.utf8)) })
}

/// A file that could not be written: where, and why, in words.
public struct WriteError: Error, CustomStringConvertible, Sendable {
  /// The file (or device, or pipe) that could not be written.
  public var path: String
  /// Why, in words.
  public var reason: String
  /// The system's error number when a write to a device or pipe failed (`EPIPE`: the reader
  /// went away, as when the output is piped into `head`), or `nil`.
  public var errorNumber: Int32? = nil
  public var description: String { "cannot write \(path): \(reason)" }
}

/// Writes files of bytes with the same guarantee as the text version.
///
/// - Throws: ``WriteError`` naming the file and the reason (a missing folder, no permission, a
///   folder in the way); no file is then created or changed.
package func writeFilesAtomically(_ files: [(path: String, data: Data)]) throws(WriteError) {
  var temps: [(String, String)] = []
  defer {
    for (t, _) in temps { try? FileManager.default.removeItem(atPath: t) }
    TemporaryFiles.shared.forget(temps.map(\.0))
  }
  var streams: [(path: String, data: Data)] = []
  var regular: [(path: String, data: Data)] = []
  for (path, data) in files {
    let (resolved, isStream) = try writeTarget(path)
    if isStream { streams.append((resolved, data)) } else { regular.append((resolved, data)) }
  }
  for (path, data) in regular {
    let (fd, temp, mode) = try createTemporaryFile(for: path)
    temps.append((temp, path))
    try finishTemporaryFile(fd, temp, path: path, mode: mode, failure: writeAll(fd, data) ?? 0)
  }
  for (temp, path) in temps {
    // rename(2) replaces the target in one step: a reader sees the old file or the new one.
    guard rename(temp, path) == 0 else {
      throw WriteError(path: path, reason: String(cString: strerror(errno)))
    }
  }
  TemporaryFiles.shared.forget(temps.map(\.0))
  temps.removeAll()
  for (path, data) in streams {
    let fd = open(path, O_WRONLY)
    guard fd >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
    let failure = writeAll(fd, data)
    close(fd)
    if let failure {
      throw WriteError(path: path, reason: String(cString: strerror(failure)), errorNumber: failure)
    }
  }
}

/// Writes one file as `body` produces it, piece by piece, with the guarantee of
/// ``writeFilesAtomically(_:)-hx7f``: the pieces go to a temporary file in the same folder, renamed
/// into place only when `body` returned and every byte was written. A large output is never
/// held in memory whole (except for a device or a pipe, written only once `body` finished).
///
/// - Throws: the error `body` throws (the temporary file is then removed), or ``WriteError``.
package func writeFileAtomically(_ path: String, streaming body: (OutputSink) throws -> Void) throws
{
  let (resolved, isStream) = try writeTarget(path)
  if isStream {
    let sink = OutputSink(fd: -1)
    try body(sink)
    try writeFilesAtomically([(resolved, Data(sink.buffer))])
    return
  }
  let (fd, temp, mode) = try createTemporaryFile(for: resolved)
  var renamed = false
  defer {
    if !renamed { unlink(temp) }
    TemporaryFiles.shared.forget([temp])
  }
  let sink = OutputSink(fd: fd)
  do { try body(sink) } catch {
    close(fd)
    throw error
  }
  sink.flush()
  try finishTemporaryFile(fd, temp, path: resolved, mode: mode, failure: sink.failure ?? 0)
  guard rename(temp, resolved) == 0 else {
    throw WriteError(path: resolved, reason: String(cString: strerror(errno)))
  }
  renamed = true
}

/// Where output goes piece by piece: bytes are gathered up to 1 MiB and then written; the
/// first failure is kept (later pieces are then dropped) and reported when the file is done.
package final class OutputSink {
  let fd: Int32
  var buffer: [UInt8] = []
  var failure: Int32?
  static let chunk = 1 << 20

  /// A sink writing to `fd`, or gathering everything in memory when `fd` is negative.
  init(fd: Int32) {
    self.fd = fd
    buffer.reserveCapacity(fd >= 0 ? Self.chunk + 4096 : 0)
  }

  /// Appends text as UTF-8.
  package func write(_ text: String) {
    buffer.append(contentsOf: text.utf8)
    if fd >= 0 && buffer.count >= Self.chunk { flush() }
  }

  func flush() {
    guard fd >= 0 else { return }
    if failure == nil, !buffer.isEmpty { failure = buffer.withUnsafeBytes { writeAll(fd, $0) } }
    buffer.removeAll(keepingCapacity: true)
  }
}

/// The file a path names for writing, links followed, and whether it is a device, a pipe or a
/// socket (written in place) rather than a regular file (written through a temporary file).
func writeTarget(_ path: String) throws(WriteError) -> (path: String, isStream: Bool) {
  var st = stat()
  // A link to nothing is refused: writing would replace the link with a file.
  if lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK, stat(path, &st) != 0 {
    let loop = errno == ELOOP
    let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
    throw WriteError(
      path: path,
      reason:
        "it is a symbolic link to \(target), \(loop ? "which leads round in a loop of links" : "which does not exist"); remove the link or write to another file"
    )
  }
  // A symbolic link is followed: its target is the file written. A device, a pipe or a socket
  // (/dev/stdout, /dev/full, a FIFO) is written in place, after every regular file is ready,
  // since renaming a file over it would replace the device with a file.
  let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
  let isStream =
    stat(resolved, &st) == 0 && (st.st_mode & S_IFMT) != S_IFREG && (st.st_mode & S_IFMT) != S_IFDIR
  return (resolved, isStream)
}

/// Refuses a file to write whose folder does not exist or is no folder: checked when the file
/// is written, and by the command line before any work, so that a long run does not end in it.
package func checkOutputFolder(_ path: String) throws(WriteError) {
  let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
  var isDir: ObjCBool = false
  if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDir) {
    throw WriteError(path: path, reason: "the folder \(folder) does not exist")
  }
  if !isDir.boolValue { throw WriteError(path: path, reason: "\(folder) is not a folder") }
}

/// A new temporary file beside `path`, registered for removal on an interrupt, with the mode
/// the file it replaces has.
func createTemporaryFile(for path: String) throws(WriteError) -> (
  fd: Int32, temp: String, mode: mode_t
) {
  let url = URL(fileURLWithPath: path)
  let folder = url.deletingLastPathComponent().path
  try checkOutputFolder(path)
  var isDir: ObjCBool = false
  if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
    throw WriteError(path: path, reason: "a folder has that name")
  }
  // A file being replaced keeps its permissions; a read-only one is not replaced.
  var mode: mode_t = 0o666
  var st = stat()
  if stat(path, &st) == 0 {
    // No write bit at all is read-only even for root, whom access(2) would let write.
    guard access(path, W_OK) == 0, st.st_mode & 0o222 != 0 else {
      throw WriteError(path: path, reason: "the file is read-only")
    }
    mode = st.st_mode & 0o7777
  }
  let temp = url.deletingLastPathComponent().appendingPathComponent(
    ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp"
  ).path
  TemporaryFiles.shared.add(temp)
  // The program's own temporary file, registered for removal on an interrupt (Foundation's
  // own atomic writing would leave hidden files of its own behind).
  // Made new, never through a link someone planted under the temporary name.
  var fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode)
  if fd < 0 && errno == EEXIST {
    unlink(temp)
    fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode)
  }
  guard fd >= 0 else {
    let reason = String(cString: strerror(errno))
    TemporaryFiles.shared.forget([temp])
    throw WriteError(
      path: path,
      reason: errno == EACCES
        ? "no permission to write in \(folder)"
        : "the file could not be created in \(folder): \(reason)")
  }
  return (fd, temp, mode)
}

/// Syncs and closes a temporary file written with `failure` (an errno, or 0), and gives it
/// the mode of the file it replaces.
func finishTemporaryFile(
  _ fd: Int32, _ temp: String, path: String, mode: mode_t, failure written: Int32
) throws(WriteError) {
  var failure = written
  if failure == 0 && fsync(fd) != 0 && errno != EINVAL { failure = errno }
  if close(fd) != 0 && failure == 0 { failure = errno }
  // The umask applies at creation; set the mode the old file had exactly.
  var st = stat()
  if failure == 0, stat(path, &st) == 0 { _ = chmod(temp, mode) }
  if failure != 0 { throw WriteError(path: path, reason: String(cString: strerror(failure))) }
}

/// Writes all of `data` to a file descriptor, again after an interrupted or partial write;
/// the errno of a failure (EPIPE when a reader went away), or `nil`.
package func writeAll(_ fd: Int32, _ data: Data) -> Int32? {
  data.withUnsafeBytes { writeAll(fd, $0) }
}

/// Writes all of a buffer to a file descriptor, as ``writeAll(_:_:)-(_,Data)``.
func writeAll(_ fd: Int32, _ raw: UnsafeRawBufferPointer) -> Int32? {
  var offset = 0
  while offset < raw.count {
    let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
    if n < 0 {
      if errno == EINTR { continue }
      return errno
    }
    offset += n
  }
  return nil
}

/// The temporary files being written, so that an interrupted program can remove them and leave
/// nothing half-written behind.
package final class TemporaryFiles: @unchecked Sendable {
  package static let shared = TemporaryFiles()
  private let lock = NSLock()
  private var paths: Set<String> = []
  func add(_ path: String) { lock.withLock { _ = paths.insert(path) } }
  func forget(_ list: [String]) { lock.withLock { for p in list { paths.remove(p) } } }
  /// Removes every temporary file still being written.
  package func removeAll() {
    let list = lock.withLock { paths }
    for p in list { unlink(p) }
  }
}
