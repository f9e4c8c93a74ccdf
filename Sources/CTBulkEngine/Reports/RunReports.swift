import CTBulkCore
import Foundation

/// The files written at the end of a run (also after a stop): every input row with its outcome in the input's own
/// dialect, the failures as a job file to run again, and a JSON summary.
public struct RunReports: Sendable {
    public var results: String
    public var failures: String
    public var summary: String

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
        let paths = RunReports(results: directory + "/results.csv", failures: directory + "/failures.csv",
                               summary: directory + "/summary.json")
        let failedOutcomes: Set<RowOutcome> = [.failed, .changedSincePlan, .skipped]

        // Re-read the input when it is still there, unchanged, to keep its own cells and dialect.
        let layout = run.layout
        var wroteFromInput = false
        if let layout, FileManager.default.fileExists(atPath: run.jobPath),
           (try? JobFileReader.sha256(path: run.jobPath)) == run.jobSHA256 {
            let reader = try JobFileReader(path: run.jobPath, options: JobReadOptions(encoding: layout.dialect.encoding,
                                                                                       delimiter: layout.dialect.delimiter,
                                                                                       kind: .csv))
            let results = try CSVWriter(path: paths.results, dialect: layout.dialect)
            let failures = try CSVWriter(path: paths.failures, dialect: layout.dialect)
            try results.write(layout.header + resultColumns(language))
            try failures.write(layout.header + failureColumns(language))
            let width = layout.header.count
            try reader.forEachRow { source in
                var cells = Array(source.cells.prefix(width))
                while cells.count < width { cells.append("") }
                if source.isBlank {
                    try results.write(cells + [String(source.row), "", language.text("report.outcome.empty"), "", "", ""])
                    return
                }
                let record = byRow[source.row]
                let outcome = outcomeText(record, source: source, language: language)
                try results.write(cells + [String(source.row), record.map { actionText($0.plannedAction, language) } ?? "", outcome.0,
                                           record?.httpStatus.map(String.init) ?? "", record.map { String($0.attempts) } ?? "",
                                           outcome.1])
                if let record, let value = record.outcome, failedOutcomes.contains(value) {
                    try failures.write(cells + [String(source.row), outcome.1])
                }
            }
            try results.close()
            try failures.close()
            wroteFromInput = true
        }
        if !wroteFromInput {
            // JSON input (or the input changed): canonical columns, the way Excel reads best.
            let header = JobColumn.all.map(\.csvName)
            let results = try CSVWriter(path: paths.results, dialect: .excel)
            let failures = try CSVWriter(path: paths.failures, dialect: .excel)
            try results.write(header + resultColumns(language))
            try failures.write(header + failureColumns(language))
            for record in rows {
                let cells = canonicalCells(record)
                let outcome = outcomeText(record, source: nil, language: language)
                try results.write(cells + [String(record.row), actionText(record.plannedAction, language), outcome.0,
                                           record.httpStatus.map(String.init) ?? "", String(record.attempts), outcome.1])
                if let value = record.outcome, failedOutcomes.contains(value) {
                    try failures.write(cells + [String(record.row), outcome.1])
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
