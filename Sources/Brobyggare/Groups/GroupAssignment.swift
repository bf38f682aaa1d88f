import Foundation

/// The groups a node attribute makes (sector, say), read as a researcher means them.
///
/// - Values are trimmed of surrounding spaces: `kommun ` is `kommun`.
/// - A node whose value is missing, blank or written as missing (`NA`, `N/A`, `#N/A`, `NULL`,
///   `NaN`; `.` and `-`, as Stata and SPSS write it) has no group (its entry in ``groups`` is
///   −1) and is left out of every group measure; ``ungrouped`` counts them.
/// - Groups are numbered in the order of their names: as numbers when every name is a number
///   (2, 10, 103), else as text, so results do not depend on node order.
/// - Names that differ only in case, spacing, punctuation or diacritics (`kommun`, `Kommun`),
///   or are one number written two ways (`1`, `1.0`), stay apart, since they may be meant so,
///   and are listed in ``similarNames`` for a warning.
public struct GroupAssignment: Sendable, Equatable {
  /// The attribute the groups come from.
  public var attribute: String
  /// The group of each node, an index into ``names``, or −1 for a node without one.
  public var groups: [Int]
  /// The group names, in order.
  public var names: [String]
  /// Nodes without a group.
  public var ungrouped: Int { groups.reduce(0) { $0 + ($1 < 0 ? 1 : 0) } }
  /// Sets of names that are equal but for case, spacing, punctuation or diacritics.
  public var similarNames: [[String]]
  /// The spellings of a missing value found (`NA`, `#N/A`), which made no group.
  public var missingSpellings: [String] = []
  /// How many nodes' values had spaces, tabs or line breaks around them, trimmed to make the
  /// group (` x` and `x` are one group), for a note.
  public var trimmedValues = 0
  /// Group names written in more than one Unicode form among the nodes (`é` as one code
  /// point and as `e` with a combining accent, as macOS and Windows may write the same
  /// letters): Swift reads them as the same text, so they are one group; listed for a note.
  public var unicodeForms: [String] = []

  /// Group names that differ only in case, spacing, punctuation or diacritics (the form
  /// ``NameMatching/normalise(_:)`` gives), in sets: each set in the order given, the sets by
  /// their first name; then those that are one number written two ways (`1`, `1.0`), by the
  /// number.
  package static func similarGroupNames(_ names: [String]) -> [[String]] {
    var byForm: [String: [String]] = [:]
    for name in names { byForm[NameMatching.normalise(name), default: []].append(name) }
    return byForm.values.filter { $0.count > 1 }.sorted { $0[0] < $1[0] }
  }

  /// Values that spreadsheets, R and databases write for a missing value.
  public static let missingSpellings: Set<String> = [
    "NA", "N/A", "#N/A", "NULL", "null", "NaN", "nan", "na", "n/a", ".", "-",
  ]
  /// Members of each group.
  public var sizes: [Int] {
    var s = [Int](repeating: 0, count: names.count)
    for g in groups where g >= 0 { s[g] += 1 }
    return s
  }
}

extension Network {
  /// The groups of a node attribute (see ``GroupAssignment``).
  ///
  /// - Throws: ``NetworkError/unknownGroupAttribute(_:available:)`` when no node has the
  ///   attribute and none declares it, listing the node attributes there are.
  /// - Complexity: O(n + G log G) for n nodes and G groups.
  public func groupAssignment(by attribute: String) throws(NetworkError) -> GroupAssignment {
    guard
      nodeAttributes.contains(where: { $0.name == attribute })
        || nodes.contains(where: { $0.attributes[attribute] != nil })
    else {
      var names = nodeAttributes.map(\.name)
      var seen = Set(names)
      for node in nodes {
        for key in node.attributes.keys.sorted() where seen.insert(key).inserted {
          names.append(key)
        }
      }
      throw .unknownGroupAttribute(attribute, available: names)
    }
    var missingTokens = Set<String>()
    var trimmed = 0
    let labels: [String?] = nodes.map { node in
      guard let value = node.attributes[attribute] else { return nil }
      if case .double(let d) = value, d.isNaN { return nil }
      let full = value.description
      let text = trimmingWhitespace(full, newlines: true)
      if !text.isEmpty && text.utf8.count != full.utf8.count { trimmed += 1 }
      // What R, Excel and databases write for a missing value is no group.
      if GroupAssignment.missingSpellings.contains(text) {
        missingTokens.insert(text)
        return nil
      }
      return text.isEmpty ? nil : text
    }
    let distinct = Array(Set(labels.compactMap { $0 }))
    let numbers = distinct.map { Double($0) }
    let names: [String]
    if !distinct.isEmpty, numbers.allSatisfy({ $0 != nil && $0!.isFinite }) {
      names = zip(distinct, numbers).sorted { ($0.1!, $0.0) < ($1.1!, $1.0) }.map(\.0)
    } else {
      names = distinct.sorted()
    }
    let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
    // The same group in two Unicode forms (NFC and NFD) compares equal, so is one group.
    var forms: [String: Set<[UInt8]>] = [:]
    for label in labels {
      guard let label, label.utf8.contains(where: { $0 >= 0x80 }) else { continue }
      forms[label, default: []].insert(Array(label.utf8))
    }
    var similar = GroupAssignment.similarGroupNames(names)
    // One number written two ways (`1` and `1.0`, a code column typed as text in one file and
    // as decimals in another): two groups, said as similar ones are.
    var byNumber: [Double: [String]] = [:]
    for name in names {
      if let x = Double(name), x.isFinite { byNumber[x, default: []].append(name) }
    }
    for x in byNumber.keys.sorted() where byNumber[x]!.count > 1 {
      similar.append(byNumber[x]!)
    }
    return GroupAssignment(
      attribute: attribute, groups: labels.map { $0.map { index[$0]! } ?? -1 }, names: names,
      similarNames: similar, missingSpellings: missingTokens.sorted(), trimmedValues: trimmed,
      unicodeForms: names.filter { (forms[$0]?.count ?? 0) > 1 })
  }

  /// The group of each node from a node attribute, −1 for a node without one, and the group
  /// names (see ``groupAssignment(by:)``).
  public func groups(by attribute: String) throws -> (groups: [Int], names: [String]) {
    let a = try groupAssignment(by: attribute)
    return (a.groups, a.names)
  }
}
