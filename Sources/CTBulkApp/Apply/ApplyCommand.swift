import CTBulkCore
import CTBulkEngine
import CalltouchAPI
import Foundation
import Synchronization

/// `ctbulk apply FILE|PLAN.json`: maps the options to an engine ``ApplyRun`` and its outcome to text and an exit code.
public enum ApplyCommand {
    public static func run(_ options: ApplyOptions, console: any Console) async -> Int32 {
        let language = options.language

        // What to apply: a saved plan, a job file (planned by the run), or the run to resume.
        let source: ApplyRun.Source
        if let input = options.input {
            if Plan.looksLikePlan(path: input.path) {
                do { source = .plan(try Plan.load(from: input.path)) } catch {
                    console.err(error.message(language))
                    return ExitStatus.noInput.rawValue
                }
            } else {
                switch await PlanCommand.loadValidInput(input, reportPath: nil, format: .text, language: language, console: console) {
                case .stop(let code): return code
                case .ready(let job, _): source = .job(job)
                }
            }
        } else if options.resume {
            source = .resume
        } else {
            console.err(language.text("apply.what_to_apply"))
            return ExitStatus.usage.rawValue
        }

        do {
            return try await APISession.with(options.api, console: console, language: language, ask: !options.yes) { session in
                let run = ApplyRun(service: session.client, settings: settings(options, rate: session.rate, mode: "apply"),
                                   clock: session.clock, stopSignal: session.stopSignal)
                let progress = RunConsole(console: console, options: options, sharedWith: { session.limiter.sharedWith })
                let trap = options.trapsSignals ? SignalTrap(stop: session.stopSignal, console: console, language: language) : nil
                defer { trap?.cancel() }
                let outcome: ApplyRun.Outcome
                do throws(ApplyRun.Failure) {
                    outcome = try await run.run(source, confirm: confirmer(console: console, language: language),
                                                progress: progress)
                } catch {
                    progress.finish()
                    return failure(error, language: language, console: console, baseURL: session.client.configuration.baseURL)
                }
                progress.finish()
                return render(outcome, language: language, console: console, journalPath: options.journalPath)
            }
        } catch {
            console.err(APIErrorRendering.message(for: error, language: language))
            return APIErrorRendering.exitCode(for: error).rawValue
        }
    }

    /// The engine's settings from the command's options.
    static func settings(_ options: ApplyOptions, rate: Int, mode: String) -> ApplyRun.Settings {
        let apply = ApplySettings(concurrency: options.concurrency ?? ApplySettings.defaultConcurrency(rate: rate),
                                  backoff: Backoff(maxAttempts: max(options.maxAttempts, 1)), breaker: options.breaker,
                                  maxRequests: options.maxRequests, canary: options.canary)
        var settings = ApplyRun.Settings(apply: apply, rate: rate, journalPath: options.journalPath,
                                         reportDirectory: options.reportDirectory, confirm: !options.yes, mode: mode,
                                         stateDirectory: options.api.resolvedStateDirectory)
        settings.verify = options.verify
        settings.language = options.language
        return settings
    }

    /// Asks on the terminal, with the same words on every write path (new run, resume, after the canary, reconcile
    /// --apply); nil without a terminal (the command then exits 64 unless `--yes` was given).
    static func confirmer(console: any Console, language: Language) -> @Sendable (ApplyRun.Confirmation) async -> Bool? {
        { question in
            guard console.isInteractive else { return nil }
            for line in confirmationLines(question, language: language) { console.err(line) }
            console.errInline(language.text("confirm.prompt"))
            return Confirmation.isYes(console.readLine())
        }
    }

    /// The question's text: the canary's numbers (for the pause), then the account, the changes and what remains.
    static func confirmationLines(_ question: ApplyRun.Confirmation, language: Language) -> [String] {
        var lines: [String] = []
        let run = Message.Argument.text(String(question.runID ?? 0))
        if question.stage == .afterCanary {
            lines.append(language.text("confirm.canary_wrote", ["n": .count(question.canary.count)]))
            for row in question.canary {
                let fields = row.settings.setFields.map { "\($0.rawValue)=\(ControlCharacters.escaped(row.settings[$0] ?? ""))" }
                lines.append(language.text("confirm.canary_row", ["number": .text(row.phoneNumber.digits), "row": .text(String(row.row)),
                                                                  "fields": .text(fields.joined(separator: ", "))]))
            }
        }
        let what: String
        switch question.stage {
        case .newRun: what = language.text("confirm.new_run")
        case .resume: what = language.text("confirm.resume", ["run": run])
        case .afterCanary: what = language.text("confirm.after_canary", ["run": run])
        }
        lines.append(language.text("confirm.question", ["what": .text(what), "account": AccountIdentity.display(label: question.account),
                                                        "changes": .count(question.changes), "creates": .count(question.creates),
                                                        "done": .count(question.done), "total": .count(question.total)]))
        return lines
    }

    /// The outcome as text, and its exit code.
    static func render(_ outcome: ApplyRun.Outcome, language: Language, console: any Console,
                       journalPath: String = ApplyOptions.defaultJournalPath) -> Int32 {
        switch outcome {
        case .noUnfinishedRun:
            console.err(language.text("apply.no_unfinished"))
            return ExitStatus.ok.rawValue
        case .nothingToApply(let summary):
            let errors = summary.errors + summary.invalid
            console.out(language.text(errors > 0 ? "apply.nothing_but_errors" : "apply.nothing"))
            return errors > 0 ? ExitStatus.dataError.rawValue : ExitStatus.ok.rawValue
        case .declined:
            console.err(language.text("apply.declined"))
            return ExitStatus.ok.rawValue
        case .cannotConfirm:
            console.err(language.text("apply.cannot_confirm"))
            return ExitStatus.usage.rawValue
        case .finished(let report, let paths):
            console.out(summaryLine(report, language: language))
            if let verification = report.verification {
                if let failure = verification.failure {
                    console.err(language.text("apply.verify_failed", ["error": .text(failure)]))
                } else if verification.notAsDesired > 0 {
                    console.err(language.text("apply.verify_mismatch", ["bad": .count(verification.notAsDesired),
                                                                        "checked": .count(verification.checked)]))
                } else {
                    console.err(language.text("apply.verify_ok", ["n": .count(verification.checked)]))
                }
            }
            if let reason = report.stopReason, reason != .canary {
                console.err(stopExplanation(reason, report: report, journalPath: journalPath, language: language))
            }
            console.out(language.text("apply.reports", ["results": .text(paths.results), "failures": .text(paths.failures),
                                                        "summary": .text(paths.summary)]))
            let code = exitCode(report, language: language, console: console)
            if paths.invalid > 0 {
                // --skip-invalid: the rows with errors were not applied; they are in the failures report.
                console.err(Message("skip.invalid.summary", ["n": .count(paths.invalid)]).render(language))
                if code == ExitStatus.ok.rawValue { return ExitStatus.failure.rawValue }
            }
            return code
        }
    }

    /// 0 only when every row was applied or already as desired; 75 for a resumable stop; 77 for refused credentials.
    static func exitCode(_ report: ApplyReport, language: Language, console: any Console) -> Int32 {
        switch report.stopReason {
        case .authentication?: return ExitStatus.noPermission.rawValue
        case .redirected?: return ExitStatus.config.rawValue
        case .budget?, .breaker?, .interrupted?, .maxRequests?, .rateLimited?:
            console.err(language.text("apply.resumable", ["run": .text(String(report.runID))]))
            return ExitStatus.tempFail.rawValue
        case .canary?:
            console.err(language.text("apply.canary_done"))
            return ExitStatus.ok.rawValue
        case nil:
            // A row skipped because its live state changed since the plan was not applied either, and it is in the
            // failures report like a failed one.
            if report.verification?.failure != nil { return ExitStatus.failure.rawValue }
            guard report.notApplied == 0 else {
                let c = report.counts
                let failed = c[RowOutcome.failed.rawValue] ?? 0, changed = c[RowOutcome.changedSincePlan.rawValue] ?? 0
                let skipped = c[RowOutcome.skipped.rawValue] ?? 0
                console.err(language.text("apply.not_applied", ["n": .count(report.notApplied), "failed": .count(failed),
                                                                "changed": .count(changed), "skipped": .count(skipped)]))
                return ExitStatus.failure.rawValue
            }
            return ExitStatus.ok.rawValue
        }
    }

    /// Why the run stopped and what to do next, with the detail the engine gave (which rows tripped the breaker).
    static func stopExplanation(_ reason: StopReason, report: ApplyReport, journalPath: String = ApplyOptions.defaultJournalPath,
                                language: Language) -> String {
        let detail = Message.Argument.text(report.stopMessage?.render(language) ?? report.stopDetail ?? "")
        let journal = Message.Argument.text(journalPath == ApplyOptions.defaultJournalPath ? ""
            : language.text("stop.journal_option", ["path": .text(journalPath)]))
        switch reason {
        case .authentication:
            return language.text("stop.authentication")
        case .budget:
            let total = report.counts.values.reduce(0, +)
            let open = (report.counts["pending"] ?? 0) + (report.counts["in-doubt"] ?? 0)
            return language.text("stop.budget", ["done": .count(total - open), "total": .count(total), "journal": journal])
        case .breaker:
            return language.text("stop.breaker", ["detail": detail, "journal": journal])
        case .interrupted:
            return report.stopMessage == nil && report.stopDetail == nil ? language.text("stop.interrupted")
                : language.text("stop.interrupted_detail", ["detail": detail])
        case .maxRequests:
            return language.text("stop.max_requests")
        case .rateLimited:
            return language.text("stop.rate_limited", ["detail": detail, "journal": journal])
        case .canary:
            return language.text("stop.canary")
        case .redirected:
            let more = report.stopMessage.map { ": " + $0.render(language) } ?? report.stopDetail.map { ": " + $0 } ?? ""
            return language.text("stop.redirected", ["detail": .text(more)]) + "."
        }
    }

    /// A run that could not be carried out: its message and exit code.
    static func failure(_ error: ApplyRun.Failure, language: Language, console: any Console, baseURL: String? = nil) -> Int32 {
        switch error {
        case .locked(let lock):
            console.err(LockMessages.message(lock, language: language))
            return ExitStatus.tempFail.rawValue
        case .accountMismatch(let what, let expected, let given):
            let arguments: [String: Message.Argument] = ["what": .text(what), "expected": .text(expected), "given": .text(given)]
            console.err(language.text(what == "plan" ? "apply.account_mismatch_plan" : "apply.account_mismatch_run", arguments))
            return ExitStatus.usage.rawValue
        case .service(let failure):
            console.err(APIErrorRendering.message(for: failure, language: language, baseURL: baseURL))
            return APIErrorRendering.exitCode(for: failure).rawValue
        case .journal(let journal):
            console.err(journal.text.render(language))
            return ExitStatus.ioError.rawValue
        case .reports(let reason):
            console.err(reason)
            return ExitStatus.failure.rawValue
        }
    }

    static func summaryLine(_ report: ApplyReport, language: Language) -> String {
        let c = report.counts
        func n(_ key: String) -> Message.Argument { .count(c[key] ?? 0) }
        let reason = report.stopReason.map { language.text("apply.summary_reason", ["reason": .message($0.text)]) } ?? ""
        return language.text("apply.summary", [
            "run": .text(String(report.runID)), "reason": .text(reason), "applied": n("applied"), "noop": n("no-op"),
            "changed": n("changed-since-plan"), "failed": n("failed"), "skipped": n("skipped"), "pending": n("pending"),
            "doubt": n("in-doubt"), "requests": .count(report.requests),
            "duration": .text(PlanRendering.duration(report.seconds, language)),
        ])
    }
}

/// The answer to a confirmation question.
public enum Confirmation {
    /// «да» or «yes» (and their one-letter forms), in any case, with surrounding spaces trimmed.
    public static func isYes(_ answer: String?) -> Bool {
        let word = (answer ?? "").trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return ["yes", "y", "да", "д"].contains(word)
    }
}

/// The console side of a run: the plan's summary, the resume note, the progress bar and the audit log.
final class RunConsole: ApplyRunProgress {
    private let console: any Console
    private let quiet: Bool
    private let language: Language
    private let logFile: String?
    private let reads: (@Sendable (Int, Int) -> Void)?
    private let progress = Mutex<ApplyProgress?>(nil)
    private let sharedWith: @Sendable () -> Int

    init(console: any Console, options: ApplyOptions, sharedWith: @escaping @Sendable () -> Int = { 0 }) {
        self.console = console
        self.sharedWith = sharedWith
        self.quiet = options.quiet
        self.language = options.language
        self.logFile = options.logFile
        self.reads = options.quiet ? nil : ProgressLine.reads(console: console, language: options.language)
    }

    init(console: any Console, quiet: Bool, language: Language, sharedWith: @escaping @Sendable () -> Int = { 0 }) {
        self.console = console
        self.sharedWith = sharedWith
        self.quiet = quiet
        self.language = language
        self.logFile = nil
        self.reads = quiet ? nil : ProgressLine.reads(console: console, language: language)
    }

    func event(_ event: ApplyRun.Event) {
        switch event {
        case .reading(let done, let total): reads?(done, total)
        case .retrying(let error, let attempt, let limit, let wait):
            console.err(APIErrorRendering.retryNotice(error, attempt: attempt, of: limit, wait: wait, language: language))
        case .planned(let plan):
            guard !quiet else { return }
            for line in PlanRendering.summaryLines(plan, language: language) { console.err(line) }
        case .resuming(let runID):
            console.err(language.text("apply.resuming", ["run": .text(String(runID))]))
        case .executing(_, let total, let alreadyDone):
            let made = try? ApplyProgress(total: total, alreadyDone: alreadyDone, console: console, quiet: quiet,
                                          language: language, logFile: logFile, sharedWith: sharedWith)
            if made == nil, let logFile {
                console.err(language.text("apply.log_failed", ["path": .text(logFile)]))
            }
            progress.withLock { $0 = made }
        case .executed:
            progress.withLock { $0?.finish() }
        case .verifying(let done, let total): reads?(done, total)
        }
    }

    func rowFinished(row: Int, outcome: RowOutcome) { progress.withLock { $0 }?.rowFinished(row: row, outcome: outcome) }
    func request(_ event: RequestEvent) { progress.withLock { $0 }?.request(event) }
    func finish() { progress.withLock { $0 }?.finish() }
}
