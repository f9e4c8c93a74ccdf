import CTBulkCore
import CTBulkTestSupport
import CTBulkSandbox
import Synchronization
import Testing
@testable import CalltouchAPI

/// withRetries over real faults: every operation converges, and every attempt passes the gate.
@Suite("Retries against a faulty sandbox")
struct SandboxRetryTests {
    @Test("reads and writes converge under 5xx, drops, hangs and malformed answers")
    func convergence() async throws {
        let faults = try FaultSpec(parsing: "5xx=0.2,hang=0.05,drop=0.1,malformed=0.1")
        let gate = CountingGate()
        let backoff = Backoff(base: .milliseconds(2), cap: .milliseconds(20), maxAttempts: 25)
        var configuration = SandboxConfiguration.generated(numbers: 30, seed: 11)
        configuration.rateLimit = nil
        configuration.faults = faults
        // On a virtual clock every hang ends at once with a closed connection: the client sees a transport failure
        // without waiting for a read timeout, however loaded the machine.
        configuration.clock = .virtual(VirtualClock())
        configuration.hangDuration = .seconds(10)
        try await withSandboxClient(configuration, readBatchSize: 10, gate: gate) { sandbox, client in
            let numbers = sandbox.numbers().keys.sorted()
            let retries = Locked(0)
            let countRetry: (Int, CalltouchError, Duration) -> Void = { _, error, _ in
                #expect(error.isRetryable)
                retries.mutate { $0 += 1 }
            }

            // Reads, batch by batch.
            var states: [PhoneNumber: LiveNumber] = [:]
            for start in stride(from: 0, to: numbers.count, by: 10) {
                let batch = Array(numbers[start..<min(start + 10, numbers.count)])
                let part = try await withRetries(backoff: backoff, onRetry: countRetry) { _ throws(CalltouchError) in
                    try await client.readSettings(of: batch)
                }
                states.merge(part) { $1 }
            }
            #expect(states.count == numbers.count)

            // Writes: a new pool on every used number (update is idempotent, so a retry after an applied drop
            // is harmless).
            let used = numbers.filter { states[$0]?.settings != nil }
            #expect(!used.isEmpty)
            for number in used {
                try await withRetries(backoff: backoff, onRetry: countRetry) { _ throws(CalltouchError) in
                    try await client.updateSettings(of: number, to: NumberSettings(poolName: "Сошлось"))
                }
            }
            for number in used {
                #expect(sandbox.settings(of: number)??.poolName == "Сошлось", "\(number)")
            }

            let stats = sandbox.stats()
            let injected = stats.faults.serverError + stats.faults.hang + stats.faults.drop + stats.faults.malformed
            #expect(injected > 0, "the fault spec injected nothing: the test proves nothing")
            #expect(retries.value >= injected - stats.faults.malformed,
                    "every fault on a read, and every non-malformed fault on a write, caused a retry")
            #expect(gate.acquired == stats.calltouchRequests, "every attempt passed the gate")
        }
    }

    @Test("a permanent fault exhausts the attempts and reports how many were made")
    func exhausted() async throws {
        let gate = CountingGate()
        try await withSandboxClient(Account.sandbox(faults: FaultSpec(serverErrorRate: 1)), gate: gate) { sandbox, client in
            let backoff = Backoff(base: .milliseconds(1), cap: .milliseconds(5), maxAttempts: 4)
            let error = await #expect(throws: CalltouchError.self) {
                try await withRetries(backoff: backoff) { _ throws(CalltouchError) in
                    try await client.readSettings(of: [Account.used])
                }
            }
            #expect(error?.category == .server)
            #expect(error?.attempts == 4)
            #expect(sandbox.stats().requests["list"] == 4)
            #expect(gate.acquired == 4)
        }
    }

    @Test("authentication failures are not retried")
    func authNotRetried() async throws {
        try await withSandboxClient(Account.sandbox(), token: "nope-not-it") { sandbox, client in
            let backoff = Backoff(base: .milliseconds(1), cap: .milliseconds(5), maxAttempts: 5)
            let error = await #expect(throws: CalltouchError.self) {
                try await withRetries(backoff: backoff) { _ throws(CalltouchError) in
                    try await client.deleteSettings(of: Account.used)
                }
            }
            #expect(error?.category == .authentication)
            #expect(error?.attempts == 1)
            #expect(sandbox.stats().requests["delete"] == 1)
        }
    }

    @Test("rate-limited requests are retried after Retry-After and all succeed")
    func rateLimitRetried() async throws {
        // The sandbox's window is on a manual clock: the first wave meets exactly 3 refusals; the clock is moved
        // past the window once they have all been answered, so the retries (after Retry-After: 1) are accepted.
        let clock = ManualClock()
        try await withSandboxClient(Account.sandbox(rateLimit: 3, clock: .manual(clock)),
                                    gate: UnlimitedGate()) { sandbox, client in
            let backoff = Backoff(base: .milliseconds(5), cap: .milliseconds(50), maxAttempts: 10)
            let retries = Locked<[(attempt: Int, delay: Duration)]>([])
            let reads = Task {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<6 {
                        group.addTask {
                            _ = try await withRetries(backoff: backoff, onRetry: { attempt, error, delay in
                                #expect(error.category == .rateLimited)
                                retries.mutate { $0.append((attempt, delay)) }
                            }) { _ throws(CalltouchError) in
                                try await client.readSettings(of: [Account.used])
                            }
                        }
                    }
                    try await group.waitForAll()
                }
            }
            #expect(await eventually { retries.value.count >= 3 })
            clock.advance(by: .seconds(1))
            try await reads.value
            let stats = sandbox.stats()
            #expect(retries.value.filter { $0.attempt == 1 }.count == 3, "the first wave: 3 answered, 3 refused")
            #expect(retries.value.count == stats.rejected.rateLimit)
            #expect(stats.points.used == 6)
            #expect(retries.value.allSatisfy { $0.delay >= .seconds(1) }, "Retry-After: 1 is honoured")
        }
    }
}
