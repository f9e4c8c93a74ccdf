@testable import CTBulkCore
import CTBulkTestSupport
import Synchronization
import Testing

@Suite struct RateLimiterTests {
    /// Suspends until `condition` holds (polling; the manual clock, not the wall clock, moves time).
    func until(_ condition: () -> Bool) async {
        _ = await eventually(condition)
    }

    /// The property the API's limit needs, exactly: on a manual clock, the first five start at once (no spacing) and
    /// the sixth waits until the first leaves the window (1 s + the 15 ms margin), not a millisecond less.
    @Test func theSixthStartWaitsUntilTheFirstLeavesTheWindow() async throws {
        let clock = ManualClock()
        let limiter = SlidingWindowRateLimiter(limit: 5, window: .seconds(1), margin: .milliseconds(15), spacing: .zero,
                                               clock: RunClock.manual(clock), keepsHistory: true)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<6 { group.addTask { try await limiter.acquire() } }
            await until { limiter.granted == 5 }
            await clock.waitForSleepers(1)
            #expect(clock.nextDeadline == RunClock.Instant(offset: .milliseconds(1015)))
            clock.advance(to: RunClock.Instant(offset: .milliseconds(1014)))
            #expect(limiter.granted == 5)
            clock.advance(to: RunClock.Instant(offset: .milliseconds(1015)))
            try await group.waitForAll()
        }
        #expect(limiter.history.map(\.offset) == [.zero, .zero, .zero, .zero, .zero, .milliseconds(1015)])
    }

    /// Evenly spaced by default: one start every (window + margin) / limit, and still never six in a window.
    @Test func startsAreEvenlySpacedAndNeverLimitPlusOneInAWindow() async throws {
        let clock = ManualClock()
        let limiter = SlidingWindowRateLimiter(limit: 5, window: .seconds(1), margin: .milliseconds(15),
                                               spacing: nil, clock: RunClock.manual(clock), keepsHistory: true)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<11 { group.addTask { try await limiter.acquire() } }
            for granted in 1..<11 {
                await until { limiter.granted == granted }
                // Every waiter has its slot and sleeps before time moves: the order is the slots' order.
                await clock.waitForSleepers(11 - granted)
                guard let next = clock.nextDeadline else { Issue.record("nobody waits"); return }
                clock.advance(to: next)
            }
            try await group.waitForAll()
        }
        let starts = limiter.history.map(\.offset)
        #expect(starts == (0..<11).map { Duration.milliseconds(203) * $0 })
        for i in 0..<(starts.count - 5) {
            #expect(starts[i + 5] - starts[i] >= .milliseconds(1015), "starts \(i) and \(i + 5) within one window")
        }
    }

    /// A waiter woken late (a busy machine) is confirmed against the times requests really went: it cannot bunch
    /// with the next one.
    @Test func aLateWakeUpIsConfirmedAgainstTheRealStarts() async throws {
        let clock = ManualClock()
        let limiter = SlidingWindowRateLimiter(limit: 2, window: .seconds(1), margin: .zero, spacing: .zero,
                                               clock: RunClock.manual(clock), keepsHistory: true)
        try await limiter.acquire()
        clock.advance(to: RunClock.Instant(offset: .milliseconds(900)))
        try await limiter.acquire()  // at 900 ms
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await limiter.acquire() }  // slot at 1 s (the first leaves the window)
            await clock.waitForSleepers(1)
            #expect(clock.nextDeadline == RunClock.Instant(offset: .seconds(1)))
            clock.advance(to: RunClock.Instant(offset: .seconds(1)))
            try await group.waitForAll()
        }
        #expect(limiter.history.map(\.offset) == [.zero, .milliseconds(900), .seconds(1)])
    }

    @Test func aWidenedMarginCreepsBackAfterAQuietMinute() async throws {
        let clock = ManualClock()
        let limiter = SlidingWindowRateLimiter(limit: 100, window: .seconds(1), margin: .milliseconds(15), spacing: .zero,
                                               clock: RunClock.manual(clock))
        limiter.serverRejectedForRate()
        #expect(limiter.margin == .milliseconds(25))
        clock.advance(by: .seconds(30))
        try await limiter.acquire()
        #expect(limiter.margin == .milliseconds(25))
        clock.advance(by: .seconds(31))
        try await limiter.acquire()
        #expect(limiter.margin == .milliseconds(24))
    }

    @Test func a429WidensTheMarginUpToACap() {
        let limiter = SlidingWindowRateLimiter(limit: 5)
        let before = limiter.margin
        limiter.serverRejectedForRate()
        #expect(limiter.margin == before + .milliseconds(10))
        for _ in 0..<100 { limiter.serverRejectedForRate() }
        #expect(limiter.margin == limiter.maxMargin)
    }

    @Test func cancellationWhileWaitingThrows() async {
        let clock = ManualClock()
        let limiter = SlidingWindowRateLimiter(limit: 1, window: .seconds(30), clock: RunClock.manual(clock))
        try? await limiter.acquire()
        let waiting = Task { try await limiter.acquire() }
        await clock.waitForSleepers(1)
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
    }

    @Test func backoffIsCappedJitterAndHonoursRetryAfter() {
        let backoff = Backoff(base: .milliseconds(100), cap: .seconds(1), maxAttempts: 5)
        var generator = SystemRandomNumberGenerator()
        for attempt in 1...10 {
            let delay = backoff.delay(after: attempt, using: &generator)
            #expect(delay >= .zero && delay <= .seconds(1))
        }
        #expect(backoff.delay(after: 1, retryAfter: .seconds(3), using: &generator) == .seconds(3))
    }
}
