import CTBulkApp
import CTBulkCore
import CTBulkTestSupport
import Foundation
import Testing

/// Reports that read the job file again (apply's results, reconcile's report) read it with the same cell-size limit
/// as the run did, so a cell the user allowed with `--max-cell-bytes` is in the report as written.
@Suite struct ReportRereadTests {
    @Test func applyResultsKeepACellAllowedByMaxCellBytes() async throws {
        let dir = TempDir()
        let note = String(repeating: "заметка ", count: 10_000) + "конец"  // about 150 KB, over the 64 KiB default
        let job = dir.write("big.csv", "phone;pool;note\n79990000005;Новый;\(note)\n")
        var options = ApplyOptions(input: InputOptions(path: job, maxCellBytes: 1 << 20), api: APIOptions(sandbox: true, rate: 50))
        options.api.stateDirectory = dir.path("state")
        options.yes = true
        options.quiet = true
        options.journalPath = dir.path("j.sqlite")
        options.reportDirectory = dir.path("run")
        let console = CapturingConsole()
        #expect(await ApplyCommand.run(options, console: console) == 0, "\(console.stdout)\n\(console.stderr)")
        let results = try String(contentsOfFile: dir.path("run/results.csv"), encoding: .utf8)
        #expect(results.contains(note), "the note cell is in the results as written")
        #expect(!results.contains("cell.too_large"))
    }
}
