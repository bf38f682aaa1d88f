import Foundation
import Testing

@testable import Brobyggare

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent()
  .deletingLastPathComponent()

/// A file among the test fixtures.
func fixturePath(_ relative: String) -> String {
  packageRoot.appendingPathComponent("Tests/BrobyggareTests/Fixtures").appendingPathComponent(
    relative
  ).path
}

func fixtureData(_ relative: String) throws -> Data {
  try Data(contentsOf: URL(fileURLWithPath: fixturePath(relative)))
}

/// Files other tools wrote (yEd, Gephi, igraph, networkx, TinkerPop, Boost), with their
/// provenance: read in place from ../shared/interop beside the repository, as CI has it, and
/// never copied into the repository.
let interopRoot = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/interop")

/// A file under ../shared/interop: `graphml/yed3.12_graph1.graphml`, say.
func interopPath(_ relative: String) -> String { interopRoot.appendingPathComponent(relative).path }

func interopData(_ relative: String) throws -> Data {
  try Data(contentsOf: URL(fileURLWithPath: interopPath(relative)))
}

/// The trait of a test that reads ../shared/interop: the test runs when the folder is there,
/// and is skipped, with a printed line saying which and why, when it is not.
func readsInteropFiles(_ test: String) -> ConditionTrait {
  .enabled(
    if: interopFilesPresent(for: test),
    "reads ../shared/interop, which is not beside the repository")
}

/// Whether ../shared/interop is there; when it is not, prints which tests are skipped and why.
func interopFilesPresent(for tests: String) -> Bool {
  var isDirectory: ObjCBool = false
  if FileManager.default.fileExists(atPath: interopRoot.path, isDirectory: &isDirectory),
    isDirectory.boolValue
  {
    return true
  }
  print(
    "note: skipping \(tests): \(interopRoot.path) is not there (the files other tools wrote are read in place from ../shared/interop beside the repository, as CI has it)"
  )
  return false
}

/// The python that runs the peers (networkx, igraph): BROBYGGARE_PYTHON when set, a path
/// relative to the package root or absolute (.ci/run sets it to its .build/venv), else python3
/// from the PATH.
func pythonForPeers() -> String {
  guard let p = ProcessInfo.processInfo.environment["BROBYGGARE_PYTHON"], !p.isEmpty else {
    return "python3"
  }
  return p.hasPrefix("/") || !p.contains("/") ? p : packageRoot.appendingPathComponent(p).path
}

/// Equal within a relative tolerance (absolute near zero).
func close(_ a: Double, _ b: Double, _ tol: Double = 1e-9) -> Bool {
  if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
  return abs(a - b) <= tol * max(1, abs(a), abs(b))
}

/// A network of nodes "n0"…"n(nodes − 1)" and the given ties between their numbers.
func numberedNetwork(directed: Bool, nodes: Int, ties: [(Int, Int)]) throws -> Network {
  var net = Network(directed: directed)
  for i in 0..<nodes { try net.addNode(Node(id: "n\(i)")) }
  for (u, v) in ties { net.addTie(from: "n\(u)", to: "n\(v)") }
  return net
}

/// Reads CSV text into a network.
func csvNetwork(_ ties: String, nodes: String? = nil, directed: Bool? = true) throws -> Network {
  try CSVFormat.read(
    ties: Data(ties.utf8), file: "ties.csv", nodes: nodes.map { Data($0.utf8) },
    nodesFile: "nodes.csv", directed: directed)
}

/// The error a throwing call raises, for asserting on its message and place.
func formatError(_ body: () throws -> Any) -> FormatError? {
  do {
    _ = try body()
    return nil
  } catch let e as FormatError {
    return e
  } catch {
    return nil
  }
}

/// A seeded random graph of an R fixture script, rebuilt from its rows (name, n, directed,
/// from, to; nodes numbered 1...n, as in R): Scripts/summary_reference_with_sna.R and
/// Scripts/cug_reference_with_sna.R write them.
func seededRandomGraph(_ name: String, in fixture: String) throws -> Network {
  let text = try String(contentsOfFile: fixturePath(fixture), encoding: .utf8)
  var net: Network?
  for line in text.split(separator: "\n").dropFirst() {
    let f = line.split(separator: ",").map {
      $0.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
    }
    guard f[0] == name else { continue }
    if net == nil {
      net = Network(directed: f[2] == "TRUE")
      for i in 1...Int(f[1])! { _ = try net!.addNode(Node(id: String(i))) }
    }
    _ = net!.addTie(from: f[3], to: f[4])
  }
  return try #require(net)
}

// MARK: Running other programs

/// Where a program started by `runTool` or `startTool` sends one of its output streams.
enum ToolStream {
  /// Read into the run's `stdout` or `stderr` while the program runs.
  case capture
  /// Thrown away (/dev/null).
  case discard
  /// Left as the test run's own.
  case inherit
  /// Written to this file.
  case file(FileHandle)
  /// For standard error only: into the pipe of standard output (which must be captured), in
  /// the order the program writes them; the run's `stderr` is then empty.
  case intoStandardOutput
}

/// How a program ended, and what it wrote on the streams that were captured.
struct ToolRun {
  /// The exit status, or the signal's number when `reason` is `.uncaughtSignal`.
  let status: Int32
  let reason: Process.TerminationReason
  let stdout: Data
  let stderr: Data
  /// Whether the program was still running when its timeout ran out, and so was terminated.
  let timedOut: Bool
  var out: String { String(decoding: stdout, as: UTF8.self) }
  var err: String { String(decoding: stderr, as: UTF8.self) }
}

/// Runs a program to its end: `executable` is a path (`/usr/bin/env` to look a name up on the
/// PATH); `environment` and `currentDirectory` are the test run's own when nil. With a
/// `timeout` (seconds), a program still running then is terminated (SIGTERM), and the run says
/// so. Captured streams are read while the program runs, so large outputs cannot block it.
func runTool(
  _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
  currentDirectory: URL? = nil, stdout: ToolStream = .capture, stderr: ToolStream = .capture,
  timeout: TimeInterval? = nil
) throws -> ToolRun {
  try startTool(
    executable, arguments, environment: environment, currentDirectory: currentDirectory,
    stdout: stdout, stderr: stderr, timeout: timeout
  ).finish()
}

/// Starts a program as `runTool` does, without waiting for it: for a test that signals it
/// while it runs, or runs several at once. `finish()` waits for its end.
func startTool(
  _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
  currentDirectory: URL? = nil, stdout: ToolStream = .capture, stderr: ToolStream = .capture,
  timeout: TimeInterval? = nil
) throws -> RunningTool {
  try RunningTool(
    executable, arguments, environment: environment, currentDirectory: currentDirectory,
    stdout: stdout, stderr: stderr, timeout: timeout)
}

/// A program that `startTool` started. Each captured stream is read to its end on a thread of
/// its own (not one of Dispatch's, which a test may have all busy), so that neither pipe fills.
final class RunningTool: @unchecked Sendable {
  private final class Buffer: @unchecked Sendable { var data = Data() }

  let process: Process
  private let readers = DispatchGroup()
  private let stdoutBuffer = Buffer()
  private let stderrBuffer = Buffer()
  private let lock = NSLock()
  private var terminatedByTimeout = false
  private var timer: DispatchWorkItem?

  fileprivate init(
    _ executable: String, _ arguments: [String], environment: [String: String]?,
    currentDirectory: URL?, stdout: ToolStream, stderr: ToolStream, timeout: TimeInterval?
  ) throws {
    process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let environment { process.environment = environment }
    if let currentDirectory { process.currentDirectoryURL = currentDirectory }
    var pipes: [(Pipe, Buffer)] = []
    switch stdout {
    case .capture:
      let pipe = Pipe()
      process.standardOutput = pipe
      pipes.append((pipe, stdoutBuffer))
    case .discard: process.standardOutput = FileHandle.nullDevice
    case .inherit: break
    case .file(let handle): process.standardOutput = handle
    case .intoStandardOutput: preconditionFailure("standard output cannot go into itself")
    }
    switch stderr {
    case .capture:
      let pipe = Pipe()
      process.standardError = pipe
      pipes.append((pipe, stderrBuffer))
    case .discard: process.standardError = FileHandle.nullDevice
    case .inherit: break
    case .file(let handle): process.standardError = handle
    case .intoStandardOutput:
      precondition(pipes.count == 1, "standard error into standard output needs it captured")
      process.standardError = pipes[0].0
    }
    try process.run()
    for (pipe, buffer) in pipes {
      readers.enter()
      Thread.detachNewThread { [readers] in
        buffer.data = pipe.fileHandleForReading.readDataToEndOfFile()
        readers.leave()
      }
    }
    if let timeout {
      let item = DispatchWorkItem { [self] in
        lock.withLock {
          guard process.isRunning else { return }
          terminatedByTimeout = true
          process.terminate()
        }
      }
      timer = item
      DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: item)
    }
  }

  /// Waits until the captured streams are closed and the program has ended.
  func finish() -> ToolRun {
    readers.wait()
    process.waitUntilExit()
    timer?.cancel()
    return ToolRun(
      status: process.terminationStatus, reason: process.terminationReason,
      stdout: stdoutBuffer.data, stderr: stderrBuffer.data,
      timedOut: lock.withLock { terminatedByTimeout })
  }
}
