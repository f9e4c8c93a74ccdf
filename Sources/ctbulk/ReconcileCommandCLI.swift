import ArgumentParser
import CTBulkApp

struct ReconcileCommandCLI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Compare the account with a job file: drift per row and field; --apply puts it right.",
        discussion: "Exit codes for cron: 0 in sync, 2 drift found, 1 failure, 65 invalid job file, 75 another run holds the lock or the run stopped (resumable), 77 credentials refused."
    )

    @OptionGroup var input: InputArguments
    @OptionGroup var cellLimit: CellLimitArguments
    @OptionGroup var api: APIArguments
    @OptionGroup var common: CommonOptions

    @Option(help: "CSV report in the job's dialect: every row with its drift status and the live values.")
    var report: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Flag(help: "Fix the drift through the same journaled, rate-limited, resumable path as apply; exit 0 once converged.")
    var apply = false

    @Flag(help: "With --apply: fix without asking (cron). Without a terminal and without --yes, --apply exits 64.")
    var yes = false

    @Flag(name: .customLong("no-verify"), help: "With --apply: do not read the account back after fixing (saves the reads).")
    var noVerify = false

    @Option(help: "Write Prometheus text-format metrics here (atomically), for node_exporter's textfile collector.")
    var metricsFile: String?

    @Option(help: "The job label in the metrics (default: the job file's name).")
    var jobName: String?

    @Option(help: "The journal (SQLite) used by --apply and for the run lock.")
    var journal = ".ctbulk/journal.sqlite"

    @Option(help: "Where --apply writes its reports (default .ctbulk/runs/RUN).")
    var reportDir: String?

    @Flag(help: "No progress output (cron).")
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
        abstract: "Write the live settings of numbers as a job file apply accepts (or the before-image of a run, to undo it)."
    )

    @Argument(help: "A job file or a plain list of numbers (one per line) whose live settings to export.")
    var file: String?

    @Option(help: "Same as the FILE argument.")
    var numbers: String?

    @Option(help: "Export every number in this pool (found through call-redirect/list).")
    var pool: String?

    @Option(help: "Export every number of this redirect scenario (repeatable).")
    var redirectId: [Int] = []

    @Option(help: "Write the before-image of this finished apply run (a job that restores it).")
    var undoFor: Int64?

    @Option(help: "The journal (for --undo-for).")
    var journal = ".ctbulk/journal.sqlite"

    @Option(help: "csv or json (API-shaped).")
    var format: ExportCommand.Format = .csv

    @Flag(help: "Plain UTF-8 CSV with ',' (by default a CSV is what Excel opens correctly: UTF-8 with BOM and ';'; a path ending in .xlsx is a workbook).")
    var plain = false

    @Flag(help: "The default (UTF-8 with BOM and ';'); kept for old scripts.")
    var excel = false

    @OptionGroup var headers: HeaderArguments

    @Option(name: .shortAndLong, help: "The file to write.")
    var out: String

    @OptionGroup var api: APIArguments
    @OptionGroup var common: CommonOptions

    func validate() throws {
        if plain && excel { throw ValidationError("give --plain or --excel, not both") }
        if file != nil && numbers != nil { throw ValidationError("give FILE or --numbers, not both") }
        if undoFor == nil && file == nil && numbers == nil && pool == nil && redirectId.isEmpty {
            throw ValidationError("give a job or list file, --pool, --redirect-id or --undo-for")
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
        abstract: "Run a job spec (jobs/*.json): its mode, input, account (by variable names), rate, report and metrics paths.",
        discussion: "A cron line is `ctbulk run jobs/nightly-reconcile.json`. Exit codes are those of the spec's mode; 75 when another run of the same job and account is active."
    )

    @Argument(help: "The job spec (JSON).")
    var spec: String

    @Flag(help: "Write without asking (cron). Without a terminal and without --yes, a spec that writes exits 64.")
    var yes = false

    @Flag(help: "No progress output.")
    var quiet = false

    func run() async throws {
        try finish(await RunCommand.run(specPath: spec, yes: yes, quiet: quiet, console: StandardConsole(), trapsSignals: true))
    }
}
