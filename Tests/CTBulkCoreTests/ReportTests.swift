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

        // Read it back as a job: same columns, and row/status/code/message are the report's own columns: ignored
        // without a warning.
        let back = try validate(out)
        #expect(back.summary.rowsRead == 19)
        #expect(!back.problems.contains { $0.code == .headerUnknown || $0.code == .headerUnknownEmpty })
        #expect(back.csv?.ownWidth == 11)
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

    /// A report fed back in is clean: its added columns (in English or Russian) give no warning, the blank rows it
    /// kept are blank again, and a second report replaces the old added columns instead of repeating them.
    @Test(arguments: [["row", "status", "code", "message"], ["Строка", "Статус", "Код", "Сообщение"],
                      ["row", "action", "outcome", "http_status", "attempts", "message"]])
    func aReportReadAgainIsClean(added: [String]) throws {
        let dir = TempDir()
        let input = dir.write("job.csv", "Номер;Пул\n79001234567;A\n;\n79001234568;B\n")
        let reader = try JobFileReader(path: input)
        let result = Validator.validate(reader, problemLimit: nil)
        #expect(result.summary.blank == 1)
        let report = dir.path("report.csv")
        try ValidationReport.write(to: report, reader: reader, result: result, language: .ru)
        // The same shape with another set of added columns (results.csv, a Russian report).
        let text = try String(contentsOfFile: report, encoding: .utf8)
            .replacingOccurrences(of: "row;status;code;message", with: added.joined(separator: ";"))
        let fed = dir.write("fed.csv", text)
        let back = try validate(fed)
        #expect(!back.hasErrors, "\(back.problems)")
        #expect(back.problems.isEmpty, "\(back.problems)")
        #expect(back.summary.rowsRead == 2)
        #expect(back.summary.blank == 1)

        let again = dir.path("again.csv")
        let backReader = try JobFileReader(path: fed)
        try ValidationReport.write(to: again, reader: backReader, result: Validator.validate(backReader), language: .en)
        let header = try String(contentsOfFile: again, encoding: .utf8).split(whereSeparator: \.isNewline).first.map(String.init)
        #expect(header?.hasSuffix("Номер;Пул;row;status;code;message") == true)
        #expect(header?.hasPrefix("\u{FEFF}Номер") == true || header?.hasPrefix("Номер") == true)
    }

    @Test func aUsersOwnCodeColumnIsNotAReportColumn() throws {
        let dir = TempDir()
        let result = try validate(dir.write("job.csv", "Номер;Код;Пул\n79001234567;A1;A\n"))
        #expect(result.problems.contains { $0.code == .headerUnknown && $0.column == "Код" })
    }
}
