import Brobyggare
import Foundation

let convertSpec = CommandSpec(
  name: "convert", abstract: "Convert a network between CSV, edge list, GraphML, DOT and JSON node-link.",
  positionals: [("IN", "The network to read."), ("OUT", "The file to write; its extension picks the format.")],
  options: inputOptions + [
    OptionSpec(name: "output-format", valueName: "format", help: "The output's format when its extension does not say."),
    helpOption,
  ],
  discussion: "Writing CSV writes two files: OUT (the ties) and OUT's .nodes.csv companion (the nodes).")

let dotSpec = CommandSpec(
  name: "dot", abstract: "Write the network as Graphviz DOT.",
  positionals: [("NET", "The network file.")],
  options: inputOptions + [OptionSpec(name: "output", short: "o", valueName: "file", help: "Write to this file instead of standard output."), helpOption])

extension BrobyggareCommandLine {
  static func convert(_ p: ParsedArguments, _ out: inout Outcome) throws {
    let (input, output) = (p.positionals[0], p.positionals[1])
    var format: NetworkFormat
    if let f = p.value("output-format") {
      guard let fmt = NetworkFormat(rawValue: f) else { throw UsageError(message: "Unknown format '\(f)'; expected csv, edgelist, graphml, dot or json") }
      format = fmt
    } else {
      guard let fmt = NetworkFormat(path: output) else {
        throw UsageError(message: "Cannot tell the output format from '\(output)'; use --output-format")
      }
      format = fmt
    }
    let net = try readNetwork(input, p)
    let files = try net.serialized(as: format, path: output)
    var inputs = [input]
    if let n = p.value("nodes") { inputs.append(n) }
    if format == .csv { inputs.append(Network.companionNodeTable(for: input)) }
    try writeOutput(files, inputs: inputs)
    out.stderr += "wrote \(files.map(\.path).joined(separator: " and ")): \(net.nodeCount) nodes, \(net.tieCount) ties\n"
  }

  static func dot(_ p: ParsedArguments, _ out: inout Outcome) throws {
    let path = p.positionals[0]
    let net = try readNetwork(path, p)
    let text = DOTFormat.write(net)
    if let o = p.value("output") { try writeOutput([(o, text)], inputs: [path]) } else { out.stdout = text }
  }
}
