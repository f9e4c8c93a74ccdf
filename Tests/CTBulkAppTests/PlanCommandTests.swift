import CTBulkApp
import CTBulkCore
import CTBulkSandbox
import CTBulkTestSupport
import Foundation
import Testing

@Suite struct PlanCommandTests {
    func options(_ file: String = "jobs/demo.csv", out: String? = nil, format: OutputFormat = .text, detailed: Bool = false,
                 showUnchanged: Bool = false) -> PlanOptions {
        PlanOptions(input: InputOptions(path: repoPath(file)), api: APIOptions(sandbox: true, rate: 50), outPath: out,
                    format: format, detailedExitCode: detailed, showUnchanged: showUnchanged)
    }

    @Test func demoJobAgainstTheSandboxGivesTheExpectedCountsAndDiffs() async {
        let console = CapturingConsole()
        let code = await PlanCommand.run(options(showUnchanged: true), console: console)
        #expect(code == 0, "\(console.stderr)")
        let out = console.stdout
        #expect(out.contains("Plan: 4 to create, 5 to update, 3 unchanged, 0 errors."))
        #expect(out.contains("~ 79990000006 (row 7): update\n    campaign: autumn → autumn-sale"))
        #expect(out.contains("~ 79990000008 (row 9): update\n    reserveTimeOut: 30 → 60"))
        #expect(out.contains("+ 79990000001 (row 2): create\n    poolName: ∅ → Весна"))
        #expect(out.contains("= 79990000005 (row 6): no-op"))
        #expect(out.contains("Cost: 9 writes + 1 re-read of live state before writing + 1 read-back to verify = 11 requests and points"))
    }

    @Test func detailedExitCodeSaysChangesArePending() async {
        #expect(await PlanCommand.run(options(detailed: true), console: CapturingConsole()) == 2)
    }

    @Test func savedPlanHoldsRowsLiveStateAndHash() async throws {
        let dir = TempDir()
        let out = dir.path("plan.json")
        let code = await PlanCommand.run(options(out: out, format: .json), console: CapturingConsole())
        #expect(code == 0)
        let attributes = try FileManager.default.attributesOfItem(atPath: out)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("\"inputSHA256\""))
        #expect(text.contains("\"action\" : \"no-op\""))
        #expect(!text.contains("sandbox-token"))
    }

    @Test func invalidFileStopsWith65BeforeTouchingTheAPI() async {
        let console = CapturingConsole()
        let code = await PlanCommand.run(options("examples/typical-mistakes.csv"), console: console)
        #expect(code == 65)
        #expect(!console.stderr.contains("sandbox at"))
        #expect(console.stderr.contains("phone.scientific"))
    }

    @Test func numbersUnknownToTheAccountAreErrors() async {
        let dir = TempDir()
        let path = dir.write("unknown.csv", "phone;pool\n79990000001;A\n79000000000;B\n")
        let console = CapturingConsole()
        let code = await PlanCommand.run(PlanOptions(input: InputOptions(path: path), api: APIOptions(sandbox: true, rate: 50)),
                                         console: console)
        #expect(code == 65)
        #expect(console.stdout.contains("! 79000000000 (row 3): error"))
        #expect(console.stdout.contains("live.number_unknown"))
    }

    @Test func missingCredentialsIsAUsageErrorAndTheTokenIsNeverPrinted() async {
        let console = CapturingConsole()
        let code = await PlanCommand.run(PlanOptions(input: InputOptions(path: repoPath("jobs/demo.csv")),
                                                     api: APIOptions(environment: [:])), console: console)
        #expect(code == 64)
        #expect(console.stderr.contains("CALLTOUCH_ACCESS_TOKEN"))
    }

    @Test func wrongTokenExits77AndTheTokenIsNeverPrinted() async throws {
        try await Sandbox.withSandbox(.demo) { sandbox in
            let secret = "wrong-secret-token-123"
            let api = APIOptions(baseURL: sandbox.baseURL.absoluteString, rate: 50,
                                 environment: ["CALLTOUCH_ACCESS_TOKEN": secret, "CALLTOUCH_SITE_ID": "1"])
            let console = CapturingConsole()
            let code = await PlanCommand.run(PlanOptions(input: InputOptions(path: repoPath("jobs/demo.csv")), api: api),
                                             console: console)
            #expect(code == 77)
            #expect(console.stderr.contains("401"))
            #expect(!console.stderr.contains(secret) && !console.stdout.contains(secret))
        }
    }

    @Test func plainHTTPToAPublicHostIsRefused() async {
        let api = APIOptions(baseURL: "http://api.calltouch.ru", environment: ["CALLTOUCH_ACCESS_TOKEN": "t", "CALLTOUCH_SITE_ID": "1"])
        let console = CapturingConsole()
        let code = await PlanCommand.run(PlanOptions(input: InputOptions(path: repoPath("jobs/demo.csv")), api: api), console: console)
        #expect(code == 64)
        #expect(console.stderr.contains("http"))
    }

    @Test func aFreeNumberWithoutASourceIsAPlanErrorNotACreateTheAPIWouldRefuse() async {
        let dir = TempDir()
        let path = dir.write("free.csv", "phone;redirect_number\n79990000001;74951234567\n79990000005;74951234567\n")
        let console = CapturingConsole()
        let code = await PlanCommand.run(PlanOptions(input: InputOptions(path: path), api: APIOptions(sandbox: true, rate: 50)),
                                         console: console)
        #expect(code == 65)
        #expect(console.stdout.contains("! 79990000001 (row 2): error"))
        #expect(console.stdout.contains("live.free_needs_source"))
        #expect(console.stdout.contains("~ 79990000005 (row 3): update"))
    }

    @Test func applyReportsNumbersMissingFromTheAccountAsNotAppliedAndExits1() async throws {
        let dir = TempDir()
        let path = dir.write("unknown.csv", "phone;pool\n79990000005;Новый\n79000000000;B\n")
        var options = ApplyOptions(input: InputOptions(path: path), api: APIOptions(sandbox: true, rate: 50))
        options.yes = true
        options.quiet = true
        options.journalPath = dir.path("j.sqlite")
        options.reportDirectory = dir.path("run")
        let console = CapturingConsole()
        #expect(await ApplyCommand.run(options, console: console) == 1)
        #expect(console.stdout.contains("1 applied"))
        #expect(console.stdout.contains("1 skipped"))
        let failures = try String(contentsOfFile: dir.path("run/failures.csv"), encoding: .utf8)
        #expect(failures.contains("79000000000;B;3;live.number_unknown: The number is not in the account"))
        #expect(!failures.contains("79990000005"))
    }
}
