import Foundation
import Testing

@testable import BrobyggareCommands

/// Every file in Broken/ is broken or hostile in one way (Scripts/make_broken_inputs.py writes
/// them; Broken/expected.tsv gives the message each must give). For each: exit 1, exactly that
/// message (file:line:column: what was wrong and what was expected), and the output file that
/// was there before is left as it was, with no temporary file beside it.
@Suite("Broken and hostile input")
struct BrokenInputTests {
  static let folder = packageRoot.appendingPathComponent("Tests/BrobyggareCommandsTests/Broken")

  static var cases: [(file: String, message: String)] {
    let text =
      (try? String(contentsOf: folder.appendingPathComponent("expected.tsv"), encoding: .utf8))
      ?? ""
    return text.split(separator: "\n").dropFirst().map { line in
      let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
      return (parts[0], parts.count > 1 ? parts[1] : "")
    }
  }

  @Test func thereAreAtLeastSixtyAndEveryFileIsListed() throws {
    #expect(Self.cases.count >= 60)
    let listed = Set(Self.cases.map(\.file))
    let present = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
      .filter { !$0.hasSuffix(".nodes.csv") && $0 != "roster.valid.csv" && $0 != "expected.tsv" }
    #expect(Set(present) == listed, "Broken/ and expected.tsv list different files")
  }

  @Test(arguments: cases.map(\.file))
  func givesItsMessageAndWritesNothing(_ file: String) throws {
    let expected = Self.cases.first { $0.file == file }!.message
    let input = Self.folder.appendingPathComponent(file).path
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "broken-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let output = scratch.appendingPathComponent(
      file.hasPrefix("nominations-") ? "out.graphml" : "out.json"
    ).path
    try "keep\n".write(toFile: output, atomically: false, encoding: .utf8)
    let args =
      file.hasPrefix("nominations-")
      ? [
        "interviews", input, "--roster",
        Self.folder.appendingPathComponent("roster.valid.csv").path, "--scale", "1..5", "-o",
        output,
      ]
      : ["convert", input, output]
    let outcome = BrobyggareCommandLine.run(args)
    #expect(outcome.status == 1, "\(file): exit \(outcome.status)")
    let first =
      outcome.stderr.split(separator: "\n").first { !$0.hasPrefix("#") }.map(String.init) ?? ""
    #expect(first.replacingOccurrences(of: Self.folder.path + "/", with: "") == expected)
    #expect(
      try String(contentsOfFile: output, encoding: .utf8) == "keep\n",
      "\(file): the existing output was changed")
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: scratch.path)
        == ["out.graphml", "out.json"].filter { output.hasSuffix($0) },
      "\(file): something else was written")
  }
}
