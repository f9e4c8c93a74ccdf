/// A connected virtual number, as `get.virtual_numbers` returns it. Every field is optional: `fields` may leave any
/// of them out.
public struct VirtualNumber: UISRecord {
    /// An advertising campaign that uses the number.
    public struct Campaign: Hashable, Sendable, Codable {
        public var campaignID: Int?
        public var campaignName: String?
        public var siteID: Int?
        /// The site's address without the protocol.
        public var siteDomainName: String?
        public var siteBlocks: [SiteBlock]?

        /// A campaign entry.
        public init(campaignID: Int? = nil, campaignName: String? = nil, siteID: Int? = nil,
                    siteDomainName: String? = nil, siteBlocks: [SiteBlock]? = nil) {
            self.campaignID = campaignID; self.campaignName = campaignName; self.siteID = siteID
            self.siteDomainName = siteDomainName; self.siteBlocks = siteBlocks
        }

        enum CodingKeys: String, CodingKey {
            case campaignID = "campaign_id", campaignName = "campaign_name", siteID = "site_id"
            case siteDomainName = "site_domain_name", siteBlocks = "site_blocks"
        }
    }

    /// A block of site numbers in a campaign that uses the number.
    public struct SiteBlock: Hashable, Sendable, Codable {
        public var siteBlockID: Int?
        public var siteBlockName: String?
        public var isTracking: Bool?

        /// A site block entry.
        public init(siteBlockID: Int? = nil, siteBlockName: String? = nil, isTracking: Bool? = nil) {
            self.siteBlockID = siteBlockID; self.siteBlockName = siteBlockName; self.isTracking = isTracking
        }

        enum CodingKeys: String, CodingKey {
            case siteBlockID = "site_block_id", siteBlockName = "site_block_name", isTracking = "is_tracking"
        }
    }

    /// A scenario connected to the number, with its call-processing rule (added 2025-04-11).
    public struct Scenario: Hashable, Sendable, Codable {
        public var scenarioID: Int?
        public var scenarioName: String?
        public var callProcessingRuleID: Int?
        public var isActive: Bool?

        /// A scenario entry.
        public init(scenarioID: Int? = nil, scenarioName: String? = nil, callProcessingRuleID: Int? = nil,
                    isActive: Bool? = nil) {
            self.scenarioID = scenarioID; self.scenarioName = scenarioName
            self.callProcessingRuleID = callProcessingRuleID; self.isActive = isActive
        }

        enum CodingKeys: String, CodingKey {
            case scenarioID = "scenario_id", scenarioName = "scenario_name"
            case callProcessingRuleID = "call_processing_rule_id", isActive = "is_active"
        }
    }

    public static let methodName = "get.virtual_numbers"
    public static let documentedFields = [
        "id", "virtual_phone_number", "redirection_phone_number", "activation_date", "status", "category", "type",
        "child_customer_id", "comment", "name", "campaigns", "site_blocks", "scenarios",
    ]
    /// Shown when no fields are asked for: every documented field but `site_blocks`, whose blocks the `campaigns`
    /// column already lists.
    public static let defaultFields = documentedFields.filter { $0 != "site_blocks" }
    /// Documented `status` values.
    public static let statuses: [UISEnumValue] = [
        "active", "waiting", "cleaning", "prereserved", "reserved", "manual_lock", "limit_lock",
    ]
    /// Documented `category` values.
    public static let categories: [UISEnumValue] = ["usual", "bronze", "silver", "gold", "platinum"]
    /// Documented `type` values.
    public static let types: [UISEnumValue] = ["va", "call_tracking", "dynamic_call_tracking"]

    public var id: Int?
    public var virtualPhoneNumber: String?
    /// Used mostly for 800 numbers.
    public var redirectionPhoneNumber: String?
    /// `YYYY-MM-DD hh:mm:ss`, in the account's time zone (not stated by the docs).
    public var activationDate: String?
    public var status: UISEnumValue?
    public var category: UISEnumValue?
    public var type: UISEnumValue?
    public var childCustomerID: Int?
    public var comment: String?
    public var name: String?
    public var campaigns: [Campaign]?
    /// `site_blocks` where an answer puts it at the top level (a row of its own in the documentation's response
    /// table; its JSON example nests the blocks under `campaigns[]` instead). ``allSiteBlocks`` reads both places.
    public var siteBlocks: [SiteBlock]?
    public var scenarios: [Scenario]?

    /// A record with the given fields.
    public init(id: Int? = nil, virtualPhoneNumber: String? = nil, redirectionPhoneNumber: String? = nil,
                activationDate: String? = nil, status: UISEnumValue? = nil, category: UISEnumValue? = nil,
                type: UISEnumValue? = nil, childCustomerID: Int? = nil, comment: String? = nil, name: String? = nil,
                campaigns: [Campaign]? = nil, siteBlocks: [SiteBlock]? = nil, scenarios: [Scenario]? = nil) {
        self.id = id; self.virtualPhoneNumber = virtualPhoneNumber; self.redirectionPhoneNumber = redirectionPhoneNumber
        self.activationDate = activationDate; self.status = status; self.category = category; self.type = type
        self.childCustomerID = childCustomerID; self.comment = comment; self.name = name
        self.campaigns = campaigns; self.siteBlocks = siteBlocks; self.scenarios = scenarios
    }

    enum CodingKeys: String, CodingKey {
        case id, virtualPhoneNumber = "virtual_phone_number", redirectionPhoneNumber = "redirection_phone_number"
        case activationDate = "activation_date", status, category, type, childCustomerID = "child_customer_id"
        case comment, name, campaigns, siteBlocks = "site_blocks", scenarios
    }

    /// The number's site blocks wherever the answer put them: the top-level `site_blocks` when present, else those
    /// nested under `campaigns[]`; nil when neither was sent.
    public var allSiteBlocks: [SiteBlock]? {
        if let siteBlocks { return siteBlocks }
        guard let campaigns else { return nil }
        let nested = campaigns.compactMap(\.siteBlocks)
        return nested.isEmpty ? nil : nested.flatMap { $0 }
    }

    public var deduplicationKey: String? { id.map(String.init) }

    public static let fieldTypes: [String: UISFieldType] = [
        "id": .number, "child_customer_id": .number, "virtual_phone_number": .string,
        "redirection_phone_number": .string, "activation_date": .string, "status": .string, "category": .string,
        "type": .string, "comment": .string, "name": .string, "campaigns": .array, "site_blocks": .array,
        "scenarios": .array,
    ]
}
