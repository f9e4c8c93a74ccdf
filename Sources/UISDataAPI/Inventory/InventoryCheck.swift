import CTBulkCore

/// Checks the static numbers of a job against the UIS account: each must be connected, active, and free of UIS
/// campaigns and scenarios.
///
/// The numbers are looked up with `get.virtual_numbers` in batches, with the `in` operator on
/// `virtual_phone_number` (one request per `batchSize` numbers, not one per number). Every row of a number gets the
/// number's problems:
/// - not returned by UIS: ``ProblemCode/inventoryNotConnected`` (error);
/// - status other than `active`: ``ProblemCode/inventoryInactive`` (error, `details["status"]`);
/// - used by campaigns or scenarios: ``ProblemCode/inventoryInUse`` (warning, `details["usedBy"]` names them).
/// - Throws: ``UISError`` when UIS cannot be read (authentication, limits, transport).
public func inventoryProblems(rows: [JobRow], client: UISClient, batchSize: Int = 500) async throws -> [Problem] {
    var unique: [String] = []
    var seen = Set<String>()
    for row in rows where seen.insert(row.phoneNumber.digits).inserted { unique.append(row.phoneNumber.digits) }

    var found: [String: VirtualNumber] = [:]
    let size = max(1, min(batchSize, UISQuery.maximumLimit))
    var start = 0
    while start < unique.count {
        let batch = Array(unique[start..<min(start + size, unique.count)])
        start += size
        let query = UISQuery(
            filter: .where("virtual_phone_number", .in, .array(batch.map { .string($0) })),
            fields: ["id", "virtual_phone_number", "status", "campaigns", "scenarios"])
        let page = try await client.all(VirtualNumber.self, query: query)
        for number in page.records {
            guard let text = number.virtualPhoneNumber else { continue }
            let digits = String(text.filter(\.isASCII).filter(\.isNumber))
            if found[digits] == nil { found[digits] = number }
        }
    }

    var problems: [Problem] = []
    for row in rows {
        let digits = row.phoneNumber.digits
        guard let number = found[digits] else {
            problems.append(Problem(.inventoryNotConnected, row: row.row, value: digits))
            continue
        }
        if let status = number.status, status.rawValue != "active" {
            problems.append(Problem(.inventoryInactive, row: row.row, value: digits,
                                    details: ["status": status.rawValue]))
        }
        let usedBy = usage(of: number)
        if !usedBy.isEmpty {
            problems.append(Problem(.inventoryInUse, row: row.row, value: digits,
                                    details: ["usedBy": usedBy.joined(separator: "; ")]))
        }
    }
    return problems
}

/// `campaign «Весна» #12`, `scenario «Основной» #4`: what uses the number.
func usage(of number: VirtualNumber) -> [String] {
    var items: [String] = []
    for campaign in number.campaigns ?? [] {
        items.append("campaign «\(campaign.campaignName ?? "?")» #\(campaign.campaignID.map(String.init) ?? "?")")
    }
    for scenario in number.scenarios ?? [] {
        items.append("scenario «\(scenario.scenarioName ?? "?")» #\(scenario.scenarioID.map(String.init) ?? "?")")
    }
    return items
}
