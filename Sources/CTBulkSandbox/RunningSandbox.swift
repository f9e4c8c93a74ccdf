import CTBulkCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A sandbox that is listening: where to reach it, and in-process access to its state for tests and benchmarks
/// (the same operations as the `/_sandbox/` admin routes, without HTTP).
public struct RunningSandbox: Sendable {
    /// The base URL for the Calltouch client, e.g. `http://127.0.0.1:54321` (no trailing slash).
    public let baseURL: URL
    /// The bound TCP port.
    public let port: Int
    /// The bound host, as configured.
    public let host: String
    let engine: SandboxEngine

    init(engine: SandboxEngine, host: String, port: Int) {
        self.engine = engine
        self.host = host
        self.port = port
        let bare = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        let authority = bare.contains(":") ? "[\(bare)]" : bare
        baseURL = URL(string: "http://\(authority):\(port)")!
    }

    /// The configuration it started with.
    public var configuration: SandboxConfiguration { engine.configuration }

    /// The UIS Data API endpoint, `<baseURL>/v2.0`.
    public var uisURL: URL { URL(string: baseURL.absoluteString + "/v2.0")! }

    /// The one-line summary `ctbulk sandbox` prints (see ``Sandbox/summaryLine(_:baseURL:)``).
    public var summaryLine: String { Sandbox.summaryLine(configuration, baseURL: baseURL) }

    /// Every number of the account now: settings for a used number, nil for a free one.
    public func numbers() -> [PhoneNumber: NumberSettings?] { engine.numbers }

    /// The settings of one number: `.some(nil)` when free, nil when not in the account.
    public func settings(of phone: PhoneNumber) -> NumberSettings?? { engine.withState { $0.store.settings(of: phone) } }

    /// The counters now (what `GET /_sandbox/stats` serves).
    public func stats() -> SandboxStats { engine.stats }

    /// Account, counters, budget, runtime settings and fault generator back to the configuration
    /// (`POST /_sandbox/reset`).
    public func reset() { engine.withState { $0.reset() } }

    /// Points used back to 0, and optionally a new budget (`POST /_sandbox/budget`).
    public func resetBudget(to budget: Int? = nil) { engine.withState { $0.resetBudget(to: budget) } }

    /// Sets one number by hand, adding it when absent (`PUT /_sandbox/numbers/<n>`): nil or empty settings make it
    /// free. Throws ``SandboxError/invalidInitialNumber(_:_:)`` for settings a real account could not hold.
    public func setNumber(_ phone: PhoneNumber, to settings: NumberSettings?) throws(SandboxError) {
        if let settings, !settings.isEmpty, let problem = WireSettings.problem(with: settings) {
            throw .invalidInitialNumber(phone, problem)
        }
        engine.withState { $0.setNumber(phone, settings) }
    }

    /// Removes a number from the account (`DELETE /_sandbox/numbers/<n>`); false when it was not there.
    @discardableResult
    public func removeNumber(_ phone: PhoneNumber) -> Bool { engine.withState { $0.removeNumber(phone) } }
}
