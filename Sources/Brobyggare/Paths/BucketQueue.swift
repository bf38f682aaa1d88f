/// What Dijkstra's searches need of a priority queue: keys placed are never below the last key
/// popped, and stale entries (a node pushed again with a shorter distance, by the queues that
/// push again) are skipped by the caller. ``NodeBucketQueue`` moves the node instead and makes
/// no stale entry; the skip then never happens.
///
/// A pop gives the node alone; the search reads its distance from its own array. That is the
/// key of the entry whenever the entry is the node's first to come out: a node is pushed again
/// only with a strictly smaller key, which both queues hand out before the older one (the radix
/// heap takes the least key; the bucket queue a lower bucket, or in the same bucket the entry
/// pushed last). The search settles a node at its first pop and marks it, so every later entry
/// of that node is recognised as stale by the mark, and no key needs storing for it.
protocol DijkstraQueue {
  var isEmpty: Bool { get }
  /// Empties the queue for the next source.
  mutating func removeAll()
  /// Puts `node` in the queue with `key`; `isNew` says it is not in the queue yet. A queue that
  /// holds a node once moves it; the others push a new entry, and the old one turns stale.
  mutating func place(_ node: Int32, key: Double, isNew: Bool)
  /// Removes an entry of the lowest key and returns its node. The queue must not be empty.
  mutating func popNode() -> Int32
  /// True for a queue that moves a node instead of pushing it again (``NodeBucketQueue``): its
  /// pops are never stale, and the searches leave out the test for them.
  static var holdsEachNodeOnce: Bool { get }
  /// A node that is likely to be popped next (to fetch its arcs ahead), or -1 when there is no
  /// cheap guess. A hint only.
  func likelyNext() -> Int32
  func deallocate()
}

extension DijkstraQueue {
  static var holdsEachNodeOnce: Bool { false }
  func likelyNext() -> Int32 { -1 }
}

extension RadixHeap: DijkstraQueue {
  @inline(__always)
  mutating func place(_ node: Int32, key: Double, isNew: Bool) { push(key, node) }

  @inline(__always)
  mutating func popNode() -> Int32 { pop().1 }
}

/// The first slot after `s`, going round the ring, whose bit is set in the bitmap `occupied` of
/// `words` 64-bit words (bit i of word i / 64 for slot i); the bucket queues' way to their next
/// bucket. Some bit must be set.
func firstSetSlot(after s: Int, in occupied: UnsafeMutablePointer<UInt64>, words: Int) -> Int {
  var word = s >> 6
  var bits = occupied[word] & ~((2 << UInt64(s & 63)) &- 1)
  var scanned = 0
  while bits == 0 {
    word = word + 1 == words ? 0 : word + 1
    bits = occupied[word]
    scanned += 1
    precondition(scanned <= words, "pop from an empty bucket queue")
  }
  return word << 6 | bits.trailingZeroBitCount
}

/// One entry of a linked list kept in an array: a node and the index of the next entry (-1 at
/// the end). The two sit side by side, so following a list reads one place per entry.
struct ListCell {
  var node: Int32
  var next: Int32
}

/// Dial's bucket queue (Dial 1969) with buckets narrower than the shortest arc, for Dijkstra's
/// searches when the arc lengths allow it: the landmark searches that find detours
/// (``Adjacency/withoutDetours(lengths:layout:)``). The searches of weighted betweenness and
/// closeness use ``NodeBucketQueue``, which gives up the nodes in the same order without
/// stale entries.
///
/// Bucket `i` holds the keys in [iΔ, (i + 1)Δ) with Δ half the shortest arc length. A node
/// popped from bucket `i` has its final distance, because any path through a node popped
/// later is at least two buckets longer; and no two nodes of one bucket lie on a shortest path
/// one after the other, for the same reason. So any order within a bucket settles the nodes in
/// an order the backward pass of Brandes' algorithm can take in reverse, and a push and a pop
/// cost a few instructions each, where a heap moves entries around.
///
/// The live keys span at most the longest arc, so the buckets form a ring of a little more than
/// 2 · (longest / shortest) slots, found non-empty with a bitmap. Lengths within
/// ``pathLengthTolerance`` count as equal in the searches; the queue is used only when that
/// tolerance, over the longest possible path, is far below Δ, so a tie never falls into the
/// bucket of the node it ties through. `init` returns nil where these conditions fail (a zero
/// length, or lengths spread over too many slots), and the caller uses the radix heap instead.
///
/// Entries are kept in cells of one array, linked per bucket and taken last in, first out,
/// so a search is deterministic. A cell holds the node alone, not its key (see
/// ``DijkstraQueue``). The memory is managed by hand; call ``deallocate()`` when done.
///
/// Dial, R. B. (1969). Algorithm 360: shortest-path forest with topological ordering.
/// *Communications of the ACM* 12(11), 632–633.
struct BucketQueue: DijkstraQueue {
  /// The most slots in the ring: a longest arc up to about 8,000 times the shortest.
  static let maximumSlots = 1 << 14

  private let inverseWidth: Double
  private let slotMask: Int
  /// First cell of each slot's list, -1 when empty.
  private let head: UnsafeMutablePointer<Int32>
  /// Bit i of word i / 64 is set when slot i is not empty.
  private let occupied: UnsafeMutablePointer<UInt64>
  private let words: Int
  private let cell: UnsafeMutablePointer<ListCell>
  private let capacity: Int
  private var cells: Int32 = 0
  /// The slot of the last key popped, counted from the start (not wrapped).
  private var current = 0
  private(set) var count = 0

  /// Bucket width and ring size for searches over some lengths; found once per computation.
  struct Layout {
    let width: Double
    let slots: Int
  }

  /// The layout for searches over `lengths` among `nodeCount` nodes, or nil when the lengths do
  /// not suit buckets.
  static func layout(lengths: [Double], nodeCount: Int) -> Layout? {
    guard let shortest = lengths.min(), let longest = lengths.max(), shortest > 0,
      shortest.isFinite, longest.isFinite
    else { return nil }
    let width = shortest / 2
    // A subnormal width has no finite inverse: the radix heap takes such lengths.
    guard (1 / width).isFinite else { return nil }
    let span = (longest / width).rounded(.up) + 3
    guard span <= Double(maximumSlots) else { return nil }
    // The tolerance of a tie, over the longest path there can be, stays below Δ / 2.
    guard 4 * pathLengthTolerance * Double(Swift.max(1, nodeCount - 1)) * longest < width else {
      return nil
    }
    var slots = 64
    while Double(slots) < span { slots *= 2 }
    return Layout(width: width, slots: slots)
  }

  /// A queue for searches over `lengths` among `nodeCount` nodes with at most `pushes` pushes
  /// per search, or nil when the lengths do not suit buckets.
  init?(lengths: [Double], nodeCount: Int, pushes: Int) {
    guard let layout = Self.layout(lengths: lengths, nodeCount: nodeCount) else { return nil }
    self.init(layout, pushes: pushes)
  }

  /// A queue of the given layout with at most `pushes` pushes per search.
  init(_ layout: Layout, pushes: Int) {
    let slots = layout.slots
    inverseWidth = 1 / layout.width
    slotMask = slots - 1
    head = .allocate(capacity: slots)
    head.initialize(repeating: -1, count: slots)
    words = slots / 64
    occupied = .allocate(capacity: words)
    occupied.initialize(repeating: 0, count: words)
    capacity = Swift.max(1, pushes)
    cell = .allocate(capacity: capacity)
  }

  func deallocate() {
    head.deallocate()
    occupied.deallocate()
    cell.deallocate()
  }

  var isEmpty: Bool { count == 0 }

  mutating func removeAll() {
    if count > 0 {
      head.update(repeating: -1, count: slotMask + 1)
      occupied.update(repeating: 0, count: words)
    }
    cells = 0
    current = 0
    count = 0
  }

  @inline(__always)
  private func slot(_ key: Double) -> Int { Int(key * inverseWidth) }

  /// Adds `node` with `key`, which must be at least the last key popped and at most that key
  /// plus the longest length.
  @inline(__always)
  mutating func push(_ key: Double, _ node: Int32) {
    let c = Int(cells)
    precondition(c < capacity, "more pushes than the search allows")
    let s = slot(key) & slotMask
    cell[c] = ListCell(node: node, next: head[s])
    head[s] = cells
    occupied[s >> 6] |= 1 << UInt64(s & 63)
    cells &+= 1
    count &+= 1
  }

  /// Pushes `node` with `key`, whether or not it is in the queue already (see ``DijkstraQueue``).
  @inline(__always)
  mutating func place(_ node: Int32, key: Double, isNew: Bool) { push(key, node) }

  /// Removes the entry pushed last into the lowest non-empty bucket and returns its node. The
  /// queue must not be empty.
  @inline(__always)
  mutating func popNode() -> Int32 {
    var s = current & slotMask
    if head[s] < 0 { s = nextOccupied(after: s) }
    let taken = cell[Int(head[s])]
    head[s] = taken.next
    if taken.next < 0 { occupied[s >> 6] &= ~(1 << UInt64(s & 63)) }
    count &-= 1
    return taken.node
  }

  /// The node at the head of the current bucket, which the next pop takes unless a push
  /// comes first; -1 when the bucket is empty.
  @inline(__always)
  func likelyNext() -> Int32 {
    let h = head[current & slotMask]
    return h < 0 ? -1 : cell[Int(h)].node
  }

  /// The first occupied slot after `s` around the ring; moves `current` there.
  private mutating func nextOccupied(after s: Int) -> Int {
    let found = firstSetSlot(after: s, in: occupied, words: words)
    current += (found - s + slotMask + 1) & slotMask
    return found
  }
}
