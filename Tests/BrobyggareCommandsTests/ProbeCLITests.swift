import Brobyggare
import Foundation
import Testing

@testable import BrobyggareCommands

/// Findings of a hostile probe of the command line: attributes that made Graphviz read local
/// files and write links, a weight that named nothing, a weight message that blamed the wrong
/// tie, an output that replaced a dangling link, and names in messages that could not be told
/// apart. Each test fails on the behaviour the probe saw.
@Suite("Probe: drawing, weights, outputs, names")
struct ProbeCLITests {
  private func file(_ dir: URL, _ name: String, _ text: String) throws -> String {
    let path = dir.appendingPathComponent(name).path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  /// The probe's network: a network-level javascript: link and external stylesheet, a node
  /// with a local image and a javascript: link, a tie with a javascript: link.
  private func activeNetwork(_ dir: URL, image: String) throws -> String {
    try file(
      dir, "img.json",
      """
      {"directed": false, "graph": {"URL": "javascript:alert(5)", "stylesheet": "http://evil/x.css"},
       "nodes": [{"id": "a", "image": "\(image)", "href": "javascript:alert(2)"}, {"id": "b"}],
       "links": [{"source": "a", "target": "b", "URL": "javascript:alert(3)"}]}
      """)
  }

  // MARK: 1. Graphviz's active attributes

  /// `dot --plain` and `render --plain` used to pass every attribute to Graphviz: the SVG held
  /// `<?xml-stylesheet href="http://evil/x.css"?>`, `<a xlink:href="javascript:...">` and
  /// `<image xlink:href="...secret.png">`. Now they are left out, with a note naming them.
  @Test func plainDrawingsLeaveOutActiveAttributes() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let secret = dir.appendingPathComponent("secret.png").path
    let dotSource = try file(dir, "secret.dot", "digraph { SECRET }")
    let png = run("render", dotSource, "-o", secret)
    #expect(png.status == 0, "\(png.stderr)")
    let net = try activeNetwork(dir, image: secret)

    let dot = run("dot", net, "--plain")
    #expect(dot.status == 0, "\(dot.stderr)")
    for active in ["javascript:", "evil", secret, "URL", "href", "image", "stylesheet"] {
      #expect(!dot.stdout.contains(active), "\(active) in \(dot.stdout)")
    }
    // The attributes as the input gave them, by owner, names sorted.
    #expect(
      dot.stderr.contains("(network: URL, stylesheet; node: href, image; tie: URL)"),
      "\(dot.stderr)")
    #expect(dot.stdout.contains("\"a\" -- \"b\""))

    let svgPath = dir.appendingPathComponent("img.svg").path
    let svg = run("render", net, "--plain", "-o", svgPath)
    #expect(svg.status == 0, "\(svg.stderr)")
    let text = try String(contentsOfFile: svgPath, encoding: .utf8)
    for active in ["xml-stylesheet", "javascript:", "<image", "secret.png"] {
      #expect(!text.contains(active), "\(active) in the SVG")
    }
    #expect(
      svg.stderr.contains(
        "left out the attributes through which Graphviz reads files or writes links"))
  }

  /// Converting to DOT is not drawing: the data is kept as it is, links and images included.
  @Test func convertKeepsActiveAttributes() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let net = try activeNetwork(dir, image: "/tmp/secret.png")
    let out = dir.appendingPathComponent("out.dot").path
    let r = run("convert", net, out)
    #expect(r.status == 0, "\(r.stderr)")
    let text = try String(contentsOfFile: out, encoding: .utf8)
    for kept in [
      "javascript:alert(2)", "javascript:alert(3)", "javascript:alert(5)", "http://evil/x.css",
      "/tmp/secret.png",
    ] {
      #expect(text.contains(kept), "\(kept)")
    }
    #expect(!r.stderr.contains("left out"))
  }

  /// An HTML-like label with an image or a link is active too; one without is drawn.
  @Test func htmlLabelsWithImagesAreLeftOut() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let net = try file(
      dir, "html.dot",
      """
      graph { a [label=<<IMG SRC="/etc/x.png"/>>]; b [label=<<TABLE><TR><TD HREF="javascript:1">b</TD></TR></TABLE>>]; c [label=<<B>c</B>>]; a -- b -- c }
      """)
    let r = run("dot", net, "--plain")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(!r.stdout.contains("IMG") && !r.stdout.contains("HREF"))
    #expect(r.stdout.contains("<<B>c</B>>"))
    #expect(r.stderr.contains("(node: label)"), "\(r.stderr)")
  }

  // MARK: 2. A weight that names nothing

  /// `--weight trust` on a network without trust was accepted and the settings said
  /// `weight: trust` while every tie counted as 1; now it is refused as `--weight foo` is.
  @Test func weightNamingAnAbsentTrustIsRefused() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let nw = try file(dir, "nw.csv", "source,target\na,b\nb,c\n")
    let r = run("metrics", nw, "--weight", "trust", "--measures", "strength")
    #expect(r.status == 64)
    #expect(r.stdout.isEmpty)
    #expect(
      r.stderr.contains(
        "No tie attribute is named 'trust' (the tie attributes are: (none)); no tie has a trust"),
      "\(r.stderr)")
  }

  /// Two waves, one with trust and one without: the settings give each wave's weight, and a
  /// note says they differ (the trust changes follow from that, not from the data).
  @Test func compareStatesEachWavesWeight() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let a = try file(dir, "a.csv", "source,target\na,b\nb,c\n")
    let b = try file(dir, "b.csv", "source,target,trust\na,b,0.5\nb,c,0.5\n")
    let r = run("compare", a, b)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.contains("weight A: none (every tie 1); weight B: trust"), "\(r.stderr)")
    #expect(
      r.stderr.contains("the waves are weighted differently (A: none (every tie 1); B: trust)"))
    let same = run("compare", b, b)
    #expect(same.stderr.contains("weight A: trust; weight B: trust"))
    #expect(!same.stderr.contains("weighted differently"))
    // A weight one wave lacks is refused, naming that wave.
    let missing = run("compare", b, a, "--weight", "trust")
    #expect(missing.status == 64)
    #expect(
      missing.stderr.contains("No tie attribute of '\(a)' is named 'trust'"), "\(missing.stderr)")
  }

  /// With `--weight`, the trust columns and up and down read the weight named, as the
  /// measures do and the settings say (they read the trust whatever was named): w goes from 1
  /// to 2 while the trust stays 0.5, so the tie is up.
  @Test func compareReadsTheWeightNamed() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let a = try file(dir, "a.csv", "source,target,trust,w\na,b,0.5,1\n")
    let b = try file(dir, "b.csv", "source,target,trust,w\na,b,0.5,2\n")
    let r = run("compare", a, b, "--ties", "--weight", "w")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("a,b,,1,2,up"), "\(r.stdout)")
    #expect(r.stderr.contains("weight A: w; weight B: w"))
    let trust = run("compare", a, b, "--ties")
    #expect(trust.stdout.contains("a,b,,0.5,0.5,same"), "\(trust.stdout)")
  }

  // MARK: 3. A text column named as the weight

  /// `007` does not read back as the number it is, so the whole column `w` is text; it used to
  /// be refused as "tie 1: weight 0.25 is not a number", blaming the wrong tie. Named as the
  /// weight, the text is read as numbers: strength of b = 0.25 + 7 = 7.25 (by hand).
  @Test func textColumnIsReadAsNumbersWhenNamedAsTheWeight() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let w = try file(dir, "w.csv", "source,target,w\na,b,0.25\nb,c,007\n")
    let r = run("metrics", w, "--weight", "w", "--measures", "strength", "--undirected")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("b,b,7.25"), "\(r.stdout)")
    #expect(r.stderr.contains("weight: w"))
  }

  /// A value that is no number is named with its tie's ends.
  @Test func weightThatIsNoNumberNamesItsTie() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let w = try file(dir, "w.csv", "source,target,w\na,b,0.25\nb,c,heavy\n")
    let r = run("metrics", w, "--weight", "w", "--undirected")
    #expect(r.status != 0)
    #expect(
      r.stderr.contains("tie 2 ('b' -- 'c'): weight 'heavy' is not a number (read from 'w')"),
      "\(r.stderr)")
  }

  // MARK: 5. A dangling link as the output

  /// `-o` onto a link to nothing replaced the link with a file (exit 0); now it is an error
  /// naming the link and its target, and the link is left as it was.
  @Test func outputOntoADanglingLinkIsRefused() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let link = dir.appendingPathComponent("d.csv").path
    try FileManager.default.createSymbolicLink(
      atPath: link, withDestinationPath: "/nonexistent/dir/x.csv")
    let r = run("metrics", padgett, "-o", link)
    #expect(r.status != 0)
    #expect(
      r.stderr.contains(
        "cannot write \(link): it is a symbolic link to /nonexistent/dir/x.csv, which does not exist"
      ), "\(r.stderr)")
    let type = try FileManager.default.attributesOfItem(atPath: link)[.type] as? FileAttributeType
    #expect(type == .typeSymbolicLink)
    #expect(
      try FileManager.default.destinationOfSymbolicLink(atPath: link) == "/nonexistent/dir/x.csv")
  }

  /// A link to an existing file is still followed: its target is the file written.
  @Test func outputThroughALinkStillWritesItsTarget() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let target = try file(dir, "t.csv", "old\n")
    let link = dir.appendingPathComponent("l.csv").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
    let r = run("metrics", padgett, "-o", link)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(try String(contentsOfFile: target, encoding: .utf8).hasPrefix("id,"))
  }

  // MARK: 6. Names in messages and --layer

  private func layeredNetwork(_ dir: URL) throws -> String {
    try file(
      dir, "layers.json",
      """
      {"directed": false, "nodes": [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}, {"id": "e"}],
       "links": [{"source": "a", "target": "b", "layer": " sp"}, {"source": "b", "target": "c", "layer": "Work"},
                 {"source": "c", "target": "d", "layer": "a,b"}, {"source": "d", "target": "e", "layer": "n\\nl"}]}
      """)
  }

  /// Layer names were listed bare (", sp, Work, a,b, n⏎l"): now quoted, a line break as `\n`.
  @Test func layerNamesAreQuotedInInfoAndErrors() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let net = try layeredNetwork(dir)
    let info = run("info", net)
    #expect(info.status == 0, "\(info.stderr)")
    #expect(
      info.stdout.contains("layers: ' sp' (1), 'Work' (1), 'a,b' (1), 'n\\nl' (1)\n"),
      "\(info.stdout)")
    let wrong = run("metrics", net, "--layer", "nope")
    #expect(wrong.status == 64)
    #expect(
      wrong.stderr.contains(
        "No tie is in layer 'nope' (the layers are: ' sp', 'Work', 'a,b', 'n\\nl')"),
      "\(wrong.stderr)")
  }

  /// A layer with a comma in its name is selected by its whole name; a layer with a space at
  /// the start by its name as written (it used to be trimmed, then suggested as it was).
  @Test func layerNamesAreMatchedAsWritten() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let net = try layeredNetwork(dir)
    let comma = run("metrics", net, "--layer", "a,b", "--measures", "degree")
    #expect(comma.status == 0, "\(comma.stderr)")
    #expect(comma.stderr.contains("layers: 'a,b';"), "\(comma.stderr)")
    // Only c -- d is in 'a,b': c and d have degree 1, the others 0.
    #expect(comma.stdout.contains("c,c,1") && comma.stdout.contains("a,a,0"), "\(comma.stdout)")
    let space = run("metrics", net, "--layer", " sp", "--measures", "degree")
    #expect(space.status == 0, "\(space.stderr)")
    #expect(space.stdout.contains("a,a,1") && space.stdout.contains("c,c,0"), "\(space.stdout)")
    // Pieces are still split at commas, and trimmed when not a name as written.
    let two = run("metrics", net, "--layer", "Work, sp", "--measures", "degree")
    #expect(two.status == 0, "\(two.stderr)")
    #expect(two.stdout.contains("b,b,2"), "\(two.stdout)")
  }

  /// A layer with `;` in its name crashed the settings (they were split at `;` and `:` again);
  /// names that would not read as one name are quoted there, as a layer with a space is.
  @Test func oddLayerNamesInSettings() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let net = try file(
      dir, "semi.json",
      """
      {"directed": false, "nodes": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
       "links": [{"source": "a", "target": "b", "layer": "x;y"}, {"source": "b", "target": "c", "layer": " sp"}]}
      """)
    let semi = run("metrics", net, "--layer", "x;y", "--measures", "degree")
    #expect(semi.status == 0, "\(semi.stderr)")
    #expect(
      semi.stderr.contains("layers: 'x;y'; weight: none (every tie 1); merge: max"),
      "\(semi.stderr)")
    let space = run("metrics", net, "--layer", " sp", "--measures", "degree", "--format", "json")
    #expect(space.status == 0, "\(space.stderr)")
    #expect(space.stdout.contains(#""layers": "' sp'""#), "\(space.stdout)")
    let plain = run("metrics", padgett, "--layer", "marriage")
    #expect(
      plain.stderr.contains("layers: marriage; weight: none (every tie 1); merge: max"),
      "\(plain.stderr)")
  }

  /// Duplicate `--drop` rates were refused while `whatif --remove 1,1` was accepted.
  @Test func whatifRefusesANodeNamedTwice() {
    let r = run("whatif", padgett, "--remove", "Medici,Medici")
    #expect(r.status == 64)
    #expect(r.stderr.contains("--remove names the node 'Medici' twice"), "\(r.stderr)")
  }

  /// A network without node attributes said "(the node attributes are: )".
  @Test func noNodeAttributesSaysNone() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let net = try file(
      dir, "bare.json",
      #"{"directed": false, "nodes": [{"id": "a"}, {"id": "b"}], "links": [{"source": "a", "target": "b"}]}"#
    )
    let r = run("brokers", net, "--group", "dept")
    #expect(r.status == 64)
    #expect(r.stderr.contains("(the node attributes are: (none))"), "\(r.stderr)")
  }
}
