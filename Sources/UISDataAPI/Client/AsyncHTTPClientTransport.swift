import AsyncHTTPClient

/// The real transport: AsyncHTTPClient.
public struct AsyncHTTPClientTransport: UISTransport {
    /// Answers larger than this are refused (a 10,000-record page is a few MB).
    public static let maximumResponseBytes = 64 * 1024 * 1024

    let client: HTTPClient

    /// A transport over the given client; the caller owns its lifecycle (`HTTPClient.shared` needs none).
    public init(client: HTTPClient = .shared) {
        self.client = client
    }

    public func post(url: String, body: [UInt8], timeout: Duration) async throws -> UISHTTPResponse {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json; charset=UTF-8")
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "ctbulk")
        request.body = .bytes(body)
        let millis = timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000
        let response = try await client.execute(request, timeout: .milliseconds(max(millis, 1)))
        let buffer = try await response.body.collect(upTo: Self.maximumResponseBytes)
        return UISHTTPResponse(status: Int(response.status.code), body: Array(buffer.readableBytesView))
    }
}
