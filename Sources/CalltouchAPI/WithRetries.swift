import CTBulkCore

/// Runs `operation` until it succeeds, retrying only retryable failures (``CalltouchError/isRetryable``: rate
/// limited, server, transport) after a ``Backoff`` delay (full jitter, at least the error's `retryAfter`).
///
/// Authentication, budget and invalid-data failures are thrown at once. When the attempts run out, the last error is
/// thrown with ``CalltouchError/attempts`` set to the number of attempts made. Cancellation (before an attempt or
/// during a wait) throws a ``CalltouchError/Category-swift.enum/cancelled`` error at once.
///
/// - Parameters:
///   - backoff: delays between attempts.
///   - maxAttempts: attempts in all, the first included (at least 1); `backoff.maxAttempts` when nil.
///   - clock: the clock the waits are on (a test passes a virtual one).
///   - onRetry: called before each wait with the failed attempt's number (from 1), its error and the wait.
///   - operation: one attempt; receives the attempt number (from 1).
public func withRetries<T>(
    backoff: Backoff,
    maxAttempts: Int? = nil,
    clock: RunClock = .system,
    isolation: isolated (any Actor)? = #isolation,
    onRetry: (_ attempt: Int, _ error: CalltouchError, _ delay: Duration) -> Void = { _, _, _ in },
    _ operation: (_ attempt: Int) async throws(CalltouchError) -> T
) async throws(CalltouchError) -> T {
    let limit = max(maxAttempts ?? backoff.maxAttempts, 1)
    var attempt = 1
    while true {
        do {
            return try await operation(attempt)
        } catch {
            var failure = error
            failure.attempts = attempt
            guard failure.isRetryable, attempt < limit else { throw failure }
            if Task.isCancelled { throw cancelled(after: failure) }
            let delay = backoff.delay(after: attempt, retryAfter: failure.retryAfter)
            onRetry(attempt, failure, delay)
            do {
                try await clock.sleep(for: delay)
            } catch {
                throw cancelled(after: failure)
            }
            attempt += 1
        }
    }
}

/// The cancellation error thrown instead of `last` when the task is cancelled between attempts.
private func cancelled(after last: CalltouchError) -> CalltouchError {
    CalltouchError(.cancelled, endpoint: last.endpoint, phoneNumber: last.phoneNumber,
                   detail: "cancelled while waiting to retry after: \(last.category) (\(last.detail))",
                   attempts: last.attempts)
}
