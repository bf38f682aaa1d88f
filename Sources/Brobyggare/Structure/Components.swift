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
  /// The number of components.
  public var count: Int { sizes.count }
  /// The size of the largest component (0 for an empty network).
  public var largest: Int { sizes.max() ?? 0 }

  /// From labels that are node indices (a representative of each component), not negative.
  init(rawLabels: [Int]) {
    // Renumber in order of first appearance.
    var map = [Int](repeating: -1, count: (rawLabels.max() ?? -1) + 1)
    var membership = [Int](repeating: 0, count: rawLabels.count)
    var sizes: [Int] = []
    for (v, l) in rawLabels.enumerated() {
      var c = map[l]
      if c < 0 {
        c = sizes.count
        map[l] = c
        sizes.append(0)
      }
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
    Components(rawLabels: weakComponentLabels(removed: nil))
  }

  /// For each node, a representative of its weak component (a node index), with the nodes
  /// marked in `removed` and their ties left out (their label is −1).
  func weakComponentLabels(removed: [Bool]?) -> [Int] {
    let n = nodeCount
    var label = [Int](repeating: -1, count: n)
    // Each node is pushed once, when it is labelled, so n slots suffice.
    var stack = [Int32](repeating: 0, count: n)
    let readIncoming = isDirected && inOffsets.count == n + 1
    // A removed node counts as labelled already, so it is never entered.
    if let removed { for v in 0..<n where removed[v] { label[v] = -2 } }
    label.withUnsafeMutableBufferPointer { label in
      stack.withUnsafeMutableBufferPointer { stack in
        outOffsets.withUnsafeBufferPointer { outOffsets in
          outTargets.withUnsafeBufferPointer { outTargets in
            inOffsets.withUnsafeBufferPointer { inOffsets in
              inTargets.withUnsafeBufferPointer { inTargets in
                for s in 0..<n where label[s] == -1 {
                  label[s] = s
                  stack[0] = Int32(s)
                  var top = 1
                  while top > 0 {
                    top -= 1
                    let v = Int(stack[top])
                    for k in outOffsets[v]..<outOffsets[v + 1] {
                      let w = Int(outTargets[k])
                      if label[w] == -1 {
                        label[w] = s
                        stack[top] = Int32(w)
                        top += 1
                      }
                    }
                    if readIncoming {
                      for k in inOffsets[v]..<inOffsets[v + 1] {
                        let w = Int(inTargets[k])
                        if label[w] == -1 {
                          label[w] = s
                          stack[top] = Int32(w)
                          top += 1
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    if removed != nil { for v in 0..<n where label[v] == -2 { label[v] = -1 } }
    return label
  }

  /// Strong components (Tarjan's algorithm, iterative).
  public var strongComponents: Components {
    if !isDirected { return weakComponents }
    let n = nodeCount
    var label = [Int](repeating: -1, count: n)
    // index[v] < 0: not visited yet. low[v] == Int32.max once v's component is done, which
    // stands for "not on the stack".
    var index = [Int32](repeating: -1, count: n)
    var low = [Int32](repeating: 0, count: n)
    var stack = [Int32](repeating: 0, count: n)
    var callNode = [Int32](repeating: 0, count: n)
    var callNext = [Int](repeating: 0, count: n)
    label.withUnsafeMutableBufferPointer { label in
      index.withUnsafeMutableBufferPointer { index in
        low.withUnsafeMutableBufferPointer { low in
          stack.withUnsafeMutableBufferPointer { stack in
            callNode.withUnsafeMutableBufferPointer { callNode in
              callNext.withUnsafeMutableBufferPointer { callNext in
                outOffsets.withUnsafeBufferPointer { offsets in
                  outTargets.withUnsafeBufferPointer { targets in
                    var counter: Int32 = 0
                    var top = 0
                    for root in 0..<n where index[root] < 0 {
                      index[root] = counter
                      low[root] = counter
                      counter += 1
                      stack[top] = Int32(root)
                      top += 1
                      callNode[0] = Int32(root)
                      callNext[0] = offsets[root]
                      var depth = 1
                      while depth > 0 {
                        let v = Int(callNode[depth - 1])
                        let k = callNext[depth - 1]
                        if k < offsets[v + 1] {
                          callNext[depth - 1] = k + 1
                          let w = Int(targets[k])
                          if index[w] < 0 {
                            index[w] = counter
                            low[w] = counter
                            counter += 1
                            stack[top] = Int32(w)
                            top += 1
                            callNode[depth] = Int32(w)
                            callNext[depth] = offsets[w]
                            depth += 1
                          } else if low[w] != Int32.max {
                            low[v] = Swift.min(low[v], index[w])
                          }
                        } else {
                          depth -= 1
                          if low[v] == index[v] {
                            while true {
                              top -= 1
                              let w = Int(stack[top])
                              low[w] = Int32.max
                              label[w] = v
                              if w == v { break }
                            }
                          } else {
                            // v stays on the stack, so its low is below its index and finite.
                            let parent = Int(callNode[depth - 1])
                            low[parent] = Swift.min(low[parent], low[v])
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    return Components(rawLabels: label)
  }
}

extension Network {
  /// The weak components of the selected ties (see ``Components``).
  ///
  /// - Complexity: O(n + m), besides building the adjacency.
  public func weakComponents(selection: TieSelection = .all) throws -> Components {
    try adjacency(selection).weakComponents
  }
  /// The strong components of the selected ties (see ``Components``); the weak ones on an
  /// undirected network.
  ///
  /// - Complexity: O(n + m), besides building the adjacency.
  public func strongComponents(selection: TieSelection = .all) throws -> Components {
    try adjacency(selection).strongComponents
  }
}
