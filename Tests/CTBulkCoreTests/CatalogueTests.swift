@testable import CTBulkCore
import Foundation
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

/// The catalogue covers every typed value the code renders, and the code holds no language conditions.
@Suite struct CatalogueCoverageTests {
    static let counts = [0, 1, 2, 5, 11, 12, 21, 22, 25, 101, 111]

    /// Every template, filled with every count of the plural rules' boundaries, leaves no brace or form list behind.
    @Test func everyTemplateRendersForEveryBoundaryCount() {
        for (key, entry) in Catalogue.entries {
            for language in Language.allCases {
                let template = entry.template(language)
                // Literal braces (`{{`) render as braces: such texts are checked by their own tests.
                guard !template.contains("{{") else { continue }
                let names = Catalogue.placeholders(template)
                for n in Self.counts {
                    var arguments: [String: Message.Argument] = [:]
                    for name in names.plain.union(names.plural.keys) { arguments[name] = .count(n) }
                    let text = Message(key, arguments).render(language)
                    let unfilled = Catalogue.placeholders(text)
                    #expect(unfilled.plain.isEmpty && unfilled.plural.isEmpty, "\(key) (\(language), \(n)): \(text)")
                }
            }
        }
    }

    @Test(arguments: [
        (1, "1 строка"), (2, "2 строки"), (5, "5 строк"), (11, "11 строк"), (21, "21 строка"), (22, "22 строки"),
        (111, "111 строк"),
    ])
    func russianRowsAgreeWithTheirNumber(count: Int, expected: String) {
        #expect(Message("common.rows", ["n": .count(count)]).render(.ru) == expected)
    }

    @Test func theIssuesPhrasesAgreeInRussian() {
        #expect(Language.ru.text("export.done", ["n": 323, "path": "x.csv"]) == "Выгружено 323 номера в x.csv.")
        #expect(Language.ru.text("plan.hidden_noops", ["n": 4]).hasPrefix("= ещё 4 строки уже как нужно"))
        #expect(Language.ru.text("plan.reads", ["n": 2]) == "(Чтение состояния для плана: 2 запроса.)")
        #expect(Language.ru.text("confirm.question", ["what": "Новый запуск", "account": "SiteId 1", "changes": 323, "creates": 1,
                                                      "done": 0, "total": 21])
            .contains("Применить 323 изменения (из них 1 номер добавляется в пул); готово 0 из 21 строки"))
    }

    @Test func everyProblemCodeHasItsMessage() {
        for code in ProblemCode.allCases {
            #expect(Catalogue.contains(code.messageKey), "no \(code.messageKey)")
            #expect(Catalogue.contains(code.title.key), "no \(code.title.key)")
        }
        for severity in Severity.allCases { #expect(Catalogue.contains(severity.text.key)) }
        for column in JobColumn.all { #expect(Catalogue.contains(column.label.key), "no \(column.label.key)") }
        for field in SettingField.allCases { #expect(Catalogue.contains(field.label.key), "no \(field.label.key)") }
    }

    @Test func everyOutcomeStopReasonAndServiceFailureHasWords() {
        for outcome in RowOutcome.allCases { #expect(Catalogue.contains("report.outcome." + outcome.rawValue)) }
        for extra in ["pending", "in-doubt", "empty"] { #expect(Catalogue.contains("report.outcome." + extra)) }
        for reason in StopReason.allCases { #expect(Catalogue.contains(reason.text.key)) }
        for kind in NumberServiceError.Kind.allCases { #expect(Catalogue.contains(kind.text.key)) }
    }

    /// Texts live in the catalogue, not in `ru ? … : …` conditions: none may come back into Sources/.
    @Test func sourcesHoldNoLanguageConditions() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        let patterns = [#"\bru\s*\?"#, #"==\s*\.ru\b"#, #"!=\s*\.ru\b"#, #"\blet\s+ru\s*="#, #"\bvar\s+ru\s*="#]
            .map { try! NSRegularExpression(pattern: $0) }
        var offenders: [String] = []
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        var scanned = 0
        while let url = files?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            scanned += 1
            let text = try String(contentsOf: url, encoding: .utf8)
            for (number, line) in text.components(separatedBy: "\n").enumerated() {
                let range = NSRange(line.startIndex..., in: line)
                if patterns.contains(where: { $0.firstMatch(in: line, range: range) != nil }) {
                    offenders.append("\(url.path.replacingOccurrences(of: root.path, with: "Sources")):\(number + 1): \(line)")
                }
            }
        }
        #expect(scanned > 50)
        #expect(offenders.isEmpty, "language conditions instead of catalogue entries:\n\(offenders.joined(separator: "\n"))")
    }

    @Test func cp1251ReportsGetWordsOrASCIIForSignsTheyCannotHold() {
        let bytes = Windows1251.encode("a → b, ∅, ≤ 5; Отчёт «да»")
        #expect(Windows1251.decode(bytes) == "a -> b, (empty), <= 5; Отчёт «да»")
    }
}
