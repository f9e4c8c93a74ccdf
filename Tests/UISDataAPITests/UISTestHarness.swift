import Synchronization
import AsyncHTTPClient
import CTBulkCore
import CTBulkSandbox
import CTBulkTestSupport
import Foundation
import UISDataAPI

/// Starts the sandbox on a free loopback port with the given UIS fake settings and hands a client pointed at it.
/// Sandbox and client share one virtual clock (a fresh one unless given): every wait of the client (limit resets,
/// back-off) ends at once and moves the time both see, so sessions and point windows expire exactly.
func withUIS<T>(
    _ uis: UISSandboxConfiguration = UISSandboxConfiguration(),
    credentials: UISCredentials? = nil,
    seed: UInt64 = 7,
    clock: VirtualClock = VirtualClock(),
    configure: (inout UISClientConfiguration) -> Void = { _ in },
    _ body: (UISClient, RunningSandbox) async throws -> T
) async throws -> T {
    let configuration = SandboxConfiguration(rateLimit: nil, seed: seed, uis: uis, clock: .virtual(clock))
    return try await Sandbox.withSandbox(configuration) { running in
        let client = try makeClient(running, credentials: credentials ?? .accessToken(uis.token), configure: configure)
        return try await body(client, running)
    }
}

/// A client for a running sandbox, on the sandbox's clock; short retries.
func makeClient(_ running: RunningSandbox, credentials: UISCredentials,
                configure: (inout UISClientConfiguration) -> Void = { _ in }) throws -> UISClient {
    var configuration = UISClientConfiguration(
        endpoint: try UISEndpoint(running.uisURL.absoluteString), credentials: credentials,
        requestTimeout: .seconds(120), resetMargin: .milliseconds(50),
        backoff: Backoff(base: .milliseconds(5), cap: .milliseconds(20), maxAttempts: 3))
    configure(&configuration)
    return UISClient(configuration: configuration, transport: AsyncHTTPClientTransport(), clock: running.configuration.clock)
}

/// Runs `body` expecting a ``UISError`` and returns it (nil when nothing or something else was thrown).
func uisError(_ body: () async throws -> Void) async -> UISError? {
    do {
        try await body()
        return nil
    } catch let error as UISError {
        return error
    } catch {
        return nil
    }
}

/// A small fake server for tests of paging arithmetic: answers `get.*` with `total` records whose ids are their
/// positions, and records every (offset, limit) asked for.
final class PositionServer: Sendable {
    let total: Int
    let requests = Mutex<[(offset: Int, limit: Int)]>([])

    init(total: Int) { self.total = total }

    var transport: ClosureTransport {
        ClosureTransport { [self] _, body in
            let request = try JSONDecoder().decode(UISValue.self, from: Data(body))
            guard case .object(let root) = request, case .object(let params)? = root["params"] else {
                return UISHTTPResponse(status: 400, body: [])
            }
            var offset = 0, limit = 1000
            if case .int(let value)? = params["offset"] { offset = value }
            if case .int(let value)? = params["limit"] { limit = value }
            requests.withLock { $0.append((offset, limit)) }
            let ids = offset < total ? Array(offset..<min(offset + limit, total)) : []
            let data = ids.map { "{\"id\":\($0),\"name\":\"n\($0)\"}" }.joined(separator: ",")
            let text = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"data\":[\(data)],\"metadata\":{\"total_items\":\(total),\"limits\":{}}}}"
            return UISHTTPResponse(status: 200, body: Array(text.utf8))
        }
    }
}
