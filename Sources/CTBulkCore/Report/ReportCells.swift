/// Turns a row of the user's cells and its problems into report cells: the cell a problem names is marked (red for an
/// error, yellow for a warning) and carries the problems' messages as its note; numbers the user wrote as numbers
/// stay numbers. A CSV report keeps only the text; a workbook shows the rest.
public enum ReportCells {
    /// - Parameters:
    ///   - texts: the row's cells as written, one per header column.
    ///   - header: the header cells (a problem names its column by them).
    ///   - numberCells: the indices of cells that hold numbers (.xlsx input).
    /// - Returns: the cells, and the problems that name no column of the header (row-level ones).
    public static func cells(_ texts: [String], header: [String], numberCells: Set<Int>, problems: [Problem],
                             language: Language) -> (cells: [SpreadsheetCell], unplaced: [Problem]) {
        var cells = texts.enumerated().map { index, text in SpreadsheetCell(text, isNumber: numberCells.contains(index)) }
        var unplaced: [Problem] = []
        for problem in problems where problem.severity != .note {
            guard let column = problem.column, let index = header.firstIndex(of: column), index < cells.count else {
                unplaced.append(problem)
                continue
            }
            let mark: CellMark = problem.severity == .error ? .error : .warning
            if cells[index].mark != .error { cells[index].mark = mark }
            let line = problem.message(language)
            cells[index].note = cells[index].note.map { $0 + "\n" + line } ?? line
        }
        return (cells, unplaced)
    }

    /// The mark for the worst of `problems` (notes leave a cell unmarked).
    public static func mark(_ problems: [Problem]) -> CellMark? {
        switch problems.lazy.filter({ $0.severity != .note }).map(\.severity).max() {
        case .error?: return .error
        case .warning?: return .warning
        default: return nil
        }
    }
}
