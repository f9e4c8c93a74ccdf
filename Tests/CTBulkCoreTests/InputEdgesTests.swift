@testable import CTBulkCore
import CTBulkTestSupport
import Foundation
import Testing

/// Header lines longer than the sniffing sample, the cell-size limit, control characters, and the apostrophe ctbulk
/// adds to formula-like cells.
@Suite struct InputEdgesTests {
    // MARK: A header of any length

    /// 2,400 unknown columns (over 100 KiB) before the phone column: the header line is longer than the sample.
    static func longHeader(delimiter: String = ";") -> (header: String, extraColumns: Int) {
        let extra = (0..<2400).map { String(format: "column_%04d_padding_padding_padding_padding", $0) }
        let header = (["Пул"] + extra + ["Номер"]).joined(separator: delimiter)
        return (header, extra.count)
    }

    @Test func aHeaderLineLongerThanTheSampleIsRead() throws {
        let (header, extra) = Self.longHeader()
        #expect(header.utf8.count > 100 * 1024)
        #expect(header.utf8.count > JobFileReader.sampleSize)
        let row = (["Весна"] + Array(repeating: "", count: extra) + ["79001234567"]).joined(separator: ";")
        let path = TempDir().write("long-header.csv", header + "\r\n" + row + "\r\n")
        let (reader, rows) = try readRows(path)
        let layout = try #require(reader.csv)
        #expect(layout.header.count == extra + 2)
        #expect(layout.columns.last == .phoneNumber)
        #expect(layout.dialect.delimiter == UInt8(ascii: ";"))
        #expect(layout.dialect.lineEnding == "\r\n")
        #expect(!reader.fileProblems.contains { $0.code == .fileEmpty || $0.code == .headerPhoneMissing })
        #expect(rows.count == 1)
        #expect(rows[0].row == 2)
        #expect(rows[0].built.jobRow?.phoneNumber == phone("79001234567"))
        #expect(rows[0].built.jobRow?.settings.poolName == "Весна")
    }

    @Test func aLongTabSeparatedUTF16HeaderIsRead() throws {
        let (header, extra) = Self.longHeader(delimiter: "\t")
        let row = (["Весна"] + Array(repeating: "", count: extra) + ["79001234567"]).joined(separator: "\t")
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in (header + "\n" + row + "\n").utf16 { bytes.append(UInt8(unit & 0xFF)); bytes.append(UInt8(unit >> 8)) }
        let path = TempDir().write("long-header.txt", bytes: bytes)
        let (reader, rows) = try readRows(path)
        let layout = try #require(reader.csv)
        #expect(layout.dialect.encoding == .utf16LE)
        #expect(layout.dialect.lineEnding == "\n")
        #expect(layout.columns.last == .phoneNumber)
        #expect(rows.count == 1)
        #expect(rows[0].built.jobRow?.settings.poolName == "Весна")
    }

    @Test func oneHeaderCellLongerThanTheSampleIsReadWithinTheCellLimit() throws {
        let long = String(repeating: "x", count: 100 * 1024)
        let path = TempDir().write("long-cell-header.csv", "phone_number,\(long),pool_name\n79001234567,,A\n")
        let (reader, rows) = try readRows(path, options: JobReadOptions(maxCellBytes: 200 * 1024))
        let layout = try #require(reader.csv)
        #expect(layout.header == ["phone_number", long, "pool_name"])
        #expect(layout.dialect.delimiter == UInt8(ascii: ","))
        #expect(rows.first?.built.jobRow?.settings.poolName == "A")
        // Under the default limit the same header cell is an error of its own, not "no header".
        let strict = try JobFileReader(path: path)
        #expect(strict.fileProblems.map(\.code).contains(.cellTooLarge))
        #expect(!strict.fileProblems.map(\.code).contains(.fileEmpty))
    }

    @Test func aFileWithoutAnyRecordIsStillEmpty() throws {
        let path = TempDir().write("blank.csv", "\r\n\r\n")
        let reader = try JobFileReader(path: path)
        #expect(reader.fileProblems.map(\.code) == [.fileEmpty])
    }

    // MARK: Cell-size limit

    @Test func aCellOverTheLimitIsAnErrorNamingFileRowColumnAndSize() throws {
        let big = String(repeating: "я", count: 300_000)  // 600,000 bytes: spans several read chunks
        let dir = TempDir()
        let path = dir.write("big.csv", "Номер;Пул;Источник\r\n79001234567;A;yandex\r\n79001234568;\"\(big)\";yandex\r\n79001234569;C;\r\n")
        let result = try validate(path)
        let problem = try #require(result.problems.first { $0.code == .cellTooLarge })
        #expect(problem.severity == .error)
        #expect(problem.row == 3)
        #expect(problem.column == "Пул")
        #expect(problem.details["bytes"] == "600000")
        #expect(problem.details["limit"] == "65536")
        #expect(problem.details["file"] == path)
        #expect(problem.value == nil)
        #expect(problem.message(.en).contains("600,000 bytes"))
        #expect(problem.message(.en).contains(path))
        #expect(codes(result, row: 3) == ["cell.too_large"])
        #expect(result.summary.rowsRead == 3)
        #expect(result.summary.ok == 2)
        #expect(result.summary.withErrors == 1)
        #expect(result.rows.map(\.row) == [2, 4])
    }

    @Test func theLimitIsExactAndConfigurable() throws {
        let path = TempDir().write("limit.csv", "phone,pool\n79001234567,abcdefghijk\n79001234568,abcdefghijkl\n")
        let result = try validate(path, options: JobReadOptions(maxCellBytes: 11))
        #expect(codes(result, row: 2).isEmpty)
        #expect(codes(result, row: 3) == ["cell.too_large"])
        #expect(result.problems.first { $0.row == 3 }?.details["bytes"] == "12")
        #expect(try validate(path).problemCount == 0)
    }

    @Test(arguments: [
        // Unquoted with trailing blanks (libcsv strips them), quoted with doubled quotes, quoted ending in blanks.
        ("unquoted", String(repeating: "a", count: 700_000) + "   ", 700_000),
        ("quoted", "\"" + String(repeating: "a\"\"", count: 300_000) + "\"", 600_000),
        ("quoted-blanks", "\"" + String(repeating: "b", count: 500_000) + "\"  ", 500_000),
    ])
    func theSizeIsCountedAcrossChunks(name: String, cell: String, bytes: Int) throws {
        let path = TempDir().write("\(name).csv", "phone_number,pool_name,source\n79001234567,\(cell),yandex\n79001234568,B,yandex\n")
        let (_, rows) = try readRows(path)
        #expect(rows.count == 2)
        let problem = try #require(rows[0].built.problems.first)
        #expect(problem.code == .cellTooLarge)
        #expect(problem.details["bytes"] == String(bytes))
        #expect(rows[0].cells[1] == "")
        #expect(rows[0].cells[2] == "yandex")  // the cells after it are read as usual
        #expect(rows[1].built.jobRow?.settings.poolName == "B")
    }

    @Test func anOversizedCellIsNeverHeldInMemory() throws {
        let parser = CSVParser(delimiter: UInt8(ascii: ","), maxCellBytes: 1000)
        let chunk = [UInt8](repeating: UInt8(ascii: "z"), count: 64 * 1024)
        try Array("phone,".utf8).withUnsafeBytes { try parser.parse($0) }
        for _ in 0..<160 { try chunk.withUnsafeBytes { try parser.parse($0) } }  // a 10 MiB cell
        try Array(",x\n".utf8).withUnsafeBytes { try parser.parse($0) }
        // libcsv's buffer never grew past the limit plus one chunk.
        #expect(parser.fieldBufferCapacity <= 1000 + chunk.count + 256)
        let records = parser.drain()
        #expect(records.count == 1)
        #expect(records[0].cells.map(\.count) == [5, 0, 1])
        #expect(records[0].oversized == [1: 160 * chunk.count])
    }

    @Test func anOversizedPhoneCellIsTheRowsOnlyError() throws {
        let path = TempDir().write("phone.csv", "phone_number,pool_name\n\(String(repeating: "7", count: 100)),A\n")
        let result = try validate(path, options: JobReadOptions(maxCellBytes: 20))
        #expect(codes(result, row: 2) == ["cell.too_large"])  // not also "no number" or "nothing to set"
    }

    @Test func anOversizedCellInAnIgnoredColumnIsAnError() throws {
        let path = TempDir().write("ignored.csv", "phone_number,notes,pool_name\n79001234567,\(String(repeating: "n", count: 50)),A\n")
        let result = try validate(path, options: JobReadOptions(maxCellBytes: 20))
        #expect(codes(result, row: 2) == ["cell.too_large"])
        #expect(result.problems.first { $0.row == 2 }?.column == "notes")
    }

    @Test func anOversizedJSONValueIsAnError() throws {
        let path = TempDir().write("big.json", #"[{"phoneNumber":"79001234567","poolName":"\#(String(repeating: "p", count: 100))"}]"#)
        let result = try validate(path, options: JobReadOptions(maxCellBytes: 64))
        #expect(codes(result, row: 1) == ["cell.too_large"])
        #expect(result.problems.first { $0.row == 1 }?.column == "poolName")
        #expect(result.problems.first { $0.row == 1 }?.details["bytes"] == "100")
    }

    // MARK: Control characters

    @Test(arguments: [
        ("\u{1B}[31mВесна", "\\u{1B}", 1), ("Вес\u{07}на", "\\u{07}", 4), ("Вес\u{0}на", "\\u{00}", 4),
        ("Весна\u{7F}", "\\u{7F}", 6), ("Вес\u{9B}31m", "\\u{9B}", 4), ("Вес\u{85}на", "\\u{85}", 4),
        ("\rВесна", "\\r", 1), ("Вес\nна", "\\n", 4), ("Вес\tна", "\\t", 4), ("\r\nВесна", "\\r", 1),
    ])
    func aControlCharacterInAFieldIsAnError(cell: String, shown: String, position: Int) throws {
        let quoted = "\"" + cell + "\""
        let path = TempDir().write("control.csv", "phone_number,pool_name\n79001234567,\(quoted)\n79001234568,Лето\n")
        let result = try validate(path)
        #expect(codes(result, row: 2) == ["cell.control_character"])
        let problem = try #require(result.problems.first { $0.row == 2 })
        #expect(problem.column == "pool_name")
        #expect(problem.details["character"] == shown)
        #expect(problem.details["position"] == String(position))
        #expect(problem.message(.en).contains(shown))
        #expect(problem.message(.ru).contains(shown))
        // Shown escaped, never raw.
        let rendered = problem.rendered(.en)
        #expect(ControlCharacters.first(in: rendered) == nil)
        #expect(result.rows.map(\.row) == [3])
    }

    @Test func paddingTabsAndSpacesAroundAValueAreStillTrimmed() throws {
        let path = TempDir().write("pad.csv", "phone_number\tpool_name\tsource\n79001234567\t\" Весна\t\"\t yandex\n")
        let result = try validate(path)
        #expect(result.problemCount == 0)
        #expect(result.rows.first?.settings.poolName == "Весна")
    }

    @Test func controlCharactersInPhoneAndDisplayFields() throws {
        let path = TempDir().write("fields.csv", "phone_number,source,campaign\n\"7900123\u{1B}4567\",yandex,a\n79001234568,\"yan\u{0}dex\",\"x\ny\"\n")
        let result = try validate(path)
        #expect(codes(result, row: 2) == ["cell.control_character"])  // the number is not also "wrong characters"
        #expect(codes(result, row: 3) == ["cell.control_character", "cell.control_character"])
        #expect(result.rows.isEmpty)
    }

    @Test func ignoredColumnsMayHoldLineBreaksButNoOtherControlCharacter() throws {
        let path = TempDir().write("notes.csv", "phone_number,Заметки,pool_name\n79001234567,\"две\r\nстроки\tи таб\",A\n79001234568,\"\u{1B}]0;title\u{07}\",B\n")
        let result = try validate(path)
        #expect(codes(result, row: 2).isEmpty)
        #expect(codes(result, row: 3) == ["cell.control_character"])
        #expect(result.problems.first { $0.row == 3 }?.column == "Заметки")
        #expect(result.problems.first { $0.row == 3 }?.details["character"] == "\\u{1B}")
    }

    @Test func extraCellsAndHeaderCellsAreChecked() throws {
        let path = TempDir().write("extra.csv", "phone_number,pool_name\n79001234567,A,\u{1B}[2J\n")
        #expect(codes(try validate(path), row: 2) == ["cell.control_character", "row.extra_cells"])
        let header = TempDir().write("header.csv", "phone_number,pool\u{1B}[8m_name\n79001234567,A\n")
        let reader = try JobFileReader(path: header)
        #expect(reader.fileProblems.map(\.code).contains(.controlCharacter))
    }

    @Test func jsonValuesAreChecked() throws {
        let path = TempDir().write("c.json", #"[{"phoneNumber":"79001234567","displayOptions":{"source":"ya\u001bndex"}}]"#)
        let result = try validate(path)
        #expect(codes(result, row: 1) == ["cell.control_character"])
        #expect(result.problems.first?.column == "displayOptions.source")
    }

    // MARK: Escaping for display

    @Test func escapingShowsControlCharactersLiterally() {
        #expect(ControlCharacters.escaped("\u{1B}[31mred") == #"\u{1B}[31mred"#)
        #expect(ControlCharacters.escaped("a\tb\r\nc") == #"a\tb\r\nc"#)
        #expect(ControlCharacters.escaped("\u{0}\u{7F}\u{9B}\u{9F}") == #"\u{00}\u{7F}\u{9B}\u{9F}"#)
        #expect(ControlCharacters.escaped("Весна «2026» \u{A0}€") == "Весна «2026» \u{A0}€")  // U+00A0 and up are not C1
        #expect("x\u{07}".escapingControlCharacters == #"x\u{07}"#)
        for value in UInt32(0)...0x2FF {
            let scalar = Unicode.Scalar(value)!
            let escaped = ControlCharacters.escaped(String(scalar))
            #expect(ControlCharacters.first(in: escaped) == nil)
            #expect((escaped != String(scalar)) == ControlCharacters.isControl(scalar))
        }
    }

    @Test func findingWorksOnBytesAndCountsCharacters() {
        #expect(ControlCharacters.first(in: "абв\u{1B}") == .init(scalar: "\u{1B}", position: 4))
        #expect(ControlCharacters.first(in: "a\tb\nc\r", allowingLayout: true) == nil)
        #expect(ControlCharacters.first(in: "a\tb", allowingLayout: false)?.scalar == "\t")
        #expect(ControlCharacters.first(inUTF8: [0xC2, 0xA0, 0xC2, 0x85]) == .init(scalar: "\u{85}", position: 2))
        #expect(ControlCharacters.first(inUTF8: [0xC2]) == nil)  // a cut sequence is not a C1 character
    }

    @Test func problemsRenderEscapedValuesColumnsAndDetails() {
        let problem = Problem(.inventoryInactive, row: 2, column: "col\u{1B}", value: "\u{1B}]52;c;x\u{07}",
                              details: ["status": "on\u{1B}[2Khold"])
        for language in Language.allCases {
            #expect(ControlCharacters.first(in: problem.rendered(language)) == nil)
        }
        #expect(problem.rendered(.en).contains(#"("\u{1B}]52;c;x\u{07}")"#))
        #expect(problem.message(.en).contains(#"on\u{1B}[2Khold"#))
        let error = JobFileError(path: "/tmp/\u{1B}[31m.csv", reason: .notFound)
        #expect(ControlCharacters.first(in: error.message(.ru)) == nil)
    }

    // MARK: The apostrophe ctbulk adds

    /// Every first character the writer neutralises, with tails that look like formulas, text, and nothing.
    static let leads: [Unicode.Scalar] = (UInt32(0)...0x4FF).compactMap(Unicode.Scalar.init).filter(CellText.isFormulaLead)
    static let tails = ["", "1+1", "=1+1", "SUM(A1)", "'x", " ", "Весна", "\t=1+1", "@", "''"]

    @Test func theWriterNeutralisesExactlyTheFormulaLeads() {
        #expect(Set(Self.leads) == Set(["=", "+", "-", "@", "\t", "\r"] as [Unicode.Scalar]))
        for value in UInt32(0)...0x4FF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let cell = String(scalar) + "x"
            #expect((CSVWriter.neutralise(cell) != cell) == CellText.isFormulaLead(scalar))
        }
    }

    @Test func everyNeutralisedCellReadsBackAsWritten() {
        for lead in Self.leads {
            for tail in Self.tails {
                let cell = String(lead) + tail
                let written = CSVWriter.neutralise(cell)
                #expect(written == "'" + cell)
                #expect(CellText.removingNeutralisation(written) == cell, "\(cell.debugDescription)")
            }
        }
        // Cells the writer leaves alone read back unchanged, unless they already look like its output.
        for cell in ["79001234567", "Весна", "'", "''=x", "' =x", "x=1", ""] {
            #expect(CSVWriter.neutralise(cell) == cell)
            #expect(CellText.removingNeutralisation(cell) == cell)
        }
    }

    @Test func aReportOfFormulaCellsReadsBackToTheSameValues() throws {
        // Through the real writer and reader: the tab-led cell of the issue, and one per lead the fields accept.
        let cells = ["\t=1+1", "=1+1", "+1", "-1", "@SUM(A1)", "\t@x", "-\t"]
        let dir = TempDir()
        var text = "phone_number,source,campaign\n"
        for (index, cell) in cells.enumerated() { text += "7900123456\(index),yandex,\"\(cell)\"\n" }
        let path = dir.write("formulas.csv", text)
        let reader = try JobFileReader(path: path)
        let result = Validator.validate(reader, problemLimit: nil, collectRows: true)
        let report = dir.path("report.csv")
        try ValidationReport.write(to: report, reader: reader, result: result, language: .en)
        let back = try validate(report)
        #expect(back.rows.count == cells.count)
        #expect(back.rows.map(\.settings) == result.rows.map(\.settings))
        #expect(back.rows.first?.settings.displayOptions?.campaign == "=1+1")
        #expect(back.problems.filter { $0.severity == .error }.isEmpty)
    }
}
