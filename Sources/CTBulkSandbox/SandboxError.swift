import CTBulkCore

/// Why a sandbox could not be configured or started.
public enum SandboxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The host is not a loopback address; the sandbox binds only `127.0.0.1`, `::1` or `localhost`.
    case nonLoopbackHost(String)
    /// A setting is out of range (which one, and why).
    case invalidSetting(String)
    /// A number of the initial state holds settings the real API could not hold (the number, and why).
    case invalidInitialNumber(PhoneNumber, String)
    /// A preset name that ``SandboxPreset/init(parsing:)`` does not know.
    case unknownPreset(String)
    /// The fault spec is invalid.
    case invalidFaults(FaultSpecError)
    /// The server stopped before it was listening (the underlying error as text, e.g. the port is taken).
    case didNotStart(String)

    public var description: String {
        switch self {
        case .nonLoopbackHost(let host):
            return "the sandbox binds only loopback addresses (127.0.0.1, ::1, localhost), not '\(host)'"
        case .invalidSetting(let why):
            return "invalid sandbox setting: \(why)"
        case .invalidInitialNumber(let number, let why):
            return "initial state: number \(number): \(why)"
        case .unknownPreset(let name):
            return "unknown sandbox state '\(name)' (expected 'demo', 'empty' or 'numbers N')"
        case .invalidFaults(let error):
            return "invalid fault spec: \(error)"
        case .didNotStart(let why):
            return "the sandbox did not start: \(why)"
        }
    }
}
