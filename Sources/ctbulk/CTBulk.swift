import ArgumentParser
import CTBulkApp
import CTBulkCore

@main
struct CTBulk: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ctbulk",
        abstract: "Bulk-update Calltouch static call-tracking numbers from spreadsheets, safely.",
        version: CTBulkVersion.current,
        subcommands: [ValidateCommandCLI.self, PlanCommandCLI.self, ApplyCommandCLI.self, StatusCommandCLI.self, SandboxCommandCLI.self, ServeCommandCLI.self, ReconcileCommandCLI.self, ExportCommandCLI.self, RunCommandCLI.self, UISCommand.self]
    )
}

/// Options every command shares.
struct CommonOptions: ParsableArguments {
    @Option(name: .customLong("lang"), help: "Language of messages: en or ru.")
    var language: LanguageArgument = .en
}

enum LanguageArgument: String, ExpressibleByArgument, CaseIterable {
    case en, ru
    var value: Language { self == .ru ? .ru : .en }
}

/// How to read the job file.
struct InputArguments: ParsableArguments {
    @Argument(help: "The job file: Excel (.xlsx), CSV (as Excel writes it) or JSON (API-shaped).")
    var file: String

    @Option(help: "Override the detected encoding: utf-8, cp1251, utf-16le, utf-16be.")
    var encoding: String?

    @Option(help: "Override the sniffed delimiter: ',' ';' or tab.")
    var delimiter: String?

    @OptionGroup var headers: HeaderArguments

    @Option(help: "The sheet of an .xlsx file to read (default: the first).")
    var sheet: String?

    var value: InputOptions {
        var options = headers.apply(to: InputOptions(path: file, encoding: encoding, delimiter: delimiter))
        options.sheet = sheet
        return options
    }
}

/// The team's own headers, on every command that reads a job file.
struct HeaderArguments: ParsableArguments {
    @Option(name: .customLong("map"), help: "Map a header of yours to a field: --map 'Резерв=reserveNumber' (repeatable).")
    var map: [String] = []

    @Option(name: .customLong("mapping"), help: "A JSON file of your headers to fields: {\"Резерв\": \"reserveNumber\"}.")
    var mappingFile: String?

    @Flag(help: "Make an unrecognised header an error instead of a warning.")
    var strictHeaders = false

    func apply(to input: InputOptions) -> InputOptions {
        var options = input
        options.map = map
        options.mappingFile = mappingFile
        options.strictHeaders = strictHeaders
        return options
    }
}

extension OutputFormat: ExpressibleByArgument {}

/// Ends the process with a command's exit code.
func finish(_ code: Int32) throws -> Never {
    throw ExitCode(code)
}
