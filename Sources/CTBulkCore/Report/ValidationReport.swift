/// Writes the `--report` of `validate`: the input file again, in its own dialect and columns, with `row`, `status`,
/// `code` and `message` added to every row, so the user can fix the rows and upload the same file again. A `.xlsx`
/// path gives a workbook: the cells with errors red, with warnings yellow, each with its messages as a comment.
public enum ValidationReport {
    /// The columns added after the input's own.
    public static let extraColumns = ["row", "status", "code", "message"]

    /// The added columns' names in `language` (`строка;статус;код;сообщение`).
    public static func extraColumns(_ language: Language) -> [String] {
        extraColumns.map { language.text("report.column." + $0) }
    }

    /// Reads the file a second time (constant memory) and writes every row with its outcome.
    public static func write(to path: String, reader: JobFileReader, result: ValidationResult,
                             language: Language) throws(ReportError) {
        let dialect = reader.csv?.dialect ?? .excel
        // A report fed back in: its old report columns are replaced by the new ones, not repeated.
        let header = reader.csv.map { Array($0.header.prefix($0.ownWidth)) } ?? JobColumn.all.map(\.csvName)
        let writer = try SpreadsheetFile.open(path: path, csvDialect: dialect, sheetName: reader.csv?.sheet)
        try writer.writeHeader(header + extraColumns(language))
        var failure: ReportError?
        do {
            try reader.forEachRow { source in
                var cells: [String]
                if reader.csv != nil {
                    cells = Array(source.cells.prefix(header.count))
                    while cells.count < header.count { cells.append("") }
                } else {
                    cells = source.cells
                }
                let problems = source.built.problems + (result.crossRowProblems[source.row] ?? [])
                let status: String
                if source.isBlank { status = "empty" } else {
                    switch problems.lazy.filter({ $0.severity != .note }).map(\.severity).max() {
                    case .error?: status = "error"
                    case .warning?: status = "warning"
                    default: status = "ok"
                    }
                }
                let codes = problems.map(\.code.rawValue).joined(separator: ", ")
                let messages = problems.map { problem in
                    let column = problem.column.map { "[\($0)] " } ?? ""
                    return column + problem.message(language)
                }.joined(separator: " | ")
                let marked = ReportCells.cells(cells, header: header, numberCells: source.numberCells, problems: problems,
                                               language: language)
                let outcome = [SpreadsheetCell(String(source.row), isNumber: true),
                               SpreadsheetCell(language.text("report.status." + status), mark: ReportCells.mark(problems)),
                               SpreadsheetCell(codes), SpreadsheetCell(messages)]
                do { try writer.writeRow(marked.cells + outcome) } catch let error as ReportError {
                    failure = error
                    throw error
                }
            }
        } catch {
            if let failure { throw failure }
            // A syntax error stops the file; the rows up to it are in the report, and the error is in its summary.
        }
        try writer.close()
    }

}
