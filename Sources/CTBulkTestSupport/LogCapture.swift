import Logging
import Synchronization

/// Collects every log line (level, message, metadata, error) a logger emits, e.g. to check that no secret is logged.
public final class LogStore: Sendable {
    private let lines = Mutex<[String]>([])

    public init() {}

    /// Every line so far.
    public var all: [String] { lines.withLock { $0 } }

    /// Adds one rendered line.
    public func append(_ line: String) { lines.withLock { $0.append(line) } }

    /// A logger at trace level writing here.
    public func logger(label: String = "test") -> Logger {
        var logger = Logger(label: label, factory: { _ in CapturingLogHandler(store: self) })
        logger.logLevel = .trace
        return logger
    }
}

/// A LogHandler that renders each event (level, message, sorted metadata, error) into a ``LogStore``.
public struct CapturingLogHandler: LogHandler {
    public let store: LogStore
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level = .trace

    public init(store: LogStore) { self.store = store }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 })
        let rendered = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        store.append("\(event.level) \(event.message) \(rendered) \(event.error.map { "\($0)" } ?? "")")
    }
}

extension Logger {
    /// A logger that drops everything.
    public static var silent: Logger { Logger(label: "silent", factory: { _ in SwiftLogNoOpLogHandler() }) }
}
