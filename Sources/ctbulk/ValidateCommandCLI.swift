import ArgumentParser
import CTBulkApp

struct ValidateCommandCLI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a job file row by row and explain every problem by row, column and value.",
        discussion: "Exit codes: 0 no errors (warnings allowed), 65 errors found, 66 file unreadable, 64 usage error."
    )

    @OptionGroup var input: InputArguments
    @OptionGroup var common: CommonOptions
    @OptionGroup var inventory: InventoryArguments

    @Option(help: "Write a CSV report in the input's own dialect with row, status, code and message added.")
    var report: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Flag(help: "Print every problem, not only the first 50.")
    var all = false

    func run() async throws {
        var options = ValidateOptions(input: input.value, reportPath: report, format: format, all: all, language: common.language.value)
        options.inventory = inventory.value
        try finish(await ValidateCommand.run(options, console: StandardConsole()))
    }
}
