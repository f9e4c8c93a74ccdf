import CTBulkApp
@testable import CTBulkCore
import CTBulkEngine
import CTBulkSandbox
import CTBulkTestSupport
import Foundation
import Testing
import UISDataAPI

/// Every UIS request of every command passes the machine-wide limiter of the UIS host, like Calltouch requests do:
/// two ctbulk processes on one machine share the address's limit.
@Suite struct UISSharedLimitTests {
    /// The starts the machine-wide limiter recorded for `host` under `state`.
    static func starts(state: String, host: String) -> Int {
        let limiter = HostRateLimiter(directory: StateDirectory.rates(state), host: AccountIdentity.canonicalHost(host), limit: 5)
        guard let text = try? String(contentsOfFile: limiter.path, encoding: .utf8),
              let decoded = HostRateLimiter.decode(text) else { return 0 }
        return decoded.starts.count
    }

    @Test func uisCommandsAndTheInventoryCheckDrawFromTheHostsSharedLimit() async throws {
        let dir = TempDir()
        let state = dir.path("state")
        let uis = UISSandboxConfiguration(numberCount: 20)
        try await Sandbox.withSandbox(SandboxConfiguration(rateLimit: nil, uis: uis)) { running in
            let host = running.uisURL.absoluteString
            #expect(Self.starts(state: state, host: host) == 0)
            let environment = ["UIS_ACCESS_TOKEN": uis.token]
            let first = CapturingConsole()
            #expect(await UISCommandRunner.run(method: .sourceGroups,
                options: UISCommandOptions(host: host, environment: environment, stateDirectory: state), output: first) == 0)
            let afterCommand = Self.starts(state: state, host: host)
            #expect(afterCommand >= 1)

            var options = ValidateOptions(input: InputOptions(path: repoPath("jobs/demo.csv")))
            options.inventory = UISInventoryOptions(host: host, environment: environment, stateDirectory: state)
            _ = await ValidateCommand.run(options, console: CapturingConsole())
            #expect(Self.starts(state: state, host: host) > afterCommand)
        }
    }
}
