import Foundation

extension DOTFormat {
  enum Token: Equatable {
    case id(String, quoted: Bool)
    case edgeOp(directed: Bool)
    case punct(Character)
  }

  /// Splits DOT text into tokens, reading its UTF-8 bytes. Columns count Unicode scalars, as
  /// the other readers' do, and a CRLF line ending is two scalars, so `//` comments, `#` lines
  /// and line numbers end at it as at LF. Every byte the lexer compares is ASCII, so it never
  /// splits a multi-byte scalar; ids are decoded from their bytes whole.
  struct Lexer {
    let bytes: [UInt8]
    let file: String
    var i = 0
    var line = 1
    var col = 1

    init(_ text: String, file: String) {
      bytes = Array(text.utf8)
      self.file = file
    }

    /// The bytes of the scalar whose lead byte is `b` (the text is valid UTF-8).
    static func scalarLength(_ b: UInt8) -> Int { b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2 }

    /// Moves past one scalar.
    mutating func advance() {
      let b = bytes[i]
      if b == 0x0A {
        line += 1
        col = 1
        i += 1
        return
      }
      col += 1
      i += Self.scalarLength(b)
    }

    /// The text of the bytes in `range`.
    func text(_ range: Range<Int>) -> String {
      bytes.withUnsafeBufferPointer {
        String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self)
      }
    }

    /// The scalar that starts at byte `at`.
    func scalar(at j: Int) -> Unicode.Scalar {
      let b = UInt32(bytes[j])
      if b < 0x80 { return Unicode.Scalar(UInt8(b)) }
      let (count, lead): (Int, UInt32) =
        b >= 0xF0 ? (4, b & 0x07) : b >= 0xE0 ? (3, b & 0x0F) : (2, b & 0x1F)
      var v = lead
      for k in 1..<count { v = v << 6 | UInt32(bytes[j + k] & 0x3F) }
      return Unicode.Scalar(v) ?? "\u{FFFD}"
    }

    func error(_ m: String, line l: Int? = nil, column c: Int? = nil) -> FormatError {
      FormatError(file: file, line: l ?? line, column: c ?? col, m)
    }

    /// Whether the scalar at byte `j` is white space as Unicode defines it (line breaks
    /// included).
    func isSpace(at j: Int) -> Bool {
      let b = bytes[j]
      if b < 0x80 { return b == 0x20 || (b >= 0x09 && b <= 0x0D) }
      return scalar(at: j).properties.isWhitespace
    }

    /// Whether byte `b` starts or continues an unquoted id: an ASCII letter, digit, '_' or '.',
    /// or any non-ASCII scalar (as Graphviz reads them).
    static func isIDByte(_ b: UInt8) -> Bool {
      b >= 0x80 || (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
        || b == 0x5F || b == 0x2E
    }

    /// The next token with its line and column, or `nil` at the end.
    mutating func next() throws(FormatError) -> (Token, Int, Int)? {
      let n = bytes.count
      while i < n {
        let c = bytes[i]
        if isSpace(at: i) {
          advance()
          continue
        }
        if c == UInt8(ascii: "#") && (i == 0 || bytes[i - 1] == 0x0A) {
          while i < n && bytes[i] != 0x0A { advance() }
          continue
        }
        if c == UInt8(ascii: "/") && i + 1 < n && bytes[i + 1] == UInt8(ascii: "/") {
          while i < n && bytes[i] != 0x0A { advance() }
          continue
        }
        if c == UInt8(ascii: "/") && i + 1 < n && bytes[i + 1] == UInt8(ascii: "*") {
          let (l, cc) = (line, col)
          advance()
          advance()
          while i + 1 < n && !(bytes[i] == UInt8(ascii: "*") && bytes[i + 1] == UInt8(ascii: "/")) {
            advance()
          }
          guard i + 1 < n else {
            throw error("a comment is never closed; expected '*/'", line: l, column: cc)
          }
          advance()
          advance()
          continue
        }
        break
      }
      guard i < n else { return nil }
      let (l, cc) = (line, col)
      let c = bytes[i]
      switch c {
      case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "]"),
        UInt8(ascii: ";"), UInt8(ascii: ","),
        UInt8(ascii: "="), UInt8(ascii: ":"):
        advance()
        return (.punct(Character(Unicode.Scalar(c))), l, cc)
      default: break
      }
      if c == UInt8(ascii: "-") && i + 1 < n
        && (bytes[i + 1] == UInt8(ascii: ">") || bytes[i + 1] == UInt8(ascii: "-"))
      {
        let d = bytes[i + 1] == UInt8(ascii: ">")
        advance()
        advance()
        return (.edgeOp(directed: d), l, cc)
      }
      if c == UInt8(ascii: "\"") {
        advance()
        var s: [UInt8] = []
        var runStart = i
        while i < n && bytes[i] != UInt8(ascii: "\"") {
          if bytes[i] == UInt8(ascii: "\\") && i + 1 < n {
            let e = bytes[i + 1]
            var replacement: UInt8? = nil
            var skip = 0
            // As Graphviz reads a quoted string: only \" and a continuation are escapes; every
            // other backslash stays (\n, \l, \N and \\ are Graphviz's label escapes). A pair
            // \\ is read as one piece and kept, so its second backslash escapes nothing:
            // "a\\" is a, two backslashes, then the closing quote (as Graphviz 2.43 reads it).
            if e == UInt8(ascii: "\\") {
              advance()
              advance()
              continue
            }
            if e == UInt8(ascii: "\"") {
              replacement = UInt8(ascii: "\"")
              skip = 2
            } else if e == 0x0A {
              skip = 2
            }  // line continuation
            else if e == 0x0D && i + 2 < n && bytes[i + 2] == 0x0A {
              skip = 3
            }
            if skip > 0 {
              s.append(contentsOf: bytes[runStart..<i])
              if let replacement { s.append(replacement) }
              for _ in 0..<skip { advance() }
              runStart = i
              continue
            }
          }
          advance()
        }
        guard i < n else {
          throw error("a quoted string is never closed; expected '\"'", line: l, column: cc)
        }
        let value: String
        if s.isEmpty {
          value = text(runStart..<i)
        } else {
          s.append(contentsOf: bytes[runStart..<i])
          value = String(decoding: s, as: UTF8.self)
        }
        advance()
        // "a" + "b" concatenation.
        var j = i
        while j < n && isSpace(at: j) { j += Self.scalarLength(bytes[j]) }
        if j < n && bytes[j] == UInt8(ascii: "+") {
          while i <= j { advance() }
          guard let (t, _, _) = try next(), case .id(let more, true) = t else {
            throw error("expected a quoted string after '+'")
          }
          return (.id(value + more, quoted: true), l, cc)
        }
        return (.id(value, quoted: true), l, cc)
      }
      if c == UInt8(ascii: "<") {
        var depth = 0
        let start = i
        repeat {
          if bytes[i] == UInt8(ascii: "<") {
            depth += 1
          } else if bytes[i] == UInt8(ascii: ">") {
            depth -= 1
          }
          advance()
        } while i < n && depth > 0
        guard depth == 0 else {
          throw error("an HTML string is never closed; expected '>'", line: l, column: cc)
        }
        // Kept whole, brackets and all, marked as HTML (a NUL cannot be in decoded text).
        return (.id(Parser.htmlMark + text(start..<i), quoted: true), l, cc)
      }
      if Self.isIDByte(c) || c == UInt8(ascii: "-") {
        let start = i
        while i < n, Self.isIDByte(bytes[i]) || (bytes[i] == UInt8(ascii: "-") && i == start) {
          advance()
        }
        return (.id(text(start..<i), quoted: false), l, cc)
      }
      throw error("unexpected character '\(scalar(at: i))'")
    }
  }

  /// Reads DOT as Graphviz reads it: `graph`/`digraph` and `strict` (repeated ties merge, their
  /// attributes too, later ones winning), node and edge statements, edge chains
  /// (`a -> b -> c`), attribute lists, and subgraphs: `node [...]`, `edge [...]`, `graph [...]`
  /// and `key = value` inside a subgraph apply inside it only, and each subgraph is kept in
  /// ``Network/subgraphs`` with its id, attributes and members (an edge to a subgraph ties
  /// every node in it). Ports (`a:p:n -> b:s`) are kept as the tie attributes `tailport` and
  /// `headport`. `charset=latin1` (or ISO-8859-1) is honoured. A file of several graphs gives
  /// the `graph`-th (from 1), with a note saying how many there are. A tie's `trust` or `weight`
  /// becomes its trust and `layer` its layer; other attributes are kept, typed by inference as
  /// in CSV.
  public static func read(_ data: Data, file: String, graph: Int = 1) throws(FormatError) -> Network
  {
    // Text that is UTF-8 is read as UTF-8 unless the graph itself says charset=latin1 (as
    // Graphviz honours only the root graph's charset); text that is not UTF-8 is read as
    // ISO-8859-1 when a charset says so anywhere in it.
    let declared = declaredCharset(data)
    if declared != nil, String(data: data, encoding: .utf8) != nil {
      let network = try read(data, file: file, graph: graph, encoding: nil)
      if let c = network.attributes["charset"]?.description.lowercased(),
        DOTFormat.latin1Names.contains(c)
      {
        return try read(data, file: file, graph: graph, encoding: "iso-8859-1")
      }
      return network
    }
    return try read(data, file: file, graph: graph, encoding: declared)
  }

  static let latin1Names: Set<String> = [
    "latin1", "latin-1", "l1", "iso-8859-1", "iso8859-1", "iso_8859-1", "iso-ir-100", "ibm819",
    "cp819", "csisolatin1",
  ]

  static func read(_ data: Data, file: String, graph: Int, encoding: String?) throws(FormatError)
    -> Network
  {
    // Tokens are read as the parser needs them, so memory holds the text and the network, not
    // a token for every word of the file.
    let stream = TokenStream(
      Lexer(try decodeText(data, file: file, fallbackEncoding: encoding), file: file))
    var starts: [Int] = []
    var next = 0
    var chosen: Network?
    while stream.token(next) != nil {
      starts.append(next)
      var one = Parser(stream: stream, file: file)
      one.p = next
      let network = try one.parseGraph()
      if starts.count == graph { chosen = network }
      next = one.p
    }
    if let failure = stream.failure { throw failure }
    guard graph >= 1, graph <= starts.count, var network = chosen else {
      throw FormatError(
        file: file, line: 1, column: 1,
        starts.isEmpty
          ? "the file holds no graph; expected 'graph' or 'digraph'"
          : "the file holds \(starts.count) graph\(starts.count == 1 ? "" : "s"); --graph takes 1 to \(starts.count), not \(graph)"
      )
    }
    if starts.count > 1 {
      network.readNotes.append(
        "the file holds \(starts.count) graphs; read graph \(graph)\(network.graphID.map { " ('\($0)')" } ?? ""); --graph K reads another"
      )
    }
    return network
  }

  /// The charset a DOT file declares (`charset=latin1`), read from its bytes before decoding,
  /// since the declaration says how to decode the rest; `nil` for UTF-8 or none.
  static func declaredCharset(_ data: Data) -> String? {
    let bytes = [UInt8](data)
    let needle = Array("charset".utf8)
    var i = 0
    while i + needle.count < bytes.count {
      if bytes[i] | 0x20 == needle[0],
        Array(bytes[i..<(i + needle.count)]).map({ $0 | 0x20 }) == needle
      {
        var j = i + needle.count
        while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
        guard j < bytes.count, bytes[j] == UInt8(ascii: "=") else {
          i += 1
          continue
        }
        j += 1
        while j < bytes.count,
          bytes[j] == 0x20 || bytes[j] == 0x09 || bytes[j] == UInt8(ascii: "\"")
        { j += 1 }
        var value: [UInt8] = []
        while j < bytes.count, value.count < 20, bytes[j] != UInt8(ascii: "\""), bytes[j] > 0x20,
          bytes[j] != UInt8(ascii: ","),
          bytes[j] != UInt8(ascii: ";"), bytes[j] != UInt8(ascii: "]")
        {
          value.append(bytes[j] | 0x20)
          j += 1
        }
        let name = String(decoding: value, as: UTF8.self)
        if latin1Names.contains(name) {
          return "iso-8859-1"
        }
        return nil
      }
      i += 1
    }
    return nil
  }

  /// The tokens of a text, read from its lexer as the parser asks for them; those behind the
  /// parser are forgotten. A lexer error ends the stream and is kept, to be thrown in place of
  /// whatever the parser would say about the end.
  final class TokenStream {
    var lexer: Lexer
    private var buffer: [(Token, Int, Int)] = []
    private var base = 0
    private var ended = false
    private(set) var failure: FormatError?
    /// Where the last token read starts.
    private(set) var last: (line: Int, column: Int)?

    init(_ lexer: Lexer) { self.lexer = lexer }

    /// Token `k` (counted from the start of the text), or `nil` past the end.
    func token(_ k: Int) -> (Token, Int, Int)? {
      while base + buffer.count <= k && !ended {
        do {
          if let t = try lexer.next() {
            buffer.append(t)
            last = (t.1, t.2)
          } else {
            ended = true
          }
        } catch {
          failure = error
          ended = true
        }
      }
      guard k >= base, k < base + buffer.count else { return nil }
      return buffer[k - base]
    }

    /// Forgets the tokens before `k`, in batches.
    func forget(before k: Int) {
      let drop = k - base
      if drop >= 4096 {
        buffer.removeFirst(drop)
        base = k
      }
    }
  }

  struct Parser {
    let stream: TokenStream
    let file: String
    var p = 0
    var directed = false
    /// Nodes numbered in the order they first appear, as the network will number them.
    var nodeIndex: [String: Int32] = [:]
    var nodeOrder: [String] = []
    var nodeAttrs: [[String: String]] = []
    var edges: [(Int32, Int32, [String: String], Int, Int)] = []
    /// Ties made so far by edge statements between groups of nodes.
    var tiesFromGroups = 0
    var graphAttrs: [String: String] = [:]
    var strict = false
    /// Subgraphs in the order they open; members are added as nodes are mentioned.
    var subgraphs:
      [(
        id: String?, parent: Int?, attributes: [String: String], node: [String: String],
        edge: [String: String], members: [Int]
      )] = []
    var subgraphIndex: [String: Int] = [:]
    /// How deep the subgraph being read is nested, and the most allowed (as for XML elements
    /// and JSON values).
    var depth = 0
    static let maximumDepth = 512
    /// The most ties one edge statement between subgraphs may make.
    static let maximumTiesPerStatement = 1_000_000
    /// The most ties all edge statements between groups of nodes (`{a b} -> {c d}`) may make.
    static let maximumTiesFromGroups = 5_000_000
    /// The mark of an HTML-like value among the strings, taken off when the network is built.
    static let htmlMark = "\u{0}"

    /// The attributes whose text Graphviz expands (`\N`, `\G`, `\E`, `\T`, `\H`).
    static let labelAttributes: Set<String> = ["label", "xlabel", "headlabel", "taillabel"]

    /// `text` as the name it stands for where it is one of Graphviz's name escapes alone
    /// (`\N`, the default label, is the node's name), as `names` says; any other text as it
    /// is. A label that holds an escape among other text (`AD\Nils`) is kept as written, as
    /// this project's DOT writer writes a label's backslashes: read back, it is the same.
    ///
    /// A whole label `\\N` (and so on) is Graphviz's way to write `\N` itself, which it draws
    /// as such: read as `\N`, as this project's writer writes such a label.
    static func expandingNames(_ text: String, _ names: [Character: String]) -> String {
      if text.count == 3, text.hasPrefix("\\\\"), nameEscapes.contains(text.last!) {
        return String(text.dropFirst())
      }
      guard text.count == 2, text.first == "\\", let name = names[text.last!] else { return text }
      return name
    }

    /// The letters of Graphviz's name escapes: `\N` the node, `\G` the graph, `\E` the edge,
    /// `\T` and `\H` its tail and head.
    static let nameEscapes: Set<Character> = ["N", "G", "E", "T", "H"]

    /// A value as the network holds it: an HTML-like label as markup (`<...>`), else typed.
    static func typedValue(_ raw: String, _ type: AttributeType) -> AttributeValue {
      if raw.hasPrefix(htmlMark) { return .markup(String(raw.dropFirst())) }
      return AttributeValue.parse(raw, as: type) ?? .string(raw)
    }

    init(stream: TokenStream, file: String) {
      self.stream = stream
      self.file = file
    }

    func error(_ m: String) -> FormatError {
      if let failure = stream.failure { return failure }
      if let t = stream.token(p) { return FormatError(file: file, line: t.1, column: t.2, m) }
      let last = stream.last
      return FormatError(
        file: file, line: last?.line ?? 1, column: (last?.column ?? 0) + 1,
        m + " (the file ends here)")
    }

    var peek: Token? { stream.token(p)?.0 }

    func isKeyword(_ t: Token?, _ k: String) -> Bool {
      if case .id(let s, false)? = t { return s.lowercased() == k }
      return false
    }

    mutating func expect(_ c: Character) throws(FormatError) {
      guard case .punct(c)? = peek else { throw error("expected '\(c)'") }
      p += 1
    }

    mutating func id() throws(FormatError) -> String {
      guard case .id(let s, _)? = peek else { throw error("expected an id") }
      p += 1
      return s
    }

    mutating func parseGraph() throws(FormatError) -> Network {
      if isKeyword(peek, "strict") {
        p += 1
        strict = true
      }
      if isKeyword(peek, "digraph") {
        directed = true
      } else if isKeyword(peek, "graph") {
        directed = false
      } else {
        throw error("expected 'graph' or 'digraph'")
      }
      p += 1
      var name: String?
      if case .id(let s, _)? = peek {
        name = s
        p += 1
      }
      try expect("{")
      var scope = Scope()
      _ = try statements(&scope)
      try expect("}")
      return try build(name: name)
    }

    struct Scope {
      var node: [String: String] = [:]
      var edge: [String: String] = [:]
      /// The subgraph the statements are in (an index into `subgraphs`), `nil` at the root.
      var subgraph: Int?
    }

    /// Adds a node to the subgraph it was mentioned in and to every one enclosing it.
    mutating func join(_ node: Int32, _ scope: Scope) {
      var s = scope.subgraph
      while let k = s {
        if !subgraphs[k].members.contains(Int(node)) { subgraphs[k].members.append(Int(node)) }
        s = subgraphs[k].parent
      }
    }

    /// The number of node `id`; a node new here takes `defaults` as its attributes.
    mutating func intern(_ id: String, defaults: [String: String]) -> Int32 {
      if let i = nodeIndex[id] { return i }
      let i = Int32(nodeOrder.count)
      nodeIndex[id] = i
      nodeOrder.append(id)
      nodeAttrs.append(defaults)
      return i
    }

    mutating func attrList() throws(FormatError) -> [String: String] {
      var attrs: [String: String] = [:]
      while case .punct("[")? = peek {
        p += 1
        while true {
          if case .punct("]")? = peek {
            p += 1
            break
          }
          let k = try id()
          var v = "true"
          if case .punct("=")? = peek {
            p += 1
            v = try id()
          }
          attrs[k] = v
          if case .punct(let c)? = peek, c == "," || c == ";" { p += 1 }
        }
      }
      return attrs
    }

    /// Parses statements up to the closing brace; returns the nodes they mention.
    mutating func statements(_ scope: inout Scope) throws(FormatError) -> [Int32] {
      var members: [Int32] = []
      while let t = peek {
        stream.forget(before: p - 1)
        if case .punct("}") = t { break }
        if case .punct(";") = t {
          p += 1
          continue
        }
        if isKeyword(t, "node") || isKeyword(t, "edge") || isKeyword(t, "graph") {
          if case .punct("[")? = stream.token(p + 1)?.0 {
            let which = {
              if case .id(let s, _) = t { return s.lowercased() }
              return ""
            }()
            p += 1
            let a = try attrList()
            switch which {
            case "node":
              scope.node.merge(a) { $1 }
              if let k = scope.subgraph { subgraphs[k].node.merge(a) { $1 } }
            case "edge":
              scope.edge.merge(a) { $1 }
              if let k = scope.subgraph { subgraphs[k].edge.merge(a) { $1 } }
            default:
              // A subgraph's graph attributes are its own: they do not reach the root.
              if let k = scope.subgraph {
                subgraphs[k].attributes.merge(a) { $1 }
              } else {
                graphAttrs.merge(a) { $1 }
              }
            }
            continue
          }
          throw error(
            "expected '[' after '\(isKeyword(t, "node") ? "node" : isKeyword(t, "edge") ? "edge" : "graph")'"
          )
        }
        // ID = ID at statement level.
        if case .id(let k, _) = t, case .punct("=")? = stream.token(p + 1)?.0,
          !isKeyword(t, "subgraph")
        {
          p += 2
          let v = try id()
          if let s = scope.subgraph { subgraphs[s].attributes[k] = v } else { graphAttrs[k] = v }
          continue
        }
        // An operand: a node id or a subgraph, then maybe an edge chain.
        let statementStart = stream.token(p).map { ($0.1, $0.2) } ?? (1, 1)
        var operands: [([Int32], String?)] = [try operand(&scope)]
        members += operands[0].0
        var edgeOpSeen = false
        while case .edgeOp(let d)? = peek {
          if d != directed {
            throw error(
              directed
                ? "'--' in a digraph; expected '->'" : "'->' in an undirected graph; expected '--'")
          }
          edgeOpSeen = true
          p += 1
          let o = try operand(&scope)
          members += o.0
          operands.append(o)
        }
        let attrs = try attrList()
        if edgeOpSeen {
          var merged = scope.edge
          merged.merge(attrs) { $1 }
          let previous = stream.token(max(0, p - 1))
          let (l, c) = (previous?.1 ?? 1, previous?.2 ?? 1)
          // {a1 ... a3000} -> {b1 ... b3000} asks for 9 million ties from 34 KB: a stated bound,
          // on the whole chain of the statement and on all such statements of the file.
          var made = 0
          for k in 0..<(operands.count - 1) {
            made += operands[k].0.count * operands[k + 1].0.count
            guard made <= Self.maximumTiesPerStatement else {
              throw FormatError(
                file: file, line: statementStart.0, column: statementStart.1,
                "this edge statement joins groups of nodes into more than \(Self.maximumTiesPerStatement) ties (\(operands[k].0.count) nodes to \(operands[k + 1].0.count) at its \(k + 1). step); one statement may make at most \(Self.maximumTiesPerStatement)"
              )
            }
          }
          if operands.contains(where: { $0.0.count > 1 }) {
            tiesFromGroups += made
            guard tiesFromGroups <= Self.maximumTiesFromGroups else {
              throw FormatError(
                file: file, line: statementStart.0, column: statementStart.1,
                "the edge statements between groups of nodes make more than \(Self.maximumTiesFromGroups) ties in all; a file may make at most \(Self.maximumTiesFromGroups) that way"
              )
            }
          }
          for k in 0..<(operands.count - 1) {
            var withPorts = merged
            if let port = operands[k].1, withPorts["tailport"] == nil {
              withPorts["tailport"] = port
            }
            if let port = operands[k + 1].1, withPorts["headport"] == nil {
              withPorts["headport"] = port
            }
            for a in operands[k].0 {
              for b in operands[k + 1].0 { edges.append((a, b, withPorts, l, c)) }
            }
          }
        } else if operands[0].0.count == 1 {
          // The operand has numbered the node, giving it the defaults if it is new here; a node
          // statement with attributes applies the defaults and its own.
          if !attrs.isEmpty {
            var merged = scope.node
            merged.merge(attrs) { $1 }
            let i = Int(operands[0].0[0])
            for (k, v) in merged { nodeAttrs[i][k] = v }
          }
        }
      }
      return members
    }

    /// A node (with its port, `p:n`, if any) or a subgraph's nodes.
    mutating func operand(_ scope: inout Scope) throws(FormatError) -> ([Int32], String?) {
      if isKeyword(peek, "subgraph") || peek == .punct("{") {
        var name: String?
        if isKeyword(peek, "subgraph") {
          p += 1
          if case .id(let s, _)? = peek {
            name = s
            p += 1
          }
        }
        guard case .punct("{")? = peek else {
          throw error("a subgraph reference without a body is not supported; expected '{'")
        }
        // Subgraphs are read by recursion: a bound keeps a hostile file from exhausting the stack.
        guard depth < Self.maximumDepth else {
          throw error("subgraphs are nested more than \(Self.maximumDepth) deep")
        }
        depth += 1
        defer { depth -= 1 }
        p += 1
        // A subgraph named again is the same subgraph (Graphviz adds to it).
        let k: Int
        if let name, let existing = subgraphIndex[name] {
          k = existing
        } else {
          k = subgraphs.count
          subgraphs.append((name, scope.subgraph, [:], [:], [:], []))
          if let name { subgraphIndex[name] = k }
        }
        var inner = scope
        inner.subgraph = k
        let m = try statements(&inner)
        try expect("}")
        return (m, nil)
      }
      var name = try id()
      // An id written as an HTML string (`<x>`) is the id `<x>`, without the reader's mark.
      if name.hasPrefix(Self.htmlMark) { name.removeFirst() }
      // A port (a:p, a:p:n, a:n) is kept for the tie; the node is a.
      var port: [String] = []
      while case .punct(":")? = peek {
        p += 1
        port.append(try id())
      }
      let node = intern(name, defaults: scope.node)
      join(node, scope)
      return ([node], port.isEmpty ? nil : port.joined(separator: ":"))
    }

    mutating func build(name: String?) throws(FormatError) -> Network {
      var network = Network(directed: directed)
      network.graphID = name
      // Attribute columns, typed by inference over all values.
      var nodeNameSet = Set<String>()
      for attrs in nodeAttrs { for k in attrs.keys { nodeNameSet.insert(k) } }
      let nodeNames = nodeNameSet.sorted()
      for n in nodeNames {
        let raw = nodeAttrs.map { $0[n] }
        let type =
          raw.contains { $0?.hasPrefix(Self.htmlMark) == true }
          ? AttributeType.string : inferType(raw, decimalComma: false)
        network.declareNodeAttribute(AttributeDeclaration(name: n, type: type))
      }
      for (i, id) in nodeOrder.enumerated() {
        var attrs: [String: AttributeValue] = [:]
        for d in network.nodeAttributes {
          guard var raw = nodeAttrs[i][d.name] else { continue }
          // Graphviz's `\N` as a label is the node's name, `\G` the graph's (`label="\N"`
          // is its default): read as Graphviz shows them.
          if Self.labelAttributes.contains(d.name) {
            raw = Self.expandingNames(raw, ["N": id, "G": name ?? ""])
          }
          attrs[d.name] = Self.typedValue(raw, d.type)
        }
        // nodeOrder holds each id once, so node i of the network is nodeOrder[i].
        _ = try? network.addNode(Node(id: id, attributes: attrs))
      }
      // strict: one tie per pair (per ordered pair when directed), attributes merged in order.
      if strict {
        var first: [[Int32]: Int] = [:]
        var merged: [(Int32, Int32, [String: String], Int, Int)] = []
        for e in edges {
          let key = directed || e.0 <= e.1 ? [e.0, e.1] : [e.1, e.0]
          if let k = first[key] {
            merged[k].2.merge(e.2) { $1 }
          } else {
            first[key] = merged.count
            merged.append(e)
          }
        }
        if merged.count < edges.count {
          network.readNotes.append(
            "strict graph: \(edges.count - merged.count) repeated tie\(edges.count - merged.count == 1 ? "" : "s") merged into one, as Graphviz does"
          )
        }
        edges = merged
      }
      var edgeNameSet = Set<String>()
      for e in edges { for k in e.2.keys { edgeNameSet.insert(k) } }
      let edgeNames = edgeNameSet.sorted()
      // `trust`, else `weight`, in any case (`Weight` from a CSV column), as the other readers
      // take it; the all-lowercase spelling first.
      let trustName = NodeLinkFormat.trustKey(among: edgeNameSet)
      if let trustName { network.trustAttributeName = trustName }
      var types: [String: AttributeType] = [:]
      for n in edgeNames where n != trustName && n != "layer" {
        let raw = edges.map { $0.2[n] }
        types[n] =
          raw.contains { $0?.hasPrefix(Self.htmlMark) == true }
          ? .string : inferType(raw, decimalComma: false)
        network.declareTieAttribute(AttributeDeclaration(name: n, type: types[n]!))
      }
      network.reserveCapacity(nodes: 0, ties: edges.count)
      for k in edges.indices {
        // Each edge's text attributes are dropped as its tie is made, so the two do not both
        // stay in memory.
        let (a, b, attrs, l, c) = edges[k]
        edges[k].2 = [:]
        var tie = Tie(source: Int(a), target: Int(b))
        for (k, var v) in attrs {
          // An edge's label `\T` or `\H` is the name of an end, `\E` its own.
          if Self.labelAttributes.contains(k) {
            let (t, h) = (nodeOrder[Int(a)], nodeOrder[Int(b)])
            v = Self.expandingNames(
              v, ["T": t, "H": h, "E": "\(t)\(directed ? "->" : "--")\(h)", "G": name ?? ""])
          }
          if k == trustName {
            tie.trust = try CSVFormat.parseTrust(
              v, decimalComma: false, file: file, line: l, column: c)
          } else if k == "layer" {
            tie.layer = v
          } else {
            tie.attributes[k] = Self.typedValue(v, types[k]!)
          }
        }
        network.addTie(tie)
      }
      for (k, v) in graphAttrs { network.attributes[k] = Self.typedValue(v, .string) }

      let asValues = { (d: [String: String]) in d.mapValues { Self.typedValue($0, .string) } }
      network.subgraphs = subgraphs.map {
        Subgraph(
          id: $0.id, parent: $0.parent, attributes: asValues($0.attributes),
          nodeDefaults: asValues($0.node),
          edgeDefaults: asValues($0.edge), members: $0.members)
      }
      return network
    }
  }
}
