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
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4,
    0xab1c_5ed5,
    0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7,
    0xc19b_f174,
    0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc,
    0x76f9_88da,
    0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351,
    0x1429_2967,
    0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e,
    0x9272_2c85,
    0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585,
    0x106a_a070,
    0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f,
    0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7,
    0xc671_78f2,
  ]
  var h: [UInt32] = [
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab,
    0x5be0_cd19,
  ]
  var message = [UInt8](data)
  let bitLength = UInt64(message.count) &* 8
  message.append(0x80)
  while message.count % 64 != 56 { message.append(0) }
  for s in stride(from: 56, through: 0, by: -8) {
    message.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(s)))
  }
  func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
  var w = [UInt32](repeating: 0, count: 64)
  for chunk in stride(from: 0, to: message.count, by: 64) {
    for i in 0..<16 {
      let b = chunk + 4 * i
      w[i] =
        UInt32(message[b]) << 24 | UInt32(message[b + 1]) << 16 | UInt32(message[b + 2]) << 8
        | UInt32(message[b + 3])
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
  return String(
    format: "%04d-%02d-%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
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
  if !path.contains("/"), !FileManager.default.fileExists(atPath: path),
    let d = Dataset.named(path), let p = try? d.path()
  {
    resolved = p
  }
  let companion = Network.companionNodeTable(for: path)
  let table =
    nodes
    ?? (resolved == path && FileManager.default.fileExists(atPath: companion) ? companion : nil)
  for (shown, file) in [(path, resolved)] + (table.map { [($0, $0)] } ?? []) {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: file, isDirectory: &isFolder), !isFolder.boolValue,
      let data = FileManager.default.contents(atPath: file)
    else {
      files.append((shown, "(a folder or not readable as one file)"))
      continue
    }
    let name =
      shown == file
      ? (file as NSString).lastPathComponent
      : "\(shown) (the shipped \((file as NSString).lastPathComponent))"
    files.append((name, sha256Hex(data)))
  }
  return files
}
