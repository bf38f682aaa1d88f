// Generated from the swift cells of Notebooks-md by NotebookTests; do not edit. To regenerate:
// BROBYGGARE_REGENERATE_NOTEBOOKS=1 swift test --filter NotebookTests
import Brobyggare
import Foundation

let notebookCells: [String: @Sendable () throws -> [String]] = [
  "06-swift-api.md": notebook_06_swift_api,
]

@Sendable func notebook_06_swift_api() throws -> [String] {
  var output = ""
  var outputs: [String] = []
  func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    output += items.map { "\($0)" }.joined(separator: separator) + terminator
  }
  // cell 1

  let florence = try Network(dataset: "padgett")
  print(florence.nodeCount, "families,", florence.tieCount, "ties, layers:", florence.layers)
  print("Medici wealth:", florence[id: "Medici"]!.attributes["wealth"]!)
  outputs.append(output); output = ""
  // cell 2
  do {
    _ = try Network(contentsOf: "Datasets/no-such-study.graphml")
  } catch {
    print(error)
  }
  outputs.append(output); output = ""
  // cell 3
  let marriage = TieSelection(layers: ["marriage"])
  let betweenness = try florence.betweenness(selection: marriage)
  let ranked = betweenness.indices.sorted { (betweenness[$0], florence.nodes[$1].id) > (betweenness[$1], florence.nodes[$0].id) }
  for i in ranked.prefix(3) {
    print(florence.nodes[i].id, betweenness[i])
  }
  outputs.append(output); output = ""
  // cell 4
  let adjacency = try florence.adjacency(marriage)
  let holes = adjacency.structuralHoles()
  let medici = florence.index(of: "Medici")!
  print("Medici: constraint", holes.constraint[medici], "effective size", holes.effectiveSize[medici])
  let hops = try ArcLengths(adjacency, transform: .hops, nodeIDs: florence.nodes.map(\.id))
  print(adjacency.betweenness(lengths: hops, threads: 2) == adjacency.betweenness(lengths: hops, threads: 1))
  outputs.append(output); output = ""
  // cell 5
  let managers = try Network(dataset: "krackhardt")
  let roles = try managers.brokerageRoles(by: "department", selection: TieSelection(layers: ["advice"]))
  let total = BrokerageRoles.columns - 1
  for v in managers.nodes.indices.sorted(by: { (roles.raw[total][$0], $1) > (roles.raw[total][$1], $0) }).prefix(3) {
    let counts = BrokerageRole.allCases.map { "\($0.name) \(Int(roles.raw[$0.rawValue][v]))" }
    print(managers.nodes[v].id, "department", roles.groupNames[roles.groups[v]], counts.joined(separator: ", "))
  }
  outputs.append(output); output = ""
  // cell 6
  let study = try Network(dataset: "municipality")
  let trust = try study.adjacency(TieSelection(layers: ["trust"]))
  let (sectors, sectorNames) = try study.groups(by: "sector")
  let top = trust.betweenness(lengths: try ArcLengths(trust, transform: .hops, nodeIDs: study.nodes.map(\.id)))
  let broker = top.indices.max { (top[$0], $1) < (top[$1], $0) }!
  let effect = trust.removalEffect(of: [broker], groups: sectors)
  print("without", study.nodes[broker].attributes["label"]!, "-", effect.reachLost, "ordered pairs lose their path")
  print("largest component", effect.largestBefore, "->", effect.largestAfter)
  print("sector pairs cut off:", effect.groupPairsCut.map { "\(sectorNames[$0.0]) -> \(sectorNames[$0.1])" })
  outputs.append(output); output = ""
  // cell 7
  var options = Robustness.Options()
  options.runs = 200
  options.perturbations = [.nodeDropout(0.2)]
  options.topK = 3
  let sure = trust.robustness(options)
  for condition in sure.conditions {
    let spearman = condition.spearman.sorted()[condition.spearman.count / 2]
    print(condition.perturbation, "median Spearman", spearman)
    for v in sure.topK {
      let r = condition.nodes[v]
      print(" ", study.nodes[v].id, "rank", r.fullRank, "median", r.medianRank, "in top 3 in", r.topKShare * 100, "% of runs")
    }
  }
  outputs.append(output); output = ""
  // cell 8
  let files = try florence.serialized(as: .graphml, path: "florence.graphml")
  print(files.map(\.path), files[0].contents.count, "characters")
  var style = DiagramStyle()
  style.selection = marriage
  style.top = 3
  let dot = try florence.diagram(style)
  print(dot.split(separator: "\n").prefix(3).joined(separator: "\n"))
  outputs.append(output); output = ""
  return outputs
}
