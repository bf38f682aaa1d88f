import Brobyggare
import Foundation

/// The benchmark's graphs: generated from fixed seeds, written as edge lists (`u v` or
/// `u v w`, nodes 0..<n) so that the peers read exactly the same graphs.
struct BenchmarkGraph {
  var name: String
  var nodeCount: Int
  var directed: Bool
  var edges: [(Int32, Int32)]
  var weights: [Double]?

  var fileName: String { name + ".txt" }

  /// Barabási–Albert preferential attachment: a star of m + 1 nodes, then each new node ties
  /// to m distinct earlier nodes drawn in proportion to degree (networkx's model).
  static func barabasiAlbert(n: Int, m: Int, seed: UInt64, weighted: Bool = false) -> BenchmarkGraph
  {
    var rng = SeededGenerator(seed: seed)
    var edges: [(Int32, Int32)] = []
    var repeated: [Int32] = []
    for v in 1...m {
      edges.append((0, Int32(v)))
      repeated += [0, Int32(v)]
    }
    var chosen = Set<Int32>()
    for v in (m + 1)..<n {
      chosen.removeAll(keepingCapacity: true)
      while chosen.count < m { chosen.insert(repeated[Int(rng.next() % UInt64(repeated.count))]) }
      for u in chosen.sorted() {
        edges.append((u, Int32(v)))
        repeated += [u, Int32(v)]
      }
    }
    return BenchmarkGraph(
      name: "ba_\(n)_\(m)\(weighted ? "_weighted" : "")", nodeCount: n, directed: false,
      edges: edges,
      weights: weighted ? randomWeights(edges.count, seed: seed &+ 1) : nil)
  }

  /// Erdős–Rényi G(n, p) with p = meanDegree / (n − 1), by geometric skips (Batagelj and
  /// Brandes 2005); directed draws each ordered pair.
  static func erdosRenyi(n: Int, meanDegree: Double, directed: Bool, seed: UInt64) -> BenchmarkGraph
  {
    var rng = SeededGenerator(seed: seed)
    let p = meanDegree / Double(n - 1)
    let pairs = directed ? n * (n - 1) : n * (n - 1) / 2
    var edges: [(Int32, Int32)] = []
    edges.reserveCapacity(Int(Double(pairs) * p * 1.1))
    let logq = log(1 - p)
    var k = -1
    while true {
      let r = Double(rng.next() >> 11) / Double(1 << 53)
      k += 1 + Int(floor(log(1 - r) / logq))
      if k >= pairs { break }
      if directed {
        let u = k / (n - 1)
        let w = k % (n - 1)
        edges.append((Int32(u), Int32(w >= u ? w + 1 : w)))
      } else {
        // Row-major over u < w: find u with the triangular offset.
        var u = Int(
          (Double(2 * n - 1) - (Double((2 * n - 1) * (2 * n - 1)) - 8 * Double(k)).squareRoot()) / 2
        )
        while u > 0 && u * (2 * n - u - 1) / 2 > k { u -= 1 }
        while (u + 1) * (2 * n - u - 2) / 2 <= k { u += 1 }
        let w = k - u * (2 * n - u - 1) / 2 + u + 1
        edges.append((Int32(u), Int32(w)))
      }
    }
    return BenchmarkGraph(
      name: "er_\(n)_\(Int(meanDegree))\(directed ? "_directed" : "")", nodeCount: n,
      directed: directed,
      edges: edges, weights: nil)
  }

  static func randomWeights(_ count: Int, seed: UInt64) -> [Double] {
    var rng = SeededGenerator(seed: seed)
    // Trust in (0, 1] to three decimals: 0.001 ... 1.000.
    return (0..<count).map { _ in Double(rng.next() % 1000 + 1) / 1000 }
  }

  func edgeListText() -> String {
    var out = ""
    out.reserveCapacity(edges.count * 16)
    for (i, e) in edges.enumerated() {
      out += "\(e.0) \(e.1)"
      if let w = weights { out += " " + formatNumber(w[i]) }
      out += "\n"
    }
    return out
  }

  func network() -> Network {
    var net = Network(directed: directed)
    for v in 0..<nodeCount { try! net.addNode(Node(id: String(v))) }
    for (i, e) in edges.enumerated() {
      net.addTie(from: String(e.0), to: String(e.1), trust: weights?[i])
    }
    return net
  }
}

/// A large edge list for the streaming case, written as it is generated (never held whole):
/// `edges` lines `u v`, u ≠ v drawn uniformly from 0..<n. Returns the file's size in bytes.
@discardableResult
func writeLargeEdgeList(path: String, n: Int, edges: Int, seed: UInt64) throws -> Int {
  FileManager.default.createFile(atPath: path + ".tmp", contents: nil)
  let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path + ".tmp"))
  var rng = SeededGenerator(seed: seed)
  var buffer: [UInt8] = []
  buffer.reserveCapacity(1 << 22)
  var size = 0
  func put(_ x: Int) {
    var digits: [UInt8] = []
    var v = x
    repeat {
      digits.append(UInt8(48 + v % 10))
      v /= 10
    } while v > 0
    buffer.append(contentsOf: digits.reversed())
  }
  for _ in 0..<edges {
    let u = Int(rng.next() % UInt64(n))
    var w = Int(rng.next() % UInt64(n - 1))
    if w >= u { w += 1 }
    put(u)
    buffer.append(0x20)
    put(w)
    buffer.append(0x0A)
    if buffer.count >= 1 << 22 {
      try handle.write(contentsOf: buffer)
      size += buffer.count
      buffer.removeAll(keepingCapacity: true)
    }
  }
  try handle.write(contentsOf: buffer)
  size += buffer.count
  try handle.close()
  _ = rename(path + ".tmp", path)
  return size
}
