/// One HTTP answer: status and body.
public struct UISHTTPResponse: Sendable, Hashable {
    public var status: Int
    public var body: [UInt8]

    /// An answer with the given status and body.
    public init(status: Int, body: [UInt8]) {
        self.status = status; self.body = body
    }
}

/// Sends one JSON-RPC body with `POST` and returns the answer. ``AsyncHTTPClientTransport`` is the real one; tests
/// may pass a closure-backed one.
public protocol UISTransport: Sendable {
    /// POSTs `body` (`Content-Type: application/json; charset=UTF-8`) to `url`.
    /// - Throws: transport failures (connection, timeout); an HTTP error status is an answer, not a throw.
    func post(url: String, body: [UInt8], timeout: Duration) async throws -> UISHTTPResponse
}

/// A transport made of a closure (for tests and in-process fakes).
public struct ClosureTransport: UISTransport {
    let send: @Sendable (String, [UInt8]) async throws -> UISHTTPResponse

    /// A transport that hands each request to `send(url, body)`.
    public init(_ send: @escaping @Sendable (String, [UInt8]) async throws -> UISHTTPResponse) {
        self.send = send
    }

    public func post(url: String, body: [UInt8], timeout: Duration) async throws -> UISHTTPResponse {
        try await send(url, body)
    }
}
