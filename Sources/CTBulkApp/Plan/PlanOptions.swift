import CTBulkCore

/// `ctbulk plan FILE`.
public struct PlanOptions: Sendable {
    public var input: InputOptions
    public var api: APIOptions
    /// `--out PLAN.json`.
    public var outPath: String?
    /// `--report PATH`: the validation report when the file has errors.
    public var reportPath: String?
    public var format: OutputFormat = .text
    /// `--detailed-exitcode`: 0 no changes, 2 changes pending, 1 failure, 65 invalid input.
    public var detailedExitCode = false
    /// `--show-unchanged`: list no-op rows one by one too.
    public var showUnchanged = false
    public var language: Language = .en
    /// `--inventory uis`: check every number against the UIS account before planning.
    public var inventory: UISInventoryOptions?

    public init(input: InputOptions, api: APIOptions, outPath: String? = nil, reportPath: String? = nil,
                format: OutputFormat = .text, detailedExitCode: Bool = false, showUnchanged: Bool = false,
                language: Language = .en) {
        self.input = input; self.api = api; self.outPath = outPath; self.reportPath = reportPath; self.format = format
        self.detailedExitCode = detailedExitCode; self.showUnchanged = showUnchanged; self.language = language
    }
}
