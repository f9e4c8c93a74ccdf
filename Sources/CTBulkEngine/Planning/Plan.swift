import CTBulkCore
import Foundation

/// What a plan will do with one row.
public enum PlanAction: String, Sendable, Codable, CaseIterable {
    /// The number is free: add settings (the free-number method).
    case create
    /// The number is in a pool and differs: update it.
    case update
    /// Already as desired: no request is sent.
    case noop = "no-op"
    /// Cannot be applied (the number is not in the account).
    case error
}

/// One row of a plan: what the job wants, what the account has, and what will be sent.
public struct PlannedRow: Sendable, Codable, Equatable {
    public var row: Int
    public var phoneNumber: PhoneNumber
    /// The row's settings (unset fields: leave as they are).
    public var desired: NumberSettings
    /// The account's state when the plan was made.
    public var live: LiveNumber
    public var action: PlanAction
    /// Field by field, for create and update.
    public var changes: [FieldChange]
    /// The body to send: the desired settings for a free number; for a used one, the live settings with the
    /// desired ones laid over them, so fields the row leaves blank keep their values whatever the API does with
    /// omitted fields.
    public var body: NumberSettings?
    /// For `error` rows.
    public var problem: Problem?

    public init(row: Int, phoneNumber: PhoneNumber, desired: NumberSettings, live: LiveNumber) {
        self.row = row
        self.phoneNumber = phoneNumber
        self.desired = desired
        self.live = live
        switch RowDecision(desired: desired, live: live) {
        case .unknown:
            action = .error
            changes = []
            problem = Problem(.numberUnknown, row: row, column: "phoneNumber", value: phoneNumber.digits)
        case .needsSource(let changes):
            self.changes = changes
            action = .error
            problem = Problem(.freeNumberNeedsSource, row: row, column: "displayOptions.source", value: phoneNumber.digits)
        case .create(let body, let changes):
            self.changes = changes
            action = .create
            self.body = body
        case .update(let body, let changes):
            self.changes = changes
            action = .update
            self.body = body
        case .noop:
            changes = []
            action = .noop
        }
    }
}

/// Counts and costs of a plan.
public struct PlanSummary: Sendable, Codable, Equatable {
    public var create = 0
    public var update = 0
    public var noop = 0
    public var errors = 0
    /// Rows with errors in the job file, left out by `--skip-invalid`.
    public var invalid = 0
    /// Requests the plan read live state with.
    public var readRequests = 0
    /// Requests apply will send: one per create or update, plus the re-read of live state before writing.
    public var writeRequests: Int { create + update }
    public var applyReadRequests = 0
    /// Reads that verify the result after apply (every row that should end as desired, in batches); 0 with
    /// `--no-verify`.
    public var verifyReadRequests = 0
    /// One point per successful request.
    public var points: Int { writeRequests + applyReadRequests + verifyReadRequests }
    /// Seconds at the configured rate.
    public var estimatedSeconds: Double = 0
    public var rate: Int = 5

    public var hasChanges: Bool { create + update > 0 }

    public init() {}

    enum CodingKeys: String, CodingKey {
        case create, update, noop, errors, invalid, readRequests, applyReadRequests, verifyReadRequests, estimatedSeconds, rate
    }

    /// Plans saved before verification existed have no `verifyReadRequests`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        create = try c.decode(Int.self, forKey: .create)
        update = try c.decode(Int.self, forKey: .update)
        noop = try c.decode(Int.self, forKey: .noop)
        errors = try c.decode(Int.self, forKey: .errors)
        invalid = try c.decodeIfPresent(Int.self, forKey: .invalid) ?? 0
        readRequests = try c.decode(Int.self, forKey: .readRequests)
        applyReadRequests = try c.decode(Int.self, forKey: .applyReadRequests)
        verifyReadRequests = try c.decodeIfPresent(Int.self, forKey: .verifyReadRequests) ?? 0
        estimatedSeconds = try c.decode(Double.self, forKey: .estimatedSeconds)
        rate = try c.decode(Int.self, forKey: .rate)
    }

    /// Reads to verify `rows` rows in batches of `batch`.
    /// Read requests for `rows` numbers at `batch` numbers a request.
    public static func batches(_ rows: Int, _ batch: Int) -> Int { rows == 0 ? 0 : (rows + max(batch, 1) - 1) / max(batch, 1) }
}

/// A saved plan (`plan --out PLAN.json`): the input file's hash, the normalised rows, the live state as read and the
/// actions. `apply PLAN.json` re-checks each row's live state before sending it.
public struct Plan: Sendable, Codable {
    public static let formatVersion = 1

    public var version = Plan.formatVersion
    public var createdAt: Date
    public var inputPath: String
    public var inputSHA256: String
    /// The input's CSV layout (reports are written in the same dialect), nil for JSON.
    public var csv: CSVLayout?
    public var baseURL: String
    public var siteID: String
    public var readBatchSize: Int
    public var rows: [PlannedRow]
    public var summary: PlanSummary
    /// Rows with errors in the job file, left out by `--skip-invalid` (nil in plans without any).
    public var invalidRows: [InvalidRow]?

    /// Records the rows `--skip-invalid` left out: they are counted in the summary and listed in the reports.
    public mutating func skipping(_ invalid: [InvalidRow]) {
        guard !invalid.isEmpty else { return }
        invalidRows = invalid
        summary.invalid = invalid.count
    }

    public init(createdAt: Date, inputPath: String, inputSHA256: String, csv: CSVLayout?, baseURL: String,
                siteID: String, readBatchSize: Int, rate: Int, rows: [PlannedRow], readRequests: Int, verify: Bool = true) {
        self.createdAt = createdAt
        self.inputPath = inputPath
        self.inputSHA256 = inputSHA256
        self.csv = csv
        self.baseURL = baseURL
        self.siteID = siteID
        self.readBatchSize = readBatchSize
        self.rows = rows
        var summary = PlanSummary()
        for row in rows {
            switch row.action {
            case .create: summary.create += 1
            case .update: summary.update += 1
            case .noop: summary.noop += 1
            case .error: summary.errors += 1
            }
        }
        summary.readRequests = readRequests
        let toWrite = summary.create + summary.update
        summary.applyReadRequests = PlanSummary.batches(toWrite, readBatchSize)
        summary.verifyReadRequests = verify && toWrite > 0 ? PlanSummary.batches(toWrite + summary.noop, readBatchSize) : 0
        summary.rate = rate
        summary.estimatedSeconds = Double(summary.points) / Double(max(rate, 1))
        self.summary = summary
    }

    /// Writes the plan as JSON, readable by its owner only (it holds the account's settings).
    public func save(to path: String) throws(ReportError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        do {
            let data = try encoder.encode(self)
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        } catch {
            throw ReportError(path: path, reason: String(describing: error))
        }
    }

    /// Reads a saved plan.
    public static func load(from path: String) throws(JobFileError) -> Plan {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw JobFileError(path: path, reason: .notFound)
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            let plan = try decoder.decode(Plan.self, from: data)
            guard plan.version == formatVersion else {
                throw JobFileError(path: path, reason: .unreadable("plan format version \(plan.version), expected \(formatVersion)"))
            }
            return plan
        } catch let error as JobFileError {
            throw error
        } catch {
            throw JobFileError(path: path, reason: .unreadable("not a ctbulk plan: \(error)"))
        }
    }

    /// True when the data looks like a saved plan rather than a JSON job.
    public static func looksLikePlan(path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path), data.count < 512 * 1024 * 1024,
              let head = String(data: data.prefix(4096), encoding: .utf8) else { return false }
        return head.contains("\"inputSHA256\"")
    }
}
