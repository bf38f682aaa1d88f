import Brobyggare
import Foundation

// The resolution a PNG records (its pHYs chunk), which Graphviz's PNGs leave out: `render
// --dpi` and the report's figures write it, the tests read it back.

/// The unsigned 32-bit big-endian integer at `i`, as PNG stores its lengths and values.
private func bigEndian32(_ b: [UInt8], at i: Int) -> Int {
  Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3])
}

/// A PNG with its resolution recorded: a `pHYs` chunk (pixels per metre, unit metre; PNG
/// specification, ISO/IEC 15948:2004 §11.3.5.3) right after the header, replacing one there
/// was. Graphviz's cairo renderer draws at the `dpi` asked for but writes no `pHYs`, so a
/// word processor would place a 300 dpi figure at 96 dpi, three times too large.
///
/// 300 dpi is round(300 / 0.0254) = 11811 pixels per metre. Bytes that are not a PNG are
/// returned as they are.
///
/// - Complexity: O(bytes).
func pngWithResolution(_ png: Data, dpi: Int) -> Data {
  let bytes = [UInt8](png)
  let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
  // The signature, then IHDR: length 13, type, data, CRC.
  guard bytes.count >= 33, Array(bytes[0..<8]) == signature,
    Array(bytes[12..<16]) == Array("IHDR".utf8)
  else { return png }
  func u32(_ i: Int) -> Int { bigEndian32(bytes, at: i) }
  func be32(_ x: UInt32) -> [UInt8] {
    [UInt8(x >> 24), UInt8(x >> 16 & 0xFF), UInt8(x >> 8 & 0xFF), UInt8(x & 0xFF)]
  }
  let perMetre = UInt32((Double(dpi) / 0.0254).rounded())
  let body = Array("pHYs".utf8) + be32(perMetre) + be32(perMetre) + [1]
  let chunk = be32(9) + body + be32(CRC32.checksum(body))
  var out = Array(bytes[0..<33]) + chunk
  // The other chunks, an earlier pHYs left out.
  var i = 33
  while i + 12 <= bytes.count {
    let length = u32(i)
    let end = i + 12 + length
    guard end <= bytes.count else { return png }
    if Array(bytes[(i + 4)..<(i + 8)]) != Array("pHYs".utf8) { out += bytes[i..<end] }
    i = end
  }
  return i == bytes.count ? Data(out) : png
}

/// The resolution a PNG records in its `pHYs` chunk, in pixels per metre (x, y), or `nil`
/// when it has none or gives no unit.
func pngPixelsPerMetre(_ png: Data) -> (x: Int, y: Int)? {
  let b = [UInt8](png)
  var i = 8
  func u32(_ k: Int) -> Int { bigEndian32(b, at: k) }
  while i + 12 <= b.count {
    let length = u32(i)
    if Array(b[(i + 4)..<(i + 8)]) == Array("pHYs".utf8), length == 9, i + 17 <= b.count,
      b[i + 16] == 1
    {
      return (u32(i + 8), u32(i + 12))
    }
    i += 12 + length
  }
  return nil
}
