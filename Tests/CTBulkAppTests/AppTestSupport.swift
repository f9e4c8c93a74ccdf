import CTBulkApp
import CTBulkCore
import CTBulkSandbox
import CTBulkTestSupport
import Foundation
import Synchronization


/// The built `ctbulk` executable next to the test bundle.
var ctbulkBinary: URL {
    let products = Bundle.allBundles.map(\.bundleURL).first { $0.pathExtension == "xctest" }?.deletingLastPathComponent()
        ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    return products.appendingPathComponent("ctbulk")
}

/// Runs the real binary; returns (exit code, stdout, stderr).
func runCTBulk(_ arguments: [String], environment: [String: String] = [:], currentDirectory: String? = nil) throws -> (Int32, String, String) {
    let process = Process()
    process.executableURL = ctbulkBinary
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["CTBULK_STATE_DIR"] = (currentDirectory ?? TempDir().url.path) + "/state"
    for (k, v) in environment { env[k] = v }
    process.environment = env
    if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Both pipes are drained at once: read one after the other, a child filling the second (64 KiB) while the first
    // is still open would wait for us as we wait for it.
    let errData = Mutex(Data())
    let errDone = DispatchSemaphore(value: 0)
    let errHandle = err.fileHandleForReading
    DispatchQueue.global().async {
        let data = errHandle.readDataToEndOfFile()
        errData.withLock { $0 = data }
        errDone.signal()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    errDone.wait()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self),
            String(decoding: errData.withLock { $0 }, as: UTF8.self))
}

/// API options for a sandbox running in the test: its address, its credentials, 100 requests/s, and the machine-wide
/// state (run locks) in `state` rather than the user's.
func sandboxAPIOptions(_ sandbox: RunningSandbox, state: TempDir) -> APIOptions {
    var options = APIOptions(baseURL: sandbox.baseURL.absoluteString, rate: 100,
                             environment: ["CALLTOUCH_ACCESS_TOKEN": "sandbox-token", "CALLTOUCH_SITE_ID": "1"])
    options.stateDirectory = state.path("state")
    return options
}

/// The demo account, at 100 requests/s.
var fastDemoSandbox: SandboxConfiguration {
    var configuration = SandboxConfiguration.demo
    configuration.rateLimit = 100
    return configuration
}
