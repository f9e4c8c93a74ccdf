import CTBulkCore
import CTBulkEngine
import Foundation
import Hummingbird

extension WebApp {
    func addRunRoutes(_ router: Router<WebContext>) {
        router.get("/runs") { _, context in self.runsPage(context) }
        router.get("/runs/:run") { request, context in
            guard let id = context.parameters.get("run").flatMap(Int64.init) else { return self.notFound(context) }
            return self.runPage(id, outcome: request.uri.queryParameters["outcome"].map(String.init), context: context)
        }
        for kind in ["results", "failures"] {
            router.get("/runs/:run/\(kind)") { _, context in
                guard let id = context.parameters.get("run").flatMap(Int64.init),
                      let file = self.reportFile(id, kind) else { return self.notFound(context) }
                let ext = (file as NSString).pathExtension
                return Pages.download(path: file, name: "run-\(id)-\(kind).\(ext)", contentType: Self.contentType(ext))
                    ?? self.notFound(context)
            }
        }
        router.get("/runs/:run/undo") { _, context in
            guard let id = context.parameters.get("run").flatMap(Int64.init), let journal = try? Journal(path: self.store.journalPath),
                  let undo = try? UndoJob.build(runID: id, journal: journal) else { return self.notFound(context) }
            let path = self.store.runDirectory(id) + "/undo.csv"
            do {
                try FileManager.default.createDirectory(atPath: self.store.runDirectory(id), withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
                try JobWriter.writeCSV(undo.rows, to: path, dialect: undo.run.layout?.dialect ?? .excel)
            } catch {
                return Pages.problem(context, account: self.account.label, status: .internalServerError, "\(error)")
            }
            return Pages.download(path: path, name: "run-\(id)-undo.csv", contentType: "text/csv; charset=utf-8") ?? self.notFound(context)
        }
        router.post("/runs/resume") { _, _ in
            self.runs.enqueue(RunQueue.Job(uploadID: nil, uploadName: nil, source: .resume, canary: nil))
            return Pages.redirect("/live")
        }
    }

    static func contentType(_ ext: String) -> String {
        switch ext {
        case "xlsx": return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case "json": return "application/json"
        default: return "text/csv; charset=utf-8"
        }
    }

    /// The run's `results.*` or `failures.*` report in the server's data folder.
    func reportFile(_ id: Int64, _ kind: String) -> String? {
        let folder = store.runDirectory(id)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.sorted().first { $0.hasPrefix(kind + ".") }.map { folder + "/" + $0 }
    }

    /// The upload a run's job file belongs to (its name), when it is one of ours.
    func uploadName(jobPath: String) -> String {
        let parts = jobPath.split(separator: "/")
        if parts.count >= 2, let upload = store.upload(String(parts[parts.count - 2])) { return upload.originalName }
        return (jobPath as NSString).lastPathComponent
    }

    // MARK: Screen 5: runs

    func runsPage(_ context: WebContext) -> Response {
        let text = Text(context.language)
        let journal = try? Journal(path: store.journalPath)
        let runs = (try? journal?.runs()) ?? []
        let rows = runs.sorted { $0.id > $1.id }.map { run -> HTML in
            let counts = (try? journal?.counts(of: run.id)) ?? [:]
            let summary = RowOutcome.allCasesForWeb.compactMap { outcome -> String? in
                guard let n = counts[outcome], n > 0 else { return nil }
                return "\(text.t("web.outcome.\(outcome)")): \(text.number(n))"
            }.joined(separator: ", ")
            return """
            <tr data-run="\(Int(run.id))"><td><a href="/runs/\(Int(run.id))">\(Int(run.id))</a></td><td>\(uploadName(jobPath: run.jobPath))</td>\
            <td>\(text.time(Date(timeIntervalSince1970: run.startedAt)))</td>\
            <td><span class="badge \(run.effectiveStatus.rawValue)">\(text.t("web.status.\(run.effectiveStatus.rawValue)"))</span>\(run.stopReason.map { " (\($0))" } ?? "")</td>\
            <td>\(summary)</td></tr>
            """
        }
        let unfinished = (try? journal?.latestUnfinishedRun()) ?? nil
        let resume: HTML = unfinished.map { run in
            "<p>\(text.t("web.runs.unfinished", ["run": .count(Int(run.id))])) \(Pages.postButton(context, action: "/runs/resume", label: text.t("web.runs.resume"), id: "resume", style: "primary"))</p>"
        } ?? .empty
        let body: HTML = runs.isEmpty ? "<p class=\"muted\" id=\"no-runs\">\(text.t("web.runs.none"))</p>" : """
        \(resume)
        <table class="list" id="runs"><thead><tr><th>#</th><th>\(text.t("web.uploads.file"))</th><th>\(text.t("web.runs.started"))</th>\
        <th>\(text.t("web.runs.status"))</th><th>\(text.t("web.runs.rows"))</th></tr></thead><tbody>\(rows)</tbody></table>
        """
        return Pages.page(context, title: text.t("web.runs.title"), active: "runs", account: account.label, body)
    }

    func runPage(_ id: Int64, outcome filter: String?, context: WebContext) -> Response {
        let text = Text(context.language)
        guard let journal = try? Journal(path: store.journalPath), let run = try? journal.run(id),
              let rows = try? journal.rows(of: id) else { return notFound(context) }
        let counts = (try? journal.counts(of: id)) ?? [:]
        let chips = HTML.join((["" ] + RowOutcome.allCasesForWeb).compactMap { outcome -> HTML? in
            let n = outcome.isEmpty ? rows.count : counts[outcome] ?? 0
            guard n > 0 || outcome.isEmpty else { return nil }
            let name = outcome.isEmpty ? text.t("web.plan.allActions") : text.t("web.outcome.\(outcome)")
            return "<a class=\"chip\((filter ?? "") == outcome ? HTML(" active") : HTML.empty)\" href=\"?outcome=\(outcome)\" data-outcome=\"\(outcome)\">\(name) (\(text.number(n)))</a>"
        })
        func state(_ row: RowRecord) -> String {
            if let outcome = row.outcome { return outcome.rawValue }
            return row.isInDoubt ? "in-doubt" : "pending"
        }
        let shown = rows.filter { filter == nil || filter == "" || state($0) == filter }
        let table = HTML.join(shown.prefix(5000).map { row in
            """
            <tr data-row="\(row.row)" data-outcome="\(state(row))"><td class="num">\(row.row)</td><td>\(row.phone)</td>\
            <td>\(WebApp.actionName(row.plannedAction, text))</td><td><span class="badge \(state(row))">\(text.t("web.outcome.\(state(row))"))</span></td>\
            <td>\(row.message ?? "")</td></tr>
            """
        })
        let downloads: HTML = """
        <div class="actions">\
        \(reportFile(id, "results") != nil ? HTML("<a class=\"button\" id=\"download-results\" href=\"/runs/\(Int(id))/results\">\(text.t("web.runs.results"))</a>") : HTML.empty)
        \(reportFile(id, "failures") != nil ? HTML("<a class=\"button\" id=\"download-failures\" href=\"/runs/\(Int(id))/failures\">\(text.t("web.runs.failures"))</a>") : HTML.empty)
        <a class="button" id="download-undo" href="/runs/\(Int(id))/undo">\(text.t("web.runs.undo"))</a></div>
        """
        let body: HTML = """
        <p>\(uploadName(jobPath: run.jobPath)) · <span class="badge \(run.effectiveStatus.rawValue)">\(text.t("web.status.\(run.effectiveStatus.rawValue)"))</span>\(run.stopReason.map { " (\($0))" } ?? "") · \(run.account)</p>
        \(downloads)
        <nav class="filters" id="outcome-filter">\(chips)</nav>
        <table class="list" id="run-rows"><thead><tr><th>#</th><th>\(text.t("web.plan.number"))</th><th>\(text.t("web.plan.action"))</th>\
        <th>\(text.t("web.runs.outcome"))</th><th>\(text.t("web.runs.message"))</th></tr></thead><tbody>\(table)</tbody></table>
        """
        return Pages.page(context, title: text.t("web.runs.run", ["run": .count(Int(id))]), active: "runs", account: account.label, body)
    }
}

extension RowOutcome {
    /// The outcome words the pages filter and count by (with the journal's states of rows without an outcome).
    static let allCasesForWeb = ["applied", "no-op", "changed-since-plan", "failed", "skipped", "pending", "in-doubt"]
}
