import Synchronization

/// A thread-safe counter for closure transports.
final class Counter: Sendable {
    private let count = Mutex(0)
    func increment() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}

/// Keeps the last request a closure transport saw.
final class Box: Sendable {
    private let state = Mutex<(url: String, body: String)>(("", ""))
    func set(url: String, body: String) { state.withLock { $0 = (url, body) } }
    var url: String { state.withLock { $0.url } }
    var body: String { state.withLock { $0.body } }
}
