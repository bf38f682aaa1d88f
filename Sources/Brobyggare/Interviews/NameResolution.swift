import Foundation

/// Names as respondents say or write them, matched to a roster without ever merging two
/// roster entries and without guessing.
///
/// A name is *normalised* before matching: letters are folded to lower case, diacritics are
/// removed (`Åsa Öberg` matches `asa oberg`; `ø`, `æ`, `ß`, `ł` and `đ` are spelled out as
/// `o`, `ae`, `ss`, `l` and `d`), every run of punctuation and white space becomes one space,
/// and leading and trailing spaces go. The original spelling is kept for display.
public enum NameMatching {
  /// The normalised form used for matching.
  public static func normalise(_ name: String) -> String {
    var out = String.UnicodeScalarView()
    var pendingSpace = false
    for scalar in name.decomposedStringWithCompatibilityMapping.unicodeScalars {
      let p = scalar.properties
      if p.generalCategory == .nonspacingMark || p.generalCategory == .enclosingMark || p.generalCategory == .spacingMark { continue }
      if p.isAlphabetic || p.numericType != nil {
        if pendingSpace && !out.isEmpty { out.append(" ") }
        pendingSpace = false
        for lower in String(scalar).lowercased().unicodeScalars {
          switch lower {
          case "ø": out.append("o")
          case "æ": out.append(contentsOf: "ae".unicodeScalars)
          case "œ": out.append(contentsOf: "oe".unicodeScalars)
          case "ß": out.append(contentsOf: "ss".unicodeScalars)
          case "ł": out.append("l")
          case "đ", "ð": out.append("d")
          case "þ": out.append(contentsOf: "th".unicodeScalars)
          case "ı": out.append("i")
          default: out.append(lower)
          }
        }
      } else {
        pendingSpace = true
      }
    }
    return String(out)
  }

  /// The Levenshtein distance between two strings, counted in Unicode scalars.
  public static func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous = Array(0...y.count)
    var current = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
      current[0] = i
      for j in 1...y.count {
        let cost = x[i - 1] == y[j - 1] ? 0 : 1
        current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[y.count]
  }
}

/// One person or organisation a study knows of: an id, a display label, a kind, attributes, and
/// the other names it goes by.
public struct RosterEntry: Hashable, Sendable {
  public var id: String
  public var label: String
  public var kind: NodeKind
  /// Further attributes (sector, level, organisation...), typed as the roster file gives them.
  public var attributes: [String: AttributeValue]
  /// Other names for the same entry (nicknames, abbreviations, former names).
  public var aliases: [String]
  /// Whether the roster marks this entry as interviewed (its `interviewed` column), when it has
  /// such a column; `nil` when it does not say.
  public var interviewed: Bool?

  public init(id: String, label: String, kind: NodeKind = .other, attributes: [String: AttributeValue] = [:],
              aliases: [String] = [], interviewed: Bool? = nil) {
    self.id = id
    self.label = label
    self.kind = kind
    self.attributes = attributes
    self.aliases = aliases
    self.interviewed = interviewed
  }
}

/// The people and organisations of a study. Ids are unique; labels and aliases need not be
/// (two people may share a name), but a name shared by two entries resolves to neither.
public struct Roster: Sendable {
  public private(set) var entries: [RosterEntry] = []
  /// Declared attributes other than id, label, kind, aliases and interviewed, in file order.
  public var attributes: [AttributeDeclaration] = []
  private var indexByID: [String: Int] = [:]

  public init() {}

  public init(_ entries: [RosterEntry]) throws(NetworkError) {
    for e in entries { try add(e) }
  }

  /// Adds an entry; throws when its id is taken.
  public mutating func add(_ entry: RosterEntry) throws(NetworkError) {
    if indexByID[entry.id] != nil { throw .duplicateNode(entry.id) }
    indexByID[entry.id] = entries.count
    entries.append(entry)
  }

  /// The position of the entry with this id.
  public func index(of id: String) -> Int? { indexByID[id] }
}

/// How one name resolved.
public enum NameResolution: Hashable, Sendable {
  /// To the roster entry at this position (by id, label or alias, or by the alias table).
  case entry(Int)
  /// The alias table says: a new node, not in the roster.
  case newNode
  /// Several roster entries carry this name; they are listed by position.
  case ambiguous([Int])
  /// No roster entry carries this name.
  case unmatched
}

/// A closest roster name for an unresolved name.
public struct NameSuggestion: Hashable, Sendable {
  public var entry: Int
  /// The roster name (label or alias) that came closest.
  public var name: String
  /// Its edit distance from the unresolved name, both normalised.
  public var distance: Int
}

/// Resolves names against a roster and an alias table.
///
/// Order of precedence: the alias table (a researcher's decision); then an exact roster id;
/// then the normalised label or alias. A normalised name that two entries share is
/// ambiguous and never resolved.
public struct NameResolver: Sendable {
  public let roster: Roster
  private var byName: [String: [Int]] = [:]
  private var decisions: [String: AliasDecision] = [:]

  /// What the researcher decided for a name in the alias table.
  public enum AliasDecision: Hashable, Sendable {
    case entry(Int)
    case newNode
  }

  public init(roster: Roster) {
    self.roster = roster
    for (i, e) in roster.entries.enumerated() {
      var names = Set([NameMatching.normalise(e.label), NameMatching.normalise(e.id)])
      for a in e.aliases { names.insert(NameMatching.normalise(a)) }
      for n in names where !n.isEmpty { byName[n, default: []].append(i) }
    }
  }

  /// Records a researcher's decision for a name (matched after normalisation).
  public mutating func decide(_ name: String, _ decision: AliasDecision) {
    decisions[NameMatching.normalise(name)] = decision
  }

  /// The decision already recorded for this name, if any.
  public func decision(for name: String) -> AliasDecision? { decisions[NameMatching.normalise(name)] }

  public func resolve(_ name: String) -> NameResolution {
    let key = NameMatching.normalise(name)
    switch decisions[key] {
    case .entry(let i): return .entry(i)
    case .newNode: return .newNode
    case nil: break
    }
    if let i = roster.index(of: name.trimmingCharacters(in: .whitespaces)) { return .entry(i) }
    guard let hits = byName[key] else { return .unmatched }
    return hits.count == 1 ? .entry(hits[0]) : .ambiguous(hits)
  }

  /// Up to `limit` roster names closest to `name` by edit distance (after normalisation), each
  /// entry once, nearest first; ties broken by roster order. Only names within a third of the
  /// longer name's length (and at least 1) are suggested.
  public func suggestions(for name: String, limit: Int = 3) -> [NameSuggestion] {
    let key = NameMatching.normalise(name)
    var best: [Int: NameSuggestion] = [:]
    for (i, e) in roster.entries.enumerated() {
      for candidate in [e.label] + e.aliases {
        let n = NameMatching.normalise(candidate)
        let d = NameMatching.editDistance(key, n)
        guard d <= Swift.max(1, Swift.max(key.unicodeScalars.count, n.unicodeScalars.count) / 3) else { continue }
        if let b = best[i], b.distance <= d { continue }
        best[i] = NameSuggestion(entry: i, name: candidate, distance: d)
      }
    }
    return best.values.sorted { ($0.distance, $0.entry) < ($1.distance, $1.entry) }.prefix(limit).map { $0 }
  }
}
