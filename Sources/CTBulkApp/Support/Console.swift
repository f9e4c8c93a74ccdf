import Foundation
import Synchronization

/// Where a command writes: results to standard output, diagnostics and progress to standard error. Tests capture it.
public protocol Console: Sendable {
    func out(_ text: String)
    func err(_ text: String)
    /// Writes to standard error without a line end (a progress line redrawn in place).
    func errInline(_ text: String)
    /// True when standard error is a terminal (progress bars, confirmation prompts).
    var isInteractive: Bool { get }
    /// Reads one line from the terminal (confirmation prompts); nil when there is none.
    func readLine() -> String?
}

/// The process's own standard output and error.
public struct StandardConsole: Console {
    public init() {}

    public func out(_ text: String) { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }
    public func err(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }
    public func errInline(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
    public var isInteractive: Bool { isatty(STDERR_FILENO) != 0 && isatty(STDIN_FILENO) != 0 }
    public func readLine() -> String? { Swift.readLine() }
}

/// Keeps what a command printed (for tests).
public final class CapturingConsole: Console {
    private let state = Mutex<(out: [String], err: [String], input: [String])>(([], [], []))
    public let isInteractive: Bool

    public init(interactive: Bool = false, input: [String] = []) {
        isInteractive = interactive
        state.withLock { $0.input = input }
    }

    public func out(_ text: String) { state.withLock { $0.out.append(text) } }
    public func err(_ text: String) { state.withLock { $0.err.append(text) } }
    public func errInline(_ text: String) {}
    public func readLine() -> String? { state.withLock { $0.input.isEmpty ? nil : $0.input.removeFirst() } }

    public var stdout: String { state.withLock { $0.out.joined(separator: "\n") } }
    public var stderr: String { state.withLock { $0.err.joined(separator: "\n") } }
}
