import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One run at a time per job and account: an exclusive `flock` on a lock file, released when the process ends
/// (even by `kill -9`), so a crashed run never leaves a stale lock behind.
public final class RunLock: @unchecked Sendable {
    private let fd: Int32
    public let path: String

    /// Who holds the lock (written into the lock file by the holder).
    public struct Holder: Sendable {
        public var pid: Int32?
        public var since: String?
    }

    public enum Failure: Error, Sendable {
        /// Another process holds it.
        case held(path: String, holder: Holder)
        case unusable(path: String, reason: String)
    }

    /// Takes the lock for `key` (a job hash and an account) in `directory`, or fails at once if another process
    /// holds it.
    public init(directory: String, key: String) throws(Failure) {
        let name = key.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? String($0) : "_" }.joined().suffix(120)
        path = directory + "/" + name + ".lock"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .unusable(path: path, reason: String(describing: error))
        }
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .unusable(path: path, reason: String(cString: strerror(errno))) }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let holder = Self.readHolder(descriptor)
            close(descriptor)
            throw .held(path: path, holder: holder)
        }
        fd = descriptor
        let text = "pid=\(getpid())\nsince=\(ISO8601DateFormatter().string(from: Date()))\n"
        _ = ftruncate(fd, 0)
        _ = text.withCString { pwrite(fd, $0, strlen($0), 0) }
    }

    private var released = false

    /// Releases the lock (also done when the object goes away or the process ends).
    public func release() {
        guard !released else { return }
        released = true
        _ = flock(fd, LOCK_UN)
        close(fd)
    }

    deinit { release() }

    /// Runs `body` holding the lock for `key`; fails at once with ``Failure/held(path:holder:)`` if another process
    /// holds it.
    public static func scoped<T>(directory: String, key: String, isolation: isolated (any Actor)? = #isolation,
                                 _ body: () async throws -> T) async throws -> T {
        let lock = try RunLock(directory: directory, key: key)
        defer { lock.release() }
        return try await body()
    }

    private static func readHolder(_ fd: Int32) -> Holder {
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = pread(fd, &buffer, buffer.count, 0)
        guard n > 0 else { return Holder() }
        let text = String(decoding: buffer.prefix(n), as: UTF8.self)
        var holder = Holder()
        for line in text.split(separator: "\n") {
            if line.hasPrefix("pid=") { holder.pid = Int32(line.dropFirst(4)) }
            if line.hasPrefix("since=") { holder.since = String(line.dropFirst(6)) }
        }
        return holder
    }
}
