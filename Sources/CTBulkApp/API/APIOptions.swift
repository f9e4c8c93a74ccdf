import CTBulkCore
import CTBulkEngine
import Foundation

/// How to reach the Calltouch API: shared by every command that talks to it.
public struct APIOptions: Sendable {
    /// `--base-url` (default https://api.calltouch.ru).
    public var baseURL: String?
    /// `--site-id` (else `CALLTOUCH_SITE_ID`).
    public var siteID: String?
    /// `--token-file` (else `CALLTOUCH_ACCESS_TOKEN`).
    public var tokenFile: String?
    /// `--sandbox`: start the built-in sandbox in-process and use it (no credentials needed).
    public var sandbox = false
    /// `--rate`: requests per second for everything the run sends.
    public var rate = 5
    /// `--rate-margin-ms`: the limiter's safety margin per one-second window (nil: ``HostRateLimiter/defaultMargin``,
    /// at least ``HostRateLimiter/defaultSharedMargin`` while other processes share the host).
    public var rateMarginMilliseconds: Int?
    /// `--read-batch-size`: numbers per read of live state.
    public var readBatchSize: Int?
    /// `--create-path`, `--list-path`: the unpublished endpoints.
    public var createPath: String?
    public var listPath: String?
    /// `--timeout`: seconds to wait for one answer.
    public var timeoutSeconds: Int?
    /// The environment the credentials are read from.
    public var environment: [String: String]
    /// `--state-dir`: the machine-wide folder of run locks and the shared rate limit (else `CTBULK_STATE_DIR`, else
    /// the user's state folder).
    public var stateDirectory: String?

    /// The state folder in force.
    public var resolvedStateDirectory: String { StateDirectory.resolve(stateDirectory, environment: environment) }

    public init(baseURL: String? = nil, siteID: String? = nil, tokenFile: String? = nil, sandbox: Bool = false, rate: Int = 5,
                readBatchSize: Int? = nil, createPath: String? = nil, listPath: String? = nil, timeoutSeconds: Int? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.baseURL = baseURL; self.siteID = siteID; self.tokenFile = tokenFile; self.sandbox = sandbox; self.rate = rate
        self.readBatchSize = readBatchSize; self.createPath = createPath; self.listPath = listPath
        self.timeoutSeconds = timeoutSeconds; self.environment = environment
    }
}
