import Foundation

// The fuzz target for every reader, compiled into the library's own module by
// Scripts/fuzz.sh with the toolchain's libFuzzer (-sanitize=fuzzer). BROBYGGARE_FUZZ_READER
// picks the reader: graphml, gexf, gml, pajek, ucinet, dot, csv, csv-nodes, edgelist, json,
// nominations or xlsx. The xlsx target takes an input that starts as a ZIP archive (`PK`) as a
// workbook, and any other input as the XML of a sheet, put in a workbook with shared strings
// and date styles, so that the fuzzer reaches the sheet reader past the archive's CRC-32s. A reader may refuse the input with a FormatError; anything else (a crash, a
// trap, a hang) is a bug. What a reader takes is written by the same format's writer and read
// back: the writer may refuse (a character the format cannot hold), but what it writes must
// read back with the same node ids, ties and direction, else the target traps.
// The readers that work a block at a time (GraphML, CSV, edge list) read with blocks of 1 to 8
// bytes when the input's length is odd, so the fuzzer also puts block boundaries everywhere.

private let reader = ProcessInfo.processInfo.environment["BROBYGGARE_FUZZ_READER"] ?? "graphml"

@_cdecl("LLVMFuzzerTestOneInput")
public func brobyggareFuzzOneInput(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
  let data = start.map { Data(bytes: $0, count: count) } ?? Data()
  let block = count % 2 == 1 ? 1 + count % 8 : TextInput.blockSize
  switch reader {
  case "graphml":
    let net = try? GraphMLFormat.read(
      XMLReader(input: TextInput(data: data, file: "fuzz.graphml", xml: true, blockSize: block)))
    roundTrip(net, { try GraphMLFormat.write($0) }) {
      try GraphMLFormat.read($0, file: "back.graphml")
    }
  case "gexf":
    roundTrip(try? GEXFFormat.read(data, file: "fuzz.gexf"), { try GEXFFormat.write($0).text }) {
      try GEXFFormat.read($0, file: "back.gexf")
    }
  case "gml":
    roundTrip(
      try? GMLFormat.read(data, file: "fuzz.gml"), exact: { GMLFormat.write($0).dropped.isEmpty },
      { GMLFormat.write($0).text }
    ) { try GMLFormat.read($0, file: "back.gml") }
  case "pajek":
    roundTrip(
      try? PajekFormat.read(data, file: "fuzz.net"),
      exact: {
        PajekFormat.write($0).dropped.allSatisfy {
          !$0.contains("ids") && !$0.contains("id ") && !$0.contains("tie")
        }
      },
      { PajekFormat.write($0).text }
    ) { try PajekFormat.read($0, file: "back.net") }
  case "ucinet":
    roundTrip(
      try? UCINETFormat.read(data, file: "fuzz.dl"),
      exact: {
        !((try? UCINETFormat.write($0).dropped) ?? []).contains {
          $0.contains("quotes and line breaks") || $0.contains("parallel ties")
            || $0.contains("trust 0")
        }
      },
      { try UCINETFormat.write($0).text }
    ) { try UCINETFormat.read($0, file: "back.dl") }
  case "dot":
    roundTrip(try? DOTFormat.read(data, file: "fuzz.dot"), { try DOTFormat.write($0) }) {
      try DOTFormat.read($0, file: "back.dot")
    }
  case "csv":
    let net = try? CSVFormat.read(
      ties: TextInput(data: data, file: "fuzz.csv", blockSize: block), nodes: nil, directed: nil)
    roundTrip(net, { try CSVFormat.writeTies($0) + "\u{0}" + CSVFormat.writeNodes($0) }) { text in
      let parts = String(decoding: text, as: UTF8.self).components(separatedBy: "\u{0}")
      return try CSVFormat.read(
        ties: Data(parts[0].utf8), file: "back.csv", nodes: Data(parts[1].utf8),
        nodesFile: "back.nodes.csv", directed: nil)
    }
  case "csv-nodes":
    _ = try? CSVFormat.read(
      ties: TextInput(data: Data("source,target\na,b\n".utf8), file: "t.csv"),
      nodes: TextInput(data: data, file: "fuzz.nodes.csv", blockSize: block), directed: false)
  case "edgelist":
    _ = try? EdgeListFormat.read(
      TextInput(data: data, file: "fuzz.edgelist", blockSize: block), directed: true)
  case "json":
    roundTrip(try? NodeLinkFormat.read(data, file: "fuzz.json"), { try NodeLinkFormat.write($0) }) {
      try NodeLinkFormat.read($0, file: "back.json")
    }
  case "nominations": _ = try? InterviewFiles.nominations(data, file: "fuzz.csv")
  case "xlsx":
    let book = data.starts(with: [0x50, 0x4B]) ? data : fuzzWorkbook(sheet: data)
    roundTrip(try? XLSXFormat.read(book, file: "fuzz.xlsx"), data: { try XLSXFormat.write($0) }) {
      try XLSXFormat.read($0, file: "back.xlsx")
    }
  default: fatalError("unknown BROBYGGARE_FUZZ_READER '\(reader)'")
  }
  return 0
}

/// Writes a network that was read and reads it back: a refusal to write is fine, but what is
/// written must read back with the same ids, ties and direction (when `exact` says the writer
/// kept the ids as they are).
private func roundTrip(
  _ network: Network?, exact: (Network) -> Bool = { _ in true },
  _ write: (Network) throws -> String,
  _ read: (Data) throws -> Network
) {
  roundTrip(network, exact: exact, data: { Data(try write($0).utf8) }, read)
}

/// A workbook of one sheet whose XML is `sheet`, with shared strings and a date style.
private func fuzzWorkbook(sheet: Data) -> Data {
  let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
  let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
  var zip = ZIPWriter()
  zip.add(
    "xl/workbook.xml",
    Array(
      "<workbook xmlns=\"\(main)\" xmlns:r=\"\(rel)\"><sheets><sheet name=\"Ties\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
        .utf8))
  zip.add(
    "xl/_rels/workbook.xml.rels",
    Array(
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(rel)/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"
        .utf8))
  zip.add("xl/worksheets/sheet1.xml", [UInt8](sheet))
  zip.add(
    "xl/sharedStrings.xml",
    Array(
      "<sst xmlns=\"\(main)\"><si><t>source</t></si><si><t>target</t></si><si><t>trust</t></si><si><r><t>a</t></r><r><t>_x0007_</t></r></si><si><t>b</t></si></sst>"
        .utf8))
  zip.add(
    "xl/styles.xml",
    Array(
      "<styleSheet xmlns=\"\(main)\"><numFmts><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd h:mm\"/></numFmts><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/></cellXfs></styleSheet>"
        .utf8))
  return zip.finished()
}

/// As the text version, for writers of bytes (workbooks).
private func roundTrip(
  _ network: Network?, exact: (Network) -> Bool = { _ in true },
  data write: (Network) throws -> Data,
  _ read: (Data) throws -> Network
) {
  guard let network, let bytes = try? write(network) else { return }
  let back: Network
  do { back = try read(bytes) } catch {
    fatalError("round trip: what was written does not read back: \(error)")
  }
  guard back.isDirected == network.isDirected, back.nodeCount == network.nodeCount else {
    fatalError(
      "round trip: \(network.nodeCount) nodes came back as \(back.nodeCount), or the direction changed"
    )
  }
  // A writer that says it drops or merges something (parallel ties in a DL matrix, ids a
  // Pajek label cannot hold) is held to what it keeps.
  guard exact(network) else { return }
  guard back.tieCount == network.tieCount else {
    fatalError("round trip: \(network.tieCount) ties came back as \(back.tieCount)")
  }
  guard back.nodes.map(\.id) == network.nodes.map(\.id),
    zip(back.ties, network.ties).allSatisfy({ $0.source == $1.source && $0.target == $1.target })
  else {
    fatalError("round trip: node ids or tie ends changed")
  }
}
