import CTBulkCore
import CTBulkEngine
import Foundation
import Hummingbird

extension WebApp {
    func addUploadRoutes(_ router: Router<WebContext>) {
        router.get("/") { _, context in self.uploadsPage(context) }
        router.post("/uploads") { request, context in try await self.receiveUpload(request, context: context) }
        router.get("/uploads/:id") { request, context in
            guard let upload = self.upload(context) else { return self.notFound(context) }
            return self.validationPage(upload, code: request.uri.queryParameters["code"].map(String.init), context: context)
        }
        router.post("/uploads/:id/delete") { _, context in
            guard let upload = self.upload(context) else { return self.notFound(context) }
            self.store.delete(upload.id)
            return Pages.redirect("/")
        }
        router.get("/uploads/:id/report") { _, context in
            guard let upload = self.upload(context) else { return self.notFound(context) }
            guard case .success(let view) = JobView.load(upload, store: self.store) else { return self.notFound(context) }
            let path = self.store.file(upload, "validation-report.csv")
            do { try ValidationReport.write(to: path, reader: view.reader, result: view.result, language: context.language) } catch {
                return Pages.problem(context, account: self.account.label, status: .internalServerError, "\(error)")
            }
            return Pages.download(path: path, name: Self.downloadName(upload, suffix: "report", ext: "csv"),
                                  contentType: "text/csv; charset=utf-8") ?? self.notFound(context)
        }
        router.post("/mapping") { request, context in
            let form = await Self.form(request)
            guard let id = form["upload"], let upload = self.store.upload(id), let header = form["header"] else {
                return self.notFound(context)
            }
            var map = self.store.mapping()
            if let field = form["field"], WebJobOptions.field(named: field) != nil { map[header] = field } else { map[header] = nil }
            try self.store.saveMapping(map)
            self.revalidate(upload)
            return Pages.redirect("/uploads/\(upload.id)")
        }
    }

    /// A download's name: the upload's own name without its extension (letters, digits, `.`, `-`, `_` only), then
    /// what it is.
    static func downloadName(_ upload: Upload, suffix: String, ext: String) -> String {
        let base = (upload.originalName as NSString).deletingPathExtension
        return "\(base.isEmpty ? "job" : base)-\(suffix).\(ext)"
    }

    /// Re-reads an upload and stores its counts (a file that cannot be read counts as one error).
    @discardableResult
    func revalidate(_ upload: Upload) -> Result<JobView, JobFileError> {
        var upload = upload
        let loaded = JobView.load(upload, store: store)
        switch loaded {
        case .success(let view): (upload.rows, upload.errors, upload.warnings) = view.counts
        case .failure: (upload.rows, upload.errors, upload.warnings) = (0, 1, 0)
        }
        try? store.store(upload)
        return loaded
    }

    /// `POST /uploads?name=FILE` with the file's bytes as the body (the page's script sends it).
    func receiveUpload(_ request: Request, context: WebContext) async throws -> Response {
        let text = Text(context.language)
        let name = request.uri.queryParameters["name"].map { String($0).removingPercentEncoding ?? String($0) } ?? ""
        struct Answer: Encodable { var location: String?; var error: String? }
        let limit = store.maxBytes
        let tooLarge = text.t("web.upload.tooLarge", ["limit": .text(Self.megabytes(limit, text))])
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            return Pages.json(Answer(error: tooLarge), status: .contentTooLarge)
        }
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: limit) } catch {
            return Pages.json(Answer(error: tooLarge), status: .contentTooLarge)
        }
        do {
            let upload = try store.save(name: name, bytes: Array(buffer.readableBytesView))
            revalidate(upload)
            return Pages.json(Answer(location: "/uploads/\(upload.id)"))
        } catch let refusal as UploadRefusal {
            let message: String
            switch refusal {
            case .tooLarge: message = tooLarge
            case .empty: message = text.t("web.upload.empty")
            case .unsupportedType(let name): message = text.t("web.upload.unsupported", ["name": .text(name)])
            }
            return Pages.json(Answer(error: message), status: refusal == .tooLarge(limit: limit) ? .contentTooLarge : .badRequest)
        }
    }

    static func megabytes(_ bytes: Int, _ text: Text) -> String {
        bytes % (1024 * 1024) == 0 ? text.t("web.size.mb", ["n": .count(bytes / (1024 * 1024))])
            : text.t("web.size.kb", ["n": .count(max(bytes / 1024, 1))])
    }

    // MARK: Screen 1: uploads

    func uploadsPage(_ context: WebContext) -> Response {
        let text = Text(context.language)
        let uploads = store.all()
        var list: HTML
        if uploads.isEmpty {
            list = "<p class=\"muted\" id=\"no-uploads\">\(text.t("web.uploads.none"))</p>"
        } else {
            let rows = uploads.map { upload -> HTML in
                let status: HTML = upload.errors > 0
                    ? "<span class=\"badge error\">\(text.t("web.count.errors", ["n": .count(upload.errors)]))</span>"
                    : upload.warnings > 0 ? "<span class=\"badge warning\">\(text.t("web.count.warnings", ["n": .count(upload.warnings)]))</span>"
                    : "<span class=\"badge ok\">\(text.t("web.uploads.valid"))</span>"
                return """
                <tr data-upload="\(upload.id)"><td><a href="/uploads/\(upload.id)">\(upload.originalName)</a></td>\
                <td>\(text.time(upload.uploadedAt))</td><td class="num">\(text.number(upload.rows))</td><td>\(status)</td>\
                <td>\(Pages.postButton(context, action: "/uploads/\(upload.id)/delete", label: text.t("web.uploads.delete"), id: "delete-\(upload.id)", style: "link"))</td></tr>
                """
            }
            list = """
            <table class="list" id="uploads"><thead><tr><th>\(text.t("web.uploads.file"))</th><th>\(text.t("web.uploads.when"))</th>\
            <th>\(text.t("web.uploads.rows"))</th><th>\(text.t("web.uploads.status"))</th><th></th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
        }
        let body: HTML = """
        \(runBanner(context))
        <section class="dropzone" id="dropzone" data-max-bytes="\(store.maxBytes)" data-too-large="\(text.t("web.upload.tooLarge", ["limit": .text(Self.megabytes(store.maxBytes, text))]))" data-uploading="\(text.t("web.upload.uploading"))">
        <p>\(text.t("web.upload.drop"))</p>
        <label class="button">\(text.t("web.upload.choose"))<input type="file" id="file-input" accept=".xlsx,.csv,.json"></label>
        <p class="muted">\(text.t("web.upload.hint", ["limit": .text(Self.megabytes(store.maxBytes, text))]))</p>
        <p id="upload-status" class="muted" hidden></p>
        <p id="upload-error" class="error" role="alert" hidden></p>
        </section>
        <h2>\(text.t("web.uploads.title"))</h2>
        \(list)
        """
        return Pages.page(context, title: text.t("web.uploads.heading"), active: "uploads", account: account.label, body)
    }

    /// A line about the run in progress (or queued), on every page that starts runs.
    func runBanner(_ context: WebContext) -> HTML {
        let snapshot = runs.snapshot()
        guard snapshot.isActive else { return .empty }
        let text = Text(context.language)
        return "<p class=\"banner\" id=\"run-banner\"><a href=\"/live\">\(text.t("web.live.banner", ["done": .count(snapshot.done), "total": .count(snapshot.total)]))</a></p>"
    }

    // MARK: Screen 2: validation

    func validationPage(_ upload: Upload, code: String?, context: WebContext) -> Response {
        let text = Text(context.language)
        let view: JobView
        switch revalidate(upload) {
        case .success(let loaded): view = loaded
        case .failure(let error):
            let body: HTML = """
            <p class="error" role="alert" id="read-error">\(error.message(context.language))</p>
            \(Pages.postButton(context, action: "/uploads/\(upload.id)/delete", label: text.t("web.uploads.delete"), id: "delete"))
            """
            return Pages.page(context, title: upload.originalName, active: "uploads", account: account.label, body)
        }
        let s = view.result.summary
        let errors = view.result.severityCounts[.error] ?? 0, warnings = view.result.severityCounts[.warning] ?? 0
        let counts: HTML = """
        <ul class="counts" id="counts">
        <li>\(text.t("web.count.rows", ["n": .count(s.rowsRead)]))</li>
        <li class="ok">\(text.t("web.count.ok", ["n": .count(s.ok)]))</li>
        <li class="warning">\(text.t("web.count.rowsWithWarnings", ["n": .count(s.withWarnings)]))</li>
        <li class="error" id="count-errors">\(text.t("web.count.rowsWithErrors", ["n": .count(s.withErrors)]))</li>
        \(s.blank > 0 ? HTML("<li>\(text.t("web.count.blank", ["n": .count(s.blank)]))</li>") : HTML.empty)\
        \(s.duplicatesSkipped > 0 ? HTML("<li>\(text.t("web.count.duplicates", ["n": .count(s.duplicatesSkipped)]))</li>") : HTML.empty)
        </ul>
        """
        let planLabel = errors > 0 ? text.t("web.validation.planValidOnly", ["n": .count(view.result.rows.count)])
            : text.t("web.validation.plan")
        let actions: HTML = """
        <div class="actions">
        \(view.result.rows.isEmpty ? HTML.empty : Pages.postButton(context, action: "/uploads/\(upload.id)/plan", label: planLabel, id: "make-plan", style: "primary", busy: readingNotice(rows: view.result.rows.count, text)))
        \(view.result.rows.isEmpty ? HTML.empty : HTML("<a class=\"button\" id=\"open-reconcile\" href=\"/uploads/\(upload.id)/reconcile\">\(text.t("web.reconcile.open"))</a>"))
        <a class="button" id="download-report" href="/uploads/\(upload.id)/report">\(text.t("web.validation.report"))</a>
        \(Pages.postButton(context, action: "/uploads/\(upload.id)/delete", label: text.t("web.uploads.delete"), id: "delete"))
        </div>
        """
        let body: HTML = """
        \(runBanner(context))
        \(counts)
        \(errors > 0 ? HTML("<p class=\"error\" id=\"has-errors\">\(text.t("web.validation.hasErrors", ["n": .count(errors)]))</p>") : warnings > 0 ? HTML("<p class=\"warning\">\(text.t("web.validation.hasWarnings", ["n": .count(warnings)]))</p>") : HTML("<p class=\"ok\" id=\"no-errors\">\(text.t("web.validation.clean"))</p>"))
        \(actions)
        \(howRead(view, context: context))
        \(problemsList(view, code: code, context: context))
        \(rowsTable(view, context: context))
        """
        return Pages.page(context, title: upload.originalName, active: "uploads", account: account.label, body)
    }

    /// "How the file was read": format, encoding, delimiter; each header → field, with a list for unknown headers.
    func howRead(_ view: JobView, context: WebContext) -> HTML {
        let text = Text(context.language)
        var facts: [HTML] = []
        if let csv = view.result.csv {
            let d = csv.dialect
            let how = csv.encodingGiven ? text.t("web.read.given") : csv.encodingGuessed ? text.t("web.read.guessed") : text.t("web.read.detected")
            facts.append("<li>\(text.t("web.read.format", ["format": "CSV"]))</li>")
            facts.append("<li id=\"read-encoding\">\(text.t("web.read.encoding", ["encoding": .text(d.encoding.displayName + (d.hasBOM ? " + BOM" : "")), "how": .text(how)]))</li>")
            let delimiter = d.delimiterName == "tab" ? text.t("web.read.tab") : "«\(d.delimiterName)»"
            facts.append("<li id=\"read-delimiter\">\(text.t("web.read.delimiter", ["delimiter": .text(delimiter)]))</li>")
        } else {
            facts.append("<li>\(text.t("web.read.format", ["format": .text(view.upload.kind.uppercased())]))</li>")
        }
        let saved = store.mapping()
        let options = WebJobOptions.fields
        let rows = view.header.enumerated().map { index, header -> HTML in
            let field = index < view.fields.count ? view.fields[index] : nil
            let shownHeader = header.isEmpty ? "∅" : header
            guard view.result.csv != nil else {
                return "<tr><td>\(shownHeader)</td><td>\(field?.csvName ?? "")</td><td></td></tr>"
            }
            let choices = HTML.join(options.map { option in
                "<option value=\"\(option.csvName)\"\(field == option ? HTML(" selected") : HTML.empty)>\(option.label.render(text.language)) — \(option.csvName)</option>"
            })
            let select: HTML = """
            <form method="post" action="/mapping" class="inline mapping">\
            <input type="hidden" name="csrf" value="\(context.session.csrf)">\
            <input type="hidden" name="upload" value="\(view.upload.id)"><input type="hidden" name="header" value="\(header)">\
            <select name="field" aria-label="\(text.t("web.read.mapTo", ["header": .text(shownHeader)]))"><option value="">\(text.t("web.read.notRead"))</option>\(choices)</select> \
            <button type="submit">\(text.t("web.read.saveMapping"))</button></form>
            """
            let state: HTML = saved[header] != nil ? "<span class=\"muted\">\(text.t("web.read.savedMapping"))</span>"
                : field == nil ? "<span class=\"badge warning\">\(text.t("web.read.unknown"))</span>" : .empty
            return "<tr data-header=\"\(header)\"><td>\(shownHeader)</td><td>\(select)</td><td>\(state)</td></tr>"
        }
        return """
        <details class="how-read" id="how-read" open><summary>\(text.t("web.read.title"))</summary>
        <ul>\(facts)</ul>
        <table class="list" id="columns"><thead><tr><th>\(text.t("web.read.header"))</th><th>\(text.t("web.read.field"))</th><th></th></tr></thead>
        <tbody>\(rows)</tbody></table>
        <p class="muted">\(text.t("web.read.mappingNote"))</p>
        </details>
        """
    }

    /// Every problem, errors first, filterable by code.
    func problemsList(_ view: JobView, code: String?, context: WebContext) -> HTML {
        let text = Text(context.language)
        let all = view.sortedProblems
        guard !all.isEmpty else { return .empty }
        // The filter names each kind of problem in words, with how many there are (the code stays on every item).
        var counts: [ProblemCode: Int] = [:]
        for problem in all { counts[problem.code, default: 0] += 1 }
        let kinds = counts.keys.map { (code: $0, title: text.t($0.title.key)) }.sorted { $0.title < $1.title }
        let shown = all.filter { code == nil || code == "" || $0.code.rawValue == code }
        let items = shown.prefix(1000).map { problem -> HTML in
            var place: [String] = []
            if let row = problem.row { place.append(text.t("web.problem.row", ["row": .count(row)])) }
            if let column = problem.column { place.append(text.t("web.problem.column", ["column": .text(column)])) }
            let value: HTML = problem.value.map { "<q>\($0)</q> " } ?? .empty
            return """
            <li class="problem \(problem.severity.rawValue)" data-code="\(problem.code.rawValue)"\(problem.row.map { HTML(" data-row=\"\($0)\"") } ?? .empty)>\
            <span class="badge \(problem.severity.rawValue)">\(text.t("web.severity.\(problem.severity.rawValue)"))</span> \
            <span class="where">\(place.joined(separator: ", "))</span> \(value)<span class="message">\(text.problem(problem))</span> \
            <code>\(problem.code.rawValue)</code></li>
            """
        }
        let options = HTML.join(kinds.map { kind in
            "<option value=\"\(kind.code.rawValue)\"\(code == kind.code.rawValue ? HTML(" selected") : HTML.empty)>\(kind.title) (\(counts[kind.code] ?? 0))</option>"
        })
        return """
        <section id="problems-section"><h2>\(text.t("web.problems.title", ["n": .count(view.result.problemCount)]))</h2>
        <form method="get" class="filter" id="problem-filter"><label>\(text.t("web.problems.filter")) \
        <select name="code" id="code-filter" class="autosubmit"><option value="">\(text.t("web.problems.all"))</option>\(options)</select></label> \
        <button type="submit">\(text.t("web.filter.apply"))</button></form>
        <ul class="problems" id="problems">\(items)</ul></section>
        """
    }

    /// The rows as a table: error cells red, warning cells yellow, the message on hover.
    func rowsTable(_ view: JobView, context: WebContext) -> HTML {
        let text = Text(context.language)
        let head = HTML.join(view.header.map { "<th>\($0.isEmpty ? "∅" : $0)</th>" })
        let body = view.rows.map { row -> HTML in
            func mark(_ problems: [Problem]?) -> HTML {
                let visible = (problems ?? []).filter { $0.severity != .note }
                guard let worst = visible.map(\.severity).max() else { return .empty }
                let title = visible.map { text.problem($0) }.joined(separator: "\n")
                return " class=\"cell-\(worst.rawValue)\" title=\"\(title)\""
            }
            let width = max(view.header.count, row.cells.count)
            let cells = HTML.join((0..<width).map { index in
                "<td\(mark(row.problems[index]))>\(index < row.cells.count ? row.cells[index] : "")</td>"
            })
            return "<tr data-row=\"\(row.row)\"\(row.isBlank ? HTML(" class=\"blank\"") : HTML.empty)><th\(mark(row.problems[-1]))>\(row.row)</th>\(cells)</tr>"
        }
        let hidden: HTML = view.hiddenRows > 0 ? "<p class=\"muted\">\(text.t("web.rows.hidden", ["n": .count(view.hiddenRows)]))</p>" : .empty
        return """
        <section><h2>\(text.t("web.rows.title"))</h2>
        <div class="scroll"><table class="grid" id="rows"><thead><tr><th>#</th>\(head)</tr></thead><tbody>\(body)</tbody></table></div>
        \(hidden)</section>
        """
    }
}
