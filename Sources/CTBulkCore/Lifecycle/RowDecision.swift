/// What one row needs, given what the job wants and what the account has: the one rule that plan, apply and drift
/// share. A pure function of its two inputs.
public enum RowDecision: Sendable, Hashable {
    /// The number is free: add the settings (the body is the desired settings without "clear" markers).
    case create(body: NumberSettings, changes: [FieldChange])
    /// The number is in a pool and differs: update it (the body is the live settings with the desired ones laid over
    /// them, so fields the row leaves blank keep their values whatever the API does with omitted fields).
    case update(body: NumberSettings, changes: [FieldChange])
    /// Already as desired: nothing to send.
    case noop
    /// The number is not in the account: nothing can be sent.
    case unknown
    /// The number is free but the row gives no source: a used number is one with display options, so the API
    /// cannot add it to a pool. The changes are what the row would set.
    case needsSource(changes: [FieldChange])

    /// Decides what `desired` needs against `live`.
    public init(desired: NumberSettings, live: LiveNumber) {
        switch live {
        case .unknown:
            self = .unknown
        case .free:
            let changes = desired.changes(from: nil)
            if desired.displayOptions?.source == nil || desired.displayOptions?.source == "" {
                self = .needsSource(changes: changes)
            } else {
                self = .create(body: desired.withoutClears, changes: changes)
            }
        case .used(let current):
            let changes = desired.changes(from: current)
            self = changes.isEmpty ? .noop : .update(body: current.merging(desired), changes: changes)
        }
    }

    /// The field-by-field changes (empty for no-op and unknown).
    public var changes: [FieldChange] {
        switch self {
        case .create(_, let changes), .update(_, let changes), .needsSource(let changes): return changes
        case .noop, .unknown: return []
        }
    }

    /// The request to send, if one is needed and possible.
    public var write: (action: WriteAction, body: NumberSettings)? {
        switch self {
        case .create(let body, _): return (.create, body)
        case .update(let body, _): return (.update, body)
        case .noop, .unknown, .needsSource: return nil
        }
    }

    /// True when the account already has what the row wants.
    public var isSatisfied: Bool { self == .noop }
}

/// The request a row's write sends.
public enum WriteAction: String, Sendable, Hashable, Codable, CaseIterable {
    /// Add settings to a free number.
    case create
    /// Update a number in a pool.
    case update
}
