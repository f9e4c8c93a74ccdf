import CTBulkCore
import CTBulkEngine
import Foundation

/// The per-row diff and the summary of a plan, for people and for machines.
enum PlanRendering {
    static func symbol(_ action: PlanAction) -> String {
        switch action {
        case .create: return "+"
        case .update: return "~"
        case .noop: return "="
        case .error: return "!"
        }
    }

    static func actionName(_ action: PlanAction, _ language: Language) -> String {
        language.text("plan.action." + action.rawValue)
    }

    static func rowLines(_ row: PlannedRow, language: Language) -> [String] {
        let where_ = language.text("plan.row", ["row": .text(String(row.row))])
        var lines = ["\(symbol(row.action)) \(row.phoneNumber) (\(where_)): \(actionName(row.action, language))"]
        for change in row.changes { lines.append("    " + ControlCharacters.escaped(change.rendered)) }
        if let problem = row.problem { lines.append("    \(problem.code.rawValue): \(problem.message(language))") }
        return lines
    }

    static func duration(_ seconds: Double, _ language: Language) -> String {
        let total = Int(seconds.rounded(.up))
        let h = total / 3600, m = (total % 3600) / 60, s = total % 60
        let parts: [String: Message.Argument] = ["h": .count(h), "m": .count(m), "s": .count(s)]
        if h > 0 { return language.text("duration.hours", parts) }
        if m > 0 { return language.text("duration.minutes", parts) }
        return language.text("duration.seconds", parts)
    }

    static func summaryLines(_ plan: Plan, language: Language) -> [String] {
        let s = plan.summary
        return [
            language.text("plan.summary", ["create": .count(s.create), "update": .count(s.update), "noop": .count(s.noop),
                                           "errors": .count(s.errors)]),
            language.text("plan.cost", ["writes": .count(s.writeRequests), "rereads": .count(s.applyReadRequests),
                                        "verify": .count(s.verifyReadRequests), "total": .count(s.points),
                                        "duration": .text(duration(s.estimatedSeconds, language)), "rate": .count(s.rate)]),
            language.text("plan.reads", ["n": .count(s.readRequests)]),
        ] + (s.invalid > 0 ? [Message("skip.invalid.summary", ["n": .count(s.invalid)]).render(language)] : [])
    }

    static func json(_ plan: Plan, language: Language) -> JSONValue {
        let s = plan.summary
        let rows: [JSONValue] = plan.rows.map { row in
            var object: [String: JSONValue] = [
                "row": .integer(Int64(row.row)), "phoneNumber": .string(row.phoneNumber.digits),
                "action": .string(row.action.rawValue),
                "live": .string({ switch row.live { case .free: return "free"; case .used: return "used"; case .unknown: return "unknown" } }()),
                "changes": .array(row.changes.map { change in
                    .object(["field": .string(change.field.rawValue), "from": change.from.map(JSONValue.string) ?? .null,
                             "to": change.to.map(JSONValue.string) ?? .null])
                }),
            ]
            if let problem = row.problem { object["problem"] = .object(ValidationRendering.problemJSON(problem, language: language)) }
            return .object(object)
        }
        return .object([
            "input": .string(plan.inputPath), "inputSHA256": .string(plan.inputSHA256),
            "account": .object(["siteId": .string(plan.siteID), "baseURL": .string(plan.baseURL)]),
            "summary": .object([
                "create": .integer(Int64(s.create)), "update": .integer(Int64(s.update)), "noop": .integer(Int64(s.noop)),
                "errors": .integer(Int64(s.errors)), "invalid": .integer(Int64(s.invalid)), "writeRequests": .integer(Int64(s.writeRequests)),
                "applyReadRequests": .integer(Int64(s.applyReadRequests)), "verifyReadRequests": .integer(Int64(s.verifyReadRequests)),
                "points": .integer(Int64(s.points)),
                "planReadRequests": .integer(Int64(s.readRequests)), "rate": .integer(Int64(s.rate)),
                "estimatedSeconds": .double(s.estimatedSeconds),
            ]),
            "rows": .array(rows),
        ])
    }
}
