import CTBulkCore
import CalltouchAPI
import Foundation
import GRDB

/// The state of a run.
public enum RunStatus: String, Sendable, Codable {
    case running, completed, stopped, paused, failed
}

/// One run in the journal.
public struct RunRecord: Sendable, FetchableRecord, Decodable {
    public var id: Int64
    public var jobPath: String
    public var jobSHA256: String
    public var account: String
    public var options: String
    public var csvLayout: String?
    public var startedAt: Double
    public var endedAt: Double?
    public var status: RunStatus
    public var stopReason: String?
    public var totalRows: Int

    enum CodingKeys: String, CodingKey {
        case id, account, options, status
        case jobPath = "job_path", jobSHA256 = "job_sha256", csvLayout = "csv_layout", startedAt = "started_at"
        case endedAt = "ended_at", stopReason = "stop_reason", totalRows = "total_rows"
    }

    /// The input's CSV layout, when the job was a CSV file.
    public var layout: CSVLayout? {
        guard let csvLayout else { return nil }
        return try? JSONCoding.decode(CSVLayout.self, csvLayout)
    }
}

/// One row of a run in the journal.
public struct RowRecord: Sendable, FetchableRecord, Decodable {
    public var runID: Int64
    public var row: Int
    public var phone: String
    public var plannedAction: String
    public var desired: String
    public var plannedLive: String
    public var before: String?
    public var sentAction: String?
    public var intentAt: Double?
    public var attempts: Int
    public var outcome: RowOutcome?
    public var httpStatus: Int?
    public var errorCategory: String?
    public var message: String?
    public var finishedAt: Double?

    enum CodingKeys: String, CodingKey {
        case row, phone, desired, before, attempts, outcome, message
        case runID = "run_id", plannedAction = "planned_action", plannedLive = "planned_live", sentAction = "sent_action"
        case intentAt = "intent_at", httpStatus = "http_status", errorCategory = "error_category", finishedAt = "finished_at"
    }

    public var phoneNumber: PhoneNumber? { PhoneNumber(canonical: phone) }
    public var desiredSettings: NumberSettings? { try? JSONCoding.decode(NumberSettings.self, desired) }
    public var plannedLiveState: LiveNumber? { try? JSONCoding.decode(LiveNumber.self, plannedLive) }
    /// The live state read just before the first request was sent (the before-image for undo).
    public var beforeState: LiveNumber? { before.flatMap { try? JSONCoding.decode(LiveNumber.self, $0) } }
    /// Intent recorded, no outcome: the request may or may not have reached the API.
    public var isInDoubt: Bool { intentAt != nil && outcome == nil }
}
