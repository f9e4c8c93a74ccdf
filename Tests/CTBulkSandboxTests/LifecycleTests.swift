import AsyncHTTPClient
import Foundation
import CTBulkSandbox
import CTBulkTestSupport
import Testing

@Suite("Lifecycle") struct LifecycleTests {
    @Test("an ephemeral port on loopback, reported in baseURL; stopped after the body")
    func ephemeralPort() async throws {
        let url = try await Sandbox.withSandbox(.demoUnlimited()) { (sandbox) async throws in
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
        try await Sandbox.withSandbox(.demoUnlimited()) { (first) async throws in
            var configuration = SandboxConfiguration.demoUnlimited()
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
            try await Sandbox.withSandbox(.demoUnlimited()) { _ in throw Boom() }
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
            #expect(line.contains("UIS Data API at \(sandbox.uisURL.absoluteString) — access_token sandbox-uis-token"))
        }
        var configuration = SandboxConfiguration.demo
        configuration.accessToken = "secret-value"
        configuration.uis.token = "uis-secret-value"
        try await Sandbox.withSandbox(configuration) { (sandbox) async throws in
            #expect(!sandbox.summaryLine.contains("secret-value"))
            #expect(sandbox.summaryLine.contains("access_token (as given)"))
        }
    }
}

// runForeground under SIGTERM is tested on a real `ctbulk sandbox` process (CTBulkAppTests/SandboxProcessTests), so
// the signal never reaches the test runner.
