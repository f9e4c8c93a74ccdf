import CTBulkCore
import CalltouchAPI
import Foundation
import GRDB

/// The crash-safe record of apply runs (SQLite through GRDB, WAL mode, owner-only permissions).
///
/// A run records the job file's hash, the account, the options, start, end and status. Every row records an
/// *intent* (the live state read just before, and the attempt) before its request is sent, and an *outcome* after
/// it. A process killed at any instant leaves rows with an outcome (never sent again), rows with an intent and no
/// outcome (in doubt: re-read from live state on resume), and rows not started.
public struct Journal: Sendable {
    private let writer: any DatabaseWriter
    public let path: String
    /// The clock the timestamps come from.
    public let clock: RunClock

    /// Opens (creating if needed) the journal at `path`; the folder is created with mode 0700 and the file 0600.
    public init(path: String, clock: RunClock = .system) throws(JournalError) {
        self.path = path
        self.clock = clock
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        do {
            if !FileManager.default.fileExists(atPath: folder) {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            }
            let existed = FileManager.default.fileExists(atPath: path)
            if !existed {
                guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                    throw JournalError(path: path, reason: "cannot create the file")
                }
            }
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            configuration.prepareDatabase { db in
                // WAL with synchronous=NORMAL: every committed transaction survives the process being killed (it is
                // in the WAL file); only an OS crash or power loss can lose the last ones.
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            let pool = try DatabasePool(path: path, configuration: configuration)
            writer = pool
            try Self.migrator.migrate(pool)
            for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
                try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path + suffix)
            }
        } catch let error as JournalError {
            throw error
        } catch {
            throw JournalError(path: path, underlying: error)
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("job_path", .text).notNull()
                t.column("job_sha256", .text).notNull()
                t.column("account", .text).notNull()
                t.column("options", .text).notNull()
                t.column("csv_layout", .text)
                t.column("started_at", .double).notNull()
                t.column("ended_at", .double)
                t.column("status", .text).notNull()
                t.column("stop_reason", .text)
                t.column("total_rows", .integer).notNull()
            }
            try db.create(index: "run_job_account", on: "run", columns: ["job_sha256", "account"])
            try db.create(table: "run_row") { t in
                t.column("run_id", .integer).notNull().references("run", onDelete: .cascade)
                t.column("row", .integer).notNull()
                t.column("phone", .text).notNull()
                t.column("planned_action", .text).notNull()
                t.column("desired", .text).notNull()
                t.column("planned_live", .text).notNull()
                t.column("before", .text)
                t.column("sent_action", .text)
                t.column("intent_at", .double)
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("outcome", .text)
                t.column("http_status", .integer)
                t.column("error_category", .text)
                t.column("message", .text)
                t.column("finished_at", .double)
                t.primaryKey(["run_id", "row"])
            }
        }
        migrator.registerMigration("v2-run-process") { db in
            // The process that runs (or last ran) a run: a `running` run whose process is gone was interrupted.
            try db.alter(table: "run") { t in t.add(column: "pid", .integer) }
        }
        migrator.registerMigration("v3-row-note") { db in
            // A row's note as a typed message (key and arguments, JSON), so reports render it in the run's language;
            // `message` keeps the English for older readers and the log.
            try db.alter(table: "run_row") { t in t.add(column: "note", .text) }
        }
        return migrator
    }

    // MARK: Runs

    /// Starts a run: the run and every planned row in one transaction.
    public func startRun(plan: Plan, account: String, options: String) throws(JournalError) -> Int64 {
        let startedAt = clock.date.timeIntervalSince1970
        return try write { db in
            let layout = try plan.csv.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
            try db.execute(sql: """
                INSERT INTO run (job_path, job_sha256, account, options, csv_layout, started_at, status, total_rows, pid)
                VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?)
                """, arguments: [plan.inputPath, plan.inputSHA256, account, options, layout, startedAt, plan.rows.count, getpid()])
            let runID = db.lastInsertedRowID
            let statement = try db.makeStatement(sql: """
                INSERT INTO run_row (run_id, row, phone, planned_action, desired, planned_live, error_category, message, note)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for row in plan.rows {
                // A row the plan already knows it cannot apply keeps the plan's reason for the reports.
                let note = row.problem.map { Message("note.problem", ["code": .text($0.code.rawValue), "message": .message($0.text)]) }
                try statement.execute(arguments: [runID, row.row, row.phoneNumber.digits, row.action.rawValue,
                                                  try JSONCoding.encode(row.desired), try JSONCoding.encode(row.live),
                                                  row.problem?.code.rawValue, note?.render(.en), try note.map { try JSONCoding.encode($0) }])
            }
            return runID
        }
    }

    /// The newest unfinished run of this job on this account, if any.
    public func unfinishedRun(jobSHA256: String, account: String) throws(JournalError) -> RunRecord? {
        try read { db in
            try RunRecord.fetchOne(db, sql: """
                SELECT * FROM run WHERE job_sha256 = ? AND account = ? AND status IN ('running', 'stopped', 'paused')
                ORDER BY id DESC LIMIT 1
                """, arguments: [jobSHA256, account])
        }
    }

    /// The newest unfinished run of any job.
    public func latestUnfinishedRun() throws(JournalError) -> RunRecord? {
        try read { db in
            try RunRecord.fetchOne(db, sql: "SELECT * FROM run WHERE status IN ('running', 'stopped', 'paused') ORDER BY id DESC LIMIT 1")
        }
    }

    public func run(_ id: Int64) throws(JournalError) -> RunRecord? {
        try read { db in try RunRecord.fetchOne(db, sql: "SELECT * FROM run WHERE id = ?", arguments: [id]) }
    }

    public func runs() throws(JournalError) -> [RunRecord] {
        try read { db in try RunRecord.fetchAll(db, sql: "SELECT * FROM run ORDER BY id") }
    }

    public func finishRun(_ id: Int64, status: RunStatus, reason: String?) throws(JournalError) {
        let endedAt = clock.date.timeIntervalSince1970
        try write { db in
            try db.execute(sql: "UPDATE run SET status = ?, stop_reason = ?, ended_at = ? WHERE id = ?",
                           arguments: [status.rawValue, reason, endedAt, id])
        }
    }

    /// Marks a stopped run as running again (resume).
    public func reopenRun(_ id: Int64) throws(JournalError) {
        try write { db in
            try db.execute(sql: "UPDATE run SET status = 'running', stop_reason = NULL, ended_at = NULL, pid = ? WHERE id = ?",
                           arguments: [getpid(), id])
        }
    }

    // MARK: Rows

    public func rows(of runID: Int64) throws(JournalError) -> [RowRecord] {
        try read { db in try RowRecord.fetchAll(db, sql: "SELECT * FROM run_row WHERE run_id = ? ORDER BY row", arguments: [runID]) }
    }

    /// One row of a run (its outcome and note as recorded), or nil.
    public func row(_ row: Int, of runID: Int64) throws(JournalError) -> RowRecord? {
        try read { db in try RowRecord.fetchOne(db, sql: "SELECT * FROM run_row WHERE run_id = ? AND row = ?", arguments: [runID, row]) }
    }

    /// Rows of a run that have no outcome yet (pending or in doubt).
    public func openRows(of runID: Int64) throws(JournalError) -> [RowRecord] {
        try read { db in
            try RowRecord.fetchAll(db, sql: "SELECT * FROM run_row WHERE run_id = ? AND outcome IS NULL ORDER BY row", arguments: [runID])
        }
    }

    /// Counts of rows by outcome (`pending` for none, `in-doubt` for an intent without outcome).
    public func counts(of runID: Int64) throws(JournalError) -> [String: Int] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT CASE WHEN outcome IS NOT NULL THEN outcome WHEN intent_at IS NOT NULL THEN 'in-doubt' ELSE 'pending' END AS k,
                       COUNT(*) AS n FROM run_row WHERE run_id = ? GROUP BY k
                """, arguments: [runID])
            var counts: [String: Int] = [:]
            for row in rows { counts[row["k"]] = row["n"] }
            return counts
        }
    }

    /// Records that a request is about to be sent for a row (and the live state read just before it, the first time).
    public func recordIntent(runID: Int64, row: Int, action: WriteAction, before: LiveNumber?, attempt: Int) async throws(JournalError) {
        let beforeText: String?
        do { beforeText = try before.map { try JSONCoding.encode($0) } } catch {
            throw JournalError(path: path, reason: String(describing: error))
        }
        let now = clock.date.timeIntervalSince1970
        try await writeAsync { db in
            if let beforeText {
                try db.execute(sql: """
                    UPDATE run_row SET intent_at = ?, sent_action = ?, attempts = ?, before = COALESCE(before, ?)
                    WHERE run_id = ? AND row = ?
                    """, arguments: [now, action.rawValue, attempt, beforeText, runID, row])
            } else {
                try db.execute(sql: "UPDATE run_row SET intent_at = ?, sent_action = ?, attempts = ? WHERE run_id = ? AND row = ?",
                               arguments: [now, action.rawValue, attempt, runID, row])
            }
        }
    }

    /// Takes back an intent whose request was never sent (the run stopped while it waited for the rate limiter): the
    /// row is pending again, not in doubt.
    public func withdrawIntent(runID: Int64, row: Int, attempt: Int) async throws(JournalError) {
        try await writeAsync { db in
            try db.execute(sql: "UPDATE run_row SET intent_at = NULL, sent_action = NULL, attempts = ? WHERE run_id = ? AND row = ? AND outcome IS NULL",
                           arguments: [max(attempt - 1, 0), runID, row])
        }
    }

    /// Records that the API refused the row's last request before processing it (429, a spent points budget, refused
    /// credentials): it cannot have taken effect, so the row is no longer in doubt but pending. The attempts and the
    /// before-image stay.
    public func recordRefused(runID: Int64, row: Int) async throws(JournalError) {
        try await writeAsync { db in
            try db.execute(sql: "UPDATE run_row SET intent_at = NULL WHERE run_id = ? AND row = ? AND outcome IS NULL",
                           arguments: [runID, row])
        }
    }

    /// Records a row's outcome.
    /// `note` is the typed message (rendered in the reports' language); `message` its English, kept for the log and
    /// older readers (when only `note` is given, its English rendering).
    public func recordOutcome(runID: Int64, row: Int, outcome: RowOutcome, httpStatus: Int?, category: String?,
                              message: String? = nil, note: Message? = nil, attempts: Int) async throws(JournalError) {
        let now = clock.date.timeIntervalSince1970
        let english = message ?? note?.render(.en)
        let encoded = note.flatMap { try? JSONCoding.encode($0) }
        try await writeAsync { db in
            try db.execute(sql: """
                UPDATE run_row SET outcome = ?, http_status = ?, error_category = ?, message = ?, note = ?,
                       attempts = MAX(attempts, ?), finished_at = ? WHERE run_id = ? AND row = ?
                """, arguments: [outcome.rawValue, httpStatus, category, english, encoded, attempts, now, runID, row])
        }
    }

    /// Records many outcomes in one transaction (no-op rows at the start of a run).
    public func recordOutcomes(runID: Int64, rows: [Int], outcome: RowOutcome, note: Message?) throws(JournalError) {
        let now = clock.date.timeIntervalSince1970
        let english = note?.render(.en)
        let encoded = note.flatMap { try? JSONCoding.encode($0) }
        try write { db in
            let statement = try db.makeStatement(sql: """
                UPDATE run_row SET outcome = ?, message = COALESCE(message, ?), note = COALESCE(note, ?), finished_at = ?
                WHERE run_id = ? AND row = ? AND outcome IS NULL
                """)
            for row in rows { try statement.execute(arguments: [outcome.rawValue, english, encoded, now, runID, row]) }
        }
    }

    /// Records rows that verification found not as desired after apply: their outcome becomes `failed` with what
    /// the account holds, so the reports list them and the exit code says so.
    public func recordNotAsDesired(runID: Int64, rows: [(row: Int, live: LiveNumber)]) throws(JournalError) {
        let now = clock.date.timeIntervalSince1970
        try write { db in
            let statement = try db.makeStatement(sql: """
                UPDATE run_row SET outcome = 'failed', error_category = 'verify', message = ?, note = ?, finished_at = ?
                WHERE run_id = ? AND row = ?
                """)
            for item in rows {
                let note = RowNote.notAsDesiredWhenVerified(item.live).text
                try statement.execute(arguments: [note.render(.en), try JSONCoding.encode(note), now, runID, item.row])
            }
        }
    }

    // MARK: Plumbing

    /// A write that suspends instead of blocking a thread of the cooperative pool while SQLite commits (a blocked
    /// worker on a 2-core machine is a stall the rate limiter cannot see).
    private func writeAsync<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(JournalError) -> T {
        do { return try await writer.write(body) } catch { throw JournalError(path: path, underlying: error) }
    }

    private func write<T>(_ body: (Database) throws -> T) throws(JournalError) -> T {
        do { return try writer.write(body) } catch { throw JournalError(path: path, underlying: error) }
    }

    private func read<T>(_ body: (Database) throws -> T) throws(JournalError) -> T {
        do { return try writer.read(body) } catch { throw JournalError(path: path, underlying: error) }
    }
}

/// The journal could not be opened, read or written.
public struct JournalError: Error, Sendable, CustomStringConvertible {
    /// What kind of trouble it is.
    public enum Kind: Sendable, Equatable {
        /// The file is not a ctbulk journal, or SQLite finds it corrupt.
        case damaged
        /// The file or its folder cannot be created, read or written (permissions, a full disk, a lock held too long).
        case unavailable
        /// A record in it cannot be decoded (written by a newer ctbulk, or edited by hand).
        case unreadableRecord
    }

    public var path: String
    public var kind: Kind
    /// The technical reason (SQLite's message), for the log; people get ``description``.
    public var reason: String

    public init(path: String, reason: String, kind: Kind = .unavailable) {
        self.path = path
        self.reason = reason
        self.kind = kind
    }

    /// Classifies a failure of GRDB/SQLite.
    init(path: String, underlying error: any Error) {
        self.path = path
        self.reason = String(describing: error)
        if let database = error as? DatabaseError {
            switch database.resultCode {
            case .SQLITE_NOTADB, .SQLITE_CORRUPT, .SQLITE_FORMAT: kind = .damaged
            default: kind = .unavailable
            }
        } else if error is DecodingError {
            kind = .unreadableRecord
        } else {
            kind = .unavailable
        }
    }

    /// One sentence for people: what is wrong with which file, and what to do.
    public var text: Message {
        let arguments: [String: Message.Argument] = ["path": .text(path), "reason": .text(reason)]
        switch kind {
        case .damaged: return Message("journal.damaged", arguments)
        case .unreadableRecord: return Message("journal.unreadable_record", arguments)
        case .unavailable: return Message("journal.unavailable", arguments)
        }
    }

    /// ``text`` in English.
    public var description: String { text.render(.en) }
}

/// JSON for the journal's text columns.
enum JSONCoding {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
