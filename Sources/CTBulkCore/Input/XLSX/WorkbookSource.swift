import Foundation

/// The rows of one worksheet of an .xlsx job file, handed to ``JobFileReader``'s row path as the same records a CSV
/// file gives (so header recognition, ``RowBuilder`` and the ``Validator`` are shared), plus what only a workbook
/// knows: which cells are numbers and which are dates.
///
/// Memory: the sheet is inflated and parsed in 64 KiB chunks and rows are handed on after each chunk (a large sheet
/// and a large shared-strings table are cut into 1 MiB stretches parsed on a thread per core, a few at a time:
/// ``XMLCutter``, ``SheetSegments``); what stays in memory is the shared-strings table (the workbook's distinct
/// texts, as UTF-8 in one buffer) and the styles.
final class WorkbookSource {
    let path: String
    let sheet: WorkbookPackage.Sheet
    /// Every worksheet's name, in order.
    let sheetNames: [String]
    private let package: WorkbookPackage
    private let strings: SharedStrings?
    private let styles: WorkbookStyles?
    private let maxCellBytes: Int
    private let parallelism: SheetParallelism
    /// A pass over the sheet is under way.
    private var streaming = false
    /// The rows being delivered.
    @exclusivity(unchecked) private var active: SheetRows?

    init(path: String, sheetName: String?, maxCellBytes: Int,
         parallelism: SheetParallelism = .automatic) throws(WorkbookReadError) {
        self.path = path
        self.maxCellBytes = maxCellBytes
        self.parallelism = parallelism
        let package = try WorkbookPackage(path: path)
        self.package = package
        sheet = try package.sheet(named: sheetName)
        sheetNames = package.sheets.map(\.name)
        self.strings = try package.sharedStringsPart.map { (part) throws(WorkbookReadError) in
            try SharedStrings.read(package, part: part, maxCellBytes: maxCellBytes, parallelism: parallelism)
        }
        var styles: WorkbookStyles?
        if let part = package.stylesPart {
            styles = WorkbookStyles()
            try package.read(part: part, handler: styles!)
        }
        self.styles = styles
    }

    /// A stop signal for reading only the first rows.
    private struct Enough: Error {}

    /// The first row with any content (the header), or nil for an empty sheet.
    func firstRecord() throws(WorkbookReadError) -> CSVRecord? {
        var found: CSVRecord?
        do {
            try streamRows(parallel: false) { rows, from in
                for index in from..<rows.spans.count where rows.spans[index].cellCount > 0 || rows.spans[index].hasOversized {
                    let record = rows.record(index)
                    if !record.isBlank { found = record; throw Enough() }
                }
            }
        } catch is Enough {
        } catch let error as WorkbookReadError {
            throw error
        } catch {
            throw .damaged(part: sheet.part, reason: String(describing: error))
        }
        return found
    }

    /// Streams the sheet: `deliver` gets the rows of each parsed chunk in row order as a ``CSVBatch`` (the cells'
    /// UTF-8, a span per row; rows the file leaves out come as empty spans). While it runs, ``annotate(_:layout:columnName:)``,
    /// ``hasDates(row:)`` and ``oversized(row:)`` know those rows. Damage found after rows were handed on stops the
    /// file as a CSV syntax error does (``CSVRowError``).
    func forEachBatch(_ deliver: (CSVBatch) throws -> Void) throws {
        do {
            try streamRows(parallel: true) { rows, from in try rows.withBatch(from: from, deliver) }
        } catch let error as WorkbookReadError {
            throw CSVRowError(problem: Problem(.fileWorkbookDamaged, row: nil,
                                               details: ["reason": error.detail]))
        }
    }

    /// Streams the sheet's rows in order to `deliver` (rows, and the index of the first span to take): the first
    /// rows (`parallel` false) on this thread, all of a large sheet on a thread per core.
    private func streamRows(parallel: Bool, _ deliver: (SheetRows, Int) throws -> Void) throws {
        // One stream at a time: `active` holds the rows being delivered (hasDates, annotate read them).
        precondition(!streaming, "a workbook source streams one pass at a time")
        streaming = true
        defer { streaming = false }
        let context = SheetContext(strings: strings, styles: styles, date1904: package.date1904,
                                   maxCellBytes: maxCellBytes, part: sheet.part)
        func handOn(_ rows: SheetRows, _ from: Int) throws {
            active = rows
            defer { active = nil }
            try deliver(rows, from)
        }
        if parallel && parallelism.cuts(partOf: package.inflatedSize(part: sheet.part)) {
            try SheetSegments(package: package, context: context, parallelism: parallelism).run(handOn)
        } else {
            try SheetSegments.parseFromStart(package: package, context: context, rowsBeforeDamage: parallel, deliver: handOn)
        }
    }

    /// Whether a row of the batch being delivered has a number shown as a date (it takes the reference path).
    func hasDates(row: Int) -> Bool {
        guard let active, !active.extras.isEmpty else { return false }  // most batches: no row has extras
        return active.extras[row].map { !$0.dates.isEmpty } ?? false
    }

    /// A row's cells over the size limit: column index → size in bytes.
    func oversized(row: Int) -> [Int: Int] { active?.extras[row]?.oversized ?? [:] }

    /// Adds what the workbook knows about a row the shared path built: a date in a phone-number or time-out column
    /// is an error (the digits are gone: Excel shows a day, not a number), and the columns that hold numbers are
    /// remembered so a workbook report writes them back as numbers.
    func annotate(_ source: inout SourceRow, layout: CSVLayout, columnName: (Int) -> String) {
        guard let rows = active, let index = rows.spanIndex(row: source.row) else { return }
        source.numberCells = rows.numberColumns(index)
        guard let extra = rows.extras[source.row] else { return }
        var refused: [Problem] = []
        for (index, text) in extra.dates.sorted(by: { $0.key < $1.key }) where index < layout.columns.count {
            guard let column = layout.columns[index], Self.refusesDates(column) else { continue }
            source.numberCells.remove(index)
            refused.append(Problem(.cellDate, row: source.row, column: columnName(index), value: text))
        }
        if !refused.isEmpty {
            JobFileReader.replaceShadowed(&source.built, by: refused)
            source.built.jobRow = nil
        }
    }

    /// The columns where a date can only be a mistake: phone numbers and the time-out.
    static func refusesDates(_ column: JobColumn) -> Bool {
        switch column {
        case .phoneNumber, .setting(.redirectNumber), .setting(.reserveNumber), .setting(.reserveTimeOut): return true
        default: return false
        }
    }
}

extension WorkbookReadError {
    /// The reason in a few words, for a problem's details.
    var detail: String {
        switch self {
        case .damaged(let part, let reason): return "\(part): \(reason)"
        case .notAWorkbook(let reason): return reason
        case .otherFormat(let format): return format
        case .unknownSheet(let name, _): return name
        case .noSheets: return "no sheets"
        }
    }
}

extension JobFileReader {
    /// Opens an .xlsx job file: the sheet (`--sheet` or the first), its header row recognised exactly as a CSV
    /// file's is.
    static func openWorkbook(path: String, options: JobReadOptions) throws(JobFileError)
        -> (source: WorkbookSource, layout: CSVLayout?, problems: [Problem], unknown: (columns: [Int: String], row: Int?)) {
        _ = try ByteSource.prefix(path: path, count: 0)  // not found, a directory, no permission: the usual errors
        let source: WorkbookSource
        let first: CSVRecord?
        do {
            source = try WorkbookSource(path: path, sheetName: options.sheet, maxCellBytes: options.maxCellBytes,
                                        parallelism: options.sheetParallelism)
            first = try source.firstRecord()
        } catch {
            throw JobFileError(path: path, reason: .workbook(error))
        }
        guard let first else { return (source, nil, [Problem(.fileEmpty, row: nil)], ([:], nil)) }
        let cells = first.cells.map { String(decoding: $0, as: UTF8.self) }
        let recognised = recogniseHeader(first, cells: cells, path: path, separator: " | ",
                                         maxCellBytes: options.maxCellBytes, mapping: options.columnMapping)
        let layout = CSVLayout(dialect: .excel, header: recognised.header, columns: recognised.columns,
                               encodingGuessed: false, delimiterGuessed: false, delimiterGiven: false,
                               encodingGiven: false, maxCellBytes: options.maxCellBytes, sheet: source.sheet.name,
                               otherSheets: source.sheetNames.filter { $0 != source.sheet.name })
        return (source, layout, recognised.problems, (recognised.unknown, first.row))
    }
}


extension JobFileReader {
    /// The spreadsheet formats ctbulk does not read, by extension: `xls` (also the binary `xlsb`), `ods`, `numbers`.
    static func otherSpreadsheetFormat(_ path: String) -> String? {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "xls", "xlsb": return "xls"
        case "ods", "fods": return "ods"
        case "numbers": return "numbers"
        default: return nil
        }
    }
}
