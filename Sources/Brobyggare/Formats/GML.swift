import Foundation

/// GML, the Graph Modelling Language (Himsolt 1997), in the dialects networkx, igraph, yFiles
/// (yEd, Cytoscape's test files), Gephi and Mark Newman's network data write:
///
///     Creator "Mark Newman on Fri Jul 21 12:39:27 2006"
///     graph [
///       directed 1
///       node [ id 1 label "Ann" ]
///       edge [ source 1 target 2 weight 0.5 ]
///     ]
///
/// **Reading.** A node's id is its GML `id` as text (`1`, or `A` where a file spells it so), as
/// igraph and networkx's `read_gml(path, label="id")` read it; `label`, `name` and every other
/// key are attributes (networkx's default `read_gml(path)` names the nodes by `label` instead).
/// Newman's files, whose nodes have ids and nothing else, are read as igraph reads them;
/// networkx's default refuses them. On an edge, the first of `trust`, `weight` and `value` that
/// any edge has is the trust (a finite number ≥ 0), `layer` is the layer, `id` the tie's id, and
/// networkx's multigraph `key` is skipped (parallel ties are kept in any case).
///
/// Values are integers, reals (`NAN`, `+INF` too), strings and words: a word where a value
/// belongs (`id A`, as Gephi's test files write it) is a string, as networkx reads it (igraph
/// refuses it). Strings may hold `&amp;`, `&quot;`, `&#214;`, `&#xD6;` and HTML 4's named
/// entities (`&ouml;`), decoded as networkx decodes them. A key repeated within one node or
/// edge (a list, as networkx writes one) is kept as one text in Python's list notation,
/// `[1, 2]`, with a note. A nested list (yFiles' `graphics [ x 55.0 ... ]`, `LabelGraphics`) is
/// kept whole as one `markup` attribute in GML's own notation on one line, so that writing GML
/// again gives the drawing back; igraph skips such lists and networkx reads them as
/// dictionaries. An attribute whose values mix integers and reals is read as reals; one that
/// mixes numbers and strings, as strings.
///
/// The text is UTF-8 (with or without a byte-order mark) or UTF-16 with a mark; a file that is
/// not valid UTF-8 is read as ISO-8859-1, GML's own encoding, with a note. A GraphML (or other
/// XML) document saved with a `.gml` name is refused with a message that says so. Lists nested
/// deeper than 512 are refused; every error names its line and column and what was
/// expected.
///
/// **Writing.** See ``write(_:)``.
public enum GMLFormat {
  /// The deepest nesting of lists the reader accepts.
  static let maximumDepth = 512

  /// Reads a GML file.
  ///
  /// - Throws: ``FormatError`` with the line and column of the first problem: text that is not
  ///   GML (a GraphML document among them), a list never closed, a node without an id or with
  ///   an id used before, an edge whose source or target is no node's id, a negative trust.
  /// - Complexity: O(n) in the size of the file.
  public static func read(_ data: Data, file: String) throws(FormatError) -> Network {
    let (text, latin1) = try decode(data, file: file)
    var parser = Parser(text: text, file: file)
    let top = try parser.parseDocument()
    var network = try build(top, file: file)
    if latin1 {
      network.readNotes.insert(
        "the file is not UTF-8; it was read as ISO-8859-1, GML's own encoding", at: 0)
    }
    return network
  }

  /// Whether the start of a file looks like GML: `graph [` after an optional byte-order mark,
  /// `#` comments and top-level pairs such as `Creator "yFiles"` and `Version 1`.
  static func sniff(_ prefix: Data) -> Bool {
    var lexer = Lexer(
      bytes: Array(prefix.starts(with: [0xEF, 0xBB, 0xBF]) ? prefix.dropFirst(3) : prefix[...]),
      file: "")
    for _ in 0..<64 {
      guard let (key, _, _) = try? lexer.next(), case .word(let k) = key else { return false }
      guard let (value, _, _) = try? lexer.next() else { return false }
      if k == "graph" { return value == .open }
      switch value {
      case .integer, .real, .string, .word: continue
      default: return false
      }
    }
    return false
  }

  // MARK: Text

  /// The text of a file, and whether it had to be read as ISO-8859-1. A document that starts
  /// with `<` is XML, not GML: a GraphML one is named as such, for the caller to read it as that.
  static func decode(_ data: Data, file: String) throws(FormatError) -> (String, Bool) {
    let bytes = [UInt8](data)
    let utf16 = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
    let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes[3...] : bytes[...]
    var latin1 = false
    let text: String
    if !utf16, !bytes.starts(with: [0xEF, 0xBB, 0xBF]),
      String(validating: body, as: UTF8.self) == nil
    {
      try refuseMixedUTF8(body, file: file)
      text = try decodeText(data, file: file, fallbackEncoding: "iso-8859-1")
      latin1 = true
    } else {
      text = try decodeText(data, file: file)
    }
    var line = 1
    var column = 1
    for ch in text.unicodeScalars {
      if ch == "\n" {
        line += 1
        column = 1
        continue
      }
      if ch == " " || ch == "\t" || ch == "\r" || ch == "\u{FEFF}" {
        column += 1
        continue
      }
      if ch == "<" {
        let head = String(decoding: Array(text.utf8.prefix(8192)), as: UTF8.self)
        let start = head.drop(while: { $0 != "<" }).prefix(while: {
          $0 != " " && $0 != ">" && $0 != "\n"
        })
        if head.contains("<graphml") {
          throw FormatError(
            file: file, line: line, column: column,
            "this is a GraphML document (it starts with '\(start)' and has a <graphml> root), not GML; read it as GraphML"
          )
        }
        throw FormatError(
          file: file, line: line, column: column,
          "this is an XML document (it starts with '\(start)'), not GML; expected 'graph [' after any 'Creator' line"
        )
      }
      break
    }
    return (text, latin1)
  }

  // MARK: Tokens

  enum Token: Equatable {
    case word(String)
    case integer(Int)
    case real(Double)
    case string(String)
    case open, close, end

    var description: String {
      switch self {
      case .word(let w): "the word '\(w)'"
      case .integer(let i): "the number \(i)"
      case .real(let d): "the number \(formatNumber(d))"
      case .string(let s):
        "the string \(jsonString(s.count > 40 ? String(s.prefix(40)) + "..." : s))"
      case .open: "'['"
      case .close: "']'"
      case .end: "the end of the file"
      }
    }
  }

  /// Splits GML text into tokens, reading its UTF-8 bytes. Columns count Unicode scalars, as
  /// the other readers' do. Every byte the lexer compares is ASCII, so it never splits a scalar.
  struct Lexer {
    let bytes: [UInt8]
    let file: String
    var i = 0
    var line = 1
    var column = 1

    init(bytes: [UInt8], file: String) {
      self.bytes = bytes
      self.file = file
    }

    mutating func advance() {
      let b = bytes[i]
      if b == 0x0A {
        line += 1
        column = 1
        i += 1
        return
      }
      column += 1
      i += b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
    }

    func text(_ range: Range<Int>) -> String {
      bytes.withUnsafeBufferPointer {
        String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self)
      }
    }

    static func isWordStart(_ b: UInt8) -> Bool {
      b >= 0x80 || (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x5F
    }

    static func isWordByte(_ b: UInt8) -> Bool { isWordStart(b) || (b >= 0x30 && b <= 0x39) }

    func error(_ message: String, _ l: Int, _ c: Int) -> FormatError {
      FormatError(file: file, line: l, column: c, message)
    }

    /// The next token with its line and column.
    mutating func next() throws(FormatError) -> (Token, Int, Int) {
      let n = bytes.count
      while i < n {
        let b = bytes[i]
        if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
          advance()
        } else if b == UInt8(ascii: "#") {
          while i < n && bytes[i] != 0x0A { advance() }
        } else {
          break
        }
      }
      let (l, c) = (line, column)
      guard i < n else { return (.end, l, c) }
      let b = bytes[i]
      switch b {
      case UInt8(ascii: "["):
        advance()
        return (.open, l, c)
      case UInt8(ascii: "]"):
        advance()
        return (.close, l, c)
      case UInt8(ascii: "\""):
        advance()
        let start = i
        while i < n && bytes[i] != UInt8(ascii: "\"") { advance() }
        guard i < n else {
          throw error("a string is never closed; expected '\"' before the end of the file", l, c)
        }
        let raw = text(start..<i)
        advance()
        return (.string(raw.contains("&") ? GMLFormat.decodeEntities(raw) : raw), l, c)
      default:
        break
      }
      if Self.isWordStart(b) {
        let start = i
        while i < n && Self.isWordByte(bytes[i]) { advance() }
        return (.word(text(start..<i)), l, c)
      }
      if b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
        || (b >= 0x30 && b <= 0x39)
      {
        return try number(l, c)
      }
      let scalar = text(i..<min(n, i + (b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2)))
      throw error("unexpected character '\(scalar)'; expected a key, a value, '[' or ']'", l, c)
    }

    /// An integer or real: `[+-]digits[.digits][(e|E)[+-]digits]`, `.5`, `+INF`, `-INF`.
    mutating func number(_ l: Int, _ c: Int) throws(FormatError) -> (Token, Int, Int) {
      let n = bytes.count
      let start = i
      func isDigit(_ k: Int) -> Bool { k < n && bytes[k] >= 0x30 && bytes[k] <= 0x39 }
      var negative = false
      if bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
        negative = bytes[i] == UInt8(ascii: "-")
        advance()
        if i + 3 <= n, text(i..<(i + 3)).lowercased() == "inf",
          !(i + 3 < n && Self.isWordByte(bytes[i + 3]))
        {
          for _ in 0..<3 { advance() }
          return (.real(negative ? -.infinity : .infinity), l, c)
        }
      }
      var digits = 0
      var isReal = false
      while isDigit(i) {
        advance()
        digits += 1
      }
      if i < n && bytes[i] == UInt8(ascii: ".") {
        isReal = true
        advance()
        while isDigit(i) {
          advance()
          digits += 1
        }
      }
      if digits > 0, i < n, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
        var k = i + 1
        if k < n && (bytes[k] == UInt8(ascii: "+") || bytes[k] == UInt8(ascii: "-")) { k += 1 }
        if isDigit(k) {
          isReal = true
          while i < k { advance() }
          while isDigit(i) { advance() }
        }
      }
      let written = text(start..<i)
      guard digits > 0, !(i < n && (Self.isWordByte(bytes[i]) || bytes[i] == UInt8(ascii: ".")))
      else {
        var end = i
        while end < n
          && (Self.isWordByte(bytes[end]) || bytes[end] == UInt8(ascii: ".")
            || bytes[end] == UInt8(ascii: "-") || bytes[end] == UInt8(ascii: "+"))
        { end += 1 }
        throw error(
          "'\(text(start..<end))' is not a number; expected digits such as 12, -3 or 0.5", l, c)
      }
      if !isReal, let v = Int(written) { return (.integer(v), l, c) }
      // An integer too large for 64 bits (an id of 25 digits) keeps its digits as text: as a
      // real, as igraph reads it, 100000000000000000000001 would become 1e+23.
      if !isReal { return (.word(written), l, c) }
      guard let d = decimalDouble(written) else {
        throw error("'\(written)' is not a number", l, c)
      }
      // Beyond the largest double (1e400): refused with its text, not read as infinity.
      guard d.isFinite else {
        throw error(
          "the number '\(written)' is too large for a double (at most about 1.8e308)", l, c)
      }
      return (.real(d), l, c)
    }
  }

  /// Decodes `&amp;`, `&#214;`, `&#xD6;` and HTML 4's named entities as networkx does; an
  /// entity it does not know, or one that names no character, stays as written. `&#0;` (how
  /// the writer spells U+0000) is U+0000, so that what was written reads back; networkx's
  /// `html.unescape` makes it U+FFFD.
  static func decodeEntities(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    var rest = Substring(s)
    while let amp = rest.firstIndex(of: "&") {
      out += rest[..<amp]
      let after = rest[rest.index(after: amp)...]
      guard let semi = after.prefix(12).firstIndex(of: ";") else {
        out += "&"
        rest = after
        continue
      }
      let name = after[..<semi]
      var scalar: Unicode.Scalar?
      if name.hasPrefix("#x") || name.hasPrefix("#X") {
        scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
      } else if name.hasPrefix("#") {
        scalar = UInt32(name.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
      } else {
        scalar = htmlEntities[String(name)].flatMap(Unicode.Scalar.init)
      }
      if let scalar, !name.isEmpty,
        name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "#") })
      {
        out.unicodeScalars.append(scalar)
        rest = after[after.index(after: semi)...]
      } else {
        out += "&"
        rest = after
      }
    }
    out += rest
    return out
  }

  /// HTML 4's named character entities (Python's `html.entities.name2codepoint`, which
  /// networkx decodes) and XML's `apos`.
  static let htmlEntities: [String: UInt32] = {
    var table: [String: UInt32] = ["apos": 39]
    let list = """
      AElig=198 Aacute=193 Acirc=194 Agrave=192 Alpha=913 Aring=197 Atilde=195 Auml=196
      Beta=914 Ccedil=199 Chi=935 Dagger=8225 Delta=916 ETH=208 Eacute=201 Ecirc=202
      Egrave=200 Epsilon=917 Eta=919 Euml=203 Gamma=915 Iacute=205 Icirc=206 Igrave=204
      Iota=921 Iuml=207 Kappa=922 Lambda=923 Mu=924 Ntilde=209 Nu=925 OElig=338 Oacute=211
      Ocirc=212 Ograve=210 Omega=937 Omicron=927 Oslash=216 Otilde=213 Ouml=214 Phi=934 Pi=928
      Prime=8243 Psi=936 Rho=929 Scaron=352 Sigma=931 THORN=222 Tau=932 Theta=920 Uacute=218
      Ucirc=219 Ugrave=217 Upsilon=933 Uuml=220 Xi=926 Yacute=221 Yuml=376 Zeta=918 aacute=225
      acirc=226 acute=180 aelig=230 agrave=224 alefsym=8501 alpha=945 amp=38 and=8743 ang=8736
      aring=229 asymp=8776 atilde=227 auml=228 bdquo=8222 beta=946 brvbar=166 bull=8226
      cap=8745 ccedil=231 cedil=184 cent=162 chi=967 circ=710 clubs=9827 cong=8773 copy=169
      crarr=8629 cup=8746 curren=164 dArr=8659 dagger=8224 darr=8595 deg=176 delta=948
      diams=9830 divide=247 eacute=233 ecirc=234 egrave=232 empty=8709 emsp=8195 ensp=8194
      epsilon=949 equiv=8801 eta=951 eth=240 euml=235 euro=8364 exist=8707 fnof=402
      forall=8704 frac12=189 frac14=188 frac34=190 frasl=8260 gamma=947 ge=8805 gt=62
      hArr=8660 harr=8596 hearts=9829 hellip=8230 iacute=237 icirc=238 iexcl=161 igrave=236
      image=8465 infin=8734 int=8747 iota=953 iquest=191 isin=8712 iuml=239 kappa=954
      lArr=8656 lambda=955 lang=9001 laquo=171 larr=8592 lceil=8968 ldquo=8220 le=8804
      lfloor=8970 lowast=8727 loz=9674 lrm=8206 lsaquo=8249 lsquo=8216 lt=60 macr=175
      mdash=8212 micro=181 middot=183 minus=8722 mu=956 nabla=8711 nbsp=160 ndash=8211 ne=8800
      ni=8715 not=172 notin=8713 nsub=8836 ntilde=241 nu=957 oacute=243 ocirc=244 oelig=339
      ograve=242 oline=8254 omega=969 omicron=959 oplus=8853 or=8744 ordf=170 ordm=186
      oslash=248 otilde=245 otimes=8855 ouml=246 para=182 part=8706 permil=8240 perp=8869
      phi=966 pi=960 piv=982 plusmn=177 pound=163 prime=8242 prod=8719 prop=8733 psi=968
      quot=34 rArr=8658 radic=8730 rang=9002 raquo=187 rarr=8594 rceil=8969 rdquo=8221
      real=8476 reg=174 rfloor=8971 rho=961 rlm=8207 rsaquo=8250 rsquo=8217 sbquo=8218
      scaron=353 sdot=8901 sect=167 shy=173 sigma=963 sigmaf=962 sim=8764 spades=9824 sub=8834
      sube=8838 sum=8721 sup=8835 sup1=185 sup2=178 sup3=179 supe=8839 szlig=223 tau=964
      there4=8756 theta=952 thetasym=977 thinsp=8201 thorn=254 tilde=732 times=215 trade=8482
      uArr=8657 uacute=250 uarr=8593 ucirc=251 ugrave=249 uml=168 upsih=978 upsilon=965
      uuml=252 weierp=8472 xi=958 yacute=253 yen=165 yuml=255 zeta=950 zwj=8205 zwnj=8204
      """
    for pair in list.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
      let parts = pair.split(separator: "=")
      table[String(parts[0])] = UInt32(parts[1])!
    }
    return table
  }()

  // MARK: Parsing

  /// A key and its value, with the places of both.
  struct Item {
    var key: String
    var value: Value
    var line: Int
    var column: Int
    var valueLine: Int
    var valueColumn: Int
  }

  enum Value {
    case integer(Int)
    case real(Double)
    case string(String)
    case word(String)
    case list([Item])
  }

  struct Parser {
    var lexer: Lexer
    let file: String

    init(text: String, file: String) {
      lexer = Lexer(bytes: Array(text.utf8), file: file)
      self.file = file
    }

    /// The top-level pairs of the file.
    mutating func parseDocument() throws(FormatError) -> [Item] {
      try parseItems(depth: 0, openedAt: nil)
    }

    mutating func parseItems(depth: Int, openedAt: (Int, Int)?) throws(FormatError) -> [Item] {
      var items: [Item] = []
      while true {
        let (token, l, c) = try lexer.next()
        switch token {
        case .end:
          if let (ol, oc) = openedAt {
            throw FormatError(
              file: file, line: l, column: c,
              "the file ends inside the list opened at line \(ol), column \(oc); expected ']'")
          }
          return items
        case .close:
          guard openedAt != nil else {
            throw FormatError(file: file, line: l, column: c, "']' closes no list; expected a key")
          }
          return items
        case .word(let key)
        where !(key.utf8.first.map { $0 >= 0x30 && $0 <= 0x39 || $0 == UInt8(ascii: "-") } ?? false):
          let (valueToken, vl, vc) = try lexer.next()
          let value: Value
          switch valueToken {
          case .integer(let i): value = .integer(i)
          case .real(let d): value = .real(d)
          case .string(let s): value = .string(s)
          case .word(let w): value = .word(w)
          case .open:
            guard depth < GMLFormat.maximumDepth else {
              throw FormatError(
                file: file, line: vl, column: vc,
                "lists are nested more than \(GMLFormat.maximumDepth) deep; expected a value")
            }
            value = .list(try parseItems(depth: depth + 1, openedAt: (vl, vc)))
          case .close, .end:
            throw FormatError(
              file: file, line: vl, column: vc,
              "the key '\(key)' has no value; expected a number, a string or a list in [ ]")
          }
          items.append(
            Item(key: key, value: value, line: l, column: c, valueLine: vl, valueColumn: vc))
        default:
          throw FormatError(
            file: file, line: l, column: c,
            "expected a key (a word such as graph, node or label) but found \(token.description)")
        }
      }
    }
  }

  // MARK: The network

  static func build(_ top: [Item], file: String) throws(FormatError) -> Network {
    func failure(_ message: String, _ line: Int, _ column: Int) -> FormatError {
      FormatError(file: file, line: line, column: column, message)
    }
    let graphs = top.filter { $0.key == "graph" }
    guard let graph = graphs.first else {
      let place = top.first.map { ($0.line, $0.column) } ?? (1, 1)
      throw failure(
        "the file holds no 'graph [ ... ]'; expected GML, a graph list after any 'Creator' line",
        place.0, place.1)
    }
    if graphs.count > 1 {
      throw failure(
        "a second graph; Brobyggare reads one graph per file (split the file)", graphs[1].line,
        graphs[1].column)
    }
    guard case .list(let items) = graph.value else {
      throw failure(
        "'graph' is followed by a value; expected a list in [ ]", graph.valueLine, graph.valueColumn
      )
    }
    // The key that holds the node ids, when Brobyggare wrote ids that are not integers.
    var idKey: String?
    if let marker = top.first(where: { $0.key == "nodeIDKey" }) {
      switch marker.value {
      case .string(let k), .word(let k): idKey = k
      default:
        throw failure(
          "nodeIDKey names the key that holds the node ids; expected a string", marker.valueLine,
          marker.valueColumn)
      }
    }

    var network = Network(directed: false)
    var nodeItems: [Item] = []
    var edgeItems: [Item] = []
    var graphFields: [Item] = []
    var directedItem: Item?
    for item in items {
      switch item.key {
      case "directed":
        // Given twice, one of the two would be taken silently (and the ties read the other way).
        if let first = directedItem {
          throw failure(
            "'directed' is given a second time (first at line \(first.line), column \(first.column)); expected it once",
            item.line, item.column)
        }
        directedItem = item
        switch item.value {
        case .integer(let v): network.isDirected = v != 0
        default: throw failure("'directed' must be 0 or 1", item.valueLine, item.valueColumn)
        }
      case "multigraph": continue  // parallel ties are kept whatever it says
      case "node", "edge":
        guard case .list = item.value else {
          throw failure(
            "'\(item.key)' is followed by a value; expected a list in [ ]", item.valueLine,
            item.valueColumn)
        }
        if item.key == "node" { nodeItems.append(item) } else { edgeItems.append(item) }
      default: graphFields.append(item)
      }
    }
    var listKeys: [String: Int] = [:]  // "node|x" -> in how many nodes the key holds a list

    // Graph attributes.
    for (key, group) in grouped(graphFields) {
      let (value, isList) = attributeValue(group)
      if isList { listKeys["graph|\(key)", default: 0] += 1 }
      network.attributes[key] = value
      network.networkAttributes.append(AttributeDeclaration(name: key, type: value.type))
    }

    // Nodes.
    var byGMLID: [String: Int] = [:]
    var idPlaces: [String: (Int, Int)] = [:]
    var nodeIDs: [String] = []
    var nodeRows: [[String: AttributeValue]] = []
    var nodeKeyLists: [[String]] = []
    for (k, node) in nodeItems.enumerated() {
      guard case .list(let fields) = node.value else { continue }
      let ids = fields.filter { $0.key == "id" }
      guard let idItem = ids.first else {
        throw failure(
          "node \(k + 1) has no id; expected 'id' and a number (or a string) in its list",
          node.line, node.column)
      }
      if ids.count > 1 {
        throw failure(
          "this node has a second id; expected one 'id' per node", ids[1].line, ids[1].column)
      }
      let gmlID = try idText(idItem, what: "the node id", file: file)
      if let (pl, pc) = idPlaces[gmlID] {
        throw failure(
          "the node id \(gmlID) is used twice (first at line \(pl), column \(pc)); expected a new id",
          idItem.valueLine, idItem.valueColumn)
      }
      idPlaces[gmlID] = (idItem.valueLine, idItem.valueColumn)
      byGMLID[gmlID] = k
      var id = gmlID
      var row: [String: AttributeValue] = [:]
      var keys: [String] = []
      for (key, group) in grouped(fields) where key != "id" {
        if key == idKey {
          id = try idText(group[0], what: "the node id in '\(key)'", file: file)
          continue
        }
        let (value, isList) = attributeValue(group)
        if isList { listKeys["node|\(key)", default: 0] += 1 }
        row[key] = value
        keys.append(key)
      }
      nodeKeyLists.append(keys)
      if let idKey, !fields.contains(where: { $0.key == idKey }) {
        throw failure(
          "this node has no '\(idKey)', the key that nodeIDKey says holds the node ids", node.line,
          node.column)
      }
      nodeIDs.append(id)
      nodeRows.append(row)
    }
    for d in unify(&nodeRows, names: consistentOrder(nodeKeyLists)) {
      network.declareNodeAttribute(d)
    }
    network.reserveCapacity(nodes: nodeIDs.count, ties: edgeItems.count)
    for (k, id) in nodeIDs.enumerated() {
      do {
        try network.addNode(Node(id: id, attributes: nodeRows[k]))
      } catch {
        let place = nodeItems[k]
        throw failure(
          "the node id '\(id)' (in '\(idKey ?? "id")') is used twice; expected a new id",
          place.line, place.column)
      }
    }

    // Edges.
    let trustKey = ["trust", "weight", "value"].first { key in
      edgeItems.contains { e in
        if case .list(let fields) = e.value { return fields.contains { $0.key == key } }
        return false
      }
    }
    network.trustAttributeName = trustKey ?? "weight"
    var ties: [Tie] = []
    ties.reserveCapacity(edgeItems.count)
    var tieRows: [[String: AttributeValue]] = []
    var tieKeyLists: [[String]] = []
    // Whether every trust so far is a GML integer, for trustType.
    var integerTrust = true
    var anyTrust = false
    for (k, edge) in edgeItems.enumerated() {
      guard case .list(let fields) = edge.value else { continue }
      func end(_ name: String) throws(FormatError) -> Int {
        guard let item = fields.first(where: { $0.key == name }) else {
          throw failure(
            "edge \(k + 1) has no \(name); expected '\(name)' and a node id in its list", edge.line,
            edge.column)
        }
        let text = try idText(item, what: "the \(name)", file: file)
        guard let i = byGMLID[text] else {
          throw failure(
            "the \(name) \(text) is not the id of a node in this file; expected one of the node ids",
            item.valueLine, item.valueColumn)
        }
        return i
      }
      var tie = Tie(source: try end("source"), target: try end("target"))
      var row: [String: AttributeValue] = [:]
      var keys: [String] = []
      for (key, group) in grouped(fields) where key != "source" && key != "target" && key != "key" {
        let item = group[0]
        if key == trustKey {
          if group.count > 1 {
            throw failure(
              "this edge has a second '\(key)'; expected one trust per edge", group[1].line,
              group[1].column)
          }
          let w: Double?
          switch item.value {
          case .integer(let i): w = Double(i)
          case .real(let d): w = d
          case .string(let s): w = parseDouble(trimmingWhitespace(s, newlines: true))
          case .word(let s): w = parseDouble(s)
          case .list: w = nil
          }
          guard let w else {
            throw failure(
              "the \(key) is not a number; expected a number ≥ 0 (the tie's trust)", item.valueLine,
              item.valueColumn)
          }
          guard SignedReading.admits(w) else {
            throw failure(
              "the \(key) \(formatNumber(w)) is \(w.isNaN ? "not a number" : w < 0 ? "negative" : "infinite"); trust is a strength, expected a finite number ≥ 0"
                + (w < 0 ? " (\(TieSign.hint))" : ""),
              item.valueLine, item.valueColumn)
          }
          tie.trust = w
          anyTrust = true
          if case .integer = item.value {} else { integerTrust = false }
        } else if key == "layer" || key == "id" {
          let text = try idText(item, what: "the \(key)", file: file)
          if key == "layer" { tie.layer = text } else { tie.id = text }
        } else {
          let (value, isList) = attributeValue(group)
          if isList { listKeys["edge|\(key)", default: 0] += 1 }
          row[key] = value
          keys.append(key)
        }
      }
      tieKeyLists.append(keys)
      ties.append(tie)
      tieRows.append(row)
    }
    for d in unify(&tieRows, names: consistentOrder(tieKeyLists)) { network.declareTieAttribute(d) }
    for (k, var tie) in ties.enumerated() {
      if !tieRows[k].isEmpty { tie.attributes = tieRows[k] }
      network.addTie(tie)
    }
    if anyTrust && integerTrust { network.trustType = .integer }
    for (what, count) in listKeys.sorted(by: { $0.key < $1.key }) {
      let parts = what.split(separator: "|", maxSplits: 1)
      let owner = parts[0] == "graph" ? "the graph" : "\(count) \(parts[0])\(count == 1 ? "" : "s")"
      network.readNotes.append(
        "the key '\(parts[1])' holds a list in \(owner) (written as the key repeated, as networkx writes lists); each list is kept as one text in Python's notation, such as [1, 2]"
      )
    }
    return network
  }

  /// One order of the keys that keeps the order of every node's (or edge's) own keys, where
  /// one exists, so that writing what was read gives the same text; keys whose order nothing
  /// fixes, and keys in a cycle (one node has a before b, another b before a), come in the
  /// order they first appear.
  ///
  /// - Complexity: O(k log k) for k keys in all the lists.
  static func consistentOrder(_ lists: [[String]]) -> [String] {
    var first: [String: Int] = [:]
    var names: [String] = []
    for list in lists {
      for k in list where first[k] == nil {
        first[k] = names.count
        names.append(k)
      }
    }
    var after = Array(repeating: Set<Int>(), count: names.count)
    var before = Array(repeating: 0, count: names.count)
    for list in lists where list.count > 1 {
      for (a, b) in zip(list, list.dropFirst()) where after[first[a]!].insert(first[b]!).inserted {
        before[first[b]!] += 1
      }
    }
    // Kahn's algorithm, taking the earliest-seen ready key each time; a cycle is broken at its
    // earliest-seen key.
    var done = Array(repeating: false, count: names.count)
    var order: [String] = []
    var ready = MinHeap()
    for k in 0..<names.count where before[k] == 0 { ready.push(k) }
    var scan = 0  // every key before it is done
    while order.count < names.count {
      var k: Int
      if let r = ready.pop() {
        k = r
      } else {
        while done[scan] { scan += 1 }
        k = scan
      }
      guard !done[k] else { continue }
      done[k] = true
      order.append(names[k])
      for j in after[k] where !done[j] {
        before[j] -= 1
        if before[j] == 0 { ready.push(j) }
      }
    }
    return order
  }

  /// A binary min-heap of integers.
  struct MinHeap {
    var items: [Int] = []
    mutating func push(_ x: Int) {
      items.append(x)
      var i = items.count - 1
      while i > 0, items[(i - 1) / 2] > items[i] {
        items.swapAt(i, (i - 1) / 2)
        i = (i - 1) / 2
      }
    }
    mutating func pop() -> Int? {
      guard let top = items.first else { return nil }
      items[0] = items[items.count - 1]
      items.removeLast()
      var i = 0
      while true {
        let l = 2 * i + 1
        let r = l + 1
        var m = i
        if l < items.count, items[l] < items[m] { m = l }
        if r < items.count, items[r] < items[m] { m = r }
        if m == i { break }
        items.swapAt(i, m)
        i = m
      }
      return top
    }
  }

  /// The text of an id, source, target or layer: an integer in decimal, a string or word as it
  /// is; a list is an error.
  static func idText(_ item: Item, what: String, file: String) throws(FormatError) -> String {
    switch item.value {
    case .integer(let i): return String(i)
    case .real(let d): return formatNumber(d)
    case .string(let s), .word(let s): return s
    case .list:
      throw FormatError(
        file: file, line: item.valueLine, column: item.valueColumn,
        "\(what) is a list; expected a number or a string")
    }
  }

  /// The items of a list grouped by key, in the order each key first appears.
  static func grouped(_ items: [Item]) -> [(String, [Item])] {
    var order: [String] = []
    var groups: [String: [Item]] = [:]
    for item in items {
      if groups[item.key] == nil { order.append(item.key) }
      groups[item.key, default: []].append(item)
    }
    return order.map { ($0, groups[$0]!) }
  }

  /// The attribute a key's values make, and whether they were a list (a key repeated, or
  /// networkx's `_networkx_list_start` before a list of one).
  static func attributeValue(_ group: [Item]) -> (AttributeValue, Bool) {
    var values = group.map(\.value)
    var isList = values.count > 1
    if case .string("_networkx_list_start") = values[0] {
      values.removeFirst()
      isList = true
    }
    guard isList else { return (scalar(values[0]), false) }
    let items = values.map { v -> String in
      switch v {
      case .string(let s), .word(let s): jsonString(s)
      case .integer(let i): String(i)
      case .real(let d): real(d)
      case .list(let l): serialize(l)
      }
    }
    return (.string("[" + items.joined(separator: ", ") + "]"), true)
  }

  static func scalar(_ v: Value) -> AttributeValue {
    switch v {
    case .integer(let i): return .integer(i)
    case .real(let d): return .double(d)
    case .string(let s): return .string(s)
    case .word(let w):
      switch w.lowercased() {
      case "nan": return .double(.nan)
      case "inf": return .double(.infinity)
      default: return .string(w)
      }
    case .list(let l): return .markup(serialize(l))
    }
  }

  /// A list in GML's notation on one line: `[ x 55.0 type "ellipse" ]`.
  static func serialize(_ items: [Item]) -> String {
    var out = "["
    for item in items {
      out += " " + item.key + " "
      switch item.value {
      case .integer(let i): out += String(i)
      case .real(let d): out += real(d)
      case .string(let s), .word(let s): out += quote(s)
      case .list(let l): out += serialize(l)
      }
    }
    return out + " ]"
  }

  /// One type per attribute: integers become reals beside reals; anything beside a string (or
  /// markup beside another type) becomes text.
  static func unify(_ rows: inout [[String: AttributeValue]], names: [String])
    -> [AttributeDeclaration]
  {
    var declarations: [AttributeDeclaration] = []
    for name in names {
      var types = Set<AttributeType>()
      for row in rows { if let v = row[name] { types.insert(v.type) } }
      var type = types.first ?? .string
      if types.count > 1 {
        type = types == [.integer, .double] ? .double : .string
        for k in rows.indices {
          guard let v = rows[k][name], v.type != type else { continue }
          rows[k][name] = type == .double ? .double(v.number!) : .string(v.description)
        }
      }
      declarations.append(AttributeDeclaration(name: name, type: type))
    }
    return declarations
  }

  // MARK: Writing

  /// The key that holds the node ids in what ``write(_:)`` writes of this network (the key a
  /// top-level `nodeIDKey` names), or `nil` when the ids are written as the GML ids: networkx
  /// names its nodes by them with `read_gml(path, label=KEY)` (`label="id"` when this is `nil`).
  public static func nodeIDKey(of network: Network) -> String? {
    var ignored: [String] = []
    let nodeNames = attributeNames(network.nodeAttributes, network.nodes.map(\.attributes))
    let nodeKeys = keys(nodeNames, reserved: ["id"], owner: "node", dropped: &ignored)
    return idCarrier(network, nodeKeys: nodeKeys)
  }

  /// The attributes that rows hold, in declaration order and then the undeclared ones sorted.
  static func attributeNames(_ declared: [AttributeDeclaration], _ rows: [[String: AttributeValue]])
    -> [String]
  {
    let present = Set(rows.flatMap(\.keys))
    let order = declared.map(\.name).filter { present.contains($0) }
    return order + present.subtracting(order).sorted()
  }

  /// `nil` when every node id is a whole number written plainly within 32 bits (a GML id);
  /// else the first of `name`, `nodeid`, `node_id`, `nodeid_2`, ... that no node attribute is
  /// written under.
  static func idCarrier(_ network: Network, nodeKeys: [String: String]) -> String? {
    let integerIDs = network.nodes.allSatisfy { node in
      Int32(node.id).map { String($0) == node.id } ?? false
    }
    if integerIDs { return nil }
    let used = Set(nodeKeys.values)
    return ["name", "nodeid", "node_id"].first { !used.contains($0) }
      ?? (2...).lazy.map { "nodeid_\($0)" }.first { !used.contains($0) }!
  }

  /// Writes GML that networkx's `read_gml` and igraph's `Graph.Read_GML` load with the same
  /// nodes, ties, attribute values and direction, and that this reader reads back unchanged.
  ///
  /// Node ids that are all whole numbers written plainly (`17`, not `017` or `+3`) and within
  /// 32 bits, as GML's ids are, are written as the GML ids. Other ids cannot be (igraph refuses
  /// ids that are not integers): the nodes are then numbered 0 to n − 1 and each id is written
  /// in the key `name` (or, when a node attribute has that name, the first free one of `nodeid`,
  /// `node_id`, ...), which a top-level `nodeIDKey "name"` names; this reader takes the ids from
  /// there, igraph reads them as its vertex names, and networkx names its nodes by them with
  /// `read_gml(path, label="name")` (`label="id"` when the ids are integers).
  ///
  /// Trust is written under the name it was read with when that is `trust`, `weight` or
  /// `value`, else as `weight`; the layer as `layer`; a tie's id as `id`. `multigraph 1` is
  /// written when two ties join the same nodes, as networkx needs. Text is ASCII: `&` and `"`
  /// as `&amp;` and `&quot;`, which both peers decode, and other characters as `&#N;`, as
  /// networkx writes them and needs them (its reader takes ASCII only); igraph 1.0 leaves
  /// `&#N;` as written, so text outside ASCII reaches igraph as entities. Reals always have a
  /// decimal point (`2.0`, `1.0e-05`), as networkx's reader requires; `NAN`, `+INF`, `-INF`.
  ///
  /// - Returns: The text, and what the network held that GML cannot, one sentence each:
  ///   booleans (written as 1 and 0), markup that is not GML (GraphML's XML), attribute names
  ///   that are not GML keys or that GML gives another meaning (written under another key).
  /// - Complexity: O(n + m) for n nodes and m ties, plus the size of the attributes.
  public static func write(_ network: Network) -> (text: String, dropped: [String]) {
    var dropped: [String] = []
    let names = attributeNames
    let nodeNames = names(network.nodeAttributes, network.nodes.map(\.attributes))
    let tieNames = names(network.tieAttributes, network.ties.map(\.attributes))
    let graphNames = names(network.networkAttributes, [network.attributes])
    let nodeKeys = keys(nodeNames, reserved: ["id"], owner: "node", dropped: &dropped)
    let carrier = idCarrier(network, nodeKeys: nodeKeys)
    let trustKey =
      ["trust", "weight", "value"].contains(network.trustAttributeName)
      ? network.trustAttributeName : "weight"
    if network.hasTrust, trustKey != network.trustAttributeName {
      dropped.append(
        "the trust, named '\(network.trustAttributeName)' in the input, is written as 'weight', the key GML readers take for a tie's weight"
      )
    }
    let tieKeys = keys(
      tieNames, reserved: ["source", "target", "id", "key", "layer", "trust", "weight", "value"],
      owner: "tie", dropped: &dropped)
    let graphKeys = keys(
      graphNames, reserved: ["directed", "multigraph", "node", "edge"], owner: "network",
      dropped: &dropped)

    var noted = Set<String>()
    func value(_ v: AttributeValue, _ name: String, owner: String) -> String? {
      switch v {
      case .string(let s): return quote(s)
      case .integer(let i): return String(i)
      case .double(let d): return real(d)
      case .boolean(let b):
        if noted.insert("\(owner) \(name) boolean").inserted {
          dropped.append(
            "the \(owner) attribute '\(name)' is true or false, which GML has no type for: written as 1 and 0"
          )
        }
        return b ? "1" : "0"
      case .markup(let m):
        if isList(m) { return m }
        if noted.insert("\(owner) \(name) markup").inserted {
          dropped.append(
            "the \(owner) attribute '\(name)' holds markup that is not GML (XML from GraphML, say): not written"
          )
        }
        return nil
      }
    }

    let integerTrust = network.writesTrustAsIntegers
    var out = "Creator \"Brobyggare\"\n"
    if let carrier {
      out +=
        "# GML ids are integers: the node ids are the values of the key that nodeIDKey names.\n"
      out += "nodeIDKey \(quote(carrier))\n"
    }
    out += "graph [\n  directed \(network.isDirected ? 1 : 0)\n"
    var pairs = Set<[Int32]>()
    for t in network.ties {
      let (a, b) =
        network.isDirected
        ? (t.source, t.target) : (min(t.source, t.target), max(t.source, t.target))
      if !pairs.insert([Int32(a), Int32(b)]).inserted {
        out += "  multigraph 1\n"
        break
      }
    }
    for name in graphNames {
      if let text = value(network.attributes[name]!, name, owner: "network") {
        out += "  \(graphKeys[name]!) \(text)\n"
      }
    }
    let gmlIDs = carrier == nil ? network.nodes.map(\.id) : network.nodes.indices.map { String($0) }
    for (k, node) in network.nodes.enumerated() {
      out += "  node [\n    id \(gmlIDs[k])\n"
      if let carrier { out += "    \(carrier) \(quote(node.id))\n" }
      for name in nodeNames {
        if let v = node.attributes[name], let text = value(v, name, owner: "node") {
          out += "    \(nodeKeys[name]!) \(text)\n"
        }
      }
      out += "  ]\n"
    }
    for tie in network.ties {
      out += "  edge [\n    source \(gmlIDs[tie.source])\n    target \(gmlIDs[tie.target])\n"
      if let id = tie.id {
        out += "    id \(Int(id).map { String($0) == id } == true ? id : quote(id))\n"
      }
      if let t = tie.trust { out += "    \(trustKey) \(integerTrust ? String(Int(t)) : real(t))\n" }
      if let l = tie.layer { out += "    layer \(quote(l))\n" }
      for name in tieNames {
        if let v = tie.attributes[name], let text = value(v, name, owner: "tie") {
          out += "    \(tieKeys[name]!) \(text)\n"
        }
      }
      out += "  ]\n"
    }
    out += "]\n"
    return (out, dropped)
  }

  /// GML keys for attribute names: the name itself when it is a key (an ASCII letter, then
  /// letters, digits and `_`) that GML does not reserve here; else a key made from it, with a
  /// sentence in `dropped`.
  static func keys(_ names: [String], reserved: Set<String>, owner: String, dropped: inout [String])
    -> [String: String]
  {
    var map: [String: String] = [:]
    var used = reserved
    for n in names where isKey(n) && !reserved.contains(n) {
      map[n] = n
      used.insert(n)
    }
    for n in names where map[n] == nil {
      var base = String(
        String.UnicodeScalarView(
          n.unicodeScalars.map { s in
            s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "_")
              ? s : "_"
          }))
      if !(base.unicodeScalars.first.map { $0.isASCII && $0.properties.isAlphabetic } ?? false) {
        base = base.hasPrefix("_") ? "attr" + base : "attr_" + base
      }
      var key = base
      var k = 2
      while used.contains(key) {
        key = "\(base)_\(k)"
        k += 1
      }
      used.insert(key)
      map[n] = key
      dropped.append(
        isKey(n)
          ? "the \(owner) attribute '\(n)' is written as '\(key)', since GML gives the key '\(n)' another meaning there"
          : "the \(owner) attribute '\(n)' is written as '\(key)', since GML keys are ASCII letters, digits and _, starting with a letter"
      )
    }
    return map
  }

  /// Whether a name is a GML key networkx and igraph read: an ASCII letter, then ASCII
  /// letters, digits and `_`.
  static func isKey(_ s: String) -> Bool {
    guard let first = s.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic else {
      return false
    }
    return s.unicodeScalars.allSatisfy {
      $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_")
    }
  }

  /// Whether markup is a GML list (as the reader keeps `graphics [ ... ]`).
  static func isList(_ m: String) -> Bool {
    guard m.hasPrefix("[") else { return false }
    var parser = Parser(text: "k " + m, file: "")
    guard let items = try? parser.parseDocument(), items.count == 1, case .list = items[0].value
    else { return false }
    return true
  }

  /// A GML string: `&` and `"` as `&amp;` and `&quot;`, characters outside printable ASCII as
  /// `&#N;`.
  static func quote(_ s: String) -> String {
    var out = "\""
    for ch in s.unicodeScalars {
      switch ch {
      case "&": out += "&amp;"
      case "\"": out += "&quot;"
      case " "..."~": out.unicodeScalars.append(ch)
      default: out += "&#\(ch.value);"
      }
    }
    return out + "\""
  }

  /// A GML real: always with a decimal point, as networkx's reader requires; `NAN`, `+INF`,
  /// `-INF`.
  static func real(_ d: Double) -> String {
    if d.isNaN { return "NAN" }
    if d.isInfinite { return d > 0 ? "+INF" : "-INF" }
    let s = "\(d)"
    if s.contains(".") { return s }
    if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) { return s[..<e] + ".0" + s[e...] }
    return s + ".0"
  }
}
