import CTBulkCore
import CTBulkEngine
import Foundation
import Hummingbird
import Logging

/// The account the server works on. The token stays inside `makeService`: the web layer only ever sees the label.
public struct WebAccount: Sendable {
    /// `SiteId 1 at https://api.calltouch.ru` (never the token).
    public var label: String
    /// Requests per second for everything the server sends (one limiter for the whole process).
    public var rate: Int
    /// A service for one run or one plan, whose requests wait for the shared limiter and stop at `stop`.
    public var makeService: @Sendable (StopSignal) -> any NumberService
    /// Other processes sharing the host's rate limit now.
    public var sharedWith: @Sendable () -> Int

    public init(label: String, rate: Int, makeService: @escaping @Sendable (StopSignal) -> any NumberService,
                sharedWith: @escaping @Sendable () -> Int = { 0 }) {
        self.label = label
        self.rate = max(rate, 1)
        self.makeService = makeService
        self.sharedWith = sharedWith
    }
}

/// How the server is set up.
public struct WebSettings: Sendable {
    /// The server's data folder (uploads, mapping, journal, run reports).
    public var dataDirectory: String
    /// The machine-wide state folder (run locks, the shared rate limit).
    public var stateDirectory: String
    /// The largest upload accepted, in bytes.
    public var maxUploadBytes: Int
    /// Required from every browser when set (the server listens beyond loopback).
    public var accessSecret: String?

    public static let defaultMaxUploadBytes = 20 * 1024 * 1024

    public init(dataDirectory: String, stateDirectory: String, maxUploadBytes: Int = WebSettings.defaultMaxUploadBytes,
                accessSecret: String? = nil) {
        self.dataDirectory = dataDirectory
        self.stateDirectory = stateDirectory
        self.maxUploadBytes = maxUploadBytes
        self.accessSecret = accessSecret
    }

    /// The data folder inside the state folder: `<state>/web`.
    public static func dataDirectory(state: String) -> String { state + "/web" }
}

/// The web app: its routes over the store, the sessions and the run queue.
public final class WebApp: Sendable {
    public let account: WebAccount
    public let settings: WebSettings
    let store: UploadStore
    let sessions = SessionTable()
    let runs: RunQueue

    public init(account: WebAccount, settings: WebSettings) throws {
        self.account = account
        self.settings = settings
        self.store = try UploadStore(root: settings.dataDirectory, maxBytes: settings.maxUploadBytes)
        self.runs = RunQueue(account: account, store: store, stateDirectory: settings.stateDirectory)
    }

    /// The routes (all behind the security middleware).
    public func router() -> Router<WebContext> {
        let router = Router(context: WebContext.self)
        router.add(middleware: SecurityMiddleware(sessions: sessions, accessSecret: settings.accessSecret))
        addAssetRoutes(router)
        addUploadRoutes(router)
        addPlanRoutes(router)
        addLiveRoutes(router)
        addRunRoutes(router)
        addReconcileRoutes(router)
        router.post("/lang") { request, context in
            let form = await Self.form(request)
            var response = Pages.redirect(Self.sameOrigin(request.headers[.referer]) ?? "/")
            let chosen = Language(rawValue: form["to"] ?? "") ?? context.language
            response.setCookie(Cookie(name: SecurityMiddleware.languageCookie, value: chosen.rawValue, maxAge: 365 * 86400,
                                      path: "/", httpOnly: true, sameSite: .strict))
            return response
        }
        router.post("/login") { _, _ in Pages.redirect("/") }
        return router
    }

    /// Serves on `host:port` until SIGINT or SIGTERM (a graceful shutdown); `onListening` gets the port bound.
    public func serve(host: String, port: Int, logger: Logger, onListening: @escaping @Sendable (Int) async -> Void) async throws {
        try await application(host: host, port: port, logger: logger, onListening: onListening)
            .runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }

    /// The server as a Hummingbird application (tests run it in-process); `onListening` gets the port bound.
    public func application(host: String, port: Int, logger: Logger,
                            onListening: @escaping @Sendable (Int) async -> Void) -> some ApplicationProtocol {
        Application(router: router(), configuration: ApplicationConfiguration(address: .hostname(host, port: port),
                                                                              serverName: nil),
                    onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) },
                    logger: logger)
    }

    // MARK: Helpers for the routes

    /// A form body (already read by the middleware when it checked the CSRF field).
    static func form(_ request: Request) async -> [String: String] {
        guard let buffer = try? await request.body.collect(upTo: 1 << 20) else { return [:] }
        return Form.parse(String(buffer: buffer))
    }

    /// A `Referer` on this server as a path, or nil.
    static func sameOrigin(_ referer: String?) -> String? {
        guard let referer, let url = URL(string: referer), url.path.hasPrefix("/") else { return nil }
        return url.path + (url.query.map { "?" + $0 } ?? "")
    }

    func upload(_ context: WebContext) -> Upload? {
        context.parameters.get("id").flatMap(store.upload)
    }

    func notFound(_ context: WebContext) -> Response {
        Pages.problem(context, account: account.label, status: .notFound, Text(context.language).t("web.error.notFound"))
    }
}
