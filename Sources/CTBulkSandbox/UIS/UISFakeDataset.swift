/// The seeded account the fake serves: the same seed and configuration always give the same data.
struct UISFakeDataset: Sendable {
    var virtualNumbers: UISFakeTable
    var availableNumbers: UISFakeTable
    var campaignNumbers: UISFakeTable
    var sourceGroups: UISFakeTable

    static let areas: [(code: String, mnemonic: String, name: String, weight: Int)] = [
        ("495", "msk", "Москва", 35), ("499", "msk", "Москва", 10), ("812", "spb", "Санкт-Петербург", 20),
        ("343", "ekb", "Екатеринбург", 8), ("383", "nsk", "Новосибирск", 7), ("800", "rus", "Россия (8-800)", 10),
        ("846", "sam", "Самара", 5), ("861", "krd", "Краснодар", 5),
    ]
    static let domains = ["shop.example.ru", "promo.example.ru", "example.com", "кафе-пример.рф", "b2b.example.ru",
                          "landing.example.org", "example.net"]
    static let campaignNames = ["Весна", "Яндекс.Директ", "Google Ads", "Билборды", "Радио", "Выставка", "SEO",
                                "ВКонтакте", "E-mail рассылка", "Партнёры"]
    static let scenarioNames = ["Основной", "Отдел продаж", "Поддержка", "Ночной", "Выходные"]
    static let comments = ["Яндекс.Директ, Москва", "Google Ads — СПб", "офлайн: билборд на МКАД", "=HYPERLINK(\"x\")",
                           "+7 (495) для визиток", "-- не трогать --", "@reception", "склад; офис",
                           "Landing page with a very long comment that goes on and on so that tables must truncate it",
                           "Радио «Европа Плюс»"]

    init(seed: UInt64, configuration: UISSandboxConfiguration) {
        var rng = UISSeededGenerator(seed: seed)
        let areaChoices = Self.areas.indices.map { ($0, Self.areas[$0].weight) }

        // Campaigns and scenarios the numbers refer to.
        let campaigns: [UISWireValue] = (0..<40).map { k in
            let blocks: [UISWireValue] = (0..<(1 + k % 2)).map { j in
                .object([("site_block_id", .int(7000 + k * 3 + j)),
                         ("site_block_name", .string(["Шапка сайта", "Контакты", "Футер"][(k + j) % 3])),
                         ("is_tracking", .bool((k + j) % 3 != 0))])
            }
            return .object([("campaign_id", .int(2000 + k)),
                             ("campaign_name", .string("\(Self.campaignNames[k % 10]) \(2020 + k / 10)")),
                             ("site_id", .int(300 + k % 7)),
                             ("site_domain_name", .string(Self.domains[k % 7])),
                             ("site_blocks", .array(blocks))])
        }

        var numbers: [[String: UISWireValue]] = []
        numbers.reserveCapacity(configuration.numberCount)
        var id = 100_000
        for i in 0..<configuration.numberCount {
            id += 1 + Int.random(in: 0..<3, using: &rng)
            let area = Self.areas[rng.weighted(areaChoices)]
            let type = rng.weighted([("va", 40), ("call_tracking", 45), ("dynamic_call_tracking", 15)])
            var usedCampaigns: [UISWireValue] = []
            let campaignChance = type == "va" ? 5 : 35
            if rng.chance(campaignChance) {
                let first = Int.random(in: 0..<campaigns.count, using: &rng)
                usedCampaigns.append(campaigns[first])
                if rng.chance(12) { usedCampaigns.append(campaigns[(first + 1) % campaigns.count]) }
            }
            var usedScenarios: [UISWireValue] = []
            if rng.chance(type == "va" ? 70 : 15) {
                for j in 0..<(rng.chance(12) ? 2 : 1) {
                    let k = Int.random(in: 0..<25, using: &rng)
                    usedScenarios.append(.object([
                        ("scenario_id", .int(900 + k)),
                        ("scenario_name", .string("\(Self.scenarioNames[k % 5]) \(k / 5 + 1)")),
                        ("call_processing_rule_id", .int(50_000 + i * 2 + j)),
                        ("is_active", .bool(rng.chance(85))),
                    ]))
                }
            }
            let day = i * 2900 / max(configuration.numberCount, 1)
            let date = Self.date(daysAfter2018: day, seconds: Int.random(in: 0..<86_400, using: &rng))
            numbers.append([
                "id": .int(id),
                "virtual_phone_number": .string("7" + area.code + Self.suffix(i)),
                "redirection_phone_number": rng.chance(70)
                    ? .string("79" + String(100_000_000 + Int.random(in: 0..<900_000_000, using: &rng))) : .null,
                "activation_date": .string(date),
                "status": .string(rng.weighted([("active", 80), ("waiting", 4), ("cleaning", 3), ("prereserved", 3),
                                                ("reserved", 4), ("manual_lock", 3), ("limit_lock", 3)])),
                "category": .string(rng.weighted([("usual", 50), ("bronze", 20), ("silver", 15), ("gold", 10),
                                                  ("platinum", 5)])),
                "type": .string(type),
                "child_customer_id": rng.chance(15) ? .int(5001 + Int.random(in: 0..<3, using: &rng)) : .null,
                "comment": rng.chance(40) ? .string(Self.comments[Int.random(in: 0..<10, using: &rng)]) : .null,
                "name": rng.chance(50) ? .string("Линия \(i + 1)") : .null,
                "campaigns": .array(usedCampaigns),
                // A row of its own in the documentation's response table (its JSON example nests the blocks under
                // campaigns[], where they stay too): every site block of the campaigns that use the number.
                "site_blocks": .array(usedCampaigns.flatMap { $0["site_blocks"]?.array ?? [] }),
                "scenarios": .array(usedScenarios),
            ])
        }
        virtualNumbers = UISFakeTable(
            method: "get.virtual_numbers",
            fields: ["id", "virtual_phone_number", "redirection_phone_number", "activation_date", "status", "category",
                     "type", "child_customer_id", "comment", "name", "campaigns", "site_blocks", "scenarios"],
            kinds: ["id": .number, "virtual_phone_number": .string, "redirection_phone_number": .string,
                    "activation_date": .dateTime, "status": .string, "category": .string, "type": .string,
                    "child_customer_id": .number, "comment": .string, "name": .string,
                    "campaigns": .objects(keys: ["campaign_id", "campaign_name"]),
                    "site_blocks": .objects(keys: ["site_block_id", "site_block_name"]),
                    "scenarios": .objects(keys: ["scenario_id", "scenario_name"])],
            filterable: ["id", "child_customer_id", "virtual_phone_number", "redirection_phone_number",
                         "activation_date", "status", "category", "type", "comment", "name", "campaigns", "scenarios"],
            sortable: ["child_customer_id", "status", "category", "type", "comment", "name"],
            records: numbers)

        var available: [[String: UISWireValue]] = []
        for j in 0..<configuration.availableNumberCount {
            let area = Self.areas[rng.weighted(areaChoices)]
            let category = rng.weighted([("usual", 55), ("bronze", 20), ("silver", 15), ("gold", 10)])
            let price = ["usual": 0, "bronze": 1500, "silver": 5000, "gold": 15_000][category] ?? 0
            available.append([
                "phone_number": .string("7" + area.code + Self.suffix(configuration.numberCount + j)),
                "category": .string(category),
                "location_mnemonic": .string(area.mnemonic),
                "location_name": .string(area.name),
                "onetime_payment": .double(Double(price)),
                "monthly_charge": .double(Double(area.code == "800" ? 2500 : 350 + price / 10)),
                "min_charge": .double(rng.chance(30) ? 150.5 : 0),
            ])
        }
        available.sort { ($0["phone_number"]?.string ?? "") < ($1["phone_number"]?.string ?? "") }
        availableNumbers = UISFakeTable(
            method: "get.available_virtual_numbers",
            fields: ["phone_number", "category", "location_mnemonic", "location_name", "onetime_payment",
                     "monthly_charge", "min_charge"],
            kinds: ["phone_number": .string, "category": .string, "location_mnemonic": .string,
                    "location_name": .string, "onetime_payment": .number, "monthly_charge": .number,
                    "min_charge": .number],
            filterable: ["phone_number", "category", "location_mnemonic"],
            // The Russian original: min_charge is not sortable (an older English page said it was).
            sortable: ["phone_number", "category", "location_mnemonic", "location_name"],
            records: available)

        var campaignNumbers: [[String: UISWireValue]] = []
        for number in numbers where campaignNumbers.count < configuration.campaignNumberCount {
            guard number["status"] == .string("active"), let phone = number["virtual_phone_number"]?.string,
                  let type = number["type"]?.string, type != "dynamic_call_tracking" else { continue }
            let isUser = campaignNumbers.count % 10 == 9
            campaignNumbers.append([
                "id": number["id"] ?? .null,
                "prefix": .string(String(phone.dropFirst().prefix(3))),
                "phone_number": .string(phone),
                "type": .string(isUser ? "user" : type),
            ])
        }
        self.campaignNumbers = UISFakeTable(
            method: "get.campaign_available_phone_numbers",
            fields: ["id", "prefix", "phone_number", "type"],
            kinds: ["id": .number, "prefix": .string, "phone_number": .string, "type": .string],
            filterable: ["id", "prefix", "phone_number", "type"],
            sortable: ["prefix"],
            records: campaignNumbers)

        let channels: [(Int, String, String)] = [
            (-1, "Контекстная реклама", "context"), (-2, "Поисковые системы", "search"),
            (-3, "Социальные сети", "social"), (-4, "Прямые заходы", "direct"), (-5, "Офлайн", "offline"),
            (-6, "Реферальные переходы", "referral"), (-7, "E-mail", "email"),
        ]
        let groups: [(Int, String, Int, Bool, String)] = [
            (-3, "Bing Ads", -1, false, "active"), (-1, "Google Ads", -1, false, "active"),
            (-4, "Бегун", -1, false, "off"), (-2, "Яндекс.Директ", -1, false, "active"),
            (-5, "Яндекс", -2, false, "active"), (-6, "Google", -2, false, "active"),
            (-7, "Mail.ru", -2, false, "off"), (-8, "ВКонтакте", -3, false, "active"),
            (-9, "Одноклассники", -3, false, "active"), (-10, "Telegram", -3, false, "active"),
            (-11, "Прямые заходы", -4, false, "active"), (101, "Билборды Москва", -5, true, "active"),
            (102, "Радио", -5, true, "off"), (103, "Выставка 2023", -5, true, "removed"),
            (104, "Партнёры", -6, true, "active"), (105, "Рассылка клиентам", -7, true, "active"),
            (106, "Листовки \"У метро\"", -5, true, "active"), (107, "Старые партнёры", -6, true, "removed"),
        ]
        sourceGroups = UISFakeTable(
            method: "get.sources_groups",
            fields: ["id", "name", "channel_id", "channel_name", "channel_mnemonic", "is_custom", "state"],
            kinds: ["id": .number, "name": .string, "channel_id": .number, "channel_name": .string,
                    "channel_mnemonic": .string, "is_custom": .boolean, "state": .string],
            filterable: ["id", "name", "channel_id", "channel_name", "channel_mnemonic", "is_custom", "state"],
            sortable: ["id", "name", "channel_id", "channel_name", "channel_mnemonic", "is_custom", "state"],
            records: groups.map { group in
                let channel = channels.first { $0.0 == group.2 } ?? channels[0]
                return ["id": .int(group.0), "name": .string(group.1), "channel_id": .int(channel.0),
                        "channel_name": .string(channel.1), "channel_mnemonic": .string(channel.2),
                        "is_custom": .bool(group.3), "state": .string(group.4)]
            })
    }

    /// Seven distinct digits for index `i` (a bijection on 0..<10^7, so numbers never repeat).
    static func suffix(_ i: Int) -> String {
        let value = (i * 7919 + 1_234_567) % 10_000_000
        let text = String(value)
        return String(repeating: "0", count: 7 - text.count) + text
    }

    /// `YYYY-MM-DD hh:mm:ss` for a day after 2018-01-01 and a second of that day.
    static func date(daysAfter2018 days: Int, seconds: Int) -> String {
        // Days from 1970-01-01 to civil date (H. Hinnant's algorithm).
        let z = 17_532 + days + 719_468
        let era = z / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(y)-\(two(m))-\(two(d)) \(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
    }
}
