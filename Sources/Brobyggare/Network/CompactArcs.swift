/// The arcs of an adjacency with offsets and heads in the narrowest of 16, 32 and 64 bits that
/// holds them, for the breadth-first kernels: on networks of up to 65,536 nodes the heads take
/// half the cache of `Int32` and the offsets half that of `Int`.
struct CompactArcs: @unchecked Sendable {
  enum Storage {
    case narrow(offsets: [UInt32], targets: [UInt16])
    case medium(offsets: [UInt32], targets: [Int32])
    case wide(offsets: [Int], targets: [Int32])
  }
  let storage: Storage
  let nodeCount: Int

  /// `widest` forces the 64-bit offsets and 32-bit heads (for tests on small networks).
  init(_ adj: Adjacency, widest: Bool = false) {
    nodeCount = adj.nodeCount
    if !widest && adj.arcCount < Int(UInt32.max) {
      let offsets = adj.outOffsets.map { UInt32(truncatingIfNeeded: $0) }
      if adj.nodeCount <= Int(UInt16.max) + 1 {
        storage = .narrow(
          offsets: offsets, targets: adj.outTargets.map { UInt16(truncatingIfNeeded: $0) })
      } else {
        storage = .medium(offsets: offsets, targets: adj.outTargets)
      }
    } else {
      storage = .wide(offsets: adj.outOffsets, targets: adj.outTargets)
    }
  }

  /// Runs `body` on the offsets and heads in their stored widths; the kernel it calls is
  /// compiled once for each width.
  func scan<Body: ArcScan>(_ body: Body) {
    switch storage {
    case .narrow(let offsets, let targets):
      offsets.withUnsafeBufferPointer { o in
        targets.withUnsafeBufferPointer { t in body.run(offsets: o, targets: t) }
      }
    case .medium(let offsets, let targets):
      offsets.withUnsafeBufferPointer { o in
        targets.withUnsafeBufferPointer { t in body.run(offsets: o, targets: t) }
      }
    case .wide(let offsets, let targets):
      offsets.withUnsafeBufferPointer { o in
        targets.withUnsafeBufferPointer { t in body.run(offsets: o, targets: t) }
      }
    }
  }
}

/// Work over a node's arcs `offsets[v]..<offsets[v + 1]` and their heads `targets[k]`, in
/// whatever integer widths ``CompactArcs`` stores them.
protocol ArcScan {
  func run<Offset: FixedWidthInteger, Target: FixedWidthInteger>(
    offsets: UnsafeBufferPointer<Offset>, targets: UnsafeBufferPointer<Target>)
}
