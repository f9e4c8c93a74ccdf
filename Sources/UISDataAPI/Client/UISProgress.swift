/// Where a walk over every page stands.
public struct UISProgress: Hashable, Sendable {
    public var pages: Int
    public var records: Int
    /// `metadata.total_items`, when known.
    public var totalItems: Int?

    /// A progress snapshot.
    public init(pages: Int, records: Int, totalItems: Int?) {
        self.pages = pages; self.records = records; self.totalItems = totalItems
    }
}
