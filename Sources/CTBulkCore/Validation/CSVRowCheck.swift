/// The fast path of CSV validation: judges a record on its bytes, without building a `String` per cell, a
/// dictionary per row or a problem per note. It accepts only rows it can prove clean — every rule of ``RowBuilder``
/// holds and the only problems are `phone.normalized` notes — and answers "slow" for anything else (padding, an
/// apostrophe, `#`, `[]`, a float tail, letters in a number, a time-out out of range, a missing field, a loop,
/// control characters, malformed UTF-8, text that is not its own NFC...). Slow rows take the reference path (decode
/// every cell, ``RowBuilder/build(row:cells:)``), so codes, columns, values and messages are the reference's.
/// `CSVFastPathTests` checks the two agree.
struct CSVRowCheck {
    /// What a column feeds, as far as the fast path cares.
    enum Role: UInt8 {
        case ignored, phone, redirect, reserve, timeout, flag, pool, source, display, other
    }

    enum Verdict { case clean, blank, slow }

    /// A row the fast path accepted.
    struct Clean {
        /// The static number, `7xxxxxxxxxx` as an integer.
        var number: UInt64 = 0
        var fingerprint: UInt64 = 0
        /// Columns whose number was normalised (a `phone.normalized` note each), by column index; -1 = none.
        var noteColumns: (Int, Int, Int) = (-1, -1, -1)
        var noteCount = 0
        /// The canonical numbers of those notes, in the same order.
        var noteNumbers: (UInt64, UInt64, UInt64) = (0, 0, 0)
    }

    let roles: [Role]
    let tags: [SettingsFingerprint.Tag?]
    /// Mapped columns in fingerprint order (the tag order).
    let fingerprintOrder: [Int]
    let utf8: Bool
    let width: Int
    /// ``Windows1251/utf8Packed``, held here so the hot loop reads no global.
    private let windows1251UTF8: UnsafePointer<UInt32>
    /// Made once, never freed (like any table of the program); immutable after.
    nonisolated(unsafe) private static let windows1251Table: UnsafePointer<UInt32> = {
        let table = UnsafeMutablePointer<UInt32>.allocate(capacity: 128)
        table.initialize(from: Windows1251.utf8Packed, count: 128)
        return UnsafePointer(table)
    }()

    init(layout: CSVLayout) {
        width = layout.header.count
        utf8 = layout.dialect.encoding != .windows1251
        var roles: [Role] = []
        var tags: [SettingsFingerprint.Tag?] = []
        for index in 0..<width {
            let column = index < layout.columns.count ? layout.columns[index] : nil
            switch column {
            case nil: roles.append(.ignored); tags.append(nil)
            case .phoneNumber?: roles.append(.phone); tags.append(nil)
            case .redirectType?: roles.append(.other); tags.append(nil)
            case .setting(let field)?:
                switch field {
                case .poolName: roles.append(.pool); tags.append(.pool)
                case .source: roles.append(.source); tags.append(.source)
                case .medium: roles.append(.display); tags.append(.medium)
                case .campaign: roles.append(.display); tags.append(.campaign)
                case .content: roles.append(.display); tags.append(.content)
                case .keyword: roles.append(.display); tags.append(.keyword)
                case .redirectNumber: roles.append(.redirect); tags.append(.redirect)
                case .reserveNumber: roles.append(.reserve); tags.append(.reserve)
                case .reserveTimeOut: roles.append(.timeout); tags.append(.timeout)
                case .ignoreEarlyMedia: roles.append(.flag); tags.append(.flag)
                }
            }
        }
        self.roles = roles
        self.tags = tags
        windows1251UTF8 = Self.windows1251Table
        fingerprintOrder = tags.indices.filter { tags[$0] != nil }.sorted { tags[$0]!.rawValue < tags[$1]!.rawValue }
    }

    // Presence bits.
    private static let phoneBit: UInt16 = 1, redirectBit: UInt16 = 2, reserveBit: UInt16 = 4, timeoutBit: UInt16 = 8
    private static let flagBit: UInt16 = 16, poolBit: UInt16 = 32, sourceBit: UInt16 = 64, displayBit: UInt16 = 128

    /// Judges one record (no oversized cell). On `.clean`, `out` holds the number, the fingerprint and the notes.
    func check(_ batch: CSVBatch, _ span: CSVParser.Span, into out: inout Clean) -> Verdict {
        var given: UInt16 = 0
        var phone: UInt64 = 0, redirect: UInt64 = 0, reserve: UInt64 = 0
        var timeout = 0
        var flag = false
        var notes = 0
        var nonEmpty = false
        let columns = min(span.cellCount, width)
        if span.cellCount > width {
            for cell in (span.firstCell + width)..<(span.firstCell + span.cellCount) where batch.cellEnds[cell] != batch.cellStart(cell) {
                return .slow
            }
        }
        var column = 0
        while column < columns {
            defer { column += 1 }
            let cell = batch.cell(span.firstCell + column)
            if cell.isEmpty { continue }
            nonEmpty = true
            let role = roles[column]
            // Control characters anywhere, malformed or non-NFC UTF-8: the reference path says what is wrong.
            if utf8 {
                guard Self.scanUTF8(cell) else { return .slow }
            } else {
                guard Self.scanSingleByte(cell) else { return .slow }
            }
            if role == .ignored { continue }
            // Padding to trim, the apostrophe ctbulk writes, an Excel error value: the reference path.
            let first = cell[0]
            if first == 0x27 || first == 0x23 || hasPadding(cell) { return .slow }
            switch role {
            case .phone, .redirect, .reserve:
                guard let (number, changed) = Self.phone(cell) else { return .slow }
                if changed {
                    switch notes {
                    case 0: out.noteColumns.0 = column; out.noteNumbers.0 = number
                    case 1: out.noteColumns.1 = column; out.noteNumbers.1 = number
                    default: out.noteColumns.2 = column; out.noteNumbers.2 = number
                    }
                    notes += 1
                }
                switch role {
                case .phone: phone = number; given |= Self.phoneBit
                case .redirect: redirect = number; given |= Self.redirectBit
                default: reserve = number; given |= Self.reserveBit
                }
            case .timeout:
                guard cell.count <= 3 else { return .slow }
                var value = 0
                for b in cell {
                    let digit = b &- 0x30
                    guard digit < 10 else { return .slow }
                    value = value * 10 + Int(digit)
                }
                guard value >= 10 && value <= 120 else { return .slow }
                timeout = value
                given |= Self.timeoutBit
            case .flag:
                guard cell.count <= 12, let value = CellText.parseBool(decode(cell)) else { return .slow }
                flag = value
                given |= Self.flagBit
            case .pool, .source, .display:
                if cell.count == 2 && cell[0] == 0x5B && cell[1] == 0x5D { return .slow }  // `[]`
                given |= role == .pool ? Self.poolBit : role == .source ? Self.sourceBit : Self.displayBit
            case .ignored, .other:
                return .slow
            }
        }
        if !nonEmpty {
            return span.cellCount > columns ? .slow : .blank
        }
        // RowBuilder's rules across the row's cells: anything it would report goes the reference path.
        guard given & Self.phoneBit != 0 else { return .slow }
        let display = given & (Self.sourceBit | Self.displayBit) != 0
        if display && given & Self.sourceBit == 0 { return .slow }
        let reserveGiven = given & (Self.reserveBit | Self.timeoutBit | Self.flagBit) != 0
        if reserveGiven && given & (Self.reserveBit | Self.timeoutBit | Self.redirectBit)
            != (Self.reserveBit | Self.timeoutBit | Self.redirectBit) { return .slow }
        let redirectGiven = given & Self.redirectBit != 0
        if !display && !redirectGiven && given & Self.poolBit == 0 { return .slow }
        if redirect != 0 && redirect == phone { return .slow }
        if reserve != 0 && (reserve == phone || reserve == redirect) { return .slow }

        var fingerprint = SettingsFingerprint()
        for column in fingerprintOrder where column < columns {
            let cell = batch.cell(span.firstCell + column)
            if cell.isEmpty { continue }
            let tag = tags[column]!
            fingerprint.tag(tag)
            switch tag {
            case .redirect: fingerprint.integer(redirect)
            case .reserve: fingerprint.integer(reserve)
            case .timeout: fingerprint.integer(UInt64(timeout))
            case .flag: fingerprint.byte(flag ? 1 : 0)
            default:
                if utf8 { fingerprint.utf8(cell) } else { fingerprint.windows1251(cell, table: windows1251UTF8) }
            }
        }
        out.number = phone
        out.fingerprint = fingerprint.value
        out.noteCount = notes
        return .clean
    }

    /// A cell's text in the file's encoding.
    func decode(_ cell: UnsafeBufferPointer<UInt8>) -> String {
        utf8 ? String(decoding: cell, as: UTF8.self) : Windows1251.decode(cell)
    }

    /// Padding the reference path trims: space or NBSP at either end (TAB is a control character, caught before).
    @inline(__always) private func hasPadding(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        let first = cell[0], last = cell[cell.count - 1]
        if first == 0x20 || last == 0x20 { return true }
        if !utf8 { return first == 0xA0 || last == 0xA0 }
        if first < 0x80 && last < 0x80 { return false }
        return Self.utf8Padding(cell, atStart: true) || Self.utf8Padding(cell, atStart: false)
    }

    /// NBSP (C2 A0), U+2007, U+2009, U+200B, U+202F (E2 80 87/89/8B/AF), U+FEFF (EF BB BF) at one end.
    private static func utf8Padding(_ cell: UnsafeBufferPointer<UInt8>, atStart: Bool) -> Bool {
        let n = cell.count
        if n >= 2 {
            let (a, b) = atStart ? (cell[0], cell[1]) : (cell[n - 2], cell[n - 1])
            if a == 0xC2 && b == 0xA0 { return true }
        }
        if n >= 3 {
            let (a, b, c) = atStart ? (cell[0], cell[1], cell[2]) : (cell[n - 3], cell[n - 2], cell[n - 1])
            if a == 0xE2 && b == 0x80 && (c == 0x87 || c == 0x89 || c == 0x8B || c == 0xAF) { return true }
            if a == 0xEF && b == 0xBB && c == 0xBF { return true }
        }
        return false
    }

    /// No C0 control character or DEL (Windows-1251 has no C1 characters), and not 0x98, the one byte Windows-1251
    /// leaves undefined (decoded as U+FFFD, written back as `?`: the reference path keeps reports byte-identical).
    @inline(__always) static func scanSingleByte(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in cell where b < 0x20 || b == 0x7F || b == 0x98 { return false }
        return true
    }

    /// Well-formed UTF-8 with no control character (C0, DEL, C1) and every scalar NFC-stable
    /// (``SettingsFingerprint/isNFCStable(_:)``).
    static func scanUTF8(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let n = cell.count
        while index < n {
            let b0 = cell[index]
            if b0 < 0x80 {
                if b0 < 0x20 || b0 == 0x7F { return false }
                index += 1
                continue
            }
            var scalar: UInt32
            if b0 & 0xE0 == 0xC0 {
                guard b0 >= 0xC2, index + 1 < n, cell[index + 1] & 0xC0 == 0x80 else { return false }
                scalar = UInt32(b0 & 0x1F) << 6 | UInt32(cell[index + 1] & 0x3F)
                index += 2
            } else if b0 & 0xF0 == 0xE0 {
                guard index + 2 < n, cell[index + 1] & 0xC0 == 0x80, cell[index + 2] & 0xC0 == 0x80 else { return false }
                scalar = UInt32(b0 & 0x0F) << 12 | UInt32(cell[index + 1] & 0x3F) << 6 | UInt32(cell[index + 2] & 0x3F)
                guard scalar >= 0x800, !(0xD800...0xDFFF).contains(scalar) else { return false }
                index += 3
            } else {
                return false  // 4-byte scalars (emoji...) are not NFC-stable by this rule: the reference path
            }
            if scalar < 0xA0 || !SettingsFingerprint.isNFCStable(scalar) { return false }
        }
        return true
    }

    /// A number in one of the plain shapes (digits, spaces, parentheses, hyphens, a leading `+`): 11 digits
    /// starting with 7, or (without `+`) 11 starting with 8 or 10 starting with 9. Returns the canonical number and
    /// whether the text differed from it (the `phone.normalized` note); nil for anything else.
    @inline(__always) static func phone(_ cell: UnsafeBufferPointer<UInt8>) -> (UInt64, Bool)? {
        var value: UInt64 = 0
        var digits = 0
        var first: UInt8 = 0
        var plus = false
        var separator = false
        for b in cell {
            let digit = b &- 0x30
            if digit < 10 {
                if digits == 0 { first = b }
                digits += 1
                if digits > 11 { return nil }
                value = value &* 10 &+ UInt64(digit)
            } else if b == 0x2B && digits == 0 && !plus {
                plus = true
            } else if b == 0x20 || b == 0x28 || b == 0x29 || b == 0x2D {
                separator = true
            } else {
                return nil
            }
        }
        switch (digits, first) {
        case (11, 0x37): return (value, separator || plus)
        case (11, 0x38) where !plus: return (value - 10_000_000_000, true)
        case (10, 0x39) where !plus: return (value + 70_000_000_000, true)
        default: return nil
        }
    }
}
