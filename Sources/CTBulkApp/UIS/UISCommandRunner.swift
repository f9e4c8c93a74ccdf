import CTBulkCore
import CTBulkSandbox
import Foundation
import Logging
import UISDataAPI

/// What `ctbulk uis <method>` does: builds the query from the options, reads one page (or every page with `--all`)
/// from the UIS Data API (or the built-in sandbox), and prints the records as a table, CSV or JSON.
///
/// Exit codes: 0 success; 64 usage (a bad `--filter`, `--sort`, `--fields`, `--limit`/`--offset`, `--uis-host`, or a
/// request the API rejected as invalid, or a result too deep for paging); 77 authentication (key, session, login,
/// IP whitelist, rights, account, token file); 75 the point limit is spent and resets later than the client waits;
/// 1 the API failed or could not be reached.
public struct UISCommandRunner {
    /// Runs one list command and returns its exit code. Records go to standard output, everything else to standard
    /// error.
    public static func run(method: UISListMethod, options: UISCommandOptions, output: any Console) async -> Int32 {
        switch method {
        case .virtualNumbers: return await run(VirtualNumber.self, options: options, output: output)
        case .availableNumbers: return await run(AvailableVirtualNumber.self, options: options, output: output)
        case .campaignNumbers: return await run(CampaignPhoneNumber.self, options: options, output: output)
        case .sourceGroups: return await run(SourceGroup.self, options: options, output: output)
        }
    }

    static func run<Record: UISTabular>(_ type: Record.Type, options: UISCommandOptions,
                                        output: any Console) async -> Int32 {
        let language = options.language
        do {
            let query = try makeQuery(Record.self, options: options)
            let page: UISPage<Record>
            if options.sandbox {
                var configuration = SandboxConfiguration.demo
                configuration.port = 0
                configuration.clock = options.clock
                page = try await Sandbox.withSandbox(configuration) { running in
                    output.err(language.text("uis.sandbox", ["url": .text(running.uisURL.absoluteString)]))
                    let client = UISClient(
                        configuration: UISClientConfiguration(endpoint: try UISEndpoint(running.uisURL.absoluteString),
                                                              credentials: .accessToken(configuration.uis.token),
                                                              userID: options.userID),
                        transport: AsyncHTTPClientTransport(),
                        gate: UISRequestGate.make(endpoint: try UISEndpoint(running.uisURL.absoluteString), sandbox: true,
                                                  stateDirectory: nil, environment: options.environment, clock: options.clock),
                        clock: options.clock)
                    return try await fetch(Record.self, query: query, client: client, options: options, output: output)
                }
            } else {
                let endpoint = try options.host.map { try UISEndpoint($0) } ?? .uis
                let credentials = try UISCredentials.resolve(environment: options.environment,
                                                             tokenFile: options.tokenFile, login: options.login)
                let client = UISClient(
                    configuration: UISClientConfiguration(endpoint: endpoint, credentials: credentials,
                                                          userID: options.userID),
                    transport: AsyncHTTPClientTransport(),
                    gate: UISRequestGate.make(endpoint: endpoint, sandbox: false, stateDirectory: options.stateDirectory,
                                              environment: options.environment, clock: options.clock),
                    clock: options.clock)
                do {
                    page = try await fetch(Record.self, query: query, client: client, options: options, output: output)
                } catch {
                    if options.login != nil { try? await client.logout() }
                    throw error
                }
                if options.login != nil { try? await client.logout() }
            }
            try write(page, fields: query.fields ?? Record.defaultFields, options: options, output: output)
            return ExitStatus.ok.rawValue
        } catch let error as UISFilterExpressionError {
            output.err(error.rendered(language))
            return ExitStatus.usage.rawValue
        } catch let error as UISCommandUsageError {
            output.err(error.message(language))
            return ExitStatus.usage.rawValue
        } catch let error as UISError {
            output.err(error.rendered(language))
            return exitCode(for: error)
        } catch {
            output.err(language.text("uis.error_prefix", ["error": .text(String(describing: error))]))
            return ExitStatus.failure.rawValue
        }
    }

    /// The exit code for a client error (see the type's documentation).
    public static func exitCode(for error: UISError) -> Int32 {
        switch error.kind {
        case .insecureEndpoint, .invalidEndpoint: return ExitStatus.usage.rawValue
        case .credentialsMissing, .tokenFileInsecure, .tokenFileUnreadable: return ExitStatus.noPermission.rawValue
        default: break
        }
        switch error.category {
        case .authentication: return ExitStatus.noPermission.rawValue
        case .request: return ExitStatus.usage.rawValue
        case .limit: return ExitStatus.tempFail.rawValue
        case .service, .local: return ExitStatus.failure.rawValue
        }
    }

    /// The query the options describe.
    /// - Throws: ``UISFilterExpressionError`` or ``UISCommandUsageError``.
    static func makeQuery<Record: UISRecord>(_ type: Record.Type, options: UISCommandOptions) throws -> UISQuery {
        if options.all && options.limit != nil { throw UISCommandUsageError.limitWithAll }
        let filter = try UISFilterExpression.parse(options.filters, any: options.any, fieldTypes: Record.fieldTypes)
        let sort = try options.sort.map { text -> UISSort in
            let parts = text.split(separator: ":", omittingEmptySubsequences: false).map {
                String($0).trimmingCharacters(in: .whitespaces)
            }
            guard let field = parts.first, !field.isEmpty, parts.count <= 2 else { throw UISCommandUsageError.sort(text) }
            switch parts.count == 2 ? parts[1].lowercased() : "asc" {
            case "asc": return UISSort(field, .asc)
            case "desc": return UISSort(field, .desc)
            default: throw UISCommandUsageError.sort(text)
            }
        }
        let fields = options.fields.flatMap { $0.split(separator: ",") }
            .map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var seen = Set<String>()
        let uniqueFields = fields.filter { seen.insert($0).inserted }
        let query = UISQuery(filter: filter, sort: sort, fields: uniqueFields.isEmpty ? nil : uniqueFields,
                             limit: options.limit, offset: options.offset)
        try query.validate()
        return query
    }

    static func fetch<Record: UISTabular>(_ type: Record.Type, query: UISQuery, client: UISClient,
                                          options: UISCommandOptions, output: any Console) async throws
        -> UISPage<Record>
    {
        let language = options.language
        defer {
            if let version = client.deprecatedVersion { output.err(version.deprecationWarning.render(language)) }
        }
        guard options.all else {
            let page = try await client.page(Record.self, query: query)
            let total: Message.Argument = page.totalItems.map { .count($0) } ?? "?"
            output.err(language.text("uis.page", ["method": .text(Record.methodName), "shown": .count(page.records.count),
                                                  "total": total]))
            return page
        }
        let progress = output.isInteractive ? ProgressLine(console: output) : nil
        let page = try await client.all(Record.self, query: query) { snapshot in
            progress?.update(language.text("uis.loading", ["method": .text(Record.methodName), "done": .text(String(snapshot.records)),
                                                           "total": .text(snapshot.totalItems.map(String.init) ?? "?")]))
        }
        progress?.finish()
        output.err(language.text("uis.records", ["method": .text(Record.methodName), "n": .count(page.records.count)]))
        return page
    }

    static func write<Record: UISTabular>(_ page: UISPage<Record>, fields: [String], options: UISCommandOptions,
                                          output: any Console) throws {
        switch options.format {
        case .json:
            // The records as the API sent them: fields ctbulk does not model and null values are kept.
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let json = try page.rawRecords.count == page.records.count
                ? encoder.encode(page.rawRecords) : encoder.encode(page.records)
            output.out(String(decoding: json, as: UTF8.self))
        case .csv:
            let rows = page.records.map { record in fields.map { record.cell($0) } }
            var document = UISCSVWriter.document(header: fields, rows: rows)
            if document.hasSuffix("\r\n") { document.removeLast() }  // Console.out adds the final line end
            output.out(document)
        case .table:
            let rows = page.records.map { record in fields.map { record.cell($0).text } }
            let lines = UISTableRenderer.render(header: fields, rows: rows, width: tableWidth(options))
            output.out(lines.joined(separator: "\n"))
        }
    }

    /// `--width`, else `COLUMNS`, else the terminal's width, else 120.
    static func tableWidth(_ options: UISCommandOptions) -> Int {
        if let width = options.width { return max(width, 20) }
        if let columns = options.environment["COLUMNS"].flatMap(Int.init), columns > 0 { return max(columns, 20) }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return max(Int(size.ws_col), 20) }
        return 120
    }
}
