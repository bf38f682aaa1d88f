import Foundation
import Testing

@testable import Brobyggare

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

/// A file among the test fixtures.
func fixturePath(_ relative: String) -> String {
  packageRoot.appendingPathComponent("Tests/BrobyggareTests/Fixtures").appendingPathComponent(relative).path
}

func fixtureData(_ relative: String) throws -> Data {
  try Data(contentsOf: URL(fileURLWithPath: fixturePath(relative)))
}

/// Equal within a relative tolerance (absolute near zero).
func close(_ a: Double, _ b: Double, _ tol: Double = 1e-9) -> Bool {
  if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
  return abs(a - b) <= tol * max(1, abs(a), abs(b))
}

/// A network of nodes "n0"…"n(nodes − 1)" and the given ties between their numbers.
func numberedNetwork(directed: Bool, nodes: Int, ties: [(Int, Int)]) throws -> Network {
  var net = Network(directed: directed)
  for i in 0..<nodes { try net.addNode(Node(id: "n\(i)")) }
  for (u, v) in ties { net.addTie(from: "n\(u)", to: "n\(v)") }
  return net
}

/// Reads CSV text into a network.
func csvNetwork(_ ties: String, nodes: String? = nil, directed: Bool? = true) throws -> Network {
  try CSVFormat.read(ties: Data(ties.utf8), file: "ties.csv", nodes: nodes.map { Data($0.utf8) },
                     nodesFile: "nodes.csv", directed: directed)
}

/// The error a throwing call raises, for asserting on its message and place.
func formatError(_ body: () throws -> Any) -> FormatError? {
  do {
    _ = try body()
    return nil
  } catch let e as FormatError {
    return e
  } catch {
    return nil
  }
}
