/// Weak and strong components.
///
/// A weak component is a maximal set of nodes joined by ties in either direction; a strong
/// component one in which every node reaches every other along tie directions (Tarjan 1972).
/// On an undirected network the two coincide. Components are numbered 0, 1, ... in the order
/// of their first node, so the numbering is the same for the same input.
///
/// - Complexity: O(n + m) time and memory; no recursion.
///
/// Tarjan, R. (1972). Depth-first search and linear graph algorithms. *SIAM Journal on
/// Computing* 1(2), 146–160. [doi:10.1137/0201010](https://doi.org/10.1137/0201010)
public struct Components: Sendable, Equatable {
  /// The component of each node.
  public var membership: [Int]
  /// The number of nodes in each component.
  public var sizes: [Int]
  public var count: Int { sizes.count }
  /// The size of the largest component (0 for an empty network).
  public var largest: Int { sizes.max() ?? 0 }

  init(rawLabels: [Int]) {
    // Renumber in order of first appearance.
    var map = [Int: Int]()
    var membership = [Int](repeating: 0, count: rawLabels.count)
    var sizes: [Int] = []
    for (v, l) in rawLabels.enumerated() {
      let c: Int
      if let m = map[l] { c = m } else { c = sizes.count; map[l] = c; sizes.append(0) }
      membership[v] = c
      sizes[c] += 1
    }
    self.membership = membership
    self.sizes = sizes
  }
}

extension Adjacency {
  /// Weak components (ties read both ways).
  public var weakComponents: Components {
    let n = nodeCount
    var label = [Int](repeating: -1, count: n)
    var stack: [Int] = []
    for s in 0..<n where label[s] < 0 {
      label[s] = s
      stack.append(s)
      while let v = stack.popLast() {
        for w in successors(of: v) where label[Int(w)] < 0 { label[Int(w)] = s; stack.append(Int(w)) }
        if isDirected {
          for w in predecessors(of: v) where label[Int(w)] < 0 { label[Int(w)] = s; stack.append(Int(w)) }
        }
      }
    }
    return Components(rawLabels: label)
  }

  /// Strong components (Tarjan's algorithm, iterative).
  public var strongComponents: Components {
    if !isDirected { return weakComponents }
    let n = nodeCount
    var index = [Int](repeating: -1, count: n)
    var low = [Int](repeating: 0, count: n)
    var onStack = [Bool](repeating: false, count: n)
    var stack: [Int] = []
    var label = [Int](repeating: -1, count: n)
    var counter = 0
    var call: [(v: Int, next: Int)] = []
    for root in 0..<n where index[root] < 0 {
      call.append((root, outOffsets[root]))
      index[root] = counter; low[root] = counter; counter += 1
      stack.append(root); onStack[root] = true
      while !call.isEmpty {
        let (v, k) = call[call.count - 1]
        if k < outOffsets[v + 1] {
          call[call.count - 1].next = k + 1
          let w = Int(outTargets[k])
          if index[w] < 0 {
            index[w] = counter; low[w] = counter; counter += 1
            stack.append(w); onStack[w] = true
            call.append((w, outOffsets[w]))
          } else if onStack[w] {
            low[v] = Swift.min(low[v], index[w])
          }
        } else {
          call.removeLast()
          if let parent = call.last { low[parent.v] = Swift.min(low[parent.v], low[v]) }
          if low[v] == index[v] {
            while true {
              let w = stack.removeLast()
              onStack[w] = false
              label[w] = v
              if w == v { break }
            }
          }
        }
      }
    }
    return Components(rawLabels: label)
  }
}

extension Network {
  public func weakComponents(selection: TieSelection = .all) throws -> Components {
    try adjacency(selection).weakComponents
  }
  public func strongComponents(selection: TieSelection = .all) throws -> Components {
    try adjacency(selection).strongComponents
  }
}
