import Foundation
import Testing

@testable import Brobyggare

/// What a probe of files written for networkx and igraph found: a file that another tool reads
/// otherwise than the network holds it gets a note when it is written, and a file that is not
/// well-formed is not written at all. What the peers do is stated with each test (networkx
/// 3.6.1 and python-igraph 1.0.0, run on the files these networks give).
@Suite("Files written for other tools: third probe")
struct ThirdProbeTests {
  /// A DOT HTML-like label (`<<b>bold</b>>`) was copied into GraphML as it is, which is not
  /// XML: networkx (`ParseError: not well-formed`), igraph and Brobyggare itself refused the
  /// file. It is written as text now, with a note, and the file reads back.
  @Test func anHTMLLabelFromDOTIsGraphMLText() throws {
    let dot = "digraph G {\n  a [label=<<b>bold</b> &amp; <i>more</i>>];\n  a -> b;\n}\n"
    let net = try DOTFormat.read(Data(dot.utf8), file: "html.dot")
    guard case .markup(let label)? = net.nodes[0].attributes["label"] else {
      Issue.record("the DOT reader keeps an HTML-like label as markup")
      return
    }
    #expect(label == "<<b>bold</b> &amp; <i>more</i>>")
    let text = try GraphMLFormat.write(net)
    let back = try GraphMLFormat.read(Data(text.utf8), file: "html.graphml")
    #expect(back.nodes[0].attributes["label"] == .string(label))
    #expect(
      net.lostWhenWritten(as: .graphml).contains {
        $0.contains("node attribute 'label' holds markup that is not XML")
      })
    // Markup that is XML (yEd's graphics, read from GraphML) is still written as it is.
    #expect(GraphMLFormat.isXMLContent("<y:ShapeNode><y:Fill color=\"#FFCC00\"/></y:ShapeNode>"))
    #expect(!GraphMLFormat.isXMLContent(label))
    #expect(!GraphMLFormat.isXMLContent("<bold text>"))
  }

  /// Two or more layers are written as Pajek relations (`*Arcs :2 "cowork"`): networkx's
  /// `read_pajek` reads each header as a tie (lazega gave 74 nodes and 2,225 ties for 71 and
  /// 2,223) and igraph's `Read_Pajek` stops with a parse error. The note says so.
  @Test func pajekRelationsAreSaidToBePajeksOwn() throws {
    var net = Network(directed: true)
    net.addTie(from: "a", to: "b", layer: "advice")
    net.addTie(from: "b", to: "c", layer: "cowork")
    let dropped = PajekFormat.write(net).dropped
    #expect(dropped.contains { $0.contains("the 2 layers are written as Pajek relations") })
    #expect(dropped.contains { $0.contains("igraph refuses the file") })
    var one = Network(directed: true)
    one.addTie(from: "a", to: "b")
    #expect(!PajekFormat.write(one).dropped.contains { $0.contains("Pajek relations") })
  }

  /// UCINET reads a quoted label as one name; igraph's `Read_DL` splits `"a b"` at the space
  /// and gives the tie to `"a ` and `b"`. The note says so when an id has a space or a comma.
  @Test func dlLabelsWithSpacesAreSaid() throws {
    var net = Network(directed: true)
    net.addTie(from: "Anna Berg", to: "b")
    let (text, dropped) = try UCINETFormat.write(net)
    #expect(text.contains("\"Anna Berg\""))
    #expect(dropped.contains { $0.contains("igraph's DL reader splits them") })
    var plain = Network(directed: true)
    plain.addTie(from: "a", to: "b")
    #expect(!(try UCINETFormat.write(plain)).dropped.contains { $0.contains("splits") })
  }

  /// A decimal attribute whose values are all whole is written 1, 4, ... in CSV, and a column
  /// of whole numbers reads back as integer: the note says so (Python's csv module and pandas
  /// read the column as integers too).
  @Test func wholeDecimalsInCSVAreSaid() throws {
    let json = #"""
      {"directed":true,"nodes":[{"id":"a","score":1.0,"share":0.5},{"id":"b","score":4.0,"share":1.0}],
       "links":[{"source":"a","target":"b","w":2.0}]}
      """#
    let net = try NodeLinkFormat.read(Data(json.utf8), file: "t.json")
    let said = net.lostWhenWritten(as: .csv)
    let note = try #require(said.first { $0.contains("whole numbers only") })
    #expect(note.contains("'score'") && note.contains("'w'"))
    #expect(!note.contains("'share'"))
    #expect(note.contains("types them as integer"))
  }
}
