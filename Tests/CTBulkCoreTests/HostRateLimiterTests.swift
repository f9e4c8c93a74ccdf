@testable import CTBulkCore
import CTBulkTestSupport
import Foundation
import Synchronization
import Testing

/// The machine-wide limit: several limiters on one state file stand for several processes (participant ids above
/// the pid range count as alive), all on one manual clock, so every start is checked exactly.
@Suite struct HostRateLimiterTests {
    let gap = (Duration.seconds(1) + HostRateLimiter.defaultMargin) / 5  // 201.6 ms with the 8 ms default

    func limiter(_ dir: TempDir, _ participant: Int64, clock: ManualClock, host: String = "https://api.calltouch.ru:443") -> HostRateLimiter {
        HostRateLimiter(directory: dir.path("rate"), host: host, limit: 5, clock: RunClock.manual(clock),
                        participant: participant)
    }

    /// Runs `tasks` acquires, moving the manual clock to each next deadline once every waiter sleeps; returns the
    /// start times by participant.
    final class Starts: Sendable {
        private let list = Mutex<[(Int64, Duration)]>([])
        func append(_ item: (Int64, Duration)) { list.withLock { $0.append(item) } }
        var count: Int { list.withLock { $0.count } }
        var all: [(Int64, Duration)] { list.withLock { $0 } }
    }

    func run(_ tasks: [(HostRateLimiter, Int64)], clock: ManualClock) async throws -> [(Int64, Duration)] {
        let starts = Starts()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (limiter, id) in tasks {
                group.addTask {
                    try await limiter.acquire()
                    starts.append((id, clock.now.offset))
                }
            }
            // Time moves only when every task that has not started sleeps on the clock (none is between steps).
            while starts.count < tasks.count {
                // Every task that has not started sleeps: move to the next deadline.
                _ = await eventually { clock.sleeperCount == tasks.count - starts.count }
                if let next = clock.nextDeadline { clock.advance(to: next) }
                _ = await eventually { clock.sleeperCount < tasks.count - starts.count || starts.count == tasks.count }
            }
            try await group.waitForAll()
        }
        return starts.all.sorted { $0.1 < $1.1 }
    }

    @Test func twoProcessesShareTheLimitFairlyAtTheFullRate() async throws {
        let dir = TempDir(), clock = ManualClock()
        let a = limiter(dir, 3_000_000_001, clock: clock), b = limiter(dir, 3_000_000_002, clock: clock)
        // Both take part (the second's first start moves one gap after the first's). One after the other: started
        // together, either could take the first slot.
        _ = try await run([(a, 1)], clock: clock)
        _ = try await run([(b, 2)], clock: clock)
        #expect(a.sharedWith == 0 && b.sharedWith == 1)
        let starts = try await run(Array(repeating: (a, 1), count: 10) + Array(repeating: (b, 2), count: 10), clock: clock)
        // Every slot of the full rate is used, and they alternate: each process has half.
        #expect(starts.map(\.1) == (2...21).map { gap * $0 })
        #expect(starts.map(\.0) == (2...21).map { $0 % 2 == 0 ? 1 : 2 })
        #expect(a.sharedWith == 1)
        for i in 0..<(starts.count - 5) { #expect(starts[i + 5].1 - starts[i].1 >= .seconds(1) + HostRateLimiter.defaultMargin) }
    }

    @Test func aProcessThatIsGoneLeavesTheShareAtOnce() async throws {
        let dir = TempDir(), clock = ManualClock()
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let alive = limiter(dir, 3_000_000_001, clock: clock)
        let gone = limiter(dir, Int64(ended.processIdentifier), clock: clock)
        _ = try await run([(gone, 2)], clock: clock)
        _ = try await run([(alive, 1)], clock: clock)
        #expect(alive.sharedWith == 0, "the ended process does not count")
        // Alone, it starts one gap apart, not two.
        let starts = try await run(Array(repeating: (alive, 1), count: 4), clock: clock)
        let steps = zip(starts.dropFirst(), starts).map { $0.1 - $1.1 }
        #expect(steps == [gap, gap, gap])
    }

    @Test func aProcessThatStoppedSendingLeavesTheShareAfterAFewSeconds() async throws {
        let dir = TempDir(), clock = ManualClock()
        let a = limiter(dir, 3_000_000_001, clock: clock), b = limiter(dir, 3_000_000_002, clock: clock)
        _ = try await run([(a, 1), (b, 2)], clock: clock)
        clock.advance(by: .seconds(4))
        let starts = try await run(Array(repeating: (a, 1), count: 3), clock: clock)
        #expect(a.sharedWith == 0)
        #expect(starts[2].1 - starts[0].1 == gap * 2)
    }

    @Test func a429SeenByOneWidensTheMarginForAll() async throws {
        let dir = TempDir(), clock = ManualClock()
        let a = limiter(dir, 3_000_000_001, clock: clock), b = limiter(dir, 3_000_000_002, clock: clock)
        a.serverRejectedForRate()
        #expect(b.margin == HostRateLimiter.defaultMargin + .milliseconds(10))
        // Other hosts keep their own state.
        #expect(limiter(dir, 3_000_000_003, clock: clock, host: "http://127.0.0.1:8080").margin == HostRateLimiter.defaultMargin)
    }

    /// `--rate-margin-ms`: a process started with a smaller margin than the state file holds (an earlier run's, or a
    /// more careful process's that has stopped) takes it back 1 ms a start; a careful process that takes part again
    /// widens it at once.
    @Test func aSmallerMarginTakesOverOnceTheMoreCarefulProcessIsGone() async throws {
        let dir = TempDir(), clock = ManualClock()
        func limiter(_ participant: Int64, margin: Int) -> HostRateLimiter {
            HostRateLimiter(directory: dir.path("rate"), host: "https://api.calltouch.ru:443", limit: 5,
                            margin: .milliseconds(margin), clock: RunClock.manual(clock), participant: participant)
        }
        let careful = limiter(3_000_000_001, margin: 15), eager = limiter(3_000_000_002, margin: 8)
        _ = try await run([(careful, 1)], clock: clock)
        #expect(eager.margin == .milliseconds(15))
        clock.advance(by: .seconds(4))
        _ = try await run(Array(repeating: (eager, 2), count: 3), clock: clock)
        #expect(eager.margin == .milliseconds(12))
        _ = try await run(Array(repeating: (eager, 2), count: 7), clock: clock)
        #expect(eager.margin == .milliseconds(8), "and no lower")
        _ = try await run([(careful, 1)], clock: clock)
        #expect(eager.margin == .milliseconds(15))
    }

    /// The default margin is 8 ms alone and 15 ms while another process shares the host (`sharedMargin`); once the
    /// other is gone it creeps back 1 ms a start, and a 429 still widens it above either.
    @Test func aSharedHostKeepsTheWiderSharedMarginWhileOthersTakePart() async throws {
        let dir = TempDir(), clock = ManualClock()
        func limiter(_ participant: Int64) -> HostRateLimiter {
            HostRateLimiter(directory: dir.path("rate"), host: "https://api.calltouch.ru:443", limit: 5,
                            margin: .milliseconds(8), sharedMargin: .milliseconds(15), clock: RunClock.manual(clock),
                            participant: participant)
        }
        let a = limiter(3_000_000_001), b = limiter(3_000_000_002)
        _ = try await run([(a, 1)], clock: clock)
        #expect(a.margin == .milliseconds(8), "alone")
        _ = try await run([(a, 1), (b, 2)], clock: clock)
        #expect(a.margin == .milliseconds(15), "shared")
        // While both take part, the window holds the shared margin (at 8 ms six starts would span 1.008 s).
        let starts = try await run([(a, 1), (b, 2), (a, 1), (b, 2), (a, 1), (b, 2)], clock: clock)
        #expect(starts[5].1 - starts[0].1 >= .seconds(1) + .milliseconds(15), "no six starts in a window plus 15 ms: \(starts)")
        clock.advance(by: .seconds(4))  // b is idle past idleAfter: it leaves the share
        _ = try await run(Array(repeating: (a, 1), count: 3), clock: clock)
        #expect(a.margin == .milliseconds(12))
        _ = try await run(Array(repeating: (a, 1), count: 7), clock: clock)
        #expect(a.margin == .milliseconds(8), "and no lower")
        a.serverRejectedForRate()
        #expect(a.margin == .milliseconds(18))
    }

    @Test func theStateFileRoundTrips() {
        var state = HostRateLimiter.State(margin: .milliseconds(25))
        state.lastRejection = .seconds(7)
        state.slots = [.milliseconds(1), .milliseconds(204)]
        state.starts = [.milliseconds(1)]
        state.participants = [42: .seconds(3), 43: .seconds(4)]
        state.lastSlots = [42: .seconds(5)]
        #expect(HostRateLimiter.decode(HostRateLimiter.encode(state)) == state)
        #expect(HostRateLimiter.decode("garbage") == nil)
    }
}
