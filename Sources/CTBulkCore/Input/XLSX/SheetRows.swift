import Foundation

/// One row of a worksheet as read: Excel's row number, the cells' text (UTF-8) by column, and what the cells were.
struct WorkbookRow {
    var row: Int
    /// Rows with no `<row>` element just above this one (Excel leaves empty rows out of the file).
    var missingBefore = 0
    /// The cells' text by column index (A = 0), up to the last cell the row has.
    var cells: [[UInt8]] = []
    /// Cells over the size limit: column index → size in bytes (their text was not kept).
    var oversized: [Int: Int] = [:]
    /// Columns whose cells hold numbers (written back as numbers in a workbook report).
    var numbers: Set<Int> = []
    /// Columns whose cells hold numbers shown as dates or times: column index → the date as text.
    var dates: [Int: String] = [:]

    init(row: Int) { self.row = row }

    mutating func set(_ column: Int, _ text: [UInt8]) {
        if column >= cells.count {
            if text.isEmpty { return }
            cells.append(contentsOf: repeatElement([], count: column - cells.count + 1))
        }
        cells[column] = text
    }
}

/// Streams `xl/worksheets/sheetN.xml`: `<row r>` elements of `<c r t s>` cells with a `<v>` value (a number, a
/// shared-string index, a boolean, an error, a formula's cached result) or an inline `<is><t>` string. Finished
/// rows collect in ``finished`` for the reader to take after each chunk.
final class SheetHandler: XMLEventHandler {
    var finished: [WorkbookRow] = []
    private let strings: SharedStrings?
    private let styles: WorkbookStyles?
    private let date1904: Bool
    private let maxCellBytes: Int
    private let part: String

    private var current: WorkbookRow?
    private var lastRow = 0
    private var nextColumn = 0
    private var inCell = false
    private var column = 0
    private var type: CellType = .number
    private var style = 0
    private var value = WorkbookText()
    private var capturing = false
    private var inInline = false
    private var phoneticDepth = 0

    private enum CellType { case number, shared, inline, formulaString, boolean, error, isoDate }

    init(strings: SharedStrings?, styles: WorkbookStyles?, date1904: Bool, maxCellBytes: Int, part: String) {
        self.strings = strings; self.styles = styles; self.date1904 = date1904; self.maxCellBytes = maxCellBytes
        self.part = part
    }

    override func start(_ name: UnsafePointer<CChar>, _ attributes: XMLAttributes) {
        guard failure == nil else { return }
        if XMLStream.equals(name, "c") {
            inCell = true
            column = attributes.pointer("r").flatMap(Self.columnIndex) ?? nextColumn
            nextColumn = column + 1
            style = attributes.pointer("s").map { Int(strtol($0, nil, 10)) } ?? 0
            switch attributes["t"] {
            case "s"?: type = .shared
            case "inlineStr"?: type = .inline
            case "str"?: type = .formulaString
            case "b"?: type = .boolean
            case "e"?: type = .error
            case "d"?: type = .isoDate
            default: type = .number
            }
            value = WorkbookText()
        } else if XMLStream.equals(name, "v") {
            capturing = inCell && !inInline
        } else if XMLStream.equals(name, "row") {
            let number = attributes.pointer("r").map { Int(strtol($0, nil, 10)) } ?? (lastRow + 1)
            guard number > lastRow else {
                failure = .damaged(part: part, reason: "row \(number) after row \(lastRow)")
                return
            }
            var row = WorkbookRow(row: number)
            row.missingBefore = number - lastRow - 1
            current = row
            nextColumn = 0
        } else if XMLStream.equals(name, "is") {
            inInline = true
        } else if XMLStream.equals(name, "rPh") {
            phoneticDepth += 1
        } else if XMLStream.equals(name, "t") {
            capturing = inInline && phoneticDepth == 0
        }
    }

    override func end(_ name: UnsafePointer<CChar>) {
        guard failure == nil else { return }
        if XMLStream.equals(name, "v") || XMLStream.equals(name, "t") {
            capturing = false
        } else if XMLStream.equals(name, "c") {
            inCell = false
            finishCell()
        } else if XMLStream.equals(name, "row") {
            if let row = current {
                lastRow = row.row
                finished.append(row)
            }
            current = nil
        } else if XMLStream.equals(name, "is") {
            inInline = false
        } else if XMLStream.equals(name, "rPh") {
            phoneticDepth -= 1
        }
    }

    override func text(_ chunk: UnsafeBufferPointer<UInt8>) {
        if capturing && failure == nil { value.append(chunk, limit: maxCellBytes) }
    }

    private func finishCell() {
        guard current != nil else { return }
        if value.size > maxCellBytes {
            current!.oversized[column] = value.size
            current!.set(column, [])
            return
        }
        switch type {
        case .shared:
            let text = String(decoding: value.bytes, as: UTF8.self)
            guard !text.isEmpty else { return }
            guard let index = Int(text), let strings, let string = strings.string(index) else {
                failure = .damaged(part: part, reason: "no shared string \(text) (row \(current!.row))")
                return
            }
            if let size = strings.oversized[index] { current!.oversized[column] = size; current!.set(column, []); return }
            current!.set(column, Array(string))
        case .inline, .formulaString:
            current!.set(column, value.decoded())
        case .boolean:
            if value.bytes.isEmpty { return }
            current!.set(column, Array((value.bytes == [UInt8(ascii: "1")] ? "TRUE" : "FALSE").utf8))
        case .error:
            current!.set(column, value.bytes)
        case .isoDate:
            guard !value.bytes.isEmpty else { return }
            let text = String(decoding: value.bytes, as: UTF8.self)
            current!.dates[column] = text
            current!.set(column, value.bytes)
        case .number:
            guard !value.bytes.isEmpty else { return }
            let raw = String(decoding: value.bytes, as: UTF8.self)
            guard let number = Double(raw) else {
                current!.set(column, value.bytes)  // not a number after all: kept as written
                return
            }
            if styles?.isDate(style: style) == true {
                let text = WorkbookValues.dateText(serial: number, date1904: date1904)
                current!.dates[column] = text
                current!.set(column, Array(text.utf8))
            } else {
                current!.numbers.insert(column)
                current!.set(column, Array(WorkbookValues.numberText(number, raw: raw).utf8))
            }
        }
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
