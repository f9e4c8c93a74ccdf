import CTBulkCore
import Synchronization

/// The sandbox's state behind a mutex, shared by every request handler and by ``RunningSandbox``.
final class SandboxEngine: Sendable {
    let configuration: SandboxConfiguration
    private let state: Mutex<SandboxState>

    init(configuration: SandboxConfiguration) {
        self.configuration = configuration
        state = Mutex(SandboxState(configuration: configuration))
    }

    /// Runs `body` with the state locked.
    func withState<T: Sendable>(_ body: (inout SandboxState) throws(WireError) -> T) throws(WireError) -> T {
        try state.withLock { (state: inout SandboxState) throws(WireError) -> T in try body(&state) }
    }

    /// Runs `body` with the state locked (non-throwing).
    func withState<T: Sendable>(_ body: (inout SandboxState) -> T) -> T {
        state.withLock { body(&$0) }
    }

    /// The runtime settings now.
    var settings: RuntimeSettings { withState { $0.settings } }

    /// Counts a request as it arrives and makes the arrival checks (credentials, rate limit) on the clock read under
    /// the lock, so the rate-limit log stays ordered; returns the latency to add and the refusal, if any.
    func arrive(_ endpoint: SandboxEndpoint, accessToken: String?, siteID: String?, client: String)
        -> (latency: Duration, refusal: WireResponse?) {
        withState { state in
            state.received(endpoint.rawValue)
            let refusal = state.admit(accessToken: accessToken, siteID: siteID, client: client, now: configuration.clock.now)
            return (state.settings.latency, refusal)
        }
    }

    /// Processes one admitted Calltouch request.
    func process(_ endpoint: SandboxEndpoint, body: [UInt8]) -> APIOutcome {
        withState { state in state.process(endpoint, body: body) }
    }

    /// Every number now.
    var numbers: [PhoneNumber: NumberSettings?] { withState { $0.store.numbers } }

    /// The counters now.
    var stats: SandboxStats { withState { $0.stats } }

    /// The UIS fake now (replaced on reset).
    var uis: UISFake { withState { $0.uis } }
}
