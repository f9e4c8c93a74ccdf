import CTBulkCore

/// The per-client rate limit: a sliding log of the instants of accepted requests per client address. A request
/// is accepted when fewer than `limit` accepted requests of that client fall within the last `window`; a rejected
/// request is not logged, so it does not count.
struct SlidingWindowLimiter: Sendable {
    private var logs: [String: [RunClock.Instant]] = [:]
    private var admissions = 0

    /// Admits (and logs) or refuses one request of `client` at `now`.
    mutating func admit(_ client: String, at now: RunClock.Instant, limit: Int, window: Duration) -> Bool {
        var log = logs[client] ?? []
        let cutoff = now.advanced(by: .zero - window)
        if let firstInside = log.firstIndex(where: { $0 > cutoff }) {
            log.removeFirst(firstInside)
        } else {
            log.removeAll(keepingCapacity: true)
        }
        guard log.count < limit else {
            logs[client] = log
            return false
        }
        log.append(now)
        logs[client] = log
        admissions += 1
        if admissions % 1024 == 0 { purge(before: cutoff) }
        return true
    }

    /// Forgets clients whose whole log is older than the window.
    private mutating func purge(before cutoff: RunClock.Instant) {
        logs = logs.filter { $0.value.last.map { $0 > cutoff } ?? false }
    }
}
