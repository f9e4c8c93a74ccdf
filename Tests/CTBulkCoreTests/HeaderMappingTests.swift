@testable import CTBulkCore
import CTBulkTestSupport
import Foundation
import Testing

/// Their own headers: a mapping, suggestions for unrecognised headers, title rows above the header.
@Suite struct HeaderMappingTests {
    let file = "Номер;Резерв;Таймаут, сек;Номер переадресации\n79001234567;74950000007;30 сек;79001112233\n"

    @Test func aMappingNamesTheirOwnHeaderIgnoringCaseAndSpaces() throws {
        let dir = TempDir()
        let path = dir.write("job.csv", file)
        var options = JobReadOptions()
        options.columnMapping = [" резерв ": .setting(.reserveNumber)]
        let result = try validate(path, options: options)
        #expect(!result.problems.contains { $0.code == .headerUnknown })
        #expect(!result.hasErrors, "\(result.problems)")
        let reserve = result.rows.first?.settings.redirectOptions?.reserve
        #expect(reserve?.reserveNumber == phone("74950000007"))
        #expect(reserve?.reserveTimeOut == 30)
        #expect(result.csv?.columns[1] == .setting(.reserveNumber))
        // The mapping is consulted before the built-in names: a team may point «Номер» elsewhere.
        options.columnMapping = ["Телефон клиента": .phoneNumber, "Номер": .setting(.redirectNumber)]
        let other = try validate(dir.write("b.csv", "Телефон клиента;Номер\n79001234567;79001112233\n"), options: options)
        #expect(other.rows.first?.settings.redirectOptions?.redirectNumber == phone("79001112233"))
    }

    @Test func anUnrecognisedHeaderWithDataNamesTheClosestField() throws {
        let dir = TempDir()
        let result = try validate(dir.write("job.csv", file))
        let warning = try #require(result.problems.first { $0.code == .headerUnknown })
        #expect(warning.severity == .warning)
        #expect(warning.column == "Резерв")
        #expect(warning.details["suggestion"] == "reserveNumber")
        #expect(warning.message(.ru).contains("Может быть, reserveNumber («Резервный номер»)?"))
        #expect(warning.message(.ru).contains("--map 'Резерв=reserveNumber'"))
        #expect(warning.message(.en).contains("Maybe reserveNumber («Reserve number»)?"))
        // Listed before every row's problems.
        #expect(result.problems.first?.code == .headerUnknown)
    }

    @Test(arguments: [
        ("Резерв", "reserveNumber"), ("Ранние медиа игнорировать", "ignoreEarlyMedia"), ("Номер переадр.", "redirectNumber"),
        ("utm_campain", "campaign"), ("Исттчник", "source"), ("Пулл", "poolName"),
    ])
    func suggestions(header: String, field: String) {
        #expect(HeaderMapping.suggestion(for: header)?.fieldName == field)
    }

    @Test func nothingCloseIsNoSuggestion() {
        #expect(HeaderMapping.suggestion(for: "Комментарий менеджера") == nil)
        #expect(HeaderMapping.suggestion(for: "Дата") == nil)
        // A field the file has already is not suggested again.
        #expect(HeaderMapping.suggestion(for: "Резерв", excluding: [.setting(.reserveNumber)]) != .setting(.reserveNumber))
    }

    @Test func anEmptyUnknownColumnIsANoteAndStrictHeadersMakeItAnError() throws {
        let dir = TempDir()
        let path = dir.write("job.csv", "Номер;Пул;Комментарий\n79001234567;A;\n79001234568;A;\n")
        let result = try validate(path)
        #expect(result.problems.map(\.code) == [.headerUnknownEmpty])
        #expect(result.problems.first?.severity == .note)
        #expect(!result.hasErrors)

        var options = JobReadOptions()
        options.strictHeaders = true
        let strict = try validate(path, options: options)
        let error = try #require(strict.problems.first { $0.code == .headerUnknown })
        #expect(error.severity == .error)
        #expect(error.message(.en).contains("--strict-headers"))
        #expect(strict.hasErrors)
    }

    @Test func titleRowsAboveTheHeaderAreSkippedAndRowNumbersStayExcels() throws {
        let dir = TempDir()
        let path = dir.write("job.csv", "Номера на апрель;;\n;;\nНомер;Пул;Источник\n79001234567;A;yandex\n79001234568;A;\n")
        let result = try validate(path)
        #expect(result.csv?.headerRow == 3)
        #expect(result.csv?.header == ["Номер", "Пул", "Источник"])
        #expect(result.summary.rowsRead == 2)
        let note = try #require(result.problems.first { $0.code == .headerTitleRows })
        #expect(note.message(.ru).contains("строке 3"))
        #expect(note.message(.ru).contains("Номера на апрель"))
        #expect(result.rows.map(\.row) == [4, 5])
    }

    @Test func aHeaderWithoutAPhoneColumnBelowATitleIsPointedAt() throws {
        let dir = TempDir()
        let result = try validate(dir.write("job.csv", "Список номеров;;\nПул;Источник;Кампания\nA;yandex;x\n"))
        let error = try #require(result.problems.first { $0.code == .headerPhoneMissing })
        #expect(error.row == 2)
        #expect(error.message(.ru).contains("в строке 2"))
        #expect(error.message(.en).contains("«Пул», «Источник», «Кампания»"))
    }

    @Test func mapPairsAndMappingFiles() throws {
        let pairs = try ColumnMapping.parse(pairs: ["Резерв=reserveNumber", "Таймаут резерва, с=redirectOptions.reserveRedirect.reserveTimeOut",
                                                    "Куда=redirect_number", "a=b=source"])
        #expect(pairs["Резерв"] == .setting(.reserveNumber))
        #expect(pairs["Таймаут резерва, с"] == .setting(.reserveTimeOut))
        #expect(pairs["Куда"] == .setting(.redirectNumber))
        #expect(pairs["a=b"] == .setting(.source))
        #expect(throws: ColumnMappingError.self) { try ColumnMapping.parse(pairs: ["Резерв"]) }
        do {
            _ = try ColumnMapping.parse(pairs: ["Резерв=reserve"])
            Issue.record("an unknown field was accepted")
        } catch {
            #expect(error.message.render(.ru).contains("«reserve», такого поля нет"))
            #expect(error.message.render(.en).contains("reserveNumber"))
        }

        let dir = TempDir()
        let mapping = try ColumnMapping.load(path: dir.write("m.json", #"{"Резерв": "reserveNumber", "Куда": "redirectNumber"}"#))
        #expect(mapping == ["Резерв": .setting(.reserveNumber), "Куда": .setting(.redirectNumber)])
        #expect(throws: ColumnMappingError.self) { try ColumnMapping.load(path: dir.write("bad.json", "[1, 2]")) }
        #expect(throws: ColumnMappingError.self) { try ColumnMapping.load(path: dir.path("missing.json")) }
    }
}

/// Numbers and values as people type them.
@Suite struct ValueRulesTests {
    @Test(arguments: [
        ("495 000-00-07", "74950000007"), ("4950000007", "74950000007"), ("(812) 123-45-67", "78121234567"),
        ("3012345678", "73012345678"), ("8001234567", "78001234567"),
    ])
    func tenDigitsGetTheCountryCodeWithANote(raw: String, expected: String) {
        #expect(PhoneNumber.normalize(raw) == .number(phone(expected), note: .phoneCountryAdded))
    }

    @Test func tenDigitsStartingWithOtherDigitsAreStillRefused() {
        #expect(PhoneNumber.normalize("1234567890") == .rejected(.phoneLength))
        #expect(PhoneNumber.normalize("5234567890") == .rejected(.phoneLength))
        #expect(PhoneNumber.normalize("+4951234567") == .rejected(.phoneCountry))
    }

    @Test(arguments: [
        ("+7 (999) 000-00-02 доб. 12", "доб. 12"), ("+7 999 000 00 02 доб 12", "доб 12"), ("79990000002 ext 12", "ext 12"),
        ("79990000002 ext. 12", "ext. 12"), ("79990000002#12", "#12"), ("79990000002 x12", "x12"),
        ("8 (999) 000-00-02 Доб.12", "Доб.12"),
    ])
    func extensionsAreTheirOwnError(raw: String, ext: String) {
        #expect(PhoneNumber.normalize(raw) == .rejected(.phoneExtension))
        #expect(PhoneNumber.extensionPart(of: raw) == ext)
    }

    @Test func anExtensionIsNamedInTheMessageNotCalledLetters() throws {
        let dir = TempDir()
        let result = try validate(dir.write("job.csv", "Номер;Номер переадресации\n79001234567;+7 (999) 000-00-02 доб. 12\n"))
        let problem = try #require(result.problems.first { $0.row == 2 })
        #expect(problem.code == .phoneExtension)
        #expect(problem.message(.ru).contains("добавочный («доб. 12»)"))
        #expect(!result.problems.contains { $0.code == .phoneLetters })
    }

    @Test(arguments: ["30 сек", "30с", "30 с", "30 s", "30s", "30 sec", "30 секунд", "30 сек."])
    func aUnitOfSecondsIsAcceptedInTheTimeOut(cell: String) throws {
        let dir = TempDir()
        let result = try validate(dir.write("job.csv", "Номер;Номер переадресации;Резервный номер;Таймаут, сек\n79001234567;79001112233;79002223344;\(cell)\n"))
        #expect(!result.hasErrors, "\(cell): \(result.problems)")
        #expect(result.rows.first?.settings.redirectOptions?.reserve?.reserveTimeOut == 30)
        #expect(result.csv?.columns[3] == .setting(.reserveTimeOut))
    }

    @Test func otherUnitsAndWordsAreStillRefused() throws {
        #expect(CellText.strippingSecondsUnit("1 мин") == nil)
        #expect(CellText.strippingSecondsUnit("сек") == nil)
        #expect(HeaderMapping.column(for: "Таймаут сек") == .setting(.reserveTimeOut))
        #expect(HeaderMapping.column(for: "Таймаут (секунд)") == .setting(.reserveTimeOut))
    }
}
