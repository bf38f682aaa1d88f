import Brobyggare
import Foundation

// What made a report: the program, the command line, the date, the input's name and SHA-256,
// and every choice that changes a number. A reader who gets the file by e-mail can tell what
// it rests on and make it again.

/// The SHA-256 of some bytes, as 64 lowercase hexadecimal digits (FIPS 180-4,
/// doi:10.6028/NIST.FIPS.180-4). Written here because the package has no dependencies and
/// Foundation on Linux has no digest.
///
/// - Complexity: O(bytes).
func sha256Hex(_ data: Data) -> String {
  let k: [UInt32] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ]
  var h: [UInt32] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
  var message = [UInt8](data)
  let bitLength = UInt64(message.count) &* 8
  message.append(0x80)
  while message.count % 64 != 56 { message.append(0) }
  for s in stride(from: 56, through: 0, by: -8) { message.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(s))) }
  func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
  var w = [UInt32](repeating: 0, count: 64)
  for chunk in stride(from: 0, to: message.count, by: 64) {
    for i in 0..<16 {
      let b = chunk + 4 * i
      w[i] = UInt32(message[b]) << 24 | UInt32(message[b + 1]) << 16 | UInt32(message[b + 2]) << 8 | UInt32(message[b + 3])
    }
    for i in 16..<64 {
      let s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3)
      let s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10)
      w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
    }
    var (a, b, c, d, e, f, g, hh) = (h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7])
    for i in 0..<64 {
      let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
      let ch = (e & f) ^ (~e & g)
      let t1 = hh &+ s1 &+ ch &+ k[i] &+ w[i]
      let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
      let maj = (a & b) ^ (a & c) ^ (b & c)
      let t2 = s0 &+ maj
      (hh, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
    }
    for (i, x) in [a, b, c, d, e, f, g, hh].enumerated() { h[i] = h[i] &+ x }
  }
  return h.map { x in
    let s = String(x, radix: 16)
    return String(repeating: "0", count: 8 - s.count) + s
  }.joined()
}

/// The date a report gives: `SOURCE_DATE_EPOCH` when it is set (so that the same input gives
/// the same bytes, as reproducible builds expect), else today, in UTC, to the day.
func reportDate(epoch: Int? = Graphviz.sourceDateEpoch, now: Date = Date()) -> String {
  var t = time_t(epoch.map { min(max($0, 0), 253_402_300_799) } ?? Int(now.timeIntervalSince1970))
  var parts = tm()
  gmtime_r(&t, &parts)
  return String(format: "%04d-%02d-%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
}

/// A word as a POSIX shell reads it: bare when it is safe, else in single quotes.
func shellQuoted(_ word: String) -> String {
  let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=,+@%")
  if !word.isEmpty && word.allSatisfy({ safe.contains($0) }) { return word }
  return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

/// The command line that makes the report again, from what was parsed: the network, then every
/// option given in the order the command declares them. `--threads` is left out: it changes
/// how fast, never what. The output folder is written `DIR`, so that a report is the same bytes
/// wherever it was written (and a copy moved elsewhere does not name a folder it is not in).
func reportCommandLine(_ p: ParsedArguments, spec: CommandSpec) -> String {
  var words = ["brobyggare", p.command] + p.positionals
  for o in spec.options where o.name != "threads" && o.name != "help" {
    if o.valueName == nil {
      if p.flag(o.name) { words.append("--" + o.name) }
    } else {
      for v in p.values(o.name) { words += ["--" + o.name, o.name == "output" ? "DIR" : v] }
    }
  }
  return words.map(shellQuoted).joined(separator: " ")
}

/// The input files of a report (the network, or the shipped dataset's file, and a node table),
/// each with its name and SHA-256.
func reportInputs(_ path: String, nodes: String?) -> [(name: String, sha256: String)] {
  var files: [(String, String)] = []
  var resolved = path
  if !path.contains("/"), !FileManager.default.fileExists(atPath: path), let d = Dataset.named(path), let p = try? d.path() {
    resolved = p
  }
  let companion = Network.companionNodeTable(for: path)
  let table = nodes ?? (resolved == path && FileManager.default.fileExists(atPath: companion) ? companion : nil)
  for (shown, file) in [(path, resolved)] + (table.map { [($0, $0)] } ?? []) {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: file, isDirectory: &isFolder), !isFolder.boolValue,
          let data = FileManager.default.contents(atPath: file) else {
      files.append((shown, "(a folder or not readable as one file)"))
      continue
    }
    let name = shown == file ? (file as NSString).lastPathComponent : "\(shown) (the shipped \((file as NSString).lastPathComponent))"
    files.append((name, sha256Hex(data)))
  }
  return files
}
