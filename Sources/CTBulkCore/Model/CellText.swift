/// Helpers for the text of one spreadsheet cell, shared by every field parser.
public enum CellText {
    /// Characters Excel and people leave around values: spaces of every width, NBSP, tabs.
    static func isPadding(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0xA0, 0x202F, 0x2007, 0x2009, 0xFEFF, 0x200B: return true
        default: return false
        }
    }

    /// Trims spaces, tabs, NBSP and zero-width characters at both ends.
    public static func trim(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isPadding($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isPadding($0) })!
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return text }
        return String(scalars[first...last])
    }

    /// Excel's error values as they end up in an exported CSV, Russian and English.
    static let excelErrors: Set<String> = [
        "#N/A", "#VALUE!", "#REF!", "#NAME?", "#DIV/0!", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA",
        "#Н/Д", "#ЗНАЧ!", "#ССЫЛКА!", "#ИМЯ?", "#ДЕЛ/0!", "#ЧИСЛО!", "#ПУСТО!", "#ПЕРЕНОС!", "#ВЫЧИСЛ!",
    ]

    /// Whether the cell holds an Excel error value (`#Н/Д`, `#ЗНАЧ!`, `#N/A`, ...).
    public static func isExcelError(_ text: String) -> Bool {
        guard text.hasPrefix("#") else { return false }
        return excelErrors.contains(text.uppercased())
    }

    /// `7,9E+10`, `7.9E+10`, `79E9`: a number Excel displayed in scientific notation; the digits are gone.
    public static func isScientific(_ text: String) -> Bool {
        var sawDigit = false, sawE = false, digitAfterE = false
        var index = text.unicodeScalars.startIndex
        let scalars = text.unicodeScalars
        if index < scalars.endIndex, scalars[index] == "+" || scalars[index] == "-" { index = scalars.index(after: index) }
        var sawSeparator = false
        while index < scalars.endIndex {
            let c = scalars[index]
            switch c {
            case "0"..."9":
                if sawE { digitAfterE = true } else { sawDigit = true }
            case ".", ",":
                if sawE || sawSeparator { return false }
                sawSeparator = true
            case "e", "E", "е", "Е":  // a Cyrillic е from a Russian keyboard too
                if sawE || !sawDigit { return false }
                sawE = true
                let next = scalars.index(after: index)
                if next < scalars.endIndex, scalars[next] == "+" || scalars[next] == "-" { index = next }
            default:
                return false
            }
            index = scalars.index(after: index)
        }
        return sawDigit && sawE && digitAfterE
    }

    /// `79001234567.0` / `79001234567,0` (pandas, 1C, Google Sheets): the digits without the exact float tail,
    /// or nil when there is no such tail.
    public static func strippingFloatTail(_ text: String) -> String? {
        guard text.count > 2, text.hasSuffix(".0") || text.hasSuffix(",0") else { return nil }
        let body = text.dropLast(2)
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return String(body)
    }

    // MARK: Formula neutralisation (one rule for writing and reading)

    /// The first characters that make a spreadsheet run a cell as a formula (or, for TAB and CR, hide a formula
    /// behind them): `=`, `+`, `-`, `@`, TAB, CR. The single rule behind ``neutralised(_:)`` (what ctbulk writes)
    /// and ``removingNeutralisation(_:)`` (what it reads back), so the two cannot drift apart.
    public static func isFormulaLead(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "=", "+", "-", "@", "\t", "\r": return true
        default: return false
        }
    }

    /// Whether ctbulk's writers neutralise `text`: it starts with a ``isFormulaLead(_:)`` character.
    public static func needsNeutralisation<S: StringProtocol>(_ text: S) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        return isFormulaLead(first)
    }

    /// The cell as ctbulk writes it into a CSV: an apostrophe before a formula-like cell, so a spreadsheet shows it
    /// as text instead of running it.
    public static func neutralised(_ cell: String) -> String {
        needsNeutralisation(cell) ? "'" + cell : cell
    }

    /// Removes the apostrophe ctbulk adds (``neutralised(_:)``), so its own reports re-upload as they are: exactly
    /// when the rest of the cell is something the writer neutralises (`'=x` → `=x`, `'\t=1+1` → `\t=1+1`).
    /// Apply it to the cell as read, before trimming: the writer neutralised the cell untrimmed.
    public static func removingNeutralisation(_ text: String) -> String {
        guard text.utf8.first == UInt8(ascii: "'") else { return text }
        let rest = text.unicodeScalars.dropFirst()
        guard let second = rest.first, isFormulaLead(second) else { return text }
        return String(rest)
    }
}
