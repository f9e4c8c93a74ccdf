@testable import CTBulkCore
import Synchronization
import Testing

@Suite struct RateLimiterTests {
    /// The property the API's limit needs: no `limit + 1` starts within any window, counted at the moments the limiter
    /// let the requests go (recorded under its lock), so a busy machine that wakes a waiter late cannot make the test
    /// flaky; it can only make it slower.
    @Test(arguments: [nil, Duration.zero])
    func neverMoreThanLimitStartsInAnySlidingWindow(spacing: Duration?) async throws {
        let limiter = SlidingWindowRateLimiter(limit: 5, window: .milliseconds(300), margin: .milliseconds(5), spacing: spacing,
                                               clock: ContinuousClock(), keepsHistory: true)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<16 { group.addTask { try await limiter.acquire() } }
            try await group.waitForAll()
        }
        let starts = limiter.history
        #expect(starts.count == 16)
        #expect(limiter.granted == 16)
        for i in 0..<(starts.count - 5) {
            #expect(starts[i].duration(to: starts[i + 5]) >= .milliseconds(305), "starts \(i) and \(i + 5) within one window")
        }
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
        let limiter = SlidingWindowRateLimiter(limit: 1, window: .seconds(30))
        try? await limiter.acquire()
        let waiting = Task { try await limiter.acquire() }
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
