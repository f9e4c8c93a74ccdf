import CTBulkCore
import Foundation
import Synchronization

/// Progress for long steps: on a terminal, one line redrawn in place on standard error; elsewhere (cron, CI), one
/// plain line every few seconds so logs stay readable.
final class ProgressLine: Sendable {
    private let console: any Console
    private let interval: Duration
    private let state = Mutex<(last: ContinuousClock.Instant?, drawn: Bool)>((nil, false))

    init(console: any Console, interval: Duration = .seconds(5)) {
        self.console = console
        self.interval = interval
    }

    /// Shows `text`; `force` always prints (the final line).
    func update(_ text: String, force: Bool = false) {
        let now = ContinuousClock.now
        let show: Bool = state.withLock { state in
            if console.isInteractive {
                if !force, let last = state.last, last.duration(to: now) < .milliseconds(200) { return false }
            } else if !force, let last = state.last, last.duration(to: now) < interval {
                return false
            }
            state.last = now
            state.drawn = true
            return true
        }
        guard show else { return }
        if console.isInteractive { console.errInline("\r\u{1B}[K" + text) } else { console.err(text) }
    }

    /// Ends the redrawn line on a terminal.
    func finish() {
        let drawn = state.withLock { $0.drawn }
        if drawn && console.isInteractive { console.errInline("\n") }
    }

    /// A progress callback for reading live state: `reading live state: 150/1000`.
    static func reads(console: any Console, language: Language) -> @Sendable (Int, Int) -> Void {
        let line = ProgressLine(console: console)
        return { done, total in
            guard total > 0 else { return }
            line.update(language.text("progress.reading", ["done": .text(String(done)), "total": .text(String(total))]),
                        force: done == total)
            if done == total { line.finish() }
        }
    }
}
