import CTBulkCore
import CTBulkSandbox
import CTBulkTestSupport
import Foundation
import Testing

/// The sandbox's window runs on a manual clock: it moves only when the test says so, so the counts are exact
/// whatever the machine's load.
@Suite("Rate limit") struct RateLimitTests {
    static let body = #"{"phoneNumbers":["79990000001"]}"#

    static func configuration(_ clock: ManualClock, limit: Int = 5,
                              window: Duration = .seconds(1)) -> SandboxConfiguration {
        var configuration = SandboxConfiguration.demo
        configuration.rateLimit = limit
        configuration.rateLimitWindow = window
        configuration.clock = .manual(clock)
        return configuration
    }

    @Test("11 requests fired inside one window: exactly 5 accepted, 6 get 429 with Retry-After: 1")
    func burst() async throws {
        let clock = ManualClock()
        try await Sandbox.withSandbox(Self.configuration(clock)) { (sandbox) async throws in
            let answers = try await withThrowingTaskGroup(of: HTTPAnswer.self) { group in
                for _ in 0..<11 {
                    group.addTask { try await Wire.call(sandbox, .list, Self.body) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let accepted = answers.filter { $0.status == 200 }
            let limited = answers.filter { $0.status == 429 }
            #expect(accepted.count == 5)
            #expect(limited.count == 6)
            for answer in limited {
                #expect(answer.headers.first(name: "Retry-After") == "1")
                #expect(answer.error?.error == "too_many_requests")
            }
            let stats = sandbox.stats()
            #expect(stats.rejected.rateLimit == 6)
            #expect(stats.points.used == 5)
        }
    }

    @Test("the sixth request inside the window is refused; once the first has left the window, one more is accepted")
    func slidingWindow() async throws {
        let clock = ManualClock()
        try await Sandbox.withSandbox(Self.configuration(clock)) { (sandbox) async throws in
            for step in 0..<5 {
                clock.advance(to: .init(offset: .milliseconds(100 * step)))
                #expect(try await Wire.call(sandbox, .list, Self.body).status == 200)
            }
            #expect(try await Wire.call(sandbox, .list, Self.body).status == 429)
            clock.advance(to: .init(offset: .milliseconds(999)))
            #expect(try await Wire.call(sandbox, .list, Self.body).status == 429)
            // The request at 0 ms leaves the window (now - 1 s, now] at exactly 1 s; the one at 100 ms has not.
            clock.advance(to: .init(offset: .seconds(1)))
            #expect(try await Wire.call(sandbox, .list, Self.body).status == 200)
            #expect(try await Wire.call(sandbox, .list, Self.body).status == 429)
            #expect(sandbox.stats().rejected.rateLimit == 3)
        }
    }

    @Test("rejected requests do not count toward the window")
    func rejectedDoNotCount() async throws {
        let clock = ManualClock()
        try await Sandbox.withSandbox(Self.configuration(clock)) { (sandbox) async throws in
            for _ in 0..<5 { #expect(try await Wire.call(sandbox, .list, Self.body).status == 200) }
            clock.advance(by: .milliseconds(900))
            // Still inside the window of the first five: refused (and, if they counted, they would fill the next one).
            for _ in 0..<3 { #expect(try await Wire.call(sandbox, .list, Self.body).status == 429) }
            clock.advance(by: .milliseconds(100))
            // The first five have left the window; the three refusals must not count.
            for _ in 0..<5 { #expect(try await Wire.call(sandbox, .list, Self.body).status == 200) }
            #expect(try await Wire.call(sandbox, .list, Self.body).status == 429)
            #expect(sandbox.stats().rejected.rateLimit == 4)
        }
    }

    @Test("the limit is decided on the instant a request arrives, not after its latency; a refusal too comes after the latency")
    func decidedOnArrival() async throws {
        let clock = ManualClock()
        var configuration = Self.configuration(clock, limit: 1)
        configuration.latency = .milliseconds(400)
        try await Sandbox.withSandbox(configuration) { (sandbox) async throws in
            // Arrives at 0 ms, answered at 400 ms.
            let first = Task { try await Wire.call(sandbox, .list, Self.body).status }
            try #require(await clock.settle(sleepers: 1))
            clock.advance(by: .milliseconds(400))
            #expect(try await first.value == 200)
            // Arrives at 999 ms: the first (arrived at 0) is still in the window: refused, and the 429 also waits 400 ms.
            clock.advance(to: .init(offset: .milliseconds(999)))
            let refused = Task { try await Wire.call(sandbox, .list, Self.body).status }
            try #require(await clock.settle(sleepers: 1))
            #expect(sandbox.stats().rejected.rateLimit == 1)
            clock.advance(by: .milliseconds(400))
            #expect(try await refused.value == 429)
            // Arrives at 1,399 ms: the first arrived over a second ago, so it is admitted. Had the limit been decided
            // after the latency (the first logged at 400 ms), this one would be refused.
            let third = Task { try await Wire.call(sandbox, .list, Self.body).status }
            try #require(await clock.settle(sleepers: 1))
            clock.advance(by: .milliseconds(400))
            #expect(try await third.value == 200)
            #expect(sandbox.stats().rejected.rateLimit == 1)
        }
    }

    @Test("admin routes are never limited; unlimited when rateLimit is nil")
    func adminAndUnlimited() async throws {
        let clock = ManualClock()
        try await Sandbox.withSandbox(Self.configuration(clock, limit: 1)) { (sandbox) async throws in
            for _ in 0..<12 { #expect(try await Wire.admin(sandbox, .GET, "stats").status == 200) }
            #expect(try await Wire.call(sandbox, .list, Self.body).status == 200)
            #expect(try await Wire.call(sandbox, .list, Self.body).status == 429)
            // Lifted at run time.
            #expect(try await Wire.admin(sandbox, .PUT, "config", body: #"{"rateLimit":null}"#).status == 200)
            for _ in 0..<12 { #expect(try await Wire.call(sandbox, .list, Self.body).status == 200) }
        }
    }
}
