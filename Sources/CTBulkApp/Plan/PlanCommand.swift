import CTBulkCore
import CTBulkEngine
import CalltouchAPI
import Foundation

/// `ctbulk plan FILE`: validates, reads live state, and shows exactly what a job would do to the account, field by
/// field, with its cost in requests, points and time. Sends no write.
public enum PlanCommand {
    public static func run(_ options: PlanOptions, console: any Console) async -> Int32 {
        let language = options.language
        let input: JobInput
        let job: ValidJob
        switch await loadValidInput(options.input, reportPath: options.reportPath, format: options.format, language: language,
                                    console: console, inventory: options.inventory) {
        case .ready(let valid, let loaded):
            input = loaded
            job = valid
        case .stop(let code): return code
        }
        do {
            let plan = try await APISession.with(options.api, console: console, language: language) { session in
                let planner = Planner(service: session.client, clock: session.clock,
                                      concurrency: ApplySettings.readConcurrency(rate: session.rate),
                                      progress: ProgressLine.reads(console: console, language: language),
                                      onRetry: { error, attempt, limit, wait in
                                          console.err(APIErrorRendering.retryNotice(error, attempt: attempt, of: limit, wait: wait,
                                                                                    language: language))
                                      })
                do throws(NumberServiceError) {
                    var plan = try await planner.plan(rows: job.rows, inputPath: job.path, inputSHA256: job.sha256, csv: job.csv,
                                                      rate: session.rate)
                    plan.skipping(job.invalid)
                    return plan
                } catch {
                    throw PlanFailure(error: error, baseURL: session.client.configuration.baseURL)
                }
            }
            if let out = options.outPath {
                do throws(ReportError) { try plan.save(to: out) } catch {
                    console.err(error.text.render(language))
                    return ExitStatus.failure.rawValue
                }
            }
            if let reportPath = options.reportPath {
                do throws(ReportError) { try PlanReport.write(plan, to: reportPath, language: language) } catch {
                    console.err(error.description)
                    return ExitStatus.failure.rawValue
                }
            }
            render(plan, options: options, input: input, console: console)
            if plan.summary.errors + plan.summary.invalid > 0 {
                return options.detailedExitCode ? ExitStatus.failure.rawValue : ExitStatus.dataError.rawValue
            }
            if options.detailedExitCode && plan.summary.hasChanges { return ExitStatus.changes.rawValue }
            return ExitStatus.ok.rawValue
        } catch let failure as PlanFailure {
            console.err(APIErrorRendering.message(for: failure.error, language: language, baseURL: failure.baseURL))
            return APIErrorRendering.exitCode(for: failure.error).rawValue
        } catch {
            console.err(APIErrorRendering.message(for: error, language: language))
            return APIErrorRendering.exitCode(for: error).rawValue
        }
    }

    /// A read of live state that failed, with where it went.
    struct PlanFailure: Error {
        var error: NumberServiceError
        var baseURL: String
    }

    static func render(_ plan: Plan, options: PlanOptions, input: JobInput, console: any Console) {
        let language = options.language
        switch options.format {
        case .json:
            console.out(JSONOutput.render(PlanRendering.json(plan, language: language)))
        case .text:
            var lines = ValidationRendering.assumptions(input.result, language: language)
            if input.result.problemCount > 0 {
                lines.append("")
                lines += ValidationRendering.problems(input.result, language: language)
            }
            lines.append("")
            lines.append(language.text("plan.account", ["site": .text(plan.siteID), "url": .text(plan.baseURL)]))
            lines.append("")
            var hiddenNoops = 0
            for row in plan.rows {
                if row.action == .noop && !options.showUnchanged { hiddenNoops += 1; continue }
                lines += PlanRendering.rowLines(row, language: language)
            }
            if hiddenNoops > 0 {
                lines.append(language.text("plan.hidden_noops", ["n": .count(hiddenNoops)]))
            }
            lines.append("")
            lines += PlanRendering.summaryLines(plan, language: language)
            if let out = options.outPath { lines.append(language.text("plan.saved", ["path": .text(out)])) }
            if let reportPath = options.reportPath {
                lines.append(Message("plan.report.written", ["path": .text(reportPath)]).render(language))
            }
            console.out(lines.joined(separator: "\n"))
        }
    }

    enum Loaded {
        case ready(ValidJob, JobInput)
        case stop(Int32)
    }

    /// The validation step of plan, apply and reconcile: a file with errors stops here with exit 65 and the same
    /// output (and `--report`) as `validate`.
    static func loadValidInput(_ input: InputOptions, reportPath: String?, format: OutputFormat, language: Language,
                               console: any Console, inventory: UISInventoryOptions? = nil) async -> Loaded {
        switch JobInput.load(input, language: language, problemLimit: 50, collectRows: true) {
        case .failure(let failure):
            return .stop(JSONError.report(failure, format: format, language: language, console: console))
        case .success(var loaded):
            if let inventory, !loaded.result.rows.isEmpty {
                switch await UISInventory.problems(rows: loaded.result.rows, options: inventory, language: language, console: console) {
                case .success(let problems):
                    var result = loaded.result
                    UISInventory.merge(problems, into: &result, column: Validator.phoneColumn(loaded.reader))
                    loaded = JobInput(reader: loaded.reader, result: result)
                case .failure(let failure):
                    let (code, message) = UISInventory.message(failure, language: language)
                    console.err(message)
                    if format == .json { console.out(JSONError.render(code: "inventory.failed", message: message, file: input.path)) }
                    return .stop(code)
                }
            }
            let check = JobCheck(reader: loaded.reader, result: loaded.result)
            do throws(JobCheck.Refusal) {
                let job = try check.admit(skippingInvalid: input.skipInvalid)
                if !job.invalid.isEmpty {
                    // The problems are shown with the plan; the rows are left out.
                    console.err(Message("skip.invalid.summary", ["n": .count(job.invalid.count)]).render(language))
                }
                return .ready(job, loaded)
            } catch {
                if case .unreadable(let unreadable) = error {
                    return .stop(JSONError.report(.unreadable(unreadable), format: format, language: language, console: console))
                }
            }
            if let reportPath {
                try? ValidationReport.write(to: reportPath, reader: loaded.reader, result: withInventoryByRow(loaded.result), language: language)
            }
            if format == .json {
                console.out(JSONOutput.render(.object(ValidationRendering.resultJSON(loaded.result, language: language))))
            } else {
                let l = Labels(language)
                var lines = ValidationRendering.assumptions(loaded.result, language: language)
                lines.append("")
                lines.append("\(l.summary): \(l.summaryLine(loaded.result.summary))")
                lines.append("")
                lines += ValidationRendering.problems(loaded.result, language: language)
                lines.append("")
                if input.skipInvalid && loaded.result.rows.isEmpty {
                    lines.append(Message("skip.invalid.nothing").render(language))
                } else {
                    lines.append(language.text("validate.has_errors"))
                }
                console.err(lines.joined(separator: "\n"))
            }
            return .stop(ExitStatus.dataError.rawValue)
        }
    }
}
