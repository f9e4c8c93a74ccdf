import CTBulkCore
import Foundation

/// The files written at the end of a run (also after a stop): every input row with its outcome in the input's own
/// dialect, the failures as a job file to run again, and a JSON summary.
public struct RunReports: Sendable {
    public var results: String
    public var failures: String
    public var summary: String
    /// Input rows with errors that were left out of the run (`--skip-invalid`): listed with the outcome `invalid`.
    public var invalid = 0

    /// Columns added after the input's own in the results file (their names in English; ``resultColumns(_:)`` in
    /// the report's language).
    public static let resultColumns = ["row", "action", "outcome", "http_status", "attempts", "message"]

    /// The added columns' names in `language`.
    public static func resultColumns(_ language: Language) -> [String] {
        resultColumns.map { language.text("report.column." + $0) }
    }

    /// Writes the three files into `directory` (created 0700). The results and failures files are for people: their
    /// added columns and values are in `language`; summary.json keeps English keys and codes.
    public static func write(runID: Int64, journal: Journal, directory: String, report: ApplyReport?,
                             language: Language = .en) throws -> RunReports {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        guard let run = try journal.run(runID) else { throw JournalError(path: journal.path, reason: "no run \(runID)") }
        let rows = try journal.rows(of: runID)
        var byRow: [Int: RowRecord] = [:]
        for row in rows { byRow[row.row] = row }
        // A workbook input gets workbook reports (results.xlsx, failures.xlsx), a CSV input CSV ones.
        let suffix = SpreadsheetFile.defaultExtension(for: run.layout)
        var paths = RunReports(results: directory + "/results." + suffix, failures: directory + "/failures." + suffix,
                               summary: directory + "/summary.json")
        let failedOutcomes: Set<RowOutcome> = [.failed, .changedSincePlan, .skipped]

        // Re-read the input when it is still there, unchanged, to keep its own cells and dialect, and to list every
        // row: also those the run left out (errors skipped by --skip-invalid, later copies of duplicates).
        let layout = run.layout
        var wroteFromInput = false
        if FileManager.default.fileExists(atPath: run.jobPath),
           (try? JobFileReader.sha256(path: run.jobPath)) == run.jobSHA256 {
            let reader = try JobFileReader(path: run.jobPath, options: layout.map(JobReadOptions.init(rereading:)) ?? JobReadOptions())
            let header = layout.map { Array($0.header.prefix($0.ownWidth)) } ?? JobColumn.all.map(\.csvName)
            let dialect = layout?.dialect ?? .excel
            let results = try SpreadsheetFile.open(path: paths.results, csvDialect: dialect, sheetName: layout?.sheet)
            let failures = try SpreadsheetFile.open(path: paths.failures, csvDialect: dialect, sheetName: layout?.sheet)
            try results.writeHeader(header + resultColumns(language))
            try failures.writeHeader(header + failureColumns(language))
            let width = header.count
            var invalid = 0
            try reader.forEachRow { source in
                var texts = Array(source.cells.prefix(width))
                while texts.count < width { texts.append("") }
                let cells = texts.enumerated().map { SpreadsheetCell($1, isNumber: source.numberCells.contains($0)) }
                let row = SpreadsheetCell(String(source.row), isNumber: true)
                if source.isBlank {
                    try results.writeRow(cells + [row] + ["", language.text("report.outcome.empty"), "", "", ""].map { SpreadsheetCell($0) })
                    return
                }
                let record = byRow[source.row]
                if record == nil, source.built.hasErrors {
                    // Left out for its errors: in the failures too, to be fixed and run again.
                    invalid += 1
                    let message = source.built.problems.filter { $0.severity == .error }
                        .map { "[\($0.column ?? "")] \($0.message(language))" }.joined(separator: " | ")
                    try results.writeRow(cells + [row] + ["", language.text("report.outcome.invalid"), "", "", message].map { SpreadsheetCell($0) })
                    try failures.writeRow(cells + [row, SpreadsheetCell(message, mark: .error)])
                    return
                }
                let outcome = outcomeText(record, source: source, language: language)
                let mark = outcomeMark(record)
                try results.writeRow(cells + [row, SpreadsheetCell(record.map { actionText($0.plannedAction, language) } ?? ""),
                                              SpreadsheetCell(outcome.0, mark: mark, note: mark == nil ? nil : outcome.1),
                                              SpreadsheetCell(record?.httpStatus.map(String.init) ?? "", isNumber: true),
                                              SpreadsheetCell(record.map { String($0.attempts) } ?? "", isNumber: true),
                                              SpreadsheetCell(outcome.1)])
                if let record, let value = record.outcome, failedOutcomes.contains(value) {
                    try failures.writeRow(cells + [row, SpreadsheetCell(outcome.1, mark: mark)])
                }
            }
            try results.close()
            try failures.close()
            paths.invalid = invalid
            wroteFromInput = true
        }
        if !wroteFromInput {
            // JSON input (or the input changed): canonical columns, the way Excel reads best.
            let header = JobColumn.all.map(\.csvName)
            let results = try SpreadsheetFile.open(path: paths.results, csvDialect: .excel)
            let failures = try SpreadsheetFile.open(path: paths.failures, csvDialect: .excel)
            try results.writeHeader(header + resultColumns(language))
            try failures.writeHeader(header + failureColumns(language))
            for record in rows {
                let cells = canonicalCells(record)
                let outcome = outcomeText(record, source: nil, language: language)
                try results.writeRow((cells + [String(record.row), actionText(record.plannedAction, language), outcome.0,
                                               record.httpStatus.map(String.init) ?? "", String(record.attempts), outcome.1]).map { SpreadsheetCell($0) })
                if let value = record.outcome, failedOutcomes.contains(value) {
                    try failures.writeRow((cells + [String(record.row), outcome.1]).map { SpreadsheetCell($0) })
                }
            }
            try results.close()
            try failures.close()
        }

        var counts: [String: JSONValue] = [:]
        for (key, value) in try journal.counts(of: runID) { counts[key] = .integer(Int64(value)) }
        var summary: [String: JSONValue] = [
            "run": .integer(runID), "job": .string(run.jobPath), "jobSHA256": .string(run.jobSHA256),
            "account": .string(run.account), "status": .string((try journal.run(runID))?.status.rawValue ?? run.status.rawValue),
            "rows": .integer(Int64(run.totalRows)), "outcomes": .object(counts),
            "results": .string(paths.results), "failures": .string(paths.failures),
            "invalid": .integer(Int64(paths.invalid)),
        ]
        if let report {
            summary["stopReason"] = report.stopReason.map { .string($0.rawValue) } ?? .null
            summary["stopDetail"] = report.stopDetail.map(JSONValue.string) ?? .null
            if let verification = report.verification {
                summary["verification"] = .object([
                    "checked": .integer(Int64(verification.checked)), "notAsDesired": .integer(Int64(verification.notAsDesired)),
                    "failure": verification.failure.map(JSONValue.string) ?? .null,
                ])
            }
            summary["requests"] = .integer(Int64(report.requests))
            summary["seconds"] = .double((report.seconds * 1000).rounded() / 1000)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(JSONValue.object(summary)).write(to: URL(fileURLWithPath: paths.summary), options: .atomic)
        return paths
    }

    /// How a row's outcome is marked in a workbook: failures red, rows not sent (changed since the plan, skipped)
    /// yellow.
    static func outcomeMark(_ record: RowRecord?) -> CellMark? {
        switch record?.outcome {
        case .failed?: return .error
        case .changedSincePlan?, .skipped?: return .warning
        default: return nil
        }
    }

    /// The failures file's added columns in `language`.
    static func failureColumns(_ language: Language) -> [String] {
        ["row", "message"].map { language.text("report.column." + $0) }
    }

    static func actionText(_ action: PlanAction, _ language: Language) -> String {
        language.text("report.action." + action.rawValue)
    }

    static func outcomeText(_ record: RowRecord?, source: SourceRow?, language: Language) -> (String, String) {
        func outcome(_ key: String) -> String { language.text("report.outcome." + key) }
        guard let record else {
            let duplicate = source?.built.problems.first { $0.code == .duplicateIdentical }
            return (outcome(RowOutcome.skipped.rawValue),
                    duplicate.map { language.text("report.duplicate_of", ["row": .text($0.details["otherRow"] ?? "?")]) }
                        ?? language.text("report.not_in_plan"))
        }
        if let value = record.outcome { return (outcome(value.rawValue), record.noteText(language) ?? "") }
        return record.isInDoubt ? (outcome("in-doubt"), language.text("report.in_doubt"))
            : (outcome("pending"), language.text("report.not_sent"))
    }

    static func canonicalCells(_ record: RowRecord) -> [String] {
        let settings = record.desired
        return JobColumn.all.map { column in
            switch column {
            case .phoneNumber: return record.phone
            case .redirectType: return ""
            case .setting(let field): return settings[field] ?? ""
            }
        }
    }
}
