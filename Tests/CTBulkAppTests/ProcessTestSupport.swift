import CTBulkCore
import CTBulkSandbox
import CTBulkTestSupport
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `ctbulk` child process with its output in files (no pipe to fill up), waited for without blocking a thread of
/// the test's concurrency pool. Always `kill()` it in a `defer`.
final class ChildProcess: @unchecked Sendable {
    private let process = Process()
    let stdoutPath: String
    let stderrPath: String

    /// Starts `ctbulk arguments…` with `environment` added to the test's own.
    init(_ arguments: [String], environment: [String: String] = [:], in dir: TempDir, label: String) throws {
        stdoutPath = dir.path("\(label).out")
        stderrPath = dir.path("\(label).err")
        for path in [stdoutPath, stderrPath] { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        process.executableURL = ctbulkBinary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        // The machine-wide state (run locks) of this test, not the user's.
        env["CTBULK_STATE_DIR"] = dir.path("state")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.currentDirectoryURL = dir.url
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        process.standardOutput = FileHandle(forWritingAtPath: stdoutPath)
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }
    var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Sends a signal (no-op once it has ended).
    func signal(_ number: Int32) {
        if process.isRunning { _ = sendSignal(process.processIdentifier, number) }
    }

    /// SIGKILL; safe to call any number of times.
    func kill() { signal(SIGKILL) }

    /// The exit status once it ends, or nil when `timeout` passes first. A process ended by a signal gives
    /// `128 + signal`, as a shell shows it.
    func exitCode(within timeout: Duration) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now > deadline { return nil }
            try? await Task.sleep(for: .milliseconds(25))
        }
        return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }

    /// Waits until standard output contains `text`; false when it ends or `timeout` passes first.
    func waitForOutput(containing text: String, within timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if stdout.contains(text) { return true }
            if !process.isRunning { return stdout.contains(text) }
            try? await Task.sleep(for: .milliseconds(25))
        }
        // Looked once more: a test resumed after the deadline (every thread of the pool busy) must not miss what is there.
        return stdout.contains(text)
    }
}

private func sendSignal(_ pid: Int32, _ number: Int32) -> Int32 { kill(pid, number) }

/// `ctbulk sandbox` in a child process on a port it picked itself (`--port 0`, read back from its summary line).
struct SandboxProcess {
    let child: ChildProcess
    let port: Int

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts it and waits for its summary line. Kill it with `child.kill()` in a `defer`.
    static func start(_ extraArguments: [String], in dir: TempDir) async throws -> SandboxProcess {
        let child = try ChildProcess(["sandbox", "--port", "0"] + extraArguments, in: dir, label: "sandbox")
        let marker = "Calltouch sandbox on http://127.0.0.1:"
        guard await child.waitForOutput(containing: marker, within: .seconds(120)) else {
            child.kill()
            throw ProcessTestError("the sandbox did not start: \(child.stderr)")
        }
        let rest = child.stdout.components(separatedBy: marker)[1]
        guard let port = Int(rest.prefix { $0.isNumber }) else {
            child.kill()
            throw ProcessTestError("no port in \(child.stdout)")
        }
        return SandboxProcess(child: child, port: port)
    }

    /// `GET /_sandbox/state`.
    func state() throws -> [StateRecord] {
        try JSONDecoder().decode([StateRecord].self, from: try LoopbackHTTP.request("GET", port: port, path: "/_sandbox/state"))
    }

    /// `GET /_sandbox/stats`.
    func stats() throws -> SandboxStats {
        try JSONDecoder().decode(SandboxStats.self, from: try LoopbackHTTP.request("GET", port: port, path: "/_sandbox/stats"))
    }

    /// `PUT /_sandbox/numbers/<n>`: sets a number by hand (an API-shaped JSON body).
    func setNumber(_ number: String, _ json: String) throws {
        _ = try LoopbackHTTP.request("PUT", port: port, path: "/_sandbox/numbers/\(number)", body: json)
    }

    /// `PUT /_sandbox/config` `holdWritesAfter`: writes past `writes` are held unanswered (nil lets them through).
    func holdWrites(after writes: Int?) throws {
        _ = try LoopbackHTTP.request("PUT", port: port, path: "/_sandbox/config",
                                     body: "{\"holdWritesAfter\": \(writes.map(String.init) ?? "null")}")
    }

    /// `POST /_sandbox/budget`: points used back to 0, and a new budget.
    func resetBudget(to budget: Int) throws {
        _ = try LoopbackHTTP.request("POST", port: port, path: "/_sandbox/budget", body: "{\"budget\": \(budget)}")
    }
}

struct ProcessTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// One number as `GET /_sandbox/state` shows it.
struct StateRecord: Decodable, Equatable {
    struct Display: Decodable, Equatable {
        var source: String?
        var medium: String?
        var campaign: String?
        var content: String?
        var keyword: String?
    }
    struct PTSN: Decodable, Equatable { var redirectNumber: String? }
    struct Reserve: Decodable, Equatable {
        var reserveNumber: String?
        var reserveTimeOut: Int?
        var ignoreEarlyMedia: Bool?
    }
    struct Redirect: Decodable, Equatable {
        var redirectType: String?
        var ptsnOptions: PTSN?
        var reserveRedirect: Reserve?
    }
    var phoneNumber: String
    var poolName: String?
    var displayOptions: Display?
    var redirectOptions: Redirect?

    var isFree: Bool { displayOptions == nil }
}

/// A minimal HTTP/1.1 client over a loopback socket, for the sandbox's admin routes (no dependency, bounded by a
/// socket timeout).
enum LoopbackHTTP {
    static func request(_ method: String, port: Int, path: String, body: String = "", timeoutSeconds: Int = 10,
                        headers: [String: String] = [:]) throws -> Data {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ProcessTestError("socket: \(errno)") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw ProcessTestError("connect to 127.0.0.1:\(port): \(errno)") }
        let payload = Array(body.utf8)
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        if !payload.isEmpty { head += "Content-Type: application/json\r\n" }
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(payload.count)\r\n\r\n"
        let bytes = Array(head.utf8) + payload
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { throw ProcessTestError("send: \(errno)") }
            sent += n
        }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { break }
            guard n > 0 else { throw ProcessTestError("recv: \(errno) (timeout or reset)") }
            response += buffer[0..<n]
        }
        return try parse(response)
    }

    /// The body of a 2xx answer (Content-Length or chunked); throws for anything else.
    static func parse(_ response: [UInt8]) throws -> Data {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let split = (0...(max(response.count - 4, 0))).first(where: { Array(response[$0..<min($0 + 4, response.count)]) == separator })
        else { throw ProcessTestError("no HTTP head in \(response.count) bytes") }
        let head = String(decoding: response[..<split], as: UTF8.self).lowercased()
        var body = Array(response[(split + 4)...])
        let statusLine = head.split(separator: "\r\n").first.map(String.init) ?? ""
        let status = Int(statusLine.split(separator: " ").dropFirst().first ?? "") ?? 0
        if head.contains("transfer-encoding: chunked") {
            var decoded: [UInt8] = []
            var index = 0
            while index < body.count {
                guard let lineEnd = (index..<(body.count - 1)).first(where: { body[$0] == 13 && body[$0 + 1] == 10 }),
                      let size = Int(String(decoding: body[index..<lineEnd], as: UTF8.self)
                          .split(separator: ";").first?.trimmingCharacters(in: .whitespaces) ?? "", radix: 16)
                else { break }
                if size == 0 { break }
                decoded += body[(lineEnd + 2)..<min(lineEnd + 2 + size, body.count)]
                index = lineEnd + 2 + size + 2
            }
            body = decoded
        }
        guard (200..<300).contains(status) else {
            throw ProcessTestError("HTTP \(status): \(String(decoding: body, as: UTF8.self))")
        }
        return Data(body)
    }
}

