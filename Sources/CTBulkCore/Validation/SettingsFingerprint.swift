import Foundation

/// A 64-bit fingerprint of a row's desired settings for the duplicate index: equal settings give equal fingerprints,
/// whether the row was read on the fast byte path (``CSVRowCheck``) or built as a ``NumberSettings``.
///
/// FNV-1a over a canonical byte form (field tag, the text's UTF-8 in NFC, a terminator; phone numbers and the
/// time-out as integers), finished with SplitMix64's mixer. Text is compared as Swift compares strings (canonical
/// equivalence): text whose characters are all NFC-stable and non-combining (ASCII, Latin-1, Cyrillic, common
/// punctuation: everything Windows-1251 holds) is its own NFC and is hashed as it is; anything else is normalised
/// first (rare, and only on the slow path).
struct SettingsFingerprint {
    private var state: UInt64 = 0xCBF2_9CE4_8422_2325

    enum Tag: UInt8 {
        case pool = 1, source, medium, campaign, content, keyword, redirect, reserve, timeout, flag
    }

    @inline(__always) mutating func byte(_ byte: UInt8) {
        state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    @inline(__always) mutating func tag(_ tag: Tag) { byte(0xF0 | tag.rawValue) }

    /// A text value's UTF-8 (already in NFC) and its terminator (0xFF never occurs in UTF-8).
    @inline(__always) mutating func utf8(_ bytes: UnsafeBufferPointer<UInt8>) {
        for b in bytes { byte(b) }
        byte(0xFF)
    }

    /// A Windows-1251 text value, hashed as its UTF-8 would be. `table` is ``Windows1251/utf8Packed`` (passed in:
    /// reading a global costs a `swift_once` check per byte).
    @inline(__always) mutating func windows1251(_ bytes: UnsafeBufferPointer<UInt8>, table: UnsafePointer<UInt32>) {
        for b in bytes {
            if b < 0x80 { byte(b); continue }
            var packed = table[Int(b - 0x80)]
            while packed != 0 {
                byte(UInt8(truncatingIfNeeded: packed))
                packed >>= 8
            }
        }
        byte(0xFF)
    }

    @inline(__always) mutating func integer(_ value: UInt64) {
        var v = value
        for _ in 0..<8 { byte(UInt8(truncatingIfNeeded: v)); v >>= 8 }
    }

    /// The fingerprint (62 bits are kept by the index).
    var value: UInt64 { DuplicateIndex.mix(state) }

    /// The fingerprint of settings built by ``RowBuilder`` (or read from JSON).
    static func of(_ settings: NumberSettings) -> UInt64 {
        var f = SettingsFingerprint()
        func text(_ tag: Tag, _ value: String?) {
            guard var value else { return }
            f.tag(tag)
            if !isNFCStable(value) { value = value.precomposedStringWithCanonicalMapping }
            var copy = value
            copy.withUTF8 { f.utf8($0) }
        }
        func number(_ tag: Tag, _ value: PhoneNumber?) {
            guard let value else { return }
            f.tag(tag)
            f.integer(value.numericValue)
        }
        text(.pool, settings.poolName)
        let display = settings.displayOptions
        text(.source, display?.source)
        text(.medium, display?.medium)
        text(.campaign, display?.campaign)
        text(.content, display?.content)
        text(.keyword, display?.keyword)
        let redirect = settings.redirectOptions
        number(.redirect, redirect?.redirectNumber)
        number(.reserve, redirect?.reserve?.reserveNumber)
        if let timeout = redirect?.reserve?.reserveTimeOut {
            f.tag(.timeout)
            f.integer(UInt64(bitPattern: Int64(timeout)))
        }
        if let flag = redirect?.reserve?.ignoreEarlyMedia {
            f.tag(.flag)
            f.byte(flag ? 1 : 0)
        }
        return f.value
    }

    /// Whether every scalar of `text` is its own NFC and cannot combine with a neighbour.
    static func isNFCStable(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { isNFCStable($0.value) }
    }

    /// Scalars that are NFC-stable and non-combining: below U+0300 (ASCII, Latin-1, Latin Extended, IPA, spacing
    /// modifiers), Cyrillic without its combining marks, general punctuation from U+2010, the euro, № and ™.
    @inline(__always) static func isNFCStable(_ scalar: UInt32) -> Bool {
        scalar < 0x300 || (0x400...0x482).contains(scalar) || (0x48A...0x52F).contains(scalar)
            || (0x2010...0x2027).contains(scalar) || (0x2030...0x205E).contains(scalar)
            || scalar == 0x20AC || scalar == 0x2116 || scalar == 0x2122 || scalar == 0xFFFD
    }
}

extension Windows1251 {
    /// The UTF-8 bytes of bytes 0x80...0xFF, packed little-endian into a word (first byte lowest).
    static let utf8Packed: [UInt32] = (0x80...0xFF).map { byte -> UInt32 in
        let scalar = byte >= 0xC0 ? 0x410 + UInt32(byte - 0xC0) : high[byte - 0x80]
        var packed: UInt32 = 0
        for (index, unit) in String(Unicode.Scalar(scalar)!).utf8.enumerated() { packed |= UInt32(unit) << (8 * index) }
        return packed
    }
}
