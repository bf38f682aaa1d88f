/// Which ties make a node's alters in a whole network.
public enum EgoNeighbourhood: String, Sendable, CaseIterable {
  /// Everyone the node has a tie with, sent or received (the default; networkx's
  /// `ego_graph(..., undirected=True)`).
  case either
  /// Those the node sends a tie to (networkx's `ego_graph` on a directed graph).
  case outgoing = "out"
  /// Those who send the node a tie.
  case incoming = "in"
}

extension Network {
  /// The name of the alter attribute that holds the trust of ego's tie with the alter in the
  /// ego networks of a whole network (the larger trust when the pair is tied both ways).
  public static let egoTieTrustAttribute = "ego_trust"

  /// Each node's ego network of order 1, as a personal network: ego is the node, the alters
  /// its neighbours (see ``EgoNeighbourhood``), with their attributes and the selected ties
  /// among them; ego's attributes are the node's.
  ///
  /// Ties are read as ``adjacency(_:)`` reads them: self-loops left out, parallel ties merged
  /// by the selection's rule, trust from its weight attribute. Each alter gets the attribute
  /// ``egoTieTrustAttribute``: the trust of its tie with ego along the neighbourhood's ties
  /// (either way, the larger where tied both ways, for ``EgoNeighbourhood/either``; ego's
  /// tie out, or the alter's tie in, for the others). With these,
  /// ``PersonalNetwork/measures(_:)`` gives the personal-network measures of every node: its
  /// effective size equals the whole-network one on unweighted ties (Burt's redundancy reads
  /// ego's contacts only; the personal measures count every tie 1, so a weighted
  /// whole-network value differs), while constraint and brokerage differ, since in the whole network the
  /// alters' ties to others count too.
  ///
  /// - Complexity: O(Σ_v Σ_{u∈N(v)} deg(u)) time; the ego networks hold copies of the nodes.
  public func egoNetworks(selection: TieSelection = .all, neighbourhood: EgoNeighbourhood = .either)
    throws(NetworkError) -> PersonalNetworks
  {
    let adjacency = try self.adjacency(selection)
    let n = nodeCount
    var position = [Int](repeating: -1, count: n)  // node → its index among the current alters
    var egos: [PersonalNetwork] = []
    egos.reserveCapacity(n)
    for v in 0..<n {
      let (alterIndices, trust) = neighbours(of: v, in: adjacency, neighbourhood)
      var alters = Network(directed: isDirected)
      alters.nodeAttributes = nodeAttributes
      alters.nodeIDType = nodeIDType
      alters.trustType = trustType
      alters.declareNodeAttribute(
        AttributeDeclaration(name: Network.egoTieTrustAttribute, type: .double))
      for (k, u) in alterIndices.enumerated() {
        position[u] = k
        var node = nodes[u]
        node.attributes[Network.egoTieTrustAttribute] = .double(trust[k])
        _ = try? alters.addNode(node)  // ids are unique in the network
      }
      for (k, u) in alterIndices.enumerated() {
        for i in adjacency.outOffsets[u]..<adjacency.outOffsets[u + 1] {
          let w = Int(adjacency.outTargets[i])
          guard w != v, position[w] >= 0 else { continue }
          if !isDirected && position[w] < k { continue }  // each undirected tie once
          alters.addTie(Tie(source: k, target: position[w], trust: adjacency.outTrust[i]))
        }
      }
      for u in alterIndices { position[u] = -1 }
      egos.append(
        PersonalNetwork(ego: nodes[v].id, egoAttributes: nodes[v].attributes, alters: alters))
    }
    return PersonalNetworks(egos)
  }

  /// The number of nodes within two steps of each node, the node itself not counted: its
  /// neighbours and theirs, along the ties ``EgoNeighbourhood`` names (either direction by
  /// default; `.outgoing` counts those the node reaches in at most two steps along the ties'
  /// directions). On an undirected network the three agree.
  ///
  /// - Complexity: O(Σ_v Σ_{u∈N(v)} deg(u)) time, O(n) memory.
  public func twoStepReach(
    selection: TieSelection = .all, neighbourhood: EgoNeighbourhood = .either
  ) throws(NetworkError) -> [Int] {
    let adjacency = try self.adjacency(selection)
    let n = nodeCount
    var stamp = [Int](repeating: -1, count: n)
    var reach = [Int](repeating: 0, count: n)
    for v in 0..<n {
      stamp[v] = v
      var count = 0
      let first = neighbours(of: v, in: adjacency, neighbourhood).indices
      for u in first where stamp[u] != v {
        stamp[u] = v
        count += 1
      }
      for u in first {
        for w in neighbours(of: u, in: adjacency, neighbourhood).indices where stamp[w] != v {
          stamp[w] = v
          count += 1
        }
      }
      reach[v] = count
    }
    return reach
  }

  /// The neighbours of `v` in ascending order, and the trust of each tie with `v` (the larger
  /// of the two directions when both are there).
  private func neighbours(of v: Int, in adjacency: Adjacency, _ neighbourhood: EgoNeighbourhood)
    -> (indices: [Int], trust: [Double])
  {
    var out: [(Int, Double)] = []
    let readOut = !adjacency.isDirected || neighbourhood != .incoming
    let readIn = adjacency.isDirected && neighbourhood != .outgoing
    if readOut {
      for k in adjacency.outOffsets[v]..<adjacency.outOffsets[v + 1]
      where Int(adjacency.outTargets[k]) != v {
        out.append((Int(adjacency.outTargets[k]), adjacency.outTrust[k]))
      }
    }
    if readIn {
      for k in adjacency.inOffsets[v]..<adjacency.inOffsets[v + 1]
      where Int(adjacency.inTargets[k]) != v {
        out.append((Int(adjacency.inTargets[k]), adjacency.inTrust[k]))
      }
    }
    if readOut && readIn {
      out.sort { $0.0 < $1.0 }
      var merged: [(Int, Double)] = []
      for (u, t) in out {
        if let last = merged.last, last.0 == u {
          merged[merged.count - 1].1 = Swift.max(last.1, t)
        } else {
          merged.append((u, t))
        }
      }
      out = merged
    }
    return (out.map(\.0), out.map(\.1))
  }
}
