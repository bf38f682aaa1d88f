import Foundation
import Testing

@testable import Brobyggare
@testable import BrobyggareCommands

/// Excel workbooks on the command line: read with --sheet and --nodes-sheet, result tables and
/// networks written with -o FILE.xlsx.
@Suite("Excel workbooks on the command line")
struct XLSXCommandTests {
  static let fixtures = packageRoot.appendingPathComponent("Tests/BrobyggareTests/Fixtures/xlsx")

  @Test func sheetsNamedOnTheCommandLine() throws {
    let path = Self.fixtures.appendingPathComponent("padgett-named-sheets.xlsx").path
    let r = run("info", path, "--sheet", "Band", "--nodes-sheet", "Familjer")
    #expect(r.status == 0, "\(r.stderr)")
    // Padgett's Florentine families: 16 families, 35 ties (Datasets/padgett/README.md).
    #expect(r.stdout.contains("nodes: 16"))
    #expect(r.stdout.contains("ties: 35"))
    #expect(
      r.stderr.contains(
        "read the ties from the sheet 'Band' and the nodes from the sheet 'Familjer'"))
  }

  @Test func sheetOptionsAreForWorkbooks() {
    let r = run("info", padgett, "--sheet", "Ties")
    #expect(r.status == 64)
    #expect(r.stderr.contains("--sheet picks a sheet of an Excel workbook"))
    let s = run(
      "info", packageRoot.appendingPathComponent("Datasets/padgett/padgett.csv").path,
      "--nodes-sheet", "nodes")
    #expect(s.status == 64)
  }

  @Test func resultTableWrittenAsAWorkbook() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("metrics.xlsx").path
    let r = run("metrics", padgett, "--measures", "degree,betweenness", "-o", out, "--threads", "1")
    #expect(r.status == 0, "\(r.stderr)")
    let book = try XLSXFormat.Workbook(data: Data(contentsOf: URL(fileURLWithPath: out)), file: out)
    // The table, and the choices that made it (a workbook sent on says them; they went to the
    // terminal only).
    #expect(book.sheets.map(\.name) == ["metrics", "settings"])
    let (settings, _) = try book.table(sheet: 1)
    #expect(settings.header == ["sheet", "setting", "value"])
    #expect(settings.rows.contains(["metrics", "directed", "no"]), "\(settings.rows)")
    #expect(settings.rows.contains { $0.prefix(2) == ["metrics", "layers"] })
    let (table, _) = try book.table(sheet: 0)
    #expect(table.header.prefix(2) == ["id", "label"])
    #expect(table.rows.count == 16)
    // The same table as CSV, cell for cell.
    let csv = run("metrics", padgett, "--measures", "degree,betweenness", "--threads", "1")
    let lines = csv.stdout.split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    #expect([table.header] + table.rows == lines)
    // Numbers are number cells (no type attribute), never formula strings.
    let xml = String(
      decoding: try #require(try book.archive.extract("xl/worksheets/sheet1.xml")), as: UTF8.self)
    #expect(!xml.contains("t=\"str\""))
  }

  @Test func workbookNeedsAFile() {
    let r = run("metrics", padgett, "--format", "xlsx")
    #expect(r.status == 64)
    #expect(r.stderr.contains("-o FILE.xlsx"))
    // --excel is CSV for Excel: not into a file named as a workbook.
    let excel = run("metrics", padgett, "--excel", "-o", "/tmp/never-written.xlsx")
    #expect(excel.status == 64)
    #expect(excel.stderr.contains("leave out --excel"))
  }

  @Test func convertToAWorkbookAndBack() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let xlsx = dir.appendingPathComponent("padgett.xlsx").path
    let back = dir.appendingPathComponent("back.csv").path
    #expect(run("convert", padgett, xlsx).status == 0)
    let r = run("convert", xlsx, back)
    #expect(r.status == 0, "\(r.stderr)")
    let direct = dir.appendingPathComponent("direct.csv").path
    #expect(run("convert", padgett, direct).status == 0)
    #expect(
      try String(contentsOfFile: back, encoding: .utf8)
        == String(contentsOfFile: direct, encoding: .utf8))
    let nodesBack = dir.appendingPathComponent("back.nodes.csv").path
    let nodesDirect = dir.appendingPathComponent("direct.nodes.csv").path
    #expect(
      try String(contentsOfFile: nodesBack, encoding: .utf8)
        == String(contentsOfFile: nodesDirect, encoding: .utf8))
  }

  @Test func aWorkbookIsNotOverwritten() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let xlsx = dir.appendingPathComponent("net.xlsx").path
    try FileManager.default.copyItem(
      atPath: Self.fixtures.appendingPathComponent("polinode.xlsx").path, toPath: xlsx)
    let r = run("metrics", xlsx, "-o", xlsx)
    #expect(r.status != 0)
    #expect(r.stderr.contains("Refusing to overwrite the input file"))
  }

  /// The municipality study's nominations and roster as workbooks (Scripts/make_xlsx_fixtures.py
  /// wrote Datasets/municipality's CSV tables into them) build the same network as the CSV
  /// tables.
  @Test func interviewTablesFromWorkbooks() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let municipality = packageRoot.appendingPathComponent("Datasets/municipality")
    let fromXLSX = dir.appendingPathComponent("x.csv").path
    let fromCSV = dir.appendingPathComponent("c.csv").path
    let a = run(
      "interviews", Self.fixtures.appendingPathComponent("municipality-nominations.xlsx").path,
      "--roster", Self.fixtures.appendingPathComponent("municipality-roster.xlsx").path, "--scale",
      "1..5", "--wave", "1", "-o", fromXLSX)
    #expect(a.status == 0, "\(a.stderr)")
    let b = run(
      "interviews", municipality.appendingPathComponent("nominations.csv").path,
      "--roster", municipality.appendingPathComponent("roster.csv").path, "--scale", "1..5",
      "--wave", "1", "-o", fromCSV)
    #expect(b.status == 0, "\(b.stderr)")
    for (x, c) in [
      (fromXLSX, fromCSV),
      (Network.companionNodeTable(for: fromXLSX), Network.companionNodeTable(for: fromCSV)),
    ] {
      #expect(
        try String(contentsOfFile: x, encoding: .utf8) == String(contentsOfFile: c, encoding: .utf8)
      )
    }
  }

  /// The report writes its tables as CSV files and again in one workbook, a sheet each.
  @Test func reportTablesInOneWorkbook() throws {
    let dir = try temporaryDirectory().appendingPathComponent("report")
    defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }
    let municipality = packageRoot.appendingPathComponent(
      "Datasets/municipality/municipality.graphml"
    ).path
    let r = run(
      "report", municipality, "--layer", "trust,collaboration", "--group", "sector", "--robustness",
      "5", "-o", dir.path)
    #expect(r.status == 0, "\(r.stderr)")
    let path = dir.appendingPathComponent("tables.xlsx").path
    let book = try XLSXFormat.Workbook(
      data: Data(contentsOf: URL(fileURLWithPath: path)), file: path)
    #expect(
      book.sheets.map(\.name) == [
        "bridge-builders", "group-matrix", "ei", "whatif", "robustness", "settings",
      ])
    let (settings, _) = try book.table(sheet: 5)
    #expect(
      settings.rows.contains { $0.prefix(2) == ["every sheet", "layers"] }, "\(settings.rows)")
    let csv = try String(
      contentsOf: dir.appendingPathComponent("bridge-builders.csv"), encoding: .utf8)
    let (table, _) = try book.table(sheet: 0)
    #expect(table.rows.count + 1 == csv.split(separator: "\n").count)
  }
}
