import Foundation

/// Whether a column's name is `name`, in any case and without spaces around either.
func sameName(_ header: String, _ name: String) -> Bool {
  header.trimmingCharacters(in: .whitespaces).lowercased()
    == name.trimmingCharacters(in: .whitespaces).lowercased()
}

/// A nominations table in the wide layout survey tools export: one row per respondent, with
/// numbered columns for each person named and their rating (`alter 1`, `rating 1`, `alter 2`,
/// `rating 2`, ...; also `alter_1`, `alter1`, `Alter (1)`, `name [1]`). Numbered columns of
/// another name with the same numbers (`organisation 1`) are what was said of that person;
/// columns without a number are about the respondent, and are not read (the note names them).
struct WideLayout {
  /// The columns of one nomination in a row: the name, the rating, what was said, and the
  /// nomination's own layer and wave when the table numbers them.
  struct Slot {
    var alter: Int
    var rating: Int
    var reported: [(name: String, column: Int)] = []
    var layer: Int? = nil
    var wave: Int? = nil
  }
  /// Per number, in order.
  var slots: [Slot]
  /// The names of what was said, as the first numbered column writes them.
  var reportedNames: [String]
  /// Columns not read: without a number, or with a number no name has.
  var unread: [Int]

  /// A column's name split into its name and number: `alter 1`, `alter_1`, `alter1`,
  /// `Alter (1)`, `name [1]`, `alter[SQ001]` (LimeSurvey's subquestion codes), `Person 1?` →
  /// (`alter`, 1). Numbers from 0.
  static func numbered(_ header: String) -> (base: String, number: Int)? {
    var t = Substring(header.trimmingCharacters(in: .whitespaces))
    while let c = t.last, c == "?" || c == ":" || c == " " { t = t.dropLast() }
    let closed = t.last == ")" || t.last == "]"
    if closed { t = t.dropLast() }
    let digits = t.reversed().prefix { $0.isASCII && $0.isNumber }
    guard !digits.isEmpty, digits.count <= 4, let k = Int(String(digits.reversed())) else {
      return nil
    }
    t = t.dropLast(digits.count)
    if closed {
      // A code's letters before its number, inside the brackets: LimeSurvey's `[SQ001]`.
      let letters = t.reversed().prefix { $0.isASCII && $0.isLetter }
      if t.dropLast(letters.count).last == "[" { t = t.dropLast(letters.count) }
      guard t.last == "(" || t.last == "[" else { return nil }
      t = t.dropLast()
    }
    while let c = t.last, c == " " || c == "_" || c == "-" || c == "#" || c == "." {
      t = t.dropLast()
    }
    let base = t.trimmingCharacters(in: .whitespaces)
    return base.isEmpty ? nil : (base, k)
  }

  /// A column's name with its one number written `#`: `alters[1]/alter_name` →
  /// (`alters[#]/alter_name`, 1), `Person 2 you trust` → (`Person # you trust`, 2); `nil`
  /// unless the name has exactly one run of digits.
  static func skeleton(_ header: String) -> (pattern: String, number: Int)? {
    let t = header.trimmingCharacters(in: .whitespaces)
    var pattern = ""
    var number: Int?
    var digits = ""
    func flush() -> Bool {
      guard !digits.isEmpty else { return true }
      guard number == nil, digits.count <= 4, let k = Int(digits) else { return false }
      number = k
      pattern += "#"
      digits = ""
      return true
    }
    for c in t {
      if c.isASCII && c.isNumber {
        digits.append(c)
      } else {
        guard flush() else { return nil }
        pattern.append(c)
      }
    }
    guard flush(), let number else { return nil }
    return (pattern, number)
  }

  /// What a column with its number inside its name says, and the number, where the name
  /// starts as the names' columns do (`prefix`, the text before their number):
  /// `alters[1]/sector` → (`sector`, 1) beside `alters[1]/alter_name`; the text before the
  /// number when nothing but brackets and separators follows it. `nil` without exactly one
  /// number, or with another start (`household[1]/age` is not said of those named).
  static func saidInside(_ header: String, prefix: String) -> (base: String, number: Int)? {
    guard let (pattern, k) = skeleton(header) else { return nil }
    let parts = pattern.split(separator: "#", omittingEmptySubsequences: false)
    guard parts.count == 2, sameName(String(parts[0]), prefix) else {
      return nil
    }
    let separators = Set(" _-./:#()[]")
    let after = String(parts[1]).trimmingCharacters(in: .whitespaces)
    let trimmedAfter = after.drop { separators.contains($0) }
    let before = String(parts[0].reversed().drop { separators.contains($0) }.reversed())
    let name = trimmedAfter.isEmpty ? before : String(trimmedAfter)
    let base = name.trimmingCharacters(in: .whitespaces)
    return base.isEmpty ? nil : (base, k)
  }

  /// The wide layout of `table`, or `nil` when it has no numbered name columns.
  ///
  /// - Throws: when the names and ratings are not numbered alike (a name without its rating,
  ///   a rating without its name, a number used twice), or there are no numbered ratings.
  init?(
    _ table: CSVFormat.Table, file: String, alterNames: [String], ratingNames: [String],
    fixed: [Int]
  ) throws(FormatError) {
    let h = table.header
    /// An error at the header cell of column `c` (its field number in a CSV file's header, as
    /// the CSV reader places header errors; its column in a sheet).
    func error(at c: Int, _ message: String) -> FormatError {
      FormatError(
        file: file, line: table.headerLine,
        column: table.sheetColumns.map { c < $0.count ? $0[c] : c + 1 } ?? c + 1, message)
    }
    func columns(_ names: [String], _ role: String) throws(FormatError) -> [Int: Int] {
      let found = try numberedColumns(names, role)
      // A plain column of the same name ('alter' beside 'alter 1'): which holds the
      // nominations is not clear, and one of them would be lost.
      if let base = found.name,
        let c = h.indices.first(where: { !fixed.contains($0) && sameName(h[$0], base) })
      {
        throw error(
          at: c,
          "the table has a column '\(h[c])' and numbered ones ('\(h[found.columns[found.columns.keys.min()!]!])', ...): a table is one row per nomination or one row per respondent; rename or remove the one that does not hold the nominations"
        )
      }
      return found.columns
    }
    func numberedColumns(_ names: [String], _ role: String) throws(FormatError) -> (
      columns: [Int: Int], name: String?
    ) {
      for name in names {
        var found: [Int: Int] = [:]
        for (c, head) in h.enumerated() where !fixed.contains(c) {
          // A name given with its number inside it stands for the columns alike but for it.
          let match =
            name.contains("#")
            ? Self.skeleton(head).flatMap { sameName($0.pattern, name) ? $0.number : nil }
            : Self.numbered(head).flatMap { sameName($0.base, name) ? $0.number : nil }
          guard let k = match else { continue }
          if let other = found[k] {
            throw error(at: c, "the columns '\(h[other])' and '\(head)' are both \(role) \(k)")
          }
          found[k] = c
        }
        if !found.isEmpty { return (found, name) }
      }
      return ([:], nil)
    }
    let alters = try columns(alterNames, "name")
    guard let first = alters.keys.min() else { return nil }
    let ratings = try columns(ratingNames, "rating")
    guard !ratings.isEmpty else {
      throw error(
        at: alters[first]!,
        "the nominations table is wide (one row per respondent, with numbered names such as '\(h[alters[first]!])'), but has no numbered ratings such as 'rating \(first)'; its columns are \(h.joined(separator: ", ")); name the ratings' column, without its number, with --rating-column"
      )
    }
    for k in alters.keys.sorted() where ratings[k] == nil {
      throw error(
        at: alters[k]!,
        "'\(h[alters[k]!])' names someone, but no column holds their rating (the ratings are \(ratings.keys.sorted().map { "'\(h[ratings[$0]!])'" }.joined(separator: ", ")))"
      )
    }
    for k in ratings.keys.sorted() where alters[k] == nil {
      throw error(
        at: ratings[k]!,
        "'\(h[ratings[k]!])' is a rating, but no column names whom it rates (the names are \(alters.keys.sorted().map { "'\(h[alters[$0]!])'" }.joined(separator: ", ")))"
      )
    }
    let numbers = alters.keys.sorted()
    let taken = Set(fixed + Array(alters.values) + Array(ratings.values))
    // The other numbered columns by name: what was said of each person named.
    var said: [String: [Int: Int]] = [:]
    var order: [String] = []
    unread = []
    // The text before the names' number (`alters[` in `alters[1]/alter_name`).
    let namePrefix =
      Self.skeleton(h[alters[first]!]).map {
        String($0.pattern.split(separator: "#", omittingEmptySubsequences: false)[0])
      } ?? ""
    for c in h.indices where !taken.contains(c) {
      // A number at the end (`sector 1`), or inside a name that starts as the names' columns
      // do (`alters[1]/sector`, as ODK and Kobo write a repeat's questions), the name then
      // being what follows it.
      guard
        let (base, k) = Self.numbered(h[c])
          ?? (namePrefix.isEmpty ? nil : Self.saidInside(h[c], prefix: namePrefix))
      else {
        unread.append(c)
        continue
      }
      let key = order.first { sameName($0, base) } ?? base
      if !order.contains(key) { order.append(key) }
      if let other = said[key, default: [:]][k] {
        throw error(
          at: c,
          "the columns '\(h[other])' and '\(h[c])' both say '\(key)' of person \(k)")
      }
      said[key, default: [:]][k] = c
    }
    // What was said of each person is asked of each, with the names' numbers: a name whose
    // numbers are not among them (`Q3` beside two people) or that has one column among
    // several people (Qualtrics's `Q2` beside `Q3_1`, `Q3_2`) is a question of its own.
    let named = Set(numbers)
    for name in order
    where !Set(said[name]!.keys).isSubset(of: named)
      || (numbers.count > 1 && said[name]!.count < 2)
    {
      unread.append(contentsOf: said[name]!.values)
      said[name] = nil
    }
    order.removeAll { said[$0] == nil }
    unread.sort()
    // A numbered layer or wave is each nomination's own.
    let layer = order.first { sameName($0, "layer") }
    let wave = order.first { sameName($0, "wave") }
    let reported = order.filter { $0 != layer && $0 != wave }
    reportedNames = reported
    slots = numbers.map { k in
      Slot(
        alter: alters[k]!, rating: ratings[k]!,
        reported: reported.compactMap { name in said[name]?[k].map { (name, $0) } },
        layer: layer.flatMap { said[$0]?[k] }, wave: wave.flatMap { said[$0]?[k] })
    }
  }

  /// What the reading did, for the notes.
  func note(file: String, nominations: Int, header h: [String]) -> String {
    let names = slots.map { h[$0.alter] }
    let ratings = slots.map { h[$0.rating] }
    func span(_ list: [String]) -> String {
      list.count == 1 ? "'\(list[0])'" : "'\(list[0])' to '\(list[list.count - 1])'"
    }
    var text =
      "\(file): read as a wide table, one row per respondent: \(names.count) numbered \(names.count == 1 ? "name" : "names") (\(span(names))), each with its rating (\(span(ratings))); \(nominations) \(nominations == 1 ? "nomination" : "nominations")"
    if !reportedNames.isEmpty {
      text += "; what was said of each: \(reportedNames.map { "'\($0)'" }.joined(separator: ", "))"
    }
    if !unread.isEmpty {
      text +=
        "; not read, as \(unread.count == 1 ? "it is" : "they are") not numbered like the names (about the respondent, not one of those named; a roster column holds that): \(unread.map { "'\(h[$0])'" }.joined(separator: ", "))"
    }
    return text
  }
}
