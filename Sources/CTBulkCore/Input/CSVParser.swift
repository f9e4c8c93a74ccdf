import CLibCSV
import Foundation

/// One record of a CSV file as libcsv parsed it: raw cell bytes, and the row number a spreadsheet shows for it.
public struct CSVRecord: Sendable {
    /// The spreadsheet row: records are counted from 1, blank lines included (Excel shows them as rows), a record
    /// with a quoted multi-line cell counts once.
    public var row: Int
    /// The cells' bytes, in the file's encoding (UTF-16 already transcoded to UTF-8). A cell over the size limit is
    /// empty here and listed in ``oversized``.
    public var cells: [[UInt8]]
    /// Cells over the size limit: cell index → the cell's size in bytes. Their bytes were never kept.
    public var oversized: [Int: Int] = [:]

    public init(row: Int, cells: [[UInt8]], oversized: [Int: Int] = [:]) {
        self.row = row; self.cells = cells; self.oversized = oversized
    }

    /// No cell has any byte (and none was too large to keep).
    public var isBlank: Bool { oversized.isEmpty && cells.allSatisfy(\.isEmpty) }
}

/// The only code that touches libcsv. Feeds bytes in chunks and hands out complete records; memory stays bounded by
/// the largest record, and a cell never holds more than `maxCellBytes` plus one chunk.
///
/// libcsv gathers a whole field in its own buffer before it calls back. To keep an oversized cell out of memory,
/// after every chunk the parser looks at libcsv's documented state: when the field in progress is over the limit,
/// its bytes are dropped from libcsv's buffer (only the tail libcsv still needs to strip trailing spaces or a closing
/// quote is kept) and only their count is remembered.
final class CSVParser {
    private var parser = csv_parser()
    private var current: [[UInt8]] = []
    private var currentOversized: [Int: Int] = [:]
    private var fieldsInCurrent = 0
    private var lastTerminator: Int32 = -2
    private var recordCount = 0
    private(set) var ready: [CSVRecord] = []
    private var failed = false
    /// The size limit of one cell, in bytes (of the file as parsed: UTF-8 for UTF-16 files).
    let maxCellBytes: Int
    /// Bytes of the field in progress already dropped from libcsv's buffer.
    private var droppedInField = 0

    /// The default ``maxCellBytes``: 64 KiB.
    static let defaultMaxCellBytes = 64 * 1024

    /// - Parameters:
    ///   - delimiter: one byte (`,`, `;` or tab).
    ///   - maxCellBytes: cells longer than this are reported in ``CSVRecord/oversized`` instead of kept.
    init(delimiter: UInt8, maxCellBytes: Int = CSVParser.defaultMaxCellBytes) {
        self.maxCellBytes = max(1, maxCellBytes)
        // Not strict: Excel's output is well-formed, and stray quotes inside unquoted cells are kept as text.
        // REPALL_NL reports every line end, so blank lines count as rows the way a spreadsheet numbers them.
        // STRICT_FINI makes an unterminated quoted field at the end of the file an error.
        let status = csv_init(&parser, UInt8(CSV_REPALL_NL | CSV_STRICT_FINI | CSV_APPEND_NULL))
        precondition(status == 0, "csv_init failed")
        csv_set_delim(&parser, delimiter)
        // Only a plain space is padding around unquoted fields; a tab may be the delimiter.
        csv_set_space_func(&parser) { $0 == 0x20 ? 1 : 0 }
    }

    deinit { csv_free(&parser) }

    /// Parses a chunk; complete records are appended to ``ready``.
    func parse(_ bytes: UnsafeRawBufferPointer) throws(CSVSyntaxError) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        let context = Unmanaged.passUnretained(self).toOpaque()
        let parsed = csv_parse(&parser, base, bytes.count, csvFieldCallback, csvRecordCallback, context)
        if parsed != bytes.count {
            throw CSVSyntaxError(row: recordCount + 1, reason: String(cString: csv_strerror(csv_error(&parser))))
        }
        dropOversizedFieldInProgress()
    }

    /// libcsv's states (csv.h documents the struct; the values are libcsv.c's): 2 FIELD_BEGUN, 3 FIELD_MIGHT_HAVE_ENDED.
    private static let fieldBegun: Int32 = 2
    private static let fieldMightHaveEnded: Int32 = 3

    /// When the field libcsv is gathering is over the limit, drops its bytes but the tail libcsv needs at the end of
    /// the field (`spaces` trailing blanks, and the closing quote in FIELD_MIGHT_HAVE_ENDED).
    private func dropOversizedFieldInProgress() {
        guard parser.pstate == Self.fieldBegun || parser.pstate == Self.fieldMightHaveEnded,
              parser.entry_pos > maxCellBytes, let buffer = parser.entry_buf else { return }
        let position = parser.entry_pos
        // Cap the kept tail (a field of a million blanks): the content is dropped anyway, only its size matters.
        let spaces = min(parser.spaces, 1023)
        let keep = min(position, spaces + 1)
        memmove(buffer, buffer + (position - keep), keep)
        droppedInField += position - keep
        parser.entry_pos = keep
        parser.spaces = spaces
    }

    /// Flushes the last record. Throws when the file ends inside a quoted field.
    func finish() throws(CSVSyntaxError) {
        // libcsv reports an unterminated quoted field only in strict mode, which would also refuse a stray quote
        // inside an unquoted cell. Check its documented parser fields instead: still inside a quoted field whose
        // closing quote never came (pstate 2 is libcsv's FIELD_BEGUN).
        if parser.quoted != 0 && parser.pstate == 2 {
            throw CSVSyntaxError(row: recordCount + 1, reason: "unterminated quoted field")
        }
        let context = Unmanaged.passUnretained(self).toOpaque()
        if csv_fini(&parser, csvFieldCallback, csvRecordCallback, context) != 0 {
            throw CSVSyntaxError(row: recordCount + 1, reason: "unterminated quoted field")
        }
    }

    /// The size of libcsv's field buffer: what one cell costs in memory at most (for tests).
    var fieldBufferCapacity: Int { parser.entry_size }

    /// Takes the records parsed so far.
    func drain() -> [CSVRecord] {
        defer { ready.removeAll(keepingCapacity: true) }
        return ready
    }

    fileprivate func field(_ pointer: UnsafeMutableRawPointer?, _ length: Int) {
        fieldsInCurrent += 1
        let size = length + droppedInField
        droppedInField = 0
        if size > maxCellBytes {
            currentOversized[current.count] = size
            current.append([])
        } else if let pointer, length > 0 {
            current.append(Array(UnsafeRawBufferPointer(start: pointer, count: length)))
        } else {
            current.append([])
        }
    }

    fileprivate func endRecord(_ terminator: Int32) {
        defer { lastTerminator = terminator }
        if fieldsInCurrent == 0 {
            // CR LF is one line end; libcsv reports the LF as an empty record of its own.
            if terminator == 0x0A && lastTerminator == 0x0D { return }
            if terminator == -1 { return }  // end of file right after a line end
        }
        recordCount += 1
        ready.append(CSVRecord(row: recordCount, cells: current, oversized: currentOversized))
        current.removeAll(keepingCapacity: true)
        if !currentOversized.isEmpty { currentOversized.removeAll() }
        fieldsInCurrent = 0
    }
}

/// The file is not well-formed CSV (for example it ends inside a quoted cell).
public struct CSVSyntaxError: Error, Sendable, Equatable {
    /// The record where parsing stopped.
    public var row: Int
    public var reason: String
}

private func csvFieldCallback(_ field: UnsafeMutableRawPointer?, _ length: Int, _ context: UnsafeMutableRawPointer?) {
    guard let context else { return }
    Unmanaged<CSVParser>.fromOpaque(context).takeUnretainedValue().field(field, length)
}

private func csvRecordCallback(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
    guard let context else { return }
    Unmanaged<CSVParser>.fromOpaque(context).takeUnretainedValue().endRecord(terminator)
}
