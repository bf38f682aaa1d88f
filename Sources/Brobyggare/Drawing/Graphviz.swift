import Foundation

/// Rendering DOT with Graphviz, when it is installed. Graphviz runs as a child process with
/// its arguments passed directly (never through a shell); the picture is written to a
/// temporary file and renamed into place only when Graphviz succeeded.
public enum Graphviz {
  public enum RenderError: Error, Equatable, CustomStringConvertible {
    case notInstalled
    case unknownFormat(String)
    case failed(status: Int32, message: String)

    public var description: String {
      switch self {
      case .notInstalled:
        "Graphviz's 'dot' program was not found on the PATH. Install Graphviz (https://graphviz.org/download/): "
          + "on Debian or Ubuntu 'sudo apt-get install graphviz', on macOS 'brew install graphviz', on Windows 'winget install graphviz'; "
          + "or write DOT with 'brobyggare dot' and render it elsewhere"
      case .unknownFormat(let f): "cannot render '\(f)'; expected .svg, .png or .pdf"
      case .failed(let s, let m): "Graphviz failed (exit status \(s)): \(m)"
      }
    }
  }

  public static let formats = ["svg", "png", "pdf"]

  /// The path of Graphviz's `dot`, from the PATH (then the usual places), or `nil`.
  public static var executable: String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    let dirs = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"]
    return dirs.map { ($0 as NSString).appendingPathComponent("dot") }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// Renders DOT text in a format (`svg`, `png`, `pdf`) and returns the bytes.
  public static func render(_ dot: String, format: String) throws -> Data {
    guard formats.contains(format) else { throw RenderError.unknownFormat(format) }
    guard let exe = executable else { throw RenderError.notInstalled }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: exe)
    process.arguments = ["-T\(format)"]
    let input = Pipe(), output = Pipe(), errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    running.add(process.processIdentifier)
    defer { running.remove(process.processIdentifier) }
    // Read both outputs on their own threads so neither pipe fills and blocks Graphviz.
    let outBox = DataBox(), errBox = DataBox()
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) { outBox.data = output.fileHandleForReading.readDataToEndOfFile() }
    DispatchQueue.global().async(group: group) { errBox.data = errors.fileHandleForReading.readDataToEndOfFile() }
    // Written with write(2), so that Graphviz stopping early (a missing plugin, a crash) is an
    // error to report rather than a trap; the command line ignores SIGPIPE, so that is EPIPE.
    let stoppedReading = writeAll(input.fileHandleForWriting.fileDescriptor, Data(dot.utf8)) != nil
    try? input.fileHandleForWriting.close()
    process.waitUntilExit()
    group.wait()
    guard process.terminationStatus == 0, process.terminationReason == .exit else {
      throw RenderError.failed(status: process.terminationStatus, message: String(decoding: errBox.data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
    if stoppedReading {
      throw RenderError.failed(status: 0, message: "Graphviz stopped reading the drawing before its end")
    }
    return outBox.data
  }

  /// Graphviz processes running now, so that an interrupted program can end them.
  static let running = RunningProcesses()

  /// Ends every Graphviz process this program started and is still waiting for (on Ctrl-C).
  public static func terminateRunning() { running.terminateAll() }

  final class RunningProcesses: @unchecked Sendable {
    private let lock = NSLock()
    private var pids: Set<Int32> = []
    func add(_ pid: Int32) { lock.withLock { _ = pids.insert(pid) } }
    func remove(_ pid: Int32) { lock.withLock { _ = pids.remove(pid) } }
    func terminateAll() { for pid in lock.withLock({ pids }) { kill(pid, SIGTERM) } }
  }

  private final class DataBox: @unchecked Sendable { var data = Data() }
}
