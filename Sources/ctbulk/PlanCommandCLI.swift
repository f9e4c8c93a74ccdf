import ArgumentParser
import CTBulkApp
import CTBulkCore

/// How to reach the API: every command that talks to it takes these.
struct APIArguments: ParsableArguments {
    @Flag(help: ArgumentHelp(CLIText.t("help.api.sandbox")))
    var sandbox = false

    @Option(help: ArgumentHelp(CLIText.t("help.api.baseURL")))
    var baseURL: String?

    @Option(help: ArgumentHelp(CLIText.t("help.api.siteId")))
    var siteId: String?

    @Option(help: ArgumentHelp(CLIText.t("help.api.tokenFile")))
    var tokenFile: String?

    @Option(help: ArgumentHelp(CLIText.t("help.api.rate")))
    var rate = 5

    @Option(help: ArgumentHelp(CLIText.t("help.api.rateMargin")))
    var rateMarginMs: Int?

    @Option(help: ArgumentHelp(CLIText.t("help.api.readBatchSize")))
    var readBatchSize: Int?

    @Option(help: ArgumentHelp(CLIText.t("help.api.createPath")))
    var createPath: String?

    @Option(help: ArgumentHelp(CLIText.t("help.api.listPath")))
    var listPath: String?

    @Option(help: ArgumentHelp(CLIText.t("help.api.timeout")))
    var timeout: Int?

    @Option(help: ArgumentHelp(CLIText.t("help.api.stateDir")))
    var stateDir: String?

    func validate() throws {
        guard rate >= 1 else { throw CLIText.usage("usage.at_least", ["option": "--rate", "min": "1"]) }
        if let readBatchSize, readBatchSize < 1 { throw CLIText.usage("usage.at_least", ["option": "--read-batch-size", "min": "1"]) }
        let widest = Int(HostRateLimiter.widestMargin / .milliseconds(1))
        if let rateMarginMs, !(0...widest).contains(rateMarginMs) {
            throw CLIText.usage("usage.range", ["option": "--rate-margin-ms", "min": "0", "max": .text(String(widest))])
        }
    }

    var value: APIOptions {
        var options = APIOptions(baseURL: baseURL, siteID: siteId, tokenFile: tokenFile, sandbox: sandbox, rate: rate,
                                 readBatchSize: readBatchSize, createPath: createPath, listPath: listPath, timeoutSeconds: timeout)
        options.stateDirectory = stateDir
        options.rateMarginMilliseconds = rateMarginMs
        return options
    }
}

struct PlanCommandCLI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: CLIText.t("help.plan.abstract"),
        discussion: CLIText.t("help.plan.discussion")
    )

    @OptionGroup var input: InputArguments
    @OptionGroup var cellLimit: CellLimitArguments
    @OptionGroup var api: APIArguments
    @OptionGroup var common: CommonOptions
    @OptionGroup var inventory: InventoryArguments

    @Option(help: ArgumentHelp(CLIText.t("help.plan.out")))
    var out: String?

    @Option(help: ArgumentHelp(CLIText.t("help.plan.report")))
    var report: String?

    @Flag(help: ArgumentHelp(CLIText.t("help.plan.skipInvalid")))
    var skipInvalid = false

    @Option(help: ArgumentHelp(CLIText.t("help.status.format")))
    var format: OutputFormat = .text

    @Flag(help: ArgumentHelp(CLIText.t("help.plan.detailedExitcode")))
    var detailedExitcode = false

    @Flag(help: ArgumentHelp(CLIText.t("help.plan.showUnchanged")))
    var showUnchanged = false

    func run() async throws {
        var inputOptions = input.value(cellLimit)
        inputOptions.skipInvalid = skipInvalid
        var options = PlanOptions(input: inputOptions, api: api.value, outPath: out, reportPath: report, format: format,
                                  detailedExitCode: detailedExitcode, showUnchanged: showUnchanged,
                                  language: common.language.value)
        options.inventory = inventory.value
        options.inventory?.stateDirectory = options.api.stateDirectory
        try finish(await PlanCommand.run(options, console: StandardConsole()))
    }
}
