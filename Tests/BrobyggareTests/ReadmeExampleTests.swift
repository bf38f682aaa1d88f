// swift-format-ignore-file
// (The example's lines are compared with the README's, so they keep the README's layout.)
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

  /// The GettingStarted article's program, with its output written to a temporary folder:
  /// every line it prints is shown in the article as a comment.
  @Test func gettingStartedArticlePrintsWhatItSays() throws {
    var printed: [String] = []
    func print(_ items: Any...) { printed.append(items.map { "\($0)" }.joined(separator: " ")) }
    var study = try Network(contentsOf: "Datasets/municipality/municipality.graphml", format: .graphml)
    let trust = TieSelection(layers: ["trust"])
    let raw = try study.betweenness(selection: trust)
    let betweenness = study.byNode(raw)
    let normalised = study.byNode(normalizedBetweenness(raw, directed: study.isDirected))
    for (id, value) in normalised.ranked().prefix(3) {
      print(study[id: id]!.label, value)
    }
    let roles = try study.brokerageRoles(by: "sector", selection: trust)
    for (id, _) in betweenness.ranked().prefix(3) {
      let r = roles[id: id]!
      print(study[id: id]!.label, "(\(r.group!)):", r.counts)
    }
    print("Leila Haddad", betweenness[id: "p01"]!, roles[id: "p01"]!.z.liaison)
    let leila = try study.node(named: "Leila Haddad")
    print(raw[leila])
    study.setNodeAttribute("betweenness", values: raw)
    study.setNodeAttribute("brokerage", values: roles.profiles.map(\.total))
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("getting-started-\(UUID().uuidString).graphml")
    defer { try? FileManager.default.removeItem(at: file) }
    print(try study.write(to: file.path, format: .graphml))
    let article = try String(contentsOfFile: "Sources/Brobyggare/Brobyggare.docc/GettingStarted.md", encoding: .utf8)
    #expect(printed.count == 9)
    for line in printed { #expect(article.contains("// " + line), "GettingStarted.md does not show: \(line)") }
  }
}
