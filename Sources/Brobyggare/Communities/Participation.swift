/// The roles of Guimerà and Amaral (2005) from within-module degree z and participation P.
public enum ModuleRole: String, Sendable, CaseIterable {
  /// R1: non-hub (z < 2.5), P ≤ 0.05: all ties inside its module.
  case ultraPeripheral = "ultra-peripheral"
  /// R2: non-hub, 0.05 < P ≤ 0.62.
  case peripheral
  /// R3: non-hub, 0.62 < P ≤ 0.80: many ties to other modules.
  case connector = "connector"
  /// R4: non-hub, P > 0.80: ties spread evenly over modules.
  case kinless
  /// R5: hub (z ≥ 2.5), P ≤ 0.30.
  case provincialHub = "provincial hub"
  /// R6: hub, 0.30 < P ≤ 0.75.
  case connectorHub = "connector hub"
  /// R7: hub, P > 0.75.
  case kinlessHub = "kinless hub"

  /// The role for (z, P); `nil` when either is NaN.
  public init?(z: Double, participation p: Double) {
    guard !z.isNaN, !p.isNaN else { return nil }
    if z >= 2.5 {
      self = p <= 0.30 ? .provincialHub : p <= 0.75 ? .connectorHub : .kinlessHub
    } else {
      self =
        p <= 0.05 ? .ultraPeripheral : p <= 0.62 ? .peripheral : p <= 0.80 ? .connector : .kinless
    }
  }
}

/// Participation coefficient and within-module degree z (Guimerà and Amaral 2005), for a
/// given grouping (an attribute such as sector) or detected communities.
///
/// On the undirected view (a neighbour counts once whichever way the ties run), with k_i the
/// degree of i (or its strength, the sum of trust, when weighted), k_is its ties into module s
/// and κ_i = k_{i,s_i} its ties inside its own module:
///
///     P_i = 1 − Σ_s (k_is / k_i)²
///     z_i = (κ_i − mean κ over i's module) / (standard deviation of κ over i's module)
///
/// The standard deviation is the population one (divisor n), as in the paper and the Brain
/// Connectivity Toolbox. P is NaN for an isolate; z is NaN when every member of a module has
/// the same κ (0/0). The role follows the paper's boundaries: hubs have z ≥ 2.5; P splits
/// non-hubs at 0.05, 0.62 and 0.80 and hubs at 0.30 and 0.75.
///
/// Guimerà, R. & Amaral, L. A. N. (2005). Functional cartography of complex metabolic
/// networks. *Nature* 433, 895–900. [doi:10.1038/nature03288](https://doi.org/10.1038/nature03288)
public struct ModuleParticipation: Sendable {
  /// The participation coefficient P_i = 1 − Σ_s (k_is / k_i)² over the modules s; NaN for an
  /// isolate.
  public var participation: [Double]
  /// The within-module degree z-score z_i = (κ_i − mean κ) / sd κ over i's module, κ_i its ties
  /// inside its own module; NaN when every member of the module has the same κ.
  public var withinModuleZ: [Double]
  /// `nil` where P or z is NaN.
  public var roles: [ModuleRole?]
}

extension Adjacency {
  /// Guimerà and Amaral's participation coefficient, within-module degree z-score and role of
  /// every node for a partition into `modules` (see ``ModuleParticipation``); ties weigh their
  /// trust when `weighted`.
  ///
  /// - Complexity: O(n + m).
  public func moduleParticipation(modules: [Int], weighted: Bool = false) -> ModuleParticipation {
    let g = undirected()
    let n = nodeCount
    let moduleCount = (modules.max() ?? -1) + 1
    var participation = [Double](repeating: .nan, count: n)
    var inside = [Double](repeating: 0, count: n)
    var perModule = [Double](repeating: 0, count: moduleCount)
    for v in 0..<n {
      var k = 0.0
      var touched: [Int] = []
      for i in g.outOffsets[v]..<g.outOffsets[v + 1] {
        let w = weighted ? g.outTrust[i] : 1
        let m = modules[Int(g.outTargets[i])]
        if perModule[m] == 0 { touched.append(m) }
        perModule[m] += w
        k += w
      }
      inside[v] = perModule[modules[v]]
      if k > 0 {
        var sum = 0.0
        for m in touched.sorted() { sum += (perModule[m] / k) * (perModule[m] / k) }
        participation[v] = 1 - sum
      }
      for m in touched { perModule[m] = 0 }
    }
    var mean = [Double](repeating: 0, count: moduleCount)
    var size = [Double](repeating: 0, count: moduleCount)
    for v in 0..<n {
      mean[modules[v]] += inside[v]
      size[modules[v]] += 1
    }
    for m in 0..<moduleCount where size[m] > 0 { mean[m] /= size[m] }
    var variance = [Double](repeating: 0, count: moduleCount)
    for v in 0..<n {
      let d = inside[v] - mean[modules[v]]
      variance[modules[v]] += d * d
    }
    let z = (0..<n).map { v in
      let sd = (variance[modules[v]] / size[modules[v]]).squareRoot()
      return sd > 0 ? (inside[v] - mean[modules[v]]) / sd : .nan
    }
    return ModuleParticipation(
      participation: participation, withinModuleZ: z,
      roles: (0..<n).map { ModuleRole(z: z[$0], participation: participation[$0]) })
  }
}

extension Network {
  /// Guimerà and Amaral's participation coefficient, within-module degree z-score and role of
  /// every node for a partition into `modules`, a module index per node (from
  /// ``louvain(selection:weighted:resolution:seed:)``'s membership, say); see
  /// ``ModuleParticipation``.
  ///
  /// - Complexity: O(n + m).
  ///
  /// Guimerà, R. & Amaral, L. A. N. (2005). Functional cartography of complex metabolic
  /// networks. *Nature* 433, 895–900. [doi:10.1038/nature03288](https://doi.org/10.1038/nature03288)
  public func moduleParticipation(
    modules: [Int], selection: TieSelection = .all,
    weighted: Bool = false
  ) throws -> ModuleParticipation {
    precondition(modules.count == nodeCount, "one module per node")
    return try adjacency(selection).moduleParticipation(modules: modules, weighted: weighted)
  }
}
