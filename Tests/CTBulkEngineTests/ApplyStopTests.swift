import CTBulkCore
import CTBulkEngine
import CTBulkSandbox
import CTBulkTestSupport
import CalltouchAPI
import Foundation
import Synchronization
import Testing

/// The ways a run stops on purpose (`--max-requests`, `--canary`, Ctrl-C) and resumes.
@Suite struct ApplyStopTests {
    @Test func maxRequestsStopsAfterExactlyThatManyRequestsAndTheRunResumes() async throws {
        try await Sandbox.withSandbox(sandboxConfiguration(numbers: 30)) { sandbox in
            let initial = sandbox.numbers()
            let rows = jobRows(initial, count: 30)
            let changed = changedNumbers(initial, rows)
            try await withClient(sandbox) { client in
                let plan = try await makePlan(client, rows)
                let journal = try Journal(path: ScratchDirectory().path("journal.sqlite"))
                let runID = try journal.startRun(plan: plan, account: accountLabel(sandbox), options: "{}")
                let before = sandbox.stats()
                let capped = ApplySettings(concurrency: 1, backoff: fastBackoff, maxRequests: 8)
                let first = try await Applier(service: client, journal: journal, settings: capped).run(runID)

                #expect(first.stopReason == .maxRequests)
                #expect(first.requests == 8)
                #expect(calltouchRequests(sandbox.stats()) - calltouchRequests(before) == 8)
                // One read of live state, then seven writes; the eighth row was not started.
                #expect(first.counts == ["applied": 7, "no-op": rows.count - changed.count, "pending": changed.count - 7])
                #expect(try journal.run(runID)?.stopReason == "max-requests")

                let rest = try await Applier(service: client, journal: journal,
                                             settings: ApplySettings(concurrency: 4, backoff: fastBackoff)).run(runID)
                expectFinished(rest, sandbox: sandbox, initial: initial, rows: rows, changed: changed.count)
            }
        }
    }

    @Test func aCanaryAppliesNRowsPausesAndTheSameRunGoesOnAfterwards() async throws {
        try await Sandbox.withSandbox(sandboxConfiguration(numbers: 30)) { sandbox in
            let initial = sandbox.numbers()
            let rows = jobRows(initial, count: 30)
            let changed = changedNumbers(initial, rows)
            try await withClient(sandbox) { client in
                let plan = try await makePlan(client, rows)
                let journal = try Journal(path: ScratchDirectory().path("journal.sqlite"))
                let runID = try journal.startRun(plan: plan, account: accountLabel(sandbox), options: "{}")
                let canary = try await Applier(service: client, journal: journal,
                                               settings: ApplySettings(concurrency: 4, backoff: fastBackoff, canary: 5)).run(runID)
                #expect(canary.stopReason == .canary)
                #expect(canary.counts == ["applied": 5, "no-op": rows.count - changed.count, "pending": changed.count - 5])
                let run = try journal.run(runID)
                #expect(run?.status == .paused && run?.stopReason == "canary")
                #expect(try journal.latestUnfinishedRun()?.id == runID)
                #expect(writeCount(sandbox.stats()) == 5)
                // The canary rows are the first rows that need a write, in row order.
                let firstChanged = plan.rows.filter { $0.action == .create || $0.action == .update }.prefix(5).map(\.phoneNumber.digits)
                #expect(Set(sandbox.stats().writes.keys) == Set(firstChanged))

                let rest = try await Applier(service: client, journal: journal,
                                             settings: ApplySettings(concurrency: 4, backoff: fastBackoff)).run(runID)
                expectFinished(rest, sandbox: sandbox, initial: initial, rows: rows, changed: changed.count)
                #expect(try journal.run(runID)?.status == .completed)
            }
        }
    }

    @Test func aStopSignalStopsNewRequestsAndRecordsTheRequestsInFlight() async throws {
        // Each request takes a while, so several are in flight when the stop comes.
        try await Sandbox.withSandbox(sandboxConfiguration(numbers: 50, latency: .milliseconds(150))) { sandbox in
            let initial = sandbox.numbers()
            let rows = jobRows(initial, count: 50)
            let changed = changedNumbers(initial, rows)
            try await withClient(sandbox) { client in
                let plan = try await makePlan(client, rows)
                let journal = try Journal(path: ScratchDirectory().path("journal.sqlite"))
                let runID = try journal.startRun(plan: plan, account: accountLabel(sandbox), options: "{}")
                let stop = StopSignal()
                let observer = RecordingObserver { applied in if applied == 6 { stop.request() } }
                let concurrency = 4
                let report = try await Applier(service: client, journal: journal,
                                               settings: ApplySettings(concurrency: concurrency, backoff: fastBackoff),
                                               observer: observer, stopSignal: stop).run(runID)

                #expect(report.stopReason == .interrupted)
                #expect(report.counts["in-doubt"] == nil, "every request in flight at the stop got its outcome recorded")
                #expect(report.applied >= 6 && report.applied <= 6 + concurrency - 1)
                #expect((report.counts["pending"] ?? 0) == changed.count - report.applied)
                let run = try journal.run(runID)
                #expect(run?.status == .stopped && run?.stopReason == "interrupted")
                let applied = try journal.rows(of: runID).filter { $0.outcome == .applied }.map(\.phone)
                #expect(Set(sandbox.stats().writes.keys) == Set(applied), "the journal matches what the API applied")

                let rest = try await Applier(service: client, journal: journal,
                                             settings: ApplySettings(concurrency: 8, backoff: fastBackoff)).run(runID)
                expectFinished(rest, sandbox: sandbox, initial: initial, rows: rows, changed: changed.count)
            }
        }
    }

    /// Counts the requests let through after the stop (as `ApplyCommand` builds it: the limiter behind a StoppableGate).
    final class CountingGate: RequestGate {
        let inner: any RequestGate
        let stop: StopSignal
        let afterStop = Mutex(0)
        init(limiter: any RequestGate, stop: StopSignal) {
            self.inner = StoppableGate(limiter, signal: stop)
            self.stop = stop
        }
        func acquire() async throws {
            try await inner.acquire()
            if stop.isRequested { afterStop.withLock { $0 += 1 } }
        }
    }

    @Test func noRequestWaitingForTheRateLimiterIsSentAfterTheStop() async throws {
        // As ApplyCommand runs it: twice as many workers as the rate, all waiting on one limiter (on a virtual clock:
        // every wait ends at once, in slot order).
        let clock = VirtualClock()
        let stop = StopSignal()
        let gate = CountingGate(limiter: SlidingWindowRateLimiter(limit: 10, clock: RunClock.virtual(clock)), stop: stop)
        let numbers = EngineRulesTests.account(60)
        let rows = EngineRulesTests.rows(numbers)
        let planning = ScriptedNumberService(numbers: numbers)
        let plan = try await Planner(service: planning, clock: .virtual(clock))
            .plan(rows: rows, inputPath: "/jobs/stop.json", inputSHA256: "sha-stop", csv: nil, rate: 10)
        let service = ScriptedNumberService(numbers: numbers, gate: gate)
        let journal = try Journal(path: ScratchDirectory().path("journal.sqlite"), clock: .virtual(clock))
        let runID = try journal.startRun(plan: plan, account: service.account.label, options: "{}")
        let report = try await Applier(service: service, journal: journal,
                                       settings: ApplySettings(concurrency: ApplySettings.defaultConcurrency(rate: 10), backoff: fastBackoff),
                                       observer: RecordingObserver { applied in if applied == 3 { stop.request() } },
                                       stopSignal: stop, clock: .virtual(clock)).run(runID)
        #expect(report.stopReason == .interrupted)
        #expect(report.counts["in-doubt"] == nil)
        // A worker records its intent, then waits inside the service for its limiter slot; the StoppableGate refuses
        // the slot once the run stops, so nothing queued at the limiter goes out, and the row is pending again.
        #expect(gate.afterStop.withLock { $0 } == 0)
        #expect(report.counts["pending", default: 0] > 0)
        let applied = try journal.rows(of: runID).filter { $0.outcome == .applied }.compactMap(\.phoneNumber)
        #expect(Set(service.calls.compactMap(\.writtenNumber)) == Set(applied), "the journal matches what the API received")
    }

    @Test func aStopRequestedBeforeTheRunStartsSendsNothing() async throws {
        try await Sandbox.withSandbox(sandboxConfiguration(numbers: 20)) { sandbox in
            let initial = sandbox.numbers()
            let rows = jobRows(initial, count: 20)
            try await withClient(sandbox) { client in
                let plan = try await makePlan(client, rows)
                let journal = try Journal(path: ScratchDirectory().path("journal.sqlite"))
                let runID = try journal.startRun(plan: plan, account: accountLabel(sandbox), options: "{}")
                let stop = StopSignal()
                stop.request()
                let before = sandbox.stats()
                let report = try await Applier(service: client, journal: journal,
                                               settings: ApplySettings(concurrency: 4, backoff: fastBackoff),
                                               stopSignal: stop).run(runID)
                #expect(report.stopReason == .interrupted)
                #expect(report.requests == 0)
                #expect(sandbox.stats() == before)
                #expect(report.counts["pending"] == plan.summary.create + plan.summary.update)
            }
        }
    }
}
