/// A Russian phone number in the `7xxxxxxxxxx` form the Calltouch API expects: eleven ASCII digits, the first a 7.
///
/// Build one with ``PhoneNumber/init(normalizing:)`` (which explains what it changed or why it refused) or with
/// ``PhoneNumber/init(canonical:)`` when the text is already canonical.
public struct PhoneNumber: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    /// The eleven digits, `7xxxxxxxxxx`.
    public let digits: String

    /// Accepts only an already canonical `7xxxxxxxxxx` string.
    public init?(canonical text: String) {
        guard text.utf8.count == 11, text.utf8.first == UInt8(ascii: "7"),
              text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        digits = text
    }

    /// The number as a 64-bit integer (used by compact indexes).
    public var numericValue: UInt64 { UInt64(digits) ?? 0 }

    public var description: String { digits }

    public static func < (lhs: PhoneNumber, rhs: PhoneNumber) -> Bool { lhs.digits < rhs.digits }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = PhoneNumber(canonical: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a 7xxxxxxxxxx number: \(text)")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(digits)
    }
}

/// What ``PhoneNumber/normalize(_:)`` made of a cell.
public enum PhoneParse: Sendable, Equatable {
    /// The number, and a note when the text had to be changed to get it (formatting, trunk prefix, float tail).
    case number(PhoneNumber, note: ProblemCode?)
    /// The cell cannot be a number; the code says why.
    case rejected(ProblemCode)
}

extension PhoneNumber {
    /// Normalises what people type into spreadsheets (`+7 (900) 123-45-67`, `8 900 123 45 67`, `9001234567`, NBSP,
    /// any kind of dash) into `7xxxxxxxxxx`, and refuses anything that would need a guess: scientific notation (the
    /// digits are already lost), Excel error values, letters, a wrong length or country.
    public static func normalize(_ raw: String) -> PhoneParse {
        var text = CellText.trim(raw)
        if text.hasPrefix("'") { text.removeFirst() }  // Excel's "this is text" marker, also our own neutralisation
        if CellText.isExcelError(text) { return .rejected(.excelError) }
        if CellText.isScientific(text) { return .rejected(.phoneScientific) }

        if extensionPart(of: text) != nil { return .rejected(.phoneExtension) }

        var note: ProblemCode?
        if let stripped = CellText.strippingFloatTail(text) {
            text = stripped
            note = .phoneFloatTail
        }

        var digits: [UInt8] = []
        digits.reserveCapacity(12)
        var plus = false
        var sawSeparator = false
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x30...0x39:
                digits.append(UInt8(scalar.value))
            case 0x2B where digits.isEmpty && !plus:  // leading +
                plus = true
            case 0x20, 0xA0, 0x202F, 0x2009, 0x2007, 0x28, 0x29, 0x2D, 0x2E, 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D:
                sawSeparator = true
            default:
                if scalar.properties.isAlphabetic { return .rejected(.phoneLetters) }
                return .rejected(.phoneCharacters)
            }
        }
        if digits.isEmpty { return .rejected(.phoneLetters) }

        var changed = sawSeparator || plus
        switch (digits.count, digits.first) {
        case (11, UInt8(ascii: "7")):
            break
        case (11, UInt8(ascii: "8")) where !plus:
            digits[0] = UInt8(ascii: "7")
            changed = true
        case (10, UInt8(ascii: "9")) where !plus:
            digits.insert(UInt8(ascii: "7"), at: 0)
            changed = true
        case (10, UInt8(ascii: "3")) where !plus, (10, UInt8(ascii: "4")) where !plus, (10, UInt8(ascii: "8")) where !plus:
            // A Russian number written without its country code (`495 000-00-07`, `812…`, `800…`): 7 + the ten digits.
            digits.insert(UInt8(ascii: "7"), at: 0)
            if note == nil { note = .phoneCountryAdded }
        case (11, _):
            return .rejected(.phoneCountry)
        case (10, _) where plus:
            return .rejected(.phoneCountry)
        default:
            return .rejected(.phoneLength)
        }
        let number = PhoneNumber(canonical: String(decoding: digits, as: UTF8.self))!
        if note == .phoneCountryAdded { return .number(number, note: note) }
        if note == nil && changed { note = .phoneNormalized }
        return .number(number, note: note)
    }

    /// The extension written after a number (`доб. 12`, `доб 12`, `ext 12`, `ext. 12`, `#12`, `x12`), as written;
    /// nil when the text has none. Only a marker after at least seven digits, followed by digits alone, counts.
    public static func extensionPart(of text: String) -> String? {
        // A marker starts with a letter or `#`: text of digits and separators alone (nearly every cell) has none.
        let mayHaveMarker = text.utf8.contains { byte in
            byte >= 0x80 || byte == UInt8(ascii: "#") || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
        }
        guard mayHaveMarker else { return nil }
        let scalars = Array(text.unicodeScalars)
        var digitsSeen = 0
        for (index, scalar) in scalars.enumerated() {
            if scalar.properties.numericType != nil && scalar.isASCII { digitsSeen += 1; continue }
            guard scalar.properties.isAlphabetic || scalar == "#" else { continue }
            guard digitsSeen >= 7 else { return nil }
            let rest = String(String.UnicodeScalarView(scalars[index...]))
            let lower = rest.lowercased()
            for marker in ["добавочный", "доб", "ext", "#", "x", "х", "вн"] where lower.hasPrefix(marker) {
                let tail = lower.dropFirst(marker.count).drop { $0 == "." || $0 == ":" || $0 == " " || $0 == "\u{00A0}" }
                if !tail.isEmpty, tail.allSatisfy({ $0.isASCII && $0.isNumber }) { return CellText.trim(rest) }
            }
            return nil
        }
        return nil
    }
}
