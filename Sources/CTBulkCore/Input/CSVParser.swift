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

/// Complete records parsed so far, flat: every cell's bytes back to back in one buffer, each cell's end offset in
/// another, and per record its first cell and cell count. No array per cell, no object per record: the hot path of
/// `validate` reads the cells where libcsv's callbacks put them (``CSVParser/withBatch(_:)``).
struct CSVBatch {
    /// The cell bytes of the records (and, after them, of the record in progress).
    let bytes: UnsafePointer<UInt8>
    /// `cellEnds[i]`: where cell `i` ends in ``bytes``; it starts where cell `i - 1` ends (cell 0 at 0).
    let cellEnds: UnsafePointer<Int>
    let records: UnsafeBufferPointer<CSVParser.Span>

    @inline(__always) func cellStart(_ cell: Int) -> Int { cell == 0 ? 0 : cellEnds[cell - 1] }

    /// The bytes of cell `cell` (a global cell index: a record's `firstCell + column`).
    @inline(__always) func cell(_ cell: Int) -> UnsafeBufferPointer<UInt8> {
        let start = cellStart(cell)
        return UnsafeBufferPointer(start: bytes + start, count: cellEnds[cell] - start)
    }
}

/// The only code that touches libcsv. Feeds bytes in chunks and hands out complete records; memory stays bounded by
/// the largest record, and a cell never holds more than `maxCellBytes` plus one chunk.
///
/// libcsv gathers a whole field in its own buffer before it calls back; the callbacks copy the field's bytes into one
/// flat buffer (``CSVBatch``), so a record costs no allocation. To keep an oversized cell out of memory, after every
/// chunk the parser looks at libcsv's documented state: when the field in progress is over the limit, its bytes are
/// dropped from libcsv's buffer (only the tail libcsv still needs to strip trailing spaces or a closing quote is
/// kept) and only their count is remembered.
final class CSVParser {
    /// One complete record in the batch.
    struct Span {
        var row: Int
        var firstCell: Int
        var cellCount: Int
        /// Some cell of the record was over the size limit (see ``oversizedCells``).
        var hasOversized: Bool
    }

    private var parser = csv_parser()
    @exclusivity(unchecked) private var bytes: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var bytesCount = 0
    @exclusivity(unchecked) private var bytesCapacity: Int
    @exclusivity(unchecked) private var cellEnds: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) private var cellCount = 0
    @exclusivity(unchecked) private var cellCapacity: Int
    @exclusivity(unchecked) private var spans: [Span] = []
    /// Cells over the size limit, by global cell index in the batch → the cell's size in bytes.
    private(set) var oversizedCells: [Int: Int] = [:]
    @exclusivity(unchecked) private var firstCellOfCurrent = 0
    private var currentHasOversized = false
    private var lastTerminator: Int32 = -2
    private var recordCount = 0
    /// The size limit of one cell, in bytes (of the file as parsed: UTF-8 for UTF-16 files).
    let maxCellBytes: Int
    /// Bytes of the field in progress already dropped from libcsv's buffer.
    @exclusivity(unchecked) private var droppedInField = 0

    /// The default ``maxCellBytes``: 64 KiB.
    static let defaultMaxCellBytes = 64 * 1024

    /// - Parameters:
    ///   - delimiter: one byte (`,`, `;` or tab).
    ///   - maxCellBytes: cells longer than this are reported in ``CSVRecord/oversized`` instead of kept.
    init(delimiter: UInt8, maxCellBytes: Int = CSVParser.defaultMaxCellBytes) {
        self.maxCellBytes = max(1, maxCellBytes)
        bytesCapacity = 1 << 16
        bytes = .allocate(capacity: bytesCapacity)
        cellCapacity = 1 << 12
        cellEnds = .allocate(capacity: cellCapacity)
        // Not strict: Excel's output is well-formed, and stray quotes inside unquoted cells are kept as text.
        // REPALL_NL reports every line end, so blank lines count as rows the way a spreadsheet numbers them.
        // STRICT_FINI makes an unterminated quoted field at the end of the file an error.
        let status = csv_init(&parser, UInt8(CSV_REPALL_NL | CSV_STRICT_FINI | CSV_APPEND_NULL))
        precondition(status == 0, "csv_init failed")
        csv_set_delim(&parser, delimiter)
        // Only a plain space is padding around unquoted fields; a tab may be the delimiter.
        csv_set_space_func(&parser) { $0 == 0x20 ? 1 : 0 }
    }

    deinit {
        csv_free(&parser)
        bytes.deallocate()
        cellEnds.deallocate()
    }

    /// Parses a chunk; complete records join the batch (``withBatch(_:)``, ``drain()``).
    func parse(_ chunk: UnsafeRawBufferPointer) throws(CSVSyntaxError) {
        guard let base = chunk.baseAddress, chunk.count > 0 else { return }
        let context = Unmanaged.passUnretained(self).toOpaque()
        let parsed = csv_parse(&parser, base, chunk.count, csvFieldCallback, csvRecordCallback, context)
        if parsed != chunk.count {
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

    /// Hands the complete records parsed so far to `body`, then forgets them (the record in progress stays). The
    /// batch is valid only inside `body`.
    func withBatch<R>(_ body: (CSVBatch) throws -> R) rethrows -> R {
        defer { removeCompleteRecords() }
        return try spans.withUnsafeBufferPointer { records in
            try body(CSVBatch(bytes: UnsafePointer(bytes), cellEnds: UnsafePointer(cellEnds), records: records))
        }
    }

    /// Takes the records parsed so far, one array per cell (the header and the sniffer; not the hot path).
    func drain() -> [CSVRecord] {
        withBatch { batch in
            batch.records.map { span in
                var oversized: [Int: Int] = [:]
                let cells = (0..<span.cellCount).map { column -> [UInt8] in
                    let cell = span.firstCell + column
                    if span.hasOversized, let size = oversizedCells[cell] { oversized[column] = size; return [] }
                    return Array(batch.cell(cell))
                }
                return CSVRecord(row: span.row, cells: cells, oversized: oversized)
            }
        }
    }

    /// The size of an oversized cell of the batch (global cell index), or nil.
    func oversizedSize(cell: Int) -> Int? { oversizedCells[cell] }

    /// Moves the record in progress to the front of the buffers.
    private func removeCompleteRecords() {
        guard !spans.isEmpty else { return }
        let keptCells = cellCount - firstCellOfCurrent
        let firstKeptByte = firstCellOfCurrent == 0 ? 0 : cellEnds[firstCellOfCurrent - 1]
        let keptBytes = bytesCount - firstKeptByte
        if keptBytes > 0 && firstKeptByte > 0 { memmove(bytes, bytes + firstKeptByte, keptBytes) }
        for index in 0..<keptCells { cellEnds[index] = cellEnds[firstCellOfCurrent + index] - firstKeptByte }
        if !oversizedCells.isEmpty {
            var moved: [Int: Int] = [:]
            for (cell, size) in oversizedCells where cell >= firstCellOfCurrent { moved[cell - firstCellOfCurrent] = size }
            oversizedCells = moved
        }
        bytesCount = keptBytes
        cellCount = keptCells
        firstCellOfCurrent = 0
        spans.removeAll(keepingCapacity: true)
    }

    private func reserveBytes(_ extra: Int) {
        guard bytesCount + extra > bytesCapacity else { return }
        var capacity = bytesCapacity * 2
        while capacity < bytesCount + extra { capacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        grown.update(from: bytes, count: bytesCount)
        bytes.deallocate()
        bytes = grown
        bytesCapacity = capacity
    }

    private func reserveCell() {
        guard cellCount == cellCapacity else { return }
        let grown = UnsafeMutablePointer<Int>.allocate(capacity: cellCapacity * 2)
        grown.update(from: cellEnds, count: cellCount)
        cellEnds.deallocate()
        cellEnds = grown
        cellCapacity *= 2
    }

    @inline(__always)
    fileprivate func field(_ pointer: UnsafeMutableRawPointer?, _ length: Int) {
        let size = length + droppedInField
        droppedInField = 0
        reserveCell()
        if size > maxCellBytes {
            oversizedCells[cellCount] = size
            currentHasOversized = true
        } else if let pointer, length > 0 {
            reserveBytes(length)
            (bytes + bytesCount).update(from: pointer.assumingMemoryBound(to: UInt8.self), count: length)
            bytesCount += length
        }
        cellEnds[cellCount] = bytesCount
        cellCount += 1
    }

    fileprivate func endRecord(_ terminator: Int32) {
        defer { lastTerminator = terminator }
        if cellCount == firstCellOfCurrent {
            // CR LF is one line end; libcsv reports the LF as an empty record of its own.
            if terminator == 0x0A && lastTerminator == 0x0D { return }
            if terminator == -1 { return }  // end of file right after a line end
        }
        recordCount += 1
        spans.append(Span(row: recordCount, firstCell: firstCellOfCurrent, cellCount: cellCount - firstCellOfCurrent,
                          hasOversized: currentHasOversized))
        firstCellOfCurrent = cellCount
        currentHasOversized = false
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
