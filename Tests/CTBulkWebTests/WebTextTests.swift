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
        for key in keys {
            #expect(Catalogue.contains(key), "\(key)")
            #expect(Message(key).render(.ru) != Message(key).render(.en), "\(key)")
        }
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
