import Foundation
import Testing

@testable import BrobyggareCommands

/// Any value through every option of every command, run as the built program: each run ends
/// with 0, 1 (bad data) or 64 (bad usage), never a trap or a signal, within a bound of time,
/// and shows control characters instead of sending them.
@Suite("Any option value")
struct OptionValueTests {
  /// Values that have broken programs: empty, negative, the largest Int, an overflowing and a
  /// not-a-number float, and an escape sequence that would clear a terminal.
  static let values = ["", "-1", "9223372036854775807", "1e308", "nan", "\u{1B}[2J"]

  /// A run that works, for each command: its arguments, and the options it needs.
  static func baseArguments(_ spec: CommandSpec, in dir: String) -> [String] {
    let municipality = packageRoot.appendingPathComponent("Datasets/municipality").path
    switch spec.name {
    case "convert": return ["padgett", dir + "/out.graphml"]
    case "project": return ["davis", dir + "/out.graphml"]
    case "path": return ["padgett", "Medici", "Strozzi"]
    case "compare": return ["municipality", "municipality-wave2"]
    case "interviews":
      return [
        municipality + "/nominations.csv", "--roster", municipality + "/roster.csv", "--scale",
        "1..5", "--wave", "1", "-o", dir + "/i.graphml",
      ]
    case "report": return ["padgett", "--group", "wealth", "-o", dir + "/report"]
    case "render": return ["padgett", "-o", dir + "/p.svg"]
    case "brokers", "groups": return ["padgett", "--group", "wealth"]
    case "egos": return ["padgett", "--ego-networks", "--group", "wealth"]
    case "summary": return ["padgett", "krackhardt"]
    case "sweep": return ["municipality", "--layer", "trust"]
    case "test":
      return [
        "padgett", "--dependent", "marriage", "--predictors", "business,diff:wealth",
        "--permutations", "20",
      ]
    case "datasets", "formats": return []
    default: return ["padgett"]
    }
  }

  @Test(.enabled(if: builtBinary() != nil, "needs the built program"))
  func everyOptionTakesAnyValue() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var runs: [[String]] = []
    for spec in BrobyggareCommandLine.commands {
      let base = Self.baseArguments(spec, in: dir.path)
      for option in spec.options where option.valueName != nil {
        for value in Self.values {
          // An option the base run gives is replaced, not given twice.
          var args = [spec.name]
          var k = 0
          while k < base.count {
            if base[k] == "--\(option.name)" || (option.short.map { base[k] == "-\($0)" } ?? false)
            {
              k += 2
              continue
            }
            args.append(base[k])
            k += 1
          }
          runs.append(args + ["--\(option.name)", value])
        }
      }
    }
    #expect(runs.count > 300)
    let results = Results(count: runs.count)
    let all = runs
    DispatchQueue.concurrentPerform(iterations: all.count) { k in
      results.set(k, Self.run(all[k], in: dir))
    }
    for (k, r) in results.all.enumerated() {
      #expect(
        r.reason == .exit && [0, 1, 64].contains(r.status),
        "\(runs[k]): ended \(r.reason == .exit ? "with \(r.status)" : "by signal \(r.status)"): \(r.stderr.suffix(300))"
      )
      #expect(!r.stderr.unicodeScalars.contains("\u{1B}"), "\(runs[k]) wrote an escape sequence")
      #expect(!r.stderr.contains("Fatal error"), "\(runs[k])")
    }
  }

  struct Outcome {
    var status: Int32
    var reason: Process.TerminationReason
    var stderr: String
  }

  final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [Outcome]
    init(count: Int) {
      list = Array(repeating: Outcome(status: -1, reason: .exit, stderr: ""), count: count)
    }
    func set(_ k: Int, _ o: Outcome) { lock.withLock { list[k] = o } }
    var all: [Outcome] { lock.withLock { list } }
  }

  /// Runs the program in `dir` (so that no value makes a file elsewhere), stopping it after
  /// 120 s.
  static func run(_ args: [String], in dir: URL) -> Outcome {
    let r: ToolRun
    do {
      r = try runTool(
        builtBinary()!, args, currentDirectory: dir, stdout: .discard, timeout: 120)
    } catch { return Outcome(status: -2, reason: .exit, stderr: "\(error)") }
    return Outcome(status: r.status, reason: r.reason, stderr: r.err)
  }
}
