@testable import CTBulkCore
import CTBulkTestSupport
import Foundation
import Testing

/// Workbooks written by LibreOffice Calc (`scripts/make-xlsx-fixtures.py`), read through the same row path as CSV.
@Suite struct XLSXReadingTests {
    func fixture(_ name: String) -> String { repoPath("Tests/Fixtures/xlsx/\(name)") }

    @Test func readsNumbersStoredAsNumbersFormulasBooleansAndExcelRowNumbers() throws {
        let (reader, rows) = try readRows(fixture("numbers.xlsx"))
        #expect(reader.kind == .xlsx)
        let layout = try #require(reader.csv)
        #expect(layout.sheet == "Номера")
        #expect(layout.header.first == "Номер")
        #expect(layout.columns.first == .phoneNumber)
        #expect(layout.columns[7] == .setting(.reserveTimeOut))
        #expect(reader.fileProblems.isEmpty)
        // Row 4 is empty (the file has no <row r="4">): reported as empty, as a blank CSV line is.
        #expect(rows.map(\.row) == [2, 3, 4, 5, 6, 7])
        #expect(rows[2].isBlank)

        // 79991234567 stored as a number reads as its exact digits, never 7.9E+10.
        #expect(rows[0].cells[0] == "79991234567")
        #expect(rows[0].cells[5] == "74951234567")
        #expect(rows[0].numberCells == [0, 5])
        let first = try #require(rows[0].built.jobRow)
        #expect(first.phoneNumber == phone("79991234567"))
        #expect(first.settings.redirectOptions?.redirectNumber == phone("74951234567"))
        #expect(rows[0].built.problems.isEmpty)

        // A string formula by its cached value, a number time-out, a boolean TRUE.
        #expect(rows[1].cells[4] == "весна-2026")
        #expect(rows[1].cells[8] == "TRUE")
        let second = try #require(rows[1].built.jobRow)
        #expect(second.phoneNumber == phone("79991234568"))
        #expect(second.settings.displayOptions?.campaign == "весна-2026")
        #expect(second.settings.redirectOptions?.reserve == ReserveRedirect(reserveNumber: phone("74957654321"),
                                                                            reserveTimeOut: 30, ignoreEarlyMedia: true))
        // A number formula (=20+10) by its cached value; FALSE.
        let third = try #require(rows[3].built.jobRow)
        #expect(third.settings.redirectOptions?.reserve?.reserveTimeOut == 30)
        #expect(third.settings.redirectOptions?.reserve?.ignoreEarlyMedia == false)
    }

    @Test func refusesDatesInPhoneAndTimeOutColumnsNamingRowColumnAndValue() throws {
        let result = try validate(fixture("numbers.xlsx"))
        let redirect = try #require(result.problems.first { $0.row == 6 })
        #expect(redirect.code == .cellDate)
        #expect(redirect.severity == .error)
        #expect(redirect.column == "Номер переадресации")
        #expect(redirect.value == "2024-03-01")
        // The date error replaces what the date would otherwise have caused in that column.
        #expect(codes(result, row: 6) == ["cell.date"])
        let timeout = try #require(result.problems.first { $0.row == 7 && $0.code == .cellDate })
        #expect(timeout.column == "Таймаут")
        #expect(timeout.value == "1900-01-31")  // day 31 of Excel's 1900 system, as Excel shows it
        #expect(redirect.rendered(.en).contains("row 6, column \"Номер переадресации\" (\"2024-03-01\")"))
        #expect(redirect.message(.ru).contains("формат даты"))
        // The 10-digit number stored as a number is normalised like typed text; the text "=1+1" is plain text.
        #expect(codes(result, row: 7).contains("phone.normalized"))
        #expect(result.summary.withErrors == 2)
        #expect(result.summary.blank == 1)
        #expect(result.rows.map(\.row) == [2, 3, 5])
    }

    @Test func readsTheSameRowsAsTheCSVItWasSavedFrom() throws {
        // LibreOffice opened examples/excel-utf8-bom.csv and saved it as .xlsx; jobs/demo.xlsx likewise from jobs/demo.csv.
        for (csv, xlsx) in [(example("excel-utf8-bom.csv"), fixture("excel-utf8-bom.xlsx")),
                            (repoPath("jobs/demo.csv"), repoPath("jobs/demo.xlsx"))] {
            let fromCSV = try validate(csv)
            let fromXLSX = try validate(xlsx)
            #expect(fromXLSX.rows == fromCSV.rows, "\(xlsx)")
            #expect(fromXLSX.problems.map(\.code) == fromCSV.problems.map(\.code), "\(xlsx)")
            #expect(fromXLSX.problems.map(\.row) == fromCSV.problems.map(\.row), "\(xlsx)")
            #expect(fromXLSX.summary == fromCSV.summary, "\(xlsx)")
            #expect(fromXLSX.csv?.header == fromCSV.csv?.header, "\(xlsx)")
        }
    }

    @Test func readsTheFirstSheetOrTheOneNamed() throws {
        // The first sheet holds instructions: no phone column, and the layout names the other sheets.
        let first = try JobFileReader(path: fixture("sheets.xlsx"))
        #expect(first.csv?.sheet == "Инструкция")
        #expect(first.csv?.otherSheets == ["Номера", "Архив"])
        #expect(first.fileProblems.map(\.code) == [.headerPhoneMissing])
        // Unrecognised headers are column problems (known once the rows show whether their columns hold data).
        #expect(first.columnProblems.map(\.code) == [.headerUnknown])

        var options = JobReadOptions()
        options.sheet = "номера"  // case ignored, as Excel does
        let (reader, rows) = try readRows(fixture("sheets.xlsx"), options: options)
        #expect(reader.csv?.sheet == "Номера")
        #expect(rows.compactMap(\.built.jobRow).map(\.phoneNumber) == [phone("79991234567"), phone("79991234568")])
    }

    @Test func anUnknownSheetIsAnErrorListingTheSheets() throws {
        var options = JobReadOptions()
        options.sheet = "Лист1"
        let error = try #require(throws: JobFileError.self) { try JobFileReader(path: fixture("sheets.xlsx"), options: options) }
        #expect(error.code == "file.sheet_unknown")
        let text = error.message(.ru)
        #expect(text.contains("«Лист1»"))
        #expect(text.contains("«Инструкция», «Номера», «Архив»"))
        #expect(error.message(.en).contains("--sheet"))
    }

    @Test func otherSpreadsheetFormatsSayHowToSaveAsXLSXOrCSV() throws {
        let folder = TempDir()
        for (name, key) in [("old.xls", "Excel 97"), ("calc.ods", "Excel 2007-365"), ("mac.numbers", "Export To")] {
            let path = folder.write(name, "whatever")
            let error = try #require(throws: JobFileError.self) { try JobFileReader(path: path) }
            #expect(error.code == "file.unsupported_format")
            #expect(error.message(.en).contains(key), "\(name)")
            #expect(error.message(.en).contains("CSV"), "\(name)")
        }
        // An old binary workbook renamed to .xlsx is recognised by its signature.
        let renamed = folder.write("renamed.xlsx", bytes: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 504))
        let old = try #require(throws: JobFileError.self) { try JobFileReader(path: renamed) }
        #expect(old.message(.ru).contains("Книга Excel (*.xlsx)"))
        // Not a zip at all.
        let text = folder.write("text.xlsx", "phone\n79991234567\n")
        let notZip = try #require(throws: JobFileError.self) { try JobFileReader(path: text) }
        #expect(notZip.code == "file.unreadable")
        #expect(notZip.message(.en).contains("text.xlsx: not a readable Excel workbook"))
        // Missing: the usual error.
        let missing = try #require(throws: JobFileError.self) { try JobFileReader(path: folder.path("none.xlsx")) }
        #expect(missing.reason == .notFound)
    }

    @Test func numbersAndDatesAsPeopleSeeThem() {
        #expect(WorkbookValues.numberText(79991234567, raw: "79991234567") == "79991234567")
        #expect(WorkbookValues.numberText(7.9991234567e10, raw: "7.9991234567E10") == "79991234567")
        #expect(WorkbookValues.numberText(30, raw: "30") == "30")
        #expect(WorkbookValues.numberText(0.1 + 0.2, raw: "0.30000000000000004") == "0.3")
        #expect(WorkbookValues.numberText(-12.5, raw: "-12.5") == "-12.5")
        #expect(WorkbookValues.dateText(serial: 45352, date1904: false) == "2024-03-01")
        #expect(WorkbookValues.dateText(serial: 45352.5, date1904: false) == "2024-03-01 12:00:00")
        #expect(WorkbookValues.dateText(serial: 0.25, date1904: false) == "06:00:00")
        #expect(WorkbookValues.dateText(serial: 0, date1904: true) == "1904-01-01")
        #expect(WorkbookValues.dateText(serial: 1, date1904: false) == "1900-01-01")
        #expect(WorkbookValues.dateText(serial: 60, date1904: false) == "1900-02-29")  // Excel's phantom day
        #expect(WorkbookValues.dateText(serial: 61, date1904: false) == "1900-03-01")
        #expect(WorkbookStyles.isDateFormat("dd\\.mm\\.yyyy"))
        #expect(WorkbookStyles.isDateFormat("[h]:mm"))
        #expect(WorkbookStyles.isDateFormat("[$-419]DD MMMM YYYY"))
        #expect(!WorkbookStyles.isDateFormat("General"))
        #expect(!WorkbookStyles.isDateFormat("0.00"))
        #expect(!WorkbookStyles.isDateFormat("#,##0\\ [$руб.-419]"))
        #expect(!WorkbookStyles.isDateFormat("\"TRUE\";\"TRUE\";\"FALSE\""))
        #expect(WorkbookText.unescape(Array("a_x000D_b_x005F_x0041_".utf8)) == Array("a\rb_x0041_".utf8))
    }
}
