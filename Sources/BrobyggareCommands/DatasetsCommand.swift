import Brobyggare
import Foundation

let datasetsSpec = CommandSpec(
  name: "datasets",
  abstract: "The networks that ship with Brobyggare, to open by name: brobyggare brokers padgett.",
  positionals: [], options: [helpOption],
  discussion: """
    Every command that reads a network takes a dataset's name in place of a file, when no file
    has that name. The files are in the package's Datasets folder (or the folder named by
    BROBYGGARE_DATASETS), each with a README giving its source, citation and known traps.
    """)

extension BrobyggareCommandLine {
  static func datasets(_ p: ParsedArguments, _ out: inout Outcome) throws {
    var rows: [[String]] = []
    for d in Dataset.all {
      let net = try Network(dataset: d.name)
      rows.append([
        d.name, String(net.nodeCount), String(net.tieCount), net.isDirected ? "yes" : "no", d.title,
      ])
    }
    let header = ["name", "nodes", "ties", "directed", "network"]
    let widths = header.indices.map { i in ([header[i]] + rows.map { $0[i] }).map(\.count).max()! }
    for row in [header] + rows {
      out.stdout +=
        row.indices.map { i in
          i == row.count - 1
            ? row[i] : row[i].padding(toLength: widths[i], withPad: " ", startingAt: 0)
        }
        .joined(separator: "  ") + "\n"
    }
    out.stdout += "\nfolder: \(Dataset.directory ?? "(not found)")\n"
  }
}
