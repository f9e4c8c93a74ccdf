import ArgumentParser
import CTBulkApp

/// How to reach the API: every command that talks to it takes these.
struct APIArguments: ParsableArguments {
    @Flag(help: "Start the built-in sandbox in-process on a free loopback port and use it (no credentials needed).")
    var sandbox = false

    @Option(help: "API base URL (default https://api.calltouch.ru). Plain http is refused unless the host is loopback.")
    var baseURL: String?

    @Option(help: "Calltouch SiteId (else CALLTOUCH_SITE_ID).")
    var siteId: String?

    @Option(help: "Read the access token from this file (chmod 600); else CALLTOUCH_ACCESS_TOKEN.")
    var tokenFile: String?

    @Option(help: "Requests per second for everything the run sends (the API allows 5 per IP).")
    var rate = 5

    @Option(help: "Numbers per read of live state (the API's limit is unpublished).")
    var readBatchSize: Int?

    @Option(help: "Path of the unpublished free-number method (default .../ad-platform/phone/create).")
    var createPath: String?

    @Option(help: "Path of the unpublished array-read method (default .../ad-platform/phone/list).")
    var listPath: String?

    @Option(help: "Seconds to wait for one answer.")
    var timeout: Int?

    @Option(help: "Machine-wide folder of run locks and the shared rate limit (else CTBULK_STATE_DIR, else ~/.local/state/ctbulk).")
    var stateDir: String?

    func validate() throws {
        guard rate >= 1 else { throw ValidationError("--rate must be at least 1") }
        if let readBatchSize, readBatchSize < 1 { throw ValidationError("--read-batch-size must be at least 1") }
    }

    var value: APIOptions {
        var options = APIOptions(baseURL: baseURL, siteID: siteId, tokenFile: tokenFile, sandbox: sandbox, rate: rate,
                                 readBatchSize: readBatchSize, createPath: createPath, listPath: listPath, timeoutSeconds: timeout)
        options.stateDirectory = stateDir
        return options
    }
}

struct PlanCommandCLI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Dry run: validate, read live state, and show per row and field what a job would change.",
        discussion: """
            Exit codes: 0 success, 65 invalid job file or rows the API does not know, 66 unreadable file, 77 credentials \
            refused, 75 points budget spent. With --detailed-exitcode: 0 no changes, 2 changes pending, 1 failure, 65 \
            invalid input.
            """
    )

    @OptionGroup var input: InputArguments
    @OptionGroup var cellLimit: CellLimitArguments
    @OptionGroup var api: APIArguments
    @OptionGroup var common: CommonOptions
    @OptionGroup var inventory: InventoryArguments

    @Option(help: "Save the plan (input hash, normalised rows, live state, actions) for apply.")
    var out: String?

    @Option(help: "When the file has errors, write the validation report here.")
    var report: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Flag(help: "Exit 0 when nothing would change, 2 when changes are pending, 1 on failure (as Terraform).")
    var detailedExitcode = false

    @Flag(help: "List rows that are already as desired one by one.")
    var showUnchanged = false

    func run() async throws {
        var options = PlanOptions(input: input.value(cellLimit), api: api.value, outPath: out, reportPath: report, format: format,
                                  detailedExitCode: detailedExitcode, showUnchanged: showUnchanged,
                                  language: common.language.value)
        options.inventory = inventory.value
        options.inventory?.stateDirectory = options.api.stateDirectory
        try finish(await PlanCommand.run(options, console: StandardConsole()))
    }
}
