/// Aligned columns that fit a width: when the natural table is too wide, the widest columns are narrowed first and
/// their cells cut with `…`. Line breaks inside cells become spaces.
public enum UISTableRenderer {
    /// The narrowest a column is squeezed to.
    static let minimumColumnWidth = 4

    /// Renders a header and rows (each row as wide as the header) as lines of at most `width` characters (unless even
    /// the narrowest columns do not fit).
    public static func render(header: [String], rows: [[String]], width: Int) -> [String] {
        let clean = { (text: String) in String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 }) }
        let header = header.map(clean)
        let rows = rows.map { $0.map(clean) }
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        let separator = 2
        func total() -> Int { widths.reduce(0, +) + separator * max(widths.count - 1, 0) }
        var excess = total() - width
        while excess > 0 {
            guard let widest = widths.indices.max(by: { widths[$0] < widths[$1] }),
                  widths[widest] > minimumColumnWidth else { break }
            widths[widest] -= 1
            excess -= 1
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (i, w) in widths.enumerated() {
                let cell = i < cells.count ? cells[i] : ""
                let fitted = cell.count > w ? String(cell.prefix(w - 1)) + "…" : cell
                parts.append(i == widths.count - 1 ? fitted : fitted + String(repeating: " ", count: w - fitted.count))
            }
            var text = parts.joined(separator: String(repeating: " ", count: separator))
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        return [line(header), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line)
    }
}
