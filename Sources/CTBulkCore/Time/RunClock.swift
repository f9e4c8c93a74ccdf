import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The one clock a run reads and waits on: the rate limiter, back-off, the breaker, journal timestamps, the
/// sandbox's rate window and points, the UIS client's sessions and limits.
///
/// It is a `Clock` whose instants are offsets from the moment it was made, built from any `Clock` with `Duration`
/// as its duration: ``system`` wraps `ContinuousClock` for real runs; tests wrap a manual or virtual clock
/// (`CTBulkTestSupport`) so a rule such as "the sixth start waits until the first leaves the window" is checked
/// exactly, without sleeping. ``date`` is the wall-clock time for records (the epoch plus the offset), so a test
/// clock gives reproducible timestamps too.
public struct RunClock: Clock, Sendable {
    /// A moment of the run: the time since the clock was made.
    public struct Instant: InstantProtocol, Sendable, Hashable, Comparable, CustomStringConvertible {
        /// Time since the clock's origin.
        public var offset: Duration

        public init(offset: Duration) { self.offset = offset }

        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
        public var description: String { "t+\(offset)" }
    }

    private let readNow: @Sendable () -> Duration
    private let sleeper: @Sendable (Duration, Duration?) async throws -> Void
    /// The wall-clock date at the origin.
    public let epoch: Date
    public let minimumResolution: Duration

    /// A clock on top of `clock`: its instants are offsets from `clock.now` at this moment; `epoch` is the wall-clock
    /// date of that moment.
    public init<C: Clock>(_ clock: C, epoch: Date = Date()) where C.Duration == Duration {
        let origin = clock.now
        self.epoch = epoch
        self.minimumResolution = clock.minimumResolution
        readNow = { origin.duration(to: clock.now) }
        sleeper = { deadline, tolerance in
            try await clock.sleep(until: origin.advanced(by: deadline), tolerance: tolerance)
        }
    }

    /// The real clock: instants count from the machine's boot (`CLOCK_BOOTTIME`), so they mean the same in every
    /// process (the machine-wide rate limit compares them); waits are on `ContinuousClock`; the epoch is the wall-clock
    /// date of the boot.
    public static var system: RunClock {
        let now = bootTime()
        return RunClock(epoch: Date().addingTimeInterval(-now.seconds), minimumResolution: .nanoseconds(1), readNow: bootTime) { deadline, tolerance in
            let delta = deadline - bootTime()
            if delta > .zero { try await ContinuousClock().sleep(for: delta, tolerance: tolerance) }
        }
    }

    private init(epoch: Date, minimumResolution: Duration, readNow: @escaping @Sendable () -> Duration,
                 sleeper: @escaping @Sendable (Duration, Duration?) async throws -> Void) {
        self.epoch = epoch
        self.minimumResolution = minimumResolution
        self.readNow = readNow
        self.sleeper = sleeper
    }

    /// Time since the machine booted.
    static func bootTime() -> Duration {
        var spec = timespec()
        clock_gettime(CLOCK_BOOTTIME, &spec)
        return .seconds(Int64(spec.tv_sec)) + .nanoseconds(Int64(spec.tv_nsec))
    }

    public var now: Instant { Instant(offset: readNow()) }

    /// Waits until `deadline` (at once when it has passed). Throws `CancellationError` when the task is cancelled.
    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        try Task.checkCancellation()
        guard deadline > now else { return }
        try await sleeper(deadline.offset, tolerance)
    }

    /// Waits for `duration` from now.
    public func sleep(for duration: Duration) async throws {
        try await sleep(until: now.advanced(by: duration), tolerance: nil)
    }

    /// The wall-clock time now: the epoch plus the time since the origin.
    public var date: Date { epoch.addingTimeInterval(readNow().seconds) }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
