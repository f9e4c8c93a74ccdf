/// Records of one `get.*` answer, or of every page of a walk, with the metadata of the last answer.
public struct UISPage<Record: Sendable>: Sendable {
    public var records: [Record]
    public var metadata: UISMetadata

    /// A page of records.
    public init(records: [Record], metadata: UISMetadata) {
        self.records = records; self.metadata = metadata
    }

    /// `metadata.total_items`, when the API sent it.
    public var totalItems: Int? { metadata.totalItems }
}

extension UISPage: Equatable where Record: Equatable {}
