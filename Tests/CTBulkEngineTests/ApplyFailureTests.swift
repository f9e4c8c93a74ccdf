import CTBulkCore
import CTBulkEngine
import CTBulkSandbox
import CTBulkTestSupport
import CalltouchAPI
import Foundation
import Synchronization
import Testing

/// The Applier against an API that fails: injected faults, a spent points budget, refused credentials, rows the API
/// rejects.
@Suite struct ApplyFailureTests {
    /// Faults as the sandbox injects them, per call, from a seeded generator: a server error (no effect), a hang
    /// (the write took effect, its answer is lost), a dropped connection (no effect), a malformed answer to a read.
    static func faults(seed: UInt64, serverError: Double, hang: Double, drop: Double) -> @Sendable (ScriptedNumberService.Call, Int) -> ScriptedNumberService.Fault? {
        let generator = Mutex(SplitMix64(seed: seed))
        return { call, _ in
            let roll = generator.withLock { Double($0.next() % 10_000) / 10_000 }
            if roll < serverError { return .fail(.scripted(.server, status: 503)) }
            if roll < serverError + drop { return .fail(.scripted(.transport)) }
            if roll < serverError + drop + hang {
                return call.writtenNumber == nil ? .fail(.scripted(.transport)) : .applyThenFail(.scripted(.transport))
            }
            return nil
        }
    }

    @Test func convergesUnderInjectedFaultsWithoutApplyingAnyWriteTwice() async throws {
        let numbers = EngineRulesTests.account(100)
        let rows = EngineRulesTests.rows(numbers)
        let clock = VirtualClock()
        let service = ScriptedNumberService(numbers: numbers, readBatchSize: 25,
                                            script: Self.faults(seed: 7, serverError: 0.1, hang: 0.05, drop: 0.02))
        let plan = try await Planner(service: service, backoff: fastBackoff, clock: .virtual(clock))
            .plan(rows: rows, inputPath: "/jobs/faults.json", inputSHA256: "sha-faults", csv: nil, rate: 100)
        let journal = try Journal(path: ScratchDirectory().path("journal.sqlite"), clock: .virtual(clock))
        let runID = try journal.startRun(plan: plan, account: service.account.label, options: "{}")
        let settings = ApplySettings(concurrency: 8, backoff: Backoff(base: .milliseconds(20), cap: .milliseconds(200), maxAttempts: 6))
        let report = try await Applier(service: service, journal: journal, settings: settings, clock: .virtual(clock)).run(runID)

        #expect(report.stopReason == nil, "\(report.stopDetail ?? "")")
        #expect(report.counts == ["applied": 100])
        #expect(rows.allSatisfy { RowDecision(desired: $0.settings, live: service.live($0.phoneNumber)).isSatisfied })
        #expect(rows.allSatisfy { service.appliedWrites(of: $0.phoneNumber) == 1 },
                "a write that took effect before its answer was lost is never sent again")
        let retried = try journal.rows(of: runID).filter { $0.attempts > 1 }
        #expect(!retried.isEmpty, "some rows needed more than one attempt")
        #expect(try journal.rows(of: runID).allSatisfy { $0.attempts <= settings.backoff.maxAttempts })
    }

    @Test func manyShortResumedSlicesUnderFaultsConvergeWithEveryNumberWrittenOnce() async throws {
        // Every invocation may send only a few requests, so runs often stop between a lost answer and the re-read
        // that settles it: the next invocation must settle those rows from live state, never by resending blindly.
        let numbers = EngineRulesTests.account(50)
        let rows = EngineRulesTests.rows(numbers)
        let clock = VirtualClock()
        let service = ScriptedNumberService(numbers: numbers, readBatchSize: 10,
                                            script: Self.faults(seed: 11, serverError: 0.1, hang: 0.1, drop: 0.05))
        let plan = try await Planner(service: service, backoff: fastBackoff, clock: .virtual(clock))
            .plan(rows: rows, inputPath: "/jobs/slices.json", inputSHA256: "sha-slices", csv: nil, rate: 100)
        let journal = try Journal(path: ScratchDirectory().path("journal.sqlite"), clock: .virtual(clock))
        let runID = try journal.startRun(plan: plan, account: service.account.label, options: "{}")
        let slice = ApplySettings(concurrency: 3, backoff: fastBackoff, maxRequests: 4)
        var invocations = 0
        var sawInDoubt = false
        var report: ApplyReport
        repeat {
            report = try await Applier(service: service, journal: journal, settings: slice, clock: .virtual(clock)).run(runID)
            invocations += 1
            sawInDoubt = sawInDoubt || (report.counts["in-doubt"] ?? 0) > 0
            #expect(report.requests <= 4)
        } while report.stopReason == .maxRequests && invocations < 400
        #expect(report.stopReason == nil, "\(report.counts) after \(invocations) invocations")
        #expect(report.counts == ["applied": 50])
        #expect(sawInDoubt, "some invocation stopped with a request in doubt")
        #expect(rows.allSatisfy { service.appliedWrites(of: $0.phoneNumber) == 1 })
    }

    @Test func aSpentPointsBudgetStopsResumablyAndTheSameRunCompletesAfterTheReset() async throws {
        try await Sandbox.withSandbox(sandboxConfiguration(numbers: 40)) { sandbox in
            let initial = sandbox.numbers()
            let rows = jobRows(initial, count: 40)
            let changed = changedNumbers(initial, rows)
            try await withClient(sandbox) { client in
                let plan = try await makePlan(client, rows)
                // One point for the read of live state, nine for writes; the tenth write is refused.
                sandbox.resetBudget(to: 10)
                let journal = try Journal(path: ScratchDirectory().path("journal.sqlite"))
                let runID = try journal.startRun(plan: plan, account: accountLabel(sandbox), options: "{}")
                let settings = ApplySettings(concurrency: 4, backoff: fastBackoff)
                let first = try await Applier(service: client, journal: journal, settings: settings).run(runID)

                #expect(first.stopReason == .budget)
                #expect(first.stopDetail?.contains("403") == true)
                #expect(first.applied == 9)
                // Writes refused for the budget cannot have taken effect: those rows are pending, not in doubt.
                #expect(first.counts["in-doubt"] == nil, "\(first.counts)")
                #expect(first.counts["pending"] == changed.count - 9)
                let run = try journal.run(runID)
                #expect(run?.status == .stopped && run?.stopReason == "budget")
                #expect(try journal.unfinishedRun(jobSHA256: plan.inputSHA256, account: accountLabel(sandbox))?.id == runID)
                #expect(writeCount(sandbox.stats()) == 9)
                #expect(sandbox.stats().rejected.budget >= 1)

                sandbox.resetBudget(to: 100_000)
                let second = try await Applier(service: client, journal: journal, settings: settings).run(runID)
                #expect(second.stopReason == nil)
                #expect(second.counts == ["applied": changed.count, "no-op": rows.count - changed.count])
                #expect(try journal.run(runID)?.status == .completed)
                #expect(sandbox.numbers() == expectedAccount(initial, after: rows))
                let stats = sandbox.stats()
                #expect(stats.writes.values.allSatisfy { $0.total == 1 }, "rows refused for the budget are sent once after it")
                #expect(Set(stats.writes.keys) == Set(changed.map(\.digits)))
            }
        }
    }

    @Test func refusedCredentialsStopTheRunBeforeAnyWrite() async throws {
        try await Sandbox.withSandbox(sandboxConfiguration(numbers: 20)) { sandbox in
            let initial = sandbox.numbers()
            let rows = jobRows(initial, count: 20)
            let plan = try await withClient(sandbox) { client in try await makePlan(client, rows) }
            let secret = "not-the-token-4711"
            try await withClient(sandbox, token: secret) { client in
                let journal = try Journal(path: ScratchDirectory().path("journal.sqlite"))
                let runID = try journal.startRun(plan: plan, account: accountLabel(sandbox), options: "{}")
                let report = try await Applier(service: client, journal: journal,
                                               settings: ApplySettings(concurrency: 4, backoff: fastBackoff)).run(runID)
                #expect(report.stopReason == .authentication)
                #expect(report.stopDetail?.contains("401") == true)
                #expect(report.stopDetail?.contains(secret) == false)
                #expect(try journal.run(runID)?.status == .stopped)
                #expect(try journal.run(runID)?.stopReason == "authentication")
                #expect(report.applied == 0 && report.counts["in-doubt"] == nil)
                #expect(sandbox.stats().writes.isEmpty)
                #expect(sandbox.stats().rejected.auth == 1, "a refused read is not retried")
                #expect(sandbox.numbers() == initial)
            }
        }
    }

    @Test func consecutiveRowsTheAPIRejectsTripTheBreaker() async throws {
        try await Sandbox.withSandbox(sandboxConfiguration(numbers: 60)) { sandbox in
            let initial = sandbox.numbers()
            // Rows a CSV would never let through: a reserve timeout of 5 s (the API takes 10 to 120), put straight
            // into the plan.
            let used = initial.keys.sorted().filter { initial[$0] != .some(nil) }.prefix(20)
            let rows = used.enumerated().map { index, number in
                JobRow(row: index + 2, phoneNumber: number, settings: NumberSettings(redirectOptions: RedirectOptions(
                    redirectNumber: phone("74950000099"),
                    reserve: ReserveRedirect(reserveNumber: phone("74960000099"), reserveTimeOut: 5, ignoreEarlyMedia: true))))
            }
            try await withClient(sandbox) { client in
                let plan = try await makePlan(client, rows)
                #expect(plan.summary.update == rows.count)
                let journal = try Journal(path: ScratchDirectory().path("journal.sqlite"))
                let runID = try journal.startRun(plan: plan, account: accountLabel(sandbox), options: "{}")
                let settings = ApplySettings(concurrency: 1, backoff: fastBackoff,
                                             breaker: BreakerSettings(consecutiveFailures: 5, minimumRows: 1000, maxFailureShare: 1))
                let report = try await Applier(service: client, journal: journal, settings: settings).run(runID)

                #expect(report.stopReason == .breaker)
                #expect(report.counts == ["failed": 5, "pending": rows.count - 5])
                let failed = try journal.rows(of: runID).filter { $0.outcome == .failed }
                #expect(failed.allSatisfy { $0.httpStatus == 400 && $0.errorCategory == "invalidData" && $0.attempts == 1 })
                #expect(failed.allSatisfy { $0.message?.contains("reserveTimeOut") == true })
                let run = try journal.run(runID)
                #expect(run?.status == .stopped && run?.stopReason == "breaker")
                #expect(sandbox.stats().rejected.invalid == 5, "a rejected row is not retried and no row follows the trip")
                #expect(sandbox.numbers() == initial)
            }
        }
    }

    @Test func aHighShareOfRejectedRowsTripsTheBreakerEvenWithoutARunOfFailures() async throws {
        try await Sandbox.withSandbox(sandboxConfiguration(numbers: 80)) { sandbox in
            let initial = sandbox.numbers()
            let free = initial.keys.sorted().filter { initial[$0] == .some(nil) }
            try #require(free.count >= 24)
            // Every other row asks for a reserve time-out of 5 s (put straight into the plan, past validation): the API
            // refuses those creates as invalid.
            let reserve = ReserveRedirect(reserveNumber: PhoneNumber(canonical: "74957654321"), reserveTimeOut: 5)
            let rows = free.prefix(24).enumerated().map { index, number in
                let settings = index % 2 == 0
                    ? NumberSettings(poolName: "Пул", displayOptions: DisplayOptions(source: "ok"),
                                     redirectOptions: RedirectOptions(redirectNumber: PhoneNumber(canonical: "74951234567"), reserve: reserve))
                    : NumberSettings(poolName: "Пул", displayOptions: DisplayOptions(source: "ok"))
                return JobRow(row: index + 2, phoneNumber: number, settings: settings)
            }
            try await withClient(sandbox) { client in
                let plan = try await makePlan(client, rows)
                let journal = try Journal(path: ScratchDirectory().path("journal.sqlite"))
                let runID = try journal.startRun(plan: plan, account: accountLabel(sandbox), options: "{}")
                let settings = ApplySettings(concurrency: 1, backoff: fastBackoff,
                                             breaker: BreakerSettings(consecutiveFailures: 3, minimumRows: 10, maxFailureShare: 0.2))
                let report = try await Applier(service: client, journal: journal, settings: settings).run(runID)
                #expect(report.stopReason == .breaker)
                #expect(report.counts == ["failed": 5, "applied": 5, "pending": 14])
                #expect(try journal.run(runID)?.stopReason == "breaker")
            }
        }
    }
}
