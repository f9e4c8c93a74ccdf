import AsyncHTTPClient
import CTBulkCore
import CTBulkSandbox
import Foundation
import NIOCore
import NIOHTTP1

/// One HTTP answer, read completely.
public struct HTTPAnswer: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: Int, headers: HTTPHeaders, body: [UInt8]) {
        self.status = status; self.headers = headers; self.body = body
    }

    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The body decoded as `T` (throws when it is not).
    public func decode<T: Decodable>(_ type: T.Type) throws -> T { try JSONDecoder().decode(T.self, from: Data(body)) }

    /// The body as a JSON object (dictionary), or nil.
    public var object: [String: Any]? { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] }

    /// Whether the body is valid JSON.
    public var isJSON: Bool { (try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])) != nil }

    /// The sandbox's `{"error", "message", "field"}` body.
    public var error: SandboxErrorBody? { try? decode(SandboxErrorBody.self) }
}

/// The sandbox's Calltouch error body.
public struct SandboxErrorBody: Decodable, Equatable, Sendable {
    public var error: String
    public var message: String
    public var field: String?
}

/// Raw calls to a running sandbox over real HTTP (loopback only). The default timeout (two minutes) only ends a call
/// that would otherwise hang a broken test: tests assert outcomes, never durations.
public enum Wire {
    static let client = HTTPClient.shared

    /// A Calltouch call with the default credentials unless others are given.
    public static func call(_ sandbox: RunningSandbox, _ endpoint: SandboxEndpoint, _ json: String,
                            token: String? = SandboxConfiguration.defaultAccessToken,
                            siteID: String? = SandboxConfiguration.defaultSiteID,
                            timeout: TimeAmount = .seconds(120)) async throws -> HTTPAnswer {
        var headers: [(String, String)] = [("Content-Type", "application/json")]
        if let token { headers.append(("Access-Token", token)) }
        if let siteID { headers.append(("SiteId", siteID)) }
        return try await send(sandbox, method: .POST, path: endpoint.path, body: json, headers: headers, timeout: timeout)
    }

    /// Any request to the sandbox.
    public static func send(_ sandbox: RunningSandbox, method: HTTPMethod, path: String, body: String? = nil,
                            headers: [(String, String)] = [], timeout: TimeAmount = .seconds(120)) async throws -> HTTPAnswer {
        try await send(url: sandbox.baseURL.absoluteString + path, method: method, body: body, headers: headers,
                       timeout: timeout)
    }

    /// Any request to a loopback URL.
    public static func send(url: String, method: HTTPMethod, body: String? = nil, headers: [(String, String)] = [],
                            timeout: TimeAmount = .seconds(120)) async throws -> HTTPAnswer {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await client.execute(request, timeout: timeout)
        let buffer = try await response.body.collect(upTo: 16 << 20)
        return HTTPAnswer(status: Int(response.status.code), headers: response.headers,
                          body: Array(buffer.readableBytesView))
    }

    /// An admin call (`/_sandbox/<path>`).
    public static func admin(_ sandbox: RunningSandbox, _ method: HTTPMethod, _ path: String,
                             body: String? = nil) async throws -> HTTPAnswer {
        try await send(sandbox, method: method, path: "/_sandbox/" + path, body: body)
    }

    /// The stats over HTTP.
    public static func stats(_ sandbox: RunningSandbox) async throws -> SandboxStats {
        try await admin(sandbox, .GET, "stats").decode(SandboxStats.self)
    }
}

extension SandboxConfiguration {
    /// The demo account without a rate limit (functional tests send many requests), on `clock`.
    public static func demoUnlimited(clock: RunClock = .system) -> SandboxConfiguration {
        var configuration = SandboxConfiguration.demo
        configuration.rateLimit = nil
        configuration.clock = clock
        return configuration
    }
}

extension SandboxStats {
    /// Every Calltouch request the sandbox received (rejected or not).
    public var calltouchRequests: Int { requests.filter { $0.key != "uis" }.values.reduce(0, +) }
}

/// Waits until `condition` holds, e.g. until the sandbox has counted a request that a manual clock now holds.
///
/// It polls every millisecond of real time rather than spinning on `Task.yield()`: on a two-core machine the
/// cooperative pool has two threads, and spinning waiters starve the very requests they wait for. Nothing depends on
/// how long it takes (the condition is an event, not a time), and it gives up after `limit` (generous: a failing
/// test ends instead of hanging) and returns false.
@discardableResult
public func eventually(limit: Duration = .seconds(600), _ condition: () -> Bool) async -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: limit)
    while clock.now < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(1))
    }
    return condition()
}

extension ManualClock {
    /// Waits until at least `count` tasks sleep on the clock, polling like ``eventually(limit:_:)``; false when that
    /// never happened.
    @discardableResult
    public func settle(sleepers count: Int, limit: Duration = .seconds(600)) async -> Bool {
        await eventually(limit: limit) { sleeperCount >= count }
    }
}
