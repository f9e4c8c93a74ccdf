import ArgumentParser
import CTBulkApp
import CTBulkEngine

struct ApplyCommandCLI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: CLIText.t("help.apply.abstract"),
        discussion: CLIText.t("help.apply.discussion")
    )

    @Argument(help: ArgumentHelp(CLIText.t("help.apply.file")))
    var file: String?

    @Option(help: ArgumentHelp(CLIText.t("help.apply.encoding")))
    var encoding: String?

    @Option(help: ArgumentHelp(CLIText.t("help.apply.delimiter")))
    var delimiter: String?

    @OptionGroup var cellLimit: CellLimitArguments
    @OptionGroup var headers: HeaderArguments

    @Flag(help: ArgumentHelp(CLIText.t("help.plan.skipInvalid")))
    var skipInvalid = false

    @OptionGroup var api: APIArguments
    @OptionGroup var common: CommonOptions

    @Option(help: ArgumentHelp(CLIText.t("help.apply.journal")))
    var journal = ".ctbulk/journal.sqlite"

    @Flag(help: ArgumentHelp(CLIText.t("help.apply.yes")))
    var yes = false

    @Flag(help: ArgumentHelp(CLIText.t("help.apply.resume")))
    var resume = false

    @Flag(name: .customLong("no-verify"), help: ArgumentHelp(CLIText.t("help.apply.noVerify")))
    var noVerify = false

    @Option(help: ArgumentHelp(CLIText.t("help.apply.canary")))
    var canary: Int?

    @Option(help: ArgumentHelp(CLIText.t("help.apply.concurrency")))
    var concurrency: Int?

    @Option(help: ArgumentHelp(CLIText.t("help.apply.maxAttempts")))
    var maxAttempts = 6

    @Option(help: ArgumentHelp(CLIText.t("help.apply.maxRequests")))
    var maxRequests: Int?

    @Option(help: ArgumentHelp(CLIText.t("help.apply.breakerConsecutive")))
    var breakerConsecutive = 10

    @Option(help: ArgumentHelp(CLIText.t("help.apply.breakerShare")))
    var breakerShare = 0.2

    @Option(help: ArgumentHelp(CLIText.t("help.apply.breakerMinRows")))
    var breakerMinRows = 50

    @Option(help: ArgumentHelp(CLIText.t("help.apply.logFile")))
    var logFile: String?

    @Option(help: ArgumentHelp(CLIText.t("help.input.sheet")))
    var sheet: String?

    @Option(help: ArgumentHelp(CLIText.t("help.apply.reportDir")))
    var reportDir: String?

    @Flag(help: ArgumentHelp(CLIText.t("help.apply.quiet")))
    var quiet = false

    func validate() throws {
        if file == nil && !resume { throw CLIText.usage("usage.apply_input") }
        if let canary, canary < 1 { throw CLIText.usage("usage.at_least", ["option": "--canary", "min": "1"]) }
        if let concurrency, concurrency < 1 { throw CLIText.usage("usage.at_least", ["option": "--concurrency", "min": "1"]) }
        if maxAttempts < 1 { throw CLIText.usage("usage.at_least", ["option": "--max-attempts", "min": "1"]) }
        if !(0...1).contains(breakerShare) { throw CLIText.usage("usage.fraction", ["option": "--breaker-share"]) }
    }

    func run() async throws {
        var options = ApplyOptions(input: file.map {
            var input = headers.apply(to: InputOptions(path: $0, encoding: encoding, delimiter: delimiter, maxCellBytes: cellLimit.maxCellBytes))
            input.skipInvalid = skipInvalid
            return input
        }, api: api.value)
        options.input?.sheet = sheet
        options.journalPath = journal
        options.yes = yes
        options.resume = resume
        options.verify = !noVerify
        options.canary = canary
        options.concurrency = concurrency
        options.maxAttempts = maxAttempts
        options.maxRequests = maxRequests
        options.breaker = BreakerSettings(consecutiveFailures: breakerConsecutive, minimumRows: breakerMinRows, maxFailureShare: breakerShare)
        options.logFile = logFile
        options.reportDirectory = reportDir
        options.quiet = quiet
        options.language = common.language.value
        options.trapsSignals = true
        try finish(await ApplyCommand.run(options, console: StandardConsole()))
    }
}

struct StatusCommandCLI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: CLIText.t("help.status.abstract"))

    @Argument(help: ArgumentHelp(CLIText.t("help.status.runID")))
    var runID: Int64?

    @Option(help: ArgumentHelp(CLIText.t("help.apply.journal")))
    var journal = ".ctbulk/journal.sqlite"

    @Option(help: ArgumentHelp(CLIText.t("help.status.format")))
    var format: OutputFormat = .text

    @OptionGroup var common: CommonOptions

    func run() throws {
        try finish(StatusCommand.run(journalPath: journal, runID: runID, format: format, language: common.language.value,
                                     console: StandardConsole()))
    }
}
