import CTBulkCore

extension UISError {
    /// What a key's user needs for `method` (the documentation's «Компоненты» and method pages): a right for the
    /// number lists, a component for the campaign numbers and the source groups.
    static func accessAdvice(for method: String?) -> Message {
        switch method {
        case "get.virtual_numbers", "get.available_virtual_numbers": return Message("uis.advice.numbers")
        case "get.sources_groups": return Message("uis.advice.sources_groups")
        case "get.campaign_available_phone_numbers": return Message("uis.advice.campaign_numbers")
        default: return Message("uis.advice.default")
        }
    }
}

extension UISMetadata.APIVersion {
    /// Whether the answer says the called version is deprecated.
    public var isDeprecated: Bool { currentVersionDeprecated == true }

    /// The one warning printed when the called version is deprecated (it is served for two months only).
    public var deprecationWarning: Message {
        let current = currentVersion ?? String(UISEndpoint.versionPath.dropFirst(2))
        return Message("uis.deprecated", ["current": .text(current), "latest": .text(latestVersion ?? "?")])
    }

}
