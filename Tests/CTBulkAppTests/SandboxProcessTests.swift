import CTBulkCore
import CTBulkTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `ctbulk sandbox` as a real process: it serves until SIGTERM, then stops gracefully even with a request hanging.
/// (A process of its own, so the signal does not reach the test runner and its other tests.)
@Suite struct SandboxProcessTests {
    @Test func sigtermStopsTheSandboxGracefullyEvenWithAHungRequest() async throws {
        let dir = TempDir()
        let sandbox = try await SandboxProcess.start(["--faults", "hang=1", "--rate-limit", "0"], in: dir)
        defer { sandbox.child.kill() }
        #expect(try sandbox.stats().faults.hang == 0)
        // A request that hangs (five minutes by default) on a thread of its own.
        let port = sandbox.port
        let hung = Thread {
            _ = try? LoopbackHTTP.request("POST", port: port, path: "/phone-service/v1/api/calltracking/ad-platform/phone/list",
                                          body: #"{"phoneNumbers":[]}"#, timeoutSeconds: 60,
                                          headers: ["Access-Token": "sandbox-token", "SiteId": "1"])
        }
        hung.start()
        let deadline = ContinuousClock.now + .seconds(30)
        while try sandbox.stats().faults.hang == 0 && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(try sandbox.stats().faults.hang == 1)
        sandbox.child.signal(SIGTERM)
        #expect(await sandbox.child.exitCode(within: .seconds(120)) == 0)
    }
}
