import CTBulkCore
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The embedded fake of the Calltouch phone-service API (and, at `POST /v2.0`, of the UIS Data API).
///
/// ```swift
/// try await Sandbox.withSandbox(.demo) { sandbox in
///     // point a client at sandbox.baseURL with Access-Token "sandbox-token" and SiteId "1"
/// }
/// ```
///
/// **Calltouch methods** (`POST`, paths of ``SandboxEndpoint``, bodies as in `docs/calltouch-wire.md`). Each request
/// goes through, in order: authentication (`Access-Token` and `SiteId` must equal the configured ones, else
/// 401 `unauthorized`), the rate limit (429 `too_many_requests` with `Retry-After: 1`; a refused request is not
/// logged), the points budget (403 `points_exhausted`), fault injection (one draw per request, in arrival order),
/// then the method: 400 `invalid_request` (with `field`), 400 `number_is_free` (update or delete of a free number),
/// 400 `number_in_use` (create on a used number), 404 `number_not_found`. A success costs one point: writes answer
/// 200 with an empty body, reads 200 with JSON. Every error body is
/// `{"error": "<code>", "message": "...", "field": "<path>"?}` with `Content-Type: application/json`; a route that
/// does not exist gets 404 `unknown_path`.
///
/// **Admin routes** (no token, no limits, no faults, no points): `GET /_sandbox/state` (every number, sorted, in
/// the list answer's shape), `GET /_sandbox/stats` (``SandboxStats``), `POST /_sandbox/reset`,
/// `POST /_sandbox/budget` (optional `{"budget": N}`; answers `{"used": 0, "budget": N}`),
/// `PUT /_sandbox/numbers/<n>` (an API-shaped body; `{}` or `null` frees the number; answers its record),
/// `DELETE /_sandbox/numbers/<n>`, `GET`/`PUT /_sandbox/config` (`{"rateLimit": 5 | null, "rateLimitWindowMs",
/// "latencyMs", "faults": "<spec>", "seed", "hangMs", "holdWritesAfter"}`; every key optional on PUT).
public enum Sandbox {
    /// How long a graceful stop may take before in-flight requests are cancelled.
    static let shutdownGrace: Duration = .seconds(5)

    /// Starts a sandbox, runs `body` with it, then stops it (gracefully: hung requests are released, connections
    /// closed) and returns what `body` returned. Throws ``SandboxError`` when the configuration is invalid or the
    /// server cannot listen; rethrows what `body` throws (after stopping).
    public static func withSandbox<T>(
        _ configuration: SandboxConfiguration,
        _ body: (RunningSandbox) async throws -> T
    ) async throws -> T {
        try configuration.validate()
        let engine = SandboxEngine(configuration: configuration)
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = application(engine: engine) { port in
            portContinuation.yield(port)
            portContinuation.finish()
        }
        let group = ServiceGroup(configuration: groupConfiguration(app, signals: [], logger: frameworkLogger(configuration)))
        return try await withThrowingTaskGroup(of: Void.self, returning: T.self) { tasks in
            tasks.addTask {
                defer { portContinuation.finish() }
                try await group.run()
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else {
                do {
                    try await tasks.waitForAll()
                } catch {
                    throw SandboxError.didNotStart("\(error)")
                }
                throw SandboxError.didNotStart("the server stopped before it was listening")
            }
            configuration.logger.debug("sandbox listening", metadata: ["port": "\(port)"])
            let running = RunningSandbox(engine: engine, host: configuration.host, port: port)
            let result: Result<T, any Error>
            do {
                result = .success(try await body(running))
            } catch {
                result = .failure(error)
            }
            await group.triggerGracefulShutdown()
            do {
                try await tasks.waitForAll()
            } catch {
                if case .success = result { throw error }
            }
            configuration.logger.debug("sandbox stopped", metadata: ["port": "\(port)"])
            return try result.get()
        }
    }

    /// Runs a sandbox until SIGINT or SIGTERM, then stops it gracefully. `onReady` is called once it listens
    /// (print ``RunningSandbox/summaryLine`` there).
    public static func runForeground(
        _ configuration: SandboxConfiguration,
        onReady: @escaping @Sendable (RunningSandbox) -> Void
    ) async throws {
        try configuration.validate()
        let engine = SandboxEngine(configuration: configuration)
        let app = application(engine: engine) { port in
            onReady(RunningSandbox(engine: engine, host: configuration.host, port: port))
        }
        let group = ServiceGroup(configuration: groupConfiguration(app, signals: [.sigterm, .sigint],
                                                                   logger: frameworkLogger(configuration)))
        try await group.run()
    }

    /// The line `ctbulk sandbox` prints once listening, e.g.
    /// `Calltouch sandbox on http://127.0.0.1:54321 — Access-Token sandbox-token, SiteId 1; 32 numbers (12 used,
    /// 20 free); rate limit 5/s; budget 100000 points; faults none; latency 0 ms; seed 0; UIS Data API at
    /// http://127.0.0.1:54321/v2.0 — access_token sandbox-uis-token`. A token other than the default is not printed.
    public static func summaryLine(_ configuration: SandboxConfiguration, baseURL: URL) -> String {
        let used = configuration.initialNumbers.values.filter { $0.map { !$0.isEmpty } ?? false }.count
        let total = configuration.initialNumbers.count
        let token = configuration.accessToken == SandboxConfiguration.defaultAccessToken
            ? configuration.accessToken : "(as given)"
        let uisToken = configuration.uis.token == UISSandboxConfiguration.defaultToken
            ? configuration.uis.token : "(as given)"
        let limit = configuration.rateLimit.map { limit in
            configuration.rateLimitWindow == .seconds(1)
                ? "\(limit)/s" : "\(limit) per \(RuntimeSettings.milliseconds(configuration.rateLimitWindow)) ms"
        } ?? "none"
        return "Calltouch sandbox on \(baseURL.absoluteString) — Access-Token \(token), SiteId \(configuration.siteID); "
            + "\(total) numbers (\(used) used, \(total - used) free); rate limit \(limit); "
            + "budget \(configuration.pointsBudget) points; faults \(configuration.faults); "
            + "latency \(RuntimeSettings.milliseconds(configuration.latency)) ms; seed \(configuration.seed); "
            + "UIS Data API at \(baseURL.absoluteString)/v2.0 — access_token \(uisToken)"
    }

    // MARK: Plumbing

    private static func application(
        engine: SandboxEngine,
        onListening: @escaping @Sendable (Int) -> Void
    ) -> some Service {
        let configuration = engine.configuration
        let logger = frameworkLogger(configuration)
        let router = SandboxRouter.make(engine: engine, logger: configuration.logger)
        let bindHost = configuration.host.hasPrefix("[") ? String(configuration.host.dropFirst().dropLast())
                                                         : configuration.host
        return Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(bindHost, port: configuration.port)),
            onServerRunning: { channel in
                onListening(channel.localAddress?.port ?? configuration.port)
            },
            logger: logger
        )
    }

    private static func groupConfiguration(_ service: some Service, signals: [UnixSignal],
                                           logger: Logger) -> ServiceGroupConfiguration {
        var group = ServiceGroupConfiguration(services: [service], gracefulShutdownSignals: signals, logger: logger)
        group.maximumGracefulShutdownDuration = shutdownGrace
        return group
    }

    /// Hummingbird's and ServiceLifecycle's logger: the configured one, but unless it is at debug or trace their
    /// informational lines ("Server started ...") are silenced, so the sandbox says nothing above debug by default.
    private static func frameworkLogger(_ configuration: SandboxConfiguration) -> Logger {
        var logger = configuration.logger
        if logger.logLevel > .debug { logger.logLevel = max(logger.logLevel, .warning) }
        return logger
    }
}
