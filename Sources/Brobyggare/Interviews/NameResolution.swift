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
      if p.generalCategory == .nonspacingMark || p.generalCategory == .enclosingMark
        || p.generalCategory == .spacingMark
      {
        continue
      }
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

  /// The longest name, in Unicode scalars after normalisation, that gets suggestions: a name
  /// is close only within a third of its length in edits, so longer ones would cost a table of
  /// L × 2L/3 cells against each roster name of like length (20 names of 3,000 characters
  /// against 20 such roster names took 31 s) and are no person's name.
  public static let maximumSuggestedLength = 200

  /// The Levenshtein distance between two strings, counted in Unicode scalars.
  public static func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a.unicodeScalars)
    let y = Array(b.unicodeScalars)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous = Array(0...y.count)
    var current = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
      current[0] = i
      for j in 1...y.count {
        let cost = x[i - 1] == y[j - 1] ? 0 : 1
        current[j] = Swift.min(Swift.min(previous[j], current[j - 1]) + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[y.count]
  }

  /// The Levenshtein distance between two sequences of Unicode scalar values when it is at
  /// most `bound`, else `nil`: only the cells within `bound` of the diagonal are computed, and
  /// the work stops at the first row whose cells all exceed it (Ukkonen 1985,
  /// https://doi.org/10.1016/S0019-9958(85)80046-2). `rows` is scratch space, reused across
  /// calls; `cells` counts the cells computed.
  ///
  /// - Complexity: O(min(*n*, *m*) × `bound`).
  static func editDistance(
    _ x: [UInt32], _ y: [UInt32], atMost bound: Int, rows: inout [Int],
    cells: inout Int
  ) -> Int? {
    let n = x.count
    let m = y.count
    if abs(n - m) > bound { return nil }
    if n == 0 || m == 0 { return Swift.max(n, m) }
    let over = bound + 1  // any distance beyond the bound
    if rows.count < 2 * (m + 1) { rows = [Int](repeating: 0, count: 2 * (m + 1)) }
    var computed = 0
    defer { cells += computed }
    return rows.withUnsafeMutableBufferPointer { buffer -> Int? in
      x.withUnsafeBufferPointer { x in
        y.withUnsafeBufferPointer { y in
          var previous = 0
          var current = m + 1  // where the two rows start in `buffer`
          for j in 0...m { buffer[j] = j <= bound ? j : over }
          for i in 1...n {
            let lo = Swift.max(1, i - bound)
            let hi = Swift.min(m, i + bound)
            buffer[current + lo - 1] = lo == 1 ? Swift.min(i, over) : over
            var rowMinimum = buffer[current + lo - 1]
            let xi = x[i - 1]
            for j in lo...hi {
              let substitution = buffer[previous + j - 1] + (xi == y[j - 1] ? 0 : 1)
              // Two-argument minimums: the variadic one builds an array for each cell.
              let v = Swift.min(
                Swift.min(substitution, over),
                Swift.min(buffer[previous + j], buffer[current + j - 1]) + 1)
              buffer[current + j] = v
              rowMinimum = Swift.min(rowMinimum, v)
            }
            computed += hi - lo + 1
            if hi < m { buffer[current + hi + 1] = over }
            if rowMinimum > bound { return nil }
            swap(&previous, &current)
          }
          let d = buffer[previous + m]
          return d <= bound ? d : nil
        }
      }
    }
  }
}

/// One person or organisation a study knows of: an id, a display label, a kind, attributes, and
/// the other names it goes by.
public struct RosterEntry: Hashable, Sendable {
  /// The entry's id: the node id it becomes.
  public var id: String
  /// The name to show.
  public var label: String
  /// Person, organisation or other.
  public var kind: NodeKind
  /// Further attributes (sector, level, organisation...), typed as the roster file gives them.
  public var attributes: [String: AttributeValue]
  /// Other names for the same entry (nicknames, abbreviations, former names).
  public var aliases: [String]
  /// Whether the roster marks this entry as interviewed (its `interviewed` column), when it has
  /// such a column; `nil` when it does not say.
  public var interviewed: Bool?

  /// An entry; kind, attributes, aliases and the interviewed mark are optional.
  public init(
    id: String, label: String, kind: NodeKind = .other, attributes: [String: AttributeValue] = [:],
    aliases: [String] = [], interviewed: Bool? = nil
  ) {
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
  /// The entries, in the order added.
  public private(set) var entries: [RosterEntry] = []
  /// Declared attributes other than id, label, kind, aliases and interviewed, in file order.
  public var attributes: [AttributeDeclaration] = []
  private var indexByID: [String: Int] = [:]

  /// An empty roster.
  public init() {}

  /// A roster of these entries.
  ///
  /// - Throws: ``NetworkError/duplicateNode(_:)`` when two share an id.
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
  /// The roster entry (its position).
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
/// ambiguous and never resolved, unless it is written exactly as one of them (`Åsa` and
/// `Asa` may be two people).
public struct NameResolver: Sendable {
  /// The roster names resolve against.
  public let roster: Roster
  private var byName: [String: [Int]] = [:]
  /// Roster names of two words or more, by their words sorted (`berg bjorn`), and by each word:
  /// for names said in another order (`Berg Björn`) or by one word (`Björn`), which no edit
  /// distance within bounds finds.
  private var byWords: [String: [(entry: Int, name: String)]] = [:]
  private var byWord: [String: [(entry: Int, name: String)]] = [:]
  private var decisions: [String: AliasDecision] = [:]
  /// The roster's labels and aliases, normalised once, for ``suggestions(for:limit:)``.
  private var suggestionIndex = SuggestionIndex()

  /// The roster's labels and aliases as suggestions compare them: each distinct normalised
  /// name once, as Unicode scalar values, kept by length, with the names it stands for.
  struct SuggestionIndex: Sendable {
    /// A roster name a normalised name stands for.
    struct Spelling: Sendable {
      var entry: Int
      /// Its place among the entry's names (the label first), which breaks ties between them.
      var rank: Int
      var name: String
    }

    var scalars: [[UInt32]] = []
    /// A bit for each scalar value modulo 64, for a cheap lower bound on the distance.
    var masks: [UInt64] = []
    var spellings: [[Spelling]] = []
    var positionByName: [[UInt32]: Int] = [:]
    /// Positions by the number of scalars, in roster order.
    var byLength: [Int: [Int]] = [:]
    /// The lengths in `byLength`, ascending.
    var lengths: [Int] = []

    mutating func add(_ name: String, entry: Int, rank: Int) {
      let key = NameMatching.normalise(name).unicodeScalars.map(\.value)
      let spelling = Spelling(entry: entry, rank: rank, name: name)
      if let k = positionByName[key] {
        spellings[k].append(spelling)
        return
      }
      positionByName[key] = scalars.count
      byLength[key.count, default: []].append(scalars.count)
      scalars.append(key)
      masks.append(Self.mask(key))
      spellings.append([spelling])
    }

    static func mask(_ scalars: [UInt32]) -> UInt64 {
      scalars.reduce(0) { $0 | (1 << UInt64($1 & 63)) }
    }
  }

  /// What the researcher decided for a name in the alias table.
  public enum AliasDecision: Hashable, Sendable {
    /// The roster entry at this position.
    case entry(Int)
    /// A new node, not in the roster.
    case newNode
  }

  /// A resolver for a roster, with no alias decisions yet.
  ///
  /// - Complexity: O(total length of the roster's names).
  public init(roster: Roster) {
    self.roster = roster
    for (i, e) in roster.entries.enumerated() {
      var names = Set([NameMatching.normalise(e.label), NameMatching.normalise(e.id)])
      for a in e.aliases { names.insert(NameMatching.normalise(a)) }
      for n in names where !n.isEmpty { byName[n, default: []].append(i) }
      for (rank, name) in ([e.label] + e.aliases).enumerated() {
        suggestionIndex.add(name, entry: i, rank: rank)
        let words = NameMatching.normalise(name).split(separator: " ").map(String.init)
        guard words.count >= 2 else { continue }
        let sorted = words.sorted().joined(separator: " ")
        if !(byWords[sorted]?.contains { $0.entry == i } ?? false) {
          byWords[sorted, default: []].append((i, name))
        }
        for w in Set(words) where !(byWord[w]?.contains { $0.entry == i } ?? false) {
          byWord[w, default: []].append((i, name))
        }
      }
    }
    suggestionIndex.lengths = suggestionIndex.byLength.keys.sorted()
    suggestionIndex.positionByName = [:]
  }

  /// Records a researcher's decision for a name (matched after normalisation).
  public mutating func decide(_ name: String, _ decision: AliasDecision) {
    decisions[NameMatching.normalise(name)] = decision
  }

  /// The decision already recorded for this name, if any.
  public func decision(for name: String) -> AliasDecision? {
    decisions[NameMatching.normalise(name)]
  }

  /// Resolves a name: the alias table's decision, else an exact id, else the normalised label
  /// or alias (ambiguous when two entries share it, and the name is not written exactly as
  /// one entry's label or alias).
  ///
  /// - Complexity: O(length of the name) on average.
  public func resolve(_ name: String) -> NameResolution {
    let key = NameMatching.normalise(name)
    switch decisions[key] {
    case .entry(let i): return .entry(i)
    case .newNode: return .newNode
    case nil: break
    }
    if let i = roster.index(of: name.trimmingCharacters(in: .whitespaces)) { return .entry(i) }
    guard let hits = byName[key] else { return .unmatched }
    if hits.count == 1 { return .entry(hits[0]) }
    // Two entries whose names fold alike (`Åsa Lindqvist`, `Asa Lindqvist`): a name written as
    // exactly one of them writes it (canonically equal, as Swift compares text).
    let written = name.trimmingCharacters(in: .whitespaces)
    let exact = hits.filter { i in
      roster.entries[i].label == written || roster.entries[i].aliases.contains(written)
    }
    return exact.count == 1 ? .entry(exact[0]) : .ambiguous(hits)
  }

  /// The roster entries whose names fold as `name` does, where there are several (`Åsa
  /// Lindqvist` and `Asa Lindqvist`); empty otherwise.
  package func entriesFoldingAlike(_ name: String) -> [Int] {
    let hits = byName[NameMatching.normalise(name)] ?? []
    return hits.count > 1 ? hits : []
  }

  /// Up to `limit` roster names closest to `name` by edit distance (after normalisation), each
  /// entry once, nearest first; ties broken by roster order (and, within an entry, the label
  /// before its aliases). Only names within a third of the longer name's length (and at least
  /// 1) are suggested.
  ///
  /// The roster's names are normalised once, when the resolver is made, and kept by length.
  /// A name can be within the bound only if its length is, so names of other lengths are never
  /// compared; of the rest, a name is skipped when the characters one has and the other lacks
  /// already put it beyond the bound, and the distance to the others is computed only near
  /// the diagonal, stopping once it exceeds the bound.
  ///
  /// A name longer than `NameMatching.maximumSuggestedLength` scalars after normalisation gets
  /// none.
  ///
  /// - Complexity: O(*r* × *k*²) at worst for *r* roster names of about the length of `name`
  ///   and a bound of *k*; names of other lengths cost nothing.
  public func suggestions(for name: String, limit: Int = 3) -> [NameSuggestion] {
    var cells = 0
    return suggestions(for: name, limit: limit, cells: &cells)
  }

  /// ``suggestions(for:limit:)``, counting in `cells` the cells of edit-distance tables it
  /// computed (for tests of how much work it does).
  func suggestions(for name: String, limit: Int, cells: inout Int) -> [NameSuggestion] {
    let index = suggestionIndex
    let key = NameMatching.normalise(name).unicodeScalars.map(\.value)
    let length = key.count
    let mask = SuggestionIndex.mask(key)
    guard length <= NameMatching.maximumSuggestedLength else { return [] }
    var best: [Int: (distance: Int, rank: Int, name: String)] = [:]
    var rows: [Int] = []
    // Lengths m with |length - m| <= max(1, max(length, m) / 3): from the shortest such up to
    // the first longer one that fails (the gap grows faster than the bound).
    let shortest = length - Swift.max(1, length / 3)
    let start = index.lengths.firstIndex { $0 >= shortest } ?? index.lengths.count
    for m in index.lengths[start...] {
      let bound = Swift.max(1, Swift.max(length, m) / 3)
      if m - length > bound { break }
      guard abs(m - length) <= bound else { continue }
      for c in index.byLength[m]! {
        // Each character in one name and in no place of the other needs an edit of its own.
        let other = index.masks[c]
        if Swift.max((mask & ~other).nonzeroBitCount, (other & ~mask).nonzeroBitCount) > bound {
          continue
        }
        guard
          let d = NameMatching.editDistance(
            key, index.scalars[c], atMost: bound, rows: &rows, cells: &cells)
        else {
          continue
        }
        for s in index.spellings[c] {
          if let b = best[s.entry], (b.distance, b.rank) <= (d, s.rank) { continue }
          best[s.entry] = (d, s.rank, s.name)
        }
      }
    }
    var out = best.map {
      NameSuggestion(entry: $0.key, name: $0.value.name, distance: $0.value.distance)
    }
    .sorted { ($0.distance, $0.entry) < ($1.distance, $1.entry) }.prefix(limit).map { $0 }
    // Then roster names with the same words in another order, or with the one word given
    // among theirs, in roster order, each with its edit distance as it is.
    let words = NameMatching.normalise(name).split(separator: " ").map(String.init)
    let byOrder =
      words.count >= 2
      ? byWords[words.sorted().joined(separator: " ")] ?? []
      : words.count == 1 ? byWord[words[0]] ?? [] : []
    let normalised = NameMatching.normalise(name)
    for candidate in byOrder.sorted(by: { $0.entry < $1.entry }) where out.count < limit {
      guard !out.contains(where: { $0.entry == candidate.entry }) else { continue }
      out.append(
        NameSuggestion(
          entry: candidate.entry, name: candidate.name,
          distance: NameMatching.editDistance(
            normalised, NameMatching.normalise(candidate.name))))
    }
    return out
  }
}
