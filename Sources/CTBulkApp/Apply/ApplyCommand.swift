import CTBulkCore
import CTBulkEngine
import CalltouchAPI
import Foundation

/// `ctbulk apply FILE|PLAN.json`: plans (or takes a saved plan), asks, then sends one request per number at the
/// API's rate, journaled so that a killed run resumes without applying anything twice.
public enum ApplyCommand {
    public static func run(_ options: ApplyOptions, console: any Console) async -> Int32 {
        let language = options.language
        let ru = language == .ru
        let journal: Journal
        do { journal = try Journal(path: options.journalPath) } catch {
            console.err(error.description)
            return ExitStatus.failure.rawValue
        }

        // What to apply: a saved plan, a job file (planned now), or the run to resume.
        let source: Source
        if let input = options.input {
            if Plan.looksLikePlan(path: input.path) {
                do { source = .plan(try Plan.load(from: input.path)) } catch {
                    console.err(error.message(language))
                    return ExitStatus.noInput.rawValue
                }
            } else {
                switch await PlanCommand.loadValidInput(input, reportPath: nil, format: .text, language: language, console: console) {
                case .stop(let code): return code
                case .ready(let loaded):
                    do {
                        source = .job(rows: loaded.result.rows, csv: loaded.result.csv, path: input.path,
                                      sha: try JobFileReader.sha256(path: input.path))
                    } catch {
                        console.err(error.message(language))
                        return ExitStatus.noInput.rawValue
                    }
                }
            }
        } else if options.resume {
            source = .resume
        } else {
            console.err(ru ? "Укажите файл задания или --resume." : "Give a job file, a saved plan, or --resume.")
            return ExitStatus.usage.rawValue
        }

        do {
            return try await APISession.with(options.api, console: console, language: language) { session in
                try await inSession(session, source: source, journal: journal, options: options, console: console)
            }
        } catch {
            if let journalError = error as? JournalError {
                console.err(journalError.description)
                return ExitStatus.failure.rawValue
            }
            console.err(APIErrorRendering.message(for: error, language: language))
            return APIErrorRendering.exitCode(for: error).rawValue
        }
    }


    enum Source: Sendable {
        case plan(Plan)
        case job(rows: [JobRow], csv: CSVLayout?, path: String, sha: String)
        case resume
    }

    static func inSession(_ session: APISession, source: Source, journal: Journal, options: ApplyOptions,
                          console: any Console) async throws -> Int32 {
        let language = options.language
        let account = "SiteId \(session.client.configuration.siteId) at \(session.client.configuration.baseURL)"
        // One run at a time per job and account: a second one exits at once (75).
        let lockKey: String
        switch source {
        case .job(_, _, _, let sha): lockKey = sha
        case .plan(let plan): lockKey = plan.inputSHA256
        case .resume: lockKey = (try journal.latestUnfinishedRun())?.jobSHA256 ?? "resume"
        }
        do {
            return try await RunLock.scoped(directory: ReconcileCommand.lockDirectory(options.journalPath), key: "\(lockKey)-\(account)") {
                try await locked(session, source: source, journal: journal, options: options, console: console, account: account)
            }
        } catch let error as RunLock.Failure {
            console.err(LockMessages.message(error, language: language))
            return ExitStatus.tempFail.rawValue
        }
    }

    static func locked(_ session: APISession, source: Source, journal: Journal, options: ApplyOptions, console: any Console,
                       account: String) async throws -> Int32 {
        let language = options.language
        let ru = language == .ru
        // Find or create the run.
        var runID: Int64?
        switch source {
        case .resume:
            guard let run = try journal.latestUnfinishedRun() else {
                console.err(ru ? "В журнале нет незавершённых запусков." : "No unfinished run in the journal.")
                return ExitStatus.ok.rawValue
            }
            guard run.account == account else {
                console.err(ru ? "Незавершённый запуск \(run.id) был для \(run.account), а сейчас выбран \(account)."
                    : "The unfinished run \(run.id) was for \(run.account), not \(account).")
                return ExitStatus.usage.rawValue
            }
            runID = run.id
        case .job(_, _, _, let sha):
            if let run = try journal.unfinishedRun(jobSHA256: sha, account: account) { runID = run.id }
        case .plan(let plan):
            guard plan.siteID == session.client.configuration.siteId && plan.baseURL == session.client.configuration.baseURL else {
                console.err(ru ? "План составлен для SiteId \(plan.siteID) (\(plan.baseURL)), а выбран \(account)."
                    : "The plan was made for SiteId \(plan.siteID) at \(plan.baseURL), not \(account).")
                return ExitStatus.usage.rawValue
            }
            if let run = try journal.unfinishedRun(jobSHA256: plan.inputSHA256, account: account) { runID = run.id }
        }

        if let existing = runID {
            console.err(ru ? "Продолжаю незавершённый запуск \(existing) (строки с результатом не отправляются повторно)."
                : "Resuming unfinished run \(existing) (rows with an outcome are not sent again).")
        } else {
            let plan: Plan
            switch source {
            case .plan(let saved): plan = saved
            case .job(let rows, let csv, let path, let sha):
                var progress: @Sendable (Int, Int) -> Void = { _, _ in }
                if !options.quiet { progress = ProgressLine.reads(console: console, language: language) }
                let planner = Planner(client: session.client, progress: progress)
                plan = try await planner.plan(rows: rows, inputPath: path, inputSHA256: sha, csv: csv, rate: session.rate)
            case .resume: return ExitStatus.failure.rawValue
            }
            for line in PlanRendering.summaryLines(plan, language: language) where !options.quiet { console.err(line) }
            if !plan.summary.hasChanges {
                console.out(ru ? "Нечего применять: все строки уже как нужно\(plan.summary.errors > 0 ? " (кроме строк с ошибками)" : "")."
                    : "Nothing to apply: every row is already as desired\(plan.summary.errors > 0 ? " (except the rows with errors)" : "").")
                return plan.summary.errors > 0 ? ExitStatus.dataError.rawValue : ExitStatus.ok.rawValue
            }
            if !options.yes {
                guard console.isInteractive else {
                    console.err(ru ? "Нет терминала для подтверждения: добавьте --yes." : "No terminal to confirm on: pass --yes.")
                    return ExitStatus.usage.rawValue
                }
                let changes = plan.summary.create + plan.summary.update
                console.errInline(ru ? "Применить \(changes) изменений к \(account)? Введите yes: " : "Apply \(changes) changes to \(account)? Type yes: ")
                let answer = console.readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
                guard ["yes", "y", "да", "д"].contains(answer) else {
                    console.err(ru ? "Отменено." : "Cancelled.")
                    return ExitStatus.ok.rawValue
                }
            }
            let optionsText = "{\"rate\":\(session.rate),\"maxAttempts\":\(options.maxAttempts),\"concurrency\":\(options.concurrency ?? ApplySettings.defaultConcurrency(rate: session.rate))}"
            runID = try journal.startRun(plan: plan, account: account, options: optionsText)
        }
        guard let runID else { return ExitStatus.failure.rawValue }
        return try await execute(runID: runID, journal: journal, session: session, options: options, console: console)
    }

    static func execute(runID: Int64, journal: Journal, session: APISession, options: ApplyOptions, console: any Console) async throws -> Int32 {
        let language = options.language
        let ru = language == .ru
        let rows = try journal.rows(of: runID)
        let done = rows.filter { $0.outcome != nil }.count
        let progress = try ApplyProgress(total: rows.count, alreadyDone: done, console: console, quiet: options.quiet,
                                         language: language, logFile: options.logFile)
        let stop = session.stopSignal
        let trap = options.trapsSignals ? SignalTrap(stop: stop, console: console, language: language) : nil
        let settings = ApplySettings(concurrency: options.concurrency ?? ApplySettings.defaultConcurrency(rate: session.rate),
                                     backoff: Backoff(maxAttempts: max(options.maxAttempts, 1)), breaker: options.breaker,
                                     maxRequests: options.maxRequests, canary: options.canary)
        var current = Applier(client: session.client, journal: journal, settings: settings, observer: progress, stopSignal: stop)
        var report = try await current.run(runID)
        // Canary on a terminal: show the results and offer to go on in the same run.
        if report.stopReason == .canary, console.isInteractive, !options.yes {
            progress.finish()
            console.err(summaryLine(report, language: language))
            console.errInline(ru ? "Канарейка готова. Продолжить остальные строки? Введите yes: " : "Canary done. Continue with the remaining rows? Type yes: ")
            let answer = console.readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            if ["yes", "y", "да", "д"].contains(answer) {
                var rest = settings
                rest.canary = nil
                current = Applier(client: session.client, journal: journal, settings: rest, observer: progress, stopSignal: stop)
                report = try await current.run(runID)
            }
        }
        trap?.cancel()
        progress.finish()

        let directory = options.reportDirectory ?? (URL(fileURLWithPath: options.journalPath).deletingLastPathComponent().path + "/runs/\(runID)")
        let paths = try RunReports.write(runID: runID, journal: journal, directory: directory, report: report)
        console.out(summaryLine(report, language: language))
        if let detail = report.stopDetail, report.stopReason == .authentication || report.stopReason == .budget {
            console.err(detail)
        }
        console.out(ru ? "Отчёты: \(paths.results), \(paths.failures), \(paths.summary)"
            : "Reports: \(paths.results), \(paths.failures), \(paths.summary)")
        switch report.stopReason {
        case .authentication?: return ExitStatus.noPermission.rawValue
        case .budget?, .breaker?, .interrupted?, .maxRequests?:
            console.err(ru ? "Запуск \(runID) остановлен и может быть продолжен: ctbulk apply --resume (или та же команда)."
                : "Run \(runID) stopped and can be resumed: ctbulk apply --resume (or the same command again).")
            return ExitStatus.tempFail.rawValue
        case .canary?:
            console.err(ru ? "Канарейка: проверьте результат и продолжите тем же запуском: ctbulk apply --resume"
                : "Canary done: check the results, then continue the same run with: ctbulk apply --resume")
            return ExitStatus.ok.rawValue
        case nil:
            // 0 only when every row was applied or already as desired: a row skipped because its live state changed
            // since the plan was not applied either, and it is in the failures report like a failed one.
            let notApplied = report.failed + (report.counts[RowOutcome.changedSincePlan.rawValue] ?? 0)
                + (report.counts[RowOutcome.skipped.rawValue] ?? 0)
            return notApplied > 0 ? ExitStatus.failure.rawValue : ExitStatus.ok.rawValue
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
