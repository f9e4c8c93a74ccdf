import Foundation

/// The account's numbers as the engine sees them: read the settings of many numbers, add settings to a free number,
/// update a used one, free one. `CalltouchClient` conforms over HTTP; tests use a scripted service.
///
/// Every request of a conforming type passes the run's rate limiter (its gate) before it is sent; none retries: the
/// engine decides from each ``NumberServiceError`` whether to retry, re-read, or stop.
public protocol NumberService: Sendable {
    /// Where and as whom requests go (never the token).
    var account: AccountIdentity { get }
    /// How many numbers one read asks about at most.
    var readBatchSize: Int { get }

    /// The live state of every number in `numbers` (at most ``readBatchSize``, one request): ``LiveNumber/unknown``
    /// for a number the account does not have.
    func liveStates(of numbers: [PhoneNumber]) async throws(NumberServiceError) -> [PhoneNumber: LiveNumber]
    /// Adds pool and redirect settings to a free number.
    func create(_ number: PhoneNumber, settings: NumberSettings) async throws(NumberServiceError)
    /// Updates the settings of a number that is in a pool.
    func update(_ number: PhoneNumber, settings: NumberSettings) async throws(NumberServiceError)
    /// Removes a number's settings: it becomes free.
    func free(_ number: PhoneNumber) async throws(NumberServiceError)
}

/// The account a run works on: the SiteId and the API's address as given.
public struct AccountIdentity: Sendable, Hashable, Codable {
    public var siteID: String
    public var baseURL: String

    public init(siteID: String, baseURL: String) {
        self.siteID = siteID
        self.baseURL = baseURL
    }

    /// `SiteId 1 at https://api.calltouch.ru`: the label the journal keys runs by (never changes: old journals resume).
    public var label: String { "SiteId \(siteID) at \(baseURL)" }

    /// A ``label`` as people read it, in their language: «SiteId 1 (https://api.calltouch.ru)»; text of another shape
    /// as it is.
    public static func display(label: String) -> Message.Argument {
        guard label.hasPrefix("SiteId "), let at = label.range(of: " at ") else { return .text(label) }
        let site = label[label.index(label.startIndex, offsetBy: 7)..<at.lowerBound]
        return .message(Message("common.account", ["site": .string(site), "url": .string(label[at.upperBound...])]))
    }

    /// The account as the machine-wide run lock keys it: the SiteId and the API host as resolved — scheme, lower-cased
    /// host, explicit port — so `localhost`, `127.0.0.1` and `[::1]` are one host, and a path or a trailing slash
    /// makes no other account. `1@https://api.calltouch.ru:443`.
    public var canonicalKey: String { "\(siteID)@\(Self.canonicalHost(baseURL))" }

    /// `scheme://host:port` of a base URL, lower-cased, loopback names folded to `127.0.0.1`, the default port made
    /// explicit; the text as given (trimmed, lower-cased) when it is not a URL.
    public static func canonicalHost(_ baseURL: String) -> String {
        let trimmed = baseURL.trimmingCharacters(in: .whitespaces)
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
              var host = components.host?.lowercased(), !host.isEmpty else { return trimmed.lowercased() }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host == "localhost" || host == "localhost." || host == "::1" || host == "0:0:0:0:0:0:0:1" { host = "127.0.0.1" }
        let port = components.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : 0)
        return "\(scheme)://\(host):\(port)"
    }
}

/// Why a request of a ``NumberService`` failed, and what the engine may do about it.
public struct NumberServiceError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure it was (the Calltouch client's categories are these).
    public enum Kind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// The credentials were refused: stop the run.
        case authentication
        /// Too many requests: the API refused it unprocessed; wait and send it again.
        case rateLimited
        /// The daily points budget is spent: stop the run (resumable later).
        case budgetExhausted
        /// The API refused this row's data: do not retry.
        case invalidData
        /// A server error or an answer that could not be read: it may have taken effect; re-read, then retry.
        case server
        /// No usable answer (time-out, connection refused or dropped): it may have taken effect; re-read, then retry.
        case transport
        /// The run is stopping (or the task was cancelled): stop.
        case cancelled
        /// The API answered with a redirect (3xx): the base URL is wrong (`http` for `https`, a moved path). ctbulk
        /// never follows one (a redirected POST may lose its body or its token may go elsewhere): stop at once.
        case redirected

        /// `authentication failed`, `rate limited`, `points budget exhausted`, `invalid data`, `server error`,
        /// `transport error`, `cancelled`.
        public var description: String {
            switch self {
            case .authentication: return "authentication failed"
            case .rateLimited: return "rate limited"
            case .budgetExhausted: return "points budget exhausted"
            case .invalidData: return "invalid data"
            case .server: return "server error"
            case .transport: return "transport error"
            case .cancelled: return "cancelled"
            case .redirected: return "redirect refused"
            }
        }

        /// Whether a later attempt of the same request may succeed: `rateLimited`, `server`, `transport`.
        public var isRetryable: Bool {
            switch self {
            case .rateLimited, .server, .transport: return true
            case .authentication, .budgetExhausted, .invalidData, .cancelled, .redirected: return false
            }
        }

        /// Whether the whole run should stop: `authentication`, `budgetExhausted`, `cancelled`, `redirected`.
        public var stopsRun: Bool {
            switch self {
            case .authentication, .budgetExhausted, .cancelled, .redirected: return true
            case .rateLimited, .invalidData, .server, .transport: return false
            }
        }
    }

    public var kind: Kind
    /// The HTTP status, when an answer arrived.
    public var status: Int?
    /// The wait the server asked for, if any.
    public var retryAfter: Duration?
    /// False when the request never left this process (the rate limiter refused to let it go, or nothing was
    /// sent): the API cannot have seen it.
    public var requestSent: Bool
    /// The answer's body (scrubbed of secrets), when there was one.
    public var body: String?
    /// One line for people (never the token): what failed, where, and the answer.
    public var description: String
    /// The failure as the conforming service threw it (for rendering at the edge).
    public var underlying: (any Error & Sendable)?
    /// Attempts made before giving up (set by whoever retried).
    public var attempts = 1

    public init(_ kind: Kind, status: Int? = nil, retryAfter: Duration? = nil, requestSent: Bool = true,
                body: String? = nil, description: String, underlying: (any Error & Sendable)? = nil) {
        self.kind = kind
        self.status = status
        self.retryAfter = retryAfter
        self.requestSent = requestSent
        self.body = body
        self.description = description
        self.underlying = underlying
    }

    /// Whether a later attempt of the same request may succeed: rate-limited, server and transport failures.
    public var isRetryable: Bool { kind.isRetryable }

    /// Whether the request may have changed the account: it was sent, and the answer does not prove it was
    /// refused unprocessed (a server error, a lost answer, a cancelled request in flight).
    public var mayHaveReachedAPI: Bool {
        guard requestSent else { return false }
        switch kind {
        case .server, .transport, .cancelled: return true
        case .authentication, .rateLimited, .budgetExhausted, .invalidData, .redirected: return false
        }
    }

    /// Whether the whole run must stop: refused credentials, a spent budget, a stop or cancellation.
    public var stopsRun: Bool { kind.stopsRun }
}
