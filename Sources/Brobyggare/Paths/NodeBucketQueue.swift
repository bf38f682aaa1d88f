/// Dial's buckets (``BucketQueue``) holding each node at most once: a node whose distance falls
/// is moved to its new bucket instead of being pushed again, so no stale entry is ever popped.
///
/// Each bucket is a circular list linked both ways, through two arrays indexed by node, with a
/// sentinel of its own (index `nodeCount + slot`); nodes not in the queue point to one more
/// sentinel, the spare. So placing a node, whether it is new or moves, is one unlink and one
/// link with no branch: the unlink of a node not in the queue rewrites the spare's links to
/// themselves. A bucket emptied by a move or a pop keeps its bit in the bitmap of non-empty
/// buckets until a pop finds it empty and clears it. The buckets, their ring and the rule that
/// makes any order within a bucket a valid settling order are those of ``BucketQueue``. Within
/// a bucket the node placed last comes out first, as the entry pushed last does from
/// ``BucketQueue``; taking a node out leaves the others in order, and the entries this queue
/// does not make are the stale ones ``BucketQueue`` passes over. So a search settles its nodes
/// in the same order with either queue, and gives the same bits. The memory is managed by hand;
/// call ``deallocate()`` when done.
struct NodeBucketQueue: DijkstraQueue {
  private let inverseWidth: Double
  private let slotMask: Int
  /// Index of slot 0's sentinel; slot s's is `base + s`, the spare's `base + slots`.
  private let base: Int
  private let spare: Int32
  /// Bit i of word i / 64 is set when slot i may hold nodes; clear only if it holds none.
  private let occupied: UnsafeMutablePointer<UInt64>
  private let words: Int
  /// The next and previous entry of each node and sentinel in its circular list.
  private let after: UnsafeMutablePointer<Int32>
  private let before: UnsafeMutablePointer<Int32>
  /// The slot of the last key popped, counted from the start (not wrapped).
  private var current = 0
  /// Nodes in the queue.
  private(set) var count = 0

  static var holdsEachNodeOnce: Bool { true }

  /// A queue of the given layout for nodes `0 ..< nodeCount`.
  init(_ layout: BucketQueue.Layout, nodeCount: Int) {
    let slots = layout.slots
    // Nodes and sentinels are numbered in 32 bits. A layout exists only for fewer than
    // 1.25 · 10⁹ nodes (the tolerance of a tie over the longest path must stay below the
    // bucket width, half the shortest length), below the limit of about 2.1 · 10⁹.
    precondition(nodeCount + slots < Int(Int32.max), "too many nodes for 32-bit links")
    inverseWidth = 1 / layout.width
    slotMask = slots - 1
    base = nodeCount
    spare = Int32(truncatingIfNeeded: nodeCount + slots)
    words = slots / 64
    occupied = .allocate(capacity: words)
    occupied.initialize(repeating: 0, count: words)
    let entries = nodeCount + slots + 1
    after = .allocate(capacity: entries)
    before = .allocate(capacity: entries)
    after.initialize(repeating: spare, count: entries)
    before.initialize(repeating: spare, count: entries)
    for s in 0..<slots {
      after[base + s] = Int32(truncatingIfNeeded: base + s)
      before[base + s] = Int32(truncatingIfNeeded: base + s)
    }
  }

  func deallocate() {
    occupied.deallocate()
    after.deallocate()
    before.deallocate()
  }

  var isEmpty: Bool { count == 0 }

  /// Readies the queue for the next search. The queue must be empty (as a search leaves it).
  mutating func removeAll() {
    precondition(count == 0, "a search left nodes in the queue")
    occupied.update(repeating: 0, count: words)
    current = 0
  }

  /// Puts `node` in the bucket of `key` (at least the last key popped, at most that key plus
  /// the longest length), taking it out of the bucket it was in, if any. `isNew` says that it
  /// was in none.
  @inline(__always)
  mutating func place(_ node: Int32, key: Double, isNew: Bool) {
    let n = Int(node)
    // Out of its list (the spare's, for a node not in the queue).
    let x = after[n]
    let p = before[n]
    after[Int(p)] = x
    before[Int(x)] = p
    // Into the front of its bucket's.
    let s = Int(key * inverseWidth) & slotMask
    let sentinel = base + s
    let first = after[sentinel]
    after[n] = first
    before[n] = Int32(truncatingIfNeeded: sentinel)
    before[Int(first)] = node
    after[sentinel] = node
    occupied[s >> 6] |= 1 << UInt64(s & 63)
    count &+= isNew ? 1 : 0
  }

  /// Removes the node placed last into the lowest non-empty bucket and returns it. The queue
  /// must not be empty.
  @inline(__always)
  mutating func popNode() -> Int32 {
    var s = current & slotMask
    var node = after[base + s]
    while Int(node) == base + s {
      occupied[s >> 6] &= ~(1 << UInt64(s & 63))
      s = nextOccupied(after: s)
      node = after[base + s]
    }
    let n = Int(node)
    let x = after[n]
    after[base + s] = x
    before[Int(x)] = Int32(truncatingIfNeeded: base + s)
    after[n] = spare
    before[n] = spare
    count &-= 1
    return node
  }

  /// The node at the front of the current bucket, which the next pop takes unless a place comes
  /// first; -1 when the bucket is empty.
  @inline(__always)
  func likelyNext() -> Int32 {
    let node = after[base + (current & slotMask)]
    return Int(node) < base ? node : -1
  }

  /// The first slot after `s` around the ring whose bit is set; moves `current` there.
  private mutating func nextOccupied(after s: Int) -> Int {
    let found = firstSetSlot(after: s, in: occupied, words: words)
    current += (found - s + slotMask + 1) & slotMask
    return found
  }
}
