/// `result.metadata` (or `error.data.metadata`). Every field is optional.
public struct UISMetadata: Hashable, Sendable, Codable {
    /// `metadata.api_version`, sent only when the called version is deprecated.
    public struct APIVersion: Hashable, Sendable, Codable {
        public var currentVersionDeprecated: Bool?
        public var currentVersion: String?
        public var latestVersion: String?

        enum CodingKeys: String, CodingKey {
            case currentVersionDeprecated = "current_version_deprecated"
            case currentVersion = "current_version", latestVersion = "latest_version"
        }
    }

    /// Records matching the filter (all pages together).
    public var totalItems: Int?
    public var limits: UISLimits?
    public var apiVersion: APIVersion?

    /// Metadata with the given values.
    public init(totalItems: Int? = nil, limits: UISLimits? = nil, apiVersion: APIVersion? = nil) {
        self.totalItems = totalItems; self.limits = limits; self.apiVersion = apiVersion
    }

    enum CodingKeys: String, CodingKey {
        case totalItems = "total_items", limits, apiVersion = "api_version"
    }

    /// Decodes leniently; unreadable parts read as nil.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        totalItems = c.lenientInt(.totalItems)
        limits = try? c.decodeIfPresent(UISLimits.self, forKey: .limits)
        apiVersion = try? c.decodeIfPresent(APIVersion.self, forKey: .apiVersion)
    }
}
