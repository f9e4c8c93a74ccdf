/// The `ctbulk uis` subcommands: one per `get.*` method.
public enum UISListMethod: String, CaseIterable, Sendable {
    /// `get.virtual_numbers`: connected numbers.
    case virtualNumbers = "virtual-numbers"
    /// `get.available_virtual_numbers`: numbers that can be connected.
    case availableNumbers = "available-numbers"
    /// `get.campaign_available_phone_numbers`: numbers a campaign can use.
    case campaignNumbers = "campaign-numbers"
    /// `get.sources_groups`: source groups.
    case sourceGroups = "source-groups"
}
