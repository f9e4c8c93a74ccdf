// Contract between the sandbox server and the UIS Data API fake: the server (Sandbox.swift) only calls
// `UISFake.init(configuration:seed:)` and `handle(body:clientAddress:)` for POST /v2.0.
import CTBulkCore
import Foundation
import Synchronization

/// The UIS / CoMagic Data API v2.0 fake: JSON-RPC 2.0 over POST `/v2.0`.
///
/// It serves `get.virtual_numbers`, `get.available_virtual_numbers`, `get.campaign_available_phone_numbers` and
/// `get.sources_groups` over a seeded account, with filters, sort, fields and paging as documented, point limits per
/// minute and per day (1 point per successful call, reported in `metadata.limits`, `limit_exceeded` when spent),
/// `login.user` / `logout.user` sessions that expire, and the documented errors. It writes its own wire JSON and
/// never imports the client.
final class UISFake: Sendable {
    let configuration: UISSandboxConfiguration
    let dataset: UISFakeDataset
    /// Sessions, point windows and `expire_at` read this clock (the sandbox's).
    let clock: RunClock
    private let state: Mutex<State>

    private struct State {
        var minute: UISFakePointWindow
        var day: UISFakePointWindow
        var sessions: [String: RunClock.Instant] = [:]
        var sessionCounter = 0
        var injected: [UISInjectedError]
        var generator: UISSeededGenerator
        var calls: [String: Int] = [:]
    }

    private static let getParams: Set<String> = ["access_token", "user_id", "limit", "offset", "filter", "fields", "sort"]

    init(configuration: UISSandboxConfiguration, seed: UInt64, clock: RunClock = .system) {
        self.configuration = configuration
        self.clock = clock
        self.dataset = UISFakeDataset(seed: seed, configuration: configuration)
        self.state = Mutex(State(
            minute: UISFakePointWindow(limit: configuration.minuteLimit, length: configuration.minuteWindow),
            day: UISFakePointWindow(limit: configuration.dayLimit, length: configuration.dayWindow),
            injected: configuration.injectedErrors.filter { $0.count > 0 },
            generator: UISSeededGenerator(seed: seed ^ 0x5EED)))
    }

    /// Successful calls per method so far (for tests and the demo's summary).
    var callCounts: [String: Int] { state.withLock { $0.calls } }

    /// Handles one JSON-RPC request body; returns the HTTP status and the response body.
    func handle(body: [UInt8], clientAddress: String) async -> (status: Int, body: [UInt8]) {
        var id: UISWireValue = .null
        do {
            let request: UISWireValue
            do {
                request = try JSONDecoder().decode(UISWireValue.self, from: Data(body))
            } catch {
                throw UISFakeError("parse_error")
            }
            if case .array = request { throw UISFakeError("batch_opreations_not_supported") }
            guard case .object = request else { throw UISFakeError("invalid_request") }
            guard let requestID = request["id"] else { throw UISFakeError("notifications_not_supported") }
            switch requestID {
            case .string, .int, .double: id = requestID
            default: throw UISFakeError("invalid_request", field: "id", value: requestID)
            }
            guard request["jsonrpc"] == .string("2.0") else {
                throw UISFakeError("invalid_request", field: "jsonrpc", value: request["jsonrpc"])
            }
            guard let method = request["method"]?.string else {
                throw UISFakeError("invalid_request", field: "method", value: request["method"])
            }
            if let allowed = configuration.allowedClientAddresses, !allowed.contains(clientAddress) {
                throw UISFakeError("ip_not_whitelisted", params: [("ip", .string(clientAddress))])
            }
            let params = request["params"] ?? .object([])
            guard case .object = params else { throw UISFakeError("data_type_error", field: "params", value: params) }
            let result = try dispatch(method: method, params: params)
            return (200, Self.envelope(id: id, key: "result", value: result))
        } catch let error as UISFakeError {
            return (200, Self.envelope(id: id, key: "error", value: error.wireValue(metadata: metadata(total: nil))))
        } catch {
            let failure = UISFakeError("internal_error")
            return (200, Self.envelope(id: id, key: "error", value: failure.wireValue(metadata: metadata(total: nil))))
        }
    }

    private static func envelope(id: UISWireValue, key: String, value: UISWireValue) -> [UInt8] {
        UISWireValue.object([("jsonrpc", .string("2.0")), ("id", id), (key, value)]).bytes
    }

    private func table(for method: String) -> UISFakeTable? {
        switch method {
        case "get.virtual_numbers": return dataset.virtualNumbers
        case "get.available_virtual_numbers": return dataset.availableNumbers
        case "get.campaign_available_phone_numbers": return dataset.campaignNumbers
        case "get.sources_groups": return dataset.sourceGroups
        default: return nil
        }
    }

    private func dispatch(method: String, params: UISWireValue) throws -> UISWireValue {
        let table = table(for: method)
        guard table != nil || method == "login.user" || method == "logout.user" else {
            throw UISFakeError("method_not_found", field: "method", value: .string(method))
        }
        if method == "login.user" {
            try checkUnexpected(params, allowed: ["login", "password"])
            guard let login = params["login"] else { throw UISFakeError("required_parameter_missed", field: "login") }
            guard let password = params["password"] else {
                throw UISFakeError("required_parameter_missed", field: "password")
            }
            guard login.string != nil, password.string != nil else { throw UISFakeError("data_type_error", field: "login") }
            guard login.string == configuration.login, password.string == configuration.password else {
                throw UISFakeError("auth_error")
            }
            try preflight(method: method)
            let (token, expireAt) = state.withLock { state -> (String, Int) in
                state.sessionCounter += 1
                let token = "session-\(state.sessionCounter)-" + String(state.generator.next(), radix: 16)
                state.sessions[token] = clock.now.advanced(by: configuration.sessionLifetime)
                let expireAt = clock.date.addingTimeInterval(configuration.sessionLifetime.seconds)
                return (token, Int(expireAt.timeIntervalSince1970))
            }
            return charge(method: method, data: .object([("access_token", .string(token)), ("expire_at", .int(expireAt)),
                                                         ("app_id", .int(1))]), total: nil)
        }
        try authenticate(params, method: method)
        if method == "logout.user" {
            try checkUnexpected(params, allowed: ["access_token"])
            try preflight(method: method)
            if let token = params["access_token"]?.string { state.withLock { _ = $0.sessions.removeValue(forKey: token) } }
            return charge(method: method, data: .object([]), total: nil)
        }
        guard let table else { throw UISFakeError("method_not_found") }
        try checkUnexpected(params, allowed: Self.getParams)
        if let userID = params["user_id"] {
            guard case .int = userID else { throw UISFakeError("data_type_error", field: "user_id", value: userID) }
        }
        try preflight(method: method)
        let query = try UISFakeQuery(params: params, table: table)
        let (rows, total) = query.run(on: table)
        return charge(method: method, data: .array(rows), total: total)
    }

    private func checkUnexpected(_ params: UISWireValue, allowed: Set<String>) throws {
        guard case .object(let members) = params else { return }
        if let extra = members.map(\.0).filter({ !allowed.contains($0) }).sorted().first {
            throw UISFakeError("unexpected_parameters", field: extra, value: .string(extra))
        }
    }

    /// Checks `params.access_token`: the permanent key, a live session, or one of the documented key errors. An
    /// unknown key is echoed in `data.value`, as a real server may do: clients must not print it.
    private func authenticate(_ params: UISWireValue, method: String) throws {
        guard let tokenValue = params["access_token"] else {
            throw UISFakeError("required_parameter_missed", field: "access_token")
        }
        guard let token = tokenValue.string else {
            throw UISFakeError("data_type_error", field: "access_token", value: tokenValue)
        }
        if token == configuration.token { return }
        if token == configuration.expiredToken { throw UISFakeError("access_token_expired", field: "access_token") }
        if token == configuration.blockedToken { throw UISFakeError("access_token_blocked", field: "access_token") }
        let expiry = state.withLock { $0.sessions[token] }
        if let expiry {
            if clock.now < expiry || method == "logout.user" { return }
            throw UISFakeError("access_token_expired", field: "access_token")
        }
        throw UISFakeError("access_token_invalid", field: "access_token", value: .string(token))
    }

    /// Rights, injected errors and the point limits, in that order; nothing is charged here.
    private func preflight(method: String) throws {
        if configuration.forbiddenMethods.contains(method) { throw UISFakeError("forbidden") }
        let injected = state.withLock { state -> String? in
            guard let index = state.injected.firstIndex(where: { $0.method == nil || $0.method == method }) else {
                return nil
            }
            state.injected[index].count -= 1
            let mnemonic = state.injected[index].mnemonic
            if state.injected[index].count <= 0 { state.injected.remove(at: index) }
            return mnemonic
        }
        if let injected {
            switch injected {
            case "ip_not_whitelisted": throw UISFakeError(injected, params: [("ip", .string("203.0.113.7"))])
            case "method_component_disabled":
                throw UISFakeError(injected, params: [("components", .string("call_tracking"))])
            default: throw UISFakeError(injected)
            }
        }
        let spent = state.withLock { state -> (String, Int)? in
            let now = clock.now
            state.minute.refresh(now: now)
            state.day.refresh(now: now)
            if state.day.remaining == 0 { return ("day", state.day.limit) }
            if state.minute.remaining == 0 { return ("minute", state.minute.limit) }
            return nil
        }
        if let (type, limit) = spent {
            throw UISFakeError("limit_exceeded", params: [("limit_type", .string(type)), ("limit_max_value", .int(limit))])
        }
    }

    /// Charges one point for a successful call and wraps the data.
    private func charge(method: String, data: UISWireValue, total: Int?) -> UISWireValue {
        state.withLock { state in
            let now = clock.now
            state.minute.charge(now: now)
            state.day.charge(now: now)
            state.calls[method, default: 0] += 1
        }
        return .object([("data", data), ("metadata", metadata(total: total))])
    }

    private func metadata(total: Int?) -> UISWireValue {
        var members: [(String, UISWireValue)] = []
        if let total { members.append(("total_items", .int(total))) }
        members.append(("version", .null))
        guard configuration.reportsLimits else { return .object(members + [("limits", .object([]))]) }
        let limits = state.withLock { state -> UISWireValue in
            let now = clock.now
            state.minute.refresh(now: now)
            state.day.refresh(now: now)
            return .object([
                ("day_limit", .int(state.day.limit)), ("day_remaining", .int(state.day.remaining)),
                ("day_reset", .int(state.day.resetSeconds(now: now))),
                ("minute_limit", .int(state.minute.limit)), ("minute_remaining", .int(state.minute.remaining)),
                ("minute_reset", .int(state.minute.resetSeconds(now: now))),
            ])
        }
        return .object(members + [("limits", limits)])
    }
}
