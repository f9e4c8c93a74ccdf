import CTBulkCore
import CTBulkEngine
import CalltouchAPI
import Foundation
import Synchronization

/// `ctbulk apply FILE|PLAN.json`: maps the options to an engine ``ApplyRun`` and its outcome to text and an exit code.
public enum ApplyCommand {
    public static func run(_ options: ApplyOptions, console: any Console) async -> Int32 {
        let language = options.language
        let ru = language == .ru

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
            console.err(ru ? "Укажите файл задания или --resume." : "Give a job file, a saved plan, or --resume.")
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
                return render(outcome, language: language, console: console)
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
        return settings
    }

    /// Asks on the terminal, with the same words on every write path (new run, resume, after the canary, reconcile
    /// --apply); nil without a terminal (the command then exits 64 unless `--yes` was given).
    static func confirmer(console: any Console, language: Language) -> @Sendable (ApplyRun.Confirmation) async -> Bool? {
        { question in
            guard console.isInteractive else { return nil }
            for line in confirmationLines(question, language: language) { console.err(line) }
            console.errInline(language == .ru ? "Продолжить? Введите «да» или «yes»: " : "Go ahead? Type yes: ")
            let answer = console.readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            return ["yes", "y", "да", "д"].contains(answer)
        }
    }

    /// The question's text: the canary's numbers (for the pause), then the account, the changes and what remains.
    static func confirmationLines(_ question: ApplyRun.Confirmation, language: Language) -> [String] {
        let ru = language == .ru
        var lines: [String] = []
        if question.stage == .afterCanary {
            lines.append(ru ? "Канареечный прогон записал \(question.canary.count) номеров:" : "The canary wrote \(question.canary.count) numbers:")
            for row in question.canary {
                let fields = row.settings.setFields.map { "\($0.rawValue)=\(ControlCharacters.escaped(row.settings[$0] ?? ""))" }
                lines.append("  \(row.phoneNumber.digits) (\(ru ? "строка" : "row") \(row.row)): \(fields.joined(separator: ", "))")
            }
        }
        let what: String
        switch question.stage {
        case .newRun: what = ru ? "Новый запуск" : "New run"
        case .resume: what = ru ? "Продолжение запуска \(question.runID ?? 0)" : "Continuing run \(question.runID ?? 0)"
        case .afterCanary: what = ru ? "Остаток запуска \(question.runID ?? 0) после канареечного прогона" : "The rest of run \(question.runID ?? 0) after the canary"
        }
        lines.append(ru
            ? "\(what): \(question.account). Изменений к отправке: \(question.changes) (из них новых номеров в пуле: \(question.creates)); готово строк: \(question.done) из \(question.total)."
            : "\(what): \(question.account). Changes to send: \(question.changes) (numbers added to a pool: \(question.creates)); rows done: \(question.done) of \(question.total).")
        return lines
    }

    /// The outcome as text, and its exit code.
    static func render(_ outcome: ApplyRun.Outcome, language: Language, console: any Console) -> Int32 {
        let ru = language == .ru
        switch outcome {
        case .noUnfinishedRun:
            console.err(ru ? "В журнале нет незавершённых запусков." : "No unfinished run in the journal.")
            return ExitStatus.ok.rawValue
        case .nothingToApply(let summary):
            console.out(ru ? "Нечего применять: все строки уже как нужно\(summary.errors > 0 ? " (кроме строк с ошибками)" : "")."
                : "Nothing to apply: every row is already as desired\(summary.errors > 0 ? " (except the rows with errors)" : "").")
            return summary.errors > 0 ? ExitStatus.dataError.rawValue : ExitStatus.ok.rawValue
        case .declined:
            console.err(ru ? "Отменено." : "Cancelled.")
            return ExitStatus.ok.rawValue
        case .cannotConfirm:
            console.err(ru ? "Нет терминала для подтверждения: добавьте --yes." : "No terminal to confirm on: pass --yes.")
            return ExitStatus.usage.rawValue
        case .finished(let report, let paths):
            console.out(summaryLine(report, language: language))
            if let verification = report.verification {
                if let failure = verification.failure {
                    console.err(ru ? "Не удалось прочитать аккаунт для проверки результата: \(failure)"
                        : "Could not read the account back to verify the result: \(failure)")
                } else if verification.notAsDesired > 0 {
                    console.err(ru ? "Проверка: \(verification.notAsDesired) из \(verification.checked) номеров не такие, как в задании (они в отчёте об ошибках); запустите ту же команду ещё раз."
                        : "Verified: \(verification.notAsDesired) of \(verification.checked) numbers are not as the job wants (listed in the failures report); run the same command again.")
                } else {
                    console.err(ru ? "Проверено: все \(verification.checked) номеров такие, как в задании." : "Verified: all \(verification.checked) numbers are as the job wants.")
                }
            }
            if let reason = report.stopReason, reason != .canary {
                console.err(stopExplanation(reason, detail: report.stopDetail, language: language))
            }
            console.out(ru ? "Отчёты: \(paths.results), \(paths.failures), \(paths.summary)"
                : "Reports: \(paths.results), \(paths.failures), \(paths.summary)")
            return exitCode(report, language: language, console: console)
        }
    }

    /// 0 only when every row was applied or already as desired; 75 for a resumable stop; 77 for refused credentials.
    static func exitCode(_ report: ApplyReport, language: Language, console: any Console) -> Int32 {
        let ru = language == .ru
        switch report.stopReason {
        case .authentication?: return ExitStatus.noPermission.rawValue
        case .redirected?: return ExitStatus.config.rawValue
        case .budget?, .breaker?, .interrupted?, .maxRequests?, .rateLimited?:
            console.err(ru ? "Запуск \(report.runID) остановлен и может быть продолжен: ctbulk apply --resume (или та же команда)."
                : "Run \(report.runID) stopped and can be resumed: ctbulk apply --resume (or the same command again).")
            return ExitStatus.tempFail.rawValue
        case .canary?:
            console.err(ru ? "Канарейка: проверьте результат и продолжите тем же запуском: ctbulk apply --resume"
                : "Canary done: check the results, then continue the same run with: ctbulk apply --resume")
            return ExitStatus.ok.rawValue
        case nil:
            // A row skipped because its live state changed since the plan was not applied either, and it is in the
            // failures report like a failed one.
            if report.verification?.failure != nil { return ExitStatus.failure.rawValue }
            guard report.notApplied == 0 else {
                let c = report.counts
                let failed = c[RowOutcome.failed.rawValue] ?? 0, changed = c[RowOutcome.changedSincePlan.rawValue] ?? 0
                let skipped = c[RowOutcome.skipped.rawValue] ?? 0
                console.err(ru
                    ? "Не применено строк: \(report.notApplied) (ошибок \(failed), изменились с момента плана \(changed), пропущено \(skipped): номеров нет в аккаунте); они в отчёте об ошибках, поэтому код выхода 1."
                    : "\(report.notApplied) rows were not applied (\(failed) failed, \(changed) changed since the plan, \(skipped) skipped: not in the account); they are in the failures report, hence exit code 1.")
                return ExitStatus.failure.rawValue
            }
            return ExitStatus.ok.rawValue
        }
    }

    /// Why the run stopped, in one sentence, with the detail the engine gave.
    static func stopExplanation(_ reason: StopReason, detail: String?, language: Language) -> String {
        let ru = language == .ru
        let more = detail.map { ": \($0)" } ?? ""
        switch reason {
        case .authentication:
            return (ru ? "API отклонил ключ доступа или SiteId" : "The API refused the access token or SiteId") + more
        case .budget:
            return (ru ? "Суточный лимит баллов API исчерпан; продолжите после сброса той же командой" : "The API's daily points budget is spent; continue after it resets with the same command") + more
        case .breaker:
            return (ru ? "Остановлено предохранителем: слишком много строк с ошибками" : "Stopped by the breaker: too many rows failed") + more
        case .interrupted:
            return ru ? "Остановлено (Ctrl-C, сигнал или остановка запуска)\(more)." : "Stopped (Ctrl-C, a signal, or a stop of the run)\(more)."
        case .maxRequests:
            return ru ? "Достигнут предел --max-requests." : "The --max-requests limit was reached."
        case .rateLimited:
            return (ru ? "API раз за разом отвечал 429 (слишком много запросов), хотя ctbulk соблюдает --rate: этот IP-адрес, похоже, делит лимит с другим клиентом"
                : "The API kept answering 429 (too many requests) although ctbulk keeps to --rate: another client seems to share this IP address's limit") + more
        case .canary:
            return ru ? "Канареечный прогон завершён." : "The canary is done."
        case .redirected:
            return Message("stop.redirected", ["detail": .text(more)]).render(language) + "."
        }
    }

    /// A run that could not be carried out: its message and exit code.
    static func failure(_ error: ApplyRun.Failure, language: Language, console: any Console, baseURL: String? = nil) -> Int32 {
        let ru = language == .ru
        switch error {
        case .locked(let lock):
            console.err(LockMessages.message(lock, language: language))
            return ExitStatus.tempFail.rawValue
        case .accountMismatch(let what, let expected, let given):
            console.err(ru ? "\(what == "plan" ? "План составлен" : "Запуск \(what) был") для \(expected), а выбран \(given)."
                : "The \(what) was made for \(expected), not \(given).")
            return ExitStatus.usage.rawValue
        case .service(let failure):
            console.err(APIErrorRendering.message(for: failure, language: language, baseURL: baseURL))
            return APIErrorRendering.exitCode(for: failure).rawValue
        case .journal(let journal):
            console.err(journal.description)
            return ExitStatus.ioError.rawValue
        case .reports(let reason):
            console.err(reason)
            return ExitStatus.failure.rawValue
        }
    }

    static func summaryLine(_ report: ApplyReport, language: Language) -> String {
        let c = report.counts
        func n(_ key: String) -> Int { c[key] ?? 0 }
        let reason = report.stopReason.map { " [\($0.rawValue)]" } ?? ""
        if language == .ru {
            return "Запуск \(report.runID)\(reason): применено \(n("applied")), без изменений \(n("no-op")), изменились с момента плана \(n("changed-since-plan")), ошибок \(n("failed")), пропущено \(n("skipped")), не отправлено \(n("pending")), под вопросом \(n("in-doubt")); запросов \(report.requests) за \(PlanRendering.duration(report.seconds, language))."
        }
        return "Run \(report.runID)\(reason): \(n("applied")) applied, \(n("no-op")) no-op, \(n("changed-since-plan")) changed since plan, \(n("failed")) failed, \(n("skipped")) skipped, \(n("pending")) pending, \(n("in-doubt")) in doubt; \(report.requests) requests in \(PlanRendering.duration(report.seconds, language))."
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
        let ru = language == .ru
        switch event {
        case .reading(let done, let total): reads?(done, total)
        case .retrying(let error, let attempt, let limit, let wait):
            console.err(APIErrorRendering.retryNotice(error, attempt: attempt, of: limit, wait: wait, language: language))
        case .planned(let plan):
            guard !quiet else { return }
            for line in PlanRendering.summaryLines(plan, language: language) { console.err(line) }
        case .resuming(let runID):
            console.err(ru ? "Продолжаю незавершённый запуск \(runID) (строки с результатом не отправляются повторно)."
                : "Resuming unfinished run \(runID) (rows with an outcome are not sent again).")
        case .executing(_, let total, let alreadyDone):
            let made = try? ApplyProgress(total: total, alreadyDone: alreadyDone, console: console, quiet: quiet,
                                          language: language, logFile: logFile, sharedWith: sharedWith)
            if made == nil, let logFile {
                console.err(ru ? "Не удалось открыть журнал запросов \(logFile)." : "Cannot open the request log \(logFile).")
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
