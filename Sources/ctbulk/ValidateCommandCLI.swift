import ArgumentParser
import CTBulkApp

struct ValidateCommandCLI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: CLIText.t("help.validate.abstract"),
        discussion: CLIText.t("help.validate.discussion")
    )

    @OptionGroup var input: InputArguments
    @OptionGroup var cellLimit: CellLimitArguments
    @OptionGroup var common: CommonOptions
    @OptionGroup var inventory: InventoryArguments

    @Option(help: ArgumentHelp(CLIText.t("help.validate.report")))
    var report: String?

    @Option(help: ArgumentHelp(CLIText.t("help.status.format")))
    var format: OutputFormat = .text

    @Flag(help: ArgumentHelp(CLIText.t("help.validate.all")))
    var all = false

    func run() async throws {
        var options = ValidateOptions(input: input.value(cellLimit), reportPath: report, format: format, all: all, language: common.language.value)
        options.inventory = inventory.value
        try finish(await ValidateCommand.run(options, console: StandardConsole()))
    }
}

/// `--max-cell-bytes`, on every command that reads a job file.
struct CellLimitArguments: ParsableArguments {
    @Option(help: ArgumentHelp(CLIText.t("help.celllimit.maxCellBytes")))
    var maxCellBytes: Int?

    func validate() throws {
        if let maxCellBytes, maxCellBytes < 1 { throw CLIText.usage("usage.at_least", ["option": "--max-cell-bytes", "min": "1"]) }
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
