import CTBulkCore
import CTBulkTestSupport
import Testing

/// The row state machine and the one decision rule, as pure values: every transition the applier relies on.
@Suite struct RowLifecycleTests {
    let used = NumberSettings(poolName: "Old", displayOptions: DisplayOptions(source: "old"))
    let desired = NumberSettings(poolName: "New", displayOptions: DisplayOptions(source: "new"))

    @Test func theDecisionCoversEveryCase() {
        #expect(RowDecision(desired: desired, live: .unknown) == .unknown)
        #expect(RowDecision(desired: used, live: .used(used)) == .noop)
        if case .update(let body, let changes) = RowDecision(desired: desired, live: .used(used)) {
            #expect(body.poolName == "New" && changes.count == 2)
        } else { Issue.record("expected an update") }
        if case .create(let body, _) = RowDecision(desired: desired, live: .free) {
            #expect(body == desired)
        } else { Issue.record("expected a create") }
        let noSource = NumberSettings(poolName: "P")
        if case .needsSource(let changes) = RowDecision(desired: noSource, live: .free) {
            #expect(changes.map(\.field) == [.poolName])
        } else { Issue.record("expected needs-source") }
    }

    @Test func aRowAlreadyAsDesiredSettlesAsNoOpWithoutASend() {
        var row = RowLifecycle(desired: used, planned: .used(used), maxAttempts: 3)
        #expect(row.observe(.used(used)) == .settle(.init(outcome: .noop, status: nil, failure: nil, note: .alreadyAsDesired, attempts: 0)))
        #expect(row.state == .settled(.noop))
    }

    @Test func aSuccessfulUpdateRecordsTheBeforeImageOnceAndSettlesApplied() {
        var row = RowLifecycle(desired: desired, planned: .used(used), maxAttempts: 3)
        let step = row.observe(.used(used))
        #expect(step == .send(.update, body: used.merging(desired), attempt: 1, before: .used(used)))
        #expect(row.state == .intent(attempt: 1))
        row.intentRecorded()
        #expect(row.state == .sent(attempt: 1))
        #expect(row.succeeded() == .settle(.init(outcome: .applied, status: 200, failure: nil, note: nil, attempts: 1)))
    }

    @Test func a429IsRefusedUnprocessedWaitsAndResendsWithoutTheBeforeImageAgain() {
        var row = RowLifecycle(desired: desired, planned: .used(used), maxAttempts: 3)
        _ = row.observe(.used(used))
        row.intentRecorded()
        let (change, step) = row.failed(.scripted(.rateLimited, status: 429, retryAfter: .seconds(2)))
        #expect(change == .refused)
        #expect(step == .wait(afterAttempt: 1, retryAfter: .seconds(2)))
        // Refused unprocessed: the attempt does not count; the same request goes again without a new before-image.
        #expect(row.waited() == .send(.update, body: used.merging(desired), attempt: 1, before: nil))
    }

    @Test func rateLimitingNeverFailsARowItStopsTheRunAfterTheCap() {
        var row = RowLifecycle(desired: desired, planned: .used(used), maxAttempts: 2, maxRateLimitedWaits: 4)
        _ = row.observe(.used(used)); row.intentRecorded()
        for _ in 1..<4 {
            let (change, step) = row.failed(.scripted(.rateLimited, status: 429))
            #expect(change == .refused)
            guard case .wait = step else { Issue.record("expected a wait, got \(step)"); return }
            _ = row.waited(); row.intentRecorded()
        }
        let (change, step) = row.failed(.scripted(.rateLimited, status: 429))
        #expect(change == .refused)
        #expect(step == .leave(.rateLimited))
        #expect(row.attempts == 0, "no attempt was spent on 429s")
    }

    @Test func aLostAnswerIsReReadAndConfirmedFromLiveStateInsteadOfResent() {
        var row = RowLifecycle(desired: desired, planned: .used(used), maxAttempts: 3)
        _ = row.observe(.used(used)); row.intentRecorded()
        let (change, step) = row.failed(.scripted(.transport))
        #expect(change == nil)
        #expect(step == .wait(afterAttempt: 1, retryAfter: nil))
        #expect(row.waited() == .reread)
        // The write took effect although its answer was lost.
        let settled = row.observe(.used(used.merging(desired)))
        #expect(settled == .settle(.init(outcome: .applied, status: nil, failure: nil, note: .confirmedFromLiveState, attempts: 1)))
    }

    @Test func aServerErrorOnTheLastAttemptFailsTheRowAfterAReRead() {
        var row = RowLifecycle(desired: desired, planned: .used(used), maxAttempts: 1)
        _ = row.observe(.used(used)); row.intentRecorded()
        let (_, step) = row.failed(.scripted(.server, status: 503))
        #expect(step == .reread)
        guard case .settle(let settlement) = row.observe(.used(used)) else { Issue.record("expected a settlement"); return }
        #expect(settlement.outcome == .failed && settlement.status == 503 && settlement.failure == .server)
    }

    @Test func aBudgetStopLeavesTheRowPendingAndAStopBeforeSendingWithdrawsTheIntent() {
        var row = RowLifecycle(desired: desired, planned: .used(used), maxAttempts: 3)
        _ = row.observe(.used(used)); row.intentRecorded()
        #expect(row.failed(.scripted(.budgetExhausted, status: 403)) == (.refused, .leave(.budget)))
        #expect(row.state == .left)

        var waiting = RowLifecycle(desired: desired, planned: .used(used), maxAttempts: 3, priorAttempts: 2)
        _ = waiting.observe(.used(used)); waiting.intentRecorded()
        #expect(waiting.failed(.scripted(.cancelled, requestSent: false)) == (.withdrawIntent(attempt: 3), .leave(.interrupted)))
        #expect(waiting.attempts == 0)
    }

    @Test func aCancelledRequestInFlightStaysInDoubt() {
        var row = RowLifecycle(desired: desired, planned: .used(used), maxAttempts: 3)
        _ = row.observe(.used(used)); row.intentRecorded()
        #expect(row.failed(.scripted(.cancelled)) == (nil, .leave(.interrupted)))
        #expect(row.maySent)
    }

    @Test func liveStateThatMovedSinceThePlanIsNotOverwritten() {
        var row = RowLifecycle(desired: desired, planned: .used(used), maxAttempts: 3)
        let edited = NumberSettings(poolName: "Hand edit", displayOptions: DisplayOptions(source: "cabinet"))
        #expect(row.observe(.used(edited)) == .settle(.init(outcome: .changedSincePlan, status: nil, failure: nil,
                                                             note: .changedSincePlan(.used(edited)), attempts: 0)))
        var gone = RowLifecycle(desired: desired, planned: .used(used), maxAttempts: 3)
        #expect(gone.observe(.unknown) == .settle(.init(outcome: .changedSincePlan, status: nil, failure: nil, note: .noLongerInAccount, attempts: 0)))
    }

    @Test func anInDoubtRowFoundAsDesiredIsAppliedAndOneFoundAsPlannedIsSentAgain() {
        var confirmed = RowLifecycle(desired: desired, planned: .used(used), maxAttempts: 3, priorAttempts: 1, inDoubt: true, beforeRecorded: true)
        #expect(confirmed.observe(.used(used.merging(desired))) == .settle(.init(outcome: .applied, status: nil, failure: nil,
                                                                                note: .confirmedFromLiveState, attempts: 1)))
        var resend = RowLifecycle(desired: desired, planned: .used(used), maxAttempts: 3, priorAttempts: 1, inDoubt: true, beforeRecorded: true)
        #expect(resend.observe(.used(used)) == .send(.update, body: used.merging(desired), attempt: 2, before: nil))
    }

    @Test func invalidDataFailsAtOnceWithTheAnswer() {
        var row = RowLifecycle(desired: desired, planned: .free, maxAttempts: 3)
        #expect(row.observe(.free) == .send(.create, body: desired, attempt: 1, before: .free))
        row.intentRecorded()
        var error = NumberServiceError.scripted(.invalidData, status: 400)
        error.body = "{\"error\":\"bad\"}"
        let (_, step) = row.failed(error)
        #expect(step == .settle(.init(outcome: .failed, status: 400, failure: .invalidData, note: .rejected("{\"error\":\"bad\"}"), attempts: 1)))
    }

    @Test func notSendingAfterASendStepDoesNotCountTheAttempt() {
        var row = RowLifecycle(desired: desired, planned: .used(used), maxAttempts: 3)
        _ = row.observe(.used(used))
        #expect(row.notSent() == .leave(nil))
        #expect(row.attempts == 0 && row.state == .left)
    }
}
