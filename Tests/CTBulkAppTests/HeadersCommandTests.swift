import CTBulkApp
import CTBulkCore
import CTBulkTestSupport
import Foundation
import Testing

/// Their own headers and the listing, through the commands and the real binary.
@Suite struct HeadersCommandTests {
    /// 60 rows with a note each, a header nobody knows with data, and one error far down: the header warning comes
    /// first, then the error, then the warnings; the notes are counted, not listed.
    static func noisyFile(_ dir: TempDir) -> String {
        var text = "Номер;Пул;Резерв\n"
        for index in 0..<60 { text += "8 900 000 00 \(String(format: "%02d", index));A;\n" }
        text += "8 900 000 00 99;A;79001112233\n"
        text += "79ОО1234567;A;\n"
        return dir.write("noisy.csv", text)
    }

    @Test func errorsComeFirstThenWarningsAndNotesAreCounted() async throws {
        let dir = TempDir()
        let console = CapturingConsole()
        let code = await ValidateCommand.run(ValidateOptions(input: InputOptions(path: Self.noisyFile(dir))), console: console)
        #expect(code == 65)
        let out = console.stdout
        let columns = try #require(out.range(of: "Columns:"))
        let errors = try #require(out.range(of: "Errors (1):"))
        let notes = try #require(out.range(of: "Notes (61; listed with --all):"))
        #expect(columns.lowerBound < errors.lowerBound && errors.lowerBound < notes.lowerBound)
        #expect(out.contains(#"row 63, column "Номер" ("79ОО1234567"): error phone.letters"#))
        #expect(out.contains("phone.normalized: 61 rows — row 2"))
        #expect(out.contains("Maybe reserveNumber («Reserve number»)?"))
        #expect(!out.contains("row 3, column \"Номер\""))  // notes are not listed one by one

        let all = CapturingConsole()
        _ = await ValidateCommand.run(ValidateOptions(input: InputOptions(path: Self.noisyFile(dir)), all: true), console: all)
        #expect(all.stdout.contains("Notes (61):"))
        #expect(all.stdout.contains("row 3, column \"Номер\""))
    }

    @Test func theReportStaysComplete() async throws {
        let dir = TempDir()
        let report = dir.path("report.csv")
        _ = await ValidateCommand.run(ValidateOptions(input: InputOptions(path: Self.noisyFile(dir)), reportPath: report),
                                      console: CapturingConsole())
        let lines = try String(contentsOfFile: report, encoding: .utf8).split(whereSeparator: \.isNewline)
        #expect(lines.count == 63)
        #expect(lines.filter { $0.contains("phone.normalized") }.count == 61)
    }

    @Test func mapAndMappingOnTheCommandLineAndInAJobSpec() throws {
        let dir = TempDir()
        let job = dir.write("job.csv", "Телефон;Резерв;Куда;Таймаут, сек\n79001234567;495 000-00-07;79001112233;30 сек\n")
        let (bare, bareOut, _) = try runCTBulk(["validate", job, "--lang", "ru"])
        #expect(bare == 65)  // the time-out alone is a reserve without its number
        #expect(bareOut.contains("Может быть, reserveNumber («Резервный номер»)?"))

        let (mapped, mappedOut, mappedErr) = try runCTBulk(["validate", job, "--map", "Резерв=reserveNumber",
                                                            "--map", "Куда=redirectNumber"])
        #expect(mapped == 0, "\(mappedOut)\(mappedErr)")
        #expect(mappedOut.contains("Резерв → redirectOptions.reserveRedirect.reserveNumber"))
        #expect(!mappedOut.contains("header.unknown"))
        #expect(mappedOut.contains("phone.country_added: 1 row"))

        let mapping = dir.write("mapping.json", #"{"Резерв": "reserveNumber", "Куда": "redirectNumber"}"#)
        let (fromFile, fileOut, _) = try runCTBulk(["validate", job, "--mapping", mapping, "--strict-headers"])
        #expect(fromFile == 0, "\(fileOut)")

        let (strict, strictOut, _) = try runCTBulk(["validate", job, "--map", "Резерв=reserveNumber", "--strict-headers"])
        #expect(strict == 65)
        #expect(strictOut.contains("Куда"))

        let (bad, _, badErr) = try runCTBulk(["validate", job, "--map", "Резерв=reserve"])
        #expect(bad == 64)
        #expect(badErr.contains("reserveNumber"))
        let (missing, _, missingErr) = try runCTBulk(["validate", job, "--mapping", dir.path("nope.json")])
        #expect(missing == 64)
        #expect(missingErr.contains("nope.json"))

        // A job spec names the mapping file once for the team's template (relative to the spec).
        let specPath = dir.write("spec.json", #"{"mode": "plan", "input": "job.csv", "mapping": "mapping.json", "strictHeaders": true, "account": {"sandbox": true}}"#)
        let loaded = try JobSpec.load(path: specPath)
        #expect(loaded.mapping == dir.path("mapping.json"))
        #expect(loaded.strictHeaders == true)
    }

    @Test func aJobSpecsMappingIsUsed() async throws {
        let dir = TempDir()
        _ = dir.write("job.csv", "Номер;Куда\n79001234567;79001112233\n")
        _ = dir.write("mapping.json", #"{"Куда": "redirectNumber"}"#)
        let mapped = dir.write("mapped.json", #"{"mode": "plan", "input": "job.csv", "mapping": "mapping.json", "strictHeaders": true, "account": {"sandbox": true}}"#)
        let unmapped = dir.write("unmapped.json", #"{"mode": "plan", "input": "job.csv", "strictHeaders": true, "account": {"sandbox": true}}"#)
        let without = CapturingConsole()
        #expect(await RunCommand.run(specPath: unmapped, yes: true, quiet: true, console: without, environment: [:]) == 65)
        let with = CapturingConsole()
        let code = await RunCommand.run(specPath: mapped, yes: true, quiet: true, console: with, environment: [:])
        #expect(code != 65, "\(with.stdout)\(with.stderr)")
        #expect(with.stdout.contains("Куда → redirectOptions.ptsnOptions.redirectNumber"))
    }
}
