import CTBulkCore
import CTBulkSandbox
import Testing
import UISDataAPI

/// Every documented operator, sent over HTTP to the fake and checked against the same condition evaluated here on
/// the full list.
@Suite("Filter operators over real HTTP")
struct OperatorTests {
    struct Case: Sendable {
        var name: String
        var filter: UISFilter
        var predicate: @Sendable (VirtualNumber) -> Bool
    }

    static func campaignIDs(_ n: VirtualNumber) -> [Int] { (n.campaigns ?? []).compactMap(\.campaignID) }

    static let cases: [Case] = [
        Case(name: "=", filter: .where("status", .equal, "active")) { $0.status == "active" },
        Case(name: "!=", filter: .where("status", .notEqual, "active")) { $0.status != "active" },
        Case(name: "<", filter: .where("id", .less, 110_000)) { ($0.id ?? 0) < 110_000 },
        Case(name: ">", filter: .where("id", .greater, 120_000)) { ($0.id ?? 0) > 120_000 },
        Case(name: "<=", filter: .where("id", .lessOrEqual, 100_010)) { ($0.id ?? 0) <= 100_010 },
        Case(name: ">= on a date", filter: .where("activation_date", .greaterOrEqual, "2025-06-01 00:00:00")) {
            ($0.activationDate ?? "") >= "2025-06-01 00:00:00"
        },
        Case(name: "like", filter: .where("virtual_phone_number", .like, "7495%")) {
            $0.virtualPhoneNumber?.hasPrefix("7495") == true
        },
        Case(name: "like with _", filter: .where("virtual_phone_number", .like, "7_12%")) {
            guard let v = $0.virtualPhoneNumber else { return false }
            return v.hasPrefix("7") && v.dropFirst(2).hasPrefix("12")
        },
        Case(name: "ilike", filter: .where("comment", .ilike, "%РАДИО%")) {
            $0.comment?.lowercased().contains("радио") == true
        },
        Case(name: "not_like", filter: .where("comment", .notLike, "%Москва%")) {
            $0.comment.map { !$0.contains("Москва") } ?? false
        },
        Case(name: "not_ilike", filter: .where("name", .notIlike, "линия 1%")) {
            $0.name.map { !$0.lowercased().hasPrefix("линия 1") } ?? false
        },
        Case(name: "regexp", filter: .where("virtual_phone_number", .regexp, "^7(812|343)")) {
            $0.virtualPhoneNumber.map { $0.hasPrefix("7812") || $0.hasPrefix("7343") } ?? false
        },
        Case(name: "in", filter: .where("category", .in, ["gold", "platinum"])) {
            $0.category == "gold" || $0.category == "platinum"
        },
        Case(name: "not_in", filter: .where("type", .notIn, ["va"])) { $0.type != "va" },
        Case(name: "in on numbers", filter: .where("child_customer_id", .in, [5001, 5003])) {
            $0.childCustomerID == 5001 || $0.childCustomerID == 5003
        },
        Case(name: "is_null", filter: .where("comment", .isNull)) { $0.comment == nil },
        Case(name: "is_not_null", filter: .where("redirection_phone_number", .isNotNull)) {
            $0.redirectionPhoneNumber != nil
        },
        Case(name: "= null", filter: .where("name", .equal, .null)) { $0.name == nil },
        Case(name: "!= null", filter: .where("child_customer_id", .notEqual, .null)) { $0.childCustomerID != nil },
        Case(name: "overlap", filter: .where("campaigns", .overlap, [2005, 2010])) {
            !Set(campaignIDs($0)).isDisjoint(with: [2005, 2010])
        },
        Case(name: "not_overlap", filter: .where("campaigns", .notOverlap, [2005])) { !campaignIDs($0).contains(2005) },
        Case(name: "jsquery on ids", filter: .where("campaigns", .jsquery, "#.campaign_id = 2005")) {
            campaignIDs($0).contains(2005)
        },
        Case(name: "jsquery nested", filter: .where("campaigns", .jsquery, "#.site_blocks.#.is_tracking = false")) {
            ($0.campaigns ?? []).contains { ($0.siteBlocks ?? []).contains { $0.isTracking == false } }
        },
        Case(name: "jsquery and/or", filter: .where("scenarios", .jsquery,
                                                    "#.is_active = false OR (#.scenario_id >= 920 AND #.scenario_id < 922)")) {
            // Each `#` clause looks for its own element, as in jsquery.
            ($0.scenarios ?? []).contains { $0.isActive == false }
                || (($0.scenarios ?? []).contains { ($0.scenarioID ?? 0) >= 920 }
                    && ($0.scenarios ?? []).contains { ($0.scenarioID ?? 0) < 922 })
        },
        Case(name: "tree", filter: .all([
            .where("status", .equal, "active"),
            .any([.where("category", .equal, "gold"), .where("category", .equal, "platinum")]),
            .all([.where("type", .equal, "call_tracking"), .where("name", .isNotNull)]),
        ])) {
            $0.status == "active" && ($0.category == "gold" || $0.category == "platinum")
                && $0.type == "call_tracking" && $0.name != nil
        },
    ]

    @Test("each operator returns exactly the records the condition holds for")
    func everyOperator() async throws {
        try await withUIS { client, _ in
            let everything = try await client.all(VirtualNumber.self).records
            #expect(everything.count == 12_500)
            for item in Self.cases {
                let expected = Set(everything.filter(item.predicate).compactMap(\.id))
                let got = try await client.all(VirtualNumber.self, query: UISQuery(filter: item.filter, fields: ["id"]))
                #expect(!expected.isEmpty && expected.count < everything.count, "\(item.name): a useful case")
                #expect(Set(got.records.compactMap(\.id)) == expected, "\(item.name)")
                #expect(got.totalItems == expected.count, "\(item.name): total_items")
            }
        }
    }

    @Test("filters on the other three methods, written in the CLI's filter language")
    func otherMethods() async throws {
        try await withUIS { client, _ in
            let available = try await client.all(AvailableVirtualNumber.self).records
            let spbGold = try await client.all(AvailableVirtualNumber.self, query: UISQuery(
                filter: UISFilterExpression.parse(["location_mnemonic = spb", "category in gold,silver"],
                                                  fieldTypes: AvailableVirtualNumber.fieldTypes)))
            let expected = available.filter {
                $0.locationMnemonic == "spb" && ($0.category == "gold" || $0.category == "silver")
            }
            #expect(!expected.isEmpty)
            #expect(Set(spbGold.records.compactMap(\.phoneNumber)) == Set(expected.compactMap(\.phoneNumber)))

            let campaign = try await client.all(CampaignPhoneNumber.self).records
            let user = try await client.all(CampaignPhoneNumber.self, query: UISQuery(
                filter: UISFilterExpression.parse(["prefix = 812", "type = user"], any: true,
                                                  fieldTypes: CampaignPhoneNumber.fieldTypes)))
            let expectedUser = campaign.filter { $0.prefix == "812" || $0.type == "user" }
            #expect(!expectedUser.isEmpty && expectedUser.count < campaign.count)
            #expect(Set(user.records.compactMap(\.id)) == Set(expectedUser.compactMap(\.id)))

            let custom = try await client.all(SourceGroup.self, query: UISQuery(
                filter: UISFilterExpression.parse(["is_custom = true", "state != removed", "name ilike %а%"],
                                                  fieldTypes: SourceGroup.fieldTypes)))
            #expect(!custom.records.isEmpty)
            #expect(custom.records.allSatisfy {
                $0.isCustom == true && $0.state != "removed" && ($0.name ?? "").lowercased().contains("а")
            })
            let context = try await client.all(SourceGroup.self, query: UISQuery(
                filter: UISFilterExpression.parse(["channel_id = -1"], fieldTypes: SourceGroup.fieldTypes)))
            #expect(Set(context.records.compactMap(\.name)) == ["Bing Ads", "Google Ads", "Бегун", "Яндекс.Директ"])
        }
    }

    @Test("bad filters get the documented mnemonics")
    func filterErrors() async throws {
        try await withUIS { client, _ in
            func failure(_ filter: UISFilter) async -> UISError? {
                await uisError { _ = try await client.virtualNumbers(UISQuery(filter: filter)) }
            }
            let notFilterable = await uisError {
                _ = try await client.availableVirtualNumbers(UISQuery(filter: .where("location_name", .equal, "Москва")))
            }
            #expect(notFilterable?.kind == .filterProhibited)
            #expect(notFilterable?.field == "filter.field")
            #expect(notFilterable?.value == "location_name")
            #expect(await failure(.where("colour", .equal, "red"))?.kind == .unexpectedParameters)
            #expect(await failure(.where("comment", .regexp, "(unclosed"))?.kind == .invalidParameterValue)
            #expect(await failure(.where("campaigns", .jsquery, "#.campaign_id = = 1"))?.kind == .invalidParameterValue)
            #expect(await failure(.where("id", .equal, "abc"))?.kind == .dataTypeError)
            #expect(await failure(.where("category", .in, "gold"))?.kind == .dataTypeError)
            #expect(await failure(.group(.and, [.where("id", .equal, 1), .where("nope", .equal, 1)]))?.kind
                == .unexpectedParameters)
            let error = await failure(.where("colour", .equal, "red"))
            #expect(error?.code == -32602)
            #expect(error?.message(.ru).contains("--filter") == true)
        }
    }
}
