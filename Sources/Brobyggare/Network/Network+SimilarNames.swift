/// Names that differ only in case or in spaces (`Bo`, `bo`, `BO`; `Carl`, `Carl `): kept as
/// they are, since they may be meant so, and listed for a note, since they are more often one
/// person or one layer typed twice.
extension Network {
  /// The node ids that differ from another id only in case or in spaces (around them, or a
  /// run of spaces within), in sets: each set sorted, the sets in the order of their first id.
  ///
  /// - Complexity: O(n) in the nodes, on average, for ids of bounded length.
  package func similarNodeIDs() -> [[String]] {
    Self.similarNames(nodes.lazy.map(\.id))
  }

  /// The layers that differ from another layer only in case or in spaces, as
  /// ``similarNodeIDs()`` gives ids.
  ///
  /// - Complexity: O(m) in the ties, on average.
  package func similarLayers() -> [[String]] {
    Self.similarNames(layers)
  }

  /// The names whose folded form (lowercased, spaces around trimmed, runs of spaces within
  /// made one) is another name's too.
  static func similarNames<S: Sequence<String>>(_ names: S) -> [[String]] {
    var byForm: [String: [String]] = [:]
    var order: [String] = []
    for name in names {
      let form = foldedName(name)
      if byForm[form] == nil { order.append(form) }
      byForm[form, default: []].append(name)
    }
    return order.compactMap { form in
      let distinct = Set(byForm[form]!)
      return distinct.count > 1 ? distinct.sorted() : nil
    }
  }

  /// A name lowercased, with the spaces around it trimmed and each run of spaces within made
  /// one: the form under which ``similarNodeIDs()`` finds ids alike.
  package static func foldedName(_ name: String) -> String {
    // Most ids are printable ASCII without capitals or spaces, and are their own form.
    if name.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && !(0x41...0x5A).contains($0) }) {
      return name
    }
    let words = name.lowercased().split(whereSeparator: { $0.isWhitespace })
    return words.joined(separator: " ")
  }
}
