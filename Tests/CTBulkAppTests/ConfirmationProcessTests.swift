import CTBulkTestSupport
import Foundation
import Testing

/// Every write path asks alike: apply, resume, the canary's pause, reconcile --apply, run SPEC. On a terminal it asks
/// (the account, the changes, what remains) and waits for «да» or «yes»; without a terminal and without --yes it exits
/// 64 and writes nothing; with --yes it does not ask.
@Suite(.serialized) struct ConfirmationProcessTests {
    static let credentials = ApplyProcessTests.credentials

    func writes(_ sandbox: SandboxProcess) throws -> Int { try sandbox.stats().writes.values.map(\.total).reduce(0, +) }

    @Test func applyAsksOnATerminalAndTheCanaryPauseAndTheResumeAskAgain() async throws {
        let dir = TempDir()
        let sandbox = try await SandboxProcess.start(["--numbers", "40", "--seed", "7", "--rate-limit", "0"], in: dir)
        defer { sandbox.child.kill() }
        let job = ApplyProcessTests.makeJob(try sandbox.state(), count: 30, tag: "ask", in: dir)
        let arguments = ["apply", job.path, "--base-url", sandbox.baseURL, "--rate", "50", "--journal", dir.path("j.sqlite"),
                         "--canary", "3", "--lang", "ru"]

        // A new run: asked, answered «да»; the canary writes 3 and asks again, listing them; answered «нет».
        let first = try TerminalProcess(arguments, environment: Self.credentials, in: dir)
        #expect(await first.waitFor("Введите «да» или «yes»"), "\(first.screen)")
        #expect(first.screen.contains("Новый запуск: SiteId 1 (\(sandbox.baseURL)). Применить \(job.changed.count) "))
        #expect(try writes(sandbox) == 0, "nothing is written before the answer")
        first.type("да")
        #expect(await first.waitFor("Пробная партия записала 3 номера"), "\(first.screen)")
        first.type("нет")
        #expect(await first.exitCode() == 0, "\(first.screen)")
        #expect(try writes(sandbox) == 3)

        // The same command again continues the paused run: it asks first, with what remains.
        let second = try TerminalProcess(arguments.filter { $0 != "--canary" && $0 != "3" }, environment: Self.credentials, in: dir)
        #expect(await second.waitFor("Продолжение запуска"), "\(second.screen)")
        #expect(second.screen.contains("Применить \(job.changed.count - 3) "), "\(second.screen)")
        #expect(try writes(sandbox) == 3)
        second.type("yes")
        #expect(await second.exitCode() == 0, "\(second.screen)")
        try ApplyProcessTests.expectConverged(sandbox, job)
    }

    @Test func withoutATerminalEveryWritePathNeedsYes() async throws {
        let dir = TempDir()
        let sandbox = try await SandboxProcess.start(["--numbers", "40", "--seed", "7", "--rate-limit", "0"], in: dir)
        defer { sandbox.child.kill() }
        let job = ApplyProcessTests.makeJob(try sandbox.state(), count: 30, tag: "noterm", in: dir)
        let journal = dir.path("j.sqlite")
        let common = ["--base-url", sandbox.baseURL, "--rate", "50", "--journal", journal, "--quiet"]

        let apply = try await ApplyProcessTests.run(["apply", job.path] + common, in: dir, label: "apply")
        #expect(apply.code == 64, "\(apply.err)")
        let reconcile = try await ApplyProcessTests.run(["reconcile", job.path, "--apply"] + common, in: dir, label: "reconcile")
        #expect(reconcile.code == 64, "\(reconcile.err)")
        let spec = dir.write("spec.json", """
            {"mode": "apply", "input": "\(job.path)", "account": {"baseURL": "\(sandbox.baseURL)"}, "rate": 50, "journal": "\(journal)"}
            """)
        let run = try await ApplyProcessTests.run(["run", spec, "--quiet"], in: dir, label: "spec")
        #expect(run.code == 64, "\(run.err)")
        #expect(try writes(sandbox) == 0)

        // A paused canary resumed without a terminal needs --yes too.
        let canary = try await ApplyProcessTests.run(["apply", job.path, "--yes", "--canary", "2"] + common, in: dir, label: "canary")
        #expect(canary.code == 0, "\(canary.err)")
        #expect(try writes(sandbox) == 2)
        let resume = try await ApplyProcessTests.run(["apply", "--resume"] + common, in: dir, label: "resume")
        #expect(resume.code == 64, "\(resume.err)")
        #expect(try writes(sandbox) == 2)

        // With --yes: no question, and reconcile --apply --yes is accepted like apply --yes.
        let yes = try await ApplyProcessTests.run(["reconcile", job.path, "--apply", "--yes"] + common, in: dir, label: "reconcile-yes")
        #expect(yes.code == 0, "\(yes.err)")
        try ApplyProcessTests.expectConverged(sandbox, job)
    }

    @Test func exitIsNotZeroUntilTheAccountMatchesAfterAResetUnderTheRun() async throws {
        let dir = TempDir()
        let sandbox = try await SandboxProcess.start(["--numbers", "60", "--seed", "7", "--rate-limit", "0"], in: dir)
        defer { sandbox.child.kill() }
        let job = ApplyProcessTests.makeJob(try sandbox.state(), count: 50, tag: "verify", in: dir)
        let journal = dir.path("j.sqlite")
        let arguments = ["apply", job.path, "--yes", "--base-url", sandbox.baseURL, "--rate", "50", "--journal", journal, "--quiet"]

        let canary = try await ApplyProcessTests.run(arguments + ["--canary", "10"], in: dir, label: "canary")
        #expect(canary.code == 0, "\(canary.err)")
        _ = try LoopbackHTTP.request("POST", port: sandbox.port, path: "/_sandbox/reset")
        let resumed = try await ApplyProcessTests.run(arguments, in: dir, label: "resume")
        #expect(resumed.code == 1, "the canary's ten rows were undone under the run: \(resumed.err)")
        #expect(resumed.err.contains("10 of"), "\(resumed.err)")
        let again = try await ApplyProcessTests.run(arguments, in: dir, label: "again")
        #expect(again.code == 0, "\(again.err)")
        #expect(again.err.contains("Verified: all"), "\(again.err)")
        let state = try sandbox.state()
        #expect(state.allSatisfy { job.expected[$0.phoneNumber] == $0 })
    }
}
