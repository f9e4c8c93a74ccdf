import CTBulkCore
import Synchronization

/// An in-memory account behind the ``NumberService`` protocol, with failures scripted per call: the engine's rules
/// (breaker, budget stop, 429, in-doubt rows, resume, canary, changed-since-plan) are tested against it without a
/// socket or a sleep. Every call passes `gate` first, as the real client's requests do.
public final class ScriptedNumberService: NumberService, Sendable {
    /// One call the engine made.
    public enum Call: Sendable, Equatable {
        case read([PhoneNumber])
        case create(PhoneNumber, NumberSettings)
        case update(PhoneNumber, NumberSettings)
        case free(PhoneNumber)

        /// The number a write is about.
        public var writtenNumber: PhoneNumber? {
            switch self {
            case .create(let number, _), .update(let number, _), .free(let number): return number
            case .read: return nil
            }
        }
    }

    /// What a scripted call does instead of (or as well as) its normal effect.
    public enum Fault: Sendable {
        /// Fails without any effect (the API refused it, or it never arrived).
        case fail(NumberServiceError)
        /// Takes effect, then fails as if the answer was lost.
        case applyThenFail(NumberServiceError)
        /// Runs `action` (e.g. a change of the account or a stop), then proceeds normally.
        case before(@Sendable () -> Void)
    }

    private struct State {
        var numbers: [PhoneNumber: NumberSettings?]
        var calls: [Call] = []
        /// Writes that took effect, by number.
        var applied: [PhoneNumber: Int] = [:]
    }

    public let account: AccountIdentity
    public let readBatchSize: Int
    private let gate: any RequestGate
    private let state: Mutex<State>
    private let script: @Sendable (Call, Int) -> Fault?

    /// - Parameters:
    ///   - numbers: the account: settings for a used number, nil for a free one; any other number is unknown.
    ///   - script: called with every call and its index (from 0, all calls counted); a fault replaces or precedes
    ///     the call's normal effect.
    public init(numbers: [PhoneNumber: NumberSettings?], readBatchSize: Int = 50, gate: any RequestGate = UnlimitedGate(),
                account: AccountIdentity = AccountIdentity(siteID: "1", baseURL: "http://127.0.0.1:1"),
                script: @escaping @Sendable (Call, Int) -> Fault? = { _, _ in nil }) {
        self.account = account
        self.readBatchSize = readBatchSize
        self.gate = gate
        self.state = Mutex(State(numbers: numbers))
        self.script = script
    }

    /// Every call so far, in order.
    public var calls: [Call] { state.withLock { $0.calls } }

    /// The account now: settings for a used number, nil for a free one.
    public var numbers: [PhoneNumber: NumberSettings?] { state.withLock { $0.numbers } }

    /// How many writes (create, update, free) were made for `number`, failed ones included.
    public func writes(of number: PhoneNumber) -> Int { calls.filter { $0.writtenNumber == number }.count }

    /// How many writes took effect for `number` (as the API's own counters would show).
    public func appliedWrites(of number: PhoneNumber) -> Int { state.withLock { $0.applied[number] ?? 0 } }

    /// Changes the account under a run (a hand edit in the cabinet).
    public func set(_ number: PhoneNumber, _ settings: NumberSettings?) { state.withLock { $0.numbers[number] = settings } }

    /// The live state of `number` now.
    public func live(_ number: PhoneNumber) -> LiveNumber {
        state.withLock { state in
            guard let entry = state.numbers[number] else { return .unknown }
            return entry.map(LiveNumber.used) ?? .free
        }
    }

    private func perform(_ call: Call, _ effect: () throws(NumberServiceError) -> Void) async throws(NumberServiceError) {
        do { try await gate.acquire() } catch {
            throw NumberServiceError(.cancelled, requestSent: false, description: "stopped before sending")
        }
        let index = state.withLock { state -> Int in
            state.calls.append(call)
            return state.calls.count - 1
        }
        switch script(call, index) {
        case .fail(let error)?: throw error
        case .applyThenFail(let error)?:
            try effect()
            throw error
        case .before(let action)?:
            action()
            try effect()
        case nil:
            try effect()
        }
    }

    public func liveStates(of numbers: [PhoneNumber]) async throws(NumberServiceError) -> [PhoneNumber: LiveNumber] {
        try await perform(.read(numbers)) {}
        var result: [PhoneNumber: LiveNumber] = [:]
        for number in numbers { result[number] = live(number) }
        return result
    }

    public func create(_ number: PhoneNumber, settings: NumberSettings) async throws(NumberServiceError) {
        try await perform(.create(number, settings)) { () throws(NumberServiceError) in
            try state.withLock { (state: inout State) throws(NumberServiceError) in
                guard let entry = state.numbers[number] else { throw Self.invalid("number_not_found") }
                guard entry == nil else { throw Self.invalid("number_in_use") }
                state.numbers[number] = settings
                state.applied[number, default: 0] += 1
            }
        }
    }

    public func update(_ number: PhoneNumber, settings: NumberSettings) async throws(NumberServiceError) {
        try await perform(.update(number, settings)) { () throws(NumberServiceError) in
            try state.withLock { (state: inout State) throws(NumberServiceError) in
                guard let entry = state.numbers[number], let current = entry else { throw Self.invalid("number_not_in_pool") }
                state.numbers[number] = current.merging(settings)
                state.applied[number, default: 0] += 1
            }
        }
    }

    public func free(_ number: PhoneNumber) async throws(NumberServiceError) {
        try await perform(.free(number)) { () throws(NumberServiceError) in
            try state.withLock { (state: inout State) throws(NumberServiceError) in
                guard state.numbers[number] != nil else { throw Self.invalid("number_not_found") }
                state.numbers[number] = .some(nil)
            }
        }
    }

    static func invalid(_ code: String) -> NumberServiceError {
        NumberServiceError(.invalidData, status: 400, body: "{\"error\":\"\(code)\"}", description: "invalid data (HTTP 400): \(code)")
    }
}

extension NumberServiceError {
    /// A failure as a test scripts it.
    public static func scripted(_ kind: Kind, status: Int? = nil, retryAfter: Duration? = nil,
                                requestSent: Bool = true) -> NumberServiceError {
        NumberServiceError(kind, status: status, retryAfter: retryAfter, requestSent: requestSent,
                           description: "scripted \(kind.rawValue)\(status.map { " (HTTP \($0))" } ?? "")")
    }
}
