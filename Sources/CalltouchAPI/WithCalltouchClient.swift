import AsyncHTTPClient
import CTBulkCore
import Logging

/// Runs `body` with a ``CalltouchClient`` on an `HTTPClient` of its own (configured by
/// ``CalltouchConfiguration/httpClientConfiguration``), and shuts that `HTTPClient` down when `body` returns or
/// throws.
public func withCalltouchClient<Result>(
    configuration: CalltouchConfiguration,
    gate: any RequestGate,
    logger: Logger = CalltouchClient.silentLogger,
    isolation: isolated (any Actor)? = #isolation,
    _ body: (CalltouchClient) async throws -> Result
) async throws -> Result {
    try await HTTPClient.withHTTPClient(
        configuration: configuration.httpClientConfiguration,
        backgroundActivityLogger: logger,
        isolation: isolation
    ) { httpClient in
        try await body(CalltouchClient(configuration: configuration, httpClient: httpClient, gate: gate, logger: logger))
    }
}
