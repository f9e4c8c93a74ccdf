import ArgumentParser
import CTBulkApp

struct SandboxCommandCLI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: CLIText.t("help.sandbox.abstract"),
        discussion: CLIText.t("help.sandbox.discussion")
    )

    @Option(help: ArgumentHelp(CLIText.t("help.sandbox.port")))
    var port = 8080

    @Option(help: ArgumentHelp(CLIText.t("help.sandbox.numbers")))
    var numbers: Int?

    @Option(help: ArgumentHelp(CLIText.t("help.sandbox.state")))
    var state: String?

    @Option(help: ArgumentHelp(CLIText.t("help.sandbox.rateLimit")))
    var rateLimit = 5

    @Option(help: ArgumentHelp(CLIText.t("help.sandbox.budget")))
    var budget = 100_000

    @Option(help: ArgumentHelp(CLIText.t("help.sandbox.latency")))
    var latency = 0

    @Option(help: ArgumentHelp(CLIText.t("help.sandbox.faults")))
    var faults: String?

    @Option(help: ArgumentHelp(CLIText.t("help.sandbox.seed")))
    var seed: UInt64 = 0

    @Option(help: ArgumentHelp(CLIText.t("help.sandbox.token")))
    var token = "sandbox-token"

    @Option(help: ArgumentHelp(CLIText.t("help.sandbox.siteId")))
    var siteId = "1"

    func validate() throws {
        if numbers != nil && state != nil { throw CLIText.usage("usage.not_both", ["a": "--numbers", "b": "--state"]) }
        if let numbers, numbers < 0 { throw CLIText.usage("usage.at_least", ["option": "--numbers", "min": "0"]) }
        if !(0...65535).contains(port) { throw CLIText.usage("usage.range", ["option": "--port", "min": "0", "max": "65535"]) }
    }

    func run() async throws {
        var options = SandboxCommand.Options()
        options.port = port
        options.numbers = numbers
        options.stateFile = state
        options.rateLimit = rateLimit
        options.budget = budget
        options.latencyMilliseconds = latency
        options.faults = faults
        options.seed = seed
        options.token = token
        options.siteID = siteId
        try finish(await SandboxCommand.run(options, console: StandardConsole()))
    }
}
