import CTBulkCore
import CTBulkTestSupport
import Synchronization
import Testing
@testable import CalltouchAPI

@Suite("withRetries")
struct WithRetriesTests {
    let fast = Backoff(base: .milliseconds(1), cap: .milliseconds(2), maxAttempts: 4)

    func error(_ category: CalltouchError.Category, retryAfter: Duration? = nil) -> CalltouchError {
        CalltouchError(category, endpoint: .update, phoneNumber: phone("79001112233"), retryAfter: retryAfter,
                       detail: "scripted")
    }

    @Test("retryable failures are retried until success; attempts and retries are reported",
          arguments: [CalltouchError.Category.server, .transport, .rateLimited])
    func convergence(category: CalltouchError.Category) async throws {
        var retries: [Int] = []
        var seenAttempts: [Int] = []
        let value = try await withRetries(backoff: fast, onRetry: { attempt, failure, _ in
            retries.append(attempt)
            #expect(failure.category == category)
        }) { attempt throws(CalltouchError) in
            seenAttempts.append(attempt)
            if attempt < 3 { throw error(category) }
            return "ok"
        }
        #expect(value == "ok")
        #expect(seenAttempts == [1, 2, 3])
        #expect(retries == [1, 2])
    }

    @Test("gives up after maxAttempts with the last error and the attempt count")
    func givesUp() async {
        let calls = Mutex(0)
        let thrown = await #expect(throws: CalltouchError.self) {
            try await withRetries(backoff: fast, maxAttempts: 3) { _ throws(CalltouchError) -> Int in
                calls.withLock { $0 += 1 }
                throw error(.server)
            }
        }
        #expect(calls.withLock { $0 } == 3)
        #expect(thrown?.category == .server)
        #expect(thrown?.attempts == 3)
        #expect(thrown?.description.contains("3 attempts") == true)
    }

    @Test("maxAttempts defaults to the backoff's")
    func defaultAttempts() async {
        let calls = Mutex(0)
        await #expect(throws: CalltouchError.self) {
            try await withRetries(backoff: fast) { _ throws(CalltouchError) in
                calls.withLock { $0 += 1 }
                throw error(.transport)
            }
        }
        #expect(calls.withLock { $0 } == fast.maxAttempts)
    }

    @Test("stops at once on failures that must not be retried",
          arguments: [CalltouchError.Category.authentication, .budgetExhausted, .invalidData, .cancelled])
    func noRetry(category: CalltouchError.Category) async {
        let calls = Mutex(0)
        var retried = false
        let thrown = await #expect(throws: CalltouchError.self) {
            try await withRetries(backoff: fast, maxAttempts: 5, onRetry: { _, _, _ in retried = true }) {
                _ throws(CalltouchError) in
                calls.withLock { $0 += 1 }
                throw error(category)
            }
        }
        #expect(calls.withLock { $0 } == 1)
        #expect(!retried)
        #expect(thrown?.category == category)
        #expect(thrown?.attempts == 1)
    }

    @Test("the wait honours Retry-After when it is longer than the back-off")
    func honoursRetryAfter() async throws {
        var delays: [Duration] = []
        _ = try await withRetries(backoff: fast, onRetry: { _, _, delay in delays.append(delay) }) {
            attempt throws(CalltouchError) in
            if attempt == 1 { throw error(.rateLimited, retryAfter: .milliseconds(40)) }
            return attempt
        }
        #expect(delays.count == 1)
        #expect(delays[0] >= .milliseconds(40))
    }

    @Test("cancellation during the wait ends the loop with a cancelled error")
    func cancellation() async {
        let calls = Mutex(0)
        let task = Task { () throws(CalltouchError) -> Int in
            try await withRetries(backoff: fast, maxAttempts: 10, onRetry: { _, _, _ in
                withUnsafeCurrentTask { $0?.cancel() }  // cancel ourselves just before the long wait
            }) { _ throws(CalltouchError) -> Int in
                calls.withLock { $0 += 1 }
                throw error(.rateLimited, retryAfter: .seconds(3600))
            }
        }
        let result = await task.result
        guard case .failure(let anyFailure) = result, let failure = anyFailure as? CalltouchError else {
            Issue.record("expected a CalltouchError, got \(result)")
            return
        }
        #expect(failure.category == .cancelled)
        #expect(failure.attempts == 1)
        #expect(calls.withLock { $0 } == 1)
    }

    @Test("an already cancelled task makes no further attempt after a retryable failure")
    func cancelledBeforeRetry() async {
        let calls = Mutex(0)
        let task = Task { () throws(CalltouchError) -> Int in
            withUnsafeCurrentTask { $0?.cancel() }
            return try await withRetries(backoff: fast, maxAttempts: 10) { _ throws(CalltouchError) -> Int in
                calls.withLock { $0 += 1 }
                throw error(.server)
            }
        }
        let result = await task.result
        guard case .failure(let anyFailure) = result, let failure = anyFailure as? CalltouchError else {
            Issue.record("expected a CalltouchError, got \(result)")
            return
        }
        #expect(failure.category == .cancelled)
        #expect(calls.withLock { $0 } == 1)
    }
}
