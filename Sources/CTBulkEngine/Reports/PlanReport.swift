import CTBulkCore
import Foundation

/// The plan as a spreadsheet for a manager to approve (`plan --report plan.csv|plan.xlsx`): one row per number with
/// the action, what the account has now, «было» / «станет» for every field the plan changes anywhere (the new
/// value marked as changed), the rows `--skip-invalid` left out with their errors, and the counts and cost at the
/// end. Written through ``SpreadsheetFile``, so a path ending in `.xlsx` gets a workbook. `--out PLAN.json` stays the
/// plan `apply` takes.
public enum PlanReport {
    public static func write(_ plan: Plan, to path: String, language: Language) throws(ReportError) {
        func text(_ key: String, _ arguments: [String: Message.Argument] = [:]) -> String {
            Message(key, arguments).render(language)
        }
        // The fields that change in at least one row, in the order reports write them.
        let changing = Set(plan.rows.flatMap { $0.changes.map(\.field) })
        let fields = SettingField.allCases.filter(changing.contains)
        var header = [text("plan.report.row"), text("plan.report.number"), text("plan.report.action"),
                      text("plan.report.live"), text("plan.report.changes")]
        for field in fields {
            let label = JobColumn.setting(field).label.render(language)
            header += [text("plan.report.before", ["field": .text(label)]), text("plan.report.after", ["field": .text(label)])]
        }
        header.append(text("plan.report.message"))

        // The planned rows and the rows left out, in the file's order.
        enum Line { case planned(PlannedRow), invalid(InvalidRow) }
        var lines = plan.rows.map { Line.planned($0) } + (plan.invalidRows ?? []).map { Line.invalid($0) }
        func row(_ line: Line) -> Int { switch line { case .planned(let r): return r.row; case .invalid(let r): return r.row } }
        lines.sort { row($0) < row($1) }

        let sink = try SpreadsheetFile.open(path: path, csvDialect: .excel)
        try sink.writeHeader(header)
        for line in lines {
            var cells: [SpreadsheetCell]
            switch line {
            case .planned(let planned):
                let action = text("plan.report.action.\(planned.action == .noop ? "noop" : planned.action.rawValue)")
                let live: String
                switch planned.live {
                case .free: live = text("plan.report.live.free")
                case .used: live = text("plan.report.live.used")
                case .unknown: live = text("plan.report.live.unknown")
                }
                let message = planned.problem.map { $0.message(language) }
                cells = [SpreadsheetCell(String(planned.row), isNumber: true), SpreadsheetCell(planned.phoneNumber.digits),
                         SpreadsheetCell(action, mark: planned.action == .error ? .error : nil, note: message),
                         SpreadsheetCell(live), SpreadsheetCell(String(planned.changes.count), isNumber: true)]
                for field in fields {
                    if let change = planned.changes.first(where: { $0.field == field }) {
                        cells += [SpreadsheetCell(change.from ?? ""), SpreadsheetCell(change.to ?? "", mark: .changed)]
                    } else {
                        cells += [SpreadsheetCell(""), SpreadsheetCell("")]
                    }
                }
                cells.append(SpreadsheetCell(message ?? ""))
            case .invalid(let invalid):
                let message = invalid.problems.map { "[\($0.column ?? "")] \($0.message(language))" }.joined(separator: " | ")
                cells = [SpreadsheetCell(String(invalid.row), isNumber: true), SpreadsheetCell(invalid.phoneNumber),
                         SpreadsheetCell(text("plan.report.action.invalid"), mark: .error, note: message),
                         SpreadsheetCell(""), SpreadsheetCell("")]
                cells += fields.flatMap { _ in [SpreadsheetCell(""), SpreadsheetCell("")] }
                cells.append(SpreadsheetCell(message))
            }
            try sink.writeRow(cells)
        }

        // The counts and the cost, for the approval.
        let s = plan.summary
        let padding = Array(repeating: SpreadsheetCell(""), count: max(header.count - 3, 0))
        try sink.writeRow(Array(repeating: SpreadsheetCell(""), count: header.count))
        try sink.writeRow([SpreadsheetCell(text("plan.report.total")), SpreadsheetCell(""),
                           SpreadsheetCell(text("plan.report.summary", ["create": .count(s.create), "update": .count(s.update),
                                                                        "noop": .count(s.noop), "errors": .count(s.errors + s.invalid)]))]
                         + padding)
        try sink.writeRow([SpreadsheetCell(""), SpreadsheetCell(""),
                           SpreadsheetCell(text("plan.report.cost", ["requests": .count(s.points), "writes": .count(s.writeRequests),
                                                                     "time": .message(duration(s.estimatedSeconds)),
                                                                     "rate": .count(s.rate)]))]
                         + padding)
        try sink.close()
    }

    /// A duration for people: seconds, minutes and seconds, or hours and minutes.
    static func duration(_ seconds: Double) -> Message {
        let total = Int(seconds.rounded(.up))
        let h = total / 3600, m = (total % 3600) / 60, sec = total % 60
        if h > 0 { return Message("plan.report.hours", ["h": .count(h), "m": .count(m)]) }
        if m > 0 { return Message("plan.report.minutes", ["m": .count(m), "s": .count(sec)]) }
        return Message("plan.report.seconds", ["s": .count(sec)])
    }
}
