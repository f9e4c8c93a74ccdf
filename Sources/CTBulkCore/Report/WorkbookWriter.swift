import CXLSXWriter
import Foundation

/// Writes a report as an Excel workbook (.xlsx) through Debian's libxlsxwriter in constant-memory mode: rows are
/// streamed to a temporary file as they come, so memory does not grow with the rows. Cells marked as errors are
/// filled red, warnings yellow, changes blue, and a cell's note becomes its comment; the header row is bold and
/// frozen, with an autofilter over the columns, and columns are sized to their content.
///
/// Formula-safe: every cell is written as a value (a string or a number), never a formula, so a text that starts
/// with `=` stays that text. Cell comments are kept by libxlsxwriter apart from the streamed rows (they are written
/// at the end, also in constant-memory mode), so each costs memory until ``close()``: reports put them on cells with
/// errors or warnings only.
public final class WorkbookWriter: SpreadsheetSink {
    public let path: String
    private let partialPath: String
    private var workbook: UnsafeMutablePointer<lxw_workbook>?
    private let sheet: UnsafeMutablePointer<lxw_worksheet>
    private var formats: [FormatKey: UnsafeMutablePointer<lxw_format>] = [:]
    private var nextRow: UInt32 = 0
    private var widths: [Int] = []

    /// Excel's limits: characters in a cell, rows in a sheet.
    static let maxCellCharacters = 32_767
    static let maxRows: UInt32 = 1_048_576

    private struct FormatKey: Hashable {
        var mark: CellMark?
        var integer: Bool
        var header: Bool
    }

    /// Fill colours (Excel's own "bad", "neutral" and a light blue).
    static func fill(_ mark: CellMark) -> lxw_color_t {
        switch mark {
        case .error: return 0xFFC7CE
        case .warning: return 0xFFEB9C
        case .changed: return 0xDDEBF7
        }
    }

    /// Creates the workbook at `PATH.partial`; ``close()`` moves it to `path`. `sheetName` defaults to Excel's
    /// `Sheet1`; a name Excel refuses (too long, `[]:*?/\`) is replaced by that default.
    public init(path: String, sheetName: String? = nil) throws(ReportError) {
        self.path = path
        self.partialPath = path + ".partial"
        try? FileManager.default.removeItem(atPath: partialPath)
        var options = lxw_workbook_options()
        options.constant_memory = 1
        guard let workbook = partialPath.withCString({ workbook_new_opt($0, &options) }) else {
            throw ReportError(path: path, reason: "cannot create the workbook")
        }
        self.workbook = workbook
        var sheet: UnsafeMutablePointer<lxw_worksheet>?
        if let sheetName, !sheetName.isEmpty, sheetName.count <= 31,
           !sheetName.contains(where: { "[]:*?/\\".contains($0) }) {
            sheet = sheetName.withCString { workbook_add_worksheet(workbook, $0) }
        }
        if sheet == nil { sheet = workbook_add_worksheet(workbook, nil) }
        guard let sheet else {
            lxw_workbook_free(workbook)
            throw ReportError(path: path, reason: "cannot add a worksheet")
        }
        self.sheet = sheet
    }

    deinit {
        if let workbook {
            lxw_workbook_free(workbook)
            try? FileManager.default.removeItem(atPath: partialPath)
        }
    }

    public func writeHeader(_ cells: [String]) throws(ReportError) {
        try write(cells.map { SpreadsheetCell($0) }, header: true)
        worksheet_freeze_panes(sheet, 1, 0)
    }

    public func writeRow(_ cells: [SpreadsheetCell]) throws(ReportError) {
        try write(cells, header: false)
    }

    private func write(_ cells: [SpreadsheetCell], header: Bool) throws(ReportError) {
        guard workbook != nil else { throw ReportError(path: path, reason: "already closed") }
        guard nextRow < Self.maxRows else { throw ReportError(path: path, reason: "more rows than a worksheet holds (1,048,576)") }
        let row = nextRow
        nextRow += 1
        if widths.count < cells.count { widths.append(contentsOf: repeatElement(0, count: cells.count - widths.count)) }
        for (index, cell) in cells.enumerated() {
            let column = lxw_col_t(index)
            let number = cell.isNumber ? Double(CellText.trim(cell.text)) : nil
            let isInteger = number.map { $0 == $0.rounded() && abs($0) < 1e15 } ?? false
            let format = self.format(FormatKey(mark: cell.mark, integer: isInteger, header: header))
            let status: lxw_error
            if let number, number.isFinite {
                status = worksheet_write_number(sheet, row, column, number, format)
            } else if cell.text.isEmpty {
                status = format == nil ? LXW_NO_ERROR : worksheet_write_blank(sheet, row, column, format)
            } else {
                // A string, never a formula: libxlsxwriter writes it as text whatever its first character.
                status = Self.clipped(cell.text).withCString { worksheet_write_string(sheet, row, column, $0, format) }
            }
            try check(status)
            if let note = cell.note, !note.isEmpty {
                var options = lxw_comment_options()
                options.x_scale = 2.5  // room for a sentence or two
                options.y_scale = 2
                try check(Self.clipped(note).withCString { worksheet_write_comment_opt(sheet, row, column, $0, &options) })
            }
            widths[index] = max(widths[index], min(cell.text.count, 60))
        }
    }

    /// Finishes the workbook (autofilter over the header and the rows, column widths) and moves it into place.
    public func close() throws(ReportError) {
        guard let workbook else { return }
        let columns = max(widths.count, 1)
        for (index, width) in widths.enumerated() {
            // Excel's width unit is about one character of the default font; leave room for the filter button.
            try check(worksheet_set_column(sheet, lxw_col_t(index), lxw_col_t(index), Double(max(8, width + 3)), nil))
        }
        if nextRow > 0 {
            try check(worksheet_autofilter(sheet, 0, 0, nextRow - 1, lxw_col_t(columns - 1)))
        }
        self.workbook = nil
        let status = workbook_close(workbook)
        guard status == LXW_NO_ERROR else {
            try? FileManager.default.removeItem(atPath: partialPath)
            throw ReportError(path: path, reason: String(cString: lxw_strerror(status)))
        }
        do {
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: partialPath, toPath: path)
        } catch {
            throw ReportError(path: path, reason: String(describing: error))
        }
    }

    private func check(_ status: lxw_error) throws(ReportError) {
        guard status == LXW_NO_ERROR else { throw ReportError(path: path, reason: String(cString: lxw_strerror(status))) }
    }

    private func format(_ key: FormatKey) -> UnsafeMutablePointer<lxw_format>? {
        if key.mark == nil && !key.integer && !key.header { return nil }
        if let format = formats[key] { return format }
        guard let workbook, let format = workbook_add_format(workbook) else { return nil }
        if key.header { format_set_bold(format) }
        if key.integer { format_set_num_format(format, "0") }  // all the digits of a phone number, never 7.9E+10
        if let mark = key.mark {
            format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(format, Self.fill(mark))
        }
        formats[key] = format
        return format
    }

    /// Text within Excel's limit of characters per cell.
    static func clipped(_ text: String) -> String {
        text.utf16.count <= maxCellCharacters ? text : String(text.prefix(maxCellCharacters - 1)) + "…"
    }
}
