import Dispatch
import Foundation

/// How many threads the computing functions use: by default every core.
public enum Threads {
  /// The number of cores this process may use.
  public static var available: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}

/// Runs `body(chunk)` for chunks 0..<chunkCount on `threads` threads, each thread taking the
/// chunks t, t + threads, t + 2·threads, …. Results go to per-chunk storage, so what a chunk
/// computes does not depend on the number of threads; callers combine chunks in chunk order,
/// which makes the totals identical whatever the thread count.
func forEachChunk(_ chunkCount: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
  let t = max(1, min(threads, chunkCount))
  if t == 1 {
    for c in 0..<chunkCount { body(c) }
    return
  }
  DispatchQueue.concurrentPerform(iterations: t) { worker in
    var c = worker
    while c < chunkCount {
      body(c)
      c += t
    }
  }
}

/// The number of chunks the sources of an all-pairs computation split into: fixed by n alone
/// (never by the thread count), small enough that per-chunk partial sums stay cheap.
func sourceChunkCount(_ n: Int) -> Int { max(1, min(32, n / 64)) }

/// A buffer several threads write to at disjoint places.
final class SharedBuffer<T>: @unchecked Sendable {
  let pointer: UnsafeMutablePointer<T>
  let count: Int
  init(repeating value: T, count: Int) {
    self.count = count
    pointer = .allocate(capacity: max(1, count))
    pointer.initialize(repeating: value, count: count)
  }
  deinit {
    pointer.deinitialize(count: count)
    pointer.deallocate()
  }
  var array: [T] { Array(UnsafeBufferPointer(start: pointer, count: count)) }
}
