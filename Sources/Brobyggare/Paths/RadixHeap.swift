/// The priority queue of Dijkstra's searches: a radix heap (Ahuja, Mehlhorn, Orlin and Tarjan
/// 1990) over the bit patterns of non-negative distances, with lazy deletion.
///
/// A radix heap needs the keys it is given never to fall below the last key it returned, which
/// holds in Dijkstra's algorithm with non-negative lengths (a distance pushed is the popped
/// distance plus a length). For such keys the bit pattern of a `Double` orders as the number
/// does, so bucket `b` holds the keys whose pattern first differs from the last popped one at
/// bit `b - 1` (bucket 0: equal to it). A push is one `xor` and a count of leading zeros; a pop
/// takes the front of bucket 0, or else moves the first non-empty bucket down around its
/// minimum. Each entry moves down at most 64 times and in practice two or three, where a
/// binary heap moves it about log₂ n times on each push and pop.
///
/// Equal keys come out in a fixed order (the last pushed first), so a search is deterministic.
/// The memory is managed by hand; call ``deallocate()`` when done.
struct RadixHeap {
  private struct Entry {
    var key: UInt64
    var node: Int32
  }

  /// Bucket b's entries live at `storage[b][0..<counts[b]]`.
  private var storage: UnsafeMutablePointer<UnsafeMutablePointer<Entry>>
  private var counts: UnsafeMutablePointer<Int>
  private var capacities: UnsafeMutablePointer<Int>
  /// Bit b - 1 is set when bucket b (1...64) is not empty.
  private var occupied: UInt64 = 0
  private var last: UInt64 = 0
  private(set) var count = 0

  init() {
    storage = .allocate(capacity: 65)
    counts = .allocate(capacity: 65)
    capacities = .allocate(capacity: 65)
    for b in 0..<65 {
      storage[b] = .allocate(capacity: 16)
      counts[b] = 0
      capacities[b] = 16
    }
  }

  func deallocate() {
    for b in 0..<65 { storage[b].deallocate() }
    storage.deallocate()
    counts.deallocate()
    capacities.deallocate()
  }

  var isEmpty: Bool { count == 0 }

  /// Empties the queue and accepts any key again (for the next source).
  mutating func removeAll() {
    for b in 0..<65 { counts[b] = 0 }
    occupied = 0
    last = 0
    count = 0
  }

  @inline(__always)
  private static func bits(_ key: Double) -> UInt64 {
    // -0.0 orders with +0.0; every other key is non-negative.
    key == 0 ? 0 : key.bitPattern
  }

  @inline(__always)
  private func bucket(_ bits: UInt64) -> Int {
    bits == last ? 0 : 64 - (bits ^ last).leadingZeroBitCount
  }

  @inline(__always)
  private mutating func append(_ entry: Entry, to b: Int) {
    let c = counts[b]
    if c == capacities[b] { grow(b) }
    storage[b][c] = entry
    counts[b] = c &+ 1
    if b > 0 { occupied |= 1 << UInt64(b - 1) }
  }

  /// Adds `node` with `key`, which must be at least the last key popped.
  @inline(__always)
  mutating func push(_ key: Double, _ node: Int32) {
    let k = Self.bits(key)
    append(Entry(key: k, node: node), to: bucket(k))
    count &+= 1
  }

  /// Removes and returns an entry with the smallest key. The queue must not be empty.
  @inline(__always)
  mutating func pop() -> (Double, Int32) {
    if counts[0] == 0 { refill() }
    let c = counts[0] &- 1
    counts[0] = c
    count &-= 1
    let e = storage[0][c]
    return (Double(bitPattern: e.key), e.node)
  }

  /// Moves the first non-empty bucket down into smaller ones, around its minimum key.
  private mutating func refill() {
    let b = occupied.trailingZeroBitCount + 1
    let entries = storage[b]
    let n = counts[b]
    var minimum = entries[0].key
    for i in 1..<n where entries[i].key < minimum { minimum = entries[i].key }
    last = minimum
    counts[b] = 0
    occupied &= ~(1 << UInt64(b - 1))
    // Every entry lands in a bucket below b, so the one being read is not written.
    for i in 0..<n { append(entries[i], to: bucket(entries[i].key)) }
  }

  private mutating func grow(_ b: Int) {
    let newCapacity = capacities[b] * 2
    let bigger = UnsafeMutablePointer<Entry>.allocate(capacity: newCapacity)
    bigger.moveInitialize(from: storage[b], count: counts[b])
    storage[b].deallocate()
    storage[b] = bigger
    capacities[b] = newCapacity
  }
}
