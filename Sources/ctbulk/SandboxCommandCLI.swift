import ArgumentParser
import CTBulkApp

struct SandboxCommandCLI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Serve the embedded fake of the Calltouch and UIS APIs on 127.0.0.1 (Ctrl-C to stop).",
        discussion: """
            Admin routes (no token): GET /_sandbox/state, GET /_sandbox/stats, POST /_sandbox/reset, \
            POST /_sandbox/budget, PUT /_sandbox/numbers/<number>, DELETE /_sandbox/numbers/<number>. \
            Faults: --faults "5xx=0.1,hang=0.05,drop=0.02,malformed=0.01" (rates per request, reproducible with --seed).
            """
    )

    @Option(help: "Port on 127.0.0.1 (0 picks a free one).")
    var port = 8080

    @Option(help: "Seed N generated numbers (a deterministic share of them in pools).")
    var numbers: Int?

    @Option(help: "Seed from a job-shaped file (a row with settings is a used number, a row with only a number a free one), or 'demo'.")
    var state: String?

    @Option(help: "Requests per sliding second per client (0: no limit).")
    var rateLimit = 5

    @Option(help: "Daily points budget (one point per successful request).")
    var budget = 100_000

    @Option(help: "Added latency per request, milliseconds.")
    var latency = 0

    @Option(help: "Injected faults, e.g. '5xx=0.1,hang=0.05,drop=0.02,malformed=0.01'.")
    var faults: String?

    @Option(help: "Seed for generated numbers and fault decisions.")
    var seed: UInt64 = 0

    @Option(help: "The only access token accepted.")
    var token = "sandbox-token"

    @Option(help: "The only SiteId accepted.")
    var siteId = "1"

    func validate() throws {
        if numbers != nil && state != nil { throw ValidationError("give --numbers or --state, not both") }
        if let numbers, numbers < 0 { throw ValidationError("--numbers must not be negative") }
        if !(0...65535).contains(port) { throw ValidationError("--port must be 0...65535") }
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
