import CTBulkCore
import CTBulkEngine
import UISDataAPI

/// The gate every UIS request passes: the machine-wide limiter of the UIS host (shared with every other ctbulk
/// process on the machine that talks to it), or, for the built-in sandbox on its own loopback port, this process's.
enum UISRequestGate {
    /// Requests per second the UIS client keeps to.
    static let rate = 5

    static func make(endpoint: UISEndpoint, sandbox: Bool, stateDirectory: String?, environment: [String: String],
                     clock: RunClock) -> any RequestGate {
        // The sandbox listens on a port no other process uses: nothing to share.
        if sandbox { return SlidingWindowRateLimiter(limit: rate) }
        let state = StateDirectory.resolve(stateDirectory, environment: environment)
        return HostRateLimiter(directory: StateDirectory.rates(state), host: AccountIdentity.canonicalHost(endpoint.url),
                               limit: rate, sharedMargin: HostRateLimiter.defaultSharedMargin, clock: clock)
    }
}
