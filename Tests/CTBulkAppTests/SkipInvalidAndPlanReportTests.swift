import CTBulkApp
import CTBulkCore
import CTBulkEngine
import CTBulkSandbox
import CTBulkTestSupport
import Foundation
import Testing

/// `--skip-invalid` and `plan --report`, against the sandbox over loopback.
@Suite struct SkipInvalidAndPlanReportTests {
    /// Demo rows with two broken ones among them (rows 3 and 5).
    static func job(_ dir: TempDir) -> String {
        dir.write("job.csv", """
            Номер;Пул;Источник;Кампания;Номер переадресации
            79990000001;Весна;google;spring;74950000003
            7,9E+10;Весна;google;spring;74950000003
            79990000006;Осень;yandex;autumn-sale;74950000001
            79990000004;Лето;;summer;74950000004
            79990000005;Осень;yandex;autumn;74950000001

            """)
    }

    func api(_ dir: TempDir) -> APIOptions {
        var api = APIOptions(sandbox: true, rate: 50)
        api.stateDirectory = dir.path("state")
        return api
    }

    @Test func withoutTheFlagAFileWithErrorsStops() async {
        let dir = TempDir()
        let console = CapturingConsole()
        #expect(await PlanCommand.run(PlanOptions(input: InputOptions(path: Self.job(dir)), api: api(dir)), console: console) == 65)
        #expect(console.stderr.contains("phone.scientific"))
    }

    @Test func planSkipsTheInvalidRowsAndTheReportListsEveryRow() async throws {
        let dir = TempDir()
        var input = InputOptions(path: Self.job(dir))
        input.skipInvalid = true
        let report = dir.path("plan.csv")
        let out = dir.path("plan.json")
        let console = CapturingConsole()
        let code = await PlanCommand.run(PlanOptions(input: input, api: api(dir), outPath: out, reportPath: report,
                                                     language: .ru), console: console)
        #expect(code == 65, "\(console.stdout)\(console.stderr)")  // rows with errors are errors of the plan
        #expect(console.stdout.contains("Итог: добавить 1, изменить 1, без изменений 1, ошибок 0."))
        #expect(console.stdout.contains("2 строки с ошибками пропущены (--skip-invalid)"))
        #expect(console.stdout.contains("План на согласование: \(report)"))

        // The spreadsheet for approval: every input row, «было» / «станет» per changed field, the cost.
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: report)))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))  // what Excel opens correctly
        let lines = String(decoding: bytes.dropFirst(3), as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init)
        #expect(lines[0] == "Строка;Номер;Действие;Сейчас;Изменений;Пул: было;Пул: станет;Источник: было;Источник: станет;Кампания: было;Кампания: станет;Номер переадресации: было;Номер переадресации: станет;Сообщение")
        #expect(lines[1].hasPrefix("2;79990000001;добавить (номер свободен);свободен;4;;Весна;;google;;spring;;74950000003;"))
        #expect(lines[2].hasPrefix("3;7,9E+10;пропущена: ошибки в строке;"))
        #expect(lines[2].contains("экспоненциальном"))
        #expect(lines[3].hasPrefix("4;79990000006;изменить;в пуле;1;;;;;autumn;autumn-sale;;;"))
        #expect(lines[4].hasPrefix("5;79990000004;пропущена: ошибки в строке;"))
        #expect(lines[5].hasPrefix("6;79990000005;без изменений;в пуле;0;"))
        #expect(lines.contains { $0.hasPrefix("Итого;;добавить: 1, изменить: 1, без изменений: 1, с ошибками: 2") })
        #expect(lines.contains { $0.contains("запроса и баллов (записей: 2)") || $0.contains("запросов и баллов (записей: 2)") })

        // The saved plan is still the one apply takes, and knows the rows it left out.
        let plan = try Plan.load(from: out)
        #expect(plan.summary.invalid == 2)
        #expect(plan.invalidRows?.map(\.row) == [3, 5])
        #expect(plan.rows.map(\.row) == [2, 4, 6])
    }

    @Test func applySkipsTheInvalidRowsAndTheResultsListThem() async throws {
        var configuration = SandboxConfiguration.demo
        configuration.rateLimit = 100
        try await Sandbox.withSandbox(configuration) { sandbox in
            try await applySkipping(sandbox)
        }
    }

    func applySkipping(_ sandbox: RunningSandbox) async throws {
        let dir = TempDir()
        var api = APIOptions(baseURL: sandbox.baseURL.absoluteString, rate: 100,
                             environment: ["CALLTOUCH_ACCESS_TOKEN": "sandbox-token", "CALLTOUCH_SITE_ID": "1"])
        api.stateDirectory = dir.path("state")
        var input = InputOptions(path: Self.job(dir))
        input.skipInvalid = true
        var options = ApplyOptions(input: input, api: api)
        options.yes = true
        options.quiet = true
        options.journalPath = dir.path("journal.sqlite")
        options.reportDirectory = dir.path("run")
        let console = CapturingConsole()
        let code = await ApplyCommand.run(options, console: console)
        #expect(code == 1, "\(console.stdout)\(console.stderr)")  // not every row was applied
        #expect(console.stdout.contains("2 applied"), "\(console.stdout)")
        #expect(console.stderr.contains("2 rows have errors and are skipped"))

        let results = try String(contentsOfFile: dir.path("run/results.csv"), encoding: .utf8)
            .split(whereSeparator: \.isNewline).map(String.init)
        #expect(results.count == 6)  // the header and every input row
        #expect(results[2].contains(";3;;invalid;;;"))
        #expect(results[4].contains(";5;;invalid;;;"))
        #expect(results[4].contains("display.source.required") || results[4].contains("source"))
        #expect(results[1].contains(";applied;"))
        let failures = try String(contentsOfFile: dir.path("run/failures.csv"), encoding: .utf8)
        #expect(failures.contains("7,9E+10"))
        let summary = try String(contentsOfFile: dir.path("run/summary.json"), encoding: .utf8)
        #expect(summary.contains("\"invalid\" : 2"))

        // The valid rows are in the account now: planning them again changes nothing.
        let again = dir.write("valid.csv", "Номер;Пул;Источник;Кампания;Номер переадресации\n79990000006;Осень;yandex;autumn-sale;74950000001\n")
        let plan = CapturingConsole()
        _ = await PlanCommand.run(PlanOptions(input: InputOptions(path: again), api: api), console: plan)
        #expect(plan.stdout.contains("Plan: 0 to create, 0 to update, 1 unchanged, 0 errors."), "\(plan.stdout)")
    }

    @Test func aFileWithoutOneValidRowOrWithAFileErrorIsStillRefused() async {
        let dir = TempDir()
        var input = InputOptions(path: dir.write("bad.csv", "Номер;Пул\n7,9E+10;A\n"))
        input.skipInvalid = true
        let console = CapturingConsole()
        #expect(await PlanCommand.run(PlanOptions(input: input, api: api(dir)), console: console) == 65)
        #expect(console.stderr.contains("No row is valid"))

        var noPhone = InputOptions(path: dir.write("nophone.csv", "Пул;Источник\nA;google\n"))
        noPhone.skipInvalid = true
        #expect(await PlanCommand.run(PlanOptions(input: noPhone, api: api(dir)), console: CapturingConsole()) == 65)
    }
}
