import Foundation

/// The `--report` of `validate` written in the same pass as validation: each row's cells are copied as the parser
/// holds them (bytes in the file's encoding: no decoding, no re-encoding) and its `row`, `status`, `code` and
/// `message` appended. The output is byte for byte what ``ValidationReport/write(to:reader:result:language:)`` writes
/// after a second read of the file.
///
/// **Problems found later.** A conflicting duplicate is known only when its second row comes; by then the first row
/// is written. Such first rows (few: those in ``ValidationResult/crossRowProblems`` with a conflict found after them)
/// are patched in ``finish(result:)``: the report is streamed once more, copying every record's bytes unchanged
/// except for those rows, whose `status` becomes `error` and whose `code` and `message` get the conflict appended —
/// exactly what the two-pass writer puts there. No row is validated twice, and when no first row needs patching the
/// file is just moved into place.
///
/// Used for CSV in Windows-1251 or UTF-8 written to a CSV report, without a cross-check (`--inventory` adds problems
/// after validation: that report is written by the two-pass writer). ``isEligible(reader:path:)`` says which.
final class ValidationReportStream {
    let path: String
    private let partialPath: String
    private let handle: FileHandle
    private let dialect: CSVDialect
    private let language: Language
    private let header: [String]
    @exclusivity(unchecked) private var buffer: [UInt8] = []
    @exclusivity(unchecked) private var scratch: [UInt8] = []
    private var failure: ReportError?
    /// The row of the first data record written, and whether every later record had the next row number (so a
    /// record's place in the file gives its row).
    private var firstRow: Int?
    private var nextRow = 0
    private var consecutive = true
    private var closed = false
    /// Bytes of `[column] ` per column (the message's prefix), in the file's encoding.
    private let columnPrefixes: [[UInt8]]
    /// The `phone.normalized` message split around the number, in the file's encoding (nil: render per row).
    private let noteMessage: (prefix: [UInt8], suffix: [UInt8])?
    private let noteCode: [UInt8]
    /// The `ok` status in the run's language, in the file's encoding.
    private let okStatus: [UInt8]

    static func isEligible(reader: JobFileReader, path: String) -> Bool {
        // Not for .xlsx input or a workbook report, nor where the report's columns are not the file's own: title rows
        // above the header, or a report fed back (its old report columns are replaced, not copied).
        guard reader.kind == .csv, let csv = reader.csv, !SpreadsheetFile.isWorkbook(path),
              csv.headerRow == nil, csv.ownWidth == csv.header.count else { return false }
        return csv.dialect.encoding == .windows1251 || csv.dialect.encoding == .utf8
    }

    init(path: String, reader: JobFileReader, language: Language) throws(ReportError) {
        self.path = path
        self.language = language
        dialect = reader.csv?.dialect ?? .excel
        header = reader.csv?.header ?? []
        partialPath = path + ".partial"
        guard FileManager.default.createFile(atPath: partialPath, contents: nil),
              let handle = FileHandle(forWritingAtPath: partialPath) else {
            throw ReportError(path: path, reason: "cannot create the file")
        }
        self.handle = handle
        let sentinel = "\u{E000}"
        let template = Problem(.phoneNormalized, row: 0, details: ["normalized": sentinel]).message(language)
        let parts = template.components(separatedBy: sentinel)
        noteMessage = parts.count == 2 ? (Self.encode(parts[0], dialect.encoding), Self.encode(parts[1], dialect.encoding)) : nil
        noteCode = Array(ProblemCode.phoneNormalized.rawValue.utf8)
        okStatus = Self.encode(language.text("report.status.ok"), dialect.encoding)
        let encoding = dialect.encoding
        columnPrefixes = header.map { Self.encode("[\($0)] ", encoding) }
        buffer.reserveCapacity(1 << 17)
        if dialect.hasBOM { buffer.append(contentsOf: dialect.encoding.bom) }
        if dialect.hasSepLine {
            buffer.append(contentsOf: Array("sep=".utf8) + [dialect.delimiter])
            buffer.append(contentsOf: Array(dialect.lineEnding.utf8))
        }
        writeStrings(header + ValidationReport.extraColumns(language))
    }

    deinit {
        if !closed {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: partialPath)
        }
    }

    static func encode(_ text: String, _ encoding: TextEncoding) -> [UInt8] {
        encoding == .windows1251 ? Windows1251.encode(text) : Array(text.utf8)
    }

    // MARK: Rows

    private func noteRow(_ row: Int) {
        if firstRow == nil { firstRow = row } else if row != nextRow { consecutive = false }
        nextRow = row + 1
    }

    /// A row that took the reference path (or a blank one): its cells as text, as the two-pass writer writes them.
    func write(_ source: SourceRow, problems: [Problem]) {
        guard failure == nil else { return }
        noteRow(source.row)
        var cells = Array(source.cells.prefix(header.count))
        while cells.count < header.count { cells.append("") }
        let (status, codes, messages) = outcome(problems, blank: source.isBlank)
        writeStrings(cells + [String(source.row), status, codes, messages])
    }

    /// A row the fast path proved clean: its cells' bytes copied, its notes (and any duplicate problem) appended.
    func write(_ view: RowView, duplicate: Problem?) {
        guard failure == nil else { return }
        noteRow(view.row)
        for column in 0..<header.count {
            if column > 0 { buffer.append(dialect.delimiter) }
            appendCell(view.cellBytes(column))
        }
        buffer.append(dialect.delimiter)
        buffer.append(contentsOf: String(view.row).utf8)  // digits: never quoted
        buffer.append(dialect.delimiter)
        if duplicate == nil, let noteMessage {
            appendCell(okStatus)
            buffer.append(dialect.delimiter)
            scratch.removeAll(keepingCapacity: true)
            for index in 0..<view.clean.noteCount {
                if index > 0 { scratch.append(contentsOf: [0x2C, 0x20]) }
                scratch.append(contentsOf: noteCode)
            }
            appendCell(scratch)
            buffer.append(dialect.delimiter)
            scratch.removeAll(keepingCapacity: true)
            for index in 0..<view.clean.noteCount {
                let (column, number) = view.note(index)
                if index > 0 { scratch.append(contentsOf: [0x20, 0x7C, 0x20]) }  // " | "
                scratch.append(contentsOf: columnPrefixes[column])
                scratch.append(contentsOf: noteMessage.prefix)
                scratch.append(contentsOf: String(number).utf8)
                scratch.append(contentsOf: noteMessage.suffix)
            }
            appendCell(scratch)
        } else {
            let (status, codes, messages) = outcome(view.cleanProblems() + (duplicate.map { [$0] } ?? []), blank: false)
            for (index, text) in [status, codes, messages].enumerated() {
                if index > 0 { buffer.append(dialect.delimiter) }
                appendText(text)
            }
        }
        buffer.append(contentsOf: dialect.lineEnding.utf8)
        flushIfFull()
    }

    /// status, codes, messages: as ``ValidationReport`` renders them.
    private func outcome(_ problems: [Problem], blank: Bool) -> (String, String, String) {
        let status: String
        if blank { status = "empty" } else {
            switch problems.lazy.filter({ $0.severity != .note }).map(\.severity).max() {
            case .error?: status = "error"
            case .warning?: status = "warning"
            default: status = "ok"
            }
        }
        return (language.text("report.status." + status), Self.codes(problems), messages(problems))
    }

    static func codes(_ problems: [Problem]) -> String { problems.map(\.code.rawValue).joined(separator: ", ") }

    func messages(_ problems: [Problem]) -> String {
        problems.map { problem in (problem.column.map { "[\($0)] " } ?? "") + problem.message(language) }
            .joined(separator: " | ")
    }

    // MARK: Bytes

    /// Cells as text, exactly as ``CSVWriter/write(_:)`` writes them.
    private func writeStrings(_ cells: [String]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { buffer.append(dialect.delimiter) }
            appendText(cell)
        }
        buffer.append(contentsOf: dialect.lineEnding.utf8)
        flushIfFull()
    }

    /// One cell as text, by ``CSVWriter``'s rules (on characters: a space followed by a combining mark is not a space).
    private func appendText(_ raw: String) {
        let cell = CellText.neutralised(raw)
        let needsQuotes = cell.utf8.contains { $0 == dialect.delimiter || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            || cell.hasPrefix(" ") || cell.hasSuffix(" ")
        let text = needsQuotes ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
        buffer.append(contentsOf: Self.encode(text, dialect.encoding))
    }

    /// One cell of a clean row by ``CSVWriter``'s rules, on bytes (the four bytes that decide are ASCII, and in UTF-8 and
    /// Windows-1251 an ASCII byte is always that character): an apostrophe before a formula-like cell; quotes when it
    /// holds the delimiter, a quote or a line break, or starts or ends with a space; quotes doubled.
    private func appendCell<C: Collection>(_ cell: C) where C.Element == UInt8 {
        guard let first = cell.first else { return }
        let apostrophe = (first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40
                                          || first == 0x09 || first == 0x0D)
        var needsQuotes = false
        var hasQuote = false
        for b in cell where b == dialect.delimiter || b == 0x22 || b == 0x0A || b == 0x0D {
            needsQuotes = true
            if b == 0x22 { hasQuote = true }
        }
        if !apostrophe && first == 0x20 { needsQuotes = true }
        var last = first
        for b in cell { last = b }
        if last == 0x20 { needsQuotes = true }
        if needsQuotes { buffer.append(0x22) }
        if apostrophe { buffer.append(0x27) }
        if hasQuote {
            for b in cell {
                if b == 0x22 { buffer.append(0x22) }
                buffer.append(b)
            }
        } else {
            buffer.append(contentsOf: cell)
        }
        if needsQuotes { buffer.append(0x22) }
    }

    private func flushIfFull() {
        if buffer.count >= 1 << 17 { flush() }
    }

    private func flush() {
        guard failure == nil, !buffer.isEmpty else { return }
        do { try handle.write(contentsOf: buffer) } catch {
            failure = ReportError(path: path, reason: String(describing: error))
        }
        buffer.removeAll(keepingCapacity: true)
    }

    // MARK: Finish

    /// Patches the first rows of conflicts found after them, and moves the report into place.
    func finish(result: ValidationResult) throws(ReportError) {
        flush()
        if let failure { throw failure }
        do { try handle.close() } catch { throw ReportError(path: path, reason: String(describing: error)) }
        closed = true
        let late = lateProblems(result)
        var source = partialPath
        if !late.isEmpty {
            source = partialPath + "2"
            do {
                try patch(from: partialPath, to: source, late: late)
            } catch {
                try? FileManager.default.removeItem(atPath: source)
                try? FileManager.default.removeItem(atPath: partialPath)
                throw error
            }
            try? FileManager.default.removeItem(atPath: partialPath)
        }
        do {
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: source, toPath: path)
        } catch {
            throw ReportError(path: path, reason: String(describing: error))
        }
    }

    /// Problems a row received after it was written: the mirror of a conflict found on a later row.
    private func lateProblems(_ result: ValidationResult) -> [Int: [Problem]] {
        var late: [Int: [Problem]] = [:]
        for (row, problems) in result.crossRowProblems {
            let after = problems.filter { problem in
                problem.details["otherRow"].flatMap(Int.init).map { $0 > row } ?? false
            }
            if !after.isEmpty { late[row] = after }
        }
        return late
    }

    /// Copies the report, rewriting the last three cells (status, code, message) of the rows in `late`.
    private func patch(from input: String, to output: String, late: [Int: [Problem]]) throws(ReportError) {
        guard let reader = FileHandle(forReadingAtPath: input),
              FileManager.default.createFile(atPath: output, contents: nil),
              let writer = FileHandle(forWritingAtPath: output) else {
            throw ReportError(path: path, reason: "cannot create the file")
        }
        defer { try? reader.close(); try? writer.close() }
        // Records before the first data row: the BOM and the sep= line are not records of their own in the scan
        // below (the BOM is part of the first line), the header is.
        let skipRecords = 1 + (dialect.hasSepLine ? 1 : 0)
        var record: [UInt8] = []  // the record in progress, from earlier chunks
        var out: [UInt8] = []
        var inQuotes = false
        var recordIndex = 0
        var failure: ReportError?
        do {
            while failure == nil, let chunk = try reader.read(upToCount: 1 << 20), !chunk.isEmpty {
                chunk.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
                    let bytes = raw.bindMemory(to: UInt8.self)
                    var recordStart = 0  // where the current record starts in this chunk
                    var copyFrom = 0     // bytes of this chunk not yet copied to `out`
                    for index in 0..<bytes.count {
                        let b = bytes[index]
                        if b == 0x22 { inQuotes.toggle(); continue }
                        guard b == 0x0A && !inQuotes else { continue }
                        let dataIndex = recordIndex - skipRecords
                        recordIndex += 1
                        var row: Int?
                        if dataIndex >= 0 {
                            if consecutive, let firstRow { row = firstRow + dataIndex } else {
                                row = rowCell(record + Array(bytes[recordStart...index]))
                            }
                        }
                        if let row, let problems = late[row] {
                            out.append(contentsOf: bytes[copyFrom..<recordStart])
                            guard let fixed = patched(record + Array(bytes[recordStart...index]), row: row, late: problems) else {
                                failure = ReportError(path: path, reason: "internal: report row \(row) not where it was written")
                                return
                            }
                            out.append(contentsOf: fixed)
                            copyFrom = index + 1
                        } else if !record.isEmpty {
                            // Began in the previous chunk (so recordStart and copyFrom are 0): its first part first.
                            out.append(contentsOf: record)
                            out.append(contentsOf: bytes[recordStart...index])
                            copyFrom = index + 1
                        }
                        record.removeAll(keepingCapacity: true)
                        recordStart = index + 1
                    }
                    out.append(contentsOf: bytes[copyFrom..<recordStart])
                    record.append(contentsOf: bytes[recordStart...])
                }
                if out.count >= 1 << 20 {
                    try writer.write(contentsOf: out)
                    out.removeAll(keepingCapacity: true)
                }
            }
            if let failure { throw failure }
            out.append(contentsOf: record)
            try writer.write(contentsOf: out)
        } catch let error as ReportError {
            throw error
        } catch {
            throw ReportError(path: path, reason: String(describing: error))
        }
    }

    /// A record's cells (bytes between delimiters, quotes kept) and its line end.
    private func split(_ record: [UInt8]) -> (cells: [ArraySlice<UInt8>], lineEnd: ArraySlice<UInt8>) {
        var end = record.count
        while end > 0 && (record[end - 1] == 0x0A || record[end - 1] == 0x0D) { end -= 1 }
        var cells: [ArraySlice<UInt8>] = []
        var start = 0
        var inQuotes = false
        for index in 0..<end {
            let b = record[index]
            if b == 0x22 { inQuotes.toggle() } else if b == dialect.delimiter && !inQuotes {
                cells.append(record[start..<index])
                start = index + 1
            }
        }
        cells.append(record[start..<end])
        return (cells, record[end...])
    }

    /// The text of a cell as written (quotes removed, doubled quotes undone, the apostrophe kept).
    private func text(_ cell: ArraySlice<UInt8>) -> String {
        var bytes = Array(cell)
        if bytes.count >= 2 && bytes.first == 0x22 && bytes.last == 0x22 {
            bytes = Array(bytes.dropFirst().dropLast())
            var unescaped: [UInt8] = []
            var index = 0
            while index < bytes.count {
                unescaped.append(bytes[index])
                index += bytes[index] == 0x22 && index + 1 < bytes.count && bytes[index + 1] == 0x22 ? 2 : 1
            }
            bytes = unescaped
        }
        return dialect.encoding == .windows1251 ? Windows1251.decode(bytes) : String(decoding: bytes, as: UTF8.self)
    }

    private func rowCell(_ record: [UInt8]) -> Int? {
        let cells = split(record).cells
        guard cells.count >= 4 else { return nil }
        return Int(text(cells[cells.count - 4]))
    }

    /// The record with the late problems added; nil when the record is not row `row` (never, if rows were counted
    /// right).
    private func patched(_ record: [UInt8], row: Int, late: [Problem]) -> [UInt8]? {
        let (cells, lineEnd) = split(record)
        guard cells.count >= 4, Int(text(cells[cells.count - 4])) == row else { return nil }
        // The writer neutralised these cells; a message or code never starts with a formula character, so the text
        // is the cell as rendered.
        let codes = text(cells[cells.count - 2])
        let messages = text(cells[cells.count - 1])
        let newCodes = codes.isEmpty ? Self.codes(late) : codes + ", " + Self.codes(late)
        let newMessages = messages.isEmpty ? self.messages(late) : messages + " | " + self.messages(late)
        let saved = buffer
        buffer.removeAll()
        for (index, cell) in cells.dropLast(3).enumerated() {
            if index > 0 { buffer.append(dialect.delimiter) }
            buffer.append(contentsOf: cell)
        }
        for text in [language.text("report.status.error"), newCodes, newMessages] {
            buffer.append(dialect.delimiter)
            appendText(text)
        }
        buffer.append(contentsOf: lineEnd)
        let out = buffer
        buffer = saved
        return out
    }
}
