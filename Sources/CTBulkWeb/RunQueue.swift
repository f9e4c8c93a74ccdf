import CTBulkCore
import CTBulkEngine
import Foundation
import Synchronization

/// The server's runs: one at a time for the account (the rest wait in order), each the engine's ``ApplyRun`` in a
/// task of its own, so closing the browser does not stop it. Pages read a ``Snapshot``; the live page is pushed each
/// change (server-sent events).
final class RunQueue: Sendable {
    struct Job: Sendable {
        enum Source: Sendable {
            case plan(Plan)
            case resume
            /// Fix the drift of a saved job (the engine's ``ReconcileRun``): `changes` is the number the user
            /// confirmed; if the drift read again asks for another number, nothing is sent.
            case reconcile(ValidJob, changes: Int)
        }

        var uploadID: String?
        var uploadName: String?
        var source: Source
        var canary: Int?
    }

    enum Phase: String, Codable, Sendable, CaseIterable {
        case idle, planning, running, paused, stopping, verifying, finished, stopped, failed
    }

    struct FailureLine: Codable, Sendable, Equatable {
        var row: Int
        var number: String
        var outcome: String
        /// Why, as the journal recorded it (the API's message or the engine's note; never a token).
        var note: Message?
        var message: String?

        func noteText(_ language: Language) -> String? { note?.render(language) ?? message }
    }

    struct CanaryLine: Codable, Sendable, Equatable {
        var row: Int
        var number: String
        var settings: String
    }

    /// What the pages show of the current (or last) run.
    struct Snapshot: Sendable {
        var phase: Phase = .idle
        var runID: Int64?
        var uploadID: String?
        var uploadName: String?
        var done = 0
        var total = 0
        var failed = 0
        var requests = 0
        var rate: Double = 0
        var etaSeconds: Double?
        var failures: [FailureLine] = []
        var canary: [CanaryLine] = []
        var queued = 0
        /// Why the run ended or could not start (rendered in the reader's language).
        var message: Message?
        var counts: [String: Int] = [:]
        var stopReason: String?
        var resultsReady = false

        var isActive: Bool { [.planning, .running, .paused, .stopping, .verifying].contains(phase) }
    }

    struct State {
        var snapshot = Snapshot()
        var version = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
        /// The server is shutting down: listeners stop waiting for changes.
        var closing = false
        var queue: [Job] = []
        var stop: StopSignal?
        var canaryAnswer: CheckedContinuation<Bool, Never>?
        var requestTimes: [Double] = []
        var numbers: [Int: String] = [:]
    }

    private let state = Mutex(State())
    let account: WebAccount
    let store: UploadStore
    let stateDirectory: String

    init(account: WebAccount, store: UploadStore, stateDirectory: String) {
        self.account = account
        self.store = store
        self.stateDirectory = stateDirectory
    }

    func snapshot() -> Snapshot { state.withLock { $0.snapshot } }

    /// The snapshot and its version (for ``waitForChange(after:)``).
    func versioned() -> (Snapshot, Int) { state.withLock { ($0.snapshot, $0.version) } }

    /// Returns once the snapshot's version is not `version` any more, or the server is closing.
    func waitForChange(after version: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now = state.withLock { state -> Bool in
                if state.version != version || state.closing { return true }
                state.waiters.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }

    /// Whether the server is shutting down (event streams end).
    var isClosing: Bool { state.withLock { $0.closing } }

    /// The server is shutting down: every listener waiting for a change returns now, and none waits again.
    func closeListeners() {
        update { $0.closing = true }
    }

    private func update(_ change: (inout State) -> Void) {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            change(&state)
            state.version += 1
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Starts `job` now, or after the runs before it.
    func enqueue(_ job: Job) {
        var startNow = false
        update { state in
            if state.snapshot.isActive {
                state.queue.append(job)
                state.snapshot.queued = state.queue.count
            } else {
                startNow = true
                Self.begin(&state, job)
            }
        }
        if startNow { start(job) }
    }

    private static func begin(_ state: inout State, _ job: Job) {
        let queued = state.queue.count
        state.snapshot = Snapshot(phase: .planning, uploadID: job.uploadID, uploadName: job.uploadName, queued: queued)
        state.requestTimes = []
        state.numbers = [:]
        state.stop = StopSignal()
    }

    private func start(_ job: Job) {
        Task.detached { [self] in
            await execute(job)
            var next: Job?
            update { state in
                guard !state.queue.isEmpty else { return }
                next = state.queue.removeFirst()
                Self.begin(&state, next!)
            }
            if let next { start(next) }
        }
    }

    /// Stop: no new requests, those in flight are recorded; the run stays resumable. At the canary pause it ends
    /// the run there.
    func stop() {
        var answer: CheckedContinuation<Bool, Never>?
        update { state in
            guard state.snapshot.isActive else { return }
            state.stop?.request()
            answer = state.canaryAnswer
            state.canaryAnswer = nil
            if state.snapshot.phase != .paused { state.snapshot.phase = .stopping }
        }
        answer?.resume(returning: false)
    }

    /// "Continue" after the canary.
    func continueAfterCanary() {
        var answer: CheckedContinuation<Bool, Never>?
        update { state in
            answer = state.canaryAnswer
            state.canaryAnswer = nil
            if answer != nil { state.snapshot.phase = .running; state.snapshot.canary = [] }
        }
        answer?.resume(returning: true)
    }

    private func execute(_ job: Job) async {
        let stop = state.withLock { $0.stop } ?? StopSignal()
        let rate = account.rate
        let apply = ApplySettings(concurrency: ApplySettings.defaultConcurrency(rate: rate), canary: job.canary)
        var settings = ApplyRun.Settings(apply: apply, rate: rate, journalPath: store.journalPath, confirm: true, mode: "web",
                                         stateDirectory: stateDirectory)
        if case .reconcile = job.source { settings.mode = "reconcile" }
        let run = ApplyRun(service: account.makeService(stop), settings: settings, clock: .system, stopSignal: stop)
        do {
            switch job.source {
            case .plan(let plan):
                finish(try await run.run(.plan(plan), confirm: { question in await self.confirm(question) }, progress: Progress(queue: self)))
            case .resume:
                finish(try await run.run(.resume, confirm: { question in await self.confirm(question) }, progress: Progress(queue: self)))
            case .reconcile(let valid, let changes):
                let driftMoved = Flag(), unfinished = Flag()
                let outcome = try await ReconcileRun(run: run).reconcile(valid, apply: true, confirm: { question in
                    switch question.stage {
                    // The drift read now must be the drift the user confirmed.
                    case .newRun where question.changes != changes:
                        driftMoved.set()
                        return false
                    // The engine would continue an unfinished run of this file instead: not what was confirmed.
                    case .resume:
                        unfinished.set()
                        return false
                    default:
                        return await self.confirm(question)
                    }
                }, progress: Progress(queue: self))
                if driftMoved.isSet || unfinished.isSet {
                    update { state in
                        state.snapshot.phase = .stopped
                        state.snapshot.message = Message(unfinished.isSet ? "web.reconcile.unfinishedRun" : "web.reconcile.driftMoved")
                    }
                } else if let applied = outcome.applied {
                    finish(applied)
                } else {
                    update { state in
                        state.snapshot.phase = .finished
                        state.snapshot.message = Message("web.reconcile.nothingToFix")
                    }
                }
            }
        } catch {
            update { state in
                state.snapshot.phase = .failed
                state.snapshot.message = Self.message(error)
            }
        }
    }

    private func confirm(_ question: ApplyRun.Confirmation) async -> Bool? {
        guard question.stage == .afterCanary else { return true }
        return await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            var stopped = false
            update { state in
                if state.stop?.isRequested == true { stopped = true; return }
                state.canaryAnswer = continuation
                state.snapshot.phase = .paused
                state.snapshot.canary = question.canary.map { row in
                    CanaryLine(row: row.row, number: row.phoneNumber.digits,
                               settings: row.settings.setFields.map { "\($0.csvName)=\(row.settings[$0] ?? "")" }.joined(separator: ", "))
                }
            }
            if stopped { continuation.resume(returning: false) }
        }
    }

    private func finish(_ outcome: ApplyRun.Outcome) {
        update { state in
            switch outcome {
            case .finished(let report, _):
                state.snapshot.runID = report.runID
                state.snapshot.counts = report.counts
                state.snapshot.stopReason = report.stopReason?.rawValue
                state.snapshot.phase = report.stopReason == nil ? .finished : .stopped
                state.snapshot.resultsReady = true
                state.snapshot.etaSeconds = nil
                if let reason = report.stopReason {
                    state.snapshot.message = Message("web.live.stopReason.\(reason.rawValue)", ["detail": .text(report.stopDetail ?? "")])
                } else if let verification = report.verification {
                    state.snapshot.message = verification.failure != nil
                        ? Message("web.live.verifyFailed", ["reason": .text(verification.failure ?? "")])
                        : verification.notAsDesired > 0
                        ? Message("web.live.notAsDesired", ["n": .count(verification.notAsDesired), "checked": .count(verification.checked)])
                        : Message("web.live.verified", ["n": .count(verification.checked)])
                }
            case .nothingToApply:
                state.snapshot.phase = .finished
                state.snapshot.message = Message("web.live.nothingToApply")
            case .declined, .cannotConfirm:
                state.snapshot.phase = .stopped
                state.snapshot.message = Message("web.live.declined")
            case .noUnfinishedRun:
                state.snapshot.phase = .finished
                state.snapshot.message = Message("web.live.noUnfinishedRun")
            }
        }
    }

    static func message(_ error: any Error) -> Message {
        guard let failure = error as? ApplyRun.Failure else { return Message("web.live.failed", ["reason": .text("\(error)")]) }
        switch failure {
        case .locked: return Message("web.live.locked")
        case .accountMismatch(let what, let expected, let given):
            return Message("web.live.accountMismatch", ["what": .text(what), "expected": .text(expected), "given": .text(given)])
        case .service(let error): return Message("web.live.failed", ["reason": .text(error.description)])
        case .journal(let error): return Message("web.live.failed", ["reason": .text(error.description)])
        case .reports(let reason): return Message("web.live.failed", ["reason": .text(reason)])
        }
    }

    /// The run's progress, folded into the snapshot.
    private final class Progress: ApplyRunProgress {
        let queue: RunQueue
        let journal: Journal?
        init(queue: RunQueue) {
            self.queue = queue
            journal = try? Journal(path: queue.store.journalPath)
        }

        func event(_ event: ApplyRun.Event) {
            switch event {
            case .reading(let done, let total):
                queue.update { state in state.snapshot.phase = .planning; state.snapshot.done = done; state.snapshot.total = total }
            case .retrying(let error, let attempt, let limit, _):
                queue.update { state in
                    state.snapshot.message = Message("web.live.retrying", ["reason": .text(error.description), "attempt": .count(attempt), "of": .count(limit)])
                }
            case .planned(let plan):
                queue.update { state in
                    for row in plan.rows { state.numbers[row.row] = row.phoneNumber.digits }
                }
            case .resuming(let runID):
                queue.update { state in state.snapshot.runID = runID }
            case .executing(let runID, let total, let alreadyDone):
                let journalRows = (try? Journal(path: queue.store.journalPath).rows(of: runID)) ?? []
                queue.update { state in
                    for row in journalRows { state.numbers[row.row] = row.phone }
                    state.snapshot.runID = runID
                    state.snapshot.total = total
                    state.snapshot.done = alreadyDone
                    state.snapshot.message = nil
                    if state.snapshot.phase != .stopping { state.snapshot.phase = .running }
                }
            case .executed:
                queue.update { state in if state.snapshot.phase == .running { state.snapshot.phase = .verifying } }
            case .verifying:
                break
            }
        }

        func rowFinished(row: Int, outcome: RowOutcome) {
            let failed = [.failed, .changedSincePlan, .skipped].contains(outcome)
            // The outcome is in the journal before it is reported: its note says why.
            let recorded = failed ? queue.snapshot().runID.flatMap { try? journal?.row(row, of: $0) } : nil
            queue.update { state in
                state.snapshot.done += 1
                if failed {
                    state.snapshot.failed += 1
                    state.snapshot.failures.append(FailureLine(row: row, number: state.numbers[row] ?? "", outcome: outcome.rawValue,
                                                               note: recorded?.note, message: recorded?.message))
                    if state.snapshot.failures.count > 200 { state.snapshot.failures.removeFirst() }
                }
                Self.recompute(&state)
            }
        }

        func request(_ event: RequestEvent) {
            queue.update { state in
                state.snapshot.requests += 1
                state.requestTimes.append(event.time)
                if state.requestTimes.count > 200 { state.requestTimes.removeFirst(state.requestTimes.count - 200) }
                Self.recompute(&state)
            }
        }

        /// The rate over the last ten seconds of requests, and the time left at it.
        static func recompute(_ state: inout State) {
            guard let last = state.requestTimes.last else { return }
            let recent = state.requestTimes.filter { $0 > last - 10 }
            let span = last - (recent.first ?? last)
            state.snapshot.rate = recent.count >= 2 && span > 0 ? Double(recent.count - 1) / span : 0
            let remaining = max(state.snapshot.total - state.snapshot.done, 0)
            state.snapshot.etaSeconds = state.snapshot.rate > 0 ? Double(remaining) / state.snapshot.rate : nil
        }
    }
}

/// A yes/no set once from a closure and read after it.
private final class Flag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}
