@testable import CTBulkCore
import Testing

@Suite struct CatalogueTests {
    /// Every key has text in both languages, the same placeholders in both, and the right number of plural forms.
    @Test func everyEntryIsCompleteInBothLanguages() {
        var seen: [String: String] = [:]
        for table in Catalogue.tables {
            for (key, entry) in table.entries {
                #expect(seen[key] == nil, "\(key) is in both \(seen[key] ?? "") and \(table.area)")
                seen[key] = table.area
                #expect(!entry.en.isEmpty && !entry.ru.isEmpty, "\(key) lacks a language")
                let en = Catalogue.placeholders(entry.en), ru = Catalogue.placeholders(entry.ru)
                #expect(en.plain.union(en.plural.keys) == ru.plain.union(ru.plural.keys),
                        "\(key): the placeholders differ between English and Russian")
                for (name, forms) in en.plural { #expect(forms == 2, "\(key) {\(name)|…} in English needs 2 forms") }
                for (name, forms) in ru.plural { #expect(forms == 3, "\(key) {\(name)|…} in Russian needs 3 forms") }
            }
        }
    }

    @Test(arguments: [
        (0, "0 номеров"), (1, "1 номер"), (2, "2 номера"), (5, "5 номеров"), (11, "11 номеров"), (12, "12 номеров"),
        (21, "21 номер"), (22, "22 номера"), (25, "25 номеров"), (101, "101 номер"), (111, "111 номеров"),
        (1_001, "1\u{00A0}001 номер"), (1_000_002, "1\u{00A0}000\u{00A0}002 номера"),
    ])
    func russianPluralsFollowOneFewMany(count: Int, expected: String) {
        #expect(Message("common.numbers", ["n": .count(count)]).render(.ru) == expected)
    }

    @Test(arguments: [(0, "0 numbers"), (1, "1 number"), (2, "2 numbers"), (21, "21 numbers"), (1_234, "1,234 numbers")])
    func englishPluralsFollowOneOther(count: Int, expected: String) {
        #expect(Message("common.numbers", ["n": .count(count)]).render(.en) == expected)
    }

    @Test func templatesFillTextNestedMessagesAndLiteralBraces() {
        let nested = Message("common.rows", ["n": 3])
        #expect(Catalogue.fill("{a} / {b} {{x}}", ["a": "A", "b": .message(nested)], .ru) == "A / 3 строки {x}")
        #expect(Catalogue.fill("{missing}", [:], .en) == "{missing}")
        #expect(Message("no.such.key", ["n": 2]).render(.en) == "no.such.key n=2")
    }

    @Test func theLanguageComesFromTheLocaleInPOSIXOrder() {
        #expect(Language(environment: ["LANG": "ru_RU.UTF-8"]) == .ru)
        #expect(Language(environment: ["LANG": "C"]) == .en)
        #expect(Language(environment: [:]) == .en)
        #expect(Language(environment: ["LANG": "ru_RU.UTF-8", "LC_ALL": "C"]) == .en)
        #expect(Language(environment: ["LANG": "en_US.UTF-8", "LC_MESSAGES": "ru_RU.UTF-8"]) == .ru)
        #expect(Language(environment: ["LANG": "ru_RU.UTF-8", "LC_ALL": ""]) == .ru)
        #expect(Language.resolve(explicit: .en, environment: ["LANG": "ru_RU.UTF-8"]) == .en)
    }

    @Test func acceptLanguagePicksTheHighestWeightWeHave() {
        #expect(Language(acceptLanguage: "ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7") == .ru)
        #expect(Language(acceptLanguage: "de-DE,en;q=0.5,ru;q=0.4") == .en)
        #expect(Language(acceptLanguage: "de-DE,fr;q=0.5") == nil)
        #expect(Language(acceptLanguage: "en;q=0.2, ru") == .ru)
    }
}
