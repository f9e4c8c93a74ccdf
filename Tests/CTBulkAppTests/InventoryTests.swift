import CTBulkApp
import CTBulkCore
import CTBulkSandbox
import CTBulkTestSupport
import Foundation
import Testing
import UISDataAPI

/// `validate --inventory uis` against the sandbox's UIS API over loopback HTTP.
@Suite struct InventoryTests {
    @Test func notConnectedAndInactiveAreErrorsAndNumbersInUseAreWarnings() async throws {
        var configuration = SandboxConfiguration.demo
        configuration.port = 0
        try await Sandbox.withSandbox(configuration) { sandbox in
            let client = UISClient(configuration: UISClientConfiguration(endpoint: try UISEndpoint(sandbox.uisURL.absoluteString),
                                                                         credentials: .accessToken(configuration.uis.token)),
                                   transport: AsyncHTTPClientTransport(), gate: UnlimitedGate())
            let page = try await client.page(VirtualNumber.self, query: UISQuery(limit: 2000))
            func digits(_ n: VirtualNumber) -> String { String((n.virtualPhoneNumber ?? "").filter(\.isNumber)) }
            let valid = page.records.filter { digits($0).count == 11 && digits($0).hasPrefix("7") }
            let free = try #require(valid.first { $0.status?.rawValue == "active" && ($0.campaigns ?? []).isEmpty && ($0.scenarios ?? []).isEmpty })
            let inactive = try #require(valid.first { $0.status?.rawValue != "active" })
            let used = try #require(valid.first { $0.status?.rawValue == "active" && !($0.campaigns ?? []).isEmpty })
            let dir = TempDir()
            let job = dir.write("job.csv", """
                phone_number;pool_name
                \(digits(free));A
                \(digits(inactive));A
                \(digits(used));A
                79990000001;A
                """)
            var options = ValidateOptions(input: InputOptions(path: job))
            options.inventory = UISInventoryOptions(host: sandbox.uisURL.absoluteString,
                                                    environment: ["UIS_ACCESS_TOKEN": configuration.uis.token])
            options.reportPath = dir.path("report.csv")
            let console = CapturingConsole()
            let code = await ValidateCommand.run(options, console: console)
            #expect(code == 65, "\(console.stdout)\n\(console.stderr)")
            let out = console.stdout
            #expect(!out.contains("row 2,"))
            #expect(out.contains("row 3, column \"phone_number\" (\"\(digits(inactive))\"): error inventory.inactive"))
            #expect(out.contains("row 4, column \"phone_number\" (\"\(digits(used))\"): warning inventory.in_use"))
            #expect(out.contains("row 5, column \"phone_number\" (\"79990000001\"): error inventory.not_connected"))
            #expect(out.contains("4 rows: 1 OK, 1 with warnings, 2 with errors"))
            let report = try String(contentsOfFile: dir.path("report.csv"), encoding: .utf8)
            #expect(report.contains("inventory.not_connected"))
            #expect(client.statistics.requests < 5)  // batched with `in`, not one request per number
        }
    }

    @Test func aBadUISTokenExits77() async throws {
        var configuration = SandboxConfiguration.demo
        configuration.port = 0
        try await Sandbox.withSandbox(configuration) { sandbox in
            var options = ValidateOptions(input: InputOptions(path: repoPath("jobs/demo.csv")))
            options.inventory = UISInventoryOptions(host: sandbox.uisURL.absoluteString, environment: ["UIS_ACCESS_TOKEN": "nope-secret"])
            let console = CapturingConsole()
            #expect(await ValidateCommand.run(options, console: console) == 77)
            #expect(!console.stderr.contains("nope-secret"))
        }
    }
}
