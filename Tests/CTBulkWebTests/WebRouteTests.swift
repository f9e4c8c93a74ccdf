import CTBulkCore
import CTBulkEngine
import CTBulkTestSupport
import Foundation
import HTTPTypes
import Testing
@testable import CTBulkWeb

/// Every route of `ctbulk serve`, in-process, against the demo sandbox over loopback HTTP.
@Suite("Web routes")
struct WebRouteTests {
    @Test("Upload: a job file is stored under a server-made name and its page shows the error cells and problems")
    func uploadAndValidation() async throws {
        try await withWebApp { web in
            let session = try await web.openSession()
            let location = try await web.uploaded("demo.csv", try demoJobWithMistakes(), session)
            #expect(location.hasPrefix("/uploads/"))
            let page = try await web.get(location, session)
            #expect(page.status == .ok)
            #expect(page.text.contains("class=\"cell-error\""))
            #expect(page.text.contains("data-code=\"phone.scientific\""))
            #expect(page.text.contains("id=\"how-read\""))
            #expect(page.text.contains("Windows-1251") || page.text.contains("UTF-8"))
            // The list of uploads names it, with its error count.
            let list = try await web.get("/", session)
            #expect(list.text.contains("demo.csv"))
            #expect(list.text.contains("1 ошибка"))
            #expect(list.text.range(of: #"<td>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [^<]+</td>"#, options: .regularExpression) != nil,
                    "uploaded at, in the server's local time with its zone like every moment on the pages")
            // The report: every row with its status.
            let report = try await web.get(location + "/report", session)
            #expect(report.status == .ok)
            #expect(report.headers[.contentDisposition]?.contains("demo-report.csv") == true)
            #expect(report.text.contains("phone.scientific"))
            // Filter by code.
            let filtered = try await web.get(location + "?code=phone.scientific", session)
            #expect(filtered.text.contains("data-code=\"phone.scientific\""))
            // The plan button carries what the page says while the account is read (app.js shows it once pressed).
            #expect(page.text.range(of: #"id="make-plan" class="primary" data-busy="Читаем \d+ номер\w* в кабинете: 1 запрос, около 1 с\."#,
                                     options: .regularExpression) != nil, "\(page.text)")
            // The filter names the kinds of problem in words, with their counts, not by code.
            #expect(filtered.text.contains("<option value=\"phone.scientific\" selected>Номер в экспоненциальном виде (1)</option>"),
                    "\(filtered.text)")
        }
    }

    @Test("Upload: above the size limit, an unsupported type or an empty file gets a clear error")
    func uploadRefusals() async throws {
        try await withWebApp(maxUploadBytes: 1024 * 1024) { web in
            let session = try await web.openSession(language: "en")
            let big = try await web.upload("big.csv", Array(repeating: 0x41, count: 1024 * 1024 + 1), session)
            #expect(big.status == .contentTooLarge)
            #expect((big.json["error"] as? String)?.contains("1 МБ") == true || (big.json["error"] as? String)?.contains("1 MB") == true)
            let exe = try await web.upload("tool.exe", Array("MZ".utf8), session)
            #expect(exe.status == .badRequest)
            #expect((exe.json["error"] as? String)?.contains(".xlsx") == true)
            let empty = try await web.upload("empty.csv", [], session)
            #expect(empty.status == .badRequest)
            #expect(web.app.store.all().isEmpty)
        }
    }

    @Test("Path traversal: a file named ../../x.csv lands in the data folder under a name the server chose")
    func pathTraversal() async throws {
        try await withWebApp { web in
            let session = try await web.openSession()
            let location = try await web.uploaded("../../x.csv", try demoJobWithMistakes(), session)
            let id = String(location.dropFirst("/uploads/".count))
            #expect(UploadStore.isValidID(id))
            let stored = web.dataDirectory + "/uploads/\(id)/job.csv"
            #expect(FileManager.default.fileExists(atPath: stored))
            #expect(!FileManager.default.fileExists(atPath: web.dataDirectory + "/x.csv"))
            #expect(!FileManager.default.fileExists(atPath: web.folder.path("x.csv")))
            #expect(!FileManager.default.fileExists(atPath: web.folder.url.deletingLastPathComponent().appendingPathComponent("x.csv").path))
            // Owner-only.
            let mode = try FileManager.default.attributesOfItem(atPath: stored)[.posixPermissions] as? NSNumber
            #expect(mode?.intValue == 0o600)
            let folderMode = try FileManager.default.attributesOfItem(atPath: web.dataDirectory)[.posixPermissions] as? NSNumber
            #expect(folderMode?.intValue == 0o700)
            // A path-shaped id never reaches the file system.
            let traversal = try await web.get("/uploads/..%2F..%2Fetc", session)
            #expect(traversal.status == .notFound)
        }
    }

    @Test("Escaping: a pool named <script>alert(1)</script> and a file name with markup show as text")
    func escaping() async throws {
        try await withWebApp { web in
            let session = try await web.openSession()
            let job = "phone_number;pool_name;source\n79990000001;<script>alert(1)</script>;\"<img src=x onerror=alert(2)>\"\n"
            let location = try await web.uploaded("<b>bold</b>.csv", job, session)
            let page = try await web.get(location, session)
            #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!page.text.contains("<script>alert(1)"))
            #expect(!page.text.contains("<img src=x"))
            #expect(page.text.contains("&lt;b&gt;bold&lt;/b&gt;.csv"))
            let list = try await web.get("/", session)
            #expect(!list.text.contains("<b>bold</b>"))
            // The plan shows it escaped too.
            _ = try await web.post(location + "/plan", session)
            let plan = try await web.get(location + "/plan", session)
            #expect(plan.status == .ok)
            #expect(plan.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!plan.text.contains("<script>alert(1)"))
        }
    }

    @Test("Security headers: CSP without inline script on every answer; the session cookie is HttpOnly and SameSite=Strict")
    func headers() async throws {
        try await withWebApp { web in
            let first = try await web.send(.get, "/", session: nil)
            let cookie = first.headers[.setCookie] ?? ""
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
            let session = try await web.openSession()
            for path in ["/", "/live", "/runs", "/assets/app.js", "/nope"] {
                let answer = try await web.get(path, session)
                let csp = answer.headers[.contentSecurityPolicy] ?? ""
                #expect(csp.contains("script-src 'self'"), "\(path)")
                #expect(!csp.contains("unsafe-inline"), "\(path)")
                #expect(answer.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            }
            // No inline script anywhere in a page: scripts come from /assets only.
            let page = try await web.get("/", session)
            #expect(page.text.components(separatedBy: "<script").count == 2)
            #expect(page.text.contains("<script src=\"/assets/app.js\" defer></script>"))
            #expect(!page.text.contains(" onclick="))
        }
    }

    @Test("CSRF: a state-changing request without the page's token, or with another session's, is refused with 403")
    func csrf() async throws {
        try await withWebApp { web in
            let session = try await web.openSession()
            let other = try await web.openSession()
            let location = try await web.uploaded("demo.csv", try demoJobWithMistakes(), session)
            // No token.
            let bare = try await web.send(.post, location + "/delete", session: session,
                                          headers: [("Content-Type", "application/x-www-form-urlencoded")], body: Array("x=1".utf8))
            #expect(bare.status == .forbidden)
            // Another session's token.
            let wrong = try await web.post(location + "/delete", session, csrf: other.csrf)
            #expect(wrong.status == .forbidden)
            // An upload without the header.
            let upload = try await web.send(.post, "/uploads?name=a.csv", session: session, body: Array("phone_number\n79990000001\n".utf8))
            #expect(upload.status == .forbidden)
            #expect(web.app.store.all().count == 1)
            // With it: deleted.
            let right = try await web.post(location + "/delete", session)
            #expect(right.status == .seeOther)
            #expect(web.app.store.all().isEmpty)
        }
    }

    @Test("Access secret: beyond loopback every request without it gets 401; the secret (form or bearer) lets it in")
    func accessSecret() async throws {
        try await withWebApp(secret: "correct horse battery") { web in
            for path in ["/", "/live", "/runs", "/reconcile", "/live/state", "/assets/app.js"] {
                let answer = try await web.send(.get, path, session: nil)
                #expect(answer.status == .unauthorized, "\(path)")
                #expect(!answer.text.contains("SiteId"), "\(path)")
            }
            // The login page's style sheet is static and public: it comes without the secret (the page is styled).
            let login = try await web.send(.get, "/", session: nil)
            #expect(login.text.contains("href=\"/assets/app.css\""))
            let style = try await web.send(.get, "/assets/app.css", session: nil)
            #expect(style.status == .ok)
            #expect(style.headers[.contentType] == "text/css; charset=utf-8")
            #expect(style.text.contains("--accent"))
            let upload = try await web.send(.post, "/uploads?name=a.csv", session: nil, body: Array("phone_number\n".utf8))
            #expect(upload.status == .unauthorized)
            let session = try await web.openSession()
            let wrong = try await web.post("/login", session, form: ["secret": "wrong"])
            #expect(wrong.status == .unauthorized)
            let stillOut = try await web.get("/", session)
            #expect(stillOut.status == .unauthorized)
            let right = try await web.post("/login", session, form: ["secret": "correct horse battery"])
            #expect(right.status == .seeOther)
            let inside = try await web.get("/", session)
            #expect(inside.status == .ok)
            let bearer = try await web.send(.get, "/runs", session: nil, headers: [("Authorization", "Bearer correct horse battery")])
            #expect(bearer.status == .ok)
        }
    }

    @Test("Language: Russian by default, English from Accept-Language, and switchable")
    func language() async throws {
        try await withWebApp { web in
            let session = try await web.openSession()
            let none = try await web.send(.get, "/", session: session)
            #expect(none.text.contains("Загрузите файл задания"))
            let english = try await web.get("/", session, language: "en-US,en;q=0.9")
            #expect(english.text.contains("Upload a job file"))
            let switched = try await web.post("/lang", session, form: ["to": "en"])
            #expect(switched.status == .seeOther)
            let cookie = (switched.headers[.setCookie] ?? "")
            #expect(cookie.contains("\(SecurityMiddleware.languageCookie)=en"))
            let after = try await web.send(.get, "/", session: session, headers: [("Cookie", "\(SecurityMiddleware.sessionCookie)=\(session.cookie); \(SecurityMiddleware.languageCookie)=en"), ("Accept-Language", "ru")])
            #expect(after.text.contains("Upload a job file"))
        }
    }

    @Test("Header mapping: an unrecognised header gets a list of fields; the choice is saved for the next upload")
    func mapping() async throws {
        try await withWebApp { web in
            let session = try await web.openSession()
            let job = "Номер;Пул;Метка кампании\n79990000001;Весна;spring\n"
            let location = try await web.uploaded("mapped.csv", job, session)
            let page = try await web.get(location, session)
            #expect(page.text.contains("data-header=\"Метка кампании\""))
            #expect(page.text.contains("<option value=\"campaign\">Кампания — campaign</option>"), "fields by their Russian names")
            // The page says where to map it, not the command line's --map.
            #expect(page.text.contains("Столбец «Метка кампании» не распознан, его данные не используются."))
            #expect(page.text.contains("Выберите для него поле в блоке «Как прочитан файл» выше."))
            #expect(!page.text.contains("--map"))
            let saved = try await web.post("/mapping", session, form: ["upload": String(location.dropFirst("/uploads/".count)),
                                                                       "header": "Метка кампании", "field": "campaign"])
            #expect(saved.status == .seeOther)
            #expect(web.app.store.mapping() == ["Метка кампании": "campaign"])
            let refused = try await web.post("/mapping", session, form: ["upload": String(location.dropFirst("/uploads/".count)),
                                                                         "header": "X", "field": "../../etc"])
            #expect(refused.status == .seeOther)
            #expect(web.app.store.mapping()["X"] == nil)
        }
    }

    @Test("Plan: the diff table with «было» → «станет», the filter by action, the cost, and the download")
    func plan() async throws {
        try await withWebApp { web in
            let session = try await web.openSession()
            let location = try await web.uploaded("demo.csv", try demoJobWithMistakes(), session)
            let made = try await web.post(location + "/plan", session)
            #expect(made.status == .seeOther)
            let page = try await web.get(location + "/plan", session)
            #expect(page.status == .ok)
            #expect(page.text.contains("id=\"plan-cost\""))
            #expect(page.text.contains("id=\"valid-only\""))
            #expect(page.text.contains("<del>"))
            #expect(page.text.contains("data-action=\"update\""))
            // Fields by their names, the flag as «да»: what a marketing person reads, not the file's column names.
            #expect(page.text.contains("<span class=\"field\">Кампания</span>"))
            #expect(page.text.contains("<span class=\"field\">Игнорировать early media</span>: <del>∅</del> → <ins>да</ins>"))
            #expect(!page.text.contains("<span class=\"field\">campaign</span>"))
            let updates = try await web.get(location + "/plan?action=update", session)
            #expect(!updates.text.contains("<tr data-row=\"2\" data-action=\"no-op\"") )
            #expect(updates.text.components(separatedBy: "<tr data-row=").dropFirst().allSatisfy { $0.contains("data-action=\"update\"") })
            let csv = try await web.get(location + "/plan.csv", session)
            #expect(csv.status == .ok)
            #expect(csv.text.contains("было") && csv.text.contains("станет"))
        }
    }

    @Test("Apply: confirmation required; the run goes to the end; results and failures download; the runs page lists it")
    func apply() async throws {
        try await withWebApp { web in
            let session = try await web.openSession()
            let (location, changes) = try await web.plannedDemo(session)
            let confirm = try await web.get(location + "/apply", session)
            #expect(confirm.text.contains("В аккаунт SiteId 1 (http://127.0.0.1:"), "the account in Russian words")
            #expect(changes > 0)
            let unconfirmed = try await web.post(location + "/apply", session, form: ["changes": String(changes)])
            #expect(unconfirmed.status == .badRequest)
            let stale = try await web.post(location + "/apply", session, form: ["confirm": "yes", "changes": String(changes + 1)])
            #expect(stale.status == .badRequest)
            let started = try await web.post(location + "/apply", session, form: ["confirm": "yes", "changes": String(changes)])
            #expect(started.status == .seeOther)
            #expect(started.headers[.location] == "/live")
            await web.waitForRunEnd()
            let snapshot = web.app.runs.snapshot()
            #expect(snapshot.phase == .finished, "\(String(describing: snapshot.message))")
            #expect(snapshot.done == snapshot.total)
            let runID = try #require(snapshot.runID)
            let state = try await web.get("/live/state", session)
            #expect(state.json["phase"] as? String == "finished")
            let events = try await web.get("/live/events?once=1", session)
            #expect(events.text.hasPrefix("data: {"))
            #expect(events.headers[.contentType] == "text/event-stream")
            let live = try await web.get("/live", session)
            #expect(live.text.contains("id=\"download-results\""))
            let results = try await web.get("/runs/\(runID)/results", session)
            #expect(results.status == .ok)
            #expect(results.text.contains("applied"))
            let failures = try await web.get("/runs/\(runID)/failures", session)
            #expect(failures.status == .ok)
            let runs = try await web.get("/runs", session)
            #expect(runs.text.contains("data-run=\"\(runID)\""))
            // Its start in the server's local time with the zone, as every page shows a moment.
            #expect(runs.text.range(of: #"<td>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [^<]+</td>"#, options: .regularExpression) != nil)
            let detail = try await web.get("/runs/\(runID)?outcome=applied", session)
            #expect(detail.text.contains("data-outcome=\"applied\""))
            #expect(!detail.text.contains("<tr data-row=\"2\" data-outcome=\"no-op\""))
            let undo = try await web.get("/runs/\(runID)/undo", session)
            #expect(undo.status == .ok)
            // The account is as the job wants: the sandbox now holds the new campaign.
            let number = try #require(PhoneNumber(canonical: "79990000011"))
            let stateNow = web.sandbox.settings(of: number)
            #expect(stateNow??.displayOptions?.campaign == "spring-brand")
        }
    }

    @Test("Canary: the run pauses after N rows; Stop there leaves it resumable; resume from the runs page finishes it")
    func canaryStopResume() async throws {
        try await withWebApp { web in
            let session = try await web.openSession()
            let (location, changes) = try await web.plannedDemo(session)
            _ = try await web.post(location + "/apply", session, form: ["confirm": "yes", "changes": String(changes), "canary": "1"])
            await web.waitForPause()
            #expect(web.app.runs.snapshot().phase == .paused)
            let paused = try await web.get("/live", session)
            #expect(paused.text.contains("id=\"continue\""))
            let stop = try await web.post("/live/stop", session)
            #expect(stop.status == .seeOther)
            await web.waitForRunEnd()
            #expect(web.app.runs.snapshot().phase == .stopped)
            let runs = try await web.get("/runs", session)
            #expect(runs.text.contains("id=\"resume\""))
            let resume = try await web.post("/runs/resume", session)
            #expect(resume.status == .seeOther)
            await web.waitForRunEnd()
            let snapshot = web.app.runs.snapshot()
            #expect(snapshot.phase == .finished, "\(String(describing: snapshot.message))")
            let after = try await web.get("/runs", session)
            #expect(!after.text.contains("id=\"resume\""))
        }
    }

    @Test("Runs are queued: a second apply while one runs waits for it, never overlaps")
    func queue() async throws {
        try await withWebApp { web in
            let session = try await web.openSession()
            let (location, changes) = try await web.plannedDemo(session)
            _ = try await web.post(location + "/apply", session, form: ["confirm": "yes", "changes": String(changes), "canary": "1"])
            await web.waitForPause()
            _ = try await web.post(location + "/apply", session, form: ["confirm": "yes", "changes": String(changes)])
            #expect(web.app.runs.snapshot().queued == 1)
            #expect(web.app.runs.snapshot().phase == .paused)
            _ = try await web.post("/live/continue", session)
            // The first run ends, then the queued one starts and ends (it resumes nothing: everything is done).
            while true {
                let (snapshot, version) = web.app.runs.versioned()
                if snapshot.queued == 0 && !snapshot.isActive { break }
                await web.app.runs.waitForChange(after: version)
            }
            #expect(web.app.runs.snapshot().queued == 0)
        }
    }
}
