import Foundation

/// Rendering DOT with Graphviz, when it is installed. Graphviz runs as a child process with
/// its arguments passed directly (never through a shell); the picture is written to a
/// temporary file and renamed into place only when Graphviz succeeded.
public enum Graphviz {
  /// Why a drawing could not be rendered.
  public enum RenderError: Error, Equatable, CustomStringConvertible {
    /// Graphviz's `dot` is not on the PATH.
    case notInstalled
    /// A format name that is not one of ``Graphviz/formats``.
    case unknownFormat(String)
    /// Graphviz ran and failed, with its exit status and what it wrote on standard error.
    case failed(status: Int32, message: String)
    /// Graphviz was ended by a signal (a crash, or killed), not by exiting.
    case killed(signal: Int32, message: String)

    public var description: String {
      switch self {
      case .notInstalled:
        "Graphviz's 'dot' program was not found on the PATH. Install Graphviz (https://graphviz.org/download/): "
          + "on Debian or Ubuntu 'sudo apt-get install graphviz', on macOS 'brew install graphviz', on Windows 'winget install graphviz'; "
          + "or write DOT with 'brobyggare dot' and render it elsewhere"
      case .unknownFormat(let f): "cannot render '\(f)'; expected .svg, .png or .pdf"
      case .failed(let s, let m): "Graphviz failed (exit status \(s)): \(m)"
      case .killed(let s, let m):
        "Graphviz was ended by signal \(s)\(signalName(s).map { " (\($0))" } ?? "")"
          + (m.isEmpty ? "" : ": \(m)")
      }
    }
  }

  /// The picture formats Graphviz renders here.
  public enum RenderFormat: String, Sendable, CaseIterable {
    /// Scalable vector graphics, text.
    case svg
    /// A bitmap.
    case png
    /// A PDF document, with its dates fixed so that the same drawing gives the same bytes.
    case pdf

    /// The format a file name implies, from its extension (case-insensitive), or `nil`.
    public init?(path: String) {
      self.init(rawValue: (path as NSString).pathExtension.lowercased())
    }
  }

  /// The names of the render formats, for messages and the command line.
  public static let formats = RenderFormat.allCases.map(\.rawValue)

  /// Renders DOT text as a picture and returns its bytes.
  ///
  /// - Throws: ``RenderError/notInstalled`` without Graphviz, ``RenderError/failed(status:message:)``
  ///   when it fails.
  /// - Complexity: Graphviz's layout (`dot`), superlinear in the size of the graph.
  public static func render(_ dot: String, as format: RenderFormat) throws -> Data {
    try render(dot, format: format.rawValue)
  }

  /// The path of Graphviz's `dot`, from the PATH (then the usual places), or `nil`.
  public static var executable: String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    let dirs =
      path.split(separator: ":").map(String.init) + [
        "/usr/bin", "/usr/local/bin", "/opt/homebrew/bin",
      ]
    return dirs.map { ($0 as NSString).appendingPathComponent("dot") }.first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }

  /// Renders DOT text in a format named by text (`svg`, `png`, `pdf`) and returns the bytes;
  /// ``render(_:as:)`` takes the format as a ``RenderFormat``.
  ///
  /// - Throws: ``RenderError/unknownFormat(_:)`` for another name, else as ``render(_:as:)``.
  public static func render(_ dot: String, format: String) throws -> Data {
    guard formats.contains(format) else { throw RenderError.unknownFormat(format) }
    let data = try run(dot, arguments: ["-T\(format)"])
    return format == "pdf" ? fixingDates(inPDF: data) : data
  }

  /// Renders a drawing whose nodes all carry a pinned position (`pos="x,y!"`, in points), at
  /// those positions: Graphviz's `neato -n2`, which routes the ties and places the labels
  /// but moves no node. The panels of a small multiple are drawn so.
  ///
  /// - Throws: as ``render(_:as:)``.
  package static func renderPinned(_ dot: String, as format: RenderFormat) throws -> Data {
    let data = try run(dot, arguments: ["-Kneato", "-n2", "-T\(format.rawValue)"])
    return format == .pdf ? fixingDates(inPDF: data) : data
  }

  /// Lays a drawing out with the engine it names and returns each node's position, in points,
  /// by node name (from Graphviz's `-Tjson`; the nodes follow the `_subgraph_cnt` clusters
  /// in its `objects`).
  ///
  /// - Throws: as ``render(_:as:)``, and ``RenderError/failed(status:message:)`` when the
  ///   output cannot be read.
  /// - Complexity: the layout's, plus O(n) to read it.
  package static func positions(of dot: String) throws -> [String: (x: Double, y: Double)] {
    let data = try run(dot, arguments: ["-Tjson"])
    let unreadable = RenderError.failed(status: 0, message: "Graphviz's layout could not be read")
    guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw unreadable
    }
    let objects = root["objects"] as? [[String: Any]] ?? []
    let clusters = root["_subgraph_cnt"] as? Int ?? 0
    var result: [String: (x: Double, y: Double)] = [:]
    for o in objects.dropFirst(clusters) {
      guard let name = o["name"] as? String, let pos = o["pos"] as? String else { continue }
      let xy = pos.split(separator: ",").compactMap { Double($0) }
      guard xy.count == 2, xy.allSatisfy(\.isFinite) else { throw unreadable }
      result[name] = (xy[0], xy[1])
    }
    return result
  }

  /// Runs Graphviz's `dot` with these arguments on DOT text and returns what it wrote.
  private static func run(_ dot: String, arguments: [String]) throws -> Data {
    guard let exe = executable else { throw RenderError.notInstalled }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: exe)
    process.arguments = arguments
    // cairo writes a PDF's dates in local time with the zone's offset ("Z" in UTC, "+01'00"
    // elsewhere, of another length): in UTC the dates, which are then fixed in place, have
    // the same bytes wherever the program runs.
    var environment = ProcessInfo.processInfo.environment
    environment["TZ"] = "UTC"
    process.environment = environment
    let input = Pipe()
    let output = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    try ChildProcesses.start(process)
    running.add(process.processIdentifier)
    defer { running.remove(process.processIdentifier) }
    // Read both outputs on their own threads so neither pipe fills and blocks Graphviz.
    let outBox = ChildProcesses.Box()
    let errBox = ChildProcesses.Box()
    let group = DispatchGroup()
    ChildProcesses.readInBackground(
      output.fileHandleForReading, into: outBox, group: group)
    ChildProcesses.readInBackground(
      errors.fileHandleForReading, into: errBox, group: group)
    // Written with write(2), so that Graphviz stopping early (a missing plugin, a crash) is an
    // error to report rather than a trap; the command line ignores SIGPIPE, so that is EPIPE.
    let stoppedReading = writeAll(input.fileHandleForWriting.fileDescriptor, Data(dot.utf8)) != nil
    try? input.fileHandleForWriting.close()
    process.waitUntilExit()
    group.wait()
    if process.terminationReason == .uncaughtSignal {
      throw RenderError.killed(
        signal: process.terminationStatus,
        message: String(decoding: errBox.data, as: UTF8.self).trimmingCharacters(
          in: .whitespacesAndNewlines))
    }
    guard process.terminationStatus == 0, process.terminationReason == .exit else {
      throw RenderError.failed(
        status: process.terminationStatus,
        message: String(decoding: errBox.data, as: UTF8.self).trimmingCharacters(
          in: .whitespacesAndNewlines))
    }
    if stoppedReading {
      throw RenderError.failed(
        status: 0, message: "Graphviz stopped reading the drawing before its end")
    }
    return outBox.data
  }

  /// A PDF with the dates of its document information dictionary (`/CreationDate`,
  /// `/ModDate`) set to a fixed time, so that the same drawing always gives the same bytes.
  ///
  /// cairo (1.16, under Graphviz 2.43) writes the time of rendering there and ignores
  /// `SOURCE_DATE_EPOCH`. The time used is `SOURCE_DATE_EPOCH` when it is set to a whole number
  /// of seconds, else 1970-01-01 00:00:00 UTC. Each digit of the date string is replaced in
  /// place (a time zone becomes `+00'00'`), so the file keeps its length and its cross-reference
  /// offsets stay valid. Only the strings of those two keys inside the object that the last
  /// trailer's `/Info` names are touched; a PDF without them is returned unchanged.
  ///
  /// - Complexity: O(size of the PDF).
  package static func fixingDates(inPDF data: Data, epoch: Int? = sourceDateEpoch) -> Data {
    var bytes = [UInt8](data)
    guard let info = lastRange(of: "/Info", in: bytes, before: bytes.count) else { return data }
    // "/Info N G R"
    var i = info.upperBound
    func skipSpace() {
      while i < bytes.count && [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 }
    }
    func number() -> [UInt8]? {
      let start = i
      while i < bytes.count && (0x30...0x39).contains(bytes[i]) { i += 1 }
      return i > start ? Array(bytes[start..<i]) : nil
    }
    skipSpace()
    guard let object = number() else { return data }
    skipSpace()
    guard let generation = number() else { return data }
    skipSpace()
    guard i < bytes.count, bytes[i] == UInt8(ascii: "R") else { return data }
    // The object's header at the start of a line, and the dictionary up to its endobj.
    let header = object + [0x20] + generation + Array(" obj".utf8)
    var end = bytes.count
    var start: Int?
    while let r = lastRange(of: header, in: bytes, before: end) {
      if r.lowerBound == 0 || [0x0A, 0x0D].contains(bytes[r.lowerBound - 1]) {
        start = r.upperBound
        break
      }
      end = r.lowerBound
    }
    guard let start,
      let stop = firstRange(of: Array("endobj".utf8), in: bytes, from: start)?.lowerBound
    else { return data }
    // years 1970 to 9999
    let fixed = Array(pdfDate(epoch: min(max(epoch ?? 0, 0), 253_402_300_799)).utf8)
    for key in ["/CreationDate", "/ModDate"] {
      guard let k = firstRange(of: Array(key.utf8), in: bytes, from: start), k.upperBound < stop
      else { continue }
      i = k.upperBound
      skipSpace()
      guard i + 3 < stop, bytes[i] == UInt8(ascii: "("), bytes[i + 1] == UInt8(ascii: "D"),
        bytes[i + 2] == UInt8(ascii: ":")
      else { continue }
      // D:YYYYMMDDHHmmSS then Z, or +HH'mm' / -HH'mm'; digits past the fixed date's become 0.
      var digit = 0
      i += 3
      while i < stop && bytes[i] != UInt8(ascii: ")") {
        if (0x30...0x39).contains(bytes[i]) {
          bytes[i] = digit < fixed.count ? fixed[digit] : UInt8(ascii: "0")
          digit += 1
        } else if bytes[i] == UInt8(ascii: "-") {
          bytes[i] = UInt8(ascii: "+")
        }
        i += 1
      }
    }
    return Data(bytes)
  }

  /// `SOURCE_DATE_EPOCH` from the environment, when it is a whole number of seconds.
  public static var sourceDateEpoch: Int? {
    ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Int($0) }
  }

  /// YYYYMMDDHHmmSS in UTC for seconds since 1970.
  static func pdfDate(epoch: Int) -> String {
    var t = time_t(epoch)
    var parts = tm()
    gmtime_r(&t, &parts)
    return String(
      format: "%04d%02d%02d%02d%02d%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
  }

  private static func lastRange(of needle: String, in bytes: [UInt8], before end: Int) -> Range<
    Int
  >? {
    lastRange(of: Array(needle.utf8), in: bytes, before: end)
  }

  private static func lastRange(of needle: [UInt8], in bytes: [UInt8], before end: Int) -> Range<
    Int
  >? {
    var s = end - needle.count
    while s >= 0 {
      if bytes[s] == needle[0] && bytes[s..<(s + needle.count)].elementsEqual(needle) {
        return s..<(s + needle.count)
      }
      s -= 1
    }
    return nil
  }

  private static func firstRange(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Range<
    Int
  >? {
    var s = start
    while s + needle.count <= bytes.count {
      if bytes[s] == needle[0] && bytes[s..<(s + needle.count)].elementsEqual(needle) {
        return s..<(s + needle.count)
      }
      s += 1
    }
    return nil
  }

  /// Graphviz processes running now, so that an interrupted program can end them.
  static let running = RunningProcesses()

  /// Ends every Graphviz process this program started and is still waiting for (on Ctrl-C).
  package static func terminateRunning() { running.terminateAll() }

  final class RunningProcesses: @unchecked Sendable {
    private let lock = NSLock()
    private var pids: Set<Int32> = []
    func add(_ pid: Int32) { lock.withLock { _ = pids.insert(pid) } }
    func remove(_ pid: Int32) { lock.withLock { _ = pids.remove(pid) } }
    func terminateAll() { for pid in lock.withLock({ pids }) { kill(pid, SIGTERM) } }
  }

}

/// The usual name of a signal that ends a child process, for messages.
private func signalName(_ signal: Int32) -> String? {
  switch signal {
  case SIGSEGV: "SIGSEGV, a crash"
  case SIGABRT: "SIGABRT, an abort"
  case SIGBUS: "SIGBUS, a crash"
  case SIGKILL: "SIGKILL, killed"
  case SIGTERM: "SIGTERM, terminated"
  case SIGINT: "SIGINT, interrupted"
  case SIGPIPE: "SIGPIPE, its output closed"
  default: nil
  }
}
