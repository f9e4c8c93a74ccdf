/// `result.data` of `login.user`: a session key that lives one hour.
public struct UISLoginSession: Hashable, Sendable, Decodable {
    /// The session key (never printed).
    public var accessToken: String
    /// When the key stops being valid, as the server's timestamp. The docs' table says `expire_at`, their sample
    /// `expire`; both are read.
    public var expireAt: Double?
    public var appID: Int?

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token", expireAt = "expire_at", expire, appID = "app_id"
    }

    /// Decodes the documented and the sample spelling of the expiry.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        accessToken = try c.decode(String.self, forKey: .accessToken)
        expireAt = c.lenientDouble(.expireAt) ?? c.lenientDouble(.expire)
        appID = c.lenientInt(.appID)
    }
}
