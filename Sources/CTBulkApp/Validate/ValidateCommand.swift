import CTBulkCore
import Foundation

/// `ctbulk validate FILE`: reads a job file the way users really produce it and explains every problem by row,
/// column and value, before anything touches a live account.
public enum ValidateCommand {
    public static func run(_ options: ValidateOptions, console: any Console) async -> Int32 {
        let language = options.language
        let input: JobInput
        switch JobInput.load(options.input, language: language, problemLimit: options.all ? nil : 50, collectRows: false) {
        case .success(let value): input = value
        case .failure(.usage(let error)):
            console.err(error.description)
            return ExitStatus.usage.rawValue
        case .failure(.unreadable(let error)):
            console.err(error.message(language))
            return ExitStatus.noInput.rawValue
        }
        let result = input.result

        if let reportPath = options.reportPath {
            do {
                try ValidationReport.write(to: reportPath, reader: input.reader, result: result, language: language)
            } catch {
                console.err(error.description)
                return ExitStatus.failure.rawValue
            }
        }

        switch options.format {
        case .json:
            var object = ValidationRendering.resultJSON(result, language: language)
            if let reportPath = options.reportPath { object["report"] = .string(reportPath) }
            console.out(JSONOutput.render(.object(object)))
        case .text:
            let l = Labels(language)
            var lines = ValidationRendering.assumptions(result, language: language)
            lines.append("")
            lines.append("\(l.summary): \(l.summaryLine(result.summary))")
            lines.append("")
            lines += ValidationRendering.problems(result, language: language)
            if let reportPath = options.reportPath { lines.append(""); lines.append(l.reportWritten(reportPath)) }
            console.out(lines.joined(separator: "\n"))
        }
        return result.hasErrors ? ExitStatus.dataError.rawValue : ExitStatus.ok.rawValue
    }
}

/// Pretty, stable JSON for machines.
enum JSONOutput {
    static func render(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
