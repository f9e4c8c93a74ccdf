/// One row's life during apply, as a pure state machine: the applier feeds it what happened (live state read, the
/// answer to a request, a wait that ended) and does what it answers (send, wait, re-read, record, settle, leave).
/// The journal records its states: a row with an intent and no outcome is in doubt; with an outcome it is settled.
///
/// ```
/// pending ──live──▶ (decide) ──▶ settled(no-op / applied / changed-since-plan)
///    │                  └──▶ intent(n) ──send──▶ sent(n) ──ok──▶ settled(applied)
///    │                                              ├─ invalid ──▶ settled(failed)
///    │                                              ├─ 429 ──▶ waiting(n) ──▶ intent(n+1) …  (refused: not in doubt)
///    │                                              ├─ 5xx / lost ──▶ waiting(n) ──▶ rereading ──live──▶ (decide)
///    │                                              └─ credentials / budget / stop ──▶ left (pending or in doubt)
/// ```
public struct RowLifecycle: Sendable {
    /// Where the row is.
    public enum State: Sendable, Equatable {
        /// No request outstanding; the next step depends on live state.
        case pending
        /// Attempt `n` is about to be sent; its intent is in the journal (in doubt if the process dies now).
        case intent(attempt: Int)
        /// Attempt `n` is in flight.
        case sent(attempt: Int)
        /// Waiting before the next attempt (after a retryable failure).
        case waiting(attempt: Int, then: AfterWait)
        /// Waiting for a re-read of live state (the last request may have taken effect).
        case rereading(attempt: Int)
        /// The row has its outcome.
        case settled(RowOutcome)
        /// The run is stopping: the row keeps no outcome (pending, or in doubt if a request may have reached the API).
        case left
    }

    /// What follows a wait.
    public enum AfterWait: Sendable, Equatable {
        /// Send the same request again (it was refused unprocessed).
        case resend
        /// Re-read live state first (the request may have taken effect).
        case reread
    }

    /// What the applier must do next.
    public enum Step: Sendable, Equatable {
        /// Record the intent (with the before-image the first time), then send the request.
        case send(WriteAction, body: NumberSettings, attempt: Int, before: LiveNumber?)
        /// Wait (back-off, at least `retryAfter`) after attempt `attempt`, then call ``waited()``.
        case wait(afterAttempt: Int, retryAfter: Duration?)
        /// Read the number's live state again and call ``observe(_:)``.
        case reread
        /// Record the outcome.
        case settle(Settlement)
        /// Leave the row without an outcome and stop the run for `reason` (nil: the run is already stopping).
        case leave(StopReason?)
    }

    /// A row's outcome with what the journal keeps of it.
    public struct Settlement: Sendable, Equatable {
        public var outcome: RowOutcome
        public var status: Int?
        public var failure: NumberServiceError.Kind?
        public var note: RowNote?
        /// Attempts in all (earlier runs included).
        public var attempts: Int

        public init(outcome: RowOutcome, status: Int?, failure: NumberServiceError.Kind?, note: RowNote?, attempts: Int) {
            self.outcome = outcome
            self.status = status
            self.failure = failure
            self.note = note
            self.attempts = attempts
        }
    }

    /// What the journal must change before the step is taken.
    public enum JournalChange: Sendable, Equatable {
        /// The request never left this process: the row is pending again, not in doubt.
        case withdrawIntent(attempt: Int)
        /// The API refused the request unprocessed: not in doubt (attempts and before-image stay).
        case refused
    }

    public let desired: NumberSettings
    /// Live state when the plan was made: a row whose live state moved elsewhere is not written.
    public let planned: LiveNumber
    public let maxAttempts: Int
    /// How many 429 answers in a row a row waits out before the run stops (resumable): a 429 is the API's word that
    /// requests come too fast, not that this row is wrong, so it never fails a row (nor trips the breaker).
    public let maxRateLimitedWaits: Int
    public private(set) var state: State = .pending
    /// 429 answers in a row for this row.
    public private(set) var rateLimitedWaits = 0
    /// Attempts this run has made.
    public private(set) var attempts = 0
    /// Attempts of earlier runs.
    public let priorAttempts: Int
    /// A request may have reached the API (an earlier run's intent without outcome, or one of this run).
    public private(set) var maySent: Bool
    private var beforeRecorded: Bool
    private var current: LiveNumber = .unknown
    private var lastFailure: NumberServiceError?

    /// - Parameters:
    ///   - inDoubt: an earlier run recorded an intent and no outcome.
    ///   - beforeRecorded: the journal already holds the before-image.
    public init(desired: NumberSettings, planned: LiveNumber, maxAttempts: Int, priorAttempts: Int = 0,
                inDoubt: Bool = false, beforeRecorded: Bool = false, maxRateLimitedWaits: Int = 30) {
        self.desired = desired
        self.planned = planned
        self.maxAttempts = max(maxAttempts, 1)
        self.maxRateLimitedWaits = max(maxRateLimitedWaits, 1)
        self.priorAttempts = priorAttempts
        self.maySent = inDoubt
        self.beforeRecorded = beforeRecorded
    }

    private var totalAttempts: Int { priorAttempts + attempts }

    private mutating func settle(_ outcome: RowOutcome, status: Int? = nil, failure: NumberServiceError.Kind? = nil,
                                 note: RowNote?) -> Step {
        state = .settled(outcome)
        return .settle(Settlement(outcome: outcome, status: status, failure: failure, note: note, attempts: totalAttempts))
    }

    /// Live state was read (at the start, or after ``Step/reread``): decide.
    public mutating func observe(_ live: LiveNumber) -> Step {
        current = live
        let decision = RowDecision(desired: desired, live: live)
        if case .unknown = decision { return settle(.changedSincePlan, note: .noLongerInAccount) }
        if decision.isSatisfied {
            return settle(maySent ? .applied : .noop, note: maySent ? .confirmedFromLiveState : .alreadyAsDesired)
        }
        if case .rereading = state, let failure = lastFailure, attempts >= maxAttempts {
            return settle(.failed, status: failure.status, failure: failure.kind,
                          note: .gaveUp(failure.kind, attempts: attempts, detail: failure.description))
        }
        if live != planned { return settle(.changedSincePlan, note: .changedSincePlan(live)) }
        return nextSend()
    }

    private mutating func nextSend() -> Step {
        guard let write = RowDecision(desired: desired, live: current).write else {
            return settle(.changedSincePlan, note: .changedSincePlan(current))
        }
        attempts += 1
        state = .intent(attempt: attempts)
        let before = beforeRecorded ? nil : current
        return .send(write.action, body: write.body, attempt: totalAttempts, before: before)
    }

    /// The applier could not send (the run is stopping, or `--max-requests` is spent) after ``Step/send``: the intent
    /// was not recorded, so the attempt does not count.
    public mutating func notSent() -> Step {
        if case .intent = state { attempts -= 1 }
        state = .left
        return .leave(nil)
    }

    /// The intent is in the journal; the request is going out.
    public mutating func intentRecorded() {
        beforeRecorded = true
        maySent = true
        state = .sent(attempt: attempts)
    }

    /// The API accepted the request.
    public mutating func succeeded(status: Int = 200) -> Step {
        rateLimitedWaits = 0
        return settle(.applied, status: status, note: nil)
    }

    /// The request failed: what to record, and what next.
    public mutating func failed(_ error: NumberServiceError) -> (JournalChange?, Step) {
        lastFailure = error
        switch error.kind {
        case .authentication, .budgetExhausted, .cancelled, .redirected:
            let reason: StopReason = switch error.kind {
            case .authentication: .authentication
            case .budgetExhausted: .budget
            case .redirected: .redirected
            default: .interrupted
            }
            state = .left
            if !error.requestSent {
                attempts -= 1
                return (.withdrawIntent(attempt: totalAttempts + 1), .leave(reason))
            }
            // A cancelled request may have reached the API: it stays in doubt. A refused one did not.
            return (error.kind == .cancelled ? nil : .refused, .leave(reason))
        case .invalidData:
            return (nil, settle(.failed, status: error.status, failure: error.kind, note: .rejected(error.body ?? error.description)))
        case .rateLimited:
            // Refused unprocessed: the attempt does not count against the row.
            attempts -= 1
            rateLimitedWaits += 1
            if rateLimitedWaits >= maxRateLimitedWaits {
                state = .left
                return (.refused, .leave(.rateLimited))
            }
            state = .waiting(attempt: min(rateLimitedWaits, 6), then: .resend)
            return (.refused, .wait(afterAttempt: min(rateLimitedWaits, 6), retryAfter: error.retryAfter))
        case .server, .transport:
            rateLimitedWaits = 0
            if attempts >= maxAttempts {
                state = .rereading(attempt: attempts)
                return (nil, .reread)
            }
            state = .waiting(attempt: attempts, then: .reread)
            return (nil, .wait(afterAttempt: attempts, retryAfter: error.retryAfter))
        }
    }

    /// The wait after a failure is over.
    public mutating func waited() -> Step {
        guard case .waiting(let attempt, let then) = state else { return .leave(nil) }
        switch then {
        case .resend: return nextSend()
        case .reread:
            state = .rereading(attempt: attempt)
            return .reread
        }
    }

    /// The run is stopping (a wait or a re-read was cut short): leave the row as it is.
    public mutating func stopped() -> Step {
        state = .left
        return .leave(nil)
    }
}

/// Why a row ended as it did, as a typed value (rendered into words at the edge; the journal keeps the English).
public enum RowNote: Sendable, Equatable, Hashable {
    case alreadyAsDesired
    case confirmedFromLiveState
    case noLongerInAccount
    case changedSincePlan(LiveNumber)
    case rejected(String)
    case stillRateLimited(attempts: Int)
    case gaveUp(NumberServiceError.Kind, attempts: Int, detail: String)
    case notInAccount
    case unreadableJournalRow
    /// Read back after apply, the number was not as the job wants.
    case notAsDesiredWhenVerified(LiveNumber)

    /// The note as a typed message (`note.*`), rendered in the reports' language.
    public var text: Message {
        switch self {
        case .alreadyAsDesired: return Message("note.already_as_desired")
        case .confirmedFromLiveState: return Message("note.confirmed_from_live_state")
        case .noLongerInAccount: return Message("note.no_longer_in_account")
        case .changedSincePlan(let live): return Message("note.changed_since_plan", ["live": .message(live.text)])
        case .rejected(let body): return Message("note.rejected", ["body": .text(body)])
        case .stillRateLimited(let attempts): return Message("note.still_rate_limited", ["n": .count(attempts)])
        case .gaveUp(let kind, let attempts, let detail):
            return Message("note.gave_up", ["kind": .message(kind.text), "n": .count(attempts), "detail": .text(detail)])
        case .notInAccount: return Message("note.not_in_account")
        case .unreadableJournalRow: return Message("note.unreadable_journal_row")
        case .notAsDesiredWhenVerified(let live): return Message("note.not_as_desired_when_verified", ["live": .message(live.text)])
        }
    }

    /// The English text the journal's `message` column and the log keep.
    public var english: String { text.render(.en) }
}

extension LiveNumber {
    /// `free`, `not in the account`, or the settings as `field=value, …` (field names are the API's, in every
    /// language).
    public var text: Message {
        switch self {
        case .free: return Message("live.free")
        case .unknown: return Message("live.unknown")
        case .used: return Message("live.used", ["settings": .text(summary)])
        }
    }

    /// The settings as `field=value, …` (`free`, `not in the account` in English).
    public var summary: String {
        switch self {
        case .free: return "free"
        case .unknown: return "not in the account"
        case .used(let settings):
            return settings.setFields.map { "\($0.rawValue)=\(settings[$0] ?? "")" }.joined(separator: ", ")
        }
    }
}

extension NumberServiceError.Kind {
    /// The kind of failure in words (`service.kind.<raw>`).
    public var text: Message { Message("service.kind." + rawValue) }
}
