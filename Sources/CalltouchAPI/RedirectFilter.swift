import CTBulkCore

/// The filters of `call-redirect/list` (documented request). Filters left at their defaults are not sent; an empty
/// filter asks for every number with a redirect scenario.
public struct RedirectFilter: Sendable, Hashable {
    /// Only numbers redirected by these scenario ids. The API takes at most 50 per request
    /// (``CalltouchConfiguration/maxRedirectIdsPerRequest``); the client splits longer lists into several requests.
    public var redirectIds: [Int]
    /// Only scenarios whose name matches.
    public var redirectName: RedirectNameFilter?
    /// Only scenarios in this status (the documented example is `active`; other values are not published).
    public var redirectStatus: String?
    /// Only numbers in the pool of this name (`poolOptions.poolName.value`).
    public var poolName: String?
    /// Only these numbers.
    public var phoneNumbers: [PhoneNumber]

    /// A filter; every argument is optional.
    public init(redirectIds: [Int] = [], redirectName: RedirectNameFilter? = nil, redirectStatus: String? = nil,
                poolName: String? = nil, phoneNumbers: [PhoneNumber] = []) {
        self.redirectIds = redirectIds
        self.redirectName = redirectName
        self.redirectStatus = redirectStatus
        self.poolName = poolName
        self.phoneNumbers = phoneNumbers
    }
}
