import CTBulkCore
import Foundation
import Logging
import Synchronization

/// The UIS / CoMagic Data API v2.0 client: JSON-RPC 2.0 over `POST` to ``UISEndpoint``.
///
/// Every request first passes the ``RequestGate`` (so all traffic of a run shares one budget), then the client's own
/// point governor, which reads `metadata.limits` from every answer and waits for the per-minute reset before the
/// allowance runs out. A `limit_exceeded` answer is waited out and retried (``UISClientConfiguration/limitRetries``
/// times); transport failures, HTTP 5xx and `internal_error` are retried with back-off; a `login.user` session is
/// renewed when it gets old or when the server rejects it.
///
/// ```swift
/// let client = UISClient(configuration: .init(credentials: .accessToken(token)), transport: AsyncHTTPClientTransport())
/// let active = try await client.all(VirtualNumber.self, query: UISQuery(filter: .where("status", .equal, "active")))
/// ```
public final class UISClient: Sendable {
    public let configuration: UISClientConfiguration
    let transport: any UISTransport
    let gate: any RequestGate
    /// The clock of waits (limit resets, back-off) and of session age.
    let clock: RunClock
    let logger: Logger
    let state: Mutex<State>

    struct Session {
        var token: String
        var renewAt: Duration
    }

    struct State {
        var nextID = 1
        var session: Session?
        var governor = UISLimitGovernor()
        var statistics = UISClientStatistics()
        var lastLimits: UISLimits?
        var deprecatedVersion: UISMetadata.APIVersion?
    }

    /// A client.
    /// - Parameters:
    ///   - configuration: endpoint, credentials and retry policy.
    ///   - transport: how bodies are POSTed (``AsyncHTTPClientTransport`` for the network).
    ///   - gate: passed before every request, retries and logins included.
    ///   - clock: used for waits (limit resets, back-off) and session age; the run's clock (a manual or virtual one
    ///     in tests, shared with the sandbox so both see the same time).
    ///   - logger: debug and trace only; never receives a secret.
    public init(configuration: UISClientConfiguration, transport: any UISTransport,
                gate: any RequestGate = UnlimitedGate(), clock: RunClock = .system,
                logger: Logger = Logger(label: "ctbulk.uis")) {
        self.configuration = configuration
        self.transport = transport
        self.gate = gate
        self.clock = clock
        self.logger = logger
        self.state = Mutex(State())
    }

    /// Time since the client's clock started (sessions and limits are kept as offsets on it).
    private var elapsed: Duration { clock.now.offset }

    /// Waits `duration` on the client's clock.
    private func pause(_ duration: Duration) async throws {
        if duration > .zero { try await clock.sleep(for: duration) }
    }

    /// What the client has done so far.
    public var statistics: UISClientStatistics { state.withLock { $0.statistics } }

    /// `metadata.api_version` of an answer that said the called version is deprecated (nil while none did): a
    /// deprecated version is served for two months only, so callers warn once
    /// (``UISMetadata/APIVersion/deprecationWarning``).
    public var deprecatedVersion: UISMetadata.APIVersion? { state.withLock { $0.deprecatedVersion } }

    /// `metadata.limits` of the latest answer that carried any.
    public var lastLimits: UISLimits? { state.withLock { $0.lastLimits } }

    // MARK: Sessions

    /// Logs in with `login.user` now (the client also does it by itself when the credentials are a login).
    /// - Throws: ``UISError`` (`auth_error` for a wrong login or password).
    @discardableResult
    public func login() async throws -> UISLoginSession {
        guard case .login(let user, let password) = configuration.credentials else {
            throw UISError(.invalidArgument, field: "credentials", value: "access token",
                           details: ["range": "login.user needs --login"])
        }
        let result: LoginResult = try await perform(
            "login.user", params: ["login": .string(user), "password": .string(password)], authenticated: false)
        let renewAt = elapsed + configuration.sessionLifetime
        state.withLock {
            $0.session = Session(token: result.data.accessToken, renewAt: renewAt)
            $0.statistics.logins += 1
        }
        logger.debug("uis login.user succeeded")
        return result.data
    }

    /// Ends the current `login.user` session with `logout.user` (no-op without one).
    public func logout() async throws {
        guard let session = state.withLock({ $0.session }) else { return }
        state.withLock { $0.session = nil }
        let _: IgnoredResult = try await perform(
            "logout.user", params: ["access_token": .string(session.token)], authenticated: false)
    }

    /// The key for the next call: the configured one, or a live session key (logging in when there is none).
    private func accessToken() async throws -> (token: String, isSession: Bool) {
        switch configuration.credentials {
        case .accessToken(let token):
            return (token, false)
        case .login:
            let now = elapsed
            if let session = state.withLock({ $0.session }), now < session.renewAt { return (session.token, true) }
            return (try await login().accessToken, true)
        }
    }

    private var secrets: [String] {
        var values = configuration.credentials.secrets
        if let token = state.withLock({ $0.session?.token }) { values.append(token) }
        return values
    }

    // MARK: Calls

    /// Calls any method and returns its decoded `result`. `params` must not contain credentials: they are added.
    /// - Throws: ``UISError``; `CancellationError` when cancelled while waiting.
    public func call<Result: Decodable & Sendable>(_ method: String, params: [String: UISValue] = [:],
                                                   as type: Result.Type = Result.self) async throws -> Result {
        try await perform(method, params: params, authenticated: true)
    }

    /// Sends one call with every retry the policy allows.
    func perform<Result: Decodable>(_ method: String, params: [String: UISValue],
                                    authenticated: Bool) async throws -> Result {
        var transientAttempts = 0
        var limitRetries = 0
        var relogged = false
        while true {
            try await waitForAllowance()
            var fullParams = params
            var usedSession = false
            if authenticated {
                let (token, isSession) = try await accessToken()
                fullParams["access_token"] = .string(token)
                usedSession = isSession
                if let userID = configuration.userID { fullParams["user_id"] = .int(userID) }
            }
            let id = state.withLock { state -> Int in
                defer { state.nextID += 1 }
                return state.nextID
            }
            let body: [UInt8]
            do {
                body = Array(try Self.encoder.encode(RPCRequest(id: id, method: method, params: fullParams)))
            } catch {
                throw UISError(.invalidArgument, field: "params", method: method, details: ["range": "JSON"])
            }
            try await gate.acquire()
            state.withLock { $0.statistics.requests += 1 }
            logger.debug("uis request", metadata: ["method": "\(method)", "id": "\(id)"])

            let response: UISHTTPResponse
            do {
                response = try await transport.post(url: configuration.endpoint.url, body: body,
                                                    timeout: configuration.requestTimeout)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                let failure = UISError(.transport, method: method, details: ["reason": Self.describe(error)])
                try await retryTransient(failure, attempts: &transientAttempts)
                continue
            }
            logger.trace("uis response", metadata: ["method": "\(method)", "id": "\(id)",
                                                    "status": "\(response.status)", "bytes": "\(response.body.count)"])

            switch decode(response, method: method, as: Result.self) {
            case .success(let result, let limits):
                observe(limits)
                return result
            case .failure(let failure, let limits):
                observe(limits)
                switch failure.kind {
                case .limitExceeded:
                    try handleLimitExceeded(failure, limits: limits, retries: &limitRetries)
                case .accessTokenExpired where usedSession && !relogged, .accessTokenInvalid where usedSession && !relogged:
                    relogged = true
                    state.withLock { $0.session = nil; $0.statistics.relogins += 1 }
                    logger.debug("uis session rejected; logging in again", metadata: ["method": "\(method)"])
                case .internalError:
                    try await retryTransient(failure, attempts: &transientAttempts)
                default:
                    throw failure
                }
            case .transient(let failure):
                try await retryTransient(failure, attempts: &transientAttempts)
            }
        }
    }

    private func observe(_ limits: UISLimits?) {
        guard let limits else { return }
        let now = elapsed
        state.withLock {
            $0.governor.observe(limits, at: now)
            if !limits.isEmpty { $0.lastLimits = limits }
        }
    }

    /// Waits (or fails) until the governor lets one more request start.
    private func waitForAllowance() async throws {
        while true {
            let now = elapsed
            let decision = state.withLock {
                $0.governor.beforeRequest(now: now, reserve: configuration.minuteReserve,
                                          defaultWait: configuration.defaultLimitWait,
                                          margin: configuration.resetMargin,
                                          maximumWait: configuration.maximumLimitWait)
            }
            switch decision {
            case .proceed:
                return
            case .wait(let duration, let window):
                state.withLock { $0.statistics.limitWaits += 1 }
                logger.debug("uis waiting for the point limit to reset",
                             metadata: ["window": "\(window.rawValue)", "wait": "\(duration)"])
                try await pause(duration)
            case .refuse(let duration, let window):
                throw UISError(.limitExceeded, details: ["limitType": window.rawValue,
                                                         "resetSeconds": String(duration.components.seconds)])
            }
        }
    }

    /// Marks the spent window so the next loop waits for its reset; fails once the retries are used up.
    private func handleLimitExceeded(_ failure: UISError, limits: UISLimits?, retries: inout Int) throws {
        guard retries < configuration.limitRetries else { throw failure }
        retries += 1
        let window: UISLimitGovernor.Window =
            failure.details["limitType"] == "day" || limits?.dayRemaining == 0 ? .day : .minute
        let now = elapsed
        let known: Duration? = state.withLock {
            switch window {
            case .minute: return $0.governor.minuteResetAt.map { $0 - now }
            case .day: return $0.governor.dayResetAt.map { $0 - now }
            }
        }
        let seconds = window == .day ? limits?.dayReset : limits?.minuteReset
        let wait = seconds.map { Duration.seconds($0) } ?? known ?? configuration.defaultLimitWait
        state.withLock {
            $0.governor.exhaust(window, until: now + max(wait, .zero))
            $0.statistics.limitRetries += 1
        }
        logger.debug("uis limit_exceeded; waiting for the reset", metadata: ["window": "\(window.rawValue)"])
    }

    private func retryTransient(_ failure: UISError, attempts: inout Int) async throws {
        attempts += 1
        guard attempts < configuration.backoff.maxAttempts else { throw failure.redacting(secrets) }
        state.withLock { $0.statistics.transientRetries += 1 }
        let delay = configuration.backoff.delay(after: attempts)
        logger.debug("uis transient failure; retrying",
                     metadata: ["kind": "\(failure.kind.rawValue)", "attempt": "\(attempts)"])
        try await pause(delay)
    }

    // MARK: Decoding

    enum Outcome<Result> {
        case success(Result, UISLimits?)
        case failure(UISError, UISLimits?)
        /// A failure worth retrying after a back-off.
        case transient(UISError)
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    private func decode<Result: Decodable>(_ response: UISHTTPResponse, method: String,
                                           as type: Result.Type) -> Outcome<Result> {
        let decoder = JSONDecoder()
        let data = Data(response.body)
        guard let probe = try? decoder.decode(RPCProbe.self, from: data) else {
            let failure = UISError(.httpStatus, method: method, details: ["status": String(response.status)])
            if response.status == 200 {
                return .failure(UISError(.malformedResponse, method: method,
                                         details: ["reason": "not a JSON-RPC answer"]), nil)
            }
            if response.status == 429 || response.status == 408 || response.status >= 500 {
                return .transient(failure)
            }
            return .failure(failure, nil)
        }
        if let error = probe.error {
            let data = error.data
            var details: [String: String] = [:]
            if let params = data?.params {
                for (key, value) in params { details[key == "limit_type" ? "limitType" : key] = value.text }
            }
            let limits = data?.metadata?.limits
            noteVersion(data?.metadata?.apiVersion)
            if let limitType = details["limitType"] {
                let reset = limitType == "day" ? limits?.dayReset : limits?.minuteReset
                if let reset { details["resetSeconds"] = String(reset) }
            } else if let reset = limits?.minuteReset, error.code == -32029 || data?.mnemonic == "limit_exceeded" {
                details["resetSeconds"] = String(reset)
            }
            let failure = UISError(Kind(mnemonic: data?.mnemonic, code: error.code), mnemonic: data?.mnemonic,
                                   code: error.code, field: data?.field, value: data?.value?.text,
                                   serverMessage: error.message, method: method, details: details)
            return .failure(failure.redacting(secrets), limits)
        }
        guard probe.hasResult else {
            return .failure(UISError(.malformedResponse, method: method,
                                     details: ["reason": "neither result nor error"]), nil)
        }
        do {
            let success = try decoder.decode(RPCSuccess<Result>.self, from: data)
            let metadata = (success.result as? any MetadataCarrying)?.carriedMetadata
            noteVersion(metadata?.apiVersion)
            return .success(success.result, metadata?.limits)
        } catch {
            return .failure(UISError(.malformedResponse, method: method,
                                     details: ["reason": Self.describe(error)]), nil)
        }
    }

    private typealias Kind = UISError.Kind

    /// Keeps the first `api_version` that says the called version is deprecated.
    private func noteVersion(_ version: UISMetadata.APIVersion?) {
        guard let version, version.isDeprecated else { return }
        state.withLock { state in
            if state.deprecatedVersion == nil { state.deprecatedVersion = version }
        }
        logger.debug("uis api version deprecated", metadata: ["current": "\(version.currentVersion ?? "?")"])
    }

    static func describe(_ error: any Error) -> String {
        if let decoding = error as? DecodingError {
            switch decoding {
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context),
                 .dataCorrupted(let context):
                let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
                return "\(path.isEmpty ? "answer" : path): \(context.debugDescription)"
            @unknown default:
                return "\(decoding)"
            }
        }
        return String(describing: error)
    }
}

/// A result that carries `metadata` (so its limits can be read after decoding).
protocol MetadataCarrying {
    var carriedMetadata: UISMetadata? { get }
}

extension ListResult: MetadataCarrying {
    var carriedMetadata: UISMetadata? { metadata }
}
