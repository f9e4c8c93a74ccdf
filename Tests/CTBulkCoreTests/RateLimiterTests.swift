import CTBulkCore
import Synchronization
import Testing

private final class Times: Sendable {
    let values = Mutex<[Duration]>([])
}

@Suite struct RateLimiterTests {
    /// The property the API's limit needs: no `limit + 1` starts within any window. Sleeping never ends early, so this
    /// lower bound cannot fail on a slow machine (it would only make the test take longer).
    @Test func neverMoreThanLimitStartsInAnySlidingWindow() async throws {
        let limiter = SlidingWindowRateLimiter(limit: 5, window: .milliseconds(400), margin: .milliseconds(5))
        let start = ContinuousClock.now
        let times = Times()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    try await limiter.acquire()
                    let t = start.duration(to: .now)
                    times.values.withLock { $0.append(t) }
                }
            }
            try await group.waitForAll()
        }
        let sorted = times.values.withLock { $0.sorted() }
        #expect(sorted.count == 16)
        for i in 0..<(sorted.count - 5) {
            #expect(sorted[i + 5] - sorted[i] >= .milliseconds(400), "starts \(i) and \(i + 5) are closer than the window")
        }
        #expect(limiter.granted == 16)
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
