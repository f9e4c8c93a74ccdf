import CTBulkCore
import Foundation

/// One apply run, owned by the engine: the lock, the plan (or a saved plan, or the unfinished run to resume), the
/// confirmation, the journal run, execution, the canary pause, and the reports. `apply`, `reconcile --apply`,
/// `run SPEC` and any other front end call ``run(_:confirm:progress:)``; they only map their options in and the
/// ``Outcome`` to text and an exit code.
public struct ApplyRun: Sendable {
    /// What to apply.
    public enum Source: Sendable {
        /// A validated job: planned now against live state.
        case job(ValidJob)
        /// A saved plan (`plan --out`): its rows are re-checked against live state before each write.
        case plan(Plan)
        /// The newest unfinished run in the journal.
        case resume
    }

    /// How the run behaves.
    public struct Settings: Sendable {
        public var apply: ApplySettings
        /// Requests per second (for the plan's estimate and the journal's record of options).
        public var rate: Int
        public var journalPath: String
        /// Where the reports go (default: `runs/<id>` next to the journal).
        public var reportDirectory: String?
        /// Ask before writing (false: `--yes`).
        public var confirm: Bool
        /// Recorded with the run (`apply`, `reconcile`).
        public var mode: String
        /// The machine-wide state folder (``StateDirectory``): the run locks live there.
        public var stateDirectory: String
        /// Read the account back after a completed run and compare it with the job (`--no-verify` turns it off).
        public var verify = true
        /// The language of the report files (results, failures); summary.json keeps English keys and codes.
        public var language: Language = .en

        public init(apply: ApplySettings, rate: Int, journalPath: String, reportDirectory: String? = nil, confirm: Bool = true,
                    mode: String = "apply", stateDirectory: String = StateDirectory.resolve(nil)) {
            self.apply = apply
            self.rate = rate
            self.journalPath = journalPath
            self.reportDirectory = reportDirectory
            self.confirm = confirm
            self.mode = mode
            self.stateDirectory = stateDirectory
        }

        /// The folder of the per-job locks, machine-wide (not next to the journal: the same job started from another
        /// folder or with another journal must meet the same lock).
        public var lockDirectory: String { StateDirectory.locks(stateDirectory) }
    }

    /// The question every write path asks before it writes, in the same shape: the account, the changes to send,
    /// and what remains. The answer is yes, no, or nil when nobody can be asked (no terminal).
    public struct Confirmation: Sendable {
        public enum Stage: Sendable, Equatable {
            /// A new run, just planned.
            case newRun
            /// An unfinished run of the same job (stopped, interrupted or paused) is continued.
            case resume
            /// The canary rows are done; the rest of the same run would go now.
            case afterCanary
        }

        public var stage: Stage
        public var account: String
        public var runID: Int64?
        /// Rows that still need a request (creates and updates, rows in doubt).
        public var changes: Int
        /// Of those, numbers that are free and get added to a pool.
        public var creates: Int
        /// Rows of the run that already have an outcome.
        public var done: Int
        /// Rows of the run (or of the plan) in all.
        public var total: Int
        /// For ``Stage/afterCanary``: the numbers the canary wrote, with their settings now.
        public var canary: [CanaryRow]
    }

    /// A number the canary wrote and the settings it now has.
    public struct CanaryRow: Sendable, Equatable {
        public var row: Int
        public var phoneNumber: PhoneNumber
        public var settings: NumberSettings
    }

    /// What the run reports while it works (besides rows and requests, which ``ApplyObserver`` carries).
    public enum Event: Sendable {
        /// Live state read for the plan: numbers read, numbers in all.
        case reading(done: Int, total: Int)
        /// A read failed and is retried after `wait`: the failure, the attempt that failed, the attempts in all.
        case retrying(NumberServiceError, attempt: Int, of: Int, wait: Duration)
        /// The plan is made (not sent for a resumed run).
        case planned(Plan)
        /// An unfinished run of the same job and account is continued: rows with an outcome are not sent again.
        case resuming(runID: Int64)
        /// Execution starts: rows in all, rows already with an outcome.
        case executing(runID: Int64, total: Int, alreadyDone: Int)
        /// Execution ended (before the read-back and the reports).
        case executed(ApplyReport)
        /// The account is read back after apply: numbers read, numbers in all.
        case verifying(done: Int, total: Int)
    }

    /// How a run ended.
    public enum Outcome: Sendable {
        /// Every row is already as desired (or cannot be applied): nothing was started.
        case nothingToApply(PlanSummary)
        /// The confirmation was declined: nothing was sent.
        case declined
        /// Confirmation was needed but there is no one to ask (no terminal): nothing was sent.
        case cannotConfirm
        /// `.resume` found no unfinished run.
        case noUnfinishedRun
        /// The run executed (completely, or until something stopped it).
        case finished(ApplyReport, reports: RunReports)
    }

    /// Why a run could not be carried out.
    public enum Failure: Error, Sendable {
        /// Another process runs the same job on the same account.
        case locked(RunLock.Failure)
        /// A saved plan or the unfinished run belongs to another account.
        case accountMismatch(runOrPlan: String, expected: String, given: String)
        /// Live state could not be read for the plan.
        case service(NumberServiceError)
        case journal(JournalError)
        /// A report could not be written.
        case reports(String)
    }

    public let service: any NumberService
    public let settings: Settings
    public let clock: RunClock
    public let stopSignal: StopSignal

    public init(service: any NumberService, settings: Settings, clock: RunClock = .system, stopSignal: StopSignal = StopSignal()) {
        self.service = service
        self.settings = settings
        self.clock = clock
        self.stopSignal = stopSignal
    }

    /// The account label the journal keys runs by.
    public var account: String { service.account.label }

    /// Carries out the run: takes the job's lock (a second run of the same job and account fails with
    /// ``Failure/locked(_:)``), then ``runLocked(_:journal:confirm:progress:)``.
    public func run(_ source: Source, confirm: @escaping @Sendable (Confirmation) async -> Bool?,
                    progress: any ApplyRunProgress) async throws(Failure) -> Outcome {
        let journal: Journal
        do { journal = try Journal(path: settings.journalPath, clock: clock) } catch { throw .journal(error) }
        let lockKey: String
        let jobPath: String?
        switch source {
        case .job(let job): (lockKey, jobPath) = (job.sha256, job.path)
        case .plan(let plan): (lockKey, jobPath) = (plan.inputSHA256, plan.inputPath)
        case .resume:
            do {
                let run = try journal.latestUnfinishedRun()
                (lockKey, jobPath) = (run?.jobSHA256 ?? "resume", run?.jobPath)
            } catch { throw .journal(error) }
        }
        let lock: RunLock
        do { lock = try RunLock(directory: settings.lockDirectory, job: lockKey, account: service.account,
                                  journal: journal.path, jobPath: jobPath) } catch {
            throw .locked(error)
        }
        defer { lock.release() }
        return try await runLocked(source, journal: journal, confirm: confirm, progress: progress)
    }

    /// Any error of a run's steps as a ``Failure`` (the journal's own, or a report that could not be written).
    static func failure(from error: any Error) -> Failure {
        if let failure = error as? Failure { return failure }
        if let journal = error as? JournalError { return .journal(journal) }
        return .reports(String(describing: error))
    }

    /// The outcome of a confirmation that did not say yes: declined, or nobody to ask; nil for yes.
    static func refusal(_ answer: Bool?) -> Outcome? {
        switch answer {
        case true?: return nil
        case false?: return .declined
        case nil: return .cannotConfirm
        }
    }

    /// The run for a caller that holds the job's lock already (reconcile takes it before reading drift).
    public func runLocked(_ source: Source, journal: Journal, confirm: @escaping @Sendable (Confirmation) async -> Bool?,
                          progress: any ApplyRunProgress) async throws(Failure) -> Outcome {
        var runID: Int64?
        do {
            switch source {
            case .resume:
                guard let run = try journal.latestUnfinishedRun() else { return .noUnfinishedRun }
                guard run.account == account else {
                    throw Failure.accountMismatch(runOrPlan: "run \(run.id)", expected: run.account, given: account)
                }
                runID = run.id
            case .job(let job):
                runID = try journal.unfinishedRun(jobSHA256: job.sha256, account: account)?.id
            case .plan(let plan):
                let planAccount = AccountIdentity(siteID: plan.siteID, baseURL: plan.baseURL)
                guard planAccount == service.account else {
                    throw Failure.accountMismatch(runOrPlan: "plan", expected: planAccount.label, given: account)
                }
                runID = try journal.unfinishedRun(jobSHA256: plan.inputSHA256, account: account)?.id
            }
        } catch {
            throw Self.failure(from: error)
        }

        if let existing = runID {
            progress.event(.resuming(runID: existing))
            if settings.confirm {
                let question: Confirmation
                do { question = try confirmation(.resume, runID: existing, journal: journal) } catch { throw .journal(error) }
                if question.changes > 0, let refusal = await Self.refusal(confirm(question)) { return refusal }
            }
        } else {
            var plan: Plan
            switch source {
            case .plan(let saved): plan = saved
            case .job(let job):
                let planner = Planner(service: service, backoff: settings.apply.backoff, clock: clock,
                                      concurrency: ApplySettings.readConcurrency(rate: settings.rate),
                                      progress: { done, total in progress.event(.reading(done: done, total: total)) },
                                      onRetry: { error, attempt, limit, wait in
                                          progress.event(.retrying(error, attempt: attempt, of: limit, wait: wait))
                                      })
                do {
                    plan = try await planner.plan(rows: job.rows, inputPath: job.path, inputSHA256: job.sha256, csv: job.csv,
                                                  rate: settings.rate, verify: settings.verify)
                } catch { throw .service(error) }
                plan.skipping(job.invalid)
            case .resume: return .noUnfinishedRun
            }
            progress.event(.planned(plan))
            guard plan.summary.hasChanges else { return .nothingToApply(plan.summary) }
            if settings.confirm {
                let question = Confirmation(stage: .newRun, account: account, runID: nil, changes: plan.summary.writeRequests,
                                            creates: plan.summary.create, done: 0, total: plan.rows.count, canary: [])
                if let refusal = await Self.refusal(confirm(question)) { return refusal }
            }
            let options = "{\"mode\":\"\(settings.mode)\",\"rate\":\(settings.rate),\"maxAttempts\":\(settings.apply.backoff.maxAttempts),\"concurrency\":\(settings.apply.concurrency)}"
            do { runID = try journal.startRun(plan: plan, account: account, options: options) } catch { throw .journal(error) }
        }
        guard let runID else { return .noUnfinishedRun }
        return try await execute(runID, journal: journal, confirm: confirm, progress: progress)
    }

    private func execute(_ runID: Int64, journal: Journal, confirm: @escaping @Sendable (Confirmation) async -> Bool?,
                         progress: any ApplyRunProgress) async throws(Failure) -> Outcome {
        do {
            let rows = try journal.counts(of: runID)
            let total = rows.values.reduce(0, +)
            let open = (rows["pending"] ?? 0) + (rows["in-doubt"] ?? 0)
            progress.event(.executing(runID: runID, total: total, alreadyDone: total - open))
            var report = try await Applier(service: service, journal: journal, settings: settings.apply, observer: progress,
                                           stopSignal: stopSignal, clock: clock).run(runID)
            if report.stopReason == .canary, settings.confirm,
               await confirm(try confirmation(.afterCanary, runID: runID, journal: journal)) == true {
                var rest = settings.apply
                rest.canary = nil
                report = try await Applier(service: service, journal: journal, settings: rest, observer: progress,
                                           stopSignal: stopSignal, clock: clock).run(runID)
            }
            progress.event(.executed(report))
            if report.stopReason == nil && settings.verify {
                report.verification = await verify(runID, journal: journal, progress: progress)
                if report.verification?.notAsDesired ?? 0 > 0 { report.counts = try journal.counts(of: runID) }
            }
            let directory = settings.reportDirectory
                ?? (URL(fileURLWithPath: settings.journalPath).deletingLastPathComponent().path + "/runs/\(runID)")
            let paths: RunReports
            do { paths = try RunReports.write(runID: runID, journal: journal, directory: directory, report: report,
                                                    language: settings.language) } catch let error as JournalError {
                throw error
            } catch {
                throw Failure.reports(String(describing: error))
            }
            return .finished(report, reports: paths)
        } catch {
            throw Self.failure(from: error)
        }
    }
}

extension ApplyRun {
    /// The question for `stage` about run `runID`, from the journal.
    func confirmation(_ stage: Confirmation.Stage, runID: Int64, journal: Journal) throws(JournalError) -> Confirmation {
        let rows = try journal.rows(of: runID)
        let open = rows.filter { $0.outcome == nil && ($0.plannedAction == .create || $0.plannedAction == .update || $0.isInDoubt) }
        var canary: [CanaryRow] = []
        if stage == .afterCanary {
            for row in rows where row.outcome == .applied {
                guard let number = row.phoneNumber else { continue }
                let now = row.before?.settings.map { $0.merging(row.desired) } ?? row.desired.withoutClears
                canary.append(CanaryRow(row: row.row, phoneNumber: number, settings: now))
            }
        }
        return Confirmation(stage: stage, account: account, runID: runID, changes: open.count,
                            creates: open.filter { $0.plannedAction == .create }.count,
                            done: rows.filter { $0.outcome != nil }.count, total: rows.count, canary: canary)
    }

    /// Reads back every row of the run that should now be as desired (applied or already so, in every slice of the
    /// run) and records those that are not as failed: exit 0 means the account was seen as the job wants it.
    func verify(_ runID: Int64, journal: Journal, progress: any ApplyRunProgress) async -> ApplyReport.Verification {
        let rows: [RowRecord]
        do { rows = try journal.rows(of: runID).filter { $0.outcome == .applied || $0.outcome == .noop } } catch {
            return ApplyReport.Verification(checked: 0, notAsDesired: 0, failure: error.description)
        }
        let planner = Planner(service: service, backoff: settings.apply.backoff, clock: clock,
                              concurrency: ApplySettings.readConcurrency(rate: settings.rate),
                              progress: { done, total in progress.event(.verifying(done: done, total: total)) })
        let live: [PhoneNumber: LiveNumber]
        do { live = try await planner.readLive(rows.compactMap(\.phoneNumber)).live } catch {
            return ApplyReport.Verification(checked: 0, notAsDesired: 0, failure: error.description)
        }
        var wrong: [(row: Int, live: LiveNumber)] = []
        for row in rows {
            guard let number = row.phoneNumber else { continue }
            let now = live[number] ?? .unknown
            if !RowDecision(desired: row.desired, live: now).isSatisfied { wrong.append((row.row, now)) }
        }
        if !wrong.isEmpty {
            do { try journal.recordNotAsDesired(runID: runID, rows: wrong) } catch {
                return ApplyReport.Verification(checked: rows.count, notAsDesired: wrong.count, failure: error.description)
            }
        }
        return ApplyReport.Verification(checked: rows.count, notAsDesired: wrong.count, failure: nil)
    }
}

/// What a front end shows while a run works: rows and requests (``ApplyObserver``) and the run's events.
public protocol ApplyRunProgress: ApplyObserver {
    func event(_ event: ApplyRun.Event)
}

/// Progress that shows nothing.
public struct SilentRunProgress: ApplyRunProgress {
    public init() {}
    public func event(_ event: ApplyRun.Event) {}
    public func rowFinished(row: Int, outcome: RowOutcome) {}
    public func request(_ event: RequestEvent) {}
}

/// A validated job file, ready to plan: its rows (duplicates removed), its CSV layout, its path and content hash.
public struct ValidJob: Sendable {
    public var rows: [JobRow]
    public var csv: CSVLayout?
    public var path: String
    public var sha256: String
    /// Rows with errors left out by `--skip-invalid` (empty otherwise): listed in the plan and the run's reports.
    public var invalid: [InvalidRow] = []

    public init(rows: [JobRow], csv: CSVLayout?, path: String, sha256: String) {
        self.rows = rows
        self.csv = csv
        self.path = path
        self.sha256 = sha256
    }
}

extension ApplyReport {
    /// Rows not applied although the run finished: failed, changed since the plan, or skipped.
    public var notApplied: Int {
        failed + (counts[RowOutcome.changedSincePlan.rawValue] ?? 0) + (counts[RowOutcome.skipped.rawValue] ?? 0)
    }
}
