/// A group-by-group matrix drawn as an SVG heat map: one square per cell shaded from white to
/// the darkest blue by its value (over the matrix's own range), the value written inside, row
/// and column names outside. NaN cells are left grey and marked "–". Self-contained SVG 1.1.
public func heatMapSVG(_ matrix: [[Double]], names: [String], title: String, rowLabel: String = "from", columnLabel: String = "to") -> String {
  let esc = escapeXML
  let g = names.count
  let cell = 56, left = 8 + 7 * (names.map(\.count).max() ?? 4) + 8, top = 60 + 7 * min(24, names.map(\.count).max() ?? 4)
  let width = left + g * cell + 20, height = top + g * cell + 30
  let finite = matrix.flatMap { $0 }.filter(\.isFinite)
  let lo = finite.min() ?? 0, hi = finite.max() ?? 1
  var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\">\n"
  out += "<title>\(esc(title))</title>\n"
  out += "<text x=\"8\" y=\"18\" font-size=\"14\" font-weight=\"bold\">\(esc(title))</text>\n"
  out += "<text x=\"8\" y=\"34\" fill=\"#555\">rows: \(esc(rowLabel)); columns: \(esc(columnLabel))</text>\n"
  for (j, name) in names.enumerated() {
    let x = left + j * cell + cell / 2
    out += "<text transform=\"translate(\(x),\(top - 6)) rotate(-45)\">\(esc(name))</text>\n"
  }
  for (i, name) in names.enumerated() {
    let y = top + i * cell
    out += "<text x=\"\(left - 6)\" y=\"\(y + cell / 2 + 4)\" text-anchor=\"end\">\(esc(name))</text>\n"
    for j in 0..<g {
      let v = matrix[i][j]
      let x = left + j * cell
      var fill = "#DDDDDD", ink = "#000000", text = "–"
      if v.isFinite {
        let t = hi > lo ? (v - lo) / (hi - lo) : 1
        // White to #08306B (dark blue), linear in each channel.
        let (r, gr, b) = (255 - Int((255 - 8) * t), 255 - Int((255 - 48) * t), 255 - Int((255 - 107) * t))
        fill = "#" + [r, gr, b].map { c in let s = String(c, radix: 16, uppercase: true); return s.count == 1 ? "0" + s : s }.joined()
        ink = t > 0.55 ? "#FFFFFF" : "#000000"
        text = abs(v) >= 100 ? formatNumber(v.rounded()) : formatNumber((v * 100).rounded() / 100)
      }
      out += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cell)\" height=\"\(cell)\" fill=\"\(fill)\" stroke=\"#FFFFFF\"><title>\(esc(names[i])) → \(esc(names[j])): \(formatNumber(v))</title></rect>\n"
      out += "<text x=\"\(x + cell / 2)\" y=\"\(y + cell / 2 + 4)\" text-anchor=\"middle\" fill=\"\(ink)\">\(text)</text>\n"
    }
  }
  out += "<text x=\"\(left)\" y=\"\(height - 8)\" fill=\"#555\">white \(formatNumber(lo)) to dark blue \(formatNumber(hi)); grey: no value</text>\n"
  return out + "</svg>\n"
}
