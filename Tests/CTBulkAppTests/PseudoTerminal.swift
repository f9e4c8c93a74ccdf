import CTBulkTestSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `ctbulk` on a pseudo-terminal, as a person at a terminal runs it: standard input, output and error are the
/// terminal, so it asks its questions; the test reads the screen and types answers. Every wait is bounded (polling
/// a real process's output with a generous deadline).
final class TerminalProcess: @unchecked Sendable {
    private let process = Process()
    private let master: Int32
    private let screenLock = NSLock()
    private var screenBytes: [UInt8] = []

    init(_ arguments: [String], environment: [String: String] = [:], in dir: TempDir) throws {
        var master: Int32 = -1, slave: Int32 = -1
        guard openpty(&master, &slave, nil, nil, nil) == 0 else { throw ProcessTestError("openpty failed: \(errno)") }
        self.master = master
        let flags = fcntl(master, F_GETFL)
        _ = fcntl(master, F_SETFL, flags | O_NONBLOCK)
        process.executableURL = ctbulkBinary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["CTBULK_STATE_DIR"] = dir.path("state")
        env["TERM"] = "dumb"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.currentDirectoryURL = dir.url
        let terminal = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        process.standardInput = terminal
        process.standardOutput = terminal
        process.standardError = terminal
        try process.run()
        close(slave)
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        close(master)
    }

    /// Everything the program wrote to the terminal so far.
    var screen: String {
        drain()
        return screenLock.withLock { String(decoding: screenBytes, as: UTF8.self) }
    }

    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(master, &buffer, buffer.count)
            guard n > 0 else { return }
            screenLock.withLock { screenBytes += buffer.prefix(n) }
        }
    }

    /// Waits (bounded) until the screen shows `text`.
    func waitFor(_ text: String, within timeout: Duration = .seconds(60)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if screen.contains(text) { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return screen.contains(text)
    }

    /// Types a line.
    func type(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// The exit code, waiting (bounded) for the end; nil if it did not end in time (it is then killed).
    func exitCode(within timeout: Duration = .seconds(90)) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline {
            drain()
            try? await Task.sleep(for: .milliseconds(20))
        }
        drain()
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            return nil
        }
        return process.terminationStatus
    }
}
