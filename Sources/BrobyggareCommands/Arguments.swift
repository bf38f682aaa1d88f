import Brobyggare

/// A usage error: exit code 64 (EX_USAGE), as swift-argument-parser uses.
struct UsageError: Error {
  var message: String
  var command: CommandSpec?
}

/// One option a command takes.
struct OptionSpec {
  var name: String  // without dashes
  var short: Character?
  var valueName: String?  // nil for a flag
  var help: String
  /// Whether the option may be given more than once (each value kept, in order); any other
  /// option given twice is a usage error.
  var repeatable = false
  /// Whether the command cannot run without it: the usage line shows it without brackets.
  var required = false
}

/// What a command takes: its positional arguments and options, and the help text they make.
struct CommandSpec {
  var name: String
  var abstract: String
  var positionals: [(name: String, help: String)]
  var options: [OptionSpec]
  var discussion: String = ""
  /// How many of the last positionals may be left out.
  var optionalPositionals = 0
  /// Whether the last positional may be given more than once (`summary A B C`).
  var repeatsLastPositional = false

  var usage: String {
    var parts =
      ["brobyggare", name]
      + positionals.enumerated().map { i, p in
        i >= positionals.count - optionalPositionals
          ? "[<\(p.name.lowercased())>]" : "<\(p.name.lowercased())>"
      } + (repeatsLastPositional ? ["..."] : [])
    for o in options where o.name != "help" {
      parts.append(
        o.valueName.map {
          (o.required ? "--\(o.name) <\($0)>" : "[--\(o.name) <\($0)>]")
            + (o.repeatable ? " ..." : "")
        }
          ?? "[--\(o.name)]")
    }
    return parts.joined(separator: " ")
  }

  var help: String {
    var out = "OVERVIEW: \(abstract)\n\n"
    if !discussion.isEmpty { out += discussion + "\n\n" }
    out += "USAGE: \(usage)\n\n"
    if !positionals.isEmpty {
      out += "ARGUMENTS:\n"
      for p in positionals { out += pad("  <\(p.name.lowercased())>", p.help) }
      out += "\n"
    }
    out += "OPTIONS:\n"
    for o in options {
      var flag = "  "
      if let s = o.short { flag += "-\(s), " }
      flag += "--\(o.name)"
      if let v = o.valueName { flag += " <\(v)>" }
      out += pad(flag, o.help)
    }
    return out
  }

  private func pad(_ left: String, _ right: String) -> String {
    if left.count < 26 {
      return left + String(repeating: " ", count: 26 - left.count) + right + "\n"
    }
    return left + "\n" + String(repeating: " ", count: 26) + right + "\n"
  }
}

/// Parsed arguments.
struct ParsedArguments {
  var positionals: [String] = []
  /// Every value of each option given, in the order given (one unless the option is repeatable).
  var optionValues: [String: [String]] = [:]
  var flags: Set<String> = []
  /// The command's name (`metrics`), which names its sheet in a workbook.
  var command = ""

  /// The value of an option, or `nil` when it is not given.
  func value(_ name: String) -> String? { optionValues[name]?.first }
  /// Every value of a repeatable option, in the order given; empty when it is not given.
  func values(_ name: String) -> [String] { optionValues[name] ?? [] }
  func flag(_ name: String) -> Bool { flags.contains(name) }
}

extension CommandSpec {
  func parse(_ args: [String]) throws(UsageError) -> ParsedArguments {
    var result = ParsedArguments()
    result.command = name
    var i = 0
    var onlyPositionals = false
    while i < args.count {
      let a = args[i]
      i += 1
      if onlyPositionals || !a.hasPrefix("-") || a == "-" {
        result.positionals.append(a)
        continue
      }
      if a == "--" {
        onlyPositionals = true
        continue
      }
      var name: String
      var inline: String?
      if a.hasPrefix("--") {
        name = String(a.dropFirst(2))
        if let eq = name.firstIndex(of: "=") {
          inline = String(name[name.index(after: eq)...])
          name = String(name[..<eq])
        }
      } else {
        guard a.count == 2, let o = options.first(where: { $0.short == a.last }) else {
          throw UsageError(message: "Unknown option '\(a)'", command: self)
        }
        name = o.name
      }
      guard let spec = options.first(where: { $0.name == name }) else {
        let close = closestMatches(to: name, among: options.map(\.name)).map { "--" + $0 }
        throw UsageError(message: "Unknown option '--\(name)'\(didYouMean(close))", command: self)
      }
      if spec.valueName == nil {
        if inline != nil {
          throw UsageError(message: "The flag '--\(name)' takes no value", command: self)
        }
        result.flags.insert(name)
      } else {
        let v: String
        if let inline {
          v = inline
        } else {
          guard i < args.count else {
            throw UsageError(
              message: "Missing value for '--\(name) <\(spec.valueName!)>'", command: self)
          }
          v = args[i]
          i += 1
        }
        // An empty value ran as if the option were not given (`--drop ''`): only a title may be empty.
        if v.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty && name != "title" {
          throw UsageError(
            message:
              "The option '--\(name)' is given an empty value; give it a value (<\(spec.valueName!)>), or leave the option out",
            command: self)
        }
        if result.optionValues[name] != nil && !spec.repeatable {
          throw UsageError(message: "The option '--\(name)' is given twice", command: self)
        }
        result.optionValues[name, default: []].append(v)
      }
    }
    if result.flags.contains("help") { return result }
    if result.positionals.count < positionals.count - optionalPositionals {
      let missing = positionals[result.positionals.count].name.lowercased()
      throw UsageError(message: "Missing expected argument '<\(missing)>'", command: self)
    }
    if result.positionals.count > positionals.count && !repeatsLastPositional {
      throw UsageError(
        message: "Unexpected argument '\(result.positionals[positionals.count])'", command: self)
    }
    return result
  }
}
