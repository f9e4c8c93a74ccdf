import CTBulkCore
import CTBulkEngine
import CalltouchAPI
import Foundation

struct JournalFigures: Codable, Sendable {
    var rows: Int
    var startRunSeconds: Double
    /// recordIntent (with the before-image) + recordOutcome per row, one after the other, as a worker does.
    var intentAndOutcomeSeconds: Double
    var intentAndOutcomeRowsPerSecond: Double
    /// recordOutcome alone per row.
    var outcomeOnlySeconds: Double
    var outcomeOnlyRowsPerSecond: Double
    /// Per row (intent + outcome) and per outcome-only call: median, 99th percentile and worst, in milliseconds.
    /// The worst are WAL checkpoints; the Applier makes these calls synchronously on a cooperative thread.
    var intentAndOutcomeMs: Percentiles
    var outcomeOnlyMs: Percentiles
    var journalBytes: Int
    var target: Double
    var meetsTarget: Bool
}

struct Percentiles: Codable, Sendable {
    var p50: Double
    var p99: Double
    var max: Double

    init(_ samples: [Double]) {
        let sorted = samples.sorted()
        func at(_ q: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))] }
        p50 = at(0.5); p99 = at(0.99); max = sorted.last ?? 0
    }
}

enum JournalBench {
    /// Two runs of `rows` planned updates in a fresh journal (WAL, synchronous=NORMAL, as `ctbulk apply` opens it):
    /// the first records an intent and an outcome per row, the second an outcome only.
    static func run(rows count: Int, folder: WorkFolder) async throws -> JournalFigures {
        let live = NumberSettings(poolName: "Весна",
                                  displayOptions: DisplayOptions(source: "yandex", medium: "cpc", campaign: "old"),
                                  redirectOptions: RedirectOptions(redirectNumber: PhoneNumber(canonical: "74950000001")))
        var planned: [PlannedRow] = []
        planned.reserveCapacity(count)
        for index in 0..<count {
            let phone = PhoneNumber(canonical: String(79_990_000_000 + UInt64(index)))!
            planned.append(PlannedRow(row: index + 2, phoneNumber: phone,
                                      desired: NumberSettings(displayOptions: DisplayOptions(source: "yandex", campaign: "new")),
                                      live: .used(live)))
        }
        let plan = Plan(createdAt: Date(), inputPath: "bench.csv", inputSHA256: UUID().uuidString, csv: nil,
                        baseURL: "http://127.0.0.1:1", siteID: "1", readBatchSize: 50, rate: 5, rows: planned,
                        readRequests: 0)
        let path = folder.file("journal-bench.sqlite")
        let journal = try Journal(path: path)
        let account = "SiteId 1 at http://127.0.0.1:1"

        let startClock = Stopwatch()
        let first = try journal.startRun(plan: plan, account: account, options: "{}")
        let second = try journal.startRun(plan: plan, account: account, options: "{}")
        let startRunSeconds = startClock.seconds / 2

        note("journal: \(count) rows, recordIntent + recordOutcome")
        let before = LiveNumber.used(live)
        var bothSamples: [Double] = []
        bothSamples.reserveCapacity(count)
        let clock = ContinuousClock()
        let both = Stopwatch()
        for row in planned {
            let started = clock.now
            try await journal.recordIntent(runID: first, row: row.row, action: .update, before: before, attempt: 1)
            try await journal.recordOutcome(runID: first, row: row.row, outcome: .applied, httpStatus: 200, category: nil,
                                      message: nil, attempts: 1)
            bothSamples.append(started.duration(to: clock.now).seconds * 1000)
        }
        let bothSeconds = both.seconds

        note("journal: \(count) rows, recordOutcome alone")
        var aloneSamples: [Double] = []
        aloneSamples.reserveCapacity(count)
        let alone = Stopwatch()
        for row in planned {
            let started = clock.now
            try await journal.recordOutcome(runID: second, row: row.row, outcome: .applied, httpStatus: 200, category: nil,
                                      message: nil, attempts: 1)
            aloneSamples.append(started.duration(to: clock.now).seconds * 1000)
        }
        let aloneSeconds = alone.seconds

        let applied = try journal.counts(of: first)["applied"] ?? 0
        let appliedSecond = try journal.counts(of: second)["applied"] ?? 0
        guard applied == count, appliedSecond == count else {
            throw BenchError("journal check failed: \(applied) and \(appliedSecond) rows applied, expected \(count)")
        }
        let bytes = ["", "-wal"].reduce(0) { sum, suffix in
            sum + ((try? FileManager.default.attributesOfItem(atPath: path + suffix)[.size] as? Int) ?? 0)
        }
        let target = 5_000.0
        let bothRate = Double(count) / bothSeconds
        let aloneRate = Double(count) / aloneSeconds
        return JournalFigures(rows: count, startRunSeconds: startRunSeconds, intentAndOutcomeSeconds: bothSeconds,
                              intentAndOutcomeRowsPerSecond: bothRate, outcomeOnlySeconds: aloneSeconds,
                              outcomeOnlyRowsPerSecond: aloneRate, intentAndOutcomeMs: Percentiles(bothSamples),
                              outcomeOnlyMs: Percentiles(aloneSamples), journalBytes: bytes, target: target,
                              meetsTarget: bothRate >= target && aloneRate >= target)
    }
}
