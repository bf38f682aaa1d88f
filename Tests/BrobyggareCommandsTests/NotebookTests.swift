import Foundation
import Testing

@testable import BrobyggareCommands

/// Re-runs every `console` block in Notebooks-md: a block starts with `$ brobyggare ARGS` and
/// the lines after it are what the command prints on standard output. Run with
/// BROBYGGARE_REGENERATE_NOTEBOOKS=1 to rewrite the outputs from what the program prints now.
@Suite("Notebooks")
struct NotebookTests {
  static var notebooks: [String] {
    let dir = packageRoot.appendingPathComponent("Notebooks-md")
    return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".md") }.sorted()
  }

  /// Splits a command line the way a POSIX shell would for plain words and quotes.
  static func words(_ line: String) -> [String] {
    var out: [String] = [], cur = "", quote: Character? = nil, any = false
    for ch in line {
      if let q = quote {
        if ch == q { quote = nil } else { cur.append(ch) }
      } else if ch == "\"" || ch == "'" {
        quote = ch; any = true
      } else if ch == " " {
        if any || !cur.isEmpty { out.append(cur); cur = ""; any = false }
      } else {
        cur.append(ch)
      }
    }
    if any || !cur.isEmpty { out.append(cur) }
    return out
  }

  @Test(arguments: notebooks)
  func outputsMatchWhatTheProgramPrints(_ name: String) throws {
    let path = packageRoot.appendingPathComponent("Notebooks-md").appendingPathComponent(name).path
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let lines = text.components(separatedBy: "\n")
    var rewritten: [String] = []
    var i = 0
    var blocks = 0
    let cwd = FileManager.default.currentDirectoryPath
    FileManager.default.changeCurrentDirectoryPath(packageRoot.path)
    defer { FileManager.default.changeCurrentDirectoryPath(cwd) }
    while i < lines.count {
      rewritten.append(lines[i])
      guard lines[i] == "```console", i + 1 < lines.count, lines[i + 1].hasPrefix("$ brobyggare ") else { i += 1; continue }
      let command = lines[i + 1]
      rewritten.append(command)
      var j = i + 2
      var shown: [String] = []
      while j < lines.count && lines[j] != "```" { shown.append(lines[j]); j += 1 }
      let outcome = BrobyggareCommandLine.run(Array(Self.words(String(command.dropFirst(2))).dropFirst()))
      #expect(outcome.status == 0, "\(name): \(command) exited \(outcome.status): \(outcome.stderr)")
      let printed = outcome.stdout.hasSuffix("\n") ? String(outcome.stdout.dropLast()) : outcome.stdout
      #expect(shown.joined(separator: "\n") == printed, "\(name): the output of '\(command)' changed")
      rewritten.append(contentsOf: printed.isEmpty ? [] : printed.components(separatedBy: "\n"))
      blocks += 1
      i = j
    }
    #expect(blocks > 0, "\(name) has no console block")
    if ProcessInfo.processInfo.environment["BROBYGGARE_REGENERATE_NOTEBOOKS"] == "1" {
      try rewritten.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }
  }
}
