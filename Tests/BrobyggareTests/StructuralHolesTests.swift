import Foundation
import Testing

@testable import Brobyggare

@Suite("Burt's structural holes")
struct StructuralHolesTests {
  /// networkx 3.6.1 constraint and effective_size, igraph 1.0.0 constraint (Fixtures/generate.py).
  @Test(arguments: Reference.names)
  func agreesWithNetworkxAndIgraph(_ name: String) throws {
    let ref = try Reference(name)
    let net = ref.network
    for (label, weighted) in ref.weighted
      ? [("binary", false), ("weighted", true)] : [("binary", false)]
    {
      let holes = try net.structuralHoles(weighted: weighted)
      let c = ref.values("constraint_\(label)")
      let e = ref.values("effective_size_\(label)")
      let skip = Set(ref.expected["effective_size_skip"] as? [String] ?? [])
      for i in c.indices {
        if skip.contains(ref.nodes[i]) {
          // networkx 3.6.1 wrongly answers NaN for nodes with in-ties only; ours is defined.
          #expect(holes.effectiveSize[i].isFinite)
          #expect(close(holes.constraint[i], c[i]))
          continue
        }
        #expect(
          close(holes.constraint[i], c[i]),
          "\(name) \(label) constraint \(ref.nodes[i]): \(holes.constraint[i]) vs \(c[i])")
        #expect(
          close(holes.effectiveSize[i], e[i]),
          "\(name) \(label) effective size \(ref.nodes[i]): \(holes.effectiveSize[i]) vs \(e[i])")
      }
    }
  }

  /// Borgatti (1997), "Structural holes: unpacking Burt's redundancy measures", Connections
  /// 20(1): the example network and its weights; published binary constraint G .400, A .595,
  /// effective size G 4.67, A 2.50; weighted constraint G .299, A .795 (the values networkx's
  /// tests also use).
  static func borgatti(weighted: Bool) -> Network {
    var net = Network(directed: false)
    let ties: [(String, String, Double)] = [
      ("A", "B", 2), ("A", "F", 3), ("A", "G", 5), ("A", "E", 2), ("E", "G", 8),
      ("F", "G", 3), ("B", "G", 4), ("B", "D", 1), ("D", "G", 3), ("G", "C", 10),
    ]
    for (u, v, w) in ties { net.addTie(from: u, to: v, trust: weighted ? w : nil) }
    try! net.addNode(Node(id: "isolate"))
    return net
  }

  @Test func borgattiPublishedValues() throws {
    let binary = Self.borgatti(weighted: false)
    let b = try binary.structuralHoles(weighted: false)
    let (g, a, c, iso) = (
      binary.index(of: "G")!, binary.index(of: "A")!, binary.index(of: "C")!,
      binary.index(of: "isolate")!
    )
    #expect(abs(b.constraint[g] - 0.400) < 0.0005)
    #expect(abs(b.constraint[a] - 0.595) < 0.0005)
    #expect(abs(b.constraint[c] - 1) < 1e-12)
    #expect(abs(b.effectiveSize[g] - 4.67) < 0.005)
    #expect(abs(b.effectiveSize[a] - 2.50) < 0.005)
    #expect(abs(b.efficiency[a] - 2.5 / 4) < 1e-12)
    #expect(
      b.constraint[iso].isNaN && b.effectiveSize[iso].isNaN && b.efficiency[iso].isNaN
        && b.hierarchy[iso].isNaN)
    #expect(b.hierarchy[c].isNaN)  // one contact: 0/0
    let weighted = try Self.borgatti(weighted: true).structuralHoles()
    #expect(abs(weighted.constraint[g] - 0.299) < 0.0005)
    #expect(abs(weighted.constraint[a] - 0.795) < 0.0005)
  }

  /// Hand-worked hierarchy. Ego i with contacts a, b, c and one tie a–b: p = 1/3 each;
  /// c_ia = c_ib = (1/3 + 1/3·1/2)² = 1/4, c_ic = 1/9, C = 11/18, C/N = 11/54, so
  /// r_a = r_b = 27/22 and r_c = 6/11. A star's contacts constrain equally: hierarchy 0.
  @Test func hierarchyByHand() throws {
    var net = Network(directed: false)
    for (u, v) in [("i", "a"), ("i", "b"), ("i", "c"), ("a", "b")] { net.addTie(from: u, to: v) }
    let h = try net.structuralHoles(weighted: false).hierarchy[0]
    let ra = 27.0 / 22
    let rc = 6.0 / 11
    let want = (2 * ra * log(ra) + rc * log(rc)) / (3 * log(3.0))
    #expect(close(h, want, 1e-12))
    var star = Network(directed: false)
    for leaf in ["a", "b", "c", "d"] { star.addTie(from: "hub", to: leaf) }
    #expect(abs(try star.structuralHoles().hierarchy[0]) < 1e-15)
  }

  /// Relabelling nodes changes nothing.
  @Test func relabelling() throws {
    let ref = try Reference("gnp_directed_60")
    var shuffled = Network(directed: true)
    for id in ref.nodes.reversed() { try shuffled.addNode(Node(id: id)) }
    for (u, v, w) in ref.edges.reversed() { shuffled.addTie(from: u, to: v, trust: w) }
    let a = try ref.network.structuralHoles()
    let b = try shuffled.structuralHoles()
    for (i, id) in ref.nodes.enumerated() {
      let j = shuffled.index(of: id)!
      #expect(close(a.constraint[i], b.constraint[j]) && close(a.hierarchy[i], b.hierarchy[j]))
    }
  }
}

@Suite("Burt's measures on directed ties")
struct DirectedStructuralHolesTests {
  /// The directed example in networkx's test_structuralholes.py, whose expected values were
  /// computed with UCINET and igraph and checked by hand: ties 0→1, 0→2, 1→0, 2→1 with
  /// weights 2, 2, 1, 1. Binary: constraint 1.003, 1.003, 1.389; effective size 1.167, 1.167, 1.
  /// Weighted: constraint 0.840, 1.143, 1.378; effective size 1.567, 1.083, 1. (networkx 3.6.1's
  /// own effective_size with nodes=None gives 1.333 and 1.6 here: that path is wrong.)
  @Test func networkxHandWorkedExample() throws {
    var net = Network(directed: true)
    for (u, v, w) in [("0", "1", 2.0), ("0", "2", 2), ("1", "0", 1), ("2", "1", 1)] {
      net.addTie(from: u, to: v, trust: w)
    }
    let b = try net.structuralHoles(weighted: false)
    for (got, want) in zip(b.constraint, [1.003, 1.003, 1.389]) {
      #expect(abs(got - want) < 0.0005)
    }
    for (got, want) in zip(b.effectiveSize, [7.0 / 6, 7.0 / 6, 1]) { #expect(close(got, want)) }
    let w = try net.structuralHoles()
    for (got, want) in zip(w.constraint, [0.840, 1.143, 1.378]) {
      #expect(abs(got - want) < 0.0005)
    }
    for (got, want) in zip(w.effectiveSize, [1.567, 1.083, 1]) { #expect(abs(got - want) < 0.0005) }
  }
}
