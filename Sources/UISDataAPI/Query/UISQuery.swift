/// What a `get.*` call asks for: filter, sort, returned fields and the page.
public struct UISQuery: Hashable, Sendable {
    /// The API's default page size.
    public static let defaultLimit = 1000
    /// The largest page the API serves.
    public static let maximumLimit = 10_000
    /// The deepest offset the API accepts.
    public static let maximumOffset = 100_000

    public var filter: UISFilter?
    public var sort: [UISSort]
    /// Field names to return; nil returns the method's default fields.
    public var fields: [String]?
    /// Page size, 1...10,000; nil leaves the API's default (1000).
    public var limit: Int?
    /// First record, 0...100,000; nil is 0.
    public var offset: Int?

    /// A query; every part is optional.
    public init(filter: UISFilter? = nil, sort: [UISSort] = [], fields: [String]? = nil, limit: Int? = nil,
                offset: Int? = nil) {
        self.filter = filter; self.sort = sort; self.fields = fields; self.limit = limit; self.offset = offset
    }

    /// Checks limit and offset against the documented ranges before anything is sent.
    /// - Throws: ``UISError`` of kind ``UISError/Kind/invalidArgument``.
    public func validate() throws {
        if let limit, !(1...Self.maximumLimit).contains(limit) {
            throw UISError(.invalidArgument, field: "limit", value: String(limit),
                           details: ["range": "1...\(Self.maximumLimit)"])
        }
        if let offset, !(0...Self.maximumOffset).contains(offset) {
            throw UISError(.invalidArgument, field: "offset", value: String(offset),
                           details: ["range": "0...\(Self.maximumOffset)"])
        }
    }

    /// The query's part of `params` (without credentials).
    public var wireParams: [String: UISValue] {
        var params: [String: UISValue] = [:]
        if let filter { params["filter"] = filter.wireValue }
        if !sort.isEmpty { params["sort"] = .array(sort.map(\.wireValue)) }
        if let fields, !fields.isEmpty { params["fields"] = .array(fields.map { .string($0) }) }
        if let limit { params["limit"] = .int(limit) }
        if let offset { params["offset"] = .int(offset) }
        return params
    }
}
