import Crypto
import Foundation

/// The kinds of job file.
public enum JobFileKind: String, Sendable, Codable {
    case csv, json, xlsx

    /// By extension: `.json` is JSON, `.xlsx` a workbook, `.csv`/`.txt`/`.tsv` (or none) is CSV.
    public static func guess(path: String) -> JobFileKind? {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "json": return .json
        case "xlsx": return .xlsx
        case "csv", "txt", "tsv", "": return .csv
        default: return nil
        }
    }
}

/// Overrides for what ctbulk would otherwise detect, and limits.
public struct JobReadOptions: Sendable {
    public var encoding: TextEncoding?
    public var delimiter: UInt8?
    public var kind: JobFileKind?
    /// The largest cell accepted, in bytes (`--max-cell-bytes`). A larger cell is a ``ProblemCode/cellTooLarge``
    /// error, and a CSV reader never holds its bytes.
    public var maxCellBytes: Int
    /// The team's own headers: header text as written → field (`--map 'Резерв=reserveNumber'`, `--mapping FILE`, a job
    /// spec's `mapping`). Matched ignoring case and spaces, before the built-in names.
    public var columnMapping: [String: JobColumn] = [:]
    /// `--strict-headers`: an unrecognised header is an error rather than a warning.
    public var strictHeaders = false
    /// `--sheet NAME`: the worksheet of an .xlsx file to read (default the first).
    public var sheet: String?
    /// How a large sheet is parsed on several threads (tests cut small sheets to exercise it).
    var sheetParallelism = SheetParallelism.automatic

    /// The default ``maxCellBytes``: 64 KiB, far above any field the API takes.
    public static let defaultMaxCellBytes = CSVParser.defaultMaxCellBytes

    public init(encoding: TextEncoding? = nil, delimiter: UInt8? = nil, kind: JobFileKind? = nil,
                maxCellBytes: Int = JobReadOptions.defaultMaxCellBytes) {
        self.encoding = encoding; self.delimiter = delimiter; self.kind = kind; self.maxCellBytes = maxCellBytes
    }

    /// The options that read a CSV file again exactly as `layout` says it was read (reports of a run): its dialect,
    /// and its columns as mapped then.
    public init(rereading layout: CSVLayout) {
        self.init(encoding: layout.dialect.encoding, delimiter: layout.dialect.delimiter,
                  kind: layout.sheet == nil ? .csv : .xlsx,
                  maxCellBytes: layout.maxCellBytes ?? JobReadOptions.defaultMaxCellBytes)
        if let sheet = layout.sheet {
            encoding = nil
            delimiter = nil
            self.sheet = sheet
        }
        for (index, column) in layout.columns.enumerated() {
            if let column, index < layout.header.count { columnMapping[layout.header[index]] = column }
        }
    }
}

/// How a CSV job file was understood: its dialect and which column feeds which field.
public struct CSVLayout: Sendable, Codable, Equatable {
    public var dialect: CSVDialect
    /// The header cells as written (trailing empty cells dropped).
    public var header: [String]
    /// The field each header cell maps to; nil for unknown columns.
    public var columns: [JobColumn?]
    /// The encoding was a guess between single-byte code pages (no BOM, not UTF-8).
    public var encodingGuessed: Bool
    /// The delimiter was sniffed with low confidence.
    public var delimiterGuessed: Bool
    /// The delimiter came from `--delimiter` or a `sep=` line rather than sniffing.
    public var delimiterGiven: Bool
    public var encodingGiven: Bool
    /// The cell-size limit the file was read with (`--max-cell-bytes`), so that reports which read it again apply
    /// the same limit; nil in layouts saved before it was recorded (the default then).
    public var maxCellBytes: Int?
    /// The row the header is on when title rows are above it (the spreadsheet's row number); nil: the first
    /// non-blank row.
    public var headerRow: Int?

    /// Where the columns a ctbulk report added start (a report fed back as a job), or nil.
    public var reportColumnsStart: Int? { HeaderMapping.reportColumnsStart(header) }
    /// The user's own columns: the header without the columns a ctbulk report added.
    public var ownWidth: Int { reportColumnsStart ?? header.count }
    /// An .xlsx file: the sheet read (the dialect is then what a CSV report of it is written in).
    public var sheet: String? = nil
    /// An .xlsx file: the workbook's other sheets (not read), shown so a user sees where the data may be.
    public var otherSheets: [String]? = nil
}

/// One input row as read: the cells as written (for reports) and what they mean.
public struct SourceRow: Sendable {
    public var row: Int
    /// The decoded cells as written (for JSON: the values in the order of ``JobColumn/all``).
    public var cells: [String]
    public var built: BuiltRow
    /// A row with no content at all (Excel leaves them); it is reported, not validated.
    public var isBlank: Bool
    /// .xlsx: the indices of the cells that hold numbers (a workbook report writes them back as numbers).
    public var numberCells: Set<Int> = []
}

/// Opens a job file (CSV or JSON), works out how it is written, and streams its rows.
///
/// CSV is read in 256 KiB chunks through libcsv, so memory stays constant whatever the file's size. JSON is parsed
/// whole (job files in JSON are API-shaped and small).
public final class JobFileReader {
    public let path: String
    public let kind: JobFileKind
    public let csv: CSVLayout?
    /// Problems of the whole file: unknown or duplicate columns, a missing phone column, bad JSON.
    public private(set) var fileProblems: [Problem] = []
    private let options: JobReadOptions
    private var json: JSONJob?
    /// Unrecognised header cells (index → text): reported once the rows show whether their columns hold data.
    private var unknownColumns: [Int: String] = [:]
    /// Of those, the columns where some row has a value.
    private var unknownColumnsWithData = Set<Int>()
    private var headerRowNumber: Int?
    /// .xlsx: the sheet whose rows take the CSV row path.
    var workbook: WorkbookSource?
    /// A CSV file's rows as estimated once its first chunk was read (that chunk's rows scaled by the file's size);
    /// nil before, and for small files (one chunk), .xlsx and JSON. Lets the duplicate index take its size at once.
    private(set) var estimatedRows: Int?

    public init(path: String, options: JobReadOptions = JobReadOptions()) throws(JobFileError) {
        self.path = path
        self.options = options
        guard let kind = options.kind ?? JobFileKind.guess(path: path) else {
            if let format = Self.otherSpreadsheetFormat(path) { throw JobFileError(path: path, reason: .workbook(.otherFormat(format))) }
            throw JobFileError(path: path, reason: .unsupportedFormat)
        }
        self.kind = kind
        switch kind {
        case .csv:
            let (layout, problems, unknown) = try Self.sniffCSV(path: path, options: options)
            self.csv = layout
            self.fileProblems = problems
            self.unknownColumns = unknown.columns
            self.headerRowNumber = unknown.row
        case .json:
            self.csv = nil
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
                _ = try ByteSource(path: path)  // throws the precise reason (not found, directory)
                throw JobFileError(path: path, reason: .unreadable(String(describing: error)))
            }
            let parsed = JSONJob.parse(data)
            self.json = parsed
            self.fileProblems = parsed.fileProblems
        case .xlsx:
            let opened = try Self.openWorkbook(path: path, options: options)
            self.workbook = opened.source
            self.csv = opened.layout
            self.fileProblems = opened.problems
            self.unknownColumns = opened.unknown.columns
            self.headerRowNumber = opened.unknown.row
        }
    }

    /// True when a file-level error makes the rows meaningless (no phone column, not JSON).
    public var hasFatalFileProblem: Bool { fileProblems.contains { $0.severity == .error } }

    /// The unrecognised headers, known once the rows were read (``forEachRow(_:)``): a column that holds data is a
    /// warning naming the closest field (an error with ``JobReadOptions/strictHeaders``), an empty one a note.
    public var columnProblems: [Problem] {
        guard let layout = csv else { return [] }
        let present = Set(layout.columns.compactMap { $0 })
        return unknownColumns.keys.sorted().map { index in
            let header = unknownColumns[index]!
            if options.strictHeaders {
                return Problem(.headerUnknown, severity: .error, row: headerRowNumber, column: header, value: header,
                               details: ["strict": "true"])
            }
            // When the rows were not read (no phone column), every unrecognised header gets its suggestion.
            guard unknownColumnsWithData.contains(index) || hasFatalFileProblem else {
                return Problem(.headerUnknownEmpty, row: headerRowNumber, column: header, value: header)
            }
            var details: [String: String] = [:]
            if let suggestion = HeaderMapping.suggestion(for: header, excluding: present) {
                details["suggestion"] = suggestion.fieldName
            }
            return Problem(.headerUnknown, row: headerRowNumber, column: header, value: header, details: details)
        }
    }

    /// The SHA-256 of the file's bytes, hex: the job's identity for plans and journals.
    public static func sha256(path: String) throws(JobFileError) -> String {
        let source = try ByteSource(path: path)
        defer { source.close() }
        var hasher = SHA256()
        while let chunk = try source.next() { hasher.update(data: chunk) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Calls `body` for every row in file order. Blank rows at the end of a CSV file are dropped; blank rows in the
    /// middle are passed with `isBlank`.
    public func forEachRow(_ body: (SourceRow) throws -> Void) throws {
        try forEachRowView { try body($0.sourceRow()) }
    }

    /// The rows as ``forEachRow(_:)`` gives them, but a CSV row the fast path proved clean (``CSVRowCheck``) comes as
    /// its number, fingerprint and notes, with its cells still as bytes: `validate` builds text and problems only
    /// for the rows that need them. A view is valid only inside `body`.
    func forEachRowView(_ body: (RowView) throws -> Void) throws {
        if hasFatalFileProblem { return }
        switch kind {
        case .json:
            for element in json?.rows ?? [] {
                var fieldCells = element.cells
                var tooLarge: [Problem] = []
                for index in fieldCells.indices where fieldCells[index].raw.utf8.count > options.maxCellBytes {
                    tooLarge.append(Self.cellTooLarge(path: path, row: element.row, column: fieldCells[index].name,
                                                      bytes: fieldCells[index].raw.utf8.count, limit: options.maxCellBytes))
                    fieldCells[index].raw = ""
                }
                var built = fieldCells.isEmpty && !element.problems.isEmpty
                    ? BuiltRow(row: element.row, jobRow: nil, problems: [])
                    : RowBuilder.build(row: element.row, cells: fieldCells)
                if !tooLarge.isEmpty { Self.replaceShadowed(&built, by: tooLarge) }
                built.problems.insert(contentsOf: element.problems, at: 0)
                let cells = JobColumn.all.map { column in fieldCells.first { $0.column == column }?.raw ?? "" }
                try body(RowView(source: SourceRow(row: element.row, cells: cells, built: built, isBlank: false)))
            }
        case .csv, .xlsx:
            try readCSV(body)
        }
    }

    // MARK: CSV

    private func readCSV(_ body: (RowView) throws -> Void) throws {
        guard let layout = csv else { return }
        let source = try ByteSource(path: path)
        defer { source.close() }
        let parser = CSVParser(delimiter: layout.dialect.delimiter, maxCellBytes: options.maxCellBytes)
        let rows = CSVRows(layout: layout, path: path, maxCellBytes: options.maxCellBytes, parser: parser,
                           unknownColumns: unknownColumns.keys.sorted())
        var transcoder: UTF16ToUTF8Transcoder? = layout.dialect.encoding == .utf16LE ? .init(littleEndian: true)
            : layout.dialect.encoding == .utf16BE ? .init(littleEndian: false) : nil
        var skip = layout.dialect.hasBOM ? layout.dialect.encoding.bom.count : 0
        var pendingBlank: [SourceRow] = []
        var headerSeen = false
        var rowOffset = 0
        var utf8Buffer: [UInt8] = []
        var lastRow: Int?
        // The fast path proves a row clean on its bytes only where it reads the row as the reference path does: not
        // for the rows of a report fed back (blank over the user's own columns only) nor with title rows above the
        // header; unrecognised columns are watched for data on both paths.
        let fastPath = layout.headerRow == nil && layout.ownWidth == layout.header.count
        defer { unknownColumnsWithData.formUnion(rows.unknownWithData) }

        // The records of a CSV chunk, or the rows of a parsed stretch of an .xlsx sheet (the cells' UTF-8 laid out as
        // the CSV parser lays out its records, so both take the fast path; a workbook knows more about some rows:
        // numbers shown as dates take the reference path, and every row is annotated with its number cells).
        func deliver(_ batch: CSVBatch) throws {
            for span in batch.records {
                lastRow = span.row
                if !headerSeen {
                    if layout.dialect.hasSepLine && rowOffset == 0 && span.row == 1 { rowOffset = 1; continue }
                    if let headerRow = layout.headerRow, span.row - rowOffset < headerRow { continue }  // title rows
                    if !span.hasOversized && (0..<span.cellCount).allSatisfy({ batch.cell(span.firstCell + $0).isEmpty }) {
                        continue  // blank lines above the header
                    }
                    headerSeen = true
                    continue
                }
                let row = span.row - rowOffset
                if fastPath && !span.hasOversized && workbook?.hasDates(row: span.row) != true {
                    var clean = CSVRowCheck.Clean()
                    switch rows.check.check(batch, span, into: &clean) {
                    case .clean:
                        for blank in pendingBlank { try body(RowView(source: blank)) }
                        pendingBlank.removeAll()
                        rows.noteUnknownData(batch, span)
                        try body(RowView(row: row, clean: clean, batch: batch, span: span, rows: rows, workbook: workbook))
                        continue
                    case .blank:
                        pendingBlank.append(SourceRow(row: row, cells: Array(repeating: "", count: span.cellCount),
                                                      built: BuiltRow(row: row, jobRow: nil, problems: []), isBlank: true))
                        continue
                    case .slow:
                        break
                    }
                }
                var sourceRow = rows.sourceRow(batch, span, row: row, oversized: workbook?.oversized(row: span.row))
                if sourceRow.isBlank {
                    pendingBlank.append(sourceRow)
                    continue
                }
                for blank in pendingBlank { try body(RowView(source: blank)) }
                pendingBlank.removeAll()
                workbook?.annotate(&sourceRow, layout: layout, columnName: rows.columnName)  // .xlsx: dates, numbers
                try body(RowView(source: sourceRow))
            }
        }

        if let workbook {  // .xlsx: the sheet's rows take the same path from here
            try workbook.forEachBatch(deliver)
            return
        }

        let fileSize = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        var bytesRead = 0
        while let chunk = try source.next() {
            if estimatedRows == nil, bytesRead > 0, let fileSize, let last = lastRow {
                estimatedRows = Int(Double(last) * Double(fileSize) / Double(bytesRead))
            }
            bytesRead += chunk.count
            var bytes = chunk[...]
            if skip > 0 { let n = min(skip, bytes.count); bytes = bytes.dropFirst(n); skip -= n }
            if transcoder != nil {
                utf8Buffer.removeAll(keepingCapacity: true)
                transcoder!.transcode(bytes, into: &utf8Buffer)
                try utf8Buffer.withUnsafeBytes { try parseChunk(parser, $0) }
            } else {
                try bytes.withUnsafeBytes { try parseChunk(parser, $0) }
            }
            try parser.withBatch(deliver)
        }
        if transcoder != nil {
            utf8Buffer.removeAll(keepingCapacity: true)
            transcoder!.finish(into: &utf8Buffer)
            try utf8Buffer.withUnsafeBytes { try parseChunk(parser, $0) }
        }
        do { try parser.finish() } catch {
            try parser.withBatch(deliver)
            throw CSVRowError(problem: Problem(.fileCSVSyntax, row: error.row - rowOffset, details: ["reason": error.reason]))
        }
        try parser.withBatch(deliver)
    }

    private func parseChunk(_ parser: CSVParser, _ buffer: UnsafeRawBufferPointer) throws {
        do { try parser.parse(buffer) } catch {
            throw CSVRowError(problem: Problem(.fileCSVSyntax, row: error.row, details: ["reason": error.reason]))
        }
    }

    static let sampleSize = 64 * 1024

    /// Reads on past the sniffing sample until the header record ends (or the file does): a header line may be
    /// longer than the sample. `parser` has been fed the sample already; `transcoder` (UTF-16) carries on from it.
    private static func readHeaderPastSample(path: String, sampleCount: Int, parser: CSVParser,
                                             transcoder: UTF16ToUTF8Transcoder?, lineEnding: String?,
                                             lastSampleByte: UInt8?) throws(JobFileError) -> (CSVRecord?, String?) {
        let source = try ByteSource(path: path)
        defer { source.close() }
        var transcoder = transcoder
        var toSkip = sampleCount
        var lineEnding = lineEnding
        var previous = lastSampleByte
        var utf8: [UInt8] = []
        func feed(_ bytes: UnsafeRawBufferPointer) -> CSVRecord? {
            if lineEnding == nil, let newline = bytes.firstIndex(of: 0x0A) {
                let before = newline > 0 ? bytes[newline - 1] : previous
                lineEnding = before == 0x0D ? "\r\n" : "\n"
            }
            previous = bytes.last ?? previous
            _ = try? parser.parse(bytes)
            return parser.drain().first { !$0.isBlank }
        }
        while let chunk = try source.next() {
            var bytes = chunk[...]
            if toSkip > 0 { let n = min(toSkip, bytes.count); bytes = bytes.dropFirst(n); toSkip -= n }
            if bytes.isEmpty { continue }
            let found: CSVRecord?
            if transcoder != nil {
                utf8.removeAll(keepingCapacity: true)
                transcoder!.transcode(bytes, into: &utf8)
                found = utf8.withUnsafeBytes { feed($0) }
            } else {
                found = bytes.withUnsafeBytes { feed($0) }
            }
            if let found { return (found, lineEnding) }
        }
        try? parser.finish()
        return (parser.drain().first { !$0.isBlank }, lineEnding)
    }

    /// Puts the cell-size errors of a row in front of its problems, dropping the problems they make meaningless: those
    /// of the oversized cells' columns (read as empty: "no number", "source required") and "nothing to set".
    static func replaceShadowed(_ built: inout BuiltRow, by tooLarge: [Problem]) {
        let columns = Set(tooLarge.compactMap(\.column))
        built.problems.removeAll { problem in
            problem.code == .nothingToSet || problem.column.map(columns.contains) == true
        }
        built.problems.insert(contentsOf: tooLarge, at: 0)
    }

    static func cellTooLarge(path: String, row: Int?, column: String, bytes: Int, limit: Int) -> Problem {
        Problem(.cellTooLarge, row: row, column: column,
                details: ["file": path, "bytes": String(bytes), "limit": String(limit)])
    }

    static func controlCharacter(row: Int?, column: String, value: String, found: ControlCharacters.Found) -> Problem {
        Problem(.controlCharacter, row: row, column: column, value: value,
                details: ["character": found.escaped, "position": String(found.position)])
    }

    /// How many non-blank rows at the top of a file are searched for the header (title rows above it).
    static let headerSearchRows = 10

    private static func sniffCSV(path: String, options: JobReadOptions)
        throws(JobFileError) -> (CSVLayout?, [Problem], (columns: [Int: String], row: Int?)) {
        let raw = try ByteSource.prefix(path: path, count: sampleSize)
        let detected = DetectedEncoding.detect(raw)
        var encoding = detected.encoding
        var bomLength = detected.bomLength
        if let forced = options.encoding {
            encoding = forced
            bomLength = raw.starts(with: forced.bom) && !forced.bom.isEmpty ? forced.bom.count : 0
        }
        var sample = Array(raw.dropFirst(bomLength))
        var transcoder: UTF16ToUTF8Transcoder?
        if encoding == .utf16LE || encoding == .utf16BE {
            transcoder = UTF16ToUTF8Transcoder(littleEndian: encoding == .utf16LE)
            var out: [UInt8] = []
            transcoder!.transcode(sample, into: &out)
            sample = out
        }
        // Excel's `sep=;` first line names the delimiter.
        var sepDelimiter: UInt8?
        if sample.count >= 5, Array(sample.prefix(4)).map({ $0 | 0x20 }) == Array("sep=".utf8) {
            let d = sample[4]
            if d != 0x0D && d != 0x0A { sepDelimiter = d }
        }
        var body = sample
        if sepDelimiter != nil, let newline = sample.firstIndex(of: 0x0A) { body = Array(sample[(newline + 1)...]) }
        let sniffed = DelimiterSniffer.sniff(body, preferTab: encoding == .utf16LE || encoding == .utf16BE)
        let delimiter = options.delimiter ?? sepDelimiter ?? sniffed.delimiter

        // The header: the first record after an optional sep line. It may be longer than the sample: then read on
        // (cell by cell, within the cell-size limit) until it ends.
        let parser = CSVParser(delimiter: delimiter, maxCellBytes: options.maxCellBytes)
        _ = body.withUnsafeBytes { try? parser.parse($0) }
        let topRecords = Array(parser.drain().lazy.filter { !$0.isBlank }.prefix(headerSearchRows))
        var headerRecord = topRecords.first
        var lineEnding = body.firstIndex(of: 0x0A).map { $0 > 0 && body[$0 - 1] == 0x0D ? "\r\n" : "\n" }
        if headerRecord == nil && raw.count >= sampleSize {
            (headerRecord, lineEnding) = try readHeaderPastSample(path: path, sampleCount: raw.count, parser: parser,
                                                                  transcoder: transcoder, lineEnding: lineEnding,
                                                                  lastSampleByte: body.last)
        } else if headerRecord == nil {
            try? parser.finish()
            headerRecord = parser.drain().first { !$0.isBlank }
        }
        guard var headerRecord else {
            return (nil, [Problem(.fileEmpty, row: nil)], ([:], nil))
        }
        func decode(_ bytes: [UInt8]) -> String {
            encoding == .windows1251 ? Windows1251.decode(bytes) : String(decoding: bytes, as: UTF8.self)
        }
        // Title rows above the header («Номера на апрель», an empty line, then the header): the header is the first
        // of the top rows that names a phone column, preferring the row that names the most known fields.
        var titleProblem: Problem?
        var seemsAt: (row: Int, names: [String])?
        func recognised(_ record: CSVRecord) -> (phone: Bool, names: [String]) {
            var fields = Set<JobColumn>(), names: [String] = []
            for cell in record.cells.map(decode) {
                guard let column = HeaderMapping.column(for: cell, mapping: options.columnMapping) else { continue }
                if fields.insert(column).inserted { names.append(CellText.trim(cell)) }
            }
            return (fields.contains(.phoneNumber), names)
        }
        if topRecords.count > 1, !recognised(headerRecord).phone {
            let scored = topRecords.map { ($0, recognised($0)) }
            if let best = scored.filter({ $0.1.phone }).max(by: { $0.1.names.count < $1.1.names.count }) {
                let above = scored.prefix { $0.0.row < best.0.row }
                let title = above.map { $0.0.cells.map(decode).map(CellText.trim).filter { !$0.isEmpty }.joined(separator: " ") }
                titleProblem = Problem(.headerTitleRows, row: best.0.row,
                                       details: ["row": String(best.0.row), "skipped": String(above.count),
                                                 "title": title.joined(separator: " / ")])
                headerRecord = best.0
            } else if let best = scored.max(by: { $0.1.names.count < $1.1.names.count }), best.1.names.count >= 2,
                      best.0.row != headerRecord.row {
                seemsAt = (best.0.row, best.1.names)
            }
        }
        let dialect = CSVDialect(encoding: encoding, hasBOM: bomLength > 0, delimiter: delimiter,
                                 hasSepLine: sepDelimiter != nil, lineEnding: lineEnding ?? "\r\n")
        let cells = headerRecord.cells.map(decode)
        let recognised = recogniseHeader(headerRecord, cells: cells, path: path, separator: String(UnicodeScalar(delimiter)),
                                         maxCellBytes: options.maxCellBytes, mapping: options.columnMapping,
                                         seemsAt: seemsAt)
        let layout = CSVLayout(dialect: dialect, header: recognised.header, columns: recognised.columns,
                               encodingGuessed: detected.guessed && options.encoding == nil,
                               delimiterGuessed: options.delimiter == nil && sepDelimiter == nil && !sniffed.confident,
                               delimiterGiven: options.delimiter != nil || sepDelimiter != nil,
                               encodingGiven: options.encoding != nil,
                               maxCellBytes: options.maxCellBytes, headerRow: titleProblem == nil ? nil : headerRecord.row)
        return (layout, (titleProblem.map { [$0] } ?? []) + recognised.problems, (recognised.unknown, headerRecord.row))
    }

    /// The header row of a CSV file or a sheet: each cell mapped to a field (nil: unknown; the team's `mapping`
    /// first), trailing empty cells dropped, the columns a ctbulk report added ignored, and the header's problems
    /// (duplicate or missing columns, oversized cells, control characters); `unknown` holds the unrecognised
    /// columns (reported once the rows show whether they hold data). `seemsAt` is where a header seems to be when
    /// this row has no phone column.
    static func recogniseHeader(_ headerRecord: CSVRecord, cells: [String], path: String, separator: String,
                                maxCellBytes: Int, mapping: [String: JobColumn],
                                seemsAt: (row: Int, names: [String])? = nil)
        -> (header: [String], columns: [JobColumn?], problems: [Problem], unknown: [Int: String]) {
        var header = cells
        var problems: [Problem] = []
        for (index, bytes) in headerRecord.oversized.sorted(by: { $0.key < $1.key }) {
            problems.append(cellTooLarge(path: path, row: headerRecord.row, column: "#\(index + 1)", bytes: bytes,
                                         limit: maxCellBytes))
        }
        for (index, cell) in header.enumerated() {
            // A header cell may span lines (Excel's Alt+Enter); any other control character is an error.
            if let found = ControlCharacters.first(in: cell, allowingLayout: true) {
                problems.append(controlCharacter(row: headerRecord.row, column: "#\(index + 1)", value: cell, found: found))
            }
        }
        while let last = header.last, CellText.trim(last).isEmpty { header.removeLast() }
        var columns: [JobColumn?] = []
        var seen: [JobColumn: String] = [:]
        var unknown: [Int: String] = [:]
        let reportStart = HeaderMapping.reportColumnsStart(header) ?? header.count
        for (index, cell) in header.enumerated() {
            // The columns a ctbulk report added (a report fed back as a job) are its own, not the user's: ignored quietly.
            let column = index < reportStart ? HeaderMapping.column(for: cell, mapping: mapping) : nil
            if let column {
                if let first = seen[column] {
                    problems.append(Problem(.headerDuplicate, row: headerRecord.row, column: cell, value: cell,
                                            details: ["field": column.csvName, "other": first]))
                    columns.append(nil)
                    continue
                }
                seen[column] = cell
            } else if index < reportStart {
                // A column without a header is named by its position.
                unknown[index] = CellText.trim(cell).isEmpty ? "#\(index + 1)" : cell
            }
            columns.append(column)
        }
        if seen[.phoneNumber] == nil {
            var details: [String: String] = [:]
            if let seemsAt {
                details = ["seemsAt": String(seemsAt.row), "columns": seemsAt.names.map { "«\($0)»" }.joined(separator: ", ")]
            }
            problems.insert(Problem(.headerPhoneMissing, row: seemsAt?.row ?? headerRecord.row,
                                    value: header.joined(separator: separator), details: details), at: 0)
        }
        return (header, columns, problems, unknown)
    }
}

/// What the CSV reader needs to turn a parsed record into a row: the layout, the fast path, and the reference path.
final class CSVRows {
    let layout: CSVLayout
    let path: String
    let maxCellBytes: Int
    let parser: CSVParser
    let check: CSVRowCheck
    let width: Int
    /// ``CSVLayout/ownWidth``, worked out once (it compares every header cell with the report's column names).
    let ownWidth: Int
    /// Columns no field reads: their cells are still checked for control characters (line breaks allowed).
    let ignoredColumns: [Int]

    /// The unrecognised columns, and those of them found holding data so far (on either path).
    let unknownIndexes: [Int]
    var unknownWithData = Set<Int>()

    init(layout: CSVLayout, path: String, maxCellBytes: Int, parser: CSVParser, unknownColumns: [Int] = []) {
        unknownIndexes = unknownColumns
        self.layout = layout
        self.path = path
        self.maxCellBytes = maxCellBytes
        self.parser = parser
        ownWidth = layout.ownWidth
        check = CSVRowCheck(layout: layout)
        width = layout.header.count
        ignoredColumns = layout.columns.indices.filter { layout.columns[$0] == nil && $0 < layout.header.count }
    }

    func columnName(_ index: Int) -> String {
        index < width && !layout.header[index].isEmpty ? layout.header[index] : "#\(index + 1)"
    }

    /// A record's cells as text (decoded from the file's encoding), and whether some cell was malformed UTF-8.
    func decodedCells(_ batch: CSVBatch, _ span: CSVParser.Span) -> ([String], Bool) {
        var cells: [String] = []
        cells.reserveCapacity(span.cellCount)
        var encodingProblem = false
        for column in 0..<span.cellCount {
            let (text, bad) = decode(batch.cell(span.firstCell + column))
            cells.append(text)
            if bad { encodingProblem = true }
        }
        return (cells, encodingProblem)
    }

    private func decode(_ raw: UnsafeBufferPointer<UInt8>) -> (String, Bool) {
        switch layout.dialect.encoding {
        case .windows1251:
            return (Windows1251.decode(raw), false)
        case .utf8, .utf16LE, .utf16BE:
            if let text = String(validating: raw, as: UTF8.self) { return (text, false) }
            return (String(decoding: raw, as: UTF8.self), true)
        }
    }

    /// A clean row (fast path): the unrecognised columns not yet known to hold data are looked at.
    func noteUnknownData(_ batch: CSVBatch, _ span: CSVParser.Span) {
        guard unknownWithData.count < unknownIndexes.count else { return }
        for index in unknownIndexes where index < span.cellCount && !unknownWithData.contains(index) {
            let raw = batch.cell(span.firstCell + index)
            if raw.isEmpty { continue }
            if !CellText.trim(decode(raw).0).isEmpty { unknownWithData.insert(index) }
        }
    }

    /// The reference path: every cell decoded, ``RowBuilder`` and the file-level checks of a row. `oversized`: the
    /// row's cells over the size limit when the caller knows them (.xlsx); else the parser's.
    func sourceRow(_ batch: CSVBatch, _ span: CSVParser.Span, row: Int, oversized given: [Int: Int]? = nil) -> SourceRow {
        let (cells, encodingProblem) = decodedCells(batch, span)
        var oversized = given ?? [:]
        if given == nil && span.hasOversized {
            for column in 0..<span.cellCount {
                if let size = parser.oversizedSize(cell: span.firstCell + column) { oversized[column] = size }
            }
        }
        return sourceRow(cells: cells, encodingProblem: encodingProblem, oversized: oversized, row: row)
    }

    func sourceRow(cells: [String], encodingProblem: Bool, oversized: [Int: Int], row: Int) -> SourceRow {
        // The columns a ctbulk report added do not count: a blank row of a report fed back is blank again.
        let blank = oversized.isEmpty && cells.prefix(ownWidth).allSatisfy { CellText.trim($0).isEmpty }
        if blank {
            return SourceRow(row: row, cells: cells, built: BuiltRow(row: row, jobRow: nil, problems: []), isBlank: true)
        }
        for index in unknownIndexes where index < cells.count && !unknownWithData.contains(index) {
            if oversized[index] != nil || !CellText.trim(cells[index]).isEmpty { unknownWithData.insert(index) }
        }
        var fieldCells: [FieldCell] = []
        fieldCells.reserveCapacity(width)
        for (index, column) in layout.columns.enumerated() {
            guard let column else { continue }
            fieldCells.append(FieldCell(column: column, name: layout.header[index],
                                        raw: index < cells.count ? cells[index] : ""))
        }
        var built = RowBuilder.build(row: row, cells: fieldCells)
        if !oversized.isEmpty {
            let tooLarge = oversized.sorted { $0.key < $1.key }.map { index, bytes in
                JobFileReader.cellTooLarge(path: path, row: row, column: columnName(index), bytes: bytes, limit: maxCellBytes)
            }
            JobFileReader.replaceShadowed(&built, by: tooLarge)
        }
        for index in ignoredColumns where index < cells.count && oversized[index] == nil {
            if let found = ControlCharacters.first(in: cells[index], allowingLayout: true) {
                built.problems.append(JobFileReader.controlCharacter(row: row, column: columnName(index), value: cells[index], found: found))
            }
        }
        if cells.count > width {
            for index in width..<cells.count where oversized[index] == nil {
                if let found = ControlCharacters.first(in: cells[index], allowingLayout: true) {
                    built.problems.append(JobFileReader.controlCharacter(row: row, column: columnName(index), value: cells[index], found: found))
                }
            }
        }
        if encodingProblem {
            built.problems.insert(Problem(.fileEncoding, row: row, details: ["encoding": layout.dialect.encoding.displayName]),
                                  at: 0)
        }
        if cells.count > width, cells[width...].contains(where: { !CellText.trim($0).isEmpty }) {
            built.problems.append(Problem(.rowExtraCells, row: row, value: cells[width...].first { !CellText.trim($0).isEmpty }))
        }
        return SourceRow(row: row, cells: cells, built: built, isBlank: false)
    }
}

/// One row as the reader delivers it to `validate`: either a ``SourceRow`` (JSON, and CSV rows that took the reference
/// path) or a CSV row the fast path proved clean, still as bytes in the parser's batch. Valid only inside the
/// callback that received it.
struct RowView {
    let row: Int
    let source: SourceRow?
    let clean: CSVRowCheck.Clean
    private let batch: CSVBatch?
    private let span: CSVParser.Span
    private let rows: CSVRows?
    /// An .xlsx row's workbook, which knows its number cells.
    private let workbook: WorkbookSource?

    init(source: SourceRow) {
        row = source.row
        self.source = source
        clean = CSVRowCheck.Clean()
        batch = nil
        span = CSVParser.Span(row: 0, firstCell: 0, cellCount: 0, hasOversized: false)
        rows = nil
        workbook = nil
    }

    init(row: Int, clean: CSVRowCheck.Clean, batch: CSVBatch, span: CSVParser.Span, rows: CSVRows,
         workbook: WorkbookSource? = nil) {
        self.workbook = workbook
        self.row = row
        source = nil
        self.clean = clean
        self.batch = batch
        self.span = span
        self.rows = rows
    }

    /// The row as ``JobFileReader/forEachRow(_:)`` gives it (a clean row is built on the reference path: the same
    /// result, at the reference's cost).
    func sourceRow() -> SourceRow {
        if let source { return source }
        var built = rows!.sourceRow(batch!, span, row: row)
        workbook?.annotate(&built, layout: rows!.layout, columnName: rows!.columnName)
        return built
    }

    /// A clean row's note `index` (below `clean.noteCount`): the column and the canonical number of a normalised
    /// phone, in column order.
    func note(_ index: Int) -> (column: Int, number: UInt64) {
        switch index {
        case 0: return (clean.noteColumns.0, clean.noteNumbers.0)
        case 1: return (clean.noteColumns.1, clean.noteNumbers.1)
        default: return (clean.noteColumns.2, clean.noteNumbers.2)
        }
    }

    /// A clean row's cell as bytes in the file's encoding (empty past the record's last cell).
    func cellBytes(_ column: Int) -> UnsafeBufferPointer<UInt8> {
        guard let batch, column < span.cellCount else { return UnsafeBufferPointer(start: nil, count: 0) }
        return batch.cell(span.firstCell + column)
    }

    /// The problems of a clean row: its `phone.normalized` notes, in column order.
    func cleanProblems() -> [Problem] {
        guard let rows, let batch else { return [] }
        var out: [Problem] = []
        out.reserveCapacity(clean.noteCount)
        for index in 0..<clean.noteCount {
            let (column, number) = note(index)
            let raw = rows.check.decode(batch.cell(span.firstCell + column))
            out.append(Problem(.phoneNormalized, row: row, column: rows.layout.header[column], value: raw,
                               details: ["normalized": String(number)]))
        }
        return out
    }
}

/// A syntax error that stops reading a CSV file at a row (the rows before it were delivered).
public struct CSVRowError: Error, Sendable {
    public var problem: Problem
}
