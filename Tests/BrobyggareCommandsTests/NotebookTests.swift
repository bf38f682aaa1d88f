import Foundation
import Testing

@testable import BrobyggareCommands

/// Re-runs the notebooks in Notebooks-md.
///
/// - A `console` block starts with `$ brobyggare ARGS`; the lines after it are what the command
///   prints on standard output (and then on standard error, when the command ends in `2>&1`). A file a command writes under `Notebooks-md/` (`-o`, `--output`)
///   goes to a temporary folder during the test, which checks that it was written.
/// - A `swift` block is a cell of library code; the `output` block after it is what the cell
///   prints. The cells of all notebooks are compiled into this test target, in
///   `NotebookCells.swift`, which the test checks is what the notebooks hold now.
///
/// `BROBYGGARE_REGENERATE_NOTEBOOKS=1 swift test --filter NotebookTests` rewrites the outputs,
/// the figures and NotebookCells.swift from what the program prints now (run it twice when a
/// Swift cell changed: once to recompile the cells, once for their outputs).
@Suite("Notebooks", .serialized)
struct NotebookTests {
  static var regenerate: Bool {
    ProcessInfo.processInfo.environment["BROBYGGARE_REGENERATE_NOTEBOOKS"] == "1"
  }

  static var notebooks: [String] {
    let dir = packageRoot.appendingPathComponent("Notebooks-md")
    return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter {
      $0.hasSuffix(".md")
    }.sorted()
  }

  static func text(_ name: String) throws -> String {
    try String(
      contentsOfFile: packageRoot.appendingPathComponent("Notebooks-md").appendingPathComponent(
        name
      ).path, encoding: .utf8)
  }

  /// Splits a command line the way a POSIX shell would for plain words and quotes.
  static func words(_ line: String) -> [String] {
    var out: [String] = []
    var cur = ""
    var quote: Character? = nil
    var any = false
    for ch in line {
      if let q = quote {
        if ch == q { quote = nil } else { cur.append(ch) }
      } else if ch == "\"" || ch == "'" {
        quote = ch
        any = true
      } else if ch == " " {
        if any || !cur.isEmpty {
          out.append(cur)
          cur = ""
          any = false
        }
      } else {
        cur.append(ch)
      }
    }
    if any || !cur.isEmpty { out.append(cur) }
    return out
  }

  /// The `swift` cells of a notebook, in order.
  static func cells(_ text: String) -> [String] {
    var cells: [String] = []
    var current: [String]? = nil
    for line in text.components(separatedBy: "\n") {
      if current == nil, line == "```swift" {
        current = []
      } else if current != nil, line == "```" {
        cells.append(current!.joined(separator: "\n"))
        current = nil
      } else if current != nil {
        current!.append(line)
      }
    }
    return cells
  }

  /// A Swift identifier for a notebook: `06-swift.md` → `notebook_06_swift`.
  static func identifier(_ name: String) -> String {
    "notebook_" + String(name.dropLast(3).map { $0.isLetter || $0.isNumber ? $0 : "_" })
  }

  /// NotebookCells.swift as the notebooks hold it now.
  static func generatedCells() throws -> String {
    var imports: Set<String> = ["import Brobyggare", "import Foundation"]
    var functions = ""
    var table = ""
    for name in notebooks {
      let cs = cells(try text(name))
      guard !cs.isEmpty else { continue }
      let f = identifier(name)
      table += "  \"\(name)\": \(f),\n"
      functions +=
        "\n@Sendable func \(f)() throws -> [String] {\n  var output = \"\"\n  var outputs: [String] = []\n"
      functions +=
        "  func print(_ items: Any..., separator: String = \" \", terminator: String = \"\\n\") {\n"
      functions +=
        "    output += items.map { \"\\($0)\" }.joined(separator: separator) + terminator\n  }\n"
      for (k, cell) in cs.enumerated() {
        functions += "  // cell \(k + 1)\n"
        for line in cell.components(separatedBy: "\n") {
          if line.hasPrefix("import ") {
            imports.insert(line)
            continue
          }
          functions += line.isEmpty ? "\n" : "  " + line + "\n"
        }
        functions += "  outputs.append(output); output = \"\"\n"
      }
      functions += "  return outputs\n}\n"
    }
    return
      "// swift-format-ignore-file\n"
      + "// Generated from the swift cells of Notebooks-md by NotebookTests; do not edit. To regenerate:\n"
      + "// BROBYGGARE_REGENERATE_NOTEBOOKS=1 swift test --filter NotebookTests\n"
      + imports.sorted().joined(separator: "\n") + "\n\n"
      + "let notebookCells: [String: @Sendable () throws -> [String]] = [\n"
      + (table.isEmpty ? ":\n" : table) + "]\n" + functions
  }

  @Test func swiftCellsAreCompiledFromTheNotebooks() throws {
    let path = packageRoot.appendingPathComponent(
      "Tests/BrobyggareCommandsTests/NotebookCells.swift"
    ).path
    let now = try Self.generatedCells()
    let compiled = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    if Self.regenerate && now != compiled {
      try now.write(toFile: path, atomically: true, encoding: .utf8)
    }
    #expect(
      now == compiled,
      "NotebookCells.swift is not what the notebooks hold: regenerate it (see NotebookTests)")
  }

  @Test(arguments: notebooks)
  func outputsMatchWhatTheProgramPrints(_ name: String) throws {
    let path = packageRoot.appendingPathComponent("Notebooks-md").appendingPathComponent(name).path
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let lines = text.components(separatedBy: "\n")
    let cellCount = Self.cells(text).count
    var cellOutputs: [String] = []
    if cellCount > 0 {
      let run = try #require(
        notebookCells[name],
        "\(name) has swift cells that are not compiled: regenerate NotebookCells.swift")
      cellOutputs = try run()
      #expect(
        cellOutputs.count == cellCount, "\(name): NotebookCells.swift is stale: regenerate it")
    }
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "notebook-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    var rewritten: [String] = []
    var i = 0
    var blocks = 0
    var cell = 0
    let cwd = FileManager.default.currentDirectoryPath
    FileManager.default.changeCurrentDirectoryPath(packageRoot.path)
    defer { FileManager.default.changeCurrentDirectoryPath(cwd) }
    while i < lines.count {
      rewritten.append(lines[i])
      if lines[i] == "```swift" {
        var j = i + 1
        while j < lines.count && lines[j] != "```" {
          rewritten.append(lines[j])
          j += 1
        }
        if j < lines.count { rewritten.append(lines[j]) }
        // The output block follows, after blank lines.
        var k = j + 1
        while k < lines.count && lines[k].isEmpty {
          rewritten.append(lines[k])
          k += 1
        }
        #expect(
          k < lines.count && lines[k] == "```output",
          "\(name): swift cell \(cell + 1) has no output block after it")
        guard k < lines.count, lines[k] == "```output" else {
          i = j + 1
          cell += 1
          continue
        }
        rewritten.append(lines[k])
        var m = k + 1
        var shown: [String] = []
        while m < lines.count && lines[m] != "```" {
          shown.append(lines[m])
          m += 1
        }
        let printed = cell < cellOutputs.count ? cellOutputs[cell] : ""
        let trimmed = printed.hasSuffix("\n") ? String(printed.dropLast()) : printed
        #expect(
          shown.joined(separator: "\n") == trimmed,
          "\(name): the output of swift cell \(cell + 1) changed")
        rewritten.append(contentsOf: trimmed.isEmpty ? [] : trimmed.components(separatedBy: "\n"))
        cell += 1
        i = m
        continue
      }
      guard lines[i] == "```console", i + 1 < lines.count, lines[i + 1].hasPrefix("$ brobyggare ")
      else {
        i += 1
        continue
      }
      let command = lines[i + 1]
      rewritten.append(command)
      var j = i + 2
      var shown: [String] = []
      while j < lines.count && lines[j] != "```" {
        shown.append(lines[j])
        j += 1
      }
      var args = Array(Self.words(String(command.dropFirst(2))).dropFirst())
      // `2>&1` at the end shows standard error after standard output, as the program writes them.
      let withErrors = args.last == "2>&1"
      if withErrors { args.removeLast() }
      var written: [String] = []
      for a in args.indices.dropFirst()
      where ["-o", "--output"].contains(args[a - 1]) && args[a].hasPrefix("Notebooks-md/") {
        if !Self.regenerate {
          args[a] = scratch.appendingPathComponent((args[a] as NSString).lastPathComponent).path
        }
        written.append(args[a])
      }
      let outcome = BrobyggareCommandLine.run(args)
      #expect(
        outcome.status == 0, "\(name): \(command) exited \(outcome.status): \(outcome.stderr)")
      for w in written {
        #expect(FileManager.default.fileExists(atPath: w), "\(name): \(command) did not write \(w)")
      }
      let both = withErrors ? outcome.stdout + outcome.stderr : outcome.stdout
      let printed = both.hasSuffix("\n") ? String(both.dropLast()) : both
      #expect(
        shown.joined(separator: "\n") == printed, "\(name): the output of '\(command)' changed")
      rewritten.append(contentsOf: printed.isEmpty ? [] : printed.components(separatedBy: "\n"))
      blocks += 1
      i = j
    }
    #expect(blocks + cell > 0, "\(name) has neither a console block nor a swift cell")
    if Self.regenerate {
      try rewritten.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }
  }
}
