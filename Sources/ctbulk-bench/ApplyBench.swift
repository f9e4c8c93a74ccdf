import CTBulkCore
import CTBulkEngine
import CTBulkSandbox
import CalltouchAPI
import Foundation
import Synchronization

/// One apply-rate scenario.
struct ApplyScenario: Sendable {
    var rate: Int
    var latencyMilliseconds: Int
    var writes: Int
    /// Nil: ``ApplySettings/defaultConcurrency(rate:)``, as `ctbulk apply` uses.
    var concurrency: Int?
    /// Nil: the limiter's default margin.
    var marginMilliseconds: Int?
    /// Nil: ``CalltouchConfiguration/defaultReadBatchSize``.
    var readBatchSize: Int?
    /// Writes every grant and answer (seconds from the first grant of apply) as CSV, for looking at the timeline.
    var timelinePath: String?
    /// Let the limiter start up to `limit` requests at once (`spacing: .zero`), as it did before it spaced them.
    var burst = false
    /// The share of the limit the request rate (writes and the re-reads before them) must reach.
    var target: Double
    /// Whether a single 429 fails the scenario (the brief asks it of the 5/s scenarios, the API's real rate).
    var zeroRejectionsRequired: Bool
}

struct ApplyFigures: Codable, Sendable {
    var rateLimit: Int
    var latencyMs: Int
    var concurrency: Int
    var limiterMarginMs: Double
    /// The margin at the end: the limiter widens it by 10 ms for every 429 the client sees.
    var limiterMarginEndMs: Double
    /// "even" (the limiter's default spacing) or "burst" (`spacing: .zero`).
    var limiterSpacing: String
    var readBatchSize: Int
    var rowsPlanned: Int
    var planReadRequests: Int
    var planSeconds: Double
    var applySeconds: Double
    /// Write requests answered 2xx, and all write requests sent (retries included).
    var writesOK: Int
    var writeRequests: Int
    var applyReadRequests: Int
    /// Requests let through the client's limiter during apply (reads + writes + retries).
    var applyRequestsGranted: Int
    /// From the first to the last write answer.
    var writeSpanSeconds: Double
    /// (writes - 1) / span: writes per second from the first to the last write (n writes span n - 1 intervals).
    var writeRateSpan: Double
    /// writes / span, the formula taken literally: 1/n higher than ``writeRateSpan``.
    var writeRateSpanLiteral: Double
    /// 1 / least-squares slope of write answer time against write ordinal: the sustained rate, insensitive to the
    /// limiter's bursts at both ends of the run.
    var writeRateSustained: Double
    /// The same two measures over every request the limiter let through during apply (reads included).
    var requestRateSpan: Double
    var requestRateSustained: Double
    /// From apply's first request (its first read of live state) to its first write's answer.
    var firstWriteAfterSeconds: Double
    var writePercentOfLimitSpan: Double
    var writePercentOfLimitSustained: Double
    var requestPercentOfLimitSustained: Double
    /// How late a task asking to wake every 2 ms woke during apply (p99 and worst), in milliseconds.
    var schedulerLatenessP99Ms: Double
    var schedulerLatenessMaxMs: Double
    /// 429s the sandbox answered (its sliding-window limiter), over the whole scenario.
    var sandboxRejectedRateLimit: Int
    /// Outcomes of the run's rows.
    var counts: [String: Int]
    /// Every number has the desired settings afterwards.
    var verified: Bool
    var target: Double
    var zeroRejectionsRequired: Bool
    var meetsTarget: Bool
}

/// Wraps the run's limiter and notes the instant each request is let through (its start on the wire).
final class RecordingGate: RequestGate {
    let inner: any RequestGate
    private let grants = Mutex<[ContinuousClock.Instant]>([])

    init(_ inner: any RequestGate) { self.inner = inner }

    func acquire() async throws {
        try await inner.acquire()
        let now = ContinuousClock.now
        grants.withLock { $0.append(now) }
    }

    func serverRejectedForRate() { inner.serverRejectedForRate() }

    var instants: [ContinuousClock.Instant] { grants.withLock { $0 } }
}

/// Measures how late the cooperative thread pool runs a task that asks to wake up every 2 ms: a stall here (a
/// thread blocked in a synchronous call, a busy pool) delays the requests the limiter let through, and the server
/// then sees them bunched.
final class StallProbe: Sendable {
    private let lateness = Mutex<[Double]>([])

    func run() async {
        let clock = ContinuousClock()
        while !Task.isCancelled {
            let target = clock.now.advanced(by: .milliseconds(2))
            do { try await clock.sleep(until: target, tolerance: .microseconds(100)) } catch { return }
            let late = target.duration(to: clock.now).seconds * 1000
            lateness.withLock { $0.append(late) }
        }
    }

    /// (p99, max) lateness in milliseconds.
    var summary: (p99: Double, max: Double) {
        let sorted = lateness.withLock { $0 }.sorted()
        guard !sorted.isEmpty else { return (0, 0) }
        return (sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))], sorted[sorted.count - 1])
    }
}

/// Notes when every request of the run was answered.
final class RecordingObserver: ApplyObserver {
    struct Entry: Sendable {
        var at: ContinuousClock.Instant
        var event: RequestEvent
    }

    private let entries = Mutex<[Entry]>([])

    func rowFinished(row: Int, outcome: RowOutcome) {}

    func request(_ event: RequestEvent) {
        let now = ContinuousClock.now
        entries.withLock { $0.append(Entry(at: now, event: event)) }
    }

    var all: [Entry] { entries.withLock { $0 } }
}

enum ApplyBench {
    static let oldCampaign = "old"

    /// A sandbox of `writes` used numbers (campaign "old"), and a job that moves each to a new campaign: the real
    /// path of `ctbulk apply` (Planner.plan, Journal.startRun, Applier.run) against it.
    static func run(_ scenario: ApplyScenario, folder: WorkFolder) async throws -> ApplyFigures {
        var numbers: [PhoneNumber: NumberSettings?] = [:]
        var rows: [JobRow] = []
        numbers.reserveCapacity(scenario.writes)
        rows.reserveCapacity(scenario.writes)
        for index in 0..<scenario.writes {
            let phone = PhoneNumber(canonical: String(79_990_000_000 + UInt64(index)))!
            let redirect = PhoneNumber(canonical: String(74_950_000_001 + UInt64(index % 20)))!
            numbers[phone] = NumberSettings(
                poolName: "Весна",
                displayOptions: DisplayOptions(source: "yandex", medium: "cpc", campaign: oldCampaign),
                redirectOptions: RedirectOptions(redirectNumber: redirect))
            rows.append(JobRow(row: index + 2, phoneNumber: phone,
                               settings: NumberSettings(displayOptions: DisplayOptions(source: "yandex",
                                                                                      campaign: "Лето-\(index % 7)"))))
        }
        var configuration = SandboxConfiguration(rateLimit: scenario.rate,
                                                 pointsBudget: max(100_000, scenario.writes * 4),
                                                 latency: .milliseconds(scenario.latencyMilliseconds))
        configuration.initialNumbers = numbers

        let margin: Duration = scenario.marginMilliseconds.map { .milliseconds($0) } ?? defaultMargin
        let limiter = SlidingWindowRateLimiter(limit: scenario.rate, margin: margin,
                                               spacing: scenario.burst ? .zero : nil)
        let gate = RecordingGate(limiter)
        let observer = RecordingObserver()
        let concurrency = scenario.concurrency ?? ApplySettings.defaultConcurrency(rate: scenario.rate)
        let journalPath = folder.file("journal-\(scenario.rate)-\(scenario.latencyMilliseconds)-\(scenario.writes).sqlite")

        return try await Sandbox.withSandbox(configuration) { sandbox in
            let credentials = try CalltouchCredentials(accessToken: SandboxConfiguration.defaultAccessToken,
                                                       siteId: SandboxConfiguration.defaultSiteID)
            let api = try CalltouchConfiguration(
                baseURL: sandbox.baseURL.absoluteString, credentials: credentials,
                readBatchSize: scenario.readBatchSize ?? CalltouchConfiguration.defaultReadBatchSize)
            return try await withCalltouchClient(configuration: api, gate: gate) { client in
                let planClock = Stopwatch()
                // As `ctbulk plan` and `apply` read: several batches at once, paced by the one limiter.
                let plan = try await Planner(service: client, concurrency: ApplySettings.readConcurrency(rate: scenario.rate))
                    .plan(rows: rows, inputPath: "bench.csv",
                                                                  inputSHA256: UUID().uuidString, csv: nil,
                                                                  rate: scenario.rate)
                let planSeconds = planClock.seconds
                guard plan.summary.update == scenario.writes else {
                    throw BenchError("the plan has \(plan.summary.update) updates, expected \(scenario.writes)")
                }
                let journal = try Journal(path: journalPath)
                let account = "SiteId \(api.siteId) at \(api.baseURL)"
                let runID = try journal.startRun(plan: plan, account: account,
                                                 options: "{\"rate\":\(scenario.rate),\"concurrency\":\(concurrency)}")
                let planGrants = gate.instants.count
                let settings = ApplySettings(concurrency: concurrency)
                let applier = Applier(service: client, journal: journal, settings: settings, observer: observer)
                note("plan: \(plan.summary.readRequests) reads in \(String(format: "%.2f", planSeconds)) s = \(String(format: "%.1f", Double(plan.summary.readRequests) / planSeconds)) reads/s (\(ApplySettings.readConcurrency(rate: scenario.rate)) at once)")
                note("apply: \(scenario.writes) updates at \(scenario.rate)/s, +\(scenario.latencyMilliseconds) ms latency, concurrency \(concurrency) (plan took \(String(format: "%.1f", planSeconds)) s)")
                let probe = StallProbe()
                let probing = Task { await probe.run() }
                let report = try await applier.run(runID)
                probing.cancel()
                _ = await probing.value
                let stats = sandbox.stats()

                var verified = true
                for row in rows {
                    guard case .some(.some(let live)) = sandbox.settings(of: row.phoneNumber),
                          live.displayOptions?.campaign == row.settings.displayOptions?.campaign,
                          live.poolName == "Весна", live.displayOptions?.medium == "cpc" else {
                        verified = false
                        break
                    }
                }

                let entries = observer.all
                let writeEntries = entries.filter { $0.event.action == "create" || $0.event.action == "update" }
                let writeTimes = writeEntries.filter { $0.event.outcome == "ok" }.map(\.at).sorted()
                let applyGrants = Array(gate.instants.dropFirst(planGrants)).sorted()
                let (writeSpan, writeRateSpan, writeRateSustained) = rates(writeTimes)
                // The first request of apply is its first read of live state: nothing can be written before that
                // answers (a round trip, 1 s at --latency-ms 1000), and no limiter can fill that wait. So the
                // first-to-last rate of requests counts from the second request, the first write's or the next
                // read's; the wait itself is reported on its own (firstWriteAfterSeconds).
                let (_, requestRateSpan, requestRateSustained) = rates(Array(applyGrants.dropFirst()))
                let firstWriteAfter = writeEntries.map(\.at).min().flatMap { firstWrite in
                    applyGrants.first.map { $0.duration(to: firstWrite).seconds } } ?? 0
                let limit = Double(scenario.rate)
                if let timelinePath = scenario.timelinePath, let origin = applyGrants.first {
                    var lines = ["kind,seconds,action,outcome,latency_ms"]
                    for grant in applyGrants { lines.append("grant,\(origin.duration(to: grant).seconds),,,") }
                    for entry in entries {
                        lines.append("answer,\(origin.duration(to: entry.at).seconds),\(entry.event.action),\(entry.event.outcome),\(entry.event.latencyMilliseconds)")
                    }
                    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: timelinePath))
                }
                let sustainedShare = writeRateSustained / limit
                let spanShare = writeRateSpan / limit
                let figures = ApplyFigures(
                    rateLimit: scenario.rate, latencyMs: scenario.latencyMilliseconds, concurrency: concurrency,
                    limiterMarginMs: margin.seconds * 1000, limiterMarginEndMs: limiter.margin.seconds * 1000,
                    limiterSpacing: scenario.burst ? "burst" : "even", readBatchSize: api.readBatchSize, rowsPlanned: plan.rows.count,
                    planReadRequests: plan.summary.readRequests, planSeconds: planSeconds, applySeconds: report.seconds,
                    writesOK: writeTimes.count, writeRequests: writeEntries.count,
                    applyReadRequests: entries.filter { $0.event.action == "read" }.count,
                    applyRequestsGranted: applyGrants.count, writeSpanSeconds: writeSpan,
                    writeRateSpan: writeRateSpan,
                    writeRateSpanLiteral: writeSpan > 0 ? Double(writeTimes.count) / writeSpan : 0,
                    writeRateSustained: writeRateSustained,
                    requestRateSpan: requestRateSpan, requestRateSustained: requestRateSustained,
                    firstWriteAfterSeconds: firstWriteAfter,
                    writePercentOfLimitSpan: spanShare * 100, writePercentOfLimitSustained: sustainedShare * 100,
                    requestPercentOfLimitSustained: requestRateSustained / limit * 100,
                    schedulerLatenessP99Ms: probe.summary.p99, schedulerLatenessMaxMs: probe.summary.max,
                    sandboxRejectedRateLimit: stats.rejected.rateLimit, counts: report.counts, verified: verified,
                    target: scenario.target, zeroRejectionsRequired: scenario.zeroRejectionsRequired,
                    // The API limits requests, so the target is on every request of the run (the re-reads before
                    // writing included); the write share is printed next to it.
                    meetsTarget: min(requestRateSustained, requestRateSpan) / limit >= scenario.target
                        && (stats.rejected.rateLimit == 0 || !scenario.zeroRejectionsRequired)
                        && verified && report.counts["applied"] == scenario.writes)
                note("apply: \(String(format: "%.2f", writeRateSustained))/s sustained (\(String(format: "%.1f", sustainedShare * 100)) %), \(String(format: "%.2f", writeRateSpan))/s first-to-last, \(stats.rejected.rateLimit) rejected by the sandbox")
                return figures
            }
        }
    }

    /// The limiter's default margin (read from a limiter built with defaults, so the figure follows the source).
    static var defaultMargin: Duration { SlidingWindowRateLimiter(limit: 1).margin }

    /// Span, (n-1)/span, and 1/slope of time against ordinal.
    static func rates(_ instants: [ContinuousClock.Instant]) -> (span: Double, spanRate: Double, sustained: Double) {
        guard let first = instants.first, let last = instants.last, instants.count >= 2 else { return (0, 0, 0) }
        let span = first.duration(to: last).seconds
        let x = instants.indices.map(Double.init)
        let y = instants.map { first.duration(to: $0).seconds }
        let slope = leastSquaresSlope(x, y) ?? 0
        return (span, span > 0 ? Double(instants.count - 1) / span : 0, slope > 0 ? 1 / slope : 0)
    }
}
