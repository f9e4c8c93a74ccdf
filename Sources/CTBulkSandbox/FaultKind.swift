/// One kind of injected fault, named as in a fault spec (`5xx=0.1,hang=0.05,drop=0.02,malformed=0.01`).
public enum FaultKind: String, CaseIterable, Sendable, Codable, Hashable {
    /// A 5xx answer (500, 502, 503 or 504, chosen by the seeded generator) with a JSON error body; nothing is
    /// written and no point is charged.
    case serverError = "5xx"
    /// The request never gets an answer: the server holds it for `hangDuration` (default 5 minutes) or until it
    /// stops, then closes the connection. A write may or may not have been applied (seeded generator).
    case hang
    /// The connection is closed without a complete response. A write may or may not have been applied.
    case drop
    /// The answer keeps its status but its body is broken: truncated JSON on reads, garbage on writes. The
    /// request itself is processed normally.
    case malformed
}
