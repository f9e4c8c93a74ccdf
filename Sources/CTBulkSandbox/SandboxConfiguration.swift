import CTBulkCore
import Logging

/// Everything a sandbox starts with. A value type: build one, adjust the fields, hand it to
/// ``Sandbox/withSandbox(_:_:)`` or ``Sandbox/runForeground(_:onReady:)``.
///
/// Defaults: `127.0.0.1`, an ephemeral port, token `sandbox-token`, site id `1`, 5 requests per sliding second per
/// client address, a budget of 100 000 points, no latency, no faults, seed 0, an empty account, and the system clock.
public struct SandboxConfiguration: Sendable {
    /// The default `Access-Token`.
    public static let defaultAccessToken = "sandbox-token"
    /// The default `SiteId`.
    public static let defaultSiteID = "1"

    /// Loopback address to bind: `127.0.0.1` (any `127.x.y.z`), `::1` or `localhost`. Anything else is refused.
    public var host: String
    /// TCP port; 0 picks a free ephemeral port (read it from ``RunningSandbox/port``).
    public var port: Int
    /// The only `Access-Token` header value accepted; anything else gets 401.
    public var accessToken: String
    /// The only `SiteId` header value accepted; anything else gets 401.
    public var siteID: String
    /// Accepted requests allowed per client address within any sliding ``rateLimitWindow``; `nil` = unlimited.
    /// The excess gets 429 with `Retry-After: 1`; rejected requests do not count.
    public var rateLimit: Int?
    /// The sliding window of the rate limit: one second, like the real API.
    public var rateLimitWindow: Duration
    /// Daily points budget: every successful Calltouch request costs one point; when spent, requests get 403
    /// `points_exhausted` until the budget is reset (`POST /_sandbox/budget`).
    public var pointsBudget: Int
    /// Latency added to every Calltouch request before it is processed.
    public var latency: Duration
    /// Fault injection rates.
    public var faults: FaultSpec
    /// Seed of the fault generator (and of the `numbers N` preset when built through ``init(preset:seed:)``).
    public var seed: UInt64
    /// How long a hung request is held before its connection is closed (unless the sandbox stops first).
    public var hangDuration: Duration
    /// The account at start and after `POST /_sandbox/reset`: every number and its settings, `nil` for a free
    /// number. A used number needs `displayOptions.source` (a free number is the one whose display options are
    /// null); a missing `ignoreEarlyMedia` of a reserve is stored as true, the API default.
    public var initialNumbers: [PhoneNumber: NumberSettings?]
    /// Settings of the UIS Data API fake served at `POST /v2.0`.
    public var uis: UISSandboxConfiguration
    /// Where the sandbox logs. It logs at debug level and below only, and never logs tokens.
    public var logger: Logger
    /// The clock the sandbox reads and waits on: the per-client rate window, the added latency, how long a hung
    /// request is held, and the UIS fake's sessions, point windows and dates. Real runs use ``RunClock/system``;
    /// tests hand a manual or virtual clock so a rule such as "the sixth request inside the window is refused" is
    /// checked exactly, and a request held by latency or a hang is released when the test moves the clock.
    public var clock: RunClock

    /// A configuration; every parameter has the documented default.
    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        accessToken: String = SandboxConfiguration.defaultAccessToken,
        siteID: String = SandboxConfiguration.defaultSiteID,
        rateLimit: Int? = 5,
        rateLimitWindow: Duration = .seconds(1),
        pointsBudget: Int = 100_000,
        latency: Duration = .zero,
        faults: FaultSpec = .none,
        seed: UInt64 = 0,
        hangDuration: Duration = .seconds(300),
        initialNumbers: [PhoneNumber: NumberSettings?] = [:],
        uis: UISSandboxConfiguration = UISSandboxConfiguration(),
        logger: Logger = Logger(label: "ctbulk.sandbox"),
        clock: RunClock = .system
    ) {
        self.host = host
        self.port = port
        self.accessToken = accessToken
        self.siteID = siteID
        self.rateLimit = rateLimit
        self.rateLimitWindow = rateLimitWindow
        self.pointsBudget = pointsBudget
        self.latency = latency
        self.faults = faults
        self.seed = seed
        self.hangDuration = hangDuration
        self.initialNumbers = initialNumbers
        self.uis = uis
        self.logger = logger
        self.clock = clock
    }

    /// A default configuration whose account is the given preset (generated with `seed`, which also seeds faults).
    public init(preset: SandboxPreset, seed: UInt64 = 0) {
        self.init(seed: seed, initialNumbers: preset.numbers(seed: seed))
    }

    /// The demo account (``SandboxPreset/demoNumbers``) with every other setting at its default.
    public static var demo: SandboxConfiguration { SandboxConfiguration(preset: .demo) }

    /// `count` generated numbers (``SandboxPreset/generatedNumbers(count:seed:)``), every other setting default.
    public static func generated(numbers count: Int, seed: UInt64 = 0) -> SandboxConfiguration {
        SandboxConfiguration(preset: .numbers(count), seed: seed)
    }

    /// Loads a job-shaped account: `nil` settings = a free number.
    public mutating func load(numbers: [PhoneNumber: NumberSettings?]) { initialNumbers = numbers }

    /// Loads a job-shaped account from pairs; a later pair for the same number wins.
    public mutating func load(numbers pairs: [(PhoneNumber, NumberSettings?)]) {
        var numbers: [PhoneNumber: NumberSettings?] = [:]
        for (phone, settings) in pairs { numbers[phone] = .some(settings) }
        initialNumbers = numbers
    }

    /// True when `host` is a loopback name or address.
    public static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy { part in
            !part.isEmpty && part.count <= 3 && part.allSatisfy { $0.isASCII && $0.isNumber } && Int(part)! <= 255
        }
    }

    /// Checks every setting; the sandbox calls this before it starts.
    public func validate() throws(SandboxError) {
        guard Self.isLoopback(host) else { throw .nonLoopbackHost(host) }
        guard (0...65_535).contains(port) else { throw .invalidSetting("port \(port) is not within 0...65535") }
        guard !accessToken.isEmpty else { throw .invalidSetting("the access token is empty") }
        guard !siteID.isEmpty else { throw .invalidSetting("the site id is empty") }
        if let rateLimit, rateLimit < 1 {
            throw .invalidSetting("rate limit \(rateLimit) is below 1 (use nil for no limit)")
        }
        guard rateLimitWindow > .zero else { throw .invalidSetting("the rate-limit window must be positive") }
        guard pointsBudget >= 0 else { throw .invalidSetting("points budget \(pointsBudget) is negative") }
        guard latency >= .zero else { throw .invalidSetting("latency is negative") }
        guard hangDuration > .zero else { throw .invalidSetting("the hang duration must be positive") }
        do { try faults.validate() } catch { throw .invalidFaults(error) }
        for (phone, settings) in initialNumbers {
            guard let settings, !settings.isEmpty else { continue }
            if let problem = WireSettings.problem(with: settings) { throw .invalidInitialNumber(phone, problem) }
        }
    }
}
