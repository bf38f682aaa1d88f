/// One respondent's personal (ego) network: ego, the people ego named (the alters), and the
/// ties among the alters as ego reported them.
///
/// Ego is not a node of ``alters``: the measures of a personal network are taken among the
/// alters, as egor and Burt's ego-network measures define them. What ego said of each alter
/// (how close, how often) is a node attribute of that alter. ``withEgoAsNode(tieAttributes:)``
/// makes the network with ego in it, for the whole-network measures.
public struct PersonalNetwork: Sendable {
  /// Ego's id: the case or session id, unique within a study.
  public var ego: String
  /// What is known of ego: the ego row of a table, or the graph-level data of a GraphML file.
  public var egoAttributes: [String: AttributeValue]
  /// The alters as nodes, with their attributes, and the alter-alter ties. Ego is not a node.
  public var alters: Network

  /// A personal network of `ego` (its id or name), what is known of ego, and its alters.
  public init(ego: String, egoAttributes: [String: AttributeValue] = [:], alters: Network) {
    self.ego = ego
    self.egoAttributes = egoAttributes
    self.alters = alters
  }
}

/// A study of personal networks: one ``PersonalNetwork`` per respondent, in the order read.
public struct PersonalNetworks: Sendable {
  /// The personal networks, one per ego; ego ids are unique.
  public var egos: [PersonalNetwork]
  /// What reading the study noticed and did (values kept as missing, columns folded), as
  /// ``Network/readNotes`` says it for one network.
  public var readNotes: [String] = []
  /// For a roster-based study (alters chosen from a roster every session shares, egos on it
  /// too), the alter and ego attribute that names a roster member; `nil` for personal networks.
  public var rosterVariable: String? = nil
  /// The alter attributes that hold a multiple-choice answer, several options chosen joined
  /// with `|` (Network Canvas's categorical variables, folded from one column per option): the
  /// composition measures count such an alter in each option it chose (see
  /// ``PersonalNetworkOptions/multipleChoice``).
  public var multipleChoiceAttributes: Set<String> = []

  /// A study of these personal networks (none by default).
  public init(_ egos: [PersonalNetwork] = []) {
    self.egos = egos
  }

  /// The number of egos.
  public var count: Int { egos.count }
}
