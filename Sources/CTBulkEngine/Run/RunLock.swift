import CTBulkCore
import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One run at a time per job and account on the whole machine: an exclusive `flock` on a lock file in the
/// machine-wide state folder, keyed by the job's content hash and the canonical account
/// (``AccountIdentity/canonicalKey``), so the same job started from another folder, with another journal, or through
/// `localhost` instead of `127.0.0.1` meets the same lock. Released when the process ends (even by `kill -9`), so a
/// crashed run never leaves a stale lock behind.
public final class RunLock: @unchecked Sendable {
    private let fd: Int32
    public let path: String

    /// Who holds the lock (written into the lock file by the holder).
    public struct Holder: Sendable, Equatable {
        public var pid: Int32?
        public var since: String?
        /// The holder's working folder, job file and journal.
        public var folder: String?
        public var job: String?
        public var journal: String?

        public init(pid: Int32? = nil, since: String? = nil, folder: String? = nil, job: String? = nil, journal: String? = nil) {
            self.pid = pid; self.since = since; self.folder = folder; self.job = job; self.journal = journal
        }
    }

    public enum Failure: Error, Sendable {
        /// Another process holds it.
        case held(path: String, holder: Holder)
        case unusable(path: String, reason: String)
    }

    /// Takes the lock of job `job` (its content hash) on `account` in `directory`, or fails at once if another
    /// process holds it. `journal` and the working folder are recorded for the message a second start shows.
    public convenience init(directory: String, job: String, account: AccountIdentity, journal: String? = nil,
                            jobPath: String? = nil) throws(Failure) {
        try self.init(directory: directory, key: Self.key(job: job, account: account),
                      holder: Holder(folder: FileManager.default.currentDirectoryPath, job: jobPath, journal: journal))
    }

    /// The lock file's name for a job on an account: a hash of both (a file name of fixed length).
    public static func key(job: String, account: AccountIdentity) -> String {
        let digest = SHA256.hash(data: Data("\(job)\n\(account.canonicalKey)".utf8))
        return "run-" + digest.map { String(format: "%02x", $0) }.joined().prefix(32)
    }

    /// Takes the lock for `key` in `directory`, or fails at once if another process holds it.
    public init(directory: String, key: String, holder: Holder = Holder()) throws(Failure) {
        let name = key.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) || $0 == "-" ? String($0) : "_" }.joined().suffix(120)
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
            let found = Self.readHolder(descriptor)
            close(descriptor)
            throw .held(path: path, holder: found)
        }
        fd = descriptor
        var text = "pid=\(getpid())\nsince=\(ISO8601DateFormatter().string(from: Date()))\n"
        if let folder = holder.folder { text += "folder=\(folder)\n" }
        if let job = holder.job { text += "job=\(job)\n" }
        if let journal = holder.journal { text += "journal=\(journal)\n" }
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

    /// True when a process holds the lock `key` in `directory` (a run whose process is gone holds none).
    public static func isHeld(directory: String, key: String) -> Bool {
        let path = directory + "/" + key + ".lock"
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 {
            _ = flock(descriptor, LOCK_UN)
            return false
        }
        return true
    }

    private static func readHolder(_ fd: Int32) -> Holder {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = pread(fd, &buffer, buffer.count, 0)
        guard n > 0 else { return Holder() }
        let text = String(decoding: buffer.prefix(n), as: UTF8.self)
        var holder = Holder()
        for line in text.split(separator: "\n") {
            if line.hasPrefix("pid=") { holder.pid = Int32(line.dropFirst(4)) }
            if line.hasPrefix("since=") { holder.since = String(line.dropFirst(6)) }
            if line.hasPrefix("folder=") { holder.folder = String(line.dropFirst(7)) }
            if line.hasPrefix("job=") { holder.job = String(line.dropFirst(4)) }
            if line.hasPrefix("journal=") { holder.journal = String(line.dropFirst(8)) }
        }
        return holder
    }
}
