import ArgumentParser
import CTBulkApp
import CTBulkEngine

struct ApplyCommandCLI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Apply a job file or a saved plan: one request per number at the API's rate, journaled and resumable.",
        discussion: """
            Exit codes: 0 every row applied or already as desired; 1 some rows failed (see the failures report); \
            65 invalid job file; 66 unreadable file; 64 usage; 75 stopped and resumable (points budget spent, breaker, \
            Ctrl-C, --max-requests); 77 credentials refused.
            """
    )

    @Argument(help: "A job file (CSV or JSON) or a plan saved with `plan --out`. Omit with --resume.")
    var file: String?

    @Option(help: "Override the detected encoding: utf-8, cp1251, utf-16le, utf-16be.")
    var encoding: String?

    @Option(help: "Override the sniffed delimiter: ',' ';' or tab.")
    var delimiter: String?

    @OptionGroup var cellLimit: CellLimitArguments
    @OptionGroup var headers: HeaderArguments

    @Flag(help: "Apply the valid rows of a file with errors; the others are listed in results.csv and failures.csv with their errors (exit 1).")
    var skipInvalid = false

    @OptionGroup var api: APIArguments
    @OptionGroup var common: CommonOptions

    @Option(help: "The journal (SQLite).")
    var journal = ".ctbulk/journal.sqlite"

    @Flag(help: "Do not ask for confirmation (cron). Without a terminal and without --yes, apply exits 64.")
    var yes = false

    @Flag(help: "Continue the newest unfinished run in the journal.")
    var resume = false

    @Flag(name: .customLong("no-verify"), help: "Do not read the account back after apply (saves the reads; exit 0 then means every request was accepted).")
    var noVerify = false

    @Option(help: "Apply the first N rows, show their results, and pause (continue with --resume).")
    var canary: Int?

    @Option(help: "Requests in flight at once (default: twice the rate, 4 to 64).")
    var concurrency: Int?

    @Option(help: "Attempts per request, the first included.")
    var maxAttempts = 6

    @Option(help: "Stop (resumable) after this many requests.")
    var maxRequests: Int?

    @Option(help: "Breaker: stop after this many failed rows in a row.")
    var breakerConsecutive = 10

    @Option(help: "Breaker: stop when more than this share of rows failed, after --breaker-min-rows rows.")
    var breakerShare = 0.2

    @Option(help: "Breaker: rows before the failure share is judged.")
    var breakerMinRows = 50

    @Option(help: "Audit log: one JSON line per request (never the token).")
    var logFile: String?

    @Option(help: "The sheet of an .xlsx file to read (default: the first).")
    var sheet: String?

    @Option(help: "Where to write results.csv, failures.csv (.xlsx for an .xlsx job) and summary.json (default .ctbulk/runs/RUN).")
    var reportDir: String?

    @Flag(help: "No progress output (cron).")
    var quiet = false

    func validate() throws {
        if file == nil && !resume { throw ValidationError("give a job file, a saved plan, or --resume") }
        if let canary, canary < 1 { throw ValidationError("--canary must be at least 1") }
        if let concurrency, concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
        if maxAttempts < 1 { throw ValidationError("--max-attempts must be at least 1") }
        if !(0...1).contains(breakerShare) { throw ValidationError("--breaker-share is a fraction between 0 and 1") }
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
        commandName: "status", abstract: "The runs in the journal with their counts, or one run's rows by outcome.")

    @Argument(help: "A run id.")
    var runID: Int64?

    @Option(help: "The journal (SQLite).")
    var journal = ".ctbulk/journal.sqlite"

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @OptionGroup var common: CommonOptions

    func run() throws {
        try finish(StatusCommand.run(journalPath: journal, runID: runID, format: format, language: common.language.value,
                                     console: StandardConsole()))
    }
}
