import Synchronization

/// Something every outgoing request passes before it is sent. The API clients take one, so state reads, writes and
/// retries of a run share a single budget of requests per second.
public protocol RequestGate: Sendable {
    /// Waits until one more request may start. Throws `CancellationError` when the task is cancelled while waiting.
    func acquire() async throws

    /// Tells the gate that the server refused a request for exceeding its rate (HTTP 429). A limiter slows down:
    /// the server's clock and ours disagree by more than our safety margin.
    func serverRejectedForRate()
}

extension RequestGate {
    public func serverRejectedForRate() {}
}

/// Lets every request through at once (for tests of code that is not about rates).
public struct UnlimitedGate: RequestGate {
    public init() {}
    public func acquire() async throws {}
}

/// A sliding-window limiter: never more than `limit` request starts in any window of `window` length.
///
/// It keeps the start times of the last `limit` requests; a new request may start once the oldest of them is a full
/// window (plus `margin`, which absorbs scheduling and network jitter so the server never sees `limit + 1` requests
/// in one of its seconds) in the past, and once `spacing` has passed since the previous start. Callers that arrive
/// together are given distinct slots in arrival order, so many tasks can wait on one limiter and still achieve the
/// full rate, `limit / (window + margin)`.
///
/// By default the spacing is `(window + margin) / limit`: requests go out evenly instead of in bursts of `limit` at
/// one instant. Both give the same rate, but a burst is what reaches the server bunched: the requests of one burst
/// arrive spread out by connection set-up and queueing, those of the next (on warm connections) do not, and the gap
/// between the two shrinks below the margin. At 500 requests/s with apply's concurrency of 64 against the sandbox,
/// bursts drew 18–180 answers of 429 per 5,000 writes (each a one-second Retry-After, and a wider margin from then
/// on) and reached 69–90 % of the limit; evenly spaced, 0–4 and 93–97 % (docs/benchmarks.md, `ctbulk-bench apply
/// --burst`). Even spacing also suits a server that meters with a leaky bucket rather than a window.
/// `spacing: .zero` restores the bursts.
public final class SlidingWindowRateLimiter<C: Clock>: RequestGate, Sendable where C.Duration == Duration {
    public let limit: Int
    public let window: Duration
    /// The largest margin ``serverRejectedForRate()`` grows to.
    public let maxMargin: Duration
    /// The least time between two starts; nil: `(window + margin) / limit` with the margin of the moment.
    public let fixedSpacing: Duration?
    private let clock: C
    private let state: Mutex<State>
    private let keepsHistory: Bool
    private let baseMargin: Duration

    private struct State {
        /// Slot times handed out, oldest first; at most `limit` kept. They order and pace the waiters.
        var starts: [C.Instant] = []
        var head = 0
        var granted = 0
        var margin: Duration
        /// The latest slot handed out.
        var last: C.Instant?
        /// The times requests were actually let go, newest last; at most `limit` kept. A waiter that wakes late
        /// (a busy machine) is let go later than its slot; checking against these keeps the limit exact anyway.
        var confirmed: [C.Instant] = []
        /// Every confirmed start, for tests (`keepsHistory`).
        var history: [C.Instant] = []
        /// When the server last answered 429.
        var lastRejection: C.Instant?
    }

    /// - Parameters:
    ///   - limit: requests allowed per window (the API's 5 per second by default).
    ///   - window: the window length (1 s).
    ///   - margin: extra spacing added to the window.
    ///   - spacing: the least time between two starts; nil (the default) for `(window + margin) / limit`, evenly
    ///     spaced; `.zero` lets up to `limit` requests start at once.
    public convenience init(limit: Int, window: Duration = .seconds(1), margin: Duration = HostRateLimiter.defaultMargin,
                            spacing: Duration? = nil, clock: C) {
        self.init(limit: limit, window: window, margin: margin, spacing: spacing, clock: clock, keepsHistory: false)
    }

    init(limit: Int, window: Duration, margin: Duration, spacing: Duration?, clock: C, keepsHistory: Bool) {
        precondition(limit > 0, "limit must be positive")
        self.keepsHistory = keepsHistory
        self.baseMargin = margin
        self.limit = limit
        self.window = window
        self.maxMargin = max(margin, .milliseconds(250))
        self.fixedSpacing = spacing.map { max($0, .zero) }
        self.clock = clock
        self.state = Mutex(State(margin: margin))
    }

    /// How many requests have been let through.
    public var granted: Int { state.withLock { $0.granted } }

    /// The current safety margin added to the window.
    public var margin: Duration { state.withLock { $0.margin } }

    /// The least time between two starts now.
    public var spacing: Duration { state.withLock { spacing(margin: $0.margin) } }

    private func spacing(margin: Duration) -> Duration { fixedSpacing ?? (window + margin) / limit }

    /// Each 429 widens the margin by 10 ms (up to ``maxMargin``); after a quiet minute it creeps back to where it started.
    public func serverRejectedForRate() {
        state.withLock { state in
            state.margin = min(state.margin + .milliseconds(10), maxMargin)
            state.lastRejection = clock.now
        }
    }

    /// The confirmed start times (only with `keepsHistory`, for tests).
    var history: [C.Instant] { state.withLock { $0.history } }

    public func acquire() async throws {
        try Task.checkCancellation()
        let now = clock.now
        var slot: C.Instant = state.withLock { state in
            var slot = now
            if let last = state.last { slot = max(slot, last.advanced(by: spacing(margin: state.margin))) }
            if state.starts.count == limit {
                let oldest = state.starts[state.head]
                slot = max(slot, oldest.advanced(by: window + state.margin))
                state.starts[state.head] = slot
                state.head = (state.head + 1) % limit
            } else {
                state.starts.append(slot)
            }
            state.last = slot
            return slot
        }
        while true {
            if clock.now < slot { try await clock.sleep(until: slot, tolerance: .milliseconds(1)) }
            // Confirm against the times requests were really let go: if an earlier waiter woke late, the window
            // (not the spacing, which only paces and would never catch up after a stall) decides.
            let later: C.Instant? = state.withLock { state in
                let now = clock.now
                var earliest = now
                if state.confirmed.count == limit, let oldest = state.confirmed.first {
                    earliest = max(earliest, oldest.advanced(by: window + state.margin))
                }
                if earliest > now { return earliest }
                // A margin widened by 429s creeps back (1 ms per request) once the server has been quiet for a minute.
                if state.margin > baseMargin, let rejected = state.lastRejection, rejected.duration(to: now) > .seconds(60) {
                    state.margin = max(baseMargin, state.margin - .milliseconds(1))
                }
                if state.confirmed.count == limit { state.confirmed.removeFirst() }
                state.confirmed.append(now)
                state.granted += 1
                if keepsHistory { state.history.append(now) }
                return nil
            }
            guard let later else { return }
            slot = later
        }
    }
}

extension SlidingWindowRateLimiter where C == ContinuousClock {
    /// A limiter on the real clock.
    public convenience init(limit: Int, window: Duration = .seconds(1), margin: Duration = HostRateLimiter.defaultMargin,
                            spacing: Duration? = nil) {
        self.init(limit: limit, window: window, margin: margin, spacing: spacing, clock: ContinuousClock())
    }
}
