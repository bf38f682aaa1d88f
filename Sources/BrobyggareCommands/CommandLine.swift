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
    let progress = isatty(STDERR_FILENO) != 0 ? ProgressLine() : nil
    progress?.start()
    let outcome = run(Array(arguments.dropFirst()))
    progress?.stop()
    FileHandle.standardOutput.write(Data(outcome.stdout.utf8))
    FileHandle.standardError.write(Data(outcome.stderr.utf8))
    return outcome.status
  }

  static let commands: [CommandSpec] = [infoSpec, metricsSpec, brokersSpec, groupsSpec, communitiesSpec, bridgesSpec, pathSpec,
                                       whatifSpec, reciprocitySpec, interviewsSpec, projectSpec, spannersSpec, robustnessSpec, compareSpec, convertSpec, dotSpec, renderSpec, reportSpec, datasetsSpec]

  static var topHelp: String {
    var out = """
      OVERVIEW: Find the bridge-builders and brokers in networks of people and organisations.

      USAGE: brobyggare <subcommand>

      OPTIONS:
        --version               Show the version.
        -h, --help              Show help information.

      SUBCOMMANDS:

      """
    for c in commands { out += "  " + c.name.padding(toLength: 24, withPad: " ", startingAt: 0) + c.abstract + "\n" }
    out += "\n  See 'brobyggare help <subcommand>' for detailed help.\n"
    return out
  }

  public static func run(_ args: [String]) -> Outcome {
    let notes = Notes()
    var outcome = Notes.$current.withValue(notes) { runCommand(args) }
    // Notes come before whatever the command itself wrote on standard error.
    if !notes.lines.isEmpty { outcome.stderr = notes.lines.map { "note: \($0)\n" }.joined() + outcome.stderr }
    return outcome
  }

  static func runCommand(_ args: [String]) -> Outcome {
    var out = Outcome(status: 0, stdout: "", stderr: "")
    guard let first = args.first else {
      out.stderr = "Error: Missing subcommand.\n\n" + topHelp
      out.status = 64
      return out
    }
    if first == "--help" || first == "-h" { out.stdout = topHelp; return out }
    if first == "--version" { out.stdout = version + "\n"; return out }
    if first == "help" {
      if args.count > 1, let c = commands.first(where: { $0.name == args[1] }) { out.stdout = c.help } else { out.stdout = topHelp }
      return out
    }
    guard let spec = commands.first(where: { $0.name == first }) else {
      out.stderr = "Error: Unknown subcommand '\(first)'.\n\n" + topHelp
      out.status = 64
      return out
    }
    do {
      let parsed = try spec.parse(Array(args.dropFirst()))
      if parsed.flag("help") { out.stdout = spec.help; return out }
      if spec.options.contains(where: { $0.name == "threads" }) { _ = try threadCount(parsed) }
      switch spec.name {
      case "info": try info(parsed, &out)
      case "metrics": try metrics(parsed, &out)
      case "convert": try convert(parsed, &out)
      case "dot": try dot(parsed, &out)
      case "brokers": try brokers(parsed, &out)
      case "groups": try groups(parsed, &out)
      case "whatif": try whatif(parsed, &out)
      case "communities": try communities(parsed, &out)
      case "bridges": try bridges(parsed, &out)
      case "path": try path(parsed, &out)
      case "interviews": try interviews(parsed, &out)
      case "reciprocity": try reciprocity(parsed, &out)
      case "project": try project(parsed, &out)
      case "robustness": try robustness(parsed, &out)
      case "compare": try compare(parsed, &out)
      case "render": try render(parsed, &out)
      case "report": try report(parsed, &out)
      case "spanners": try spanners(parsed, &out)
      case "datasets": try datasets(parsed, &out)
      default: break
      }
    } catch let e as UsageError {
      out.stdout = ""
      out.stderr = "Error: \(e.message)\n"
      if let c = e.command { out.stderr += "Usage: \(c.usage)\n  See 'brobyggare \(c.name) --help' for more information.\n" }
      out.status = 64
    } catch let e as FormatError {
      out.stdout = ""
      out.stderr = "\(e)\n"
      out.status = 1
    } catch let e as Graphviz.RenderError {
      out.stdout = ""
      out.stderr = "brobyggare: error: \(e)\n"
      out.status = 1
    } catch let e as DataError {
      out.stdout = ""
      out.stderr = "\(e.file): error: \(e.message)\n"
      out.status = 1
    } catch {
      out.stdout = ""
      out.stderr = "brobyggare: error: \(error)\n"
      out.status = 1
    }
    return out
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
  OptionSpec(name: "nodes", valueName: "file", help: "A node table for a CSV tie table (default: NET.nodes.csv beside it, if present)."),
  OptionSpec(name: "undirected", help: "Read CSV and edge lists as undirected (they are read as directed by default)."),
  OptionSpec(name: "input-format", valueName: "format", help: "The input's format when its extension does not say: csv, edgelist, graphml, dot, json."),
]

let selectionOptions: [OptionSpec] = [
  OptionSpec(name: "layer", valueName: "layers", help: "Analyse these layers only (comma-separated); default: all layers merged."),
  OptionSpec(name: "merge", valueName: "rule", help: "How parallel ties merge: max, min, mean, sum (default: max)."),
  OptionSpec(name: "weight", valueName: "attribute", help: "The tie attribute read as trust (default: the trust or weight the input gives)."),
]

let helpOption = OptionSpec(name: "help", short: "h", help: "Show help information.")

let threadsOption = OptionSpec(name: "threads", valueName: "n", help: "Threads for the all-pairs measures and permutations (default: every core). Results do not depend on it.")

/// `--threads` on commands whose work is linear (or, as Louvain, a sequence of steps): accepted,
/// so a script can pass the same options to every command, and checked, but one thread works.
let oneThreadOption = OptionSpec(name: "threads", valueName: "n", help: "Accepted as on every command that analyses a network; this command's work is linear and runs on one thread.")

/// An option that takes a whole number of at least `minimum`; `nil` when it is not given.
func wholeNumber(_ p: ParsedArguments, _ name: String, minimum: Int = 1) throws -> Int? {
  guard let t = p.value(name) else { return nil }
  guard let n = Int(t), n >= minimum else { throw UsageError(message: "--\(name) takes a whole number ≥ \(minimum), not '\(t)'") }
  return n
}

/// `--threads`: a whole number ≥ 1, by default every core.
func threadCount(_ p: ParsedArguments) throws -> Int {
  try wholeNumber(p, "threads") ?? Threads.available
}

/// The NET argument every analysing command takes.
let netArgument: (name: String, help: String) = ("NET", "The network file (.graphml, .csv, .edgelist, .dot, .json), or the name of a shipped dataset (see 'brobyggare datasets').")

/// Reads NET: a file, or, when no file has that name, the shipped dataset of that name.
func readNetwork(_ path: String, _ p: ParsedArguments) throws -> Network {
  if !path.contains("/"), !FileManager.default.fileExists(atPath: path), Dataset.named(path) != nil {
    return try Network(dataset: path)
  }
  var options = Network.ReadOptions()
  options.directed = !p.flag("undirected")
  options.nodeTable = p.value("nodes")
  if let f = p.value("input-format") {
    guard let fmt = NetworkFormat(rawValue: f) else {
      throw UsageError(message: "Unknown format '\(f)'; expected one of \(NetworkFormat.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    options.format = fmt
  }
  let network = try Network(contentsOf: path, options: options)
  for n in network.readNotes { note("\(path): \(n)") }
  return network
}

/// `--layer`: the layers named, each checked to be in the network; `nil` for all.
func selectedLayers(_ p: ParsedArguments, network: Network) throws -> Set<String>? {
  guard let l = p.value("layer") else { return nil }
  let layers = Set(l.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
  let present = Set(network.layers)
  for layer in layers.sorted() where !present.contains(layer) {
    throw UsageError(message: "No tie is in layer '\(layer)'; the layers are: \(network.layers.isEmpty ? "(none)" : network.layers.joined(separator: ", "))")
  }
  return layers
}

func tieSelection(_ p: ParsedArguments, network: Network) throws -> TieSelection {
  var s = TieSelection()
  s.layers = try selectedLayers(p, network: network)
  if let m = p.value("merge") {
    guard let rule = TieMerge(rawValue: m) else { throw UsageError(message: "Unknown merge rule '\(m)'; expected max, min, mean or sum") }
    s.merge = rule
  }
  if let w = p.value("weight") {
    if w != network.trustAttributeName && !network.tieAttributes.contains(where: { $0.name == w }) {
      throw UsageError(message: "No tie attribute is named '\(w)'; the tie attributes are: \(([network.hasTrust ? network.trustAttributeName : nil].compactMap { $0 } + network.tieAttributes.map(\.name)).joined(separator: ", "))")
    }
    s.weightAttribute = w
  }
  return s
}

func describe(_ s: TieSelection, network: Network) -> String {
  let layers = s.layers.map { $0.sorted().joined(separator: ",") } ?? "all"
  let weight = s.weightAttribute ?? (network.hasTrust ? network.trustAttributeName : "none (every tie 1)")
  return "layers: \(layers); weight: \(weight); merge: \(s.merge.rawValue)"
}

/// Writes the output files, refusing to overwrite an input.
func writeOutput(_ files: [(path: String, contents: String)], inputs: [String]) throws {
  try writeOutput(files.map { (path: $0.path, data: Data($0.contents.utf8)) }, inputs: inputs)
}

/// Writes output files of bytes (pictures, say), refusing to overwrite an input.
func writeOutput(_ files: [(path: String, data: Data)], inputs: [String]) throws {
  let inputPaths = Set(inputs.map(canonicalPath))
  for f in files where inputPaths.contains(canonicalPath(f.path)) {
    throw UsageError(message: "Refusing to overwrite the input file '\(f.path)'")
  }
  try writeFilesAtomically(files)
}

/// A path made absolute, with `.`, `..` and symbolic links resolved, to compare with another.
func canonicalPath(_ path: String) -> String {
  URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
}

/// Whether two paths name the same file.
func sameFile(_ a: String, _ b: String) -> Bool { canonicalPath(a) == canonicalPath(b) }

/// The settings of a tie selection as (name, value) pairs for the echoed settings.
func selectionSettings(_ s: TieSelection, network: Network) -> [(String, String)] {
  describe(s, network: network).split(separator: ";").map {
    let kv = $0.split(separator: ":", maxSplits: 1)
    return (kv[0].trimmingCharacters(in: .whitespaces), kv[1].trimmingCharacters(in: .whitespaces))
  }
}

/// `--permutations` and `--seed`: a whole number of shuffles (at least `minimum`) and a seed.
func permutationOptions(_ p: ParsedArguments, default count: Int, minimum: Int, name: String = "permutations") throws -> (count: Int, seed: UInt64) {
  var permutations = count
  if let s = p.value(name) {
    guard let k = Int(s), k >= minimum else { throw UsageError(message: "--\(name) takes a whole number ≥ \(minimum), not '\(s)'") }
    permutations = k
  }
  var seed: UInt64 = 1
  if let s = p.value("seed") {
    guard let k = UInt64(s) else { throw UsageError(message: "--seed takes a whole number ≥ 0, not '\(s)'") }
    seed = k
  }
  return (permutations, seed)
}
