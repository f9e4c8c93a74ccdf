/// Capped exponential back-off with full jitter (`sleep = random(0, min(cap, base · 2^attempt))`), honouring a
/// server's `Retry-After` when it asks for longer.
public struct Backoff: Sendable, Equatable {
    public var base: Duration
    public var cap: Duration
    /// How many attempts a request gets in all (the first one included).
    public var maxAttempts: Int

    public init(base: Duration = .milliseconds(250), cap: Duration = .seconds(30), maxAttempts: Int = 6) {
        self.base = base; self.cap = cap; self.maxAttempts = maxAttempts
    }

    /// The wait before attempt `attempt + 1`, after attempt `attempt` (1-based) failed.
    public func delay(after attempt: Int, retryAfter: Duration? = nil,
                      using generator: inout some RandomNumberGenerator) -> Duration {
        let exponent = min(max(attempt - 1, 0), 30)
        let ceiling = min(cap, base * (1 << exponent))
        let millis = max(Int64(ceiling.components.seconds * 1000 + ceiling.components.attoseconds / 1_000_000_000_000_000), 0)
        let jittered = Duration.milliseconds(Int64.random(in: 0...millis, using: &generator))
        if let retryAfter, retryAfter > jittered { return retryAfter }
        return jittered
    }

    public func delay(after attempt: Int, retryAfter: Duration? = nil) -> Duration {
        var generator = SystemRandomNumberGenerator()
        return delay(after: attempt, retryAfter: retryAfter, using: &generator)
    }
}
