import CTBulkApp
import CTBulkCore
import CTBulkTestSupport
import Foundation
import Testing

/// Rows of the README's exit-code table that no other test covers.
@Suite struct ExitCodeTests {
    /// 74: a journal that is not a ctbulk journal (damaged, or some other file) is not "some rows failed" (1).
    @Test func aDamagedJournalExits74WithOneSentenceSayingWhatToDo() async {
        let dir = TempDir()
        let journal = dir.write("journal.sqlite", String(repeating: "not a database ", count: 400))
        let status = CapturingConsole()
        #expect(StatusCommand.run(journalPath: journal, runID: nil, format: .text, language: .en, console: status) == 74)
        #expect(status.stderr.contains("is damaged or is not a ctbulk journal"), "\(status.stderr)")
        #expect(status.stderr.contains("mv \(journal) \(journal).broken"))

        var options = ApplyOptions(input: InputOptions(path: repoPath("jobs/demo.csv")), api: APIOptions(sandbox: true))
        options.api.stateDirectory = dir.path("state")
        options.journalPath = journal
        options.yes = true
        options.quiet = true
        let apply = CapturingConsole()
        #expect(await ApplyCommand.run(options, console: apply) == 74)
        #expect(apply.stderr.contains("is damaged or is not a ctbulk journal"), "\(apply.stderr)")
    }

    /// 78: an API that answers with a redirect is refused at once — one request, no retries, no redirect followed —
    /// and the message names where it pointed and what to fix.
    @Test(arguments: [301, 307, 308])
    func aRedirectExits78AfterOneRequest(status: Int) async throws {
        let dir = TempDir()
        let token = dir.write("token", "secret-token-1")
        chmod(token, 0o600)
        let server = StaticAnswerServer()
        let (plan, apply) = try await server.with(status: status, location: "https://api.calltouch.ru/x") { base in
            var api = APIOptions(baseURL: base, siteID: "1", tokenFile: token, environment: [:])
            api.stateDirectory = dir.path("state")
            var planOptions = PlanOptions(input: InputOptions(path: repoPath("jobs/demo.csv")), api: api)
            planOptions.language = .en
            let planConsole = CapturingConsole()
            let planCode = await PlanCommand.run(planOptions, console: planConsole)

            var options = ApplyOptions(input: InputOptions(path: repoPath("jobs/demo.csv")), api: api)
            options.journalPath = dir.path("journal.sqlite")
            options.yes = true
            options.quiet = true
            let applyConsole = CapturingConsole()
            let applyCode = await ApplyCommand.run(options, console: applyConsole)
            return ((planCode, planConsole.stderr), (applyCode, applyConsole.stderr))
        }
        #expect(plan.0 == 78, "\(plan.1)")
        #expect(apply.0 == 78, "\(apply.1)")
        for text in [plan.1, apply.1] {
            #expect(text.contains("redirect"), "\(text)")
            #expect(text.contains("https://api.calltouch.ru/x"), "\(text)")
            #expect(text.contains("--base-url"), "\(text)")
            #expect(!text.contains("secret-token-1"))
        }
        // One read by plan and one by apply: neither retried nor followed the redirect.
        #expect(server.requests == 2)
    }
}
