import CTBulkCore
import Foundation

/// `ctbulk validate FILE`: reads a job file the way users really produce it and explains every problem by row,
/// column and value, before anything touches a live account.
public enum ValidateCommand {
    public static func run(_ options: ValidateOptions, console: any Console) async -> Int32 {
        let language = options.language
        let input: JobInput
        // Without a cross-check the report is written while validating (one pass); a cross-check adds problems after
        // validation, so its report is written afterwards.
        switch JobInput.load(options.input, language: language, problemLimit: options.all ? nil : 50,
                             collectRows: options.inventory != nil,
                             reportPath: options.inventory == nil ? options.reportPath : nil) {
        case .success(let value): input = value
        case .failure(let failure):
            return JSONError.report(failure, format: options.format, language: language, console: console)
        }
        var result = input.result
        if let inventory = options.inventory, !result.rows.isEmpty {
            switch await UISInventory.problems(rows: result.rows, options: inventory, language: language, console: console) {
            case .success(let problems):
                UISInventory.merge(problems, into: &result, column: Validator.phoneColumn(input.reader))
            case .failure(let failure):
                let (code, message) = UISInventory.message(failure, language: language)
                console.err(message)
                if options.format == .json {
                    console.out(JSONError.render(code: "inventory.failed", message: message, file: options.input.path))
                }
                return code
            }
        }

        if let reportPath = options.reportPath {
            do {
                if let written = input.report {
                    try written.get()
                } else {
                    try ValidationReport.write(to: reportPath, reader: input.reader, result: withInventoryByRow(result), language: language)
                }
            } catch {
                console.err(error.text.render(language))
                if options.format == .json {
                    console.out(JSONError.render(code: "report.unwritable", message: error.text.render(language), file: error.path))
                }
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
            lines += ValidationRendering.problems(result, language: language, all: options.all)
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
        return escapingC1(String(decoding: data, as: UTF8.self))
    }

    /// JSONEncoder escapes C0 and DEL-free text as JSON requires, but writes C1 controls (U+0080–U+009F) raw, and some
    /// terminals act on them. They can only occur inside JSON strings, where `\u0080`…`\u009F` mean the same.
    static func escapingC1(_ json: String) -> String {
        guard json.utf8.contains(0xC2), json.unicodeScalars.contains(where: { (0x80...0x9F).contains($0.value) }) else {
            return json
        }
        var out = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            if (0x80...0x9F).contains(scalar.value) {
                out.append(contentsOf: ("\\u00" + String(scalar.value, radix: 16, uppercase: true)).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}

/// `--format json` prints JSON on standard output whatever happens: a failure before any result (usage, an
/// unreadable file, a failed cross-check) is `{"error": {"code", "message", "file"}}`, with the usual exit code.
/// The human message still goes to standard error.
enum JSONError {
    static func render(code: String, message: String, file: String?) -> String {
        var error: [String: JSONValue] = ["code": .string(code), "message": .string(message)]
        if let file { error["file"] = .string(file) }
        return JSONOutput.render(.object(["error": .object(error)]))
    }

    /// Prints a ``JobInput/Failure`` (to standard error, and as JSON on standard output when `format` is JSON) and
    /// returns its exit code: 64 for usage, 66 for an unreadable file.
    static func report(_ failure: JobInput.Failure, format: OutputFormat, language: Language, console: any Console) -> Int32 {
        switch failure {
        case .usage(let error):
            console.err(error.description)
            if format == .json { console.out(render(code: "usage", message: error.description, file: nil)) }
            return ExitStatus.usage.rawValue
        case .unreadable(let error):
            let message = error.message(language)
            console.err(message)
            if format == .json { console.out(render(code: error.code, message: message, file: error.path)) }
            return ExitStatus.noInput.rawValue
        }
    }
}
