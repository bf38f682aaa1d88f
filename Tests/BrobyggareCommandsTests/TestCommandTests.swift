import Foundation
import Testing

@testable import BrobyggareCommands

/// `brobyggare test`: QAP correlation and MRQAP regression from the command line. The numbers
/// are checked against R's sna 2.7.1 in the library's tests (QAPTests, fixture
/// Tests/BrobyggareTests/Fixtures/reference/qap_sna.csv from Scripts/qap_reference_with_sna.R);
/// here the estimates the command prints are read against that same fixture.
@Suite("test command")
struct TestCommandTests {
  static let krackhardt = packageRoot.appendingPathComponent("Datasets/krackhardt/krackhardt.csv")
    .path

  /// sna's value for a case, quantity and term, from the library's fixture.
  static func sna(_ name: String, _ quantity: String, _ term: String) throws -> Double {
    let text = try String(
      contentsOfFile: packageRoot.appendingPathComponent(
        "Tests/BrobyggareTests/Fixtures/reference/qap_sna.csv"
      ).path, encoding: .utf8)
    for line in text.split(separator: "\n") {
      let f = line.split(separator: ",", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
      }
      if f[0] == name && f[1] == quantity && f[2] == term { return Double(f[3])! }
    }
    throw CocoaError(.fileReadCorruptFile)
  }

  static func rows(_ csv: String) -> [[String]] {
    csv.split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
  }

  /// Non-respondents named nobody: their rows of the dependent are missing by default, not
  /// "no tie". Estimates from R 4.2.2's lm over the same cells (as netlm fits them):
  /// Scripts/qap_nonrespondents_reference.R → Fixtures/reference/qap_nonrespondents.csv.
  @Test func nonRespondentsRowsAreMissingByDefault() throws {
    let text = try String(
      contentsOfFile: packageRoot.appendingPathComponent(
        "Tests/BrobyggareTests/Fixtures/reference/qap_nonrespondents.csv"
      ).path, encoding: .utf8)
    var want: [String: [String: Double]] = [:]
    var cells: [String: String] = [:]
    for line in text.split(separator: "\n").dropFirst() {
      let f = line.split(separator: ",").map {
        $0.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
      }
      want[f[0], default: [:]][f[1]] = Double(f[2])!
      cells[f[0]] = f[3]
    }
    for rule in ["missing", "zero"] {
      var args = [
        "test", "safety-hagalid-wave1", "--dependent", "trust", "--predictors",
        "collaboration,same:sector,same:level", "--null", "y", "--permutations", "50",
      ]
      if rule == "zero" { args += ["--non-respondents", "zero"] }
      let r = BrobyggareCommandLine.run(args)
      #expect(r.status == 0, "\(r.stderr)")
      let rows = Self.rows(r.stdout).dropFirst()
      #expect(rows.count == 4)
      for row in rows {
        let b = Double(row[1])!
        let e = want[rule]![row[0]]!
        #expect(abs(b - e) <= 1e-9 * max(1, abs(e)), "\(rule) \(row[0]): \(b) vs R's \(e)")
      }
      #expect(r.stderr.contains("cells used: \(cells[rule]!)"), "\(r.stderr)")
      #expect(
        r.stderr.contains(
          rule == "missing"
            ? "3 (respondent = false): their answers (their row of the dependent) are missing"
            : "read as no tie (--non-respondents zero)"), "\(r.stderr)")
    }
    // Where nobody is marked as a non-respondent, the option is refused rather than ignored.
    let none = run(
      "test", Self.krackhardt, "--dependent", "friendship", "--predictors", "advice",
      "--non-respondents", "zero")
    #expect(
      none.status == 64 && none.stderr.contains("no node has respondent = false"), "\(none.stderr)")
  }

  /// A predictor from another wave's file: trust in wave 1 predicting trust in wave 2, the
  /// nodes matched by id, each wave's non-respondents' rows missing in its own matrix.
  /// Estimates from R's lm over the same cells (as netlm fits them; sna's netlm printed the
  /// same): Scripts/qap_waves_reference.R → Fixtures/reference/qap_waves.csv.
  @Test func aPredictorFromAnotherWave() throws {
    let text = try String(
      contentsOfFile: packageRoot.appendingPathComponent(
        "Tests/BrobyggareTests/Fixtures/reference/qap_waves.csv"
      ).path, encoding: .utf8)
    var want: [String: [Double]] = [:]
    var cells: [String: String] = [:]
    for line in text.split(separator: "\n").dropFirst() {
      let f = line.split(separator: ",").map {
        $0.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
      }
      want[f[0], default: []].append(Double(f[2])!)
      cells[f[0]] = f[3]
    }
    let folder = packageRoot.appendingPathComponent("Datasets/safety-groups-constructed")
    let wave1 = folder.appendingPathComponent("hagalid-wave1.csv").path
    let wave2 = folder.appendingPathComponent("hagalid-wave2.csv").path
    // Wave 1 without hag-05, as if she had joined after it.
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    for suffix in [".csv", ".nodes.csv"] {
      let all = try String(
        contentsOfFile: folder.appendingPathComponent("hagalid-wave1" + suffix).path,
        encoding: .utf8)
      let kept = all.split(separator: "\n").filter {
        !$0.split(separator: ",").prefix(2).contains("hag-05")
      }
      try (kept.joined(separator: "\n") + "\n").write(
        to: dir.appendingPathComponent("w1" + suffix), atomically: true, encoding: .utf8)
      // Wave 1 with a newcomer who is not in wave 2: her ties and node are left out, and the
      // estimates are the presence case's.
      let extra =
        suffix == ".csv"
        ? "newcomer,hag-01,Directed,1,trust,5,\nhag-02,newcomer,Directed,1,trust,5,\n"
        : "newcomer,Nina Ny,person,school,staff,Hagalid School,teacher,true\n"
      try (all + extra).write(
        to: dir.appendingPathComponent("w1x" + suffix), atomically: true, encoding: .utf8)
    }
    let newcomer = dir.appendingPathComponent("w1x.csv").path
    let r = run(
      "test", wave2, "--dependent", "trust", "--predictors", "file:\(newcomer):trust,same:sector",
      "--permutations", "20")
    #expect(r.status == 0, "\(r.stderr)")
    for (row, e) in zip(Array(Self.rows(r.stdout).dropFirst()), want["presence"]!) {
      #expect(abs(Double(row[1])! - e) <= 1e-9 * max(1, abs(e)), "\(row[0]): \(row[1]) vs \(e)")
    }
    #expect(
      r.stderr.contains("20 of the 20 nodes, matched by id; 1 of its nodes is not in"),
      "\(r.stderr)")
    #expect(
      r.stderr.contains("not in it: none (their pairs are missing); in it and not in")
        && r.stderr.contains(": 'newcomer' (left out)"), "\(r.stderr)")
    // Ids written in another case are not matched, and said; a file without a node table
    // cannot say who did not answer there, and that is said too.
    let upper = dir.appendingPathComponent("upper.csv").path
    let wave1Text = try String(contentsOfFile: wave1, encoding: .utf8)
    try wave1Text.replacingOccurrences(of: "hag-01,", with: "HAG-01,").write(
      toFile: upper, atomically: true, encoding: .utf8)
    let cased = run(
      "test", wave2, "--dependent", "trust", "--predictors", "file:\(upper):trust",
      "--permutations", "10")
    #expect(cased.status == 0, "\(cased.stderr)")
    #expect(
      cased.stderr.contains(
        "1 id differs from the network's only in case or spacing, and is not matched: 'HAG-01' there, 'hag-01' here"
      ), "\(cased.stderr)")
    #expect(cased.stderr.contains("no node says whether it answered"), "\(cased.stderr)")
    let without = dir.appendingPathComponent("w1.csv").path
    for (name, predictor) in [
      ("presence", "file:\(wave1):trust"), ("trust", "trust:file:\(wave1):trust"),
      ("without-hag-05", "file:\(without):trust"),
    ] {
      let r = run(
        "test", wave2, "--dependent", "trust", "--predictors", "\(predictor),same:sector",
        "--permutations", "20")
      #expect(r.status == 0, "\(name): \(r.stderr)")
      let rows = Array(Self.rows(r.stdout).dropFirst())
      #expect(rows.map { $0[0] } == ["(intercept)", predictor, "same:sector"], "\(rows)")
      for (row, e) in zip(rows, want[name]!) {
        let b = Double(row[1])!
        #expect(abs(b - e) <= 1e-9 * max(1, abs(e)), "\(name) \(row[0]): \(b) vs R's \(e)")
      }
      #expect(r.stderr.contains("cells used: \(cells[name]!);"), "\(name): \(r.stderr)")
      #expect(
        r.stderr.contains(
          name == "without-hag-05"
            ? "\(without): 19 of the 20 nodes, matched by id (pairs with a node it lacks are missing); 3 did not answer there"
            : "\(wave1): 20 of the 20 nodes, matched by id; 3 did not answer there (respondent = false): their rows are missing"
        ), "\(name): \(r.stderr)")
    }
    // A layer the other file lacks, and a network read the other way, are refused.
    let typo = run(
      "test", wave2, "--dependent", "trust", "--predictors", "file:\(wave1):trusst")
    #expect(
      typo.status == 64 && typo.stderr.contains("no tie of '\(wave1)' is in layer 'trusst'")
        && typo.stderr.contains("did you mean 'trust'?"), "\(typo.stderr)")
    let undirected = dir.appendingPathComponent("u.csv").path
    try "source,target,type\nhag-01,hag-02,Undirected\n".write(
      toFile: undirected, atomically: true, encoding: .utf8)
    let other = run("test", wave2, "--dependent", "trust", "--predictors", "file:\(undirected)")
    #expect(
      other.status == 1
        && other.stderr.contains("u.csv: error: this predictor's network (--predictors 'file:"),
      "\(other.stderr)")
  }

  /// A logistic fit that (almost) separates: flagged, and the permutations whose refit fails
  /// are said and left out of the shares, where they counted as not extreme (the intercept's
  /// P(z* >= z) was 0.989 for sna's 1). sna 2.7.1's netlogit (R 4.2.2, qapspp, 1000 draws) on
  /// the same cells gives the intercept 0, 1, 0 (two-sided, greater, less).
  @Test func failedPermutationsAreSaidAndLeftOut() throws {
    let folder = packageRoot.appendingPathComponent("Datasets/safety-groups-constructed")
    let r = run(
      "test", folder.appendingPathComponent("hagalid-wave2.csv").path, "--dependent",
      "partnership", "--predictors",
      "file:\(folder.appendingPathComponent("hagalid-wave1.csv").path):partnership", "--logistic")
    #expect(r.status == 0, "\(r.stderr)")
    let intercept = try #require(Self.rows(r.stdout).first { $0[0] == "(intercept)" })
    #expect(Array(intercept[4...6]) == ["0", "1", "0"], "\(intercept)")
    #expect(r.stderr.contains("the logistic fit looks separated"), "\(r.stderr)")
    #expect(
      r.stderr.contains("the statistic could not be computed in some permutations")
        && r.stderr.contains("'(intercept)' "), "\(r.stderr)")
  }

  /// Who answered, written as R and spreadsheets write it (`TRUE`, `FALSE`), counts; a value
  /// that is neither true nor false is said, not taken silently as "answered".
  @Test func respondentWrittenAsRAndSpreadsheetsWriteIt() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ties = dir.appendingPathComponent("t.csv").path
    try "source,target\na,b\nb,c\nc,a\n".write(toFile: ties, atomically: true, encoding: .utf8)
    try "id,respondent\na,TRUE\nb,TRUE\nc,FALSE\n".write(
      toFile: dir.appendingPathComponent("t.nodes.csv").path, atomically: true, encoding: .utf8)
    let r = run("metrics", ties)
    #expect(r.status == 0 && r.stderr.contains("1 of 3 nodes did not answer"), "\(r.stderr)")
    try "id,respondent\na,Y\nb,Y\nc,N\n".write(
      toFile: dir.appendingPathComponent("t.nodes.csv").path, atomically: true, encoding: .utf8)
    let y = run("metrics", ties)
    #expect(
      y.stderr.contains(
        "3 nodes have a respondent value that reads as neither true nor false (the first: 'a', 'Y')"
      ), "\(y.stderr)")
  }

  /// Degenerate inputs that would give inf, NaN or impossible p-values with exit 0 are refused
  /// or flagged (found by a hostile probe).
  @Test func degenerateModelsAreRefusedOrFlagged() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "test-degenerate-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    func write(_ name: String, _ text: String) throws -> String {
      let path = dir.appendingPathComponent(name).path
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      return path
    }
    // Values whose squares overflow.
    let big = try write(
      "big.csv",
      "source,target,layer,trust\na,b,x,1\nb,c,x,3\nc,d,y,2\nd,a,y,1\na,c,y,2\nb,d,x,1e308\nd,c,x,1e308\nc,a,x,1e308\n"
    )
    let r1 = run("test", big, "--dependent", "x", "--values", "trust", "--predictors", "trust:y")
    #expect(
      r1.status == 1 && r1.stderr.contains("'b' -> 'd' is 1e+308; test takes values up to 1e100"),
      "\(r1.stderr)")
    // A dependent that is the sum of the predictors: R² = 1, no test possible.
    let m = try write(
      "m.csv", "source,target,layer\na,b,x\nb,c,x\nc,a,x\na,c,y\nc,b,y\nb,d,y\nd,e,x\ne,a,y\n")
    let r2 = run("test", m, "--dependent", "x", "--predictors", "y,all")
    #expect(
      r2.status == 1 && r2.stderr.contains("fit the dependent exactly (R² = 1"), "\(r2.stderr)")
    #expect(r2.stderr.contains("'all' includes the ties of the dependent 'x' itself"))
    // A constant dependent, and a constant predictor of a correlation.
    var complete = "source,target,layer\n"
    for a in ["a", "b", "c", "d"] {
      for b in ["a", "b", "c", "d"] where a != b { complete += "\(a),\(b),x\n" }
    }
    let comp = try write("comp.csv", complete + "a,b,y\nc,d,y\n")
    let r3 = run("test", comp, "--dependent", "x", "--predictors", "y")
    #expect(
      r3.status == 1
        && r3.stderr.contains("the dependent 'x' has the same value in every cell used"),
      "\(r3.stderr)")
    let r4 = run("test", comp, "--dependent", "y", "--predictors", "x", "--correlations")
    #expect(
      r4.status == 1
        && r4.stderr.contains("the predictor 'x' has the same value in every cell used"),
      "\(r4.stderr)")
  }

  @Test func regressionTableHasOneRowPerTermAndSnaEstimates() throws {
    let r = run(
      "test", Self.krackhardt, "--dependent", "friendship", "--predictors",
      "advice,same:department,diff:age", "--permutations", "200")
    #expect(r.status == 0, "\(r.stderr)")
    let rows = Self.rows(r.stdout)
    #expect(
      rows[0] == [
        "term", "estimate", "std_error", "statistic", "p_two_sided", "p_greater", "p_less",
      ])
    #expect(
      rows.dropFirst().map { $0[0] } == ["(intercept)", "advice", "same:department", "diff:age"])
    for row in rows.dropFirst() {
      let b = Double(row[1])!
      let t = Double(row[3])!
      let eb = try Self.sna("netlm krackhardt friendship semi-partial", "estimate", row[0])
      let et = try Self.sna("netlm krackhardt friendship semi-partial", "statistic", row[0])
      #expect(abs(b - eb) <= 1e-9 * max(1, abs(eb)), "\(row[0]): \(b) vs sna \(eb)")
      #expect(abs(t - et) <= 1e-9 * max(1, abs(et)), "\(row[0]): \(t) vs sna \(et)")
      let p = row[4...6].map { Double($0)! }
      #expect(p.allSatisfy { $0 >= 0 && $0 <= 1 })
      #expect(abs(p[1] + p[2] - 1) <= 0.05, "P(t* ≥ t) + P(t* ≤ t) is 1 plus the share of ties")
    }
    for setting in [
      "model: linear", "null hypothesis: semi-partialling", "permutations: 200 per term", "seed: 1",
      "cells used: 420", "R2: 0.07649", "dependent: friendship (tie 0/1)",
    ] {
      #expect(r.stderr.contains(setting), "\(setting) in \(r.stderr)")
    }
  }

  @Test func logisticAndCorrelations() throws {
    let l = run(
      "test", "krackhardt", "--dependent", "friendship", "--predictors",
      "advice,same:department,diff:age", "--logistic", "--null", "y", "--permutations", "100")
    #expect(l.status == 0, "\(l.stderr)")
    let advice = try #require(Self.rows(l.stdout).first { $0[0] == "advice" })
    let e = try Self.sna("netlogit krackhardt friendship y", "estimate", "advice")
    #expect(abs(Double(advice[1])! - e) <= 1e-9, "netlogit's advice: \(advice[1]) vs sna \(e)")
    #expect(
      l.stderr.contains("model: logistic") && l.stderr.contains("statistic: z-value")
        && l.stderr.contains("null hypothesis: Y-permutation"))
    #expect(l.stderr.contains("deviance: ") && l.stderr.contains("AIC: "))

    let c = run(
      "test", "padgett", "--dependent", "marriage", "--predictors", "business", "--correlations",
      "--permutations", "100")
    #expect(c.status == 0, "\(c.stderr)")
    let rows = Self.rows(c.stdout)
    #expect(rows[0] == ["term", "correlation", "cells", "p_two_sided", "p_greater", "p_less"])
    #expect(rows[1][0] == "business" && rows[1][2] == "120", "16 families: 120 unordered pairs")
    let r = try Self.sna("gcor padgett marriage business", "correlation", "")
    #expect(abs(Double(rows[1][1])! - r) <= 1e-12)
    #expect(c.stderr.contains("permutations: 100"))
  }

  @Test func sameOutputOnOneAndTwoThreads() {
    for extra in [[], ["--logistic"], ["--null", "y"], ["--correlations"]] {
      let args =
        [
          "test", Self.krackhardt, "--dependent", "friendship", "--predictors",
          "advice,same:department", "--permutations", "150", "--seed", "5",
        ] + extra
      let one = BrobyggareCommandLine.run(args + ["--threads", "1"])
      let two = BrobyggareCommandLine.run(args + ["--threads", "2"])
      #expect(one.status == 0 && one.stdout == two.stdout && one.stderr == two.stderr, "\(extra)")
    }
  }

  @Test func usageErrors() {
    let base = ["test", "krackhardt"]
    let cases: [([String], String)] = [
      ([], "--dependent"),
      (["--dependent", "friendship"], "--predictors"),
      (["--dependent", "frendship", "--predictors", "advice"], "did you mean 'friendship'"),
      (
        ["--dependent", "friendship", "--predictors", "advice,same:departmnt"],
        "names no node attribute"
      ),
      (["--dependent", "friendship", "--predictors", "advice,advice"], "twice"),
      (["--dependent", "friendship", "--predictors", "friendship"], "the dependent itself"),
      (
        ["--dependent", "friendship", "--predictors", "advice", "--values", "trust", "--logistic"],
        "--logistic"
      ),
      (["--dependent", "friendship", "--predictors", "advice", "--null", "x"], "semi-partial, y"),
      (
        ["--dependent", "friendship", "--predictors", "advice", "--permutations", "0"],
        "--permutations"
      ),
      (
        ["--dependent", "friendship", "--predictors", "advice", "--permutations", "2000000"],
        "--permutations"
      ),
    ]
    for (args, message) in cases {
      let r = BrobyggareCommandLine.run(base + args)
      #expect(
        r.status == 64 && r.stderr.contains(message) && r.stdout.isEmpty,
        "\(args): \(r.status) \(r.stderr)")
    }
  }

  @Test func workIsBounded() {
    // 87 nodes: 7,482 cells; 4 terms logistic: 7,482 × 160 per permutation, so 10^10 allows 8,353.
    let r = run(
      "test", "municipality", "--dependent", "trust", "--predictors",
      "collaboration,same:sector,same:level", "--logistic", "--permutations", "1000000")
    #expect(r.status == 64)
    #expect(r.stderr.contains("at most 8353 permutations fit"), "\(r.stderr)")
  }

  @Test func badDataExitsWithOne() {
    // A predictor that duplicates another is collinear: bad data, not bad usage.
    let r = run(
      "test", "krackhardt", "--dependent", "friendship", "--predictors", "advice,trust:advice",
      "--permutations", "10")
    #expect(r.status == 1 && r.stdout.isEmpty)
    #expect(
      r.stderr.contains("'trust:advice' is a linear combination of '(intercept)', 'advice'"),
      "\(r.stderr)")
  }

  /// Found by a probe: a tie without a trust value counts as trust 1 where test reads trust,
  /// and a network whose nodes do not say who answered has every row read as an answer; both
  /// are said.
  @Test func trustlessTiesAndUnknownRespondentsAreSaid() throws {
    let dir = try temporaryDirectory()
    let file = dir.appendingPathComponent("sl.csv")
    try
      "source,target,layer,trust\na,b,y,0.5\nb,c,y,\nc,d,y,0.9\nd,a,y,0.2\na,c,x,0.3\nb,d,x,\nc,a,x,0.7\n"
      .write(to: file, atomically: true, encoding: .utf8)
    let r = run(
      "test", file.path, "--dependent", "y", "--predictors", "trust:x", "--values", "trust",
      "--permutations", "20")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr.contains("2 of 7 ties analysed have no trust value and count as trust 1"),
      "\(r.stderr)")
    #expect(
      r.stderr.contains(
        "non-respondents: none known (no node has a 'respondent' attribute, true or false)"),
      "\(r.stderr)")
  }
}
