import CTBulkCore

/// How one number in the account compares with the job the team trusts.
public enum DriftStatus: String, Sendable, Codable, CaseIterable {
    /// Live equals desired in every field the job sets.
    case inSync = "in-sync"
    /// Live differs from desired (the fields and both values are listed).
    case changed
    /// The number is free, but the job wants it in a pool.
    case missing
    /// The number is not in the account.
    case unknown
}

/// One row of a drift report.
public struct DriftRow: Sendable, Codable, Equatable {
    public var row: Int
    public var phoneNumber: PhoneNumber
    public var status: DriftStatus
    public var desired: NumberSettings
    public var live: LiveNumber
    /// For `changed` and `missing`: field by field, live → desired.
    public var changes: [FieldChange]

    /// Compares one row with the account.
    public init(row: JobRow, live: LiveNumber) {
        self.row = row.row
        self.phoneNumber = row.phoneNumber
        self.desired = row.settings
        self.live = live
        let decision = RowDecision(desired: row.settings, live: live)
        changes = decision.changes
        switch decision {
        case .unknown: status = .unknown
        case .create, .needsSource: status = .missing
        case .update: status = .changed
        case .noop: status = .inSync
        }
    }
}

/// Drift of a whole job.
public struct DriftReport: Sendable, Codable {
    public var rows: [DriftRow]
    /// Requests the live-state read took.
    public var readRequests: Int

    public init(rows: [DriftRow], readRequests: Int) {
        self.rows = rows
        self.readRequests = readRequests
    }

    public func count(_ status: DriftStatus) -> Int { rows.filter { $0.status == status }.count }

    /// True when any row is not in sync.
    public var hasDrift: Bool { rows.contains { $0.status != .inSync } }
}

extension Planner {
    /// Reads live state for `rows` and compares.
    public func drift(rows: [JobRow]) async throws(NumberServiceError) -> DriftReport {
        let (live, requests) = try await readLive(rows.map(\.phoneNumber))
        return DriftReport(rows: rows.map { DriftRow(row: $0, live: live[$0.phoneNumber] ?? .unknown) }, readRequests: requests)
    }
}
