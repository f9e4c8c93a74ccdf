/// How `ctbulk uis` prints records.
public enum UISOutputFormat: String, CaseIterable, Sendable {
    /// Aligned columns that fit the terminal; wide cells are cut with `…`.
    case table
    /// Excel-ready CSV: UTF-8 with BOM, `;`, CRLF, formula-like text neutralised with `'`.
    case csv
    /// The typed records as a JSON array.
    case json
}
