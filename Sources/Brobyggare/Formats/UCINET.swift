import Foundation

/// UCINET's DL format (`.dl`), as UCINET, igraph and NetDraw read it.
///
/// Reading: a header (`dl n=5`, or `nr=` and `nc=` for a two-mode matrix; `nm=` matrices;
/// `format = fullmatrix | edgelist1 | nodelist1`; `diagonal = present | absent`; `labels
/// embedded`, or `labels:`, `row labels:`, `column labels:` and `matrix labels:` lists), then
/// `data:`. Keywords and labels are case-insensitive, as UCINET reads them; a node takes the
/// spelling of its first appearance (the column labels of an embedded full matrix, as igraph).
/// A matrix is directed, as igraph reads it (with `directed: false`, a symmetric one is read
/// undirected). A non-zero cell or a listed pair is a tie, its value the trust when any value
/// is other than 1; several matrices are layers; a two-mode matrix ties rows to columns and
/// marks each node's `mode`.
///
/// Writing: an `edgelist1` with the labels listed and node numbers in the data, trust as the
/// third value (1 without trust), one list per layer (`nm=` with `matrix labels:`, lists
/// separated by `!`). igraph reads full matrices of 0 and 1 only, and no `nm=`: a file of
/// one layer is what igraph reads with every weight.
///
/// Borgatti, S. P., Everett, M. G. & Freeman, L. C. (2002). *UCINET for Windows: Software for
/// Social Network Analysis*. Analytic Technologies.
public enum UCINETFormat {
  /// The largest n a header may give: a full matrix of n² cells must fit in memory.
  static let maximumNodes = 1_000_000

  /// Reads a UCINET DL file; `directed` overrides the default (directed).
  ///
  /// - Throws: ``FormatError`` naming `file`, line and column.
  /// - Complexity: O(size of the data), O(n²) for a full matrix.
  public static func read(_ data: Data, file: String, directed: Bool? = nil) throws(FormatError)
    -> Network
  {
    let text = try decodeText(data, file: file)
    var lexer = DLLexer(text: Array(text.unicodeScalars), file: file)
    var header = DLHeader()
    try header.read(&lexer)
    return try header.network(&lexer, directed: directed)
  }

  /// Whether the text starts with the `dl` keyword.
  static func looksLike(_ head: String) -> Bool {
    let t = head.drop { $0.isWhitespace || $0 == "\u{FEFF}" }.lowercased()
    return t.hasPrefix("dl ") || t.hasPrefix("dl\n") || t.hasPrefix("dl\t") || t.hasPrefix("dl\r")
  }

  /// The network as DL; `dropped` says what DL cannot hold, one sentence each.
  public static func write(_ network: Network) throws(FormatError) -> (
    text: String, dropped: [String]
  ) {
    var dropped: [String] = []
    // Labels UCINET would read as one (equal but for case, or made equal by the quoting) and a
    // NUL cannot be written.
    var seen: [String: String] = [:]
    for node in network.nodes {
      if node.id.unicodeScalars.contains("\0") {
        throw FormatError(
          file: "<output>", line: 0, column: 0,
          "the id of node '\(visibleText(node.id))' holds a NUL, which a DL file cannot hold")
      }
      let key = node.id.replacingOccurrences(of: "\"", with: "'").replacingOccurrences(
        of: "\n", with: " "
      ).replacingOccurrences(of: "\r", with: " ").lowercased()
      if let first = seen[key] {
        throw FormatError(
          file: "<output>", line: 0, column: 0,
          "the ids '\(visibleText(first))' and '\(visibleText(node.id))' would be one label in a DL file (UCINET ignores case); write GraphML or CSV instead"
        )
      }
      seen[key] = node.id
    }
    let zeroTrust = network.ties.lazy.filter { $0.trust == 0 }.count
    if zeroTrust > 0 {
      dropped.append(
        "UCINET DL cannot hold ties of trust 0 (a DL file reads 0 as no tie): \(zeroTrust) not written"
      )
    }
    let n = network.nodeCount
    let layers: [String?] =
      network.hasLayers
      ? network.layers.map { Optional($0) }
        + (network.ties.contains { $0.layer == nil } ? [nil] : []) : [nil]
    // Quoted when it holds a separator or could read as a keyword or its punctuation.
    func label(_ s: String) -> String {
      s.contains(where: {
        $0 == "," || $0 == " " || $0 == "\"" || $0 == "\t" || $0 == ":" || $0 == "=" || $0 == "!"
          || $0 == "'"
      })
        || s.isEmpty || DLHeader.keywords.contains(s.lowercased()) || s.lowercased() == "dl"
        ? "\"" + s.replacingOccurrences(of: "\"", with: "'") + "\"" : s
    }
    if network.nodes.contains(where: { $0.id.contains(" ") || $0.id.contains(",") }) {
      dropped.append(
        "ids with spaces or commas are written in quotes, as UCINET reads them; igraph's DL reader splits them at the space or comma and gives their ties to other names"
      )
    }
    if network.nodes.contains(where: {
      $0.id.contains("\"") || $0.id.contains("\n") || $0.id.contains("\r")
    }) {
      dropped.append(
        "quotes and line breaks in ids are written as ' and spaces: DL labels cannot hold them")
    }
    if network.nodes.contains(where: { !$0.attributes.isEmpty }) {
      dropped.append(
        "UCINET DL cannot hold node attributes and labels other than the ids; not written")
    }
    if network.ties.contains(where: { !$0.attributes.isEmpty }) {
      dropped.append("UCINET DL cannot hold tie attributes; not written")
    }
    if !network.isDirected {
      dropped.append(
        "a DL matrix cannot say that the ties are undirected: read it back with --undirected")
    }
    if layers.count > 1 {
      dropped.append(
        "the \(layers.count) layers are written as \(layers.count) matrices (nm=\(layers.count)), as UCINET reads them; igraph's DL reader (python and R) refuses a file of several matrices: for igraph, write GraphML"
      )
    }
    var out = "dl n=\(n)"
    if layers.count > 1 { out += " nm=\(layers.count)" }
    out += "\nformat = edgelist1\n"
    out +=
      "labels:\n"
      + network.nodes.map {
        label(
          $0.id.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " "))
      }.joined(separator: ",") + "\n"
    if layers.count > 1 {
      // Layer names as the ids: no NUL, quotes and line breaks replaced (said), and no two
      // names that would read back as one.
      var seenLayers: [String: String] = [:]
      var renamed: [String] = []
      var names: [String] = []
      for layer in layers {
        let name = layer ?? "(no layer)"
        if name.unicodeScalars.contains("\0") {
          throw FormatError(
            file: "<output>", line: 0, column: 0,
            "the layer '\(visibleText(name))' holds a NUL, which a DL file cannot hold")
        }
        let written = name.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(
          of: "\r", with: " ")
        let key = written.replacingOccurrences(of: "\"", with: "'").lowercased()
        if let first = seenLayers[key] {
          throw FormatError(
            file: "<output>", line: 0, column: 0,
            "the layers '\(visibleText(first))' and '\(visibleText(name))' would be one matrix label in a DL file (UCINET ignores case); write GraphML or CSV instead"
          )
        }
        seenLayers[key] = name
        if written.replacingOccurrences(of: "\"", with: "'") != name { renamed.append(name) }
        names.append(written)
      }
      if layers.contains(where: { $0 == nil }) {
        let count = network.ties.lazy.filter { $0.layer == nil }.count
        dropped.append(
          "\(count) tie\(count == 1 ? "" : "s") without a layer \(count == 1 ? "is" : "are") written in a matrix labelled '(no layer)' (a DL file of several matrices has a label for each), which reads back as a layer of that name"
        )
      }
      if !renamed.isEmpty {
        dropped.append(
          "the layer\(renamed.count == 1 ? "" : "s") \(renamed.map { "'\(visibleText($0))'" }.joined(separator: ", ")) \(renamed.count == 1 ? "is" : "are") written with ' and spaces in place of quotes and line breaks: DL labels cannot hold them"
        )
      }
      out += "matrix labels:\n" + names.map(label).joined(separator: ",") + "\n"
    }
    out += "data:\n"
    var merged = false
    for layer in layers {
      // In the order of the ties, so that the file reads back in the same order.
      var cell: [Int: Double] = [:]
      var order: [Int] = []
      // Ties of trust 0 are left out (said above): UCINET reads a 0 as no tie.
      for t in network.ties where t.layer == layer && t.trust != 0 {
        let w = t.trust ?? 1
        for (a, b) in network.isDirected || t.source == t.target
          ? [(t.source, t.target)] : [(t.source, t.target), (t.target, t.source)]
        {
          let key = a * n + b
          if let old = cell[key] {
            merged = true
            cell[key] = max(old, w)
          } else {
            cell[key] = w
            order.append(key)
          }
        }
      }
      for key in order { out += "\(key / n + 1) \(key % n + 1) \(formatNumber(cell[key]!))\n" }
      if layers.count > 1 { out += "!\n" }
    }
    if merged {
      dropped.append(
        "parallel ties within a layer are merged, keeping the largest trust: a DL matrix holds one value per pair"
      )
    }
    return (out, dropped)
  }
}

/// The scalars of a DL file with a position, read as words, numbers and the punctuation the
/// header uses.
struct DLLexer {
  let text: [Unicode.Scalar]
  let file: String
  var i = 0
  var line = 1
  var column = 1

  func error(_ m: String, line l: Int? = nil, column c: Int? = nil) -> FormatError {
    FormatError(file: file, line: l ?? line, column: c ?? column, m)
  }

  var atEnd: Bool { i >= text.count }

  mutating func advance() {
    if text[i] == "\n" {
      line += 1
      column = 1
    } else {
      column += 1
    }
    i += 1
  }

  /// Skips spaces, tabs, commas and, when `newlines`, line breaks.
  mutating func skip(newlines: Bool = true) {
    while i < text.count {
      let c = text[i]
      if c == " " || c == "\t" || c == "," || c == "\u{FEFF}"
        || (newlines && (c == "\n" || c == "\r"))
      {
        advance()
      } else {
        break
      }
    }
  }

  /// The next word (a quoted label, or a run up to white space, a comma, `=` or `:`), with its
  /// line and column; `nil` at the end.
  mutating func word() -> (String, Int, Int)? {
    skip()
    guard i < text.count else { return nil }
    let (l, c) = (line, column)
    if text[i] == "\"" || text[i] == "'" {
      let q = text[i]
      advance()
      var s = String.UnicodeScalarView()
      while i < text.count, text[i] != q, text[i] != "\n" {
        s.append(text[i])
        advance()
      }
      if i < text.count, text[i] == q { advance() }
      return (String(s), l, c)
    }
    if text[i] == "=" || text[i] == ":" {
      let p = String(text[i])
      advance()
      return (p, l, c)
    }
    var s = String.UnicodeScalarView()
    while i < text.count {
      let ch = text[i]
      if ch == " " || ch == "\t" || ch == "," || ch == "\n" || ch == "\r" || ch == "=" || ch == ":"
      {
        break
      }
      s.append(ch)
      advance()
    }
    return (String(s), l, c)
  }

  /// The words of the rest of the current line (for the rows of a data section).
  mutating func lineWords() -> [(String, Int, Int)]? {
    while i < text.count,
      text[i] == "\n" || text[i] == "\r" || text[i] == " " || text[i] == "\t" || text[i] == ","
    { advance() }
    guard i < text.count else { return nil }
    let startLine = line
    var words: [(String, Int, Int)] = []
    while i < text.count, line == startLine {
      skip(newlines: false)
      guard i < text.count, text[i] != "\n", text[i] != "\r" else { break }
      if let w = word() { words.append(w) }
    }
    return words
  }

  /// Whether the next word is quoted.
  func nextIsQuoted() -> Bool {
    var copy = self
    copy.skip()
    return copy.i < copy.text.count && (copy.text[copy.i] == "\"" || copy.text[copy.i] == "'")
  }

  /// Looks at the next word without taking it.
  func peekWord() -> String? {
    var copy = self
    return copy.word()?.0
  }
}

/// What a DL header says.
struct DLHeader {
  var n: Int?
  var rows: Int?
  var columns: Int?
  var matrices = 1
  var format = "fullmatrix"
  var diagonalPresent = true
  var embedded = false
  var labels: [String] = []
  var rowLabels: [String] = []
  var columnLabels: [String] = []
  var matrixLabels: [String] = []
  /// Where each label list starts (its keyword), for the message when its length is wrong.
  var listAt: [String: (line: Int, column: Int)] = [:]

  static let keywords: Set<String> = [
    "n", "nr", "nc", "nm", "format", "diagonal", "labels", "row", "col", "column", "matrix", "data",
    "level",
  ]

  mutating func read(_ lex: inout DLLexer) throws(FormatError) {
    guard let (first, l, c) = lex.word(), first.lowercased() == "dl" else {
      throw lex.error("a DL file starts with 'dl'", line: 1, column: 1)
    }
    _ = (l, c)
    func number(_ name: String) throws(FormatError) -> Int {
      guard let (eq, _, _) = lex.word(), eq == "=" else {
        throw lex.error("expected '=' after '\(name)'")
      }
      guard let (v, vl, vc) = lex.word(), let k = Int(v), k >= 0, k <= UCINETFormat.maximumNodes
      else {
        throw lex.error("'\(name)' takes a whole number from 0 to \(UCINETFormat.maximumNodes)")
      }
      // A few bytes declaring a million nodes (a slip, or a hostile file) would make them all:
      // as for Pajek's *Vertices, a file describes at most 16 nodes a byte beyond 100,000.
      let described = max(100_000, 16 * lex.text.count)
      if name != "nm" && k > described {
        throw lex.error(
          "'\(name)=\(k)' declares more nodes than a file of this size describes (at most \(described)); expected the number of nodes",
          line: vl, column: vc)
      }
      return k
    }
    func list() -> [String] {
      // Labels up to the next keyword that ends with ':' or starts a header line.
      var out: [String] = []
      while let w = lex.peekWord() {
        let lower = w.lowercased()
        // A quoted label is a label, whatever it spells.
        if !lex.nextIsQuoted(), DLHeader.keywords.contains(lower), isKeywordAhead(lex) { break }
        _ = lex.word()
        out.append(w)
      }
      return out
    }
    while let (w, wl, wc) = lex.word() {
      switch w.lowercased() {
      case "n": n = try number("n")
      case "nr": rows = try number("nr")
      case "nc": columns = try number("nc")
      case "nm": matrices = max(1, try number("nm"))
      case "format":
        guard let (eq, _, _) = lex.word(), eq == "=", let (f, fl, fc) = lex.word() else {
          throw lex.error("expected 'format = fullmatrix', 'edgelist1' or 'nodelist1'")
        }
        switch f.lowercased() {
        case "fullmatrix", "fm": format = "fullmatrix"
        case "edgelist1", "el1": format = "edgelist1"
        case "nodelist1", "nl1": format = "nodelist1"
        default:
          throw lex.error(
            "the DL format '\(f)' is not read; expected fullmatrix, edgelist1 or nodelist1",
            line: fl, column: fc)
        }
      case "diagonal":
        guard let (eq, _, _) = lex.word(), eq == "=", let (v, _, _) = lex.word() else {
          throw lex.error("expected 'diagonal = present' or 'absent'")
        }
        diagonalPresent = v.lowercased() != "absent"
      case "labels":
        if let next = lex.peekWord()?.lowercased(), next == "embedded" {
          _ = lex.word()
          if lex.peekWord() == ":" { _ = lex.word() }
          embedded = true
        } else {
          guard let (colon, _, _) = lex.word(), colon == ":" else {
            throw lex.error("expected 'labels:' or 'labels embedded'")
          }
          listAt["labels"] = (wl, wc)
          labels = list()
        }
      case "row", "col", "column", "matrix":
        guard let (kw, _, _) = lex.word(), kw.lowercased() == "labels" else {
          throw lex.error("expected '\(w) labels'")
        }
        if lex.peekWord()?.lowercased() == "embedded" {
          _ = lex.word()
          embedded = true
          continue
        }
        guard let (colon, _, _) = lex.word(), colon == ":" else {
          throw lex.error("expected ':' after '\(w) labels'")
        }
        listAt["\(w.lowercased()) labels"] = (wl, wc)
        let l = list()
        switch w.lowercased() {
        case "row": rowLabels = l
        case "matrix": matrixLabels = l
        default: columnLabels = l
        }
      case "data":
        if lex.peekWord() == ":" { _ = lex.word() }
        return
      case "=", ":":
        continue
      default:
        throw lex.error(
          "unexpected '\(w)' in the DL header; expected n=, format=, labels: or data:", line: wl,
          column: wc)
      }
    }
    throw lex.error("the DL header never reaches 'data:'")
  }

  /// Whether the lexer is at a header keyword (`labels:`, `data:`, `format =`, ...) rather
  /// than a label that happens to spell one.
  func isKeywordAhead(_ lex: DLLexer) -> Bool {
    var copy = lex
    guard let (w, _, _) = copy.word() else { return false }
    let lower = w.lowercased()
    let next = copy.peekWord()?.lowercased()
    switch lower {
    case "data": return true
    case "labels", "row", "col", "column", "matrix":
      return next == ":" || next == "labels" || next == "embedded"
    default: return next == "="
    }
  }

  mutating func network(_ lex: inout DLLexer, directed asked: Bool?) throws(FormatError) -> Network
  {
    // UCINET reads labels without regard to case: two that differ only in case are one label.
    for list in [labels, rowLabels, columnLabels] {
      var seen: [String: String] = [:]
      for l in list {
        if let first = seen[l.lowercased()] {
          throw lex.error(
            "the labels '\(FormatError.excerpt(first))' and '\(FormatError.excerpt(l))' are the same label to UCINET, which ignores case; give every node a label of its own",
            line: 1, column: 1)
        }
        seen[l.lowercased()] = l
      }
    }
    let twoMode = rows != nil || columns != nil
    if twoMode && (rows == nil || columns == nil) {
      throw lex.error("a two-mode DL header needs both nr= and nc=")
    }
    guard twoMode || n != nil else {
      throw lex.error("the DL header gives no n= (or nr= and nc=)", line: 1, column: 1)
    }
    let nr = rows ?? n!
    let nc = columns ?? n!
    // A label list of another length than the header says would leave nodes or layers without
    // their names, or names unused: refused at the list.
    func check(_ list: [String], _ key: String, _ expected: Int, _ what: String) throws(FormatError)
    {
      guard !list.isEmpty, list.count != expected, let at = listAt[key] else { return }
      throw lex.error(
        "the '\(key):' list has \(list.count) label\(list.count == 1 ? "" : "s"), but the header says \(expected) \(what); give one label for each",
        line: at.line, column: at.column)
    }
    try check(labels, "labels", twoMode ? nr + nc : nr, twoMode ? "rows and columns" : "nodes (n=)")
    try check(rowLabels, "row labels", nr, "rows (nr=)")
    try check(columnLabels, "col labels", nc, "columns (nc=)")
    try check(columnLabels, "column labels", nc, "columns (nc=)")
    try check(matrixLabels, "matrix labels", matrices, "matrices (nm=)")
    if format == "fullmatrix" && Double(nr) * Double(nc) * Double(matrices) > 1e9 {
      throw lex.error(
        "the DL header asks for \(matrices) matrix of \(nr) x \(nc) cells, more than the 10^9 read here; write an edgelist1 instead",
        line: 1, column: 1)
    }
    var network = Network(directed: true)
    var notes: [String] = []
    // Labels: case-insensitive; a node takes the spelling of its first appearance.
    var index: [String: Int] = [:]
    var clash: String?
    func node(_ name: String, mode: String?) -> Int {
      let key = name.lowercased()
      if let i = index[key] {
        if let mode, network.nodes[i].attributes["mode"]?.description != mode, clash == nil {
          clash = name
        }
        return i
      }
      let i = network.node(withID: name)
      if let mode { network.setNodeAttribute("mode", .string(mode), at: i) }
      index[key] = i
      return i
    }
    let layerNames = (0..<matrices).map { k in
      k < matrixLabels.count ? matrixLabels[k] : (matrices > 1 ? String(k + 1) : nil)
    }
    var rowNodes: [Int] = []
    var colNodes: [Int] = []
    let rl = twoMode ? rowLabels : (labels.isEmpty ? rowLabels : labels)
    let cl =
      twoMode
      ? columnLabels : (labels.isEmpty ? (columnLabels.isEmpty ? rowLabels : columnLabels) : labels)
    var ties: [(Int, Int, Double, String?, Int, Int)] = []
    if format == "fullmatrix" {
      for m in 0..<matrices {
        var columnsHere: [Int] = []
        if embedded {
          guard let top = lex.lineWords(), top.count == nc else {
            throw lex.error("expected a row of \(nc) column labels (labels embedded)")
          }
          columnsHere = top.map { node($0.0, mode: twoMode ? "column" : nil) }
        }
        var rowsHere: [Int] = []
        for r in 0..<nr {
          guard let words = lex.lineWords() else {
            throw lex.error("the matrix ends after \(r) of its \(nr) rows; expected \(nr)")
          }
          var cells = words
          var rowNode: Int
          if embedded {
            rowNode = node(cells.removeFirst().0, mode: twoMode ? "row" : nil)
          } else {
            let name = r < rl.count ? rl[r] : (twoMode ? "r\(r + 1)" : String(r + 1))
            rowNode = node(name, mode: twoMode ? "row" : nil)
          }
          rowsHere.append(rowNode)
          let expected = diagonalPresent || twoMode ? nc : nc - 1
          guard cells.count == expected else {
            throw FormatError(
              file: lex.file, line: words.first?.1 ?? lex.line, column: 1,
              "this row has \(cells.count) values; the matrix has \(expected) columns")
          }
          for (k, cell) in cells.enumerated() {
            let col = diagonalPresent || twoMode ? k : (k >= r ? k + 1 : k)
            guard let v = decimalDouble(cell.0), v.isFinite else {
              throw FormatError(
                file: lex.file, line: cell.1, column: cell.2,
                "the value '\(cell.0)' is not a number")
            }
            guard SignedReading.admits(v) else {
              throw FormatError(
                file: lex.file, line: cell.1, column: cell.2,
                "the value \(cell.0) is negative; trust must be ≥ 0 (\(TieSign.hint))")
            }
            if v == 0 { continue }
            ties.append((rowNode, -(col + 1), v, layerNames[m], cell.1, cell.2))
          }
        }
        if !embedded {
          columnsHere = (0..<nc).map { c in
            let name = c < cl.count ? cl[c] : (twoMode ? "c\(c + 1)" : String(c + 1))
            return node(name, mode: twoMode ? "column" : nil)
          }
        }
        // Column numbers become nodes now that the column labels are known.
        for k in ties.indices where ties[k].1 < 0 { ties[k].1 = columnsHere[-ties[k].1 - 1] }
        if m == 0 {
          rowNodes = rowsHere
          colNodes = columnsHere
        }
      }
      _ = (rowNodes, colNodes)
    } else {
      // edgelist1 / nodelist1: pairs (or a node and its contacts) by label or by number.
      let names = labels.isEmpty ? rowLabels : labels
      // Pairs listed with the value 0: no tie, as UCINET reads them (said in a note).
      var zeroPairs = 0
      if !embedded {
        for k in 0..<nr { _ = node(k < names.count ? names[k] : String(k + 1), mode: nil) }
      }
      func resolve(_ w: (String, Int, Int)) throws(FormatError) -> Int {
        if embedded { return node(w.0, mode: nil) }
        guard let k = Int(w.0), k >= 1, k <= nr else {
          throw FormatError(
            file: lex.file, line: w.1, column: w.2,
            "'\(w.0)' is not a node number from 1 to \(nr); without 'labels embedded' the data give numbers"
          )
        }
        guard k - 1 < network.nodeCount else {
          throw FormatError(
            file: lex.file, line: w.1, column: w.2, "'\(w.0)' names a node the labels do not give")
        }
        return k - 1
      }
      var m = 0
      var lastLine = 1
      // A '!' after the last declared matrix ends it (as this writer puts one after each);
      // rows after that one would be a matrix more than the header declares.
      var ended: (line: Int, column: Int)? = nil
      while let words = lex.lineWords() {
        lastLine = words[0].1
        if let ended {
          throw FormatError(
            file: lex.file, line: ended.line, column: ended.column,
            "a '!' starts matrix \(m + 2), but the header declares \(matrices) (nm=\(matrices)); give nm=\(m + 2) or remove the '!'"
          )
        }
        if words.count == 1 && words[0].0 == "!" {
          // A '!' starts the next matrix.
          if m + 1 < matrices { m += 1 } else { ended = (words[0].1, words[0].2) }
          continue
        }
        if format == "edgelist1" {
          guard words.count == 2 || words.count == 3 else {
            throw FormatError(
              file: lex.file, line: words[0].1, column: words[0].2,
              "an edgelist1 row has two labels and an optional value; this one has \(words.count) fields"
            )
          }
          var v = 1.0
          if words.count == 3 {
            guard let x = decimalDouble(words[2].0), SignedReading.admits(x) else {
              let negative = decimalDouble(words[2].0).map { $0 < 0 } ?? false
              throw FormatError(
                file: lex.file, line: words[2].1, column: words[2].2,
                "the value '\(words[2].0)' is not a number ≥ 0"
                  + (negative ? " (\(TieSign.hint))" : ""))
            }
            v = x
          }
          let a = try resolve(words[0])
          let b = try resolve(words[1])
          if v != 0 {
            ties.append((a, b, v, layerNames[m], words[0].1, words[0].2))
          } else {
            zeroPairs += 1
          }
        } else {
          let a = try resolve(words[0])
          for w in words.dropFirst() {
            ties.append((a, try resolve(w), 1, layerNames[m], w.1, w.2))
          }
        }
      }
      if zeroPairs > 0 {
        notes.append(
          "\(zeroPairs) listed pair\(zeroPairs == 1 ? " has" : "s have") the value 0 and \(zeroPairs == 1 ? "is" : "are") read as no tie, as UCINET reads a 0 (igraph's DL reader keeps them as ties of weight 0)"
        )
      }
      if m + 1 < matrices {
        throw FormatError(
          file: lex.file, line: lastLine, column: 1,
          "the header declares \(matrices) matrices (nm=\(matrices)), but the data hold \(m + 1): each matrix after the first starts with a line holding '!'; without them every tie would be in matrix '\(layerNames[0] ?? "1")'"
        )
      }
    }
    if let clash {
      throw lex.error(
        "the label '\(clash)' names both a row and a column of the two-mode matrix; give the rows and columns labels of their own",
        line: 1, column: 1)
    }
    let weighted = ties.contains { $0.2 != 1 }
    if asked == false {
      // Undirected on request: each pair once, and the matrix must say the same both ways.
      var seen: [[Int]: Double] = [:]
      var kept: [(Int, Int, Double, String?, Int, Int)] = []
      for t in ties {
        let key = [min(t.0, t.1), max(t.0, t.1), layerNames.firstIndex(of: t.3) ?? 0]
        if let v = seen[key] {
          guard v == t.2 || t.0 == t.1 else {
            throw FormatError(
              file: lex.file, line: t.4, column: t.5,
              "the matrix is not symmetric (\(formatNumber(v)) one way, \(formatNumber(t.2)) the other), so it cannot be read as undirected"
            )
          }
          continue
        }
        seen[key] = t.2
        kept.append(t)
      }
      network.isDirected = false
      ties = kept
    } else if !twoMode {
      var value: [[Int]: Double] = [:]
      for t in ties { value[[t.0, t.1, layerNames.firstIndex(of: t.3) ?? 0]] = t.2 }
      if !ties.isEmpty
        && ties.allSatisfy({ value[[$0.1, $0.0, layerNames.firstIndex(of: $0.3) ?? 0]] == $0.2 })
      {
        notes.append(
          "the ties are symmetric (each one both ways); they are read as directed, as igraph reads DL; --undirected reads them as undirected"
        )
      }
    }
    for t in ties {
      network.addTie(Tie(source: t.0, target: t.1, trust: weighted ? t.2 : nil, layer: t.3))
    }
    if weighted { network.trustAttributeName = "weight" }
    if twoMode {
      network.declareNodeAttribute(AttributeDeclaration(name: "mode", type: .string))
      notes.append(
        "a two-mode matrix: rows and columns are nodes of their own, marked by the attribute 'mode' (row or column)"
      )
    }
    network.readNotes += notes
    return network
  }
}
