import CTBulkCore
import CTBulkSandbox
import CTBulkTestSupport
import Testing
import UISDataAPI

@Suite("Request gate")
struct GateTests {
    @Test("every request, logins and retries included, passes the gate first")
    func everyRequestPassesTheGate() async throws {
        let uis = UISSandboxConfiguration(numberCount: 100,
                                          injectedErrors: [UISInjectedError(mnemonic: "internal_error", count: 1)])
        let clock = RunClock.virtual(VirtualClock())
        try await Sandbox.withSandbox(SandboxConfiguration(rateLimit: nil, uis: uis, clock: clock)) { running in
            let gate = CountingGate()
            let client = UISClient(
                configuration: UISClientConfiguration(
                    endpoint: try UISEndpoint(running.uisURL.absoluteString),
                    credentials: .login(user: uis.login, password: uis.password),
                    backoff: Backoff(base: .milliseconds(1), cap: .milliseconds(2), maxAttempts: 3)),
                transport: AsyncHTTPClientTransport(), gate: gate, clock: clock)
            _ = try await client.all(VirtualNumber.self, query: UISQuery(limit: 30))
            let statistics = client.statistics
            #expect(statistics.logins == 1)
            #expect(statistics.transientRetries == 1)
            #expect(statistics.requests == 1 + 1 + 4)  // failed login, login, 4 pages
            #expect(gate.acquired == statistics.requests)
        }
    }
}
