import CTBulkCore
import CTBulkEngine
import CTBulkSandbox
import CTBulkTestSupport
import CalltouchAPI
import Foundation
import Testing

/// Plan + journal + Applier against the sandbox over loopback HTTP: the account ends as the job asks, rows that need
/// nothing send nothing, and rows whose live state moved after the plan are left alone.
@Suite struct ApplyConvergenceTests {
    @Test func applyingAJobConvergesTheAccountToTheDesiredStateWritingEachChangedNumberOnce() async throws {
        let configuration = sandboxConfiguration(numbers: 60)
        try await Sandbox.withSandbox(configuration) { sandbox in
            let initial = sandbox.numbers()
            let rows = jobRows(initial, count: 50)
            let changed = changedNumbers(initial, rows)
            try await withClient(sandbox) { client in
                let plan = try await makePlan(client, rows)
                #expect(plan.summary.create + plan.summary.update == changed.count)
                #expect(plan.summary.create > 0 && plan.summary.update > 0 && plan.summary.noop > 0)

                let journal = try Journal(path: ScratchDirectory().path("journal.sqlite"))
                let runID = try journal.startRun(plan: plan, account: accountLabel(sandbox), options: "{}")
                let before = sandbox.stats()
                let report = try await Applier(service: client, journal: journal,
                                               settings: ApplySettings(concurrency: 4, backoff: fastBackoff)).run(runID)

                #expect(report.stopReason == nil)
                #expect(report.counts == ["applied": changed.count, "no-op": plan.summary.noop])
                #expect(try journal.run(runID)?.status == .completed)
                #expect(sandbox.numbers() == expectedAccount(initial, after: rows))

                let stats = sandbox.stats()
                #expect(Set(stats.writes.keys) == Set(changed.map(\.digits)), "only the changed numbers are written")
                #expect(stats.writes.values.allSatisfy { $0.total == 1 }, "each changed number is written exactly once")
                #expect(stats.writes.values.map(\.create).reduce(0, +) == plan.summary.create)
                #expect(stats.rejected.invalid == 0)
                // What this run sent: one write per changed row plus the batch read of live state before writing.
                let sent = calltouchRequests(stats) - calltouchRequests(before)
                #expect(sent == changed.count + 1)
                #expect(report.requests == sent)
            }
        }
    }

    @Test func aJobWhoseRowsAreAllAsDesiredSendsNothing() async throws {
        try await Sandbox.withSandbox(sandboxConfiguration(numbers: 30)) { sandbox in
            let initial = sandbox.numbers()
            // Every used number asks for the campaign it already has; the free ones are left out.
            let rows = initial.keys.sorted().compactMap { number -> JobRow? in
                guard let live = initial[number] ?? nil else { return nil }
                return JobRow(row: 2, phoneNumber: number,
                              settings: NumberSettings(displayOptions: live.displayOptions))
            }.enumerated().map { index, row in JobRow(row: index + 2, phoneNumber: row.phoneNumber, settings: row.settings) }
            #expect(rows.count > 10)
            try await withClient(sandbox) { client in
                let plan = try await makePlan(client, rows)
                #expect(plan.summary.noop == rows.count && !plan.summary.hasChanges)
                let journal = try Journal(path: ScratchDirectory().path("journal.sqlite"))
                let runID = try journal.startRun(plan: plan, account: accountLabel(sandbox), options: "{}")
                let before = sandbox.stats()
                let report = try await Applier(service: client, journal: journal,
                                               settings: ApplySettings(concurrency: 4, backoff: fastBackoff)).run(runID)
                #expect(report.stopReason == nil)
                #expect(report.requests == 0)
                #expect(report.counts == ["no-op": rows.count])
                #expect(sandbox.stats() == before, "not one request reached the API")
                #expect(sandbox.numbers() == initial)
                #expect(try journal.rows(of: runID).allSatisfy { $0.intentAt == nil && $0.sentAction == nil && $0.attempts == 0 })
            }
        }
    }

    @Test func applyingTheSameJobAgainAfterItCompletedSendsNoWrite() async throws {
        try await Sandbox.withSandbox(sandboxConfiguration(numbers: 40)) { sandbox in
            let initial = sandbox.numbers()
            let rows = jobRows(initial, count: 40)
            try await withClient(sandbox) { client in
                let journal = try Journal(path: ScratchDirectory().path("journal.sqlite"))
                let first = try journal.startRun(plan: try await makePlan(client, rows), account: accountLabel(sandbox),
                                                 options: "{}")
                let settings = ApplySettings(concurrency: 4, backoff: fastBackoff)
                let firstReport = try await Applier(service: client, journal: journal, settings: settings).run(first)
                #expect(firstReport.stopReason == nil && firstReport.failed == 0)
                let afterFirst = sandbox.numbers()
                let writesAfterFirst = sandbox.stats().writes

                let again = try await makePlan(client, rows)
                #expect(again.summary.noop == rows.count, "every row is already as desired")
                let second = try journal.startRun(plan: again, account: accountLabel(sandbox), options: "{}")
                let before = sandbox.stats()
                let report = try await Applier(service: client, journal: journal, settings: settings).run(second)
                #expect(report.stopReason == nil)
                #expect(report.requests == 0)
                #expect(report.counts == ["no-op": rows.count])
                #expect(sandbox.stats() == before)
                #expect(sandbox.stats().writes == writesAfterFirst)
                #expect(sandbox.numbers() == afterFirst)
            }
        }
    }

    @Test func rowsChangedInTheAccountAfterASavedPlanAreSkippedWhileTheRestGoAhead() async throws {
        try await Sandbox.withSandbox(sandboxConfiguration(numbers: 40)) { sandbox in
            let initial = sandbox.numbers()
            let rows = jobRows(initial, count: 30)
            let dir = ScratchDirectory()
            try await withClient(sandbox) { client in
                try await makePlan(client, rows).save(to: dir.path("plan.json"))
            }
            let plan = try Plan.load(from: dir.path("plan.json"))
            let updates = plan.rows.filter { $0.action == .update }
            let creates = plan.rows.filter { $0.action == .create }
            try #require(updates.count >= 2 && creates.count >= 2)

            // After the plan: someone edits one used number, frees another, removes a free one from the account, and
            // sets a fourth exactly as the job wants.
            let edited = updates[0].phoneNumber
            let handEdit = NumberSettings(poolName: "Руками",
                                          displayOptions: DisplayOptions(source: "manual", campaign: "hand"))
            try sandbox.setNumber(edited, to: handEdit)
            let freed = updates[1].phoneNumber
            try sandbox.setNumber(freed, to: nil)
            let removed = creates[0].phoneNumber
            #expect(sandbox.removeNumber(removed))
            let alreadyDone = creates[1]
            try sandbox.setNumber(alreadyDone.phoneNumber, to: alreadyDone.desired)
            let touched: Set<PhoneNumber> = [edited, freed, removed, alreadyDone.phoneNumber]
            let accountBefore = sandbox.numbers()

            try await withClient(sandbox) { client in
                let journal = try Journal(path: dir.path("journal.sqlite"))
                let runID = try journal.startRun(plan: plan, account: accountLabel(sandbox), options: "{}")
                let report = try await Applier(service: client, journal: journal,
                                               settings: ApplySettings(concurrency: 3, backoff: fastBackoff)).run(runID)
                #expect(report.stopReason == nil)
                let byNumber = try rowsByNumber(journal, runID)
                #expect(byNumber[edited]?.outcome == .changedSincePlan)
                #expect(byNumber[edited]?.message?.contains("manual") == true)
                #expect(byNumber[freed]?.outcome == .changedSincePlan)
                #expect(byNumber[removed]?.outcome == .changedSincePlan)
                #expect(byNumber[removed]?.message?.contains("no longer in the account") == true)
                #expect(byNumber[alreadyDone.phoneNumber]?.outcome == .noop)
                for number in [edited, freed, removed, alreadyDone.phoneNumber] {
                    #expect(byNumber[number]?.intentAt == nil, "nothing was sent for \(number)")
                }

                let stats = sandbox.stats()
                #expect(touched.allSatisfy { stats.writes[$0.digits] == nil })
                // The hand edits stand; everything else is as the job asks.
                let now = sandbox.numbers()
                #expect(now[edited] == .some(handEdit))
                #expect(now[freed] == .some(nil))
                #expect(now[removed] == nil)
                let others = rows.filter { !touched.contains($0.phoneNumber) }
                let expected = expectedAccount(accountBefore, after: others)
                #expect(now == expected)
                let written = changedNumbers(accountBefore, others)
                #expect(report.counts["applied"] == written.count)
                #expect(Set(stats.writes.keys) == Set(written.map(\.digits)))
                #expect(report.counts["changed-since-plan"] == 3)
            }
        }
    }
}
