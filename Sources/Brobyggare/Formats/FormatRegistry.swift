import Foundation

/// The file formats Brobyggare reads and writes: the one registry. The command line's
/// `--input-format` and `--output-format`, the message for an unknown extension, `brobyggare
/// formats` and the README's format matrix all come from it. Adding a format is a case here,
/// its entries below, and a type of its own that reads and writes it.
public enum NetworkFormat: String, Sendable, CaseIterable {
  /// A CSV tie table (`source`, `target`, ...) with a node table beside it (Gephi's
  /// spreadsheet import and export).
  case csv
  /// An edge list: one tie a line, two ids and an optional trust (igraph's `ncol`,
  /// networkx's `edgelist`).
  case edgelist
  /// GraphML (yEd, Gephi, networkx, igraph, Cytoscape, Network Canvas).
  case graphml
  /// GEXF, Gephi's own format.
  case gexf
  /// GML (igraph, networkx, Cytoscape, yEd).
  case gml
  /// Graphviz DOT.
  case dot
  /// JSON: node-link (networkx, D3), Cytoscape and graphology dialects.
  case json
  /// Pajek `.net`.
  case pajek
  /// UCINET DL.
  case ucinet
  /// An Excel workbook (`.xlsx`): a ties sheet and a nodes sheet.
  case xlsx

  /// The extensions that imply the format, lower case, the usual one first.
  public var extensions: [String] {
    switch self {
    case .csv: ["csv", "tsv"]
    case .edgelist: ["edgelist", "edges", "txt", "el", "ncol", "konect"]
    case .graphml: ["graphml", "xml"]
    case .dot: ["dot", "gv"]
    case .json: ["json"]
    case .ucinet: ["dl"]
    case .gexf: ["gexf"]
    case .gml: ["gml"]
    case .pajek: ["net", "paj"]
    case .xlsx: ["xlsx"]
    }
  }

  /// The format's name for people.
  public var title: String {
    switch self {
    case .csv: "CSV tie and node tables"
    case .edgelist: "edge list"
    case .graphml: "GraphML"
    case .dot: "Graphviz DOT"
    case .json: "JSON (networkx, d3, Cytoscape, graphology)"
    case .ucinet: "UCINET DL"
    case .gexf: "GEXF (Gephi)"
    case .gml: "GML"
    case .pajek: "Pajek"
    case .xlsx: "Excel workbook"
    }
  }

  /// What a file of this format keeps of a network, for the format matrix.
  public var keeps: String {
    switch self {
    case .csv:
      "direction (`type` column), ties, trust, layers, typed tie and node attributes (two files; a decimal column of whole numbers reads back as integer)"
    case .edgelist: "ties and trust; not direction, labels, layers or attributes"
    case .graphml:
      "everything: direction, typed attributes with defaults, layers, network attributes, yEd graphics"
    case .dot: "direction, ties, trust, layers, node, tie and graph attributes as text"
    case .json:
      "direction, ties, trust, layers, typed node, tie and network attributes; integer node ids (networkx's) as integers, ids that mix integers and text as text"
    case .ucinet:
      "ties, trust, layers (one matrix each), node ids; not attributes; reads back as directed"
    case .gexf:
      "direction, typed attributes with defaults, trust as weight, layers as kind (1.3), viz data, times as text"
    case .gml:
      "direction, ties, trust, layers, typed attributes, graphics blocks; booleans as 1 and 0"
    case .pajek:
      "direction, ties, trust, layers as relations, labels as ids, coordinates and drawing parameters"
    case .xlsx:
      "as CSV, in a ties sheet and a nodes sheet (`--sheet`, `--nodes-sheet`); reads Kumu, Polinode and NodeXL workbooks; typed cells, dates as ISO text"
    }
  }

  /// The format a file name implies, from its extension (case-insensitive).
  public init?(path: String) {
    let ext = (path as NSString).pathExtension.lowercased()
    guard let f = NetworkFormat.allCases.first(where: { $0.extensions.contains(ext) }) else {
      return nil
    }
    self = f
  }

  /// Every extension, for messages: `.csv, .tsv, .edgelist, ...`.
  public static var extensionList: String {
    allCases.flatMap(\.extensions).map { "." + $0 }.joined(separator: ", ")
  }

  /// Whether the first bytes of a file look like this format; `nil` for formats that cannot be
  /// told by their content (CSV, edge lists).
  func looksLike(_ head: String) -> Bool? {
    let t = head.drop { $0.isWhitespace || $0 == "\u{FEFF}" }.lowercased()
    switch self {
    case .graphml: return t.contains("<graphml")
    case .json: return t.hasPrefix("{") || t.hasPrefix("[")
    case .dot:
      let words = t.split(whereSeparator: { $0.isWhitespace || $0 == "{" }).prefix(2)
      return words.first == "digraph" || words.first == "graph"
        || (words.first == "strict" && words.count > 1)
    case .ucinet: return UCINETFormat.looksLike(head)
    case .gexf: return t.contains("<gexf")
    case .gml: return GMLFormat.sniff(Data(head.utf8))
    case .pajek: return PajekFormat.sniff(Data(head.utf8))
    case .csv, .edgelist: return nil
    // A ZIP archive: the only one read is a workbook.
    case .xlsx: return head.hasPrefix("PK\u{03}\u{04}")
    }
  }

  /// The format the content says, when it says one other than `self` (a GraphML file saved as
  /// `.gml` or `.txt`, say), else `nil`.
  static func sniff(_ data: Data, claimed: NetworkFormat) -> NetworkFormat? {
    let head = String(decoding: data.prefix(1024), as: UTF8.self)
    if claimed.looksLike(head) == true { return nil }
    // Only formats that announce themselves unmistakably are taken over the extension.
    for f in [NetworkFormat.graphml, .gexf, .xlsx] where f != claimed && f.looksLike(head) == true {
      return f
    }
    return nil
  }
}

extension Network {
  /// How many nodes and ties a file of `format` holds when this network is written to it: the
  /// network's own counts, except an edge list (which holds the nodes that have ties) and a
  /// UCINET DL file (which holds one value per pair and layer, none for trust 0).
  ///
  /// - Complexity: O(n + m).
  package func writtenCounts(as format: NetworkFormat) -> (nodes: Int, ties: Int) {
    switch format {
    case .edgelist:
      var has = [Bool](repeating: false, count: nodeCount)
      for t in ties {
        has[t.source] = true
        has[t.target] = true
      }
      return (has.lazy.filter { $0 }.count, tieCount)
    case .ucinet:
      struct Cell: Hashable {
        var layer: String?
        var a: Int, b: Int
      }
      var cells = Set<Cell>()
      for t in ties where t.trust != 0 {
        let (a, b) =
          isDirected || t.source <= t.target ? (t.source, t.target) : (t.target, t.source)
        cells.insert(Cell(layer: t.layer, a: a, b: b))
      }
      return (nodeCount, cells.count)
    default:
      return (nodeCount, tieCount)
    }
  }

  /// What this network holds that a file of `format` cannot, one sentence each, empty when it
  /// keeps everything: a writer never drops data without a word.
  ///
  /// - Complexity: O(n + m).
  public func lostWhenWritten(as format: NetworkFormat) -> [String] {
    // What the format has no place for, as a noun phrase; the writers' own notes (GML, Pajek,
    // GEXF) are sentences already, saying what is renamed, retyped or left out.
    var lost: [String] = []
    var sentences: [String] = []
    // Formats that name the trust column (the others write it as their own weight).
    if [.csv, .graphml, .dot, .json, .xlsx].contains(format),
      trustNamedForWriting.trustAttributeName != trustAttributeName
    {
      lost.append(
        "the trust's own name '\(trustAttributeName)' (written as 'trust', so that it reads back as the trust)"
      )
    }
    // Formats whose weight has no name of its own (GML says it in its writer's notes): the
    // trust is written as their weight and reads back named 'weight'. Said for a name of the
    // input's own ('Weight', 'strength'); 'trust' is this library's name for it.
    if [.gexf, .pajek, .ucinet, .edgelist].contains(format), hasTrust,
      trustAttributeName != "weight"
    {
      sentences.append(
        "the trust, named '\(visibleText(trustAttributeName))' here, is written as the ties' \(format == .gexf ? "GEXF weight" : "weights"), and reads back named 'weight'"
      )
    }
    // Ties without a trust beside ties with one: formats whose every tie line has a weight
    // give them the 1 they count as here, which reads back as a rating; Pajek leaves the
    // weight off, which igraph reads as NaN.
    if hasTrust {
      let trustless = ties.lazy.filter { $0.trust == nil }.count
      if trustless > 0 && [.ucinet, .edgelist].contains(format) {
        sentences.append(
          "\(trustless) tie\(trustless == 1 ? "" : "s") without a trust \(trustless == 1 ? "is" : "are") written with the weight 1 \(trustless == 1 ? "it counts" : "they count") as here: read back, \(trustless == 1 ? "it is a tie" : "they are ties") rated 1"
        )
      } else if trustless > 0 && format == .pajek {
        sentences.append(
          "\(trustless) tie\(trustless == 1 ? "" : "s") without a trust \(trustless == 1 ? "is" : "are") written without a weight, which igraph reads as NaN (networkx as no weight; here, 1)"
        )
      }
      let undefined = ties.lazy.filter { $0.trust.map { !$0.isFinite } ?? false }.count
      if undefined > 0 {
        sentences.append(
          "\(undefined) tie\(undefined == 1 ? "" : "s") \(undefined == 1 ? "has" : "have") a trust of NaN or infinity, written as such: a trust must be a number, so reading the file back here refuses \(undefined == 1 ? "it" : "them")"
        )
      }
    }
    let nodeAttributeNames = Set(nodes.flatMap { $0.attributes.keys })
    let tieAttributeNames = Set(ties.flatMap { $0.attributes.keys })
    func list(_ names: Set<String>) -> String {
      let sorted = names.sorted()
      return sorted.prefix(10).map { "'\($0)'" }.joined(separator: ", ")
        + (sorted.count > 10 ? " and \(sorted.count - 10) more" : "")
    }
    // CSV and DOT hold text, and their readers type a column by its values: text attributes
    // whose every value reads as a number or true/false come back typed.
    if format == .csv || format == .dot {
      for (domain, values) in [("node", nodes.map(\.attributes)), ("tie", ties.map(\.attributes))] {
        var text: [String: [String?]] = [:]
        var other = Set<String>()
        for attributes in values {
          for (name, v) in attributes {
            if case .string(let s) = v {
              text[name, default: []].append(s)
            } else {
              other.insert(name)
            }
          }
        }
        for name in text.keys.sorted()
        where !other.contains(name) && !["label", "kind", "id"].contains(name) {
          let t = inferType(text[name]!, decimalComma: false)
          if t != .string {
            sentences.append(
              "the \(domain) attribute '\(visibleText(name))' is text whose every value reads as \(t == .boolean ? "true or false" : "a number"): \(format.rawValue.uppercased()) holds no types, so it reads back as \(t.rawValue) (write GraphML, GEXF or JSON to keep it text)"
            )
          }
        }
      }
    }
    // Tie ids: GraphML, GEXF, GML, JSON, CSV and workbooks (an id column) have a place for
    // them; Pajek says so itself.
    if [.dot, .edgelist, .ucinet].contains(format) {
      let withID = ties.lazy.filter { $0.id != nil }.count
      if withID > 0 {
        lost.append(
          "the ties' own ids (\(withID == ties.count ? (withID == 1 ? "the tie has one" : "every tie has one") : "\(withID) of the \(ties.count) ties \(withID == 1 ? "has" : "have") one"); GraphML, GEXF, GML, JSON and CSV keep them)"
        )
      }
    }
    // Analyses of people leave out the affiliation layers (person to organisation), known by
    // a network attribute or by the nodes' kinds; Pajek and DL keep the layers but neither.
    if [.pajek, .ucinet].contains(format) {
      let affiliation = affiliationLayers
      if !affiliation.layers.isEmpty {
        sentences.append(
          "the affiliation layers \(list(Set(affiliation.layers))) are known here by \(affiliation.declared ? "the network attribute 'affiliation_layers'" : "the nodes' kinds"), which \(format == .pajek ? "Pajek" : "DL") has no place for: read back, analyses of people read every layer, the affiliations among them, unless --layer names the others"
        )
      }
    }
    switch format {
    case .graphml:
      // A value left out reads as missing in networkx; igraph fills it in, a boolean with
      // false (python-igraph 1.0.0), which reads as a value: a respondent flag left out of
      // a node becomes 'did not answer'. (Ties' flags are left out where they do not apply:
      // 'reciprocated' on affiliation ties.)
      for (domain, declared, values) in [("node", nodeAttributes, nodes.map(\.attributes))] {
        let booleans = Set(
          values.flatMap { a in a.compactMap { $0.value.type == .boolean ? $0.key : nil } })
        for name in booleans.sorted()
        where declared.first(where: { $0.name == name })?.defaultValue == nil {
          let without = values.lazy.filter { $0[name] == nil }.count
          guard without > 0 else { continue }
          sentences.append(
            "the \(domain) attribute '\(visibleText(name))' (true or false) has no value on \(without) \(domain)\(without == 1 ? "" : "s"), which GraphML leaves out: networkx reads \(without == 1 ? "it" : "them") as missing, but igraph as false"
          )
        }
      }
      sentences += GraphMLFormat.retypedWhenWritten(self)
      sentences += GraphMLFormat.markupWrittenAsText(self)
    case .json:
      sentences += NodeLinkFormat.integerIDsWrittenAsText(self)
    case .csv, .xlsx:
      // Gephi's spreadsheet import (its Data Laboratory) takes the weight from a column named
      // Weight only (gephi.org, "Spreadsheet"): the trust column is an attribute there.
      if format == .csv && hasTrust
        && trustNamedForWriting.trustAttributeName.lowercased() != "weight"
      {
        sentences.append(
          "the trust is in the column '\(visibleText(trustNamedForWriting.trustAttributeName))', which Gephi's spreadsheet import reads as an attribute (it takes a tie's weight from a column named Weight only): for Gephi, write GEXF"
        )
      }
      // Ids that R's read.csv (na.strings "NA") or pandas (its default na_values) read as
      // missing: a node without an id there, and its ties without an end.
      let missingWords: Set<String> = [
        "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
        "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
      ]
      let missingIDs = nodes.lazy.map(\.id).filter { missingWords.contains($0) }
      if let first = missingIDs.first {
        let count = missingIDs.count
        sentences.append(
          "\(count == 1 ? "the id" : "\(count) ids, such as") '\(first)' \(count == 1 ? "is" : "are") written as \(count == 1 ? "it is" : "they are"), but pandas reads \(count == 1 ? "it" : "them") as missing by default\(format == .csv && missingIDs.contains("NA") ? ", and R's read.csv reads NA so" : ""): read the table with keep_default_na=False in pandas\(format == .csv ? ", na.strings = character(0) in R" : "")"
        )
      }
      for (old, new) in tableRenames.sorted(by: { $0.key < $1.key }) {
        sentences.append(
          "the tie attribute '\(visibleText(old))' is written as '\(visibleText(new))': a tie table's \(old.lowercased()) column says \(old.lowercased() == "type" ? "the direction of the ties (as Gephi reads it)" : old.lowercased() == "layer" ? "the ties' layer" : "the ties' trust, which this attribute is not (read it as the trust with --trust-column '\(visibleText(new))')")"
        )
      }
      if !isDirected && ties.isEmpty {
        sentences.append(
          "the network is undirected, which the ties' type column says, but it has no ties to say it on: read it back with --undirected"
        )
      }
      if !attributes.isEmpty {
        lost.append(
          "the network's own attributes (\(list(Set(attributes.keys)))): \(format == .csv ? "CSV tables have" : "a workbook's ties and nodes sheets have") no place for them"
        )
      }
      // A workbook's cells have no quotes to keep spaces with: ids are trimmed when read.
      let spaced =
        format == .xlsx
        ? nodes.filter { trimmingWhitespace($0.id, newlines: false).utf8.count != $0.id.utf8.count }
          .count : 0
      if spaced > 0 {
        sentences.append(
          "the spaces around \(spaced) id\(spaced == 1 ? " are" : "s are") written, but read back trimmed, as ids typed in a sheet are"
        )
      }
      let markup = Set(
        nodeAttributes.filter { $0.type == .markup }.map(\.name)
          + tieAttributes.filter { $0.type == .markup }.map(\.name))
      if !markup.isEmpty {
        lost.append("the markup attributes \(list(markup)) (yEd graphics, say)")
      }
      // A column of whole numbers reads back as integers, whatever type it was declared.
      if format == .csv {
        func whole(_ values: [AttributeValue?]) -> Bool {
          var any = false
          for case .double(let d)? in values {
            if d != d.rounded() { return false }
            any = true
          }
          return any
        }
        let nodeNames = nodeAttributes.filter { d in
          d.type == .double && whole(nodes.map { $0.attributes[d.name] })
        }.map(\.name)
        let tieNames = tieAttributes.filter { d in
          d.type == .double && whole(ties.map { $0.attributes[d.name] })
        }.map(\.name)
        let retyped = Set(nodeNames + tieNames)
        if !retyped.isEmpty {
          sentences.append(
            "the decimal attribute\(retyped.count == 1 ? "" : "s") \(list(retyped)) \(retyped.count == 1 ? "holds" : "hold") whole numbers only, which a CSV column holds as 1, 2, ...: reading the table back types \(retyped.count == 1 ? "it" : "them") as integer"
          )
        }
      }
    case .edgelist:
      if !nodeAttributeNames.isEmpty {
        lost.append(
          "the node attributes \(list(nodeAttributeNames))\(nodeAttributeNames.contains("label") ? ", labels among them" : "")"
        )
      }
      if !tieAttributeNames.isEmpty { lost.append("the tie attributes \(list(tieAttributeNames))") }
      if hasLayers { lost.append("the layers (\(list(Set(layers))))") }
      if !attributes.isEmpty {
        lost.append("the network's own attributes (\(list(Set(attributes.keys))))")
      }
      let isolates = nodes.count - Set(ties.flatMap { [$0.source, $0.target] }).count
      if isolates > 0 { lost.append("\(isolates) node\(isolates == 1 ? "" : "s") without ties") }
    case .ucinet:
      sentences += (try? UCINETFormat.write(self).dropped) ?? []
    case .gexf:
      sentences += (try? GEXFFormat.write(self).dropped) ?? []
    case .gml:
      sentences += GMLFormat.write(self).dropped
    case .pajek:
      sentences += PajekFormat.write(self).dropped
    case .dot:
      let typed = Set(
        (nodeAttributes + tieAttributes).filter { $0.type != .string && $0.type != .markup }.map(
          \.name))
      if !typed.isEmpty {
        lost.append(
          "the declared types of \(list(typed)): DOT holds text, and reading it back infers the types"
        )
      }
      // Graphviz draws a label's escapes and entities as what they stand for: `\G` as the
      // graph's name, `\n` as a line break, `\\` as one backslash, `&amp;` as `&`. Read back
      // here (and by networkx or igraph), the label is as written. (A label that is a name
      // escape alone is written so that Graphviz draws it as it is.)
      func drawnOtherwise(_ attributes: [String: AttributeValue]) -> Bool {
        DOTFormat.Parser.labelAttributes.contains { k in
          guard case .string(let s)? = attributes[k] else { return false }
          return DOTFormat.graphvizDrawsOtherwise(s)
        }
      }
      let escaped =
        nodes.filter { drawnOtherwise($0.attributes) }.count
        + ties.filter { drawnOtherwise($0.attributes) }.count
      if escaped > 0 {
        sentences.append(
          "\(escaped) label\(escaped == 1 ? " holds" : "s hold") a backslash escape (\\n, \\l, \\N, \\G, \\\\, ...) or a character entity (&amp;, &#233;, ...), which Graphviz draws as what it stands for (a line break, a name, a character); read back here, \(escaped == 1 ? "it is" : "they are") as written"
        )
      }
    }
    return lost.map { "\(format.title) cannot hold \($0); not written" } + sentences
  }
}
