/// Records of one `get.*` answer, or of every page of a walk, with the metadata of the last answer.
public struct UISPage<Record: Sendable>: Sendable {
    public var records: [Record]
    /// Each record exactly as the API sent it (same order as ``records``): fields the client does not model and
    /// `null` values included, for output that must not drop anything (`--format json`).
    public var rawRecords: [UISValue]
    public var metadata: UISMetadata

    /// A page of records; `rawRecords` empty when the JSON they came from is not at hand.
    public init(records: [Record], rawRecords: [UISValue] = [], metadata: UISMetadata) {
        self.records = records; self.rawRecords = rawRecords; self.metadata = metadata
    }

    /// `metadata.total_items`, when the API sent it.
    public var totalItems: Int? { metadata.totalItems }
}

extension UISPage: Equatable where Record: Equatable {}
