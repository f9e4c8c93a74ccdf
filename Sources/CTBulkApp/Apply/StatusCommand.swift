import CTBulkCore
import CTBulkEngine
import Foundation

/// `ctbulk status [RUN]`: the runs in the journal with their counts, or one run's rows by outcome.
public enum StatusCommand {
    public static func run(journalPath: String, runID: Int64?, format: OutputFormat, language: Language, console: any Console) -> Int32 {
        guard FileManager.default.fileExists(atPath: journalPath) else {
            console.err(language.text("status.no_journal", ["path": .text(journalPath)]))
            return ExitStatus.ok.rawValue
        }
        do throws(JournalError) {
            let journal = try Journal(path: journalPath)
            let formatter = ISO8601DateFormatter()
            func time(_ t: Double?) -> String { t.map { formatter.string(from: Date(timeIntervalSince1970: $0)) } ?? "-" }
            if let runID {
                guard let run = try journal.run(runID) else {
                    console.err(language.text("status.no_run", ["run": .text(String(runID))]))
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
                var lines = [language.text("status.run_line", ["run": .text(String(run.id)), "status": .message(run.effectiveStatus.text),
                                                               "reason": .text(reasonText(run.stopReason, language, format: "status.reason")),
                                                               "job": .text(run.jobPath), "account": AccountIdentity.display(label: run.account)]),
                             language.text("status.times", ["started": .text(time(run.startedAt)), "ended": .text(time(run.endedAt))])]
                let groups = Dictionary(grouping: rows) { $0.outcome?.rawValue ?? ($0.isInDoubt ? "in-doubt" : "pending") }
                for key in groups.keys.sorted() {
                    let members = groups[key] ?? []
                    lines.append("")
                    lines.append(language.text("status.group", ["outcome": .text(language.text("report.outcome." + key)),
                                                                "n": .count(members.count)]))
                    for row in members {
                        let http = row.httpStatus.map { " HTTP \($0)" } ?? ""
                        let action = language.text("report.action." + row.plannedAction.rawValue)
                        let note = row.noteText(language).map { ": \($0)" } ?? ""
                        lines.append("  \(language.text("status.row", ["row": .text(String(row.row))])) \(row.phone) \(action)\(http)\(row.attempts > 0 ? " ×\(row.attempts)" : "")\(note)")
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
            if runs.isEmpty { console.out(language.text("status.no_runs")); return ExitStatus.ok.rawValue }
            for run in runs {
                let counts = try journal.counts(of: run.id)
                let text = counts.keys.sorted().map { key in
                    language.text("status.count", ["outcome": .text(language.text("report.outcome." + key)), "n": .count(counts[key] ?? 0)])
                }.joined(separator: ", ")
                console.out(language.text("status.list_line", ["run": .text(String(run.id)), "started": .text(time(run.startedAt)),
                                                               "status": .message(run.effectiveStatus.text),
                                                               "reason": .text(reasonText(run.stopReason, language, format: "status.reason_list")),
                                                               "job": .text(run.jobPath), "counts": .text(text)]))
            }
            return ExitStatus.ok.rawValue
        } catch {
            console.err(error.text.render(language))
            return ExitStatus.ioError.rawValue
        }
    }

    /// A stored stop reason in words (` (лимит баллов исчерпан)`), or the stored text when it is not a known code.
    static func reasonText(_ stored: String?, _ language: Language, format: String) -> String {
        guard let stored else { return "" }
        let words = StopReason(rawValue: stored).map { $0.text.render(language) } ?? stored
        return language.text(format, ["reason": .text(words)])
    }
}
