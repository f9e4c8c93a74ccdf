/// Control characters in text that came from outside (job files, API answers): finding them, and showing text with
/// them escaped so that it cannot drive a terminal.
///
/// "Control character" means C0 (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F). TAB, CR and LF are C0 too;
/// callers say whether they are allowed (the layout of a multi-line cell in an ignored column) or not (any field sent
/// to the API: the API's fields are single-line).
///
/// Every check works on the UTF-8 bytes of the text and builds no String unless it finds something.
public enum ControlCharacters {
    /// A control character found in a text.
    public struct Found: Sendable, Equatable {
        public var scalar: Unicode.Scalar
        /// 1-based position of the character (Unicode scalar) in the text.
        public var position: Int

        /// The character as ``escaped(_:)`` shows it, e.g. `\u{1B}`.
        public var escaped: String { ControlCharacters.escape(scalar) }
    }

    /// Whether `scalar` is a control character (C0, DEL or C1; TAB, CR and LF included).
    @inlinable
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value <= 0x9F)
    }

    /// The first control character in `text`, or nil.
    /// - Parameter allowingLayout: TAB, CR and LF are allowed (a multi-line cell's layout); every other control
    ///   character is still found.
    public static func first(in text: String, allowingLayout: Bool = false) -> Found? {
        if let found = text.utf8.withContiguousStorageIfAvailable({ first(inUTF8: $0, allowingLayout: allowingLayout) }) {
            return found
        }
        return first(inUTF8: Array(text.utf8), allowingLayout: allowingLayout)
    }

    /// The first control character in UTF-8 `bytes`, or nil. Malformed UTF-8 is not judged here.
    public static func first(inUTF8 bytes: [UInt8], allowingLayout: Bool = false) -> Found? {
        bytes.withUnsafeBufferPointer { first(inUTF8: $0, allowingLayout: allowingLayout) }
    }

    static func first(inUTF8 bytes: UnsafeBufferPointer<UInt8>, allowingLayout: Bool) -> Found? {
        var index = bytes.startIndex
        let end = bytes.endIndex
        while index < end {
            let byte = bytes[index]
            // The common case first: printable ASCII, and UTF-8 bytes that cannot start a C1 character.
            if byte >= 0x20 && byte != 0x7F && byte != 0xC2 {
                index += 1
                continue
            }
            var scalar: Unicode.Scalar?
            if byte == 0xC2 {
                let next = index + 1
                if next < end, bytes[next] >= 0x80 && bytes[next] <= 0x9F { scalar = Unicode.Scalar(UInt32(bytes[next])) }
            } else if !(allowingLayout && (byte == 0x09 || byte == 0x0A || byte == 0x0D)) {
                scalar = Unicode.Scalar(byte)
            }
            if let scalar {
                // Position in characters: count the bytes that start a UTF-8 sequence.
                var position = 1
                var i = bytes.startIndex
                while i < index {
                    if bytes[i] & 0xC0 != 0x80 { position += 1 }
                    i += 1
                }
                return Found(scalar: scalar, position: position)
            }
            index += 1
        }
        return nil
    }

    /// Whether `text` holds any control character (TAB, CR and LF included).
    public static func contains(in text: String) -> Bool { first(in: text) != nil }

    /// `text` with every control character shown as an escape, so that printing it cannot move the cursor, change
    /// colours, ring the bell or rewrite the line: `"\u{1B}[31m"` becomes the nine characters `\u{1B}[31m`; TAB, CR
    /// and LF become `\t`, `\r`, `\n`. Text without control characters is returned as it is (no copy).
    ///
    /// Use it wherever text from a job file or from an API is printed for people.
    public static func escaped(_ text: String) -> String {
        guard first(in: text) != nil else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isControl(scalar) { out.append(contentsOf: escape(scalar).unicodeScalars) } else { out.append(scalar) }
        }
        return String(out)
    }

    /// One control character as an escape: `\t`, `\r`, `\n`, or `\u{XX}` (hex, upper case).
    public static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\t": return "\\t"
        case "\r": return "\\r"
        case "\n": return "\\n"
        default:
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "\\u{" + (hex.count < 2 ? "0" + hex : hex) + "}"
        }
    }
}

extension String {
    /// The text with control characters escaped for display (see ``ControlCharacters/escaped(_:)``).
    public var escapingControlCharacters: String { ControlCharacters.escaped(self) }
}
