import CTBulkApp
import CTBulkCore
import CTBulkSandbox
import CTBulkTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `ctbulk apply` as cron runs it: a real process against `ctbulk sandbox` in another process, killed, interrupted,
/// out of points, with bad credentials or input. Only 127.0.0.1; every wait is bounded; every child is killed.
@Suite(.serialized) struct ApplyProcessTests {
    static let credentials = ["CALLTOUCH_ACCESS_TOKEN": "sandbox-token", "CALLTOUCH_SITE_ID": "1"]

    /// A job over the first `count` numbers of the account: each sets a pool, source and campaign, except every tenth
    /// used number, which asks for the pool it already has. `expected` is the whole account once it is applied.
    struct Job {
        var path: String
        var expected: [String: StateRecord]
        var changed: Set<String>
        var rows: Int
    }

    static func makeJob(_ state: [StateRecord], count: Int, tag: String, in dir: TempDir) -> Job {
        var lines = ["phone_number;pool_name;source;campaign"]
        var expected = Dictionary(uniqueKeysWithValues: state.map { ($0.phoneNumber, $0) })
        var changed = Set<String>()
        let records = state.sorted { $0.phoneNumber < $1.phoneNumber }.prefix(count)
        for (index, record) in records.enumerated() {
            if !record.isFree, index % 10 == 0, let pool = record.poolName {
                lines.append("\(record.phoneNumber);\(pool);;")
                continue
            }
            let pool = "\(tag) \(index % 3)", source = "src-\(tag)", campaign = "camp-\(index % 4)"
            lines.append("\(record.phoneNumber);\(pool);\(source);\(campaign)")
            var after = record
            after.poolName = pool
            var display = record.displayOptions ?? StateRecord.Display()
            display.source = source
            display.campaign = campaign
            after.displayOptions = display
            expected[record.phoneNumber] = after
            changed.insert(record.phoneNumber)
        }
        let path = dir.write("\(tag).csv", "\u{FEFF}" + lines.joined(separator: "\n") + "\n")
        return Job(path: path, expected: expected, changed: changed, rows: records.count)
    }

    static func applyArguments(_ job: Job, _ sandbox: SandboxProcess, journal: String, rate: Int = 50) -> [String] {
        ["apply", job.path, "--yes", "--base-url", sandbox.baseURL, "--rate", String(rate), "--journal", journal, "--quiet"]
    }

    /// Runs `ctbulk` to its end (bounded): exit code (nil on timeout, the process then killed), stdout, stderr.
    static func run(_ arguments: [String], environment: [String: String] = credentials, in dir: TempDir, label: String,
                    timeout: Duration = .seconds(90)) async throws -> (code: Int32?, out: String, err: String) {
        let child = try ChildProcess(arguments, environment: environment, in: dir, label: label)
        defer { child.kill() }
        let code = await child.exitCode(within: timeout)
        return (code, child.stdout, child.stderr)
    }

    /// `ctbulk status --format json`: the runs in the journal.
    static func runs(journal: String, in dir: TempDir) async throws -> [[String: Any]] {
        guard FileManager.default.fileExists(atPath: journal) else { return [] }
        let result = try await run(["status", "--journal", journal, "--format", "json"], in: dir, label: "status-\(UUID().uuidString)",
                                   timeout: .seconds(120))
        try #require(result.code == 0, "\(result.err)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [[String: Any]])
    }

    static func outcomes(_ run: [String: Any]) -> [String: Int] { (run["outcomes"] as? [String: Int]) ?? [:] }

    /// The account equals the job's desired state, and every changed number was written exactly once.
    static func expectConverged(_ sandbox: SandboxProcess, _ job: Job, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let state = try sandbox.state()
        #expect(state.count == job.expected.count, sourceLocation: sourceLocation)
        let wrong = state.filter { job.expected[$0.phoneNumber] != $0 }.map(\.phoneNumber)
        #expect(wrong.isEmpty, "numbers not as the job asks: \(wrong.prefix(10))", sourceLocation: sourceLocation)
        let stats = try sandbox.stats()
        let twice = stats.writes.filter { $0.value.create > 1 }.map(\.key)
        #expect(twice.isEmpty, "numbers that got the free-number create twice: \(twice)", sourceLocation: sourceLocation)
        let again = stats.writes.filter { $0.value.total != 1 }.map(\.key)
        #expect(again.isEmpty, "numbers written more than once: \(again.prefix(10))", sourceLocation: sourceLocation)
        #expect(Set(stats.writes.keys) == job.changed, "exactly the changed numbers are written", sourceLocation: sourceLocation)
        #expect(stats.rejected.invalid == 0, "no write was refused", sourceLocation: sourceLocation)
    }

    /// Waits until the sandbox has applied at least `writes` writes.
    static func waitForWrites(_ sandbox: SandboxProcess, atLeast writes: Int, within timeout: Duration) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try sandbox.stats().writes.values.map(\.total).reduce(0, +) >= writes { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        // Looked once more, as `eventually` does: resumed after the deadline, the test must not miss what is there.
        return try sandbox.stats().writes.values.map(\.total).reduce(0, +) >= writes
    }

    @Test func killedAtRandomMomentsAndRunAgainItConvergesWithoutWritingAnyNumberTwice() async throws {
        let dir = TempDir()
        let sandbox = try await SandboxProcess.start(["--numbers", "400", "--seed", "7", "--rate-limit", "50"], in: dir)
        defer { sandbox.child.kill() }
        let job = Self.makeJob(try sandbox.state(), count: 300, tag: "kill", in: dir)
        let journal = dir.path("j.sqlite")
        // The sandbox holds every write past each kill point, so the run cannot get further than that point however
        // late this test looks (a busy machine once let a run finish before its kill): each kill lands mid-run with
        // writes in flight.
        let arguments = Self.applyArguments(job, sandbox, journal: journal, rate: 10)

        let seed: UInt64 = 0xC7B0_0001
        var generator = SplitMix64(seed: seed)  // the sandbox's reproducible generator
        var kills = 0
        var leftInDoubt = 0
        var target = 0
        for attempt in 0..<4 {
            let child = try ChildProcess(arguments, environment: Self.credentials, in: dir, label: "apply-\(attempt)")
            defer { child.kill() }
            // Kill at a random point of the run's progress (not of the wall clock): once the sandbox has applied a
            // few more writes, wherever the run is then.
            target += Int.random(in: 5...40, using: &generator)
            try sandbox.holdWrites(after: target)
            #expect(try await Self.waitForWrites(sandbox, atLeast: target, within: .seconds(120)), "\(child.stderr)")
            guard child.isRunning else {
                Issue.record("apply ended before it was killed (attempt \(attempt), seed \(seed)): \(child.stderr)")
                break
            }
            child.kill()
            kills += 1
            #expect(await child.exitCode(within: .seconds(60)) == 128 + SIGKILL)
            if let run = try await Self.runs(journal: journal, in: dir).first {
                leftInDoubt += Self.outcomes(run)["in-doubt"] ?? 0
            }
        }
        #expect(kills == 4)
        #expect(leftInDoubt > 0, "some kill left requests in doubt (sent or about to be, no outcome recorded)")
        let writtenBeforeTheLastRun = try sandbox.stats().writes.count
        #expect(writtenBeforeTheLastRun > 0 && writtenBeforeTheLastRun < job.changed.count, "the kills landed mid-run")

        try sandbox.holdWrites(after: nil)
        var final: (code: Int32?, out: String, err: String) = (nil, "", "")
        for attempt in 0..<3 {
            final = try await Self.run(arguments, in: dir, label: "final-\(attempt)")
            if final.code == 0 { break }
        }
        #expect(final.code == 0, "\(final.err)")
        #expect(final.err.contains("Resuming unfinished run"))
        try Self.expectConverged(sandbox, job)

        let runs = try await Self.runs(journal: journal, in: dir)
        #expect(runs.count == 1, "every invocation continued the same run")
        #expect(runs.first?["status"] as? String == "completed")
        #expect(Self.outcomes(runs[0]) == ["applied": job.changed.count, "no-op": job.rows - job.changed.count])

        // Once it is done, the same command finds nothing to do and writes nothing.
        let writes = try sandbox.stats().writes
        let again = try await Self.run(arguments, in: dir, label: "again")
        #expect(again.code == 0, "\(again.err)")
        #expect(again.out.contains("Nothing to apply"))
        #expect(try sandbox.stats().writes == writes)
    }

    @Test func theSameJobFromAnotherFolderJournalAndHostNameIsRefusedWhileItRuns() async throws {
        let dir = TempDir(), other = TempDir(), state = TempDir()
        let sandbox = try await SandboxProcess.start(["--numbers", "120", "--seed", "7", "--rate-limit", "50"], in: dir)
        defer { sandbox.child.kill() }
        let job = Self.makeJob(try sandbox.state(), count: 100, tag: "twice", in: dir)
        // The same content under another name in another folder: the same job.
        let copy = other.write("copy.csv", bytes: Array(try Data(contentsOf: URL(fileURLWithPath: job.path))))
        var environment = Self.credentials
        environment["CTBULK_STATE_DIR"] = state.path("shared")

        // Two requests a second: the first run lasts long enough for the others to meet its lock on a busy machine.
        let first = try ChildProcess(Self.applyArguments(job, sandbox, journal: dir.path("j.sqlite"), rate: 2),
                                     environment: environment, in: dir, label: "first")
        defer { first.kill() }
        #expect(try await Self.waitForWrites(sandbox, atLeast: 1, within: .seconds(120)), "\(first.stderr)")
        for (index, baseURL) in ["http://localhost:\(sandbox.port)", "http://127.0.0.1:\(sandbox.port)/"].enumerated() {
            let second = try await Self.run(["apply", copy, "--yes", "--base-url", baseURL, "--rate", "2",
                                             "--journal", other.path("j\(index).sqlite"), "--quiet"],
                                            environment: environment, in: other, label: "second-\(index)")
            #expect(second.code == 75, "\(second.err)")
            #expect(second.err.contains("already running"), "\(second.err)")
            #expect(second.err.contains(dir.url.path), "the message names the holder's folder: \(second.err)")
        }
        #expect(first.isRunning, "the first run was still running while the others were refused")
        first.signal(SIGINT)
        #expect(await first.exitCode(within: .seconds(120)) == 75, "\(first.stderr)")
        let twice = try sandbox.stats().writes.filter { $0.value.total > 1 }.map(\.key)
        #expect(twice.isEmpty, "numbers written twice: \(twice)")
        #expect(try sandbox.stats().writes.keys.allSatisfy { job.changed.contains($0) })
    }

    /// Three applies of disjoint jobs at once from one machine, against an API that allows 5 requests a second per
    /// address: they share one limit (each at 4/s alone would be 12/s), so the API refuses none, and all converge;
    /// one killed -9 mid-run leaves the share to the others, and resumed it finishes too.
    @Test func concurrentAppliesShareOneRateLimitAndNoneIsRefused() async throws {
        let dir = TempDir(), state = TempDir()
        let sandbox = try await SandboxProcess.start(["--numbers", "120", "--seed", "7", "--rate-limit", "5"], in: dir)
        defer { sandbox.child.kill() }
        let sorted = try sandbox.state().sorted { $0.phoneNumber < $1.phoneNumber }
        let jobs = (0..<3).map { index in
            Self.makeJob(Array(sorted[(index * 30)..<(index * 30 + 30)]), count: 30, tag: "share\(index)", in: dir)
        }
        var environment = Self.credentials
        environment["CTBULK_STATE_DIR"] = state.path("shared")
        let children = try jobs.enumerated().map { index, job in
            try ChildProcess(Self.applyArguments(job, sandbox, journal: dir.path("j\(index).sqlite"), rate: 4),
                             environment: environment, in: dir, label: "share-\(index)")
        }
        defer { for child in children { child.kill() } }
        // The third is killed once the run is under way.
        #expect(try await Self.waitForWrites(sandbox, atLeast: 10, within: .seconds(120)))
        children[2].kill()
        for child in children.prefix(2) {
            #expect(await child.exitCode(within: .seconds(180)) == 0, "\(child.stderr)")
        }
        let resumed = try await Self.run(Self.applyArguments(jobs[2], sandbox, journal: dir.path("j2.sqlite"), rate: 4),
                                         environment: environment, in: dir, label: "share-2-again", timeout: .seconds(180))
        #expect(resumed.code == 0, "\(resumed.err)")
        #expect(try sandbox.stats().rejected.rateLimit == 0, "no request was refused for rate")
        let account = Dictionary(uniqueKeysWithValues: try sandbox.state().map { ($0.phoneNumber, $0) })
        for job in jobs {
            let wrong = job.changed.filter { account[$0] != job.expected[$0] }
            #expect(wrong.isEmpty, "numbers not as the job asks: \(wrong.prefix(5))")
        }
        let twice = try sandbox.stats().writes.filter { $0.value.total > 1 }.map(\.key)
        #expect(twice.isEmpty, "numbers written more than once: \(twice)")
    }

    @Test func ctrlCStopsWithExit75ARunThatStatusShowsAsInterruptedAndResumeFinishes() async throws {
        let dir = TempDir()
        let sandbox = try await SandboxProcess.start(["--numbers", "400", "--seed", "7", "--rate-limit", "50"], in: dir)
        defer { sandbox.child.kill() }
        let job = Self.makeJob(try sandbox.state(), count: 300, tag: "sigint", in: dir)
        let journal = dir.path("j.sqlite")

        let child = try ChildProcess(Self.applyArguments(job, sandbox, journal: journal), environment: Self.credentials,
                                     in: dir, label: "apply")
        defer { child.kill() }
        // Writes mean the run is under way (the Ctrl-C handler is set before the first one).
        #expect(try await Self.waitForWrites(sandbox, atLeast: 5, within: .seconds(120)), "\(child.stderr)")
        child.signal(SIGINT)
        let code = await child.exitCode(within: .seconds(120))
        #expect(code == 75, "\(child.stderr)")
        #expect(child.stderr.contains("can be resumed"))
        #expect(child.stdout.contains("[interrupted]"))

        let status = try await Self.run(["status", "--journal", journal], in: dir, label: "status", timeout: .seconds(120))
        #expect(status.code == 0)
        #expect(status.out.contains("stopped/interrupted"), "\(status.out)")
        let runs = try await Self.runs(journal: journal, in: dir)
        try #require(runs.count == 1)
        let counts = Self.outcomes(runs[0])
        let rejected = try sandbox.stats().rejected
        #expect(counts["in-doubt"] == nil, "the requests in flight finished and were recorded: \(counts) \(rejected) \(child.stderr)")
        #expect((counts["pending"] ?? 0) > 0)
        #expect(try sandbox.stats().writes.count == counts["applied"], "the journal matches what the API applied")

        let resumed = try await Self.run(["apply", "--resume", "--yes", "--base-url", sandbox.baseURL, "--rate", "50",
                                          "--journal", journal, "--quiet"], in: dir, label: "resume")
        #expect(resumed.code == 0, "\(resumed.err)")
        try Self.expectConverged(sandbox, job)
        #expect(try await Self.runs(journal: journal, in: dir).first?["status"] as? String == "completed")
    }

    @Test func aSpentPointsBudgetExits75AndTheSameCommandFinishesAfterTheReset() async throws {
        let dir = TempDir()
        let sandbox = try await SandboxProcess.start(["--numbers", "200", "--seed", "7", "--rate-limit", "0", "--budget", "20"],
                                                     in: dir)
        defer { sandbox.child.kill() }
        let job = Self.makeJob(try sandbox.state(), count: 100, tag: "budget", in: dir)
        let journal = dir.path("j.sqlite")
        let arguments = Self.applyArguments(job, sandbox, journal: journal, rate: 200)

        let first = try await Self.run(arguments, in: dir, label: "first")
        #expect(first.code == 75, "\(first.err)")
        #expect(first.err.contains("daily points budget is spent"))
        #expect(first.err.contains("can be resumed"))
        let runs = try await Self.runs(journal: journal, in: dir)
        #expect(runs.first?["stopReason"] as? String == "budget")
        let written = try sandbox.stats().writes.count
        #expect(written > 0 && written < job.changed.count)

        try sandbox.resetBudget(to: 100_000)
        let second = try await Self.run(arguments, in: dir, label: "second")
        #expect(second.code == 0, "\(second.err)")
        try Self.expectConverged(sandbox, job)
    }

    @Test func rowsChangedSinceASavedPlanOrRejectedByTheAPIExit1AndAreListedInTheFailuresReport() async throws {
        let dir = TempDir()
        let sandbox = try await SandboxProcess.start(["--numbers", "50", "--seed", "7", "--rate-limit", "0"], in: dir)
        defer { sandbox.child.kill() }
        let state = try sandbox.state().sorted { $0.phoneNumber < $1.phoneNumber }
        let used = state.filter { !$0.isFree }.map(\.phoneNumber)
        let free = state.filter(\.isFree).map(\.phoneNumber)
        try #require(used.count >= 4 && free.count >= 1)

        // A saved plan; then someone edits one of its numbers by hand before it is applied.
        let job = dir.write("plan-job.csv", "phone_number;pool_name;source\n" + used.prefix(3).map { "\($0);План;plan-src\n" }.joined())
        let plan = try await Self.run(["plan", job, "--base-url", sandbox.baseURL, "--out", dir.path("plan.json")], in: dir,
                                      label: "plan")
        #expect(plan.code == 0, "\(plan.err)")
        try sandbox.setNumber(used[0], #"{"poolName": "Руками", "displayOptions": {"source": "hand"}}"#)
        let stale = try await Self.run(["apply", dir.path("plan.json"), "--yes", "--base-url", sandbox.baseURL,
                                        "--journal", dir.path("j.sqlite"), "--report-dir", dir.path("stale"), "--quiet"],
                                       in: dir, label: "apply-plan")
        #expect(stale.out.contains("2 applied") && stale.out.contains("1 changed since plan"), "\(stale.out)")
        #expect(stale.code == 1, "a row that was not applied is not success: \(stale.out)")
        let staleFailures = try String(contentsOfFile: dir.path("stale/failures.csv"), encoding: .utf8)
        #expect(staleFailures.contains(used[0]) && !staleFailures.contains(used[1]))
        #expect(try sandbox.state().first { $0.phoneNumber == used[0] }?.poolName == "Руками", "the hand edit stands")

        // A free number needs display options to join a pool: the plan refuses a row that sets only the pool (the API
        // would), apply skips it, lists it in failures.csv with the reason, and goes ahead with the rest.
        let rejected = dir.write("rejected.csv", "phone_number;pool_name;source\n\(free[0]);Только пул;\n\(used[3]);Пул;src\n")
        let result = try await Self.run(["apply", rejected, "--yes", "--base-url", sandbox.baseURL, "--journal", dir.path("j.sqlite"),
                                         "--report-dir", dir.path("rejected"), "--quiet"], in: dir, label: "apply-rejected")
        #expect(result.code == 1, "\(result.out) \(result.err)")
        let failures = try String(contentsOfFile: dir.path("rejected/failures.csv"), encoding: .utf8)
        #expect(failures.contains(free[0]) && failures.contains("live.free_needs_source") && !failures.contains(used[3]), "\(failures)")
    }

    @Test func aCanaryPausesWithExit0AndABreakerStopsWithExit75BothResumable() async throws {
        let dir = TempDir()
        let sandbox = try await SandboxProcess.start(["--numbers", "100", "--seed", "7", "--rate-limit", "0"], in: dir)
        defer { sandbox.child.kill() }
        let state = try sandbox.state()
        let job = Self.makeJob(state, count: 40, tag: "canary", in: dir)
        let journal = dir.path("j.sqlite")

        let canary = try await Self.run(Self.applyArguments(job, sandbox, journal: journal, rate: 200) + ["--canary", "5"],
                                        in: dir, label: "canary")
        #expect(canary.code == 0, "\(canary.err)")
        #expect(canary.out.contains("[canary]") && canary.out.contains("5 applied"), "\(canary.out)")
        #expect(try sandbox.stats().writes.count == 5)
        let status = try await Self.run(["status", "--journal", journal], in: dir, label: "status", timeout: .seconds(120))
        #expect(status.out.contains("paused/canary"), "\(status.out)")
        let rest = try await Self.run(["apply", "--resume", "--yes", "--base-url", sandbox.baseURL, "--rate", "200",
                                       "--journal", journal, "--quiet"], in: dir, label: "rest")
        #expect(rest.code == 0, "\(rest.err)")
        try Self.expectConverged(sandbox, job)

        // Rows the API refuses: a saved plan edited by hand to a reserve time-out of 5 s (validation would stop it in a
        // job file); each create is refused as invalid, and three in a row trip the breaker.
        let free = state.filter(\.isFree).map(\.phoneNumber).sorted().suffix(10)
        let bad = dir.write("bad-rows.csv", "phone_number;pool_name;source;redirect_number;reserve_number;reserve_timeout\n"
            + free.map { "\($0);Пул;src;74951234567;74957654321;30\n" }.joined())
        let planned = try await Self.run(["plan", bad, "--base-url", sandbox.baseURL, "--rate", "200", "--out", dir.path("bad.json")],
                                         in: dir, label: "plan-bad")
        #expect(planned.code == 0, "\(planned.err)")
        let edited = try String(contentsOfFile: dir.path("bad.json"), encoding: .utf8)
            .replacingOccurrences(of: "\"reserveTimeOut\" : 30", with: "\"reserveTimeOut\" : 5")
        try edited.write(toFile: dir.path("bad.json"), atomically: true, encoding: .utf8)
        let breaker = try await Self.run(["apply", dir.path("bad.json"), "--yes", "--base-url", sandbox.baseURL, "--rate", "200",
                                          "--journal", journal, "--concurrency", "1", "--breaker-consecutive", "3", "--quiet"],
                                         in: dir, label: "breaker")
        #expect(breaker.code == 75, "\(breaker.err)")
        #expect(breaker.out.contains("[breaker]") && breaker.out.contains("3 failed"), "\(breaker.out)")
        #expect(try sandbox.stats().rejected.invalid == 3)
        let runs = try await Self.runs(journal: journal, in: dir)
        #expect(runs.last?["status"] as? String == "stopped" && runs.last?["stopReason"] as? String == "breaker")
    }

    @Test func anUnreadableJobFileExits66() async throws {
        let dir = TempDir()
        let result = try await Self.run(["apply", dir.path("missing.csv"), "--yes", "--base-url", "http://127.0.0.1:9",
                                         "--journal", dir.path("j.sqlite"), "--quiet"], in: dir, label: "apply", timeout: .seconds(120))
        #expect(result.code == 66, "\(result.err)")
        #expect(result.err.contains("missing.csv"))
    }

    @Test func aRefusedTokenExits77WithoutPrintingItOrWriting() async throws {
        let dir = TempDir()
        let sandbox = try await SandboxProcess.start(["--numbers", "50", "--seed", "7", "--rate-limit", "0"], in: dir)
        defer { sandbox.child.kill() }
        let job = Self.makeJob(try sandbox.state(), count: 20, tag: "token", in: dir)
        let secret = "wrong-secret-9f8e7d"
        let result = try await Self.run(Self.applyArguments(job, sandbox, journal: dir.path("j.sqlite")),
                                        environment: ["CALLTOUCH_ACCESS_TOKEN": secret, "CALLTOUCH_SITE_ID": "1"],
                                        in: dir, label: "apply")
        #expect(result.code == 77, "\(result.err)")
        #expect(result.err.contains("401"))
        #expect(!result.out.contains(secret) && !result.err.contains(secret))
        let stats = try sandbox.stats()
        #expect(stats.writes.isEmpty)
        #expect(stats.rejected.auth > 0)
    }

    @Test func anInvalidJobFileExits65BeforeAnyRequest() async throws {
        let dir = TempDir()
        let sandbox = try await SandboxProcess.start(["--numbers", "50", "--seed", "7", "--rate-limit", "0"], in: dir)
        defer { sandbox.child.kill() }
        let path = dir.write("bad.csv", "phone_number;pool_name;source\n79990000001;Пул;google\n12345;Пул;google\n79990000002;;;\n")
        let result = try await Self.run(["apply", path, "--yes", "--base-url", sandbox.baseURL, "--journal", dir.path("j.sqlite"),
                                         "--quiet"], in: dir, label: "apply")
        #expect(result.code == 65, "\(result.err)")
        #expect(try sandbox.stats().requests.values.allSatisfy { $0 == 0 }, "the API was never called")
    }

    @Test func withoutYesAndWithoutATerminalItExits64AndStartsNoRun() async throws {
        let dir = TempDir()
        let sandbox = try await SandboxProcess.start(["--numbers", "50", "--seed", "7", "--rate-limit", "0"], in: dir)
        defer { sandbox.child.kill() }
        let job = Self.makeJob(try sandbox.state(), count: 20, tag: "noyes", in: dir)
        let journal = dir.path("j.sqlite")
        let arguments = Self.applyArguments(job, sandbox, journal: journal).filter { $0 != "--yes" }
        let result = try await Self.run(arguments, in: dir, label: "apply")
        #expect(result.code == 64, "\(result.err)")
        #expect(result.err.contains("--yes"))
        #expect(try sandbox.stats().writes.isEmpty)
        #expect(try await Self.runs(journal: journal, in: dir).isEmpty)
    }
}
