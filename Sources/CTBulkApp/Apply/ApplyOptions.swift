import CTBulkCore
import CTBulkEngine

/// `ctbulk apply FILE|PLAN.json`.
public struct ApplyOptions: Sendable {
    /// A job file or a saved plan; nil with `resume` continues the newest unfinished run.
    public var input: InputOptions?
    public var api: APIOptions
    /// `--journal PATH` (default `.ctbulk/journal.sqlite`).
    /// Where the journal is unless `--journal` says otherwise.
    public static let defaultJournalPath = ".ctbulk/journal.sqlite"
    public var journalPath: String = ApplyOptions.defaultJournalPath
    /// `--yes`: do not ask.
    public var yes = false
    /// `--resume`.
    public var resume = false
    /// Read the account back after apply (`--no-verify` turns it off).
    public var verify = true
    public var canary: Int?
    public var concurrency: Int?
    public var maxAttempts = 6
    public var maxRequests: Int?
    public var breaker = BreakerSettings()
    /// `--log-file PATH`: one JSON line per request.
    public var logFile: String?
    /// `--report-dir DIR` (default `.ctbulk/runs/<run>`).
    public var reportDirectory: String?
    public var quiet = false
    public var language: Language = .en
    /// Handle Ctrl-C and SIGTERM (first: stop sending, finish what is in flight; second: exit at once). The command
    /// line sets it; a library caller (a test) keeps its own process's signal handling.
    public var trapsSignals = false

    public init(input: InputOptions?, api: APIOptions) {
        self.input = input
        self.api = api
    }
}
