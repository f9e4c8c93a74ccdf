import CTBulkCore
import Foundation

/// A fresh temporary folder per test, never shared.
public struct TempDir: Sendable {
    public let url: URL

    public init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("ctbulk-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the folder.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `bytes` to `name`; returns its path.
    @discardableResult
    public func write(_ name: String, bytes: [UInt8]) -> String {
        let path = path(name)
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    /// Writes `text` as UTF-8 to `name`; returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String) -> String { write(name, bytes: Array(text.utf8)) }
}

/// The repository's root folder (for examples/ and jobs/).
public let repositoryRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// A path relative to the repository's root.
public func repoPath(_ relative: String) -> String { repositoryRoot.appendingPathComponent(relative).path }

/// A number from canonical digits (tests only: traps on a malformed literal).
public func phone(_ digits: String) -> PhoneNumber {
    guard let number = PhoneNumber(canonical: digits) else { preconditionFailure("not a canonical number: \(digits)") }
    return number
}
