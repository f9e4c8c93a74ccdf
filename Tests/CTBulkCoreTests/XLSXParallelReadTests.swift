@testable import CTBulkCore
import CTBulkTestSupport
import Foundation
import Testing

/// A sheet cut into stretches parsed on several threads (``SheetSegments``) reads exactly as one parser reads it: the
/// same rows in the same order, the same cells, number columns, dates and errors, whatever the cuts meet (rows the
/// file leaves out, a comment, a prefix, a row without a number, damage). Stretches are made tiny so that small
/// files are cut hundreds of times.
@Suite struct XLSXParallelReadTests {
    /// One row as the reader hands it on.
    struct Row: Equatable, CustomStringConvertible {
        var row: Int
        var cells: [String]
        var numbers: UInt64
        var dates: [Int: String]
        var oversized: [Int: Int]
        var description: String { "\(row): \(cells)" }
    }

    static func cutting(_ segmentBytes: Int, workers: Int = 2) -> SheetParallelism {
        SheetParallelism(segmentBytes: segmentBytes, workers: workers, minimumPartBytes: 0)
    }

    /// The rows of the first sheet, cut as `parallelism` says (or by one parser), and what the pass did.
    static func read(_ path: String, _ parallelism: SheetParallelism?, stopAfter: Int? = nil)
        throws -> (rows: [Row], report: SheetSegments.Report?) {
        var rows: [Row] = []
        let report = try read(path, parallelism, stopAfter: stopAfter, into: &rows)
        return (rows, report)
    }

    /// The rows handed on before a read ends, and the error it ends in, as text (nil when it ends well).
    static func failure(_ path: String, _ parallelism: SheetParallelism?) -> (rows: [Row], error: String?) {
        var rows: [Row] = []
        do { _ = try read(path, parallelism, into: &rows); return (rows, nil) } catch { return (rows, String(describing: error)) }
    }

    static func read(_ path: String, _ parallelism: SheetParallelism?, stopAfter: Int? = nil, into rows: inout [Row])
        throws -> SheetSegments.Report? {
        let package = try WorkbookPackage(path: path)
        var strings: SharedStrings?
        if let part = package.sharedStringsPart {
            strings = SharedStrings(maxCellBytes: JobReadOptions.defaultMaxCellBytes)
            try package.stream(part: part, handler: strings!) {}
        }
        var styles: WorkbookStyles?
        if let part = package.stylesPart {
            styles = WorkbookStyles()
            try package.stream(part: part, handler: styles!) {}
        }
        let context = SheetContext(strings: strings, styles: styles, date1904: package.date1904,
                                   maxCellBytes: JobReadOptions.defaultMaxCellBytes, part: package.sheets[0].part)
        struct Enough: Error {}
        func take(_ batch: SheetRows, _ from: Int) throws {
            for index in from..<batch.spans.count {
                let span = batch.spans[index]
                let extras = batch.extras[span.row]
                rows.append(Row(row: span.row,
                                cells: (0..<span.cellCount).map { String(decoding: batch.cell(span.firstCell + $0), as: UTF8.self) },
                                numbers: batch.numberMasks[index], dates: extras?.dates ?? [:], oversized: extras?.oversized ?? [:]))
                if let stopAfter, rows.count >= stopAfter { throw Enough() }
            }
        }
        do {
            guard let parallelism else {
                try SheetSegments.parseFromStart(package: package, context: context, deliver: take)
                return nil
            }
            let segments = SheetSegments(package: package, context: context, parallelism: parallelism)
            do { try segments.run(take) } catch is Enough {}
            return segments.report
        } catch is Enough {
            return nil
        }
    }

    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

    static func sheet(_ rows: String, prefix: String = "", declaration: String = #"<?xml version="1.0" encoding="UTF-8"?>"#) -> Data {
        let p = prefix.isEmpty ? "" : prefix + ":"
        let namespace = prefix.isEmpty ? "xmlns" : "xmlns:" + prefix
        return Data((declaration + #"<\#(p)worksheet \#(namespace)="\#(main)"><\#(p)dimension ref="A1:C9"/><\#(p)sheetData>"#
                     + rows + "</\(p)sheetData></\(p)worksheet>").utf8)
    }

    /// Rows `range` of three cells each (a number stored as a number, an inline string, a number shown as it is).
    static func rows(_ range: ClosedRange<Int>, prefix: String = "", numbered: Bool = true) -> String {
        let p = prefix.isEmpty ? "" : prefix + ":"
        return range.map { row in
            let r = numbered ? #" r="\#(row)""# : ""
            return #"<\#(p)row\#(r) spans="1:3"><\#(p)c r="A\#(row)"><\#(p)v>\#(79_990_000_000 + row)</\#(p)v></\#(p)c>"#
                + #"<\#(p)c r="B\#(row)" t="inlineStr"><\#(p)is><\#(p)t>Пул &amp; \#(row % 7)</\#(p)t></\#(p)is></\#(p)c>"#
                + #"<\#(p)c r="C\#(row)"><\#(p)v>\#(row % 120)</\#(p)v></\#(p)c></\#(p)row>"#
        }.joined()
    }

    @Test func aLibxlsxwriterWorkbookCutHundredsOfTimesReadsAsOneParserReadsIt() throws {
        let dir = TempDir()
        let path = dir.path("job.xlsx")
        try CSVFastPathTests.xlsx(rows: 3_000, at: path)  // numbers on every fifth row, a row left out every 23rd
        let serial = try Self.read(path, nil)
        #expect(serial.rows.count > 3_000)  // the header, the rows and the ones left out (as empty rows)
        for (segmentBytes, workers) in [(1_000, 2), (4_096, 3), (65_536, 4), (300, 1)] {
            let cut = try Self.read(path, Self.cutting(segmentBytes, workers: workers))
            #expect(cut.rows == serial.rows, "\(segmentBytes) bytes, \(workers) threads")
            let report = try #require(cut.report)
            #expect(!report.parsedFromStart)
            #expect(report.stretches > (segmentBytes > 10_000 ? 5 : 100), "\(report)")
            #expect(report.tailFrom == report.stretches, "only the end of the sheet data on the reading thread: \(report)")
        }
    }

    @Test func validationAndRowsThroughTheJobReaderAreTheSameCutOrNot() throws {
        let dir = TempDir()
        let path = dir.path("job.xlsx")
        try CSVFastPathTests.xlsx(rows: 2_000, at: path)
        var options = JobReadOptions()
        options.sheetParallelism = Self.cutting(2_000)
        let serialResult = Validator.validate(try JobFileReader(path: path), problemLimit: nil, collectRows: true)
        let cutResult = Validator.validate(try JobFileReader(path: path, options: options), problemLimit: nil, collectRows: true)
        #expect(cutResult.problems == serialResult.problems)
        #expect(cutResult.summary == serialResult.summary)
        #expect(cutResult.summary.rowsRead > 1_500)
        var serialRows: [SourceRow] = [], cutRows: [SourceRow] = []
        try JobFileReader(path: path).forEachRow { serialRows.append($0) }
        try JobFileReader(path: path, options: options).forEachRow { cutRows.append($0) }
        #expect(cutRows.map(\.row) == serialRows.map(\.row))
        #expect(cutRows.map(\.cells) == serialRows.map(\.cells))
        #expect(cutRows.map(\.numberCells) == serialRows.map(\.numberCells))
        #expect(cutRows.map(\.built.problems) == serialRows.map(\.built.problems))
    }

    @Test func rowsLeftOutAcrossACutArriveAsEmptyRows() throws {
        let dir = TempDir()
        let path = try XLSXSheetShapesTests.workbook(dir, "gaps.xlsx",
                                                     sheet: Self.sheet(Self.rows(1...40) + Self.rows(500...540) + Self.rows(90_000...90_010)))
        let serial = try Self.read(path, nil)
        let cut = try Self.read(path, Self.cutting(200))
        #expect(cut.rows == serial.rows)
        #expect(cut.rows.count == 90_010)
        #expect(cut.rows[41].row == 42 && cut.rows[41].cells.isEmpty)
        #expect(try #require(cut.report).stretches > 50)
    }

    @Test func aPrefixedSheetIsCutAtItsPrefixedRowEnds() throws {
        let dir = TempDir()
        let path = try XLSXSheetShapesTests.workbook(dir, "prefixed.xlsx", sheet: Self.sheet(Self.rows(1...300, prefix: "x"), prefix: "x"))
        let serial = try Self.read(path, nil)
        let cut = try Self.read(path, Self.cutting(500))
        #expect(serial.rows.count == 300)
        #expect(serial.rows[4].cells == ["79990000005", "Пул & 5", "5"])
        #expect(cut.rows == serial.rows)
        #expect(try #require(cut.report).stretches > 50)
    }

    @Test func aCommentOrCDATAStopsTheCuttingAndTheRestIsReadOnOneThread() throws {
        let dir = TempDir()
        // A comment and a CDATA section holding what looks like row ends: cut there, a stretch would start inside them.
        for (name, trap) in [("comment", "<!-- </row><row r=\"7\"> -->"),
                             ("cdata", #"<c r="D150" t="inlineStr"><is><t><![CDATA[</row></sheetData>]]></t></is></c>"#)] {
            var body = Self.rows(1...300)
            let at = body.range(of: "</row>", options: .backwards, range: body.startIndex..<body.index(body.startIndex, offsetBy: body.count / 2))!
            body.insert(contentsOf: trap, at: at.lowerBound)
            let path = try XLSXSheetShapesTests.workbook(dir, name + ".xlsx", sheet: Self.sheet(body))
            let serial = try Self.read(path, nil)
            let cut = try Self.read(path, Self.cutting(400))
            #expect(serial.rows.count == 300, "\(name)")
            #expect(cut.rows == serial.rows, "\(name)")
            let report = try #require(cut.report)
            #expect(report.stretches > 10 && report.tailFrom == report.stretches && !report.parsedFromStart, "\(name): \(report)")
            #expect(report.stretches < 150, "\(name): cut only before the trap: \(report)")
        }
    }

    @Test func aSheetThatCannotBeCutIsReadByOneParser() throws {
        let dir = TempDir()
        // UTF-16 (bytes where `</row>` is not `</row>`), a DOCTYPE, an encoding other than UTF-8.
        let text = String(decoding: Self.sheet(Self.rows(1...200), declaration: #"<?xml version="1.0" encoding="UTF-16"?>"#), as: UTF8.self)
        var utf16 = Data([0xFF, 0xFE])
        for unit in text.utf16 { utf16.append(contentsOf: [UInt8(unit & 0xFF), UInt8(unit >> 8)]) }
        let sheets: [(String, Data)] = [
            ("utf16", utf16),
            ("doctype", Self.sheet(Self.rows(1...200), declaration: #"<?xml version="1.0"?><!DOCTYPE worksheet>"#)),
            ("latin1", Self.sheet(Self.rows(1...200), declaration: #"<?xml version="1.0" encoding="ISO-8859-1"?>"#)),
        ]
        for (name, sheet) in sheets {
            let path = try XLSXSheetShapesTests.workbook(dir, name + ".xlsx", sheet: sheet)
            let serial = try Self.read(path, nil)
            let cut = try Self.read(path, Self.cutting(300))
            #expect(serial.rows.count == 200, "\(name)")
            #expect(cut.rows == serial.rows, "\(name)")
            #expect(cut.report == SheetSegments.Report(stretches: 0, tailFrom: 0, parsedFromStart: false), "\(name)")
        }
    }

    @Test func rowsWithoutNumbersAfterACutAreReadFromTheStart() throws {
        let dir = TempDir()
        // Rows without `r` count on from the row before, which a stretch parsed alone does not know.
        let path = try XLSXSheetShapesTests.workbook(dir, "unnumbered.xlsx",
                                                     sheet: Self.sheet(Self.rows(1...5) + Self.rows(6...300, numbered: false)))
        let serial = try Self.read(path, nil)
        let cut = try Self.read(path, Self.cutting(400))
        #expect(serial.rows.map(\.row) == Array(1...300))
        #expect(cut.rows == serial.rows)
        #expect(try #require(cut.report).parsedFromStart)
    }

    @Test func damageIsReportedAsOneParserReportsIt() throws {
        let dir = TempDir()
        // Each with the rows handed on before the error: every row finished before the damage, cut or not.
        let shapes: [(String, String, String, [Int])] = [
            // A row number going back across a cut, within a stretch, and a mismatched tag late in the sheet (its line
            // is the document's), a sheet cut short.
            ("back", Self.rows(1...200) + Self.rows(150...160), "row 150 after row 200", Array(1...200)),
            ("late", Self.rows(1...200) + "\n\n<row r=\"201\"><c r=\"A201\"><v>1</v></x></row>" + Self.rows(202...210), "line 3",
             Array(1...200)),
            ("far", Self.rows(1...200) + Self.rows(2_000_000...2_000_001), "is past Excel", Array(1...200)),
            // A row left open early: stretches after it parse alone; one parser meets the mismatch at the end.
            // (Row 21 is never finished: it comes as the empty row before row 22, as one parser gives it.)
            ("open", Self.rows(1...20) + #"<row r="21"><c r="A21"><v>1</v></c>"# + Self.rows(22...200), "mismatched tag",
             Array(1...200)),
        ]
        for (name, body, expected, rowsBefore) in shapes {
            let path = try XLSXSheetShapesTests.workbook(dir, name + ".xlsx", sheet: Self.sheet(body))
            let serial = Self.failure(path, nil)
            let cut = Self.failure(path, Self.cutting(300))
            let error = try #require(serial.error, "\(name)")
            #expect(cut.error == error, "\(name)")
            #expect(error.contains(expected), "\(name): \(error)")
            #expect(serial.rows.map(\.row) == rowsBefore, "\(name)")
            #expect(cut.rows == serial.rows, "\(name)")
        }
        // Cut short: the end of the document never comes.
        let whole = Self.sheet(Self.rows(1...200))
        let path = try XLSXSheetShapesTests.workbook(dir, "short.xlsx", sheet: whole.prefix(whole.count * 2 / 3))
        let serial = Self.failure(path, nil)
        #expect(serial.error?.contains("XML:") == true, "\(String(describing: serial.error))")
        #expect(serial.rows.count > 100)
        let cut = Self.failure(path, Self.cutting(300))
        #expect(cut.error == serial.error)
        #expect(cut.rows == serial.rows)
    }

    /// A shared-strings table of `count` strings: plain, rich text in runs, with a phonetic guide, with entities, one
    /// over the cell-size limit; with `damage`, a mismatched tag near the end.
    static func sharedStrings(_ count: Int, damage: Bool = false) -> Data {
        var items = ""
        for index in 0..<count {
            switch index % 5 {
            case 0: items += "<si><t>кампания-\(index)</t></si>"
            case 1: items += #"<si><r><rPr><b/></rPr><t>Пул </t></r><r><t xml:space="preserve">\#(index) </t></r></si>"#
            case 2: items += "<si><t>東京\(index)</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh></si>"
            case 3: items += "<si><t>a &amp; b &lt;\(index)&gt;</t></si>"
            default: items += index == 1_004 ? "<si><t>" + String(repeating: "x", count: 70_000) + "</t></si>" : "<si><t/></si>"
            }
            if damage && index == count - 3 { items += "<si><t>broken</si>" }
            // An `<si>` left open: every stretch parses alone, the whole document does not.
            if damage && index == 1_500 { items += "<si><t>open</t>" }
        }
        return Data((#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="\#(main)" count="\#(count)" uniqueCount="\#(count)">"#
                     + items + "</sst>").utf8)
    }

    @Test func aSharedStringsTableCutIntoStretchesIsTheTableOneParserReads() throws {
        let dir = TempDir()
        let path = try XLSXSheetShapesTests.workbook(dir, "strings.xlsx", sheet: Self.sheet(Self.rows(1...3)),
                                                     sharedStrings: Self.sharedStrings(3_000))
        let package = try WorkbookPackage(path: path)
        let part = try #require(package.sharedStringsPart)
        let limit = JobReadOptions.defaultMaxCellBytes
        let serial = try SharedStrings.read(package, part: part, maxCellBytes: limit,
                                            parallelism: SheetParallelism(segmentBytes: 1 << 20, workers: 1, minimumPartBytes: .max))
        #expect(serial.count == 3_000)
        #expect(serial.string(1).map { String(decoding: $0, as: UTF8.self) } == "Пул 1 ")
        #expect(serial.string(2).map { String(decoding: $0, as: UTF8.self) } == "東京2")
        #expect(serial.string(3).map { String(decoding: $0, as: UTF8.self) } == "a & b <3>")
        #expect(serial.oversized == [1_004: 70_000])
        for (segmentBytes, workers) in [(500, 2), (3_000, 3), (100_000, 2)] {
            var stretches = 0, readFromStart = true
            let cut = try SharedStrings.read(package, part: part, maxCellBytes: limit,
                                             parallelism: Self.cutting(segmentBytes, workers: workers)) {
                stretches = $0; readFromStart = $1
            }
            // Cut and merged, not read again by one parser (which would give the same table).
            #expect(!readFromStart && stretches > (segmentBytes > 10_000 ? 1 : 50), "\(segmentBytes): \(stretches)")
            #expect(cut.bytes == serial.bytes, "\(segmentBytes)")
            #expect(cut.offsets == serial.offsets, "\(segmentBytes)")
            #expect(cut.oversized == serial.oversized, "\(segmentBytes)")
        }
        // Damage late in the table: the error one parser gives, with its line.
        let broken = try XLSXSheetShapesTests.workbook(dir, "broken.xlsx", sheet: Self.sheet(Self.rows(1...3)),
                                                       sharedStrings: Self.sharedStrings(3_000, damage: true))
        let brokenPackage = try WorkbookPackage(path: broken)
        func error(_ parallelism: SheetParallelism) -> String? {
            do { _ = try SharedStrings.read(brokenPackage, part: part, maxCellBytes: limit, parallelism: parallelism); return nil } catch {
                return String(describing: error)
            }
        }
        let serialError = try #require(error(SheetParallelism(segmentBytes: 1 << 20, workers: 1, minimumPartBytes: .max)))
        #expect(serialError.contains("mismatched tag"), "\(serialError)")
        #expect(error(Self.cutting(500)) == serialError)
        // Only an `<si>` left open (each stretch parses alone; the whole does not): one parser's error, not a table
        // with every later index shifted. (Early in the table: after the string over the limit, index 1,004, these
        // tiny stretches give up cutting and the rest is read on one thread.)
        var body = String(decoding: Self.sharedStrings(3_000), as: UTF8.self)
        body = body.replacingOccurrences(of: "<si><t>кампания-500</t></si>", with: "<si><t>кампания-500</t>")
        let open = try XLSXSheetShapesTests.workbook(dir, "open.xlsx", sheet: Self.sheet(Self.rows(1...3)),
                                                     sharedStrings: Data(body.utf8))
        let openPackage = try WorkbookPackage(path: open)
        var readFromStart = false
        let openError: String? = {
            do {
                _ = try SharedStrings.read(openPackage, part: part, maxCellBytes: limit, parallelism: Self.cutting(500)) { _, again in
                    readFromStart = again
                }
                return nil
            } catch { return String(describing: error) }
        }()
        #expect(readFromStart)
        #expect(openError?.contains("mismatched tag") == true, "\(String(describing: openError))")
    }

    @Test func namespaceDeclarationsOnRowsAndCellsAreNotAttributes() throws {
        // Without namespace processing `xmlns:r` has the local name `r`: it must not be read as the row's or the
        // cell's reference, nor `xmlns:t` as a cell's type.
        let dir = TempDir()
        let body = #"<row xmlns:r="urn:r" r="1"><c xmlns:t="urn:t" r="B1" t="inlineStr" xmlns:s="urn:s"><is><t>Пул</t></is></c></row>"#
            + #"<row r="2" xmlns:r="urn:r"><c r="C2" xmlns:r="urn:r"><v>5</v></c></row>"#
        let path = try XLSXSheetShapesTests.workbook(dir, "xmlns.xlsx", sheet: Self.sheet(body))
        let rows = try Self.read(path, nil).rows
        #expect(rows.map(\.row) == [1, 2])
        #expect(rows[0].cells == ["", "Пул"])
        #expect(rows[1].cells == ["", "", "5"])
    }

    @Test func stoppingEarlyEndsTheThreads() throws {
        let dir = TempDir()
        let path = dir.path("job.xlsx")
        try CSVFastPathTests.xlsx(rows: 3_000, at: path)
        let serial = try Self.read(path, nil)
        // Many passes stopped after a few rows: each ends its threads (a leak would pile up threads and stretches).
        for stop in [1, 10, 100, 1_000] {
            let cut = try Self.read(path, Self.cutting(500), stopAfter: stop)
            #expect(cut.rows == Array(serial.rows.prefix(stop)))
        }
    }
}
