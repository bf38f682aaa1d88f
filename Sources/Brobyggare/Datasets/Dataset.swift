import Foundation

/// A network that ships with Brobyggare in the package's `Datasets` folder, opened by name.
///
/// ```swift
/// let medici = try Network(dataset: "padgett")
/// ```
///
/// The files are read from the `Datasets` folder of the package this library was built from
/// (found beside its sources), or from the folder named by the environment variable
/// `BROBYGGARE_DATASETS` when it is set.
public struct Dataset: Sendable, Hashable, Identifiable {
  /// The name to open it by: `padgett`.
  public let name: String
  /// What it is, with its citation.
  public let title: String
  /// The GraphML file, relative to the `Datasets` folder.
  public let file: String
  /// Whether the network was made up for illustration rather than collected.
  public let constructed: Bool

  public var id: String { name }

  /// Every shipped network, in the order of `Datasets/README.md`.
  public static let all: [Dataset] =
    [
      Dataset(
        name: "padgett",
        title: "Padgett's Florentine families: marriage and business (Padgett and Ansell 1993)",
        file: "padgett/padgett.graphml", constructed: false),
      Dataset(
        name: "krackhardt",
        title: "Krackhardt's high-tech managers: advice, friendship, reports-to (Krackhardt 1987)",
        file: "krackhardt/krackhardt.graphml", constructed: false),
      Dataset(
        name: "lazega", title: "Lazega's law firm: advice, friendship, co-work (Lazega 2001)",
        file: "lazega/lazega.graphml", constructed: false),
      Dataset(
        name: "davis",
        title:
          "Davis's Southern Women: women by events, two-mode (Davis, Gardner and Gardner 1941)",
        file: "davis/davis.graphml", constructed: false),
      Dataset(
        name: "zachary",
        title: "Zachary's karate club, weighted by contexts, with the factions (Zachary 1977)",
        file: "zachary/zachary.graphml", constructed: false),
      Dataset(
        name: "municipality",
        title:
          "Norrgården, wave 1: municipality, civil society, police, housing and residents (constructed)",
        file: "municipality/municipality.graphml", constructed: true),
      Dataset(
        name: "municipality-wave2", title: "Norrgården, wave 2 (constructed)",
        file: "municipality/municipality-wave2.graphml", constructed: true),
    ] + safetyGroups

  /// The local safety groups of twelve areas, two waves each (constructed; made by
  /// `Scripts/make_safety_groups.py`): `safety-norrbacka-wave1` … `safety-videdal-wave2`.
  static let safetyGroups: [Dataset] = [
    ("norrbacka", "Norrbacka"), ("sjoviken", "Sjöviken"), ("lindhojden", "Lindhöjden"),
    ("bjorkangen", "Björkängen"),
    ("granlunda", "Granlunda"), ("ekebacken", "Ekebacken"), ("hagalid", "Hagalid"),
    ("tallmyra", "Tallmyra"),
    ("ronnskogen", "Rönnskogen"), ("alvnas", "Älvnäs"), ("asbyholm", "Åsbyholm"),
    ("videdal", "Videdal"),
  ].flatMap { area, name in
    (1...2).map { wave in
      Dataset(
        name: "safety-\(area)-wave\(wave)",
        title: "\(name) local safety group, wave \(wave) (constructed)",
        file: "safety-groups-constructed/\(area)-wave\(wave).graphml", constructed: true)
    }
  }

  /// The shipped network with this name, or `nil`.
  public static func named(_ name: String) -> Dataset? {
    all.first { $0.name == name.lowercased() }
  }

  /// The `Datasets` folder: `BROBYGGARE_DATASETS` if set, else the one in the package this
  /// library was built from; `nil` when neither exists.
  public static var directory: String? {
    if let d = ProcessInfo.processInfo.environment["BROBYGGARE_DATASETS"], !d.isEmpty { return d }
    // This file is Sources/Brobyggare/Datasets/Dataset.swift in the package.
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let dir = root.appendingPathComponent("Datasets").path
    var isDir: ObjCBool = false
    return FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) && isDir.boolValue
      ? dir : nil
  }

  /// The path of the GraphML file.
  ///
  /// - Throws: ``FormatError`` when the `Datasets` folder cannot be found.
  public func path() throws(FormatError) -> String {
    guard let dir = Dataset.directory else {
      throw FormatError(
        file: name, line: 1, column: 1,
        "the shipped datasets cannot be found: this build's Datasets folder has moved; set BROBYGGARE_DATASETS to the Datasets folder of a Brobyggare checkout"
      )
    }
    return (dir as NSString).appendingPathComponent(file)
  }
}

extension Network {
  /// Opens a network that ships with Brobyggare, by name (see ``Dataset/all``).
  ///
  /// - Throws: ``FormatError`` for an unknown name or a missing file.
  public init(dataset name: String) throws(FormatError) {
    guard let d = Dataset.named(name) else {
      throw FormatError(
        file: name, line: 1, column: 1,
        "no shipped dataset is named '\(name)'; the datasets are: \(Dataset.all.map(\.name).joined(separator: ", "))"
      )
    }
    self = try Network(contentsOf: try d.path())
  }
}
