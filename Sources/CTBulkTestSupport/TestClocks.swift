import CTBulkCore
import Foundation
import Synchronization

/// A clock that moves only when a test says so: sleepers wake when ``advance(to:)`` passes their deadline, in
/// deadline order. Rules that depend on time are checked exactly and instantly ("the sixth start waits until the
/// first leaves the window"). Wrap it in a `RunClock` to hand it to the code under test.
public final class ManualClock: Clock, Sendable {
    public typealias Instant = RunClock.Instant
    public typealias Duration = Swift.Duration

    private struct Sleeper {
        var id: Int
        var deadline: Instant
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now = Instant(offset: .zero)
        var sleepers: [Sleeper] = []
        var nextID = 0
    }

    private let state = Mutex(State())

    public init() {}

    public var now: Instant { state.withLock { $0.now } }
    public var minimumResolution: Duration { .zero }

    /// How many tasks are sleeping on this clock.
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    /// The earliest deadline a task sleeps until, if any.
    public var nextDeadline: Instant? { state.withLock { $0.sleepers.map(\.deadline).min() } }

    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        try Task.checkCancellation()
        let id = state.withLock { state -> Int in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resumeNow: Bool = state.withLock { state in
                    if deadline <= state.now { return true }
                    state.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let cancelled = state.withLock { state -> CheckedContinuation<Void, any Error>? in
                guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return state.sleepers.remove(at: index).continuation
            }
            cancelled?.resume(throwing: CancellationError())
        }
    }

    /// Moves the clock to `instant`, waking every sleeper whose deadline it passes (earliest first).
    public func advance(to instant: Instant) {
        let woken = state.withLock { state -> [CheckedContinuation<Void, any Error>] in
            if instant > state.now { state.now = instant }
            let due = state.sleepers.filter { $0.deadline <= state.now }.sorted { $0.deadline < $1.deadline }
            state.sleepers.removeAll { $0.deadline <= state.now }
            return due.map(\.continuation)
        }
        for continuation in woken { continuation.resume() }
    }

    /// Moves the clock on by `duration`.
    public func advance(by duration: Duration) { advance(to: now.advanced(by: duration)) }

    /// Suspends until at least `count` tasks sleep on the clock. It polls every millisecond rather than spinning on
    /// `Task.yield()`: on a 2-core machine a spinning waiter starves the very tasks it waits for. Nothing is measured:
    /// the real time only paces the polling.
    public func waitForSleepers(_ count: Int) async {
        _ = await eventually { sleeperCount >= count }
    }
}

/// A clock on which every wait ends at once and moves time on to its deadline: back-off, retry-after and
/// rate-limit waits of a whole run take no real time, and the time the code under test sees is still exact.
public final class VirtualClock: Clock, Sendable {
    public typealias Instant = RunClock.Instant
    public typealias Duration = Swift.Duration

    private let current = Mutex(Instant(offset: .zero))
    private let waits = Mutex<[Duration]>([])

    public init() {}

    public var now: Instant { current.withLock { $0 } }
    public var minimumResolution: Duration { .zero }

    /// Every wait asked for, in order (from the time it was asked to its deadline).
    public var sleeps: [Duration] { waits.withLock { $0 } }

    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        try Task.checkCancellation()
        current.withLock { now in
            waits.withLock { $0.append(now.duration(to: deadline)) }
            if deadline > now { now = deadline }
        }
        await Task.yield()
        try Task.checkCancellation()
    }

    /// Moves time on without a sleeper (e.g. "a minute passes").
    public func advance(by duration: Duration) { current.withLock { $0 = $0.advanced(by: duration) } }
}

extension RunClock {
    /// A run clock on a manual clock, with a fixed epoch (2026-01-01T00:00:00Z) for reproducible records.
    public static func manual(_ clock: ManualClock) -> RunClock {
        RunClock(clock, epoch: Date(timeIntervalSince1970: 1_767_225_600))
    }

    /// A run clock on a virtual clock, with a fixed epoch (2026-01-01T00:00:00Z).
    public static func virtual(_ clock: VirtualClock) -> RunClock {
        RunClock(clock, epoch: Date(timeIntervalSince1970: 1_767_225_600))
    }
}
