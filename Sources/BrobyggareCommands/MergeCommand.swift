import Brobyggare
import Foundation

let mergeSpec = CommandSpec(
  name: "merge",
  abstract: "Add up the parts of 'metrics --shard i/K' into the table a single metrics run writes.",
  positionals: [("PARTS", "The .bbs parts, one per shard (part-*.bbs), in any order.")],
  options: outputOptions + [helpOption],
  discussion: """
    Checks that the parts come from one network (the content hash in their headers), were
    computed with the same measures and settings (and, for betweenness_intergroup, the same
    groups), and cover every shard 0..K-1 exactly once;
    a missing or doubled shard is an error that names it. Betweenness (and betweenness between
    groups) is added chunk by chunk
    in chunk order, as the single run adds its threads' chunks, so the table is the same, byte
    for byte, as 'metrics NET --measures ...' writes, for any K and any --threads. Memory: the
    parts' chunk sums, at most about 32 MiB or 8 × n numbers in all for each of betweenness
    and betweenness between groups.
    """,
  repeatsLastPositional: true)

extension BrobyggareCommandLine {
  static func merge(_ p: ParsedArguments, _ out: inout Outcome) throws {
    let paths = p.positionals
    _ = try tableFormat(p)
    var parts: [(path: String, part: ShardPart)] = []
    for path in paths {
      parts.append((path, try ShardPart(contentsOf: path)))
      Notes.current?.recordInput(path)
    }
    let (firstPath, first) = parts[0]
    for (path, part) in parts
    where part.hasIntergroup != part.measures.contains("betweenness_intergroup") {
      throw DataError(
        file: path,
        message:
          "this part is damaged: its measures \(part.hasIntergroup ? "leave out" : "include") betweenness_intergroup, but it \(part.hasIntergroup ? "holds" : "holds no") sums of betweenness between groups; compute it again"
      )
    }
    // The network's path may differ between tasks (another working directory); the rest may not.
    let compared = first.settings.filter { $0.name != "network" }
    for (path, part) in parts.dropFirst() {
      guard part.networkHash == first.networkHash, part.nodeCount == first.nodeCount,
        part.isDirected == first.isDirected
      else {
        throw DataError(
          file: path,
          message:
            "this part was computed on another network than \(firstPath) (content hash \(String(part.networkHash, radix: 16)), where \(firstPath) has \(String(first.networkHash, radix: 16))); merge the parts of one network"
        )
      }
      guard part.block.count == first.block.count else {
        throw DataError(
          file: path,
          message:
            "this part is shard \(part.block.index)/\(part.block.count), but \(firstPath) is one of \(first.block.count) shards; merge the parts of one split"
        )
      }
      guard part.measures == first.measures else {
        throw DataError(
          file: path,
          message:
            "this part has the measures \(part.measures.joined(separator: ",")), but \(firstPath) has \(first.measures.joined(separator: ",")); merge parts computed with the same --measures"
        )
      }
      let own = part.settings.filter { $0.name != "network" }
      if !own.elementsEqual(compared, by: { $0.name == $1.name && $0.value == $1.value }) {
        let differing = own.first { s in
          !compared.contains { $0.name == s.name && $0.value == s.value }
        }
        let theirs = differing.flatMap { d in compared.first { $0.name == d.name } }
        let what =
          differing.map {
            "\($0.name): \($0.value)"
              + (theirs.map { ", where \(firstPath) has \($0.name): \($0.value)" } ?? "")
          } ?? "its settings differ from \(firstPath)'s"
        throw DataError(
          file: path,
          message:
            "this part was computed with other settings (\(what)); merge parts computed with the same options"
        )
      }
      guard part.groupsHash == first.groupsHash else {
        throw DataError(
          file: path,
          message:
            "this part counts betweenness between other groups than \(firstPath) (the same attribute, other values: the node tables differ); merge parts computed from the same network and node table"
        )
      }
    }
    let k = first.block.count
    var byShard = [String?](repeating: nil, count: k)
    for (path, part) in parts {
      if let other = byShard[part.block.index] {
        throw DataError(
          file: path,
          message:
            "shard \(part.block.index)/\(k) is given twice: in \(other) and in \(path); give each shard once"
        )
      }
      byShard[part.block.index] = path
    }
    let missing = byShard.indices.filter { byShard[$0] == nil }
    if !missing.isEmpty {
      let names =
        missing.prefix(20).map { "\($0)/\(k)" }.joined(separator: ", ")
        + (missing.count > 20 ? " and \(missing.count - 20) more" : "")
      throw DataError(
        file: firstPath,
        message:
          "shard\(missing.count == 1 ? "" : "s") \(names) \(missing.count == 1 ? "is" : "are") missing: the parts cover \(k - missing.count) of \(k) shards; run the missing shard\(missing.count == 1 ? "" : "s") with --shard \(missing[0])/\(k)"
      )
    }
    let n = first.nodeCount
    parts.sort { $0.part.block.index < $1.part.block.index }
    var columns: [String: [Cell]] = [:]
    let wanted = Set(first.measures)
    if !wanted.isDisjoint(with: ["betweenness", "betweenness_normalized"]) {
      var sum = BetweennessSum(nodeCount: n, directed: first.isDirected)
      for (_, part) in parts { for chunk in part.betweennessChunks { sum.add(chunk) } }
      guard sum.chunksAdded == first.chunkCount else {
        throw DataError(
          file: firstPath,
          message: "the parts hold \(sum.chunksAdded) of the \(first.chunkCount) chunks of sources")
      }
      let b = sum.betweenness
      columns["betweenness"] = b.map(Cell.number)
      columns["betweenness_normalized"] = normalizedBetweenness(b, directed: first.isDirected).map(
        Cell.number)
    }
    if wanted.contains("betweenness_intergroup") {
      var sum = BetweennessSum(nodeCount: n, directed: first.isDirected)
      for (path, part) in parts {
        guard part.hasIntergroup else {
          throw DataError(file: path, message: "this part has no betweenness between groups")
        }
        for chunk in part.intergroupChunks { sum.add(chunk) }
      }
      guard sum.chunksAdded == first.chunkCount else {
        throw DataError(
          file: firstPath,
          message: "the parts hold \(sum.chunksAdded) of the \(first.chunkCount) chunks of sources")
      }
      columns["betweenness_intergroup"] = sum.betweenness.map(Cell.number)
    }
    if !wanted.isDisjoint(with: ["closeness", "harmonic"]) {
      var closeness = [Double](repeating: .nan, count: n)
      var harmonic = closeness
      var filled = [Bool](repeating: false, count: n)
      for (path, part) in parts {
        guard let rows = part.rows else {
          throw DataError(file: path, message: "this part has no closeness rows")
        }
        for (j, v) in rows.nodes.enumerated() {
          if filled[v] {
            throw DataError(
              file: path, message: "node '\(first.ids[v])' has closeness in two parts")
          }
          filled[v] = true
          closeness[v] = rows.closeness[j]
          harmonic[v] = rows.harmonic[j]
        }
      }
      if let v = filled.firstIndex(of: false) {
        throw DataError(
          file: firstPath, message: "no part has the closeness of node '\(first.ids[v])'")
      }
      columns["closeness"] = closeness.map(Cell.number)
      columns["harmonic"] = harmonic.map(Cell.number)
    }
    let rows = (0..<n).map { i in
      [Cell.text(first.ids[i]), .text(first.labels[i])] + first.measures.map { columns[$0]![i] }
    }
    let table = ResultTable(
      columns: ["id", "label"] + first.measures, rows: rows,
      settings: first.settings.map { ($0.name, $0.value) })
    try emit(table, p, inputs: paths, &out)
  }
}
