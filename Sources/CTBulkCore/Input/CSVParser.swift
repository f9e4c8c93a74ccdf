import CLibCSV

/// One record of a CSV file as libcsv parsed it: raw cell bytes, and the row number a spreadsheet shows for it.
public struct CSVRecord: Sendable {
    /// The spreadsheet row: records are counted from 1, blank lines included (Excel shows them as rows), a record
    /// with a quoted multi-line cell counts once.
    public var row: Int
    /// The cells' bytes, in the file's encoding (UTF-16 already transcoded to UTF-8).
    public var cells: [[UInt8]]
}

/// The only code that touches libcsv. Feeds bytes in chunks and hands out complete records; memory stays bounded by
/// the largest record.
final class CSVParser {
    private var parser = csv_parser()
    private var current: [[UInt8]] = []
    private var fieldsInCurrent = 0
    private var lastTerminator: Int32 = -2
    private var recordCount = 0
    private(set) var ready: [CSVRecord] = []
    private var failed = false

    /// - Parameter delimiter: one byte (`,`, `;` or tab).
    init(delimiter: UInt8) {
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

    /// Takes the records parsed so far.
    func drain() -> [CSVRecord] {
        defer { ready.removeAll(keepingCapacity: true) }
        return ready
    }

    fileprivate func field(_ pointer: UnsafeMutableRawPointer?, _ length: Int) {
        fieldsInCurrent += 1
        if let pointer, length > 0 {
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
        ready.append(CSVRecord(row: recordCount, cells: current))
        current.removeAll(keepingCapacity: true)
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
