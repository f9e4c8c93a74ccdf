import CTBulkCore

/// How to read a job file: the overrides a user may give on the command line.
public struct InputOptions: Sendable {
    public var path: String
    /// `--encoding` as typed (utf-8, cp1251, utf-16le).
    public var encoding: String?
    /// `--delimiter` as typed (`,` `;` `tab`).
    public var delimiter: String?
    /// `--max-cell-bytes`: the largest cell accepted (default ``JobReadOptions/defaultMaxCellBytes``).
    public var maxCellBytes: Int?
    /// `--map 'HEADER=FIELD'`, repeatable: the team's own headers (applied over the mapping file's).
    public var map: [String] = []
    /// `--mapping FILE` (or a job spec's `mapping`): a JSON object of headers to fields.
    public var mappingFile: String?
    /// `--strict-headers`: an unrecognised header is an error.
    public var strictHeaders = false
    /// `--skip-invalid` (plan, apply): go ahead with the valid rows of a file with errors; the others are listed in
    /// the reports with their errors.
    public var skipInvalid = false
    /// `--sheet NAME`: the worksheet of an .xlsx file (default the first).
    public var sheet: String?

    public init(path: String, encoding: String? = nil, delimiter: String? = nil, maxCellBytes: Int? = nil) {
        self.path = path; self.encoding = encoding; self.delimiter = delimiter; self.maxCellBytes = maxCellBytes
    }

    /// The overrides, or a usage message in the chosen language.
    func readOptions(_ language: Language) -> Result<JobReadOptions, UsageError> {
        var options = JobReadOptions()
        if let name = encoding {
            guard let value = TextEncoding(userName: name) else {
                return .failure(UsageError(language.text("usage.unknown_encoding", ["name": .text(name)])))
            }
            options.encoding = value
        }
        if let text = delimiter {
            guard let value = CSVDialect.parseDelimiter(text) else {
                return .failure(UsageError(language.text("usage.unknown_delimiter", ["text": .text(text)])))
            }
            options.delimiter = value
        }
        // The command line refuses a limit below 1; a caller in code gets the smallest sensible one.
        if let limit = maxCellBytes { options.maxCellBytes = max(1, limit) }
        do throws(ColumnMappingError) {
            if let mappingFile { options.columnMapping = try ColumnMapping.load(path: mappingFile) }
            options.columnMapping.merge(try ColumnMapping.parse(pairs: map)) { _, given in given }
        } catch {
            return .failure(UsageError(error.message.render(language)))
        }
        options.strictHeaders = strictHeaders
        options.sheet = sheet
        return .success(options)
    }
}

/// A command-line mistake (exit code 64).
public struct UsageError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Output format of a command.
public enum OutputFormat: String, Sendable, CaseIterable {
    case text, json
}

/// `ctbulk validate FILE`.
public struct ValidateOptions: Sendable {
    public var input: InputOptions
    public var reportPath: String?
    public var format: OutputFormat = .text
    /// Print every problem, not the first 50.
    public var all = false
    public var language: Language = .en
    /// `--inventory uis`: check every number against the UIS account.
    public var inventory: UISInventoryOptions?

    public init(input: InputOptions, reportPath: String? = nil, format: OutputFormat = .text, all: Bool = false,
                language: Language = .en) {
        self.input = input; self.reportPath = reportPath; self.format = format; self.all = all; self.language = language
    }
}
