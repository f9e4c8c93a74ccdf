import CTBulkCore
import Synchronization

/// When to stop a run because too many rows fail (resumable).
public struct BreakerSettings: Sendable, Equatable {
    /// Stop after this many failed rows in a row.
    public var consecutiveFailures: Int
    /// Once this many rows have finished, stop when more than `maxFailureShare` of them failed.
    public var minimumRows: Int
    public var maxFailureShare: Double

    public init(consecutiveFailures: Int = 10, minimumRows: Int = 50, maxFailureShare: Double = 0.2) {
        self.consecutiveFailures = consecutiveFailures
        self.minimumRows = minimumRows
        self.maxFailureShare = maxFailureShare
    }
}

/// How an apply run behaves.
public struct ApplySettings: Sendable {
    /// Requests in flight at once. The rate limiter decides when each starts; several in flight keep API latency
    /// from lowering the achieved rate.
    public var concurrency: Int
    /// Back-off between attempts; `backoff.maxAttempts` is `--max-attempts`.
    public var backoff: Backoff
    public var breaker: BreakerSettings
    /// `--max-requests`: requests this run may send in all.
    public var maxRequests: Int?
    /// `--canary N`: apply this many rows, then pause.
    public var canary: Int?
    /// 429 answers in a row a request waits out before the run stops (resumable); they never fail a row.
    public var maxRateLimitedWaits = 30

    public init(concurrency: Int, backoff: Backoff = Backoff(), breaker: BreakerSettings = BreakerSettings(),
                maxRequests: Int? = nil, canary: Int? = nil) {
        self.concurrency = max(concurrency, 1)
        self.backoff = backoff
        self.breaker = breaker
        self.maxRequests = maxRequests
        self.canary = canary
    }

    /// Enough requests in flight that latency does not lower the rate: twice the rate, within 4...64.
    public static func defaultConcurrency(rate: Int) -> Int { min(max(rate * 2, 4), 64) }

    /// Batches of live state read at once while planning: enough to fill the rate limiter, as writes do.
    public static func readConcurrency(rate: Int) -> Int { min(max(rate, 2), 16) }
}

/// Set from a signal handler: no new requests after it; requests in flight finish and are recorded.
public final class StopSignal: Sendable {
    private let state = Mutex(false)
    public init() {}
    public func request() { state.withLock { $0 = true } }
    public var isRequested: Bool { state.withLock { $0 } }
}

/// A gate that stops letting requests through once the run is stopping: a request that was waiting for its rate-limit
/// slot when Ctrl-C (or a budget, breaker or credentials stop) came is not sent at all. The client reports it as
/// cancelled before sending, and the row stays pending.
public struct StoppableGate: RequestGate {
    let inner: any RequestGate
    let signal: StopSignal

    public init(_ inner: any RequestGate, signal: StopSignal) {
        self.inner = inner
        self.signal = signal
    }

    public func acquire() async throws {
        if signal.isRequested { throw CancellationError() }
        try await inner.acquire()
        if signal.isRequested { throw CancellationError() }
    }

    public func serverRejectedForRate() { inner.serverRejectedForRate() }
}

/// One request the run sent (for the audit log). Never holds the token.
public struct RequestEvent: Sendable {
    public var time: Double
    /// The number, or `batch:<first>..<last>` for a read of several.
    public var number: String
    /// `read`, `create` or `update`.
    public var action: String
    public var attempt: Int
    public var httpStatus: Int?
    public var latencyMilliseconds: Int
    /// `ok` or the error category.
    public var outcome: String
}

/// What an apply run reports while it works.
public protocol ApplyObserver: Sendable {
    func rowFinished(row: Int, outcome: RowOutcome)
    func request(_ event: RequestEvent)
}

/// An observer that ignores everything.
public struct SilentApplyObserver: ApplyObserver {
    public init() {}
    public func rowFinished(row: Int, outcome: RowOutcome) {}
    public func request(_ event: RequestEvent) {}
}
