import CTBulkCore
import Foundation
import Synchronization

/// What a run did.
public struct ApplyReport: Sendable {
    public var runID: Int64
    /// Rows by outcome in the whole run (this invocation and earlier ones); `pending`/`in-doubt` for the rest.
    public var counts: [String: Int]
    /// Nil when every row has an outcome.
    public var stopReason: StopReason?
    /// Requests this invocation sent.
    public var requests: Int
    public var seconds: Double
    /// The stop's detail in English (summary.json, the log).
    public var stopDetail: String?
    /// The stop's detail as a typed message (which rows tripped the breaker, what the API said), for people.
    public var stopMessage: Message?
    /// The read-back after a completed run (nil: not verified, e.g. `--no-verify` or the run stopped).
    public var verification: Verification?

    /// What reading the account back after apply found.
    public struct Verification: Sendable, Equatable {
        /// Rows read back (those that should be as desired: applied or already so, in every slice of the run).
        public var checked: Int
        /// Rows found not as desired (recorded as failed).
        public var notAsDesired: Int
        /// The read failed: the result is not verified.
        public var failure: String?
    }

    public var failed: Int { counts[RowOutcome.failed.rawValue] ?? 0 }
    public var applied: Int { counts[RowOutcome.applied.rawValue] ?? 0 }
}

/// Applies a journaled run: one request per number (add for free numbers, update for used ones), through the
/// service's rate limiter, with retries, a failure breaker, and an intent/outcome record per row so a killed run
/// resumes without applying anything twice. Each row's steps come from its ``RowLifecycle``; the applier only
/// executes them (journal, requests, waits on the injected clock) and keeps the run-wide rules (stop, breaker,
/// `--max-requests`, canary).
public final class Applier: Sendable {
    let service: any NumberService
    let journal: Journal
    let settings: ApplySettings
    let observer: any ApplyObserver
    let stopSignal: StopSignal
    let clock: RunClock
    private let state = Mutex(RunState())

    struct RunState {
        var stop: StopReason?
        var stopDetail: Message?
        var requests = 0
        var finished = 0
        var failed = 0
        var consecutiveFailures = 0
    }

    public init(service: any NumberService, journal: Journal, settings: ApplySettings,
                observer: any ApplyObserver = SilentApplyObserver(), stopSignal: StopSignal = StopSignal(),
                clock: RunClock = .system) {
        self.service = service
        self.journal = journal
        self.settings = settings
        self.observer = observer
        self.stopSignal = stopSignal
        self.clock = clock
    }

    /// Runs (or resumes) run `runID` until every row has an outcome or something stops it.
    public func run(_ runID: Int64) async throws(JournalError) -> ApplyReport {
        let started = clock.now
        try journal.reopenRun(runID)
        let rows = try journal.openRows(of: runID)

        // Rows that need no request: recorded at once.
        let noops = rows.filter { $0.plannedAction == .noop && !$0.isInDoubt }.map(\.row)
        try journal.recordOutcomes(runID: runID, rows: noops, outcome: .noop, note: nil)
        for row in noops { observer.rowFinished(row: row, outcome: .noop) }
        let unknown = rows.filter { $0.plannedAction == .error }.map(\.row)
        try journal.recordOutcomes(runID: runID, rows: unknown, outcome: .skipped, note: RowNote.notInAccount.text)
        for row in unknown { observer.rowFinished(row: row, outcome: .skipped) }

        var work = rows.filter { $0.plannedAction == .create || $0.plannedAction == .update || ($0.plannedAction == .noop && $0.isInDoubt) }
        var canaryStop = false
        if let canary = settings.canary, work.count > canary {
            work = Array(work.prefix(canary))
            canaryStop = true
        }

        let queue = WorkQueue<(RowRecord, LiveNumber)>(capacity: max(settings.concurrency * 2, service.readBatchSize))
        let items = work
        let journalFailure = await withTaskGroup(of: JournalError?.self) { group in
            group.addTask { [self] in
                await self.produce(items, into: queue)
                return nil
            }
            for _ in 0..<settings.concurrency {
                group.addTask { [self] in
                    while let (row, live) = await queue.pop() {
                        if self.shouldStop { continue }
                        do throws(JournalError) { try await self.process(row, live: live, runID: runID) } catch {
                            self.stop(.interrupted, detail: error.text)
                            await queue.cancelRemaining()
                            return error
                        }
                    }
                    return nil
                }
            }
            var first: JournalError?
            for await failure in group where failure != nil { first = first ?? failure }
            return first
        }
        if let journalFailure { throw journalFailure }

        let snapshot = state.withLock { $0 }
        var reason = snapshot.stop
        if reason == nil && canaryStop { reason = .canary }
        let counts = try journal.counts(of: runID)
        let open = (counts["pending"] ?? 0) + (counts["in-doubt"] ?? 0)
        if reason == nil && open > 0 { reason = .interrupted }
        if let reason {
            try journal.finishRun(runID, status: reason == .canary ? .paused : .stopped, reason: reason.rawValue)
        } else {
            try journal.finishRun(runID, status: .completed, reason: nil)
        }
        return ApplyReport(runID: runID, counts: counts, stopReason: reason, requests: snapshot.requests,
                           seconds: started.duration(to: clock.now).seconds, stopDetail: snapshot.stopDetail?.render(.en),
                           stopMessage: snapshot.stopDetail)
    }

    // MARK: Stopping

    var shouldStop: Bool {
        if stopSignal.isRequested { stop(.interrupted, detail: nil) }
        return state.withLock { $0.stop != nil }
    }

    func stop(_ reason: StopReason, detail: Message?) {
        state.withLock { state in
            if state.stop == nil {
                state.stop = reason
                state.stopDetail = detail
            }
        }
        // Requests waiting for the rate limiter see it through a StoppableGate and are not sent.
        stopSignal.request()
    }

    /// Takes one request from the `--max-requests` budget; false (and a stop) when it is spent.
    func takeRequest() -> Bool {
        let ok = state.withLock { state -> Bool in
            if let cap = settings.maxRequests, state.requests >= cap { return false }
            state.requests += 1
            return true
        }
        if !ok { stop(.maxRequests, detail: nil) }
        return ok
    }

    func noteFinished(_ outcome: RowOutcome, row: Int, note: RowNote?) {
        let trip: Message? = state.withLock { state in
            state.finished += 1
            if outcome == .failed {
                state.failed += 1
                state.consecutiveFailures += 1
            } else {
                state.consecutiveFailures = 0
            }
            let breaker = settings.breaker
            let last: Message = note.map { Message("breaker.last_with_note", ["row": .text(String(row)), "note": .message($0.text)]) }
                ?? Message("breaker.last", ["row": .text(String(row))])
            if state.consecutiveFailures >= breaker.consecutiveFailures {
                return Message("breaker.consecutive", ["n": .count(state.consecutiveFailures), "last": .message(last)])
            }
            if state.finished >= breaker.minimumRows && Double(state.failed) / Double(state.finished) > breaker.maxFailureShare {
                return Message("breaker.share", ["failed": .count(state.failed), "finished": .count(state.finished),
                                                 "percent": .count(Int(breaker.maxFailureShare * 100)), "last": .message(last)])
            }
            return nil
        }
        if let trip { stop(.breaker, detail: trip) }
    }

    func stop(for error: NumberServiceError) {
        switch error.kind {
        case .authentication: stop(.authentication, detail: Message("stop.detail.api", ["error": .text(error.description)]))
        case .budgetExhausted: stop(.budget, detail: Message("stop.detail.api", ["error": .text(error.description)]))
        case .cancelled: stop(.interrupted, detail: nil)
        case .redirected: stop(.redirected, detail: Message("stop.detail.api", ["error": .text(error.description)]))
        default: break
        }
    }

    // MARK: Reading live state

    /// Reads live state in batches ahead of the workers.
    private func produce(_ work: [RowRecord], into queue: WorkQueue<(RowRecord, LiveNumber)>) async {
        let size = max(service.readBatchSize, 1)
        for start in stride(from: 0, to: work.count, by: size) {
            if shouldStop { break }
            let batch = Array(work[start..<min(start + size, work.count)])
            let numbers = batch.compactMap(\.phoneNumber)
            guard let live = await read(numbers) else { break }
            for row in batch {
                guard let number = row.phoneNumber else { continue }
                await queue.push((row, live[number] ?? .unknown))
            }
        }
        await queue.finish()
    }

    /// Reads live state with retries; nil when the run must stop.
    func read(_ numbers: [PhoneNumber]) async -> [PhoneNumber: LiveNumber]? {
        var attempt = 0
        var rateLimitedWaits = 0
        let label = numbers.count == 1 ? numbers[0].digits : "batch:\(numbers.first?.digits ?? "")..\(numbers.last?.digits ?? "")"
        while true {
            attempt += 1
            if shouldStop || !takeRequest() { return nil }
            let started = clock.now
            let result: Result<[PhoneNumber: LiveNumber], NumberServiceError>
            do { result = .success(try await service.liveStates(of: numbers)) } catch { result = .failure(error) }
            switch result {
            case .success(let live):
                audit(label, "read", attempt, status: 200, started: started, outcome: "ok")
                return live
            case .failure(let error):
                audit(label, "read", attempt, status: error.status, started: started, outcome: error.kind.rawValue)
                if error.kind == .rateLimited {
                    // Never the breaker for 429s: wait them out, and stop (resumable) only if they never end.
                    attempt -= 1
                    rateLimitedWaits += 1
                    if rateLimitedWaits >= settings.maxRateLimitedWaits {
                        stop(.rateLimited, detail: Message("stop.detail.api", ["error": .text(error.description)]))
                        return nil
                    }
                    if !(await sleep(settings.backoff.delay(after: min(rateLimitedWaits, 6), retryAfter: error.retryAfter))) { return nil }
                    continue
                }
                guard error.isRetryable, attempt < settings.backoff.maxAttempts else {
                    stop(for: error)
                    if !error.stopsRun {
                        stop(.breaker, detail: Message("breaker.read_failed", ["n": .count(attempt), "error": .text(error.description)]))
                    }
                    return nil
                }
                if !(await sleep(settings.backoff.delay(after: attempt, retryAfter: error.retryAfter))) { return nil }
            }
        }
    }

    func sleep(_ delay: Duration) async -> Bool {
        do { try await clock.sleep(for: delay) } catch { return false }
        return true
    }

    func audit(_ number: String, _ action: String, _ attempt: Int, status: Int?, started: RunClock.Instant, outcome: String) {
        let elapsed = started.duration(to: clock.now)
        let ms = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        observer.request(RequestEvent(time: clock.date.timeIntervalSince1970, number: number, action: action, attempt: attempt,
                                      httpStatus: status, latencyMilliseconds: ms, outcome: outcome))
    }

    // MARK: One row

    /// Brings one row to its desired state, or records why not, by executing its ``RowLifecycle``. Leaves the row
    /// without an outcome only when the run is stopping (it is then pending or in doubt, and the next run re-reads it).
    private func process(_ row: RowRecord, live: LiveNumber, runID: Int64) async throws(JournalError) {
        guard let number = row.phoneNumber else {
            try await settle(runID, row.row, RowLifecycle.Settlement(outcome: .failed, status: nil, failure: nil,
                                                                      note: .unreadableJournalRow, attempts: row.attempts))
            return
        }
        var machine = RowLifecycle(desired: row.desired, planned: row.plannedLive, maxAttempts: settings.backoff.maxAttempts,
                                   priorAttempts: row.attempts, inDoubt: row.isInDoubt, beforeRecorded: row.before != nil,
                                   maxRateLimitedWaits: settings.maxRateLimitedWaits)
        var step = machine.observe(live)
        while true {
            switch step {
            case .settle(let settlement):
                try await settle(runID, row.row, settlement)
                return
            case .leave(let reason):
                if let reason {
                    stop(reason, detail: reason == .rateLimited
                        ? Message("stop.detail.rate_limited_row", ["row": .text(String(row.row)), "number": .text(number.digits),
                                                                   "n": .count(settings.maxRateLimitedWaits)])
                        : nil)
                }
                return
            case .wait(let attempt, let retryAfter):
                guard await sleep(settings.backoff.delay(after: attempt, retryAfter: retryAfter)) else {
                    step = machine.stopped()
                    continue
                }
                step = machine.waited()
            case .reread:
                guard let fresh = await read([number]) else {
                    step = machine.stopped()
                    continue
                }
                step = machine.observe(fresh[number] ?? .unknown)
            case .send(let action, let body, let attempt, let before):
                guard !shouldStop, takeRequest() else {
                    step = machine.notSent()
                    continue
                }
                try await journal.recordIntent(runID: runID, row: row.row, action: action, before: before, attempt: attempt)
                machine.intentRecorded()
                let started = clock.now
                let result: Result<Void, NumberServiceError>
                do {
                    switch action {
                    case .create: try await service.create(number, settings: body)
                    case .update: try await service.update(number, settings: body)
                    }
                    result = .success(())
                } catch {
                    result = .failure(error)
                }
                switch result {
                case .success:
                    audit(number.digits, action.rawValue, attempt, status: 200, started: started, outcome: "ok")
                    step = machine.succeeded()
                case .failure(let error):
                    audit(number.digits, action.rawValue, attempt, status: error.status, started: started, outcome: error.kind.rawValue)
                    if error.stopsRun { stop(for: error) }
                    let (change, next) = machine.failed(error)
                    switch change {
                    case .withdrawIntent(let attempt)?: try await journal.withdrawIntent(runID: runID, row: row.row, attempt: attempt)
                    case .refused?: try await journal.recordRefused(runID: runID, row: row.row)
                    case nil: break
                    }
                    step = next
                }
            }
        }
    }

    private func settle(_ runID: Int64, _ row: Int, _ settlement: RowLifecycle.Settlement) async throws(JournalError) {
        try await journal.recordOutcome(runID: runID, row: row, outcome: settlement.outcome, httpStatus: settlement.status,
                                        category: settlement.failure.map(Self.category), note: settlement.note?.text,
                                        attempts: settlement.attempts)
        observer.rowFinished(row: row, outcome: settlement.outcome)
        noteFinished(settlement.outcome, row: row, note: settlement.note)
    }

    /// The journal's error category: the names the reports have always used.
    static func category(_ kind: NumberServiceError.Kind) -> String { kind.rawValue }
}
