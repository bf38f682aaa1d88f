// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "Brobyggare",
  products: [
    .library(name: "Brobyggare", targets: ["Brobyggare"]),
    .executable(name: "brobyggare", targets: ["brobyggare"]),
  ],
  dependencies: [],
  targets: [
    .target(name: "Brobyggare"),
    .target(name: "BrobyggareCommands", dependencies: ["Brobyggare"]),
    .executableTarget(name: "brobyggare", dependencies: ["BrobyggareCommands"]),
    .testTarget(
      name: "BrobyggareTests", dependencies: ["Brobyggare"],
      resources: [.copy("Fixtures")]),
    .testTarget(
      name: "BrobyggareCommandsTests", dependencies: ["BrobyggareCommands", "brobyggare"]),
  ]
)
