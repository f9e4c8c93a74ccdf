import Foundation

/// The shared-strings table (`xl/sharedStrings.xml`): every distinct text of the workbook, which cells refer to by
/// index. Kept as one byte buffer and an offset per string, so it costs its text's UTF-8 plus 8 bytes per string.
/// A string over the cell-size limit keeps only its size.
final class SharedStrings: XMLEventHandler {
    private(set) var bytes: [UInt8] = []
    private(set) var offsets: [Int] = [0]
    /// Strings over the limit: index → size in bytes (their text was not kept).
    private(set) var oversized: [Int: Int] = [:]
    private let maxCellBytes: Int
    private var text = WorkbookText()
    private var inString = false
    private var phoneticDepth = 0
    private var inText = false

    init(maxCellBytes: Int) { self.maxCellBytes = maxCellBytes }

    var count: Int { offsets.count - 1 }

    /// The string at `index` (UTF-8), or nil past the end.
    func string(_ index: Int) -> ArraySlice<UInt8>? {
        guard index >= 0, index < count else { return nil }
        return bytes[offsets[index]..<offsets[index + 1]]
    }

    override func start(_ name: UnsafePointer<CChar>, _ attributes: XMLAttributes) {
        if XMLStream.equals(name, "si") {
            inString = true; text = WorkbookText()
        } else if XMLStream.equals(name, "rPh") {
            phoneticDepth += 1  // phonetic guides (furigana) are not part of the text
        } else if XMLStream.equals(name, "t") && inString && phoneticDepth == 0 {
            inText = true
        }
    }

    override func end(_ name: UnsafePointer<CChar>) {
        if XMLStream.equals(name, "t") {
            inText = false
        } else if XMLStream.equals(name, "rPh") {
            phoneticDepth -= 1
        } else if XMLStream.equals(name, "si") {
            inString = false
            if text.size > maxCellBytes {
                oversized[count] = text.size
            } else {
                bytes.append(contentsOf: text.decoded())
            }
            offsets.append(bytes.count)
        }
    }

    override func text(_ chunk: UnsafeBufferPointer<UInt8>) {
        if inText { text.append(chunk, limit: maxCellBytes) }
    }
}

/// The text of one cell as it arrives in pieces: kept up to a limit, its full size always counted.
struct WorkbookText {
    private(set) var bytes: [UInt8] = []
    private(set) var size = 0

    mutating func append(_ chunk: UnsafeBufferPointer<UInt8>, limit: Int) {
        size += chunk.count
        if size <= limit { bytes.append(contentsOf: chunk) }
    }

    /// Empty again, keeping the buffer (one text reused for every cell of a sheet).
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        size = 0
    }

    /// The text with Excel's `_xHHHH_` escapes (control characters and a literal `_x`, written `_x005F_`) decoded.
    func decoded() -> [UInt8] {
        Self.unescape(bytes)
    }

    static func unescape(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 7, bytes.contains(UInt8(ascii: "_")) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "_"), index + 6 < bytes.count, bytes[index + 1] == UInt8(ascii: "x"),
               bytes[index + 6] == UInt8(ascii: "_"),
               let value = UInt32(String(decoding: bytes[(index + 2)..<(index + 6)], as: UTF8.self), radix: 16),
               bytes[(index + 2)..<(index + 6)].allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }),
               let scalar = Unicode.Scalar(value) {
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
                index += 7
                continue
            }
            out.append(bytes[index])
            index += 1
        }
        return out
    }
}

/// `xl/styles.xml`: which cell formats (`cellXfs`, by the index a cell's `s` names) show numbers as dates or times.
final class WorkbookStyles: XMLEventHandler {
    /// Per cell format index: true when its number format is a date or time.
    private(set) var isDate: [Bool] = []
    private var customFormats: [Int: String] = [:]
    private var inCellFormats = false

    /// The built-in number formats that are dates or times (ECMA-376 part 1, 18.8.30; 27–36 and 50–58 are the
    /// East Asian date formats).
    static let builtInDateFormats: Set<Int> = Set(14...22).union(27...36).union(45...47).union(50...58).union(71...81)

    func isDate(style: Int) -> Bool { style >= 0 && style < isDate.count && isDate[style] }

    override func start(_ name: UnsafePointer<CChar>, _ attributes: XMLAttributes) {
        if XMLStream.equals(name, "numFmt"), let id = attributes["numFmtId"].flatMap({ Int($0) }),
           let code = attributes["formatCode"] {
            customFormats[id] = code
        } else if XMLStream.equals(name, "cellXfs") {
            inCellFormats = true
        } else if inCellFormats && XMLStream.equals(name, "xf") {
            let id = attributes["numFmtId"].flatMap { Int($0) } ?? 0
            isDate.append(customFormats[id].map(Self.isDateFormat) ?? Self.builtInDateFormats.contains(id))
        }
    }

    override func end(_ name: UnsafePointer<CChar>) {
        if XMLStream.equals(name, "cellXfs") { inCellFormats = false }
    }

    /// Whether a number format code shows a date or a time: it has a d, m, y, h or s outside quoted text, escapes and `[...]` blocks (colours, conditions, locales; `[h]`, `[mm]`, `[ss]` are
    /// elapsed times and count). `General` and number formats have none.
    static func isDateFormat(_ code: String) -> Bool {
        var inQuote = false, inBracket = false, escaped = false
        var bracket = ""
        // Only the first section (positive numbers) decides, as spreadsheets do.
        for character in code {
            if escaped { escaped = false; continue }
            if inQuote { if character == "\"" { inQuote = false }; continue }
            if inBracket {
                if character == "]" {
                    inBracket = false
                    let lowered = bracket.lowercased()
                    if !lowered.isEmpty && lowered.allSatisfy({ "hms".contains($0) }) { return true }
                } else {
                    bracket.append(character)
                }
                continue
            }
            switch character {
            case "\"": inQuote = true
            case "\\", "_", "*": escaped = true
            case "[": inBracket = true; bracket = ""
            case ";": return false
            default:
                // Codes are stored in their invariant (English) form; `General` has none of these letters.
                if "dmyhs".contains(character.lowercased()) { return true }
            }
        }
        return false
    }
}

extension SharedStrings {
    /// The strings of one stretch of the part, as its parser left them.
    struct Piece: Sendable {
        var bytes: [UInt8]
        var offsets: [Int]
        var oversized: [Int: Int]
    }

    var piece: Piece { Piece(bytes: bytes, offsets: offsets, oversized: oversized) }

    /// Appends the strings of the stretch that follows.
    func append(_ piece: Piece) {
        let base = bytes.count, first = count
        bytes.append(contentsOf: piece.bytes)
        offsets.append(contentsOf: piece.offsets.dropFirst().map { $0 + base })
        for (index, size) in piece.oversized { oversized[first + index] = size }
    }

    /// Reads the shared-strings part: a large one (a workbook of many distinct texts, such as a campaign per row) cut
    /// into stretches at `</si>` and parsed on a thread per core (``XMLCutter``), else by one parser. Anything a
    /// stretch's parser refuses is read again by one parser from the beginning, which says what and where.
    /// `report` learns, for tests, how many stretches were merged and whether the part was read again from the start.
    static func read(_ package: WorkbookPackage, part: String, maxCellBytes: Int, parallelism: SheetParallelism,
                     report: (_ stretches: Int, _ readFromStart: Bool) -> Void = { _, _ in }) throws(WorkbookReadError) -> SharedStrings {
        func serial() throws(WorkbookReadError) -> SharedStrings {
            let strings = SharedStrings(maxCellBytes: maxCellBytes)
            try package.read(part: part, handler: strings)
            return strings
        }
        guard parallelism.cuts(partOf: package.inflatedSize(part: part)) else { return try serial() }
        struct Refused: Error {}
        let strings = SharedStrings(maxCellBytes: maxCellBytes)
        var tail: XMLStream?
        var merged = 0
        let tailStrings = SharedStrings(maxCellBytes: maxCellBytes)
        do {
            try XMLCutter.parseInStretches(package, part: part, container: "sst", record: "si", parallelism: parallelism,
                                           parse: { stretch -> Piece? in
                let handler = SharedStrings(maxCellBytes: maxCellBytes)
                do { try stretch.parse(XMLStream(part: part, handler: handler), handler) } catch { return nil }
                return handler.piece
            }, merge: { (piece: Piece?, index) in
                guard let piece else { throw Refused() }
                strings.append(piece)
                merged = index + 1
            }, rest: { rest in
                switch rest {
                case .start(let index, let head):
                    tail = XMLStream(part: part, handler: tailStrings)
                    if index > 0 { try head.withUnsafeBytes { try tail?.feed($0) } }
                case .bytes(let bytes): try tail?.feed(bytes)
                case .end:
                    try tail?.feed(UnsafeRawBufferPointer(start: nil, count: 0), isFinal: true)
                    strings.append(tailStrings.piece)
                }
            })
            report(merged, false)
            return strings
        } catch {
            // Refused somewhere (damage, or a stretch that only makes sense from the beginning): one parser says why.
            report(merged, true)
            return try serial()
        }
    }
}
