/// The inner loops of exact betweenness (Brandes 2001), written for speed.
///
/// Design, in order of what it buys: the shortest-path DAG recorded during the forward search,
/// so the backward pass reads only DAG arcs and tests nothing; nodes renumbered by degree so
/// that the nodes most searches touch share cache lines; the dependency recursion in the form
/// δ(v) = σ(v) · Σ_w (1 + δ(w)) / σ(w), so each DAG arc costs one load and one add; scratch
/// space allocated once per chunk and reset only where a search touched it; no bounds checks in
/// the loops over arcs; a radix heap for Dijkstra. Sources split into a fixed number of chunks,
/// each summed on its own and the chunks added in order, so the result is the same bit for bit
/// whatever the number of threads.
struct BrandesWorkspace {
  var dist: [Int32]
  var sigma: [Double]
  var order: [Int32]
  /// The shortest-path DAG of the last search: `dag[dagEnd[i-1]..<dagEnd[i]]` are the heads of
  /// the DAG arcs from `order[i]`.
  var dag: [Int32] = []
  var dagEnd: [Int32]

  init(nodeCount n: Int) {
    dist = [Int32](repeating: -1, count: n)
    sigma = [Double](repeating: 0, count: n)
    order = [Int32](repeating: 0, count: n)
    dagEnd = [Int32](repeating: 0, count: n)
  }
}

extension Adjacency {
  /// Exact betweenness: raw, undirected pairs once. `threads` only changes the speed.
  func brandesBetweenness(lengths: [Double]?, threads: Int) -> [Double] {
    let n = nodeCount
    guard n > 0 else { return [] }
    // Numbered by degree, largest first, the nodes most searches touch share cache lines.
    let (permuted, permutedLengths, newID) = relabelledByDegree(lengths: lengths)
    let inner = permuted.brandesKernel(lengths: permutedLengths, threads: threads)
    return (0..<n).map { inner[newID[$0]] }
  }

  /// The same graph with node i renumbered `newID[i]`, by degree descending (ties by old id).
  func relabelledByDegree(lengths: [Double]?) -> (Adjacency, [Double]?, [Int]) {
    let n = nodeCount
    let byDegree = (0..<n).sorted {
      let (a, b) = (outOffsets[$0 + 1] - outOffsets[$0], outOffsets[$1 + 1] - outOffsets[$1])
      return a != b ? a > b : $0 < $1
    }
    var newID = [Int](repeating: 0, count: n)
    for (rank, v) in byDegree.enumerated() { newID[v] = rank }
    var offsets = [Int](repeating: 0, count: n + 1)
    var targets = [Int32](repeating: 0, count: arcCount)
    var trust = [Double](repeating: 0, count: arcCount)
    var len: [Double]? = lengths.map { [Double](repeating: 0, count: $0.count) }
    for (rank, v) in byDegree.enumerated() { offsets[rank + 1] = offsets[rank] + (outOffsets[v + 1] - outOffsets[v]) }
    for (rank, v) in byDegree.enumerated() {
      var row = (outOffsets[v]..<outOffsets[v + 1]).map { (Int32(newID[Int(outTargets[$0])]), $0) }
      row.sort { $0.0 < $1.0 }
      for (j, (t, k)) in row.enumerated() {
        targets[offsets[rank] + j] = t
        trust[offsets[rank] + j] = outTrust[k]
        if let lengths { len![offsets[rank] + j] = lengths[k] }
      }
    }
    let a = Adjacency(nodeCount: n, directed: isDirected, offsets: offsets, targets: targets, trust: trust)
    return (a, len, newID)
  }

  func brandesKernel(lengths: [Double]?, threads: Int) -> [Double] {
    let n = nodeCount
    let chunks = sourceChunkCount(n)
    let partial = SharedBuffer<Double>(repeating: 0, count: chunks * n)
    let adjacency = self
    forEachChunk(chunks, threads: threads) { c in
      var ws = BrandesWorkspace(nodeCount: n)
      let from = c * n / chunks, to = (c + 1) * n / chunks
      let acc = partial.pointer + c * n
      if let lengths {
        adjacency.dijkstraDependencies(sources: from..<to, lengths: lengths, into: acc)
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
  ///
  /// The forward search records the arcs of the shortest-path DAG as it finds them, grouped by
  /// their tail in search order; the backward pass then reads only those arcs, with no test.
  func bfsDependencies(sources: Range<Int>, workspace ws: inout BrandesWorkspace, into acc: UnsafeMutablePointer<Double>) {
    if ws.dag.count < arcCount { ws.dag = [Int32](repeating: 0, count: arcCount) }
    outOffsets.withUnsafeBufferPointer { offsets in
      outTargets.withUnsafeBufferPointer { targets in
        ws.dist.withUnsafeMutableBufferPointer { dist in
          // One array holds σ(v) during the forward search and (1 + δ(v)) / σ(v) once the
          // backward pass has passed v: the backward pass reads the latter only for DAG heads,
          // which it has passed, so the two never mix and the working set is smaller.
          ws.sigma.withUnsafeMutableBufferPointer { value in
            ws.order.withUnsafeMutableBufferPointer { order in
              ws.dagEnd.withUnsafeMutableBufferPointer { dagEnd in
                ws.dag.withUnsafeMutableBufferPointer { dag in
                  for s in sources {
                    order[0] = Int32(s)
                    dist[s] = 0
                    value[s] = 1
                    var head = 0, tail = 1, arcs = 0
                    while head < tail {
                      let v = Int(order[head])
                      let next = dist[v] &+ 1
                      let sv = value[v]
                      for k in offsets[v]..<offsets[v &+ 1] {
                        let w = Int(targets[k])
                        let dw = dist[w]
                        if dw < 0 {
                          dist[w] = next
                          value[w] = sv
                          order[tail] = Int32(w)
                          tail &+= 1
                          dag[arcs] = Int32(w)
                          arcs &+= 1
                        } else if dw == next {
                          value[w] += sv
                          dag[arcs] = Int32(w)
                          arcs &+= 1
                        }
                      }
                      dagEnd[head] = Int32(arcs)
                      head &+= 1
                    }
                    var i = tail - 1
                    while i >= 0 {
                      let v = Int(order[i])
                      var sum = 0.0
                      for j in Int(i == 0 ? 0 : dagEnd[i - 1])..<Int(dagEnd[i]) { sum += value[Int(dag[j])] }
                      let sigma = value[v]
                      let delta = sigma * sum
                      if v != s { acc[v] += delta }
                      value[v] = (1 + delta) / sigma
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
  }

  /// The same with Dijkstra's searches on arc lengths; lengths within ``pathLengthTolerance``
  /// tie. Each node keeps a list of its DAG predecessors, started afresh when a shorter path
  /// to it is found; the backward pass pushes (1 + δ(w)) / σ(w) along those lists.
  func dijkstraDependencies(sources: Range<Int>, lengths: [Double], into acc: UnsafeMutablePointer<Double>) {
    let n = nodeCount
    let m = arcCount
    let distance = UnsafeMutablePointer<Double>.allocate(capacity: n)
    distance.initialize(repeating: .infinity, count: n)
    let sigma = UnsafeMutablePointer<Double>.allocate(capacity: n)
    sigma.initialize(repeating: 0, count: n)
    let sum = UnsafeMutablePointer<Double>.allocate(capacity: n)
    sum.initialize(repeating: 0, count: n)
    let settled = UnsafeMutablePointer<Bool>.allocate(capacity: n)
    settled.initialize(repeating: false, count: n)
    let order = UnsafeMutablePointer<Int32>.allocate(capacity: n)
    let predHead = UnsafeMutablePointer<Int32>.allocate(capacity: n)
    predHead.initialize(repeating: -1, count: n)
    // Predecessor list cells: (node, next cell). At most one cell per arc relaxed.
    let predNode = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, m))
    let predNext = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, m))
    var heap = RadixHeap()
    defer {
      distance.deallocate(); sigma.deallocate(); sum.deallocate(); settled.deallocate()
      order.deallocate(); predHead.deallocate(); predNode.deallocate(); predNext.deallocate()
      heap.deallocate()
    }
    outOffsets.withUnsafeBufferPointer { offsets in
      outTargets.withUnsafeBufferPointer { targets in
        lengths.withUnsafeBufferPointer { len in
          for s in sources {
            distance[s] = 0
            sigma[s] = 1
            heap.removeAll()
            heap.push(0, Int32(s))
            var count = 0
            var cells: Int32 = 0
            while !heap.isEmpty {
              let (d, v32) = heap.pop()
              let v = Int(v32)
              if settled[v] || d > distance[v] { continue }
              settled[v] = true
              order[count] = v32
              count &+= 1
              let sv = sigma[v]
              for k in offsets[v]..<offsets[v &+ 1] {
                let w = Int(targets[k])
                if settled[w] { continue }
                let alt = d + len[k]
                let dw = distance[w]
                // Both are non-negative, so this is lengthsEqual's tolerance; most arcs fail
                // the first test.
                let tolerance = pathLengthTolerance * Swift.max(alt, dw)
                if alt - dw > tolerance { continue }
                if dw == .infinity || dw - alt > tolerance {
                  distance[w] = alt
                  sigma[w] = sv
                  predNode[Int(cells)] = v32
                  predNext[Int(cells)] = -1
                  predHead[w] = cells
                  cells &+= 1
                  heap.push(alt, Int32(w))
                } else {
                  sigma[w] += sv
                  predNode[Int(cells)] = v32
                  predNext[Int(cells)] = predHead[w]
                  predHead[w] = cells
                  cells &+= 1
                }
              }
            }
            var i = count - 1
            while i >= 0 {
              let w = Int(order[i])
              let delta = sigma[w] * sum[w]
              if w != s { acc[w] += delta }
              let coefficient = (1 + delta) / sigma[w]
              var c = predHead[w]
              while c >= 0 {
                sum[Int(predNode[Int(c)])] += coefficient
                c = predNext[Int(c)]
              }
              i -= 1
            }
            for j in 0..<count {
              let v = Int(order[j])
              distance[v] = .infinity
              settled[v] = false
              sum[v] = 0
              predHead[v] = -1
            }
          }
        }
      }
    }
  }
}
