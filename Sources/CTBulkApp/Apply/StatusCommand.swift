import CTBulkCore
import CTBulkEngine
import Foundation

/// `ctbulk status [RUN]`: the runs in the journal with their counts, or one run's rows by outcome.
public enum StatusCommand {
    public static func run(journalPath: String, runID: Int64?, format: OutputFormat, language: Language, console: any Console) -> Int32 {
        let ru = language == .ru
        guard FileManager.default.fileExists(atPath: journalPath) else {
            console.err(ru ? "Журнала \(journalPath) нет: ещё не было ни одного apply." : "No journal at \(journalPath): nothing has been applied yet.")
            return ExitStatus.ok.rawValue
        }
        do throws(JournalError) {
            let journal = try Journal(path: journalPath)
            let formatter = ISO8601DateFormatter()
            func time(_ t: Double?) -> String { t.map { formatter.string(from: Date(timeIntervalSince1970: $0)) } ?? "-" }
            if let runID {
                guard let run = try journal.run(runID) else {
                    console.err(ru ? "Запуска \(runID) нет в журнале." : "No run \(runID) in the journal.")
                    return ExitStatus.usage.rawValue
                }
                let rows = try journal.rows(of: runID)
                if format == .json {
                    console.out(JSONOutput.render(.array(rows.map { row in
                        .object(["row": .integer(Int64(row.row)), "phoneNumber": .string(row.phone),
                                 "action": .string(row.plannedAction.rawValue),
                                 "outcome": .string(row.outcome?.rawValue ?? (row.isInDoubt ? "in-doubt" : "pending")),
                                 "attempts": .integer(Int64(row.attempts)),
                                 "httpStatus": row.httpStatus.map { .integer(Int64($0)) } ?? .null,
                                 "message": row.message.map(JSONValue.string) ?? .null])
                    })))
                    return ExitStatus.ok.rawValue
                }
                var lines = ["\(ru ? "Запуск" : "Run") \(run.id): \(run.effectiveStatus.rawValue)\(run.stopReason.map { " (\($0))" } ?? ""), \(run.jobPath), \(run.account)",
                             "\(ru ? "начат" : "started") \(time(run.startedAt)), \(ru ? "закончен" : "ended") \(time(run.endedAt))"]
                let groups = Dictionary(grouping: rows) { $0.outcome?.rawValue ?? ($0.isInDoubt ? "in-doubt" : "pending") }
                for key in groups.keys.sorted() {
                    let members = groups[key] ?? []
                    lines.append("")
                    lines.append("\(key) (\(members.count)):")
                    for row in members {
                        let http = row.httpStatus.map { " HTTP \($0)" } ?? ""
                        lines.append("  \(ru ? "строка" : "row") \(row.row) \(row.phone) \(row.plannedAction.rawValue)\(http)\(row.attempts > 0 ? " ×\(row.attempts)" : "")\(row.message.map { ": \($0)" } ?? "")")
                    }
                }
                console.out(lines.joined(separator: "\n"))
                return ExitStatus.ok.rawValue
            }
            let runs = try journal.runs()
            if format == .json {
                var items: [JSONValue] = []
                for run in runs {
                    let counts = try journal.counts(of: run.id).mapValues { JSONValue.integer(Int64($0)) }
                    items.append(.object(["run": .integer(run.id), "status": .string(run.effectiveStatus.rawValue),
                                          "stopReason": run.stopReason.map(JSONValue.string) ?? .null, "job": .string(run.jobPath),
                                          "account": .string(run.account), "startedAt": .string(time(run.startedAt)),
                                          "endedAt": .string(time(run.endedAt)), "outcomes": .object(counts)]))
                }
                console.out(JSONOutput.render(.array(items)))
                return ExitStatus.ok.rawValue
            }
            if runs.isEmpty { console.out(ru ? "Запусков нет." : "No runs yet."); return ExitStatus.ok.rawValue }
            for run in runs {
                let counts = try journal.counts(of: run.id)
                let text = counts.keys.sorted().map { "\($0) \(counts[$0] ?? 0)" }.joined(separator: ", ")
                console.out("\(run.id)  \(time(run.startedAt))  \(run.effectiveStatus.rawValue)\(run.stopReason.map { "/\($0)" } ?? "")  \(run.jobPath)  [\(text)]")
            }
            return ExitStatus.ok.rawValue
        } catch {
            console.err(error.description)
            return ExitStatus.ioError.rawValue
        }
    }
}
