/// How a report cell is marked for the eye: spreadsheets fill errors red and warnings yellow; CSV drops the mark.
public enum CellMark: String, Sendable, Hashable, Codable {
    case error, warning, changed
}

/// One cell of a report: its text, how it is marked, and a note (a spreadsheet shows it as a cell comment).
public struct SpreadsheetCell: Sendable, Hashable {
    public var text: String
    public var mark: CellMark?
    public var note: String?
    /// The cell holds a number the user wrote as a number (a spreadsheet writes it as a number, not text).
    public var isNumber: Bool

    public init(_ text: String, mark: CellMark? = nil, note: String? = nil, isNumber: Bool = false) {
        self.text = text; self.mark = mark; self.note = note; self.isNumber = isNumber
    }
}

/// Where a tabular report goes: a CSV file (``CSVWriter``) or a workbook. Every report (validation, plan, results,
/// failures, drift) writes a header and rows through this, so each gets both formats from one piece of code.
/// Writers never write formulas: text that looks like one stays text.
public protocol SpreadsheetSink: AnyObject {
    /// The header row (a workbook freezes it and puts an autofilter on it).
    func writeHeader(_ cells: [String]) throws(ReportError)
    /// One data row.
    func writeRow(_ cells: [SpreadsheetCell]) throws(ReportError)
    /// Finishes the file and moves it into place; nothing is visible at the path before.
    func close() throws(ReportError)
}

extension CSVWriter: SpreadsheetSink {
    public func writeHeader(_ cells: [String]) throws(ReportError) { try write(cells) }
    public func writeRow(_ cells: [SpreadsheetCell]) throws(ReportError) { try write(cells.map(\.text)) }
}

/// Opens the right report writer for `path`: a workbook (``WorkbookWriter``) for `.xlsx`, otherwise CSV in
/// `csvDialect`. Every report that a user may open in Excel is created through here.
public enum SpreadsheetFile {
    /// Whether `path` names a workbook.
    public static func isWorkbook(_ path: String) -> Bool { path.lowercased().hasSuffix(".xlsx") }

    /// - Parameter sheetName: a workbook's sheet (the input's own sheet name, when it had one).
    public static func open(path: String, csvDialect: CSVDialect, sheetName: String? = nil) throws(ReportError) -> any SpreadsheetSink {
        if isWorkbook(path) { return try WorkbookWriter(path: path, sheetName: sheetName) }
        return try CSVWriter(path: path, dialect: csvDialect)
    }

    /// The extension a report of an input read with `layout` has by default: `xlsx` for a workbook, else `csv`.
    public static func defaultExtension(for layout: CSVLayout?) -> String { layout?.sheet != nil ? "xlsx" : "csv" }
}
