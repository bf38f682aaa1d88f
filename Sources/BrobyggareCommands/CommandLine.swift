import Brobyggare
import Foundation

/// The `brobyggare` command line. `run` does the work and returns what a process would print,
/// so tests call it in-process; `main` prints it and returns the exit code.
public enum BrobyggareCommandLine {
  public static let version = "0.1.0"

  /// What a run printed and its exit code: 0 success, 1 bad data, 64 bad usage.
  public struct Outcome: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
  }

  public static func main(_ arguments: [String]) -> Int32 {
    Interruption.install()
    // A closed pipe is an error to handle (EPIPE), not a signal that kills the program.
    signal(SIGPIPE, SIG_IGN)
    let progress = isatty(STDERR_FILENO) != 0 ? ProgressLine() : nil
    progress?.start()
    let outcome = run(Array(arguments.dropFirst()))
    progress?.stop()
    let stdoutError = writeAll(STDOUT_FILENO, outcome.stdout)
    _ = writeAll(STDERR_FILENO, outcome.stderr)
    switch stdoutError {
    case nil: return outcome.status
    case EPIPE?: return 141  // the reader went away (`| head -1`): quiet, as Unix tools are
    case let e?:
      _ = writeAll(
        STDERR_FILENO,
        "brobyggare: error: cannot write standard output: \(String(cString: strerror(e)))\n")
      return 1
    }
  }

  /// Writes all of `text` to a file descriptor (see `Brobyggare.writeAll`).
  static func writeAll(_ fd: Int32, _ text: String) -> Int32? {
    Brobyggare.writeAll(fd, Data(text.utf8))
  }

  static let commands: [CommandSpec] = [
    infoSpec, metricsSpec, brokersSpec, groupsSpec, communitiesSpec, bridgesSpec, pathSpec,
    whatifSpec, layersSpec, reciprocitySpec, summarySpec, sweepSpec, interviewsSpec, projectSpec,
    spannersSpec, robustnessSpec, compareSpec, testSpec, egosSpec, convertSpec, dotSpec, renderSpec,
    reportSpec, packSpec, mergeSpec, datasetsSpec, formatsSpec,
  ]

  static var topHelp: String {
    var out = """
      OVERVIEW: Find the bridge-builders and brokers in networks of people and organisations.

      USAGE: brobyggare <subcommand>

      OPTIONS:
        --version               Show the version.
        -h, --help              Show help information.

      SUBCOMMANDS:

      """
    for c in commands {
      out += "  " + c.name.padding(toLength: 24, withPad: " ", startingAt: 0) + c.abstract + "\n"
    }
    out += "\n  See 'brobyggare help <subcommand>' for detailed help.\n"
    return out
  }

  public static func run(_ args: [String]) -> Outcome {
    let notes = Notes()
    var outcome = Notes.$current.withValue(notes) { runCommand(args) }
    // Notes come before whatever the command itself wrote on standard error.
    // A note is one line: a line break in a value it quotes (a group called "x\nerror: ...")
    // is shown, so that it cannot forge a line of its own.
    if !notes.lines.isEmpty {
      outcome.stderr =
        notes.lines.map { line in
          "note: " + oneLine(line) + "\n"
        }.joined() + outcome.stderr
    }
    // Messages quote the input: a control character from a file (an ESC sequence that sets a
    // terminal's title or clears it) is shown, never sent.
    outcome.stderr = visibleControls(outcome.stderr)
    if args.first == "info" { outcome.stdout = visibleControls(outcome.stdout) }
    return outcome
  }

  static func runCommand(_ args: [String]) -> Outcome {
    var out = Outcome(status: 0, stdout: "", stderr: "")
    guard let first = args.first else {
      out.stderr = "Error: Missing subcommand.\n\n" + topHelp
      out.status = 64
      return out
    }
    if first == "--help" || first == "-h" {
      out.stdout = topHelp
      return out
    }
    if first == "--version" {
      out.stdout = version + "\n"
      return out
    }
    if first == "help" {
      if args.count > 1, let c = commands.first(where: { $0.name == args[1] }) {
        out.stdout = c.help
        return out
      }
      if args.count > 1 {
        out.stderr =
          "Error: Unknown subcommand '\(args[1])'\(didYouMean(closestMatches(to: args[1], among: commands.map(\.name))))\n\n"
          + topHelp
        out.status = 64
        return out
      }
      out.stdout = topHelp
      return out
    }
    guard let spec = commands.first(where: { $0.name == first }) else {
      let close = closestMatches(to: first, among: commands.map(\.name))
      out.stderr = "Error: Unknown subcommand '\(first)'\(didYouMean(close))\n\n" + topHelp
      out.status = 64
      return out
    }
    do {
      let parsed = try spec.parse(Array(args.dropFirst()))
      if parsed.flag("help") {
        out.stdout = spec.help
        return out
      }
      if spec.options.contains(where: { $0.name == "threads" }) { _ = try threadCount(parsed) }
      let digits = try wholeNumber(parsed, "digits")
      if let digits, digits > 17 {
        throw UsageError(
          message:
            "--digits takes a whole number from 1 to 17 (17 keeps every digit of a double), not '\(digits)'"
        )
      }
      // A missing folder for -o is found before the work, not after it (a shard of hours on a
      // cluster, then "the folder does not exist"); the report's -o is a folder it makes.
      if spec.name != "report", let o = parsed.value("output") { try checkOutputFolder(o) }
      try NumberStyle.$digits.withValue(digits) { try dispatch(spec, parsed, &out) }
    } catch let e as UsageError {
      out.stdout = ""
      // A message quotes what was given: a value 100,000 characters long is not echoed whole.
      let message =
        e.message.count > 2000
        ? String(e.message.prefix(1000)) + "… (\(e.message.count) characters)" : e.message
      out.stderr = "Error: \(message)\n"
      if let c = e.command {
        out.stderr +=
          "Usage: \(c.usage)\n  See 'brobyggare \(c.name) --help' for more information.\n"
      }
      out.status = 64
    } catch let e as FormatError {
      out.stdout = ""
      out.stderr = "\(e)\n"
      out.status = 1
    } catch let e as Graphviz.RenderError {
      out.stdout = ""
      out.stderr = "brobyggare: error: \(e)\n"
      out.status = 1
    } catch let e as WriteError where e.errorNumber == EPIPE {
      // The output named a pipe whose reader went away (`convert NET /dev/stdout | head -1`):
      // quiet, as on standard output.
      out.stdout = ""
      out.status = 141
    } catch let e as DataError {
      out.stdout = ""
      out.stderr = "\(e.file): error: \(e.message)\n"
      out.status = 1
    } catch let e as NetworkError where Notes.current?.networkFiles.count == 1 && e.isInvalidWeight
    {
      // Found in the network after it was read (a weight that cannot be a trust): named by
      // its file, as a reader's error is.
      out.stdout = ""
      out.stderr = "\(Notes.current!.networkFiles[0]): error: \(e)\n"
      out.status = 1
    } catch {
      out.stdout = ""
      out.stderr = "brobyggare: error: \(error)\n"
      out.status = 1
    }
    return out
  }

  static func dispatch(_ spec: CommandSpec, _ parsed: ParsedArguments, _ out: inout Outcome) throws
  {
    switch spec.name {
    case "info": try info(parsed, &out)
    case "metrics": try metrics(parsed, &out)
    case "convert": try convert(parsed, &out)
    case "dot": try dot(parsed, &out)
    case "brokers": try brokers(parsed, &out)
    case "groups": try groups(parsed, &out)
    case "whatif": try whatif(parsed, &out)
    case "layers": try layers(parsed, &out)
    case "communities": try communities(parsed, &out)
    case "bridges": try bridges(parsed, &out)
    case "path": try path(parsed, &out)
    case "interviews": try interviews(parsed, &out)
    case "reciprocity": try reciprocity(parsed, &out)
    case "summary": try summary(parsed, &out)
    case "sweep": try sweep(parsed, &out)
    case "project": try project(parsed, &out)
    case "robustness": try robustness(parsed, &out)
    case "compare": try compare(parsed, &out)
    case "test": try test(parsed, &out)
    case "egos": try egos(parsed, &out)
    case "render": try render(parsed, &out)
    case "report": try report(parsed, &out)
    case "spanners": try spanners(parsed, &out)
    case "datasets": try datasets(parsed, &out)
    case "formats": try formats(parsed, &out)
    case "pack": try pack(parsed, &out)
    case "merge": try merge(parsed, &out)
    default: break
    }
  }
}

/// Notes for the user gathered while a command runs (what a reader assumed, which default
/// was taken), printed on standard error as `note: ...` lines before the command's own output
/// there. Bound per run, so runs in parallel (as the tests make them) keep their own.
final class Notes: @unchecked Sendable {
  @TaskLocal static var current: Notes?
  private let lock = NSLock()
  private var list: [String] = []
  private var seen: Set<String> = []
  var lines: [String] { lock.withLock { list } }
  /// Adds a note once: the same sentence twice (two inputs, say) is printed once.
  func add(_ line: String) { lock.withLock { if seen.insert(line).inserted { list.append(line) } } }

  /// Every file the run read, canonical, so that no output overwrites one of them.
  private var read: Set<String> = []
  func recordInput(_ path: String) {
    let c = canonicalPath(path)
    lock.withLock { _ = read.insert(c) }
  }
  var inputs: Set<String> { lock.withLock { read } }

  /// The networks read, as named on the command line, for errors found in them after reading
  /// (a weight that cannot be a trust).
  private var networks: [String] = []
  func recordNetwork(_ path: String) { lock.withLock { networks.append(path) } }
  var networkFiles: [String] { lock.withLock { networks } }

  /// The tie selection a packed network (`.bbn`) was packed with, as its settings say it
  /// (layers, weight, merge, sign): the selection the commands' settings give for it, since
  /// the options that would choose another are refused on it.
  private var packed: [(String, String)]?
  var packedSelection: [(String, String)]? {
    get { lock.withLock { packed } }
    set { lock.withLock { packed = newValue } }
  }
}

/// A weight that has no length, as an error in the network's file: the tie named by its place
/// there (the first tie with those ends, in the layers analysed).
func distanceDataError(
  _ error: Error, file: String, network: Network, selection: TieSelection = .all
) -> Error {
  guard var e = error as? DistanceError else { return error }
  if let s = e.source, let t = e.target {
    let ends = network.ties.indices.filter { k in
      let tie = network.ties[k]
      guard selection.includes(layer: tie.layer) else { return false }
      let (a, b) = (network.nodes[tie.source].id, network.nodes[tie.target].id)
      return (a == s && b == t) || (!network.isDirected && a == t && b == s)
    }
    // Of parallel ties, the one whose weight is the one refused (after merging it may be
    // none of them: then the first).
    let k =
      ends.first { k in
        let w =
          selection.weightAttribute.flatMap { network.ties[k].attributes[$0]?.number }
          ?? network.ties[k].trust ?? 1
        return w == e.trust
      } ?? ends.first
    e.tieNumber = k.map { network.fileTieIndex($0) + 1 }
  }
  return DataError(file: file, message: "\(e)")
}

extension NetworkError {
  var isInvalidWeight: Bool { if case .invalidWeight = self { true } else { false } }
}

/// Text with every control character but line feed and tab written as `\u{1B}`, so that what a
/// file holds cannot act on a terminal. Applied to messages and to the summaries people read,
/// never to the tables and files machines read.
func visibleControls(_ text: String) -> String {
  guard text.unicodeScalars.contains(where: isControl) else { return text }
  var out = String.UnicodeScalarView()
  for s in text.unicodeScalars {
    if isControl(s) {
      out.append(contentsOf: "\\u{\(String(s.value, radix: 16, uppercase: true))}".unicodeScalars)
    } else {
      out.append(s)
    }
  }
  return String(out)
}

private func isControl(_ s: Unicode.Scalar) -> Bool {
  (s.value < 0x20 && s != "\n" && s != "\t") || (s.value >= 0x7F && s.value < 0xA0)
    || s == "\u{2028}" || s == "\u{2029}"
    // Bidirectional overrides and isolates, which can make a message read backwards.
    || (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value)
}

/// Tells the user something on standard error without stopping the command.
func note(_ line: String) { Notes.current?.add(line) }

/// Bad data found after loading (a weight that cannot be a distance, say).
struct DataError: Error {
  var file: String
  var message: String
}

// MARK: Shared options

let inputOptions: [OptionSpec] = [
  OptionSpec(
    name: "nodes", valueName: "file",
    help: "A node table for a CSV tie table (default: NET.nodes.csv beside it, if present)."),
  OptionSpec(
    name: "undirected",
    help:
      "Read CSV and edge lists as undirected (by default a CSV's type column decides, and without one they are read as directed)."
  ),
  OptionSpec(
    name: "input-format", valueName: "format",
    help:
      "The input's format when its extension does not say: \(NetworkFormat.allCases.map(\.rawValue).joined(separator: ", "))."
  ),
  encodingOption,
  OptionSpec(
    name: "source-column", valueName: "name",
    help: "The tie table's source column (default: source or from)."),
  OptionSpec(
    name: "target-column", valueName: "name",
    help: "The tie table's target column (default: target or to)."),
  OptionSpec(
    name: "trust-column", valueName: "name",
    help: "The tie table's trust column (default: trust or weight)."),
  OptionSpec(
    name: "layer-column", valueName: "name", help: "The tie table's layer column (default: layer)."),
  OptionSpec(
    name: "id-column", valueName: "name", help: "The node table's id column (default: id)."),
  OptionSpec(
    name: "label-column", valueName: "name", help: "The node table's label column (default: label)."
  ),
  OptionSpec(
    name: "sign", valueName: "sign",
    help:
      "For a signed network (a negative trust, as distrust): read the positive ties only (negative ones left out), or the negative ones only, each with its trust's size (-2 as 2). Without it, a negative trust is an error."
  ),
  OptionSpec(
    name: "graph", valueName: "k",
    help: "In a DOT file that holds several graphs, read the k-th (default: 1)."),
  OptionSpec(
    name: "ego-as-node",
    help:
      "For a Network Canvas export (a folder, or its GraphML): make each ego a node tied to each of its alters (by default egos are not nodes)."
  ),
  OptionSpec(
    name: "roster", valueName: "variable",
    help:
      "For a Network Canvas export: the variable naming roster members, to read the sessions as one roster-based network, or 'none' for personal networks (default: found from the data when unambiguous)."
  ),
  OptionSpec(
    name: "sheet", valueName: "name",
    help:
      "In an Excel workbook, the sheet of ties (default: a sheet named ties, else the first; Kumu's, Polinode's and NodeXL's layouts are found)."
  ),
  OptionSpec(
    name: "nodes-sheet", valueName: "name",
    help:
      "In an Excel workbook, the sheet of nodes (default: a sheet named nodes, if there is one)."),
]

let encodingOption = OptionSpec(
  name: "encoding", valueName: "encoding",
  help:
    "The encoding of CSV tables and edge lists: utf-8, windows-1252, latin1, utf-16 (default: utf-8; Excel on Windows saves CSV in windows-1252)."
)

/// `--encoding`: the encoding named, UTF-8 when none is.
func textEncoding(_ p: ParsedArguments) throws -> TextEncoding {
  guard let name = p.value("encoding") else { return .utf8 }
  guard let e = TextEncoding(name: name) else {
    throw UsageError(
      message:
        "--encoding takes one of \(TextEncoding.allCases.map(\.rawValue).joined(separator: ", ")), not '\(name)'"
    )
  }
  return e
}

let selectionOptions: [OptionSpec] = [
  OptionSpec(
    name: "layer", valueName: "layers",
    help:
      "Analyse these layers only (comma-separated; a layer whose name has a comma, by its whole name); default: all layers merged but affiliation layers (person to organisation), which 'all' adds."
  ),
  OptionSpec(
    name: "merge", valueName: "rule",
    help: "How parallel ties merge: max, min, mean, sum (default: max)."),
  OptionSpec(
    name: "weight", valueName: "attribute",
    help: "The tie attribute read as trust (default: the trust or weight the input gives)."),
]

let helpOption = OptionSpec(name: "help", short: "h", help: "Show help information.")

let threadsOption = OptionSpec(
  name: "threads", valueName: "n",
  help:
    "Threads for the all-pairs measures and permutations (default: every core). Results do not depend on it."
)

/// `--threads` on commands whose work is linear (or, as Louvain, a sequence of steps): accepted,
/// so a script can pass the same options to every command, and checked, but one thread works.
let oneThreadOption = OptionSpec(
  name: "threads", valueName: "n",
  help:
    "Accepted as on every command that analyses a network; this command's work is linear and runs on one thread."
)

/// An option that takes a whole number of at least `minimum`; `nil` when it is not given.
func wholeNumber(_ p: ParsedArguments, _ name: String, minimum: Int = 1, maximum: Int? = nil) throws
  -> Int?
{
  guard let t = p.value(name) else { return nil }
  guard let n = Int(t.trimmingCharacters(in: .whitespaces)), n >= minimum, n <= (maximum ?? Int.max)
  else {
    if let maximum {
      throw UsageError(
        message: "--\(name) takes a whole number from \(minimum) to \(maximum), not '\(t)'")
    }
    throw UsageError(message: "--\(name) takes a whole number ≥ \(minimum), not '\(t)'")
  }
  return n
}

/// `--threads`: a whole number ≥ 1, by default every core.
func threadCount(_ p: ParsedArguments) throws -> Int {
  try wholeNumber(p, "threads", maximum: maximumThreads) ?? Threads.available
}

/// The NET argument every analysing command takes.
let netArgument: (name: String, help: String) = (
  "NET",
  "The network file (\(NetworkFormat.extensionList); see 'brobyggare formats'), a Network Canvas export (a folder of its files, or its GraphML), or the name of a shipped dataset (see 'brobyggare datasets')."
)

/// Reads NET: a file, or, when no file has that name, the shipped dataset of that name.
func readNetwork(_ path: String, _ p: ParsedArguments) throws -> Network {
  // A bare word with no extension that is neither a file nor a dataset meant a dataset.
  if !path.contains("/"), !FileManager.default.fileExists(atPath: path), Dataset.named(path) == nil,
    (path as NSString).pathExtension.isEmpty, p.value("input-format") == nil
  {
    let close = closestMatches(to: path, among: Dataset.all.map(\.name))
    throw UsageError(
      message:
        "No file and no shipped dataset is named '\(path)'\(didYouMean(close)) (see 'brobyggare datasets')"
    )
  }
  Notes.current?.recordNetwork(path)
  var options = Network.ReadOptions()
  options.directed = p.flag("undirected") ? false : nil
  options.nodeTable = p.value("nodes")
  if let f = p.value("input-format") {
    guard let fmt = NetworkFormat(rawValue: f) else {
      throw UsageError(
        message:
          "Unknown format '\(f)'; expected one of \(NetworkFormat.allCases.map(\.rawValue).joined(separator: ", "))"
      )
    }
    options.format = fmt
  }
  options.encoding = try textEncoding(p)
  if let k = try wholeNumber(p, "graph") { options.graph = k }
  if let s = p.value("sign") {
    guard let sign = TieSign(rawValue: trimmingSpaces(s).lowercased()) else {
      throw UsageError(message: "--sign takes positive or negative, not \(quotedName(s))")
    }
    options.sign = sign
  }
  // Options the input cannot use are refused, not ignored.
  let givenFormat = options.format ?? NetworkFormat(path: path)
  if p.value("graph") != nil, let f = givenFormat, f != .dot {
    throw UsageError(
      message:
        "--graph picks one of several graphs in a DOT file; '\(path)' is read as \(f.rawValue)")
  }
  if let n = p.value("nodes"), let f = givenFormat, f != .csv,
    !["clu", "vec"].contains((n as NSString).pathExtension.lowercased())
  {
    throw UsageError(
      message:
        "--nodes names a node table for a CSV tie table, or a Pajek .clu or .vec file; '\(path)' is read as \(f.rawValue)"
    )
  }
  options.columns = CSVFormat.Columns(
    source: p.value("source-column"), target: p.value("target-column"),
    trust: p.value("trust-column"),
    layer: p.value("layer-column"), id: p.value("id-column"), label: p.value("label-column"))
  let dataset =
    !path.contains("/") && !FileManager.default.fileExists(atPath: path)
    && Dataset.named(path) != nil
  // Options the input's format cannot use are refused, not ignored.
  let format = dataset ? NetworkFormat.graphml : options.format ?? NetworkFormat(path: path)
  options.sheet = p.value("sheet")
  options.nodesSheet = p.value("nodes-sheet")
  if let format, format != .xlsx,
    let named = ["sheet", "nodes-sheet"].first(where: { p.value($0) != nil })
  {
    throw UsageError(
      message:
        "--\(named) picks a sheet of an Excel workbook; \(dataset ? "the dataset '\(path)'" : "'\(path)'") is read as \(format.rawValue)"
    )
  }
  if let format, format != .csv, format != .xlsx,
    let named = [
      "source-column", "target-column", "trust-column", "layer-column", "id-column", "label-column",
    ].first(where: { p.value($0) != nil })
  {
    throw UsageError(
      message:
        "--\(named) is for CSV tables and Excel workbooks; \(dataset ? "the dataset '\(path)'" : "'\(path)'") is read as \(format.rawValue)"
    )
  }
  if let format, format != .csv, format != .edgelist, p.value("encoding") != nil {
    throw UsageError(
      message:
        "--encoding is for CSV tables and edge lists; \(dataset ? "the dataset '\(path)'" : "'\(path)'") is read as \(format.rawValue), \(format == .graphml ? "which declares its own encoding" : "which is UTF-8")"
    )
  }
  for name in ["ego-as-node", "roster"] where p.flag(name) || p.value(name) != nil {
    if dataset || !NetworkCanvasFormat.isExport(path: path) {
      throw UsageError(
        message:
          "--\(name) is for Network Canvas exports (a folder of its CSV or GraphML files, or its GraphML); '\(path)' is not one"
      )
    }
  }
  options.egoAsNode = p.flag("ego-as-node")
  if let r = p.value("roster") {
    let v = r.trimmingCharacters(in: .whitespaces)
    guard !v.isEmpty else {
      throw UsageError(message: "--roster takes a variable's name, or 'none' for personal networks")
    }
    options.networkCanvas.studyProtocol = v == "none" ? .personal : .roster(variable: v)
  }
  if dataset {
    if p.value("sign") != nil {
      throw UsageError(
        message:
          "--sign is for files with negative trust (a signed network); the dataset '\(path)' has none"
      )
    }
    let network = try Network(dataset: path)
    // A dataset says its direction, as a GraphML file does: --undirected is not passed over
    // in silence.
    if options.directed == false && network.isDirected {
      note(
        "\(path): the dataset's ties are directed, and they are read so: --undirected is for CSV tables, workbooks, edge lists and DL files, which may not say"
      )
    }
    return network
  }
  let network = try Network(contentsOf: path, options: options)
  // A weight networkx or igraph wrote (GraphML, GEXF, JSON) may be negative and is read as it
  // is, so that the file converts; every other command analyses, and a negative trust is not a
  // strength (with --sign the reading keeps one sign).
  if p.command != "convert", network.tieSign == nil,
    let k = network.ties.firstIndex(where: { ($0.trust ?? 0) < 0 })
  {
    let tie = network.ties[k]
    throw DataError(
      file: path,
      message:
        "tie \(k + 1) ('\(network.nodes[tie.source].id)' \(network.isDirected ? "->" : "--") '\(network.nodes[tie.target].id)'): the \(network.trustAttributeName) \(formatNumber(tie.trust!)) is negative, and trust is a strength; \(TieSign.hint)"
    )
  }
  for n in network.readNotes { note("\(path): \(n)") }
  // Who answered, as a `respondent` attribute says: a value that reads as neither true nor
  // false leaves the node saying nothing, which the analyses would take without a word.
  let unreadable = network.nodes.filter { $0.attributes["respondent"] != nil && $0.answered == nil }
  if let first = unreadable.first {
    note(
      "\(path): \(unreadable.count == 1 ? "1 node has" : "\(unreadable.count) nodes have") a respondent value that reads as neither true nor false (the first: '\(first.id)', '\(first.attributes["respondent"]!)'): \(unreadable.count == 1 ? "it is" : "they are") taken as not saying whether \(unreadable.count == 1 ? "it" : "they") answered; write true or false (yes/no and 1/0 are read too)"
    )
  }
  // A respondent flag given for some nodes and left blank for others: the blank ones count as
  // having answered wherever those who did not answer are set apart.
  let known = network.nodes.lazy.filter { $0.answered != nil }.count
  if known > 0, let first = network.nodes.first(where: { $0.attributes["respondent"] == nil }) {
    let blank = network.nodes.lazy.filter { $0.attributes["respondent"] == nil }.count
    note(
      "\(path): \(blank) of \(network.nodeCount) nodes \(blank == 1 ? "has" : "have") no respondent value where \(known) \(known == 1 ? "has" : "have") one (the first: '\(first.id)'): \(blank == 1 ? "it counts" : "they count") as having answered wherever those who did not answer are set apart (their rows read as real zeros); give \(blank == 1 ? "it" : "them") true or false"
    )
  }
  // A trust of 0 is a tie here, as networkx and igraph read an edge of weight 0; a matrix's 0
  // (UCINET, sna) is no tie. Where 0 meant "no tie", every tie-counting measure moves.
  if p.command != "convert", let k = network.ties.firstIndex(where: { $0.trust == 0 }) {
    let zero = network.ties.lazy.filter { $0.trust == 0 }.count
    let tie = network.ties[k]
    note(
      "\(path): \(zero == 1 ? "1 tie has" : "\(zero) ties have") the \(network.trustAttributeName) 0 (the first: '\(network.nodes[tie.source].id)' \(network.isDirected ? "->" : "--") '\(network.nodes[tie.target].id)'): \(zero == 1 ? "it counts" : "they count") as \(zero == 1 ? "a tie" : "ties") wherever ties are counted (degree, paths, betweenness), as networkx and igraph read an edge of weight 0; UCINET and sna read a 0 as no tie: where 0 means no tie, leave those rows out"
    )
  }
  noteSimilarNames(network, file: path)
  if p.value("input-format") == nil, PackedNetwork.isPacked(path: path),
    let settings = try? PackedNetwork.settings(contentsOf: path)
  {
    Notes.current?.packedSelection = settings.filter { $0.name != "distance" }.map {
      ($0.name, $0.value)
    }
  }
  // The tie table and any node table it was read with are inputs no output may overwrite.
  Notes.current?.recordInput(path)
  if let n = options.nodeTable { Notes.current?.recordInput(n) }
  let companion = Network.companionNodeTable(for: path)
  if FileManager.default.fileExists(atPath: companion) { Notes.current?.recordInput(companion) }
  return network
}

/// The node an id or a label names (see `Network.node(named:)`), or a usage error that says
/// which ids and labels are close.
func nodeIndex(_ name: String, in network: Network) throws -> Int {
  do { return try network.node(named: name) } catch {
    let message = error.description
    throw UsageError(message: message.prefix(1).uppercased() + message.dropFirst())
  }
}

/// A count with its noun, singular for one: `1 tie`, `3 ties`, `0 nodes`.
func counted(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
  "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
}

/// A string without spaces, tabs and line breaks around it.
func trimmingSpaces(_ s: String) -> String { s.trimmingCharacters(in: .whitespacesAndNewlines) }

/// A name in quotes for a message, with line breaks, tabs and other controls written visibly
/// (`\n`, `\t`, `\u{1B}`), so that `a,b`, ` sp` and a name with a line break read as one name.
func quotedName(_ name: String) -> String {
  "'"
    + visibleControls(name).replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(
      of: "\t", with: "\\t") + "'"
}

/// Names quoted and joined by commas for a message, or `(none)`.
func quotedNames(_ names: [String]) -> String {
  names.isEmpty ? "(none)" : names.map(quotedName).joined(separator: ", ")
}

/// `--layer`: the layers named, each checked to be in the network; `nil` for all. A whole value
/// that is a layer's name (one with a comma in it, say) is that layer; otherwise the value is
/// split at commas, and each piece is a layer as written or, failing that, without the spaces
/// around it.
func selectedLayers(_ p: ParsedArguments, network: Network) throws -> Set<String>? {
  guard let l = p.value("layer") else { return nil }
  let present = Set(network.layers)
  if present.contains(l) { return [l] }
  // `all` merges every layer on purpose, unless a layer has that very name.
  if l.trimmingCharacters(in: .whitespaces).lowercased() == "all" { return nil }
  let layers = Set(
    l.split(separator: ",", omittingEmptySubsequences: false).map { piece -> String in
      present.contains(String(piece)) ? String(piece) : piece.trimmingCharacters(in: .whitespaces)
    }.filter { !$0.isEmpty })
  if layers.isEmpty {
    throw UsageError(
      message: "--layer names no layer; the layers are: \(quotedNames(network.layers)) (or 'all')")
  }
  for layer in layers.sorted() where !present.contains(layer) {
    let close = closestMatches(to: layer, among: network.layers)
    throw UsageError(
      message:
        "No tie is in layer \(quotedName(layer)) (the layers are: \(quotedNames(network.layers)))\(didYouMean(close))"
        + (network.tieSign.map {
          "; these are the layers of the ties --sign \($0.rawValue) kept, and a layer of ties of the other sign only is not among them"
        } ?? "")
    )
  }
  return layers
}

/// Ids, and layers, that differ only in case or spaces (`Bo`, `bo`; `advice`, `advice `) are
/// kept apart, since they may be meant so; a note lists them, since they are more often one
/// person or one layer typed twice, and `--layer advice` would read one of them alone.
func noteSimilarNames(_ network: Network, file: String) {
  func sets(_ s: [[String]]) -> String {
    FormatError.list(s.map { FormatError.list($0, quoted: true) }, separator: "; ")
  }
  let ids = network.similarNodeIDs()
  if !ids.isEmpty {
    note(
      "\(file): \(ids.count == 1 ? "these ids differ" : "\(ids.count) sets of ids differ") only in case or spaces, and are separate nodes: \(sets(ids)) (correct the file where one person is meant)"
    )
  }
  let layers = network.similarLayers()
  if !layers.isEmpty {
    note(
      "\(file): \(layers.count == 1 ? "these layers differ" : "\(layers.count) sets of layers differ") only in case or spaces, and are separate layers: \(sets(layers)) (--layer reads each by its exact name)"
    )
  }
}

/// A tie without a trust counts as trust 1: a note says how many of the selected ties have
/// none when others have one, naming `file` (or the one network file the command read), and
/// how high the others' trust goes when it goes above 1.
func noteTiesWithoutTrust(_ s: TieSelection, network: Network, file: String?) {
  guard s.weightAttribute == nil else { return }
  let named = notedNetworkFile(file)
  guard network.hasTrust else {
    // No trust: a weight under another name (d3's value, a count) is not read unless named.
    let numeric = network.tieAttributes.filter { $0.type == .integer || $0.type == .double }
    guard let first = numeric.first else { return }
    note(
      "\(named.map { "\($0): " } ?? "")no tie has a trust (a column or key named trust or weight), so every tie counts 1; the numeric tie \(numeric.count == 1 ? "attribute" : "attributes") \(FormatError.list(numeric.map(\.name), quoted: true)) \(numeric.count == 1 ? "is" : "are") not read as trust (--weight \(settingName(first.name)) reads \(numeric.count == 1 ? "it" : "one"))"
    )
    return
  }
  let selected = network.ties.filter { s.includes(layer: $0.layer) }
  let missing = selected.filter { $0.trust == nil }.count
  guard missing > 0 else { return }
  let top = selected.lazy.compactMap(\.trust).max() ?? 1
  let scale =
    top <= 1
    ? "trust 1, the top of the scale"
    : "trust 1 (the others' trust goes up to \(formatNumber(top)))"
  note(
    "\(named.map { "\($0): " } ?? "")\(missing) of \(counted(selected.count, "tie")) analysed \(missing == 1 ? "has" : "have") no trust value and count\(missing == 1 ? "s" : "") as \(scale); give \(missing == 1 ? "it" : "them") a value, or pick the ties with --layer"
  )
}

/// The network a note about the ties names: `file` when given, else the one network file the
/// command read, else none (several were read, and the note cannot say which).
func notedNetworkFile(_ file: String?) -> String? {
  let files = Notes.current?.networkFiles ?? []
  return file ?? (Set(files).count == 1 ? files[0] : nil)
}

/// Notes a network whose selected ties all join two kinds of node (people and events, people
/// and organisations): a two-mode network, which a one-mode measure ranks as one network, both
/// modes side by side, with paths through the other mode. Davis's women and events are so.
/// Nodes without a kind leave the network one-mode (a nominated name is often kindless).
///
/// - Complexity: O(n + m).
func noteTwoModeMeasured(_ s: TieSelection, network: Network, file: String?) {
  func kind(_ i: Int) -> String? {
    guard let value = network.nodes[i].attributes["kind"] else { return nil }
    let k = network.nodes[i].kind
    if k != .other { return k.rawValue }
    let raw = value.description.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    return raw.isEmpty || GroupAssignment.missingSpellings.contains(raw) ? nil : raw
  }
  var kinds: [String: Set<Int>] = [:]
  var ties = 0
  for t in network.ties where s.includes(layer: t.layer) && t.source != t.target {
    guard let a = kind(t.source), let b = kind(t.target), a != b else { return }
    kinds[a, default: []].insert(t.source)
    kinds[b, default: []].insert(t.target)
    if kinds.count > 2 { return }
    ties += 1
  }
  guard ties > 0, kinds.count == 2 else { return }
  let modes = kinds.sorted {
    ($0.key == "person" ? 0 : 1, $0.key) < ($1.key == "person" ? 0 : 1, $1.key)
  }
  let named = notedNetworkFile(file)
  let people = modes.contains { $0.key == "person" }
  note(
    "\(named.map { "\($0): " } ?? "")every tie read joins two kinds of node (\(modes.map { "\($0.value.count) of kind '\($0.key)'" }.joined(separator: ", "))): a two-mode network, measured here as one network of \(kinds.values.reduce(0) { $0 + $1.count }) nodes, both kinds ranked side by side and paths running through the other kind\(people ? "; 'brobyggare project' makes the network of people tied by what they share" : "")"
  )
}

/// Says how the ties analysed become the simple graph every measure reads: self-loops left
/// out, a pair tied again in one layer merged into one tie (its trust by the merge rule), and a
/// pair tied in several layers counted once. A mail archive's repeated messages or an
/// interview's duplicated rows are otherwise merged without a word.
func noteSimpleGraph(_ s: TieSelection, network: Network, file: String?, readsTrust: Bool = true) {
  struct Pair: Hashable {
    var layer: Int
    var u: Int32
    var v: Int32
  }
  var layerIndex: [String?: Int] = [:]
  var pairs = Set<Pair>()
  var acrossLayers = Set<Pair>()
  var selected = 0
  var loops = 0
  for t in network.ties where s.includes(layer: t.layer) {
    selected += 1
    if t.source == t.target {
      loops += 1
      continue
    }
    let (u, v) =
      network.isDirected || t.source < t.target ? (t.source, t.target) : (t.target, t.source)
    let layer: Int
    if let i = layerIndex[t.layer] {
      layer = i
    } else {
      layer = layerIndex.count
      layerIndex[t.layer] = layer
    }
    pairs.insert(Pair(layer: layer, u: Int32(u), v: Int32(v)))
    acrossLayers.insert(Pair(layer: 0, u: Int32(u), v: Int32(v)))
  }
  let parallel = selected - loops - pairs.count
  let otherLayer = pairs.count - acrossLayers.count
  guard loops > 0 || parallel > 0 else { return }
  let named = notedNetworkFile(file)
  let what = [
    loops > 0 ? "\(loops) self-\(loops == 1 ? "loop is" : "loops are") left out" : nil,
    parallel > 0
      ? "\(parallel) parallel \(parallel == 1 ? "tie" : "ties") (\(network.layers.isEmpty ? "a pair tied again" : "a pair tied again in one layer")) \(parallel == 1 ? "is" : "are") merged\(readsTrust && (network.hasTrust || s.weightAttribute != nil) ? " (their trust: the \(mergeWord[s.merge]!), --merge \(s.merge.rawValue))" : "")"
      : nil,
    otherLayer > 0
      ? "\(otherLayer) \(otherLayer == 1 ? "tie counts" : "ties count") once with \(otherLayer == 1 ? "its pair's tie" : "their pairs' ties") in another layer"
      : nil,
  ].compactMap { $0 }.joined(separator: "; ")
  note(
    "\(named.map { "\($0): " } ?? "")the measures read the simple graph: of the \(selected) ties \(s.layers == nil && s.excludedLayers.isEmpty ? "in the file" : "in the layers analysed"), \(what)"
  )
}

/// Notes pairs tied in several of the layers read with a different trust in each: the measures
/// read one trust per pair, merged by the rule, so that a rating given for one layer (work)
/// stands for another's (trust), which the settings line alone did not say.
///
/// - Complexity: O(m) expected.
func noteTrustAcrossLayers(_ s: TieSelection, network: Network, file: String?) {
  guard network.hasTrust,
    s.weightAttribute == nil || s.weightAttribute == network.trustAttributeName,
    network.layers.lazy.filter({ s.includes(layer: $0) }).prefix(2).count == 2
  else { return }
  struct Pair: Hashable {
    var u: Int
    var v: Int
  }
  // The first trust seen for each pair, with its layer.
  var first: [Pair: (layer: String?, trust: Double)] = [:]
  var differing = Set<Pair>()
  var example: (Pair, String?, Double, String?, Double)?
  var layers = Set<String?>()
  for t in network.ties where s.includes(layer: t.layer) && t.source != t.target {
    guard let w = t.trust else { continue }
    layers.insert(t.layer)
    let pair =
      network.isDirected || t.source < t.target
      ? Pair(u: t.source, v: t.target) : Pair(u: t.target, v: t.source)
    guard let seen = first[pair] else {
      first[pair] = (t.layer, w)
      continue
    }
    if seen.layer != t.layer && seen.trust != w {
      if differing.insert(pair).inserted && example == nil {
        example = (pair, seen.layer, seen.trust, t.layer, w)
      }
    }
  }
  guard let example, layers.count > 1 else { return }
  let named = notedNetworkFile(file)
  let (pair, la, wa, lb, wb) = example
  let name = { (l: String?) in l.map { "'\($0)'" } ?? "no layer" }
  note(
    "\(named.map { "\($0): " } ?? "")\(differing.count) \(differing.count == 1 ? "pair is" : "pairs are") tied in more than one of the layers read with a different \(network.trustAttributeName) in each (the first: '\(network.nodes[pair.u].id)' \(network.isDirected ? "->" : "--") '\(network.nodes[pair.v].id)', \(formatNumber(wa)) in \(name(la)) and \(formatNumber(wb)) in \(name(lb))); where a measure reads the \(network.trustAttributeName), it reads one per pair, the \(mergeWord[s.merge]!) (--merge \(s.merge.rawValue)), so a rating given in one layer stands for the other's; --layer reads one layer's ratings alone"
  )
}

/// What a merge rule keeps of parallel ties' trust, for notes.
let mergeWord: [TieMerge: String] = [.max: "largest", .min: "smallest", .mean: "mean", .sum: "sum"]

/// The ties an analysis of people reads. Without `--layer`, affiliation layers (person to
/// organisation) are left out when there are other layers, and a note says so; `--layer all`
/// merges every layer.
///
/// `file` names the network in the note on ties without trust; without it the note names the
/// network file the command read, when it read one.
func tieSelection(
  _ p: ParsedArguments, network: Network, file: String? = nil, readsTrust: Bool = true,
  measured: Bool = true
) throws -> TieSelection {
  var s = TieSelection()
  s.layers = try selectedLayers(p, network: network)
  defer {
    noteTiesWithoutTrust(s, network: network, file: file)
    noteSimpleGraph(s, network: network, file: file, readsTrust: readsTrust)
    if measured { noteTwoModeMeasured(s, network: network, file: file) }
    if readsTrust { noteTrustAcrossLayers(s, network: network, file: file) }
  }
  if p.value("layer") == nil {
    let affiliation = network.affiliationLayers
    let all = network.layers
    if !affiliation.layers.isEmpty && affiliation.layers.count < all.count {
      let kept = all.filter { !affiliation.layers.contains($0) }
      s.excludedLayers = Set(affiliation.layers)
      let named = notedNetworkFile(file)
      note(
        "\(named.map { "\($0): " } ?? "")left out the \(affiliation.declared ? "affiliation layers" : "person-to-organisation layers") \(affiliation.layers.map { "'\($0)'" }.joined(separator: ", ")) (\(affiliation.declared ? "person to organisation" : "every tie joins a person and an organisation, found from the nodes' kinds: memberships, or people's ties to organisations such as their trust in them")); analysed \(kept.map { "'\($0)'" }.joined(separator: ", ")); --layer all merges every layer"
      )
    }
  }
  if let m = p.value("merge") {
    guard let rule = TieMerge(rawValue: m) else {
      throw UsageError(message: "Unknown merge rule '\(m)'; expected max, min, mean or sum")
    }
    s.merge = rule
  }
  if let w = p.value("weight") {
    // The trust's name names nothing when no tie has a trust (every tie would count as 1).
    let isTrust = w == network.trustAttributeName && network.hasTrust
    if !isTrust && !network.tieAttributes.contains(where: { $0.name == w }) {
      let names =
        [network.hasTrust ? network.trustAttributeName : nil].compactMap { $0 }
        + network.tieAttributes.map(\.name)
      let trustless =
        w == network.trustAttributeName
        ? "; no tie has a trust (\(quotedName(w))), so every tie would count as 1" : ""
      throw UsageError(
        message:
          "No tie attribute is named \(quotedName(w)) (the tie attributes are: \(quotedNames(names)))\(trustless)\(didYouMean(closestMatches(to: w, among: names)))"
      )
    }
    // The sign chose ties by their trust; another attribute's negative values it does not see.
    if let sign = network.tieSign, !isTrust {
      throw UsageError(
        message:
          "--sign \(sign.rawValue) keeps the ties by the sign of their trust ('\(network.trustAttributeName)'), and --weight \(quotedName(w)) analyses another attribute, whose sign --sign does not see; to read a signed attribute by its sign, read it as the trust (--trust-column \(quotedName(w)) in a CSV table or workbook)"
      )
    }
    s.weightAttribute = w
  }
  return s
}

func describe(_ s: TieSelection, network: Network) -> String {
  selectionSettings(s, network: network).map { "\($0.0): \($0.1)" }.joined(separator: "; ")
}

/// A layer or attribute name as a setting: as it is when it reads as one name in a list of
/// settings, else quoted with its controls visible (`a,b`, ` sp`, `x;y`, a line break).
func settingName(_ name: String) -> String {
  let plain =
    !name.isEmpty && name == trimmingSpaces(name)
    && !name.unicodeScalars.contains {
      ",;'\"".unicodeScalars.contains($0) || $0.value < 0x20 || $0.value == 0x7F
    }
  return plain && visibleControls(name) == name ? name : quotedName(name)
}

/// The weight a selection reads on a network: the attribute named, the input's trust, or none.
func weightSetting(_ s: TieSelection, network: Network) -> String {
  if let w = s.weightAttribute { return settingName(w) }
  if network.hasTrust { return settingName(network.trustAttributeName) }
  // Without trust every tie is 1, but --merge sum adds a pair's parallel ties (and its ties
  // in the layers merged): its weight is their count, which strength and lengths read.
  return s.merge == .sum
    ? "none: every tie 1, a pair's parallel ties and layers summed to their count (--merge sum)"
    : unweightedSetting
}

/// The weight setting of a network read without trust (a packed network says it so).
let unweightedSetting = PackedNetwork.unweightedSetting

/// Writes the output files, refusing to overwrite an input.
func writeOutput(_ files: [(path: String, contents: String)], inputs: [String]) throws {
  try writeOutput(files.map { (path: $0.path, data: Data($0.contents.utf8)) }, inputs: inputs)
}

/// Writes output files of bytes (pictures, say), refusing to overwrite an input.
func writeOutput(_ files: [(path: String, data: Data)], inputs: [String]) throws {
  // '-' reads as standard output to a Unix user; written as a file named '-' it would vanish.
  for f in files where f.path == "-" {
    throw UsageError(
      message:
        "-o - would write a file named '-', not standard output; leave out -o to print the result")
  }
  let inputPaths = Set(inputs.map(canonicalPath)).union(Notes.current?.inputs ?? [])
  for f in files where inputPaths.contains(canonicalPath(f.path)) {
    throw UsageError(
      message: "Refusing to overwrite the input file '\(f.path)'; write to another file")
  }
  try writeFilesAtomically(files)
}

/// A path made absolute, with `.`, `..` and symbolic links resolved, to compare with another.
func canonicalPath(_ path: String) -> String {
  URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
}

/// Whether two paths name the same file.
func sameFile(_ a: String, _ b: String) -> Bool { canonicalPath(a) == canonicalPath(b) }

/// The settings of a tie selection for a command that does not read the weight: the weight
/// line says so and why, so that "weight: trust" is not read as trust having been used.
func selectionSettings(_ s: TieSelection, network: Network, weightNotRead why: String)
  -> [(String, String)]
{
  selectionSettings(s, network: network).map { name, value in
    name == "weight" && value != unweightedSetting
      ? (name, "\(value), not used (\(why))") : (name, value)
  }
}

/// The settings of a tie selection as (name, value) pairs for the echoed settings.
func selectionSettings(_ s: TieSelection, network: Network) -> [(String, String)] {
  // A packed network's ties were chosen when it was packed: its settings say how.
  if let packed = Notes.current?.packedSelection { return packed }
  let list = { (names: [String]) in names.map(settingName).joined(separator: ",") }
  var layers = s.layers.map { list($0.sorted()) } ?? "all"
  if !s.excludedLayers.isEmpty {
    layers =
      list(
        network.layers.filter { !s.excludedLayers.contains($0) && (s.layers?.contains($0) ?? true) }
      )
      + " (affiliation layers \(list(s.excludedLayers.sorted())) left out)"
  }
  return [
    ("layers", layers), ("weight", weightSetting(s, network: network)), ("merge", s.merge.rawValue),
  ] + signSetting(network)
}

/// The sign a signed network was read with, for a settings line: empty when none was chosen.
func signSetting(_ network: Network) -> [(String, String)] {
  switch network.tieSign {
  case .negative?: [("sign", "negative (the ties of negative trust, each its size)")]
  case .positive?: [("sign", "positive (the ties of negative trust left out)")]
  case nil: []
  }
}

/// The most shuffles or runs an option may ask for: a p-value's resolution is 1/(n + 1), and a
/// million gives six digits, more than any table reports; each run's work follows from it.
let maximumRepetitions = 1_000_000

/// The most threads `--threads` takes.
let maximumThreads = 1024

/// `--permutations` and `--seed`: a whole number of shuffles (at least `minimum`) and a seed.
func permutationOptions(
  _ p: ParsedArguments, default count: Int, minimum: Int, name: String = "permutations"
) throws -> (count: Int, seed: UInt64) {
  var permutations = count
  if let s = p.value(name) {
    guard let k = Int(s), k >= minimum, k <= maximumRepetitions else {
      throw UsageError(
        message:
          "--\(name) takes a whole number from \(minimum) to \(maximumRepetitions), not '\(s)'")
    }
    permutations = k
  }
  var seed: UInt64 = 1
  if let s = p.value("seed") {
    guard let k = UInt64(s) else {
      throw UsageError(message: "--seed takes a whole number ≥ 0, not '\(s)'")
    }
    seed = k
  }
  return (permutations, seed)
}

/// `-o FILE` for the commands whose second argument is the file they write (`convert`,
/// `project`), as every other command that writes a file takes it.
let outputFileOption = OptionSpec(
  name: "output", short: "o", valueName: "file",
  help: "The file to write, in place of the OUT argument.")

/// The file a command writes: its OUT argument or `-o FILE` (one of the two, or both the same).
func outputFile(_ p: ParsedArguments, _ spec: CommandSpec) throws -> String {
  let positional = p.positionals.count > 1 ? p.positionals[1] : nil
  switch (positional, p.value("output")) {
  case (let a?, let b?) where canonicalPath(a) != canonicalPath(b):
    throw UsageError(
      message: "Two files to write: '\(a)' and -o '\(b)'; give one of them", command: spec)
  case (let a?, _): return a
  case (nil, let b?): return b
  case (nil, nil):
    throw UsageError(message: "Missing expected argument '<out>' (or -o <file>)", command: spec)
  }
}

/// A measure of `robustness` and `compare` as their settings give it, with what it makes of
/// trust: the path measures count hops (the weight named beside them is not a length there),
/// constraint and effective size take trust as the strength of a tie, and degree and PageRank
/// do not use it.
func measureSetting(_ m: Robustness.Measure) -> String {
  switch m {
  case .betweenness, .closeness, .harmonic:
    "\(m.rawValue) (distance: hops; trust is not a length here)"
  case .constraint, .effectiveSize: "\(m.rawValue) (trust as the strength of a tie)"
  case .degree, .inDegree: "\(m.rawValue) (contacts counted; trust is not used)"
  case .pagerank: "\(m.rawValue) (every tie followed alike; trust is not used)"
  }
}

/// The nodes that did not answer (a boolean `respondent` attribute false, as `interviews`
/// writes it), or 0 when no node says.
func nonRespondents(_ net: Network) -> Int {
  net.nodes.filter {
    $0.answered == false
  }.count
}

/// Notes how many nodes did not answer (respondent = false), and what their missing ties do to
/// this command's numbers (`effect`); nothing when everyone answered or no node says.
func noteNonRespondents(_ net: Network, effect: String, file: String? = nil) {
  let silent = nonRespondents(net)
  guard silent > 0 else { return }
  // Where nodes have kinds, the people who did not answer apart from the organisations and
  // others, who are marked so without having been asked.
  var who = ""
  let people = net.nodes.filter { $0.attributes["kind"] != nil && $0.kind == .person }
  if !people.isEmpty {
    let silentPeople = people.filter { $0.answered == false }.count
    if silentPeople < silent {
      let others = silent - silentPeople
      who =
        ", \(silentPeople) of the \(people.count) nodes of kind person and \(others) \(others == 1 ? "other" : "others") (organisations, and nodes of no kind)"
    }
  }
  note(
    (file.map { "\($0): " } ?? "")
      + "\(silent) of \(net.nodeCount) nodes did not answer (respondent = false\(who)): "
      + (hasReconstructedTies(net)
        ? "their ties were reconstructed from what the others reported (ties marked reconstructed), so only ties among the silent are missing"
        : "the ties they would have named are missing\(net.isDirected ? " (their outgoing ties)" : "")")
      + "; \(effect)")
}

/// Which reciprocity a column or line named `reciprocity` holds (sna's grecip defaults to
/// another).
let reciprocityMeaning =
  "edgewise: the share of ties returned, as networkx's and igraph's reciprocity give it; sna's grecip gives the dyadic by default, and 'brobyggare reciprocity' gives both"

/// What the missing ties of those who did not answer do to a summary's columns.
let nonRespondentEffectOnSummary =
  "density, reciprocity and the other columns read their silence as no tie, not as unknown, so networks where fewer answered look sparser for it"

/// What the missing ties of those who did not answer do to local bridges.
let nonRespondentEffectOnBridges =
  "with fewer contacts in the data, their ties share fewer contacts and read as local bridges more often than what they would have named allows"

/// What the missing ties of those who did not answer do to a robustness run that does not
/// drop respondents.
let nonRespondentEffectOnRobustness =
  "every run starts from the data with their ties missing, so the spread shown is around that; '--mode respondent' shows how much the ranking depends on who answered"

/// What the missing ties of those who did not answer do to reciprocity.
let nonRespondentEffectOnReciprocity =
  "a tie to one of them cannot be returned in the data, so reciprocity reads their silence as ties not returned"

/// What the missing ties of those who did not answer do to brokerage.
let nonRespondentEffectOnBrokerage =
  "a broker needs outgoing ties, and theirs are missing, so their brokerage counts only what the data hold for them (usually nothing) and their z-scores are low by construction, not by what they do"

/// What the missing ties of those who did not answer do to group measures.
let nonRespondentEffectOnGroups =
  "ties across and within groups read them as absent, not as unknown, so E-I indices and densities count their silence"

/// What the missing ties of those who did not answer do to measures of nodes.
let nonRespondentEffectOnMeasures =
  "every measure here reads them as absent, not as no tie known; 'brobyggare robustness --mode respondent' shows how much a ranking depends on who answered"

/// Whether ties were reconstructed from the other side for those who did not answer
/// (`interviews --non-respondents reconstruct` marks them with a tie attribute
/// `reconstructed` true).
func hasReconstructedTies(_ net: Network) -> Bool {
  net.ties.contains {
    if case .boolean(true)? = $0.attributes["reconstructed"] { true } else { false }
  }
}
