/// Layers of different kinds: person-to-person layers (trust, collaboration) and affiliation
/// layers that tie people to organisations (`works at`, `member of`). Merging the two changes
/// what every person-level measure means, so the network records which layers are affiliations.
extension Network {
  /// The network attribute that lists the affiliation layers, separated by `|`; GraphML and
  /// JSON keep it.
  public static let affiliationLayersAttribute = "affiliation_layers"

  /// The affiliation layers the network declares (the ``affiliationLayersAttribute``), in
  /// order; empty when it declares none. Setting an empty list removes the declaration.
  public var declaredAffiliationLayers: [String] {
    get {
      guard let value = attributes[Network.affiliationLayersAttribute] else { return [] }
      return value.description.split(separator: "|").map {
        trimmingWhitespace(String($0), newlines: true)
      }.filter { !$0.isEmpty }
    }
    set {
      if newValue.isEmpty {
        attributes[Network.affiliationLayersAttribute] = nil
        networkAttributes.removeAll { $0.name == Network.affiliationLayersAttribute }
      } else {
        attributes[Network.affiliationLayersAttribute] = .string(newValue.joined(separator: "|"))
        if !networkAttributes.contains(where: { $0.name == Network.affiliationLayersAttribute }) {
          networkAttributes.append(
            AttributeDeclaration(name: Network.affiliationLayersAttribute, type: .string))
        }
      }
    }
  }

  /// The affiliation layers present, sorted, and whether the network declared them.
  ///
  /// Declared layers (``declaredAffiliationLayers``) are taken as they are. A network that
  /// declares none, but whose nodes have kinds, has as affiliation layers those in which every
  /// tie joins a person and an organisation (a CSV file with a node table, say); a layer with
  /// any person-to-person or organisation-to-organisation tie is not one.
  ///
  /// - Complexity: O(m) for m ties.
  public var affiliationLayers: (layers: [String], declared: Bool) {
    let present = Set(layers)
    let declared = declaredAffiliationLayers
    if !declared.isEmpty { return (declared.filter { present.contains($0) }.sorted(), true) }
    guard nodes.contains(where: { $0.attributes["kind"] != nil }) else { return ([], false) }
    var twoMode: [String: Bool] = [:]
    for tie in ties {
      guard let layer = tie.layer else { continue }
      if twoMode[layer] == false { continue }
      let a = nodes[tie.source].kind
      let b = nodes[tie.target].kind
      twoMode[layer] = (a == .person && b == .organisation) || (a == .organisation && b == .person)
    }
    return (twoMode.filter(\.value).map(\.key).sorted(), false)
  }
}
