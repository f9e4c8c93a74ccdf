import CTBulkCore
import CTBulkEngine
import CTBulkSandbox
import CTBulkTestSupport
import CalltouchAPI
import Foundation
import Synchronization
import Testing

/// The journal: intent before every request, outcome after it, owner-only files in WAL mode, and in-doubt rows
/// settled from live state on resume.
@Suite struct JournalTests {
    /// What the journal and the account showed at the moment one request was about to be sent.
    struct Snapshot: Sendable {
        var inDoubt: [RowRecord]
        var written: Set<String>
    }

    @Test func theIntentIsCommittedBeforeEachWriteIsSentAndTheOutcomeAfterIt() async throws {
        try await Sandbox.withSandbox(sandboxConfiguration(numbers: 30)) { sandbox in
            let initial = sandbox.numbers()
            let rows = jobRows(initial, count: 30)
            let plan = try await withClient(sandbox) { client in try await makePlan(client, rows) }
            let dir = ScratchDirectory()
            let journal = try Journal(path: dir.path("journal.sqlite"))
            let runID = try journal.startRun(plan: plan, account: accountLabel(sandbox), options: "{}")

            // Looks into the journal (through its own reader) and the account just before each request goes out.
            let snapshots = Mutex<[Snapshot]>([])
            let gate = ProbeGate {
                let inDoubt = ((try? journal.rows(of: runID)) ?? []).filter(\.isInDoubt)
                let written = Set(sandbox.stats().writes.keys)
                snapshots.withLock { $0.append(Snapshot(inDoubt: inDoubt, written: written)) }
            }
            let report = try await withClient(sandbox, readBatchSize: 100, gate: gate) { client in
                try await Applier(service: client, journal: journal,
                                  settings: ApplySettings(concurrency: 1, backoff: fastBackoff)).run(runID)
            }
            #expect(report.stopReason == nil)

            let taken = snapshots.withLock { $0 }
            let toWrite = plan.rows.filter { $0.action == .create || $0.action == .update }
            // The first request is the read of live state; one write per row follows, in row order.
            try #require(taken.count == toWrite.count + 1)
            #expect(taken[0].inDoubt.isEmpty)
            for (snapshot, planned) in zip(taken.dropFirst(), toWrite) {
                #expect(snapshot.inDoubt.map(\.row) == [planned.row], "exactly the row being sent has an intent and no outcome")
                guard let row = snapshot.inDoubt.first else { continue }
                #expect(row.sentAction?.rawValue == planned.action.rawValue)
                #expect(row.before == planned.live, "the before-image is the live state read just before")
                #expect(row.attempts == 1)
                #expect(row.outcome == nil && row.finishedAt == nil)
                #expect(!snapshot.written.contains(planned.phoneNumber.digits), "nothing reached the API before the intent")
            }

            for row in try journal.rows(of: runID) {
                if row.plannedAction == .noop {
                    #expect(row.outcome == .noop)
                    #expect(row.intentAt == nil && row.sentAction == nil && row.before == nil && row.attempts == 0)
                    #expect(row.finishedAt != nil)
                } else {
                    #expect(row.outcome == .applied)
                    #expect(row.sentAction?.rawValue == row.plannedAction.rawValue)
                    #expect(row.httpStatus == 200 && row.attempts == 1)
                    let intent = try #require(row.intentAt)
                    let finished = try #require(row.finishedAt)
                    #expect(intent <= finished)
                    #expect(row.before == row.plannedLive)
                }
            }
        }
    }

    @Test func theJournalIsOwnerOnlyInWALModeInAFolderOnlyTheOwnerCanEnter() async throws {
        let dir = ScratchDirectory()
        let path = dir.path("state/nested/journal.sqlite")
        try await Sandbox.withSandbox(sandboxConfiguration(numbers: 10)) { sandbox in
            let rows = jobRows(sandbox.numbers(), count: 10)
            try await withClient(sandbox) { client in
                let plan = try await makePlan(client, rows)
                let journal = try Journal(path: path)
                let runID = try journal.startRun(plan: plan, account: accountLabel(sandbox), options: "{}")
                _ = try await Applier(service: client, journal: journal,
                                      settings: ApplySettings(concurrency: 2, backoff: fastBackoff)).run(runID)

                func mode(_ path: String) throws -> Int {
                    try #require((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue)
                }
                #expect(try mode(path) == 0o600)
                #expect(try mode(dir.path("state/nested")) == 0o700)
                #expect(try mode(dir.path("state")) == 0o700)
                // WAL mode: the write-ahead log sits next to the database while it is open, owner-only as well.
                #expect(FileManager.default.fileExists(atPath: path + "-wal"))
                for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
                    #expect(try mode(path + suffix) == 0o600, "\(suffix)")
                }
            }
        }
        // The database header records WAL mode (file format versions 2 and 2 at offsets 18 and 19).
        let header = try #require(FileHandle(forReadingAtPath: path)).readData(ofLength: 100)
        #expect(header.count == 100)
        #expect(header.prefix(16) == Data("SQLite format 3\0".utf8))
        #expect(header.count == 100 && header[18] == 2 && header[19] == 2)
        // A journal opened again keeps its runs.
        #expect(try Journal(path: path).runs().count == 1)
    }

    @Test func rowsInDoubtAfterACrashAreSettledFromLiveStateAndNeverSentTwice() async throws {
        try await Sandbox.withSandbox(sandboxConfiguration(numbers: 40)) { sandbox in
            let initial = sandbox.numbers()
            let rows = jobRows(initial, count: 40)
            let changed = changedNumbers(initial, rows)
            try await withClient(sandbox) { client in
                let plan = try await makePlan(client, rows)
                let journal = try Journal(path: ScratchDirectory().path("journal.sqlite"))
                let runID = try journal.startRun(plan: plan, account: accountLabel(sandbox), options: "{}")
                let updates = plan.rows.filter { $0.action == .update }
                let creates = plan.rows.filter { $0.action == .create }
                try #require(updates.count >= 2 && creates.count >= 2)

                // A process killed with four requests out: the intent of each was recorded; the update and the
                // create for the first two reached the API (applied here by hand, as the API would have), the
                // other two never arrived.
                let arrived = [updates[0], creates[0]]
                let lost = [updates[1], creates[1]]
                for row in arrived + lost {
                    try await journal.recordIntent(runID: runID, row: row.row, action: row.action == .create ? .create : .update, before: row.live, attempt: 1)
                }
                for row in arrived { try sandbox.setNumber(row.phoneNumber, to: row.live.settings.map { $0.merging(row.desired) } ?? row.desired) }
                #expect(try journal.counts(of: runID)["in-doubt"] == 4)

                let report = try await Applier(service: client, journal: journal,
                                               settings: ApplySettings(concurrency: 4, backoff: fastBackoff)).run(runID)
                #expect(report.stopReason == nil)
                #expect(report.counts == ["applied": changed.count, "no-op": rows.count - changed.count])
                let byNumber = try rowsByNumber(journal, runID)
                let stats = sandbox.stats()
                for row in arrived {
                    #expect(byNumber[row.phoneNumber]?.outcome == .applied)
                    #expect(byNumber[row.phoneNumber]?.message == "confirmed from live state")
                    #expect(stats.writes[row.phoneNumber.digits] == nil, "a write that had arrived is not sent again")
                }
                for row in lost {
                    #expect(byNumber[row.phoneNumber]?.outcome == .applied)
                    #expect(stats.writes[row.phoneNumber.digits]?.total == 1, "a write that was lost is sent once")
                    #expect(byNumber[row.phoneNumber]?.attempts == 2)
                }
                #expect(sandbox.numbers() == expectedAccount(initial, after: rows))
                #expect(stats.writes.count == changed.count - arrived.count)
                #expect(stats.writes.values.allSatisfy { $0.total == 1 })
            }
        }
    }
}
