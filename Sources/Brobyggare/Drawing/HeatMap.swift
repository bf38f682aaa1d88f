/// A group-by-group matrix drawn as an SVG heat map: one square per cell shaded from white to
/// the darkest blue by its value, the value written inside to two significant digits, row and
/// column names outside, and a colour scale below whose ends are rounded outwards to two
/// significant digits. NaN cells are left grey and marked "–". Self-contained SVG 1.1.
///
/// With `counts` (the ties behind each cell, as ``GroupMatrices/ties``), each cell also says
/// how many ties it rests on ("n=3"); a cell resting on fewer than `fewest` ties is hatched,
/// its value starred and left out of the colour scale, so that a mean over one tie is not drawn
/// as the darkest cell.
///
/// - Parameters:
///   - matrix: G × G values, rows the first group of a pair.
///   - names: the G group names, in the order of the rows.
///   - title: the heading, also the SVG's `<title>`; its letters and digits make the ids of
///     the gradient and hatch, so that two maps in one HTML page keep their own.
///   - rowLabel: what the rows are, written beside them (default `from`).
///   - columnLabel: what the columns are, written above them (default `to`).
///   - counts: G × G tie counts, or `nil` to draw every finite cell in colour.
///   - fewest: the fewest ties a coloured cell rests on (default 3).
/// - Complexity: O(G²).
public func heatMapSVG(
  _ matrix: [[Double]], names: [String], title: String, rowLabel: String = "from",
  columnLabel: String = "to",
  counts: [[Int]]? = nil, fewest: Int = 3
) -> String {
  let esc = escapeXML
  let g = names.count
  let longest = names.map(\.count).max() ?? 4
  let cell = 56
  let left = 8 + 7 * longest + 8
  let top = 60 + 7 * min(24, longest)
  let width = max(left + g * cell + 20, 330)
  let height = top + g * cell + (counts == nil ? 62 : 78)
  let id =
    "hm-"
    + String(
      title.unicodeScalars.filter {
        ($0.properties.isAlphabetic && $0.isASCII) || ("0"..."9").contains($0)
      }.map(Character.init))
  func thin(_ i: Int, _ j: Int) -> Bool { counts.map { $0[i][j] < fewest } ?? false }
  var finite: [Double] = []
  for i in 0..<g {
    for j in 0..<g where matrix[i][j].isFinite && !thin(i, j) { finite.append(matrix[i][j]) }
  }
  let lo = roundedOutwards(finite.min() ?? 0, up: false)
  let hi = roundedOutwards(finite.max() ?? 1, up: true)
  var out =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\" class=\"heatmap\">\n"
  out += "<title>\(esc(title))</title>\n"
  out +=
    "<defs><linearGradient id=\"\(id)-scale\"><stop offset=\"0\" stop-color=\"#FFFFFF\"/><stop offset=\"1\" stop-color=\"#08306B\"/></linearGradient>"
  out +=
    "<pattern id=\"\(id)-thin\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#F4F4F4\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#BBBBBB\" stroke-width=\"2\"/></pattern></defs>\n"
  out += "<text x=\"8\" y=\"18\" font-size=\"14\" font-weight=\"bold\">\(esc(title))</text>\n"
  out +=
    "<text x=\"8\" y=\"34\" fill=\"#555\">rows: \(esc(rowLabel)); columns: \(esc(columnLabel))</text>\n"
  for (j, name) in names.enumerated() {
    let x = left + j * cell + cell / 2
    out += "<text transform=\"translate(\(x),\(top - 6)) rotate(-45)\">\(esc(name))</text>\n"
  }
  for (i, name) in names.enumerated() {
    let y = top + i * cell
    out +=
      "<text x=\"\(left - 6)\" y=\"\(y + cell / 2 + 4)\" text-anchor=\"end\">\(esc(name))</text>\n"
    for j in 0..<g {
      let v = matrix[i][j]
      let x = left + j * cell
      var fill = "#DDDDDD"
      var ink = "#000000"
      var text = "–"
      if v.isFinite {
        text = formatNumber(significant(v, 2))
        if thin(i, j) {
          fill = "url(#\(id)-thin)"
          ink = "#555555"
          text += "*"
        } else {
          let t = hi > lo ? min(1, max(0, (v - lo) / (hi - lo))) : 1
          fill = heatColour(t)
          ink = t > 0.55 ? "#FFFFFF" : "#000000"
        }
      }
      let n = counts.map { $0[i][j] }
      let tip =
        "\(esc(names[i])) → \(esc(names[j])): \(formatNumber(v))"
        + (n.map { "; \($0) tie\($0 == 1 ? "" : "s")" } ?? "")
      out +=
        "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cell)\" height=\"\(cell)\" fill=\"\(fill)\" stroke=\"#FFFFFF\"><title>\(tip)</title></rect>\n"
      out +=
        "<text x=\"\(x + cell / 2)\" y=\"\(y + cell / 2 + (n == nil ? 4 : 0))\" text-anchor=\"middle\" fill=\"\(ink)\">\(text)</text>\n"
      if let n {
        out +=
          "<text x=\"\(x + cell / 2)\" y=\"\(y + cell / 2 + 14)\" text-anchor=\"middle\" font-size=\"9\" fill=\"\(ink)\">n=\(n)</text>\n"
      }
    }
  }
  // The colour scale, its ends rounded outwards.
  let scaleY = top + g * cell + 14
  out +=
    "<rect x=\"\(left)\" y=\"\(scaleY)\" width=\"160\" height=\"10\" fill=\"url(#\(id)-scale)\" stroke=\"#999999\" stroke-width=\"0.5\"/>\n"
  out +=
    "<text x=\"\(left)\" y=\"\(scaleY + 24)\" text-anchor=\"start\">\(formatNumber(lo))</text>\n"
  out +=
    "<text x=\"\(left + 160)\" y=\"\(scaleY + 24)\" text-anchor=\"end\">\(formatNumber(hi))</text>\n"
  out += "<text x=\"\(left + 170)\" y=\"\(scaleY + 9)\" fill=\"#555\">grey: no value</text>\n"
  if counts != nil {
    out +=
      "<text x=\"8\" y=\"\(scaleY + 42)\" fill=\"#555\">n: ties behind the cell; hatched, *: fewer than \(fewest) ties, not coloured</text>\n"
  }
  return out + "</svg>\n"
}

/// White (t = 0) to #08306B (t = 1), linear in each channel.
func heatColour(_ t: Double) -> String {
  let (r, gr, b) = (255 - Int((255 - 8) * t), 255 - Int((255 - 48) * t), 255 - Int((255 - 107) * t))
  return "#"
    + [r, gr, b].map { c in
      let s = String(c, radix: 16, uppercase: true)
      return s.count == 1 ? "0" + s : s
    }.joined()
}

/// x to `digits` significant digits (0 and non-finite values as they are).
func significant(_ x: Double, _ digits: Int) -> Double {
  guard x.isFinite, x != 0 else { return x }
  let scale = pow10(digits - 1 - Int((abs(x)).log10Floor))
  return (x * scale).rounded() / scale
}

/// x to two significant digits, rounded down (`up` false) or up, for the ends of a scale.
func roundedOutwards(_ x: Double, up: Bool) -> Double {
  guard x.isFinite, x != 0 else { return x }
  let scale = pow10(1 - Int((abs(x)).log10Floor))
  // Binary noise first (0.35 * 100 = 35.00000000000001 is 35, not 36 rounded up).
  let y = (x * scale * 1e6).rounded() / 1e6
  return significant((up ? y.rounded(.up) : y.rounded(.down)) / scale, 2)
}

private func pow10(_ k: Int) -> Double {
  var p = 1.0
  if k >= 0 { for _ in 0..<k { p *= 10 } } else { for _ in 0..<(-k) { p /= 10 } }
  return p
}

extension Double {
  /// ⌊log10 |x|⌋ for finite non-zero x, by counting, exact at powers of ten.
  fileprivate var log10Floor: Double {
    var e = 0
    var a = abs(self)
    while a >= 10 {
      a /= 10
      e += 1
    }
    while a < 1 {
      a *= 10
      e -= 1
    }
    return Double(e)
  }
}
