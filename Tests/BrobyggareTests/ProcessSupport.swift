import Brobyggare
import Foundation

// MARK: Running other programs
//
// Both test targets use this file: Tests/BrobyggareCommandsTests/ProcessSupport.swift is a
// symbolic link to it (a test target cannot import another).

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
    // What the program writes `stream` to (nil: the test run's own), a captured one's pipe
    // noted with the buffer it is read into.
    func destination(_ stream: ToolStream, buffer: Buffer, isError: Bool) -> Any? {
      switch stream {
      case .capture:
        let pipe = Pipe()
        pipes.append((pipe, buffer))
        return pipe
      case .discard: return FileHandle.nullDevice
      case .inherit: return nil
      case .file(let handle): return handle
      case .intoStandardOutput:
        precondition(
          isError && pipes.count == 1, "standard error into standard output needs it captured")
        return pipes[0].0
      }
    }
    if let out = destination(stdout, buffer: stdoutBuffer, isError: false) {
      process.standardOutput = out
    }
    if let err = destination(stderr, buffer: stderrBuffer, isError: true) {
      process.standardError = err
    }
    // One start at a time in the whole test run, the library's Graphviz runs included.
    try ChildProcesses.start(process)
    for (pipe, buffer) in pipes {
      readers.enter()
      Thread.detachNewThread { [readers] in
        buffer.data = ChildProcesses.readToEnd(pipe.fileHandleForReading.fileDescriptor)
        // Closed now, not when Foundation lets go of the pipe (see ChildProcesses).
        try? pipe.fileHandleForReading.close()
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
