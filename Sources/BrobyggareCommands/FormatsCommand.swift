import Brobyggare
import Foundation

let formatsSpec = CommandSpec(
  name: "formats", abstract: "The file formats Brobyggare reads and writes, with what each keeps.",
  positionals: [], options: [helpOption],
  discussion: """
    The format of a file is chosen by its extension, or named with --input-format and
    --output-format. A file whose content plainly says another format (GraphML saved as .txt,
    say) is read as what it is, with a note. Writing a format that cannot hold part of a
    network says what was not written.
    """)

extension BrobyggareCommandLine {
  /// The format matrix, as Markdown: the README shows this very table.
  static var formatMatrix: String {
    var out = "| format | name | extensions | read | write | keeps |\n|---|---|---|---|---|---|\n"
    for f in NetworkFormat.allCases {
      out +=
        "| \(f.title) | `\(f.rawValue)` | \(f.extensions.map { "`.\($0)`" }.joined(separator: " ")) | yes | yes | \(f.keeps) |\n"
    }
    return out
  }

  static func formats(_ p: ParsedArguments, _ out: inout Outcome) throws {
    out.stdout = formatMatrix
  }
}
