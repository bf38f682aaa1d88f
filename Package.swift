// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "Brobyggare",
  products: [
    .library(name: "Brobyggare", targets: ["Brobyggare"]),
    .executable(name: "brobyggare", targets: ["brobyggare"]),
    .executable(name: "brobyggare-benchmark", targets: ["BrobyggareBenchmark"]),
  ],
  dependencies: [],
  targets: [
    .target(name: "Brobyggare"),
    .target(name: "BrobyggareCommands", dependencies: ["Brobyggare"]),
    .executableTarget(name: "brobyggare", dependencies: ["BrobyggareCommands"]),
    .executableTarget(name: "BrobyggareBenchmark", dependencies: ["Brobyggare"]),
    .testTarget(
      name: "BrobyggareTests", dependencies: ["Brobyggare"],
      resources: [.copy("Fixtures")]),
    .testTarget(
      name: "BrobyggareCommandsTests", dependencies: ["BrobyggareCommands", "brobyggare"],
      exclude: ["Snapshots"]),
  ]
)
