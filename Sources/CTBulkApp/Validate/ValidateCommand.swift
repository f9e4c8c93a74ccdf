import CTBulkCore
import Foundation

/// `ctbulk validate FILE`: reads a job file the way users really produce it and explains every problem by row,
/// column and value, before anything touches a live account.
public enum ValidateCommand {
    public static func run(_ options: ValidateOptions, console: any Console) async -> Int32 {
        let language = options.language
        let input: JobInput
        switch JobInput.load(options.input, language: language, problemLimit: options.all ? nil : 50,
                             collectRows: options.inventory != nil) {
        case .success(let value): input = value
        case .failure(.usage(let error)):
            console.err(error.description)
            return ExitStatus.usage.rawValue
        case .failure(.unreadable(let error)):
            console.err(error.message(language))
            return ExitStatus.noInput.rawValue
        }
        var result = input.result
        if let inventory = options.inventory, !result.rows.isEmpty {
            switch await UISInventory.problems(rows: result.rows, options: inventory, language: language, console: console) {
            case .success(let problems):
                UISInventory.merge(problems, into: &result, column: Validator.phoneColumn(input.reader))
            case .failure(let failure):
                let (code, message) = UISInventory.message(failure, language: language)
                console.err(message)
                return code
            }
        }

        if let reportPath = options.reportPath {
            do {
                try ValidationReport.write(to: reportPath, reader: input.reader, result: withInventoryByRow(result), language: language)
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

/// Inventory problems go into the report next to the row's own problems.
func withInventoryByRow(_ result: ValidationResult) -> ValidationResult {
    var copy = result
    let inventoryCodes: Set<ProblemCode> = [.inventoryNotConnected, .inventoryInactive, .inventoryInUse]
    for problem in result.problems where inventoryCodes.contains(problem.code) {
        if let row = problem.row { copy.crossRowProblems[row, default: []].append(problem) }
    }
    return copy
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
