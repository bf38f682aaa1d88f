import Foundation
import Testing

@testable import Brobyggare

/// The shipped datasets open by name, their GraphML and CSV files hold the same network, and
/// their counts are those their sources give (each PROVENANCE.txt in ../shared/datasets and the
/// README of each folder).
@Suite("Shipped datasets")
struct DatasetTests {
  /// Nodes, ties and ties per layer, as the sources state them.
  static let counts:
    [(name: String, nodes: Int, ties: Int, directed: Bool, layers: [String: Int])] = [
      ("padgett", 16, 35, false, ["marriage": 20, "business": 15]),
      ("krackhardt", 21, 312, true, ["advice": 190, "friendship": 102, "reports_to": 20]),
      ("lazega", 71, 2223, true, ["advice": 892, "friendship": 575, "cowork": 756]),
      ("davis", 32, 89, false, ["attended": 89]),
      ("zachary", 34, 78, false, [:]),
    ]

  @Test(arguments: counts.map(\.name))
  func countsAreTheSources(_ name: String) throws {
    let c = Self.counts.first { $0.name == name }!
    let net = try Network(dataset: name)
    #expect(net.nodeCount == c.nodes)
    #expect(net.tieCount == c.ties)
    #expect(net.isDirected == c.directed)
    var perLayer: [String: Int] = [:]
    for t in net.ties { if let l = t.layer { perLayer[l, default: 0] += 1 } }
    #expect(perLayer == c.layers)
  }

  /// The CSV pair and the GraphML file are the same network: written as CSV, both give the same
  /// tie and node tables. (The interview network's GraphML also carries the settings it was
  /// built with, which a CSV cannot hold.)
  @Test(arguments: Dataset.all.filter { !$0.name.hasPrefix("municipality-") }.map(\.name))
  func csvAndGraphMLAgree(_ name: String) throws {
    let graphml = try Dataset.named(name)!.path()
    let csv = (graphml as NSString).deletingPathExtension + ".csv"
    let fromGraphML = try Network(contentsOf: graphml)
    let fromCSV = try Network(contentsOf: csv, options: .init(directed: fromGraphML.isDirected))
    let a = try fromGraphML.serialized(as: .csv, path: "x.csv")
    let b = try fromCSV.serialized(as: .csv, path: "x.csv")
    #expect(a.map(\.contents) == b.map(\.contents))
    #expect(fromGraphML.nodeCount == fromCSV.nodeCount && fromGraphML.tieCount == fromCSV.tieCount)
  }

  @Test func everyShippedDatasetOpens() throws {
    for d in Dataset.all {
      let net = try Network(dataset: d.name)
      #expect(net.nodeCount > 0, "\(d.name)")
    }
    #expect(
      Dataset.all.filter(\.constructed).map(\.name).filter { !$0.hasPrefix("safety-") } == [
        "municipality", "municipality-wave2",
      ])
  }

  @Test func unknownNameSaysWhatThereIs() {
    #expect {
      _ = try Network(dataset: "medici")
    } throws: { e in
      "\(e)".contains("no shipped dataset is named 'medici'")
        && "\(e)".contains("padgett, krackhardt, lazega")
    }
  }

  /// Zachary's tie weights: the 8-context ties and the total, from networkx 3.6.1's
  /// karate_club_graph() (sum of 'weight' = 231; members 1-34 there 0-33).
  @Test func zacharyWeights() throws {
    let net = try Network(dataset: "zachary")
    var total = 0.0
    for t in net.ties { if case .integer(let c)? = t.attributes["contexts"] { total += Double(c) } }
    #expect(total == 231)
    let adj = try net.adjacency(TieSelection(weightAttribute: "contexts"))
    #expect(adj.tieCount == 78)
  }
}
