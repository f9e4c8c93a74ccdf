import CTBulkApp
import CTBulkCore
import CTBulkSandbox
import CTBulkTestSupport
import Foundation
import Testing

/// The Russian output of validate, plan, reconcile, apply (and its reports) and status on a fixed job against the
/// sandbox, compared with files under `Golden/`, so a wording change is a reviewed diff. Regenerate them with
/// `CTBULK_UPDATE_GOLDEN=1 swift test --filter RussianOutputTests`. Only what varies from run to run is normalised:
/// the temporary and the repository folders, the sandbox's port, timestamps and durations.
@Suite(.serialized) struct RussianOutputTests {
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    let stateDirectory = TempDir()

    /// The sandbox's API options with a read timeout no loaded machine reaches: these tests compare whole transcripts,
    /// and a request starved past the default 30 s (a build alongside on 2 cores did it once) would add a retry line.
    func api(_ sandbox: RunningSandbox) -> APIOptions {
        var options = sandboxAPIOptions(sandbox, state: stateDirectory)
        options.timeoutSeconds = 600
        return options
    }

    var sandboxConfiguration: SandboxConfiguration { fastDemoSandbox }

    /// `apply --yes --quiet --lang ru` with the journal and the reports in `dir`.
    func russianApply(_ path: String, _ sandbox: RunningSandbox, in dir: TempDir) -> ApplyOptions {
        var apply = ApplyOptions(input: InputOptions(path: path), api: api(sandbox))
        apply.yes = true
        apply.quiet = true
        apply.journalPath = dir.path("journal.sqlite")
        apply.reportDirectory = dir.path("runs")
        apply.language = .ru
        return apply
    }

    static func normalised(_ text: String, dir: TempDir) -> String {
        var text = text.replacingOccurrences(of: dir.url.path, with: "<DIR>").replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: repoPath("jobs"), with: "<REPO>/jobs")
            .replacingOccurrences(of: repoPath("examples"), with: "<REPO>/examples")
        let rules: [(String, String)] = [
            (#"http://127\.0\.0\.1:\d+"#, "http://127.0.0.1:<PORT>"),
            (#"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"#, "<TIME>"),
            (#"за \d+ (ч|мин|с)( \d+ (мин|с))?"#, "за <ВРЕМЯ>"),
        ]
        for (pattern, replacement) in rules {
            text = text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        return text
    }

    /// The console's output as one text: standard output, then standard error.
    static func transcript(_ code: Int32, _ console: CapturingConsole) -> String {
        "exit \(code)\n--- stdout\n\(console.stdout)\n--- stderr\n\(console.stderr)\n"
    }

    /// A report file's text (UTF-8 with or without BOM, or cp1251), line ends as `\n`.
    static func reportText(_ path: String) throws -> String {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        return String(validating: bytes, as: UTF8.self) ?? Windows1251.decode(bytes)
    }

    func expectGolden(_ name: String, _ actual: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = Self.goldenDirectory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["CTBULK_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.goldenDirectory, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try? String(contentsOf: url, encoding: .utf8)
        #expect(expected != nil, "no golden file \(name): run with CTBULK_UPDATE_GOLDEN=1", sourceLocation: sourceLocation)
        #expect(actual == expected, "\(name) differs from its golden file; if the change is meant, regenerate with CTBULK_UPDATE_GOLDEN=1",
                sourceLocation: sourceLocation)
    }

    @Test func validateInRussian() async throws {
        let dir = TempDir()
        let console = CapturingConsole()
        let code = await ValidateCommand.run(ValidateOptions(input: InputOptions(path: repoPath("examples/typical-mistakes.csv")),
                                                             all: true, language: .ru), console: console)
        try expectGolden("validate.ru.txt", Self.normalised(Self.transcript(code, console), dir: dir))
    }

    @Test func planReconcileApplyAndStatusInRussian() async throws {
        try await Sandbox.withSandbox(sandboxConfiguration) { sandbox in
            let dir = TempDir()
            let job = InputOptions(path: repoPath("jobs/demo.csv"))

            let plan = CapturingConsole()
            let planCode = await PlanCommand.run(PlanOptions(input: job, api: api(sandbox), language: .ru), console: plan)
            try expectGolden("plan.ru.txt", Self.normalised(Self.transcript(planCode, plan), dir: dir))

            var reconcile = ReconcileCommand.Options(input: job, api: api(sandbox))
            reconcile.reportPath = dir.path("drift.csv")
            reconcile.journalPath = dir.path("journal.sqlite")
            reconcile.quiet = true
            reconcile.language = .ru
            let drift = CapturingConsole()
            let driftCode = await ReconcileCommand.run(reconcile, console: drift)
            try expectGolden("reconcile.ru.txt", Self.normalised(Self.transcript(driftCode, drift), dir: dir))
            try expectGolden("reconcile-drift.ru.csv", Self.normalised(try Self.reportText(dir.path("drift.csv")), dir: dir))

            let apply = russianApply(job.path, sandbox, in: dir)
            let applied = CapturingConsole()
            let applyCode = await ApplyCommand.run(apply, console: applied)
            try expectGolden("apply.ru.txt", Self.normalised(Self.transcript(applyCode, applied), dir: dir))
            try expectGolden("apply-results.ru.csv", Self.normalised(try Self.reportText(dir.path("runs/results.csv")), dir: dir))
            try expectGolden("apply-failures.ru.csv", Self.normalised(try Self.reportText(dir.path("runs/failures.csv")), dir: dir))

            let runs = CapturingConsole()
            let runsCode = StatusCommand.run(journalPath: dir.path("journal.sqlite"), runID: nil, format: .text, language: .ru,
                                             console: runs)
            let rows = CapturingConsole()
            let rowsCode = StatusCommand.run(journalPath: dir.path("journal.sqlite"), runID: 1, format: .text, language: .ru,
                                             console: rows)
            try expectGolden("status.ru.txt", Self.normalised(Self.transcript(runsCode, runs) + Self.transcript(rowsCode, rows), dir: dir))
        }
    }

    /// A row that cannot be applied reaches failures.csv with its reason in Russian: a number the account lacks.
    @Test func failuresReportExplainsInRussian() async throws {
        try await Sandbox.withSandbox(sandboxConfiguration) { sandbox in
            let dir = TempDir()
            let demo = try String(contentsOfFile: repoPath("jobs/demo.csv"), encoding: .utf8)
            try (demo + "79990009999;Весна;google;cpc;spring;;;74950000003;;;\r\n")
                .write(toFile: dir.path("job.csv"), atomically: true, encoding: .utf8)
            let apply = russianApply(dir.path("job.csv"), sandbox, in: dir)
            let console = CapturingConsole()
            let code = await ApplyCommand.run(apply, console: console)
            try expectGolden("apply-unknown.ru.txt", Self.normalised(Self.transcript(code, console), dir: dir))
            if FileManager.default.fileExists(atPath: dir.path("runs/failures.csv")) {
                try expectGolden("apply-unknown-failures.ru.csv",
                                 Self.normalised(try Self.reportText(dir.path("runs/failures.csv")), dir: dir))
            }
        }
    }

    /// A cp1251 job gets a cp1251 drift report that holds words where the console shows signs: nothing becomes `?`.
    @Test func cp1251ReportsHoldOnlyWhatTheEncodingCanStore() async throws {
        try await Sandbox.withSandbox(sandboxConfiguration) { sandbox in
            let dir = TempDir()
            var text = try String(contentsOfFile: repoPath("jobs/demo.csv"), encoding: .utf8)
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            try Data(Windows1251.encode(text)).write(to: URL(fileURLWithPath: dir.path("demo-1251.csv")))
            var options = ReconcileCommand.Options(input: InputOptions(path: dir.path("demo-1251.csv"), encoding: "cp1251"),
                                                   api: api(sandbox))
            options.reportPath = dir.path("drift.csv")
            options.journalPath = dir.path("journal.sqlite")
            options.quiet = true
            options.language = .ru
            #expect(await ReconcileCommand.run(options, console: CapturingConsole()) == 2)
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir.path("drift.csv"))))
            #expect(!bytes.contains(UInt8(ascii: "?")), "a character the report's encoding cannot store became ?")
            let report = Windows1251.decode(bytes)
            #expect(report.contains("в аккаунте") && report.contains("(пусто)") && report.contains("расхождение"))
        }
    }
}

/// The language comes from the locale when `--lang` is not given; help is in the chosen language.
@Suite struct LanguageFromLocaleTests {
    static func locale(_ lang: String) -> [String: String] { ["LANG": lang, "LC_ALL": "", "LC_MESSAGES": ""] }

    @Test func aRussianLocaleGivesRussianWithoutLang() throws {
        let (code, out, _) = try runCTBulk(["validate", repoPath("jobs/demo.csv")], environment: Self.locale("ru_RU.UTF-8"))
        #expect(code == 0)
        #expect(out.contains("Как прочитан файл"), "\(out)")
    }

    @Test func theCLocaleGivesEnglishAndLangOverridesIt() throws {
        let (_, english, _) = try runCTBulk(["validate", repoPath("jobs/demo.csv")], environment: Self.locale("C"))
        #expect(english.contains("Assumptions"), "\(english)")
        let (_, russian, _) = try runCTBulk(["validate", repoPath("jobs/demo.csv"), "--lang", "ru"], environment: Self.locale("C"))
        #expect(russian.contains("Как прочитан файл"))
        let (_, overridden, _) = try runCTBulk(["validate", repoPath("jobs/demo.csv"), "--lang", "en"],
                                               environment: Self.locale("ru_RU.UTF-8"))
        #expect(overridden.contains("Assumptions"))
    }

    @Test func helpIsInRussianWithTheExitCodes() throws {
        let (_, root, _) = try runCTBulk(["--help"], environment: Self.locale("ru_RU.UTF-8"))
        #expect(root.contains("Массовое изменение статических номеров") && root.contains("Коды выхода"), "\(root)")
        #expect(root.contains("75  запуск остановлен, его можно продолжить"))
        let (_, apply, _) = try runCTBulk(["help", "apply"], environment: Self.locale("ru_RU.UTF-8"))
        #expect(apply.contains("Применить файл задания или сохранённый план") && apply.contains("Пробная партия"), "\(apply)")
        let (_, flag, _) = try runCTBulk(["plan", "--help", "--lang", "ru"], environment: Self.locale("C"))
        #expect(flag.contains("Пробный прогон"), "\(flag)")
        let (_, english, _) = try runCTBulk(["--help"], environment: Self.locale("C"))
        #expect(english.contains("Exit codes") && english.contains("Bulk-update Calltouch"), "\(english)")
    }

    @Test func usageErrorsAreInTheLanguageToo() throws {
        let (code, _, err) = try runCTBulk(["apply", "job.csv", "--rate", "0"], environment: Self.locale("ru_RU.UTF-8"))
        #expect(code == 64)
        #expect(err.contains("Значение --rate должно быть не меньше 1"), "\(err)")
        let (_, _, english) = try runCTBulk(["apply", "job.csv", "--rate-margin-ms", "300", "--lang", "en"],
                                            environment: Self.locale("ru_RU.UTF-8"))
        #expect(english.contains("--rate-margin-ms must be 0 to 250"), "\(english)")
        let (_, _, missing) = try runCTBulk(["apply", "--lang", "ru"], environment: Self.locale("C"))
        #expect(missing.contains("Укажите файл задания, сохранённый план или --resume"), "\(missing)")
    }

    @Test func aJobSpecMaySetTheLanguage() async throws {
        let dir = TempDir()
        let spec = """
            {"mode": "plan", "input": "\(repoPath("jobs/demo.csv"))", "account": {"sandbox": true}, "rate": 50, "language": "ru"}
            """
        try spec.write(toFile: dir.path("spec.json"), atomically: true, encoding: .utf8)
        let console = CapturingConsole()
        _ = await RunCommand.run(specPath: dir.path("spec.json"), yes: false, quiet: true, console: console, environment: [:])
        #expect(console.stdout.contains("Итог: добавить"), "\(console.stdout)\(console.stderr)")
    }

    @Test func confirmationTakesDaAndYesInAnyCase() {
        for answer in ["да", " ДА ", "Да\n", "yes", "YES", " y"] { #expect(Confirmation.isYes(answer), "\(answer)") }
        for answer in ["нет", "", "no", "yess", nil] { #expect(!Confirmation.isYes(answer)) }
    }
}
