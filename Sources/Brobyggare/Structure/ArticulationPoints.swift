/// Articulation points (cut vertices) and bridges (cut edges).
///
/// An articulation point is a node whose removal splits its component; a bridge a tie whose
/// removal does. Both are read on the undirected graph underneath (tie direction ignored), as
/// networkx's `articulation_points` and `bridges` require and igraph's do. Parallel ties are
/// merged first, so two parallel ties are never a bridge (networkx's `bridges` refuses
/// multigraphs).
///
/// - Complexity: O(n + m); iterative depth-first search (Hopcroft and Tarjan 1973).
///
/// Hopcroft, J. & Tarjan, R. (1973). Algorithm 447: efficient algorithms for graph
/// manipulation. *Communications of the ACM* 16(6), 372–378.
/// [doi:10.1145/362248.362272](https://doi.org/10.1145/362248.362272)
public struct CutStructure: Sendable, Equatable {
  /// Whether each node is an articulation point.
  public var isArticulationPoint: [Bool]
  /// The bridges as node-index pairs (smaller index first), sorted.
  public var bridges: [(Int, Int)]

  public static func == (a: CutStructure, b: CutStructure) -> Bool {
    a.isArticulationPoint == b.isArticulationPoint && a.bridges.elementsEqual(b.bridges, by: ==)
  }
}

extension Adjacency {
  /// The articulation points and bridges of the undirected view (see ``CutStructure``).
  ///
  /// - Complexity: O(n + m).
  public var cutStructure: CutStructure {
    let g = undirected()
    let n = g.nodeCount
    var disc = [Int32](repeating: -1, count: n)
    var low = [Int32](repeating: 0, count: n)
    var isCut = [Bool](repeating: false, count: n)
    var bridges: [(Int, Int)] = []
    // The depth-first path: node, its parent, and the next arc to try.
    var callNode = [Int32](repeating: 0, count: n)
    var callParent = [Int32](repeating: 0, count: n)
    var callNext = [Int](repeating: 0, count: n)
    disc.withUnsafeMutableBufferPointer { disc in
      low.withUnsafeMutableBufferPointer { low in
        isCut.withUnsafeMutableBufferPointer { isCut in
          callNode.withUnsafeMutableBufferPointer { callNode in
            callParent.withUnsafeMutableBufferPointer { callParent in
              callNext.withUnsafeMutableBufferPointer { callNext in
                g.outOffsets.withUnsafeBufferPointer { offsets in
                  g.outTargets.withUnsafeBufferPointer { targets in
                    var time: Int32 = 0
                    for root in 0..<n where disc[root] < 0 {
                      disc[root] = time
                      low[root] = time
                      time += 1
                      callNode[0] = Int32(root)
                      callParent[0] = -1
                      callNext[0] = offsets[root]
                      var depth = 1
                      var rootChildren = 0
                      while depth > 0 {
                        let v = Int(callNode[depth - 1])
                        let k = callNext[depth - 1]
                        if k < offsets[v + 1] {
                          callNext[depth - 1] = k + 1
                          let w = Int(targets[k])
                          // simple graph: one arc back
                          if w == Int(callParent[depth - 1]) { continue }
                          if disc[w] < 0 {
                            disc[w] = time
                            low[w] = time
                            time += 1
                            if depth == 1 { rootChildren += 1 }
                            callNode[depth] = Int32(w)
                            callParent[depth] = Int32(v)
                            callNext[depth] = offsets[w]
                            depth += 1
                          } else {
                            low[v] = Swift.min(low[v], disc[w])
                          }
                        } else {
                          depth -= 1
                          if depth > 0 {
                            let u = Int(callNode[depth - 1])
                            low[u] = Swift.min(low[u], low[v])
                            if low[v] > disc[u] {
                              bridges.append((Swift.min(u, v), Swift.max(u, v)))
                            }
                            if depth > 1 && low[v] >= disc[u] { isCut[u] = true }
                          } else if rootChildren > 1 {
                            isCut[v] = true
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
    bridges.sort { $0 < $1 }
    return CutStructure(isArticulationPoint: isCut, bridges: bridges)
  }
}

extension Network {
  /// The articulation points and bridges of the selected ties (see ``CutStructure``).
  ///
  /// - Complexity: O(n + m), besides building the adjacency.
  public func cutStructure(selection: TieSelection = .all) throws -> CutStructure {
    try adjacency(selection).cutStructure
  }
}
