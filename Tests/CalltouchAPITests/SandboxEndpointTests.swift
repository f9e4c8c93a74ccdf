import CTBulkCore
import CTBulkTestSupport
import CTBulkSandbox
import Testing
@testable import CalltouchAPI

/// Every endpoint over real HTTP against the sandbox.
@Suite("Endpoints against the sandbox")
struct SandboxEndpointTests {
    @Test("read: used, free and unknown numbers; one request through the gate")
    func read() async throws {
        let gate = CountingGate()
        try await withSandboxClient(Account.sandbox(), gate: gate) { sandbox, client in
            let states = try await client.readSettings(of: [Account.used, Account.free, Account.unknown, Account.used])
            #expect(states.count == 3)
            #expect(states[Account.used] == .used(Fixtures.fullSettings))
            #expect(states[Account.free] == .free)
            #expect(states[Account.unknown] == .unknown)
            #expect(sandbox.stats().requests["list"] == 1)
            #expect(gate.acquired == 1)
        }
    }

    @Test("read: any number of numbers is split into batches of readBatchSize")
    func readBatches() async throws {
        let gate = CountingGate()
        var configuration = SandboxConfiguration.generated(numbers: 120, seed: 7)
        configuration.rateLimit = nil
        try await withSandboxClient(configuration, readBatchSize: 50, gate: gate) { sandbox, client in
            let account = sandbox.numbers()
            #expect(account.count == 120)
            let asked = account.keys.sorted() + [Account.unknown]
            let states = try await client.readSettings(of: asked)
            #expect(sandbox.stats().requests["list"] == 3)
            #expect(gate.acquired == 3)
            #expect(states.count == 121)
            #expect(states[Account.unknown] == .unknown)
            for (number, settings) in account {
                #expect(states[number] == (settings.map { LiveNumber.used($0) } ?? .free), "\(number)")
            }
        }
    }

    @Test("read: a batch larger than the API accepts is invalid data")
    func readBatchTooLarge() async throws {
        var configuration = SandboxConfiguration.generated(numbers: 101, seed: 3)
        configuration.rateLimit = nil
        try await withSandboxClient(configuration, readBatchSize: 101) { sandbox, client in
            let error = await #expect(throws: CalltouchError.self) {
                try await client.readSettings(of: sandbox.numbers().keys.sorted())
            }
            #expect(error?.category == .invalidData)
            #expect(error?.status == 400)
            #expect(error?.body?.contains("invalid_request") == true)
        }
    }

    @Test("update replaces the objects it carries and keeps the others")
    func update() async throws {
        try await withSandboxClient(Account.sandbox()) { sandbox, client in
            let change = NumberSettings(
                poolName: "Осень",
                redirectOptions: RedirectOptions(
                    redirectNumber: phone("74950000009"),
                    reserve: ReserveRedirect(reserveNumber: phone("74950000010"), reserveTimeOut: 60,
                                             ignoreEarlyMedia: false)))
            try await client.updateSettings(of: Account.used, to: change)
            var expected = Fixtures.fullSettings
            expected.poolName = "Осень"
            expected.redirectOptions = change.redirectOptions
            #expect(sandbox.settings(of: Account.used) == .some(.some(expected)))
            let read = try await client.readSettings(of: [Account.used])
            #expect(read[Account.used] == .used(expected))
            #expect(sandbox.stats().writes[Account.used.digits]?.update == 1)
        }
    }

    @Test("update: a free number and an unknown number are invalid data with the API's code")
    func updateRefused() async throws {
        try await withSandboxClient(Account.sandbox()) { _, client in
            let settings = NumberSettings(poolName: "x")
            let free = await #expect(throws: CalltouchError.self) {
                try await client.updateSettings(of: Account.free, to: settings)
            }
            #expect(free?.category == .invalidData)
            #expect(free?.status == 400)
            #expect(free?.phoneNumber == Account.free)
            #expect(free?.body?.contains("number_is_free") == true)
            let unknown = await #expect(throws: CalltouchError.self) {
                try await client.updateSettings(of: Account.unknown, to: settings)
            }
            #expect(unknown?.category == .invalidData)
            #expect(unknown?.status == 404)
            #expect(unknown?.body?.contains("number_not_found") == true)
        }
    }

    @Test("create on a free number; create on a used number is invalid data")
    func create() async throws {
        try await withSandboxClient(Account.sandbox()) { sandbox, client in
            try await client.createSettings(of: Account.free, to: Account.secondSettings)
            #expect(sandbox.settings(of: Account.free) == .some(.some(Account.secondSettings)))
            let states = try await client.readSettings(of: [Account.free])
            #expect(states[Account.free] == .used(Account.secondSettings))

            let inUse = await #expect(throws: CalltouchError.self) {
                try await client.createSettings(of: Account.used, to: Account.secondSettings)
            }
            #expect(inUse?.category == .invalidData)
            #expect(inUse?.endpoint == .create)
            #expect(inUse?.body?.contains("number_in_use") == true)
        }
    }

    @Test("delete frees the number; deleting a free number is invalid data")
    func delete() async throws {
        try await withSandboxClient(Account.sandbox()) { sandbox, client in
            try await client.deleteSettings(of: Account.used)
            #expect(sandbox.settings(of: Account.used) == .some(.none))
            #expect(try await client.readSettings(of: [Account.used])[Account.used] == .free)
            let again = await #expect(throws: CalltouchError.self) { try await client.deleteSettings(of: Account.used) }
            #expect(again?.category == .invalidData)
            #expect(again?.endpoint == .delete)
        }
    }

    @Test("call-redirect/list with each documented filter")
    func redirects() async throws {
        try await withSandboxClient(Account.sandbox()) { sandbox, client in
            let all = try await client.listRedirects()
            #expect(Set(all.map(\.phoneNumber)) == [Account.used, Account.second])
            let first = try #require(all.first { $0.phoneNumber == Account.used })
            #expect(first.poolName == "Весна")
            #expect(first.redirectStatus == "active")
            #expect(first.redirectName?.contains("74951234567") == true)

            let byNumber = try await client.listRedirects(matching: RedirectFilter(phoneNumbers: [Account.second]))
            #expect(byNumber.map(\.phoneNumber) == [Account.second])

            let byId = try await client.listRedirects(matching: RedirectFilter(redirectIds: [first.redirectId]))
            #expect(byId.map(\.phoneNumber) == [Account.used])

            let byPool = try await client.listRedirects(matching: RedirectFilter(poolName: "Лето"))
            #expect(byPool.map(\.phoneNumber) == [Account.second])

            let byName = try await client.listRedirects(matching: RedirectFilter(
                redirectName: RedirectNameFilter(value: "ПЕРЕАДРЕСАЦИЯ НА 7495000",
                                                 filterMode: RedirectNameFilter.documentedStartsWith),
                redirectStatus: "active"))
            #expect(byName.map(\.phoneNumber) == [Account.second])

            let none = try await client.listRedirects(matching: RedirectFilter(poolName: "нет такого"))
            #expect(none.isEmpty)
            #expect(sandbox.stats().requests["call-redirect-list"] == 6)
        }
    }

    @Test("more than 50 redirect ids are split into requests of at most 50")
    func redirectIdsSplit() async throws {
        let gate = CountingGate()
        try await withSandboxClient(Account.sandbox(), gate: gate) { sandbox, client in
            let all = try await client.listRedirects()
            let ids = all.map(\.redirectId)
            // 120 ids: the real ones at both ends, so each of the three chunks is exercised.
            let padded = [ids[0]] + (1...118).map { 900_000 + $0 } + [ids[1]]
            let found = try await client.listRedirects(matching: RedirectFilter(redirectIds: padded))
            #expect(Set(found) == Set(all))
            #expect(sandbox.stats().requests["call-redirect-list"] == 1 + 3)
            #expect(sandbox.stats().rejected.invalid == 0)
            #expect(gate.acquired == 4)
        }
    }

    @Test("concurrent requests: the client passes every one through the gate exactly once")
    func gateOncePerRequest() async throws {
        let gate = CountingGate()
        try await withSandboxClient(Account.sandbox(), gate: gate) { sandbox, client in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<11 {
                    group.addTask { _ = try await client.readSettings(of: [Account.used]) }
                }
                try await group.waitForAll()
            }
            #expect(gate.acquired == 11)
            #expect(sandbox.stats().requests["list"] == 11)
        }
    }

    @Test("a rate limiter and the sandbox on one manual clock: 11 concurrent reads, none refused")
    func limiterKeepsUnderTheLimit() async throws {
        // The limiter lets requests go at instants of the manual clock; the test moves the clock to the next
        // waiter's slot only once every released request has been answered, so the sandbox sees each request at
        // the very instant the limiter released it.
        let clock = ManualClock()
        let limiter = SlidingWindowRateLimiter(limit: 5, window: .seconds(1), clock: clock)
        try await withSandboxClient(Account.sandbox(rateLimit: 5, clock: .manual(clock)), gate: limiter) { sandbox, client in
            let answered = Locked(0)
            let reads = Task {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<11 {
                        group.addTask {
                            _ = try await client.readSettings(of: [Account.used])
                            answered.mutate { $0 += 1 }
                        }
                    }
                    try await group.waitForAll()
                }
            }
            while answered.value < 11 {
                // Settled: every task either was let go and answered, or sleeps on the clock.
                let settled = await eventually {
                    limiter.granted + clock.sleeperCount == 11 && answered.value == limiter.granted
                }
                try #require(settled, "granted \(limiter.granted), sleeping \(clock.sleeperCount), answered \(answered.value)")
                guard answered.value < 11, let next = clock.nextDeadline else { break }
                clock.advance(to: next)
            }
            try await reads.value
            #expect(sandbox.stats().rejected.rateLimit == 0)
            #expect(sandbox.stats().requests["list"] == 11)
            #expect(limiter.granted == 11)
            // 11 starts at 5 per (1 s + margin) cannot all fit in two windows.
            #expect(clock.now > RunClock.Instant(offset: .seconds(2)))
        }
    }
}
