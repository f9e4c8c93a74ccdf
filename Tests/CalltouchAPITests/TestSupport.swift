import CTBulkCore
import Foundation
import Logging
import Synchronization
@testable import CalltouchAPI

/// A gate that lets everything through and counts how often it was asked.
final class CountingGate: RequestGate {
    private let count = Mutex(0)
    var acquired: Int { count.withLock { $0 } }
    func acquire() async throws { count.withLock { $0 += 1 } }
}

/// A gate that refuses as if the waiting task had been cancelled.
struct CancellingGate: RequestGate {
    func acquire() async throws { throw CancellationError() }
}

/// Collects every log line (message and metadata) a logger emits.
final class LogStore: Sendable {
    private let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }
    func append(_ line: String) { lines.withLock { $0.append(line) } }

    /// A logger at trace level writing here.
    func logger(label: String = "test") -> Logger {
        var logger = Logger(label: label, factory: { _ in CapturingLogHandler(store: self) })
        logger.logLevel = .trace
        return logger
    }
}

/// A LogHandler that renders each event (level, message, metadata, error) into a ``LogStore``.
struct CapturingLogHandler: LogHandler {
    let store: LogStore
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 })
        let rendered = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        store.append("\(event.level) \(event.message) \(rendered) \(event.error.map { "\($0)" } ?? "")")
    }
}

enum Fixtures {
    static let token = "s3cr3t-T0KEN-value-0123456789"
    static let siteId = "12345"

    static func phone(_ text: String) -> PhoneNumber { PhoneNumber(canonical: text)! }

    static func credentials(token: String = token, siteId: String = siteId) -> CalltouchCredentials {
        try! CalltouchCredentials(accessToken: token, siteId: siteId)
    }

    /// The example of `docs/calltouch-wire.md`.
    static var fullSettings: NumberSettings {
        NumberSettings(
            poolName: "Весна",
            displayOptions: DisplayOptions(source: "yandex", medium: "cpc", campaign: "spring", content: "ad1",
                                           keyword: "окна"),
            redirectOptions: RedirectOptions(
                redirectNumber: phone("74951234567"),
                reserve: ReserveRedirect(reserveNumber: phone("74957654321"), reserveTimeOut: 30,
                                         ignoreEarlyMedia: true)))
    }

    /// A private temporary directory removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ctapi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes a file with the given POSIX permissions.
    static func writeFile(_ text: String, at url: URL, mode: Int) throws {
        try Data(text.utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
    }
}

/// The JSON value of some bytes, for comparisons that ignore key order.
func jsonObject(_ data: Data) throws -> NSObject {
    try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as! NSObject
}

/// A value behind a lock, shareable with escaping and concurrent closures.
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    var value: Value { mutex.withLock { $0 } }
    func mutate(_ body: (inout Value) -> Void) { mutex.withLock { body(&$0) } }
}
