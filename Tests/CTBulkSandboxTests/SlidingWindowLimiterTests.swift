import CTBulkCore
@testable import CTBulkSandbox
import Testing

@Suite("Sliding-window limiter") struct SlidingWindowLimiterTests {
    func at(_ milliseconds: Int) -> RunClock.Instant { RunClock.Instant(offset: .milliseconds(milliseconds)) }

    @Test("at most R accepted in any sliding window; refusals are not logged; clients are independent")
    func slidingLog() {
        var limiter = SlidingWindowLimiter()
        func admit(_ ms: Int, _ client: String = "a") -> Bool {
            limiter.admit(client, at: at(ms), limit: 5, window: .seconds(1))
        }
        #expect([0, 100, 200, 300, 400].map { admit($0) } == [true, true, true, true, true])
        #expect(!admit(500))
        #expect(!admit(999))
        #expect(admit(300, "b"))  // another address has its own log
        #expect(admit(1000))      // the request at 0 has left the window (now - 1 s, now]
        #expect(!admit(1050))     // 100, 200, 300, 400, 1000 are inside
        #expect(admit(1100))      // 100 has left; the refusals at 500, 999 and 1050 never counted
        #expect(!admit(1100))
    }
}
