import CTBulkCore
import Crypto
import Foundation
import Hummingbird
import Synchronization

/// The request context of the web app: the browser's session and the page language.
public struct WebContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    var session = WebSession(id: "", csrf: "", authenticated: false)
    var language: Language = .ru

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// Uploads are read by the upload route itself, within the configured limit (with a clear error above it).
    public var maxUploadSize: Int { 1 << 20 }
}

/// A browser's session: its CSRF token, and whether it gave the access secret (when one is required).
struct WebSession: Sendable {
    var id: String
    var csrf: String
    var authenticated: Bool
}

/// Sessions in memory (a restart asks for the secret again).
final class SessionTable: Sendable {
    private let sessions = Mutex<[String: WebSession]>([:])

    func find(_ id: String) -> WebSession? { sessions.withLock { $0[id] } }

    func create(authenticated: Bool) -> WebSession {
        let session = WebSession(id: Secrets.random(32), csrf: Secrets.random(32), authenticated: authenticated)
        sessions.withLock { $0[session.id] = session }
        return session
    }

    func authenticate(_ id: String) -> WebSession? {
        sessions.withLock { table in
            guard var session = table[id] else { return nil }
            session.authenticated = true
            table[id] = session
            return session
        }
    }
}

/// Random tokens and constant-time comparison.
enum Secrets {
    /// `bytes` random bytes, hex.
    static func random(_ bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Compares two secrets without leaking where they differ (through their SHA-256, so lengths do not leak either).
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(SHA256.hash(data: Data(a.utf8))), y = Array(SHA256.hash(data: Data(b.utf8)))
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}

/// Every request passes here: security headers on every answer; the session cookie (HttpOnly, SameSite=Strict);
/// the access secret when the server listens beyond loopback (401 without it); the CSRF token on every
/// state-changing request (403 without it); the page language.
struct SecurityMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let sessions: SessionTable
    /// Nil on loopback without a secret: every session is trusted.
    let accessSecret: String?

    static let sessionCookie = "ctbulk_session"
    static let languageCookie = "ctbulk_lang"
    static let csrfHeader = "X-CSRF-Token"
    static let csrfField = "csrf"

    static let contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    /// The one path answered without the access secret.
    static let publicStyleSheet = "/assets/app.css"

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        context.language = Self.language(request)
        var newSession = false
        if let id = request.cookies[Self.sessionCookie]?.value, let session = sessions.find(id) {
            context.session = session
        } else {
            context.session = sessions.create(authenticated: accessSecret == nil)
            newSession = true
        }
        var response: Response
        if let accessSecret, !context.session.authenticated {
            if let bearer = request.headers[.authorization], bearer.hasPrefix("Bearer "),
               Secrets.equal(String(bearer.dropFirst(7)), accessSecret) {
                context.session = sessions.authenticate(context.session.id) ?? context.session
                response = try await guarded(request, context: context, next: next)
            } else if request.method == .get && request.uri.path == Self.publicStyleSheet {
                // The style sheet is static and holds nothing of the account: the login page is styled with it.
                response = try await guarded(request, context: context, next: next)
            } else if request.method == .post && request.uri.path == "/login" {
                response = try await login(request, context: context, secret: accessSecret)
            } else {
                response = Pages.loginPage(context, failed: false)
            }
        } else {
            response = try await guarded(request, context: context, next: next)
        }
        if newSession {
            response.setCookie(Cookie(name: Self.sessionCookie, value: context.session.id, path: "/", httpOnly: true,
                                      sameSite: .strict))
        }
        Self.addSecurityHeaders(&response.headers)
        return response
    }

    private func guarded(_ request: Request, context: WebContext,
                         next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var request = request
        if request.method != .get && request.method != .head {
            // The token comes in a header (scripts) or as the form's `csrf` field (forms).
            var token = request.headers[.init(Self.csrfHeader)!]
            var form: [String: String]?
            if token == nil, request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true {
                let buffer = try await request.body.collect(upTo: 1 << 20)
                let parsed = Form.parse(String(buffer: buffer))
                form = parsed
                token = parsed[Self.csrfField]
                request.body = .init(buffer: buffer)
            }
            _ = form
            guard let token, Secrets.equal(token, context.session.csrf) else {
                return Pages.plain(.forbidden, Text(context.language).t("web.error.csrf"))
            }
        }
        do {
            return try await next(request, context)
        } catch let error as HTTPResponseError {
            // Unknown routes and framework errors get a page of ours (and the security headers with it).
            let text = Text(context.language)
            return Pages.problem(context, account: nil, status: error.status,
                                 text.t(error.status == .notFound ? "web.error.notFound" : "web.error.title"))
        }
    }

    private func login(_ request: Request, context: WebContext, secret: String) async throws -> Response {
        let buffer = try await request.body.collect(upTo: 64 * 1024)
        let form = Form.parse(String(buffer: buffer))
        guard let given = form["secret"], Secrets.equal(given, secret),
              let token = form[Self.csrfField], Secrets.equal(token, context.session.csrf) else {
            return Pages.loginPage(context, failed: true)
        }
        _ = sessions.authenticate(context.session.id)
        return Response(status: .seeOther, headers: [.location: "/"])
    }

    static func language(_ request: Request) -> Language {
        if let chosen = request.cookies[languageCookie]?.value, let language = Language(rawValue: chosen) { return language }
        if let header = request.headers[.acceptLanguage], let language = Language(acceptLanguage: header) { return language }
        return .ru
    }

    static func addSecurityHeaders(_ headers: inout HTTPFields) {
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[.init("X-Content-Type-Options")!] = "nosniff"
        headers[.init("X-Frame-Options")!] = "DENY"
        headers[.init("Referrer-Policy")!] = "same-origin"
        if headers[.cacheControl] == nil { headers[.cacheControl] = "no-store" }
    }
}

/// `application/x-www-form-urlencoded` bodies.
enum Form {
    static func parse(_ body: String) -> [String: String] {
        var out: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            guard let name = parts.first else { continue }
            out[decode(name)] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return out
    }
}
