import Foundation

/// What only some rows of a sheet have beyond their text.
struct WorkbookRowExtras {
    /// Columns whose cells hold numbers shown as dates or times: column index → the date as text.
    var dates: [Int: String] = [:]
    /// Cells over the size limit: column index → size in bytes (their text was not kept).
    var oversized: [Int: Int] = [:]
    /// Number cells from column 64 on (those before are in the row's ``SheetRows/numberMasks`` bits).
    var numbersFrom64: Set<Int> = []
}

/// Finished rows of a sheet laid out as the CSV parser lays out its records (``CSVBatch``): every cell's UTF-8 end to
/// end in one buffer, where each cell ends in another, a span per row. So the byte check (``CSVRowCheck``) reads a
/// sheet's rows as it reads a CSV file's, with no array per cell and no object per row. Rows the file leaves out
/// (Excel writes no `<row>` for an empty row) are empty spans.
struct SheetRows {
    var bytes: [UInt8] = []
    var cellEnds: [Int] = []
    var spans: [CSVParser.Span] = []
    /// Per span: the columns below 64 whose cells hold numbers, as bits (a workbook report writes them back as numbers).
    var numberMasks: [UInt64] = []
    /// The rows that have any, by row number.
    var extras: [Int: WorkbookRowExtras] = [:]

    /// The finished rows from span `first` on as a ``CSVBatch`` (valid only inside `body`).
    func withBatch<R>(from first: Int = 0, _ body: (CSVBatch) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { bytes in
            try cellEnds.withUnsafeBufferPointer { ends in
                try spans.withUnsafeBufferPointer { spans in
                    // Rows without a cell may leave both buffers without storage; no cell is read then.
                    try body(CSVBatch(bytes: bytes.baseAddress ?? Self.noBytes, cellEnds: ends.baseAddress ?? Self.noEnds,
                                      records: UnsafeBufferPointer(rebasing: spans[first...])))
                }
            }
        }
    }

    /// Made once, never written or freed (what an empty batch points at).
    nonisolated(unsafe) private static let noBytes = UnsafePointer(UnsafeMutablePointer<UInt8>.allocate(capacity: 1))
    nonisolated(unsafe) private static let noEnds = UnsafePointer(UnsafeMutablePointer<Int>.allocate(capacity: 1))

    /// The columns of the row at span `index` that hold numbers.
    func numberColumns(_ index: Int) -> Set<Int> {
        var columns = extras[spans[index].row]?.numbersFrom64 ?? []
        var mask = numberMasks[index]
        while mask != 0 {
            columns.insert(mask.trailingZeroBitCount)
            mask &= mask - 1
        }
        return columns
    }

    /// The index of the first span of a row after `row` (``spans`` count if none).
    func firstSpan(after row: Int) -> Int {
        var low = 0, high = spans.count
        while low < high {
            let middle = (low + high) / 2
            if spans[middle].row <= row { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The index of the span of `row` (spans are in row order), or nil.
    func spanIndex(row: Int) -> Int? {
        var low = 0, high = spans.count
        while low < high {
            let middle = (low + high) / 2
            if spans[middle].row < row { low = middle + 1 } else { high = middle }
        }
        return low < spans.count && spans[low].row == row ? low : nil
    }

    /// The bytes of cell `cell` (a global cell index, as in ``CSVBatch/cell(_:)``).
    func cell(_ cell: Int) -> ArraySlice<UInt8> { bytes[(cell == 0 ? 0 : cellEnds[cell - 1])..<cellEnds[cell]] }

    /// The row at span `index` as a record, one array per cell (the header; not the hot path).
    func record(_ index: Int) -> CSVRecord {
        let span = spans[index]
        return CSVRecord(row: span.row, cells: (0..<span.cellCount).map { Array(cell(span.firstCell + $0)) },
                         oversized: extras[span.row]?.oversized ?? [:])
    }
}

/// Streams `xl/worksheets/sheetN.xml`: `<row r>` elements of `<c r t s>` cells with a `<v>` value (a number, a
/// shared-string index, a boolean, an error, a formula's cached result) or an inline `<is><t>` string. Finished
/// rows collect in ``rows`` (the row in progress's cells after them) for the reader to take after each chunk
/// (``removeFinished()``).
final class SheetHandler: XMLEventHandler {
    // Its state is touched only by expat's callbacks and, between chunks, by the reader, on one thread; unchecked
    // exclusivity spares the runtime's access bookkeeping on every event (it was ~6,000 instructions a row).
    @exclusivity(unchecked) private(set) var rows = SheetRows()
    private let strings: SharedStrings?
    private let styles: WorkbookStyles?
    private let date1904: Bool
    private let maxCellBytes: Int
    private let part: String
    /// Parses a stretch of the sheet cut at a row boundary, not from its beginning (``SheetSegments``): its first row
    /// is not compared with the rows before it and no empty rows are made up in front of it (the reader does both
    /// across stretches, knowing the previous stretch's last row).
    private let continuation: Bool
    /// The first row of the stretch, once seen.
    private(set) var firstRow: Int?
    /// A continuation's first row had no number (`r`, or not a row number): what it is is known only to a parse from
    /// the beginning.
    private(set) var needsParseFromStart = false
    /// The last row finished (0 before any).
    var lastRowNumber: Int { lastRow }

    // The row in progress.
    @exclusivity(unchecked) private var inRow = false
    @exclusivity(unchecked) private var rowNumber = 0
    @exclusivity(unchecked) private var lastRow = 0
    /// Where its cells begin in ``SheetRows/cellEnds`` and its bytes in ``SheetRows/bytes``.
    @exclusivity(unchecked) private var rowFirstCell = 0
    @exclusivity(unchecked) private var rowFirstByte = 0
    /// Its cells so far (the next column, when cells come in order).
    @exclusivity(unchecked) private var rowWidth = 0
    @exclusivity(unchecked) private var rowNumbers: UInt64 = 0
    @exclusivity(unchecked) private var rowExtras: WorkbookRowExtras?
    /// The row's cells by column once a cell came before one the row already had (cells out of order, or a column
    /// written twice); laid out in column order when the row ends. Nil for rows in order (all of Excel's).
    @exclusivity(unchecked) private var disordered: [Int: [UInt8]]?

    // The cell in progress.
    @exclusivity(unchecked) private var inCell = false
    @exclusivity(unchecked) private var column = 0
    @exclusivity(unchecked) private var nextColumn = 0
    @exclusivity(unchecked) private var type: CellType = .number
    @exclusivity(unchecked) private var style = 0
    @exclusivity(unchecked) private var value = WorkbookText()
    @exclusivity(unchecked) private var capturing = false
    @exclusivity(unchecked) private var inInline = false
    @exclusivity(unchecked) private var phoneticDepth = 0

    private enum CellType { case number, shared, inline, formulaString, boolean, error, isoDate }

    /// Excel's last row (a sheet holds 1,048,576 rows).
    static let lastExcelRow = 1_048_576

    init(strings: SharedStrings?, styles: WorkbookStyles?, date1904: Bool, maxCellBytes: Int, part: String,
         continuation: Bool = false) {
        self.strings = strings; self.styles = styles; self.date1904 = date1904; self.maxCellBytes = maxCellBytes
        self.part = part; self.continuation = continuation
    }

    /// Forgets the finished rows (after the reader took them); the row in progress moves to the front.
    func removeFinished() {
        rows.spans.removeAll(keepingCapacity: true)
        rows.numberMasks.removeAll(keepingCapacity: true)
        rows.extras.removeAll(keepingCapacity: true)
        if inRow && rowFirstByte < rows.bytes.count {
            rows.bytes.removeSubrange(0..<rowFirstByte)
        } else {
            rows.bytes.removeAll(keepingCapacity: true)
        }
        if inRow && rowFirstCell < rows.cellEnds.count {
            rows.cellEnds.removeSubrange(0..<rowFirstCell)
            for index in rows.cellEnds.indices { rows.cellEnds[index] -= rowFirstByte }
        } else {
            rows.cellEnds.removeAll(keepingCapacity: true)
        }
        rowFirstCell = 0
        rowFirstByte = 0
    }

    /// Whether a NUL-terminated local name is the one- or two-letter `a`/`ab`.
    @inline(__always) private static func named(_ name: UnsafePointer<CChar>, _ a: UInt8, _ b: UInt8 = 0) -> Bool {
        UInt8(bitPattern: name[0]) == a && UInt8(bitPattern: name[1]) == b && (b == 0 || name[2] == 0)
    }

    override func start(_ name: UnsafePointer<CChar>, _ attributes: XMLAttributes) {
        guard failure == nil else { return }
        if Self.named(name, 0x63) {  // c
            inCell = true
            column = nextColumn
            style = 0
            type = .number
            var cursor = attributes.raw
            while let key = cursor?.pointee, let attribute = cursor?.advanced(by: 1).pointee {
                let local = XMLStream.localName(key)
                if local[0] != 0 && local[1] == 0 && !XMLStream.isNamespaceDeclaration(key) {
                    switch UInt8(bitPattern: local[0]) {
                    case 0x72: column = Self.columnIndex(attribute) ?? nextColumn  // r
                    case 0x73: style = Int(strtol(attribute, nil, 10))  // s
                    case 0x74: type = Self.cellType(attribute)  // t
                    default: break
                    }
                }
                cursor = cursor?.advanced(by: 2)
            }
            nextColumn = column + 1
            value.removeAll()
        } else if Self.named(name, 0x76) {  // v
            capturing = inCell && !inInline
        } else if XMLStream.equals(name, "row") {
            let given = attributes.pointer("r").map { Int(strtol($0, nil, 10)) }
            if continuation && firstRow == nil {
                // The stretch's first row: compared with the previous stretch by the reader, which needs its number.
                guard let given, given >= 1 else {
                    needsParseFromStart = true
                    failure = .damaged(part: part, reason: "row without a number after a cut")
                    return
                }
                lastRow = min(given - 1, Self.lastExcelRow)
            }
            let number = given ?? (lastRow + 1)
            guard number > lastRow else {
                failure = .damaged(part: part, reason: "row \(number) after row \(lastRow)")
                return
            }
            // Excel's last row; beyond it a row number can only be damage (and every row before it would be a blank).
            guard number <= Self.lastExcelRow else {
                failure = .damaged(part: part, reason: "row \(number) is past Excel's last row \(Self.lastExcelRow)")
                return
            }
            // Excel leaves empty rows out; they are rows all the same (reported as empty, as in CSV).
            for missing in (lastRow + 1)..<number {
                rows.spans.append(CSVParser.Span(row: missing, firstCell: rows.cellEnds.count, cellCount: 0, hasOversized: false))
                rows.numberMasks.append(0)
            }
            if firstRow == nil { firstRow = number }
            inRow = true
            rowNumber = number
            rowFirstCell = rows.cellEnds.count
            rowFirstByte = rows.bytes.count
            rowWidth = 0
            rowNumbers = 0
            rowExtras = nil
            disordered = nil
            nextColumn = 0
        } else if Self.named(name, 0x69, 0x73) {  // is
            inInline = true
        } else if XMLStream.equals(name, "rPh") {
            phoneticDepth += 1
        } else if Self.named(name, 0x74) {  // t
            capturing = inInline && phoneticDepth == 0
        }
    }

    override func end(_ name: UnsafePointer<CChar>) {
        guard failure == nil else { return }
        if Self.named(name, 0x76) || Self.named(name, 0x74) {  // v, t
            capturing = false
        } else if Self.named(name, 0x63) {  // c
            inCell = false
            if inRow { finishCell() }
        } else if XMLStream.equals(name, "row") {
            if inRow {
                if let cells = disordered {
                    disordered = nil
                    for (index, text) in cells.sorted(by: { $0.key < $1.key }) where !text.isEmpty {
                        column = index
                        text.withUnsafeBufferPointer { emit($0) }
                    }
                }
                lastRow = rowNumber
                rows.spans.append(CSVParser.Span(row: rowNumber, firstCell: rowFirstCell, cellCount: rowWidth,
                                                 hasOversized: !(rowExtras?.oversized.isEmpty ?? true)))
                rows.numberMasks.append(rowNumbers)
                if let rowExtras { rows.extras[rowNumber] = rowExtras }
            }
            inRow = false
        } else if Self.named(name, 0x69, 0x73) {  // is
            inInline = false
        } else if XMLStream.equals(name, "rPh") {
            phoneticDepth -= 1
        }
    }

    override func text(_ chunk: UnsafeBufferPointer<UInt8>) {
        if capturing && failure == nil { value.append(chunk, limit: maxCellBytes) }
    }

    private static func cellType(_ attribute: UnsafePointer<CChar>) -> CellType {
        switch UInt8(bitPattern: attribute[0]) {
        case 0x73: return attribute[1] == 0 ? .shared : strcmp(attribute, "str") == 0 ? .formulaString : .number  // s, str
        case 0x69: return strcmp(attribute, "inlineStr") == 0 ? .inline : .number
        case 0x62: return attribute[1] == 0 ? .boolean : .number  // b
        case 0x65: return attribute[1] == 0 ? .error : .number  // e
        case 0x64: return attribute[1] == 0 ? .isoDate : .number  // d
        default: return .number
        }
    }

    // MARK: Cells

    private func finishCell() {
        if value.size > maxCellBytes {
            extras { $0.oversized[column] = value.size }
            clearEarlier()  // its text is not kept: a cell the row already had in this column is emptied
            return
        }
        let bytes = value.bytes
        // An empty cell leaves nothing, but empties a cell the row already had in this column (a column written twice:
        // the later cell wins).
        guard !bytes.isEmpty else { return clearEarlier() }
        switch type {
        case .shared:
            guard let index = Self.digits(bytes), let strings, let string = strings.string(index) else {
                failure = .damaged(part: part, reason: "no shared string \(String(decoding: bytes, as: UTF8.self)) (row \(rowNumber))")
                return
            }
            if let size = strings.oversized[index] { extras { $0.oversized[column] = size }; clearEarlier(); return }
            string.withUnsafeBufferPointer { emit($0) }
        case .inline, .formulaString:
            value.decoded().withUnsafeBufferPointer { emit($0) }
        case .boolean:
            let text: StaticString = bytes == [UInt8(ascii: "1")] ? "TRUE" : "FALSE"
            text.withUTF8Buffer { emit($0) }
        case .error:
            bytes.withUnsafeBufferPointer { emit($0) }
        case .isoDate:
            let text = String(decoding: bytes, as: UTF8.self)
            extras { $0.dates[column] = text }
            bytes.withUnsafeBufferPointer { emit($0) }
        case .number:
            let isDate = styles?.isDate(style: style) == true
            if !isDate, Self.isPlainInteger(bytes) {
                // Digits as Excel keeps an integer below 10^15: the text is the digits themselves.
                markNumber()
                bytes.withUnsafeBufferPointer { emit($0) }
                return
            }
            let raw = String(decoding: bytes, as: UTF8.self)
            guard let number = Double(raw) else {
                bytes.withUnsafeBufferPointer { emit($0) }  // not a number after all: kept as written
                return
            }
            var text: String
            if isDate {
                text = WorkbookValues.dateText(serial: number, date1904: date1904)
                let date = text
                extras { $0.dates[column] = date }
            } else {
                markNumber()
                text = WorkbookValues.numberText(number, raw: raw)
            }
            text.withUTF8 { emit($0) }
        }
    }

    private func markNumber() {
        if column < 64 { rowNumbers |= 1 << UInt64(column) } else { extras { $0.numbersFrom64.insert(column) } }
    }

    private func extras(_ change: (inout WorkbookRowExtras) -> Void) {
        var extras = rowExtras ?? WorkbookRowExtras()
        change(&extras)
        rowExtras = extras
    }

    /// Appends the cell's text at ``column``: empty cells before it fill the gap. A cell before one the row already
    /// has (cells out of order, or a column written twice) moves the row to ``disordered``, the later cell winning.
    private func emit(_ text: UnsafeBufferPointer<UInt8>) {
        if disordered != nil {
            disordered![column] = Array(text)
            return
        }
        guard column >= rowWidth else { return startDisorder(text) }
        if text.isEmpty { return }
        let end = rows.bytes.count
        while rowWidth < column { rows.cellEnds.append(end); rowWidth += 1 }
        rows.bytes.append(contentsOf: text)
        rows.cellEnds.append(rows.bytes.count)
        rowWidth += 1
    }

    /// Empties a cell the row already has at ``column`` (nothing to do past the row's last cell).
    private func clearEarlier() {
        if disordered != nil || column < rowWidth { emit(UnsafeBufferPointer(start: nil, count: 0)) }
    }

    /// The row's cells so far into ``disordered`` (taken off the buffer), then this one: once per row at most, so a row
    /// of cells in any order costs no more than one in order.
    private func startDisorder(_ text: UnsafeBufferPointer<UInt8>) {
        var cells: [Int: [UInt8]] = [:]
        for index in 0..<rowWidth {
            let text = rows.cell(rowFirstCell + index)
            if !text.isEmpty { cells[index] = Array(text) }
        }
        cells[column] = Array(text)
        rows.bytes.removeSubrange(rowFirstByte...)
        rows.cellEnds.removeSubrange(rowFirstCell...)
        rowWidth = 0
        disordered = cells
    }

    /// `1`…`999999999999999`: an integer as Excel stores one below 10^15 (no sign, point, exponent or leading zero),
    /// which ``WorkbookValues/numberText(_:raw:)`` would give back unchanged.
    @inline(__always) static func isPlainInteger(_ bytes: [UInt8]) -> Bool {
        guard !bytes.isEmpty, bytes.count <= 15, bytes[0] != 0x30 || bytes.count == 1 else { return false }
        for byte in bytes where byte < 0x30 || byte > 0x39 { return false }
        return true
    }

    /// A shared-string index: ASCII digits only.
    private static func digits(_ bytes: [UInt8]) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    /// `B12` → 1 (the letters of a cell reference as a 0-based column index).
    static func columnIndex(_ reference: UnsafePointer<CChar>) -> Int? {
        var index = 0
        var cursor = reference
        var letters = 0
        while true {
            let c = UInt8(bitPattern: cursor.pointee)
            guard c >= 0x41 && c <= 0x5A || c >= 0x61 && c <= 0x7A else { break }
            index = index * 26 + Int((c & 0xDF) - 0x40)
            letters += 1
            cursor = cursor.advanced(by: 1)
        }
        return letters > 0 && letters <= 3 ? index - 1 : nil
    }
}

/// How cell values become text, the way a person sees them in the spreadsheet.
enum WorkbookValues {
    /// An integer-valued number is its exact digits (79991234567, never 7.9E+10); other numbers have at most the 15
    /// significant digits a spreadsheet keeps.
    static func numberText(_ number: Double, raw: String) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        if number == number.rounded(), abs(number) < 1e300 { return String(format: "%.0f", number) }
        var text = String(format: "%.15g", number)
        if text.contains("e") { return raw }
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// A date serial as ISO text: `2024-03-01`, `2024-03-01 09:30:00`, or `09:30:00` for a time alone.
    static func dateText(serial: Double, date1904: Bool) -> String {
        guard serial.isFinite, abs(serial) < 3_000_000 else { return String(serial) }
        let days = serial.rounded(.down)
        var seconds = Int(((serial - days) * 86_400).rounded())
        var day = Int(days)
        if seconds >= 86_400 { seconds -= 86_400; day += 1 }
        let time = String(format: "%02ld:%02ld:%02ld", seconds / 3600, seconds / 60 % 60, seconds % 60)
        if day == 0 && !date1904 { return time }
        // The 1900 system counts 1900-01-01 as day 1 and has Excel's phantom 1900-02-29 (day 60), so from day 61 on
        // it is days since 1899-12-30; the 1904 system counts days since 1904-01-01.
        if day == 60 && !date1904 { return seconds == 0 ? "1900-02-29" : "1900-02-29 " + time }
        var components = DateComponents()
        components.year = date1904 ? 1904 : 1899
        components.month = date1904 ? 1 : 12
        components.day = (date1904 ? 1 : day < 60 ? 31 : 30) + day
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: components) else { return String(serial) }
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let text = String(format: "%04ld-%02ld-%02ld", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        return seconds == 0 ? text : text + " " + time
    }
}
