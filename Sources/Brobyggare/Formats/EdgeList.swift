import Foundation

/// Plain edge lists: `u v [weight]` per line, separated by spaces or tabs; `#` starts a
/// comment; blank lines are skipped. The weight is read as trust. The format says nothing of
/// direction, so the caller declares it.
public enum EdgeListFormat {
  public static func read(_ data: Data, file: String, directed: Bool) throws(FormatError) -> Network {
    let text = try decodeText(data, file: file)
    var network = Network(directed: directed)
    network.trustAttributeName = "weight"
    var lineNumber = 0
    for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      var line = Substring(rawLine)
      if line.last == "\r" { line = line.dropLast() }
      if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
      // Fields and the column each starts at.
      var fields: [(Substring, Int)] = []
      var i = line.startIndex
      var col = 1
      while i < line.endIndex {
        while i < line.endIndex, line[i] == " " || line[i] == "\t" { i = line.index(after: i); col += 1 }
        if i == line.endIndex { break }
        let start = i, startCol = col
        while i < line.endIndex, line[i] != " " && line[i] != "\t" { i = line.index(after: i); col += 1 }
        fields.append((line[start..<i], startCol))
      }
      if fields.isEmpty { continue }
      guard fields.count == 2 || fields.count == 3 else {
        let col = fields.count > 3 ? fields[3].1 : (fields.last!.1 + fields.last!.0.count)
        throw FormatError(file: file, line: lineNumber, column: col,
                          "expected 'source target [weight]' but found \(fields.count) field\(fields.count == 1 ? "" : "s")")
      }
      var trust: Double?
      if fields.count == 3 {
        trust = try CSVFormat.parseTrust(String(fields[2].0), decimalComma: false, file: file, line: lineNumber, column: fields[2].1)
      }
      network.addTie(from: String(fields[0].0), to: String(fields[1].0), trust: trust)
    }
    return network
  }

  /// Writes `source target [weight]` lines. Ids with white space or `#` cannot be written in
  /// this format; the writer refuses them rather than write a file that reads back wrong.
  public static func write(_ network: Network) throws(FormatError) -> String {
    for node in network.nodes where node.id.isEmpty || node.id.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "#" }) {
      throw FormatError(file: "<output>", line: 1, column: 1, "the node id '\(node.id)' has white space or '#', which an edge list cannot hold; write CSV or GraphML instead")
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
