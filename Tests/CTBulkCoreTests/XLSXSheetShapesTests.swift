@testable import CTBulkCore
import CTBulkTestSupport
import Foundation
import Testing
import ZIPFoundation

/// Sheets as no spreadsheet program writes them but a file may hold (cells out of order, a column written twice, a
/// row number past Excel's last row), written part by part with ZIPFoundation; and a sheet whose rows cross the
/// reader's 64 KiB chunks. The reader must read them as the cells say, in time and memory that do not depend on the
/// order.
@Suite struct XLSXSheetShapesTests {
    static let header = #"<row r="1"><c r="A1" t="inlineStr"><is><t>Номер</t></is></c><c r="B1" t="inlineStr"><is><t>Пул</t></is></c><c r="C1" t="inlineStr"><is><t>Кампания</t></is></c></row>"#

    /// A workbook of one sheet whose `<sheetData>` holds `rows` (inline strings and numbers only).
    static func workbook(_ dir: TempDir, _ name: String, rows: String) throws -> String {
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        return try workbook(dir, name, sheet: Data((#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="\#(main)"><sheetData>"#
                                                    + rows + "</sheetData></worksheet>").utf8))
    }

    /// A workbook whose one sheet is `sheet`, as it is (and whose shared-strings part is `sharedStrings`).
    static func workbook(_ dir: TempDir, _ name: String, sheet: Data, sharedStrings: Data? = nil) throws -> String {
        let path = dir.path(name)
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let texts: [(String, String)] = [
            ("[Content_Types].xml", #"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#),
            ("_rels/.rels", #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\#(relationships)/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
            ("xl/workbook.xml", #"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="\#(main)" xmlns:r="\#(relationships)"><sheets><sheet name="Номера" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
            ("xl/_rels/workbook.xml.rels", #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\#(relationships)/worksheet" Target="worksheets/sheet1.xml"/>\#(sharedStrings == nil ? "" : #"<Relationship Id="rId2" Type="\#(relationships)/sharedStrings" Target="sharedStrings.xml"/>"#)</Relationships>"#),
        ]
        let parts = texts.map { ($0.0, Data($0.1.utf8)) } + [("xl/worksheets/sheet1.xml", sheet)]
            + (sharedStrings.map { [("xl/sharedStrings.xml", $0)] } ?? [])
        for (part, data) in parts {
            try archive.addEntry(with: part, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                                 provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
        }
        return path
    }

    static func cell(_ reference: String, _ text: String) -> String {
        #"<c r="\#(reference)" t="inlineStr"><is><t>\#(text)</t></is></c>"#
    }

    func rows(_ path: String) throws -> [SourceRow] {
        var rows: [SourceRow] = []
        try JobFileReader(path: path).forEachRow { rows.append($0) }
        return rows
    }

    @Test func cellsOutOfOrderAndAColumnWrittenTwiceReadAsTheirColumnsSay() throws {
        let dir = TempDir()
        let body = Self.header
            // C, A, B: out of order.
            + #"<row r="2">"# + Self.cell("C2", "весна-2") + Self.cell("A2", "79990000002") + Self.cell("B2", "Пул 2") + "</row>"
            // A twice: the later wins; B written and then emptied by an empty string.
            + #"<row r="3">"# + Self.cell("A3", "79990000001") + Self.cell("B3", "Пул 3") + Self.cell("A3", "79990000003")
            + Self.cell("B3", "") + Self.cell("C3", "весна-3") + "</row>"
            // In order, after them: unaffected.
            + #"<row r="4">"# + Self.cell("A4", "79990000004") + Self.cell("B4", "Пул 4") + Self.cell("C4", "весна-4") + "</row>"
            // B written, then again as a cell with no value at all: the later, empty cell wins here too.
            + #"<row r="5">"# + #"<c r="A5"><v>79990000005</v></c>"# + Self.cell("B5", "Пул 5") + #"<c r="B5" s="1"/>"#
            + Self.cell("C5", "весна-5") + "</row>"
        let rows = try rows(try Self.workbook(dir, "odd.xlsx", rows: body))
        #expect(rows.map(\.row) == [2, 3, 4, 5])
        #expect(rows[3].cells == ["79990000005", "", "весна-5"])
        #expect(rows[3].numberCells == [0])
        #expect(rows[0].cells == ["79990000002", "Пул 2", "весна-2"])
        #expect(rows[1].cells.prefix(3) == ["79990000003", "", "весна-3"])
        #expect(rows[2].cells == ["79990000004", "Пул 4", "весна-4"])
        #expect(rows[0].built.jobRow?.settings.poolName == "Пул 2")
        #expect(rows[1].built.jobRow?.phoneNumber.digits == "79990000003")
    }

    @Test func aWideRowWrittenBackwardsIsReadInColumnOrder() throws {
        // 2,000 cells from the last column to the first: one move to column order per row, not one per cell.
        let dir = TempDir()
        var cells = ""
        for index in stride(from: 1999, through: 3, by: -1) { cells += #"<c r="\#(Self.reference(index))2"><v>\#(index)</v></c>"# }
        let body = Self.header + #"<row r="2">"# + cells + Self.cell("C2", "весна") + Self.cell("B2", "Пул")
            + Self.cell("A2", "79990000002") + "</row>"
        let rows = try rows(try Self.workbook(dir, "wide.xlsx", rows: body))
        #expect(rows.count == 1)
        #expect(rows[0].cells.count == 2000)
        #expect(Array(rows[0].cells.prefix(4)) == ["79990000002", "Пул", "весна", "3"])
        #expect(rows[0].cells[1999] == "1999")
        #expect(rows[0].numberCells.contains(1999) && !rows[0].numberCells.contains(0))
    }

    @Test func aRowPastExcelsLastRowIsDamageNotAMillionBlankRows() throws {
        let dir = TempDir()
        let body = Self.header + #"<row r="2">"# + Self.cell("A2", "79990000002") + "</row>"
            + #"<row r="100000000">"# + Self.cell("A100000000", "79990000003") + "</row>"
        let path = try Self.workbook(dir, "far.xlsx", rows: body)
        // The sheet fits in the first chunk, read to find the header: the file is refused when opened, naming why.
        let error = #expect(throws: JobFileError.self) { try JobFileReader(path: path) }
        #expect(error?.message(.en).contains("row 100000000 is past Excel's last row 1048576") == true,
                "\(String(describing: error))")
    }

    @Test func rowsAcrossTheReadersChunksKeepEveryCell() throws {
        // ~40 bytes of XML a cell, 3,000 rows: many 64 KiB chunks, each ending inside some row, cell or value.
        let dir = TempDir()
        var body = Self.header
        for row in 2...3001 {
            body += #"<row r="\#(row)">"# + Self.cell("A\(row)", String(79_990_000_000 + row))
                + Self.cell("B\(row)", "Пул \(row % 7)") + Self.cell("C\(row)", String(repeating: "к", count: row % 40) + "\(row)") + "</row>"
        }
        let rows = try rows(try Self.workbook(dir, "long.xlsx", rows: body))
        #expect(rows.count == 3000)
        for (offset, source) in rows.enumerated() {
            let row = offset + 2
            #expect(source.row == row)
            #expect(source.cells == [String(79_990_000_000 + row), "Пул \(row % 7)", String(repeating: "к", count: row % 40) + "\(row)"],
                    "row \(row)")
        }
    }

    /// `A`, `B`, …, `Z`, `AA`: a 0-based column index as letters.
    static func reference(_ index: Int) -> String {
        var letters = "", rest = index + 1
        while rest > 0 { letters = String(UnicodeScalar(UInt8(65 + (rest - 1) % 26))) + letters; rest = (rest - 1) / 26 }
        return letters
    }
}
