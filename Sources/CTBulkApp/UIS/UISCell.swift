import UISDataAPI

/// One cell of a record in table or CSV output: its text, and whether it is a number (numbers are never
/// neutralised in CSV, so `-1` stays a number).
struct UISCell: Hashable, Sendable {
    var text: String
    var isNumber: Bool

    static let empty = UISCell(text: "", isNumber: false)

    static func text(_ value: String?) -> UISCell { UISCell(text: value ?? "", isNumber: false) }
    static func number(_ value: Int?) -> UISCell { value.map { UISCell(text: String($0), isNumber: true) } ?? .empty }
    static func number(_ value: Double?) -> UISCell {
        guard let value else { return .empty }
        let text = value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        return UISCell(text: text, isNumber: true)
    }
    static func bool(_ value: Bool?) -> UISCell { value.map { .text($0 ? "true" : "false") } ?? .empty }
}

/// A record that can be shown as a row of cells.
protocol UISTabular: UISRecord {
    func cell(_ field: String) -> UISCell
}

extension VirtualNumber: UISTabular {
    func cell(_ field: String) -> UISCell {
        switch field {
        case "id": return .number(id)
        case "virtual_phone_number": return .text(virtualPhoneNumber)
        case "redirection_phone_number": return .text(redirectionPhoneNumber)
        case "activation_date": return .text(activationDate)
        case "status": return .text(status?.rawValue)
        case "category": return .text(category?.rawValue)
        case "type": return .text(type?.rawValue)
        case "child_customer_id": return .number(childCustomerID)
        case "comment": return .text(comment)
        case "name": return .text(name)
        case "campaigns":
            return .text(campaigns.map { list in
                list.map { campaign in
                    let blocks = (campaign.siteBlocks ?? []).map { block in
                        (block.siteBlockName ?? "?") + (block.isTracking == true ? " (tracking)" : "")
                    }
                    return "\(campaign.campaignName ?? "?") #\(campaign.campaignID.map(String.init) ?? "?")"
                        + (campaign.siteDomainName.map { " @\($0)" } ?? "")
                        + (blocks.isEmpty ? "" : " [\(blocks.joined(separator: ", "))]")
                }.joined(separator: "; ")
            })
        case "site_blocks":
            return .text(allSiteBlocks.map { blocks in
                blocks.map { block in
                    "\(block.siteBlockName ?? "?") #\(block.siteBlockID.map(String.init) ?? "?")"
                        + (block.isTracking == true ? " (tracking)" : "")
                }.joined(separator: "; ")
            })
        case "scenarios":
            return .text(scenarios.map { list in
                list.map { scenario in
                    "\(scenario.scenarioName ?? "?") #\(scenario.scenarioID.map(String.init) ?? "?")"
                        + (scenario.callProcessingRuleID.map { " rule \($0)" } ?? "")
                        + (scenario.isActive == false ? " (off)" : "")
                }.joined(separator: "; ")
            })
        default: return .empty
        }
    }
}

extension AvailableVirtualNumber: UISTabular {
    func cell(_ field: String) -> UISCell {
        switch field {
        case "phone_number": return .text(phoneNumber)
        case "category": return .text(category?.rawValue)
        case "location_mnemonic": return .text(locationMnemonic)
        case "location_name": return .text(locationName)
        case "onetime_payment": return .number(onetimePayment)
        case "monthly_charge": return .number(monthlyCharge)
        case "min_charge": return .number(minCharge)
        default: return .empty
        }
    }
}

extension CampaignPhoneNumber: UISTabular {
    func cell(_ field: String) -> UISCell {
        switch field {
        case "id": return .number(id)
        case "prefix": return .text(prefix)
        case "phone_number": return .text(phoneNumber)
        case "type": return .text(type?.rawValue)
        default: return .empty
        }
    }
}

extension SourceGroup: UISTabular {
    func cell(_ field: String) -> UISCell {
        switch field {
        case "id": return .number(id)
        case "name": return .text(name)
        case "channel_id": return .number(channelID)
        case "channel_name": return .text(channelName)
        case "channel_mnemonic": return .text(channelMnemonic)
        case "is_custom": return .bool(isCustom)
        case "state": return .text(state?.rawValue)
        default: return .empty
        }
    }
}
