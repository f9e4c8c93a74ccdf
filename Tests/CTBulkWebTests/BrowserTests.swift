import CTBulkTestSupport
import Foundation
import Testing

/// Whether the headless browser (Debian's chromium and chromedriver) and selenium are installed. CI installs them
/// (.ci/run); locally the browser test is skipped, saying why, when they are not.
enum BrowserTools {
    static var available: Bool {
        let fm = FileManager.default
        guard fm.isExecutableFile(atPath: "/usr/bin/chromium"), fm.isExecutableFile(atPath: "/usr/bin/chromedriver") else {
            return false
        }
        return run("/usr/bin/env", ["python3", "-c", "import selenium"]) == 0
    }

    static func run(_ path: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        do { try process.run() } catch { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// The built `ctbulk` executable next to the test bundle.
var ctbulkExecutable: URL {
    let products = Bundle.allBundles.map(\.bundleURL).first { $0.pathExtension == "xctest" }?.deletingLastPathComponent()
        ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    return products.appendingPathComponent("ctbulk")
}

@Suite("Web app in a real browser")
struct BrowserTests {
    @Test("ctbulk serve --sandbox in headless chromium: upload, error cells, mapping, plan, apply to the end, results, reconcile and fix",
          .enabled(if: BrowserTools.available, "needs /usr/bin/chromium, /usr/bin/chromedriver and python3 selenium (apt-get install chromium chromium-driver; pip install selenium)"))
    func endToEnd() async throws {
        let folder = TempDir()
        let stdout = folder.path("serve.out"), stderr = folder.path("serve.err")
        for path in [stdout, stderr] { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        let server = Process()
        server.executableURL = ctbulkExecutable
        server.arguments = ["serve", "--sandbox", "--port", "0", "--state-dir", folder.path("state")]
        var environment = ProcessInfo.processInfo.environment
        environment["CALLTOUCH_ACCESS_TOKEN"] = nil
        server.environment = environment
        server.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        server.standardOutput = FileHandle(forWritingAtPath: stdout)
        server.standardError = FileHandle(forWritingAtPath: stderr)
        try server.run()
        defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }

        // The URL it prints once listening (the project's `eventually`; its bound only ends a broken start).
        func printedURL() -> String? {
            let text = (try? String(contentsOfFile: stdout, encoding: .utf8)) ?? ""
            guard let range = text.range(of: "http://127.0.0.1:") else { return nil }
            return String(text[range.lowerBound...].prefix { !$0.isWhitespace }).trimmingCharacters(in: CharacterSet(charactersIn: "/ "))
        }
        _ = await eventually { printedURL() != nil || !server.isRunning }
        let url = printedURL()
        #expect(url != nil, "serve did not print its URL: \((try? String(contentsOfFile: stderr, encoding: .utf8)) ?? "")")
        guard let url else { return }

        let script = Process()
        script.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let screenshots = ProcessInfo.processInfo.environment["CTBULK_SCREENSHOTS"] ?? folder.path("screenshots")
        script.arguments = ["python3", repoPath("Tests/CTBulkWebTests/Browser/web_e2e.py"), url,
                            repoPath("Tests/CTBulkWebTests/Browser/demo-with-mistakes.csv"), screenshots, folder.path("downloads")]
        var scriptEnvironment = ProcessInfo.processInfo.environment
        scriptEnvironment["SE_AVOID_STATS"] = "true"
        script.environment = scriptEnvironment
        let output = folder.path("browser.out")
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        script.standardOutput = FileHandle(forWritingAtPath: output)
        script.standardError = script.standardOutput
        // Waited for without holding a thread of the pool: the termination handler resumes the test.
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            script.terminationHandler = { process in continuation.resume(returning: process.terminationStatus) }
            do { try script.run() } catch { continuation.resume(throwing: error) }
        }
        let log = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        #expect(status == 0, "browser test failed:\n\(log)")
        // The token never reached the server's output.
        let served = ((try? String(contentsOfFile: stdout, encoding: .utf8)) ?? "") + ((try? String(contentsOfFile: stderr, encoding: .utf8)) ?? "")
        #expect(!served.contains("sandbox-token"))
        // SIGTERM (Ctrl-C's meaning for a server) stops it, even with a live page's event stream opened earlier.
        server.terminate()
        _ = await eventually { !server.isRunning }
        #expect(!server.isRunning, "serve did not stop on SIGTERM")
    }
}
