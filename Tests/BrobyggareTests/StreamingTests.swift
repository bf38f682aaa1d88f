import Foundation
import Testing

@testable import Brobyggare

/// GraphML, CSV and edge lists are read a block at a time. Reading with tiny blocks puts a block
/// boundary inside every token, every multi-byte character and every CRLF; the network, and
/// every error message, must be the same as with the default block of a megabyte.
@Suite("Reading a block at a time")
struct StreamingTests {
  static let blockSizes = [1, 2, 3, 7, 64]

  func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "brobyggare-stream-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Reads a file of any streamed format with the given block size.
  func read(_ path: String, as format: NetworkFormat, blockSize: Int, directed: Bool = true)
    throws(FormatError) -> Network
  {
    switch format {
    case .graphml:
      return try GraphMLFormat.read(
        XMLReader(input: TextInput(path: path, xml: true, blockSize: blockSize)))
    case .csv:
      let companion = Network.companionNodeTable(for: path)
      let nodes =
        FileManager.default.fileExists(atPath: companion) && !path.hasSuffix(".nodes.csv")
        ? try TextInput(path: companion, blockSize: blockSize) : nil
      return try CSVFormat.read(
        ties: TextInput(path: path, blockSize: blockSize), nodes: nodes, directed: directed)
    case .edgelist:
      return try EdgeListFormat.read(
        TextInput(path: path, blockSize: blockSize), directed: directed)
    default:
      fatalError("not a streamed format")
    }
  }

  @Test(arguments: 1...12)
  func randomNetworksReadTheSameWithAnyBlockSize(_ seed: Int) throws {
    let net = try LosslessRoundTripTests.network(seed: UInt64(seed))
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    for format in [NetworkFormat.graphml, .csv] {
      let path = folder.appendingPathComponent("net.\(format == .csv ? "csv" : "graphml")").path
      try writeFilesAtomically(net.serialized(as: format, path: path))
      let whole = try Network(contentsOf: path, options: .init(directed: net.isDirected))
      #expect(
        LosslessRoundTripTests.content(whole, typed: format != .csv, emptyIsMissing: format == .csv)
          == LosslessRoundTripTests.content(
            net, typed: format != .csv, emptyIsMissing: format == .csv))
      for b in Self.blockSizes {
        let streamed = try read(path, as: format, blockSize: b, directed: net.isDirected)
        #expect(
          LosslessRoundTripTests.content(streamed) == LosslessRoundTripTests.content(whole),
          "\(format) seed \(seed) block \(b)")
      }
    }
  }

  @Test func edgeListsWithCRLFCommentsAndNoFinalNewline() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("ties.edgelist").path
    let text = "# a comment\r\nÅsa Örjan 0.5\r\n\r\nÖrjan 新しい\t1e-3 # trailing\n新しい Åsa 2"
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    let whole = try Network(contentsOf: path)
    #expect(whole.nodes.map(\.id) == ["Åsa", "Örjan", "新しい"])
    #expect(whole.ties.map(\.trust) == [0.5, 0.001, 2])
    for b in Self.blockSizes {
      let streamed = try read(path, as: .edgelist, blockSize: b)
      #expect(
        LosslessRoundTripTests.content(streamed) == LosslessRoundTripTests.content(whole),
        "block \(b)")
    }
  }

  /// Every broken file in a streamed format gives the same message, at the same line and
  /// column, whatever the block size.
  @Test func brokenFilesGiveTheSameMessageWithAnyBlockSize() throws {
    let folder = packageRoot.appendingPathComponent("Tests/BrobyggareCommandsTests/Broken")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    var checked = 0
    for name in names {
      let path = folder.appendingPathComponent(name).path
      guard let format = NetworkFormat(path: path), [.graphml, .csv, .edgelist].contains(format),
        !name.hasPrefix("nominations"), !name.hasSuffix(".nodes.csv")
      else { continue }
      let expected: String
      do {
        _ = try Network(contentsOf: path)
        continue  // some files in the folder are valid companions
      } catch {
        expected = error.description
      }
      checked += 1
      for b in Self.blockSizes {
        do {
          _ = try read(path, as: format, blockSize: b)
          Issue.record("\(name) block \(b): read without error")
        } catch {
          #expect(error.description == expected, "\(name) block \(b)")
        }
      }
    }
    #expect(checked >= 50)
  }

  /// The GraphML files other tools wrote (yEd graphics kept as markup, Latin-1, nested groups)
  /// read the same with any block size. They are read in place from ../shared/interop/graphml
  /// and its generated_locally folder.
  @Test(readsInteropFiles("StreamingTests.interopGraphMLReadsTheSameWithAnyBlockSize"))
  func interopGraphMLReadsTheSameWithAnyBlockSize() throws {
    let folder = interopPath("graphml")
    let names = try FileManager.default.subpathsOfDirectory(atPath: folder).sorted()
      .filter { ["graphml", "xml"].contains(($0 as NSString).pathExtension.lowercased()) }
    var checked = 0
    for name in names {
      let path = folder + "/" + name
      let whole: Result<Network, FormatError> = Result { () throws(FormatError) in
        try Network(contentsOf: path, options: .init(format: .graphml))
      }
      for b in [1, 5, 300] {
        let streamed: Result<Network, FormatError> = Result { () throws(FormatError) in
          try read(path, as: .graphml, blockSize: b)
        }
        switch (whole, streamed) {
        case (.success(let w), .success(let s)):
          #expect(
            LosslessRoundTripTests.content(s) == LosslessRoundTripTests.content(w),
            "\(name) block \(b)")
          #expect(try GraphMLFormat.write(s) == GraphMLFormat.write(w), "\(name) block \(b)")
        case (.failure(let w), .failure(let s)):
          #expect(s == w, "\(name) block \(b)")
        default:
          Issue.record("\(name) block \(b): \(whole) but \(streamed)")
        }
      }
      checked += 1
    }
    #expect(checked == 24)
  }

  /// A window never holds much more than a block plus the longest line: with 64-byte blocks, a
  /// file of 80 kB is read through a window of a few hundred bytes (the first delivery is at
  /// least 256 bytes, enough to see a byte-order mark and an XML declaration).
  @Test func theWindowStaysSmall() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("long.edgelist").path
    let text = (0..<5000).map { "n\($0) n\(($0 * 7) % 5000) 0.5\n" }.joined()
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    let input = try TextInput(path: path, blockSize: 64)
    var window: [UInt8] = []
    var largest = 0
    while try input.append(to: &window) {
      largest = max(largest, window.count)
      if let last = window.lastIndex(of: 0x0A) { window.removeFirst(last + 1) }
    }
    #expect(input.delivered == text.utf8.count)
    #expect(largest <= 256 + 64 + 20)
    let net = try EdgeListFormat.read(TextInput(path: path, blockSize: 64), directed: true)
    #expect(net.tieCount == 5000)
  }
}
