import Brobyggare
import Foundation
import Testing

@testable import BrobyggareCommands

/// The report opened in a real browser: headless Chromium loads index.html#selftest, the page
/// drives its own search, filters, labels, zoom, sort and SVG download, loads every figure for
/// print it links, and writes PASS/FAIL lines into the DOM, which `--dump-dom` prints. Any console message (an uncaught error, a failed
/// check) fails the test. Screenshots go to .build/report-screenshots/ for review.
///
/// Skipped, with a notice, where Chromium is not installed (.ci/run installs Debian's).
@Suite("Report in a browser")
struct ReportBrowserTests {
  static var chromium: String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    let names = ["chromium", "chromium-browser", "google-chrome"]
    for dir in path.split(separator: ":").map(String.init) + ["/usr/bin"] {
      for name in names where FileManager.default.isExecutableFile(atPath: dir + "/" + name) {
        return dir + "/" + name
      }
    }
    return nil
  }

  /// Runs Chromium headless with these arguments; standard output and error, or `nil` when it
  /// did not end within two minutes.
  static func headless(_ arguments: [String]) throws -> (stdout: String, stderr: String)? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: chromium!)
    // A profile of its own, so that runs never share (or lock) one.
    let profile = try temporaryDirectory().path
    process.arguments =
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--user-data-dir=\(profile)",
        "--enable-logging=stderr", "--v=0",
      ] + arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try ChildProcesses.start(process)
    let o = ChildProcesses.Box()
    let e = ChildProcesses.Box()
    let group = DispatchGroup()
    ChildProcesses.readInBackground(out.fileHandleForReading, into: o, group: group)
    ChildProcesses.readInBackground(err.fileHandleForReading, into: e, group: group)
    if group.wait(timeout: .now() + 120) == .timedOut {
      process.terminate()
      return nil
    }
    process.waitUntilExit()
    try? FileManager.default.removeItem(atPath: profile)
    return (String(decoding: o.data, as: UTF8.self), String(decoding: e.data, as: UTF8.self))
  }

  /// Chromium's version, for the test's log.
  static func version() throws -> String {
    try runTool(chromium!, ["--version"], stderr: .discard).out.trimmingCharacters(
      in: .whitespacesAndNewlines)
  }

  static let studies: [(name: String, arguments: [String])] = [
    // By default: the person-to-person layers analysed, the affiliation layers drawn.
    ("municipality", ["municipality", "--group", "sector"]),
    (
      "lazega",
      [
        "lazega", "--group", "office", "--layer", "advice,cowork", "--title",
        "Lazega's lawyers: advice and co-work by office",
      ]
    ),
    ("padgett", ["padgett", "--group", "wealth"]),
  ]

  @Test(arguments: studies.map(\.name))
  func selfTestPasses(_ study: String) throws {
    guard Self.chromium != nil else {
      print(
        "notice: Chromium is not installed; the report's browser test is skipped (.ci/run installs it)"
      )
      return
    }
    let arguments = Self.studies.first { $0.name == study }!.arguments
    let dir = try temporaryDirectory().appendingPathComponent("report")
    let r = BrobyggareCommandLine.run(["report"] + arguments + ["-o", dir.path])
    #expect(r.status == 0, "\(r.stderr)")
    let page = dir.appendingPathComponent("index.html")
    let html = try String(contentsOf: page, encoding: .utf8)
    // Offline: nothing is fetched (no src, no link to another site, no import).
    #expect(!html.contains(" src="))
    #expect(!html.contains("href=\"http"))
    #expect(!html.contains("@import") && !html.contains("url(http"))

    // The self-test ends after the figures for print have loaded (or failed to): the virtual
    // time budget keeps Chromium from printing the page before.
    guard
      let run = try Self.headless([
        "--virtual-time-budget=20000", "--dump-dom", page.absoluteString + "#selftest",
      ])
    else {
      Issue.record("Chromium did not end within two minutes")
      return
    }
    // What the self-test wrote: the text of pre#selftest (the script's own source, also in the
    // dump, names the same words).
    guard let start = run.stdout.range(of: "<pre id=\"selftest\">"),
      let end = run.stdout[start.upperBound...].range(of: "</pre>")
    else {
      Issue.record(
        "\(study): no self-test result in the page: \(run.stdout.prefix(400)) \(run.stderr.suffix(2000))"
      )
      return
    }
    let lines = run.stdout[start.upperBound..<end.lowerBound].components(separatedBy: "\n")
    print("\(study) in \(try Self.version()):\n" + lines.map { "  " + $0 }.joined(separator: "\n"))
    #expect(lines.last == "SELFTEST DONE")
    for line in lines where !line.hasPrefix("PASS ") && line != "SELFTEST DONE" {
      Issue.record("\(study): \(line)")
    }
    for check in [
      "drawing found", "search finds", "search highlights the ego network", "group filter hides",
      "labels toggle",
      "sort ascending", "sort descending", "sort by text", "download is SVG", "heat maps",
      "figures links resolve",
    ] {
      #expect(lines.contains { $0.hasPrefix("PASS " + check) }, "\(study): no PASS \(check)")
    }
    // Every console message is a failure: an uncaught error, or a failed check.
    let console = run.stderr.components(separatedBy: "\n").filter { $0.contains(":CONSOLE") }
    #expect(console.isEmpty, "\(study): \(console.joined(separator: "\n"))")

    // Screenshots for review: the page, and the page with its top bridge-builder found.
    let shots = packageRoot.appendingPathComponent(".build/report-screenshots")
    try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
    let top = try String(
      contentsOf: dir.appendingPathComponent("bridge-builders.csv"), encoding: .utf8
    )
    .split(separator: "\n")[1].split(separator: ",")[1]
    for (suffix, hash) in [("", ""), ("-found", "#find=\(top)")] {
      let png = shots.appendingPathComponent("\(study)\(suffix).png").path
      try? FileManager.default.removeItem(atPath: png)
      _ = try Self.headless([
        "--screenshot=\(png)", "--window-size=1200,1500", "--hide-scrollbars",
        page.absoluteString + hash,
      ])
      #expect(FileManager.default.fileExists(atPath: png), "no screenshot \(png)")
    }
  }
}
