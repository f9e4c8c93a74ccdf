import CTBulkApp
import CTBulkCore
import CTBulkTestSupport
import Foundation
import Testing
import UISDataAPI

/// The documentation's example answers (and an answer for each mnemonic, documented or not), served from
/// `Fixtures/` over loopback, through the whole `ctbulk uis` command: rendering and exit code.
@Suite("Replayed documentation answers")
struct ReplayTests {
    /// Runs `ctbulk uis <method>` against the fixture; returns the exit code and the console.
    static func run(_ method: UISListMethod, file: String, key: String = "-", format: UISOutputFormat = .table,
                    fields: [String] = [], language: Language = .en) async throws -> (Int32, CapturingConsole) {
        try await ReplayServer.with { base in
            let console = CapturingConsole()
            let options = UISCommandOptions(
                fields: fields, format: format, host: "\(base)/\(file)/\(key)/v2.0", language: language, width: 400,
                environment: ["UIS_ACCESS_TOKEN": "replay-token-0123456789"], clock: .virtual(VirtualClock()))
            let code = await UISCommandRunner.run(method: method, options: options, output: console)
            return (code, console)
        }
    }

    /// The JSON printed by `--format json`.
    static func json(_ console: CapturingConsole) throws -> [[String: Any]] {
        try #require(JSONSerialization.jsonObject(with: Data(console.stdout.utf8)) as? [[String: Any]])
    }

    @Test("get.sources_groups: the documentation's sample (limits {}, version null) as a table and as JSON")
    func sourcesGroups() async throws {
        let (code, console) = try await Self.run(.sourceGroups, file: "sources_groups")
        #expect(code == 0)
        #expect(console.stdout.contains("Яндекс.Директ"))
        #expect(console.stdout.components(separatedBy: "\n").count == 2 + 4)
        #expect(console.stderr.contains("4 of 4 records"))
        let (jsonCode, jsonConsole) = try await Self.run(.sourceGroups, file: "sources_groups", format: .json)
        #expect(jsonCode == 0)
        let records = try Self.json(jsonConsole)
        #expect(records.count == 4)
        #expect(records.first?["channel_mnemonic"] as? String == "context")
        #expect(records.first?["state"] == nil, "a field the answer leaves out is not invented")
    }

    @Test("get.virtual_numbers: --format json keeps nulls and fields ctbulk does not know, as sent")
    func virtualNumbersJSON() async throws {
        let (code, console) = try await Self.run(.virtualNumbers, file: "virtual_numbers", format: .json)
        #expect(code == 0)
        let records = try Self.json(console)
        #expect(records.count == 2)
        #expect(records[0]["redirection_phone_number"] is NSNull)
        #expect(records[0]["comment"] is NSNull)
        #expect(records[1]["name"] is NSNull)
        #expect(records[0]["number_capacity_component"] as? String == "call_tracking")
        let campaigns = try #require(records[0]["campaigns"] as? [[String: Any]])
        #expect((campaigns.first?["site_blocks"] as? [Any])?.count == 2)
        #expect(console.stdout.contains("\"redirection_phone_number\" : null"))
    }

    @Test("get.virtual_numbers: site_blocks rendered from campaigns[] (the documentation's JSON example)")
    func nestedSiteBlocks() async throws {
        let (code, console) = try await Self.run(.virtualNumbers, file: "virtual_numbers",
                                                 fields: ["id,site_blocks,campaigns,scenarios"])
        #expect(code == 0)
        let lines = console.stdout.components(separatedBy: "\n")
        #expect(lines[0].hasPrefix("id"))
        #expect(lines[0].contains("site_blocks"))
        #expect(lines[2].contains("Шапка сайта #7001 (tracking); Контакты #7002"))
        #expect(lines[2].contains("Основной 1 #900 rule 50001"))
        #expect(lines[3].hasPrefix("1006"))
    }

    @Test("get.virtual_numbers: a top-level site_blocks (the documentation's response table) is rendered, in every format")
    func topLevelSiteBlocks() async throws {
        let (code, console) = try await Self.run(.virtualNumbers, file: "virtual_numbers_site_blocks",
                                                 fields: ["id,site_blocks"])
        #expect(code == 0)
        #expect(console.stdout.contains("Футер #7003 (tracking)"))
        let (csvCode, csv) = try await Self.run(.virtualNumbers, file: "virtual_numbers_site_blocks", format: .csv,
                                                fields: ["id,site_blocks"])
        #expect(csvCode == 0)
        #expect(csv.stdout.contains("1005;Футер #7003 (tracking)"))
        let (jsonCode, json) = try await Self.run(.virtualNumbers, file: "virtual_numbers_site_blocks", format: .json)
        #expect(jsonCode == 0)
        let records = try Self.json(json)
        #expect((records.first?["site_blocks"] as? [[String: Any]])?.first?["site_block_id"] as? Int == 7003)
        #expect(records.first?["scenarios"] is NSNull)
    }

    @Test("get.available_virtual_numbers and get.campaign_available_phone_numbers: the documented shapes")
    func otherMethods() async throws {
        let (code, console) = try await Self.run(.availableNumbers, file: "available_numbers", format: .csv)
        #expect(code == 0)
        #expect(console.stdout.contains("78123334455;gold;spb;Санкт-Петербург;15000;990.5;"))
        let (campaignCode, campaign) = try await Self.run(.campaignNumbers, file: "campaign_numbers")
        #expect(campaignCode == 0)
        #expect(campaign.stdout.contains("78120001122"))
        #expect(campaign.stdout.contains("call_tracking"))
    }

    @Test("a deprecated API version prints exactly one warning; the records still come")
    func deprecatedVersion() async throws {
        let (code, console) = try await Self.run(.sourceGroups, file: "deprecated_version")
        #expect(code == 0)
        #expect(console.stdout.contains("Google Ads"))
        let warnings = console.stderr.components(separatedBy: "\n").filter { $0.contains("deprecated") }
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("2.1") == true)
        let (_, ru) = try await Self.run(.sourceGroups, file: "deprecated_version", language: .ru)
        #expect(ru.stderr.contains("устарела"))
        let (_, current) = try await Self.run(.sourceGroups, file: "sources_groups")
        #expect(!current.stderr.contains("deprecated"))
    }

    /// Every mnemonic in `Fixtures/errors.json`, with the exit code it must give.
    static let exitCodes: [String: Int32] = [
        "access_token_invalid": 77, "access_token_expired": 77, "access_token_blocked": 77, "auth_error": 77,
        "ip_not_whitelisted": 77, "forbidden": 77, "method_component_disabled": 77,
        "parameter_component_disabled": 77, "account_inactive": 77, "session_revoked_elsewhere": 77,
        "limit_exceeded": 75,
        "internal_error": 1, "virtual_phone_number_not_found": 1,
        "data_type_error": 64, "method_not_found": 64, "parse_error": 64, "invalid_request": 64,
        "batch_opreations_not_supported": 64, "batch_operations_not_supported": 64,
        "notifications_not_supported": 64, "required_parameter_missed": 64, "invalid_parameter_value": 64,
        "unexpected_parameters": 64, "invalid_parameters_combination": 64, "sort_prohibited": 64,
        "filter_prohibited": 64, "date_interval_limit_reached": 64, "error": 64, "tariff_restrictions": 64,
    ]

    @Test("every mnemonic, known or not, gives its exit code and a message naming it", arguments: exitCodes.keys.sorted())
    func errorAnswer(mnemonic: String) async throws {
        let (code, console) = try await Self.run(.availableNumbers, file: "errors", key: mnemonic)
        #expect(code == Self.exitCodes[mnemonic], "\(mnemonic): \(console.stderr)")
        // The mnemonic heads the message (with the server's code, unless the client refused on its own: a spent day
        // allowance is not waited for).
        #expect(console.stderr.hasPrefix("UIS \(mnemonic)"), "\(console.stderr)")
        #expect(console.stdout.isEmpty)
        #expect(!console.stderr.contains("replay-token-0123456789"))
    }

    @Test("every mnemonic of the fixture file is checked")
    func fixtureCoverage() throws {
        let data = try Data(contentsOf: ReplayServer.fixtures.appendingPathComponent("errors.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == Set(Self.exitCodes.keys))
    }

    @Test("filter_prohibited and sort_prohibited name the field from data.value, not the parameter's path")
    func prohibitedNamesTheValue() async throws {
        let (_, sort) = try await Self.run(.availableNumbers, file: "errors", key: "sort_prohibited")
        #expect(sort.stderr.contains("The field \"min_charge\" cannot be sorted on"))
        let (_, filter) = try await Self.run(.availableNumbers, file: "errors", key: "filter_prohibited", language: .ru)
        #expect(filter.stderr.contains("По полю «location_name» нельзя фильтровать"))
        let fallback = UISError(.sortProhibited, field: "name")
        #expect(fallback.message(.en).contains("\"name\""))
    }

    @Test("unknown mnemonics: the message names the mnemonic and the group's advice")
    func unknownMnemonics() async throws {
        let (_, tariff) = try await Self.run(.availableNumbers, file: "errors", key: "tariff_restrictions")
        #expect(tariff.stderr.contains("\"tariff_restrictions\" (invalid parameters)"))
        let (_, access) = try await Self.run(.availableNumbers, file: "errors", key: "session_revoked_elsewhere")
        #expect(access.stderr.contains("refused access with the error \"session_revoked_elsewhere\""))
    }

    @Test("forbidden names what each method needs")
    func forbiddenAdvice() async throws {
        let (_, groups) = try await Self.run(.sourceGroups, file: "errors", key: "forbidden")
        #expect(groups.stderr.contains("«Data API для настройки»"))
        #expect(!groups.stderr.contains("number_management"))
        let (_, numbers) = try await Self.run(.virtualNumbers, file: "errors", key: "forbidden")
        #expect(numbers.stderr.contains("number_management: select"))
        let (_, campaign) = try await Self.run(.campaignNumbers, file: "errors", key: "forbidden", language: .ru)
        #expect(campaign.stderr.contains("call_tracking, consultant, lead или sitephone"))
    }
}
