import CTBulkApp
import Foundation

/// Where the figures were measured.
struct MachineInfo: Codable, Sendable {
    var date: String
    var ctbulkVersion: String
    var build: String
    var cores: Int
    var memoryGiB: Double
    var os: String
    var cpu: String?
    /// `/proc/loadavg` (1, 5, 15 minutes) when the benchmark started and when it ended: other work on the machine
    /// shows here, and the apply figures suffer from it (client and sandbox share the process).
    var loadAverageStart: [Double]?
    var loadAverageEnd: [Double]?

    static var loadAverage: [Double]? {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return nil }
        return text.split(separator: " ").prefix(3).compactMap { Double($0) }
    }

    static var current: MachineInfo {
        #if DEBUG
        let build = "debug"
        #else
        let build = "release"
        #endif
        let formatter = ISO8601DateFormatter()
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }
            .flatMap { $0.split(separator: ":", maxSplits: 1).last }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        return MachineInfo(date: formatter.string(from: Date()), ctbulkVersion: CTBulkVersion.current, build: build,
                           cores: ProcessInfo.processInfo.activeProcessorCount,
                           memoryGiB: (Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824 * 10).rounded() / 10,
                           os: ProcessInfo.processInfo.operatingSystemVersionString, cpu: cpu,
                           loadAverageStart: loadAverage, loadAverageEnd: nil)
    }
}

struct BenchResults: Codable, Sendable {
    var machine = MachineInfo.current
    var validate: [ValidateFigures]?
    var apply: [ApplyFigures]?
    var journal: JournalFigures?

    var allTargetsMet: Bool {
        (validate ?? []).allSatisfy(\.met) && (apply ?? []).allSatisfy(\.meetsTarget)
            && (journal?.meetsTarget ?? true)
    }

    func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Readable tables, one per benchmark.
    func table() -> String {
        var out: [String] = []
        let m = machine
        out.append("ctbulk-bench \(m.ctbulkVersion), \(m.build) build, \(m.cores) cores, \(m.memoryGiB) GiB, \(m.cpu ?? "unknown CPU"), \(m.date)")
        func load(_ values: [Double]?) -> String { values.map { $0.map { String(format: "%.2f", $0) }.joined(separator: " ") } ?? "n/a" }
        out.append("load average at start \(load(m.loadAverageStart)), at end \(load(m.loadAverageEnd))")
        if let validate, !validate.isEmpty {
            for v in validate {
                out.append("")
                out.append("validate: \(int(v.rows)) rows, \(v.encoding) ';', \(fixed(Double(v.fileBytes) / 1_048_576, 1)) MB, \(v.rounds) rounds alternating (median run; peak = ru_maxrss of the child)")
                out.append(render([["tool, same file", "rows/s", "s (median)", "peak MB", "vs baseline"]] + v.tools.map { t in
                    [t.tool, int(Int(t.rowsPerSecond)), fixed(Double(v.rows) / t.rowsPerSecond, 2), fixed(t.peakMB, 1),
                     t.ratioToBaseline.map { fixed($0, 2) + "x" } ?? "n/a"]
                }))
                out.append("same counts as the baseline: \(v.summariesAgree ? "yes" : "NO (ctbulk \(v.ctbulkSummary), baseline \(v.baselineSummary))")")
                out.append("targets: " + v.targets.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value ? "met" : "NO")" }.joined(separator: "; "))
            }
        }
        if let apply, !apply.isEmpty {
            out.append("")
            out.append("apply (in-process sandbox on 127.0.0.1; Planner.plan, Journal.startRun, Applier.run; one SlidingWindowRateLimiter)")
            out.append(render([
                ["limit/s", "latency ms", "conc.", "limiter", "margin ms", "writes", "reads", "writes/s sustained", "% limit", "writes/s first-last",
                 "% limit", "requests/s", "% limit", "req/s first-last", "% limit", "first write s", "429s", "stall ms p99/max", "apply s", "plan reads", "plan s", "target", "met"],
            ] + apply.map { a in
                [int(a.rateLimit), int(a.latencyMs), int(a.concurrency), a.limiterSpacing,
                 a.limiterMarginEndMs > a.limiterMarginMs ? "\(Int(a.limiterMarginMs))→\(Int(a.limiterMarginEndMs))"
                    : "\(Int(a.limiterMarginMs))", int(a.writesOK), int(a.applyReadRequests),
                 fixed(a.writeRateSustained, 2), fixed(a.writePercentOfLimitSustained, 1), fixed(a.writeRateSpan, 2),
                 fixed(a.writePercentOfLimitSpan, 1), fixed(a.requestRateSustained, 2),
                 fixed(a.requestPercentOfLimitSustained, 1), fixed(a.requestRateSpan, 2),
                 fixed(a.requestRateSpan / Double(max(a.rateLimit, 1)) * 100, 1), fixed(a.firstWriteAfterSeconds, 2),
                 int(a.sandboxRejectedRateLimit),
                 "\(fixed(a.schedulerLatenessP99Ms, 1))/\(fixed(a.schedulerLatenessMaxMs, 1))", fixed(a.applySeconds, 1),
                 int(a.planReadRequests), fixed(a.planSeconds, 2),
                 "requests >= \(Int(a.target * 100)) %" + (a.zeroRejectionsRequired ? ", 0 429s" : ""), a.meetsTarget ? "yes" : "NO"]
            }))
        }
        if let journal {
            out.append("")
            out.append("journal (SQLite WAL, synchronous=NORMAL, one transaction per call, sequential)")
            out.append(render([
                ["rows", "intent+outcome rows/s", "ms p50/p99/max", "outcome-only rows/s", "ms p50/p99/max",
                 "startRun s", "journal MB", "target", "met"],
                [int(journal.rows), int(Int(journal.intentAndOutcomeRowsPerSecond)), ms(journal.intentAndOutcomeMs),
                 int(Int(journal.outcomeOnlyRowsPerSecond)), ms(journal.outcomeOnlyMs), fixed(journal.startRunSeconds, 2),
                 fixed(Double(journal.journalBytes) / 1_048_576, 1), ">= \(Int(journal.target))/s",
                 journal.meetsTarget ? "yes" : "NO"],
            ]))
        }
        return out.joined(separator: "\n")
    }

    private func render(_ rows: [[String]]) -> String {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.enumerated().map { index, row in
            let line = row.enumerated().map { column, cell in
                column == 0 ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[column] - cell.count) + cell
            }.joined(separator: "  ")
            if index == 0 {
                return line + "\n" + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
            }
            return line
        }.joined(separator: "\n")
    }

    private func int(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, character) in digits.reversed().enumerated() {
            if index > 0 && index % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return (value < 0 ? "-" : "") + String(out.reversed())
    }

    private func ms(_ p: Percentiles) -> String { "\(fixed(p.p50, 2))/\(fixed(p.p99, 2))/\(fixed(p.max, 1))" }

    private func fixed(_ value: Double, _ places: Int) -> String { String(format: "%.\(places)f", value) }
}
