import CTBulkSandbox
import Foundation
import Testing

@Suite("Rate limit", .serialized) struct RateLimitTests {
    @Test("11 requests fired within a second: exactly 5 accepted, 6 get 429 with Retry-After: 1")
    func burst() async throws {
        try await Sandbox.withSandbox(.demo) { (sandbox) async throws in
            let answers = try await withThrowingTaskGroup(of: HTTPAnswer.self) { group in
                for _ in 0..<11 {
                    group.addTask { try await Wire.call(sandbox, .list, #"{"phoneNumbers":["79990000001"]}"#) }
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

    @Test("rejected requests do not count toward the window")
    func rejectedDoNotCount() async throws {
        var configuration = SandboxConfiguration.demo
        // A long window, so a slow (loaded) machine cannot push the first five out of it before the refusals.
        configuration.rateLimitWindow = .seconds(4)
        try await Sandbox.withSandbox(configuration) { (sandbox) async throws in
            let body = #"{"phoneNumbers":["79990000001"]}"#
            for _ in 0..<5 { #expect(try await Wire.call(sandbox, .list, body).status == 200) }
            let lastAccepted = ContinuousClock.now
            try await Task.sleep(for: .milliseconds(200))
            // Still inside the window of the first five: refused, and (if they counted) they would fill the next window.
            for _ in 0..<3 { #expect(try await Wire.call(sandbox, .list, body).status == 429) }
            try await Task.sleep(until: lastAccepted + .milliseconds(4100))
            // The first five have left the window; the three refusals must not count.
            for _ in 0..<5 { #expect(try await Wire.call(sandbox, .list, body).status == 200) }
            #expect(try await Wire.call(sandbox, .list, body).status == 429)
            #expect(sandbox.stats().rejected.rateLimit == 4)
        }
    }

    @Test("admin routes are never limited; unlimited when rateLimit is nil")
    func adminAndUnlimited() async throws {
        var configuration = SandboxConfiguration.demo
        configuration.rateLimit = 1
        configuration.rateLimitWindow = .seconds(60)
        try await Sandbox.withSandbox(configuration) { (sandbox) async throws in
            for _ in 0..<12 { #expect(try await Wire.admin(sandbox, .GET, "stats").status == 200) }
            let body = #"{"phoneNumbers":["79990000001"]}"#
            #expect(try await Wire.call(sandbox, .list, body).status == 200)
            #expect(try await Wire.call(sandbox, .list, body).status == 429)
            // Lifted at run time.
            #expect(try await Wire.admin(sandbox, .PUT, "config", body: #"{"rateLimit":null}"#).status == 200)
            for _ in 0..<12 { #expect(try await Wire.call(sandbox, .list, body).status == 200) }
        }
    }
}
