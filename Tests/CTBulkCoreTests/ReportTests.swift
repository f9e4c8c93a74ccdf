@testable import CTBulkCore
import CTBulkTestSupport
import Foundation
import Testing

@Suite struct ReportTests {
    @Test func reportKeepsTheInputDialectAndEveryRow() throws {
        let dir = TempDir()
        let reader = try JobFileReader(path: example("typical-mistakes.csv"))
        let result = Validator.validate(reader, problemLimit: nil)
        let out = dir.path("report.csv")
        try ValidationReport.write(to: out, reader: reader, result: result, language: .ru)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: out)))
        // Still Windows-1251 without a BOM, `;`, CRLF.
        #expect(!bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(String(validating: bytes, as: UTF8.self) == nil)
        let text = Windows1251.decode(bytes)
        let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first?.hasSuffix("Игнорировать early media;строка;статус;код;сообщение") == true)
        #expect(lines.count == 20)  // header + 19 rows

        // Read it back as a job: same columns, and the added columns (in the report's language) are unknown, ignored.
        let back = try validate(out)
        #expect(back.summary.rowsRead == 19)
        let statuses = back.problems.filter { $0.code == .headerUnknown }.compactMap(\.column)
        #expect(statuses == ["строка", "статус", "код", "сообщение"])
        let (_, rows) = try readRows(out)
        let statusIndex = try #require(back.csv?.header.firstIndex(of: "статус"))
        let (e, w, ok) = ("ошибка", "предупреждение", "без ошибок")
        #expect(rows.map { $0.cells[statusIndex] } == [e, e, e, e, e, e, e, e, e, w, e, e, ok, w, e, e, ok, ok, e])
        let codeIndex = statusIndex + 1
        #expect(rows[10].cells[codeIndex] == "duplicate.conflict")
        #expect(rows[0].cells[codeIndex + 1].contains("экспоненциальном"))
        // The formula-looking cell is neutralised in the report, and reading it back restores the value.
        let campaignIndex = try #require(back.csv?.header.firstIndex(of: "Кампания"))
        #expect(rows[16].cells[campaignIndex] == "'=HYPERLINK(\"x\")")
        #expect(rows[16].built.jobRow?.settings.displayOptions?.campaign == "=HYPERLINK(\"x\")")
    }

    @Test(arguments: ["=1+1", "+79001234567", "-5", "@SUM(A1)", "\tx"])
    func formulaCellsAreNeutralised(cell: String) {
        #expect(CSVWriter.neutralise(cell) == "'" + cell)
    }

    @Test func plainCellsAreLeftAlone() {
        #expect(CSVWriter.neutralise("79001234567") == "79001234567")
        #expect(CSVWriter.neutralise("Весна") == "Весна")
    }

    @Test func utf16ReportRoundTrips() throws {
        let dir = TempDir()
        let reader = try JobFileReader(path: example("excel-unicode-text.txt"))
        let result = Validator.validate(reader)
        let out = dir.path("r.txt")
        try ValidationReport.write(to: out, reader: reader, result: result, language: .en)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: out)))
        #expect(bytes.starts(with: [0xFF, 0xFE]))
        let (backReader, rows) = try readRows(out)
        #expect(backReader.csv?.dialect.delimiter == 0x09)
        #expect(rows.count == 2)
        #expect(rows[0].built.jobRow?.settings.poolName == "Зима")
    }
}
