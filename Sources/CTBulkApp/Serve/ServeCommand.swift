import CTBulkCore
import CTBulkEngine
import CTBulkWeb
import CalltouchAPI
import Foundation
import Logging

/// `ctbulk serve`: the whole job in a web page. Builds the account as every command does (token by environment
/// variable or owner-only file, or `--sandbox`), then serves ``WebApp`` until Ctrl-C or SIGTERM.
public enum ServeCommand {
    public struct Options: Sendable {
        public var api: APIOptions
        public var host = "127.0.0.1"
        public var port = ServeCommand.defaultPort
        /// `--password-file`: the access secret for a server beyond loopback (owner-only file).
        public var passwordFile: String?
        /// `--data-dir`: uploads, mapping, journal and reports (default `<state>/web`).
        public var dataDirectory: String?
        public var maxUploadBytes = WebSettings.defaultMaxUploadBytes
        public var language: Language

        public init(api: APIOptions, language: Language) {
            self.api = api
            self.language = language
        }
    }

    /// The port `ctbulk serve` listens on unless told otherwise.
    public static let defaultPort = 8417

    /// Whether `host` is a loopback address (no access secret needed there).
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    public static func run(_ options: Options, console: any Console) async -> Int32 {
        let language = options.language
        // Beyond loopback every request must carry the access secret: from a file, or generated and printed now.
        var secret: String?
        if let file = options.passwordFile {
            switch readSecret(file) {
            case .success(let value): secret = value
            case .failure(let message):
                console.err(message.render(language))
                return ExitStatus.noInput.rawValue
            }
        } else if !isLoopback(options.host) {
            let generated = (0..<24).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
            secret = generated
            console.out(Message("web.serve.generatedSecret", ["secret": .text(generated)]).render(language))
        }
        let state = options.api.resolvedStateDirectory
        let settings = WebSettings(dataDirectory: options.dataDirectory ?? WebSettings.dataDirectory(state: state),
                                   stateDirectory: state, maxUploadBytes: options.maxUploadBytes, accessSecret: secret)
        do {
            return try await APISession.with(options.api, console: console, language: language) { session in
                let limiter = session.limiter
                let base = session.client
                let account = WebAccount(label: session.accountLabel, rate: session.rate,
                                         makeService: { stop in base.withGate(StoppableGate(limiter, signal: stop)) },
                                         sharedWith: { limiter.sharedWith })
                let app = try WebApp(account: account, settings: settings)
                var logger = Logger(label: "ctbulk.serve")
                logger.logLevel = .warning
                let host = options.host
                try await app.serve(host: host, port: options.port, logger: logger) { port in
                    let shown = host.contains(":") ? "[\(host)]" : host
                    console.out(Message("web.serve.listening", ["url": .text("http://\(shown):\(port)/"),
                                                                 "account": AccountIdentity.display(label: session.accountLabel),
                                                                 "data": .text(settings.dataDirectory)]).render(language))
                }
                return ExitStatus.ok.rawValue
            }
        } catch {
            console.err(APIErrorRendering.message(for: error, language: language))
            return APIErrorRendering.exitCode(for: error).rawValue
        }
    }

    /// The access secret from an owner-only file (first line).
    static func readSecret(_ path: String) -> Result<String, ServeFailure> {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let data = FileManager.default.contents(atPath: path) else {
            return .failure(ServeFailure(Message("web.serve.passwordMissing", ["path": .text(path)])))
        }
        if let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0 {
            return .failure(ServeFailure(Message("web.serve.passwordOpen", ["path": .text(path)])))
        }
        let secret = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        guard secret.count >= 8 else { return .failure(ServeFailure(Message("web.serve.passwordShort", ["path": .text(path)]))) }
        return .success(secret)
    }

    struct ServeFailure: Error {
        var message: Message
        init(_ message: Message) { self.message = message }
        func render(_ language: Language) -> String { message.render(language) }
    }
}
