import CTBulkCore
import CTBulkEngine
import Foundation
import Hummingbird

extension WebApp {
    func addPlanRoutes(_ router: Router<WebContext>) {
        router.post("/uploads/:id/plan") { _, context in
            guard let upload = self.upload(context) else { return self.notFound(context) }
            return await self.makePlan(upload, context: context)
        }
        router.get("/uploads/:id/plan") { request, context in
            guard let upload = self.upload(context) else { return self.notFound(context) }
            guard let plan = self.savedPlan(upload) else { return Pages.redirect("/uploads/\(upload.id)") }
            return self.planPage(upload, plan: plan, action: request.uri.queryParameters["action"].map(String.init), context: context)
        }
        router.get("/uploads/:id/plan.csv") { _, context in
            guard let upload = self.upload(context), let plan = self.savedPlan(upload) else { return self.notFound(context) }
            let path = self.store.file(upload, "plan.csv")
            do { try Self.writePlanCSV(plan, to: path, language: context.language) } catch {
                return Pages.problem(context, account: self.account.label, status: .internalServerError, "\(error)")
            }
            return Pages.download(path: path, name: Self.downloadName(upload, suffix: "plan", ext: "csv"),
                                  contentType: "text/csv; charset=utf-8") ?? self.notFound(context)
        }
        router.get("/uploads/:id/apply") { _, context in
            guard let upload = self.upload(context) else { return self.notFound(context) }
            guard let plan = self.savedPlan(upload) else { return Pages.redirect("/uploads/\(upload.id)") }
            return self.confirmPage(upload, plan: plan, context: context)
        }
        router.post("/uploads/:id/apply") { request, context in
            guard let upload = self.upload(context), let plan = self.savedPlan(upload) else { return self.notFound(context) }
            let form = await Self.form(request)
            let text = Text(context.language)
            // The confirmation names the number of changes: a plan made again since the page was shown is not applied.
            guard form["confirm"] == "yes", form["changes"] == String(plan.summary.writeRequests) else {
                return Pages.problem(context, account: self.account.label, status: .badRequest, text.t("web.apply.notConfirmed"))
            }
            let canary = form["canary"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.flatMap { $0 > 0 ? $0 : nil }
            self.runs.enqueue(RunQueue.Job(uploadID: upload.id, uploadName: upload.originalName, source: .plan(plan), canary: canary))
            return Pages.redirect("/live")
        }
    }

    func savedPlan(_ upload: Upload) -> Plan? {
        let path = store.file(upload, "plan.json")
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let plan = try? Plan.load(from: path), plan.inputSHA256 == (try? JobFileReader.sha256(path: store.jobPath(upload))) else {
            return nil
        }
        return plan
    }

    /// Reads live state for the valid rows through the shared limiter and saves the plan next to the upload.
    func makePlan(_ upload: Upload, context: WebContext) async -> Response {
        let text = Text(context.language)
        let job: ValidJob
        switch validRows(upload, context: context) {
        case .job(let valid): job = valid
        case .answer(let response): return response
        }
        let planner = Planner(service: account.makeService(StopSignal()), clock: .system,
                              concurrency: ApplySettings.readConcurrency(rate: account.rate))
        do {
            let plan = try await planner.plan(rows: job.rows, inputPath: job.path, inputSHA256: job.sha256, csv: job.csv,
                                              rate: account.rate)
            try plan.save(to: store.file(upload, "plan.json"))
        } catch let error as NumberServiceError {
            return Pages.problem(context, account: account.label, status: .badGateway,
                                 text.t("web.plan.readFailed", ["reason": .text(error.description)]))
        } catch {
            return Pages.problem(context, account: account.label, status: .internalServerError, "\(error)")
        }
        return Pages.redirect("/uploads/\(upload.id)/plan")
    }

    enum ValidRows {
        case job(ValidJob)
        /// The file cannot be read (a problem page), or it has no valid rows (back to its page).
        case answer(Response)
    }

    /// The upload read again and its valid rows as a job ("apply the valid rows only" when the file has errors).
    func validRows(_ upload: Upload, context: WebContext) -> ValidRows {
        let job: ValidJob
        do { job = try revalidate(upload).get().validJob() } catch {
            return .answer(Pages.problem(context, account: account.label, status: .internalServerError, "\(error)"))
        }
        return job.rows.isEmpty ? .answer(Pages.redirect("/uploads/\(upload.id)")) : .job(job)
    }

    static func duration(_ seconds: Double, _ text: Text) -> String {
        let s = Int(seconds.rounded(.up))
        if s < 60 { return text.t("web.duration.seconds", ["n": .count(max(s, 1))]) }
        if s < 3600 { return text.t("web.duration.minutes", ["n": .count((s + 59) / 60)]) }
        return text.t("web.duration.hours", ["h": .count(s / 3600), "m": .count((s % 3600 + 59) / 60)])
    }

    static func actionName(_ action: PlanAction, _ text: Text) -> String { text.t("web.action.\(action.rawValue)") }

    /// What the page says while the account is read for `rows` numbers (planning, reconciling), which the request
    /// waits for: how many read requests, and about how long at the server's rate.
    func readingNotice(rows: Int, _ text: Text) -> String {
        let reads = max(PlanSummary.batches(rows, account.makeService(StopSignal()).readBatchSize), 1)
        return text.t("web.busy.reading", ["n": .count(rows), "reads": .count(reads),
                                           "time": .text(Self.duration(Double(reads) / Double(account.rate), text))])
    }

    // MARK: Screen 3: plan

    func planPage(_ upload: Upload, plan: Plan, action: String?, context: WebContext) -> Response {
        let text = Text(context.language)
        let s = plan.summary
        let view = try? JobView.load(upload, store: store).get()
        let errorsInFile = view?.result.severityCounts[.error] ?? 0
        let cost: HTML = """
        <ul class="counts" id="plan-summary">
        <li class="create">\(text.t("web.plan.creates", ["n": .count(s.create)]))</li>
        <li class="update">\(text.t("web.plan.updates", ["n": .count(s.update)]))</li>
        <li>\(text.t("web.plan.noops", ["n": .count(s.noop)]))</li>
        <li class="error">\(text.t("web.plan.errors", ["n": .count(s.errors)]))</li>
        </ul>
        <p id="plan-cost">\(text.t("web.plan.cost", ["requests": .count(s.points), "writes": .count(s.writeRequests), "reads": .count(s.applyReadRequests + s.verifyReadRequests), "points": .count(s.points), "rate": .count(s.rate), "time": .text(Self.duration(s.estimatedSeconds, text))]))</p>
        \(errorsInFile > 0 ? HTML("<p class=\"warning\" id=\"valid-only\">\(text.t("web.plan.validOnly", ["n": .count(plan.rows.count), "errors": .count(view?.result.summary.withErrors ?? 0)]))</p>") : HTML.empty)
        """
        let filters = HTML.join(([nil] + PlanAction.allCases.map(Optional.some)).map { option -> HTML in
            let name = option.map { Self.actionName($0, text) } ?? text.t("web.plan.allActions")
            let href = option.map { "?action=\($0.rawValue)" } ?? "?"
            let current = action == option?.rawValue || (action == nil && option == nil)
            return "<a href=\"\(href)\" class=\"chip\(current ? HTML(" active") : HTML.empty)\" data-action=\"\(option?.rawValue ?? "")\">\(name)</a>"
        })
        let rows = plan.rows.filter { action == nil || action == "" || $0.action.rawValue == action }
        let body = rows.prefix(5000).map { row -> HTML in
            let changes: HTML
            if let problem = row.problem {
                changes = "<span class=\"error\">\(problem.message(context.language))</span>"
            } else if row.changes.isEmpty {
                changes = "<span class=\"muted\">\(text.t("web.plan.asDesired"))</span>"
            } else {
                changes = "<ul class=\"changes\">" + HTML.join(row.changes.map { change in
                    "<li><span class=\"field\">\(text.field(change.field))</span>: <del>\(text.value(change.field, change.from))</del> → <ins>\(text.value(change.field, change.to))</ins></li>"
                }) + "</ul>"
            }
            return "<tr data-row=\"\(row.row)\" data-action=\"\(row.action.rawValue)\"><td class=\"num\">\(row.row)</td><td>\(row.phoneNumber.digits)</td><td><span class=\"badge \(row.action.rawValue)\">\(Self.actionName(row.action, text))</span></td><td>\(changes)</td></tr>"
        }
        let apply: HTML = s.hasChanges
            ? "<a class=\"button primary\" id=\"go-apply\" href=\"/uploads/\(upload.id)/apply\">\(text.t("web.plan.apply", ["n": .count(s.writeRequests)]))</a>"
            : "<p class=\"ok\" id=\"nothing-to-apply\">\(text.t("web.plan.nothing"))</p>"
        let page: HTML = """
        \(runBanner(context))
        \(cost)
        <div class="actions">\(apply)
        <a class="button" id="download-plan" href="/uploads/\(upload.id)/plan.csv">\(text.t("web.plan.download"))</a>
        \(Pages.postButton(context, action: "/uploads/\(upload.id)/plan", label: text.t("web.plan.again"), id: "plan-again",
                            busy: readingNotice(rows: plan.rows.count, text)))
        <a href="/uploads/\(upload.id)">\(text.t("web.plan.backToFile"))</a></div>
        <nav class="filters" id="action-filter">\(filters)</nav>
        <table class="list" id="plan"><thead><tr><th>#</th><th>\(text.t("web.plan.number"))</th><th>\(text.t("web.plan.action"))</th><th>\(text.t("web.plan.change"))</th></tr></thead>
        <tbody>\(body)</tbody></table>
        """
        return Pages.page(context, title: text.t("web.plan.title", ["file": .text(upload.originalName)]), active: "uploads",
                          account: account.label, page)
    }

    /// The plan as a spreadsheet: one line per changed field (number, action, field, was, becomes).
    static func writePlanCSV(_ plan: Plan, to path: String, language: Language) throws {
        let text = Text(language)
        let writer = try CSVWriter(path: path, dialect: plan.csv?.dialect ?? .excel)
        try writer.write(["row", "phone_number", "action", "field", text.t("web.plan.was"), text.t("web.plan.becomes"), "message"])
        for row in plan.rows {
            let message = row.problem?.message(language) ?? ""
            if row.changes.isEmpty {
                try writer.write([String(row.row), row.phoneNumber.digits, row.action.rawValue, "", "", "", message])
            }
            for change in row.changes {
                try writer.write([String(row.row), row.phoneNumber.digits, row.action.rawValue, change.field.csvName,
                                  change.from ?? "", change.to ?? "", message])
            }
        }
        try writer.close()
    }

    // MARK: Screen 4: the confirmation

    func confirmPage(_ upload: Upload, plan: Plan, context: WebContext) -> Response {
        let text = Text(context.language)
        let s = plan.summary
        let queued: HTML = runs.snapshot().isActive ? "<p class=\"warning\">\(text.t("web.apply.queued"))</p>" : .empty
        let body: HTML = """
        <p class="confirm-question" id="confirm-question">\(text.t("web.apply.question", ["account": AccountIdentity.display(label: account.label), "n": .count(s.writeRequests), "creates": .count(s.create)]))</p>
        \(queued)
        <form method="post" action="/uploads/\(upload.id)/apply" class="confirm">
        <input type="hidden" name="csrf" value="\(context.session.csrf)">
        <input type="hidden" name="changes" value="\(s.writeRequests)">
        <label><input type="checkbox" name="confirm" value="yes" id="confirm-box" required> \(text.t("web.apply.checkbox", ["account": AccountIdentity.display(label: account.label), "n": .count(s.writeRequests)]))</label>
        <label>\(text.t("web.apply.canary")) <input type="number" name="canary" id="canary" min="1" max="\(max(s.writeRequests, 1))" placeholder="\(text.t("web.apply.canaryNone"))"></label>
        <p class="muted">\(text.t("web.apply.canaryHint"))</p>
        <button type="submit" class="primary" id="start-apply">\(text.t("web.apply.start", ["n": .count(s.writeRequests)]))</button>
        <a href="/uploads/\(upload.id)/plan">\(text.t("web.apply.back"))</a>
        </form>
        """
        return Pages.page(context, title: text.t("web.apply.title"), active: "uploads", account: account.label, body)
    }
}
