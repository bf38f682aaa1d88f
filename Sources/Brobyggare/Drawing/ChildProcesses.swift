import Foundation

/// Starting child processes (Graphviz, and the tests' own) safely from several threads.
///
/// Foundation's `Process.run()` (swift-corelibs-foundation, Swift 6.3) crashed in a `memcpy`
/// when two threads of one program started programs at once, and `FileHandle`'s
/// `readDataToEndOfFile()` stops the program with a fatal error when a signal interrupts a
/// read (EINTR). Every child process of the library, and of its tests, is started through
/// ``start(_:)`` and its output read with ``readToEnd(_:)``.
package enum ChildProcesses {
  /// Held while a process starts: one start at a time in the whole program.
  private static let spawning = NSLock()

  /// Starts a process, one start at a time across the program.
  ///
  /// - Throws: what `Process.run()` throws (an executable that cannot be started).
  package static func start(_ process: Process) throws {
    try spawning.withLock { try process.run() }
  }

  /// Reads a file descriptor to its end, reading again when a signal interrupts a read.
  ///
  /// - Complexity: O(bytes read).
  package static func readToEnd(_ fd: Int32) -> Data {
    var data = Data()
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n > 0 {
        data.append(contentsOf: chunk[0..<n])
      } else if n == 0 || errno != EINTR {
        return data
      }
    }
  }

  /// Reads a pipe's read end to its end on a thread of its own (not one of Dispatch's, which
  /// the caller may have all busy), so that a pipe never fills and blocks the program writing
  /// it, then closes it; `group` is left when the end is read. Closed at once, not when
  /// Foundation lets go of the pipe: a test run that started thousands of programs held
  /// thousands of pipes open, and Process.run crashed past about 1,300 open descriptors.
  package static func readInBackground(
    _ handle: FileHandle, into box: Box, group: DispatchGroup
  ) {
    group.enter()
    Thread.detachNewThread {
      box.data = readToEnd(handle.fileDescriptor)
      try? handle.close()
      group.leave()
    }
  }

  /// The bytes a reader thread read, for the caller once the reader's group is done.
  package final class Box: @unchecked Sendable {
    /// What was read.
    package var data = Data()
    /// An empty box.
    package init() {}
  }
}
