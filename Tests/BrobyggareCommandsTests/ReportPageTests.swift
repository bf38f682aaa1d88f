import Foundation
import Testing

@testable import Brobyggare
@testable import BrobyggareCommands

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The report's page apart from the browser: provenance, the heat maps' rounding and marks,
/// the GraphML beside it, the title, and JSON that no label can break out of.
@Suite("Report page")
struct ReportPageTests {
  /// FIPS 180-4's examples (NIST, "SHA256.pdf" in the Cryptographic Standards examples), and
  /// coreutils' sha256sum on a shipped dataset.
  @Test func sha256() throws {
    #expect(sha256Hex(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(
      sha256Hex(Data("abc".utf8))
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      sha256Hex(Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    // 55, 56 and 64 bytes of "a", the padding's edge cases: GNU coreutils 9.1 sha256sum.
    #expect(
      sha256Hex(Data(repeating: 0x61, count: 55))
        == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
    #expect(
      sha256Hex(Data(repeating: 0x61, count: 56))
        == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
    #expect(
      sha256Hex(Data(repeating: 0x61, count: 64))
        == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
    if FileManager.default.isExecutableFile(atPath: "/usr/bin/sha256sum") {
      #expect(
        sha256Hex(try Data(contentsOf: URL(fileURLWithPath: padgett)))
          == (try Self.sha256sum(padgett)))
    }
  }

  static func sha256sum(_ path: String) throws -> String {
    String(try runTool("/usr/bin/sha256sum", [path], stderr: .inherit).out.prefix(64))
  }

  /// GNU date: `date -u -d @1700000000` is Tue Nov 14 22:13:20 UTC 2023.
  @Test func dateFollowsSourceDateEpoch() {
    #expect(reportDate(epoch: 0) == "1970-01-01")
    #expect(reportDate(epoch: 1_700_000_000) == "2023-11-14")
    #expect(reportDate(epoch: nil, now: Date(timeIntervalSince1970: 86_400 * 365)) == "1971-01-01")
  }

  @Test func provenanceTitleAndDeterminism() throws {
    let base = try temporaryDirectory()
    var pages: [[String: Data]] = []
    for k in 0..<2 {
      let dir = base.appendingPathComponent("r\(k)")
      let r = run(
        "report", "padgett", "--group", "wealth", "--layer", "marriage", "--title",
        "Florence's marriages & money",
        "--threads", String(k + 1), "-o", dir.path)
      #expect(r.status == 0, "\(r.stderr)")
      var files: [String: Data] = [:]
      // Every file, those in figures/ too.
      for f in try FileManager.default.subpathsOfDirectory(atPath: dir.path) {
        var isFolder: ObjCBool = false
        let path = dir.appendingPathComponent(f).path
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder),
          !isFolder.boolValue
        else { continue }
        // Nothing differs, not even the output folder's name (the command line says DIR).
        files[f] = try Data(contentsOf: URL(fileURLWithPath: path))
      }
      pages.append(files)
    }
    #expect(pages[0] == pages[1], "two runs differ")
    // The figures for print, the same bytes for one thread and two (compared above), and
    // linked from the page.
    for f in ["figures/density.svg", "figures/trust.svg", "network.gexf"] {
      #expect(pages[0][f] != nil, "no \(f)")
    }
    if Graphviz.executable != nil {
      for f in ["figures/network.svg", "figures/network.png"] {
        #expect(pages[0][f] != nil, "no \(f)")
      }
      // 300 dpi is 300 / 0.0254 = 11811.02 pixels per metre (PNG's pHYs chunk, unit metre).
      let png = try #require(pages[0]["figures/network.png"])
      let ppm = try #require(pngPixelsPerMetre(png), "figures/network.png records no resolution")
      #expect(ppm.x == 11811 && ppm.y == 11811)
      // Drawn at 300 dpi, not only labelled so: the PNG is as many pixels wide as the SVG's
      // width in points (1/72 inch) at 300 per inch, give or take Graphviz's rounding.
      let svgFigure = String(decoding: try #require(pages[0]["figures/network.svg"]), as: UTF8.self)
      let width = try #require(svgFigure.firstMatch(of: #/<svg width="(\d+)pt"/#))
      let points = Double(width.1)!
      let pixels = [UInt8](png[16..<20]).reduce(0) { $0 << 8 | Int($1) }
      #expect(abs(Double(pixels) - points / 72 * 300) <= 2, "\(pixels) px for \(points) pt")
      // For print: no ids for the page's script.
      #expect(!svgFigure.contains(" id=\"n0\""))
    } else {
      print("notice: Graphviz is not installed; the report's network figures are not checked")
    }
    let html = String(decoding: pages[0]["index.html"]!, as: UTF8.self)
    let md = String(decoding: pages[0]["report.md"]!, as: UTF8.self)
    #expect(
      html.contains("<title>Florence's marriages &amp; money</title>")
        && html.contains("<h1>Florence's marriages &amp; money</h1>"))
    #expect(
      String(decoding: pages[0]["network.dot"]!, as: UTF8.self).contains(
        "label=\"Florence's marriages &amp; money\""))  // Graphviz draws &amp; as &
    // What made it: program, command line (without --threads), date, input and its SHA-256.
    let sha = sha256Hex(try Data(contentsOf: URL(fileURLWithPath: padgett)))
    for needle in [
      "brobyggare \(BrobyggareCommandLine.version)", "padgett (the shipped padgett.graphml)", sha,
      reportDate(),
      "brobyggare report padgett --layer marriage --group wealth --title 'Florence'\\''s marriages &amp; money' --output DIR",
    ] {
      #expect(html.contains(needle), "index.html lacks \(needle)")
    }
    #expect(
      md.contains(
        "- command: `brobyggare report padgett --layer marriage --group wealth --title 'Florence'\\''s marriages & money' --output DIR`"
      ))
    #expect(md.contains("- SHA-256: `\(sha)`"))
    #expect(!html.contains("--threads"))
    for f in pages[0].keys where f.hasPrefix("figures/") {
      #expect(html.contains("<a href=\"\(f)\">"), "index.html does not link \(f)")
    }
    // The page is well-formed XML too.
    #expect(throws: Never.self) { try XMLDocument(data: pages[0]["index.html"]!) }
    #expect(
      run(
        "report", "padgett", "--group", "wealth", "--title", " ", "-o",
        base.appendingPathComponent("x").path
      ).status == 64)
  }

  /// Hand-worked: 0.123456 on two ties is starred and hatched, not coloured; the colour scale
  /// runs over 0.5 and 3 (the cells on at least three ties), its ends already two digits.
  @Test func heatMapMarksThinCellsAndRounds() {
    let svg = heatMapSVG(
      [[0.5, 0.123456], [.nan, 3]], names: ["a", "b"], title: "T 1", counts: [[5, 2], [0, 10]])
    #expect(svg.contains(">0.12*</text>") && svg.contains("fill=\"url(#hm-T1-thin)\""))
    #expect(
      svg.contains(">0.5</text>") && svg.contains(">3</text>") && svg.contains(">n=5</text>")
        && svg.contains(">n=0</text>"))
    #expect(
      svg.contains("text-anchor=\"start\">0.5</text>")
        && svg.contains("text-anchor=\"end\">3</text>"))
    // 3 is the darkest cell (#08306B), 0.5 white.
    #expect(svg.contains("fill=\"#08306B\"") && svg.contains("fill=\"#FFFFFF\" stroke"))
    #expect(
      significant(0.0034567, 2) == 0.0035 && significant(1234, 2) == 1200
        && significant(-0.666, 2) == -0.67)
    #expect(roundedOutwards(0.351, up: true) == 0.36 && roundedOutwards(0.349, up: false) == 0.34)
    // 0.35 × 100 is 35.00000000000001 in binary: still 0.35, not 0.36.
    #expect(roundedOutwards(0.35, up: true) == 0.35 && roundedOutwards(0.0123, up: false) == 0.012)
    // Without counts every finite cell is coloured, as before.
    #expect(!heatMapSVG([[1, 2], [3, 4]], names: ["a", "b"], title: "U").contains("*</text>"))
  }

  /// network.graphml carries the report's measures: read back, each node's betweenness is the
  /// one in bridge-builders.csv (the same run's own table), and its main role is there.
  @Test func graphMLBesideTheReport() throws {
    let dir = try temporaryDirectory().appendingPathComponent("report")
    #expect(
      run(
        "report", "\(municipality)/municipality.graphml", "--layer", "trust", "--group", "sector",
        "-o", dir.path
      ).status == 0)
    let net = try Network(contentsOf: dir.appendingPathComponent("network.graphml").path)
    let rows = try String(
      contentsOf: dir.appendingPathComponent("bridge-builders.csv"), encoding: .utf8
    ).split(separator: "\n").dropFirst()
    #expect(rows.count == net.nodeCount)
    for row in rows {
      let cells = row.split(separator: ",", omittingEmptySubsequences: false)
      let v = try #require(net.index(of: String(cells[1])))
      #expect(net.nodes[v].attributes["betweenness"] == .double(Double(cells[4])!), "\(cells[1])")
      #expect(net.nodes[v].attributes["rank"] == .integer(Int(cells[0])!))
    }
    #expect(net.nodes[net.index(of: "p01")!].attributes["main_role"] == .string("liaison"))
    #expect(net.nodeAttributes.contains { $0.name == "constraint" })

    // network.gexf holds the same: read back by our reader, and by networkx where it is.
    let gexfPath = dir.appendingPathComponent("network.gexf").path
    let gexf = try Network(contentsOf: gexfPath)
    #expect(gexf.nodeCount == net.nodeCount && gexf.ties.count == net.ties.count)
    for v in net.nodes.indices {
      let w = try #require(gexf.index(of: net.nodes[v].id))
      for name in ["rank", "betweenness", "betweenness_intergroup", "constraint", "main_role"] {
        #expect(
          gexf.nodes[w].attributes[name] == net.nodes[v].attributes[name],
          "\(net.nodes[v].id) \(name)")
      }
    }
    try Self.checkWithNetworkx(gexfPath, rows: rows.map { String($0) })
  }

  /// networkx's `read_gexf` (3.6.1 in CI's venv) reads the report's GEXF with every node's
  /// rank, betweenness and main role as bridge-builders.csv gives them; skipped with a notice
  /// where the python (BROBYGGARE_PYTHON, else python3) has no networkx.
  static func checkWithNetworkx(_ gexf: String, rows: [String]) throws {
    let env = ProcessInfo.processInfo.environment["BROBYGGARE_PYTHON"] ?? ""
    let python =
      env.isEmpty
      ? "python3" : env.hasPrefix("/") ? env : packageRoot.appendingPathComponent(env).path
    let r = try runTool(
      "/usr/bin/env",
      [
        python,
        packageRoot.appendingPathComponent("Scripts/check_report_gexf_with_networkx.py").path, gexf,
      ], stderr: .discard)
    guard r.status == 0 else {
      print(
        "notice: \(python) with networkx is not here (exit \(r.status)); the report's GEXF is not read with networkx (.ci/run installs it)"
      )
      return
    }
    let found = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
    let values = try #require(found["values"] as? [String: [String: Any]])
    #expect(found["nodes"] as? Int == rows.count)
    // Leila Haddad's main role, as network.graphml has it (the test above).
    #expect(values["p01"]?["main_role"] as? String == "liaison")
    for row in rows {
      let cells = row.split(separator: ",", omittingEmptySubsequences: false)
      let node = try #require(values[String(cells[1])], "networkx lacks \(cells[1])")
      #expect(node["rank"] as? Int == Int(cells[0]), "\(cells[1])")
      #expect(
        (node["betweenness"] as? String).flatMap(Double.init) == Double(cells[4]), "\(cells[1])")
    }
  }

  /// A person layer and an affiliation layer: by default the analysis runs on the person
  /// layer and the affiliation ties are drawn (light grey, their own layer on the page), not
  /// analysed; `--layer all` analyses both. Betweenness from networkx 3.6.1
  /// (`betweenness_centrality(G, normalized=False)`, undirected): the path a–b–c–d alone gives
  /// b and c 2 each; with the ties a–O1, d–O1 and b–O2 (a 5-cycle and a pendant) a 2, b 5,
  /// c 2, d 1, O1 1, O2 0.
  @Test func affiliationLayersDrawnNotAnalysed() throws {
    let dir = try temporaryDirectory()
    let ties = try Self.writeTables(
      in: dir,
      ties:
        "source,target,layer\na,b,trust\nb,c,trust\nc,d,trust\na,O1,member of\nd,O1,member of\nb,O2,member of\n",
      nodes:
        "id,label,kind,sector\na,Ann,person,x\nb,Bo,person,x\nc,Cy,person,y\nd,Di,person,y\nO1,Club,organisation,x\nO2,Office,organisation,y\n"
    )
    func betweenness(_ folder: URL) throws -> [String: Double] {
      let rows = try String(
        contentsOf: folder.appendingPathComponent("bridge-builders.csv"), encoding: .utf8
      ).split(separator: "\n").dropFirst()
      return Dictionary(
        uniqueKeysWithValues: rows.map {
          let c = $0.split(separator: ",", omittingEmptySubsequences: false)
          return (String(c[1]), Double(c[4])!)
        })
    }
    let byDefault = dir.appendingPathComponent("default")
    let r = run("report", ties, "--undirected", "--group", "sector", "-o", byDefault.path)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      try betweenness(byDefault) == ["a": 0, "b": 2, "c": 2, "d": 0, "O1": 0, "O2": 0])
    // Said on standard error and in the provenance.
    #expect(r.stderr.contains("left out the person-to-organisation layers 'member of'"))
    #expect(
      r.stderr.contains("drawn as affiliations: member of: ties between people and organisations"))
    let html = try String(
      contentsOf: byDefault.appendingPathComponent("index.html"), encoding: .utf8)
    #expect(html.contains("<dt>drawn as affiliations</dt><dd>member of: ties between people"))
    #expect(html.contains("<dt>layers</dt><dd>trust (affiliation layers member of left out)"))
    // On the page: the affiliation layer after the one analysed, marked as such.
    #expect(html.contains("\"layers\":[\"trust\",\"member of\"]"))
    #expect(html.contains("member of <i>(affiliation, not analysed)</i>"))
    // Drawn: three light grey lines without arrows, with the page's ids (layer 1), and a line
    // in the legend; in the figure for print too, without ids.
    let dot = try String(
      contentsOf: byDefault.appendingPathComponent("network.dot"), encoding: .utf8)
    for (s, t) in [("a", "O1"), ("d", "O1"), ("b", "O2")] {
      #expect(
        dot.contains(
          "\"\(s)\" -- \"\(t)\" [color=\"#B0B0B0\", penwidth=\"0.8\", dir=\"none\", id=\"e-"))
    }
    #expect(dot.components(separatedBy: "color=\"#B0B0B0\"").count - 1 == 3)
    #expect(dot.contains("id=\"e-0-4-1\""))
    #expect(dot.contains("light grey line: member of (affiliation, drawn, not analysed)"))

    // --layer all: every layer analysed, nothing drawn apart.
    let all = dir.appendingPathComponent("all")
    let a = run(
      "report", ties, "--undirected", "--group", "sector", "--layer", "all", "-o", all.path)
    #expect(a.status == 0, "\(a.stderr)")
    #expect(try betweenness(all) == ["a": 2, "b": 5, "c": 2, "d": 1, "O1": 1, "O2": 0])
    #expect(!a.stderr.contains("drawn as affiliations"))
    let allDOT = try String(contentsOf: all.appendingPathComponent("network.dot"), encoding: .utf8)
    #expect(!allDOT.contains("#B0B0B0"))
  }

  /// The page's drawing and the figure for print come from one layout: every node is at the
  /// same place in both. The municipality has 87 nodes, so the figure labels only the top ones
  /// (all are labelled up to 60) while the page labels everyone; laid out apart, with their
  /// different labels, the two placed 87 of 88 drawn nodes differently (measured before the
  /// layout was shared).
  @Test func pageAndFigureShareOneLayout() throws {
    guard Graphviz.executable != nil else {
      print("notice: Graphviz is not installed; the report's shared layout is not checked")
      return
    }
    let dir = try temporaryDirectory().appendingPathComponent("r")
    let r = run("report", "municipality", "--group", "sector", "-o", dir.path)
    #expect(r.status == 0, "\(r.stderr)")
    let page = try Self.nodeCentres(dir.appendingPathComponent("network.svg"))
    let figure = try Self.nodeCentres(dir.appendingPathComponent("figures/network.svg"))
    #expect(page.count == 88, "\(page.count) nodes drawn on the page")  // 87 and the legend
    #expect(Set(page.keys) == Set(figure.keys))
    // Graphviz writes two decimals; the pictures may be shifted as a whole.
    let anchor = try #require(page.keys.min())
    let (p0, f0) = (page[anchor]!, figure[anchor]!)
    for (id, p) in page {
      guard let f = figure[id] else { continue }
      #expect(
        abs((p.x - p0.x) - (f.x - f0.x)) < 0.5 && abs((p.y - p0.y) - (f.y - f0.y)) < 0.5,
        "\(id): \(p) on the page, \(f) in the figure")
    }
    #expect(
      try String(contentsOf: dir.appendingPathComponent("figures/network.svg"), encoding: .utf8)
        .contains("Erik Berg"))

    // Ids that Graphviz names otherwise (`&` is written `&amp;`, a backslash doubled): every
    // node is drawn on the shared layout, and an affiliation tie to one does not stop it.
    let base = dir.deletingLastPathComponent()
    let ties = try Self.writeTables(
      in: base,
      ties:
        "source,target,layer\nSvensson & Co,Anna,trust\nAnna,c\\d,trust\nc\\d,Bo,trust\nBo,Svensson & Co,trust\nAnna,Club,member of\nSvensson & Co,Club,member of\n",
      nodes:
        "id,label,kind,sector\nSvensson & Co,Svensson & Co,person,x\nAnna,Anna,person,x\nc\\d,C D,person,y\nBo,Bo,person,y\nClub,Club,organisation,x\n"
    )
    let named = base.appendingPathComponent("named")
    let t = run("report", ties, "--undirected", "--group", "sector", "-o", named.path)
    #expect(t.status == 0, "\(t.stderr)")
    let namedPage = try Self.nodeCentres(named.appendingPathComponent("network.svg"))
    let namedFigure = try Self.nodeCentres(named.appendingPathComponent("figures/network.svg"))
    #expect(namedPage.count == 6 && namedFigure.count == 6, "\(namedPage.keys.sorted())")
    #expect(!t.stderr.contains("laid out apart"), "\(t.stderr)")
  }

  /// Writes a tie table `t.csv` and its node table `t.nodes.csv` into `dir`; the tie table's path.
  static func writeTables(in dir: URL, ties: String, nodes: String) throws -> String {
    let path = dir.appendingPathComponent("t.csv").path
    try ties.write(toFile: path, atomically: true, encoding: .utf8)
    try nodes.write(
      toFile: dir.appendingPathComponent("t.nodes.csv").path, atomically: true, encoding: .utf8)
    return path
  }

  /// Each node's centre in an SVG that Graphviz drew, by the node's name (its `<title>`): an
  /// ellipse's centre, or the mean of a polygon's corners (the last repeats the first).
  static func nodeCentres(_ url: URL) throws -> [String: (x: Double, y: Double)] {
    let svg = try String(contentsOf: url, encoding: .utf8)
    var out: [String: (x: Double, y: Double)] = [:]
    let groups = svg.components(separatedBy: "class=\"node\">").dropFirst()
    for g in groups {
      guard let title = g.firstMatch(of: #/<title>([^<]*)</title>/#) else { continue }
      let name = String(title.1).replacingOccurrences(of: "&amp;", with: "&")
      if let e = g.firstMatch(of: #/<ellipse[^>]* cx="([-0-9.]+)" cy="([-0-9.]+)"/#),
        let x = Double(e.1), let y = Double(e.2)
      {
        out[name] = (x, y)
      } else if let poly = g.firstMatch(of: #/<polygon[^>]* points="([^"]+)"/#) {
        let corners = poly.1.split(separator: " ").dropLast().map {
          $0.split(separator: ",").compactMap { Double($0) }
        }
        guard !corners.isEmpty, corners.allSatisfy({ $0.count == 2 }) else { continue }
        let k = Double(corners.count)
        out[name] = (corners.map { $0[0] }.reduce(0, +) / k, corners.map { $0[1] }.reduce(0, +) / k)
      }
    }
    return out
  }

  /// The resolution written into a PNG: a pHYs chunk of 11811 pixels per metre for 300 dpi
  /// (300 / 0.0254 = 11811.02), its CRC as Python's `zlib.crc32` (3.11) gives it for the
  /// same bytes (0x78A53F76), replacing one at 72 dpi (2835 px/m); every PNG's IEND chunk ends
  /// with the CRC AE 42 60 82 (PNG specification, ISO/IEC 15948 §11.2.5).
  @Test func pngResolution() {
    #expect(CRC32.checksum(Array("IEND".utf8)) == 0xAE42_6082)
    func chunk(_ type: String, _ body: [UInt8], crc: UInt32) -> [UInt8] {
      let n = UInt32(body.count)
      return [0, 0, 0, UInt8(n)] + Array(type.utf8) + body
        + [UInt8(crc >> 24), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)]
    }
    let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    // A 1 × 1 greyscale header (its CRC 0x3A7E9B55 from zlib.crc32), a pHYs at 72 dpi, IEND.
    let header = chunk("IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0], crc: 0x3A7E_9B55)
    let old = chunk("pHYs", [0, 0, 0x0B, 0x13, 0, 0, 0x0B, 0x13, 1], crc: 0x009A_9C18)
    let end = chunk("IEND", [], crc: 0xAE42_6082)
    let png = Data(signature + header + old + end)
    #expect(pngPixelsPerMetre(png)! == (2835, 2835))
    let fixed = pngWithResolution(png, dpi: 300)
    let expected =
      signature + header
      + chunk("pHYs", [0, 0, 0x2E, 0x23, 0, 0, 0x2E, 0x23, 1], crc: 0x78A5_3F76) + end
    #expect([UInt8](fixed) == expected)
    #expect(pngPixelsPerMetre(fixed)! == (11811, 11811))
    // Not a PNG: as it was.
    #expect(pngWithResolution(Data("GIF89a".utf8), dpi: 300) == Data("GIF89a".utf8))
  }

  /// A label cannot close the page's data block or script: JSON escapes <, > and &.
  @Test func jsonCannotBreakOutOfTheScript() throws {
    #expect(jsonInHTML("</script>&\"\\\n") == "\"\\u003c/script\\u003e\\u0026\\\"\\\\\\u000a\"")
    let dir = try temporaryDirectory()
    let ties = dir.appendingPathComponent("t.csv").path
    try "source,target\n</script><b>x,b\nb,c\n".write(
      toFile: ties, atomically: true, encoding: .utf8)
    try "id,label,sector\n</script><b>x,</script><b>x,a\nb,b,a\nc,c,b\n".write(
      toFile: dir.appendingPathComponent("t.nodes.csv").path, atomically: true, encoding: .utf8)
    let r = run("report", ties, "--group", "sector", "-o", dir.appendingPathComponent("r").path)
    #expect(r.status == 0, "\(r.stderr)")
    let html = try Data(contentsOf: dir.appendingPathComponent("r/index.html"))
    #expect(!String(decoding: html, as: UTF8.self).contains("</script><b>"))
    #expect(throws: Never.self) { try XMLDocument(data: html) }
  }
}
