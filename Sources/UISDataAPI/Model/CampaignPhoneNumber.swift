/// A number that may be put into a campaign's `site_blocks[].phone_number_id`, as
/// `get.campaign_available_phone_numbers` returns it. Every field is optional.
public struct CampaignPhoneNumber: UISRecord {
    public static let methodName = "get.campaign_available_phone_numbers"
    public static let documentedFields = ["id", "prefix", "phone_number", "type"]
    /// Documented `type` values.
    public static let types: [UISEnumValue] = ["va", "call_tracking", "user"]

    /// The value for `phone_number_id` in `create.campaigns` / `update.campaigns`.
    public var id: Int?
    public var prefix: String?
    public var phoneNumber: String?
    public var type: UISEnumValue?

    /// A record with the given fields.
    public init(id: Int? = nil, prefix: String? = nil, phoneNumber: String? = nil, type: UISEnumValue? = nil) {
        self.id = id; self.prefix = prefix; self.phoneNumber = phoneNumber; self.type = type
    }

    enum CodingKeys: String, CodingKey {
        case id, prefix, phoneNumber = "phone_number", type
    }

    public var deduplicationKey: String? { id.map(String.init) }

    public static let fieldTypes: [String: UISFieldType] = [
        "id": .number, "prefix": .string, "phone_number": .string, "type": .string,
    ]
}
