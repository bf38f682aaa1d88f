extension PersonalNetwork {
  /// The personal network with ego in it: the alters and their ties, then ego as the last node
  /// (index `alters.nodeCount`), tied to every alter.
  ///
  /// Ego's node has ``egoAttributes`` as its attributes and ``ego`` as its id (with `#ego`
  /// appended while an alter has that id). On a directed network ego is tied both ways with
  /// each alter, since naming someone is a relation of the pair; on an undirected one, once.
  /// Each alter attribute named in `tieAttributes` (closeness, say) is copied onto ego's ties
  /// with that alter. Ego's ties carry no trust, so they count 1 where trust is read.
  ///
  /// This is the network on which the whole-network measures of this package (Burt's
  /// constraint, Gould–Fernandez roles) give the personal-network measures of ego.
  ///
  /// - Complexity: O(n + m) for n alters and m alter-alter ties.
  public func withEgoAsNode(tieAttributes: [String] = []) -> Network {
    var net = alters
    var id = ego
    while net.index(of: id) != nil { id += "#ego" }
    let e = try! net.addNode(Node(id: id, attributes: egoAttributes))  // the id is free
    net.reserveCapacity(nodes: 0, ties: alters.nodeCount * (alters.isDirected ? 2 : 1))
    for a in 0..<alters.nodeCount {
      var attributes: [String: AttributeValue] = [:]
      for name in tieAttributes {
        if let v = alters.nodes[a].attributes[name] { attributes[name] = v }
      }
      net.addTie(Tie(source: e, target: a, attributes: attributes))
      if alters.isDirected { net.addTie(Tie(source: a, target: e, attributes: attributes)) }
    }
    for name in tieAttributes {
      if let d = alters.nodeAttributes.first(where: { $0.name == name }) {
        net.declareTieAttribute(d)
      }
    }
    return net
  }
}
