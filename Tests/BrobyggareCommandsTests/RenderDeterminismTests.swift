import Foundation
import Testing

@testable import Brobyggare
@testable import BrobyggareCommands

/// `render` gives the same bytes every time: cairo writes the time of rendering into a PDF's
/// information dictionary, which ``Graphviz/fixingDates(inPDF:epoch:)`` replaces in place.
@Suite("Render determinism")
struct RenderDeterminismTests {
  /// The offsets of a PDF's classic cross-reference table, each of which must point at the
  /// header "k g obj" of object k: a reader (pdfinfo, a viewer) finds objects through them.
  static func xrefIsValid(_ pdf: Data) -> Bool {
    let bytes = [UInt8](pdf)
    let text = String(decoding: bytes, as: UTF8.self)
    guard let sx = text.range(of: "startxref", options: .backwards) else { return false }
    let tail = text[sx.upperBound...].split(whereSeparator: \.isWhitespace)
    guard let xrefOffset = tail.first.flatMap({ Int($0) }),
      bytes.count > xrefOffset + 4,
      String(decoding: bytes[xrefOffset..<(xrefOffset + 4)], as: UTF8.self) == "xref"
    else { return false }
    let lines = String(decoding: bytes[xrefOffset...], as: UTF8.self).split(separator: "\n").map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    let header = lines[1].split(separator: " ").compactMap { Int($0) }
    guard header.count == 2 else { return false }
    for k in 1..<header[1] {
      let entry = lines[1 + 1 + k].split(separator: " ")
      guard entry.count == 3, entry[2] == "n", let offset = Int(entry[0]) else { continue }
      let expected = Array("\(header[0] + k) \(Int(entry[1])!) obj".utf8)
      guard offset + expected.count <= bytes.count,
        Array(bytes[offset..<(offset + expected.count)]) == expected
      else { return false }
    }
    return true
  }

  @Test func pdfSVGAndPNGAreByteIdenticalAcrossRuns() throws {
    let dir = try temporaryDirectory()
    for net in [padgett, "\(municipality)/municipality.graphml"] {
      for ext in ["pdf", "svg", "png"] {
        let first = dir.appendingPathComponent("first.\(ext)").path
        let second = dir.appendingPathComponent("second.\(ext)").path
        #expect(run("render", net, "-o", first).status == 0)
        // cairo's dates have whole seconds: the second run is in another second.
        if ext == "pdf" { Thread.sleep(forTimeInterval: 1.1) }
        #expect(run("render", net, "-o", second).status == 0)
        let (a, b) = (
          try Data(contentsOf: URL(fileURLWithPath: first)),
          try Data(contentsOf: URL(fileURLWithPath: second))
        )
        #expect(a == b, "\(ext) of \(net) differs between two runs")
        if ext == "pdf" {
          #expect(Self.xrefIsValid(a))
          let date = "/CreationDate (D:\(Graphviz.pdfDate(epoch: Graphviz.sourceDateEpoch ?? 0))"
          #expect(String(decoding: a, as: UTF8.self).contains(date))
        }
      }
    }
  }

  /// cairo writes the dates in the local zone ("+01'00" in Stockholm, "Z" in UTC: another
  /// length), so Graphviz runs in UTC and the bytes do not depend on the machine's TZ.
  @Test func pdfDoesNotDependOnTheTimeZone() throws {
    let old = ProcessInfo.processInfo.environment["TZ"]
    setenv("TZ", "Europe/Stockholm", 1)
    defer { if let old { setenv("TZ", old, 1) } else { unsetenv("TZ") } }
    let pdf = try Graphviz.render("digraph { a -> b }", format: "pdf")
    let date = "/CreationDate (D:\(Graphviz.pdfDate(epoch: Graphviz.sourceDateEpoch ?? 0))Z)"
    #expect(String(decoding: pdf, as: UTF8.self).contains(date))
  }

  /// A time zone and a modification date are fixed as well, keeping every byte's place; a
  /// date-like string outside the information dictionary is left alone.
  @Test func datesAreReplacedInPlaceOnlyInTheInformationDictionary() {
    let pdf = """
      %PDF-1.5
      1 0 obj
      << /Title (D:20261130010634Z) >>
      endobj
      12 0 obj
      << /Producer (cairo 1.16.0 (https://cairographics.org))
         /CreationDate (D:20261130010634+01'00')
         /ModDate (D:20261130010635-05'30')
      >>
      endobj
      trailer
      << /Size 14
         /Info 12 0 R
      >>
      %%EOF

      """
    let fixed = String(
      decoding: Graphviz.fixingDates(inPDF: Data(pdf.utf8), epoch: 86_400 + 3_661), as: UTF8.self)
    let expected = pdf.replacingOccurrences(
      of: "D:20261130010634+01'00'", with: "D:19700102010101+00'00'"
    )
    .replacingOccurrences(of: "D:20261130010635-05'30'", with: "D:19700102010101+00'00'")
    #expect(fixed == expected)
    #expect(fixed.utf8.count == pdf.utf8.count)
    #expect(fixed.contains("/Title (D:20261130010634Z)"))
    // Without an information dictionary nothing changes.
    let bare = Data("%PDF-1.5\n1 0 obj\n<< /CreationDate (D:20261130010634Z) >>\nendobj\n".utf8)
    #expect(Graphviz.fixingDates(inPDF: bare, epoch: 0) == bare)
  }
}
