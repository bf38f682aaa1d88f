import Foundation
import Testing

import Brobyggare  // not @testable: the example uses the public API only

/// The README's Swift example, compiled and run as library calls. The code between the markers
/// is the README's block (the second test checks that they are the same text), so the example
/// cannot go stale; what it prints is compared with the comments in the README.
@Suite("The README's Swift example")
struct ReadmeExampleTests {
  static func example(print: (Any...) -> Void) throws {
    // README example begin
    var study = try Network(contentsOf: "Datasets/municipality/municipality.graphml", format: .graphml)
    let trust = TieSelection(layers: ["trust"])

    // The bridge-builders: betweenness on the trust ties, read and printed by name.
    let betweenness = study.byNode(try study.betweenness(selection: trust))
    for (id, value) in betweenness.ranked().prefix(3) {
      print(id, study[id: id]!.label, value)
    }

    // What kind of brokers they are between sectors (Gould and Fernandez's five roles).
    let roles = try study.brokerageRoles(by: "sector", selection: trust)
    let leila = roles[id: "p01"]!
    print(leila.liaison, leila.gatekeeper, leila.mainRole!, leila.z.liaison)
    print(leila)

    // GraphML with the measures as node attributes.
    study.setNodeAttribute("betweenness", values: betweenness.values)
    study.setNodeAttribute("brokerage", values: roles.profiles.map(\.total))
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("municipality-measures.graphml")
    try study.write(to: output.path, format: .graphml)
    // README example end
  }

  @Test func runsAndPrintsWhatTheREADMESays() throws {
    var printed: [String] = []
    try Self.example { items in printed.append(items.map { "\($0)" }.joined(separator: " ")) }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("municipality-measures.graphml")
    defer { try? FileManager.default.removeItem(at: file) }
    // Written, and read back with the measures as attributes.
    let back = try Network(contentsOf: file.path, format: .graphml)
    #expect(back[id: "p01"]?.attributes["betweenness"]?.number == 1082.5)
    #expect(back[id: "p01"]?.attributes["brokerage"]?.number == 152)
    let readme = try String(contentsOfFile: "README.md", encoding: .utf8)
    for line in printed { #expect(readme.contains("// " + line), "README does not show: \(line)") }
  }

  @Test func readmeShowsThisCode() throws {
    let readme = try String(contentsOfFile: "README.md", encoding: .utf8)
    let source = try String(contentsOfFile: #filePath, encoding: .utf8)
    func lines(_ text: Substring) -> [String] {
      text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty && !$0.hasPrefix("// ") && !$0.hasPrefix("import ") }
    }
    let begin = try #require(source.range(of: "// README example begin\n"))
    let end = try #require(source.range(of: "    // README example end"))
    let code = lines(source[begin.upperBound..<end.lowerBound])
    let start = try #require(readme.range(of: "## The library\n\n```swift\n"))
    let close = try #require(readme[start.upperBound...].range(of: "```\n"))
    #expect(lines(readme[start.upperBound..<close.lowerBound]) == code)
  }
}
