import CTBulkCore
import Foundation

/// A job spec for scheduled runs (`jobs/*.json`): the input file, the target account (by environment variable
/// names, never the secret itself), the rate, report and metrics paths, and the mode, so a cron line is
/// `ctbulk run jobs/nightly-reconcile.json`. Relative paths are relative to the spec file's folder.
public struct JobSpec: Sendable, Decodable, Equatable {
    public enum Mode: String, Sendable, Decodable { case plan, apply, reconcile }

    public struct Account: Sendable, Decodable, Equatable {
        public var baseURL: String?
        /// The name of the variable that holds the access token (default `CALLTOUCH_ACCESS_TOKEN`).
        public var tokenEnv: String?
        /// The name of the variable that holds the SiteId (default `CALLTOUCH_SITE_ID`).
        public var siteIdEnv: String?
        /// A token file (chmod 600) instead of a variable.
        public var tokenFile: String?
        /// The SiteId itself (not a secret).
        public var siteId: String?
        /// Use the built-in sandbox (demos and tests).
        public var sandbox: Bool?
    }

    public var mode: Mode
    public var input: String
    /// The sheet of an .xlsx input (default the first).
    public var sheet: String?
    public var account: Account
    public var rate: Int?
    /// reconcile: fix the drift.
    public var apply: Bool?
    public var report: String?
    public var metricsFile: String?
    public var journal: String?
    public var reportDir: String?
    public var name: String?
    /// The language of the run's messages and reports: `ru` or `en` (`lang` is the older spelling). Without it,
    /// `--lang`, then the locale (LC_ALL, LC_MESSAGES, LANG).
    public var language: String?
    public var lang: String?
    public var maxRequests: Int?
    /// The largest cell accepted, in bytes (as `--max-cell-bytes`).
    public var maxCellBytes: Int?
    /// A mapping file of the team's own headers (`{"Резерв": "reserveNumber"}`), so a template is mapped once.
    public var mapping: String?
    /// Unrecognised headers are errors.
    public var strictHeaders: Bool?

    /// Keys that would put a secret into the spec: refused.
    static let secretKeys: Set<String> = ["token", "accessToken", "access_token", "password", "secret"]

    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// What is wrong with the spec, for people.
        public var text: Message
        public var description: String { text.render(.en) }
    }

    /// Reads and checks a spec; relative paths are resolved against the spec's folder.
    public static func load(path: String) throws(Failure) -> JobSpec {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(text: Message("run.spec_unreadable", ["path": .text(path)]))
        }
        if let raw = try? JSONDecoder().decode(JSONValue.self, from: data), case .object(let object) = raw {
            var keys = Set(object.keys)
            if case .object(let account)? = object["account"] { keys.formUnion(account.keys) }
            if let secret = keys.first(where: { secretKeys.contains($0) }) {
                throw Failure(text: Message("run.spec_secret", ["path": .text(path), "key": .text(secret)]))
            }
        }
        var spec: JobSpec
        do { spec = try JSONDecoder().decode(JobSpec.self, from: data) } catch {
            throw Failure(text: Message("run.spec_invalid", ["path": .text(path), "reason": .text(String(describing: error))]))
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        func resolve(_ value: String?) -> String? {
            guard let value, !value.hasPrefix("/") else { return value }
            return folder.appendingPathComponent(value).standardizedFileURL.path
        }
        spec.input = resolve(spec.input) ?? spec.input
        spec.report = resolve(spec.report)
        spec.metricsFile = resolve(spec.metricsFile)
        spec.journal = resolve(spec.journal)
        spec.reportDir = resolve(spec.reportDir)
        spec.mapping = resolve(spec.mapping)
        spec.account.tokenFile = resolve(spec.account.tokenFile)
        if spec.name == nil { spec.name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent }
        return spec
    }

    /// The API options the spec names, with the token and SiteId taken from the variables it names.
    func apiOptions(environment: [String: String]) -> APIOptions {
        var env: [String: String] = [:]
        if let value = environment[account.tokenEnv ?? "CALLTOUCH_ACCESS_TOKEN"] { env["CALLTOUCH_ACCESS_TOKEN"] = value }
        if let value = environment[account.siteIdEnv ?? "CALLTOUCH_SITE_ID"] { env["CALLTOUCH_SITE_ID"] = value }
        return APIOptions(baseURL: account.baseURL, siteID: account.siteId, tokenFile: account.tokenFile,
                          sandbox: account.sandbox ?? false, rate: rate ?? 5, environment: env)
    }
}

/// `ctbulk run SPEC`: runs a job spec in its mode.
public enum RunCommand {
    public static func run(specPath: String, yes: Bool, quiet: Bool, console: any Console,
                           environment: [String: String] = ProcessInfo.processInfo.environment,
                           trapsSignals: Bool = false, language explicit: Language? = nil) async -> Int32 {
        let spec: JobSpec
        do { spec = try JobSpec.load(path: specPath) } catch {
            console.err(error.text.render(Language.resolve(explicit: explicit, environment: environment)))
            return ExitStatus.usage.rawValue
        }
        let fromSpec = (spec.language ?? spec.lang).flatMap { Language(localeIdentifier: $0) }
        let language = Language.resolve(explicit: explicit ?? fromSpec, environment: environment)
        let api = spec.apiOptions(environment: environment)
        var input = InputOptions(path: spec.input, maxCellBytes: spec.maxCellBytes)
        input.mappingFile = spec.mapping
        input.strictHeaders = spec.strictHeaders ?? false
        input.sheet = spec.sheet
        let journal = spec.journal ?? ".ctbulk/journal.sqlite"
        switch spec.mode {
        case .plan:
            var options = PlanOptions(input: input, api: api, reportPath: spec.report, detailedExitCode: true, language: language)
            options.outPath = nil
            return await PlanCommand.run(options, console: console)
        case .apply:
            var options = ApplyOptions(input: input, api: api)
            options.journalPath = journal
            options.yes = yes
            options.quiet = quiet
            options.maxRequests = spec.maxRequests
            options.reportDirectory = spec.reportDir
            options.language = language
            options.trapsSignals = trapsSignals
            return await ApplyCommand.run(options, console: console)
        case .reconcile:
            var options = ReconcileCommand.Options(input: input, api: api)
            options.reportPath = spec.report
            options.apply = spec.apply ?? false
            options.metricsFile = spec.metricsFile
            options.jobName = spec.name
            options.journalPath = journal
            options.reportDirectory = spec.reportDir
            options.quiet = quiet
            options.language = language
            options.trapsSignals = trapsSignals
            options.yes = yes
            return await ReconcileCommand.run(options, console: console)
        }
    }
}
