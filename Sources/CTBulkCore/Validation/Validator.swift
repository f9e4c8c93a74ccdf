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
    /// Problem counts by code (notes are listed as these unless every problem is asked for).
    public var codeCounts: [ProblemCode: Int] = [:]
    /// Rows without errors (later identical duplicates left out), when `collectRows` was set.
    public var rows: [JobRow] = []
    /// Rows of ``rows`` that have warnings (so that checks added later, such as the inventory, count each row once).
    public var rowsWithWarnings: Set<Int> = []
    /// The most problems ``problems`` keeps (nil: all).
    public var problemLimit: Int?
    /// Rows with errors (their number as written and their problems), when `collectRows` was set: a run that skips
    /// them (`--skip-invalid`) lists them in its reports.
    public var invalidRows: [InvalidRow] = []
    /// Errors of the file itself (its header, its syntax): no row can be trusted, so nothing is skipped past them.
    public var fileErrorCount = 0
    /// Problems found across rows (duplicates), by row: needed again when writing the report.
    public var crossRowProblems: [Int: [Problem]] = [:]
    /// A syntax error that stopped reading.
    public var stoppedAt: Problem?

    /// Errors anywhere (the exit code 65 case).
    public var hasErrors: Bool { (severityCounts[.error] ?? 0) > 0 }
}

/// A row with errors: where it is, its number as written, and its errors.
public struct InvalidRow: Sendable, Codable, Equatable {
    public var row: Int
    public var phoneNumber: String
    public var problems: [Problem]

    public init(row: Int, phoneNumber: String, problems: [Problem]) {
        self.row = row; self.phoneNumber = phoneNumber; self.problems = problems
    }
}

/// Reads a job file row by row and checks every row and every pair of rows.
public enum Validator {
    /// - Parameters:
    ///   - problemLimit: keep at most this many problems in the result (nil: all); counts are always complete.
    ///   - collectRows: keep the valid rows (for planning).
    public static func validate(_ reader: JobFileReader, problemLimit: Int? = 50, collectRows: Bool = false,
                                includeNotes: Bool = true) -> ValidationResult {
        validate(reader, problemLimit: problemLimit, collectRows: collectRows, includeNotes: includeNotes, stream: nil)
    }

    /// Validates and writes the `--report` (``ValidationReport``) to `reportPath`: in the same pass when the file
    /// allows it (CSV in Windows-1251 or UTF-8 to a CSV report: ``ValidationReportStream``), else by reading the file
    /// a second time. The report's failure does not stop validation; it is returned next to the result.
    public static func validate(_ reader: JobFileReader, problemLimit: Int? = 50, collectRows: Bool = false,
                                includeNotes: Bool = true, reportPath: String,
                                language: Language) -> (ValidationResult, ReportError?) {
        guard ValidationReportStream.isEligible(reader: reader, path: reportPath) else {
            let result = validate(reader, problemLimit: problemLimit, collectRows: collectRows, includeNotes: includeNotes)
            do { try ValidationReport.write(to: reportPath, reader: reader, result: result, language: language) } catch {
                return (result, error)
            }
            return (result, nil)
        }
        let stream: ValidationReportStream
        do { stream = try ValidationReportStream(path: reportPath, reader: reader, language: language) } catch {
            return (validate(reader, problemLimit: problemLimit, collectRows: collectRows, includeNotes: includeNotes), error)
        }
        let result = validate(reader, problemLimit: problemLimit, collectRows: collectRows, includeNotes: includeNotes,
                              stream: stream)
        do { try stream.finish(result: result) } catch { return (result, error) }
        return (result, nil)
    }

    static func validate(_ reader: JobFileReader, problemLimit: Int?, collectRows: Bool, includeNotes: Bool,
                         stream: ValidationReportStream?) -> ValidationResult {
        var result = ValidationResult(path: reader.path, kind: reader.kind, csv: reader.csv)
        result.problemLimit = problemLimit
        var index = DuplicateIndex()
        var kept: [Problem] = []
        var conflictedFirstRows = Set<Int>()
        let phoneColumn = phoneColumn(reader)

        // The limit applies to each severity on its own, so that notes never crowd out an error; problems of the
        // file and its header are always kept (they are listed first).
        var keptBySeverity: [Severity: Int] = [:]
        func keep(_ problem: Problem, always: Bool = false) {
            if problem.severity == .note && !includeNotes { return }
            result.problemCount += 1
            result.severityCounts[problem.severity, default: 0] += 1
            result.codeCounts[problem.code, default: 0] += 1
            if !always, let limit = problemLimit, keptBySeverity[problem.severity, default: 0] >= limit { return }
            if !always { keptBySeverity[problem.severity, default: 0] += 1 }
            if always && problem.severity == .error { result.fileErrorCount += 1 }
            kept.append(problem)
        }
        /// Whether a problem kept now would still be listed (below the limit): only then is it worth building.
        var listingNotes: Bool { problemLimit.map { keptBySeverity[.note, default: 0] < $0 } ?? true }

        /// Records a row in the duplicate index; returns its duplicate problem and whether it is a later identical copy.
        var indexSized = false
        func duplicate(number: UInt64, digits: @autoclosure () -> String, fingerprint: UInt64, row: Int,
                       hasWarnings: Bool) -> (Problem?, Bool) {
            if !indexSized, let expected = reader.estimatedRows {
                index.reserve(expected)
                indexSized = true
            }
            switch index.record(number: number, fingerprint: fingerprint, row: row, hasWarnings: hasWarnings) {
            case .first:
                return (nil, false)
            case .identical(let firstRow):
                let problem = Problem(.duplicateIdentical, row: row, column: phoneColumn,
                                      value: digits(), details: ["otherRow": String(firstRow)])
                result.crossRowProblems[row, default: []].append(problem)
                result.summary.duplicatesSkipped += 1
                return (problem, true)
            case .conflict(let firstRow, let newly, let firstHadWarnings):
                let problem = Problem(.duplicateConflict, row: row, column: phoneColumn,
                                      value: digits(), details: ["otherRow": String(firstRow)])
                result.crossRowProblems[row, default: []].append(problem)
                let mirror = Problem(.duplicateConflict, row: firstRow, column: phoneColumn,
                                     value: digits(), details: ["otherRow": String(row)])
                result.crossRowProblems[firstRow, default: []].append(mirror)
                keep(mirror)
                conflictedFirstRows.insert(firstRow)
                if newly {
                    // The first row was counted before its conflict was known.
                    if firstHadWarnings { result.summary.withWarnings -= 1 } else { result.summary.ok -= 1 }
                    result.summary.withErrors += 1
                }
                return (problem, false)
            }
        }

        for problem in reader.fileProblems { keep(problem, always: true) }

        do {
            try reader.forEachRowView { view in
                guard let source = view.source else {
                    // A row the fast path proved clean: its only problems are notes, built only when listed.
                    result.summary.rowsRead += 1
                    let clean = view.clean
                    let (problem, skip) = duplicate(number: clean.number, digits: String(clean.number),
                                                    fingerprint: clean.fingerprint, row: view.row, hasWarnings: false)
                    if clean.noteCount > 0 && includeNotes {
                        if listingNotes {
                            for note in view.cleanProblems() { keep(note) }
                        } else {
                            result.problemCount += clean.noteCount
                            result.severityCounts[.note, default: 0] += clean.noteCount
                            result.codeCounts[.phoneNormalized, default: 0] += clean.noteCount
                        }
                    }
                    if let problem { keep(problem) }
                    stream?.write(view, duplicate: problem)
                    switch problem?.severity {
                    case .error?: result.summary.withErrors += 1
                    case .warning?: result.summary.withWarnings += 1
                    default: result.summary.ok += 1
                    }
                    if collectRows, !skip, problem?.severity != .error, let row = view.sourceRow().built.jobRow {
                        result.rows.append(row)
                        if problem?.severity == .warning { result.rowsWithWarnings.insert(row.row) }
                    }
                    if collectRows, let problem, problem.severity == .error {
                        result.invalidRows.append(InvalidRow(row: view.row, phoneNumber: phoneCell(view.sourceRow(), reader: reader),
                                                             problems: [problem]))
                    }
                    return
                }
                if source.isBlank {
                    result.summary.blank += 1
                    stream?.write(source, problems: [])
                    return
                }
                result.summary.rowsRead += 1
                var problems = source.built.problems
                var skip = false
                let hadWarnings = problems.contains { $0.severity == .warning }
                if let row = source.built.jobRow, !source.built.hasErrors {
                    let (problem, identical) = duplicate(
                        number: row.phoneNumber.numericValue, digits: row.phoneNumber.digits,
                        fingerprint: SettingsFingerprint.of(row.settings), row: source.row, hasWarnings: hadWarnings)
                    if let problem { problems.append(problem) }
                    skip = identical
                }
                for problem in problems { keep(problem) }
                stream?.write(source, problems: problems)
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
                if collectRows, worst == .error {
                    result.invalidRows.append(InvalidRow(row: source.row, phoneNumber: phoneCell(source, reader: reader),
                                                         problems: problems.filter { $0.severity == .error }))
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

        for problem in reader.columnProblems { keep(problem, always: true) }

        if !conflictedFirstRows.isEmpty {
            // The first row of a conflicting pair was admitted before its conflict was known: it is invalid too.
            for row in result.rows where conflictedFirstRows.contains(row.row) {
                result.invalidRows.append(InvalidRow(row: row.row, phoneNumber: row.phoneNumber.digits,
                                                     problems: result.crossRowProblems[row.row] ?? []))
            }
            result.invalidRows.sort { $0.row < $1.row }
            result.rows.removeAll { conflictedFirstRows.contains($0.row) }
        }
        // File-level problems first, then by row; within a row errors first.
        kept.sort(by: Problem.listedBefore)
        result.problems = kept
        return result
    }

    /// The number cell of a row as written (for JSON: the `phoneNumber` value).
    static func phoneCell(_ source: SourceRow, reader: JobFileReader) -> String {
        if let layout = reader.csv {
            guard let index = layout.columns.firstIndex(of: .phoneNumber), index < source.cells.count else { return "" }
            return source.cells[index]
        }
        return source.cells.first ?? ""
    }

    public static func phoneColumn(_ reader: JobFileReader) -> String {
        if let layout = reader.csv, let index = layout.columns.firstIndex(of: .phoneNumber) { return layout.header[index] }
        return "phoneNumber"
    }
}
