/// Counters of what a ``UISClient`` did, for progress lines, reports and tests.
public struct UISClientStatistics: Hashable, Sendable {
    /// HTTP requests sent (every attempt).
    public var requests = 0
    /// Successful `login.user` calls.
    public var logins = 0
    /// Calls repeated after a fresh login because the server rejected the session key.
    public var relogins = 0
    /// Waits for a limit reset made before sending, because `minute_remaining` ran low.
    public var limitWaits = 0
    /// Calls repeated after a `limit_exceeded` answer.
    public var limitRetries = 0
    /// Calls repeated after a transport failure, HTTP 5xx/429 or `internal_error`.
    public var transientRetries = 0
    /// Pages of `get.*` results received.
    public var pages = 0

    /// All counters at zero.
    public init() {}
}
