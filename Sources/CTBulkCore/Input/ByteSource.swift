import Foundation

/// Reads a file in fixed-size chunks (constant memory whatever its size).
struct ByteSource {
    static let chunkSize = 256 * 1024
    private let handle: FileHandle
    let path: String

    init(path: String) throws(JobFileError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw JobFileError(path: path, reason: .notFound)
        }
        if isDirectory.boolValue { throw JobFileError(path: path, reason: .isDirectory) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw JobFileError(path: path, reason: .unreadable("permission denied"))
        }
        self.handle = handle
        self.path = path
    }

    /// The next chunk, or nil at the end of the file.
    func next() throws(JobFileError) -> Data? {
        do {
            guard let data = try handle.read(upToCount: Self.chunkSize), !data.isEmpty else { return nil }
            return data
        } catch {
            throw JobFileError(path: path, reason: .unreadable(String(describing: error)))
        }
    }

    /// Up to `count` bytes from the start of the file (for sniffing).
    static func prefix(path: String, count: Int) throws(JobFileError) -> [UInt8] {
        let source = try ByteSource(path: path)
        defer { source.close() }
        var out: [UInt8] = []
        while out.count < count, let chunk = try source.next() { out.append(contentsOf: chunk.prefix(count - out.count)) }
        return out
    }

    func close() { try? handle.close() }
}
