import Brobyggare
import Dispatch
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Ctrl-C (SIGINT), SIGTERM, a closed terminal (SIGHUP) and Ctrl-\ (SIGQUIT) stop the program
/// cleanly: temporary files being written are removed and Graphviz is stopped, so nothing
/// half-written or running is left, and the program exits 128 + the signal's number (130 for
/// SIGINT, 143 for SIGTERM) with a message. Outputs are written only when the work is done, so an interrupted command leaves
/// every file as it was.
enum Interruption {
  nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

  static func install() {
    for (sig, status) in [
      (SIGINT, Int32(130)), (SIGTERM, Int32(143)), (SIGHUP, Int32(129)), (SIGQUIT, Int32(131)),
    ] {
      signal(sig, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
      source.setEventHandler {
        TemporaryFiles.shared.removeAll()
        Graphviz.terminateRunning()
        // Terminal controls only for a terminal: a log file gets the plain line.
        let clear = isatty(STDERR_FILENO) != 0 ? "\r\u{1B}[K" : ""
        let message = clear + "brobyggare: interrupted; no file was written or changed\n"
        _ = message.withCString { write(STDERR_FILENO, $0, strlen($0)) }
        _exit(status)
      }
      source.resume()
      sources.append(source)
    }
  }
}

/// A progress line on standard error (when it is a terminal) for work that takes more than
/// two seconds: the share of the current computation done and the time so far.
final class ProgressLine: @unchecked Sendable {
  private let lock = NSLock()
  private let started = DispatchTime.now().uptimeNanoseconds
  private var lastPrinted: UInt64 = 0
  private var shown = false

  func start() {
    ProgressMonitor.shared.observe { [self] done, total in self.update(done, total) }
  }

  private func update(_ done: Int, _ total: Int) {
    let now = DispatchTime.now().uptimeNanoseconds
    lock.withLock {
      guard now - started > 2_000_000_000, now - lastPrinted > 200_000_000 || done == total else {
        return
      }
      lastPrinted = now
      shown = true
      let seconds = Double(now - started) / 1e9
      let line = String(
        format: "\r\u{1B}[Kworking: %3d%% of this step, %.0f s", 100 * done / max(1, total), seconds
      )
      _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
    }
  }

  func stop() {
    ProgressMonitor.shared.observe(nil)
    lock.withLock {
      if shown { _ = "\r\u{1B}[K".withCString { write(STDERR_FILENO, $0, strlen($0)) } }
    }
  }
}
