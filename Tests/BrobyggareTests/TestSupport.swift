import Foundation
import Testing

@testable import Brobyggare

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent()
  .deletingLastPathComponent()

/// A file among the test fixtures.
func fixturePath(_ relative: String) -> String {
  packageRoot.appendingPathComponent("Tests/BrobyggareTests/Fixtures").appendingPathComponent(
    relative
  ).path
}

func fixtureData(_ relative: String) throws -> Data {
  try Data(contentsOf: URL(fileURLWithPath: fixturePath(relative)))
}

/// Files other tools wrote (yEd, Gephi, igraph, networkx, TinkerPop, Boost), with their
/// provenance: read in place from ../shared/interop beside the repository, as CI has it, and
/// never copied into the repository.
let interopRoot = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/interop")

/// A file under ../shared/interop: `graphml/yed3.12_graph1.graphml`, say.
func interopPath(_ relative: String) -> String { interopRoot.appendingPathComponent(relative).path }

func interopData(_ relative: String) throws -> Data {
  try Data(contentsOf: URL(fileURLWithPath: interopPath(relative)))
}

/// The trait of a test that reads ../shared/interop: the test runs when the folder is there,
/// and is skipped, with a printed line saying which and why, when it is not.
func readsInteropFiles(_ test: String) -> ConditionTrait {
  .enabled(
    if: interopFilesPresent(for: test),
    "reads ../shared/interop, which is not beside the repository")
}

/// Whether ../shared/interop is there; when it is not, prints which tests are skipped and why.
func interopFilesPresent(for tests: String) -> Bool {
  var isDirectory: ObjCBool = false
  if FileManager.default.fileExists(atPath: interopRoot.path, isDirectory: &isDirectory),
    isDirectory.boolValue
  {
    return true
  }
  print(
    "note: skipping \(tests): \(interopRoot.path) is not there (the files other tools wrote are read in place from ../shared/interop beside the repository, as CI has it)"
  )
  return false
}

/// The python that runs the peers (networkx, igraph): BROBYGGARE_PYTHON when set, a path
/// relative to the package root or absolute (.ci/run sets it to its .build/venv), else python3
/// from the PATH.
func pythonForPeers() -> String {
  guard let p = ProcessInfo.processInfo.environment["BROBYGGARE_PYTHON"], !p.isEmpty else {
    return "python3"
  }
  return p.hasPrefix("/") || !p.contains("/") ? p : packageRoot.appendingPathComponent(p).path
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
  try CSVFormat.read(
    ties: Data(ties.utf8), file: "ties.csv", nodes: nodes.map { Data($0.utf8) },
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

/// A seeded random graph of an R fixture script, rebuilt from its rows (name, n, directed,
/// from, to; nodes numbered 1...n, as in R): Scripts/summary_reference_with_sna.R and
/// Scripts/cug_reference_with_sna.R write them.
func seededRandomGraph(_ name: String, in fixture: String) throws -> Network {
  let text = try String(contentsOfFile: fixturePath(fixture), encoding: .utf8)
  var net: Network?
  for line in text.split(separator: "\n").dropFirst() {
    let f = line.split(separator: ",").map {
      $0.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
    }
    guard f[0] == name else { continue }
    if net == nil {
      net = Network(directed: f[2] == "TRUE")
      for i in 1...Int(f[1])! { _ = try net!.addNode(Node(id: String(i))) }
    }
    _ = net!.addTie(from: f[3], to: f[4])
  }
  return try #require(net)
}
