import AsyncHTTPClient
import CTBulkCore
import Foundation
import Logging
import NIOCore

/// The Calltouch phone-service client: one method per operation, one HTTP request per attempt.
///
/// Every request first passes the ``gate`` (`try await gate.acquire()`), so one limiter can govern all reads, writes
/// and retries of a run. The client never retries: wrap calls in ``withRetries(backoff:maxAttempts:isolation:onRetry:_:)``
/// (or your own loop). Every failure is a ``CalltouchError``.
///
/// The `HTTPClient` is injected and owned by the caller (create it with
/// ``CalltouchConfiguration/httpClientConfiguration`` so that redirects are not followed and the timeouts apply), or
/// use ``withCalltouchClient(configuration:gate:logger:isolation:_:)`` to have one created and shut down for you.
public struct CalltouchClient: Sendable {
    /// A read answer larger than this is refused as a server error.
    public static let maxResponseBytes = 16 * 1024 * 1024

    /// Where and as whom requests are sent.
    public let configuration: CalltouchConfiguration
    /// What every request passes before it is sent.
    public let gate: any RequestGate
    let httpClient: HTTPClient
    let logger: Logger

    /// A client on a caller-owned `HTTPClient`.
    /// - Parameters:
    ///   - logger: receives `debug` (one line per request: endpoint, number, status, latency) and `trace` (bodies)
    ///     messages; never the token. Silent by default.
    public init(configuration: CalltouchConfiguration, httpClient: HTTPClient, gate: any RequestGate,
                logger: Logger = CalltouchClient.silentLogger) {
        self.configuration = configuration
        self.httpClient = httpClient
        self.gate = gate
        self.logger = logger
    }

    /// A logger that drops everything.
    public static var silentLogger: Logger {
        Logger(label: "ctbulk.calltouch", factory: { _ in SwiftLogNoOpLogHandler() })
    }

    // MARK: - Writes

    /// Updates the settings of a number already used in a pool (`ad-platform/phone/update`). Only the fields
    /// `settings` sets are sent; `redirectType` is always `PSTN`. Success is any 2xx (documented: 200, empty body).
    /// - Throws: ``CalltouchError``; `invalidData` without sending anything when `settings` sets nothing.
    public func updateSettings(of number: PhoneNumber, to settings: NumberSettings) async throws(CalltouchError) {
        try await write(.update, number: number, settings: settings)
    }

    /// Adds pool and redirect settings to a free number (assumed `ad-platform/phone/create`; same body as update).
    /// - Throws: ``CalltouchError``; `invalidData` without sending anything when `settings` sets nothing.
    public func createSettings(of number: PhoneNumber, to settings: NumberSettings) async throws(CalltouchError) {
        try await write(.create, number: number, settings: settings)
    }

    /// Removes the pool and redirect settings of a number (`ad-platform/phone/delete`): the number becomes free.
    public func deleteSettings(of number: PhoneNumber) async throws(CalltouchError) {
        _ = try await send(.delete, body: WirePhoneNumberRequest(phoneNumber: number.digits), number: number)
    }

    func write(_ endpoint: CalltouchEndpoint, number: PhoneNumber, settings: NumberSettings)
        async throws(CalltouchError)
    {
        guard !settings.isEmpty else {
            throw CalltouchError(.invalidData, endpoint: endpoint, phoneNumber: number,
                                 detail: "nothing to set: the API needs at least one of poolName, displayOptions, "
                                     + "redirectOptions")
        }
        _ = try await send(endpoint, body: WireSettingsRequest(number: number, settings: settings), number: number)
    }

    // MARK: - Reads

    /// Reads the settings of any number of numbers (assumed `ad-platform/phone/list`), in batches of
    /// ``CalltouchConfiguration/readBatchSize`` (one request each, each through the gate). Duplicates are asked once.
    ///
    /// - Returns: every asked number: ``LiveNumber/used(_:)`` with its settings, ``LiveNumber/free`` when the answer
    ///   has `displayOptions: null`, ``LiveNumber/unknown`` when the answer leaves it out (not in the account).
    /// - Throws: the first failing batch's ``CalltouchError`` (a malformed answer is `server`); earlier batches are
    ///   lost, so to retry batch by batch call this with at most `readBatchSize` numbers at a time.
    public func readSettings(of numbers: some Sequence<PhoneNumber>) async throws(CalltouchError)
        -> [PhoneNumber: LiveNumber]
    {
        var seen = Set<PhoneNumber>()
        let unique = numbers.filter { seen.insert($0).inserted }
        var result: [PhoneNumber: LiveNumber] = [:]
        result.reserveCapacity(unique.count)
        let size = max(configuration.readBatchSize, 1)
        for start in stride(from: 0, to: unique.count, by: size) {
            let batch = Array(unique[start..<min(start + size, unique.count)])
            let single = batch.count == 1 ? batch[0] : nil
            let bytes = try await send(.list, body: WireListRequest(phoneNumbers: batch.map(\.digits)), number: single,
                                       count: batch.count)
            let records = try decode([WireNumberRecord].self, from: bytes, endpoint: .list, number: single)
            let asked = Set(batch)
            var answered: [PhoneNumber: LiveNumber] = [:]
            for record in records {
                do {
                    let (number, state) = try record.model()
                    if asked.contains(number) { answered[number] = state }
                } catch {
                    throw malformed(.list, number: single, body: bytes, detail: error.description)
                }
            }
            for number in batch { result[number] = answered[number] ?? .unknown }
        }
        return result
    }

    /// Lists redirect scenarios (`call-redirect/list`): one record per matching number. More than
    /// ``CalltouchConfiguration/maxRedirectIdsPerRequest`` redirect ids are split into several requests (each
    /// through the gate) whose answers are concatenated.
    public func listRedirects(matching filter: RedirectFilter = RedirectFilter()) async throws(CalltouchError)
        -> [RedirectRecord]
    {
        var seenIds = Set<Int>()
        let ids = filter.redirectIds.filter { seenIds.insert($0).inserted }
        let chunkSize = CalltouchConfiguration.maxRedirectIdsPerRequest
        let chunks: [[Int]?] = ids.isEmpty
            ? [nil]
            : stride(from: 0, to: ids.count, by: chunkSize).map { Array(ids[$0..<min($0 + chunkSize, ids.count)]) }
        var records: [RedirectRecord] = []
        var seen = Set<RedirectRecord>()
        for chunk in chunks {
            let bytes = try await send(.redirectList, body: WireRedirectListRequest(filter, redirectIds: chunk),
                                       number: nil)
            for wire in try decode([WireRedirectRecord].self, from: bytes, endpoint: .redirectList, number: nil) {
                do {
                    let record = try wire.model()
                    if seen.insert(record).inserted { records.append(record) }
                } catch {
                    throw malformed(.redirectList, number: nil, body: bytes, detail: error.description)
                }
            }
        }
        return records
    }

    // MARK: - One request

    /// Sends one request (after the gate) and returns the body of a 2xx answer; anything else is a CalltouchError.
    /// `count` is the number of numbers a read asks about (logged).
    func send(_ endpoint: CalltouchEndpoint, body: some Encodable, number: PhoneNumber?, count: Int? = nil)
        async throws(CalltouchError) -> [UInt8]
    {
        let payload: Data
        do {
            payload = try Self.encodeBody(body)
        } catch {
            throw failure(.invalidData, endpoint, number, detail: "cannot encode the request: \(error)")
        }
        var request = HTTPClientRequest(url: configuration.url(for: endpoint))
        request.method = .POST
        request.headers.add(name: "Access-Token", value: configuration.credentials.accessToken)
        request.headers.add(name: "SiteId", value: configuration.siteId)
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: payload))

        var metadata: Logger.Metadata = ["calltouch.endpoint": "\(endpoint)"]
        if let number { metadata["calltouch.number"] = "\(number)" }
        if let count { metadata["calltouch.count"] = "\(count)" }
        logger.trace("calltouch request body", metadata: metadata.merging(
            ["calltouch.body": "\(String(decoding: payload, as: UTF8.self))"], uniquingKeysWith: { $1 }))

        do {
            try await gate.acquire()
        } catch is CancellationError {
            var error = failure(.cancelled, endpoint, number, detail: "cancelled while waiting for the rate limiter")
            error.requestSent = false
            throw error
        } catch {
            var error = failure(.transport, endpoint, number, detail: "the request gate failed: \(error)")
            error.requestSent = false
            throw error
        }
        if Task.isCancelled {
            var error = failure(.cancelled, endpoint, number, detail: "cancelled before sending")
            error.requestSent = false
            throw error
        }

        let started = ContinuousClock.now
        let status: Int
        let retryAfterValue: String?
        let location: String?
        let bytes: [UInt8]
        do {
            let response = try await httpClient.execute(request, timeout: configuration.readTimeout.timeAmount,
                                                        logger: logger)
            status = Int(response.status.code)
            if status == 429 { gate.serverRejectedForRate() }
            retryAfterValue = response.headers.first(name: "Retry-After")
            location = response.headers.first(name: "Location")
            do {
                let buffer = try await response.body.collect(upTo: Self.maxResponseBytes)
                bytes = Array(buffer.readableBytesView)
            } catch is NIOTooManyBytesError {
                throw failure(.server, endpoint, number, status: status,
                              detail: "the answer is larger than \(Self.maxResponseBytes) bytes")
            }
        } catch let error as CalltouchError {
            log(error, latency: ContinuousClock.now - started, metadata: metadata)
            throw error
        } catch {
            let failure = transportFailure(error, endpoint, number)
            log(failure, latency: ContinuousClock.now - started, metadata: metadata)
            throw failure
        }
        let latency = ContinuousClock.now - started
        metadata["calltouch.status"] = "\(status)"
        metadata["calltouch.latency_ms"] = "\(latency.milliseconds)"
        let text = String(decoding: bytes, as: UTF8.self)
        if !text.isEmpty {
            let shown = Self.scrubbed(CalltouchError.truncated(text), token: configuration.credentials.accessToken)
            logger.trace("calltouch answer body", metadata: metadata.merging(
                ["calltouch.body": "\(shown)"], uniquingKeysWith: { $1 }))
        }

        if let category = CalltouchError.category(forStatus: status, body: text) {
            let retryAfter = retryAfterValue.flatMap { RetryAfter.parse($0) }
            var detail = "HTTP \(status)"
            if category == .redirected {
                detail += " redirect to " + (location.map { Self.scrubbed(CalltouchError.truncated($0), token: configuration.credentials.accessToken) } ?? "(no Location)")
                    + "; not followed: check --base-url"
            }
            let error = failure(category, endpoint, number, status: status, body: bytes, retryAfter: retryAfter,
                                detail: detail)
            log(error, latency: latency, metadata: metadata)
            throw error
        }
        logger.debug("calltouch request succeeded", metadata: metadata)
        return bytes
    }

    /// The JSON of a request body: keys sorted (deterministic), slashes and non-ASCII text not escaped.
    static func encodeBody(_ body: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(body)
    }

    func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8], endpoint: CalltouchEndpoint, number: PhoneNumber?)
        throws(CalltouchError) -> T
    {
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw malformed(endpoint, number: number, body: bytes, detail: Self.describe(error))
        } catch {
            throw malformed(endpoint, number: number, body: bytes, detail: "\(error)")
        }
    }

    func malformed(_ endpoint: CalltouchEndpoint, number: PhoneNumber?, body: [UInt8], detail: String)
        -> CalltouchError
    {
        let error = failure(.server, endpoint, number, status: 200, body: body,
                            detail: "malformed answer: \(detail)")
        logger.debug("calltouch answer malformed", metadata: [
            "calltouch.endpoint": "\(endpoint)", "calltouch.error": "\(error.detail)",
        ])
        return error
    }

    // MARK: - Errors

    /// An error whose body and detail are scrubbed of the token.
    func failure(_ category: CalltouchError.Category, _ endpoint: CalltouchEndpoint, _ number: PhoneNumber?,
                 status: Int? = nil, body: [UInt8]? = nil, retryAfter: Duration? = nil, detail: String)
        -> CalltouchError
    {
        let token = configuration.credentials.accessToken
        return CalltouchError(
            category, endpoint: endpoint, phoneNumber: number, status: status,
            body: body.map { Self.scrubbed(String(decoding: $0, as: UTF8.self), token: token) },
            retryAfter: retryAfter, detail: Self.scrubbed(detail, token: token))
    }

    /// Any error from the HTTP layer: cancellation, or else transport.
    func transportFailure(_ error: any Error, _ endpoint: CalltouchEndpoint, _ number: PhoneNumber?)
        -> CalltouchError
    {
        if error is CancellationError || (Task.isCancelled && (error as? HTTPClientError) == .cancelled) {
            return failure(.cancelled, endpoint, number, detail: "cancelled while the request was in flight")
        }
        let detail: String
        let httpError = error as? HTTPClientError
        if httpError == .deadlineExceeded || httpError == .readTimeout {
            detail = "no answer within \(configuration.readTimeout) (read timeout)"
        } else if httpError == .connectTimeout {
            detail = "cannot connect within \(configuration.connectTimeout) (connect timeout)"
        } else if httpError == .remoteConnectionClosed {
            detail = "the server closed the connection before answering"
        } else {
            detail = Self.connectionProblem(error) ?? "\(error)"
        }
        return failure(.transport, endpoint, number, detail: detail)
    }

    /// A socket-level failure in words (`connection refused`, …), from what the HTTP layer reports; nil when it is
    /// none of the known ones.
    static func connectionProblem(_ error: any Error) -> String? {
        let text = String(describing: error).lowercased()
        if text.contains("connection refused") || text.contains("errno: 111") { return "connection refused (nothing answers at that address and port)" }
        if text.contains("connection reset") || text.contains("errno: 104") { return "the connection was reset" }
        if text.contains("network is unreachable") || text.contains("errno: 101") { return "the network is unreachable" }
        if text.contains("no route to host") || text.contains("errno: 113") { return "no route to the host" }
        if text.contains("name or service not known") || text.contains("nodename nor servname") || text.contains("resolution")
            || text.contains("dns") { return "the host name cannot be resolved" }
        if text.contains("certificate") || text.contains("handshake") || text.contains("tls") { return "the TLS connection failed (\(error))" }
        return nil
    }

    func log(_ error: CalltouchError, latency: Duration, metadata: Logger.Metadata) {
        var metadata = metadata
        if let status = error.status { metadata["calltouch.status"] = "\(status)" }
        metadata["calltouch.latency_ms"] = "\(latency.milliseconds)"
        metadata["calltouch.category"] = "\(error.category.rawValue)"
        logger.debug("calltouch request failed: \(error.detail)", metadata: metadata)
    }

    static func scrubbed(_ text: String, token: String) -> String {
        guard !token.isEmpty, text.contains(token) else { return text }
        return text.replacingOccurrences(of: token, with: "***")
    }

    /// `at [3].redirectOptions.reserveRedirect.reserveTimeOut: expected an integer`.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.hasPrefix(".") ? String(text.dropFirst()) : (text.isEmpty ? "the top level" : text)
        }
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "at \(path(context.codingPath)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "at \(path(context.codingPath)): \(key.stringValue) is missing"
        @unknown default:
            return "\(error)"
        }
    }
}
