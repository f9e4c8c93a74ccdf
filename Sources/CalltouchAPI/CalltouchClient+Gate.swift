import CTBulkCore

extension CalltouchClient {
    /// The same client (configuration, HTTP client, logger) behind another gate: a server that runs many runs over
    /// one HTTP client gives each run its own stoppable gate on the shared limiter.
    public func withGate(_ gate: any RequestGate) -> CalltouchClient {
        CalltouchClient(configuration: configuration, httpClient: httpClient, gate: gate, logger: logger)
    }
}
