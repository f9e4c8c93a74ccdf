import ArgumentParser
import CTBulkApp

struct ReconcileCommandCLI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: CLIText.t("help.reconcile.abstract"),
        discussion: CLIText.t("help.reconcile.discussion")
    )

    @OptionGroup var input: InputArguments
    @OptionGroup var cellLimit: CellLimitArguments
    @OptionGroup var api: APIArguments
    @OptionGroup var common: CommonOptions

    @Option(help: ArgumentHelp(CLIText.t("help.reconcile.report")))
    var report: String?

    @Option(help: ArgumentHelp(CLIText.t("help.status.format")))
    var format: OutputFormat = .text

    @Flag(help: ArgumentHelp(CLIText.t("help.reconcile.apply")))
    var apply = false

    @Flag(help: ArgumentHelp(CLIText.t("help.reconcile.yes")))
    var yes = false

    @Flag(name: .customLong("no-verify"), help: ArgumentHelp(CLIText.t("help.reconcile.noVerify")))
    var noVerify = false

    @Option(help: ArgumentHelp(CLIText.t("help.reconcile.metricsFile")))
    var metricsFile: String?

    @Option(help: ArgumentHelp(CLIText.t("help.reconcile.jobName")))
    var jobName: String?

    @Option(help: ArgumentHelp(CLIText.t("help.reconcile.journal")))
    var journal = ".ctbulk/journal.sqlite"

    @Option(help: ArgumentHelp(CLIText.t("help.reconcile.reportDir")))
    var reportDir: String?

    @Flag(help: ArgumentHelp(CLIText.t("help.apply.quiet")))
    var quiet = false

    func run() async throws {
        var options = ReconcileCommand.Options(input: input.value(cellLimit), api: api.value)
        options.reportPath = report
        options.format = format
        options.apply = apply
        options.yes = yes
        options.verify = !noVerify
        options.metricsFile = metricsFile
        options.jobName = jobName
        options.journalPath = journal
        options.reportDirectory = reportDir
        options.quiet = quiet
        options.language = common.language.value
        options.trapsSignals = true
        try finish(await ReconcileCommand.run(options, console: StandardConsole()))
    }
}

extension ExportCommand.Format: ExpressibleByArgument {}

struct ExportCommandCLI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: CLIText.t("help.export.abstract")
    )

    @Argument(help: ArgumentHelp(CLIText.t("help.export.file")))
    var file: String?

    @Option(help: ArgumentHelp(CLIText.t("help.export.numbers")))
    var numbers: String?

    @Option(help: ArgumentHelp(CLIText.t("help.export.pool")))
    var pool: String?

    @Option(help: ArgumentHelp(CLIText.t("help.export.redirectId")))
    var redirectId: [Int] = []

    @Option(help: ArgumentHelp(CLIText.t("help.export.undoFor")))
    var undoFor: Int64?

    @Option(help: ArgumentHelp(CLIText.t("help.export.journal")))
    var journal = ".ctbulk/journal.sqlite"

    @Option(help: ArgumentHelp(CLIText.t("help.export.format")))
    var format: ExportCommand.Format = .csv

    @Flag(help: ArgumentHelp(CLIText.t("help.export.plain")))
    var plain = false

    @Flag(help: ArgumentHelp(CLIText.t("help.export.excel")))
    var excel = false

    @OptionGroup var headers: HeaderArguments

    @Option(name: .shortAndLong, help: ArgumentHelp(CLIText.t("help.export.out")))
    var out: String

    @OptionGroup var api: APIArguments
    @OptionGroup var common: CommonOptions

    func validate() throws {
        if plain && excel { throw CLIText.usage("usage.not_both", ["a": "--plain", "b": "--excel"]) }
        if file != nil && numbers != nil { throw CLIText.usage("usage.not_both", ["a": "FILE", "b": "--numbers"]) }
        if undoFor == nil && file == nil && numbers == nil && pool == nil && redirectId.isEmpty {
            throw CLIText.usage("usage.reconcile_input")
        }
    }

    func run() async throws {
        var options = ExportCommand.Options(outPath: out, api: api.value)
        options.numbersFile = file ?? numbers
        options.pool = pool
        options.redirectIDs = redirectId
        options.undoForRun = undoFor
        options.journalPath = journal
        options.format = format
        options.excel = excel
        options.plain = plain
        options.map = headers.map
        options.mappingFile = headers.mappingFile
        options.language = common.language.value
        try finish(await ExportCommand.run(options, console: StandardConsole()))
    }
}

struct RunCommandCLI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: CLIText.t("help.run.abstract"),
        discussion: CLIText.t("help.run.discussion")
    )

    @Argument(help: ArgumentHelp(CLIText.t("help.run.spec")))
    var spec: String

    @Flag(help: ArgumentHelp(CLIText.t("help.run.yes")))
    var yes = false

    @Flag(help: ArgumentHelp(CLIText.t("help.run.quiet")))
    var quiet = false

    @OptionGroup var common: CommonOptions

    func run() async throws {
        try finish(await RunCommand.run(specPath: spec, yes: yes, quiet: quiet, console: StandardConsole(), trapsSignals: true,
                                        language: common.language?.value))
    }
}
