import CTBulkCore
import CTBulkSandbox
import CTBulkTestSupport
import Testing
@testable import CalltouchAPI

/// Every failure category produced for real by the sandbox.
@Suite("Failures against the sandbox")
struct SandboxFailureTests {
    @Test("a wrong token is an authentication failure that stops the run")
    func badToken() async throws {
        let wrong = "wrong-token-canary-7781"
        try await withSandboxClient(Account.sandbox(), token: wrong) { sandbox, client in
            let error = await #expect(throws: CalltouchError.self) {
                try await client.readSettings(of: [Account.used])
            }
            #expect(error?.category == .authentication)
            #expect(error?.status == 401)
            #expect(error?.stopsRun == true && error?.isRetryable == false)
            #expect(error?.body?.contains("unauthorized") == true)
            #expect(error?.description.contains(wrong) == false)
            #expect(sandbox.stats().rejected.auth == 1)
        }
    }

    @Test("a wrong site id is an authentication failure")
    func badSiteId() async throws {
        try await withSandboxClient(Account.sandbox(), siteId: "999") { _, client in
            let error = await #expect(throws: CalltouchError.self) {
                try await client.updateSettings(of: Account.used, to: NumberSettings(poolName: "x"))
            }
            #expect(error?.category == .authentication)
            #expect(error?.phoneNumber == Account.used)
        }
    }

    @Test("a spent points budget is budgetExhausted; the run resumes once the budget is reset")
    func budget() async throws {
        try await withSandboxClient(Account.sandbox(budget: 2)) { sandbox, client in
            _ = try await client.readSettings(of: [Account.used])
            try await client.updateSettings(of: Account.used, to: NumberSettings(poolName: "Зима"))
            let error = await #expect(throws: CalltouchError.self) {
                try await client.updateSettings(of: Account.second, to: NumberSettings(poolName: "Зима"))
            }
            #expect(error?.category == .budgetExhausted)
            #expect(error?.status == 403)
            #expect(error?.stopsRun == true && error?.isRetryable == false)
            #expect(error?.body?.contains("points_exhausted") == true)
            #expect(sandbox.settings(of: Account.second)??.poolName == "Лето", "nothing was written")

            sandbox.resetBudget()
            try await client.updateSettings(of: Account.second, to: NumberSettings(poolName: "Зима"))
            #expect(sandbox.settings(of: Account.second)??.poolName == "Зима")
        }
    }

    @Test("a burst past the rate limit with no client-side gate: exactly the limit answered, the rest rateLimited with Retry-After")
    func rateLimited() async throws {
        let clock = ManualClock()
        try await withSandboxClient(Account.sandbox(rateLimit: 2, clock: .manual(clock)),
                                    gate: UnlimitedGate()) { sandbox, client in
            let outcomes = await withTaskGroup(of: CalltouchError?.self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        do throws(CalltouchError) {
                            _ = try await client.readSettings(of: [Account.used])
                            return nil
                        } catch {
                            return error
                        }
                    }
                }
                return await group.reduce(into: [CalltouchError?]()) { $0.append($1) }
            }
            let errors = outcomes.compactMap { $0 }
            #expect(errors.count == 8)
            #expect(sandbox.stats().rejected.rateLimit == 8)
            for error in errors {
                #expect(error.category == .rateLimited)
                #expect(error.status == 429)
                #expect(error.retryAfter == .seconds(1))
                #expect(error.isRetryable)
                #expect(error.body?.contains("too_many_requests") == true)
            }
            // Once the first two have left the window, two more are answered.
            clock.advance(by: .seconds(1))
            _ = try await client.readSettings(of: [Account.used])
            _ = try await client.readSettings(of: [Account.used])
            await #expect(throws: CalltouchError.self) { try await client.readSettings(of: [Account.used]) }
        }
    }

    @Test("an injected 5xx is a retryable server error")
    func serverError() async throws {
        try await withSandboxClient(Account.sandbox(faults: FaultSpec(serverErrorRate: 1))) { sandbox, client in
            let error = await #expect(throws: CalltouchError.self) {
                try await client.updateSettings(of: Account.used, to: NumberSettings(poolName: "x"))
            }
            #expect(error?.category == .server)
            #expect((500...504).contains(error?.status ?? 0))
            #expect(error?.isRetryable == true)
            #expect(sandbox.stats().faults.serverError == 1)
        }
    }

    @Test("a dropped connection is a retryable transport error")
    func drop() async throws {
        try await withSandboxClient(Account.sandbox(faults: FaultSpec(dropRate: 1))) { sandbox, client in
            let error = await #expect(throws: CalltouchError.self) {
                try await client.readSettings(of: [Account.used])
            }
            #expect(error?.category == .transport)
            #expect(error?.status == nil)
            #expect(error?.isRetryable == true)
            #expect(sandbox.stats().faults.drop == 1)
        }
    }

    @Test("a hung request hits the read timeout: a retryable transport error")
    func hang() async throws {
        // The sandbox holds the request on a manual clock that never moves, so only the client's read timeout (real
        // I/O) ends it; the sandbox counts the hang once it has read the request.
        try await withSandboxClient(Account.sandbox(faults: FaultSpec(hangRate: 1), clock: .manual(ManualClock())),
                                    readTimeout: .seconds(3)) { sandbox, client in
            let error = await #expect(throws: CalltouchError.self) {
                try await client.deleteSettings(of: Account.used)
            }
            #expect(error?.category == .transport)
            #expect(error?.detail.contains("timeout") == true)
            #expect(error?.isRetryable == true)
            #expect(await eventually { sandbox.stats().faults.hang == 1 })
        }
    }

    @Test("a malformed answer to a read is a retryable server error keeping the body")
    func malformedRead() async throws {
        try await withSandboxClient(Account.sandbox(faults: FaultSpec(malformedRate: 1))) { _, client in
            let read = await #expect(throws: CalltouchError.self) {
                try await client.readSettings(of: [Account.used, Account.free])
            }
            #expect(read?.category == .server)
            #expect(read?.status == 200)
            #expect(read?.detail.contains("malformed") == true)
            #expect(read?.body?.isEmpty == false)
            let redirects = await #expect(throws: CalltouchError.self) { try await client.listRedirects() }
            #expect(redirects?.category == .server)
        }
    }

    @Test("a 200 to a write is success whatever its body")
    func malformedWrite() async throws {
        try await withSandboxClient(Account.sandbox(faults: FaultSpec(malformedRate: 1))) { sandbox, client in
            try await client.updateSettings(of: Account.used, to: NumberSettings(poolName: "Garbage-tolerant"))
            #expect(sandbox.settings(of: Account.used)??.poolName == "Garbage-tolerant")
            #expect(sandbox.stats().faults.malformed == 1)
        }
    }
}
