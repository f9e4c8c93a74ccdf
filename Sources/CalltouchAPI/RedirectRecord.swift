import CTBulkCore

/// One record of the `call-redirect/list` answer: a number and the redirect scenario it uses (shape assumed, see
/// `docs/calltouch-wire.md`).
public struct RedirectRecord: Sendable, Hashable, Codable {
    /// The scenario id.
    public var redirectId: Int
    /// The scenario name.
    public var redirectName: String?
    /// The scenario status (e.g. `active`).
    public var redirectStatus: String?
    /// The number redirected by it.
    public var phoneNumber: PhoneNumber
    /// The pool of the number.
    public var poolName: String?

    /// A record.
    public init(redirectId: Int, redirectName: String? = nil, redirectStatus: String? = nil,
                phoneNumber: PhoneNumber, poolName: String? = nil) {
        self.redirectId = redirectId
        self.redirectName = redirectName
        self.redirectStatus = redirectStatus
        self.phoneNumber = phoneNumber
        self.poolName = poolName
    }
}
