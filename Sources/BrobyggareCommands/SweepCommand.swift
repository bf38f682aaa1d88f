import Brobyggare
import Foundation

let sweepSpec = CommandSpec(
  name: "sweep",
  abstract:
    "A measure at several trust cut-offs: does the top bridge-builder still stand when only strong trust counts?",
  positionals: [netArgument],
  options: inputOptions + selectionOptions + [
    OptionSpec(
      name: "measure", valueName: "measure",
      help:
        "The measure to follow: \(ThresholdSweep.Measure.allCases.map(\.rawValue).joined(separator: ", ")) (default: betweenness)."
    ),
    OptionSpec(
      name: "thresholds", valueName: "list",
      help:
        "Comma-separated trust cut-offs; at each, the ties with trust at or above it are kept (default: 0.2,0.4,0.6,0.8; at most 100)."
    ),
    OptionSpec(
      name: "top", valueName: "k", help: "Only the k nodes ranked first at the first cut-off."),
  ] + outputOptions + [threadsOption, helpOption],
  discussion: """
    One row per node: the measure and the node's rank (1 first; for constraint, the least
    constrained first; ties share the mean rank, as R's rank) at each cut-off, columns named
    MEASURE@CUTOFF and rank@CUTOFF. The settings give the ties kept at each cut-off and
    Spearman's correlation of the ranks with those at the first cut-off and at the one before,
    over the nodes ranked at both (a node without a value, such as the constraint of a node
    left without ties, has no rank: NaN).
    Path measures count steps on the kept ties (the cut-off, not the weights, is what changes).
    A tie without a trust counts as trust 1, the top of the scale.
    """)

extension BrobyggareCommandLine {
  static func sweep(_ p: ParsedArguments, _ out: inout Outcome) throws {
    let path = p.positionals[0]
    _ = try tableFormat(p)
    let threads = try threadCount(p)
    let measureName = p.value("measure") ?? "betweenness"
    guard let measure = ThresholdSweep.Measure(rawValue: measureName) else {
      let names = ThresholdSweep.Measure.allCases.map(\.rawValue)
      throw UsageError(
        message:
          "--measure takes one of \(names.joined(separator: ", ")), not '\(measureName)'\(didYouMean(closestMatches(to: measureName, among: names)))"
      )
    }
    var thresholds = [0.2, 0.4, 0.6, 0.8]
    if let t = p.value("thresholds") {
      let parts = t.split(separator: ",", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      guard !parts.isEmpty, parts.count <= 100 else {
        throw UsageError(message: "--thresholds takes 1 to 100 cut-offs, not \(parts.count)")
      }
      thresholds = try parts.map { s in
        guard let d = decimalDouble(s), d.isFinite, d >= 0 else {
          throw UsageError(
            message:
              "--thresholds takes comma-separated trust cut-offs (finite numbers ≥ 0), not '\(visibleControls(t))'"
          )
        }
        return d
      }
      if Set(thresholds).count != thresholds.count {
        throw UsageError(message: "--thresholds names a cut-off twice: '\(visibleControls(t))'")
      }
    }
    let top = try wholeNumber(p, "top")
    let net = try readNetwork(path, p)
    noteNonRespondents(net, effect: nonRespondentEffectOnMeasures)
    let selection = try tieSelection(p, network: net)
    if net.tieCount == 0 {
      throw DataError(
        file: path, message: "the network has no ties; a sweep cuts ties by their trust")
    }
    if selection.weightAttribute == nil && !net.hasTrust {
      throw DataError(
        file: path,
        message:
          "no tie has a trust, so every tie counts 1 and a cut-off keeps all or none; name a tie attribute to read as trust with --weight"
      )
    }
    let sweep = try net.thresholdSweep(
      measure, thresholds: thresholds, selection: selection, threads: threads)
    let labels = thresholds.map(formatNumber)
    // Cut-offs that all keep the same ties measure one network again and again: the identical
    // columns and rank correlations of 1 then say nothing of stability (the default cut-offs
    // 0.2..0.8 on a trust rated 1 to 5, say).
    if thresholds.count > 1, Set(sweep.ties).count == 1 {
      note(
        "every cut-off keeps the same \(counted(sweep.ties[0], "tie")): the columns are one network measured \(thresholds.count) times, and rank correlations of 1 say nothing of stability; give --thresholds within the range of the trust\(p.value("thresholds") == nil ? " (the default cut-offs are for a trust from 0 to 1)" : "")"
      )
    }
    // A cut-off above every trust keeps no tie: its column measures an empty network.
    let empty = zip(labels, sweep.ties).filter { $0.1 == 0 }.map(\.0)
    if !empty.isEmpty && sweep.ties.contains(where: { $0 > 0 }) || empty.count == labels.count {
      note(
        "the \(empty.count == 1 ? "cut-off" : "cut-offs") \(empty.joined(separator: ", ")) \(empty.count == 1 ? "keeps" : "keep") no tie (every trust read is below \(empty.count == 1 ? "it" : "them")): \(empty.count == 1 ? "its column measures" : "their columns measure") a network without ties"
      )
    }
    var columns = ["id", "label"]
    for l in labels { columns += ["\(measure.rawValue)@\(l)", "rank@\(l)"] }
    var order = Array(net.nodes.indices)
    // Nodes without a rank at the first cut-off come last.
    let firstRank = sweep.ranks[0].map { $0.isNaN ? Double.infinity : $0 }
    order.sort { (firstRank[$0], $0) < (firstRank[$1], $1) }
    let unranked = sweep.values.map { $0.filter(\.isNaN).count }
    if unranked.contains(where: { $0 > 0 }) {
      note(
        "\(measure.rawValue) is undefined for a node without ties (NaN), which has no rank there: \(zip(labels, unranked).filter { $0.1 > 0 }.map { "\($0.1) \($0.1 == 1 ? "node" : "nodes") at \($0.0)" }.joined(separator: ", ")); the rank correlations are over the nodes ranked at both cut-offs"
      )
    }
    if let top { order = Array(order.prefix(top)) }
    let rows: [[Cell]] = order.map { v in
      var row: [Cell] = [.text(net.nodes[v].id), .text(net.nodes[v].label)]
      for k in thresholds.indices {
        row += [.number(sweep.values[k][v]), .number(sweep.ranks[k][v])]
      }
      return row
    }
    var settings = [
      ("network", path), ("measure", measure.rawValue),
      ("ties kept", "trust at or above each cut-off; a tie without a trust counts 1"),
    ]
    settings += selectionSettings(selection, network: net)
    settings.append(
      (
        "ties at each cut-off",
        zip(labels, sweep.ties).map { "\($0): \($1)" }.joined(separator: ", ")
      ))
    settings.append(
      (
        "rank correlation with the first cut-off (Spearman)",
        zip(labels, sweep.correlationWithFirst).map { "\($0): \(human($1))" }.joined(
          separator: ", ")
      ))
    settings.append(
      (
        "rank correlation with the cut-off before",
        zip(labels, sweep.correlationWithPrevious).dropFirst().map { "\($0): \(human($1))" }.joined(
          separator: ", ")
      ))
    if top != nil {
      settings.append(("rows", "the \(order.count) ranked first at the first cut-off"))
    }
    try emit(
      ResultTable(columns: columns, rows: rows, settings: settings), p, inputs: inputFiles(path, p),
      &out)
  }
}
