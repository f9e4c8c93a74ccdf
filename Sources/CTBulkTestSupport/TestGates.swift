import CTBulkCore
import Synchronization

/// A gate that lets everything through and counts how often it was asked: "every request passes the gate exactly
/// once" is checked against the server's own count.
public final class CountingGate: RequestGate {
    private let count = Mutex(0)

    public init() {}

    /// Acquisitions so far.
    public var acquired: Int { count.withLock { $0 } }

    public func acquire() async throws { count.withLock { $0 += 1 } }
}

/// A gate that refuses as if the waiting task had been cancelled.
public struct CancellingGate: RequestGate {
    public init() {}

    public func acquire() async throws { throw CancellationError() }
}

/// A value behind a lock, shareable with escaping and concurrent closures.
public final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    public init(_ value: Value) { mutex = Mutex(value) }

    /// The value now.
    public var value: Value { mutex.withLock { $0 } }

    /// Changes the value under the lock.
    public func mutate(_ body: (inout Value) -> Void) { mutex.withLock { body(&$0) } }
}
