import Foundation
import Testing

@testable import Brobyggare

/// Excel workbooks: the ZIP reader and DEFLATE decoder under them, sheets read as CSV tables,
/// the Kumu and Polinode layouts, workbooks written and read back, and hostile archives.
/// The workbooks under Fixtures/xlsx were written by Scripts/make_xlsx_fixtures.py with
/// openpyxl 3.1.5 and LibreOffice 7.4.7; what each holds is in that script.
@Suite("Excel workbooks")
struct XLSXTests {
  // MARK: Helpers

  /// A workbook of one sheet from its XML, with shared strings and styles when given; no
  /// `_rels/.rels`, so the reader finds xl/workbook.xml where Excel puts it.
  static func workbook(
    sheet: String, name: String = "Ties", sharedStrings: String? = nil, styles: String? = nil,
    date1904: Bool = false
  ) -> Data {
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    var zip = ZIPWriter()
    zip.add(
      "xl/workbook.xml",
      Array(
        """
        <workbook xmlns="\(main)" xmlns:r="\(rel)">\(date1904 ? "<workbookPr date1904=\"1\"/>" : "")<sheets><sheet name="\(name)" sheetId="1" r:id="rId1"/></sheets></workbook>
        """.utf8))
    var rels =
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    rels += "<Relationship Id=\"rId1\" Type=\"\(rel)/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    if sharedStrings != nil {
      rels +=
        "<Relationship Id=\"rId2\" Type=\"\(rel)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    }
    if styles != nil {
      rels += "<Relationship Id=\"rId3\" Type=\"\(rel)/styles\" Target=\"styles.xml\"/>"
    }
    zip.add("xl/_rels/workbook.xml.rels", Array((rels + "</Relationships>").utf8))
    zip.add(
      "xl/worksheets/sheet1.xml",
      Array("<worksheet xmlns=\"\(main)\"><sheetData>\(sheet)</sheetData></worksheet>".utf8))
    if let sharedStrings {
      zip.add("xl/sharedStrings.xml", Array("<sst xmlns=\"\(main)\">\(sharedStrings)</sst>".utf8))
    }
    if let styles {
      zip.add("xl/styles.xml", Array("<styleSheet xmlns=\"\(main)\">\(styles)</styleSheet>".utf8))
    }
    return zip.finished()
  }

  /// A one-entry archive, its central directory patched to say what the test wants: a
  /// method, a CRC-32, a declared size or flags other than those of the bytes stored.
  static func archive(
    _ name: String, _ content: [UInt8], method: Int? = nil, crc: UInt32? = nil,
    uncompressedSize: Int? = nil, flags: Int? = nil
  ) -> Data {
    var zip = ZIPWriter()
    zip.add(name, content)
    var bytes = [UInt8](zip.finished())
    let end = bytes.count - 22
    let cd =
      Int(bytes[end + 16]) | Int(bytes[end + 17]) << 8 | Int(bytes[end + 18]) << 16 | Int(
        bytes[end + 19]) << 24
    func put(_ value: Int, at offset: Int, bytes n: Int) {
      for k in 0..<n { bytes[offset + k] = UInt8((value >> (8 * k)) & 0xFF) }
    }
    if let flags { put(flags, at: cd + 8, bytes: 2) }
    if let method { put(method, at: cd + 10, bytes: 2) }
    if let crc { put(Int(crc), at: cd + 16, bytes: 4) }
    if let uncompressedSize { put(uncompressedSize, at: cd + 24, bytes: 4) }
    return Data(bytes)
  }

  static func error(_ body: () throws -> Void) -> FormatError? {
    do { try body() } catch let e as FormatError { return e } catch {
      Issue.record("not a FormatError: \(error)")
    }
    return nil
  }

  /// Raw DEFLATE streams written by Python 3.11.7's zlib 1.2.13 (`compressobj(level, DEFLATED,
  /// -15, 9, strategy)`), with the length and CRC-32 of what they hold, as zlib gave them.
  static let streams: [(name: String, base64: String, length: Int, crc: UInt32)] = [
    ("stored (level 0)", "ARgA5/9NZWRpY2ksIFN0cm96emksIEFsYml6emk=", 24, 0x13F0_4CA2),
    ("fixed Huffman (Z_FIXED)", "801NyUzO1FEILinKr6oCMhxzkjKBDGsFXxwyAA==", 50, 0x1484_1D64),
    (
      "dynamic Huffman (level 9)",
      """
      jZpRal1HEES3YrQBT03PdE+DLMhavICAE5ztx4Hwui5o3PVhkKFl8D1H0nun9P7jz3++/Pj2hreP9+//ffAH3r78/e3tr19///kR719/frx//f7rz6+7j/f/j+freNIxPj+217HR8fn8eL2OFx3Pz4/363jTcX5+7K9jp2P7/Dhex8H/wfH59XldH7penx/n6zj5n748PIziMuh+X84JI3PE5QmiSIJR+uW8WIJhXp4LiiZWbxWKJ3bvFYoovDcLxRTRu4WCitPbhcKK7P2ahXUOwbBZXCd6xyZ9gU7Bsllcp/WWzeI6l2DZLLBz95bNAju9t2wW2BnC964CO09v2SywM3vLrMDa6C2z4mroLbPiarO3zOhbrwmWWXG11VtmhdW2YJkVV/PeMiuuFoJlVmDt9JZZgbXsLVsFdo3eslVgF3rLVoFdU/gpWWCX9ZYt+qm6estWcV27t2wV1uWCZau4rugtW4V1HcGyVVxX9pbt4rqHYNkusBu9ZbvA7tlbtgvstt6yXWD36i3b9IJp95btArtdeDVWXHf0lu3iuk9v2S6sOwXLvLj66C3zwuoQLPPi6rO3zIurm2CZF1hfvWVeYH33ljm9FvbeMi+wHr1lXmD99JZ5gfXsLYviGqO3LIprQHjdX1hjCpZFcQ3rLYvCGkuwLIpr7N6yKK7hgmVBb3OitywKbJzesiiwkb1lp8Ce0Vt2CuxBb9kpsGf2lp3ieqy37BTXs3rLTmE9W3l/WVyP95adwnpCsOzQ+9fTW3aK60nBsiywOXrLssAmesuywObsLcsCm9ZblgU2V29ZFtjcvWVZXNN7y7K4ZvSWZWHNI1iWVCaytwyD08SQWgbViQGhZgzKE2MqPWNQoRgmFI1BjWIsoWkMqhRjC1VjUKcYLnSNQaVihFA2BrWKcYS2MahWjBTqBmeoR4ey2ydwiIJgHzhFPVrUzT+OUY8adfWPe9QjSF1rGrF+Jqnbk+Uo9ahSN/84Sz261PU5EexHmbr5x2nq0aZuj4niFB516uYf1Sk88tS1OnJ2nIJ/FKjwKFQ3/yhR4dmobs+VIhUelermH2UqPDrV1T8qVXikqpt/1KrwjFXXJ0uwH73qWnQJ9qNY3Z4TJSuYsBWAohVM2AtgXJmFzQDUrWDCbgAqVzBhOwClK5iwH4DiFUzZEED5CibsCKCABZO2BGpYWMqaQBULS9oTKGRhKYsCpSwsaVPgUUFZFShnYSm7AgUtLGVZoKKFpWwL1LSwlHWBohaWsC+Asha2sjCAwha2sDGA0ha2sjKA6ha2sDOA+ha2sjRg84YkbA2gyIUtrA2gzIUdyqpFsLewOIBSF7awOYBaF1xYHUC1Cy7sDqDcBReWB1DwgivbAyh5wYX1ARS94Mr+AOfFUFggQOULrmwQoPgFF1YIUP6CCzsEKIAhhCUClMAQwhYBimCIqSyrBDuEPQLUwRDCIgEKYQhhkwClMISySiB4HxZ2CVAOQyjLBKiIIYRtAtTEcJR1ApTFcIR9AhTGcISFApTGcISNAhTHcISVApTHcISdAtTHcFzZ9on1EbYKHP5tAGGtAEUyHGWvAGUypLBYgEIZUtksQK0MKawWoFqGVHYLUDBDCssFKJkhhe0CFM2QwnoBymZIYb8AhTOksGAg+Zc/frNh/As=
      """, 9580, 0x1E31_10E3
    ),
  ]

  // MARK: DEFLATE, CRC-32, ZIP

  @Test func crc32CheckValue() {
    // The check value of CRC-32/ISO-HDLC in Greg Cook's catalogue of parametrised CRCs.
    #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
  }

  @Test(arguments: streams.indices)
  func inflatesWhatZlibDeflated(_ k: Int) throws {
    let s = Self.streams[k]
    let input = [UInt8](Data(base64Encoded: s.base64.filter { !$0.isWhitespace })!)
    let out = try Inflate.inflate(input[...], limit: s.length)
    #expect(out.count == s.length, "\(s.name)")
    #expect(CRC32.checksum(out) == s.crc, "\(s.name)")
    if k == 0 { #expect(String(decoding: out, as: UTF8.self) == "Medici, Strozzi, Albizzi") }
    if k == 2 {
      #expect(String(decoding: out.prefix(27), as: UTF8.self) == #"<row r="1"><c r="A1" t="s">"#)
    }
  }

  @Test func inflateStopsAtItsLimitAndAtTheEndOfItsInput() throws {
    let s = Self.streams[2]
    let input = [UInt8](Data(base64Encoded: s.base64.filter { !$0.isWhitespace })!)
    // One byte less room than the stream holds: refused, not written past.
    #expect(throws: Inflate.Failure.self) { try Inflate.inflate(input[...], limit: s.length - 1) }
    // Cut short anywhere: refused.
    for cut in [1, 10, 100, input.count / 2, input.count - 1] {
      #expect(throws: Inflate.Failure.self) { try Inflate.inflate(input[..<cut], limit: s.length) }
    }
    // The reserved block type 3 (first byte 0b111: final, type 3).
    #expect(throws: Inflate.Failure.self) { try Inflate.inflate([0x07, 0x00][...], limit: 100) }
  }

  @Test func zipWrittenReadsBack() throws {
    var zip = ZIPWriter()
    zip.add("a.txt", Array("hej".utf8))
    zip.add("mapp/b.xml", Array("<x/>".utf8))
    let archive = try ZIPArchive(data: zip.finished(), file: "t.zip")
    #expect(archive.entries.map(\.name) == ["a.txt", "mapp/b.xml"])
    #expect(try archive.extract("a.txt") == Data("hej".utf8))
    #expect(try archive.extract("mapp/b.xml") == Data("<x/>".utf8))
    #expect(try archive.extract("c.txt") == nil)
  }

  @Test func deflatedEntryReads() throws {
    let s = Self.streams[2]
    let input = [UInt8](Data(base64Encoded: s.base64.filter { !$0.isWhitespace })!)
    let data = Self.archive("sheet.xml", input, method: 8, crc: s.crc, uncompressedSize: s.length)
    #expect(try ZIPArchive(data: data, file: "t.zip").extract("sheet.xml")?.count == s.length)
  }

  @Test func hostileArchivesAreRefusedWithReasons() throws {
    let s = Self.streams[2]
    let deflated = [UInt8](Data(base64Encoded: s.base64.filter { !$0.isWhitespace })!)
    func message(_ data: Data, limits: ZIPArchive.Limits = .init()) -> String {
      Self.error { _ = try ZIPArchive(data: data, file: "t.zip", limits: limits).extract("e") }?
        .message ?? "(read)"
    }
    // A size that lies: the stream holds 9580 bytes, the directory says 1000.
    #expect(
      message(Self.archive("e", deflated, method: 8, crc: s.crc, uncompressedSize: 1000)).contains(
        "more than the 1000 bytes it declares"))
    // And the other way: it says more than the stream holds.
    #expect(
      message(Self.archive("e", deflated, method: 8, crc: s.crc, uncompressedSize: 20000)).contains(
        "declares 20000"))
    // A zip bomb: 100 MB declared from 1,244 compressed bytes.
    #expect(
      message(Self.archive("e", deflated, method: 8, crc: s.crc, uncompressedSize: 100_000_000))
        .contains("zip bomb"))
    // Over a limit of one entry.
    var small = ZIPArchive.Limits()
    small.entryBytes = 100
    #expect(
      message(
        Self.archive("e", deflated, method: 8, crc: s.crc, uncompressedSize: s.length),
        limits: small
      ).contains("at most 100 bytes"))
    // A bad CRC-32.
    #expect(message(Self.archive("e", Array("hej".utf8), crc: 0x1234_5678)).contains("CRC-32"))
    // Encrypted, and compressed with a method not read (14, LZMA).
    #expect(message(Self.archive("e", Array("hej".utf8), flags: 1)).contains("encrypted"))
    #expect(message(Self.archive("e", Array("hej".utf8), method: 14)).contains("method 14"))
    // Cut short: no end record.
    let whole = Self.archive("e", Array("hej".utf8))
    #expect(message(whole.prefix(whole.count - 5)).contains("cut short"))
    // Not a ZIP archive at all.
    #expect(message(Data("source,target\na,b\n".utf8)).contains("not a ZIP archive"))
  }

  /// Every prefix and many one-byte changes of a real workbook either read or are refused
  /// with a FormatError: never a crash, a trap or a hang.
  @Test func damagedWorkbooksNeverTrap() throws {
    let good = try fixtureData("xlsx/padgett.xlsx")
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> Int {
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      return Int(state % UInt64(good.count))
    }
    var refused = 0
    for cut in stride(from: 0, to: good.count, by: 97) {
      if (try? XLSXFormat.read(good.prefix(cut), file: "cut.xlsx")) == nil { refused += 1 }
    }
    #expect(refused > 0)
    for _ in 0..<300 {
      var bytes = [UInt8](good)
      bytes[next()] ^= UInt8(truncatingIfNeeded: next() | 1)
      do { _ = try XLSXFormat.read(Data(bytes), file: "flipped.xlsx") } catch {}
    }
  }

  // MARK: Cells

  @Test func everyKindOfCell() throws {
    let net = try Network(contentsOf: fixturePath("xlsx/cells.xlsx"))
    // The values are those Scripts/make_xlsx_fixtures.py puts in the sheet 'Ties'.
    #expect(net.nodes.map(\.id) == ["Anna", "Bo", "Cecilia"])
    #expect(net.tieCount == 4)
    #expect(net.ties.map(\.trust) == [0.5, 1, 0.25, 2])
    func column(_ name: String) -> [AttributeValue?] { net.ties.map { $0.attributes[name] } }
    #expect(
      column("since") == [.string("2024-03-01"), .string("1999-12-31"), nil, .string("1900-03-01")])
    #expect(
      column("met") == [
        .string("2024-03-01T12:30:00"), .string("2000-01-01T00:00:01"), nil, .string("08:15:00"),
      ])
    #expect(column("active") == [.boolean(true), .boolean(false), nil, .boolean(true)])
    // Text that looks like a number stays text, as in CSV.
    #expect(
      column("zip") == [.string("01234"), .string("00700"), .string("12345"), .string("99999")])
    // A rich-text cell's runs joined; an error cell (#N/A) missing, with a note.
    #expect(
      column("note") == [.string("first"), .string("bold and plain"), nil, .string("  spaced  ")])
    #expect(column("count") == [.integer(12), .integer(7), .integer(3), .integer(100)])
    #expect(
      net.readNotes.contains {
        $0.contains("error value") && $0.contains("H4") && $0.contains("#N/A")
      })
  }

  @Test func dates1904() throws {
    // openpyxl wrote 2024-03-01 in the 1904 system (serial 43890 there, 45352 in 1900's).
    let net = try Network(contentsOf: fixturePath("xlsx/date1904.xlsx"))
    #expect(net.ties[0].attributes["since"] == .string("2024-03-01"))
  }

  @Test func serialDatesAsExcelShowsThem() {
    // Excel's own display of these serials (1900 system): 1 is 1900-01-01, 59 is 1900-02-28,
    // 60 the fictitious 1900-02-29, 61 is 1900-03-01, 45352 is 2024-03-01.
    let iso = { (d: Double) in XLSXFormat.isoText(serial: d, kind: .date, date1904: false) }
    #expect(iso(1) == "1900-01-01")
    #expect(iso(59) == "1900-02-28")
    #expect(iso(60) == "1900-02-29")
    #expect(iso(61) == "1900-03-01")
    #expect(iso(45352) == "2024-03-01")
    // 1904 system: 0 is 1904-01-01.
    #expect(XLSXFormat.isoText(serial: 0, kind: .date, date1904: true) == "1904-01-01")
    #expect(XLSXFormat.isoText(serial: 0.5, kind: .time, date1904: false) == "12:00:00")
    #expect(
      XLSXFormat.isoText(serial: 45352.75, kind: .dateTime, date1904: false)
        == "2024-03-01T18:00:00")
    // Past the year 9999: left a number.
    #expect(iso(3_000_000) == nil)
  }

  @Test func dateFormats() {
    typealias W = XLSXFormat.Workbook
    #expect(W.dateKind(ofFormat: "yyyy-mm-dd") == .date)
    #expect(W.dateKind(ofFormat: "h:mm:ss") == .time)
    #expect(W.dateKind(ofFormat: "yyyy-mm-dd h:mm:ss") == .dateTime)
    #expect(W.dateKind(ofFormat: "[$-41D]mmmm yyyy") == .date)
    #expect(W.dateKind(ofFormat: "0.00") == nil)
    #expect(W.dateKind(ofFormat: "#,##0 \"days\"") == nil)
    #expect(W.dateKind(ofFormat: "[Red]0%") == nil)
    #expect(W.dateKind(ofFormat: "General") == nil)
    // Elapsed time is a duration, not a moment: left a number.
    #expect(W.dateKind(ofFormat: "[h]:mm:ss") == nil)
    #expect(W.dateKind(ofFormat: "[mm]:ss") == nil)
  }

  @Test func sharedStringsInlineStringsAndEscapes() throws {
    let sst = """
      <si><t>source</t></si><si><t>target</t></si><si><r><t>An</t></r><r><t>na</t></r><rPh><t>アンナ</t></rPh></si><si><t>b_x0007_ell</t></si><si><t>_x005F_x0041_</t></si>
      """
    let sheet = """
      <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>w</t></is></c><c r="D1" t="str"><v>f</v></c></row>
      <row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c><c r="C2"><v>1.50</v></c><c r="D2" t="str"><f>A2</f><v>x</v></c></row>
      <row r="3"><c r="A3" t="inlineStr"><is><r><t>Bo</t></r></is></c><c r="B3" t="s"><v>4</v></c><c r="C3"><v>12.0</v></c></row>
      """
    let net = try XLSXFormat.read(Self.workbook(sheet: sheet, sharedStrings: sst), file: "t.xlsx")
    // Runs joined, the phonetic run (rPh) left out; _x0007_ is U+0007, _x005F_ an underscore.
    #expect(net.nodes.map(\.id) == ["Anna", "b\u{7}ell", "Bo", "_x0041_"])
    // 1.50 and 12.0 are the numbers 1.5 and 12.
    #expect(net.ties.map { $0.attributes["w"] } == [.double(1.5), .double(12)])
    // A formula's cached value, and an empty cell (no <c> at all) missing.
    #expect(net.ties.map { $0.attributes["f"] } == [.string("x"), nil])
  }

  @Test func cellsOutOfOrderAndWithoutReferences() throws {
    // Cells need not come in order, nor say where they are (then each is the next column).
    let sheet = """
      <row r="2"><c r="B2" t="inlineStr"><is><t>b</t></is></c><c r="A2" t="inlineStr"><is><t>a</t></is></c></row>
      <row r="1"><c t="inlineStr"><is><t>source</t></is></c><c t="inlineStr"><is><t>target</t></is></c></row>
      """
    let net = try XLSXFormat.read(Self.workbook(sheet: sheet), file: "t.xlsx")
    #expect(net.ties.count == 1)
    #expect(net.nodes[net.ties[0].source].id == "a")
  }

  @Test func badSheetsSayWhere() throws {
    func message(_ sheet: String, sst: String? = nil) -> FormatError? {
      Self.error {
        _ = try XLSXFormat.read(Self.workbook(sheet: sheet, sharedStrings: sst), file: "net.xlsx")
      }
    }
    let header =
      #"<row r="1"><c r="A1" t="inlineStr"><is><t>source</t></is></c><c r="B1" t="inlineStr"><is><t>target</t></is></c><c r="C1" t="inlineStr"><is><t>trust</t></is></c></row>"#
    // A cell given twice.
    let twice = message(
      header
        + #"<row r="2"><c r="A2" t="inlineStr"><is><t>a</t></is></c><c r="A2" t="inlineStr"><is><t>b</t></is></c></row>"#
    )
    #expect(twice?.message.contains("A2 appears twice") == true)
    // A trust that is not a number: the sheet, the row and the column (C is 3).
    let trust = message(
      header
        + #"<row r="7"><c r="A7" t="inlineStr"><is><t>a</t></is></c><c r="B7" t="inlineStr"><is><t>b</t></is></c><c r="C7" t="inlineStr"><is><t>hög</t></is></c></row>"#
    )
    #expect(trust?.file == "net.xlsx[Ties]")
    #expect(trust?.line == 7)
    #expect(trust?.column == 3)
    #expect(trust?.message.contains("'hög' is not a number") == true)
    // A shared string that is not there.
    #expect(
      message(#"<row r="1"><c r="A1" t="s"><v>5</v></c></row>"#, sst: "<si><t>x</t></si>")?.message
        .contains("shared string 5") == true)
    // A column with values and no name.
    let unnamed = message(
      header
        + #"<row r="2"><c r="A2" t="inlineStr"><is><t>a</t></is></c><c r="B2" t="inlineStr"><is><t>b</t></is></c><c r="E2"><v>1</v></c></row>"#
    )
    // (D, empty throughout, is a spacer column; E has a value and no name.)
    #expect(
      unnamed?.message.contains(
        "the column E has values (the first in Ties!E2) but no name: its header cell Ties!E1 is empty"
      ) == true)
    #expect(unnamed?.line == 1 && unnamed?.column == 5)
    // A title above the table: one cell in the first row, columns of values below.
    let title = message(
      #"<row r="1"><c r="A1" t="inlineStr"><is><t>Intervjuer 2024</t></is></c></row>"#
        + #"<row r="2"><c r="A2" t="inlineStr"><is><t>source</t></is></c><c r="B2" t="inlineStr"><is><t>target</t></is></c></row>"#
    )
    #expect(
      title?.message.hasPrefix(
        "row 1 holds one cell ('Intervjuer 2024' in Ties!A1) above columns of values, and the column B has values (from Ties!B2) but no name there: if the cell is a title above the table, delete its row"
      ) == true, "\(String(describing: title))")
    // Empty.
    #expect(message("")?.message.contains("is empty") == true)
    // A reference that is not one.
    #expect(
      message(#"<row r="1"><c r="1A"><v>1</v></c></row>"#)?.message.contains("not one") == true)
  }

  @Test func hugeSheetsAreRefusedBeforeTheyAreBuilt() throws {
    // Four cells, A1, Z1, A2 and Z2: a table of 2 rows by 26 columns, 52 cells, refused under a
    // limit of 50 by its size, before it is built (rows without values take no room).
    var limits = XLSXFormat.Limits()
    limits.cells = 50
    let sheet =
      #"<row r="1"><c r="A1"><v>1</v></c><c r="Z1"><v>1</v></c></row><row r="1048576"><c r="A1048576"><v>1</v></c><c r="Z1048576"><v>1</v></c></row>"#
    let e = Self.error {
      _ = try XLSXFormat.read(Self.workbook(sheet: sheet), file: "big.xlsx", limits: limits)
    }
    #expect(
      e?.message.contains("2 rows by 26 columns (A1:Z1048576), more than the 50 cells read") == true
    )
    // More cells with values than the limit.
    limits.cells = 3
    let many = Self.error {
      _ = try XLSXFormat.read(Self.workbook(sheet: sheet), file: "big.xlsx", limits: limits)
    }
    #expect(many?.message.contains("more than 3 cells with values") == true)
    // One long shared string in many cells: bounded by the text the cells hold together.
    limits = XLSXFormat.Limits()
    limits.textBytes = 1000
    let long = "<si><t>" + String(repeating: "x", count: 300) + "</t></si>"
    let cells = (1...4).map { #"<row r="\#($0)"><c r="A\#($0)" t="s"><v>0</v></c></row>"# }.joined()
    let text = Self.error {
      _ = try XLSXFormat.read(
        Self.workbook(sheet: cells, sharedStrings: long), file: "t.xlsx", limits: limits)
    }
    #expect(text?.message.contains("more than 1000 bytes of text") == true)
    #expect(text?.line == 4)
    // Beyond Excel's own columns and rows.
    let wide = Self.error {
      _ = try XLSXFormat.read(
        Self.workbook(sheet: #"<row r="1"><c r="XFE1"><v>1</v></c></row>"#), file: "wide.xlsx")
    }
    #expect(wide?.message.contains("16384 columns") == true)
    let deep = Self.error {
      _ = try XLSXFormat.read(
        Self.workbook(sheet: #"<row r="1048577"><c><v>1</v></c></row>"#), file: "deep.xlsx")
    }
    #expect(deep?.message.contains("from 1 to 1048576") == true)
  }

  @Test func mergedHeaderIsRefused() throws {
    let e = Self.error { _ = try Network(contentsOf: fixturePath("xlsx/merged-header.xlsx")) }
    #expect(e?.message.contains("merged cells (C1:D1)") == true)
    #expect(e?.file.hasSuffix("merged-header.xlsx[Ties]") == true)
    #expect(e?.column == 3)
  }

  // MARK: Sheets and layouts

  /// The Padgett workbooks hold the shipped CSV tables: the networks read from both, written
  /// as CSV, are the same text.
  @Test(arguments: ["padgett.xlsx", "padgett-libreoffice.xlsx"])
  func padgettWorkbookIsTheCSVDataset(_ name: String) throws {
    let fromCSV = try Network(
      contentsOf: packageRoot.appendingPathComponent("Datasets/padgett/padgett.csv").path)
    let fromXLSX = try Network(contentsOf: fixturePath("xlsx/" + name))
    #expect(fromXLSX.nodeCount == 16)
    #expect(fromXLSX.tieCount == 35)
    #expect(
      try fromXLSX.serialized(as: .csv, path: "x.csv").map(\.contents)
        == fromCSV.serialized(as: .csv, path: "x.csv").map(\.contents))
    #expect(
      fromXLSX.readNotes.contains { $0.contains("sheet 'ties'") && $0.contains("sheet 'nodes'") })
  }

  /// A blank column between data columns (C in spacer-column.xlsx: no header, no values) is
  /// left out with a note naming it; it was refused as a column "with values below it".
  @Test func spacerColumnIsLeftOutWithANote() throws {
    let net = try Network(contentsOf: fixturePath("xlsx/spacer-column.xlsx"))
    #expect(net.ties.map { net.nodes[$0.source].id + net.nodes[$0.target].id } == ["ab", "bc"])
    #expect(net.ties.map(\.trust) == [2, 1])
    #expect(
      net.readNotes.contains(
        "left out the column C of the sheet 'Ties': it has no header and no values (a spacer column)"
      ))
    // Positions still count the sheet's columns: the trust column is D, the 4th.
    let sheet =
      #"<row r="1"><c r="A1" t="inlineStr"><is><t>source</t></is></c><c r="B1" t="inlineStr"><is><t>target</t></is></c><c r="D1" t="inlineStr"><is><t>trust</t></is></c></row>"#
      + #"<row r="2"><c r="A2" t="inlineStr"><is><t>a</t></is></c><c r="B2" t="inlineStr"><is><t>b</t></is></c><c r="D2" t="inlineStr"><is><t>x</t></is></c></row>"#
    let e = Self.error { _ = try XLSXFormat.read(Self.workbook(sheet: sheet), file: "s.xlsx") }
    #expect(e?.file == "s.xlsx[Ties]" && e?.line == 2 && e?.column == 4)
  }

  /// Hidden and very hidden sheets are never chosen unless named: hidden-sheets.xlsx has
  /// Lookup (very hidden) and Old (hidden) before Current; only-hidden-sheets.xlsx has no sheet
  /// that is not hidden.
  @Test func hiddenSheetsAreReadOnlyWhenNamed() throws {
    let path = fixturePath("xlsx/hidden-sheets.xlsx")
    let net = try Network(contentsOf: path)
    #expect(net.nodes.map(\.id) == ["a", "b"])
    #expect(
      net.readNotes.contains(
        "left out the hidden sheets 'Lookup' (very hidden), 'Old': a hidden sheet is read only when --sheet or --nodes-sheet names it"
      ))
    var options = Network.ReadOptions()
    options.sheet = "Lookup"
    let named = try Network(contentsOf: path, options: options)
    #expect(named.nodes.map(\.id) == ["secret", "x"])
    #expect(
      named.readNotes.contains(
        "the sheet 'Lookup' is very hidden in the workbook; it was read because it was named"))
    let e = Self.error { _ = try Network(contentsOf: fixturePath("xlsx/only-hidden-sheets.xlsx")) }
    #expect(
      e?.message
        == "every sheet of the workbook is hidden ('Notes', 'Ties' (very hidden)); a hidden sheet is read only when --sheet names it"
    )
    options.sheet = "Ties"
    let asked = try Network(
      contentsOf: fixturePath("xlsx/only-hidden-sheets.xlsx"), options: options)
    #expect(asked.tieCount == 1)
  }

  /// A formula without a cached value (openpyxl writes `<f>C3*2</f><v />`, never calculating)
  /// is refused at its cell; it was read as a missing value. A formula whose cached result is
  /// empty text (`t="str"`, `<v></v>`, as Excel writes ="") is a missing value.
  @Test func uncalculatedFormulaIsRefusedAtItsCell() throws {
    let e = Self.error {
      _ = try Network(contentsOf: fixturePath("xlsx/uncalculated-formula.xlsx"))
    }
    #expect(e?.file.hasSuffix("uncalculated-formula.xlsx[Ties]") == true)
    #expect(e?.line == 3 && e?.column == 4)
    #expect(
      e?.message
        == "cell Ties!D3 holds a formula (=C3*2) with no calculated value: the workbook was written by a program that does not calculate formulas; open it in Excel or LibreOffice and save it, which calculates them"
    )
    let sheet =
      #"<row r="1"><c r="A1" t="inlineStr"><is><t>source</t></is></c><c r="B1" t="inlineStr"><is><t>target</t></is></c><c r="C1" t="inlineStr"><is><t>note</t></is></c></row>"#
      + #"<row r="2"><c r="A2" t="inlineStr"><is><t>a</t></is></c><c r="B2" t="inlineStr"><is><t>b</t></is></c><c r="C2" t="str"><f>""</f><v></v></c></row>"#
    let net = try XLSXFormat.read(Self.workbook(sheet: sheet), file: "f.xlsx")
    #expect(net.tieCount == 1 && net.ties[0].attributes["note"] == nil)
  }

  /// What is wrong with a header is placed at the header's row and first column, which need
  /// not be 1:1 in a sheet (here a title in A1, the header in row 3 from B).
  @Test func headerErrorsPointAtTheHeaderRow() throws {
    let sheet =
      #"<row r="3"><c r="B3" t="inlineStr"><is><t>source</t></is></c><c r="C3" t="inlineStr"><is><t>goal</t></is></c></row>"#
      + #"<row r="4"><c r="B4" t="inlineStr"><is><t>a</t></is></c><c r="C4" t="inlineStr"><is><t>b</t></is></c></row>"#
    let e = Self.error { _ = try XLSXFormat.read(Self.workbook(sheet: sheet), file: "h.xlsx") }
    #expect(e?.file == "h.xlsx[Ties]" && e?.line == 3 && e?.column == 2)
    #expect(e?.message.contains("needs 'source' and 'target'") == true)
  }

  @Test func sheetsByName() throws {
    let path = fixturePath("xlsx/padgett-named-sheets.xlsx")
    var options = Network.ReadOptions()
    options.sheet = "band"  // any case
    options.nodesSheet = "Familjer"
    let net = try Network(contentsOf: path, options: options)
    #expect(net.nodeCount == 16 && net.tieCount == 35)
    #expect(net.nodeAttributes.contains { $0.name == "wealth" && $0.type == .integer })
    // The first sheet, read by default, is the nodes: the error says so and names the sheets.
    let e = Self.error { _ = try Network(contentsOf: path) }
    #expect(e?.message.contains("--sheet names another of 'Familjer', 'Band'") == true)
    options.sheet = "Bänd"
    let missing = Self.error { _ = try Network(contentsOf: path, options: options) }
    #expect(missing?.message.contains("no sheet 'Bänd'") == true)
  }

  @Test func sheetOptionsOnOtherFormatsAreRefused() throws {
    var options = Network.ReadOptions()
    options.sheet = "Ties"
    let e = Self.error {
      _ = try Network(
        contentsOf: packageRoot.appendingPathComponent("Datasets/padgett/padgett.csv").path,
        options: options)
    }
    #expect(e?.message.contains("--sheet and --nodes-sheet are for Excel workbooks") == true)
  }

  @Test func kumuLayout() throws {
    let net = try Network(contentsOf: fixturePath("xlsx/kumu.xlsx"))
    // Elements: Anna, Bo, Kommunen; Connections: friend and member ties (the script).
    #expect(net.nodes.map(\.id) == ["Anna", "Bo", "Kommunen"])
    #expect(net.ties.map(\.layer) == ["friend", "member", "member"])
    #expect(net.nodes[2].attributes["Type"] == .string("Organization"))
    #expect(net.ties.map { $0.attributes["Strength"] } == [.integer(3), .integer(1), .integer(2)])
    #expect(
      net.readNotes.contains {
        $0.contains("Kumu") && $0.contains("'Connections'") && $0.contains("'Elements'")
      })
  }

  @Test func polinodeLayout() throws {
    let net = try Network(contentsOf: fixturePath("xlsx/polinode.xlsx"))
    #expect(net.nodes.map(\.id) == ["Anna", "Bo", "Cecilia", "Dan"])
    // Weight is the trust, as in a CSV table.
    #expect(net.ties.map(\.trust) == [2, 1, 3])
    #expect(net.nodes[3].attributes["Department"] == .string("IT"))
    #expect(net.readNotes.contains { $0.contains("Polinode") })
  }

  /// NodeXL's workbook (Scripts/make_xlsx_fixtures.py, openpyxl 3.1.5): its header in row 2
  /// below the column groups was refused ("column A has values but no name"); now Vertex 1
  /// and Vertex 2 are the ends, Edge Weight the trust, Vertex the id and Label the label,
  /// and the notes say which sheets and rows were read. Counts from the fixture, by hand.
  @Test func nodeXLLayout() throws {
    let net = try Network(contentsOf: fixturePath("xlsx/nodexl.xlsx"))
    #expect(net.nodes.map(\.id) == ["Ann", "Bob", "Carol", "Dan"])
    #expect(net.nodes.map(\.label) == ["Ann Andersson", "Bob", "Carol", "Dan"])
    #expect(net.ties.count == 5)
    #expect(net.ties.map(\.trust) == [2, 1, 3, 1, 1])
    #expect(net.nodes[3].attributes["Gender"] == .string("m"))
    #expect(
      net.readNotes.contains {
        $0.hasPrefix(
          "laid out as NodeXL writes workbooks: read the ties from the sheet 'Edges' and the nodes from the sheet 'Vertices'; NodeXL keeps whether the graph is directed outside the sheets, so it is read as directed (--undirected reads it as undirected); the Edge Weight read as trust"
        )
      }, "\(net.readNotes)")
    #expect(
      net.readNotes.contains(
        "left out row 1 of the sheet 'Edges', NodeXL's column groups above its header (row 2)"))
  }

  /// NodeXL lists the vertices in its Vertices sheet when the workbook is prepared, so the
  /// sheet may lack some (or all) of the edges' vertices: those are read from the edges, and
  /// a note counts them (with a closed node set they were refused as unknown).
  @Test func nodeXLVerticesSheetMayLackVertices() throws {
    let book = XLSXFormat.workbook([
      XLSXFormat.Sheet(
        name: "Edges", header: ["", "", "Other Columns"],
        rows: [
          [.text("Vertex 1"), .text("Vertex 2"), .text("Edge Weight")],
          [.text("Ann"), .text("Bob"), .integer(2)], [.text("Bob"), .text("Cy"), .integer(1)],
        ]),
      XLSXFormat.Sheet(
        name: "Vertices", header: ["", "Other Columns"],
        rows: [[.text("Vertex"), .text("Gender")], [.text("Ann"), .text("f")]]),
    ])
    let net = try XLSXFormat.read(book, file: "prepared-in-part.xlsx")
    #expect(net.nodes.map(\.id) == ["Ann", "Bob", "Cy"])
    #expect(net.nodes[0].attributes["Gender"] == .string("f"))
    #expect(net.ties.map(\.trust) == [2, 1])
    #expect(
      net.readNotes.contains(
        "2 of the 3 vertices are in the sheet 'Edges' and not in 'Vertices' (NodeXL lists them there when the workbook is prepared): read without attributes"
      ), "\(net.readNotes)")
  }

  @Test func csvOptionsWorkOnSheets() throws {
    var options = Network.ReadOptions()
    options.columns = CSVFormat.Columns(source: "Target", target: "Source", trust: "Weight")
    options.directed = false
    let net = try Network(contentsOf: fixturePath("xlsx/polinode.xlsx"), options: options)
    #expect(!net.isDirected)
    #expect(net.nodes[net.ties[0].source].id == "Bo")
    options.columns = CSVFormat.Columns(trust: "nope")
    let e = Self.error {
      _ = try Network(contentsOf: fixturePath("xlsx/polinode.xlsx"), options: options)
    }
    #expect(e?.message.contains("no column 'nope'") == true)
  }

  @Test func aWorkbookNamedOtherwiseIsSniffed() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "xlsx-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("net.csv").path
    try fixtureData("xlsx/polinode.xlsx").write(to: URL(fileURLWithPath: path))
    let net = try Network(contentsOf: path)
    #expect(net.nodeCount == 4)
    #expect(net.readNotes.first?.contains("Excel workbook") == true)
  }

  // MARK: Writing

  @Test func networkWrittenReadsBack() throws {
    var net = Network(directed: false)
    net.declareNodeAttribute(AttributeDeclaration(name: "note", type: .string))
    net.declareNodeAttribute(AttributeDeclaration(name: "age", type: .integer))
    net.declareNodeAttribute(AttributeDeclaration(name: "member", type: .boolean))
    // Text that XML escapes, a control character, a carriage return, a literal _x0041_, and
    // spaces around it.
    let odd = "<a & b> \u{7} \r\n _x0041_ é"
    try net.addNode(
      Node(
        id: "Anna",
        attributes: ["note": .string(odd), "age": .integer(41), "member": .boolean(true)]))
    try net.addNode(Node(id: "Bo", attributes: ["note": .string(" lead "), "age": .integer(7)]))
    try net.addNode(Node(id: "012", attributes: [:]))
    net.addTie(from: "Anna", to: "Bo", trust: 0.75, layer: "work")
    net.addTie(from: "Bo", to: "012", trust: 2, layer: "home")
    let data = try XLSXFormat.write(net)
    let back = try XLSXFormat.read(data, file: "back.xlsx")
    #expect(!back.isDirected)
    #expect(back.nodes.map(\.id) == ["Anna", "Bo", "012"])
    #expect(back.nodes[0].attributes["note"] == .string(odd))
    #expect(back.nodes[1].attributes["note"] == .string(" lead "))
    #expect(back.nodes[0].attributes["age"] == .integer(41))
    #expect(back.nodes[0].attributes["member"] == .boolean(true))
    #expect(back.nodes[1].attributes["member"] == nil)
    #expect(back.ties.map(\.trust) == [0.75, 2])
    #expect(back.ties.map(\.layer) == ["work", "home"])
  }

  @Test func resultSheetsAreTyped() throws {
    let data = XLSXFormat.workbook([
      XLSXFormat.Sheet(
        name: "metrics", header: ["id", "degree", "constraint", "cut"],
        rows: [
          [.text("a"), .integer(3), .number(0.25), .boolean(true)],
          [.text("b"), .integer(1), .number(.nan), .boolean(false)],
        ]),
      XLSXFormat.Sheet(name: "a/b:c", header: ["x"], rows: [[.text("=1+1")]]),
      XLSXFormat.Sheet(name: "metrics", header: ["y"], rows: []),
    ])
    let book = try XLSXFormat.Workbook(data: data, file: "r.xlsx")
    // Names made valid for Excel: no '/' or ':', unique in any case.
    #expect(book.sheets.map(\.name) == ["metrics", "abc", "metrics (2)"])
    let (table, _) = try book.table(sheet: 0)
    #expect(table.header == ["id", "degree", "constraint", "cut"])
    #expect(table.rows == [["a", "3", "0.25", "true"], ["b", "1", "", "false"]])
    let sheetXML = String(
      decoding: try #require(try book.archive.extract("xl/worksheets/sheet1.xml")), as: UTF8.self)
    // Numbers untyped (n), booleans t="b", text a shared string; NaN an empty cell.
    #expect(sheetXML.contains(#"<c r="B2"><v>3</v></c>"#))
    #expect(sheetXML.contains(#"<c r="C2"><v>0.25</v></c>"#))
    #expect(sheetXML.contains(#"<c r="D2" t="b"><v>1</v></c>"#))
    #expect(!sheetXML.contains(#"r="C3""#))
    // Text that looks like a formula is a string cell, never a formula.
    #expect(try book.table(sheet: 1).table.rows == [["=1+1"]])
  }

  @Test func escapesReadBack() {
    for s in [
      "plain", "a_x0041_b", "_x005F_", "\u{0}\u{1}\u{1F}", "tab\tand\nline", "cr\r", "\u{FFFE}",
      "<&>\"'",
    ] {
      #expect(
        XLSXFormat.decodeEscapes(XMLUnescapedForTest(XLSXFormat.escaped(s))) == s,
        "\(s.debugDescription)")
    }
  }

  /// A text cell of digits is text, as pandas and openpyxl read it: Cytoscape's `99340` written
  /// as text came back from a workbook as the integer 99340, without a word. A column of
  /// numbers stays numbers, and what the writer writes as text because a cell cannot hold it
  /// as a number (an infinity, an integer of more than 15 digits) reads back as that number.
  /// A package whose relationships name a workbook part of one letter ("a") crashed the
  /// reader (Foundation's deletingLastPathComponent on Linux); it is read as any other part.
  @Test func aOneLetterWorkbookPartIsRead() throws {
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    var zip = ZIPWriter()
    zip.add(
      "_rels/.rels",
      Array(
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(rel)/officeDocument\" Target=\"a\"/></Relationships>"
          .utf8))
    zip.add(
      "a",
      Array(
        "<workbook xmlns=\"\(main)\" xmlns:r=\"\(rel)\"><sheets><sheet name=\"Ties\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
          .utf8))
    zip.add(
      "_rels/a.rels",
      Array(
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(rel)/worksheet\" Target=\"s.xml\"/></Relationships>"
          .utf8))
    zip.add(
      "s.xml",
      Array(
        "<worksheet xmlns=\"\(main)\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>source</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>target</t></is></c></row><row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>x</t></is></c><c r=\"B2\" t=\"inlineStr\"><is><t>y</t></is></c></row></sheetData></worksheet>"
          .utf8))
    let net = try XLSXFormat.read(zip.finished(), file: "a.xlsx")
    #expect(net.nodeCount == 2 && net.tieCount == 1)
  }

  @Test func textCellsOfDigitsStayText() throws {
    var net = Network(directed: true)
    try net.addNode(
      Node(
        id: "a",
        attributes: [
          "code": .string("99340"), "age": .integer(34), "score": .double(.infinity),
          "serial": .integer(1_234_567_890_123_456_789),
        ]))
    try net.addNode(
      Node(
        id: "b",
        attributes: [
          "code": .string("4"), "age": .integer(51), "score": .double(0.5),
          "serial": .integer(7),
        ]))
    net.declareTieAttribute(AttributeDeclaration(name: "interaction", type: .string))
    net.addTie(Tie(source: 0, target: 1, trust: 4, attributes: ["interaction": .string("1")]))
    let back = try XLSXFormat.read(try XLSXFormat.write(net), file: "t.xlsx")
    #expect(back.nodes.map { $0.attributes["code"] } == [.string("99340"), .string("4")])
    #expect(back.nodes.map { $0.attributes["age"] } == [.integer(34), .integer(51)])
    #expect(back.nodes.map { $0.attributes["score"] } == [.double(.infinity), .double(0.5)])
    #expect(
      back.nodes.map { $0.attributes["serial"] } == [
        .integer(1_234_567_890_123_456_789), .integer(7),
      ])
    #expect(back.ties.map { $0.attributes["interaction"] } == [.string("1")])
    #expect(back.ties.map(\.trust) == [4])
  }
}

/// What an XML reader gives for element text written by `XLSXFormat.escaped`: the three
/// entities replaced.
private func XMLUnescapedForTest(_ s: String) -> String {
  s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
    .replacingOccurrences(of: "&amp;", with: "&")
}
