#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import AsyncHTTPClient
import CTBulkCore
import Foundation

/// Everything a ``CalltouchClient`` needs to know: where the API is, who is asking, which paths, batch size, timeouts.
///
/// The description shows the credentials redacted, never the token.
public struct CalltouchConfiguration: Sendable, CustomStringConvertible {
    /// `https://api.calltouch.ru`.
    public static let defaultBaseURL = "https://api.calltouch.ru"
    /// How many numbers one read (`list`) request carries by default.
    public static let defaultReadBatchSize = 50
    /// The documented maximum of `redirectOptions.redirectIds` in one `call-redirect/list` request.
    public static let maxRedirectIdsPerRequest = 50
    /// Connections the `HTTPClient` this module creates may keep open to the API host: as many as `apply` ever keeps
    /// requests in flight (its default concurrency is at most 64). AsyncHTTPClient's own default is 8, and a request
    /// beyond that waits for a connection *after* it passed the rate limiter, so the achieved rate fell to
    /// 8 / latency (about 360 requests/s at a 20 ms latency; below 5/s once the API answers slower than 1.6 s).
    /// Connections are opened on demand only, one per request in flight (about 5 at 5 requests/s).
    public static let defaultMaximumConnections = 64

    /// The base URL without a trailing slash, e.g. `https://api.calltouch.ru` or `http://127.0.0.1:8080`.
    public let baseURL: String
    /// Token and site id.
    public var credentials: CalltouchCredentials
    /// Endpoint paths.
    public var paths: CalltouchPaths
    /// How many numbers one read request carries (at least 1); ``CalltouchClient/readSettings(of:)`` splits larger
    /// inputs into batches of this size.
    public var readBatchSize: Int
    /// Longest wait for a TCP (and TLS) connection. Applied to the `HTTPClient` this module creates
    /// (``httpClientConfiguration``, ``withCalltouchClient(configuration:gate:logger:isolation:_:)``).
    public var connectTimeout: Duration
    /// Longest time one request may take, from sending it to the last byte of the answer. Applied to every request
    /// as its deadline, and as the read timeout of the `HTTPClient` this module creates.
    public var readTimeout: Duration
    /// Most connections kept to the API host (``defaultMaximumConnections``); at least the run's concurrency.
    public var maximumConnections: Int = defaultMaximumConnections

    /// The site id (from ``credentials``).
    public var siteId: String { credentials.siteId }

    /// Validates and builds a configuration.
    ///
    /// - Throws: ``CalltouchConfigurationError`` with category `invalidBaseURL` when the URL cannot be used,
    ///   `insecureBaseURL` when it is plain `http://` to a host that is not a loopback address (127.0.0.0/8,
    ///   `localhost`, `::1`), `invalidSetting` for a batch size below 1 or a timeout that is not positive.
    public init(
        baseURL: String = defaultBaseURL,
        credentials: CalltouchCredentials,
        paths: CalltouchPaths = CalltouchPaths(),
        readBatchSize: Int = defaultReadBatchSize,
        connectTimeout: Duration = .seconds(10),
        readTimeout: Duration = .seconds(30)
    ) throws(CalltouchConfigurationError) {
        self.baseURL = try Self.validatedBaseURL(baseURL)
        guard readBatchSize >= 1 else {
            throw CalltouchConfigurationError(.invalidSetting, Message("config.batch_size", ["value": .text(String(readBatchSize))]))
        }
        guard connectTimeout > .zero, readTimeout > .zero else {
            throw CalltouchConfigurationError(.invalidSetting, Message("config.timeouts"))
        }
        self.credentials = credentials
        self.paths = paths
        self.readBatchSize = readBatchSize
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
    }

    /// An `HTTPClient` configuration matching this one: connect and read timeouts set, redirects not followed (a
    /// redirect would carry the `Access-Token` header to wherever it points), up to ``maximumConnections`` connections
    /// to the host, a failed connection reported at once (not retried in silence). Use it when you create the `HTTPClient` you inject into ``CalltouchClient``.
    public var httpClientConfiguration: HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.timeout = .init(connect: connectTimeout.timeAmount, read: readTimeout.timeAmount)
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(maximumConnections, 1)
        // A refused connection fails the request at once: the caller's retries (with their back-off and a notice
        // per retry) decide what happens next, instead of the pool retrying in silence until the connect timeout.
        configuration.connectionPool.retryConnectionEstablishment = false
        return configuration
    }

    /// The full URL of one endpoint.
    public func url(for endpoint: CalltouchEndpoint) -> String {
        baseURL + CalltouchPaths.normalized(paths[endpoint])
    }

    /// `CalltouchConfiguration(baseURL: …, siteId: …, accessToken: ***, readBatchSize: …, …)`.
    public var description: String {
        "CalltouchConfiguration(baseURL: \(baseURL), siteId: \(siteId), accessToken: ***, readBatchSize: "
            + "\(readBatchSize), connectTimeout: \(connectTimeout), readTimeout: \(readTimeout))"
    }

    // MARK: - Base URL validation

    static func validatedBaseURL(_ text: String) throws(CalltouchConfigurationError) -> String {
        var trimmed = text.trimmingCharacters(in: .whitespaces)
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased() else {
            throw CalltouchConfigurationError(.invalidBaseURL, Message("config.url_unparsable", ["url": .text(text)]))
        }
        guard scheme == "https" || scheme == "http" else {
            throw CalltouchConfigurationError(.invalidBaseURL, Message("config.url_scheme", ["url": .text(text)]))
        }
        guard let host = url.host, !host.isEmpty else {
            throw CalltouchConfigurationError(.invalidBaseURL, Message("config.url_no_host", ["url": .text(text)]))
        }
        guard url.query == nil, url.fragment == nil, url.user == nil, url.password == nil else {
            throw CalltouchConfigurationError(.invalidBaseURL, Message("config.url_extras", ["url": .text(text)]))
        }
        if scheme == "http" && !isLoopback(host: host) {
            throw CalltouchConfigurationError(.insecureBaseURL, Message("config.url_insecure", ["host": .text(host)]))
        }
        return trimmed
    }

    /// Whether a URL host is a loopback address: `localhost`, an IPv4 address in 127.0.0.0/8, `::1` (or an
    /// IPv4-mapped 127.x address). Names other than `localhost` are not resolved.
    static func isLoopback(host rawHost: String) -> Bool {
        var host = rawHost
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host.lowercased() == "localhost" || host.lowercased() == "localhost." { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 {
            return UInt32(bigEndian: v4.s_addr) >> 24 == 127
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, host, &v6) == 1 {
            let bytes = withUnsafeBytes(of: &v6) { Array($0) }
            if bytes[0..<15].allSatisfy({ $0 == 0 }) && bytes[15] == 1 { return true }  // ::1
            if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF && bytes[12] == 127 {
                return true  // ::ffff:127.x.y.z
            }
        }
        return false
    }
}
