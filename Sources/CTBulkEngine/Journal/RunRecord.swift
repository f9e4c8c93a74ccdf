import CTBulkCore
import CalltouchAPI
import Foundation
import GRDB

/// The state of a run.
public enum RunStatus: String, Sendable, Codable, CaseIterable {
    case running, completed, stopped, paused, failed
    /// Shown (never stored) for a `running` run whose process is gone: killed, or quit at a second Ctrl-C or a hang-up.
    case interrupted

    /// The status in words for people (`status.run.<raw>`); `--format json` keeps ``rawValue``.
    public var text: Message { Message("status.run." + rawValue) }
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
    /// The process that ran it last.
    public var pid: Int32?

    enum CodingKeys: String, CodingKey {
        case id, account, options, status, pid
        case jobPath = "job_path", jobSHA256 = "job_sha256", csvLayout = "csv_layout", startedAt = "started_at"
        case endedAt = "ended_at", stopReason = "stop_reason", totalRows = "total_rows"
    }

    /// The status as people should see it: a `running` run whose process is gone is ``RunStatus/interrupted``.
    public var effectiveStatus: RunStatus {
        guard status == .running else { return status }
        guard let pid, pid > 0 else { return .interrupted }
        if kill(pid, 0) == 0 || errno == EPERM { return .running }
        return .interrupted
    }

    /// The input's CSV layout, when the job was a CSV file.
    public var layout: CSVLayout? {
        guard let csvLayout else { return nil }
        return try? JSONCoding.decode(CSVLayout.self, csvLayout)
    }
}

/// One row of a run in the journal, with typed columns: the plan's action, the desired settings, the live state
/// the plan saw, the before-image, the request sent, and the outcome.
public struct RowRecord: Sendable, FetchableRecord, Decodable {
    /// Where a row is in its life, as the journal shows it.
    public enum State: Sendable, Equatable {
        /// No request outstanding.
        case pending
        /// An intent without an outcome: the request may or may not have reached the API.
        case inDoubt
        /// The row has its outcome.
        case settled(RowOutcome)
    }

    public var runID: Int64
    public var row: Int
    public var phone: String
    public var plannedAction: PlanAction
    public var desired: NumberSettings
    public var plannedLive: LiveNumber
    /// The live state read just before the first request was sent (the before-image for undo).
    public var before: LiveNumber?
    public var sentAction: WriteAction?
    public var intentAt: Double?
    public var attempts: Int
    public var outcome: RowOutcome?
    public var httpStatus: Int?
    public var errorCategory: String?
    public var message: String?
    /// The typed note behind ``message`` (nil in journals written before notes were typed).
    public var note: Message?
    public var finishedAt: Double?

    /// The row's note in `language` (the English ``message`` when the journal has no typed note).
    public func noteText(_ language: Language) -> String? { note?.render(language) ?? message }

    enum CodingKeys: String, CodingKey {
        case row, phone, desired, before, attempts, outcome, message, note
        case runID = "run_id", plannedAction = "planned_action", plannedLive = "planned_live", sentAction = "sent_action"
        case intentAt = "intent_at", httpStatus = "http_status", errorCategory = "error_category", finishedAt = "finished_at"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        runID = try c.decode(Int64.self, forKey: .runID)
        row = try c.decode(Int.self, forKey: .row)
        phone = try c.decode(String.self, forKey: .phone)
        plannedAction = try c.decode(PlanAction.self, forKey: .plannedAction)
        desired = try JSONCoding.decode(NumberSettings.self, try c.decode(String.self, forKey: .desired))
        plannedLive = try JSONCoding.decode(LiveNumber.self, try c.decode(String.self, forKey: .plannedLive))
        before = try c.decodeIfPresent(String.self, forKey: .before).map { try JSONCoding.decode(LiveNumber.self, $0) }
        sentAction = try c.decodeIfPresent(WriteAction.self, forKey: .sentAction)
        intentAt = try c.decodeIfPresent(Double.self, forKey: .intentAt)
        attempts = try c.decode(Int.self, forKey: .attempts)
        outcome = try c.decodeIfPresent(RowOutcome.self, forKey: .outcome)
        httpStatus = try c.decodeIfPresent(Int.self, forKey: .httpStatus)
        errorCategory = try c.decodeIfPresent(String.self, forKey: .errorCategory)
        message = try c.decodeIfPresent(String.self, forKey: .message)
        note = try c.decodeIfPresent(String.self, forKey: .note).flatMap { try? JSONCoding.decode(Message.self, $0) }
        finishedAt = try c.decodeIfPresent(Double.self, forKey: .finishedAt)
    }

    public var phoneNumber: PhoneNumber? { PhoneNumber(canonical: phone) }
    /// Intent recorded, no outcome: the request may or may not have reached the API.
    public var isInDoubt: Bool { intentAt != nil && outcome == nil }

    public var state: State {
        if let outcome { return .settled(outcome) }
        return intentAt != nil ? .inDoubt : .pending
    }
}
