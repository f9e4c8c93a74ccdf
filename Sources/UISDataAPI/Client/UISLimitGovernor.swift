/// Keeps the point allowance the last answers reported and decides whether the next request must wait.
///
/// Every answer's `metadata.limits` replaces what is known (each field separately: a missing field keeps nothing
/// about its window). A request start takes one point off the local copy, so callers running in parallel do not all
/// rush the last point. A window whose reset time has passed is forgotten.
struct UISLimitGovernor: Sendable {
    enum Window: String, Sendable { case minute, day }

    enum Decision: Equatable, Sendable {
        case proceed
        /// Wait this long, then ask again.
        case wait(Duration, Window)
        /// The reset is further away than the client may wait.
        case refuse(Duration, Window)
    }

    var minuteRemaining: Int?
    var minuteResetAt: Duration?
    var dayRemaining: Int?
    var dayResetAt: Duration?

    mutating func observe(_ limits: UISLimits?, at now: Duration) {
        guard let limits else { return }
        if let remaining = limits.minuteRemaining {
            minuteRemaining = remaining
            minuteResetAt = limits.minuteReset.map { now + .seconds($0) }
        }
        if let remaining = limits.dayRemaining {
            dayRemaining = remaining
            dayResetAt = limits.dayReset.map { now + .seconds($0) }
        }
    }

    /// Marks a window as spent (after `limit_exceeded`) until `resetAt`.
    mutating func exhaust(_ window: Window, until resetAt: Duration) {
        switch window {
        case .minute: minuteRemaining = 0; minuteResetAt = resetAt
        case .day: dayRemaining = 0; dayResetAt = resetAt
        }
    }

    /// Whether a request may start now; when it may, one point is taken off the local copy.
    mutating func beforeRequest(now: Duration, reserve: Int, defaultWait: Duration, margin: Duration,
                                maximumWait: Duration) -> Decision {
        if let at = minuteResetAt, now >= at { minuteRemaining = nil; minuteResetAt = nil }
        if let at = dayResetAt, now >= at { dayRemaining = nil; dayResetAt = nil }
        if let remaining = dayRemaining, remaining <= 0 {
            let resetAt = dayResetAt ?? (now + defaultWait)
            dayResetAt = resetAt
            let wait = (resetAt - now) + margin
            return wait > maximumWait ? .refuse(resetAt - now, .day) : .wait(wait, .day)
        }
        if let remaining = minuteRemaining, remaining <= reserve {
            let resetAt = minuteResetAt ?? (now + defaultWait)
            minuteResetAt = resetAt
            let wait = (resetAt - now) + margin
            return wait > maximumWait ? .refuse(resetAt - now, .minute) : .wait(wait, .minute)
        }
        if let remaining = minuteRemaining { minuteRemaining = remaining - 1 }
        if let remaining = dayRemaining { dayRemaining = remaining - 1 }
        return .proceed
    }
}
