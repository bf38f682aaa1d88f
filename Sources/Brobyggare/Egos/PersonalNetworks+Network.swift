/// One network of a whole study, for the whole-network measures.
extension PersonalNetworks {
  /// The layer of the ties between an ego and its alters, when egos are nodes.
  public static let egoTieLayer = "ego"

  /// The study as one network.
  ///
  /// - Personal networks (``rosterVariable`` is `nil`): the union of the personal networks.
  ///   Every alter is a node of its own, with the id `EGO/ALTER` and the node attribute `ego`;
  ///   the same person named by two egos is two nodes, as nothing says they are one.
  /// - Roster based: one sociocentric network. An alter is the roster member its
  ///   ``rosterVariable`` names (that value is the node's id), so the same person named in
  ///   several sessions is one node; its attributes are merged (the first value wins, and a
  ///   note counts the values that differed). Each alter-alter tie is kept with the tie
  ///   attribute `reportedBy` (the ego who reported it), so a pair reported by two egos is two
  ///   parallel ties, which the measures merge.
  ///
  /// With `egoAsNode` every ego is a node too (with `isEgo` true and ego's attributes) tied to
  /// each of its alters in the layer ``egoTieLayer``; the alter attributes named in
  /// `egoTieAttributes` (ego's answers about the tie: closeness, frequency) are moved onto those
  /// ties. In a roster study the alter attributes whose value differs between sessions for the
  /// same person are taken to be such answers too, and a note names them. This changes every
  /// measure, so a note says which was done.
  ///
  /// - Complexity: O(*n* + *m*) in the alters and ties of all egos.
  public func network(egoAsNode: Bool = false, egoTieAttributes: [String] = []) -> Network {
    var net = Network(directed: egos.contains { $0.alters.isDirected })
    net.readNotes = readNotes
    // In a roster study, an alter attribute whose value differs between sessions for the same
    // person is ego's answer about the nomination (how close), not the person's.
    var egoTieAttributes = egoTieAttributes
    var varying: [String] = []
    if let v = rosterVariable {
      var first: [String: [String: AttributeValue]] = [:]
      var found = Set<String>()
      for p in egos {
        for n in p.alters.nodes {
          guard let person = n.attributes[v]?.description else { continue }
          for (k, value) in n.attributes where k != "networkCanvasUUID" {
            if let old = first[person]?[k] {
              if old != value { found.insert(k) }
            } else {
              first[person, default: [:]][k] = value
            }
          }
        }
      }
      varying = found.subtracting(egoTieAttributes).sorted()
      egoTieAttributes += varying
    }
    let moved = Set(egoTieAttributes)
    for p in egos {
      for d in p.alters.nodeAttributes
      where !moved.contains(d.name) && !(rosterVariable != nil && d.name == "networkCanvasUUID") {
        net.declareNodeAttribute(d)
      }
      for d in p.alters.tieAttributes { net.declareTieAttribute(d) }
    }
    if rosterVariable == nil {
      net.declareNodeAttribute(AttributeDeclaration(name: "ego", type: .string))
    }
    if egoAsNode {
      net.declareNodeAttribute(AttributeDeclaration(name: "isEgo", type: .boolean))
      for p in egos {
        for (k, v) in p.egoAttributes.sorted(by: { $0.key < $1.key }) where Self.keepsOnEgoNode(k) {
          net.declareNodeAttribute(AttributeDeclaration(name: k, type: v.type))
        }
      }
      for a in egoTieAttributes {
        if let d = egos.lazy.compactMap({ $0.alters.nodeAttributes.first { $0.name == a } }).first {
          net.declareTieAttribute(d)
        }
      }
    }
    if let v = rosterVariable {
      net.declareTieAttribute(AttributeDeclaration(name: "reportedBy", type: .string))
      var conflicts = 0
      var unnamed = 0
      func merge(_ attrs: [String: AttributeValue], into i: Int) {
        var have = net.nodes[i].attributes
        for (k, value) in attrs {
          if let old = have[k] { if old != value { conflicts += 1 } } else { have[k] = value }
        }
        net.setNodeAttributes(have, at: i)
      }
      for p in egos {
        var index: [Int] = []
        for n in p.alters.nodes {
          var attrs = n.attributes
          for k in moved { attrs[k] = nil }
          attrs["networkCanvasUUID"] = nil
          let id: String
          if let person = n.attributes[v]?.description {
            id = person
          } else {
            id = "\(p.ego)/\(n.id)"
            unnamed += 1
          }
          let i = net.node(withID: id)
          merge(attrs, into: i)
          index.append(i)
        }
        for t in p.alters.ties {
          var attrs = t.attributes
          attrs["reportedBy"] = .string(p.ego)
          net.addTie(
            Tie(
              source: index[t.source], target: index[t.target], trust: t.trust, layer: t.layer,
              id: t.id, attributes: attrs))
        }
        if egoAsNode {
          let e = net.node(withID: p.egoAttributes[v]?.description ?? p.ego)
          merge(
            p.egoAttributes.filter { Self.keepsOnEgoNode($0.key) }.merging(["isEgo": .boolean(true)]
            ) { a, _ in a }, into: e)
          for (k, n) in p.alters.nodes.enumerated() {
            var attrs: [String: AttributeValue] = [:]
            for a in egoTieAttributes { attrs[a] = n.attributes[a] }
            net.addTie(Tie(source: e, target: index[k], layer: Self.egoTieLayer, attributes: attrs))
          }
        }
      }
      if egoAsNode {
        for i in net.nodes.indices where net.nodes[i].attributes["isEgo"] == nil {
          net.setNodeAttribute("isEgo", .boolean(false), at: i)
        }
      }
      let nominations = egos.reduce(0) { $0 + $1.alters.nodeCount }
      net.readNotes.append(
        "one network of the roster: \(net.nodeCount) people, the same person named in several sessions one node (by '\(v)')"
          + (unnamed > 0
            ? "; \(unnamed) alter\(unnamed == 1 ? "" : "s") without '\(v)' \(unnamed == 1 ? "is its" : "are their") own node\(unnamed == 1 ? "" : "s")"
            : "")
          + (conflicts > 0
            ? "; \(conflicts) attribute value\(conflicts == 1 ? "" : "s") of a person differed between sessions, and the first was kept"
            : ""))
      // A person interviewed twice (a second session, another protocol's version): both
      // sessions' nominations and reports are in the network, the same ones twice.
      var sessionsOf: [String: Int] = [:]
      for p in egos { sessionsOf[p.egoAttributes[v]?.description ?? p.ego, default: 0] += 1 }
      let again = sessionsOf.filter { $0.value > 1 }.keys.sorted()
      if let first = again.first {
        net.readNotes.append(
          "\(again.count == 1 ? "the person '\(first)' is" : "\(again.count) people (the first: '\(first)') are") the ego of \(again.count == 1 ? "\(sessionsOf[first]!) sessions" : "more than one session"), and every session's nominations and reports are in the network, so \(egoAsNode ? "a person named in two sessions is tied to the ego twice in layer '\(Self.egoTieLayer)'" : "a tie reported in two sessions is there twice") (keep one session per person in the export to count each answer once)"
        )
      }
      if !varying.isEmpty {
        net.readNotes.append(
          "the alter attribute\(varying.count == 1 ? "" : "s") \(FormatError.list(varying, quoted: true)) \(varying.count == 1 ? "differs" : "differ") between sessions for the same person, so \(varying.count == 1 ? "it is" : "they are") ego's answer about the nomination, not the person's: \(egoAsNode ? "kept on the nomination ties" : "left out of the people (--ego-as-node keeps it on the nomination ties)")"
        )
      }
      net.readNotes.append(
        egoAsNode
          ? "egos are nodes (--ego-as-node): each interviewed person is tied to each person they named (\(nominations) ties in layer '\(Self.egoTieLayer)')"
          : "egos are not nodes, so the \(nominations) nominations (who named whom) are not ties; the ties are those egos reported among the people they named (--ego-as-node adds the nominations)"
            + egoAnswersLeftOut(egoAsNode)
      )
      return net
    }
    for p in egos {
      var egoIndex: Int?
      if egoAsNode {
        var id = p.ego
        while net.index(of: id) != nil { id += "#" }
        var attrs = p.egoAttributes.filter { Self.keepsOnEgoNode($0.key) }
        attrs["isEgo"] = .boolean(true)
        attrs["ego"] = .string(p.ego)
        egoIndex = net.node(withID: id)
        net.setNodeAttributes(attrs, at: egoIndex!)
      }
      var index: [Int] = []
      index.reserveCapacity(p.alters.nodeCount)
      for n in p.alters.nodes {
        var attrs = n.attributes
        for k in moved { attrs[k] = nil }
        attrs["ego"] = .string(p.ego)
        if egoAsNode { attrs["isEgo"] = .boolean(false) }
        var id = "\(p.ego)/\(n.id)"
        while net.index(of: id) != nil { id += "#" }
        let i = net.node(withID: id)
        net.setNodeAttributes(attrs, at: i)
        index.append(i)
      }
      for t in p.alters.ties {
        net.addTie(
          Tie(
            source: index[t.source], target: index[t.target], trust: t.trust, layer: t.layer,
            id: t.id, attributes: t.attributes))
      }
      if let e = egoIndex {
        for (k, n) in p.alters.nodes.enumerated() {
          var attrs: [String: AttributeValue] = [:]
          for a in egoTieAttributes { attrs[a] = n.attributes[a] }
          net.addTie(Tie(source: e, target: index[k], layer: Self.egoTieLayer, attributes: attrs))
        }
      }
    }
    let alters = egos.reduce(0) { $0 + $1.alters.nodeCount }
    net.readNotes.append(
      egoAsNode
        ? "egos are nodes (--ego-as-node): \(egos.count) egos, each tied to each of its alters (\(alters) ties in layer '\(Self.egoTieLayer)')"
          + (egoTieAttributes.isEmpty
            ? ""
            : ", with \(FormatError.list(egoTieAttributes, quoted: true)) moved from the alters onto those ties")
        : "egos are not nodes: the network is the \(egos.count) personal network\(egos.count == 1 ? "" : "s") side by side, \(alters) alters (each ego's own, ids EGO/ALTER) and the ties among them; --ego-as-node ties each ego to its alters"
          + egoAnswersLeftOut(egoAsNode)
    )
    return net
  }

  /// Where egos are not nodes, what the note says of their own answers, which the network
  /// has no place for; empty when they gave none, or are nodes.
  func egoAnswersLeftOut(_ egoAsNode: Bool) -> String {
    guard !egoAsNode else { return "" }
    let names = Set(egos.flatMap { $0.egoAttributes.keys.filter(Self.keepsOnEgoNode) }).sorted()
    guard !names.isEmpty else { return "" }
    return
      "; the egos' own answers (\(FormatError.list(names, quoted: true))) are not in it (--ego-as-node puts them on the egos' nodes)"
  }

  /// Whether an ego attribute goes onto ego's node: the ego's answers, not the export's
  /// bookkeeping (session times, app version).
  static func keepsOnEgoNode(_ name: String) -> Bool {
    !(name.hasPrefix("networkCanvas") || name.hasPrefix("session") || name == "APP_VERSION"
      || name == "COMMIT_HASH")
  }
}
