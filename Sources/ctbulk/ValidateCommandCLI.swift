import ArgumentParser
import CTBulkApp

struct ValidateCommandCLI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a job file row by row and explain every problem by row, column and value.",
        discussion: "Exit codes: 0 no errors (warnings allowed), 65 errors found, 66 file unreadable, 64 usage error."
    )

    @OptionGroup var input: InputArguments
    @OptionGroup var cellLimit: CellLimitArguments
    @OptionGroup var common: CommonOptions
    @OptionGroup var inventory: InventoryArguments

    @Option(help: "Write a CSV report in the input's own dialect with row, status, code and message added.")
    var report: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Flag(help: "Print every problem, not only the first 50.")
    var all = false

    func run() async throws {
        var options = ValidateOptions(input: input.value(cellLimit), reportPath: report, format: format, all: all, language: common.language.value)
        options.inventory = inventory.value
        try finish(await ValidateCommand.run(options, console: StandardConsole()))
    }
}

/// `--max-cell-bytes`, on every command that reads a job file.
struct CellLimitArguments: ParsableArguments {
    @Option(help: "The largest cell accepted, in bytes (default 65536). A larger cell is an error (cell.too_large) and is never held in memory.")
    var maxCellBytes: Int?

    func validate() throws {
        if let maxCellBytes, maxCellBytes < 1 { throw ValidationError("--max-cell-bytes must be at least 1") }
    }
}

extension InputArguments {
    /// The input options with the cell-size limit.
    func value(_ limit: CellLimitArguments) -> InputOptions {
        var options = value
        options.maxCellBytes = limit.maxCellBytes
        return options
    }
}
