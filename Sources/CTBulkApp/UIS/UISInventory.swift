import CTBulkCore
import CTBulkSandbox
import Foundation
import UISDataAPI

/// `--inventory uis` for validate and plan: every static number of the job is looked up in the UIS account
/// (`get.virtual_numbers`, batched with the `in` operator). Not connected or not active is an error for its row; a
/// number already used by UIS campaigns or scenarios is a warning naming them.
public struct UISInventoryOptions: Sendable {
    /// `--uis-host`: `uis`, `comagic`, a host name or a full URL.
    public var host: String?
    public var tokenFile: String?
    public var userID: Int?
    public var login: String?
    /// `--uis-sandbox`: use the built-in sandbox's UIS API.
    public var sandbox = false
    public var environment: [String: String]
    /// The machine-wide state folder whose shared rate limit every UIS request passes (the command's `--state-dir`).
    public var stateDirectory: String?

    public init(host: String? = nil, tokenFile: String? = nil, userID: Int? = nil, login: String? = nil, sandbox: Bool = false,
                environment: [String: String] = ProcessInfo.processInfo.environment, stateDirectory: String? = nil) {
        self.host = host; self.tokenFile = tokenFile; self.userID = userID; self.login = login; self.sandbox = sandbox
        self.environment = environment; self.stateDirectory = stateDirectory
    }
}

enum UISInventory {
    enum Failure: Error {
        case uis(UISError)
        case other(String)
    }

    /// The inventory problems of `rows`, or the exit code and message when UIS cannot be read.
    static func problems(rows: [JobRow], options: UISInventoryOptions, language: Language, console: any Console) async
        -> Result<[Problem], Failure>
    {
        do {
            if options.sandbox {
                var configuration = SandboxConfiguration.demo
                configuration.port = 0
                let found = try await Sandbox.withSandbox(configuration) { running in
                    let endpoint = try UISEndpoint(running.uisURL.absoluteString)
                    let client = UISClient(
                        configuration: UISClientConfiguration(endpoint: endpoint,
                                                              credentials: .accessToken(configuration.uis.token)),
                        transport: AsyncHTTPClientTransport(),
                        gate: UISRequestGate.make(endpoint: endpoint, sandbox: true, stateDirectory: nil,
                                                  environment: options.environment, clock: .system))
                    return try await inventoryProblems(rows: rows, client: client)
                }
                return .success(found)
            }
            let endpoint = try options.host.map { try UISEndpoint($0) } ?? .uis
            let credentials = try UISCredentials.resolve(environment: options.environment, tokenFile: options.tokenFile,
                                                         login: options.login)
            let client = UISClient(configuration: UISClientConfiguration(endpoint: endpoint, credentials: credentials,
                                                                         userID: options.userID),
                                   transport: AsyncHTTPClientTransport(),
                                   gate: UISRequestGate.make(endpoint: endpoint, sandbox: false,
                                                             stateDirectory: options.stateDirectory,
                                                             environment: options.environment, clock: .system))
            let found = try await inventoryProblems(rows: rows, client: client)
            if options.login != nil { try? await client.logout() }
            return .success(found)
        } catch let error as UISError {
            return .failure(.uis(error))
        } catch {
            return .failure(.other(String(describing: error)))
        }
    }

    /// Adds the inventory problems of the checked rows (``ValidationResult/rows``: rows without errors) to a
    /// validation result: each row is counted once in the summary by its worst problem, rows that now have errors
    /// leave the plan, and the listing stays within the result's problem limit (inventory problems beyond the last
    /// listed row are counted, not listed, like every other problem past the limit).
    static func merge(_ problems: [Problem], into result: inout ValidationResult, column: String) {
        let checked = Set(result.rows.map(\.row))
        // The listing keeps at most `problemLimit` row problems of each severity, the first ones by row: where a
        // severity's listing was cut, inventory problems past its last listed row are counted, not listed.
        let rowProblems = result.problems.filter { $0.row != nil }
        var lastListed: [Severity: Int] = [:]
        var truncated: Set<Severity> = []
        for severity in Severity.allCases {
            let listed = rowProblems.filter { $0.severity == severity }
            lastListed[severity] = listed.compactMap(\.row).max() ?? 0
            if let limit = result.problemLimit, listed.count >= limit,
               result.severityCounts[severity, default: 0] > listed.count { truncated.insert(severity) }
        }
        var worst: [Int: Severity] = [:]
        for var problem in problems {
            guard let row = problem.row, checked.contains(row) else { continue }
            problem.column = problem.column ?? column
            result.problemCount += 1
            result.severityCounts[problem.severity, default: 0] += 1
            result.codeCounts[problem.code, default: 0] += 1
            if !truncated.contains(problem.severity) || row <= lastListed[problem.severity, default: 0] {
                result.problems.append(problem)
            }
            if problem.severity != .note { worst[row] = max(worst[row] ?? problem.severity, problem.severity) }
        }
        for (row, severity) in worst {
            let hadWarnings = result.rowsWithWarnings.contains(row)
            switch severity {
            case .error:
                if hadWarnings { result.summary.withWarnings -= 1 } else { result.summary.ok -= 1 }
                result.summary.withErrors += 1
                result.rowsWithWarnings.remove(row)
            case .warning where !hadWarnings:
                result.summary.ok -= 1
                result.summary.withWarnings += 1
                result.rowsWithWarnings.insert(row)
            default:
                break
            }
        }
        let failed = Set(worst.filter { $0.value == .error }.keys)
        result.rows.removeAll { failed.contains($0.row) }
        result.problems.sort(by: Problem.listedBefore)
        if let limit = result.problemLimit {
            var listed: [Severity: Int] = [:]
            result.problems = result.problems.filter { problem in
                guard problem.row != nil else { return true }
                listed[problem.severity, default: 0] += 1
                return listed[problem.severity, default: 0] <= limit
            }
        }
    }

    static func message(_ failure: Failure, language: Language) -> (Int32, String) {
        switch failure {
        case .uis(let error): return (UISCommandRunner.exitCode(for: error), error.rendered(language))
        case .other(let text): return (ExitStatus.failure.rawValue, text)
        }
    }
}
