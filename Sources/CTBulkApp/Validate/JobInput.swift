import CTBulkCore
import CTBulkEngine

/// Opens and validates a job file: the first step of validate, plan, apply and reconcile.
struct JobInput {
    let reader: JobFileReader
    let result: ValidationResult
    /// Set when the validation report was written while validating (`reportPath` given to ``load``).
    var report: Result<Void, ReportError>?

    enum Failure: Error {
        case usage(UsageError)
        case unreadable(JobFileError)
    }

    /// - Parameter reportPath: also write the validation report there, in the same pass where the file allows it.
    static func load(_ input: InputOptions, language: Language, problemLimit: Int?, collectRows: Bool,
                     reportPath: String? = nil) -> Result<JobInput, Failure> {
        let options: JobReadOptions
        switch input.readOptions(language) {
        case .success(let value): options = value
        case .failure(let error): return .failure(.usage(error))
        }
        do {
            let check: JobCheck
            if let reportPath {
                check = try JobCheck(path: input.path, options: options, problemLimit: problemLimit,
                                     collectRows: collectRows, reportPath: reportPath, language: language)
            } else {
                check = try JobCheck(path: input.path, options: options, problemLimit: problemLimit, collectRows: collectRows)
            }
            return .success(JobInput(reader: check.reader, result: check.result, report: check.report))
        } catch {
            return .failure(.unreadable(error))
        }
    }
}

/// The human-readable parts shared by validate, plan, apply and reconcile.
enum ValidationRendering {
    static func assumptions(_ result: ValidationResult, language: Language) -> [String] {
        let l = Labels(language)
        // Paths and header cells come from outside: shown with their control characters escaped.
        var lines = ["\(l.assumptions):", "  \(l.file): \(result.path.escapingControlCharacters)"]
        if let csv = result.csv {
            let d = csv.dialect
            var encoding = d.encoding.displayName + (d.hasBOM ? " + BOM" : "")
            encoding += csv.encodingGiven ? " (\(l.given))" : csv.encodingGuessed ? " (\(l.guessed))" : " (\(l.detected))"
            let delimiterName = d.delimiterName == "tab" ? "tab" : "\"\(d.delimiterName)\""
            let delimiterHow = d.hasSepLine ? l.sepLine : csv.delimiterGiven ? l.given : csv.delimiterGuessed ? l.sniffedLow : l.sniffed
            let lineEnd = d.lineEnding == "\r\n" ? "CRLF" : "LF"
            lines.append("  \(l.format): CSV, \(encoding), \(language == .ru ? "разделитель" : "delimiter") \(delimiterName) (\(delimiterHow)), \(lineEnd)")
            lines.append("  \(l.columns):")
            for (index, name) in csv.header.enumerated() {
                let target = csv.columns[index].map(\.apiPath) ?? l.unknownColumn
                lines.append("    \(name.isEmpty ? "∅" : name.escapingControlCharacters) → \(target)")
            }
        } else {
            lines.append("  \(l.format): JSON")
        }
        var rows = "  \(l.rowsRead): \(result.summary.rowsRead)"
        if result.summary.blank > 0 { rows += language == .ru ? " (+ пустых: \(result.summary.blank))" : " (+\(result.summary.blank) blank)" }
        lines.append(rows)
        return lines
    }

    static func problems(_ result: ValidationResult, language: Language) -> [String] {
        let l = Labels(language)
        guard result.problemCount > 0 else { return [l.noProblems] }
        var lines = [l.shown(result.problems.count, of: result.problemCount)]
        for problem in result.problems { lines.append("  " + problem.rendered(language)) }
        return lines
    }

    static func problemJSON(_ problem: Problem, language: Language) -> [String: JSONValue] {
        var object: [String: JSONValue] = [
            "code": .string(problem.code.rawValue),
            "severity": .string(problem.severity.rawValue),
            "message": .string(problem.message(language)),
        ]
        if let row = problem.row { object["row"] = .integer(Int64(row)) }
        if let column = problem.column { object["column"] = .string(column) }
        if let value = problem.value { object["value"] = .string(value) }
        if !problem.details.isEmpty { object["details"] = .object(problem.details.mapValues(JSONValue.string)) }
        return object
    }

    static func resultJSON(_ result: ValidationResult, language: Language) -> [String: JSONValue] {
        var object: [String: JSONValue] = ["file": .string(result.path), "format": .string(result.kind.rawValue)]
        if let csv = result.csv {
            object["csv"] = .object([
                "encoding": .string(csv.dialect.encoding.rawValue),
                "bom": .bool(csv.dialect.hasBOM),
                "delimiter": .string(csv.dialect.delimiterName),
                "sepLine": .bool(csv.dialect.hasSepLine),
                "encodingGuessed": .bool(csv.encodingGuessed),
                "columns": .array(csv.header.enumerated().map { index, name in
                    .object(["header": .string(name), "field": csv.columns[index].map { .string($0.apiPath) } ?? .null])
                }),
            ])
        }
        let s = result.summary
        object["summary"] = .object([
            "rows": .integer(Int64(s.rowsRead)), "ok": .integer(Int64(s.ok)), "warnings": .integer(Int64(s.withWarnings)),
            "errors": .integer(Int64(s.withErrors)), "blank": .integer(Int64(s.blank)),
            "duplicatesSkipped": .integer(Int64(s.duplicatesSkipped)),
        ])
        object["problemCount"] = .integer(Int64(result.problemCount))
        object["problems"] = .array(result.problems.map { .object(problemJSON($0, language: language)) })
        return object
    }
}
