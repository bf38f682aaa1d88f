import Foundation

/// A declared rating scale and the rule that maps a rating to trust in (0, 1].
///
/// A rating `r` on the scale `lower..upper` becomes trust `(r − lower + 1) / (upper − lower + 1)`:
/// each step is an equal share and the lowest rating still counts as some trust (on 1..5:
/// 0.2, 0.4, 0.6, 0.8, 1). A rating outside the scale is an error, never clipped.
public struct RatingScale: Hashable, Sendable, CustomStringConvertible {
  /// The lowest rating.
  public var lower: Double
  /// The highest rating.
  public var upper: Double

  /// The widest scale taken: a rating scale has a handful of steps, and a range as wide as
  /// `-1e308..1e308` would make every trust 0.
  public static let maximumSteps = 1000.0

  /// A scale from `lower` to `upper`; `nil` unless both are finite, `upper > lower`, and it has
  /// at most ``maximumSteps`` steps.
  public init?(lower: Double, upper: Double) {
    guard lower.isFinite, upper.isFinite, upper > lower,
      upper - lower + 1 <= RatingScale.maximumSteps
    else { return nil }
    self.lower = lower
    self.upper = upper
  }

  /// Reads `LOWER..UPPER`: `1..5`, `0..10`, `-2..2`.
  public init?(parsing text: String) {
    let parts = text.trimmingCharacters(in: .whitespaces).components(separatedBy: "..")
    guard parts.count == 2, let a = parseDouble(parts[0].trimmingCharacters(in: .whitespaces)),
      let b = parseDouble(parts[1].trimmingCharacters(in: .whitespaces))
    else { return nil }
    self.init(lower: a, upper: b)
  }

  /// Trust for a rating, or `nil` when the rating is outside the scale.
  public func trust(_ rating: Double) -> Double? {
    guard rating >= lower, rating <= upper else { return nil }
    return (rating - lower + 1) / (upper - lower + 1)
  }

  public var description: String { "\(formatNumber(lower))..\(formatNumber(upper))" }

  /// The mapping in words: `r / 5` on 1..5, `(r + 1) / 11` on 0..10.
  public var rule: String {
    let offset = lower - 1
    let r =
      offset == 0
      ? "r" : offset > 0 ? "(r - \(formatNumber(offset)))" : "(r + \(formatNumber(-offset)))"
    return "\(r) / \(formatNumber(upper - lower + 1))"
  }
}

/// How two directed reports between a pair become one undirected tie.
///
/// | rule | a tie when | its trust |
/// |---|---|---|
/// | `none` | (no symmetrisation: the directed network as reported) | the reported trust |
/// | `min` | both named each other | the smaller |
/// | `max` | either named the other | the larger |
/// | `mean` | either named the other | the mean of both directions; a respondent who did not name the other counts 0 |
/// | `confirmed` | both named each other | the mean of the two |
/// | `any` | either named the other | the mean of the directions reported |
///
/// A direction that could not be reported (its source was not interviewed) is *unknown*: `min`
/// and `confirmed` cannot confirm it, so such ties go unless the non-respondent treatment
/// reconstructs it; `mean` leaves it out rather than counting it 0.
public enum Symmetrization: String, Hashable, Sendable, CaseIterable {
  /// No symmetrisation: the directed network as reported.
  case none
  /// A tie when both named each other, with the smaller trust.
  case min
  /// A tie when either named the other, with the larger trust.
  case max
  /// A tie when either named the other, with the mean of both directions (0 for one not named).
  case mean
  /// A tie when both named each other, with the mean of the two.
  case confirmed
  /// A tie when either named the other, with the mean of the directions reported.
  case any
}

/// What to do with ties to people who were not interviewed (Stork and Richards 1992, Group &
/// Organization Management 17(2), 193–209,
/// doi:10.1177/1059601192172006).
public enum NonRespondentTreatment: String, Hashable, Sendable, CaseIterable {
  /// Keep ties as reported: a non-respondent has incoming ties only.
  case keep
  /// Reconstruct: a non-respondent's tie to a respondent is taken to be the one the respondent
  /// reported to them (same trust), marked `reconstructed`.
  case reconstruct
  /// Drop everyone not interviewed, with their ties (organisations that appear only in the
  /// affiliation table stay: they were never to be interviewed).
  case drop
}

/// What happens to names that match nobody (or several entries).
public enum UnresolvedNameTreatment: String, Hashable, Sendable, CaseIterable {
  /// Their rows are left out, counted and listed; the names go to the review file.
  case drop
  /// Each distinct name (after normalisation) becomes a new node; the names still go to the
  /// review file.
  case new
}

/// Settings for turning interviews into a network.
public struct InterviewOptions: Sendable {
  /// The rating scale the nominations use.
  public var scale: RatingScale
  /// How the two directions of a pair become one tie (see ``Symmetrization``).
  public var symmetrize: Symmetrization = .none
  /// What to do with ties to people who were not interviewed.
  public var nonRespondents: NonRespondentTreatment = .keep
  /// What to do with names that match nobody or several entries.
  public var unresolved: UnresolvedNameTreatment = .drop
  /// The wave to use when the table has several.
  public var wave: String?
  /// The layer of nominations whose table gives none.
  public var defaultLayer: String = "trust"

  /// Settings with a scale; the rest default to the reported directed network, non-respondents
  /// kept, unresolved names dropped, and the only wave.
  public init(
    scale: RatingScale, symmetrize: Symmetrization = .none,
    nonRespondents: NonRespondentTreatment = .keep,
    unresolved: UnresolvedNameTreatment = .drop, wave: String? = nil
  ) {
    self.scale = scale
    self.symmetrize = symmetrize
    self.nonRespondents = nonRespondents
    self.unresolved = unresolved
    self.wave = wave
  }
}

/// A place in an input file.
public struct SourceLine: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The file.
  public var file: String
  /// The line, from 1.
  public var line: Int
  /// The column, from 1, where a line holds several nominations (a wide table's numbered
  /// names): the column of the name. 0 where the line is the place.
  public var column: Int = 0
  public static func < (a: SourceLine, b: SourceLine) -> Bool {
    (a.file, a.line, a.column) < (b.file, b.line, b.column)
  }
  public var description: String { "\(file):\(line)" + (column > 0 ? ":\(column)" : "") }
}

/// A name that did not resolve to exactly one roster entry.
public struct UnresolvedName: Hashable, Sendable {
  /// Why a name did not resolve.
  public enum Status: String, Hashable, Sendable {
    /// It matched no roster entry.
    case unmatched
    /// It matched several.
    case ambiguous
  }
  /// The name as first written.
  public var name: String
  /// Whether it matched nobody or several entries.
  public var status: Status
  /// Where it was used: `respondent`, `alter`, `affiliation`.
  public var roles: [String]
  /// Every row that used it.
  public var occurrences: [SourceLine]
  /// For an ambiguous name: the roster entries that carry it (positions).
  public var candidates: [Int]
  /// The closest roster names.
  public var suggestions: [NameSuggestion]
  /// What respondents said about the name (`alter_sector=police`, say), each once, in order.
  public var said: [String] = []
}

/// A name an alias table decided (a roster id or `new`), and where this run used it.
public struct DecidedName: Hashable, Sendable {
  /// The name as first written in the nominations or affiliations.
  public var name: String
  /// The alias table row that decided it (the first, when several agree).
  public var decision: AliasRow
  /// Where it was used: `respondent`, `alter`, `affiliation`.
  public var roles: [String]
  /// Every row that used it.
  public var occurrences: [SourceLine]
  /// What respondents said about the name, each once, in order.
  public var said: [String]
}

/// Rows left out, for one reason.
public struct DroppedRows: Hashable, Sendable {
  /// Why they were left out.
  public var reason: String
  /// The rows left out.
  public var rows: [SourceLine]
}

/// What was done: counts, and every row left out with its reason.
public struct InterviewAccount: Sendable {
  /// The settings used, as (name, value) pairs for the account.
  public var settings: [(String, String)] = []
  /// Nomination rows read.
  public var nominationRows = 0
  /// Nominations read: as many as the rows in a long table; in a wide table, the names in its
  /// rows (and one for each row that names no one).
  public var nominations = 0
  /// Rows of respondents who named no one (a wide table's row without names): they count as
  /// respondents, with no tie.
  public var namedNoOne: [SourceLine] = []
  /// Nominations of other waves, not used for this network (rows, in a long table).
  public var otherWaveRows = 0
  /// People interviewed.
  public var respondents = 0
  /// People named by others but never interviewed.
  public var nominatedOnly = 0
  /// People in the roster, neither interviewed nor named.
  public var rosterOnly = 0
  /// Nodes not in the roster (names the alias table or `--unresolved new` made nodes).
  public var addedNodes = 0
  /// Of the added nodes, those also counted as respondents or nominated only (the counts
  /// overlap: an added node is one of those too, or an organisation of the affiliations).
  public var addedAlsoAbove = 0
  /// Rows left out, by reason.
  public var dropped: [DroppedRows] = []
  /// Rows naming the same alter in the same layer again; the highest rating is kept.
  public var duplicates: [SourceLine] = []
  /// Directed reports after merging duplicates (nomination layers).
  public var reportedTies = 0
  /// Ties of non-respondents reconstructed from the other side.
  public var reconstructedTies = 0
  /// Non-respondents left out (with `drop`).
  public var droppedNodes = 0
  /// Ties left out with them.
  public var tiesDroppedWithNodes = 0
  /// Pairs named one way only that `min` or `confirmed` left out.
  public var unconfirmedPairs = 0
  /// Of those, the pairs whose other direction no one could report: its source was not
  /// interviewed (their every tie goes under `min` and `confirmed` unless reconstructed).
  public var unconfirmablePairs = 0
  /// Ties in the nomination layers of the result.
  public var resultTies = 0
  /// Ties from the affiliation table.
  public var affiliationTies = 0
  /// What a reader of the numbers should know that the counts do not say: duplicates that
  /// differ in what was said (a column of waves or relations not read as one), an added
  /// node's attribute said in different ways.
  public var notes: [String] = []
  /// The roster ids marked not interviewed (`interviewed` false) who answered all the same
  /// (rows of the nominations table name them as the respondent): they are respondents here.
  public var answeredThoughNotInterviewed: [String] = []

  /// The account as Markdown.
  public var markdown: String {
    var out = "# How the network was made\n\n"
    for (k, v) in settings { out += "- \(k): \(v)\n" }
    out += "\n## Nodes\n\n"
    out += "- respondents: \(respondents)\n- nominated only (never interviewed): \(nominatedOnly)\n"
    out +=
      "- in the roster, neither interviewed nor named: \(rosterOnly)\n- added, not in the roster: \(addedNodes)\(addedAlsoAbove > 0 ? " (\(addedAlsoAbove == addedNodes ? "each" : "\(addedAlsoAbove) of them") also counted above, as a respondent or nominated only)" : "")\n"
    if droppedNodes > 0 {
      out += "- left out as non-respondents: \(droppedNodes) (with \(tiesDroppedWithNodes) ties)\n"
    }
    if !answeredThoughNotInterviewed.isEmpty {
      out +=
        "- marked not interviewed in the roster, but respondents in the nominations (counted as respondents): \(answeredThoughNotInterviewed.count) (\(answeredThoughNotInterviewed.joined(separator: ", ")))\n"
    }
    out += "\n## Nominations\n\n"
    let wide = nominations > nominationRows
    out +=
      "- rows read: \(nominationRows)"
      + (wide
        ? ", with \(nominations) nominations (several to a row; places below are line and column)"
        : "")
      + "\n"
    if !namedNoOne.isEmpty {
      out +=
        "- respondents who named no one (counted as respondents, with no ties): \(namedNoOne.count) (\(lineList(namedNoOne)))\n"
    }
    if otherWaveRows > 0 {
      out += "- \(wide ? "nominations" : "rows") of other waves, not used: \(otherWaveRows)\n"
    }
    out += "- directed reports after merging duplicates: \(reportedTies)\n"
    if !duplicates.isEmpty {
      out +=
        "- duplicates merged (the highest rating kept): \(duplicates.count) (\(lineList(duplicates)))\n"
    }
    if reconstructedTies > 0 {
      out += "- ties reconstructed from the other side: \(reconstructedTies)\n"
    }
    if unconfirmedPairs > 0 {
      out +=
        "- pairs named one way only, left out by the symmetrisation: \(unconfirmedPairs)"
        + (unconfirmablePairs > 0
          ? " (\(unconfirmablePairs) of them with someone not interviewed, who could not name back: --non-respondents reconstruct keeps them)"
          : "") + "\n"
    }
    out += "- ties in the network: \(resultTies)\n"
    if affiliationTies > 0 { out += "- affiliation ties: \(affiliationTies)\n" }
    if !notes.isEmpty {
      out += "\n## Notes\n\n"
      for n in notes { out += "- \(n)\n" }
    }
    out += "\n## Rows left out\n\n"
    if dropped.isEmpty { out += "None.\n" }
    for d in dropped { out += "- \(d.reason): \(d.rows.count) (\(lineList(d.rows)))\n" }
    return out
  }

  private func lineList(_ rows: [SourceLine]) -> String {
    var out: [String] = []
    var file = ""
    for r in rows {
      let place = r.column > 0 ? "\(r.line):\(r.column)" : String(r.line)
      if r.file != file {
        out.append("\(r.file) line \(place)")
        file = r.file
      } else {
        out.append(place)
      }
    }
    return out.joined(separator: ", ")
  }
}

/// Problems with the interview data that are not about one place in a file.
public enum InterviewError: Error, Equatable, CustomStringConvertible {
  /// The nominations have several waves and none was chosen.
  case severalWaves([String])
  /// No nomination is in the wave chosen; the waves there are.
  case unknownWave(String, available: [String])

  public var description: String {
    switch self {
    case .severalWaves(let w):
      "the nominations have several waves (\(w.joined(separator: ", "))); choose one with --wave"
    case .unknownWave(let w, let a):
      "no nomination is in wave '\(w)'; the waves are: \(a.isEmpty ? "(none)" : a.joined(separator: ", "))"
    }
  }
}

/// A network made from interviews, with the account of how, and the names to review.
public struct InterviewNetwork: Sendable {
  /// The network made.
  public var network: Network
  /// How it was made: counts and every row left out with its reason.
  public var account: InterviewAccount
  /// The names that matched nobody or several entries, to review.
  public var unresolved: [UnresolvedName]
  /// The names the alias tables decided that this run used, in order of first use.
  public var decided: [DecidedName]
  /// The roster the names were resolved against, for the review file's suggestions.
  public var roster: Roster
  /// Unresolved and decided names together, in order of first use (the review file's order).
  private var reviewOrder: [ReviewName]
  private enum ReviewName: Sendable {
    case unresolved(Int)
    case decided(Int)
  }

  /// The inputs, each with the file name its positions refer to.
  public struct Inputs: Sendable {
    /// The nominations, one per row.
    public var nominations: [Nomination]
    /// The file they came from.
    public var nominationsFile: String
    /// The roster the names are resolved against.
    public var roster: Roster
    /// The rows of every alias table, in the order given; each row names its file.
    public var aliases: [AliasRow] = []
    /// The file of alias rows that do not name one.
    public var aliasesFile: String = "<aliases>"
    /// The rows of the affiliation table (person, organisation).
    public var affiliations: [Affiliation] = []
    /// The file of the affiliation table.
    public var affiliationsFile: String = "<affiliations>"

    /// Inputs with nominations and a roster; aliases and affiliations empty.
    public init(nominations: [Nomination], nominationsFile: String, roster: Roster) {
      self.nominations = nominations
      self.nominationsFile = nominationsFile
      self.roster = roster
    }
  }

  /// The reason a row whose respondent's name is not resolved is left out.
  static let unresolvedRespondent = "the respondent's name is not resolved (see the review file)"

  /// A nomination's row, as a key: its file (when it has its own) and line.
  static func place(_ row: Nomination) -> String { "\(row.file ?? "")\u{0}\(row.line)" }

  /// What an error for a rating outside the scale adds, so that one run shows them all: the
  /// other ratings outside it (the first ten, with their lines), and, when they are all one
  /// value that surveys use for no answer (0, 9, 99, -1, ...), how to write that.
  static func moreOutside(_ rows: [Nomination], scale: RatingScale, first: Nomination) -> String {
    let outside = rows.filter { r in r.rating.map { scale.trust($0) == nil } ?? false }
    let others = outside.filter {
      $0.line != first.line || $0.ratingColumn != first.ratingColumn
    }
    var text = ""
    if !others.isEmpty {
      let shown = others.prefix(10).map { "\(formatNumber($0.rating!)) on line \($0.line)" }
      text +=
        "; \(others.count) more \(others.count == 1 ? "is" : "are"): \(shown.joined(separator: ", "))\(others.count > 10 ? ", ..." : "")"
    }
    let values = Set(outside.map { $0.rating! }).sorted()
    let codes: Set<Double> = [0, -1, -9, -99, 8, 9, 88, 97, 98, 99, 999]
    if values.count <= 3, values.allSatisfy(codes.contains) {
      let listed = values.map(formatNumber)
      let named =
        listed.count == 1
        ? "\(listed[0]) stands"
        : "\(listed.dropLast().joined(separator: ", ")) and \(listed.last!) stand"
      text +=
        "; if \(named) for no answer, as surveys often code it, write NA or leave the cell empty (the row is then left out, and listed in the account)"
    }
    return text
  }

  /// Builds the network. Throws a ``FormatError`` for a rating outside the scale, an alias
  /// table that names no roster entry, or a name two alias rows decide differently (in one
  /// table or two), and ``InterviewError`` for an ambiguous wave.
  public init(_ inputs: Inputs, options: InterviewOptions) throws {
    let roster = inputs.roster
    var resolver = NameResolver(roster: roster)
    // The first row to decide each name (normalised); a later row may agree but not differ.
    var decidingRow: [String: AliasRow] = [:]
    for var a in inputs.aliases where !a.id.isEmpty {
      if a.file.isEmpty { a.file = inputs.aliasesFile }
      let key = NameMatching.normalise(a.name)
      let decision: NameResolver.AliasDecision
      if a.id.lowercased() == "new" {
        decision = .newNode
      } else {
        guard let i = roster.index(of: a.id) else {
          throw FormatError(
            file: a.file, line: a.line, column: a.idColumn,
            "the id '\(a.id)' is not in the roster; give a roster id, 'new', or leave it empty")
        }
        decision = .entry(i)
      }
      if let first = decidingRow[key] {
        guard resolver.decision(for: a.name) == decision else {
          throw FormatError(
            file: a.file, line: a.line, column: a.idColumn,
            "the name '\(a.name)' is decided as '\(a.id)' in \(a.file) line \(a.line) but as '\(first.id)' in \(first.file) line \(first.line)"
              + (first.name == a.name ? "" : " (written '\(first.name)')")
              + "; decide it once, or the same in both")
        }
        continue
      }
      decidingRow[key] = a
      resolver.decide(a.name, decision)
    }

    // Waves.
    let waves = Array(Set(inputs.nominations.compactMap(\.wave))).sorted()
    var rows = inputs.nominations
    var account = InterviewAccount()
    account.nominations = rows.count
    // Rows made by hand (line 0) count one each.
    account.nominationRows =
      rows.contains { $0.line == 0 } ? rows.count : Set(rows.map(Self.place)).count
    // A line that holds several nominations (a wide table) places each by its name's column.
    var nominationsOnLine: [String: Int] = [:]
    for row in rows { nominationsOnLine[Self.place(row), default: 0] += 1 }
    if let w = options.wave {
      guard waves.contains(w) else { throw InterviewError.unknownWave(w, available: waves) }
      // A wave written as another number of the same value (`1.0` beside `1`, as a
      // spreadsheet's cell format writes it) is the same wave: kept, and said.
      let value = parseDouble(w)
      let alike = waves.filter { $0 != w && value != nil && parseDouble($0) == value }
      rows = rows.filter { $0.wave == w || ($0.wave.map(alike.contains) ?? false) }
      if !alike.isEmpty {
        let n = rows.filter { $0.wave != w }.count
        account.notes.append(
          "the wave\(alike.count == 1 ? "" : "s") \(alike.map { "'\($0)'" }.joined(separator: ", ")) \(alike.count == 1 ? "is" : "are") the number of the wave chosen, '\(w)', written otherwise: \(n) \(n == 1 ? "row" : "rows") read as that wave"
        )
      }
      account.otherWaveRows = inputs.nominations.count - rows.count
    } else if waves.count > 1 {
      throw InterviewError.severalWaves(waves)
    }

    // Nodes: the roster, then names added as new nodes in order of first use.
    var network = Network(directed: options.symmetrize == .none)
    network.declareNodeAttribute(AttributeDeclaration(name: "label", type: .string))
    network.declareNodeAttribute(AttributeDeclaration(name: "kind", type: .string))
    for d in roster.attributes { network.declareNodeAttribute(d) }
    for e in roster.entries {
      try network.addNode(Node(id: e.id, label: e.label, kind: e.kind, attributes: e.attributes))
    }
    var unresolved: [String: UnresolvedName] = [:]
    var decided: [String: DecidedName] = [:]
    var reviewOrder: [String] = []
    var newNodeByKey: [String: Int] = [:]
    var exactAmongAlike: [String: (entry: Int, alike: [Int], count: Int)] = [:]
    var exactAmongAlikeOrder: [String] = []
    // Names read as one entry's id that are also another entry's label or alias.
    var idAlsoName: [String: (entry: Int, others: [Int], count: Int)] = [:]
    var idAlsoNameOrder: [String] = []
    var reportedAbout: [Int: [String: [AttributeValue]]] = [:]
    var dropped: [String: [SourceLine]] = [:]
    var droppedOrder: [String] = []
    func drop(_ reason: String, _ at: SourceLine) {
      if dropped[reason] == nil { droppedOrder.append(reason) }
      dropped[reason, default: []].append(at)
    }
    /// Records a use of a name the alias tables decided.
    func noteDecided(
      _ name: String, _ row: AliasRow, role: String, at: SourceLine, said: [String: AttributeValue]
    ) {
      let key = NameMatching.normalise(name)
      if decided[key] == nil {
        reviewOrder.append(key)
        decided[key] = DecidedName(name: name, decision: row, roles: [], occurrences: [], said: [])
      }
      if !decided[key]!.roles.contains(role) { decided[key]!.roles.append(role) }
      for (k, v) in said.sorted(by: { $0.key < $1.key })
      where !decided[key]!.said.contains("\(k)=\(v)") {
        decided[key]!.said.append("\(k)=\(v)")
      }
      decided[key]!.occurrences.append(at)
    }
    func note(
      _ name: String, _ resolution: NameResolution, role: String, at: SourceLine,
      said: [String: AttributeValue]
    ) {
      let key = NameMatching.normalise(name)
      if unresolved[key] == nil {
        reviewOrder.append(key)
        var candidates: [Int] = []
        var status = UnresolvedName.Status.unmatched
        if case .ambiguous(let c) = resolution {
          candidates = c
          status = .ambiguous
        }
        unresolved[key] = UnresolvedName(
          name: name, status: status, roles: [], occurrences: [], candidates: candidates,
          suggestions: resolver.suggestions(for: name))
      }
      if !unresolved[key]!.roles.contains(role) { unresolved[key]!.roles.append(role) }
      for (k, v) in said.sorted(by: { $0.key < $1.key })
      where !unresolved[key]!.said.contains("\(k)=\(v)") {
        unresolved[key]!.said.append("\(k)=\(v)")
      }
      unresolved[key]!.occurrences.append(at)
    }
    /// The node for a name, or nil when the row is to be left out.
    func nodeFor(
      _ name: String, role: String, at: SourceLine, said: [String: AttributeValue] = [:],
      network: inout Network
    ) -> Int? {
      let r = resolver.resolve(name)
      if let row = decidingRow[NameMatching.normalise(name)] {
        noteDecided(name, row, role: role, at: at, said: said)
      }
      switch r {
      case .entry(let i):
        // Read by its exact spelling where another entry's name folds alike: said, since a
        // name written without its diacritics is read as the other person.
        let alike = resolver.entriesFoldingAlike(name)
        let written = name.trimmingCharacters(in: .whitespaces)
        if alike.count > 1, resolver.decision(for: name) == nil {
          if roster.index(of: written) == nil {
            if exactAmongAlike[written] == nil { exactAmongAlikeOrder.append(written) }
            exactAmongAlike[written, default: (i, alike, 0)].count += 1
          } else {
            // An id wins over names, so a name another entry goes by is read as this one.
            let key = NameMatching.normalise(name)
            let others = alike.filter { j in
              j != i
                && ([roster.entries[j].label] + roster.entries[j].aliases).contains {
                  NameMatching.normalise($0) == key
                }
            }
            if !others.isEmpty {
              if idAlsoName[written] == nil { idAlsoNameOrder.append(written) }
              idAlsoName[written, default: (i, others, 0)].count += 1
            }
          }
        }
        return i
      case .newNode: break
      case .ambiguous:
        // Two roster entries answer to the name: a node of its own would be a third person.
        note(name, r, role: role, at: at, said: said)
        return nil
      case .unmatched:
        note(name, r, role: role, at: at, said: said)
        if options.unresolved == .drop { return nil }
      }
      let key = NameMatching.normalise(name)
      if let i = newNodeByKey[key] { return i }
      var id = name
      var k = 2
      while network.index(of: id) != nil {
        id = "\(name) (\(k))"
        k += 1
      }
      let i = try! network.addNode(Node(id: id, label: name))
      newNodeByKey[key] = i
      return i
    }

    // Directed reports, duplicates merged.
    struct Report {
      var trust: Double
      var rating: Double
      var reconstructed = false
    }
    var reportKeys: [[Int]] = []  // [layer, source, target] in order of first report
    // What the first report of each pair said, and the columns a duplicate says otherwise.
    var firstSaid: [[Int]: (said: [String: AttributeValue], at: SourceLine)] = [:]
    var differing:
      [String: (
        count: Int, first: AttributeValue, then: AttributeValue, firstAt: SourceLine,
        thenAt: SourceLine
      )] = [:]
    var differingOrder: [String] = []
    var reports: [[Int]: Report] = [:]
    var layerNames: [String] = []
    var layerIndex: [String: Int] = [:]
    /// The number of a layer, numbered in order of first use.
    func layer(_ name: String) -> Int {
      if let l = layerIndex[name] { return l }
      layerIndex[name] = layerNames.count
      layerNames.append(name)
      return layerNames.count - 1
    }
    var respondentSet = Set<Int>()
    var answeredInRows = Set<Int>()
    var answeredAnyway = Set<Int>()
    var named = Set<Int>()
    for (i, e) in roster.entries.enumerated() where e.interviewed == true {
      respondentSet.insert(i)
    }
    let file = inputs.nominationsFile
    for row in rows {
      let at = SourceLine(
        file: row.file ?? file, line: row.line,
        column: nominationsOnLine[Self.place(row), default: 0] > 1 ? row.alterColumn : 0)
      guard let s = nodeFor(row.respondent, role: "respondent", at: at, network: &network) else {
        drop(Self.unresolvedRespondent, at)
        continue
      }
      respondentSet.insert(s)
      answeredInRows.insert(s)
      if s < roster.entries.count, roster.entries[s].interviewed == false {
        answeredAnyway.insert(s)
      }
      // A respondent who named no one (a wide table's row without names): no tie.
      if row.alter.isEmpty {
        account.namedNoOne.append(at)
        continue
      }
      guard let t = nodeFor(row.alter, role: "alter", at: at, said: row.reported, network: &network)
      else {
        drop("the name given is not resolved (see the review file)", at)
        continue
      }
      // A node added for a name given is nominated, even where its row is left out below (no
      // rating, say): it is in no roster.
      if t >= roster.entries.count { named.insert(t) }
      if newNodeByKey[NameMatching.normalise(row.alter)] == t {
        for (k, v) in row.reported { reportedAbout[t, default: [:]][k, default: []].append(v) }
      }
      guard let rating = row.rating else {
        drop("no rating", at)
        continue
      }
      guard let trust = options.scale.trust(rating) else {
        throw FormatError(
          file: row.file ?? file, line: row.line, column: row.ratingColumn,
          "the rating \(formatNumber(rating)) is outside the scale \(options.scale)"
            + Self.moreOutside(rows, scale: options.scale, first: row))
      }
      if s == t {
        drop("the respondent names themself", at)
        continue
      }
      named.insert(t)
      let layerName = row.layer ?? options.defaultLayer
      let l = layer(layerName)
      let key = [l, s, t]
      if let old = reports[key] {
        account.duplicates.append(at)
        // What the two rows said differently: a column that tells waves or relations apart,
        // named otherwise than `wave` or `layer`, merges them here.
        let first = firstSaid[key]!
        for (k, v) in row.reported.sorted(by: { $0.key < $1.key }) {
          guard let w = first.said[k], w != v else { continue }
          if differing[k] == nil {
            differingOrder.append(k)
            differing[k] = (0, w, v, first.at, at)
          }
          differing[k]!.count += 1
        }
        if rating > old.rating { reports[key] = Report(trust: trust, rating: rating) }
      } else {
        reports[key] = Report(trust: trust, rating: rating)
        reportKeys.append(key)
        firstSaid[key] = (row.reported, at)
      }
    }
    for k in differingOrder {
      let d = differing[k]!
      account.notes.append(
        "\(d.count) \(d.count == 1 ? "duplicate merged differs" : "duplicates merged differ") from the first report of the pair in '\(k)' ('\(d.first)' at \(d.firstAt), '\(d.then)' at \(d.thenAt)); if '\(k)' tells waves or relations apart, name it with --wave-column or --layer-column, as the rows are otherwise one report, the highest rating kept"
      )
    }
    account.answeredThoughNotInterviewed = answeredAnyway.sorted().map { network.nodes[$0].id }
    // Marked interviewed in the roster, with no row here: respondents who named no one, or
    // people not interviewed in this wave (the roster has one mark for every wave).
    let silent = roster.entries.indices.filter {
      roster.entries[$0].interviewed == true && !answeredInRows.contains($0)
    }
    for name in exactAmongAlikeOrder.prefix(10) {
      let x = exactAmongAlike[name]!
      let others = x.alike.filter { $0 != x.entry }.map {
        "'\(roster.entries[$0].label)' ('\(roster.entries[$0].id)')"
      }
      account.notes.append(
        "'\(name)' is read as '\(roster.entries[x.entry].id)', whose name it is as written (\(x.count) \(x.count == 1 ? "use" : "uses")), though it folds alike with \(others.joined(separator: ", ")); where a row means \(others.count == 1 ? "that person" : "another of them") with the diacritics left out, write the name so in it"
      )
    }
    for name in idAlsoNameOrder.prefix(10) {
      let x = idAlsoName[name]!
      let others = x.others.map {
        "'\(roster.entries[$0].label)' ('\(roster.entries[$0].id)')"
      }
      account.notes.append(
        "'\(name)' is read as the roster id '\(roster.entries[x.entry].id)' (\(x.count) \(x.count == 1 ? "use" : "uses")), though it is also a name of \(others.joined(separator: ", ")); an id is matched before names, so where a row means \(others.count == 1 ? "that entry" : "another of them"), decide the name in an alias table"
      )
    }
    if idAlsoNameOrder.count > 10 {
      account.notes.append(
        "\(idAlsoNameOrder.count - 10) more names are read as roster ids though they are also other entries' names"
      )
    }
    // Respondents whose names are not resolved may be these people under another spelling.
    let unresolvedRespondents =
      dropped[Self.unresolvedRespondent]?.count ?? 0
    if !silent.isEmpty {
      let ids = silent.map { "'\(roster.entries[$0].id)'" }
      account.notes.append(
        "\(silent.count == 1 ? "1 person the roster marks" : "\(silent.count) people the roster marks") interviewed \(silent.count == 1 ? "has" : "have") no row in the nominations\(options.wave.map { " of wave \($0)" } ?? "") (\(ids.prefix(10).joined(separator: ", "))\(ids.count > 10 ? ", ..." : "")): counted as \(silent.count == 1 ? "a respondent" : "respondents") who named no one. If \(silent.count == 1 ? "they were" : "some were") not interviewed\(options.wave == nil ? "" : " in this wave"), give \(options.wave == nil ? "the study" : "the wave") a roster that marks them interviewed false: as respondents, their silence reads as no ties\(options.wave == nil ? "" : ", and a comparison of waves reads it as ties lost")"
          + (unresolvedRespondents > 0
            ? "; \(unresolvedRespondents) \(unresolvedRespondents == 1 ? "row's respondent is" : "rows' respondents are") not resolved (see the review file), and may be theirs under another spelling"
            : "")
      )
    }
    account.reportedTies = reportKeys.count
    // Layers written in other case or spacing (`Trust`, `trust `) are other layers, each
    // analysed on its own: most likely one relation typed two ways.
    let alikeLayers = Dictionary(grouping: layerNames, by: { Network.foldedName($0) })
      .values.filter { $0.count > 1 }.map { $0.sorted() }.sorted { $0[0] < $1[0] }
    for names in alikeLayers {
      account.notes.append(
        "the layers \(names.map { "'\($0)'" }.joined(separator: ", ")) differ only in case or spacing and are kept as \(names.count) layers; if they are one relation, write it one way in the layer column"
      )
    }
    // A multiple choice as survey apps write it (KoboToolbox's select_multiple: the choices
    // separated by spaces) in the layer column is a layer of its own, where each choice was
    // meant: `work advice` beside `work` and `advice`.
    let single = Set(layerNames)
    for name in layerNames.sorted() {
      let parts = name.split(separator: " ").map(String.init)
      guard parts.count > 1, parts.allSatisfy(single.contains) else { continue }
      account.notes.append(
        "the layer '\(name)' is made of the layers \(parts.map { "'\($0)'" }.joined(separator: ", ")) (a multiple choice, as survey apps write one, the choices separated by spaces), and is kept as a layer of its own: a nomination in it is in neither \(parts.count == 2 ? "of the two" : "of the others"); give each choice a row of its own to count it in each"
      )
    }
    // On a scale from 0 the rating 0 is a tie of the least trust; a survey's 0 often means no
    // tie, or "do not know", which would read as ties here.
    if options.scale.lower == 0 {
      let zero = reportKeys.filter { reports[$0]!.rating == 0 }.count
      if zero > 0 {
        account.notes.append(
          "\(zero) \(zero == 1 ? "tie is" : "ties are") rated 0, the lowest rating of --scale \(options.scale), and kept as \(zero == 1 ? "a tie" : "ties") of trust \(formatNumber(options.scale.trust(0)!)); if 0 means no tie or 'do not know', leave those ratings empty (rows without a rating are left out), or give the scale from 1"
        )
      }
    }

    // Affiliations.
    var affiliationTies: [(layer: String, member: Int, organisation: Int)] = []
    var affiliationOrganisations = Set<Int>()
    var seenAffiliations = Set<[Int]>()
    for a in inputs.affiliations {
      let at = SourceLine(file: inputs.affiliationsFile, line: a.line)
      guard let m = nodeFor(a.member, role: "affiliation", at: at, network: &network),
        let o = nodeFor(a.organisation, role: "affiliation", at: at, network: &network)
      else {
        drop("an affiliation's name is not resolved (see the review file)", at)
        continue
      }
      if m == o {
        drop("an affiliation of a node with itself", at)
        continue
      }
      let l = layer(a.layer)
      if !seenAffiliations.insert([l, m, o]).inserted {
        drop("an affiliation listed again", at)
        continue
      }
      affiliationTies.append((a.layer, m, o))
      affiliationOrganisations.insert(o)
    }

    // New nodes take what respondents said about them (the most frequent value; ties: first said).
    // In order of node and name, so that the output is the same every run: `sector` after
    // `alter_sector`, so that the name as written wins where both are said.
    for (i, attrs) in reportedAbout.sorted(by: { $0.key < $1.key }) {
      for (name, values) in attrs.sorted(by: { $0.key < $1.key }) {
        var counts: [AttributeValue: Int] = [:]
        for v in values { counts[v, default: 0] += 1 }
        let best = values.max {
          counts[$0]! < counts[$1]!
            || (counts[$0]! == counts[$1]!
              && values.firstIndex(of: $0)! > values.firstIndex(of: $1)!)
        }!
        if counts.count > 1 {
          let said = counts.keys.sorted { values.firstIndex(of: $0)! < values.firstIndex(of: $1)! }
          account.notes.append(
            "'\(network.nodes[i].id)' (added, not in the roster): '\(name)' was said as \(said.prefix(4).map { "'\($0)' \(counts[$0]!) \(counts[$0]! == 1 ? "time" : "times")" }.joined(separator: ", "))\(said.count > 4 ? ", ..." : ""); '\(best)' is kept, \(said.filter { counts[$0] == counts[best] }.count > 1 ? "the first of those said most often" : "the most often said")"
          )
        }
        // `alter_sector` said about an alter is the alter's `sector`.
        let name = name.lowercased().hasPrefix("alter_") ? String(name.dropFirst(6)) : name
        if name.lowercased() == "kind" {
          network.setNodeAttribute(
            "kind", .string(NodeKind(spelling: best.description).rawValue), at: i)
        } else {
          network.setNodeAttribute(name, best, at: i)
          network.declareNodeAttribute(AttributeDeclaration(name: name, type: best.type))
        }
      }
    }

    // Non-respondents.
    if options.nonRespondents == .reconstruct {
      for key in reportKeys where !respondentSet.contains(key[2]) {
        let back = [key[0], key[2], key[1]]
        if reports[back] == nil {
          var r = reports[key]!
          r.reconstructed = true
          reports[back] = r
          reportKeys.append(back)
          account.reconstructedTies += 1
        }
      }
    }

    // Node status.
    network.declareNodeAttribute(AttributeDeclaration(name: "respondent", type: .boolean))
    network.declareNodeAttribute(AttributeDeclaration(name: "status", type: .string))
    network.declareNodeAttribute(AttributeDeclaration(name: "in_roster", type: .boolean))
    for i in 0..<network.nodeCount {
      let status =
        respondentSet.contains(i)
        ? "respondent" : named.contains(i) ? "nominated-only" : "roster-only"
      network.setNodeAttribute("respondent", .boolean(respondentSet.contains(i)), at: i)
      network.setNodeAttribute("status", .string(status), at: i)
      network.setNodeAttribute("in_roster", .boolean(i < roster.entries.count), at: i)
    }

    // Keep every node, or only respondents (and affiliation organisations).
    var keep = [Bool](repeating: true, count: network.nodeCount)
    if options.nonRespondents == .drop {
      for i in keep.indices
      where !respondentSet.contains(i) && !affiliationOrganisations.contains(i) { keep[i] = false }
    }
    for i in keep.indices {
      if !keep[i] {
        account.droppedNodes += 1
        continue
      }
      if respondentSet.contains(i) {
        account.respondents += 1
      } else if named.contains(i) {
        account.nominatedOnly += 1
      } else if !affiliationOrganisations.contains(i) || i < roster.entries.count {
        account.rosterOnly += 1
      }
    }
    account.addedNodes = (roster.entries.count..<network.nodeCount).filter { keep[$0] }.count
    account.addedAlsoAbove =
      (roster.entries.count..<network.nodeCount).filter {
        keep[$0] && (respondentSet.contains($0) || named.contains($0))
      }.count

    var result = Network(directed: network.isDirected)
    result.nodeAttributes = network.nodeAttributes
    var newIndex = [Int](repeating: -1, count: network.nodeCount)
    for i in 0..<network.nodeCount where keep[i] {
      newIndex[i] = try result.addNode(network.nodes[i])
    }
    result.declareTieAttribute(AttributeDeclaration(name: "reciprocated", type: .boolean))
    if options.nonRespondents == .reconstruct {
      result.declareTieAttribute(AttributeDeclaration(name: "reconstructed", type: .boolean))
    }

    let kept = reportKeys.filter { keep[$0[1]] && keep[$0[2]] }
    account.tiesDroppedWithNodes = reportKeys.count - kept.count
    func reciprocated(_ key: [Int]) -> Bool {
      guard let a = reports[key], let b = reports[[key[0], key[2], key[1]]] else { return false }
      return !a.reconstructed && !b.reconstructed
    }
    if options.symmetrize == .none {
      result.declareTieAttribute(AttributeDeclaration(name: "rating", type: .double))
      for key in kept {
        let r = reports[key]!
        var attrs: [String: AttributeValue] = [
          "reciprocated": .boolean(reciprocated(key)), "rating": .double(r.rating),
        ]
        if options.nonRespondents == .reconstruct {
          attrs["reconstructed"] = .boolean(r.reconstructed)
        }
        result.addTie(
          Tie(
            source: newIndex[key[1]], target: newIndex[key[2]], trust: r.trust,
            layer: layerNames[key[0]], attributes: attrs))
        account.resultTies += 1
      }
    } else {
      var done = Set<[Int]>()
      for key in kept {
        let (l, s, t) = (key[0], key[1], key[2])
        let pair = [l, Swift.min(s, t), Swift.max(s, t)]
        if !done.insert(pair).inserted { continue }
        let a = reports[key]
        let b = reports[[l, t, s]]
        // A direction is unknown when its source was not interviewed and nothing was reconstructed.
        let backUnknown = b == nil && !respondentSet.contains(t)
        let values = [a?.trust, b?.trust].compactMap { $0 }
        var trust: Double?
        switch options.symmetrize {
        case .none: break
        case .max: trust = values.max()
        case .any: trust = values.reduce(0, +) / Double(values.count)
        case .min: trust = values.count == 2 ? values.min() : nil
        case .confirmed: trust = values.count == 2 ? (values[0] + values[1]) / 2 : nil
        case .mean:
          let known = values.count + (b == nil && !backUnknown ? 1 : 0)
          trust = values.reduce(0, +) / Double(known)
        }
        guard let trust else {
          account.unconfirmedPairs += 1
          if backUnknown { account.unconfirmablePairs += 1 }
          continue
        }
        var attrs: [String: AttributeValue] = ["reciprocated": .boolean(reciprocated(key))]
        if options.nonRespondents == .reconstruct {
          attrs["reconstructed"] = .boolean(a?.reconstructed == true || b?.reconstructed == true)
        }
        result.addTie(
          Tie(
            source: newIndex[s], target: newIndex[t], trust: trust, layer: layerNames[l],
            attributes: attrs))
        account.resultTies += 1
      }
    }
    for a in affiliationTies {
      guard keep[a.member], keep[a.organisation] else {
        account.tiesDroppedWithNodes += 1
        continue
      }
      result.addTie(
        Tie(source: newIndex[a.member], target: newIndex[a.organisation], layer: a.layer))
      account.affiliationTies += 1
    }

    account.settings = [
      ("nominations", inputs.nominationsFile),
      ("scale", "\(options.scale) (trust = \(options.scale.rule))"),
      ("symmetrize", options.symmetrize.rawValue),
      ("non-respondents", options.nonRespondents.rawValue),
      ("unresolved names", options.unresolved.rawValue),
      ("wave", options.wave ?? (waves.first ?? "(none)")),
    ]
    for (k, v) in [
      ("scale", options.scale.description), ("symmetrize", options.symmetrize.rawValue),
      ("non_respondents", options.nonRespondents.rawValue),
      ("unresolved_names", options.unresolved.rawValue),
    ]
      + (options.wave.map { [("wave", $0)] } ?? [])
    {
      result.attributes[k] = .string(v)
      result.networkAttributes.append(AttributeDeclaration(name: k, type: .string))
    }
    // Affiliation ties are person to organisation: say so, so analyses of people leave them out.
    result.declaredAffiliationLayers = Array(Set(affiliationTies.map(\.layer))).sorted()
    account.dropped = droppedOrder.map { DroppedRows(reason: $0, rows: dropped[$0]!) }
    self.network = result
    self.account = account
    var unresolvedList: [UnresolvedName] = []
    var decidedList: [DecidedName] = []
    self.reviewOrder = reviewOrder.map { key in
      if let u = unresolved[key] {
        unresolvedList.append(u)
        return .unresolved(unresolvedList.count - 1)
      }
      decidedList.append(decided[key]!)
      return .decided(decidedList.count - 1)
    }
    self.unresolved = unresolvedList
    self.decided = decidedList
    self.roster = roster
  }

  /// The review file's columns, in order; `name` and `id` are those of an alias table.
  public static let reviewColumns = [
    "name", "id", "status", "used_as", "rows", "count", "suggestions", "said",
  ]

  /// The review file: one row per unresolved name, with an empty `id` for the researcher to fill
  /// with a roster id or `new`, then pass back as the alias table.
  public var reviewCSV: String { reviewCSV(keeping: []) }

  /// The review file that replaces `previous`, keeping what the researcher wrote in it.
  ///
  /// `previous` is the review file being replaced, read as an alias table and given to this
  /// network as one. Every row of it with an `id` filled in stays, with that id as written, so a
  /// decision is never lost by running again: a name this run used stays in its place (order of
  /// first use) with fresh rows, counts and suggestions; the others follow in the order of
  /// `previous`. Columns the researcher added (a `note`, say) stay with their names, on decided
  /// rows and on names still to review. `status` says what the roster alone makes of a name:
  /// `unmatched`, `ambiguous`, or `matched` (the roster now has it; the decision still wins).
  ///
  /// - Complexity: O(r + p) for r review rows and p rows of `previous`, plus the suggestions
  ///   for the decided names (O(roster names) each).
  public func reviewCSV(keeping previous: [AliasRow]) -> String {
    // Per name (normalised): its first row with an id filled in, else its first row.
    var previousRow: [String: AliasRow] = [:]
    var previousOrder: [String] = []
    for row in previous {
      let key = NameMatching.normalise(row.name)
      if let old = previousRow[key] {
        if old.id.isEmpty && !row.id.isEmpty { previousRow[key] = row }
      } else {
        previousRow[key] = row
        previousOrder.append(key)
      }
    }
    var noteColumns: [String] = []
    for row in previous {
      for n in row.notes where !noteColumns.contains(n.column) { noteColumns.append(n.column) }
    }
    /// Whether a row of `previous` holds something the researcher wrote.
    func written(_ row: AliasRow) -> Bool {
      !row.id.isEmpty || row.notes.contains { !$0.text.isEmpty }
    }
    func csvLine(_ fields: [String], _ row: AliasRow?) -> String {
      let notes = noteColumns.map { c in row?.notes.first { $0.column == c }?.text ?? "" }
      // The review file is opened in a spreadsheet: a name that would start a formula is
      // written behind a ' (OWASP's CSV injection), which reading it back takes off.
      return (fields + notes).map { CSVFormat.quote(guardingFormula($0), delimiter: ",") }.joined(
        separator: ",") + "\n"
    }
    func candidateList(_ entries: [Int]) -> String {
      entries.map { "\(roster.entries[$0].id) (\(roster.entries[$0].label))" }.joined(
        separator: "; ")
    }
    func suggestionList(_ s: [NameSuggestion]) -> String {
      s.map { "\(roster.entries[$0.entry].id) (\($0.name), distance \($0.distance))" }.joined(
        separator: "; ")
    }
    // A decided name's status and suggestions, from the roster alone.
    let plain = NameResolver(roster: roster)
    func rosterView(_ name: String) -> (status: String, suggestions: String) {
      switch plain.resolve(name) {
      case .entry(let i): ("matched", candidateList([i]))
      case .ambiguous(let c): (UnresolvedName.Status.ambiguous.rawValue, candidateList(c))
      case .unmatched, .newNode:
        (UnresolvedName.Status.unmatched.rawValue, suggestionList(plain.suggestions(for: name)))
      }
    }

    var out =
      (Self.reviewColumns + noteColumns).map { CSVFormat.quote($0, delimiter: ",") }.joined(
        separator: ",") + "\n"
    var done = Set<String>()
    for item in reviewOrder {
      switch item {
      case .unresolved(let k):
        let u = unresolved[k]
        let row = previousRow[NameMatching.normalise(u.name)]
        done.insert(NameMatching.normalise(u.name))
        let suggestions =
          u.status == .ambiguous ? candidateList(u.candidates) : suggestionList(u.suggestions)
        out += csvLine(
          [
            u.name, row?.id ?? "", u.status.rawValue, u.roles.joined(separator: " "),
            u.occurrences.map(\.description).joined(separator: "; "), String(u.occurrences.count),
            suggestions,
            u.said.joined(separator: "; "),
          ], row)
      case .decided(let k):
        let d = decided[k]
        let key = NameMatching.normalise(d.name)
        // Decided in another alias table only: that table keeps it.
        guard let row = previousRow[key], written(row) else { continue }
        done.insert(key)
        let view = rosterView(row.name)
        out += csvLine(
          [
            row.name, row.id, view.status, d.roles.joined(separator: " "),
            d.occurrences.map(\.description).joined(separator: "; "), String(d.occurrences.count),
            view.suggestions,
            d.said.joined(separator: "; "),
          ], row)
      }
    }
    for key in previousOrder where !done.contains(key) {
      let row = previousRow[key]!
      guard written(row) else { continue }
      let view = rosterView(row.name)
      out += csvLine([row.name, row.id, view.status, "", "", "0", view.suggestions, ""], row)
    }
    return out
  }
}
