import Brobyggare
import Foundation

let interviewsSpec = CommandSpec(
  name: "interviews",
  abstract:
    "Turn interview nominations into a network, with a review file of unresolved names and an account of what was done.",
  positionals: [
    (
      "NOMINATIONS",
      "The nominations table (CSV, or the first sheet of an .xlsx workbook): respondent, alter, rating; optional layer, wave, and what was said about the alter. Or one row per respondent with numbered names and ratings (alter 1, rating 1, alter 2, rating 2, ...), as survey tools export it. Or a survey app's export with the names in a repeat group (a KoboToolbox or Ona workbook, ODK Central's .zip or its CSV files, SurveyCTO's long format): each row of the repeat is a nomination, its respondent the answer on its submission's row."
    )
  ],
  options: [
    OptionSpec(
      name: "roster", valueName: "file",
      help:
        "The roster (CSV, or the first sheet of an .xlsx workbook): id, label, kind, aliases (separated by |), interviewed, further attributes. Required.",
      required: true),
    OptionSpec(
      name: "scale", valueName: "lower..upper",
      help:
        "The rating scale, e.g. 1..5. Rating r becomes trust (r - lower + 1) / (upper - lower + 1). Required.",
      required: true),
    OptionSpec(
      name: "symmetrize", valueName: "rule",
      help:
        "none (directed, as reported); min (a tie when both named each other, the smaller trust), max (either, the larger), mean (either, the mean of both directions, a respondent's not naming the other as 0 and a direction no one could report left out), confirmed (both, the mean) or any (either, the mean of those reported). min and confirmed drop the ties of anyone not interviewed unless --non-respondents reconstruct (default: none)."
    ),
    OptionSpec(
      name: "non-respondents", valueName: "rule",
      help:
        "Ties to people not interviewed: keep (as reported), reconstruct (from the other side), drop (default: keep)."
    ),
    OptionSpec(
      name: "unresolved", valueName: "rule",
      help:
        "Names that match no roster entry: drop (leave the rows out) or new (make them nodes) (default: drop)."
    ),
    OptionSpec(
      name: "aliases", valueName: "file",
      help:
        "An alias table (name,id): id is a roster id or 'new'. The review file, filled in, is one. May be given several times.",
      repeatable: true),
    OptionSpec(
      name: "affiliations", valueName: "file",
      help:
        "Person-to-organisation ties (CSV: person, organisation, optional layer), a layer of their own."
    ),
    OptionSpec(
      name: "respondent-column", valueName: "name",
      help: "The nominations' column of the respondent (default: respondent or ego)."),
    OptionSpec(
      name: "alter-column", valueName: "name",
      help: "The nominations' column of the name given (default: alter, nominee or name)."),
    OptionSpec(
      name: "rating-column", valueName: "name",
      help: "The nominations' column of the rating (default: rating or trust)."),
    OptionSpec(
      name: "sheet", valueName: "name",
      help:
        "The sheet of an Excel workbook that holds the nominations (default: the first sheet not hidden, with a note naming the others)."
    ),
    OptionSpec(
      name: "layer-column", valueName: "name",
      help: "The nominations' column of the relation each row reports (default: layer)."),
    OptionSpec(
      name: "wave-column", valueName: "name",
      help: "The nominations' column of the wave each row belongs to (default: wave)."),
    OptionSpec(
      name: "wave", valueName: "wave",
      help: "Use the nominations of this wave (required when the table has several)."),
    OptionSpec(
      name: "output", short: "o", valueName: "file",
      help: "The network to write; its extension picks the format. Required.", required: true),
    OptionSpec(
      name: "encoding", valueName: "encoding",
      help:
        "The encoding of the nominations, roster, alias and affiliation tables: utf-8, windows-1252, latin1, utf-16 (default: utf-8). A table that is UTF-8 (a roster written in UTF-8, the review file) is read as UTF-8 whatever this says, with a note."
    ),
    helpOption,
  ],
  discussion: """
    Names match after folding case, diacritics, punctuation and spacing; roster ids, labels and
    aliases all match. A name that matches no entry, or several, is never merged: it goes to
    OUT's .review.csv with the closest roster names (edit distance). Fill in its id column with
    a roster id or 'new' and pass the file back with --aliases, beside the roster's own alias
    table (--aliases may be given several times; two tables may not decide a name differently).
    OUT's own review file may be passed back: it is read first, and the new one keeps every id
    filled in (and any column you added), so running again loses no decision.
    OUT's .account.md says what was done: respondents, nominated-only, merged duplicates, and
    every row left out with its line.
    Each node gets respondent (true/false) and status (respondent, nominated-only, roster-only);
    each tie gets reciprocated: true when both people named each other (a tie reconstructed
    for someone who did not answer is not their naming, so its pair is not reciprocated,
    though both directions are in the network, and 'reciprocity' counts the pair as mutual).
    The settings are stored in the network's own attributes.
    """)

extension BrobyggareCommandLine {
  static func interviews(_ p: ParsedArguments, _ out: inout Outcome) throws {
    let nominationsPath = p.positionals[0]
    guard let rosterPath = p.value("roster") else {
      throw UsageError(
        message: "Missing expected option '--roster <file>'", command: interviewsSpec)
    }
    guard let scaleText = p.value("scale") else {
      throw UsageError(
        message: "Missing expected option '--scale <lower..upper>'", command: interviewsSpec)
    }
    guard let scale = RatingScale(parsing: scaleText) else {
      throw UsageError(
        message:
          "--scale takes LOWER..UPPER with LOWER < UPPER and at most \(Int(RatingScale.maximumSteps)) steps (1..5, say), not '\(scaleText)'"
      )
    }
    // A scale that runs below 0 holds distrust, another relation than trust: mapped onto
    // (0, 1], its most negative rating would be a tie of some trust.
    if scale.lower < 0 {
      throw UsageError(
        message:
          "--scale \(scaleText) runs below 0: its negative ratings are distrust, another relation, and read as trust (r - lower + 1) / (upper - lower + 1) they would be ties of some trust (\(formatNumber(scale.lower)) as \(formatNumber(scale.trust(scale.lower)!))); if the lowest rating is the least trust, recode the ratings to start at 1 (-2..2 as 1..5), or put the rows of negative ratings in a table of their own, their sizes as the ratings, for a network of distrust"
      )
    }
    guard let output = p.value("output") else {
      throw UsageError(
        message: "Missing expected option '--output <file>'", command: interviewsSpec)
    }
    guard let format = NetworkFormat(path: output) else {
      throw UsageError(
        message:
          "Cannot tell the output format from '\(output)'; expected \(NetworkFormat.extensionList)")
    }
    var options = InterviewOptions(scale: scale)
    options.symmetrize = try choice(p, "symmetrize", default: .none)
    options.nonRespondents = try choice(p, "non-respondents", default: .keep)
    options.unresolved = try choice(p, "unresolved", default: .drop)
    options.wave = p.value("wave")

    let encoding = try textEncoding(p)
    var readNotes: [String] = []
    let nominationBytes = try InterviewFiles.load(nominationsPath)
    let nominations = try InterviewFiles.nominations(
      nominationBytes, file: nominationsPath,
      encoding: tableEncoding(nominationBytes, asked: encoding, file: nominationsPath),
      columns: InterviewFiles.NominationColumns(
        respondent: p.value("respondent-column"), alter: p.value("alter-column"),
        rating: p.value("rating-column"), layer: p.value("layer-column"),
        wave: p.value("wave-column"), sheet: p.value("sheet")),
      notes: &readNotes)
    for n in readNotes { note(n) }
    let rosterBytes = try InterviewFiles.load(rosterPath)
    var inputs = InterviewNetwork.Inputs(
      nominations: nominations,
      nominationsFile: nominationsPath,
      roster: try InterviewFiles.roster(
        rosterBytes, file: rosterPath,
        encoding: tableEncoding(rosterBytes, asked: encoding, file: rosterPath)))
    // A roster without names matches names by its ids and aliases only: every name given is
    // then unmatched, which a header in another language (`Namn`) makes without a word.
    let roster = inputs.roster
    if !roster.entries.isEmpty, roster.entries.allSatisfy({ $0.interviewed == nil }),
      let other = roster.attributes.first(where: {
        ["intervjuad", "interviewed?", "respondent", "answered", "besvarad"].contains(
          $0.name.lowercased())
      })
    {
      note(
        "\(rosterPath): no column 'interviewed', and '\(other.name)' is read as an attribute; name it 'interviewed' if it says who was interviewed"
      )
    }
    // A survey app's CSV export is read with its repeats' files beside it.
    var inputPaths = [nominationsPath, rosterPath]
    // (A row placed in a file is a repeat's; a workbook's or archive's places are within it.)
    if nominations.contains(where: { $0.file != nil }),
      !["xlsx", "zip"].contains((nominationsPath as NSString).pathExtension.lowercased())
    {
      inputPaths += InterviewFiles.exportPartFiles(besides: nominationsPath)
    }
    let stem = (output as NSString).deletingPathExtension
    let reviewPath = stem + ".review.csv"
    // The review file this run rewrites may be one of the alias tables: it is read here, before
    // anything is written, and its decisions go into the new one.
    var previousReview: [AliasRow] = []
    for a in p.values("aliases") {
      // The review file this program wrote is UTF-8 whatever --encoding the nominations need.
      let bytes = try Network.load(a)
      let rows = try InterviewFiles.aliases(
        bytes, file: a, encoding: tableEncoding(bytes, asked: encoding, file: a))
      inputs.aliases += rows
      if sameFile(a, reviewPath) { previousReview += rows } else { inputPaths.append(a) }
    }
    if let a = p.value("affiliations") {
      let bytes = try InterviewFiles.load(a)
      inputs.affiliations = try InterviewFiles.affiliations(
        bytes, file: a, encoding: tableEncoding(bytes, asked: encoding, file: a))
      inputs.affiliationsFile = a
      inputPaths.append(a)
    }
    let built: InterviewNetwork
    do { built = try InterviewNetwork(inputs, options: options) } catch let e as InterviewError {
      throw UsageError(message: e.description)
    }
    // (Said where names went unresolved: a roster whose ids are the names needs no labels.)
    if !built.unresolved.isEmpty, !roster.entries.isEmpty,
      roster.entries.allSatisfy({ $0.label == $0.id }),
      roster.attributes.contains(where: { $0.type == .string })
    {
      let others = roster.attributes.map(\.name)
      note(
        "\(rosterPath): no column 'label' (or 'name'), so the names given match the roster's ids and aliases only\(others.isEmpty ? "" : "; its other columns are \(FormatError.list(others, quoted: true))"): name the column of people's names 'label'"
      )
    }
    var files = try built.network.serializedData(as: format, path: output)
    files.append((reviewPath, Data(built.reviewCSV(keeping: previousReview).utf8)))
    files.append((stem + ".account.md", Data(built.account.markdown.utf8)))
    try writeOutput(files, inputs: inputPaths)
    // What the format has no place for (an edge list's nodes without ties, say) is said.
    for lost in built.network.lostWhenWritten(as: format) { note("\(output): \(lost)") }
    if !previousReview.isEmpty {
      let kept = Set(
        previousReview.filter { !$0.id.isEmpty }.map { NameMatching.normalise($0.name) }
      ).count
      note(
        "\(reviewPath) was read as --aliases, then rewritten; \(kept == 1 ? "the decision" : "the \(kept) decisions") filled in there \(kept == 1 ? "is" : "are") kept in it"
      )
    }
    let a = built.account
    if !a.answeredThoughNotInterviewed.isEmpty {
      let ids = a.answeredThoughNotInterviewed
      note(
        "\(rosterPath) marks \(ids.count == 1 ? "one person" : "\(ids.count) people") not interviewed who \(ids.count == 1 ? "is a respondent" : "are respondents") in \(nominationsPath): \(FormatError.list(ids, quoted: true)); counted as \(ids.count == 1 ? "a respondent" : "respondents") (correct the roster or the nominations)"
      )
    }
    for n in a.notes { note("\(nominationsPath): \(n)") }
    // min and confirmed keep a pair only when both named each other: someone not interviewed
    // could not, and loses every tie (their incoming ones too), not only those they would
    // have named.
    if a.unconfirmablePairs > 0 {
      let net = built.network
      var tied = [Bool](repeating: false, count: net.nodeCount)
      for t in net.ties {
        tied[t.source] = true
        tied[t.target] = true
      }
      let silent = net.nodes.indices.filter { net.nodes[$0].answered == false }
      let cut = silent.filter { !tied[$0] }.count
      note(
        "--symmetrize \(options.symmetrize.rawValue) keeps a pair only when both named each other: \(a.unconfirmablePairs) of the \(a.unconfirmedPairs) pairs it left out are with someone not interviewed, who could not name back\(cut > 0 ? ", and \(cut) of the \(silent.count) not interviewed \(cut == 1 ? "has" : "have") no tie" : ""); --non-respondents reconstruct, or --symmetrize max, keeps those ties"
      )
    }
    out.stderr += "# " + a.settings.map { "\($0.0): \($0.1)" }.joined(separator: "; ") + "\n"
    out.stderr += "wrote \(files.map(\.path).joined(separator: ", "))\n"
    out.stderr +=
      "\(built.network.nodeCount) nodes (\(a.respondents) respondents, \(a.nominatedOnly) nominated only, \(a.rosterOnly) roster only; \(a.addedNodes) not in the roster); "
    out.stderr += "\(a.resultTies) ties from \(a.reportedTies) reports"
    if a.affiliationTies > 0 { out.stderr += ", \(a.affiliationTies) affiliation ties" }
    out.stderr += "\n"
    let left = a.dropped.reduce(0) { $0 + $1.rows.count }
    if left > 0 || !built.unresolved.isEmpty {
      out.stderr +=
        "\(counted(left, "row")) left out; \(counted(built.unresolved.count, "name")) to review in \(stem).review.csv\n"
    }
  }

  /// A choice among an enumeration's raw values.
  static func choice<E: RawRepresentable & CaseIterable>(
    _ p: ParsedArguments, _ name: String, default d: E
  ) throws -> E where E.RawValue == String {
    guard let v = p.value(name) else { return d }
    guard let e = E(rawValue: v) else {
      throw UsageError(
        message:
          "--\(name) takes one of \(E.allCases.map(\.rawValue).joined(separator: ", ")), not '\(v)'"
      )
    }
    return e
  }
}

/// The encoding of one of the interview tables: the one `--encoding` names, except for a table
/// that is UTF-8 (the review file this program writes, a roster saved as UTF-8) beside tables
/// in Windows-1252, Latin-1 or UTF-16: text in those with letters beyond ASCII is never valid
/// UTF-8, so a valid UTF-8 table with such letters is read as UTF-8, with a note when the two
/// readings differ.
func tableEncoding(_ bytes: Data, asked: TextEncoding, file: String) -> TextEncoding {
  // A workbook (a ZIP archive, `PK\u{3}\u{4}`) has no encoding to choose.
  guard asked != .utf8, bytes.prefix(4) != Data([0x50, 0x4B, 0x03, 0x04]),
    bytes.prefix(2) != Data([0xFF, 0xFE]),
    bytes.prefix(2) != Data([0xFE, 0xFF]),
    String(data: bytes, encoding: .utf8) != nil
  else { return asked }
  // ASCII reads the same in UTF-8 and in the one-byte encodings: the one asked is kept for
  // the files read with this one (a survey app's other tables). UTF-16 is another thing.
  guard bytes.contains(where: { $0 >= 0x80 }) || asked == .utf16 else { return asked }
  guard bytes.contains(where: { $0 >= 0x80 }) else { return .utf8 }
  note(
    "\(file): the table is UTF-8 (its letters beyond ASCII are written as UTF-8 writes them), and is read as UTF-8; --encoding \(asked.rawValue) is for the tables that are not"
  )
  return .utf8
}
