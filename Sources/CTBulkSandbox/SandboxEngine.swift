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

    /// Counts a received request and returns the latency to add.
    func received(_ endpoint: String) -> Duration {
        withState { state in
            state.received(endpoint)
            return state.settings.latency
        }
    }

    /// Processes one Calltouch request (the clock is read under the lock so the rate-limit log stays ordered).
    func process(_ endpoint: SandboxEndpoint, accessToken: String?, siteID: String?, client: String,
                 body: [UInt8]) -> APIOutcome {
        withState { state in
            state.process(endpoint, accessToken: accessToken, siteID: siteID, client: client, body: body,
                          now: configuration.clock.now)
        }
    }

    /// Every number now.
    var numbers: [PhoneNumber: NumberSettings?] { withState { $0.store.numbers } }

    /// The counters now.
    var stats: SandboxStats { withState { $0.stats } }

    /// The UIS fake now (replaced on reset).
    var uis: UISFake { withState { $0.uis } }
}
