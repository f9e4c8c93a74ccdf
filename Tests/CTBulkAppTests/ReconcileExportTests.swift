import CTBulkApp
import CTBulkCore
import CTBulkEngine
import CTBulkSandbox
import CTBulkTestSupport
import Foundation
import Testing

/// reconcile, export, undo, job specs and the run lock against the sandbox over loopback HTTP.
@Suite struct ReconcileExportTests {
    static let environment = ["CALLTOUCH_ACCESS_TOKEN": "sandbox-token", "CALLTOUCH_SITE_ID": "1"]

    /// This suite's machine-wide state folder (run locks), not the user's.
    let stateDirectory = TempDir()

    func api(_ sandbox: RunningSandbox) -> APIOptions { sandboxAPIOptions(sandbox, state: stateDirectory) }

    var fastSandbox: SandboxConfiguration { fastDemoSandbox }

    func reconcile(_ sandbox: RunningSandbox, _ dir: TempDir, file: String = repoPath("jobs/demo.csv"), apply: Bool = false,
                   yes: Bool = true, metrics: String? = nil, report: String? = nil,
                   format: OutputFormat = .text) async -> (Int32, CapturingConsole) {
        var options = ReconcileCommand.Options(input: InputOptions(path: file), api: api(sandbox))
        options.apply = apply
        options.yes = yes
        options.metricsFile = metrics
        options.reportPath = report
        options.format = format
        options.journalPath = dir.path("journal.sqlite")
        options.reportDirectory = dir.path("runs")
        options.quiet = true
        let console = CapturingConsole()
        return (await ReconcileCommand.run(options, console: console), console)
    }

    func phone(_ text: String) -> PhoneNumber { PhoneNumber(canonical: text)! }

    @Test func driftOfEachKindIsFoundAndApplyConverges() async throws {
        try await Sandbox.withSandbox(fastSandbox) { sandbox in
            let dir = TempDir()
            // The demo job against the demo account: 5 changed, 4 missing (free numbers), 3 in sync.
            let (first, console) = await reconcile(sandbox, dir, metrics: dir.path("m.prom"), report: dir.path("drift.csv"))
            #expect(first == 2)
            #expect(console.stdout.contains("Reconcile: 3 in sync, 5 changed, 4 missing, 0 unknown."))
            #expect(console.stdout.contains("~ 79990000006 (row 7): changed\n    campaign: live autumn, desired autumn-sale"))
            let metrics = try String(contentsOfFile: dir.path("m.prom"), encoding: .utf8)
            #expect(metrics.contains("ctbulk_reconcile_rows{job=\"demo\",status=\"changed\"} 5"))
            #expect(metrics.contains("ctbulk_reconcile_rows{job=\"demo\",status=\"missing\"} 4"))
            #expect(metrics.contains("ctbulk_reconcile_exit_code{job=\"demo\"} 2"))
            #expect(metrics.contains("# TYPE ctbulk_reconcile_last_success_timestamp_seconds gauge"))
            #expect(!metrics.contains("ctbulk_reconcile_last_success_timestamp_seconds{job=\"demo\"} 0\n"))
            #expect(!FileManager.default.fileExists(atPath: dir.path(".m.prom.tmp")))
            let drift = try String(contentsOfFile: dir.path("drift.csv"), encoding: .utf8)
            #expect(drift.contains(";row;drift;changes;live_pool_name;"))
            #expect(drift.contains("79990000006;Осень;yandex;cpc;autumn-sale;;;74950000001;;;;7;changed;campaign: live autumn, desired autumn-sale;Осень;yandex;cpc;autumn;"))

            // --apply without --yes and without a terminal writes nothing and exits 64, like apply.
            let before = sandbox.numbers()
            let (refused, refusedConsole) = await reconcile(sandbox, dir, apply: true, yes: false)
            #expect(refused == 64)
            #expect(refusedConsole.stderr.contains("--yes"))
            #expect(sandbox.numbers() == before)

            // --apply --yes fixes it through the journaled path and exits 0; then the account is in sync.
            let (fixed, fixConsole) = await reconcile(sandbox, dir, apply: true)
            #expect(fixed == 0, "\(fixConsole.stdout)\n\(fixConsole.stderr)")
            let (again, _) = await reconcile(sandbox, dir, metrics: dir.path("m.prom"))
            #expect(again == 0)
            #expect(try String(contentsOfFile: dir.path("m.prom"), encoding: .utf8).contains("ctbulk_reconcile_rows{job=\"demo\",status=\"in-sync\"} 12"))

            // Someone edits the cabinet: a changed campaign, a freed number, a number removed from the account.
            try sandbox.setNumber(phone("79990000009"), to: NumberSettings(poolName: "Весна",
                displayOptions: DisplayOptions(source: "google", medium: "cpc", campaign: "hand-edited"),
                redirectOptions: RedirectOptions(redirectNumber: phone("74950000003"))))
            try sandbox.setNumber(phone("79990000010"), to: nil)
            #expect(sandbox.removeNumber(phone("79990000011")))
            let (drifted, driftConsole) = await reconcile(sandbox, dir, format: .json)
            #expect(drifted == 2)
            let json = try JSONDecoder().decode(JSONValue.self, from: Data(driftConsole.stdout.utf8))
            guard case .object(let root) = json, case .object(let summary)? = root["summary"] else {
                Issue.record("bad JSON \(driftConsole.stdout)")
                return
            }
            #expect(summary["changed"] == .integer(1))
            #expect(summary["missing"] == .integer(1))
            #expect(summary["unknown"] == .integer(1))
            #expect(summary["in-sync"] == .integer(9))
            #expect(driftConsole.stdout.contains("\"live\" : \"hand-edited\""))

            // --apply cannot bring back a number that is not in the account: still drift (2), the rest is fixed.
            let (partly, _) = await reconcile(sandbox, dir, apply: true)
            #expect(partly == 2)
            #expect(sandbox.settings(of: phone("79990000009"))??.displayOptions?.campaign == "spring")
            #expect(sandbox.settings(of: phone("79990000010"))??.poolName == "Весна")
        }
    }

    @Test func invalidJobExits65AndAFailedRunKeepsTheLastSuccessTime() async throws {
        try await Sandbox.withSandbox(fastSandbox) { sandbox in
            let dir = TempDir()
            let metrics = dir.path("m.prom")
            _ = await reconcile(sandbox, dir, metrics: metrics)
            let before = try String(contentsOfFile: metrics, encoding: .utf8)
            let line = before.split(separator: "\n").first { $0.hasPrefix("ctbulk_reconcile_last_success_timestamp_seconds") }
            let (code, _) = await reconcile(sandbox, dir, file: repoPath("examples/typical-mistakes.csv"), metrics: metrics)
            #expect(code == 65)
            let after = try String(contentsOfFile: dir.path("m.prom"), encoding: .utf8)
            #expect(after.contains("ctbulk_reconcile_exit_code{job=\"typical-mistakes\"} 65"))
            _ = line
        }
    }

    @Test func exportRoundTripPlansZeroChanges() async throws {
        try await Sandbox.withSandbox(fastSandbox) { sandbox in
            let dir = TempDir()
            let list = dir.write("numbers.txt", (5...12).map { "799900000\(String(format: "%02d", $0))" }.joined(separator: "\n") + "\n79990000001\n")
            // The default CSV is what Excel opens correctly; --plain is plain UTF-8 with commas.
            for (format, plain, name) in [(ExportCommand.Format.csv, false, "export.csv"), (.csv, true, "plain.csv"), (.json, false, "export.json")] {
                var options = ExportCommand.Options(outPath: dir.path(name), api: api(sandbox))
                options.numbersFile = list
                options.format = format
                options.plain = plain
                let console = CapturingConsole()
                #expect(await ExportCommand.run(options, console: console) == 0)
                #expect(console.stdout.contains("Exported 8 numbers"))
                #expect(console.stderr.contains("1 free number"))
                // Apply the exported file unchanged, then plan it: zero changes.
                var apply = ApplyOptions(input: InputOptions(path: dir.path(name)), api: api(sandbox))
                apply.yes = true
                apply.quiet = true
                apply.journalPath = dir.path("j-\(name).sqlite")
                let applyConsole = CapturingConsole()
                #expect(await ApplyCommand.run(apply, console: applyConsole) == 0)
                #expect(applyConsole.stdout.contains("Nothing to apply"))
                let plan = CapturingConsole()
                #expect(await PlanCommand.run(PlanOptions(input: InputOptions(path: dir.path(name)), api: api(sandbox),
                                                          detailedExitCode: true), console: plan) == 0)
                #expect(plan.stdout.contains("Plan: 0 to create, 0 to update, 8 unchanged, 0 errors."))
            }
            let excel = try [UInt8](Data(contentsOf: URL(fileURLWithPath: dir.path("export.csv"))))
            #expect(excel.starts(with: [0xEF, 0xBB, 0xBF]))
            #expect(String(decoding: excel, as: UTF8.self).contains("phone_number;pool_name;source"))
            let plain = try String(contentsOfFile: dir.path("plain.csv"), encoding: .utf8)
            #expect(plain.hasPrefix("phone_number,pool_name,source"))
            #expect(try String(contentsOfFile: dir.path("export.json"), encoding: .utf8).contains("\"redirectType\" : \"PSTN\""))
        }
    }

    @Test func exportByPoolFindsNumbersThroughRedirectList() async throws {
        try await Sandbox.withSandbox(fastSandbox) { sandbox in
            let dir = TempDir()
            var options = ExportCommand.Options(outPath: dir.path("pool.csv"), api: api(sandbox))
            options.pool = "Весна"
            options.plain = true
            let console = CapturingConsole()
            #expect(await ExportCommand.run(options, console: console) == 0, "\(console.stderr)")
            let text = try String(contentsOfFile: dir.path("pool.csv"), encoding: .utf8)
            let numbers = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",").first.map(String.init) ?? "" }
            #expect(Set(numbers) == ["79990000009", "79990000010", "79990000011", "79990000012"])
        }
    }

    @Test func undoRestoresTheBeforeImageOfUsedNumbers() async throws {
        try await Sandbox.withSandbox(fastSandbox) { sandbox in
            let dir = TempDir()
            let before = sandbox.numbers()
            var apply = ApplyOptions(input: InputOptions(path: repoPath("jobs/demo.csv")), api: api(sandbox))
            apply.yes = true
            apply.quiet = true
            apply.journalPath = dir.path("journal.sqlite")
            #expect(await ApplyCommand.run(apply, console: CapturingConsole()) == 0)
            #expect(sandbox.numbers() != before)

            var undo = ExportCommand.Options(outPath: dir.path("undo.csv"), api: api(sandbox))
            undo.undoForRun = 1
            undo.journalPath = dir.path("journal.sqlite")
            let console = CapturingConsole()
            #expect(await ExportCommand.run(undo, console: console) == 0)
            #expect(console.stdout.contains("5 numbers written"))
            #expect(console.stderr.contains("79990000001"))  // was free before: named, cannot be freed by a job

            var restore = ApplyOptions(input: InputOptions(path: dir.path("undo.csv")), api: api(sandbox))
            restore.yes = true
            restore.quiet = true
            restore.journalPath = dir.path("journal.sqlite")
            #expect(await ApplyCommand.run(restore, console: CapturingConsole()) == 0)
            for value in 5...12 {
                let number = phone("799900000\(String(format: "%02d", value))")
                #expect(sandbox.settings(of: number) == before[number], "\(number)")
            }
        }
    }

    @Test func aSecondRunOfTheSameJobAndAccountIsRefusedWhileOneIsActive() async throws {
        try await Sandbox.withSandbox(fastSandbox) { sandbox in
            let dir = TempDir()
            let sha = try JobFileReader.sha256(path: repoPath("jobs/demo.csv"))
            // Held through `localhost` while the runs go to 127.0.0.1: one host, one lock, on the whole machine.
            let account = AccountIdentity(siteID: "1", baseURL: sandbox.baseURL.absoluteString.replacingOccurrences(of: "127.0.0.1", with: "localhost"))
            let held = try RunLock(directory: StateDirectory.locks(api(sandbox).resolvedStateDirectory), job: sha, account: account)
            let (code, console) = await reconcile(sandbox, dir)
            #expect(code == 75)
            #expect(console.stderr.contains("already running"))
            #expect(console.stderr.contains("process \(getpid())"))
            var apply = ApplyOptions(input: InputOptions(path: repoPath("jobs/demo.csv")), api: api(sandbox))
            apply.yes = true
            apply.journalPath = dir.path("journal.sqlite")
            #expect(await ApplyCommand.run(apply, console: CapturingConsole()) == 75)
            held.release()
            let (after, _) = await reconcile(sandbox, dir)
            #expect(after == 2)
        }
    }

    @Test func jobSpecRunsItsModeAndRefusesSecrets() async throws {
        try await Sandbox.withSandbox(fastSandbox) { sandbox in
            let dir = TempDir()
            let job = dir.write("job.csv", try String(contentsOfFile: repoPath("jobs/demo.csv"), encoding: .utf8))
            _ = job
            let spec = dir.write("nightly.json", """
                {"mode": "reconcile", "input": "job.csv", "rate": 100, "apply": false,
                 "account": {"baseURL": "\(sandbox.baseURL.absoluteString)", "tokenEnv": "MY_TOKEN", "siteIdEnv": "MY_SITE"},
                 "report": "out/drift.csv", "metricsFile": "nightly.prom", "journal": ".ctbulk/journal.sqlite"}
                """)
            try FileManager.default.createDirectory(atPath: dir.path("out"), withIntermediateDirectories: true)
            let console = CapturingConsole()
            let code = await RunCommand.run(specPath: spec, yes: false, quiet: true, console: console,
                                            environment: ["MY_TOKEN": "sandbox-token", "MY_SITE": "1"])
            #expect(code == 2, "\(console.stderr)")
            #expect(FileManager.default.fileExists(atPath: dir.path("out/drift.csv")))
            #expect(try String(contentsOfFile: dir.path("nightly.prom"), encoding: .utf8).contains("job=\"nightly\""))

            let secret = dir.write("bad.json", #"{"mode": "plan", "input": "job.csv", "account": {"token": "abc"}}"#)
            let refused = CapturingConsole()
            #expect(await RunCommand.run(specPath: secret, yes: false, quiet: true, console: refused, environment: [:]) == 64)
            #expect(refused.stderr.contains("looks like a secret"))
            #expect(!refused.stderr.contains("abc"))
        }
    }

    @Test func theShippedSpecsAreValid() throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: repoPath("jobs")) where name.hasSuffix(".json") {
            let spec = try JobSpec.load(path: repoPath("jobs/\(name)"))
            #expect(FileManager.default.fileExists(atPath: spec.input), "\(name): \(spec.input)")
        }
    }
}
