// swift-format-ignore-file
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
    _ = try Network(contentsOf: "Datasets/no-such-study.graphml", format: .graphml)
  } catch {
    print(error)
  }
  outputs.append(output); output = ""
  // cell 3
  let marriage = TieSelection(layers: ["marriage"])
  let betweenness = florence.byNode(try florence.betweenness(selection: marriage))
  for (family, value) in betweenness.ranked().prefix(3) {
    print(family, value)
  }
  print("Medici:", betweenness[id: "Medici"]!)
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
  let brokers = managers.byNode(roles.profiles.map(\.total)).ranked().prefix(3)
  for (id, total) in brokers {
    let manager = roles[id: id]!
    print(id, "department", manager.group!, "total", total, "main role", manager.mainRole!, "liaison z", manager.z.liaison)
  }
  print(roles[id: "18"]!.counts)
  outputs.append(output); output = ""
  // cell 6
  let study = try Network(dataset: "municipality")
  let trust = TieSelection(layers: ["trust"])
  let sectorNames = try study.groupAssignment(by: "sector").names
  let broker = study.byNode(try study.betweenness(selection: trust)).ranked()[0].id
  let effect = try study.removalEffect(of: [broker], groupedBy: "sector", selection: trust)
  print("without", study[id: broker]!.label, "-", effect.reachLost, "ordered pairs lose their path")
  print("largest component", effect.largestBefore, "->", effect.largestAfter)
  print("sector pairs cut off:", effect.groupPairsCut.map { "\(sectorNames[$0.0]) -> \(sectorNames[$0.1])" })
  outputs.append(output); output = ""
  // cell 7
  var options = Robustness.Options()
  options.runs = 200
  options.perturbations = [.nodeDropout(0.2)]
  options.topK = 3
  let sure = try study.robustness(options, selection: trust)
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
  var measured = florence
  measured.setNodeAttribute("betweenness", values: betweenness.values)
  measured.setNodeAttribute("constraint", values: holes.constraint)
  let path = FileManager.default.temporaryDirectory.appendingPathComponent("florence-measures.graphml").path
  print(try measured.write(to: path, format: .graphml))
  let written = try Network(contentsOf: path, format: .graphml)
  print(written[id: "Medici"]!.attributes["betweenness"]!, written[id: "Medici"]!.attributes["constraint"]!)
  var style = DiagramStyle()
  style.selection = marriage
  style.top = 3
  let dot = try florence.diagram(style)
  print(dot.split(separator: "\n").prefix(3).joined(separator: "\n"))
  outputs.append(output); output = ""
  return outputs
}
