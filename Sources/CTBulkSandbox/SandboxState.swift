import CTBulkCore

/// Everything a running sandbox holds: the account, the limiter, the points, the fault generator, the counters and
/// the UIS fake. A value; ``SandboxEngine`` keeps it behind a mutex.
struct SandboxState: Sendable {
    /// What the sandbox started with and returns to on reset.
    let configuration: SandboxConfiguration
    private(set) var store: NumberStore
    private(set) var settings: RuntimeSettings
    private var limiter = SlidingWindowLimiter()
    private var rng: SplitMix64
    private var faultSequence = 0
    private(set) var stats: SandboxStats
    private(set) var uis: UISFake

    init(configuration: SandboxConfiguration) {
        self.configuration = configuration
        store = NumberStore(initial: configuration.initialNumbers)
        settings = RuntimeSettings(configuration)
        rng = SplitMix64(seed: configuration.seed)
        stats = SandboxStats(budget: configuration.pointsBudget)
        uis = UISFake(configuration: configuration.uis, seed: configuration.seed, clock: configuration.clock)
    }

    /// Back to the configuration: account, counters, budget, runtime settings, fault generator and UIS fake.
    mutating func reset() { self = SandboxState(configuration: configuration) }

    // MARK: Calltouch requests

    /// Counts a request as received.
    mutating func received(_ name: String) { stats.requests[name, default: 0] += 1 }

    /// The checks of a request as it arrives, before any work, the way an API's edge makes them: credentials, then the
    /// per-address rate limit on the instant of arrival (nil: admitted). Deciding the limit on arrival rather than
    /// after the configured latency keeps the sandbox's own timer jitter (a one-second sleep that wakes 30 ms late)
    /// out of the limit: what reaches it is how the client spaced its requests.
    mutating func admit(accessToken: String?, siteID: String?, client: String, now: RunClock.Instant) -> WireResponse? {
        guard accessToken == configuration.accessToken, siteID == configuration.siteID else {
            stats.rejected.auth += 1
            return .error(WireError(status: 401, code: "unauthorized",
                                    message: "the Access-Token or SiteId header is missing or not valid"))
        }
        if let limit = settings.rateLimit,
           !limiter.admit(client, at: now, limit: limit, window: settings.rateLimitWindow) {
            stats.rejected.rateLimit += 1
            var answer = WireResponse.error(WireError(
                status: 429, code: "too_many_requests",
                message: "more than \(limit) requests per second from one IP address"))
            answer.retryAfter = true
            return answer
        }
        return nil
    }

    /// Processes one admitted Calltouch request (``admit(accessToken:siteID:client:now:)``) in order: points budget,
    /// fault injection, then the method itself.
    mutating func process(_ endpoint: SandboxEndpoint, body: [UInt8]) -> APIOutcome {
        guard stats.points.used < stats.points.budget else {
            stats.rejected.budget += 1
            return .respond(.error(WireError(
                status: 403, code: "points_exhausted",
                message: "the daily API points budget (\(stats.points.budget) points) is spent")))
        }
        if endpoint.isWrite, let hold = settings.holdWritesAfter,
           stats.writes.values.reduce(0, { $0 + $1.total }) >= hold {
            return .hang  // neither applied nor counted: the client waits, as for a hung request
        }

        let decision = settings.faults.isNone
            ? FaultDecision.none
            : FaultDecision.draw(settings.faults, isWrite: endpoint.isWrite, using: &rng)
        faultSequence += 1
        switch decision {
        case .none:
            return .respond(execute(endpoint, body: body))
        case .serverError(let status):
            record(decision, endpoint: endpoint, body: body, applied: nil)
            let codes = [500: "internal_error", 502: "bad_gateway", 503: "service_unavailable", 504: "gateway_timeout"]
            return .respond(.error(WireError(status: status, code: codes[status] ?? "server_error",
                                             message: "injected server error")))
        case .hang(let apply):
            let applied = apply && execute(endpoint, body: body).status == 200
            record(decision, endpoint: endpoint, body: body, applied: endpoint.isWrite ? applied : nil)
            return .hang
        case .drop(let apply, let partial):
            let applied = apply && execute(endpoint, body: body).status == 200
            record(decision, endpoint: endpoint, body: body, applied: endpoint.isWrite ? applied : nil)
            return .drop(partial: partial)
        case .malformed:
            var answer = execute(endpoint, body: body)
            record(decision, endpoint: endpoint, body: body, applied: nil)
            answer.isJSON = true
            if endpoint.isWrite {
                answer.body = [0xFF, 0xFE] + Array("<garbage>\u{0}{]".utf8)
            } else {
                answer.body = Array(answer.body.prefix(max(1, answer.body.count / 2)))
            }
            return .respond(answer)
        }
    }

    private mutating func record(_ decision: FaultDecision, endpoint: SandboxEndpoint, body: [UInt8], applied: Bool?) {
        guard let kind = decision.kind else { return }
        stats.faults[kind] += 1
        var phone: String?
        if endpoint.isWrite, let object = try? WireSettings.object(body),
           let number = try? WireSettings.phoneNumber(in: object) {
            phone = number.digits
        }
        stats.faultEvents.append(SandboxStats.FaultEvent(sequence: faultSequence, kind: kind, endpoint: endpoint.rawValue,
                                                         phoneNumber: phone, applied: applied))
        if stats.faultEvents.count > SandboxStats.maximumFaultEvents {
            stats.faultEvents.removeFirst(stats.faultEvents.count - SandboxStats.maximumFaultEvents)
        }
    }

    /// The method itself: validation, the change, the point. 200 on success.
    private mutating func execute(_ endpoint: SandboxEndpoint, body: [UInt8]) -> WireResponse {
        do throws(WireError) {
            let answer: WireResponse
            switch endpoint {
            case .update:
                let (phone, objects) = try WireSettings.writeBody(body)
                try store.update(phone, objects)
                stats.writes[phone.digits, default: .init()].update += 1
                answer = .emptyOK
            case .create:
                let (phone, objects) = try WireSettings.writeBody(body)
                try store.create(phone, objects)
                stats.writes[phone.digits, default: .init()].create += 1
                answer = .emptyOK
            case .delete:
                let phone = try WireSettings.phoneNumber(in: try WireSettings.object(body))
                try store.delete(phone)
                stats.writes[phone.digits, default: .init()].delete += 1
                answer = .emptyOK
            case .list:
                answer = .json(WireJSON.encode(store.list(try ListRequest(body: body))))
            case .redirectList:
                answer = .json(WireJSON.encode(store.redirects(try RedirectListRequest(body: body))))
            }
            stats.points.used += 1
            return answer
        } catch {
            stats.rejected.invalid += 1
            return .error(error)
        }
    }

    // MARK: Admin

    /// `POST /_sandbox/budget`: points used back to 0, optionally a new budget.
    mutating func resetBudget(to budget: Int?) {
        stats.points.used = 0
        if let budget { stats.points.budget = budget }
    }

    /// `PUT /_sandbox/numbers/<n>`: sets a number by hand (nil = free), adding it when absent.
    mutating func setNumber(_ phone: PhoneNumber, _ settings: NumberSettings?) { store.set(phone, settings) }

    /// `DELETE /_sandbox/numbers/<n>`: false when the number was not in the account.
    mutating func removeNumber(_ phone: PhoneNumber) -> Bool { store.remove(phone) }

    /// `PUT /_sandbox/config`.
    mutating func applySettings(_ object: [String: BodyJSON]) throws(WireError) {
        if try settings.apply(object) { rng = SplitMix64(seed: settings.seed) }
    }
}
