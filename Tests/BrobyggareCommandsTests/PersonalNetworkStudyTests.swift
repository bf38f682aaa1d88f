import Foundation
import Testing

@testable import BrobyggareCommands

/// The constructed personal-network study (Datasets/egos-constructed) in every form it ships
/// in: the Network Canvas CSV bundle, its zip (Scripts/zip_network_canvas_export.py), its
/// GraphML, egor's three CSV tables and the workbook of them (Scripts/make_egos_workbook.py,
/// openpyxl 3.1.5). Each must give the same per-ego table; 30 egos and 276 alters are the
/// study's counts (Datasets/egos-constructed/counts.json, written by its script). Blau's index
/// once summed its groups in a dictionary's order, which differs from run to run: the forms
/// differed in the last digits, and so did two runs of one form.
@Suite("Personal-network study in every form")
struct PersonalNetworkStudyTests {
  static let folder = packageRoot.appendingPathComponent("Datasets/egos-constructed").path

  @Test func everyFormGivesTheSameTable() throws {
    let forms = [
      "csv", "export.zip", "graphml/study.graphml", "graphml-sessions", "egor", "egos.xlsx",
    ]
    var tables: [String: String] = [:]
    for form in forms {
      let r = run(
        "egos", Self.folder + "/" + form, "--group", "sector", "--strength", "closeness",
        "--measures",
        "size,ties,density,components,effective_size,constraint,blau,iqv,ei_ego_alter,yules_q,mean_strength,brokerage_total"
      )
      #expect(r.status == 0, "\(form): \(r.stderr.suffix(400))")
      tables[form] = r.stdout
    }
    let reference = try #require(tables["egor"])
    let lines = reference.split(separator: "\n")
    #expect(lines.count == 31)  // a header and 30 egos
    #expect(lines.first?.hasPrefix("ego,ego_group,size,") == true)
    let sizes = lines.dropFirst().compactMap { Int($0.split(separator: ",")[2]) }
    #expect(sizes.reduce(0, +) == 276)
    for form in forms { #expect(tables[form] == reference, "\(form) differs from egor's tables") }
  }

  @Test func theZipIsReadThroughTheProjectsReader() throws {
    let r = run("info", Self.folder + "/export.zip")
    #expect(r.status == 0)
    #expect(r.stdout.contains("nodes: 276"))
    #expect(r.stderr.contains("read 30 sessions"))
    // A workbook missing a sheet names the sheets it has.
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let bad = dir.appendingPathComponent("one.xlsx").path
    #expect(run("convert", "padgett", bad).status == 0)
    let e = run("egos", bad)
    #expect(e.status == 1)
    #expect(e.stderr.contains("has no sheet of egos"))
  }
}
