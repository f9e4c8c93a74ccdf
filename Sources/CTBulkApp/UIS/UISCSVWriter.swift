import CTBulkCore
/// CSV that Excel opens correctly on a Russian-locale PC: UTF-8 with a BOM, `;` between cells, CRLF line ends,
/// quotes where needed, and text cells that start with `=`, `+`, `-`, `@` (or a tab or CR) prefixed with `'` so they
/// are never run as formulas. Number cells are written as they are.
public enum UISCSVWriter {
    /// The UTF-8 byte order mark.
    public static let bom = "\u{FEFF}"

    /// The whole document: BOM, header line, one line per row.
    static func document(header: [String], rows: [[UISCell]]) -> String {
        var text = bom + line(header.map { UISCell.text($0) })
        for row in rows { text += line(row) }
        return text
    }

    /// One line with its CRLF.
    static func line(_ cells: [UISCell]) -> String {
        cells.map(field).joined(separator: ";") + "\r\n"
    }

    /// One cell: neutralised when formula-like text, quoted when it holds `;`, `"`, a line break or edge spaces.
    static func field(_ cell: UISCell) -> String {
        var text = cell.text
        if !cell.isNumber, CellText.needsNeutralisation(text) { text = "'" + text }
        let needsQuotes = text.contains(";") || text.contains("\"") || text.contains("\n") || text.contains("\r")
            || text.hasPrefix(" ") || text.hasSuffix(" ")
        return needsQuotes ? "\"" + text.replacing("\"", with: "\"\"") + "\"" : text
    }

    /// A cell for tests and callers outside the module: `text` as text (neutralised when formula-like).
    public static func textField(_ text: String) -> String { field(.text(text)) }
}
