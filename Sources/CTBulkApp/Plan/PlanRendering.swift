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
        guard language == .ru else { return action.rawValue }
        switch action {
        case .create: return "добавить (номер свободен)"
        case .update: return "изменить"
        case .noop: return "без изменений"
        case .error: return "ошибка"
        }
    }

    static func rowLines(_ row: PlannedRow, language: Language) -> [String] {
        let where_ = language == .ru ? "строка \(row.row)" : "row \(row.row)"
        var lines = ["\(symbol(row.action)) \(row.phoneNumber) (\(where_)): \(actionName(row.action, language))"]
        for change in row.changes { lines.append("    " + ControlCharacters.escaped(change.rendered)) }
        if let problem = row.problem { lines.append("    \(problem.code.rawValue): \(problem.message(language))") }
        return lines
    }

    static func duration(_ seconds: Double, _ language: Language) -> String {
        let total = Int(seconds.rounded(.up))
        let h = total / 3600, m = (total % 3600) / 60, s = total % 60
        if language == .ru {
            if h > 0 { return "\(h) ч \(m) мин" }
            if m > 0 { return "\(m) мин \(s) с" }
            return "\(s) с"
        }
        if h > 0 { return "\(h) h \(m) min" }
        if m > 0 { return "\(m) min \(s) s" }
        return "\(s) s"
    }

    static func summaryLines(_ plan: Plan, language: Language) -> [String] {
        let s = plan.summary
        let total = s.points
        let skipped = s.invalid > 0 ? [Message("skip.invalid.summary", ["n": .count(s.invalid)]).render(language)] : []
        if language == .ru {
            return [
                "Итог: добавить \(s.create), изменить \(s.update), без изменений \(s.noop), ошибок \(s.errors).",
                "Стоимость: запросов записи \(s.writeRequests), чтений перед записью \(s.applyReadRequests), проверочных чтений после \(s.verifyReadRequests); всего \(total) запросов и баллов, около \(duration(s.estimatedSeconds, language)) при \(s.rate) запросах/с.",
                "(Чтение состояния для плана: запросов \(s.readRequests).)",
            ] + skipped
        }
        func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
        return [
            "Plan: \(s.create) to create, \(s.update) to update, \(s.noop) unchanged, \(s.errors) errors.",
            "Cost: \(count(s.writeRequests, "write", "writes")) + \(count(s.applyReadRequests, "re-read", "re-reads")) of live state before writing + \(count(s.verifyReadRequests, "read-back", "read-backs")) to verify = \(count(total, "request", "requests")) and points; about \(duration(s.estimatedSeconds, language)) at \(s.rate) requests/s.",
            "(Reading live state for this plan took \(count(s.readRequests, "request", "requests")).)",
        ] + skipped
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
