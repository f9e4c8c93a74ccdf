import CTBulkCore

/// Every failure of a Calltouch request: one category, plus what is known about the request and the answer.
///
/// The description is one line and never contains the access token (answers are scrubbed of it too).
public struct CalltouchError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure, which decides what a run does next: the engine's own kinds (401 or a 403 that does not
    /// mention points → authentication; 429 → rateLimited; a 403 about points → budgetExhausted; other 4xx →
    /// invalidData; 5xx, unexpected statuses, malformed answers → server; no usable answer → transport; a stop →
    /// cancelled).
    public typealias Category = NumberServiceError.Kind

    /// How many bytes of an answer body are kept in ``body``.
    public static let maxStoredBodyBytes = 2048

    /// The kind of failure.
    public var category: Category
    /// The operation that failed.
    public var endpoint: CalltouchEndpoint
    /// The number the request was about (writes), if any.
    public var phoneNumber: PhoneNumber?
    /// The HTTP status, when an answer arrived.
    public var status: Int?
    /// The answer body as text, cut to ``maxStoredBodyBytes`` bytes (with a `…` marker), when there was one.
    public var body: String?
    /// The wait the server asked for in `Retry-After` (delta-seconds or an HTTP date), if any.
    public var retryAfter: Duration?
    /// What went wrong, in words (e.g. `HTTP 429`, `read timeout`, `the answer is not valid JSON: …`).
    public var detail: String
    /// How many attempts were made before giving up (1 unless ``withRetries(backoff:maxAttempts:isolation:onRetry:_:)``
    /// retried).
    public var attempts: Int
    /// False when the failure happened before the request was sent (the rate limiter refused to let it go, or the
    /// task was cancelled while it waited): the API cannot have seen it.
    public var requestSent = true

    /// Creates an error. `body` is cut to ``maxStoredBodyBytes``.
    public init(_ category: Category, endpoint: CalltouchEndpoint, phoneNumber: PhoneNumber? = nil,
                status: Int? = nil, body: String? = nil, retryAfter: Duration? = nil, detail: String,
                attempts: Int = 1) {
        self.category = category
        self.endpoint = endpoint
        self.phoneNumber = phoneNumber
        self.status = status
        self.body = body.map { Self.truncated($0) }
        self.retryAfter = retryAfter
        self.detail = detail
        self.attempts = attempts
    }

    /// Whether a later attempt may succeed (``Category/isRetryable``).
    public var isRetryable: Bool { category.isRetryable }

    /// Whether the run should stop (``Category/stopsRun``).
    public var stopsRun: Bool { category.stopsRun }

    /// One line: `calltouch update 79001112233: rate limited (HTTP 429, retry after 1s, 3 attempts): … body: …`.
    public var description: String {
        var text = "calltouch \(endpoint)"
        if let phoneNumber { text += " \(phoneNumber)" }
        text += ": \(category)"
        var facts: [String] = []
        if let status { facts.append("HTTP \(status)") }
        if let retryAfter { facts.append("retry after \(retryAfter)") }
        if attempts > 1 { facts.append("\(attempts) attempts") }
        if !facts.isEmpty { text += " (" + facts.joined(separator: ", ") + ")" }
        if !detail.isEmpty { text += ": " + Self.oneLine(detail) }
        if let body, !body.isEmpty { text += "; body: " + Self.oneLine(body) }
        return text
    }

    // MARK: - Classification

    /// The category of a non-2xx answer, decided by status first and body second; nil for a 2xx status.
    ///
    /// 401 → authentication; 403 → budgetExhausted when the body mentions points or a budget (a word starting with
    /// `point`, `budget`, `limit`, `quota`, `балл`, `лимит`, `квот`), otherwise authentication; 408 → transport;
    /// 429 → rateLimited; other 4xx → invalidData; 3xx → redirected (never followed, never retried); 5xx and
    /// anything else (1xx) → server.
    public static func category(forStatus status: Int, body: String) -> Category? {
        switch status {
        case 200..<300: return nil
        case 401: return .authentication
        case 403: return mentionsBudget(body) ? .budgetExhausted : .authentication
        case 408: return .transport
        case 429: return .rateLimited
        case 300..<400: return .redirected
        case 400..<500: return .invalidData
        default: return .server
        }
    }

    static let budgetWordStems = ["point", "budget", "limit", "quota", "балл", "лимит", "квот"]

    /// Whether a 403 body talks about the points budget: some word in it starts with one of the stems, so
    /// `points_exhausted` and `daily limit` match but `endpoint` and `unlimited` do not.
    static func mentionsBudget(_ body: String) -> Bool {
        let words = body.lowercased().split(whereSeparator: { !$0.isLetter })
        return words.contains { word in budgetWordStems.contains { word.hasPrefix($0) } }
    }

    // MARK: - Text helpers

    static func truncated(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.count > maxStoredBodyBytes else { return text }
        var end = utf8.index(utf8.startIndex, offsetBy: maxStoredBodyBytes)
        while end > utf8.startIndex, UTF8.isContinuation(utf8[end]) {
            end = utf8.index(before: end)
        }
        return String(decoding: utf8[..<end], as: UTF8.self) + "… (\(utf8.count) bytes)"
    }

    static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}
