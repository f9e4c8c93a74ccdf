import CTBulkCore
import CTBulkEngine
import Foundation
import Synchronization

/// Progress and audit log of an apply run: a bar on a terminal (done/total, current rate, errors, ETA), a line every
/// few seconds elsewhere, nothing with `--quiet`; and one JSON line per request in `--log-file`.
final class ApplyProgress: ApplyObserver {
    private struct State {
        var done = 0
        var failed = 0
        var requestTimes: [Double] = []
    }

    private let total: Int
    private let line: ProgressLine?
    private let language: Language
    private let state = Mutex(State())
    private let log: FileHandle?
    private let logLock = Mutex(())

    /// Other processes sharing the host's rate limit now.
    private let sharedWith: @Sendable () -> Int

    init(total: Int, alreadyDone: Int, console: any Console, quiet: Bool, language: Language, logFile: String?,
         sharedWith: @escaping @Sendable () -> Int = { 0 }) throws {
        self.total = total
        self.sharedWith = sharedWith
        self.language = language
        self.line = quiet ? nil : ProgressLine(console: console)
        state.withLock { $0.done = alreadyDone }
        if let logFile {
            if !FileManager.default.fileExists(atPath: logFile) {
                guard FileManager.default.createFile(atPath: logFile, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                    throw ReportError(path: logFile, reason: "cannot create the log file")
                }
            }
            guard let handle = FileHandle(forWritingAtPath: logFile) else { throw ReportError(path: logFile, reason: "cannot open") }
            handle.seekToEndOfFile()
            log = handle
        } else {
            log = nil
        }
    }

    func rowFinished(row: Int, outcome: RowOutcome) {
        let snapshot = state.withLock { state -> State in
            state.done += 1
            if outcome == .failed { state.failed += 1 }
            return state
        }
        draw(snapshot, force: snapshot.done == total)
    }

    func request(_ event: RequestEvent) {
        state.withLock { state in
            state.requestTimes.append(event.time)
            if state.requestTimes.count > 200 { state.requestTimes.removeFirst(state.requestTimes.count - 200) }
        }
        guard let log else { return }
        var object: [String: JSONValue] = [
            "time": .string(Self.timestamp.string(from: Date(timeIntervalSince1970: event.time))),
            "number": .string(event.number), "action": .string(event.action), "attempt": .integer(Int64(event.attempt)),
            "latency_ms": .integer(Int64(event.latencyMilliseconds)), "outcome": .string(event.outcome),
        ]
        object["http_status"] = event.httpStatus.map { .integer(Int64($0)) } ?? .null
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard var data = try? encoder.encode(JSONValue.object(object)) else { return }
        data.append(0x0A)
        logLock.withLock { _ in log.write(data) }
    }

    nonisolated(unsafe) static let timestamp: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()

    func finish() {
        line?.finish()
        try? log?.close()
    }

    private func draw(_ s: State, force: Bool) {
        guard let line else { return }
        let now = Date().timeIntervalSince1970
        let recent = s.requestTimes.filter { $0 > now - 10 }
        let rate = recent.count >= 2 ? Double(recent.count) / max(now - recent[0], 1) : 0
        let remaining = max(total - s.done, 0)
        let eta = rate > 0 ? PlanRendering.duration(Double(remaining) / rate, language) : "?"
        let width = 24
        let filled = total == 0 ? width : min(width, s.done * width / max(total, 1))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let others = sharedWith()
        let shared = others == 0 ? "" : language.text("progress.shared", ["n": .count(others)])
        let text = language.text("progress.bar", ["bar": .text(bar), "done": .text(String(s.done)), "total": .text(String(total)),
                                                  "rate": .text(String(format: "%.1f", rate)), "shared": .text(shared),
                                                  "failed": .text(String(s.failed)), "eta": .text(eta)])
        line.update(text, force: force)
    }
}
