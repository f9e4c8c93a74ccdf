import CTBulkCore

/// Everything a ``UISClient`` needs to know, with defaults that suit the real API.
public struct UISClientConfiguration: Sendable {
    public var endpoint: UISEndpoint
    public var credentials: UISCredentials
    /// `params.user_id`: required when an agent acts for a client (the `id` from `get.customer_users`).
    public var userID: Int?
    /// Time one HTTP request may take.
    public var requestTimeout: Duration
    /// Wait for the per-minute reset when `minute_remaining` is at or below this (leaves room for other tools).
    public var minuteReserve: Int
    /// The longest the client waits for a limit to reset; longer resets (a spent day allowance) fail instead.
    public var maximumLimitWait: Duration
    /// How often one call is retried after `limit_exceeded`.
    public var limitRetries: Int
    /// The wait after `limit_exceeded` when the answer says nothing about the reset.
    public var defaultLimitWait: Duration
    /// Added to every reset wait (resets come in whole seconds).
    public var resetMargin: Duration
    /// Retries of transport failures, HTTP 5xx/429 and `internal_error` (reads only, so retries are safe).
    public var backoff: Backoff
    /// When a `login.user` session is renewed before use (the key lives one hour).
    public var sessionLifetime: Duration
    /// Page size of walks over every page (``UISClient/all(_:query:progress:)``) when the query sets no limit.
    public var pageSize: Int

    /// A configuration; only the endpoint and credentials have no default.
    public init(endpoint: UISEndpoint = .uis, credentials: UISCredentials, userID: Int? = nil,
                requestTimeout: Duration = .seconds(60), minuteReserve: Int = 1,
                maximumLimitWait: Duration = .seconds(120), limitRetries: Int = 3,
                defaultLimitWait: Duration = .seconds(60), resetMargin: Duration = .milliseconds(250),
                backoff: Backoff = Backoff(base: .milliseconds(500), cap: .seconds(10), maxAttempts: 4),
                sessionLifetime: Duration = .seconds(55 * 60), pageSize: Int = UISQuery.maximumLimit) {
        self.endpoint = endpoint; self.credentials = credentials; self.userID = userID
        self.requestTimeout = requestTimeout; self.minuteReserve = minuteReserve
        self.maximumLimitWait = maximumLimitWait; self.limitRetries = limitRetries
        self.defaultLimitWait = defaultLimitWait; self.resetMargin = resetMargin; self.backoff = backoff
        self.sessionLifetime = sessionLifetime; self.pageSize = pageSize
    }
}
