import CTBulkApp
import CTBulkCore
import CTBulkTestSupport
import Foundation
import Testing

@Suite struct ValidateCommandTests {
    @Test func cleanFilesExitZeroAndPrintTheAssumptions() async {
        // examples/excel-utf8-bom.csv is left out: its multi-line display text is now an error (cell.control_character).
        for file in ["examples/excel-cp1251-semicolon.csv", "examples/excel-unicode-text.txt",
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
        #expect(console.stdout.contains("с ошибками 14"))
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

    // MARK: Input edges

    @Test func jsonFormatPrintsJSONForFailuresToo() async throws {
        let missing = CapturingConsole()
        let code = await ValidateCommand.run(ValidateOptions(input: InputOptions(path: "/nonexistent/job.csv"), format: .json),
                                             console: missing)
        #expect(code == 66)
        #expect(try errorObject(missing.stdout) == ["code": "file.not_found", "file": "/nonexistent/job.csv",
                                                    "message": "/nonexistent/job.csv: no such file."])
        #expect(missing.stderr.contains("/nonexistent/job.csv"))

        let dir = TempDir()
        let directory = CapturingConsole()
        _ = await ValidateCommand.run(ValidateOptions(input: InputOptions(path: dir.url.path), format: .json), console: directory)
        #expect(try errorObject(directory.stdout)["code"] == "file.directory")

        let usage = CapturingConsole()
        let options = ValidateOptions(input: InputOptions(path: repoPath("jobs/demo.csv"), encoding: "koi8"), format: .json)
        #expect(await ValidateCommand.run(options, console: usage) == 64)
        #expect(try errorObject(usage.stdout)["code"] == "usage")
    }

    @Test func theBinaryPrintsJSONForAnUnreadableFile() throws {
        let (code, stdout, _) = try runCTBulk(["validate", "--format", "json", "/nonexistent/job.csv"])
        #expect(code == 66)
        #expect(try errorObject(stdout)["code"] == "file.not_found")
    }

    @Test func controlCharactersAreErrorsAndShownEscaped() async throws {
        let dir = TempDir()
        let path = dir.write("escape.csv", "phone_number,pool_name\n79001234567,\"\u{1B}[2J\u{1B}]0;owned\u{07}\"\n")
        for format in [OutputFormat.text, .json] {
            let console = CapturingConsole()
            let code = await ValidateCommand.run(ValidateOptions(input: InputOptions(path: path), format: format), console: console)
            #expect(code == 65)
            #expect(console.stdout.contains("cell.control_character"))
            #expect(!console.stdout.utf8.contains(0x1B) && !console.stdout.utf8.contains(0x07))
            if format == .text { #expect(console.stdout.contains(#"("\u{1B}[2J\u{1B}]0;owned\u{07}")"#)) }
        }
    }

    @Test func jsonOutputEscapesC1Characters() async throws {
        let path = TempDir().write("c1.csv", "phone_number,pool_name\n79001234567,a\u{9B}31mb\n")
        let console = CapturingConsole()
        #expect(await ValidateCommand.run(ValidateOptions(input: InputOptions(path: path), format: .json), console: console) == 65)
        let json = console.stdout
        #expect(!json.unicodeScalars.contains { (0x80...0x9F).contains($0.value) })
        #expect(json.lowercased().contains(#"a\u009b31mb"#))
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
        guard case .object(let root) = value, case .array(let problems)? = root["problems"],
              case .object(let problem)? = problems.first else {
            Issue.record("unexpected JSON: \(json)")
            return
        }
        #expect(problem["value"] == .string("a\u{9B}31mb"))  // the same text once decoded
        #expect(problem["code"] == .string("cell.control_character"))
    }

    @Test func maxCellBytesOnTheCommandLine() throws {
        let dir = TempDir()
        let path = dir.write("cells.csv", "phone,pool\n79001234567,\(String(repeating: "p", count: 100))\n")
        #expect(try runCTBulk(["validate", path]).0 == 0)
        let (code, stdout, _) = try runCTBulk(["validate", "--max-cell-bytes", "50", path])
        #expect(code == 65)
        #expect(stdout.contains(#"row 2, column "pool": error cell.too_large: The cell in \#(path) is 100 bytes, over the limit of 50 bytes"#))
        #expect(try runCTBulk(["validate", "--max-cell-bytes", "0", path]).0 == 64)
        for command in ["plan", "apply", "reconcile"] {
            let (_, help, _) = try runCTBulk([command, "--help"])
            #expect(help.contains("--max-cell-bytes"), "\(command)")
        }
    }
}

/// The `error` object of `{"error": {...}}`, as strings.
private func errorObject(_ stdout: String) throws -> [String: String] {
    let value = try JSONDecoder().decode(JSONValue.self, from: Data(stdout.utf8))
    guard case .object(let root) = value, case .object(let error)? = root["error"] else { return [:] }
    return error.compactMapValues { if case .string(let text) = $0 { return text } else { return nil } }
}
