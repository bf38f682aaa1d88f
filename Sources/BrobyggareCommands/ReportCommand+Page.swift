import Brobyggare
import Foundation

// The interactive parts of index.html: the report's data for the script, the toolbar above the
// drawing, the measures explained, and the provenance block.

/// One node as the page's script reads it.
struct ReportNode {
  var id: String
  var label: String
  var group: String
  /// The group's index in `ReportData.groups`; the last index for "(no group)".
  var groupIndex: Int
  var rank: Int
  var top: Bool
  var measures: [Double]
  var role: String
}

/// What the page's script needs besides the drawing.
struct ReportData {
  var attribute: String
  var groups: [String]
  var colours: [String]
  /// The layers drawn: those analysed, then the affiliation layers drawn but not analysed.
  var layers: [String]
  /// How many of the last `layers` are affiliation layers, drawn but not analysed.
  var affiliationLayers = 0
  var measures: [String]
  var nodes: [ReportNode]

  /// JSON that is safe inside an HTML `<script>` and inside XML: `<`, `>` and `&` are written
  /// as \u escapes, so that no label can close the script or open markup; NaN is `null`.
  var json: String {
    func number(_ x: Double) -> String { x.isFinite ? formatNumber(x) : "null" }
    func strings(_ a: [String]) -> String { "[" + a.map(jsonInHTML).joined(separator: ",") + "]" }
    var out =
      "{\"attribute\":\(jsonInHTML(attribute)),\"groups\":\(strings(groups)),\"colours\":\(strings(colours)),"
    out += "\"layers\":\(strings(layers)),\"measures\":\(strings(measures)),\"nodes\":[\n"
    out += nodes.map { n in
      "{\"id\":\(jsonInHTML(n.id)),\"label\":\(jsonInHTML(n.label)),\"group\":\(jsonInHTML(n.group)),\"g\":\(n.groupIndex),"
        + "\"rank\":\(n.rank),\"top\":\(n.top),\"m\":[\(n.measures.map(number).joined(separator: ","))],\"role\":\(jsonInHTML(n.role))}"
    }.joined(separator: ",\n")
    return out + "]}"
  }
}

/// A JSON string literal with `<`, `>`, `&` and every control character escaped.
func jsonInHTML(_ s: String) -> String {
  var out = "\""
  for u in s.unicodeScalars {
    switch u {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case "<", ">", "&", "\u{2028}", "\u{2029}": out += String(format: "\\u%04x", u.value)
    case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
    default: out.unicodeScalars.append(u)
    }
  }
  return out + "\""
}

/// The search box, zoom buttons, label switch, download button and the group and layer filters.
func reportToolbar(_ data: ReportData) -> String {
  var out = "<div class=\"toolbar\">\n"
  out +=
    "<label>Find <input id=\"search\" type=\"search\" list=\"people\" placeholder=\"name or id\" autocomplete=\"off\"/></label>"
  out += "<span id=\"search-message\" role=\"status\"></span>\n<datalist id=\"people\">"
  out += data.nodes.map { "<option value=\"\(escapeXML("\($0.label) (\($0.id))"))\"></option>" }
    .joined()
  out += "</datalist>\n"
  out += "<button type=\"button\" id=\"zoom-in\" title=\"zoom in (or the mouse wheel)\">+</button>"
  out += "<button type=\"button\" id=\"zoom-out\" title=\"zoom out\">−</button>"
  out +=
    "<button type=\"button\" id=\"zoom-reset\" title=\"the whole network, nobody highlighted\">whole network</button>\n"
  out += "<label><input type=\"checkbox\" id=\"labels\"/> all labels</label>\n"
  out +=
    "<button type=\"button\" id=\"download\" title=\"save the drawing as it is shown now\">download SVG</button>\n</div>\n"
  out += "<div class=\"toolbar\">\n<fieldset><legend>\(escapeXML(data.attribute))</legend>"
  for (k, g) in data.groups.enumerated() {
    out +=
      "<label><input type=\"checkbox\" data-group=\"\(k)\" checked=\"checked\"/><span class=\"swatch\" style=\"background:\(data.colours[k])\"></span>\(escapeXML(g))</label> "
  }
  out += "</fieldset>\n"
  if !data.layers.isEmpty {
    out += "<fieldset><legend>layer</legend>"
    let firstAffiliation = data.layers.count - data.affiliationLayers
    for (k, l) in data.layers.enumerated() {
      let kind = k >= firstAffiliation ? " <i>(affiliation, not analysed)</i>" : ""
      out +=
        "<label><input type=\"checkbox\" data-layer=\"\(k)\" checked=\"checked\"/>\(escapeXML(l))\(kind)</label> "
    }
    out += "</fieldset>\n"
  }
  return out + "</div>\n"
}

/// Each measure of the report in one sentence, with the README section that defines it.
let reportMeasureExplanations: [(name: String, sentence: String)] = [
  (
    "betweenness",
    "How many shortest paths between two others run through the node (Brandes 2001): the higher, the more the network's short routes depend on it. Counted in hops."
  ),
  (
    "betweenness_intergroup",
    "Betweenness over pairs in different groups only (Brandes 2008): how much the node carries the routes between groups."
  ),
  (
    "brokerage_total",
    "Gould and Fernandez's (1989) count of open two-paths a → v → c through the node, over the five roles; 'main role' is the role with the most."
  ),
  (
    "main_role",
    "Coordinator (all three in one group), itinerant (a and c in one group, v in another), representative and gatekeeper (v passes ties out of or into its group), liaison (all three in different groups)."
  ),
  (
    "constraint",
    "Burt's (1992) constraint: how much the node's contacts are tied to each other; lower means more structural holes, more bridges between contacts who are not tied."
  ),
  (
    "ei_index",
    "Krackhardt and Stern's (1988) E-I index of the node's ties: −1 all inside its group, +1 all outside."
  ),
]

/// The measures explained, and where their definitions are. The report's folder holds no
/// README: a link to one there led nowhere once the folder was sent on.
func reportMeasuresHTML() -> String {
  var out = "<dl class=\"measures\">\n"
  for m in reportMeasureExplanations {
    out += "<dt>\(escapeXML(m.name))</dt><dd>\(escapeXML(m.sentence))</dd>\n"
  }
  return out + "</dl>\n<p>\(escapeXML(readmeMeasuresPointer)).</p>\n"
}

/// Where the definitions and references of the measures are: a section of Brobyggare's own
/// README, which does not travel with a report.
let readmeMeasuresPointer =
  "Definitions and references: the section Measures of Brobyggare's README (it comes with the program, not with this folder)"

/// The provenance rows: what made the report and from what.
func reportProvenance(
  commandLine: String, inputs: [(name: String, sha256: String)], settings: [(String, String)]
) -> [(String, String)] {
  var rows = [
    ("program", "brobyggare \(BrobyggareCommandLine.version)"), ("command", commandLine),
    ("DIR", "the folder this report is in"), ("date", reportDate()),
  ]
  for f in inputs { rows += [("input", f.name), ("SHA-256", f.sha256)] }
  return rows + settings
}

func provenanceHTML(_ rows: [(String, String)]) -> String {
  "<section id=\"provenance\">\n<h2>How this report was made</h2>\n<dl>\n"
    + rows.map {
      "<dt>\(escapeXML($0.0))</dt><dd>\($0.0 == "command" || $0.0 == "SHA-256" ? "<code>\(escapeXML($0.1))</code>" : escapeXML($0.1))</dd>\n"
    }.joined()
    + "</dl>\n</section>\n"
}

func provenanceMarkdown(_ rows: [(String, String)]) -> String {
  "## How this report was made\n\n"
    + rows.map {
      "- \(markdownText($0.0)): \($0.0 == "command" || $0.0 == "SHA-256" ? "`\($0.1.replacingOccurrences(of: "`", with: "'"))`" : markdownText($0.1))"
    }.joined(separator: "\n") + "\n\n"
}
