import Brobyggare
import Foundation

let robustnessSpec = CommandSpec(
  name: "robustness",
  abstract:
    "How sure the ranking is when people are missing: dropout and bootstrap, many seeded runs.",
  positionals: [netArgument],
  options: inputOptions + selectionOptions + [
    OptionSpec(
      name: "measure", valueName: "measure",
      help:
        "What to rank by: \(Robustness.Measure.allCases.map(\.rawValue).joined(separator: ", ")) (default: betweenness)."
    ),
    OptionSpec(
      name: "drop", valueName: "rates",
      help: "Dropout rates, comma-separated (default: 0.1,0.2,0.3)."),
    OptionSpec(
      name: "mode", valueName: "what",
      help: "What the rates drop: node, tie or respondent (default: node)."),
    OptionSpec(name: "bootstrap", help: "Add a bootstrap over respondents."),
    OptionSpec(
      name: "treatment", valueName: "rule",
      help: "For respondents treated as missing: keep, reconstruct or drop (default: keep)."),
    OptionSpec(
      name: "respondent", valueName: "attribute",
      help:
        "The boolean node attribute that marks respondents (default: respondent, when present; else every node)."
    ),
    OptionSpec(
      name: "runs", valueName: "n",
      help:
        "Runs per rate (default: 1000). Conditions × runs × n × (n + arcs) is at most 1e11 (a larger request is refused naming the runs that fit), and at most 100 conditions."
    ),
    OptionSpec(name: "seed", valueName: "n", help: "Seed (default: 1)."),
    OptionSpec(
      name: "top", valueName: "k", help: "The size of the top group followed (default: 5)."),
    OptionSpec(
      name: "summary",
      help: "One row per condition (correlations and top-k overlap) instead of one per node."),
    OptionSpec(
      name: "show", valueName: "k",
      help: "List only the k highest-ranked nodes of each condition (default: every node)."),
  ] + outputOptions + [threadsOption, helpOption],
  discussion: """
    After Borgatti, Carley and Krackhardt (2006). Each run removes a random share of nodes
    (node), of ties (tie), or of respondents' own reports (respondent: the people drawn are
    treated as never interviewed, and --treatment decides their ties); the bootstrap draws the
    respondents with replacement and treats those never drawn as not interviewed. A rate is a
    share of whole nodes, ties or respondents: each run removes the rate times their number,
    rounded (the settings say how many), and a rate above 0 that removes no one, or one that
    removes everyone, is refused (0 is a control: every run the whole network). Per node: the
    rank in the full network (none for a node without a value, such as the constraint of a
    node without ties), the median rank over the runs it was present in, a 90 %
    interval (5 % and 95 % quantiles, R's type 7), and how often it stayed in the top k.
    Ranks: 1 is first (lowest constraint, highest otherwise); ties share their mean rank.
    Per run: Spearman and Kendall (tau-b) correlation with the full network's values over the
    nodes present, and the share of the full top k still in the run's top k.
    Runs are seeded one by one: the same seed gives the same result on any number of threads.
    """)

/// The most conditions (--drop rates, and the bootstrap) robustness takes.
let maximumRobustnessConditions = 100
/// The most work robustness takes: conditions × runs × n × (n + arcs), a search from every node
/// in every run (minutes, not hours).
let maximumRobustnessWork = 1e11

/// The smallest rate, in three significant digits, that removes one of `count` (a rate times
/// the count is rounded, halves up, so 0.5 / count does).
func smallestRate(removingOneOf count: Int) -> Double {
  let exact = 0.5 / Double(count)
  let scale = pow(10, 2 - (log10(exact)).rounded(.down))
  return (exact * scale).rounded(.up) / scale
}

extension BrobyggareCommandLine {
  static func robustness(_ p: ParsedArguments, _ out: inout Outcome) throws {
    let path = p.positionals[0]
    _ = try tableFormat(p)
    var o = Robustness.Options()
    o.measure = try choice(p, "measure", default: .betweenness)
    o.treatment = try choice(p, "treatment", default: .keep)
    o.threads = try threadCount(p)
    let (runs, seed) = try permutationOptions(p, default: 1000, minimum: 1, name: "runs")
    o.runs = runs
    o.seed = seed
    if let k = try wholeNumber(p, "top") { o.topK = k }
    var rates = [0.1, 0.2, 0.3]
    if let d = p.value("drop") {
      rates = try d.split(separator: ",").map {
        guard let r = decimalDouble($0.trimmingCharacters(in: .whitespaces)), r >= 0, r < 1 else {
          throw UsageError(
            message:
              "--drop takes rates from 0 up to (not including) 1, comma-separated, not '\(d)'")
        }
        return r
      }
      if rates.isEmpty {
        throw UsageError(
          message:
            "--drop names no rate; give rates from 0 up to 1, comma-separated (0.1,0.2,0.3, say)")
      }
      if Set(rates).count < rates.count {
        throw UsageError(message: "--drop names a rate twice ('\(d)'); each condition once")
      }
    }
    let mode = p.value("mode") ?? "node"
    switch mode {
    case "node": o.perturbations = rates.map { .nodeDropout($0) }
    case "tie": o.perturbations = rates.map { .tieDropout($0) }
    case "respondent": o.perturbations = rates.map { .respondentDropout($0) }
    default: throw UsageError(message: "--mode takes node, tie or respondent, not '\(mode)'")
    }
    if p.flag("bootstrap") { o.perturbations.append(.bootstrap) }

    let net = try readNetwork(path, p)
    if !p.flag("bootstrap")
      && !o.perturbations.contains(where: {
        if case .respondentDropout = $0 { return true } else { return false }
      })
    {
      noteNonRespondents(net, effect: nonRespondentEffectOnRobustness)
    }
    // Every run keeps a rank per node: check the memory that takes before starting.
    let bytes = Double(runs) * Double(max(1, net.nodeCount)) * 8 + Double(runs) * 24
    let budget = 4.0 * 1024 * 1024 * 1024
    if bytes > budget {
      let feasible = max(1, Int(budget / (Double(max(1, net.nodeCount)) * 8 + 24)))
      throw UsageError(
        message:
          "--runs \(runs) on \(net.nodeCount) nodes needs \(Int(bytes / 1_048_576)) MiB for the ranks; at most \(feasible) runs fit in 4 GiB"
      )
    }
    let selection = try tieSelection(p, network: net)
    let adj = try net.adjacency(selection)
    // Each run of each condition measures the network again: betweenness, the dearest, costs a
    // search from every node, n · (n + arcs). Checked before the runs start.
    if o.perturbations.count > maximumRobustnessConditions {
      throw UsageError(
        message:
          "--drop names \(o.perturbations.count) conditions; robustness takes at most \(maximumRobustnessConditions)"
      )
    }
    let perRun = Double(max(1, net.nodeCount)) * Double(net.nodeCount + adj.arcCount)
    let work = Double(o.perturbations.count) * Double(runs) * perRun
    if work > maximumRobustnessWork {
      let feasible = Int(maximumRobustnessWork / (Double(o.perturbations.count) * perRun))
      throw UsageError(
        message:
          "--runs \(runs) over \(o.perturbations.count) conditions on \(net.nodeCount) nodes and \(adj.arcCount) arcs is up to \(String(format: "%.2g", work)) steps (conditions × runs × n × (n + arcs)), over the limit of \(String(format: "%.0e", maximumRobustnessWork)); \(feasible >= 1 ? "at most --runs \(feasible) fits" : "not even one run fits")"
      )
    }
    if p.value("respondent") != nil && mode != "respondent" && !p.flag("bootstrap") {
      throw UsageError(
        message:
          "--respondent marks who answered, for --mode respondent or --bootstrap; --mode \(mode) draws from every \(mode == "tie" ? "tie" : "node"), so it would change nothing"
      )
    }
    let respondentAttribute = p.value("respondent") ?? "respondent"
    var respondents: [Bool]?
    let hasAttribute = net.nodes.contains { $0.attributes[respondentAttribute] != nil }
    if hasAttribute {
      respondents = try net.nodes.enumerated().map { i, node in
        guard let v = node.attributes[respondentAttribute] else { return false }
        guard case .boolean(let b)? = AttributeValue.parse(v.description, as: .boolean) else {
          throw DataError(
            file: path,
            message:
              "node '\(node.id)' (\(i + 1)): '\(respondentAttribute)' is '\(v)'; expected true or false"
          )
        }
        return b
      }
    } else if p.value("respondent") != nil {
      throw UsageError(message: "No node attribute is named '\(respondentAttribute)'")
    }
    if p.value("treatment") != nil && mode != "respondent" && !p.flag("bootstrap") {
      throw UsageError(
        message:
          "--treatment decides the ties of respondents treated as missing, with --mode respondent or --bootstrap; --mode \(mode) removes \(mode == "tie" ? "ties" : "the nodes drawn with all their ties"), so there is nothing for it to decide"
      )
    }
    // A rate is a share of whole nodes, ties or respondents: each run removes the rate times
    // their number, rounded. A rate that rounds to no one would report perfect stability, and
    // rates that round alike are one experiment twice; both are said before any run.
    let unit = mode == "node" ? "nodes" : mode == "tie" ? "ties" : "respondents"
    var removedPerRun: [(rate: Double, removed: Int, of: Int)] = []
    for (rate, perturbation) in zip(rates, o.perturbations) {
      let population = adj.robustnessPopulation(perturbation, respondents: respondents)
      let removed = perturbation.removedPerRun(of: population) ?? 0
      if removed >= population && population > 0 {
        throw UsageError(
          message:
            "--drop \(formatNumber(rate)): \(formatNumber(rate)) of the \(population) \(unit) rounds to all \(population) removed per run, so no run would have a ranking to compare; give a smaller rate"
        )
      }
      // A rate of 0 is a control, removing no one on purpose (the settings say so).
      if rate > 0 && removed == 0 {
        if population == 0 {
          throw UsageError(
            message:
              "--drop \(formatNumber(rate)): there are no \(unit) to drop\(mode == "respondent" ? " (no node has \(respondentAttribute) = true)" : "")"
          )
        }
        throw UsageError(
          message:
            "--drop \(formatNumber(rate)): \(formatNumber(rate)) of the \(population) \(unit) is \(String(format: "%.3g", rate * Double(population))), which rounds to no one removed per run, so every run would be the whole network; the smallest rate that removes one is \(formatNumber(smallestRate(removingOneOf: population)))"
        )
      }
      removedPerRun.append((rate, removed, population))
    }
    for removed in Set(removedPerRun.map(\.removed)).sorted() {
      let alike = removedPerRun.filter { $0.removed == removed }
      if alike.count > 1 {
        note(
          "--drop \(alike.map { formatNumber($0.rate) }.joined(separator: ", ")) each remove \(removed) of the \(alike[0].of) \(unit) per run (the rate times their number, rounded): the same experiment, drawn again with other seeds"
        )
      }
    }
    let result = adj.robustness(o, respondents: respondents)

    var settings = [
      ("network", path), ("nodes", String(net.nodeCount)),
      ("directed", net.isDirected ? "yes" : "no"),
    ]
    settings += selectionSettings(selection, network: net)
    settings += [
      ("measure", measureSetting(o.measure)), ("runs", String(o.runs)), ("seed", String(o.seed)),
      ("top k", String(o.topK)),
      (
        "respondents",
        hasAttribute ? "\(result.respondents) (attribute \(respondentAttribute))" : "every node"
      ),
      (
        "missing-data treatment",
        mode == "respondent" || p.flag("bootstrap")
          ? o.treatment.rawValue : "none (nodes or ties removed)"
      ),
      (
        "removed per run",
        removedPerRun.map {
          "\(formatNumber($0.rate)): \($0.removed) of \($0.of) \(unit)"
        }.joined(separator: ", ") + " (the rate times their number, rounded)"
      ),
      ("reference", "Borgatti, Carley and Krackhardt 2006, doi:10.1016/j.socnet.2005.05.001"),
    ]
    func q(_ xs: [Double], _ p: Double) -> Double {
      RankCorrelation.quantile(xs.filter { !$0.isNaN }.sorted(), p)
    }
    func mean(_ xs: [Double]) -> Double {
      let f = xs.filter { !$0.isNaN }
      return f.isEmpty ? .nan : f.reduce(0, +) / Double(f.count)
    }
    let table: ResultTable
    if p.flag("summary") {
      // A run that keeps fewer than two nodes, or scores them all alike, has no rank
      // correlation: the quantiles are over the other runs, which is said.
      for c in result.conditions {
        let undefined = c.spearman.filter(\.isNaN).count
        if undefined > 0 {
          note(
            "\(c.perturbation.description): the rank correlations are undefined in \(undefined) of \(c.spearman.count) runs (fewer than two nodes left, or all their scores equal); \(undefined == c.spearman.count ? "so every quantile is NaN" : "their quantiles are over the other \(c.spearman.count - undefined) runs")"
          )
        }
      }
      table = ResultTable(
        columns: [
          "condition", "runs", "spearman_median", "spearman_5", "spearman_95", "kendall_median",
          "kendall_5", "kendall_95",
          "top_k_overlap_mean", "top_k_overlap_median",
        ],
        rows: result.conditions.map { c in
          [
            .text(c.perturbation.description), .integer(o.runs), .number(q(c.spearman, 0.5)),
            .number(q(c.spearman, 0.05)), .number(q(c.spearman, 0.95)),
            .number(q(c.kendall, 0.5)), .number(q(c.kendall, 0.05)), .number(q(c.kendall, 0.95)),
            .number(mean(c.topKOverlap)), .number(q(c.topKOverlap, 0.5)),
          ]
        }, settings: settings)
    } else {
      let show = try wholeNumber(p, "show") ?? Int.max
      // Nodes without a rank (no value) last.
      let key = { (v: Int) in result.fullRanks[v].isNaN ? Double.infinity : result.fullRanks[v] }
      let order = (0..<net.nodeCount).sorted { (key($0), $0) < (key($1), $1) }.prefix(show)
      var rows: [[Cell]] = []
      for c in result.conditions {
        for v in order {
          let r = c.nodes[v]
          rows.append([
            .text(c.perturbation.description), .text(net.nodes[v].id), .text(net.nodes[v].label),
            .number(result.fullScores[v]),
            .number(r.fullRank), .integer(r.present), .number(r.medianRank), .number(r.rankLow),
            .number(r.rankHigh), .number(r.topKShare),
          ])
        }
      }
      table = ResultTable(
        columns: [
          "condition", "id", "label", o.measure.rawValue, "rank", "runs_present", "median_rank",
          "rank_5", "rank_95", "top_k_share",
        ],
        rows: rows, settings: settings)
    }
    try emit(table, p, inputs: [path], &out)
  }
}
