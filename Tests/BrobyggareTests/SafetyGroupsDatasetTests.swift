import Foundation
import Testing

@testable import Brobyggare

/// The constructed local safety groups (Datasets/safety-groups-constructed): every area and wave
/// opens by name, holds the counts `Scripts/make_safety_groups.py` wrote into `manifest.csv`,
/// and has what the script builds in (its README, "How the data were generated").
@Suite("Safety groups dataset (constructed)")
struct SafetyGroupsDatasetTests {
  /// One row of manifest.csv, as the script wrote it.
  struct Row: Sendable {
    var dataset: String, area: String, wave: Int, file: String
    var nodes: Int, ties: Int, collaboration: Int, trust: Int, partnership: Int, nonRespondents: Int
    var formalBridge: String, left: String, joined: String, newPartnership: String
  }

  static let folder = (Dataset.directory! as NSString).appendingPathComponent(
    "safety-groups-constructed")

  /// The manifest: plain fields, no quoting (the script writes none that needs it).
  static let manifest: [Row] = {
    let text = try! String(
      contentsOfFile: (folder as NSString).appendingPathComponent("manifest.csv"), encoding: .utf8)
    var lines = text.split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    let header = lines.removeFirst()
    precondition(
      header == [
        "dataset", "area", "area_name", "district", "wave", "file", "nodes", "ties",
        "collaboration", "trust",
        "partnership", "non_respondents", "formal_bridge", "left", "joined", "new_partnership",
      ],
      "manifest.csv has other columns than the script writes: \(header)")
    return lines.map { f in
      Row(
        dataset: f[0], area: f[1], wave: Int(f[4])!, file: f[5], nodes: Int(f[6])!,
        ties: Int(f[7])!,
        collaboration: Int(f[8])!, trust: Int(f[9])!, partnership: Int(f[10])!,
        nonRespondents: Int(f[11])!,
        formalBridge: f[12], left: f[13], joined: f[14], newPartnership: f[15])
    }
  }()

  static func row(_ name: String) -> Row { manifest.first { $0.dataset == name }! }

  /// The sectors cut off from the rest, but for the deacon's agreements, in the formal-bridge areas.
  static let blockB: Set<String> = ["church", "local business"]

  static func string(_ node: Node, _ key: String) -> String? {
    if case .string(let s)? = node.attributes[key] { return s }
    return nil
  }

  static func respondent(_ node: Node) -> Bool? {
    if case .boolean(let b)? = node.attributes["respondent"] { return b }
    return nil
  }

  @Test func everyAreaAndWaveIsRegistered() {
    let registered = Dataset.all.filter { $0.name.hasPrefix("safety-") }
    #expect(registered.map(\.name) == Self.manifest.map(\.dataset))
    #expect(registered.count == 24)
    #expect(registered.allSatisfy { $0.constructed })
    #expect(Set(Self.manifest.map(\.area)).count == 12)
  }

  /// Counts per file and layer, and those who did not answer, as the script counted them.
  @Test(arguments: manifest.map(\.dataset))
  func countsAreTheManifests(_ name: String) throws {
    let m = Self.row(name)
    let net = try Network(dataset: name)
    #expect(net.readNotes.isEmpty, "\(net.readNotes)")
    #expect(net.isDirected)
    #expect(net.nodeCount == m.nodes)
    #expect(net.tieCount == m.ties)
    var perLayer: [String: Int] = [:]
    for t in net.ties { perLayer[t.layer ?? "", default: 0] += 1 }
    #expect(
      perLayer == [
        "collaboration": m.collaboration, "trust": m.trust, "partnership": m.partnership,
      ])
    #expect(net.nodes.filter { Self.respondent($0) == false }.count == m.nonRespondents)
    #expect(net.nodes.allSatisfy { Self.respondent($0) != nil })
    // The CSV tables the GraphML file was converted from.
    let csv = try Network(contentsOf: (Self.folder as NSString).appendingPathComponent(m.file))
    #expect(csv.nodeCount == m.nodes && csv.tieCount == m.ties)
  }

  /// The one municipal coordinator sits in every group, under one id, and answered every time;
  /// she is the municipality's contact in its agreement with the police in each area.
  @Test(arguments: manifest.map(\.dataset))
  func coordinatorIsInEveryGroup(_ name: String) throws {
    let net = try Network(dataset: name)
    let c = try #require(net.index(of: "coordinator"))
    #expect(net.nodes[c].label == "Helena Vikström")
    #expect(Self.string(net.nodes[c], "sector") == "municipality")
    #expect(Self.respondent(net.nodes[c]) == true)
    let police = net.ties.filter { $0.layer == "partnership" && $0.source == c }.map {
      net.nodes[$0.target]
    }
    #expect(police.contains { Self.string($0, "role") == "community police officer" })
    // Everyone else is of this area: ids carry its prefix.
    let prefix = String(Self.row(name).area.prefix(3)) + "-"
    #expect(net.nodes.allSatisfy { $0.id == "coordinator" || $0.id.hasPrefix(prefix) })
  }

  /// Labels are unique within an area; across areas the only name two people share is the one
  /// the script gives twice on purpose.
  @Test func labels() throws {
    var seen: [String: Set<String>] = [:]
    for m in Self.manifest {
      let net = try Network(dataset: m.dataset)
      let labels = net.nodes.map(\.label)
      #expect(Set(labels).count == labels.count, "\(m.dataset)")
      for n in net.nodes where n.id != "coordinator" { seen[n.label, default: []].insert(m.area) }
    }
    #expect(
      seen.filter { $0.value.count > 1 }.mapValues { $0.sorted() } == [
        "Anna Lindberg": ["hagalid", "norrbacka"]
      ])
  }

  /// Interview layers come from those who answered: a non-respondent names nobody. Trust is the
  /// rating over 5; a formal agreement is written both ways with trust 0.2.
  @Test(arguments: manifest.map(\.dataset))
  func tiesFollowTheDesign(_ name: String) throws {
    let net = try Network(dataset: name)
    var agreements = Set<[Int]>()
    for t in net.ties {
      switch t.layer {
      case "collaboration", "trust":
        #expect(Self.respondent(net.nodes[t.source]) == true, "\(net.nodes[t.source].id)")
        guard case .integer(let r)? = t.attributes["rating"] else {
          Issue.record("a \(t.layer!) tie without a rating")
          continue
        }
        #expect((1...5).contains(r))
        #expect(t.trust == Double(r) / 5)
      case "partnership":
        #expect(t.trust == 0.2)
        #expect(t.attributes["agreement"] != nil)
        agreements.insert([t.source, t.target])
      default:
        Issue.record("a tie in layer \(t.layer ?? "(none)")")
      }
    }
    #expect(agreements.allSatisfy { agreements.contains([$0[1], $0[0]]) })
  }

  /// In the formal-bridge areas the deacon is the only link between the parish and the shops
  /// and everyone else, and only through partnership ties: without that layer they fall apart.
  @Test(arguments: manifest.filter { !$0.formalBridge.isEmpty }.map(\.dataset))
  func formalBridgeRestsOnPartnership(_ name: String) throws {
    let m = Self.row(name)
    let net = try Network(dataset: name)
    let deacon = try #require(net.index(of: m.formalBridge))
    #expect(Self.string(net.nodes[deacon], "role") == "deacon")
    func inB(_ i: Int) -> Bool { Self.blockB.contains(Self.string(net.nodes[i], "sector") ?? "") }
    let across = net.ties.filter { inB($0.source) != inB($0.target) }
    #expect(across.count == 4)
    #expect(
      across.allSatisfy {
        $0.layer == "partnership" && ($0.source == deacon || $0.target == deacon)
      })
    let everyday = TieSelection(layers: ["collaboration", "trust"])
    let parts = try net.adjacency(everyday).weakComponents.membership
    // Without the agreements the parish and the shops are a part of their own, and all of it.
    #expect(
      net.nodes.indices.filter { parts[$0] == parts[deacon] } == net.nodes.indices.filter(inB))
    // Her bridging is the agreements': with them she lies on more shortest paths than without.
    let withAgreements = try net.betweenness()[deacon]
    let without = try net.betweenness(selection: everyday)[deacon]
    #expect(withAgreements > without, "\(withAgreements) \(without)")
  }

  /// Wave 2: in Lindhöjden the youth-centre manager leaves and a new one takes the post (and the
  /// parish's agreement); in Hagalid the housing company signs an IOP with the youth centre.
  @Test func waveTwoChanges() throws {
    let changed = Self.manifest.filter { !$0.left.isEmpty || !$0.newPartnership.isEmpty }
    #expect(changed.map(\.dataset) == ["safety-lindhojden-wave2", "safety-hagalid-wave2"])
    let leaver = Self.row("safety-lindhojden-wave2")
    let lin1 = try Network(dataset: "safety-lindhojden-wave1")
    let lin2 = try Network(dataset: "safety-lindhojden-wave2")
    #expect(lin1.index(of: leaver.left) != nil && lin2.index(of: leaver.left) == nil)
    #expect(lin1.index(of: leaver.joined) == nil)
    let joined = try #require(lin2.index(of: leaver.joined))
    #expect(Self.string(lin2.nodes[joined], "role") == "youth centre manager")
    #expect(Self.string(lin1.nodes[lin1.index(of: leaver.left)!], "role") == "youth centre manager")

    let ids = Self.row("safety-hagalid-wave2").newPartnership.split(separator: " ").map(String.init)
    #expect(ids.count == 2)
    func partners(_ net: Network) -> Bool {
      net.ties.contains {
        $0.layer == "partnership" && net.nodes[$0.source].id == ids[0]
          && net.nodes[$0.target].id == ids[1]
      }
    }
    #expect(try !partners(Network(dataset: "safety-hagalid-wave1")))
    #expect(try partners(Network(dataset: "safety-hagalid-wave2")))
    #expect(
      Self.row("safety-hagalid-wave2").partnership == Self.row("safety-hagalid-wave1").partnership
        + 2)
  }
}
