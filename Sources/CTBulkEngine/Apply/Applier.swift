import CTBulkCore
import CalltouchAPI
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
    /// A message for people when the run stopped on an API error.
    public var stopDetail: String?

    public var failed: Int { counts[RowOutcome.failed.rawValue] ?? 0 }
    public var applied: Int { counts[RowOutcome.applied.rawValue] ?? 0 }
}

/// Applies a journaled run: one request per number (add for free numbers, update for used ones), through the
/// run's rate limiter, with retries, a failure breaker, and an intent/outcome record per row so a killed run resumes
/// without applying anything twice.
public final class Applier: Sendable {
    let client: CalltouchClient
    let journal: Journal
    let settings: ApplySettings
    let observer: any ApplyObserver
    let stopSignal: StopSignal
    private let state = Mutex(RunState())

    struct RunState {
        var stop: StopReason?
        var stopDetail: String?
        var requests = 0
        var finished = 0
        var failed = 0
        var consecutiveFailures = 0
    }

    public init(client: CalltouchClient, journal: Journal, settings: ApplySettings, observer: any ApplyObserver = SilentApplyObserver(),
                stopSignal: StopSignal = StopSignal()) {
        self.client = client
        self.journal = journal
        self.settings = settings
        self.observer = observer
        self.stopSignal = stopSignal
    }

    /// Runs (or resumes) run `runID` until every row has an outcome or something stops it.
    public func run(_ runID: Int64) async throws(JournalError) -> ApplyReport {
        let started = ContinuousClock.now
        try journal.reopenRun(runID)
        let rows = try journal.rows(of: runID).filter { $0.outcome == nil }

        // Rows that need no request: recorded at once.
        let noops = rows.filter { $0.plannedAction == PlanAction.noop.rawValue && !$0.isInDoubt }.map(\.row)
        try journal.recordOutcomes(runID: runID, rows: noops, outcome: .noop, message: nil)
        for row in noops { observer.rowFinished(row: row, outcome: .noop) }
        let unknown = rows.filter { $0.plannedAction == PlanAction.error.rawValue }.map(\.row)
        try journal.recordOutcomes(runID: runID, rows: unknown, outcome: .skipped, message: "number not in the account")
        for row in unknown { observer.rowFinished(row: row, outcome: .skipped) }

        var work = rows.filter { $0.plannedAction == PlanAction.create.rawValue || $0.plannedAction == PlanAction.update.rawValue
            || ($0.plannedAction == PlanAction.noop.rawValue && $0.isInDoubt) }
        var canaryStop = false
        if let canary = settings.canary, work.count > canary {
            work = Array(work.prefix(canary))
            canaryStop = true
        }

        let queue = WorkQueue<(RowRecord, LiveNumber)>(capacity: max(settings.concurrency * 2, client.configuration.readBatchSize))
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
                            self.stop(.interrupted, detail: error.description)
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
        let seconds = Double(started.duration(to: .now).components.seconds) + Double(started.duration(to: .now).components.attoseconds) / 1e18
        return ApplyReport(runID: runID, counts: counts, stopReason: reason, requests: snapshot.requests, seconds: seconds,
                           stopDetail: snapshot.stopDetail)
    }

    // MARK: Stopping

    var shouldStop: Bool {
        if stopSignal.isRequested { stop(.interrupted, detail: nil) }
        return state.withLock { $0.stop != nil }
    }

    func stop(_ reason: StopReason, detail: String?) {
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

    func noteFinished(_ outcome: RowOutcome) {
        let trip: Bool = state.withLock { state in
            state.finished += 1
            if outcome == .failed {
                state.failed += 1
                state.consecutiveFailures += 1
            } else {
                state.consecutiveFailures = 0
            }
            let breaker = settings.breaker
            if state.consecutiveFailures >= breaker.consecutiveFailures { return true }
            if state.finished >= breaker.minimumRows && Double(state.failed) / Double(state.finished) > breaker.maxFailureShare {
                return true
            }
            return false
        }
        if trip { stop(.breaker, detail: nil) }
    }

    func stop(for error: CalltouchError) {
        switch error.category {
        case .authentication: stop(.authentication, detail: error.description)
        case .budgetExhausted: stop(.budget, detail: error.description)
        case .cancelled: stop(.interrupted, detail: nil)
        default: break
        }
    }

    // MARK: Reading live state

    /// Reads live state in batches ahead of the workers.
    private func produce(_ work: [RowRecord], into queue: WorkQueue<(RowRecord, LiveNumber)>) async {
        let size = max(client.configuration.readBatchSize, 1)
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
        let label = numbers.count == 1 ? numbers[0].digits : "batch:\(numbers.first?.digits ?? "")..\(numbers.last?.digits ?? "")"
        while true {
            attempt += 1
            if shouldStop || !takeRequest() { return nil }
            let started = ContinuousClock.now
            let result: Result<[PhoneNumber: LiveNumber], CalltouchError>
            do { result = .success(try await client.readSettings(of: numbers)) } catch { result = .failure(error) }
            switch result {
            case .success(let live):
                audit(label, "read", attempt, status: 200, started: started, outcome: "ok")
                return live
            case .failure(let error):
                audit(label, "read", attempt, status: error.status, started: started, outcome: error.category.rawValue)
                guard error.isRetryable, attempt < settings.backoff.maxAttempts else {
                    stop(for: error)
                    if !error.category.stopsRun { stop(.breaker, detail: error.description) }
                    return nil
                }
                if !(await sleep(settings.backoff.delay(after: attempt, retryAfter: error.retryAfter))) { return nil }
            }
        }
    }

    func sleep(_ delay: Duration) async -> Bool {
        do { try await Task.sleep(for: delay) } catch { return false }
        return true
    }

    func audit(_ number: String, _ action: String, _ attempt: Int, status: Int?, started: ContinuousClock.Instant, outcome: String) {
        let elapsed = started.duration(to: .now)
        let ms = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        observer.request(RequestEvent(time: Date().timeIntervalSince1970, number: number, action: action, attempt: attempt,
                                      httpStatus: status, latencyMilliseconds: ms, outcome: outcome))
    }

    // MARK: One row

    /// Brings one row to its desired state, or records why not. Leaves the row without an outcome only when the run
    /// is stopping (it is then pending or in doubt, and the next run re-reads it).
    private func process(_ row: RowRecord, live: LiveNumber, runID: Int64) async throws(JournalError) {
        guard let number = row.phoneNumber, let desired = row.desiredSettings, let planned = row.plannedLiveState else {
            try await finish(runID, row.row, .failed, status: nil, category: nil, message: "unreadable journal row", attempts: row.attempts)
            return
        }
        var current = live
        var attempts = 0
        var sent = row.isInDoubt  // an earlier run may have sent it
        var beforeRecorded = row.before != nil
        while true {
            // Decide from live state.
            if case .unknown = current {
                try await finish(runID, row.row, .changedSincePlan, status: nil, category: nil,
                           message: "the number is no longer in the account", attempts: row.attempts + attempts)
                return
            }
            if desired.changes(from: current.settings).isEmpty && current != .free {
                try await finish(runID, row.row, sent ? .applied : .noop, status: nil, category: nil,
                           message: sent ? "confirmed from live state" : "already as desired", attempts: row.attempts + attempts)
                return
            }
            if current != planned {
                try await finish(runID, row.row, .changedSincePlan, status: nil, category: nil,
                           message: "live state changed since the plan: \(Self.describe(current))", attempts: row.attempts + attempts)
                return
            }
            if shouldStop { return }
            guard takeRequest() else { return }

            let isCreate = current == .free
            let body = current.settings.map { $0.merging(desired) } ?? desired.withoutClears
            attempts += 1
            try await journal.recordIntent(runID: runID, row: row.row, action: isCreate ? "create" : "update",
                                     before: beforeRecorded ? nil : current, attempt: row.attempts + attempts)
            beforeRecorded = true
            sent = true
            let started = ContinuousClock.now
            let result: Result<Void, CalltouchError>
            do {
                if isCreate {
                    try await client.createSettings(of: number, to: body)
                } else {
                    try await client.updateSettings(of: number, to: body)
                }
                result = .success(())
            } catch {
                result = .failure(error)
            }
            switch result {
            case .success:
                audit(number.digits, isCreate ? "create" : "update", attempts, status: 200, started: started, outcome: "ok")
                try await finish(runID, row.row, .applied, status: 200, category: nil, message: nil, attempts: row.attempts + attempts)
                return
            case .failure(let error):
                audit(number.digits, isCreate ? "create" : "update", attempts, status: error.status, started: started,
                      outcome: error.category.rawValue)
                switch error.category {
                case .authentication, .budgetExhausted, .cancelled:
                    // Rejected before it took effect, or we are stopping: leave it for the next run (pending again
                    // when it never left the rate limiter or the API refused it unprocessed, in doubt when a
                    // cancelled request may have reached the API).
                    stop(for: error)
                    if !error.requestSent {
                        try await journal.withdrawIntent(runID: runID, row: row.row, attempt: row.attempts + attempts)
                    } else if error.category != .cancelled {
                        try await journal.recordRefused(runID: runID, row: row.row)
                    }
                    return
                case .invalidData:
                    try await finish(runID, row.row, .failed, status: error.status, category: error.category.rawValue,
                               message: error.body ?? error.detail, attempts: row.attempts + attempts)
                    return
                case .rateLimited:
                    // Refused before processing: not in doubt while it waits (a stop or a kill then leaves it
                    // pending); retry the same request after the wait.
                    try await journal.recordRefused(runID: runID, row: row.row)
                    if attempts >= settings.backoff.maxAttempts {
                        try await finish(runID, row.row, .failed, status: error.status, category: error.category.rawValue,
                                   message: "still rate-limited after \(attempts) attempts", attempts: row.attempts + attempts)
                        return
                    }
                    if !(await sleep(settings.backoff.delay(after: attempts, retryAfter: error.retryAfter))) { return }
                case .server, .transport:
                    // The request may have taken effect: re-read before deciding to send it again.
                    let exhausted = attempts >= settings.backoff.maxAttempts
                    if !exhausted, !(await sleep(settings.backoff.delay(after: attempts, retryAfter: error.retryAfter))) { return }
                    guard let fresh = await read([number]) else { return }
                    current = fresh[number] ?? .unknown
                    if exhausted && !(desired.changes(from: current.settings).isEmpty && current != .free) {
                        try await finish(runID, row.row, .failed, status: error.status, category: error.category.rawValue,
                                   message: "\(error.category) after \(attempts) attempts: \(error.detail)",
                                   attempts: row.attempts + attempts)
                        return
                    }
                }
            }
        }
    }

    private func finish(_ runID: Int64, _ row: Int, _ outcome: RowOutcome, status: Int?, category: String?, message: String?,
                        attempts: Int) async throws(JournalError) {
        try await journal.recordOutcome(runID: runID, row: row, outcome: outcome, httpStatus: status, category: category,
                                  message: message, attempts: attempts)
        observer.rowFinished(row: row, outcome: outcome)
        noteFinished(outcome)
    }

    static func describe(_ live: LiveNumber) -> String {
        switch live {
        case .free: return "free"
        case .unknown: return "not in the account"
        case .used(let settings):
            return settings.setFields.map { "\($0.rawValue)=\(settings[$0] ?? "")" }.joined(separator: ", ")
        }
    }
}
