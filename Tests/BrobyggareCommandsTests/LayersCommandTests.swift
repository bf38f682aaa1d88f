import Brobyggare
import Foundation
import Testing

@testable import BrobyggareCommands

/// Reference values: Scripts/layers_reference.py (networkx 3.6.1; R's sna 2.7.1 `gcor`), in
/// Tests/BrobyggareTests/Fixtures/reference/layers.json.
private func layersReference(_ name: String) throws -> [String: Any] {
  let url = packageRoot.appendingPathComponent(
    "Tests/BrobyggareTests/Fixtures/reference/layers.json")
  let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
  return (json["networks"] as! [[String: Any]]).first { $0["name"] as! String == name }!
}

/// A CSV row split at commas (the tables here have no quoted cells).
private func cells(_ line: Substring) -> [String] {
  line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
}

private func near(_ text: String, _ want: Double, _ tol: Double = 1e-9) -> Bool {
  guard let x = Double(text) else { return false }
  return abs(x - want) <= tol * max(1, abs(want))
}

@Suite("layers and whatif --drop-layer")
struct LayersCommandTests {
  @Test func perNodeTableMatchesNetworkx() throws {
    let r = run("layers", "municipality")
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n")
    #expect(
      lines[0]
        == "id,label,neighbours,multiplexity,degree_collaboration,degree_trust,exclusive_collaboration,exclusive_trust"
    )
    #expect(lines.count == 88)
    // The affiliation layers are left out by default, and said so.
    #expect(r.stderr.contains("left out the affiliation layers 'member of', 'works at'"))
    #expect(r.stderr.contains("layers: collaboration,trust"))
    #expect(r.stderr.contains("directed: yes"))
    let want = try layersReference("municipality")
    for row in want["per_node"] as! [[String: Any]] {
      let id = row["id"] as! String
      let c = cells(lines.first { $0.hasPrefix(id + ",") }!)
      #expect(Int(c[2]) == row["neighbours"] as? Int, "\(id)")
      let degree = row["degree"] as! [String: Int]
      let exclusive = row["exclusive"] as! [String: Any]
      #expect(Int(c[4]) == degree["collaboration"] && Int(c[5]) == degree["trust"], "\(id)")
      if let m = row["multiplexity"] as? Double {
        #expect(
          near(c[3], m) && near(c[6], exclusive["collaboration"] as! Double)
            && near(c[7], exclusive["trust"] as! Double), "\(id)")
      } else {
        #expect(c[3] == "nan" || c[3] == "NaN", "\(id): \(c[3])")
      }
    }
  }

  /// The QAP test of each pair's correlation against R's sna 2.7.1 `qaptest(gcor)` on Padgett's
  /// marriage and business ties at 5,000 permutations (Tests/BrobyggareTests/Fixtures/reference/
  /// qap_sna.csv, made by Scripts/qap_reference_with_sna.R: p_greater 0.0008, p_less 1,
  /// p_two_sided 0.0008). Two Monte Carlo estimates of p at 5,000 draws each differ by at most
  /// 4.5 · √(2p(1 − p)/5000) but for a chance of 7e-6; 0.002 more allows for the few
  /// permutations equal to the observed value, which the two sides count alike.
  @Test func pairsHaveTheQAPTestOfSna() throws {
    let args = ["layers", padgett, "--pairs", "--permutations", "5000", "--seed", "7"]
    let r = BrobyggareCommandLine.run(args + ["--threads", "1"])
    #expect(r.status == 0, "\(r.stderr)")
    let c = cells(r.stdout.split(separator: "\n")[1])
    for (column, sna) in [(8, 0.0008), (9, 0.0008), (10, 1.0)] {
      let tolerance = 4.5 * (2 * sna * (1 - sna) / 5000).squareRoot() + 0.002
      #expect(
        near(c[column], sna, tolerance), "column \(column): \(c[column]) against sna's \(sna)")
    }
    #expect(
      r.stderr.contains("5000 permutations of the second layer's nodes, seed 7"), "\(r.stderr)")
    // The same bytes on two threads.
    #expect(BrobyggareCommandLine.run(args + ["--threads", "2"]).stdout == r.stdout)
    // --permutations 0 leaves the p-values out and says so.
    let none = run("layers", padgett, "--pairs", "--permutations", "0")
    #expect(none.status == 0 && cells(none.stdout.split(separator: "\n")[1])[8...] == ["", "", ""])
    #expect(none.stderr.contains("qap: not run"), "\(none.stderr)")
    // Too many layers for a row per pair: refused before any work.
    var many = "source,target,layer\n"
    for k in 0..<400 { many += "n\(k),n\((k + 1) % 400),L\(k)\n" }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "many-layers-\(UUID().uuidString).csv")
    try many.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    let manyPairs = run("layers", file.path, "--pairs")
    #expect(
      manyPairs.status == 64
        && manyPairs.stderr.contains("79800 pairs; layers compares at most 50000 pairs"),
      "\(manyPairs.stderr)")
    // Past the work limit, a given --permutations is refused naming what fits.
    let big = run("layers", "lazega", "--pairs", "--permutations", "1000000")
    #expect(big.status == 64 && big.stderr.contains("fits"), "\(big.stderr)")
  }

  @Test func pairsMatchSnaGcor() throws {
    let r = run("layers", padgett, "--pairs")
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n")
    #expect(
      lines[0]
        == "layer_a,layer_b,ties_a,ties_b,ties_both,ties_either,jaccard,correlation,p_two_sided,p_greater,p_less"
    )
    let c = cells(lines[1])
    let p = (try layersReference("padgett")["pairs"] as! [[String: Any]])[0]
    #expect(c[0...5] == ["business", "marriage", "15", "20", "8", "27"])
    #expect(near(c[6], p["jaccard"] as! Double) && near(c[7], p["correlation"] as! Double, 1e-12))
    #expect(r.stderr.contains("sna::gcor, mode graph"))
    // One layer is no pair.
    let one = run("layers", padgett, "--pairs", "--layer", "marriage")
    #expect(one.status == 64)
    #expect(
      one.stderr.contains("--pairs compares two or more layers; only 'marriage' is compared"),
      "\(one.stderr)")
    // A network without layers has nothing to compare.
    let none = run("layers", "zachary")
    #expect(none.status == 1 && none.stderr.contains("no tie has a layer"), "\(none.stderr)")
    #expect(run("help").stdout.contains("layers "))
  }

  /// Dropping trust from the municipality's trust and collaboration: betweenness before and
  /// after as networkx's betweenness_centrality(normalized=False) gives it on the same ties.
  @Test func dropLayerMatchesNetworkxBetweenness() throws {
    let r = run("whatif", "municipality", "--drop-layer", "trust")
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n")
    #expect(
      lines[0]
        == "id,label,betweenness_with,betweenness_without,change,rank_with,rank_without,rank_change,exclusive_share"
    )
    #expect(lines.count == 88)
    #expect(r.stderr.contains("dropped layer: trust") && r.stderr.contains("distance: hops"))
    #expect(r.stderr.contains("layers: collaboration,trust"))
    let want = try layersReference("municipality")
    let ids = want["nodes"] as! [String]
    let with = want["betweenness_with"] as! [Double]
    let without = want["betweenness_without_trust"] as! [Double]
    let exclusive = (want["per_node"] as! [[String: Any]]).map {
      ($0["exclusive"] as! [String: Any])["trust"] as? Double
    }
    var previous = -Double.infinity
    for line in lines.dropFirst() {
      let c = cells(line)
      let k = ids.firstIndex(of: c[0])!
      #expect(near(c[2], with[k]) && near(c[3], without[k]), "\(c[0])")
      #expect(near(c[4], without[k] - with[k], 1e-6), "\(c[0])")
      if let e = exclusive[k] { #expect(near(c[8], e), "\(c[0])") }
      // Largest loss first.
      let change = Double(c[4])!
      #expect(change >= previous - 1e-9)
      previous = change
      // Ranks: 1 + the number of nodes with a higher value (networkx's values).
      #expect(Int(c[5]) == 1 + with.filter { $0 > with[k] + 1e-9 }.count, "\(c[0])")
      #expect(Int(c[6]) == 1 + without.filter { $0 > without[k] + 1e-9 }.count, "\(c[0])")
      #expect(Int(c[7]) == Int(c[6])! - Int(c[5])!)
    }
  }

  /// The table is the same byte for byte whatever the number of threads.
  @Test func dropLayerDoesNotDependOnThreads() {
    let one = run(
      "whatif", "municipality", "--drop-layer", "collaboration", "--distance", "reciprocal",
      "--threads", "1")
    let three = run(
      "whatif", "municipality", "--drop-layer", "collaboration", "--distance", "reciprocal",
      "--threads", "3")
    #expect(one.status == 0 && !one.stdout.isEmpty)
    #expect(one.stdout == three.stdout)
  }

  @Test func dropLayerRefusesWhatItCannotUse() {
    let unknown = run("whatif", "municipality", "--drop-layer", "partnership")
    #expect(unknown.status == 64)
    #expect(
      unknown.stderr.contains(
        "no tie is in layer 'partnership' (the layers are: 'collaboration', 'member of', 'trust', 'works at')"
      ), "\(unknown.stderr)")
    #expect(unknown.stdout.isEmpty)
    let typo = run("whatif", "municipality", "--drop-layer", "trsut")
    #expect(typo.status == 64 && typo.stderr.contains("did you mean 'trust'"), "\(typo.stderr)")
    let notAnalysed = run("whatif", "municipality", "--drop-layer", "works at")
    #expect(notAnalysed.status == 64 && notAnalysed.stderr.contains("is not among those analysed"))
    #expect(run("whatif", "municipality", "--layer", "all", "--drop-layer", "works at").status == 0)
    #expect(run("whatif", "municipality", "--drop-layer", "trust", "--remove", "p01").status == 64)
    #expect(run("whatif", "municipality", "--remove", "p01", "--format", "json").status == 64)
    #expect(
      run("whatif", "municipality", "--remove", "p01", "--distance", "reciprocal").status == 64)
    // The weighted transforms read trust as the metrics command does.
    let weighted = run(
      "whatif", "municipality", "--drop-layer", "trust", "--distance", "reciprocal", "--format",
      "json")
    #expect(
      weighted.status == 0 && weighted.stdout.contains("\"distance\": \"reciprocal\""),
      "\(weighted.stderr)")
  }

  /// --remove with as many ids as nodes (50,000) was quadratic (each name searched the list
  /// of those already removed); now linear, and a node named twice at the end is still found.
  /// Not timed here (a shared machine's clock makes a flaky test): a quadratic resolution of
  /// 50,000 names would take minutes and show in the suite's time.
  @Test func removeTakesAVeryLongListQuickly() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let n = 50_000
    let ties = dir.appendingPathComponent("pairs.csv").path
    try ("source,target\n" + (0..<(n / 2)).map { "n\(2 * $0),n\(2 * $0 + 1)\n" }.joined()).write(
      toFile: ties, atomically: true, encoding: .utf8)
    let ids = (0..<n).reversed().map { "n\($0)" }.joined(separator: ",")
    let r = run("whatif", ties, "--undirected", "--remove", ids)
    #expect(r.status == 0, "\(r.stderr.prefix(300))")
    #expect(r.stdout.contains("after: the 0 who remain"))
    let twice = run("whatif", ties, "--undirected", "--remove", ids + ",n0")
    #expect(twice.status == 64 && twice.stderr.contains("--remove names the node 'n0' twice"))
  }

  /// The names --remove takes, resolved: 50,000 ids, then 50,000 labels (each label was a
  /// walk over every node), in the order given.
  @Test func removedNodesIsLinear() throws {
    let n = 50_000
    var net = Network(directed: false)
    for i in 0..<n { try net.addNode(Node(id: "n\(i)", label: "Person \(i)")) }
    let byID = try removedNodes((0..<n).reversed().map { "n\($0)" }.joined(separator: ","), in: net)
    #expect(byID == Array((0..<n).reversed()))
    let byLabel = try removedNodes((0..<n).map { " Person \($0)" }.joined(separator: ","), in: net)
    #expect(byLabel == Array(0..<n))
    // A label two nodes share is still refused by name, as before.
    try net.addNode(Node(id: "twin", label: "Person 7"))
    #expect(throws: UsageError.self) { try removedNodes("Person 7", in: net) }
  }
}
