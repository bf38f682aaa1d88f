import Testing

@testable import Brobyggare

@Suite("Radix heap under Dijkstra's searches")
struct RadixHeapTests {
  /// Pushes and pops as Dijkstra does (every key pushed is the last popped key plus a
  /// non-negative step) and checks each pop against a sorted list of what is in the queue.
  @Test(arguments: [1, 2, 3, 4, 5])
  func popsTheSmallestKeyEveryTime(seed: UInt64) {
    var rng = SeededGenerator(seed: seed)
    var heap = RadixHeap()
    defer { heap.deallocate() }
    for round in 0..<3 {
      heap.removeAll()
      var reference: [(Double, Int32)] = []
      var last = 0.0
      var next: Int32 = 0
      heap.push(0, next)
      reference.append((0, next))
      next += 1
      var pops = 0
      while !heap.isEmpty {
        let (key, node) = heap.pop()
        let smallest = reference.map(\.0).min()!
        #expect(key == smallest)
        #expect(key >= last)
        let at = reference.firstIndex { $0.0 == key && $0.1 == node }
        #expect(at != nil, "popped (\(key), \(node)), which was never pushed or was popped already")
        if let at { reference.remove(at: at) }
        last = key
        pops += 1
        // Steps of very different scales, zero among them, so that keys share long prefixes
        // and exact ties occur.
        let pushes = pops < 400 ? Int.random(in: 0...4, using: &rng) : 0
        for _ in 0..<pushes {
          let step: Double =
            switch Int.random(in: 0..<5, using: &rng) {
            case 0: 0
            case 1: -0.0
            case 2: Double(Int.random(in: 1...3, using: &rng))
            case 3: Double.random(in: 0..<1e-9, using: &rng)
            default: Double.random(in: 0..<100, using: &rng) * Double(round + 1)
            }
          heap.push(key + step, next)
          reference.append((key + step, next))
          next += 1
        }
      }
      #expect(reference.isEmpty)
      #expect(pops == Int(next))
    }
  }

  @Test func infinityAndLargeKeysOrder() {
    var heap = RadixHeap()
    defer { heap.deallocate() }
    for (i, k) in [Double.infinity, 1e300, 5e-324, 0, 2, 1].enumerated() { heap.push(k, Int32(i)) }
    var keys: [Double] = []
    while !heap.isEmpty { keys.append(heap.pop().0) }
    #expect(keys == [0, 5e-324, 1, 2, 1e300, .infinity])
  }
}
