@testable import CTBulkCore
import CTBulkTestSupport
import Testing

@Suite struct ValidationTests {
    /// examples/typical-mistakes.csv has one mistake per row; the comments in the generator name them.
    @Test func everyTypicalMistakeIsFoundOnItsRowAndColumn() throws {
        let result = try validate(example("typical-mistakes.csv"))
        let expected: [(Int, String, String?)] = [
            (2, "phone.scientific", "Номер"), (3, "cell.excel_error", "Номер"), (4, "phone.letters", "Номер"),
            (5, "phone.length", "Номер"), (6, "display.source.required", "Источник"),
            (7, "reserve.timeout.range", "Таймаут"), (8, "reserve.timeout.required", "Таймаут"),
            (9, "reserve.primary.required", "Номер переадресации"), (10, "redirect.loop", "Номер переадресации"),
            (11, "reserve.same_as_primary", "Резервный номер"), (12, "duplicate.conflict", "Номер"),
            (13, "duplicate.conflict", "Номер"), (15, "duplicate.identical", "Номер"), (16, "row.nothing_to_set", "Номер"),
            (17, "reserve.timeout.format", "Таймаут"), (19, "phone.float_tail", "Номер"),
            (20, "bool.format", "Игнорировать early media"),
        ]
        for (row, code, column) in expected {
            let hit = result.problems.first { $0.row == row && $0.code.rawValue == code }
            #expect(hit != nil, "row \(row): expected \(code), got \(codes(result, row: row))")
            #expect(hit?.column == column, "row \(row) column")
        }
        #expect(codes(result, row: 14).isEmpty)
        #expect(codes(result, row: 18).isEmpty)  // a formula-looking campaign is just text
        #expect(result.problems.first { $0.row == 2 }?.value == "7,9E+10")
        #expect(result.problems.first { $0.row == 12 }?.details["otherRow"] == "13")
        #expect(result.problems.first { $0.row == 13 }?.details["otherRow"] == "12")
        #expect(result.summary == {
            var s = ValidationSummary()
            s.rowsRead = 19; s.ok = 3; s.withWarnings = 2; s.withErrors = 14; s.duplicatesSkipped = 1
            return s
        }())
        // Rows fit to plan: 14, 18, 19 and 11 (warning); not the identical copy (15) nor either conflicting row.
        #expect(result.rows.map(\.row) == [11, 14, 18, 19])
        #expect(result.hasErrors)
    }

    @Test func apiRulesOnSingleRows() {
        func build(_ pairs: [(JobColumn, String)]) -> BuiltRow {
            RowBuilder.build(row: 2, cells: pairs.map { FieldCell(column: $0.0, name: $0.0.csvName, raw: $0.1) })
        }
        let ok = build([(.phoneNumber, "79001234567"), (.setting(.source), "yandex"), (.setting(.redirectNumber), "74951234567"),
                        (.setting(.reserveNumber), "74957654321"), (.setting(.reserveTimeOut), "10")])
        #expect(ok.problems.isEmpty)
        #expect(ok.jobRow?.settings.redirectOptions?.reserve?.reserveTimeOut == 10)

        #expect(build([(.phoneNumber, "79001234567"), (.setting(.reserveTimeOut), "121"), (.setting(.reserveNumber), "74957654321"),
                       (.setting(.redirectNumber), "74951234567")]).problems.map(\.code) == [.reserveTimeoutRange])
        #expect(build([(.phoneNumber, "79001234567"), (.setting(.reserveNumber), "74957654321"), (.setting(.reserveTimeOut), "30")])
            .problems.map(\.code) == [.reservePrimaryRequired])
        #expect(build([(.phoneNumber, "79001234567"), (.setting(.ignoreEarlyMedia), "да"), (.setting(.redirectNumber), "74951234567")])
            .problems.map(\.code) == [.reserveNumberRequired, .reserveTimeoutRequired])
        #expect(build([(.phoneNumber, "79001234567"), (.redirectType, "PSTN")]).problems.map(\.code) == [.redirectNumberRequired])
        #expect(build([(.phoneNumber, "79001234567"), (.redirectType, "SIP"), (.setting(.redirectNumber), "74951234567")])
            .problems.map(\.code) == [.redirectTypeInvalid])
        #expect(build([(.phoneNumber, "79001234567"), (.setting(.poolName), "A"), (.setting(.reserveNumber), "79001234567"),
                       (.setting(.reserveTimeOut), "30"), (.setting(.redirectNumber), "74951234567")])
            .problems.map(\.code) == [.reserveLoop])
        #expect(build([(.phoneNumber, "79001234567"), (.setting(.poolName), "A"), (.setting(.reserveTimeOut), "30.0"),
                       (.setting(.reserveNumber), "74957654321"), (.setting(.redirectNumber), "74951234567")])
            .problems.map(\.code) == [.timeoutFloatTail])
        #expect(build([(.phoneNumber, ""), (.setting(.poolName), "A")]).problems.map(\.code) == [.phoneMissing])
        #expect(build([(.phoneNumber, "79001234567"), (.setting(.poolName), "#ССЫЛКА!")]).problems.map(\.code) == [.excelError])
        // A pool name alone is enough.
        #expect(build([(.phoneNumber, "79001234567"), (.setting(.poolName), "A")]).problems.isEmpty)
    }

    @Test func problemLimitKeepsCountsComplete() throws {
        let reader = try JobFileReader(path: example("typical-mistakes.csv"))
        let result = Validator.validate(reader, problemLimit: 3)
        // The limit counts each severity on its own: notes never crowd out an error.
        #expect(result.problems.filter { $0.severity == .error }.count == 3)
        #expect(result.problems.count == 6)
        #expect(result.severityCounts == [.error: 14, .warning: 2, .note: 1])
        #expect(result.problemCount == 17)
        #expect(result.summary.withErrors == 14)
    }

    @Test func messagesExistInBothLanguagesForEveryCode() {
        for code in ProblemCode.allCases {
            let problem = Problem(code, row: 1, details: ["otherRow": "5", "normalized": "79001234567", "status": "waiting",
                                                          "usedBy": "campaign X", "encoding": "UTF-8", "field": "f", "reason": "r"])
            let en = problem.message(.en), ru = problem.message(.ru)
            #expect(!en.isEmpty && !ru.isEmpty && en != ru, "\(code)")
            #expect(ru.unicodeScalars.contains { (0x410...0x44F).contains($0.value) }, "\(code) Russian message has Cyrillic")
        }
    }
}

@Suite struct JSONJobTests {
    @Test func apiShapedArrayIsAJob() throws {
        let (_, rows) = try readRows(example("api-body.json"))
        #expect(rows.count == 2)
        let row = try #require(rows.first?.built.jobRow)
        #expect(rows.first?.built.problems.isEmpty == true)
        #expect(row.settings == NumberSettings(
            poolName: "Весна",
            displayOptions: DisplayOptions(source: "yandex", medium: "cpc", campaign: "spring", content: "ad-1", keyword: "окна"),
            redirectOptions: RedirectOptions(redirectNumber: phone("74951234567"),
                                             reserve: ReserveRedirect(reserveNumber: phone("74957654321"), reserveTimeOut: 30,
                                                                      ignoreEarlyMedia: true))))
    }

    @Test func defaultsFillWhatRowsLeaveOut() throws {
        let (_, rows) = try readRows(example("api-defaults.json"))
        #expect(rows.map { $0.built.jobRow?.settings.displayOptions?.campaign } == ["brand", "generic", nil])
        #expect(rows.map { $0.built.jobRow?.settings.poolName } == ["Весна", "Весна", "Осень"])
        #expect(rows.allSatisfy { $0.built.jobRow?.settings.redirectOptions?.redirectNumber == phone("74951234567") })
        #expect(rows[2].built.jobRow?.settings.displayOptions?.source == "yandex")
    }

    @Test func theSeedsBodyCopiedVerbatimIsAOneRowJob() throws {
        let dir = TempDir()
        let body = #"{ "phoneNumber": "79001234567", "displayOptions": { "source": "string", "medium": "string", "campaign": "string", "content": "string", "keyword": "string" }, "redirectOptions": { "redirectType": "PSTN", "ptsnOptions": { "redirectNumber": "74951234567" }, "reserveRedirect": { "reserveNumber": "74957654321", "reserveTimeOut": 30, "ignoreEarlyMedia": true } }, "poolName": "string" }"#
        let result = try validate(dir.write("one.json", body))
        #expect(result.summary.rowsRead == 1)
        #expect(!result.hasErrors)
        #expect(result.rows.first?.settings.redirectOptions?.reserve?.reserveTimeOut == 30)
    }

    @Test func problemsNameTheJSONPath() throws {
        let dir = TempDir()
        let path = dir.write("bad.json", #"[{"phoneNumber": 79001234567, "poolName": "A", "colour": "red"}, {"phoneNumber": "123", "redirectOptions": {"ptsnOptions": {"redirectNumber": "7,9E+10"}}}]"#)
        let result = try validate(path)
        #expect(codes(result, row: 1) == ["json.unknown_key"])
        #expect(result.rows.first?.phoneNumber == phone("79001234567"))  // a JSON number is accepted
        let row2 = result.problems.filter { $0.row == 2 }
        #expect(row2.contains { $0.code == .phoneLength && $0.column == "phoneNumber" })
        #expect(row2.contains { $0.code == .phoneScientific && $0.column == "redirectOptions.ptsnOptions.redirectNumber" })
    }

    @Test func syntaxErrorsAndWrongShapesAreFileProblems() throws {
        let dir = TempDir()
        #expect(try validate(dir.write("s.json", "[{\"phoneNumber\": ")).problems.first?.code == .jsonSyntax)
        #expect(try validate(dir.write("t.json", "42")).problems.first?.code == .jsonShape)
    }
}

@Suite struct ClearMarkerTests {
    func build(_ pairs: [(JobColumn, String)]) -> BuiltRow {
        RowBuilder.build(row: 2, cells: pairs.map { FieldCell(column: $0.0, name: $0.0.csvName, raw: $0.1) })
    }

    @Test func bracketsClearOptionalDisplayTexts() throws {
        let row = try #require(build([(.phoneNumber, "79001234567"), (.setting(.source), "yandex"), (.setting(.keyword), "[]")]).jobRow)
        #expect(row.settings.displayOptions?.keyword == "")
        let live = NumberSettings(poolName: "A", displayOptions: DisplayOptions(source: "yandex", keyword: "окна"))
        #expect(row.settings.changes(from: live) == [FieldChange(field: .keyword, from: "окна", to: nil)])
        #expect(live.merging(row.settings).displayOptions == DisplayOptions(source: "yandex"))
        // Nothing to clear: no change.
        #expect(row.settings.changes(from: NumberSettings(displayOptions: DisplayOptions(source: "yandex"))).isEmpty)
        // A free number never gets the marker.
        #expect(row.settings.withoutClears.displayOptions == DisplayOptions(source: "yandex"))
    }

    @Test func bracketsAreRefusedWhereAFieldCannotBeCleared() {
        #expect(build([(.phoneNumber, "79001234567"), (.setting(.poolName), "[]"), (.setting(.source), "x")]).problems.map(\.code)
                == [.clearNotAllowed])
        #expect(build([(.phoneNumber, "79001234567"), (.setting(.source), "[]")]).problems.map(\.code).contains(.clearNotAllowed))
    }

    @Test func jobWriterWritesTheMarkerBack() {
        let row = JobRow(row: 2, phoneNumber: phone("79001234567"),
                         settings: NumberSettings(displayOptions: DisplayOptions(source: "s", keyword: "")))
        #expect(JobWriter.cells(row)[6] == "[]")
    }
}
