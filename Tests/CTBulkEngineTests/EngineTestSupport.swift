import CTBulkCore
import CTBulkEngine
import CTBulkSandbox
import CTBulkTestSupport
import CalltouchAPI
import Foundation
import Synchronization
import Testing

/// A fresh temporary folder for a journal (never shared between tests).
typealias ScratchDirectory = TempDir

/// Short waits between attempts so retries do not slow the tests down.
let fastBackoff = Backoff(base: .milliseconds(10), cap: .milliseconds(100), maxAttempts: 6)

/// The account label ApplyCommand uses.
func accountLabel(_ sandbox: RunningSandbox) -> String { "SiteId 1 at \(sandbox.baseURL.absoluteString)" }

/// A sandbox with `numbers` generated numbers (about 60 % used), no rate limit unless asked for, a quiet logger.
func sandboxConfiguration(numbers: Int = 60, seed: UInt64 = 7, rateLimit: Int? = nil, budget: Int = 100_000,
                          faults: FaultSpec = .none, latency: Duration = .zero,
                          hang: Duration = .seconds(30)) -> SandboxConfiguration {
    var configuration = SandboxConfiguration(rateLimit: rateLimit, pointsBudget: budget, latency: latency, faults: faults,
                                             seed: seed, hangDuration: hang)
    configuration.load(numbers: SandboxPreset.generatedNumbers(count: numbers, seed: seed))
    return configuration
}

/// Runs `body` with a client pointed at the sandbox over loopback HTTP.
func withClient<T>(_ sandbox: RunningSandbox, token: String = SandboxConfiguration.defaultAccessToken,
                   readTimeout: Duration = .seconds(120), readBatchSize: Int = 50,
                   gate: any RequestGate = UnlimitedGate(),
                   _ body: (CalltouchClient) async throws -> T) async throws -> T {
    let configuration = try CalltouchConfiguration(
        baseURL: sandbox.baseURL.absoluteString, credentials: CalltouchCredentials(accessToken: token, siteId: "1"),
        readBatchSize: readBatchSize, connectTimeout: .seconds(2), readTimeout: readTimeout)
    return try await withCalltouchClient(configuration: configuration, gate: gate) { client in try await body(client) }
}

/// Job rows for the first `count` numbers of the account (in number order): a free number gets a pool and display
/// options (a create); a used one a new pool, source and campaign (an update), except every fifth used one, which
/// asks for the pool it already has (a no-op).
func jobRows(_ account: [PhoneNumber: NumberSettings?], count: Int, tag: String = "job") -> [JobRow] {
    account.keys.sorted().prefix(count).enumerated().map { index, number in
        let change = NumberSettings(poolName: "Пул \(tag)",
                                    displayOptions: DisplayOptions(source: "src-\(tag)", campaign: "c\(index % 3)"))
        let settings: NumberSettings
        if let live = account[number] ?? nil, index % 5 == 0 {
            settings = NumberSettings(poolName: live.poolName)
        } else {
            settings = change
        }
        return JobRow(row: index + 2, phoneNumber: number, settings: settings)
    }
}

/// What the account should hold once `rows` are applied: a free number takes the row's settings, a used one the
/// row's settings laid over its own; numbers without a row stay as they are.
func expectedAccount(_ account: [PhoneNumber: NumberSettings?], after rows: [JobRow]) -> [PhoneNumber: NumberSettings?] {
    var result = account
    for row in rows {
        guard let entry = account[row.phoneNumber] else { continue }
        if let live = entry {
            result[row.phoneNumber] = .some(live.merging(row.settings))
        } else {
            result[row.phoneNumber] = .some(row.settings)
        }
    }
    return result
}

/// The numbers of `rows` whose settings differ from the account's (the rows a correct run writes).
func changedNumbers(_ account: [PhoneNumber: NumberSettings?], _ rows: [JobRow]) -> Set<PhoneNumber> {
    Set(rows.filter { row in
        guard let entry = account[row.phoneNumber] else { return false }
        guard let live = entry else { return true }
        return !row.settings.changes(from: live).isEmpty
    }.map(\.phoneNumber))
}

/// Plans `rows` against the sandbox through `client`.
func makePlan(_ client: CalltouchClient, _ rows: [JobRow], tag: String = "job") async throws -> Plan {
    try await Planner(service: client, backoff: fastBackoff)
        .plan(rows: rows, inputPath: "/jobs/\(tag).csv", inputSHA256: "sha-\(tag)", csv: nil, rate: 100)
}

/// Every Calltouch request the sandbox received.
func calltouchRequests(_ stats: SandboxStats) -> Int { stats.requests.filter { $0.key != "uis" }.values.reduce(0, +) }

/// Writes the sandbox accepted, over all numbers.
func writeCount(_ stats: SandboxStats) -> Int { stats.writes.values.map(\.total).reduce(0, +) }

/// Rows of a run by number.
func rowsByNumber(_ journal: Journal, _ runID: Int64) throws -> [PhoneNumber: RowRecord] {
    var result: [PhoneNumber: RowRecord] = [:]
    for row in try journal.rows(of: runID) { result[PhoneNumber(canonical: row.phone)!] = row }
    return result
}

/// Keeps what an Applier reported, and can react to each finished row.
final class RecordingObserver: ApplyObserver {
    private let state = Mutex<(finished: [(row: Int, outcome: RowOutcome)], requests: [RequestEvent])>(([], []))
    private let onApplied: @Sendable (Int) -> Void

    /// `onApplied` is called with the number of rows applied so far, each time a row is applied.
    init(onApplied: @escaping @Sendable (Int) -> Void = { _ in }) { self.onApplied = onApplied }

    func rowFinished(row: Int, outcome: RowOutcome) {
        let applied = state.withLock { state in
            state.finished.append((row, outcome))
            return outcome == .applied ? state.finished.filter { $0.outcome == .applied }.count : nil
        }
        if let applied { onApplied(applied) }
    }

    func request(_ event: RequestEvent) { state.withLock { $0.requests.append(event) } }

    var finished: [(row: Int, outcome: RowOutcome)] { state.withLock { $0.finished } }
    var requests: [RequestEvent] { state.withLock { $0.requests } }
}

/// A gate that runs `probe` just before each request is sent (after the Applier's bookkeeping, before HTTP).
struct ProbeGate: RequestGate {
    let probe: @Sendable () -> Void
    func acquire() async throws { probe() }
}

/// After a run that should have finished the job: no stop, every changed row applied and the rest no-op, the account
/// as the job wants it, and every changed number written exactly once.
func expectFinished(_ report: ApplyReport, sandbox: RunningSandbox, initial: [PhoneNumber: NumberSettings?], rows: [JobRow],
                    changed: Int, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(report.stopReason == nil, "\(report.counts)", sourceLocation: sourceLocation)
    #expect(report.counts == ["applied": changed, "no-op": rows.count - changed], sourceLocation: sourceLocation)
    #expect(sandbox.numbers() == expectedAccount(initial, after: rows), sourceLocation: sourceLocation)
    #expect(sandbox.stats().writes.values.allSatisfy { $0.total == 1 }, sourceLocation: sourceLocation)
}
