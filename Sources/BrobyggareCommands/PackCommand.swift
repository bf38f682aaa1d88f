import Brobyggare
import Foundation

let packSpec = CommandSpec(
  name: "pack",
  abstract:
    "Pack a network into a binary .bbn file that every command reads in one read (for cluster jobs).",
  positionals: [netArgument],
  options: inputOptions + selectionOptions + [
    OptionSpec(
      name: "distance", valueName: "transform",
      help:
        "Trust to length for path measures, the default of commands that read the packed file: hops, reciprocal, negativeLog, raw (default: hops)."
    ),
    OptionSpec(
      name: "output", short: "o", valueName: "file",
      help: "The packed file to write: NET.bbn (required)."),
    helpOption,
  ],
  discussion: """
    The packed file holds the selected ties in compressed sparse rows (parallel ties merged,
    self-loops dropped), the node ids and labels, and a header with the format version, a
    content hash of the network (FNV-1a, 64 bits), n, the number of arcs, the direction, and
    the tie selection (--layer, --weight, --merge) and --distance it was packed with. Every
    command reads a .bbn as it reads any network; the ties are those chosen when packing, so
    --layer, --weight and --merge are refused on a .bbn (pack again to choose others). Layers
    and attributes other than the labels are not packed, nor the ids' type: networkx's integer
    node ids, which JSON written from the original keeps as integers, are text in JSON written
    from the packed file (pack says so). A damaged or truncated file is refused
    with a message, and so is a file whose content does not match its hash.
    Use it to read a large network once for many tasks: `metrics NET.bbn --shard i/K`.
    """)

extension BrobyggareCommandLine {
  static func pack(_ p: ParsedArguments, _ out: inout Outcome) throws {
    let path = p.positionals[0]
    guard let o = p.value("output") else {
      throw UsageError(
        message:
          "pack writes a file, not text for a terminal: give -o NET.\(PackedNetwork.fileExtension)")
    }
    guard (o as NSString).pathExtension.lowercased() == PackedNetwork.fileExtension else {
      throw UsageError(
        message:
          "-o \(o): a packed network is written as a .\(PackedNetwork.fileExtension) file (-o NET.\(PackedNetwork.fileExtension))"
      )
    }
    let earlier = try packedNetworkSettings(path, p)
    var distance = try distanceOption(p)
    if p.value("distance") == nil, let d = earlier?.distance { distance = d }
    let net = try readNetwork(path, p)
    let selection =
      earlier == nil ? try tieSelection(p, network: net, measured: false) : TieSelection()
    let adj = try net.adjacency(selection)
    let ids = net.nodes.map(\.id)
    if distance.isWeighted {
      do { _ = try ArcLengths(adj, transform: distance, nodeIDs: ids) } catch {
        throw distanceDataError(error, file: path, network: net, selection: selection)
      }
    }
    let settings =
      (earlier?.selection
        ?? selectionSettings(selection, network: net).map { (name: $0.0, value: $0.1) })
      + [(name: "distance", value: distance.rawValue)]
    let packed = PackedNetwork(
      adjacency: adj, ids: ids, labels: net.nodes.map(\.label), settings: settings)
    let data = packed.data()
    try writeOutput([(path: o, data: data)], inputs: inputFiles(path, p))
    out.stderr +=
      "wrote \(o): \(counted(adj.nodeCount, "node")), \(counted(adj.tieCount, adj.isDirected ? "directed tie" : "undirected tie")), \(data.count) bytes, content hash \(String(packed.contentHash, radix: 16)); \(settings.map { "\($0.name): \($0.value)" }.joined(separator: "; "))\n"
    if net.nodeIDType == .integer {
      out.stderr +=
        "note: the node ids were integers in \(path) (networkx's integer nodes); the packed file holds them as text, so JSON written from it has text ids (\"0\", not 0): write JSON from \(path) to keep them integers\n"
    }
  }
}

/// For a packed network (`.bbn`): the tie selection it was packed with (as the settings line
/// echoes it) and its distance transform; `nil` for any other input. The selection options are
/// refused on a packed network, whose ties were chosen when it was packed.
func packedNetworkSettings(_ path: String, _ p: ParsedArguments) throws -> (
  selection: [(name: String, value: String)], distance: DistanceTransform?
)? {
  guard p.value("input-format") == nil, FileManager.default.fileExists(atPath: path),
    PackedNetwork.isPacked(path: path)
  else { return nil }
  let settings = try PackedNetwork.settings(contentsOf: path)
  for name in ["layer", "weight", "merge", "sign"] where p.value(name) != nil {
    let chosen = settings.filter { $0.name != "distance" }.map { "\($0.name): \($0.value)" }.joined(
      separator: "; ")
    throw UsageError(
      message:
        "--\(name): '\(path)' is a packed network, its ties chosen when it was packed (\(chosen)); pack the original file again to choose others"
    )
  }
  // Options for reading text: a packed file has no columns, sheets or encoding.
  for name in [
    "nodes", "encoding", "source-column", "target-column", "trust-column", "layer-column",
    "id-column", "label-column", "graph",
    "sheet", "nodes-sheet", "roster",
  ] where p.value(name) != nil {
    throw UsageError(
      message:
        "--\(name) is for reading text and workbooks; '\(path)' is a packed network, read as it was packed"
    )
  }
  let distance = settings.first { $0.name == "distance" }.flatMap {
    DistanceTransform(rawValue: $0.value)
  }
  return (settings.filter { $0.name != "distance" }, distance)
}
