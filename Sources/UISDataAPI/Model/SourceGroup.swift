/// A group of traffic sources, as `get.sources_groups` returns it. Every field is optional (the documentation's own
/// sample leaves `state` out).
public struct SourceGroup: UISRecord {
    public static let methodName = "get.sources_groups"
    public static let documentedFields = [
        "id", "name", "channel_id", "channel_name", "channel_mnemonic", "is_custom", "state",
    ]
    /// Documented `state` values.
    public static let states: [UISEnumValue] = ["active", "off", "removed"]

    public var id: Int?
    public var name: String?
    public var channelID: Int?
    public var channelName: String?
    public var channelMnemonic: String?
    /// Whether a user of the client made the group.
    public var isCustom: Bool?
    public var state: UISEnumValue?

    /// A record with the given fields.
    public init(id: Int? = nil, name: String? = nil, channelID: Int? = nil, channelName: String? = nil,
                channelMnemonic: String? = nil, isCustom: Bool? = nil, state: UISEnumValue? = nil) {
        self.id = id; self.name = name; self.channelID = channelID; self.channelName = channelName
        self.channelMnemonic = channelMnemonic; self.isCustom = isCustom; self.state = state
    }

    enum CodingKeys: String, CodingKey {
        case id, name, channelID = "channel_id", channelName = "channel_name", channelMnemonic = "channel_mnemonic"
        case isCustom = "is_custom", state
    }

    public var deduplicationKey: String? { id.map(String.init) }

    public static let fieldTypes: [String: UISFieldType] = [
        "id": .number, "name": .string, "channel_id": .number, "channel_name": .string, "channel_mnemonic": .string,
        "is_custom": .boolean, "state": .string,
    ]
}
