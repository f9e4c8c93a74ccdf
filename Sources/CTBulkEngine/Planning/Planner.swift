import CTBulkCore
import Foundation

/// Reads live state for a job's rows in batches (through the service's rate limiter, with retries) and classifies
/// every row: create, update, no-op or error.
public struct Planner: Sendable {
    public var service: any NumberService
    public var backoff: Backoff
    public var clock: RunClock
    /// Batches read at once: the rate limiter decides when each starts, so latency does not lower the rate.
    public var concurrency: Int
    /// Called after each batch with (numbers read, numbers in all).
    public var progress: @Sendable (Int, Int) -> Void
    /// Called before each wait to retry a read: the failure, the attempt that failed (from 1), the attempts in all,
    /// and the wait (so nobody waits a minute in silence).
    public var onRetry: @Sendable (NumberServiceError, Int, Int, Duration) -> Void

    public init(service: any NumberService, backoff: Backoff = Backoff(), clock: RunClock = .system, concurrency: Int = 1,
                progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in },
                onRetry: @escaping @Sendable (NumberServiceError, Int, Int, Duration) -> Void = { _, _, _, _ in }) {
        self.service = service
        self.backoff = backoff
        self.clock = clock
        self.concurrency = max(concurrency, 1)
        self.progress = progress
        self.onRetry = onRetry
    }

    /// Live state of every number, in batches of the service's read batch size. Throws the first error that retries
    /// did not cure.
    public func readLive(_ numbers: [PhoneNumber]) async throws(NumberServiceError) -> (live: [PhoneNumber: LiveNumber], requests: Int) {
        var unique: [PhoneNumber] = []
        var seen = Set<PhoneNumber>()
        for number in numbers where seen.insert(number).inserted { unique.append(number) }
        let size = max(service.readBatchSize, 1)
        let batches = stride(from: 0, to: unique.count, by: size).map { Array(unique[$0..<min($0 + size, unique.count)]) }
        let service = self.service, backoff = self.backoff, clock = self.clock, onRetry = self.onRetry
        let result: Result<[PhoneNumber: LiveNumber], NumberServiceError> = await withTaskGroup(
            of: Result<[PhoneNumber: LiveNumber], NumberServiceError>.self
        ) { group in
            var next = 0
            var live: [PhoneNumber: LiveNumber] = [:]
            var done = 0
            func add() {
                guard next < batches.count else { return }
                let batch = batches[next]
                next += 1
                group.addTask {
                    do throws(NumberServiceError) {
                        return .success(try await retrying(backoff: backoff, clock: clock, onRetry: onRetry) { () throws(NumberServiceError) in
                            try await service.liveStates(of: batch)
                        })
                    } catch { return .failure(error) }
                }
            }
            for _ in 0..<concurrency { add() }
            while let answer = await group.next() {
                switch answer {
                case .success(let states):
                    live.merge(states) { _, new in new }
                    done += states.count
                    progress(min(done, unique.count), unique.count)
                    add()
                case .failure(let error):
                    group.cancelAll()
                    return .failure(error)
                }
            }
            return .success(live)
        }
        return (try result.get(), batches.count)
    }

    /// The plan for `rows` (validated, duplicates removed).
    public func plan(rows: [JobRow], inputPath: String, inputSHA256: String, csv: CSVLayout?, rate: Int,
                     verify: Bool = true) async throws(NumberServiceError) -> Plan {
        let (live, requests) = try await readLive(rows.map(\.phoneNumber))
        let planned = rows.map { row in
            PlannedRow(row: row.row, phoneNumber: row.phoneNumber, desired: row.settings, live: live[row.phoneNumber] ?? .unknown)
        }
        return Plan(createdAt: clock.date, inputPath: inputPath, inputSHA256: inputSHA256, csv: csv,
                    baseURL: service.account.baseURL, siteID: service.account.siteID, readBatchSize: service.readBatchSize,
                    rate: rate, rows: planned, readRequests: requests, verify: verify)
    }
}

/// Runs `operation` until it succeeds, retrying retryable failures (rate-limited, server, transport) after a
/// ``Backoff`` delay on `clock` (at least the server's `Retry-After`). Other failures are thrown at once; a
/// cancellation during a wait throws a `cancelled` failure.
public func retrying<T: Sendable>(backoff: Backoff, clock: RunClock,
                                  onRetry: @Sendable (NumberServiceError, Int, Int, Duration) -> Void = { _, _, _, _ in },
                                  _ operation: @Sendable () async throws(NumberServiceError) -> T) async throws(NumberServiceError) -> T {
    var attempt = 1
    let limit = max(backoff.maxAttempts, 1)
    while true {
        do {
            return try await operation()
        } catch {
            var failure = error
            failure.attempts = attempt
            guard failure.isRetryable, attempt < limit else { throw failure }
            let wait = backoff.delay(after: attempt, retryAfter: failure.retryAfter)
            onRetry(failure, attempt, limit, wait)
            do { try await clock.sleep(for: wait) } catch {
                throw NumberServiceError(.cancelled, requestSent: false, description: "cancelled while waiting to retry")
            }
            attempt += 1
        }
    }
}
