import CTBulkSandbox
import Testing
import UISDataAPI

/// The fake's "minute" is two seconds here. Sandbox and client share a virtual clock: the client's waits end at once
/// and move the time the sandbox's windows see, so every count is exact.
@Suite("Point limits over real HTTP")
struct LimitTests {
    static func small(minute: Int, day: Int = 100_000, reports: Bool = true,
                      window: Duration = .seconds(2)) -> UISSandboxConfiguration {
        UISSandboxConfiguration(minuteLimit: minute, dayLimit: day, minuteWindow: window, reportsLimits: reports,
                                numberCount: 200, availableNumberCount: 10, campaignNumberCount: 10)
    }

    @Test("the client slows down before the minute allowance runs out instead of failing")
    func waitsBeforeRunningOut() async throws {
        try await withUIS(Self.small(minute: 4)) { client, _ in
            let all = try await client.all(VirtualNumber.self, query: UISQuery(limit: 20))  // 10 calls
            #expect(all.records.count == 200)
            #expect(client.statistics.limitWaits == 3)  // after the 3rd, 6th and 9th call (reserve 1 of 4)
            #expect(client.statistics.limitRetries == 0)
            #expect(client.lastLimits?.minuteLimit == 4)
            #expect(client.lastLimits?.dayLimit == 100_000)
        }
    }

    @Test("limit_exceeded is waited out and retried")
    func retriesAfterLimitExceeded() async throws {
        try await withUIS(Self.small(minute: 3)) { first, running in
            // Another tool on the same account spends the whole minute allowance.
            let other = try makeClient(running, credentials: .accessToken(UISSandboxConfiguration().token)) {
                $0.minuteReserve = 0
            }
            for _ in 0..<3 { _ = try await other.sourcesGroups() }
            #expect(other.lastLimits?.minuteRemaining == 0)
            let groups = try await first.sourcesGroups()
            #expect(!groups.records.isEmpty)
            #expect(first.statistics.limitRetries == 1)
            #expect(first.statistics.requests == 2)
        }
    }

    @Test("retries after limit_exceeded are bounded")
    func boundedRetries() async throws {
        try await withUIS(Self.small(minute: 1, window: .seconds(30)),
                          configure: { $0.limitRetries = 0 }) { client, running in
            let other = try makeClient(running, credentials: .accessToken(UISSandboxConfiguration().token))
            _ = try await other.sourcesGroups()
            let error = await uisError { _ = try await client.sourcesGroups() }
            #expect(error?.kind == .limitExceeded)
            #expect(error?.code == -32029)
            #expect(error?.details["limitType"] == "minute")
            #expect(error?.details["resetSeconds"] == "30")
        }
    }

    @Test("a spent day allowance fails at once with the reset time instead of waiting a day")
    func dayLimit() async throws {
        try await withUIS(Self.small(minute: 100, day: 2)) { client, running in
            _ = try await client.sourcesGroups()
            _ = try await client.sourcesGroups()
            let error = await uisError { _ = try await client.sourcesGroups() }
            #expect(error?.kind == .limitExceeded)
            #expect(error?.details["limitType"] == "day")
            #expect(client.statistics.requests == 2)  // refused locally: day_remaining was 0

            let fresh = try makeClient(running, credentials: .accessToken(UISSandboxConfiguration().token))
            let serverSide = await uisError { _ = try await fresh.sourcesGroups() }
            #expect(serverSide?.kind == .limitExceeded)
            #expect(serverSide?.details["limitType"] == "day")
            #expect(fresh.statistics.requests == 1)
        }
    }

    @Test("answers with limits {} are accepted and nothing is throttled")
    func emptyLimits() async throws {
        try await withUIS(Self.small(minute: 1000, reports: false)) { client, _ in
            let all = try await client.all(VirtualNumber.self, query: UISQuery(limit: 50))
            #expect(all.records.count == 200)
            #expect(client.lastLimits == nil)
            #expect(client.statistics.limitWaits == 0)
        }
    }
}
