/// The body of `call-redirect/list`, as documented; filters that are not set are left out.
struct WireRedirectListRequest: Encodable, Equatable {
    struct RedirectOptions: Encodable, Equatable {
        var redirectIds: [Int]?
        var redirectName: NameFilter?
        var redirectStatus: String?
    }

    struct NameFilter: Encodable, Equatable {
        var value: String
        var filterMode: String?
    }

    struct PoolOptions: Encodable, Equatable {
        var poolName: Value
    }

    struct Value: Encodable, Equatable {
        var value: String
    }

    var redirectOptions: RedirectOptions?
    var poolOptions: PoolOptions?
    var phoneNumbers: [String]?

    /// The body for `filter`, with `redirectIds` replaced by one chunk of them (nil: none).
    init(_ filter: RedirectFilter, redirectIds: [Int]?) {
        let ids = (redirectIds?.isEmpty ?? true) ? nil : redirectIds
        let name = filter.redirectName.map { NameFilter(value: $0.value, filterMode: $0.filterMode) }
        if ids != nil || name != nil || filter.redirectStatus != nil {
            redirectOptions = RedirectOptions(redirectIds: ids, redirectName: name, redirectStatus: filter.redirectStatus)
        }
        poolOptions = filter.poolName.map { PoolOptions(poolName: Value(value: $0)) }
        phoneNumbers = filter.phoneNumbers.isEmpty ? nil : filter.phoneNumbers.map(\.digits)
    }
}
