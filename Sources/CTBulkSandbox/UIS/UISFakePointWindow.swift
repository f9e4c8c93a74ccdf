import CTBulkCore

/// One point allowance (per minute or per day): a fixed window that starts at the first charged call.
struct UISFakePointWindow: Sendable {
    let limit: Int
    let length: Duration
    var start: RunClock.Instant?
    var used = 0

    init(limit: Int, length: Duration) {
        self.limit = limit; self.length = length
    }

    mutating func refresh(now: RunClock.Instant) {
        if let start, now >= start.advanced(by: length) { self.start = nil; used = 0 }
    }

    var remaining: Int { max(limit - used, 0) }

    /// Whole seconds until the window resets (rounded up, never 0 while it runs).
    func resetSeconds(now: RunClock.Instant) -> Int {
        let left = start.map { now.duration(to: $0.advanced(by: length)) } ?? length
        let millis = max(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000, 1)
        return Int((millis + 999) / 1000)
    }

    mutating func charge(now: RunClock.Instant) {
        if start == nil { start = now }
        used += 1
    }
}
