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
            if let sheet = csv.sheet {  // .xlsx: the sheet instead of a dialect
                lines.append("  \(l.format): " + Message("xlsx.layout.format", ["sheet": .text(sheet.escapingControlCharacters)]).render(language))
                if let others = csv.otherSheets, !others.isEmpty {
                    let names = others.map { "«\($0.escapingControlCharacters)»" }.joined(separator: ", ")
                    lines.append("  " + Message("xlsx.layout.other_sheets", ["sheets": .text(names)]).render(language))
                }
            } else {
                lines.append("  \(l.format): CSV, \(encoding), \(l.delimiter) \(delimiterName) (\(delimiterHow)), \(lineEnd)")
            }
            lines.append("  \(l.columns):")
            for (index, name) in csv.header.enumerated() {
                let target = csv.columns[index].map(\.apiPath) ?? l.unknownColumn
                lines.append("    \(name.isEmpty ? "∅" : name.escapingControlCharacters) → \(target)")
            }
        } else {
            lines.append("  \(l.format): JSON")
        }
        var rows = "  \(l.rowsRead): \(result.summary.rowsRead)"
        if result.summary.blank > 0 { rows += l.blankRows(result.summary.blank) }
        lines.append(rows)
        return lines
    }

    /// The problems for people: the file's and its columns' first (an unrecognised header is read before any row),
    /// then errors, then warnings; notes only as counts per code unless every problem was asked for (`--all`). The
    /// `--report` file always has every problem of every row.
    static func problems(_ result: ValidationResult, language: Language, all: Bool = false) -> [String] {
        let l = Labels(language)
        guard result.problemCount > 0 else { return [l.noProblems] }
        func text(_ key: String, _ arguments: [String: Message.Argument]) -> String { Message(key, arguments).render(language) }
        var lines: [String] = []
        let fileLevel = result.problems.filter(isAboutTheFile)
        if !fileLevel.isEmpty {
            lines.append(text("listing.columns", [:]))
            for problem in fileLevel { lines.append("  " + problem.rendered(language)) }
        }
        for severity in [Severity.error, .warning] {
            let shown = result.problems.filter { $0.severity == severity && !isAboutTheFile($0) }
            let total = (result.severityCounts[severity] ?? 0) - fileLevel.filter { $0.severity == severity }.count
            guard total > 0 else { continue }
            let name = severity == .error ? "listing.errors" : "listing.warnings"
            if !lines.isEmpty { lines.append("") }
            lines.append(shown.count < total ? text(name + ".cut", ["shown": .count(shown.count), "n": .count(total)])
                : text(name, ["n": .count(total)]))
            for problem in shown { lines.append("  " + problem.rendered(language)) }
        }
        let notes = result.problems.filter { $0.severity == .note && !isAboutTheFile($0) }
        let noteTotal = (result.severityCounts[.note] ?? 0) - fileLevel.filter { $0.severity == .note }.count
        if noteTotal > 0 {
            if !lines.isEmpty { lines.append("") }
            if all {
                lines.append(text("listing.notes.all", ["n": .count(noteTotal)]))
                for problem in notes { lines.append("  " + problem.rendered(language)) }
            } else {
                lines.append(text("listing.notes", ["n": .count(noteTotal)]))
                var codes: [ProblemCode] = []
                for problem in notes where !codes.contains(problem.code) { codes.append(problem.code) }
                for code in codes {
                    let count = result.codeCounts[code] ?? 0
                    var line = "  " + text("listing.note.count", ["code": .text(code.rawValue), "n": .count(count)])
                    if let example = notes.first(where: { $0.code == code }) { line += " — " + example.rendered(language) }
                    lines.append(line)
                }
            }
        }
        return lines
    }

    /// Problems of the whole file and of its header row: listed before the rows'.
    static func isAboutTheFile(_ problem: Problem) -> Bool {
        problem.row == nil || problem.code.rawValue.hasPrefix("header.") || problem.code.rawValue.hasPrefix("json.")
            || problem.code == .fileEmpty || problem.code == .fileCSVSyntax
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
        if let csv = result.csv, let sheet = csv.sheet {
            object["xlsx"] = .object([
                "sheet": .string(sheet),
                "columns": .array(csv.header.enumerated().map { index, name in
                    .object(["header": .string(name), "field": csv.columns[index].map { .string($0.apiPath) } ?? .null])
                }),
            ])
        } else if let csv = result.csv {
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
