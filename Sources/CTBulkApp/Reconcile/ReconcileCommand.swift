import CTBulkCore
import CTBulkEngine
import CalltouchAPI
import Foundation

/// `ctbulk reconcile FILE`: compares the account with the job the team trusts, reports drift per row and field, and
/// optionally puts it right through the same journaled path as `apply`. Exit codes for cron: 0 in sync, 2 drift,
/// 1 failure, 65 invalid job file (75 locked or stopped, 77 credentials refused).
public enum ReconcileCommand {
    public struct Options: Sendable {
        public var input: InputOptions
        public var api: APIOptions
        public var reportPath: String?
        public var format: OutputFormat = .text
        /// `--apply`: fix the drift.
        public var apply = false
        public var metricsFile: String?
        /// Label of the metrics (default: the job file's name).
        public var jobName: String?
        public var journalPath = ".ctbulk/journal.sqlite"
        public var reportDirectory: String?
        public var quiet = false
        public var language: Language = .en
        /// Handle Ctrl-C during `--apply` (the command line sets it).
        public var trapsSignals = false
        /// `--yes`: fix the drift without asking (cron); without it and without a terminal, `--apply` exits 64.
        public var yes = false
        /// Read the account back after fixing (`--no-verify` turns it off).
        public var verify = true

        public init(input: InputOptions, api: APIOptions) {
            self.input = input
            self.api = api
        }
    }

    public static func run(_ options: Options, console: any Console) async -> Int32 {
        let started = ContinuousClock.now
        let language = options.language
        let jobName = options.jobName ?? URL(fileURLWithPath: options.input.path).deletingPathExtension().lastPathComponent
        var requests = 0, points = 0
        var rowsByStatus: [String: Int] = [:]

        func finish(_ code: Int32, success: Bool) -> Int32 {
            if let path = options.metricsFile {
                let elapsed = started.duration(to: .now)
                let metrics = MetricsFile(job: jobName, rows: rowsByStatus, requests: requests, points: points,
                                          durationSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                                          success: success, exitCode: code)
                do { try metrics.write(to: path) } catch {
                    console.err(language.text("reconcile.metrics_failed", ["path": .text(path), "error": .text(String(describing: error))]))
                }
            }
            return code
        }

        let job: ValidJob
        switch await PlanCommand.loadValidInput(options.input, reportPath: options.reportPath, format: options.format,
                                          language: language, console: console) {
        case .ready(let valid, _): job = valid
        case .stop(let code): return finish(code == ExitStatus.dataError.rawValue ? code : ExitStatus.failure.rawValue, success: false)
        }

        do {
            let outcome = try await APISession.with(options.api, console: console, language: language) { session -> (Int32, Int, Int, [String: Int]) in
                var applyOptions = ApplyOptions(input: options.input, api: options.api)
                applyOptions.journalPath = options.journalPath
                applyOptions.quiet = options.quiet
                applyOptions.yes = options.yes
                applyOptions.verify = options.verify
                applyOptions.language = language
                applyOptions.reportDirectory = options.reportDirectory
                let run = ApplyRun(service: session.client,
                                   settings: ApplyCommand.settings(applyOptions, rate: session.rate, mode: "reconcile"),
                                   clock: session.clock, stopSignal: session.stopSignal)
                let progress = RunConsole(console: console, quiet: options.quiet, language: language,
                                          sharedWith: { session.limiter.sharedWith })
                let trap = options.trapsSignals ? SignalTrap(stop: session.stopSignal, console: console, language: language) : nil
                defer { trap?.cancel() }
                let result: ReconcileRun.Outcome
                do throws(ApplyRun.Failure) {
                    result = try await ReconcileRun(run: run).reconcile(job, apply: options.apply, drift: { report in
                        render(report, options: options, console: console)
                    }, confirm: ApplyCommand.confirmer(console: console, language: language), progress: progress)
                } catch {
                    progress.finish()
                    return (ApplyCommand.failure(error, language: language, console: console, baseURL: session.client.configuration.baseURL),
                            session.limiter.granted, 0, [:])
                }
                progress.finish()
                let report = result.drift
                var counts: [String: Int] = [:]
                for status in DriftStatus.allCases { counts[status.rawValue] = report.count(status) }
                if let path = options.reportPath {
                    try report.write(to: path, layout: job.csv, inputPath: options.input.path, language: language)
                }
                var successfulReads = report.readRequests
                guard let applied = result.applied else {
                    return (report.hasDrift ? ExitStatus.changes.rawValue : ExitStatus.ok.rawValue, session.limiter.granted,
                            successfulReads, counts)
                }
                let code = ApplyCommand.render(applied, language: language, console: console, journalPath: options.journalPath)
                if case .finished(let applyReport, _) = applied { successfulReads += applyReport.applied }
                if code != ExitStatus.ok.rawValue { return (code, session.limiter.granted, successfulReads, counts) }
                let unknown = report.count(.unknown)
                if unknown > 0 {
                    console.err(language.text("reconcile.unknown_cannot_fix", ["n": .count(unknown)]))
                    return (ExitStatus.changes.rawValue, session.limiter.granted, successfulReads, counts)
                }
                console.out(language.text("reconcile.fixed"))
                return (ExitStatus.ok.rawValue, session.limiter.granted, successfulReads, counts)
            }
            requests = outcome.1
            points = outcome.2
            rowsByStatus = outcome.3
            let success = outcome.0 == ExitStatus.ok.rawValue || outcome.0 == ExitStatus.changes.rawValue
            return finish(outcome.0, success: success)
        } catch {
            console.err(APIErrorRendering.message(for: error, language: language))
            let code = APIErrorRendering.exitCode(for: error)
            return finish(code.rawValue, success: false)
        }
    }

    static func render(_ report: DriftReport, options: Options, console: any Console) {
        let language = options.language
        if options.format == .json {
            let rows: [JSONValue] = report.rows.map { row in
                var object: [String: JSONValue] = ["row": .integer(Int64(row.row)), "phoneNumber": .string(row.phoneNumber.digits),
                                                   "status": .string(row.status.rawValue)]
                object["changes"] = .array(row.changes.map { change in
                    .object(["field": .string(change.field.rawValue), "live": change.from.map(JSONValue.string) ?? .null,
                             "desired": change.to.map(JSONValue.string) ?? .null])
                })
                return .object(object)
            }
            var summary: [String: JSONValue] = [:]
            for status in DriftStatus.allCases { summary[status.rawValue] = .integer(Int64(report.count(status))) }
            console.out(JSONOutput.render(.object(["summary": .object(summary), "rows": .array(rows)])))
            return
        }
        var lines: [String] = []
        for row in report.rows where row.status != .inSync {
            let status = language.text("reconcile.status." + row.status.rawValue)
            let where_ = language.text("plan.row", ["row": .text(String(row.row))])
            lines.append("\(row.status == .changed ? "~" : row.status == .missing ? "+" : "!") \(row.phoneNumber) (\(where_)): \(status)")
            for change in row.changes {
                let live = change.from.map(ControlCharacters.escaped) ?? "∅", desired = change.to.map(ControlCharacters.escaped) ?? "∅"
                lines.append("    " + language.text("reconcile.change", ["field": .text(change.field.rawValue), "live": .text(live),
                                                                        "desired": .text(desired)]))
            }
        }
        let c = { (s: DriftStatus) in Message.Argument.count(report.count(s)) }
        lines.append(language.text("reconcile.summary", ["inSync": c(.inSync), "changed": c(.changed), "missing": c(.missing),
                                                         "unknown": c(.unknown)]))
        console.out(lines.joined(separator: "\n"))
    }
}

/// Messages for a run lock held by another process.
enum LockMessages {
    static func message(_ error: RunLock.Failure, language: Language) -> String {
        switch error {
        case .held(let path, let holder):
            let who = holder.pid.map { language.text("lock.process", ["pid": .text(String($0))]) } ?? language.text("lock.another_process")
            let since = holder.since.map { language.text("lock.since", ["since": .text($0)]) } ?? ""
            var whereText: [String] = []
            if let folder = holder.folder { whereText.append(language.text("lock.folder", ["folder": .text(folder)])) }
            if let job = holder.job { whereText.append(language.text("lock.file", ["file": .text(job)])) }
            if let journal = holder.journal { whereText.append(language.text("lock.journal", ["journal": .text(journal)])) }
            let details = whereText.isEmpty ? "" : "; " + whereText.joined(separator: ", ")
            return language.text("lock.held", ["who": .text(who), "since": .text(since), "details": .text(details), "path": .text(path)])
        case .unusable(let path, let reason):
            return language.text("lock.unusable", ["path": .text(path), "reason": .text(reason)])
        }
    }
}
