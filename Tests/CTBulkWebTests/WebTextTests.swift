import CTBulkCore
import CTBulkEngine
import Testing
@testable import CTBulkWeb

/// Texts the pages build from a value's name exist in the catalogue, in both languages.
@Suite("Web texts")
struct WebTextTests {
    @Test("Every outcome, action, phase, status, severity and stop reason has its text")
    func dynamicKeys() {
        var keys: [String] = []
        keys += RowOutcome.allCasesForWeb.map { "web.outcome.\($0)" }
        keys += PlanAction.allCases.map { "web.action.\($0.rawValue)" }
        keys += RunQueue.Phase.allCases.map { "web.phase.\($0.rawValue)" }
        keys += Severity.allCases.map { "web.severity.\($0.rawValue)" }
        let statuses: [RunStatus] = [.running, .completed, .stopped, .paused, .failed, .interrupted]
        keys += statuses.map { "web.status.\($0.rawValue)" }
        let reasons: [StopReason] = [.authentication, .budget, .breaker, .interrupted, .maxRequests, .canary, .rateLimited, .redirected]
        keys += reasons.map { "web.live.stopReason.\($0.rawValue)" }
        keys += DriftStatus.allCases.map { "web.drift.\($0.rawValue)" }
        keys += DriftStatus.allCases.map { "web.reconcile.count.\($0.rawValue)" }
        for key in keys {
            #expect(Catalogue.contains(key), "\(key)")
            #expect(Message(key).render(.ru) != Message(key).render(.en), "\(key)")
        }
    }

    @Test("Progress agrees with the total: «1 из 21 строки», «2 из 2 строк»",
          arguments: [(1, 21, "1 из 21 строки", "1 of 21 rows"), (0, 1, "0 из 1 строки", "0 of 1 row"),
                      (2, 2, "2 из 2 строк", "2 of 2 rows"), (3, 24, "3 из 24 строк", "3 of 24 rows"),
                      (5, 11, "5 из 11 строк", "5 of 11 rows"), (7, 101, "7 из 101 строки", "7 of 101 rows")])
    func progressPlural(done: Int, total: Int, ru: String, en: String) {
        let arguments: [String: Message.Argument] = ["done": .count(done), "total": .count(total)]
        #expect(Message("web.live.progress", arguments).render(.ru) == ru)
        #expect(Message("web.live.progress", arguments).render(.en) == en)
    }

    @Test("Drift count agrees with its number", arguments: [(1, "1 номер расходится с файлом"), (3, "3 номера расходятся с файлом"),
                                                          (5, "5 номеров расходятся с файлом"), (12, "12 номеров расходятся с файлом"),
                                                          (21, "21 номер расходится с файлом")])
    func driftPlural(n: Int, ru: String) {
        #expect(Message("web.reconcile.differ", ["n": .count(n)]).render(.ru) == ru)
    }

    @Test("Rows not applied: «Неприменённые строки» (with ё)")
    func failuresHeading() {
        #expect(Message("web.live.failures").render(.ru) == "Неприменённые строки")
    }

    @Test("HTML escaping: markup, quotes and control characters never reach a page as such")
    func escaping() {
        #expect(HTML.escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
        #expect(HTML.escape("a\"b'c&d") == "a&quot;b&#39;c&amp;d")
        #expect(HTML.escape("\u{1B}[31m") == "\\u{1B}[31m")
        let value = "<b>"
        let html: HTML = "<p title=\"\(value)\">\(value)</p>"
        #expect(html.markup == "<p title=\"&lt;b&gt;\">&lt;b&gt;</p>")
    }
}
