/// The Graphviz attributes that act beyond the drawing: they make Graphviz read a file
/// (`image`, `shapefile`, `fontpath`, an `<IMG>` in an HTML-like label, the image operations of
/// `_background`) or write a link or a stylesheet into the output (`URL`, `href` and their
/// label, head, tail and edge forms, `target`, `stylesheet`), from
/// https://graphviz.org/doc/info/attrs.html. A network from elsewhere could carry them to make
/// a drawing embed a local file or a `javascript:` link; drawings leave them out.
public enum GraphvizActiveAttributes {
  /// The names, compared without regard to case.
  public static let names: Set<String> = [
    "url", "href", "labelurl", "labelhref", "headurl", "headhref", "tailurl", "tailhref",
    "edgeurl", "edgehref", "target", "labeltarget", "headtarget", "tailtarget", "edgetarget",
    "image", "imagepath", "stylesheet", "fontpath", "shapefile", "_background",
  ]

  /// Whether Graphviz would act on this attribute: one of ``names``, or an HTML-like label
  /// that holds an image or a link.
  public static func isActive(_ name: String, _ value: AttributeValue) -> Bool {
    if names.contains(name.lowercased()) { return true }
    if case .markup(let m) = value, m.hasPrefix("<") {
      let lower = m.lowercased()
      return lower.contains("<img") || lower.contains("href")
    }
    return false
  }
}

/// The active attributes left out of a drawing, by what carried them, in the order met.
public struct ActiveAttributes: Sendable, Equatable {
  /// What carried an attribute.
  public enum Owner: String, Sendable, CaseIterable {
    /// The network (a graph attribute).
    case network
    /// A node.
    case node
    /// A tie.
    case tie
  }

  /// The names left out, by what carried them, each once, in the order met.
  public private(set) var names: [Owner: [String]] = [:]

  /// None left out.
  public init() {}

  /// Whether none was left out.
  public var isEmpty: Bool { names.values.allSatisfy(\.isEmpty) }

  mutating func insert(_ name: String, on owner: Owner) {
    if !(names[owner] ?? []).contains(name) { names[owner, default: []].append(name) }
  }

  /// "network: URL, stylesheet; node: image; tie: URL", owners in a fixed order, names sorted.
  public var description: String {
    Owner.allCases.compactMap { o in
      names[o].map { "\(o.rawValue): \($0.sorted().joined(separator: ", "))" }
    }.joined(separator: "; ")
  }
}
