import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// One rate limit per API host for every ctbulk process on the machine: the API allows 5 requests per second per IP
/// address, so two runs from one office must share it, not each spend it.
///
/// The state lives in a small file per host in the machine-wide state folder, read and written under an exclusive
/// `flock` (no daemon; a killed process leaves nothing held). It keeps the slots handed out (pacing: one start every
/// `(window + margin) / limit` across all processes), the times requests really started (the window: never more than
/// `limit` starts in any `window + margin`, re-checked when a waiter wakes, so a late wake-up cannot bunch), the
/// processes taking part (each gets a fair share: its own starts are spaced by the share's interval), and the safety
/// margin, which widens on a 429 from any of them. A participant that is gone (its process ended, or it sent nothing
/// for a while) leaves the share at once, so the others go back to the full rate within seconds.
///
/// Time comes from a ``RunClock`` whose instants are comparable across processes: ``RunClock/system`` counts from
/// the machine's boot. Tests run several limiters (as if several processes) on one manual clock.
public final class HostRateLimiter: RequestGate, Sendable {
    public let limit: Int
    public let window: Duration
    public let path: String
    private let clock: RunClock
    private let participant: Int64
    private let baseMargin: Duration
    private let sharedMargin: Duration?
    private let maxMargin: Duration
    /// A participant with no start for this long leaves the share.
    private let idleAfter: Duration
    private let local = Mutex(Local())

    private struct Local {
        var granted = 0
        var sharedWith = 0
    }

    /// The file's content.
    struct State: Equatable {
        var margin: Duration
        var lastRejection: Duration?
        /// Slots handed out, oldest first (at most `keep`).
        var slots: [Duration] = []
        /// Real start times, oldest first (at most `keep`).
        var starts: [Duration] = []
        /// Participant id → when it was last seen (a slot taken or a start).
        var participants: [Int64: Duration] = [:]
        /// Participant id → its latest slot (its share's pacing).
        var lastSlots: [Int64: Duration] = [:]
    }

    /// How many slots and starts the file keeps (enough for any limit a process may use).
    static let keep = 256

    /// The safety margin added to every window unless the operator chooses another (`--rate-margin-ms`): it absorbs
    /// the difference in delay between two requests a window apart on their way to the server. 8 ms caps the rate at
    /// 99.2 % of the limit (15 ms: 98.5 %); a 429 widens it by 10 ms, and it creeps back 1 ms a start once the API has
    /// been quiet for a minute (docs/benchmarks.md).
    public static let defaultMargin: Duration = .milliseconds(8)
    /// The least margin while other processes share the host, unless the operator chose one: several processes on one
    /// machine contend for its cores, so a request's way from its grant to the server varies more (two or three
    /// applies on a 2-core machine met a 429 in 4 of 9 runs at 8 ms, in 1 of 7 at 15 ms; docs/benchmarks.md).
    public static let defaultSharedMargin: Duration = .milliseconds(15)
    /// The widest margin accepted from the operator (also the most a run of 429s widens it to).
    public static let widestMargin: Duration = .milliseconds(250)

    /// - Parameters:
    ///   - directory: the machine-wide folder of rate-limit state (``path`` is a file in it named after the host).
    ///   - host: the API host as resolved (`AccountIdentity.canonicalHost`): processes talking to the same host share.
    ///   - participant: this process (its pid by default; tests give several ids to simulate several processes).
    ///   - sharedMargin: the least margin while other processes take part (nil: `margin`, alone or shared).
    public init(directory: String, host: String, limit: Int, window: Duration = .seconds(1), margin: Duration = defaultMargin,
                sharedMargin: Duration? = nil, clock: RunClock = .system, participant: Int64 = Int64(getpid()),
                idleAfter: Duration = .seconds(3)) {
        precondition(limit > 0, "limit must be positive")
        self.sharedMargin = sharedMargin.map { max($0, margin) }
        self.limit = limit
        self.window = window
        self.clock = clock
        self.participant = participant
        self.baseMargin = margin
        self.maxMargin = max(margin, Self.widestMargin)
        self.idleAfter = idleAfter
        let name = host.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? String($0) : "_" }.joined()
        self.path = directory + "/" + name + ".rate"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
    }

    /// Requests this process was let through.
    public var granted: Int { local.withLock { $0.granted } }

    /// Other processes sharing the limit at this process's last start (0: it has the whole rate).
    public var sharedWith: Int { local.withLock { $0.sharedWith } }

    /// The margin now (for tests and the progress line).
    public var margin: Duration { (try? withState { $0.margin }) ?? baseMargin }

    public func acquire() async throws {
        try Task.checkCancellation()
        var slot = try reserve()
        while true {
            if clock.now.offset < slot { try await clock.sleep(until: RunClock.Instant(offset: slot), tolerance: .milliseconds(1)) }
            guard let later = try confirm() else { break }
            slot = later
        }
        local.withLock { $0.granted += 1 }
    }

    /// Each 429 widens the margin by 10 ms (up to 250 ms), for every process; after a quiet minute it creeps back.
    /// Processes started with different margins (`--rate-margin-ms`) keep to the widest of those taking part.
    public func serverRejectedForRate() {
        _ = try? withState { state in
            state.margin = min(state.margin + .milliseconds(10), maxMargin)
            state.lastRejection = clock.now.offset
        }
    }

    // MARK: The shared state

    private func spacing(_ margin: Duration) -> Duration { (window + margin) / limit }

    /// This process's least margin now: its own, or ``sharedMargin`` while other processes take part.
    private func floor(_ state: State) -> Duration {
        guard let sharedMargin, state.participants.count > 1 else { return baseMargin }
        return sharedMargin
    }

    /// Takes a slot: at least `(window + margin) / limit` away from every other slot handed out (by any process: so
    /// no `limit + 1` of them fall in one window), and at least the share's interval after this process's previous
    /// one. A slot may fill a gap between slots another process reserved ahead, so shares interleave at the full rate.
    private func reserve() throws -> Duration {
        let (slot, others) = try withState { state -> (Duration, Int) in
            let now = clock.now.offset
            state.participants = state.participants.filter { id, seen in
                id == participant || (now - seen < idleAfter && Self.isAlive(id))
            }
            state.lastSlots = state.lastSlots.filter { state.participants[$0.key] != nil }
            state.participants[participant] = now
            // The most careful participant's margin holds while it takes part (see `confirm` for the way back).
            state.margin = max(state.margin, floor(state))
            let lastOwn = state.lastSlots[participant]
            let share = state.participants.count
            let gap = spacing(state.margin)
            state.slots.removeAll { $0 < now - window - state.margin }
            var slot = now
            if let lastOwn { slot = max(slot, lastOwn + gap * share) }
            for taken in state.slots {  // ascending
                if taken + gap <= slot { continue }
                if taken >= slot + gap { break }
                slot = taken + gap
            }
            let index = state.slots.firstIndex { $0 > slot } ?? state.slots.endIndex
            state.slots.insert(slot, at: index)
            if state.slots.count > Self.keep { state.slots.removeFirst(state.slots.count - Self.keep) }
            state.lastSlots[participant] = max(slot, lastOwn ?? slot)
            return (slot, share - 1)
        }
        local.withLock { $0.sharedWith = others }
        return slot
    }

    /// Records a real start, or says when to try again (the window is full: an earlier waiter started late).
    private func confirm() throws -> Duration? {
        try withState { state -> Duration? in
            let now = clock.now.offset
            if state.starts.count >= limit {
                let earliest = state.starts[state.starts.count - limit] + window + state.margin
                if earliest > now { return earliest }
            }
            // Wider than this process's own margin: widened by a 429 over a quiet minute ago, left by an earlier run, or
            // set by a more careful process (or a shared host) that has stopped taking part. It creeps back 1 ms a start.
            let floor = floor(state)
            if state.margin > floor, state.lastRejection.map({ now - $0 > .seconds(60) }) ?? true {
                state.margin = max(floor, state.margin - .milliseconds(1))
            }
            state.starts.append(now)
            if state.starts.count > Self.keep { state.starts.removeFirst(state.starts.count - Self.keep) }
            state.participants[participant] = now
            return nil
        }
    }

    /// Runs `body` on the file's state under an exclusive lock and writes it back.
    private func withState<T>(_ body: (inout State) throws -> T) throws -> T {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw HostRateLimiterError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw HostRateLimiterError(path: path, reason: String(cString: strerror(errno))) }
        }
        defer { _ = flock(fd, LOCK_UN) }
        var state = Self.decode(Self.readAll(fd)) ?? State(margin: baseMargin)
        // A file from before a reboot holds instants from another boot: start afresh.
        let now = clock.now.offset
        if let newest = state.starts.last ?? state.slots.last, newest > now + .seconds(3600) { state = State(margin: baseMargin) }
        let before = state
        let result = try body(&state)
        if state != before {
            let bytes = Array(Self.encode(state).utf8)
            _ = ftruncate(fd, 0)
            _ = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        }
        return result
    }

    static func isAlive(_ id: Int64) -> Bool {
        guard id > 0, id <= Int64(Int32.max) else { return true }
        return kill(pid_t(id), 0) == 0 || errno == EPERM
    }

    private static func readAll(_ fd: Int32) -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 8192)
        var offset: off_t = 0
        while true {
            let n = pread(fd, &buffer, buffer.count, offset)
            guard n > 0 else { break }
            bytes += buffer.prefix(n)
            offset += off_t(n)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // The file: one fact a line, instants in nanoseconds on the clock.
    static func encode(_ state: State) -> String {
        var lines = ["ctbulk-rate 1", "margin \(nanoseconds(state.margin))"]
        if let rejected = state.lastRejection { lines.append("rejected \(nanoseconds(rejected))") }
        for (id, seen) in state.participants.sorted(by: { $0.key < $1.key }) {
            lines.append("p \(id) \(nanoseconds(seen))" + (state.lastSlots[id].map { " \(nanoseconds($0))" } ?? ""))
        }
        lines.append("slots " + state.slots.map { String(nanoseconds($0)) }.joined(separator: " "))
        lines.append("starts " + state.starts.map { String(nanoseconds($0)) }.joined(separator: " "))
        return lines.joined(separator: "\n") + "\n"
    }

    static func decode(_ text: String) -> State? {
        var lines = text.split(separator: "\n").makeIterator()
        guard lines.next() == "ctbulk-rate 1" else { return nil }
        var state = State(margin: .zero)
        while let line = lines.next() {
            let parts = line.split(separator: " ")
            guard let key = parts.first else { continue }
            let numbers = parts.dropFirst().compactMap { Int64($0) }
            switch key {
            case "margin": state.margin = .nanoseconds(numbers.first ?? 0)
            case "rejected": state.lastRejection = numbers.first.map { .nanoseconds($0) }
            case "p" where numbers.count >= 2:
                state.participants[numbers[0]] = .nanoseconds(numbers[1])
                if numbers.count >= 3 { state.lastSlots[numbers[0]] = .nanoseconds(numbers[2]) }
            case "slots": state.slots = numbers.map { .nanoseconds($0) }
            case "starts": state.starts = numbers.map { .nanoseconds($0) }
            default: continue
            }
        }
        return state
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    }
}

/// The shared rate-limit file could not be used.
public struct HostRateLimiterError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "the shared rate-limit state \(path) cannot be used: \(reason)" }
}
