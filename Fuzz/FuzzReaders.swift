import Foundation

// The fuzz target for every reader, compiled into the library's own module by
// Scripts/fuzz.sh with the toolchain's libFuzzer (-sanitize=fuzzer). BROBYGGARE_FUZZ_READER
// picks the reader: graphml, dot, csv, csv-nodes, edgelist, json or nominations. A reader may
// refuse the input with a FormatError; anything else (a crash, a trap, a hang) is a bug.

private let reader = ProcessInfo.processInfo.environment["BROBYGGARE_FUZZ_READER"] ?? "graphml"

@_cdecl("LLVMFuzzerTestOneInput")
public func brobyggareFuzzOneInput(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
  let data = start.map { Data(bytes: $0, count: count) } ?? Data()
  switch reader {
  case "graphml": _ = try? GraphMLFormat.read(data, file: "fuzz.graphml")
  case "dot": _ = try? DOTFormat.read(data, file: "fuzz.dot")
  case "csv": _ = try? CSVFormat.read(ties: data, file: "fuzz.csv", directed: true)
  case "csv-nodes": _ = try? CSVFormat.read(ties: Data("source,target\na,b\n".utf8), file: "t.csv", nodes: data, nodesFile: "fuzz.nodes.csv", directed: false)
  case "edgelist": _ = try? EdgeListFormat.read(data, file: "fuzz.edgelist", directed: true)
  case "json": _ = try? NodeLinkFormat.read(data, file: "fuzz.json")
  case "nominations": _ = try? InterviewFiles.nominations(data, file: "fuzz.csv")
  default: fatalError("unknown BROBYGGARE_FUZZ_READER '\(reader)'")
  }
  return 0
}
