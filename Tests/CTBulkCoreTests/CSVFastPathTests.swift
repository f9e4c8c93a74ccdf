@testable import CTBulkCore
import CTBulkTestSupport
import Foundation
import Testing

/// The byte-level fast path of CSV validation (``CSVRowCheck``) against the reference path (decoded cells,
/// ``RowBuilder``): every row the fast path accepts must have exactly the reference's number, settings and problems.
@Suite struct CSVFastPathTests {
    static let header = ["Номер телефона", "Пул", "Источник", "Канал", "Кампания", "Номер переадресации",
                         "Резервный номер", "Таймаут", "Игнорировать early media", "Комментарий"]

    static let phones = ["+7 (900) 123-45-67", "79001234567", "89001234567", "8 900 123-45-67", "9001234567",
                         "+7 900 123 45 67", "79001234567.0", "7,9E+10", "79ОО1234567", "900123456", "+8 900 123 45 67",
                         " 79001234567", "79001234567\u{A0}", "'+79001234567", "#Н/Д", "", "+79001234567 доб. 12",
                         "+7 (900) 123-45-6", "(+7) 9001234567", "7900123456.0", "+1 900 123 45 67", "79001234567\t"]
    static let texts = ["Весна", "yandex", "", "[]", " пробел", "Кафе", "Cafe\u{301}", "Café", "=1+1", "'=1+1",
                        "#ЗНАЧ!", "a;b", "q\"uote", "x\u{1B}y", "№ 5 — «лето»", "tab\tinside", "ǅ", "Ω", "\u{2126}"]
    static let redirects = ["", "+7 (495) 000-00-01", "84950000002", "74950000001", "+7 (900) 123-45-67", "abc"]
    static let timeouts = ["", "30", "10", "120", "9", "121", "30.0", "30 сек", "030", "+30", " 45"]
    static let flags = ["", "да", "нет", "TRUE", "Да", "может быть", "1", "n", "ИСТИНА"]

    /// Row `i`: a mix of variants that covers every pair of neighbouring columns many times.
    static func row(_ i: Int) -> [String] {
        func pick<T>(_ list: [T], _ salt: Int) -> T { list[(i &* (salt * 2 + 1) &+ salt * 7 + i / (salt + 3)) % list.count] }
        var cells = [pick(phones, 1), pick(texts, 2), pick(texts, 3), pick(texts, 4), pick(texts, 5), pick(redirects, 6),
                     "", "", "", pick(texts, 10)]
        if i % 3 == 0 { cells[6] = pick(redirects, 7); cells[7] = pick(timeouts, 8); cells[8] = pick(flags, 9) }
        if i % 2 == 0 {  // every other row from shapes that are clean, so both paths are well exercised
            cells[0] = pick(Array(phones[0..<6]), 11)
            for column in 1...4 { cells[column] = pick(["Весна", "yandex", "Кафе", "Café", "№ 5 — «лето»", "a;b", "q\"uote"], column) }
            cells[5] = pick(Array(redirects[1...2]), 12)
            if i % 3 == 0 { cells[6] = redirects[2]; cells[7] = "45"; cells[8] = pick(Array(flags[1...4]), 13) }
        }
        if i % 11 == 0 { cells = cells.map { _ in "" } }           // a blank row
        if i % 13 == 0 { cells.append("extra") }                   // a cell past the header
        if i % 17 == 0 { cells[1] = ""; cells[2] = "" }            // fewer given fields
        return cells
    }

    static func csv(rows: Int) -> String {
        var lines = [header.joined(separator: ";")]
        for i in 0..<rows {
            lines.append(row(i).map { cell in
                cell.contains(";") || cell.contains("\"") ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
            }.joined(separator: ";"))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    func compareFastAndReference(_ path: String) throws -> (clean: Int, slow: Int) {
        let reader = try JobFileReader(path: path)
        var clean = 0, slow = 0
        try reader.forEachRowView { view in
            if view.source != nil { slow += 1; return }
            clean += 1
            let reference = view.sourceRow()
            #expect(!reference.isBlank)
            #expect(reference.built.problems == view.cleanProblems(), "row \(view.row)")
            #expect(reference.built.problems.allSatisfy { $0.code == .phoneNormalized }, "row \(view.row)")
            let job = try #require(reference.built.jobRow, "row \(view.row)")
            #expect(job.phoneNumber.numericValue == view.clean.number, "row \(view.row)")
            #expect(SettingsFingerprint.of(job.settings) == view.clean.fingerprint, "row \(view.row): \(job.settings)")
        }
        return (clean, slow)
    }

    @Test func cleanRowsAgreeWithTheReferenceInUTF8AndWindows1251() throws {
        let dir = TempDir()
        let text = Self.csv(rows: 3_000)
        let utf8 = dir.write("job-utf8.csv", text)
        let (cleanUTF8, slowUTF8) = try compareFastAndReference(utf8)
        // Windows-1251 cannot hold every variant: those become `?`, which is one more variant.
        let cp1251 = dir.write("job-cp1251.csv", bytes: Windows1251.encode(text))
        let (clean1251, slow1251) = try compareFastAndReference(cp1251)
        // Both paths are exercised (else the comparison proves nothing).
        #expect(cleanUTF8 > 100 && slowUTF8 > 100, "utf-8: \(cleanUTF8) clean, \(slowUTF8) slow")
        #expect(clean1251 > 100 && slow1251 > 100, "cp1251: \(clean1251) clean, \(slow1251) slow")
    }

    /// The rows of ``row(_:)`` as a workbook (libxlsxwriter, inline strings): every fifth row's phone and redirect
    /// stored as numbers when they are digits, an empty row left out of the file every 23rd row (Excel writes no
    /// `<row>` for it), the rest as text.
    static func xlsx(rows: Int, at path: String) throws {
        let writer = try SpreadsheetFile.open(path: path, csvDialect: .excel)
        try writer.writeHeader(header)
        for i in 0..<rows {
            let cells = row(i).enumerated().map { column, text in
                SpreadsheetCell(text, isNumber: i % 5 == 0 && (column == 0 || column == 5)
                                && !text.isEmpty && text.allSatisfy(\.isASCII) && text.allSatisfy(\.isNumber))
            }
            try writer.writeRow(i % 23 == 0 ? [] : cells)
        }
        try writer.close()
    }

    @Test func xlsxRowsTakeTheFastPathAndAgreeWithTheReference() throws {
        let dir = TempDir()
        let path = dir.path("job.xlsx")
        try Self.xlsx(rows: 3_000, at: path)
        let (clean, slow) = try compareFastAndReference(path)
        #expect(clean > 100 && slow > 100, "\(clean) clean, \(slow) slow")
        // A clean row's number cells are known when it is built (a workbook report writes them back as numbers).
        let reader = try JobFileReader(path: path)
        var numbered = 0
        try reader.forEachRowView { view in
            guard view.source == nil else { return }
            let built = view.sourceRow()
            if view.row % 5 == 2 && built.cells[0].allSatisfy(\.isNumber) {  // row(i) is spreadsheet row i + 2
                #expect(built.numberCells.contains(0), "row \(view.row)")
                numbered += 1
            } else {
                #expect(!built.numberCells.contains(0), "row \(view.row)")
            }
        }
        #expect(numbered > 50)
    }

    @Test(arguments: ["job.csv", "job.xlsx"])
    func validationCountsAreTheSameWithAndWithoutTheFastPath(_ name: String) throws {
        let dir = TempDir()
        let path = name.hasSuffix(".csv") ? dir.write(name, Self.csv(rows: 2_000)) : dir.path(name)
        if name.hasSuffix(".xlsx") { try Self.xlsx(rows: 2_000, at: path) }
        let fast = Validator.validate(try JobFileReader(path: path), problemLimit: nil, collectRows: true)
        // The reference: every row through RowBuilder (forEachRow materialises clean rows on the reference path).
        let reader = try JobFileReader(path: path)
        var reference: [SourceRow] = []
        try reader.forEachRow { reference.append($0) }
        let referenceProblems = reference.flatMap(\.built.problems)
        // Row problems only (the file's own and its header's, e.g. the unknown column, are not a row's).
        let fastOwn = fast.problems.filter { problem in
            !reader.fileProblems.contains(problem) && !reader.columnProblems.contains(problem) && problem.code != .duplicateConflict && problem.code != .duplicateIdentical
        }
        #expect(fastOwn.count == referenceProblems.count)
        #expect(Set(fastOwn) == Set(referenceProblems),
                "only fast: \(Set(fastOwn).subtracting(referenceProblems)), only reference: \(Set(referenceProblems).subtracting(fastOwn))")
        #expect(fast.summary.rowsRead == reference.filter { !$0.isBlank }.count)
        #expect(fast.summary.blank == reference.filter(\.isBlank).count)
        // A short list keeps complete counts.
        let limitedReader = try JobFileReader(path: path)
        let limited = Validator.validate(limitedReader, problemLimit: 5, collectRows: false)
        #expect(limited.problemCount == fast.problemCount)
        #expect(limited.severityCounts == fast.severityCounts)
        #expect(limited.codeCounts == fast.codeCounts)
        #expect(limited.summary == fast.summary)
        // The limit holds per severity; the file's and the header's problems are always listed.
        let always = limitedReader.fileProblems + limitedReader.columnProblems
        for severity in [Severity.note, .warning, .error] {
            let rowProblems = fast.problems.filter { $0.severity == severity && !always.contains($0) }.count
            let listed = limited.problems.filter { $0.severity == severity && !always.contains($0) }.count
            #expect(listed == min(5, rowProblems), "\(severity)")
        }
    }

    @Test func settingsThatCompareEqualAsTextHaveOneFingerprint() {
        let composed = NumberSettings(poolName: "Café", displayOptions: DisplayOptions(source: "Ёлка"))
        let decomposed = NumberSettings(poolName: "Cafe\u{301}", displayOptions: DisplayOptions(source: "Е\u{308}лка"))
        #expect(composed == decomposed)
        #expect(SettingsFingerprint.of(composed) == SettingsFingerprint.of(decomposed))
        let other = NumberSettings(poolName: "Cafe", displayOptions: DisplayOptions(source: "Елка"))
        #expect(SettingsFingerprint.of(composed) != SettingsFingerprint.of(other))
        // A field given empty ("clear it") is not the field left out.
        #expect(SettingsFingerprint.of(NumberSettings(poolName: "P", displayOptions: DisplayOptions(source: "s", medium: "")))
            != SettingsFingerprint.of(NumberSettings(poolName: "P", displayOptions: DisplayOptions(source: "s"))))
    }

    /// A precomposed "Café" read on the fast path and a decomposed one read on the reference path are the same
    /// settings: the later row is an identical duplicate, not a conflict.
    @Test func duplicatesCompareTextAsSwiftDoes() throws {
        let dir = TempDir()
        let text = "Номер;Пул;Источник\r\n+7 900 123-45-67;Café;direct\r\n79001234567;Cafe\u{301};direct\r\n79001234568;Café;direct\r\n+7 900 123-45-68;Cafe;direct\r\n"
        let path = dir.write("job.csv", text)
        let result = Validator.validate(try JobFileReader(path: path), problemLimit: nil)
        #expect(result.problems.filter { $0.code == .duplicateIdentical }.compactMap(\.row) == [3])
        #expect(result.problems.filter { $0.code == .duplicateConflict }.compactMap(\.row).sorted() == [4, 5])
    }
}

/// The one-pass report (``ValidationReportStream``) against the two-pass writer (``ValidationReport``).
@Suite struct OnePassReportTests {
    func bothReports(_ name: String, bytes: [UInt8]) throws -> (onePass: [UInt8], twoPass: [UInt8], result: ValidationResult) {
        let dir = TempDir()
        let path = dir.write(name, bytes: bytes)
        let one = dir.path("one.csv"), two = dir.path("two.csv")
        let (result, failure) = Validator.validate(try JobFileReader(path: path), problemLimit: 50, reportPath: one,
                                                   language: .ru)
        #expect(failure == nil)
        let reader = try JobFileReader(path: path)
        let reference = Validator.validate(reader, problemLimit: 50)
        try ValidationReport.write(to: two, reader: reader, result: reference, language: .ru)
        #expect(!FileManager.default.fileExists(atPath: one + ".partial"))
        return (Array(try Data(contentsOf: URL(fileURLWithPath: one))), Array(try Data(contentsOf: URL(fileURLWithPath: two))),
                result)
    }

    @Test func byteIdenticalToTheTwoPassReportWithLateConflictsQuotesAndBlankRows() throws {
        let text = CSVFastPathTests.csv(rows: 1_500)
            + "+7 (900) 555-00-01;Пул;src;;;;;;;;\r\n"
            + "\r\n"
            + "\"multi\nline\";x;;;;;;;;;\r\n"
            + "+7 900 555-00-01;Пул;src;;\"кампания; с \"\"кавычками\"\"\";;;;;;\r\n"  // conflicts with the row above
            + "=1+1;@a;-b;+c;;;;;;;\r\n"
        for (name, bytes) in [("utf8.csv", Array(text.utf8)), ("bom.csv", [0xEF, 0xBB, 0xBF] + Array(text.utf8)),
                              ("cp1251.csv", Windows1251.encode(text)),
                              ("sep.csv", Array(("sep=;\r\n" + text).utf8))] {
            let (one, two, result) = try bothReports(name, bytes: bytes)
            #expect(one == two, "\(name): \(one.count) vs \(two.count) bytes")
            // The comparison covers rows patched after they were written.
            let patched = result.crossRowProblems.values.contains { problems in
                problems.contains { problem in Int(problem.details["otherRow"] ?? "") ?? 0 > (problem.row ?? 0) }
            }
            #expect(patched, "\(name)")
        }
    }

    /// A report fed back in (its old report columns replaced) and a file with title rows above its header take the
    /// two-pass writer and the reference path; the result is still main's report.
    @Test func reportsFedBackAndTitleRowsMatchTheTwoPassReport() throws {
        let dir = TempDir()
        let job = dir.write("job.csv", CSVFastPathTests.csv(rows: 200))
        let report = dir.path("report.csv")
        let (_, failure) = Validator.validate(try JobFileReader(path: job), reportPath: report, language: .ru)
        #expect(failure == nil)
        let fedBack = Array(try Data(contentsOf: URL(fileURLWithPath: report)))
        let titled = Array(("Выгрузка номеров за май\r\n\r\n" + CSVFastPathTests.csv(rows: 200)).utf8)
        for (name, bytes) in [("fed-back.csv", fedBack), ("titled.csv", titled)] {
            let (one, two, _) = try bothReports(name, bytes: bytes)
            #expect(one == two, "\(name): \(one.count) vs \(two.count) bytes")
        }
        let fedBackReader = try JobFileReader(path: dir.write("again.csv", bytes: fedBack))
        #expect(fedBackReader.csv.map { $0.ownWidth < $0.header.count } == true)
        #expect(!ValidationReportStream.isEligible(reader: fedBackReader, path: dir.path("r.csv")))
    }

    @Test func notEligibleFilesGetTheTwoPassReport() throws {
        let dir = TempDir()
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "Номер\tПул\r\n+7 900 123-45-67\tВесна\r\n".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let path = dir.write("job.txt", bytes: utf16)
        let reader = try JobFileReader(path: path)
        #expect(!ValidationReportStream.isEligible(reader: reader, path: dir.path("r.csv")))
        let (_, failure) = Validator.validate(reader, reportPath: dir.path("r.csv"), language: .en)
        #expect(failure == nil)
        #expect(FileManager.default.fileExists(atPath: dir.path("r.csv")))
    }
}
