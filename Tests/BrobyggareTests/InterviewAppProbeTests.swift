import Foundation
import Testing

@testable import Brobyggare

/// Found by a probe of interview-app exports: a roster study with people never interviewed
/// read as personal networks, and two true/false questions whose names share a prefix folded
/// into one made-up categorical. Each test failed on the behaviour before the fix; counts by
/// hand from the files written here.
@Suite("Interview-app exports as the apps write them")
struct InterviewAppProbeTests {
  /// Four interviews (P1 to P4) naming by rosterID: P1 names P2 and P3, P2 names P1 and P5, P3
  /// names P1 and P2, P4 names P3 and P6 (P5 and P6 never interviewed). Five people on eight
  /// rows, 1.6 rows each, fell under the two-rows-a-name rule and the study was read as four
  /// personal networks (8 alters side by side). Three of four egos are named by others and
  /// three of five names come twice: a roster.
  @Test func aSparseRosterWithPeopleNotInterviewedIsARoster() throws {
    let egos =
      "networkCanvasEgoUUID,networkCanvasCaseID,rosterID\r\n"
      + (1...4).map { "e\($0),P\($0),P\($0)\r\n" }.joined()
    let named = [(1, 2), (1, 3), (2, 1), (2, 5), (3, 1), (3, 2), (4, 3), (4, 6)]
    let alters =
      "nodeID,networkCanvasEgoUUID,networkCanvasUUID,rosterID\r\n"
      + named.enumerated().map { k, pair in "\(k + 1),e\(pair.0),u\(k + 1),P\(pair.1)\r\n" }
      .joined()
    let s = try NetworkCanvasTests.read([
      ("x_ego.csv", egos), ("x_attributeList_Person.csv", alters),
    ])
    #expect(s.rosterVariable == "rosterID")
    // P1, P2, P3, P5 and P6 are named; P4 is an ego no one named.
    #expect(Set(s.network().nodes.map(\.id)) == ["P1", "P2", "P3", "P5", "P6"])
    #expect(s.network(egoAsNode: true).nodeCount == 6)
  }

  /// Two true/false questions, `met_work` and `met_online`, each its own codebook variable (a
  /// key id that is a UUID of its own, where a categorical's options are the variable's UUID
  /// and the option's SHA-1): they were folded into a categorical 'met', and 'false' to both
  /// became a missing value.
  @Test func trueFalseQuestionsWithAPrefixInCommonStayApartInGraphML() throws {
    let text = """
      <?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:nc="http://schema.networkcanvas.com/xmlns">
      <key id="networkCanvasUUID" attr.name="networkCanvasUUID" attr.type="string" for="all"/>
      <key id="0a1b2c3d-0000-4000-8000-000000000001" attr.name="met_work" attr.type="boolean" for="node"/>
      <key id="0a1b2c3d-0000-4000-8000-000000000002" attr.name="met_online" attr.type="boolean" for="node"/>
      <graph edgedefault="undirected" nc:caseId="c1"><data key="networkCanvasUUID">e1</data>
      <node id="n1"><data key="networkCanvasUUID">u1</data><data key="0a1b2c3d-0000-4000-8000-000000000001">true</data><data key="0a1b2c3d-0000-4000-8000-000000000002">true</data></node>
      <node id="n2"><data key="networkCanvasUUID">u2</data><data key="0a1b2c3d-0000-4000-8000-000000000001">false</data><data key="0a1b2c3d-0000-4000-8000-000000000002">false</data></node>
      </graph></graphml>
      """
    let s = try NetworkCanvasFormat.read(files: [(name: "s1.graphml", data: Data(text.utf8))])
    let alters = s.egos[0].alters.nodes
    #expect(alters.map { $0.attributes["met_work"] } == [.boolean(true), .boolean(false)])
    #expect(alters.map { $0.attributes["met_online"] } == [.boolean(true), .boolean(false)])
    #expect(alters.allSatisfy { $0.attributes["met"] == nil })
    #expect(!s.readNotes.contains { $0.hasPrefix("folded") }, "\(s.readNotes)")
  }

  /// The CSV export cannot tell the two apart: the columns are still folded, and the note now
  /// says so and where the difference can be read.
  @Test func aFoldFromCSVSaysWhatTheCSVCannotTell() throws {
    let egos = "networkCanvasEgoUUID,networkCanvasCaseID\r\ne1,A\r\n"
    let alters =
      "nodeID,networkCanvasEgoUUID,networkCanvasUUID,met_work,met_online\r\n1,e1,u1,true,true\r\n2,e1,u2,false,false\r\n"
    let s = try NetworkCanvasTests.read([
      ("x_ego.csv", egos), ("x_attributeList_Person.csv", alters),
    ])
    #expect(
      s.readNotes.contains {
        $0.hasPrefix("folded 1 categorical variable") && $0.contains("read the GraphML export")
      }, "\(s.readNotes)")
  }

  /// A Qualtrics preview (Status = Survey Preview) was merged with the respondent's real row
  /// without a word, making a tie no one reported; ODK's rejected and KoboToolbox's not
  /// approved submissions likewise. They are read as answers still, and said, by line.
  @Test func submissionsTheAppMarksAreSaid() throws {
    var notes: [String] = []
    let table =
      "respondent,alter,rating,Status,Finished\nAnna,Bo,4,Survey Preview,True\nAnna,Cy,3,IP Address,True\nBo,Anna,2,IP Address,False\n"
    let nominations = try InterviewFiles.nominations(
      Data(table.utf8), file: "q.csv", notes: &notes)
    #expect(nominations.count == 3)
    #expect(
      notes.contains(
        "q.csv: line 2 is a submission that Qualtrics marks as a preview, test or spam ('Status'), read as answers like the others; leave it out of the export if it is not a real answer"
      ), "\(notes)")
    #expect(
      notes.contains {
        $0.hasPrefix("q.csv: line 4 is a submission that Qualtrics marks as unfinished")
      })
    var odk: [String] = []
    _ = try InterviewFiles.nominations(
      Data(
        "respondent,alter,rating,ReviewState\nAnna,Bo,3,approved\nEva,Bo,2,rejected\nEva,Cy,4,rejected\n"
          .utf8),
      file: "o.csv", notes: &odk)
    #expect(
      odk.contains {
        $0.hasPrefix("o.csv: lines 3, 4 are submissions that ODK Central marks as rejected")
      }, "\(odk)")
  }

  /// P2 interviewed twice (a second session) named P1 in both: with egos as nodes P2 was tied
  /// to P1 twice, without a word of the second session.
  @Test func aPersonInterviewedTwiceInARosterIsSaid() throws {
    let egos =
      "networkCanvasEgoUUID,networkCanvasCaseID,rosterID\r\n"
      + "e1,P1,P1\r\ne2,P2,P2\r\ne3,P3,P3\r\ne4,P2b,P2\r\n"
    let named = [(1, 2), (1, 3), (2, 1), (2, 3), (3, 1), (3, 2), (4, 1), (4, 3)]
    let alters =
      "nodeID,networkCanvasEgoUUID,networkCanvasUUID,rosterID\r\n"
      + named.enumerated().map { k, pair in "\(k + 1),e\(pair.0),u\(k + 1),P\(pair.1)\r\n" }
      .joined()
    let s = try NetworkCanvasTests.read(
      [("x_ego.csv", egos), ("x_attributeList_Person.csv", alters)],
      options: .init(studyProtocol: .roster(variable: "rosterID")))
    let net = s.network(egoAsNode: true)
    // 8 nominations, P2 -> P1 and P2 -> P3 twice.
    #expect(net.ties.filter { $0.layer == PersonalNetworks.egoTieLayer }.count == 8)
    #expect(
      net.readNotes.contains {
        $0.hasPrefix(
          "the person 'P2' is the ego of 2 sessions, and every session's nominations and reports are in the network, so a person named in two sessions is tied to the ego twice in layer 'ego'"
        )
      }, "\(net.readNotes)")
  }

  /// A KoboToolbox select_multiple answer, `work advice`, in the layer column made a third
  /// layer without a word, the nomination in neither 'work' nor 'advice'.
  @Test func aMultipleChoiceLayerIsSaid() throws {
    let r = try InterviewColumnProbeTests.build(
      "respondent,alter,rating,layer\na,b,4,work advice\nb,a,3,advice\na,d,2,work\n")
    #expect(r.network.layers == ["advice", "work", "work advice"])
    #expect(
      r.account.notes.contains {
        $0.hasPrefix(
          "the layer 'work advice' is made of the layers 'work', 'advice' (a multiple choice, as survey apps write one, the choices separated by spaces), and is kept as a layer of its own"
        )
      }, "\(r.account.notes)")
  }
}
