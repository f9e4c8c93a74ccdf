import CTBulkCore
import CTBulkEngine
import Dispatch
import Foundation

/// Ctrl-C (or SIGTERM, or a hang-up) during apply: the first one stops new requests (requests in flight finish and are recorded, exit 75); the
/// second exits at once (the journal stays consistent: every record is its own transaction).
final class SignalTrap: @unchecked Sendable {
    private let sources: [DispatchSourceSignal]
    private let previous: [(Int32, sighandler_t?)]

    init(stop: StopSignal, console: any Console, language: Language) {
        var count = 0
        let queue = DispatchQueue(label: "ctbulk.signals")
        var previous: [(Int32, sighandler_t?)] = []
        sources = [SIGINT, SIGTERM, SIGHUP].map { number in
            previous.append((number, signal(number, SIG_IGN)))
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                count += 1
                if count == 1 {
                    stop.request()
                    console.err(language.text("signal.stopping"))
                } else {
                    exit(ExitStatus.tempFail.rawValue)
                }
            }
            source.resume()
            return source
        }
        self.previous = previous
    }

    func cancel() {
        for source in sources { source.cancel() }
        for (number, handler) in previous { signal(number, handler) }
    }
}
