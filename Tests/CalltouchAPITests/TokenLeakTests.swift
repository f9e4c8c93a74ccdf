import CTBulkCore
import CTBulkTestSupport
import CTBulkSandbox
import Testing
@testable import CalltouchAPI

/// The token must never appear in an error description or a log line, at any level.
@Suite("The token never leaks")
struct TokenLeakTests {
    static let token = "canary-token-Zq81-do-not-print"

    @Test("successes, every failure category and faults: no description or log line contains the token")
    func noLeak() async throws {
        let store = LogStore()
        var texts: [String] = []

        // Successes and API refusals, with trace logging of everything.
        // Successes and API refusals, with trace logging of everything. Budget: 6 successful requests.
        try await withSandboxClient(Account.sandbox(budget: 6, token: Self.token), logger: store.logger()) {
            _, client in
            _ = try await client.readSettings(of: [Account.used, Account.free, Account.unknown])
            _ = try await client.listRedirects(matching: RedirectFilter(poolName: "Весна"))
            try await client.updateSettings(of: Account.used, to: NumberSettings(poolName: "Новый"))
            try await client.createSettings(of: Account.free, to: Account.secondSettings)
            try await client.deleteSettings(of: Account.second)
            for expected in [CalltouchError.Category.invalidData, nil, .budgetExhausted] {
                do throws(CalltouchError) {
                    if expected == nil {
                        try await client.updateSettings(of: Account.used, to: NumberSettings(poolName: "Ещё"))
                    } else {
                        try await client.deleteSettings(of: Account.unknown)
                        Issue.record("expected \(String(describing: expected))")
                    }
                } catch {
                    #expect(error.category == expected)
                    texts.append(error.description)
                    texts.append(String(reflecting: error))
                }
            }
            texts.append("\(client.configuration)")
            texts.append(String(reflecting: client.configuration))
        }
        #expect(texts.contains { $0.contains("points budget exhausted") }, "the budget failure was produced")

        // Authentication: the right token with a wrong site id, so the token is on the wire of a failing request.
        try await withSandboxClient(Account.sandbox(token: Self.token), siteId: "31337", logger: store.logger()) {
            _, client in
            do throws(CalltouchError) {
                _ = try await client.readSettings(of: [Account.used])
                Issue.record("expected an authentication failure")
            } catch {
                #expect(error.category == .authentication)
                texts.append(error.description)
            }
        }

        // Faults: server, transport (drop, hang), malformed.
        let faultSpecs = [FaultSpec(serverErrorRate: 1), FaultSpec(dropRate: 1), FaultSpec(hangRate: 1),
                          FaultSpec(malformedRate: 1)]
        for faults in faultSpecs {
            // A hang ends at once on the virtual clock (the connection is closed): a transport failure, no timeout.
            try await withSandboxClient(Account.sandbox(faults: faults, token: Self.token, clock: .virtual(VirtualClock())),
                                        logger: store.logger()) { _, client in
                do throws(CalltouchError) {
                    _ = try await client.readSettings(of: [Account.used])
                    Issue.record("expected a failure under \(faults)")
                } catch {
                    #expect(error.isRetryable)
                    texts.append(error.description)
                }
            }
        }

        let lines = store.all
        #expect(lines.contains { $0.contains("calltouch.status=200") && $0.contains("calltouch.latency_ms=") },
                "debug lines carry status and latency")
        #expect(lines.contains { $0.contains("calltouch.endpoint=update") && $0.contains("calltouch.number=79001112233") })
        #expect(lines.contains { $0.contains("calltouch.category=transport") })
        #expect(texts.count >= 9)
        for text in texts + lines {
            #expect(!text.contains(Self.token), "leaked: \(text)")
        }
    }
}
