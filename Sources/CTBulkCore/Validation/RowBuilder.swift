/// One cell of a row, tied to the field it feeds.
public struct FieldCell: Sendable {
    public var column: JobColumn
    /// The column as the file names it (the header cell, or the JSON path).
    public var name: String
    public var raw: String

    public init(column: JobColumn, name: String, raw: String) {
        self.column = column; self.name = name; self.raw = raw
    }
}

/// The result of turning one row's cells into a ``JobRow``: the row (nil when its number is unusable) and every
/// problem found in it.
public struct BuiltRow: Sendable {
    public var row: Int
    public var jobRow: JobRow?
    public var problems: [Problem]

    public var worst: Severity? { problems.map(\.severity).max() }
    public var hasErrors: Bool { problems.contains { $0.severity == .error } }
}

/// Parses and checks one row: normalises the phone numbers, parses the time-out and the flag, and applies the rules of
/// the API document (required-if, ranges, loops). Rules across rows live in ``DuplicateIndex``.
public enum RowBuilder {
    public static func build(row: Int, cells: [FieldCell]) -> BuiltRow {
        var problems: [Problem] = []
        var phone: PhoneNumber?
        var phoneCell: FieldCell?
        var settings = NumberSettings()
        var display = DisplayOptions()
        var redirect = RedirectOptions()
        var reserve = ReserveRedirect()
        var redirectTypeGiven = false
        var names: [JobColumn: String] = [:]

        func problem(_ code: ProblemCode, _ cell: FieldCell, details: [String: String] = [:]) {
            problems.append(Problem(code, row: row, column: cell.name, value: cell.raw, details: details))
        }

        func parsePhone(_ cell: FieldCell) -> PhoneNumber? {
            switch PhoneNumber.normalize(CellText.removingNeutralisation(cell.raw)) {
            case .number(let number, let note):
                if let note { problem(note, cell, details: ["normalized": number.digits]) }
                return number
            case .rejected(let code):
                let text = CellText.removingNeutralisation(cell.raw)
                problem(code, cell, details: code == .phoneExtension ? ["extension": PhoneNumber.extensionPart(of: text) ?? ""] : [:])
                return nil
            }
        }

        for cell in cells {
            names[cell.column] = cell.name
            // The apostrophe ctbulk's writers add went before the untrimmed cell: remove it first, then trim.
            let text = CellText.trim(CellText.removingNeutralisation(cell.raw))
            if text.isEmpty { continue }
            // Every field the API takes is single-line: any control character left after trimming (a line break or
            // tab inside the value, ESC, NUL, DEL, C1) is an error, and the cell is not parsed further.
            if let found = ControlCharacters.first(in: text) {
                problems.append(Problem(.controlCharacter, row: row, column: cell.name, value: cell.raw,
                                        details: ["character": found.escaped,
                                                  "position": String(CellText.positionInRaw(found.position, raw: cell.raw))]))
                if cell.column == .phoneNumber { phoneCell = cell }
                continue
            }
            if cell.column != .phoneNumber, CellText.isExcelError(text) {
                problem(.excelError, cell)
                continue
            }
            switch cell.column {
            case .phoneNumber:
                phoneCell = cell
                phone = parsePhone(cell)
            case .redirectType:
                redirectTypeGiven = true
                if text.uppercased() != "PSTN" { problem(.redirectTypeInvalid, cell) }
            case .setting(let field):
                if text == "[]" {
                    // "Clear this field" (Google Ads Editor's convention), for the optional display texts only.
                    guard NumberSettings.clearableFields.contains(field) else {
                        problem(.clearNotAllowed, cell)
                        continue
                    }
                    display.markCleared(field)
                    continue
                }
                switch field {
                case .poolName: settings.poolName = text
                case .source: display.source = text
                case .medium: display.medium = text
                case .campaign: display.campaign = text
                case .content: display.content = text
                case .keyword: display.keyword = text
                case .redirectNumber:
                    redirectTypeGiven = true
                    redirect.redirectNumber = parsePhone(cell)
                case .reserveNumber:
                    reserve.reserveNumber = parsePhone(cell)
                case .reserveTimeOut:
                    var digits = CellText.strippingSecondsUnit(text) ?? text  // `30 сек`, `30s`
                    if let stripped = CellText.strippingFloatTail(text) {
                        digits = stripped
                        problem(.timeoutFloatTail, cell)
                    }
                    if let seconds = Int(digits) {
                        reserve.reserveTimeOut = seconds
                        if !(10...120).contains(seconds) { problem(.reserveTimeoutRange, cell) }
                    } else {
                        problem(.reserveTimeoutFormat, cell)
                    }
                case .ignoreEarlyMedia:
                    if let flag = CellText.parseBool(text) { reserve.ignoreEarlyMedia = flag } else { problem(.boolFormat, cell) }
                }
            }
        }

        // Which parts the row meant to give, including cells that failed to parse (so we do not also report
        // "required" for a field that is present but wrong).
        func given(_ column: JobColumn) -> Bool {
            cells.contains { $0.column == column && !CellText.trim($0.raw).isEmpty }
        }
        func rowProblem(_ code: ProblemCode, _ column: JobColumn, value: String? = nil, details: [String: String] = [:]) {
            problems.append(Problem(code, row: row, column: names[column] ?? column.csvName, value: value, details: details))
        }

        if phoneCell == nil || !given(.phoneNumber) {
            rowProblem(.phoneMissing, .phoneNumber, value: "")
        }

        let displayGiven = [SettingField.source, .medium, .campaign, .content, .keyword].contains { given(.setting($0)) }
        if displayGiven && !given(.setting(.source)) { rowProblem(.displaySourceRequired, .setting(.source), value: "") }
        let reserveGiven = [SettingField.reserveNumber, .reserveTimeOut, .ignoreEarlyMedia].contains { given(.setting($0)) }
        let redirectGiven = redirectTypeGiven || given(.setting(.redirectNumber)) || reserveGiven
        if reserveGiven {
            if !given(.setting(.reserveNumber)) { rowProblem(.reserveNumberRequired, .setting(.reserveNumber), value: "") }
            if !given(.setting(.reserveTimeOut)) { rowProblem(.reserveTimeoutRequired, .setting(.reserveTimeOut), value: "") }
            if !given(.setting(.redirectNumber)) { rowProblem(.reservePrimaryRequired, .setting(.redirectNumber), value: "") }
        } else if redirectGiven && !given(.setting(.redirectNumber)) {
            rowProblem(.redirectNumberRequired, .setting(.redirectNumber), value: "")
        }
        if !displayGiven && !redirectGiven && !given(.setting(.poolName)) && given(.phoneNumber) {
            rowProblem(.nothingToSet, .phoneNumber, value: phoneCell?.raw)
        }

        if let phone {
            if let target = redirect.redirectNumber, target == phone {
                rowProblem(.redirectLoop, .setting(.redirectNumber), value: target.digits)
            }
            if let target = reserve.reserveNumber, target == phone {
                rowProblem(.reserveLoop, .setting(.reserveNumber), value: target.digits)
            }
        }
        if let primary = redirect.redirectNumber, let backup = reserve.reserveNumber, primary == backup {
            rowProblem(.reserveSameAsPrimary, .setting(.reserveNumber), value: backup.digits)
        }

        if !display.isEmpty { settings.displayOptions = display }
        if !reserve.isEmpty { redirect.reserve = reserve }
        if !redirect.isEmpty { settings.redirectOptions = redirect }

        let jobRow = phone.map { JobRow(row: row, phoneNumber: $0, settings: settings) }
        return BuiltRow(row: row, jobRow: jobRow, problems: problems)
    }
}

extension CellText {
    /// A 1-based position in the value as RowBuilder reads it (apostrophe removed, trimmed) as a position in the
    /// cell as written.
    static func positionInRaw(_ position: Int, raw: String) -> Int {
        let unneutralised = removingNeutralisation(raw)
        let apostrophe = unneutralised.utf8.count == raw.utf8.count ? 0 : 1
        return position + apostrophe + unneutralised.unicodeScalars.prefix(while: isPadding).count
    }

    /// `30 сек`, `30 с`, `30с`, `30 s`, `30s`, `30 sec`, `30 секунд`: the number without its unit of seconds; nil
    /// when the text has no such unit.
    public static func strippingSecondsUnit(_ text: String) -> String? {
        let lower = text.lowercased()
        for unit in ["секунды", "секунд", "секунда", "сек.", "сек", "с.", "с", "seconds", "second", "secs", "sec.", "sec", "s", "c"]
        where lower.hasSuffix(unit) {
            let number = trim(String(text.dropLast(unit.count)))
            if let last = number.last, last.isASCII, last.isNumber { return number }
        }
        return nil
    }

    /// true/false, 1/0, yes/no, да/нет, ИСТИНА/ЛОЖЬ (Excel's Russian booleans), y/n, on/off, вкл/выкл.
    public static func parseBool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "1", "yes", "y", "on", "да", "д", "истина", "вкл": return true
        case "false", "0", "no", "n", "off", "нет", "н", "ложь", "выкл": return false
        default: return nil
        }
    }
}
