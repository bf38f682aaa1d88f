import Foundation

// The fuzz target for every reader, compiled into the library's own module by
// Scripts/fuzz.sh with the toolchain's libFuzzer (-sanitize=fuzzer). BROBYGGARE_FUZZ_READER
// picks the reader: graphml, dot, csv, csv-nodes, edgelist, json or nominations. A reader may
// refuse the input with a FormatError; anything else (a crash, a trap, a hang) is a bug.
// The readers that work a block at a time (GraphML, CSV, edge list) read with blocks of 1 to 8
// bytes when the input's length is odd, so the fuzzer also puts block boundaries everywhere.

private let reader = ProcessInfo.processInfo.environment["BROBYGGARE_FUZZ_READER"] ?? "graphml"

@_cdecl("LLVMFuzzerTestOneInput")
public func brobyggareFuzzOneInput(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
  let data = start.map { Data(bytes: $0, count: count) } ?? Data()
  let block = count % 2 == 1 ? 1 + count % 8 : TextInput.blockSize
  switch reader {
  case "graphml": _ = try? GraphMLFormat.read(XMLReader(input: TextInput(data: data, file: "fuzz.graphml", xml: true, blockSize: block)))
  case "dot": _ = try? DOTFormat.read(data, file: "fuzz.dot")
  case "csv": _ = try? CSVFormat.read(ties: TextInput(data: data, file: "fuzz.csv", blockSize: block), nodes: nil, directed: nil)
  case "csv-nodes": _ = try? CSVFormat.read(ties: TextInput(data: Data("source,target\na,b\n".utf8), file: "t.csv"),
                                            nodes: TextInput(data: data, file: "fuzz.nodes.csv", blockSize: block), directed: false)
  case "edgelist": _ = try? EdgeListFormat.read(TextInput(data: data, file: "fuzz.edgelist", blockSize: block), directed: true)
  case "json": _ = try? NodeLinkFormat.read(data, file: "fuzz.json")
  case "nominations": _ = try? InterviewFiles.nominations(data, file: "fuzz.csv")
  default: fatalError("unknown BROBYGGARE_FUZZ_READER '\(reader)'")
  }
  return 0
}
