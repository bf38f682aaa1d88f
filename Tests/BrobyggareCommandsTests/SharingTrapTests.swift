import Brobyggare
import Foundation
import Testing

@testable import BrobyggareCommands

/// Writing a network for another tool: each test reproduces a change or a loss that `convert`
/// made without a word (or that the other tool made of what was written), found by reading the
/// files with networkx 3.6.1, python-igraph 1.0.0, R igraph 1.3.5 and Graphviz 2.43; each
/// failed on the behaviour before the fix.
@Suite("No silent losses when sharing a network")
struct SharingTrapTests {
  /// Cytoscape JSON gives `name` (the label) and `value` (the id) to its own fields: the
  /// nodes' own `name` and `value` were dropped. They are written as `name_2` and `value_2`,
  /// with a note each. A CSV tie table's `id` is the tie's own id, Cytoscape's edge id (it was
  /// a tie attribute `id`, written as `id_2`).
  @Test func cytoscapeKeepsAttributesUnderItsOwnFieldNames() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let input = try tables(
      dir, "cv", ties: "source,target,id\na,b,E1\n",
      nodes: "id,label,value,name\na,A,10,Anna\nb,B,20,Bob\n")
    let output = dir.appendingPathComponent("cv.cy.json").path
    let r = run("convert", input, output, "--json-dialect", "cytoscape")
    #expect(r.status == 0, "\(r.stderr)")
    for text in [
      "the node attribute 'name' is written as 'name_2': Cytoscape JSON gives 'name' to its own field (the label)",
      "the node attribute 'value' is written as 'value_2'",
    ] {
      #expect(r.stderr.contains(text), "\(r.stderr)")
    }
    let json = try String(contentsOfFile: output, encoding: .utf8)
    #expect(
      json.contains("\"name\": \"A\", \"label\": \"A\", \"name_2\": \"Anna\", \"value_2\": 10"))
    #expect(json.contains(#"{"data": {"id": "E1", "source": "a", "target": "b"}}"#), "\(json)")
    // Read back, every value is there.
    let back = try Network(contentsOf: output)
    #expect(back.nodes[0].attributes["name_2"] == .string("Anna"))
    #expect(back.nodes[1].attributes["value_2"] == .integer(20))
    #expect(back.ties[0].id == "E1")
  }

  /// A trust of NaN went to a workbook as an empty cell, which reads back as no trust and
  /// counts as 1. It is written as its text, and reading the workbook back refuses it, as
  /// reading the source did; every format says it wrote one.
  @Test func aTrustOfNaNStaysLoud() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let input = dir.appendingPathComponent("n.json").path
    try """
    {"directed": true, "multigraph": false, "graph": {}, "nodes": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
     "links": [{"source": "a", "target": "b", "weight": NaN}, {"source": "b", "target": "c", "weight": 0.5}]}
    """.write(toFile: input, atomically: true, encoding: .utf8)
    let workbook = dir.appendingPathComponent("n.xlsx").path
    let w = run("convert", input, workbook)
    #expect(w.status == 0, "\(w.stderr)")
    #expect(
      w.stderr.contains(
        "1 tie has a trust of NaN or infinity, written as such: a trust must be a number, so reading the file back here refuses it"
      ), "\(w.stderr)")
    let back = run("metrics", workbook, "--measures", "degree")
    #expect(back.status != 0)
    #expect(back.stderr.contains("the trust 'NaN' must be a finite number"), "\(back.stderr)")
  }

  /// Formats whose every tie line has a weight wrote a tie without a trust as a tie rated 1,
  /// and Pajek left it without one, which igraph reads as NaN: said.
  @Test func tiesWithoutATrustAreSaidWhereTheFormatGivesThemOne() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let input = try tables(dir, "t", ties: "source,target,trust\na,b,0.5\nb,c,\n")
    for (ext, text) in [
      (
        "dl",
        "1 tie without a trust is written with the weight 1 it counts as here: read back, it is a tie rated 1"
      ),
      ("edgelist", "1 tie without a trust is written with the weight 1 it counts as here"),
      ("net", "1 tie without a trust is written without a weight, which igraph reads as NaN"),
    ] {
      let r = run("convert", input, dir.appendingPathComponent("t.\(ext)").path)
      #expect(r.status == 0, "\(r.stderr)")
      #expect(r.stderr.contains(text), "\(ext): \(r.stderr)")
    }
    // Gephi's spreadsheet import takes a tie's weight from a column named Weight only
    // (gephi.org, "Spreadsheet" format page): the CSV's trust column is said to be otherwise.
    let csv = run("convert", input, dir.appendingPathComponent("copy.csv").path)
    #expect(
      csv.stderr.contains(
        "the trust is in the column 'trust', which Gephi's spreadsheet import reads as an attribute (it takes a tie's weight from a column named Weight only): for Gephi, write GEXF"
      ), "\(csv.stderr)")
    // GraphML has a place for no trust: nothing to say.
    let g = run("convert", input, dir.appendingPathComponent("t.graphml").path)
    #expect(!g.stderr.contains("without a trust"))
  }

  /// GEXF's edge `weight` holds the trust; a tie attribute titled `weight` beside it was read
  /// by networkx as the weight (one of the two kept) and listed twice here. It is titled
  /// `weight_2`, with a note; the trust's own name going to `weight` is said too.
  @Test func gexfKeepsATieAttributeNamedWeightApart() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let input = try tables(dir, "tw", ties: "source,target,trust,weight\na,b,0.8,5\nb,c,0.3,2\n")
    let output = dir.appendingPathComponent("tw.gexf").path
    let r = run("convert", input, output)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr.contains(
        "the tie attribute 'weight' is written titled 'weight_2': an edge's GEXF weight holds the trust"
      ), "\(r.stderr)")
    #expect(
      r.stderr.contains(
        "the trust, named 'trust' here, is written as the ties' GEXF weight, and reads back named 'weight'"
      ))
    let gexf = try String(contentsOfFile: output, encoding: .utf8)
    #expect(gexf.contains("title=\"weight_2\" type=\"long\""))
    #expect(gexf.contains("<edge source=\"a\" target=\"b\" weight=\"0.8\">"))
    let back = try Network(contentsOf: output)
    #expect(back.ties.map(\.trust) == [0.8, 0.3])
    #expect(back.ties.map { $0.attributes["weight_2"] } == [.integer(5), .integer(2)])
  }

  /// GML text is ASCII, Swedish letters written as `&#246;`, which networkx decodes and igraph
  /// (python and R) keeps as written; and where the nodes have a `name` attribute of their
  /// own, igraph takes it for the vertex names, not the ids the note said it read.
  @Test func gmlSaysWhatIgraphMakesOfIt() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let swedish = dir.appendingPathComponent("m.gml").path
    let m = run("convert", "municipality", swedish)
    #expect(m.status == 0)
    #expect(
      m.stderr.contains(
        "are written as character references such as &#246;, which networkx decodes and igraph keeps as written (G&#246;ran); for igraph, write GraphML"
      ), "\(m.stderr)")
    #expect(m.stderr.contains("(igraph reads them as its vertex names)"))
    let input = try tables(
      dir, "nm", ties: "source,target\nalice,bob\n",
      nodes: "id,name\nalice,Alice Smith\nbob,Robert\n")
    let r = run("convert", input, dir.appendingPathComponent("nm.gml").path)
    #expect(r.status == 0)
    #expect(
      r.stderr.contains(
        "read_gml(path, label=\"nodeid\") names them by these ids (igraph keeps them as the vertex attribute 'nodeid', and takes the nodes' own 'name' attribute for its vertex names)"
      ), "\(r.stderr)")
    #expect(!r.stderr.contains("character references"))
  }

  /// igraph's DL reader refuses a file of several matrices (python-igraph 1.0.0 and R igraph
  /// 1.3.5 both fail with a parse error in its line 1, `dl n=87 nm=4`); Pajek's writer said so
  /// of its relations, DL's did not.
  @Test func dlOfSeveralLayersSaysIgraphRefusesIt() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = run("convert", "municipality", dir.appendingPathComponent("m.dl").path)
    #expect(r.status == 0)
    #expect(
      r.stderr.contains(
        "the 4 layers are written as 4 matrices (nm=4), as UCINET reads them; igraph's DL reader (python and R) refuses a file of several matrices"
      ), "\(r.stderr)")
  }

  /// A label that is `\N` alone: Graphviz drew it as the node's name, and read back here it
  /// became the name. It is written `\\N`, which Graphviz draws as `\N` (checked with dot
  /// -Tsvg, Graphviz 2.43) and the reader reads as `\N`. A name escape among other text is
  /// kept as written, and Graphviz's drawing of it is said.
  @Test func aLabelThatIsANameEscapeReadsBackAsItself() throws {
    var net = Network(directed: true)
    _ = net.addTie(from: "C:\\dir", to: "x")
    net.setNodeAttribute("label", .string("\\N"), at: 0)
    net.setNodeAttribute("label", .string("\\G label"), at: 1)
    let text = try DOTFormat.write(net)
    #expect(text.contains("\"C:\\dir\" [label=\"\\\\N\"]"), "\(text)")
    let back = try DOTFormat.read(Data(text.utf8), file: "labels.dot")
    #expect(back.nodes.map { $0.attributes["label"] } == [.string("\\N"), .string("\\G label")])
    #expect(
      net.lostWhenWritten(as: .dot).contains {
        $0.hasPrefix("1 label holds a backslash escape")
      }, "\(net.lostWhenWritten(as: .dot))")
    // Escapes and entities Graphviz draws otherwise (by Graphviz 2.43's dot -Tsvg: a line
    // break, the character), counted; a lone '&' and a name escape alone are drawn as they are.
    _ = net.addTie(from: "y", to: "z")
    _ = net.addTie(from: "u", to: "w")
    net.setNodeAttribute("label", .string("R&amp;D"), at: 2)
    net.setNodeAttribute("label", .string("two\\nlines"), at: 3)
    net.setNodeAttribute("label", .string("Tom & Jerry; caf&#233;"), at: 4)
    net.setNodeAttribute("label", .string("Tom & Jerry"), at: 5)
    #expect(
      net.lostWhenWritten(as: .dot).contains {
        $0.hasPrefix(
          "4 labels hold a backslash escape (\\n, \\l, \\N, \\G, \\\\, ...) or a character entity")
      }, "\(net.lostWhenWritten(as: .dot))")
    for (label, drawnOtherwise) in [
      ("\\N", false), ("&#x;", false), ("& ;", false), ("R&lt;D", true), ("&#xE9;", true),
      ("x\\", false),
    ] {
      #expect(DOTFormat.graphvizDrawsOtherwise(label) == drawnOtherwise, "\(label)")
    }
  }

  /// A Network Canvas study read with egos not as nodes has no place for the egos' own
  /// answers (sector, area): convert dropped them without a word.
  @Test func egosAnswersLeftOutAreSaid() throws {
    let study = packageRoot.appendingPathComponent(
      "Datasets/egos-constructed/graphml/study.graphml"
    )
    .path
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = run("convert", study, dir.appendingPathComponent("e.csv").path)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr.contains(
        "the egos' own answers ('area', 'sector') are not in it (--ego-as-node puts them on the egos' nodes)"
      ), "\(r.stderr)")
    let asNodes = run(
      "convert", study, dir.appendingPathComponent("f.csv").path, "--ego-as-node")
    #expect(asNodes.status == 0)
    #expect(!asNodes.stderr.contains("the egos' own answers"))
  }

  /// A Pajek label holds no double quote: `x"y` was written as `x'y`, which another id was,
  /// and networkx (3.6.1, which keys nodes by label) read the two as one node. Refused, as DL
  /// refuses ids that would be one label.
  @Test func pajekRefusesIDsThatWouldBeOneLabel() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let input = try tables(dir, "q", ties: "source,target\n\"x\"\"y\",z\nx'y,z\n")
    let output = dir.appendingPathComponent("q.net").path
    let r = run("convert", input, output)
    #expect(r.status != 0)
    #expect(
      r.stderr.contains(
        "q.net: error: the ids 'x\"y' and 'x'y' would be one label in a Pajek file (its labels hold no double quotes or line breaks, written as ' and spaces); write GraphML or CSV instead"
      ), "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: output))
  }

  /// Tie attributes named as Pajek's drawing parameters are written as such: python-igraph
  /// 1.0.0 reads `c` as 'color' and `w` as 'edgewidth', and networkx 3.6.1 reads a tie line
  /// without a weight out of place (`1 2 c "Red"` gave no attributes). Both are said.
  @Test func pajekDrawingParametersAreSaid() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let input = try tables(
      dir, "pp", ties: "source,target,trust,c,w\na,b,,Red,2\nb,c,0.5,Blue,1\n")
    let r = run("convert", input, dir.appendingPathComponent("pp.net").path)
    #expect(r.status == 0, "\(r.stderr)")
    for text in [
      "the tie attributes 'c', 'w' are written as Pajek's tie drawing parameters of that name, which igraph reads renamed (c as 'color', w as 'edgewidth') and networkx as text",
      "1 tie without a trust has drawing parameters after its ends, which networkx (3.6) reads out of place",
    ] {
      #expect(r.stderr.contains(text), "\(r.stderr)")
    }
  }

  /// A boolean left out of a node reads as false in python-igraph 1.0.0 (a respondent flag
  /// not known becomes 'did not answer'); an id 'NA' reads as missing in R's read.csv and
  /// pandas; ties without a layer come back from DL in a layer '(no layer)'. Each is said.
  @Test func valuesOtherToolsReadOtherwiseAreSaid() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let input = try tables(
      dir, "n", ties: "source,target,layer\nNA,b,x\nb,c,y\nc,NA,\n",
      nodes: "id,respondent\nNA,true\nb,\nc,false\n")
    let graphml = run("convert", input, dir.appendingPathComponent("o.graphml").path)
    #expect(graphml.status == 0, "\(graphml.stderr)")
    #expect(
      graphml.stderr.contains(
        "the node attribute 'respondent' (true or false) has no value on 1 node, which GraphML leaves out: networkx reads it as missing, but igraph as false"
      ), "\(graphml.stderr)")
    let csv = run("convert", input, dir.appendingPathComponent("o.csv").path)
    #expect(csv.status == 0, "\(csv.stderr)")
    #expect(
      csv.stderr.contains(
        "the id 'NA' is written as it is, but pandas reads it as missing by default, and R's read.csv reads NA so"
      ), "\(csv.stderr)")
    let dl = run("convert", input, dir.appendingPathComponent("o.dl").path)
    #expect(dl.status == 0, "\(dl.stderr)")
    #expect(
      dl.stderr.contains(
        "1 tie without a layer is written in a matrix labelled '(no layer)' (a DL file of several matrices has a label for each), which reads back as a layer of that name"
      ), "\(dl.stderr)")
  }

  /// GEXF's viz:color needs r, g and b together; a node with only viz_r was written as
  /// `<viz:color r="255"/>`, which networkx 3.6.1 fails on. The channels become attributes.
  @Test func aPartColourIsWrittenAsAttributesInGEXF() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let input = try tables(
      dir, "v", ties: "source,target\na,b\n", nodes: "id,viz_r\na,255\nb,\n")
    let output = dir.appendingPathComponent("v.gexf").path
    let r = run("convert", input, output)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr.contains(
        "1 node has only part of a colour (viz_r, viz_g, viz_b), which GEXF's viz:color needs together: the colour channels are written as node attributes, not as viz:color"
      ), "\(r.stderr)")
    let text = try String(contentsOfFile: output, encoding: .utf8)
    #expect(!text.contains("<viz:color"))
    let back = try Network(contentsOf: output)
    #expect(back.nodes[0].attributes["viz_r"] == .integer(255))
  }

  /// A GraphML file with an edge attribute 'type' (networkx's `G.add_edge(u, v, type=...)`,
  /// a kind of relation) could not be written to CSV or a workbook, where the type column says
  /// the direction of the ties. It goes under 'type_2' (and 'Layer' under 'Layer_2'), said,
  /// and reads back with its values.
  @Test func aTieAttributeNamedTypeIsWrittenUnderAnotherName() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let input = dir.appendingPathComponent("t.graphml").path
    try """
    <?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">\
    <key id="k" for="edge" attr.name="type" attr.type="string"/>\
    <key id="l" for="edge" attr.name="Layer" attr.type="string"/>\
    <graph edgedefault="undirected"><node id="a"/><node id="b"/>\
    <edge source="a" target="b"><data key="k">friend</data><data key="l">y</data></edge>\
    </graph></graphml>
    """.write(toFile: input, atomically: true, encoding: .utf8)
    for name in ["o.csv", "o.xlsx"] {
      let output = dir.appendingPathComponent(name).path
      let r = run("convert", input, output)
      #expect(r.status == 0, "\(r.stderr)")
      for text in [
        "the tie attribute 'type' is written as 'type_2': a tie table's type column says the direction of the ties (as Gephi reads it)",
        "the tie attribute 'Layer' is written as 'Layer_2': a tie table's layer column says the ties' layer",
      ] {
        #expect(r.stderr.contains(text), "\(name): \(r.stderr)")
      }
      let back = try Network(contentsOf: output)
      #expect(!back.isDirected)
      #expect(back.ties.first?.attributes["type_2"] == .string("friend"), "\(back.ties)")
      #expect(back.ties.first?.attributes["Layer_2"] == .string("y"), "\(back.ties)")
    }
  }
}
