/// The inner loops of exact betweenness (Brandes 2001), written for speed.
///
/// Design, in order of what it buys: per-thread scratch arrays allocated once and reset only
/// where a search touched them; the dependency recursion in the form
/// δ(v) = σ(v) · Σ_w (1 + δ(w)) / σ(w), so each successor costs one load and one add, with
/// (1 + δ(w)) / σ(w) stored once per node; no bounds checks in the loops over arcs; sources split
/// into a fixed number of chunks, each summed on its own and the chunks added in order, so the
/// result is the same bit for bit whatever the number of threads.
struct BrandesWorkspace {
  var dist: [Int32]
  var distance: [Double]
  var sigma: [Double]
  var coefficient: [Double]
  var order: [Int32]
  var rank: [Int32]
  var heap: [HeapEntry]

  init(nodeCount n: Int, weighted: Bool) {
    dist = [Int32](repeating: -1, count: n)
    distance = [Double](repeating: .infinity, count: weighted ? n : 0)
    sigma = [Double](repeating: 0, count: n)
    coefficient = [Double](repeating: 0, count: n)
    order = [Int32](repeating: 0, count: n)
    rank = [Int32](repeating: -1, count: weighted ? n : 0)
    heap = []
    heap.reserveCapacity(weighted ? n : 0)
  }
}

struct HeapEntry {
  var key: Double
  var node: Int32
}

extension Adjacency {
  /// Exact betweenness: raw, undirected pairs once. `threads` only changes the speed.
  func brandesBetweenness(lengths: [Double]?, threads: Int) -> [Double] {
    let n = nodeCount
    guard n > 0 else { return [] }
    let chunks = sourceChunkCount(n)
    let partial = SharedBuffer<Double>(repeating: 0, count: chunks * n)
    let adjacency = self
    forEachChunk(chunks, threads: threads) { c in
      var ws = BrandesWorkspace(nodeCount: n, weighted: lengths != nil)
      let from = c * n / chunks, to = (c + 1) * n / chunks
      let acc = partial.pointer + c * n
      if let lengths {
        adjacency.dijkstraDependencies(sources: from..<to, lengths: lengths, workspace: &ws, into: acc)
      } else {
        adjacency.bfsDependencies(sources: from..<to, workspace: &ws, into: acc)
      }
    }
    var result = [Double](repeating: 0, count: n)
    for c in 0..<chunks {
      let p = partial.pointer + c * n
      for v in 0..<n { result[v] += p[v] }
    }
    if !isDirected { for v in 0..<n { result[v] /= 2 } }
    return result
  }

  /// Adds, for each source in `sources`, its dependencies δ_s(v) to `acc[v]` (unweighted).
  func bfsDependencies(sources: Range<Int>, workspace ws: inout BrandesWorkspace, into acc: UnsafeMutablePointer<Double>) {
    outOffsets.withUnsafeBufferPointer { offsets in
      outTargets.withUnsafeBufferPointer { targets in
        ws.dist.withUnsafeMutableBufferPointer { dist in
          ws.sigma.withUnsafeMutableBufferPointer { sigma in
            ws.coefficient.withUnsafeMutableBufferPointer { coef in
              ws.order.withUnsafeMutableBufferPointer { order in
                for s in sources {
                  order[0] = Int32(s)
                  dist[s] = 0
                  sigma[s] = 1
                  var head = 0, tail = 1
                  while head < tail {
                    let v = Int(order[head])
                    head += 1
                    let next = dist[v] &+ 1
                    let sv = sigma[v]
                    for k in offsets[v]..<offsets[v &+ 1] {
                      let w = Int(targets[k])
                      let dw = dist[w]
                      if dw < 0 {
                        dist[w] = next
                        sigma[w] = sv
                        order[tail] = Int32(w)
                        tail &+= 1
                      } else if dw == next {
                        sigma[w] += sv
                      }
                    }
                  }
                  var i = tail - 1
                  while i >= 0 {
                    let v = Int(order[i])
                    let next = dist[v] &+ 1
                    var sum = 0.0
                    for k in offsets[v]..<offsets[v &+ 1] {
                      let w = Int(targets[k])
                      if dist[w] == next { sum += coef[w] }
                    }
                    let delta = sigma[v] * sum
                    if v != s { acc[v] += delta }
                    coef[v] = (1 + delta) / sigma[v]
                    i -= 1
                  }
                  for j in 0..<tail { dist[Int(order[j])] = -1 }
                }
              }
            }
          }
        }
      }
    }
  }

  /// The same with Dijkstra's searches on arc lengths; lengths within ``pathLengthTolerance``
  /// tie. An arc v → w is on a shortest path when w settles after v at dist(v) + len.
  func dijkstraDependencies(sources: Range<Int>, lengths: [Double], workspace ws: inout BrandesWorkspace,
                            into acc: UnsafeMutablePointer<Double>) {
    outOffsets.withUnsafeBufferPointer { offsets in
      outTargets.withUnsafeBufferPointer { targets in
        lengths.withUnsafeBufferPointer { len in
          for s in sources {
            ws.heap.removeAll(keepingCapacity: true)
            ws.distance[s] = 0
            ws.sigma[s] = 1
            pushHeap(&ws.heap, HeapEntry(key: 0, node: Int32(s)))
            var settledCount = 0
            while let top = popHeap(&ws.heap) {
              let v = Int(top.node)
              if ws.rank[v] >= 0 || top.key > ws.distance[v] { continue }
              ws.rank[v] = Int32(settledCount)
              ws.order[settledCount] = top.node
              settledCount += 1
              let dv = top.key
              let sv = ws.sigma[v]
              for k in offsets[v]..<offsets[v + 1] {
                let w = Int(targets[k])
                if ws.rank[w] >= 0 { continue }
                let alt = dv + len[k]
                let dw = ws.distance[w]
                if dw == .infinity {
                  ws.distance[w] = alt
                  ws.sigma[w] = sv
                  pushHeap(&ws.heap, HeapEntry(key: alt, node: Int32(w)))
                } else if lengthsEqual(alt, dw) {
                  ws.sigma[w] += sv
                } else if alt < dw {
                  ws.distance[w] = alt
                  ws.sigma[w] = sv
                  pushHeap(&ws.heap, HeapEntry(key: alt, node: Int32(w)))
                }
              }
            }
            var i = settledCount - 1
            while i >= 0 {
              let v = Int(ws.order[i])
              let dv = ws.distance[v]
              let rv = ws.rank[v]
              var sum = 0.0
              for k in offsets[v]..<offsets[v + 1] {
                let w = Int(targets[k])
                if ws.rank[w] > rv && lengthsEqual(dv + len[k], ws.distance[w]) { sum += ws.coefficient[w] }
              }
              let delta = ws.sigma[v] * sum
              if v != s { acc[v] += delta }
              ws.coefficient[v] = (1 + delta) / ws.sigma[v]
              i -= 1
            }
            for j in 0..<settledCount {
              let v = Int(ws.order[j])
              ws.rank[v] = -1
              ws.distance[v] = .infinity
            }
          }
        }
      }
    }
  }
}

@inline(__always)
func pushHeap(_ heap: inout [HeapEntry], _ e: HeapEntry) {
  heap.append(e)
  var i = heap.count - 1
  while i > 0 {
    let p = (i - 1) >> 1
    if heap[p].key <= e.key { break }
    heap[i] = heap[p]
    i = p
  }
  heap[i] = e
}

@inline(__always)
func popHeap(_ heap: inout [HeapEntry]) -> HeapEntry? {
  guard let top = heap.first else { return nil }
  let last = heap.removeLast()
  let n = heap.count
  if n > 0 {
    var i = 0
    while true {
      var c = 2 * i + 1
      if c >= n { break }
      if c + 1 < n && heap[c + 1].key < heap[c].key { c += 1 }
      if heap[c].key >= last.key { break }
      heap[i] = heap[c]
      i = c
    }
    heap[i] = last
  }
  return top
}
