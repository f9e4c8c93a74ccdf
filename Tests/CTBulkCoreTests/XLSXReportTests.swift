@testable import CTBulkCore
import CTBulkTestSupport
import Foundation
import Testing

/// What openpyxl (a real reader, `scripts/xlsx-dump.py`) sees in a workbook ctbulk wrote.
struct OpenedWorkbook {
    struct Cell {
        var value: Any?
        var type: String
        var format: String
        var fill: String?
        var comment: String?
        var text: String? { value.map { "\($0)" } }
    }

    var sheets: [String]
    var freeze: String?
    var autofilter: String?
    var widths: [String: Double]
    var rows: [[Cell]]

    /// Whether python3 with openpyxl is here (CI installs it: `.ci/run`).
    static let readerAvailable: Bool = run(["-c", "import openpyxl"]).status == 0

    static func open(_ path: String) throws -> OpenedWorkbook {
        let result = run([repoPath("scripts/xlsx-dump.py"), path])
        guard result.status == 0, let object = try JSONSerialization.jsonObject(with: result.output) as? [String: Any] else {
            throw ReaderFailure(status: result.status, output: String(decoding: result.output, as: UTF8.self))
        }
        let rows = (object["rows"] as? [[[String: Any]]] ?? []).map { row in
            row.map { cell in
                Cell(value: cell["value"] is NSNull ? nil : cell["value"], type: cell["type"] as? String ?? "",
                     format: cell["format"] as? String ?? "", fill: cell["fill"] as? String,
                     comment: cell["comment"] as? String)
            }
        }
        return OpenedWorkbook(sheets: object["sheets"] as? [String] ?? [], freeze: object["freeze"] as? String,
                              autofilter: object["autofilter"] as? String,
                              widths: object["widths"] as? [String: Double] ?? [:], rows: rows)
    }

    struct ReaderFailure: Error { var status: Int32; var output: String }

    private static func run(_ arguments: [String]) -> (status: Int32, output: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return (127, Data()) }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, data)
    }
}

@Suite(.enabled(if: OpenedWorkbook.readerAvailable, "needs python3 with openpyxl: pip install openpyxl"))
struct XLSXReportTests {
    @Test func workbookWriterMarksCellsAndNeverWritesFormulas() throws {
        let folder = TempDir()
        let path = folder.path("report.xlsx")
        let writer = try SpreadsheetFile.open(path: path, csvDialect: .excel, sheetName: "Номера")
        #expect(writer is WorkbookWriter)
        try writer.writeHeader(["Номер", "Кампания", "Таймаут", "status"])
        try writer.writeRow([SpreadsheetCell("79991234567", isNumber: true),
                             SpreadsheetCell("=HYPERLINK(\"http://x\")", mark: .error, note: "Плохая кампания"),
                             SpreadsheetCell("30.5", isNumber: true), SpreadsheetCell("error", mark: .error)])
        try writer.writeRow([SpreadsheetCell("+79991234568"), SpreadsheetCell("@SUM(A1)", mark: .warning, note: "Проверьте"),
                             SpreadsheetCell(""), SpreadsheetCell("warning", mark: .warning)])
        try writer.writeRow([SpreadsheetCell("-1"), SpreadsheetCell("весна", mark: .changed), SpreadsheetCell("not a number", isNumber: true),
                             SpreadsheetCell("ok")])
        #expect(!FileManager.default.fileExists(atPath: path))  // nothing at the path before close
        try writer.close()

        let book = try OpenedWorkbook.open(path)
        #expect(book.sheets == ["Номера"])
        #expect(book.freeze == "A2")
        #expect(book.autofilter == "A1:D4")
        #expect(book.widths.count == 4)
        #expect((book.widths["B"] ?? 0) > (book.widths["D"] ?? 0))
        #expect(book.rows.count == 4)
        // No formula anywhere: the formula-like texts are strings.
        #expect(book.rows.allSatisfy { $0.allSatisfy { $0.type != "f" } })
        let first = book.rows[1]
        #expect(first[0].type == "n")
        #expect(first[0].value as? Int == 79991234567)
        #expect(first[0].format == "0")  // all the digits shown, never 7.99E+10
        #expect(first[1].type == "s")
        #expect(first[1].text == "=HYPERLINK(\"http://x\")")
        #expect(first[1].fill == "FFC7CE")
        #expect(first[1].comment?.contains("Плохая кампания") == true)
        #expect(first[2].value as? Double == 30.5)
        #expect(first[3].fill == "FFC7CE")
        let second = book.rows[2]
        #expect(second[0].text == "+79991234568")
        #expect(second[0].type == "s")
        #expect(second[1].text == "@SUM(A1)")
        #expect(second[1].fill == "FFEB9C")
        #expect(second[1].comment?.contains("Проверьте") == true)
        #expect(second[3].fill == "FFEB9C")
        let third = book.rows[3]
        #expect(third[0].text == "-1" && third[0].type == "s")
        #expect(third[1].fill == "DDEBF7")
        #expect(third[1].comment == nil)
        #expect(third[2].text == "not a number")
    }

    @Test func validationReportOfAWorkbookIsAWorkbookWithTheUsersCellsAndMarks() throws {
        let path = TempDir().path("checked.xlsx")
        let reader = try JobFileReader(path: repoPath("Tests/Fixtures/xlsx/numbers.xlsx"))
        try ValidationReport.write(to: path, reader: reader, result: Validator.validate(reader, problemLimit: nil), language: .ru)

        let book = try OpenedWorkbook.open(path)
        #expect(book.sheets == ["Номера"])  // the input's sheet name
        #expect(book.freeze == "A2")
        #expect(book.autofilter == "A1:M7")
        let header = book.rows[0].map(\.text)
        #expect(header == ["Номер", "Пул", "Источник", "Канал", "Кампания", "Номер переадресации", "Резервный номер",
                           "Таймаут", "Игнорировать гудки", "строка", "статус", "код", "сообщение"])  // the report's language
        // Row 2: numbers as the user had them (numbers), outcome ok.
        let row2 = book.rows[1]
        #expect(row2[0].type == "n" && row2[0].value as? Int == 79991234567)
        #expect(row2[5].type == "n")
        #expect(row2[9].value as? Int == 2)
        #expect(row2[10].text == "без ошибок" && row2[10].fill == nil)
        // Row 4 (empty in the input) is there, as empty.
        #expect(book.rows[3][10].text == "пустая строка")
        // Row 6: the date in the redirect column is red with the message as its comment.
        let row6 = book.rows[5]
        #expect(row6[5].fill == "FFC7CE")
        #expect(row6[5].comment?.contains("формат даты") == true)
        #expect(row6[10].text == "ошибка" && row6[10].fill == "FFC7CE")
        #expect(row6[11].text?.contains("cell.date") == true)
        // Row 7: the text "=1+1" stays that text, not a formula.
        let row7 = book.rows[6]
        #expect(row7[4].text == "=1+1" && row7[4].type == "s")
        #expect(book.rows.allSatisfy { $0.allSatisfy { $0.type != "f" } })
    }
}

/// A workbook far larger than a chunk, written by libxlsxwriter (``WorkbookWriter``), read back in constant memory.
@Suite struct XLSXLargeWorkbookTests {
    @Test func readsAHundredThousandRowWorkbook() throws {
        let folder = TempDir()
        let path = folder.path("large.xlsx")
        let writer = try WorkbookWriter(path: path, sheetName: "Номера")
        try writer.writeHeader(["Номер", "Пул", "Источник", "Кампания", "Номер переадресации", "Таймаут", "Резервный номер"])
        let count = 100_000
        for index in 0..<count {
            let number = String(79_000_000_000 + index)
            try writer.writeRow([SpreadsheetCell(number, isNumber: true), SpreadsheetCell("Пул \(index % 7)"),
                                 SpreadsheetCell("yandex"), SpreadsheetCell("кампания-\(index)"),
                                 SpreadsheetCell("74951234567", isNumber: true),
                                 SpreadsheetCell(index == 77_777 ? "7" : "30", isNumber: true),
                                 SpreadsheetCell("74957654321", isNumber: true)])
        }
        try writer.close()

        let reader = try JobFileReader(path: path)
        let result = Validator.validate(reader, problemLimit: 10, collectRows: true)
        #expect(result.summary.rowsRead == count)
        #expect(result.summary.withErrors == 1)
        #expect(result.problems.map(\.code) == [.reserveTimeoutRange])
        #expect(result.problems.first?.row == 77_779)  // Excel's row: header on row 1, index 77,777 on row 77,779
        #expect(result.rows.count == count - 1)
        #expect(result.rows.last?.phoneNumber == phone(String(79_000_000_000 + count - 1)))
        #expect(result.rows.last?.row == count + 1)
        #expect(result.rows[12_345].settings.displayOptions?.campaign == "кампания-12345")
    }
}
