import Dispatch
import Foundation

/// How many threads the computing functions use: by default every core.
public enum Threads {
  /// The number of cores this process may use.
  public static var available: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}

/// Runs `body(chunk)` for chunks 0..<chunkCount on `threads` threads, each thread taking the
/// next chunk not yet taken when it is free (so a thread the system slows down holds the
/// others back by one chunk at most). Results go to per-chunk storage, so what a chunk
/// computes does not depend on the number of threads or on who ran it; callers combine chunks
/// in chunk order, which makes the totals identical whatever the thread count.
func forEachChunk(_ chunkCount: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
  forEachChunkByWorker(chunkCount, threads: threads) { _, chunk in body(chunk) }
}

/// As ``forEachChunk(_:threads:_:)``, and tells `body` which worker runs the chunk: a number in
/// 0..<min(threads, chunkCount), held by one thread at a time, so that a worker can keep its
/// scratch space from one chunk to the next (see ``WorkerScratch``) instead of allocating and
/// freeing it for every chunk. What a chunk computes must not depend on the worker.
func forEachChunkByWorker(
  _ chunkCount: Int, threads: Int, _ body: @Sendable (_ worker: Int, _ chunk: Int) -> Void
) {
  let t = max(1, min(threads, chunkCount))
  let progress = ProgressMonitor.shared.isObserved ? ChunkProgress(total: chunkCount) : nil
  if t == 1 {
    for c in 0..<chunkCount {
      body(0, c)
      progress?.chunkDone()
    }
    return
  }
  let next = ChunkCounter()
  DispatchQueue.concurrentPerform(iterations: t) { worker in
    while true {
      let c = next.take()
      if c >= chunkCount { break }
      body(worker, c)
      progress?.chunkDone()
    }
  }
}

/// One scratch object per worker of ``forEachChunkByWorker(_:threads:_:)``, made when the worker
/// first asks for it. Each slot is read and written by its own worker only.
final class WorkerScratch<Scratch: AnyObject>: @unchecked Sendable {
  private let slots: UnsafeMutablePointer<Scratch?>
  private let count: Int
  private let make: () -> Scratch

  init(workers: Int, make: @escaping () -> Scratch) {
    count = Swift.max(1, workers)
    slots = .allocate(capacity: count)
    slots.initialize(repeating: nil, count: count)
    self.make = make
  }

  /// The scratch of `worker`, made on first use.
  func scratch(_ worker: Int) -> Scratch {
    if let existing = slots[worker] { return existing }
    let made = make()
    slots[worker] = made
    return made
  }

  deinit {
    slots.deinitialize(count: count)
    slots.deallocate()
  }
}

/// Hands out chunk numbers 0, 1, 2, … to whichever thread asks first.
private final class ChunkCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var next = 0
  func take() -> Int {
    lock.withLock {
      defer { next += 1 }
      return next
    }
  }
}

/// Where long computations say how far they are, for a front end to show (the command line
/// prints it on a terminal). Every parallel computation reports each chunk it finishes.
public final class ProgressMonitor: @unchecked Sendable {
  /// The one monitor the measures report to.
  public static let shared = ProgressMonitor()
  private let lock = NSLock()
  private var handler: (@Sendable (_ done: Int, _ total: Int) -> Void)?

  /// Calls `handler(done, total)` after each chunk of work; `nil` stops it.
  public func observe(_ handler: (@Sendable (_ done: Int, _ total: Int) -> Void)?) {
    lock.withLock { self.handler = handler }
  }

  var isObserved: Bool { lock.withLock { handler != nil } }

  func report(_ done: Int, _ total: Int) {
    let h = lock.withLock { handler }
    h?(done, total)
  }
}

/// The chunks finished of one computation.
final class ChunkProgress: @unchecked Sendable {
  private let lock = NSLock()
  private var done = 0
  let total: Int
  init(total: Int) { self.total = total }
  func chunkDone() {
    let d = lock.withLock {
      done += 1
      return done
    }
    ProgressMonitor.shared.report(d, total)
  }
}

/// The number of chunks the sources of an all-pairs computation split into: fixed by n alone
/// (never by the thread count). Up to 128, so that threads finish within a small chunk of each
/// other, but the per-chunk partial sums (chunks × n values) kept to about 32 MiB, and at
/// least 8 chunks on large networks.
func sourceChunkCount(_ n: Int) -> Int {
  max(1, min(n / 64, max(8, min(128, (1 << 22) / max(1, n)))))
}

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

/// Runs `count` random trials on `threads` threads and adds up what they count: trial k draws
/// from its own generator, seeded from `seed` and k alone, and adds whole numbers to `slots`
/// counters, so the totals are the same whatever the number of threads.
func countTrials(
  _ count: Int, slots: Int, threads: Int, seed: UInt64,
  _ trial: @Sendable (inout SeededGenerator, UnsafeMutableBufferPointer<Int>) -> Void
) -> [Int] {
  let chunks = max(1, min(count, 64))
  let counters = SharedBuffer(repeating: 0, count: chunks * slots)
  forEachChunk(chunks, threads: threads) { c in
    let part = UnsafeMutableBufferPointer(start: counters.pointer + c * slots, count: slots)
    for k in (c * count / chunks)..<((c + 1) * count / chunks) {
      var rng = SeededGenerator(seed: trialSeed(seed, k))
      trial(&rng, part)
    }
  }
  var total = [Int](repeating: 0, count: slots)
  for c in 0..<chunks { for s in 0..<slots { total[s] += counters.pointer[c * slots + s] } }
  return total
}

/// The seed of trial `k` in a run seeded with `seed`: one SplitMix64 step apart, so nearby
/// seeds and trials give unrelated streams.
func trialSeed(_ seed: UInt64, _ k: Int) -> UInt64 {
  var g = SeededGenerator(seed: seed ^ (UInt64(k) &* 0xD1B5_4A32_D192_ED03))
  return g.next()
}

/// `body(i)` for i in 0..<count on `threads` threads, each result stored at its index: the
/// results do not depend on the number of threads.
func parallelMap<T: Sendable>(
  _ count: Int, threads: Int, default value: T, _ body: @Sendable (Int) -> T
) -> [T] {
  let out = SharedBuffer(repeating: value, count: count)
  let chunks = max(1, min(count, 256))
  forEachChunk(chunks, threads: threads) { c in
    for i in (c * count / chunks)..<((c + 1) * count / chunks) { out.pointer[i] = body(i) }
  }
  return out.array
}
