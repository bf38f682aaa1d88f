/// What a node stands for.
public enum NodeKind: String, Hashable, Sendable, CaseIterable {
  /// A person.
  case person
  /// An organisation: an agency, association, school, company.
  case organisation
  /// Anything else (an event, a place, a group).
  case other

  /// Reads the spellings researchers use: `person`, `individual`, `organisation`,
  /// `organization`, `org`; anything else is `other`.
  public init(spelling: String) {
    // Trimmed as group values are: ` person` from a spreadsheet cell is a person.
    switch trimmingWhitespace(spelling, newlines: true).lowercased() {
    case "person", "people", "individual", "respondent": self = .person
    case "organisation", "organization", "org", "organisations", "organizations":
      self = .organisation
    default: self = .other
    }
  }
}

/// A person or organisation in a network: a stable string id and typed attributes.
///
/// The label and the kind are the attributes named `label` and `kind`, so that every format
/// reads and writes them like any other attribute and nothing is lost on the way.
public struct Node: Hashable, Sendable {
  /// The id as written in the input; unique within a network.
  public var id: String
  /// Attribute values by name. A missing key is a missing value.
  public var attributes: [String: AttributeValue]

  /// A node with an id and, optionally, a label, a kind and further attributes; the label and
  /// kind are stored as the attributes `label` and `kind`.
  public init(
    id: String, label: String? = nil, kind: NodeKind? = nil,
    attributes: [String: AttributeValue] = [:]
  ) {
    self.id = id
    self.attributes = attributes
    if let label { self.attributes["label"] = .string(label) }
    if let kind { self.attributes["kind"] = .string(kind.rawValue) }
  }

  /// The display label: the `label` attribute, else the `name` attribute (as igraph writes
  /// it), else the id.
  public var label: String {
    for key in ["label", "name"] {
      if let v = attributes[key], v.type != .markup {
        let s = v.description
        if !s.isEmpty { return s }
      }
    }
    return id
  }

  /// The kind, read from the `kind` attribute; `.other` when it is missing or unrecognised.
  public var kind: NodeKind {
    get { attributes["kind"].map { NodeKind(spelling: $0.description) } ?? .other }
    set { attributes["kind"] = .string(newValue.rawValue) }
  }
}

extension Node {
  /// Whether the person answered, as the node's `respondent` attribute says (`interviews`
  /// writes it): a boolean, or text that reads as one in any case (`TRUE`, `False`, `yes`,
  /// `0`, as R, Python and spreadsheets write it); `nil` without one, or with text that does
  /// not (the command line says so when it reads the network).
  package var answered: Bool? {
    switch attributes["respondent"] {
    case .boolean(let b)?: b
    case .integer(let i)? where i == 0 || i == 1: i == 1
    case let value?:
      if case .boolean(let b)? = AttributeValue.parse(value.description, as: .boolean) {
        b
      } else {
        nil
      }
    case nil: nil
    }
  }
}
