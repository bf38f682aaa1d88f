import Foundation

/// Pajek's network files (`.net`, and project files, `.paj`, that hold one network), as Pajek,
/// igraph and networkx write them (Batagelj and Mrvar, *Pajek manual*,
/// http://mrvar.fdv.uni-lj.si/pajek/DrawEPS.htm):
///
///     *Network advice
///     *Vertices 3
///     1 "Ann Öst" 0.1 0.2 0.5 box ic Red
///     2 "Bo"
///     3 "Cy"
///     *Arcs :1 "advice"
///     1 2 0.5
///     *Arcs :2 "friendship"
///     2 3
///     *Edgeslist
///     1 2 3
///
/// **Reading.** A node's id is its vertex label (`Ann Öst`), as networkx reads it and as igraph
/// holds it in `name`; a vertex without a line, or without a label, has its number as its id.
/// When two vertices share a label, every node's id is its vertex number instead and the
/// labels go to the attribute `label`, with a note. Coordinates are the attributes `x`, `y` and
/// `z`, the shape `shape`, and each drawing parameter (`ic Red`, `x_fact 2`, or any other word
/// and value, as igraph reads them) an attribute of that name, typed as its values allow;
/// a parameter named like one of those (igraph's test file has `x -1`) gets a `_` after its
/// name, as igraph does. A tie's third number is its trust, which must be finite and ≥ 0 (a
/// negative weight is an error at its line and column, unless a signed network is read one
/// sign at a time: see ``TieSign``); the words after it are its drawing
/// parameters (`c Blue`, `l "label"`), kept the same way. A time interval in brackets
/// (`[1-3]`) is kept as the text attribute `activity`.
///
/// `*Arcs` and `*Arcslist` are directed ties, `*Edges` and `*Edgeslist` undirected ones, and
/// `*Matrix` holds arcs (edges in a two-mode network). A file with both arcs and edges is read
/// as directed, with each edge as two arcs, one each way, and a note (igraph reads such a file
/// as undirected, networkx keeps each edge one way only). Relations, `*Arcs :2 "advice"`, are
/// layers named by their label (by their number when the label is missing). A two-mode
/// network, `*Vertices 15 10`, has the node attribute `mode`: 1 for the first 10 vertices, 2
/// for the rest (igraph's `type`, false and true). A project file's partitions and vectors
/// (`*Partition name`, `*Vector name`) become node attributes of their names; its
/// permutations, clusters and hierarchies are skipped with a note; a second network is an
/// error (save the one to read from Pajek as a `.net` file).
///
/// `%` starts a comment line. The text is UTF-8 (with or without a byte-order mark, as igraph's
/// test files have it) or UTF-16 with a mark; a file that is not valid UTF-8 is read as
/// Windows-1252, in which Pajek on Windows saves, with a note. A `*Vertices n` beyond what the
/// file could describe (16 vertices per byte of the file, and at least 100,000) is refused, so
/// that a mistyped count cannot fill the memory. Every error names its line and column and
/// what was expected.
///
/// **Writing.** See ``write(_:)``.
public enum PajekFormat {
  /// Pajek's vertex drawing parameters (its manual's list), which the writer writes back.
  static let vertexParameters: Set<String> = [
    "x_fact", "y_fact", "phi", "r", "q", "ic", "bc", "bw", "lc", "la", "lr", "lphi", "fos", "font",
    "s_size",
  ]
  /// The names python-igraph (1.0.0) gives Pajek's vertex drawing parameters when it reads
  /// them (read back from a file with every parameter).
  static let igraphVertexParameterNames: [String: String] = [
    "x_fact": "xfact", "y_fact": "yfact", "phi": "rotation", "r": "radius", "q": "diamondratio",
    "ic": "color", "bc": "framecolor", "bw": "framewidth", "lc": "labelcolor",
    "la": "labeldegree", "lr": "labeldist", "lphi": "labeldegree2", "fos": "fontsize",
    "font": "font", "s_size": "s_size",
  ]
  /// The names python-igraph (1.0.0) gives Pajek's tie drawing parameters.
  static let igraphTieParameterNames: [String: String] = [
    "w": "edgewidth", "c": "color", "p": "linepattern", "s": "arrowsize", "a": "arrowtype",
    "ap": "arrowpos", "l": "label", "lp": "labelpos", "lr": "labelangle", "lphi": "labelangle2",
    "lc": "labelcolor", "la": "labeldegree", "fos": "fontsize", "font": "font", "h1": "hook1",
    "h2": "hook2", "a1": "angle1", "a2": "angle2", "k1": "velocity1", "k2": "velocity2",
  ]
  /// Pajek's tie drawing parameters.
  static let tieParameters: Set<String> = [
    "w", "c", "p", "s", "a", "ap", "l", "lp", "lr", "lphi", "lc", "la", "fos", "font", "h1", "h2",
    "a1", "a2",
    "k1", "k2",
  ]
  /// The shapes Pajek draws, recognised after a vertex's coordinates.
  static let shapes: Set<String> = [
    "ellipse", "box", "diamond", "triangle", "cross", "empty", "man", "woman",
  ]

  /// Reads a Pajek network file.
  ///
  /// - Throws: ``FormatError`` with the line and column of the first problem: a file without a
  ///   `*Vertices` line (empty, or comments only), a section Pajek does not have, a vertex
  ///   number outside 1…n, a negative or missing weight where a number belongs, a drawing
  ///   parameter without a value, a second network in a project file.
  /// - Complexity: O(n + m) for n vertices and m ties, plus the size of the file.
  public static func read(_ data: Data, file: String) throws(FormatError) -> Network {
    let (bytes, windows1252) = try decode(data, file: file)
    var reader = Reader(bytes: bytes, file: file)
    var network = try reader.read()
    if windows1252 {
      network.readNotes.insert(
        "the file is not UTF-8; it was read as Windows-1252, in which Pajek on Windows saves (check the labels)",
        at: 0)
    }
    return network
  }

  /// Whether the start of a file looks like Pajek: `*Vertices` or `*Network`, in any case,
  /// after an optional byte-order mark, blank lines and `%` comment lines.
  static func sniff(_ prefix: Data) -> Bool {
    let bytes = prefix.starts(with: [0xEF, 0xBB, 0xBF]) ? prefix.dropFirst(3) : prefix[...]
    for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: true) {
      let text = String(decoding: line, as: UTF8.self).trimmingCharacters(
        in: .whitespacesAndNewlines
      ).lowercased()
      if text.isEmpty || text.hasPrefix("%") { continue }
      return text.hasPrefix("*vertices") || text.hasPrefix("*network")
    }
    return false
  }

  /// Reads a Pajek partition (`.clu`: `*Vertices n`, then a whole number per vertex) or vector
  /// (`.vec`: a number per vertex) into the node attribute `name`, matched to the nodes by
  /// position: the k-th value is the k-th node's, as Pajek numbers vertices in the order of the
  /// network file. The `*Vertices n` line may be left out; `%` starts a comment line.
  ///
  /// A `.clu` file's values must be whole numbers (integers); a `.vec` file's are reals; a file
  /// with another name is read as integers when every value is one, else as reals. An
  /// attribute of that name already there is replaced, with a note.
  ///
  /// - Throws: ``FormatError`` at a value that is not a number (or not a whole number in a
  ///   partition), at a value beyond the network's nodes, at the end of a file that holds fewer
  ///   values than the network has nodes, or at a `*Vertices n` whose n is not the number of
  ///   nodes.
  /// - Complexity: O(n) for n nodes, plus the size of the file.
  public static func readNodeValues(
    _ data: Data, file: String, into network: inout Network, name: String
  ) throws(FormatError) {
    let (bytes, _) = try decode(data, file: file)
    let ext = (file as NSString).pathExtension.lowercased()
    var tokens: [(text: String, line: Int, column: Int)] = []
    var lastLine = 1
    var header: (Int, Int)?
    for (number, range) in lines(bytes) {
      lastLine = number
      let fields = try tokenize(bytes, range, line: number, file: file)
      guard let first = fields.first else { continue }
      let firstText = text(bytes, first)
      if firstText.hasPrefix("%") { continue }
      if firstText.hasPrefix("*") {
        guard firstText.lowercased() == "*vertices", header == nil, tokens.isEmpty else {
          throw FormatError(
            file: file, line: number, column: column(bytes, range, first.begin),
            "'\(firstText)' in a partition or vector; expected '*Vertices n' before the values, then one value per node"
          )
        }
        guard fields.count >= 2, let n = Int(text(bytes, fields[1])) else {
          throw FormatError(
            file: file, line: number,
            column: column(bytes, range, fields.count >= 2 ? fields[1].begin : first.end),
            "expected the number of vertices after *Vertices")
        }
        guard n == network.nodeCount else {
          throw FormatError(
            file: file, line: number, column: column(bytes, range, fields[1].begin),
            "the file is for \(n) vertices, and the network has \(network.nodeCount) nodes; expected a file for this network"
          )
        }
        header = (number, column(bytes, range, first.begin))
        continue
      }
      for f in fields { tokens.append((text(bytes, f), number, column(bytes, range, f.begin))) }
    }
    let integers: Bool
    switch ext {
    case "clu": integers = true
    case "vec": integers = false
    default: integers = tokens.allSatisfy { Int($0.text) != nil }
    }
    var values: [AttributeValue] = []
    values.reserveCapacity(tokens.count)
    for (k, t) in tokens.enumerated() {
      guard k < network.nodeCount else {
        throw FormatError(
          file: file, line: t.line, column: t.column,
          "value \(k + 1), but the network has \(network.nodeCount) nodes; expected one value per node, in node order"
        )
      }
      if integers {
        guard let i = Int(t.text) else {
          throw FormatError(
            file: file, line: t.line, column: t.column,
            "'\(t.text)' is not a whole number; expected a class number for node \(k + 1) (a .clu partition holds whole numbers; a .vec vector holds reals)"
          )
        }
        values.append(.integer(i))
      } else {
        guard let d = parseDouble(t.text), d.isFinite else {
          throw FormatError(
            file: file, line: t.line, column: t.column,
            "'\(t.text)' is not a number; expected the value of node \(k + 1)")
        }
        values.append(.double(d))
      }
    }
    guard values.count == network.nodeCount else {
      throw FormatError(
        file: file, line: lastLine, column: 1,
        "the file holds \(values.count) value\(values.count == 1 ? "" : "s"), and the network has \(network.nodeCount) nodes; expected one value per node, in node order"
      )
    }
    if network.nodes.contains(where: { $0.attributes[name] != nil }) {
      network.readNotes.append("the node attribute '\(name)' is replaced by the values in \(file)")
    }
    for (k, v) in values.enumerated() { network.setNodeAttribute(name, v, at: k) }
    let type: AttributeType = integers ? .integer : .double
    if let d = network.nodeAttributes.firstIndex(where: { $0.name == name }) {
      network.nodeAttributes[d] = AttributeDeclaration(name: name, type: type)
    } else {
      network.declareNodeAttribute(AttributeDeclaration(name: name, type: type))
    }
  }

  // MARK: Text

  /// The UTF-8 bytes of a file (without a byte-order mark), and whether it had to be read as
  /// Windows-1252.
  static func decode(_ data: Data, file: String) throws(FormatError) -> ([UInt8], Bool) {
    let raw = [UInt8](data)
    let utf16 = raw.starts(with: [0xFF, 0xFE]) || raw.starts(with: [0xFE, 0xFF])
    if !utf16, !raw.starts(with: [0xEF, 0xBB, 0xBF]), String(validating: raw, as: UTF8.self) == nil
    {
      try refuseMixedUTF8(raw[...], file: file)
      return (Array(try decodeText(data, file: file, fallbackEncoding: "windows-1252").utf8), true)
    }
    return (Array(try decodeText(data, file: file).utf8), false)
  }

  /// The lines of the text as (line number, byte range without the line break). A line ends
  /// at LF, CR LF or a CR alone (classic Mac OS and some Windows tools write CR only; read as
  /// one line, such a file's ties were lost after `*Vertices`).
  static func lines(_ bytes: [UInt8]) -> [(Int, Range<Int>)] {
    var out: [(Int, Range<Int>)] = []
    var start = 0
    var number = 1
    var i = 0
    while i <= bytes.count {
      guard i == bytes.count || bytes[i] == 0x0A || bytes[i] == 0x0D else {
        i += 1
        continue
      }
      if i < bytes.count || start < bytes.count { out.append((number, start..<i)) }
      // CR LF is one break.
      if i < bytes.count && bytes[i] == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A {
        i += 1
      }
      i += 1
      start = i
      number += 1
    }
    return out
  }

  /// A field of a line: its bytes (inside the quotes for a quoted one).
  struct Field {
    var start: Int
    var end: Int
    var quoted: Bool
    /// Where the field begins on the line: its opening quote when quoted.
    var begin: Int { quoted ? start - 1 : start }
  }

  /// The fields of a line, split at spaces and tabs; `"..."` is one field.
  static func tokenize(_ bytes: [UInt8], _ range: Range<Int>, line: Int, file: String)
    throws(FormatError) -> [Field]
  {
    var fields: [Field] = []
    var i = range.lowerBound
    while i < range.upperBound {
      let b = bytes[i]
      if isSpace(b) {
        i += 1
        continue
      }
      if b == UInt8(ascii: "\"") {
        var j = i + 1
        while j < range.upperBound && bytes[j] != UInt8(ascii: "\"") { j += 1 }
        guard j < range.upperBound else {
          throw FormatError(
            file: file, line: line, column: column(bytes, range, i),
            "a quoted text is never closed; expected '\"' before the end of the line")
        }
        fields.append(Field(start: i + 1, end: j, quoted: true))
        i = j + 1
        continue
      }
      var j = i
      while j < range.upperBound && !isSpace(bytes[j]) { j += 1 }
      fields.append(Field(start: i, end: j, quoted: false))
      i = j
    }
    return fields
  }

  static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }

  static func text(_ bytes: [UInt8], _ f: Field) -> String {
    bytes.withUnsafeBufferPointer {
      String(decoding: UnsafeBufferPointer(rebasing: $0[f.start..<f.end]), as: UTF8.self)
    }
  }

  /// The column (in characters, from 1) of a byte within a line.
  static func column(_ bytes: [UInt8], _ range: Range<Int>, _ offset: Int) -> Int {
    var c = 1
    var i = range.lowerBound
    while i < offset && i < bytes.count {
      if bytes[i] & 0xC0 != 0x80 { c += 1 }
      i += 1
    }
    return c
  }

  // MARK: Reading

  struct Reader {
    let bytes: [UInt8]
    let file: String

    enum Section {
      case none
      case vertices
      case ties(directed: Bool, list: Bool, layer: String?)
      case matrix(layer: String?)
      case values(name: String, integers: Bool, header: Bool)
      case skipped
    }

    var network = Network(directed: false)
    var vertexCount = 0
    var firstMode: Int?
    var labels: [String?] = []
    var vertexLines: [Int] = []  // the line that described each vertex, 0 for none
    var vertexFields: [[String: String]] = []
    var parameterOrder: [String] = []
    var parameterSeen = Set<String>()
    var coordinates: [[Double?]] = []
    var sawVertices = false
    var sawArcs = false
    var sawEdges = false
    var sawNetworkName = false
    struct PendingTie {
      var source: Int
      var target: Int
      var trust: Double?
      var layer: String?
      var directed: Bool
      var fields: [String: String]
    }
    var ties: [PendingTie] = []
    var tieOrder: [String] = []
    var tieSeen = Set<String>()
    var matrixRow = 0
    var relationLabels: [String: String] = [:]
    var partitions: [(name: String, integers: Bool, values: [String], line: Int)] = []
    var skippedSections: [String] = []

    init(bytes: [UInt8], file: String) {
      self.bytes = bytes
      self.file = file
    }

    func failure(_ message: String, _ line: Int, _ range: Range<Int>, _ offset: Int) -> FormatError
    {
      FormatError(file: file, line: line, column: PajekFormat.column(bytes, range, offset), message)
    }

    func text(_ f: Field) -> String { PajekFormat.text(bytes, f) }

    /// A vertex number in 1...n, as an index.
    func vertex(_ f: Field, _ line: Int, _ range: Range<Int>) throws(FormatError) -> Int {
      // Most fields are plain numbers: read their digits without making a string.
      if !f.quoted, f.end - f.start <= 9, f.end > f.start {
        var k = 0
        var digits = true
        for i in f.start..<f.end {
          let d = Int(bytes[i]) &- 48
          if d < 0 || d > 9 {
            digits = false
            break
          }
          k = k * 10 + d
        }
        if digits, k >= 1, k <= vertexCount { return k - 1 }
      }
      let t = text(f)
      guard let k = Int(t), k >= 1, k <= vertexCount else {
        if Int(t) != nil {
          throw failure(
            "there is no vertex \(t); expected a vertex number from 1 to \(vertexCount)", line,
            range, f.begin)
        }
        throw failure(
          "'\(t)' is not a vertex number; expected a number from 1 to \(vertexCount)", line, range,
          f.begin)
      }
      return k - 1
    }

    mutating func read() throws(FormatError) -> Network {
      var section = Section.none
      let all = PajekFormat.lines(bytes)
      let maximum = min(Int(Int32.max), max(100_000, 16 * bytes.count))
      for (number, range) in all {
        let fields = try PajekFormat.tokenize(bytes, range, line: number, file: file)
        guard let first = fields.first else { continue }
        let head = text(first)
        if !first.quoted && head.hasPrefix("%") { continue }
        if !first.quoted && head.hasPrefix("*") {
          section = try header(head, fields, number, range, section: section, maximum: maximum)
          continue
        }
        switch section {
        case .none:
          throw failure(
            "expected '*Vertices n' (or '*Network name') before this line", number, range,
            first.begin)
        case .skipped:
          continue
        case .vertices:
          try vertexLine(fields, number, range)
        case .ties(let directed, let list, let layer):
          if list {
            let s = try vertex(fields[0], number, range)
            guard fields.count >= 2 else {
              throw failure(
                "a list line needs a vertex and the vertices it is tied to; expected a vertex number after \(head)",
                number, range, first.end)
            }
            for f in fields.dropFirst() {
              ties.append(
                PendingTie(
                  source: s, target: try vertex(f, number, range), trust: nil, layer: layer,
                  directed: directed, fields: [:]))
            }
          } else {
            try tieLine(fields, number, range, directed: directed, layer: layer)
          }
        case .matrix(let layer):
          try matrixLine(fields, number, range, layer: layer)
        case .values(_, _, let header):
          guard header else {
            throw failure(
              "expected '*Vertices n' after the *Partition or *Vector line", number, range,
              first.begin)
          }
          for f in fields { partitions[partitions.count - 1].values.append(text(f)) }
        }
      }
      // No *Vertices line: an empty file (or comments, or a *Network line only) is no network,
      // not an empty one (`*Vertices 0` is that).
      if case Section.none = section, !sawVertices {
        throw FormatError(
          file: file, line: 1, column: 1,
          sawNetworkName
            ? "the file has no '*Vertices n' line; expected a Pajek network"
            : bytes.contains(where: { b in b != 0x20 && b != 0x09 && b != 0x0A && b != 0x0D })
              ? "the file has no '*Vertices n' line, only comments; expected a Pajek network"
              : "the file is empty; expected '*Vertices n' and a Pajek network")
      }
      if case .matrix = section, matrixRow != matrixRows {
        throw FormatError(
          file: file, line: all.last?.0 ?? 1, column: 1,
          "the matrix has \(matrixRow) rows; expected \(matrixRows)")
      }
      return try build()
    }

    var matrixRows: Int { firstMode ?? vertexCount }
    var matrixColumns: Int { firstMode.map { vertexCount - $0 } ?? vertexCount }

    /// A `*` line: the section it starts.
    mutating func header(
      _ head: String, _ fields: [Field], _ number: Int, _ range: Range<Int>, section: Section,
      maximum: Int
    ) throws(FormatError) -> Section {
      if case .matrix = section, matrixRow != matrixRows {
        throw failure(
          "the matrix has \(matrixRow) rows; expected \(matrixRows) before the next section",
          number, range, fields[0].begin)
      }
      // The keyword is the letters after '*'; the rest of the line follows it.
      let line = String(decoding: bytes[range], as: UTF8.self).trimmingCharacters(in: .whitespaces)
      let keyword = line.dropFirst().prefix(while: { $0.isLetter }).lowercased()
      let rest = line.dropFirst(1 + keyword.count).trimmingCharacters(in: .whitespaces)
      func unquoted(_ s: String) -> String {
        s.count >= 2 && s.hasPrefix("\"") && s.hasSuffix("\"")
          ? String(s.dropFirst().dropLast()) : s
      }
      switch keyword {
      case "network":
        if sawVertices || sawNetworkName {
          throw failure(
            "a second network; Brobyggare reads one network per file (save the one to read from Pajek as a .net file)",
            number, range, fields[0].begin)
        }
        sawNetworkName = true
        let name = unquoted(rest)
        if !name.isEmpty {
          network.attributes["name"] = .string(name)
          network.networkAttributes.append(AttributeDeclaration(name: "name", type: .string))
        }
        return .none
      case "vertices":
        guard fields.count >= 2, let n = Int(text(fields[1])), n >= 0 else {
          throw failure(
            "expected the number of vertices after *Vertices", number, range,
            fields.count >= 2 ? fields[1].start : fields[0].end)
        }
        if case .skipped = section { return .skipped }  // a permutation's or cluster's own count
        if case .values(let name, let integers, false) = section {
          guard n == vertexCount else {
            throw failure(
              "the partition or vector is for \(n) vertices, and the network has \(vertexCount); expected \(vertexCount)",
              number, range, fields[1].begin)
          }
          return .values(name: name, integers: integers, header: true)
        }
        if sawVertices {
          throw failure(
            "a second *Vertices line; expected one per network (a second network is not read)",
            number, range, fields[0].begin)
        }
        guard n <= maximum else {
          throw failure(
            "*Vertices declares \(n) vertices, more than a file of this size describes (at most \(maximum)); expected the number of vertices",
            number, range, fields[1].begin)
        }
        if fields.count >= 3 {
          guard let m = Int(text(fields[2])), m >= 0, m <= n else {
            throw failure(
              "expected the number of vertices in the first mode, from 0 to \(n), after *Vertices \(n)",
              number, range, fields[2].begin)
          }
          firstMode = m
        }
        sawVertices = true
        vertexCount = n
        labels = Array(repeating: nil, count: n)
        vertexLines = Array(repeating: 0, count: n)
        vertexFields = Array(repeating: [:], count: n)
        coordinates = Array(repeating: [nil, nil, nil], count: n)
        return .vertices
      case "arcs", "edges", "arcslist", "edgeslist", "matrix":
        guard sawVertices else {
          throw failure(
            "ties come before the vertices; expected '*Vertices n' first", number, range,
            fields[0].begin)
        }
        var layer: String?
        if rest.hasPrefix(":") {
          // A relation: `:k "label"`.
          let after = rest.dropFirst().trimmingCharacters(in: .whitespaces)
          let digits = after.prefix(while: { $0.isASCII && $0.isNumber })
          guard !digits.isEmpty else {
            throw failure(
              "expected a relation number after ':' (as in *Arcs :2 \"advice\")", number, range,
              fields[0].begin)
          }
          let label = unquoted(after.dropFirst(digits.count).trimmingCharacters(in: .whitespaces))
          if !label.isEmpty { relationLabels[String(digits)] = label }
          layer = relationLabels[String(digits)] ?? String(digits)
        } else if !rest.isEmpty {
          throw failure(
            "'\(rest)' after *\(line.dropFirst().prefix(keyword.count)); expected nothing, or a relation such as :2 \"advice\"",
            number, range, fields[0].begin)
        }
        if keyword == "matrix" {
          if firstMode != nil { sawEdges = true } else { sawArcs = true }
          matrixRow = 0
          return .matrix(layer: layer)
        }
        let directed = keyword.hasPrefix("arcs")
        if directed { sawArcs = true } else { sawEdges = true }
        return .ties(directed: directed, list: keyword.hasSuffix("list"), layer: layer)
      case "partition", "vector":
        guard sawVertices else {
          throw failure(
            "a \(keyword) before the network's vertices; expected '*Vertices n' first", number,
            range, fields[0].begin)
        }
        let name = unquoted(rest)
        partitions.append((name.isEmpty ? keyword : name, keyword == "partition", [], number))
        return .values(name: name, integers: keyword == "partition", header: false)
      case "permutation", "cluster", "hierarchy":
        skippedSections.append("*" + keyword.prefix(1).uppercased() + keyword.dropFirst())
        return .skipped
      default:
        throw failure(
          "'\(head)' is not a Pajek section; expected *Network, *Vertices, *Arcs, *Edges, *Arcslist, *Edgeslist, *Matrix, *Partition or *Vector",
          number, range, fields[0].begin)
      }
    }

    /// `k "label" [x y [z]] [shape] [parameter value]...`
    mutating func vertexLine(_ fields: [Field], _ number: Int, _ range: Range<Int>)
      throws(FormatError)
    {
      let k = try vertex(fields[0], number, range)
      if vertexLines[k] != 0 {
        throw failure(
          "vertex \(k + 1) is described twice (first on line \(vertexLines[k])); expected each vertex once",
          number, range, fields[0].begin)
      }
      vertexLines[k] = number
      guard fields.count >= 2 else { return }
      labels[k] = text(fields[1])
      var i = 2
      var numbers: [Double] = []
      while i < fields.count, numbers.count < 3, !fields[i].quoted,
        let d = decimalDouble(text(fields[i]))
      {
        numbers.append(d)
        i += 1
      }
      for (axis, d) in numbers.enumerated() { coordinates[k][axis] = d }
      var rest = Array(fields[i...])
      var values: [String: String] = [:]
      if let last = rest.last, !last.quoted, text(last).hasPrefix("[") {
        values["activity"] = text(last)
        rest.removeLast()
      }
      if let shape = rest.first, !shape.quoted,
        rest.count % 2 == 1 || PajekFormat.shapes.contains(text(shape).lowercased())
      {
        values["shape"] = text(shape)
        rest.removeFirst()
      }
      try parameters(
        rest, number, range, reserved: ["x", "y", "z", "shape", "label", "mode", "activity"],
        into: &values)
      for key in values.keys.sorted() where parameterSeen.insert(key).inserted {
        parameterOrder.append(key)
      }
      vertexFields[k] = values
    }

    /// `key value` pairs after the fixed fields of a line.
    func parameters(
      _ rest: [Field], _ number: Int, _ range: Range<Int>, reserved: Set<String>,
      into values: inout [String: String]
    ) throws(FormatError) {
      var j = 0
      while j < rest.count {
        guard j + 1 < rest.count else {
          throw failure(
            "the drawing parameter '\(text(rest[j]))' has no value; expected a value after it",
            number, range, rest[j].end)
        }
        var key = text(rest[j])
        if reserved.contains(key) { key += "_" }
        values[key] = text(rest[j + 1])
        j += 2
      }
    }

    /// `source target [weight] [parameter value]...`
    mutating func tieLine(
      _ fields: [Field], _ number: Int, _ range: Range<Int>, directed: Bool, layer: String?
    ) throws(FormatError) {
      let s = try vertex(fields[0], number, range)
      guard fields.count >= 2 else {
        throw failure(
          "a tie needs two vertices; expected a vertex number after \(text(fields[0]))", number,
          range, fields[0].end)
      }
      let t = try vertex(fields[1], number, range)
      var trust: Double?
      var i = 2
      if i < fields.count, !fields[i].quoted, let w = parseDouble(text(fields[i])) {
        trust = try checkedTrust(w, text(fields[i]), number, range, fields[i].begin)
        i += 1
      }
      var values: [String: String] = [:]
      if i < fields.count {
        var rest = Array(fields[i...])
        if let last = rest.last, !last.quoted, text(last).hasPrefix("[") {
          values["activity"] = text(last)
          rest.removeLast()
        }
        try parameters(rest, number, range, reserved: ["activity"], into: &values)
      }
      for key in values.keys.sorted() where tieSeen.insert(key).inserted { tieOrder.append(key) }
      ties.append(
        PendingTie(
          source: s, target: t, trust: trust, layer: layer, directed: directed, fields: values))
    }

    func checkedTrust(_ w: Double, _ written: String, _ number: Int, _ range: Range<Int>, _ at: Int)
      throws(FormatError) -> Double
    {
      guard SignedReading.admits(w) else {
        let what = w.isNaN ? "is not a number" : w < 0 ? "is negative" : "is infinite"
        throw failure(
          "the weight \(written) \(what); trust is a strength in Brobyggare, expected a finite number ≥ 0"
            + (w < 0 ? " (\(TieSign.hint))" : ""),
          number, range, at)
      }
      return w
    }

    /// One row of a `*Matrix`: a value per column; a value other than 0 is a tie of that weight.
    mutating func matrixLine(_ fields: [Field], _ number: Int, _ range: Range<Int>, layer: String?)
      throws(FormatError)
    {
      guard matrixRow < matrixRows else {
        throw failure(
          "the matrix has more than \(matrixRows) rows; expected \(matrixRows)", number, range,
          fields[0].begin)
      }
      guard fields.count == matrixColumns else {
        let at = fields.count > matrixColumns ? fields[matrixColumns].start : fields.last!.end
        throw failure(
          "row \(matrixRow + 1) of the matrix has \(fields.count) values; expected \(matrixColumns)",
          number, range, at)
      }
      for (c, f) in fields.enumerated() {
        guard let w = parseDouble(text(f)) else {
          throw failure(
            "'\(text(f))' is not a number; expected a matrix value", number, range, f.begin)
        }
        if w == 0 { continue }
        let trust = try checkedTrust(w, text(f), number, range, f.begin)
        ties.append(
          PendingTie(
            source: matrixRow, target: c + (firstMode ?? 0), trust: trust, layer: layer,
            directed: firstMode == nil, fields: [:]))
      }
      matrixRow += 1
    }

    /// The network from what was read.
    mutating func build() throws(FormatError) -> Network {
      let mixed = sawArcs && sawEdges
      network.isDirected = mixed || sawArcs
      network.trustAttributeName = "weight"
      // Ids: the labels when they are unique, else the vertex numbers.
      var ids = (0..<vertexCount).map { labels[$0] ?? String($0 + 1) }
      var seen: [String: Int] = [:]
      var clash: (String, Int, Int)?
      for (k, id) in ids.enumerated() {
        if let j = seen[id] {
          clash = (id, j, k)
          break
        }
        seen[id] = k
      }
      let labelsAsAttribute = clash != nil
      if let (label, a, b) = clash {
        ids = (0..<vertexCount).map { String($0 + 1) }
        network.readNotes.append(
          "two vertices (\(a + 1) and \(b + 1)) have the id or label '\(label)': the node ids are the vertex numbers, and the labels the attribute 'label'"
        )
      }
      var rows: [[String: AttributeValue]] = Array(repeating: [:], count: vertexCount)
      if labelsAsAttribute {
        for k in 0..<vertexCount { if let l = labels[k] { rows[k]["label"] = .string(l) } }
        network.declareNodeAttribute(AttributeDeclaration(name: "label", type: .string))
      }
      for (axis, name) in ["x", "y", "z"].enumerated() {
        var any = false
        for k in 0..<vertexCount {
          if let v = coordinates[k][axis] {
            rows[k][name] = .double(v)
            any = true
          }
        }
        if any { network.declareNodeAttribute(AttributeDeclaration(name: name, type: .double)) }
      }
      for name in ["shape"] + parameterOrder.filter({ $0 != "shape" }) {
        let column = vertexFields.map { $0[name] }
        guard column.contains(where: { $0 != nil }) else { continue }
        let type = inferType(column, decimalComma: false, exactText: false)
        for k in 0..<vertexCount {
          if let t = column[k] { rows[k][name] = AttributeValue.parse(t, as: type) ?? .string(t) }
        }
        network.declareNodeAttribute(AttributeDeclaration(name: name, type: type))
      }
      if let m = firstMode {
        for k in 0..<vertexCount { rows[k]["mode"] = .integer(k < m ? 1 : 2) }
        network.declareNodeAttribute(AttributeDeclaration(name: "mode", type: .integer))
        network.readNotes.append(
          "a two-mode network: vertices 1 to \(m) are the first mode and \(m + 1) to \(vertexCount) the second (the node attribute 'mode', 1 or 2)"
        )
      }
      for p in partitions {
        guard p.values.count == vertexCount else {
          throw FormatError(
            file: file, line: p.line, column: 1,
            "the \(p.integers ? "partition" : "vector") '\(p.name)' holds \(p.values.count) values; expected \(vertexCount), one per vertex"
          )
        }
        let type: AttributeType = p.integers ? .integer : .double
        for k in 0..<vertexCount {
          guard let v = AttributeValue.parse(p.values[k], as: type) else {
            throw FormatError(
              file: file, line: p.line, column: 1,
              "value \(k + 1) of the \(p.integers ? "partition" : "vector") '\(p.name)', '\(p.values[k])', is not a \(p.integers ? "whole number" : "number")"
            )
          }
          rows[k][p.name] = v
        }
        network.declareNodeAttribute(AttributeDeclaration(name: p.name, type: type))
      }
      network.reserveCapacity(nodes: vertexCount, ties: ties.count)
      for k in 0..<vertexCount {
        do {
          try network.addNode(Node(id: ids[k], attributes: rows[k]))
        } catch {
          preconditionFailure("ids were checked to be unique")
        }
      }
      var tieTypes: [String: AttributeType] = [:]
      for name in tieOrder {
        tieTypes[name] = inferType(
          ties.map { $0.fields[name] }, decimalComma: false, exactText: false)
      }
      for tie in ties {
        var attributes: [String: AttributeValue] = [:]
        for (name, t) in tie.fields {
          attributes[name] = AttributeValue.parse(t, as: tieTypes[name]!) ?? .string(t)
        }
        let made = Tie(
          source: tie.source, target: tie.target, trust: tie.trust, layer: tie.layer,
          attributes: attributes)
        network.addTie(made)
        if mixed && !tie.directed && tie.source != tie.target {
          network.addTie(
            Tie(
              source: tie.target, target: tie.source, trust: tie.trust, layer: tie.layer,
              attributes: attributes))
        }
      }
      for name in tieOrder {
        network.declareTieAttribute(AttributeDeclaration(name: name, type: tieTypes[name]!))
      }
      if mixed {
        network.readNotes.append(
          "the file has both arcs and edges: read as directed, each edge as two arcs, one each way (igraph reads such a file as undirected; networkx keeps each edge one way)"
        )
      }
      if !skippedSections.isEmpty {
        network.readNotes.append(
          "skipped what Brobyggare does not read: \(Array(Set(skippedSections)).sorted().joined(separator: ", "))"
        )
      }
      return network
    }
  }

  // MARK: Writing

  /// Writes a Pajek network that networkx's `read_pajek` and igraph's `Graph.Read_Pajek` load
  /// with the same nodes (each node's id is its vertex label), ties, weights and direction, and
  /// that this reader reads back with the same ids, ties, trust, coordinates and drawing
  /// parameters.
  ///
  /// Vertices are numbered in node order. Coordinates (`x`, `y`, and `z` where there is one)
  /// are written for the nodes that have both `x` and `y`, then `shape`, then the attributes
  /// named like Pajek's drawing parameters (`ic`, `bc`, `x_fact`, ... for vertices; `c`, `w`,
  /// `p`, `l`, ... for ties). Trust is the tie's third number. Ties are `*Arcs` in a directed
  /// network, `*Edges` in an undirected one; with two or more layers each layer is a relation,
  /// `*Arcs :1 "advice"`, in the layers' sorted order, after any ties without a layer (neither
  /// igraph nor networkx reads relations; Pajek does). A network whose nodes all have `mode`
  /// 1 or 2, the first mode first, is written as two-mode (`*Vertices 15 10`), which networkx
  /// cannot read. The network's `name` is written as `*Network name`.
  ///
  /// - Returns: The text, and what the network held that Pajek cannot, one sentence each:
  ///   attributes other than those above (Pajek keeps them in separate `.clu` and `.vec`
  ///   files), the label where it is not the id, tie ids, a single layer, a double quote or line
  ///   break in an id (written as `'` and a space).
  /// - Complexity: O(n + m) for n nodes and m ties.
  public static func write(_ network: Network) -> (text: String, dropped: [String]) {
    var dropped: [String] = []
    var out = ""
    if let name = network.attributes["name"] {
      out += "*Network \(clean(name.description))\n"
    }
    for name in network.attributes.keys.sorted() where name != "name" {
      dropped.append("the network attribute '\(name)' is not written: Pajek has no place for it")
    }
    let n = network.nodeCount
    // Two modes: every node's `mode` is 1 or 2, the first mode first.
    let modes = network.nodes.map {
      $0.attributes["mode"].flatMap { v -> Int? in
        if case .integer(let i) = v { return i }
        return nil
      }
    }
    var firstMode: Int?
    if n > 0, modes.allSatisfy({ $0 == 1 || $0 == 2 }) {
      let m = modes.firstIndex(of: 2) ?? n
      if modes[m...].allSatisfy({ $0 == 2 }) { firstMode = m }
    }
    out += "*Vertices \(n)\(firstMode.map { " \($0)" } ?? "")\n"

    var unwritable: [String: Int] = [:]  // node attributes not written, by how many nodes have them
    var idNotes: [String] = []
    var coordinateless = 0
    var vertexParametersWritten = Set<String>()
    var coordinatesWithoutShape = 0
    for (k, node) in network.nodes.enumerated() {
      let label = clean(node.id)
      if label != node.id { idNotes.append(node.id) }
      var line = "\(k + 1) \"\(label)\""
      let a = node.attributes
      if let x = a["x"]?.number, let y = a["y"]?.number {
        line += " \(formatNumber(x)) \(formatNumber(y))"
        if let z = a["z"]?.number { line += " \(formatNumber(z))" }
        if a["shape"] == nil { coordinatesWithoutShape += 1 }
      } else if a["x"] != nil || a["y"] != nil || a["z"] != nil {
        coordinateless += 1
      }
      if let shape = a["shape"], shape.type == .string, !shape.description.isEmpty,
        !shape.description.contains(where: { $0 == " " || $0 == "\"" || $0 == "\t" })
      {
        line += " " + shape.description
      } else if a["shape"] != nil {
        unwritable["shape", default: 0] += 1
      }
      for name in a.keys.sorted() {
        switch name {
        case "x", "y", "z", "shape": continue
        case "mode" where firstMode != nil: continue
        case "label" where a[name]?.description == node.id: continue
        default: break
        }
        if vertexParameters.contains(name), let v = parameter(a[name]!) {
          line += " \(name) \(v)"
          vertexParametersWritten.insert(name)
        } else {
          unwritable[name, default: 0] += 1
        }
      }
      out += line + "\n"
    }
    if coordinateless > 0 {
      dropped.append(
        "\(coordinateless) node\(coordinateless == 1 ? " has" : "s have") an x, y or z but not both x and y: their coordinates are not written"
      )
    }
    if coordinatesWithoutShape > 0 {
      dropped.append(
        "the node attributes 'x' and 'y' are written as the coordinates of \(coordinatesWithoutShape) vertex line\(coordinatesWithoutShape == 1 ? "" : "s") without a shape, which igraph reads as x and y, and networkx (3.6) only before a shape (without one it leaves them out): for networkx, write GraphML"
      )
    }
    if !vertexParametersWritten.isEmpty {
      dropped.append(
        "the node attribute\(vertexParametersWritten.count == 1 ? "" : "s") \(vertexParametersWritten.sorted().map { "'\($0)'" }.joined(separator: ", ")) \(vertexParametersWritten.count == 1 ? "is" : "are") written as Pajek's vertex drawing parameter\(vertexParametersWritten.count == 1 ? "" : "s") of that name, which igraph reads renamed (\(vertexParametersWritten.sorted().map { "\($0) as '\(igraphVertexParameterNames[$0] ?? $0)'" }.joined(separator: ", ")))"
      )
    }
    for id in idNotes.prefix(3) {
      dropped.append(
        "the node id '\(visibleText(id))' holds a double quote, a line break or another control character, which a Pajek label cannot: written with ' and spaces in their place"
      )
    }
    if idNotes.count > 3 {
      dropped.append(
        "\(idNotes.count - 3) more node ids are written with ' and spaces in place of double quotes, line breaks and control characters"
      )
    }
    for (name, count) in unwritable.sorted(by: { $0.key < $1.key }) {
      let why =
        name == "label"
        ? "a Pajek vertex's label is the node's id"
        : "Pajek keeps such values in separate .clu and .vec files"
      dropped.append(
        "the node attribute '\(name)' (\(count) node\(count == 1 ? "" : "s")) is not written: \(why)"
      )
    }

    let layers = network.layers
    let relations = layers.count >= 2
    if layers.count == 1 {
      dropped.append(
        "the layer '\(layers[0])' is not written: layers are written as Pajek relations (*Arcs :1 \"name\") only when there are two or more, since igraph and networkx do not read relations"
      )
    } else if relations {
      dropped.append(
        "the \(layers.count) layers are written as Pajek relations (*Arcs :1 \"name\"), which Pajek reads and igraph and networkx do not: igraph refuses the file and networkx reads each relation's header as a tie; for those, write GraphML"
      )
    }
    var unwritableTie: [String: Int] = [:]
    var tieParametersWritten = Set<String>()
    var trustlessWithParameters = 0
    var tieIDs = 0
    func tieLine(_ tie: Tie) -> String {
      var line = "\(tie.source + 1) \(tie.target + 1)"
      if let t = tie.trust { line += " \(formatNumber(t))" }
      if tie.id != nil { tieIDs += 1 }
      let a = tie.attributes
      var parametrised = false
      defer { if parametrised && tie.trust == nil { trustlessWithParameters += 1 } }
      for name in a.keys.sorted() {
        if tieParameters.contains(name), let v = parameter(a[name]!) {
          line += " \(name) \(v)"
          tieParametersWritten.insert(name)
          parametrised = true
        } else {
          unwritableTie[name, default: 0] += 1
        }
      }
      return line + "\n"
    }
    let keyword = network.isDirected ? "*Arcs" : "*Edges"
    if relations {
      let plain = network.ties.filter { $0.layer == nil }
      if !plain.isEmpty {
        out += keyword + "\n"
        for tie in plain { out += tieLine(tie) }
      }
      var byLayer: [String: [Tie]] = [:]
      for tie in network.ties { if let l = tie.layer { byLayer[l, default: []].append(tie) } }
      for layer in layers where clean(layer) != layer || layer.isEmpty {
        dropped.append(
          layer.isEmpty
            ? "a layer without a name is written as a relation without a label, which reads back named by its number"
            : "the layer '\(visibleText(layer))' holds a double quote, a line break or another control character, which a Pajek relation's label cannot: written with ' and spaces in their place"
        )
      }
      for (r, layer) in layers.enumerated() {
        out += "\(keyword) :\(r + 1) \"\(clean(layer))\"\n"
        for tie in byLayer[layer]! { out += tieLine(tie) }
      }
    } else {
      out += keyword + "\n"
      for tie in network.ties { out += tieLine(tie) }
    }
    if tieIDs > 0 {
      dropped.append(
        "the ids of \(tieIDs) tie\(tieIDs == 1 ? "" : "s") are not written: Pajek ties have none")
    }
    if !tieParametersWritten.isEmpty {
      let names = tieParametersWritten.sorted()
      dropped.append(
        "the tie attribute\(names.count == 1 ? "" : "s") \(names.map { "'\($0)'" }.joined(separator: ", ")) \(names.count == 1 ? "is" : "are") written as Pajek's tie drawing parameter\(names.count == 1 ? "" : "s") of that name, which igraph reads renamed (\(names.map { "\($0) as '\(igraphTieParameterNames[$0] ?? $0)'" }.joined(separator: ", "))) and networkx as text"
      )
    }
    if trustlessWithParameters > 0 {
      dropped.append(
        "\(trustlessWithParameters) tie\(trustlessWithParameters == 1 ? "" : "s") without a trust \(trustlessWithParameters == 1 ? "has" : "have") drawing parameters after \(trustlessWithParameters == 1 ? "its" : "their") ends, which networkx (3.6) reads out of place (it takes the item after the ends as the weight) and R's network (read.paj) refuses: for those, write GraphML"
      )
    }
    for (name, count) in unwritableTie.sorted(by: { $0.key < $1.key }) {
      dropped.append(
        "the tie attribute '\(name)' (\(count) tie\(count == 1 ? "" : "s")) is not written: Pajek has no place for it"
      )
    }
    return (out, dropped)
  }

  /// A label or name as Pajek can hold it: a double quote becomes `'`, a line break, tab or
  /// other control character (NUL among them, which no reader takes) a space; the writer says
  /// which ids and layers it changed.
  static func clean(_ s: String) -> String {
    func isControl(_ u: Unicode.Scalar) -> Bool {
      u.value < 0x20 || u.value == 0x7F || u == "\u{2028}" || u == "\u{2029}"
    }
    guard s.unicodeScalars.contains(where: { $0 == "\"" || isControl($0) }) else { return s }
    var out = ""
    for u in s.unicodeScalars {
      out.unicodeScalars.append(u == "\"" ? "'" : isControl(u) ? " " : u)
    }
    return out
  }

  /// A drawing parameter's value: a number as it is, text in double quotes; `nil` for what a
  /// parameter cannot hold (a double quote or line break, markup).
  static func parameter(_ v: AttributeValue) -> String? {
    switch v {
    case .integer(let i): return String(i)
    // With a decimal point, so that the value is read back as a real.
    case .double(let d): return d.isFinite ? GMLFormat.real(d) : nil
    case .boolean(let b): return b ? "true" : "false"
    case .string(let s):
      return s.contains(where: { $0 == "\"" || $0.isNewline }) ? nil : "\"\(s)\""
    case .markup: return nil
    }
  }
}
