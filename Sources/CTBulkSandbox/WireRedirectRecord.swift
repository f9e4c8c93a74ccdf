/// One record of the `call-redirect/list` answer:
/// `{"redirectId", "redirectName", "redirectStatus", "phoneNumber", "poolName"}` (poolName may be null).
struct WireRedirectRecord: Encodable, Equatable, Sendable {
    var redirectId: Int
    var redirectName: String
    var redirectStatus: String
    var phoneNumber: String
    var poolName: String?

    private enum CodingKeys: String, CodingKey {
        case redirectId, redirectName, redirectStatus, phoneNumber, poolName
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(redirectId, forKey: .redirectId)
        try container.encode(redirectName, forKey: .redirectName)
        try container.encode(redirectStatus, forKey: .redirectStatus)
        try container.encode(phoneNumber, forKey: .phoneNumber)
        try container.encode(poolName, forKey: .poolName)
    }
}
