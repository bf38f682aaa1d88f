import Foundation

extension DOTFormat {
  enum Token: Equatable {
    case id(String, quoted: Bool)
    case edgeOp(directed: Bool)
    case punct(Character)
  }

  /// Splits DOT text into tokens, one Unicode scalar at a time. Columns count scalars, as the
  /// other readers' do, and a CRLF line ending is two scalars, so `//` comments, `#` lines and
  /// line numbers end at it as at LF.
  struct Lexer {
    let chars: [Unicode.Scalar]
    let file: String
    var i = 0
    var line = 1
    var col = 1

    init(_ text: String, file: String) {
      chars = Array(text.unicodeScalars)
      self.file = file
    }

    mutating func advance() {
      if chars[i] == "\n" { line += 1; col = 1 } else { col += 1 }
      i += 1
    }

    func error(_ m: String, line l: Int? = nil, column c: Int? = nil) -> FormatError {
      FormatError(file: file, line: l ?? line, column: c ?? col, m)
    }

    /// White space as Unicode defines it (line breaks included).
    static func isSpace(_ c: Unicode.Scalar) -> Bool {
      c.isASCII ? (c == " " || c == "\t" || c == "\n" || c == "\r" || c.value == 0x0B || c.value == 0x0C)
        : c.properties.isWhitespace
    }

    /// A scalar of an unquoted id: an ASCII letter, digit, '_' or '.', or any non-ASCII scalar
    /// (as Graphviz reads them).
    static func isIDScalar(_ c: Unicode.Scalar) -> Bool {
      !c.isASCII || (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "_" || c == "."
    }

    /// The next token with its line and column, or `nil` at the end.
    mutating func next() throws(FormatError) -> (Token, Int, Int)? {
      while i < chars.count {
        let c = chars[i]
        if Self.isSpace(c) { advance(); continue }
        if c == "#" && (i == 0 || chars[i - 1] == "\n") {
          while i < chars.count && chars[i] != "\n" { advance() }
          continue
        }
        if c == "/" && i + 1 < chars.count && chars[i + 1] == "/" {
          while i < chars.count && chars[i] != "\n" { advance() }
          continue
        }
        if c == "/" && i + 1 < chars.count && chars[i + 1] == "*" {
          let (l, cc) = (line, col)
          advance(); advance()
          while i + 1 < chars.count && !(chars[i] == "*" && chars[i + 1] == "/") { advance() }
          guard i + 1 < chars.count else { throw error("a comment is never closed; expected '*/'", line: l, column: cc) }
          advance(); advance()
          continue
        }
        break
      }
      guard i < chars.count else { return nil }
      let (l, cc) = (line, col)
      let c = chars[i]
      switch c {
      case "{", "}", "[", "]", ";", ",", "=", ":": advance(); return (.punct(Character(c)), l, cc)
      default: break
      }
      if c == "-" && i + 1 < chars.count && (chars[i + 1] == ">" || chars[i + 1] == "-") {
        let d = chars[i + 1] == ">"
        advance(); advance()
        return (.edgeOp(directed: d), l, cc)
      }
      if c == "\"" {
        advance()
        var s = String.UnicodeScalarView()
        while i < chars.count && chars[i] != "\"" {
          if chars[i] == "\\" && i + 1 < chars.count {
            let n = chars[i + 1]
            if n == "\"" { s.append("\""); advance(); advance(); continue }
            if n == "\n" { advance(); advance(); continue }  // line continuation
            if n == "\r" && i + 2 < chars.count && chars[i + 2] == "\n" { advance(); advance(); advance(); continue }
            if n == "\\" { s.append("\\"); advance(); advance(); continue }
            if n == "n" { s.append("\n"); advance(); advance(); continue }
          }
          s.append(chars[i])
          advance()
        }
        guard i < chars.count else { throw error("a quoted string is never closed; expected '\"'", line: l, column: cc) }
        advance()
        // "a" + "b" concatenation.
        var j = i
        while j < chars.count && Self.isSpace(chars[j]) { j += 1 }
        if j < chars.count && chars[j] == "+" {
          while i <= j { advance() }
          guard let (t, _, _) = try next(), case .id(let more, true) = t else { throw error("expected a quoted string after '+'") }
          return (.id(String(s) + more, quoted: true), l, cc)
        }
        return (.id(String(s), quoted: true), l, cc)
      }
      if c == "<" {
        var depth = 0
        let start = i
        repeat {
          if chars[i] == "<" { depth += 1 } else if chars[i] == ">" { depth -= 1 }
          advance()
        } while i < chars.count && depth > 0
        guard depth == 0 else { throw error("an HTML string is never closed; expected '>'", line: l, column: cc) }
        return (.id(String(String.UnicodeScalarView(chars[(start + 1)..<(i - 1)])), quoted: true), l, cc)
      }
      if Self.isIDScalar(c) || c == "-" {
        let start = i
        while i < chars.count, Self.isIDScalar(chars[i]) || (chars[i] == "-" && i == start) { advance() }
        return (.id(String(String.UnicodeScalarView(chars[start..<i])), quoted: false), l, cc)
      }
      throw error("unexpected character '\(c)'")
    }
  }

  /// Reads the common subset of DOT that Graphviz users write: `graph`/`digraph` (and
  /// `strict`), node and edge statements, edge chains (`a -> b -> c`), attribute lists,
  /// `node [...]` and `edge [...]` defaults (scoped to their subgraph), `graph [...]` and
  /// `key = value` statements, and subgraphs (their nodes join the network; an edge to a
  /// subgraph ties every node in it). Ports (`a:n`) are read as the node. A tie's `trust` or
  /// `weight` becomes its trust and `layer` its layer; other attributes are kept, typed by
  /// inference as in CSV.
  public static func read(_ data: Data, file: String) throws(FormatError) -> Network {
    let text = try decodeText(data, file: file)
    var lexer = Lexer(text, file: file)
    var tokens: [(Token, Int, Int)] = []
    while let t = try lexer.next() { tokens.append(t) }
    var parser = Parser(tokens: tokens, file: file)
    return try parser.parseGraph()
  }

  struct Parser {
    let tokens: [(Token, Int, Int)]
    let file: String
    var p = 0
    var directed = false
    var nodeOrder: [String] = []
    var nodeAttrs: [String: [String: String]] = [:]
    var edges: [(String, String, [String: String], Int, Int)] = []
    var graphAttrs: [String: String] = [:]

    init(tokens: [(Token, Int, Int)], file: String) {
      self.tokens = tokens
      self.file = file
    }

    func error(_ m: String) -> FormatError {
      if p < tokens.count { return FormatError(file: file, line: tokens[p].1, column: tokens[p].2, m) }
      let last = tokens.last
      return FormatError(file: file, line: last?.1 ?? 1, column: (last?.2 ?? 0) + 1, m + " (the file ends here)")
    }

    var peek: Token? { p < tokens.count ? tokens[p].0 : nil }

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
      if isKeyword(peek, "strict") { p += 1 }
      if isKeyword(peek, "digraph") { directed = true } else if isKeyword(peek, "graph") { directed = false } else {
        throw error("expected 'graph' or 'digraph'")
      }
      p += 1
      var name: String?
      if case .id(let s, _)? = peek { name = s; p += 1 }
      try expect("{")
      var scope = Scope()
      _ = try statements(&scope)
      try expect("}")
      if p < tokens.count { throw error("text after the closing '}'; one graph per file") }
      return try build(name: name)
    }

    struct Scope {
      var node: [String: String] = [:]
      var edge: [String: String] = [:]
    }

    mutating func touch(_ id: String, _ attrs: [String: String]) {
      if nodeAttrs[id] == nil { nodeOrder.append(id); nodeAttrs[id] = [:] }
      for (k, v) in attrs { nodeAttrs[id]![k] = v }
    }

    mutating func attrList() throws(FormatError) -> [String: String] {
      var attrs: [String: String] = [:]
      while case .punct("[")? = peek {
        p += 1
        while true {
          if case .punct("]")? = peek { p += 1; break }
          let k = try id()
          var v = "true"
          if case .punct("=")? = peek { p += 1; v = try id() }
          attrs[k] = v
          if case .punct(let c)? = peek, c == "," || c == ";" { p += 1 }
        }
      }
      return attrs
    }

    /// Parses statements up to the closing brace; returns the nodes they mention.
    mutating func statements(_ scope: inout Scope) throws(FormatError) -> [String] {
      var members: [String] = []
      while let t = peek {
        if case .punct("}") = t { break }
        if case .punct(";") = t { p += 1; continue }
        if isKeyword(t, "node") || isKeyword(t, "edge") || isKeyword(t, "graph") {
          if p + 1 < tokens.count, case .punct("[") = tokens[p + 1].0 {
            let which = { if case .id(let s, _) = t { return s.lowercased() }; return "" }()
            p += 1
            let a = try attrList()
            switch which {
            case "node": scope.node.merge(a) { $1 }
            case "edge": scope.edge.merge(a) { $1 }
            default: graphAttrs.merge(a) { $1 }
            }
            continue
          }
          throw error("expected '[' after '\(isKeyword(t, "node") ? "node" : isKeyword(t, "edge") ? "edge" : "graph")'")
        }
        // ID = ID at statement level.
        if case .id(let k, _) = t, p + 1 < tokens.count, case .punct("=") = tokens[p + 1].0, !isKeyword(t, "subgraph") {
          p += 2
          graphAttrs[k] = try id()
          continue
        }
        // An operand: a node id or a subgraph, then maybe an edge chain.
        var operands: [[String]] = [try operand(&scope)]
        members += operands[0]
        var edgeOpSeen = false
        while case .edgeOp(let d)? = peek {
          if d != directed {
            throw error(directed ? "'--' in a digraph; expected '->'" : "'->' in an undirected graph; expected '--'")
          }
          edgeOpSeen = true
          p += 1
          let o = try operand(&scope)
          members += o
          operands.append(o)
        }
        let attrs = try attrList()
        if edgeOpSeen {
          var merged = scope.edge
          merged.merge(attrs) { $1 }
          let (l, c) = (tokens[max(0, p - 1)].1, tokens[max(0, p - 1)].2)
          for k in 0..<(operands.count - 1) {
            for a in operands[k] { for b in operands[k + 1] { edges.append((a, b, merged, l, c)) } }
          }
        } else if operands[0].count == 1 {
          var merged = scope.node
          merged.merge(attrs) { $1 }
          // Defaults apply only to nodes that are new here.
          let id = operands[0][0]
          touch(id, attrs.isEmpty && nodeAttrs[id] != nil ? [:] : merged)
        }
      }
      return members
    }

    mutating func operand(_ scope: inout Scope) throws(FormatError) -> [String] {
      if isKeyword(peek, "subgraph") || peek == .punct("{") {
        if isKeyword(peek, "subgraph") {
          p += 1
          if case .id = peek { p += 1 }
        }
        guard case .punct("{")? = peek else { throw error("a subgraph reference without a body is not supported; expected '{'") }
        p += 1
        var inner = scope
        let m = try statements(&inner)
        try expect("}")
        return m
      }
      let name = try id()
      // A port (a:n or a:port:n) names the node.
      while case .punct(":")? = peek { p += 1; _ = try id() }
      if nodeAttrs[name] == nil { touch(name, scope.node) }
      return [name]
    }

    mutating func build(name: String?) throws(FormatError) -> Network {
      var network = Network(directed: directed)
      network.graphID = name
      // Attribute columns, typed by inference over all values.
      let nodeNames = Set(nodeAttrs.values.flatMap(\.keys)).sorted()
      for n in nodeNames {
        let type = inferType(nodeOrder.map { nodeAttrs[$0]![n] }, decimalComma: false)
        network.declareNodeAttribute(AttributeDeclaration(name: n, type: type))
      }
      for id in nodeOrder {
        var attrs: [String: AttributeValue] = [:]
        for d in network.nodeAttributes {
          if let raw = nodeAttrs[id]![d.name] { attrs[d.name] = AttributeValue.parse(raw, as: d.type) ?? .string(raw) }
        }
        _ = try? network.addNode(Node(id: id, attributes: attrs))  // nodeOrder holds each id once
      }
      let edgeNames = Set(edges.flatMap(\.2.keys)).sorted()
      let trustName = edgeNames.contains("trust") ? "trust" : edgeNames.contains("weight") ? "weight" : nil
      if let trustName { network.trustAttributeName = trustName }
      var types: [String: AttributeType] = [:]
      for n in edgeNames where n != trustName && n != "layer" {
        types[n] = inferType(edges.map { $0.2[n] }, decimalComma: false)
        network.declareTieAttribute(AttributeDeclaration(name: n, type: types[n]!))
      }
      for (a, b, attrs, l, c) in edges {
        var tie = Tie(source: network.index(of: a)!, target: network.index(of: b)!)
        for (k, v) in attrs {
          if k == trustName {
            tie.trust = try CSVFormat.parseTrust(v, decimalComma: false, file: file, line: l, column: c)
          } else if k == "layer" {
            tie.layer = v
          } else {
            tie.attributes[k] = AttributeValue.parse(v, as: types[k]!) ?? .string(v)
          }
        }
        network.addTie(tie)
      }
      for (k, v) in graphAttrs { network.attributes[k] = .string(v) }
      return network
    }
  }
}
