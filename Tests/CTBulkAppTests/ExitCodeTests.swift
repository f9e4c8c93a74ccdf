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
}
