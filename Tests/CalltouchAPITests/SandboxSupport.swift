import CTBulkCore
import CTBulkSandbox
import CTBulkTestSupport
import Logging
@testable import CalltouchAPI

/// Numbers of the small test account.
enum Account {
    static let used = phone("79001112233")
    static let free = phone("79001112234")
    static let unknown = phone("79009999999")
    static let second = phone("79001112235")

    static var secondSettings: NumberSettings {
        NumberSettings(poolName: "Лето", displayOptions: DisplayOptions(source: "google", medium: "cpc"),
                       redirectOptions: RedirectOptions(redirectNumber: phone("74950000001")))
    }

    /// Two used numbers (one with the full settings of the docs example) and a free one; no rate limit unless
    /// given; the sandbox on `clock` (a manual one makes its rate window exact).
    static func sandbox(rateLimit: Int? = nil, budget: Int = 100_000, faults: FaultSpec = .none, seed: UInt64 = 1,
                        token: String = SandboxConfiguration.defaultAccessToken,
                        clock: RunClock = .system) -> SandboxConfiguration {
        var configuration = SandboxConfiguration(accessToken: token, rateLimit: rateLimit, pointsBudget: budget,
                                                 faults: faults, seed: seed, hangDuration: .seconds(10), clock: clock)
        configuration.logger = .silent
        configuration.load(numbers: [used: Fixtures.fullSettings, free: nil, second: secondSettings])
        return configuration
    }
}

/// Starts a sandbox, points a client (on its own HTTPClient, through `gate`) at it and runs `body`.
func withSandboxClient<T>(
    _ sandboxConfiguration: SandboxConfiguration,
    token: String? = nil,
    siteId: String? = nil,
    readBatchSize: Int = CalltouchConfiguration.defaultReadBatchSize,
    readTimeout: Duration = .seconds(60),
    gate: any RequestGate = UnlimitedGate(),
    logger: Logger = CalltouchClient.silentLogger,
    _ body: (RunningSandbox, CalltouchClient) async throws -> T
) async throws -> T {
    try await Sandbox.withSandbox(sandboxConfiguration) { sandbox in
        let credentials = try CalltouchCredentials(accessToken: token ?? sandboxConfiguration.accessToken,
                                                   siteId: siteId ?? sandboxConfiguration.siteID)
        let configuration = try CalltouchConfiguration(
            baseURL: sandbox.baseURL.absoluteString, credentials: credentials, readBatchSize: readBatchSize,
            connectTimeout: .seconds(2), readTimeout: readTimeout)
        return try await withCalltouchClient(configuration: configuration, gate: gate, logger: logger) { client in
            try await body(sandbox, client)
        }
    }
}
