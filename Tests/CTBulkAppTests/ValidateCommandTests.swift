import CTBulkApp
import CTBulkCore
import CTBulkTestSupport
import Foundation
import Testing

@Suite struct ValidateCommandTests {
    @Test func cleanFilesExitZeroAndPrintTheAssumptions() async {
        for file in ["examples/excel-cp1251-semicolon.csv", "examples/excel-utf8-bom.csv", "examples/excel-unicode-text.txt",
                     "examples/api-body.json", "examples/api-defaults.json", "jobs/demo.csv"] {
            let console = CapturingConsole()
            let code = await ValidateCommand.run(ValidateOptions(input: InputOptions(path: repoPath(file))), console: console)
            #expect(code == 0, "\(file): \(console.stdout)")
            #expect(console.stdout.contains("Assumptions:"))
        }
        let console = CapturingConsole()
        _ = await ValidateCommand.run(ValidateOptions(input: InputOptions(path: repoPath("examples/excel-cp1251-semicolon.csv"))), console: console)
        #expect(console.stdout.contains("Windows-1251"))
        #expect(console.stdout.contains("delimiter \";\""))
        #expect(console.stdout.contains("Номер → phoneNumber"))
        #expect(console.stdout.contains("rows read: 4"))
    }

    @Test func errorsExit65AndNameRowColumnAndValue() async {
        let console = CapturingConsole()
        let code = await ValidateCommand.run(ValidateOptions(input: InputOptions(path: repoPath("examples/typical-mistakes.csv"))),
                                             console: console)
        #expect(code == 65)
        #expect(console.stdout.contains(#"row 2, column "Номер" ("7,9E+10"): error phone.scientific"#))
        #expect(console.stdout.contains("19 rows: 3 OK, 2 with warnings, 14 with errors"))
    }

    @Test func russianMessages() async {
        let console = CapturingConsole()
        _ = await ValidateCommand.run(ValidateOptions(input: InputOptions(path: repoPath("examples/typical-mistakes.csv")), language: .ru),
                                      console: console)
        #expect(console.stdout.contains("строка 2, столбец «Номер» (\"7,9E+10\"): ошибка phone.scientific: Excel сохранил номер"))
        #expect(console.stdout.contains("с ошибками: 14"))
    }

    @Test func unreadableFileExits66AndBadOptionsExit64() async {
        let console = CapturingConsole()
        #expect(await ValidateCommand.run(ValidateOptions(input: InputOptions(path: "/nonexistent/job.csv")), console: console) == 66)
        #expect(console.stderr.contains("/nonexistent/job.csv"))
        let usage = CapturingConsole()
        let options = ValidateOptions(input: InputOptions(path: repoPath("jobs/demo.csv"), encoding: "koi8"))
        #expect(await ValidateCommand.run(options, console: usage) == 64)
        #expect(usage.stderr.contains("koi8"))
    }

    @Test func jsonFormatAndAllFlag() async throws {
        let console = CapturingConsole()
        let code = await ValidateCommand.run(ValidateOptions(input: InputOptions(path: repoPath("examples/typical-mistakes.csv")),
                                                             format: .json, all: true), console: console)
        #expect(code == 65)
        let object = try JSONDecoder().decode(JSONValue.self, from: Data(console.stdout.utf8))
        guard case .object(let root) = object, case .array(let problems)? = root["problems"],
              case .object(let summary)? = root["summary"] else {
            Issue.record("unexpected JSON: \(console.stdout)")
            return
        }
        #expect(problems.count == 17)
        #expect(summary["errors"] == .integer(14))
    }

    @Test func reportFlagWritesEveryRow() async throws {
        let dir = TempDir()
        let report = dir.path("report.csv")
        let console = CapturingConsole()
        _ = await ValidateCommand.run(ValidateOptions(input: InputOptions(path: repoPath("examples/typical-mistakes.csv")),
                                                      reportPath: report), console: console)
        let text = Windows1251.decode(try [UInt8](Data(contentsOf: URL(fileURLWithPath: report))))
        #expect(text.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 20)
        #expect(console.stdout.contains("Report written to \(report)"))
    }

    @Test func theBinaryExitsWithTheDocumentedCodes() throws {
        #expect(try runCTBulk(["validate", repoPath("jobs/demo.csv")]).0 == 0)
        #expect(try runCTBulk(["validate", repoPath("examples/typical-mistakes.csv")]).0 == 65)
        #expect(try runCTBulk(["validate", "/nonexistent.csv"]).0 == 66)
        #expect(try runCTBulk(["validate", "--delimiter", "x", repoPath("jobs/demo.csv")]).0 == 64)
        #expect(try runCTBulk(["validate"]).0 == 64)  // missing argument: ArgumentParser's usage error
    }
}
