/// What happened to one row.
public enum RowOutcome: String, Sendable, Codable, CaseIterable {
    /// The request was sent and accepted (or, for an in-doubt row, live state shows it took effect).
    case applied
    /// Already as desired: nothing was sent.
    case noop = "no-op"
    /// Live state changed since the plan in a way that makes the row unsafe: not sent.
    case changedSincePlan = "changed-since-plan"
    /// The API rejected the row, or retries ran out.
    case failed
    /// Not applied (number unknown to the account, or a skipped duplicate).
    case skipped
}

/// Why a run stopped before every row was done. All of them leave a resumable journal.
public enum StopReason: String, Sendable, Codable, CaseIterable {
    /// The API refused the credentials (exit 77).
    case authentication
    /// The daily points budget is spent (exit 75).
    case budget
    /// Too many rows failed (exit 75).
    case breaker
    /// Ctrl-C (exit 75).
    case interrupted
    /// `--max-requests` reached (exit 75).
    case maxRequests = "max-requests"
    /// `--canary N` rows done (paused).
    case canary
    /// The API kept answering 429 although the run keeps to its rate: another client shares the address's limit
    /// (exit 75).
    case rateLimited = "rate-limited"
    /// The API answered with a redirect (3xx): the base URL is wrong; nothing was changed by that request (exit 78).
    case redirected

    /// The reason in words for people (`stop.reason.<raw>`); machine formats keep ``rawValue``.
    public var text: Message { Message("stop.reason." + rawValue) }
}
