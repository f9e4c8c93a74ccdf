import CTBulkCore
import CTBulkEngine
import Foundation
import Hummingbird

/// The last drift read of an upload, kept next to it (`drift.json`) for the page and the downloads; stale once the
/// job file is not the one it was read for.
struct SavedDrift: Codable {
    var sha256: String
    var checkedAt: Date
    var layout: CSVLayout?
    var report: DriftReport

    /// Changes «fix the drift» would send: the rows the engine plans from the drift (numbers not in the account
    /// cannot be fixed), counted the way the plan counts them.
    var fixes: (writes: Int, creates: Int) {
        let actions = report.rows.filter { $0.status != .unknown }
            .map { PlannedRow(row: $0.row, phoneNumber: $0.phoneNumber, desired: $0.desired, live: $0.live).action }
        return (actions.filter { $0 == .create || $0 == .update }.count, actions.filter { $0 == .create }.count)
    }
}

extension WebApp {
    func addReconcileRoutes(_ router: Router<WebContext>) {
        router.get("/reconcile") { _, context in self.reconcileListPage(context) }
        router.get("/uploads/:id/reconcile") { request, context in
            guard let upload = self.upload(context) else { return self.notFound(context) }
            return self.reconcilePage(upload, status: request.uri.queryParameters["status"].map(String.init), context: context)
        }
        router.post("/uploads/:id/reconcile") { _, context in
            guard let upload = self.upload(context) else { return self.notFound(context) }
            return await self.checkDrift(upload, context: context)
        }
        for ext in ["csv", "xlsx"] {
            router.get("/uploads/:id/reconcile.\(ext)") { _, context in
                guard let upload = self.upload(context), let saved = self.savedDrift(upload) else { return self.notFound(context) }
                let path = self.store.file(upload, "drift-report.\(ext)")
                do {
                    try saved.report.write(to: path, layout: saved.layout, inputPath: self.store.jobPath(upload), language: context.language)
                    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
                } catch {
                    return Pages.problem(context, account: self.account.label, status: .internalServerError, "\(error)")
                }
                let type = ext == "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8"
                return Pages.download(path: path, name: Self.downloadName(upload, suffix: "drift", ext: ext), contentType: type)
                    ?? self.notFound(context)
            }
        }
        router.get("/uploads/:id/reconcile/fix") { _, context in
            guard let upload = self.upload(context) else { return self.notFound(context) }
            guard let saved = self.savedDrift(upload), saved.fixes.writes > 0 else { return Pages.redirect("/uploads/\(upload.id)/reconcile") }
            return self.fixConfirmPage(upload, saved: saved, context: context)
        }
        router.post("/uploads/:id/reconcile/fix") { request, context in
            guard let upload = self.upload(context), let saved = self.savedDrift(upload) else { return self.notFound(context) }
            let form = await Self.form(request)
            let text = Text(context.language)
            let fixes = saved.fixes.writes
            // As for apply: the confirmation names the number of changes, and the engine's read must find the same.
            guard form["confirm"] == "yes", form["changes"] == String(fixes), fixes > 0 else {
                return Pages.problem(context, account: self.account.label, status: .badRequest, text.t("web.apply.notConfirmed"))
            }
            let job: ValidJob
            do { job = try self.revalidate(upload).get().validJob() } catch {
                return Pages.problem(context, account: self.account.label, status: .internalServerError, "\(error)")
            }
            self.runs.enqueue(RunQueue.Job(uploadID: upload.id, uploadName: upload.originalName, source: .reconcile(job, changes: fixes)))
            return Pages.redirect("/live")
        }
    }

    func savedDrift(_ upload: Upload) -> SavedDrift? {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let data = FileManager.default.contents(atPath: store.file(upload, "drift.json")),
              let saved = try? decoder.decode(SavedDrift.self, from: data),
              saved.sha256 == (try? JobFileReader.sha256(path: store.jobPath(upload))) else { return nil }
        return saved
    }

    /// Reads the account for the upload's valid rows through the shared limiter (the engine's ``ReconcileRun``, under
    /// the job's lock, nothing written) and keeps the drift next to the upload.
    func checkDrift(_ upload: Upload, context: WebContext) async -> Response {
        let text = Text(context.language)
        let job: ValidJob
        switch validRows(upload, context: context) {
        case .job(let valid): job = valid
        case .answer(let response): return response
        }
        let stop = StopSignal()
        let runSettings = ApplyRun.Settings(apply: ApplySettings(concurrency: ApplySettings.defaultConcurrency(rate: account.rate)),
                                            rate: account.rate, journalPath: store.journalPath, mode: "reconcile",
                                            stateDirectory: settings.stateDirectory)
        let run = ApplyRun(service: account.makeService(stop), settings: runSettings, clock: .system, stopSignal: stop)
        do {
            let outcome = try await ReconcileRun(run: run).reconcile(job, apply: false, confirm: { _ in false },
                                                                     progress: SilentRunProgress())
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            let saved = SavedDrift(sha256: job.sha256, checkedAt: Date(), layout: job.csv, report: outcome.drift)
            try store.write(try encoder.encode(saved), to: store.file(upload, "drift.json"))
        } catch let failure as ApplyRun.Failure {
            let message = RunQueue.message(failure).render(context.language)
            return Pages.problem(context, account: account.label, status: .badGateway, text.t("web.reconcile.readFailed", ["reason": .text(message)]))
        } catch {
            return Pages.problem(context, account: account.label, status: .internalServerError, "\(error)")
        }
        return Pages.redirect("/uploads/\(upload.id)/reconcile")
    }

    static func driftStatusName(_ status: DriftStatus, _ text: Text) -> String { text.t("web.drift.\(status.rawValue)") }

    // MARK: Screen 6: reconcile

    /// The «Сверка» entry: every kept upload with its last drift read.
    func reconcileListPage(_ context: WebContext) -> Response {
        let text = Text(context.language)
        let uploads = store.all()
        let rows = HTML.join(uploads.map { upload -> HTML in
            let last: HTML
            if let saved = savedDrift(upload) {
                let differ = saved.report.rows.count - saved.report.count(.inSync)
                last = differ == 0
                    ? "<span class=\"ok\">\(text.t("web.reconcile.allMatch"))</span>"
                    : "<span class=\"error\">\(text.t("web.reconcile.differ", ["n": .count(differ)]))</span>"
            } else {
                last = "<span class=\"muted\">\(text.t("web.reconcile.notChecked"))</span>"
            }
            return "<tr data-upload=\"\(upload.id)\"><td><a href=\"/uploads/\(upload.id)/reconcile\">\(upload.originalName)</a></td><td class=\"num\">\(upload.rows)</td><td>\(last)</td></tr>"
        })
        let body: HTML = uploads.isEmpty
            ? "<p class=\"muted\" id=\"reconcile-none\">\(text.t("web.reconcile.noUploads"))</p>"
            : """
            <p class="muted">\(text.t("web.reconcile.intro"))</p>
            <table class="list" id="reconcile-uploads"><thead><tr><th>\(text.t("web.reconcile.file"))</th><th>\(text.t("web.reconcile.rows"))</th><th>\(text.t("web.reconcile.lastCheck"))</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
        return Pages.page(context, title: text.t("web.reconcile.listTitle"), active: "reconcile", account: account.label,
                          runBanner(context) + body)
    }

    func reconcilePage(_ upload: Upload, status: String?, context: WebContext) -> Response {
        let text = Text(context.language)
        let title = text.t("web.reconcile.title", ["file": .text(upload.originalName)])
        let check = Pages.postButton(context, action: "/uploads/\(upload.id)/reconcile", label: text.t("web.reconcile.check"),
                                     id: "check-drift", style: "primary", busy: readingNotice(rows: upload.rows, text))
        let back: HTML = "<a href=\"/uploads/\(upload.id)\">\(text.t("web.plan.backToFile"))</a>"
        guard let saved = savedDrift(upload) else {
            let body: HTML = """
            \(runBanner(context))
            <p class="muted" id="reconcile-intro">\(text.t("web.reconcile.intro"))</p>
            <div class="actions">\(check) \(back)</div>
            """
            return Pages.page(context, title: title, active: "reconcile", account: account.label, body)
        }
        let report = saved.report
        let differ = report.rows.count - report.count(.inSync)
        let fixes = saved.fixes
        let when = text.t("web.reconcile.checkedAt", ["time": .text(text.time(saved.checkedAt)), "reads": .count(report.readRequests)])
        let errorsInFile = upload.errors
        let summary: HTML = """
        <p class="muted" id="reconcile-when">\(when)</p>
        \(errorsInFile > 0 ? HTML("<p class=\"warning\" id=\"valid-only\">\(text.t("web.reconcile.validOnly", ["n": .count(report.rows.count)]))</p>") : HTML.empty)
        <p class="big \(differ == 0 ? "ok" : "error")" id="drift-headline">\(differ == 0 ? text.t("web.reconcile.allMatch") : text.t("web.reconcile.differ", ["n": .count(differ)]))</p>
        <ul class="counts" id="drift-summary">
        <li class="ok" data-status="in-sync">\(text.t("web.reconcile.count.in-sync", ["n": .count(report.count(.inSync))]))</li>
        <li class="error" data-status="changed">\(text.t("web.reconcile.count.changed", ["n": .count(report.count(.changed))]))</li>
        <li class="error" data-status="missing">\(text.t("web.reconcile.count.missing", ["n": .count(report.count(.missing))]))</li>
        <li class="error" data-status="unknown">\(text.t("web.reconcile.count.unknown", ["n": .count(report.count(.unknown))]))</li>
        </ul>
        """
        let fix: HTML = fixes.writes > 0
            ? "<a class=\"button primary\" id=\"go-fix\" href=\"/uploads/\(upload.id)/reconcile/fix\">\(text.t("web.reconcile.fix", ["n": .count(fixes.writes)]))</a>"
            : .empty
        let actions: HTML = """
        <div class="actions">\(fix)
        <a class="button" id="download-drift-xlsx" href="/uploads/\(upload.id)/reconcile.xlsx">\(text.t("web.reconcile.downloadXlsx"))</a>
        <a class="button" id="download-drift-csv" href="/uploads/\(upload.id)/reconcile.csv">\(text.t("web.reconcile.downloadCsv"))</a>
        \(Pages.postButton(context, action: "/uploads/\(upload.id)/reconcile", label: text.t("web.reconcile.again"), id: "check-drift",
                            busy: readingNotice(rows: report.rows.count, text)))
        \(back)</div>
        """
        guard differ > 0 else {
            return Pages.page(context, title: title, active: "reconcile", account: account.label,
                              runBanner(context) + summary + actions)
        }
        let kinds: [DriftStatus] = [.changed, .missing, .unknown, .inSync]
        let chosen = kinds.first { $0.rawValue == status }
        let filters = HTML.join(([nil] + kinds.map(Optional.some)).map { option -> HTML in
            let name = option.map { Self.driftStatusName($0, text) } ?? text.t("web.reconcile.allDrift")
            let href = option.map { "?status=\($0.rawValue)" } ?? "?"
            let current = option == chosen
            return "<a href=\"\(href)\" class=\"chip\(current ? HTML(" active") : HTML.empty)\" data-status=\"\(option?.rawValue ?? "")\">\(name)</a>"
        })
        let shown = report.rows.filter { chosen == nil ? $0.status != .inSync : $0.status == chosen }
        let empty = text.t("web.reconcile.emptyValue")
        func cell(_ value: String?, _ kind: String) -> HTML {
            value.map { "<td class=\"\(kind)\">\($0)</td>" } ?? "<td class=\"\(kind) muted\">\(empty)</td>"
        }
        let body = HTML.join(shown.prefix(5000).flatMap { row -> [HTML] in
            let lead: HTML = "<td class=\"num\">\(row.row)</td><td>\(row.phoneNumber.digits)</td><td><span class=\"badge \(row.status.rawValue)\">\(Self.driftStatusName(row.status, text))</span></td>"
            switch row.status {
            case .unknown:
                return ["<tr data-row=\"\(row.row)\" data-status=\"unknown\">\(lead)<td colspan=\"3\" class=\"error\">\(text.t("web.reconcile.notInAccount"))</td></tr>"]
            case .inSync:
                return ["<tr data-row=\"\(row.row)\" data-status=\"in-sync\">\(lead)<td colspan=\"3\" class=\"muted\">\(text.t("web.reconcile.matches"))</td></tr>"]
            case .changed, .missing:
                return row.changes.map { change in
                    "<tr data-row=\"\(row.row)\" data-status=\"\(row.status.rawValue)\" data-field=\"\(change.field.csvName)\">\(lead)<td class=\"field\">\(text.field(change.field))</td>\(cell(change.to.map { text.value(change.field, $0) }, "desired"))\(cell(change.from.map { text.value(change.field, $0) }, "live"))</tr>"
                }
            }
        })
        let page: HTML = """
        \(runBanner(context))
        \(summary)
        \(actions)
        <nav class="filters" id="drift-filter">\(filters)</nav>
        <table class="list" id="drift"><thead><tr><th>#</th><th>\(text.t("web.plan.number"))</th><th>\(text.t("web.reconcile.kind"))</th><th>\(text.t("web.reconcile.field"))</th><th>\(text.t("web.reconcile.desired"))</th><th>\(text.t("web.reconcile.live"))</th></tr></thead>
        <tbody>\(body)</tbody></table>
        """
        return Pages.page(context, title: title, active: "reconcile", account: account.label, page)
    }

    func fixConfirmPage(_ upload: Upload, saved: SavedDrift, context: WebContext) -> Response {
        let text = Text(context.language)
        let fixes = saved.fixes
        let queued: HTML = runs.snapshot().isActive ? "<p class=\"warning\">\(text.t("web.apply.queued"))</p>" : .empty
        let body: HTML = """
        <p class="confirm-question" id="confirm-question">\(text.t("web.apply.question", ["account": AccountIdentity.display(label: account.label), "n": .count(fixes.writes), "creates": .count(fixes.creates)]))</p>
        <p class="muted">\(text.t("web.reconcile.fixHint"))</p>
        \(queued)
        <form method="post" action="/uploads/\(upload.id)/reconcile/fix" class="confirm">
        <input type="hidden" name="csrf" value="\(context.session.csrf)">
        <input type="hidden" name="changes" value="\(fixes.writes)">
        <label><input type="checkbox" name="confirm" value="yes" id="confirm-box" required> \(text.t("web.apply.checkbox", ["account": AccountIdentity.display(label: account.label), "n": .count(fixes.writes)]))</label>
        <button type="submit" class="primary" id="start-fix">\(text.t("web.reconcile.fixStart", ["n": .count(fixes.writes)]))</button>
        <a href="/uploads/\(upload.id)/reconcile">\(text.t("web.apply.back"))</a>
        </form>
        """
        return Pages.page(context, title: text.t("web.reconcile.fixTitle"), active: "reconcile", account: account.label, body)
    }
}
