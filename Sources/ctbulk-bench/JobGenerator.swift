import CTBulkCore
import Foundation

/// Writes a realistic job file the way Russian Excel saves one: Windows-1251, `;`, CRLF, Russian headers, numbers
/// formatted by hand (`+7 (9xx) xxx-xx-xx`, `8 9xx ...`), pools, UTM-style display options, redirects, some reserve
/// redirects, and about 3 % of rows with the mistakes people make (see ``Mistake``). Streams: memory stays flat
/// whatever the row count. Every row is a pure function of its index, so the same count gives the same file.
struct JobGenerator {
    /// The mistakes sprinkled into 3 rows in every 100, in turn.
    enum Mistake: Int, CaseIterable {
        case scientific, letters, length, timeoutRange, timeoutFormat, boolFormat, sourceMissing, reserveWithoutTimeout
        case excelError, redirectLoop, duplicateIdentical, duplicateConflict, floatTail, blankRow
    }

    static let header = ["Номер телефона", "Пул", "Источник", "Канал", "Кампания", "Объявление", "Ключевое слово",
                         "Номер переадресации", "Резервный номер", "Таймаут", "Игнорировать early media"]

    private static let pools = ["Весна", "Лето", "Осень", "Зима", "Остальные", "Москва и область"].map(encode)
    private static let sources = ["yandex", "google", "vk", "avito", "direct", "Яндекс.Директ"].map(encode)
    private static let mediums = ["cpc", "organic", "referral", "offline", "email"].map(encode)
    private static let campaigns = ["Весенняя распродажа", "Окна ПВХ — Москва", "brand", "Ретаргетинг 2025",
                                    "Натяжные потолки", "Акция \"Лето\"; скидки до 30%", "Кухни на заказ"].map(encode)
    private static let contents = ["Объявление 1", "Объявление 2", "баннер_главная", "Видео 15 с"].map(encode)
    private static let keywords = ["пластиковые окна", "ремонт квартир", "купить кухню", "натяжной потолок цена"].map(encode)
    private static let yes = encode("да"), no = encode("нет"), maybe = encode("может быть")
    private static let excelNA = encode("#Н/Д"), oneMinute = encode("1 мин"), scientific = encode("7,9E+10")
    private static let timeouts = [15, 20, 30, 45, 60, 90]

    private static func encode(_ text: String) -> [UInt8] { Windows1251.encode(text) }

    let rows: Int

    /// Writes the file; returns its size in bytes.
    func write(to path: String) throws -> Int {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw BenchError("cannot create \(path)")
        }
        defer { try? handle.close() }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20 + 4096)
        var written = 0
        func flush() throws {
            try handle.write(contentsOf: buffer)
            written += buffer.count
            buffer.removeAll(keepingCapacity: true)
        }
        for (index, cell) in Self.header.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ";")) }
            buffer.append(contentsOf: Self.encode(cell))
        }
        buffer.append(contentsOf: [0x0D, 0x0A])
        for index in 0..<rows {
            appendRow(index, to: &buffer)
            if buffer.count >= 1 << 20 { try flush() }
        }
        try flush()
        return written
    }

    /// Which mistake row `index` carries, if any.
    static func mistake(at index: Int) -> Mistake? {
        guard index % 100 < 3 else { return nil }
        let turn = (index / 100 * 3 + index % 100) % Mistake.allCases.count
        return Mistake(rawValue: turn)
    }

    /// A number `79xxxxxxxxx` distinct for every index below 10^9.
    static func phoneDigits(_ index: Int) -> UInt64 {
        79_000_000_000 + UInt64((index &* 7_919 &+ 12_345) % 1_000_000_000)
    }

    /// A cheap, well-mixed hash of the index (SplitMix64's finaliser).
    static func mix(_ index: Int, _ salt: UInt64) -> UInt64 {
        var z = UInt64(truncatingIfNeeded: index) &+ salt &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private struct Cells {
        var phone: [UInt8] = []
        var pool: [UInt8] = []
        var source: [UInt8] = []
        var medium: [UInt8] = []
        var campaign: [UInt8] = []
        var content: [UInt8] = []
        var keyword: [UInt8] = []
        var redirect: [UInt8] = []
        var reserve: [UInt8] = []
        var timeout: [UInt8] = []
        var earlyMedia: [UInt8] = []

        var all: [[UInt8]] { [phone, pool, source, medium, campaign, content, keyword, redirect, reserve, timeout, earlyMedia] }
    }

    /// The cells of a clean row.
    private func cleanCells(_ index: Int) -> Cells {
        let h = Self.mix(index, 1)
        var cells = Cells()
        cells.phone = Self.formatted(Self.phoneDigits(index), style: Int(h % 20))
        cells.pool = Self.pools[Int((h >> 8) % UInt64(Self.pools.count))]
        cells.source = Self.sources[Int((h >> 12) % UInt64(Self.sources.count))]
        cells.medium = Self.mediums[Int((h >> 16) % UInt64(Self.mediums.count))]
        cells.campaign = Self.campaigns[Int((h >> 20) % UInt64(Self.campaigns.count))]
        if (h >> 24) % 3 == 0 { cells.content = Self.contents[Int((h >> 26) % UInt64(Self.contents.count))] }
        if (h >> 28) % 4 == 0 { cells.keyword = Self.keywords[Int((h >> 30) % UInt64(Self.keywords.count))] }
        if (h >> 32) % 100 < 85 {
            cells.redirect = Self.formatted(74_950_000_000 + (h >> 34) % 200, style: 0)
            if (h >> 42) % 100 < 12 {
                cells.reserve = Self.formatted(74_990_000_000 + (h >> 44) % 200, style: 0)
                cells.timeout = Array(String(Self.timeouts[Int((h >> 50) % UInt64(Self.timeouts.count))]).utf8)
                cells.earlyMedia = (h >> 56) % 3 == 0 ? Self.no : Self.yes
            }
        }
        return cells
    }

    private func appendRow(_ index: Int, to buffer: inout [UInt8]) {
        var cells = cleanCells(index)
        switch Self.mistake(at: index) {
        case nil: break
        case .scientific?: cells.phone = Self.scientific
        case .letters?:
            cells.phone.removeLast()
            cells.phone.append(contentsOf: Self.encode("О"))  // a Cyrillic O typed for a zero
        case .length?: cells.phone = Array(String(Self.phoneDigits(index) % 1_000_000_000).utf8)  // 9 digits
        case .timeoutRange?:
            fillReserve(&cells, index)
            cells.timeout = Array("5".utf8)
        case .timeoutFormat?:
            fillReserve(&cells, index)
            cells.timeout = Self.oneMinute  // `30 сек` is read as 30; minutes are not
        case .boolFormat?:
            fillReserve(&cells, index)
            cells.earlyMedia = Self.maybe
        case .sourceMissing?: cells.source = []
        case .reserveWithoutTimeout?:
            fillReserve(&cells, index)
            cells.timeout = []
        case .excelError?: cells.redirect = Self.excelNA
        case .redirectLoop?: cells.redirect = cells.phone
        case .duplicateIdentical?:
            cells = cleanCells(index - 50)  // rows 50 back are never mistake rows
        case .duplicateConflict?:
            let campaign = cells.campaign
            cells = cleanCells(index - 50)
            cells.campaign = campaign == Self.campaigns[0] ? Self.campaigns[1] : Self.campaigns[0]
        case .floatTail?: cells.phone = Array("\(Self.phoneDigits(index)).0".utf8)
        case .blankRow?: cells = Cells()
        }
        for (position, cell) in cells.all.enumerated() {
            if position > 0 { buffer.append(UInt8(ascii: ";")) }
            if cell.contains(UInt8(ascii: ";")) || cell.contains(UInt8(ascii: "\"")) {
                buffer.append(UInt8(ascii: "\""))
                for byte in cell {
                    if byte == UInt8(ascii: "\"") { buffer.append(byte) }
                    buffer.append(byte)
                }
                buffer.append(UInt8(ascii: "\""))
            } else {
                buffer.append(contentsOf: cell)
            }
        }
        buffer.append(contentsOf: [0x0D, 0x0A])
    }

    private func fillReserve(_ cells: inout Cells, _ index: Int) {
        if cells.redirect.isEmpty { cells.redirect = Self.formatted(74_950_000_000 + UInt64(index % 200), style: 0) }
        if cells.reserve.isEmpty {
            cells.reserve = Self.formatted(74_990_000_000 + UInt64(index % 200), style: 0)
            cells.timeout = Array("30".utf8)
            cells.earlyMedia = Self.yes
        }
    }

    /// `+7 (9xx) xxx-xx-xx` (most rows), `8 9xx xxx-xx-xx`, `79xxxxxxxxx`, `+7 9xx xxx xx xx`, `8(9xx)xxx-xx-xx`.
    static func formatted(_ number: UInt64, style: Int) -> [UInt8] {
        let d = Array(String(number).utf8)  // 11 digits, 7 first
        func s(_ text: String) -> [UInt8] { Array(text.utf8) }
        let code = Array(d[1...3]), a = Array(d[4...6]), b = Array(d[7...8]), c = Array(d[9...10])
        switch style {
        case 0..<14: return s("+7 (") + code + s(") ") + a + s("-") + b + s("-") + c
        case 14..<17: return s("8 ") + code + s(" ") + a + s("-") + b + s("-") + c
        case 17: return d
        case 18: return s("+7 ") + code + s(" ") + a + s(" ") + b + s(" ") + c
        default: return s("8(") + code + s(")") + a + s("-") + b + s("-") + c
        }
    }
}
