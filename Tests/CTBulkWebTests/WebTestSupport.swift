import CTBulkCore
import CTBulkEngine
import CTBulkSandbox
import CTBulkTestSupport
import CalltouchAPI
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import CTBulkWeb

/// One web app on the demo sandbox (over loopback HTTP), tested in-process through Hummingbird's router test client.
struct WebHarness {
    let app: WebApp
    let client: any TestClientProtocol
    let sandbox: RunningSandbox
    let folder: TempDir

    var dataDirectory: String { app.settings.dataDirectory }
}

/// A browser's side of the conversation: its session cookie and the CSRF token of its pages.
struct BrowserSession {
    var cookie: String
    var csrf: String
}

struct WebAnswer {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var text: String

    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:] }
}

/// Runs `body` with a web app on a fresh demo sandbox and a fresh data folder; `service`, when given, is the account
/// instead (a scripted one, for failures the sandbox cannot be made to give).
func withWebApp<T: Sendable>(secret: String? = nil, maxUploadBytes: Int = WebSettings.defaultMaxUploadBytes,
                             sandbox configuration: SandboxConfiguration = .demoUnlimited(),
                             service: (any NumberService)? = nil,
                             _ body: @Sendable @escaping (WebHarness) async throws -> T) async throws -> T {
    let folder = TempDir()
    return try await Sandbox.withSandbox(configuration) { sandbox in
        let configuration = try CalltouchConfiguration(
            baseURL: sandbox.baseURL.absoluteString,
            credentials: CalltouchCredentials(accessToken: SandboxConfiguration.defaultAccessToken, siteId: "1"),
            readBatchSize: 50, connectTimeout: .seconds(5), readTimeout: .seconds(120))
        return try await withCalltouchClient(configuration: configuration, gate: UnlimitedGate()) { client in
            let account = service.map { service in WebAccount(label: service.account.label, rate: 50, makeService: { _ in service }) }
                ?? WebAccount(label: "SiteId 1 at \(sandbox.baseURL.absoluteString)", rate: 50,
                              makeService: { stop in client.withGate(StoppableGate(UnlimitedGate(), signal: stop)) })
            let settings = WebSettings(dataDirectory: folder.path("web"), stateDirectory: folder.path("state"),
                                       maxUploadBytes: maxUploadBytes, accessSecret: secret)
            let web = try WebApp(account: account, settings: settings)
            let application = Application(router: web.router())
            return try await application.test(.router) { testClient in
                try await body(WebHarness(app: web, client: testClient, sandbox: sandbox, folder: folder))
            }
        }
    }
}

extension WebHarness {
    /// Any request, as a browser with `session` would send it.
    func send(_ method: HTTPRequest.Method, _ uri: String, session: BrowserSession?, headers: [(String, String)] = [],
              body: [UInt8]? = nil) async throws -> WebAnswer {
        var fields = HTTPFields()
        if let session { fields[.cookie] = "\(SecurityMiddleware.sessionCookie)=\(session.cookie)" }
        for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
        let response = try await client.execute(uri: uri, method: method, headers: fields, body: body.map { ByteBuffer(bytes: $0) })
        return WebAnswer(status: response.status, headers: response.headers,
                         text: String(buffer: response.body))
    }

    /// Opens the first page: a new session, its cookie and CSRF token.
    func openSession(language: String = "ru") async throws -> BrowserSession {
        let answer = try await send(.get, "/", session: nil, headers: [("Accept-Language", language)])
        let setCookie = answer.headers[.setCookie] ?? ""
        let cookie = setCookie.split(separator: ";").first.map { String($0.split(separator: "=", maxSplits: 1)[1]) } ?? ""
        return BrowserSession(cookie: cookie, csrf: Self.csrf(in: answer.text) ?? "")
    }

    static func csrf(in page: String) -> String? {
        guard let range = page.range(of: "name=\"csrf-token\" content=\"") else { return nil }
        return String(page[range.upperBound...].prefix { $0 != "\"" })
    }

    func get(_ uri: String, _ session: BrowserSession, language: String = "ru") async throws -> WebAnswer {
        try await send(.get, uri, session: session, headers: [("Accept-Language", language)])
    }

    /// A form post with the session's CSRF token (unless `csrf` says otherwise).
    func post(_ uri: String, _ session: BrowserSession, form: [String: String] = [:], csrf: String? = nil) async throws -> WebAnswer {
        var fields = form
        fields[SecurityMiddleware.csrfField] = csrf ?? session.csrf
        let body = fields.map { "\($0.key.formEncoded)=\($0.value.formEncoded)" }.joined(separator: "&")
        return try await send(.post, uri, session: session, headers: [("Content-Type", "application/x-www-form-urlencoded")],
                              body: Array(body.utf8))
    }

    /// Uploads `bytes` as the page's script does.
    func upload(_ name: String, _ bytes: [UInt8], _ session: BrowserSession) async throws -> WebAnswer {
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? name
        return try await send(.post, "/uploads?name=\(encoded)", session: session,
                              headers: [("X-CSRF-Token", session.csrf), ("Content-Type", "application/octet-stream")], body: bytes)
    }

    /// Uploads and returns the upload's page path (`/uploads/<id>`).
    func uploaded(_ name: String, _ text: String, _ session: BrowserSession) async throws -> String {
        let answer = try await upload(name, Array(text.utf8), session)
        #expect(answer.status == .ok, "\(answer.text)")
        return answer.json["location"] as? String ?? "/missing"
    }

    /// Uploads the demo job with mistakes and plans it: the upload's page path and the plan's number of changes.
    func plannedDemo(_ session: BrowserSession) async throws -> (location: String, changes: Int) {
        let location = try await uploaded("demo.csv", try demoJobWithMistakes(), session)
        let made = try await post(location + "/plan", session)
        #expect(made.status == .seeOther)
        let upload = try #require(app.store.all().first)
        let plan = try #require(app.savedPlan(upload))
        return (location, plan.summary.writeRequests)
    }

    /// Waits until the current run has ended (the run queue says so; no polling of time).
    func waitForRunEnd() async {
        while true {
            let (snapshot, version) = app.runs.versioned()
            if !snapshot.isActive && snapshot.phase != .idle { return }
            await app.runs.waitForChange(after: version)
        }
    }

    /// Waits until the current run pauses after its canary.
    func waitForPause() async {
        while true {
            let (snapshot, version) = app.runs.versioned()
            if snapshot.phase == .paused || (!snapshot.isActive && snapshot.phase != .idle) { return }
            await app.runs.waitForChange(after: version)
        }
    }
}

extension String {
    var formEncoded: String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._*")
        return addingPercentEncoding(withAllowedCharacters: allowed) ?? self
    }
}

/// The demo job (jobs/demo.csv) with two rows of mistakes added: a number that is not one, and a pool name that is
/// markup.
func demoJobWithMistakes() throws -> String {
    var text = try String(contentsOfFile: repoPath("jobs/demo.csv"), encoding: .utf8)
    if !text.hasSuffix("\n") { text += "\n" }
    text += "7,9E+10;Весна;google;cpc;spring;;;74950000003;;;\n"
    return text
}
