import CTBulkCore
import CTBulkSandbox
import CTBulkTestSupport
import Foundation
import Testing

@Suite("Fault injection") struct FaultInjectionTests {
    static func configuration(_ spec: String, seed: UInt64 = 7) throws -> SandboxConfiguration {
        var configuration = SandboxConfiguration.demoUnlimited()
        configuration.faults = try FaultSpec(parsing: spec)
        configuration.seed = seed
        return configuration
    }

    static let updates = (5...12).map { #"{"phoneNumber":"\#(79_990_000_000 + $0)","poolName":"Сбой"}"# }

    /// Whether each number the updates touch got the new pool.
    static func applied(_ sandbox: RunningSandbox) -> [String: Bool] {
        Dictionary(uniqueKeysWithValues: (5...12).map { offset in
            let digits = String(79_990_000_000 + offset)
            return (digits, (sandbox.settings(of: phone(digits)) ?? nil)?.poolName == "Сбой")
        })
    }

    @Test("5xx: a 5xx JSON error, nothing written, no point charged")
    func serverError() async throws {
        try await Sandbox.withSandbox(try Self.configuration("5xx=1")) { (sandbox) async throws in
            let answer = try await Wire.call(sandbox, .update, Self.updates[0])
            #expect((500...504).contains(answer.status))
            #expect(answer.error?.message == "injected server error")
            #expect(Self.applied(sandbox).values.allSatisfy { !$0 })
            let stats = sandbox.stats()
            #expect(stats.faults.serverError == 1)
            #expect(stats.points.used == 0)
            #expect(stats.faultEvents == [SandboxStats.FaultEvent(sequence: 1, kind: .serverError, endpoint: "update",
                                                                  phoneNumber: "79990000005", applied: nil)])
        }
    }

    @Test("malformed: invalid JSON on reads, garbage on writes (which are applied)")
    func malformed() async throws {
        try await Sandbox.withSandbox(try Self.configuration("malformed=1")) { (sandbox) async throws in
            let read = try await Wire.call(sandbox, .list, #"{"phoneNumbers":["79990000005","79990000001"]}"#)
            #expect(read.status == 200)
            #expect(!read.body.isEmpty)
            #expect(!read.isJSON)
            let redirects = try await Wire.call(sandbox, .redirectList, "{}")
            #expect(redirects.status == 200)
            #expect(!redirects.isJSON)

            let write = try await Wire.call(sandbox, .update, Self.updates[0])
            #expect(write.status == 200)
            #expect(!write.body.isEmpty)
            #expect(!write.isJSON)
            #expect(Self.applied(sandbox)["79990000005"] == true)
            #expect(sandbox.stats().faults.malformed == 3)
        }
    }

    @Test("drop: the connection closes without a complete answer; the write is applied or not, as recorded")
    func drop() async throws {
        try await Sandbox.withSandbox(try Self.configuration("drop=1", seed: 11)) { (sandbox) async throws in
            for body in Self.updates {
                await #expect(throws: (any Error).self) { try await Wire.call(sandbox, .update, body) }
            }
            let stats = sandbox.stats()
            #expect(stats.faults.drop == Self.updates.count)
            let events = stats.faultEvents
            #expect(events.count == Self.updates.count)
            let applied = Self.applied(sandbox)
            for event in events {
                let number = try #require(event.phoneNumber)
                #expect(event.kind == .drop)
                #expect(event.applied == applied[number], "number \(number)")
                #expect(stats.writes[number]?.update ?? 0 == (applied[number]! ? 1 : 0))
            }
            // With this seed both outcomes occur: the in-doubt case in both directions.
            #expect(applied.values.contains(true) && applied.values.contains(false))
            // Reads are dropped too.
            await #expect(throws: (any Error).self) {
                try await Wire.call(sandbox, .list, #"{"phoneNumbers":["79990000005"]}"#)
            }
        }
    }

    /// Fires `bodies` as concurrent updates; each task answers whether its call failed (no complete answer).
    static func fire(_ sandbox: RunningSandbox, _ bodies: [String]) -> Task<[Bool], Never> {
        Task {
            await withTaskGroup(of: Bool.self) { group in
                for body in bodies {
                    group.addTask {
                        do {
                            _ = try await Wire.call(sandbox, .update, body, timeout: .seconds(120))
                            return false
                        } catch {
                            return true
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
        }
    }

    @Test("hang: the request is held with no answer until the sandbox stops, which releases it")
    func hang() async throws {
        let clock = ManualClock()
        var configuration = try Self.configuration("hang=1", seed: 5)
        configuration.clock = .manual(clock)
        let calls = try await Sandbox.withSandbox(configuration) { (sandbox) async throws in
            let calls = Self.fire(sandbox, Array(Self.updates.prefix(4)))
            // All four are held by the sandbox, each until the default hang duration (5 minutes) on its clock.
            try #require(await clock.settle(sleepers: 4))
            #expect(clock.nextDeadline == RunClock.Instant(offset: .seconds(300)))
            let stats = sandbox.stats()
            #expect(stats.faults.hang == 4)
            let applied = Self.applied(sandbox)
            for event in stats.faultEvents {
                #expect(event.kind == .hang)
                #expect(event.applied == applied[try #require(event.phoneNumber)])
            }
            return calls
        }
        // Stopping released the held requests (the clock never reached their deadline): each ended without an answer.
        #expect(await calls.value == [true, true, true, true])
        #expect(clock.now == RunClock.Instant(offset: .zero))
    }

    @Test("holdWritesAfter: writes past the count are held unapplied and uncounted; reads pass; cleared, writes go on")
    func holdWritesAfter() async throws {
        let clock = ManualClock()
        var configuration = try Self.configuration("none")
        configuration.clock = .manual(clock)
        let calls = try await Sandbox.withSandbox(configuration) { (sandbox) async throws in
            #expect(try await Wire.admin(sandbox, .PUT, "config", body: #"{"holdWritesAfter":2}"#).status == 200)
            let first = Self.fire(sandbox, Array(Self.updates.prefix(2)))
            #expect(await first.value == [false, false], "the first two are answered")
            let held = Self.fire(sandbox, Array(Self.updates[2..<5]))
            try #require(await clock.settle(sleepers: 3))
            #expect(sandbox.stats().writes.values.reduce(0) { $0 + $1.total } == 2)
            #expect(Self.applied(sandbox).values.filter { $0 }.count == 2, "held writes are not applied")
            #expect(try await Wire.call(sandbox, .list, #"{"phoneNumbers":["79990000005"]}"#).status == 200, "reads pass")
            #expect(try await Wire.admin(sandbox, .PUT, "config", body: #"{"holdWritesAfter":null}"#).status == 200)
            #expect(try await Wire.call(sandbox, .update, Self.updates[5]).status == 200)
            #expect(sandbox.stats().writes.values.reduce(0) { $0 + $1.total } == 3)
            return held
        }
        #expect(await calls.value == [true, true, true], "the held ones ended without an answer when the sandbox stopped")
    }

    @Test("a hang ends when its duration has passed on the sandbox's clock: the connection is closed")
    func shortHang() async throws {
        let clock = ManualClock()
        var configuration = try Self.configuration("hang=1")
        configuration.clock = .manual(clock)
        configuration.hangDuration = .milliseconds(200)
        try await Sandbox.withSandbox(configuration) { (sandbox) async throws in
            let call = Task {
                try await Wire.call(sandbox, .list, #"{"phoneNumbers":["79990000005"]}"#, timeout: .seconds(120))
            }
            try #require(await clock.settle(sleepers: 1))
            clock.advance(by: .milliseconds(199))
            #expect(clock.sleeperCount == 1, "still held 1 ms before the hang duration")
            clock.advance(by: .milliseconds(1))
            await #expect(throws: (any Error).self) { try await call.value }
            #expect(sandbox.stats().faultEvents.first?.applied == nil)
        }
    }

    /// What a client saw for one request.
    enum Seen: Equatable { case ok, serverError(Int), malformed, transport }

    static func observe(spec: String, seed: UInt64, requests: Int) async throws -> ([Seen], SandboxStats) {
        var configuration = try configuration(spec, seed: seed)
        // Every hang ends at once (the virtual clock jumps to its end): the client sees a closed connection.
        configuration.clock = .virtual(VirtualClock())
        configuration.hangDuration = .milliseconds(50)
        return try await Sandbox.withSandbox(configuration) { (sandbox) async throws in
            var seen: [Seen] = []
            for _ in 0..<requests {
                do {
                    let answer = try await Wire.call(sandbox, .list, #"{"phoneNumbers":["79990000005"]}"#)
                    if answer.status >= 500 { seen.append(.serverError(answer.status)) }
                    else if !answer.isJSON { seen.append(.malformed) }
                    else { seen.append(.ok) }
                } catch {
                    seen.append(.transport)
                }
            }
            return (seen, sandbox.stats())
        }
    }

    @Test("a mixed spec is reproducible from its seed, and the seed matters")
    func reproducible() async throws {
        let spec = "5xx=0.2,hang=0.1,drop=0.1,malformed=0.2"
        let (first, firstStats) = try await Self.observe(spec: spec, seed: 42, requests: 40)
        let (second, secondStats) = try await Self.observe(spec: spec, seed: 42, requests: 40)
        let (other, _) = try await Self.observe(spec: spec, seed: 43, requests: 40)
        #expect(first == second)
        #expect(firstStats.faults == secondStats.faults)
        #expect(firstStats.faultEvents == secondStats.faultEvents)
        #expect(first != other)
        // What the client saw matches what the sandbox counted.
        #expect(first.filter { if case .serverError = $0 { true } else { false } }.count == firstStats.faults.serverError)
        #expect(first.filter { $0 == .malformed }.count == firstStats.faults.malformed)
        #expect(first.filter { $0 == .transport }.count == firstStats.faults.hang + firstStats.faults.drop)
        #expect(first.contains(.ok))
        // Every kind occurs with this seed.
        for kind in FaultKind.allCases { #expect(firstStats.faults[kind] > 0, "\(kind)") }
    }

    @Test("latency holds a Calltouch request for exactly its duration on the sandbox's clock; admin routes are not held")
    func latency() async throws {
        let clock = ManualClock()
        var configuration = SandboxConfiguration.demoUnlimited(clock: .manual(clock))
        configuration.latency = .milliseconds(400)
        try await Sandbox.withSandbox(configuration) { (sandbox) async throws in
            let call = Task { try await Wire.call(sandbox, .list, #"{"phoneNumbers":[]}"#).status }
            try #require(await clock.settle(sleepers: 1))
            #expect(clock.nextDeadline == RunClock.Instant(offset: .milliseconds(400)))
            // Received, not yet processed; an admin route answers meanwhile.
            #expect(try await Wire.admin(sandbox, .GET, "stats").status == 200)
            #expect(sandbox.stats().requests["list"] == 1)
            #expect(sandbox.stats().points.used == 0)
            clock.advance(by: .milliseconds(399))
            #expect(clock.sleeperCount == 1)
            #expect(sandbox.stats().points.used == 0)
            clock.advance(by: .milliseconds(1))
            #expect(try await call.value == 200)
            #expect(sandbox.stats().points.used == 1)
        }
    }

    @Test("admin routes and refused requests are never faulted")
    func notFaulted() async throws {
        try await Sandbox.withSandbox(try Self.configuration("5xx=1")) { (sandbox) async throws in
            #expect(try await Wire.admin(sandbox, .GET, "state").status == 200)
            #expect(try await Wire.call(sandbox, .list, "{}", token: "bad").status == 401)
            #expect(sandbox.stats().faults.serverError == 0)
        }
    }

    @Test("faults can be switched at run time and reseeded")
    func runtimeConfig() async throws {
        try await Sandbox.withSandbox(.demoUnlimited()) { (sandbox) async throws in
            #expect(try await Wire.call(sandbox, .list, #"{"phoneNumbers":[]}"#).status == 200)
            let answer = try await Wire.admin(sandbox, .PUT, "config", body: #"{"faults":"5xx=1","seed":9}"#)
            #expect(answer.status == 200)
            #expect(answer.object?["faults"] as? String == "5xx=1.0")
            #expect(try await Wire.call(sandbox, .list, #"{"phoneNumbers":[]}"#).status >= 500)
            let bad = try await Wire.admin(sandbox, .PUT, "config", body: #"{"faults":"5xx=2"}"#)
            #expect(bad.status == 400)
            #expect(bad.error?.field == "faults")
            #expect(try await Wire.admin(sandbox, .PUT, "config", body: #"{"faults":"none"}"#).status == 200)
            #expect(try await Wire.call(sandbox, .list, #"{"phoneNumbers":[]}"#).status == 200)
        }
    }
}
