@testable import CTBulkCore
import CTBulkTestSupport
import Foundation
import Testing

@Suite struct CSVReadingTests {
    @Test func readsWindows1251SemicolonAsExcelWritesIt() throws {
        let (reader, rows) = try readRows(example("excel-cp1251-semicolon.csv"))
        let layout = try #require(reader.csv)
        #expect(layout.dialect.encoding == .windows1251)
        #expect(!layout.encodingGuessed)
        #expect(layout.dialect.delimiter == UInt8(ascii: ";"))
        #expect(!layout.dialect.hasBOM)
        #expect(layout.dialect.lineEnding == "\r\n")
        #expect(layout.header.first == "Номер")
        #expect(layout.columns.first == .phoneNumber)
        // Trailing empty rows (";;;;" and a blank line) are dropped.
        #expect(rows.filter { !$0.isBlank }.count == 4)
        #expect(rows.count == 4)
        let first = try #require(rows.first?.built.jobRow)
        #expect(first.row == 2)
        #expect(first.phoneNumber == phone("79001234567"))
        #expect(first.settings.poolName == "Весна")
        #expect(first.settings.displayOptions?.keyword == "пластиковые окна")
        #expect(first.settings.redirectOptions?.redirectNumber == phone("74951234567"))
        let second = try #require(rows[1].built.jobRow)
        #expect(second.settings.displayOptions?.keyword == "окна; двери")  // quoted delimiter
        #expect(second.settings.redirectOptions?.reserve == ReserveRedirect(reserveNumber: phone("74957654321"), reserveTimeOut: 30, ignoreEarlyMedia: true))
        #expect(rows[2].built.jobRow?.settings.displayOptions?.content == "баннер \"Скидка\"")  // doubled quotes
        #expect(rows[3].built.jobRow?.settings.redirectOptions?.reserve?.ignoreEarlyMedia == false)  // ЛОЖЬ
    }

    @Test func readsUTF8WithBOMCommaAndMultiLineCells() throws {
        let (reader, rows) = try readRows(example("excel-utf8-bom.csv"))
        let layout = try #require(reader.csv)
        #expect(layout.dialect == CSVDialect(encoding: .utf8, hasBOM: true, delimiter: UInt8(ascii: ","), lineEnding: "\r\n"))
        #expect(layout.header.first == "phone_number")  // no BOM glued to the first header
        #expect(rows.count == 3)
        // The multi-line cell is read whole; a line break in a field the API takes is an error (its fields are
        // single-line).
        #expect(rows[0].cells[5] == "line one\nline two")
        #expect(rows[0].built.problems.map(\.code) == [.controlCharacter])
        #expect(rows[0].built.problems.first?.column == "content")
        #expect(rows[0].built.problems.first?.details["character"] == "\\n")
        #expect(rows[0].built.jobRow?.settings.displayOptions?.campaign == "spring, 2026")
        // The multi-line cell is one spreadsheet row: the next record is row 3.
        #expect(rows[1].row == 3)
        #expect(rows[2].built.jobRow?.settings == NumberSettings(redirectOptions: RedirectOptions(redirectNumber: phone("74951234567"))))
    }

    @Test func readsUTF16UnicodeTextTabSeparated() throws {
        let (reader, rows) = try readRows(example("excel-unicode-text.txt"))
        let layout = try #require(reader.csv)
        #expect(layout.dialect.encoding == .utf16LE)
        #expect(layout.dialect.delimiter == 0x09)
        #expect(rows.count == 2)
        #expect(rows[0].built.jobRow?.settings.poolName == "Зима")
        #expect(rows[1].built.jobRow?.settings.redirectOptions?.reserve?.reserveTimeOut == 20)
        #expect(rows[1].built.jobRow?.settings.redirectOptions?.reserve?.ignoreEarlyMedia == false)
    }

    @Test func honoursSepLineAndNumbersRowsAsExcelShowsThem() throws {
        let dir = TempDir()
        let path = dir.write("sep.csv", "sep=;\nphone;pool\n79001234567;A\n\n79001234568;B\n\n\n")
        let (reader, rows) = try readRows(path)
        #expect(reader.csv?.dialect.hasSepLine == true)
        #expect(reader.csv?.dialect.delimiter == UInt8(ascii: ";"))
        #expect(reader.csv?.dialect.lineEnding == "\n")
        // Excel hides the sep line: header is row 1; the blank row in the middle is row 3 and is kept; trailing
        // blank rows are dropped.
        #expect(rows.map(\.row) == [2, 3, 4])
        #expect(rows.map(\.isBlank) == [false, true, false])
        #expect(rows[2].built.jobRow?.phoneNumber == phone("79001234568"))
    }

    @Test func sniffsDelimiterRespectingQuotes() throws {
        let dir = TempDir()
        // Commas inside quoted cells must not make "," win over ";".
        let path = dir.write("q.csv", "phone;campaign;source\n79001234567;\"a,b,c,d\";x\n79001234568;\"e,f\";y\n")
        let (reader, rows) = try readRows(path)
        #expect(reader.csv?.dialect.delimiter == UInt8(ascii: ";"))
        #expect(rows[0].built.jobRow?.settings.displayOptions?.campaign == "a,b,c,d")
    }

    @Test func overridesWinOverDetection() throws {
        let dir = TempDir()
        let path = dir.write("o.csv", bytes: Windows1251.encode("Номер|Пул\r\n79001234567|Весна\r\n"))
        let (reader, rows) = try readRows(path, options: JobReadOptions(encoding: .windows1251, delimiter: UInt8(ascii: "|")))
        #expect(reader.csv?.encodingGiven == true)
        #expect(reader.csv?.delimiterGiven == true)
        #expect(rows.first?.built.jobRow?.settings.poolName == "Весна")
    }

    @Test(arguments: [
        ("phone_number", JobColumn.phoneNumber), ("Phone Number", .phoneNumber), ("НОМЕР", .phoneNumber),
        ("Телефон", .phoneNumber), ("номер\u{00A0}телефона", .phoneNumber), ("phoneNumber", .phoneNumber),
        ("pool_name", .setting(.poolName)), ("Пул", .setting(.poolName)),
        ("Источник", .setting(.source)), ("displayOptions.source", .setting(.source)), ("Канал", .setting(.medium)),
        ("Кампания", .setting(.campaign)), ("Объявление", .setting(.content)), ("Ключевое слово", .setting(.keyword)),
        ("ключевое_слово", .setting(.keyword)), ("Номер переадресации", .setting(.redirectNumber)),
        ("redirect_number", .setting(.redirectNumber)), ("Резервный номер", .setting(.reserveNumber)),
        ("Таймаут", .setting(.reserveTimeOut)), ("Таймаут, с", .setting(.reserveTimeOut)),
        ("reserve_timeout", .setting(.reserveTimeOut)), ("ignore_early_media", .setting(.ignoreEarlyMedia)),
        ("redirectOptions.reserveRedirect.ignoreEarlyMedia", .setting(.ignoreEarlyMedia)),
        ("Тип переадресации", .redirectType),
    ] as [(String, JobColumn)])
    func headerAliases(header: String, column: JobColumn) {
        #expect(HeaderMapping.column(for: header) == column)
    }

    @Test func unknownColumnIsAWarningAndMissingPhoneColumnAnError() throws {
        let dir = TempDir()
        let unknown = try validate(dir.write("u.csv", "Номер;Пул;Комментарий\n79001234567;A;hi\n"))
        #expect(unknown.problems.contains { $0.code == .headerUnknown && $0.column == "Комментарий" && $0.severity == .warning })
        #expect(!unknown.hasErrors)
        #expect(unknown.rows.count == 1)

        let missing = try validate(dir.write("m.csv", "Пул;Источник\nA;yandex\n"))
        #expect(missing.problems.first?.code == .headerPhoneMissing)
        #expect(missing.hasErrors)
        #expect(missing.summary.rowsRead == 0)

        let duplicate = try validate(dir.write("d.csv", "Номер;Телефон\n79001234567;79001234568\n"))
        #expect(duplicate.problems.contains { $0.code == .headerDuplicate && $0.column == "Телефон" })
    }

    @Test func extraCellsAndEncodingErrorsAreReportedOnTheirRow() throws {
        let dir = TempDir()
        var bytes = Array("phone,pool\n79001234567,A,unexpected\n79001234568,".utf8)
        bytes += [0xFF, 0xFE, 0x41]  // not UTF-8, after a valid sample start
        bytes += Array("\n".utf8)
        let result = try validate(dir.write("x.csv", bytes: bytes), options: JobReadOptions(encoding: .utf8))
        #expect(codes(result, row: 2) == ["row.extra_cells"])
        #expect(codes(result, row: 3).contains("file.encoding"))
    }

    @Test func unterminatedQuoteStopsWithASyntaxErrorNamingTheRow() throws {
        let dir = TempDir()
        let result = try validate(dir.write("bad.csv", "phone;pool\n79001234567;A\n79001234568;\"B\n"))
        #expect(result.stoppedAt?.code == .fileCSVSyntax)
        #expect(result.stoppedAt?.row == 3)
        #expect(result.hasErrors)
        #expect(result.rows.map(\.row) == [2])
    }

    @Test func readsAFileLargerThanOneChunkWithRowsSpanningChunkBoundaries() throws {
        let dir = TempDir()
        var text = "Номер;Пул;Кампания\r\n"
        let count = 30_000
        for i in 0..<count { text += "7900\(String(format: "%07d", i));Пул \(i % 7);\"кампания; \(i)\"\r\n" }
        let path = dir.write("big.csv", bytes: Windows1251.encode(text))
        var seen = 0
        var lastRow = 0
        let reader = try JobFileReader(path: path)
        try reader.forEachRow { row in
            seen += 1
            lastRow = row.row
            #expect(row.built.jobRow?.settings.displayOptions?.campaign == "кампания; \(row.row - 2)")
        }
        #expect(seen == count)
        #expect(lastRow == count + 1)
        #expect(reader.csv?.dialect.encoding == .windows1251)
    }
}
