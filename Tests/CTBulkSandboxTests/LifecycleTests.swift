import AsyncHTTPClient
import Foundation
import CTBulkSandbox
import Testing

@Suite("Lifecycle") struct LifecycleTests {
    @Test("an ephemeral port on loopback, reported in baseURL; stopped after the body")
    func ephemeralPort() async throws {
        let url = try await Sandbox.withSandbox(demoUnlimited()) { (sandbox) async throws in
            #expect(sandbox.port > 0)
            #expect(sandbox.baseURL.absoluteString == "http://127.0.0.1:\(sandbox.port)")
            #expect(sandbox.uisURL.absoluteString == "http://127.0.0.1:\(sandbox.port)/v2.0")
            #expect(try await Wire.admin(sandbox, .GET, "stats").status == 200)
            return sandbox
        }
        // Nothing listens any more: the connection is refused (AHC gives up at the deadline at the latest).
        await #expect(throws: (any Error).self) {
            try await Wire.send(url, method: .GET, path: "/_sandbox/stats", timeout: .seconds(2))
        }
    }

    @Test("a taken port is reported as didNotStart")
    func portTaken() async throws {
        try await Sandbox.withSandbox(demoUnlimited()) { (first) async throws in
            var configuration = demoUnlimited()
            configuration.port = first.port
            await #expect {
                try await Sandbox.withSandbox(configuration) { _ in }
            } throws: { error in
                if case SandboxError.didNotStart = error { return true }
                return false
            }
        }
    }

    @Test("the body's error is rethrown after stopping")
    func bodyError() async throws {
        struct Boom: Error, Equatable {}
        await #expect(throws: Boom()) {
            try await Sandbox.withSandbox(demoUnlimited()) { _ in throw Boom() }
        }
    }

    @Test("the summary line names the URL, the credentials and the account")
    func summary() async throws {
        try await Sandbox.withSandbox(.demo) { (sandbox) async throws in
            let line = sandbox.summaryLine
            #expect(line.contains(sandbox.baseURL.absoluteString))
            #expect(line.contains("Access-Token sandbox-token"))
            #expect(line.contains("SiteId 1"))
            #expect(line.contains("32 numbers (8 used, 24 free)"))
            #expect(line.contains("rate limit 5/s"))
        }
        var configuration = SandboxConfiguration.demo
        configuration.accessToken = "secret-value"
        try await Sandbox.withSandbox(configuration) { (sandbox) async throws in
            #expect(!sandbox.summaryLine.contains("secret-value"))
        }
    }
}

@Suite("Foreground run", .serialized, .timeLimit(.minutes(1))) struct ForegroundTests {
    @Test("runForeground reports readiness, serves, and stops gracefully on SIGTERM even with a hung request")
    func sigterm() async throws {
        var configuration = demoUnlimited()
        configuration.faults = FaultSpec(hangRate: 1)
        let (ready, readyContinuation) = AsyncStream.makeStream(of: RunningSandbox.self)
        let server = Task {
            try await Sandbox.runForeground(configuration) { sandbox in
                readyContinuation.yield(sandbox)
                readyContinuation.finish()
            }
        }
        var iterator = ready.makeAsyncIterator()
        let sandbox = try #require(await iterator.next())
        #expect(sandbox.port > 0)
        #expect(try await Wire.admin(sandbox, .GET, "stats").status == 200)
        // A request that hangs (5 minutes by default) must not hold up the shutdown.
        let hung = Task { try await Wire.call(sandbox, .list, #"{"phoneNumbers":[]}"#, timeout: .seconds(50)) }
        while sandbox.stats().faults.hang == 0 { try await Task.sleep(for: .milliseconds(20)) }
        let start = ContinuousClock.now
        kill(getpid(), SIGTERM)
        try await server.value
        #expect(ContinuousClock.now - start < .seconds(30))
        await #expect(throws: (any Error).self) { try await hung.value }
    }
}
