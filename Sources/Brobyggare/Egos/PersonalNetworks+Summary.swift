import Foundation

/// A column of the table of personal-network measures, named as the `egos` command writes it
/// (see ``PersonalNetworkMeasures`` for each definition).
public enum PersonalNetworkMeasure: String, CaseIterable, Sendable {
  /// ``PersonalNetworkMeasures/size``.
  case size
  /// ``PersonalNetworkMeasures/ties``.
  case ties
  /// ``PersonalNetworkMeasures/density``.
  case density
  /// ``PersonalNetworkMeasures/components``.
  case components
  /// ``PersonalNetworkMeasures/isolates``.
  case isolates
  /// ``PersonalNetworkMeasures/effectiveSize``.
  case effectiveSize = "effective_size"
  /// ``PersonalNetworkMeasures/efficiency``.
  case efficiency
  /// ``PersonalNetworkMeasures/constraint``.
  case constraint
  /// ``PersonalNetworkMeasures/groupedAlters``.
  case groupedAlters = "grouped_alters"
  /// ``PersonalNetworkMeasures/ungroupedAlters``.
  case ungroupedAlters = "ungrouped_alters"
  /// ``PersonalNetworkMeasures/groupsPresent``.
  case groups
  /// ``PersonalNetworkMeasures/blau``.
  case blau
  /// ``PersonalNetworkMeasures/iqv``.
  case iqv
  /// ``PersonalNetworkMeasures/egoAlterEI``.
  case egoAlterEI = "ei_ego_alter"
  /// ``PersonalNetworkMeasures/yulesQ``.
  case yulesQ = "yules_q"
  /// ``PersonalNetworkMeasures/meanStrength``.
  case meanStrength = "mean_strength"
  /// Ego's coordinator count among its alters.
  case coordinator
  /// Ego's itinerant count.
  case itinerant
  /// Ego's representative count.
  case representative
  /// Ego's gatekeeper count.
  case gatekeeper
  /// Ego's liaison count.
  case liaison
  /// Ego's five roles together.
  case brokerage = "brokerage_total"

  /// Whether the measure needs a group attribute.
  public var needsGroup: Bool {
    switch self {
    case .groupedAlters, .ungroupedAlters, .groups, .blau, .iqv, .egoAlterEI, .yulesQ,
      .coordinator, .itinerant, .representative, .gatekeeper, .liaison, .brokerage:
      true
    default: false
    }
  }

  /// The measure's value in a result (counts as doubles; NaN where undefined).
  public func value(in m: PersonalNetworkMeasures) -> Double {
    switch self {
    case .size: Double(m.size)
    case .ties: Double(m.ties)
    case .density: m.density
    case .components: Double(m.components)
    case .isolates: Double(m.isolates)
    case .effectiveSize: m.effectiveSize
    case .efficiency: m.efficiency
    case .constraint: m.constraint
    case .groupedAlters: Double(m.groupedAlters)
    case .ungroupedAlters: Double(m.ungroupedAlters)
    case .groups: Double(m.groupsPresent)
    case .blau: m.blau
    case .iqv: m.iqv
    case .egoAlterEI: m.egoAlterEI
    case .yulesQ: m.yulesQ
    case .meanStrength: m.meanStrength
    case .coordinator: m.brokerage(.coordinator)
    case .itinerant: m.brokerage(.itinerant)
    case .representative: m.brokerage(.representative)
    case .gatekeeper: m.brokerage(.gatekeeper)
    case .liaison: m.brokerage(.liaison)
    case .brokerage: m.brokerageTotal
    }
  }

  /// Whether the value is a count (written as a whole number).
  public var isCount: Bool {
    switch self {
    case .size, .ties, .components, .isolates, .groupedAlters, .ungroupedAlters, .groups: true
    default: false
    }
  }
}

/// The mean, standard deviation and count of a measure over egos: values that are NaN
/// (undefined for that ego) are left out, and ``n`` counts the others. The standard deviation
/// is the sample one, with n − 1 (R's `sd`); NaN below two values. The mean is NaN for n = 0.
public struct MeasureSummary: Sendable, Equatable {
  /// The egos for which the measure is defined.
  public var n: Int
  /// Their mean; NaN for n = 0.
  public var mean: Double
  /// The sample standard deviation (n − 1); NaN below two values.
  public var standardDeviation: Double

  /// - Complexity: O(k) for k values.
  public init(_ values: [Double]) {
    let defined = values.filter { !$0.isNaN }
    n = defined.count
    mean = n > 0 ? defined.reduce(0, +) / Double(n) : .nan
    if n > 1 {
      let m = mean
      standardDeviation = (defined.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(n - 1))
        .squareRoot()
    } else {
      standardDeviation = .nan
    }
  }
}

extension PersonalNetworks {
  /// The categories of an attribute present among all the study's alters, as
  /// ``Network/groupAssignment(by:)`` reads them (missing values make none), sorted; for a
  /// multiple-choice attribute (``multipleChoiceAttributes``) the single options chosen.
  ///
  /// - Complexity: O(Σ n_e) over the egos' alters.
  public func categories(of attribute: String) -> [String] {
    var seen = Set<String>()
    for e in egos {
      for case let label? in groupLabels(of: e.alters, attribute) {
        if multipleChoiceAttributes.contains(attribute) {
          seen.formUnion(multipleChoiceOptions(label))
        } else {
          seen.insert(label)
        }
      }
    }
    return seen.sorted()
  }

  /// Each ego's group by one of its attributes, read as group attributes are (trimmed; blank
  /// and `NA` are none).
  public func egoGroups(by attribute: String) -> [String?] {
    egos.map { $0.egoGroup(by: attribute) }
  }

  /// The measures of every personal network, with the IQV's K set to the categories present
  /// among all the study's alters (unless the options set it).
  ///
  /// - Complexity: the sum of ``PersonalNetwork/measures(_:)`` over the egos.
  public func measures(_ options: PersonalNetworkOptions = .init()) throws(NetworkError)
    -> [PersonalNetworkMeasures]
  {
    var o = options
    if let g = o.group, o.categories == nil { o.categories = categories(of: g).count }
    if let g = o.group, multipleChoiceAttributes.contains(g) { o.multipleChoice = true }
    var out: [PersonalNetworkMeasures] = []
    out.reserveCapacity(egos.count)
    for e in egos { out.append(try e.measures(o)) }
    return out
  }

  /// Summaries of each measure over the egos: first over all of them (group `nil`), then per
  /// value of `groups` (one label per ego, as ``egoGroups(by:)`` gives), in order (as numbers
  /// when all are numbers); egos without a group are in the overall summary only.
  ///
  /// - Complexity: O(k·G) for k egos and G groups.
  public static func summaries(_ values: [Double], by groups: [String?]? = nil) -> [(
    group: String?, summary: MeasureSummary
  )] {
    var out: [(group: String?, summary: MeasureSummary)] = [(nil, MeasureSummary(values))]
    guard let groups else { return out }
    precondition(groups.count == values.count, "one group per ego")
    // In order as numbers when every value is one (2 before 10), else as text, as groups are.
    let names = Set(groups.compactMap { $0 })
    let numbers = names.compactMap { Double($0) }
    let ordered =
      numbers.count == names.count
      ? names.sorted { (Double($0)!, $0) < (Double($1)!, $1) } : names.sorted()
    for g in ordered {
      out.append((g, MeasureSummary(values.indices.filter { groups[$0] == g }.map { values[$0] })))
    }
    return out
  }
}
