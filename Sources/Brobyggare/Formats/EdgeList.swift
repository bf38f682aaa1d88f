import Foundation

/// Plain edge lists: `u v [weight]` per line, separated by spaces or tabs; `#` starts a
/// comment. A file whose first line of fields has a tab between them (Excel's "Text
/// (tab-delimited)") is read tab by tab: names keep their inner spaces and a `#` inside them,
/// and only a `#` at the start of a line or field starts a comment. Otherwise `#` starts a
/// comment anywhere, and so does `%` at the start of a line (KONECT, whose first line `% sym` or
/// `% asym` says the direction); blank lines are skipped. Lines end with LF, CRLF or a lone CR (as classic Mac OS
/// wrote them). The weight is read as trust. The format says nothing of direction, so the
/// caller declares it.
public enum EdgeListFormat {
  /// Reads an edge list: `source target [weight]` per line.
  ///
  /// - Throws: ``FormatError`` naming `file`, line and column; at line 1 for a file without a
  ///   tie (empty, or only comments, blank lines or a header), which holds no network.
  /// - Complexity: O(size of the data).
  public static func read(
    _ data: Data, file: String, directed: Bool, encoding: TextEncoding = .utf8
  ) throws(FormatError) -> Network {
    try read(TextInput(data: data, file: file, encoding: encoding), directed: directed)
  }

  /// Reads a file a block at a time: memory holds the network and one window of the file.
  public static func read(
    contentsOf path: String, file: String? = nil, directed: Bool,
    encoding: TextEncoding = .utf8
  ) throws(FormatError) -> Network {
    try read(TextInput(path: path, file: file, encoding: encoding), directed: directed)
  }

  static func read(_ input: TextInput, directed: Bool) throws(FormatError) -> Network {
    let file = input.file
    var network = Network(directed: directed)
    network.trustAttributeName = "weight"
    var window: [UInt8] = []
    window.reserveCapacity(TextInput.blockSize + 4096)
    var lineNumber = 1
    var more = true
    // Bytes of the window already searched for a line end, so that a long line is searched
    // once, not again with every block.
    var searched = 0
    // Ids written as plain whole numbers (0, 17, 4711, not 007 or +3) are looked up in an array
    // by their value, which is many times faster than hashing the text; the array grows only
    // while the numbers stay within a few times the number of nodes, so sparse ids (phone
    // numbers, say) go through the network's id table as any other text.
    var byNumber: [Int32] = []
    func nodeIndex(_ buffer: UnsafeBufferPointer<UInt8>, _ f: (Int, Int)) -> Int {
      let length = f.1 - f.0
      if length <= 9, length == 1 || buffer[f.0] != 0x30 {
        var value = 0
        var digits = true
        for k in f.0..<f.1 {
          let d = Int(buffer[k]) &- 48
          if d < 0 || d > 9 {
            digits = false
            break
          }
          value = value * 10 + d
        }
        if digits {
          if value >= byNumber.count, value < Swift.max(1 << 16, 4 * (network.nodeCount + 1)) {
            byNumber.append(
              contentsOf: repeatElement(
                -1, count: Swift.max(value + 1, 2 * byNumber.count) - byNumber.count))
          }
          if value < byNumber.count {
            let known = byNumber[value]
            if known >= 0 { return Int(known) }
            let i = network.node(
              withID: String(
                decoding: UnsafeBufferPointer(rebasing: buffer[f.0..<f.1]), as: UTF8.self))
            byNumber[value] = Int32(i)
            return i
          }
        }
      }
      return network.node(
        withID: String(decoding: UnsafeBufferPointer(rebasing: buffer[f.0..<f.1]), as: UTF8.self))
    }
    var reserved = false
    var headerSkipped = false
    var skipLine = false
    var headerNote: String?
    // Whether a comment was met (a file with no tie may still hold text).
    var sawComment = false
    // Whether the fields are separated by tabs (nil until the first line with fields), and
    // the names that reads otherwise than splitting at spaces and '#' would.
    var tabbed: Bool?
    var spacedNames = 0
    var spacedExample: String?
    var hashNames = 0
    var hashExample: String?
    while more {
      more = try input.append(to: &window)
      if !more { window.append(0x0A) }  // a final newline ends the last line
      // Parse the complete lines in the window; a partial last line waits for the next block.
      // A CR at the end of the window may be the first half of a CRLF, so it waits too.
      let limit = more && window.last == 0x0D ? window.count - 1 : window.count
      guard let lastEnd = window[searched..<limit].lastIndex(where: { $0 == 0x0A || $0 == 0x0D })
      else {
        searched = limit
        continue
      }
      if !reserved, more, let size = input.size {
        // Room for the ties the whole file will hold, judged from the first block's lines,
        // so the tie array is not copied as it grows.
        reserved = true
        var lines = 0
        for k in 0...lastEnd where window[k] == 0x0A || (window[k] == 0x0D && window[k + 1] != 0x0A)
        { lines += 1 }
        network.reserveCapacity(
          nodes: 0, ties: Int(Double(size) / Double(lastEnd + 1) * Double(lines) * 1.02) + 16)
      }
      let end = lastEnd + 1
      // Bytes, not Characters: the format's separators are ASCII, and UTF-8 never uses ASCII
      // bytes inside a multi-byte character. Columns in messages count characters (computed on
      // error).
      var failure: FormatError?
      window.withUnsafeBufferPointer { buffer in
        var lineStart = 0
        var i = 0
        var fields: [(Int, Int)] = []  // byte ranges of the fields on this line
        func column(_ offset: Int) -> Int {
          String(decoding: UnsafeBufferPointer(rebasing: buffer[lineStart..<offset]), as: UTF8.self)
            .count + 1
        }
        func field(_ f: (Int, Int)) -> String {
          String(decoding: UnsafeBufferPointer(rebasing: buffer[f.0..<f.1]), as: UTF8.self)
        }
        while i < end {
          fields.removeAll(keepingCapacity: true)
          // Space-separated files (most, and the largest) skip this: lines are scanned once.
          var lineEnd = i
          var first = i
          if tabbed != false {
            while buffer[lineEnd] != 0x0A && buffer[lineEnd] != 0x0D { lineEnd += 1 }
            while first < lineEnd && (buffer[first] == 0x20 || buffer[first] == 0x09) {
              first += 1
            }
          }
          // The first line with a tie or header decides: a tab between its fields (before any
          // '#') makes the file tab-separated, as Excel's "Text (tab-delimited)" writes it.
          if tabbed == nil, first < lineEnd, buffer[first] != 0x23, buffer[first] != 0x25 {
            tabbed = false
            for q in first..<lineEnd {
              if buffer[q] == 0x23 { break }
              if buffer[q] == 0x09 {
                tabbed = true
                break
              }
            }
          }
          if tabbed == true {
            // Fields run from tab to tab, spaces inside them kept and around them trimmed; a
            // line or field that starts with '#' (or a line with '%') starts a comment.
            if first < lineEnd && (buffer[first] == 0x23 || buffer[first] == 0x25) {
              sawComment = true
            } else if first < lineEnd {
              var s = i
              while true {
                var e = s
                while e < lineEnd && buffer[e] != 0x09 { e += 1 }
                var a = s
                var b = e
                while a < b && buffer[a] == 0x20 { a += 1 }
                while b > a && buffer[b - 1] == 0x20 { b -= 1 }
                if a < b && buffer[a] == 0x23 {
                  sawComment = true
                  break
                }
                fields.append((a, b))
                if e == lineEnd { break }
                s = e + 1
              }
              // Excel writes a tab for each empty column at the end of a row.
              while let last = fields.last, last.0 == last.1 { fields.removeLast() }
              if let empty = fields.firstIndex(where: { $0.0 == $0.1 }) {
                failure = FormatError(
                  file: file, line: lineNumber, column: column(fields[empty].0),
                  "field \(empty + 1) is empty (two tabs in a row); expected 'source target [weight]' separated by tabs"
                )
                return
              }
              for f in fields.prefix(2) {
                let name = UnsafeBufferPointer(rebasing: buffer[f.0..<f.1])
                if name.contains(0x20) {
                  spacedNames += 1
                  if spacedExample == nil { spacedExample = field(f) }
                }
                if name.contains(0x23) {
                  hashNames += 1
                  if hashExample == nil { hashExample = field(f) }
                }
              }
            }
            i = lineEnd
          }
          // One line: fields separated by spaces or tabs, up to '#' or the end of the line.
          var comment = false
          while tabbed != true {
            let b = buffer[i]
            if b == 0x0A || b == 0x0D { break }
            if b == 0x20 || b == 0x09 || comment {
              i += 1
              continue
            }
            // '#' starts a comment anywhere; '%' at the start of a line, as KONECT writes them.
            if b == 0x23 || (b == 0x25 && fields.isEmpty) {
              comment = true
              sawComment = true
              i += 1
              continue
            }
            let start = i
            while true {
              let c = buffer[i]
              if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x23 { break }
              i += 1
            }
            fields.append((start, i))
          }
          if !fields.isEmpty {
            guard fields.count == 2 || fields.count == 3 else {
              let at = fields.count > 3 ? fields[3].0 : fields.last!.1
              // A table with commas or semicolons saved as text: one field holding them all.
              let text = field(fields[0])
              let separator = [",", ";"].first { fields.count == 1 && text.contains($0) }
              failure = FormatError(
                file: file, line: lineNumber, column: column(at),
                "expected 'source target [weight]' but found \(fields.count) field\(fields.count == 1 ? "" : "s")\(separator.map { "; the line is separated by '\($0)': if the file is a CSV table, read it with --input-format csv" } ?? "")"
              )
              return
            }
            // A first line of column names ('source target', 'from to weight', as Excel's text
            // export writes a header) is a header, not a tie between nodes so named.
            if network.tieCount == 0 && !headerSkipped {
              let words = fields.map { field($0).lowercased() }
              let ends: Set<String> = [
                "source", "target", "from", "to", "node1", "node2", "src", "dst",
              ]
              if ends.contains(words[0]) && ends.contains(words[1])
                && (words.count == 2 || ["weight", "trust", "value", "w"].contains(words[2]))
              {
                headerSkipped = true
                headerNote = fields.map(field).joined(separator: " ")
                skipLine = true
              }
            }
            var trust: Double?
            if !skipLine, fields.count == 3 {
              do {
                trust = try CSVFormat.parseTrust(
                  field(fields[2]), decimalComma: false, file: file, line: lineNumber,
                  column: column(fields[2].0))
              } catch {
                failure = error as? FormatError
                if network.tieCount == 0, parseDouble(field(fields[2])) == nil {
                  // A first line such as 'source target weight' is a header, which an edge list has not.
                  let text = FormatError.excerpt(fields.map(field).joined(separator: " "))
                  failure?.message += "; if '\(text)' is a header, make it a comment: '# \(text)'"
                }
                return
              }
            }
            if !skipLine {
              let s = nodeIndex(buffer, fields[0])
              let t = nodeIndex(buffer, fields[1])
              network.addTie(Tie(source: s, target: t, trust: trust))
            }
            skipLine = false
          }
          // Past the line end: LF, CR, or CR and LF as one.
          i += buffer[i] == 0x0D && i + 1 < end && buffer[i + 1] == 0x0A ? 2 : 1
          lineNumber += 1
          lineStart = i
        }
      }
      if let failure { throw failure }
      window.removeFirst(end)
      searched = 0
    }
    // An edge list's nodes are the ends of its ties: without a tie there is no network, and an
    // empty file is more likely a failed export than a network of no one.
    if network.tieCount == 0 {
      throw FormatError(
        file: file, line: 1, column: 1,
        headerNote != nil
          ? "the file has a header line and no tie; expected 'source target [weight]' lines"
          : !sawComment
            ? "the file is empty; expected 'source target [weight]' lines"
            : "the file has no tie, only comments or blank lines; expected 'source target [weight]' lines"
      )
    }
    if let spacedExample {
      network.readNotes.append(
        "the fields are separated by tabs, so a name runs from tab to tab with its spaces (\(spacedNames) \(spacedNames == 1 ? "name" : "names") such as '\(FormatError.excerpt(spacedExample))'), as networkx's read_edgelist reads them with delimiter='\\t'; its default splits at every space"
      )
    }
    if let hashExample {
      network.readNotes.append(
        "a '#' inside a name is part of the name in a file separated by tabs (\(hashNames) \(hashNames == 1 ? "name" : "names") such as '\(FormatError.excerpt(hashExample))'); only a '#' at the start of a line or field starts a comment (networkx's read_edgelist cuts every name at '#')"
      )
    }
    if let headerNote {
      network.readNotes.append(
        "the first line, '\(FormatError.excerpt(headerNote))', names the columns: read as a header, not as a tie"
      )
    }
    return network
  }

  /// Writes `source target [weight]` lines. Ids with white space or `#` cannot be written in
  /// this format, nor a network without ties (an empty file, which the reader refuses); the
  /// writer refuses them rather than write a file that reads back wrong.
  public static func write(_ network: Network) throws(FormatError) -> String {
    for node in network.nodes
    where node.id.isEmpty
      || node.id.unicodeScalars.contains(where: {
        $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "#" || $0 == "\0"
      })
    {
      throw FormatError(
        file: "<output>", line: 0, column: 0,
        "the node id '\(node.id)' has white space or '#', which an edge list cannot hold; write CSV or GraphML instead"
      )
    }
    guard network.tieCount > 0 else {
      throw FormatError(
        file: "<output>", line: 0, column: 0,
        "the network has no ties, and an edge list holds ties only: the file would be empty, which no reader takes for a network\(network.nodeCount > 0 ? ", and its \(network.nodeCount == 1 ? "node" : "\(network.nodeCount) nodes") would be lost" : ""); write CSV or GraphML instead"
      )
    }
    let weighted = network.hasTrust
    var out = ""
    for tie in network.ties {
      out += network.nodes[tie.source].id + " " + network.nodes[tie.target].id
      if weighted { out += " " + formatNumber(tie.trust ?? 1) }
      out += "\n"
    }
    return out
  }
}
