import Foundation

/// Reading and writing a network by file and ``NetworkFormat``: the front door to the readers
/// and writers of every format.
extension Network {
  /// Reads a network from a file in the format given.
  ///
  ///     let network = try Network(contentsOf: "padgett.graphml", format: .graphml)
  ///
  /// - Parameters:
  ///   - path: the file (or Network Canvas export folder).
  ///   - format: the file's format, whatever its extension says.
  ///   - options: what the format does not say itself (direction, node table, encoding...);
  ///     its own `format` is replaced by `format`.
  /// - Throws: ``FormatError`` with the file, line and column of the first problem.
  /// - Complexity: O(size of the file).
  public init(contentsOf path: String, format: NetworkFormat, options: ReadOptions = ReadOptions())
    throws(FormatError)
  {
    var options = options
    options.format = format
    try self.init(contentsOf: path, options: options)
  }

  /// Writes the network to a file in a format (by default the one the extension names), so
  /// that a failure leaves nothing half-written. CSV writes two files, the tie table and,
  /// beside it, the node table (`net.csv` and `net.nodes.csv`).
  ///
  ///     try network.write(to: "measures.graphml", format: .graphml)
  ///
  /// - Parameters:
  ///   - path: the file to write; an existing one is replaced.
  ///   - format: the format; `nil` chooses by the extension of `path`.
  /// - Returns: what the format could not hold (see ``lostWhenWritten(as:)``), one sentence
  ///   each; empty when it kept everything.
  /// - Throws: ``FormatError`` for an unknown extension or what the format cannot write,
  ///   naming the file; ``WriteError`` when the file cannot be written.
  /// - Complexity: O(n + m) and the size of the output.
  @discardableResult
  public func write(to path: String, format: NetworkFormat? = nil) throws -> [String] {
    guard let format = format ?? NetworkFormat(path: path) else {
      throw FormatError(
        file: path, line: 1, column: 1,
        "cannot tell the format from the file name; expected one of \(NetworkFormat.extensionList), or give the format"
      )
    }
    let files = try serializedData(as: format, path: path)
    try writeFilesAtomically(files)
    return lostWhenWritten(as: format)
  }
}
