import Foundation

/// A small, strict XML pull parser for the GraphML reader.
///
/// Implementation goals, in order of priority:
/// 1. Safe on hostile input: no DTD is read (a `<!DOCTYPE` is refused), so no entity is ever
///    defined, expanded or fetched; only the five predefined entities and character references
///    are replaced. Nesting is limited to ``maximumDepth`` elements.
/// 2. Errors that say where: every error carries the line and column.
/// 3. Lossless where GraphML needs it: the byte range of an element's content is available, so
///    foreign markup inside `<data>` (yEd's graphics) is kept exactly as written.
struct XMLReader {
  /// What ``next()`` read. Its name, offset and text are properties of the reader, valid until
  /// the next call, so that no event is built and destroyed per element.
  enum Event: Equatable {
    /// A start tag: ``name``, ``eventOffset``, ``selfClosing`` and ``attributes``.
    case start
    /// An end tag (or the end of a self-closing tag): ``name`` and ``eventOffset``.
    case end
    /// Text, entities replaced: ``text``.
    case text
  }

  /// The element name of the last start or end tag.
  private(set) var name = ""
  /// The offset in the text of the last tag's '<'.
  private(set) var eventOffset = 0
  /// Whether the last start tag ended with '/>'.
  private(set) var selfClosing = false
  /// The last text read.
  private(set) var text = ""

  /// The attributes of the last start tag, in document order.
  var attributes: ArraySlice<(String, String)> { attributeStore[0..<attributeCount] }
  /// One array serves every tag (its first `attributeCount` entries), so reading a tag
  /// allocates nothing for its attributes.
  private var attributeStore: [(String, String)] = []
  private var attributeCount = 0

  /// The value of the last start tag's attribute `name`.
  @inline(__always) func attribute(_ name: String) -> String? {
    for k in 0..<attributeCount where attributeStore[k].0 == name { return attributeStore[k].1 }
    return nil
  }

  /// The deepest nesting of elements accepted.
  static let maximumDepth = 512

  /// A window of the document's UTF-8: `bytes[0]` is at offset `base` of the text. Offsets in
  /// events and messages count from the start of the text.
  private(set) var bytes: [UInt8] = []
  private(set) var base = 0
  let input: TextInput
  private var more = true
  /// An offset the window must keep (the start of a `<data>` element whose markup is kept
  /// verbatim); bytes before `position` and this are dropped as the reading goes on.
  var keepFrom: Int?
  let file: String
  /// The position in the window.
  private(set) var position = 0
  private var openNames: [String] = []
  /// Names already seen (elements and attributes), in a small table keyed by length and end
  /// bytes: a file uses a handful of names thousands of times, so each is made into a string
  /// once and found again by its bytes. Names longer than 16 bytes are not kept.
  private var knownNames = [String](repeating: "", count: 256)
  private var knownNameBytes = [UInt8](repeating: 0, count: 256 * 16)
  private var knownNameLength = [UInt8](repeating: 0, count: 256)
  /// True when the last start tag's name has a colon (a prefixed, foreign element).
  private(set) var nameHasColon = false
  private var sawRoot = false
  private var pendingEnd: (String, Int)?
  /// When false, text between elements is checked but not returned (the caller has no use for
  /// it there), which spares a string per line of an indented file.
  var wantsText = true

  init(input: TextInput) throws(FormatError) {
    self.input = input
    self.file = input.file
    more = try input.append(to: &bytes)
  }

  /// A reader over a document in memory, honouring a byte-order mark or the encoding its XML
  /// declaration names.
  static func open(_ data: Data, file: String) throws(FormatError) -> XMLReader {
    try XMLReader(input: TextInput(data: data, file: file, xml: true))
  }

  /// A reader over a document in memory as bytes (an entry of an archive), not copied.
  static func open(bytes: [UInt8], file: String) throws(FormatError) -> XMLReader {
    try XMLReader(input: TextInput(bytes: bytes, file: file, xml: true))
  }

  /// A reader over a file, read a block at a time.
  static func open(path: String, file: String? = nil) throws(FormatError) -> XMLReader {
    try XMLReader(input: TextInput(path: path, file: file, xml: true))
  }

  /// The offset in the text of the next byte to read.
  var offset: Int { base + position }

  /// True when the window holds byte `i`, reading another block if needed. The window only
  /// grows while an event is read, so positions taken within it stay valid.
  @inline(__always) private mutating func has(_ i: Int) throws(FormatError) -> Bool {
    if i < bytes.count { return true }
    while more && i >= bytes.count { more = try input.append(to: &bytes) }
    return i < bytes.count
  }

  /// Drops the bytes already read, once there is a block's worth of them.
  private mutating func compact() {
    let keep = Swift.min(position, (keepFrom ?? Int.max) - base)
    guard keep >= input.blockSize else { return }
    bytes.removeFirst(keep)
    base += keep
    position -= keep
  }

  func error(_ message: String, at offset: Int? = nil) -> FormatError {
    let (l, c) = location(of: offset ?? (base + position))
    return FormatError(file: file, line: l, column: c, message)
  }

  /// Line and column (in characters) of an offset in the text.
  func location(of offset: Int) -> (Int, Int) {
    input.location(of: offset)
  }

  /// The text between two offsets, exactly as written (both within the window).
  func slice(_ from: Int, _ to: Int) -> String {
    String(decoding: bytes[(from - base)..<(to - base)], as: UTF8.self)
  }

  /// The name between two positions in the window, as a string made once per distinct name.
  private mutating func internedName(_ from: Int, _ to: Int) -> String {
    let count = to - from
    guard count > 0 && count <= 16 else { return local(from, to) }
    let slot = (count &* 37 &+ Int(bytes[from]) &* 5 &+ Int(bytes[to - 1])) & 255
    if Int(knownNameLength[slot]) == count {
      var same = true
      for i in 0..<count where knownNameBytes[slot * 16 + i] != bytes[from + i] {
        same = false
        break
      }
      if same { return knownNames[slot] }
    }
    let made = local(from, to)
    knownNames[slot] = made
    knownNameLength[slot] = UInt8(count)
    for i in 0..<count { knownNameBytes[slot * 16 + i] = bytes[from + i] }
    return made
  }

  /// True when the window holds, from `from` to `to`, the UTF-8 of `name`.
  private func holds(_ name: String, _ from: Int, _ to: Int) -> Bool {
    var s = name
    return s.withUTF8 { utf8 in
      guard utf8.count == to - from else { return false }
      for i in 0..<utf8.count where utf8[i] != bytes[from + i] { return false }
      return true
    }
  }

  /// The text between two positions in the window.
  private func local(_ from: Int, _ to: Int) -> String {
    String(decoding: bytes[from..<to], as: UTF8.self)
  }

  private mutating func starts(with s: StaticString, at i: Int) throws(FormatError) -> Bool {
    let n = s.utf8CodeUnitCount
    guard try has(i + n - 1) else { return false }
    return s.withUTF8Buffer { buf in
      for k in 0..<n where bytes[i + k] != buf[k] { return false }
      return true
    }
  }

  private mutating func find(_ s: StaticString, from i: Int) throws(FormatError) -> Int? {
    let n = s.utf8CodeUnitCount
    var j = i
    while try has(j + n - 1) {
      let found = s.withUTF8Buffer { buf -> Bool in
        guard bytes[j] == buf[0] else { return false }
        for k in 1..<n where bytes[j + k] != buf[k] { return false }
        return true
      }
      if found { return j }
      j += 1
    }
    return nil
  }

  @inline(__always) private static func isSpace(_ b: UInt8) -> Bool {
    b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09
  }
  @inline(__always) private static func isNameByte(_ b: UInt8) -> Bool {
    !(isSpace(b) || b == UInt8(ascii: "/") || b == UInt8(ascii: ">") || b == UInt8(ascii: "=")
      || b == UInt8(ascii: "<") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'"))
  }

  /// The next event, or `nil` at the end of a well-formed document.
  mutating func next() throws(FormatError) -> Event? {
    if let (name, offset) = pendingEnd {
      pendingEnd = nil
      self.name = name
      eventOffset = offset
      return .end
    }
    compact()
    while try has(position) {
      if bytes[position] != UInt8(ascii: "<") {
        let start = position
        while try has(position) && bytes[position] != UInt8(ascii: "<") { position += 1 }
        if openNames.isEmpty {
          if bytes[start..<position].contains(where: { !XMLReader.isSpace($0) }) {
            throw error(
              sawRoot
                ? "text after the root element" : "text before the root element; expected '<'",
              at: base + start)
          }
          continue
        }
        if !wantsText {
          // Still refuse what would be refused if it were read: a malformed entity.
          if bytes[start..<position].contains(UInt8(ascii: "&")) {
            _ = try unescape(start, position)
          }
          continue
        }
        text = try unescape(start, position)
        return .text
      }
      // Most markup is a start tag: one look at the byte after '<' says whether it may be
      // anything else.
      let second: UInt8 = try has(position + 1) ? bytes[position + 1] : 0
      let bang = second == UInt8(ascii: "!")
      if bang, try starts(with: "<!--", at: position) {
        guard let end = try find("-->", from: position + 4) else {
          throw error("a comment is never closed; expected '-->'")
        }
        position = end + 3
        continue
      }
      if bang, try starts(with: "<![CDATA[", at: position) {
        guard !openNames.isEmpty else { throw error("CDATA outside the root element") }
        guard let end = try find("]]>", from: position + 9) else {
          throw error("a CDATA section is never closed; expected ']]>'")
        }
        text = local(position + 9, end)
        position = end + 3
        return .text
      }
      if bang {
        let doctype = try starts(with: "<!DOCTYPE", at: position)
        let entity = try starts(with: "<!ENTITY", at: position)
        if doctype || entity {
          throw error(
            "document type declarations (<!DOCTYPE>) are not accepted: they can define entities that expand without bound or read other files"
          )
        }
      }
      if second == UInt8(ascii: "?") {
        guard let end = try find("?>", from: position + 2) else {
          throw error("a processing instruction is never closed; expected '?>'")
        }
        position = end + 2
        continue
      }
      if second == UInt8(ascii: "/") {
        let start = position
        position += 2
        let nameStart = position
        while try has(position) && XMLReader.isNameByte(bytes[position]) { position += 1 }
        let nameEnd = position
        while try has(position) && XMLReader.isSpace(bytes[position]) { position += 1 }
        guard try has(position), bytes[position] == UInt8(ascii: ">") else {
          throw error("expected '>' to close the end tag </\(local(nameStart, nameEnd))>")
        }
        position += 1
        guard let open = openNames.last else {
          throw error(
            "the end tag </\(local(nameStart, nameEnd))> has no start tag", at: base + start)
        }
        guard holds(open, nameStart, nameEnd) else {
          throw error(
            "the end tag </\(local(nameStart, nameEnd))> does not match the start tag <\(open)>",
            at: base + start)
        }
        openNames.removeLast()
        name = open
        eventOffset = base + start
        return .end
      }
      if bang { throw error("unexpected markup '<!'; expected an element, a comment or CDATA") }
      // Start tag.
      let start = position
      position += 1
      let nameStart = position
      var colon = false
      while try has(position) && XMLReader.isNameByte(bytes[position]) {
        colon = colon || bytes[position] == UInt8(ascii: ":")
        position += 1
      }
      guard position > nameStart else { throw error("expected an element name after '<'") }
      let name = internedName(nameStart, position)
      nameHasColon = colon
      if openNames.isEmpty && sawRoot {
        throw error("a second root element <\(name)>; a document has one", at: base + start)
      }
      attributeCount = 0
      var selfClosing = false
      while true {
        while try has(position) && XMLReader.isSpace(bytes[position]) { position += 1 }
        guard try has(position) else {
          throw error("the start tag <\(name)> is never closed", at: base + start)
        }
        let b = bytes[position]
        if b == UInt8(ascii: ">") {
          position += 1
          break
        }
        if b == UInt8(ascii: "/") {
          guard try has(position + 1), bytes[position + 1] == UInt8(ascii: ">") else {
            throw error("expected '/>'")
          }
          position += 2
          selfClosing = true
          break
        }
        let an = position
        while try has(position) && XMLReader.isNameByte(bytes[position]) { position += 1 }
        guard position > an else {
          throw error(
            "unexpected '\(Character(UnicodeScalar(b)))' in the start tag <\(name)>; expected an attribute name, '>' or '/>'"
          )
        }
        let aname = internedName(an, position)
        while try has(position) && XMLReader.isSpace(bytes[position]) { position += 1 }
        guard try has(position), bytes[position] == UInt8(ascii: "=") else {
          throw error("expected '=' after the attribute name '\(aname)'")
        }
        position += 1
        while try has(position) && XMLReader.isSpace(bytes[position]) { position += 1 }
        guard try has(position),
          bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'")
        else {
          throw error("expected a quoted value for the attribute '\(aname)'")
        }
        let quote = bytes[position]
        position += 1
        let vs = position
        while try has(position) && bytes[position] != quote {
          if bytes[position] == UInt8(ascii: "<") {
            throw error(
              "'<' is not allowed in an attribute value; write &lt; (or is the value's closing quote missing?)"
            )
          }
          position += 1
        }
        guard try has(position) else {
          throw error("the value of the attribute '\(aname)' is never closed", at: base + vs)
        }
        let value = try unescape(vs, position)
        position += 1
        if attribute(aname) != nil {
          throw error("the attribute '\(aname)' appears twice in <\(name)>", at: base + an)
        }
        if attributeCount < attributeStore.count {
          attributeStore[attributeCount] = (aname, value)
        } else {
          attributeStore.append((aname, value))
        }
        attributeCount += 1
      }
      sawRoot = true
      if selfClosing {
        pendingEnd = (name, base + position)
      } else {
        openNames.append(name)
        if openNames.count > XMLReader.maximumDepth {
          throw error(
            "elements are nested more than \(XMLReader.maximumDepth) deep", at: base + start)
        }
      }
      self.name = name
      self.selfClosing = selfClosing
      eventOffset = base + start
      return .start
    }
    if let open = openNames.last {
      throw error("the file ends inside <\(open)>; it may be truncated")
    }
    if !sawRoot { throw error("the file has no root element") }
    return nil
  }

  /// Text with the predefined entities and character references replaced.
  private func unescape(_ from: Int, _ to: Int) throws(FormatError) -> String {
    guard bytes[from..<to].contains(UInt8(ascii: "&")) else { return local(from, to) }
    var out: [UInt8] = []
    out.reserveCapacity(to - from)
    var i = from
    while i < to {
      let b = bytes[i]
      guard b == UInt8(ascii: "&") else {
        out.append(b)
        i += 1
        continue
      }
      var j = i + 1
      while j < to && bytes[j] != UInt8(ascii: ";") && j - i < 16 { j += 1 }
      guard j < to, bytes[j] == UInt8(ascii: ";") else {
        throw error("'&' starts no entity; write &amp;", at: base + i)
      }
      let name = local(i + 1, j)
      switch name {
      case "lt": out.append(UInt8(ascii: "<"))
      case "gt": out.append(UInt8(ascii: ">"))
      case "amp": out.append(UInt8(ascii: "&"))
      case "quot": out.append(UInt8(ascii: "\""))
      case "apos": out.append(UInt8(ascii: "'"))
      default:
        var scalar: UInt32?
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
          scalar = UInt32(name.dropFirst(2), radix: 16)
        } else if name.hasPrefix("#") {
          scalar = UInt32(name.dropFirst(), radix: 10)
        } else {
          throw error(
            "the entity '&\(name);' is not defined; only &lt; &gt; &amp; &quot; &apos; and character references are read",
            at: base + i)
        }
        // XML 1.0's Char: no control character but tab, line feed and carriage return, not
        // even as a reference (expat refuses '&#19;' as a reference to an invalid character).
        guard let s = scalar, s != 0, let u = Unicode.Scalar(s) else {
          throw error("'&\(name);' is not a valid character", at: base + i)
        }
        guard s >= 0x20 || s == 0x09 || s == 0x0A || s == 0x0D, s != 0xFFFE, s != 0xFFFF else {
          throw error(
            "'&\(name);' is not a character XML allows (XML 1.0 allows no control character but tab, line feed and carriage return, not even as a reference; expat refuses it)",
            at: base + i)
        }
        out.append(contentsOf: Array(String(Character(u)).utf8))
      }
      i = j + 1
    }
    return String(decoding: out, as: UTF8.self)
  }
}
