import Foundation

/// The ties of one sign in a signed network.
///
/// Trust is a strength here: a path runs through ties of trust, and a weighted measure reads a
/// larger trust as a stronger (shorter) tie. A negative trust (distrust, dislike, the `-1` of a
/// signed Pajek or UCINET network, a rating scale from -2 to 2) is another relation, and mixing
/// it with the positive ties would make distrust a path. A file with negative trust is
/// therefore read one sign at a time (``Network/ReadOptions/sign``): the positive ties, or
/// the negative ones with their size as the trust. Without a sign chosen, a negative trust is
/// an error that says where it is.
public enum TieSign: String, Sendable, CaseIterable {
  /// The ties whose trust is not negative (0 included), and those without a trust; a tie of
  /// negative trust is left out.
  case positive
  /// The ties whose trust is negative, each with the trust's size (`-2` is read as `2`); every
  /// other tie is left out.
  case negative

  /// What a reader's error for a negative trust adds: how to read the file anyway.
  package static let hint =
    "a signed network is read one sign at a time: --sign positive reads the ties of trust ≥ 0, --sign negative the others"
}

/// Whether the readers take a negative trust as written: set while
/// ``Network/init(contentsOf:options:)`` reads a file with a sign chosen, which then keeps
/// the ties of that sign. Bound to the reading (a task-local value), so that readings on other
/// threads keep refusing.
enum SignedReading {
  @TaskLocal static var acceptsNegativeTrust = false

  /// Whether a trust may be `w`: finite, and not negative unless negative trust is accepted.
  static func admits(_ w: Double) -> Bool {
    w.isFinite && (w >= 0 || acceptsNegativeTrust)
  }
}

extension Network {
  /// Reads `path` with negative trust accepted, then keeps the ties of `sign`, with a note of
  /// how many were left out.
  static func readingSigned(_ path: String, sign: TieSign, options: ReadOptions)
    throws(FormatError) -> Network
  {
    var plain = options
    plain.sign = nil
    let read: Result<Network, FormatError> = SignedReading.$acceptsNegativeTrust.withValue(true) {
      Result { () throws(FormatError) -> Network in try Network(contentsOf: path, options: plain) }
    }
    var network = try read.get()
    if let written = network.tieSign {
      throw FormatError(
        file: path, line: 0, column: 0,
        "the file holds the \(written.rawValue) ties of a signed network already (its attribute tie_sign is \(written.rawValue)), so --sign \(sign.rawValue) has nothing to choose from; leave it out"
      )
    }
    let negative = network.ties.reduce(0) { $0 + (($1.trust ?? 0) < 0 ? 1 : 0) }
    // The first negative trust, as an example of what is read.
    let example = network.ties.first { ($0.trust ?? 0) < 0 }?.trust
    let total = network.tieCount
    if sign == .negative && negative == 0 {
      throw FormatError(
        file: path, line: 0, column: 0,
        "no tie has a negative trust, so --sign negative would read no ties (of \(total)); leave it out, or read the file that holds the negative ties"
      )
    }
    network.keepTies(ofSign: sign)
    network.tieSign = sign
    let others = total - negative
    let ties = "\(total) \(total == 1 ? "tie" : "ties")"
    let shown = example.map { "\(formatNumber($0)) as \(formatNumber(-$0))" } ?? "-2 as 2"
    let rest = others == 1 ? "the other tie is" : "the other \(others) are"
    let note: String
    switch sign {
    case .positive where negative == 0:
      note = "no tie has a negative trust, so --sign positive leaves out none of the \(ties)"
    case .positive:
      note =
        "\(negative) of \(ties) \(negative == 1 ? "has" : "have") a negative trust and \(negative == 1 ? "is" : "are") left out (--sign positive); \(rest) read"
    case .negative:
      note =
        "\(negative) of \(ties) \(negative == 1 ? "has" : "have") a negative trust and \(negative == 1 ? "is" : "are") read, with the trust's size as \(negative == 1 ? "its" : "their") trust (\(shown)); \(rest) left out (--sign negative)"
    }
    network.readNotes.append(note)
    return network
  }
}
