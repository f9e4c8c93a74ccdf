import CTBulkCore
import CTBulkEngine
import Foundation
import Hummingbird
import ServiceLifecycle

/// What the live page's script receives (server-sent events) and `GET /live/state` answers: the snapshot with its
/// texts rendered in the reader's language.
struct LiveView: Encodable {
    var phase: String
    var phaseText: String
    var active: Bool
    var runID: Int64?
    var upload: String?
    var done: Int
    var total: Int
    var failed: Int
    var requests: Int
    var rate: String
    var eta: String
    var message: String?
    var failures: [String]
    var canary: [String]
    var queued: Int
    var resultsReady: Bool
    var counts: [String: Int]
    var progressText: String

    init(_ s: RunQueue.Snapshot, language: Language) {
        let text = Text(language)
        phase = s.phase.rawValue
        phaseText = text.t("web.phase.\(s.phase.rawValue)")
        active = s.isActive
        runID = s.runID
        upload = s.uploadName
        done = s.done
        total = s.total
        failed = s.failed
        requests = s.requests
        rate = text.t("web.live.rate", ["rate": .text(String(format: "%.1f", s.rate))])
        eta = s.etaSeconds.map { WebApp.duration($0, text) } ?? "—"
        message = s.message?.render(language)
        failures = s.failures.reversed().map { line in
            var arguments: [String: Message.Argument] = ["row": .count(line.row), "number": .text(line.number),
                                                         "outcome": .text(text.t("web.outcome.\(line.outcome)"))]
            guard let note = line.noteText(language), !note.isEmpty else { return text.t("web.live.failureLine", arguments) }
            arguments["message"] = .text(note)
            return text.t("web.live.failureLineWithMessage", arguments)
        }
        canary = s.canary.map { text.t("web.live.canaryLine", ["row": .count($0.row), "number": .text($0.number), "settings": .text($0.settings)]) }
        queued = s.queued
        resultsReady = s.resultsReady
        counts = s.counts
        progressText = text.t("web.live.progress", ["done": .count(s.done), "total": .count(s.total)])
    }
}

extension WebApp {
    func addLiveRoutes(_ router: Router<WebContext>) {
        router.get("/live") { _, context in self.livePage(context) }
        router.get("/live/state") { _, context in Pages.json(LiveView(self.runs.snapshot(), language: context.language)) }
        router.get("/live/events") { request, context in
            let once = request.uri.queryParameters["once"] != nil
            let language = context.language
            let runs = self.runs
            return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
                            body: ResponseBody { writer in
                                // A stream ends when the server shuts down (Ctrl-C, SIGTERM): an open page must not
                                // keep the graceful shutdown waiting.
                                try await withGracefulShutdownHandler {
                                    while true {
                                        let (snapshot, version) = runs.versioned()
                                        let encoder = JSONEncoder()
                                        encoder.outputFormatting = [.sortedKeys]
                                        let data = try encoder.encode(LiveView(snapshot, language: language))
                                        try await writer.write(ByteBuffer(string: "data: " + String(decoding: data, as: UTF8.self) + "\n\n"))
                                        if once || runs.isClosing { break }
                                        await runs.waitForChange(after: version)
                                        if runs.isClosing { break }
                                    }
                                } onGracefulShutdown: {
                                    runs.closeListeners()
                                }
                                try await writer.finish(nil)
                            })
        }
        router.post("/live/stop") { _, _ in
            self.runs.stop()
            return Pages.redirect("/live")
        }
        router.post("/live/continue") { _, _ in
            self.runs.continueAfterCanary()
            return Pages.redirect("/live")
        }
    }

    // MARK: Screen 4: the run, live

    func livePage(_ context: WebContext) -> Response {
        let text = Text(context.language)
        let s = runs.snapshot()
        let view = LiveView(s, language: context.language)
        guard s.phase != .idle else {
            return Pages.page(context, title: text.t("web.live.title"), active: "live", account: account.label,
                              "<p class=\"muted\" id=\"live-idle\">\(text.t("web.live.idle"))</p>")
        }
        let failures = HTML.join(view.failures.map { "<li>\($0)</li>" })
        let canary = HTML.join(view.canary.map { "<li>\($0)</li>" })
        let downloads: HTML = s.runID.map { id in
            """
            <p id="downloads"\(s.resultsReady ? HTML.empty : HTML(" hidden"))><a class="button" id="download-results" href="/runs/\(Int(id))/results">\(text.t("web.runs.results"))</a> \
            <a class="button" id="download-failures" href="/runs/\(Int(id))/failures">\(text.t("web.runs.failures"))</a> \
            <a href="/runs/\(Int(id))">\(text.t("web.runs.details"))</a>\(s.uploadID.map { upload in
                HTML(" <a id=\"reconcile-again\" href=\"/uploads/\(upload)/reconcile\">\(text.t("web.reconcile.afterRun"))</a>")
            } ?? HTML.empty)</p>
            """
        } ?? "<p id=\"downloads\" hidden></p>"
        let body: HTML = """
        <section class="live" id="live" data-events="/live/events">
        <p><strong>\(text.t("web.live.file"))</strong> <span id="live-upload">\(s.uploadName ?? "")</span> · \
        <strong>\(text.t("web.live.run"))</strong> <span id="live-run">\(s.runID.map { String($0) } ?? "—")</span> · \
        <span class="phase" id="live-phase" data-phase="\(view.phase)">\(view.phaseText)</span></p>
        <progress id="live-bar" max="\(max(s.total, 1))" value="\(s.done)"></progress>
        <p class="big" id="live-progress">\(view.progressText)</p>
        <ul class="counts">
        <li id="live-rate">\(view.rate)</li>
        <li>\(text.t("web.live.eta")) <span id="live-eta">\(view.eta)</span></li>
        <li class="error">\(text.t("web.live.errors")) <span id="live-failed">\(s.failed)</span></li>
        <li id="live-queued"\(s.queued > 0 ? HTML.empty : HTML(" hidden"))>\(text.t("web.live.queued", ["n": .count(s.queued)]))</li>
        </ul>
        <p id="live-message" class="message"\(view.message == nil ? HTML(" hidden") : HTML.empty)>\(view.message ?? "")</p>
        <div id="canary-box"\(s.phase == .paused ? HTML.empty : HTML(" hidden"))>
        <p>\(text.t("web.live.canaryDone"))</p><ul id="canary-rows">\(canary)</ul>
        \(Pages.postButton(context, action: "/live/continue", label: text.t("web.live.continue"), id: "continue", style: "primary"))
        </div>
        <div id="stop-box"\(s.isActive ? HTML.empty : HTML(" hidden"))>
        \(Pages.postButton(context, action: "/live/stop", label: text.t("web.live.stop"), id: "stop", style: "danger"))
        <span class="muted">\(text.t("web.live.stopHint"))</span></div>
        \(downloads)
        <h2>\(text.t("web.live.failures"))</h2>
        <ul class="failures" id="live-failures">\(failures)</ul>
        </section>
        """
        return Pages.page(context, title: text.t("web.live.title"), active: "live", account: account.label, body)
    }
}
