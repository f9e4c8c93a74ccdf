import AsyncHTTPClient
import CTBulkCore
import CTBulkEngine
import CTBulkSandbox
import CalltouchAPI
import Foundation
import Logging

/// Everything a command needs to talk to the API: the client, the run's one rate limiter, and the sandbox when
/// `--sandbox` started one.
struct APISession {
    let client: CalltouchClient
    /// The machine-wide limit for the API host, shared with every other ctbulk process that talks to it.
    let limiter: HostRateLimiter
    let sandbox: RunningSandbox?
    let rate: Int
    /// Set when a run stops (Ctrl-C, budget, breaker, credentials): requests still waiting for the limiter are not
    /// sent.
    let stopSignal: StopSignal
    /// The clock of every wait and record of the session.
    let clock: RunClock

    /// `SiteId 1 at https://api.calltouch.ru` (never the token).
    var accountLabel: String { "SiteId \(client.configuration.siteId) at \(client.configuration.baseURL)" }

    enum Failure: Error {
        case configuration(CalltouchConfigurationError)
        case sandbox(String)
        /// The user declined to go on at a rate above the API's documented limit.
        case rateDeclined(Int)
    }

    /// The API's documented limit: requests per second per IP address.
    static let documentedRateLimit = 5

    /// Builds the session (starting the sandbox for `--sandbox`), runs `body`, and tears everything down.
    static func with<T: Sendable>(_ options: APIOptions, console: any Console, language: Language,
                                  sandboxConfiguration: SandboxConfiguration = .demo,
                                  ask: Bool = true,
                                  _ body: @Sendable (APISession) async throws -> T) async throws -> T {
        // The documented limit is the real API's; a sandbox (built in, or on a loopback address) has its own.
        let loopback = AccountIdentity.canonicalHost(options.baseURL ?? CalltouchConfiguration.defaultBaseURL).contains("://127.")
        if !options.sandbox && !loopback && options.rate > documentedRateLimit {
            console.err(language.text("confirm.rate_warning", ["rate": .text(String(options.rate)),
                                                               "limit": .text(String(documentedRateLimit))]))
            if ask && console.isInteractive {
                console.errInline(language.text("confirm.rate_prompt", ["rate": .count(options.rate)]))
                guard Confirmation.isYes(console.readLine()) else { throw Failure.rateDeclined(options.rate) }
            }
        }
        if options.sandbox {
            var configuration = sandboxConfiguration
            configuration.rateLimit = max(options.rate, 1)
            return try await Sandbox.withSandbox(configuration) { running in
                console.err(language.text("sandbox.using", ["url": .text(running.baseURL.absoluteString)]))
                let credentials: CalltouchCredentials
                do {
                    credentials = try CalltouchCredentials(accessToken: configuration.accessToken, siteId: configuration.siteID)
                } catch let error as CalltouchConfigurationError {
                    throw Failure.configuration(error)
                }
                var api = options
                api.baseURL = running.baseURL.absoluteString
                return try await run(api, credentials: credentials, sandbox: running, body)
            }
        }
        let credentials: CalltouchCredentials
        do {
            credentials = try CalltouchCredentials.resolve(tokenFile: options.tokenFile, siteId: options.siteID,
                                                           environment: options.environment)
        } catch {
            throw Failure.configuration(error)
        }
        return try await run(options, credentials: credentials, sandbox: nil, body)
    }

    private static func run<T: Sendable>(_ options: APIOptions, credentials: CalltouchCredentials, sandbox: RunningSandbox?,
                                         _ body: @Sendable (APISession) async throws -> T) async throws -> T {
        var paths = CalltouchPaths()
        if let create = options.createPath { paths.create = create }
        if let list = options.listPath { paths.list = list }
        let configuration: CalltouchConfiguration
        do {
            configuration = try CalltouchConfiguration(
                baseURL: options.baseURL ?? CalltouchConfiguration.defaultBaseURL,
                credentials: credentials, paths: paths,
                readBatchSize: options.readBatchSize ?? CalltouchConfiguration.defaultReadBatchSize,
                readTimeout: .seconds(options.timeoutSeconds ?? 30))
        } catch {
            throw Failure.configuration(error)
        }
        let clock = RunClock.system
        let limiter = HostRateLimiter(directory: StateDirectory.rates(options.resolvedStateDirectory),
                                      host: AccountIdentity.canonicalHost(configuration.baseURL), limit: max(options.rate, 1),
                                      margin: options.rateMarginMilliseconds.map { .milliseconds($0) }
                                          ?? HostRateLimiter.defaultMargin,
                                      // The operator's margin holds as given; the default widens while the host is shared.
                                      sharedMargin: options.rateMarginMilliseconds == nil ? HostRateLimiter.defaultSharedMargin : nil,
                                      clock: clock)
        let stopSignal = StopSignal()
        return try await withCalltouchClient(configuration: configuration, gate: StoppableGate(limiter, signal: stopSignal)) { client in
            try await body(APISession(client: client, limiter: limiter, sandbox: sandbox, rate: max(options.rate, 1),
                                      stopSignal: stopSignal, clock: clock))
        }
    }
}
