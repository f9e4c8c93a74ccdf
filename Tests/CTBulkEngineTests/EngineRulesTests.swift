import CTBulkCore
import CTBulkEngine
import CTBulkTestSupport
import Foundation
import Synchronization
import Testing

/// The engine's rules against a scripted number service on a virtual clock: no socket, no sleep, the same result on
/// every run (breaker, budget stop, 429, in-doubt rows, resume, canary, max-requests, changed-since-plan, and the
/// run's confirmation and outcomes).
@Suite struct EngineRulesTests {
    /// 20 numbers: even ones used (pool "Old"), odd ones free.
    static func account(_ count: Int = 20) -> [PhoneNumber: NumberSettings?] {
        var numbers: [PhoneNumber: NumberSettings?] = [:]
        for i in 0..<count {
            let number = phone("7999000\(String(format: "%04d", i))")
            numbers[number] = i % 2 == 0 ? .some(NumberSettings(poolName: "Old", displayOptions: DisplayOptions(source: "old"))) : .some(nil)
        }
        return numbers
    }

    /// One row per number, all wanting pool "New" with source "new": every row is a create or an update.
    static func rows(_ account: [PhoneNumber: NumberSettings?]) -> [JobRow] {
        account.keys.sorted().enumerated().map { index, number in
            JobRow(row: index + 2, phoneNumber: number,
                   settings: NumberSettings(poolName: "New", displayOptions: DisplayOptions(source: "new")))
        }
    }

    struct Harness {
        let service: ScriptedNumberService
        let clock = VirtualClock()
        let journalPath = TempDir().path("journal.sqlite")
        let stateDirectory = TempDir().path("state")
        let rows: [JobRow]

        init(numbers: [PhoneNumber: NumberSettings?] = EngineRulesTests.account(), gate: (any RequestGate)? = nil,
             script: @escaping @Sendable (ScriptedNumberService.Call, Int) -> ScriptedNumberService.Fault? = { _, _ in nil }) {
            service = ScriptedNumberService(numbers: numbers, readBatchSize: 5, gate: gate ?? UnlimitedGate(), script: script)
            rows = EngineRulesTests.rows(numbers)
        }

        func run(_ apply: ApplySettings = ApplySettings(concurrency: 3), confirm: Bool = false, stop: StopSignal = StopSignal(),
                 source: ApplyRun.Source? = nil,
                 answer: @escaping @Sendable (ApplyRun.Confirmation) async -> Bool? = { _ in true }) async throws(ApplyRun.Failure) -> ApplyRun.Outcome {
            let settings = ApplyRun.Settings(apply: apply, rate: 5, journalPath: journalPath, confirm: confirm,
                                             stateDirectory: stateDirectory)
            let run = ApplyRun(service: service, settings: settings, clock: .virtual(clock), stopSignal: stop)
            let job = ValidJob(rows: rows, csv: nil, path: "/jobs/rules.json", sha256: "sha-rules")
            return try await run.run(source ?? .job(job), confirm: answer, progress: SilentRunProgress())
        }

        /// Every number as the job wants it.
        var converged: Bool {
            rows.allSatisfy { row in RowDecision(desired: row.settings, live: service.live(row.phoneNumber)).isSatisfied }
        }

        var maxWritesPerNumber: Int { rows.map { service.writes(of: $0.phoneNumber) }.max() ?? 0 }
    }

    static func report(_ outcome: ApplyRun.Outcome, sourceLocation: SourceLocation = #_sourceLocation) -> ApplyReport? {
        guard case .finished(let report, _) = outcome else {
            Issue.record("expected a finished run, got \(outcome)", sourceLocation: sourceLocation)
            return nil
        }
        return report
    }

    @Test func aRunConvergesWritingEachNumberOnceAndReportsEveryRow() async throws {
        let h = Harness()
        let report = try #require(Self.report(try await h.run()))
        #expect(report.stopReason == nil)
        #expect(report.counts == ["applied": 20])
        #expect(h.converged && h.maxWritesPerNumber == 1)
        // Reads: 4 batches for the plan and 4 before writing; 20 writes.
        #expect(report.requests == 24)
    }

    @Test func theBreakerStopsAfterConsecutiveRejectedRowsAndTheRunResumes() async throws {
        let rejecting = Mutex(true)
        let h = Harness { call, _ in
            guard call.writtenNumber != nil, rejecting.withLock({ $0 }) else { return nil }
            return .fail(.scripted(.invalidData, status: 400))
        }
        let breaker = BreakerSettings(consecutiveFailures: 3, minimumRows: 100, maxFailureShare: 1)
        let first = try #require(Self.report(try await h.run(ApplySettings(concurrency: 1, breaker: breaker))))
        #expect(first.stopReason == .breaker)
        #expect(first.failed == 3)
        rejecting.withLock { $0 = false }
        // Failed rows keep their outcome; the resumed run finishes the rest.
        let second = try #require(Self.report(try await h.run(ApplySettings(concurrency: 1, breaker: breaker))))
        #expect(second.stopReason == nil)
        #expect(second.counts["failed"] == 3 && second.counts["applied"] == 17)
    }

    @Test func aSpentBudgetStopsResumablyLeavingTheRowPendingNotInDoubt() async throws {
        let stopAfter = Mutex(0)
        let budgeted = Harness(numbers: EngineRulesTests.account()) { call, _ in
            guard call.writtenNumber != nil else { return nil }
            let n = stopAfter.withLock { count -> Int in count += 1; return count }
            return n > 7 ? .fail(.scripted(.budgetExhausted, status: 403)) : nil
        }
        let first = try #require(Self.report(try await budgeted.run(ApplySettings(concurrency: 1))))
        #expect(first.stopReason == .budget)
        #expect(first.counts["applied"] == 7)
        #expect(first.counts["in-doubt"] == nil)
        #expect(first.counts["pending"] == 13)
        stopAfter.withLock { $0 = -100 }
        let second = try #require(Self.report(try await budgeted.run(ApplySettings(concurrency: 2))))
        #expect(second.stopReason == nil && second.counts == ["applied": 20])
        // 20 writes that took effect, plus the one the API refused unprocessed.
        #expect(budgeted.converged && budgeted.service.calls.filter { $0.writtenNumber != nil }.count == 21)
    }

    @Test func aRedirectStopsTheRunAtOnceWithoutRetryingAndLeavesItResumable() async throws {
        let redirecting = Mutex(true)
        let h = Harness(numbers: EngineRulesTests.account()) { call, _ in
            guard call.writtenNumber != nil, redirecting.withLock({ $0 }) else { return nil }
            return .fail(.scripted(.redirected, status: 307))
        }
        let first = try #require(Self.report(try await h.run(ApplySettings(concurrency: 1))))
        #expect(first.stopReason == .redirected)
        #expect(first.counts["applied"] == nil && first.counts["in-doubt"] == nil)
        #expect(first.counts["pending"] == 20)
        // One write went out and was refused; nothing was retried.
        #expect(h.service.calls.filter { $0.writtenNumber != nil }.count == 1)
        redirecting.withLock { $0 = false }
        let second = try #require(Self.report(try await h.run(ApplySettings(concurrency: 2))))
        #expect(second.stopReason == nil && second.counts == ["applied": 20])
        #expect(h.converged)
    }

    @Test func a429IsWaitedOutOnTheClockAndTheRowIsWrittenOnce() async throws {
        let refusals = Mutex(0)
        let h = Harness { call, _ in
            guard call.writtenNumber != nil else { return nil }
            return refusals.withLock { count in
                count += 1
                return count <= 2 ? .fail(.scripted(.rateLimited, status: 429, retryAfter: .seconds(3))) : nil
            }
        }
        let report = try #require(Self.report(try await h.run(ApplySettings(concurrency: 1))))
        #expect(report.counts == ["applied": 20])
        #expect(h.converged)
        // Each 429 waited at least the server's Retry-After on the run's clock.
        #expect(h.clock.sleeps.filter { $0 >= .seconds(3) }.count == 2)
    }

    @Test func aStopDuringA429WaitLeavesTheRowPendingNotInDoubt() async throws {
        let stop = StopSignal()
        let h = Harness { call, _ in
            guard call.writtenNumber != nil else { return nil }
            stop.request()
            return .fail(.scripted(.rateLimited, status: 429, retryAfter: .seconds(1)))
        }
        let report = try #require(Self.report(try await h.run(ApplySettings(concurrency: 1), stop: stop)))
        #expect(report.stopReason == .interrupted)
        #expect(report.counts["in-doubt"] == nil)
        #expect(report.counts["pending"] == 20)
    }

    @Test func aLostAnswerLeavesTheRowInDoubtAndResumeConfirmsItWithoutResending() async throws {
        let stop = StopSignal()
        let writes = Mutex(0)
        let h = Harness { call, _ in
            guard call.writtenNumber != nil, writes.withLock({ count -> Int in count += 1; return count }) == 1 else { return nil }
            // The first write takes effect but its answer is lost as the run is stopped.
            stop.request()
            return .applyThenFail(.scripted(.cancelled))
        }
        let first = try #require(Self.report(try await h.run(ApplySettings(concurrency: 1), stop: stop)))
        #expect(first.stopReason == .interrupted)
        #expect(first.counts["in-doubt"] == 1)
        let writesBefore = h.service.calls.filter { $0.writtenNumber != nil }.count
        #expect(writesBefore == 1)

        // Resume on the same journal and account: the in-doubt row is re-read, found applied, and not sent again.
        let second = try #require(Self.report(try await h.run(ApplySettings(concurrency: 1), source: .resume)))
        #expect(second.stopReason == nil)
        #expect(second.counts == ["applied": 20])
        #expect(h.converged && h.maxWritesPerNumber == 1)
    }

    @Test func canaryPausesAfterNRowsAndAskingToContinueFinishesTheSameRun() async throws {
        let h = Harness()
        let questions = Mutex<[String]>([])
        let canaryRows = Mutex<[ApplyRun.CanaryRow]>([])
        let outcome = try await h.run(ApplySettings(concurrency: 2, canary: 4), confirm: true) { question in
            questions.withLock { $0.append("\(question.stage) \(question.changes) \(question.done)/\(question.total)") }
            if question.stage == .afterCanary { canaryRows.withLock { $0 = question.canary } }
            return true
        }
        let report = try #require(Self.report(outcome))
        #expect(questions.withLock { $0 } == ["newRun 20 0/20", "afterCanary 16 4/20"])
        // The pause lists the numbers the canary wrote, with their settings now.
        let listed = canaryRows.withLock { $0 }
        #expect(listed.count == 4)
        #expect(listed.allSatisfy { h.service.live($0.phoneNumber) == .used($0.settings) })
        #expect(report.stopReason == nil && report.counts == ["applied": 20])
        #expect(h.maxWritesPerNumber == 1)
    }

    @Test func resumingAsksTheSameQuestionWithWhatRemains() async throws {
        let h = Harness()
        let paused = try #require(Self.report(try await h.run(ApplySettings(concurrency: 2, canary: 3))))
        #expect(paused.stopReason == .canary)
        let questions = Mutex<[ApplyRun.Confirmation]>([])
        // Declined: nothing more is sent.
        let declined = try await h.run(confirm: true) { question in
            questions.withLock { $0.append(question) }
            return false
        }
        guard case .declined = declined else { Issue.record("expected declined, got \(declined)"); return }
        let asked = try #require(questions.withLock { $0.first })
        #expect(asked.stage == .resume && asked.runID == paused.runID)
        #expect(asked.changes == 17 && asked.done == 3 && asked.total == 20)
        #expect(h.service.calls.filter { $0.writtenNumber != nil }.count == 3)
        // Nobody to ask (no terminal, no --yes): nothing is sent either.
        guard case .cannotConfirm = try await h.run(confirm: true, answer: { _ in nil }) else { Issue.record("expected cannotConfirm"); return }
        #expect(h.service.calls.filter { $0.writtenNumber != nil }.count == 3)
    }

    @Test func exitZeroIsVerifiedRowsResetUnderTheRunAreReportedNotAsDesired() async throws {
        let h = Harness()
        let initial = h.service.numbers
        let paused = try #require(Self.report(try await h.run(ApplySettings(concurrency: 2, canary: 5))))
        #expect(paused.applied == 5 && paused.verification == nil)
        // The account is reset under the run (the canary's writes undone), then the run is resumed.
        for (number, settings) in initial { h.service.set(number, settings) }
        let resumed = try #require(Self.report(try await h.run(ApplySettings(concurrency: 2))))
        let verification = try #require(resumed.verification)
        #expect(verification.checked == 20 && verification.notAsDesired == 5 && verification.failure == nil)
        #expect(resumed.counts == ["applied": 15, "failed": 5])
        #expect(resumed.notApplied == 5)
        // The same job again: a new run plans from live state, writes the five, and verifies all twenty.
        let again = try #require(Self.report(try await h.run()))
        #expect(again.runID != resumed.runID)
        #expect(again.counts == ["applied": 5, "no-op": 15] && again.verification?.notAsDesired == 0)
        #expect(h.converged)
    }

    @Test func withoutVerificationNoReadBackIsMade() async throws {
        let h = Harness()
        let settings = ApplyRun.Settings(apply: ApplySettings(concurrency: 1), rate: 5, journalPath: h.journalPath,
                                         confirm: false, stateDirectory: h.stateDirectory)
        var unverified = settings
        unverified.verify = false
        let run = ApplyRun(service: h.service, settings: unverified, clock: .virtual(h.clock))
        let job = ValidJob(rows: h.rows, csv: nil, path: "/jobs/rules.json", sha256: "sha-rules")
        guard case .finished(let report, _) = try await run.run(.job(job), confirm: { _ in true }, progress: SilentRunProgress()) else {
            Issue.record("expected a finished run"); return
        }
        #expect(report.verification == nil)
        // 4 reads for the plan, 4 before writing, 20 writes; no read-back.
        #expect(h.service.calls.count == 28)
    }

    @Test func canaryWithoutAnyoneToAskPausesAndTheNextRunContinues() async throws {
        let h = Harness()
        let paused = try #require(Self.report(try await h.run(ApplySettings(concurrency: 2, canary: 4))))
        #expect(paused.stopReason == .canary && paused.applied == 4)
        let rest = try #require(Self.report(try await h.run(ApplySettings(concurrency: 2))))
        #expect(rest.runID == paused.runID && rest.counts == ["applied": 20])
    }

    @Test func maxRequestsStopsAfterExactlyThatManyRequests() async throws {
        let h = Harness()
        let first = try #require(Self.report(try await h.run(ApplySettings(concurrency: 1, maxRequests: 6))))
        #expect(first.stopReason == .maxRequests)
        #expect(first.requests == 6)
        // After the plan's 4 reads, this run's 6 requests are reads of live state (ahead of the writes) and writes.
        let runCalls = h.service.calls.dropFirst(4)
        #expect(runCalls.count == 6)
        let reads = runCalls.filter { if case .read = $0 { return true } else { return false } }.count
        #expect(reads >= 1)
        #expect(first.counts["applied"] == 6 - reads)
        let rest = try #require(Self.report(try await h.run(ApplySettings(concurrency: 1))))
        #expect(rest.counts == ["applied": 20] && h.maxWritesPerNumber == 1)
    }

    @Test func rowsChangedInTheAccountAfterThePlanAreNotOverwritten() async throws {
        let h = Harness()
        let first = h.rows[0].phoneNumber
        let edited = NumberSettings(poolName: "Hand edit", displayOptions: DisplayOptions(source: "cabinet"))
        // The edit lands after the plan's reads (calls 0-3), before apply reads live state.
        let plan = try await Planner(service: h.service, clock: .virtual(h.clock))
            .plan(rows: h.rows, inputPath: "/jobs/rules.json", inputSHA256: "sha-rules", csv: nil, rate: 5)
        h.service.set(first, edited)
        let report = try #require(Self.report(try await h.run(source: .plan(plan))))
        #expect(report.counts == ["applied": 19, "changed-since-plan": 1])
        #expect(h.service.live(first) == .used(edited))
        #expect(h.service.writes(of: first) == 0)
    }

    @Test func confirmationDeclinedOrImpossibleSendsNothing() async throws {
        let declined = Harness()
        if case .declined = try await declined.run(confirm: true, answer: { _ in false }) {} else { Issue.record("expected declined") }
        let nobody = Harness()
        if case .cannotConfirm = try await nobody.run(confirm: true, answer: { _ in nil }) {} else { Issue.record("expected cannotConfirm") }
        #expect(declined.service.calls.allSatisfy { $0.writtenNumber == nil })
        #expect(nobody.service.calls.allSatisfy { $0.writtenNumber == nil })
    }

    @Test func aJobAlreadyAsDesiredStartsNoRun() async throws {
        var numbers = EngineRulesTests.account()
        for key in numbers.keys { numbers[key] = .some(NumberSettings(poolName: "New", displayOptions: DisplayOptions(source: "new"))) }
        let h = Harness(numbers: numbers)
        guard case .nothingToApply(let summary) = try await h.run() else { Issue.record("expected nothing to apply"); return }
        #expect(summary.noop == 20)
        if case .noUnfinishedRun = try await h.run(source: .resume) {} else { Issue.record("expected no unfinished run") }
    }

    @Test func aSecondRunOfTheSameJobIsRefusedByTheLock() async throws {
        let h = Harness()
        // Another journal, another folder, the same job and account (named through `localhost`): the same lock.
        let settings = ApplyRun.Settings(apply: ApplySettings(concurrency: 1), rate: 5, journalPath: TempDir().path("other.sqlite"),
                                         confirm: false, stateDirectory: h.stateDirectory)
        let holder = try RunLock(directory: settings.lockDirectory, job: "sha-rules",
                                 account: AccountIdentity(siteID: "1", baseURL: "HTTP://LocalHost:1/"))
        defer { holder.release() }
        await #expect(throws: ApplyRun.Failure.self) { try await h.run() }
        #expect(h.service.calls.isEmpty)
    }

    @Test func aSavedPlanForAnotherAccountIsRefused() async throws {
        let h = Harness()
        let plan = Plan(createdAt: Date(timeIntervalSince1970: 0), inputPath: "/x", inputSHA256: "sha-x", csv: nil,
                        baseURL: "https://other.example", siteID: "2", readBatchSize: 5, rate: 5, rows: [], readRequests: 0)
        do {
            _ = try await h.run(source: .plan(plan))
            Issue.record("expected an account mismatch")
        } catch {
            guard case .accountMismatch = error else { Issue.record("unexpected \(error)"); return }
        }
    }

    @Test func journalTimestampsComeFromTheRunClock() async throws {
        let h = Harness()
        let report = try #require(Self.report(try await h.run()))
        let journal = try Journal(path: h.journalPath)
        let run = try #require(try journal.run(report.runID))
        // The virtual clock's epoch is 2026-01-01T00:00:00Z and no real time is waited.
        #expect(run.startedAt == 1_767_225_600)
        #expect(try journal.rows(of: report.runID).allSatisfy { $0.finishedAt == 1_767_225_600 })
    }
}
