import CTBulkCore
import CTBulkEngine
import CTBulkTestSupport
import Foundation
import HTTPTypes
import Testing
@testable import CTBulkWeb

/// Screen 6, in-process against the demo sandbox: drift of a saved job, «fix the drift» through the apply path.
@Suite("Web reconcile")
struct ReconcileRouteTests {
    /// Applies the demo job with mistakes to the end (the account then matches its valid rows).
    func appliedDemo(_ web: WebHarness, _ session: BrowserSession) async throws -> String {
        let (location, changes) = try await web.plannedDemo(session)
        _ = try await web.post(location + "/apply", session, form: ["confirm": "yes", "changes": String(changes)])
        await web.waitForRunEnd()
        #expect(web.app.runs.snapshot().phase == .finished)
        return location
    }

    /// Changes one field of a number in the sandbox by hand, as someone in the Calltouch cabinet would.
    func handEdit(_ web: WebHarness, _ digits: String, _ change: (inout NumberSettings) -> Void) throws {
        let number = try #require(PhoneNumber(canonical: digits))
        var settings = try #require(web.sandbox.settings(of: number) ?? nil)
        change(&settings)
        try web.sandbox.setNumber(number, to: settings)
    }

    /// The drift table's rows (`<tr data-row=…>` in `#drift`).
    func driftRows(_ page: String) -> [String] {
        guard let start = page.range(of: "<table class=\"list\" id=\"drift\">") else { return [] }
        let table = page[start.upperBound...]
        let body = table[..<(table.range(of: "</table>")?.lowerBound ?? table.endIndex)]
        return body.components(separatedBy: "<tr data-row=").dropFirst().map { "<tr data-row=" + $0 }
    }

    @Test("A hand edit after apply shows as exactly that drift; fixing it runs through the queue and the journal; then all matches")
    func driftFixAndMatch() async throws {
        try await withWebApp { web in
            let session = try await web.openSession()
            let location = try await appliedDemo(web, session)

            // Before the hand edit: nothing differs.
            let intro = try await web.get(location + "/reconcile", session)
            #expect(intro.text.contains("id=\"check-drift\""))
            #expect(try await web.post(location + "/reconcile", session).status == .seeOther)
            let clean = try await web.get(location + "/reconcile", session)
            #expect(clean.text.contains("Всё совпадает с файлом"))
            #expect(driftRows(clean.text).isEmpty)

            try handEdit(web, "79990000011") { $0.displayOptions?.campaign = "hand-edit" }
            let writesBefore = web.sandbox.stats().writes.count
            #expect(try await web.post(location + "/reconcile", session).status == .seeOther)
            // Reading drift writes nothing.
            #expect(web.sandbox.stats().writes.count == writesBefore)
            let page = try await web.get(location + "/reconcile", session)
            #expect(page.status == .ok)
            #expect(page.text.contains("1 номер расходится с файлом"))
            let rows = driftRows(page.text)
            #expect(rows.count == 1, "\(rows)")
            let row = try #require(rows.first)
            #expect(row.contains("data-row=\"12\""))
            #expect(row.contains("data-status=\"changed\""))
            #expect(row.contains("<td>79990000011</td>"))
            #expect(row.contains("<td class=\"field\">Кампания</td><td class=\"desired\">spring-brand</td><td class=\"live\">hand-edit</td>"))
            #expect(page.text.contains("id=\"go-fix\""))
            // The filter by kind: nothing is "not in the account".
            let unknown = try await web.get(location + "/reconcile?status=unknown", session)
            #expect(driftRows(unknown.text).isEmpty)
            let inSync = try await web.get(location + "/reconcile?status=in-sync", session)
            #expect(driftRows(inSync.text).count == 11)
            // English.
            let english = try await web.get(location + "/reconcile", session, language: "en")
            #expect(english.text.contains("1 number differs from the file"))
            // The drift downloads (the engine's drift report).
            let csv = try await web.get(location + "/reconcile.csv", session)
            #expect(csv.status == .ok)
            let line = try #require(csv.text.split(separator: "\n").first { $0.contains("79990000011") })
            #expect(line.contains("hand-edit"))
            #expect(csv.text.contains("расходится") || csv.text.contains("изменено"))
            let xlsx = try await web.get(location + "/reconcile.xlsx", session)
            #expect(xlsx.status == .ok)
            #expect(xlsx.text.hasPrefix("PK"))

            // Fix: the confirmation names the account and the number of changes.
            let confirm = try await web.get(location + "/reconcile/fix", session)
            #expect(confirm.text.contains("В аккаунт SiteId 1 (http://127.0.0.1:"))
            #expect(confirm.text.contains("1 изменение"))
            #expect(try await web.post(location + "/reconcile/fix", session, form: ["changes": "1"]).status == .badRequest)
            #expect(try await web.post(location + "/reconcile/fix", session, form: ["confirm": "yes", "changes": "2"]).status == .badRequest)
            let started = try await web.post(location + "/reconcile/fix", session, form: ["confirm": "yes", "changes": "1"])
            #expect(started.status == .seeOther)
            #expect(started.headers[.location] == "/live")
            await web.waitForRunEnd()
            let snapshot = web.app.runs.snapshot()
            #expect(snapshot.phase == .finished, "\(String(describing: snapshot.message))")
            #expect(snapshot.counts["applied"] == 1)
            let runID = try #require(snapshot.runID)
            let live = try await web.get("/live", session)
            #expect(live.text.contains("id=\"reconcile-again\""))
            let runs = try await web.get("/runs", session)
            #expect(runs.text.contains("data-run=\"\(runID)\""))
            let number = try #require(PhoneNumber(canonical: "79990000011"))
            #expect(web.sandbox.settings(of: number)??.displayOptions?.campaign == "spring-brand")

            // Reconcile again: all matches.
            #expect(try await web.post(location + "/reconcile", session).status == .seeOther)
            let after = try await web.get(location + "/reconcile", session)
            #expect(after.text.contains("Всё совпадает с файлом"))
            #expect(!after.text.contains("id=\"go-fix\""))
            #expect(driftRows(after.text).isEmpty)
            let list = try await web.get("/reconcile", session)
            #expect(list.text.contains("href=\"\(location)/reconcile\""))
            #expect(list.text.contains("Всё совпадает с файлом"))
        }
    }

    @Test("If the account changes between the confirmation and the fix, nothing is sent and the page says to reconcile again")
    func driftMoved() async throws {
        try await withWebApp { web in
            let session = try await web.openSession()
            let location = try await appliedDemo(web, session)
            try handEdit(web, "79990000011") { $0.displayOptions?.campaign = "hand-edit" }
            _ = try await web.post(location + "/reconcile", session)
            try handEdit(web, "79990000001") { $0.displayOptions?.campaign = "another-edit" }
            let writesBefore = web.sandbox.stats().writes.count
            _ = try await web.post(location + "/reconcile/fix", session, form: ["confirm": "yes", "changes": "1"])
            await web.waitForRunEnd()
            let snapshot = web.app.runs.snapshot()
            #expect(snapshot.phase == .stopped)
            #expect(snapshot.message?.key == "web.reconcile.driftMoved")
            #expect(web.sandbox.stats().writes.count == writesBefore)
        }
    }

    @Test("Escaping: a hostile pool name in the file and in the account shows as text in the drift table")
    func escaping() async throws {
        try await withWebApp { web in
            let session = try await web.openSession()
            let job = "phone_number;pool_name;source\n79990000001;<script>alert(1)</script>;google\n"
            let location = try await web.uploaded("pools.csv", job, session)
            try web.sandbox.setNumber(try #require(PhoneNumber(canonical: "79990000001")),
                                      to: NumberSettings(poolName: "<img src=x onerror=alert(2)>", displayOptions: DisplayOptions(source: "google")))
            #expect(try await web.post(location + "/reconcile", session).status == .seeOther)
            let page = try await web.get(location + "/reconcile", session)
            let row = try #require(driftRows(page.text).first)
            #expect(row.contains("<td class=\"field\">Пул</td><td class=\"desired\">&lt;script&gt;alert(1)&lt;/script&gt;</td><td class=\"live\">&lt;img src=x onerror=alert(2)&gt;</td>"))
            #expect(!page.text.contains("<script>alert(1)"))
            #expect(!page.text.contains("<img src=x"))
        }
    }

    @Test("CSRF: reconcile and fix without the page's token are refused with 403 and do nothing")
    func csrf() async throws {
        try await withWebApp { web in
            let session = try await web.openSession()
            let location = try await web.uploaded("demo.csv", try demoJobWithMistakes(), session)
            #expect(try await web.post(location + "/reconcile", session, csrf: "forged").status == .forbidden)
            let other = try await web.openSession()
            #expect(try await web.post(location + "/reconcile", session, csrf: other.csrf).status == .forbidden)
            let upload = try #require(web.app.store.all().first)
            #expect(web.app.savedDrift(upload) == nil)
            #expect(try await web.post(location + "/reconcile", session).status == .seeOther)
            #expect(web.app.savedDrift(upload) != nil)
            #expect(try await web.post(location + "/reconcile/fix", session, form: ["confirm": "yes", "changes": "1"], csrf: "").status == .forbidden)
            #expect(web.app.runs.snapshot().phase == .idle)
        }
    }
}

@Suite("Web live failures")
struct LiveFailureTests {
    @Test("The live failure log shows the API's message next to the outcome, escaped")
    func failureMessage() async throws {
        let first = try #require(PhoneNumber(canonical: "79990000001"))
        let second = try #require(PhoneNumber(canonical: "79990000002"))
        let used = NumberSettings(poolName: "Весна", displayOptions: DisplayOptions(source: "google"))
        // The API refuses the write of the first number, with a message that is markup.
        let service = ScriptedNumberService(numbers: [first: used, second: used]) { call, _ in
            guard case .update(let number, _) = call, number == first else { return nil }
            return .fail(NumberServiceError(.invalidData, status: 400, body: "{\"message\":\"<b>pool</b> is archived\"}",
                                            description: "invalid data (HTTP 400)"))
        }
        try await withWebApp(service: service) { web in
            let session = try await web.openSession()
            let job = "phone_number;pool_name;source\n79990000001;Осень;google\n79990000002;Осень;google\n"
            let location = try await web.uploaded("pools.csv", job, session)
            _ = try await web.post(location + "/plan", session)
            let upload = try #require(web.app.store.all().first)
            let plan = try #require(web.app.savedPlan(upload))
            #expect(plan.summary.writeRequests == 2)
            _ = try await web.post(location + "/apply", session, form: ["confirm": "yes", "changes": "2"])
            await web.waitForRunEnd()
            let snapshot = web.app.runs.snapshot()
            #expect(snapshot.failures.count == 1, "\(snapshot.phase) \(String(describing: snapshot.message))")
            let state = try await web.get("/live/state", session)
            let failures = try #require(state.json["failures"] as? [String])
            let line = try #require(failures.first)
            #expect(line.hasPrefix("строка 2, 79990000001: ошибка — "), "\(line)")
            #expect(line.contains("<b>pool</b> is archived"))
            let page = try await web.get("/live", session)
            #expect(page.text.contains("&lt;b&gt;pool&lt;/b&gt; is archived"))
            #expect(!page.text.contains("<b>pool</b>"))
        }
    }
}

extension ReconcileRouteTests {
    @Test("Fixing the drift of a file with an unfinished run sends nothing and says to finish that run first")
    func unfinishedRun() async throws {
        try await withWebApp { web in
            let session = try await web.openSession()
            let (location, changes) = try await web.plannedDemo(session)
            _ = try await web.post(location + "/apply", session, form: ["confirm": "yes", "changes": String(changes), "canary": "1"])
            await web.waitForPause()
            _ = try await web.post("/live/stop", session)
            await web.waitForRunEnd()
            #expect(try await web.post(location + "/reconcile", session).status == .seeOther)
            let upload = try #require(web.app.store.all().first)
            let fixes = try #require(web.app.savedDrift(upload)?.fixes.writes)
            #expect(fixes > 0)
            let writesBefore = web.sandbox.stats().writes.count
            _ = try await web.post(location + "/reconcile/fix", session, form: ["confirm": "yes", "changes": String(fixes)])
            await web.waitForRunEnd()
            let snapshot = web.app.runs.snapshot()
            #expect(snapshot.phase == .stopped)
            #expect(snapshot.message?.key == "web.reconcile.unfinishedRun")
            #expect(web.sandbox.stats().writes.count == writesBefore)
        }
    }
}

extension LiveFailureTests {
    @Test("A live page's event stream ends when the server shuts down (it does not hold the shutdown)")
    func eventStreamEndsAtShutdown() async throws {
        try await withWebApp { web in
            let session = try await web.openSession()
            async let stream = web.get("/live/events", session)
            // Whether the stream is already waiting for a change or not yet started, it ends.
            web.app.runs.closeListeners()
            let answer = try await stream
            #expect(answer.text.hasPrefix("data: {"))
            #expect(answer.headers[.contentType] == "text/event-stream")
        }
    }
}
