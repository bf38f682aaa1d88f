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
  public var cutStructure: CutStructure {
    let g = undirected()
    let n = g.nodeCount
    var disc = [Int](repeating: -1, count: n)
    var low = [Int](repeating: 0, count: n)
    var isCut = [Bool](repeating: false, count: n)
    var bridges: [(Int, Int)] = []
    var time = 0
    var call: [(v: Int, parent: Int, next: Int, children: Int)] = []
    for root in 0..<n where disc[root] < 0 {
      disc[root] = time; low[root] = time; time += 1
      call.append((root, -1, g.outOffsets[root], 0))
      while !call.isEmpty {
        let top = call[call.count - 1]
        let v = top.v
        if top.next < g.outOffsets[v + 1] {
          call[call.count - 1].next += 1
          let w = Int(g.outTargets[top.next])
          if w == top.parent { continue }  // simple graph: one arc back to the parent
          if disc[w] < 0 {
            disc[w] = time; low[w] = time; time += 1
            call[call.count - 1].children += 1
            call.append((w, v, g.outOffsets[w], 0))
          } else {
            low[v] = Swift.min(low[v], disc[w])
          }
        } else {
          call.removeLast()
          if let p = call.last {
            let u = p.v
            low[u] = Swift.min(low[u], low[v])
            if low[v] > disc[u] { bridges.append((Swift.min(u, v), Swift.max(u, v))) }
            if p.parent >= 0 && low[v] >= disc[u] { isCut[u] = true }
          } else if top.children > 1 {
            isCut[v] = true
          }
        }
      }
    }
    bridges.sort { $0 < $1 }
    return CutStructure(isArticulationPoint: isCut, bridges: bridges)
  }
}

extension Network {
  public func cutStructure(selection: TieSelection = .all) throws -> CutStructure {
    try adjacency(selection).cutStructure
  }
}
