import CTBulkCore
import Foundation
import Hummingbird

/// Catalogue texts in the page's language.
struct Text {
    let language: Language
    init(_ language: Language) { self.language = language }

    func t(_ key: String, _ arguments: [String: Message.Argument] = [:]) -> String {
        Message(key, arguments).render(language)
    }

    /// The text as markup (escaped).
    func h(_ key: String, _ arguments: [String: Message.Argument] = [:]) -> HTML { "\(t(key, arguments))" }

    func number(_ value: Int) -> String { language.formatNumber(value) }

    /// A moment as the page shows it: the server's local time with its zone («2026-12-02 08:38:19 MSK»), the same on
    /// every page.
    func time(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .current
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss zzz"
        return formatter.string(from: date)
    }

    /// A field as people call it («Кампания»), not its column name in files (`campaign`).
    func field(_ field: SettingField) -> String { field.label.render(language) }

    /// A value of `field` as the page shows it: the flag as «да» / «нет», anything else as it is; nil is «∅».
    func value(_ field: SettingField, _ value: String?) -> String {
        guard let value else { return "∅" }
        if field == .ignoreEarlyMedia, let flag = CellText.parseBool(value) { return t(flag ? "common.yes" : "common.no") }
        return value
    }

    /// A problem's message as the page says it: an unrecognised column is mapped on this page (the list of fields in
    /// «How the file was read»), not with the command line's `--map`.
    func problem(_ problem: Problem) -> String {
        guard problem.code == .headerUnknown, problem.details["strict"] == nil else { return problem.message(language) }
        let header = problem.column ?? problem.value ?? ""
        if let column = problem.suggestedColumn {
            return t("web.problem.headerUnknownSuggestion", ["header": .text(header), "label": .message(column.label)])
        }
        return t("web.problem.headerUnknown", ["header": .text(header)])
    }
}

/// The page frame and the answers every route uses.
enum Pages {
    /// A whole page: header with the navigation, the language switch and the account; `body` inside.
    static func page(_ context: WebContext, title: String, active: String, account: String?, _ body: HTML,
                     status: HTTPResponse.Status = .ok) -> Response {
        let text = Text(context.language)
        let other = Language.allCases.first { $0 != context.language } ?? .en
        func nav(_ path: String, _ key: String, _ name: String) -> HTML {
            "<a href=\"\(path)\"\(active == name ? HTML(" class=\"active\" aria-current=\"page\"") : HTML.empty)>\(text.t(key))</a>"
        }
        let accountLine: HTML = account.map { "<span class=\"account\" id=\"account\">\(text.t("web.nav.account", ["account": AccountIdentity.display(label: $0)]))</span>" } ?? .empty
        let html: HTML = """
        <!DOCTYPE html>
        <html lang="\(context.language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="csrf-token" content="\(context.session.csrf)">
        <title>\(title) — ctbulk</title>
        <link rel="stylesheet" href="/assets/app.css">
        <script src="/assets/app.js" defer></script>
        </head>
        <body>
        <header>
        <strong class="brand">ctbulk</strong>
        <nav>\(nav("/", "web.nav.uploads", "uploads"))\(nav("/live", "web.nav.live", "live"))\(nav("/runs", "web.nav.runs", "runs"))\(nav("/reconcile", "web.nav.reconcile", "reconcile"))</nav>
        \(accountLine)
        <form method="post" action="/lang" class="lang">
        <input type="hidden" name="csrf" value="\(context.session.csrf)">
        <input type="hidden" name="to" value="\(other.rawValue)">
        <button type="submit" id="lang-switch">\(other == .en ? "English" : "Русский")</button>
        </form>
        </header>
        <main>
        <h1>\(title)</h1>
        \(body)
        </main>
        </body>
        </html>
        """
        return htmlResponse(html, status: status)
    }

    static func htmlResponse(_ html: HTML, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: html.markup)))
    }

    /// A short plain-text answer (errors for scripts and refused requests).
    static func plain(_ status: HTTPResponse.Status, _ message: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: message)))
    }

    static func json(_ object: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(object)) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// A file to download, with a name of ours.
    static func download(path: String, name: String, contentType: String) -> Response? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let safe = name.unicodeScalars.filter { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)) }
        return Response(status: .ok, headers: [.contentType: contentType,
                                               .contentDisposition: "attachment; filename=\"\(String(String.UnicodeScalarView(safe)))\""],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The access-secret form: every request without the secret gets it with 401.
    static func loginPage(_ context: WebContext, failed: Bool) -> Response {
        let text = Text(context.language)
        let error: HTML = failed ? "<p class=\"error\" role=\"alert\">\(text.t("web.login.failed"))</p>" : .empty
        let body: HTML = """
        <p>\(text.t("web.login.intro"))</p>
        \(error)
        <form method="post" action="/login">
        <input type="hidden" name="csrf" value="\(context.session.csrf)">
        <label>\(text.t("web.login.secret")) <input type="password" name="secret" autocomplete="current-password" required></label>
        <button type="submit">\(text.t("web.login.submit"))</button>
        </form>
        """
        return page(context, title: text.t("web.login.title"), active: "", account: nil, body, status: .unauthorized)
    }

    /// A page that says what went wrong.
    static func problem(_ context: WebContext, account: String?, status: HTTPResponse.Status, _ message: String) -> Response {
        let text = Text(context.language)
        return page(context, title: text.t("web.error.title"), active: "", account: account,
                    "<p class=\"error\" role=\"alert\">\(message)</p><p><a href=\"/\">\(text.t("web.error.back"))</a></p>",
                    status: status)
    }

    /// A form that posts to `action` with the CSRF token and one button.
    /// `busy`: what the page says once the button is pressed, for a request that takes a while (reading the account):
    /// app.js shows it under the form and disables the button until the next page comes.
    static func postButton(_ context: WebContext, action: String, label: String, id: String, fields: [String: String] = [:],
                           style: String = "", busy: String? = nil) -> HTML {
        let hidden = HTML.join(fields.sorted { $0.key < $1.key }.map { "<input type=\"hidden\" name=\"\($0.key)\" value=\"\($0.value)\">" })
        let busyAttribute: HTML = busy.map { " data-busy=\"\($0)\"" } ?? .empty
        return """
        <form method="post" action="\(action)" class="inline">\
        <input type="hidden" name="csrf" value="\(context.session.csrf)">\(hidden)\
        <button type="submit" id="\(id)" class="\(style)"\(busyAttribute)>\(label)</button></form>
        """
    }
}
