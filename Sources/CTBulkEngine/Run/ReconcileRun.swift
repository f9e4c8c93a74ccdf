import CTBulkCore

/// A reconcile, owned by the engine: under the job's lock, reads live state and compares it with the job; with
/// `apply`, puts the drift right through the same journaled path as ``ApplyRun``.
public struct ReconcileRun: Sendable {
    /// How a reconcile ended.
    public struct Outcome: Sendable {
        public var drift: DriftReport
        /// The apply of the drift, when asked for and there was drift to fix.
        public var applied: ApplyRun.Outcome?
    }

    public let run: ApplyRun

    /// `run` carries the service, the clock, the stop signal and the apply settings (`confirm` asks before fixing).
    public init(run: ApplyRun) { self.run = run }

    /// Reads drift under the job's lock; when `apply`, fixes it (numbers missing from the account stay drift: applying
    /// cannot fix them). `drift` is called with the report before anything is written.
    public func reconcile(_ job: ValidJob, apply: Bool, drift report: @Sendable (DriftReport) -> Void = { _ in },
                          confirm: @escaping @Sendable (ApplyRun.Confirmation) async -> Bool?,
                          progress: any ApplyRunProgress) async throws(ApplyRun.Failure) -> Outcome {
        let journal: Journal
        do { journal = try Journal(path: run.settings.journalPath, clock: run.clock) } catch { throw .journal(error) }
        let lock: RunLock
        do { lock = try RunLock(directory: run.settings.lockDirectory, job: job.sha256, account: run.service.account,
                                  journal: journal.path, jobPath: job.path) } catch {
            throw .locked(error)
        }
        defer { lock.release() }
        let planner = Planner(service: run.service, backoff: run.settings.apply.backoff, clock: run.clock,
                              concurrency: ApplySettings.readConcurrency(rate: run.settings.rate),
                              progress: { done, total in progress.event(.reading(done: done, total: total)) },
                              onRetry: { error, attempt, limit, wait in
                                  progress.event(.retrying(error, attempt: attempt, of: limit, wait: wait))
                              })
        let drift: DriftReport
        do { drift = try await planner.drift(rows: job.rows) } catch { throw .service(error) }
        report(drift)
        guard apply, drift.hasDrift else { return Outcome(drift: drift, applied: nil) }
        let plan = Plan(createdAt: run.clock.date, inputPath: job.path, inputSHA256: job.sha256, csv: job.csv,
                        baseURL: run.service.account.baseURL, siteID: run.service.account.siteID,
                        readBatchSize: run.service.readBatchSize, rate: run.settings.rate,
                        rows: drift.rows.filter { $0.status != .unknown }
                            .map { PlannedRow(row: $0.row, phoneNumber: $0.phoneNumber, desired: $0.desired, live: $0.live) },
                        readRequests: drift.readRequests)
        let applied = try await run.runLocked(.plan(plan), journal: journal, confirm: confirm, progress: progress)
        return Outcome(drift: drift, applied: applied)
    }
}
