import CTBulkCore
import Foundation

/// Everything `ctbulk uis <method>` was given. The executable fills it from flags; tests build it directly.
public struct UISCommandOptions: Sendable {
    /// `--filter` expressions (see `UISFilterExpression`), joined with AND, or with OR under `--any`.
    public var filters: [String]
    public var any: Bool
    /// `--sort field` or `--sort field:desc`, in priority order.
    public var sort: [String]
    /// `--fields a,b,c` (each element may itself hold commas).
    public var fields: [String]
    /// `--limit N`: one page of N records (1...10,000).
    public var limit: Int?
    /// `--offset N`: where the page (or the walk) starts.
    public var offset: Int?
    /// `--all`: every page up to `total_items`.
    public var all: Bool
    public var format: UISOutputFormat
    /// `--uis-host`: `uis`, `comagic`, a host or a full base URL.
    public var host: String?
    /// `--uis-token-file`: a file only its owner can read.
    public var tokenFile: String?
    /// `--user-id`: the client user an agent acts for.
    public var userID: Int?
    /// `--login`: log in with `login.user`; the password comes from `UIS_PASSWORD`.
    public var login: String?
    /// `--sandbox`: start the built-in sandbox and use it (no credentials needed).
    public var sandbox: Bool
    public var language: Language
    /// Table width; nil: the terminal's (`COLUMNS`, then the terminal size, then 120).
    public var width: Int?
    /// Where `UIS_ACCESS_TOKEN`, `UIS_PASSWORD` and `COLUMNS` are read from.
    public var environment: [String: String]
    /// The clock of the client's waits and sessions (and of the `--sandbox` fake): the system clock on the command
    /// line; tests hand a virtual one so retries and limit waits take no real time.
    public var clock: RunClock
    /// `--state-dir`: the machine-wide folder whose shared rate limit every UIS request passes (else
    /// `CTBULK_STATE_DIR`, else the user's state folder).
    public var stateDirectory: String?

    /// Options with the defaults of the command line.
    public init(filters: [String] = [], any: Bool = false, sort: [String] = [], fields: [String] = [],
                limit: Int? = nil, offset: Int? = nil, all: Bool = false, format: UISOutputFormat = .table,
                host: String? = nil, tokenFile: String? = nil, userID: Int? = nil, login: String? = nil,
                sandbox: Bool = false, language: Language = .en, width: Int? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment, clock: RunClock = .system,
                stateDirectory: String? = nil) {
        self.filters = filters; self.any = any; self.sort = sort; self.fields = fields; self.limit = limit
        self.offset = offset; self.all = all; self.format = format; self.host = host; self.tokenFile = tokenFile
        self.userID = userID; self.login = login; self.sandbox = sandbox; self.language = language
        self.width = width; self.environment = environment; self.clock = clock; self.stateDirectory = stateDirectory
    }
}
