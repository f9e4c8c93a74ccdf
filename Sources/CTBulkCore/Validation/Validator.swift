/// Counts of rows by outcome.
public struct ValidationSummary: Sendable, Codable, Equatable {
    public var rowsRead = 0
    public var ok = 0
    public var withWarnings = 0
    public var withErrors = 0
    public var blank = 0
    /// Later copies of identical duplicate rows (they are not sent).
    public var duplicatesSkipped = 0

    public init() {}
}

/// What `validate` found: the file's layout, counts, the problems (all of them or the first `problemLimit`), and,
/// when asked for, the rows that are fit to plan.
public struct ValidationResult: Sendable {
    public var path: String
    public var kind: JobFileKind
    public var csv: CSVLayout?
    public var summary = ValidationSummary()
    /// File-level problems first, then row problems in row order (problems found across rows are added to both rows).
    public var problems: [Problem] = []
    /// How many problems there were in all (``problems`` may be cut at the limit).
    public var problemCount = 0
    /// Problem counts by severity.
    public var severityCounts: [Severity: Int] = [:]
    /// Rows without errors (later identical duplicates left out), when `collectRows` was set.
    public var rows: [JobRow] = []
    /// Rows of ``rows`` that have warnings (so that checks added later, such as the inventory, count each row once).
    public var rowsWithWarnings: Set<Int> = []
    /// The most problems ``problems`` keeps (nil: all).
    public var problemLimit: Int?
    /// Problems found across rows (duplicates), by row: needed again when writing the report.
    public var crossRowProblems: [Int: [Problem]] = [:]
    /// A syntax error that stopped reading.
    public var stoppedAt: Problem?

    /// Errors anywhere (the exit code 65 case).
    public var hasErrors: Bool { (severityCounts[.error] ?? 0) > 0 }
}

/// Reads a job file row by row and checks every row and every pair of rows.
public enum Validator {
    /// - Parameters:
    ///   - problemLimit: keep at most this many problems in the result (nil: all); counts are always complete.
    ///   - collectRows: keep the valid rows (for planning).
    public static func validate(_ reader: JobFileReader, problemLimit: Int? = 50, collectRows: Bool = false,
                                includeNotes: Bool = true) -> ValidationResult {
        var result = ValidationResult(path: reader.path, kind: reader.kind, csv: reader.csv)
        result.problemLimit = problemLimit
        var index = DuplicateIndex()
        var kept: [Problem] = []
        var conflictedFirstRows = Set<Int>()
        let phoneColumn = phoneColumn(reader)

        func keep(_ problem: Problem) {
            if problem.severity == .note && !includeNotes { return }
            result.problemCount += 1
            result.severityCounts[problem.severity, default: 0] += 1
            if let limit = problemLimit, kept.count >= limit { return }
            kept.append(problem)
        }

        for problem in reader.fileProblems { keep(problem) }

        do {
            try reader.forEachRow { source in
                if source.isBlank {
                    result.summary.blank += 1
                    return
                }
                result.summary.rowsRead += 1
                var problems = source.built.problems
                var skip = false
                let hadWarnings = problems.contains { $0.severity == .warning }
                if let row = source.built.jobRow, !source.built.hasErrors {
                    switch index.record(row, hasWarnings: hadWarnings) {
                    case .first:
                        break
                    case .identical(let firstRow):
                        let problem = Problem(.duplicateIdentical, row: source.row, column: phoneColumn,
                                              value: row.phoneNumber.digits, details: ["otherRow": String(firstRow)])
                        problems.append(problem)
                        result.crossRowProblems[source.row, default: []].append(problem)
                        skip = true
                        result.summary.duplicatesSkipped += 1
                    case .conflict(let firstRow, let newly, let firstHadWarnings):
                        let problem = Problem(.duplicateConflict, row: source.row, column: phoneColumn,
                                              value: row.phoneNumber.digits, details: ["otherRow": String(firstRow)])
                        problems.append(problem)
                        result.crossRowProblems[source.row, default: []].append(problem)
                        let mirror = Problem(.duplicateConflict, row: firstRow, column: phoneColumn,
                                             value: row.phoneNumber.digits, details: ["otherRow": String(source.row)])
                        result.crossRowProblems[firstRow, default: []].append(mirror)
                        keep(mirror)
                        conflictedFirstRows.insert(firstRow)
                        if newly {
                            // The first row was counted before its conflict was known.
                            if firstHadWarnings { result.summary.withWarnings -= 1 } else { result.summary.ok -= 1 }
                            result.summary.withErrors += 1
                        }
                    }
                }
                for problem in problems { keep(problem) }
                let worst = problems.lazy.filter { $0.severity != .note }.map(\.severity).max()
                switch worst {
                case .error?: result.summary.withErrors += 1
                case .warning?: result.summary.withWarnings += 1
                default: result.summary.ok += 1
                }
                if collectRows, !skip, worst != .error, let row = source.built.jobRow {
                    result.rows.append(row)
                    if worst == .warning { result.rowsWithWarnings.insert(row.row) }
                }
            }
        } catch let error as CSVRowError {
            result.stoppedAt = error.problem
            keep(error.problem)
        } catch {
            let problem = Problem(.fileCSVSyntax, row: nil, details: ["reason": String(describing: error)])
            result.stoppedAt = problem
            keep(problem)
        }

        if !conflictedFirstRows.isEmpty { result.rows.removeAll { conflictedFirstRows.contains($0.row) } }
        // File-level problems first, then by row; within a row errors first.
        kept.sort(by: Problem.listedBefore)
        result.problems = kept
        return result
    }

    public static func phoneColumn(_ reader: JobFileReader) -> String {
        if let layout = reader.csv, let index = layout.columns.firstIndex(of: .phoneNumber) { return layout.header[index] }
        return "phoneNumber"
    }
}
