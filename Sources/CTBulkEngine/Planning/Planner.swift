import CTBulkCore
import CalltouchAPI

/// Reads live state for a job's rows in batches (through the run's rate limiter, with retries) and classifies every
/// row: create, update, no-op or error.
public struct Planner: Sendable {
    public var client: CalltouchClient
    public var backoff: Backoff
    /// Called after each batch with (numbers read, numbers in all).
    public var progress: @Sendable (Int, Int) -> Void

    public init(client: CalltouchClient, backoff: Backoff = Backoff(), progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) {
        self.client = client
        self.backoff = backoff
        self.progress = progress
    }

    /// Live state of every number, in batches of the client's read batch size. Throws the first error that retries
    /// did not cure.
    public func readLive(_ numbers: [PhoneNumber]) async throws(CalltouchError) -> (live: [PhoneNumber: LiveNumber], requests: Int) {
        var unique: [PhoneNumber] = []
        var seen = Set<PhoneNumber>()
        for number in numbers where seen.insert(number).inserted { unique.append(number) }
        let size = max(client.configuration.readBatchSize, 1)
        var live: [PhoneNumber: LiveNumber] = [:]
        var requests = 0
        for start in stride(from: 0, to: unique.count, by: size) {
            let batch = Array(unique[start..<min(start + size, unique.count)])
            let answer = try await withRetries(backoff: backoff) { _ throws(CalltouchError) in
                try await client.readSettings(of: batch)
            }
            requests += 1
            live.merge(answer) { _, new in new }
            progress(min(start + size, unique.count), unique.count)
        }
        return (live, requests)
    }

    /// The plan for `rows` (validated, duplicates removed).
    public func plan(rows: [JobRow], inputPath: String, inputSHA256: String, csv: CSVLayout?, rate: Int) async throws(CalltouchError) -> Plan {
        let (live, requests) = try await readLive(rows.map(\.phoneNumber))
        let planned = rows.map { row in
            PlannedRow(row: row.row, phoneNumber: row.phoneNumber, desired: row.settings, live: live[row.phoneNumber] ?? .unknown)
        }
        return Plan(inputPath: inputPath, inputSHA256: inputSHA256, csv: csv, baseURL: client.configuration.baseURL,
                    siteID: client.configuration.siteId, readBatchSize: client.configuration.readBatchSize, rate: rate,
                    rows: planned, readRequests: requests)
    }
}
