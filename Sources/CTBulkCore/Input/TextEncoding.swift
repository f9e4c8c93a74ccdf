import Foundation

/// The text encodings job files arrive in: what Excel, Google Sheets and 1C write on Russian-speaking desks.
public enum TextEncoding: String, Sendable, Codable, CaseIterable {
    /// UTF-8, with or without a BOM ("CSV UTF-8" in Excel writes one).
    case utf8 = "utf-8"
    /// Windows-1251: what "CSV (разделители — запятые)" writes on a Russian Windows.
    case windows1251 = "cp1251"
    /// UTF-16 little-endian with a BOM: Excel's "Текст Юникод" (tab-separated).
    case utf16LE = "utf-16le"
    /// UTF-16 big-endian with a BOM.
    case utf16BE = "utf-16be"

    /// Parses the names people type for `--encoding`.
    public init?(userName: String) {
        switch userName.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "utf-8", "utf8", "utf-8-bom", "utf8bom", "utf-8-sig": self = .utf8
        case "cp1251", "windows-1251", "win1251", "win-1251", "1251", "ansi": self = .windows1251
        case "utf-16le", "utf16le", "utf-16", "utf16", "unicode": self = .utf16LE
        case "utf-16be", "utf16be": self = .utf16BE
        default: return nil
        }
    }

    /// The byte-order mark this encoding writes.
    public var bom: [UInt8] {
        switch self {
        case .utf8: return [0xEF, 0xBB, 0xBF]
        case .utf16LE: return [0xFF, 0xFE]
        case .utf16BE: return [0xFE, 0xFF]
        case .windows1251: return []
        }
    }

    /// What a person reads in the assumptions block.
    public var displayName: String {
        switch self {
        case .utf8: return "UTF-8"
        case .windows1251: return "Windows-1251"
        case .utf16LE: return "UTF-16LE"
        case .utf16BE: return "UTF-16BE"
        }
    }
}

/// The encoding of a file, found from its first bytes.
public struct DetectedEncoding: Sendable, Equatable {
    public var encoding: TextEncoding
    /// Bytes of BOM at the start of the file (skipped when reading, written back in reports).
    public var bomLength: Int
    /// True when the choice was a guess between single-byte encodings (no BOM and not valid UTF-8).
    public var guessed: Bool

    /// Finds the encoding: a BOM decides; else text that is valid UTF-8 is UTF-8; else Windows-1251.
    public static func detect(_ sample: [UInt8]) -> DetectedEncoding {
        if sample.starts(with: [0xEF, 0xBB, 0xBF]) { return .init(encoding: .utf8, bomLength: 3, guessed: false) }
        if sample.starts(with: [0xFF, 0xFE]) { return .init(encoding: .utf16LE, bomLength: 2, guessed: false) }
        if sample.starts(with: [0xFE, 0xFF]) { return .init(encoding: .utf16BE, bomLength: 2, guessed: false) }
        if isValidUTF8(sample, allowTruncatedEnd: true) { return .init(encoding: .utf8, bomLength: 0, guessed: false) }
        // Not UTF-8: a single-byte code page. Windows-1251 when most high bytes are its Cyrillic letters.
        var high = 0, letters = 0
        for byte in sample where byte >= 0x80 {
            high += 1
            if byte >= 0xC0 || byte == 0xA8 || byte == 0xB8 { letters += 1 }
        }
        let confident = high > 0 && Double(letters) / Double(high) >= 0.7
        return .init(encoding: .windows1251, bomLength: 0, guessed: !confident)
    }

    static func isValidUTF8(_ bytes: [UInt8], allowTruncatedEnd: Bool) -> Bool {
        var body = bytes[...]
        if allowTruncatedEnd {
            // A sample may end inside a multi-byte sequence: drop up to three trailing continuation/lead bytes.
            var cut = 0
            while cut < 3, let last = body.last, last & 0xC0 == 0x80 { body = body.dropLast(); cut += 1 }
            if let last = body.last, last >= 0xC0 { body = body.dropLast() }
        }
        return String(validating: body, as: UTF8.self) != nil
    }
}

/// Windows-1251 to and from Unicode.
public enum Windows1251 {
    /// Unicode scalars for bytes 0x80...0xBF (0xC0...0xFF map to U+0410...U+044F).
    static let high: [UInt32] = [
        0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, 0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,
        0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0xFFFD, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,
        0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7, 0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,
        0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7, 0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,
    ]

    static let reverse: [UInt32: UInt8] = {
        var map: [UInt32: UInt8] = [:]
        for (i, scalar) in high.enumerated() where scalar != 0xFFFD { map[scalar] = UInt8(0x80 + i) }
        for i in 0..<64 { map[UInt32(0x410 + i)] = UInt8(0xC0 + i) }
        return map
    }()

    /// Decodes bytes (every byte sequence is valid Windows-1251).
    public static func decode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            let value: UInt32 = byte < 0x80 ? UInt32(byte) : byte >= 0xC0 ? 0x410 + UInt32(byte - 0xC0) : high[Int(byte - 0x80)]
            scalars.append(Unicode.Scalar(value) ?? "?")
        }
        return String(scalars)
    }

    /// Encodes text. Signs Windows-1251 cannot hold that ctbulk itself writes get an ASCII stand-in (`→` `->`,
    /// `∅` `(empty)`, `≤` `<=`, `×` `x`); any other character it cannot hold becomes `?`.
    public static func encode(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.value < 0x80 {
                out.append(UInt8(scalar.value))
            } else if let byte = reverse[scalar.value] {
                out.append(byte)
            } else if let standIn = asciiStandIns[scalar.value] {
                out.append(contentsOf: standIn.utf8)
            } else {
                out.append(UInt8(ascii: "?"))
            }
        }
        return out
    }

    /// ASCII for the signs in ctbulk's own texts that Windows-1251 lacks.
    static let asciiStandIns: [UInt32: String] = [
        0x2192: "->", 0x2190: "<-", 0x2205: "(empty)", 0x2264: "<=", 0x2265: ">=", 0x00D7: "x", 0x2212: "-",
        0x2248: "~", 0x2026: "...",
    ]
}

/// Turns a stream of UTF-16 bytes into UTF-8 bytes, chunk by chunk (a code unit or a surrogate pair may be split
/// across chunks).
struct UTF16ToUTF8Transcoder {
    let littleEndian: Bool
    private var pendingByte: UInt8?
    private var pendingHighSurrogate: UInt16?
    /// True once any ill-formed sequence was replaced with U+FFFD.
    private(set) var sawInvalid = false

    init(littleEndian: Bool) { self.littleEndian = littleEndian }

    mutating func transcode(_ bytes: some Collection<UInt8>, into out: inout [UInt8]) {
        var iterator = bytes.makeIterator()
        while true {
            let first: UInt8
            if let pending = pendingByte { first = pending; pendingByte = nil } else {
                guard let b = iterator.next() else { return }
                first = b
            }
            guard let second = iterator.next() else { pendingByte = first; return }
            let unit = littleEndian ? UInt16(first) | UInt16(second) << 8 : UInt16(first) << 8 | UInt16(second)
            append(unit: unit, into: &out)
        }
    }

    mutating func finish(into out: inout [UInt8]) {
        if pendingByte != nil || pendingHighSurrogate != nil {
            sawInvalid = true
            appendScalar(0xFFFD, into: &out)
        }
        pendingByte = nil
        pendingHighSurrogate = nil
    }

    private mutating func append(unit: UInt16, into out: inout [UInt8]) {
        if let high = pendingHighSurrogate {
            pendingHighSurrogate = nil
            if (0xDC00...0xDFFF).contains(unit) {
                let scalar = 0x10000 + ((UInt32(high) - 0xD800) << 10) + (UInt32(unit) - 0xDC00)
                appendScalar(scalar, into: &out)
                return
            }
            sawInvalid = true
            appendScalar(0xFFFD, into: &out)
        }
        if (0xD800...0xDBFF).contains(unit) { pendingHighSurrogate = unit; return }
        if (0xDC00...0xDFFF).contains(unit) { sawInvalid = true; appendScalar(0xFFFD, into: &out); return }
        appendScalar(UInt32(unit), into: &out)
    }

    private func appendScalar(_ value: UInt32, into out: inout [UInt8]) {
        switch value {
        case ..<0x80:
            out.append(UInt8(value))
        case ..<0x800:
            out.append(0xC0 | UInt8(value >> 6)); out.append(0x80 | UInt8(value & 0x3F))
        case ..<0x10000:
            out.append(0xE0 | UInt8(value >> 12)); out.append(0x80 | UInt8((value >> 6) & 0x3F))
            out.append(0x80 | UInt8(value & 0x3F))
        default:
            out.append(0xF0 | UInt8(value >> 18)); out.append(0x80 | UInt8((value >> 12) & 0x3F))
            out.append(0x80 | UInt8((value >> 6) & 0x3F)); out.append(0x80 | UInt8(value & 0x3F))
        }
    }
}
