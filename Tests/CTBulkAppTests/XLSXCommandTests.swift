import CTBulkApp
import CTBulkCore
import CTBulkSandbox
import CTBulkTestSupport
import Foundation
import Testing

/// Every command that takes a job file takes .xlsx: validate, plan, apply (with workbook reports), reconcile, export.
@Suite struct XLSXCommandTests {
    /// The sandbox settings and API options of the reconcile and export tests (its own state folder).
    let sandboxed = ReconcileExportTests()

    func api(_ sandbox: RunningSandbox) -> APIOptions { sandboxed.api(sandbox) }

    @Test func validateShowsTheSheetInsteadOfADialect() async {
        let console = CapturingConsole()
        let code = await ValidateCommand.run(ValidateOptions(input: InputOptions(path: repoPath("jobs/demo.xlsx"))), console: console)
        #expect(code == 0, "\(console.stdout)")
        #expect(console.stdout.contains("Excel workbook (.xlsx), sheet «demo»"), "\(console.stdout)")
        #expect(console.stdout.contains("Номер → phoneNumber"))
        #expect(!console.stdout.contains("delimiter"))

        let russian = CapturingConsole()
        var input = InputOptions(path: repoPath("Tests/Fixtures/xlsx/sheets.xlsx"))
        _ = await ValidateCommand.run(ValidateOptions(input: input, language: .ru), console: russian)
        #expect(russian.stdout.contains("книга Excel (.xlsx), лист «Инструкция»"), "\(russian.stdout)")
        #expect(russian.stdout.contains("другие листы (не прочитаны): «Номера», «Архив»"))

        input.sheet = "Номера"
        let named = CapturingConsole()
        #expect(await ValidateCommand.run(ValidateOptions(input: input), console: named) == 0, "\(named.stdout)")
    }

    @Test func anUnknownSheetExits66ListingTheSheets() async {
        var input = InputOptions(path: repoPath("Tests/Fixtures/xlsx/sheets.xlsx"))
        input.sheet = "Лист1"
        let console = CapturingConsole()
        #expect(await ValidateCommand.run(ValidateOptions(input: input), console: console) == 66)
        let output = console.stdout + console.stderr
        #expect(output.contains("no sheet «Лист1»"), "\(output)")
        #expect(output.contains("«Инструкция», «Номера», «Архив»"))

        var options = ValidateOptions(input: input)
        options.format = .json
        let json = CapturingConsole()
        #expect(await ValidateCommand.run(options, console: json) == 66)
        #expect(json.stdout.contains("\"file.sheet_unknown\""), "\(json.stdout)")
    }

    @Test func planApplyReconcileAndExportTakeWorkbooks() async throws {
        try await Sandbox.withSandbox(sandboxed.fastSandbox) { sandbox in
            let dir = TempDir()
            // plan: the same plan as for the CSV the workbook was saved from.
            let csvPlan = CapturingConsole(), xlsxPlan = CapturingConsole()
            let csvCode = await PlanCommand.run(PlanOptions(input: InputOptions(path: repoPath("jobs/demo.csv")), api: api(sandbox)),
                                                console: csvPlan)
            let xlsxCode = await PlanCommand.run(PlanOptions(input: InputOptions(path: repoPath("jobs/demo.xlsx")), api: api(sandbox)),
                                                 console: xlsxPlan)
            #expect(xlsxCode == csvCode)
            func summary(_ text: String) -> [Substring] { text.split(separator: "\n").filter { $0.hasPrefix("Plan: ") } }
            #expect(summary(xlsxPlan.stdout).count == 1, "\(xlsxPlan.stdout)")
            #expect(summary(xlsxPlan.stdout) == summary(csvPlan.stdout), "\(xlsxPlan.stdout)")

            // apply: results and failures as workbooks.
            var apply = ApplyOptions(input: InputOptions(path: repoPath("jobs/demo.xlsx")), api: api(sandbox))
            apply.yes = true
            apply.quiet = true
            apply.journalPath = dir.path("journal.sqlite")
            apply.reportDirectory = dir.path("run")
            let applied = CapturingConsole()
            #expect(await ApplyCommand.run(apply, console: applied) == 0, "\(applied.stdout)\(applied.stderr)")
            #expect(FileManager.default.fileExists(atPath: dir.path("run/results.xlsx")))
            #expect(FileManager.default.fileExists(atPath: dir.path("run/failures.xlsx")))
            #expect(!FileManager.default.fileExists(atPath: dir.path("run/results.csv")))
            let results = try JobFileReader(path: dir.path("run/results.xlsx"))
            #expect(results.csv?.header.suffix(6) == ["row", "action", "outcome", "http_status", "attempts", "message"])
            let outcomeColumn = try #require(results.csv?.header.firstIndex(of: "outcome"))
            var outcomes: [String] = []
            try results.forEachRow { row in if !row.isBlank { outcomes.append(row.cells[outcomeColumn]) } }
            #expect(outcomes.count == 12)
            #expect(outcomes.allSatisfy { ["applied", "no-op"].contains($0) }, "\(outcomes)")

            // reconcile: in sync after the apply, with a workbook drift report.
            var reconcile = ReconcileCommand.Options(input: InputOptions(path: repoPath("jobs/demo.xlsx")), api: api(sandbox))
            reconcile.reportPath = dir.path("drift.xlsx")
            reconcile.journalPath = dir.path("journal.sqlite")
            reconcile.reportDirectory = dir.path("runs")
            reconcile.quiet = true
            let reconciled = CapturingConsole()
            #expect(await ReconcileCommand.run(reconcile, console: reconciled) == 0, "\(reconciled.stdout)\(reconciled.stderr)")
            let drift = try JobFileReader(path: dir.path("drift.xlsx"))
            #expect(drift.csv?.header.contains("drift") == true)

            // export to .xlsx (numbers from the workbook), then plan the export: nothing to change.
            var export = ExportCommand.Options(outPath: dir.path("export.xlsx"), api: api(sandbox))
            export.numbersFile = repoPath("jobs/demo.xlsx")
            let exported = CapturingConsole()
            #expect(await ExportCommand.run(export, console: exported) == 0, "\(exported.stderr)")
            #expect(exported.stdout.contains("Exported "), "\(exported.stdout)")
            let rows = try JobFileReader(path: dir.path("export.xlsx"))
            #expect(rows.kind == .xlsx)
            var detailed = PlanOptions(input: InputOptions(path: dir.path("export.xlsx")), api: api(sandbox))
            detailed.detailedExitCode = true
            let replan = CapturingConsole()
            #expect(await PlanCommand.run(detailed, console: replan) == 0, "\(replan.stdout)")
        }
    }
}
